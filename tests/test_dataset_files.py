"""Files as real users have them: a results id without a year, a Lok Dhaba (TCPD) file of several
elections built in one step (by-elections listed and left out unless asked for), and an older
baseline seen through the party lineage (a split's heirs add up to the parent in every seat)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest

from explorer.cli import main
from explorer.core.dataset_io import build_dataset, load_dataset
from explorer.core.engine import Engine
from explorer.core.lineage import read_lineage
from explorer.core.paths import resource_root
from explorer.core.scenario import Scenario
from explorer.core.successors import baseline_as_of

HERE = Path(__file__).resolve().parent
LOKDHABA = HERE / "data" / "lokdhaba" / "haryana_2009_2019.csv"
JH = Path("/work/shared/data/jharkhand_2024")
if not JH.is_dir():
    JH = resource_root().parent.parent / "shared" / "data" / "jharkhand_2024"
SEATS, RESULTS = JH / "jharkhand_constituencies.csv", JH / "results_2024_assembly.csv"


def run(capsys, *argv):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture(scope="module")
def haryana(tmp_path_factory):
    out = tmp_path_factory.mktemp("ld") / "haryana"
    build_dataset(out, name="Haryana from Lok Dhaba", lokdhaba=str(LOKDHABA), partners=["INC", "JJP"])
    return load_dataset(out)


# -- a results id without a year -------------------------------------------------------------------
def test_an_id_without_a_year_takes_it_from_the_file(capsys, tmp_path):
    out = tmp_path / "jh"
    rc, text, err = run(capsys, "dataset", "build", "--name", "JH", "--seats", SEATS, "--results", f"vs={RESULTS}",
                        "-o", out)
    assert rc == 0, err
    ds = load_dataset(out)     # the reader takes what was written
    assert ds.baselines["vs"].year == 2024 and ds.baselines["vs"].label == "Vidhan Sabha 2024"


def test_an_id_without_a_year_and_a_file_without_one_writes_nothing(capsys, tmp_path):
    rows = list(csv.reader(RESULTS.read_text(encoding="utf-8").splitlines()))
    noyear = tmp_path / "results.csv"
    with noyear.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([r[1:] for r in rows])     # the election_year column left out
    out = tmp_path / "jh"
    rc, _, err = run(capsys, "dataset", "build", "--name", "JH", "--seats", SEATS, "--results", f"vs={noyear}",
                     "-o", out)
    assert rc == 2 and "no election year in the id 'vs' nor a Year column" in err and "--year vs=YEAR" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.csv"]     # no folder, no debris
    rc, _, err = run(capsys, "dataset", "build", "--name", "JH", "--seats", SEATS, "--results", f"vs={noyear}",
                     "--year", "vs=2024", "-o", out)
    assert rc == 0, err
    assert load_dataset(out).baselines["vs"].year == 2024


def test_the_dialog_label_follows_the_id_and_a_failed_build_leaves_nothing(qtbot, tmp_path):
    from explorer.gui.dialogs.new_dataset_dialog import NewDatasetDialog
    rows = list(csv.reader(RESULTS.read_text(encoding="utf-8").splitlines()))
    noyear = tmp_path / "results.csv"
    with noyear.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([r[1:] for r in rows])
    dlg = NewDatasetDialog()
    qtbot.addWidget(dlg)
    dlg.add_results(str(noyear))
    assert dlg.results.item(0, 0).text() == "vs" and dlg.results.item(0, 1).text() == "Vidhan Sabha (vs)"
    dlg.results.item(0, 0).setText("vs2024")
    assert dlg.results.item(0, 1).text() == "Vidhan Sabha 2024"
    dlg.results.item(0, 1).setText("As published")
    dlg.results.item(0, 0).setText("vs2019")
    assert dlg.results.item(0, 1).text() == "As published"     # typed by hand: it stays
    dlg.results.item(0, 0).setText("vs")
    dlg.name.setText("JH")
    dlg.seats.setText(str(SEATS))
    out = tmp_path / "new"
    dlg.out.setText(str(out))
    dlg.start_build()
    qtbot.waitUntil(lambda: not dlg.building, timeout=20000)
    items = [dlg.problems.item(i).text() for i in range(dlg.problems.count())]
    assert dlg.built is None and dlg.status.text().startswith("1 problem; nothing was built")
    assert items == [f"{noyear}: no election year in the id 'vs' nor a Year column in the file: write the id "
                     "with its year (vs2019=...) or give --year vs=YEAR"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.csv"]


# -- Lok Dhaba -------------------------------------------------------------------------------------------
def winners(ds, bid):
    from explorer.core.projection import PreparedBaseline
    pb = PreparedBaseline(ds.seats, ds.baselines[bid], ())
    out: dict[str, int] = {}
    for i in pb.leader:
        out[pb.parties[i]] = out.get(pb.parties[i], 0) + 1
    return out


def test_a_lok_dhaba_file_of_three_elections_builds_in_one_step(haryana):
    ds = haryana
    assert list(ds.baselines) == ["vs2009", "vs2014", "vs2019"] and ds.seats.n == 90
    assert ds.default_baseline == "vs2019" and int(ds.seats.is_sc.sum()) == 17
    # the corpus's seats_won.csv
    assert winners(ds, "vs2014") == {"BJP": 47, "INLD": 19, "INC": 15, "IND": 5, "HJCBL": 2, "BSP": 1, "SAD": 1}
    assert winners(ds, "vs2019") == {"BJP": 40, "INC": 31, "JJP": 10, "IND": 7, "INLD": 1, "HLP": 1}
    assert winners(ds, "vs2009")["INC"] == 40


def test_by_elections_are_listed_and_left_out_unless_asked(capsys, tmp_path):
    rows = LOKDHABA.read_text(encoding="utf-8").splitlines()
    # a by-election made up for this test (Poll_No 1): seat 1 in 2016, two candidates
    rows += ["Haryana,2,1,2016,1,1,TEST WINNER,INC,60000,100000,150000,KALKA,GEN,PANCHKULA,60.0",
             "Haryana,2,1,2016,1,2,TEST RUNNER,BJP,40000,100000,150000,KALKA,GEN,PANCHKULA,40.0"]
    f = tmp_path / "ld.csv"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    rc, out, err = run(capsys, "dataset", "build", "--name", "HR", "--lokdhaba", f, "-o", tmp_path / "a")
    assert rc == 0, err
    assert "by-election (left out; --by-elections takes them): 2016 (poll 1): seat 1 KALKA" in out
    assert list(load_dataset(tmp_path / "a").baselines) == ["vs2009", "vs2014", "vs2019"]
    rc, out, err = run(capsys, "dataset", "build", "--name", "HR", "--lokdhaba", f, "--by-elections",
                       "-o", tmp_path / "b")
    ds = load_dataset(tmp_path / "b")
    assert rc == 0 and list(ds.baselines) == ["vs2009", "vs2014", "vs2019", "vs2014by"]
    assert ds.baselines["vs2014by"].label == "Vidhan Sabha 2014 with by-elections to 2016"
    seat1 = ds.baselines["vs2014by"].candidates.query("ac_no == 1")
    assert sorted(seat1["candidate"]) == ["TEST RUNNER", "TEST WINNER"]
    assert winners(ds, "vs2014by")["INC"] == 16 and winners(ds, "vs2014by")["BJP"] == 46


def test_a_file_of_two_states_asks_which(tmp_path):
    from explorer.core.errors import DataError
    rows = LOKDHABA.read_text(encoding="utf-8").splitlines()
    rows.append(rows[1].replace("Haryana", "Punjab", 1))
    f = tmp_path / "two.csv"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"the file holds 2 states \(Haryana, Punjab\): say which one"):
        build_dataset(tmp_path / "x", name="x", lokdhaba=str(f))
    ds = build_dataset(tmp_path / "y", name="y", lokdhaba=str(f), lokdhaba_state="Haryana")
    assert ds.seats.n == 90 and not (tmp_path / "x").exists()


# -- the party lineage ------------------------------------------------------------------------------------
def test_a_split_s_heirs_add_up_to_the_parent_in_every_seat(haryana):
    """INLD split in 2018 (resources/lineage.csv: JJP 85.86 %, INLD 14.14 %, counted from 2019)."""
    ds = haryana
    b14 = ds.baselines["vs2014"].candidates
    mapped = baseline_as_of(ds, "vs2014", 2019).candidates
    inld = b14[b14.party == "INLD"].groupby("ac_no")["votes"].sum()
    heirs = mapped[mapped.party.isin(["INLD", "JJP"])].groupby("ac_no")["votes"].sum()
    assert len(inld) == 88 and np.allclose(heirs.reindex(inld.index).to_numpy(), inld.to_numpy())
    jjp = mapped[mapped.party == "JJP"].set_index("ac_no")["votes"]
    assert np.allclose(jjp.reindex(inld.index).to_numpy(), 0.8586 * inld.to_numpy())
    # every seat keeps its valid vote
    assert np.allclose(mapped.groupby("ac_no")["votes"].sum(), b14.groupby("ac_no")["votes"].sum())
    # and a per-seat split from a file (--lineage): 60/40 in seat 1, 90/10 elsewhere
    lin = read_lineage(b"kind,code,to,share,state,year,ac_no,source\n"
                       b"split,INLD,JJP,0.9,HR,2018,,assumption\nsplit,INLD,INLD,0.1,HR,2018,,assumption\n"
                       b"split,INLD,JJP,0.6,HR,2018,1,assumption\nsplit,INLD,INLD,0.4,HR,2018,1,assumption\n")
    m2 = baseline_as_of(ds, "vs2014", 2019, lin).candidates
    v = m2[m2.party.isin(["INLD", "JJP"])].pivot_table(index="ac_no", columns="party", values="votes", aggfunc="sum")
    assert v.loc[1, "JJP"] == pytest.approx(0.6 * inld[1]) and v.loc[2, "JJP"] == pytest.approx(0.9 * inld[2])
    assert np.allclose(v.sum(axis=1).reindex(inld.index), inld)


def test_the_lineage_changes_the_projection_as_expected(haryana):
    ds = haryana
    sc = Scenario(ds, name="from 2014")
    sc.assign_all("contested")
    sc.set_assumptions(sc.assumptions.with_baseline("vs2014"))
    sc.lineage_to = 0
    as_then = Engine(ds).evaluate(sc).projection.seats_by_party()
    assert as_then == {"BJP": 47, "INLD": 19, "INC": 15, "IND": 5, "HJCBL": 2, "BSP": 1, "SAD": 1}
    sc.lineage_to = None          # to 2019, the data set's newest: INLD's vote split, HJCBL merged into INC
    after = Engine(ds).evaluate(sc).projection.seats_by_party()
    assert "INLD" not in after and after["JJP"] > 0 and "HJCBL" not in after
    assert after["INC"] > as_then["INC"]
    assert sum(after.values()) == 90


def test_lineage_on_the_command_line(capsys, haryana, tmp_path):
    folder = haryana.folder
    lin = tmp_path / "lin.csv"
    lin.write_text("kind,code,to,share,state,year,ac_no,source\nsplit,INLD,JJP,0.5,HR,2018,,x\n", encoding="utf-8")
    rc, _, err = run(capsys, "project", "--dataset", folder, "--baseline", "vs2014", "--assign-all", "contested",
                     "--lineage", lin)
    assert rc == 2 and "lin.csv" in err and "add up to" in err      # the heirs' shares must add up to 1
    lin.write_text("kind,code,to,share,state,year,ac_no,source\nsplit,INLD,JJP,1,HR,2018,,x\n", encoding="utf-8")
    rc, out, err = run(capsys, "project", "--dataset", folder, "--baseline", "vs2014", "--assign-all", "contested",
                       "--lineage", lin, "--json")
    seats = json.loads(out)["seats"]
    # all of INLD's 2014 vote is JJP's; the file is added to the shipped table, whose merger of HJC(BL)
    # into INC stays: INC takes 4 of INLD's 19 seats (Loharu: INC 32,026 + HJC(BL) 19,599 > INLD 40,693)
    assert rc == 0 and seats["JJP"] == 15 and "INLD" not in seats and "HJCBL" not in seats


def test_a_data_set_keeps_its_own_lineage(capsys, tmp_path):
    lin = tmp_path / "lin.csv"
    lin.write_text("kind,code,to,share,state,year,ac_no,source\n"
                   "split,INLD,JJP,1,HR,2018,,assumption for this test\n", encoding="utf-8")
    out = tmp_path / "hr"
    rc, _, err = run(capsys, "dataset", "build", "--name", "HR", "--lokdhaba", LOKDHABA, "--lineage", lin, "-o", out)
    assert rc == 0, err
    assert json.loads((out / "dataset.json").read_text(encoding="utf-8"))["lineage"] == "lineage.csv"
    ds = load_dataset(out)
    # its own split of INLD replaces the shipped one's two heirs; the rest of the shipped table stays
    from explorer.core.successors import shipped_lineage
    assert ds.version == 0 and len(ds.imports.lineage.events) == len(shipped_lineage().events) - 1
    sc = Scenario(ds)
    sc.assign_all("contested")
    sc.set_assumptions(sc.assumptions.with_baseline("vs2014"))
    seats = Engine(ds).evaluate(sc).projection.seats_by_party()
    # as on the command line: HJC(BL) merged into INC (the shipped row), INC takes 4 of INLD's 19 seats
    assert seats == {"BJP": 45, "INC": 24, "JJP": 15, "IND": 5, "SAD": 1}
    ds.imports.set_lineage(read_lineage(lin.read_bytes()))       # its own table alone, as before: no merger
    assert Engine(ds).evaluate(sc).projection.seats_by_party() == {"BJP": 47, "JJP": 19, "INC": 15, "IND": 5,
                                                                   "HJCBL": 2, "BSP": 1, "SAD": 1}
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,code,to,share,state,year,ac_no,source\nsplit,INLD,JJP,2,HR,2018,,x\n", encoding="utf-8")
    rc, _, err = run(capsys, "dataset", "build", "--name", "HR", "--lokdhaba", LOKDHABA, "--lineage", bad,
                     "-o", tmp_path / "no")
    assert rc == 2 and "bad.csv, line 2" in err and not (tmp_path / "no").exists()


def test_a_newest_election_that_writes_gen_everywhere_does_not_unreserve_a_seat(tmp_path):
    rows = list(csv.reader(io.StringIO(LOKDHABA.read_text(encoding="utf-8"))))
    head = rows[0]
    y, t = head.index("Year"), head.index("Constituency_Type")
    for r in rows[1:]:
        if r[y] == "2019":
            r[t] = "GEN"          # as the corpus's Jharkhand 2024 rows have it
    f = tmp_path / "gen.csv"
    with f.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    ds = build_dataset(tmp_path / "out", name="HR", lokdhaba=str(f))
    assert int(ds.seats.is_sc.sum()) == 17       # 2009 and 2014 say SC for the 17 seats


def test_the_dialog_takes_a_lok_dhaba_file_without_a_seat_list(qtbot, tmp_path):
    from explorer.gui.dialogs.new_dataset_dialog import NewDatasetDialog
    dlg = NewDatasetDialog()
    qtbot.addWidget(dlg)
    dlg.add_results(str(LOKDHABA))
    assert dlg.results.item(0, 0).text() == "lokdhaba"
    dlg.name.setText("Haryana from Lok Dhaba")
    out = tmp_path / "hr"
    dlg.out.setText(str(out))
    req = dlg.request()
    assert req["lokdhaba"] == str(LOKDHABA) and req["seats_file"] is None and req["results"] == []
    dlg.start_build()
    qtbot.waitUntil(lambda: not dlg.building, timeout=30000)
    assert dlg.built == str(out) and list(load_dataset(out).baselines) == ["vs2009", "vs2014", "vs2019"]


def test_a_lok_dhaba_file_saved_by_excel_on_windows(tmp_path):
    # Excel's plain "CSV" on Windows: Windows-1252, CRLF line ends (a candidate's name with an é)
    text = LOKDHABA.read_text(encoding="utf-8").replace("LATIKA SHARMA", "LATIKA SHARMÉ", 1)
    f = tmp_path / "excel.csv"
    f.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    notes: list[str] = []
    ds = build_dataset(tmp_path / "out", name="HR", lokdhaba=str(f), report=notes)
    assert list(ds.baselines) == ["vs2009", "vs2014", "vs2019"]
    assert any("read as Windows-1252 (first non-ASCII: 'É'" in n and "CRLF line ends" in n for n in notes)
    assert "LATIKA SHARMÉ" in set(ds.baselines["vs2014"].candidates["candidate"])
