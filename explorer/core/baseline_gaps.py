"""Where a partner had no candidate in the baseline (issue 26): a Lok Sabha baseline read by
assembly segment has Congress at 0 % in Kaithal's segments because AAP stood for the alliance
there in 2024. In such a seat the partner's projected vote is only what the transfer matrix
gives it from the one who stood, so any split (the optimiser's above all) that gives or denies
it the seat follows from who stood in that election, not from the partner's strength."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .dataset import Dataset


@dataclass(frozen=True)
class BaselineGap:
    partner: str
    seats: tuple[int, ...]      # ac_no where the partner had no candidate (or no vote)


def gaps(ds: Dataset, baseline_id: str, partners) -> list[BaselineGap]:
    """Per partner with any, the seats of the baseline in which it fielded no candidate."""
    c = ds.baselines[baseline_id].candidates
    ac = ds.seats.ac_no
    out = []
    for p in partners:
        code = p.code if hasattr(p, "code") else str(p)
        stood = set(c.loc[(c["party"] == code) & (c["votes"] > 0), "ac_no"].astype(int).tolist())
        missing = tuple(int(a) for a in ac if int(a) not in stood)
        if missing:
            out.append(BaselineGap(code, missing))
    return out


def warning(ds: Dataset, baseline_id: str, partners) -> str:
    """'' when every partner stood everywhere; else one paragraph naming who was absent where."""
    gs = gaps(ds, baseline_id, partners)
    if not gs:
        return ""
    seats = ds.seats
    label = ds.baselines[baseline_id].label
    parts = []
    for g in gs:
        names = ", ".join(seats.name(a) for a in g.seats[:3]) + (" …" if len(g.seats) > 3 else "")
        parts.append(f"{g.partner} in {len(g.seats)} of {seats.n} seats ({names})")
    return (f"In the baseline ({label}) some partners had no candidate: {'; '.join(parts)}. There a partner's "
            "projected vote is only what the transfer matrix gives it from the partner who stood, so a proposal "
            "giving or denying it those seats follows from who stood in that election. Check them on another "
            "baseline.")
