"""The map: every constituency drawn natively with Qt (QGraphicsView, QPainterPath), coloured
by pool, projected winner, projected margin or baseline leader.

Paths are built once per data set; after a change only colours are set (map_style in the
core says which), so a drop repaints the map without rebuilding it. Selection is shared with
the table and pools; selected seats drag onto a pool like rows of the table."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import (QApplication, QComboBox, QGraphicsScene, QGraphicsView, QHBoxLayout, QLabel, QMenu,
                               QSizePolicy, QStackedWidget, QToolButton, QToolTip, QVBoxLayout, QWidget)

from ...core.geometry import Boundaries, selection_outline
from ...core.delta import Delta
from ...core.imported import boundaries_of
from ...core import optimise as O
from ...core.mapstyle import CONTEST_MODES, MODES, map_style, seat_card
from ..document import Document, DocumentView
from ..mime import seats_mime
from ..style import text_colour_on
from .map_export import MapExport
from .map_items import HATCH, BoundaryLayer, SeatLabel, SeatShapeItem, SelectionLayer  # noqa: F401 (HATCH: legend)

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


class MapPanel(DocumentView, MapExport, QWidget):
    """Mode selector, the map (or a note where the data set has no boundaries), the legend."""
    follows = {"evaluated": "_on_evaluated"}
    modeChanged = Signal(str)   # the colour mode chosen (the best-partner and cost modes want figures)

    def __init__(self, doc: Document, hub, parent=None):
        super().__init__(parent)
        self.boundary_layer = self.selection_layer = None   # made with the boundaries (set_boundaries)
        self.hub = hub
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
        menu.addAction("PNG image…", lambda: self.export_dialog("png"))
        menu.addAction("SVG drawing…", lambda: self.export_dialog("svg"))
        export.setMenu(menu)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(self.mode_box, 1)
        for w in (self.labels_btn, zin, zout, fit, export):
            bar.addWidget(w)
        self._map_tools = (self.mode_box, self.labels_btn, zin, zout, fit, export)   # off with no map to draw
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

    def document_shown(self, doc: Document) -> None:
        """Show another document: its data set's boundaries (rebuilt only when they differ
        from the ones drawn) coloured by its evaluation."""
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
            for w in self._map_tools:
                w.setEnabled(False)
            return
        for w in self._map_tools:
            w.setEnabled(True)
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

    def _on_evaluated(self, _ev, delta: Delta | None = None):
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
        inks: dict = {}             # the label's colour on each fill, worked out once per fill (a few, not 90)
        hatched = np.asarray(style.hatched, dtype=bool).tolist()
        outlined = np.asarray(style.outlined, dtype=bool).tolist()
        for k, ac in enumerate(self.doc.dataset.seats.ac_no.tolist()):
            item = self.items.get(ac)
            if item is not None and item.set_style(style.fill[k], hatched[k], outlined[k]):
                label = self.labels[ac]
                ink = inks.get(item._fill_name)
                if ink is None:
                    ink = inks[item._fill_name] = text_colour_on(item.fill)
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
        layer = self.selection_layer
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
