"""Imported seat assignments and presets adapt to the partner list, or are refused naming what
does not fit (issue 11): pools are matched by code, partner name or party spelling; a party
that is not a partner here is refused with its lines, and the window keeps what it had."""
from __future__ import annotations

import json

import pytest

from explorer.core.dataset_io import load_embedded, resource_root
from explorer.core.deals import pool_map, preset_split
from explorer.core.errors import DataError
from explorer.core.loaders import read_assignments
from explorer.core.pools import Partner, Pools
from explorer.core.scenario import Scenario, scenario_from_preset

from .helpers import open_window

HARYANA = load_embedded()
JHARKHAND = load_embedded("jharkhand")
LEADS = "AAP's Lok Sabha leads"


def read(text: str, ds=HARYANA, pools=None):
    pools = pools or Pools(ds.partners)
    return read_assignments(text.encode(), "demand.csv", ds.seats, pools, ds.resolve_party)


def test_pools_are_matched_by_code_name_or_party_spelling():
    got = read("ac_no,pool\n1,inc\n2,Congress\n3,Indian National Congress\n4,Aam Aadmi Party\n5,AAAP\n"
               "6,Contested\n7,UNASSIGNED\n")
    assert got == {1: "INC", 2: "INC", 3: "INC", 4: "AAP", 5: "AAP", 6: "contested", 7: "unassigned"}


def test_a_party_that_is_not_a_partner_is_refused_with_its_lines():
    with pytest.raises(DataError) as e:
        read("ac_no,pool\n1,AAP\n2,BSP\n3,Indian National Lok Dal\n4,BSP\n5,INC\n6,BSP\n")
    assert [str(p) for p in e.value.problems] == [
        "demand.csv, line 3, pool: 'BSP' (also on lines 5, 7) is not a partner of this alliance "
        "(AAP, INC; or contested, unassigned)",
        "demand.csv, line 4, pool: 'Indian National Lok Dal' (INLD) is not a partner of this alliance "
        "(AAP, INC; or contested, unassigned)"]


def test_a_file_for_two_partners_fits_a_four_partner_alliance_by_name():
    pools = Pools(JHARKHAND.partners)
    assert [p.code for p in pools.partners] == ["JMM", "INC", "RJD", "CPI(ML)L"]
    got = read("ac_no,pool\n1,Jharkhand Mukti Morcha\n2,Congress\n3,jmm\n", JHARKHAND, pools)
    assert got == {1: "JMM", 2: "INC", 3: "JMM"}


def test_a_preset_fits_a_partner_renamed_or_an_alliance_with_more_partners(haryana):
    leads = json.loads((resource_root() / "haryana" / "scenarios" / "aaps_lok_sabha_leads.json").read_text())
    aap, inc = leads["assignments"]["AAP"], leads["assignments"]["INC"]
    assert (len(aap), len(inc)) == (4, 86)
    # Congress under another code, by its name
    sc = Scenario(haryana, (Partner("AAP", "Aam Aadmi Party", "#1A5FB4"),
                            Partner("CONG", "Indian National Congress", "#2AA198")))
    pool, _label = preset_split(sc, LEADS)
    assert int((pool == 1).sum()) == 86 and sorted(sc.seats.ac_no[pool == 0].tolist()) == aap
    # a third partner gets no seat from a two-partner preset; the others get theirs
    sc3 = Scenario(haryana, haryana.partners + (Partner("INLD", "Indian National Lok Dal", "#1B5E20"),))
    pool, _label = preset_split(sc3, LEADS)
    assert [int((pool == j).sum()) for j in range(len(sc3.pools))] == [4, 86, 0, 0, 0]
    # a partner the preset fills and this alliance lacks: refused, naming it and its seats
    sc_no_aap = Scenario(haryana, (Partner("INC", "Congress", "#19AAED"), Partner("INLD", "INLD", "#006400")))
    with pytest.raises(ValueError, match=r"puts 4 seats in AAP, which is not a partner of this scenario "
                                         r"\(INC, INLD\)"):
        preset_split(sc_no_aap, LEADS)


def test_two_partners_landing_on_one_are_refused():
    src = Pools((Partner("INC", "Indian National Congress", "#2AA198"), Partner("CONG", "Congress", "#2AA198")))
    with pytest.raises(ValueError, match="INC and CONG would both be INC"):
        pool_map(src, Pools(HARYANA.partners), HARYANA.resolve_party)


def test_the_window_imports_by_name_into_four_partners_and_refuses_a_stranger(qtbot, tmp_path):
    w = open_window(qtbot, scenario_from_preset(JHARKHAND, "INDIA bloc 2024"))
    doc = w.doc
    before = doc.scenario.pool.copy()
    assert doc.scenario.pool_of(1) != "INC"
    good = tmp_path / "two_partners.csv"
    good.write_text("ac_no,pool\n1,Congress\n2,Jharkhand Mukti Morcha\n")
    assert w.imports.import_assignments(str(good))
    assert doc.scenario.pool_of(1) == "INC" and doc.scenario.pool_of(2) == "JMM"
    assert "names no seat for RJD, CPI(ML)L" in w.statusBar().currentMessage()
    steps = doc.undo_stack.count()
    after = doc.scenario.pool.copy()
    bad = tmp_path / "haryana_demand.csv"
    bad.write_text("ac_no,pool\n1,AAP\n2,INC\n3,AAP\n")
    errors = []
    w.files.show_error = lambda title, e: errors.append((title, [str(p) for p in e.problems]))
    assert not w.imports.import_assignments(str(bad))
    assert errors == [("Cannot import assignments",
                       [f"{bad}, line 2, pool: 'AAP' (also on line 4) is not a partner of this alliance "
                        "(JMM, INC, RJD, CPI(ML)L; or contested, unassigned)"])]
    assert (doc.scenario.pool == after).all() and doc.undo_stack.count() == steps  # kept what it had
    doc.undo_stack.undo()
    assert (doc.scenario.pool == before).all()


def test_a_preset_follows_a_renamed_partner_in_the_window(qtbot):
    w = open_window(qtbot, scenario_from_preset(JHARKHAND, "INDIA bloc 2024"))
    assert w.partners.rename("INC", "CONG")
    w.doc.move([77, 78], "JMM")
    assert w.apply_preset("INDIA bloc 2024")  # INC is CONG now: matched by its name
    assert w.doc.scenario.fights == {28: ("JMM", "CPI(ML)L"), 77: ("CONG", "RJD"), 78: ("CONG", "RJD")}
    assert [len(w.doc.scenario.seats_in(k)) for k in ("JMM", "CONG", "RJD", "CPI(ML)L", "contested")] == \
        [42, 28, 5, 3, 3]  # the preset's own split (test_gui_shapes counts it)
