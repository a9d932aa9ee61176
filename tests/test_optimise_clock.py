"""The optimiser's clock (issue 27 item 3): a time limit bounds the whole question — the
simulation, every solve, the prices, the frontier — and an answer cut short says where it
stopped, with the best found so far or none. The clock is injected: each test moves it at a
stage the optimiser reports, so nothing here depends on how fast the machine is."""
import json

import numpy as np
import pandas as pd
import pytest

from explorer.cli import build_parser
from explorer.cli.optimise import _text, run_optimise
from explorer.core import optimise as O
from explorer.core import uncertainty as U
from explorer.core.dataset import SEAT_COLUMNS, Baseline, Dataset, SeatTable
from explorer.core.dataset_io import load_embedded
from explorer.core.pools import DEFAULT_PARTNERS
from explorer.core.rules import MustHave, RuleSet, SeatBounds
from explorer.core.scenario import Scenario

# P(alliance wins) per seat: AAP alone, INC alone, all stand (rows), seats 1-4 (columns)
HAND_P = np.array([[0.9, 0.8, 0.6, 0.3],
                   [0.5, 0.7, 0.55, 0.6],
                   [0.2, 0.2, 0.2, 0.2]])


class Clock:
    """A clock that stands still until a stage is reported, then jumps past the deadline."""

    def __init__(self, jump_at: tuple[str, int] | None = None, jump: float = 100.0):
        self.now, self.jump_at, self.jump, self.seen = 0.0, jump_at, jump, []

    def __call__(self) -> float:
        return self.now

    def progress(self, stage: str, done: int, total: int) -> None:
        self.seen.append((stage, done, total))
        if self.jump_at == (stage, done):
            self.now += self.jump


def four_seats(rows=None, rules=()) -> tuple[Dataset, Scenario]:
    rows = rows or [(i, f"{p}{i}", p, v) for i in range(1, 5) for p, v in (("AAP", 300), ("INC", 300), ("BJP", 400))]
    seats = pd.DataFrame([(i, f"Seat {i}", "D", 1, "PC1", "GEN", np.nan, np.nan) for i in range(1, 5)],
                         columns=SEAT_COLUMNS)
    c = pd.DataFrame(rows, columns=["ac_no", "candidate", "party", "votes"])
    ds = Dataset(id="small", name="Small", seats=SeatTable(seats), baselines={"b": Baseline("b", "B", c)},
                 default_baseline="b", partners=DEFAULT_PARTNERS)
    return ds, Scenario(ds, rules=RuleSet("hand", tuple(rules)))


def hand_table(rules=()):
    ds, sc = four_seats(rules=rules)
    snap = sc.snapshot()
    table = O.prepare(snap, O.Settings(), win_prob=HAND_P)
    return table, O.constraints(table, snap.rules), snap


def test_a_deadline_already_passed_gives_no_split_and_the_scenarios_own_figures():
    table, cons, snap = hand_table([SeatBounds("inc-min", partner="INC", minimum=2)])
    clock = Clock()
    budget = O.Budget.whole(5.0, clock=clock)
    clock.now = 5.0                        # the deadline itself: no step starts
    p = O.solve(table, cons, "seats", budget, snap.rules)
    assert p.status == "time_limit" and p.pools is None and p.choices is None
    assert p.stopped == "stopped at the time limit of 5 s before a first split was found"
    # the scenario's own split: every seat Unassigned, 0.2 a seat
    assert p.current_figures[0] == pytest.approx(0.8) and p.rule_prices == {}


def test_stopped_while_pricing_keeps_the_best_split_found():
    bound = SeatBounds("inc-min", partner="INC", minimum=2)
    table, cons, snap = hand_table([bound, MustHave("aap-1", partner="AAP", seats=(1,))])
    clock = Clock(jump_at=("pricing", 1))   # the first rule priced, then the clock runs out
    p = O.solve(table, cons, "seats", O.Budget.whole(5.0, clock.progress, clock=clock), snap.rules)
    assert p.status == "optimal"
    # AAP 1 (0.9), INC 4 (0.6) and INC in one of 2, 3: seat 3 costs 0.05, seat 2 0.1 -> AAP 2, INC 3
    assert [table.pools.key(int(x)) for x in p.pools] == ["AAP", "AAP", "INC", "INC"]
    assert p.expected_alliance == pytest.approx(0.9 + 0.8 + 0.55 + 0.6)
    # the bound was priced (without it AAP takes seat 3: +0.05); the must-have was not
    assert p.rule_prices == {"inc-min": pytest.approx(0.05)}
    assert p.stopped == "stopped at the time limit of 5 s while pricing the rules (1 of 2 priced)"


def test_the_frontier_stops_with_the_points_it_has():
    table, cons, snap = hand_table()
    clock = Clock(jump_at=("frontier", 2))
    rows = O.frontier(table, cons, "AAP", range(0, 5), O.Budget.whole(5.0, clock.progress, clock=clock))
    # k = 0: INC everywhere 0.5 + 0.7 + 0.55 + 0.6; k = 1: AAP where it gains most, seat 1 (+0.4)
    assert [(r["k"], r["expected_alliance"]) for r in rows] == [(0, pytest.approx(2.35)), (1, pytest.approx(2.75))]


def test_a_conflict_search_cut_short_still_names_rules_that_cannot_all_hold():
    # a minimum of 3 for each partner in 4 seats: no pair of rules is plain, a solve is needed
    table, cons, snap = hand_table([SeatBounds("aap-min", partner="AAP", minimum=3),
                                    SeatBounds("inc-min", partner="INC", minimum=3)])
    clock = Clock(jump_at=("conflict", 0))
    p = O.solve(table, cons, "seats", O.Budget.whole(5.0, clock.progress, clock=clock), snap.rules)
    assert p.status == "infeasible" and p.conflicting_rules == ["aap-min", "inc-min"]
    assert p.stopped.startswith("stopped at the time limit of 5 s while looking for a smallest conflicting set")
    # uncut, the same two (neither alone is infeasible)
    whole = O.solve(table, cons, "seats", O.Budget(), snap.rules)
    assert whole.conflicting_rules == ["aap-min", "inc-min"] and whole.stopped == ""


def test_two_claims_on_one_seat_are_named_without_a_solve():
    table, cons, snap = hand_table([MustHave("a", partner="AAP", seats=(2, 3)), SeatBounds("b", partner="AAP", maximum=4),
                                    MustHave("c", partner="INC", seats=(3,))])
    clock = Clock()
    budget = O.Budget.whole(5.0, clock=clock)
    clock.now = 99.0                       # no time at all: the pair is still found
    assert O.conflict(table, cons, budget, whole=True) == (["a", "c"], [3], True)


# -- the simulation: between pool variants ---------------------------------------------------------------
def split_vote_seats():
    """Seats 1-2: AAP 300, INC 300, BJP 250 (all standing, the alliance still wins); seats 3-4: BJP 400."""
    rows = [(i, f"{p}{i}", p, v) for i in range(1, 5)
            for p, v in (("AAP", 300), ("INC", 300), ("BJP", 250 if i <= 2 else 400))]
    return four_seats(rows)


def test_the_simulation_stops_between_pool_variants_with_the_scenarios_figures():
    ds, sc = split_vote_seats()
    clock = Clock(jump_at=("simulating", 1))
    opt = O.Optimiser(ds, sc, U.ZERO, draws=20, budget=O.Budget.whole(5.0, clock.progress, clock=clock))
    assert opt.table is None and clock.seen == [("simulating", 0, 3), ("simulating", 1, 3)]
    p = opt.optimise()
    assert p.status == "time_limit" and p.pools is None
    assert p.stopped == "stopped at the time limit of 5 s while simulating the pool variants (2 of 3 done)"
    # every seat Unassigned (all stand): the alliance wins seats 1 and 2 in every draw; majority 3
    assert p.current_figures == (2.0, 0.0)


def test_a_simulation_that_cannot_finish_is_refused_after_its_first_variant():
    ds, sc = split_vote_seats()
    clock = Clock(jump_at=("simulating", 0), jump=10.0)    # the first variant "takes" 10 s; 3 to do
    opt = O.Optimiser(ds, sc, U.ZERO, draws=20, budget=O.Budget.whole(25.0, clock.progress, clock=clock))
    msg = opt.stopped.message
    assert msg.startswith("cannot finish within the time limit of 25 s: the simulation alone needs about 30 s "
                          "(3 pool variants x 10000 ms for 4 seats x 20 draws)")
    assert "reduce the draws, the fight pairs or the partners" in msg


def test_what_cannot_be_held_is_refused_before_any_work():
    # the case: 543 seats, 40 partners, friendly fights of every pair (780 sets), 4,000 draws:
    # 821 variants x 543 seats x 500 bytes (8 draws a byte) = 222,891,500 bytes = 212.6 MiB, over 96
    msg = O.size_problem(543, 40, 780, 4000, 543 * 40)
    assert msg.startswith("too large to simulate: 543 seats x 821 pool variants (40 partners, all stand, 780 "
                          "friendly fights between some partners) x 4,000 draws need 213 MB of draws (at most 96 MB)")
    assert O.size_problem(543, 8, 28, 4000, 543 * 8 + 543 * 29) is None   # 37 variants: 9.6 MiB
    assert O.size_problem(4100, 21, 0, 4000, 4100 * 22) is None           # all India: 22 x 4,100 x 500 = 43 MiB
    ds, sc = four_seats()
    with pytest.raises(ValueError, match="too large to simulate: 4 seats x 3 pool variants"):
        O.prepare(sc.snapshot(), O.Settings(params=U.ZERO, draws=100_000_000))
    too_many = O.size_problem(120_001, 1, 0, 1, 120_001)
    assert too_many.startswith("too large to solve") and "120,001 choices" in too_many


# -- the command line --------------------------------------------------------------------------------------
def test_the_command_line_stopped_before_a_split_says_so_in_json_and_text(capsys):
    args = build_parser().parse_args(["optimise", "--soft", "hooda-nominees", "--json"])
    clock = Clock()
    clock.now = 0.0

    def late():   # the deadline passes as soon as the question starts
        clock.now += 100.0
        return clock.now
    assert run_optimise(args, clock=late) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["status"] == "time_limit" and d["stopped_at_time_limit"] is True
    assert d["stopped"] == "stopped at the time limit of 10 s before the simulation"
    assert d["expected_alliance"] is None and d["assignments"] == {} and d["walk_away"] == {}
    assert d["current"] == {"expected_alliance": None, "p_majority": None}   # nothing was drawn
    text = _text(d, None, load_embedded("haryana")).splitlines()
    assert text[1] == "  STOPPED at the time limit of 10 s: the best answer found so far"
    assert "  no split found; the scenario stays as it is (its own figures were not simulated either)" in text


def test_a_simulation_that_cannot_finish_even_at_the_fastest_rate_is_refused_before_it_starts():
    ds, sc = split_vote_seats()
    clock = Clock()
    # 4 seats x 3 variants x 10,000,000 draws at 8 ns a cell at least: 0.96 s, and 0.5 s allowed
    opt = O.Optimiser(ds, sc, U.ZERO, draws=10_000_000, budget=O.Budget.whole(0.5, clock.progress, clock=clock))
    assert opt.stopped.message.startswith("cannot finish within the time limit of 0.5 s: the simulation alone needs "
                                          "at least 1.0 s (4 seats x 3 pool variants x 10,000,000 draws)")
    assert clock.seen == []    # nothing simulated

