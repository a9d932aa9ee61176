"""Evaluation of a scenario: projection, pool breakdown and conflicts in one call, and every
figure the window, the command line, the XLSX sheet and the PDF brief show, computed here
once (the views only format them).

The engine caches the prepared baseline matrices and the per-seat outcomes of the current
assumptions, so the recompute after a seat move is a gather plus the rules (well under a
millisecond at 90 seats); only an assumption change recomputes the outcomes. The figures
are computed on first use, so an evaluation nobody reads costs nothing more."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import numpy as np

from .assumptions import Assumptions, can_swing
from .dataset import Dataset, SeatTable
from .pools import Pools
from .blocs import BlocIndex, bloc_index
from .contenders import with_contenders
from .successors import baseline_as_of, projection_year
from .projection import PoolBreakdown, PreparedBaseline, Projection, Projector, pool_breakdown
from .rules import Conflict, Context, RuleKind
from .scenario import Scenario


class SeatRow(NamedTuple):
    """One seat as the negotiation sheet writes it (and the window's table shows it)."""
    ac_no: int
    constituency: str
    district: str
    pc: str
    reserved: str
    pool: str                  # pool label: a partner code, Contested or Unassigned
    baseline_leader: str
    baseline_lead_votes: int
    baseline_lead_pts: float
    projected_winner: str
    runner_up: str
    margin_votes: int
    margin_pts: float
    alliance_margin_pts: float  # + the alliance wins by, − it loses by
    seat_adjust_pts: float
    conflicts: str


class PartnerFigures(NamedTuple):
    code: str
    name: str
    colour: str
    alone: int          # seats in its own pool
    contested: int      # Contested seats, where it fields a candidate too
    fielding: int       # alone + contested
    sc_alone: int       # SC-reserved seats in its own pool
    st_alone: int       # ST-reserved seats in its own pool
    won: int            # seats it is projected to win
    votes: float = 0.0  # its own vote in the baseline (after swing), all seats

    @property
    def fielding_phrase(self) -> str:
        """'7 alone + 1 contested' (not '7 +1', which reads like a change)."""
        return f"{self.alone} alone" + (f" + {self.contested} contested" if self.contested else "")

    @property
    def no_votes(self) -> bool:
        return self.votes <= 0


class Verdict(NamedTuple):
    """The alliance against the majority."""
    alliance: int
    majority: int
    seats: int
    undecided: int = 0          # seats still Unassigned (projected as if every partner stands)
    decided_alliance: int = 0   # alliance wins among the decided seats

    @property
    def reached(self) -> bool:
        return self.alliance >= self.majority

    @property
    def short_by(self) -> int:
        return max(0, self.majority - self.alliance)

    @property
    def phrase(self) -> str:
        """'reaches the majority' or '3 short of the majority'."""
        return "reaches the majority" if self.reached else f"{self.short_by} short of the majority"

    @property
    def undecided_note(self) -> str:
        """What the headline counts when seats are still undecided ('' when none is)."""
        if not self.undecided:
            return ""
        decided = self.seats - self.undecided
        return (f"{self.undecided} undecided — projected as if every partner stands; "
                f"the {decided} decided seat{'s' if decided != 1 else ''} give the alliance {self.decided_alliance}")


class RegionSplit(NamedTuple):
    """Seats per pool in each region (PC or district), and the alliance's projected wins."""
    names: list[str]
    counts: np.ndarray   # (regions, pools)
    won: np.ndarray      # (regions,)


# conflicts about many seats are listed under each seat only for these kinds
_PER_SEAT_KINDS = (RuleKind.FACTION_CLAIM, RuleKind.MUST_HAVE, RuleKind.SPLIT_VOTE_RISK)


@dataclass
class Evaluation:
    projection: Projection
    breakdown: PoolBreakdown
    conflicts: list[Conflict]
    projector: Projector
    pools: Pools
    seats: SeatTable
    assumptions: Assumptions
    _by_seat: dict | None = field(default=None, repr=False)
    fights: dict = field(default_factory=dict)   # ac_no -> the partners of a friendly fight (two or more)
    bloc_name: str = "Alliance"                  # our bloc's name

    # -- blocs ------------------------------------------------------------------------------
    @cached_property
    def blocs(self) -> "BlocIndex":
        """Which bloc each party of the projection counts for: ours, the rivals, or none."""
        pr, pj = self.projection, self.projector
        # the same for every evaluation of a projector (its parties and rivals) and bloc name: made
        # once, not a loop over every party a move (1,185 of them at 4,100 seats)
        kept = pj.__dict__.setdefault("_bloc_index", {})
        key = (self.bloc_name, pr.n_partners, pj.rivals)
        hit = kept.get(key)
        if hit is None or hit[0] is not pr.parties:
            bi = bloc_index(pr.parties, pr.n_partners, self.bloc_name, pj.rivals)
            bi.of_party.flags.writeable = False      # shared by the projector's evaluations
            hit = kept[key] = (pr.parties, bi)
        return hit[1]

    @cached_property
    def bloc_seats(self) -> dict[str, int]:
        """Seats each bloc wins (ours first), then "unaligned" (parties in no bloc),
        "independents" and "tied": they add up to the seats."""
        bi = self.blocs
        c = bi.counts(self.projection.seat_counts)
        out = {name: int(c[k]) for k, name in enumerate(bi.names)}
        out.update(unaligned=int(c[bi.unaligned]), independents=int(c[bi.independents]), tied=int(c[bi.tied]))
        return out

    @cached_property
    def winner_bloc(self) -> list[str | None]:
        """Per seat, the bloc its projected winner counts for (None: unaligned, independent, tied)."""
        bi = self.blocs
        return [bi.label(int(k)) for k in bi.of_party[self.projection.winner]]

    def rival_contest(self, i: int) -> dict[str, list[str]]:
        """Per rival bloc, the partners standing in seat index ``i`` (none: the bloc fields nobody)."""
        pj = self.projector
        return {b.name: [c for c, s in zip(b.partners, st[i]) if s] for b, st in zip(pj.rivals, pj.rival_standing)}

    # -- per seat ---------------------------------------------------------------------------
    def conflicts_by_seat(self) -> dict[int, list[Conflict]]:
        """The conflicts that concern each seat. A conflict about many seats (a regional
        minimum, a seat count) is listed under them only when it names three or fewer."""
        if self._by_seat is None:
            out: dict[int, list[Conflict]] = {}
            for c in self.conflicts:
                if len(c.seats) <= 3 or c.kind in _PER_SEAT_KINDS:
                    for a in c.seats:
                        out.setdefault(a, []).append(c)
            self._by_seat = out
        return self._by_seat

    @property
    def baseline(self) -> PreparedBaseline:
        return self.projector.prepared

    @property
    def baseline_leader(self) -> np.ndarray:
        """Party index (into ``projection.parties``) that led each seat in the baseline."""
        return self.baseline.leader

    @property
    def baseline_lead_votes(self) -> np.ndarray:
        return self.baseline.leader_margin

    @property
    def baseline_lead_pts(self) -> np.ndarray:
        return self.baseline.leader_margin_pts

    @cached_property
    def alliance_margin(self) -> np.ndarray:
        """Projected margin in points from the alliance's side: + it wins, − it loses."""
        pr = self.projection
        return np.where(pr.alliance_won, pr.margin_pts, -pr.margin_pts)

    @cached_property
    def seat_rows(self) -> list[SeatRow]:
        seats, pr = self.seats, self.projection
        f = seats.frame
        parties = pr.parties
        by_seat = self.conflicts_by_seat()
        adjust = self.assumptions.seat_adjust
        labels = [self.pools.label(i) for i in range(len(self.pools))]
        lead, lead_v, lead_p = self.baseline_leader, self.baseline_lead_votes, self.baseline_lead_pts
        am = self.alliance_margin
        rows = []
        for i, (ac, name, district, pc, res) in enumerate(zip(
                seats.ac_no.tolist(), seats.names, f["district"].astype(str), f["pc_name"].astype(str),
                f["reserved"].astype(str))):
            rows.append(SeatRow(
                ac, name, district, pc, res, labels[int(pr.pools[i])], parties[lead[i]],
                int(round(float(lead_v[i]))), round(float(lead_p[i]), 2), parties[pr.winner[i]],
                pr.party_of(int(pr.runner[i])), int(round(float(pr.margin_votes[i]))),
                round(float(pr.margin_pts[i]), 2), round(float(am[i]), 2), float(adjust.get(ac, 0.0)),
                "; ".join(c.message for c in by_seat.get(ac, ()))))
        return rows

    # -- totals -------------------------------------------------------------------------------
    @cached_property
    def verdict(self) -> Verdict:
        pr = self.projection
        undecided = pr.pools == self.pools.unassigned
        return Verdict(pr.alliance_seats, pr.majority, self.seats.n, int(undecided.sum()),
                       int((pr.alliance_won & ~undecided).sum()))

    @cached_property
    def partners(self) -> list[PartnerFigures]:
        b, P, won = self.breakdown, self.pools, self.projection.seat_counts
        n_contested = int(b.counts[P.contested])
        # a Contested seat with a friendly fight counts only for the partners that fight there
        out_of = {p.code: sum(1 for codes in self.fights.values() if p.code not in codes) for p in P.partners}
        contests = [n_contested - out_of[p.code] for p in P.partners]
        votes = self._partner_votes()
        return [PartnerFigures(p.code, p.name, p.colour, int(b.counts[i]), contests[i], int(b.counts[i]) + contests[i],
                               int(b.sc[i]), int(b.st[i]), int(won[i]), votes[i]) for i, p in enumerate(P.partners)]

    def _partner_votes(self) -> list[float]:
        """Each partner's own vote after swing over every seat: the projector's, summed once per
        projector (a column of every seat each, the same sums as ever), not on every move."""
        pj = self.projector
        sw = pj.swung_partners
        hit = pj.__dict__.get("_partner_vote_sums")
        if hit is None or hit[0] is not sw:
            hit = pj.__dict__["_partner_vote_sums"] = (sw, [float(sw[:, i].sum()) for i in range(sw.shape[1])])
        return hit[1]

    @cached_property
    def warnings(self) -> list[str]:
        """What the strategist must know before trusting the figures: a partner with no vote
        at all in the baseline (its party name may not match the results file)."""
        label = self.scenario_baseline_label
        return [f"{p.code} has no votes in the baseline {label}: its name may not match the results file's "
                "parties, and its seats are projected as lost" for p in self.partners if p.no_votes]

    @property
    def scenario_baseline_label(self) -> str:
        return self.projector.prepared.baseline.label

    @cached_property
    def pool_counts(self) -> dict[str, int]:
        return {self.pools.key(i): int(n) for i, n in enumerate(self.breakdown.counts)}

    @cached_property
    def pc_split(self) -> RegionSplit:
        won = np.bincount(self.seats.pc_index[self.projection.alliance_won], minlength=len(self.seats.pc_names))
        return RegionSplit(self.seats.pc_names, self.breakdown.by_pc, won)

    @cached_property
    def district_split(self) -> RegionSplit:
        s = self.seats
        won = np.bincount(s.district_index[self.projection.alliance_won], minlength=len(s.district_names))
        return RegionSplit(s.district_names, self.breakdown.by_district, won)

    @cached_property
    def party_order(self) -> list[int]:
        """The order every seat bar draws the parties in, from the left: the partners in the
        alliance's order, then the others by projected seats, most first."""
        return self._party_order.tolist()

    @cached_property
    def _party_order(self) -> np.ndarray:
        """``party_order`` as an index array: the others' stable sort by seats, most first (numpy's
        stable sort keeps the parties' order among equal counts, as ``sorted`` did)."""
        pr = self.projection
        n_p = pr.n_partners
        rest = np.argsort(-np.asarray(pr.seat_counts[n_p:], dtype=np.int64), kind="stable") + n_p
        return np.concatenate([np.arange(n_p, dtype=np.int64), rest.astype(np.int64)])

    @cached_property
    def baseline_seat_counts(self) -> np.ndarray:
        """Seats each party led in the baseline election."""
        return np.bincount(self.baseline_leader, minlength=len(self.projection.parties))

    @cached_property
    def swing_parties(self) -> list[str]:
        """The parties a swing can be applied to, largest baseline vote first."""
        pb = self.baseline
        totals = np.bincount(pb.party[pb.present], weights=pb.votes[pb.present], minlength=len(pb.parties))
        return [pb.parties[i] for i in np.argsort(-totals, kind="stable") if totals[i] > 0 and can_swing(pb.parties[i])]

    def seat_segments(self, baseline: bool = False) -> list[tuple[str, int]]:
        """(party, seats) in ``party_order``, parties with no seat left out."""
        pr = self.projection
        counts = self.baseline_seat_counts if baseline else pr.seat_counts
        order = self._party_order
        order = order[np.asarray(counts)[order] > 0]        # the parties with a seat only
        return [(pr.parties[i], int(counts[i])) for i in order.tolist()]


class Engine:
    def __init__(self, dataset: Dataset, prepared: dict | None = None):
        """``prepared``: a cache of baseline matrices to share with other engines of the same
        data set (each open scenario has its engine; the matrices are built once)."""
        self.dataset = dataset
        self._prepared: dict[tuple, PreparedBaseline] = {} if prepared is None else prepared
        self._projector: Projector | None = None
        self._projector_key: tuple | None = None

    def prepared(self, baseline_id: str, partner_codes: tuple[str, ...], lineage_to: int | None = None,
                 contenders: tuple = ()) -> PreparedBaseline:
        """``lineage_to``: the election year the baseline's parties are mapped to (the data set's
        party lineage: renames, mergers, splits); None: the baseline's own parties. ``contenders``:
        new parties and independents standing (``contenders.Contender``)."""
        key = (baseline_id, partner_codes, self.dataset.baselines[baseline_id].uid, lineage_to, self.dataset.version,
               tuple(contenders))
        pb = self._prepared.get(key)
        if pb is None:
            b = with_contenders(baseline_as_of(self.dataset, baseline_id, lineage_to), self.dataset.seats,
                                tuple(contenders))
            pb = PreparedBaseline(self.dataset.seats, b, partner_codes)
            self._prepared[key] = pb
        return pb

    def projector(self, pools: Pools, assumptions, rebels: tuple = (), rivals: tuple = (),
                  lineage_to: int | None = None, contenders: tuple = ()) -> Projector:
        """``rebels``: optional ``projection.Rebel`` assumptions (denied claims' rebels);
        ``rivals``: the rival blocs (``blocs.RivalBloc``) with their splits; ``lineage_to``: the
        year the baseline's parties are mapped to (``successors.projection_year``)."""
        rebels, rivals = tuple(rebels), tuple(rivals)
        b = self.dataset.baselines.get(assumptions.baseline)
        contenders = tuple(contenders)
        key = (pools.partners, assumptions, None if b is None else b.uid, rebels, rivals, lineage_to,
               self.dataset.version, contenders)
        if key != self._projector_key:
            codes = tuple(p.code for p in pools.partners)
            self._projector = Projector(self.prepared(assumptions.baseline, codes, lineage_to, contenders), pools,
                                        assumptions, rebels, rivals)
            self._projector_key = key
        return self._projector

    def evaluate(self, sc: Scenario, rebels: tuple | None = None) -> Evaluation:
        """``rebels``: the rebels to project with; by default the scenario's own (its enabled
        claims that carry a rebel assumption)."""
        pj = self.projector(sc.pools, sc.assumptions, sc.rules.rebels() if rebels is None else rebels,
                            sc.rivals, projection_year(sc), sc.contenders)
        proj = pj.project(sc.pool, self.dataset.majority, sc.fight_masks())
        ctx = Context(sc.seats, sc.pools, sc.pool, proj)
        fights = {a: f for a, f in sc.fights.items() if sc.pool_of(a) == "contested"}
        return Evaluation(proj, pool_breakdown(sc.seats, sc.pool, len(sc.pools)),
                          sc.rules.evaluate(ctx), pj, sc.pools, sc.seats, sc.assumptions, fights=fights,
                          bloc_name=sc.bloc_name)
