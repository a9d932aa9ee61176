"""The optimiser: hand-solved cases, the Haryana 2024 talks, walk-away values and rebels."""
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
from explorer.core.pools import DEFAULT_PARTNERS
from explorer.core.projection import Rebel
from explorer.core.rules import FactionClaim, MustHave, RegionalMinimum, RuleSet, SeatBounds
from explorer.core.scenario import Scenario, scenario_from_preset

HARYANA = load_embedded()
LEADS = "resources/haryana/scenarios/aaps_lok_sabha_leads.json"


def small_dataset(rows, n) -> Dataset:
    seats = pd.DataFrame([(i, f"Seat {i}", "D", 1 + (i > 2), f"PC{1 + (i > 2)}", "GEN", np.nan, np.nan)
                          for i in range(1, n + 1)], columns=SEAT_COLUMNS)
    c = pd.DataFrame(rows, columns=["ac_no", "candidate", "party", "votes"])
    return Dataset(id="small", name="Small", seats=SeatTable(seats), baselines={"b": Baseline("b", "B", c)},
                   default_baseline="b", partners=DEFAULT_PARTNERS)


def four_seats(rules=()) -> tuple[Dataset, Scenario]:
    ds = small_dataset([(i, f"{p}{i}", p, v) for i in range(1, 5) for p, v in (("AAP", 300), ("INC", 300),
                                                                               ("BJP", 400))], 4)
    sc = Scenario(ds, rules=RuleSet("hand", tuple(rules)))
    return ds, sc


# P(alliance wins) per seat: AAP alone, INC alone, contested (rows), seats 1-4 (columns)
HAND_P = np.array([[0.9, 0.8, 0.6, 0.3],
                   [0.5, 0.7, 0.55, 0.6],
                   [0.2, 0.2, 0.2, 0.2]])


def hand(rules=(), **kw) -> O.Optimiser:
    ds, sc = four_seats(rules)
    return O.Optimiser(ds, sc, probabilities=HAND_P, **kw)


def keys(opt, pools):
    return [opt.table.pools.key(int(p)) for p in pools]


def test_four_seats_by_hand_a_bound_forces_the_second_best_partner_into_one_seat():
    # alone, each seat goes to its better partner: AAP 1, 2, 3 and INC 4 = 0.9 + 0.8 + 0.6 + 0.6 = 2.9
    free = hand().optimise()
    assert free.status == "optimal" and keys(hand(), free.pools) == ["AAP", "AAP", "AAP", "INC"]
    assert free.expected_alliance == pytest.approx(2.9)
    # INC at least 2: one of seats 1-3 must go to INC; the losses are 0.4, 0.1 and 0.05: seat 3
    bound = SeatBounds("inc-min", partner="INC", minimum=2)
    opt = hand([bound])
    r = opt.optimise()
    assert keys(opt, r.pools) == ["AAP", "AAP", "INC", "INC"]
    assert r.expected_alliance == pytest.approx(0.9 + 0.8 + 0.55 + 0.6)
    assert r.rule_prices == {"inc-min": pytest.approx(0.05)}
    # an INC must-have on seat 1 meets the bound by itself: INC 1 and 4, AAP 2 and 3 = 2.5
    r = hand([bound, MustHave("inc-1", partner="INC", seats=(1,))]).optimise()
    assert keys(opt, r.pools) == ["INC", "AAP", "AAP", "INC"] and r.expected_alliance == pytest.approx(2.5)
    assert r.rule_prices == {"inc-min": pytest.approx(0.0), "inc-1": pytest.approx(0.35)}
    # a friendly fight (P 0.2) is never better here; a lock keeps seat 4 where the scenario has it
    assert "contested" not in keys(opt, hand(friendly="all").optimise().pools)
    ds, sc = four_seats()
    sc.assign([4], "AAP")
    opt = O.Optimiser(ds, sc, probabilities=HAND_P, locked=[4])
    r = opt.optimise()
    assert keys(opt, r.pools) == ["AAP", "AAP", "AAP", "AAP"] and r.expected_alliance == pytest.approx(2.6)


def test_a_soft_rule_is_broken_only_when_it_costs_less_than_it_gains():
    claim = FactionClaim("inc-f", partner="INC", faction="F", seats=(1,))
    # honouring it costs 0.9 - 0.5 = 0.4 expected seats
    cheap = hand([claim], soft={"inc-f": 0.3}).optimise()
    assert cheap.pools[0] == 0 and cheap.broken == {"inc-f": [1]}
    dear = hand([claim], soft={"inc-f": 0.5}).optimise()
    assert dear.pools[0] == 1 and dear.broken == {}
    # a soft count, AAP at most 1: AAP in 1 only is 2.75; in 1, 2 is 2.85 less one seat over; in 1, 2, 3
    # is 2.9 less two seats over. At 0.02 a seat over: 2.86 beats 2.83 and 2.75; at 0.2 the bound holds.
    cap = SeatBounds("aap-max", partner="AAP", maximum=1)
    r = hand([cap], soft={"aap-max": 0.02}).optimise()
    assert r.expected_alliance == pytest.approx(2.9) and r.broken == {"aap-max": [1, 2, 3]}
    r = hand([cap], soft={"aap-max": 0.2}).optimise()
    assert r.expected_alliance == pytest.approx(2.75) and r.broken == {}


def test_hand_conflicts_name_the_rules_and_the_seat():
    a, b = MustHave("aap-1", partner="AAP", seats=(1,)), FactionClaim("inc-1", partner="INC", faction="F", seats=(1,))
    r = hand([SeatBounds("inc-min", partner="INC", minimum=1), a, b]).optimise()
    assert r.status == "infeasible" and r.pools is None
    assert r.conflicting_rules == ["aap-1", "inc-1"] and r.conflict_seats == [1]
    # a count against claims: AAP at most 1 with AAP must-haves on seats 1 and 2
    r = hand([SeatBounds("aap-max", partner="AAP", maximum=1), MustHave("aap-12", partner="AAP", seats=(1, 2)),
              RegionalMinimum("inc-pc2", partner="INC", region_kind="pc", region="PC2", minimum=1)]).optimise()
    assert r.status == "infeasible" and r.conflicting_rules == ["aap-max", "aap-12"]
    assert r.conflict_seats == [1, 2]


def test_the_frontier_by_hand():
    opt = hand([SeatBounds("inc-min", partner="INC", minimum=2)])
    f = opt.frontier("INC")
    # k seats to INC, the best of them (its own bound dropped): 2.6, 2.9, 2.85, 2.75, 2.35
    assert [row["k"] for row in f] == [0, 1, 2, 3, 4]
    assert [row["expected_alliance"] for row in f] == pytest.approx([2.6, 2.9, 2.85, 2.75, 2.35])
    assert all(row["p_majority"] is None for row in f)   # no draws: no P(majority)


def test_majority_objective_takes_the_split_that_wins_more_draws():
    # 3 seats, majority 2, 4 draws. Seat 1 is won in every draw. Seat 2 with AAP: draws 0-2; seat 3 with
    # AAP: draws 0-2, with INC: draws 0 and 3. Expected seats: AAP, AAP, AAP = 2.5 but a majority in 3 of
    # 4 draws; AAP, AAP, INC = 2.25 with a majority in every draw.
    ds = small_dataset([(i, f"{p}{i}", p, v) for i in range(1, 4) for p, v in (("AAP", 3), ("INC", 3), ("BJP", 4))], 3)
    W = np.zeros((3, 3, 4), dtype=bool)
    W[0, 0] = W[1, 0] = True
    W[0, 1, :3] = True
    W[0, 2, :3] = True
    W[1, 2, [0, 3]] = True
    sc = Scenario(ds)
    seats = O.Optimiser(ds, sc, wins=W).optimise("seats")
    assert seats.expected_alliance == pytest.approx(2.5) and seats.p_majority == pytest.approx(0.75)
    maj = O.Optimiser(ds, sc, wins=W).optimise("majority", sample=4)
    assert maj.status == "optimal" and maj.objective == "majority"
    assert list(maj.pools) == [maj.pools[0], 0, 1] and maj.p_majority == 1.0
    assert maj.expected_alliance == pytest.approx(2.25)
    # without draws there is no P(majority): said so, and expected seats instead
    fb = hand().optimise("majority")
    assert fb.status == "time_limit" and fb.objective == "seats" and "expected seats" in fb.note


def test_majority_that_does_not_solve_in_time_falls_back_to_expected_seats(monkeypatch):
    ds = small_dataset([(i, f"{p}{i}", p, v) for i in range(1, 4) for p, v in (("AAP", 3), ("INC", 3), ("BJP", 4))], 3)
    W = np.zeros((3, 3, 4), dtype=bool)
    W[0, :, :3] = True
    opt = O.Optimiser(ds, Scenario(ds), wins=W, time_limit=0.5)
    real = O._Model.run

    def slow(model, time_limit, start=None):   # the P(majority) model runs out of time, the others do not
        if model.objective == "majority":
            return O.Solution("time_limit", None, None, time_limit * 1e3)
        return real(model, time_limit, start)
    monkeypatch.setattr(O._Model, "run", slow)
    r = opt.optimise("majority")
    assert r.status == "time_limit" and r.objective == "seats" and list(r.pools) == [0, 0, 0]
    assert r.note == "P(majority) did not solve within 0.5 s (time_limit): fell back to expected seats"


def test_progress_is_reported_between_solves():
    seen = []
    opt = hand([SeatBounds("inc-min", partner="INC", minimum=2)], progress=lambda *a: seen.append(a))
    opt.optimise()
    opt.frontier("INC", range(3))
    assert ("solving", 0, 1) in seen and ("pricing", 0, 1) in seen
    assert [a for a in seen if a[0] == "frontier"] == [("frontier", 0, 3), ("frontier", 1, 3), ("frontier", 2, 3)]


# --- Haryana, the 2024 talks -----------------------------------------------------------------------------
def talks(**kw) -> O.Optimiser:
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    assert [r.id for r in sc.rules.rules] == ["hooda-nominees", "aap-kalayat", "aap-kurukshetra",
                                               "aap-seat-count", "split-vote"]
    return O.Optimiser(HARYANA, sc, draws=kw.pop("draws", 1000), **kw)


def test_haryana_talks_all_hard_conflict_is_kalayat():
    r = talks().optimise()
    assert r.status == "infeasible" and r.pools is None
    # exactly AAP's Kalayat must-have and the Hooda camp's claim, over Kalayat (seat 16)
    assert r.conflicting_rules == ["hooda-nominees", "aap-kalayat"]
    assert r.conflict_seats == [16] and HARYANA.seats.name(16) == "Kalayat"


@pytest.mark.parametrize("baseline", ["ls2024", "vs2019"])
def test_haryana_hooda_soft_beats_every_preset_greedy_and_rule_of_thumb(baseline):
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    sc.set_assumptions(sc.assumptions.with_baseline(baseline))
    opt = O.Optimiser(HARYANA, sc, draws=1000, soft={"hooda-nominees": 0.0}, friendly="all")
    r = opt.optimise()
    assert r.status == "optimal"
    # every hard rule holds, by the rules engine on the proposal as a scenario
    prop = opt.proposal_scenario(r.pools)
    conflicts = Engine(HARYANA).evaluate(prop).conflicts
    hard = {"aap-kalayat", "aap-kurukshetra", "aap-seat-count"}
    assert not [c for c in conflicts if c.rule_id in hard]
    assert (prop.pool[HARYANA.seats.index_of(16)] == 0)               # Kalayat with AAP
    assert 5 <= (prop.pool == 0).sum() <= 10
    assert r.broken["hooda-nominees"]                                   # the soft claim gives way there
    # a friendly fight only where it beats every partner alone in the draws (a tie goes to the
    # partner alone); under the seat model a seat's lead fades, so a fight costs little and a few win
    # (vs2019: 1 before the seat model's tenth round, 7 since — a small lead now fades less, so a
    # fight's whole vote counts for a little more; the expected seats 28.92 then, 28.94 now)
    t = opt.table
    for j in np.flatnonzero(r.pools == sc.pools.contested):
        assert t.win_prob[t.n_partners, j] > t.win_prob[:t.n_partners, j].max()
    assert (r.pools == sc.pools.contested).sum() <= 7
    # the objective is the per-seat P of the simulation: it equals the simulator's own run
    summ = opt.table.sim.run(r.pools, HARYANA.majority)
    assert r.expected_alliance == pytest.approx(summ.p_alliance.sum()) and r.p_majority == summ.p_majority
    presets = {n: Scenario.from_json(HARYANA, d, n).pool.astype(np.int64) for n, d in HARYANA.scenario_docs.items()}
    rows = opt.comparison(presets)
    assert len(rows) == len(presets) + 3
    for row in rows:
        assert row["expected_alliance"] is not None, row
        assert r.expected_alliance >= row["expected_alliance"] - 1e-6, row   # up to the solver's tolerance
    # the rules of thumb, repaired, meet the hard rules too
    for pools in (opt.greedy(), opt.repair(opt.sitting_winner()), opt.repair(opt.vote_share_split())):
        assert not opt.check_with_rules_engine(pools)


def test_rules_of_thumb_follow_their_definitions():
    opt = talks(soft={"hooda-nominees": 0.0})
    pb = opt.projector.prepared       # ls2024: AAP stood in the 9 Kurukshetra segments, INC in the other 81
    sw = opt.sitting_winner()
    assert (sw == np.where(pb.votes[:, 0] > 0, 0, 1)).all()
    share = opt.vote_share_split()
    aap_share = pb.votes[:, 0].sum() / pb.votes[:, :2].sum()
    assert (share == 0).sum() == round(aap_share * 90)


def test_walk_away_on_ls2024_matches_project_runs(capsys):
    draws = 2000
    opt = talks(draws=draws, soft={"hooda-nominees": 0.0})
    w = opt.walk_away(opt.current_choices)          # the "AAP's Lok Sabha leads" split
    assert cli(["project", LEADS, "--draws", str(draws), "--json"]) == 0
    inside = json.loads(capsys.readouterr().out)
    assert cli(["project", "resources/haryana/scenarios/no_alliance.json", "--baseline", "ls2024",
                "--draws", str(draws), "--json"]) == 0
    apart = json.loads(capsys.readouterr().out)
    for code in ("INC", "AAP"):
        a = sum(s["p_win"].get(code, 0.0) for s in inside["per_seat"])
        b = sum(s["p_win"].get(code, 0.0) for s in apart["per_seat"])
        assert w[code]["alliance"] == pytest.approx(a, abs=0.01)   # per-seat P printed to 4 places
        assert w[code]["alone"] == pytest.approx(b, abs=0.01)
        assert w[code]["p_majority_alliance"] == inside["uncertainty"]["p_majority"]
        assert w[code]["p_majority_partners_apart"] == apart["uncertainty"]["p_majority"]
    # Congress alone, all 90 seats: its majority chance as its seat distribution in the project run says
    inc = apart["uncertainty"]["seats"]["INC"]
    p_inc = w["INC"]["p_majority_alone"]
    assert 0 < p_inc < 1
    assert (inc["p90"] >= 46) == (p_inc >= 0.1) and (inc["median"] >= 46) == (p_inc >= 0.5)
    assert w["AAP"]["p_majority_alone"] == 0.0


def test_walk_away_figures_read_expected_seats_from_the_partners_columns():
    """A partner's expected seats are its seats summed over the draws, over the draws (integers, then
    one division: the sum of its per-seat P(win) without the float sum's last digit), so the window's
    walk-away, which follows every move with them, reads one column, not every seat."""
    opt = talks(draws=2000, soft={"hooda-nominees": 0.0})
    w = opt.walk_away(opt.current_choices)
    pools, fights = opt.table.split(opt.current_choices)
    s_in = opt.table.sim.run(pools.astype(np.int64), HARYANA.majority, fights)
    for code in ("INC", "AAP"):
        k = s_in.parties.index(code)
        exact = int(s_in.seats_of(k).sum(dtype=np.int64)) / 2000
        assert w[code]["alliance"] == round(exact, 3)
        assert exact == pytest.approx(float(s_in.p_win_of(k).sum()), abs=1e-9)


# --- rebels ----------------------------------------------------------------------------------------------
def rebel_case():
    """Seat 1: AAP 400, INC 300, BJP 500. Seat 2: AAP 300, INC 400, BJP 500. AAP must have seat 2 and at
    most 1 seat, so seat 1 must go to INC: 300 + 0.8 x 400 = 620 against BJP 500 + 80 = 580, won. With a
    20 % rebel of the denied AAP faction: rebel 80, INC 300 + 0.8 x 320 = 556, BJP 500 + 64 = 564: lost."""
    ds = small_dataset([(1, "A1", "AAP", 400), (1, "I1", "INC", 300), (1, "B1", "BJP", 500),
                        (2, "A2", "AAP", 300), (2, "I2", "INC", 400), (2, "B2", "BJP", 500)], 2)
    rules = RuleSet("r", (FactionClaim("aap-f", partner="AAP", faction="F", seats=(1,)),
                          MustHave("aap-2", partner="AAP", seats=(2,)),
                          SeatBounds("aap-max", partner="AAP", maximum=1)))
    return ds, Scenario(ds, rules=rules)


def test_a_denied_claim_with_a_20_percent_rebel_loses_the_seat():
    ds, sc = rebel_case()
    rebels = O.rebels_from(sc, {"aap-f": None})
    assert rebels == (Rebel(1, "AAP", 0.2),)
    plain = O.Optimiser(ds, sc, U.ZERO, draws=20, soft={"aap-f": 0.0}).optimise()
    assert list(plain.pools) == [1, 0] and plain.expected_alliance == 2.0
    opt = O.Optimiser(ds, sc, U.ZERO, draws=20, soft={"aap-f": 0.0}, rebels=rebels)
    r = opt.optimise()
    assert list(r.pools) == [1, 0] and r.expected_alliance == 1.0 and r.broken == {"aap-f": [1]}
    assert r.rule_prices["aap-max"] == 1.0      # AAP in seat 1 too: no rebel, the seat is won
    # the projection sees the rebel: INC 556, BJP 564, the rebel 80
    sc.pool = r.pools.astype(np.int8)
    ev = Engine(ds).evaluate(sc, rebels)
    pr = ev.projection
    assert pr.party_of(int(pr.winner[0])) == "BJP" and pr.margin_votes[0] == pytest.approx(8.0)
    v = ev.projector.outcomes.votes[1, 0]       # INC alone in seat 1
    assert v[1] == pytest.approx(556.0) and v[-1] == pytest.approx(80.0)
    assert pr.party_of(int(pr.winner[1])) == "AAP"
    # no rebel where the claimant holds the seat, nor in a friendly fight (the claimant fields its own)
    assert ev.projector.outcomes.votes[0, 0, -1] == 0 and ev.projector.outcomes.votes[2, 0, -1] == 0
    assert not ev.projector.outcomes.fielded[0, 0, -1]
    # without rebels the same engine gives the plain projection back, and the shared matrices are untouched
    plain_ev = Engine(ds).evaluate(sc)
    assert plain_ev.projection.party_of(int(plain_ev.projection.winner[0])) == "INC"
    assert "IND" not in plain_ev.projector.prepared.parties and "IND" in ev.projector.prepared.parties


def test_rebel_assumptions_are_checked():
    ds, sc = rebel_case()
    with pytest.raises(ValueError, match="not a partner"):
        Engine(ds).projector(sc.pools, sc.assumptions, (Rebel(1, "BJP"),))
    with pytest.raises(ValueError, match="outside 0-1"):
        Rebel(1, "AAP", 1.5)
    with pytest.raises(ValueError, match="no rule"):
        O.rebels_from(sc, {"nope": None})


# --- command line ----------------------------------------------------------------------------------------
ISSUE_KEYS = {"status", "assignments", "expected_alliance", "p_majority", "conflicting_rules", "rule_prices",
              "frontier", "walk_away", "seats", "solve_ms"}


def test_cli_infeasible_is_a_result(capsys):
    assert cli(["optimise", LEADS, "--draws", "300", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert ISSUE_KEYS <= set(d)
    assert d["status"] == "infeasible" and d["conflicting_rules"] == ["hooda-nominees", "aap-kalayat"]
    assert d["assignments"] == {} and d["conflict_seats"] == [16]


def test_cli_optimise_json_and_proposal_file(capsys, tmp_path):
    out = tmp_path / "proposal.json"
    assert cli(["optimise", LEADS, "--soft", "hooda-nominees", "--draws", "500", "--frontier", "AAP=0-12",
                "--lock", "Jind", "-o", str(out), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert ISSUE_KEYS <= set(d) and d["status"] == "optimal"
    assert sum(len(v) for v in d["assignments"].values()) == 90
    assert 36 in d["assignments"]["INC"]                       # Jind locked where the scenario has it
    assert set(d["rule_prices"]) == {"hooda-nominees", "aap-kalayat", "aap-kurukshetra", "aap-seat-count"}
    assert [(f["partner"], f["k"]) for f in d["frontier"]] == [("AAP", k) for k in range(13)]
    assert d["frontier"][0]["expected_alliance"] is None       # AAP must have Kalayat: k = 0 cannot be
    assert set(d["walk_away"]) == {"AAP", "INC"}
    assert set(d["walk_away"]["INC"]) >= {"alliance", "alone", "p_majority_alliance", "p_majority_alone"}
    seat = next(s for s in d["seats"] if s["ac_no"] == 16)
    assert set(seat["options"]) == {"AAP", "INC", "contested"} and seat["chosen"] == "AAP"
    assert seat["best"] in ("AAP", "INC")
    sc = Scenario.load(HARYANA, out)
    assert {k: sc.seats_in(k) for k in d["assignments"]} == d["assignments"]
    assert cli(["project", str(out), "--draws", "500", "--json"]) == 0
    p = json.loads(capsys.readouterr().out)
    assert p["uncertainty"]["p_majority"] == d["p_majority"]


@pytest.mark.parametrize("args, msg", [
    (["--soft", "nope"], "no enabled rule 'nope'"),
    (["--lock", "Atlantis"], "unknown seat"),
    (["--frontier", "BJP"], "not a partner"),
    (["--frontier", "AAP=5-2"], "range"),
    (["--draws", "0"], "at least 1"),
    (["--rebel", "36:BJP"], "not a partner"),
    (["--rebel", "hooda-nominees=150%"], "outside 0-1"),
    (["--objective", "fun"], "invalid choice"),
])
def test_cli_bad_input_exits_2_with_one_line(capsys, args, msg):
    assert cli(["optimise", LEADS] + ([] if "--draws" in args else ["--draws", "200"]) + args) == 2
    err = capsys.readouterr().err.strip()
    assert msg in err and "\n" not in err


def test_smoke_runs_a_real_solve():
    from explorer.gui.smoke import _smoke_optimise
    sc = scenario_from_preset(HARYANA, HARYANA.default_scenario)
    out = _smoke_optimise(HARYANA, sc)
    assert out.startswith("optimiser (HiGHS 1.16.0): ") and "all-hard conflict hooda-nominees+aap-kalayat" in out


def test_the_optimiser_is_a_pipeline_of_functions_of_values():
    """prepare -> constraints -> solve, on a snapshot; the typed Proposal carries both splits' figures
    (the hand case: seat 3 to INC for the bound, 0.9 + 0.8 + 0.55 + 0.6 = 2.85; now every seat is
    Unassigned, the split vote: 0.2 a seat)."""
    import time
    ds, sc = four_seats([SeatBounds("inc-min", partner="INC", minimum=2)])
    snap = sc.snapshot()
    table = O.prepare(snap, O.Settings(), win_prob=HAND_P)
    assert table.n_columns == 4 and table.expected(table.current) == pytest.approx(0.8)
    cons = O.constraints(table, snap.rules, soft={}, locks=[4])
    assert [c.id for c in cons] == ["lock:4", "inc-min"]
    with pytest.raises(ValueError, match="soft: no enabled rule 'x'"):
        O.constraints(table, snap.rules, soft={"x": 1.0})
    # the lock keeps seat 4 Unassigned (0.2): INC needs two of seats 1-3, the cheapest 3 and 2
    p = O.solve(table, cons, "seats", O.Budget(time_limit=5.0), rules=snap.rules)
    assert [table.pools.key(int(x)) for x in p.pools] == ["AAP", "INC", "INC", "unassigned"]
    assert p.expected_alliance == pytest.approx(0.9 + 0.7 + 0.55 + 0.2)
    assert p.proposed.labels == ("AAP", "INC", "INC", "Unassigned") and p.current.labels == ("Unassigned",) * 4
    assert list(p.current.win_prob) == pytest.approx([0.2] * 4) and p.current.broken == {"inc-min": [1, 2, 3, 4]}
    # the price of the bound (a lock is not priced): without it AAP in 1-3, 0.9 + 0.8 + 0.6 + 0.2 = 2.5
    assert p.rule_prices == {"inc-min": pytest.approx(0.15)}
    # the same through the bundle the CLI and tests use
    assert hand([SeatBounds("inc-min", partner="INC", minimum=2)], locked=[4]).optimise().expected_alliance == \
        pytest.approx(p.expected_alliance)
    # a deadline for the whole question bounds every solve; without one, the time limit per solve
    assert O.Budget(time_limit=3.0).seconds() == 3.0
    assert O.Budget(time_limit=3.0, deadline=time.perf_counter() - 1.0).seconds() == 0.0
