"""A one-page PDF brief for leadership, drawn with matplotlib's Figure (no pyplot, no Qt):
map (or, without boundaries, the per-PC split), seat chart with the majority line, summary
table, conflicts, assumptions, data attribution and date."""
from __future__ import annotations

import io
from datetime import date

import numpy as np

from . import labels
from .engine import Evaluation
from .fonts import text_fonts
from .geometry import Boundaries
from .imported import boundaries_of
from .jsonio import atomic_write_bytes
from .mapstyle import map_style, party_colours
from .pools import pool_colour_hex
from .scenario import Scenario

SEVERITY_MARK = {"error": "✖", "warning": "▲", "info": "·"}
SEVERITY_COLOUR = {"error": "#C62828", "warning": "#B26A00", "info": "#5C7FA3"}


def _draw_map(ax, sc: Scenario, ev: Evaluation, b: Boundaries) -> None:
    from matplotlib.collections import PolyCollection
    style = map_style("pool", sc, ev)
    seats = sc.seats
    polys, colours, hatched, outlined, areas = [], [], [], [], []
    for k, ac in enumerate(seats.ac_no.tolist()):
        shape = b.shapes.get(ac)
        if shape is None:
            continue
        for ring in shape.rings:
            xy = ring * np.array([1.0, -1.0])  # back to north-up for matplotlib
            polys.append(xy)
            colours.append(style.fill[k])
            hatched.append(bool(style.hatched[k]))
            outlined.append(bool(style.outlined[k]))
            x, y = xy[:, 0], xy[:, 1]
            areas.append(abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2)
    order = np.argsort(-np.array(areas))  # large first, so enclaves (Panipat City) stay on top
    P = [polys[i] for i in order]
    ax.add_collection(PolyCollection(P, facecolors=[colours[i] for i in order], edgecolors="white", linewidths=0.3))
    H = [polys[i] for i in order if hatched[i]]
    if H:
        ax.add_collection(PolyCollection(H, facecolors="none", edgecolors="white", linewidths=0, hatch="////"))
    O = [polys[i] for i in order if outlined[i]]
    if O:
        ax.add_collection(PolyCollection(O, facecolors="none", edgecolors="#C62828", linewidths=1.2))
    for ac, shape in b.shapes.items():
        x, y = shape.label
        ax.text(x, -y, str(ac), fontsize=3.6, ha="center", va="center", color="white")
    ax.autoscale_view()
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("Pools (red outline: a rule is broken or warned)", fontsize=8, loc="left")
    handles = [(label, colour, h) for label, colour, h in style.legend]
    from matplotlib.patches import Patch
    ax.legend(handles=[Patch(facecolor=c, edgecolor="white", hatch="////" if h else None, label=l)
                       for l, c, h in handles], fontsize=6, loc="lower left", frameon=False)


def _draw_pc_split(ax, sc: Scenario, ev: Evaluation) -> None:
    by_pc = ev.pc_split.counts
    y = np.arange(len(ev.pc_split.names))[::-1]
    left = np.zeros(len(y))
    for j in range(len(sc.pools)):
        ax.barh(y, by_pc[:, j], left=left, color=pool_colour_hex(sc.pools, j), label=sc.pools.label(j))
        left += by_pc[:, j]
    ax.set_yticks(y, [labels.elide(n, 70, 6) for n in ev.pc_split.names], fontsize=6)
    ax.legend(fontsize=6, frameon=False)
    ax.set_title(labels.first_fitting(["Seats per pool in each Lok Sabha seat (no map for this data set)",
                                       "Seats per pool in each Lok Sabha seat", "Seats per pool in each PC"],
                                      _axes_width_pt(ax), 8), fontsize=8, loc="left")


def _axes_width_pt(ax) -> float:
    """The width of ``ax`` on the page, in points."""
    return ax.get_position().width * ax.figure.get_figwidth() * 72


def _draw_seat_chart(ax, sc: Scenario, ev: Evaluation, uncertainty: dict | None = None) -> None:
    pr = ev.projection
    ds = sc.dataset
    width = _axes_width_pt(ax)
    per_seat = width / max(1, sc.seats.n)  # points per seat along the bar
    colours = party_colours(sc, ev)  # the window's: never two parties alike
    for row, baseline in ((1, False), (0, True)):
        left = 0
        for party, n in ev.seat_segments(baseline):
            ax.barh(row, n, left=left, color=colours.get(party, ds.party_colour(party)), edgecolor="white",
                    height=0.7)
            text = labels.segment_label(labels.short_party(party, ds.parties), n, n * per_seat, 6.5)
            if text:  # a label only where it fits inside its own segment
                ax.text(left + n / 2, row, text, ha="center", va="center", fontsize=6.5, color="white",
                        fontweight="bold", clip_on=True)
            left += n
    ax.axvline(pr.majority - 0.5, color="#222", linestyle="--", linewidth=1)
    ax.set_yticks([0, 1], ["Baseline", "Projected"], fontsize=6.5)
    ax.set_xlabel(labels.elide(f"Baseline: {ds.baselines[sc.assumptions.baseline].label}", width, 6),
                  fontsize=6, color="#555")
    ax.set_xlim(0, sc.seats.n)
    ax.set_xticks([0, pr.majority, sc.seats.n])
    ax.tick_params(axis="x", labelsize=6.5)
    title = labels.first_fitting([f"Seats: alliance {pr.alliance_seats} of {sc.seats.n}, majority {pr.majority} "
                                  "(dashed)", f"Alliance {pr.alliance_seats} of {sc.seats.n}, majority "
                                  f"{pr.majority}", f"Alliance {pr.alliance_seats}, majority {pr.majority}"], width, 8)
    if uncertainty:
        a = uncertainty["alliance_seats"]
        title += f"\n80 %: {a['p10']}–{a['p90']} · P(majority) {uncertainty['p_majority'] * 100:.0f} %"
        ax.plot([a["p10"], a["p90"]], [1.45, 1.45], color="#222", linewidth=1.2, clip_on=False)
    ax.set_title(title, fontsize=8, loc="left")
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)


def walk_away_line(walk_away: dict) -> str:
    """'Walk-away: INC 28.0 expected seats in the alliance, 27.9 alone (gains); …'."""
    parts = [f"{code} {w['alliance']:.1f} expected seats in the alliance, {w['alone']:.1f} alone "
             f"({'gains' if w['alliance'] > w['alone'] else 'does not gain'})" for code, w in walk_away.items()]
    return "Walk-away: " + "; ".join(parts)


def _summary_table(sc: Scenario, ev: Evaluation, uncertainty: dict | None = None) -> list[list[str]]:
    pr, P, v = ev.projection, sc.pools, ev.verdict
    counts = ev.pool_counts
    rows = [["Seats contested", ", ".join(f"{p.code} {p.fielding} ({p.alone} alone)" for p in ev.partners)
             + f"; {counts[P.key(P.contested)]} contested, {counts[P.key(P.unassigned)]} unassigned"],
            ["SC seats alone", ", ".join(f"{p.code} {p.sc_alone}" for p in ev.partners)],
            ["Projected seats", ", ".join(f"{p} {n}" for p, n in pr.seats_by_party().items())],
            ["Alliance", f"{v.alliance} of {v.seats} — {v.phrase} ({v.majority})" + _range(uncertainty)],
            ["Vote coverage", f"{pr.coverage * 100:.1f} % of the partners' vote kept "
                              f"({pr.kept_votes:,.0f} of {float(pr.partner_votes.sum()):,.0f})"]]
    if uncertainty and uncertainty.get("model"):
        m = uncertainty["model"]
        rows.append(["Uncertainty model", f"{m['fitted_on']}. {m['coverage']}. {m['note']}"])
    if sc.rivals:     # every bloc, ours first; with the unaligned and the independents they make the seats
        bs = ev.bloc_seats
        rows.insert(3, ["Blocs", " · ".join(f"{n} {bs[n]}" for n in ev.blocs.names)
                        + f" · unaligned {bs['unaligned']} · independents {bs['independents']}"
                        + "; " + "; ".join(f"{b.name}: {', '.join(b.partners)}" for b in sc.rivals)])
    return rows


def _range(u: dict | None) -> str:
    if not u:
        return ""
    a = u["alliance_seats"]
    return (f"; 80 % range {a['p10']}–{a['p90']}, P(majority) {u['p_majority'] * 100:.0f} % "
            f"({u['draws']:,} simulated elections)")


# Names, notes and rules come from files the other side may have written: every text of the
# brief is drawn as written, with no mathtext ("$x$") and no TeX.
PLAIN_TEXT_RC = {"text.parse_math": False, "text.usetex": False}


def brief_pdf_bytes(sc: Scenario, ev: Evaluation, today: date | None = None, uncertainty: dict | None = None) -> bytes:
    """``uncertainty``: the ``uncertainty`` block of ``project --json`` (the range and P(majority)
    go beside the point figures), optionally with ``walk_away`` (a walk-away line)."""
    import matplotlib
    with matplotlib.rc_context({**PLAIN_TEXT_RC, **text_fonts()}):  # Devanagari where the system has it
        return _brief_pdf_bytes(sc, ev, today, uncertainty)


def _brief_pdf_bytes(sc: Scenario, ev: Evaluation, today: date | None, uncertainty: dict | None = None) -> bytes:
    import matplotlib
    from matplotlib.figure import Figure
    matplotlib.rcParams["pdf.fonttype"] = 42  # real text in the PDF: searchable, copyable
    today = today or date.today()
    fig = Figure(figsize=(8.27, 11.69))  # A4 portrait
    fig.text(0.06, 0.965, f"Seat-share brief: {sc.name}", fontsize=15, fontweight="bold")
    fig.text(0.06, 0.948, f"{sc.dataset.name} · {today.isoformat()} · partners "
                          + " and ".join(f"{p.code} ({p.name})" for p in sc.pools.partners), fontsize=7.5, color="#444")
    b = boundaries_of(sc.dataset)  # imported boundaries too
    ax_map = fig.add_axes([0.04, 0.49, 0.50, 0.42])
    if b is not None and b.shapes:
        _draw_map(ax_map, sc, ev, b)
    else:
        _draw_pc_split(ax_map, sc, ev)
    _draw_seat_chart(fig.add_axes([0.62, 0.80, 0.34, 0.09]), sc, ev, uncertainty)
    ax_t = fig.add_axes([0.58, 0.50, 0.40, 0.25])
    ax_t.axis("off")
    ax_t.set_title("Summary", fontsize=8, loc="left")
    y = 0.95
    for k, v in _summary_table(sc, ev, uncertainty):
        ax_t.text(0.0, y, k, fontsize=7, fontweight="bold", va="top", transform=ax_t.transAxes)
        ax_t.text(0.0, y - 0.07, _wrap(v, 62), fontsize=7, va="top", transform=ax_t.transAxes)
        y -= 0.07 * (2 + v.count("\n") + len(v) // 62) + 0.02
    # conflicts
    ax_c = fig.add_axes([0.06, 0.14, 0.90, 0.34])
    ax_c.axis("off")
    ax_c.set_title(f"Conflicts with the negotiation's rules ({len(ev.conflicts)})", fontsize=9, loc="left")
    shown = ev.conflicts[:22]
    for k, c in enumerate(shown):
        ax_c.text(0.0, 0.97 - k * 0.044, f"{SEVERITY_MARK[c.severity]}  {c.message}", fontsize=7.2,
                  color=SEVERITY_COLOUR[c.severity], va="top", transform=ax_c.transAxes)
    if len(ev.conflicts) > len(shown):
        ax_c.text(0.0, 0.97 - len(shown) * 0.044, f"… and {len(ev.conflicts) - len(shown)} more", fontsize=7,
                  va="top", transform=ax_c.transAxes)
    if not ev.conflicts:
        ax_c.text(0.0, 0.95, "None: this split meets every rule.", fontsize=7.5, color="#1B7F3B", va="top",
                  transform=ax_c.transAxes)
    a = sc.assumptions
    codes = tuple(p.code for p in sc.pools.partners)
    if uncertainty and uncertainty.get("walk_away"):
        fig.text(0.06, 0.128, _wrap(walk_away_line(uncertainty["walk_away"]), 150), fontsize=7, color="#333",
                 va="bottom")
    fig.text(0.06, 0.115, "Assumptions: " + sc.dataset.baselines[a.baseline].label + " · " + a.describe(codes),
             fontsize=7, color="#333")
    if sc.notes.strip():
        fig.text(0.06, 0.097, _wrap("Notes: " + sc.notes.strip().replace("\n", " "), 140), fontsize=7, color="#333",
                 va="top")
    fig.text(0.06, 0.02, _wrap(sc.dataset.attribution.replace("Data attribution\n================\n", "")
                               .replace("\n\n", " ").replace("\n", " ").strip(), 190),
             fontsize=4.6, color="#666", va="bottom")
    buf = io.BytesIO()
    fig.savefig(buf, format="pdf", metadata={"Title": f"Seat-share brief: {sc.name}", "Creator": "Seat-share Explorer"})
    return buf.getvalue()


def _wrap(text: str, width: int) -> str:
    import textwrap
    return "\n".join(textwrap.wrap(text, width)) or text


def write_brief(path, sc: Scenario, ev: Evaluation, today: date | None = None, uncertainty: dict | None = None) -> None:
    atomic_write_bytes(path, brief_pdf_bytes(sc, ev, today, uncertainty))
