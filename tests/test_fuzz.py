"""The standing hostile-input suite: mutations of every user file kind either load and
round-trip or are refused with a located message (tests/fuzzing.py has the generators and the
oracle; tools/fuzz.py runs them for as long as asked)."""
import random

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from . import fuzzing


@pytest.mark.parametrize("kind", fuzzing.KINDS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_files_load_or_are_refused_with_a_location(kind, seed):
    v = fuzzing.judge(kind, fuzzing.generate(random.Random(seed), kind))
    assert v.outcome in ("loaded", "refused"), v


def test_the_seed_files_themselves_load():
    for kind in fuzzing.KINDS:
        data = fuzzing.seeds()[kind]
        if not isinstance(data, bytes):
            data = fuzzing.to_bytes(random.Random(0), data)
        assert fuzzing.judge(kind, data).outcome == "loaded", kind


@pytest.mark.parametrize("kind,data,fragment", [
    ("scenario", None, "assumptions.swing.BJPP: no party 'BJPP' in the baselines of haryana; did you mean BJP?"),
    ("results", b"ac_no,name,district,pc,reserved\n", "missing column"),
    ("seat_list", b"ac_no,name,district,pc,reserved\n12345678901234567890,A,D,P,GEN\n", "ac_no"),
])
def test_hand_crafted_hostile_inputs_are_refused(kind, data, fragment):
    import json
    if data is None:
        doc = fuzzing.seed_scenario()
        doc["assumptions"]["swing"] = {"BJPP": -5}
        data = json.dumps(doc).encode()
    v = fuzzing.judge(kind, data)
    assert v.outcome == "refused" and fragment in v.detail, v


def test_silently_wrong_inputs_of_the_issue_are_refused():
    import json
    doc = fuzzing.seed_scenario()
    doc["assumptions"]["swing"] = {"bjp": -5}
    assert "did you mean BJP?" in fuzzing.judge("scenario", json.dumps(doc).encode()).detail
    doc = fuzzing.seed_scenario()
    doc["assignments"]["aap"] = [1]
    v = fuzzing.judge("scenario", json.dumps(doc).encode())
    assert v.outcome == "refused" and "assignments.aap: pool 'aap' is also written as 'AAP'" in v.detail
    doc = fuzzing.seed_scenario()
    doc["assignments"]["AAPP"] = doc["assignments"].pop("AAP")
    v = fuzzing.judge("scenario", json.dumps(doc).encode())
    assert "assignments.AAPP: unknown pool 'AAPP'; did you mean AAP?" in v.detail, v
    for bound in (500, 10 ** 30):
        rules = fuzzing.seed_rules()
        rules["rules"][3]["maximum"] = bound
        v = fuzzing.judge("rules", json.dumps(rules).encode())
        assert v.outcome == "refused" and "rules[3].maximum" in v.detail and "90 seats" in v.detail, v


def test_crashes_of_the_issue_are_clear_errors():
    import json
    doc = fuzzing.seed_scenario()
    doc["assumptions"]["seat_adjust"] = {"²": 2, "3²": 1}  # str.isdigit() says yes, int() says no
    v = fuzzing.judge("scenario", json.dumps(doc).encode())
    assert v.outcome == "refused" and "assumptions.seat_adjust.²: unknown seat '²'" in v.detail
    doc = fuzzing.seed_scenario()
    doc["partners"] = [{"code": f"P{i}", "name": f"P{i}", "colour": "#123456"} for i in range(200)]
    v = fuzzing.judge("scenario", json.dumps(doc).encode())  # overflowed the int8 pool array
    assert v.outcome == "refused" and "partners: 200 partners; an alliance here has at most 40" in v.detail
    doc = fuzzing.seed_scenario()
    doc["name"] = "\ud800"  # loaded, then the save raised UnicodeEncodeError
    v = fuzzing.judge("scenario", json.dumps(doc).encode())
    assert v.outcome == "refused" and "name" in v.detail
