"""The optimiser's limits and the solver: the constants, a ``Budget`` (time per solve, a deadline
for the whole question, progress, cancel), a constraint (``Con``) and one HiGHS model (``_Model``)
with its ``Solution``."""
from __future__ import annotations

import math
import os
import sys
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

CONSTRAINT_KINDS = ("must_have", "faction_claim", "regional_minimum", "seat_bounds")
DEFAULT_TIME_LIMIT = 10.0       # seconds: per solve; with Budget.whole, for the whole question
DEFAULT_DRAWS = 4000            # draws for the per-seat P and P(majority)
MIN_DRAWS = 500                 # the fewest draws the table is counted on to answer within a whole-question limit
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

    def __post_init__(self):
        # HiGHS given a NaN cost or bound can run on past its time limit, in C, out of reach of
        # any signal (a fuzzed `--soft r=nan --frontier AAP` never returned): refused here, whoever asks
        for name in ("lo", "hi", "cost"):
            v = getattr(self, name)
            if v is not None and not math.isfinite(v):
                raise ValueError(f"{self.id}: {name} {v!r} is not a finite number")


@dataclass
class Solution:
    status: str                   # optimal | infeasible | time_limit
    pools: np.ndarray | None      # pool index per seat
    objective: float | None
    ms: float
    note: str = ""
    bound: float | None = None    # the solver's bound on the objective (its best possible; = objective when proven)


# --- how long, who listens, when to stop ------------------------------------------------------------------
@dataclass(frozen=True)
class Budget:
    """How long a question may take and who hears of it: ``time_limit`` seconds per solve;
    ``deadline`` (an instant of ``clock``) for the whole question, when set, so that no step runs
    past it (``Budget.whole``: a deadline ``time_limit`` seconds from now); ``progress(stage, done,
    total)`` between steps and, inside a long solve, at each better split found (done/total:
    elapsed/limit in ms); ``cancel()`` returning True stops a solve at HiGHS's next check and the
    question at its next step (the answer is then ``time_limit``). ``clock``: seconds, injected by
    tests (``time.perf_counter`` by default)."""
    time_limit: float = DEFAULT_TIME_LIMIT
    deadline: float | None = None
    progress: Progress | None = None
    cancel: Callable[[], bool] | None = None
    clock: Callable[[], float] = time.perf_counter

    @classmethod
    def whole(cls, time_limit: float = DEFAULT_TIME_LIMIT, progress: Progress | None = None,
              cancel: Callable[[], bool] | None = None, clock: Callable[[], float] = time.perf_counter) -> "Budget":
        """A budget for a whole question (preparation, every solve, every answer): its deadline
        ``time_limit`` seconds from now."""
        return cls(float(time_limit), clock() + float(time_limit), progress, cancel, clock)

    def left(self) -> float:
        """Seconds left before the deadline (infinite without one)."""
        if self.deadline is None:
            return float("inf")
        return max(0.0, self.deadline - self.clock())

    def cancelled(self) -> bool:
        return self.cancel is not None and bool(self.cancel())

    def expired(self) -> bool:
        """True once the deadline has passed, or the question was cancelled: no step starts then."""
        return (self.deadline is not None and self.clock() >= self.deadline) or self.cancelled()

    def why(self) -> str:
        """What stopped the question, in words."""
        return "stopped on request" if self.cancelled() else f"stopped at the time limit of {self.time_limit:g} s"

    def seconds(self, limit: float | None = None) -> float:
        """The time the next solve may take."""
        t = self.time_limit if limit is None else float(limit)
        if self.deadline is not None:
            t = max(0.0, min(t, self.deadline - self.clock()))
        return t

    def report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)


class OutOfTime(Exception):
    """The question stopped before the table was ready: at the deadline (or on request) while
    ``stage`` (``done`` of ``total``), or refused because it cannot finish in time (``reduce``:
    what to make smaller). ``current``: the scenario's own (expected alliance seats, P(majority)),
    when they were simulated."""

    def __init__(self, message: str, stage: str = "", done: int = 0, total: int = 0,
                 current: tuple[float, float] | None = None):
        super().__init__(message)
        self.message, self.stage, self.done, self.total, self.current = message, stage, done, total, current


# --- what cannot finish: refused before any work ------------------------------------------------------
MAX_DRAW_BYTES = 96 * 2 ** 20    # the table's draws held at once (variants x seats x draws, 8 draws a byte)
MAX_CHOICES = 120_000            # 0/1 variables of one model (seats x allowed columns)
FASTEST_NS_A_CELL = 8            # ns a seat x variant x draw: about half the fastest measured (15, tools/bench_clock.py)


def cannot_finish(budget: Budget, n_seats: int, n_variants: int, draws: int) -> str | None:
    """Why a simulation of this size cannot finish before the budget's deadline even at the
    fastest rate ever measured (None: it may)."""
    need = n_seats * n_variants * draws * FASTEST_NS_A_CELL * 1e-9
    if budget.deadline is None or need <= budget.left():
        return None
    return (f"cannot finish within the time limit of {budget.time_limit:g} s: the simulation alone needs at least "
            f"{need:.1f} s ({n_seats:,} seats x {n_variants:,} pool variants x {draws:,} draws); reduce the draws, "
            f"the fight pairs or the partners, or allow more time")


def size_problem(n_seats: int, n_partners: int, n_fight_sets: int, draws: int, n_allowed: int) -> str | None:
    """Why a question of this size cannot be answered (None: it can): the draws of every pool
    variant are held at once (variants x seats x draws / 8 bytes), and a model has a 0/1 variable per
    seat and allowed choice. The message says what to reduce."""
    V = n_partners + 1 + n_fight_sets
    held = V * n_seats * -(-draws // 8)     # bytes: 8 draws a byte, as the table packs them
    size = f"{n_seats:,} seats x {V:,} pool variants ({n_partners} partners, all stand, {n_fight_sets:,} " \
           f"friendly fights between some partners)"
    if held > MAX_DRAW_BYTES:
        return (f"too large to simulate: {size} x {draws:,} draws need {held / 2 ** 20:,.0f} MB of draws "
                f"(at most {MAX_DRAW_BYTES / 2 ** 20:.0f} MB); reduce the draws, the fight pairs, the seats where a "
                f"friendly fight is allowed or the partners")
    if n_allowed > MAX_CHOICES:
        return (f"too large to solve: {size} give {n_allowed:,} choices to weigh (at most {MAX_CHOICES:,}); "
                f"reduce the fight pairs, the seats where a friendly fight is allowed or the partners")
    return None


class _Model:
    """One HiGHS model: 0/1 x[seat, pool] for the allowed pools, a row per seat (one pool), a row
    per count constraint (soft: two slacks at a cost), and for P(majority) a 0/1 y per sampled draw."""

    def __init__(self, table: "WinTable",   # table.WinTable (the solver sits below the table)
                 cons: list[Con], objective: str, sample: int, budget: Budget,
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
            w = table.draws_of(table.column_variant[col], seat, D)           # (n_x, D) bool
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
        if self.budget.expired() or time_limit <= 0:
            return Solution("time_limit", None, None, 0.0, self.budget.why())
        h = self.h
        h.setOptionValue("time_limit", float(time_limit))
        if start is not None:
            try:
                x = (self.col == np.asarray(start)[self.seat]).astype(float)
                full = np.zeros(self.n_cols)
                full[: self.n_x] = x
                if self.objective == "majority":
                    t = self.table
                    seats_d = t.draws_of(t.variant(start), np.arange(t.n_seats), self.n_y).sum(axis=0)
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
        if budget.cancel is not None or budget.deadline is not None:
            h.cbMipInterrupt.subscribe(lambda e: e.interrupt() if budget.expired() else None)
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
        info = h.getInfo()
        obj = float(info.objective_function_value)
        bound = float(info.mip_dual_bound) if status != "optimal" else obj
        return Solution(status, pools, obj, ms, bound=bound if np.isfinite(bound) else None)
