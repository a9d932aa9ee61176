"""Scenario pools, change events and the JSON format."""
import json

import pytest
from hypothesis import given, settings, strategies as st

from explorer.core.assumptions import Assumptions
from explorer.core.dataset_io import load_embedded
from explorer.core.errors import DataError
from explorer.core.jsonio import loads
from explorer.core.scenario import Scenario, ScenarioEvent, default_rules, scenario_from_preset

DS = load_embedded()


def test_every_seat_in_exactly_one_pool_and_events():
    sc = Scenario(DS)
    events = []
    sc.subscribe(events.append)
    assert sc.seats_in("unassigned") == list(range(1, 91))
    prev = sc.assign([36, 14, 36], "AAP")
    assert prev == {36: "unassigned", 14: "unassigned"}
    assert events == [ScenarioEvent("pools", (36, 14))]
    assert sc.pool_of(36) == "AAP" and sc.pool_of(14) == "AAP"
    assert sum(len(sc.seats_in(k)) for k in sc.pools.keys) == 90
    assert sc.assign([36], "aap") == {}  # no move, no event
    assert len(events) == 1
    sc.restore(prev)
    assert sc.pool_of(36) == "unassigned" and events[-1] == ScenarioEvent("pools", (36, 14))
    old = sc.set_assumptions(sc.assumptions.with_transfer("AAP", "INC", 0.5))
    assert events[-1].kind == "assumptions" and old.transfer_rate("AAP", "INC") == 0.8
    with pytest.raises(KeyError, match="unknown pool"):
        sc.assign([1], "BSP")


def test_json_round_trip_keeps_every_field():
    sc = scenario_from_preset(DS, "AAP's Lok Sabha leads")
    sc.assign([1, 2], "contested")
    sc.assign([3], "unassigned")
    sc.set_assumptions(Assumptions.make("ls2024", transfer={("AAP", "INC"): 0.65, ("INC", "AAP"): 0.9},
                                        swing={"BJP": -1.5, "JJP": 2}, seat_adjust={36: 3, 16: -2.5}))
    sc.set_meta(name="Deal B", notes="Chadha's proposal\nsecond line")
    doc = json.loads(json.dumps(sc.to_json()))
    back = Scenario.from_json(DS, doc, "x.json")
    assert (back.pool == sc.pool).all()
    assert back.assumptions == sc.assumptions
    assert back.rules == sc.rules and len(back.rules.rules) == 5
    assert (back.name, back.notes) == ("Deal B", "Chadha's proposal\nsecond line")
    assert back.pools.partners == sc.pools.partners
    assert back.to_json() == doc


def test_save_and_load_file(tmp_path):
    sc = Scenario(DS, name="S")
    sc.rules = default_rules(DS, sc.pools)
    sc.assign([16], "AAP")
    p = tmp_path / "s.json"
    sc.save(p)
    assert Scenario.load(DS, p).pool_of(16) == "AAP"
    assert [f.name for f in tmp_path.iterdir()] == ["s.json"]  # no temp file left behind


@pytest.mark.parametrize("doc,message", [
    ({"format": "seat-share-explorer/scenario", "schema_version": 4}, "schema_version: written by a newer version"),
    ({"format": "seat-share-explorer/scenario", "schema_version": 3, "rivals": [{"name": "NDA", "partners": ["INC"]}]},
     "rivals: INC is in two blocs: Alliance and NDA"),
    ({"format": "seat-share-explorer/scenario", "schema_version": 3, "rivals": [{"name": "NDA", "partners": ["BJP"], "split": "best"}]},
     "rivals[0].split: expected baseline or strongest, found 'best'"),
    ({"format": "something-else"}, "format: not a scenario file of this app"),
    ({"format": "seat-share-explorer/scenario", "schema_version": 1, "assignments": {"AAP": [36, 500]}},
     "assignments.AAP[1]: unknown seat 500"),
    ({"format": "seat-share-explorer/scenario", "schema_version": 1, "assignments": {"AAP": [36], "INC": [36]}},
     "assignments.INC[0]: seat 36 is also in pool 'AAP'"),
    ({"format": "seat-share-explorer/scenario", "schema_version": 1,
      "assumptions": {"transfer": {"AAP>INC": 1.5}}}, "assumptions.transfer.AAP>INC: 1.5 is outside 0–1"),
    ({"format": "seat-share-explorer/scenario", "schema_version": 1, "assumptions": {"swing": {"IND": 2}}},
     "assumptions.swing.IND: IND is not a party"),
    ({"format": "seat-share-explorer/scenario", "schema_version": 1, "assumptions": {"baseline": "ls1977"}},
     "assumptions.baseline: unknown baseline 'ls1977'"),
])
def test_bad_scenarios_are_refused_with_the_path(doc, message):
    with pytest.raises(DataError) as e:
        Scenario.from_json(DS, doc, "deal.json")
    assert message in str(e.value) and str(e.value).startswith("deal.json, ")


def test_hostile_json_is_refused_cleanly():
    with pytest.raises(DataError, match="nested"):
        loads(b"[" * 100000 + b"]" * 100000, "deep.json")
    with pytest.raises(DataError, match="nested more than"):
        loads(("[" * 40 + "1" + "]" * 40).encode(), "d.json")  # parses, but deeper than any file of ours
    with pytest.raises(DataError, match="limit is 20 MB"):
        loads(b" " * (21 * 1024 * 1024), "huge.json")
    with pytest.raises(DataError, match="NaN is not a number"):
        loads(b'{"a": NaN}', "nan.json")
    with pytest.raises(DataError, match="line 1, column 1: not UTF-8"):
        loads(b"\xff{}", "bin.json")


_KEYS = st.sampled_from(["format", "schema_version", "assignments", "assumptions", "partners", "rules",
                         "name", "notes", "AAP", "INC", "contested", "transfer", "swing", "seat_adjust",
                         "baseline", "AAP>INC", "kind", "seats", "partner", "region", "minimum"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_KEYS, st.recursive(
    st.integers(-5, 120) | st.floats(-2, 2, allow_nan=False) | st.sampled_from(["AAP", "INC", "ls2024", "x", "pc"]),
    lambda c: st.lists(c, max_size=4) | st.dictionaries(_KEYS, c, max_size=4), max_leaves=20), max_size=8))
def test_fuzzed_near_valid_scenarios_never_crash(doc):
    doc = {"format": "seat-share-explorer/scenario", "schema_version": 1, **doc}
    try:
        Scenario.from_json(DS, doc, "fuzz.json")
    except DataError as e:
        assert e.problems and all(p.file == "fuzz.json" for p in e.problems)
