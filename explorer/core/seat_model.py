"""The seat model: a later election's seats drawn from an earlier one, with sizes fitted on
India's assembly elections (:mod:`seat_transitions`, :mod:`seat_model_fit`).

Per seat and contender (a bloc, a party in no bloc, the seat's strongest independent), the
earlier share ``x`` is first *consolidated*: the share of the partners standing now, plus
``transfer`` times that of partners who stood there before and not now. With ``X`` the
contender's statewide share over the seats it stands in, the later share is

    y = (X + seat_keep * (x - X)) * F + partner + region + seat noise

- ``F`` is the statewide swing: ``1 + g / X`` points (uniform form: ``X + g``) or ``exp(g)``
  (proportional form); ``g`` is centred on ``swing_a + swing_b * X`` (big contenders tend to
  lose, small ones to gain), plus ``swing_reelected`` for the earlier election's largest contender
  where it had been the largest in the election before too (:func:`reelected`: a second term's
  penalty, the sixth round's part), spread by ``state_sd * (X / STATE_REF) ** state_pow`` (a big bloc
  moves by a fraction, a small party by multiples) and drawn as a Student t when ``state_df`` is
  finite (waves happen); forms compared but not shipped: swings made zero-sum (``coupled``), a
  share ``wave_p`` of elections with every spread ``wave_mult`` times larger;
- ``seat_keep`` below 1: a seat's lead over the statewide share fades (strongholds erode); a line
  in the lead's size (``keep_lead``: big leads fade more; both forms since the tenth round) and in
  the poll form the contender's share (``keep_size``: big blocs' leads fade more), the kept leads
  recentred on 0;
- ``partner``: the swing of the partner standing in the seat within its bloc (the bloc's
  partners otherwise move together); ``region``: the contender's district swing;
- the seat's own noise grows with the share: ``seat_sd + seat_slope * x``, times
  ``(votes / SEAT_VOTES_REF) ** seat_votes_pow`` (a small seat's candidates' own votes weigh more);
- a contender absent before (a new party) gets ``new_mean`` ± ``new_sd`` where it stands (with
  a poll: its poll share), and where ``new_seat_sd`` is fitted, unevenly over its seats: times
  ``exp(new_seat_sd z - new_seat_sd² / 2)`` per seat and draw (a new party wins its strongholds);
- forms tried and not kept (fifth round): the seat noise times a power of the earlier leads'
  spread (``seat_spread_pow``), the part of a lead kept moved by the poll's loss (``keep_loss``,
  ``keep_loss_size``) and by the earlier third contender's share (``keep_third``); with a poll,
  the strongest independents moved together to the poll's share of independents (``ind_to_poll``);
  the seat noise growing with the share's centre after the swing rather than the earlier share
  (``noise_by_centre``);
- tried in the sixth round and not kept: the district swing drawn as a t of ``region_df`` degrees
  of freedom (unit variance: fewer moderate district swings, more large ones); the statewide
  swing's centre moved by ``swing_bonus`` x the contender's earlier seat bonus (its share of the
  seats won less its share of the vote, :func:`seat_bonus`);
- tried in the seventh round and not kept: the re-elected centre graded by the incumbent's earlier
  share of the seats (``swing_reelected_seats``, :func:`reelected_seats`); the statewide spread
  times a factor of its own for the earlier election's largest contender (``state_inc_mult``), a
  re-elected one (``state_reel_mult``) and the runner-up (``state_runner_mult``; :func:`incumbent_spread`);
- the eighth round's, with a poll: the seat noise times ``exp(seat_gap x (gap - GAP_REF))``, ``gap``
  the later gap between the two largest contenders' statewide shares (:func:`later_gap`: the poll's;
  without one the centre's) — a lopsided poll's seats vary more, a close one's less (kept: the
  leader of a lopsided poll no longer sweeps every seat; ``seat_gap`` set by the back-test, x 4);
  tried and not kept: where a new contender's share lies above its mean the old losers lose it
  there (``new_take``, :func:`losers_take`); the gap's factor on the district and partner swings
  too (``gap_local``);
- tried in the tenth round and not kept: the seat noise times a factor of the seat's own earlier
  margin between its two largest contenders (``seat_margin``, :func:`seat_margin_factor`) or of its
  earlier effective number of contenders (``seat_field``, :func:`seat_field_factor`); the earlier
  winner's contender's share moved in the seats it won, recentred over its seats (``winner_shift``,
  :func:`held_lead`);
- the strongest independent keeps ``ind_keep`` of the earlier one's share (another person,
  mostly), ± ``ind_sd``.
A share never goes below 0; the highest wins the seat. Vectorised over draws x seats x
contenders. A poll (statewide shares of the contenders) sets ``g`` instead; its error
``poll_sd`` (0: a perfect poll) replaces the statewide spread."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from .seat_transitions import Transition

NEW_BELOW = 0.005    # a contender with less than this statewide share before is new
STATE_REF = 0.30     # the share at which ``state_sd`` is the statewide spread (heteroscedastic forms)
STATE_FLOOR = 0.01   # below this share the spread stays that of this share
SMALL_STATE = 60     # a state of fewer seats keeps its own part of the seat leads where keep_small is fitted
SEAT_VOTES_REF = 100_000.0   # the votes of a seat at which the seat noise is seat_sd + seat_slope x share
THIRD_REF = 0.10     # the third-largest contender's earlier share at which seat_keep is as fitted (keep_third)
SPREAD_REF = 0.10    # the earlier leads' spread (root mean square) at which the seat noise is as fitted
GAP_REF = 0.10      # the gap between the two largest statewide shares at which the seat noise is as fitted (seat_gap)
REELECTED_SEATS_REF = 0.6   # a re-elected incumbent's earlier share of the seats at which its centre is swing_reelected
MARGIN_REF = 0.10    # the seat's earlier margin between its two largest contenders at which the seat noise is as fitted
FIELD_REF = 2.5      # the seat's earlier effective number of contenders at which the seat noise is as fitted


@dataclass(frozen=True)
class Sizes:
    form: str = "proportional"      # "uniform", "proportional" or "logit" statewide swing
    swing_a: float = 0.0            # centre of the statewide swing: a + b * X
    swing_b: float = 0.0
    state_sd: float = 0.05          # spread of the statewide swing (points, or of the log ratio)
    state_df: float = math.inf      # Student t degrees of freedom of the statewide swing
    seat_keep: float = 1.0          # the part of a seat's lead over the statewide share kept
    partner_sd: float = 0.0         # the standing partner's own swing within its bloc
    region_sd: float = 0.0
    seat_sd: float = 0.05
    seat_slope: float = 0.0         # seat noise grows with the share: seat_sd + seat_slope * share
    transfer: float = 0.8           # share of a partner's earlier vote its bloc keeps where it stands down
    transfer_sd: float = 0.0
    ind_keep: float = 1.0
    ind_sd: float = 0.05
    new_mean: float = 0.0
    new_sd: float = 0.05
    poll_sd: float = 0.0            # error of a poll's statewide shares (with a poll)
    state_pow: float = 0.0          # the statewide spread at share X: state_sd * (X / STATE_REF) ** state_pow
    coupled: bool = False           # the statewide swings share one vote: what one gains, the others lose
    wave_p: float = 0.0             # the share of elections that are waves: every statewide spread x wave_mult
    wave_mult: float = 1.0
    seat_df: float = math.inf       # Student t degrees of freedom of the seat noise (unit variance)
    keep_sd: float = 0.0            # seat_keep drawn per election: how much of the leads is kept varies
    seat_votes_pow: float = 0.0     # the seat noise times (the seat's votes / SEAT_VOTES_REF) ** seat_votes_pow
    keep_size: float = 0.0          # the part of a lead kept also by the contender's statewide share X ...
    keep_lead: float = 0.0          # ... and by the size of the seat's own lead |x - X|: keep + size X + lead |x - X|
    keep_region: float = 0.0        # the part kept of the lead of the seat's region (its other seats) over X
    swing_inc: float = 0.0          # the statewide swing's centre moved for the earlier election's largest contender
    keep_small: float = 0.0         # seat_keep moved by this in states of fewer than SMALL_STATE seats
    seat_spread_pow: float = 0.0    # the seat noise times (the earlier leads' spread / SPREAD_REF) ** this
    keep_loss: float = 0.0          # with a poll: the part of a lead kept moved by this x the contender's
                                    # relative statewide loss (its poll share / X - 1 where below 0)
    new_seat_sd: float = 0.0        # a new contender's share spread over its seats: x exp(new_seat_sd z - new_seat_sd^2 / 2)
    noise_by_centre: bool = False   # the seat noise grows with the share drawn's centre (later) rather than the earlier share
    ind_to_poll: bool = False       # with a poll: the strongest independents moved (uniformly) to the poll's IND share
    keep_third: float = 0.0         # seat_keep moved by this x (the earlier third-largest contender's share - THIRD_REF)
    keep_loss_size: float = 0.0     # ... plus this x X x that loss (a big bloc's collapse and a small party's differ)
    region_df: float = math.inf     # Student t degrees of freedom of the district swing (unit variance)
    swing_bonus: float = 0.0        # the statewide swing's centre moved by this x the contender's earlier seat bonus
    swing_reelected: float = 0.0    # ... moved by this for the earlier election's largest contender where it had
                                    # been the largest in the election before too (re-elected: a second term or more)
    swing_reelected_seats: float = 0.0   # ... and by this x (its earlier share of the seats - REELECTED_SEATS_REF)
    state_inc_mult: float = 1.0     # the statewide spread x this for the earlier election's largest contender ...
    state_reel_mult: float = 1.0    # ... and x this instead where it was re-elected
    state_runner_mult: float = 1.0  # ... and x this for the earlier election's second largest contender
    seat_gap: float = 0.0           # the seat noise times exp(seat_gap x (the later gap between the two largest
                                    # statewide shares - GAP_REF)): a lopsided state's seats vary more (:func:`later_gap`)
    gap_local: bool = False         # the seat_gap factor on the district and partner swings too (tried, not kept)
    new_take: float = 0.0           # where a new contender's share lies above its mean, the old contenders that lose
                                    # statewide lose this x it there, each by its part of the losers' vote in the seat
    seat_margin: float = 0.0        # the seat noise times exp(seat_margin x (the seat's earlier margin between its two
                                    # largest contenders - MARGIN_REF)) (:func:`seat_margin_factor`; tenth round)
    winner_shift: float = 0.0       # the earlier winner's contender's share in the seats it won moved by this (a share
                                    # of the vote) before the statewide swing, recentred over its seats so that its
                                    # statewide share stays (:func:`held_lead`; tenth round: a sitting member's seat
                                    # does worse than its faded lead says)
    seat_field: float = 0.0         # the seat noise times exp(seat_field x (the seat's earlier effective number of
                                    # contenders - FIELD_REF)) (:func:`seat_field_factor`; tenth round, not kept)

    def state_keep(self, seats: int, third: float = THIRD_REF) -> float:
        """``seat_keep`` in a state of ``seats`` seats (moved by ``keep_small`` in a small state) whose
        third-largest contender had ``third`` of the earlier vote (moved by ``keep_third``: a
        multi-cornered state's strongholds)."""
        return self.seat_keep + (self.keep_small if seats < SMALL_STATE else 0.0) + self.keep_third * (third - THIRD_REF)

    @property
    def keep_varies(self) -> bool:
        """Whether seat_keep depends on the state (:meth:`state_keep`)."""
        return bool(self.keep_small or self.keep_third)

    def keep_part(self, X, d, keep=None):
        """The part of a seat's lead ``d`` (its share less the statewide ``X``) kept: ``seat_keep``
        (or ``keep``, drawn), and where fitted, more or less by the contender's size and the
        lead's own size (clipped to 0–1)."""
        k = self.seat_keep if keep is None else keep
        if self.keep_size == 0.0 and self.keep_lead == 0.0:
            return k
        return np.clip(k + self.keep_size * X + self.keep_lead * np.abs(d), 0.0, 1.0)

    def kept(self, X, d, keep=None):
        """The lead ``d`` kept (:meth:`keep_part` of it)."""
        return self.keep_part(X, d, keep) * d

    def state_spread(self, X: np.ndarray) -> np.ndarray:
        """The statewide swing's spread of a contender of statewide share ``X`` (heteroscedastic
        when ``state_pow`` is not 0: big blocs move by a few points, small parties by multiples)."""
        if self.state_pow == 0.0:
            return np.full(np.shape(X), self.state_sd)
        return self.state_sd * (np.clip(X, STATE_FLOOR, 1.0) / STATE_REF) ** self.state_pow

    def to_json(self) -> dict:
        d = asdict(self)
        d["state_df"] = None if math.isinf(self.state_df) else self.state_df
        d["seat_df"] = None if math.isinf(self.seat_df) else self.seat_df
        d["region_df"] = None if math.isinf(self.region_df) else self.region_df
        return {k: (round(v, 5) if isinstance(v, float) else v) for k, v in d.items()}

    @staticmethod
    def from_json(d: dict) -> "Sizes":
        d = dict(d)
        d["state_df"] = math.inf if d.get("state_df") is None else float(d["state_df"])
        d["seat_df"] = math.inf if d.get("seat_df") is None else float(d["seat_df"])
        d["region_df"] = math.inf if d.get("region_df") is None else float(d["region_df"])
        return Sizes(**d)


def consolidated(t: Transition, transfer) -> np.ndarray:
    """(n, K) earlier shares with partners who stand down transferring ``transfer`` of their vote."""
    return t.stand0 + transfer * t.away0


def statewide(x: np.ndarray, w: np.ndarray, present: np.ndarray) -> np.ndarray:
    """(.., K) vote-weighted share of (.., n, K) seat shares over the seats where ``present``."""
    pw = present * w[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.nan_to_num((x * pw).sum(-2) / pw.sum(0))


def is_new(t: Transition, sizes: Sizes) -> np.ndarray:
    x = consolidated(t, sizes.transfer)
    return statewide(x, t.weight0, np.ones_like(t.present1)) < NEW_BELOW


def poll_where_standing(t: Transition, poll: np.ndarray) -> np.ndarray:
    """A statewide share (of every seat) as the share over the seats where the contender stands."""
    where = (t.present1 * t.weight0[:, None]).sum(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(where > 0, np.nan_to_num(poll) * t.weight0.sum() / where, 0.0)


def _centre(t: Transition, sizes: Sizes, X: np.ndarray, poll: np.ndarray | None,
            x: np.ndarray | None = None) -> np.ndarray:
    if poll is None:
        c = sizes.swing_a + sizes.swing_b * X
        if sizes.swing_bonus:
            c = c + sizes.swing_bonus * seat_bonus(t, X)
        if sizes.swing_reelected:
            c = c + sizes.swing_reelected * reelected(t)
        if sizes.swing_reelected_seats:
            c = c + sizes.swing_reelected_seats * reelected_seats(t)
        return c + sizes.swing_inc * incumbent(t) if sizes.swing_inc else c
    target = poll_where_standing(t, poll)
    if sizes.form == "uniform":
        return target - X
    if sizes.form == "proportional":
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(X > 0, np.log(np.clip(target, 1e-9, None) / np.clip(X, 1e-9, None)), 0.0)
    # logit: the swing whose seat shares average to the target (bisection, every contender at once)
    pw = t.present1 * t.weight0[:, None]
    base = _base(sizes, X[None, :], x, pw)
    lo, hi = np.full(t.K, -12.0), np.full(t.K, 12.0)
    for _ in range(50):
        mid = (lo + hi) / 2
        got = (_logit_apply(base, mid[None, :]) * pw).sum(0) / np.maximum(pw.sum(0), 1e-12)
        lo, hi = np.where(got < target, mid, lo), np.where(got < target, hi, mid)
    return (lo + hi) / 2


def incumbent(t: Transition) -> np.ndarray:
    """(K,) 1 for the contender that won the most seats in the earlier election (its parties as
    they stand now: a bloc counts its partners' seats), 0 for the others and for IND and OTH."""
    won = np.bincount(t.winner0, minlength=t.K)[:t.K - 2]
    out = np.zeros(t.K)
    if len(won) and won.max() > 0:
        out[int(np.argmax(won))] = 1.0
    return out


def reelected(t: Transition) -> np.ndarray:
    """(K,) 1 for the earlier election's largest contender (:func:`incumbent`) where it had also
    won the most seats in the election before (``Transition.largest_before``: re-elected, in its
    second term or more), else 0 (also where the election before is not known)."""
    inc = incumbent(t)
    out = np.zeros(t.K)
    if inc.any() and t.largest_before == int(np.argmax(inc)):
        out[t.largest_before] = 1.0
    return out


def reelected_seats(t: Transition) -> np.ndarray:
    """(K,) for the re-elected incumbent (:func:`reelected`) its earlier share of the seats less
    REELECTED_SEATS_REF (a big majority against a narrow one), 0 for every other contender."""
    won = np.bincount(t.winner0, minlength=t.K)[:t.K] / max(t.n, 1)
    return reelected(t) * (won - REELECTED_SEATS_REF)


def incumbent_spread(t: Transition, sizes: Sizes) -> np.ndarray:
    """(K,) the statewide spread's factor: ``state_reel_mult`` for a re-elected incumbent
    (:func:`reelected`), ``state_inc_mult`` for the earlier election's largest contender otherwise
    (:func:`incumbent`), 1 for the others."""
    if sizes.state_inc_mult == 1.0 and sizes.state_reel_mult == 1.0 and sizes.state_runner_mult == 1.0:
        return np.ones(t.K)
    inc, reel, ru = incumbent(t), reelected(t), runner_up(t)
    return np.where(reel > 0, sizes.state_reel_mult, np.where(inc > 0, sizes.state_inc_mult,
                                                              np.where(ru > 0, sizes.state_runner_mult, 1.0)))


def runner_up(t: Transition) -> np.ndarray:
    """(K,) 1 for the contender that won the second most seats in the earlier election (as
    :func:`incumbent` counts them; none where it won no seat), 0 for the others."""
    won = np.bincount(t.winner0, minlength=t.K)[:t.K - 2]
    out = np.zeros(t.K)
    if len(won) >= 2:
        k = int(np.argsort(-won, kind="stable")[1])
        if won[k] > 0 and k != int(np.argmax(won)):
            out[k] = 1.0
    return out


def seat_bonus(t: Transition, X: np.ndarray) -> np.ndarray:
    """(K,) each contender's share of the seats won in the earlier election (its parties as they
    stand now) less its statewide share ``X``: what first past the post gave it beyond its vote
    (0 for IND and OTH)."""
    out = np.bincount(t.winner0, minlength=t.K) / max(t.n, 1) - X
    out[t.K - 2:] = 0.0
    return out


def region_lead(region: np.ndarray, x: np.ndarray, w: np.ndarray, present: np.ndarray,
                X: np.ndarray) -> np.ndarray:
    """(n, K) the lead over the statewide ``X`` of each contender in the seat's region without the
    seat: the vote-weighted mean of its share in the region's other seats where it stands, less X
    (0 where it stands in no other seat of the region).

    A contender stands in few of the seats (4,100 seats x 495 contenders: about 1 cell in 60), so
    the region's sums are counted over the cells where it stands (in the seats' order, as over
    every cell: the others add 0) and a seat where it does not stand reads its region's lead
    whole; only the cells where it stands take their own share out. The same figures, to the
    bit, as the dense pass over every cell."""
    x = np.asarray(x, dtype=np.float64)
    pw = present * w[:, None]
    n, K = x.shape
    R = int(region.max()) + 1 if len(region) else 1
    X = np.asarray(X)
    if X.shape != (K,) or not np.isfinite(x).all():     # a per-seat X, or a share that would poison a sum
        return _region_lead_dense(region, x, pw, X, R, K)
    rows, cols = np.nonzero(pw)                          # row-major: the seats' order within a cell
    pw_on = pw[rows, cols]
    xpw_on = x[rows, cols] * pw_on
    idx = region[rows] * K + cols
    sums = np.bincount(idx, weights=xpw_on, minlength=R * K).reshape(R, K)
    wts = np.bincount(idx, weights=pw_on, minlength=R * K).reshape(R, K)
    with np.errstate(divide="ignore", invalid="ignore"):
        whole = np.where(wts > 1e-9, sums / np.where(wts > 1e-9, wts, 1.0) - X, 0.0)    # (R, K)
        out = whole[region]
        ls, lw = sums[region[rows], cols] - xpw_on, wts[region[rows], cols] - pw_on
        out[rows, cols] = np.where(lw > 1e-9, ls / np.where(lw > 1e-9, lw, 1.0) - X[cols], 0.0)
    return out


def _region_lead_dense(region, x, pw, X, R, K) -> np.ndarray:
    """``region_lead`` over every cell (where ``X`` is per seat or a share is not finite)."""
    idx = (region[:, None] * K + np.arange(K)[None, :]).ravel()          # (region, contender) cells
    xpw = x * pw
    sums = np.bincount(idx, weights=xpw.ravel(), minlength=R * K).reshape(R, K)
    wts = np.bincount(idx, weights=pw.ravel(), minlength=R * K).reshape(R, K)
    ls, lw = sums[region] - xpw, wts[region] - pw
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(lw > 1e-9, ls / np.where(lw > 1e-9, lw, 1.0) - X, 0.0)


def couple(g: np.ndarray, X: np.ndarray, W: np.ndarray, old: np.ndarray, form: str) -> np.ndarray:
    """Statewide swings ``g`` (.., K) made zero-sum over the ``old`` contenders (those standing
    before): their total statewide vote (share ``X`` where they stand, on ``W`` of the vote) stays
    what it was, so what one gains the others lose, in proportion to their shares."""
    wx = np.where(old, W * X, 0.0)
    tot = wx.sum()
    if tot <= 0:
        return g
    if form == "uniform":
        net = (np.where(old, W, 0.0) * g).sum(-1, keepdims=True)
        return np.where(old, g - net * X / tot, g)
    got = (wx * np.exp(g)).sum(-1, keepdims=True)
    return np.where(old, g - np.log(got / tot), g)


def seat_votes_factor(sizes: Sizes, votes: np.ndarray) -> np.ndarray:
    """(n,) the seat noise's factor for each seat's votes (1 where ``seat_votes_pow`` is 0)."""
    if sizes.seat_votes_pow == 0.0:
        return np.ones(len(votes))
    return (np.maximum(votes, 1.0) / SEAT_VOTES_REF) ** sizes.seat_votes_pow


def earlier_margin(x: np.ndarray, present: np.ndarray) -> np.ndarray:
    """(n,) each seat's earlier margin: the largest consolidated earlier share ``x`` (n, K) less the
    second largest, over the contenders standing now (``present``; OTH, the last, aside)."""
    v = np.where(present[:, :-1], x[:, :-1], 0.0)
    if v.shape[1] < 2:
        return v.max(1) if v.shape[1] else np.zeros(len(x))
    top = np.partition(v, v.shape[1] - 2, axis=1)[:, -2:]
    return top[:, 1] - top[:, 0]


def seat_margin_factor(sizes: Sizes, x: np.ndarray, present: np.ndarray) -> np.ndarray:
    """(n,) the seat noise's factor for each seat's earlier margin (:func:`earlier_margin`; 1 where
    ``seat_margin`` is 0)."""
    if sizes.seat_margin == 0.0:
        return np.ones(len(x))
    return np.exp(sizes.seat_margin * (earlier_margin(x, present) - MARGIN_REF))


def held_lead(t: Transition, old: np.ndarray) -> np.ndarray:
    """(n, K) 1 for the contender (among ``old``, standing now) whose party won the seat last time
    (``winner0``), else 0 — less its mean over the seats where the contender stands (weighted by the
    earlier votes), so that a shift by it moves a contender's vote between its seats, not its
    statewide share."""
    h = np.zeros((t.n, t.K))
    h[np.arange(t.n), t.winner0] = 1.0
    on = old[None, :] & t.present1
    h = h * on
    pw = on * t.weight0[:, None]
    mean = np.divide((h * pw).sum(0), pw.sum(0), out=np.zeros(t.K), where=pw.sum(0) > 0)
    return np.where(on, h - mean[None, :], 0.0)


def earlier_field(x: np.ndarray, present: np.ndarray) -> np.ndarray:
    """(n,) each seat's earlier effective number of contenders, 1 / the sum of the squared
    consolidated shares ``x`` of the contenders standing now (OTH, the last, aside)."""
    v = np.where(present[:, :-1], x[:, :-1], 0.0)
    sq = (v * v).sum(1)
    return np.where(sq > 0, 1.0 / np.where(sq > 0, sq, 1.0), 1.0)


def seat_field_factor(sizes: Sizes, x: np.ndarray, present: np.ndarray) -> np.ndarray:
    """(n,) the seat noise's factor for each seat's earlier effective number of contenders
    (:func:`earlier_field`; 1 where ``seat_field`` is 0)."""
    if sizes.seat_field == 0.0:
        return np.ones(len(x))
    return np.exp(sizes.seat_field * (earlier_field(x, present) - FIELD_REF))


def lead_spread(x: np.ndarray, X: np.ndarray, stands: np.ndarray) -> float:
    """The root mean square of the earlier leads ``x - X`` (a contender's seat share less its
    statewide share) over the seats and contenders where ``stands``: how unevenly the earlier
    election's vote lay (regional strongholds, multi-cornered contests)."""
    d = (x - X[None, :])[stands]
    return float(np.sqrt(np.mean(d * d))) if d.size else SPREAD_REF


def spread_factor(sizes: Sizes, spread: float) -> float:
    """The seat noise's factor for a state whose earlier leads spread ``spread`` (1 where
    ``seat_spread_pow`` is 0)."""
    if sizes.seat_spread_pow == 0.0:
        return 1.0
    return float((max(spread, 1e-3) / SPREAD_REF) ** sizes.seat_spread_pow)


def third_share(t: Transition, transfer: float) -> float:
    """The earlier statewide share (over every seat, consolidated at ``transfer``) of the
    third-largest contender (IND and OTH aside): how multi-cornered the state was."""
    v = statewide(consolidated(t, transfer), t.weight0, np.ones_like(t.present1))[:t.K - 2]
    return float(np.sort(v)[-3]) if len(v) >= 3 else 0.0


def standing_weight(t: Transition) -> np.ndarray:
    """(K,) the part of the earlier vote cast in the seats where each contender stands now."""
    return (t.present1 * t.weight0[:, None]).sum(0) / t.weight0.sum()


def later_gap(t: Transition, sizes: Sizes, poll: np.ndarray | None, X: np.ndarray,
              centre: np.ndarray) -> float:
    """The gap between the two largest contenders' (IND and OTH aside) later statewide shares of
    every seat: the poll's, or without one the centre's (``X`` moved by the ``centre`` swing where
    each stands; a new contender ``new_mean``)."""
    K = t.K
    if poll is None:
        later = np.where(is_new(t, sizes), sizes.new_mean, X + statewide_change(sizes, X, centre)) * standing_weight(t)
    else:
        later = np.nan_to_num(poll)
    v = np.sort(later[:K - 2])[::-1]
    return float(v[0] - v[1]) if len(v) >= 2 else GAP_REF


def gap_factor(sizes: Sizes, gap: float) -> float:
    """The seat noise's factor for a later gap ``gap`` between the two largest (1 where ``seat_gap`` is 0)."""
    return math.exp(sizes.seat_gap * (gap - GAP_REF)) if sizes.seat_gap else 1.0


def statewide_change(sizes: Sizes, X: np.ndarray, g: np.ndarray) -> np.ndarray:
    """(.., K) the statewide change of share (points) that a swing ``g`` makes of ``X``."""
    if sizes.form == "uniform":
        return g
    if sizes.form == "proportional":
        return X * np.expm1(g)
    return g      # logit: its sign


def losers_take(x: np.ndarray, new_y: np.ndarray, loser: np.ndarray, pw: np.ndarray) -> np.ndarray:
    """(.., n, K) the part of a new contender's uneven vote each old loser gives up in a seat: the
    new contenders' total share in the seat ``new_y`` (.., n) less its mean over the seats where the
    contender stands (``pw``: standing x the earlier votes, (n, K)), times the contender's part of
    the losers' earlier vote in the seat (``x`` (.., n, K); ``loser`` (.., 1, K) or (K,): the old
    contenders that lose statewide), recentred on 0 over its seats (the statewide shares stay)."""
    lx = np.where(loser, x, 0.0)
    tot = lx.sum(-1, keepdims=True)
    frac = np.where(tot > 0, lx / np.where(tot > 0, tot, 1.0), 0.0)
    w = np.maximum(pw.sum(0), 1e-12)
    ny = new_y[..., None]
    nd = ny - (ny * pw).sum(-2, keepdims=True) / w
    v = frac * nd
    return v - (v * pw).sum(-2, keepdims=True) / w


def _logit_apply(base, g):
    b = np.clip(base, 1e-4, 1 - 1e-4)
    return 1.0 / (1.0 + np.exp(-(np.log(b / (1 - b)) + g)))


def poll_loss(sizes: Sizes, X: np.ndarray, target: np.ndarray | None) -> np.ndarray | None:
    """(K,) each contender's relative statewide loss a poll says (its share where it stands over
    X, less 1, where below 0; 0 where it gains or is new), or None where ``keep_loss`` is not
    fitted or there is no poll."""
    if not (sizes.keep_loss or sizes.keep_loss_size) or target is None:
        return None
    return relative_loss(X, np.nan_to_num(target))


def relative_loss(X: np.ndarray, later: np.ndarray) -> np.ndarray:
    """(K,) ``later / X - 1`` where that is below 0 (a contender's relative statewide loss), 0
    where it gains or had no share before."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.minimum(np.where(X > 0, later / np.where(X > 0, X, 1.0) - 1.0, 0.0), 0.0)


def _base(sizes: Sizes, X, x, pw=None, keep=None, rl=None, loss=None):
    """The seat's share before the statewide swing: X plus the part of its lead kept (and of its
    region's lead ``rl``, :func:`region_lead`, where ``keep_region`` is fitted); where the part
    kept depends on the lead (``keep_lead``) or the region's lead counts, the kept leads are
    recentred on 0 over the seats where the contender stands (``pw``: standing x the earlier
    votes), so the statewide share stays X; with a poll's relative losses ``loss``
    (:func:`poll_loss`), a losing contender keeps ``keep_loss`` x its loss less (or more) of its lead."""
    kept = sizes.kept(X, x - X, keep)
    if sizes.keep_region != 0.0 and rl is not None:
        kept = kept + sizes.keep_region * rl
    if loss is not None:
        kept = kept + (sizes.keep_loss + sizes.keep_loss_size * X) * loss * (x - X)
    if (sizes.keep_lead != 0.0 or (sizes.keep_region != 0.0 and rl is not None) or loss is not None) and pw is not None:
        kept = kept - (kept * pw).sum(-2, keepdims=True) / np.maximum(pw.sum(0), 1e-12)
    return X + kept


def _apply(sizes: Sizes, X, x, g, keep=None, pw=None, rl=None, loss=None):
    base = _base(sizes, X, x, pw, keep, rl, loss)
    if sizes.form == "uniform":
        return base + g
    if sizes.form == "logit":
        return _logit_apply(base, g)
    return base * np.exp(g)


def simulate(t: Transition, sizes: Sizes, draws: int, seed: int, poll: np.ndarray | None = None,
             chunk: int = 500) -> tuple[np.ndarray, np.ndarray]:
    """P(win) per seat and contender (n, K), and seats per draw and contender (draws, K)."""
    rng = np.random.default_rng(seed)
    n, K = t.n, t.K
    R = int(t.region.max()) + 1
    x_c = consolidated(t, sizes.transfer)
    X = statewide(x_c, t.weight0, t.present1)
    new = is_new(t, sizes)
    ind = K - 2
    centre = _centre(t, sizes, X, poll, x_c)
    spread = (sizes.state_spread(X) * incumbent_spread(t, sizes))[None, None, :] if poll is None else sizes.poll_sd
    W = standing_weight(t)
    old = ~new & (np.arange(K) < K - 2) & (W > 0)
    vote_factor = seat_votes_factor(sizes, t.weight0)
    if sizes.seat_margin:
        vote_factor = vote_factor * seat_margin_factor(sizes, x_c, t.present1)
    if sizes.seat_field:
        vote_factor = vote_factor * seat_field_factor(sizes, x_c, t.present1)
    if sizes.seat_spread_pow:
        vote_factor = vote_factor * spread_factor(sizes, lead_spread(x_c, X, t.present1 & old[None, :]))
    local = 1.0
    if sizes.seat_gap:
        gf = gap_factor(sizes, later_gap(t, sizes, poll, X, centre))
        vote_factor = vote_factor * gf
        local = gf if sizes.gap_local else 1.0
    new_share = sizes.new_mean if poll is None else poll_where_standing(t, poll)
    width = max([len(t.partners.get(c, ())) for c in t.contenders[:-2]] + [1])
    pidx = np.where(t.partner1 >= 0, np.arange(K)[None, :] * width + t.partner1, -1)
    standing = t.present1 & (np.arange(K) < K - 1)[None, :]
    pw = t.present1 * t.weight0[:, None]
    rl = region_lead(t.region, x_c, t.weight0, t.present1, X) if sizes.keep_region else None
    loss = poll_loss(sizes, X, None if poll is None else poll_where_standing(t, poll))
    third = third_share(t, sizes.transfer) if sizes.keep_third else THIRD_REF
    ind_shift = 0.0
    if sizes.ind_to_poll and poll is not None:
        kept_ind = statewide(sizes.ind_keep * t.stand0, t.weight0, t.present1)[ind]
        ind_shift = float(poll_where_standing(t, poll)[ind] - kept_ind)
    held = held_lead(t, old) if sizes.winner_shift else None
    wins = np.zeros((n, K))
    seats = np.zeros((draws, K), dtype=np.int32)
    done = 0
    while done < draws:
        d = min(chunk, draws - done)
        tau = np.clip(sizes.transfer + sizes.transfer_sd * rng.standard_normal((d, 1, K)), 0.0, 1.0)
        x = t.stand0[None] + tau * t.away0[None]
        if math.isfinite(sizes.state_df):
            z = rng.standard_t(sizes.state_df, (d, 1, K)) * math.sqrt(max(sizes.state_df - 2, 1e-3) / sizes.state_df)
        else:
            z = rng.standard_normal((d, 1, K))
        if sizes.wave_p > 0 and poll is None:
            z = z * np.where(rng.random((d, 1, 1)) < sizes.wave_p, sizes.wave_mult, 1.0)
        g = centre[None, None, :] + spread * z
        if sizes.coupled and poll is None and sizes.form != "logit":
            g = couple(g, X, W, old, sizes.form)
        keep = sizes.state_keep(n, third) if sizes.keep_varies else None
        if sizes.keep_sd > 0:
            keep = np.clip(sizes.state_keep(n, third) + sizes.keep_sd * rng.standard_normal((d, 1, 1)), 0.0, 1.0)
        y = _apply(sizes, X[None, None, :], x, g, keep, pw, rl, loss)
        if sizes.winner_shift:      # the seats the contender won: before the swing, as the leads
            y = y + sizes.winner_shift * held[None] * (np.exp(g) if sizes.form == "proportional" else 1.0)
        if sizes.noise_by_centre:      # the share the seat noise grows with: the centre drawn, a new contender's own
            at = np.clip(np.where(new[None, None, :], new_share if poll is None else new_share[None, None, :], y), 0, 1)
        else:
            at = np.clip(x, 0, 1)
        if sizes.partner_sd > 0:
            pz = local * sizes.partner_sd * rng.standard_normal((d, K * width))
            y = y + np.where(pidx[None] >= 0, pz[:, np.clip(pidx, 0, None)], 0.0)
        if poll is None:
            y = np.where(new[None, None, :], new_share + sizes.new_sd * rng.standard_normal((d, 1, K)), y)
        else:
            y = np.where(new[None, None, :], new_share[None, None, :], y)
        if sizes.new_seat_sd > 0 and new.any():    # where a new contender stands, its vote lies unevenly
            s_ = sizes.new_seat_sd
            y = np.where(new[None, None, :], y * np.exp(s_ * rng.standard_normal((d, n, K)) - s_ * s_ / 2), y)
        if sizes.region_sd > 0:
            if math.isfinite(sizes.region_df):
                zr = rng.standard_t(sizes.region_df, (d, R, K)) * math.sqrt((sizes.region_df - 2) / sizes.region_df)
            else:
                zr = rng.standard_normal((d, R, K))
            y = y + local * sizes.region_sd * zr[:, t.region, :]
        if math.isfinite(sizes.seat_df):
            e = rng.standard_t(sizes.seat_df, (d, n, K)) * math.sqrt((sizes.seat_df - 2) / sizes.seat_df)
        else:
            e = rng.standard_normal((d, n, K))
        y = y + (sizes.seat_sd + sizes.seat_slope * at) * vote_factor[None, :, None] * e
        if sizes.new_take and new.any():    # where a new contender does well, the losers lose there
            loser = old[None, None, :] & (statewide_change(sizes, X[None, None, :], g) < 0)
            newc = new & (np.arange(K) < K - 2)
            new_y = np.where(standing[None] & newc[None, None, :], np.maximum(y, 0.0), 0.0).sum(-1)
            y = y - sizes.new_take * losers_take(x_c[None], new_y, loser, pw)
        y[:, :, ind] = sizes.ind_keep * t.stand0[None, :, ind] + ind_shift + sizes.ind_sd * rng.standard_normal((d, n))
        y = np.where(standing[None], np.maximum(y, 0.0), -1.0)
        w = np.argmax(y, axis=2)
        onehot = np.zeros((d, n, K), dtype=bool)
        np.put_along_axis(onehot, w[..., None], True, 2)
        wins += onehot.sum(0)
        seats[done:done + d] = onehot.sum(1)
        done += d
    return wins / draws, seats


def deterministic(t: Transition, sizes: Sizes, poll: np.ndarray | None = None) -> np.ndarray:
    """The winner per seat (contender index) with every draw at its centre."""
    K = t.K
    x = consolidated(t, sizes.transfer)
    X = statewide(x, t.weight0, t.present1)
    rl = region_lead(t.region, x, t.weight0, t.present1, X) if sizes.keep_region else None
    loss = poll_loss(sizes, X, None if poll is None else poll_where_standing(t, poll))
    y = _apply(sizes, X[None, :], x, _centre(t, sizes, X, poll, x)[None, :], pw=t.present1 * t.weight0[:, None], rl=rl,
               loss=loss,
               keep=sizes.state_keep(t.n, third_share(t, sizes.transfer)) if sizes.keep_varies else None)
    new = is_new(t, sizes)
    if sizes.winner_shift:
        g = _centre(t, sizes, X, poll, x)[None, :]
        old = ~new & (np.arange(K) < K - 2) & (standing_weight(t) > 0)
        y = y + sizes.winner_shift * held_lead(t, old) * (np.exp(g) if sizes.form == "proportional" else 1.0)
    y = np.where(new[None, :], sizes.new_mean if poll is None else poll_where_standing(t, poll)[None, :], y)
    if sizes.new_take and new[:K - 2].any():
        old = ~new & (np.arange(K) < K - 2) & (standing_weight(t) > 0)
        loser = old & (statewide_change(sizes, X, _centre(t, sizes, X, poll, x)) < 0)
        new_y = np.where(t.present1 & new[None, :] & (np.arange(K) < K - 2)[None, :], y, 0.0).sum(-1)
        y = y - sizes.new_take * losers_take(x, new_y, loser, t.present1 * t.weight0[:, None])
    y[:, K - 2] = sizes.ind_keep * t.stand0[:, K - 2]
    y = np.where(t.present1 & (np.arange(K) < K - 1)[None, :], y, -1.0)
    return np.argmax(y, axis=1)


MAJOR = 0.10     # a major bloc won at least this share of the seats then or now


def majors(t: Transition) -> list[int]:
    """The major blocs of a transition: those that won at least ``MAJOR`` of the seats then or
    now, and at least the two largest now (largest first)."""
    real = t.seats1()
    before = np.bincount(t.winner0, minlength=t.K)
    ks = [k for k in range(t.K - 1) if max(real[k], before[k]) >= MAJOR * t.n]
    for k in np.argsort(-real, kind="stable")[:2]:
        if int(k) not in ks and k < t.K - 1 and real[k] > 0:
            ks.append(int(k))
    return sorted(ks, key=lambda k: -real[k])


def bloc_log_loss(p: np.ndarray, winner: np.ndarray, eps: float, blocs: list[int]) -> float:
    """Per seat, the log loss of P(bloc wins the seat) averaged over ``blocs`` (a coin flip: 0.693);
    a probability floored at ``eps``."""
    yb = np.zeros((len(winner), len(blocs)))
    for j, k in enumerate(blocs):
        yb[:, j] = winner == k
    pb = np.clip(p[:, blocs], eps, 1 - eps)
    return float(-(yb * np.log(pb) + (1 - yb) * np.log(1 - pb)).mean())


def shipped(poll: bool = False) -> tuple["Sizes", dict]:
    """The sizes fitted on the corpus (resources/seat_model.json, tools/fit_seat_model.py) — the
    form chosen without a poll, or (``poll``) the one that turns a poll into seats best — and the
    whole file: the forms, what they were fitted on, their out-of-sample figures."""
    import json

    from .paths import resource_root
    doc = json.loads((resource_root() / "seat_model.json").read_text(encoding="utf-8"))
    return Sizes.from_json(doc["poll_sizes" if poll else "sizes"]), doc


def coverage_sentence(doc: dict) -> str:
    """What the dock and the brief say of the model's record, from its shipped figures."""
    b = doc["backtest"]
    return (f"80 % ranges held the result in {b['covered80']} of {b['bloc_transitions']} past elections' blocs "
            f"({len(doc['states'])} states, each left out of the fit it was tested with)")


def fitted_on(doc: dict) -> str:
    """What the model was fitted on, from its shipped document."""
    return (f"Seat model fitted on {doc['fit']['transitions']} changes between consecutive assembly elections "
            f"in {len(doc['states'])} states and UTs (Vidhan Sabha results since the 2008 delimitation)")


def width_sentence(doc: dict) -> str:
    """Without a poll the range is wide: the back-tests' median width of the 80 % range, and
    with a perfect poll."""
    w = doc["backtest"]["median_width80"]
    wp = doc["perfect_poll"]["median_width80"]
    return (f"Without a poll the range is wide: in those back-tests the median 80 % range spanned "
            f"{w * 100:.0f} % of the seats ({wp * 100:.0f} % with the real vote shares as the poll). "
            f"A poll (Assumptions ▸ Poll) narrows it.")


def poll_sentence(doc: dict) -> str:
    b = doc["perfect_poll"]
    return (f"With the real vote shares as the poll, 80 % ranges held the result in {b['covered80']} of "
            f"{b['bloc_transitions']}; a poll's own error is not in the range (0 unless set)")
