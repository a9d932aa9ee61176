"""What the map shows: a fill colour per seat for each colour mode, which seats are hatched
(Contested) or outlined (conflicted), the legend, and the hover text. Pure data, so the
map's look is tested without a display; the Qt view only paints it."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from .engine import Evaluation
from .geometry import adjacent_seats
from .imported import boundaries_of
from .parties import distinct_colours
from .pools import pool_colour_hex
from .scenario import Scenario

MODES = {"pool": "Pool", "winner": "Projected winner", "margin": "Projected margin", "baseline": "Baseline leader",
         "p_win": "Win probability", "best_partner": "Best partner", "cost": "Cost of this assignment"}
CONTEST_MODES = ("best_partner", "cost")   # from the who-should-contest figures (optimise.seat_contest)
# cost of the seat's assignment against its better partner alone, in expected seats: white to deep red
COST_STOPS = [(0.0, (247, 247, 247)), (0.05, (253, 219, 199)), (0.15, (239, 138, 98)), (0.3, (178, 24, 43))]
COST_LEGEND = [(0.0, "0"), (0.05, "0.05"), (0.1, "0.1"), (0.15, "0.15"), (0.2, "0.2"), (0.3, "0.3 or more")]
BETTER_FIGHT = "#7FBF7B"   # a negative cost: the seat's friendly fight beats its better partner alone
# diverging scale for the alliance's projected margin, in points: loss red, win green
MARGIN_STOPS = [(-20.0, (178, 24, 43)), (-10.0, (239, 138, 98)), (0.0, (247, 247, 247)),
                (10.0, (127, 191, 123)), (20.0, (27, 120, 55))]
MARGIN_LEGEND = [(-20, "−20 or worse"), (-10, "−10"), (-3, "−3"), (0, "0"), (3, "+3"), (10, "+10"),
                 (20, "+20 or better")]
# diverging scale for P(the alliance wins), centred on a toss-up: the margin's colours
P_WIN_LEGEND = [(0.0, "0 %"), (0.1, "10 %"), (0.25, "25 %"), (0.5, "50 %"), (0.75, "75 %"), (0.9, "90 %"),
                (1.0, "100 %")]
NO_FIGURE = "#DDDDDD"


@dataclass
class MapStyle:
    fill: list[str]              # "#rrggbb" per seat, in seat order
    hatched: np.ndarray          # bool per seat
    outlined: np.ndarray         # bool per seat: a broken rule or a warning concerns it
    legend: list[tuple[str, str, bool]]  # (label, colour, hatched)
    title: str


def margin_colour(pts: float) -> str:
    x = min(max(pts, MARGIN_STOPS[0][0]), MARGIN_STOPS[-1][0])
    for (x0, c0), (x1, c1) in zip(MARGIN_STOPS, MARGIN_STOPS[1:]):
        if x <= x1:
            t = (x - x0) / (x1 - x0)
            r, g, b = (round(a + (bb - a) * t) for a, bb in zip(c0, c1))
            return f"#{r:02X}{g:02X}{b:02X}"
    r, g, b = MARGIN_STOPS[-1][1]
    return f"#{r:02X}{g:02X}{b:02X}"


def cost_colour(cost: float) -> str:
    """0 (or less) white, 0.05 pale, 0.15 orange-red, 0.3 expected seats or more deep red."""
    x = min(max(cost, 0.0), COST_STOPS[-1][0])
    for (x0, c0), (x1, c1) in zip(COST_STOPS, COST_STOPS[1:]):
        if x <= x1:
            t = (x - x0) / (x1 - x0)
            r, g, b = (round(a + (bb - a) * t) for a, bb in zip(c0, c1))
            return f"#{r:02X}{g:02X}{b:02X}"
    r, g, b = COST_STOPS[-1][1]
    return f"#{r:02X}{g:02X}{b:02X}"


def p_win_colour(p: float) -> str:
    """P 0 → the margin scale's deep red, 0.5 → its white, 1 → its deep green (linear in P)."""
    return margin_colour((min(max(p, 0.0), 1.0) - 0.5) * 40.0)


def party_colours(sc: Scenario, ev: Evaluation) -> dict[str, str]:
    """The colour of every party that wins or led a seat, for the map's winner and baseline
    modes, their legends and the seat chart: the party table's colour, except where two
    parties shown together would read alike (parties.distinct_colours: CIE76 ΔE under 20, e.g.
    two greys or two dark greens); the partners keep theirs first, then the parties the table
    knows (independents stay grey), by baseline seats, then parties it does not know (an
    imported file's, grey until here); parties winning adjacent seats differ in any case."""
    pr, ds = ev.projection, sc.dataset
    base, proj = ev.baseline_seat_counts, pr.seat_counts
    shown = [i for i in range(len(pr.parties)) if base[i] or proj[i]]
    def known(code: str) -> bool:
        return (ds.parties is not None and code in ds.parties) or code in ds.party_colours
    order = [i for i in shown if i < pr.n_partners] + sorted(
        (i for i in shown if i >= pr.n_partners),
        key=lambda i: (not known(pr.parties[i]), -int(base[i]), -int(proj[i]), i))
    pairs: set[tuple[str, str]] = set()
    b = boundaries_of(ds)
    if b is not None:
        ia, ib = _adjacent_index(b, sc.seats)
        for who in (pr.winner, ev.baseline_leader):
            wa, wb = who[ia], who[ib]
            differ = wa != wb
            pairs |= {(pr.parties[x], pr.parties[y]) for x, y in set(zip(wa[differ].tolist(), wb[differ].tolist()))}
    names = tuple(pr.parties[i] for i in order)
    # the document's palette (core.palette: the partners' pool colours, then the parties first or
    # second anywhere, none alike) for every party it has; a party it lacks (first after a swing)
    # gets a colour unlike the others shown and its neighbours'
    from .palette import party_palette
    pal = party_palette(ds, sc.pools.partners)
    if all(n in pal for n in names):
        return {n: pal[n] for n in names}
    # a party under a spelling of a known one ("Indian National Congress" for INC) starts from its colour
    own = tuple(pal.get(n) or ds.party_colour(n if known(n) else (ds.resolve_party(n) or n)) for n in names)
    fixed = [n for n in names if n in pal]
    return dict(_distinct(tuple(fixed + [n for n in names if n not in pal]),
                          tuple(own[names.index(n)] for n in fixed + [n for n in names if n not in pal]),
                          frozenset(pairs)))


@functools.lru_cache(maxsize=256)
def _distinct(names: tuple, colours: tuple, pairs: frozenset) -> tuple:
    own = dict(zip(names, colours))
    return tuple(distinct_colours(names, own.__getitem__, pairs).items())


def _adjacent_index(b, seats) -> tuple[np.ndarray, np.ndarray]:
    """Seat indices (into the seat table) of both ends of every adjacent pair."""
    got = vars(b).get("_adjacent_index")
    if got is None or got[0] is not seats:
        pairs = [(seats.index_of(a), seats.index_of(c)) for a, c in adjacent_seats(b) if seats.has(a) and seats.has(c)]
        arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
        got = b._adjacent_index = (seats, arr[:, 0], arr[:, 1])
    return got[1], got[2]


def map_style(mode: str, sc: Scenario, ev: Evaluation, p_alliance=None, contest=None) -> MapStyle:
    """``p_alliance``: P(the alliance wins) per seat, for the win-probability mode (None: not
    computed yet, every seat grey). ``contest``: the who-should-contest figures of this split
    (``optimise.seat_contest``: ``best`` partner index and ``cost`` per seat) for the best-partner
    and cost modes (None: not computed yet, grey)."""
    ds, pools, pr = sc.dataset, sc.pools, ev.projection
    n = sc.seats.n
    hatched = np.zeros(n, dtype=bool)
    by_seat = ev.conflicts_by_seat()
    outlined = np.array([any(c.severity != "info" for c in by_seat.get(int(a), ()))
                         for a in sc.seats.ac_no], dtype=bool)
    if mode == "pool":
        colours = [pool_colour_hex(pools, i) for i in range(len(pools))]
        fill = [colours[p] for p in sc.pool.tolist()]
        hatched = sc.pool == pools.contested
        legend = [(f"{pools.label(i)} ({int(ev.breakdown.counts[i])})", colours[i], i == pools.contested)
                  for i in range(len(pools))]
        title = "Pool"
    elif mode in ("winner", "baseline"):
        idx = pr.winner if mode == "winner" else ev.baseline_leader
        pc = party_colours(sc, ev)  # never two alike side by side or in the legend
        fill = [pc[pr.parties[i]] for i in idx.tolist()]
        counts = np.bincount(idx, minlength=len(pr.parties))
        legend = [(f"{pr.parties[i]} ({int(counts[i])})", pc[pr.parties[i]], False)
                  for i in np.argsort(-counts, kind="stable") if counts[i] > 0]
        title = "Projected winner" if mode == "winner" else f"Baseline leader ({ds.baselines[sc.assumptions.baseline].label})"
    elif mode == "margin":
        m = ev.alliance_margin
        fill = [margin_colour(v) for v in m.tolist()]
        legend = [(label, margin_colour(v), False) for v, label in MARGIN_LEGEND]
        title = "Alliance margin (points): + wins, − loses"
    elif mode == "p_win":
        if p_alliance is None:
            fill = [NO_FIGURE] * n
            title = "Win probability of the alliance: computing…"
        else:
            fill = [p_win_colour(float(p)) for p in p_alliance]
            title = "Win probability of the alliance (simulated elections)"
        legend = [(label, p_win_colour(v), False) for v, label in P_WIN_LEGEND]
    elif mode in CONTEST_MODES:
        fill, legend, title = _contest_style(mode, sc, contest)
    else:
        raise ValueError(f"unknown map mode {mode!r}; modes are {', '.join(MODES)}")
    return MapStyle(fill, hatched, outlined, legend, title)


def _contest_style(mode: str, sc: Scenario, c):
    pools, n = sc.pools, sc.seats.n
    ok = c is not None and len(c.cost) == n
    if mode == "best_partner":
        colours = [pool_colour_hex(pools, i) for i in range(pools.n_partners)]
        if not ok:
            return [NO_FIGURE] * n, [(p.code, colours[i], False) for i, p in enumerate(pools.partners)], \
                "Best partner (higher P(win) alone): computing…"
        counts = np.bincount(c.best, minlength=pools.n_partners)
        return ([colours[b] for b in c.best.tolist()],
                [(f"{p.code} ({int(counts[i])})", colours[i], False) for i, p in enumerate(pools.partners)],
                "Best partner: the higher P(win) as the lone candidate")
    legend = [(label, cost_colour(v), False) for v, label in COST_LEGEND] + \
        [("a friendly fight does better", BETTER_FIGHT, False)]
    if not ok:
        return [NO_FIGURE] * n, legend, "Cost vs the better partner alone: computing…"
    fill = [BETTER_FIGHT if v < -0.0005 else cost_colour(v) for v in c.cost.tolist()]
    return fill, legend, f"Cost vs the better partner alone: {float(np.clip(c.cost, 0, None).sum()):.2f} expected seats"


def seat_card(sc: Scenario, ev: Evaluation, ac_no: int) -> str:
    """Plain text for a seat's hover tooltip."""
    seats, pr = sc.seats, ev.projection
    i = seats.index_of(ac_no)
    f = seats.frame.iloc[i]
    parties = pr.parties
    lines = [f"{ac_no} {seats.names[i]}" + (" (SC)" if seats.is_sc[i] else ""),
             f"{f['district']} district · {f['pc_name']} Lok Sabha seat",
             f"Pool: {sc.pools.label(int(sc.pool[i]))}"]
    base = sc.dataset.baselines[sc.assumptions.baseline]
    lines.append(f"{base.label}: {parties[ev.baseline_leader[i]]} led by {ev.baseline_lead_votes[i]:,.0f} votes "
                 f"({ev.baseline_lead_pts[i]:.1f} pts)")
    ru = int(pr.runner[i])
    lines.append(f"Projected: {parties[pr.winner[i]]} wins by {pr.margin_votes[i]:,.0f} votes "
                 f"({pr.margin_pts[i]:.1f} pts) over {parties[ru] if ru >= 0 else '—'}")
    for c in ev.conflicts_by_seat().get(int(ac_no), ()):
        lines.append(f"{'Breaks' if c.severity == 'error' else 'Warning' if c.severity == 'warning' else 'Pending'}: "
                     f"{c.message}")
    return "\n".join(lines)
