"""Starting and re-splitting deals without moving the ground under them, the same for the
window and the command line:

- ``new_scenario_like``: a new scenario stands on the baseline and assumptions of the one in
  front, or on the data set's default when there is none;
- ``preset_split``: a preset gives the pools only; the scenario keeps its baseline, swings,
  transfers and per-seat adjustments, and the undo label says when the preset was made on
  other assumptions;
- ``split_or_baseline``: when two deals stand on different assumptions, which differing seats
  differ because of the split and which because of the baseline.
"""
from __future__ import annotations

import weakref
from typing import NamedTuple

import numpy as np

from .assumptions import Assumptions
from .dataset import Dataset
from .engine import Engine, Evaluation
from .scenario import Scenario, default_rules, scenario_from_preset


def new_scenario_like(dataset: Dataset, front: Scenario | None, name: str = "Untitled") -> Scenario:
    """Every seat Unassigned, the data set's partners and rules; the baseline and assumptions
    of ``front`` when it is a deal on the same data set (its transfers between the partners
    the new scenario has), else the data set's default baseline."""
    sc = Scenario(dataset, name=name)
    if front is not None and front.dataset is dataset:
        a = front.assumptions
        codes = {p.code for p in sc.pools.partners}
        sc.assumptions = Assumptions.make(a.baseline, {k: v for k, v in a.transfer.items() if set(k) <= codes},
                                          a.swing, a.seat_adjust)
        # the rival blocs stay as they are (those sharing no party with this alliance)
        sc.rivals = tuple(b for b in front.rivals if not codes & set(b.partners))
        sc.bloc_name = front.bloc_name
    sc.rules = default_rules(dataset, sc.pools)
    return sc


def pool_map(src, dst, resolve=None) -> dict[int, int | None]:
    """Each pool of ``src`` (Pools) -> the pool of ``dst`` it is, or None: a partner by its
    code, else its name, else (given ``resolve``, the data set's party lookup) its party
    ("Congress" is INC); Contested and Unassigned to their own. Raises ValueError when two of
    ``src``'s partners would land on one partner of ``dst``."""
    out: dict[int, int | None] = {}
    for i, p in enumerate(src.partners):
        j = dst.match(p.code, resolve)
        if j is None or j >= dst.n_partners:
            j = dst.match(p.name, resolve)
        out[i] = j if j is not None and j < dst.n_partners else None
    out[src.contested], out[src.unassigned] = dst.contested, dst.unassigned
    taken: dict[int, str] = {}
    for i, j in out.items():
        if j is not None and i < src.n_partners:
            if j in taken:
                raise ValueError(f"{taken[j]} and {src.partners[i].code} would both be {dst.partners[j].code}")
            taken[j] = src.partners[i].code
    return out


class PresetSplit(NamedTuple):
    """What applying a preset reads of it: its partners, each seat's pool, its friendly
    fights and its assumptions (no scenario: that would keep its data set alive)."""
    pools: object
    pool: np.ndarray
    fights: dict
    assumptions: Assumptions

    def seats_in(self, key: str) -> list[int]:
        """The seat indices (not numbers) in pool ``key``."""
        return np.flatnonzero(self.pool == self.pools.index(key)).tolist()


_PRESETS: dict[tuple[int, str], tuple] = {}   # (data set's uid, preset) -> (weak ref, its document, PresetSplit)


def preset_scenario(dataset: Dataset, preset: str) -> PresetSplit:
    """The preset's split, read once per data set (reading a preset's file is 4 ms, and
    applying one asks for it twice). Read only: ``scenario_from_preset`` makes a scenario."""
    doc = dataset.scenario_docs[preset]
    key = (dataset.uid, preset)
    hit = _PRESETS.get(key)
    if hit is not None and hit[0]() is dataset and hit[1] is doc:
        return hit[2]
    if len(_PRESETS) > 64:
        _PRESETS.clear()
    sc = scenario_from_preset(dataset, preset, with_rules=False)
    split = PresetSplit(sc.pools, sc.pool.copy(), dict(sc.fights), sc.assumptions)
    _PRESETS[key] = (weakref.ref(dataset), doc, split)
    return split


def preset_split(sc: Scenario, preset: str) -> tuple[np.ndarray, str]:
    """The pool of every seat under ``preset`` for ``sc`` (pools matched by code, name or
    party: ``pool_map``), and the undo label. Raises ValueError naming a pool the preset fills
    that ``sc`` does not have, and how many seats it holds."""
    p = preset_scenario(sc.dataset, preset)
    try:
        m = pool_map(p.pools, sc.pools, sc.dataset.resolve_party)
    except ValueError as e:
        raise ValueError(f"“{preset}” does not fit this scenario's partners: {e}.") from None
    missing = [f"{len(p.seats_in(k))} seat{'s' if len(p.seats_in(k)) != 1 else ''} in {k}"
               for i, k in enumerate(p.pools.keys) if m[i] is None and p.seats_in(k)]
    if missing:
        raise ValueError(f"“{preset}” puts {'; '.join(missing)}, which is not a partner of this "
                         f"scenario ({', '.join(x.code for x in sc.pools.partners)}).")
    index = np.array([sc.pools.unassigned if m[i] is None else m[i] for i in range(len(p.pools))],
                     dtype=sc.pool.dtype)
    pool = index[p.pool.astype(int)]
    label = f"Preset: {preset}"
    if p.assumptions.baseline != sc.assumptions.baseline:
        label += f" (pools only; kept {sc.dataset.baselines[sc.assumptions.baseline].label})"
    elif p.assumptions != sc.assumptions:
        label += " (pools only; kept this scenario's assumptions)"
    return pool, label


def split_or_baseline(a: Scenario, ev_a: Evaluation, b: Scenario, ev_b: Evaluation,
                      engine: Engine | None = None) -> tuple[list[int], list[int]] | None:
    """For two deals on the same data set and partners but other assumptions: the seats that
    differ because of the split (B's split on A's assumptions against A) and those that differ
    because of the assumptions (B on A's assumptions against B). None when the partners differ
    (the split cannot be put on the other's assumptions) or the assumptions are the same."""
    if a.dataset is not b.dataset or a.pools != b.pools or a.assumptions == b.assumptions:
        return None
    mid = Scenario(b.dataset, b.pools.partners, assumptions=a.assumptions, name=b.name)
    mid.pool = b.pool.copy()
    ev_mid = (engine or Engine(b.dataset)).evaluate(mid)
    # winners by name: two baselines number their parties differently
    rows_a, rows_mid, rows_b = ev_a.seat_rows, ev_mid.seat_rows, ev_b.seat_rows
    by_split = [ra.ac_no for ra, rm in zip(rows_a, rows_mid)
                if ra.pool != rm.pool or ra.projected_winner != rm.projected_winner]
    by_baseline = [rm.ac_no for rm, rb in zip(rows_mid, rows_b) if rm.projected_winner != rb.projected_winner]
    return by_split, by_baseline
