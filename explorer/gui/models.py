"""Qt item models adapting the core objects. Views never edit data themselves: setData and
dropMimeData push undo commands on the document, and the models refresh from the
document's ``evaluated`` signal."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import (QAbstractListModel, QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt)
from PySide6.QtGui import QBrush, QColor, QFont

from ..core.rules import KIND_LABELS, SEVERITY_RANK
from .mime import SEATS_MIME, seats_from_mime, seats_mime
from .style import SEVERITY_LABELS, plain_rich, pool_colour, severity_icon, swatch_icon, tint

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
    """All seats: static columns from the data set, live columns from the evaluation.

    Every cell's text, sort key and icon is computed once per evaluation (a few hundred
    string formats at 90 seats); data() is then a lookup, and dataChanged is emitted only for
    the rows whose cells changed, so a drop repaints a handful of rows, not the table."""
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
    _ALIGN = {C_NO: int(Qt.AlignRight | Qt.AlignVCenter), C_MARGIN: int(Qt.AlignRight | Qt.AlignVCenter),
              C_ADJ: int(Qt.AlignRight | Qt.AlignVCenter), C_SC: int(Qt.AlignCenter),
              C_CONFLICT: int(Qt.AlignCenter)}

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        seats = doc.dataset.seats
        f = seats.frame
        self._static = list(zip(seats.ac_no.tolist(), seats.names, f["district"].astype(str).tolist(),
                                f["pc_name"].astype(str).tolist(), seats.is_sc.tolist()))
        self._bold = QFont()
        self._bold.setBold(True)
        self._won_brush = QBrush(QColor("#1B7F3B"))
        self._lost_brush = QBrush(QColor("#B3261E"))
        pools = doc.pools
        self._pool_brush = [QBrush(tint(pool_colour(pools, i), 45)) for i in range(len(pools))]
        self._pool_icon = [swatch_icon(pool_colour(pools, i).name(), i == pools.contested) for i in range(len(pools))]
        self._rows: list[tuple] = []
        self._apply(doc.evaluation)
        doc.evaluated.connect(self._on_evaluated)

    # -- refresh ---------------------------------------------------------------------
    def _apply(self, ev) -> list[int]:
        """Recompute every row's live cells; return the rows that changed."""
        pr, pb = ev.projection, ev.projector.prepared
        pools = self.doc.pools
        ds = self.doc.dataset
        self._ev = ev
        parties = pr.parties
        margin = np.where(pr.alliance_won, pr.margin_pts, -pr.margin_pts)
        adjust = self.doc.scenario.assumptions.seat_adjust
        conflicts = ev.conflicts_by_seat()
        self._conflicts = conflicts
        pool = self.doc.scenario.pool
        lead, lead_pts = pb.leader, pb.leader_margin_pts
        rows = []
        for r, (ac, name, district, pc, sc) in enumerate(self._static):
            p, w = int(pool[r]), int(pr.winner[r])
            cs = conflicts.get(ac)
            worst = _worst(cs)
            adj = adjust.get(ac, 0.0)
            rows.append((
                (str(ac), name, district, pc, "SC" if sc else "", f"{parties[lead[r]]} +{lead_pts[r]:.1f}",
                 pools.label(p), parties[w], f"{margin[r]:+.1f}", f"{adj:+g}" if adj else "", None),
                (ac, name, district, pc, int(sc), float(lead_pts[r]), p, parties[w], float(margin[r]),
                 float(adj), 9 if worst is None else SEVERITY_RANK[worst]),
                p, ds.party_colour(parties[w]), worst, bool(pr.alliance_won[r]), adj,
                conflict_tooltip(cs) if cs else None,
            ))
        old = self._rows
        self._rows = rows
        return [r for r in range(len(rows)) if not old or rows[r] != old[r]]

    def _on_evaluated(self, ev) -> None:
        changed = self._apply(ev)
        # one signal per run of consecutive changed rows
        start = prev = None
        for r in changed + [None]:
            if start is not None and (r is None or r != prev + 1):
                self.dataChanged.emit(self.index(start, self.C_BASE), self.index(prev, self.C_CONFLICT))
                start = None
            if r is not None and start is None:
                start = r
            prev = r

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
        row = self._rows[r]
        if role == Qt.DisplayRole:
            return row[0][c]
        if role == SORT_ROLE:
            return row[1][c]
        if role == Qt.DecorationRole:
            if c == self.C_POOL:
                return self._pool_icon[row[2]]
            if c == self.C_WIN:
                return swatch_icon(row[3])
            if c == self.C_CONFLICT and row[4]:
                return severity_icon(row[4])
            return None
        if role == Qt.TextAlignmentRole:
            return self._ALIGN.get(c)
        if role == Qt.BackgroundRole:
            return self._pool_brush[row[2]] if c == self.C_POOL else None
        if role == Qt.ForegroundRole:
            if c == self.C_MARGIN:
                return self._won_brush if row[5] else self._lost_brush
            return None
        if role == Qt.FontRole:
            return self._bold if c == self.C_WIN and row[5] else None
        if role == AC_ROLE:
            return self._static[r][0]
        if role == Qt.EditRole and c == self.C_ADJ:
            return float(row[6])
        if role == Qt.ToolTipRole:
            tip = self._tooltip(r, c)
            return plain_rich(tip) if tip else tip
        return None

    def _tooltip(self, r: int, c: int):
        tip = self._rows[r][7]
        if c == self.C_CONFLICT or (c == self.C_NAME and tip):
            return tip
        pr, pb = self._ev.projection, self._ev.projector.prepared
        parties = pr.parties
        if c == self.C_WIN:
            ru = pr.runner[r]
            return (f"{parties[pr.winner[r]]} wins by {pr.margin_votes[r]:,.0f} votes "
                    f"({pr.margin_pts[r]:.1f} pts) over {parties[ru] if ru >= 0 else '—'}")
        if c == self.C_BASE:
            return (f"Baseline: {parties[pb.leader[r]]} led by {pb.leader_margin[r]:,.0f} votes "
                    f"({pb.leader_margin_pts[r]:.1f} pts)")
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
        if pool is not None and self._rows[row][2] != pool:
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


ITEM_ROLE = Qt.UserRole + 4


class PoolListModel(QAbstractListModel):
    """The seats of one pool; a drop here moves seats into this pool (one undo step).
    Each item's text, icon and projected margin are computed once per evaluation."""

    def __init__(self, doc, pool_index: int, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.pool_index = pool_index
        self.pool_key = doc.pools.key(pool_index)
        self._seats: list[int] = []
        self._items: list[tuple] = []
        self._refresh(doc.evaluation, reset=False)
        doc.evaluated.connect(self._on_evaluated)

    def _refresh(self, ev, reset=True) -> None:
        sc = self.doc.scenario
        seats = sc.seats
        idx = np.flatnonzero(sc.pool == self.pool_index)
        members = seats.ac_no[idx].tolist()
        conflicts = ev.conflicts_by_seat()
        pr = ev.projection
        ds = self.doc.dataset
        items = []
        for i, ac in zip(idx.tolist(), members):
            cs = conflicts.get(ac)
            w = _worst(cs)
            won = bool(pr.alliance_won[i])
            icon = severity_icon(w) if w else swatch_icon(ds.party_colour(pr.parties[pr.winner[i]]))
            items.append((f"{ac} {seats.names[i]}", icon, f"{'+' if won else '−'}{pr.margin_pts[i]:.1f}", won,
                          i, cs))
        self._ev = ev
        if members != self._seats:
            if reset:
                self.beginResetModel()
            self._seats, self._items = members, items
            if reset:
                self.endResetModel()
        else:
            changed = [r for r, (a, b) in enumerate(zip(self._items, items)) if a[:4] != b[:4] or a[5] != b[5]]
            self._items = items
            for r in changed:
                self.dataChanged.emit(self.index(r), self.index(r))

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
        item = self._items[index.row()]
        if role == Qt.DisplayRole:
            return item[0]
        if role == ITEM_ROLE:
            return item
        if role == AC_ROLE:
            return self._seats[index.row()]
        if role == Qt.DecorationRole:
            return item[1]
        if role == Qt.ToolTipRole:
            i, cs = item[4], item[5]
            pr = self._ev.projection
            seats = self.doc.dataset.seats
            tip = (f"{seats.names[i]} ({self._seats[index.row()]}) · projected {pr.parties[pr.winner[i]]} by "
                   f"{pr.margin_votes[i]:,.0f} votes ({pr.margin_pts[i]:.1f} pts)")
            return plain_rich(tip + ("\n" + conflict_tooltip(cs) if cs else ""))
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
            return plain_rich(f"{SEVERITY_LABELS[c.severity]} · {KIND_LABELS.get(c.kind, c.kind)}\n{c.message}{src}")
        return None


class PcSplitModel(QAbstractTableModel):
    """Per-PC split: seats per pool and alliance wins, one row per Lok Sabha seat. Only the
    rows whose figures changed are signalled."""

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        pools = doc.pools
        self.headers = ["PC"] + [pools.label(i) for i in range(len(pools))] + ["Won"]
        self._brushes = [QBrush(pool_colour(pools, j).darker(140)) for j in range(len(pools))]
        self._center = int(Qt.AlignCenter)
        self._cells: list[tuple[str, ...]] = []
        self._apply(doc.evaluation)
        doc.evaluated.connect(self._on_evaluated)

    def _apply(self, ev) -> list[int]:
        seats = self.doc.dataset.seats
        won = np.bincount(seats.pc_index[ev.projection.alliance_won], minlength=len(seats.pc_names))
        cells = [(name,) + tuple(str(int(v)) if v else "·" for v in row) + (str(int(w)),)
                 for name, row, w in zip(seats.pc_names, ev.breakdown.by_pc, won)]
        old, self._cells = self._cells, cells
        return [r for r in range(len(cells)) if not old or old[r] != cells[r]]

    def _on_evaluated(self, ev):
        for r in self._apply(ev):
            self.dataChanged.emit(self.index(r, 1), self.index(r, self.columnCount() - 1))

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._cells)

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
        c = index.column()
        if role == Qt.DisplayRole:
            return self._cells[index.row()][c]
        if c == 0:
            return None
        if role == Qt.TextAlignmentRole:
            return self._center
        if role == Qt.ForegroundRole and c < len(self.headers) - 1:
            return self._brushes[c - 1]
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
                return plain_rich(self.doc.dataset.party_names.get(p, p))
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
            return plain_rich(f"Severity: {r.severity}\nSource: {r.source or '—'}")
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if role != Qt.CheckStateRole:
            return False
        from dataclasses import replace
        r = self.rule(index.row())
        on = Qt.CheckState(value) == Qt.Checked if not isinstance(value, bool) else value
        rules = self.doc.scenario.rules.replacing(index.row(), replace(r, enabled=on))
        return self.doc.set_rules(rules, f"{'Enable' if on else 'Disable'} rule {r.id}")
