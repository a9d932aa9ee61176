"""Small state bugs across tabs (issue 26, item 9): each data set keeps its own search and
filters (tabs on one data set share them); Compare… offers only deals on the data set in front; shipped data sets are listed by
name; closing the last tab leaves one headline, the new scenario's."""
from __future__ import annotations

from explorer.core.dataset_io import embedded_ids, embedded_name
from explorer.gui.dialogs.compare_dialog import CompareDialog

from .helpers import congress_everywhere, open_window


def test_the_search_stays_with_its_data_set(qtbot):
    w = open_window(qtbot, congress_everywhere())
    w.search.setText("jind")
    assert w.shown.text() == "1 of 90"
    assert w.files.open_dataset("embedded:jharkhand")
    assert w.search.text() == "" and w.shown.text() == "81 seats" and w.proxy.rowCount() == 81
    w.district_filter.setCurrentIndex(1)
    jh_district = w.district_filter.currentData()
    w.workspace.activate(w.workspace.docs[0])            # back to Haryana: its own search again
    assert w.search.text() == "jind" and w.shown.text() == "1 of 90" and w.district_filter.currentIndex() == 0
    w.workspace.activate(w.workspace.docs[1])
    assert w.search.text() == "" and w.district_filter.currentData() == jh_district


def test_compare_offers_the_deals_of_the_data_set_in_front(qtbot):
    w = open_window(qtbot, congress_everywhere())
    w.files.duplicate()
    assert w.files.open_dataset("embedded:jharkhand")
    w.files.duplicate()
    assert [d.dataset.id for d in w.workspace.docs] == ["haryana", "haryana", "jharkhand", "jharkhand"]
    dlg = CompareDialog(w)
    qtbot.addWidget(dlg)
    offered = [dlg.a.itemData(i) for i in range(dlg.a.count())]
    assert len(offered) == 2 and all(d.dataset.id == "jharkhand" for d in offered)
    assert dlg.a.currentData() is not dlg.b.currentData()


def test_shipped_data_sets_are_listed_by_name(qtbot):
    assert embedded_name("jharkhand") == "Jharkhand Vidhan Sabha (81 seats)"
    w = open_window(qtbot, congress_everywhere())
    file_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&File")
    shipped = next(a.menu() for a in file_menu.actions() if a.text() == "Open s&hipped data set")
    assert [a.text() for a in shipped.actions()] == [embedded_name(i) for i in embedded_ids()]
    assert "Haryana Vidhan Sabha" in shipped.actions()[0].text()


def test_closing_the_last_tab_leaves_one_headline(qtbot):
    w = open_window(qtbot, congress_everywhere())
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.analysis.live.figures is not None and not w.analysis.live.stale, timeout=20000)
    assert w.files.close_doc(w.doc)
    assert len(w.workspace.docs) == 1 and w.doc.scenario.name != "Test"
    v = w.doc.evaluation.verdict
    qtbot.waitUntil(lambda: w.analysis.live.figures is not None and not w.analysis.live.stale, timeout=20000)
    from explorer.core.uncertainty import alliance_headline
    h = alliance_headline(w.analysis.live.figures.summary, v.alliance, w.doc.pools.n_partners)
    assert f">{h.seats}</span>" in w.scoreboard.alliance.value.text()
    assert w.scoreboard.alliance.note.text() == f"leads in {v.alliance}"
    assert w.status.text().startswith(f"Majority 46 of 90 · alliance {h.seats} expected (80 %:")
    # one alliance tile, one chance tile, no label left from the closed scenario
    from explorer.gui.panels.scoreboard import Tile
    tiles = [t for t in w.scoreboard.findChildren(Tile) if t.isVisible()]
    assert [t.caption.text() for t in tiles].count("P(majority)") == 1
    assert sum(t.caption.text().startswith("Alliance") for t in tiles) == 1
