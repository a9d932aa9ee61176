"""The app's uncertainty draws with the seat model fitted on India's elections
(resources/seat_model.json): every bloc swings as one, the figures add up by bloc in every draw,
the transfer is drawn around the fitted rate unless the user set one, and a poll moves seats."""
import json
import math
from dataclasses import replace

import numpy as np
import pytest

from explorer.core import uncertainty as U
from explorer.core.blocs import RivalBloc, bloc_index
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.paths import resource_root
from explorer.core.scenario import Scenario, scenario_from_preset
from explorer.core.seat_model import Sizes

from .test_uncertainty import three_seats

HARYANA = load_embedded()
DOC = json.loads((resource_root() / "seat_model.json").read_text(encoding="utf-8"))
NDA = ("BJP", "AJSU", "JD(U)", "LJP(RV)")


def test_the_app_draws_with_the_shipped_sizes_at_each_level():
    m, doc = U.params_for(HARYANA)
    assert m.sizes == Sizes.from_json(DOC["sizes"]) and doc["backtest"]["covered80"] == DOC["backtest"]["covered80"]
    low, _ = U.params_for(HARYANA, "low")
    assert low.sizes.state_sd == pytest.approx(DOC["sizes"]["state_sd"] / 2)
    assert low.sizes.seat_sd == pytest.approx(DOC["sizes"]["seat_sd"] / 2)
    assert low.sizes.seat_keep == DOC["sizes"]["seat_keep"] and low.sizes.transfer == DOC["sizes"]["transfer"]
    # Jharkhand draws with the same model
    assert U.params_for(load_embedded("jharkhand"))[0] == m


def test_a_blocs_statewide_share_by_hand():
    # three seats of 1,000 votes; AAP and INC the alliance, every seat Contested. Ours stands in each
    # seat by its strongest partner alone: seat 1 INC 900 (90 %), seat 2 INC 500 (50 %), seat 3 AAP
    # 450 (45 %; INC alone would have 80 % of it, 36 %): (90 + 50 + 45) / 3. BJP: (10 + 50 + 55) / 3.
    ds = three_seats()
    sc = Scenario(ds)
    sc.assign_all("contested")
    sim = U.Simulator(Engine(ds).evaluate(sc).projector, ds, U.params_for(ds)[0], 200, 1)
    assert sim.statewide["alliance"] == pytest.approx(185 / 3, abs=1e-3)
    assert sim.statewide["BJP"] == pytest.approx(115 / 3, abs=1e-3)


@pytest.fixture(scope="module")
def jh():
    ds = load_embedded("jharkhand")
    sc = Scenario(ds, name="two blocs")
    sc.lineage_to = 0
    sc.assign_all("contested")
    sc.set_assumptions(sc.assumptions.with_baseline("vs2019"))
    sc.set_rivals((RivalBloc("NDA", NDA, "baseline"),), "INDIA")
    return ds, sc, Engine(ds).evaluate(sc)


def test_every_draw_adds_up_by_bloc_and_a_bloc_moves_as_one(jh):
    ds, sc, ev = jh
    sim = U.Simulator(ev.projector, ds, U.params_for(ds)[0], 3000, 5)
    s = sim.run(sc.pool, ds.majority, sc.fight_masks())
    bi = bloc_index(s.parties, ev.projection.n_partners, "INDIA", ev.projector.rivals)
    per = bi.counts(s.party_seats)
    assert (per.sum(axis=1) == 81).all()                   # blocs + unaligned + independents (+ tied: none)
    assert (per[:, bi.tied] == 0).all()
    iv = U.bloc_intervals(s, bi)
    assert set(iv) == {"INDIA", "NDA", "unaligned", "independents"}
    # NDA's partners share the bloc's statewide swing: BJP's and AJSU's seats rise and fall together
    bjp, ajsu = s.parties.index("BJP"), s.parties.index("AJSU")
    assert np.corrcoef(s.party_seats[:, bjp], s.party_seats[:, ajsu])[0, 1] > 0.3
    # and the two blocs against each other
    assert np.corrcoef(per[:, 0], per[:, 1])[0, 1] < -0.8


def test_a_move_with_rivals_equals_a_full_run(jh):
    ds, sc, ev = jh
    params = U.params_for(ds)[0]
    sim = U.Simulator(ev.projector, ds, params, 2000, 3)
    sim.run(sc.pool, ds.majority)
    pool = sc.pool.copy()
    pool[[0, 7, 40]] = sc.pools.index("JMM")
    moved = sim.move(pool, ds.majority)
    fresh = U.Simulator(ev.projector, ds, params, 2000, 3, bank=sim.bank).run(pool, ds.majority)
    assert np.array_equal(moved.party_seats, fresh.party_seats) and np.allclose(moved.p_win, fresh.p_win)


def test_the_transfer_is_drawn_around_the_fitted_rate_unless_the_user_set_one():
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    params = U.params_for(HARYANA)[0]
    sim = U.Simulator(Engine(HARYANA).evaluate(sc).projector, HARYANA, params, 500, 1)
    assert sim.transfer_centre == DOC["sizes"]["transfer"]
    a = sc.assumptions.with_transfer("AAP", "INC", 0.5).with_transfer("INC", "AAP", 0.3)
    sc.set_assumptions(a)
    sim = U.Simulator(Engine(HARYANA).evaluate(sc).projector, HARYANA, params, 500, 1)
    assert sim.transfer_centre == pytest.approx(0.4)      # the user's two rates, on average


def poll_seats(poll: dict[str, float]) -> dict[str, int]:
    sc = Scenario(HARYANA, name="no alliance")
    sc.set_assumptions(sc.assumptions.with_baseline("vs2019"))
    sc.assign_all("contested")
    params = U.params_for(HARYANA)[0].with_poll(poll)
    sim = U.Simulator(Engine(HARYANA).evaluate(sc).projector, HARYANA, params, 2000, 1)
    s = sim.run(sc.pool, HARYANA.majority)
    return {k: v["median"] for k, v in U.party_intervals(s).items()}


def test_a_poll_moves_seats_the_right_way():
    low, high = poll_seats({"BJP": 40, "INC": 35}), poll_seats({"BJP": 40, "INC": 45})
    assert high["INC"] > low["INC"] + 10 and high["BJP"] < low["BJP"] - 10
    assert sum(low.values()) <= 90 and sum(high.values()) <= 90


def test_a_poll_with_zero_noise_and_a_perfect_poll_is_deterministic():
    # the poll form with every spread at 0: every draw alike
    sc = Scenario(HARYANA, name="no alliance")
    sc.set_assumptions(sc.assumptions.with_baseline("vs2019"))
    sc.assign_all("contested")
    params = U.params_for(HARYANA)[0].with_poll({"BJP": 40, "INC": 39}).scaled(0.0)
    s = U.Simulator(Engine(HARYANA).evaluate(sc).projector, HARYANA, params, 50, 1).run(sc.pool, HARYANA.majority)
    assert (s.party_seats == s.party_seats[0]).all() and s.party_seats[0].sum() == 90


def test_the_optimisers_draws_take_the_scenarios_poll():
    from explorer.core import optimise as O
    from explorer.core.poll import poll_swings
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    poll = {"BJP": 36.0, "INC": 45.0}
    sc.set_assumptions(sc.assumptions.with_poll(poll, poll_swings(HARYANA.baseline(sc.assumptions.baseline).candidates,
                                                                  poll)))
    opt = O.Optimiser(HARYANA, sc, draws=300)
    assert opt.table.sim.params.poll == (("BJP", 0.36), ("INC", 0.45))
    assert opt.table.sim.params.sizes == Sizes.from_json(DOC["poll_sizes"])


def test_a_blocs_statewide_swing_spread_follows_its_size(jh):
    # the shipped spread is a power of the contender's statewide share (resources/seat_model.json:
    # state_pow < 0): a big bloc's log-swing spreads less than a small party's, in the ratio of
    # Sizes.state_spread; its tails are a t (the quartiles of a unit-variance t, times the spread)
    ds, sc, ev = jh
    sim = U.Simulator(ev.projector, ds, U.params_for(ds)[0], 4000, 5)
    z = sim.params.sizes
    assert z.state_pow < 0 and np.isfinite(z.state_df)
    X = np.array([sim.statewide[c] for c in sim.contenders]) / 100.0
    lg = np.log(sim.c_draws[:len(X)].astype(np.float64))
    iqr = np.subtract(*np.percentile(lg, [75, 25], axis=1))
    big, small = int(np.argmax(X)), int(np.argmin(np.where(X > 0.01, X, 1.0)))
    want = z.state_spread(X[[big, small]])
    assert X[big] > 0.3 and X[small] < 0.1
    assert iqr[big] / iqr[small] == pytest.approx(want[0] / want[1], rel=0.15)


def test_the_seat_noise_follows_the_seat_s_votes(jh):
    # the shipped seat noise is (seat_sd + seat_slope x share) x (votes / 100,000) ** seat_votes_pow:
    # a seat with fewer votes (personal votes weigh more) gets more noise, share for share
    from explorer.core.seat_model import seat_votes_factor
    ds, sc, ev = jh
    sim = U.Simulator(ev.projector, ds, U.params_for(ds)[0], 200, 5)
    z = sim.params.sizes
    assert z.seat_votes_pow < 0
    plain = 100.0 * z.seat_sd + z.seat_slope * np.clip(sim.share, 0, 100)
    ratio = sim.nsd / plain
    votes = np.asarray(ev.projector.prepared.valid_votes, dtype=np.float64)
    party = np.asarray(sim.parties, dtype=object)[np.maximum(sim.party, 0)]
    cand = sim.valid & (party != "IND")
    want = np.broadcast_to(seat_votes_factor(z, votes)[None, :, None], ratio.shape)
    assert ratio[cand] == pytest.approx(want[cand], rel=1e-4)
    assert votes.min() < votes.max() and want[cand].max() > want[cand].min()


def test_the_app_refuses_a_district_swing_with_t_tails():
    # the sixth round's district swing with t tails was tried and not kept: the app does not draw it
    ds = three_seats()
    sc = Scenario(ds)
    sc.assign_all("contested")
    m = U.params_for(ds)[0]
    with pytest.raises(ValueError, match="district swing with t tails"):
        U.Simulator(Engine(ds).evaluate(sc).projector, ds, replace(m, sizes=replace(m.sizes, region_df=3.0)), 200, 1)


def test_a_statewide_factor_stops_at_the_whole_vote():
    # a party at 2 % statewide can be multiplied by at most 50 (100 %); a draw of exp(1000) would
    # overflow float32 and turn a seat's share into inf or nan
    f = U._factor(np.array([[1000.0, math.log(3.0)], [0.0, -1.0]]), np.array([2.0, 40.0]))
    assert f == pytest.approx(np.array([[50.0, 3.0], [1.0, math.exp(-1.0)]]))


def test_the_app_keeps_part_of_the_district_s_lead_by_hand():
    # three seats of one district, seat_keep 0 and half the district's lead kept (keep_region):
    # BJP has 10, 50, 55 % (38.33 statewide); seat 1's district without it averages 52.5 %, seat
    # 2's 32.5, seat 3's 30: BJP's share before the swing is 38.33 + half of 14.17, -5.83, -8.33
    # (these leads average 0 over the three seats: nothing to recentre)
    ds = three_seats()
    sc = Scenario(ds)
    sc.assign_all("contested")
    z = Sizes(form="proportional", state_sd=0.0, seat_keep=0.0, keep_region=0.5, partner_sd=0.0, region_sd=0.0)
    sim = U.Simulator(Engine(ds).evaluate(sc).projector, ds, U.ModelParams(z), 50, 1)
    bjp = sim.parties.index("BJP")
    at = (sim.party == bjp) & sim.valid
    want = np.broadcast_to((115 / 3 + 0.5 * np.array([52.5 - 115 / 3, 32.5 - 115 / 3, 30 - 115 / 3]))[None, :, None],
                           at.shape)
    assert at[:, :, :].any(axis=(0, 2)).all()
    assert sim.base[at] == pytest.approx(want[at], abs=1e-4)
    # the same without the district's part: every BJP slot at its statewide share
    plain = U.Simulator(Engine(ds).evaluate(sc).projector, ds, U.ModelParams(replace(z, keep_region=0.0)), 50, 1)
    assert plain.base[at] == pytest.approx(np.full(at.sum(), 115 / 3), abs=1e-4)


def two_elections(earlier: list) -> "U.Dataset":
    """three_seats() with an earlier Vidhan Sabha result (2019, ``earlier``: rows as three_seats'
    candidates) before its own (2024)."""
    import pandas as pd

    from explorer.core.dataset import Baseline, Dataset
    ds = three_seats()
    now = ds.baselines["b"]
    cols = ["ac_no", "candidate_no", "candidate", "party", "votes"]
    return Dataset(id="two", name="Two", seats=ds.seats, default_baseline="b24", partners=ds.partners,
                   baselines={"b19": Baseline("b19", "2019", pd.DataFrame(earlier, columns=cols), year=2019),
                              "b24": Baseline("b24", "2024", now.candidates, year=2024)})


def test_a_re_elected_incumbent_s_own_centre_by_hand():
    # 2024 (three_seats): INC 900-100, INC 500-500 BJP (a tie: the first candidate listed), BJP 550-450 AAP:
    # our bloc (INC, AAP) won 2 seats, BJP 1. 2019: INC, INC, BJP again: our bloc re-elected, and its
    # statewide swing's centre moves by swing_reelected: with no spread its factor is
    # exp(a + b X + swing_reelected), X = 185 / 3 points, against exp(a + b X) for BJP (X = 115 / 3)
    rows19 = [(1, 0, "I1", "INC", 700), (1, 0, "B1", "BJP", 300), (2, 0, "I2", "INC", 600),
              (2, 0, "B2", "BJP", 400), (3, 0, "A3", "AAP", 300), (3, 0, "B3", "BJP", 700)]
    ds = two_elections(rows19)
    sc = Scenario(ds)
    sc.assign_all("contested")
    z = Sizes(form="proportional", swing_a=0.1, swing_b=-0.5, state_sd=0.0, swing_reelected=-0.12,
              partner_sd=0.0, region_sd=0.0)
    sim = U.Simulator(Engine(ds).evaluate(sc).projector, ds, U.ModelParams(z), 50, 1)
    assert sim.reelected == "alliance"
    ours, bjp = sim.contenders.index("alliance"), sim.contenders.index("BJP")
    assert sim.c_draws[ours] == pytest.approx(np.full(50, math.exp(0.1 - 0.5 * 185 / 300 - 0.12)), rel=1e-5)
    assert sim.c_draws[bjp] == pytest.approx(np.full(50, math.exp(0.1 - 0.5 * 115 / 300)), rel=1e-5)
    # 2019 won by BJP in all three seats: a new incumbent, no re-elected centre
    ds2 = two_elections([(a, n, c, p, 900 if p == "BJP" else 100) for a, n, c, p, v in rows19])
    sc2 = Scenario(ds2)
    sc2.assign_all("contested")
    sim2 = U.Simulator(Engine(ds2).evaluate(sc2).projector, ds2, U.ModelParams(z), 50, 1)
    assert sim2.reelected is None
    assert sim2.c_draws[ours] == pytest.approx(np.full(50, math.exp(0.1 - 0.5 * 185 / 300)), rel=1e-5)
    # the 2019 result as the baseline: no election before it in the data set
    sc3 = Scenario(ds)
    sc3.assign_all("contested")
    sc3.set_assumptions(sc3.assumptions.with_baseline("b19"))
    assert U.Simulator(Engine(ds).evaluate(sc3).projector, ds, U.ModelParams(z), 50, 1).reelected is None


def test_the_shipped_model_centres_haryana_2024_s_re_elected_bjp():
    # Haryana: BJP won the most seats in 2019 (40 of 90) and in 2024 (48), counted from the baselines
    ds = HARYANA
    won = {b: U._seat_winners(ds.baselines[b]).count("BJP") for b in ("vs2019", "vs2024")}
    assert won == {"vs2019": 40, "vs2024": 48}
    sc = Scenario(ds)
    sc.assign_all("contested")
    sc.set_assumptions(sc.assumptions.with_baseline("vs2024"))
    m = U.params_for(ds)[0]
    sim = U.Simulator(Engine(ds).evaluate(sc).projector, ds, m, 200, 1)
    assert sim.reelected == "BJP" and m.sizes.swing_reelected == DOC["sizes"]["swing_reelected"] < 0


def test_the_seventh_round_s_forms_not_kept_are_refused_by_the_app():
    # a spread by the contender's role or a re-elected centre by its seats was tried and not kept:
    # the app says so rather than draw without it
    ds = three_seats()
    sc = Scenario(ds)
    sc.assign_all("contested")
    pj = Engine(ds).evaluate(sc).projector
    for extra in (dict(state_inc_mult=0.5), dict(state_runner_mult=1.25), dict(swing_reelected_seats=0.7)):
        z = Sizes(form="proportional", swing_a=0.1, swing_b=-0.5, state_sd=0.1, **extra)
        with pytest.raises(ValueError, match="not simulated by the app"):
            U.Simulator(pj, ds, U.ModelParams(z), 50, 1)


def test_the_seat_noise_by_the_poll_s_gap_as_the_back_test_draws_it():
    # three seats, every one contested: our bloc (INC, AAP) stands in each, BJP too. A poll of INC 40,
    # AAP 15, BJP 40: our bloc 55, BJP 40, a gap of 15 points: the seat noise x exp(4 x (0.15 - 0.10)),
    # the factor the back-test's draws use (seat_model.gap_factor)
    from explorer.core.seat_model import gap_factor
    ds = three_seats()
    sc = Scenario(ds)
    sc.assign_all("contested")
    pj = Engine(ds).evaluate(sc).projector
    z = Sizes(form="uniform", state_sd=0.0, partner_sd=0.0, region_sd=0.0, seat_sd=0.05, seat_slope=0.1, seat_gap=4.0)
    poll = (("AAP", 0.15), ("BJP", 0.40), ("INC", 0.40))
    sim = U.Simulator(pj, ds, U.ModelParams(z, poll=poll), 50, 1)
    plain = U.Simulator(pj, ds, U.ModelParams(replace(z, seat_gap=0.0), poll=poll), 50, 1)
    assert sim.gap_factor == pytest.approx(math.exp(0.2)) == gap_factor(z, 0.15)
    assert plain.gap_factor == 1.0
    assert sim.nsd == pytest.approx(plain.nsd * math.exp(0.2), rel=1e-6)
    # without a poll, the centre's gap: both move by swing_a (2 points), ours 185 / 3 against 115 / 3
    nopoll = U.Simulator(pj, ds, U.ModelParams(replace(z, swing_a=0.02)), 50, 1)
    assert nopoll.gap_factor == pytest.approx(math.exp(4.0 * (70 / 300 - 0.10)))
    # the same factor on the district and partner swings was tried and not kept: refused, not drawn without it
    with pytest.raises(ValueError, match="not simulated by the app"):
        U.Simulator(pj, ds, U.ModelParams(replace(z, gap_local=True), poll=poll), 50, 1)


def test_the_tenth_round_s_seat_noise_forms_not_kept_are_refused_by_the_app():
    # the seat noise by the seat's own earlier margin or its number of contenders, and the earlier
    # winner's own seats, were tried and not kept: the app says so rather than draw without them
    ds = three_seats()
    sc = Scenario(ds)
    sc.assign_all("contested")
    pj = Engine(ds).evaluate(sc).projector
    for extra in (dict(seat_margin=1.5), dict(seat_field=0.3), dict(winner_shift=-0.02)):
        z = Sizes(form="proportional", swing_a=0.1, swing_b=-0.5, state_sd=0.1, **extra)
        with pytest.raises(ValueError, match="not simulated by the app"):
            U.Simulator(pj, ds, U.ModelParams(z), 50, 1)
