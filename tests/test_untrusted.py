"""Scenario, rules and results files travel between negotiating parties: they are treated as
hostile. Messages quote bad values briefly, and a file with thousands of problems gives a
bounded report."""
import pytest

from explorer.core.dataset_io import load_embedded
from explorer.core.errors import MAX_PROBLEMS, DataError, Problem, quote
from explorer.core.scenario import Scenario

DS = load_embedded()
MB = 1_000_000


def _doc(**changes) -> dict:
    doc = Scenario(DS, name="Deal").to_json()
    doc.update(changes)
    return doc


def test_quote_keeps_short_values_and_cuts_long_ones():
    assert quote("AAP") == "'AAP'"
    assert quote("") == "''"
    assert quote(95) == "95"
    q = quote("x" * MB)
    assert q == "'" + "x" * 80 + "…'" and len(q) == 83
    assert len(quote(list(range(MB)))) <= 80
    assert len(quote({"k" * MB: ["v" * MB]})) <= 80


def test_a_megabyte_value_gives_a_short_message():
    bad = _doc(partners=[{"code": "AAP", "name": "Aam Aadmi Party", "colour": "#" + "F" * MB},
                         {"code": "INC", "name": "Indian National Congress", "colour": "#2AA198"}])
    with pytest.raises(DataError) as e:
        Scenario.from_json(DS, bad, "deal.json")
    text = str(e.value)
    assert text.startswith("deal.json, partners[0].colour: ")
    assert len(text) < 300 and "…" in text


def test_a_megabyte_key_is_clipped_in_the_path():
    bad = _doc(assignments={"p" * MB: [1]})
    with pytest.raises(DataError) as e:
        Scenario.from_json(DS, bad, "deal.json")
    text = e.value.report()
    assert text.startswith("deal.json, assignments.ppp") and len(text) < 400


def test_thousands_of_problems_are_counted_but_only_the_first_200_kept():
    bad = _doc(assignments={"AAP": list(range(1000, 6000))})  # 5,000 unknown seats
    with pytest.raises(DataError) as e:
        Scenario.from_json(DS, bad, "deal.json")
    err = e.value
    assert len(err.problems) == MAX_PROBLEMS == 200 and err.count == 5000
    assert str(err.problems[0]) == "deal.json, assignments.AAP[0]: unknown seat 1000"
    lines = err.report().split("\n")
    assert len(lines) == 201 and lines[-1] == "... and 4800 more"
    assert err.summary(1).endswith("(and 4999 more problems)")


def test_a_data_error_built_from_many_problems_keeps_200():
    err = DataError([Problem("f.csv", n, None, "bad") for n in range(1, 1001)])
    assert len(err.problems) == 200 and err.count == 1000
    assert err.report().split("\n")[-1] == "... and 800 more"
