"""The optimiser's text output when it stopped before finding any split (issue 27 item 3's
crash): it says so, with the scenario's own figures, instead of formatting None."""
from explorer.cli import optimise as cli_optimise
from explorer.cli import main
from explorer.core.dataset_io import load_embedded


def test_text_of_an_answer_without_a_split():
    d = {"objective": "seats", "draws": 4000, "status": "time_limit",
         "note": "no split found within the time limit of 0.0001 s", "expected_alliance": None, "p_majority": None,
         "current": {"expected_alliance": 37.726, "p_majority": 0.2855}, "frontier": [], "solve_ms": 14.0,
         "prepare_ms": 47.0, "majority": 46}
    text = cli_optimise._text(d, None, load_embedded("haryana"))
    assert text.splitlines()[1] == ("  no split found; the scenario stays as it is (expected alliance seats 37.7, "
                                    "P(majority) 29 %)")


def test_a_time_limit_too_short_for_any_split_is_no_crash(capsys):
    assert main(["optimise", "--time-limit", "0.0001", "--soft", "hooda-nominees"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Optimise (seats") and "Traceback" not in err
