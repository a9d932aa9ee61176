"""A poll's own error as an assumption: saved and read back (and missing from older files), checked
when read, driving the uncertainty's draws, and set in the Assumptions dock as one undo step."""
from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import Qt

from explorer.core import uncertainty as U
from explorer.core.assumptions import Assumptions
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.errors import DataError
from explorer.core.poll import poll_swings
from explorer.core.scenario import Scenario
from explorer.core.scenario_json import load_scenario, save_scenario, scenario_from_json

from .helpers import congress_everywhere, open_window

DS = load_embedded()
# Haryana 2024's real statewide shares (baseline_vs2024.csv) as the poll, on the 2019 baseline
POLL = {"BJP": 39.94, "INC": 39.09, "INLD": 4.14}


def polled(error: float = 0.0) -> Scenario:
    sc = Scenario(DS, assumptions=Assumptions.make("vs2019"))
    sc.assign_all("INC")
    a = sc.assumptions.with_poll(POLL, poll_swings(DS.baseline("vs2019").candidates, POLL))
    sc.set_assumptions(a.with_poll_error(error))
    return sc


def test_the_polls_error_is_saved_read_back_and_stated(tmp_path):
    sc = polled(2.5)
    save_scenario(sc, tmp_path / "p.json")
    doc = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert doc["assumptions"]["poll_error"] == 2.5 and doc["assumptions"]["poll"]["BJP"] == 39.94
    back = load_scenario(DS, tmp_path / "p.json")
    assert back.assumptions == sc.assumptions and back.assumptions.poll_error == 2.5
    # where the poll is stated (the brief's and the text report's assumptions line): with its error
    assert "poll BJP 39.94 %, INC 39.09 %, INLD 4.14 % ± 2.5 pts (its own error)" in back.assumptions.describe(("INC",))
    # set, every other assumption kept; a change of the transfer or swing keeps the error
    assert sc.assumptions.with_swing("JJP", -1).poll_error == 2.5
    assert sc.assumptions.with_transfer("AAP", "INC", 0.7).poll_error == 2.5
    assert sc.assumptions.with_poll({}, {}).poll_error == 2.5     # an assumption of its own


def test_a_file_without_the_polls_error_loads_as_a_perfect_poll(tmp_path):
    # written as the app wrote it before the field existed: a poll, no "poll_error"
    sc = polled(0.0)
    save_scenario(sc, tmp_path / "old.json")
    doc = json.loads((tmp_path / "old.json").read_text(encoding="utf-8"))
    assert "poll_error" not in doc["assumptions"]          # 0 is not written: an older app reads the file alike
    back = scenario_from_json(DS, doc, "old.json")
    assert back.assumptions.poll_error == 0.0 and back.assumptions.poll == POLL
    assert "its own error" not in back.assumptions.describe(("INC",))


@pytest.mark.parametrize("bad", [25, -1, "2", True, 20.5])
def test_a_bad_polls_error_is_refused_with_its_place_and_bounds(bad):
    doc = polled(1.0).to_json()
    doc["assumptions"]["poll_error"] = bad
    with pytest.raises(DataError) as e:
        scenario_from_json(DS, doc, "p.json")
    msg = " ".join(f"{p.message}" for p in e.value.problems) + str(e.value)
    assert "assumptions.poll_error" in msg and "from 0 to 20" in msg
    with pytest.raises(ValueError, match="from 0 to 20 points"):
        Assumptions.make("vs2019").with_poll_error(bad)


def seat_ranges(error: float, draws: int = 2000) -> dict[str, int]:
    """Each party's 80 % range width (seats) with the poll at this error, as the window draws it."""
    sc = polled(error)
    ev = Engine(DS).evaluate(sc)
    params = U.with_assumed_poll(U.params_for(DS)[0], sc.assumptions, sc.bloc_name)
    assert params.poll_sd == pytest.approx(error / 100.0)
    summ = U.Simulator(ev.projector, DS, params, draws).run(sc.pool.astype(np.int64), DS.majority)
    return {p: r["p90"] - r["p10"] for p, r in U.party_intervals(summ).items()}


def test_the_interval_widens_as_the_polls_error_rises():
    w0, w3, w6 = seat_ranges(0.0), seat_ranges(3.0), seat_ranges(6.0)
    # the same draws (common random numbers), the poll's shares drawn wider: BJP's and INC's ranges widen
    for party in ("BJP", "INC"):
        assert w0[party] < w3[party] < w6[party], (party, w0[party], w3[party], w6[party])


def test_the_polls_error_is_set_in_the_assumptions_dock(qtbot):
    sc = congress_everywhere()
    w = open_window(qtbot, sc)
    live = w.analysis.live
    qtbot.waitUntil(lambda: live.figures is not None and not live.stale, timeout=20000)
    a = w.assumptions_panel
    assert a.set_poll("BJP=39.94, Congress=39.09")
    qtbot.waitUntil(lambda: not live.stale and bool(live.sim.params.poll), timeout=20000)
    assert live.sim.params.poll_sd == 0.0
    steps, jobs = w.doc.undo_stack.count(), live.jobs_done
    spin = a.poll_error_spin
    assert spin.value() == 0.0 and spin.maximum() == 20.0
    # typed into the spin box: one change, one undo step, however many keys
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "3.5")
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    assert w.doc.scenario.assumptions.poll_error == 3.5
    assert w.doc.undo_stack.count() == steps + 1
    assert w.doc.undo_stack.undoText() == "Poll's own error ± 3.5 pts"
    # the live uncertainty draws the poll's shares ± 3.5 points, and the dock says so
    qtbot.waitUntil(lambda: live.jobs_done > jobs and not live.stale, timeout=20000)
    assert live.sim.params.poll_sd == pytest.approx(0.035)
    assert "± 3.5 points" in w.analysis.panel.wide_note.text()
    assert "± 3.5 points of each statewide share" in live.figures.model["note"]
    # refused outside its bounds, the reason under the poll, nothing changed
    assert not a.set_poll_error(25.0)
    assert "from 0 to 20 points" in a.poll_error.text() and w.doc.scenario.assumptions.poll_error == 3.5
    w.doc.undo_stack.undo()
    assert w.doc.scenario.assumptions.poll_error == 0.0 and spin.value() == 0.0
    assert w.doc.scenario.assumptions.poll == {"BJP": 39.94, "INC": 39.09}


def test_the_exports_and_the_model_note_state_the_polls_error():
    from explorer.core.exports import assumption_rows
    sc = polled(2.0)
    rows = dict(assumption_rows(sc))
    assert rows["Poll BJP (% of the valid vote)"] == 39.94 and rows["Poll's own error (points of each share)"] == 2.0
    notes = U.model_notes(U.with_assumed_poll(U.params_for(DS)[0], sc.assumptions, sc.bloc_name))
    assert notes["poll_error"] == 2.0 and "set here: ± 2 points of each statewide share" in notes["note"]
    assert notes["short_note"] == "With the poll ± 2 points (its own error, as set)"
    # at the 'high' level the spreads, the poll's error among them, are x1.5; the note says what was set
    high = U.model_notes(U.with_assumed_poll(U.params_for(DS, "high")[0], sc.assumptions, sc.bloc_name))
    assert high["poll_error"] == 2.0
    perfect = U.model_notes(U.with_assumed_poll(U.params_for(DS)[0], polled(0.0).assumptions))
    assert "poll_error" not in perfect and "the poll's own error is not in the range" in perfect["short_note"]
