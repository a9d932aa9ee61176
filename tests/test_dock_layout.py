"""The docks in three groups, each tab one click away at 1366x768, and the arrangement
remembered (issue 26, item 7)."""
from __future__ import annotations

from PySide6.QtWidgets import QTabBar

from explorer.gui.dock_layout import GROUPS

from .helpers import congress_everywhere, open_window


def _tab_bars(w):
    return [b for b in w.findChildren(QTabBar) if b.parent() is w and b.isVisible() and b.count()]


def test_three_groups_every_tab_whole_in_one_row_at_1366x768(qtbot):
    w = open_window(qtbot, congress_everywhere())
    w.resize(1366, 740)
    w.show()
    qtbot.waitExposed(w)
    by_name = {d.objectName(): d for d in w.docks()}

    def grouped():
        return all({d.objectName() for d in w.tabifiedDockWidgets(by_name[names[0]])} == set(names[1:])
                   for _title, names in GROUPS)
    qtbot.waitUntil(grouped)
    # right after the grouping Qt may still show the tab bar the Walk-away dock had before it was
    # tabified (one tab), until its next layout pass hides it: the bars as they settle
    want = sorted(len(n) for _t, n in GROUPS)
    qtbot.waitUntil(lambda: sorted(b.count() for b in _tab_bars(w)) == want)
    bars = _tab_bars(w)
    for b in bars:
        # every title whole and the row without scroll buttons: one click reaches each dock
        assert sum(b.tabRect(i).width() for i in range(b.count())) <= b.width()
        for i in range(b.count()):
            assert b.fontMetrics().horizontalAdvance(b.tabText(i)) <= b.tabRect(i).width()
    # the groups are stacked, each with room for its panel, inside the window
    heads = sorted((by_name[n[0]] for _t, n in GROUPS), key=lambda d: d.y())
    assert [d.objectName() for d in heads] == [n[0] for _t, n in GROUPS]
    assert heads[-1].geometry().bottom() < w.statusBar().y()
    assert all(d.height() >= 100 for d in heads)


def test_the_arrangement_is_remembered_and_regrouped_from_the_view_menu(qtbot):
    w = open_window(qtbot, congress_everywhere())
    w.show()
    qtbot.waitExposed(w)
    w.analysis.walk_dock.setFloating(True)
    w.summary_dock.close()
    assert w.close()
    w2 = open_window(qtbot, congress_everywhere())
    assert w2.layout_restored
    assert w2.analysis.walk_dock.isFloating()
    assert not w2.summary_dock.isVisibleTo(w2) or w2.summary_dock.isHidden()
    act = next(a for a in w2.menuBar().actions() if a.text() == "&View").menu()
    arrange = next(a for a in act.actions() if a.text() == "Arrange docks in &groups")
    arrange.trigger()
    assert not w2.analysis.walk_dock.isFloating()
    assert w2.analysis.walk_dock in w2.tabifiedDockWidgets(w2.analysis.walk_dock) or \
        w2.analysis.frontier_dock in w2.tabifiedDockWidgets(w2.analysis.walk_dock)
    assert not w2.summary_dock.isHidden()


def test_the_view_menu_lists_the_docks_by_their_groups_blocs_with_the_deal(qtbot):
    """View: the deal (Conflicts, Rules, Assumptions, Blocs), the numbers (Map, Summary, Chart,
    Uncertainty), the advice (Walk-away, Frontier, Who contests), as the groups' tabs are ordered,
    then Arrange docks in groups last; Blocs was listed after Arrange (its controller comes after
    the menus)."""
    from explorer.gui.dock_layout import GROUPS
    w = open_window(qtbot, congress_everywhere())
    menu = next(a for a in w.menuBar().actions() if a.text() == "&View").menu()
    acts = menu.actions()
    sections = [a.text() for a in acts if a.isSeparator() and a.text()]
    assert sections == ["The deal", "The numbers", "The advice"]
    docks = {d.toggleViewAction(): d.objectName() for d in w.docks()}
    listed = [docks[a] for a in acts if a in docks]
    assert listed == [n for _t, names in GROUPS for n in names]
    assert listed[:4] == ["dock_conflicts", "dock_rules", "dock_assumptions", "dock_blocs"]
    assert acts[-1].text() == "Arrange docks in &groups"
    # under its group's title: Blocs comes before The numbers
    titles = [a.text() if a.isSeparator() else docks.get(a, a.text()) for a in acts]
    assert titles.index("dock_blocs") < titles.index("The numbers")
