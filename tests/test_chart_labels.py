"""The live chart's labels fit the dock at any width (issue 16, item 2): every label the panel
lays out lies inside the widget, is at least as wide as its text in the font it is drawn in,
and overprints no other label; titles shorten, party names become codes, PC names elide."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics

from explorer.core import commands as cc
from explorer.core.dataset import Baseline
from explorer.core.dataset_io import load_embedded, resource_root
from explorer.core.pools import Partner
from explorer.core.scenario import Scenario
from explorer.gui.panels.chart import ChartPanel

from .helpers import congress_everywhere, open_window

WIDTHS = (260, 400, 800)


_KEPT: list[ChartPanel] = []  # each panel's wrapper outlives its test (qtbot closes the widget)


def panel_at(qtbot, doc, width: int, height: int) -> ChartPanel:
    panel = ChartPanel(doc)
    _KEPT.append(panel)
    qtbot.addWidget(panel)
    panel.resize(width, height)
    panel.show()
    qtbot.waitExposed(panel)
    panel.repaint()
    return panel


def check_fits(panel: ChartPanel) -> list[str]:
    """Assert the layout's labels fit and do not overlap; return their texts."""
    placed = panel.label_rects()
    bounds = panel.rect()
    for text, r, font in placed:
        assert r.left() >= -0.01 and r.top() >= -0.01, (text, r)
        assert r.right() <= bounds.width() + 0.01 and r.bottom() <= bounds.height() + 0.01, (text, r, bounds)
        assert QFontMetrics(font).horizontalAdvance(text) <= r.width(), (text, r)
    for i, (a, ra, _) in enumerate(placed):
        for b, rb, _ in placed[i + 1:]:
            both = ra.intersected(rb)
            assert both.width() < 0.5 or both.height() < 0.5, (a, ra, b, rb)
    return [t for t, _r, _f in placed]


@pytest.fixture
def haryana_window(qtbot):
    # every seat with Congress on the 2019 Vidhan Sabha: alliance 32 of 90, majority 46 (test_gui)
    w = open_window(qtbot, congress_everywhere("Haryana"))
    return w


@pytest.mark.parametrize("height", [300, 560])
@pytest.mark.parametrize("width", WIDTHS)
def test_haryana_chart_labels_fit_every_width(qtbot, haryana_window, width, height):
    panel = panel_at(qtbot, haryana_window.doc, width, height)
    texts = check_fits(panel)
    full = "Seats led of 90: alliance 32, majority 46 (dashed)"
    assert panel.seat_title == full
    titles = [t for t in texts if "majority 46" in t or "need 46" in t]
    assert len(titles) == 1  # a title is shown at every width, never cut through "majority 46"
    if width >= 400:
        assert titles == [full] and {"0", "46", "90"} <= set(texts)
    else:
        assert titles[0] != full and "46" in texts  # a shorter title; the majority tick kept
    split_title = next(t for t in texts if t.startswith("Seats per pool") or t.startswith("Pools per"))
    assert not split_title.endswith("…")
    assert {"Leads", "Baseline"} <= set(texts)
    assert {"AAP", "INC", "Contested", "Unassigned"} <= set(texts)  # the legend wraps, never runs off
    if height >= 560:
        pcs = [t for t in texts if t.rstrip("…") and any(n.startswith(t.rstrip("…")) for n in
                                                        haryana_window.doc.dataset.seats.pc_names)]
        assert len(pcs) == 10  # Haryana's ten Lok Sabha seats each named (elided where narrow)
        if width == 800:
            assert sorted(pcs) == sorted(haryana_window.doc.dataset.seats.pc_names)


def test_the_full_title_at_800_and_a_shorter_one_at_260(qtbot, haryana_window):
    wide = check_fits(panel_at(qtbot, haryana_window.doc, 800, 400))
    narrow = check_fits(panel_at(qtbot, haryana_window.doc, 260, 400))
    assert "Seats per pool in each Lok Sabha seat" in wide
    assert "Seats led of 90: alliance 32, majority 46 (dashed)" not in narrow


def test_long_party_names_become_codes_or_numbers(qtbot, haryana_window):
    """An imported baseline naming parties in full: the bars show "INC 32"-like codes, a party
    the table does not know is labelled by its seat count or not at all, never cut through."""
    doc = haryana_window.doc
    base = doc.dataset.baselines["vs2019"].candidates.copy()
    base["party"] = base["party"].replace({"INC": "Indian National Congress",
                                           "JJP": "Jannayak Janta Party Haryana Unit Of The Year"})
    assert doc.push(cc.UseBaseline(doc.scenario, Baseline("file:long", "long names (imported)", base)))
    ev = doc.evaluation
    segs = dict(ev.seat_segments(True))
    assert segs["Indian National Congress"] == 31 and segs["Jannayak Janta Party Haryana Unit Of The Year"] == 10
    for width in WIDTHS:
        texts = check_fits(panel_at(qtbot, doc, width, 400))
        assert not any("Indian" in t or "Jannayak" in t for t in texts)
        if width == 800:
            assert "INC 31" in texts and "10" in texts  # the unknown long name: its seat count only


@pytest.mark.parametrize("width", WIDTHS)
def test_jharkhand_and_eight_partners_fit(qtbot, width):
    path = resource_root() / "jharkhand" / "scenarios" / "india_bloc_2024.json"
    w = open_window(qtbot, congress_everywhere("Haryana"))
    assert w.files.open(str(path))
    texts = check_fits(panel_at(qtbot, w.doc, width, 420))
    assert {"JMM", "INC", "RJD", "CPI(ML)L", "Contested", "Unassigned"} <= set(texts)
    ds = load_embedded()
    extra = tuple(Partner(c, c, col) for c, col in (("INLD", "#1B5E20"), ("JJP", "#F9A825"), ("BSP", "#5E35B1"),
                                                     ("HLP", "#795548"), ("CPI(M)", "#B71C1C"), ("SP", "#C62828")))
    sc = Scenario(ds, ds.partners + extra, name="Eight")
    sc.assign_all("unassigned")
    w2 = open_window(qtbot, sc)
    texts = check_fits(panel_at(qtbot, w2.doc, width, 300))
    legend = [t for t in texts if t in {p.code for p in sc.pools.partners} | {"Contested", "Unassigned"}]
    assert len(legend) >= (10 if width >= 400 else 4)


def test_forty_partners_the_legend_says_how_many_it_leaves_out(qtbot):
    ds = load_embedded()
    extra = tuple(Partner(f"P{k:02d}", f"Partner {k}", "#%02X6040" % (k * 6)) for k in range(1, 39))
    sc = Scenario(ds, ds.partners + extra, name="Forty")  # the most an alliance may have
    w = open_window(qtbot, sc)
    pools = {p.code for p in sc.pools.partners} | {"Contested", "Unassigned"}
    assert len(pools) == 42
    for width, height in ((260, 300), (400, 300), (800, 900)):
        texts = check_fits(panel_at(qtbot, w.doc, width, height))
        shown = [t for t in texts if t in pools]
        more = [t for t in texts if t.startswith("+") and t.endswith(" more")]
        if width == 260:
            assert len(shown) < 42
        if len(shown) < 42:
            assert more == [f"+{42 - len(shown)} more"]
        else:
            assert more == []


@pytest.mark.parametrize("height", [300, 420, 700])
def test_lok_sabha_seats_too_many_for_the_dock_show_those_that_fit_and_say_how_many_more(qtbot, height):
    # Tamil Nadu's 39 Lok Sabha seats in a dock lost every name and number (each bar a sliver);
    # now as many as fit have a line each, and one line says how many more there are. Haryana's
    # seats grouped two by two into 45 "Lok Sabha seats" stand for such a state
    from dataclasses import replace
    from explorer.core.dataset import SeatTable
    ds = load_embedded()
    f = ds.seats.frame.copy()
    f["pc_no"] = (f["ac_no"] + 1) // 2
    f["pc_name"] = [f"Seat pair {k}" for k in f["pc_no"]]
    sc = Scenario(replace(ds, seats=SeatTable(f)), name="Pairs")
    sc.assign_all("INC")
    w = open_window(qtbot, sc)
    texts = check_fits(panel_at(qtbot, w.doc, 400, height))
    shown = [t for t in texts if t.startswith("Seat pair")]
    said = [int(t[1:].split()[0]) for t in texts if t.startswith("+") and "Lok Sabha" in t]
    assert shown, texts                                  # never a chart of slivers with no name
    assert len(shown) + (said[0] if said else 0) == 45, (len(shown), said)
    assert said                                          # 45 rows are more than any of these heights holds
