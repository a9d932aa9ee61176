"""Labels whole or giving way by design (issue 26, item 6): a segment label never under the
majority line; a pool item drops its margin before it cuts a name; pool widths from the data
set's longest names."""
from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication

from explorer.core.dataset_io import load_embedded
from explorer.gui.panels.pools import item_width
from explorer.gui.panels.scoreboard import _bar_label


def test_a_segment_label_goes_to_the_wider_side_of_the_majority_line(qapp):
    fm = QFontMetrics(QApplication.font())
    r = QRectF(100, 0, 200, 20)
    text, where, _bold = _bar_label(fm, "INC", 16, r, 130)      # the mark 30 px into the segment
    assert text == "INC 16" and where.left() > 130 and where.right() == r.right()
    text, where, _bold = _bar_label(fm, "INC", 16, r, 280)
    assert where.right() < 280 and where.left() == r.left()
    # no room either side for "INC 16": the name alone (20 px tall: no room for two lines); not even that: nothing
    n = fm.horizontalAdvance("INC") + 8         # each side of the mark n + 1 wide: "INC" (+ 4) fits, "INC 16" not
    assert _bar_label(fm, "INC", 16, QRectF(0, 0, 2 * n + 6, 20), n + 3)[0] == "INC"
    assert _bar_label(fm, "INC", 16, QRectF(0, 0, 12, 20), 6) is None
    assert _bar_label(fm, "INC", 16, r, 50) == ("INC 16", r, True)    # the mark outside: centred


def test_a_narrow_segment_is_named_never_a_bare_count(qapp):
    """Tamil Nadu's ADMK with 82 expected seats in a segment too narrow for "ADMK 82": on a bar two
    lines tall the name over the count, on a thinner one the name alone; never "82" by itself."""
    fm = QFontMetrics(QApplication.font())
    tall, thin = 2 * fm.height(), fm.height() + 4
    one_line = fm.horizontalAdvance("ADMK 82") + 4     # 2 px either side of the text
    name = fm.horizontalAdvance("ADMK") + 4
    r = QRectF(0, 0, one_line - 1, tall)
    assert _bar_label(fm, "ADMK", 82, r) == ("ADMK\n82", r, True)
    assert _bar_label(fm, "ADMK", 82, QRectF(0, 0, one_line - 1, thin))[0] == "ADMK"
    assert _bar_label(fm, "ADMK", 82, QRectF(0, 0, name, thin))[0] == "ADMK"
    assert _bar_label(fm, "ADMK", 82, QRectF(0, 0, name - 1, tall)) is None
    assert _bar_label(fm, "ADMK", 82, QRectF(0, 0, one_line, thin))[0] == "ADMK 82"
    # narrower than the bold name: the regular weight's, where it fits (Tamil Nadu's 3-partner bar)
    bold = QFont(QApplication.font())
    bold.setBold(True)
    fb, fr = QFontMetrics(bold), QFontMetrics(QApplication.font())
    assert fr.horizontalAdvance("ADMK") < fb.horizontalAdvance("ADMK")
    squeezed = QRectF(0, 0, fr.horizontalAdvance("ADMK") + 4, thin)
    assert _bar_label(fb, "ADMK", 82, squeezed) is None
    assert _bar_label(fb, "ADMK", 82, squeezed, None, fr) == ("ADMK", squeezed, False)


def test_pool_width_comes_from_the_data_sets_longest_name(qapp):
    fm = QFontMetrics(QApplication.font())
    hr, jh = load_embedded("haryana"), load_embedded("jharkhand")
    longest_jh = max(fm.horizontalAdvance(f"{a} {n}") for a, n in zip(jh.seats.ac_no.tolist(), jh.seats.names))
    assert item_width(jh, fm) == longest_jh + 19 + 7 + fm.horizontalAdvance("−99.9") + 6
    assert item_width(hr, fm) != item_width(jh, fm)


def test_a_pool_item_drops_its_margin_before_it_cuts_the_name(qapp):
    from explorer.gui.panels.pools import PoolItem, paint_pool_item
    from explorer.gui.style import swatch_icon
    fm = QFontMetrics(QApplication.font())
    name = "79 HUSSAINABAD"
    nw = fm.horizontalAdvance(name)
    drawn = []

    class Spy(QPainter):
        def drawText(self, *a):   # noqa: N802
            drawn.append(a[-1])
            return super().drawText(*a)
    img = QImage(400, 30, QImage.Format.Format_ARGB32)
    item = PoolItem(name, swatch_icon("#2E7D32"), "+46.9", True, 78, None)
    p = Spy(img)
    # room for the name, not for the name and the margin: the name whole, no margin
    paint_pool_item(p, item, QRect(0, 0, 3 + 19 + nw + 4 + 10, 20), False, fm, QColor("blue"), QColor("white"),
                    QColor("black"), QColor("green"), QColor("red"))
    assert drawn == [name]
    drawn.clear()
    paint_pool_item(p, item, QRect(0, 0, 400, 20), False, fm, QColor("blue"), QColor("white"),
                    QColor("black"), QColor("green"), QColor("red"))
    assert drawn == ["+46.9", name]
    p.end()


def test_the_summarys_partner_and_pc_names_are_whole(qtbot):
    """Jharkhand: 'CPI(ML)L' in the Summary's partner table keeps its whole width in a 330-pixel
    dock (the table scrolls instead), and the per-PC table's PC column the longest word of a PC's
    name (the whole name where the dock has the room, and in the cell's tooltip)."""
    from explorer.core.scenario import scenario_from_preset
    from .helpers import open_window
    w = open_window(qtbot, scenario_from_preset(load_embedded("jharkhand"), "INDIA bloc 2024"))
    sp = w.summary_panel
    sp.resize(330, 700)
    sp._size_partner_table()
    sp._size_columns()
    v = sp.partner_view
    fm = v.fontMetrics()
    assert v.columnWidth(0) >= fm.horizontalAdvance("CPI(ML)L") + 16      # swatch and text
    pcs = sp.pc_model
    words = [wd for r in range(pcs.rowCount()) for wd in str(pcs.index(r, 0).data()).replace("-", " ").split()]
    assert sp.pc_view.columnWidth(0) >= max(fm.horizontalAdvance(wd) for wd in words)
    assert all(pcs.index(r, 0).data(Qt.ToolTipRole) == pcs.index(r, 0).data() for r in range(pcs.rowCount()))


def test_the_pc_table_is_sized_when_first_shown_not_while_behind_the_map(qtbot):
    """Sizing the per-PC table reads every cell: the window opens with the Summary behind the Map
    and sizes it when the Summary is first shown, the longest PC name whole then; once."""
    from explorer.core.scenario import scenario_from_preset
    from .helpers import open_window
    w = open_window(qtbot, scenario_from_preset(load_embedded("jharkhand"), "INDIA bloc 2024"))
    sp = w.summary_panel
    sized = []
    fit = sp.pc_view.resizeColumnsToContents
    sp.pc_view.resizeColumnsToContents = lambda: (sized.append(1), fit())
    w.show()
    qtbot.waitExposed(w)
    assert not sp.active and sized == [] and sp._unsized
    w.summary_dock.raise_()
    qtbot.waitUntil(lambda: sp.active)
    assert sized == [1] and not sp._unsized
    pcs, fm = sp.pc_model, sp.pc_view.fontMetrics()
    assert sp.pc_view.columnWidth(0) >= max(fm.horizontalAdvance(wd) for r in range(pcs.rowCount())
                                            for wd in str(pcs.index(r, 0).data()).replace("-", " ").split())
    w.map_dock.raise_()
    w.summary_dock.raise_()
    assert sized == [1]
