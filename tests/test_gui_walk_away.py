"""The Walk-away dock: each partner's expected seats and P(majority) in the alliance and going
alone, for the current split and the optimiser's proposal; the core's figures, computed off the
GUI thread."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from explorer.core import optimise as O
from explorer.core import uncertainty as U
from explorer.core.engine import Engine

from .helpers import congress_everywhere, open_window

KALAYAT = 16


def wait(qtbot, panel):
    qtbot.waitUntil(lambda: not panel.computing and not panel.model.stale and panel.model.rowCount() > 0,
                    timeout=60000)


def shown_in_front(qtbot, w):
    """The window shown, its Walk-away dock in front and its figures landed and laid out."""
    from PySide6.QtWidgets import QApplication
    w.show()
    qtbot.waitExposed(w)
    w.analysis.walk_dock.raise_()
    panel = w.analysis.walk
    wait(qtbot, panel)
    QApplication.processEvents()
    return panel


def assert_current_rows_are_a_fresh_simulators(w, model, sc, params, s) -> None:
    """The dock's current rows equal walk_away on a fresh simulator of the window's split, to the
    last digit (``s``: the live settings, draws and seed)."""
    fresh = O.walk_away(U.Simulator(w.doc.evaluation.projector, sc.dataset, params, s.draws, s.seed), sc.pools,
                        w.doc.scenario.pool, sc.dataset.majority)
    for code, f in fresh.items():
        r = model.row("current", code)
        assert (r[2], r[3], r[5], r[6], r[7]) == (f["alliance"], f["alone"], f["p_majority_alliance"],
                                                  f["p_majority_alone"], f["verdict"])


def test_walk_away_dock_current_split_and_proposal(qtbot, qtmodeltester):
    w = open_window(qtbot, congress_everywhere())
    a = w.analysis
    assert a.walk_dock in w.docks() and a.walk_dock.objectName() == "dock_walk_away"
    panel = a.walk
    assert panel.model.rowCount() == 0          # nothing computed while the dock is hidden
    panel.set_active(True)
    assert panel.computing                      # on another thread
    wait(qtbot, panel)
    m = panel.model
    qtmodeltester.check(m, force_py=True)
    assert m.rowCount() == 2
    # checked against the optimiser's per-seat P on the same draws: with every seat INC's, INC's
    # seats in the alliance are the sum of P(alliance wins) with INC alone; AAP fields nowhere
    sc = congress_everywhere()
    params, _ = U.params_for(sc.dataset)
    s = a.live.settings
    opt = O.Optimiser(sc.dataset, sc, params, s.draws, s.seed)
    inc, aap = m.row("current", "INC"), m.row("current", "AAP")
    assert inc[2] == pytest.approx(opt.table.win_prob[1].sum(), abs=6e-4) and aap[2] == 0.0
    # going alone: every seat contested by both, each partner's own P(win) summed
    sim = U.Simulator(Engine(sc.dataset).projector(sc.pools, sc.assumptions), sc.dataset, params, s.draws, s.seed)
    apart = sim.run(np.full(90, sc.pools.contested), sc.dataset.majority)
    assert inc[3] == pytest.approx(apart.p_win[:, 1].sum(), abs=6e-4)
    assert aap[3] == pytest.approx(apart.p_win[:, 0].sum(), abs=6e-4) and aap[3] > 0
    assert aap[7] == "no" and m.index(0, 7).data() == "no"              # AAP gains nothing with no seat
    assert inc[4] == round(inc[2] - inc[3], 3) and inc[7] == ("yes" if inc[2] > inc[3] else "no")
    assert m.index(1, 2).data() == f"{inc[2]:.1f}" and m.index(1, 5).data() == f"{inc[5] * 100:.1f} %"
    assert m.index(1, 4).data() == f"{inc[4]:+.2f}" and m.index(1, 0).data() == "current"
    assert panel.note.text().startswith("The current split is worth it to " if inc[7] == "yes" else "The current split is worth it to no")
    # the optimiser's proposal: Kalayat to AAP; AAP's seats in the alliance are P(AAP wins Kalayat alone)
    i = sc.seats.index_of(KALAYAT)
    prop = sc.pool.astype(np.int64).copy()
    prop[i] = 0
    panel.set_proposal(prop)
    wait(qtbot, panel)
    assert m.rowCount() == 4
    assert m.row("proposal", "AAP")[2] == pytest.approx(opt.table.win_prob[0, i], abs=6e-4)
    assert m.row("proposal", "AAP")[3] == aap[3]                          # going alone does not change
    assert m.row("current", "INC") == inc
    # a move: the current rows come with the live figures (their summary and going alone kept),
    # in the same update, no job, never greyed; one change of the model, none after
    jobs, followed, heard, greyed = panel._token, panel.followed, [], []
    m.dataChanged.connect(lambda *_: heard.append("changed"))
    m.modelReset.connect(lambda: heard.append("reset"))
    set_stale = m.set_stale
    m.set_stale = lambda on: (greyed.append(on) if on else None, set_stale(on))[1]
    w.doc.move([KALAYAT], "AAP")
    assert not m.stale and not panel.busy and panel.followed == followed + 1 and len(heard) == 1
    qtbot.wait(200)
    assert panel._token == jobs and len(heard) == 1 and True not in greyed
    assert m.row("current", "AAP")[2] == m.row("proposal", "AAP")[2]
    # its figures are a fresh simulator's, to the last digit
    assert_current_rows_are_a_fresh_simulators(w, m, sc, params, s)


def test_the_dialog_hands_its_proposal_to_the_dock(qtbot):
    w = open_window(qtbot, congress_everywhere())
    a = w.analysis
    d = a.make_dialog()
    qtbot.addWidget(d)
    d.set_soft("hooda-nominees")
    d.draws.setValue(1000)
    a.walk.set_active(True)
    d.run()
    qtbot.waitUntil(lambda: not d.running, timeout=60000)
    np.testing.assert_array_equal(a.walk.proposal, d.result.pools)
    wait(qtbot, a.walk)
    qtbot.waitUntil(lambda: a.walk.model.rowCount() == 4 and not a.walk.computing, timeout=60000)
    want = O.walk_away(U.Simulator(w.doc.evaluation.projector, w.doc.dataset,
                                   U.params_for(w.doc.dataset, a.live.settings.level)[0], a.live.settings.draws,
                                   a.live.settings.seed), w.doc.pools, d.result.pools, w.doc.dataset.majority)
    for code, f in want.items():
        r = a.walk.model.row("proposal", code)
        assert (r[2], r[3], r[5], r[6], r[7]) == (f["alliance"], f["alone"], f["p_majority_alliance"],
                                                  f["p_majority_alone"], f["verdict"])


def test_new_figures_for_the_same_partners_change_only_the_rows_whose_text_changed(qtbot):
    """A move brings new walk-away figures for the same two partners: INC's expected seats go
    from 12.0 to 12.001 (still "12.0", its gain still "-3.00": nothing repainted), then AAP's from 30.0 to 31.0 (its row
    changed, alone); a third partner's row is another table (a reset)."""
    from explorer.gui.panels.walk_away import WalkAwayModel

    def fig(aap, inc, extra=False):
        w = {"AAP": {"alliance": aap, "alone": 20.0, "p_majority_alliance": 0.5, "p_majority_alone": 0.1,
                     "worth_it": True},
             "INC": {"alliance": inc, "alone": 15.0, "p_majority_alliance": 0.5, "p_majority_alone": 0.2,
                     "worth_it": False}}
        if extra:
            w["JJP"] = dict(w["INC"])
        return {"current": w}
    m = WalkAwayModel()
    m.set_figures(fig(30.0, 12.0))
    heard = []
    m.dataChanged.connect(lambda a, b, *_: heard.append(("changed", a.row(), b.row())))
    m.modelReset.connect(lambda: heard.append(("reset",)))
    m.set_figures(fig(30.0, 12.001))
    assert heard == []
    assert m.row("current", "INC")[2] == 12.001      # the figure kept, shown as before
    m.set_figures(fig(31.0, 12.001))
    assert heard == [("changed", 0, 0)]
    assert m.index(0, WalkAwayModel.C_ALLIANCE).data() == "31.0"
    m.set_figures(fig(31.0, 12.001, extra=True))
    assert heard[-1] == ("reset",) and m.rowCount() == 3


def test_moves_in_a_row_start_one_job_and_none_for_the_split_shown(qtbot):
    """Without the live figures to follow (``live`` None: each job its own simulator), three moves
    in a row start one job, for the last split, once they pause; a move and its undo start none
    (the figures shown are that split's); showing the dock again starts none either. With them,
    the three moves start none: each lands with the live figures."""
    w = open_window(qtbot, congress_everywhere())
    panel = w.analysis.walk
    panel.set_active(True)
    wait(qtbot, panel)
    jobs = panel._token
    for seat in (KALAYAT, 14, 15):
        w.doc.move([seat], "AAP")
        assert not panel.model.stale and not panel.busy and panel._token == jobs
    w.doc.undo_stack.undo()
    w.doc.undo_stack.undo()
    w.doc.undo_stack.undo()
    assert not panel.model.stale and panel._token == jobs and panel.followed == 6
    panel.live = None
    panel.AFTER_PAINT_MS = 600                      # a wait no loaded machine outruns between moves
    for seat in (KALAYAT, 14, 15):
        w.doc.move([seat], "AAP")
        assert panel.model.stale and panel.busy and not panel.computing and panel._token == jobs
    wait(qtbot, panel)
    assert panel._token == jobs + 1
    assert panel.model.row("current", "AAP")[2] > 0                   # the last split's: AAP has seats
    w.doc.move([36], "AAP")
    assert panel.model.stale and panel.busy
    w.doc.undo_stack.undo()                        # back to the split shown before the wait ends
    assert not panel.model.stale and not panel.busy and panel._token == jobs + 1
    panel.set_active(False)
    panel.set_active(True)
    assert not panel.busy and panel._token == jobs + 1


def test_columns_are_sized_when_their_widths_change_only_and_every_label_is_whole(qtbot):
    """The columns are sized to their contents for the first figures and when a figure gains a
    digit or a split comes in, not for a move that changes no width (sizing reads every cell).
    The headers are short, their tooltips whole; the partner's P(majority) going alone is hidden
    until asked for in the header's menu."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QHeaderView
    from explorer.gui.panels.walk_away import WalkAwayModel
    w = open_window(qtbot, congress_everywhere())
    panel = w.analysis.walk
    sized = []             # one entry a sizing: every column, or those whose widths changed
    fit, fit_one = panel.view.resizeColumnsToContents, panel.view.resizeColumnToContents

    def one(c):
        if not sized or sized[-1] != panel.model.widths():
            sized.append(panel.model.widths())
        fit_one(c)
    panel.view.resizeColumnsToContents = lambda: (sized.append(panel.model.widths()), fit())
    panel.view.resizeColumnToContents = one
    hh = panel.view.horizontalHeader()
    assert all(hh.sectionResizeMode(c) == QHeaderView.ResizeMode.Interactive for c in range(8))
    panel.set_active(True)
    wait(qtbot, panel)
    assert len(sized) == 1
    before = panel.model.widths()
    w.doc.move([KALAYAT], "AAP")
    wait(qtbot, panel)
    assert len(sized) == (1 if panel.model.widths() == before else 2)
    n = len(sized)
    prop = w.doc.scenario.pool.astype(np.int64).copy()
    prop[w.doc.dataset.seats.index_of(15)] = 0
    panel.set_proposal(prop)                       # "proposal" is wider than "current"
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4 and not panel.busy, timeout=60000)
    assert len(sized) == n + 1
    m = panel.model
    assert [m.headerData(c, Qt.Orientation.Horizontal) for c in range(8)] == \
        ["Split", "Partner", "Allied", "Alone", "Gain", "P(maj.)", "P alone", "Worth?"]
    assert "going alone" in m.headerData(WalkAwayModel.C_PM_ALONE, Qt.Orientation.Horizontal, Qt.ToolTipRole)
    assert panel.view.isColumnHidden(WalkAwayModel.C_PM_ALONE)
    menu = panel.column_menu()
    acts = {a.text(): a for a in menu.actions()}
    assert list(acts) == ["Split", "Allied seats", "Seats alone", "Gain", "P(majority) allied",
                          "P(majority) alone", "Worth it?"]
    assert not acts["P(majority) alone"].isChecked() and acts["Gain"].isChecked()
    acts["P(majority) alone"].setChecked(True)
    assert not panel.view.isColumnHidden(WalkAwayModel.C_PM_ALONE) and panel.view.columnWidth(6) > 0
    assert panel.column_menu().actions()[5].isChecked()


def test_new_figures_and_their_fresh_mark_are_one_change():
    """Figures arriving for a greyed table: one dataChanged over every row, once (not one for the
    figures and another for the mark)."""
    from explorer.gui.panels.walk_away import WalkAwayModel
    w = {c: {"alliance": 3.0, "alone": 2.0, "p_majority_alliance": 0.5, "p_majority_alone": 0.1, "worth_it": True}
         for c in ("AAP", "INC", "JJP")}
    m = WalkAwayModel()
    m.set_figures({"current": w})
    m.set_stale(True)
    heard = []
    m.dataChanged.connect(lambda a, b, *_: heard.append((a.row(), b.row(), a.column(), b.column())))
    m.set_figures({"current": w | {"INC": w["AAP"] | {"alliance": 4.0}}}, stale=False)
    assert heard == [(0, 2, 0, 7)] and not m.stale and m.index(1, 2).data() == "4.0"


def test_a_job_waits_for_the_live_simulation_and_forks_its_simulator(qtbot, monkeypatch):
    """Shown while the window's first simulation runs, the dock's job waits for it (one simulation
    at a time, the window's figures first) and then works on a fork of the live simulator: its
    prepared tables the same arrays, no second Simulator made; its figures a fresh simulator's."""
    made = []
    init = U.Simulator.__init__

    def counting(self, *a, **k):
        made.append(self)
        init(self, *a, **k)
    monkeypatch.setattr(U.Simulator, "__init__", counting)
    w = open_window(qtbot, congress_everywhere())
    a = w.analysis
    panel = a.walk
    launched = []       # each launch: had the live figures landed?
    launch = panel._launch
    panel._launch = lambda: (launched.append(a.live.figures is not None and not a.live.figures.stale), launch())
    assert a.live.coming and a.live.sim is None
    panel.set_active(True)
    assert panel.computing and panel.busy and panel._waiting      # waiting, no job of its own yet
    wait(qtbot, panel)
    assert launched == [False, True]          # asked, waited, launched once the live figures landed
    assert len(made) == 1 and made[0] is a.live.sim                     # the live's simulator only
    sim = panel._sim
    assert sim is not a.live.sim and sim.slot is a.live.sim.slot and sim.add_draws is not None
    assert sim.bank is a.live.sim.bank and sim._winners is not a.live.sim._winners
    sc = congress_everywhere()
    params, _ = U.params_for(sc.dataset)
    s = a.live.settings
    monkeypatch.setattr(U.Simulator, "__init__", init)
    assert_current_rows_are_a_fresh_simulators(w, panel.model, sc, params, s)
    # a move: the fork moves, the live simulator's split is its own
    w.doc.move([KALAYAT], "AAP")
    wait(qtbot, panel)
    assert len(made) == 1 and panel._sim is sim
    assert a.live.figures.summary.p_alliance.tolist() != [] and panel.model.row("current", "AAP")[2] > 0


def test_many_seats_moved_draw_the_split_again_in_full(qtbot, monkeypatch):
    """Past REDRAW_SEATS moved seats the dock's simulator draws the split again (one run) rather
    than moving seat by seat; a move of fewer moves; the figures are a fresh simulator's either way."""
    w = open_window(qtbot, congress_everywhere())
    panel = w.analysis.walk
    panel.set_active(True)
    wait(qtbot, panel)
    runs, moves = [], []
    run, move = U.Simulator.run, U.Simulator.move
    monkeypatch.setattr(U.Simulator, "run", lambda self, *a, **k: (runs.append(self), run(self, *a, **k))[1])
    monkeypatch.setattr(U.Simulator, "move", lambda self, *a, **k: (moves.append(self), move(self, *a, **k))[1])
    panel.REDRAW_SEATS = 3
    panel.live = None             # the job's path (the live figures followed: no job for a move)
    sim = panel._sim
    w.doc.move([KALAYAT, 14, 15, 36, 1], "AAP")
    wait(qtbot, panel)
    assert runs == [sim] and sim in moves              # drawn in full, then walk_away's move finds nothing to move
    w.doc.move([2], "AAP")
    wait(qtbot, panel)
    assert runs == [sim]                               # one seat: moved
    sc, s = congress_everywhere(), w.analysis.live.settings
    params, _ = U.params_for(sc.dataset)
    assert_current_rows_are_a_fresh_simulators(w, panel.model, sc, params, s)


def test_the_majority_columns_never_read_100_percent_short_of_certainty(qtbot):
    """P(majority) 0.9996 in the Walk-away dock reads "> 99.9 %", not "100.0 %"; 0.0004 "< 0.1 %"."""
    from explorer.gui.panels.walk_away import WalkAwayModel
    m = WalkAwayModel()
    figs = {"AAP": {"alliance": 4.2, "alone": 1.0, "p_majority_alliance": 0.9996, "p_majority_alone": 0.0004,
                    "worth_it": True}}
    m.set_figures({"current": figs})
    texts = [m.data(m.index(0, c), Qt.ItemDataRole.DisplayRole) for c in range(m.columnCount())]
    assert texts[m.C_PM_ALLIANCE] == "> 99.9 %" and texts[m.C_PM_ALONE] == "< 0.1 %"


def test_eight_partners_at_1366x768_every_header_and_row_whole_in_the_dock(qtbot):
    """Jharkhand's INDIA bloc with JLKM, AJSU, BJP and JD(U) added (the README's eight partners):
    eight rows do not fit the advice group's height at 1366x768. The table scrolls its own rows
    (the dock does not: one scroll bar), as tall as the whole rows that fit, and its columns fit
    the viewport beside its bar ('Worth?' once cut to 'Wort'): every shown header, cell and row
    is whole, with the optimiser's proposal too (sixteen rows, 'proposal' wider than 'current')."""
    from PySide6.QtWidgets import QApplication
    from explorer.core.dataset_io import load_embedded
    from explorer.core.pools import Partner
    from explorer.core.scenario import Scenario, scenario_from_preset
    from .fit_checks import assert_columns_whole, assert_one_scroll_bar, assert_rows_whole
    ds = load_embedded("jharkhand")
    sc4 = scenario_from_preset(ds, "INDIA bloc 2024")
    extra = tuple(Partner(c, c, col) for c, col in (("JLKM", "#E91E63"), ("AJSU", "#FF7043"), ("BJP", "#F28C28"),
                                                     ("JD(U)", "#00897B")))
    sc = Scenario(ds, sc4.pools.partners + extra, name="INDIA bloc + 4")
    sc.assign_all("JMM")
    w = open_window(qtbot, sc)
    w.resize(1366, 768)
    panel = shown_in_front(qtbot, w)
    view, m = panel.view, panel.model

    def check(rows):
        assert m.rowCount() == rows
        assert view.verticalScrollBar().isVisible()       # taller than the group's share: the table scrolls
        assert_one_scroll_bar(view)
        shown = [c for c in range(m.columnCount()) if not view.isColumnHidden(c)]
        assert m.headerData(shown[-1], Qt.Orientation.Horizontal) == "Worth?"
        assert_columns_whole(view)
        assert_rows_whole(view)
    check(8)
    prop = w.doc.scenario.pool.astype(np.int64).copy()
    prop[:10] = 1                                    # the first ten seats to INC
    panel.set_proposal(prop)
    qtbot.waitUntil(lambda: m.rowCount() == 16 and not panel.busy, timeout=60000)
    QApplication.processEvents()
    check(16)


def test_two_partners_no_empty_rows_and_no_half_row_with_a_proposal(qtbot):
    """Haryana at 1366x740: the current split's two rows end the table (no empty white rows
    below, the dock does not scroll into blank space); with a proposal (four rows) the rows that
    fit are whole, the fourth scrolled to inside the table, not half under the dock's tab bar."""
    from PySide6.QtWidgets import QApplication
    from .fit_checks import assert_columns_whole, assert_one_scroll_bar, assert_rows_whole
    w = open_window(qtbot, congress_everywhere())
    panel = shown_in_front(qtbot, w)
    view = panel.view
    assert panel.model.rowCount() == 2 and view.verticalScrollBar().maximum() == 0
    assert_rows_whole(view)                     # the table ends with its second row
    assert_one_scroll_bar(view)
    assert_columns_whole(view)
    prop = w.doc.scenario.pool.astype(np.int64).copy()
    prop[KALAYAT - 1] = 0
    panel.set_proposal(prop)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4 and not panel.busy, timeout=60000)
    QApplication.processEvents()
    assert_rows_whole(view)
    assert_one_scroll_bar(view)
    assert_columns_whole(view)


def test_memory_is_handed_back_when_a_job_lands_not_after_each_move(qtbot, monkeypatch):
    """malloc_trim (a few ms at 4,100 seats) after a walk-away job, whose temporaries were freed on
    its thread; a move followed with the live figures makes none, so it hands back nothing."""
    from explorer.gui import live_uncertainty as L
    calls = []
    monkeypatch.setattr(L, "_LIBC", [calls.append])
    w = open_window(qtbot, congress_everywhere())
    panel = w.analysis.walk
    panel.set_active(True)
    wait(qtbot, panel)
    qtbot.waitUntil(lambda: not w.analysis.live.busy, timeout=20000)
    landed = len(calls)
    assert landed >= 1
    followed = panel.followed
    for seat in (KALAYAT, 14, 15):
        w.doc.move([seat], "AAP")
    assert panel.followed == followed + 3 and len(calls) == landed
