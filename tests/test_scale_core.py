"""Issue 29 (core): the simulation at all-India scale gives the figures it gave, however it is
worked out. A kept noise bank drawn a block of draws at a time holds the numbers drawn whole; a
bank too large to keep (past LAZY_BYTES) draws each seat's noise from the seat's own stream, so
any chunking, a move and a full run agree; the optimiser reports how far its split may be from the
best (the gap to the solver's bound)."""
import numpy as np
import pytest

from explorer.core import optimise as O
from explorer.core import uncertainty as U
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.optimise import questions as Q
from explorer.core.optimise.limits import Solution
from explorer.core.scenario import scenario_from_preset

HARYANA = load_embedded()


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_seat_noise_drawn_by_blocks_of_draws_is_the_noise_drawn_whole(dtype):
    whole = U._t(np.random.default_rng(5), 30.0, (U.TOP, 3000, 700)).transpose(0, 2, 1).astype(dtype)
    blocks = U._seat_noise(np.random.default_rng(5), 30.0, 3000, 700, dtype)
    assert blocks.shape == (U.TOP, 700, 3000) and blocks.dtype == dtype
    assert np.array_equal(whole, blocks)
    region = U._normals(np.random.default_rng(6), 30.0, (3000, 40, 30), np.float16)
    assert np.array_equal(region, U._t(np.random.default_rng(6), 30.0, (3000, 40, 30)).astype(np.float16))


def _haryana_sim(monkeypatch, lazy: bool, draws: int = 2000):
    if lazy:
        monkeypatch.setattr(U, "LAZY_BYTES", 0)
        monkeypatch.setattr(U, "HOLD_BYTES", 0)      # drawn again at each use, as at 4,100 seats
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    params, _ = U.params_for(HARYANA)
    pj = Engine(HARYANA).evaluate(sc).projector
    return sc, U.Simulator(pj, HARYANA, params, draws, 7)


def test_a_bank_too_large_to_keep_keeps_no_seat_noise_and_draws_each_seat_alike(monkeypatch):
    sc, sim = _haryana_sim(monkeypatch, lazy=True)
    assert sim.bank.lazy and sim.bank.seat is None and sim.bank.region is None
    # a seat's noise is its own: read alone, in a run of seats or out of order, the same numbers
    run = sim.bank.seat_noise(slice(10, 20))
    assert np.array_equal(run[:, 3], sim.bank.seat_noise(np.array([13]))[:, 0])
    assert np.array_equal(run[:, ::-1], sim.bank.seat_noise(np.arange(19, 9, -1)))
    # chunked = unchunked: 16 seats at a time, or all 90 at once
    a = sim.run(sc.pool, HARYANA.majority)
    b = U.Simulator(sim.pj, HARYANA, sim.params, 2000, 7, bank=sim.bank).run(sc.pool, HARYANA.majority, chunk=90)
    assert np.array_equal(a.party_seats, b.party_seats) and np.array_equal(a.p_win, b.p_win)
    # every draw elects 90 seats
    assert (a.party_seats.sum(axis=1) == 90).all()
    # a move updates the moved seats to what a full run gives
    pool = sc.pool.copy()
    pool[[4, 9, 30]] = sc.pools.contested
    moved = sim.move(pool, HARYANA.majority)
    fresh = U.Simulator(sim.pj, HARYANA, sim.params, 2000, 7, bank=sim.bank).run(pool, HARYANA.majority)
    assert np.array_equal(moved.alliance_seats, fresh.alliance_seats)
    # the same seed gives the same figures in a new bank
    again = U.Simulator(sim.pj, HARYANA, sim.params, 2000, 7).run(sc.pool, HARYANA.majority)
    assert np.array_equal(again.party_seats, a.party_seats)


def test_a_lazy_bank_and_a_kept_one_tell_the_same_story(monkeypatch):
    # other streams, the same model: at 2,000 draws the alliance's median seats 46 (kept) and 49
    # (lazy) of 90, each seat's P(win) within 0.1
    sc, kept = _haryana_sim(monkeypatch, lazy=False)
    k = kept.run(sc.pool, HARYANA.majority)
    sc, lazy = _haryana_sim(monkeypatch, lazy=True)
    z = lazy.run(sc.pool, HARYANA.majority)
    assert abs(k.interval(k.alliance_seats)[0] - z.interval(z.alliance_seats)[0]) <= 5
    assert np.abs(k.p_alliance - z.p_alliance).max() < 0.1


def test_a_small_lazy_bank_holds_the_seat_noise_it_drew_and_gives_the_same_figures(monkeypatch):
    sc, drawn = _haryana_sim(monkeypatch, lazy=True)
    a = drawn.run(sc.pool, HARYANA.majority)
    assert drawn.bank.held_seats == 0
    monkeypatch.setattr(U, "HOLD_BYTES", 96 * 2**20)
    held = U.Simulator(drawn.pj, HARYANA, drawn.params, 2000, 7)
    b = held.run(sc.pool, HARYANA.majority)
    assert held.bank.held_seats == 90 and np.array_equal(a.party_seats, b.party_seats)
    # the optimiser's table letting go of what it held keeps what the bank holds always
    held.bank.hold_seat_noise(False)
    assert held.bank.held_seats == 90


def test_the_optimisers_table_holds_each_seats_noise_while_it_is_made_and_lets_it_go(monkeypatch):
    monkeypatch.setattr(U, "LAZY_BYTES", 0)
    monkeypatch.setattr(U, "HOLD_BYTES", 0)
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    opt = O.Optimiser(HARYANA, sc, draws=500, soft={"hooda-nominees": 0.0})
    t = opt.table
    assert t.sim.bank.lazy and t.sim.bank.held_seats == 0
    # the table's P of a pool is the simulator's own for that pool, seat by seat
    again = U.Simulator(t.projector, HARYANA, t.sim.params, 500, U.DEFAULT_SEED, bank=t.sim.bank)
    assert np.array_equal(t.win_prob, again.variant_probabilities())


def test_a_proven_split_reports_no_gap():
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    opt = O.Optimiser(HARYANA, sc, draws=500, soft={"hooda-nominees": 0.0})
    r = opt.optimise(prices=False)
    assert r.status == "optimal" and r.gap == 0.0 and r.gap_text == "proven best"
    assert r.bound is not None


def test_a_split_stopped_by_the_time_limit_reports_its_gap_to_the_bound(monkeypatch):
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    opt = O.Optimiser(HARYANA, sc, draws=500, soft={"hooda-nominees": 0.0})
    best = opt.optimise(prices=False)
    real = Q.solve_once

    def stopped(table, cons, budget=O.Budget(), objective="seats", **kw):
        sol = real(table, cons, budget, objective, **kw)
        # as HiGHS stopped at its time limit: the split found, a bound 10 % above it
        return Solution("time_limit", sol.pools, sol.objective, sol.ms, bound=sol.objective * 1.1)

    monkeypatch.setattr(Q, "solve_once", stopped)
    r = opt.optimise(prices=False)
    assert r.status == "time_limit" and np.array_equal(r.choices, best.choices)
    assert r.gap == pytest.approx(0.1 / 1.1)
    assert r.bound == pytest.approx(best.bound * 1.1)
    assert "within 9.09 % of the bound" in r.note and r.gap_text.startswith("within 9.09 %")


def test_a_table_too_slow_at_the_draws_asked_is_counted_on_fewer_to_answer_in_time():
    from tests.test_optimise_clock import Clock, split_vote_seats
    ds, sc = split_vote_seats()

    class Once(Clock):        # the first variant "takes" 10 s, once
        def progress(self, stage, done, total):
            super().progress(stage, done, total)
            if (stage, done) == self.jump_at:
                self.jump_at = None

    clock = Once(jump_at=("simulating", 0), jump=10.0)
    opt = O.Optimiser(ds, sc, U.ZERO, draws=8000, budget=O.Budget.whole(25.0, clock.progress, clock=clock))
    # 3 variants x 10 s would need 30 s of the 25: half the 15 s left at 10 s a variant of 8,000 draws
    # is 2,000 draws; then the whole table, from the first variant again
    assert opt.table is not None and opt.draws == 2000 and opt.table.draws_of(np.zeros(4, dtype=np.int64), np.arange(4)).shape == (4, 2000)
    assert clock.seen[:2] == [("simulating", 0, 3), ("simulating", 0, 3)]
    p = opt.optimise(prices=False)
    assert p.status == "optimal" and p.gap == 0.0
    assert p.note.endswith("P counted on 2,000 draws, not the 8,000 asked: 3 pool variants at 10000 ms each "
                           "would leave no time to solve within 25 s")
    # under the fewest draws (500) it refuses, as before: 1,500 draws would be 375
    clock = Clock(jump_at=("simulating", 0), jump=10.0)
    opt = O.Optimiser(ds, sc, U.ZERO, draws=1500, budget=O.Budget.whole(25.0, clock.progress, clock=clock))
    assert opt.table is None and opt.stopped.message.startswith("cannot finish within the time limit of 25 s")


def test_the_cushion_weighing_only_candidates_within_reach_gives_every_seats_result_at_every_swing():
    from explorer.core.scenario import Scenario
    ds = load_embedded("jharkhand")
    sc = Scenario(ds)
    pj = Engine(ds).evaluate(sc).projector
    c = U.Cushion(pj)
    rival = c.rival(sc.pool, ds.majority)
    won = c.won_table(rival)
    # every candidate weighed, swing by swing (the table as it was made before)
    pb, o, n_p = pj.prepared, pj.outcomes, pj.pools.n_partners
    for v in range(n_p + 1):
        W, fielded = o.votes[v], o.fielded[v]
        F = fielded & pb.present & (W > 0) | (fielded & (np.arange(W.shape[1]) < n_p))
        share = W / pb._pct_base[:, None] * 100.0
        ally = (np.arange(W.shape[1]) < n_p)[None, :] & F
        asum = np.where(ally, share, 0.0).sum(axis=1, keepdims=True)
        afrac = np.where(ally, np.divide(share, asum, out=np.full_like(share, 1.0 / n_p), where=asum > 0), 0.0)
        is_rival = (pb.party == rival) & F
        for j, sw in enumerate(c.swings):
            x = np.where(F, np.maximum(share + sw * afrac - sw * is_rival, 0.0), -np.inf)
            expect = np.argmax(x, axis=1) < n_p
            expect[pb.unopposed] = (pb.unopposed_party < n_p)[pb.unopposed]
            assert np.array_equal(won[v, :, j], expect), (v, sw)
    # and the seats it counts move with the swing: fewer at -10 points than at +10
    curve = c(sc.pool, ds.majority)["curve"]
    assert curve[0][1] < curve[-1][1] and sum(1 for s, n in curve if s == 0.0) == 1


@pytest.mark.parametrize("lazy", [False, True])
def test_a_simulator_cut_to_its_first_draws_gives_those_draws(monkeypatch, lazy):
    sc, sim = _haryana_sim(monkeypatch, lazy=lazy)
    full = sim.variant_draws(np.full(90, 0))                       # (D, N): AAP alone in every seat
    cut = sim.first_draws(500)
    assert cut.draws == 500 and sim.draws == 2000
    assert np.array_equal(cut.variant_draws(np.full(90, 0)), full[:500])
    s = cut.run(sc.pool, HARYANA.majority)
    assert s.draws == 500 and len(s.alliance_seats) == 500 and (s.party_seats.sum(axis=1) == 90).all()
    with pytest.raises(ValueError):
        sim.first_draws(2001)


def test_the_optimisers_variant_draws_are_the_same_in_any_chunk(monkeypatch):
    sc, sim = _haryana_sim(monkeypatch, lazy=True, draws=500)     # 500 draws: 320 seats a chunk, all 90 at once
    whole = np.empty((90, 500), dtype=bool)
    sim.variant_draws(np.full(90, 1), out=whole)
    by_seat = np.stack([sim._winners_for(np.array([i]), np.array([1]))[:, 0] < sim.n_p for i in range(90)])
    assert np.array_equal(whole, by_seat) and np.array_equal(sim.variant_draws(np.full(90, 1)), whole.T)


def test_a_simulator_works_out_its_cushion_table_where_it_runs_and_gives_the_cushion_of_its_split():
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    params, _ = U.params_for(HARYANA)
    ev = Engine(HARYANA).evaluate(sc)
    sim = U.Simulator(ev.projector, HARYANA, params, 500, 1)
    assert not sim.cushion._won
    sim.prepare_cushion(sc.pool, HARYANA.majority)
    rival = sim.cushion.rival(sc.pool, HARYANA.majority)
    assert list(sim.cushion._won) == [rival]
    assert ev.projector.prepared.parties[rival] == "BJP"
    assert sim.cushion(sc.pool, HARYANA.majority) == U.cushion(ev.projector, sc.pool, HARYANA.majority)
    # another simulator of the same projector (other draws) reads the same table, none made again
    assert U.Simulator(ev.projector, HARYANA, params, 300, 2).cushion is sim.cushion


def test_a_lazy_banks_seat_noise_is_a_normal_of_65536_levels_drawn_from_the_seats_own_stream():
    z = U.table_normals([2024, 1, 7], 30_001)
    assert z.dtype == np.float32 and z.shape == (30_001,)
    assert np.array_equal(z, U.table_normals([2024, 1, 7], 30_001))          # the same stream, the same draws
    assert not np.array_equal(z, U.table_normals([2024, 1, 8], 30_001))      # another seat, others
    levels = U._NORMAL16[0]
    # the quantiles at (i + 0.5) / 65,536: symmetric, 4.32 sd at most, unit variance to 1e-4
    assert len(levels) == 65536 and np.allclose(levels, -levels[::-1], atol=1e-6)
    assert abs(float(levels.max()) - 4.3249) < 1e-3 and abs(float(levels.astype(np.float64).var()) - 1) < 1e-4
    big = U.table_normals([5], 400_000)
    assert abs(big.mean()) < 0.01 and abs(big.std() - 1) < 0.01 and np.isin(big, levels).all()
    # the one-sd band holds its share: 68.3 % within 3 standard errors
    assert abs((np.abs(big) < 1).mean() - 0.6827) < 3 * 0.00074


def test_the_top_slots_by_argmax_are_the_stable_sorts_first_columns():
    rng = np.random.default_rng(3)
    for K in (1, 2, 3, 5, 12):
        # few distinct values (ties), -inf where a candidate does not contend, rows all -inf
        score = rng.integers(0, 4, size=(40, 7, K)).astype(float)
        score[rng.random(score.shape) < 0.4] = -np.inf
        score[0, :3] = -np.inf
        score[1, 0, -1] = np.inf
        want = np.argsort(-score, axis=2, kind="stable")[:, :, :U.TOP]
        assert np.array_equal(U.top_slots(score.copy(), U.TOP), want), K
