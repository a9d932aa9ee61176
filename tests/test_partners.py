"""Friendly fights between some partners and partner edits (issue 11), in the core."""
import json

import numpy as np
import pytest

from explorer.core import commands as cc
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.errors import DataError
from explorer.core.pools import Partner
from explorer.core.scenario import Scenario, scenario_from_preset

HARYANA = load_embedded("haryana")
JHARKHAND = load_embedded("jharkhand")


def _saved(sc):
    return json.dumps(sc.to_json(), sort_keys=True)


def test_jharkhand_preset_carries_its_three_fights_and_projects_india_56():
    # counted from results_2024_assembly.csv: 28 Dhanwar JMM and CPI(ML)L, 77 and 78 INC and RJD
    sc = scenario_from_preset(JHARKHAND, "INDIA bloc 2024")
    assert sc.fights == {28: ("JMM", "CPI(ML)L"), 77: ("INC", "RJD"), 78: ("INC", "RJD")}
    ev = Engine(JHARKHAND).evaluate(sc)
    assert ev.verdict.alliance == 56 and ev.verdict.majority == 41
    # without the fights (all four stand in the three seats) the figure is not the same deal
    sc.set_fights({28: None, 77: None, 78: None})
    assert sc.fight_of(28) == ("JMM", "INC", "RJD", "CPI(ML)L")


def test_fights_round_trip_and_schema_1_files_open_unchanged():
    sc = scenario_from_preset(JHARKHAND, "INDIA bloc 2024")
    doc = sc.to_json()
    assert doc["schema_version"] == 2 and doc["fights"]["28"] == ["JMM", "CPI(ML)L"]
    again = Scenario.from_json(JHARKHAND, doc)
    assert again.fights == sc.fights and _saved(again) == _saved(sc)
    old = dict(doc, schema_version=1)
    del old["fights"]
    sc1 = Scenario.from_json(JHARKHAND, old)
    assert sc1.fights == {} and sc1.fight_of(77) == ("JMM", "INC", "RJD", "CPI(ML)L")
    # all four standing in the three seats gives the same 56 here (the fights did not change a winner)
    assert Engine(JHARKHAND).evaluate(sc1).verdict.alliance == 56
    assert sorted(sc1.seats_in("contested")) == [28, 77, 78]


@pytest.mark.parametrize("fights, message", [
    ({"28": ["JMM"]}, "two or more partners"),
    ({"28": ["JMM", "BJP"]}, "not a partner: BJP"),
    ({"5": ["JMM", "INC"]}, "seat 5 is not in assignments.contested"),
    ({"999": ["JMM", "INC"]}, "unknown seat"),
])
def test_bad_fights_are_refused_naming_the_seat(fights, message):
    doc = scenario_from_preset(JHARKHAND, "INDIA bloc 2024").to_json() | {"fights": fights}
    with pytest.raises(DataError, match=message):
        Scenario.from_json(JHARKHAND, doc)


def test_set_fights_command_and_moves_forget_and_undo_restore_the_fight():
    sc = scenario_from_preset(JHARKHAND, "INDIA bloc 2024")
    eng = Engine(JHARKHAND)
    start = _saved(sc)
    c = cc.SetFights(sc, [28], None)
    c.do()
    assert 28 not in sc.fights
    c.undo()
    assert _saved(sc) == start
    m = cc.MoveSeats(sc, [77], "INC")
    m.do()
    assert 77 not in sc.fights
    back = cc.MoveSeats(sc, [77], "contested")   # dropped on Contested: every partner, nothing asked
    back.do()
    assert sc.fight_of(77) == ("JMM", "INC", "RJD", "CPI(ML)L")
    back.undo()
    m.undo()
    assert _saved(sc) == start and eng.evaluate(sc).verdict.alliance == 56
    with pytest.raises(ValueError, match="not Contested"):
        cc.SetFights(sc, [5], ["JMM", "INC"])


def test_two_partner_fight_on_a_four_partner_seat_is_what_the_projector_computes():
    sc = scenario_from_preset(JHARKHAND, "INDIA bloc 2024")
    cc.MoveSeats(sc, [5], "contested").do()
    cc.SetFights(sc, [5], ["INC", "JMM"]).do()
    assert sc.fights[5] == ("JMM", "INC")
    ev = Engine(JHARKHAND).evaluate(sc)
    pj = ev.projector
    i = JHARKHAND.seats.index_of(5)
    # evaluate computed the JMM-v-INC variant (bits 0 and 1) and seat 5 takes its outcome
    assert 0b0011 in pj.variant_masks
    assert ev.projection.winner[i] == pj.outcomes.winner[pj.variant_of(0b0011), i]
    assert ev.projection.margin_votes[i] == pj.outcomes.margin_votes[pj.variant_of(0b0011), i]


def test_partner_edits_are_one_step_each_and_undo_restores_the_file_exactly():
    sc = scenario_from_preset(JHARKHAND, "INDIA bloc 2024")
    edits = [
        lambda: cc.add_partner(sc, Partner("CPI", "Communist Party of India", "#C62828")),
        lambda: cc.rename_partner(sc, "RJD", "RJD2", "Rashtriya Janata Dal (test)"),
        lambda: cc.recolour_partner(sc, "JMM", "#00FF00"),
        lambda: cc.move_partner(sc, "CPI(ML)L", 0),
        lambda: cc.remove_partner(sc, "INC"),
    ]
    for make in edits:
        before = _saved(sc)
        c = make()
        c.do()
        assert _saved(sc) != before
        c.undo()
        assert _saved(sc) == before
        c.do()
    P = sc.pools
    assert [p.code for p in P.partners] == ["CPI(ML)L", "JMM", "RJD2", "CPI"]
    # INC had 28 seats alone: they went to Unassigned; 77 and 78 (INC v RJD) are RJD2's alone now
    assert len(sc.seats_in("unassigned")) == 28
    assert sc.pool_of(77) == sc.pool_of(78) == "RJD2" and sc.fights == {28: ("CPI(ML)L", "JMM")}
    assert sorted(sc.seats_in("RJD2")) == [15, 17, 19, 27, 77, 78, 79]


def test_remove_partner_says_how_many_seats_moved():
    sc = scenario_from_preset(JHARKHAND, "INDIA bloc 2024")
    c = cc.remove_partner(sc, "RJD")
    assert "5 seats moved to Unassigned" in c.text


def test_partner_codes_and_names_are_validated():
    sc = Scenario(HARYANA)
    with pytest.raises(ValueError, match="same code"):
        cc.add_partner(sc, Partner("inc", "Again", "#123456"))
    with pytest.raises(ValueError, match="is a pool"):
        cc.add_partner(sc, Partner("Contested", "x", "#123456"))
    with pytest.raises(ValueError, match="colour"):
        cc.recolour_partner(sc, "AAP", "blue")
    with pytest.raises(ValueError, match="code"):
        cc.rename_partner(sc, "AAP", "A" * 40)
    with pytest.raises(ValueError, match="at least two partners"):
        cc.remove_partner(sc, "AAP")


def test_rename_keeps_transfers_and_rules_under_the_new_code():
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    sc.assumptions = sc.assumptions.with_transfer("AAP", "INC", 0.5)
    n_rules = len(sc.rules.rules)
    about_aap = [r for r in sc.rules.rules if getattr(r, "partner", "") == "AAP"]
    c = cc.rename_partner(sc, "AAP", "AAPX")
    c.do()
    assert sc.assumptions.transfer_rate("AAPX", "INC") == 0.5
    assert len(sc.rules.rules) == n_rules
    assert sum(getattr(r, "partner", "") == "AAPX" for r in sc.rules.rules) == len(about_aap)
    assert Scenario.from_json(HARYANA, sc.to_json()).pools.partners[0].code == "AAPX"
    assert np.array_equal(Scenario.from_json(HARYANA, sc.to_json()).pool, sc.pool)
