"""The brief's page (issue 26, item 3): its notes never contradict the split, the map's legend
touches no heading, no text runs off the page, and the page is used."""
from __future__ import annotations

import matplotlib

from explorer.core import brief
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.scenario import scenario_from_preset

AAP = "AAP's Lok Sabha leads"


def _figure(sc, unc=None):
    with matplotlib.rc_context(brief.PLAIN_TEXT_RC):
        fig = brief.brief_figure(sc, Engine(sc.dataset).evaluate(sc), uncertainty=unc)
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        FigureCanvasAgg(fig).draw()     # Agg: the texts' extents
    return fig


def _texts(fig):
    r = fig.canvas.get_renderer()
    out = [(t.get_text(), t.get_window_extent(r)) for t in fig.texts if t.get_text()]
    for ax in fig.axes:
        for t in ax.texts + [ax.title, ax._left_title]:
            if t.get_text() and t.get_visible():
                out.append((t.get_text(), t.get_window_extent(r)))
        leg = ax.get_legend()
        if leg is not None:
            out.append(("legend of " + (ax._left_title.get_text() or ax.get_title()), leg.get_window_extent(r)))
    return out


def test_a_presets_notes_are_left_out_once_its_split_is_changed():
    sc = scenario_from_preset(load_embedded(), AAP)
    assert "Congress every other seat" in sc.notes
    assert brief.notes_line(sc).startswith("Notes: AAP gets the four")
    sc.assign([17, 18, 19, 20, 21, 22, 23, 24, 25, 26], "contested")
    line = brief.notes_line(sc)
    assert "Congress every other seat" not in line and "10 seats moved since" in line
    sc.notes = "Our own reading: hold Kaithal."
    assert brief.notes_line(sc) == "Notes: Our own reading: hold Kaithal."


def test_the_alliance_line_says_reaches_only_as_surely_as_p_majority():
    sc = scenario_from_preset(load_embedded(), AAP)
    v = Engine(sc.dataset).evaluate(sc).verdict
    unc = {"alliance_seats": {"median": 46, "p10": 30, "p90": 60}, "p_majority": 0.49, "draws": 10000,
           "headline": {"point": "expected seats", "seats": 44, "expected": 44.4, "median": 46, "p10": 30,
                        "p90": 60, "p_majority": 0.49, "leads": 46, "partners": {"AAP": 2, "INC": 42}}}
    line = brief._alliance_line(v, unc)
    # the simulated elections' point first; the deterministic count named for what it is
    assert line == ("44 of 90 expected (majority 46); 80 % range 30–60, P(majority) 49 %: coin flip "
                    "(10,000 simulated elections); leads in 46 on the projected votes")
    assert "reaches" not in line
    # a dict of before the headline block: its median is the point, and says so
    del unc["headline"]
    assert brief._alliance_line(v, unc).startswith("46 of 90 median (majority 46); 80 % range 30–60")
    # no simulated elections: the count alone, as a count
    assert brief._alliance_line(v, None) == ("Leads in 46 of 90 on the projected votes — reaches the majority "
                                             "(46) on that count")
    rows = dict(brief._summary_table(sc, Engine(sc.dataset).evaluate(sc), unc | {"headline": {
        "seats": 44, "p10": 30, "p90": 60, "partners": {"AAP": 2, "INC": 42}}}))
    assert rows["Expected seats (simulated elections)"] == "AAP 2, INC 42; alliance 44"
    assert rows["Seats led on the projected votes"].startswith("BJP 44, INC 42, AAP 4")


def test_no_text_overlaps_another_or_leaves_the_page_and_the_page_is_used():
    for sc in (scenario_from_preset(load_embedded(), AAP),
               scenario_from_preset(load_embedded("jharkhand"), "INDIA bloc 2024")):
        sc.assign([17, 18, 19, 20, 21, 22, 23, 24, 25, 26], "contested")
        fig = _figure(sc)
        page = fig.bbox
        texts = _texts(fig)
        for name, box in texts:
            assert page.x0 <= box.x0 and box.x1 <= page.x1 + 1 and page.y0 <= box.y0 and box.y1 <= page.y1, name
        heads = [(n, b) for n, b in texts if n.startswith("Conflicts with") or n.startswith("Closest seats")]
        legends = [(n, b) for n, b in texts if n.startswith("legend of")]
        assert heads and legends
        for ln, lb in legends:
            for hn, hb in heads:
                assert not lb.overlaps(hb), (ln, hn)
        # the lower half holds more than a few conflict lines: the closest seats or a chart
        low = [b for _n, b in texts if b.y1 < page.y1 * 0.45]
        assert sum(b.height for b in low) > page.height * 0.15
