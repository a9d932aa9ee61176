"""A scenario frozen at one moment: what a background job reads instead of the live scenario.

``ScenarioSnapshot.of(scenario)`` is taken on the GUI thread, between two edits, so a job never
sees a half-applied move: its pool array is a read-only copy, its fights a frozen mapping, and
its partners, rules and assumptions are immutable values already. It reads like a scenario for
everything a computation asks (``pools``, ``pool``, ``fight_masks()``, ``normal_fight``,
``rules``, ``assumptions``, ``seats``), so the optimiser, the simulator and the walk-away take
either. ``dataset_version`` says which state of the data set's imported data (baselines,
boundaries) the snapshot was taken under; results are kept or dropped by it, never by ``id()``.
Blocs (every party grouped, not only the alliance's partners) will be one more field here."""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Mapping

import numpy as np

from .assumptions import Assumptions
from .dataset import Dataset
from .pools import Pools
from .rules import RuleSet


def fight_masks_of(pools: Pools, seats, fights: Mapping[int, tuple[str, ...]]) -> np.ndarray | None:
    """Per seat, the bit mask of fighting partners (bit p: partner p; 0 = all), as
    ``Projector.project`` takes it; None when no seat has a friendly fight."""
    if not fights:
        return None
    out = np.zeros(seats.n, dtype=np.int64)
    bit = {p.code: 1 << k for k, p in enumerate(pools.partners)}
    for a, codes in fights.items():
        out[seats.index_of(a)] = sum(bit[c] for c in codes)
    return out


def normal_fight_of(pools: Pools, codes: Iterable[str]) -> tuple[str, ...] | None:
    """The codes in partner order, or None for every partner; ValueError for fewer than two or
    an unknown code."""
    codes = set(codes)
    order = [p.code for p in pools.partners]
    unknown = sorted(codes - set(order))
    if unknown:
        raise ValueError(f"not a partner: {', '.join(unknown)}; partners are {', '.join(order)}")
    if len(codes) < 2:
        raise ValueError("a friendly fight needs two or more partners")
    out = tuple(c for c in order if c in codes)
    return None if len(out) == len(order) else out


@dataclass(frozen=True, eq=False)
class ScenarioSnapshot:
    dataset: Dataset
    pools: Pools
    pool: np.ndarray                               # pool index per seat, read-only
    fights: Mapping[int, tuple[str, ...]]          # Contested seats where only some partners stand
    rules: RuleSet
    assumptions: Assumptions
    name: str = ""
    dataset_version: int = 0                       # the workspace's version of the data set's imports

    @staticmethod
    def of(scenario, dataset_version: int | None = None) -> "ScenarioSnapshot":
        """The scenario as it is now (call it on the thread that edits the scenario)."""
        pool = np.array(scenario.pool, dtype=np.int8, copy=True)
        pool.flags.writeable = False
        return ScenarioSnapshot(scenario.dataset, scenario.pools, pool,
                                MappingProxyType(dict(scenario.fights)), scenario.rules,
                                scenario.assumptions, scenario.name,
                                scenario.dataset.version if dataset_version is None else int(dataset_version))

    @property
    def seats(self):
        return self.dataset.seats

    def fight_masks(self) -> np.ndarray | None:
        return fight_masks_of(self.pools, self.seats, self.fights)

    def normal_fight(self, codes: Iterable[str]) -> tuple[str, ...] | None:
        return normal_fight_of(self.pools, codes)

    def pool_of(self, ac_no: int) -> str:
        return self.pools.key(int(self.pool[self.seats.index_of(ac_no)]))
