"""The Conflicts dock with no conflict says what is true: with no rule there is nothing to meet
(not "this split meets every rule"), and seats still unassigned are named."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from explorer.core.dataset_io import load_embedded
from explorer.core.rules import RuleSet, SeatBounds
from explorer.core.scenario import Scenario

from .helpers import open_window

NINE = [1, 2, 3, 4, 5, 6, 7, 8, 9]


def test_no_rules_and_nine_seats_unassigned(qtbot):
    sc = Scenario(load_embedded(), name="no rules", rules=RuleSet("none", ()))
    sc.assign_all("INC")
    sc.assign(NINE, "unassigned")
    w = open_window(qtbot, sc)
    p = w.conflict_panel
    assert p.model.rowCount() == 0 and not p.empty.isHidden()
    assert p.empty.text() == "No rules to check: add one in the Rules dock. 9 seats are still unassigned."
    assert "meets every rule" not in p.empty.text() and "#555" in p.empty.styleSheet()
    w.doc.move(NINE[1:], "INC")                 # one left
    QApplication.processEvents()
    assert p.empty.text() == "No rules to check: add one in the Rules dock. 1 seat is still unassigned."
    w.doc.move(NINE[:1], "INC")
    assert p.empty.text() == "No rules to check: add one in the Rules dock."


def test_a_rule_met_says_so_and_names_the_unassigned(qtbot):
    sc = Scenario(load_embedded(), name="one rule",
                  rules=RuleSet("r", (SeatBounds("inc-max", partner="INC", maximum=90),)))
    sc.assign_all("INC")
    w = open_window(qtbot, sc)
    p = w.conflict_panel
    assert p.model.rowCount() == 0
    assert p.empty.text() == "No conflicts: this split meets every rule." and "#1B7F3B" in p.empty.styleSheet()
    w.doc.move(NINE, "unassigned")
    assert p.model.rowCount() == 0
    assert p.empty.text() == "No conflicts: this split meets every rule. 9 seats are still unassigned."
    assert "#555" in p.empty.styleSheet()
