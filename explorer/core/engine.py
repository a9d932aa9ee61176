"""Evaluation of a scenario: projection, pool breakdown and conflicts in one call.

The engine caches the prepared baseline matrices and the per-seat outcomes of the current
assumptions, so the recompute after a seat move is a gather plus the rules (well under a
millisecond at 90 seats); only an assumption change recomputes the outcomes."""
from __future__ import annotations

from dataclasses import dataclass, field

from .dataset import Dataset
from .pools import Pools
from .projection import PoolBreakdown, PreparedBaseline, Projection, Projector, pool_breakdown
from .rules import Conflict, Context
from .scenario import Scenario


@dataclass
class Evaluation:
    projection: Projection
    breakdown: PoolBreakdown
    conflicts: list[Conflict]
    projector: Projector
    _by_seat: dict | None = field(default=None, repr=False)

    def conflicts_by_seat(self) -> dict[int, list[Conflict]]:
        """The conflicts that concern each seat. A conflict about many seats (a regional
        minimum, a seat count) is listed under them only when it names three or fewer."""
        if self._by_seat is None:
            out: dict[int, list[Conflict]] = {}
            for c in self.conflicts:
                if len(c.seats) <= 3 or c.kind in ("faction_claim", "must_have", "split_vote_risk"):
                    for a in c.seats:
                        out.setdefault(a, []).append(c)
            self._by_seat = out
        return self._by_seat


class Engine:
    def __init__(self, dataset: Dataset, prepared: dict | None = None):
        """``prepared``: a cache of baseline matrices to share with other engines of the same
        data set (each open scenario has its engine; the matrices are built once)."""
        self.dataset = dataset
        self._prepared: dict[tuple, PreparedBaseline] = {} if prepared is None else prepared
        self._projector: Projector | None = None
        self._projector_key: tuple | None = None

    def prepared(self, baseline_id: str, partner_codes: tuple[str, ...]) -> PreparedBaseline:
        key = (baseline_id, partner_codes, id(self.dataset.baselines[baseline_id]))
        pb = self._prepared.get(key)
        if pb is None:
            pb = PreparedBaseline(self.dataset.seats, self.dataset.baseline(baseline_id), partner_codes)
            self._prepared[key] = pb
        return pb

    def projector(self, pools: Pools, assumptions, rebels: tuple = ()) -> Projector:
        """``rebels``: optional ``projection.Rebel`` assumptions (denied claims' rebels)."""
        rebels = tuple(rebels)
        key = (pools.partners, assumptions, id(self.dataset.baselines.get(assumptions.baseline)), rebels)
        if key != self._projector_key:
            codes = tuple(p.code for p in pools.partners)
            self._projector = Projector(self.prepared(assumptions.baseline, codes), pools, assumptions, rebels)
            self._projector_key = key
        return self._projector

    def evaluate(self, sc: Scenario, rebels: tuple = ()) -> Evaluation:
        pj = self.projector(sc.pools, sc.assumptions, rebels)
        proj = pj.project(sc.pool, self.dataset.majority)
        ctx = Context(sc.seats, sc.pools, sc.pool, proj)
        return Evaluation(proj, pool_breakdown(sc.seats, sc.pool, len(sc.pools)),
                          sc.rules.evaluate(ctx), pj)
