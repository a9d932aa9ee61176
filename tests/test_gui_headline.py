"""The scoreboard's headline (issue 25, section 5): the alliance's expected seats over the
simulated elections with their 80 % range and P(majority), the deterministic count named "leads in
N" beside it; before any simulated figures the count alone, as a count; greyed while re-simulating.
The seat bar shows the expected seats once they exist, the partners' adding up to the headline."""
from __future__ import annotations

import numpy as np
import pytest

from explorer.core import uncertainty as U
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.scenario import scenario_from_preset
from explorer.gui.panels.scoreboard import EXPECTED_CAPTION, LEADS_CAPTION

from .helpers import open_window, tile_lines

CASES = [("haryana", "AAP's Lok Sabha leads", 46), ("jharkhand", "INDIA bloc 2024", 56)]


def core_headline(sc):
    """The headline straight from the core, as the window's live figures compute it (10,000
    draws, the default seed, the friendly fights splitting only their partners' vote)."""
    ds = sc.dataset
    ev = Engine(ds).evaluate(sc)
    params = U.with_assumed_poll(U.params_for(ds)[0], sc.assumptions, sc.bloc_name)
    s = U.Simulator(ev.projector, ds, params, U.DEFAULT_DRAWS, U.DEFAULT_SEED).run(
        sc.pool.astype(np.int64), ds.majority, sc.fight_masks())
    return ev, s, U.alliance_headline(s, ev.verdict.alliance, sc.pools.n_partners)


@pytest.mark.parametrize("name, preset, leads", CASES)
def test_the_tile_shows_the_model_point_and_the_count_it_leads_in(qtbot, name, preset, leads):
    w = open_window(qtbot, scenario_from_preset(load_embedded(name), preset))
    sb, live = w.scoreboard, w.analysis.live
    # before any simulated figures: the count, said to be one, and the bar of the seats led
    assert live.figures is None and sb.point is None
    assert tile_lines(sb.alliance) == (f"leads in {leads}", "on the projected votes")
    assert sb.bar_box.caption.forms() == LEADS_CAPTION and sb.bar.segments() == w.doc.evaluation.seat_segments()
    qtbot.waitUntil(lambda: live.figures is not None and not live.stale, timeout=20000)
    ev, s, h = core_headline(scenario_from_preset(load_embedded(name), preset))
    assert ev.verdict.alliance == leads and live.figures.p_majority == s.p_majority
    # the model's point (the mean of the draws, whole), its range, and the count led, named
    assert h.seats == int(np.floor(s.alliance_seats.mean() + 0.5)) and sb.point == h.seats
    assert tile_lines(sb.alliance) == (f"{h.seats} ({h.p10}–{h.p90})", f"leads in {leads}")
    assert f"expected seats: {h.seats} of {ds_seats(w)}" in sb.alliance.toolTip()
    assert f"It leads in {leads} of {ds_seats(w)} on the projected votes" in sb.alliance.toolTip()
    # the seat bar: each party's expected seats, the partners' adding up to the headline's point
    assert sb.bar_box.caption.forms() == EXPECTED_CAPTION
    segs = sb.bar.segments()
    assert segs == U.expected_segments(s, h)
    n_p = w.doc.pools.n_partners
    assert [p for p, _ in segs[:len(h.partners)]] == [p.code for p in w.doc.pools.partners][:len(h.partners)]
    assert sum(n for p, n in segs if p in h.partners) == h.seats == sum(h.partners.values())
    assert len(h.partners) == n_p


def ds_seats(w) -> int:
    return w.doc.dataset.seats.n


def test_jharkhand_leads_in_56_but_expects_fewer(qtbot):
    """The numbers of the integrator's measure: INDIA leads in 56 of 81 on the projected votes, while
    the simulated elections expect far fewer; the tile's big figure is the latter."""
    ev, s, h = core_headline(scenario_from_preset(load_embedded("jharkhand"), "INDIA bloc 2024"))
    assert ev.verdict.alliance == 56 and h.seats < 50 and h.p10 < h.seats < h.p90


def test_stale_figures_keep_the_last_point_greyed(qtbot):
    w = open_window(qtbot, scenario_from_preset(load_embedded(), "AAP's Lok Sabha leads"))
    sb, live = w.scoreboard, w.analysis.live
    qtbot.waitUntil(lambda: live.figures is not None and not live.stale, timeout=20000)
    before = sb.point
    a = w.doc.scenario.assumptions
    w.doc.set_assumptions(a.with_transfer("AAP", "INC", 1.0).with_transfer("INC", "AAP", 1.0), "transfer 100 %")
    assert live.stale and live.coming
    v = w.doc.evaluation.verdict
    # the last model point, greyed, its range, and the count led now (the evaluation's, current)
    assert sb.point == before and sb.alliance.value.text().startswith(f"<span style='color:#888'>{before}</span>")
    assert tile_lines(sb.alliance) == (f"{before} ({live.figures.interval[1]}–{live.figures.interval[2]})",
                                      f"leads in {v.alliance}")
    assert "updating" in sb.chance.value.text() and "being updated" in sb.alliance.toolTip()
    qtbot.waitUntil(lambda: not live.stale, timeout=20000)
    h = U.alliance_headline(live.figures.summary, v.alliance, 2)
    assert sb.point == h.seats and "#888" not in sb.alliance.value.text()
    assert tile_lines(sb.alliance) == (f"{h.seats} ({h.p10}–{h.p90})", f"leads in {v.alliance}")


def test_another_data_set_shows_the_count_until_its_figures_come(qtbot):
    """A new document (no figures for it yet): the tile goes back to "leads in N" of that document,
    the bar to its seats led, never the last document's point; then its own figures come."""
    w = open_window(qtbot, scenario_from_preset(load_embedded(), "AAP's Lok Sabha leads"))
    sb, live = w.scoreboard, w.analysis.live
    qtbot.waitUntil(lambda: live.figures is not None and not live.stale, timeout=20000)
    assert w.files.open_dataset("embedded:jharkhand")
    assert w.doc.dataset.id == "jharkhand" and live.figures is None
    v = w.doc.evaluation.verdict
    assert sb.point is None and tile_lines(sb.alliance) == (f"leads in {v.alliance}", "on the projected votes")
    assert sb.bar_box.caption.forms() == LEADS_CAPTION and not sb.bar.expected
    assert sb.bar.segments() == w.doc.evaluation.seat_segments()
    qtbot.waitUntil(lambda: live.figures is not None and not live.stale, timeout=20000)
    h = U.alliance_headline(live.figures.summary, v.alliance, w.doc.pools.n_partners)
    assert sb.point == h.seats and tile_lines(sb.alliance) == (f"{h.seats} ({h.p10}–{h.p90})", f"leads in {v.alliance}")


def test_the_status_line_counts_the_rivals_as_leads_too(qtbot):
    """With NDA as it stood in 2024: the status line's rival count is the seats it leads in on the
    projected votes, said so, beside the alliance's."""
    w = open_window(qtbot, scenario_from_preset(load_embedded("jharkhand"), "INDIA bloc 2024"))
    assert w.blocs.apply_preset("vs2024")
    ev = w.doc.evaluation
    assert tuple(ev.blocs.names[1:]) == ("NDA",)
    assert (f"alliance leads in {ev.verdict.alliance} on the projected votes (expected seats, P(majority) "
            f"computing…); NDA leads in {ev.bloc_seats['NDA']} · ") in w.status.text()
