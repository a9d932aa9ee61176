"""Sizing a table or a panel to what it shows: shared by the panels and the dialogs (knows no view)."""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QStyle, QTableView, QWidget


def column_need(view: QTableView, c: int, texts: Iterable[str] | None = None) -> int:
    """The least width of column ``c`` that shows its header and every cell whole (or ``texts``,
    the texts it may show, in its cells' stead): a header's text is elided short of four header
    margins (QHeaderView's paint), a cell's short of the item's text margin either side (the
    focus frame's and one) and the grid line."""
    model, style = view.model(), view.style()
    head = view.horizontalHeader().fontMetrics().horizontalAdvance(str(model.headerData(c, Qt.Orientation.Horizontal)))
    head += 4 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
    if texts is None:
        texts = [str(model.index(r, c).data()) for r in range(model.rowCount())]
    fm, pad = view.fontMetrics(), 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 1
    return max([head] + [fm.horizontalAdvance(t) + pad for t in texts])


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
