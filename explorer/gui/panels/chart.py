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

from ...core import labels
from ...core.chart import pc_split_chart, seat_chart
from ..document import Document, DocumentView


class ChartPanel(DocumentView, QWidget):
    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.setObjectName("chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 300)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
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
        self._layout_key = None
        self._texts, self._fills, self._lines = [], [], []
        self.set_document(doc)

    def evaluated(self, ev, delta=None) -> None:
        self._on_evaluated(ev)

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
        self._layout_key = None  # laid out again at the next paint
        self.draws += 1
        self.update()

    # -- layout ---------------------------------------------------------------------
    # Every text is laid out before it is painted, in a rectangle of its own measured with the
    # font it is drawn in (QFontMetrics): a title is the longest of its candidates that fits,
    # a party's bar label is "INC 37", "37" or nothing (explorer.core.labels), a PC name is
    # elided, a tick label is kept inside the widget and dropped where it would overprint
    # another, the legend wraps. ``label_rects`` lists what the last layout placed.

    def _colour(self, hexcode: str) -> QColor:
        c = self._colours.get(hexcode)
        if c is None:
            c = self._colours[hexcode] = QColor(hexcode)
        return c

    def label_rects(self) -> list[tuple[str, QRectF, QFont]]:
        """(text, rectangle, font) of every label of the layout at the current size."""
        self._ensure_layout()
        return [(t, QRectF(r), f) for r, t, f, _pen in self._texts]

    def _ensure_layout(self) -> None:
        key = (self.width(), self.height())
        if self._layout_key != key:
            self._layout_key = key
            self._texts, self._fills, self._lines = [], [], []
            if self.seats is not None:
                w, h = self.width(), self.height()
                top_h = max(90, int(h * 0.26))
                self._layout_seats(QRectF(0, 0, w, top_h))
                self._layout_split(QRectF(0, top_h + 6, w, h - top_h - 6))

    @staticmethod
    def _measure(fm: QFontMetrics):
        return lambda text, _size: fm.horizontalAdvance(text)

    def _text(self, font: QFont, fm: QFontMetrics, text: str, x: float, y: float, align: str = "left",
              pen=Qt.GlobalColor.black) -> QRectF | None:
        """Place ``text`` with its left edge (or right edge, or centre) at ``x`` and its top at ``y``."""
        if not text:
            return None
        tw = fm.horizontalAdvance(text) + 1
        left = x - tw if align == "right" else x - tw / 2 if align == "center" else x
        r = QRectF(left, y, tw, fm.height())
        self._texts.append((r, text, font, pen))
        return r

    def paintEvent(self, _e):
        self._ensure_layout()
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        for r, brush in self._fills:
            p.fillRect(r, brush)
        for x0, y0, x1, y1, pen in self._lines:
            p.setPen(pen)
            p.drawLine(int(x0), int(y0), int(x1), int(y1))
        for r, text, font, pen in self._texts:
            p.setFont(font)
            p.setPen(pen)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
        p.end()
        self.paints += 1

    def _layout_seats(self, area: QRectF) -> None:
        ch = self.seats
        fm = QFontMetrics(self._small)
        bfm = QFontMetrics(self._bold_small)
        tfm = QFontMetrics(self._title_font)
        size = self._small.pointSizeF()
        title = labels.first_fitting(ch.titles or (ch.title,), area.width() - 16, size, self._measure(tfm))
        self._text(self._title_font, tfm, title, 8, area.top() + 2)
        label_w = max(fm.horizontalAdvance(r[0]) for r in ch.rows) + 12
        x0, x1 = area.left() + label_w, area.right() - 12
        y0 = area.top() + tfm.height() + 8
        axis_y = area.bottom() - fm.height() - 4
        row_h = (axis_y - y0) / len(ch.rows)
        scale = (x1 - x0) / max(1, ch.total)
        white = QPen(Qt.GlobalColor.white)
        mx = x0 + (ch.majority - 0.5) * scale
        for k, (label, segs) in enumerate(ch.rows):
            top = y0 + k * row_h + row_h * 0.15
            bar_h = row_h * 0.7
            mid = top + bar_h / 2 - fm.height() / 2
            self._text(self._small, fm, label, label_w - 6, mid, "right")
            left = x0
            for s in segs:
                r = QRectF(left, top, s.seats * scale, bar_h)
                self._fills.append((r, QBrush(self._colour(s.colour))))
                if bar_h >= bfm.height() - 2:
                    room = r
                    if r.left() < mx < r.right():   # the label on the wider side of the majority line
                        room = max((QRectF(r.left(), r.top(), mx - 3 - r.left(), r.height()),
                                    QRectF(mx + 3, r.top(), r.right() - mx - 3, r.height())), key=QRectF.width)
                    text = labels.segment_label(s.short, s.seats, room.width(), size, self._measure(bfm))
                    self._text(self._bold_small, bfm, text, room.center().x(), room.center().y() - bfm.height() / 2,
                               "center", white)
                left += s.seats * scale
        self._lines.append((mx, y0, mx, axis_y, QPen(QColor("#222"), 1.2, Qt.PenStyle.DashLine)))
        self._lines.append((x0, axis_y, x1, axis_y, QPen(Qt.GlobalColor.black)))
        placed: list[QRectF] = []
        # the majority first: an end label that would overprint it is the one left out
        for t in sorted(ch.ticks, key=lambda t: t != ch.majority):
            text = str(t)
            tw = fm.horizontalAdvance(text) + 1
            left = min(max(x0 + t * scale - tw / 2, area.left() + 1), area.right() - 1 - tw)
            r = QRectF(left, axis_y + 1, tw, fm.height())
            if any(r.adjusted(-3, 0, 3, 0).intersects(o) for o in placed):
                continue
            placed.append(r)
            self._texts.append((r, text, self._small, Qt.GlobalColor.black))

    def _layout_split(self, area: QRectF) -> None:
        sp = self.split
        fm = QFontMetrics(self._small)
        tfm = QFontMetrics(self._title_font)
        size = self._small.pointSizeF()
        title = labels.first_fitting(sp.titles or (sp.title,), area.width() - 16, size, self._measure(tfm))
        self._text(self._title_font, tfm, title, 8, area.top())
        brushes = [QBrush(self._colour(c)) for c in sp.pool_colours]
        hatch = QBrush(QColor(255, 255, 255, 150), self._hatch)
        # the legend, wrapped onto as many lines as the width needs (at most about a third of the area)
        line_h = fm.height() + 2
        avail = area.width() - 16
        max_lines = max(1, int(area.height() * 0.35 // line_h))
        items, x, line = [], 8.0, 0
        for j, label in enumerate(sp.pool_labels):
            text = labels.elide(label, avail - 15, size, self._measure(fm))
            iw = 15 + fm.horizontalAdvance(text) + 1
            if x > 8 and x + iw > 8 + avail:
                x, line = 8.0, line + 1
            if line >= max_lines:
                break
            items.append((j, text, x, line))
            x += iw + 12
        left_out = len(sp.pool_labels) - len(items)
        more_at = None
        while left_out:  # "+3 more" after the last entry shown, in place of entries if need be
            more = f"+{left_out} more"
            if not items:
                more_at = (8.0, 0)
                break
            _j, t, ix, il = items[-1]
            end = ix + 15 + fm.horizontalAdvance(t) + 1 + 12
            if end + fm.horizontalAdvance(more) + 1 <= 8 + avail:
                more_at = (end, il)
                break
            items.pop()
            left_out += 1
        lines = max([it[3] for it in items] + [more_at[1] if more_at else 0]) + 1
        legend_h = lines * line_h + 4
        y0, y1 = area.top() + tfm.height() + 4, area.bottom() - legend_h
        # as many Lok Sabha seats as have a line each for their name, the rest said in one line
        # (Tamil Nadu's 39 in a dock: every bar a sliver and no name or number at all)
        n_all = len(sp.names)
        fit = int((y1 - y0) // fm.height()) if fm.height() else n_all
        n = n_all if fit >= n_all else max(0, fit - 1)
        hidden = n_all - n
        bottom = y1 - (fm.height() if hidden else 0)    # the bars', above the line saying the rest
        row_h = (bottom - y0) / max(1, n)
        names_shown = row_h >= fm.height() and n > 0
        label_w = (min(area.width() * 0.45, max(fm.horizontalAdvance(s) for s in sp.names[:n])) + 10) \
            if names_shown else 8
        x0, x1 = area.left() + label_w, area.right() - 12
        scale = (x1 - x0) / max(1, sp.xmax)
        counts = sp.counts
        white = QPen(Qt.GlobalColor.white)
        if hidden:
            more = labels.first_fitting((f"+{hidden} more Lok Sabha seats: enlarge or float the dock to see them",
                                         f"+{hidden} more Lok Sabha seats", f"+{hidden} more"),
                                        area.width() - 16, size, self._measure(fm))
            self._text(self._small, fm, more, 8, bottom, pen=QColor("#555"))
        for i, name in enumerate(sp.names[:n]):
            top = y0 + i * row_h + row_h * 0.14
            bar_h = max(1.0, row_h * 0.72)
            text_y = y0 + i * row_h + (row_h - fm.height()) / 2
            if names_shown:
                self._text(self._small, fm, labels.elide(name, label_w - 8, size, self._measure(fm)),
                           label_w - 4, text_y, "right")
            left = x0
            row = counts[i]
            for j in range(len(brushes)):
                v = int(row[j])
                if not v:
                    continue
                r = QRectF(left, top, v * scale, bar_h)
                self._fills.append((r, brushes[j]))
                if j == sp.hatched:
                    self._fills.append((r, hatch))
                if v >= 2 and names_shown and fm.horizontalAdvance(str(v)) + 3 <= r.width():
                    self._text(self._small, fm, str(v), r.center().x(), text_y, "center", white)
                left += v * scale
        if more_at is not None:
            self._text(self._small, fm, f"+{left_out} more", more_at[0], y1 + 3 + more_at[1] * line_h,
                       pen=QColor("#555"))
        for j, text, x, line in items:
            y = y1 + 3 + line * line_h
            sw = QRectF(x, y + 2, 12, fm.height() - 4)
            self._fills.append((sw, brushes[j]))
            if j == sp.hatched:
                self._fills.append((sw, hatch))
            self._text(self._small, fm, text, x + 15, y)
