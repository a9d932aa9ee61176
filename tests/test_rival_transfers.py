"""The transfers inside a rival bloc, drawn as ours are: where a rival's partner stands down (its
``strongest`` split), the share of its vote the bloc keeps is drawn around the fitted rate, so the
rival's P(win) there is no longer all or nothing; without a stand-down the draws are as before."""
from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pytest

from explorer.core import uncertainty as U
from explorer.core.blocs import RivalBloc
from explorer.core.engine import Engine
from explorer.core.seat_model import Sizes

from .helpers import congress_everywhere

MULANA = 6        # ac_no; Haryana Vidhan Sabha 2019 (the embedded baseline vs2019)
DRAWS = 4000


def nda(split: str = "strongest"):
    """Congress everywhere on 2019 against NDA = BJP + JJP; ``strongest``: in each seat the
    stronger of the two stands and the other hands on 80 % of its vote (the projection's rate)."""
    sc = congress_everywhere()
    sc.rivals = (RivalBloc("NDA", ("BJP", "JJP"), split),)
    return sc, Engine(sc.dataset).evaluate(sc)


# every spread 0 but the transfer's (the fitted 0.68 ± 0.54), no statewide swing, every lead kept:
# a slot's share is the projection's, plus what the drawn transfers move
ONLY_TRANSFER = Sizes(form="uniform", state_sd=0.0, seat_sd=0.0, ind_sd=0.0, new_sd=0.0, transfer=0.68, transfer_sd=0.54)


def test_a_rivals_stand_down_is_drawn_and_its_p_win_matches_the_hand_count():
    sc, ev = nda()
    sim = U.Simulator(ev.projector, sc.dataset, U.ModelParams(ONLY_TRANSFER), DRAWS)
    summ = sim.run(sc.pool.astype(np.int64), sc.dataset.majority)
    i = sc.seats.index_of(MULANA)
    pb = ev.projector.prepared
    # Mulana 2019 (baseline_vs2019.csv): INC 67,051, BJP 65,363, BSP 10,451, JJP 4,790 of 153,783
    # valid votes (AAP stood nowhere there: our own transfer moves nothing). BJP is NDA's stronger
    # partner: JJP stands down and hands on 4,790 votes = 3.1148 points
    assert ev.projector.rival_given[0][i] == 4790 and pb._pct_base[i] == 153783
    v = sim._variant[i]
    slots = [pb.parties[p] for p in sim.party[v, i]]
    assert sorted(slots) == ["BJP", "BSP", "INC"]
    share = {p: float(x) for p, x in zip(slots, sim.share[v, i])}
    inc, bjp, bsp = share["INC"], share["BJP"], share["BSP"]
    G = 4790 / 153783 * 100
    # per point of rate: BJP gains G, the seat's other simulated candidates lose it pro rata
    coef = dict(zip(slots, sim.rtcoef[v, i, :, 0].tolist()))
    assert coef == pytest.approx({"BJP": G, "INC": -G * inc / (inc + bsp), "BSP": -G * bsp / (inc + bsp)}, rel=1e-5)
    # BJP wins where  bjp + (t - 0.8) G  >  inc - (t - 0.8) G inc / (inc + bsp),  i.e. t > t*
    t_star = 0.8 - (bjp - inc) / (G * (1 + inc / (inc + bsp)))
    assert 0.6 < t_star < 0.7                  # the projection (at 0.8) gives BJP the seat, a rate under 0.65 does not
    tau = 0.8 + sim.rtdraw[0].astype(np.float64)             # the bloc's drawn rate (the lead's kept part is 1)
    assert (tau.min(), tau.max()) == pytest.approx((0.0, 1.0), abs=1e-6)      # clipped to 0-1 (float32)
    p_bjp = summ.seat_p_win(i)[pb.party_index["BJP"]]
    assert p_bjp == np.mean(tau > t_star)                    # draw by draw: BJP wins exactly where the rate passes t*
    # and that is the fitted spread's chance: P(0.68 + 0.54 z > t*), z normal (4,000 draws: ± 0.025)
    assert p_bjp == pytest.approx(1 - NormalDist(0.68, 0.54).cdf(t_star), abs=0.025)
    assert 0.4 < p_bjp < 0.65                                # neither won nor lost: the stand-down is uncertain
    # where NDA fields both partners (a baseline split) nothing is handed on: the seat is BJP's or not
    sc2, ev2 = nda("baseline")
    sim2 = U.Simulator(ev2.projector, sc2.dataset, U.ModelParams(ONLY_TRANSFER), DRAWS)
    assert sim2.rtdraw is None
    p2 = sim2.run(sc2.pool.astype(np.int64), sc2.dataset.majority).seat_p_win(i)
    assert set(p2.values()) == {1.0}


def test_the_rivals_transfer_is_drawn_around_its_own_rate_where_set():
    sc, ev = nda()
    sc.rivals = (RivalBloc("NDA", ("BJP", "JJP"), "strongest", transfer=0.5),)
    pj = Engine(sc.dataset).evaluate(sc).projector
    sim = U.Simulator(pj, sc.dataset, U.ModelParams(ONLY_TRANSFER), DRAWS)
    tau = 0.5 + sim.rtdraw[0].astype(np.float64)
    # around the bloc's 0.5, not the fitted 0.68: as often clipped at 0 as at 1, each P(0.5 + 0.54 z < 0)
    assert np.median(tau) == pytest.approx(0.5, abs=0.03)
    clipped = NormalDist(0.5, 0.54).cdf(0.0)          # 0.177
    assert np.mean(tau == 0.0) == pytest.approx(clipped, abs=0.02) and np.mean(tau == 1.0) == pytest.approx(clipped, abs=0.02)


def test_seats_without_a_stand_down_draw_as_before_and_the_first_draws_agree():
    sc, ev = nda()
    params = U.params_for(sc.dataset)[0]
    pools = sc.pool.astype(np.int64)
    sim = U.Simulator(ev.projector, sc.dataset, params, 2000)
    sim.run(pools, sc.dataset.majority)
    # the same simulator with the rival's transfer not drawn
    plain = U.Simulator(ev.projector, sc.dataset, params, 2000)
    plain.rtcoef = plain.rtdraw = None
    plain.run(pools, sc.dataset.majority)
    given = ev.projector.rival_given[0] > 0
    assert 0 < (~given).sum() and given.sum() > 80          # NDA strongest: 87 of 90 seats hand votes on
    won, won_plain = sim.winning_slots(), plain.winning_slots()          # (draws, seats)
    np.testing.assert_array_equal(won[:, ~given], won_plain[:, ~given])
    assert (won[:, given] != won_plain[:, given]).any()
    # a simulator on its first draws (the optimiser's) draws the rival's transfer as the whole does
    few = sim.first_draws(500)
    few.run(pools, sc.dataset.majority)
    np.testing.assert_array_equal(few.winning_slots(), won[:500])


def test_without_rival_blocs_no_rival_transfer_is_drawn():
    sc = congress_everywhere()
    ev = Engine(sc.dataset).evaluate(sc)
    sim = U.Simulator(ev.projector, sc.dataset, U.params_for(sc.dataset)[0], 1000)
    assert ev.projector.rival_given == [] and sim.rtdraw is None and sim.rtcoef is None
