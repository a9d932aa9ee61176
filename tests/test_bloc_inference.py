"""Blocs inferred from who stood where (partners seldom face each other), confirmed or
overridden by the known-alliances table."""
import csv
from pathlib import Path

import pytest

from explorer.core.bloc_inference import (Bloc, KnownAlliance, blocs_for, infer_blocs, load_alliances, overlap,
                                          read_alliances)
from explorer.core.errors import DataError
from explorer.core.lineage import load_lineage

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "india_assembly"


def test_partners_share_out_the_seats_and_a_party_everywhere_stands_alone():
    standing = {"A": range(1, 61), "B": range(61, 91), "C": range(1, 91), "D": range(1, 91)}
    votes = {"A": 300, "B": 200, "C": 400, "D": 100}
    blocs = infer_blocs(standing, votes, 90)
    assert blocs == [Bloc("A+", ("A", "B"))]
    assert overlap(range(1, 61), range(55, 91)) == 6 / 36


def test_two_small_parties_that_never_met_by_chance_are_no_bloc():
    # 4 and 5 seats of 90: they would share 0.2 seats at random, so not meeting proves nothing
    standing = {"A": range(1, 91), "S": range(1, 5), "T": range(10, 15)}
    votes = {"A": 1000, "S": 50, "T": 40}
    assert infer_blocs(standing, votes, 90) == []


def test_the_known_table_overrides_and_keeps_the_other_inferred_blocs():
    inferred = [Bloc("A+", ("A", "B")), Bloc("C+", ("C", "D"))]
    known = [KnownAlliance("XX", 2020, "Front", ("A", "B", "E"), "https://example.org/x"),
             KnownAlliance("XX", 2015, "Old", ("C", "A"), "https://example.org/y")]
    rep = blocs_for("XX", 2020, inferred, known, standing={"A": [1], "B": [2], "C": [3], "D": [4]})
    assert [(b.name, b.partners) for b in rep.blocs] == [("Front", ("A", "B")), ("C+", ("C", "D"))]
    assert rep.agreed == ["Front"] and rep.differs == []


def test_an_alliance_row_without_a_source_is_refused_with_its_line():
    data = b"state,year,bloc,partners,source\nJH,2019,UPA,JMM|INC|RJD,https://x\nJH,2019,NDA,BJP|AJSU,\n"
    with pytest.raises(DataError, match=r"a.csv, line 3, source: empty: every alliance needs a public source"):
        read_alliances(data, "a.csv")
    with pytest.raises(DataError, match=r"line 3, partners: INC is already in a bloc of JH 2019 \(line 2\)"):
        read_alliances(b"state,year,bloc,partners,source\nJH,2019,A,JMM|INC,u\nJH,2019,B,INC|RJD,u\n", "a.csv")


def test_the_shipped_alliances_each_have_a_public_source():
    lin = load_lineage(ROOT / "resources" / "lineage.csv")
    rows = load_alliances(ROOT / "resources" / "alliances.csv", lin.spelling)
    assert len(rows) == 53
    assert all(r.source.startswith("https://en.wikipedia.org/wiki/") and str(r.year) in r.source for r in rows)
    jh = {r.bloc: r.partners for r in rows if (r.state, r.year) == ("JH", 2024)}
    assert jh == {"INDIA": ("JMM", "INC", "RJD", "CPI(ML)L"), "NDA": ("BJP", "AJSU", "JD(U)", "LJP(RV)")}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/data")
def test_jharkhand_2019_s_alliance_is_found_from_the_file_alone():
    standing: dict[str, set] = {}
    votes: dict[str, int] = {}
    with open(CORPUS / "JH.csv", newline="") as f:
        for r in csv.DictReader(f):
            if r["year"] == "2019" and r["party"] != "NOTA":
                standing.setdefault(r["party"], set()).add(int(r["ac_no"]))
                votes[r["party"]] = votes.get(r["party"], 0) + int(r["votes"])
    # JMM 43 seats, INC 31, RJD 7: they met in none... counted here from the file
    assert (len(standing["JMM"]), len(standing["INC"]), len(standing["RJD"])) == (43, 31, 7)
    assert standing["JMM"] & standing["INC"] == set() and len(standing["JMM"] & standing["RJD"]) == 0
    blocs = infer_blocs(standing, votes, 81)
    assert [b.partners for b in blocs] == [("JMM", "INC", "RJD")]


def test_a_known_alliance_wider_than_who_stood_where_is_said_in_words():
    # it read "INDIA: inferred JMM+INC of JMM+INC+RJD+CPI(ML)L"
    from explorer.core.bloc_inference import Bloc, KnownAlliance, blocs_for
    known = [KnownAlliance("JH", 2024, "INDIA", ("JMM", "INC", "RJD", "CPI(ML)L"), "https://example.org/a")]
    rep = blocs_for("JH", 2024, [Bloc("inferred 1", ("JMM", "INC"), "inferred")], known)
    assert rep.differs == ["INDIA is JMM, INC, RJD, CPI(ML)L (known alliances); by who stood where, only JMM, INC "
                           "never faced each other"]
