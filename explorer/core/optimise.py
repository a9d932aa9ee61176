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
may take (and, when set, a deadline for the whole question), who hears of progress and how a
solve is cancelled. ``Optimiser`` bundles one scenario's table, constraints and budget for
callers that ask it several questions.
"""
from __future__ import annotations

import itertools
import os
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np

from . import uncertainty as U
from .dataset import Dataset, SeatTable
from .engine import Engine
from .pools import Pools
from .projection import REBEL_SHARE, Projector, Rebel
from .rules import Context, FactionClaim, MustHave, RegionalMinimum, RuleSet, SeatBounds
from .scenario import Scenario

CONSTRAINT_KINDS = ("must_have", "faction_claim", "regional_minimum", "seat_bounds")
DEFAULT_TIME_LIMIT = 10.0       # seconds, per solve
DEFAULT_DRAWS = 4000            # draws for the per-seat P and P(majority)
MAJORITY_SAMPLE = 400           # draws the P(majority) objective is optimised on
SUBSET_BUDGET = 300             # feasibility checks spent looking for a smaller conflicting set
TIE_BREAK = 1e-8               # expected seats: what a friendly fight must beat a partner alone by

Progress = Callable[[str, int, int], None]   # (stage, done, total)


# --- HiGHS ----------------------------------------------------------------------------------------
_QUIET = False


def _highs(time_limit: float):
    """A silent HiGHS instance. HiGHS prints a banner to the C stdout on its first instance:
    the first one is made with stdout pointed at the null device (a --json output stays JSON)."""
    global _QUIET
    import highspy
    if not _QUIET:
        _QUIET = True
        try:
            sys.stdout.flush()
            fd, null = os.dup(1), os.open(os.devnull, os.O_WRONLY)
        except (OSError, ValueError):
            fd = null = None
        try:
            if fd is not None:
                os.dup2(null, 1)
            h = highspy.Highs()
            try:
                import ctypes
                ctypes.CDLL(None).fflush(None)
            except (OSError, AttributeError, TypeError):
                pass
        finally:
            if fd is not None:
                os.dup2(fd, 1)
                os.close(fd)
                os.close(null)
    else:
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    # one thread: these models are small, and HiGHS's thread pool costs 2-50 ms per solve on a
    # shared 2-core machine (measured), far more than the solve
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 1e-9)
    h.setOptionValue("mip_abs_gap", 1e-9)
    return h


# --- constraints ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Con:
    """One rule (or lock) as the optimiser sees it. ``fix``: every seat in ``seats`` in ``pool``;
    ``count``: lo <= (seats of ``seats`` in ``pool``) <= hi."""
    id: str
    kind: str                    # rule kind, or "lock", or "frontier"
    form: str                    # "fix" or "count"
    pool: int
    seats: tuple[int, ...]       # seat indices
    lo: int | None = None
    hi: int | None = None
    soft: bool = False
    cost: float = 0.0
    partner: str = ""



@dataclass
class Solution:
    status: str                   # optimal | infeasible | time_limit
    pools: np.ndarray | None      # pool index per seat
    objective: float | None
    ms: float
    note: str = ""


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


Result = Proposal   # the name it had


def rebels_from(sc: Scenario, claims: dict[str, float] | None = None,
                seats: dict[int, tuple[str, float]] | None = None) -> tuple[Rebel, ...]:
    """Rebels from faction claims (rule id -> share; every seat of the claim carries a rebel of
    its partner) and from single seats (ac_no -> (partner, share))."""
    out: dict[int, Rebel] = {}
    by_id = {r.id: r for r in sc.rules.rules}
    for rid, share in (claims or {}).items():
        r = by_id.get(rid)
        if r is None:
            raise ValueError(f"rebel: no rule {rid!r}; rules are {', '.join(by_id) or 'none'}")
        if not isinstance(r, (FactionClaim, MustHave)):
            raise ValueError(f"rebel: rule {rid!r} is a {r.kind}, not a faction claim or must-have")
        for a in r.seats:
            out[a] = Rebel(int(a), r.partner, (r.rebel if r.rebel is not None else REBEL_SHARE)
                           if share is None else float(share))
    for a, (partner, share) in (seats or {}).items():
        if not sc.seats.has(a):
            raise ValueError(f"rebel: unknown seat {a}")
        out[int(a)] = Rebel(int(a), partner, REBEL_SHARE if share is None else float(share))
    return tuple(out[a] for a in sorted(out))


def partners_apart(sim: U.Simulator, pools_def, majority: int) -> U.Summary:
    """The draws with every partner in every seat (no transfer): the going-alone side of ``walk_away``."""
    return sim.run(np.full(sim.N, pools_def.contested, dtype=np.int64), majority)


def walk_away(sim: U.Simulator, pools_def, pools: np.ndarray, majority: int,
              fights: np.ndarray | None = None, apart: U.Summary | None = None) -> dict:
    """Each partner in the alliance (the split ``pools``, with its friendly fights) and going alone
    (every seat fielded by every partner, no transfer), on the simulator's draws: expected seats,
    P(majority) of the alliance and of the partner alone. The alliance is worth it to a partner
    only if it gains seats (``worth_it``). ``apart``: ``partners_apart`` of the same simulator,
    when the caller keeps it; the split's draws are the simulator's ``move`` from whatever it last
    ran (only the seats that differ are drawn again)."""
    s_out = apart if apart is not None else partners_apart(sim, pools_def, majority)
    s_in = sim.move(np.asarray(pools, dtype=np.int64), majority, fights)
    out = {}
    for p in pools_def.partners:
        k = s_in.parties.index(p.code)
        a, b = float(s_in.p_win[:, k].sum()), float(s_out.p_win[:, k].sum())
        out[p.code] = {"alliance": round(a, 3), "alone": round(b, 3),
                       "p_majority_alliance": round(s_in.p_majority, 4),
                       "p_majority_alone": round(float((s_out.party_seats[:, k] >= majority).mean()), 4),
                       "p_majority_partner_in_alliance": round(float((s_in.party_seats[:, k] >= majority).mean()), 4),
                       "p_majority_partners_apart": round(s_out.p_majority, 4),
                       "worth_it": bool(a > b)}
    return out


@dataclass(frozen=True)
class SeatContest:
    """Who should contest each seat, per seat (the who-contests figures as arrays, for the map's
    and the table's "best partner" and "cost of this assignment")."""
    best: np.ndarray       # partner index with the higher P(alliance wins) alone
    best_code: list[str]   # its code
    p_best: np.ndarray     # that P
    p_now: np.ndarray      # P(alliance wins) in the seat's current pool
    cost: np.ndarray       # p_best - p_now, expected seats (negative: the current friendly fight is better)


def seat_contest(P: np.ndarray | None, pools_def, pool: np.ndarray) -> SeatContest | None:
    """From the optimiser's P (variants x seats: each partner alone, then all stand; ``Optimiser.P``)
    and the split ``pool``: each seat's better partner and what its current pool costs against it
    (Contested and Unassigned count as every partner standing). None when there is no P, or one
    made for another alliance or data set."""
    n_p = pools_def.n_partners
    if P is None or np.ndim(P) != 2 or np.shape(P)[1] != len(pool) or np.shape(P)[0] <= n_p:
        return None
    P = np.asarray(P, dtype=float)
    best = np.argmax(P[:n_p], axis=0)
    rows = np.arange(P.shape[1])
    p_best = P[best, rows]
    p_now = P[np.minimum(np.asarray(pool, dtype=np.int64), n_p), rows]
    codes = [p.code for p in pools_def.partners]
    return SeatContest(best, [codes[b] for b in best.tolist()], p_best, p_now, p_best - p_now)


# --- the table: P(win) of every seat in every column ----------------------------------------------------
@dataclass(frozen=True)
class Settings:
    """What the simulation behind the table is made with, and which choices a seat has."""
    params: U.UncertaintyParams | None = None    # None: fitted from the data set
    draws: int = DEFAULT_DRAWS
    seed: int = U.DEFAULT_SEED
    rebels: tuple[Rebel, ...] = ()               # beside the scenario's own (claims that carry one)
    friendly: tuple[int, ...] | str = ()         # where a friendly fight is allowed: seats, "all" or "none"
    fight_pairs: tuple | str = ()                # the sets of partners that may fight, or "all" / "none"


@dataclass(frozen=True, eq=False)
class WinTable:
    """Every seat's P(the alliance wins) in every column it may take (each partner alone,
    Contested, Unassigned, then the friendly fights between some partners), and the draws behind
    it: what every question asks of one scenario. Columns: ``n_pools`` pools, then a column per
    entry of ``fight_masks``; a *choice* is a column index."""
    seats: SeatTable
    pools: Pools
    majority: int
    projector: Projector
    rebels: tuple[Rebel, ...]
    sim: U.Simulator | None
    draws: int
    win_prob: np.ndarray                 # (variants, seats): each partner alone, all stand, then the fights
    wins: np.ndarray | None              # (variants, seats, draws) bool: the draws (None: P given by hand)
    fight_masks: tuple[int, ...]         # the fight columns' partner bits
    column_variant: np.ndarray           # per column, its variant
    column_win_prob: np.ndarray          # (columns, seats)
    allowed: np.ndarray                  # (columns, seats) bool: the choices a seat may take
    friendly: tuple[int, ...]            # the seats (ac_no) where a friendly fight is allowed
    current: np.ndarray                  # the scenario's split as choices
    prepare_ms: float = 0.0

    @property
    def n_seats(self) -> int:
        return self.seats.n

    @property
    def n_partners(self) -> int:
        return self.pools.n_partners

    @property
    def n_pools(self) -> int:
        return len(self.pools)

    @property
    def n_columns(self) -> int:
        return len(self.pools) + len(self.fight_masks)

    # -- the figures of a split ----------------------------------------------------------------------
    def variant(self, choices: np.ndarray) -> np.ndarray:
        """The simulated variant of each seat's choice (a pool, or a fight column)."""
        return self.column_variant[np.asarray(choices, dtype=np.int64)]

    def win_prob_of(self, choices: np.ndarray) -> np.ndarray:
        """Per seat, P(the alliance wins it) under the split."""
        return self.win_prob[self.variant(choices), np.arange(self.n_seats)]

    def expected(self, choices: np.ndarray) -> float:
        return float(self.win_prob_of(choices).sum())

    def seats_by_draw(self, choices: np.ndarray) -> np.ndarray | None:
        if self.wins is None:
            return None
        return self.wins[self.variant(choices), np.arange(self.n_seats)].sum(axis=0)

    def p_majority(self, choices: np.ndarray) -> float | None:
        s = self.seats_by_draw(choices)
        return None if s is None else float((s >= self.majority).mean())

    # -- choices and splits ----------------------------------------------------------------------------
    def choices(self, pools: np.ndarray, fights: np.ndarray | None = None) -> np.ndarray:
        """A split (pools, and fight masks per seat as ``Scenario.fight_masks`` gives them) as choices."""
        out = np.asarray(pools, dtype=np.int64).copy()
        if fights is not None:
            column = {m: self.n_pools + j for j, m in enumerate(self.fight_masks)}
            for i in np.flatnonzero((out == self.pools.contested) & (fights != 0)):
                c = column.get(int(fights[i]))
                if c is None:
                    raise ValueError(f"seat {self.seats.ac_no[i]}: a friendly fight the optimiser has no column for")
                out[i] = c
        return out

    def split(self, choices: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Choices back to pools (a fight column is Contested) and fight masks (None: no fight
        between some partners)."""
        ch = np.asarray(choices, dtype=np.int64)
        fight = ch >= self.n_pools
        pools = np.where(fight, self.pools.contested, ch).astype(np.int8)
        if not fight.any():
            return pools, None
        masks = np.zeros(self.n_seats, dtype=np.int64)
        masks[fight] = np.array(self.fight_masks, dtype=np.int64)[ch[fight] - self.n_pools]
        return pools, masks

    def fights_of(self, choices: np.ndarray) -> dict[int, tuple[str, ...]]:
        """The friendly fights between some partners of a split, as ``Scenario.fights``."""
        codes = [p.code for p in self.pools.partners]
        ch = np.asarray(choices, dtype=np.int64)
        ac = self.seats.ac_no
        return {int(ac[i]): tuple(c for k, c in enumerate(codes) if self.fight_masks[ch[i] - self.n_pools] >> k & 1)
                for i in np.flatnonzero(ch >= self.n_pools)}

    def label(self, choice: int) -> str:
        """A choice's name: a pool key, or the fighting partners' codes ("AAP+INC")."""
        if choice < self.n_pools:
            return self.pools.keys[choice]
        m = self.fight_masks[choice - self.n_pools]
        return "+".join(p.code for k, p in enumerate(self.pools.partners) if m >> k & 1)


def _fight_sets(snapshot, fight_pairs) -> list[int]:
    """The partner bits of each set of partners allowed to fight ("all": every pair)."""
    codes = [p.code for p in snapshot.pools.partners]
    if isinstance(fight_pairs, str):
        if fight_pairs not in ("all", "none", ""):
            raise ValueError(f"fight pairs: {fight_pairs!r}; use all, none or sets of partner codes")
        sets = list(itertools.combinations(codes, 2)) if fight_pairs == "all" else []
    else:
        sets = [tuple(x) for x in fight_pairs]
    out = []
    for fs in sets:
        norm = snapshot.normal_fight(fs)      # ValueError: fewer than two, or not a partner
        if norm is None:                      # every partner: that is Contested itself
            continue
        m = sum(1 << codes.index(c) for c in norm)
        if m not in out:
            out.append(m)
    return out


def prepare(snapshot, settings: Settings = Settings(), *, dataset: Dataset | None = None,
            progress: Progress | None = None, win_prob: np.ndarray | None = None,
            wins: np.ndarray | None = None) -> WinTable:
    """The table of a scenario (a ``ScenarioSnapshot``, or a scenario read on its own thread):
    the simulation of every seat in every pool variant (variants x draws x seats).

    ``win_prob`` (V, N) or ``wins`` (V, N, draws) bool, when given, stand in for the simulation
    (hand-made cases; a cache): P(alliance wins seat i with the seat in variant v); variants: each
    partner alone, all stand, then the fight columns in ``fight_masks`` order."""
    t0 = time.perf_counter()
    ds = dataset or snapshot.dataset
    report = progress or (lambda stage, done, total: None)
    pools = snapshot.pools
    n_p, N = pools.n_partners, ds.seats.n
    # the scenario's own rebels (claims that carry one), then those of the settings, seat by seat
    mine = {r.ac_no: r for r in snapshot.rules.rebels()}
    mine.update({r.ac_no: r for r in settings.rebels})
    rebels = tuple(mine[a] for a in sorted(mine))
    params = settings.params
    if params is None:
        params, _ = U.params_for(ds)
    draws = int(settings.draws)
    projector = Engine(ds).projector(pools, snapshot.assumptions, rebels)
    # the fight columns: the sets of partners allowed to fight, then the scenario's own fights
    allowed_masks = _fight_sets(snapshot, settings.fight_pairs)
    own = snapshot.fight_masks()
    own_masks = sorted(set(int(m) for m in own[own != 0])) if own is not None else []
    fight_masks = allowed_masks + [m for m in own_masks if m not in allowed_masks]
    fight_variant = [projector.variant_of(m) for m in fight_masks]
    V = len(projector.variant_masks)
    sim = None
    if wins is not None:
        wins = np.asarray(wins, dtype=bool)
        P, draws = wins.mean(axis=2), wins.shape[2]
    elif win_prob is not None:
        P = np.asarray(win_prob, dtype=float)
    else:
        if draws < 1:
            raise ValueError("the optimiser needs at least one draw")
        sim = U.Simulator(projector, ds, params, draws, int(settings.seed))
        wins = np.empty((V, N, draws), dtype=bool)
        for v in range(V):
            report("simulating", v, V)
            wins[v] = sim.variant_draws(np.full(N, v)).T
        P = wins.mean(axis=2)
    if sim is None and P.shape[0] != V:
        raise ValueError(f"probabilities: {P.shape[0]} variants given, {V} needed "
                         f"(each partner alone, all stand, {len(fight_masks)} friendly fights)")
    # the win probability of each column: the pools (Unassigned is the split vote), then the
    # friendly fights between some partners
    C = len(pools)
    column_variant = np.array(list(range(n_p + 1)) + [n_p] + fight_variant, dtype=np.int64)
    # which pools a seat may take: every partner; Contested where a friendly fight is allowed
    allowed = np.zeros((C + len(fight_masks), N), dtype=bool)
    allowed[:n_p] = True
    friendly = settings.friendly
    if isinstance(friendly, str):
        if friendly not in ("all", "none", ""):
            raise ValueError(f"friendly fights: {friendly!r}; use all, none or seat numbers")
        if friendly == "all":
            allowed[n_p] = True
        friendly = tuple(int(a) for a in ds.seats.ac_no) if friendly == "all" else ()
    else:
        friendly = tuple(int(a) for a in friendly)
        for a in friendly:
            if not ds.seats.has(a):
                raise ValueError(f"friendly fight: unknown seat {a}")
        allowed[n_p, ds.seats.indices(list(friendly))] = True
    for j, m in enumerate(fight_masks):   # a fight between some partners: where a fight is allowed
        if m in allowed_masks:
            allowed[C + j] = allowed[n_p]
    table = WinTable(ds.seats, pools, ds.majority, projector, rebels, sim, draws, P, wins, tuple(fight_masks),
                     column_variant, P[column_variant], allowed, friendly, np.empty(0, dtype=np.int64))
    current = table.choices(snapshot.pool.astype(np.int64), own)
    object.__setattr__(table, "current", current)
    object.__setattr__(table, "prepare_ms", (time.perf_counter() - t0) * 1e3)
    return table


# --- how long, who listens, when to stop ------------------------------------------------------------------
@dataclass(frozen=True)
class Budget:
    """How long a question may take and who hears of it: ``time_limit`` seconds per solve;
    ``deadline`` (a ``time.perf_counter()`` instant) for the whole question, when set, so that no
    solve runs past it; ``progress(stage, done, total)`` between solves and, inside a long solve,
    at each better split found (done/total: elapsed/limit in ms); ``cancel()`` returning True stops
    a solve at HiGHS's next check (the answer is then ``time_limit``)."""
    time_limit: float = DEFAULT_TIME_LIMIT
    deadline: float | None = None
    progress: Progress | None = None
    cancel: Callable[[], bool] | None = None

    def seconds(self, limit: float | None = None) -> float:
        """The time the next solve may take."""
        t = self.time_limit if limit is None else float(limit)
        if self.deadline is not None:
            t = max(0.0, min(t, self.deadline - time.perf_counter()))
        return t

    def report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)


# --- constraints ----------------------------------------------------------------------------------
def constraints(table: WinTable, rules: RuleSet, soft: dict[str, float] | None = None,
                locks: Iterable[int] = ()) -> list[Con]:
    """The locks (a locked seat keeps its choice) and the enabled rules the optimiser can hold
    (must-have, faction claim, regional minimum, seat bounds) as constraints; ``soft``: rule id ->
    cost in expected seats per seat short. ValueError for an unknown seat or soft rule."""
    seats = table.seats
    locks = tuple(dict.fromkeys(int(a) for a in locks))
    for a in locks:
        if not seats.has(a):
            raise ValueError(f"lock: unknown seat {a}")
    held = [r for r in rules.rules if r.enabled and r.kind in CONSTRAINT_KINDS]
    soft = dict(soft or {})
    ids = {r.id for r in held}
    for rid in soft:
        if rid not in ids:
            known = ", ".join(sorted(ids)) or "none"
            raise ValueError(f"soft: no enabled rule {rid!r} the optimiser can relax; rules: {known}")
    out = []
    for a in locks:
        i = seats.index_of(a)
        out.append(Con(f"lock:{a}", "lock", "fix", int(table.current[i]), (i,)))
    for r in held:
        is_soft = r.id in soft
        cost = float(soft.get(r.id) or 0.0)
        p = table.pools.partner_index(r.partner)
        if isinstance(r, (MustHave, FactionClaim)):
            out.append(Con(r.id, r.kind, "fix", p, tuple(int(i) for i in seats.indices(list(r.seats))),
                           soft=is_soft, cost=cost, partner=r.partner))
        elif isinstance(r, RegionalMinimum):
            m = np.flatnonzero(seats.region_mask(r.region_kind, r.region))
            out.append(Con(r.id, r.kind, "count", p, tuple(int(i) for i in m), lo=r.minimum,
                           soft=is_soft, cost=cost, partner=r.partner))
        elif isinstance(r, SeatBounds):
            out.append(Con(r.id, r.kind, "count", p, tuple(range(table.n_seats)), lo=r.minimum, hi=r.maximum,
                           soft=is_soft, cost=cost, partner=r.partner))
    return out


def hard_ids(cons: list[Con]) -> list[str]:
    return [c.id for c in cons if not c.soft and c.kind != "lock"]


def broken(table: WinTable, cons: list[Con], choices: np.ndarray) -> dict[str, list[int]]:
    """The rules (hard or soft) a split breaks, with the seats concerned (ac_no)."""
    ac = table.seats.ac_no
    out = {}
    for c in cons:
        s = np.array(c.seats, dtype=np.int64)
        if c.form == "fix":
            bad = s[choices[s] != c.pool]
            if len(bad):
                out[c.id] = [int(ac[i]) for i in bad]
        else:   # over the maximum: the partner's seats; under the minimum: the others in the region
            have = int((choices[s] == c.pool).sum())
            if c.hi is not None and have > c.hi:
                out[c.id] = [int(ac[i]) for i in s[choices[s] == c.pool]]
            elif c.lo is not None and have < c.lo:
                out[c.id] = [int(ac[i]) for i in s[choices[s] != c.pool]]
    return out


def check_with_rules_engine(table: WinTable, rules: RuleSet, cons: list[Con], choices: np.ndarray) -> list:
    """The rules engine's conflicts of a split against the hard rules (should be none)."""
    hard = set(hard_ids(cons))
    rs = RuleSet(rules.name, tuple(r for r in rules.rules if r.id in hard))
    pools, fights = table.split(choices)
    proj = table.projector.project(pools, table.majority, fights)
    return rs.evaluate(Context(table.seats, table.pools, pools, proj))


# --- the questions: functions of the table and the constraints --------------------------------------------
def solve_once(table: WinTable, cons: list[Con], budget: Budget = Budget(), objective: str = "seats",
               time_limit: float | None = None, start: np.ndarray | None = None,
               sample: int = MAJORITY_SAMPLE) -> Solution:
    """One HiGHS solve of ``objective`` under ``cons``."""
    t0 = time.perf_counter()
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
        ids, seats = conflict(table, cons, budget)
        return Proposal("infeasible", "seats", None, None, None, ids, seats,
                        note="the hard rules cannot all hold: " + ", ".join(ids),
                        solve_ms=(time.perf_counter() - t0) * 1e3, current=current)
    if sol.pools is None:
        return Proposal("time_limit", "seats", None, None, None,
                        note=f"no split found within the time limit of {limit:g} s",
                        solve_ms=(time.perf_counter() - t0) * 1e3, current=current)
    status, note, used, choices = sol.status, sol.note, "seats", sol.pools
    if sol.status == "time_limit":
        note = f"the time limit of {limit:g} s was reached: the best split found, not proven best"
    if objective == "majority":
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
    proposed = split_figures(table, cons, choices)
    res = Proposal(status, used, proposed.pools, proposed.expected_alliance, proposed.p_majority,
                   broken=broken(table, [c for c in cons if c.soft], choices), note=note,
                   choices=choices, fights=table.fights_of(choices), current=current, proposed=proposed,
                   fights_possible=bool(table.fight_masks))
    if rules is not None:
        left = check_with_rules_engine(table, rules, cons, choices)
        if left:   # never return a split that breaks a hard rule
            raise AssertionError(f"the proposal breaks hard rules: {[c.message for c in left]}")
    if prices_too:
        res.rule_prices = prices(table, cons, choices, budget)
    res.solve_ms = (time.perf_counter() - t0) * 1e3
    return res


def prices(table: WinTable, cons: list[Con], choices: np.ndarray, budget: Budget = Budget()) -> dict[str, float]:
    """For each rule: the expected seats the alliance would gain if it were dropped."""
    base = table.expected(choices)
    out = {}
    rules = [c for c in cons if c.kind != "lock"]
    for k, c in enumerate(rules):
        budget.report("pricing", k, len(rules))
        s = solve_once(table, [d for d in cons if d is not c], budget)
        out[c.id] = round(table.expected(s.pools) - base, 4) if s.pools is not None else None
    return out


def conflict(table: WinTable, cons: list[Con], budget: Budget = Budget()) -> tuple[list[str], list[int]]:
    """A smallest set of hard rules (locks included) that cannot all hold, and the seats they
    share (ac_no)."""
    hard = [c for c in cons if not c.soft]
    soft = [c for c in cons if c.soft]
    # deletion filter: an irreducible infeasible set
    core = list(hard)
    for c in sorted(hard, key=lambda c: (c.kind == "lock", c.form == "fix")):
        trial = [d for d in core if d is not c]
        if not feasible(table, trial + soft, budget):
            core = trial
    # a smaller one among the subsets of fewer rules, while the checks are few
    best = core
    for size in range(1, len(core)):
        combos = list(itertools.islice(itertools.combinations(hard, size), SUBSET_BUDGET + 1))
        if len(combos) > SUBSET_BUDGET:
            break
        found = next((list(s) for s in combos if not feasible(table, list(s) + soft, budget)), None)
        if found is not None:
            best = found
            break
    order = {c.id: k for k, c in enumerate(cons)}
    best.sort(key=lambda c: order[c.id])
    return [c.id for c in best], _shared_seats(table, best)


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
    model = _Model(table, kept + [Con("frontier", "frontier", "count", p, tuple(range(N)), lo=0, hi=0)],
                   "seats", MAJORITY_SAMPLE, budget)
    out = []
    for n, k in enumerate(ks):
        budget.report("frontier", n, len(ks))
        if model.infeasible:
            sol = Solution("infeasible", None, None, 0.0)
        else:
            model.set_last_row(k, k)
            sol = model.run(budget.seconds())
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
    among those, the one with most expected seats. None when the hard rules cannot hold."""
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
    model = _Model(table, cons, "share", MAJORITY_SAMPLE, budget, share=rel.T)
    return model.run(budget.seconds()).pools


class _Model:
    """One HiGHS model: 0/1 x[seat, pool] for the allowed pools, a row per seat (one pool), a row
    per count constraint (soft: two slacks at a cost), and for P(majority) a 0/1 y per sampled draw."""

    def __init__(self, table: WinTable, cons: list[Con], objective: str, sample: int, budget: Budget,
                 keep: np.ndarray | None = None, share: np.ndarray | None = None):
        self.table, self.budget = table, budget
        N, C, n_p = table.n_seats, table.n_columns, table.n_partners
        allowed = table.allowed.copy()
        bonus = np.zeros((C, N))
        fixed_to = np.full(N, -1, dtype=np.int64)
        self.infeasible = False
        for c in cons:
            if c.form != "fix":
                continue
            s = np.array(c.seats, dtype=np.int64)
            if c.soft:
                bonus[c.pool, s] += c.cost
                continue
            clash = (fixed_to[s] >= 0) & (fixed_to[s] != c.pool)
            if clash.any():
                self.infeasible = True
            fixed_to[s] = c.pool
            allowed[:, s] = False
            allowed[c.pool, s] = True
        if self.infeasible:
            return
        seat, col = np.nonzero(allowed.T)           # variables, by seat
        n_x = len(seat)
        vid = np.full((C, N), -1, dtype=np.int64)
        vid[col, seat] = np.arange(n_x)
        self.seat, self.col, self.n_x = seat, col, n_x
        if objective == "seats":
            # a friendly fight only when it is strictly better: a tie goes to a partner alone
            cost = table.column_win_prob[col, seat] + bonus[col, seat] - TIE_BREAK * (col >= n_p)
        elif objective == "keep":    # the closest split: seats kept, then expected seats
            cost = (col == keep[seat]).astype(float) + table.column_win_prob[col, seat] / (N + 1.0)
        elif objective == "share":
            cost = np.where(col < n_p, share[np.minimum(col, n_p - 1), seat], 0.0)
        elif objective == "majority":
            cost = (table.column_win_prob[col, seat] + bonus[col, seat]) * (0.5 / (max(sample, 1) * (N + 1.0)))
        else:
            cost = np.zeros(n_x)
        rows_r, rows_c, rows_v = [seat], [np.arange(n_x)], [np.ones(n_x)]
        rl, ru = [np.ones(N)], [np.ones(N)]
        n_rows = N
        extra_cost, extra_int, extra_lo, extra_hi = [], [], [], []
        n_cols = n_x
        for c in cons:
            if c.form != "count":
                continue
            s = np.array(c.seats, dtype=np.int64)
            v = vid[c.pool, s]
            v = v[v >= 0]
            rows_r.append(np.full(len(v), n_rows))
            rows_c.append(v)
            rows_v.append(np.ones(len(v)))
            lo = -np.inf if c.lo is None else float(c.lo)
            hi = np.inf if c.hi is None else float(c.hi)
            if c.soft:   # lo <= sum + under - over <= hi, each slack at the rule's cost
                for sign in (1.0, -1.0):
                    rows_r.append(np.array([n_rows]))
                    rows_c.append(np.array([n_cols]))
                    rows_v.append(np.array([sign]))
                    extra_cost.append(-c.cost if objective in ("seats",) else
                                      (-c.cost * 0.5 / (max(sample, 1) * (N + 1.0)) if objective == "majority" else 0.0))
                    extra_int.append(False)
                    extra_lo.append(0.0)
                    extra_hi.append(np.inf)
                    n_cols += 1
            rl.append(np.array([lo]))
            ru.append(np.array([hi]))
            n_rows += 1
        self.last_row = n_rows - 1
        if objective == "majority":
            D = min(sample, table.draws)
            w = table.wins[table.column_variant[col], seat, :D]           # (n_x, D) bool
            xi, di = np.nonzero(w)
            rows_r.append(n_rows + di)
            rows_c.append(xi)
            rows_v.append(np.ones(len(xi)))
            rows_r.append(n_rows + np.arange(D))
            rows_c.append(n_cols + np.arange(D))
            rows_v.append(np.full(D, -float(table.majority)))
            rl.append(np.zeros(D))
            ru.append(np.full(D, np.inf))
            extra_cost.extend([1.0 / D] * D)
            extra_int.extend([True] * D)
            extra_lo.extend([0.0] * D)
            extra_hi.extend([1.0] * D)
            n_rows += D
            n_cols += D
            self.n_y = D
        r = np.concatenate(rows_r).astype(np.int64)
        cidx = np.concatenate(rows_c).astype(np.int64)
        val = np.concatenate(rows_v).astype(float)
        order = np.lexsort((r, cidx))
        r, cidx, val = r[order], cidx[order], val[order]
        start = np.zeros(n_cols + 1, dtype=np.int64)
        np.cumsum(np.bincount(cidx, minlength=n_cols), out=start[1:])
        import highspy
        lp = highspy.HighsLp()
        lp.num_col_ = n_cols
        lp.num_row_ = n_rows
        lp.col_cost_ = np.concatenate([cost, np.array(extra_cost, dtype=float)])
        lp.col_lower_ = np.concatenate([np.zeros(n_x), np.array(extra_lo, dtype=float)])
        lp.col_upper_ = np.concatenate([np.ones(n_x), np.array(extra_hi, dtype=float)])
        lp.row_lower_ = np.concatenate(rl).astype(float)
        lp.row_upper_ = np.concatenate(ru).astype(float)
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.num_col_ = n_cols
        lp.a_matrix_.num_row_ = n_rows
        lp.a_matrix_.start_ = start
        lp.a_matrix_.index_ = r
        lp.a_matrix_.value_ = val
        kint, kcont = highspy.HighsVarType.kInteger, highspy.HighsVarType.kContinuous
        lp.integrality_ = [kint] * n_x + [kint if b else kcont for b in extra_int]
        self.n_cols = n_cols
        self.objective = objective
        self.h = _highs(budget.seconds())
        self.h.passModel(lp)

    def set_last_row(self, lo: float, hi: float) -> None:
        self.h.changeRowBounds(self.last_row, float(lo), float(hi))

    def run(self, time_limit: float, start: np.ndarray | None = None) -> Solution:
        import highspy
        h = self.h
        h.setOptionValue("time_limit", float(time_limit))
        if start is not None:
            try:
                x = (self.col == np.asarray(start)[self.seat]).astype(float)
                full = np.zeros(self.n_cols)
                full[: self.n_x] = x
                if self.objective == "majority":
                    t = self.table
                    seats_d = t.wins[t.variant(start), np.arange(t.n_seats), : self.n_y].sum(axis=0)
                    full[self.n_cols - self.n_y:] = (seats_d >= t.majority).astype(float)
                sol = highspy.HighsSolution()
                sol.col_value = list(full)
                sol.value_valid = True
                h.setSolution(sol)
            except Exception:   # a warm start is an optimisation only
                pass
        t0 = time.perf_counter()
        budget = self.budget
        if budget.progress is not None and self.n_cols > 2000:   # a large case: report each better split found
            limit = int(time_limit * 1e3)
            h.cbMipImprovingSolution.subscribe(
                lambda e: budget.report("solving", int((time.perf_counter() - t0) * 1e3), limit))
        if budget.cancel is not None:
            cancel = budget.cancel
            h.cbMipInterrupt.subscribe(lambda e: e.interrupt() if cancel() else None)
        h.run()
        ms = (time.perf_counter() - t0) * 1e3
        st = h.getModelStatus()
        MS = highspy.HighsModelStatus
        has = h.getInfo().primal_solution_status == 2
        if st == MS.kOptimal:
            status = "optimal"
        elif st in (MS.kInfeasible, MS.kUnboundedOrInfeasible):
            return Solution("infeasible", None, None, ms)
        elif st in (MS.kTimeLimit, MS.kInterrupt, MS.kSolutionLimit, MS.kIterationLimit):
            status = "time_limit"
        else:
            return Solution("time_limit" if has else "infeasible", None, None, ms, f"HiGHS: {h.modelStatusToString(st)}")
        if not has:
            return Solution(status, None, None, ms)
        xv = np.asarray(h.getSolution().col_value[: self.n_x]) > 0.5
        pools = np.full(self.table.n_seats, -1, dtype=np.int64)
        pools[self.seat[xv]] = self.col[xv]
        if (pools < 0).any():
            return Solution("time_limit", None, None, ms, "the solver returned an incomplete split")
        return Solution(status, pools, float(h.getInfo().objective_function_value), ms)


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
    return sc


def comparison(table: WinTable, cons: list[Con], presets: dict[str, np.ndarray] | None = None,
               budget: Budget = Budget()) -> list[dict]:
    """The proposal against the splits negotiators reach for, each made to meet the same hard
    rules (the closest split that does): expected seats, P(majority), seats moved by the repair."""
    rows = []

    def add(label, choices):
        fixed = None if choices is None else repair(table, cons, choices, budget)
        if fixed is None:
            rows.append({"split": label, "expected_alliance": None, "p_majority": None, "seats_moved": None})
            return
        pm = table.p_majority(fixed)
        rows.append({"split": label, "expected_alliance": round(table.expected(fixed), 3),
                     "p_majority": None if pm is None else round(pm, 4),
                     "seats_moved": int((fixed != choices).sum())})

    for label, choices in (presets or {}).items():
        add(f"preset: {label}", choices)
    add("greedy per seat", greedy(table, cons, budget))
    add("sitting winner keeps it, else the better-placed partner", sitting_winner(table))
    add("in proportion to vote share", vote_share_split(table, budget))
    return rows


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
                 wins: np.ndarray | None = None, cancel: Callable[[], bool] | None = None):
        """``sc``: a scenario snapshot (or a scenario no other thread edits). ``fight_pairs``: where
        ``friendly`` allows a friendly fight, it may also be between only these partners ("all":
        every pair; or sets of two or more codes, fewer than all). ``probabilities`` / ``wins``:
        see ``prepare``; ``progress`` and ``cancel``: see ``Budget``."""
        settings = Settings(params, int(draws), int(seed), tuple(rebels),
                            friendly if isinstance(friendly, str) else tuple(friendly),
                            fight_pairs if isinstance(fight_pairs, str) else tuple(tuple(x) for x in fight_pairs))
        self.sc = sc
        self.budget = Budget(float(time_limit), None, progress, cancel)
        self.table = prepare(sc, settings, dataset=ds, progress=progress, win_prob=probabilities, wins=wins)
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
        return self.table.rebels

    @property
    def current_choices(self) -> np.ndarray:
        return self.table.current

    @property
    def prepare_ms(self) -> float:
        return self.table.prepare_ms

    # the questions
    def optimise(self, objective: str = "seats", prices: bool = True, sample: int = MAJORITY_SAMPLE) -> Proposal:
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
