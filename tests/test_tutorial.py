"""Help ▸ Getting started as a short tutorial on the data set in front, with pictures of the
window (issue 26, item 10)."""
from __future__ import annotations

import numpy as np

from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.scenario import scenario_from_preset
from explorer.core.tutorial import PARTS, closest_seat, first_steps

from .helpers import congress_everywhere, open_window


def test_the_steps_speak_of_the_scenario_in_front():
    sc = scenario_from_preset(load_embedded("jharkhand"), "INDIA bloc 2024")
    ev = Engine(sc.dataset).evaluate(sc)
    steps = first_steps(sc, ev, 0.97, (50, 47, 60), [27, 19, 75])
    assert len(steps) == 5 and [s.part for s in steps] == list(PARTS)
    text = " ".join(s.text for s in steps)
    assert "JMM, INC, RJD and CPI(ML)L" in text and "41 are needed" in text
    assert "47–60" in text and "97 %" in text and "likely" in text
    # the headline's point is the simulated elections'; the count led named for what it is
    assert steps[0].text.startswith("The alliance of JMM, INC, RJD and CPI(ML)L wins a median 50 of 81 seats")
    assert "“leads in 56” counts the seats where the alliance is ahead on the projected votes" in steps[0].text
    head = first_steps(sc, ev, 0.97, (50, 47, 60), None, expected=49)[0].text
    assert head.startswith("The alliance of JMM, INC, RJD and CPI(ML)L is expected to win 49 of 81 seats")
    none = first_steps(sc, ev)[0].text
    assert none.startswith("The alliance of JMM, INC, RJD and CPI(ML)L leads in 56 of 81 seats on the projected "
                           "votes; 41 are needed.") and "expected to win" in none and "P(majority) beside" in none and "in 80 % of" not in none.lower()
    i = closest_seat(sc, ev)
    assert abs(ev.alliance_margin[i]) == np.abs(ev.alliance_margin).min()
    assert f"{sc.seats.ac_no[i]} {sc.seats.names[i]} is the closest seat" in text
    assert "27 CHATRA" in text and "Haryana" not in text and "AAP" not in text


def test_getting_started_shows_the_steps_with_pictures_of_this_window(qtbot):
    w = open_window(qtbot, congress_everywhere())
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.analysis.live.figures is not None and not w.analysis.live.stale, timeout=20000)
    help_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Help")
    next(a for a in help_menu.actions() if a.text() == "&Getting started").trigger()
    dlg = w._getting_started
    text = dlg.browser.toPlainText()
    assert text.startswith("Getting started with Haryana Vidhan Sabha")
    assert [s.title for s in dlg.steps][0] == "Read the headline" and "1. Read the headline" in text
    assert f"is expected to win {w.scoreboard.point} of 90 seats" in text      # the scoreboard's point
    # a picture of the scoreboard, the table and pools and the conflicts, as big as the window draws them
    assert {"scoreboard", "table and pools", "conflicts"} <= set(dlg.pictures)
    sb = dlg.pictures["scoreboard"]
    assert sb.width() == min(560, w.scoreboard.width() * w.devicePixelRatio()) or sb.width() == 560
    assert dlg.browser.toHtml().count("<img") == len(dlg.pictures)
