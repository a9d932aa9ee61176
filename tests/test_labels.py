"""Chart labels fit their room (core/labels.py), and the PDF brief's seat chart uses them:
short party codes, a label only inside a segment wide enough, titles that fit the chart."""
from __future__ import annotations

import io

import pypdf

from explorer.core import labels
from explorer.core.brief import brief_pdf_bytes
from explorer.core.engine import Engine
from explorer.core.scenario import scenario_from_preset


def test_candidates_and_elision_by_width():
    # 0.6 em per character: 10 characters at 10 pt are 60 pt wide
    assert labels.estimate_width("x" * 10, 10) == 60
    assert labels.first_fitting(["a long title here", "short"], 60, 10) == "short"
    assert labels.first_fitting(["a long title here", "still too long"], 60, 10) == "still too…"
    assert labels.elide("Kurukshetra", 1, 10) == ""
    assert labels.segment_label("INC", 37, 60, 10) == "INC 37"   # 6 characters: 36 pt
    assert labels.segment_label("INC", 37, 20, 10) == "37"       # 2 characters: 12 pt
    assert labels.segment_label("INC", 37, 13, 10) == ""


def test_a_long_party_name_becomes_its_code(haryana):
    assert labels.short_party("Indian National Congress", haryana.parties) == "INC"
    assert labels.short_party("BJP", haryana.parties) == "BJP"


def test_the_brief_seat_chart_fits_its_labels(haryana):
    sc = scenario_from_preset(haryana, "AAP's Lok Sabha leads")
    ev = Engine(haryana).evaluate(sc)
    text = pypdf.PdfReader(io.BytesIO(brief_pdf_bytes(sc, ev))).pages[0].extract_text()
    pr = ev.projection
    # the chart is 0.34 of an A4 page wide (202 pt): the full title (57 characters at 8 pt)
    # would be cut, so the shorter one that fits is used (no simulated elections: the count led)
    assert f"Alliance leads in {pr.alliance_seats} of 90, majority {pr.majority}" in text
    assert "Seats: alliance" not in text and "…" not in text.split("Alliance leads in")[1][:40]
    per_seat = 0.34 * 8.27 * 72 / 90
    for party, n in ev.seat_segments():
        label = labels.segment_label(party, n, n * per_seat, 6.5)
        assert label in text  # "INC 37"-like where the segment holds it, the number where not
