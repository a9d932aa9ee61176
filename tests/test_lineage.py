"""The party lineage table: spellings, renames, mergers and splits across elections, read from
CSV with located errors, and a baseline's votes mapped to the later election's parties."""
import csv
from pathlib import Path

import numpy as np
import pytest

from explorer.core.errors import DataError
from explorer.core.lineage import MAX_BYTES, load_lineage, map_seat_votes, read_lineage

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "india_assembly"

TABLE = """kind,code,to,share,state,year,ac_no,source
spelling,AAAP,AAP,,,,,ECI code
spelling,JNJP,JJP,,,,,ECI code
rename,TRS,BRS,,,2022,,renamed
merge,HJCBL,INC,,HR,2016,,merged
split,INLD,JJP,0.8,HR,2018,,split
split,INLD,INLD,0.2,HR,2018,,split
split,INLD,JJP,0.5,HR,2018,3,in seat 3 half each
split,INLD,INLD,0.5,HR,2018,3,in seat 3 half each
"""


def table():
    return read_lineage(TABLE.encode())


def test_spellings_renames_and_mergers_map_to_one_party():
    lin = table()
    assert lin.successors("AAAP", "DL", 2020, 2025) == {"AAP": 1.0}
    assert lin.successors("aaap", "DL", 2020, 2025) == {"AAP": 1.0}   # matched like the party table
    assert lin.successors("TRS", "TS", 2018, 2023) == {"BRS": 1.0}
    assert lin.successors("TRS", "TS", 2014, 2018) == {"TRS": 1.0}    # not renamed yet in 2018
    assert lin.successors("HJCBL", "HR", 2014, 2019) == {"INC": 1.0}
    assert lin.successors("HJCBL", "PB", 2014, 2019) == {"HJCBL": 1.0}  # a Haryana row only
    assert lin.successors("IND", "HR", 2014, 2019) == {"IND": 1.0}
    assert lin.spelling("None of the Above") == "NOTA"


def test_a_split_shares_the_parent_statewide_and_per_seat():
    lin = table()
    assert lin.successors("INLD", "HR", 2014, 2019) == {"JJP": 0.8, "INLD": 0.2}
    assert lin.successors("INLD", "HR", 2014, 2019, ac_no=3) == {"JJP": 0.5, "INLD": 0.5}
    assert lin.successors("INLD", "HR", 2019, 2024) == {"INLD": 1.0}   # after the split: no split
    votes = {"INLD": np.array([1000.0, 0.0, 400.0, 77.0]), "INC": np.array([5.0, 6.0, 7.0, 8.0]),
             "HJCBL": np.array([1.0, 2.0, 3.0, 4.0])}
    out = map_seat_votes(votes, lin, "HR", 2014, 2019, ac_no=np.array([1, 2, 3, 4]))
    assert out["JJP"].tolist() == [800.0, 0.0, 200.0, pytest.approx(61.6)]
    assert out["INLD"].tolist() == [200.0, 0.0, 200.0, pytest.approx(15.4)]
    assert np.allclose(out["JJP"] + out["INLD"], votes["INLD"])       # the heirs add up, seat by seat
    assert out["INC"].tolist() == [6.0, 8.0, 10.0, 12.0]               # Congress and the merged HJC(BL)


def test_bad_rows_are_reported_with_their_line_and_column():
    bad = ("kind,code,to,share,state,year,ac_no,source\n"
           "split,INLD,JJP,1.5,HR,2018,,x\n"
           "split,INLD,INLD,0.3,HR,2018,,x\n"
           "rename,TRS,BRS,,,,,no year\n"
           "renamed,A,B,,,,,\n")
    with pytest.raises(DataError) as e:
        read_lineage(bad.encode(), "lin.csv")
    text = [str(p) for p in e.value.problems]
    assert "lin.csv, line 2, share: '1.5' is not a share from 0 to 1" in text
    assert "lin.csv, line 4, year: a rename needs the year it happened" in text
    assert any(t.startswith("lin.csv, line 5, kind: 'renamed' is not one of") for t in text)
    ok_but_short = ("kind,code,to,share,state,year,ac_no,source\n"
                    "split,INLD,JJP,0.7,HR,2018,,x\nsplit,INLD,INLD,0.2,HR,2018,,x\n")
    with pytest.raises(DataError, match=r"line 2, share: the heirs of INLD's 2018 split in HR take 0.9"):
        read_lineage(ok_but_short.encode(), "lin.csv")
    with pytest.raises(DataError, match="missing column to"):
        read_lineage(b"kind,code\nspelling,A\n", "lin.csv")


def test_an_oversized_file_is_refused_unread(tmp_path):
    p = tmp_path / "big.csv"
    p.write_bytes(b"kind,code,to\n" + b"spelling,A,B\n" * (MAX_BYTES // 13 + 10))
    with pytest.raises(DataError, match="the limit is 4 MB"):
        load_lineage(p)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/data")
def test_the_shipped_table_counts_inld_s_split_from_haryana_2019():
    lin = load_lineage(ROOT / "resources" / "lineage.csv")
    votes = {"JNJP": 0, "INLD": 0}
    with open(CORPUS / "HR.csv", newline="") as f:
        for r in csv.DictReader(f):
            if r["year"] == "2019" and r["party"] in votes:
                votes[r["party"]] += int(r["votes"])
    jjp = round(votes["JNJP"] / (votes["JNJP"] + votes["INLD"]), 4)
    assert lin.successors("INLD", "HR", 2014, 2019) == {"JJP": jjp, "INLD": round(1 - jjp, 4)}
    assert lin.successors("JNJP", "HR", 2019, 2024) == {"JJP": 1.0}
    assert lin.successors("AAAP", "DL", 2020, 2025) == {"AAP": 1.0}
    assert lin.successors("TRS", "TS", 2018, 2023) == {"BRS": 1.0}
    assert lin.successors("JVM", "JH", 2019, 2024) == {"BJP": 1.0}
    assert lin.successors("AJSU PARTY", "JH", 2024, 2024) == {"AJSU": 1.0}
    assert lin.spelling("PDP", "KL") == "PDP" and lin.spelling("JKPDP", "JK") == "JKPDP"
    assert all(e.source for e in lin.events)


def test_even_splits_know_the_heirs_not_their_shares():
    """What a forecast made before a split's first election knows (issue 25, tenth round): the
    heirs stand, each with an even part of the parent's vote in every seat — the table's 0.8 / 0.2
    and the per-seat rows are counted from that election's result."""
    lin = table()
    even = lin.even_splits()
    assert even.successors("INLD", "HR", 2014, 2019) == {"JJP": 0.5, "INLD": 0.5}
    assert even.successors("INLD", "HR", 2014, 2019, ac_no=1) == {"JJP": 0.5, "INLD": 0.5}
    assert even.successors("INLD", "HR", 2014, 2019, ac_no=3) == {"JJP": 0.5, "INLD": 0.5}
    assert even.successors("INLD", "HR", 2019, 2024) == {"INLD": 1.0}      # after the split: no split
    # the other rows stay
    assert even.successors("AAAP", "DL", 2020, 2025) == {"AAP": 1.0}
    assert even.successors("HJCBL", "HR", 2014, 2019) == {"INC": 1.0}
    assert lin.splits_between("HR", 2014, 2019) and not lin.splits_between("HR", 2019, 2024)
    assert not lin.splits_between("HR", 2009, 2014) and not lin.splits_between("PB", 2014, 2019)
    # the table itself is unchanged
    assert lin.successors("INLD", "HR", 2014, 2019) == {"JJP": 0.8, "INLD": 0.2}
