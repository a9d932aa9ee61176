"""A one-page PDF brief for leadership, drawn with matplotlib's Figure (no pyplot, no Qt):
map (or, without boundaries, the per-PC split), seat chart with the majority line, summary
table, conflicts, assumptions, data attribution and date."""
from __future__ import annotations

import io
from datetime import date

import numpy as np

from .chart import pc_split_chart, seat_chart
from .engine import Evaluation
from .geometry import Boundaries
from .imported import boundaries_of
from .jsonio import atomic_write_bytes
from .mapstyle import map_style
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
    ch = pc_split_chart(sc, ev)  # the description the live chart draws
    y = np.arange(len(ch.names))[::-1]
    left = np.zeros(len(y))
    for j, (label, colour) in enumerate(zip(ch.pool_labels, ch.pool_colours)):
        ax.barh(y, ch.counts[:, j], left=left, color=colour, label=label,
                hatch="///" if j == ch.hatched else None)
        left += ch.counts[:, j]
    ax.set_yticks(y, ch.names, fontsize=6)
    ax.set_xlim(0, ch.xmax)
    ax.legend(fontsize=6, frameon=False)
    ax.set_title(f"{ch.title} (no map for this data set)", fontsize=8, loc="left")


def _draw_seat_chart(ax, sc: Scenario, ev: Evaluation) -> None:
    ch = seat_chart(sc, ev)  # the description the live chart draws
    for k, (label, segments) in enumerate(ch.rows):
        row = len(ch.rows) - 1 - k  # the first row on top
        left = 0
        for s in segments:
            ax.barh(row, s.seats, left=left, color=s.colour, edgecolor="white", height=0.7)
            if s.label:
                ax.text(left + s.seats / 2, row, s.label, ha="center", va="center", fontsize=6.5,
                        color="white", fontweight="bold")
            left += s.seats
    ax.axvline(ch.majority - 0.5, color="#222", linestyle="--", linewidth=1)
    ax.set_yticks(range(len(ch.rows)), [r[0] for r in ch.rows][::-1], fontsize=6.5)
    ax.set_xlabel(f"Baseline: {sc.dataset.baselines[sc.assumptions.baseline].label}", fontsize=6, color="#555")
    ax.set_xlim(0, ch.total)
    ax.set_xticks(ch.ticks)
    ax.tick_params(axis="x", labelsize=6.5)
    ax.set_title(ch.title, fontsize=8, loc="left")
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)


def _summary_table(sc: Scenario, ev: Evaluation) -> list[list[str]]:
    pr, P, v = ev.projection, sc.pools, ev.verdict
    counts = ev.pool_counts
    rows = [["Seats contested", ", ".join(f"{p.code} {p.fielding} ({p.alone} alone)" for p in ev.partners)
             + f"; {counts[P.key(P.contested)]} contested, {counts[P.key(P.unassigned)]} unassigned"],
            ["SC seats alone", ", ".join(f"{p.code} {p.sc_alone}" for p in ev.partners)],
            ["Projected seats", ", ".join(f"{p} {n}" for p, n in pr.seats_by_party().items())],
            ["Alliance", f"{v.alliance} of {v.seats} — {v.phrase} ({v.majority})"],
            ["Vote coverage", f"{pr.coverage * 100:.1f} % of the partners' vote kept "
                              f"({pr.kept_votes:,.0f} of {float(pr.partner_votes.sum()):,.0f})"]]
    return rows


# Names, notes and rules come from files the other side may have written: every text of the
# brief is drawn as written, with no mathtext ("$x$") and no TeX.
PLAIN_TEXT_RC = {"text.parse_math": False, "text.usetex": False}


def brief_pdf_bytes(sc: Scenario, ev: Evaluation, today: date | None = None) -> bytes:
    import matplotlib
    with matplotlib.rc_context(PLAIN_TEXT_RC):
        return _brief_pdf_bytes(sc, ev, today)


def _brief_pdf_bytes(sc: Scenario, ev: Evaluation, today: date | None) -> bytes:
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
    _draw_seat_chart(fig.add_axes([0.62, 0.80, 0.34, 0.09]), sc, ev)
    ax_t = fig.add_axes([0.58, 0.50, 0.40, 0.25])
    ax_t.axis("off")
    ax_t.set_title("Summary", fontsize=8, loc="left")
    y = 0.95
    for k, v in _summary_table(sc, ev):
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


def write_brief(path, sc: Scenario, ev: Evaluation, today: date | None = None) -> None:
    atomic_write_bytes(path, brief_pdf_bytes(sc, ev, today))
