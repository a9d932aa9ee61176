"""Starting and re-splitting deals without moving the ground under them, the same for the
window and the command line:

- ``preset_edit``: a preset gives the pools (and its friendly fights, in this alliance's codes)
  only; the scenario keeps its baseline, swings, transfers and per-seat adjustments, and the
  undo label says when the preset was made on other assumptions (``preset_split``: the pools);
- ``split_or_baseline``: when two deals stand on different assumptions, which differing seats
  differ because of the split and which because of the baseline.
"""
from __future__ import annotations

import weakref
from typing import NamedTuple

import numpy as np

from .dataset import Dataset
from .engine import Engine, Evaluation
from .scenario import Scenario, scenario_from_preset


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


class PresetEdit(NamedTuple):
    """What taking a preset does to a scenario: every seat's pool, the friendly fights between
    some partners (ac_no -> this alliance's codes) and the undo label."""
    pool: np.ndarray
    fights: dict[int, tuple[str, ...]]
    label: str


def preset_edit(sc: Scenario, preset: str) -> PresetEdit:
    """The preset's split for ``sc`` (``preset_split``) with its friendly fights in this alliance's
    codes (partners matched by code, name or party). Raises ValueError naming a pool, or a
    fighting partner, that ``sc`` does not have."""
    pool, label = preset_split(sc, preset)
    p = preset_scenario(sc.dataset, preset)     # read only
    partners = sc.pools.partners
    m = pool_map(p.pools, sc.pools, sc.dataset.resolve_party)
    src = {x.code.lower(): i for i, x in enumerate(p.pools.partners)}
    ours = {c: partners[m[src[c.lower()]]].code.lower() for fight in p.fights.values() for c in fight
            if c.lower() in src and m[src[c.lower()]] is not None}
    missing = sorted({c for fight in p.fights.values() for c in fight if c not in ours})
    if missing:
        raise ValueError(f"“{preset}” has friendly fights with {', '.join(missing)}, which is not a partner of "
                         f"this scenario ({', '.join(x.code for x in partners)}).")
    fights = {}
    for ac, fight in p.fights.items():
        f = tuple(x.code for x in partners if x.code.lower() in {ours[c] for c in fight})
        if 2 <= len(f) < len(partners):
            fights[ac] = f
    return PresetEdit(pool, fights, label)


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
