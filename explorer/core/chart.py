"""One description of the seat charts, drawn by the live chart (QPainter, explorer.gui) and by
the PDF brief (matplotlib), so the two show the same bars, labels and colours."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .engine import Evaluation
from .pools import pool_colour_hex
from .scenario import Scenario


@dataclass(frozen=True)
class Segment:
    party: str
    seats: int
    colour: str
    label: str       # "" when the bar is too narrow for a label


@dataclass(frozen=True)
class SeatChart:
    """Baseline and projected seats stacked by party against the majority line."""
    title: str
    rows: tuple      # ((row label, (Segment, ...)), ...): "Projected" first, then "Baseline"
    majority: int
    total: int

    @property
    def ticks(self) -> list[int]:
        return sorted({0, self.majority, self.total})


@dataclass(frozen=True)
class PcSplitChart:
    """Seats per pool in each Lok Sabha seat (PC), stacked in pool order."""
    title: str
    names: tuple       # PC names, top to bottom
    counts: np.ndarray  # (PC, pool) seats
    pool_labels: tuple
    pool_colours: tuple
    hatched: int        # the Contested pool
    xmax: int


def segment_label(party: str, n: int) -> str:
    return "" if n < 4 else (f"{party} {n}" if n >= 9 else str(n))


def seat_chart(sc: Scenario, ev: Evaluation) -> SeatChart:
    ds = sc.dataset
    v = ev.verdict
    rows = tuple((label, tuple(Segment(p, n, ds.party_colour(p), segment_label(p, n))
                               for p, n in ev.seat_segments(baseline)))
                 for label, baseline in (("Projected", False), ("Baseline", True)))
    return SeatChart(f"Seats of {v.seats}: alliance {v.alliance}, majority {v.majority} (dashed)", rows,
                     int(v.majority), int(sc.seats.n))


def pc_split_chart(sc: Scenario, ev: Evaluation) -> PcSplitChart:
    P = sc.pools
    counts = np.asarray(ev.pc_split.counts)
    per_pc = np.bincount(sc.seats.pc_index)
    return PcSplitChart("Seats per pool in each Lok Sabha seat", tuple(ev.pc_split.names), counts,
                        tuple(P.label(j) for j in range(len(P))),
                        tuple(pool_colour_hex(P, j) for j in range(len(P))), P.contested,
                        int(per_pc.max()) if len(per_pc) else 1)
