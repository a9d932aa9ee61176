"""The map: every constituency drawn natively with Qt (QGraphicsView, QPainterPath), coloured
by pool, projected winner, projected margin or baseline leader.

Paths are built once per data set; after a change only colours are set (map_style in the
core says which), so a drop repaints the map without rebuilding it. Selection is shared with
the table and pools; selected seats drag onto a pool like rows of the table."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QEvent, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (QBrush, QColor, QDrag, QFont, QImage, QPainter, QPainterPath, QPen, QPixmap,
                           QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QFileDialog, QGraphicsItem, QGraphicsPathItem,
                               QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView, QHBoxLayout, QLabel,
                               QMenu, QMessageBox, QSizePolicy, QStackedWidget, QToolButton, QToolTip,
                               QVBoxLayout, QWidget)

from ...core.atomic import atomic_write_bytes
from ...core.geometry import Boundaries, selection_outline
from ...core.imported import boundaries_of
from ...core import optimise as O
from ...core.mapstyle import CONTEST_MODES, MODES, map_style, seat_card
from ..document import Binding, Document
from ..mime import seats_mime
from ..style import SEVERITY_COLOURS, text_colour_on

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
        path = self.path()
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


class MapView(QGraphicsView):
    """Click, Ctrl/Shift-click and rubber-band select; drag the selection onto a pool; wheel
    or +/- to zoom, middle button to pan, 0 or Fit to see the whole state."""
    zoomChanged = Signal(float)

    def __init__(self, panel, scene, parent=None):
        super().__init__(scene, parent)
        self.panel = panel
        self.setObjectName("map")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        # one rectangle around what changed: "smart" mode painted 90 recoloured seats through a
        # 90-rectangle clip (8 ms for an assign-all, against 3 ms for the whole map)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setBackgroundBrush(QColor("#F4F6F8"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._press = None
        self._pan = None
        self._fitted = True
        self._fit_scale = 1.0

    # -- zoom ----------------------------------------------------------------------------
    def fit(self):
        if self.panel.map_rect().isEmpty():
            return
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._fit_scale = self.transform().m11()
        self._fitted = True
        self.zoomChanged.emit(1.0)

    def zoom(self, factor: float):
        z = self.zoom_level() * factor
        if not 0.5 <= z <= 40:
            return
        self.scale(factor, factor)
        self._fitted = False
        self.zoomChanged.emit(self.zoom_level())

    def zoom_level(self) -> float:
        return self.transform().m11() / self._fit_scale if self._fit_scale else 1.0

    def resizeEvent(self, e):
        super().resizeEvent(e)
        if self._fitted:
            self.fit()

    def wheelEvent(self, e):
        steps = e.angleDelta().y() / 120.0
        if steps:
            self.zoom(1.2 ** steps)

    def keyPressEvent(self, e):
        if e.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif e.key() == Qt.Key.Key_Minus:
            self.zoom(0.8)
        elif e.key() == Qt.Key.Key_0 and not e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.fit()
        else:
            super().keyPressEvent(e)

    # -- select, drag, pan ---------------------------------------------------------------
    def _seat_at(self, pos) -> SeatShapeItem | None:
        for it in self.items(pos):
            if isinstance(it, SeatShapeItem):
                return it
        return None

    def mousePressEvent(self, e):
        if e.button() == Qt.MouseButton.MiddleButton:
            self._pan = e.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        item = self._seat_at(e.position().toPoint()) if e.button() == Qt.MouseButton.LeftButton else None
        if item is None:
            super().mousePressEvent(e)  # rubber band on empty ground
            return
        mods = e.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:
            item.setSelected(not item.isSelected())
        elif mods & Qt.KeyboardModifier.ShiftModifier:
            item.setSelected(True)
        elif not item.isSelected():
            self.scene().clearSelection()
            item.setSelected(True)
        self._press = e.position()
        e.accept()

    def mouseMoveEvent(self, e):
        if self._pan is not None:
            d = e.position() - self._pan
            self._pan = e.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(d.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(d.y()))
            self._fitted = False
            return
        if self._press is not None and (e.buttons() & Qt.MouseButton.LeftButton):
            if (e.position() - self._press).manhattanLength() >= QApplication.startDragDistance():
                self._press = None
                self.start_drag()
            return
        super().mouseMoveEvent(e)

    def mouseReleaseEvent(self, e):
        if self._pan is not None and e.button() == Qt.MouseButton.MiddleButton:
            self._pan = None
            self.unsetCursor()
            return
        if self._press is not None:
            self._press = None
            e.accept()
            return
        super().mouseReleaseEvent(e)

    def start_drag(self):
        seats = self.panel.selected_seats()
        if not seats:
            return
        drag = QDrag(self)
        drag.setMimeData(seats_mime(seats))
        names = self.panel.doc.dataset.seats.names_of(seats)
        text = names[0] if len(names) == 1 else f"{len(names)} seats"
        pm = QPixmap(QSize(max(60, 9 * len(text)), 22))
        pm.fill(QColor(255, 255, 255, 220))
        p = QPainter(pm)
        p.setPen(QColor("#222"))
        p.drawRect(pm.rect().adjusted(0, 0, -1, -1))
        p.drawText(pm.rect(), Qt.AlignmentFlag.AlignCenter, text)
        p.end()
        drag.setPixmap(pm)
        drag.exec(Qt.DropAction.MoveAction | Qt.DropAction.CopyAction, Qt.DropAction.MoveAction)

    def viewportEvent(self, e):
        if e.type() == QEvent.Type.ToolTip:
            item = self._seat_at(e.pos())
            if item is not None:
                QToolTip.showText(e.globalPos(), self.panel.card(item.ac_no), self.viewport())
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().viewportEvent(e)


class LegendWidget(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[tuple[str, str, bool]] = []
        self.title = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def set_entries(self, title, entries):
        if (title, entries) != (self.title, self.entries):
            self.title, self.entries = title, list(entries)
            self._fit_height()
            self.update()

    def _fit_height(self):
        h = self.heightForWidth(max(100, self.width()))
        if h != self.minimumHeight():
            self.setMinimumHeight(h)

    def resizeEvent(self, e):
        super().resizeEvent(e)
        self._fit_height()

    def _layout(self, width):
        fm = self.fontMetrics()
        x, y, h = 0, fm.height() + 4, fm.height() + 4
        out = []
        for label, colour, hatched in self.entries:
            w = 16 + fm.horizontalAdvance(label) + 12
            if x + w > width and x > 0:
                x, y = 0, y + h
            out.append((x, y, label, colour, hatched))
            x += w
        return out, y + h

    def sizeHint(self):
        return QSize(300, self._layout(max(100, self.width()))[1] + 2)

    def hasHeightForWidth(self):
        return True

    def heightForWidth(self, w):
        return self._layout(w)[1] + 2

    def paintEvent(self, e):
        p = QPainter(self)
        # opaque: the counts in the legend change on every move, and a transparent widget
        # would have its dock and panel painted beneath it each time
        p.fillRect(e.rect(), self.palette().window())
        self.draw(p, self.width())
        p.end()

    def draw(self, p: QPainter, width: int) -> None:
        """Paint the legend at the painter's origin (the widget, and map exports)."""
        fm = self.fontMetrics()
        p.setFont(self.font())
        p.setPen(QColor("#444"))
        p.drawText(0, fm.ascent() + 1, self.title)
        items, _ = self._layout(width)
        for x, y, label, colour, hatched in items:
            r = QRectF(x + 1, y + 2, 12, 12)
            p.fillRect(r, QColor(colour))
            if hatched:
                p.fillRect(r, HATCH)
            p.setPen(QColor("#777"))
            p.drawRect(r)
            p.setPen(QColor("#222"))
            p.drawText(int(x + 16), int(y + fm.ascent() + 1), label)


class MapPanel(QWidget):
    """Mode selector, the map (or a note where the data set has no boundaries), the legend."""
    modeChanged = Signal(str)   # the colour mode chosen (the best-partner and cost modes want figures)

    def __init__(self, doc: Document, hub, parent=None):
        super().__init__(parent)
        self.doc, self.hub = doc, hub
        self._binding = Binding()
        self.boundaries: Boundaries | None = None
        self._seats = None
        self.mode = "pool"
        self.p_alliance = None      # P(alliance wins) per seat, from set_p_win (issue 17)
        self.contest_p = None       # the who-should-contest figures, from set_contest (issue 18)
        self.active = True
        self._stale = True
        self._syncing = False
        self.items: dict[int, SeatShapeItem] = {}
        self.labels: dict[int, SeatLabel] = {}
        self.recolours = 0
        self.scene = QGraphicsScene(self)
        self.view = MapView(self, self.scene)
        self.view.zoomChanged.connect(self._zoom_changed)
        self.mode_box = QComboBox()
        self.mode_box.setObjectName("map_mode")
        for k, label in MODES.items():
            self.mode_box.addItem(label, k)
        self.mode_box.currentIndexChanged.connect(lambda _i: self.set_mode(self.mode_box.currentData()))
        self.labels_btn = self._tool("123", "Show seat numbers (names too when zoomed in)", checkable=True)
        self.labels_btn.setChecked(True)
        self.labels_btn.toggled.connect(self._labels_toggled)
        zin = self._tool("+", "Zoom in (+, or the mouse wheel)")
        zin.clicked.connect(lambda: self.view.zoom(1.25))
        zout = self._tool("−", "Zoom out (−)")
        zout.clicked.connect(lambda: self.view.zoom(0.8))
        fit = self._tool("Fit", "Show the whole state (0)")
        fit.clicked.connect(self.view.fit)
        export = self._tool("Export", "Save the map as PNG or SVG")
        export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(export)
        menu.addAction("PNG image…", lambda: self._export_dialog("png"))
        menu.addAction("SVG drawing…", lambda: self._export_dialog("svg"))
        export.setMenu(menu)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(self.mode_box, 1)
        for w in (self.labels_btn, zin, zout, fit, export):
            bar.addWidget(w)
        self.note = QLabel()
        self.note.setObjectName("map_note")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setStyleSheet("color:#555; padding: 16px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.note)
        self.legend = LegendWidget()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(2)
        lay.addLayout(bar)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.legend)
        self.scene.selectionChanged.connect(self._scene_selection_changed)
        hub.changed.connect(self._hub_changed)
        self.set_document(doc)

    def set_document(self, doc: Document) -> None:
        """Show another document: its data set's boundaries (rebuilt only when they differ
        from the ones drawn) coloured by its evaluation."""
        self.doc = doc
        self._binding.bind(doc, evaluated=self._on_evaluated)
        b = boundaries_of(doc.dataset)
        if b is not self.boundaries or doc.dataset.seats is not self._seats or not self.items:
            self.set_boundaries(b)
        else:
            self._on_evaluated(doc.evaluation)

    def _tool(self, text, tip, checkable=False):
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setCheckable(checkable)
        b.setAutoRaise(True)
        return b

    # -- geometry --------------------------------------------------------------------------
    def set_boundaries(self, b: Boundaries | None) -> None:
        """Build one path item and one label per seat (once per data set or import)."""
        self.boundary_layer = self.selection_layer = None
        self._syncing = True          # clearing deselects every item: not a selection to share or outline
        try:
            self.scene.clear()
        finally:
            self._syncing = False
        self.items.clear()
        self.labels.clear()
        self.boundaries = b
        self._seats = self.doc.dataset.seats
        if b is None or not b.shapes:
            self.note.setText("This data set has no constituency boundaries, so there is no map. Everything "
                              "else works. File ▸ Import map boundaries reads a GeoJSON whose features carry "
                              "ac_no.")
            self.stack.setCurrentWidget(self.note)
            self.legend.set_entries("", [])
            return
        seats = self.doc.dataset.seats
        paths = []
        for ac, shape in b.shapes.items():
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.OddEvenFill)  # holes stay holes
            for ring in shape.rings:
                path.moveTo(float(ring[0, 0]), float(ring[0, 1]))
                for x, y in ring[1:]:
                    path.lineTo(float(x), float(y))
                path.closeSubpath()
            item = SeatShapeItem(ac, path)
            self.scene.addItem(item)
            self.items[ac] = item
            paths.append(path)
            label = SeatLabel(str(ac), seats.name(ac), QPointF(*shape.label))
            self.scene.addItem(label)
            self.labels[ac] = label
        self.boundary_layer = BoundaryLayer(paths)
        self.scene.addItem(self.boundary_layer)
        self.selection_layer = SelectionLayer(self.boundary_layer.boundingRect())
        self.scene.addItem(self.selection_layer)
        self.stack.setCurrentWidget(self.view)
        r = self.map_rect()
        m = max(r.width(), r.height()) * 0.05
        self.scene.setSceneRect(r.adjusted(-m, -m, m, m))  # labels must not widen the scrollable area
        self._stale = True
        self.recolour()
        self.view.fit()
        self._hub_changed(self.hub.seats, None)

    # -- colours ---------------------------------------------------------------------------
    def set_mode(self, mode: str) -> None:
        if mode != self.mode:
            self.mode = mode
            self.mode_box.setCurrentIndex(self.mode_box.findData(mode))
            self.recolour()
            self.modeChanged.emit(mode)

    def set_active(self, active: bool) -> None:
        self.active = active
        if active and self._stale:
            self.recolour()

    def _on_evaluated(self, _ev):
        b = boundaries_of(self.doc.dataset)
        if b is not self.boundaries:  # boundaries imported (or taken back) for this data set
            self.set_boundaries(b)
            return
        self._stale = True
        if self.active:
            self.recolour()

    def recolour(self) -> None:
        """Set every seat's colours from the core's map style: no path is rebuilt."""
        if not self.items:
            return
        sc = self.doc.scenario
        contest = O.seat_contest(self.contest_p, sc.pools, sc.pool) if self.mode in CONTEST_MODES else None
        style = map_style(self.mode, sc, self.doc.evaluation, self.p_alliance, contest)
        for k, ac in enumerate(self.doc.dataset.seats.ac_no.tolist()):
            item = self.items.get(ac)
            if item is not None and item.set_style(style.fill[k], bool(style.hatched[k]), bool(style.outlined[k])):
                label = self.labels[ac]
                ink = text_colour_on(item.fill)
                if ink != label.brush().color():
                    label.setBrush(ink)
        self.legend.set_entries(style.title, style.legend)
        self._stale = False
        self.recolours += 1

    def set_p_win(self, p) -> None:
        """The uncertainty's P(alliance wins) per seat (issue 17); recoloured in that mode only."""
        self.p_alliance = p
        if self.mode == "p_win":
            self._stale = True
            if self.active:
                self.recolour()

    def set_contest(self, p) -> None:
        """The who-should-contest figures (``Optimiser.P``; None: none yet); recoloured in the
        best-partner and cost modes only."""
        self.contest_p = p
        if self.mode in CONTEST_MODES:
            self._stale = True
            if self.active:
                self.recolour()

    def map_rect(self) -> QRectF:
        """The seats' extent in scene units (labels keep their pixel size, so they are left out)."""
        r = QRectF()
        for item in self.items.values():
            r = r.united(item.boundingRect())
        return r

    def card(self, ac_no: int) -> str:
        return seat_card(self.doc.scenario, self.doc.evaluation, ac_no)

    # -- labels ------------------------------------------------------------------------------
    def _labels_toggled(self, on: bool):
        self._update_labels()

    def _zoom_changed(self, _z: float):
        self._update_labels()

    def _update_labels(self):
        """A seat shows its number where the seat is big enough on screen to hold it, and its
        name too where that fits: small urban seats get their labels as you zoom in."""
        on = self.labels_btn.isChecked()
        scale = self.view.transform().m11()
        for ac, label in self.labels.items():
            r = self.items[ac].boundingRect()
            w, h = r.width() * scale, r.height() * scale
            name_w = (len(label.number) + len(label.name) + 1) * 6
            long = w >= name_w * 1.3 and h >= 40
            label.show_name(long)
            label.setVisible(on and w >= label.boundingRect().width() * (1.1 if long else 1.4) and h >= 16)

    # -- selection -----------------------------------------------------------------------------
    def selected_seats(self) -> list[int]:
        return sorted(it.ac_no for it in self.scene.selectedItems() if isinstance(it, SeatShapeItem))

    def _scene_selection_changed(self):
        if self._syncing:
            return              # _hub_changed outlines the selection once, after every item
        self._outline_selection()
        self.hub.set(self.selected_seats(), self)

    def _outline_selection(self) -> None:
        layer = getattr(self, "selection_layer", None)
        if layer is None or self.boundaries is None:
            return
        layer.set_outline(selection_outline(self.boundaries, self.selected_seats()))

    def _hub_changed(self, seats, source):
        if source is self:
            return
        self._syncing = True
        try:
            for ac, item in self.items.items():
                item.setSelected(ac in seats)
        finally:
            self._syncing = False
        self._outline_selection()

    # -- export --------------------------------------------------------------------------------
    def _export_dialog(self, kind: str):
        path, _ = QFileDialog.getSaveFileName(self, f"Export map as {kind.upper()}", f"map.{kind}",
                                              f"{kind.upper()} (*.{kind})")
        if not path:
            return
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        try:
            self.export(path)
        except OSError as e:
            QMessageBox.warning(self, "Cannot export the map", f"{path}: {e}")

    def _render(self, painter: QPainter, w: int, h: int):
        """The map with its title and legend, on white, into a w×h area."""
        painter.fillRect(QRectF(0, 0, w, h), QColor("white"))
        legend_h = self.legend.heightForWidth(w - 20) + 6
        title = f"{self.doc.scenario.name} — {self.legend.title}"
        painter.setPen(QColor("#222"))
        painter.drawText(QRectF(10, 4, w - 20, 20), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        src = self.map_rect()
        self.scene.render(painter, QRectF(10, 28, w - 20, h - 36 - legend_h), src, Qt.AspectRatioMode.KeepAspectRatio)
        painter.translate(10, h - legend_h)
        self.legend.draw(painter, w - 20)

    def export(self, path: str, width: int = 1200) -> None:
        """PNG or SVG of the map, by the file's extension. Raises OSError if it cannot be written."""
        if not self.items:
            raise OSError("there is no map to export")
        src = self.map_rect()
        height = int(width * src.height() / src.width()) + 120
        buf = QBuffer()  # rendered in memory, then written atomically like every other file
        buf.open(QIODevice.WriteOnly)
        if path.lower().endswith(".svg"):
            from PySide6.QtSvg import QSvgGenerator
            gen = QSvgGenerator()
            gen.setOutputDevice(buf)
            gen.setSize(QSize(width, height))
            gen.setViewBox(QRectF(0, 0, width, height))
            gen.setTitle(f"{self.doc.scenario.name}: {self.legend.title}")
            gen.setDescription(self.boundaries.attribution if self.boundaries else "")
            p = QPainter(gen)
            if not p.isActive():
                raise OSError(f"could not write {path}")
            self._render(p, width, height)
            p.end()
        else:
            img = QImage(width, height, QImage.Format.Format_ARGB32)
            p = QPainter(img)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._render(p, width, height)
            p.end()
            if not img.save(buf, "PNG"):
                raise OSError(f"could not write {path}")
        atomic_write_bytes(path, bytes(buf.data()))
