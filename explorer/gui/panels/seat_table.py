"""The seat table: every constituency with its pool, baseline leader, projected winner and
margin, per-seat adjustment and conflicts; search and filters above it."""
from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import (QAbstractTableModel, QItemSelection, QItemSelectionModel, QModelIndex,
                            QSortFilterProxyModel, Qt, Signal)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu, QStyle,
                               QVBoxLayout, QWidget)

from ...core.palette import party_colour, party_palette
from ...core.rules import SEVERITY_RANK
from ...core.delta import Delta
from ..document import Document, DocumentView, shape_of
from ..mime import SEATS_MIME, seats_mime
from ..style import plain_rich, pool_colour, severity_icon, swatch_icon, tint
from .common import (AC, AC_ROLE, ALIGN, BACKGROUND, DECORATION, DISPLAY, EDIT, FONT, FOREGROUND, SORT, SORT_ROLE,
                     TOOLTIP, conflict_tooltip, runs, worst)
from .seat_table_analysis import AnalysisColumns
from .seat_table_view import SeatCellDelegate, SeatTableView


class TableRow(NamedTuple):
    """One seat's live cells, formatted once per evaluation."""
    text: tuple          # display text per column
    sort: tuple          # sort key per column
    pool: int            # pool index
    winner_colour: str
    worst: object        # Severity of the worst conflict, or None
    won: bool            # the alliance is projected to win it
    adjust: float        # per-seat adjustment, points
    tooltip: str | None  # the seat's conflicts


class SeatTableModel(DocumentView, AnalysisColumns, QAbstractTableModel):
    """All seats: static columns from the data set, live columns from the evaluation.

    Every cell's text, sort key and icon is computed once per evaluation (a few hundred
    string formats at 90 seats); data() is then a lookup, and dataChanged is emitted only for
    the rows whose cells changed, so a drop repaints a handful of rows, not the table."""
    COLUMNS = ["No.", "Constituency", "District", "PC", "SC", "Baseline", "Pool", "Projected",
               "Margin", "Adj.", "⚑", "P(win)", "Best", "Cost"]
    (C_NO, C_NAME, C_DISTRICT, C_PC, C_SC, C_BASE, C_POOL, C_WIN, C_MARGIN, C_ADJ, C_CONFLICT, C_PWIN,
     C_BEST, C_COST) = range(14)
    TIPS = {C_NO: "Constituency number (ECI, 2008 delimitation)", C_SC: "Reserved for Scheduled Castes (SC) or Scheduled Tribes (ST)",
            C_BASE: "Leader in the baseline election and its lead (points of the valid vote)",
            C_POOL: "Who fields the alliance candidate: a partner alone, Contested (several) or Unassigned",
            C_WIN: "Projected winner under this split and the assumptions",
            C_MARGIN: "Projected margin, points of the valid vote: + the alliance wins, − it loses",
            C_ADJ: "Your per-seat adjustment for the alliance candidate, in points (double-click to edit)",
            C_CONFLICT: "Conflicts with the negotiation's rules",
            C_PWIN: "P(the alliance wins the seat) in the simulated elections; sorted, the closest seats come first. "
                    "The seat model fitted on India's assembly elections keeps only about a third of a seat's lead "
                    "over its party's statewide share into the next election (and some of its district's), so a "
                    "Margin of +10 (the projection if the baseline's votes repeat) can stand beside a P(win) near "
                    "a coin flip",
            C_BEST: "The partner with the higher P(the alliance wins) as the only candidate (Who contests)",
            C_COST: "Expected seats the seat's current pool gives up against the better partner alone"}
    _ALIGN = {C_NO: int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), C_MARGIN: int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
              C_ADJ: int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), C_SC: int(Qt.AlignmentFlag.AlignCenter),
              C_PWIN: int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
              C_COST: int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
              C_CONFLICT: int(Qt.AlignmentFlag.AlignCenter)}
    follows = {"evaluated": "_on_evaluated"}

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self._shape = None
        self._seats_of = None       # the data set's seats the rows are of (None: none shown yet)
        self._static: list[tuple] = []
        self._rows: list[tuple] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._bold_fonts: dict = {}
        self._bold_of = self._bold_last = None     # the last font asked for and its bold
        self._won_brush = QBrush(QColor("#1B7F3B"))
        self._lost_brush = QBrush(QColor("#B3261E"))
        self._stale_brush = QBrush(QColor("#999"))
        self._p_win = None          # P(alliance wins) per seat, from set_p_win (issue 17)
        self._p_stale = False
        self._contest: list[tuple[str, float]] | None = None   # (best partner, cost) per seat (issue 18)
        self._contest_P = None      # the who-contests P those come from (set_contest_figures)
        self._ev = None             # the evaluation the rows show
        self._ac_texts: list[str] = []   # each seat's number as its cell shows it
        self._fmt = None            # the look-ups formatting a row under the evaluation shown (_format)
        self.set_document(doc)

    def document_shown(self, doc: Document) -> None:
        same_seats = self._seats_of is doc.dataset.seats
        shape = shape_of(doc)
        reshaped = shape != self._shape
        self._shape, self._seats_of = shape, doc.dataset.seats
        if reshaped:
            pools = doc.pools
            self._pool_brush = [QBrush(tint(pool_colour(pools, i), 45)) for i in range(len(pools))]
            self._pool_icon = [swatch_icon(pool_colour(pools, i).name(), i == pools.contested)
                               for i in range(len(pools))]
        if not same_seats:
            self.beginResetModel()
            seats = doc.dataset.seats
            f = seats.frame
            reserved = ["SC" if sc else "ST" if st else "" for sc, st in zip(seats.is_sc.tolist(), seats.is_st.tolist())]
            kinds = [k for k in ("SC", "ST") if k in reserved]
            self._reserved_header = "/".join(kinds) or "SC"     # "SC/ST" where the state has both
            self._static = list(zip(seats.ac_no.tolist(), seats.names, f["district"].astype(str).tolist(),
                                    f["pc_name"].astype(str).tolist(), reserved))
            self._ac_texts = [str(a) for a in seats.ac_no.tolist()]
            self._rows = []
            self._apply(doc.evaluation)
            self.endResetModel()
        elif reshaped:
            self._apply(doc.evaluation)
            if self._rows:
                self.dataChanged.emit(self.index(0, self.C_BASE), self.index(len(self._rows) - 1, self.C_CONFLICT))
        elif self._ev is not doc.evaluation:   # the rows are of this evaluation already (shown again as it is)
            self._on_evaluated(doc.evaluation)

    # -- refresh ---------------------------------------------------------------------
    def _apply(self, ev, delta: Delta | None = None) -> list[int]:
        """Mark the rows that can have changed since the last evaluation (the document's ``delta``;
        all of them after other assumptions or another document) to be formatted again when first
        asked for (``_row``: the view painting them, a sort, a filter, a tooltip); return them. An
        assign-all formats the two dozen rows in view, not 90 or 4,100 (18 ms at all-India)."""
        which = delta.rows_since(self._ev) if delta is not None and self._rows else None
        self._ev = ev
        self._conflicts = ev.conflicts_by_seat()
        self._fmt = None            # this evaluation's look-ups, made when a row is first formatted
        if which is None:
            self._rows = [None] * len(self._static)
            return list(range(len(self._rows)))
        for r in which:
            self._rows[r] = None
        return which

    def _row(self, r: int) -> TableRow:
        """Row ``r``'s cells, formatted now if nothing has asked for them since an evaluation that
        may have changed them."""
        row = self._rows[r]
        if row is None:
            row = self._rows[r] = self._format(r)
        return row

    def _format(self, r: int) -> TableRow:
        """Row ``r`` under the evaluation shown, with the scenario's fights and adjustments (any
        change to those is an evaluation that marks the rows it touches: ``_apply``)."""
        f = self._fmt
        if f is None:
            ev, pools, ds = self._ev, self.doc.pools, self.doc.dataset
            # the palette once: its key is made of every baseline and partner (party_colour's per party)
            f = self._fmt = (ev.projection, [pools.label(i) for i in range(len(pools))],
                             party_palette(ds, pools.partners), {}, ev.baseline_leader, ev.baseline_lead_pts,
                             ev.alliance_margin)
        pr, labels, palette, colour, lead, lead_pts, margin = f
        scenario = self.doc.scenario
        ac, name, district, pc, sc = self._static[r]
        p, w = int(pr.pools[r]), int(pr.winner[r])
        cs = self._conflicts.get(ac)
        bad = worst(cs) if cs else None
        adj = scenario.assumptions.seat_adjust.get(ac, 0.0)
        parties = pr.parties
        party = parties[w]
        c = colour.get(party)
        if c is None:
            c = palette.get(party)      # what party_colour gives: the palette's, else the party table's
            c = colour[party] = c if c is not None else party_colour(self.doc.dataset, self.doc.pools.partners, party)
        fight = scenario.fights.get(ac)
        margin_pts, lead_by = float(margin[r]), float(lead_pts[r])
        return TableRow(
            (self._ac_texts[r], name, district, pc, sc, f"{parties[int(lead[r])]} +{lead_by:.1f}",
             " v ".join(fight) if fight else labels[p], party, f"{margin_pts:+.1f}", f"{adj:+g}" if adj else "",
             None),
            (ac, name, district, pc, sc, lead_by, p, party, margin_pts,
             float(adj), 9 if bad is None else SEVERITY_RANK[bad]),
            p, c, bad, bool(pr.alliance_won[r]), adj,
            conflict_tooltip(cs) if cs else None,
        )

    def _on_evaluated(self, ev, delta: Delta | None = None) -> None:
        for lo, hi in runs(self._apply(ev, delta)):
            self.dataChanged.emit(self.index(lo, self.C_BASE), self.index(hi, self.C_CONFLICT))
        if self._contest_P is not None:
            self._refresh_contest()

    # -- Qt model API ----------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._static)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._reserved_header if section == self.C_SC else self.COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.TIPS.get(section)
        return None

    _CELL = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
    _EDITABLE = _CELL | Qt.ItemFlag.ItemIsEditable

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self._EDITABLE if index.column() == self.C_ADJ else self._CELL

    def _bold_for(self, font: QFont) -> QFont:
        if font is self._bold_of:      # the font a paint passes for each of its cells: its key made once
            return self._bold_last
        key = font.key()
        if key not in self._bold_fonts:
            f = QFont(font)
            f.setBold(True)
            self._bold_fonts[key] = f
        self._bold_of, self._bold_last = font, self._bold_fonts[key]
        return self._bold_last

    def ac_no(self, row: int) -> int:
        return self._static[row][0]

    def data(self, index, role=DISPLAY):
        """Called per painted cell and role: lookups only (roles compared as ints)."""
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if c >= self.C_PWIN:
            return self._p_win_data(r, role) if c == self.C_PWIN else self._contest_data(r, c, role)
        row = self._row(r)
        if role == DISPLAY:
            return row.text[c]
        if role == DECORATION:
            if c == self.C_POOL:
                return self._pool_icon[row.pool]
            if c == self.C_WIN:
                return swatch_icon(row.winner_colour)
            if c == self.C_CONFLICT and row.worst:
                return severity_icon(row.worst)
            return None
        if role == ALIGN:
            return self._ALIGN.get(c)
        if role == BACKGROUND:
            return self._pool_brush[row.pool] if c == self.C_POOL else None
        if role == FOREGROUND:
            if c == self.C_MARGIN:
                return self._won_brush if row.won else self._lost_brush
            return None
        if role == FONT:
            return self._bold if c == self.C_WIN and row.won else None
        if role == SORT:
            return row.sort[c]
        if role == AC:
            return self._static[r][0]
        if role == EDIT and c == self.C_ADJ:
            return float(row.adjust)
        if role == TOOLTIP:
            tip = self._tooltip(r, c)
            return plain_rich(tip) if tip else tip
        return None

    def _tooltip(self, r: int, c: int):
        tip = self._row(r).tooltip
        if c == self.C_CONFLICT or (c == self.C_NAME and tip):
            return tip
        ev = self._ev
        pr = ev.projection
        parties = pr.parties
        if c == self.C_WIN:
            ru = pr.runner[r]
            return (f"{parties[pr.winner[r]]} wins by {pr.margin_votes[r]:,.0f} votes "
                    f"({pr.margin_pts[r]:.1f} pts) over {parties[ru] if ru >= 0 else '—'}")
        if c == self.C_BASE:
            return (f"Baseline: {parties[ev.baseline_leader[r]]} led by {ev.baseline_lead_votes[r]:,.0f} votes "
                    f"({ev.baseline_lead_pts[r]:.1f} pts)")
        if c in (self.C_NAME, self.C_DISTRICT, self.C_PC, self.C_POOL):
            return self._row(r).text[c]  # the full text of a cell that may be elided
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or index.column() != self.C_ADJ:
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
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    # -- for filters -----------------------------------------------------------------
    def row_matches(self, row: int, text: str, district: str | None, pc: str | None, pool: int | None,
                    conflicts_only: bool) -> bool:
        ac, name, d, p, _ = self._static[row]
        if district and d != district:
            return False
        if pc and p != pc:
            return False
        if pool is not None and self._row(row).pool != pool:
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


class SeatTablePanel(DocumentView, QWidget):
    """Search, the district / PC / pool filters and the table; shares its selection."""
    follows = {"evaluated": "_on_evaluated"}
    contestWanted = Signal(bool)    # the Best / Cost columns are shown (or hidden again)
    WIDTHS = {SeatTableModel.C_NO: 36, SeatTableModel.C_NAME: 112, SeatTableModel.C_DISTRICT: 76,
              SeatTableModel.C_PC: 76, SeatTableModel.C_SC: 28, SeatTableModel.C_BASE: 72,
              SeatTableModel.C_POOL: 92, SeatTableModel.C_WIN: 62, SeatTableModel.C_MARGIN: 50,
              SeatTableModel.C_ADJ: 38, SeatTableModel.C_CONFLICT: 26, SeatTableModel.C_PWIN: 52,
              SeatTableModel.C_BEST: 48, SeatTableModel.C_COST: 44}
    # shown from the header menu: they need every seat simulated under each partner (Who contests)
    OPT_IN = (SeatTableModel.C_BEST, SeatTableModel.C_COST)
    # the columns a narrow table hides first (by default: a column the strategist shows or
    # hides from the header menu stays as chosen); the name keeps at least NAME_MIN pixels
    DROP_ORDER = (SeatTableModel.C_DISTRICT, SeatTableModel.C_BASE, SeatTableModel.C_ADJ, SeatTableModel.C_SC,
                  SeatTableModel.C_PC)
    NAME_MIN = 130

    def __init__(self, doc: Document, hub, parent=None):
        super().__init__(parent)
        self.hub = hub
        self._shown = None          # the document shown before this one (its data set's filters are kept)
        self._shape = None
        self._syncing = False
        self.model = SeatTableModel(doc, self)
        self.proxy = SeatFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = SeatTableView()
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(SeatCellDelegate(self.model, self.proxy, self.table))
        self.table.paint_rows_of(self.model, self.proxy)
        # "Amb…Cantt" and "Amb…City" stay apart where "Ambala C…" would not; the tooltip has it all
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._chosen_columns: set[int] = set(self.OPT_IN)
        for c in self.OPT_IN:
            self.table.setColumnHidden(c, True)
        h = self.table.horizontalHeader()
        h.blockSignals(True)       # the rows by seat number: see _number_order
        h.setSortIndicator(SeatTableModel.C_NO, Qt.SortOrder.AscendingOrder)
        h.blockSignals(False)
        self._number_order()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.widths = dict(self.WIDTHS)      # the data set's: see fit_to_data
        self._filters_of: dict[int, tuple] = {}   # id(data set) -> its search and filters while another is shown
        self.name_min = self.NAME_MIN
        for c, w in self.WIDTHS.items():
            self.table.setColumnWidth(c, w)
        h.setStretchLastSection(False)
        h.setSectionResizeMode(SeatTableModel.C_NAME, QHeaderView.ResizeMode.Stretch)
        h.setMinimumSectionSize(24)
        h.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        h.customContextMenuRequested.connect(self._header_menu)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search  (Ctrl+F)")
        self.search.setToolTip("Search the seats by name or number (Ctrl+F)")
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("Search  (Ctrl+F)") + 36)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self._filter(text=t))
        self.district_filter = self._combo("district")
        self.pc_filter = self._combo("pc")
        self.pool_filter = self._combo("pool")
        self.conflicts_only = QCheckBox("Conflicts only")
        self.conflicts_only.setObjectName("conflicts_only")
        self.conflicts_only.toggled.connect(lambda on: self._filter(conflicts_only=on))
        self.shown = QLabel()
        self.shown.setStyleSheet("color:#666;")
        # the search and filters in a bar of their own: the window puts it over the table and the
        # pools, so the table's width is its columns' and never the bar's (issue 26)
        self.filter_bar = QWidget()
        self.filter_bar.setObjectName("filter_bar")
        bar = QHBoxLayout(self.filter_bar)
        bar.setContentsMargins(4, 4, 4, 2)
        bar.addWidget(self.search, 2)
        for w in (self.district_filter, self.pc_filter, self.pool_filter):
            bar.addWidget(w, 1)
        bar.addWidget(self.conflicts_only)
        bar.addWidget(self.shown)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.filter_bar)
        lay.addWidget(self.table, 1)
        hub.changed.connect(self._hub_changed)
        self.set_document(doc)

    def _number_order(self) -> None:
        """The rows by seat number, as the header first says: the proxy sorts them only when the
        data set's seats are not in that order already (a sort asks the model for two keys per
        comparison from C++: 115,000 calls, half a second, at 4,100 seats)."""
        ac = self.model._seats_of.ac_no if self.model._seats_of is not None else ()
        if self.proxy.sortColumn() < 0 and len(ac) > 1 and not bool((ac[1:] > ac[:-1]).all()):
            self.table.sortByColumn(SeatTableModel.C_NO, Qt.SortOrder.AscendingOrder)

    def document_shown(self, doc: Document) -> None:
        previous, self._shown = self._shown, doc
        other_data = previous is not None and previous.dataset is not doc.dataset
        if other_data:      # the search and filters are the data set's: kept for when it is back in front
            self._filters_of[id(previous.dataset)] = self._filters()
        self.model.set_document(doc)
        if other_data:
            self._number_order()
        shape = shape_of(doc)
        if shape != self._shape:
            old, self._shape = self._shape, shape
            seats, pools = doc.dataset.seats, doc.pools
            if old is None or old[0] != shape[0]:  # another data set: its districts and PCs
                self._fill(self.district_filter, "All districts", [(n, n) for n in seats.district_names])
                self._fill(self.pc_filter, "All PCs", [(n, n) for n in seats.pc_names])
                self.proxy.set_filter(district=None, pc=None)
                if SeatTableModel.C_SC not in self._chosen_columns:   # "SC/ST" needs more room than "SC"
                    self.table.setColumnWidth(SeatTableModel.C_SC, 42 if "/" in self.model._reserved_header else 28)
            self._fill(self.pool_filter, "All pools", [(pools.label(i), i) for i in range(len(pools))])
            self.proxy.set_filter(pool=None)
            self.fit_to_data()
        if other_data:
            self._set_filters(self._filters_of.get(id(doc.dataset), ("", None, None, None, False)))
        self._on_evaluated(doc.evaluation)
        self._hub_changed(self.hub.seats, None)

    def _filters(self) -> tuple:
        return (self.search.text(), self.district_filter.currentData(), self.pc_filter.currentData(),
                self.pool_filter.currentData(), self.conflicts_only.isChecked())

    def _set_filters(self, f: tuple) -> None:
        """Show a scenario's own search and filters (none for one not shown before)."""
        text, district, pc, pool, conflicts = f
        for cb, value in ((self.district_filter, district), (self.pc_filter, pc), (self.pool_filter, pool)):
            i = cb.findData(value)
            cb.blockSignals(True)
            cb.setCurrentIndex(max(0, i))
            cb.blockSignals(False)
        for w, setter, value in ((self.search, self.search.setText, text),
                                 (self.conflicts_only, self.conflicts_only.setChecked, conflicts)):
            w.blockSignals(True)
            setter(value)
            w.blockSignals(False)
        self.proxy.set_filter(text=text, district=self.district_filter.currentData(), pc=self.pc_filter.currentData(),
                              pool=self.pool_filter.currentData(), conflicts_only=conflicts)
        self._update_shown()

    # -- filters -----------------------------------------------------------------------
    def _combo(self, attr):
        cb = QComboBox()
        cb.setObjectName(f"{attr}_filter")
        cb.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        cb.setMinimumContentsLength(8)
        cb.currentIndexChanged.connect(lambda _i: cb.signalsBlocked() or self._filter(**{attr: cb.currentData()}))
        return cb

    @staticmethod
    def _fill(cb: QComboBox, all_label: str, items) -> None:
        cb.blockSignals(True)
        cb.clear()
        cb.addItem(all_label, None)
        for text, data in items:
            cb.addItem(text, data)
        cb.blockSignals(False)

    def _filter(self, **kw):
        self.proxy.set_filter(**kw)
        self._update_shown()

    def _update_shown(self):
        n, total = self.proxy.rowCount(), self.model.rowCount()
        self.shown.setText(f"{n} of {total}" if n != total else f"{total} seats")

    def _on_evaluated(self, _ev, delta: Delta | None = None):
        if self.proxy.pool is not None or self.proxy.conflicts_only:
            self.proxy.refilter()  # those filters depend on the split; the others do not
        self._update_shown()

    # every text the P(win) column shows: probability_percent's widest forms and the mark of a
    # seat not simulated yet
    P_WIN_TEXTS = ("> 99 %", "< 1 %", "100 %", "…")

    def p_win_width(self) -> int:
        """The P(win) column's width: its header and the widest text it shows ("> 99 %") whole
        in the table's fonts (a cell's text has 4 px each side and the grid line; a header's
        text four header margins), at least the default, on any platform's font."""
        m = self.model
        header = str(m.headerData(m.C_PWIN, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                     or SeatTableModel.COLUMNS[m.C_PWIN])
        fm, hfm = self.table.fontMetrics(), self.table.horizontalHeader().fontMetrics()
        margins = max(14, 4 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin))  # QHeaderView elides short of 4
        return max(self.WIDTHS[m.C_PWIN], hfm.horizontalAdvance(header) + margins,
                   max(fm.horizontalAdvance(t) for t in self.P_WIN_TEXTS) + 10)

    def show_p_win_column(self) -> None:
        """The P(win) column, filled by the live uncertainty: as wide as its widest text, widened by hand."""
        self.table.setColumnWidth(self.model.C_PWIN, self.p_win_width())
        self.table.horizontalHeader().setSectionResizeMode(self.model.C_PWIN, QHeaderView.ResizeMode.Interactive)

    def _header_menu(self, pos):
        m = QMenu(self)
        for c, name in enumerate(SeatTableModel.COLUMNS):
            if c in (SeatTableModel.C_NO, SeatTableModel.C_NAME):
                continue
            a = m.addAction({"⚑": "Conflict marker", "Best": "Best partner",
                             "Cost": "Cost of this assignment"}.get(name, name))
            a.setCheckable(True)
            a.setChecked(not self.table.isColumnHidden(c))
            a.toggled.connect(lambda on, c=c: self.show_column(c, on))
        m.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def show_column(self, c: int, on: bool) -> None:
        """The strategist's choice from the header menu: it stays as chosen at any width."""
        self._chosen_columns.add(c)
        self.table.setColumnHidden(c, not on)
        if c in self.OPT_IN:
            self.contestWanted.emit(any(not self.table.isColumnHidden(k) for k in self.OPT_IN))

    def columns_to_hide(self, width: int) -> list[int]:
        """The columns (of DROP_ORDER) a table ``width`` pixels wide hides so that the others
        keep their widths and the name ``name_min`` (see fit_to_data)."""
        shown = [c for c in range(self.model.columnCount()) if c != SeatTableModel.C_NAME
                 and not (c in self._chosen_columns and self.table.isColumnHidden(c))]
        need = self.name_min + sum(self.widths.get(c, 40) for c in shown)
        out = []
        for c in self.DROP_ORDER:
            if need <= width:
                break
            if c in shown and c not in self._chosen_columns:
                out.append(c)
                need -= self.widths.get(c, 40)
        return out

    def fit_to_data(self) -> None:
        """Each column as wide as the data set's longest text in it (the table's font; the
        projected winner bold; a swatch before the pool and the winner), at least as wide as
        the defaults, so no district, PC, pool ("Unassigned", a friendly fight "INC v RJD") or
        party code ("CPI(ML)L") is cut. The name column keeps the longest name (at most 240
        px): narrower tables drop columns (DROP_ORDER) before they cut a name."""
        m, fm = self.model, self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        bfm = QFontMetrics(bold)
        hfm = self.table.horizontalHeader().fontMetrics()
        rows, pools = [m._row(r) for r in range(len(m._rows))], self.doc.pools
        texts = {c: {row.text[c] for row in rows} for c in (SeatTableModel.C_NAME, SeatTableModel.C_SC, SeatTableModel.C_DISTRICT,
                                                            SeatTableModel.C_PC, SeatTableModel.C_BASE,
                                                            SeatTableModel.C_POOL, SeatTableModel.C_WIN)}
        texts[SeatTableModel.C_POOL] |= {pools.label(i) for i in range(len(pools))}
        texts[SeatTableModel.C_WIN] |= {p.code for p in pools.partners}

        def widest(c, metrics, pad):
            header = m.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or SeatTableModel.COLUMNS[c]
            head = hfm.horizontalAdvance(str(header)) + 14
            return max([head] + [metrics.horizontalAdvance(t) + pad for t in texts[c] if t])
        w = dict(self.WIDTHS)
        for c, metrics, pad in ((SeatTableModel.C_SC, fm, 10), (SeatTableModel.C_DISTRICT, fm, 10), (SeatTableModel.C_PC, fm, 10),
                                (SeatTableModel.C_BASE, fm, 10), (SeatTableModel.C_POOL, fm, 28),
                                (SeatTableModel.C_WIN, bfm, 28)):
            w[c] = max(self.WIDTHS[c], widest(c, metrics, pad))
        w[SeatTableModel.C_PWIN] = self.p_win_width()
        self.widths = w
        self.name_min = max(self.NAME_MIN, min(240, widest(SeatTableModel.C_NAME, fm, 10)))
        for c, width in w.items():
            if c != SeatTableModel.C_NAME and (c not in self._chosen_columns or not self.table.isColumnHidden(c)):
                self.table.setColumnWidth(c, width)

    def needed_width(self) -> int:
        """The width the table needs with its default columns shown after DROP_ORDER's last
        (the name at ``name_min``; the vertical scroll bar)."""
        shown = [c for c in range(self.model.columnCount()) if c != SeatTableModel.C_NAME
                 and not self.table.isColumnHidden(c) and c not in self.DROP_ORDER]
        t = self.table
        chrome = max(t.width() - t.viewport().width(), t.verticalScrollBar().sizeHint().width() + 2 * t.frameWidth())
        return self.name_min + sum(self.widths.get(c, 40) for c in shown) + chrome + 4

    def choose_columns(self) -> None:
        """Show by default the columns the table's width holds (see columns_to_hide)."""
        hide = set(self.columns_to_hide(self.table.viewport().width()))
        for c in self.DROP_ORDER:
            if c not in self._chosen_columns:
                self.table.setColumnHidden(c, c in hide)

    def fit_columns(self):
        """The columns the width holds are shown; where the table has room, District and PC
        get their full width before the name column stretches into the rest."""
        self.choose_columns()
        spare = self.table.viewport().width() - sum(
            self.table.columnWidth(c) for c in range(self.model.columnCount())
            if c != SeatTableModel.C_NAME and not self.table.isColumnHidden(c)) - self.name_min
        for c in (SeatTableModel.C_DISTRICT, SeatTableModel.C_PC):
            if self.table.isColumnHidden(c):
                continue
            want = self.table.sizeHintForColumn(c) + 8
            grow = min(max(0, want - self.table.columnWidth(c)), max(0, spare))
            if grow:
                self.table.setColumnWidth(c, self.table.columnWidth(c) + grow)
                spare -= grow

    # -- selection -----------------------------------------------------------------------
    def _selection_changed(self, *_):
        if self._syncing:
            return
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        self.hub.set([self.proxy.index(r, 0).data(AC_ROLE) for r in rows], self.table)

    def _hub_changed(self, seats, source):
        if source is self.table:
            return
        self._syncing = True
        try:
            sel = QItemSelection()     # one range per run of rows (a view checks each per painted cell)
            px, last = self.proxy, self.proxy.columnCount() - 1
            rows = [r for r in range(px.rowCount()) if px.index(r, 0).data(AC) in seats] if seats else []
            for lo, hi in runs(rows):
                sel.select(px.index(lo, 0), px.index(hi, last))
            first = px.index(rows[0], 0) if rows else None
            self.table.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if first is not None:
                self.table.scrollTo(first)
        finally:
            self._syncing = False
