"""The map's scene items: one shape per seat, the white edges of every seat in one layer,
the selection's outline in another, and the seats' numbers. Only colours change after a
move: the paths are built once per data set (MapPanel.set_boundaries)."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsSimpleTextItem

from ..style import SEVERITY_COLOURS

WARNING_OUTLINE = QColor(SEVERITY_COLOURS["error"])
HATCH = QBrush(QColor(255, 255, 255, 190), Qt.BrushStyle.BDiagPattern)


_COLOURS: dict[str, QColor] = {}


def _colour(name: str) -> QColor:
    c = _COLOURS.get(name)
    if c is None:
        if len(_COLOURS) > 4096:
            _COLOURS.clear()
        c = _COLOURS[name] = QColor(name)
    return c


class SeatShapeItem(QGraphicsPathItem):
    """One constituency. Its path never changes; set_style only changes how it is painted."""

    def __init__(self, ac_no: int, path: QPainterPath):
        super().__init__(path)
        self.ac_no = ac_no
        self._path = path        # painted on every recolour: kept, not wrapped anew by path() each time
        self.fill = QColor("#DDDDDD")
        self._fill_name = None
        self.hatched = False
        self.outlined = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(False)
        # a repaint of the rectangle around a change blits the seats that did not change
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # painted by paint() with cosmetic pens; a scene-unit pen would widen the bounding
        # rect by a whole degree
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self._edge = QPen(QColor("white"), 1.0)
        self._edge.setCosmetic(True)
        self._warn = QPen(WARNING_OUTLINE, 2.4)
        self._warn.setCosmetic(True)

    def set_style(self, fill: str, hatched: bool, outlined: bool) -> bool:
        if fill == self._fill_name and hatched == self.hatched and outlined == self.outlined:
            return False                # compared as given: no QColor per seat per move
        c = _colour(fill)
        self._fill_name = fill
        if c == self.fill and hatched == self.hatched and outlined == self.outlined:
            return False
        self.fill, self.hatched, self.outlined = c, hatched, outlined
        self._restack()
        self.update()
        return True

    _AA = QPainter.RenderHint.Antialiasing
    Z, Z_RAISED = 0.0, 2.0      # under the boundary layer (1); raised over it when outlined

    def _restack(self) -> None:
        z = self.Z_RAISED if self.outlined else self.Z
        if z != self.zValue():
            self.setZValue(z)

    def paint(self, painter, option, widget=None):
        path = self._path
        # the fill without antialiasing: its edge is under the boundary layer's antialiased
        # white lines (BoundaryLayer), which a recolouring does not redraw
        aa = painter.testRenderHint(self._AA)
        painter.setRenderHint(self._AA, False)
        painter.fillPath(path, self.fill)
        if self.hatched:
            painter.fillPath(path, HATCH)
        painter.setRenderHint(self._AA, aa)
        # raised over the layer, it is outlined: the wider red line covers its white edge
        if self.outlined:
            painter.strokePath(path, self._warn)


class BoundaryLayer(QGraphicsItem):
    """Every seat's white edge, in one item over the fills and cached as one device pixmap: a
    move recolours seats without redrawing their antialiased edges (90 seats recoloured: the
    map repaints in about half the time)."""

    def __init__(self, paths: list[QPainterPath]):
        super().__init__()
        self._path = QPainterPath()
        for p in paths:
            self._path.addPath(p)
        r = self._path.boundingRect()
        m = max(r.width(), r.height()) * 0.01      # the cosmetic line's half pixel, at any zoom in reason
        self._rect = r.adjusted(-m, -m, m, m)
        self._edge = QPen(QColor("white"), 1.0)
        self._edge.setCosmetic(True)
        self.setZValue(1.0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter, option, widget=None):
        painter.strokePath(self._path, self._edge)


class SelectionLayer(QGraphicsItem):
    """The selected seats' outline, as one region (core.geometry.selection_outline): drawn
    over the fills, the edges and the conflict outlines, and redrawn only when the selection
    changes. A move of selected seats recolours them without stroking 90 outlines again."""

    def __init__(self, rect: QRectF):
        super().__init__()
        self._rect = QRectF(rect)
        self._path = QPainterPath()
        self._pen = QPen(QColor("#111111"), 2.6)
        self._pen.setCosmetic(True)
        self._pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self._pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.setZValue(3.0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_outline(self, polylines) -> None:
        path = QPainterPath()
        for pts in polylines:
            path.moveTo(float(pts[0, 0]), float(pts[0, 1]))
            for x, y in pts[1:].tolist():
                path.lineTo(x, y)
        self._path = path
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter, option, widget=None):
        if not self._path.isEmpty():
            painter.strokePath(self._path, self._pen)


class SeatLabel(QGraphicsSimpleTextItem):
    """A seat's number (and its name when zoomed in), the same size at any zoom."""

    def __init__(self, number: str, name: str, pos: QPointF):
        super().__init__(number)
        self.number, self.name = number, name
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(10)
        f = QFont()
        f.setPointSizeF(7.0)
        self.setFont(f)
        self.setPos(pos)
        self._long = False
        self._centre()

    def _centre(self):
        r = self.boundingRect()
        self.setTransform(QTransform.fromTranslate(-r.width() / 2, -r.height() / 2))

    def show_name(self, on: bool):
        if on != self._long:
            self._long = on
            self.setText(f"{self.number} {self.name}" if on else self.number)
            self._centre()
