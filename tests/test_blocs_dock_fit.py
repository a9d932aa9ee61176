"""The Blocs dock at 1366x740 in the deal's group: with no rival (Haryana) its note fits and
the dock does not scroll; with a rival its seat list takes the room left."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from .helpers import congress_everywhere, open_window


def blocs_shown(qtbot, sc):
    w = open_window(qtbot, sc)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.conflict_dock.width() > 300)
    qtbot.wait(100)
    w.blocs.dock.raise_()
    qtbot.waitUntil(lambda: w.blocs.dock.width() > 300)
    QApplication.processEvents()
    return w, w.blocs.panel


def test_no_rival_the_note_fits_and_the_dock_does_not_scroll(qtbot):
    w, p = blocs_shown(qtbot, congress_everywhere())
    assert p.current() is None and p.empty.isVisible()
    area = w.blocs.dock.widget()
    assert not area.verticalScrollBar().isVisible() and not area.horizontalScrollBar().isVisible()
    assert not p.stack.isVisible() and not p.bar.isVisible()         # no seat list to show
    bottom = p.empty.mapTo(area.viewport(), p.empty.rect().bottomLeft()).y()
    assert bottom < area.viewport().height()                          # the note whole
    # a rival added: the buttons and the seats come back
    from explorer.gui.panels.blocs import RivalDialog
    dlg = RivalDialog(w)
    dlg.name.setText("NDA")
    dlg.partners.setText("BJP")
    assert p.add_rival(dialog=dlg)
    QApplication.processEvents()
    assert p.current().name == "NDA"
    assert p.stack.isVisible() and p.bar.isVisible() and not p.empty.isVisible()


def test_with_a_rival_the_seat_list_shows_whole_rows(qtbot):
    """Jharkhand, INDIA and NDA as they stood in 2024: the seat list of BJP (68 seats) is as tall
    as the whole rows that fit, three at least (it showed two: the deal group's height; the dock
    asks its group for the room, the advice group below giving it), no row cut by its bottom edge,
    and the dock does not scroll."""
    from explorer.core.bloc_presets import apply_bloc_preset, bloc_preset
    from explorer.core.dataset_io import load_embedded
    from explorer.core.scenario import Scenario
    ds = load_embedded("jharkhand")
    sc = Scenario(ds, name="two blocs")
    apply_bloc_preset(sc, bloc_preset(ds, "vs2024", tuple(x.code for x in sc.pools.partners)))
    w, p = blocs_shown(qtbot, sc)
    assert p.current().name == "NDA" and p.shown_bucket() == "BJP"
    lst = p.stack.currentWidget()
    grid = lst.gridSize().height()
    rows, spare = divmod(lst.viewport().height(), grid)
    assert rows >= p.SEAT_ROWS == 3 and spare == 0, (lst.viewport().height(), grid)
    area = w.blocs.dock.widget()
    assert not area.verticalScrollBar().isVisible()
    # another button's list: the same whole rows
    assert p.show_bucket("AJSU")
    QApplication.processEvents()
    assert p.stack.currentWidget().viewport().height() % grid == 0
