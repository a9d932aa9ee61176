"""Help ▸ Getting started: the first five things to do, written for the scenario in front (its
partners, its closest seat, its conflicts, its tipping seats), so the tutorial never talks
about Haryana while Jharkhand is open (issue 26). The window adds a picture of itself to each
step (gui/dialogs/help_dialog.py); ``part`` names what the picture shows."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .engine import Evaluation
from .scenario import Scenario
from .uncertainty import majority_outlook

PARTS = ("scoreboard", "table and pools", "conflicts", "uncertainty", "walk-away")


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    part: str       # one of PARTS


def _points(margin: float) -> str:
    m = abs(margin)
    return "less than 0.1 points" if m < 0.05 else f"{m:.1f} points"


def closest_seat(sc: Scenario, ev: Evaluation) -> int:
    """The index of the seat whose projected alliance margin is nearest zero (first by number)."""
    return int(np.argsort(np.abs(ev.alliance_margin), kind="stable")[0])


def first_steps(sc: Scenario, ev: Evaluation, p_majority: float | None = None,
                interval: tuple[int, int, int] | None = None, tipping: list[int] | None = None,
                expected: int | None = None) -> list[Step]:
    """``expected``: the headline's point, the alliance's expected seats (core.uncertainty's
    ``alliance_headline``); without it, with the simulated figures, their median is said."""
    v, P, seats = ev.verdict, sc.pools, sc.seats
    codes = [p.code for p in P.partners]
    alliance = " and ".join(codes) if len(codes) <= 3 else ", ".join(codes[:-1]) + " and " + codes[-1]
    if p_majority is not None and interval is not None:
        o = majority_outlook(p_majority)
        point = (f"is expected to win {expected} of {v.seats} seats (the average of thousands of simulated "
                 f"elections)" if expected is not None else
                 f"wins a median {interval[0]} of {v.seats} seats in thousands of simulated elections")
        text = (f"The alliance of {alliance} {point}; {v.majority} are needed. In 80 % of the simulated elections "
                f"it wins {interval[1]}–{interval[2]}; it reaches the majority in {o.percent} of them ({o.words}). "
                f"The figure is green only when the majority is likely, red when it is unlikely, amber between. "
                f"Beside it, “leads in {v.alliance}” counts the seats where the alliance is ahead on the projected "
                f"votes: a count of today's leads, not a forecast.")
    else:
        text = (f"The alliance of {alliance} leads in {v.alliance} of {v.seats} seats on the projected votes; "
                f"{v.majority} are needed. Once the simulated elections are computed, the big figure becomes the "
                f"seats it is expected to win, with the 80 % range and P(majority) beside it saying how sure "
                f"that is.")
    steps = [Step("Read the headline", text, "scoreboard")]
    i = closest_seat(sc, ev)
    ac, name = int(seats.ac_no[i]), seats.names[i]
    pool = int(sc.pool[i])
    target = next((k for k in range(P.n_partners) if k != pool), 0)
    key = f"Ctrl+{target + 1}" if target < 9 else "the Assign menu"
    winner = ev.projection.parties[ev.projection.winner[i]]
    steps.append(Step("Move a seat",
                      f"{ac} {name} is the closest seat: it is in {P.label(pool)} and projected to {winner} by "
                      f"{_points(float(ev.alliance_margin[i]))}. Drag it from the table (or its pool) onto "
                      f"the {P.label(target)} pool, or select it and press {key}. Every change is one undo step "
                      f"(Ctrl+Z); the headline, the map and the conflicts follow at once.", "table and pools"))
    if ev.conflicts:
        c = ev.conflicts[0]
        broken = sum(1 for x in ev.conflicts if x.severity == "error")
        text = (f"{len(ev.conflicts)} conflict{'s' if len(ev.conflicts) != 1 else ''} with the talks' rules now"
                f" ({broken} broken), for example: “{c.message}”. Click one to select its seats everywhere; "
                f"the Rules tab edits the rules.")
    else:
        text = "This split breaks none of the talks' rules. The Rules tab adds demands, bounds and faction claims."
    steps.append(Step("Check the conflicts", text, "conflicts"))
    if tipping:
        names = ", ".join(f"{a} {seats.names[seats.index_of(a)]}" for a in tipping[:3])
        tip = f" The seats that most often decide the majority now: {names}."
    else:
        tip = ""
    steps.append(Step("See how sure it is",
                      "The Uncertainty tab shows the alliance's seats over thousands of simulated elections, "
                      f"the majority line and the 80 % band; the table's P(win) column sorts the closest seats "
                      f"first.{tip}", "uncertainty"))
    steps.append(Step("Ask for advice, then share",
                      "Scenario ▸ Optimise… proposes a split under the rules (make a rule soft to let it be "
                      "broken at a price); Walk-away says whether the alliance is worth it to each partner. "
                      "File ▸ Export writes the one-page brief and the negotiation sheet; File ▸ Print prints "
                      "them.", "walk-away"))
    return steps
