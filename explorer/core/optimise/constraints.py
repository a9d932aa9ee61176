"""The rules and locks as the optimiser holds them (``constraints``), and which of them a split breaks."""
from __future__ import annotations

import math
from typing import Iterable

import numpy as np

from ..rules import Context, FactionClaim, MustHave, RegionalMinimum, RuleSet, SeatBounds
from .limits import CONSTRAINT_KINDS, Con
from .table import WinTable


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
    for rid, cost in soft.items():
        if cost is not None and not (isinstance(cost, (int, float)) and math.isfinite(cost) and cost >= 0):
            raise ValueError(f"soft: rule {rid!r} costs {cost!r}; a cost is a finite number of expected seats, 0 or more")
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
