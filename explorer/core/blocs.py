"""Blocs: ours (the partners we negotiate for, the scenario's pools) and the rivals.

A rival bloc is a set of parties with its own seat split: in each seat some of its partners
stand (one alone, or several in a friendly fight, or none). A partner that does not stand
hands ``transfer`` of its voters to the bloc's candidate(s) there (pro rata to their votes),
and the rest to every other contender, pro rata. A party in no bloc stands alone, as in the
baseline; an independent is a candidate, never a bloc.

The split of a rival is given per seat where it was edited, and otherwise follows its default:
``baseline`` (each partner where it stood in the baseline: nothing changes but who counts for
whom) or ``strongest`` (the bloc's strongest partner in the seat, after swing, stands alone).
Rivals are immutable and hashable, like the assumptions: the projector caches by them.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Mapping

import numpy as np

from .assumptions import DEFAULT_TRANSFER, NOT_PARTIES

BASELINE = "baseline"
STRONGEST = "strongest"
SPLITS = (BASELINE, STRONGEST)
IND = "IND"
TIE = "TIE"
RIVAL_COLOUR = "#F28C28"


@dataclass(frozen=True)
class RivalBloc:
    name: str
    partners: tuple[str, ...]                                # party codes as in the baselines
    split: str = BASELINE                                    # the default for seats not in ``seats``
    seats: tuple[tuple[int, tuple[str, ...]], ...] = ()      # ac_no -> the partners standing (edited)
    transfer: float = DEFAULT_TRANSFER
    colour: str = RIVAL_COLOUR

    def __post_init__(self):
        if not self.name.strip():
            raise ValueError("a bloc needs a name")
        if not self.partners:
            raise ValueError(f"bloc {self.name}: no partners")
        if len(set(self.partners)) != len(self.partners):
            raise ValueError(f"bloc {self.name}: a partner is named twice")
        bad = [p for p in self.partners if p in NOT_PARTIES or p == TIE]
        if bad:
            raise ValueError(f"bloc {self.name}: {', '.join(bad)} is not a party (independents are candidates)")
        if self.split not in SPLITS:
            raise ValueError(f"bloc {self.name}: split {self.split!r}; use {' or '.join(SPLITS)}")
        if not 0.0 <= self.transfer <= 1.0:
            raise ValueError(f"bloc {self.name}: transfer {self.transfer} is outside 0-1")
        for ac, codes in self.seats:
            unknown = [c for c in codes if c not in self.partners]
            if unknown:
                raise ValueError(f"bloc {self.name}, seat {ac}: {', '.join(unknown)} is not a partner of the bloc")

    @property
    def edited(self) -> dict[int, tuple[str, ...]]:
        return dict(self.seats)

    def with_seats(self, standing: Mapping[int, Iterable[str] | None]) -> "RivalBloc":
        """A copy where the given seats have these partners standing (in the bloc's order);
        None puts a seat back on the default split."""
        d = self.edited
        for ac, codes in standing.items():
            if codes is None:
                d.pop(int(ac), None)
            else:
                codes = set(codes)
                d[int(ac)] = tuple(c for c in self.partners if c in codes)
        return replace(self, seats=tuple(sorted(d.items())))

    def to_json(self) -> dict:
        return {"name": self.name, "partners": list(self.partners), "split": self.split,
                "transfer": self.transfer, "colour": self.colour,
                "seats": {str(a): list(c) for a, c in self.seats}}


def check_blocs(ours: Iterable[str], rivals: Iterable[RivalBloc], our_name: str = "") -> None:
    """ValueError when a party is in two blocs, or two blocs share a name."""
    owner = {c: our_name or "ours" for c in ours}
    names = {our_name.casefold()} if our_name else set()
    for b in rivals:
        if b.name.casefold() in names:
            raise ValueError(f"two blocs are called {b.name}")
        names.add(b.name.casefold())
        for c in b.partners:
            if c in owner:
                raise ValueError(f"{c} is in two blocs: {owner[c]} and {b.name}")
            owner[c] = b.name


# -- the projection's side: rival slots and their transfers ------------------------------------------

class RivalLayout:
    """Where each rival partner's vote sits in a prepared baseline: one column per partner
    (after the baseline's own columns), its own candidates' votes moved there. Built by
    ``PreparedBaseline.with_rival_slots``."""

    def __init__(self, rivals: tuple[RivalBloc, ...], first_col: int):
        self.rivals = rivals
        self.codes = [c for b in rivals for c in b.partners]
        self.cols = {c: first_col + k for k, c in enumerate(self.codes)}


def standing_matrix(bloc: RivalBloc, seat_index: dict[int, int], present: np.ndarray,
                    swung: np.ndarray) -> np.ndarray:
    """(N, partners) bool: who stands for the bloc in each seat. ``present`` and ``swung``:
    (N, partners), the partner had a candidate in the baseline / its vote after swing."""
    N, M = present.shape
    if bloc.split == BASELINE:
        out = present.copy()
    else:
        out = np.zeros((N, M), dtype=bool)
        score = np.where(present, swung, -np.inf)
        best = np.argmax(score, axis=1)
        has = present.any(axis=1)
        out[np.flatnonzero(has), best[has]] = True
    for ac, codes in bloc.seats:
        i = seat_index.get(ac)
        if i is None:
            continue
        out[i] = [c in codes for c in bloc.partners]
    return out


def apply_rival_transfers(W: np.ndarray, contender: np.ndarray, cols: np.ndarray, standing: np.ndarray,
                          transfer: float) -> None:
    """In place: the bloc partners in columns ``cols`` that do not stand give ``transfer`` of
    their vote to the bloc's standing candidates (pro rata to their votes; equally where they
    have none) and the rest to every other contender of the seat, pro rata; a partner that does
    not stand is no longer a contender. ``contender``: (N, K) bool, the candidates standing."""
    N = W.shape[0]
    own = W[:, cols] * standing
    tot = own.sum(axis=1, keepdims=True)
    n_st = standing.sum(axis=1, keepdims=True)
    weight = np.divide(own, tot, out=np.divide(standing.astype(float), np.maximum(n_st, 1)), where=tot > 0)
    give = np.where(standing, 0.0, W[:, cols]).sum(axis=1)           # the non-standing partners' vote
    to_bloc = np.where(n_st[:, 0] > 0, transfer * give, 0.0)
    for m, c in enumerate(cols):
        off = ~standing[:, m]
        W[off, c] = 0.0
        contender[off, c] = False
    W[:, cols] += weight * to_bloc[:, None]
    rest = give - to_bloc
    others = contender.copy()
    others[:, cols] = False
    osum = np.where(others, W, 0.0).sum(axis=1)
    frac = np.divide(rest, osum, out=np.zeros(N), where=osum > 0)
    W[:] = np.where(others, W * (1.0 + frac[:, None]), W)


# -- figures by bloc -------------------------------------------------------------------------------

@dataclass(frozen=True)
class BlocIndex:
    """Which bloc each party index of a projection belongs to: 0 ours, 1.. the rivals in order,
    then 'unaligned', 'independents' and 'tied' as the last three."""
    names: tuple[str, ...]          # bloc names: ours first, then the rivals
    of_party: np.ndarray            # party index -> bloc column

    @property
    def n_blocs(self) -> int:
        return len(self.names)

    @property
    def unaligned(self) -> int:
        return self.n_blocs

    @property
    def independents(self) -> int:
        return self.n_blocs + 1

    @property
    def tied(self) -> int:
        return self.n_blocs + 2

    def columns(self) -> int:
        return self.n_blocs + 3

    def counts(self, party_counts: np.ndarray) -> np.ndarray:
        """Per bloc column, from seats per party index ((..., P) -> (..., columns))."""
        out = np.zeros(party_counts.shape[:-1] + (self.columns(),), dtype=np.int64)
        for k in range(self.columns()):
            out[..., k] = party_counts[..., self.of_party == k].sum(axis=-1)
        return out

    def label(self, col: int) -> str | None:
        """The bloc's name, or None for unaligned, independents and tied seats."""
        return self.names[col] if col < self.n_blocs else None


def bloc_index(parties: list[str], n_partners: int, our_name: str, rivals: tuple[RivalBloc, ...]) -> BlocIndex:
    names = (our_name,) + tuple(b.name for b in rivals)
    n = len(names)
    of = np.full(len(parties), n, dtype=np.int64)         # unaligned
    of[:n_partners] = 0
    member = {c: k + 1 for k, b in enumerate(rivals) for c in b.partners}
    for i, p in enumerate(parties):
        if i < n_partners:
            continue
        if p in member:
            of[i] = member[p]
        elif p == IND:
            of[i] = n + 1
        elif p == TIE:
            of[i] = n + 2
    return BlocIndex(names, of)


def parse_rival(spec: str, resolve=None) -> RivalBloc:
    """``NAME=P1,P2,...[:baseline|strongest]`` (the command line's --rival). ``resolve``: the
    data set's spelling -> code (a partner may be written as ECI names it)."""
    name, eq, rest = spec.partition("=")
    if not eq or not name.strip() or not rest.strip():
        raise ValueError(f"--rival {spec}: expected NAME=P1,P2,...[:baseline|strongest]")
    split = BASELINE
    head, colon, tail = rest.rpartition(":")
    if colon and tail.strip().lower() in SPLITS:
        rest, split = head, tail.strip().lower()
    codes = []
    for tok in rest.split(","):
        t = tok.strip()
        if not t:
            continue
        code = (resolve(t) if resolve else None) or t.upper()
        codes.append(code)
    return RivalBloc(name.strip(), tuple(dict.fromkeys(codes)), split)
