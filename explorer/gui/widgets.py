"""Panels of the main window. Each reads the document's evaluation; none edits data: user
actions go through the document's undo commands."""
from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDoubleSpinBox, QFrame, QGridLayout,
                               QHBoxLayout, QHeaderView, QLabel, QListView, QPushButton, QSizePolicy,
                               QSpinBox, QStyle, QStyledItemDelegate, QTableView, QVBoxLayout, QWidget)

from .mime import seats_from_mime
from .models import AC_ROLE, ITEM_ROLE, ConflictListModel, PcSplitModel, PoolListModel, SwingModel
from .style import SEVERITY_COLOURS, esc, plain_rich, pool_colour, tint


def _ac_nos_of(view: QAbstractItemView) -> list[int]:
    sm = view.selectionModel()
    return [int(i.data(AC_ROLE)) for i in sm.selectedIndexes() if i.column() == 0]


def select_seats_in(view: QAbstractItemView, seats: frozenset[int], column_count: int = 1) -> None:
    """Select the rows of ``view`` whose seat is in ``seats`` (one selection change)."""
    model, sm = view.model(), view.selectionModel()
    sel = QItemSelection()
    for r in range(model.rowCount()):
        idx = model.index(r, 0)
        if idx.data(AC_ROLE) in seats:
            sel.select(idx, model.index(r, column_count - 1))
    sm.select(sel, QItemSelectionModel.ClearAndSelect)


class PoolItemDelegate(QStyledItemDelegate):
    """Pool item: conflict icon or winner swatch, '12 Shahbad', and the projected winner and
    margin right-aligned (green when the alliance wins, red when it loses)."""

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        self._won, self._lost = QColor("#1B7F3B"), QColor("#B3261E")

    def paint(self, painter, option, index):
        text, icon, right, won = index.data(ITEM_ROLE)[:4]  # one call into the model per item
        painter.save()
        selected = bool(option.state & QStyle.State_Selected)
        if selected:
            painter.fillRect(option.rect, option.palette.highlight())
            fg = option.palette.highlightedText().color()
        else:
            fg = option.palette.text().color()
        r = option.rect.adjusted(3, 0, -4, 0)
        icon.paint(painter, r.left(), r.top() + (r.height() - 14) // 2, 14, 14)
        fm = option.fontMetrics
        rw = fm.horizontalAdvance(right) + 6
        painter.setPen(fg if selected else (self._won if won else self._lost))
        painter.drawText(r, Qt.AlignRight | Qt.AlignVCenter, right)
        painter.setPen(fg)
        text_rect = r.adjusted(19, 0, -rw, 0)
        painter.drawText(text_rect, Qt.AlignLeft | Qt.AlignVCenter,
                         fm.elidedText(text, Qt.ElideRight, text_rect.width()))
        painter.restore()

    def sizeHint(self, option, index):
        s = super().sizeHint(option, index)
        return QSize(60, max(20, s.height()))  # width follows the view; the name is elided


class PoolView(QListView):
    """A pool's seat list: drag from it, drop onto it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDrop)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.setAlternatingRowColors(False)

    def paintEvent(self, e):
        super().paintEvent(e)
        if self.model() is not None and self.model().rowCount() == 0:
            p = QPainter(self.viewport())
            p.setPen(QColor("#999"))
            p.drawText(self.viewport().rect().adjusted(8, 8, -8, -8), Qt.AlignCenter | Qt.TextWordWrap,
                       "Drop seats here\nor select seats and press the pool's shortcut")
            p.end()


class PoolPanel(QFrame):
    """One pool: a coloured header with count and the partner's bound, and its seat list."""

    def __init__(self, doc, hub, pool_index: int, parent=None):
        super().__init__(parent)
        self.doc, self.hub, self.pool_index = doc, hub, pool_index
        pools = doc.pools
        self.colour = pool_colour(pools, pool_index)
        self.setObjectName(f"pool_{pools.key(pool_index)}")
        self.setFrameShape(QFrame.StyledPanel)
        self.setAcceptDrops(True)
        self.header = QLabel()
        self.header.setTextFormat(Qt.RichText)
        self.header.setMinimumHeight(26)
        self.header.setWordWrap(True)
        self.header.setToolTip(plain_rich(self._header_tip()))
        self.model = PoolListModel(doc, pool_index, self)
        self.view = PoolView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(PoolItemDelegate(doc, self.view))
        self.view.setObjectName(f"poolview_{pools.key(pool_index)}")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.header)
        lay.addWidget(self.view)
        self._drag_over = False
        self._apply_style()
        self._update_header(doc.evaluation)
        doc.evaluated.connect(self._update_header)
        self.model.modelReset.connect(self._reselect)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        hub.changed.connect(self._hub_changed)
        self._syncing = False

    def _header_tip(self) -> str:
        pools = self.doc.pools
        if self.pool_index < pools.n_partners:
            p = pools.partners[self.pool_index]
            return f"Seats where {p.name} alone fields the alliance candidate. Drop seats here."
        if self.pool_index == pools.contested:
            return "Both partners claim these seats and would field candidates (a disputed seat or a friendly fight)."
        return "Seats not decided yet (projected as if both partners stood)."

    def _apply_style(self):
        c = self.colour
        border = "#E8A317" if self._drag_over else c.name()
        self.setStyleSheet(
            f"PoolPanel {{ border: 2px solid {border}; border-radius: 4px; background: white; }}"
            f"QLabel {{ background: {tint(c, 50).name(QColor.HexArgb)}; border-left: 6px solid {c.name()};"
            f" padding: 3px 6px; }}")

    def _update_header(self, ev) -> None:
        pools = self.doc.pools
        n = int(ev.breakdown.counts[self.pool_index])
        label = pools.label(self.pool_index)
        extra = ""
        if self.pool_index < pools.n_partners:
            code = pools.partners[self.pool_index].code
            b = self.doc.scenario.rules.bounds_for(code)
            if b is not None:
                pos = b.positions()
                out = (b.minimum is not None and n < b.minimum) or (b.maximum is not None and n > b.maximum)
                colour = SEVERITY_COLOURS["warning"] if out else "#555"
                extra = f" <span style='color:{colour}'>· {esc(pos)}</span>" if pos else ""
            sc_n = int(ev.breakdown.sc[self.pool_index])
            extra += f" <span style='color:#666'>· {sc_n} SC</span>" if sc_n else ""
        self.header.setText(f"<b>{esc(label)}</b>&nbsp;&nbsp;<b style='font-size:13pt'>{n}</b>{extra}")

    # -- drops on the header or the frame go to the pool too ------------------------------
    def dragEnterEvent(self, e):
        if seats_from_mime(e.mimeData()):
            self._drag_over = True
            self._apply_style()
            e.acceptProposedAction()

    def dragLeaveEvent(self, e):
        self._drag_over = False
        self._apply_style()

    def dropEvent(self, e):
        self._drag_over = False
        self._apply_style()
        if self.model.dropMimeData(e.mimeData(), e.dropAction(), -1, -1, self.view.rootIndex()):
            e.acceptProposedAction()

    # -- shared selection ----------------------------------------------------------------
    def _selection_changed(self, *_):
        if self._syncing:
            return
        seats = _ac_nos_of(self.view)
        if seats or self.view.hasFocus():
            self.hub.set(seats, self)

    def _hub_changed(self, seats, source):
        if source is self:
            return
        self._apply_selection(seats)

    def _reselect(self):
        self._apply_selection(self.hub.seats)

    def _apply_selection(self, seats):
        self._syncing = True
        try:
            select_seats_in(self.view, seats)
        finally:
            self._syncing = False


class MajorityBar(QWidget):
    """Projected seats as one bar: the partners from the left, the others from the right,
    and a line at the majority mark."""

    def __init__(self, doc, parent=None, compact: bool = False):
        super().__init__(parent)
        self.doc = doc
        self.compact = compact
        self.setMinimumHeight(30 if compact else 44)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self._ev = doc.evaluation
        doc.evaluated.connect(self._set)

    def _set(self, ev):
        self._ev = ev
        self.update()

    def sizeHint(self):
        return QSize(260, 30 if self.compact else 44)

    def segments(self) -> list[tuple[str, int]]:
        pr = self._ev.projection
        n_p = pr.n_partners
        seats = [(pr.parties[i], int(pr.seat_counts[i])) for i in range(n_p) if pr.seat_counts[i]]
        others = [(pr.parties[i], int(pr.seat_counts[i])) for i in range(n_p, len(pr.parties)) if pr.seat_counts[i]]
        others.sort(key=lambda t: t[1])
        return seats + others

    def paintEvent(self, _):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        pr = self._ev.projection
        total = self.doc.dataset.seats.n
        w, h = self.width() - 2, self.height()
        bar_h = h - (4 if self.compact else 18)
        top = 2
        x = 1.0
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        font.setBold(True)
        p.setFont(font)
        for party, n in self.segments():
            seg = w * n / total
            r = QRectF(x, top, seg, bar_h)
            c = QColor(self.doc.dataset.party_colour(party))
            p.fillRect(r, c)
            p.setPen(QPen(QColor("white"), 1))
            p.drawLine(r.topRight(), r.bottomRight())
            if seg > 34:
                lum = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()
                p.setPen(QColor("#111") if lum > 150 else QColor("white"))
                p.drawText(r, Qt.AlignCenter, f"{party} {n}")
            x += seg
        mx = 1 + w * (pr.majority - 0.5) / total
        p.setPen(QPen(QColor("#222"), 2, Qt.DashLine))
        p.drawLine(int(mx), 0, int(mx), int(top + bar_h + 2))
        if not self.compact:
            p.setPen(QColor("#333"))
            small = QFont(self.font())
            small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
            p.setFont(small)
            p.drawText(QRectF(mx - 60, top + bar_h + 1, 120, 16), Qt.AlignCenter, f"majority {pr.majority}")
        p.end()


class Tile(QFrame):
    """A figure with a caption, for the scoreboard."""

    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.setObjectName("tile")
        self.caption = QLabel(caption)
        self.caption.setTextFormat(Qt.PlainText)  # a partner code
        self.caption.setStyleSheet("color:#555; font-size:8pt;")
        self.value = QLabel()
        f = self.value.font()
        f.setPointSizeF(f.pointSizeF() + 5)
        f.setBold(True)
        self.value.setFont(f)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 3, 8, 3)
        lay.setSpacing(0)
        lay.addWidget(self.caption)
        lay.addWidget(self.value)


class Scoreboard(QFrame):
    """Always-visible answers: seats each side contests, projected alliance total against
    the majority, vote kept, and conflicts."""
    conflictsClicked = Signal()

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("scoreboard")
        self.setStyleSheet("#scoreboard { background: #F7F7F9; border-bottom: 1px solid #DDD; }")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.setSpacing(6)
        pools = doc.pools
        self.pool_tiles = []
        for i in range(len(pools)):
            t = Tile(pools.label(i) if i >= pools.n_partners else f"{pools.label(i)} contests")
            c = pool_colour(pools, i)
            t.value.setStyleSheet(f"color: {c.darker(120).name()};")
            t.setStyleSheet(f"#tile {{ border-left: 4px solid {c.name()}; }}")
            self.pool_tiles.append(t)
            lay.addWidget(t)
        self.alliance = Tile("Alliance projected")
        lay.addWidget(self.alliance)
        self.bar = MajorityBar(doc, self, compact=True)
        self.bar.setMinimumWidth(180)
        lay.addWidget(self.bar, 1)
        self.coverage = Tile("Vote kept")
        self.coverage.setToolTip("Alliance votes kept ÷ the partners' combined vote: what transfer losses cost")
        lay.addWidget(self.coverage)
        self.conflicts = Tile("Conflicts")
        lay.addWidget(self.conflicts)
        self._set(doc.evaluation)
        doc.evaluated.connect(self._set)

    def _set(self, ev):
        pools = self.doc.pools
        b, pr = ev.breakdown, ev.projection
        for i, t in enumerate(self.pool_tiles):
            n = int(b.counts[i])
            if i < pools.n_partners:
                extra = int(b.counts[pools.contested])
                t.value.setText(f"{n}" + (f"<span style='font-size:9pt; color:#777'> +{extra}</span>" if extra else ""))
                t.setToolTip(plain_rich(f"{pools.partners[i].name}: {n} seats alone"
                                        + (f", {n + extra} counting the {extra} contested" if extra else "")))
            else:
                t.value.setText(str(n))
        ok = pr.alliance_seats >= pr.majority
        colour = "#1B7F3B" if ok else "#B3261E"
        self.alliance.value.setText(f"<span style='color:{colour}'>{pr.alliance_seats}</span>"
                                    f"<span style='font-size:9pt; color:#777'> / {pr.majority} needed</span>")
        self.alliance.setToolTip(
            f"The alliance is projected to win {pr.alliance_seats} of {self.doc.dataset.seats.n}; "
            + ("a majority." if ok else f"{pr.majority - pr.alliance_seats} short of the majority of {pr.majority}."))
        self.coverage.value.setText(f"{pr.coverage * 100:.1f} %")
        counts = {"error": 0, "warning": 0, "info": 0}
        for c in ev.conflicts:
            counts[c.severity] += 1
        parts = []
        for sev in ("error", "warning", "info"):
            if counts[sev]:
                parts.append(f"<span style='color:{SEVERITY_COLOURS[sev]}'>{counts[sev]}</span>")
        self.conflicts.value.setText(" · ".join(parts) if parts else "<span style='color:#1B7F3B'>none</span>")
        self.conflicts.setToolTip(f"{counts['error']} broken, {counts['warning']} warnings, "
                                  f"{counts['info']} pending (unassigned)")


class SummaryPanel(QWidget):
    """The full summary: seats contested per partner, projected seats per party against the
    majority, vote coverage, SC seats per partner, per-PC split."""

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(6)
        self.contest = QLabel()
        self.contest.setTextFormat(Qt.RichText)
        lay.addWidget(self.contest)
        self.bar = MajorityBar(doc, self)
        lay.addWidget(self.bar)
        self.projected = QLabel()
        self.projected.setTextFormat(Qt.RichText)
        self.projected.setWordWrap(True)
        lay.addWidget(self.projected)
        self.coverage = QLabel()
        self.coverage.setWordWrap(True)
        lay.addWidget(self.coverage)
        lay.addWidget(QLabel("<b>Split per Lok Sabha seat</b>"))
        self.pc_model = PcSplitModel(doc, self)
        self.pc_view = QTableView()
        self.pc_view.setModel(self.pc_model)
        self.pc_view.verticalHeader().hide()
        self.pc_view.verticalHeader().setDefaultSectionSize(20)
        # sized once: ResizeToContents would re-measure every cell on every change
        self.pc_view.resizeColumnsToContents()
        hh = self.pc_view.horizontalHeader()
        for c in range(1, self.pc_model.columnCount()):
            hh.setSectionResizeMode(c, QHeaderView.Fixed)
            self.pc_view.setColumnWidth(c, max(self.pc_view.columnWidth(c), 34))
        hh.setSectionResizeMode(0, QHeaderView.Stretch)
        self.pc_view.setSelectionMode(QAbstractItemView.NoSelection)
        self.pc_view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        lay.addWidget(self.pc_view, 1)
        self._set(doc.evaluation)
        doc.evaluated.connect(self._set)

    def _set(self, ev):
        pools, b, pr = self.doc.pools, ev.breakdown, ev.projection
        rows = ["<tr><th align=left>Partner</th><th>&nbsp;alone&nbsp;</th><th>&nbsp;+ contested&nbsp;</th>"
                "<th>&nbsp;fields&nbsp;</th><th>&nbsp;SC alone&nbsp;</th><th>&nbsp;wins&nbsp;</th></tr>"]
        for i, p in enumerate(pools.partners):
            rows.append(f"<tr><td><span style='color:{p.colour}'>■</span> {esc(p.code)}</td>"
                        f"<td align=center>{int(b.counts[i])}</td><td align=center>{int(b.counts[pools.contested])}</td>"
                        f"<td align=center><b>{int(b.counts[i] + b.counts[pools.contested])}</b></td>"
                        f"<td align=center>{int(b.sc[i])}</td><td align=center>{int(pr.seat_counts[i])}</td></tr>")
        un = int(b.counts[pools.unassigned])
        self.contest.setText(f"<b>Seats contested</b> · {un} unassigned"
                             f"<table cellspacing=0 cellpadding=1>{''.join(rows)}</table>")
        verdict = ("<span style='color:#1B7F3B'>reaches the majority</span>" if pr.alliance_seats >= pr.majority
                   else f"<span style='color:#B3261E'>{pr.majority - pr.alliance_seats} short of the majority</span>")
        parts = " &nbsp;".join(f"<span style='color:{self.doc.dataset.party_colour(p)}'>■</span> {esc(p)} <b>{n}</b>"
                               for p, n in pr.seats_by_party().items())
        self.projected.setText(f"<b>Projected seats</b> — alliance <b>{pr.alliance_seats}</b> of "
                               f"{self.doc.dataset.seats.n}, {verdict} ({pr.majority})<br>{parts}")
        self.coverage.setText(f"Vote coverage: the alliance keeps {pr.coverage * 100:.1f} % of the partners' "
                              f"combined vote ({pr.kept_votes:,.0f} of {float(pr.partner_votes.sum()):,.0f}).")


class ConflictPanel(QWidget):
    """Every conflict in plain language; clicking one selects its seats everywhere."""

    def __init__(self, doc, hub, parent=None):
        super().__init__(parent)
        self.doc, self.hub = doc, hub
        self.model = ConflictListModel(doc, self)
        self.view = QListView()
        self.view.setObjectName("conflicts")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setSpacing(1)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.empty = QLabel("No conflicts: this split meets every rule.")
        self.empty.setStyleSheet("color:#1B7F3B; padding: 6px;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)
        lay.addWidget(self.empty)
        self._update()
        self.model.modelReset.connect(self._update)

    def _update(self):
        n = self.model.rowCount()
        self.empty.setVisible(n == 0)
        self.view.setVisible(n > 0)

    def _clicked(self, index):
        c = self.model.conflict(index.row())
        self.hub.set(c.seats, self)


class _SwingDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        ed = QDoubleSpinBox(parent)
        ed.setRange(-30.0, 30.0)
        ed.setDecimals(1)
        ed.setSingleStep(0.5)
        ed.setSuffix(" pts")
        return ed


class AssumptionsPanel(QWidget):
    """Baseline, transfer per direction, swing per party; per-seat adjustments live in the
    table's Adj. column."""
    importRequested = Signal()

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>Baseline</b>"), 0, 0)
        self.baseline = QComboBox()
        self.baseline.setObjectName("baseline")
        self.baseline.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.baseline.setMinimumContentsLength(18)
        grid.addWidget(self.baseline, 0, 1)
        grid.setColumnStretch(1, 1)
        imp = QPushButton("Import…")
        imp.setToolTip("Import a baseline election from a CSV with columns ac_no, candidate, party, votes")
        imp.clicked.connect(self.importRequested)
        grid.addWidget(imp, 0, 2)
        self.baseline_note = QLabel()
        self.baseline_note.setWordWrap(True)
        self.baseline_note.setStyleSheet("color:#666; font-size:8pt;")
        grid.addWidget(self.baseline_note, 1, 0, 1, 3)
        row = 2
        tl = QLabel("<b>Vote transfer</b>: the share of one partner's voters who vote for the other's "
                    "candidate where it stands alone; the rest go to the other candidates")
        tl.setWordWrap(True)
        grid.addWidget(tl, row, 0, 1, 3)
        self.transfer_spins = {}
        codes = [p.code for p in doc.pools.partners]
        for f in codes:
            for t in codes:
                if f == t:
                    continue
                row += 1
                spin = QSpinBox()
                spin.setObjectName(f"transfer_{f}_{t}")
                spin.setRange(0, 100)
                spin.setSuffix(" %")
                spin.setSingleStep(5)
                spin.setKeyboardTracking(False)
                spin.valueChanged.connect(lambda v, f=f, t=t: self._transfer_changed(f, t, v))
                grid.addWidget(QLabel(f"{f} voters → {t} candidate"), row, 0, 1, 2)
                grid.addWidget(spin, row, 2)
                self.transfer_spins[(f, t)] = spin
        lay.addLayout(grid)
        sl = QLabel("<b>Swing</b>: points of the valid vote, statewide, applied before transfers "
                    "(double-click a value to edit)")
        sl.setWordWrap(True)
        lay.addWidget(sl)
        self.swing_model = SwingModel(doc, self)
        self.swing_view = QTableView()
        self.swing_view.setObjectName("swing")
        self.swing_view.setModel(self.swing_model)
        self.swing_view.setItemDelegateForColumn(1, _SwingDelegate(self.swing_view))
        self.swing_view.verticalHeader().hide()
        self.swing_view.verticalHeader().setDefaultSectionSize(20)
        self.swing_view.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        lay.addWidget(self.swing_view, 1)
        self.adjust_note = QLabel()
        self.adjust_note.setWordWrap(True)
        self.adjust_note.setStyleSheet("color:#444;")
        lay.addWidget(self.adjust_note)
        self.clear_adjust = QPushButton("Clear per-seat adjustments")
        self.clear_adjust.clicked.connect(self._clear_adjust)
        lay.addWidget(self.clear_adjust)
        self.baseline.currentIndexChanged.connect(self._baseline_changed)
        self._syncing = False
        self.sync()
        doc.assumptionsChanged.connect(self.sync)

    def sync(self, *_):
        """Show the scenario's assumptions (after any change, undo included)."""
        self._syncing = True
        try:
            a = self.doc.scenario.assumptions
            ds = self.doc.dataset
            self.baseline.clear()
            for bid, b in ds.baselines.items():
                self.baseline.addItem(b.label, bid)
            self.baseline.setCurrentIndex(max(0, self.baseline.findData(a.baseline)))
            self.baseline.setToolTip(ds.baselines[a.baseline].label)
            self.baseline_note.setText(ds.baselines[a.baseline].note)
            for (f, t), spin in self.transfer_spins.items():
                spin.setValue(round(a.transfer_rate(f, t) * 100))
            n = len(a.seat_adjust_items)
            self.adjust_note.setText(
                f"Per-seat adjustments: {n} set (" + ", ".join(
                    f"{ds.seats.name(ac)} {v:+g}" for ac, v in a.seat_adjust_items[:4]) + (", …" if n > 4 else "") + ")"
                if n else "Per-seat adjustments: none. Edit the Adj. column of the seat table to add one.")
            self.clear_adjust.setEnabled(n > 0)
        finally:
            self._syncing = False

    def _baseline_changed(self, i):
        if self._syncing or i < 0:
            return
        bid = self.baseline.itemData(i)
        a = self.doc.scenario.assumptions
        self.doc.set_assumptions(a.with_baseline(bid), f"Baseline: {self.doc.dataset.baselines[bid].label}")

    def _transfer_changed(self, f, t, v):
        if self._syncing:
            return
        a = self.doc.scenario.assumptions
        self.doc.set_assumptions(a.with_transfer(f, t, v / 100.0), f"Transfer {f}→{t} {v} %",
                                 merge_key=f"transfer:{f}>{t}")

    def _clear_adjust(self):
        from ..core.assumptions import Assumptions
        a = self.doc.scenario.assumptions
        self.doc.set_assumptions(Assumptions.make(a.baseline, a.transfer, a.swing, {}),
                                 "Clear per-seat adjustments")


