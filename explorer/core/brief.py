"""A one-page PDF brief for leadership, drawn with matplotlib's Figure (no pyplot, no Qt):
map (or, without boundaries, the per-PC split), seat chart with the majority line, summary
table, conflicts, assumptions, data attribution and date."""
from __future__ import annotations

import io
from datetime import date

import numpy as np

from .palette import party_colour
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
    # below the map, outside it, in rows of up to four: never over a seat nor the heading under it
    ax.legend(handles=[Patch(facecolor=c, edgecolor="white", hatch="////" if h else None, label=l)
                       for l, c, h in handles], fontsize=6, loc="upper left", bbox_to_anchor=(0.0, 0.0),
              ncol=min(4, max(1, len(handles))), frameon=False, borderaxespad=0.2, columnspacing=1.0)


def _draw_pc_split(ax, sc: Scenario, ev: Evaluation) -> None:
    by_pc = ev.pc_split.counts
    y = np.arange(len(ev.pc_split.names))[::-1]
    left = np.zeros(len(y))
    for j in range(len(sc.pools)):
        ax.barh(y, by_pc[:, j], left=left, color=pool_colour_hex(sc.pools, j), label=sc.pools.label(j))
        left += by_pc[:, j]
    ax.set_yticks(y, [labels.elide(n, 100, 6) for n in ev.pc_split.names], fontsize=6)
    ax.tick_params(axis="x", labelsize=6)
    ax.set_ylim(-0.6, len(y) - 0.4)
    # below the bars, outside them
    ax.legend(fontsize=6, frameon=False, loc="upper left", bbox_to_anchor=(0.0, -0.06), ncol=2,
              borderaxespad=0.2, columnspacing=1.0)
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
            ax.barh(row, n, left=left, color=colours.get(party) or party_colour(ds, sc.pools.partners, party), edgecolor="white",
                    height=0.7)
            text = labels.segment_label(labels.short_party(party, ds.parties), n, n * per_seat, 6.5)
            if text:  # a label only where it fits inside its own segment
                ax.text(left + n / 2, row, text, ha="center", va="center", fontsize=6.5, color="white",
                        fontweight="bold", clip_on=True)
            left += n
    ax.axvline(pr.majority - 0.5, color="#222", linestyle="--", linewidth=1)
    ax.set_yticks([0, 1], ["Baseline", "Leads"], fontsize=6.5)
    ax.set_xlabel(labels.elide(f"Baseline: {ds.baselines[sc.assumptions.baseline].label}", width, 6),
                  fontsize=6, color="#555")
    ax.set_xlim(0, sc.seats.n)
    ax.set_xticks([0, pr.majority, sc.seats.n])
    ax.tick_params(axis="x", labelsize=6.5)
    n, M, leads = sc.seats.n, pr.majority, pr.alliance_seats
    h = headline_of(uncertainty)
    if h:       # the headline's point (the simulated elections'), the count it leads in named as such
        pt = f"{h['seats']} {_point_word(h)}"
        title = labels.first_fitting([f"Seats: alliance {pt} of {n}, leads in {leads}, majority {M} (dashed)",
                                      f"Alliance {pt} of {n}, leads in {leads}, majority {M}",
                                      f"Alliance {pt}, leads in {leads}, majority {M}",
                                      f"Alliance {pt}, leads in {leads}"], width, 8)     # the majority: its tick
    else:
        title = labels.first_fitting([f"Seats: alliance leads in {leads} of {n}, majority {M} (dashed)",
                                      f"Alliance leads in {leads} of {n}, majority {M}",
                                      f"Alliance leads in {leads}, majority {M}"], width, 8)
    if uncertainty:
        from .uncertainty import probability_percent
        a = uncertainty["alliance_seats"]
        title += f"\n80 %: {a['p10']}–{a['p90']} · P(majority) {probability_percent(uncertainty['p_majority'])}"
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
            ["Seats led on the projected votes", ", ".join(f"{p} {n}" for p, n in pr.seats_by_party().items())],
            ["Alliance", _alliance_line(v, uncertainty)],
            ["Vote coverage", f"{pr.coverage * 100:.1f} % of the partners' vote kept "
                              f"({pr.kept_votes:,.0f} of {float(pr.partner_votes.sum()):,.0f})"]]
    h = headline_of(uncertainty)
    if h and h.get("partners"):      # the partners' expected seats: they add up to the alliance's
        rows.insert(3, ["Expected seats (simulated elections)",
                        ", ".join(f"{p} {n}" for p, n in h["partners"].items()) + f"; alliance {h['seats']}"])
    if uncertainty and uncertainty.get("model"):
        m = uncertainty["model"]
        rows.append(["Uncertainty model", f"{m['fitted_on']}. {m['coverage']}. {m['note']}"])
    if sc.rivals:     # every bloc, ours first; with the unaligned and the independents they make the seats
        bs = ev.bloc_seats
        rows.insert(3, ["Blocs (seats led)", " · ".join(f"{n} {bs[n]}" for n in ev.blocs.names)
                        + f" · unaligned {bs['unaligned']} · independents {bs['independents']}"
                        + "; " + "; ".join(f"{b.name}: {', '.join(b.partners)}" for b in sc.rivals)])
    return rows


def headline_of(u: dict | None) -> dict | None:
    """The ``headline`` block of the ``uncertainty`` dict (core.uncertainty.headline_of)."""
    if not u:
        return None
    from .uncertainty import headline_of as of
    return of(u)


def _point_word(h: dict) -> str:
    """What the headline's point is: "expected" (the mean of the simulated elections) or "median"."""
    return "median" if h.get("point") == "median" else "expected"


def _alliance_line(v, u: dict | None) -> str:
    """'44 of 90 expected (majority 46); 80 % range 30–60, P(majority) 49 %: coin flip (10,000
    simulated elections); leads in 46 on the projected votes': the point is the simulated
    elections' (core.uncertainty.alliance_headline), the deterministic count named for what it is;
    "reaches the majority" only as surely as P(majority) says (core.uncertainty.majority_outlook)."""
    led = f"leads in {v.alliance} of {v.seats} on the projected votes"
    if not u:
        return f"{led[0].upper()}{led[1:]} — {v.phrase} ({v.majority}) on that count"
    from .uncertainty import majority_outlook
    h = headline_of(u)
    o = majority_outlook(u["p_majority"])
    return (f"{h['seats']} of {v.seats} {_point_word(h)} (majority {v.majority}); 80 % range {h['p10']}–{h['p90']}, "
            f"P(majority) {o.percent}: {o.words} ({u['draws']:,} simulated elections); "
            f"leads in {v.alliance} on the projected votes")


def notes_line(sc: Scenario) -> str:
    """The scenario's notes for the brief, or why they are left out: a preset's description
    ("AAP gets the four segments … Congress every other seat") describes the preset's split, not
    one moved away from it."""
    notes = sc.notes.strip()
    if not notes:
        return ""
    from .deals import preset_split
    for name, doc in sc.dataset.scenario_docs.items():
        if isinstance(doc, dict) and (doc.get("notes") or "").strip() == notes:
            try:
                pool, _label = preset_split(sc, name)
            except ValueError:
                return f"Notes of the preset “{name}” left out: they describe its partners, not these."
            moved = int((pool != sc.pool).sum())
            from .deals import preset_scenario
            fights = sc.fights != preset_scenario(sc.dataset, name).fights
            if moved or fights:
                what = f"{moved} seat{'s' if moved != 1 else ''} moved since" if moved else "friendly fights set since"
                return (f"Notes of the preset “{name}” left out: they describe its split, and this one differs "
                        f"({what}).")
            break
    return "Notes: " + notes.replace("\n", " ")


def _closest_seats(sc: Scenario, ev: Evaluation, k: int = 24) -> list[str]:
    m = ev.alliance_margin
    order = np.argsort(np.abs(m), kind="stable")[:k]
    return [f"{int(sc.seats.ac_no[i])} {sc.seats.names[i]}: {sc.pools.label(int(sc.pool[i]))}, "
            f"{ev.projection.parties[ev.projection.winner[i]]} {m[i]:+.1f}" for i in order]


def _range(u: dict | None) -> str:
    if not u:
        return ""
    from .uncertainty import probability_percent
    a = u["alliance_seats"]
    return (f"; 80 % range {a['p10']}–{a['p90']}, P(majority) {probability_percent(u['p_majority'])} "
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
    matplotlib.rcParams["pdf.fonttype"] = 42  # real text in the PDF: searchable, copyable
    fig = brief_figure(sc, ev, today, uncertainty)
    buf = io.BytesIO()
    fig.savefig(buf, format="pdf", metadata={"Title": f"Seat-share brief: {sc.name}", "Creator": "Seat-share Explorer"})
    return buf.getvalue()


def brief_figure(sc: Scenario, ev: Evaluation, today: date | None = None, uncertainty: dict | None = None):
    """The brief's page as a matplotlib Figure (A4 portrait, inches): the PDF and File ▸ Print
    draw the same page. Call inside ``matplotlib.rc_context(PLAIN_TEXT_RC)``."""
    from matplotlib.figure import Figure
    today = today or date.today()
    fig = Figure(figsize=(8.27, 11.69))  # A4 portrait
    fig.text(0.06, 0.962, f"Seat-share brief: {sc.name}", fontsize=15, fontweight="bold")
    named = len(sc.pools.partners) <= 3      # the partners' names when they fit one line
    fig.text(0.06, 0.955, _wrap(f"{sc.dataset.name} · {today.isoformat()} · partners "
                                + ", ".join(f"{p.code} ({p.name})" if named else p.code for p in sc.pools.partners),
                                120), fontsize=7.5, color="#444", va="top")
    b = boundaries_of(sc.dataset)  # imported boundaries too
    has_map = b is not None and bool(b.shapes)
    if has_map:
        _draw_map(fig.add_axes([0.04, 0.52, 0.52, 0.40]), sc, ev, b)
    else:       # the PC names left of the bars, inside the page
        _draw_pc_split(fig.add_axes([0.16, 0.56, 0.38, 0.36]), sc, ev)
    _draw_seat_chart(fig.add_axes([0.62, 0.80, 0.34, 0.09]), sc, ev, uncertainty)
    ax_t = fig.add_axes([0.58, 0.50, 0.40, 0.25])
    ax_t.axis("off")
    ax_t.set_title("Summary", fontsize=8, loc="left")
    y = 0.95
    for k, v in _summary_table(sc, ev, uncertainty):
        ax_t.text(0.0, y, k, fontsize=7, fontweight="bold", va="top", transform=ax_t.transAxes)
        ax_t.text(0.0, y - 0.07, _wrap(v, 62), fontsize=7, va="top", transform=ax_t.transAxes)
        y -= 0.07 * (2 + _wrap(v, 62).count("\n")) + 0.02
    # conflicts: the lower left half, wrapped to its width
    ax_c = fig.add_axes([0.06, 0.15, 0.46, 0.31] if has_map else [0.06, 0.15, 0.46, 0.28])
    ax_c.axis("off")
    ax_c.set_title(f"Conflicts with the negotiation's rules ({len(ev.conflicts)})", fontsize=9, loc="left")
    line, y = 0.034, 0.98
    for n, c in enumerate(ev.conflicts):
        text = _wrap(f"{SEVERITY_MARK[c.severity]}  {c.message}", 70)
        need = line * (1 + text.count("\n"))
        if y - need < 0.03:
            ax_c.text(0.0, y, f"… and {len(ev.conflicts) - n} more", fontsize=7, va="top", transform=ax_c.transAxes)
            break
        ax_c.text(0.0, y, text, fontsize=7, color=SEVERITY_COLOUR[c.severity], va="top", transform=ax_c.transAxes)
        y -= need + 0.006
    if not ev.conflicts:
        ax_c.text(0.0, 0.95, "None: this split meets every rule.", fontsize=7.5, color="#1B7F3B", va="top",
                  transform=ax_c.transAxes)
        y = 0.9
    if has_map and y > 0.3:       # room left under the conflicts: the closest seats
        ax_c.text(0.0, y - 0.03, "Closest seats (the alliance's projected margin, points)", fontsize=8,
                  va="top", transform=ax_c.transAxes)
        y -= 0.09
        for t in _closest_seats(sc, ev, int(y / line)):
            ax_c.text(0.0, y, t, fontsize=6.8, va="top", transform=ax_c.transAxes)
            y -= line
    # the lower right half: seats per pool in each PC under the map, else the closest seats
    if has_map:
        _draw_pc_split(fig.add_axes([0.72, 0.20, 0.25, 0.25]), sc, ev)
    else:
        ax_s = fig.add_axes([0.58, 0.15, 0.40, 0.28])
        ax_s.axis("off")
        ax_s.set_title("Closest seats (the alliance's projected margin, points)", fontsize=8, loc="left")
        for k, t in enumerate(_closest_seats(sc, ev)):
            ax_s.text(0.0, 0.97 - k * 0.04, t, fontsize=6.8, va="top", transform=ax_s.transAxes)
    a = sc.assumptions
    codes = tuple(p.code for p in sc.pools.partners)
    # the footer, top down: walk-away, assumptions, notes (each wrapped, none over another)
    footer = []
    if uncertainty and uncertainty.get("walk_away"):
        footer.append(walk_away_line(uncertainty["walk_away"]))
    rates = sorted({a.transfer_rate(f, t) for f in codes for t in codes if f != t})
    transfer = a.describe(codes)
    if len(rates) == 1 and len(codes) > 2:     # one rate for every pair: said once, not n(n-1) times
        rest = transfer.split(" · ", 1)[1:]
        transfer = " · ".join([f"transfer {rates[0] * 100:.0f} % every way"] + rest)
    footer.append("Assumptions: " + sc.dataset.baselines[a.baseline].label + " · " + transfer)
    notes = notes_line(sc)
    if notes:
        footer.append(notes)
    y = 0.135
    for text in footer:
        text = "\n".join(_wrap(text, 120).split("\n")[:3])     # at most three lines each, above the attribution
        fig.text(0.06, y, text, fontsize=7, color="#333", va="top")
        y -= 0.0125 * (1 + text.count("\n")) + 0.005
    fig.text(0.06, 0.02, _wrap(sc.dataset.attribution.replace("Data attribution\n================\n", "")
                               .replace("\n\n", " ").replace("\n", " ").strip(), 190),
             fontsize=4.6, color="#666", va="bottom")
    return fig


def _wrap(text: str, width: int) -> str:
    import textwrap
    return "\n".join(textwrap.wrap(text, width)) or text


def write_brief(path, sc: Scenario, ev: Evaluation, today: date | None = None, uncertainty: dict | None = None) -> None:
    atomic_write_bytes(path, brief_pdf_bytes(sc, ev, today, uncertainty))
