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
    sc.rules = default_rules(dataset, sc.pools)
    return sc


def preset_split(sc: Scenario, preset: str) -> tuple[np.ndarray, str]:
    """The pool of every seat under ``preset`` for ``sc`` (pools matched by key), and the undo
    label. Raises ValueError naming a pool the preset fills that ``sc`` does not have."""
    p = scenario_from_preset(sc.dataset, preset, with_rules=False)
    have = {k.lower(): i for i, k in enumerate(sc.pools.keys)}
    missing = [k for k in p.pools.keys if k.lower() not in have and p.seats_in(k)]
    if missing:
        raise ValueError(f"“{preset}” puts seats in {', '.join(missing)}, which is not a partner of this "
                         f"scenario ({', '.join(x.code for x in sc.pools.partners)}).")
    index = np.array([have.get(k.lower(), sc.pools.unassigned) for k in p.pools.keys], dtype=sc.pool.dtype)
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
