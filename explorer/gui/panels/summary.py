"""The Summary dock: seats each partner contests, projected seats per party against the
majority, the vote coverage and the split per Lok Sabha seat (PC)."""
from __future__ import annotations

import re

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ...core.palette import party_colour
from ...core.partner_colours import shown_colours
from ...core.pools import FIXED_COLOURS
from ..document import Document, DocumentView, shape_of
from ..paint.quiet_label import QuietLabel
from ..style import esc, pool_colour, swatch_icon
from ..view_fit import column_need, fit_height_to_rows
from .scoreboard import MajorityBar


class PcSplitModel(DocumentView, QAbstractTableModel):
    """Per-PC split: seats per pool and alliance wins, one row per Lok Sabha seat, then the split
    in words ("INC 5 · AAP 2 · Unassigned 1": the column shown in the pools' stead where theirs do
    not fit the dock). Only the rows whose figures changed are signalled; a new data set or
    partner list resets it."""
    follows = {"evaluated": "_on_evaluated"}

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self._shape = None
        self._center = int(Qt.AlignmentFlag.AlignCenter)
        self._cells: list[tuple[str, ...]] = []
        self.headers: list[str] = []
        self.n_pools = 0
        self.active, self._stale = True, False
        self.set_document(doc)

    def set_active(self, on: bool) -> None:
        self.active = on
        if on and self._stale:
            self._on_evaluated(self.doc.evaluation)

    def document_shown(self, doc: Document) -> None:
        if shape_of(doc) != self._shape:
            self._shape = shape_of(doc)
            pools = doc.pools
            self.beginResetModel()
            self.headers = ["PC"] + [pools.label(i) for i in range(len(pools))] + ["Led", "Split"]
            self.n_pools = len(pools)
            self._brushes = [QBrush(pool_colour(pools, j).darker(140)) for j in range(len(pools))]
            self._cells = []
            self._apply(doc.evaluation)
            self.endResetModel()
        else:
            self._on_evaluated(doc.evaluation)

    def _apply(self, ev) -> list[int]:
        split = ev.pc_split
        labels = [self.headers[1 + j] for j in range(self.n_pools)]
        cells = [(name,) + tuple(str(int(v)) if v else "·" for v in row) + (str(int(w)),) +
                 (" · ".join(f"{k}\u00a0{int(v)}" for k, v in zip(labels, row) if v),)   # a pool and its count: one line
                 for name, row, w in zip(split.names, split.counts, split.won)]
        old, self._cells = self._cells, cells
        return [r for r in range(len(cells)) if not old or old[r] != cells[r]]

    def _on_evaluated(self, ev):
        self._stale = not self.active
        if self._stale:
            return
        for r in self._apply(ev):
            self.dataChanged.emit(self.index(r, 1), self.index(r, self.columnCount() - 1))

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.headers)

    # the two long pools' headers on two lines: the table fits the dock's width at two partners
    HYPHENATED = {"Contested": "Con-\ntested", "Unassigned": "Unas-\nsigned"}

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        name = self.headers[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HYPHENATED.get(name, name) if 0 < section <= self.n_pools else name
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == 0:
                return "Parent Lok Sabha seat (PC) of the assembly seats"
            if section == self.n_pools + 1:
                return "Seats the alliance is projected to win in this Lok Sabha seat's segments"
            if section == self.n_pools + 2:
                return "Seats per pool in this Lok Sabha seat's segments (the pools with none left out)"
            return f"Seats in the {name} pool"
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][c]
        if c in (0, self.n_pools + 2):     # the whole name and split, where the column elides them
            return self._cells[index.row()][c] if role == Qt.ItemDataRole.ToolTipRole else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._center
        if role == Qt.ItemDataRole.ForegroundRole and c <= self.n_pools:
            return self._brushes[c - 1]
        return None


class PartnerTableModel(QAbstractTableModel):
    """Seats each partner contests: alone, + contested, fields, SC alone, seats led. A
    model, not an HTML table: a move re-formats the figures and signals the rows that changed
    (an HTML table was laid out again on every move, a millisecond)."""
    HEADERS = ["Partner", "alone", "+ cont.", "fields", "SC alone", "leads"]   # whole in a 330-px dock
    TIPS = ["", "Seats where the partner alone fields the alliance candidate",
            "Contested seats (friendly fights) where the partner stands too",
            "Seats the partner fields a candidate in: alone + contested",
            "SC-reserved seats in the partner's own pool", "Seats the partner leads in on the projected votes (the scoreboard has its expected seats)"]

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple] = []
        self._icons: list = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._center = int(Qt.AlignmentFlag.AlignCenter)

    def set_partners(self, partners) -> None:
        rows = [(p.code, str(p.alone), str(p.contested), str(p.fielding), str(p.sc_alone), str(p.won))
                for p in partners]
        icons = list(shown_colours(tuple(p.colour for p in partners), FIXED_COLOURS))   # as drawn: a shade where alike
        if len(rows) != len(self._rows) or icons != self._icons:
            self.beginResetModel()
            self._rows, self._icons = rows, icons
            self.endResetModel()
            return
        old, self._rows = self._rows, rows
        for r, (a, b) in enumerate(zip(old, rows)):
            if a != b:
                self.dataChanged.emit(self.index(r, 0), self.index(r, len(self.HEADERS) - 1))   # a rename too

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.TIPS[section] or None
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[r][c]
        if role == Qt.ItemDataRole.DecorationRole and c == 0:
            return swatch_icon(self._icons[r])
        if role == Qt.ItemDataRole.TextAlignmentRole and c:
            return self._center
        if role == Qt.ItemDataRole.FontRole and c == 3:
            return self._bold
        return None


class SummaryPanel(DocumentView, QWidget):
    """Idle while its dock is behind another (``set_active``): it catches up when shown."""
    follows = {"evaluated": "_on_evaluated"}

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.active = True
        self._stale = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(6)
        # figures that change on every move: QuietLabels repaint without re-laying the window
        self.contest = QuietLabel(rich=True)
        lay.addWidget(self.contest)
        self.partner_model = PartnerTableModel(self)
        self.partner_view = QTableView()
        self.partner_view.setObjectName("summary_partners")
        self.partner_view.setModel(self.partner_model)
        self.partner_view.verticalHeader().hide()
        self.partner_view.verticalHeader().setDefaultSectionSize(20)
        self.partner_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.partner_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.partner_view.setShowGrid(False)
        self.partner_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.partner_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.partner_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.partner_model.modelReset.connect(self._size_partner_table)
        lay.addWidget(self.partner_view)
        self.bar = MajorityBar(doc, self)
        lay.addWidget(self.bar)
        self.projected = QuietLabel(rich=True, wrap=True)
        lay.addWidget(self.projected)
        self.coverage = QuietLabel(rich=True, wrap=True)
        lay.addWidget(self.coverage)
        lay.addWidget(QLabel("<b>Split per Lok Sabha seat</b>"))
        self.pc_model = PcSplitModel(doc, self)
        self.pc_view = QTableView()
        self.pc_view.setModel(self.pc_model)
        self.pc_view.verticalHeader().hide()
        self.pc_view.verticalHeader().setDefaultSectionSize(20)
        self.pc_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.pc_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._unsized = True           # the PC table's columns: sized when first shown (set_active, _pcs_reset)
        # as tall as its rows, the dock scrolling it with the rest (one scroll bar, not one in another)
        self.pc_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._pc_need: dict[int, int] = {}     # each column's width to show it whole (the PC's: its least)
        self.pc_compact = False                # the split in words in the pools' stead (see _fit_pc_width)
        self.pc_view.viewport().installEventFilter(self)
        self.pc_model.modelReset.connect(self._pcs_reset)
        self.pc_model.dataChanged.connect(self._pc_rows_changed)
        lay.addWidget(self.pc_view)
        lay.addStretch(1)
        self.set_document(doc)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.pc_view.viewport() and event.type() == QEvent.Type.Resize and self._pc_need:
            self._fit_pc_width()
        return super().eventFilter(obj, event)

    def _pcs_reset(self) -> None:
        """Another data set or partner list: the PC table's columns sized now if it shows, else when
        its dock is first shown (sizing reads every cell: 456 PCs x 24 columns, 0.3 s at 4,100 seats, which
        the window's opening need not wait for with the Summary behind the Map)."""
        self._unsized = True
        if self.active and self.isVisible():
            self._size_columns()

    def _pc_rows_changed(self, top, bottom, *_) -> None:
        """A move changed some PCs' split: in words, their rows as tall as its lines anew."""
        if self.pc_compact:
            for r in range(top.row(), bottom.row() + 1):
                self.pc_view.resizeRowToContents(r)
            fit_height_to_rows(self.pc_view, fixed=True)

    def _size_columns(self):
        """Sized once per shape (ResizeToContents would re-measure every cell on every change): each
        pool's column its header's and its counts' need (any count up to the PC's segments), the PC
        column the room left, never short of the longest word of a PC's name (split at spaces and
        hyphens: "Bhiwani-Mahendragarh"), the whole name in its tooltip; past that (many partners)
        the table scrolls sideways."""
        self._unsized = False
        v, m = self.pc_view, self.pc_model
        v.resizeColumnsToContents()
        hh = v.horizontalHeader()
        for c in range(m.columnCount()):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
        hh.setStretchLastSection(False)
        rows = range(m.rowCount())
        split = m.columnCount() - 1
        counts = {m.index(r, c).data() for r in rows for c in range(1, split)} | {"·"}
        self._pc_need = {c: max(column_need(v, c, counts), 34) for c in range(1, split)}
        if v.horizontalHeader().visualIndex(split) != 1:      # the split in words right of the PC
            v.horizontalHeader().moveSection(v.horizontalHeader().visualIndex(split), 1)
        fm = v.fontMetrics()
        words = {w for r in rows for w in re.split(r"[\s-]+", str(m.index(r, 0).data())) if w}
        self._pc_need[0] = column_need(v, 0, [max(words, key=fm.horizontalAdvance, default="")])
        self._fit_pc_width()

    def _fit_pc_width(self) -> None:
        """A column per pool where they fit the dock with the PC at its least; else (four or more
        partners at 1366x768) the split in words in their stead, wrapped over its row's lines beside
        the PC's name (wrapped too) and the seats won."""
        v, m = self.pc_view, self.pc_model
        split, won = m.columnCount() - 1, m.columnCount() - 2
        others = sum(wd for c, wd in self._pc_need.items() if c)
        compact = self._pc_need[0] + others > v.viewport().width()
        changed = compact != self.pc_compact or v.isColumnHidden(split) == compact
        self.pc_compact = compact
        for c in range(1, split):
            v.setColumnHidden(c, compact and c != won)
        v.setColumnHidden(split, not compact)
        if compact:
            # the PC at its least, the seats won, the split the room left (its longest pool's count whole)
            widths = {0: self._pc_need[0], won: self._pc_need[won]}
            widths[split] = max(v.viewport().width() - widths[0] - widths[won],
                                column_need(v, split, [max((m.headers[1:won]), key=len) + "\u00a099"]))
        else:
            widths = {c: max(wd, v.viewport().width() - others) if c == 0 else wd for c, wd in self._pc_need.items()}
        resized = False
        for c, wd in widths.items():
            if v.columnWidth(c) != wd:
                v.setColumnWidth(c, wd)
                resized = True
        if compact and (resized or changed):
            v.resizeRowsToContents()          # the split and the PC's name wrapped at the new width
        elif changed:
            for r in range(m.rowCount()):
                v.setRowHeight(r, v.verticalHeader().defaultSectionSize())
        fit_height_to_rows(v, fixed=True)

    def _size_partner_table(self):
        v = self.partner_view
        v.resizeColumnsToContents()
        hh = v.horizontalHeader()
        for c in range(self.partner_model.columnCount()):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
        # the partner's code whole ("CPI(ML)L"): its column as wide as its longest, the last takes the rest;
        # a dock narrower than the table scrolls it rather than cut a code
        hh.setStretchLastSection(True)
        v.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        bar = v.horizontalScrollBar().sizeHint().height() if hh.length() > v.viewport().width() else 0
        v.setFixedHeight(hh.sizeHint().height() + 20 * self.partner_model.rowCount() + 2 * v.frameWidth() + bar)

    def document_shown(self, doc: Document) -> None:
        self.bar.set_document(doc)
        self.pc_model.set_document(doc)
        self._set(doc.evaluation)

    def set_active(self, on: bool) -> None:
        self.active = on
        if on and self._unsized:
            self._size_columns()
        self.pc_model.set_active(on)   # the bar only repaints, which a hidden widget never does
        if on and self._stale:
            self._set(self.doc.evaluation)

    def _on_evaluated(self, ev):
        if self.active:
            self._set(ev)
        else:
            self._stale = True

    def _set(self, ev):
        self._stale = False
        pr, v = ev.projection, ev.verdict
        self.partner_model.set_partners(ev.partners)
        un = ev.pool_counts[self.doc.pools.key(self.doc.pools.unassigned)]
        self.contest.setText(f"<b>Seats contested</b> · {un} unassigned")
        colour = "#333"   # the point projection alone is not a verdict: P(majority) is on the scoreboard
        # a party's swatch, code and seats stay on one line (only the gaps between parties wrap)
        parts = " &nbsp;".join(f"<span style='color:{party_colour(self.doc.dataset, self.doc.pools.partners, p)}'>■</span>&nbsp;{esc(p)}&nbsp;<b>{n}</b>"
                               for p, n in pr.seats_by_party().items())
        # the deterministic count, named for what it is: the headline's expected seats are the scoreboard's
        self.projected.setText(f"<b>Seats led on the projected votes</b> — alliance <b>{v.alliance}</b> of {v.seats}, "
                               f"<span style='color:{colour}'>{v.phrase}</span> ({v.majority}) on that count<br>{parts}")
        self.coverage.setText(f"Vote coverage: the alliance keeps {pr.coverage * 100:.1f} % of the partners' "
                              f"combined vote ({pr.kept_votes:,.0f} of {float(pr.partner_votes.sum()):,.0f}).")
