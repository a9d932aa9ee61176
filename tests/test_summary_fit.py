"""The Summary's split per Lok Sabha seat at 1366x740: every header whole ("Con-\\ntested",
"Unas-\\nsigned" on two lines), the columns the dock's width at two partners (no sideways scroll),
and the table as tall as its rows, scrolled with the rest of the dock (one scroll bar)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from explorer.core.pools import Partner
from explorer.core.scenario import Scenario
from explorer.gui.view_fit import enclosing_scroll_area

from .fit_checks import assert_columns_whole, assert_rows_whole
from .helpers import congress_everywhere, open_window


def summary_shown(qtbot, sc):
    w = open_window(qtbot, sc)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.map_dock.width() > 300)        # the docks' column laid out
    qtbot.wait(100)
    w.summary_dock.raise_()
    qtbot.waitUntil(lambda: w.summary_panel.active and w.summary_dock.width() > 300)
    QApplication.processEvents()
    return w, w.summary_panel


def pc_words(m) -> list[str]:
    return [wd for r in range(m.rowCount()) for wd in str(m.index(r, 0).data()).replace("-", " ").split()]


def test_two_partners_every_header_whole_no_sideways_scroll_one_scroll_bar(qtbot):
    # Haryana, AAP in 4 seats, 2 contested, 1 unassigned: every pool has a column
    w, sp = summary_shown(qtbot, congress_everywhere(pools={"AAP": [12, 14, 15, 16], "contested": [33, 34],
                                                            "unassigned": [40]}))
    v, m = sp.pc_view, sp.pc_model
    assert [m.headerData(c, Qt.Horizontal) for c in range(m.columnCount())] == \
        ["PC", "AAP", "INC", "Con-\ntested", "Unas-\nsigned", "Won"]
    assert m.headerData(3, Qt.Horizontal, Qt.ToolTipRole) == "Seats in the Contested pool"
    fm = v.fontMetrics()
    longest = max(pc_words(m), key=fm.horizontalAdvance)            # "Mahendragarh" (Bhiwani-Mahendragarh)
    assert_columns_whole(v, {0: [longest]})                          # no sideways scroll bar either
    # the table scrolls with the dock: as tall as its ten rows, no bar of its own
    assert m.rowCount() == 10 and not v.verticalScrollBar().isVisible()
    assert_rows_whole(v)
    area = enclosing_scroll_area(v)
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    QApplication.processEvents()
    bottom = v.mapTo(area.viewport(), v.rect().bottomLeft()).y()
    assert bottom < area.viewport().height()                          # its last row reachable, whole


def test_four_partners_every_header_whole_the_table_scrolls_sideways(qtbot):
    """Haryana with INLD and JJP as partners too: the columns do not fit the dock's width with
    the PC names at their longest word; every header and count stays whole and the table scrolls
    sideways (its bar inside its height), not cut at the dock's edge ("Unassi")."""
    sc0 = congress_everywhere()
    sc = Scenario(sc0.dataset, sc0.pools.partners + (Partner("INLD", "INLD", "#2E7D32"),
                                                      Partner("JJP", "JJP", "#7CB342")), name="four")
    sc.assign_all("INC")
    w, sp = summary_shown(qtbot, sc)
    v, m = sp.pc_view, sp.pc_model
    assert m.columnCount() == 8
    fm = v.fontMetrics()
    longest = max(pc_words(m), key=fm.horizontalAdvance)
    from explorer.gui.view_fit import column_need
    for c in range(m.columnCount()):
        assert v.columnWidth(c) >= column_need(v, c, [longest] if c == 0 else None), m.headerData(c, Qt.Horizontal)
    assert v.horizontalScrollBar().isVisible()
    assert_rows_whole(v)                            # the sideways bar below the last row, not over it
