"""Rules of the 2024 talks on the real seats, and the rules file format."""
import json

import pytest

from explorer.core.assumptions import Assumptions
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.errors import DataError
from explorer.core.rules import (FactionClaim, RegionalMinimum, RuleSet, SeatBounds, load_rules_file,
                                 rules_from_json, save_rules_file)
from explorer.core.scenario import Scenario, default_rules

KALAYAT, JIND, PEHOWA, SHAHBAD, GUHLA, THANESAR = 16, 36, 14, 12, 15, 13


@pytest.fixture(scope="module")
def ds():
    return load_embedded()


@pytest.fixture
def sc(ds):
    s = Scenario(ds, assumptions=Assumptions.make("vs2019"))  # the 2019 figures below
    s.rules = default_rules(ds, s.pools)
    return s


def conflicts(sc, kind=None):
    cs = Engine(sc.dataset).evaluate(sc).conflicts
    return [c for c in cs if kind is None or c.kind == kind]


def test_jind_to_aap_raises_hooda_conflict(sc):
    sc.assign_all("INC")
    assert conflicts(sc, "faction_claim") == []
    sc.assign([JIND], "AAP")
    (c,) = conflicts(sc, "faction_claim")
    assert c.message == "Jind: Hooda camp nominee seat given to AAP"
    assert c.seats == (JIND,) and c.severity == "error"


def test_aap_without_kurukshetra_seat_is_regional_demand_unmet(sc):
    sc.assign_all("INC")
    sc.assign([1, 2, 3, 4, 5, 6], "AAP")  # six seats, all in the Ambala PC
    (c,) = conflicts(sc, "regional_minimum")
    assert c.message == "AAP has 0 seats in the Kurukshetra region (Lok Sabha seat); it asks for at least 1"
    assert len(c.seats) == 9 and THANESAR in c.seats
    sc.assign([THANESAR], "AAP")
    assert conflicts(sc, "regional_minimum") == []


def test_aap_with_three_seats_is_below_its_bound(sc):
    sc.assign_all("INC")
    sc.assign([THANESAR, 1, 2], "AAP")
    (c,) = conflicts(sc, "seat_bounds")
    assert c.message == "AAP has 3 seats, below its bound of 5 (asked 10 · offered 5–7)"
    assert c.severity == "warning"
    sc.assign([3, 4], "AAP")
    assert conflicts(sc, "seat_bounds") == []
    sc.assign(list(range(20, 26)), "AAP")  # 11 seats
    assert conflicts(sc, "seat_bounds")[0].message.startswith("AAP has 11 seats, above its bound of 10")


@pytest.mark.parametrize("pool,expected", [
    ("AAP", ["Kalayat: Hooda camp nominee seat given to AAP"]),
    ("INC", ["Kalayat: AAP must-have seat given to INC"]),
    ("contested", ["Kalayat: Hooda camp nominee seat contested by both partners",
                   "Kalayat: AAP must-have seat contested by both partners"]),
    ("unassigned", ["Kalayat: Hooda camp nominee seat not yet assigned to INC",
                    "Kalayat: AAP must-have seat not yet assigned to AAP"]),
])
def test_kalayat_conflicts_whichever_way(sc, pool, expected):
    sc.assign_all("INC")
    sc.assign([KALAYAT], pool)
    got = [c.message for c in conflicts(sc) if c.kind in ("faction_claim", "must_have") and KALAYAT in c.seats]
    assert got == expected


def test_unassigned_claims_are_info_not_errors(sc):
    sc.assign_all("unassigned")
    sev = {c.message: c.severity for c in conflicts(sc, "faction_claim")}
    assert sev == {"Jind: Hooda camp nominee seat not yet assigned to INC": "info",
                   "Pehowa: Hooda camp nominee seat not yet assigned to INC": "info",
                   "Kalayat: Hooda camp nominee seat not yet assigned to INC": "info"}


def test_split_vote_risk_on_real_seat(ds, sc):
    # 2019 Badkhal: BJP 2,545 ahead of INC; with 80 % of AAP's vote INC alone would win.
    sc.assign_all("contested")
    msgs = [c.message for c in conflicts(sc, "split_vote_risk")]
    assert msgs == ["Badkhal: contested, the split vote loses it to BJP; INC alone would win"]
    sc.assign([ds.seats.find("Badkhal")], "INC")
    assert conflicts(sc, "split_vote_risk") == []


def test_rules_file_round_trip(tmp_path, ds, sc):
    path = tmp_path / "rules.json"
    rs = sc.rules.with_rule(RegionalMinimum("r2", partner="AAP", region_kind="seats",
                                            region=(1, 2), minimum=1))
    save_rules_file(path, rs)
    back = load_rules_file(path, ds.seats, sc.pools)
    assert back == rs
    assert isinstance(back.rules[0], FactionClaim) and back.rules[0].seats == (JIND, PEHOWA, KALAYAT)
    b = back.bounds_for("AAP")
    assert isinstance(b, SeatBounds) and b.positions() == "asked 10 · offered 5–7"


def test_bad_rules_file_lists_every_problem(tmp_path, ds, sc):
    doc = {"format": "seat-share-explorer/rules", "schema_version": 1, "rules": [
        {"id": "a", "kind": "faction_claim", "partner": "XYZ", "faction": "F", "seats": [36, 999]},
        {"id": "b", "kind": "teleport"},
        {"id": "c", "kind": "seat_bounds", "partner": "AAP", "minimum": 8, "maximum": 3},
        {"id": "d", "kind": "regional_minimum", "partner": "AAP", "region": {"kind": "pc", "value": "Atlantis"},
         "minimum": 1},
    ]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(DataError) as e:
        load_rules_file(path, ds.seats, sc.pools)
    msgs = [str(p) for p in e.value.problems]
    assert msgs == [
        f"{path}, rules[0].partner: unknown partner 'XYZ' (partners are AAP, INC)",
        f"{path}, rules[0].seats[1]: unknown seat 999",
        f"{path}, rules[1].kind: unknown rule kind 'teleport'; known: faction_claim, must_have, "
        "regional_minimum, seat_bounds, split_vote_risk",
        f"{path}, rules[2].minimum: minimum 8 is above maximum 3",
        f"{path}, rules[3].region.value: no PC named 'Atlantis' in this data set",
    ]


def test_rules_file_syntax_error_has_line_and_column(tmp_path, ds, sc):
    path = tmp_path / "broken.json"
    path.write_text('{"rules": [\n  {"id": "a",, }\n]}')
    with pytest.raises(DataError) as e:
        load_rules_file(path, ds.seats, sc.pools)
    p = e.value.problems[0]
    assert (p.line, p.column) == (2, 14) and "not valid JSON" in p.message


def test_newer_rules_schema_is_refused(ds, sc):
    with pytest.raises(DataError, match="newer version"):
        rules_from_json({"format": "seat-share-explorer/rules", "schema_version": 9, "rules": []},
                        ds.seats, sc.pools, "r.json")


def test_disabled_rule_raises_nothing(sc):
    sc.assign_all("INC")
    sc.assign([JIND], "AAP")
    rules = list(sc.rules.rules)
    from dataclasses import replace
    rules[0] = replace(rules[0], enabled=False)
    sc.set_rules(RuleSet(sc.rules.name, tuple(rules)))
    assert conflicts(sc, "faction_claim") == []
