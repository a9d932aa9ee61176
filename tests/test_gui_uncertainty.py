"""The uncertainty in the window: the scoreboard's range, the table's P(win) column, the map's
win-probability mode, the Uncertainty dock, and the worker that recomputes off the GUI thread."""
from __future__ import annotations


import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from explorer.core import uncertainty as U
from explorer.core.engine import Engine
from explorer.core.mapstyle import NO_FIGURE, map_style, p_win_colour
from explorer.gui.panels.common import AC_ROLE, SORT_ROLE
from explorer.gui.panels.seat_table import SeatTableModel
from explorer.gui.live_uncertainty import Settings

from .helpers import congress_everywhere, open_window

JIND, PEHOWA, KALAYAT = 36, 14, 16


def core_summary(sc, level="fitted", draws=U.DEFAULT_DRAWS):
    """The figures straight from the core, as the CLI computes them."""
    ev = Engine(sc.dataset).evaluate(sc)
    params, _ = U.params_for(sc.dataset, level)
    sim = U.Simulator(ev.projector, sc.dataset, params, draws)
    return ev, sim.run(sc.pool.astype(np.int64), sc.dataset.majority)


def ready(qtbot, w):
    live = w.analysis.live
    qtbot.waitUntil(lambda: live.figures is not None and not live.stale, timeout=20000)
    return live


def test_scoreboard_shows_the_range_and_p_majority(qtbot):
    w = open_window(qtbot, congress_everywhere())
    ready(qtbot, w)
    ev, s = core_summary(congress_everywhere())
    med, lo, hi = s.interval(s.alliance_seats)
    o = U.majority_outlook(s.p_majority)
    h = U.alliance_headline(s, ev.verdict.alliance, 2)
    # the model's point (the expected seats), its 80 % range, the count it leads in named as such,
    # and P(majority) in words, each whole in its tile
    assert h.seats == round(float(s.alliance_seats.mean()))
    assert f">{h.seats}</span>" in w.scoreboard.alliance.value.text() and w.scoreboard.point == h.seats
    assert w.scoreboard.alliance.value.text().endswith(f" ({lo}–{hi})</span>")
    assert w.scoreboard.alliance.note.text() == "leads in 32"
    assert f">{o.percent}</span>" in w.scoreboard.uncertainty.text() and o.words in w.scoreboard.uncertainty.text()
    # Congress everywhere on 2019: leads in 32, a wide range, a small P(majority)
    assert ev.verdict.alliance == 32 and lo < 32 < hi and s.p_majority < 0.5
    assert f"median {med}" in w.scoreboard.chance.toolTip()
    assert (f"alliance {h.seats} expected (80 %: {lo}–{hi}), P(majority) {o.percent} ({o.words}), leads in 32"
            in w.status.text())
    assert (f"Alliance {h.seats} expected (80 %: {lo}–{hi}, median {med}) · P(majority of 46) {o.percent} · "
            f"leads in 32 · " in w.analysis.panel.headline.text())


def test_a_move_updates_the_moved_seats_to_the_full_recompute(qtbot):
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    jobs = live.jobs_done
    w.doc.move([KALAYAT, JIND], "AAP")
    assert live.jobs_done == jobs and not live.stale      # no recompute: the moved seats only
    _, s = core_summary(congress_everywhere(pools={"AAP": [KALAYAT, JIND]}))
    np.testing.assert_array_equal(live.figures.p_alliance, s.p_alliance)   # common random numbers
    assert live.figures.p_majority == s.p_majority
    i = w.doc.dataset.seats.index_of(JIND)
    row = next(r for r in range(w.seat_model.rowCount()) if w.seat_model.ac_no(r) == JIND)
    assert w.seat_model.index(row, SeatTableModel.C_PWIN).data() == f"{s.p_alliance[i] * 100:.0f} %"


def test_p_win_column_sorts_the_closest_seats_first(qtbot):
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    w.table.sortByColumn(SeatTableModel.C_PWIN, Qt.AscendingOrder)
    p = live.figures.p_alliance
    seats = w.doc.dataset.seats
    order = [w.proxy.index(r, 0).data(AC_ROLE) for r in range(w.proxy.rowCount())]
    dist = [abs(p[seats.index_of(a)] - 0.5) for a in order]
    assert dist == sorted(dist) and len(order) == 90
    assert dist[0] == min(abs(p - 0.5))        # the most marginal seat on top
    top = w.proxy.index(0, SeatTableModel.C_PWIN)
    assert top.data() == f"{p[seats.index_of(order[0])] * 100:.0f} %"
    assert w.proxy.index(89, SeatTableModel.C_PWIN).data(SORT_ROLE) >= top.data(SORT_ROLE)


def test_win_probability_map_colours():
    assert p_win_colour(0.0) == "#B2182B" and p_win_colour(0.5) == "#F7F7F7" and p_win_colour(1.0) == "#1B7837"
    # P 0.625 is +5 on the margin scale: halfway between white (247,247,247) and (127,191,123): (187,219,185)
    assert p_win_colour(0.625) == "#BBDBB9"
    sc = congress_everywhere()
    ev = Engine(sc.dataset).evaluate(sc)
    p = np.linspace(0.0, 1.0, sc.seats.n)
    st = map_style("p_win", sc, ev, p)
    assert st.fill[0] == "#B2182B" and st.fill[-1] == "#1B7837"
    assert [label for label, _c, _h in st.legend] == ["0 %", "10 %", "25 %", "50 %", "75 %", "90 %", "100 %"]
    grey = map_style("p_win", sc, ev, None)
    assert set(grey.fill) == {NO_FIGURE} and "computing" in grey.title


def test_map_in_win_probability_mode_follows_the_figures(qtbot):
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    w.map_panel.set_mode("p_win")
    i = w.doc.dataset.seats.index_of(JIND)
    assert w.map_panel.items[JIND].fill.name().upper() == p_win_colour(live.figures.p_alliance[i])
    w.doc.move([JIND], "AAP")
    assert w.map_panel.items[JIND].fill.name().upper() == p_win_colour(live.figures.p_alliance[i])


def test_an_assumption_change_recomputes_off_the_gui_thread_stale_meanwhile(qtbot):
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    before = live.figures.p_majority
    a = w.doc.scenario.assumptions
    w.doc.set_assumptions(a.with_transfer("AAP", "INC", 1.0).with_baseline("ls2024"), "to ls2024")
    # the call returned before the new figures: they are computed on another thread, started
    # once the window has painted the change (not competing with that paint)
    assert live.stale and live.coming and not live.busy
    assert w.scoreboard.uncertainty.text().endswith(" · updating…</span>") and "(updating…)" in w.status.text()
    assert w.analysis.panel.state.text() == "updating…"
    assert w.seat_model.index(0, SeatTableModel.C_PWIN).data(Qt.ForegroundRole).color().name() == "#999999"
    qtbot.waitUntil(lambda: not live.stale, timeout=20000)
    sc = congress_everywhere()
    sc.set_assumptions(a.with_transfer("AAP", "INC", 1.0).with_baseline("ls2024"))
    ev, s = core_summary(sc)
    assert live.figures.p_majority == s.p_majority != before
    med, lo, hi = s.interval(s.alliance_seats)
    assert f"({lo}–{hi})" in w.scoreboard.alliance.value.text()
    assert f">{U.majority_outlook(s.p_majority).percent}</span>" in w.scoreboard.uncertainty.text()
    assert "updating" not in w.scoreboard.uncertainty.text() and w.analysis.panel.state.text() == ""


def test_level_and_draws_in_the_dock(qtbot):
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    panel = w.analysis.panel
    panel.draws.setValue(2000)
    panel.level.setCurrentIndex(panel.level.findData("low"))
    assert live.settings == Settings("low", 2000)
    qtbot.waitUntil(lambda: not live.stale and live.figures.summary.draws == 2000, timeout=20000)
    _, s = core_summary(congress_everywhere(), "low", 2000)
    np.testing.assert_array_equal(live.figures.summary.alliance_seats, s.alliance_seats)


def test_tipping_model(qtbot, qtmodeltester):
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    m = w.analysis.panel.tipping_model
    qtmodeltester.check(m, force_py=True)
    want = live.figures.tipping(12)
    assert [m.index(r, 0).data(AC_ROLE) for r in range(m.rowCount())] == want and want
    w.doc.move([KALAYAT, PEHOWA], "AAP")
    assert [m.index(r, 0).data(AC_ROLE) for r in range(m.rowCount())] == live.figures.tipping(12)


def test_a_move_of_every_seat_recomputes_off_the_gui_thread(qtbot):
    """A move past the GUI thread's budget (here 24 seats' draws: assign all, 90 seats, is a full
    simulation) shows the last figures as updating and gets the new ones from the worker."""
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    live.MOVE_SEAT_DRAWS = 24 * live.settings.draws
    jobs = live.jobs_done
    w.doc.move(w.doc.dataset.seats.ac_no.tolist(), "AAP")
    assert live.stale and "updating" in w.scoreboard.uncertainty.text()
    qtbot.waitUntil(lambda: live.jobs_done > jobs and not live.stale, timeout=20000)
    sc = congress_everywhere()
    sc.assign_all("AAP")
    _, s = core_summary(sc)
    np.testing.assert_array_equal(live.figures.p_alliance, s.p_alliance)
    assert live.figures.p_majority == s.p_majority


def test_a_drop_of_90_seats_lands_with_its_paint(qtbot):
    """Within the budget (90 seats' draws at 10,000 draws) every seat of Haryana moved at once is
    simulated on the GUI thread as the move is made: no job, no "updating" mark, one update of
    the figures, and they are a fresh simulation's. With twice the draws the same move is past the
    budget and goes to the worker."""
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    jobs, seen = live.jobs_done, []
    live.updated.connect(seen.append)
    w.doc.move(w.doc.dataset.seats.ac_no.tolist(), "AAP")
    assert len(seen) == 1 and not live.stale and not live.busy and not live.coming
    sc = congress_everywhere()
    sc.assign_all("AAP")
    _, s = core_summary(sc)
    np.testing.assert_array_equal(live.figures.p_alliance, s.p_alliance)
    assert live.figures.p_majority == s.p_majority
    qtbot.wait(200)
    assert live.jobs_done == jobs and len(seen) == 1        # no second landing, no second repaint
    pools = congress_everywhere().pool.astype(np.int64)
    assert live.sim.move_cost(pools) == 90 * live.settings.draws <= live.MOVE_SEAT_DRAWS
    live.set_settings(Settings(draws=2 * U.DEFAULT_DRAWS))
    qtbot.waitUntil(lambda: live.jobs_done > jobs and not live.stale, timeout=20000)
    jobs = live.jobs_done
    w.doc.move(w.doc.dataset.seats.ac_no.tolist(), "contested")
    assert live.stale
    qtbot.waitUntil(lambda: live.jobs_done > jobs and not live.stale, timeout=20000)


def test_the_live_figures_see_friendly_fights(qtbot):
    """A friendly fight splits only its partners' vote: the live P(win) of such a seat is the
    core's with the fight, not with every partner standing. In a seat JMM fought alone in
    2024, a fight of INC v RJD moves JMM's vote to them by the transfer matrix."""
    from explorer.core.dataset_io import load_embedded
    from explorer.core.scenario import scenario_from_preset
    ds = load_embedded("jharkhand")
    sc = scenario_from_preset(ds, "INDIA bloc 2024")
    w = open_window(qtbot, sc)
    live = ready(qtbot, w)
    seat = next(a for a in ds.seats.ac_no.tolist() if w.doc.scenario.pool_of(a) == "JMM")
    w.doc.move([seat], "contested")
    assert w.set_fight([seat], {"INC", "RJD"})
    assert not live.stale
    sc = w.doc.scenario
    ev = Engine(ds).evaluate(sc)
    params, _ = U.params_for(ds)
    pools = sc.pool.astype(np.int64)
    with_fights = U.Simulator(ev.projector, ds, params, U.DEFAULT_DRAWS).run(pools, ds.majority, sc.fight_masks())
    everyone = U.Simulator(ev.projector, ds, params, U.DEFAULT_DRAWS).run(pools, ds.majority)
    np.testing.assert_array_equal(live.figures.p_alliance, with_fights.p_alliance)
    i = ds.seats.index_of(seat)
    assert with_fights.p_alliance[i] != everyone.p_alliance[i]


def test_a_new_friendly_fight_in_a_large_data_set_is_simulated_off_the_gui_thread(qtbot, monkeypatch):
    """Where a fight new to the simulator would prepare it again on the GUI thread past what a
    move may cost there (at 4,100 seats x 21 partners 1.2 s; here the bound lowered to 10 seats'
    draws so that Jharkhand's 81 seats pass it), the figures go stale and the job prepares and runs
    it; they land as the core's with the fight. The same fight in another seat moves on the GUI
    thread: its variant is prepared."""
    from explorer.core.dataset_io import load_embedded
    from explorer.core.scenario import scenario_from_preset
    from explorer.gui.live_uncertainty import LiveUncertainty
    ds = load_embedded("jharkhand")
    sc = scenario_from_preset(ds, "INDIA bloc 2024")
    w = open_window(qtbot, sc)
    live = ready(qtbot, w)
    monkeypatch.setattr(LiveUncertainty, "MOVE_SEAT_DRAWS", 10 * live.settings.draws)
    a, b = [x for x in ds.seats.ac_no.tolist() if w.doc.scenario.pool_of(x) == "JMM"][:2]
    w.doc.move([a, b], "contested")
    assert not live.stale                          # every partner fights there: prepared
    prepared = live.sim.n_variants_prepared
    assert w.set_fight([a], {"JMM", "INC"})       # the preset has JMM v CPI(ML)L and INC v RJD only
    assert live.stale and live.sim.n_variants_prepared == prepared      # nothing prepared here
    qtbot.waitUntil(lambda: not live.stale and not live.busy, timeout=30000)
    sc = w.doc.scenario
    ev = Engine(ds).evaluate(sc)
    params, _ = U.params_for(ds)
    core = U.Simulator(ev.projector, ds, params, U.DEFAULT_DRAWS).run(sc.pool.astype(np.int64), ds.majority,
                                                                      sc.fight_masks())
    np.testing.assert_array_equal(live.figures.p_alliance, core.p_alliance)
    assert w.set_fight([b], {"JMM", "INC"})
    assert not live.stale


def test_big_moves_in_a_row_simulate_once_they_pause(qtbot):
    """Ctrl+Z held down over 90-seat moves: no simulation starts while the moves keep coming
    (each restarts the wait); one runs once they pause, for the split shown last."""
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    live.MOVE_SEAT_DRAWS = 24 * live.settings.draws     # assign all (90 seats) past the budget
    jobs = live.jobs_done
    live.AFTER_PAINT_MS = 600                           # a wait no loaded machine outruns between moves
    every = w.doc.dataset.seats.ac_no.tolist()
    for k in range(6):       # never back to the split simulated last (that would be a small move)
        w.doc.move(every, "AAP" if k % 2 == 0 else "contested")
        qtbot.wait(150)                                 # under the wait: nothing starts
        assert not live.busy and live.jobs_done == jobs
    qtbot.waitUntil(lambda: live.jobs_done > jobs and not live.stale, timeout=20000)
    assert live.jobs_done == jobs + 1
    sc = congress_everywhere()
    sc.assign_all("contested")                          # the last move
    _, s = core_summary(sc)
    np.testing.assert_array_equal(live.figures.p_alliance, s.p_alliance)


@pytest.mark.parametrize("p, words, tone", [(0.49, "coin flip", "open"), (0.5, "coin flip", "open"),
                                            (0.9, "likely", "won"), (0.899, "ahead", "open"),
                                            (0.1, "behind", "open"), (0.099, "unlikely", "lost"),
                                            (0.0, "unlikely", "lost"), (1.0, "likely", "won")])
def test_majority_outlook_bands(p, words, tone):
    o = U.majority_outlook(p)
    assert (o.words, o.tone) == (words, tone)


def test_a_coin_flip_majority_is_not_coloured_won(qtbot):
    """AAP's Lok Sabha leads: leads in 46 of 46 needed, but the alliance reaches 46 in about
    half the simulated elections: neither the point nor the chance is green, the status bar
    says so, and the range and P(majority) are whole at 1366 px."""
    from explorer.core.dataset_io import load_embedded
    from explorer.core.scenario import scenario_from_preset
    sc = scenario_from_preset(load_embedded(), "AAP's Lok Sabha leads")
    w = open_window(qtbot, sc)
    w.resize(1366, 740)
    ready(qtbot, w)
    ev, s = core_summary(scenario_from_preset(load_embedded(), "AAP's Lok Sabha leads"))
    o = U.majority_outlook(s.p_majority)
    assert ev.verdict.alliance == 46 and ev.verdict.reached and o.tone == "open"
    for text in (w.scoreboard.alliance.value.text(), w.scoreboard.chance.value.text()):
        assert "#1B7F3B" not in text and "#8A5300" in text
    assert f"P(majority) {o.percent} ({o.words})" in w.status.text()
    assert "reaches the majority" not in w.status.text()
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.scoreboard.chance.value.width() > 0)
    # the range and the chance whole: the labels show a form holding them
    assert f"({s.interval(s.alliance_seats)[1]}–" in w.scoreboard.alliance.value.forms()[w.scoreboard.alliance.value.shown_form()]
    assert o.percent in w.scoreboard.chance.value.forms()[w.scoreboard.chance.value.shown_form()]


def test_the_dock_says_what_the_model_was_fitted_on_and_offers_a_poll(qtbot):
    import json

    from explorer.core.paths import resource_root
    doc = json.loads((resource_root() / "seat_model.json").read_text(encoding="utf-8"))
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    panel = w.analysis.panel
    b = doc["backtest"]
    assert f"held the result in {b['covered80']} of {b['bloc_transitions']}" in panel.model_note.text()
    assert f"fitted on {len(doc['states'])} states' assembly elections" in panel.model_note.text()
    assert f"{doc['fit']['transitions']} changes between consecutive assembly elections" in panel.model_note.toolTip()
    # no poll: the range is wide, by the back-tests' median width, and a poll is offered
    assert f"spanned {b['median_width80'] * 100:.0f} % of the seats" in panel.wide_note.text()
    assert not panel.poll_row.isHidden() and not panel.set_poll.isHidden()
    panel.set_poll.click()
    assert w.assumptions_panel.poll_edit.hasFocus() or not w.isActiveWindow()
    # a poll, set in the Assumptions dock: one undo step, the parties' swings, the seat model's poll form
    jobs = live.jobs_done
    a = w.assumptions_panel
    assert not a.set_poll("BJP=40, Congress=101")            # refused with the reason, nothing changed
    assert "from 0 to 100" in a.poll_error.text() and not w.doc.scenario.assumptions.poll_items
    assert a.set_poll("BJP=36, Congress=45")
    assumptions = w.doc.scenario.assumptions
    assert assumptions.poll == {"BJP": 36.0, "INC": 45.0} and set(assumptions.swing) == {"BJP", "INC"}
    qtbot.waitUntil(lambda: live.jobs_done > jobs and not live.stale, timeout=20000)
    assert live.sim.params.poll == (("BJP", 0.36), ("INC", 0.45))
    assert panel.set_poll.isHidden() and "real vote shares as the poll" in panel.wide_note.toolTip()
    assert "the poll's own error is not in the range" in panel.wide_note.text()
    # INC well ahead in the poll: the alliance (Congress everywhere) wins most draws
    assert live.figures.p_majority > 0.5
    w.doc.undo_stack.undo()
    assert not w.doc.scenario.assumptions.poll_items and not w.doc.scenario.assumptions.swing


def test_a_one_seat_move_signals_the_p_win_of_the_seats_whose_figure_changed_only(qtbot):
    """Jind moved to AAP with fresh figures: the P(win) column's changed rows are exactly the seats
    whose P changed (Jind's, by its own redrawn draws), not the column."""
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    before = live.figures.p_alliance.copy()
    heard = []
    w.seat_model.dataChanged.connect(
        lambda a, b, *_: heard.extend(range(a.row(), b.row() + 1)) if a.column() <= SeatTableModel.C_PWIN <= b.column()
        else None)
    w.doc.move([JIND], "AAP")
    assert not live.figures.stale
    after = live.figures.p_alliance
    changed = np.flatnonzero(before != after).tolist()
    assert changed == [w.doc.dataset.seats.index_of(JIND)]
    pwin_rows = sorted({r for r in heard})
    # the table's other dataChanged (the moved seat's pool, winner...) are that row too
    assert pwin_rows == [next(r for r in range(w.seat_model.rowCount()) if w.seat_model.ac_no(r) == JIND)]


def test_a_landing_simulation_shows_its_figures_and_their_fresh_mark_together_once(qtbot):
    """An assumption change, then its simulation lands: the views get the new figures once, fresh;
    the last figures are never marked fresh, the P(win) column is signalled once (the whole column:
    it ungreys), and the "updating…" mark clears when the new figures are already shown."""
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    a = w.doc.scenario.assumptions
    w.doc.set_assumptions(a.with_transfer("AAP", "INC", 1.0).with_baseline("ls2024"), "to ls2024")
    assert live.stale and live.coming
    old = live.figures
    assert old.stale
    shown, marks, column = [], [], []
    live.updated.connect(lambda f: shown.append((f, f.stale)))
    live.staleChanged.connect(lambda on: marks.append((on, live.figures, w.seat_model._p_stale)))
    w.seat_model.dataChanged.connect(
        lambda a, b, *_: column.append((a.row(), b.row())) if a.column() <= SeatTableModel.C_PWIN <= b.column()
        else None)
    qtbot.waitUntil(lambda: not live.stale, timeout=20000)
    new = live.figures
    assert shown == [(new, False)] and new is not old and new.p_majority != old.p_majority
    assert old.stale                                  # the figures handed out before keep their mark
    assert marks == [(False, new, False)]             # cleared once the table already shows them fresh
    assert column == [(0, w.seat_model.rowCount() - 1)]
    assert w.analysis.panel.state.text() == ""


def test_a_small_move_while_stale_shows_the_moved_figures_once_marked_stale(qtbot):
    """A one-seat move while the new assumptions are simulated: the last figures follow the move,
    marked stale, in one update (not once for the mark and again for the move)."""
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    shown, marks = [], []
    live.updated.connect(lambda f: shown.append(f.stale))
    live.staleChanged.connect(marks.append)
    a = w.doc.scenario.assumptions
    w.doc.set_assumptions(a.with_transfer("AAP", "INC", 1.0), "transfer")
    assert shown == [True] and marks == [True]
    w.doc.move([JIND], "AAP")
    assert shown == [True, True] and marks == [True]  # still stale: the moved figures, once
    qtbot.waitUntil(lambda: not live.stale and not live.busy, timeout=20000)
    assert shown[-1] is False and marks == [True, False]


def test_a_move_shows_the_headline_and_the_status_line_once(qtbot):
    """A one-seat move: the live figures follow it before the scoreboard and the window hear of
    the evaluation; the headline and the status line are still laid out once each, with the new
    point and the moved figures."""
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    sb, counts = w.scoreboard, {"headline": 0, "status": []}
    show, set_status = sb._show_headline, w.status.setText
    sb._show_headline = lambda: (counts.__setitem__("headline", counts["headline"] + 1), show())
    w.status.setText = lambda t, *a: (counts["status"].append(t), set_status(t, *a))
    w.doc.move([JIND], "AAP")
    assert not live.stale and counts["headline"] == 1 and len(counts["status"]) == 1
    med, lo, hi = live.figures.interval
    h = U.alliance_headline(live.figures.summary, w.doc.evaluation.verdict.alliance, 2)
    assert (f"alliance {h.seats} expected (80 %: {lo}–{hi})" in counts["status"][0]
            and f"leads in {w.doc.evaluation.verdict.alliance}" in counts["status"][0])
    assert f">{h.seats}</span>" in sb.alliance.value.text() and f"({lo}–{hi})" in sb.alliance.value.text()


def test_the_cushion_table_comes_with_the_simulation_not_on_the_gui_thread(qtbot, monkeypatch):
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    # the job that ran the simulation worked out the cushion's table (each seat at every swing)
    # for the split's main rival: the window reads it; a move with the same rival works out none
    sc = w.doc.scenario
    cush = live.sim.cushion
    rival = cush.rival(sc.pool, sc.dataset.majority)
    assert rival in cush._won
    made = []
    monkeypatch.setattr(U.Cushion, "_won_at_swings", lambda *a: made.append(1))
    w.doc.move([KALAYAT], "AAP")
    assert not made and live.sim.cushion is cush
    monkeypatch.undo()
    assert live.figures.cushion == U.cushion(w.doc.evaluation.projector, w.doc.scenario.pool, sc.dataset.majority)


def test_a_move_works_out_no_cushion_until_a_view_reads_it_and_then_the_one_of_its_split(qtbot, monkeypatch):
    """The Uncertainty dock behind another and no export: a move leaves the cushion alone (issue 29:
    only that dock and the exports read it). Read later, after another move, it is the cushion of
    the split the figures are of, worked out once for every copy of those figures."""
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    w.analysis.panel.set_active(False)     # the Uncertainty dock behind another (its visibilityChanged)
    calls = []
    real = U.Cushion.__call__
    monkeypatch.setattr(U.Cushion, "__call__", lambda self, *a: (calls.append(a), real(self, *a))[1])
    sc, majority = w.doc.scenario, w.doc.dataset.majority
    w.doc.move([KALAYAT], "AAP")
    first, split = live.figures, sc.pool.copy()
    w.doc.move([KALAYAT], "INC")
    assert calls == [] and not np.array_equal(sc.pool, split)
    want = U.cushion(w.doc.evaluation.projector, split, majority)      # a Cushion of its own
    calls.clear()
    assert first.cushion == want and len(calls) == 1
    from dataclasses import replace
    assert replace(first, stale=True).cushion == want and len(calls) == 1    # a copy shares it


def test_a_big_move_simulates_again_on_the_prepared_tables_of_the_simulator_it_has(qtbot, monkeypatch):
    """Assign all moves every seat, on the same projector and settings: the job draws the split
    again on a fork of the live simulator (its prepared tables, no second preparation); the
    figures are a fresh simulator's. Another projector (an assumption) prepares a new one."""
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    live.MOVE_SEAT_DRAWS = 24 * live.settings.draws     # assign all (90 seats) past the budget
    first = live.sim
    made = []
    init = U.Simulator.__init__
    monkeypatch.setattr(U.Simulator, "__init__", lambda self, *a, **k: (made.append(1), init(self, *a, **k))[1])
    jobs = live.jobs_done
    w.doc.move(w.doc.dataset.seats.ac_no.tolist(), "AAP")
    qtbot.waitUntil(lambda: live.jobs_done > jobs and not live.stale, timeout=20000)
    assert made == [] and live.sim is not first
    assert live.sim.slot is first.slot and live.sim.bank is first.bank
    monkeypatch.setattr(U.Simulator, "__init__", init)
    sc = congress_everywhere()
    sc.assign_all("AAP")
    _, s = core_summary(sc)
    np.testing.assert_array_equal(live.figures.p_alliance, s.p_alliance)
    assert live.figures.p_majority == s.p_majority
    # the live simulator it forked still moves on its own draws: the figures of congress everywhere
    _, s0 = core_summary(congress_everywhere())
    np.testing.assert_array_equal(first.move(congress_everywhere().pool.astype(np.int64),
                                             sc.dataset.majority).p_alliance, s0.p_alliance)
    monkeypatch.setattr(U.Simulator, "__init__", lambda self, *a, **k: (made.append(1), init(self, *a, **k))[1])
    a = w.doc.scenario.assumptions
    jobs = live.jobs_done
    w.doc.set_assumptions(a.with_seat_adjust(KALAYAT, 3.0), "Adjust Kalayat")
    qtbot.waitUntil(lambda: live.jobs_done > jobs and not live.stale, timeout=20000)
    assert made == [1]


@pytest.mark.parametrize("p, shown", [(0.997, "> 99 %"), (0.003, "< 1 %"), (1.0, "100 %")])
def test_the_scoreboard_never_rounds_a_doubt_to_certainty(qtbot, p, shown):
    w = open_window(qtbot, congress_everywhere())
    ready(qtbot, w)
    w.scoreboard.set_uncertainty("", p_majority=p, interval=(46, 40, 52), tooltip="t")
    for form in w.scoreboard.chance.value.forms():
        from PySide6.QtGui import QTextDocument
        doc = QTextDocument()
        doc.setHtml(form)
        assert doc.toPlainText().startswith(shown)
    assert "100 %" not in w.scoreboard.chance.value.text() or p == 1.0


@pytest.mark.parametrize("dataset, preset", [("haryana", "Congress everywhere"), ("jharkhand", "INDIA bloc 2024")])
def test_the_histogram_and_its_axis_are_whole_in_the_dock_at_1366x768(qtbot, dataset, preset):
    """The dock's group at 1366x768 shows the histogram with its axis numbers whole, even with
    a three-line headline (Tamil Nadu's) and the model's notes and the poll's offer shown."""
    from explorer.core.dataset_io import load_embedded
    from explorer.core.scenario import scenario_from_preset
    w = open_window(qtbot, scenario_from_preset(load_embedded(dataset), preset))
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    ready(qtbot, w)
    panel = w.analysis.panel
    w.analysis.dock.raise_()
    qtbot.waitUntil(panel.plot.isVisible)
    assert panel.poll_row.isVisible() and panel.model_note.text()     # the notes and "Set a poll…" shown
    panel.headline.setText(panel.headline.text() + " · majority lost at 3 pts to ADMK and then some more words")
    QApplication.processEvents()
    area = w.findChild(type(w.analysis.dock.widget()), "dock_uncertainty_scroll")
    area.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    assert panel.headline.height() >= 3 * panel.headline.fontMetrics().lineSpacing()
    panel.plot.grab()                       # paints: the axis labels' rects
    assert len(panel.plot.axis_rects) >= 3
    for r in panel.plot.axis_rects:
        top = panel.plot.mapTo(area.viewport(), r.topLeft().toPoint()).y()
        bottom = panel.plot.mapTo(area.viewport(), r.bottomLeft().toPoint()).y()
        assert 0 <= top and bottom <= area.viewport().height(), (top, bottom, area.viewport().height())


def test_a_large_data_sets_first_figures_come_from_fewer_draws_then_all_of_them(qtbot, monkeypatch):
    # the threshold lowered so that Haryana's 90 seats x 3,000 draws take the large data set's path:
    # the first figures are those of 1,000 draws (P(win) straight from the core's simulator of 1,000
    # draws), shown stale, with no cushion yet and the walk-away not handed their simulator; then all
    # 3,000 draws with the cushion, fresh
    from explorer.gui.live_uncertainty import LiveUncertainty
    from explorer.gui.panels.uncertainty import first_pass_text
    monkeypatch.setattr(LiveUncertainty, "QUICK_SEAT_DRAWS", 90 * 1_000)
    seen = []
    orig = LiveUncertainty._move

    def move(self, stale=False):
        orig(self, stale)
        seen.append((self.figures, self.simulator_for(self._key), self.coming))
    monkeypatch.setattr(LiveUncertainty, "_move", move)
    from explorer.gui.document import ScenarioDocument
    sc = congress_everywhere()
    live = LiveUncertainty(ScenarioDocument(congress_everywhere()), settings=Settings(draws=3000))
    qtbot.waitUntil(lambda: live.figures is not None and not live.stale, timeout=30000)
    first, handed, coming = seen[0]
    assert first.first_draws == 1000 and first.summary.draws == 1000 and first.stale and first.cushion is None
    assert handed is None and coming        # the walk-away waits for all the draws' simulator
    assert first_pass_text(first) == "first 1,000 of 3,000 draws…"
    _, quick = core_summary(sc, draws=1000)
    assert np.array_equal(first.p_alliance, quick.p_alliance)
    last = live.figures
    _, full = core_summary(sc, draws=3000)
    assert last.first_draws is None and last.summary.draws == 3000 and last.cushion is not None
    assert np.array_equal(last.p_alliance, full.p_alliance)
    assert live.simulator_for(live._key) is live.sim and live.sim.draws == 3000


def test_haryana_opens_in_one_pass():
    from explorer.gui.live_uncertainty import LiveUncertainty
    live = LiveUncertainty.__new__(LiveUncertainty)
    live.asynchronous, live.sim, live.figures = True, None, None
    # 90 seats x 10,000 draws: 900,000 seat-draws, under the 2,000,000 past which a first pass runs
    assert not live.first_pass_due(90, 10_000)
    assert live.first_pass_due(543, 10_000) and live.first_pass_due(4100, 10_000)
    assert not live.first_pass_due(4100, 1_000)          # no fewer draws to start from


@pytest.mark.parametrize("edits", ["moves", "big move", "assumptions", "all three"])
def test_edits_while_the_first_pass_runs_end_on_the_figures_of_the_split_as_it_is(qtbot, monkeypatch, edits):
    # whatever is done while the first pass (or all the draws after it) is on its way, the figures
    # that stay are those of the scenario as it is then, from all the draws, with their cushion
    from explorer.gui.document import ScenarioDocument
    from explorer.gui.live_uncertainty import LiveUncertainty
    monkeypatch.setattr(LiveUncertainty, "QUICK_SEAT_DRAWS", 90 * 1_000)
    doc = ScenarioDocument(congress_everywhere())
    live = LiveUncertainty(doc, settings=Settings(draws=3000))
    assert live.busy
    a = doc.scenario.assumptions
    if edits in ("moves", "all three"):
        doc.move([KALAYAT], "AAP")
        qtbot.waitUntil(lambda: live.figures is not None, timeout=30000)
        doc.move([PEHOWA, JIND], "AAP")
    if edits in ("big move", "all three"):
        doc.move(doc.dataset.seats.ac_no.tolist()[:60], "AAP")
    if edits in ("assumptions", "all three"):
        doc.set_assumptions(a.with_transfer("AAP", "INC", 1.0), "transfer")
    qtbot.waitUntil(lambda: live.figures is not None and not live.stale and not live.busy, timeout=60000)
    sc = congress_everywhere()
    sc.set_assumptions(doc.scenario.assumptions)
    for k in doc.scenario.pools.keys:
        seats = [int(s) for s in doc.dataset.seats.ac_no if doc.scenario.pool_of(int(s)) == k]
        if seats:
            sc.assign(seats, k)
    _, s = core_summary(sc, draws=3000)
    f = live.figures
    assert f.first_draws is None and f.summary.draws == 3000 and f.cushion is not None
    assert np.array_equal(f.p_alliance, s.p_alliance) and f.p_majority == s.p_majority


def test_the_p_win_header_says_why_a_lead_of_ten_can_be_a_coin_flip(qtbot):
    # Kalayat +10.2 beside 48 % read as a contradiction in the review; the header's tooltip explains
    w = open_window(qtbot, congress_everywhere())
    m = w.seat_model
    tip = m.headerData(SeatTableModel.C_PWIN, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "about a third of a seat's lead" in tip and "coin flip" in tip


def test_assumption_steps_in_a_row_simulate_once_they_pause(qtbot):
    """A spin box held down: each step changes the assumptions; the re-simulation waits until the
    window has painted and the steps pause (as big moves do), so one job runs, for the last step."""
    w = open_window(qtbot, congress_everywhere())
    live = ready(qtbot, w)
    jobs = live.jobs_done
    live.AFTER_PAINT_MS = 600                           # a wait no loaded machine outruns between steps
    a = w.doc.scenario.assumptions
    for k in range(4):
        w.doc.set_assumptions(a.with_transfer("AAP", "INC", 0.5 + 0.1 * k), f"step {k}")
        qtbot.wait(150)                                 # under the wait: nothing starts
        assert not live.busy and live.coming and live.jobs_done == jobs
    qtbot.waitUntil(lambda: live.jobs_done > jobs and not live.stale, timeout=20000)
    assert live.jobs_done == jobs + 1
    sc = congress_everywhere()
    sc.set_assumptions(a.with_transfer("AAP", "INC", 0.8))
    _, s = core_summary(sc)
    assert live.figures.p_majority == s.p_majority
