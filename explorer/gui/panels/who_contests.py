"""Who should contest each seat: P(the alliance wins) with each partner as the candidate and in
a friendly fight, the better partner, and what the current assignment costs against it
(expected seats). Computed off the GUI thread (the optimiser's simulation of every seat in
every pool) when the assumptions or the uncertainty level change; a move only updates the
Pool and Cost columns."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QMenu, QStyle, QTableView, QVBoxLayout,
                               QWidget)

from dataclasses import dataclass

from ...core import optimise as O
from ...core.delta import Delta
from ..document import DocumentView
from ..jobs import JobLane, run_job
from ..live_uncertainty import cached_params
from ..view_fit import FitToRoom
from .common import AC_ROLE, SORT_ROLE, column_need, runs
from ...core.uncertainty import probability_percent


@dataclass(frozen=True, eq=False)
class WinProbabilities:
    """P(the alliance wins) per pool variant and seat: each partner alone, all stand, then the
    friendly fights (``Optimiser.P``), for the document it was asked for."""
    doc: object
    win_prob: np.ndarray


def win_probabilities(doc, level: str, seed: int):
    """The job: every seat's P(win) in every pool variant, on a snapshot of ``doc``'s scenario."""
    def op(snap, job) -> WinProbabilities:
        ds = snap.dataset
        opt = O.Optimiser(ds, snap, cached_params(ds, level), O.DEFAULT_DRAWS, seed, cancel=lambda: job.cancelled)
        return WinProbabilities(doc, opt.table.win_prob.copy())
    return op


class WhoContestsModel(QAbstractTableModel):
    C_NO, C_NAME, C_POOL, C_COST, C_BEST = 0, 1, 2, 3, 4
    # then P(win) with the better partner and with the current pool (the compact columns, shown in the
    # partners' stead when theirs do not fit the dock), then with each partner alone, and in a friendly fight
    C_P_BEST, C_P_NOW, C_PARTNERS = 5, 6, 7
    HIDDEN = (C_POOL,)     # shown when asked for (the header's menu): the columns fit a 1366-wide window's dock
    COMPACT = (C_P_BEST, C_P_NOW)
    def __init__(self, parent=None):
        super().__init__(parent)
        self.P = None             # (partners + 1, N): P(alliance wins) alone per partner, then friendly fight
        self.doc = None
        self.columns: list[str] = []
        self._rows: list[tuple] = []

    def set_data(self, doc, P) -> None:
        self.beginResetModel()
        self.doc, self.P = doc, P
        pools = doc.pools
        self.columns = ["No.", "Constituency", "Pool", "Cost now", "Better", "P(win) better", "P(win) now"] + \
            [f"{p.code} alone" for p in pools.partners] + ["Friendly fight"]
        self._fill()
        self.endResetModel()

    def _fill(self) -> None:
        self._rows = self._computed()

    def _computed(self) -> list[tuple]:
        doc, P = self.doc, self.P
        if doc is None or P is None:
            return []
        seats, pools = doc.dataset.seats, doc.pools
        n_p = pools.n_partners
        pool = doc.scenario.pool.astype(np.int64)
        var = np.minimum(pool, n_p)
        best = np.argmax(P[:n_p], axis=0)
        cols = np.arange(seats.n)
        p_best, p_now = P[best, cols], P[var, cols]
        cost = (p_best - p_now).tolist()
        labels = [pools.label(k) for k in range(len(pools))]
        codes = [p.code for p in pools.partners]
        ac, names, pool, best, per = seats.ac_no.tolist(), seats.names, pool.tolist(), best.tolist(), P.T.tolist()
        p_best, p_now = p_best.tolist(), p_now.tolist()
        return [(ac[i], names[i], labels[pool[i]], cost[i], codes[best[i]], p_best[i], p_now[i], *per[i])
                for i in range(seats.n)]

    def pools_changed(self, rows: list[int] | None = None) -> None:
        """Only the rows whose pool (and so cost) changed are signalled: a whole-table
        dataChanged would have the sorting proxy re-read every cell on every move. ``rows``:
        the seats that can have changed (the document's delta); None: any."""
        if not self._rows:
            return
        new = self._computed()
        old, self._rows = self._rows, new
        which = range(len(new)) if rows is None else sorted(rows)
        for lo, hi in runs([r for r in which if new[r] != old[r]]):
            self.dataChanged.emit(self.index(lo, 2), self.index(hi, self.C_P_NOW))

    def every_partner(self, r: int) -> str:
        """A seat's P(win) with each partner alone and in a friendly fight, for a tooltip (the
        partners' columns hidden, past the dock's width)."""
        row = self._rows[r]
        per = row[self.C_PARTNERS:]
        codes = [p.code for p in self.doc.pools.partners]
        alone = ", ".join(f"{c} {probability_percent(v)}" for c, v in
                          sorted(zip(codes, per), key=lambda cv: -cv[1]))
        return (f"{row[1]}: P(the alliance wins) with each partner alone: {alone}; every partner standing "
                f"(friendly fight): {probability_percent(per[-1])}")

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        name = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            # two lines past the constituency ("Cost\nnow", "AAP\nalone"; a friendly fight "Fight", as
            # on the Blocs dock's button): the columns fit the dock's width
            if section == len(self.columns) - 1:
                return "Fight"
            if section in self.COMPACT:      # "P(win)\nbetter", "P(win)\nnow"
                return name.replace(" ", "\n", 1)
            return name.replace(" ", "\n", 1) if section > 1 else name
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == self.C_COST:
                return "Cost now: expected seats the current pool gives up against the better partner alone"
            if section == self.C_BEST:
                return "Better: the partner with the higher P(the alliance wins) as the lone candidate"
            if section == len(self.columns) - 1:
                return "Friendly fight: P(the alliance wins the seat) with every partner standing"
            if section == self.C_P_BEST:
                return "P(win) better: P(the alliance wins the seat) with the better partner as the lone candidate"
            if section == self.C_P_NOW:
                return ("P(win) now: P(the alliance wins the seat) in its current pool (Contested and Unassigned: "
                        "every partner standing, as Cost now counts them)")
            if section > self.C_BEST:
                return f"{name}: P(the alliance wins the seat)"
            if section == self.C_POOL:
                return "Pool: the seat's pool in the current split"
            return name
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, c = self._rows[index.row()], index.column()
        v = row[c]
        cost = c == self.C_COST
        if role == Qt.ItemDataRole.DisplayRole:
            if cost:
                return f"{v:.2f}" if v > 0.0005 else "—"
            if c > self.C_BEST:
                return probability_percent(v)
            return str(v)
        if role == SORT_ROLE:
            return v
        if role == AC_ROLE:
            return row[0]
        if role == Qt.ItemDataRole.ToolTipRole and c == self.C_NAME:
            return f"{row[0]} {row[1]}: pool {row[2]}"      # the pool column is hidden unless asked for
        if role == Qt.ItemDataRole.ToolTipRole and c in (self.C_BEST,) + self.COMPACT:
            return self.every_partner(index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole and (c == 0 or cost or c > self.C_BEST):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and cost and v > 0.0005:
            return QBrush(QColor("#B3261E"))
        return None


class WhoContestsPanel(DocumentView, QWidget):
    figuresChanged = Signal(object)   # the P (variants x seats) of the document shown, or None while computing
    follows = {"evaluated": "_on_evaluated"}

    def __init__(self, doc, hub, settings_of, parent=None):
        """``settings_of()``: the live uncertainty settings (level, seed)."""
        super().__init__(parent)
        self.hub, self.settings_of = hub, settings_of
        self._key = None
        self._rows_of = None      # the evaluation the rows' Pool and Cost columns show
        self.lane = JobLane()
        self.active = False
        self.wanted = False      # computed even while hidden (the map's best-partner and cost modes)
        self._wanted_by: set[str] = set()
        self.computing = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.note = QLabel("Opens when shown: P(the alliance wins) with each partner as the candidate.")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#555;")
        lay.addWidget(self.note)
        self.model = WhoContestsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setObjectName("who_contests")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(20)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # sized once per computation: ResizeToContents would re-read every cell on every move
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.clicked.connect(lambda i: self.hub.set([i.data(AC_ROLE)], self))
        # one scroll bar, the table's: as tall as the whole rows that fit below the note, its
        # columns the viewport's width (see _fit_columns)
        self._need: dict[int, int] = {}      # each column's width to show it whole (the constituency's: its least)
        self.view.viewport().installEventFilter(self)
        hh = self.view.horizontalHeader()
        hh.sortIndicatorChanged.connect(lambda *_: self._need and self._fit_columns())   # its mark takes room
        hh.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        hh.customContextMenuRequested.connect(lambda pos: self.column_menu().exec(hh.mapToGlobal(pos)))
        # the columns the user hid or showed (the header's menu; set again after each computation's reset);
        # the others follow the room: the partners' columns where they fit, else the two compact ones
        self._hidden = set(WhoContestsModel.HIDDEN)
        self._shown: set[int] = set()
        self.compact = False
        lay.addWidget(self.view)
        lay.addStretch(1)
        self._room = FitToRoom(self, self.view)
        self.set_document(doc)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.view.viewport() and event.type() == QEvent.Type.Resize and self._need:
            self._fit_columns()
        return super().eventFilter(obj, event)

    def column_menu(self) -> QMenu:
        """The header's context menu: every column but the constituency's, ticked when shown."""
        menu = QMenu(self)
        for c, name in enumerate(self.model.columns):
            if c == WhoContestsModel.C_NAME:
                continue
            act = menu.addAction(name)
            act.setCheckable(True)
            act.setChecked(not self.view.isColumnHidden(c))
            act.toggled.connect(lambda on, c=c: self.show_column(c, on))
        return menu

    def show_column(self, c: int, on: bool) -> None:
        self._hidden = self._hidden - {c} if on else self._hidden | {c}
        self._shown = self._shown | {c} if on else self._shown - {c}
        self.view.setColumnHidden(c, not on)
        if self._need:
            self._fit_columns()

    def _choose_columns(self) -> None:
        """Every partner's P(win) where the columns fit the viewport with the constituency at its
        least; else (four or more partners in a 1366-wide window's dock) the compact layout: P(win)
        with the better partner and with the current pool in the partners' and the fight's stead
        (each seat's every figure in the tooltip of Better and of those two), the seat's number
        left to its name's tooltip. A column the user showed or hid stays so."""
        v, m, C = self.view, self.model, WhoContestsModel
        full = sum(wd for c, wd in self._need.items() if c not in C.COMPACT and c not in self._hidden)
        self.compact = full + self._mark_room() > v.viewport().width()
        for c in range(m.columnCount()):
            if c in self._shown or c in self._hidden:
                hide = c in self._hidden
            elif c in C.COMPACT:
                hide = not self.compact
            else:      # compact: the seat's number too (its name's tooltip has it), for room
                hide = self.compact and (c >= C.C_PARTNERS or c == C.C_NO)
            if v.isColumnHidden(c) != hide:
                v.setColumnHidden(c, hide)

    def _mark_room(self) -> int:
        """The width the header's sort mark takes beside the sorted column's title."""
        style = self.view.style()
        return style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize) + \
            style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)

    def _measure_columns(self) -> None:
        """Each column's need (``column_need``) once per computation: the Pool column any pool's
        label (a move changes it), the Cost column any cost; the constituency's least is its
        header's and its longest word's, so that a name is elided only past its longest word."""
        v, m = self.view, self.model
        pools = m.doc.pools
        fm = v.fontMetrics()
        words = {w for r in m._rows for w in str(r[1]).split()}
        longest = max(words, key=fm.horizontalAdvance, default="")
        pct = [probability_percent(x) for x in (0.999, 1.0, 0.001)]
        texts = {1: [longest], 2: [pools.label(k) for k in range(len(pools))],
                 WhoContestsModel.C_COST: ["0.00", "1.00", "—"],
                 WhoContestsModel.C_P_BEST: pct, WhoContestsModel.C_P_NOW: pct}
        self._need = {c: column_need(v, c, texts.get(c)) for c in range(m.columnCount())}
        self._name_whole = column_need(v, 1)

    def _fit_columns(self) -> None:
        """The shown columns at their needs (the sorted one with room for its sort mark) and the
        constituency taking the room left, at least its least: past that (many partners, or the
        Pool column asked for) the table scrolls sideways."""
        v = self.view
        hh = v.horizontalHeader()
        self._choose_columns()
        need = {c: wd for c, wd in self._need.items() if not v.isColumnHidden(c)}
        sorted_c = hh.sortIndicatorSection()
        if hh.isSortIndicatorShown() and sorted_c in need:
            need[sorted_c] += self._mark_room()
        least = need.pop(WhoContestsModel.C_NAME)
        need[WhoContestsModel.C_NAME] = max(least, v.viewport().width() - sum(need.values()))
        for c, wd in need.items():
            if v.columnWidth(c) != wd:
                v.setColumnWidth(c, wd)
        self._room.fit()

    def document_shown(self, doc) -> None:
        self._on_evaluated(doc.evaluation)

    def set_active(self, on: bool) -> None:
        self.active = on
        if on:
            self._on_evaluated(self.doc.evaluation)

    def set_wanted(self, on: bool, by: str = "map") -> None:
        """Compute the figures even while the dock is hidden, as long as some view (``by``: "map",
        "table", …) wants them; ``figuresChanged`` delivers them."""
        self._wanted_by = self._wanted_by | {by} if on else self._wanted_by - {by}
        self.wanted = bool(self._wanted_by)
        if on:
            self._on_evaluated(self.doc.evaluation)

    def contest(self) -> O.SeatContest | None:
        """The figures as per-seat arrays for the current split (best partner, cost), or None."""
        m = self.model
        if m.P is None or m.doc is not self.doc:
            return None
        return O.seat_contest(m.P, self.doc.pools, self.doc.scenario.pool)

    def _on_evaluated(self, ev, delta: Delta | None = None) -> None:
        if not (self.active or self.wanted):   # a dock behind another stays idle; it catches up when shown
            return
        s = self.settings_of()
        key = (ev.projector, s.level, s.seed, self.doc)
        if key == self._key:
            if self.active:    # wanted while hidden (the map): the figures only, not the rows
                self.model.pools_changed(delta.rows_since(self._rows_of) if delta is not None else None)
                self._rows_of = ev
            return
        self._key = key
        self.figuresChanged.emit(None)
        self.computing = True
        self.note.setText("Computing P(win) for every seat under each partner…")
        run_job(self.doc.snapshot(), win_probabilities(self.doc, s.level, s.seed), self._arrived, self._failed,
                owner=self, lane=self.lane)

    def _failed(self, text):
        self.computing = False
        self.note.setText("Could not compute: " + text.splitlines()[0])

    def _arrived(self, out: WinProbabilities) -> None:
        doc, P = out.doc, out.win_prob
        if doc is not self.doc:
            return
        self.computing = False
        self.model.set_data(doc, P)
        for c in range(self.model.columnCount()):
            self.view.setColumnHidden(c, c in self._hidden or c in WhoContestsModel.COMPACT)
        self._rows_of = doc.evaluation
        self.figuresChanged.emit(P)
        self.view.sortByColumn(WhoContestsModel.C_COST, Qt.SortOrder.DescendingOrder)
        self._measure_columns()
        self._fit_columns()
        n = sum(1 for r in range(self.model.rowCount()) if self.model._rows[r][WhoContestsModel.C_COST] > 0.0005)
        self.note.setText(f"{n} seats with the partner of the lower P(win), dearest first "
                          f"({O.DEFAULT_DRAWS:,} simulated elections).")
        self.note.setToolTip("Sorted by what the current pool costs against the better partner alone; click a "
                             "header to sort by it, right-click one to show or hide columns (Pool).")
