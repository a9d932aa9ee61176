"""The headline's point (issue 25, section 5): the alliance's expected seats over the simulated
elections, with the partners' expected seats made whole to add up to it, and the count of seats it
leads in on the projected votes named as such — checked on draws small enough to count by hand."""
from __future__ import annotations

import numpy as np

from explorer.core import uncertainty as U

A, B, R = 0, 1, 2          # two partners (the first parties) and a rival


def summary_of(winners: list[list[int]], parties=("A", "B", "R"), majority: int = 2) -> U.Summary:
    """A Summary of hand-written draws: ``winners[seat][draw]``, the party that wins it."""
    W = np.array(winners)
    N, D = W.shape
    P = len(parties)
    slots = np.zeros((N, P), dtype=np.int64)
    wins = np.zeros((N, P), dtype=np.int64)
    for i in range(N):
        slots[i] = np.arange(P)
        wins[i] = np.bincount(W[i], minlength=P)
    ally = W < 2
    cols = np.arange(P)
    col_seats = tuple((W == k).sum(axis=0) for k in cols)
    return U.Summary(D, list(parties), slots, wins, ally.mean(axis=1), ally.sum(axis=0), cols, col_seats,
                     majority, np.zeros(N))


# three seats, four simulated elections:
#   seat 1: A A A A     P(A) = 1
#   seat 2: B B B R     P(B) = 3/4, P(R) = 1/4
#   seat 3: R R A B     P(A) = 1/4, P(B) = 1/4, P(R) = 1/2
# alliance seats per draw 2, 2, 3, 2: mean 2.25, median 2, 80 % range 2-3
THREE = [[A, A, A, A], [B, B, B, R], [R, R, A, B]]


def test_the_point_is_the_expected_seats_and_the_partners_add_up_to_it():
    s = summary_of(THREE)
    assert U.expected_seats(s).tolist() == [1.25, 1.0, 0.75]
    h = U.alliance_headline(s, leads=3, n_partners=2)
    assert h.expected == 2.25 == s.p_alliance.sum() == s.alliance_seats.mean()
    assert (h.seats, h.median, h.p10, h.p90) == (2, 2, 2, 3)
    assert h.p_majority == 1.0 and h.majority == 2
    # A 1.25, B 1.0 made whole to 2 (scaled: 1.11 and 0.89): one each
    assert h.partners == {"A": 1, "B": 1} and sum(h.partners.values()) == h.seats
    assert h.leads == 3          # the deterministic count is carried as given, never mixed in
    assert h.to_json() == {"point": "expected seats", "seats": 2, "expected": 2.25, "median": 2, "p10": 2,
                           "p90": 3, "p_majority": 1.0, "majority": 2, "leads": 3, "partners": {"A": 1, "B": 1}}
    # the bar of expected seats: the partners (adding up to the point), then R's 0.75 made whole to 1
    assert U.expected_segments(s, h) == [("A", 1), ("B", 1), ("R", 1)]


def test_the_point_rounds_half_up_and_the_partners_follow_the_largest_remainders():
    # seat 3 now A A A B: the alliance wins it in every draw
    s = summary_of([[A, A, A, A], [B, B, B, R], [A, A, A, B]])
    h = U.alliance_headline(s, leads=2, n_partners=2)
    # A = 1 + 3/4 = 1.75, B = 3/4 + 1/4 = 1.0: 2.75 in all -> 3 (scaled: A 1.91, B 1.09): A 2, B 1
    assert h.expected == 2.75 and h.seats == 3 and h.partners == {"A": 2, "B": 1}
    assert U.whole(2.5) == 3 and U.whole(44.5) == 45 and U.whole(44.49) == 44


def test_made_whole():
    # 44.3 scaled to 44 first: 14.50 and 29.50 -> 14 + 29, and one more to the larger remainder
    assert U.made_whole([14.6, 29.7], 44) == [15, 29]
    assert U.made_whole([14.6, 29.4], 44) == [15, 29] and U.made_whole([14.2, 29.8], 44) == [14, 30]
    assert U.made_whole([1.5, 1.5, 1.0], 4) == [2, 1, 1]       # equal remainders: the first first
    assert U.made_whole([1.0, 3.0], 2) == [1, 1]               # scaled to 2 first: 0.5 and 1.5, the first first
    assert U.made_whole([0.0, 0.0], 3) == [2, 1] and U.made_whole([2.0], 0) == [0] and U.made_whole([], 5) == []
    for vals, total in (([0.3, 0.3, 0.4], 1), ([7.2, 0.9, 12.6, 3.3], 24), ([5.0, 5.0], 7)):
        out = U.made_whole(vals, total)
        assert sum(out) == total and all(x >= 0 for x in out)


def test_a_dict_without_a_headline_block_has_its_median_for_the_point():
    u = {"alliance_seats": {"median": 46, "p10": 30, "p90": 60}, "p_majority": 0.49, "draws": 10000}
    assert U.headline_of(u) == {"point": "median", "seats": 46, "median": 46, "p10": 30, "p90": 60,
                                "p_majority": 0.49, "leads": None, "partners": {}}
    assert U.headline_of(None) is None
    assert U.headline_of(u | {"headline": {"seats": 44}}) == {"seats": 44}


def test_haryana_and_jharkhand_headlines_from_the_simulator():
    """On the shipped data sets: the point is the mean of the draws' alliance seats, the partners'
    expected seats add up to it, and the count led is the deterministic projection's."""
    from explorer.core.dataset_io import load_embedded
    from explorer.core.engine import Engine
    from explorer.core.starting import starting_scenario
    for name in ("haryana", "jharkhand"):
        ds = load_embedded(name)
        sc = starting_scenario(ds)
        ev = Engine(ds).evaluate(sc)
        sim = U.Simulator(ev.projector, ds, U.params_for(ds)[0], 2000)
        s = sim.run(sc.pool.astype(np.int64), ds.majority, sc.fight_masks())
        h = U.alliance_headline(s, ev.verdict.alliance, sc.pools.n_partners)
        assert abs(h.expected - float(s.alliance_seats.mean())) < 1e-9
        assert h.seats == int(np.floor(s.alliance_seats.mean() + 0.5))
        assert list(h.partners) == [p.code for p in sc.pools.partners] and sum(h.partners.values()) == h.seats
        for code, n in h.partners.items():     # each within one seat of its own expected seats
            assert abs(n - float(s.seats_of(s.parties.index(code)).mean())) < 1
        segs = U.expected_segments(s, h)
        assert sum(n for _, n in segs[:len(h.partners)]) == h.seats and sum(n for _, n in segs) <= ds.seats.n
        assert h.leads == ev.verdict.alliance


def _segments_one_party_at_a_time(s, h):
    """expected_segments as first written (a Python sort over the parties): the reference."""
    n_p = len(h.partners)
    e = U.expected_seats(s)
    rest = [k for k in range(n_p, len(s.parties)) if e[k] > 0 and s.parties[k] not in (U.NOTA, "TIE")]
    rest.sort(key=lambda k: -e[k])
    total = U.whole(e[:n_p].sum() + sum(e[k] for k in rest))
    others = U.made_whole([e[k] for k in rest], max(0, total - h.seats))
    return [(a, n) for a, n in h.partners.items() if n > 0] + [(s.parties[k], n) for k, n in zip(rest, others) if n > 0]


def test_the_expected_seats_bar_counted_in_numpy_is_the_bar_sorted_in_python():
    """Haryana and Jharkhand from the simulator, at two seeds each, and a hand-made Summary whose
    rivals tie (equal expected seats keep the parties' order) beside NOTA: the same segments."""
    from explorer.core.dataset_io import load_embedded
    from explorer.core.engine import Engine
    from explorer.core.starting import starting_scenario
    for name in ("haryana", "jharkhand"):
        ds = load_embedded(name)
        sc = starting_scenario(ds)
        ev = Engine(ds).evaluate(sc)
        for seed in (1, 2):
            sim = U.Simulator(ev.projector, ds, U.params_for(ds)[0], 500, seed)
            s = sim.run(sc.pool.astype(np.int64), ds.majority, sc.fight_masks())
            h = U.alliance_headline(s, ev.verdict.alliance, sc.pools.n_partners)
            assert U.expected_segments(s, h) == _segments_one_party_at_a_time(s, h)
            assert len(U.expected_segments(s, h)) > len(h.partners)
    # rivals R and S tie (each wins one seat in half the draws), NOTA wins once: R before S, NOTA left out
    s = summary_of([[A, A, A, A], [R, R, B, B], [S, S, B, B], [B, B, B, N]], parties=("A", "B", "R", "S", U.NOTA))
    h = U.alliance_headline(s, 3, 2)
    assert U.expected_segments(s, h) == _segments_one_party_at_a_time(s, h) == [("A", 1), ("B", 2), ("R", 1)]


S, N = 3, 4


def test_the_expected_seats_from_every_slot_are_the_winning_slots_sums_bit_for_bit():
    """expected_seats counts every slot of every seat (a slot that never wins adds 0.0): the same
    float64s, bit for bit, as the sums over the winning slots alone (its first form), on Jharkhand's
    simulated draws and on hand-made draws whose seats have slots that never win; worked out once
    per summary and handed out read-only (the headline and the seat bar of a move both read it)."""
    from explorer.core.dataset_io import load_embedded
    from explorer.core.engine import Engine
    from explorer.core.starting import starting_scenario
    ds = load_embedded("jharkhand")
    sc = starting_scenario(ds)
    ev = Engine(ds).evaluate(sc)
    sim = U.Simulator(ev.projector, ds, U.params_for(ds)[0], 500, 3)
    for s in (sim.run(sc.pool.astype(np.int64), ds.majority, sc.fight_masks()), summary_of(THREE)):
        on = s.seat_wins > 0
        assert not on.all()           # slots that never win are there to count
        first = np.bincount(s.seat_party[on], weights=s.seat_wins[on], minlength=len(s.parties))[:len(s.parties)] / s.draws
        e = U.expected_seats(s)
        assert e.tobytes() == first.tobytes() and e.dtype == np.float64
        assert U.expected_seats(s) is e and not e.flags.writeable
