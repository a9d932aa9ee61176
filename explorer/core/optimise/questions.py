"""The questions asked of a table under constraints: the best split (``solve -> Proposal``), each
rule's price, a smallest conflicting set, the frontier, each seat's options, the walk-away of a
split, the splits negotiators reach for (greedy, sitting winner, vote share) and the comparison."""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np

from ..rules import RuleSet
from ..scenario import Scenario
from .constraints import broken, check_with_rules_engine
from .limits import MAJORITY_SAMPLE, SUBSET_BUDGET, Budget, Con, Solution, _Model
from .simulated import walk_away
from .table import WinTable


@dataclass(frozen=True, eq=False)
class SplitFigures:
    """One split as the optimiser sees it: what the dialog shows of the current split and of the
    proposal side by side."""
    choices: np.ndarray                 # per seat: a pool, or a fight column
    pools: np.ndarray                   # per seat: the pool (a fight column is Contested)
    fight_masks: np.ndarray | None      # per seat: the fighting partners' bits (None: no fight between some)
    expected_alliance: float
    p_majority: float | None
    win_prob: np.ndarray                # per seat: P(the alliance wins it) under this split
    labels: tuple[str, ...]             # per seat: the choice as the window names it ("AAP", "Contested", "AAP v INC")
    broken: dict[str, list[int]]        # rules (hard or soft) the split breaks, with the seats concerned
    fights_between_some: int            # seats with a friendly fight between only some partners


@dataclass
class Proposal:
    """The answer to "the best split under the rules": a typed value the dialog and the CLI read."""
    status: str                            # optimal | infeasible | time_limit
    objective: str                         # the objective the proposal maximises
    pools: np.ndarray | None
    expected_alliance: float | None
    p_majority: float | None
    conflicting_rules: list[str] = field(default_factory=list)
    conflict_seats: list[int] = field(default_factory=list)
    rule_prices: dict[str, float] = field(default_factory=dict)
    broken: dict[str, list[int]] = field(default_factory=dict)   # soft rules broken: seats
    note: str = ""
    solve_ms: float = 0.0
    choices: np.ndarray | None = None       # the proposal as choices (pool, or fight column)
    fights: dict[int, tuple[str, ...]] = field(default_factory=dict)   # its friendly fights between some partners
    current: SplitFigures | None = None     # the scenario's own split
    proposed: SplitFigures | None = None    # the proposal's (None: no proposal)
    fights_possible: bool = False           # the optimiser had columns for friendly fights between some partners
    stopped: str = ""                       # "": the whole question was answered; else what stopped it and where
    current_figures: tuple[float, float] | None = None   # the scenario's own (expected seats, P(majority))
    bound: float | None = None              # the solver's bound on the objective (expected seats, rules' costs less)
    gap: float | None = None                # how far the proposal may be from the best: (bound - found) / bound; 0 proven

    @property
    def gap_text(self) -> str:
        """The gap in words (the CLI and the dialog): "proven best", or how far from its bound."""
        if self.gap is None:
            return ""
        if self.gap <= 1e-9:
            return "proven best"
        return f"within {self.gap * 100:.2f} % of the bound ({self.bound:.1f})"

    def __post_init__(self):
        if self.current_figures is None and self.current is not None:
            self.current_figures = (self.current.expected_alliance, self.current.p_majority)


Result = Proposal   # the name it had


# --- the questions: functions of the table and the constraints --------------------------------------------
def solve_once(table: WinTable, cons: list[Con], budget: Budget = Budget(), objective: str = "seats",
               time_limit: float | None = None, start: np.ndarray | None = None,
               sample: int = MAJORITY_SAMPLE) -> Solution:
    """One HiGHS solve of ``objective`` under ``cons``."""
    t0 = time.perf_counter()
    if budget.expired():
        return Solution("time_limit", None, None, 0.0, budget.why())
    model = _Model(table, cons, objective, sample, budget)
    if model.infeasible:
        return Solution("infeasible", None, None, (time.perf_counter() - t0) * 1e3,
                        "a seat is held to two pools by hard rules")
    sol = model.run(budget.seconds(time_limit), start)
    sol.ms = (time.perf_counter() - t0) * 1e3
    return sol


def feasible(table: WinTable, cons: list[Con], budget: Budget = Budget()) -> bool:
    return solve_once(table, cons, budget, objective="none").status != "infeasible"


def split_figures(table: WinTable, cons: list[Con], choices: np.ndarray) -> SplitFigures:
    """What the dialog shows of one split."""
    choices = np.asarray(choices, dtype=np.int64)
    pools, masks = table.split(choices)
    names = [table.pools.label(c) for c in range(table.n_pools)] + \
        [table.label(c).replace("+", " v ") for c in range(table.n_pools, table.n_columns)]
    return SplitFigures(choices, pools.astype(np.int64), masks, table.expected(choices), table.p_majority(choices),
                        table.win_prob_of(choices), tuple(names[int(c)] for c in choices),
                        broken(table, cons, choices), int((choices >= table.n_pools).sum()))


def solve(table: WinTable, cons: list[Con], objective: str = "seats", budget: Budget = Budget(),
          rules: RuleSet | None = None, prices_too: bool = True, sample: int = MAJORITY_SAMPLE) -> Proposal:
    """The best split under the constraints for ``objective`` (expected seats, or P(majority) on a
    sample of the draws, falling back to expected seats when that does not solve); with each rule's
    price; or, when the hard rules cannot all hold, a smallest conflicting set. ``rules``: the
    scenario's, to check the proposal against the rules engine (never a split that breaks a hard
    rule). ``budget.deadline`` bounds the whole question (each solve takes what is left)."""
    if objective not in ("seats", "majority"):
        raise ValueError(f"objective {objective!r}: use seats or majority")
    t0 = time.perf_counter()
    limit = budget.time_limit
    current = split_figures(table, cons, table.current)
    budget.report("solving", 0, 1)
    sol = solve_once(table, cons, budget)
    if sol.status == "infeasible":
        ids, seats, whole = conflict(table, cons, budget, whole=True)
        stopped = "" if whole else f"{budget.why()} while looking for a smallest conflicting set: " \
                                   f"these {len(ids):,} rules cannot all hold, a smaller set may exist"
        named = ", ".join(ids[:12]) + (f" and {len(ids) - 12:,} more" if len(ids) > 12 else "")
        return Proposal("infeasible", "seats", None, None, None, ids, seats,
                        note="the hard rules cannot all hold: " + named + (f" ({stopped})" if stopped else ""),
                        solve_ms=(time.perf_counter() - t0) * 1e3, current=current, stopped=stopped)
    if sol.pools is None:
        stopped = f"{budget.why()} before a first split was found" if budget.expired() else ""
        return Proposal("time_limit", "seats", None, None, None,
                        note=stopped or f"no split found within the time limit of {limit:g} s",
                        solve_ms=(time.perf_counter() - t0) * 1e3, current=current,
                        stopped=stopped or f"no split found within the time limit of {limit:g} s")
    status, note, used, choices = sol.status, sol.note, "seats", sol.pools
    stopped = ""
    gap = None
    if sol.bound is not None and sol.objective is not None:
        gap = max(0.0, (sol.bound - sol.objective) / max(abs(sol.bound), 1e-9))
    if sol.status == "time_limit":
        within = f" (within {gap * 100:.2f} % of the bound)" if gap is not None else ""
        note = f"the time limit of {limit:g} s was reached: the best split found, not proven best{within}"
        if budget.expired():
            stopped = f"{budget.why()} while solving: the best split found so far, not proven best{within}"
            note = stopped
    if objective == "majority" and budget.expired():
        status = "time_limit"
        stopped = stopped or f"{budget.why()} before P(majority) was solved: the split with the most expected seats"
        note = stopped
    elif objective == "majority":
        if table.wins is None:
            note = "P(majority) needs the draws; expected seats instead"
            status = "time_limit"
        else:
            m = solve_once(table, cons, budget, objective="majority", start=choices, sample=sample)
            if m.status == "optimal" and m.pools is not None:
                pm_new, pm_old = table.p_majority(m.pools), table.p_majority(choices)
                if pm_new >= pm_old:
                    choices, used = m.pools, "majority"
                    note = (f"P(majority) maximised on a sample of {min(sample, table.draws):,} draws "
                            f"(all {table.draws:,}: {pm_new:.3f}; best-expected-seats split {pm_old:.3f})")
                else:
                    note = (f"the split best on a sample of {min(sample, table.draws):,} draws does worse on "
                            f"all {table.draws:,} ({pm_new:.3f} < {pm_old:.3f}): the expected-seats split is kept")
            else:
                status = "time_limit"
                note = (f"P(majority) did not solve within {limit:g} s "
                        f"({m.status}): fell back to expected seats")
                if budget.expired():
                    stopped = note = (f"{budget.why()} while solving P(majority): the split with the most "
                                      "expected seats")
    proposed = split_figures(table, cons, choices)
    res = Proposal(status, used, proposed.pools, proposed.expected_alliance, proposed.p_majority,
                   broken=broken(table, [c for c in cons if c.soft], choices), note=note,
                   choices=choices, fights=table.fights_of(choices), current=current, proposed=proposed,
                   fights_possible=bool(table.fight_masks), stopped=stopped, bound=sol.bound,
                   gap=gap if used == "seats" else None)
    if rules is not None:
        left = check_with_rules_engine(table, rules, cons, choices)
        if left:   # never return a split that breaks a hard rule
            raise AssertionError(f"the proposal breaks hard rules: {[c.message for c in left]}")
    if prices_too:
        res.rule_prices = prices(table, cons, choices, budget)
        n_rules = sum(1 for c in cons if c.kind != "lock")
        if len(res.rule_prices) < n_rules and not res.stopped:
            res.stopped = f"{budget.why()} while pricing the rules ({len(res.rule_prices)} of {n_rules} priced)"
    if table.draws_note:
        res.note = f"{res.note}; {table.draws_note}" if res.note else table.draws_note
    res.solve_ms = (time.perf_counter() - t0) * 1e3
    return res


def prices(table: WinTable, cons: list[Con], choices: np.ndarray, budget: Budget = Budget()) -> dict[str, float]:
    """For each rule: the expected seats the alliance would gain if it were dropped. A rule whose
    solve ran out of time is priced on the best split found then; the rules left when the
    budget's deadline passed are not in the answer."""
    base = table.expected(choices)
    out = {}
    rules = [c for c in cons if c.kind != "lock"]
    for k, c in enumerate(rules):
        if budget.expired():
            break
        budget.report("pricing", k, len(rules))
        s = solve_once(table, [d for d in cons if d is not c], budget)
        if s.pools is None and budget.expired():
            break
        out[c.id] = round(table.expected(s.pools) - base, 4) if s.pools is not None else None
    return out


def conflict(table: WinTable, cons: list[Con], budget: Budget = Budget(), whole: bool = False):
    """A smallest set of hard rules (locks included) that cannot all hold, and the seats they
    share (ac_no); ``whole``: also whether the search finished (at the budget's deadline it
    stops with the set found so far, which cannot all hold either, but may not be the smallest)."""
    hard = [c for c in cons if not c.soft]
    soft = [c for c in cons if c.soft]
    order = {c.id: k for k, c in enumerate(cons)}
    quick = _plain_conflict(table, hard)
    if quick is not None:   # found without a solve: one rule that cannot hold alone, or two claims on a seat
        quick.sort(key=lambda c: order[c.id])
        out = [c.id for c in quick], _shared_seats(table, quick)
        return (*out, True) if whole else out
    # deletion filter: an irreducible infeasible set
    core = list(hard)
    done = True
    for k, c in enumerate(sorted(hard, key=lambda c: (c.kind == "lock", c.form == "fix"))):
        if budget.expired():
            done = False
            break
        budget.report("conflict", k, len(hard))
        trial = [d for d in core if d is not c]
        if _surely_infeasible(table, trial + soft, budget):
            core = trial
    # a smaller one among the subsets of fewer rules, while the checks are few
    best = core
    for size in range(1, len(core) if done else 0):
        combos = list(itertools.islice(itertools.combinations(hard, size), SUBSET_BUDGET + 1))
        if len(combos) > SUBSET_BUDGET:
            break
        found = None
        for s in combos:
            if budget.expired():
                done = False
                break
            if _surely_infeasible(table, list(s) + soft, budget):
                found = list(s)
                break
        if found is not None:
            best = found
            break
        if not done:
            break
    best.sort(key=lambda c: order[c.id])
    out = [c.id for c in best], _shared_seats(table, best)
    return (*out, done) if whole else out


def _plain_conflict(table: WinTable, hard: list[Con]) -> list[Con] | None:
    """A smallest conflicting set seen without a solve: a count no split can meet on its own
    (a minimum above its seats, a maximum below its minimum), else two hard rules that hold one
    seat to two pools (no single claim or lock is infeasible alone, so a pair is smallest). None:
    a solve is needed."""
    for c in hard:
        if c.form == "count" and ((c.lo is not None and c.lo > len(c.seats)) or
                                  (c.hi is not None and (c.hi < 0 or (c.lo is not None and c.hi < c.lo)))):
            return [c]
    held: dict[int, Con] = {}
    for c in hard:
        if c.form != "fix":
            continue
        for i in c.seats:
            other = held.setdefault(i, c)
            if other.pool != c.pool:
                return [other, c]
    return None


def _surely_infeasible(table: WinTable, cons: list[Con], budget: Budget) -> bool:
    """Proven infeasible (a check that ran out of time proves nothing: the rule is kept)."""
    return solve_once(table, cons, budget, objective="none").status == "infeasible"


def _shared_seats(table: WinTable, cons: list[Con]) -> list[int]:
    ac = table.seats.ac_no
    count = np.zeros(table.n_seats, dtype=np.int64)
    for c in cons:
        count[list(c.seats)] += 1
    idx = np.flatnonzero(count >= 2) if len(cons) > 1 else np.array(cons[0].seats if cons else [], dtype=int)
    if len(idx) == 0:
        idx = np.unique(np.concatenate([np.array(c.seats, dtype=int) for c in cons])) if cons else idx
    return [int(ac[i]) for i in idx]


def frontier(table: WinTable, cons: list[Con], partner: str, ks: Iterable[int] | None = None,
             budget: Budget = Budget()) -> list[dict]:
    """For k seats given to ``partner`` (default 0 ... N): the best expected alliance seats under
    the other rules (the partner's own seat bounds dropped) and that split's P(majority)."""
    p = table.pools.partner_index(partner)
    N = table.n_seats
    kept = [c for c in cons if not (c.kind == "seat_bounds" and c.pool == p)]
    ks = list(range(N + 1)) if ks is None else list(ks)
    if budget.expired():
        return []
    model = _Model(table, kept + [Con("frontier", "frontier", "count", p, tuple(range(N)), lo=0, hi=0)],
                   "seats", MAJORITY_SAMPLE, budget)
    out = []
    for n, k in enumerate(ks):
        if budget.expired():
            break      # the points left are not in the answer
        budget.report("frontier", n, len(ks))
        if model.infeasible:
            sol = Solution("infeasible", None, None, 0.0)
        else:
            model.set_last_row(k, k)
            sol = model.run(budget.seconds())
            if sol.pools is None and budget.expired():
                break
        if sol.pools is None:
            out.append({"partner": partner, "k": int(k), "expected_alliance": None, "p_majority": None,
                        "status": sol.status})
        else:
            pm = table.p_majority(sol.pools)
            out.append({"partner": partner, "k": int(k), "expected_alliance": round(table.expected(sol.pools), 4),
                        "p_majority": None if pm is None else round(pm, 4), "status": sol.status})
    return out


def seat_options(table: WinTable, choices: np.ndarray | None) -> list[dict]:
    """Per seat: P(alliance wins) with each partner as the candidate and in a friendly fight, the
    better partner, and what each other option costs against it."""
    keys, n_p = table.pools.keys, table.n_partners
    ac, names = table.seats.ac_no, table.seats.names
    P, coef = table.win_prob, table.column_win_prob
    cols = list(range(n_p + 1)) + list(range(table.n_pools, table.n_columns))   # partners, all stand, fights
    out = []
    for i in range(table.n_seats):
        opts = {table.label(c): round(float(coef[c, i]), 4) for c in cols}
        best = int(np.argmax(P[:n_p, i]))
        pb = float(P[best, i])
        rec = {"ac_no": int(ac[i]), "name": str(names[i]), "options": opts,
               "chosen": table.label(int(choices[i])) if choices is not None else None,
               "best": keys[best],
               "costs": {table.label(c): round(pb - float(coef[c, i]), 4) for c in cols if c != best}}
        if choices is not None:
            rec["cost_of_chosen"] = round(pb - float(coef[int(choices[i]), i]), 4)
        out.append(rec)
    return out


def walk_away_of(table: WinTable, choices: np.ndarray) -> dict:
    """Each partner in the alliance (the split, as choices) and going alone: see ``walk_away``."""
    if table.sim is None:
        raise ValueError("walk-away needs the draws")
    pools, fights = table.split(choices)
    return walk_away(table.sim, table.pools, pools.astype(np.int64), table.majority, fights)


# -- splits to compare with ----------------------------------------------------------------------------
def repair(table: WinTable, cons: list[Con], choices: np.ndarray, budget: Budget = Budget()) -> np.ndarray | None:
    """The split closest to ``choices`` (most seats kept in their pool) that meets the hard rules;
    among those, the one with most expected seats. None when the hard rules cannot hold (or the
    budget's deadline has passed)."""
    if budget.expired():
        return None
    model = _Model(table, list(cons), "keep", MAJORITY_SAMPLE, budget, keep=np.asarray(choices, dtype=np.int64))
    if model.infeasible:
        return None
    return model.run(budget.seconds()).pools


def greedy(table: WinTable, cons: list[Con], budget: Budget = Budget()) -> np.ndarray | None:
    """Each seat to its best partner, then, rule by rule, the cheapest moves that meet the hard
    rules (the claims first, then the counts); what is left is repaired."""
    P = table.column_win_prob
    choices = np.argmax(np.where(table.allowed, P, -1.0), axis=0)
    fixed = np.zeros(table.n_seats, dtype=bool)
    for c in cons:
        if c.form == "fix" and not c.soft:
            choices[list(c.seats)] = c.pool
            fixed[list(c.seats)] = True
    for c in cons:
        if c.form != "count" or c.soft:
            continue
        s = np.array(c.seats, dtype=np.int64)
        have = int((choices[s] == c.pool).sum())
        if c.lo is not None and have < c.lo:
            cand = s[(choices[s] != c.pool) & ~fixed[s]]
            loss = P[choices[cand], cand] - P[c.pool, cand]
            take = cand[np.argsort(loss, kind="stable")[: c.lo - have]]
            choices[take] = c.pool
            fixed[take] = True
        elif c.hi is not None and have > c.hi:
            cand = s[(choices[s] == c.pool) & ~fixed[s]]
            alt = np.where(table.allowed[:, cand], P[:, cand], -1.0)
            alt[c.pool] = -1.0
            to = np.argmax(alt, axis=0)
            loss = P[c.pool, cand] - P[to, cand]
            order = np.argsort(loss, kind="stable")[: have - c.hi]
            choices[cand[order]] = to[order]
    if broken(table, [c for c in cons if not c.soft], choices):
        return repair(table, cons, choices, budget)
    return choices


def sitting_winner(table: WinTable) -> np.ndarray:
    """Rule of thumb: the partner that won the seat in the baseline keeps it; elsewhere the
    partner with more votes there (the better-placed of the partners)."""
    pb = table.projector.prepared
    n_p = table.n_partners
    votes = pb.votes[:, :n_p]
    leader = pb.leader
    return np.where(leader < n_p, leader, np.argmax(votes, axis=1)).astype(np.int64)


def vote_share_split(table: WinTable, budget: Budget = Budget()) -> np.ndarray | None:
    """Rule of thumb: each partner gets seats in proportion to its vote (largest remainder), in
    the seats where its share of the partners' vote is highest."""
    pb = table.projector.prepared
    n_p, N = table.n_partners, table.n_seats
    v = pb.votes[:, :n_p]
    tot = v.sum(axis=0)
    quota = tot / tot.sum() * N if tot.sum() > 0 else np.full(n_p, N / n_p)
    n = np.floor(quota).astype(int)
    for j in np.argsort(-(quota - n), kind="stable")[: N - n.sum()]:
        n[j] += 1
    rel = v / np.where(v.sum(axis=1, keepdims=True) > 0, v.sum(axis=1, keepdims=True), 1.0)
    cons = [Con(f"share:{j}", "share", "count", j, tuple(range(N)), lo=int(n[j]), hi=int(n[j]))
            for j in range(n_p)]
    if budget.expired():
        return None
    model = _Model(table, cons, "share", MAJORITY_SAMPLE, budget, share=rel.T)
    return model.run(budget.seconds()).pools


# --- reports -------------------------------------------------------------------------------------------
def assignments_json(table: WinTable, pools: np.ndarray) -> dict[str, list[int]]:
    ac = table.seats.ac_no
    return {k: [int(a) for a in ac[pools == c]] for c, k in enumerate(table.pools.keys) if (pools == c).any()}


def proposal_scenario(table: WinTable, snapshot, choices: np.ndarray, name: str | None = None) -> Scenario:
    """The proposal as a scenario: the same alliance, assumptions, rules and notes as ``snapshot``,
    the proposed pools and friendly fights."""
    sc = Scenario(snapshot.dataset, snapshot.pools.partners, assumptions=snapshot.assumptions, rules=snapshot.rules,
                  name=name or f"{snapshot.name} (optimised)", notes=getattr(snapshot, "notes", ""))
    sc.pool = table.split(choices)[0].copy()
    sc.fights = table.fights_of(choices)
    sc.rivals = tuple(getattr(snapshot, "rivals", ()))     # optimised against the rivals as they stand
    sc.bloc_name = getattr(snapshot, "bloc_name", "Alliance")
    sc.lineage_to = getattr(snapshot, "lineage_to", None)
    sc.contenders = tuple(getattr(snapshot, "contenders", ()))
    return sc


def comparison(table: WinTable, cons: list[Con], presets: dict[str, np.ndarray] | None = None,
               budget: Budget = Budget()) -> list[dict]:
    """The proposal against the splits negotiators reach for, each made to meet the same hard
    rules (the closest split that does): expected seats, P(majority), seats moved by the repair."""
    rows = []

    def add(label, choices):
        if budget.expired():   # not worked out: said so, not "cannot meet the rules"
            rows.append({"split": label, "expected_alliance": None, "p_majority": None, "seats_moved": None,
                         "stopped": budget.why()})
            return
        fixed = None if choices is None else repair(table, cons, choices, budget)
        if fixed is None:
            rows.append({"split": label, "expected_alliance": None, "p_majority": None, "seats_moved": None}
                        | ({"stopped": budget.why()} if budget.expired() else {}))
            return
        pm = table.p_majority(fixed)
        rows.append({"split": label, "expected_alliance": round(table.expected(fixed), 3),
                     "p_majority": None if pm is None else round(pm, 4),
                     "seats_moved": int((fixed != choices).sum())})

    for label, choices in (presets or {}).items():
        add(f"preset: {label}", choices)
    add("greedy per seat", None if budget.expired() else greedy(table, cons, budget))
    add("sitting winner keeps it, else the better-placed partner", sitting_winner(table))
    add("in proportion to vote share", None if budget.expired() else vote_share_split(table, budget))
    return rows
