"""JSON readers keep the first MAX_PROBLEMS problems and count the rest: a 20 MB file with ten
million faults is refused in seconds and a few hundred MB, with the exact count."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from explorer.core import errors
from explorer.core.dataset_io import load_embedded
from explorer.core.errors import DataError, Problem, ProblemList
from explorer.core.jsonio import loads
from explorer.core.rules import rules_from_json
from explorer.core.scenario import SCENARIO_FORMAT, Scenario

DS = load_embedded()
ROOT = Path(__file__).resolve().parents[1]


def scenario_doc(**kw):
    return {"format": SCENARIO_FORMAT, "schema_version": 1, "dataset": DS.id, **kw}


def refuse(doc, cap: int | None = None, monkeypatch=None) -> DataError:
    if cap is not None:
        monkeypatch.setattr(errors, "MAX_PROBLEMS", cap)
    with pytest.raises(DataError) as e:
        Scenario.from_json(DS, doc, "s.json")
    return e.value


def test_the_collection_keeps_200_and_counts_the_rest():
    pl = ProblemList()
    for k in range(1000):
        pl.add(Problem("f", None, f"x[{k}]", "bad"))
    assert len(pl.kept) == 200 and pl.omitted == 800 and len(pl) == 1000 and pl.full
    with pytest.raises(DataError) as e:
        pl.raise_if_any()
    assert e.value.count == 1000 and len(e.value.problems) == 200
    assert e.value.summary() == "f, x[0]: bad (and 999 more problems)"
    assert e.value.report(3).splitlines() == ["f, x[0]: bad", "f, x[1]: bad", "f, x[2]: bad", "... and 997 more"]
    assert DataError([Problem("f", 2, 3, "one")]).report() == "f, line 2, column 3: one"


# the same problems counted one by one (a large cap) and, once full, in one pass (a cap of 5)
MIXED = ([36, 14, 0, True, 1.0, "16", None, [5], {"a": 1}, 95, 36, 14, 16, -3, 10**30, 2, 2, 2, 90, False]
         + list(range(80, 100)) + [0] * 50)


@pytest.mark.parametrize("cap", [5, 1, 12, 40])
def test_counting_in_one_pass_gives_the_same_count_as_one_by_one(cap, monkeypatch):
    doc = scenario_doc(assignments={"AAP": MIXED, "INC": [36, 40, 41, 41, "x", 2, 200]})
    full = refuse(doc, 100_000, monkeypatch)
    # by hand: AAP keeps 36, 14, 16, 2, 90 and 80..89 (once each): 15 of its 90 items are good;
    # INC's 36 and 2 are AAP's, one 41 repeats, "x" and 200 are no seats: 40 and 41 are good
    assert full.count == (len(MIXED) - 15) + 5 and full.omitted == 0
    capped = refuse(doc, cap, monkeypatch)
    assert capped.count == full.count and len(capped.problems) == cap
    assert [str(p) for p in capped.problems] == [str(p) for p in full.problems[:cap]]


@pytest.mark.parametrize("cap", [3, 30])
def test_rule_seat_lists_count_the_same_either_way(cap, monkeypatch):
    rules = {"rules": [{"id": "r", "kind": "must_have", "partner": "AAP", "severity": "error",
                        "seats": MIXED}]}
    counts = []
    for c in (100_000, cap):
        monkeypatch.setattr(errors, "MAX_PROBLEMS", c)
        with pytest.raises(DataError) as e:
            rules_from_json(rules, DS.seats, Scenario(DS).pools, "r.json")
        counts.append(e.value.count)
    # by hand: as in the scenario's AAP list, 36, 14, 16, 2, 90 and 80..89 (once each) are good
    assert counts[0] == len(MIXED) - 15 and counts[1] == counts[0]


@pytest.mark.parametrize("cap", [3, 30])
def test_a_regions_seat_list_counts_the_same_either_way(cap, monkeypatch):
    rules = {"rules": [{"id": "r", "kind": "regional_minimum", "partner": "AAP", "severity": "error",
                        "minimum": 1, "region": {"kind": "seats", "value": MIXED}}]}
    counts = []
    for c in (100_000, cap):
        monkeypatch.setattr(errors, "MAX_PROBLEMS", c)
        with pytest.raises(DataError) as e:
            rules_from_json(rules, DS.seats, Scenario(DS).pools, "r.json")
        counts.append(e.value.count)
    # by hand: a region may repeat a seat: 36, 14, 36, 14, 16, 2, 2, 2, 90 and 80..90 are good
    assert counts[0] == len(MIXED) - 20 and counts[1] == counts[0]


def test_depth_is_still_limited_and_long_flat_lists_are_cheap():
    with pytest.raises(DataError, match="nested more than 32 levels deep"):
        loads("[" * 33 + "]" * 33, "d.json")
    assert len(loads("[" * 32 + "]" * 32, "d.json")) == 1
    assert len(loads(json.dumps({"a": [0] * 1_000_000, "b": [[[1]]]}), "d.json")["a"]) == 1_000_000
    assert [loads(t, "d.json") for t in ("5", "true", "null", '"x"', "[]", "{}")] == [5, True, None, "x", [], {}]
    with pytest.raises(DataError, match="not a scenario file"):
        Scenario.from_json(DS, loads("5", "s.json"), "s.json")


PROBE = textwrap.dedent("""
    import json, resource, sys, time
    from explorer.core.dataset_io import load_embedded
    from explorer.core.errors import DataError
    from explorer.core.rules import load_rules_file
    from explorer.core.scenario import Scenario
    ds = load_embedded()
    t = time.perf_counter()
    try:
        if sys.argv[2] == "scenario":
            Scenario.load(ds, sys.argv[1])
        else:
            load_rules_file(sys.argv[1], ds.seats, Scenario(ds).pools)
        out = {"msg": "loaded"}
    except DataError as e:
        out = {"msg": e.summary(), "count": e.count, "kept": len(e.problems)}
    out["s"] = time.perf_counter() - t
    try:  # this process's own peak: ru_maxrss would include the parent's, inherited through fork
        with open("/proc/self/status") as f:
            out["peak_mb"] = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024
    except OSError:
        out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))
""")


def probe(path: Path, kind: str) -> dict:
    r = subprocess.run([sys.executable, "-c", PROBE, str(path), kind], capture_output=True, text=True,
                       timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def write_list_file(path: Path, head: str, tail: str, size: int = 19_900_000) -> int:
    """A file of ``size`` bytes whose middle is a list of zeros ("0,0,..."); returns their number."""
    n = (size - len(head) - len(tail) + 1) // 2
    path.write_text(head + "0," * (n - 1) + "0" + tail)
    assert abs(path.stat().st_size - size) <= 1
    return n


def test_a_19_9_mb_scenario_of_bad_seat_numbers_is_refused_within_300_mb(tmp_path):
    p = tmp_path / "zeros.json"
    head = json.dumps(scenario_doc(assignments={"AAP": []}))[:-3]  # ... "AAP": [
    n = write_list_file(p, head, "]}}")
    assert n > 9_900_000
    r = probe(p, "scenario")
    print(f"19.9 MB scenario with {n:,} bad seat numbers refused in {r['s']:.2f} s, peak {r['peak_mb']:.0f} MB")
    assert r["count"] == n and r["kept"] == 200
    assert r["msg"] == f"{p}, assignments.AAP[0]: unknown seat 0 (and {n - 1:,} more problems)"
    assert r["peak_mb"] < 300  # the seconds: tools/bench_bounds.py


def test_a_19_9_mb_rules_file_of_bad_seat_numbers_is_refused_within_300_mb(tmp_path):
    p = tmp_path / "rules.json"
    head = '{"rules": [{"id": "r", "kind": "must_have", "partner": "AAP", "severity": "error", "seats": ['
    n = write_list_file(p, head, "]}]}")
    r = probe(p, "rules")
    print(f"19.9 MB rules file with {n:,} bad seat numbers refused in {r['s']:.2f} s, peak {r['peak_mb']:.0f} MB")
    assert r["count"] == n and r["kept"] == 200
    assert r["msg"] == f"{p}, rules[0].seats[0]: unknown seat 0 (and {n - 1:,} more problems)"
    assert r["peak_mb"] < 300  # the seconds: tools/bench_bounds.py


# -- objects and keys are bounded before parsing: tiny objects cost hundreds of bytes each parsed
def test_objects_and_keys_are_counted_before_parsing(monkeypatch):
    from explorer.core import jsonio
    monkeypatch.setattr(jsonio, "MAX_JSON_OBJECTS", 3)
    monkeypatch.setattr(jsonio, "MAX_JSON_KEYS", 4)
    assert loads('{"a": {"b": {}}, "c": 1, "d": 2}', "f.json") == {"a": {"b": {}}, "c": 1, "d": 2}  # 3 and 4
    with pytest.raises(DataError) as e:
        loads('[{}, {}, {}, {}]', "f.json")
    assert str(e.value) == "f.json: has 4 '{': more than the 3 JSON objects a file of this app may hold"
    with pytest.raises(DataError) as e:
        loads('{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}', "f.json")
    assert str(e.value) == "f.json: has 5 ':': more than the 4 JSON keys a file of this app may hold"


def write_repeated(path: Path, head: str, item: str, tail: str, size: int = 19_900_000) -> int:
    n = (size - len(head) - len(tail)) // (len(item) + 1)
    path.write_text(head + ",".join([item] * n) + tail)
    return n


@pytest.mark.parametrize("kind, head, item, tail, what", [
    ("partners", '{"format": "seat-share-explorer/scenario", "schema_version": 1, "partners": [',
     '{"code":"X"}', "]}", "'{'"),
    ("rules", '{"format": "seat-share-explorer/scenario", "schema_version": 1, "rules": {"rules": [',
     '{"kind":"x"}', "]}}", "'{'"),
    ("seat_adjust", '{"format": "seat-share-explorer/scenario", "schema_version": 1, "assumptions": '
     '{"seat_adjust": {', None, "}}}", "':'"),
])
def test_a_19_9_mb_scenario_of_tiny_objects_or_keys_is_refused_within_300_mb(tmp_path, kind, head, item,
                                                                                      tail, what):
    p = tmp_path / f"{kind}.json"
    if item is None:  # distinct keys: a JSON object keeps only the last of repeated ones
        body = ",".join(f'"{k}":0' for k in range(1000, 1000 + 1_700_000))
        p.write_text(head + body + tail)
        n = 1_700_000
    else:
        n = write_repeated(p, head, item, tail)
    r = probe(p, "scenario")
    print(f"{p.stat().st_size / 1e6:.1f} MB scenario with {n:,} {kind} items refused in {r['s']:.2f} s, "
          f"peak {r['peak_mb']:.0f} MB")
    assert r["count"] == 1 and what in r["msg"] and "a file of this app may hold" in r["msg"]
    assert r["peak_mb"] < 300  # the seconds: tools/bench_bounds.py
