"""The Uncertainty dock: the alliance's range and P(majority), the uncertainty settings (level
and draws), a histogram of alliance seats with the majority line, the cushion curve (alliance
seats under a uniform swing to or from the main rival) and the tipping-point seats. It shows
what a LiveUncertainty (gui/worker.py) delivers; stale figures are greyed until the new ones
arrive."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import (QAbstractTableModel, QEvent, QModelIndex, QPointF, QRectF, QSize, Qt, QTextBoundaryFinder,
                            Signal)
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QSizePolicy, QSpinBox,
                               QTableView, QVBoxLayout, QWidget)

from ...core.uncertainty import LEVELS, probability_percent
from ..live_uncertainty import Figures, LiveUncertainty, Settings
from .common import AC_ROLE, SORT_ROLE, column_need, enclosing_scroll_area, fit_height_to_rows, select_seats_in

WIN, LOSE, GRID = QColor("#1B7F3B"), QColor("#B3261E"), QColor("#DDDDDD")


class DistributionPlot(QWidget):
    """Left: the histogram of alliance seats over the draws, the majority as a dashed line and
    the 80 % interval shaded. Right: the cushion, alliance seats against a uniform swing."""
    TALL, LEAST = 260, 220      # its least height where the dock has the room, and where it has not

    def __init__(self, parent=None):
        super().__init__(parent)
        self.figures: Figures | None = None
        self.axis_rects: list[QRectF] = []     # the histogram's axis numbers, as last painted
        self.cushion_rects: list[tuple[str, QRectF]] = []   # the cushion's title and numbers, as last painted
        self.setMinimumHeight(self.TALL)
        self.setMinimumWidth(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self):
        return QSize(380, 210)

    def set_figures(self, f: Figures | None) -> None:
        self.figures = f
        self.update()

    def paintEvent(self, _):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        f = self.figures
        if f is None:
            p.setPen(QColor("#777"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Simulating…")
            return
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1.5))
        p.setFont(small)
        w, h = self.width(), self.height()
        gap = 12
        if w >= 560:    # side by side in a wide dock, one above the other in a narrow one
            left_w = int((w - gap) * 0.55)
            self._histogram(p, QRectF(4, 4, left_w - 4, h - 8), f)
            self._cushion(p, QRectF(left_w + gap, 4, w - left_w - gap - 4, h - 8), f)
        else:
            top_h = int((h - gap) * 0.55)
            self._histogram(p, QRectF(4, 4, w - 8, top_h - 4), f)
            self._cushion(p, QRectF(4, top_h + gap, w - 8, h - top_h - gap - 4), f)
        if f.stale:
            p.fillRect(self.rect(), QColor(255, 255, 255, 150))
            p.setPen(QColor("#555"))
            p.drawText(self.rect().adjusted(0, 0, -6, -4), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                       first_pass_text(f) or "updating…")
        p.end()

    def _histogram(self, p: QPainter, r: QRectF, f: Figures) -> None:
        s = f.summary
        seats = s.alliance_seats
        n = int(f.seats.n)
        counts = np.bincount(seats, minlength=n + 1).astype(float)
        lo_i = max(0, int(seats.min()) - 2)
        hi_i = min(n, int(seats.max()) + 2)
        lo_i, hi_i = min(lo_i, s.majority - 3), max(hi_i, s.majority + 3)
        lo_i, hi_i = max(0, lo_i), min(n, hi_i)
        title_h, axis_h = 16, 16
        band = 2 * (p.fontMetrics().height() + 2)    # the labels' own band above the tallest bar
        plot = QRectF(r.left() + 4, r.top() + title_h + band, r.width() - 8, r.height() - title_h - band - axis_h)
        p.setPen(QColor("#222"))
        p.drawText(QRectF(r.left(), r.top(), r.width(), title_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   f"Alliance seats in {s.draws:,} simulated elections (80 % shaded)")
        span = hi_i - lo_i + 1
        bw = plot.width() / span
        top = counts[lo_i:hi_i + 1].max() or 1.0
        med, p10, p90 = f.interval
        x10 = plot.left() + (p10 - lo_i) * bw
        x90 = plot.left() + (p90 - lo_i + 1) * bw
        p.fillRect(QRectF(x10, plot.top(), x90 - x10, plot.height()), QColor(0, 0, 0, 14))
        for k in range(lo_i, hi_i + 1):
            bh = plot.height() * counts[k] / top
            c = WIN if k >= s.majority else LOSE
            c = QColor(c)
            c.setAlpha(200)
            p.fillRect(QRectF(plot.left() + (k - lo_i) * bw + 0.5, plot.bottom() - bh, max(bw - 1, 1), bh), c)
        mx = plot.left() + (s.majority - lo_i) * bw
        p.setPen(QPen(QColor("#222"), 1.5, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(mx, plot.top() - band), QPointF(mx, plot.bottom()))
        p.setPen(QColor("#222"))
        right = mx < plot.center().x()
        _label(p, mx, plot.top() - band, right, f"majority {s.majority}: P {probability_percent(s.p_majority)}")
        p.setPen(QColor("#999"))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        p.setPen(QColor("#444"))
        step = max(1, int(np.ceil(span / 8 / 5.0)) * 5)
        self.axis_rects = []
        for k in range(int(np.ceil(lo_i / step)) * step, hi_i + 1, step):
            x = plot.left() + (k - lo_i + 0.5) * bw
            self.axis_rects.append(p.boundingRect(QRectF(x - 20, plot.bottom() + 1, 40, axis_h - 2),
                                                  Qt.AlignmentFlag.AlignCenter, str(k)))
            p.drawText(QRectF(x - 20, plot.bottom() + 1, 40, axis_h - 2), Qt.AlignmentFlag.AlignCenter, str(k))
        _label(p, mx, plot.top() - band / 2, right, f"80 %: {p10}–{p90}")

    def _cushion(self, p: QPainter, r: QRectF, f: Figures) -> None:
        c = f.cushion
        if c is None:       # the quick first pass: the cushion comes with all the draws
            p.setPen(QColor("#777"))
            text = "Cushion: worked out with all the draws…"
            p.drawText(r, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
            self.cushion_rects = [("title", p.boundingRect(r, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                                                          text))]
            return
        curve = np.array(c["curve"], dtype=float)
        n = f.seats.n
        M = f.summary.majority
        fm = p.fontMetrics()
        lh = fm.height()
        # the axes' numbers whole inside the chart, clear of its title and of each other: the
        # ends' numbers inside the plot's ends (a centred '+10' was cut at the dock's edge and
        # the top seat count drawn over the title), a count too near the majority's left out
        title_h, axis_h, ylab_w = max(16, lh + 2), max(16, lh + 2), fm.horizontalAdvance(str(n)) + 6
        plot = QRectF(r.left() + ylab_w, r.top() + title_h + lh / 2, r.width() - ylab_w - 4,
                      r.height() - title_h - lh / 2 - axis_h)
        p.setPen(QColor("#222"))
        title, text = QRectF(r.left(), r.top(), r.width(), title_h), f"Cushion: seats against a swing from {c['rival']} (pts)"
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        p.drawText(title, left, text)
        self.cushion_rects = [("title", p.boundingRect(title, left, text))]
        xs, ys = curve[:, 0], curve[:, 1]
        y_lo, y_hi = max(0, min(ys.min(), M) - 3), min(n, max(ys.max(), M) + 3)

        def X(v):
            return plot.left() + (v - xs.min()) / (xs.max() - xs.min()) * plot.width()

        def Y(v):
            return plot.bottom() - (v - y_lo) / max(y_hi - y_lo, 1) * plot.height()
        p.setPen(QPen(GRID, 1))
        p.drawLine(QPointF(X(0), plot.top()), QPointF(X(0), plot.bottom()))
        p.setPen(QPen(QColor("#222"), 1.5, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(plot.left(), Y(M - 0.5)), QPointF(plot.right(), Y(M - 0.5)))
        path = QPainterPath(QPointF(X(xs[0]), Y(ys[0])))
        for x, y in zip(xs[1:], ys[1:]):
            path.lineTo(QPointF(X(x), Y(y)))
        p.setPen(QPen(QColor("#2B5C8A"), 2))
        p.drawPath(path)
        p.setPen(QColor("#444"))
        AF = Qt.AlignmentFlag
        xlabels = []
        for v, align in ((xs.min(), AF.AlignLeft), (xs.max(), AF.AlignRight), (0, AF.AlignHCenter)):
            text = f"{v:+g}" if v else "0"
            w = fm.horizontalAdvance(text) + 2
            x0 = X(v) if align == AF.AlignLeft else X(v) - w if align == AF.AlignRight else X(v) - w / 2
            box = QRectF(x0, plot.bottom() + 1, w, axis_h - 1)
            if any(box.intersects(b) for b in xlabels):
                continue
            xlabels.append(box)
            p.drawText(box, align | AF.AlignVCenter, text)
            self.cushion_rects.append((text, p.boundingRect(box, align | AF.AlignVCenter, text)))
        ylabels = []
        for v in (M, int(y_lo), int(y_hi)):
            box = QRectF(r.left(), Y(v) - lh / 2, ylab_w - 3, lh)
            if any(box.intersects(b) for b in ylabels):
                continue
            ylabels.append(box)
            p.drawText(box, AF.AlignRight | AF.AlignVCenter, str(v))
            self.cushion_rects.append((str(v), p.boundingRect(box, AF.AlignRight | AF.AlignVCenter, str(v))))
        lost, won = c.get("majority_lost_at"), c.get("majority_won_at")
        at = lost if lost is not None else won
        if at is not None:
            p.setPen(QPen(LOSE if lost is not None else WIN, 1.2))
            p.drawLine(QPointF(X(at), plot.top()), QPointF(X(at), plot.bottom()))


def _label(p: QPainter, x: float, y: float, right: bool, text: str) -> None:
    """A label beside the line at x, on a white ground so the bars do not cross it."""
    fm = p.fontMetrics()
    w = fm.horizontalAdvance(text) + 6
    r = QRectF(x + 3 if right else x - 3 - w, y, w, fm.height() + 1)
    p.fillRect(r, QColor(255, 255, 255, 225))
    p.setPen(QColor("#222"))
    p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)


def first_pass_text(f: Figures) -> str | None:
    """What the quick first pass's figures say of themselves (None for any others)."""
    if f.first_draws is None:
        return None
    return f"first {f.first_draws:,} of {f.settings.draws:,} draws…"


def _points(x: float) -> str:
    """'1 pt', '2.5 pts': a swing in points of the vote."""
    return f"{x:g} pt" + ("" if x == 1 else "s")


def cushion_phrase(c: dict | None) -> str:
    if c is None:
        return "the cushion comes with all the draws"
    if c.get("majority_lost_at") is not None:
        return f"majority lost at {_points(-c['majority_lost_at'])} to {c['rival']}"
    if c.get("majority_won_at") is not None:
        return f"majority won at {_points(c['majority_won_at'])} from {c['rival']}"
    return "no swing in ±10 pts changes the majority"


class TippingModel(QAbstractTableModel):
    """The tipping-point seats: those whose result most often decides the majority."""
    COLUMNS = ["No.", "Constituency", "Pool", "P(win)", "Decides"]
    C_NAME = 1
    TIPS = {3: "P(the alliance wins the seat)", 4: "Share of the simulated elections in which this seat decides the majority"}

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple] = []
        self._widest: dict[int, list[str]] = {}

    def widest(self, c: int) -> list[str]:
        """The texts column ``c`` may show while its rows stay (a move changes a seat's pool and
        its figures, not the seats listed): the data set's seat numbers, every pool's label, "100 %";
        the names of the seats shown. The columns are sized to these, not to every move."""
        if c == self.C_NAME:
            return [r[1] for r in self._rows]
        return self._widest.get(c, [])

    def set_figures(self, f: Figures | None, doc) -> None:
        rows = []
        self._widest = {0: [str(int(doc.dataset.seats.ac_no.max()))] if doc.dataset.seats.n else [],
                        2: [doc.pools.label(i) for i in range(len(doc.pools))], 3: ["100 %"], 4: ["100 %"]}
        if f is not None:
            s = f.summary
            seats = doc.dataset.seats
            for ac in f.tipping(12):
                i = seats.index_of(ac)
                rows.append((ac, seats.names[i], doc.pools.label(int(doc.scenario.pool[i])),
                             float(s.p_alliance[i]), float(s.tipping[i])))
        if [r[0] for r in rows] != [r[0] for r in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        else:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.COLUMNS) - 1))

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.TIPS.get(section)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, c = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            v = row[c]
            return f"{v * 100:.0f} %" if c >= 3 else str(v)
        if role == SORT_ROLE:
            return row[c]
        if role == AC_ROLE:
            return row[0]
        if role == Qt.ItemDataRole.TextAlignmentRole and c in (0, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def unbroken(text: str) -> list[str]:
    """The pieces a wrapped line cannot break: ``text`` cut where Unicode allows a line break
    (after a space or a hyphen: "Chepauk-", "Thiruvallikeni"), as a view's word wrap cuts it."""
    f = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    out, a = [], 0
    while (b := f.toNextBoundary()) not in (-1, a):
        out.append(text[a:b].rstrip())
        a = b
    return [t for t in out if t]


class UncertaintyPanel(QWidget):
    pollWanted = Signal()          # "Set a poll…": the window shows the Assumptions dock's poll

    def __init__(self, live: LiveUncertainty, hub, parent=None):
        super().__init__(parent)
        self.live, self.hub = live, hub
        self.active, self._pending, self._shown_stale = True, None, False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(4)
        self.headline = QLabel("Simulating…")
        self.headline.setObjectName("uncertainty_headline")
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        f = self.headline.font()
        f.setBold(True)
        self.headline.setFont(f)
        lay.addWidget(self.headline)
        # the chart right under the headline: its axis whole in the group's share of 768 px
        # however long the headline; the model's notes, the poll's offer and the settings below
        self.plot = DistributionPlot()
        lay.addWidget(self.plot, 4)
        self._area = None               # the dock's scroll area, once the panel is in it (see _fit_plot)
        self.headline.installEventFilter(self)
        self.model_note = QLabel()      # what the model was fitted on, its measured coverage
        self.model_note.setObjectName("uncertainty_model")
        self.model_note.setWordWrap(True)
        self.model_note.setTextFormat(Qt.TextFormat.PlainText)
        self.model_note.setStyleSheet("color:#444; font-size:8pt;")
        lay.addWidget(self.model_note)
        self.poll_row = QWidget()
        pr = QHBoxLayout(self.poll_row)
        pr.setContentsMargins(0, 0, 0, 0)
        self.wide_note = QLabel()       # without a poll: the range is wide, and how wide
        self.wide_note.setObjectName("uncertainty_wide")
        self.wide_note.setWordWrap(True)
        self.wide_note.setTextFormat(Qt.TextFormat.PlainText)
        self.wide_note.setStyleSheet("color:#8A5A00; font-size:8pt;")
        pr.addWidget(self.wide_note, 1)
        self.set_poll = QPushButton("Set a poll…")
        self.set_poll.setObjectName("uncertainty_set_poll")
        self.set_poll.setToolTip("Statewide vote shares from a survey, in the Assumptions dock: the seat model turns "
                                 "them into seats and the range narrows")
        self.set_poll.clicked.connect(self.pollWanted)
        pr.addWidget(self.set_poll, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.poll_row)
        self.poll_row.hide()
        row = QHBoxLayout()
        row.addWidget(QLabel("Uncertainty"))
        self.level = QComboBox()
        self.level.setObjectName("uncertainty_level")
        for k in LEVELS:
            self.level.addItem(k, k)
        self.level.setToolTip("low: the seat model's spreads ×0.5; fitted: as fitted on India's assembly "
                              "elections; high: ×1.5")
        row.addWidget(self.level)
        row.addSpacing(8)
        row.addWidget(QLabel("Draws"))
        self.draws = QSpinBox()
        self.draws.setObjectName("uncertainty_draws")
        self.draws.setRange(1000, 100_000)
        self.draws.setSingleStep(1000)
        self.draws.setGroupSeparatorShown(True)
        self.draws.setKeyboardTracking(False)
        row.addWidget(self.draws)
        row.addStretch(1)
        self.state = QLabel()
        self.state.setObjectName("uncertainty_state")
        self.state.setStyleSheet("color:#8A5A00;")
        row.addWidget(self.state)
        lay.addLayout(row)
        tl = QLabel("Tipping-point seats (the result that most often decides the majority)")
        tl.setStyleSheet("color:#444;")
        tl.setWordWrap(True)
        lay.addWidget(tl)
        self.tipping_model = TippingModel(self)
        self.tipping = QTableView()
        self.tipping.setObjectName("tipping_seats")
        self.tipping.setModel(self.tipping_model)
        self.tipping.verticalHeader().hide()
        self.tipping.verticalHeader().setDefaultSectionSize(20)
        self.tipping.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tipping.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hh = self.tipping.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)    # sized in _fit_tipping
        hh.setMinimumSectionSize(24)
        # every label whole: the columns as wide as their texts, the names in the room left, a long
        # name on two lines where that room is short of it ("Dr. Radhakrishnan Nagar" in a 360 px
        # dock), and the table scrolls sideways only where a name's longest word does not fit. As
        # tall as its rows with no scroll bar of its own: the dock scrolls it, the wheel too
        self.tipping.setWordWrap(True)
        self.tipping.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tipping.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._tipping_fitted = None     # what the columns were sized to (see _fit_tipping)
        self.tipping.viewport().installEventFilter(self)    # its width known once it has its new size
        self.tipping.clicked.connect(self._clicked)
        lay.addWidget(self.tipping)
        self._fit_tipping()
        self._sync_settings()
        self.level.currentIndexChanged.connect(self._settings_changed)
        self.draws.valueChanged.connect(self._settings_changed)
        live.updated.connect(self.show_figures)
        live.staleChanged.connect(self._stale_changed)
        if live.figures is not None:
            self.show_figures(live.figures)
        self._stale_changed(live.stale)

    def _sync_settings(self):
        s = self.live.settings
        self.level.blockSignals(True)
        self.draws.blockSignals(True)
        self.level.setCurrentIndex(self.level.findData(s.level))
        self.draws.setValue(s.draws)
        self.level.blockSignals(False)
        self.draws.blockSignals(False)

    def _settings_changed(self, *_):
        s = self.live.settings
        self.live.set_settings(Settings(self.level.currentData(), int(self.draws.value()), s.seed))

    def _stale_changed(self, stale: bool):
        self.state.setText("updating…" if stale else "")    # the figures come with their mark (updated)

    def set_active(self, on: bool) -> None:
        """Idle while the dock is behind another: the latest figures are shown when it comes in front."""
        self.active = on
        if on and self._pending is not None:
            f, self._pending = self._pending[0], None
            self.show_figures(f)

    def show_figures(self, f: Figures | None):
        if not self.active:
            self._pending = (f,)
            return
        doc = self.live.doc
        if f is None:
            self.headline.setText("Simulating…")
            self.plot.set_figures(None)
            self.tipping_model.set_figures(None, doc)
            self._fit_tipping()
            return
        h = f.headline    # the scoreboard's figures
        self.headline.setText(f"Alliance {h.seats} expected (80 %: {h.p10}–{h.p90}, median {h.median}) · "
                              f"P(majority of {f.summary.majority}) {probability_percent(f.p_majority)} · "
                              f"leads in {h.leads} · {cushion_phrase(f.cushion)}")
        self.headline.setToolTip(f"Expected: the mean of the simulated elections ({h.expected:.1f}); leads in: the "
                                 f"seats the alliance is ahead in on the projected votes (a count, not a forecast)")
        if f.stale != self._shown_stale:   # a style sheet change re-polishes the label: only on a change
            self._shown_stale = f.stale
            self.headline.setStyleSheet("color:#999;" if f.stale else "")
        # the first pass's figures say what they are (the plot says it too; the row has no room)
        self.state.setToolTip(f"The first figures, from {first_pass_text(f)[6:]}" if f.first_draws else "")
        self._show_model(f.model)
        self.plot.set_figures(f)
        self.tipping_model.set_figures(f, doc)
        self._fit_tipping()

    def _fit_tipping(self) -> None:
        """The tipping table's columns and rows to their texts (see TippingModel.widest) when these
        or the table's width change: the number, pool and figures as wide as their widest text,
        the name the room left (at least its longest word), each row as tall as its name's lines,
        the table as tall as its rows (and its sideways bar where its columns overflow it)."""
        v, m = self.tipping, self.tipping_model
        texts = {c: m.widest(c) for c in range(m.columnCount())}
        key = (v.viewport().width(), tuple(tuple(t) for t in texts.values()))
        if key == self._tipping_fitted:
            return
        self._tipping_fitted = key
        need = {c: column_need(v, c, t) for c, t in texts.items() if c != m.C_NAME}
        words = [w for t in texts[m.C_NAME] for w in unbroken(t)]
        name = max(column_need(v, m.C_NAME, words), v.viewport().width() - sum(need.values()))
        for c, wd in {**need, m.C_NAME: name}.items():
            if v.columnWidth(c) != wd:
                v.setColumnWidth(c, wd)
        bar = v.horizontalScrollBar()
        x = bar.value()
        bar.setValue(0)     # sizeHintForRow reads the columns in view: the name's among them
        for r in range(m.rowCount()):
            v.setRowHeight(r, max(v.verticalHeader().defaultSectionSize(), v.sizeHintForRow(r)))
        bar.setValue(x)
        fit_height_to_rows(v, fixed=True)

    def _fit_plot(self) -> None:
        """Both charts whole at the top of the dock: where the dock's scroll area shows less than
        the headline and the charts at their height (the numbers' group at 1366x768: 300 px, the
        cushion's axis and curve cut under a three-line headline), the charts take the height
        left under the headline, down to DistributionPlot.LEAST; the notes, the settings and the
        tipping table scroll in below them. A taller dock gives them their height or more."""
        area = self._area
        if area is None:
            w = enclosing_scroll_area(self)
            if w is None:
                return
            self._area = area = w
            area.viewport().installEventFilter(self)
        m, lay = self.layout().contentsMargins(), self.layout()
        top = m.top() + self.headline.heightForWidth(self.width() - m.left() - m.right()) + lay.spacing()
        h = min(DistributionPlot.TALL, max(DistributionPlot.LEAST, area.viewport().height() - top))
        if self.plot.minimumHeight() != h:
            self.plot.setMinimumHeight(h)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_plot()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            if obj is self.tipping.viewport():
                self._fit_tipping()
            elif obj is self.headline or (self._area is not None and obj is self._area.viewport()):
                self._fit_plot()
        return super().eventFilter(obj, event)

    def _show_model(self, m: dict | None) -> None:
        """What the model was fitted on and its coverage; without a poll, how wide the range is
        and the offer of a poll (set only on a change: a live move keeps them)."""
        key = None if m is None else (m["fitted_on"], m["coverage"], m["note"], m["poll"])
        if key == getattr(self, "_model_key", ()):
            return
        self._model_key = key
        if m is None:
            self.model_note.setText("Sizes fitted on this data set's own elections.")
            self.poll_row.hide()
            return
        self.model_note.setText(m["short"] + ".")
        self.model_note.setToolTip(f"{m['fitted_on']}. {m['coverage']}.")
        self.wide_note.setText(m["short_note"] + ".")
        self.wide_note.setToolTip(m["note"])
        self.set_poll.setVisible(not m["poll"])
        self.poll_row.show()

    def _clicked(self, index):
        ac = index.data(AC_ROLE)
        if ac is not None:
            self.hub.set([ac], self)


__all__ = ["UncertaintyPanel", "TippingModel", "DistributionPlot", "select_seats_in"]
