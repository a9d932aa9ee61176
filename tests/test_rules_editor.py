"""The rules editor never changes a rule it was not asked to change; a rules file with values
outside the data set's seats is refused when it loads."""
from __future__ import annotations

import json

import pytest

from explorer.core.errors import DataError
from explorer.core.rules import RegionalMinimum, SeatBounds, load_rules_file
from explorer.gui.panels.rule_dialog import RuleDialog

from .helpers import congress_everywhere, open_window


def test_ok_on_an_untouched_rule_gives_the_same_rule(qtbot):
    w = open_window(qtbot, congress_everywhere())
    # bounds 95–500 on 90 seats (a rule made in code, not read from a file)
    rule = SeatBounds("wide", partner="INC", minimum=95, maximum=500, asked=10**30, offered=(3, 7))
    dlg = RuleDialog(w.doc, rule)
    qtbot.addWidget(dlg)
    assert dlg.build() == rule  # not 90–90, and a maximum of 10**30 opens the dialog
    reg = RegionalMinimum("reg", partner="AAP", region_kind="district", region="Jind", minimum=120)
    dlg2 = RuleDialog(w.doc, reg)
    qtbot.addWidget(dlg2)
    assert dlg2.build() == reg


def test_a_field_the_strategist_changes_is_the_only_change(qtbot):
    w = open_window(qtbot, congress_everywhere())
    rule = SeatBounds("b", partner="INC", minimum=5, maximum=500)
    dlg = RuleDialog(w.doc, rule)
    qtbot.addWidget(dlg)
    dlg.lo.setValue(7)
    out = dlg.build()
    assert (out.minimum, out.maximum, out.asked, out.offered) == (7, 500, None, None)


@pytest.mark.parametrize("field,value", [("maximum", 500), ("minimum", 91), ("asked", 10**30)])
def test_a_rules_file_beyond_the_seats_is_refused(tmp_path, haryana, field, value):
    from explorer.core.pools import Pools
    doc = {"format": "seat-share-explorer/rules", "schema_version": 1,
           "rules": [{"id": "b", "kind": "seat_bounds", "partner": "INC", "minimum": 1, "maximum": 10} | {field: value}]}
    p = tmp_path / "rules.json"
    p.write_text(json.dumps(doc))
    with pytest.raises(DataError) as e:
        load_rules_file(p, haryana.seats, Pools(haryana.partners))
    assert e.value.count == 1
    assert f"rules[0].{field}: {value} is more than the data set's 90 seats" in e.value.report()
