"""Rebels saved in scenario files: a claim carries a rebel assumption (share r of the claimant's
vote where the claim is denied), saved, loaded and seen by the projection, the uncertainty and
the optimiser; edited in the rule dialog."""
from __future__ import annotations

import json

import numpy as np
import pytest

from explorer.core import optimise as O
from explorer.core import uncertainty as U
from explorer.core.engine import Engine
from explorer.core.errors import DataError
from explorer.core.projection import Rebel
from explorer.core.rules import FactionClaim, MustHave, RuleSet, SeatBounds
from explorer.core.scenario import Scenario

from .test_optimise import HARYANA, LEADS, small_dataset


def two_seats(rebel):
    """Seat 1: AAP 400, INC 300, BJP 500. Seat 2: AAP 300, INC 400, BJP 500; transfers 80 %. AAP must
    have seat 2 and at most 1 seat, so the AAP faction's claim on seat 1 is denied: INC has it.
    No rebel: INC 300 + 0.8 x 400 = 620 against BJP 500 + 0.2 x 400 = 580, won.
    A 20 % rebel takes 80: INC 300 + 0.8 x 320 = 556 against BJP 500 + 0.2 x 320 = 564, lost by 8."""
    ds = small_dataset([(1, "A1", "AAP", 400), (1, "I1", "INC", 300), (1, "B1", "BJP", 500),
                        (2, "A2", "AAP", 300), (2, "I2", "INC", 400), (2, "B2", "BJP", 500)], 2)
    rules = RuleSet("r", (FactionClaim("aap-f", partner="AAP", faction="F", seats=(1,), rebel=rebel),
                          MustHave("aap-2", partner="AAP", seats=(2,)),
                          SeatBounds("aap-max", partner="AAP", maximum=1)))
    sc = Scenario(ds, rules=rules)
    sc.assign([1], "INC")
    sc.assign([2], "AAP")
    return ds, sc


def test_a_denied_claim_with_a_20_percent_rebel_loses_the_seat_through_a_saved_file(tmp_path):
    ds, sc = two_seats(0.2)
    path = tmp_path / "rebel.json"
    sc.save(path)
    doc = json.loads(path.read_text())
    assert doc["rules"]["rules"][0]["rebel"] == 0.2 and "rebel" not in doc["rules"]["rules"][1]
    back = Scenario.load(ds, path)
    assert back.rules.rules[0].rebel == 0.2 and back.rules.rebels() == (Rebel(1, "AAP", 0.2),)
    assert back.to_json() == sc.to_json()
    # the projection: INC 556, BJP 564, the rebel 80 (seat 1 lost); seat 2 AAP's, no rebel there
    ev = Engine(ds).evaluate(back)
    pr = ev.projection
    assert pr.party_of(int(pr.winner[0])) == "BJP" and pr.margin_votes[0] == pytest.approx(8.0)
    v = ev.projector.outcomes.votes[1, 0]
    assert v[1] == pytest.approx(556.0) and v[-1] == pytest.approx(80.0)
    assert pr.party_of(int(pr.winner[1])) == "AAP" and pr.alliance_seats == 1
    # the same split without the rebel wins both
    plain = Engine(ds).evaluate(two_seats(None)[1])
    assert plain.projection.alliance_seats == 2 and "IND" not in plain.projector.prepared.parties
    # the uncertainty (no noise): seat 1 never won
    summ = U.Simulator(ev.projector, ds, U.ZERO, 50).run(back.pool.astype(np.int64), ds.majority)
    assert list(summ.p_alliance) == [0.0, 1.0]
    # the optimiser sees the scenario's rebel without being told: the soft claim costs the seat
    opt = O.Optimiser(ds, back, U.ZERO, draws=20, soft={"aap-f": 0.0})
    assert opt.rebels == (Rebel(1, "AAP", 0.2),)
    r = opt.optimise()
    assert list(r.pools) == [1, 0] and r.expected_alliance == 1.0 and r.broken == {"aap-f": [1]}
    assert O.Optimiser(ds, two_seats(None)[1], U.ZERO, draws=20, soft={"aap-f": 0.0}).optimise().expected_alliance == 2.0
    # a 10 % rebel takes 40: INC 300 + 0.8 x 360 = 588 against BJP 500 + 72 = 572, still won
    ds, sc10 = two_seats(0.1)
    assert Engine(ds).evaluate(sc10).projection.alliance_seats == 2


def test_a_disabled_claim_has_no_rebel_and_the_command_line_overrides_by_seat():
    ds, sc = two_seats(0.2)
    from dataclasses import replace
    off = RuleSet("r", (replace(sc.rules.rules[0], enabled=False),) + sc.rules.rules[1:])
    assert off.rebels() == ()
    opt = O.Optimiser(ds, sc, U.ZERO, draws=20, soft={"aap-f": 0.0}, rebels=(Rebel(1, "AAP", 0.1),))
    assert opt.rebels == (Rebel(1, "AAP", 0.1),)
    assert O.rebels_from(sc, {"aap-f": None}) == (Rebel(1, "AAP", 0.2),)    # the rule's own share


def test_older_files_open_unchanged_and_a_bad_share_is_named():
    sc = Scenario.load(HARYANA, LEADS)
    assert sc.rules.rebels() == () and all(getattr(r, "rebel", None) is None for r in sc.rules.rules)
    # the 2024-talks rules (written before rebels) are read and written back exactly as they are
    from explorer.core.scenario import default_rules
    rules = default_rules(HARYANA, sc.pools)
    assert rules.rebels() == () and rules.to_json()["rules"] == HARYANA.rules_doc["rules"]
    ds, two = two_seats(0.2)
    bad = two.to_json()
    bad["rules"]["rules"][0]["rebel"] = 1.5
    with pytest.raises(DataError, match=r"rules\.rules\[0\]\.rebel: a rebel's share of the claimant's vote is 0–1"):
        Scenario.from_json(ds, bad)
    bad["rules"]["rules"][0]["rebel"] = True
    with pytest.raises(DataError, match=r"rules\.rules\[0\]\.rebel"):
        Scenario.from_json(ds, bad)
    with pytest.raises(ValueError, match="outside 0-1"):
        FactionClaim("x", partner="AAP", faction="F", seats=(1,), rebel=-0.1)


def test_rule_dialog_edits_the_rebel_and_the_window_sees_it(qtbot):
    from explorer.gui.panels.rule_dialog import RuleDialog

    from .helpers import congress_everywhere, open_window
    w = open_window(qtbot, congress_everywhere())
    rules = w.doc.scenario.rules
    k, hooda = next((k, r) for k, r in enumerate(rules.rules) if r.id == "hooda-nominees")
    dlg = RuleDialog(w.doc, hooda)
    qtbot.addWidget(dlg)
    assert not dlg.rebel.isChecked() and not dlg.rebel_share.isEnabled() and dlg.rebel_share.value() == 20.0
    from dataclasses import replace
    assert dlg.build() == replace(hooda, seats=(14, 16, 36))    # left alone: no rebel (seats in list order)
    dlg.rebel.setChecked(True)
    assert dlg.rebel_share.isEnabled()
    dlg.rebel_share.setValue(25.0)
    new = dlg.build()
    assert new.rebel == 0.25 and "if denied, a rebel takes 25 % of INC's vote" in new.describe(w.doc.dataset.seats)
    # the Hooda seats are all Congress's now: no rebel stands. Give Kalayat to AAP: a Congress rebel does
    assert w.doc.set_rules(rules.replacing(k, new), "rebel")
    assert w.doc.evaluation.projector.rebels == tuple(Rebel(a, "INC", 0.25) for a in sorted(hooda.seats))
    before = w.doc.evaluation.projector
    w.doc.move([16], "AAP")
    ev = w.doc.evaluation
    i = w.doc.dataset.seats.index_of(16)
    pb = ev.projector.prepared
    assert ev.projector is before and pb.party[i, -1] == pb.party_index["IND"] and ev.projector.outcomes.fielded[0, i, -1]
    inc_swung = ev.projector.swung_partners[i, 1]
    assert ev.projector.outcomes.votes[0, i, -1] == pytest.approx(0.25 * inc_swung)
    # reopened, the dialog shows the rule's share; untouched, it gives the rule back exactly
    dlg2 = RuleDialog(w.doc, new)
    qtbot.addWidget(dlg2)
    assert dlg2.rebel.isChecked() and dlg2.rebel_share.value() == 25.0 and dlg2.build() == new
    dlg2.rebel.setChecked(False)
    assert dlg2.build().rebel is None


def test_rebels_in_the_window_every_view_and_the_live_uncertainty(qtbot):
    """ls2024 with the Hooda claim carrying a 20 % rebel: the rebel slot is one more candidate
    column (an independent) for every view, and the live uncertainty simulates it."""
    from dataclasses import replace

    from explorer.core.scenario import default_rules

    from .helpers import open_window
    sc = Scenario.load(HARYANA, LEADS)
    rules = default_rules(HARYANA, sc.pools)
    k = next(k for k, r in enumerate(rules.rules) if r.id == "hooda-nominees")
    sc.rules = rules.replacing(k, replace(rules.rules[k], rebel=0.2))
    plain_k = Engine(HARYANA).evaluate(Scenario.load(HARYANA, LEADS)).projector.prepared.K
    w = open_window(qtbot, sc, with_chart=True)
    w.show()
    w._attach_chart()
    live = w.analysis.live
    qtbot.waitUntil(lambda: live.figures is not None and not live.figures.stale, timeout=60000)
    ev = w.doc.evaluation
    assert ev.projector.prepared.K == plain_k + 1 and len(ev.projector.rebels) == 3
    for a in (36, 14):                      # Jind and Pehowa to AAP: two Congress rebels stand
        w.doc.move([a], "AAP")
    qtbot.wait(50)
    i = HARYANA.seats.index_of(36)
    assert w.doc.evaluation.projector.outcomes.fielded[0, i, -1]
    qtbot.waitUntil(lambda: not live.figures.stale, timeout=60000)
    assert live.figures.summary.p_win.shape[1] == len(ev.projector.prepared.parties)
