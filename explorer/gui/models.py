"""Qt item models adapting the core objects. Views never edit data themselves: setData and
dropMimeData push undo commands on the document, and the models refresh from the
document's ``evaluated`` signal."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import (QAbstractListModel, QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt)
from PySide6.QtGui import QBrush, QColor, QFont

from ..core.rules import KIND_LABELS, SEVERITY_RANK
from .mime import SEATS_MIME, seats_from_mime, seats_mime
from .style import SEVERITY_LABELS, pool_colour, severity_icon, swatch_icon, tint

SORT_ROLE = Qt.UserRole + 1
AC_ROLE = Qt.UserRole + 2
SEVERITY_ROLE = Qt.UserRole + 3


def _worst(conflicts) -> str | None:
    if not conflicts:
        return None
    return min((c.severity for c in conflicts), key=SEVERITY_RANK.__getitem__)


def conflict_tooltip(conflicts) -> str:
    return "\n".join(f"{SEVERITY_LABELS[c.severity]}: {c.message}" for c in conflicts)


class SeatTableModel(QAbstractTableModel):
    """All seats: static columns from the data set, live columns from the evaluation."""
    COLUMNS = ["No.", "Constituency", "District", "PC", "SC", "Baseline", "Pool", "Projected",
               "Margin", "Adj.", "⚑"]
    (C_NO, C_NAME, C_DISTRICT, C_PC, C_SC, C_BASE, C_POOL, C_WIN, C_MARGIN, C_ADJ, C_CONFLICT) = range(11)
    TIPS = {C_NO: "Constituency number (ECI, 2008 delimitation)", C_SC: "Reserved for Scheduled Castes",
            C_BASE: "Leader in the baseline election and its lead (points of the valid vote)",
            C_POOL: "Who fields the alliance candidate: a partner alone, Contested (both) or Unassigned",
            C_WIN: "Projected winner under this split and the assumptions",
            C_MARGIN: "Projected margin, points of the valid vote: + the alliance wins, − it loses",
            C_ADJ: "Your per-seat adjustment for the alliance candidate, in points (double-click to edit)",
            C_CONFLICT: "Conflicts with the negotiation's rules"}

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        seats = doc.dataset.seats
        self._seats = seats
        f = seats.frame
        self._static = list(zip(seats.ac_no.tolist(), seats.names, f["district"].astype(str).tolist(),
                                f["pc_name"].astype(str).tolist(), seats.is_sc.tolist()))
        self._bold = QFont()
        self._bold.setBold(True)
        self._apply(doc.evaluation)
        doc.evaluated.connect(self._on_evaluated)

    # -- refresh ---------------------------------------------------------------------
    def _apply(self, ev) -> None:
        pr, pj = ev.projection, ev.projector
        pb = pj.prepared
        self._ev = ev
        self._pool = self.doc.scenario.pool.copy()
        self._winner = pr.winner
        self._alliance_won = pr.alliance_won
        self._margin_pts = np.where(pr.alliance_won, pr.margin_pts, -pr.margin_pts)
        self._margin_votes = pr.margin_votes
        self._parties = pr.parties
        self._lead = pb.leader
        self._lead_pts = pb.leader_margin_pts
        self._lead_votes = pb.leader_margin
        self._adjust = self.doc.scenario.assumptions.seat_adjust
        self._conflicts = ev.conflicts_by_seat()

    def _on_evaluated(self, ev) -> None:
        self._apply(ev)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, self.C_BASE), self.index(self.rowCount() - 1, self.C_CONFLICT))

    # -- Qt model API ----------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._static)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal:
            if role == Qt.DisplayRole:
                return self.COLUMNS[section]
            if role == Qt.ToolTipRole:
                return self.TIPS.get(section)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled
        if index.column() == self.C_ADJ:
            f |= Qt.ItemIsEditable
        return f

    def ac_no(self, row: int) -> int:
        return self._static[row][0]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        ac, name, district, pc, sc = self._static[r]
        pools = self.doc.pools
        if role == AC_ROLE:
            return ac
        if role == Qt.DisplayRole:
            if c == self.C_NO:
                return str(ac)
            if c == self.C_NAME:
                return name
            if c == self.C_DISTRICT:
                return district
            if c == self.C_PC:
                return pc
            if c == self.C_SC:
                return "SC" if sc else ""
            if c == self.C_BASE:
                return f"{self._parties[self._lead[r]]} +{self._lead_pts[r]:.1f}"
            if c == self.C_POOL:
                return pools.label(int(self._pool[r]))
            if c == self.C_WIN:
                return self._parties[self._winner[r]]
            if c == self.C_MARGIN:
                return f"{self._margin_pts[r]:+.1f}"
            if c == self.C_ADJ:
                v = self._adjust.get(ac)
                return f"{v:+g}" if v else ""
            return None
        if role == Qt.EditRole and c == self.C_ADJ:
            return float(self._adjust.get(ac, 0.0))
        if role == SORT_ROLE:
            if c == self.C_NO:
                return ac
            if c == self.C_SC:
                return int(sc)
            if c == self.C_BASE:
                return float(self._lead_pts[r])
            if c == self.C_POOL:
                return int(self._pool[r])
            if c == self.C_MARGIN:
                return float(self._margin_pts[r])
            if c == self.C_ADJ:
                return float(self._adjust.get(ac, 0.0))
            if c == self.C_CONFLICT:
                w = _worst(self._conflicts.get(ac))
                return 9 if w is None else SEVERITY_RANK[w]
            return self.data(index, Qt.DisplayRole)
        if role == Qt.DecorationRole:
            if c == self.C_POOL:
                p = int(self._pool[r])
                return swatch_icon(pool_colour(pools, p).name(), p == pools.contested)
            if c == self.C_WIN:
                return swatch_icon(self.doc.dataset.party_colour(self._parties[self._winner[r]]))
            if c == self.C_CONFLICT:
                w = _worst(self._conflicts.get(ac))
                return severity_icon(w) if w else None
            return None
        if role == Qt.ToolTipRole:
            cs = self._conflicts.get(ac)
            if c == self.C_CONFLICT or (c == self.C_NAME and cs):
                return conflict_tooltip(cs) if cs else None
            if c == self.C_WIN:
                ru = self._ev.projection.runner[r]
                return (f"{self._parties[self._winner[r]]} wins by {self._margin_votes[r]:,.0f} votes "
                        f"({abs(self._margin_pts[r]):.1f} pts) over {self._parties[ru] if ru >= 0 else '—'}")
            if c == self.C_BASE:
                return (f"Baseline: {self._parties[self._lead[r]]} led by {self._lead_votes[r]:,.0f} votes "
                        f"({self._lead_pts[r]:.1f} pts)")
            return None
        if role == Qt.TextAlignmentRole:
            if c in (self.C_NO, self.C_MARGIN, self.C_ADJ):
                return int(Qt.AlignRight | Qt.AlignVCenter)
            if c in (self.C_SC, self.C_CONFLICT):
                return int(Qt.AlignCenter)
            return None
        if role == Qt.ForegroundRole and c == self.C_MARGIN:
            return QBrush(QColor("#1B7F3B") if self._alliance_won[r] else QColor("#B3261E"))
        if role == Qt.BackgroundRole and c == self.C_POOL:
            return QBrush(tint(pool_colour(pools, int(self._pool[r])), 45))
        if role == Qt.FontRole and c == self.C_WIN and self._alliance_won[r]:
            return self._bold
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if role != Qt.EditRole or index.column() != self.C_ADJ:
            return False
        try:
            pts = float(value)
        except (TypeError, ValueError):
            return False
        if not -50.0 <= pts <= 50.0:
            return False
        ac = self.ac_no(index.row())
        a = self.doc.scenario.assumptions
        name = self.doc.dataset.seats.name(ac)
        return self.doc.set_assumptions(a.with_seat_adjust(ac, pts), f"Adjust {name} by {pts:+g} pts")

    # -- drag ------------------------------------------------------------------------
    def mimeTypes(self):
        return [SEATS_MIME]

    def mimeData(self, indexes):
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return seats_mime(self.ac_no(r) for r in rows)

    def supportedDragActions(self):
        return Qt.MoveAction | Qt.CopyAction

    # -- for filters -----------------------------------------------------------------
    def row_matches(self, row: int, text: str, district: str | None, pc: str | None, pool: int | None,
                    conflicts_only: bool) -> bool:
        ac, name, d, p, _ = self._static[row]
        if district and d != district:
            return False
        if pc and p != pc:
            return False
        if pool is not None and int(self._pool[row]) != pool:
            return False
        if conflicts_only and ac not in self._conflicts:
            return False
        if text:
            t = text.strip().lower()
            if t.isdigit():
                return str(ac) == t or t in name.lower()
            return t in name.lower()
        return True


class SeatFilterProxy(QSortFilterProxyModel):
    """Search (name or number) and filters (district, PC, pool, conflicts only)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.district: str | None = None
        self.pc: str | None = None
        self.pool: int | None = None
        self.conflicts_only = False
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)  # re-sorted on demand: a drop must not reorder under the cursor

    def set_filter(self, **kw) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            for k, v in kw.items():
                setattr(self, k, v)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            for k, v in kw.items():
                setattr(self, k, v)
            self.invalidateFilter()

    def refilter(self) -> None:
        """Re-apply the filters after the pools or conflicts changed."""
        self.set_filter()

    def filterAcceptsRow(self, row, parent):
        return self.sourceModel().row_matches(row, self.text, self.district, self.pc, self.pool,
                                              self.conflicts_only)


class PoolListModel(QAbstractListModel):
    """The seats of one pool; a drop here moves seats into this pool (one undo step)."""

    def __init__(self, doc, pool_index: int, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.pool_index = pool_index
        self.pool_key = doc.pools.key(pool_index)
        self._seats: list[int] = []
        self._conflicts: dict = {}
        self._refresh(doc.evaluation, reset=False)
        doc.evaluated.connect(self._on_evaluated)

    def _members(self) -> list[int]:
        sc = self.doc.scenario
        return [int(a) for a in sc.seats.ac_no[sc.pool == self.pool_index]]

    def _refresh(self, ev, reset=True) -> None:
        members = self._members()
        conflicts = ev.conflicts_by_seat()
        self._ev = ev
        if members != self._seats:
            if reset:
                self.beginResetModel()
            self._seats, self._conflicts = members, conflicts
            if reset:
                self.endResetModel()
        else:
            self._conflicts = conflicts
            if self._seats:
                self.dataChanged.emit(self.index(0), self.index(len(self._seats) - 1))

    def _on_evaluated(self, ev) -> None:
        self._refresh(ev)

    def seats(self) -> list[int]:
        return list(self._seats)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._seats)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemIsDropEnabled
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled | Qt.ItemIsDropEnabled

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        ac = self._seats[index.row()]
        seats = self.doc.dataset.seats
        if role == Qt.DisplayRole:
            return f"{ac} {seats.name(ac)}"
        if role == AC_ROLE:
            return ac
        cs = self._conflicts.get(ac)
        if role == Qt.DecorationRole:
            w = _worst(cs)
            if w:
                return severity_icon(w)
            pr = self._ev.projection
            return swatch_icon(self.doc.dataset.party_colour(pr.parties[pr.winner[seats.index_of(ac)]]))
        if role == Qt.ToolTipRole:
            i = seats.index_of(ac)
            pr = self._ev.projection
            tip = (f"{seats.name(ac)} ({ac}) · projected {pr.parties[pr.winner[i]]} by "
                   f"{pr.margin_pts[i]:.1f} pts")
            return tip + ("\n" + conflict_tooltip(cs) if cs else "")
        return None

    def mimeTypes(self):
        return [SEATS_MIME]

    def mimeData(self, indexes):
        return seats_mime(self._seats[i.row()] for i in indexes if i.isValid())

    def supportedDropActions(self):
        return Qt.MoveAction | Qt.CopyAction

    def supportedDragActions(self):
        return Qt.MoveAction | Qt.CopyAction

    def canDropMimeData(self, data, action, row, column, parent):
        return bool(seats_from_mime(data))

    def dropMimeData(self, data, action, row, column, parent):
        if action == Qt.IgnoreAction:
            return True
        seats = [a for a in seats_from_mime(data) if self.doc.dataset.seats.has(a)]
        if not seats:
            return False
        self.doc.move(seats, self.pool_key)
        return True  # the dragging view's removeRows is the base no-op: the command did the move


class ConflictListModel(QAbstractListModel):
    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        self._items = list(doc.evaluation.conflicts)
        doc.evaluated.connect(self._on_evaluated)

    def _on_evaluated(self, ev) -> None:
        if ev.conflicts != self._items:
            self.beginResetModel()
            self._items = list(ev.conflicts)
            self.endResetModel()

    def conflict(self, row: int):
        return self._items[row]

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._items)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        c = self._items[index.row()]
        if role == Qt.DisplayRole:
            return c.message
        if role == Qt.DecorationRole:
            return severity_icon(c.severity)
        if role == SEVERITY_ROLE:
            return c.severity
        if role == Qt.ToolTipRole:
            rule = next((r for r in self.doc.scenario.rules.rules if r.id == c.rule_id), None)
            src = f"\nSource: {rule.source}" if rule is not None and rule.source else ""
            return f"{SEVERITY_LABELS[c.severity]} · {KIND_LABELS.get(c.kind, c.kind)}\n{c.message}{src}"
        return None


class PcSplitModel(QAbstractTableModel):
    """Per-PC split: seats per pool and alliance wins, one row per Lok Sabha seat."""

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        pools = doc.pools
        self.headers = ["PC"] + [pools.label(i) for i in range(len(pools))] + ["Won"]
        self._apply(doc.evaluation)
        doc.evaluated.connect(self._on_evaluated)

    def _apply(self, ev):
        seats = self.doc.dataset.seats
        self._by_pc = ev.breakdown.by_pc
        self._won = np.bincount(seats.pc_index[ev.projection.alliance_won], minlength=len(seats.pc_names))

    def _on_evaluated(self, ev):
        self._apply(ev)
        self.dataChanged.emit(self.index(0, 1), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.doc.dataset.seats.pc_names)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.headers[section]
        if role == Qt.ToolTipRole and orientation == Qt.Horizontal:
            if section == 0:
                return "Parent Lok Sabha seat (PC) of the assembly seats"
            if section == len(self.headers) - 1:
                return "Seats the alliance is projected to win in this Lok Sabha seat's segments"
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.DisplayRole:
            if c == 0:
                return self.doc.dataset.seats.pc_names[r]
            if c == self.columnCount() - 1:
                return str(int(self._won[r]))
            v = int(self._by_pc[r, c - 1])
            return str(v) if v else "·"
        if role == Qt.TextAlignmentRole and c > 0:
            return int(Qt.AlignCenter)
        if role == Qt.ForegroundRole and c > 0 and c < self.columnCount() - 1:
            return QBrush(pool_colour(self.doc.pools, c - 1).darker(140))
        return None


class SwingModel(QAbstractTableModel):
    """Statewide swing per party (points); editing pushes an undo command."""

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        self._parties: list[str] = []
        self._reload()
        doc.assumptionsChanged.connect(self._reload)

    def _reload(self, *_):
        pb = self.doc.evaluation.projector.prepared
        # the parties with a candidate in the baseline, largest first; never IND or NOTA
        counts = {}
        for p in pb.parties:
            if p not in ("IND", "NOTA"):
                counts[p] = float(pb.votes[pb.party == pb.party_index[p]].sum())
        ranked = [p for p, v in sorted(counts.items(), key=lambda kv: -kv[1]) if v > 0][:8]
        swing = self.doc.scenario.assumptions.swing
        ranked += [p for p in swing if p not in ranked]
        if ranked != self._parties:
            self.beginResetModel()
            self._parties = ranked
            self.endResetModel()
        elif ranked:
            self.dataChanged.emit(self.index(0, 1), self.index(len(ranked) - 1, 1))

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._parties)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 2

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return ["Party", "Swing (pts)"][section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return f | Qt.ItemIsEditable if index.column() == 1 else f

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        p = self._parties[index.row()]
        if index.column() == 0:
            if role == Qt.DisplayRole:
                return p
            if role == Qt.DecorationRole:
                return swatch_icon(self.doc.dataset.party_colour(p))
            if role == Qt.ToolTipRole:
                return self.doc.dataset.party_names.get(p, p)
            return None
        v = self.doc.scenario.assumptions.swing.get(p, 0.0)
        if role == Qt.DisplayRole:
            return f"{v:+g}" if v else "0"
        if role == Qt.EditRole:
            return float(v)
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if role != Qt.EditRole or index.column() != 1:
            return False
        try:
            v = float(value)
        except (TypeError, ValueError):
            return False
        if not -30.0 <= v <= 30.0:
            return False
        p = self._parties[index.row()]
        a = self.doc.scenario.assumptions
        return self.doc.set_assumptions(a.with_swing(p, v), f"Swing {p} {v:+g} pts")


class RulesModel(QAbstractListModel):
    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        doc.rulesChanged.connect(self._reset)

    def _reset(self, *_):
        self.beginResetModel()
        self.endResetModel()

    def rule(self, row: int):
        return self.doc.scenario.rules.rules[row]

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.doc.scenario.rules.rules)

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r = self.rule(index.row())
        if role == Qt.DisplayRole:
            return f"{KIND_LABELS[r.kind]}: {r.describe(self.doc.dataset.seats)}"
        if role == Qt.CheckStateRole:
            return Qt.Checked if r.enabled else Qt.Unchecked
        if role == Qt.DecorationRole:
            return severity_icon(r.severity)
        if role == Qt.ToolTipRole:
            return f"Severity: {r.severity}\nSource: {r.source or '—'}"
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if role != Qt.CheckStateRole:
            return False
        from dataclasses import replace
        r = self.rule(index.row())
        on = Qt.CheckState(value) == Qt.Checked if not isinstance(value, bool) else value
        rules = self.doc.scenario.rules.replacing(index.row(), replace(r, enabled=on))
        return self.doc.set_rules(rules, f"{'Enable' if on else 'Disable'} rule {r.id}")
