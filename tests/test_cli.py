"""The command line, run in-process and as a real process."""
import json
import subprocess
import sys

from explorer.cli import main


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_project_text(capsys):
    rc, out, _ = run(capsys, "project", "--baseline", "ls2024", "--assign-all", "INC",
                     "--assign", "AAP=12,14,15,Kalayat", "--transfer", "1")
    assert rc == 0
    assert "Seats led on the projected votes: BJP 44, INC 42, AAP 4" in out
    # no simulated elections asked for: the count the alliance leads in, named as such
    assert ("Alliance: leads in 46 of 90 on the projected votes (reaches the majority of 46 on that count; "
            "--draws N adds the expected seats and P(majority))") in out
    assert "[error] Pehowa: Hooda camp nominee seat given to AAP" in out


def test_project_json(capsys):
    rc, out, _ = run(capsys, "project", "--assign-all", "contested", "--transfer", "AAP:INC=0.6",
                     "--swing", "BJP=-2", "--json")
    d = json.loads(out)
    assert rc == 0 and d["majority"] == 46
    assert d["coverage"]["transfer"] == {"AAP>INC": 0.6, "INC>AAP": 0.8}
    assert d["coverage"]["ratio"] == 1.0  # every seat contested: nothing transferred, nothing lost
    assert d["alliance"] == d["seats"].get("INC", 0) + d["seats"].get("AAP", 0)
    assert len(d["per_seat"]) == 90
    assert set(d["per_seat"][0]) == {"ac_no", "name", "reserved", "pool", "winner", "runner_up",
                                       "margin_votes", "margin_pts", "winner_bloc", "fight"}
    assert d["per_seat"][0]["fight"] == ["AAP", "INC"]      # Contested: every partner stands
    assert d["blocs"] == {"Alliance": {"partners": ["AAP", "INC"], "seats": d["alliance"], "ours": True}}
    assert d["alliance"] + d["unaligned_seats"] + d["independent_seats"] == 90
    assert any(c["kind"] == "faction_claim" for c in d["conflicts"])
    assert d["per_pc"]["Kurukshetra"]["contested"] == 9
    assert d["per_district"]["Jind"]["contested"] == 5  # Julana, Safidon, Jind, Uchana Kalan, Narwana
    assert d["partners"]["AAP"] == {"allotted": 0, "fielding": 90, "sc_allotted": 0, "st_allotted": 0}


def test_2019_all_contested_json(capsys):
    rc, out, _ = run(capsys, "project", "--baseline", "vs2019", "--assign-all", "contested", "--json")
    assert json.loads(out)["seats"] == {"BJP": 40, "INC": 31, "JJP": 10, "IND": 7, "INLD": 1, "HLP": 1}


def test_scenario_file_and_bad_inputs(capsys, tmp_path):
    from explorer.core.dataset_io import load_embedded
    from explorer.core.scenario import scenario_from_preset
    p = tmp_path / "deal.json"
    scenario_from_preset(load_embedded(), "AAP's Lok Sabha leads").save(p)
    rc, out, _ = run(capsys, "project", str(p), "--json")
    assert rc == 0 and json.loads(out)["seats"] == {"BJP": 44, "INC": 42, "AAP": 4}
    for argv, msg in [
        (["project", "--swing", "FOO=2"], "no party FOO in baseline vs2024"),
        # NaN was taken: it printed "swing BJP -nan pts" and gave BJP 89 of 90 seats
        (["project", "--swing", "BJP=nan"], "--swing BJP=nan: nan is not a swing of -100 to 100 points"),
        (["project", "--swing", "BJP=-inf"], "-inf is not a swing of -100 to 100 points"),
        (["project", "--transfer", "1.5"], "outside 0-1"),
        (["project", "--assign", "AAP=Narnia"], "unknown seat 'Narnia'"),
        (["project", "--assign-all", "BSP"], "unknown pool 'BSP'"),
        (["project", "--baseline", "ls1999"], "unknown baseline 'ls1999'"),
        (["project", str(tmp_path / "missing.json")], "cannot read"),
        (["project", "--frobnicate"], "unrecognized arguments"),
    ]:
        rc, out, err = run(capsys, *argv)
        assert rc == 2 and msg in err and err.count("\n") == 1, (argv, err)


def test_baseline_file_errors_name_file_and_line(capsys, tmp_path):
    p = tmp_path / "res.csv"
    p.write_text("ac_no,candidate,party,votes\n1,A,BJP,ten\n")
    rc, _, err = run(capsys, "project", "--baseline-file", str(p))
    assert rc == 2 and f"{p}, line 2, votes: expected a whole number of votes, found 'ten'" in err


def test_module_entry_point_runs():
    r = subprocess.run([sys.executable, "-m", "explorer", "project", "--assign-all", "INC", "--json"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["pools"]["INC"] == 90
