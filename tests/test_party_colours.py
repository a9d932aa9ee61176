"""Party colours never alike for parties shown together (issue 11, Layout): a perceptual
distance (CIE76 ΔE) between every two parties of a legend, the seat chart and neighbouring
seats on the map; imported parties the table does not know are no longer all grey."""
from __future__ import annotations

import itertools

from PySide6.QtGui import QColor

from explorer.core import commands as cc
from explorer.core.dataset import Baseline
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.geometry import adjacent_seats
from explorer.core.imported import boundaries_of
from explorer.core.chart import seat_chart
from explorer.core.mapstyle import map_style, party_colours
from explorer.core.parties import ALIKE_DELTA_E, delta_e, distinct_colours
from explorer.core.scenario import scenario_from_preset

from .helpers import congress_everywhere, open_window

KALKA, PANCHKULA, NARAINGARH = 1, 2, 3


def alike_pairs(colours: dict[str, str]) -> list:
    return [(a, b) for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2) if delta_e(ca, cb) < ALIKE_DELTA_E]


def test_the_distance_is_cie76():
    assert round(delta_e("#000000", "#FFFFFF"), 3) == 100.0   # L* 0 against L* 100
    assert delta_e("#2AA198", "#2aa198") == 0.0
    assert delta_e("#8C8C8C", "#B0B0B0") < ALIKE_DELTA_E        # two greys: IND and "unknown"
    assert delta_e("#C62828", "#B71C1C") < 5                      # CPI and CPI(M)'s reds


def test_alike_colours_are_replaced_the_first_keeps_its_own():
    out = distinct_colours(["CPI", "CPI(M)", "IND", "X", "Y"],
                           {"CPI": "#C62828", "CPI(M)": "#B71C1C", "IND": "#8C8C8C", "X": "#B0B0B0",
                            "Y": "#B0B0B0"}.get)
    assert out["CPI"] == "#C62828" and out["IND"] == "#8C8C8C"
    assert out["CPI(M)"] != "#B71C1C" and out["X"] != "#B0B0B0" and out["Y"] != "#B0B0B0"
    assert alike_pairs(out) == []
    # thirty parties all given the same grey: thirty colours, no two alike
    many = distinct_colours([f"P{i}" for i in range(30)], lambda p: "#B0B0B0")
    assert len(set(many.values())) == 30 and alike_pairs(many) == []


def test_haryana_keeps_the_table_colours_jharkhand_separates_jdu_from_congress(haryana):
    sc = congress_everywhere()
    ev = Engine(sc.dataset).evaluate(sc)
    pc = party_colours(sc, ev)
    assert pc == {p: haryana.party_colour(p) for p in ("INC", "BJP", "JJP", "IND", "INLD", "HLP")}
    jh = load_embedded("jharkhand")
    sc = scenario_from_preset(jh, "INDIA bloc 2024")
    ev = Engine(jh).evaluate(sc)
    pc = party_colours(sc, ev)
    assert delta_e(jh.party_colour("JD(U)"), jh.party_colour("INC")) < ALIKE_DELTA_E  # #00796B and #2AA198
    assert pc["INC"] == "#2AA198" and pc["JD(U)"] != jh.party_colour("JD(U)")
    assert alike_pairs(pc) == []
    chart = seat_chart(sc, ev)
    assert {s.party: s.colour for _label, segs in chart.rows for s in segs} == {p: pc[p] for p in
                                                                               {s.party for _l, g in chart.rows for s in g}}


def test_haryana_neighbours_from_shared_boundaries(haryana):
    pairs = set(adjacent_seats(boundaries_of(haryana)))
    assert (KALKA, PANCHKULA) in pairs and (PANCHKULA, NARAINGARH) in pairs  # the Panchkula district seats
    assert (KALKA, 90) not in pairs                                          # Kalka and Tigaon (Faridabad) are far apart
    assert all(a < b for a, b in pairs) and len(pairs) >= 89                 # a connected map of 90 seats


def imported_unknown(doc):
    """The 2019 Vidhan Sabha with JJP and INLD under names the party table does not know."""
    cands = doc.dataset.baselines["vs2019"].candidates.copy()
    cands["party"] = cands["party"].replace({"JJP": "ZZA", "INLD": "ZZB"})
    assert doc.push(cc.UseBaseline(doc.scenario, Baseline("file:unknown", "unknown parties (imported)", cands)))


def test_imported_unknown_parties_are_not_grey_on_the_map_nor_alike(qtbot):
    w = open_window(qtbot, congress_everywhere("Colours"))
    w.show()
    qtbot.waitExposed(w)
    w.map_dock.raise_()
    qtbot.waitUntil(lambda: w.map_panel.view.isVisible())
    doc = w.doc
    imported_unknown(doc)
    ds = doc.dataset
    assert ds.party_colour("ZZA") == ds.party_colour("ZZB") == "#B0B0B0"  # the table's "unknown" grey
    mp = w.map_panel
    mp.set_mode("baseline")
    legend = {label.split(" (")[0]: colour for label, colour, _h in mp.legend.entries}
    assert [label for label, _c, _h in mp.legend.entries] == \
        ["BJP (40)", "INC (31)", "ZZA (10)", "IND (7)", "ZZB (1)", "HLP (1)"]  # Vidhan Sabha 2019's leaders
    assert legend["IND"] == "#8C8C8C" and legend["ZZA"] != "#B0B0B0" and legend["ZZB"] != "#B0B0B0"
    assert alike_pairs(legend) == []
    style = map_style("baseline", doc.scenario, doc.evaluation)
    seats = ds.seats
    for a, b in adjacent_seats(boundaries_of(ds)):
        fa, fb = style.fill[seats.index_of(a)], style.fill[seats.index_of(b)]
        assert fa == fb or delta_e(fa, fb) >= ALIKE_DELTA_E
        assert mp.items[a].fill == QColor(fa)
    mp.set_mode("winner")
    legend = {label.split(" (")[0]: colour for label, colour, _h in mp.legend.entries}
    assert alike_pairs(legend) == []


def test_a_partner_added_in_the_window_never_looks_like_another_pool(qtbot):
    w = open_window(qtbot, congress_everywhere("Partners"))
    assert w.partners.add("CPI")
    assert w.doc.pools.partner("CPI").colour == "#C62828"   # its own colour: unlike AAP, INC and the pools
    assert w.partners.add("CPI(M)")                          # its own #B71C1C is CPI's red (ΔE 4.7)
    assert w.doc.pools.partner("CPI(M)").colour == "#E65100"  # the first spare unlike every pool
    assert w.partners.add("NCP")                             # its own #00838F is INC's teal (ΔE 17)
    colours = {p.code: p.colour for p in w.doc.pools.partners}
    colours.update(contested="#8E5CC2", unassigned="#9E9E9E")
    assert colours["NCP"] != "#00838F" and alike_pairs(colours) == []


def test_a_known_party_under_its_full_name_keeps_its_colour():
    sc = congress_everywhere()
    ds = sc.dataset
    cands = ds.baselines["vs2019"].candidates.copy()
    cands["party"] = cands["party"].replace({"BJP": "Bharatiya Janata Party"})
    ds.add_baseline(Baseline("file:names", "full names", cands))
    sc.assumptions = sc.assumptions.with_baseline("file:names")
    pc = party_colours(sc, Engine(ds).evaluate(sc))
    assert pc["Bharatiya Janata Party"] == "#F28C28"  # BJP's orange in parties.csv
    assert alike_pairs(pc) == []


def jharkhand_eight():
    """Jharkhand's INDIA bloc with JLKM, AJSU, BJP and JD(U) added as partners (as in the window)."""
    from explorer.core.pools import Partner
    from explorer.gui.controllers.partners import free_colour
    jh = load_embedded("jharkhand")
    sc = scenario_from_preset(jh, "INDIA bloc 2024")
    for code in ("JLKM", "AJSU", "BJP", "JD(U)"):
        cc.add_partner(sc, Partner(code, jh.party_name(code), free_colour(jh, sc.pools.partners, code))).do()
    return sc


def test_one_colour_per_party_per_document_in_every_view(qtbot):
    """Eight partners in Jharkhand: the chart, the scoreboard's bar, the table's Projected chip,
    the pools' winner chips and the Summary draw each party in one colour, the palette's; a
    partner's winner chip is its pool's colour; no two parties first or second anywhere alike."""
    from explorer.core.palette import party_palette, prominent_parties
    from explorer.gui.panels.seat_table import SeatTableModel
    sc = jharkhand_eight()
    ds = sc.dataset
    pal = party_palette(ds, sc.pools.partners)
    for p in sc.pools.partners:
        assert pal[p.code] == p.colour.upper()
    assert set(prominent_parties(ds)) <= set(pal) and alike_pairs(pal) == []
    w = open_window(qtbot, sc)
    ev = w.doc.evaluation
    chart = seat_chart(w.doc.scenario, ev)
    assert all(s.colour.upper() == pal[s.party] for _l, segs in chart.rows for s in segs)
    assert party_colours(w.doc.scenario, ev) == {p: pal[p] for p in party_colours(w.doc.scenario, ev)}
    m = w.seat_model
    for r in range(m.rowCount()):
        party = m.index(r, SeatTableModel.C_WIN).data()
        assert m._row(r).winner_colour.upper() == pal[party]
    for panel in w.pool_panels:
        for item in (panel.model.item(r) for r in range(panel.model.rowCount())):
            if item.conflicts:
                continue
            winner = ev.projection.parties[ev.projection.winner[item.index]]
            img = item.icon.pixmap(12, 12).toImage()
            assert QColor(img.pixel(6, 6)).name().upper() == pal[winner]
    text = w.summary_panel.projected.text()
    for party in ev.projection.seats_by_party():
        assert f"<span style='color:{pal[party]}'>■</span>&nbsp;{party}" in text


def test_a_new_partner_is_never_given_a_colour_the_views_would_shade():
    """Tamil Nadu's reds: DMK #D50000 a partner, CPI's own #C62828 is 20.8 apart by CIE76 (not
    alike there) but 6.2 by CIEDE2000, so the views would draw it in a shade; free_colour gives
    CPI a spare colour instead, unlike DMK's, Contested's and Unassigned's by both rules."""
    from explorer.core.parties import ALIKE_DELTA_E, delta_e
    from explorer.core.partner_colours import ALIKE, delta_e00
    from explorer.core.pools import CONTESTED_COLOUR, UNASSIGNED_COLOUR, Partner
    from explorer.gui.controllers.partners import free_colour

    class Table:
        def party_colour(self, code):
            return {"DMK": "#D50000", "CPI": "#C62828"}.get(code)
    assert delta_e("#D50000", "#C62828") >= ALIKE_DELTA_E and delta_e00("#D50000", "#C62828") < ALIKE
    got = free_colour(Table(), [Partner("DMK", "DMK", "#D50000")], "CPI")
    assert got != "#C62828"
    for u in ("#D50000", CONTESTED_COLOUR, UNASSIGNED_COLOUR):
        assert delta_e(got, u) >= ALIKE_DELTA_E and delta_e00(got, u) >= ALIKE
