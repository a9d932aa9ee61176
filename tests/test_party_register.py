"""ECI's register of parties (resources/parties.csv, built by tools/build_party_register.py): ECI's
own codes for names a results file spells out, ECI's spellings and misspellings, one party under
two codes, and a code made up from the initials only for a party the register lacks — marked so."""
from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path

import pytest

from explorer.core.parties import MADE_UP, PartyTable, shipped_table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
JH = DATA / "jharkhand_2024"


def _tool():
    spec = importlib.util.spec_from_file_location("build_party_register", ROOT / "tools" / "build_party_register.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_issue_examples():
    t = shipped_table()
    assert "IIP" not in t                     # registered, not shown until a file names it
    assert t.resolve("INDIAN INCLUSIVE PARTY") == "IIP"   # ECI's abbreviation, not II from the initials
    assert t.name("IIP") == "Indian Inclusive Party" and not t.made_up("IIP")
    assert "(IIP)" in t.source("IIP")
    # ECI's misspelling, its correct spelling and ECI's 2024 code are one party
    for s in ("Shiv Sena (Uddhav Balasaheb Thackrey)", "Shiv Sena (Uddhav Balasaheb Thackeray)", "SHSUBT"):
        assert t.resolve(s) == "SS(UBT)"
    # one party under two codes across years
    for s in ("HAM", "HAMS", "HAM(S)", "Hindustani Awam Morcha", "Hindustani Awam Morcha (Secular)"):
        assert t.resolve(s) == "HAM(S)"
    assert {t.resolve("AAAP"), t.resolve("AAP")} == {"AAP"}
    assert {t.resolve("NPEP"), t.resolve("NPP")} == {"NPP"}
    assert t.added == ["IIP"]                 # none of the others added a party


def test_a_name_the_register_lacks_gets_a_made_up_code_that_says_so():
    t = shipped_table()
    code = t.resolve("Jharkhand Nav Nirman Samaj")
    assert code == "JNNS" and t.made_up(code) and t.source(code) == MADE_UP
    again = PartyTable.from_csv(t.to_csv([code, "BJP"]))
    assert again.made_up(code) and not again.made_up("BJP")
    assert "parties_hand.csv" in again.source("BJP")
    # a code the file writes itself is its own, not made up
    assert not t.made_up(t.resolve("XYZP"))


def test_every_row_says_where_it_comes_from_and_the_counts():
    rows = list(csv.DictReader(io.StringIO((ROOT / "resources" / "parties.csv").read_text(encoding="utf-8"))))
    assert all(r["source"].strip() for r in rows)
    shown = [r for r in rows if r["colour"]]
    registered = [r for r in rows if not r["colour"]]
    t = shipped_table()
    assert len(list(t)) == len(shown) and len(t.register_entries()) == len(registered)
    # a registered party's every spelling resolves to it
    for r in registered:
        for s in [r["code"], r["name"], *filter(None, r["aliases"].split("|"))]:
            assert t.copy().resolve(s) == r["code"], s


@pytest.mark.skipif(not (DATA / "india_assembly").is_dir(), reason="needs ../shared/data")
def test_check_reproduces_the_committed_table():
    tool = _tool()
    assert tool.build(DATA) == (ROOT / "resources" / "parties.csv").read_text(encoding="utf-8")
    import sys
    argv = sys.argv
    try:
        sys.argv = ["build_party_register.py", "--check", "--data", str(DATA)]
        assert tool.main() == 0
    finally:
        sys.argv = argv


@pytest.mark.skipif(not JH.is_dir(), reason="needs ../shared/data")
def test_a_results_file_with_full_names_builds_with_eci_codes(tmp_path):
    from explorer.core.dataset_io import build_dataset
    text = (JH / "results_2024_assembly.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    # two of seat 1's lesser candidates written with names the shipped table never showed
    seat1 = [r for r in rows if r["constituency_no"] == "1"]
    seat1[-2]["party"], seat1[-3]["party"] = "INDIAN INCLUSIVE PARTY", "Shiv Sena (Uddhav Balasaheb Thackrey)"
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    res = tmp_path / "results.csv"
    res.write_text(out.getvalue(), encoding="utf-8")
    ds = build_dataset(tmp_path / "jh", name="JH", seats_file=JH / "jharkhand_constituencies.csv",
                       results=[("vs2024", str(res))])
    b = ds.baselines["vs2024"].candidates
    counts = b["party"].value_counts()
    # ECI's own codes, counted from the file: 15 candidates of the Ambedkarite Party of India,
    # 8 of Jharkhand People's Party, 9 of the Right to Recall Party, 4 of Jagrook Janta Party
    want = {"APoI": "Ambedkarite Party of India", "JKPP": "Jharkhand People's Party",
            "RTORP": "Right to Recall Party", "JRJP": "Jagrook Janta Party"}
    for code, name in want.items():
        assert counts[code] == sum(r["party"] == name for r in rows), code
        assert not ds.parties.made_up(code)
    assert counts["IIP"] == 1 and counts["SS(UBT)"] == 1
    # the names the register lacks keep a made-up code, marked in the data set's own party table
    made_up = [p.code for p in ds.parties if ds.parties.made_up(p.code)]
    assert "LA" in made_up and ds.parties.name("LA") == "Lokhit Adhikar Party"
    written = list(csv.DictReader(io.StringIO((tmp_path / "jh" / "parties.csv").read_text(encoding="utf-8"))))
    assert {r["code"] for r in written if r["source"] == MADE_UP} == set(made_up)
    assert all(r["source"] for r in written)


def test_ecis_files_pair_a_code_with_a_name_only_when_the_evidence_is_clean(tmp_path):
    """Same candidate, same seat, one election writing the code and the next the full name."""
    tool = _tool()
    folder = tmp_path / "india_assembly"
    folder.mkdir()
    head = "year,ac_no,ac_name,district,reserved,candidate,party,votes,valid_votes,electors\n"
    rows = [(2019, 1, "RAM LAL", "KVP"), (2024, 1, "RAM LAL", "KISAN VIKAS PARTY"),        # taken
            (2019, 2, "SITA DEVI", "KVP"), (2024, 2, "SITA  DEVI", "Kisan Vikas Party"),     # same, 2nd candidate
            (2019, 3, "MOHAN", "ZZP"), (2024, 3, "MOHAN", "LOK SEVA PARTY"),                 # letters not the name's
            (2019, 4, "GITA", "NJP"), (2024, 4, "GITA", "NAYA JAN PARTY"),                   # NJP with two names:
            (2019, 5, "HARI", "NJP"), (2024, 5, "HARI", "NAV JYOTI PARTY"),                  # neither taken
            (2019, 6, "ANU", "JC"), (2024, 6, "ANU", "JANATA CON"),                          # a name cut at 10
            (2019, 7, "RAVI", "INLD"), (2024, 7, "RAVI", "INDIAN NATIONAL LOK DAL"),         # known already
            (2019, 8, "ASHA", "KVP"), (2024, 9, "ASHA", "KRANTI VIKAS PARTY")]               # another seat
    (folder / "XX.csv").write_text(head + "".join(f"{y},{a},S{a},D,GEN,{c},{p},100,1000,2000\n"
                                                  for y, a, c, p in rows), encoding="utf-8")
    pairs = tool.corpus_pairs(tmp_path)
    assert {k: len(v) for k, v in pairs.items()} == {
        ("KVP", "KISAN VIKAS PARTY"): 1, ("KVP", "Kisan Vikas Party"): 1, ("NJP", "NAYA JAN PARTY"): 1,
        ("NJP", "NAV JYOTI PARTY"): 1, ("INLD", "INDIAN NATIONAL LOK DAL"): 1}
    # spellings differing in case are one name: the mixed-case one is the name, the other a spelling
    text = tool.build(tmp_path)
    t = PartyTable.from_csv(text)
    assert ("KVP", "Kisan Vikas Party", ["KISAN VIKAS PARTY"]) in [e[:3] for e in t.register_entries()]
    assert t.source("KVP") == ("ECI's files: india_assembly/XX.csv, same candidate and seat: 'KVP' in 2019, "
                               "'Kisan Vikas Party' in 2024; india_assembly/XX.csv, same candidate and seat: "
                               "'KVP' in 2019, 'KISAN VIKAS PARTY' in 2024")
    assert t.copy().resolve("kisan vikas party") == "KVP"
    assert t.copy().resolve("NAYA JAN PARTY") != "NJP" and "NJP" not in [c for c, *_ in t.register_entries()]
