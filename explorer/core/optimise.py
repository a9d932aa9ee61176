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
from .dataset import Dataset
from .engine import Engine
from .projection import REBEL_SHARE, Rebel
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

    def hardened(self) -> "Con":
        return Con(self.id, self.kind, self.form, self.pool, self.seats, self.lo, self.hi, False, 0.0, self.partner)


@dataclass
class Solution:
    status: str                   # optimal | infeasible | time_limit
    pools: np.ndarray | None      # pool index per seat
    objective: float | None
    ms: float
    note: str = ""


@dataclass
class Result:
    status: str
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


class _Answers:
    """The questions asked of a solved model besides the best split: each seat's options, the
    walk-away value, and the rules of thumb negotiators use today (a mixin of Optimiser)."""

    def seat_options(self, pools: np.ndarray | None) -> list[dict]:
        """Per seat: P(alliance wins) with each partner as the candidate and in a friendly fight,
        the better partner, and what each other option costs against it."""
        keys = self.pools_def.keys
        ac, names = self.ds.seats.ac_no, self.ds.seats.names
        cols = list(range(self.n_p + 1)) + list(range(self.C, self.n_cols))   # partners, all stand, fights
        out = []
        for i in range(self.N):
            opts = {self.label(c): round(float(self.coef[c, i]), 4) for c in cols}
            best = int(np.argmax(self.P[: self.n_p, i]))
            pb = float(self.P[best, i])
            rec = {"ac_no": int(ac[i]), "name": str(names[i]), "options": opts,
                   "chosen": self.label(int(pools[i])) if pools is not None else None,
                   "best": keys[best],
                   "costs": {self.label(c): round(pb - float(self.coef[c, i]), 4) for c in cols if c != best}}
            if pools is not None:
                rec["cost_of_chosen"] = round(pb - float(self.coef[int(pools[i]), i]), 4)
            out.append(rec)
        return out

    def walk_away(self, choices: np.ndarray) -> dict:
        """Each partner in the alliance (the split, as choices) and going alone: see ``walk_away``."""
        if self.sim is None:
            raise ValueError("walk-away needs the draws")
        pools, fights = self.split(choices)
        return walk_away(self.sim, self.pools_def, pools.astype(np.int64), self.majority, fights)

    def frontier(self, partner: str, ks: Iterable[int] | None = None) -> list[dict]:
        """For k seats given to ``partner`` (default 0 ... N): the best expected alliance seats under
        the other rules (the partner's own seat bounds dropped) and that split's P(majority)."""
        p = self.pools_def.partner_index(partner)
        cons = [c for c in self.cons if not (c.kind == "seat_bounds" and c.pool == p)]
        ks = list(range(self.N + 1)) if ks is None else list(ks)
        model = _Model(self, cons + [Con("frontier", "frontier", "count", p, tuple(range(self.N)), lo=0, hi=0)],
                       "seats", MAJORITY_SAMPLE)
        out = []
        for n, k in enumerate(ks):
            self.progress("frontier", n, len(ks))
            if model.infeasible:
                sol = Solution("infeasible", None, None, 0.0)
            else:
                model.set_last_row(k, k)
                sol = model.run(self.time_limit)
            if sol.pools is None:
                out.append({"partner": partner, "k": int(k), "expected_alliance": None, "p_majority": None,
                            "status": sol.status})
            else:
                pm = self.p_majority(sol.pools)
                out.append({"partner": partner, "k": int(k), "expected_alliance": round(self.expected(sol.pools), 4),
                            "p_majority": None if pm is None else round(pm, 4), "status": sol.status})
        return out

    # -- splits to compare with ----------------------------------------------------------------------------
    def repair(self, pools: np.ndarray) -> np.ndarray | None:
        """The split closest to ``pools`` (most seats kept in their pool) that meets the hard rules;
        among those, the one with most expected seats. None when the hard rules cannot hold."""
        model = _Model(self, list(self.cons), "keep", MAJORITY_SAMPLE, keep=np.asarray(pools, dtype=np.int64))
        if model.infeasible:
            return None
        return model.run(self.time_limit).pools

    def greedy(self) -> np.ndarray | None:
        """Each seat to its best partner, then, rule by rule, the cheapest moves that meet the hard
        rules (the claims first, then the counts); what is left is repaired."""
        P = self.coef
        pools = np.argmax(np.where(self.allowed, P, -1.0), axis=0)
        fixed = np.zeros(self.N, dtype=bool)
        for c in self.cons:
            if c.form == "fix" and not c.soft:
                pools[list(c.seats)] = c.pool
                fixed[list(c.seats)] = True
        for c in self.cons:
            if c.form != "count" or c.soft:
                continue
            s = np.array(c.seats, dtype=np.int64)
            have = int((pools[s] == c.pool).sum())
            if c.lo is not None and have < c.lo:
                cand = s[(pools[s] != c.pool) & ~fixed[s]]
                loss = P[pools[cand], cand] - P[c.pool, cand]
                take = cand[np.argsort(loss, kind="stable")[: c.lo - have]]
                pools[take] = c.pool
                fixed[take] = True
            elif c.hi is not None and have > c.hi:
                cand = s[(pools[s] == c.pool) & ~fixed[s]]
                alt = np.where(self.allowed[:, cand], P[:, cand], -1.0)
                alt[c.pool] = -1.0
                to = np.argmax(alt, axis=0)
                loss = P[c.pool, cand] - P[to, cand]
                order = np.argsort(loss, kind="stable")[: have - c.hi]
                pools[cand[order]] = to[order]
        if self.broken(pools, [c for c in self.cons if not c.soft]):
            return self.repair(pools)
        return pools

    def sitting_winner(self) -> np.ndarray:
        """Rule of thumb: the partner that won the seat in the baseline keeps it; elsewhere the
        partner with more votes there (the better-placed of the partners)."""
        pb = self.projector.prepared
        votes = pb.votes[:, : self.n_p]
        leader = pb.leader
        return np.where(leader < self.n_p, leader, np.argmax(votes, axis=1)).astype(np.int64)

    def vote_share_split(self) -> np.ndarray | None:
        """Rule of thumb: each partner gets seats in proportion to its vote (largest remainder),
        in the seats where its share of the partners' vote is highest."""
        pb = self.projector.prepared
        v = pb.votes[:, : self.n_p]
        tot = v.sum(axis=0)
        quota = tot / tot.sum() * self.N if tot.sum() > 0 else np.full(self.n_p, self.N / self.n_p)
        n = np.floor(quota).astype(int)
        for j in np.argsort(-(quota - n), kind="stable")[: self.N - n.sum()]:
            n[j] += 1
        rel = v / np.where(v.sum(axis=1, keepdims=True) > 0, v.sum(axis=1, keepdims=True), 1.0)
        cons = [Con(f"share:{j}", "share", "count", j, tuple(range(self.N)), lo=int(n[j]), hi=int(n[j]))
                for j in range(self.n_p)]
        model = _Model(self, cons, "share", MAJORITY_SAMPLE, share=rel.T)
        return model.run(self.time_limit).pools


class _Fights:
    """Friendly fights between some partners as the optimiser's columns, and choices (a pool, or a
    fight column) back to pools and fights (a mixin of Optimiser)."""

    @staticmethod
    def _fight_masks(sc: Scenario, fight_pairs) -> list[int]:
        codes = [p.code for p in sc.pools.partners]
        if isinstance(fight_pairs, str):
            if fight_pairs not in ("all", "none", ""):
                raise ValueError(f"fight pairs: {fight_pairs!r}; use all, none or sets of partner codes")
            sets = list(itertools.combinations(codes, 2)) if fight_pairs == "all" else []
        else:
            sets = [tuple(x) for x in fight_pairs]
        out = []
        for fs in sets:
            norm = sc.normal_fight(fs)        # ValueError: fewer than two, or not a partner
            if norm is None:                  # every partner: that is Contested itself
                continue
            m = sum(1 << codes.index(c) for c in norm)
            if m not in out:
                out.append(m)
        return out

    def choices(self, pools: np.ndarray, fights: np.ndarray | None = None) -> np.ndarray:
        """A split (pools, and fight masks per seat as ``Scenario.fight_masks`` gives them) as choices."""
        out = np.asarray(pools, dtype=np.int64).copy()
        if fights is not None:
            for i in np.flatnonzero((out == self.pools_def.contested) & (fights != 0)):
                c = self._col_of_mask.get(int(fights[i]))
                if c is None:
                    raise ValueError(f"seat {self.ds.seats.ac_no[i]}: a friendly fight the optimiser has no column for")
                out[i] = c
        return out

    def split(self, choices: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Choices back to pools (a fight column is Contested) and fight masks (None: no fight
        between some partners)."""
        ch = np.asarray(choices, dtype=np.int64)
        fight = ch >= self.C
        pools = np.where(fight, self.pools_def.contested, ch).astype(np.int8)
        if not fight.any():
            return pools, None
        masks = np.zeros(self.N, dtype=np.int64)
        masks[fight] = np.array(self.fight_masks, dtype=np.int64)[ch[fight] - self.C]
        return pools, masks

    def fights_of(self, choices: np.ndarray) -> dict[int, tuple[str, ...]]:
        """The friendly fights between some partners of a split, as ``Scenario.fights``."""
        codes = [p.code for p in self.pools_def.partners]
        ch = np.asarray(choices, dtype=np.int64)
        ac = self.ds.seats.ac_no
        return {int(ac[i]): tuple(c for k, c in enumerate(codes) if self.fight_masks[ch[i] - self.C] >> k & 1)
                for i in np.flatnonzero(ch >= self.C)}

    def label(self, choice: int) -> str:
        """A choice's name: a pool key, or the fighting partners' codes ("AAP+INC")."""
        if choice < self.C:
            return self.pools_def.keys[choice]
        m = self.fight_masks[choice - self.C]
        return "+".join(p.code for k, p in enumerate(self.pools_def.partners) if m >> k & 1)


class Optimiser(_Fights, _Answers):
    """Everything the optimiser answers for one scenario (its alliance, assumptions and rules).

    ``prepare`` cost: the simulation of every seat in every pool variant (V x draws x seats);
    each question after that is one or more HiGHS solves."""

    def __init__(self, ds: Dataset, sc: Scenario, params: U.UncertaintyParams | None = None,
                 draws: int = DEFAULT_DRAWS, seed: int = U.DEFAULT_SEED, rebels: Iterable[Rebel] = (),
                 locked: Iterable[int] = (), friendly: Iterable[int] | str = (),
                 fight_pairs: Iterable[Iterable[str]] | str = (),
                 soft: dict[str, float] | None = None, time_limit: float = DEFAULT_TIME_LIMIT,
                 progress: Progress | None = None, probabilities: np.ndarray | None = None,
                 wins: np.ndarray | None = None, cancel: Callable[[], bool] | None = None):
        """``probabilities`` (V, N) or ``wins`` (V, N, draws) bool, when given, stand in for the
        simulation (hand-made cases; a cache): P(alliance wins seat i with the seat in variant v);
        variants: each partner alone, all stand, then the fight columns in ``fight_masks`` order.
        ``fight_pairs``: where ``friendly`` allows a friendly fight, it may also be between only
        these partners ("all": every pair; or sets of two or more codes, fewer than all).
        ``progress(stage, done, total)`` is called between solves and, inside a long solve, at each
        better split found (done/total: elapsed/limit in ms); ``cancel()`` returning True stops a
        solve at HiGHS's next check (the answer is then ``time_limit``)."""
        t0 = time.perf_counter()
        self.ds, self.sc = ds, sc
        self.pools_def = sc.pools
        self.n_p = sc.pools.n_partners
        self.N = ds.seats.n
        self.majority = ds.majority
        self.time_limit = float(time_limit)
        self.progress = progress or (lambda stage, done, total: None)
        self.cancel = cancel
        self._reporting = progress is not None
        # the scenario's own rebels (claims that carry one), then those given here, seat by seat
        mine = {r.ac_no: r for r in sc.rules.rebels()}
        mine.update({r.ac_no: r for r in rebels})
        self.rebels = tuple(mine[a] for a in sorted(mine))
        self.current = sc.pool.astype(np.int64).copy()
        if params is None:
            params, _ = U.params_for(ds)
        self.params, self.draws, self.seed = params, int(draws), int(seed)
        self.engine = Engine(ds)
        from .successors import projection_year
        self.projector = self.engine.projector(sc.pools, sc.assumptions, self.rebels, sc.rivals, projection_year(sc))
        # the fight columns: the sets of partners allowed to fight, then the scenario's own fights
        allowed_masks = self._fight_masks(sc, fight_pairs)
        own = sc.fight_masks()
        own_masks = sorted(set(int(m) for m in own[own != 0])) if own is not None else []
        self.fight_masks = allowed_masks + [m for m in own_masks if m not in allowed_masks]
        fight_variant = [self.projector.variant_of(m) for m in self.fight_masks]
        V = len(self.projector.variant_masks)
        if wins is not None:
            self.W = np.asarray(wins, dtype=bool)
            self.P = self.W.mean(axis=2)
            self.sim, self.draws = None, self.W.shape[2]
        elif probabilities is not None:
            self.P = np.asarray(probabilities, dtype=float)
            self.sim = None
            self.W = None
        else:
            if self.draws < 1:
                raise ValueError("the optimiser needs at least one draw")
            self.sim = U.Simulator(self.projector, ds, params, self.draws, self.seed)
            W = np.empty((V, self.N, self.draws), dtype=bool)
            for v in range(V):
                self.progress("simulating", v, V)
                W[v] = self.sim.variant_draws(np.full(self.N, v)).T
            self.W = W
            self.P = W.mean(axis=2)
        if (wins is not None or probabilities is not None) and self.P.shape[0] != V:
            raise ValueError(f"probabilities: {self.P.shape[0]} variants given, {V} needed "
                             f"(each partner alone, all stand, {len(self.fight_masks)} friendly fights)")
        # the objective coefficient of each column: the pools (Unassigned is the split vote), then
        # the friendly fights between some partners
        C = len(sc.pools)
        self.C = C
        self.n_cols = C + len(self.fight_masks)
        self.col_variant = np.array(list(range(self.n_p + 1)) + [self.n_p] + fight_variant, dtype=np.int64)
        self.coef = self.P[self.col_variant]                                          # (columns, N)
        # which pools a seat may take: every partner; Contested where a friendly fight is allowed
        self.allowed = np.zeros((self.n_cols, self.N), dtype=bool)
        self.allowed[: self.n_p] = True
        if isinstance(friendly, str):
            if friendly not in ("all", "none", ""):
                raise ValueError(f"friendly fights: {friendly!r}; use all, none or seat numbers")
            if friendly == "all":
                self.allowed[self.n_p] = True
            self.friendly = tuple(int(a) for a in ds.seats.ac_no) if friendly == "all" else ()
        else:
            self.friendly = tuple(int(a) for a in friendly)
            for a in self.friendly:
                if not ds.seats.has(a):
                    raise ValueError(f"friendly fight: unknown seat {a}")
            self.allowed[self.n_p, ds.seats.indices(list(self.friendly))] = True
        for j, m in enumerate(self.fight_masks):   # a fight between some partners: where a fight is allowed
            if m in allowed_masks:
                self.allowed[C + j] = self.allowed[self.n_p]
        self._col_of_mask = {m: C + j for j, m in enumerate(self.fight_masks)}
        self.current_choices = self.choices(self.current, own)
        self.locked = tuple(dict.fromkeys(int(a) for a in locked))
        for a in self.locked:
            if not ds.seats.has(a):
                raise ValueError(f"lock: unknown seat {a}")
        soft = dict(soft or {})
        self.rules = [r for r in sc.rules.rules if r.enabled and r.kind in CONSTRAINT_KINDS]
        ids = {r.id for r in self.rules}
        for rid in soft:
            if rid not in ids:
                known = ", ".join(sorted(ids)) or "none"
                raise ValueError(f"soft: no enabled rule {rid!r} the optimiser can relax; rules: {known}")
        self.soft = soft
        self.cons = self._compile()
        self.prepare_ms = (time.perf_counter() - t0) * 1e3

    # -- rules as constraints ----------------------------------------------------------------------
    def _compile(self) -> list[Con]:
        seats = self.ds.seats
        out = []
        for a in self.locked:
            i = seats.index_of(a)
            out.append(Con(f"lock:{a}", "lock", "fix", int(self.current_choices[i]), (i,)))
        for r in self.rules:
            soft = r.id in self.soft
            cost = float(self.soft.get(r.id) or 0.0)
            p = self.pools_def.partner_index(r.partner)
            if isinstance(r, (MustHave, FactionClaim)):
                out.append(Con(r.id, r.kind, "fix", p, tuple(int(i) for i in seats.indices(list(r.seats))),
                               soft=soft, cost=cost, partner=r.partner))
            elif isinstance(r, RegionalMinimum):
                m = np.flatnonzero(seats.region_mask(r.region_kind, r.region))
                out.append(Con(r.id, r.kind, "count", p, tuple(int(i) for i in m), lo=r.minimum,
                               soft=soft, cost=cost, partner=r.partner))
            elif isinstance(r, SeatBounds):
                out.append(Con(r.id, r.kind, "count", p, tuple(range(self.N)), lo=r.minimum, hi=r.maximum,
                               soft=soft, cost=cost, partner=r.partner))
        return out

    def hard_ids(self) -> list[str]:
        return [c.id for c in self.cons if not c.soft and c.kind != "lock"]

    # -- one solve -------------------------------------------------------------------------------------
    def solve(self, cons: list[Con] | None = None, objective: str = "seats", time_limit: float | None = None,
              extra: Con | None = None, start: np.ndarray | None = None, sample: int = MAJORITY_SAMPLE) -> Solution:
        t0 = time.perf_counter()
        cons = list(self.cons if cons is None else cons) + ([extra] if extra is not None else [])
        model = _Model(self, cons, objective, sample)
        if model.infeasible:
            return Solution("infeasible", None, None, (time.perf_counter() - t0) * 1e3,
                            "a seat is held to two pools by hard rules")
        sol = model.run(self.time_limit if time_limit is None else time_limit, start)
        sol.ms = (time.perf_counter() - t0) * 1e3
        return sol

    def feasible(self, cons: list[Con]) -> bool:
        return self.solve(cons, objective="none").status != "infeasible"

    # -- the figures of a split -----------------------------------------------------------------------
    def variant(self, choices: np.ndarray) -> np.ndarray:
        """The simulated variant of each seat's choice (a pool, or a fight column)."""
        return self.col_variant[np.asarray(choices, dtype=np.int64)]

    def expected(self, pools: np.ndarray) -> float:
        return float(self.P[self.variant(pools), np.arange(self.N)].sum())

    def seats_by_draw(self, pools: np.ndarray) -> np.ndarray | None:
        if self.W is None:
            return None
        return self.W[self.variant(pools), np.arange(self.N)].sum(axis=0)

    def p_majority(self, pools: np.ndarray) -> float | None:
        s = self.seats_by_draw(pools)
        return None if s is None else float((s >= self.majority).mean())

    def broken(self, pools: np.ndarray, cons: list[Con] | None = None) -> dict[str, list[int]]:
        """The rules (hard or soft) a split breaks, with the seats concerned (ac_no)."""
        ac = self.ds.seats.ac_no
        out = {}
        for c in (self.cons if cons is None else cons):
            s = np.array(c.seats, dtype=np.int64)
            if c.form == "fix":
                bad = s[pools[s] != c.pool]
                if len(bad):
                    out[c.id] = [int(ac[i]) for i in bad]
            else:   # over the maximum: the partner's seats; under the minimum: the others in the region
                have = int((pools[s] == c.pool).sum())
                if c.hi is not None and have > c.hi:
                    out[c.id] = [int(ac[i]) for i in s[pools[s] == c.pool]]
                elif c.lo is not None and have < c.lo:
                    out[c.id] = [int(ac[i]) for i in s[pools[s] != c.pool]]
        return out

    def check_with_rules_engine(self, pools: np.ndarray) -> list:
        """The rules engine's conflicts of a split against the hard rules (should be none)."""
        hard = set(self.hard_ids())
        rs = RuleSet(self.sc.rules.name, tuple(r for r in self.rules if r.id in hard))
        pools, fights = self.split(pools)
        proj = self.projector.project(pools, self.majority, fights)
        return rs.evaluate(Context(self.ds.seats, self.pools_def, pools, proj))

    # -- the questions ------------------------------------------------------------------------------------
    def optimise(self, objective: str = "seats", prices: bool = True, sample: int = MAJORITY_SAMPLE) -> Result:
        if objective not in ("seats", "majority"):
            raise ValueError(f"objective {objective!r}: use seats or majority")
        t0 = time.perf_counter()
        self.progress("solving", 0, 1)
        sol = self.solve()
        if sol.status == "infeasible":
            ids, seats = self.conflict()
            return Result("infeasible", "seats", None, None, None, ids, seats,
                          note="the hard rules cannot all hold: " + ", ".join(ids),
                          solve_ms=(time.perf_counter() - t0) * 1e3)
        if sol.pools is None:
            return Result("time_limit", "seats", None, None, None,
                          note=f"no split found within the time limit of {self.time_limit:g} s",
                          solve_ms=(time.perf_counter() - t0) * 1e3)
        status, note, used, pools = sol.status, sol.note, "seats", sol.pools
        if sol.status == "time_limit":
            note = f"the time limit of {self.time_limit:g} s was reached: the best split found, not proven best"
        if objective == "majority":
            if self.W is None:
                note = "P(majority) needs the draws; expected seats instead"
                status = "time_limit"
            else:
                m = self.solve(objective="majority", start=pools, sample=sample)
                if m.status == "optimal" and m.pools is not None:
                    pm_new, pm_old = self.p_majority(m.pools), self.p_majority(pools)
                    if pm_new >= pm_old:
                        pools, used = m.pools, "majority"
                        note = (f"P(majority) maximised on a sample of {min(sample, self.draws):,} draws "
                                f"(all {self.draws:,}: {pm_new:.3f}; best-expected-seats split {pm_old:.3f})")
                    else:
                        note = (f"the split best on a sample of {min(sample, self.draws):,} draws does worse on "
                                f"all {self.draws:,} ({pm_new:.3f} < {pm_old:.3f}): the expected-seats split is kept")
                else:
                    status = "time_limit"
                    note = (f"P(majority) did not solve within {self.time_limit:g} s "
                            f"({m.status}): fell back to expected seats")
        res = Result(status, used, self.split(pools)[0].astype(np.int64), self.expected(pools), self.p_majority(pools),
                     broken=self.broken(pools, [c for c in self.cons if c.soft]), note=note,
                     choices=pools, fights=self.fights_of(pools))
        left = self.check_with_rules_engine(pools)
        if left:   # never return a split that breaks a hard rule
            raise AssertionError(f"the proposal breaks hard rules: {[c.message for c in left]}")
        if prices:
            res.rule_prices = self.prices(pools)
        res.solve_ms = (time.perf_counter() - t0) * 1e3
        return res

    def prices(self, pools: np.ndarray) -> dict[str, float]:
        """For each rule: the expected seats the alliance would gain if it were dropped."""
        base = self.expected(pools)
        out = {}
        rules = [c for c in self.cons if c.kind != "lock"]
        for k, c in enumerate(rules):
            self.progress("pricing", k, len(rules))
            s = self.solve([d for d in self.cons if d is not c])
            out[c.id] = round(self.expected(s.pools) - base, 4) if s.pools is not None else None
        return out

    def conflict(self) -> tuple[list[str], list[int]]:
        """A smallest set of hard rules (locks included) that cannot all hold, and the seats
        they share (ac_no)."""
        hard = [c for c in self.cons if not c.soft]
        soft = [c for c in self.cons if c.soft]
        # deletion filter: an irreducible infeasible set
        core = list(hard)
        for c in sorted(hard, key=lambda c: (c.kind == "lock", c.form == "fix")):
            trial = [d for d in core if d is not c]
            if not self.feasible(trial + soft):
                core = trial
        # a smaller one among the subsets of fewer rules, while the checks are few
        best = core
        for size in range(1, len(core)):
            combos = list(itertools.islice(itertools.combinations(hard, size), SUBSET_BUDGET + 1))
            if len(combos) > SUBSET_BUDGET:
                break
            found = next((list(s) for s in combos if not self.feasible(list(s) + soft)), None)
            if found is not None:
                best = found
                break
        order = {c.id: k for k, c in enumerate(self.cons)}
        best.sort(key=lambda c: order[c.id])
        return [c.id for c in best], self._shared_seats(best)

    def _shared_seats(self, cons: list[Con]) -> list[int]:
        ac = self.ds.seats.ac_no
        count = np.zeros(self.N, dtype=np.int64)
        for c in cons:
            count[list(c.seats)] += 1
        idx = np.flatnonzero(count >= 2) if len(cons) > 1 else np.array(cons[0].seats if cons else [], dtype=int)
        if len(idx) == 0:
            idx = np.unique(np.concatenate([np.array(c.seats, dtype=int) for c in cons])) if cons else idx
        return [int(ac[i]) for i in idx]

class _Model:
    """One HiGHS model: 0/1 x[seat, pool] for the allowed pools, a row per seat (one pool), a row
    per count constraint (soft: two slacks at a cost), and for P(majority) a 0/1 y per sampled draw."""

    def __init__(self, opt: Optimiser, cons: list[Con], objective: str, sample: int,
                 keep: np.ndarray | None = None, share: np.ndarray | None = None):
        self.opt = opt
        N, C, n_p = opt.N, opt.n_cols, opt.n_p
        allowed = opt.allowed.copy()
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
            cost = opt.coef[col, seat] + bonus[col, seat] - TIE_BREAK * (col >= n_p)
        elif objective == "keep":    # the closest split: seats kept, then expected seats
            cost = (col == keep[seat]).astype(float) + opt.coef[col, seat] / (N + 1.0)
        elif objective == "share":
            cost = np.where(col < n_p, share[np.minimum(col, n_p - 1), seat], 0.0)
        elif objective == "majority":
            cost = (opt.coef[col, seat] + bonus[col, seat]) * (0.5 / (max(sample, 1) * (N + 1.0)))
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
            D = min(sample, opt.draws)
            w = opt.W[opt.col_variant[col], seat, :D]           # (n_x, D) bool
            xi, di = np.nonzero(w)
            rows_r.append(n_rows + di)
            rows_c.append(xi)
            rows_v.append(np.ones(len(xi)))
            rows_r.append(n_rows + np.arange(D))
            rows_c.append(n_cols + np.arange(D))
            rows_v.append(np.full(D, -float(opt.majority)))
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
        self.h = _highs(opt.time_limit)
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
                    seats_d = self.opt.W[self.opt.variant(start), np.arange(self.opt.N), : self.n_y].sum(axis=0)
                    full[self.n_cols - self.n_y:] = (seats_d >= self.opt.majority).astype(float)
                sol = highspy.HighsSolution()
                sol.col_value = list(full)
                sol.value_valid = True
                h.setSolution(sol)
            except Exception:   # a warm start is an optimisation only
                pass
        t0 = time.perf_counter()
        opt = self.opt
        if opt._reporting and self.n_cols > 2000:   # a large case: report each better split found
            limit = int(time_limit * 1e3)
            h.cbMipImprovingSolution.subscribe(
                lambda e: opt.progress("solving", int((time.perf_counter() - t0) * 1e3), limit))
        if opt.cancel is not None:
            h.cbMipInterrupt.subscribe(lambda e: e.interrupt() if opt.cancel() else None)
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
        pools = np.full(self.opt.N, -1, dtype=np.int64)
        pools[self.seat[xv]] = self.col[xv]
        if (pools < 0).any():
            return Solution("time_limit", None, None, ms, "the solver returned an incomplete split")
        return Solution(status, pools, float(h.getInfo().objective_function_value), ms)


# --- reports -------------------------------------------------------------------------------------------
def assignments_json(opt: Optimiser, pools: np.ndarray) -> dict[str, list[int]]:
    ac = opt.ds.seats.ac_no
    return {k: [int(a) for a in ac[pools == c]] for c, k in enumerate(opt.pools_def.keys) if (pools == c).any()}


def proposal_scenario(opt: Optimiser, choices: np.ndarray, name: str | None = None) -> Scenario:
    """The proposal as a scenario: the same alliance, assumptions and rules, the proposed pools
    and friendly fights."""
    src = opt.sc
    sc = Scenario(opt.ds, src.pools.partners, assumptions=src.assumptions, rules=src.rules,
                  name=name or f"{src.name} (optimised)", notes=src.notes)
    sc.pool = opt.split(choices)[0].copy()
    sc.fights = opt.fights_of(choices)
    sc.rivals, sc.bloc_name = src.rivals, src.bloc_name   # optimised against the rivals as they stand
    sc.lineage_to = getattr(src, "lineage_to", None)
    return sc


def comparison(opt: Optimiser, presets: dict[str, np.ndarray] | None = None) -> list[dict]:
    """The proposal against the splits negotiators reach for, each made to meet the same hard
    rules (the closest split that does): expected seats, P(majority), seats moved by the repair."""
    rows = []

    def add(label, pools):
        if pools is None:
            rows.append({"split": label, "expected_alliance": None, "p_majority": None, "seats_moved": None})
            return
        fixed = opt.repair(pools)
        if fixed is None:
            rows.append({"split": label, "expected_alliance": None, "p_majority": None, "seats_moved": None})
            return
        pm = opt.p_majority(fixed)
        rows.append({"split": label, "expected_alliance": round(opt.expected(fixed), 3),
                     "p_majority": None if pm is None else round(pm, 4),
                     "seats_moved": int((fixed != pools).sum())})

    for label, pools in (presets or {}).items():
        add(f"preset: {label}", pools)
    add("greedy per seat", opt.greedy())
    add("sitting winner keeps it, else the better-placed partner", opt.sitting_winner())
    add("in proportion to vote share", opt.vote_share_split())
    return rows
