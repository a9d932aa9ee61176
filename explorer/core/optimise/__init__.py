"""The best split under the rules: complete a split, price each rule, a frontier per partner,
who should contest each seat, and whether the alliance is worth it to each partner.

The model. For every seat that is not locked the optimiser picks one pool: a partner (that
partner alone fields the alliance candidate) or, only where the strategist allows a friendly
fight, Contested. The objective is the alliance's expected seats: the sum over seats of
P(alliance wins the seat) under its chosen pool, each P counted on the uncertainty draws
(``uncertainty.Simulator``; common random numbers, so the same seat in the same pool always has
the same P). The rules become linear constraints on 0/1 variables x[seat, pool]:

- must-have and faction claim: the seat is in the claimant partner's pool (x = 1);
- regional minimum: at least k of the region's seats in the partner's pool;
- seat bounds: the partner's seat count in [minimum, maximum];
- a locked seat keeps its pool (Unassigned and Contested included, with its friendly fight).

With three or more partners a friendly fight need not be between all of them: ``fight_pairs``
adds, where a friendly fight is allowed, a choice per allowed set of partners (every pair, or
the sets named), each one more column x[seat, fight] whose P is the projection's fight variant
(``Projector.variant_of``). A *choice* is a pool index, or ``len(pools) + j`` for the j-th fight
column (``Optimiser.fight_masks``); ``Optimiser.split`` turns choices back into pools and fights.

Each rule is hard (it must hold) or soft: a soft rule may be broken at a cost in expected seats
per seat short (a claim: per seat denied; a count: per seat below or above). A soft faction claim
can instead be priced by its rebel (``projection.Rebel``): the seats' P then already carry the
rebel wherever the claim is denied, and a cost of 0 lets the P decide. The split-vote rule is not
a constraint: the objective already sees the split vote.

The other objective, P(majority), is the share of a sample of draws in which the alliance wins
a majority: one 0/1 variable per draw. It is a harder problem; if HiGHS does not prove it within
the time limit the optimiser says so and falls back to expected seats.

When the hard rules cannot all hold, ``conflict`` finds a smallest conflicting set: a deletion
filter gives an irreducible set, then smaller subsets of the rules are tried while few enough.

Solver: HiGHS (``highspy``), a MIP per question, always with a time limit.

The optimiser is a pipeline of functions of values:

    table = prepare(snapshot, Settings(...))              # the simulation: P(win) per seat and column
    cons = constraints(table, snapshot.rules, soft, locks)  # the rules and locks as constraints
    proposal = solve(table, cons, "seats", budget)          # a typed Proposal the dialog and CLI read

and every other answer is a function of the table and the constraints: ``prices``,
``conflict``, ``frontier``, ``walk_away_of``, ``seat_options``, ``repair``, ``greedy``,
``sitting_winner``, ``vote_share_split``, ``comparison``. A ``Budget`` says how long a solve
may take (and, when set, a deadline for the whole question: ``Budget.whole(seconds)``, which
the command line and the dialog use, so that the preparation and every solve and answer stop
there with the best answer found so far and say where they stopped), who hears of progress and
how a question is cancelled. What cannot be held (``size_problem``: the draws of every pool
variant at once, or a model of too many choices) is refused before any work. ``Optimiser`` bundles one scenario's table, constraints and budget for
callers that ask it several questions.
"""
from __future__ import annotations

from typing import Callable, Iterable

import numpy as np

from .. import uncertainty as U
from ..dataset import Dataset
from ..projection import Projector, Rebel
from ..scenario import Scenario
from .constraints import broken, check_with_rules_engine, constraints, hard_ids
from .limits import (CONSTRAINT_KINDS, DEFAULT_DRAWS, DEFAULT_TIME_LIMIT, MAJORITY_SAMPLE, MAX_CHOICES, MAX_DRAW_BYTES,
                     SUBSET_BUDGET, TIE_BREAK, Budget, Con, OutOfTime, Progress, Solution, _highs, _Model, size_problem)
from .questions import (Proposal, Result, SplitFigures, assignments_json, comparison, conflict, feasible, frontier,
                        greedy, prices, proposal_scenario, repair, seat_options, sitting_winner, solve, solve_once,
                        split_figures, vote_share_split, walk_away_of)
from .simulated import SeatContest, partners_apart, rebels_from, seat_contest, walk_away, walk_away_figures
from .table import Settings, WinTable, prepare

__all__ = ["CONSTRAINT_KINDS", "DEFAULT_DRAWS", "DEFAULT_TIME_LIMIT", "MAJORITY_SAMPLE", "SUBSET_BUDGET", "TIE_BREAK",
           "Budget", "Con", "MAX_CHOICES", "MAX_DRAW_BYTES", "Optimiser", "OutOfTime", "Progress", "Proposal", "Result", "SeatContest", "Settings", "Solution",
           "SplitFigures", "WinTable", "assignments_json", "broken", "check_with_rules_engine", "comparison",
           "conflict", "constraints", "feasible", "frontier", "greedy", "hard_ids", "partners_apart", "prepare",
           "prices", "proposal_scenario", "rebels_from", "repair", "seat_contest", "seat_options", "size_problem", "sitting_winner",
           "solve", "solve_once", "split_figures", "vote_share_split", "walk_away", "walk_away_figures", "walk_away_of", "_highs",
           "_Model"]


# --- one scenario, several questions ---------------------------------------------------------------------
class Optimiser:
    """One scenario's table, constraints and budget, for a caller that asks several questions of
    it (the command line, the dialog, the tests): ``prepare`` and ``constraints`` at once, then
    each method one of the functions above."""

    def __init__(self, ds: Dataset, sc, params: U.UncertaintyParams | None = None,
                 draws: int = DEFAULT_DRAWS, seed: int = U.DEFAULT_SEED, rebels: Iterable[Rebel] = (),
                 locked: Iterable[int] = (), friendly: Iterable[int] | str = (),
                 fight_pairs: Iterable[Iterable[str]] | str = (),
                 soft: dict[str, float] | None = None, time_limit: float = DEFAULT_TIME_LIMIT,
                 progress: Progress | None = None, probabilities: np.ndarray | None = None,
                 wins: np.ndarray | None = None, cancel: Callable[[], bool] | None = None,
                 budget: Budget | None = None):
        """``sc``: a scenario snapshot (or a scenario no other thread edits). ``fight_pairs``: where
        ``friendly`` allows a friendly fight, it may also be between only these partners ("all":
        every pair; or sets of two or more codes, fewer than all). ``probabilities`` / ``wins``:
        see ``prepare``; ``progress`` and ``cancel``: see ``Budget``. ``budget``: instead of
        ``time_limit``, ``progress`` and ``cancel``, one for the whole question (``Budget.whole``):
        the preparation stops at its deadline too, and then ``table`` is None, ``stopped`` the
        ``OutOfTime`` and every answer says so."""
        settings = Settings(params, int(draws), int(seed), tuple(rebels),
                            friendly if isinstance(friendly, str) else tuple(friendly),
                            fight_pairs if isinstance(fight_pairs, str) else tuple(tuple(x) for x in fight_pairs))
        self.sc = sc
        self.budget = budget or Budget(float(time_limit), None, progress, cancel)
        self.stopped: OutOfTime | None = None
        self.table: WinTable | None = None
        self.cons: list[Con] = []
        try:
            self.table = prepare(sc, settings, dataset=ds, progress=self.budget.progress, win_prob=probabilities,
                                 wins=wins, budget=budget)
        except OutOfTime as e:
            self.stopped = e
            return
        self.cons = constraints(self.table, sc.rules, soft, locked)

    # what callers read of the table
    @property
    def draws(self) -> int:
        return self.table.draws

    @property
    def projector(self) -> Projector:
        return self.table.projector

    @property
    def rebels(self) -> tuple[Rebel, ...]:
        return self.table.rebels if self.table is not None else ()

    @property
    def current_choices(self) -> np.ndarray:
        return self.table.current

    @property
    def prepare_ms(self) -> float:
        return self.table.prepare_ms if self.table is not None else 0.0

    # the questions
    def optimise(self, objective: str = "seats", prices: bool = True, sample: int = MAJORITY_SAMPLE) -> Proposal:
        if self.table is None:   # stopped before the table was ready: no split, and what stopped it
            e = self.stopped
            return Proposal("time_limit", "seats", None, None, None, note=e.message, stopped=e.message,
                            current_figures=e.current)
        return solve(self.table, self.cons, objective, self.budget, self.sc.rules, prices, sample)

    def frontier(self, partner: str, ks: Iterable[int] | None = None) -> list[dict]:
        return frontier(self.table, self.cons, partner, ks, self.budget)

    def walk_away(self, choices: np.ndarray) -> dict:
        return walk_away_of(self.table, choices)

    def seat_options(self, choices: np.ndarray | None) -> list[dict]:
        return seat_options(self.table, choices)

    def repair(self, choices: np.ndarray) -> np.ndarray | None:
        return repair(self.table, self.cons, choices, self.budget)

    def greedy(self) -> np.ndarray | None:
        return greedy(self.table, self.cons, self.budget)

    def sitting_winner(self) -> np.ndarray:
        return sitting_winner(self.table)

    def vote_share_split(self) -> np.ndarray | None:
        return vote_share_split(self.table, self.budget)

    def check_with_rules_engine(self, choices: np.ndarray) -> list:
        return check_with_rules_engine(self.table, self.sc.rules, self.cons, choices)

    def comparison(self, presets: dict[str, np.ndarray] | None = None) -> list[dict]:
        return comparison(self.table, self.cons, presets, self.budget)

    def proposal_scenario(self, choices: np.ndarray, name: str | None = None) -> Scenario:
        return proposal_scenario(self.table, self.sc, choices, name)
