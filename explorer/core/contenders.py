"""New contenders: a party absent from the baseline, or an independent (or a rebel) in a named seat.

A party enters with a statewide share (points of the valid vote), placed ``uniform`` (the same
share in every seat), ``like:PARTY`` (in proportion to another party's vote in each seat: where it
is strong, so is the newcomer) or ``seats`` (only in the chosen seats, the statewide share spread
over them in proportion to their valid votes). An independent stands in the named seat with the
seat's share. A contender's vote is taken from every other candidate of the seat in proportion to
theirs, so each seat keeps its valid vote. It is a candidate of the baseline from then on: a
partner or a rival's partner may be a new party, the swing moves it, and the uncertainty draws its
vote like any other's."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .assumptions import NOT_PARTIES
from .dataset import Baseline, SeatTable

UNIFORM, SEATS = "uniform", "seats"
MAX_SEAT_SHARE = 95.0       # points: no contender takes the whole of a seat


@dataclass(frozen=True)
class Contender:
    code: str                      # a party code, or "IND" for an independent
    share: float                   # points: statewide (a party), of the seat (an independent)
    place: str = UNIFORM           # "uniform", "like:PARTY", "seats" (a party)
    seats: tuple[int, ...] = ()    # the chosen seats (place "seats"), or the independent's one seat
    name: str = ""                 # the candidate's name (an independent, a rebel)

    def __post_init__(self):
        if not 0.0 < self.share < 100.0:
            raise ValueError(f"contender {self.code}: share {self.share:g} is not between 0 and 100 points")
        if self.code == "IND":
            if len(self.seats) != 1:
                raise ValueError("an independent stands in one named seat")
        elif self.code in NOT_PARTIES or not self.code.strip():
            raise ValueError(f"{self.code!r} is not a party")
        elif not (self.place in (UNIFORM, SEATS) or self.place.startswith("like:")):
            raise ValueError(f"contender {self.code}: place {self.place!r}; use uniform, like:PARTY or seats")
        elif self.place == SEATS and not self.seats:
            raise ValueError(f"contender {self.code}: name its seats")

    @property
    def label(self) -> str:
        if self.code == "IND":
            return f"{self.name or 'Independent'} in seat {self.seats[0]}, {self.share:g} %"
        where = {UNIFORM: "in every seat", SEATS: f"in {len(self.seats)} seats"}.get(
            self.place, f"where {self.place[5:]} is strong")
        return f"{self.code} {self.share:g} % statewide {where}"

    def to_json(self) -> dict:
        d = {"code": self.code, "share": self.share, "place": self.place}
        if self.seats:
            d["seats"] = list(self.seats)
        if self.name:
            d["name"] = self.name
        return d


def parse_contender(spec: str, resolve=None) -> Contender:
    """``CODE=SHARE[:uniform|:like=PARTY|:seats=1,2,3]`` (the command line's --contender)."""
    code, eq, rest = spec.partition("=")
    if not eq or not code.strip():
        raise ValueError(f"--contender {spec}: expected CODE=SHARE[:uniform|:like=PARTY|:seats=1,2,3]")
    share_s, _, how = rest.partition(":")
    try:
        share = float(share_s)
    except ValueError:
        raise ValueError(f"--contender {spec}: {share_s!r} is not a share in points") from None
    code = (resolve(code.strip()) if resolve else None) or code.strip().upper()
    how = how.strip()
    if not how or how == UNIFORM:
        return Contender(code, share)
    kind, _, arg = how.partition("=")
    if kind == "like" and arg.strip():
        return Contender(code, share, "like:" + ((resolve(arg.strip()) if resolve else None) or arg.strip().upper()))
    if kind == SEATS and arg.strip():
        try:
            seats = tuple(int(a) for a in arg.split(",") if a.strip())
        except ValueError:
            raise ValueError(f"--contender {spec}: seats are numbers, e.g. seats=1,2,3") from None
        return Contender(code, share, SEATS, seats)
    raise ValueError(f"--contender {spec}: after the share, write :uniform, :like=PARTY or :seats=1,2,3")


def parse_independent(spec: str) -> Contender:
    """``AC_NO=SHARE[:NAME]`` (the command line's --independent)."""
    ac, eq, rest = spec.partition("=")
    share_s, _, name = rest.partition(":")
    try:
        return Contender("IND", float(share_s), SEATS, (int(ac),), name.strip())
    except ValueError as e:
        raise ValueError(f"--independent {spec}: expected AC_NO=SHARE[:NAME] ({e})") from None


def seat_shares(c: Contender, b: Baseline, seats: SeatTable) -> np.ndarray:
    """Points of each seat's valid vote the contender takes (0 where it does not stand)."""
    df = b.candidates
    idx = df["ac_no"].map(seats._index).to_numpy()
    votes = df["votes"].to_numpy(dtype=float)
    valid = np.bincount(idx, weights=votes, minlength=seats.n)
    out = np.zeros(seats.n)
    if c.code == "IND":
        out[seats.index_of(c.seats[0])] = c.share
    elif c.place == UNIFORM:
        out[:] = c.share
    elif c.place == SEATS:
        chosen = seats.indices(list(c.seats))
        total = valid.sum() * c.share / 100.0
        w = valid[chosen] / max(valid[chosen].sum(), 1.0)
        out[chosen] = np.divide(total * w, valid[chosen], out=np.zeros(len(chosen)), where=valid[chosen] > 0) * 100
    else:
        like = c.place[5:]
        m = df["party"].to_numpy() == like
        if not m.any():
            raise ValueError(f"contender {c.code}: {like} has no vote in the baseline {b.id} to follow")
        pv = np.bincount(idx[m], weights=votes[m], minlength=seats.n)
        total = valid.sum() * c.share / 100.0
        out = np.divide(total * pv / pv.sum(), valid, out=np.zeros(seats.n), where=valid > 0) * 100
    # no vote to share: a seat with no valid vote, or elected unopposed (one candidate, NOTA apart)
    real = df["party"].to_numpy() != "NOTA"
    n_cand = np.bincount(idx[real], minlength=seats.n)
    out[(valid <= 0) | (n_cand <= 1)] = 0.0
    return np.minimum(out, MAX_SEAT_SHARE)


def with_contenders(b: Baseline, seats: SeatTable, contenders: tuple[Contender, ...]) -> Baseline:
    """The baseline with the contenders standing, each seat's other candidates giving up their
    vote in proportion (a seat keeps its valid vote). ValueError for a party that already stands."""
    if not contenders:
        return b
    df = b.candidates.copy()
    df["votes"] = df["votes"].astype(float)
    parties = set(df["party"])
    rows = []
    for c in contenders:
        if c.code != "IND" and c.code in parties:
            raise ValueError(f"{c.code} stands in the baseline {b.id}: give it a swing, not a new entry")
        s = seat_shares(c, b, seats) / 100.0
        idx = df["ac_no"].map(seats._index).to_numpy()
        valid = np.bincount(idx, weights=df["votes"].to_numpy(), minlength=seats.n)
        df["votes"] = df["votes"].to_numpy() * (1.0 - s[idx])
        for i in np.flatnonzero(s > 0):
            rows.append((int(seats.ac_no[i]), 0, c.name or (f"New: {c.code}" if c.code != "IND" else "Independent"),
                         c.code, float(valid[i] * s[i])))
        if rows:
            df = pd.concat([df, pd.DataFrame(rows, columns=["ac_no", "candidate_no", "candidate", "party", "votes"])],
                           ignore_index=True)
            rows = []
    df = df.sort_values(["ac_no", "votes"], ascending=[True, False], kind="stable").reset_index(drop=True)
    return Baseline(b.id, b.label, df, b.note, b.source, b.year, b.kind)
