"""Any state: data set folders, results files as ECI publishes them, the party table, and the
command line on Haryana, Jharkhand and a state the app was not built from (Nagaland 2023).

Every expected figure is counted from the published files in ../shared/data or tests/data."""
import csv
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from explorer.cli import main as cli
from explorer.core import dataset_io
from explorer.core.assumptions import Assumptions
from explorer.core.dataset_io import build_dataset, eci_csv, load_dataset, load_embedded
from explorer.core.engine import Engine
from explorer.core.errors import DataError
from explorer.core.loaders import read_results, read_seat_list
from explorer.core.parties import shipped_table
from explorer.core.scenario import Scenario, scenario_from_preset

HERE = Path(__file__).parent
NAGALAND = HERE / "data" / "nagaland_2023"
HARYANA = load_embedded("haryana")
JHARKHAND = load_embedded("jharkhand")


def run(capsys, *argv):
    rc = cli(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def project_json(capsys, *argv) -> dict:
    rc, out, err = run(capsys, "project", *argv, "--json")
    assert rc == 0, err
    return json.loads(out)


# --- the embedded data sets -------------------------------------------------------------------
def test_haryana_2024_as_published_all_contested(capsys):
    d = project_json(capsys, "--baseline", "vs2024", "--assign-all", "contested")
    assert d["seats"] == {"BJP": 48, "INC": 37, "IND": 3, "INLD": 2}
    assert d["dataset"]["id"] == "haryana" and d["dataset"]["reserved"] == {"GEN": 73, "SC": 17, "ST": 0}
    # the two KRISHAN KUMARs of Narnaul (seat 70) are two candidates, not one
    c = HARYANA.baselines["vs2024"].candidates
    kk = c[(c.ac_no == 70) & (c.candidate == "KRISHAN KUMAR")]
    assert sorted(kk.votes.tolist()) == [148, 211] and kk.candidate_no.nunique() == 2
    # "None of the Above" is NOTA: one row per seat, never a contender
    assert int((c.party == "NOTA").sum()) == 90
    assert not any(r["winner"] == "NOTA" or r["runner_up"] == "NOTA" for r in d["per_seat"])


def test_a_new_scenario_starts_on_the_newest_baseline():
    assert HARYANA.newest_baseline() == "vs2024" == HARYANA.default_baseline
    assert Scenario(HARYANA).assumptions.baseline == "vs2024"
    assert scenario_from_preset(HARYANA, "AAP's Lok Sabha leads").assumptions.baseline == "ls2024"


def test_jharkhand_all_contested_and_reservations(capsys):
    d = project_json(capsys, "--dataset", "jharkhand", "--assign-all", "contested")
    assert d["seats"] == {"JMM": 34, "BJP": 21, "INC": 16, "RJD": 4, "CPI(ML)L": 2, "AJSU": 1,
                          "JLKM": 1, "JD(U)": 1, "LJP(RV)": 1}
    assert sum(d["seats"].values()) == 81 and d["majority"] == 41
    assert d["dataset"]["reserved"] == {"GEN": 44, "SC": 9, "ST": 28}
    assert d["partners"]["JMM"]["fielding"] == 81 and d["pools"]["contested"] == 81
    assert sum(1 for r in d["per_seat"] if r["reserved"] == "ST") == 28


def test_jharkhand_india_split_counted_from_who_fielded():
    sc = scenario_from_preset(JHARKHAND, "INDIA bloc 2024")
    counts = {k: len(sc.seats_in(k)) for k in sc.pools.keys}
    assert counts == {"JMM": 42, "INC": 28, "RJD": 5, "CPI(ML)L": 3, "contested": 3, "unassigned": 0}
    assert sc.seats_in("contested") == [28, 77, 78]
    ev = Engine(JHARKHAND).evaluate(sc)
    assert ev.projection.alliance_seats == 56  # INDIA won 56 of 81 (41 needed)
    # each partner fields its seats alone plus only the friendly fights it is in: the candidates
    # each party stood in 2024, counted from the results file
    import csv
    from collections import Counter
    from pathlib import Path
    path = Path(__file__).resolve().parents[2] / "shared/data/jharkhand_2024/results_2024_assembly.csv"
    stood = Counter(r["party"] for r in csv.DictReader(path.open(encoding="utf-8")))
    names = {"JMM": "Jharkhand Mukti Morcha", "INC": "Indian National Congress", "RJD": "Rashtriya Janata Dal",
             "CPI(ML)L": "Communist Party of India (Marxist-Leninist) (Liberation)"}
    fielding = {p.code: p.fielding for p in ev.partners}
    assert fielding == {"JMM": 43, "INC": 30, "RJD": 7, "CPI(ML)L": 4}
    assert {k: stood[v] for k, v in names.items()} == fielding
    assert [p.contested for p in ev.partners] == [1, 2, 2, 1]


def test_partners_by_code_or_eci_name(capsys):
    d = project_json(capsys, "--dataset", "jharkhand", "--partners",
                     "Jharkhand Mukti Morcha,Indian National Congress,RJD,CPI(ML)L", "--assign-all", "contested")
    assert list(d["partners"]) == ["JMM", "INC", "RJD", "CPI(ML)L"]
    assert d["alliance"] == 34 + 16 + 4 + 2
    # 8 partners: any number of two or more works, with --assign-all contested
    d = project_json(capsys, "--dataset", "jharkhand", "--partners", "JMM,INC,RJD,CPI(ML)L,BJP,AJSU,JD(U),LJP(RV)",
                     "--assign-all", "contested")
    assert d["alliance"] == 81 - 1 - 0 and len(d["partners"]) == 8  # all but JLKM's seat
    rc, _, err = run(capsys, "project", "--dataset", "jharkhand", "--partners", "JMM,JMN")
    assert rc == 2 and "no party 'JMN' in the baselines of jharkhand; did you mean JMM?" in err
    rc, _, err = run(capsys, "project", "--partners", "INC,Independent")
    assert rc == 2 and "independents are separate candidates" in err
    rc, _, err = run(capsys, "project", "--swing", "Bharatiya Janata Partyy=-2")
    assert rc == 2 and "did you mean" in err


def test_swing_by_eci_name(capsys):
    a = project_json(capsys, "--baseline", "vs2024", "--assign-all", "contested", "--swing", "BJP=-3")
    b = project_json(capsys, "--baseline", "vs2024", "--assign-all", "contested",
                     "--swing", "Bharatiya Janata Party=-3")
    assert a["seats"] == b["seats"] and a["seats"]["BJP"] < 48


def test_dataset_check_cli(capsys):
    rc, out, _ = run(capsys, "dataset", "check", "jharkhand")
    assert rc == 0
    assert "reserved: GEN 44, SC 9, ST 28" in out
    assert "winners JMM 34, BJP 21, INC 16, RJD 4, CPI(ML)L 2, AJSU 1, JD(U) 1, JLKM 1, LJP(RV) 1" in out
    rc, out, _ = run(capsys, "dataset", "check", "haryana", "--json")
    rep = json.loads(out)
    assert rep["baselines"]["vs2019"]["winners"] == {"BJP": 40, "INC": 31, "JJP": 10, "IND": 7, "HLP": 1, "INLD": 1}
    assert rep["baselines"]["ls2024"]["winners"] == {"BJP": 44, "INC": 42, "AAP": 4}


# --- round trip: ECI's shape and back ---------------------------------------------------------
@pytest.mark.parametrize("ds_id", ["haryana", "jharkhand"])
def test_every_embedded_baseline_round_trips_through_eci_shape(tmp_path, ds_id):
    ds = load_embedded(ds_id)
    seats = tmp_path / "seats.csv"
    seats.write_text(dataset_io.seats_csv(ds.seats), encoding="utf-8")
    results = []
    for b in ds.baselines.values():
        p = tmp_path / f"{b.id}.csv"
        p.write_text(eci_csv(b, ds), encoding="utf-8")
        results.append((b.id, str(p)))
    back = build_dataset(tmp_path / "out", name=ds.name, seats_file=seats, results=results, state=ds.state,
                         partners=[p.code for p in ds.partners])
    assert [p.code for p in back.partners] == [p.code for p in ds.partners]
    for b in ds.baselines.values():
        for pool in ["contested", ds.partners[0].code, ds.partners[1].code]:
            one, two = Scenario(ds, assumptions=Assumptions.make(b.id)), Scenario(back, assumptions=Assumptions.make(b.id))
            one.assign_all(pool)
            two.assign_all(pool)
            p1, p2 = Engine(ds).evaluate(one).projection, Engine(back).evaluate(two).projection
            assert [p1.parties[i] for i in p1.winner] == [p2.parties[i] for i in p2.winner], (b.id, pool)
            np.testing.assert_allclose(p1.margin_votes, p2.margin_votes)


# --- a state the app was not built from: Nagaland 2023, as published -------------------------
def test_nagaland_built_from_the_published_file_reproduces_every_winner(tmp_path, capsys):
    out = tmp_path / "nagaland"
    rc, text, err = run(capsys, "dataset", "build", "--name", "Nagaland Vidhan Sabha", "--state", "Nagaland",
                        "--seats", str(NAGALAND / "seats.csv"), "--results", f"vs2023={NAGALAND / 'results.csv'}",
                        "--partners", "Nationalist Democratic Progressive Party,BJP", "-o", str(out))
    assert rc == 0, err
    assert "reserved: GEN 1, SC 0, ST 59" in text and "elected unopposed: seats 31" in text
    d = project_json(capsys, "--dataset", str(out), "--assign-all", "contested")
    table = shipped_table()
    with open(NAGALAND / "expected_winners.csv", newline="", encoding="utf-8") as f:
        expected = {int(r["ac_no"]): table.lookup(r["winner_party"]) or r["winner_party"] for r in csv.DictReader(f)}
    got = {r["ac_no"]: r["winner"] for r in d["per_seat"]}
    assert len(expected) == 60 and got == expected
    assert d["seats"]["NDPP"] == 25 and d["seats"]["BJP"] == 12 and d["alliance"] == 37
    # 31 Akuluto: the BJP candidate elected unopposed (one row, 0 votes), in every pool
    akuluto = next(r for r in d["per_seat"] if r["ac_no"] == 31)
    assert akuluto["unopposed"] is True and akuluto["winner"] == "BJP"
    d2 = project_json(capsys, "--dataset", str(out), "--assign-all", "NDPP")
    assert next(r for r in d2["per_seat"] if r["ac_no"] == 31)["winner"] == "BJP"


def test_build_that_fails_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("constituency_no,candidate,party,evm_votes,postal_votes\n1,A,Bharatiya Janata Party,10,x\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    rc, _, err = run(capsys, "dataset", "build", "--name", "N", "--seats", str(NAGALAND / "seats.csv"),
                     "--results", f"vs={bad}", "-o", str(out))
    assert rc == 2 and "bad.csv, line 2, postal_votes: expected a whole number of votes, found 'x'" in err
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]


# --- results files as published: shapes, namesakes, NOTA, ties, unopposed -------------------------
SEATS3 = b"ac_no,name,district,pc,reserved\n1,One,D,P,GEN\n2,Two,D,P,SC\n3,Three,D,P,ST\n"


def tiny(results: bytes):
    seats = read_seat_list(SEATS3, "s.csv")
    table = shipped_table()
    b = read_results(results, "r.csv", seats, "b", "B", table)
    from explorer.core.dataset import Dataset
    from explorer.core.pools import Partner
    ds = Dataset(id="t", name="T", seats=seats, baselines={"b": b}, default_baseline="b",
                 partners=(Partner("AAP", "AAP", "#111111"), Partner("INC", "INC", "#222222")), parties=table)
    return ds, b


def test_eci_shape_with_evm_and_postal_namesakes_and_nota():
    ds, b = tiny("constituency_no,serial_no,candidate,party,evm_votes,postal_votes\n"
                 "1,1,RAM,Indian National Congress,100,5\n1,2,RAM,Independent,50,-\n1,3,RAM,Independent,40,1\n"
                 "1,4,NOTA,None of the Above,300,0\n2,1,X,Aam Aadmi Party,10,0\n2,2,Y,Bharatiya Janata Party,9,0\n"
                 "3,1,Z,BJP,5,0\n3,2,W,INC,4,0\n".encode())
    c = b.candidates
    assert c[c.ac_no == 1].party.tolist() == ["INC", "IND", "IND", "NOTA"]
    assert c[c.ac_no == 1].votes.tolist() == [105, 50, 41, 300]  # postal "-" is none
    sc = Scenario(ds)
    sc.assign_all("contested")
    pr = Engine(ds).evaluate(sc).projection
    assert pr.parties[pr.winner[0]] == "INC"  # NOTA's 300 is never a contender
    assert int(ds.seats.is_st.sum()) == 1 and int(ds.seats.is_sc.sum()) == 1


def test_duplicates_are_only_repeated_serials_or_identical_rows():
    with pytest.raises(DataError, match=r"line 3, serial_no: duplicate of line 2: serial number 1 twice in seat 1"):
        tiny(b"ac_no,serial_no,candidate,party,votes\n1,1,A,BJP,5\n1,1,B,INC,4\n2,1,A,BJP,1\n3,1,A,BJP,1\n")
    with pytest.raises(DataError, match=r"line 3: duplicate of line 2 \(seat 1, 'A'\): the same row twice"):
        tiny(b"ac_no,candidate,party,votes\n1,A,IND,5\n1,A,IND,5\n2,A,BJP,1\n3,A,BJP,1\n")
    ds, b = tiny(b"ac_no,candidate,party,votes\n1,A,IND,5\n1,A,IND,6\n2,A,BJP,1\n3,A,BJP,1\n")
    assert len(b.candidates) == 4  # same name and party, other votes: namesakes


def test_a_tie_is_a_tie_and_counted_for_nobody(capsys):
    ds, b = tiny(b"ac_no,candidate,party,votes\n1,A,AAP,500,\n1,B,BJP,500\n2,C,BJP,10\n2,D,SP,10\n"
                 b"3,E,INC,7\n3,F,BJP,3\n".replace(b",\n", b"\n"))
    sc = Scenario(ds)
    sc.assign_all("contested")
    pr = Engine(ds).evaluate(sc).projection
    assert pr.tied_parties(0) == ["AAP", "BJP"] and sorted(pr.tied_parties(1)) == ["BJP", "SP"]
    assert pr.seats_by_party() == {"INC": 1} and pr.alliance_seats == 1 and pr.ties == 2
    from explorer.core import report
    rec = report.to_json(sc, Engine(ds).evaluate(sc))
    assert rec["per_seat"][0]["winner"] is None and rec["per_seat"][0]["tie"] == ["AAP", "BJP"]
    assert rec["ties"] == [1, 2]
    # the same file with the rows in the other order: the same tie
    ds2, _ = tiny(b"ac_no,candidate,party,votes\n1,B,BJP,500\n1,A,AAP,500\n2,D,SP,10\n2,C,BJP,10\n3,E,INC,7\n3,F,BJP,3\n")
    sc2 = Scenario(ds2)
    sc2.assign_all("contested")
    assert Engine(ds2).evaluate(sc2).projection.ties == 2


def test_unopposed_seat_and_seat_with_no_votes():
    ds, b = tiny(b"ac_no,candidate,party,votes\n1,A,BJP,0\n2,C,AAP,10\n2,D,BJP,9\n3,E,INC,7\n3,F,BJP,3\n")
    for pool in ("AAP", "INC", "contested", "unassigned"):
        sc = Scenario(ds)
        sc.assign_all(pool)
        pr = Engine(ds).evaluate(sc).projection
        assert pr.parties[pr.winner[0]] == "BJP" and pr.unopposed[0] and not pr.unopposed[1]
    with pytest.raises(DataError, match=r"seat 1 One has 2 candidates and no valid votes"):
        tiny(b"ac_no,candidate,party,votes\n1,A,BJP,0\n1,B,INC,0\n2,C,AAP,10\n3,E,INC,7\n")


def test_column_spellings_of_public_scrapes():
    for header in ("ac_no,candidate,party,votes", "constituency_no,candidate_name,party_name,total_votes",
                   "AC No,Candidate Name,Party,Votes"):
        ds, b = tiny(f"{header}\n1,A,BJP,5\n2,B,INC,6\n3,C,AAP,7\n".encode())
        assert b.candidates.party.tolist() == ["BJP", "INC", "AAP"]


def test_unknown_party_gets_a_derived_code_and_a_distinct_colour():
    t = shipped_table()
    a = t.resolve("Jharkhand Loktantrik Krantikari Morcha")  # known
    b = t.resolve("Bharat Jodo Party")                         # unknown
    c = t.resolve("Bharat Jan Jagran Dal")
    assert a == "JLKM" and b == "BJ" and c == "BJJD"  # initials of the words that are not "Party", "of"...
    assert t.resolve("Bharatiya Jodo") == "BJ2"      # a code already taken is made unique
    assert t.name(b) == "Bharat Jodo Party" and t.colour(b) != t.colour(c)
    assert t.resolve("bharat  jodo party,") == b  # case, spaces and stray punctuation ignored
    assert shipped_table().resolve("Bharat Jodo Party") == b  # stable


# --- loaders raise nothing but clear data errors -------------------------------------------------
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.one_of(st.text(max_size=8), st.sampled_from(
    ["1", "2", "3", "0", "-4", "²", "3²", "12345678901234567890", "1,234", "GEN", "ST", "NOTA",
     "None of the Above", "BJP", ""])), min_size=1, max_size=7), max_size=8),
    st.sampled_from(["ac_no,name,district,pc,reserved", "ac_no,candidate,party,votes",
                     "constituency_no,serial_no,candidate,party,evm_votes,postal_votes"]))
def test_loaders_raise_only_data_errors(rows, header):
    import io as _io
    buf = _io.StringIO()
    w = csv.writer(buf)
    for r in rows:
        w.writerow(r)
    data = (header + "\n" + buf.getvalue()).encode()
    seats = read_seat_list(SEATS3, "s.csv")
    for fn in (lambda: read_seat_list(data, "x.csv"), lambda: read_results(data, "x.csv", seats)):
        try:
            fn()
        except DataError as e:
            assert all(p.file == "x.csv" for p in e.problems)


def test_twenty_digit_seat_number_is_a_clear_error():
    with pytest.raises(DataError, match=r"line 2, ac_no: expected a seat number from 1, found '12345678901234567890'"):
        read_seat_list(b"ac_no,name,district,pc,reserved\n12345678901234567890,A,D,P,GEN\n", "s.csv")
    with pytest.raises(DataError, match=r"line 2, ac_no: expected a seat number, found '²'"):
        read_results("ac_no,candidate,party,votes\n²,A,BJP,5\n".encode(), "r.csv", HARYANA.seats)


def test_line_numbers_are_physical_lines():
    data = b'ac_no,candidate,party,votes\n1,"TWO\nLINES",BJP,5\n1,B,INC,x\n'
    with pytest.raises(DataError) as e:
        read_results(data, "r.csv", HARYANA.seats)
    assert str(e.value.problems[0]) == "r.csv, line 4, votes: expected a whole number of votes, found 'x'"


def test_scenario_records_its_data_set(tmp_path):
    sc = scenario_from_preset(JHARKHAND, "INDIA bloc 2024")
    p = tmp_path / "j.json"
    sc.save(p)
    doc = json.loads(p.read_text())
    assert doc["dataset"] == "jharkhand" and doc["dataset_hash"] == JHARKHAND.content_hash
    with pytest.raises(DataError, match="made for data set 'jharkhand', not 'haryana'"):
        Scenario.load(HARYANA, p)
    assert Scenario.load(load_dataset(Path(dataset_io.resource_root()) / "jharkhand"), p).seats_in("contested") == [28, 77, 78]


def test_friendly_fights_between_some_partners_project_india_56():
    """Jharkhand 2024: the three friendly fights were between two of the four partners; the
    other two partners' voters transfer. Counted from the file, INDIA won 56."""
    sc = scenario_from_preset(JHARKHAND, "INDIA bloc 2024")
    ev = Engine(JHARKHAND).evaluate(sc)
    pj = ev.projector
    fights = np.zeros(81, dtype=np.int64)
    bit = {p.code: 1 << k for k, p in enumerate(sc.pools.partners)}
    fights[JHARKHAND.seats.index_of(28)] = bit["JMM"] | bit["CPI(ML)L"]
    for ac in (77, 78):
        fights[JHARKHAND.seats.index_of(ac)] = bit["INC"] | bit["RJD"]
    pr = pj.project(sc.pool, JHARKHAND.majority, fights)
    assert pr.alliance_seats == 56 and JHARKHAND.majority == 41
    assert len(pj.variant_masks) == 4 + 1 + 2  # each alone, all four, and the two pairs that fought


def test_friendly_fight_transfers_the_others_votes_by_hand():
    # tiny: seat 2 BJP 400, INC 350, AAP 150; a three-partner alliance where only AAP and INC
    # fight and BSP does not exist there: the fight equals "every partner stands"
    from .helpers import tiny_dataset
    ds = tiny_dataset()
    sc = Scenario(ds)
    sc.assign_all("contested")
    pj = Engine(ds).evaluate(sc).projector
    assert pj.variant_of(0b11) == 2 and pj.variant_of(0) == 2  # both partners = the split variant
    v = pj.variant_of(0b01)                                  # "AAP alone" as a one-partner mask
    assert v == 0 and pj.outcomes.votes[v, 1, 0] == 150 + 0.8 * 350


def test_build_with_boundaries(tmp_path):
    from explorer.core.geometry import boundaries_from_embedded
    seats = tmp_path / "seats.csv"
    seats.write_text(dataset_io.seats_csv(HARYANA.seats), encoding="utf-8")
    res = tmp_path / "vs2024.csv"
    res.write_text(eci_csv(HARYANA.baselines["vs2024"], HARYANA), encoding="utf-8")
    gj = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"ac_no": int(k)}, "geometry": {"type": "MultiPolygon", "coordinates": v}}
        for k, v in HARYANA.boundaries["seats"].items()]}
    g = tmp_path / "b.geojson"
    g.write_text(json.dumps(gj), encoding="utf-8")
    ds = build_dataset(tmp_path / "out", name="H", seats_file=seats, results=[("vs2024", str(res))],
                       boundaries_file=g, partners="AAP,INC")
    assert len(boundaries_from_embedded(ds.boundaries, ds.seats).shapes) == 90
    # latitude and longitude swapped: refused with the placement warning, nothing written
    for f in gj["features"]:
        f["geometry"]["coordinates"] = [[[[y, x] for x, y in ring] for ring in poly] for poly in f["geometry"]["coordinates"]]
    g.write_text(json.dumps(gj), encoding="utf-8")
    with pytest.raises(DataError):
        build_dataset(tmp_path / "out2", name="H", seats_file=seats, results=[("vs2024", str(res))],
                      boundaries_file=g, partners="AAP,INC")
    assert not (tmp_path / "out2").exists()


def test_jharkhand_brief_has_the_pc_split_instead_of_a_map(tmp_path, capsys):
    from pypdf import PdfReader
    preset = tmp_path / "india.json"
    preset.write_text(json.dumps(JHARKHAND.scenario_docs["INDIA bloc 2024"]), encoding="utf-8")
    pdf = tmp_path / "brief.pdf"
    rc, _, err = run(capsys, "report", str(preset), "--dataset", "jharkhand", "-o", str(pdf))
    assert rc == 0, err
    text = PdfReader(pdf).pages[0].extract_text()
    assert len(PdfReader(pdf).pages) == 1 and "Seats per pool" in text and "JMM" in text
