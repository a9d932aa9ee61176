"""The window's style: Fusion, with its scroll bars painted flat.

Fusion draws a scroll bar with gradients, about 1.3 ms a paint on these machines. A drop that
moves seats between pools changes the length of two or three lists, so their bars repaint with
it: about 3 ms of a 16 ms frame went on scroll bars, and three quarters of a plain window's
repaint. This style paints the same parts (arrows, groove, handle) flat, in about 0.05 ms; the
geometry, metrics and behaviour are Fusion's own, so a bar is just as wide and every click and
drag lands where it did."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPolygonF
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory

_CC = QStyle.ComplexControl.CC_ScrollBar
_SC = QStyle.SubControl
_ST = QStyle.StateFlag
_HORIZONTAL = QStyle.StateFlag.State_Horizontal

GROOVE = QColor("#F2F2F2")
EDGE = QColor("#DDDDDD")
HANDLE = QColor("#C4C4C4")
HANDLE_HOVER = QColor("#A9A9A9")
HANDLE_PRESSED = QColor("#8C8C8C")
ARROW = QColor("#707070")
ARROW_DISABLED = QColor("#BBBBBB")


class ExplorerStyle(QProxyStyle):
    """Fusion with flat scroll bars (see the module's note)."""

    def __init__(self):
        super().__init__(QStyleFactory.create("Fusion"))

    def drawComplexControl(self, control, option, painter, widget=None):
        if control != _CC:
            return super().drawComplexControl(control, option, painter, widget)
        self._scroll_bar(option, painter, widget)

    def _scroll_bar(self, opt, p: QPainter, widget) -> None:
        horizontal = bool(opt.state & _HORIZONTAL)
        enabled = bool(opt.state & _ST.State_Enabled)
        r = opt.rect
        p.fillRect(r, GROOVE)
        p.fillRect(r.x(), r.y(), r.width(), 1, EDGE) if horizontal else p.fillRect(r.x(), r.y(), 1, r.height(), EDGE)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        if enabled and opt.maximum > opt.minimum:
            handle = QRectF(self.subControlRect(_CC, opt, _SC.SC_ScrollBarSlider, widget))
            on_handle = bool(opt.activeSubControls & _SC.SC_ScrollBarSlider)
            colour = (HANDLE_PRESSED if on_handle and opt.state & _ST.State_Sunken
                      else HANDLE_HOVER if on_handle else HANDLE)
            p.setBrush(colour)
            inset = handle.adjusted(1.5, 3, -1.5, -3) if horizontal else handle.adjusted(3, 1.5, -3, -1.5)
            p.drawRoundedRect(inset, 3, 3)
        arrow = ARROW if enabled and opt.maximum > opt.minimum else ARROW_DISABLED
        for sub, forward in ((_SC.SC_ScrollBarSubLine, False), (_SC.SC_ScrollBarAddLine, True)):
            box = QRectF(self.subControlRect(_CC, opt, sub, widget))
            if box.width() < 4 or box.height() < 4:
                continue
            pressed = bool(opt.activeSubControls & sub) and bool(opt.state & _ST.State_Sunken)
            p.setBrush(HANDLE_PRESSED if pressed else arrow)
            p.drawPolygon(_triangle(box, horizontal, forward))
        p.restore()


def _triangle(box: QRectF, horizontal: bool, forward: bool) -> QPolygonF:
    c = box.center()
    s = min(box.width(), box.height()) * 0.22
    if horizontal:
        d = s if forward else -s
        pts = (QPointF(c.x() + d, c.y()), QPointF(c.x() - d, c.y() - 1.6 * s), QPointF(c.x() - d, c.y() + 1.6 * s))
    else:
        d = s if forward else -s
        pts = (QPointF(c.x(), c.y() + d), QPointF(c.x() - 1.6 * s, c.y() - d), QPointF(c.x() + 1.6 * s, c.y() - d))
    return QPolygonF(list(pts))


def apply_style(app) -> ExplorerStyle:
    """Give the application this style (the app does it at start; the benchmarks too)."""
    style = ExplorerStyle()
    app.setStyle(style)
    return style
