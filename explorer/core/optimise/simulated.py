"""Answers read straight from the simulation, without a solve: each partner's walk-away value,
who should contest each seat, and the rebels of denied claims."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import uncertainty as U
from ..projection import REBEL_SHARE, Rebel
from ..rules import FactionClaim, MustHave
from ..scenario import Scenario


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
    only if it gains seats (``worth_it``); ``verdict`` says so in a word, "same" where the two
    are equal to the shown precision (see ``verdict``). ``apart``: ``partners_apart`` of the same simulator,
    when the caller keeps it; the split's draws are the simulator's ``move`` from whatever it last
    ran (only the seats that differ are drawn again)."""
    s_out = apart if apart is not None else partners_apart(sim, pools_def, majority)
    s_in = sim.move(np.asarray(pools, dtype=np.int64), majority, fights)
    return walk_away_figures(s_in, s_out, pools_def, majority)


def _expected_seats(summ: U.Summary, k: int) -> float:
    """Party ``k``'s expected seats: its seats summed over the draws (exact, in integers) over the
    number of draws."""
    return int(summ.seats_of(k).sum(dtype=np.int64)) / summ.draws


def walk_away_figures(s_in: U.Summary, s_out: U.Summary, pools_def, majority: int) -> dict:
    """``walk_away`` from the split's summary ``s_in`` and the going-alone one ``s_out``, both on the
    same draws: the live figures' summary is the split's (the window's walk-away follows a move
    with them, no simulation of its own). Every partner's figures in one pass over its (D,)
    columns stacked (P, D): integer sums and counts, so the same figures as one partner at a time
    (``_expected_seats`` and ``np.mean`` of the draws at a majority)."""
    codes = [p.code for p in pools_def.partners]
    if not codes:
        return {}
    ks = [s_in.parties.index(c) for c in codes]
    # expected seats: the mean over draws of the partner's seats (the sum over seats of its
    # P(win), read from its one (D,) column instead of every seat's slots: flat in seats)
    cin = np.stack([s_in.seats_of(k) for k in ks])             # (P, D)
    cout = np.stack([s_out.seats_of(k) for k in ks])
    a_all = (cin.sum(axis=1, dtype=np.int64) / s_in.draws).tolist()
    b_all = (cout.sum(axis=1, dtype=np.int64) / s_out.draws).tolist()
    # P(the partner alone reaches a majority): draws at it over draws (an integer count, exact)
    maj_in = (np.count_nonzero(cin >= majority, axis=1) / cin.shape[1]).tolist()
    maj_out = (np.count_nonzero(cout >= majority, axis=1) / cout.shape[1]).tolist()
    pm_in, pm_out = round(s_in.p_majority, 4), round(s_out.p_majority, 4)
    out = {}
    for j, code in enumerate(codes):
        a, b = a_all[j], b_all[j]
        out[code] = {"alliance": round(a, 3), "alone": round(b, 3),
                     "p_majority_alliance": pm_in,
                     "p_majority_alone": round(maj_out[j], 4),
                     "p_majority_partner_in_alliance": round(maj_in[j], 4),
                     "p_majority_partners_apart": pm_out,
                     "worth_it": bool(a > b), "verdict": verdict(a, b)}
    return out


GAIN_PLACES = 2     # the gain is shown to hundredths of a seat


def verdict(alliance: float, alone: float) -> str:
    """Is the alliance worth it to a partner with ``alliance`` expected seats in it and ``alone``
    going alone: "yes" (it gains seats), "no" (it loses seats) or "same" where the gain is 0 to
    the hundredth shown (a partner with no vote where it did not stand: going alone changes
    nothing, and the baseline cannot tell). ``worth_it`` stays ``alliance > alone``."""
    gain = round(alliance - alone, GAIN_PLACES)
    return "same" if gain == 0 else "yes" if gain > 0 else "no"


def seats_going_alone_changes(projector, pools: np.ndarray, fights: np.ndarray | None = None) -> int:
    """The seats of the split ``pools`` (with its friendly fights: a partner bit mask per seat,
    0 = all) in which going alone differs from the alliance: some partner had a vote there in the
    projector's baseline but does not stand in the split (in the alliance its voters transfer,
    going alone they vote for it). None: each partner had a vote only where the split has it
    stand (the split is the baseline's own), so going alone changes nothing and the walk-away
    cannot tell whether the alliance is worth it."""
    n_p = projector.pools.n_partners
    had = (np.asarray(projector.prepared.votes)[:, :n_p] > 0) @ (1 << np.arange(n_p, dtype=np.int64))
    pools = np.asarray(pools, dtype=np.int64)
    every = (1 << n_p) - 1
    stand = np.where(pools < n_p, np.left_shift(1, np.minimum(pools, n_p - 1)), every)
    if fights is not None:
        f = np.asarray(fights, dtype=np.int64)
        stand = np.where((pools == projector.pools.contested) & (f != 0), f, stand)
    return int(((had & ~stand) != 0).sum())


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
