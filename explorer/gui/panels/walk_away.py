"""Is the alliance worth it, for each partner? For the current split (and for the optimiser's
last proposal, when there is one): each partner's expected seats and P(majority) in the alliance
and going alone (every seat fielded by every partner, no transfer), and whether the alliance
gains it seats. The figures are the core's (``optimise.walk_away``), computed off the GUI thread
on the live uncertainty's settings; one job at a time, changes meanwhile coalesced into one more.
Stale figures are greyed until the new ones arrive. A move's job starts once the move is painted (a
run of moves starts one), and none starts for the split whose figures are shown or computing.
The table fits the dock: short headers with the whole words in their tooltips, the partner's own
P(majority) going alone hidden unless asked for (the header's context menu); its columns are sized
to their contents when the figures' widths change, not on every move."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QMenu, QSizePolicy, QStyledItemDelegate,
                               QStyleOptionViewItem, QTableView,
                               QVBoxLayout, QWidget)

from dataclasses import dataclass

from ...core import optimise as O
from ...core import uncertainty as U
from ...core.delta import Delta
from ..document import DocumentView
from ..jobs import run_job
from ..live_uncertainty import Figures, cached_params, fork, give_back_freed_memory
from ...core.optimise.simulated import seats_going_alone_changes, verdict
from ..view_fit import FitToRoom
from .common import SORT_ROLE, column_need, runs

@dataclass(frozen=True, eq=False)
class WalkAwayRun:
    """What one walk-away job brings back: the figures per split, and the simulator and going-alone
    draws it used (kept for the next job while the projector and settings stay)."""
    token: int
    doc: object
    key: tuple
    sim: U.Simulator
    apart: U.Summary
    proposal: np.ndarray | None
    figures: dict[str, dict]
    job: tuple = ()          # what it computed (WalkAwayPanel._job_key)
    split: np.ndarray | None = None     # the current split's pools, where the simulator now stands


GAIN, LOSS, STALE = QColor("#1B7F3B"), QColor("#B3261E"), QColor("#888888")


CANNOT_TELL = ("Each partner had a vote only where this split has it stand (two partners only in its friendly "
               "fights): going alone, its voters vote as they did, so the alliance and going alone give the same "
               "seats. A baseline where the partners stood apart (a Lok Sabha read by assembly segment, or an "
               "election before the alliance) can tell whether the alliance is worth it.")


def verdict_note(current: dict, changes: int | None = None) -> str:
    """The dock's note on the current split's figures (partner -> ``walk_away`` figures): to whom
    the alliance is worth it, to whom not, and to whom it is the same. When it is the same to every
    partner and ``changes`` (``seats_going_alone_changes`` of the split) is 0, why: each partner had
    a vote only where the split has it stand (the baseline is the alliance's own election), so going
    alone changes nothing and the baseline cannot tell."""
    by = {"yes": [], "no": [], "same": []}
    for code, w in current.items():
        by[w.get("verdict") or verdict(w["alliance"], w["alone"])].append(code)
    if current and len(by["same"]) == len(current):
        if changes == 0:
            return ("Going alone changes nothing in this baseline: no partner had a candidate where another "
                    "stood, so it cannot tell.")
        return "The current split gives every partner the same seats as going alone."
    parts = ["worth it to " + ", ".join(by["yes"]) if by["yes"] else "worth it to no partner"]
    if by["yes"] and by["no"]:
        parts.append("not to " + ", ".join(by["no"]))
    if by["same"]:
        parts.append("the same to " + ", ".join(by["same"]))
    return f"The current split is {'; '.join(parts)}."


class WalkAwayModel(QAbstractTableModel):
    """One row per split (current, proposal) and partner."""
    COLUMNS = ("Split", "Partner", "Allied", "Alone", "Gain", "P(maj.)", "P alone", "Worth?")
    C_ALLIANCE, C_ALONE, C_GAIN, C_PM_ALLIANCE, C_PM_ALONE, C_WORTH = 2, 3, 4, 5, 6, 7
    NAMES = ("Split", "Partner", "Allied seats", "Seats alone", "Gain", "P(majority) allied",
             "P(majority) alone", "Worth it?")     # the whole words (the column menu)
    HIDDEN = (C_PM_ALONE,)                          # shown when asked for: the table fits a 1366-wide window
    TIPS = {0: "The current split, or the optimiser's last proposal",
            2: "Expected seats the partner wins in the alliance, under this split",
            3: "Expected seats the partner wins going alone: every partner fields a candidate in every seat, "
               "no transfer",
            4: "In the alliance minus going alone (expected seats)",
            5: "P(the alliance reaches the majority) under this split",
            6: "P(the partner alone reaches the majority) going alone (every seat fielded by every partner)",
            7: "The alliance is worth it to a partner only if it gains it seats; \"same\": the same seats "
               "either way, to the hundredth shown"}

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple] = []
        self._shown_rows: list[tuple] = []    # each row's _shown, kept: a move compares the new rows only
        self._lens: list[tuple] = []          # each row's texts' lengths (widths), made again where its figures changed
        self.stale = False

    def set_figures(self, figures: dict[str, dict], stale: bool | None = None) -> None:
        """``figures``: split label -> ``optimise.walk_away`` result. The same splits and partners
        as shown (a move): the rows whose shown text changed are changed rows, nothing else is
        repainted; other rows: a reset. ``stale``: the mark that comes with them (None: kept); a
        change of it signals every row, once, with the figures."""
        if stale is not None and stale != self.stale:
            self.stale = stale
            self._set_rows(figures, every=True)
        else:
            self._set_rows(figures)

    def _set_rows(self, figures: dict[str, dict], every: bool = False) -> None:
        rows = [(label, code, w["alliance"], w["alone"], round(w["alliance"] - w["alone"], 3),
                 w["p_majority_alliance"], w["p_majority_alone"], w.get("verdict") or verdict(w["alliance"], w["alone"]))
                for label, wa in figures.items() for code, w in wa.items()]
        shown = [self._shown(r) for r in rows]
        if [r[:2] for r in rows] != [r[:2] for r in self._rows]:
            self.beginResetModel()
            self._rows, self._shown_rows, self._lens = rows, shown, [self._lengths(r) for r in rows]
            self.endResetModel()
            return
        old, was = self._rows, self._shown_rows
        self._lens = [ln if r == o else self._lengths(r) for r, o, ln in zip(rows, old, self._lens)]
        self._rows, self._shown_rows = rows, shown
        changed = [k for k in range(len(rows)) if every or shown[k] != was[k]]
        for lo, hi in runs(changed):
            self.dataChanged.emit(self.index(lo, 0), self.index(hi, len(self.COLUMNS) - 1))

    @staticmethod
    def _shown(row: tuple) -> tuple:
        """What a row shows (its figures as rounded for their texts, and its verdict's colour), to
        tell a change that shows from one that does not (see ``_text``)."""
        return (row[:2], round(row[2], 1), round(row[3], 1), round(row[4], 2) + 0.0, round(row[5] * 100, 1),
                round(row[6] * 100, 1), row[7])

    def set_stale(self, on: bool) -> None:
        if on != self.stale:
            self.stale = on
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1),
                                      [Qt.ItemDataRole.ForegroundRole])

    def _lengths(self, row: tuple) -> tuple:
        return tuple(len(self._text(c, v)) for c, v in enumerate(row))

    def widths(self) -> tuple:
        """The longest text of each column (the rows' labels included): the columns are sized
        again only when this changes."""
        return tuple(map(max, zip(*self._lens))) if self._lens else (0,) * len(self.COLUMNS)

    def row(self, split: str, code: str) -> tuple | None:
        return next((r for r in self._rows if r[0] == split and r[1] == code), None)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.TIPS.get(section)
        return None

    def _text(self, c: int, v) -> str:
        if c in (self.C_ALLIANCE, self.C_ALONE):
            return f"{v:.1f}"
        if c == self.C_GAIN:
            return f"{round(v, 2) + 0.0:+.2f}"      # never "-0.00" (a gain of -0.001 shows as +0.00)
        if c in (self.C_PM_ALLIANCE, self.C_PM_ALONE):
            return U.probability_percent(v, 1)      # never "100.0 %" short of certainty
        if c == self.C_WORTH:
            return v        # yes, no, or same (see optimise.simulated.verdict)
        return str(v)

    _RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, c = self._rows[index.row()], index.column()
        v = row[c]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(c, v)
        if role == SORT_ROLE:
            return v
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= c <= 6:
            return int(self._RIGHT)
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self._colour(row, c)
            return None if colour is None else QBrush(colour)
        return None

    def _colour(self, row: tuple, c: int) -> QColor | None:
        """A cell's text colour (None: the palette's)."""
        if self.stale:
            return STALE
        if c in (self.C_GAIN, self.C_WORTH) and row[self.C_WORTH] != "same":    # same: no colour, no verdict
            return GAIN if row[self.C_WORTH] == "yes" else LOSS
        return None

    def cell(self, r: int, c: int) -> tuple | None:
        """What ``data`` gives cell (r, c) for its paint, in one call: (text, alignment or None,
        colour or None); None outside the rows."""
        if not 0 <= r < len(self._rows) or not 0 <= c < len(self.COLUMNS):
            return None
        row = self._rows[r]
        return self._text(c, row[c]), (self._RIGHT if 2 <= c <= 6 else None), self._colour(row, c)


class WalkAwayCellDelegate(QStyledItemDelegate):
    """Qt's own item painting of a walk-away cell, with its style option filled from the model's
    row in one call (``WalkAwayModel.cell``): Qt's ``initStyleOption`` asks the model for seven
    roles a cell (font, alignment, colour, check state, icon, text, background), each a call into
    Python, and an all-India move repaints the 21 partners' rows (about 1 ms of a 13 ms move, where
    a 90-seat move's figures seldom change a shown digit). The option is the one Qt's would make
    from those roles, so the cell is drawn by the style as before: the same pixels (tested)."""

    _HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
    _TEXT = QPalette.ColorRole.Text

    def initStyleOption(self, option, index):  # noqa: N802 - Qt's name
        m = index.model()
        cell = m.cell(index.row(), index.column()) if isinstance(m, WalkAwayModel) else None
        if cell is None:
            super().initStyleOption(option, index)
            return
        text, align, colour = cell
        if align is not None:
            option.displayAlignment = align
        if colour is not None:
            pal = option.palette
            pal.setBrush(self._TEXT, QBrush(colour))
            option.palette = pal
        option.index = index
        option.features = option.features | self._HAS_DISPLAY
        option.text = text
        option.backgroundBrush = QBrush()


class WalkAwayPanel(DocumentView, QWidget):
    follows = {"evaluated": "_on_evaluated"}

    def __init__(self, doc, settings_of, parent=None, live=None):
        """``settings_of()``: the live uncertainty settings (level, draws, seed). ``live``: the
        window's ``LiveUncertainty``, whose simulator a job forks (its prepared tables shared, not
        made again: a second simulator was 2 s and 300 MB at 4,100 seats x 21 partners) and whose
        simulation a job waits for (the figures of the window first, these after, not both at once);
        without it each job makes its own simulator."""
        super().__init__(parent)
        self.settings_of = settings_of
        self.live = live
        self._waiting = False       # a job waits for the live simulation of its projector and settings
        self._proposal_partners = ()
        self.active = False
        self.computing = False
        self._pending = False
        self._token = 0
        self._job = None            # what the job running computes (see _job_key)
        self._shown_job = None      # what the figures shown are of
        self._fitted = None         # the widths the columns were sized to (WalkAwayModel.widths)
        self._after_paint = QTimer(self)
        self._after_paint.setSingleShot(True)
        self._after_paint.timeout.connect(self._start)
        self.followed = 0           # current rows taken from the live figures (no job)
        self._sim_key = None
        self._sim = self._apart = self._proposal_figures = self._sim_split = None
        self.proposal: np.ndarray | None = None     # the optimiser's last proposal (pool per seat)
        self.proposal_fights: np.ndarray | None = None
        self.figures: dict[str, dict] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 4)     # the table to the dock's edges: its columns need every pixel
        self.note = QLabel("Opens when shown: each partner's seats in the alliance and going alone.")
        self.note.setContentsMargins(4, 0, 4, 0)
        self.note.setObjectName("walk_away_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#555;")
        self.note.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.note.setMinimumHeight(self.note.fontMetrics().lineSpacing() * 2 + 4)
        lay.addWidget(self.note)
        self.model = WalkAwayModel(self)
        self.view = QTableView()
        self.view.setObjectName("walk_away")
        self.view.setModel(self.model)
        self.view.setItemDelegate(WalkAwayCellDelegate(self.view))
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(20)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)    # sized in _fit_columns, when widths change
        hh.setMinimumSectionSize(24)
        hh.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        hh.customContextMenuRequested.connect(lambda pos: self.column_menu().exec(hh.mapToGlobal(pos)))
        for c in WalkAwayModel.HIDDEN:
            self.view.setColumnHidden(c, True)
        # the table scrolls its own rows, as tall as the whole rows that fit below the note (all of
        # them when they fit: no empty white rows, no row half under the dock's edge), the dock
        # scrolling only below one row; its columns fit the viewport left beside its scroll bar
        # (see _fit_width: a bar of its own once took its width from the last column, 'Wort')
        self._natural: dict[int, int] = {}     # the columns' widths to their contents (see _fit_width)
        self.view.viewport().installEventFilter(self)
        lay.addWidget(self.view)
        lay.addStretch(1)
        self._room = FitToRoom(self, self.view)
        self.set_document(doc)

    # -- the columns -----------------------------------------------------------------------------------
    def column_menu(self) -> QMenu:
        """The header's context menu: every column but the partner's, ticked when shown."""
        menu = QMenu(self)
        for c, name in enumerate(WalkAwayModel.NAMES):
            if c == 1:
                continue
            act = menu.addAction(name)
            act.setCheckable(True)
            act.setChecked(not self.view.isColumnHidden(c))
            act.setToolTip(WalkAwayModel.TIPS.get(c, name))
            act.toggled.connect(lambda on, c=c: self.show_column(c, on))
        menu.setToolTipsVisible(True)
        return menu

    def show_column(self, c: int, on: bool) -> None:
        self.view.setColumnHidden(c, not on)
        if on:
            self.view.resizeColumnToContents(c)
            self._natural[c] = self.view.columnWidth(c)
        self._fit_width()

    def _fit_columns(self) -> None:
        """Columns sized to their contents when the figures' widths change (another split, a
        partner more, a figure with another digit), not on every move: sizing reads every cell.
        Only the shown columns whose widths changed are sized again (a move that adds a digit to
        the allied seats sizes that column, not the seven), every column when there were none."""
        widths, before = self.model.widths(), self._fitted
        if widths == before:
            return
        self._fitted = widths
        v = self.view
        if before is None or len(before) != len(widths) or not self._natural:
            v.resizeColumnsToContents()
            self._natural = {c: v.columnWidth(c) for c in range(self.model.columnCount())}
        else:
            for c, (a, b) in enumerate(zip(before, widths)):
                if a != b and not v.isColumnHidden(c):
                    v.resizeColumnToContents(c)
                    self._natural[c] = v.columnWidth(c)
        self._fit_width()

    def _fit_width(self) -> None:
        """The columns at their contents' widths; where the dock is narrower than that, each gives
        up the pixels it has beyond its need (see common.column_need), the most spare first, before
        the table scrolls sideways ('proposal' in the Split column with eight partners: 5 px short)."""
        v = self.view
        shown = [c for c in range(self.model.columnCount()) if not v.isColumnHidden(c)]
        widths = {c: self._natural.get(c, v.columnWidth(c)) for c in shown}
        over = sum(widths.values()) - v.viewport().width()
        if over > 0 and self.model.rowCount():
            spare = {c: max(0, widths[c] - column_need(v, c)) for c in shown}
            while over > 0 and any(spare.values()):
                c = max(shown, key=lambda k: spare[k])
                widths[c] -= 1
                spare[c] -= 1
                over -= 1
        for c, wd in widths.items():
            if v.columnWidth(c) != wd:
                v.setColumnWidth(c, wd)
        self._fit_height()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.view.viewport() and event.type() == QEvent.Type.Resize and self._natural:
            self._fit_width()
        return super().eventFilter(obj, event)

    def _fit_height(self, *_) -> None:
        self._room.fit()

    # -- inputs ------------------------------------------------------------------------------------
    def set_document(self, doc) -> None:
        if doc is self.doc:      # already following it: its evaluations say what changed
            return
        self.proposal = self.proposal_fights = None     # the optimiser's proposal was for another document
        super().set_document(doc)

    def set_active(self, on: bool) -> None:
        self.active = on
        if on:
            self._changed(defer=False)

    def set_proposal(self, pools, fights=None) -> None:
        """The optimiser's proposal for the document shown (None: no proposal)."""
        self._proposal_partners = self.doc.pools.partners
        self.proposal = None if pools is None else np.asarray(pools, dtype=np.int64).copy()
        self.proposal_fights = None if fights is None else np.asarray(fights, dtype=np.int64).copy()
        self._changed(defer=False)

    def document_shown(self, doc) -> None:
        self._changed(defer=False)

    def _on_evaluated(self, _ev=None, _delta: Delta | None = None) -> None:
        self._changed(defer=True)

    def _job_key(self) -> tuple:
        """What a job computes: the document, its alliance, projector (assumptions) and split with
        its friendly fights, the uncertainty settings and the proposal."""
        doc = self.doc
        sc = doc.scenario
        fights, prop, pfights = sc.fight_masks(), self.proposal, self.proposal_fights
        return (doc, doc.dataset.uid, sc.pools.partners, doc.evaluation.projector, self.settings_of(),
                sc.pool.tobytes(), None if fights is None else np.asarray(fights).tobytes(),
                None if prop is None else prop.tobytes(), None if pfights is None else pfights.tobytes())

    def _changed(self, defer: bool) -> None:
        """Compute again, unless the figures shown or being computed are of this very split (the
        job redraws only the seats its simulator has not drawn). A move's job (``defer``) starts
        once the window has painted the move, each move of a run restarting the wait."""
        if not self.active or self.doc is None:
            return
        key = self._job_key()
        if self.computing:
            self._pending = key != self._job        # back to the split computing: that job will do
            self.model.set_stale(True)
            return
        if key == self._shown_job and self.model.rowCount():
            self._after_paint.stop()                # back to the split shown: nothing to compute
            self.model.set_stale(False)
            return
        self.model.set_stale(True)
        if defer:
            self._after_paint.start(self.AFTER_PAINT_MS)
        else:
            self._after_paint.stop()
            self._launch()

    AFTER_PAINT_MS = 40
    REDRAW_SEATS = 256      # a move of more seats than this draws the split again in full

    def _start(self) -> None:
        if self.active and self.doc is not None and not self.computing:
            self._launch()

    @property
    def busy(self) -> bool:
        """A job running or about to start."""
        return self.computing or self._after_paint.isActive()

    def live_landed(self, figures=None) -> None:
        """The live uncertainty has new figures (or failed): a job waiting for its simulator starts;
        fresh figures of the split shown, once going alone is known for their simulator, give the
        current split's rows at once (``_follow_live``), landing with them in one repaint."""
        if self._waiting and not (self.live is not None and self.live.coming):
            self._waiting = self.computing = False
            self._launch()
        elif isinstance(figures, Figures):
            self._follow_live(figures)

    def _follow_live(self, figures: Figures) -> None:
        """The live figures' summary is the split's on the same draws as this dock's simulator (a
        fork of the live one: the same bank, seed and settings), so with going alone of that
        simulator kept, the current rows are ``walk_away_figures`` of the two: no job, no second
        landing. Not while a job runs (it brings them) or for a proposal not yet computed."""
        live, doc = self.live, self.doc
        if live is None or not self.active or doc is None or self.computing or figures.stale or live.doc is not doc \
                or live.figures is not figures or self._apart is None:
            return
        key = (doc.evaluation.projector, self.settings_of(), doc.dataset.uid)
        if key != self._sim_key or live.simulator_for(key) is None or figures.settings != key[1]:
            return
        out = {"current": O.walk_away_figures(figures.summary, self._apart, doc.pools, doc.dataset.majority)}
        if self.proposal is not None:
            known = self._proposal_figures
            if known is None or known[0] is not self.proposal:
                return
            out["proposal"] = known[1]
        self._after_paint.stop()
        self._show(out, self._job_key())
        self.followed += 1

    # -- the computation ----------------------------------------------------------------------------
    def _launch(self) -> None:
        doc, s = self.doc, self.settings_of()
        snap = doc.snapshot()
        ds = snap.dataset
        pj = doc.evaluation.projector
        key = (pj, s, ds.uid)
        sim, apart = (self._sim, self._apart) if key == self._sim_key else (None, None)
        base = None
        if sim is None and self.live is not None:
            base = self.live.simulator_for(key)
            if base is None and self.live.coming:     # its simulator is on its way: this job waits for it
                self._job, self._pending = self._job_key(), False
                self._waiting = self.computing = True
                if not self.model.rowCount():
                    self.note.setText("Computing each partner's seats in the alliance and going alone…")
                return
            if base is not None:
                base = fork(base)      # its own draws of the split, the live's tables
        known = self._proposal_figures if sim is not None else None   # (proposal, its figures) of this sim
        pools, fights = snap.pool.astype(np.int64), snap.fight_masks()
        # many seats moved (assign all, a preset): the split drawn again in full, not moved seat by
        # seat (a move holds draws x seats tables: 1 GB for every seat of 4,100)
        redraw = sim is not None and (self._sim_split is None or len(self._sim_split) != len(pools)
                                      or int((self._sim_split != pools).sum()) > self.REDRAW_SEATS)
        proposal, pfights = self.proposal, self.proposal_fights
        if proposal is not None and (len(proposal) != len(pools) or self._proposal_partners != snap.pools.partners):
            proposal = self.proposal = None   # made for another alliance: forgotten
        if proposal is not None and pfights is not None:
            pj.variants(proposal, pfights)    # its friendly fights' variants made here, not on the worker
        pdef, majority = snap.pools, ds.majority
        self._token += 1
        token = self._token
        self._job = self._job_key()
        job_key = self._job
        self.computing, self._pending = True, False
        if not self.model.rowCount():   # the figures shown meanwhile are greyed: no text to re-lay
            self.note.setText("Computing each partner's seats in the alliance and going alone…")

        def work(_snap, _job):
            # going alone is drawn once per simulator, the proposal once per proposal, each on a
            # fork of its own (a move from every seat contested to the split redraws nearly every
            # seat, in tables of draws x seats: 5 s and 1 GB at 4,100 seats); a move then redraws
            # only the moved seats of the current split
            if sim is None and base is None:
                params = U.with_assumed_poll(cached_params(ds, s.level), snap.assumptions, snap.bloc_name)
            sm = sim or base or U.Simulator(pj, ds, params, s.draws, s.seed)
            if redraw:
                sm.run(pools, majority, fights)
            ap = apart or O.partners_apart(fork(sm), pdef, majority)
            out = {}
            if proposal is not None:
                same = known is not None and known[0] is proposal
                out["proposal"] = known[1] if same else \
                    O.walk_away(fork(sm), pdef, proposal, majority, pfights, ap)
            out = {"current": O.walk_away(sm, pdef, pools, majority, fights, ap)} | out
            return WalkAwayRun(token, doc, key, sm, ap, proposal, out, job_key, pools)
        run_job(snap, work, self._arrived, self._failed, owner=self)

    def _failed(self, text: str) -> None:
        self.computing = False
        self.note.setText("Could not compute: " + text.splitlines()[0])
        if self._pending:
            self._launch()

    def _arrived(self, out: WalkAwayRun) -> None:
        token, doc, key, sim, apart, proposal, figures = (out.token, out.doc, out.key, out.sim, out.apart,
                                                           out.proposal, out.figures)
        self.computing = False
        self._sim_key, self._sim, self._apart, self._sim_split = key, sim, apart, out.split
        self._proposal_figures = (proposal, figures["proposal"]) if proposal is not None else None
        if self._pending:            # the document changed meanwhile: once more with what it is now
            self._launch()
            return
        if token != self._token or doc is not self.doc:
            return
        self._show(figures, out.job)
        give_back_freed_memory()       # the job's temporaries, freed on its thread (a follow has none)

    def _show(self, figures: dict, job: tuple) -> None:
        self.figures, self._shown_job = figures, job
        self.model.set_figures(figures, stale=False)      # the figures and their fresh mark, once
        self._fit_columns()
        s = self.settings_of()
        cur = figures["current"]
        sc = self.doc.scenario
        same = all((w.get("verdict") or verdict(w["alliance"], w["alone"])) == "same" for w in cur.values())
        text = verdict_note(cur, seats_going_alone_changes(self.doc.evaluation.projector, sc.pool, sc.fight_masks())
                            if same else None)      # why, only when it is the same to every partner
        if self.note.text() != text:     # most moves change no verdict: nothing to re-lay
            self.note.setText(text)
        why = (CANNOT_TELL + " ") if text.startswith("Going alone changes nothing") else ""
        tip = (why + f"Going alone: every partner fields a candidate in every seat, no transfer. "
               f"{s.draws:,} simulated elections ({s.level} uncertainty)."
               + (" The proposal rows: the optimiser's last proposal." if "proposal" in figures else ""))
        if self.note.toolTip() != tip:       # the same on most moves
            self.note.setToolTip(tip)
