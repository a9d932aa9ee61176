"""The Walk-away dock: each partner's expected seats and P(majority) in the alliance and going
alone, for the current split and the optimiser's proposal; the core's figures, computed off the
GUI thread."""
from __future__ import annotations

import numpy as np
import pytest

from explorer.core import optimise as O
from explorer.core import uncertainty as U
from explorer.core.engine import Engine

from .helpers import congress_everywhere, open_window

KALAYAT = 16


def wait(qtbot, panel):
    qtbot.waitUntil(lambda: not panel.computing and not panel.model.stale and panel.model.rowCount() > 0,
                    timeout=60000)


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
    assert aap[7] is False and m.index(0, 7).data() == "no"              # AAP gains nothing with no seat
    assert inc[4] == round(inc[2] - inc[3], 3) and inc[7] == (inc[2] > inc[3])
    assert m.index(1, 2).data() == f"{inc[2]:.1f}" and m.index(1, 5).data() == f"{inc[5] * 100:.1f} %"
    assert m.index(1, 4).data() == f"{inc[4]:+.2f}" and m.index(1, 0).data() == "current"
    assert panel.note.text().startswith("The current split is worth it to " if inc[7] else "The current split is worth it to no")
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
    # a move recomputes the current split; the stale figures are greyed meanwhile
    w.doc.move([KALAYAT], "AAP")
    assert m.stale
    wait(qtbot, panel)
    assert m.row("current", "AAP")[2] == m.row("proposal", "AAP")[2]
    # the dock redrew only the moved seat: its figures are a fresh simulator's, to the last digit
    fresh = O.walk_away(U.Simulator(w.doc.evaluation.projector, sc.dataset, params, s.draws, s.seed), sc.pools,
                        w.doc.scenario.pool, sc.dataset.majority)
    for code, f in fresh.items():
        r = m.row("current", code)
        assert (r[2], r[3], r[5], r[6], r[7]) == (f["alliance"], f["alone"], f["p_majority_alliance"],
                                                  f["p_majority_alone"], f["worth_it"])


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
                                                  f["p_majority_alone"], f["worth_it"])
