"""Chart panel: projected seats stacked by party against the majority line, and the per-PC
split of the seats each partner contests, drawn natively with QPainter from the core's chart
description (explorer.core.chart), which the PDF brief draws with matplotlib.

A change recomputes the description (a few hundred numbers) and schedules one update(); the
paint fills rectangles and draws cached texts: well under a frame, where matplotlib's full
Agg draw took 90-150 ms. Only while the dock tab is in front: a hidden chart costs nothing."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.chart import pc_split_chart, seat_chart
from ..document import Binding, Document


class ChartPanel(QWidget):
    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.setObjectName("chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 300)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.doc = doc
        self._binding = Binding()
        self.active = True     # False while the dock tab is behind another
        self._stale = True
        self.draws = 0         # descriptions applied (one per change while in front)
        self.paints = 0
        self.seats = None      # core.chart.SeatChart
        self.split = None      # core.chart.PcSplitChart
        self._colours: dict[str, QColor] = {}
        self._title_font = QFont(self.font())
        self._title_font.setPointSizeF(max(7.0, self.font().pointSizeF()))
        self._small = QFont(self.font())
        self._small.setPointSizeF(max(6.0, self.font().pointSizeF() - 1.5))
        self._bold_small = QFont(self._small)
        self._bold_small.setBold(True)
        self._hatch = Qt.BrushStyle.BDiagPattern
        self.set_document(doc)

    def set_document(self, doc: Document) -> None:
        self.doc = doc
        self._binding.bind(doc, evaluated=self._on_evaluated)
        self._on_evaluated(doc.evaluation)

    # -- visibility -------------------------------------------------------------------
    def set_active(self, active: bool) -> None:
        self.active = active
        if active and self._stale:
            self.refresh()

    def _on_evaluated(self, _ev):
        self._stale = True
        if self.active and self.isVisible():
            self.refresh()

    def showEvent(self, e):
        super().showEvent(e)
        if self._stale and self.active:
            self.refresh()

    @property
    def seat_title(self) -> str:
        return self.seats.title if self.seats else ""

    def legend_labels(self) -> list[str]:
        pools = self.doc.pools  # the legend follows the partner list even while the tab is hidden
        return [pools.label(j) for j in range(len(pools))]

    def refresh(self):
        doc = self.doc
        self.seats = seat_chart(doc.scenario, doc.evaluation)
        self.split = pc_split_chart(doc.scenario, doc.evaluation)
        self._stale = False
        self.draws += 1
        self.update()

    # -- painting ---------------------------------------------------------------------
    def _colour(self, hexcode: str) -> QColor:
        c = self._colours.get(hexcode)
        if c is None:
            c = self._colours[hexcode] = QColor(hexcode)
        return c

    def paintEvent(self, _e):
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        if self.seats is not None:
            w, h = self.width(), self.height()
            top_h = max(90, int(h * 0.26))
            self._paint_seats(p, QRectF(0, 0, w, top_h))
            self._paint_split(p, QRectF(0, top_h + 6, w, h - top_h - 6))
        p.end()
        self.paints += 1

    def _paint_seats(self, p: QPainter, area: QRectF) -> None:
        ch = self.seats
        fm = QFontMetrics(self._small)
        p.setFont(self._title_font)
        p.setPen(Qt.GlobalColor.black)
        tfm = QFontMetrics(self._title_font)
        p.drawText(QRectF(8, area.top() + 2, area.width() - 16, tfm.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   ch.title)
        label_w = max(fm.horizontalAdvance(r[0]) for r in ch.rows) + 12
        x0, x1 = area.left() + label_w, area.right() - 12
        y0 = area.top() + tfm.height() + 8
        axis_y = area.bottom() - fm.height() - 4
        row_h = (axis_y - y0) / len(ch.rows)
        scale = (x1 - x0) / max(1, ch.total)
        white = QPen(Qt.GlobalColor.white)
        for k, (label, segs) in enumerate(ch.rows):
            top = y0 + k * row_h + row_h * 0.15
            bar_h = row_h * 0.7
            p.setFont(self._small)
            p.setPen(Qt.GlobalColor.black)
            p.drawText(QRectF(0, top, label_w - 6, bar_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            left = x0
            p.setFont(self._bold_small)
            for s in segs:
                r = QRectF(left, top, s.seats * scale, bar_h)
                p.fillRect(r, self._colour(s.colour))
                if s.label and fm.horizontalAdvance(s.label) < r.width() + 2:
                    p.setPen(white)
                    p.drawText(r, Qt.AlignmentFlag.AlignCenter, s.label)
                left += s.seats * scale
        mx = x0 + (ch.majority - 0.5) * scale
        p.setPen(QPen(QColor("#222"), 1.2, Qt.PenStyle.DashLine))
        p.drawLine(int(mx), int(y0), int(mx), int(axis_y))
        p.setPen(Qt.GlobalColor.black)
        p.drawLine(int(x0), int(axis_y), int(x1), int(axis_y))
        p.setFont(self._small)
        for t in ch.ticks:
            x = x0 + t * scale
            p.drawText(QRectF(x - 20, axis_y + 1, 40, fm.height()), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, str(t))

    def _paint_split(self, p: QPainter, area: QRectF) -> None:
        sp = self.split
        fm = QFontMetrics(self._small)
        tfm = QFontMetrics(self._title_font)
        p.setFont(self._title_font)
        p.setPen(Qt.GlobalColor.black)
        p.drawText(QRectF(8, area.top(), area.width() - 16, tfm.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   sp.title)
        legend_h = fm.height() + 6
        n = len(sp.names)
        y0, y1 = area.top() + tfm.height() + 4, area.bottom() - legend_h
        row_h = (y1 - y0) / max(1, n)
        names_shown = row_h >= fm.height() * 0.8
        label_w = (min(160, max(fm.horizontalAdvance(s) for s in sp.names)) + 10) if names_shown and n else 8
        x0, x1 = area.left() + label_w, area.right() - 12
        scale = (x1 - x0) / max(1, sp.xmax)
        counts = sp.counts
        brushes = [QBrush(self._colour(c)) for c in sp.pool_colours]
        hatch = QBrush(QColor(255, 255, 255, 150), self._hatch)
        white = QPen(Qt.GlobalColor.white)
        p.setFont(self._small)
        for i, name in enumerate(sp.names):
            top = y0 + i * row_h + row_h * 0.14
            bar_h = max(1.0, row_h * 0.72)
            if names_shown:
                p.setPen(Qt.GlobalColor.black)
                p.drawText(QRectF(0, top, label_w - 4, bar_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                           fm.elidedText(name, Qt.TextElideMode.ElideRight, label_w - 6))
            left = x0
            row = counts[i]
            for j in range(len(brushes)):
                v = int(row[j])
                if not v:
                    continue
                r = QRectF(left, top, v * scale, bar_h)
                p.fillRect(r, brushes[j])
                if j == sp.hatched:
                    p.fillRect(r, hatch)
                if v >= 2 and names_shown:
                    p.setPen(white)
                    p.drawText(r, Qt.AlignmentFlag.AlignCenter, str(v))
                left += v * scale
        # legend
        x, y = x0, y1 + 3
        for j, label in enumerate(sp.pool_labels):
            p.fillRect(QRectF(x, y + 2, 12, fm.height() - 4), brushes[j])
            if j == sp.hatched:
                p.fillRect(QRectF(x, y + 2, 12, fm.height() - 4), hatch)
            p.setPen(Qt.GlobalColor.black)
            p.drawText(QRectF(x + 15, y, fm.horizontalAdvance(label) + 4, fm.height()), Qt.AlignmentFlag.AlignLeft, label)
            x += 15 + fm.horizontalAdvance(label) + 12
