"""The app's style: Fusion's scroll-bar geometry, painted flat (gui/app_style.py)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QScrollBar, QStyle, QStyleFactory, QStyleOptionSlider

from explorer.gui.app_style import ARROW, GROOVE, HANDLE, ExplorerStyle

SUBS = ("SC_ScrollBarAddLine", "SC_ScrollBarSubLine", "SC_ScrollBarGroove", "SC_ScrollBarSlider",
        "SC_ScrollBarAddPage", "SC_ScrollBarSubPage")


def _bar(qtbot, style, orientation, length=300):
    bar = QScrollBar(orientation)
    bar.setStyle(style)
    bar.setRange(0, 100)
    bar.setPageStep(20)
    qtbot.addWidget(bar)
    extent = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, bar)
    bar.resize(extent, length) if orientation == Qt.Orientation.Vertical else bar.resize(length, extent)
    return bar


def _rect(style, bar, sub):
    opt = QStyleOptionSlider()
    bar.initStyleOption(opt)
    return style.subControlRect(QStyle.ComplexControl.CC_ScrollBar, opt, getattr(QStyle.SubControl, sub), bar)


@pytest.mark.parametrize("orientation", [Qt.Orientation.Vertical, Qt.Orientation.Horizontal])
def test_scroll_bar_keeps_fusions_geometry(qtbot, orientation):
    ours, fusion = ExplorerStyle(), QStyleFactory.create("Fusion")
    a, b = _bar(qtbot, ours, orientation), _bar(qtbot, fusion, orientation)
    assert a.size() == b.size()
    for value in (0, 37, 80):
        a.setValue(value)
        b.setValue(value)
        for sub in SUBS:
            assert _rect(ours, a, sub) == _rect(fusion, b, sub), (sub, value)


def test_scroll_bar_paints_groove_handle_and_arrows(qtbot):
    style = ExplorerStyle()
    bar = _bar(qtbot, style, Qt.Orientation.Vertical)
    for value in (0, 80):
        bar.setValue(value)
        img = bar.grab().toImage()
        handle = _rect(style, bar, "SC_ScrollBarSlider")
        assert QColor(img.pixel(handle.center())) == HANDLE
        # the page areas either side of the handle are the flat groove
        page = _rect(style, bar, "SC_ScrollBarAddPage" if value == 0 else "SC_ScrollBarSubPage")
        assert page.height() > 20
        assert QColor(img.pixel(page.center())) == GROOVE
        for sub in ("SC_ScrollBarSubLine", "SC_ScrollBarAddLine"):
            box = _rect(style, bar, sub)
            assert QColor(img.pixel(box.center())) == ARROW, sub
            assert QColor(img.pixel(box.topLeft() + QPoint(2, 1))) == GROOVE, sub
    # nothing to scroll: no handle, the groove all along
    bar.setRange(0, 0)
    img = bar.grab().toImage()
    mid = bar.rect().center()
    assert QColor(img.pixel(mid)) == GROOVE
