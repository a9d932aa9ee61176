"""Friendly fights between some partners in the optimiser (three or more partners): a hand-solved
case, Jharkhand's INDIA bloc with its real friendly fights, the command line and the dialog."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from explorer.cli import main as cli
from explorer.core import optimise as O
from explorer.core import uncertainty as U
from explorer.core.dataset import SEAT_COLUMNS, Baseline, Dataset, SeatTable
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.pools import Partner
from explorer.core.rules import MustHave, RuleSet
from explorer.core.scenario import Scenario, scenario_from_preset

JHARKHAND = load_embedded("jharkhand")
INDIA = "INDIA bloc 2024"
ABC = (Partner("A", "Party A", "#AA0000"), Partner("B", "Party B", "#00AA00"), Partner("C", "Party C", "#0000AA"))


def three_partners(rules=()) -> tuple[Dataset, Scenario]:
    seats = pd.DataFrame([(i, f"Seat {i}", "D", 1, "PC1", "GEN", np.nan, np.nan) for i in (1, 2, 3)],
                         columns=SEAT_COLUMNS)
    c = pd.DataFrame([(i, f"{p}{i}", p, 100) for i in (1, 2, 3) for p in ("A", "B", "C", "X")],
                     columns=["ac_no", "candidate", "party", "votes"])
    ds = Dataset(id="abc", name="ABC", seats=SeatTable(seats), baselines={"b": Baseline("b", "B", c)},
                 default_baseline="b", partners=ABC)
    return ds, Scenario(ds, rules=RuleSet("r", tuple(rules)))


# P(alliance wins) per seat (columns 1-3) in each variant (rows): A, B, C alone, all three stand,
# then the pairs in order: A+B, A+C, B+C
HAND = np.array([[0.9, 0.5, 0.2],
                 [0.5, 0.6, 0.3],
                 [0.4, 0.2, 0.4],
                 [0.3, 0.5, 0.7],
                 [0.6, 0.8, 0.3],
                 [0.5, 0.3, 0.6],
                 [0.4, 0.5, 0.3]])


def test_pairwise_fights_by_hand():
    ds, sc = three_partners()
    # no fight: A, B, C's best alone = 0.9 + 0.6 + 0.4
    r = O.Optimiser(ds, sc, probabilities=HAND[:4]).optimise()
    assert list(r.pools) == [0, 1, 2]
    assert r.expected_alliance == pytest.approx(0.9 + 0.6 + 0.4) and r.fights == {}
    # friendly fights of all three: seat 3 contested (0.7) = 2.2
    r = O.Optimiser(ds, sc, probabilities=HAND[:4], friendly="all").optimise()
    assert r.expected_alliance == pytest.approx(2.2) and list(r.pools) == [0, 1, 3] and r.fights == {}
    # and every pair: seat 2 an A v B fight (0.8) = 2.4
    opt = O.Optimiser(ds, sc, probabilities=HAND, friendly="all", fight_pairs="all")
    assert list(opt.table.fight_masks) == [0b011, 0b101, 0b110] and [opt.table.label(c) for c in range(5, 8)] == ["A+B", "A+C", "B+C"]
    r = opt.optimise()
    assert r.expected_alliance == pytest.approx(0.9 + 0.8 + 0.7)
    assert list(r.pools) == [0, 3, 3] and r.fights == {2: ("A", "B")} and list(r.choices) == [0, 5, 3]
    # only the pair A v C allowed: seat 2 back to B (A v C is 0.3)
    r = O.Optimiser(ds, sc, probabilities=HAND[[0, 1, 2, 3, 5]], friendly="all", fight_pairs=[("C", "A")]).optimise()
    assert r.expected_alliance == pytest.approx(2.2) and r.fights == {}
    # a hard B must-have on seat 2: a fight denies the claim, so B alone
    ds, sc = three_partners([MustHave("b2", partner="B", seats=(2,))])
    r = O.Optimiser(ds, sc, probabilities=HAND, friendly="all", fight_pairs="all").optimise()
    assert r.expected_alliance == pytest.approx(2.2) and r.fights == {}
    # the variants a hand case must give: 4 + 3
    with pytest.raises(ValueError, match="4 variants given, 7 needed"):
        O.Optimiser(ds, sc, probabilities=HAND[:4], friendly="all", fight_pairs="all")
    with pytest.raises(ValueError, match="two or more"):
        O.Optimiser(ds, sc, probabilities=HAND, fight_pairs=[("A",)])
    with pytest.raises(ValueError, match="not a partner"):
        O.Optimiser(ds, sc, probabilities=HAND, fight_pairs=[("A", "Z")])


def test_the_proposal_with_a_fight_is_a_scenario_the_projection_reads(tmp_path):
    ds, sc = three_partners()
    opt = O.Optimiser(ds, sc, probabilities=HAND, friendly="all", fight_pairs="all")
    r = opt.optimise()
    prop = opt.proposal_scenario(r.choices)
    assert prop.fights == {2: ("A", "B")} and prop.pool_of(2) == "contested"
    prop.save(tmp_path / "p.json")
    back = Scenario.load(ds, tmp_path / "p.json")
    assert back.fights == {2: ("A", "B")}
    # 100 votes each: in seat 2 A and B stand, C's voters split between them at 80 %: A and B
    # 140 each, X 100 + 20: a tie between A and B (the projection's own variant)
    pj = Engine(ds).evaluate(back).projector
    v = pj.variant_of(0b011)
    assert pj.outcomes.votes[v, 1, :2] == pytest.approx([140.0, 140.0])


def test_jharkhand_real_friendly_fights_are_the_projections_variants():
    sc = scenario_from_preset(JHARKHAND, INDIA)
    assert sc.fights == {28: ("JMM", "CPI(ML)L"), 77: ("INC", "RJD"), 78: ("INC", "RJD")}
    params, _ = U.params_for(JHARKHAND)
    opt = O.Optimiser(JHARKHAND, sc, params, 1000, friendly="all", fight_pairs="all")
    assert len(opt.table.fight_masks) == 6                   # C(4, 2) pairs; the preset's fights are pairs too
    ch = opt.current_choices
    assert [opt.table.label(int(ch[JHARKHAND.seats.index_of(a)])) for a in (28, 77, 78)] == \
        ["JMM+CPI(ML)L", "INC+RJD", "INC+RJD"]
    # the current split's expected seats: the simulator's own run of the scenario, fights and all
    sim = U.Simulator(Engine(JHARKHAND).evaluate(sc).projector, JHARKHAND, params, 1000)
    summ = sim.run(sc.pool.astype(np.int64), JHARKHAND.majority, sc.fight_masks())
    assert opt.table.expected(ch) == pytest.approx(float(summ.p_alliance.sum()), abs=1e-9)
    pools, masks = opt.table.split(ch)
    assert (pools == sc.pool).all() and (masks == sc.fight_masks()).all()
    # locked, seat 28 keeps its JMM v CPI(ML)L fight; the solve is no worse than without pairs
    r = O.Optimiser(JHARKHAND, sc, params, 1000, friendly="all", fight_pairs="all", locked=[28]).optimise()
    assert r.status == "optimal" and r.fights[28] == ("JMM", "CPI(ML)L")
    plain = O.Optimiser(JHARKHAND, sc, params, 1000, friendly="all", locked=[28]).optimise()
    assert plain.fights == {28: ("JMM", "CPI(ML)L")}     # a lock keeps the fight even with no pair allowed
    assert r.expected_alliance >= plain.expected_alliance - 1e-9


def test_cli_fight_pairs(capsys, tmp_path):
    src = tmp_path / "india.json"
    scenario_from_preset(JHARKHAND, INDIA).save(src)
    out = tmp_path / "prop.json"
    assert cli(["optimise", str(src), "--dataset", "jharkhand", "--friendly", "all", "--fight-pairs", "all",
                "--lock", "28,77", "--draws", "300", "-o", str(out), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["status"] == "optimal" and d["fights"]["28"] == ["JMM", "CPI(ML)L"] and d["fights"]["77"] == ["INC", "RJD"]
    seat = next(s for s in d["seats"] if s["ac_no"] == 28)
    assert seat["chosen"] == "JMM+CPI(ML)L" and set(seat["options"]) >= {"JMM", "contested", "JMM+INC", "RJD+CPI(ML)L"}
    back = Scenario.load(JHARKHAND, out)
    assert back.fights[28] == ("JMM", "CPI(ML)L") and back.fights[77] == ("INC", "RJD")
    assert cli(["optimise", str(src), "--dataset", "jharkhand", "--fight-pairs", "jmm+xyz", "--json"]) == 2
    assert "not a partner: xyz" in capsys.readouterr().err


def test_dialog_offers_the_pairs_and_applies_a_proposal_with_fights(qtbot):
    from .helpers import open_window
    w = open_window(qtbot, scenario_from_preset(JHARKHAND, INDIA))
    w.hub.set([28])
    d = w.analysis.make_dialog()
    qtbot.addWidget(d)
    assert d.pairs.count() == 6 and not d.pairs.isHidden() and not d.pairs.isEnabled()
    assert [d.pairs.item(k).text() for k in range(3)] == ["JMM v INC", "JMM v RJD", "JMM v CPI(ML)L"]
    d.friendly.setChecked(True)
    assert d.pairs.isEnabled()
    from PySide6.QtCore import Qt
    d.pairs.item(2).setCheckState(Qt.Checked)
    req = d.request()
    assert req.friendly == "all" and req.fight_pairs == (("JMM", "CPI(ML)L"),) and req.locked == (28,)
    d.draws.setValue(500)
    walk = w.analysis.walk
    walk.set_active(True)
    d.run()
    qtbot.waitUntil(lambda: not d.running, timeout=60000)
    res = d.result
    assert res.status == "optimal" and res.fights.get(28) == ("JMM", "CPI(ML)L")
    # the walk-away dock has the proposal, its friendly fights included
    i28 = JHARKHAND.seats.index_of(28)
    assert walk.proposal_fights is not None and walk.proposal_fights[i28] == 0b1001   # JMM and CPI(ML)L
    qtbot.waitUntil(lambda: walk.model.rowCount() == 8 and not walk.computing and not walk.model.stale, timeout=60000)
    s = w.analysis.live.settings
    sim = U.Simulator(w.doc.evaluation.projector, JHARKHAND, U.params_for(JHARKHAND, s.level)[0], s.draws, s.seed)
    want = O.walk_away(sim, w.doc.pools, res.pools, JHARKHAND.majority, walk.proposal_fights)
    assert walk.model.row("proposal", "JMM")[2] == want["JMM"]["alliance"]
    if d.apply_btn.isEnabled():
        assert d.apply()
        assert w.doc.scenario.fights == res.fights
        np.testing.assert_array_equal(w.doc.scenario.pool, res.pools)
