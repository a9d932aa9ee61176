"""The Summary's split per Lok Sabha seat at 1366x740: every header whole ("Con-\\ntested",
"Unas-\\nsigned" on two lines), the columns the dock's width at two partners (no sideways scroll),
and the table as tall as its rows, scrolled with the rest of the dock (one scroll bar)."""
from __future__ import annotations

import pytest
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
        ["PC", "AAP", "INC", "Con-\ntested", "Unas-\nsigned", "Led", "Split"]
    assert not sp.pc_compact and v.isColumnHidden(6)                 # a column per pool: the split in words hidden
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


@pytest.mark.parametrize("extra", [("INLD", "JJP"), ("INLD", "JJP", "BSP", "CPI(M)", "SP", "NCP")])
def test_four_and_eight_partners_the_split_in_words_fits_the_dock(qtbot, extra):
    """Haryana with INLD and JJP (and at eight BSP, CPI(M), SP, NCP) as partners too: a column per
    pool does not fit the dock with the PC names at their longest word (it scrolled sideways); the
    split in words stands in their stead right of the PC ("AAP 4 · INC 5" in Kurukshetra's row, as
    assigned by hand), wrapped over its row's lines, every column whole, no sideways scroll."""
    colours = ("#2E7D32", "#7CB342", "#5E35B1", "#B71C1C", "#E65100", "#AD1457")
    sc0 = congress_everywhere()
    sc = Scenario(sc0.dataset, sc0.pools.partners + tuple(Partner(c, c, col) for c, col in zip(extra, colours)),
                  name="many")
    sc.assign_all("INC")
    kkr = [int(a) for a, i in zip(sc.seats.ac_no, sc.seats.pc_index) if sc.seats.pc_names[i] == "Kurukshetra"]
    sc.assign(kkr[:4], "AAP")
    w, sp = summary_shown(qtbot, sc)
    v, m = sp.pc_view, sp.pc_model
    split = m.columnCount() - 1
    assert m.columnCount() == 2 + len(extra) + 5 and sp.pc_compact
    assert [c for c in range(m.columnCount()) if not v.isColumnHidden(c)] == [0, split - 1, split]
    assert v.horizontalHeader().visualIndex(split) == 1
    row = next(r for r in range(m.rowCount()) if m.index(r, 0).data() == "Kurukshetra")
    assert m.index(row, split).data() == f"AAP\u00a04 · INC\u00a0{len(kkr) - 4}"
    assert m.index(row, split).data(Qt.ToolTipRole) == m.index(row, split).data()
    fm = v.fontMetrics()
    longest = max(pc_words(m), key=fm.horizontalAdvance)
    assert_columns_whole(v, {0: [longest], split: [f"CPI(M)\u00a099"]})   # no sideways scroll bar either
    assert_rows_whole(v)
    # a move that lists more pools in a row: the row grows to its lines
    sc_rows = v.rowHeight(row)
    others = [a for a in kkr[4:]]
    for code, a in zip(extra, others):
        w.doc.move([a], code)
    QApplication.processEvents()
    text = m.index(row, split).data()
    assert all(f"{c}\u00a0" in text for c in extra[:len(others)])
    assert v.rowHeight(row) >= sc_rows
    assert v.rowHeight(row) >= v.sizeHintForRow(row)
