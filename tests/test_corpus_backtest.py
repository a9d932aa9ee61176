"""The leave-one-state-out back-test on the command line: python -m explorer backtest --corpus DIR."""
import json
import shutil
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.core.corpus_backtest import perfect_poll_check, summarise

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "india_assembly"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/data")


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def small(tmp_path):
    for s in ("SK", "PY", "GA"):      # 32, 30 and 40 seats: two transitions each
        shutil.copy(CORPUS / f"{s}.csv", tmp_path / f"{s}.csv")
    return tmp_path


@needs_corpus
def test_json_has_the_issue_s_shape_and_counts_the_real_seats(capsys, small):
    rc, out, err = run(capsys, "backtest", "--corpus", str(small), "--json", "--draws", "300")
    assert rc == 0, err
    d = json.loads(out)
    assert [(t["state"], t["from"], t["to"]) for t in d["transitions"]] == [
        ("GA", 2012, 2017), ("GA", 2017, 2022), ("PY", 2011, 2016), ("PY", 2016, 2021), ("SK", 2009, 2014),
        ("SK", 2014, 2019)]
    sk = d["transitions"][-1]
    assert sk["seats"] == 32
    # seats_won.csv, SK 2019: SKM 17, SDF 15
    assert {n: b["real"] for n, b in sk["blocs"].items()} == {"SKM": 17, "SDF": 15}
    for t in d["transitions"]:
        assert {"brier", "log_loss", "brier_last_bloc", "log_loss_last_bloc"} <= set(t)
        for b in t["blocs"].values():
            assert set(b) >= {"partners", "real", "median", "p10", "p25", "p75", "p90"}
            assert b["p10"] <= b["p25"] <= b["median"] <= b["p75"] <= b["p90"]
    held = sum(b["p10"] <= b["real"] <= b["p90"] for t in d["transitions"] for b in t["blocs"].values())
    assert d["covered80"] == held and d["coverage80"] == round(held / d["bloc_transitions"], 4)
    assert set(d["fitted"]) == {"GA", "PY", "SK"}      # each state fitted on the two others


@needs_corpus
def test_one_state_a_holdout_and_the_perfect_poll(capsys, small):
    rc, out, _ = run(capsys, "backtest", "--corpus", str(small), "--state", "sk", "--holdout", "GA",
                     "--perfect-poll", "--draws", "200")
    assert rc == 0
    assert out.startswith("Leave-one-state-out back-test with a perfect poll: 2 transitions")
    assert "SK 2014->2019" in out and "GA 2012" not in out
    assert "two largest blocs within 10 % of the seats:" in out


@needs_corpus
def test_a_state_outside_the_fit_uses_the_shipped_sizes(capsys, tmp_path):
    shutil.copy(CORPUS / "SK.csv", tmp_path / "ZZ.csv")   # a state the shipped sizes never saw
    rc, out, err = run(capsys, "backtest", "--corpus", str(tmp_path), "--json", "--draws", "200")
    assert rc == 0, err
    shipped = json.loads((ROOT / "resources" / "seat_model.json").read_text())["sizes"]
    assert json.loads(out)["fitted"] == {"ZZ": shipped}


def test_bad_arguments_are_one_line_errors(capsys, tmp_path):
    rc, _, err = run(capsys, "backtest", "--corpus", str(tmp_path), "--from", "vs2019")
    assert rc == 2 and "drop --from, --to and --scenario" in err
    rc, _, err = run(capsys, "backtest")
    assert rc == 2 and "give --from and --to" in err
    (tmp_path / "XX.csv").write_text("year,ac_no,party\n2019,1,BJP\n")
    rc, _, err = run(capsys, "backtest", "--corpus", str(tmp_path))
    assert rc == 2 and "XX.csv, line 1: missing column votes" in err


def test_the_summary_counts_coverage_by_hand():
    rows = [{"state": "XX", "from": 1, "to": 2, "seats": 100, "brier": 0.5, "log_loss": 0.6,
             "brier_deterministic": 1, "log_loss_deterministic": 3, "brier_last_bloc": 1, "log_loss_last_bloc": 0.5,
             "blocs": {"A": {"real": 50, "median": 48, "p10": 40, "p25": 45, "p75": 52, "p90": 60},
                       "B": {"real": 30, "median": 45, "p10": 35, "p25": 40, "p75": 50, "p90": 55}}}]
    s = summarise(rows)
    assert (s["covered80"], s["covered50"], s["bloc_transitions"]) == (1, 1, 2)
    assert s["median_width80"] == 0.2 and s["log_loss_below_coin"] == 1 and s["log_loss_below_last_bloc"] == 0
    assert perfect_poll_check(rows) == {"within": 0, "of": 1, "failures": ["XX 1->2: B 45 v 30"]}


@needs_corpus
def test_without_a_poll_a_split_s_heirs_are_projected_from_even_shares():
    """Haryana 2014 -> 2019 (INLD split in 2018; the table's JJP 0.8586 is counted from 2019's
    result): the back-test without a poll projects the transition's ``blind`` copy (each heir
    half of INLD's 2014 vote), the perfect-poll back-test the table's shares."""
    import copy

    from explorer.core.corpus_backtest import score_transition
    from explorer.core.seat_model import shipped
    from explorer.core.seat_transitions import load_transitions
    t = {(u.from_year, u.to_year): u for u in load_transitions(CORPUS, ["HR"])}[(2014, 2019)]
    sizes, _ = shipped()
    bare = copy.copy(t)
    bare.blind = None
    blind = score_transition(t, sizes, 300, 5, today=False)
    assert blind == score_transition(t.blind, sizes, 300, 5, today=False)
    assert blind != score_transition(bare, sizes, 300, 5, today=False)
    # JJP's median: from half of INLD's vote, fewer seats than from 0.8586 of it
    assert blind["blocs"]["JJP"]["median"] < score_transition(bare, sizes, 300, 5, today=False)["blocs"]["JJP"]["median"]
    poll_sizes, _ = shipped(poll=True)
    assert score_transition(t, poll_sizes, 300, 5, perfect_poll=True, today=False) == \
        score_transition(bare, poll_sizes, 300, 5, perfect_poll=True, today=False)
