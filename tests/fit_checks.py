"""Checks that what a dock shows is whole: its table's columns, its rows, and one scroll bar."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from explorer.gui.view_fit import column_need, enclosing_scroll_area


def assert_columns_whole(view, texts: dict | None = None) -> None:
    """Every shown column at least as wide as its header and cells need (``column_need``; ``texts``:
    column -> the texts it must show whole in its cells' stead), and inside the viewport (no
    sideways scroll)."""
    m, hh, vp = view.model(), view.horizontalHeader(), view.viewport()
    for c in range(m.columnCount()):
        if view.isColumnHidden(c):
            continue
        head = m.headerData(c, Qt.Orientation.Horizontal)
        need = column_need(view, c, (texts or {}).get(c))
        x = hh.sectionViewportPosition(c)
        assert x >= 0 and x + hh.sectionSize(c) <= vp.width(), (head, x, hh.sectionSize(c), vp.width())
        assert view.columnWidth(c) >= need, (head, view.columnWidth(c), need)
    assert not view.horizontalScrollBar().isVisible()


def assert_rows_whole(view) -> None:
    """No row cut by the table's bottom edge, scrolled to the top or to the bottom; no empty
    space below the last row when every row is shown."""
    vp, bar = view.viewport(), view.verticalScrollBar()
    for value in (bar.minimum(), bar.maximum()):
        bar.setValue(value)
        QApplication.processEvents()
        for r in range(view.model().rowCount()):
            top = view.rowViewportPosition(r)
            if 0 <= top < vp.height():
                assert top + view.rowHeight(r) <= vp.height(), (r, top, view.rowHeight(r), vp.height())
    bar.setValue(bar.minimum())
    n = view.model().rowCount()
    if n and bar.maximum() == 0:          # every row shown: the table ends with the last
        assert view.rowViewportPosition(n - 1) + view.rowHeight(n - 1) == vp.height()


def assert_one_scroll_bar(view) -> None:
    """The dock holding ``view`` does not scroll, and the table is whole inside it."""
    area = enclosing_scroll_area(view)
    assert area is not None
    assert not area.verticalScrollBar().isVisible() and not area.horizontalScrollBar().isVisible()
    bottom = view.mapTo(area.viewport(), view.rect().bottomLeft()).y()
    assert bottom < area.viewport().height(), (bottom, area.viewport().height())
