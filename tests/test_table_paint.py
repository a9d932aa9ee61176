"""The seat table paints its rows itself (issue 12): what it paints is, pixel for pixel, what
Qt's own cell-by-cell table paint draws with the delegate, in every state of the view."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from .helpers import congress_everywhere, open_window


def _both(view):
    rows = view.viewport().grab().toImage()
    keep, view._rows_of = view._rows_of, None          # Qt's QTableView.paintEvent and the delegate
    try:
        cells = view.viewport().grab().toImage()
    finally:
        view._rows_of = keep
    return rows, cells


def _same(view) -> None:
    a, b = _both(view)
    assert a.size() == b.size()
    assert a == b


def test_rows_painted_as_qt_paints_them_in_every_state(qtbot):
    sc = congress_everywhere(pools={"AAP": [12, 16, 35], "contested": [14, 33]})
    w = open_window(qtbot, sc)
    w.show()
    qtbot.waitExposed(w)
    panel = w.table_panel
    view = panel.table
    assert view._rows_of is not None
    _same(view)
    w.hub.set([3, 4, 5, 16, 40], None)                  # a selection of two runs
    qtbot.wait(10)
    _same(view)
    view.setFocus()
    view.setCurrentIndex(panel.proxy.index(4, 1))       # the focused cell of a selected row
    qtbot.wait(10)
    _same(view)
    view.verticalScrollBar().setValue(37)               # scrolled: rows start mid-table
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    qtbot.wait(10)
    _same(view)
    view.sortByColumn(panel.model.C_MARGIN, Qt.SortOrder.DescendingOrder)
    panel.show_column(panel.model.C_DISTRICT, False)
    panel.show_column(panel.model.C_BEST, True)          # an opt-in column, "…" until its figures come
    qtbot.wait(10)
    _same(view)
    panel.search.setText("pur")                         # a filter: fewer rows than the view holds
    qtbot.wait(10)
    assert 0 < panel.proxy.rowCount() < 20
    _same(view)


def test_the_painted_cells_show_pool_tint_selection_and_margin_colour(qtbot):
    sc = congress_everywhere(pools={"AAP": [12]})
    w = open_window(qtbot, sc)
    w.show()
    qtbot.waitExposed(w)
    panel = w.table_panel
    view, m = panel.table, panel.model
    # the table and the pools share the width once the window has sized them (a moment after show)
    qtbot.waitUntil(lambda: view.columnViewportPosition(m.C_PWIN) + view.columnWidth(m.C_PWIN)
                    <= view.viewport().width())
    img = view.viewport().grab().toImage()
    row = 11                                            # seat 12, Shahbad, sorted by number
    assert panel.proxy.index(row, 0).data() == "12"
    y = view.rowViewportPosition(row) + view.rowHeight(row) // 2
    x_pool = view.columnViewportPosition(m.C_POOL) + view.columnWidth(m.C_POOL) - 3
    aap = sc.pools.index("AAP")
    tint = m._pool_brush[aap].color()
    base = view.palette().alternateBase().color() if row % 2 else view.palette().base().color()
    got = QColor(img.pixel(x_pool, y))
    a = tint.alphaF()
    for ch in ("red", "green", "blue"):                  # the partner's tint over the row's background
        want = getattr(tint, ch)() * a + getattr(base, ch)() * (1 - a)
        assert abs(getattr(got, ch)() - want) <= 2, (ch, got.name(), tint.name())
    margin_cell = [QColor(img.pixel(x, yy)) for x in range(view.columnViewportPosition(m.C_MARGIN),
                   view.columnViewportPosition(m.C_MARGIN) + view.columnWidth(m.C_MARGIN))
                   for yy in range(view.rowViewportPosition(row), view.rowViewportPosition(row) + view.rowHeight(row))]
    colour = (m._won_brush if m._row(11).won else m._lost_brush).color()
    assert any(abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + abs(c.blue() - colour.blue()) < 60
               for c in margin_cell)                    # the margin's text in green or red
    w.hub.set([12], None)
    qtbot.wait(10)
    img = view.viewport().grab().toImage()
    assert QColor(img.pixel(x_pool, y)) == view.palette().highlight().color()


def _same_pool(view) -> None:
    a = view.viewport().grab().toImage()
    view.own_paint = False                              # QListView.paintEvent and the delegate
    try:
        b = view.viewport().grab().toImage()
    finally:
        view.own_paint = True
    assert a.size() == b.size()
    assert a == b


def test_pool_lists_paint_their_items_as_qt_paints_them(qtbot):
    sc = congress_everywhere(pools={"AAP": [3, 4, 5, 12, 16, 35, 36, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49,
                                            50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60]})
    w = open_window(qtbot, sc)
    w.show()
    qtbot.waitExposed(w)
    aap = next(p for p in w.pool_panels if p.model.pool_key == "AAP")
    view = aap.view
    assert view.model().rowCount() == 28
    shown = view.viewport().height() // view.visualRect(view.model().index(0)).height()
    assert shown < 28                                   # the list scrolls
    _same_pool(view)
    w.hub.set([4, 5, 16, 44], None)                     # selected seats, two runs
    qtbot.wait(10)
    _same_pool(view)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2 + 3)
    qtbot.wait(10)
    _same_pool(view)
    # "4 Ambala Cantt." keeps its number and loses the middle of its name in a narrow list
    w.resize(900, 740)
    qtbot.wait(50)
    _same_pool(view)


def test_a_p_win_cell_paints_the_text_and_colour_the_model_gives_its_roles(qtbot):
    """The table's own paint reads a P(win) cell's text and colour in one call: for every seat they
    are the model's display text and foreground colour, before any figure (…, grey), with fresh
    figures (green at 50 % and over, red under) and with stale ones (grey)."""
    from explorer.gui.panels.common import DISPLAY, FOREGROUND
    w = open_window(qtbot, congress_everywhere())
    m = w.seat_model
    n = m.rowCount()
    p = [i / (n - 1) for i in range(n)]          # 0 to 1: "0 %", "< 1 %", "50 %", "> 99 %", "100 %"
    cases = [(None, False), (p, False), (p, True)]
    for figures, stale in cases:
        m.set_p_win(figures, stale)
        cells = [m._p_win_cell(r) for r in range(n)]
        assert cells == [(m._p_win_data(r, DISPLAY), m._p_win_data(r, FOREGROUND).color()) for r in range(n)]
        assert {t for t, _ in cells} >= ({"…"} if figures is None else {"0 %", "100 %"})
    assert {c.name() for _, c in [m._p_win_cell(r) for r in range(n)]} == {m._stale_brush.color().name()}
    m.set_p_win(p, False)
    assert {m._p_win_cell(r)[1].name() for r in range(n)} == {"#1b7f3b", "#b3261e"}
