"""Add partner from a list of the data set's parties (issue 26, item 5): their names, seats and
votes, counted from the published results; what a partner with no seat does to the projection."""
from __future__ import annotations

import pandas as pd
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.partner_choice import adding_effect, party_rows
from explorer.core.scenario import scenario_from_preset
from explorer.gui.dialogs.add_partner_dialog import AddPartnerDialog

from .helpers import open_window

def jharkhand():
    return scenario_from_preset(load_embedded("jharkhand"), "INDIA bloc 2024")


def _published():
    """JLKM's votes and seats counted straight from the shipped baseline file (the published
    results, EVM + postal, one row per candidate)."""
    from explorer.core.paths import resource_root
    d = pd.read_csv(resource_root() / "jharkhand" / "baseline_vs2024.csv")
    top = d.sort_values(["ac_no", "votes"], ascending=[True, False]).groupby("ac_no").head(1)
    return int(d.loc[d["party"] == "JLKM", "votes"].sum()), int((top["party"] == "JLKM").sum())


def test_the_list_has_the_baselines_parties_with_seats_and_votes():
    sc = jharkhand()
    rows = party_rows(sc)
    codes = [r.code for r in rows]
    assert codes[0] == "BJP" and not {"JMM", "INC", "RJD", "CPI(ML)L", "IND", "NOTA"} & set(codes)
    assert [r.votes for r in rows] == sorted((r.votes for r in rows), reverse=True)
    jlkm = next(r for r in rows if r.code == "JLKM")
    assert jlkm.name == "Jharkhand Loktantrik Krantikari Morcha"
    assert (jlkm.votes, jlkm.seats) == _published()


def test_a_partner_with_no_seat_changes_the_projection_and_says_why():
    sc = jharkhand()
    e = adding_effect(sc, "JLKM")
    assert e.alliance_before == Engine(sc.dataset).evaluate(sc).verdict.alliance == 56
    assert e.alliance_after > e.alliance_before and e.changes
    assert e.transfer == sc.assumptions.transfer_rate("JLKM", "JMM") or e.transfer > 0
    text = e.explain()
    assert f"the alliance leads in 56 → {e.alliance_after} seats" in text and "transfer matrix" in text
    assert f"{e.changes[0].name} to {e.changes[0].after}" in text
    assert "It is given no seat to contest yet" in text        # not "no seat" beside its seats won
    # the scenario itself is untouched
    assert [p.code for p in sc.pools.partners] == ["JMM", "INC", "RJD", "CPI(ML)L"]


def test_the_dialog_adds_the_party_chosen_from_the_list(qtbot, monkeypatch):
    w = open_window(qtbot, jharkhand())
    made = []

    def fake_exec(dlg):
        made.append(dlg)
        # the example is this baseline's own largest party that is no partner (BJP in Jharkhand)
        assert dlg.search.placeholderText() == f"Code or name, e.g. {dlg.rows[0].code} or {dlg.rows[0].name.split()[0]}"
        assert dlg.rows[0].code == "BJP"
        dlg.search.setText("loktantrik")                  # a part of the ECI name finds JLKM
        assert dlg.chosen() == "JLKM"
        assert "the alliance leads in 56 →" in dlg.effect.text()
        assert dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(AddPartnerDialog, "exec", fake_exec)
    assert w.partners.add()
    assert [p.code for p in w.doc.pools.partners][-1] == "JLKM" and made
    assert w.doc.undo_stack.undoText() == "Add partner JLKM"


def test_an_eci_name_given_for_the_code_is_read_as_the_party(qtbot):
    w = open_window(qtbot, jharkhand())
    assert w.partners.add("AJSU Party")
    assert w.doc.pools.partners[-1].code == "AJSU"
