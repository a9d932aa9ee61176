"""A poll as a strategist types it and its swings as a strategist reads them (the screenshot
walk-through): a name that cannot be polled is refused with the names that can; our bloc may be
named by the name its partners had in the data set's elections (INDIA) before ours is named; the
swings a poll sets are shown to one decimal with their sign, and kept exact."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox

from explorer.core.assumptions import swing_text, swings_text
from explorer.core.bloc_presets import named_blocs
from explorer.core.dataset_io import load_embedded
from explorer.core.poll import PollError, parse_poll, poll_swings, resolve_keys
from explorer.core.starting import starting_scenario

from .helpers import congress_everywhere, open_window

INDIA = ("JMM", "INC", "RJD", "CPI(ML)L")
NDA = ("BJP", "AJSU", "JD(U)", "LJP(RV)")


def jharkhand_india_2024():
    """Jharkhand's shipped "INDIA bloc 2024" preset: our four partners, no rival set yet, ours
    still called "Alliance"."""
    ds = load_embedded("jharkhand")
    sc = starting_scenario(ds, "INDIA bloc 2024")
    assert (sc.bloc_name, sc.rivals, sc.assumptions.baseline) == ("Alliance", (), "vs2024")
    assert tuple(p.code for p in sc.pools.partners) == INDIA
    return ds, sc


def test_the_names_of_the_data_sets_blocs_are_those_of_the_known_table():
    # resources/alliances.csv: JH 2024 INDIA = JMM|INC|RJD|CPI(ML)L, NDA = BJP|AJSU|JD(U)|LJP(RV); 2019 UPA = JMM|INC|RJD
    ds = load_embedded("jharkhand")
    assert named_blocs(ds) == (("INDIA", INDIA, 2024), ("NDA", NDA, 2024), ("UPA", ("JMM", "INC", "RJD"), 2019))


def test_a_name_that_cannot_be_polled_is_refused_with_the_names_that_can():
    ds, sc = jharkhand_india_2024()
    cand = ds.baselines["vs2024"].candidates
    blocs = {"Alliance": INDIA}
    known = named_blocs(ds)
    # INDIA: the name the 2024 election knew our four partners by, so our bloc
    poll = resolve_keys(parse_poll("INDIA=45"), ds.resolve_party, blocs, known)
    assert poll == {"Alliance": 45.0}
    assert set(poll_swings(cand, poll, blocs, known)) == set(INDIA)
    # the 2019 name is of three of them: not ours, so not taken for ours
    assert resolve_keys({"UPA": 45.0}, ds.resolve_party, blocs, known) == {"UPA": 45.0}
    # NDA is a bloc the data set knows but not one of this scenario: how to make it one, and what works
    poll = resolve_keys(parse_poll("INDIA=45, NDA=38"), ds.resolve_party, blocs, known)
    with pytest.raises(PollError) as e:
        poll_swings(cand, poll, blocs, known)
    # the parties largest first by their 2024 votes (BJP 33.2 %, JMM 23.4 %, INC 15.6 %, JLKM 6.1 %, …; never IND or NOTA)
    parties = "BJP, JMM, INC, JLKM, AJSU, RJD, CPI(ML)L, JD(U)"
    assert str(e.value) == ("NDA (BJP+AJSU+JD(U)+LJP(RV) in 2024) is not a bloc of this scenario: make it a rival "
                            "bloc first, or give its parties' shares. A poll can name the bloc Alliance "
                            f"(JMM+INC+RJD+CPI(ML)L, INDIA in 2024) or a party that stood: {parties} and "
                            f"{cand.loc[~cand['party'].isin(['IND', 'NOTA']), 'party'].nunique() - 8} more")
    # a name no election knew: neither a bloc nor a party that stood
    with pytest.raises(PollError, match=r"^INDIA\+ is neither a bloc of this scenario nor a party that stood in the "
                                        r"baseline\. A poll can name the bloc Alliance \(JMM\+INC"):
        poll_swings(cand, {"INDIA+": 45.0}, blocs, known)
    # the same bloc twice under two names
    with pytest.raises(PollError, match="^INDIA and Alliance both name Alliance: give one$"):
        resolve_keys({"INDIA": 45.0, "Alliance": 40.0}, ds.resolve_party, blocs, known)


def test_the_dock_takes_india_for_our_bloc_and_names_what_works_for_nda(qtbot):
    ds, sc = jharkhand_india_2024()
    w = open_window(qtbot, sc)
    a = w.assumptions_panel
    steps = w.doc.undo_stack.count()
    assert not a.set_poll("INDIA=45, NDA=38")
    assert w.doc.undo_stack.count() == steps and not w.doc.scenario.assumptions.poll
    text = a.poll_error.text()
    assert not a.poll_error.isHidden()
    assert text.startswith("Poll: NDA (BJP+AJSU+JD(U)+LJP(RV) in 2024) is not a bloc of this scenario")
    assert "the bloc Alliance (JMM+INC+RJD+CPI(ML)L, INDIA in 2024) or a party that stood: BJP, JMM, INC" in text
    assert a.set_poll("INDIA=45")
    assert w.doc.scenario.assumptions.poll == {"Alliance": 45.0} and a.poll_error.isHidden()
    assert w.doc.undo_stack.count() == steps + 1


def test_swings_read_to_one_decimal_with_their_sign():
    assert [swing_text(x) for x in (-6.2651, -5.3109, 3.5068, 10.9219, 2.0, 0.0, -0.04)] == \
        ["−6.3", "−5.3", "+3.5", "+10.9", "+2.0", "0", "−0.0"]
    assert swings_text((("BJP", -6.2651), ("INC", -5.3109))) == "BJP −6.3, INC −5.3 pts"


def test_a_polls_swings_show_to_one_decimal_and_stay_exact(qtbot):
    # Haryana 2019, BJP=40, INC=39: BJP +3.5068, INC +10.9219 points where they stand (tests/test_poll.py)
    w = open_window(qtbot, congress_everywhere())
    a = w.assumptions_panel
    assert a.set_poll("BJP=40, INC=39")
    swing = w.doc.scenario.assumptions.swing
    assert swing == {"BJP": 3.5068, "INC": 10.9219}
    assert "swing BJP +3.5, INC +10.9 pts" in w.status.text()
    assert "3.5068" not in w.status.text()
    m = a.swing_model
    rows = {m.index(r, 0).data(): r for r in range(m.rowCount())}
    shown = {p: m.index(r, 1).data() for p, r in rows.items()}
    assert shown["BJP"] == "+3.5" and shown["INC"] == "+10.9" and shown["INLD"] == "0"
    assert m.index(rows["BJP"], 1).data(Qt.ItemDataRole.ToolTipRole) == "BJP: +3.5068 pts exactly (set by the poll)"
    assert m.index(rows["BJP"], 1).data(Qt.ItemDataRole.EditRole) == 3.5068
    # the editor (one decimal) committed as it opened keeps the exact swing; a new value is set
    view = a.swing_view
    delegate = view.itemDelegateForColumn(1)
    idx = m.index(rows["BJP"], 1)
    ed = delegate.createEditor(view.viewport(), None, idx)
    assert isinstance(ed, QDoubleSpinBox)
    delegate.setEditorData(ed, idx)
    assert ed.value() == 3.5
    steps = w.doc.undo_stack.count()
    delegate.setModelData(ed, m, idx)
    assert w.doc.scenario.assumptions.swing["BJP"] == 3.5068 and w.doc.undo_stack.count() == steps
    ed.setValue(-2.5)
    delegate.setModelData(ed, m, idx)
    assert w.doc.scenario.assumptions.swing["BJP"] == -2.5
    assert w.doc.undo_stack.undoText() == "Swing BJP −2.5 pts"
    assert "swing BJP −2.5, INC +10.9 pts" in w.status.text()


def test_project_takes_india_for_our_bloc_and_names_what_works(capsys):
    from explorer.cli import main
    base = ["project", "--dataset", "jharkhand", "--baseline", "vs2024", "--json"]
    assert main(base + ["--poll", "INDIA=45,NDA=38"]) == 2
    err = capsys.readouterr().err
    assert ("--poll: NDA (BJP+AJSU+JD(U)+LJP(RV) in 2024) is not a bloc of this scenario: make it a rival bloc "
            "first, or give its parties' shares. A poll can name the bloc Alliance (JMM+INC+RJD+CPI(ML)L, INDIA in "
            "2024) or a party that stood: BJP, JMM") in err
    assert main(base + ["--poll", "INDIA=45"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["poll"]["shares"] == {"Alliance": 45.0}
    assert set(d["swing"]) == set(INDIA)
