"""The fitting data, counted from the corpus files: consecutive elections on the same seats,
NOTA apart, uncontested seats left out, a split party's vote shared by its heirs, blocs as
they stood at the later election."""
import csv
from pathlib import Path

import numpy as np
import pytest

from explorer.core.corpus import read_corpus, read_state_csv
from explorer.core.errors import DataError
from explorer.core.seat_transitions import load_transitions, shipped_alliances, shipped_lineage

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "india_assembly"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/data")


def rows(state, year):
    with open(CORPUS / f"{state}.csv", newline="") as f:
        return [r for r in csv.DictReader(f) if r["year"] == str(year)]


def test_a_bad_row_is_reported_with_its_line_and_column():
    data = b"year,ac_no,party,votes\n2019,1,BJP,100\n2019,x,INC,50\n2019,2,INC,-3\n"
    with pytest.raises(DataError) as e:
        read_state_csv(data, "XX.csv", "XX")
    assert [str(p) for p in e.value.problems] == ["XX.csv, line 3, ac_no: 'x' is not a seat number",
                                                 "XX.csv, line 4, votes: '-3' is not a whole number of votes"]


@needs_corpus
def test_nota_is_kept_apart_and_unopposed_seats_are_flagged():
    ar = {e.year: e for e in read_corpus(CORPUS, ["AR"]).elections["AR"]}
    r14 = rows("AR", 2014)
    count = {}
    for r in r14:
        if r["party"] != "NOTA":
            count[r["ac_no"]] = count.get(r["ac_no"], 0) + 1
    single = sum(1 for c in count.values() if c == 1)
    assert single == 11                                   # the README's 11 seats elected unopposed
    assert int((~ar[2014].contested()).sum()) == 11
    assert len(ar[2014].party) == len(r14) - sum(r["party"] == "NOTA" for r in r14)
    assert ar[2014].nota.sum() == sum(int(r["votes"]) for r in r14 if r["party"] == "NOTA")


@needs_corpus
def test_haryana_2019_to_2024_as_counted_from_the_files():
    ts = load_transitions(CORPUS, ["HR"])
    t = next(t for t in ts if (t.from_year, t.to_year) == (2019, 2024))
    assert t.n == 90
    seats = dict(zip(t.contenders, t.seats1().tolist()))
    # seats_won.csv: BJP 48, INC 37, IND 3, INLD 2 (its ally BSP won none)
    assert (seats["BJP"], seats["INC"], seats["IND"], seats["INLD+BSP"]) == (48, 37, 3, 2)
    assert t.partners["INLD+BSP"] == ("INLD", "BSP")
    # Kalka (AC 1), 2019: the shares of the candidates' votes, NOTA excluded (no NOTA row in 2019)
    kalka = [r for r in rows("HR", 2019) if r["ac_no"] == "1"]
    polled = sum(int(r["votes"]) for r in kalka)
    bjp = sum(int(r["votes"]) for r in kalka if r["party"] == "BJP")
    assert t.stand0[0, t.contenders.index("BJP")] == pytest.approx(bjp / polled)


@needs_corpus
def test_inld_s_2014_vote_is_shared_by_its_heirs_in_2019():
    lin = shipped_lineage()
    ts = load_transitions(CORPUS, ["HR"])
    t = next(t for t in ts if (t.from_year, t.to_year) == (2014, 2019))
    jjp, inld = t.contenders.index("JJP"), t.contenders.index("INLD")
    share = lin.successors("INLD", "HR", 2014, 2019)
    seat = [r for r in rows("HR", 2014) if r["ac_no"] == "1"]
    polled = sum(int(r["votes"]) for r in seat if r["party"] != "NOTA")
    inld14 = sum(int(r["votes"]) for r in seat if r["party"] == "INLD") / polled
    assert t.stand0[0, jjp] + t.away0[0, jjp] == pytest.approx(share["JJP"] * inld14)
    assert t.stand0[0, inld] + t.away0[0, inld] == pytest.approx(share["INLD"] * inld14)


@needs_corpus
def test_every_transition_keeps_its_seats_and_the_real_winners_add_up():
    lin = shipped_lineage()
    assert len(shipped_alliances(lin)) == 53
    ts = load_transitions(CORPUS)
    assert len(ts) == 66 and not any(t.state == "AP" and t.from_year == 2009 for t in ts)
    for t in ts:
        assert t.seats1().sum() == t.n and t.seats1()[-1] == 0           # OTH never wins
        assert np.all(t.stand0 >= 0) and np.all(t.stand0.sum(1) <= 1 + 1e-9)


@needs_corpus
def test_a_scenario_for_the_app_jharkhand_2019_with_2024_s_blocs_adds_up_to_81():
    from explorer.core.corpus_backtest import shipped_model
    from explorer.core.seat_model import Sizes, deterministic, simulate
    from explorer.core.seat_transitions import election_blocs, scenario_transition
    lin = shipped_lineage()
    jh = {e.year: e for e in read_corpus(CORPUS, ["JH"]).elections["JH"]}
    standing: dict[int, list[str]] = {}
    for i, p in zip(jh[2024].seat.tolist(), jh[2024].party):
        if lin.spelling(p, "JH") != "IND":
            standing.setdefault(int(jh[2024].ac_no[i]), []).append(lin.spelling(p, "JH"))
    blocs = election_blocs(jh[2024], lin, shipped_alliances(lin)).blocs
    assert [(b.name, b.partners) for b in blocs[:2]] == [("INDIA", ("JMM", "INC", "RJD", "CPI(ML)L")),
                                                        ("NDA", ("BJP", "AJSU", "JD(U)", "LJP(RV)"))]
    t = scenario_transition(jh[2019], standing, blocs, lin, 2024)
    assert t.n == 81 and t.contenders[:2] == ["INDIA", "NDA"] and "JLKM" not in t.contenders
    # JLKM, founded in 2023, stood in 2024 only: a new contender when named so
    t_new = scenario_transition(jh[2019], standing, blocs, lin, 2024, new=("JLKM",))
    k = t_new.contenders.index("JLKM")
    assert t_new.stand0[:, k].sum() == 0 and t_new.present1[:, k].sum() == len(
        {a for a, ps in standing.items() if "JLKM" in ps})
    # Madhupur (AC 13), 2019: JMM's Haji Hussain Ansari, 88,115 votes; in 2024 JMM stands again
    row = [r for r in rows("JH", 2019) if r["ac_no"] == "13"]
    polled = sum(int(r["votes"]) for r in row)
    assert t.stand0[12, 0] == pytest.approx(88115 / polled)
    sizes = Sizes.from_json(shipped_model()["sizes"])
    p, seats = simulate(t, sizes, draws=500, seed=7)
    assert (seats.sum(1) == 81).all() and np.allclose(p.sum(1), 1.0)
    assert len(deterministic(t, sizes)) == 81


@needs_corpus
def test_the_largest_contender_of_the_election_before_as_counted_from_the_files():
    from collections import Counter
    ts = {(t.from_year, t.to_year): t for t in load_transitions(CORPUS, ["HR"])}

    def largest(year):
        best = {}
        for r in rows("HR", year):
            if r["ac_no"] not in best or int(r["votes"]) > int(best[r["ac_no"]]["votes"]):
                best[r["ac_no"]] = r
        return Counter(r["party"] for r in best.values()).most_common(1)[0]
    # 2009: INC won 40 seats; 2014: BJP 47 - the largest before 2014 -> 2019 and 2019 -> 2024
    assert largest(2009) == ("INC", 40) and largest(2014) == ("BJP", 47)
    t14, t19 = ts[(2014, 2019)], ts[(2019, 2024)]
    assert t14.contenders[t14.largest_before] == "INC" and t19.contenders[t19.largest_before] == "BJP"
    assert ts[(2009, 2014)].largest_before == -1        # the corpus starts in 2009: nothing before
    # two elections before: 2014 -> 2019 has none (2009 is the first), 2019 -> 2024 has 2009's INC
    assert t14.largest_before2 == -1 and t19.contenders[t19.largest_before2] == "INC"


def test_a_breakaway_recorded_as_a_split_takes_its_parent_s_vote_seat_by_seat(tmp_path):
    """The ninth round's form (tools/fit_seat_model.py --lineage): a breakaway written as a split
    row draws its earlier vote where its parent's lay, not as a new contender with none. Three
    seats, AAA 60 %, 30 %, 50 % in 2010; NEW splits from AAA in 2012 with a quarter of its vote."""
    from explorer.core.lineage import load_lineage
    from explorer.core.seat_transitions import build_transition
    (tmp_path / "XX").mkdir()
    lines = ["year,ac_no,party,votes"]
    for ac, (a, b) in enumerate([(600, 400), (300, 700), (500, 500)], start=1):
        lines += [f"2010,{ac},AAA,{a}", f"2010,{ac},BBB,{b}",
                  f"2015,{ac},AAA,{a - 100}", f"2015,{ac},NEW,100", f"2015,{ac},BBB,{b}"]
    (tmp_path / "XX" / "XX.csv").write_text("\n".join(lines) + "\n")
    rows = "kind,code,to,share,state,year,ac_no,source\n" \
           "split,AAA,AAA,0.75,XX,2012,,a test\nsplit,AAA,NEW,0.25,XX,2012,,a test\n"
    (tmp_path / "split.csv").write_text(rows)
    (tmp_path / "none.csv").write_text("kind,code,to,share,state,year,ac_no,source\n")
    corpus = read_corpus(tmp_path / "XX", ["XX"])
    e0, e1 = corpus.elections["XX"]
    split = build_transition(corpus, e0, e1, load_lineage(tmp_path / "split.csv"), [])
    none = build_transition(corpus, e0, e1, load_lineage(tmp_path / "none.csv"), [])
    new, aaa = split.contenders.index("NEW"), split.contenders.index("AAA")
    assert split.stand0[:, new] == pytest.approx([0.15, 0.075, 0.125])     # a quarter of 60, 30, 50 %
    assert split.stand0[:, aaa] == pytest.approx([0.45, 0.225, 0.375])     # the rump keeps three quarters
    assert none.stand0[:, none.contenders.index("NEW")] == pytest.approx([0, 0, 0])
    assert none.stand0[:, none.contenders.index("AAA")] == pytest.approx([0.6, 0.3, 0.5])


@needs_corpus
def test_a_split_s_heirs_share_the_parent_s_vote_evenly_in_the_blind_transition():
    """Haryana 2014 -> 2019: INLD split in 2018 (JJP took 0.8586 of the two's 2019 vote, counted from
    2019's result). The transition's ``blind`` copy, which the back-test without a poll projects,
    gives each heir half of INLD's 2014 vote in every seat; the later election is the same."""
    ts = {(t.from_year, t.to_year): t for t in load_transitions(CORPUS, ["HR"])}
    t = ts[(2014, 2019)]
    b = t.blind
    assert b is not None and ts[(2009, 2014)].blind is None and ts[(2019, 2024)].blind is None
    j, i = t.contenders.index("JJP"), t.contenders.index("INLD")
    bj, bi = b.contenders.index("JJP"), b.contenders.index("INLD")
    assert list(b.ac_no) == list(t.ac_no) and sorted(b.contenders) == sorted(t.contenders)
    before = t.stand0[:, j] + t.away0[:, j] + t.stand0[:, i] + t.away0[:, i]
    half_j, half_i = b.stand0[:, bj] + b.away0[:, bj], b.stand0[:, bi] + b.away0[:, bi]
    assert np.allclose(half_j, half_i) and np.allclose(half_j + half_i, before)
    # INLD's 2014 vote in seat 1 (Kalka) counted from the file, halved
    kalka = [(r["party"], int(r["votes"])) for r in rows("HR", 2014) if r["ac_no"] == "1"]
    share = sum(v for p, v in kalka if p == "INLD") / sum(v for p, v in kalka if p != "NOTA")   # 31,320 of 123,675
    k = int(np.flatnonzero(b.ac_no == 1)[0])
    assert half_j[k] == pytest.approx(share / 2)
    # the table's shares: JJP's part of INLD's vote in every seat
    assert np.allclose((t.stand0[:, j] + t.away0[:, j])[before > 0] / before[before > 0], 0.8586)
    assert np.array_equal(b.s1[:, bj], t.s1[:, j]) and np.array_equal(b.winner1 == bj, t.winner1 == j)
    # the contenders come in another order (INLD's half now ahead of BSP): the election before's
    # largest (2009's INC) is matched by name
    assert b.contenders != t.contenders
    assert b.contenders[b.largest_before] == t.contenders[t.largest_before] == "INC" and b.largest_before2 == -1
