"""Sizing a table or a panel to what it shows: shared by the panels and the dialogs (knows no view)."""
from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QScrollArea, QStyle, QTableView, QWidget


def column_need(view: QTableView, c: int, texts: Iterable[str] | None = None) -> int:
    """The least width of column ``c`` that shows its header (its longest line) and every cell whole (or ``texts``,
    the texts it may show, in its cells' stead): a header's text is elided short of four header
    margins (QHeaderView's paint), a cell's short of the item's text margin either side (the
    focus frame's and one) and the grid line."""
    model, style = view.model(), view.style()
    hfm = view.horizontalHeader().fontMetrics()
    head = max(hfm.horizontalAdvance(line) for line in str(model.headerData(c, Qt.Orientation.Horizontal)).split("\n"))
    head += 4 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
    if texts is None:
        texts = [str(model.index(r, c).data()) for r in range(model.rowCount())]
    # a text's width to the pixel above: the item elides a text wider than its rect by a fraction of a
    # pixel ("35 %" is 30.4 px wide, 30 by horizontalAdvance, and showed "35…")
    fm, pad = QFontMetricsF(view.font()), 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 1
    return max([head] + [math.ceil(fm.horizontalAdvance(t)) + pad for t in texts])


def fit_height_to_rows(view: QTableView, fixed: bool = False) -> int:
    """A table with no vertical scroll bar of its own made as tall as its rows: its header and
    every row whole (and the sideways scroll bar, where the columns are wider than the table),
    so that the dock's scroll area scrolls it and the wheel over it scrolls the dock. Its least
    height, or (``fixed``) its height: the room below goes to the dock's other widgets."""
    model = view.model()
    rows = sum(view.rowHeight(r) for r in range(model.rowCount()))
    cols = sum(view.columnWidth(c) for c in range(model.columnCount()) if not view.isColumnHidden(c))
    bar = view.horizontalScrollBar().sizeHint().height() if cols > view.viewport().width() else 0
    h = view.horizontalHeader().sizeHint().height() + rows + bar + 2 * view.frameWidth()
    if fixed:
        view.setFixedHeight(h)
    else:
        view.setMinimumHeight(h)
    return h


def enclosing_scroll_area(widget: QWidget) -> QScrollArea | None:
    """The nearest scroll area ``widget`` sits in (a dock's), or None."""
    w = widget.parentWidget()
    while w is not None and not isinstance(w, QScrollArea):
        w = w.parentWidget()
    return w


def fit_height_to_room(view: QTableView, room: int, least_rows: int = 1) -> int:
    """A table that scrolls its own rows, given ``room`` pixels of height: as tall as its header and
    the whole rows that fit (every row, when they all fit: no empty white below them), at least
    ``least_rows`` of them, so that no row is cut by its bottom edge. Its maximum height is set to
    that (the room below goes to the stretch under it) and its minimum to the least (a dock's
    scroll area scrolls only below that). Returns the height."""
    model = view.model()
    rows = model.rowCount()
    cols = sum(view.columnWidth(c) for c in range(model.columnCount()) if not view.isColumnHidden(c))
    head = view.horizontalHeader()
    fixed = (head.height() if head.isVisible() and head.height() > 0 else head.sizeHint().height()) \
        + 2 * view.frameWidth()
    bar_h = view.horizontalScrollBar().sizeHint().height()
    vbar = view.verticalScrollBar().sizeHint().width()

    def bar(n: int) -> int:
        # the sideways bar, where the columns are wider than the table (less the row bar, when some rows hide)
        width = view.width() - 2 * view.frameWidth() - (vbar if n < rows else 0)
        return bar_h if cols > width else 0

    # rows counted from the top while they fit: only those are measured (4,100 seats: a few rows)
    least = min(least_rows, rows)
    n, used, least_h = 0, 0, None
    while n < rows:
        if n == least:
            least_h = fixed + used + bar(n)
        step = view.rowHeight(n)
        if n >= least and fixed + used + step + bar(n + 1) > room:
            break
        used += step
        n += 1
    if least_h is None:
        least_h = fixed + used + bar(n)
    h = fixed + used + bar(n)
    view.setMinimumHeight(least_h)
    view.setMaximumHeight(h)
    return h


class FitToRoom(QObject):
    """Keeps ``view`` (the last widget of ``panel``'s vertical layout but a stretch) as tall as the
    whole rows that fit in the room below its top (``fit_height_to_room``): when the panel is
    resized, when the view moves (the note above it grows or shrinks), when its rows change, and
    when ``fit()`` is called (its columns changed: a sideways bar may come or go)."""

    def __init__(self, panel: QWidget, view: QTableView, least_rows: int = 1):
        super().__init__(panel)
        self.panel, self.view, self.least_rows = panel, view, least_rows
        panel.installEventFilter(self)
        view.installEventFilter(self)
        m = view.model()
        for sig in (m.modelReset, m.rowsInserted, m.rowsRemoved, m.layoutChanged):
            sig.connect(self.fit)

    def room(self) -> int:
        lay = self.panel.layout()
        bottom = lay.contentsMargins().bottom() if lay is not None else 0
        return self.panel.height() - self.view.y() - bottom

    def fit(self, *_) -> int:
        return fit_height_to_room(self.view, self.room(), self.least_rows)

    def eventFilter(self, obj, event) -> bool:
        if (obj is self.panel and event.type() == QEvent.Type.Resize) or \
                (obj is self.view and event.type() in (QEvent.Type.Move, QEvent.Type.Resize)):
            self.fit()
        return False


class OnWidthChange(QObject):
    """Calls ``fit`` when ``view``'s width changes (a dialog resized, a splitter moved), on the
    event loop's next turn: a stretched column is given its new width by the header after the
    viewport's resize event, so rows wrapped at it are measured then."""

    def __init__(self, view: QTableView, fit):
        super().__init__(view)
        self.fit = fit
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize and event.oldSize().width() != event.size().width():
            QTimer.singleShot(0, self.fit)
        return False
