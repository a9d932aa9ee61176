"""Files as Windows users save them (issue 28): the shipped Haryana files re-saved as Excel and
Notepad save them — UTF-8 with and without a byte-order mark, UTF-16 with one (Excel's
"Unicode Text", tab-separated), Windows-1252 — with LF, CRLF or CR line ends and a trailing
empty line, read by every CSV reader exactly as the originals; the encoding read is said."""
from __future__ import annotations

import codecs
import csv
import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from explorer.core import csvtext
from explorer.core.dataset_io import load_dataset, load_embedded
from explorer.core.engine import Engine
from explorer.core.errors import DataError
from explorer.core.exports import write_comparison_csv, write_seat_csv, compare
from explorer.core.loaders import read_assignments, read_results, read_seat_list
from explorer.core.parties import PartyTable
from explorer.core.scenario import scenario_from_preset

HARYANA = Path(__file__).resolve().parents[1] / "resources" / "haryana"
DS = load_embedded()
PRESET = scenario_from_preset(DS, "AAP's Lok Sabha leads")


def original(name: str) -> str:
    return (HARYANA / name).read_text(encoding="utf-8")


def assignments_text() -> str:
    """The AAP's-Lok-Sabha-leads preset as an ac_no,pool file (a partner's written demand)."""
    return "ac_no,pool\n" + "".join(f"{a},{PRESET.pool_of(a)}\n" for a in DS.seats.ac_no.tolist())


def resave(text: str, encoding: str, eol: str, sep: str = ",") -> bytes:
    """``text`` (a CSV) written again as a Windows program would: its separator, line ends and
    a trailing empty line, then encoded (the UTF-16 and "-sig" codecs write the byte-order mark)."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=sep, lineterminator=eol)
    for row in csv.reader(io.StringIO(text, newline="")):
        w.writerow(row)
    body = out.getvalue() + eol
    if encoding == "utf-16-be":
        return codecs.BOM_UTF16_BE + body.encode("utf-16-be")
    return body.encode(encoding)  # "utf-16" writes a little-endian BOM on this machine


SAVES = [  # (codec, separator, what the reader must say)
    ("utf-8", ",", csvtext.UTF8),
    ("utf-8-sig", ",", csvtext.UTF8_BOM),
    ("utf-16", "\t", csvtext.UTF16LE_BOM),
    ("utf-16-be", "\t", csvtext.UTF16BE_BOM),
    ("cp1252", ",", csvtext.CP1252),
]
EOLS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}


def expected_reading(text: str, codec: str, sep: str, enc: str, eol: str) -> str:
    if enc == csvtext.CP1252 and text.isascii():
        enc = csvtext.UTF8  # ASCII bytes are UTF-8: nothing to detect
    said = enc
    if enc == csvtext.CP1252:
        lines = text.split("\n")
        line = next(i for i, ln in enumerate(lines, 1) if not ln.isascii())
        ch = next(c for c in lines[line - 1] if not c.isascii())
        said += f" (first non-ASCII: {ch!r} on line {line})"
    if sep == "\t":
        said += ", tab-separated"
    return said + ("" if eol == "LF" else f", {eol} line ends")


@pytest.mark.parametrize("eol", list(EOLS))
@pytest.mark.parametrize("codec,sep,enc", SAVES)
def test_every_reader_reads_the_shipped_haryana_files_as_windows_saves_them(codec, sep, enc, eol):
    # results: the Lok Sabha segments have "NEERAJ KUMAR “CHHATTAR”" (curly quotes, in Windows-1252)
    text = original("baseline_ls2024.csv")
    b = read_results(resave(text, codec, EOLS[eol], sep), "ls.csv", DS.seats, "ls2024", parties=DS.parties.copy())
    want = DS.baselines["ls2024"].candidates
    pd.testing.assert_frame_equal(b.candidates, want)
    assert "NEERAJ KUMAR \u201cCHHATTAR\u201d" in set(b.candidates.candidate)
    assert b.read_as == expected_reading(text, codec, sep, enc, eol)

    text = original("seats.csv")
    seats = read_seat_list(resave(text, codec, EOLS[eol], sep), "seats.csv")
    pd.testing.assert_frame_equal(seats.frame, DS.seats.frame)
    assert seats.read_as == expected_reading(text, codec, sep, enc, eol)

    text = assignments_text()
    moves = read_assignments(resave(text, codec, EOLS[eol], sep), "demand.csv", DS.seats, PRESET.pools)
    assert moves == {a: PRESET.pool_of(a) for a in DS.seats.ac_no.tolist()}
    assert moves.read_as == expected_reading(text, codec, sep, enc, eol)

    # parties: "Nationalist Congress Party – Sharadchandra Pawar" (an en dash, in Windows-1252)
    text = original("parties.csv")
    read = csvtext.decode_csv(resave(text, codec, EOLS[eol], sep), "parties.csv")
    got = PartyTable.from_csv(read.text, "parties.csv", read.delimiter)
    shipped = PartyTable.from_csv(text)
    assert [(p.code, p.name, p.colour) for p in got] == [(p.code, p.name, p.colour) for p in shipped]
    assert got.lookup("NCP-SP") == "NCP(SP)"
    assert read.describe() == expected_reading(text, codec, sep, enc, eol)


def test_a_data_set_folder_saved_by_excel_opens_as_the_shipped_one(tmp_path):
    """Every CSV of the Haryana folder re-saved as Windows-1252 with CRLF (the parties and the
    Lok Sabha segments have non-ASCII text), or as UTF-16 tab-separated: the data set is the same."""
    for codec, sep in (("cp1252", ","), ("utf-16", "\t")):
        folder = tmp_path / codec
        shutil.copytree(HARYANA, folder, ignore=shutil.ignore_patterns("__pycache__"))
        for f in folder.glob("*.csv"):
            f.write_bytes(resave(f.read_text(encoding="utf-8"), codec, "\r\n", sep))
        ds = load_dataset(folder)
        for bid, b in DS.baselines.items():
            pd.testing.assert_frame_equal(ds.baselines[bid].candidates, b.candidates)
        assert ds.parties.get("NCP(SP)").name == "Nationalist Congress Party \u2013 Sharadchandra Pawar"
        ev, ev0 = Engine(ds).evaluate(scenario_from_preset(ds, "AAP's Lok Sabha leads")), Engine(DS).evaluate(PRESET)
        assert ev.seat_rows == ev0.seat_rows


def indian(n: int) -> str:
    """1,23,456: the last three digits, then pairs (Indian digit grouping)."""
    s = str(n)
    head, tail = s[:-3], s[-3:]
    pairs = []
    while len(head) > 2:
        head, pairs = head[:-2], [head[-2:]] + pairs
    return ",".join(([head] if head else []) + pairs + [tail]) if len(s) > 3 else s


def test_excel_quoted_numbers_with_indian_and_western_thousands_separators():
    assert [indian(n) for n in (7, 999, 1000, 123456, 1234567)] == ["7", "999", "1,000", "1,23,456", "12,34,567"]
    rows = list(csv.reader(io.StringIO(original("baseline_vs2024.csv"))))
    header, body = rows[0], rows[1:]
    v = header.index("votes")
    for k, r in enumerate(body):  # every other row Western grouping
        n = int(r[v])
        r[v] = indian(n) if k % 2 else f"{n:,}"
    big = [r[v] for r in body if len(r[v]) > 7]
    assert "1,00,000" < max(big) and any(x.count(",") == 2 for x in big)  # Indian lakhs are there
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC).writerows([header] + body)
    # Excel ends a sheet whose cells below the data were once formatted with rows of empty fields
    data = codecs.BOM_UTF8 + (out.getvalue() + ",,,,\r\n" * 3).encode("utf-8")
    assert b'"1,' in data  # Excel quotes a number with separators
    b = read_results(data, "vs.csv", DS.seats, "vs2024", parties=DS.parties.copy())
    assert b.candidates.votes.tolist() == DS.baselines["vs2024"].candidates.votes.tolist()
    assert b.candidates.votes.sum() == sum(int(r[v].replace(",", "")) for r in body)


def problems(data: bytes) -> list[str]:
    with pytest.raises(DataError) as e:
        read_seat_list(data, "s.csv")
    return [str(p) for p in e.value.problems]


def test_what_cannot_be_read_is_refused_naming_the_line_never_guessed():
    head = "ac_no,name,district,pc,reserved\n"
    # UTF-16 without its byte-order mark
    assert problems((head + "1,A,D,P,GEN\n").encode("utf-16-le")) == [
        "s.csv: looks like UTF-16 without a byte-order mark; save it again as \u201cCSV UTF-8\u201d"]
    # UTF-8 text and a Windows-1252 byte in one file: neither reading would be right
    mixed = (head + "1,Kal\u00e9,D,P,GEN\n").encode("utf-8") + b"2,Kal\xe9,D,P,GEN\n"
    assert problems(mixed) == ["s.csv, line 3, column 6: byte 0xe9 is not UTF-8, but line 2 is UTF-8 text: "
                               "the file mixes two encodings; save it again as \u201cCSV UTF-8\u201d"]
    # marked UTF-8, but not (a CR-only file: lines counted as an editor shows them)
    bad = codecs.BOM_UTF8 + (head + "1,A,D,P,GEN\n").replace("\n", "\r").encode() + b"2,B\xff,D,P,GEN\r"
    assert problems(bad) == ["s.csv, line 3, column 4: marked as UTF-8 but byte 0xff is not UTF-8; "
                             "save it again as \u201cCSV UTF-8\u201d"]
    # an odd number of bytes after a UTF-16 mark
    assert problems(codecs.BOM_UTF16_LE + (head + "1,A,D,P,GEN\n").encode("utf-16-le") + b"x") == [
        "s.csv, line 3, column 1: not UTF-16 LE with BOM text (an odd number of bytes); "
        "save it again as \u201cCSV UTF-8\u201d"]
    # a problem in a CRLF file is on the line an editor shows
    assert problems((head + "1,A,D,P,GEN\n2,B,D,P,XX\n\n").replace("\n", "\r\n").encode("cp1252")) == [
        "s.csv, line 3, reserved: expected GEN, SC or ST, found 'XX'"]


def test_the_seat_csv_opens_in_excel_as_utf8_with_bom_and_reads_back(tmp_path):
    """Excel needs the byte-order mark to read UTF-8 (Devanagari and ₹ otherwise come out as
    mojibake); the file reads back as assignments with every seat where the preset put it."""
    ev = Engine(DS).evaluate(PRESET)
    path = tmp_path / "seats.csv"
    write_seat_csv(path, PRESET, ev)
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and data.count(b"\r\n") == 91 and b"\n" not in data.replace(b"\r\n", b"")
    moves = read_assignments(data, "seats.csv", DS.seats, PRESET.pools)
    assert moves == {a: PRESET.pool_of(a) for a in DS.seats.ac_no.tolist()}
    assert moves.read_as == "UTF-8 with BOM, CRLF line ends"
    path = tmp_path / "cmp.csv"
    write_comparison_csv(path, compare(PRESET, ev, PRESET, ev))
    assert path.read_bytes().startswith(codecs.BOM_UTF8 + b"# Comparison: A = AAP")


def test_the_status_bar_says_which_encoding_was_read(qtbot, tmp_path):
    from .helpers import congress_everywhere, open_window
    w = open_window(qtbot, congress_everywhere())
    f = tmp_path / "ls_excel.csv"
    f.write_bytes(resave(original("baseline_ls2024.csv"), "cp1252", "\r\n"))
    assert w.imports.import_baseline(str(f))
    lines = original("baseline_ls2024.csv").split("\n")
    line = next(i for i, ln in enumerate(lines, 1) if not ln.isascii())
    assert w.statusBar().currentMessage() == (
        f"Baseline ls_excel (imported) read from {f} as Windows-1252 (first non-ASCII: '\u201c' on line {line}), "
        "CRLF line ends")
    g = tmp_path / "demand.csv"
    g.write_bytes(resave("ac_no,pool\n36,AAP\n14,AAP\n", "utf-16", "\r\n", "\t"))
    assert w.imports.import_assignments(str(g))
    assert w.statusBar().currentMessage().startswith(
        f"2 seats read from {g} as UTF-16 LE with BOM, tab-separated, CRLF line ends; 2 moved")


def test_file_open_recognises_excel_saves_as_csv_to_import(tmp_path):
    from explorer.gui.controllers.files import csv_kind
    kinds = {}
    for name, text, codec, eol, sep in (("a.csv", assignments_text(), "utf-16", "\r\n", "\t"),
                                        ("a.txt", assignments_text(), "utf-16-be", "\r", "\t"),
                                        ("r.csv", original("baseline_ls2024.csv"), "cp1252", "\r", ","),
                                        ("s.csv", original("seats.csv"), "utf-8-sig", "\r\n", ",")):
        (tmp_path / name).write_bytes(resave(text, codec, eol, sep))
        kinds[name] = csv_kind(str(tmp_path / name))
    assert kinds == {"a.csv": "assignments", "a.txt": "assignments", "r.csv": "baseline", "s.csv": ""}


def test_the_command_line_says_how_it_read_a_windows_file(tmp_path, capsys):
    from explorer.cli import main
    seats, ls = tmp_path / "seats.csv", tmp_path / "ls.csv"
    seats.write_bytes(resave(original("seats.csv"), "cp1252", "\r\n"))  # ASCII: UTF-8 too
    ls.write_bytes(resave(original("baseline_ls2024.csv"), "cp1252", "\r\n"))
    lines = original("baseline_ls2024.csv").split("\n")
    line = next(i for i, ln in enumerate(lines, 1) if not ln.isascii())
    said = f"Windows-1252 (first non-ASCII: '\u201c' on line {line}), CRLF line ends"
    assert main(["dataset", "build", "--name", "Haryana (Excel)", "--seats", str(seats),
                 "--results", f"ls2024={ls}", "--partners", "AAP,INC", "-o", str(tmp_path / "ds")]) == 0
    out = capsys.readouterr().out
    assert f"ls2024: Built from ls.csv as published (read as {said})." in out
    ds = load_dataset(tmp_path / "ds")
    pd.testing.assert_frame_equal(ds.baselines["ls2024"].candidates, DS.baselines["ls2024"].candidates)
    assert main(["project", "--baseline-file", str(ls), "--assign-all", "INC", "--json"]) == 0
    cap = capsys.readouterr()
    assert cap.err == f"explorer: read {ls} as {said}\n"
    assert json.loads(cap.out)["seats"]
