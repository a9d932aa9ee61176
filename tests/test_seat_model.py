"""The seat model on transitions small enough to count by hand, and its fit."""
import math
from dataclasses import replace

import numpy as np
import pytest

from explorer.core.seat_model import Sizes, deterministic, simulate, statewide
from explorer.core.seat_model_fit import fit_transfer
from explorer.core.seat_transitions import Transition

QUIET = Sizes(form="uniform", state_sd=0.0, seat_sd=1e-9, region_sd=0.0, transfer=0.5, transfer_sd=0.0,
              ind_keep=1.0, ind_sd=1e-9, new_mean=0.0, new_sd=0.0)


def toy(away_a=0.0) -> Transition:
    """Three seats; contenders A (a bloc of A1+A2), B, IND, OTH."""
    stand0 = np.array([[0.40, 0.45, 0.05, 0.10],
                       [0.30, 0.50, 0.10, 0.10],
                       [0.42, 0.40, 0.00, 0.18]])
    away0 = np.zeros_like(stand0)
    away0[1, 0] = away_a          # A2 stood in seat 2 before, stands down now
    present = np.array([[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 0, 1]], dtype=bool)
    s1 = np.array([[0.5, 0.4, 0.05, 0.05], [0.45, 0.45, 0.05, 0.05], [0.3, 0.6, 0.0, 0.1]])
    return Transition("XX", 2019, 2024, np.array([1, 2, 3]), np.array([0, 0, 1]), ["A", "B", "IND", "OTH"],
                      {"A": ("A1", "A2"), "B": ("B",)}, {}, stand0, away0, present, s1, s1.copy(),
                      np.array([0, 1, 1]), np.array([1, 1, 0]), np.array([100.0, 100.0, 200.0]),
                      np.array([100.0, 100.0, 200.0]), np.array([[0, 0, -1, -1]] * 3))


def test_the_deterministic_projection_is_the_baseline_when_nothing_moves():
    assert deterministic(toy(), QUIET).tolist() == [1, 1, 0]


def test_a_partner_standing_down_transfers_its_share_at_the_rate():
    # seat 2: A 0.30 + 0.5 x 0.25 = 0.425 < B 0.50; at 0.45 away: 0.30 + 0.225 = 0.525 > 0.50
    assert deterministic(toy(away_a=0.25), QUIET).tolist() == [1, 1, 0]
    assert deterministic(toy(away_a=0.45), QUIET).tolist() == [1, 0, 0]


def test_a_poll_moves_each_contender_to_its_statewide_share():
    t = toy()
    X = statewide(t.stand0, t.weight0, t.present1)       # A: (40 + 30 + 84) / 400 = 0.385
    assert X[0] == pytest.approx(0.385) and X[1] == pytest.approx((45 + 50 + 80) / 400)
    poll = np.array([0.385 + 0.10, 0.4375 - 0.10, 0.0375, 0.14])
    # uniform: A gains 10 points everywhere: 0.50, 0.40, 0.52 against B 0.35, 0.40, 0.30
    assert deterministic(t, QUIET, poll).tolist()[0] == 0 and deterministic(t, QUIET, poll).tolist()[2] == 0


def test_every_draw_s_seats_add_up_to_the_seats():
    t = toy()
    sizes = Sizes(form="proportional", state_sd=0.3, state_df=4.0, partner_sd=0.02, region_sd=0.03, seat_sd=0.05,
                  seat_slope=0.05, transfer=0.7, transfer_sd=0.2, seat_keep=0.5)
    p, seats = simulate(t, sizes, draws=700, seed=3, chunk=300)
    assert seats.shape == (700, 4) and (seats.sum(1) == 3).all()
    assert np.allclose(p.sum(1), 1.0) and (p[:, 3] == 0).all()      # OTH never wins
    assert p[2, 2] == 0                                                # IND does not stand in seat 3
    again, _ = simulate(t, sizes, draws=700, seed=3, chunk=300)
    assert np.array_equal(p, again)                                    # the same seed, the same draws


def test_the_transfer_rate_is_the_slope_within_a_bloc():
    t = toy()
    rng = np.random.default_rng(1)
    n = 40
    away = rng.uniform(0, 0.2, n)
    stand = rng.uniform(0.2, 0.4, n)
    s1 = stand + 0.6 * away + 0.03        # a statewide swing of 3 points drops out
    z = np.zeros((n, 4))
    big = Transition("XX", 2019, 2024, np.arange(1, n + 1), np.zeros(n, int), t.contenders, t.partners, {},
                     np.c_[stand, z[:, 1:]], np.c_[away, z[:, 1:]], np.ones((n, 4), bool), np.c_[s1, z[:, 1:]],
                     np.c_[s1, z[:, 1:]], np.zeros(n, int), np.zeros(n, int), np.ones(n), np.ones(n),
                     np.zeros((n, 4), int))
    rate, spread, seats = fit_transfer([big])
    assert rate == pytest.approx(0.6) and seats == int((away > 0.01).sum())
    assert math.isclose(spread, 0.1)     # one bloc: no spread measured, the default


def test_sizes_round_trip_through_json():
    s = Sizes(state_df=math.inf, seat_keep=0.4)
    assert Sizes.from_json(s.to_json()) == s


def test_a_district_swing_with_t_tails_by_hand():
    # one seat: A at 30 % with a district swing of 5 points, the strongest independent at 35 % (an
    # independent has no district swing). A wins where 0.30 + 0.05 z > 0.35, z > 1: normal,
    # 1 - Phi(1) = 0.1587; a t of 3 d.f. with unit variance is T3 / sqrt(3), so T3 > sqrt(3), and
    # the t's distribution 1/2 + (u / (1 + u^2) + atan(u)) / pi at u = T3 / sqrt(3) = 1 is
    # 1/2 + (1/2 + pi/4) / pi = 0.9092: 0.0908 - fewer moderate swings, more large ones
    stand0 = np.array([[0.30, 0.35, 0.35]])
    t = Transition("XX", 2019, 2024, np.array([1]), np.array([0]), ["A", "IND", "OTH"], {"A": ("A",)}, {},
                   stand0, np.zeros_like(stand0), np.array([[True, True, True]]), stand0, stand0.copy(),
                   np.array([0]), np.array([0]), np.array([100.0]), np.array([100.0]), np.array([[0, -1, -1]]))
    from dataclasses import replace
    quiet = replace(QUIET, seat_keep=1.0, region_sd=0.05)
    assert math.isinf(quiet.region_df)
    p, _ = simulate(t, quiet, draws=40_000, seed=9)
    assert p[0, 0] == pytest.approx(0.1587, abs=0.006) and p[0, 0] + p[0, 1] == 1.0
    p, _ = simulate(t, replace(quiet, region_df=3.0), draws=40_000, seed=9)
    assert p[0, 0] == pytest.approx(0.0908, abs=0.005)


def test_a_district_swing_s_tails_round_trip_and_the_shipped_files_have_none():
    import json

    from explorer.core.paths import resource_root
    s = Sizes(region_df=3.0)
    assert s.to_json()["region_df"] == 3.0 and Sizes.from_json(s.to_json()) == s
    assert Sizes().to_json()["region_df"] is None and math.isinf(Sizes.from_json(Sizes().to_json()).region_df)
    doc = json.loads((resource_root() / "seat_model.json").read_text(encoding="utf-8"))
    assert doc["sizes"]["region_df"] is None and doc["poll_sizes"]["region_df"] is None
    # a file written before the sixth round (no region_df) reads as a normal district swing
    old = dict(doc["sizes"])
    del old["region_df"], old["swing_bonus"]
    assert math.isinf(Sizes.from_json(old).region_df) and Sizes.from_json(old).swing_bonus == 0.0


def test_the_centre_moved_by_the_seat_bonus_by_hand():
    from explorer.core.seat_model import _centre, seat_bonus
    t = toy()
    X = statewide(t.stand0, t.weight0, t.present1)      # A 0.385, B 0.4375 (test above)
    # A won 1 seat of 3 before (winner0 [1, 1, 0]), B 2: bonuses 1/3 - 0.385 and 2/3 - 0.4375
    assert seat_bonus(t, X)[:2] == pytest.approx([1 / 3 - 0.385, 2 / 3 - 0.4375]) and (seat_bonus(t, X)[2:] == 0).all()
    s = Sizes(swing_a=0.1, swing_b=-0.5, swing_bonus=0.8)
    assert _centre(t, s, X, None)[:2] == pytest.approx([0.1 - 0.5 * 0.385 + 0.8 * (1 / 3 - 0.385),
                                                         0.1 - 0.5 * 0.4375 + 0.8 * (2 / 3 - 0.4375)])


def test_the_statewide_spread_by_size_by_hand():
    s = Sizes(state_sd=0.4, state_pow=-0.5)
    # at the reference share (30 %) the spread is state_sd; at a quarter of it, twice; below 1 % as at 1 %
    assert s.state_spread(np.array([0.30, 0.075, 0.005])) == pytest.approx([0.4, 0.8, 0.4 * math.sqrt(30)])
    assert Sizes(state_sd=0.4).state_spread(np.array([0.5, 0.02])) == pytest.approx([0.4, 0.4])
    assert Sizes.from_json(s.to_json()) == s


def test_coupled_swings_are_zero_sum():
    from explorer.core.seat_model import couple
    X, W, old = np.array([0.5, 0.3, 0.0]), np.array([1.0, 1.0, 1.0]), np.array([True, True, False])
    # proportional: A +20 % of its vote (0.60 + 0.30 = 0.90 of 0.80): both scaled by 0.8 / 0.9
    g = couple(np.array([math.log(1.2), 0.0, 0.7]), X, W, old, "proportional")
    assert (X * np.exp(g))[:2] == pytest.approx([0.6 * 0.8 / 0.9, 0.3 * 0.8 / 0.9]) and g[2] == 0.7
    # uniform: A +10 points, the net 10 points taken back in proportion to the shares (5/8 and 3/8)
    assert couple(np.array([0.10, 0.0, 0.7]), X, W, old, "uniform") == pytest.approx([0.0375, -0.0375, 0.7])


def test_the_statewide_swing_fitted_by_maximum_likelihood_finds_its_sizes():
    from explorer.core.seat_model_fit import fit_state_swing
    rng = np.random.default_rng(7)
    X = rng.uniform(0.02, 0.6, 3000)
    g = 0.05 - 0.3 * X + 0.3 * (X / 0.30) ** -0.5 * rng.standard_normal(3000)
    a, b, sd, pw, df, wave_p, wave_mult, _ = fit_state_swing(g, X, pull=True, hetero=True, tails=False)
    assert (a, b, sd, pw) == pytest.approx((0.05, -0.3, 0.3, -0.5), abs=0.05) and math.isinf(df)   # 3,000 draws
    # fat tails: a t with 3 degrees of freedom is found as such, its spread at 30 % kept
    t = 0.2 * rng.standard_t(3.0, 3000) / math.sqrt(3.0)    # unit variance times 0.2
    a, b, sd, pw, df, *_ = fit_state_swing(t, X, pull=False, hetero=False, tails=True)
    assert 2.5 < df < 4.0 and sd == pytest.approx(0.2, rel=0.15) and (a, b, pw) == (0.0, 0.0, 0.0)
    # a fixed centre stays as given
    assert fit_state_swing(g, X, pull=True, hetero=True, tails=False, centre=(0.0, -0.3))[:2] == (0.0, -0.3)


def test_the_seat_noise_grows_as_the_seat_s_votes_fall():
    from explorer.core.seat_model import seat_votes_factor
    s = Sizes(seat_votes_pow=-0.2)
    # 100,000 votes: the fitted noise; a 32nd of that: 32 ** 0.2 = 2 times; 32 times more: half
    assert seat_votes_factor(s, np.array([100_000.0, 3_125.0, 3_200_000.0])) == pytest.approx([1.0, 2.0, 0.5])
    assert (seat_votes_factor(Sizes(), np.array([5.0, 1e6])) == 1.0).all()


def test_the_part_of_a_lead_kept_by_the_contender_s_size_and_the_lead_s_own_size_by_hand():
    s = Sizes(seat_keep=0.6, keep_size=-0.4, keep_lead=-0.7)
    # a 50 % bloc, a seat 10 points above it: 0.6 - 0.2 - 0.07 = 0.33 of the lead kept; a 10 %
    # party's seat at its statewide share: 0.56; a 90 % contender 60 points below: none (clipped)
    assert s.keep_part(np.array([0.5, 0.1, 0.9]), np.array([0.10, 0.0, -0.60])) == pytest.approx([0.33, 0.56, 0.0])
    assert s.kept(0.5, 0.10) == pytest.approx(0.033)
    assert Sizes(seat_keep=0.4).kept(0.5, 0.10) == pytest.approx(0.04)     # the pooled part alone
    assert Sizes.from_json(s.to_json()) == s


def test_leads_kept_by_their_size_keep_the_statewide_share():
    from explorer.core.seat_model import _base
    t = toy()
    s = Sizes(form="uniform", seat_keep=0.7, keep_lead=-2.0)
    X = statewide(t.stand0, t.weight0, t.present1)
    pw = t.present1 * t.weight0[:, None]
    base = _base(s, X[None, :], t.stand0, pw)
    # A's leads: 40 - 38.5 = 1.5 points kept 0.67, -8.5 kept 0.53, +3.5 kept 0.63: recentred so
    # that A's share over its seats is still 38.5 %
    assert ((base * pw).sum(0) / pw.sum(0))[:2] == pytest.approx(X[:2])
    raw = X[0] + np.array([0.015 * 0.67, -0.085 * 0.53, 0.035 * 0.63])
    assert base[:, 0] - raw == pytest.approx(np.full(3, (base[:, 0] - raw)[0]))    # one shift for every seat


def test_the_region_s_lead_without_the_seat_by_hand():
    from explorer.core.seat_model import region_lead
    t = toy()
    X = statewide(t.stand0, t.weight0, t.present1)
    rl = region_lead(t.region, t.stand0, t.weight0, t.present1, X)
    # A stands everywhere: 38.5 % statewide ((40 + 30) x 100 + 42 x 200, over 400). Seats 1 and 2
    # share region 0: seat 1's region without it is seat 2 (30 %), seat 2's is seat 1 (40 %); seat
    # 3 is alone in region 1: no lead of its region
    assert X[0] == pytest.approx(0.385)
    assert rl[:, 0] == pytest.approx([0.30 - 0.385, 0.40 - 0.385, 0.0])
    # the independent stands in seats 1 and 2 only (7.5 % where it stands): 10 % and 5 % besides
    assert rl[:, 2] == pytest.approx([0.10 - 0.075, 0.05 - 0.075, 0.0])


def test_the_region_s_lead_kept_keeps_the_statewide_share():
    from explorer.core.seat_model import _base, region_lead
    t = toy()
    X = statewide(t.stand0, t.weight0, t.present1)
    pw = t.present1 * t.weight0[:, None]
    rl = region_lead(t.region, t.stand0, t.weight0, t.present1, X)
    s = Sizes(form="uniform", seat_keep=0.0, keep_region=0.5)
    base = _base(s, X[None, :], t.stand0, pw, rl=rl)
    # half the region's lead, then one shift so that A's share over its seats is still 38.5 %:
    # -4.25, +0.75, 0 points, recentred by their weighted mean (-3.5 x 100 / 400 = -0.875)
    assert base[:, 0] == pytest.approx(0.385 + np.array([-0.0425, 0.0075, 0.0]) + 0.00875)
    assert ((base * pw).sum(0) / pw.sum(0))[:2] == pytest.approx(X[:2])
    # without keep_region the region's lead is not read
    assert _base(Sizes(form="uniform", seat_keep=0.0), X[None, :], t.stand0, pw, rl=rl)[:, 0] == pytest.approx(
        np.full(3, 0.385))


def test_the_incumbent_is_the_contender_that_won_most_seats_before():
    from explorer.core.seat_model import incumbent
    # the toy's earlier winners: B, B, A
    assert incumbent(toy()).tolist() == [0.0, 1.0, 0.0, 0.0]


def test_a_new_contender_s_uneven_seats_by_moments_by_hand():
    from explorer.core.seat_model_fit import new_seat_spread
    # one new contender at 20 % where it stands, its seats 0.02 (squared) around it, noise 0.01:
    # exp(s^2) - 1 = (0.02 - 0.01) / 0.04 = 0.25, s = sqrt(ln 1.25) = 0.4724
    assert new_seat_spread([(0.20, 0.02, 10)], 0.01) == pytest.approx(math.sqrt(math.log(1.25)))
    # pooled by seats: (10 x 0.01 + 30 x 0.03) / (10 x 0.04 + 30 x 0.16) = 1.0 / 5.2; a 2 % party is left out
    assert new_seat_spread([(0.20, 0.02, 10), (0.40, 0.04, 30), (0.02, 0.5, 99)], 0.01) == pytest.approx(
        math.sqrt(math.log(1 + 1.0 / 5.2)))
    # no more spread than the noise: 0; nobody substantial: 0
    assert new_seat_spread([(0.20, 0.005, 10)], 0.01) == 0.0 and new_seat_spread([(0.03, 0.5, 10)], 0.01) == 0.0


def one_seat_with_a_new_contender() -> Transition:
    """One seat: A 55 %, B 45 % before; C stands now for the first time (IND and OTH do not stand)."""
    stand0 = np.array([[0.55, 0.45, 0.0, 0.0, 0.0]])
    present = np.array([[1, 1, 1, 0, 0]], dtype=bool)
    s1 = np.array([[0.45, 0.25, 0.30, 0.0, 0.0]])
    return Transition("XX", 2019, 2024, np.array([1]), np.array([0]), ["A", "B", "C", "IND", "OTH"],
                      {"A": ("A",), "B": ("B",), "C": ("C",)}, {}, stand0, np.zeros_like(stand0), present, s1,
                      s1.copy(), np.array([0]), np.array([0]), np.array([100.0]), np.array([100.0]),
                      np.array([[0, 0, 0, -1, -1]]))


def test_a_new_contender_s_uneven_seats_in_the_draws_by_hand():
    from dataclasses import replace
    t = one_seat_with_a_new_contender()
    poll = np.array([0.45, 0.25, 0.30, 0.0, 0.0])
    quiet = replace(QUIET, seat_keep=1.0)
    # an even spread: A 55 - 10 = 45 % against C's 30 % in every draw
    p, _ = simulate(t, quiet, draws=2000, seed=5, poll=poll)
    assert p[0].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
    # C's 30 % times exp(0.5 z - 0.125) beats 45 % where z > (ln 1.5 + 0.125) / 0.5 = 1.0609:
    # 1 - Phi(1.0609) = 0.1444 of the draws
    p, _ = simulate(t, replace(quiet, new_seat_sd=0.5), draws=40_000, seed=5, poll=poll)
    assert p[0, 2] == pytest.approx(0.1444, abs=0.006) and p[0, 0] == pytest.approx(1 - 0.1444, abs=0.006)


def test_the_re_elected_incumbent_by_hand():
    from dataclasses import replace

    from explorer.core.seat_model import _centre, reelected
    t = toy()                     # winner0 [1, 1, 0]: B won 2 of 3 seats before, A 1
    assert reelected(t).tolist() == [0, 0, 0, 0]          # the election before not known (-1)
    t.largest_before = 1           # B had won the most seats in the election before too
    assert reelected(t).tolist() == [0, 1, 0, 0]
    X = statewide(t.stand0, t.weight0, t.present1)
    s = Sizes(swing_a=0.1, swing_b=-0.5, swing_reelected=-0.12)
    assert _centre(t, s, X, None)[:2] == pytest.approx([0.1 - 0.5 * 0.385, 0.1 - 0.5 * 0.4375 - 0.12])
    assert _centre(t, replace(s, swing_reelected=0.0), X, None)[1] == pytest.approx(0.1 - 0.5 * 0.4375)
    t.largest_before = 0           # A was the largest then: B is a new incumbent
    assert reelected(t).tolist() == [0, 0, 0, 0]


def test_the_earlier_runner_up_the_re_elected_seats_and_the_spread_by_role_by_hand():
    from explorer.core.seat_model import incumbent_spread, reelected_seats, runner_up
    t = toy()                     # winner0 [1, 1, 0]: B won 2 of 3 seats before (the largest), A 1 (the runner-up)
    assert runner_up(t).tolist() == [1, 0, 0, 0]
    assert reelected_seats(t).tolist() == [0, 0, 0, 0]           # the election before not known
    s = Sizes(state_inc_mult=0.5, state_reel_mult=1.2, state_runner_mult=1.5)
    assert incumbent_spread(t, s).tolist() == [1.5, 0.5, 1.0, 1.0]
    assert incumbent_spread(t, Sizes()).tolist() == [1.0, 1.0, 1.0, 1.0]
    t.largest_before = 1           # B re-elected: its earlier 2 of 3 seats less REELECTED_SEATS_REF (0.6)
    assert reelected_seats(t) == pytest.approx([0, 2 / 3 - 0.6, 0, 0])
    assert incumbent_spread(t, s).tolist() == [1.5, 1.2, 1.0, 1.0]
    t.winner0 = np.array([1, 1, 1])            # B won every seat: no runner-up
    assert runner_up(t).tolist() == [0, 0, 0, 0]


def test_a_group_s_own_statewide_spread_is_recovered_by_maximum_likelihood():
    from explorer.core.seat_model_fit import fit_state_swing
    rng = np.random.default_rng(3)
    X = np.full(6000, 0.3)
    kinds = np.repeat([0, 1, 2], 2000)
    g = -0.1 + np.array([0.2, 0.1, 0.4])[kinds] * rng.standard_normal(6000)
    *_, factors = fit_state_swing(g, X, pull=False, hetero=False, tails=False, centre=(-0.1, 0.0), kinds=kinds)
    assert factors == pytest.approx((0.5, 2.0), rel=0.05)
    # a group named but with no member keeps its factor at 1
    *_, factors = fit_state_swing(g[:4000], X[:4000], pull=False, hetero=False, tails=False, centre=(-0.1, 0.0),
                                  kinds=kinds[:4000], n_kinds=2)
    assert factors[0] == pytest.approx(0.5, rel=0.05) and factors[1] == pytest.approx(1.0, abs=1e-6)


def test_the_seat_noise_by_the_later_gap_by_hand():
    from explorer.core.seat_model import gap_factor, later_gap
    t = toy()
    s = Sizes(form="uniform", state_sd=0.0, seat_sd=0.05, seat_slope=0.1, region_sd=0.0, transfer=0.5,
              transfer_sd=0.0, ind_sd=0.01, seat_gap=4.0, swing_a=0.01)
    X = statewide(t.stand0, t.weight0, t.present1)       # A 0.385, B 0.4375, both standing everywhere
    # a poll: A 50 %, B 30 % (IND and OTH aside): a gap of 20 points, the noise x exp(4 x (0.20 - 0.10))
    poll = np.array([0.50, 0.30, 0.05, 0.15])
    assert later_gap(t, s, poll, X, X) == pytest.approx(0.20)
    assert gap_factor(s, 0.20) == pytest.approx(math.exp(0.4)) and gap_factor(Sizes(), 0.20) == 1.0
    # without a poll, the centre's: each moves by swing_a = 1 point, B stays 5.25 points ahead
    assert later_gap(t, s, None, X, np.full(4, 0.01)) == pytest.approx(0.0525)
    # in the draws: the same as the seat noise's two sizes times the factor (the same seed, the same draws)
    f = math.exp(0.4)
    by_gap, _ = simulate(t, s, draws=300, seed=5, poll=poll)
    scaled, _ = simulate(t, Sizes(**{**s.__dict__, "seat_gap": 0.0, "seat_sd": 0.05 * f, "seat_slope": 0.1 * f}),
                         draws=300, seed=5, poll=poll)
    assert np.array_equal(by_gap, scaled)


def test_the_earlier_leader_s_calibration_by_margin_counts_seats_by_hand():
    """corpus_backtest.lead_calibration (tenth round): per bucket of the seat's earlier margin, the
    seats, the sum of P(the earlier leader holds the seat) and the seats it held. The toy's leaders:
    seat 1 B by 5 points (0.45 v 0.40), seat 2 B by 20 (0.50 v 0.30), seat 3 A by 2 (0.42 v 0.40);
    the later winners A, B, B (winner1 [0, 1, 1])."""
    from explorer.core.corpus_backtest import MARGIN_BUCKETS, calibration_table, lead_calibration
    from explorer.core.seat_model import earlier_field, earlier_margin
    t = toy()
    assert earlier_margin(t.stand0, t.present1) == pytest.approx([0.05, 0.20, 0.02])
    # the effective number of contenders: 1 / (0.40² + 0.45² + 0.05²) in seat 1
    assert earlier_field(t.stand0, t.present1)[0] == pytest.approx(1 / (0.16 + 0.2025 + 0.0025))
    p = np.array([[0.3, 0.7, 0.0, 0.0], [0.1, 0.9, 0.0, 0.0], [0.6, 0.4, 0.0, 0.0]])
    cal = lead_calibration(t, QUIET, p)
    assert MARGIN_BUCKETS[:5] == (0.0, 0.02, 0.05, 0.10, 0.15)
    # 0-2: none; 2-5: seat 3 (A by 2: P 0.6, lost to B); 5-10: seat 1 (B by 5: P 0.7, lost to A);
    # 20-30: seat 2 (B by 20: P 0.9, held)
    assert cal[0] == [0, 0.0, 0] and cal[1] == [1, 0.6, 0] and cal[2] == [1, 0.7, 0]
    assert cal[3] == [0, 0.0, 0] and cal[4] == [0, 0.0, 0] and cal[5] == [1, 0.9, 1]
    table = calibration_table([{"leads": cal}, {"leads": cal}])
    assert table[5] == {"from": 0.20, "to": 0.30, "seats": 2, "p": 0.9, "held": 1.0}
    assert table[0]["seats"] == 0 and table[0]["p"] is None


def test_the_seat_noise_by_the_seat_s_margin_and_field_as_counted_by_hand():
    """Tenth round's forms (not kept): the seat noise times exp(c x (margin - 0.10)) or exp(c x
    (effective contenders - 2.5)); 1 where c is 0. The toy's margins: 0.05, 0.20, 0.02."""
    from explorer.core.seat_model import seat_field_factor, seat_margin_factor
    t = toy()
    assert seat_margin_factor(Sizes(), t.stand0, t.present1).tolist() == [1.0, 1.0, 1.0]
    f = seat_margin_factor(Sizes(seat_margin=2.0), t.stand0, t.present1)
    assert f == pytest.approx([math.exp(2.0 * -0.05), math.exp(2.0 * 0.10), math.exp(2.0 * -0.08)])
    # seat 3: A 0.42, B 0.40 (IND stands not; OTH aside): 1 / (0.1764 + 0.16)
    g = seat_field_factor(Sizes(seat_field=0.5), t.stand0, t.present1)
    assert g[2] == pytest.approx(math.exp(0.5 * (1 / 0.3364 - 2.5)))
    # the draws with a margin factor of 30: the seat noise (1 point each) x e^3 in seat 2 (B 0.50 v A
    # 0.30: 20 points, sure without it, not with it), x e^-1.5 and e^-2.4 in seats 1 and 3 (B by 5,
    # A by 2: 1.4 points of noise on the margin left A's 2 points unsure; a tenth of it, sure)
    quiet = Sizes(form="uniform", state_sd=0.0, seat_sd=0.01, region_sd=0.0, transfer=0.5, transfer_sd=0.0,
                  ind_keep=1.0, ind_sd=1e-9, new_mean=0.0, new_sd=0.0)
    p0, _ = simulate(t, quiet, 400, 3)
    p1, _ = simulate(t, Sizes(**{**quiet.__dict__, "seat_margin": 30.0}), 400, 3)
    assert p0[1, 1] == 1.0 and 0.5 < p0[2, 0] < 1.0
    assert p1[0, 1] == p1[2, 0] == 1.0 and 0.5 < p1[1, 1] < 1.0


def test_the_earlier_winner_s_seats_move_its_vote_between_its_seats():
    """held_lead (tenth round, not kept): 1 where the contender's party won the seat last time, less
    its mean over the contender's seats weighted by the earlier votes. The toy: B won seats 1 and 2
    (100 and 100 votes of 400), A seat 3 (200): A 1 - 0.5 in seat 3, -0.5 elsewhere; B 0.5, 0.5, -0.5."""
    from explorer.core.seat_model import held_lead
    t = toy()
    old = np.array([True, True, False, False])
    h = held_lead(t, old)
    assert h[:, 0] == pytest.approx([-0.5, -0.5, 0.5]) and h[:, 1] == pytest.approx([0.5, 0.5, -0.5])
    assert (h[:, 2:] == 0).all()
    # weighted by the earlier votes the shift leaves each contender's statewide share as it was
    assert (h * t.weight0[:, None]).sum(0) == pytest.approx([0, 0, 0, 0])
    # a quiet draw, the winners' seats 10 points worse: seat 1 A 0.40 + 0.05 v B 0.45 - 0.05 (A takes
    # it), seat 2 B 0.50 - 0.05 v A 0.30 + 0.05, seat 3 A 0.42 - 0.05 v B 0.40 + 0.05 (B takes it)
    assert deterministic(t, QUIET).tolist() == [1, 1, 0]
    p, _ = simulate(t, replace(QUIET, winner_shift=-0.10), 50, 1)
    assert p[0, 0] == p[1, 1] == p[2, 1] == 1.0
    assert deterministic(t, replace(QUIET, winner_shift=-0.10)).tolist() == [0, 1, 1]
