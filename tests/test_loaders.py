"""Importing a baseline (ECI's long shape) and a seat list from CSV."""
import pytest
from hypothesis import given, settings, strategies as st

from explorer.core.dataset_io import load_embedded
from explorer.core.errors import DataError
from explorer.core.loaders import load_results_csv, read_results, read_seat_list

DS = load_embedded()


def full_file(extra: str = "", header="ac_no,ac_name,candidate,party,votes,extra") -> bytes:
    rows = [header]
    for i in range(1, 91):
        rows.append(f"{i},{DS.seats.names[i - 1]},Cand {i},BJP,{1000 + i},x")
        rows.append(f"{i},{DS.seats.names[i - 1]},Other {i},INC,{900 + i},y")
    return ("\n".join(rows) + "\n" + extra).encode()


def test_valid_import_with_nota_and_extra_columns():
    b = read_results(full_file("1,Kalka,,NOTA,55,z\n1,Kalka,Ind One,IND,10,z\n1,Kalka,Ind Two,IND,12,z\n"),
                     "mine.csv", DS.seats)
    df = b.candidates
    assert len(df) == 183
    assert df[df.party == "NOTA"].votes.tolist() == [55]
    assert sorted(df[df.party == "IND"].votes.tolist()) == [10, 12]  # two candidates, not summed
    assert b.id == "file:mine" and b.label == "mine (imported)"


def test_import_real_eci_shaped_file(tmp_path):
    src = load_embedded().baselines["ls2024"].candidates
    p = tmp_path / "ls.csv"
    src.to_csv(p, index=False)
    b = load_results_csv(p, DS.seats)
    assert len(b.candidates) == 2007 and int(b.candidates.votes.sum()) == int(src.votes.sum())


def problems(data: bytes) -> list[str]:
    with pytest.raises(DataError) as e:
        read_results(data, "r.csv", DS.seats)
    return [str(p) for p in e.value.problems]


def test_every_problem_reported_with_line_and_column():
    body = full_file().decode().splitlines()
    body[3] = "95,Nowhere,Ghost,BJP,10,x"       # line 4
    body[5] = "3,Naraingarh,Cand 3,BJP,-5,x"     # line 6
    body[6] = "3,Naraingarh,Other 3,INC,12.5,x"  # line 7
    body.append(body[7])  # line 8 again, identical in every column: a duplicate
    msgs = problems(("\n".join(body) + "\n").encode())
    assert msgs == [
        "r.csv, line 4, ac_no: unknown seat 95 (this data set has seats 1–90)",
        "r.csv, line 6, votes: negative votes '-5'",
        "r.csv, line 7, votes: expected a whole number of votes, found '12.5'",
        "r.csv, line 182: duplicate of line 8 (seat 4, 'Cand 4'): the same row twice",
    ]


def test_seat_with_no_candidates():
    body = [l for l in full_file().decode().splitlines() if not l.startswith("90,")]
    assert problems(("\n".join(body) + "\n").encode()) == ["r.csv, ac_no: seat 90 Tigaon has no candidates"]


def test_missing_columns_empty_and_non_utf8():
    assert problems(b"ac_no,name,votes\n1,a,2\n") == [
        "r.csv, line 1: missing columns candidate (or candidate_name); party (or party_name) "
        "(the header has: 'ac_no', 'name', 'votes')"]
    assert problems(b"") == ["r.csv: file is empty"]
    assert problems(b"ac_no,candidate,party,votes\n") == ["r.csv: no data rows below the header"]
    # 0x81 is neither UTF-8 nor Windows-1252 (0xe9 alone would read as Windows-1252's é)
    assert problems(b"ac_no,candidate,party,votes\n1,Kal\x81,BJP,5\n") == [
        "r.csv, line 2, column 6: neither UTF-8 nor Windows-1252 text (byte 0x81); "
        "save it again as \u201cCSV UTF-8\u201d"]


def test_seat_list_import():
    t = read_seat_list(b"ac_no,name,district,pc,reserved\n1,A,D1,P1,GEN\n2,B,D1,P2,sc\n", "s.csv")
    assert t.n == 2 and t.names == ["A", "B"] and t.is_sc.tolist() == [False, True]
    assert t.pc_names == ["P1", "P2"] and not t.has_labels
    with pytest.raises(DataError) as e:
        read_seat_list(b"ac_no,name,district,pc,reserved\n1,A,D1,P1,GEN\n1,B,,P2,XX\n", "s.csv")
    assert [str(p) for p in e.value.problems] == [
        "s.csv, line 3, ac_no: seat 1 already on line 2",
        "s.csv, line 3, reserved: expected GEN, SC or ST, found 'XX'"]


_cells = st.sampled_from(["1", "90", "0", "-3", "91", "abc", "", "BJP", "NOTA", "IND", "1,234", "12.5",
                          "\"q,uoted\"", "\"unterminated", "9" * 20, "é", "\x00"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_cells, min_size=0, max_size=6), max_size=12),
       st.sampled_from(["ac_no,candidate,party,votes", "ac_no,party,votes", "", "AC_NO, Candidate ,PARTY,Votes,x"]))
def test_fuzzed_results_files_never_crash(rows, header):
    data = (header + "\n" + "\n".join(",".join(r) for r in rows)).encode()
    try:
        b = read_results(data, "fuzz.csv", DS.seats)
    except DataError as e:
        assert e.problems and all(str(p).startswith("fuzz.csv") for p in e.problems)
    else:
        assert len(set(b.candidates.ac_no)) == 90


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_fuzzed_bytes_never_crash(data):
    for reader in (lambda d: read_results(d, "b.csv", DS.seats), lambda d: read_seat_list(d, "b.csv")):
        try:
            reader(data)
        except DataError as e:
            assert str(e).startswith("b.csv")
