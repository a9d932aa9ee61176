"""Small CSV files that could exhaust the machine are refused at the bound, and the work a
reader does stops there (issue: a 17.8 MB results file of a million rows in one seat once
needed 9 GB; a 100,000-row seat list took 10 s). The work is counted here, never timed: the
times and the peak memory of the issue's files are tools/bench_csv.py's figures."""
from explorer.core import loaders
from explorer.core.dataset_io import load_embedded
from explorer.core.errors import DataError

DS = load_embedded()


def counting(monkeypatch, name: str) -> list[int]:
    """Count the calls of loaders.<name> (the work done per row kept)."""
    calls = [0]
    real = getattr(loaders, name)

    def wrapped(*a, **kw):
        calls[0] += 1
        return real(*a, **kw)
    monkeypatch.setattr(loaders, name, wrapped)
    return calls


def refusal(read) -> str:
    try:
        read()
    except DataError as e:
        return e.summary(3)
    raise AssertionError("read, not refused")


def test_rows_past_the_candidate_bound_of_a_seat_are_counted_not_kept(monkeypatch):
    """20,000 candidates in seat 1, then a good row in seat 2: the 300 rows up to the bound are
    read as candidates (a party looked up for each), the 19,700 past it only counted."""
    rows = [f"1,C{i},IND,{i % 1000}\n" for i in range(20_000)] + ["2,Other,BJP,5\n"]
    data = ("ac_no,candidate,party,votes\n" + "".join(rows)).encode()
    party_lookups = counting(monkeypatch, "_party_code")
    msg = refusal(lambda: loaders.read_results(data, "one_seat.csv", DS.seats))
    assert "one_seat.csv, line 302, ac_no: seat 1 has more than 300 candidates" in msg
    assert party_lookups[0] == 300 + 1  # seat 1 up to the bound, and seat 2's row


def test_a_seat_list_is_read_up_to_its_bound_and_no_further(monkeypatch):
    ints = counting(monkeypatch, "_int")
    data = ("ac_no,name,district,pc,reserved\n"
            + "".join(f"{i},S{i},D,P{i % 500},GEN\n" for i in range(1, 20_001))).encode()
    msg = refusal(lambda: loaders.read_seat_list(data, "million.csv"))
    assert "million.csv, line 10002: more than 10,000 seats" in msg
    assert ints[0] == 10_000  # one seat number per row read; row 10,001 stops the reading
    ints[0] = 0
    t = loaders.read_seat_list(("ac_no,name,district,pc,reserved\n"
                                + "".join(f"{i},S{i},D{i % 40},P{i % 500},GEN\n" for i in range(1, 9_001))).encode(),
                               "seats.csv")
    assert t.n == 9_000 and len(t.pc_names) == 500 and len(t.district_names) == 40
    assert ints[0] == 9_000  # one parse per row: linear


def test_a_file_over_the_byte_bound_is_refused_before_it_is_decoded(monkeypatch, tmp_path):
    decodes = counting(monkeypatch, "decode_csv")
    p = tmp_path / "big.csv"
    with p.open("wb") as f:
        f.truncate(loaders.MAX_CSV_BYTES + 1)  # sparse: 50 MB + 1 byte of NULs
    assert refusal(lambda: loaders.load_results_csv(p, DS.seats)) == f"{p}: file is 52.4 MB; the limit is 52 MB"
    assert decodes[0] == 0
