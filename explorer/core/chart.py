"""One description of the seat charts, drawn by the live chart (QPainter, explorer.gui) and by
the PDF brief (matplotlib), so the two show the same bars, labels and colours."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .palette import party_colour
from .engine import Evaluation
from .labels import short_party
from .mapstyle import party_colours
from .pools import pool_colour_hex
from .scenario import Scenario


@dataclass(frozen=True)
class Segment:
    party: str
    seats: int
    colour: str
    short: str       # the party's short code, for the label inside its bar (chosen by the drawer's width)


@dataclass(frozen=True)
class SeatChart:
    """Baseline and projected seats stacked by party against the majority line."""
    title: str
    rows: tuple      # ((row label, (Segment, ...)), ...): "Leads" (on the projected votes) first, then "Baseline"
    majority: int
    total: int
    titles: tuple = ()  # the title and shorter ones, longest first: the drawer shows the first that fits

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
    titles: tuple = ()  # the title and shorter ones, longest first


def seat_chart(sc: Scenario, ev: Evaluation) -> SeatChart:
    ds = sc.dataset
    v = ev.verdict
    colours = party_colours(sc, ev)  # the map's: never two alike
    rows = tuple((label, tuple(Segment(p, n, colours.get(p) or party_colour(ds, sc.pools.partners, p), short_party(p, ds.parties))
                               for p, n in ev.seat_segments(baseline)))
                 for label, baseline in (("Leads", False), ("Baseline", True)))
    # the seats each party leads in on the projected votes (the deterministic count), not the
    # headline's expected seats: the title says so
    titles = (f"Seats led of {v.seats}: alliance {v.alliance}, majority {v.majority} (dashed)",
              f"Alliance leads in {v.alliance} of {v.seats}, majority {v.majority}",
              f"Alliance leads in {v.alliance}, majority {v.majority}", f"leads {v.alliance} of {v.seats}, need {v.majority}")
    return SeatChart(titles[0], rows, int(v.majority), int(sc.seats.n), titles)


def pc_split_chart(sc: Scenario, ev: Evaluation) -> PcSplitChart:
    P = sc.pools
    counts = np.asarray(ev.pc_split.counts)
    per_pc = np.bincount(sc.seats.pc_index)
    titles = ("Seats per pool in each Lok Sabha seat", "Seats per pool in each PC", "Seats per pool per PC",
              "Pools per PC")
    return PcSplitChart(titles[0], tuple(ev.pc_split.names), counts,
                        tuple(P.label(j) for j in range(len(P))),
                        tuple(pool_colour_hex(P, j) for j in range(len(P))), P.contested,
                        int(per_pc.max()) if len(per_pc) else 1, titles)
