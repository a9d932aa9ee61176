"""How sure is the projection: the simulation, its fit, the cushion and the back-tests."""
import json

import numpy as np
import pandas as pd
import pytest

from explorer.cli import main as cli
from explorer.core.assumptions import Assumptions
from explorer.core.backtest import backtest
from explorer.core.dataset import SEAT_COLUMNS, Baseline, Dataset, SeatTable
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.pools import DEFAULT_PARTNERS
from explorer.core.scenario import Scenario, scenario_from_preset
from explorer.core import uncertainty as U

from .helpers import tiny_dataset

HARYANA = load_embedded()


def three_seats() -> Dataset:
    """Seat 1: INC 900 to BJP 100 (a huge margin). Seat 2: INC 500, BJP 500 exactly (zero margin,
    and the two candidates are alike in every way). Seat 3: AAP 450, BJP 550."""
    seats = pd.DataFrame([(1, "Huge", "D", 1, "P", "GEN", np.nan, np.nan),
                          (2, "Even", "D", 1, "P", "GEN", np.nan, np.nan),
                          (3, "Close", "D", 1, "P", "GEN", np.nan, np.nan)], columns=SEAT_COLUMNS)
    c = pd.DataFrame([(1, 0, "I1", "INC", 900), (1, 0, "B1", "BJP", 100),
                      (2, 0, "I2", "INC", 500), (2, 0, "B2", "BJP", 500),
                      (3, 0, "A3", "AAP", 450), (3, 0, "B3", "BJP", 550)],
                     columns=["ac_no", "candidate_no", "candidate", "party", "votes"])
    return Dataset(id="three", name="Three", seats=SeatTable(seats), baselines={"b": Baseline("b", "B", c)},
                   default_baseline="b", partners=DEFAULT_PARTNERS)


def simulate(ds, sc, params, draws=4000, seed=1):
    ev = Engine(ds).evaluate(sc)
    sim = U.Simulator(ev.projector, ds, params, draws, seed)
    return ev, sim, sim.run(sc.pool, ds.majority)


def test_huge_margin_is_sure_and_zero_margin_is_even():
    ds = three_seats()
    sc = Scenario(ds)
    sc.assign_all("contested")
    params = U.UncertaintyParams(state_sd=0.0, region_sd=0.0, seat_sd=5.0, transfer_sd=0.0, df=30)
    _, _, s = simulate(ds, sc, params, draws=20_000)
    inc = s.parties.index("INC")
    assert s.p_win[0, inc] == 1.0               # 80 points ahead, seat noise of 5
    assert abs(s.p_win[1, inc] - 0.5) < 0.015   # by symmetry (20,000 draws: sd of the estimate 0.0035)
    # AAP 10 points behind BJP, each with noise of sd 5 (normal at df 30): P = Phi(-10 / sqrt(50)) = 0.0786
    assert abs(s.p_alliance[2] - 0.0786) < 0.01


def test_zero_uncertainty_reproduces_the_deterministic_projection():
    for sc in (scenario_from_preset(HARYANA, "AAP's Lok Sabha leads"), scenario_from_preset(HARYANA, "No alliance")):
        ev, sim, s = simulate(HARYANA, sc, U.ZERO, draws=50)
        pr = ev.projection
        assert (s.p_win[np.arange(90), pr.winner] == 1.0).all()
        assert (s.alliance_seats == pr.alliance_seats).all()
        assert s.p_majority == float(pr.alliance_seats >= pr.majority)


def test_same_seed_same_figures_other_seed_other_draws():
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    params, _ = U.params_for(HARYANA)
    _, _, a = simulate(HARYANA, sc, params, seed=7)
    _, _, b = simulate(HARYANA, sc, params, seed=7)
    _, _, c = simulate(HARYANA, sc, params, seed=8)
    assert np.array_equal(a.alliance_seats, b.alliance_seats) and np.array_equal(a.p_win, b.p_win)
    assert not np.array_equal(a.alliance_seats, c.alliance_seats)


def test_a_move_updates_only_the_moved_seats_and_equals_a_full_run():
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    params, _ = U.params_for(HARYANA)
    ev, sim, _ = simulate(HARYANA, sc, params)
    pool = sc.pool.copy()
    pool[[4, 9, 30]] = sc.pools.contested
    moved = sim.move(pool, HARYANA.majority)
    fresh = U.Simulator(ev.projector, HARYANA, params, 4000, 1, bank=sim.bank).run(pool, HARYANA.majority)
    assert np.array_equal(moved.alliance_seats, fresh.alliance_seats)
    assert np.array_equal(moved.party_seats, fresh.party_seats) and np.allclose(moved.p_win, fresh.p_win)
    assert np.allclose(moved.tipping, fresh.tipping)


def test_a_moves_cost_counts_the_seat_draws_it_redraws():
    """``move_cost``: the seats whose pool changed times the draws (4,000 here), every seat's (90)
    once more than a quarter changed (``move`` runs afresh then); nothing is moved by asking."""
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    params, _ = U.params_for(HARYANA)
    _, sim, _ = simulate(HARYANA, sc, params)
    others = np.flatnonzero(sc.pool != sc.pools.contested)      # seats a move to Contested changes
    assert len(others) > 23
    pool = sc.pool.copy()
    assert sim.move_cost(pool) == 0
    pool[others[:3]] = sc.pools.contested
    assert sim.move_cost(pool) == 3 * 4000
    pool[others[:22]] = sc.pools.contested                      # 22 of 90: not more than a quarter
    assert sim.move_cost(pool) == 22 * 4000
    pool[others[:23]] = sc.pools.contested                      # 23: a full run of the 90 seats
    assert sim.move_cost(pool) == 90 * 4000
    assert sim.move_cost(sc.pool) == 0                          # asking moved nothing


def test_a_friendly_fight_the_simulator_has_not_met_costs_a_run_of_every_seat():
    """A fight between some partners only, new to the simulator: ``move`` prepares it again
    (every seat's contenders, as costly as a run of every seat), so ``move_cost`` says every
    seat's draws even for one seat; once prepared, the same fight in another seat costs that seat."""
    from explorer.core.dataset_io import load_embedded
    from explorer.core.engine import Engine
    ds = load_embedded("jharkhand")
    sc = scenario_from_preset(ds, "INDIA bloc 2024")
    params, _ = U.params_for(ds)
    sim = U.Simulator(Engine(ds).evaluate(sc).projector, ds, params, 2000)
    pools = sc.pool.astype(np.int64)
    sim.run(pools, ds.majority, sc.fight_masks())     # the preset's fights: JMM v CPI(ML)L, INC v RJD
    a, b = [x for x in ds.seats.ac_no.tolist() if sc.pool_of(x) == "JMM"][:2]
    sc.assign([a, b], "contested")
    pools = sc.pool.astype(np.int64)
    assert sim.move_cost(pools, sc.fight_masks()) == 2 * 2000         # every partner fights: prepared
    sim.move(pools, ds.majority, sc.fight_masks())
    sc.set_fights({a: ("INC", "RJD")})
    assert sim.move_cost(pools, sc.fight_masks()) == 1 * 2000         # the preset's fight: prepared
    sim.move(pools, ds.majority, sc.fight_masks())
    sc.set_fights({a: ("JMM", "INC")})
    assert sim.move_cost(pools, sc.fight_masks()) == 81 * 2000        # JMM v INC: not met yet
    sim.move(pools, ds.majority, sc.fight_masks())                     # prepared again here
    sc.set_fights({b: ("JMM", "INC")})
    assert sim.move_cost(pools, sc.fight_masks()) == 1 * 2000


def test_shares_stay_in_range_and_party_seats_add_up():
    sc = scenario_from_preset(HARYANA, "No alliance")
    params, _ = U.params_for(HARYANA, "high")
    _, _, s = simulate(HARYANA, sc, params)
    assert (s.party_seats.sum(axis=1) == 90).all()         # every seat has exactly one winner per draw
    assert np.allclose(s.p_win.sum(axis=1), 1.0)
    assert 0 < s.p_majority < 1


def test_fit_from_consecutive_elections():
    p, rep = U.fit(HARYANA)
    assert rep["pairs"] == [["vs2019", "vs2024"], ["ls2024", "vs2024"]]
    # the statewide changes it is built from, counted from the files: INC 28.08 % -> 39.09 % in 2019->2024
    inc = next(u for u in rep["parties"] if u[:3] == ("vs2019", "vs2024", "INC"))
    assert inc[3:5] == (28.08, 39.09)
    assert 5 < p.state_sd < 10 and 5 < p.seat_sd < 20 and 3 <= p.df <= 30
    low, high = U.haryana_params_for(HARYANA, "low")[0], U.haryana_params_for(HARYANA, "high")[0]
    assert low.seat_sd == pytest.approx(p.seat_sd / 2) and high.state_sd == pytest.approx(p.state_sd * 1.5)
    # Jharkhand has two assembly elections (2019 from the India assembly corpus, 2024): its own sizes
    jp, jrep = U.haryana_params_for(load_embedded("jharkhand"))
    assert jrep["pairs"] == [["vs2019", "vs2024"]] and jp != p and 3 < jp.state_sd < 10


def test_cushion_on_a_hand_made_case():
    ds = tiny_dataset()
    sc = Scenario(ds)
    sc.assign_all("INC")  # INC alone with 80 % of AAP: seat 1 380 v 500+, seat 2 470 v 400+, seat 3 46 v 400
    ev = Engine(ds).evaluate(sc)
    c = U.cushion(ev.projector, sc.pool, ds.majority)
    curve = dict((s, n) for s, n in c["curve"])
    assert c["rival"] == "BJP" and curve[0.0] == ev.projection.alliance_seats == 1
    assert curve[10.0] >= 2 and curve[-10.0] == 0
    assert c["majority_won_at"] is not None and c["majority_lost_at"] is None


def test_one_cushion_follows_many_splits():
    """The window keeps one Cushion per projector and asks it after every move: each answer is
    a fresh cushion's, and at no swing it is the projection's own alliance seats."""
    ds = load_embedded("jharkhand")
    sc = Scenario(ds)
    engine = Engine(ds)
    rng = np.random.default_rng(5)
    ev = engine.evaluate(sc)
    reused = U.Cushion(ev.projector)
    rivals = set()
    for _ in range(25):
        sc.pool[:] = rng.integers(0, len(sc.pools), size=ds.seats.n)
        ev = engine.evaluate(sc)
        assert ev.projector is reused.pj
        c = reused(sc.pool, ds.majority)
        assert c == U.Cushion(ev.projector)(sc.pool, ds.majority)
        assert dict(c["curve"])[0.0] == ev.projection.alliance_seats
        rivals.add(c["rival"])
    assert rivals == {"BJP"}


def test_project_cli_adds_the_uncertainty(capsys):
    rc = cli(["project", "--baseline", "ls2024", "--assign-all", "INC", "--draws", "2000", "--json"])
    d = json.loads(capsys.readouterr().out)
    assert rc == 0
    u = d["uncertainty"]
    assert set(u) >= {"draws", "p_majority", "alliance_seats", "seats", "tipping_seats", "cushion"}
    assert u["draws"] == 2000 and 0 <= u["p_majority"] <= 1
    a = u["alliance_seats"]
    assert a["p10"] <= a["median"] <= a["p90"] and a["p10"] <= d["alliance"] <= a["p90"]
    assert {"majority_lost_at", "curve"} <= set(u["cushion"]) and len(u["cushion"]["curve"]) == 41
    seat = d["per_seat"][0]
    assert abs(sum(seat["p_win"].values()) - 1) < 0.01 and 0 <= seat["p_alliance"] <= 1
    assert len(u["tipping_seats"]) == 10 and all(1 <= a <= 90 for a in u["tipping_seats"])
    # the headline: the expected seats (the per-seat P(alliance) added up), the partners' adding up to
    # them, and the seats led on the projected votes (the JSON's "alliance") named as such
    h = u["headline"]
    assert h["point"] == "expected seats" and h["leads"] == d["alliance"] and h["p_majority"] == u["p_majority"]
    assert abs(h["expected"] - sum(r["p_alliance"] for r in d["per_seat"])) < 0.01 and a["mean"] == h["expected"]
    assert h["seats"] == int(h["expected"] + 0.5) and sum(h["partners"].values()) == h["seats"]
    assert list(h["partners"]) == ["AAP", "INC"] and (h["p10"], h["median"], h["p90"]) == (a["p10"], a["median"], a["p90"])


def test_project_cli_text_heads_with_the_expected_seats(capsys):
    rc = cli(["project", "--baseline", "ls2024", "--assign-all", "INC", "--draws", "2000"])
    out = capsys.readouterr().out
    rc2 = cli(["project", "--baseline", "ls2024", "--assign-all", "INC", "--draws", "2000", "--json"])
    h = json.loads(capsys.readouterr().out)["uncertainty"]["headline"]
    assert rc == rc2 == 0
    o = U.majority_outlook(h["p_majority"])
    assert (f"Alliance: {h['seats']} of 90 expected (80 %: {h['p10']}–{h['p90']}, majority 46), P(majority) "
            f"{o.percent} ({o.words}); leads in {h['leads']} on the projected votes") in out
    assert f"  expected seats: AAP {h['partners']['AAP']}, INC {h['partners']['INC']} (the mean" in out
    assert f"Uncertainty (2,000 draws): alliance {h['seats']} expected ({h['expected']:.1f}; median {h['median']}" in out


@pytest.mark.parametrize("frm", ["vs2019", "ls2024"])
def test_haryana_backtests_beat_the_deterministic_projection(frm):
    r = backtest(HARYANA, frm, "vs2024", draws=4000)
    assert r["brier"] < r["brier_deterministic"] and r["log_loss"] < r["log_loss_deterministic"]
    assert r["coverage80"]["BJP"] and r["coverage80"]["INC"]
    assert r["intervals"]["BJP"]["real"] == 48 and r["intervals"]["INC"]["real"] == 37
    # seats right, counted by hand from the files: 2019's winner kept the seat in 41; the 2024
    # Lok Sabha segment leader won it in 67
    assert r["hits"] == {"vs2019": 41, "ls2024": 67}[frm]
    assert "left out" in r["fit"]


def test_backtest_cli(capsys):
    rc = cli(["backtest", "--from", "ls2024", "--to", "vs2024", "--draws", "1000", "--json"])
    d = json.loads(capsys.readouterr().out)
    assert rc == 0 and set(d) >= {"seats", "hits", "brier", "brier_deterministic", "log_loss", "coverage80", "draws"}
    rc = cli(["backtest", "--from", "vs2019", "--to", "vs1999"])
    assert rc == 2 and "unknown baseline 'vs1999'" in capsys.readouterr().err


def test_seat_interval_is_numpys_nearest_percentile():
    from explorer.core.uncertainty import seat_interval
    rng = np.random.default_rng(7)
    cases = [np.array([5]), np.array([3, 9]), np.array([4, 4, 4, 4]), np.arange(11), np.arange(10)]
    cases += [rng.integers(0, rng.integers(1, 120), size=rng.integers(1, 3000)) for _ in range(300)]
    cases += [rng.binomial(90, 0.4, size=10_000).astype(np.int32)]
    for x in cases:
        want = tuple(int(v) for v in np.percentile(x, [50, 10, 90], method="nearest"))
        assert seat_interval(x) == want, (len(x), want)


def test_a_partner_standing_where_it_had_no_candidate_is_simulated_as_a_candidate():
    """Pakaur (5) given to RJD, which had no candidate there in 2024: the point projection has RJD
    winning with the transferred JMM/INC/CPI(ML)L vote (+13 points); the simulated elections must
    count RJD as a candidate too (they had it at P(win) 0 and gave the seat to AJSU or SP)."""
    from explorer.core.scenario import scenario_from_preset
    ds = load_embedded("jharkhand")
    sc = scenario_from_preset(ds, "INDIA bloc 2024")
    c = ds.baselines[sc.assumptions.baseline].candidates
    assert not ((c["ac_no"] == 5) & (c["party"] == "RJD")).any()       # RJD did not stand in Pakaur
    sc.assign([5], "RJD")
    ev = Engine(ds).evaluate(sc)
    i = ds.seats.index_of(5)
    assert ev.projection.parties[ev.projection.winner[i]] == "RJD" and ev.alliance_margin[i] > 10
    params, _ = U.params_for(ds)
    sim = U.Simulator(ev.projector, ds, params, 2000)
    s = sim.run(sc.pool.astype(np.int64), ds.majority, sc.fight_masks())
    rjd = s.parties.index("RJD")
    # the most likely winner; below even odds since INDIA, the largest in 2019 and 2024, draws the
    # seat model's re-elected incumbent's centre (0.49; 0.55 without it)
    assert sim.reelected == "alliance" and s.p_alliance[i] > 0.4 and s.p_win[i].argmax() == rjd


@pytest.mark.parametrize("p, shown", [(0.997, "> 99 %"), (0.003, "< 1 %"), (1.0, "100 %"), (0.0, "0 %"),
                                      (0.994, "> 99 %"), (0.006, "< 1 %"), (0.99, "99 %"), (0.01, "1 %"),
                                      (0.46, "46 %")])
def test_a_probability_short_of_certainty_never_reads_100_or_0_percent(p, shown):
    assert U.probability_percent(p) == shown
    assert U.majority_outlook(p).percent == shown


@pytest.mark.parametrize("p, shown", [(0.9996, "> 99.9 %"), (0.0004, "< 0.1 %"), (1.0, "100.0 %"), (0.0, "0.0 %"),
                                      (0.999, "99.9 %"), (0.001, "0.1 %"), (0.522, "52.2 %")])
def test_with_one_place_a_probability_short_of_certainty_never_reads_100_or_0_percent(p, shown):
    """The Walk-away dock's P(majority) columns show one place: 0.9996 is not "100.0 %"."""
    assert U.probability_percent(p, 1) == shown


def test_a_summarys_party_columns_and_p_majority_read_by_hand():
    """Four draws, three parties of which 0 and 2 win somewhere: a party's seats per draw are its
    column (zeros for party 1, which wins nowhere), and P(majority) the share of draws at 2 or more,
    the same when asked again."""
    s = U.Summary(4, ["A", "B", "C"], np.array([[0, 2]]), np.array([[3, 1]]), np.array([0.75]),
                  np.array([1, 2, 2, 0]), np.array([0, 2]), (np.array([1, 1, 0, 1]), np.array([0, 0, 1, 0])),
                  2, np.zeros(1))
    assert s.seats_of(0).tolist() == [1, 1, 0, 1] and s.seats_of(2).tolist() == [0, 0, 1, 0]
    assert s.seats_of(1).tolist() == [0, 0, 0, 0]
    assert s.p_majority == 0.5 and s.p_majority == 0.5


def test_a_split_come_back_to_reads_its_seats_from_the_memo_with_the_same_figures(monkeypatch):
    """Haryana's 90 seats x 4,000 draws: each (variant, seat) is worked out once; assign all to
    AAP, then INC, then AAP again works out 90 + 90 + 0 seats, and the third run's figures are a
    fresh simulator's. With room for 100 rows only, the oldest go: AAP's 90 are worked out again."""
    sc = Scenario(HARYANA)
    params, _ = U.params_for(HARYANA)
    ev, sim, _ = simulate(HARYANA, sc, params)
    drawn = []
    real = U.Simulator._win_slots

    def counting(self, seats, variants, wide=None):
        drawn.append(len(seats))
        return real(self, seats, variants, wide)
    monkeypatch.setattr(U.Simulator, "_win_slots", counting)
    sims = []
    for key in ("AAP", "INC", "AAP"):
        drawn.clear()
        sc.assign_all(key)
        summ = sim.move(sc.pool, HARYANA.majority)
        sims.append((sum(drawn), summ))
    assert [n for n, _ in sims[:2]] == [90, 90] and sims[2][0] == 0
    fresh = U.Simulator(ev.projector, HARYANA, params, 4000, 1, bank=sim.bank).run(sc.pool, HARYANA.majority)
    again = sims[2][1]
    assert np.array_equal(again.alliance_seats, fresh.alliance_seats)
    assert np.array_equal(again.seat_wins, fresh.seat_wins) and np.array_equal(again.tipping, fresh.tipping)
    monkeypatch.setattr(U, "MEMO_BYTES", 100 * 4000)      # room for 100 rows: the oldest go first
    small = U.Simulator(ev.projector, HARYANA, params, 4000, 1, bank=sim.bank)
    small.run(sc.pool, HARYANA.majority)                    # AAP's 90 rows kept
    sc.assign_all("INC")
    small.move(sc.pool, HARYANA.majority)                   # INC's 90 kept, 80 of AAP's let go
    assert len(small._memo) == 100
    drawn.clear()
    sc.assign_all("AAP")
    small.move(sc.pool, HARYANA.majority)
    assert sum(drawn) == 90         # the 10 left were the oldest when the first new ones came
    assert sim.first_draws(1000)._memo == {}       # other draws: a memo of its own
