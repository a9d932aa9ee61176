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
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from .dataset import Dataset
from .parties import IND, NOTA

DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 2024
TOP = 3                   # contenders simulated per seat and variant


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
def _t(rng: np.random.Generator, df: float, shape) -> np.ndarray:
    """Student t draws scaled to unit variance (float32)."""
    z = rng.standard_normal(shape, dtype=np.float32)
    if df >= 30:
        return z
    w = rng.chisquare(df, size=shape[:1] + (1,) * (len(shape) - 1)).astype(np.float32)
    return z / np.sqrt(w / df) * np.float32(math.sqrt((df - 2) / df))


class NoiseBank:
    """The random parts, drawn once per (seats, regions, parties, draws, seed, df): unit-variance
    t draws for the state (D, P), region (D, R, P), transfer (D,) and seat (TOP, D, N) parts."""

    def __init__(self, n_seats: int, n_regions: int, n_parties: int, draws: int, seed: int, df: float):
        rng = np.random.default_rng(seed)
        self.key = (n_seats, n_regions, n_parties, draws, seed, df)
        self.state = _t(rng, df, (draws, n_parties))
        self.region = _t(rng, df, (draws, n_regions, n_parties))
        self.transfer = _t(rng, df, (draws,))
        # drawn as (TOP, D, N), kept as (TOP, N, D): a seat's draws are then one contiguous row,
        # which is what a move (a few seats, every draw) reads
        self.seat = np.ascontiguousarray(_t(rng, df, (TOP, draws, n_seats)).transpose(0, 2, 1))
        if self.seat.nbytes > 32 * 2**20:   # large data sets: keep them at half the size
            self.seat = self.seat.astype(np.float16)
            self.region = self.region.astype(np.float16)


@dataclass
class Summary:
    draws: int
    parties: list[str]
    p_win: np.ndarray            # (N, P) per seat, per party index of ``parties``
    p_alliance: np.ndarray       # (N,)
    alliance_seats: np.ndarray   # (D,)
    party_seats: np.ndarray      # (D, P)
    majority: int
    tipping: np.ndarray          # (N,) P(the seat decides the majority)

    @property
    def p_majority(self) -> float:
        return float((self.alliance_seats >= self.majority).mean())

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
        order = np.argsort(-self.tipping, kind="stable")
        return [int(seats.ac_no[i]) for i in order[:k] if self.tipping[i] > 0]


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


class Simulator:
    """Draws of every seat's winner for one projector (baseline, alliance, assumptions).

    ``run(pools)`` simulates the seats of a split; ``move(pools, seats)`` updates the moved
    seats only; ``variant_probabilities()`` gives P(the alliance wins seat i) for every pool
    variant, which the optimiser uses."""

    def __init__(self, projector, ds: Dataset, params: UncertaintyParams, draws: int = DEFAULT_DRAWS,
                 seed: int = DEFAULT_SEED, bank: NoiseBank | None = None):
        self.pj, self.ds, self.params, self.draws, self.seed = projector, ds, params, draws, seed
        self._prepare(bank)
        self._winners: np.ndarray | None = None   # (D, N) party index of the current split
        self._variant: np.ndarray | None = None

    def _prepare(self, bank: NoiseBank | None) -> None:
        """The simulated contenders of every variant the projector has (a friendly fight added
        to the projector later calls this again, keeping the noise bank)."""
        projector, params, draws, seed, ds = self.pj, self.params, self.draws, self.seed, self.ds
        pb = projector.prepared
        o = projector.outcomes
        V, N, K = o.votes.shape
        self.n_p = projector.pools.n_partners
        self.V, self.N = V, N
        self.region, _ = region_index(ds)
        T = pb._pct_base[None, :, None]
        share = o.votes / T * 100.0                        # (V, N, K) points
        # a standing partner is a candidate wherever it stands, with the votes transferred to it,
        # even where it had none in the baseline (RJD in Pakaur): not only the baseline's candidates
        present = pb.present.copy()
        present[:, :projector.pools.n_partners] = True
        contend = o.fielded & present[None] & (o.votes > 0)
        score = np.where(contend, share, -np.inf)
        top = np.argsort(-score, axis=2, kind="stable")[:, :, :TOP]
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
        n_reg = int(self.region.max()) + 1 if N else 1
        if bank is None or bank.key != (N, n_reg, len(used) + 1, draws, seed, params.df):
            bank = NoiseBank(N, n_reg, len(used) + 1, draws, seed, params.df)
            bank.state[:, -1] = 0.0
            bank.region[:, :, -1] = 0.0
        self.bank = bank
        self.n_variants_prepared = V
        # state and regional swings together, (D, R * P'), for one gather per seat and slot
        self.n_sp = len(used) + 1
        A = np.float32(params.state_sd) * bank.state[:, None, :] + np.float32(params.region_sd) * bank.region
        # (R * P', D): rows gathered; half the size where the bank is (a large data set: 19 MB less
        # at 543 seats), widened per gather
        self.swing_draws = np.ascontiguousarray(A.reshape(draws, -1).T, dtype=bank.region.dtype)
        self.swing_col = self.region[None, :, None] * self.n_sp + self.sp          # (V, N, TOP)

    # -- the core draw for some seats in one variant each --------------------------------------------
    def _winners_for(self, seats, variants: np.ndarray) -> np.ndarray:
        """(D, len(seats)) winning party index, each seat in its variant (``seats``: an index
        array, or a slice for a run of seats). Worked out seat by row, (S, D): every gather
        reads contiguous draws; the result is returned as its (D, S) transpose."""
        pr, b = self.params, self.bank
        sh = self.share[variants, seats]            # (S, TOP)
        ok = self.valid[variants, seats]
        cols = self.swing_col[variants, seats]
        party = self.party[variants, seats].astype(np.int16)
        tc = self.tcoef[variants, seats] if pr.transfer_sd else None
        best = win = None
        for k in range(TOP):
            x = np.take(self.swing_draws, cols[:, k], axis=0)          # (S, D)
            if x.dtype != np.float32:
                x = x.astype(np.float32)
            x += sh[:, k, None]
            if pr.seat_sd:
                e = b.seat[k][seats]
                x += np.float32(pr.seat_sd) * (e if e.dtype == np.float32 else e.astype(np.float32))
            if tc is not None:
                x += np.float32(pr.transfer_sd) * b.transfer[None, :] * tc[:, k, None]
            np.maximum(x, 0.0, out=x)       # a share never goes below 0; renormalising keeps the order
            if not ok[:, k].all():
                x[~ok[:, k], :] = -np.inf
            if best is None:
                best, win = x, np.broadcast_to(party[:, 0, None], x.shape).copy()
            else:
                m = x > best
                np.copyto(best, x, where=m)
                np.copyto(win, np.broadcast_to(party[:, k, None], x.shape), where=m)
        un = self.unopposed[seats]
        if un.any():
            win[un, :] = self.unopposed_party[seats][un][:, None]
        return win.T

    def _variants(self, pools: np.ndarray, fights: np.ndarray | None = None) -> np.ndarray:
        var = self.pj.variants(pools, fights)
        if len(self.pj.variant_masks) != self.n_variants_prepared:
            self._prepare(self.bank)
        return var

    def run(self, pools: np.ndarray, majority: int, fights: np.ndarray | None = None, chunk: int = 64) -> Summary:
        var = self._variants(pools, fights)
        # each draw's winner by party index: one byte where there are fewer than 128 parties
        W = np.empty((self.draws, self.N), dtype=np.int8 if self.n_parties < 128 else np.int16)
        for s in range(0, self.N, chunk):
            sl = slice(s, min(s + chunk, self.N))
            W[:, sl] = self._winners_for(np.arange(sl.start, sl.stop), var[sl])
        self._winners, self._variant = W, var
        P, N, D = self.n_parties, self.N, self.draws
        flat = W.astype(np.int64) + (np.arange(N) * P)[None, :]
        self._counts = np.bincount(flat.ravel(), minlength=N * P).reshape(N, P).astype(np.int32)
        self._party_seats = np.bincount((W.astype(np.int64) + (np.arange(D) * P)[:, None]).ravel(),
                                        minlength=D * P).reshape(D, P).astype(np.int32)
        self._seats_d = (W < self.n_p).sum(axis=1)
        return self._summary(majority)

    def move(self, pools: np.ndarray, majority: int, fights: np.ndarray | None = None) -> Summary:
        """After some seats changed pool: only their draws are recomputed, and the counts are
        updated by the difference."""
        var = self._variants(pools, fights)
        if self._winners is None:
            return self.run(pools, majority, fights)
        changed = np.flatnonzero(var != self._variant)
        if len(changed):
            old = self._winners[:, changed]
            new = self._winners_for(changed, var[changed])
            P, C = self.n_parties, len(changed)
            key, row = self.__dict__.get("_row_start", (None, None))
            if key != (self.draws, P):
                row = np.arange(self.draws, dtype=np.intp) * P
                self._row_start = ((self.draws, P), row)
            flat = self._party_seats.reshape(-1)        # a view: (draw, party) cells in a row
            for j in range(C):      # one (draw, party) cell per draw and seat: fancy += is exact here
                flat[row + old[:, j]] -= 1
                flat[row + new[:, j]] += 1
            col = (np.arange(C, dtype=np.int64) * P)[None, :]
            self._counts[changed] = np.bincount((new + col).ravel(), minlength=C * P).reshape(C, P)
            self._seats_d += (new < self.n_p).sum(axis=1) - (old < self.n_p).sum(axis=1)
            self._winners[:, changed] = new
            self._variant = var
        return self._summary(majority)

    def _summary(self, majority: int) -> Summary:
        W, D = self._winners, self.draws
        seats_d = self._seats_d
        # the seats that decide the majority: only draws at the majority or one short matter
        near = np.flatnonzero((seats_d == majority) | (seats_d == majority - 1))
        tipping = np.zeros(self.N)
        if len(near):
            won = W[near] < self.n_p
            at = seats_d[near, None]
            tipping = ((won & (at == majority)) | (~won & (at == majority - 1))).sum(axis=0) / D
        p_win = self._counts / D
        p_all = p_win[:, :self.n_p].sum(axis=1)
        return Summary(D, self.parties, p_win, p_all, seats_d.copy(), self._party_seats.copy(), majority, tipping)

    def variant_probabilities(self, chunk: int = 64) -> np.ndarray:
        """(V, N): P(the alliance wins seat i) with the seat in each pool variant."""
        out = np.empty((self.V, self.N))
        for v in range(self.V):
            for s in range(0, self.N, chunk):
                idx = np.arange(s, min(s + chunk, self.N))
                out[v, idx] = (self._winners_for(idx, np.full(len(idx), v)) < self.n_p).mean(axis=0)
        return out

    def variant_draws(self, variants: np.ndarray) -> np.ndarray:
        """(D, N) bool: the alliance wins seat i in draw d with each seat in its variant."""
        W = np.empty((self.draws, self.N), dtype=bool)
        for s in range(0, self.N, 64):
            idx = np.arange(s, min(s + 64, self.N))
            W[:, idx] = self._winners_for(idx, variants[idx]) < self.n_p
        return W


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
            for v in range(n_p + 1):
                W = o.votes[v, rows]                      # (N, K) votes
                fielded = o.fielded[v, rows]
                F = fielded & pb.present & (W > 0) | (fielded & (np.arange(W.shape[1]) < n_p))
                share = W / pb._pct_base[:, None] * 100.0
                ally = (np.arange(W.shape[1]) < n_p)[None, :] & F
                asum = np.where(ally, share, 0.0).sum(axis=1, keepdims=True)
                afrac = np.where(ally, np.divide(share, asum, out=np.full_like(share, 1.0 / max(n_p, 1)),
                                                 where=asum > 0), 0.0)
                is_rival = (pb.party == rival) & F
                for j, sw in enumerate(self.swings):
                    x = share + sw * afrac - sw * is_rival
                    x = np.where(F, np.maximum(x, 0.0), -np.inf)
                    out[v, :, j] = np.argmax(x, axis=1) < n_p
                out[v, pb.unopposed, :] = (pb.unopposed_party < n_p)[pb.unopposed, None]
            self._won[rival] = out
        return self._won[rival]

    def __call__(self, pools: np.ndarray, majority: int) -> dict:
        n_p = self.pj.pools.n_partners
        var = np.minimum(pools.astype(np.int64), n_p)
        rival = self.rival(pools, majority)
        seats = self.won_table(rival)[var, np.arange(len(var))].sum(axis=0)
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
    for i in np.argsort(-summ.party_seats.mean(axis=0), kind="stable"):
        name = summ.parties[i]
        if name in (NOTA, "TIE") or summ.party_seats[:, i].max() == 0:
            continue
        m, a, b = summ.interval(summ.party_seats[:, i])
        by_party[name] = {"median": m, "p10": a, "p90": b}
    return by_party


def uncertainty_json(sim: Simulator, summ: Summary, projector, pools, seats, majority: int) -> dict:
    med, lo, hi = summ.interval(summ.alliance_seats)
    by_party = party_intervals(summ)
    return {"draws": summ.draws, "seed": sim.seed, "params": sim.params.to_json(),
            "p_majority": round(summ.p_majority, 4),
            "alliance_seats": {"median": med, "p10": lo, "p90": hi}, "seats": by_party,
            "tipping_seats": summ.tipping_seats(seats),
            "cushion": cushion(projector, pools, majority)}


def bloc_intervals(summ: Summary, blocs) -> dict[str, dict]:
    """Each bloc's seats (``blocs``: a ``blocs.BlocIndex`` of ``summ.parties``), then the
    unaligned and the independents: median and 80 % interval over the draws. In every draw
    the blocs, the unaligned, the independents and the tied seats add up to the seats."""
    per = blocs.counts(summ.party_seats)
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
        return f"{self.p * 100:.0f} %"


OUTLOOK_BANDS = ((0.9, "likely", "won"), (0.65, "ahead", "open"), (0.35, "coin flip", "open"),
                 (0.1, "behind", "open"), (0.0, "unlikely", "lost"))


def majority_outlook(p_majority: float) -> Outlook:
    """P(majority) -> its words and tone: 0.49 -> "coin flip", open; 0.93 -> "likely", won."""
    p = float(p_majority)
    for floor, words, tone in OUTLOOK_BANDS:
        if p >= floor:
            return Outlook(p, words, tone)
    return Outlook(p, OUTLOOK_BANDS[-1][1], OUTLOOK_BANDS[-1][2])


def per_seat_probabilities(summ: Summary, i: int, min_p: float = 0.0005) -> dict[str, float]:
    row = summ.p_win[i]
    return {summ.parties[k]: round(float(row[k]), 4) for k in np.argsort(-row, kind="stable")
            if row[k] >= min_p}


def params_for(ds: Dataset, level: str = "fitted") -> tuple[UncertaintyParams, dict]:
    """The data set's fitted sizes at a level (low / fitted / high: x0.5, x1, x1.5). A data set
    with a single election has nothing to fit from: it borrows the embedded Haryana fit, and the
    report says so."""
    if level not in LEVELS:
        raise ValueError(f"uncertainty level {level!r}: use {', '.join(LEVELS)}")
    if transitions(ds):
        p, rep = fit(ds)
    else:
        from .dataset_io import load_embedded
        p, rep = fit(load_embedded("haryana"))
        rep = dict(rep, note=f"{ds.id} has a single election: sizes fitted on the embedded Haryana data")
    return p.scaled(LEVELS[level]), dict(rep, level=level)
