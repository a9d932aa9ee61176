"""Who should contest each seat: P(the alliance wins) with each partner as the candidate and in
a friendly fight, the better partner, and what the current assignment costs against it
(expected seats). Computed off the GUI thread (the optimiser's simulation of every seat in
every pool) when the assumptions or the uncertainty level change; a move only updates the
Pool and Cost columns."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from dataclasses import dataclass

from ...core import optimise as O
from ...core.delta import Delta
from ..document import DocumentView
from ..jobs import JobLane, run_job
from ..live_uncertainty import cached_params
from .common import AC_ROLE, SORT_ROLE, runs
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
    C_COST, C_BEST = 3, 4      # then P(win) with each partner alone, and in a friendly fight
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
        self.columns = ["No.", "Constituency", "Pool", "Cost now", "Better"] + \
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
        cost = (P[best, cols] - P[var, cols]).tolist()
        labels = [pools.label(k) for k in range(len(pools))]
        codes = [p.code for p in pools.partners]
        ac, names, pool, best, per = seats.ac_no.tolist(), seats.names, pool.tolist(), best.tolist(), P.T.tolist()
        return [(ac[i], names[i], labels[pool[i]], cost[i], codes[best[i]], *per[i]) for i in range(seats.n)]

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
            self.dataChanged.emit(self.index(lo, 2), self.index(hi, self.C_BEST))

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section < len(self.columns):
            return self.columns[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == self.C_COST:
            return "Expected seats the current pool gives up against the better partner alone"
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
        lay.addWidget(self.view, 1)
        self.set_document(doc)

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
        self._rows_of = doc.evaluation
        self.figuresChanged.emit(P)
        self.view.sortByColumn(WhoContestsModel.C_COST, Qt.SortOrder.DescendingOrder)
        self.view.resizeColumnsToContents()
        n = sum(1 for r in range(self.model.rowCount()) if self.model._rows[r][WhoContestsModel.C_COST] > 0.0005)
        self.note.setText(f"{O.DEFAULT_DRAWS:,} simulated elections. {n} seats are with a partner that has the "
                          f"lower P(win); sorted by what that costs (click a header to sort).")
