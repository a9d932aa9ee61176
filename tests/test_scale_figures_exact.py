"""Issue 29, ninth round: the walk-away's figures in one pass over the partners' columns and the
region's lead counted over the cells where a contender stands are the figures of the old code
paths (the walk-away's kept here verbatim; the region's lead's is seat_model's dense path), bit
for bit, on Haryana and Jharkhand."""
import numpy as np
import pytest

from explorer.core import optimise as O
from explorer.core import seat_model as M
from explorer.core import uncertainty as U
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.optimise.simulated import _expected_seats, verdict
from explorer.core.scenario import scenario_from_preset

CASES = [("haryana", "AAP's Lok Sabha leads"), ("jharkhand", "INDIA bloc 2024")]


def walk_away_one_partner_at_a_time(s_in, s_out, pools_def, majority):
    """The eighth round's ``walk_away_figures``: each partner's figures one ``np.mean`` at a time."""
    out = {}
    for p in pools_def.partners:
        k = s_in.parties.index(p.code)
        a, b = _expected_seats(s_in, k), _expected_seats(s_out, k)
        out[p.code] = {"alliance": round(a, 3), "alone": round(b, 3),
                       "p_majority_alliance": round(s_in.p_majority, 4),
                       "p_majority_alone": round(float((s_out.seats_of(k) >= majority).mean()), 4),
                       "p_majority_partner_in_alliance": round(float((s_in.seats_of(k) >= majority).mean()), 4),
                       "p_majority_partners_apart": round(s_out.p_majority, 4),
                       "worth_it": bool(a > b), "verdict": verdict(a, b)}
    return out


def region_lead_every_cell(region, x, w, present, X):
    """The eighth round's ``region_lead``: the dense pass over every (seat, contender) cell, kept in
    seat_model as the path for a per-seat X or a share that is not finite."""
    R = int(region.max()) + 1 if len(region) else 1
    return M._region_lead_dense(region, np.asarray(x, dtype=np.float64), present * w[:, None], X, R, x.shape[1])


def _sim(name, preset, monkeypatch=None, seen=None):
    ds = load_embedded(name)
    sc = scenario_from_preset(ds, preset)
    if seen is not None:        # the simulator's own call of region_lead, its arguments kept
        real = M.region_lead
        monkeypatch.setattr(M, "region_lead", lambda *a: seen.append(a) or real(*a))
    params, _ = U.params_for(ds)
    pj = Engine(ds).evaluate(sc).projector
    return ds, sc, U.Simulator(pj, ds, params, 1000, 7)


@pytest.mark.parametrize("name, preset", CASES)
def test_the_walk_away_in_one_pass_is_the_walk_away_one_partner_at_a_time(name, preset):
    ds, sc, sim = _sim(name, preset)
    s_out = O.partners_apart(sim, sc.pools, ds.majority)
    s_in = sim.run(np.asarray(sc.pool, dtype=np.int64), ds.majority)
    for majority in (ds.majority, 1, ds.majority // 3):     # a low bar: some partner alone reaches it
        got = O.walk_away_figures(s_in, s_out, sc.pools, majority)
        want = walk_away_one_partner_at_a_time(s_in, s_out, sc.pools, majority)
        assert list(got) == [p.code for p in sc.pools.partners] and got == want
        for code in got:      # the same Python types too (a float is a float, not a numpy scalar)
            assert all(type(got[code][f]) is type(want[code][f]) for f in want[code])
    assert any(0 < f["p_majority_alone"] < 1 or 0 < f["p_majority_partner_in_alliance"] < 1
               for f in O.walk_away_figures(s_in, s_out, sc.pools, ds.majority // 3).values())


@pytest.mark.parametrize("name, preset", CASES)
def test_the_region_s_lead_over_the_standing_cells_is_the_lead_over_every_cell(name, preset, monkeypatch):
    seen, real = [], M.region_lead
    _sim(name, preset, monkeypatch, seen)
    monkeypatch.setattr(M, "region_lead", real)
    assert seen, "the fitted model keeps the region's lead: the simulator reads it"
    for args in seen:
        region, x, w, present, X = args
        got, want = M.region_lead(*args), region_lead_every_cell(*args)
        assert got.shape == want.shape and got.dtype == want.dtype
        assert np.array_equal(got.view(np.int64), want.view(np.int64))      # to the bit, -0.0 included
        assert (got != 0).any() and (got == 0).any()      # real leads, and cells with none


def test_the_region_s_lead_with_a_per_seat_statewide_or_a_missing_share_is_the_dense_pass():
    rng = np.random.default_rng(3)
    region = rng.integers(0, 4, 30)
    x = rng.random((30, 6))
    w = rng.random(30) * 1000
    present = rng.random((30, 6)) < 0.3
    X = rng.random(6)
    assert np.array_equal(M.region_lead(region, x, w, present, X), region_lead_every_cell(region, x, w, present, X))
    X2 = rng.random((30, 6))
    assert np.array_equal(M.region_lead(region, x, w, present, X2), region_lead_every_cell(region, x, w, present, X2))
    x[2, 1] = np.nan
    assert np.array_equal(M.region_lead(region, x, w, present, X), region_lead_every_cell(region, x, w, present, X),
                          equal_nan=True)
