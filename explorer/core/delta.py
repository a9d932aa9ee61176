"""What one edit changed, seat by seat: worked out once, by the document, for every view.

``evaluation_delta(before, after, seats, fights_before, fights_after)``: the seat indices whose
pool, winner, margin, the alliance's margin, conflicts or friendly fight differ between two
evaluations of one scenario (a move changes a few), or every seat (``rows`` None) when any may:
other assumptions, baseline, data set or partners. A view re-formats those rows only, which
matters at 543 seats; ``rows_since(seen)`` gives them only to a view that showed ``before``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np


@dataclass(frozen=True, eq=False)
class Delta:
    before: object | None               # the evaluation the change is counted from (None: none)
    after: object                       # the evaluation after it
    rows: tuple[int, ...] | None        # the seat indices that can differ; None: any

    @property
    def whole(self) -> bool:
        return self.rows is None

    def rows_since(self, seen) -> list[int] | None:
        """The changed rows for a view that last showed ``seen``; None (any row) for another."""
        if self.rows is None or seen is None or seen is not self.before:
            return None
        return list(self.rows)


def evaluation_delta(before, after, seats, fights_before: Mapping | None = None,
                     fights_after: Mapping | None = None) -> Delta:
    if before is None or before.projector is not after.projector:
        return Delta(before, after, None)
    a, b = before.projection, after.projection
    if a.pools.shape != b.pools.shape:
        return Delta(before, after, None)
    diff = (a.pools != b.pools) | (a.winner != b.winner) | (a.margin_pts != b.margin_pts) \
        | (before.alliance_margin != after.alliance_margin)
    ob, nb = before.conflicts_by_seat(), after.conflicts_by_seat()
    moved = [ac for ac in set(ob) | set(nb) if ob.get(ac) != nb.get(ac)]
    fb, fa = fights_before or {}, fights_after or {}
    if fb != fa:
        moved += [ac for ac in set(fb) | set(fa) if fb.get(ac) != fa.get(ac)]
    out = set(np.flatnonzero(diff).tolist())
    out.update(seats.index_of(ac) for ac in moved if seats.has(ac))
    return Delta(before, after, tuple(sorted(out)))
