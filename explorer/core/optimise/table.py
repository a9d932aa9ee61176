"""The table every question of one scenario asks: P(the alliance wins) of every seat in every
column it may take, and the draws behind it (``prepare(snapshot, Settings) -> WinTable``)."""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

import numpy as np

from .. import uncertainty as U
from ..dataset import Dataset, SeatTable
from ..engine import Engine
from ..pools import Pools
from ..projection import Projector, Rebel
from .limits import DEFAULT_DRAWS, MIN_DRAWS, Budget, OutOfTime, Progress, cannot_finish, size_problem


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
    wins: np.ndarray | None              # (variants, seats, draws / 8) uint8: the draws, 8 a byte (np.packbits;
    #                                      read them with ``draws_of``); None: P given by hand
    fight_masks: tuple[int, ...]         # the fight columns' partner bits
    column_variant: np.ndarray           # per column, its variant
    column_win_prob: np.ndarray          # (columns, seats)
    allowed: np.ndarray                  # (columns, seats) bool: the choices a seat may take
    friendly: tuple[int, ...]            # the seats (ac_no) where a friendly fight is allowed
    current: np.ndarray                  # the scenario's split as choices
    prepare_ms: float = 0.0
    variant_ms: float = 0.0              # the simulation of one pool variant (what a walk-away costs, about)
    draws_note: str = ""                 # fewer draws than asked, to answer within the time limit: why

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

    def draws_of(self, variants: np.ndarray, seats: np.ndarray, d: int | None = None) -> np.ndarray:
        """(len(seats), d) bool: the alliance wins each seat in its variant in each of the first
        ``d`` draws (all by default). The table keeps its draws 8 a byte: 45 MB at 4,100 seats x
        22 variants x 4,000 draws, not 361 MB."""
        d = self.draws if d is None else min(int(d), self.draws)
        return np.unpackbits(self.wins[variants, seats], axis=-1, count=d).view(bool)

    def seats_by_draw(self, choices: np.ndarray) -> np.ndarray | None:
        if self.wins is None:
            return None
        return self.draws_of(self.variant(choices), np.arange(self.n_seats)).sum(axis=0)

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
            wins: np.ndarray | None = None, budget: Budget | None = None) -> WinTable:
    """The table of a scenario (a ``ScenarioSnapshot``, or a scenario read on its own thread):
    the simulation of every seat in every pool variant (variants x draws x seats).

    ``win_prob`` (V, N) or ``wins`` (V, N, draws) bool, when given, stand in for the simulation
    (hand-made cases; a cache): P(alliance wins seat i with the seat in variant v); variants: each
    partner alone, all stand, then the fight columns in ``fight_masks`` order.

    ``budget``: when it has a deadline, the simulation stops there (``OutOfTime``; stopped
    between variants, with the scenario's own figures: its split simulated once more, the
    overhead of about one variant), and is refused before it starts when even the fastest rate
    measured cannot finish it, or as soon as its first variant shows the rest cannot. A question too large to hold
    (``size_problem``) is refused before any work (ValueError, saying what to reduce)."""
    t0 = time.perf_counter()
    ds = dataset or snapshot.dataset
    report = progress or (lambda stage, done, total: None)
    pools = snapshot.pools
    n_p, N = pools.n_partners, ds.seats.n
    # the scenario's own rebels (claims that carry one), then those of the settings, seat by seat
    mine = {r.ac_no: r for r in snapshot.rules.rebels()}
    mine.update({r.ac_no: r for r in settings.rebels})
    rebels = tuple(mine[a] for a in sorted(mine))
    draws = int(settings.draws)
    # the fight columns: the sets of partners allowed to fight, then the scenario's own fights
    allowed_masks = _fight_sets(snapshot, settings.fight_pairs)
    own = snapshot.fight_masks()
    own_masks = sorted(set(int(m) for m in own[own != 0])) if own is not None else []
    fight_masks = allowed_masks + [m for m in own_masks if m not in allowed_masks]
    # which seats may take a friendly fight
    friendly = settings.friendly
    if isinstance(friendly, str):
        if friendly not in ("all", "none", ""):
            raise ValueError(f"friendly fights: {friendly!r}; use all, none or seat numbers")
        friendly = tuple(int(a) for a in ds.seats.ac_no) if friendly == "all" else ()
    else:
        friendly = tuple(int(a) for a in friendly)
        for a in friendly:
            if not ds.seats.has(a):
                raise ValueError(f"friendly fight: unknown seat {a}")
    n_friendly = len(set(friendly))
    problem = size_problem(N, n_p, len(fight_masks), draws if wins is None and win_prob is None else 1,
                           N * n_p + n_friendly * (1 + len(allowed_masks)))
    if problem:
        raise ValueError(problem)
    params = settings.params
    if params is None:
        params, _ = U.params_for(ds)
    params = U.with_assumed_poll(params, snapshot.assumptions, getattr(snapshot, "bloc_name", None))  # a poll
    from ..successors import projection_year
    # ours against the rival blocs' splits as given, the baseline's parties through the lineage
    projector = Engine(ds).projector(pools, snapshot.assumptions, rebels, getattr(snapshot, "rivals", ()),
                                     projection_year(snapshot), getattr(snapshot, "contenders", ()))
    fight_variant = [projector.variant_of(m) for m in fight_masks]
    V = len(projector.variant_masks)
    sim = None
    variant_ms = 0.0
    draws_note = ""
    if wins is not None:
        wins = np.asarray(wins, dtype=bool)
        P, draws = wins.mean(axis=2), wins.shape[2]
        wins = np.packbits(wins, axis=2)
    elif win_prob is not None:
        P = np.asarray(win_prob, dtype=float)
    else:
        if draws < 1:
            raise ValueError("the optimiser needs at least one draw")
        clock = budget.clock if budget is not None else time.perf_counter
        if budget is not None and budget.expired():   # nothing drawn: no figures either
            raise OutOfTime(f"{budget.why()} before the simulation", "simulating", 0, V)
        early = cannot_finish(budget, N, V, draws) if budget is not None else None
        if early:   # refused before anything is drawn
            raise OutOfTime(early, "simulating", 0, V)
        sim = U.Simulator(projector, ds, params, draws, int(settings.seed))
        steady = None
        if budget is not None and budget.deadline is not None and draws > MIN_DRAWS and N >= 4 * CALIBRATE_SEATS:
            fit, need, steady = _draws_that_fit(sim, V, N, budget, clock)
            if fit < MIN_DRAWS:
                sim.bank.hold_seat_noise(False)
                raise _stopped(budget, sim, snapshot, ds, 0, V, _too_slow(budget, V, need / V, N, draws))
            if fit < draws:
                draws_note = (f"P counted on {fit:,} draws, not the {draws:,} asked: {V:,} pool variants at "
                              f"{need / V * 1e3:.0f} ms each would leave no time to solve within "
                              f"{budget.time_limit:g} s")
                draws = fit
                sim = sim.first_draws(draws)
        wins, took = _simulate(sim, V, N, budget, clock, report, snapshot, ds, may_shrink=draws > MIN_DRAWS,
                               steady=steady)
        if wins is None:   # too slow at these draws: as many as half the time left allows, once
            fewer = int(draws * 0.5 * budget.left() / (took * V)) // 100 * 100
            if fewer < MIN_DRAWS:
                raise _stopped(budget, sim, snapshot, ds, 1, V, _too_slow(budget, V, took, N, draws))
            draws_note = (f"P counted on {fewer:,} draws, not the {draws:,} asked: {V:,} pool variants at "
                          f"{took * 1e3:.0f} ms each would leave no time to solve within {budget.time_limit:g} s")
            steady = took * fewer / draws
            draws = fewer
            sim = sim.first_draws(draws)
            wins, took = _simulate(sim, V, N, budget, clock, report, snapshot, ds, may_shrink=False, steady=steady)
        variant_ms = took * 1e3 / max(V, 1)
        wins, P = wins
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
    if friendly:
        allowed[n_p, ds.seats.indices(list(friendly))] = True
    for j, m in enumerate(fight_masks):   # a fight between some partners: where a fight is allowed
        if m in allowed_masks:
            allowed[C + j] = allowed[n_p]
    table = WinTable(ds.seats, pools, ds.majority, projector, rebels, sim, draws, P, wins, tuple(fight_masks),
                     column_variant, P[column_variant], allowed, friendly, np.empty(0, dtype=np.int64))
    current = table.choices(snapshot.pool.astype(np.int64), own)
    object.__setattr__(table, "current", current)
    object.__setattr__(table, "prepare_ms", (time.perf_counter() - t0) * 1e3)
    object.__setattr__(table, "variant_ms", variant_ms)
    object.__setattr__(table, "draws_note", draws_note)
    return table


CALIBRATE_SEATS = 256     # seats a first variant is timed on to choose the draws a whole-question limit allows


def _draws_that_fit(sim, V: int, N: int, budget: Budget, clock) -> tuple[int, float, float]:
    """The draws (at most the simulator's) whose table fits in about half the time left (the
    simulator cut to its first draws: ``Simulator.first_draws``), the seconds the whole table
    would take at the simulator's draws, and a variant's at the draws chosen once the seats' noise
    is drawn. Timed on the first ``CALIBRATE_SEATS`` seats: a variant drawing their noise, then the
    quicker of two reusing it (a busy machine's hiccup is not the rate), at all the draws and at a
    quarter of them (a variant's cost is a part per draw and a part that is not)."""
    seats = np.arange(CALIBRATE_SEATS)
    D = sim.draws
    quarter = sim.first_draws(max(1, D // 4))

    wide, wide_q = sim.wide_regions(), quarter.wide_regions()     # made once per table, as _simulate does

    def timed(s, v, w) -> float:     # a variant on these seats, as the table's loop works them out
        t0 = clock()
        chunk = max(U.CHUNK, U.CHUNK * U.DEFAULT_DRAWS // max(s.draws, 1))
        for a in range(0, len(seats), chunk):
            s._ally_wins(seats[a:a + chunk], np.full(len(seats[a:a + chunk]), v, dtype=np.int64), w)
        return clock() - t0

    sim.bank.hold_seat_noise()      # kept for the table (its seats drawn once); _simulate lets it go
    first = timed(sim, 0, wide)
    full = min(timed(sim, 1 % V, wide), timed(sim, 0, wide))
    part = min(timed(quarter, 1 % V, wide_q), timed(quarter, 0, wide_q))
    del wide, wide_q
    scale = N / len(seats)
    steady = full * scale
    noise = max(0.0, first * scale - steady)
    need = noise + V * steady
    room = 0.5 * budget.left()
    if need <= room:
        return D, need, steady
    per_draw = max(full - part, 0.0) * scale / max(D - quarter.draws, 1)     # a variant's seconds a draw
    fixed = max(part * scale - per_draw * quarter.draws, 0.0)
    fit = ((room - noise) / V - fixed) / per_draw if per_draw > 0 else 0.0
    fit = int(min(max(fit, 0.0), D)) // 100 * 100
    return fit, need, fixed + per_draw * fit


def _too_slow(budget: Budget, V: int, took: float, N: int, draws: int) -> str:
    return (f"cannot finish within the time limit of {budget.time_limit:g} s: the simulation alone needs "
            f"about {took * V:.0f} s ({V:,} pool variants x {took * 1e3:.0f} ms for "
            f"{N:,} seats x {draws:,} draws); reduce the draws, the fight pairs or the partners, "
            f"or allow more time")


def _simulate(sim, V: int, N: int, budget: Budget | None, clock, report, snapshot, ds: Dataset,
              may_shrink: bool, steady: float | None = None) -> tuple[np.ndarray | None, float]:
    """Every pool variant's draws (V, N, D / 8: 8 a byte) with their P (V, N), and the seconds
    they took. When the first variant
    shows the rest cannot finish by the deadline (at ``steady`` seconds a variant when measured
    apart, else the first one's): (None, seconds a variant) if the caller may draw fewer, else
    stopped (``OutOfTime``), as at the deadline itself."""
    wins = np.empty((V, N, -(-sim.draws // 8)), dtype=np.uint8)     # 8 draws a byte
    P = np.empty((V, N))
    one = np.empty((N, sim.draws), dtype=bool)                      # a variant's draws, seat by row
    s0 = clock()
    sim.bank.hold_seat_noise()      # every seat drawn once, not once per variant
    wide = sim.wide_regions()       # and the region rows widened once
    try:
        for v in range(V):
            if budget is not None and budget.expired():
                raise _stopped(budget, sim, snapshot, ds, v, V, f"{budget.why()} while simulating the pool variants "
                                                               f"({v:,} of {V:,} done)")
            if budget is not None and v == 1 and budget.deadline is not None:
                took = clock() - s0
                per = took if steady is None else steady      # the first variant drew the seats' noise too
                if per * (V - 1) > budget.left():
                    if may_shrink:
                        return None, per
                    raise _stopped(budget, sim, snapshot, ds, v, V, _too_slow(budget, V, per, N, sim.draws))
            report("simulating", v, V)
            sim.variant_draws(np.full(N, v), out=one, wide=wide)
            P[v] = np.count_nonzero(one, axis=1) / sim.draws          # = one.mean(axis=1)
            wins[v] = np.packbits(one, axis=1)
    finally:
        sim.bank.hold_seat_noise(False)
    return (wins, P), clock() - s0


def _stopped(budget: Budget, sim, snapshot, ds: Dataset, done: int, total: int, message: str) -> OutOfTime:
    """The question stops before the table is ready: with the scenario's own figures (its split
    simulated once, the cost of about one variant) unless the question was cancelled."""
    current = None
    if not budget.cancelled():
        try:
            s = sim.run(snapshot.pool.astype(np.int64), ds.majority, snapshot.fight_masks())
            current = (float(s.p_alliance.sum()), float(s.p_majority))
        except (ValueError, IndexError):
            current = None
    return OutOfTime(message, "simulating", done, total, current)
