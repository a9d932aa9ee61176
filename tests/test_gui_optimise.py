"""Optimise… in the window: the dialog on Haryana's 2024-talks rules, run off the GUI thread,
applied as one undo step."""
from __future__ import annotations

import numpy as np

from PySide6.QtWidgets import QLabel

from explorer.gui.dialogs.optimise_dialog import OptimiseDialog

from .helpers import congress_everywhere, open_window

KALAYAT = 16


def run(qtbot, d):
    d.draws.setValue(1000)
    d.run()
    assert d.running and not d.run_btn.isEnabled()     # the solve is on another thread
    qtbot.waitUntil(lambda: not d.running, timeout=60000)


def test_all_hard_is_infeasible_and_names_the_conflict(qtbot):
    w = open_window(qtbot, congress_everywhere())
    d = OptimiseDialog(w.doc, (), parent=w)
    qtbot.addWidget(d)
    # the faction claim starts soft, and the dialog says why before Run
    assert d.request().soft == {"hooda-nominees": 0.5}
    assert "Faction claims start soft" in d.findChild(QLabel, "optimise_soft_note").text()
    d.set_soft("hooda-nominees", False)
    run(qtbot, d)
    assert d.result.status == "infeasible"
    assert d.result.conflicting_rules == ["hooda-nominees", "aap-kalayat"]
    assert "hooda-nominees, aap-kalayat (over 16 Kalayat)" in d.status.text()
    assert not d.apply_btn.isEnabled()


def test_hooda_claim_soft_applies_as_one_undo_step(qtbot):
    w = open_window(qtbot, congress_everywhere())
    before = w.doc.scenario.pool.copy()
    steps = w.doc.undo_stack.count()
    w.hub.set([1, 2])
    d = OptimiseDialog(w.doc, w.selected_seats(), parent=w)
    qtbot.addWidget(d)
    d.set_soft("hooda-nominees")
    assert d.request().soft == {"hooda-nominees": 0.0} and d.request().locked == (1, 2)
    run(qtbot, d)
    res = d.result
    assert res.status == "optimal" and res.broken == {"hooda-nominees": [KALAYAT]}
    moved = int((res.pools != before).sum())
    assert moved > 0 and d.changes.rowCount() == moved and d.changes_label.text() == f"Seats that change: {moved}"
    # side by side: the figures of the current split and of the proposal
    fig = {d.figures.item(r, 0).text(): (d.figures.item(r, 1).text(), d.figures.item(r, 2).text())
           for r in range(d.figures.rowCount())}
    # the rules by what they say, not their file ids; the figures with the draws they are counted on
    assert fig["AAP must have: Kalayat"] == ("broken: Kalayat", "kept")
    assert fig["Hooda camp (INC) nominees: Jind, Pehowa, Kalayat (soft)"] == ("kept", "broken: Kalayat")
    assert fig["Seats AAP"] == ("0", str(int((res.pools == 0).sum())))
    assert fig[f"Expected alliance seats ({d.request().draws:,} draws)"][1] == f"{res.expected_alliance:.1f}"
    assert d.apply()
    assert w.doc.undo_stack.count() == steps + 1
    np.testing.assert_array_equal(w.doc.scenario.pool, res.pools)
    assert w.doc.scenario.pool[0] == before[0] and w.doc.scenario.pool[1] == before[1]   # locked
    # every hard rule holds in the window's own evaluation
    msgs = [c.message for c in w.doc.evaluation.conflicts if c.severity == "error"]
    assert msgs == ["Kalayat: Hooda camp nominee seat given to AAP"]      # the soft rule only
    w.doc.undo_stack.undo()
    np.testing.assert_array_equal(w.doc.scenario.pool, before)
    assert w.doc.undo_stack.count() == steps + 1 and w.doc.undo_stack.index() == steps


def test_the_action_is_in_the_scenario_menu(qtbot):
    w = open_window(qtbot, congress_everywhere())
    menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Scenario")
    assert "&Optimise…" in [a.text() for a in menu.actions()]


def test_an_answer_stopped_before_a_split_says_so_with_the_scenarios_figures(qtbot):
    from explorer.core import optimise as O
    w = open_window(qtbot, congress_everywhere())
    d = OptimiseDialog(w.doc, (), parent=w)
    qtbot.addWidget(d)
    d._req = d.request()
    d.result = O.Proposal("time_limit", "seats", None, None, None,
                          stopped="stopped at the time limit of 10 s while simulating the pool variants (1 of 3 done)",
                          current_figures=(37.726, 0.2855))
    d.show_result()
    assert d.status.text() == ("No split found: stopped at the time limit of 10 s while simulating the pool variants "
                               "(1 of 3 done). The scenario stays as it is: 37.7 expected alliance seats, "
                               "P(majority) 29 %.")
    assert not d.apply_btn.isEnabled()


def test_the_default_run_proposes_and_the_bounds_rule_says_how_many(qtbot):
    """Opened as it is, the dialog runs to a proposal (the faction claim soft); a seat-bounds
    rule broken reads 'AAP has 0 seats, below its bound of 5', not a list of Congress seats."""
    w = open_window(qtbot, congress_everywhere())
    d = OptimiseDialog(w.doc, (), parent=w)
    qtbot.addWidget(d)
    run(qtbot, d)
    assert d.result.status == "optimal"
    fig = {d.figures.item(r, 0).text(): (d.figures.item(r, 1).text(), d.figures.item(r, 2).text())
           for r in range(d.figures.rowCount())}
    now = fig["AAP seats: 5–10 (asked 10 · offered 5–7)"][0]
    assert now.startswith("broken: AAP has 0 seats, below its bound of 5"), now
    assert "Kalka" not in now


def test_a_baseline_where_a_partner_did_not_stand_is_named_before_run(qtbot):
    w = open_window(qtbot, congress_everywhere())
    d = OptimiseDialog(w.doc, (), parent=w)        # the 2019 Vidhan Sabha: AAP stood in 46 seats
    qtbot.addWidget(d)
    assert d.baseline_warning.text().startswith("In the baseline (Vidhan Sabha 2019) some partners had no candidate: "
                                                "AAP in 44 of 90 seats")
    w.doc.set_assumptions(w.doc.scenario.assumptions.with_baseline("ls2024"), "to ls2024")
    d2 = OptimiseDialog(w.doc, (), parent=w)
    qtbot.addWidget(d2)
    t = d2.baseline_warning.text()
    assert "AAP in 81 of 90 seats" in t and "INC in 9 of 90 seats" in t and "who stood in that election" in t


def test_the_figures_show_every_row_whole_and_each_rule_its_every_line(qtbot):
    # the figures table was a dozen rows in a box of eight and a half (a half row, a scroll bar)
    # with the seats that change below in room to spare; a rule's description of two lines lost
    # its third line (the kind and id) to "…"
    w = open_window(qtbot, congress_everywhere())
    w.show()
    d = OptimiseDialog(w.doc, (), parent=w)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(d.isVisible)
    run(qtbot, d)
    f = d.figures
    rows = sum(f.rowHeight(r) for r in range(f.rowCount()))
    assert f.rowCount() >= 10
    assert f.viewport().height() >= rows and f.verticalScrollBar().maximum() == 0
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyle
    t = d.rules
    fm = t.fontMetrics()
    pad = 2 * (t.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 1

    def whole(r: int) -> bool:        # the rule's text wrapped at its column's room fits its row
        rect = fm.boundingRect(0, 0, t.columnWidth(0) - pad, 10_000, int(Qt.TextFlag.TextWordWrap), t.item(r, 0).text())
        return t.rowHeight(r) >= rect.height() >= 2 * fm.lineSpacing()
    assert all(whole(r) for r in range(t.rowCount()))
    wide = t.columnWidth(0)
    d.resize(d.width() - 200, d.height())     # narrower: the rows follow their column
    qtbot.waitUntil(lambda: t.columnWidth(0) < wide and all(whole(r) for r in range(t.rowCount())))


def test_seats_no_partner_can_win_are_said_to_be_only_given_a_candidate():
    # Tamil Nadu: nine Unassigned seats to DMK at 0 % and 0 % were listed as the proposal's changes
    from explorer.gui.dialogs.optimise_dialog import hopeless_note
    assert hopeless_note([0.0, 0.001, 0.3], [0.004, 0.0, 0.45]) == (
        " 2 of the 3 seats that change no partner can win (P(win) under 0.5 % either way): "
        "the proposal gives them a candidate, nothing more.")
    assert hopeless_note([0.0] * 9, [0.0] * 9).startswith(" All the seats that change no partner can win")
    assert hopeless_note([0.002], [0.0]) == (" The seat that changes no partner can win (P(win) under 0.5 % "
                                             "either way): the proposal gives it a candidate, nothing more.")
    assert hopeless_note([0.0, 0.3], [0.006, 0.4]) == ""      # 0.6 % is a chance, however small
    assert hopeless_note([], []) == ""
