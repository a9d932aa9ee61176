"""The Uncertainty dock as a strategist sees it at 1366x768: the tipping-point table's every
label whole (long seat names, the pool "Unassigned"), its rows whole, the dock scrolling it;
both charts whole at the dock's top, their numbers whole."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QStyle

from explorer.core import uncertainty as U
from explorer.core.assumptions import Assumptions
from explorer.core.dataset import SeatTable
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.scenario import Scenario
from explorer.gui.panels.uncertainty import unbroken

from .helpers import open_window

LONG = ("Dr. Radhakrishnan Nagar", "Chepauk-Thiruvallikeni")      # two of Tamil Nadu's seats


def long_named_window(qtbot):
    """Haryana on 2019 with every seat Unassigned (the pool's label in every row), its two
    likeliest tipping seats named as Tamil Nadu's longest (the simulation does not read names)."""
    hr = load_embedded()
    sc = Scenario(hr, name="Unassigned", assumptions=Assumptions.make("vs2019"))
    params, _ = U.params_for(hr, "fitted")
    s = U.Simulator(Engine(hr).evaluate(sc).projector, hr, params, U.DEFAULT_DRAWS).run(
        sc.pool.astype(np.int64), hr.majority)
    tips = s.tipping_seats(hr.seats, 12)
    frame = hr.seats.frame.copy()
    for ac, name in zip(tips, LONG):
        frame.loc[frame["ac_no"] == ac, "name"] = name
    ds = dataclasses.replace(hr, seats=SeatTable(frame))
    w = open_window(qtbot, Scenario(ds, name="Unassigned", assumptions=Assumptions.make("vs2019")))
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    live = w.analysis.live
    qtbot.waitUntil(lambda: live.figures is not None and not live.stale, timeout=30000)
    w.analysis.dock.raise_()
    panel = w.analysis.panel
    qtbot.waitUntil(panel.tipping.isVisible)
    QApplication.processEvents()
    m = panel.tipping_model
    names = [m.index(r, 1).data() for r in range(m.rowCount())]
    assert m.rowCount() == 12 and set(LONG) <= set(names)
    assert {m.index(r, 2).data() for r in range(m.rowCount())} == {"Unassigned"}
    return w, panel


def assert_every_label_whole(panel):
    """Every header at least its text and QHeaderView's four header margins wide; every cell's
    text laid out as the view wraps it (at word and hyphen breaks) within its column less the
    item's text margins and the grid line, and within its row's height; every row inside the
    table's viewport, and the table with no vertical scroll bar of its own."""
    v, m = panel.tipping, panel.tipping_model
    hh, style, fm = v.horizontalHeader(), v.style(), v.fontMetrics()
    head_pad = 4 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
    cell_pad = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 1
    for c in range(m.columnCount()):
        head = m.headerData(c, Qt.Orientation.Horizontal)
        assert hh.sectionSize(c) >= hh.fontMetrics().horizontalAdvance(head) + head_pad, head
        room = v.columnWidth(c) - cell_pad
        for r in range(m.rowCount()):
            text = m.index(r, c).data()
            box = fm.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, text)
            assert box.width() <= room and box.height() <= v.rowHeight(r) - 1, (head, text, box, room, v.rowHeight(r))
            if c != 1:      # only a name may take two lines
                assert fm.horizontalAdvance(text) <= room, (head, text)
    last = m.rowCount() - 1
    assert v.rowViewportPosition(0) == 0
    assert v.rowViewportPosition(last) + v.rowHeight(last) <= v.viewport().height()
    assert v.verticalScrollBar().maximum() == 0 and not v.verticalScrollBar().isVisible()


def test_tipping_table_every_label_whole_and_the_dock_scrolls_it_at_1366x768(qtbot):
    """The table elided "Dr. Radhakrishnan …" and the pool "Unassigned" as "Una…" (fixed widths,
    the name stretched), and cut its rows at its own edge under a scroll bar of its own that
    took the wheel. Now every column is as wide as its texts, the name takes the room left (a
    long one on two lines), the table is as tall as its rows and the wheel over it scrolls the dock."""
    w, panel = long_named_window(qtbot)
    v, m = panel.tipping, panel.tipping_model
    assert_every_label_whole(panel)
    # at 1366x768 the names fit the room left on at most two lines: no sideways scrolling
    assert not v.horizontalScrollBar().isVisible()
    assert sum(v.columnWidth(c) for c in range(m.columnCount())) == v.viewport().width()
    row = [m.index(r, 1).data() for r in range(m.rowCount())].index(LONG[0])
    assert v.rowHeight(row) >= 2 * v.fontMetrics().lineSpacing()
    area = w.findChild(QScrollArea, "dock_uncertainty_scroll")
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0            # taller than the group's share: the dock scrolls
    bar.setValue(bar.maximum())
    QApplication.processEvents()
    bottom = v.mapTo(area.viewport(), QPoint(0, v.height())).y()
    assert bottom <= area.viewport().height()     # scrolled to its end, the table whole in the dock
    # the wheel over the table: the table leaves it (Qt then passes it on to the dock's scroll
    # area, which scrolls; a test's event is not passed on, so that part was looked at under Xvfb)
    at = QPointF(v.viewport().rect().center())
    wheel = QWheelEvent(at, QPointF(v.viewport().mapToGlobal(at.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(v.viewport(), wheel)
    assert not wheel.isAccepted() and v.verticalScrollBar().value() == 0


def test_tipping_table_in_a_narrow_dock_scrolls_sideways_never_elides(qtbot):
    """The dock floated and made narrow (300 px; the dock's content keeps its least width, 284
    px): a name's longest piece ("Radhakrishnan") does not fit beside the other columns on any
    line, so the name column keeps it whole and the table scrolls sideways, its bar under the
    rows and counted in its height, rather than elide."""
    w, panel = long_named_window(qtbot)
    v, m = panel.tipping, panel.tipping_model
    wide = v.viewport().width()
    dock = w.analysis.dock
    dock.setFloating(True)
    dock.resize(300, 700)
    qtbot.waitUntil(lambda: v.viewport().width() < wide)
    QApplication.processEvents()
    assert_every_label_whole(panel)
    fm = v.fontMetrics()
    pieces = max(fm.horizontalAdvance(p) for t in LONG for p in unbroken(t))
    assert fm.horizontalAdvance("Radhakrishnan") == pieces and v.columnWidth(1) >= pieces
    assert sum(v.columnWidth(c) for c in range(m.columnCount())) > v.viewport().width()
    assert v.horizontalScrollBar().isVisible()


@pytest.mark.parametrize("dataset, preset", [("haryana", "Congress everywhere"), ("jharkhand", "INDIA bloc 2024")])
def test_both_charts_whole_at_the_top_of_the_dock_at_1366x768(qtbot, dataset, preset):
    """The numbers' group at 1366x768 shows the dock 300 px tall: under a three-line headline
    (Tamil Nadu's) the charts at 260 px cut the cushion through its curve, its axis under the
    dock's edge. The charts take the height left under the headline, so both are whole with
    the dock at its top; every number of the cushion is whole inside the chart, clear of its
    title and of the others ('+10' was centred on the chart's right end and cut, the top seat
    count drawn over the title)."""
    from explorer.core.scenario import scenario_from_preset
    w = open_window(qtbot, scenario_from_preset(load_embedded(dataset), preset))
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    live = w.analysis.live
    qtbot.waitUntil(lambda: live.figures is not None and not live.stale, timeout=30000)
    panel = w.analysis.panel
    w.analysis.dock.raise_()
    qtbot.waitUntil(panel.plot.isVisible)
    panel.headline.setText(panel.headline.text() + " · majority lost at 3 pts to ADMK and then some more words")
    QApplication.processEvents()
    area = w.findChild(QScrollArea, "dock_uncertainty_scroll")
    area.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    assert panel.headline.height() >= 3 * panel.headline.fontMetrics().lineSpacing()
    plot = panel.plot
    assert area.verticalScrollBar().maximum() > 0        # the notes, settings and table scroll in below
    top = plot.mapTo(area.viewport(), QPoint(0, 0)).y()
    assert 0 <= top and top + plot.height() <= area.viewport().height(), (top, plot.height(), area.viewport().height())
    assert plot.height() >= plot.LEAST
    plot.grab()                     # paints: the numbers' rects
    texts = [t for t, _ in plot.cushion_rects]
    assert texts[0] == "title" and {"-10", "0", "+10", str(live.figures.summary.majority)} <= set(texts)
    for i, (text, r) in enumerate(plot.cushion_rects):
        assert plot.rect().toRectF().contains(r), (text, r, plot.rect())
        for other, r2 in plot.cushion_rects[i + 1:]:
            assert not r.intersects(r2), (text, other)
