"""The Frontier and Who-contests docks: their figures are the optimiser's, computed off the
GUI thread."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from explorer.core import optimise as O
from explorer.core import uncertainty as U
from explorer.gui.dialogs.optimise_dialog import Request
from explorer.gui.panels.common import AC_ROLE

from .helpers import congress_everywhere, open_window

KALAYAT = 16


def test_frontier_dock_matches_the_core(qtbot):
    w = open_window(qtbot, congress_everywhere())
    a = w.analysis
    a.request = Request(soft={"hooda-nominees": 0.0}, draws=1000)
    f = a.frontier
    f.partner.setCurrentText("AAP")
    f.lo.setValue(5)
    f.hi.setValue(7)
    f.compute()
    assert f.computing
    qtbot.waitUntil(lambda: not f.computing, timeout=60000)
    sc = congress_everywhere()
    params, _ = U.params_for(sc.dataset)
    want = O.Optimiser(sc.dataset, sc, params, 1000, soft={"hooda-nominees": 0.0}).frontier("AAP", range(5, 8))
    assert f.rows == want and [r["k"] for r in want] == [5, 6, 7]
    assert f.table.rowCount() == 3 and f.table.item(0, 1).text() == f"{want[0]['expected_alliance']:.2f}"
    assert "Soft rules (as in Optimise…): Hooda camp (INC) nominees: Jind, Pehowa, Kalayat." in f.note.text()


def test_who_contests_dock(qtbot, qtmodeltester):
    w = open_window(qtbot, congress_everywhere())
    who = w.analysis.who
    who.set_active(True)
    qtbot.waitUntil(lambda: not who.computing and who.model.rowCount() == 90, timeout=60000)
    m = who.model
    qtmodeltester.check(m, force_py=True)
    sc = congress_everywhere()
    params, _ = U.params_for(sc.dataset)
    P = O.Optimiser(sc.dataset, sc, params, O.DEFAULT_DRAWS).table.win_prob
    np.testing.assert_array_equal(m.P, P)
    assert m.columns == ["No.", "Constituency", "Pool", "Cost now", "Better", "P(win) better", "P(win) now",
                         "AAP alone", "INC alone", "Friendly fight"]
    i = sc.seats.index_of(KALAYAT)
    row = next(r for r in range(90) if m.index(r, 0).data(AC_ROLE) == KALAYAT)
    assert m.index(row, 7).data() == f"{P[0, i] * 100:.0f} %" and m.index(row, 8).data() == f"{P[1, i] * 100:.0f} %"
    assert m.index(row, 4).data() == ("AAP" if P[0, i] > P[1, i] else "INC")
    # the compact columns: the better partner's P(win) and the current pool's (INC's)
    assert m.index(row, 5).data() == f"{P[:2, i].max() * 100:.0f} %" and m.index(row, 6).data() == f"{P[1, i] * 100:.0f} %"
    cost = P[:2, i].max() - P[1, i]                       # Kalayat is with INC
    assert m.index(row, 3).data(Qt.UserRole + 1) == cost
    # sorted by the cost of the current assignment, dearest first
    costs = [who.proxy.index(r, 3).data(Qt.UserRole + 1) for r in range(90)]
    assert costs == sorted(costs, reverse=True)
    assert who.view.horizontalHeader().sortIndicatorSection() == 3
    w.doc.move([KALAYAT], "AAP")
    assert m.index(row, 2).data() == "AAP" and m.index(row, 3).data(Qt.UserRole + 1) == P[:2, i].max() - P[0, i]


def test_summary_partner_table_follows_every_move(qtbot, qtmodeltester):
    """Seats each partner contests, as a model: counted by hand from the split (Haryana,
    Congress everywhere, then four seats to AAP and two Contested)."""
    sc = congress_everywhere(pools={"AAP": [12, 14, 15, 16], "contested": [33, 34]})
    w = open_window(qtbot, sc)
    w.summary_dock.raise_()
    panel = w.summary_panel
    m = panel.partner_model
    qtmodeltester.check(m)

    def rows():
        return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]
    assert [r[:4] for r in rows()] == [["AAP", "4", "2", "6"], ["INC", "84", "2", "86"]]
    changed = []
    m.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    w.doc.move([20], "AAP")
    assert [r[:4] for r in rows()] == [["AAP", "5", "2", "7"], ["INC", "83", "2", "85"]]
    assert sorted(changed) == [(0, 0), (1, 1)]
    ev = w.doc.evaluation
    assert [r[4:] for r in rows()] == [[str(p.sc_alone), str(p.won)] for p in ev.partners]
    assert "1 unassigned" not in panel.contest.text() and "0 unassigned" in panel.contest.text()
    # the projected seats wrap only between parties: a swatch stays with its party and count
    proj = panel.projected.text()
    assert "■</span>&nbsp;BJP&nbsp;<b>" in proj and "■</span> " not in proj
    w.doc.move([21], "unassigned")
    assert "1 unassigned" in panel.contest.text()
    # a renamed partner: its row says so, the code column included
    changed.clear()
    w.partners.rename("AAP", "AAPX", w.doc.pools.partners[0].name)
    assert m.index(0, 0).data() == "AAPX" and (0, 0) in changed


def test_a_worker_never_sees_a_half_applied_move(qtbot, monkeypatch):
    """Drags while the frontier computes, many times: the job reads a snapshot taken when Compute
    was pressed, the same at every solve, whatever the strategist drops meanwhile. The worker is
    held after its first read until a three-seat drop has been applied on the GUI thread, so each
    round has a move in the middle of the job."""
    import threading

    from explorer.gui.mime import seats_mime
    w = open_window(qtbot, congress_everywhere())
    w.analysis.request = Request(draws=200)
    f = w.analysis.frontier
    f.partner.setCurrentText("AAP")
    f.lo.setValue(0)
    f.hi.setValue(2)
    boards = {p.model.pool_key: p.model for p in w.pool_panels}
    assert set(boards) >= {"AAP", "INC", "contested"}
    dropped = threading.Event()
    reads: list[list[bytes]] = []
    frontier = O.Optimiser.frontier

    def watched(self, partner, ks=None):
        seen = [self.sc.pool.tobytes()]
        reads.append(seen)
        assert dropped.wait(60)            # the GUI thread has moved three seats by now
        out = []
        for k in ks:
            out += frontier(self, partner, [k])
            seen.append(self.sc.pool.tobytes())
            seen.append(np.asarray(self.sc.pool).tobytes())
        return out
    monkeypatch.setattr(O.Optimiser, "frontier", watched)
    trio = [(1, 2, 3), (40, 41, 42), (70, 71, 72)]
    rounds = 12
    for n in range(rounds):
        dropped.clear()
        at_compute = w.doc.scenario.pool.tobytes()
        f.compute()
        assert f.computing
        seats = trio[n % 3]
        to = next(k for k in ("AAP", "contested", "INC") if k != w.doc.scenario.pool_of(seats[0]))
        assert boards[to].dropMimeData(seats_mime(list(seats)), Qt.DropAction.MoveAction, -1, -1,
                                       boards[to].index(-1))
        now = w.doc.scenario.pool.tobytes()
        dropped.set()
        qtbot.waitUntil(lambda: not f.computing, timeout=60000)
        assert len(reads) == n + 1
        assert now != at_compute                      # the drop moved seats while the job ran
        assert set(reads[-1]) == {at_compute}         # yet every read of the job saw the split at Compute
        assert len(reads[-1]) == 1 + 2 * 3            # the first read, then two after each of 3 solves
        assert [r["k"] for r in f.rows] == [0, 1, 2]
    assert w.doc.undo_stack.count() == rounds


def test_a_snapshot_is_frozen():
    """What a job is handed cannot be changed by the job, nor by later edits of the scenario."""
    sc = congress_everywhere()
    snap = sc.snapshot()
    before = snap.pool.copy()
    sc.assign([1, 2, 3], "AAP")
    np.testing.assert_array_equal(snap.pool, before)
    assert snap.pool_of(1) == "INC" and sc.pool_of(1) == "AAP"
    try:
        snap.pool[0] = 0
    except ValueError:
        pass
    else:
        raise AssertionError("a snapshot's pool array took a write")
    assert snap.fights == {} and snap.fight_masks() is None
    try:
        snap.fights[5] = ("AAP",)
    except TypeError:
        pass
    else:
        raise AssertionError("a snapshot's fights took a write")


def test_the_frontier_shown_is_the_scenario_in_fronts_and_its_range_is_around_the_partners_seats(qtbot):
    # computed in one tab, the frontier is not shown in another (it said Haryana's "Best at k = 8"
    # in the Tamil Nadu tab); back in the first tab it is there again. k runs from the partner's
    # seats less 10 to them plus 10 (at least to 20): AAP with 4 seats 0-20, INC with 86 76-90
    from explorer.gui.dialogs.optimise_dialog import Request
    sc = congress_everywhere(pools={"AAP": [12, 14, 15, 16]})
    w = open_window(qtbot, sc)
    a = w.analysis
    a.request = Request(soft={"hooda-nominees": 0.0}, draws=1000)
    f = a.frontier
    f.partner.setCurrentText("INC")
    assert (f.lo.value(), f.hi.value()) == (76, 90)
    f.partner.setCurrentText("AAP")
    assert (f.lo.value(), f.hi.value()) == (0, 20)
    f.lo.setValue(5)
    f.hi.setValue(6)
    f.compute()
    qtbot.waitUntil(lambda: not f.computing, timeout=60000)
    first, note = f.rows, f.note.text()
    assert [r["k"] for r in first] == [5, 6] and note.startswith("Best at k = ")
    w.workspace.add(congress_everywhere("Other"))
    assert f.rows == [] and f.table.rowCount() == 0 and f.note.text() == ""
    w.workspace.activate(w.workspace.docs[0])
    assert f.rows == first and f.note.text() == note and f.table.rowCount() == 2


@pytest.mark.parametrize("dataset", ["haryana", "jharkhand"])
def test_the_frontiers_controls_fit_the_docks_column_at_1366x768(qtbot, dataset):
    # in one row they were wider than the dock (a sideways scroll bar, Compute cut)
    from explorer.core.dataset_io import load_embedded
    from explorer.core.scenario import scenario_from_preset
    from explorer.gui.panels.common import enclosing_scroll_area
    ds = load_embedded(dataset)
    w = open_window(qtbot, scenario_from_preset(ds, list(ds.scenario_docs)[0]))
    w.show()
    w.analysis.frontier_dock.raise_()
    qtbot.waitUntil(lambda: w.analysis.frontier.isVisible())
    f = w.analysis.frontier
    area = enclosing_scroll_area(f)
    assert area is not None           # the dock scrolls: its panel as wide as its view, no wider
    qtbot.waitUntil(lambda: area.widget().width() <= area.viewport().width() and
                    not area.horizontalScrollBar().isVisible())
    assert f.minimumSizeHint().width() <= area.viewport().width()
    assert f.compute_btn.geometry().right() <= f.width()


@pytest.mark.parametrize("jharkhand", [False, True])
def test_who_contests_fits_the_dock_at_two_partners_with_one_scroll_bar(qtbot, jharkhand):
    """At 1366x740 in the advice group: the columns fit the dock's width (two-line headers,
    "AAP\nalone"; the Pool column shown when asked for, the seat's pool in the constituency's
    tooltip; the constituency takes the room left and is at least its longest word, so "Better"
    and the partners' P are not cut at the edge), the table scrolls its rows and the dock does
    not (one scroll bar), no row cut by the table's bottom edge. Jharkhand: its longest word in
    capitals, "CHAKRADHARPUR"."""
    from PySide6.QtWidgets import QApplication
    from explorer.gui.panels.who_contests import WhoContestsModel
    from explorer.gui.view_fit import column_need
    from .fit_checks import assert_columns_whole, assert_one_scroll_bar, assert_rows_whole
    if jharkhand:     # four partners: the constituency at its least, the table scrolls sideways
        from explorer.core.dataset_io import load_embedded
        from explorer.core.scenario import scenario_from_preset
        sc = scenario_from_preset(load_embedded("jharkhand"), "INDIA bloc 2024")
        sc.assign([28, 77], "contested")
    else:
        sc = congress_everywhere(pools={"contested": [33, 34]})
    w = open_window(qtbot, sc)
    w.show()
    qtbot.waitExposed(w)
    # in front once the docks' column is laid out (first_show raises each group's first dock)
    qtbot.waitUntil(lambda: w.analysis.walk_dock.width() > 300)
    qtbot.wait(100)
    w.analysis.who_dock.raise_()
    qtbot.waitUntil(lambda: w.analysis.who_dock.width() > 300)
    who = w.analysis.who
    who.set_active(True)
    qtbot.waitUntil(lambda: not who.computing and who.model.rowCount() == sc.seats.n, timeout=60000)
    QApplication.processEvents()
    v, m = who.view, who.model
    code = sc.pools.partners[0].code
    first = WhoContestsModel.C_PARTNERS
    assert m.headerData(first, Qt.Horizontal) == f"{code}\nalone" and m.headerData(3, Qt.Horizontal) == "Cost\nnow"
    fight = m.columnCount() - 1
    assert m.headerData(fight, Qt.Horizontal) == "Fight"
    assert "Friendly fight" in m.headerData(fight, Qt.Horizontal, Qt.ToolTipRole)
    assert m.headerData(first, Qt.Horizontal, Qt.ToolTipRole).startswith(f"{code} alone")
    fm = v.fontMetrics()
    longest = max((wd for a in sc.seats.ac_no for wd in sc.seats.name(a).split()), key=fm.horizontalAdvance)
    last = m.columnCount() - 1
    hh = v.horizontalHeader()
    assert hh.sortIndicatorSection() == WhoContestsModel.C_COST
    assert v.isColumnHidden(WhoContestsModel.C_POOL)
    C = WhoContestsModel
    shown = [c for c in range(m.columnCount()) if not v.isColumnHidden(c)]
    if jharkhand:
        # four partners: their columns do not fit; P(win) with the better partner and now in their stead,
        # every partner's P(win) in the tooltip
        assert who.compact and shown == [C.C_NAME, C.C_COST, C.C_BEST, C.C_P_BEST, C.C_P_NOW]   # "28 Name" in the tip
        tip = m.index(0, C.C_BEST).data(Qt.ToolTipRole)
        assert all(f"{p.code} " in tip for p in sc.pools.partners) and "(friendly fight)" in tip
        assert m.index(0, C.C_P_NOW).data(Qt.ToolTipRole) == tip
    else:
        assert not who.compact and shown == [C.C_NO, C.C_NAME, C.C_COST, C.C_BEST] + list(range(C.C_PARTNERS, last + 1))
    assert_columns_whole(v, {C.C_NAME: [longest]})
    # the constituency takes the room left: the last column ends at the viewport's edge
    assert hh.sectionViewportPosition(shown[-1]) + v.columnWidth(shown[-1]) == v.viewport().width()
    assert v.columnWidth(1) >= column_need(v, 1, [longest])
    assert v.verticalScrollBar().isVisible()
    assert_one_scroll_bar(v)
    assert_rows_whole(v)
    row = next(r for r in range(m.rowCount()) if m.index(r, 0).data(AC_ROLE) == (28 if jharkhand else 33))
    assert m.index(row, 1).data(Qt.ToolTipRole).endswith("pool Contested")
    # the column menu shows the Pool column again
    acts = {a.text(): a for a in who.column_menu().actions()}
    assert not acts["Pool"].isChecked() and acts["Better"].isChecked()
    acts["Pool"].setChecked(True)
    assert not v.isColumnHidden(WhoContestsModel.C_POOL)
    if jharkhand:     # a partner's column asked for shows, the table scrolling sideways for it
        acts[f"{code} alone"].setChecked(True)
        assert not v.isColumnHidden(C.C_PARTNERS) and v.isColumnHidden(C.C_PARTNERS + 1)
