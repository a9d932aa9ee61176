"""How sure is the projection: many plausible elections drawn around the deterministic one.

The model follows the structure of the open election models (The Economist's among them): a
vote share moves by

    statewide swing of the party  +  regional swing of the party (by PC, or by district when
    PCs are single seats)  +  seat-level noise of the candidate  +  (where one partner contests
    alone) an error in the vote transfer between partners,

each drawn from a Student t distribution (fat tails) scaled to the given standard deviation.
Shares are in points of the seat's valid vote; a candidate's share never goes below 0 and the
seat's shares are renormalised to the valid vote, so what one party gains the others lose. A
candidate with no vote in the projection (a partner absent from the baseline) stays at 0. A seat
elected unopposed keeps its winner. The sizes are fitted from the data (``fit``): the change
between consecutive elections in the same seats, after removing the statewide and regional parts.

Simulation cost: the seat noise and the swings are drawn once per (data set, draws, seed) and
reused (common random numbers), so an assumption change is arithmetic only and a seat move
recomputes the moved seats alone. Only each seat's three strongest contenders in a variant are
simulated: a fourth is never within reach of first place at these noise sizes.
"""
from __future__ import annotations

import math
import threading
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from .dataset import Dataset
from .parties import IND, NOTA
from .seat_model import Sizes

DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 2024
TOP = 3                   # contenders simulated per seat and variant
CHUNK = 16                # seats worked out together: (16, 10,000) float32 rows stay in the cache
# a small data set's simulator keeps each (variant, seat)'s winning slots once worked out (a split
# run on the GUI thread: a state's 90 seats at 10,000 draws), so that a split it comes back to —
# an undo, a preset or "assign all" chosen again, a seat dragged back — reads them instead of
# drawing them again: the same bytes. Kept while seats x draws <= MEMO_CELLS, up to MEMO_BYTES a
# simulator (the oldest let go first)
MEMO_CELLS = 2**20
MEMO_BYTES = 8 * 2**20


@dataclass(frozen=True)
class UncertaintyParams:
    """Standard deviations in points of the valid vote (transfer: of the transfer rate, 0-1),
    and the Student t degrees of freedom."""
    state_sd: float = 3.0
    region_sd: float = 2.0
    seat_sd: float = 4.0
    transfer_sd: float = 0.10
    df: float = 5.0

    def scaled(self, k: float) -> "UncertaintyParams":
        return replace(self, state_sd=self.state_sd * k, region_sd=self.region_sd * k,
                       seat_sd=self.seat_sd * k, transfer_sd=self.transfer_sd * k)

    def to_json(self) -> dict:
        return {"state_sd": round(self.state_sd, 3), "region_sd": round(self.region_sd, 3),
                "seat_sd": round(self.seat_sd, 3), "transfer_sd": round(self.transfer_sd, 3),
                "df": round(self.df, 2)}


ZERO = UncertaintyParams(0.0, 0.0, 0.0, 0.0, 5.0)
LEVELS = {"low": 0.5, "fitted": 1.0, "high": 1.5}


@dataclass(frozen=True)
class ModelParams:
    """The seat model fitted on India's assembly elections (:mod:`seat_model`, its sizes in
    ``resources/seat_model.json``) as the simulator's sizes, at a level (its spreads x0.5, x1,
    x1.5). ``transfer``: the centre of the drawn transfer rate (None: the scenario's rate where
    the user set one, else the fitted rate). ``poll``: statewide shares (fractions of the valid
    vote) by party code or bloc name; with a poll the sizes are the poll form's."""
    sizes: "Sizes"
    level: str = "fitted"
    transfer: float | None = None
    poll: tuple[tuple[str, float], ...] = ()
    poll_sd: float = 0.0

    df = 30.0     # the seat noise is normal (the bank's key)

    def scaled(self, k: float) -> "ModelParams":
        z = self.sizes
        sz = replace(z, state_sd=z.state_sd * k, partner_sd=z.partner_sd * k, region_sd=z.region_sd * k,
                     seat_sd=z.seat_sd * k, seat_slope=z.seat_slope * k, transfer_sd=z.transfer_sd * k,
                     ind_sd=z.ind_sd * k)
        return replace(self, sizes=sz, poll_sd=self.poll_sd * k)

    def with_poll(self, poll: dict[str, float], sd: float = 0.0) -> "ModelParams":
        """The poll form's sizes (at this level) with a poll (percent of the valid vote) and its
        error (points of the statewide share; 0: a perfect poll, the shipped default)."""
        from .seat_model import shipped
        sizes, _ = shipped(poll=True)
        if sizes.form not in ("uniform", "proportional"):
            raise ValueError(f"the poll form {sizes.form!r} is not simulated by the app")
        k = LEVELS.get(self.level, 1.0)
        out = ModelParams(sizes, self.level, self.transfer, tuple(sorted((p, v / 100.0) for p, v in poll.items())),
                          sd / 100.0)
        return out.scaled(k) if k != 1.0 else out

    def to_json(self) -> dict:
        d = {"model": "seat model fitted on India's assembly elections", "level": self.level,
             "sizes": self.sizes.to_json()}
        if self.transfer is not None:
            d["transfer"] = self.transfer
        if self.poll:
            d["poll"] = {p: round(v * 100, 3) for p, v in self.poll}
            d["poll_sd"] = round(self.poll_sd * 100, 3)
        return d


def fitted_model(level: str = "fitted") -> tuple[ModelParams, dict]:
    """The shipped seat model at a level, and its document (what it was fitted on, its
    out-of-sample figures)."""
    from .seat_model import shipped
    if level not in LEVELS:
        raise ValueError(f"uncertainty level {level!r}: use {', '.join(LEVELS)}")
    sizes, doc = shipped()
    m = ModelParams(sizes, level)
    return (m.scaled(LEVELS[level]) if level != "fitted" else m), doc


# --- fitting the sizes from consecutive elections ------------------------------------------------
def _party_shares(ds: Dataset, bid: str) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Per party (not IND, not NOTA), its share in points of each seat's valid vote."""
    c = ds.baselines[bid].candidates
    idx = c["ac_no"].map(ds.seats._index).to_numpy()
    total = np.bincount(idx, weights=c["votes"].to_numpy(float), minlength=ds.seats.n)
    total = np.where(total > 0, total, 1.0)
    out = {}
    for party, g in c.groupby("party"):
        if party in (IND, NOTA):
            continue
        v = np.bincount(g["ac_no"].map(ds.seats._index).to_numpy(), weights=g["votes"].to_numpy(float),
                        minlength=ds.seats.n)
        out[party] = v / total * 100.0
    return out, total


def transitions(ds: Dataset) -> list[tuple[str, str]]:
    """Consecutive pairs of baselines (earlier, later) by year, later a Vidhan Sabha result."""
    bl = sorted((b for b in ds.baselines.values() if b.year), key=lambda b: (b.year, b.kind != "lok_sabha_segments"))
    out = []
    for later in bl:
        if later.kind != "vidhan_sabha":
            continue
        for earlier in bl:
            if earlier is later or earlier.year > later.year:
                continue
            if earlier.year == later.year and earlier.kind == later.kind:
                continue
            out.append((earlier.id, later.id))
    return out


def region_index(ds: Dataset) -> tuple[np.ndarray, str]:
    """Each seat's region for the correlated swing: its PC, or its district where PCs are
    single seats (a Lok Sabha data set)."""
    s = ds.seats
    if len(s.pc_names) <= s.n / 3:
        return s.pc_index, "pc"
    return s.district_index, "district"


def fit(ds: Dataset, pairs: list[tuple[str, str]] | None = None, min_share: float = 2.0) -> tuple[UncertaintyParams, dict]:
    """Fit the sizes from the changes between elections in the same seats.

    For each transition and each party that stood in both (statewide share >= ``min_share``
    points in both), the change of its share in every seat where it stood both times is split
    into a statewide part (the mean change), a regional part (the mean of the rest by region)
    and the seat part (what remains). The state size is the root mean square of the statewide
    changes, the regional size the spread of the regional means less their sampling noise, the
    seat size the spread of the rest (corrected for the means removed); the t degrees of freedom
    come from the seat part's excess kurtosis. Returns the parameters and a report of the parts."""
    pairs = transitions(ds) if pairs is None else pairs
    region, rkind = region_index(ds)
    n_reg = int(region.max()) + 1 if len(region) else 1
    state, reg_means, reg_n, resid = [], [], [], []
    used = []
    for a, b in pairs:
        sa, ta = _party_shares(ds, a)
        sb, tb = _party_shares(ds, b)
        for party in sorted(set(sa) & set(sb)):
            wa = float((sa[party] * ta).sum() / ta.sum())
            wb = float((sb[party] * tb).sum() / tb.sum())
            if wa < min_share or wb < min_share:
                continue
            both = (sa[party] > 0) & (sb[party] > 0)
            if both.sum() < 5:
                continue
            d = (sb[party] - sa[party])[both]
            r = region[both]
            c = float(d.mean())
            state.append(c)
            rest = d - c
            for k in range(n_reg):
                m = r == k
                if m.sum() >= 2:
                    reg_means.append(float(rest[m].mean()))
                    reg_n.append(int(m.sum()))
            means = np.array([rest[r == k].mean() if (r == k).any() else 0.0 for k in range(n_reg)])
            resid.extend((rest - means[r]).tolist())
            used.append((a, b, party, round(wa, 2), round(wb, 2), round(c, 2)))
    if not state:
        return UncertaintyParams(), {"pairs": pairs, "parties": [], "note": "no transition to fit from: defaults"}
    resid = np.array(resid)
    dof = max(len(resid) - len(reg_means) - len(state), 1)
    seat_sd = float(np.sqrt((resid ** 2).sum() / dof))
    rm, rn = np.array(reg_means), np.array(reg_n)
    reg_var = max(float(np.mean(rm ** 2) - np.mean(seat_sd ** 2 / rn)), 0.0)
    state_sd = float(np.sqrt(np.mean(np.square(state))))
    k = float(np.mean(resid ** 4) / np.mean(resid ** 2) ** 2 - 3.0) if len(resid) > 10 else 0.0
    df = float(np.clip(4.0 + 6.0 / k, 3.0, 30.0)) if k > 0 else 30.0
    params = UncertaintyParams(state_sd=state_sd, region_sd=math.sqrt(reg_var), seat_sd=seat_sd,
                               transfer_sd=0.10, df=df)
    report = {"pairs": [list(p) for p in pairs], "region": rkind, "parties": used,
              "seat_changes": int(len(resid)), "excess_kurtosis": round(k, 2), "params": params.to_json(),
              "transfer_note": "no election here shows a transfer between partners: transfer_sd is an assumption"}
    return params, report


# --- the simulation --------------------------------------------------------------------------------
_WINNERS: dict[int, list[str]] = {}
_WINNERS_LOCK = threading.Lock()


def _seat_winners(b) -> list[str]:
    """Each seat's winning party in a baseline (the candidate with the most votes), worked out once
    per baseline's votes (``Baseline.uid``: a baseline never changes its votes under one uid)."""
    with _WINNERS_LOCK:
        hit = _WINNERS.get(b.uid)
    if hit is None:
        c = b.candidates
        hit = c.loc[c.groupby("ac_no", sort=True)["votes"].idxmax(), "party"].astype(str).tolist()
        with _WINNERS_LOCK:
            if len(_WINNERS) > 64:
                _WINNERS.clear()
            _WINNERS[b.uid] = hit
    return hit


def _t(rng: np.random.Generator, df: float, shape) -> np.ndarray:
    """Student t draws scaled to unit variance (float32)."""
    z = rng.standard_normal(shape, dtype=np.float32)
    if df >= 30:
        return z
    w = rng.chisquare(df, size=shape[:1] + (1,) * (len(shape) - 1)).astype(np.float32)
    return z / np.sqrt(w / df) * np.float32(math.sqrt((df - 2) / df))


LAZY_BYTES = 128 * 2**20   # a bank past this (seat noise and region part at full precision) is drawn as needed
HOLD_BYTES = 96 * 2**20    # a lazy bank's seat noise up to this is held once drawn


def _factor(lg: np.ndarray, X: np.ndarray) -> np.ndarray:
    """The statewide factor exp(lg) (C, D) of contenders with statewide shares ``X`` (points),
    capped where the contender would pass 100 % statewide (a fat-tailed draw of a small party:
    it then takes every seat it stands in all the same, and float32 does not overflow)."""
    cap = np.log(100.0 / np.maximum(X, 1e-3))[:, None]
    return np.exp(np.minimum(lg, cap))


def _t_scale(bank: "NoiseBank", df: float, shape) -> np.ndarray:
    """Per bloc swing draw, the factor that turns the bank's normal bloc draws into Student t
    draws of unit variance (``df`` degrees of freedom): drawn from the bank's seed each time the
    tables are made (the same numbers each time; ~0.1 s at 4,100 seats, where a kept (C, D) float64
    array held 38 MB for the window's life)."""
    w = np.random.default_rng([bank.key[4], 25]).chisquare(df, shape)
    return np.sqrt(df / w) * math.sqrt((df - 2) / df)


class NoiseBank:
    """The random parts, drawn once per (seats, regions, parties, draws, seed, df): unit-variance
    t draws for the state (D, P), region (D, R, P), transfer (D,) and seat (TOP, D, N) parts.

    A bank that would pass ``LAZY_BYTES`` at full precision (an all-India data set: 4,100 seats x 3
    slots x 10,000 draws, 490 MB of seat noise; a Lok Sabha of 21 partners: 68 regions x 104
    parties x 10,000 draws, 280 MB of region part) keeps neither the seat nor the region part:
    each seat's noise comes from its own stream (seed, seat; ``table_normals``) when the seat is worked out, each
    (region, party) column from its own stream (seed, region, party) when a simulator first needs
    it, so the bank costs what the seats being worked out need and nothing is drawn ahead. Such a
    bank gives other draws than a kept one of the same seed (the streams are laid out otherwise);
    a kept bank's draws are those it always had."""

    def __init__(self, n_seats: int, n_regions: int, n_parties: int, draws: int, seed: int, df: float):
        rng = np.random.default_rng(seed)
        self.key = (n_seats, n_regions, n_parties, draws, seed, df)
        self.df, self.seed, self.draws, self.n_parties = df, seed, draws, n_parties
        # what a kept bank would hold at full precision: the seat noise and the region part
        self.lazy = (TOP * draws * n_seats + draws * n_regions * n_parties) * 4 > LAZY_BYTES
        self._zero_last = False
        # a lazy bank keeps no state part and bloc swings either (read once per preparation, 20 MB
        # each at 4,100 seats): the generator's place before each, to draw them again when asked
        self._at_state = rng.bit_generator.state
        self._state = _t(rng, df, (draws, n_parties))
        self._region_cache: dict[tuple[int, int], int] = {}
        self._lock = threading.Lock()     # a background job and a move on the GUI thread may both add rows
        self._seat_held: dict[int, np.ndarray] | None = None
        # a lazy bank holds the seat noise it drew while that stays small (a Lok Sabha's 543 seats:
        # 65 MB), so a re-simulation does not draw it again; an all-India one draws it each time
        self._hold_always = self.lazy and TOP * draws * n_seats * 4 <= HOLD_BYTES
        if self._hold_always:
            self._seat_held = {}
        if self.lazy:
            self.region = self.seat = None
            self._state = None
            self.transfer = _t(rng, df, (draws,))
            self._at_bloc = rng.bit_generator.state
            self._bloc = None
            # the t draws' chi-square parts: one per draw for the region columns, one per slot
            # for the seat noise (as a kept bank's), from streams of their own
            side = np.random.default_rng([seed, 3])
            self._w_region = self._w_seat = None
            if df < 30:
                c = np.float32(math.sqrt((df - 2) / df))
                self._w_region = (c / np.sqrt(side.chisquare(df, size=draws) / df)).astype(np.float32)
                self._w_seat = (c / np.sqrt(side.chisquare(df, size=(TOP, 1)) / df)).astype(np.float32)
            return
        half = TOP * draws * n_seats * 4 > 32 * 2**20    # large data sets: kept at half the size
        self.region = _normals(rng, df, (draws, n_regions, n_parties), np.float16 if half else np.float32)
        self.transfer = _t(rng, df, (draws,))
        # drawn as (TOP, D, N), kept as (TOP, N, D): a seat's draws are then one contiguous row,
        # which is what a move (a few seats, every draw) reads
        self.seat = _seat_noise(rng, df, draws, n_seats, np.float16 if half else np.float32)
        # the seat model's bloc swings (D, parties): drawn last, so the draws above stay as they were
        self._bloc = rng.standard_normal((draws, n_parties), dtype=np.float32)

    def _again(self, at: dict) -> np.random.Generator:
        rng = np.random.Generator(np.random.PCG64())
        rng.bit_generator.state = at
        return rng

    @property
    def state(self) -> np.ndarray:
        """(D, parties) float32: the state part (the last party column 0 once ``zero_last_party``);
        a lazy bank's drawn again each time it is read, the same numbers: do not write to it."""
        if self._state is not None:
            return self._state
        z = _t(self._again(self._at_state), self.df, (self.draws, self.n_parties))
        if self._zero_last:
            z[:, -1] = 0.0
        return z

    @property
    def bloc(self) -> np.ndarray:
        """(D, parties) float32: the seat model's bloc swings (a lazy bank's drawn again when read)."""
        if self._bloc is not None:
            return self._bloc
        return self._again(self._at_bloc).standard_normal((self.draws, self.n_parties), dtype=np.float32)

    def zero_last_party(self) -> None:
        """The last party column (no swing) 0 in the state and region parts."""
        self._zero_last = True
        if self._state is not None:
            self._state[:, -1] = 0.0
        if self.region is not None:
            self.region[:, :, -1] = 0.0

    @property
    def dtype(self) -> np.dtype:
        """The precision of the region part (and of the swing tables made from it)."""
        return np.dtype(np.float16) if self.region is None else self.region.dtype

    def region_columns(self, regions: np.ndarray, parties: np.ndarray) -> np.ndarray:
        """(len, D) the region part of each (region, party) pair, in the bank's precision (the
        last party column, no swing, is 0)."""
        if not self.lazy:
            return np.ascontiguousarray(self.region[:, regions, parties].T)
        return self.region_table[self.region_rows(regions, parties)]

    def region_rows(self, regions: np.ndarray, parties: np.ndarray) -> np.ndarray:
        """A bank that keeps no region part: each (region, party) pair's row of ``region_table``
        (unit draws in half precision), drawn from the pair's own stream the first time it is
        asked for; row 0 is the zero row (the last party column, no swing)."""
        with self._lock:
            return self._region_rows(regions, parties)

    def _region_rows(self, regions: np.ndarray, parties: np.ndarray) -> np.ndarray:
        if not hasattr(self, "region_table"):
            self.region_table = np.zeros((1, self.draws), dtype=self.dtype)
            self._region_n = 1
        out = np.zeros(len(regions), dtype=np.int64)
        pairs = list(zip(np.asarray(regions).tolist(), np.asarray(parties).tolist()))
        # grown once to the rows asked for (rows stay where they are): no room held spare
        fresh = len({rp for rp in pairs if rp[1] != self.n_parties - 1 and rp not in self._region_cache})
        if self._region_n + fresh > len(self.region_table):
            grown = np.zeros((self._region_n + fresh, self.draws), dtype=self.dtype)
            grown[:self._region_n] = self.region_table[:self._region_n]
            self.region_table = grown
        for i, (r, p) in enumerate(pairs):
            if p == self.n_parties - 1:
                continue
            row = self._region_cache.get((r, p))
            if row is None:
                z = np.random.default_rng([self.seed, 2, r, p]).standard_normal(self.draws, dtype=np.float32)
                if self._w_region is not None:
                    z *= self._w_region
                row = self._region_n
                self.region_table[row] = z
                self._region_n += 1
                self._region_cache[(r, p)] = row
            out[i] = row
        return out

    def hold_seat_noise(self, on: bool = True) -> None:
        """While on, a bank that keeps no seat noise holds each seat's once drawn (the optimiser
        works out every seat once per pool variant: 22 times at 21 partners); off lets it go."""
        if on and self.lazy:
            if self._seat_held is None:
                self._seat_held = {}
        elif not self._hold_always:
            self._seat_held = None
            self._held = None

    @property
    def held_seats(self) -> int:
        """How many seats' noise the bank holds (0 while it holds none)."""
        held = getattr(self, "_held", None)
        return int(held[1].sum()) if self._seat_held is not None and held is not None else 0

    def _held_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """The held seat noise as one (TOP, seats, draws) float32 array (the t part applied) and
        which seats it holds: a run of held seats is then read in place, not copied seat by seat."""
        if getattr(self, "_held", None) is None:
            self._held = (np.empty((TOP, self.key[0], self.draws), dtype=np.float32), np.zeros(self.key[0], dtype=bool))
        return self._held

    def _draw_seat(self, n: int) -> np.ndarray:
        """(TOP, draws) float32: seat ``n``'s noise from its own stream, the t part applied."""
        z = table_normals([self.seed, 1, n], TOP * self.draws).reshape(TOP, self.draws)
        if self._w_seat is not None:
            z *= self._w_seat
        return z

    def seat_noise(self, seats, d: int | None = None) -> np.ndarray:
        """(TOP, S, D) float32 or float16: the seat noise of some seats (an index array, or a
        slice for a run of seats, which a kept bank, or a lazy one holding them, reads in place:
        do not write to it); ``d``: the first d draws."""
        d = self.draws if d is None else d
        if not self.lazy:
            return self.seat[:, seats, :d]
        idx = np.arange(self.key[0])[seats] if isinstance(seats, slice) else np.asarray(seats)
        if self._seat_held is not None:
            arr, have = self._held_rows()
            missing = idx[~have[idx]]
            for n in missing.tolist():
                arr[:, n] = self._draw_seat(n)
                have[n] = True
            if isinstance(seats, slice):
                return arr[:, seats, :d]
            return arr[:, idx, :d]
        if len(idx) == 1:                # a move of one seat: its rows as drawn
            return self._draw_seat(int(idx[0]))[:, None, :d]
        out = np.empty((TOP, len(idx), d), dtype=np.float32)
        for j, n in enumerate(idx.tolist()):
            out[:, j] = self._draw_seat(n)[:, :d]
        return out


_NORMAL16: list = []


def table_normals(key, n: int) -> np.ndarray:
    """(n,) float32 standard normal draws from the stream ``key`` (a PCG64 seeded with it): each
    draw 16 random bits read through the normal's quantiles at (i + 0.5) / 65,536 (a discrete
    normal of 65,536 levels, at most 4.32 sd from 0; variance 0.99998). A lazy bank's seat noise
    (123 M draws at 4,100 seats, drawn again each run): 5x quicker than numpy's normals (one 64-bit
    step for four draws, then a lookup); other numbers than numpy's normals of the same stream."""
    if not _NORMAL16:
        from statistics import NormalDist
        inv = NormalDist().inv_cdf
        _NORMAL16.append(np.array([inv((i + 0.5) / 65536) for i in range(65536)], dtype=np.float32))
    # the generator's 64-bit steps read as 16-bit quarters as they lie in memory (on a
    # little-endian machine the bytes a full-range uint32 draw of the same stream gives, low half
    # then high); the indices widened before the gather (a gather through uint16 indices casts
    # them inside, slower)
    bits = np.random.PCG64(key).random_raw(-(-n // 4))
    return np.take(_NORMAL16[0], bits.view(np.uint16)[:n].astype(np.intp))


def _normals(rng: np.random.Generator, df: float, shape: tuple, dtype) -> np.ndarray:
    """``_t(rng, df, shape)`` in ``dtype``; normal draws (df >= 30) a block of the first axis at a
    time (the same numbers: the generator fills in order), never the whole float32 array."""
    if df < 30 or np.dtype(dtype) == np.float32:
        return _t(rng, df, shape).astype(dtype, copy=False)
    out = np.empty(shape, dtype=dtype)
    row = int(np.prod(shape[1:], dtype=np.int64)) or 1
    block = max(1, (4 * 2**20) // (row * 4))
    for d0 in range(0, shape[0], block):
        d1 = min(shape[0], d0 + block)
        out[d0:d1] = rng.standard_normal((d1 - d0,) + tuple(shape[1:]), dtype=np.float32)
    return out


def top_slots(score: np.ndarray, n: int) -> np.ndarray:
    """``np.argsort(-score, axis=-1, kind="stable")[..., :n]`` (score: no NaN; overwritten) by n
    passes of argmax: the first of the largest, then the first of the rest; a row whose rest is
    all -inf takes its first column not taken, as the stable sort does. At 4,100 seats x 22
    variants x 94 candidates: 0.3 s of sorting for three slots, and no (V, N, K) order kept."""
    K = score.shape[-1]
    out = np.empty(score.shape[:-1] + (min(n, K),), dtype=np.intp)
    for j in range(min(n, K)):
        i = np.argmax(score, axis=-1)
        dead = np.isneginf(np.take_along_axis(score, i[..., None], axis=-1)[..., 0])
        if j and dead.any():
            prev = out[..., :j][dead]
            c = np.zeros(len(prev), dtype=np.intp)
            for _ in range(j):
                c = np.where((prev == c[:, None]).any(axis=1), c + 1, c)
            i[dead] = c
        out[..., j] = i
        np.put_along_axis(score, i[..., None], -np.inf, axis=-1)
    return out


class _FirstDraws:
    """A noise bank's first ``d`` draws (``Simulator.first_draws``): the seat noise and the region
    rows cut to them; everything else is the bank's."""

    def __init__(self, bank: "NoiseBank", d: int):
        self._bank, self.draws = bank, d

    def __getattr__(self, name):
        return getattr(self._bank, name)

    @property
    def region_table(self) -> np.ndarray:
        return self._bank.region_table[:, :self.draws]

    def seat_noise(self, seats) -> np.ndarray:
        return self._bank.seat_noise(seats, self.draws)


def _seat_noise(rng: np.random.Generator, df: float, draws: int, n_seats: int, dtype) -> np.ndarray:
    """``_t(rng, df, (TOP, draws, n_seats))`` transposed to (TOP, n_seats, draws) in ``dtype``,
    the same numbers drawn a block of draws at a time (the generator fills in order), so the
    full float32 array and its transpose are never held beside the result."""
    if df < 30:   # the t's chi-square parts come after every normal: drawn whole, as _t does
        return np.ascontiguousarray(_t(rng, df, (TOP, draws, n_seats)).transpose(0, 2, 1)).astype(dtype, copy=False)
    out = np.empty((TOP, n_seats, draws), dtype=dtype)
    block = max(1, (4 * 2**20) // max(n_seats * 4, 1))
    for k in range(TOP):
        for d0 in range(0, draws, block):
            d1 = min(draws, d0 + block)
            out[k, :, d0:d1] = rng.standard_normal((d1 - d0, n_seats), dtype=np.float32).T
    return out


@dataclass
class Summary:
    """One split's simulated figures. Per party it keeps only what some draw has: each seat's
    possible winners (``seat_party``, at most TOP + 1 a seat) and the draws each won
    (``seat_wins``), and the seats per draw of the parties that win somewhere (``seat_cols``,
    ``col_seats``: one (D,) array a column, shared with the simulator's and the summaries' that
    did not change since — a move copies only the columns it changes): at 4,100 seats and 1,109
    parties, 165 columns, not 1,109 (a party that never wins has no column). ``p_win``,
    ``party_seats`` and ``seats_by_col`` give the full (N, P), (D, P) and (D, C) arrays, made
    when asked (not kept); ``p_win_of``, ``seat_p_win`` and ``seats_of`` read a party's or a
    seat's part without them. Nothing in a summary is written to after it is made."""
    draws: int
    parties: list[str]
    seat_party: np.ndarray       # (N, slots) party index of each seat's possible winners
    seat_wins: np.ndarray        # (N, slots) draws each won (a party in one slot only)
    p_alliance: np.ndarray       # (N,)
    alliance_seats: np.ndarray   # (D,)
    seat_cols: np.ndarray        # (C,) party index of each column of col_seats, ascending
    col_seats: tuple             # C arrays (D,): seats per draw of the parties that win some seat
    majority: int
    tipping: np.ndarray          # (N,) P(the seat decides the majority)

    @property
    def p_win(self) -> np.ndarray:
        """(N, P) P(party wins seat) per party index of ``parties`` (made on each call)."""
        out = np.zeros((len(self.seat_party), len(self.parties)))
        on = self.seat_wins > 0
        rows = np.nonzero(on)[0]
        out[rows, self.seat_party[on]] = self.seat_wins[on] / self.draws
        return out

    @property
    def party_seats(self) -> np.ndarray:
        """(D, P) seats per draw per party index (made on each call)."""
        out = np.zeros((len(self.alliance_seats), len(self.parties)), dtype=np.int32)
        for c, k in enumerate(self.seat_cols.tolist()):
            out[:, k] = self.col_seats[c]
        return out

    @property
    def seats_by_col(self) -> np.ndarray:
        """(D, C) seats per draw of each column of ``seat_cols`` (made on each call)."""
        D = len(self.alliance_seats)
        if not self.col_seats:
            return np.zeros((D, 0), dtype=np.int16)
        return np.stack(self.col_seats, axis=1)

    def seats_of(self, k: int) -> np.ndarray:
        """(D,) party ``k``'s seats in each draw (zeros for a party that never wins)."""
        at = self.__dict__.get("_col_at")
        if at is None:      # each party's column, once per summary (the walk-away reads 84 a move)
            cols = self.seat_cols.tolist()       # the first column of a party wins, as ever
            at = self.__dict__["_col_at"] = dict(zip(reversed(cols), range(len(cols) - 1, -1, -1)))
        c = at.get(int(k))
        if c is None:
            dt = self.col_seats[0].dtype if self.col_seats else np.int16
            return np.zeros(len(self.alliance_seats), dtype=dt)
        return self.col_seats[c]

    def p_win_of(self, k: int) -> np.ndarray:
        """(N,) P(party ``k`` wins each seat): ``p_win[:, k]``."""
        return np.where(self.seat_party == k, self.seat_wins, 0).sum(axis=1) / self.draws

    def seat_p_win(self, i: int) -> dict[int, float]:
        """Seat ``i``'s parties that win it in some draw (party index, ascending) and P(win)."""
        on = self.seat_wins[i] > 0
        ks, ns = self.seat_party[i][on], self.seat_wins[i][on]
        order = np.argsort(ks, kind="stable")
        return {int(ks[j]): float(ns[j] / self.draws) for j in order}

    @property
    def p_majority(self) -> float:
        hit = self.__dict__.get("_p_majority")      # nothing in a summary changes: counted once
        if hit is None or hit[0] is not self.alliance_seats or hit[1] != self.majority:
            hit = self.__dict__["_p_majority"] = (self.alliance_seats, self.majority,
                                                 float((self.alliance_seats >= self.majority).mean()))
        return hit[2]

    def interval(self, x: np.ndarray) -> tuple[int, int, int]:
        """Median and the 80 % interval (p10, p90) of a seat count (``np.percentile``'s
        "nearest", read off the counts' cumulative histogram: no sort of the draws)."""
        if x is self.alliance_seats:
            hit = self.__dict__.get("_alliance_interval")
            if hit is not None and hit[0] is x:
                return hit[1]
        out = seat_interval(x)
        if x is self.alliance_seats:
            self.__dict__["_alliance_interval"] = (x, out)     # a live move asks twice per summary
        return out

    def tipping_seats(self, seats, k: int = 10) -> list[int]:
        t = self.tipping
        k = min(k, int(np.count_nonzero(t > 0)))
        if k <= 0:
            return []
        ac = seats.ac_no
        c = np.rint(t * self.draws).astype(np.int64)
        if not np.array_equal(c / self.draws, t):         # not counts of draws: sorted whole
            return [int(ac[i]) for i in np.argsort(-t, kind="stable")[:k]]
        # the stable sort's first k without sorting every seat (most seats tie: a few draws decide):
        # the k-th largest from the counts' histogram (a partition of many ties degenerates: 0.2 ms
        # at 4,100 seats), those above it largest first, then its ties in seat order
        at_least = np.cumsum(np.bincount(c)[::-1])                # seats with a count >= max - j
        cut = (len(at_least) - 1 - int(np.searchsorted(at_least, k))) / self.draws
        above = np.flatnonzero(t > cut)
        above = above[np.argsort(-t[above], kind="stable")]
        order = np.concatenate([above, np.flatnonzero(t == cut)[:k - len(above)]])
        return [int(ac[i]) for i in order]


def seat_interval(x: np.ndarray) -> tuple[int, int, int]:
    """``np.percentile(x, [50, 10, 90], method="nearest")`` of non-negative integer counts,
    from their cumulative histogram (10,000 draws: 20 µs instead of 200)."""
    n = len(x)
    if n == 0 or x.dtype.kind not in "iu" or (n and x.min() < 0):
        q = np.percentile(x, [50, 10, 90], method="nearest")
        return int(q[0]), int(q[1]), int(q[2])
    cum = np.bincount(x).cumsum()
    idx = np.around(np.array([0.5, 0.1, 0.9]) * (n - 1)).astype(np.intp)   # the sorted draws' positions
    q = np.searchsorted(cum, idx, side="right")
    return int(q[0]), int(q[1]), int(q[2])


TILE = 16     # bytes a tile's row holds: four seats a byte (a slot is 0..TOP, two bits), so a tile
#               holds 64 seats, (D, TILE) bytes: a seat's draws are 16 bytes apart (a move reads and
#               writes its seats' in a few pages, not one page a draw as with rows of 4,100 bytes)
TILE_SEATS = 4 * TILE     # seat s: tile s // 64, byte s % 16, bits 2 x ((s % 64) // 16)


def _put_tiles(W: np.ndarray, start: int, win: np.ndarray) -> None:
    """Writes the winning slots ``win`` (S, D) of seats start.. into the tiles ``W``: a tile's seats
    packed four to a byte in seat rows first, (TILE, D), then written into the tile's draw rows
    with one transposed pass a tile (not one a group of 16 seats: a transposed byte copy is the
    cost here)."""
    S, D = win.shape
    i = 0
    while i < S:
        t, a = divmod(start + i, TILE_SEATS)
        n = min(TILE_SEATS - a, S - i)           # this tile's seats: start + i .. + n
        packed = np.zeros((TILE, D), dtype=np.uint8)
        keep = np.full(TILE, 0xFF, dtype=np.uint8)       # the bits of the tile's other seats, kept
        j = 0
        while j < n:
            g, b = divmod(a + j, TILE)
            m = min(TILE - b, n - j)
            part = packed[b:b + m]
            part |= win[i + j:i + j + m] << np.uint8(2 * g)
            keep[b:b + m] &= np.uint8(~(3 << 2 * g) & 0xFF)
            j += m
        cell = W[t]
        if n < TILE_SEATS:
            cell &= keep
        else:
            cell.fill(0)
        cell |= packed.T
        i += n


def _tile_bytes(W: np.ndarray, seats: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The bytes of some seats (an index array) in the tiles, (len(seats), D) (a copy, read as one
    gather), the seats' tiles and bytes ((tile, byte) pairs) and their shifts (as uint8)."""
    t, a = np.divmod(seats, TILE_SEATS)
    g, b = np.divmod(a, TILE)
    return W[t, :, b], (t, b), (2 * g).astype(np.uint8)


def _slots_of(raw: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """The winning slots (n, D) in the bytes ``raw`` (n, D) at the seats' ``shift``."""
    out = raw >> shift[:, None]
    out &= 3
    return out


def _get_slots(W: np.ndarray, seats: np.ndarray) -> np.ndarray:
    """(len(seats), D) uint8: the winning slots of some seats (an index array) read from the tiles."""
    raw, _, shift = _tile_bytes(W, seats)
    return _slots_of(raw, shift)


def _set_slots(W: np.ndarray, seats: np.ndarray, slots: np.ndarray, raw=None) -> None:
    """Writes the winning slots ``slots`` (len(seats), D) of some seats (distinct) into the tiles;
    ``raw``: ``_tile_bytes(W, seats)`` as read before (the bytes then are not read again). The
    bytes are changed apart and written in one scatter, unless two seats share a byte (then a
    group of 16 seats at a time, which never do)."""
    raw, (t, b), shift = _tile_bytes(W, seats) if raw is None else raw
    key = t * TILE + b
    if len(key) > 1 and len(np.unique(key)) < len(key):
        for k in np.unique(shift).tolist():
            on = np.flatnonzero(shift == k)
            _set_slots(W, seats[on], slots[on])
        return
    raw &= ~(np.uint8(3) << shift)[:, None]
    raw |= slots << shift[:, None]
    W[t, :, b] = raw


def _unpack_slots(rows: np.ndarray, n: int) -> np.ndarray:
    """(R, n) uint8: rows (tiles, R, TILE) of the tiles (some draws of every tile) as each draw's
    winning slot of seats 0..n-1."""
    T, R = rows.shape[:2]
    out = np.empty((R, T, 4, TILE), dtype=np.uint8)
    for k in range(4):
        np.bitwise_and(np.right_shift(rows, np.uint8(2 * k)), np.uint8(3), out=out[:, :, k, :].transpose(1, 0, 2))
    return out.reshape(R, -1)[:, :n]


def _slot_counts(win: np.ndarray) -> np.ndarray:
    """(S, TOP + 1) int32: the draws each slot wins in each seat's row of ``win`` (S, D)."""
    out = np.empty((win.shape[0], TOP + 1), dtype=np.int32)
    for j in range(TOP + 1):
        out[:, j] = np.count_nonzero(win == j, axis=1)
    return out


_WORK = threading.local()
WORK_CELLS = 2**18          # the scratch kept per thread: 3 x 1 MB (a chunk is 160,000 cells)
_HALF: list = []


def _half_table() -> np.ndarray:
    """(65,536,) float32: every half-precision value by its bits (a gather through it widens
    half precision exactly, twice as fast as numpy's cast here)."""
    if not _HALF:
        _HALF.append(np.arange(65536, dtype=np.uint32).astype(np.uint16).view(np.float16).astype(np.float32))
    return _HALF[0]


def _work(n: int, S: int, D: int) -> list[np.ndarray]:
    """``n`` float32 (S, D) scratch arrays of this thread, kept between calls (a fresh 640 kB
    array per slot and chunk costs its page faults each time, where the app hands large blocks
    back to the system when freed). Valid until the thread's next call."""
    if S * D > WORK_CELLS:      # a large one-off (a caller's own chunking): not kept
        return [np.empty((S, D), dtype=np.float32) for _ in range(n)]
    have = getattr(_WORK, "bufs", None)
    if have is None or len(have) < n or have[0].size < S * D:
        have = _WORK.bufs = [np.empty(max(S * D, 1), dtype=np.float32) for _ in range(max(n, 3))]
    return [a[:S * D].reshape(S, D) for a in have[:n]]


class Simulator:
    """Draws of every seat's winner for one projector (baseline, alliance, assumptions).

    ``run(pools)`` simulates the seats of a split; ``move(pools, seats)`` updates the moved
    seats only; ``variant_probabilities()`` gives P(the alliance wins seat i) for every pool
    variant, which the optimiser uses."""

    # the transfers inside the rival blocs (the seat model only: ``_rival_transfer_tables``)
    rtcoef: np.ndarray | None = None      # (V, N, TOP, blocs drawn) points a slot gains per unit of draw
    rtdraw: np.ndarray | None = None      # (blocs drawn, D)

    def __init__(self, projector, ds: Dataset, params: UncertaintyParams, draws: int = DEFAULT_DRAWS,
                 seed: int = DEFAULT_SEED, bank: NoiseBank | None = None):
        self.pj, self.ds, self.params, self.draws, self.seed = projector, ds, params, draws, seed
        self._memo: dict | None = None
        self._prepare(bank)
        self._winners: np.ndarray | None = None   # (tiles, D, TILE) winning slots (2 bits) of the split
        self._variant: np.ndarray | None = None
        self._col_seats: list | None = None

    def _prepare(self, bank: NoiseBank | None) -> None:
        """The simulated contenders of every variant the projector has (a friendly fight added
        to the projector later calls this again, keeping the noise bank)."""
        projector, params, draws, seed, ds = self.pj, self.params, self.draws, self.seed, self.ds
        pb = projector.prepared
        o = projector.outcomes
        votes = o.votes                                    # made whole once (each read makes it again)
        V, N, K = votes.shape
        self.n_p = projector.pools.n_partners
        self.V, self.N = V, N
        self.region, _ = region_index(ds)
        T = pb._pct_base[None, :, None]
        share = votes / T * 100.0                          # (V, N, K) points
        # a standing partner is a candidate wherever it stands, with the votes transferred to it,
        # even where it had none in the baseline (RJD in Pakaur): not only the baseline's candidates
        present = pb.present.copy()
        present[:, :projector.pools.n_partners] = True
        fielded = o.fielded                                # read once (made whole on each read)
        contend = fielded & present[None] & (votes > 0)
        del votes
        score = np.where(contend, share, -np.inf)
        top = top_slots(score, TOP)
        if top.shape[2] < TOP:
            top = np.concatenate([top, np.repeat(top[:, :, -1:], TOP - top.shape[2], axis=2)], axis=2)
        self.slot = top                                                           # (V, N, TOP)
        self.share = np.take_along_axis(share, top, axis=2).astype(np.float32)    # (V, N, TOP)
        self.valid = np.take_along_axis(contend, top, axis=2)
        # a repeated slot (fewer than TOP contenders) is not a second candidate
        dup = np.zeros_like(self.valid)
        dup[:, :, 1:] = top[:, :, 1:] == top[:, :, :-1]
        self.valid &= ~dup
        party = np.broadcast_to(pb.party, (V, N, K))
        self.party = np.take_along_axis(party, top, axis=2)                       # party index
        # parties that ever appear among the simulated contenders get swings
        if getattr(self, "_used", None) is None:  # fixed at the first preparation: the bank stays valid
            self._used = np.union1d(np.unique(self.party[self.valid]), np.arange(self.n_p))
        used = self._used
        self.swing_parties = used
        self.pmap = np.full(len(pb.parties), len(used), dtype=np.int64)           # last column: no swing
        self.pmap[used] = np.arange(len(used))
        self.sp = self.pmap[np.maximum(self.party, 0)]                            # (V, N, TOP)
        # the transfer error moves the standing partners' share by dt x the vote of the
        # partners that do not stand (shared as the transfers are), and the others' the other way
        self.tcoef = np.zeros((V, N, TOP), dtype=np.float32)
        sp_votes = projector.swung_partners
        for v, mask in enumerate(projector.variant_masks):
            if mask == projector.all_mask:
                continue
            standing = np.array([(mask >> q) & 1 for q in range(self.n_p)], dtype=bool)
            other = sp_votes[:, ~standing].sum(axis=1) / pb._pct_base * 100.0
            own = sp_votes[:, standing]
            tot = own.sum(axis=1, keepdims=True)
            w = np.divide(own, tot, out=np.full_like(own, 1.0 / standing.sum()), where=tot > 0)
            wfull = np.zeros((N, self.n_p))
            wfull[:, standing] = w
            slot_is_partner = self.slot[v] < self.n_p
            wslot = np.where(slot_is_partner, np.take_along_axis(wfull, np.minimum(self.slot[v], self.n_p - 1), axis=1), 0.0)
            is_st = slot_is_partner & (wslot > 0)
            rest = np.where(self.valid[v] & ~slot_is_partner, self.share[v], 0.0)
            rsum = rest.sum(axis=1, keepdims=True)
            frac = np.divide(rest, rsum, out=np.zeros_like(rest), where=rsum > 0)
            self.tcoef[v] = np.where(is_st, other[:, None] * wslot, -other[:, None] * frac)
        self.unopposed = pb.unopposed
        self.unopposed_party = pb.unopposed_party
        self.n_parties = len(pb.parties)
        self.parties = pb.parties
        self._winner_tables()
        n_reg = int(self.region.max()) + 1 if N else 1
        if bank is None or bank.key != (N, n_reg, len(used) + 1, draws, seed, params.df):
            bank = NoiseBank(N, n_reg, len(used) + 1, draws, seed, params.df)
            bank.zero_last_party()
        self.bank = bank
        self.n_variants_prepared = V
        # (variant, seat) -> (winning slots (D,), wins per slot): worked out from the tables just made
        self._memo = {} if self.N * self.draws <= MEMO_CELLS else None
        self.n_sp = len(used) + 1
        if isinstance(params, ModelParams):
            self._model_tables(params, share, fielded)
            return
        # the Haryana-fitted form: state and regional swings together, one row per (region, party)
        # a slot of some seat reads (R * P' rows at most), for one gather per seat and slot
        if bank.lazy:
            self._lazy_swings(np.float32(params.state_sd) * bank.state.T, np.arange(self.n_sp), params.region_sd)
        else:
            rows = self._gathered_rows()
            r, j = rows // self.n_sp, rows % self.n_sp
            A = np.float32(params.state_sd) * bank.state.T[j] + np.float32(params.region_sd) * bank.region_columns(r, j)
            # half the size where the bank is (a large data set: 19 MB less at 543 seats), widened per gather
            self.add_draws = np.ascontiguousarray(A, dtype=bank.dtype)
        self.base = self.share
        self.c_draws = self.crow = None
        self.nsd = np.full((V, N, TOP), params.seat_sd, dtype=np.float32) if params.seat_sd else None
        self.tdraw = (np.float32(params.transfer_sd) * bank.transfer).astype(np.float32) if params.transfer_sd else None

    def _winner_tables(self) -> None:
        """What a draw's winner is, kept as its slot (0..TOP-1 the seat's simulated contenders in its
        variant, TOP the unopposed winner): two bits a draw and seat. Per (variant, seat, slot): the
        party index (``win_party``), its column among the parties that can win (``win_col``: only
        those get a per-draw seat count; at 4,100 seats 336 of 1,109 parties) and whether it is a
        partner (``win_ally``). A friendly fight prepared later may add columns, at the end."""
        V, N = self.V, self.N
        wp = np.empty((V, N, TOP + 1), dtype=np.int64)
        wp[:, :, :TOP] = self.party
        wp[:, :, TOP] = np.where(self.unopposed, self.unopposed_party, self.party[:, :, 0])[None, :]
        self.win_party = wp
        self.win_ally = wp < self.n_p
        cols = list(getattr(self, "cols", ()))
        known = set(cols)
        cols += [int(p) for p in np.unique(wp) if int(p) not in known]
        self.cols = np.array(cols, dtype=np.int64)
        pcol = np.full(self.n_parties + 1, -1, dtype=np.int64)
        pcol[self.cols] = np.arange(len(self.cols))
        self.win_col = pcol[wp]
        ps = getattr(self, "_col_seats", None)
        if ps is not None and len(ps) < len(self.cols):      # columns of parties a fight added
            more = len(self.cols) - len(ps)
            self._col_seats = ps + [np.zeros_like(ps[0]) for _ in range(more)] if ps else None
            self._col_tot = np.concatenate([self._col_tot, np.zeros(more, dtype=np.int64)])

    def _lazy_swings(self, p_draws: np.ndarray, pair_party: np.ndarray, r_scale: float) -> None:
        """With a bank that keeps no region part, no swing table either: a slot's swing is
        ``p_draws`` of its party column plus ``r_scale`` x the bank's region row of (its region,
        ``pair_party`` of its party column), two gathers per seat and slot (at 4,100 seats x 21
        partners a table of 10,000 rows, 200 MB, is not made)."""
        self.add_draws = self.arow = None
        self.p_draws = np.ascontiguousarray(p_draws, dtype=np.float32)             # (P', D)
        self.prow = self.sp
        pairs = self.region[None, :, None] * self.n_sp + pair_party[self.sp]        # (V, N, TOP)
        uniq, inv = np.unique(pairs, return_inverse=True)
        rows = self.bank.region_rows(uniq // self.n_sp, uniq % self.n_sp)
        self.rrow = rows[inv].reshape(pairs.shape)
        self.r_scale = np.float32(r_scale)

    def _gathered_rows(self) -> np.ndarray:
        """The (region, party column) rows of the swing table some slot reads, sorted; ``arow``
        becomes each slot's position among them (the table holds only these rows: at 4,100 seats a
        few thousand of the 100,000 regions x parties)."""
        full = self.region[None, :, None] * self.n_sp + self.sp                       # (V, N, TOP)
        rows, inv = np.unique(full, return_inverse=True)
        self.arow = inv.reshape(full.shape)
        return rows

    def _rival_transfer_tables(self, m: "ModelParams", X: np.ndarray, sc: np.ndarray):
        """The transfers inside each rival bloc, drawn as ours are: where some of a rival's
        partners stand down (its ``strongest`` split, or seats set so), the share of their vote the
        bloc keeps is drawn around the fitted rate (around the bloc's own where it was set, i.e. is
        not the default), spread by the fitted ``transfer_sd`` and clipped to 0–1, one draw per bloc
        (its own stream: another bloc's, ours and the bank's draws stay as they were), as a change
        from the rate the projection used; its effect fades with the lead, as ours does.
        ``X``: the contenders' statewide shares (points), ``sc``: each slot's contender (V, N, TOP).
        Returns ``(rtcoef, rtdraw)``: per slot and bloc drawn, the points of the vote handed on
        (+ the bloc's candidates, pro rata to their share; − the seat's other simulated candidates,
        pro rata), and per bloc and draw the change of the rate x the kept part; None, None where no
        rival bloc's partner stands down (the draws are then exactly those without this)."""
        import zlib

        from .assumptions import DEFAULT_TRANSFER
        pj, bank, z = self.pj, self.bank, m.sizes
        given = getattr(pj, "rival_given", ())
        T = pj.prepared._pct_base
        coefs, draws = [], []
        share = self.share.astype(np.float64)
        for k, (b, g) in enumerate(zip(pj.rivals, given)):
            pts = g / T * 100.0                                    # (N,) points handed on
            centre = m.transfer if m.transfer is not None else (b.transfer if b.transfer != DEFAULT_TRANSFER
                                                                else z.transfer)
            if not (pts > 0).any() or not (z.transfer_sd or centre != b.transfer):
                continue
            own = sc == k + 1                                      # the bloc's simulated candidates
            mine = np.where(own, share, 0.0)
            S = mine.sum(axis=2, keepdims=True)
            w = np.divide(mine, S, out=np.zeros_like(mine), where=S > 0)
            rest = np.where(self.valid & ~own, share, 0.0)
            R = rest.sum(axis=2, keepdims=True)
            f = np.divide(rest, R, out=np.zeros_like(rest), where=R > 0)
            coefs.append((pts[None, :, None] * (w - f)).astype(np.float32))
            z_b = _t(np.random.default_rng([bank.seed, 4, zlib.crc32(b.name.encode("utf-8"))]), bank.df, (self.draws,))
            tau = np.clip(centre + z.transfer_sd * z_b.astype(np.float64), 0.0, 1.0)
            keep = float(np.mean(z.keep_part(X[k + 1] / 100.0, 0.0)))
            draws.append((keep * (tau - b.transfer)).astype(np.float32))
        if not coefs:
            return None, None
        return np.ascontiguousarray(np.stack(coefs, axis=-1)), np.ascontiguousarray(np.stack(draws))

    def _model_tables(self, m: "ModelParams", share: np.ndarray, fielded: np.ndarray) -> None:
        """The seat model's parts (sizes in fractions of the vote, shares here in points): a
        contender is a bloc (ours, each rival) or a party in none; the strongest independent of
        a seat keeps ``ind_keep`` of its share. Per slot, the share drawn is

            base x M[contender] + A[region, party] + (seat_sd + seat_slope x share) x e  (+ transfer)

        with ``base = X + seat_keep (share - X)`` (X: the contender's statewide share where it
        stands, over the seats of the data set, our bloc standing in every seat by its strongest
        partner: it does not depend on the split, so a move and a full run agree; where fitted,
        plus ``keep_region`` x the lead of the seat's district without the seat, recentred on X),
        ``M`` the statewide swing (proportional form: exp(g), g ~ swing_a + swing_b X (+ swing_reelected
        for a re-elected incumbent, :meth:`_reelected`) + sd(X) z, sd(X) the
        spread by the contender's size (``Sizes.state_spread``), z a t where ``state_df`` is finite; with a
        poll: to the poll's share where the contender stands, ± the poll's error), and ``A``
        the partner's own swing within its bloc and the contender's district swing. Every contender
        here stood in the data set's election, so the model's part for a new contender's uneven seats
        (``new_seat_sd``, the poll form's) has nothing to apply to. The seat noise is times
        ``seat_gap``'s factor for the gap between the two largest contenders' later statewide shares
        (:meth:`_gap_factor`; the poll form's, the eighth round's part: 1 where not fitted)."""
        from .blocs import bloc_index
        from .seat_model import seat_votes_factor
        pj, pb, bank, z = self.pj, self.pj.prepared, self.bank, m.sizes
        V, N, n_p, D = self.V, self.N, self.n_p, self.draws
        used = self._used
        bi = bloc_index(list(pb.parties), n_p, "alliance", pj.rivals)
        nb = bi.n_blocs
        # contender of each party index: the blocs, then each used party in no bloc; -1 independents
        cid = np.full(len(pb.parties), -1, dtype=np.int64)
        names = ["alliance"] + [b.name for b in pj.rivals]
        for p in range(len(pb.parties)):
            k = int(bi.of_party[p])
            if k < nb:
                cid[p] = k
        for p in used:
            if cid[p] < 0 and bi.of_party[p] == bi.unaligned:
                cid[p] = len(names)
                names.append(pb.parties[p])
        C = len(names)
        self.contenders = names
        # each contender's share per seat (points): ours by its strongest partner standing alone,
        # the others as they stand with every partner of ours standing
        w = pb.valid_votes
        # ``share``: the (V, N, K) votes in points and ``fielded`` as _prepare made them (each read
        # of ``o.votes`` or ``o.fielded`` makes the whole array again: 0.15 s for the votes at 4,100
        # seats x 21 partners), read where needed: each partner standing alone, every partner standing
        allv = min(n_p, V - 1)
        pts_all = share[allv]                                                        # (N, K)
        fld_all = fielded[allv] & (pts_all > 0)          # a vote > 0 is a share > 0 (the base is > 0)
        seat_c = np.zeros((N, C))
        stands = np.zeros((N, C), dtype=bool)
        if n_p:
            own = np.arange(n_p)
            seat_c[:, 0] = np.max(share[own, :, own], axis=0)
            stands[:, 0] = True
        col_c = np.where(pb.party >= 0, cid[np.maximum(pb.party, 0)], -1)        # (N, K)
        # the other contenders' strongest candidate per seat, at once for all (a loop over the
        # contenders read every candidate once per contender: 300 contenders at 4,100 seats)
        sel = (col_c >= (1 if n_p else 0)) & fld_all
        at_n, at_k = np.nonzero(sel)
        np.maximum.at(seat_c, (at_n, col_c[at_n, at_k]), pts_all[at_n, at_k])
        stands[at_n, col_c[at_n, at_k]] = True
        ww = stands * w[:, None]
        X = np.divide((seat_c * ww).sum(0), ww.sum(0), out=np.zeros(C), where=ww.sum(0) > 0)   # points
        self.statewide = dict(zip(names, np.round(X, 3).tolist()))
        self.reelected = self._reelected(names, cid)
        if math.isfinite(z.region_df):
            raise ValueError("a district swing with t tails (tried in the sixth round, not kept) is not simulated by the app")
        # the statewide swing per contender and draw
        zc = bank.bloc[:, :C].T.astype(np.float64)                                     # (C, D)
        add_c = np.zeros((C, D))
        mult = None
        if m.poll:
            target = self._poll_targets(m, names, cid, stands, w)                       # points where standing
            g = np.where(np.isnan(target), 0.0, target - X)
            if z.form == "uniform":
                add_c = g[:, None] + 100.0 * m.poll_sd * zc
            else:
                with np.errstate(divide="ignore", invalid="ignore"):
                    lg = np.where((X > 0) & ~np.isnan(target), np.log(np.maximum(target, 1e-9) / np.maximum(X, 1e-9)), 0.0)
                mult = _factor(lg[:, None] + m.poll_sd * 100.0 / np.maximum(X[:, None], 1e-9) * zc, X)
        else:
            g = z.swing_a + z.swing_b * X / 100.0
            if z.swing_reelected and self.reelected is not None:     # a re-elected incumbent's own centre
                g[names.index(self.reelected)] += z.swing_reelected
            sd = z.state_spread(X / 100.0)[:, None]             # by the contender's size (state_pow)
            if math.isfinite(z.state_df):                        # fat tails: a t of unit variance
                zc = zc * _t_scale(bank, z.state_df, zc.shape)
            if (z.coupled or z.wave_p or z.keep_sd or math.isfinite(z.seat_df) or z.swing_inc or z.keep_small
                    or z.swing_bonus or z.swing_reelected_seats or z.seat_margin or z.seat_field or z.winner_shift
                    or (z.state_inc_mult, z.state_reel_mult, z.state_runner_mult) != (1.0, 1.0, 1.0)):
                raise ValueError("coupled or wave swings, a drawn seat_keep, t seat noise, an incumbent's or a seat "
                                 "bonus's centre, a re-elected centre by seats, a spread by the contender's role, "
                                 "seat_keep by state size, a seat noise by the seat's margin or field or the "
                                 "earlier winner's own seats are not simulated by the app")
            if z.form == "uniform":
                add_c = 100.0 * (g[:, None] + sd * zc)
            elif z.form == "proportional":
                mult = _factor(g[:, None] + sd * zc, X)
            else:
                raise ValueError(f"the seat model's form {z.form!r} is not simulated by the app")
        # A: per (region, party column) the partner's own swing and the contender's district swing
        R = int(self.region.max()) + 1 if N else 1
        col_party = np.full(self.n_sp, -1, dtype=np.int64)
        col_party[:len(used)] = used
        col_c = np.where(col_party >= 0, cid[np.maximum(col_party, 0)], -1)          # (P',)
        if bank.lazy:
            on = col_c >= 0
            self._lazy_swings(np.where(on[:, None], 100.0 * z.partner_sd * bank.state.T, 0.0),
                              np.where(on, col_c, self.n_sp - 1), 100.0 * z.region_sd)
            rows = None
        else:
            rows = self._gathered_rows()
        key = (z.partner_sd, z.region_sd, R, tuple(col_c.tolist()), bank.dtype, id(bank), rows.tobytes() if rows is not None else b"")
        hit = bank.__dict__.get("_model_swings")
        if rows is None:
            pass
        elif hit is not None and hit[0] == key:      # an assumption change: the same table, drawn once
            self.add_draws = hit[1]
        else:
            # one row per (region, party column) a slot of some seat reads
            r, j = rows // self.n_sp, rows % self.n_sp
            on = col_c[j] >= 0
            # half the size where the bank is (a large data set), widened per gather; made a block
            # of rows at a time, never whole at full precision
            A = np.zeros((len(rows), D), dtype=bank.dtype)
            on_rows = np.flatnonzero(on)
            state_t = np.ascontiguousarray(bank.state.T)        # (P', D): a party's draws in a row
            for b0 in range(0, len(on_rows), 256):
                ii = on_rows[b0:b0 + 256]
                zp = state_t[j[ii]].astype(np.float32)                                  # (rows, D)
                zr = bank.region_columns(r[ii], col_c[j[ii]])                           # the bank's precision
                A[ii] = (100.0 * z.partner_sd * zp + 100.0 * z.region_sd * zr).astype(np.float32)
            self.add_draws = A
            bank.__dict__["_model_swings"] = (key, self.add_draws)
        # per slot: its contender; where a bloc has two candidates in a seat (a friendly fight) they
        # share the bloc's faded share in proportion to their votes
        sc = np.where(self.party >= 0, cid[np.maximum(self.party, 0)], -1)            # (V, N, TOP)
        sc = np.where(self.valid, sc, -1)
        same = (sc[..., :, None] == sc[..., None, :]) & (sc[..., :, None] >= 0)      # (V, N, TOP, TOP)
        S = (same * self.share[..., None, :]).sum(axis=-1)                            # the bloc's share in the seat
        frac = np.divide(self.share, S, out=np.ones_like(self.share), where=S > 0)
        is_ind = np.asarray(pb.parties, dtype=object)[np.maximum(self.party, 0)] == IND
        Xs = np.where(sc >= 0, X[np.maximum(sc, 0)], 0.0)
        # the lead kept (by the contender's size and the lead's own size where fitted), recentred as
        # in the model (seat_model._base) so the contender's statewide share stays X
        kept = z.keep_part(Xs / 100.0, (S - Xs) / 100.0) * (S - Xs)
        rl = np.zeros((N, C))
        if z.keep_region:       # and the part kept of the lead of the seat's district (its other seats)
            from .seat_model import region_lead
            rl = z.keep_region * region_lead(self.ds.seats.district_index, seat_c, w, stands, X)
            kept = kept + np.where(sc >= 0, rl[np.arange(N)[None, :, None], np.maximum(sc, 0)], 0.0)
        if z.keep_lead or z.keep_region:
            kc = 100.0 * z.kept(X[None, :] / 100.0, (seat_c - X[None, :]) / 100.0) + rl
            mean_c = np.divide((kc * ww).sum(0), ww.sum(0), out=np.zeros(C), where=ww.sum(0) > 0)
            kept = kept - np.where(sc >= 0, mean_c[np.maximum(sc, 0)], 0.0)
        base = np.where(sc >= 0, frac * (Xs + kept), self.share)
        base = np.where(is_ind, z.ind_keep * self.share, base)
        self.base = base.astype(np.float32)
        nsd = 100.0 * z.seat_sd + z.seat_slope * np.clip(self.share, 0, 100)
        nsd = nsd * seat_votes_factor(z, np.asarray(w, dtype=np.float64))[None, :, None]   # small seats: more
        self.gap_factor = self._gap_factor(z, m, X, g, stands, w, names, cid)
        nsd = nsd * self.gap_factor        # a lopsided state's seats: more (the poll form's, eighth round)
        self.nsd = np.where(is_ind, 100.0 * z.ind_sd, nsd).astype(np.float32)
        if mult is not None:
            self.c_mult, rest = True, np.ones((1, D))
            cd = np.vstack([mult, rest])
        else:
            self.c_mult = False
            cd = np.vstack([add_c, np.zeros((1, D))])
        self.c_draws = np.ascontiguousarray(cd.astype(np.float32))
        self.crow = np.where((sc >= 0) & ~is_ind, sc, C)
        # the transfer: drawn around the fitted rate (or the user's), as a change from the rate the
        # projection used
        rates = [pj.assumptions.transfer_rate(a, b) for a in pb.partner_codes for b in pb.partner_codes if a != b]
        used_rate = float(np.mean(rates)) if rates else 0.0
        centre = m.transfer if m.transfer is not None else (used_rate if pj.assumptions.transfer_items else z.transfer)
        self.transfer_centre = centre
        if rates and (z.transfer_sd or centre != used_rate):
            tau = np.clip(centre + z.transfer_sd * bank.transfer.astype(np.float64), 0.0, 1.0)
            # the transfer enters the seat's share before its lead fades (seat_keep), as in the model
            # (the part of our bloc's lead kept at its statewide share)
            self.tdraw = (float(z.keep_part(X[0] / 100.0, 0.0)) * (tau - used_rate)).astype(np.float32)
        else:
            self.tdraw = None
        self.rtcoef, self.rtdraw = self._rival_transfer_tables(m, X, sc)      # inside the rival blocs

    def _gap_factor(self, z, m: "ModelParams", X: np.ndarray, g: np.ndarray, stands: np.ndarray, w: np.ndarray,
                    names, cid) -> float:
        """The seat noise's factor for the later gap between the two largest contenders' statewide
        shares (``seat_model.later_gap``, ``gap_factor``; 1 where ``seat_gap`` is 0): with a poll
        its shares (a contender it does not name keeps its own), else the centre's: each
        contender's share where it stands (points, ``X`` moved by the centre ``g``) times the part
        of the vote cast where it stands."""
        from .seat_model import gap_factor
        if z.gap_local:
            raise ValueError("the district and partner swings by the poll's gap (tried in the eighth round, not kept) "
                             "are not simulated by the app")
        if not z.seat_gap or len(X) < 2:
            return 1.0
        where = (stands * w[:, None]).sum(0) / (float(w.sum()) or 1.0)
        if m.poll:
            target = self._poll_targets(m, names, cid, stands, w)
            later = np.where(np.isnan(target), X, target)
        elif z.form == "uniform":
            later = X + 100.0 * g
        else:
            later = X * np.exp(g)
        v = np.sort(later * where)[::-1]
        return gap_factor(z, float(v[0] - v[1]) / 100.0)

    def _reelected(self, names: list[str], cid: np.ndarray) -> str | None:
        """The contender re-elected (``seat_model.reelected``): the one that won the most seats in
        the baseline and in the data set's Vidhan Sabha election before it too, a seat's winner
        counted for the contender its party is in (our bloc, a rival bloc, a party in none; an
        independent or a party that is no contender here for none). None where they differ, where
        the baseline is not a Vidhan Sabha result or the data set has no earlier one (the model
        then has no re-elected term, as in the corpus's first transition of a state)."""
        from .dataset import VIDHAN_SABHA
        b = self.pj.prepared.baseline
        if b.kind != VIDHAN_SABHA or not b.year:
            return None
        before = [e for e in self.ds.baselines.values() if e.kind == VIDHAN_SABHA and e.year and e.year < b.year]
        if not before:
            return None
        code = {p: i for i, p in enumerate(self.pj.prepared.parties)}

        def largest(bl) -> int:
            k = [int(cid[code[p]]) for p in _seat_winners(bl) if p in code and cid[code[p]] >= 0]
            won = np.bincount(k, minlength=len(names)) if k else np.zeros(len(names), dtype=int)
            return int(np.argmax(won)) if won.max() > 0 else -1
        now = largest(b)
        return names[now] if now >= 0 and now == largest(max(before, key=lambda e: e.year)) else None

    def _poll_targets(self, m: "ModelParams", names, cid, stands, w) -> np.ndarray:
        """Each contender's poll share where it stands (points), NaN where the poll does not name
        it. A partner the poll does not name keeps its statewide share in the bloc's."""
        pb = self.pj.prepared
        swung = self.pj._swung
        tot = float(w.sum()) or 1.0
        share_of = {}
        for p, name in enumerate(pb.parties):
            share_of[name] = float(swung[pb.party == p].sum()) / tot * 100.0 if name in pb.party_index else 0.0
        poll = {p: v * 100.0 for p, v in m.poll}
        C = len(names)
        target = np.full(C, np.nan)
        for c in range(C):
            members = [pb.parties[p] for p in np.flatnonzero(cid == c)]
            named = [q for q in members if q in poll]
            if names[c] in poll:
                target[c] = poll[names[c]]
            elif named:
                target[c] = sum(poll[q] for q in named) + sum(share_of.get(q, 0.0) for q in members if q not in poll)
        where = (stands * w[:, None]).sum(0) / tot
        return np.where(where > 0, target / np.where(where > 0, where, 1.0), np.nan)

    # -- the core draw for some seats in one variant each --------------------------------------------
    def _winners_for(self, seats, variants: np.ndarray) -> np.ndarray:
        """(D, len(seats)) winning party index, each seat in its variant (``seats``: an index
        array)."""
        return np.take_along_axis(self.win_party[variants, seats], self._win_slots(seats, variants), axis=1).T

    def wide_regions(self) -> np.ndarray | None:
        """A bank that keeps no region part: its region rows widened to float32 and scaled by
        ``r_scale``, for a run of many seats (widening half precision costs 15x an addition, and
        every row is read by many seats and variants; 78 MB at 4,100 seats x 21 partners, let go
        after the run). The same numbers as each seat's rows widened apart. None otherwise."""
        table = getattr(self.bank, "region_table", None) if self.add_draws is None else None
        if table is None or self.N * TOP < len(table):     # fewer reads than rows: widened as read
            return None
        return np.multiply(table, self.r_scale, dtype=np.float32)

    def _win_slots(self, seats, variants: np.ndarray, wide: np.ndarray | None = None) -> np.ndarray:
        """(len(seats), D) uint8: each draw's winning slot, each seat in its variant (``seats``: an
        index array, or a slice for a run of seats; TOP: the seat's unopposed winner). Worked out
        seat by row, (S, D): every gather reads contiguous draws; ``wide``: ``wide_regions()``.
        Each slot's share is summed in the same order whatever the path, and the first slot with
        the largest share wins (ties to the earlier slot), found without masked copies (a masked
        copy of random draws costs 50x an addition)."""
        b = self.bank
        base = self.base[variants, seats]           # (S, TOP)
        ok = self.valid[variants, seats]
        arow = self.arow[variants, seats] if self.add_draws is not None else None
        prow = self.prow[variants, seats] if arow is None else None
        rrow = self.rrow[variants, seats] if arow is None else None
        crow = self.crow[variants, seats] if self.crow is not None else None
        nsd = self.nsd[variants, seats] if self.nsd is not None else None
        tc = self.tcoef[variants, seats] if self.tdraw is not None else None
        rtc = self.rtcoef[variants, seats] if self.rtdraw is not None else None
        S, D = base.shape[0], self.draws
        x, tmp, best = _work(3, S, D)
        win = np.zeros((S, D), dtype=np.uint8)
        hit = np.empty((S, D), dtype=bool)
        rows = seats         # a run of seats reads the bank's rows in place
        if isinstance(seats, np.ndarray) and S and int(seats[-1]) - int(seats[0]) + 1 == S and \
                (S == 1 or bool((np.diff(seats) == 1).all())):
            rows = slice(int(seats[0]), int(seats[-1]) + 1)
        noise = b.seat_noise(rows) if nsd is not None else None        # (TOP, S, D)
        for k in range(TOP):
            if arow is not None:
                if self.add_draws.dtype == np.float32:
                    np.take(self.add_draws, arow[:, k], axis=0, out=x, mode="clip")
                else:
                    np.copyto(x, np.take(self.add_draws, arow[:, k], axis=0))
            else:     # a bank that keeps no region part: the party's swing, its region's
                np.take(self.p_draws, prow[:, k], axis=0, out=x, mode="clip")
                if wide is not None:
                    np.take(wide, rrow[:, k], axis=0, out=tmp, mode="clip")
                else:      # half precision widened through its table of every value (2x a cast)
                    np.take(_half_table(), np.take(b.region_table, rrow[:, k], axis=0).view(np.uint16).astype(np.intp),
                            out=tmp, mode="clip")     # the indices widened first: a uint16 gather casts inside
                    tmp *= self.r_scale
                x += tmp
            if crow is not None:       # the contender's statewide swing: a factor, or points
                np.take(self.c_draws, crow[:, k], axis=0, out=tmp, mode="clip")
                if self.c_mult:
                    tmp *= base[:, k, None]
                else:
                    tmp += base[:, k, None]
                x += tmp
            else:
                x += base[:, k, None]
            if nsd is not None:        # half-precision noise widened inside the product, not apart
                np.multiply(noise[k], nsd[:, k, None], out=tmp, dtype=np.float32)
                x += tmp
            if tc is not None:
                np.multiply(self.tdraw[None, :], tc[:, k, None], out=tmp)
                x += tmp
            if rtc is not None:        # inside the rival blocs: one draw per bloc
                np.matmul(rtc[:, k, :], self.rtdraw, out=tmp)
                x += tmp
            tmp.fill(0.0)
            np.maximum(x, tmp, out=x)       # a share never goes below 0; renormalising keeps the order
            if not ok[:, k].all():
                x[~ok[:, k], :] = -np.inf
            if k == 0:
                x, best = best, x
            else:
                np.greater(x, best, out=hit)
                np.maximum(best, x, out=best)
                if k == 1:
                    np.copyto(win, hit)
                else:      # win = k where hit, else win: win + hit x (k - win), in whole bytes
                    w8 = tmp.view(np.uint8)[:, :D]
                    np.subtract(np.uint8(k), win, out=w8)
                    w8 *= hit
                    win += w8
        un = self.unopposed[seats]
        if un.any():
            win[un, :] = TOP
        return win

    def _counted_slots(self, seats: np.ndarray, variants: np.ndarray, wide: np.ndarray | None = None):
        """``_win_slots`` of some seats (an index array) and each seat's wins per slot, (S, D) and
        (S, TOP + 1): a small data set's (variant, seat) pairs worked out before are read from the
        simulator's memo, the others worked out (together) and kept."""
        memo = self._memo
        if memo is None:
            win = self._win_slots(seats, variants, wide)
            return win, _slot_counts(win)
        keys = list(zip(variants.tolist(), seats.tolist()))
        got = [memo.get(k) for k in keys]
        todo = [j for j, g in enumerate(got) if g is None]
        if todo:
            at = np.array(todo, dtype=np.int64)
            fresh = self._win_slots(seats[at], variants[at], wide)
            counts = _slot_counts(fresh)
            room = max(1, MEMO_BYTES // max(self.draws, 1))          # rows kept a simulator
            for r, j in enumerate(todo):
                row, c = fresh[r].copy(), counts[r].copy()      # rows of their own: let go one by one
                row.flags.writeable = c.flags.writeable = False
                got[j] = memo[keys[j]] = (row, c)
            while len(memo) > room:
                memo.pop(next(iter(memo)), None)
        if len(got) == 1:
            return got[0][0][None, :], got[0][1][None, :]
        return np.stack([g[0] for g in got]), np.stack([g[1] for g in got])

    def _variants(self, pools: np.ndarray, fights: np.ndarray | None = None) -> np.ndarray:
        var = self.pj.variants(pools, fights)
        if len(self.pj.variant_masks) != self.n_variants_prepared:
            self._prepare(self.bank)
        return var

    def run(self, pools: np.ndarray, majority: int, fights: np.ndarray | None = None, chunk: int = CHUNK) -> Summary:
        var = self._variants(pools, fights)
        N, D = self.N, self.draws
        rows = np.arange(N)
        # each draw's winner as its slot in the seat (one byte; the party is the slot's in the
        # seat's variant), each seat's wins per slot, the seats per draw of each party that can win
        # (its column, one (D,) array a column) and of the alliance, counted seat by seat as each
        # chunk is drawn: a seat adds one to its winner's column in every draw, so only the slots
        # that win somewhere are read (1 or 2 a seat), never every draw x party cell
        W = np.zeros((-(-N // TILE_SEATS), D, TILE), dtype=np.uint8)
        counts = np.empty((N, TOP + 1), dtype=np.int32)
        C = len(self.cols)
        table = np.zeros((C, D), dtype=np.int16 if N < 2**15 else np.int32)
        col = self.win_col[var, rows]                                            # (N, slots)
        bits = self._ally_bits(self.win_ally[var, rows])
        wide = self.wide_regions()
        # a small data set (its seats' draws kept in the memo: N x D cells at most MEMO_CELLS) is
        # written and counted in one pass over every seat, not a chunk at a time: the draws are
        # the memo's rows, no scratch to keep in the cache, and a pass costs its calls, not its cells
        whole = np.empty((N, D), dtype=np.uint8) if self._memo is not None else None
        for s in range(0, N, chunk):
            sl = slice(s, min(s + chunk, N))
            win, counts[sl] = self._counted_slots(np.arange(sl.start, sl.stop), var[sl], wide)   # (S, D)
            if whole is not None:
                whole[sl] = win
                continue
            _put_tiles(W, sl.start, win)
            self._add_columns(table, win, counts[sl], col[sl], +1)
        if whole is not None:
            _put_tiles(W, 0, whole)
            self._add_columns(table, whole, counts, col, +1)
            del whole
        del wide
        self._winners, self._variant = W, var
        self._counts = counts
        # the alliance's seats per draw: its partners' columns summed (a seat's winner is in one
        # column, a partner's or not), not every seat's draws read again
        self._seats_d = table[self.cols < self.n_p].sum(axis=0, dtype=np.int64)
        self._col_tot = np.bincount(col.ravel(), weights=counts.ravel(), minlength=C).astype(np.int64)
        # a column of a party that wins no draw is one shared zero row (copied before a move adds to
        # it, as every column is), not a row of the whole table kept: 2 of 10 MB at 4,100 seats
        zero = np.zeros(D, dtype=table.dtype)
        self._col_seats = [table[c].copy() if self._col_tot[c] else zero for c in range(C)]
        del table
        self._ally = self.win_ally[var, rows]
        self._bits = bits
        self._party, self._count = self._merged(self.win_party[var, rows], counts)
        self._p_all = np.where(self._ally, self._count, 0).sum(axis=1) / D
        return self._summary(majority)

    def winning_slots(self) -> np.ndarray | None:
        """(D, N) each draw's winning slot of the split last run or moved to (made when asked)."""
        W = self._winners
        if W is None:
            return None
        return _unpack_slots(W, self.N)

    @staticmethod
    def _ally_bits(ally: np.ndarray) -> np.ndarray:
        """(N,) uint8: bit j set where slot j's party is a partner (a draw's winning slot w is
        the alliance's when ``(bits >> w) & 1``)."""
        return (ally.astype(np.uint8) << np.arange(ally.shape[1], dtype=np.uint8)).sum(axis=1, dtype=np.uint8)

    @staticmethod
    def _add_columns(cols: list | np.ndarray, win: np.ndarray, counts: np.ndarray, col: np.ndarray, sign: int) -> None:
        """Adds (or takes away) each seat's winner to its column's seats in every draw: ``win``
        (S, D) the seats' winning slots, ``counts`` (S, slots) their wins, ``col`` (S, slots) each
        slot's column. A slot that wins every draw adds a constant; one that never wins, nothing."""
        D = win.shape[1]
        ii, jj = np.nonzero(counts)
        cc = col[ii, jj]
        full = counts[ii, jj] == D
        for c, k in zip(*np.unique(cc[full], return_counts=True)):     # a constant per column
            cols[int(c)] += sign * int(k)
        part = ~full
        if not part.any():
            return
        # the slots that win some draws, a column at a time: its seats' hits summed in one pass
        # (integers: the same counts as one seat after another)
        # (the slots compared as bytes, as the draws are: an int64 slot made every draw int64 first,
        # 8x the work; up to 255 seats a column summed in bytes, as many as a byte holds)
        order = np.argsort(cc[part], kind="stable")
        pi, pj, pc = ii[part][order], jj[part][order].astype(np.uint8), cc[part][order]
        starts = np.flatnonzero(np.r_[True, pc[1:] != pc[:-1]]).tolist()
        for a, b in zip(starts, starts[1:] + [len(pc)]):
            c = int(pc[a])
            if b - a == 1:
                hit = win[pi[a]] == pj[a]
            else:
                hit = win[pi[a:b]] == pj[a:b, None]
                hit = np.add.reduce(hit.view(np.uint8), axis=0, dtype=np.uint8) if b - a < 256 else \
                    hit.sum(axis=0, dtype=cols[c].dtype)
            if sign > 0:
                cols[c] += hit
            else:
                cols[c] -= hit

    @staticmethod
    def _merged(party: np.ndarray, count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each seat's winners: the parties of its slots, a party in two slots (two independents)
        counted once with both slots' wins (in its first slot)."""
        party = party.copy()
        count = count.copy()
        for a in range(TOP + 1):
            for b in range(a + 1, TOP + 1):
                same = (party[:, b] == party[:, a]) & (count[:, b] > 0)
                count[same, a] += count[same, b]
                count[same, b] = 0
        return party, count

    def move_cost(self, pools: np.ndarray, fights: np.ndarray | None = None) -> int:
        """The seat-draws ``move`` to this split would draw: the seats whose variant changed times
        the draws, or every seat's when ``move`` would run afresh (none run yet, or more than a
        quarter of the seats changed) or first prepare the simulator again for a friendly fight it
        has not met (``_prepare``: every seat's contenders and tables, 1.2 s at 4,100 seats x 21
        partners, as much as a run of every seat). Reads only: ``move`` does the preparing."""
        var = self.pj.variants(pools, fights)
        if self._winners is None or self._col_seats is None or self._variant is None \
                or len(var) != len(self._variant) or len(self.pj.variant_masks) != self.n_variants_prepared:
            return self.N * self.draws
        changed = int((var != self._variant).sum())
        return (self.N if 4 * changed > self.N else changed) * self.draws

    def move(self, pools: np.ndarray, majority: int, fights: np.ndarray | None = None) -> Summary:
        """After some seats changed pool: only their draws are recomputed, and every figure kept
        is updated by their difference (the seats per draw of the columns they win in, their
        rows of the per-seat figures): a move costs the seats moved, not the seats there are."""
        var = self._variants(pools, fights)
        if self._winners is None or self._col_seats is None:
            return self.run(pools, majority, fights)
        changed = np.flatnonzero(var != self._variant)
        if 4 * len(changed) > self.N:         # most seats: the same figures counted afresh
            return self.run(pools, majority, fights)
        if len(changed):
            n, D = len(changed), self.draws
            tb = _tile_bytes(self._winners, changed)
            old_slot = _slots_of(tb[0], tb[2])                                   # (n, D)
            new_slot = np.empty((n, D), dtype=np.uint8)
            new_counts = np.empty((n, TOP + 1), dtype=np.int32)
            for a in range(0, n, CHUNK):                                           # (n, D)
                new_slot[a:a + CHUNK], new_counts[a:a + CHUNK] = self._counted_slots(
                    changed[a:a + CHUNK], var[changed[a:a + CHUNK]])
            old_v, new_v = self._variant[changed], var[changed]
            old_counts = self._counts[changed]
            # the columns changed are copied first: the summaries handed out keep theirs
            old_col, new_col = self.win_col[old_v, changed], self.win_col[new_v, changed]
            cols = self._col_seats
            for c in set(old_col[old_counts > 0].tolist()) | set(new_col[new_counts > 0].tolist()):
                cols[c] = cols[c].copy()
            self._add_columns(cols, old_slot, old_counts, old_col, -1)
            self._add_columns(cols, new_slot, new_counts, new_col, +1)
            np.subtract.at(self._col_tot, old_col.ravel(), old_counts.ravel())
            np.add.at(self._col_tot, new_col.ravel(), new_counts.ravel())
            old_bits, new_bits = self._bits[changed], self._ally_bits(self.win_ally[new_v, changed])
            self._seats_d = self._seats_d + ((np.right_shift(new_bits[:, None], new_slot) & 1).sum(axis=0, dtype=np.int64) -
                                             (np.right_shift(old_bits[:, None], old_slot) & 1).sum(axis=0, dtype=np.int64))
            _set_slots(self._winners, changed, new_slot, tb)
            self._counts[changed] = new_counts
            self._variant = var
            # the per-seat rows handed out: copies with the moved seats' rows replaced
            self._bits[changed] = new_bits
            self._ally[changed] = self.win_ally[new_v, changed]
            party, count = self._merged(self.win_party[new_v, changed], new_counts)
            self._party, self._count = self._party.copy(), self._count.copy()
            self._party[changed], self._count[changed] = party, count
            self._p_all = self._p_all.copy()
            self._p_all[changed] = np.where(self._ally[changed], count, 0).sum(axis=1) / D
        return self._summary(majority)

    def _summary(self, majority: int) -> Summary:
        """The figures of the split last run or moved to, from what run and move keep: the
        per-seat rows and the seats per draw are handed out as they are (a move replaces them, and
        copies a column before changing it), the tipping seats worked out over the draws at the
        majority or one short only."""
        W, D, N = self._winners, self.draws, self.N
        seats_d = self._seats_d
        near = np.flatnonzero((seats_d == majority) | (seats_d == majority - 1))
        tipping = np.zeros(N)
        if len(near):
            at_near = _unpack_slots(W[:, near, :], N)                                      # (near, N)
            won = np.right_shift(self._bits[None, :], at_near) & 1
            at = seats_d[near]
            short = at == majority - 1
            ta = won[at == majority].sum(axis=0, dtype=np.int64)
            tipping = (ta + (int(short.sum()) - won[short].sum(axis=0, dtype=np.int64))) / D
        # the columns that win some draw by party: the columns' stable order by party made once, then
        # those with a win kept in it (the same order as sorting the kept ones: ties by column)
        order = self.__dict__.get("_col_order")
        if order is None or len(order) != len(self.cols):
            order = self.__dict__["_col_order"] = np.argsort(self.cols, kind="stable")
        keep = order[self._col_tot[order] > 0]
        cols = self._col_seats
        return Summary(D, self.parties, self._party, self._count, self._p_all, seats_d, self.cols[keep],
                       tuple(map(cols.__getitem__, keep.tolist())), majority, tipping)

    @property
    def cushion(self) -> "Cushion":
        """The cushion (a uniform swing to the main rival) of this simulator's projector, made once
        per projector (kept with it: another simulator of the same projector — other draws or
        level — reuses its tables): ``sim.cushion(pools, majority)`` gives its figures."""
        c = self.pj.__dict__.get("_cushion")
        if c is None:
            c = self.pj.__dict__["_cushion"] = Cushion(self.pj)
        return c

    def prepare_cushion(self, pools: np.ndarray, majority: int) -> None:
        """Work out the cushion's table for the split's main rival now (each seat at every swing:
        2 s at 4,100 seats x 21 partners), where the simulation runs, so that the window only
        reads it when the simulation lands; a move that changes the main rival works out another."""
        c = self.cushion
        c.won_table(c.rival(np.asarray(pools), majority))

    def first_draws(self, d: int) -> "Simulator":
        """This simulator on its first ``d`` draws only (every draw is worked out on its own, so
        draw i is the same here as there), at no cost: what the optimiser takes when its table
        must be counted on fewer draws to answer in time, instead of making another simulator."""
        import copy
        if not 0 < d <= self.draws:
            raise ValueError(f"first_draws: {d} of {self.draws} draws")
        out = copy.copy(self)
        out.draws = d
        out.bank = _FirstDraws(self.bank, d)
        for name in ("add_draws", "p_draws", "c_draws"):
            a = getattr(self, name, None)
            if a is not None:      # contiguous: a gather of rows from a strided view is 20x slower
                setattr(out, name, np.ascontiguousarray(a[:, :d]))
        if self.tdraw is not None:
            out.tdraw = self.tdraw[:d]
        if self.rtdraw is not None:
            out.rtdraw = np.ascontiguousarray(self.rtdraw[:, :d])
        out._winners = out._variant = out._col_seats = None
        out._memo = {} if out.N * out.draws <= MEMO_CELLS else None    # other draws: a memo of its own
        return out

    def variant_probabilities(self, chunk: int = CHUNK) -> np.ndarray:
        """(V, N): P(the alliance wins seat i) with the seat in each pool variant."""
        out = np.empty((self.V, self.N))
        wide = self.wide_regions()
        for v in range(self.V):
            for s in range(0, self.N, chunk):
                idx = np.arange(s, min(s + chunk, self.N))
                out[v, idx] = self._ally_wins(idx, np.full(len(idx), v), wide).mean(axis=1)
        return out

    def variant_draws(self, variants: np.ndarray, out: np.ndarray | None = None,
                      wide: np.ndarray | None = None) -> np.ndarray:
        """(D, N) bool: the alliance wins seat i in draw d with each seat in its variant. With
        ``out`` (N, D) bool, written there seat by row (what the optimiser's table holds) and
        returned, with no (D, N) array and no transpose between. ``wide``: ``wide_regions()``, when
        the caller keeps it for several variants (made here otherwise)."""
        # as many cells a chunk as 16 seats of 10,000 draws: with fewer draws, more seats a chunk
        # (the same draws; fewer steps of the loop)
        chunk = max(CHUNK, CHUNK * DEFAULT_DRAWS // max(self.draws, 1))
        if wide is None:
            wide = self.wide_regions()
        if out is not None:
            for s in range(0, self.N, chunk):
                idx = np.arange(s, min(s + chunk, self.N))
                out[s:s + len(idx)] = self._ally_wins(idx, variants[idx], wide)
            return out
        W = np.empty((self.draws, self.N), dtype=bool)
        for s in range(0, self.N, chunk):
            idx = np.arange(s, min(s + chunk, self.N))
            W[:, idx] = self._ally_wins(idx, variants[idx], wide).T
        return W

    def _ally_wins(self, seats: np.ndarray, variants: np.ndarray, wide: np.ndarray | None = None) -> np.ndarray:
        """(S, D) bool: a partner wins each seat in each draw, each seat in its variant."""
        bits = self._ally_bits(self.win_ally[variants, seats])
        won = np.right_shift(bits[:, None], self._win_slots(seats, variants, wide))
        won &= 1
        return won.view(bool)


# --- the cushion: a uniform swing from the alliance to its main rival ----------------------------------
def cushion(projector, pools: np.ndarray, majority: int, lo: float = -10.0, hi: float = 10.0,
            step: float = 0.5) -> dict:
    """Alliance seats as a function of a uniform swing (points of the valid vote) from its main
    rival to the alliance (negative: from the alliance to the rival), and the swings at which
    the majority is lost or won. In a seat where partners split the vote, the swing is shared
    by them in proportion to their votes."""
    return Cushion(projector, lo, hi, step)(pools, majority)


class Cushion:
    """``cushion()`` for one projector. Each seat's result at every swing is worked out once
    per pool variant (each partner alone, the partners split) and main rival; a split then
    costs a lookup and a sum, so the window can follow every move."""

    def __init__(self, projector, lo: float = -10.0, hi: float = 10.0, step: float = 0.5):
        self.pj = projector
        self.swings = np.round(np.arange(lo, hi + step / 2, step), 3)
        self._won: dict[int, np.ndarray] = {}     # rival -> (V, N, S) bool

    def rival(self, pools: np.ndarray, majority: int) -> int:
        """The main rival: the non-partner party with most projected seats, else most votes."""
        pb = self.pj.prepared
        counts = self.pj.project(pools, majority).seat_counts.copy()
        counts[:self.pj.pools.n_partners] = -1
        counts[[pb.nota_index, pb.tie_index]] = -1
        return int(np.argmax(counts))

    def won_table(self, rival: int) -> np.ndarray:
        if rival not in self._won:
            pb, o = self.pj.prepared, self.pj.outcomes
            n_p = self.pj.pools.n_partners
            N = pb.votes.shape[0]
            rows = np.arange(N)
            out = np.empty((n_p + 1, N, len(self.swings)), dtype=bool)
            votes, fld = o.votes, o.fielded    # made whole once (each read makes them again: 10 ms at 4,100 seats)
            for v in range(n_p + 1):
                W = votes[v, rows]                        # (N, K) votes
                fielded = fld[v, rows]
                F = fielded & pb.present & (W > 0) | (fielded & (np.arange(W.shape[1]) < n_p))
                share = W / pb._pct_base[:, None] * 100.0
                ally = (np.arange(W.shape[1]) < n_p)[None, :] & F
                asum = np.where(ally, share, 0.0).sum(axis=1, keepdims=True)
                afrac = np.where(ally, np.divide(share, asum, out=np.full_like(share, 1.0 / max(n_p, 1)),
                                                 where=asum > 0), 0.0)
                is_rival = (pb.party == rival) & F
                self._won_at_swings(out[v], share, afrac, is_rival.astype(float), F, n_p)
                out[v, pb.unopposed, :] = (pb.unopposed_party < n_p)[pb.unopposed, None]
            self._won[rival] = out
        return self._won[rival]

    def _won_at_swings(self, out: np.ndarray, share: np.ndarray, afrac: np.ndarray, is_rival: np.ndarray,
                       F: np.ndarray, n_p: int) -> None:
        """out (N, S): does a partner lead each seat at each swing. A candidate moves by at most
        R points (the widest swing), so one more than 2R points behind the seat's leader never
        leads: each seat weighs only the others, in their order (the same first among equals),
        where the leader keeps more than R points (its share never clipped to 0); the rest of
        the seats (none in real results) weigh every candidate. 4,100 seats: 94 candidates a
        seat, about 5 weighed."""
        R = float(np.abs(self.swings).max()) if len(self.swings) else 0.0
        lead = np.where(F, share, -np.inf).max(axis=1)
        near = F & (share + R >= lead[:, None] - R)
        fast = lead - R > 0                  # (a seat with no candidate is weighed whole, as before)
        rows = np.flatnonzero(fast)
        width = int(near[rows].sum(axis=1).max()) if len(rows) else 0
        if len(rows):
            # each fast seat's weighed columns, in their order, padded with a column never weighed
            order = np.argsort(~near[rows], axis=1, kind="stable")[:, :width]
            col_ok = np.take_along_axis(near[rows], order, axis=1)
            sh, af, rv = (np.take_along_axis(a[rows], order, axis=1) for a in (share, afrac, is_rival))
            for j, sw in enumerate(self.swings):
                x = sh + sw * af - sw * rv
                x = np.where(col_ok, np.maximum(x, 0.0), -np.inf)
                k = np.take_along_axis(order, np.argmax(x, axis=1)[:, None], axis=1)[:, 0]
                out[rows, j] = k < n_p
        slow = np.flatnonzero(~fast)
        for j, sw in enumerate(self.swings):
            if not len(slow):
                break
            x = share[slow] + sw * afrac[slow] - sw * is_rival[slow]
            x = np.where(F[slow], np.maximum(x, 0.0), -np.inf)
            out[slow, j] = np.argmax(x, axis=1) < n_p

    def __call__(self, pools: np.ndarray, majority: int) -> dict:
        n_p = self.pj.pools.n_partners
        var = np.minimum(pools.astype(np.int64), n_p)
        rival = self.rival(pools, majority)
        won = self.won_table(rival)
        last = self.__dict__.get("_last")        # (rival, variants, seats at each swing) of the last call
        ch = np.flatnonzero(var != last[1]) if last is not None and last[0] == rival and len(last[1]) == len(var) else None
        if ch is not None and 4 * len(ch) <= len(var):      # a move: the seats moved only
            seats = last[2] + won[var[ch], ch].sum(axis=0) - won[last[1][ch], ch].sum(axis=0)
        else:
            seats = won[var, np.arange(len(var))].sum(axis=0)
        self.__dict__["_last"] = (rival, var, seats)
        curve = [[float(s), int(n)] for s, n in zip(self.swings, seats)]
        at0 = dict((s, n) for s, n in curve)[0.0]
        lost_at = won_at = None
        if at0 >= majority:
            neg = [s for s, n in curve if s < 0 and n < majority]
            lost_at = max(neg) if neg else None
        else:
            pos = [s for s, n in curve if s > 0 and n >= majority]
            won_at = min(pos) if pos else None
        return {"rival": self.pj.prepared.parties[rival], "majority_lost_at": lost_at, "majority_won_at": won_at,
                "curve": curve}


# --- a report of one scenario's uncertainty ---------------------------------------------------------
def party_intervals(summ: Summary) -> dict[str, dict[str, int]]:
    """Each party that wins a seat in some draw, most seats first: the median and 80 % interval
    of its seats (the CLI's and the exports' ``seats`` block)."""
    by_party = {}
    cols = summ.col_seats               # only the parties that win a seat in some draw
    for c in np.argsort(-np.array([x.mean() for x in cols]), kind="stable"):
        name = summ.parties[int(summ.seat_cols[c])]
        if name in (NOTA, "TIE") or cols[c].max() == 0:
            continue
        m, a, b = summ.interval(cols[c])
        by_party[name] = {"median": m, "p10": a, "p90": b}
    return by_party


def model_notes(params) -> dict | None:
    """What the dock, the brief and the JSON say of the model drawn with (the fitted seat model:
    what it was fitted on, its measured out-of-sample coverage, and without a poll how wide the
    range is); None for the Haryana-fitted form."""
    if not isinstance(params, ModelParams):
        return None
    from .seat_model import coverage_sentence, fitted_on, poll_sentence, width_sentence
    doc = _shipped_doc()
    out = {"fitted_on": fitted_on(doc), "coverage": coverage_sentence(doc), "poll": bool(params.poll),
           "median_width80": doc["backtest"]["median_width80"]}
    out["note"] = poll_sentence(doc) if params.poll else width_sentence(doc)
    err = round(params.poll_sd * 100 / LEVELS.get(params.level, 1.0), 3) if params.poll else 0.0   # as set
    if err:
        out["note"] += f"; set here: ± {err:g} points of each statewide share, drawn in the range"
        out["poll_error"] = err
    b = doc["backtest"]
    # the dock's short forms (the sentences above in its tooltips)
    out["short"] = (f"Seat model fitted on {len(doc['states'])} states' assembly elections: 80 % ranges held the "
                    f"result in {b['covered80']} of {b['bloc_transitions']} past elections' blocs")
    out["short_note"] = ((f"With the poll ± {err:g} points (its own error, as set)" if err else
                          "With the poll: the poll's own error is not in the range") if params.poll else
                         f"Without a poll the range is wide: in back-tests the median 80 % range spanned "
                         f"{b['median_width80'] * 100:.0f} % of the seats")
    return out


_DOC: list = []


def _shipped_doc() -> dict:
    if not _DOC:
        from .seat_model import shipped
        _DOC.append(shipped()[1])
    return _DOC[0]


def uncertainty_json(sim: Simulator, summ: Summary, projector, pools, seats, majority: int,
                     leads: int | None = None) -> dict:
    """``leads``: the seats the alliance leads in on the projected votes (then the ``headline``
    block: the expected seats, the range, P(majority) and the partners' expected seats)."""
    med, lo, hi = summ.interval(summ.alliance_seats)
    by_party = party_intervals(summ)
    notes = model_notes(sim.params)
    head = {} if leads is None else {"headline": alliance_headline(summ, leads, sim.n_p).to_json()}
    return ({"model": notes} if notes else {}) | head | {
            "draws": summ.draws, "seed": sim.seed, "params": sim.params.to_json(),
            "p_majority": round(summ.p_majority, 4),
            "alliance_seats": {"median": med, "p10": lo, "p90": hi,
                               "mean": round(float(expected_seats(summ)[:sim.n_p].sum()), 2)}, "seats": by_party,
            "tipping_seats": summ.tipping_seats(seats),
            "cushion": cushion(projector, pools, majority)}


def bloc_intervals(summ: Summary, blocs) -> dict[str, dict]:
    """Each bloc's seats (``blocs``: a ``blocs.BlocIndex`` of ``summ.parties``), then the
    unaligned and the independents: median and 80 % interval over the draws. In every draw
    the blocs, the unaligned, the independents and the tied seats add up to the seats."""
    per = np.zeros((len(summ.alliance_seats), blocs.columns()), dtype=np.int64)
    of = blocs.of_party[summ.seat_cols]       # the parties that win somewhere: the others add 0
    for c, k in enumerate(of.tolist()):
        if 0 <= k < blocs.columns():
            per[:, k] += summ.col_seats[c]
    names = list(blocs.names) + ["unaligned", "independents"]
    out = {}
    for k, name in enumerate(names):
        med, lo, hi = summ.interval(per[:, k])
        out[name] = {"median": med, "p10": lo, "p90": hi, "mean": round(float(per[:, k].mean()), 2)}
    return out


class Outlook(NamedTuple):
    """How sure the majority is, in words every view uses alike: ``tone`` is "won" only when
    the alliance reaches it in 90 % of the simulated elections or more, "lost" when in 10 % or
    fewer, and "open" between (the point figure alone never says "won")."""
    p: float
    words: str
    tone: str

    @property
    def percent(self) -> str:
        return probability_percent(self.p)


def probability_percent(p: float, decimals: int = 0) -> str:
    """A probability as a percent for display that never rounds a doubt away: 0.997 -> "> 99 %",
    0.003 -> "< 1 %" (only certainty reads "100 %" or "0 %"); 0.46 -> "46 %". ``decimals``: the
    places shown (1: 0.9996 -> "> 99.9 %", 0.522 -> "52.2 %")."""
    p = float(p)
    step = 10.0 ** -decimals / 100.0          # the smallest step shown, as a probability
    if 0.0 < p < step:
        return f"< {step * 100:.{decimals}f} %"
    if 1.0 - step < p < 1.0:
        return f"> {(1.0 - step) * 100:.{decimals}f} %"
    return f"{p * 100:.{decimals}f} %"


OUTLOOK_BANDS = ((0.9, "likely", "won"), (0.65, "ahead", "open"), (0.35, "coin flip", "open"),
                 (0.1, "behind", "open"), (0.0, "unlikely", "lost"))


def majority_outlook(p_majority: float) -> Outlook:
    """P(majority) -> its words and tone: 0.49 -> "coin flip", open; 0.93 -> "likely", won."""
    p = float(p_majority)
    for floor, words, tone in OUTLOOK_BANDS:
        if p >= floor:
            return Outlook(p, words, tone)
    return Outlook(p, OUTLOOK_BANDS[-1][1], OUTLOOK_BANDS[-1][2])


# --- the headline: one point figure, named for what it is (issue 25, section 5) ----------------------
# The scoreboard, the dock, the status line, the brief, the CLI and the exports show the alliance's
# EXPECTED seats (the mean over the simulated elections: the sum over seats of P(alliance wins)) as
# the point, with the 80 % range and P(majority); the deterministic projection's count is "the
# seats it leads in on the projected votes". Leave-one-state-out over the corpus
# (tools/bench_point_estimate.py, README "Which number is the headline") the expected seats missed
# the real seats by 0.188 of the seats on average without a poll (the median 0.196, the count led
# 0.264), and each partner's expected seats add up to the alliance's exactly.
HEADLINE_POINT = "expected seats"


def whole(x: float) -> int:
    """A count of seats to show: ``x`` rounded half up (44.5 -> 45; never the banker's 44)."""
    return int(math.floor(float(x) + 0.5))


def made_whole(values, total: int) -> list[int]:
    """Whole numbers, one per value, that add up to ``total`` (largest remainders: the values
    scaled to add up to ``total``, each one's floor, and one more for the largest fractions, the
    first of equal ones first): [14.6, 29.7] made whole to 44 (scaled: 14.50, 29.50) -> [15, 29]."""
    v = np.maximum(np.asarray(values, dtype=float), 0.0)
    if len(v) == 0:
        return []
    s = float(v.sum())
    if total <= 0:
        return [0] * len(v)
    if s <= 0:                 # nothing to weigh by: alike
        return made_whole(np.ones(len(v)), total)
    if abs(s - total) > 1e-9:
        v = v * (total / s)
    base = np.floor(v + 1e-9).astype(np.int64)
    left = int(total - base.sum())
    if left > 0:
        order = np.argsort(-(v - base), kind="stable")[:left]
        base[order] += 1
    elif left < 0:        # rounding of the scaled values: take back from the smallest fractions
        order = np.argsort(v - base, kind="stable")
        for k in order:
            if left == 0:
                break
            if base[k] > 0:
                base[k] -= 1
                left += 1
    return base.tolist()


def expected_seats(summ: Summary) -> np.ndarray:
    """(P,) each party's expected seats over the simulated elections: the sum over seats of
    P(party wins the seat); the partners' (the first ``n_partners``) add up to the alliance's.
    Worked out once per summary (a summary is never written to; the headline and the seat bar
    of a move both read it) and handed out read-only."""
    kept = summ.__dict__.get("_expected")
    if kept is None:
        # every slot counted, its wins the weight: a slot that never wins adds 0.0 to its party's
        # sum, which leaves it as it was (the same sums as the winning slots' alone, in the same
        # order), with no masked copies of every seat's slots
        try:
            kept = np.bincount(summ.seat_party.ravel(), weights=summ.seat_wins.ravel(), minlength=len(summ.parties))
        except ValueError:      # a slot with no party (a negative index): the winning slots only
            on = summ.seat_wins > 0
            kept = np.bincount(summ.seat_party[on], weights=summ.seat_wins[on], minlength=len(summ.parties))
        kept = kept[:len(summ.parties)] / summ.draws
        kept.flags.writeable = False
        summ.__dict__["_expected"] = kept
    return kept


class Headline(NamedTuple):
    """What the headline says of the alliance: ``seats``, the point shown (its expected seats,
    whole), with the 80 % range and P(majority) of the simulated elections; ``leads``, the seats
    it leads in on the projected votes (the deterministic projection: a count, not a forecast);
    ``partners``, each partner's expected seats made whole so that they add up to ``seats``."""
    seats: int
    expected: float
    median: int
    p10: int
    p90: int
    p_majority: float
    majority: int
    leads: int
    partners: dict[str, int]

    @property
    def outlook(self) -> Outlook:
        return majority_outlook(self.p_majority)

    def to_json(self) -> dict:
        return {"point": HEADLINE_POINT, "seats": self.seats, "expected": round(self.expected, 2),
                "median": self.median, "p10": self.p10, "p90": self.p90, "p_majority": round(self.p_majority, 4),
                "majority": self.majority, "leads": self.leads, "partners": dict(self.partners)}


def alliance_headline(summ: Summary, leads: int, n_partners: int) -> Headline:
    """The alliance's headline from one split's simulated elections (``summ``) and the seats it
    leads in on the projected votes (``leads``); its partners are the first ``n_partners`` parties."""
    e = expected_seats(summ)[:n_partners]
    point = whole(e.sum())
    med, lo, hi = summ.interval(summ.alliance_seats)
    return Headline(point, float(e.sum()), med, lo, hi, summ.p_majority, summ.majority, int(leads),
                    dict(zip(summ.parties[:n_partners], made_whole(e, point))))


def expected_segments(summ: Summary, headline: Headline) -> list[tuple[str, int]]:
    """The seat bar of expected seats: the partners in order (``headline.partners``, adding up to
    the headline's point), then every other party that wins somewhere, most first, made whole so
    that the bar adds up to the seats' expected total (ties and NOTA left out); none of 0 seats."""
    n_p = len(headline.partners)
    e = expected_seats(summ)
    # the other parties with any expected seat, most first (a stable sort: equal ones in the
    # parties' order), counted in numpy: at 4,100 seats some 400 of them, on every live move
    keep = e > 0
    keep[:n_p] = False
    keep[_not_parties(summ.parties)] = False
    rest = np.flatnonzero(keep)
    rest = rest[np.argsort(-e[rest], kind="stable")]
    total = whole(e[:n_p].sum() + sum(e[rest].tolist()))
    others = np.asarray(made_whole(e[rest], max(0, total - headline.seats)), dtype=np.int64)
    out = [(name, n) for name, n in headline.partners.items() if n > 0]
    shown = np.flatnonzero(others > 0)      # most of 500 parties made whole to none at 4,100 seats
    parties = summ.parties
    return out + [(parties[k], n) for k, n in zip(rest[shown].tolist(), others[shown].tolist())]


_NOT_PARTIES: list = [None, 0, []]  # (parties list, its length, the indices of NOTA and TIE in it): the last asked


def _not_parties(parties: list[str]) -> list[int]:
    """The indices of NOTA and TIE among ``parties`` (a simulator's list, the same object in
    every summary it makes): looked up once, not in 1,200 names on every move."""
    if _NOT_PARTIES[0] is not parties or _NOT_PARTIES[1] != len(parties):
        _NOT_PARTIES[:] = [parties, len(parties), [parties.index(n) for n in (NOTA, "TIE") if n in parties]]
    return _NOT_PARTIES[2]


def headline_of(u: dict | None) -> dict | None:
    """The ``headline`` block of an ``uncertainty`` dict (``project --json``, the exports'), or one
    made from its ``alliance_seats`` when it has none (a dict from before it: the median is its point)."""
    if not u:
        return None
    h = u.get("headline")
    if h:
        return h
    a = u["alliance_seats"]
    return {"point": "median", "seats": a["median"], "median": a["median"], "p10": a["p10"], "p90": a["p90"],
            "p_majority": u["p_majority"], "leads": None, "partners": {}}


def per_seat_probabilities(summ: Summary, i: int, min_p: float = 0.0005) -> dict[str, float]:
    row = summ.seat_p_win(i)       # party index ascending: the same order as the full row's
    return {summ.parties[k]: round(p, 4) for k, p in sorted(row.items(), key=lambda kp: -kp[1])
            if p >= min_p}


def params_for(ds: Dataset, level: str = "fitted") -> tuple[ModelParams, dict]:
    """The sizes the app draws with: the seat model fitted on India's assembly elections
    (resources/seat_model.json) at a level (low / fitted / high: its spreads x0.5, x1, x1.5), for
    every data set; the report is the model's document (what it was fitted on, its
    out-of-sample figures). The Haryana-fitted form (``fit``) remains for the data set's own
    back-test (``backtest``)."""
    m, doc = fitted_model(level)
    return m, dict(doc, level=level)


def with_assumed_poll(params, assumptions, our_bloc: str | None = None, sd: float | None = None):
    """The seat model with the scenario's poll (``Assumptions.poll``, percent) if it has one: the
    poll form turns the poll into seats, its statewide shares drawn ± the poll's own error
    (``Assumptions.poll_error``, points; ``sd`` instead where given). ``our_bloc``: our bloc's
    name, which a poll may give."""
    if isinstance(params, ModelParams) and assumptions.poll_items:
        return params.with_poll({("alliance" if k == our_bloc else k): v for k, v in assumptions.poll.items()},
                                assumptions.poll_error if sd is None else sd)
    return params


def haryana_params_for(ds: Dataset, level: str = "fitted") -> tuple[UncertaintyParams, dict]:
    """The earlier form: sizes fitted on the data set's own transitions (a data set with a single
    election borrows the embedded Haryana fit, and the report says so)."""
    if level not in LEVELS:
        raise ValueError(f"uncertainty level {level!r}: use {', '.join(LEVELS)}")
    if transitions(ds):
        p, rep = fit(ds)
    else:
        from .dataset_io import load_embedded
        p, rep = fit(load_embedded("haryana"))
        rep = dict(rep, note=f"{ds.id} has a single election: sizes fitted on the embedded Haryana data")
    return p.scaled(LEVELS[level]), dict(rep, level=level)
