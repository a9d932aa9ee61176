"""The window follows any document: 3- and 4-partner scenarios, File ▸ New from them, tabs
switching between documents of different shapes, and pool moves as row moves."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from explorer.core.dataset_io import load_embedded
from explorer.core.pools import Partner
from explorer.core.scenario import Scenario, default_rules
from explorer.gui.mime import seats_mime

from .helpers import congress_everywhere, open_window

DS = load_embedded()
INLD = Partner("INLD", "Indian National Lok Dal", "#1B5E20")
JJP = Partner("JJP", "Jannayak Janta Party", "#F9A825")
JIND, PEHOWA, KALAYAT = 36, 14, 16


def alliance(*extra: Partner, name="Bigger alliance") -> Scenario:
    sc = Scenario(DS, DS.partners + extra, name=name)
    sc.rules = default_rules(DS, sc.pools)
    sc.assign_all("INC")
    sc.assign([JIND, PEHOWA], extra[-1].code)
    sc.assign([KALAYAT], "AAP")
    return sc


def pool_keys(w):
    return [p.model.pool_key for p in w.pool_panels]


def shown_in(w, key):
    return next(p for p in w.pool_panels if p.model.pool_key == key).model.seats()


def check_shape(w, codes: list[str]):
    """Every panel shows the partners ``codes`` of the document in front."""
    keys = codes + ["contested", "unassigned"]
    assert pool_keys(w) == keys
    assert [t.caption.text().split()[0] for t in w.scoreboard.pool_tiles] == codes + ["Contested", "Unassigned"]
    pcm = w.summary_panel.pc_model
    assert pcm.headers == ["PC"] + codes + ["Contested", "Unassigned", "Led", "Split"]     # shown "Con-\ntested" …
    assert [pcm.headerData(c, Qt.Horizontal, Qt.ToolTipRole) for c in range(1, len(codes) + 3)] == \
        [f"Seats in the {p} pool" for p in codes + ["Contested", "Unassigned"]]
    assert sorted(w.assumptions_panel.transfer_spins) == sorted((f, t) for f in codes for t in codes if f != t)
    assert [a.objectName() for a in w.assign_actions] == [f"assign_{k}" for k in keys]
    assert [w.pool_filter.itemText(i) for i in range(w.pool_filter.count())] == \
        ["All pools"] + codes + ["Contested", "Unassigned"]
    if w.chart_panel is not None:
        assert w.chart_panel.legend_labels() == \
            codes + ["Contested", "Unassigned"]
    doc = w.doc
    fights = doc.scenario.fights
    for r in range(w.seat_model.rowCount()):  # every row's pool cell names its own pool, a fight its partners
        ac = w.seat_model.ac_no(r)
        want = " v ".join(fights[ac]) if ac in fights else doc.pools.label(int(doc.scenario.pool[r]))
        assert w.seat_model.index(r, 6).data() == want


@pytest.mark.parametrize("extra", [(INLD,), (INLD, JJP)], ids=["3 partners", "4 partners"])
def test_a_bigger_alliance_then_file_new(qtbot, extra):
    w = open_window(qtbot, alliance(*extra), with_chart=True)
    w.show()
    qtbot.waitUntil(lambda: w.chart_panel is not None)
    codes = ["AAP", "INC"] + [p.code for p in extra]
    check_shape(w, codes)
    assert shown_in(w, extra[-1].code) == [PEHOWA, JIND]
    assert shown_in(w, "contested") == []  # the last partner's panel lists its own seats
    w.files.new()  # back to the data set's two partners: nothing raises, every panel follows
    check_shape(w, ["AAP", "INC"])
    assert shown_in(w, "unassigned") == list(range(1, 91))
    w.doc.move([JIND], "contested")
    assert shown_in(w, "contested") == [JIND]
    w.tabs.setCurrentIndex(0)
    check_shape(w, codes)
    w.doc.move([KALAYAT], extra[0].code)
    assert KALAYAT in shown_in(w, extra[0].code) and w.doc.scenario.pool_of(KALAYAT) == extra[0].code
    assert w.doc.undo_stack.undoText() == f"Move Kalayat to {extra[0].code}"


def test_tabs_switch_between_shapes_and_keys_follow(qtbot):
    w = open_window(qtbot, congress_everywhere("Two"))
    w.workspace.add(alliance(INLD, JJP, name="Four"))
    w.workspace.add(alliance(INLD, name="Three"))
    for i, codes in ((0, ["AAP", "INC"]), (1, ["AAP", "INC", "INLD", "JJP"]), (2, ["AAP", "INC", "INLD"]),
                     (0, ["AAP", "INC"]), (2, ["AAP", "INC", "INLD"])):
        w.tabs.setCurrentIndex(i)
        check_shape(w, codes)
        assert w.scoreboard.alliance.value.text() and w.status.text().startswith("Majority 46 of 90")
    # in the 3-partner scenario: Ctrl+3 is INLD; Contested and Unassigned keep their own keys
    keys = {a.objectName(): a.shortcut().toString() for a in w.assign_actions}
    assert keys == {"assign_AAP": "Ctrl+1", "assign_INC": "Ctrl+2", "assign_INLD": "Ctrl+3",
                    "assign_contested": "Ctrl+Shift+C", "assign_unassigned": "Ctrl+0"}
    w.hub.set([KALAYAT])
    next(a for a in w.assign_actions if a.objectName() == "assign_INLD").trigger()
    assert w.doc.scenario.pool_of(KALAYAT) == "INLD" and w.doc.scenario.name == "Three"


def test_open_a_three_partner_file_in_a_two_partner_window(qtbot, tmp_path):
    w = open_window(qtbot, congress_everywhere("Two"))
    path = tmp_path / "three.json"
    alliance(INLD).save(path)
    assert w.files.open(str(path))  # no partner guard
    check_shape(w, ["AAP", "INC", "INLD"])
    assert shown_in(w, "INLD") == [PEHOWA, JIND]
    assert json.loads(path.read_text())["partners"][2]["code"] == "INLD"


@pytest.fixture
def model_testers(request):
    """One pytest-qt ModelTester per model: a tester follows the last model it was given."""
    from pytestqt.modeltest import ModelTester
    made = []

    def check_all(models):
        for m in models:
            t = ModelTester(request.config)
            t.check(m, force_py=True)
            made.append(t)
    yield check_all
    for t in made:
        try:
            t._cleanup()
        except RuntimeError:  # the pool models of a rebuilt board are gone with their panels
            pass


def test_four_partner_models_pass_the_model_tester(qtbot, model_testers):
    w = open_window(qtbot, alliance(INLD, JJP))
    # the testers stay connected: everything below flows through them and is checked
    model_testers([w.seat_model, w.proxy, w.summary_panel.pc_model, w.conflict_panel.model,
                   w.assumptions_panel.swing_model, w.rules_panel.model] + [p.model for p in w.pool_panels])
    w.doc.move([1, 2, 3], "JJP")
    w.doc.move([JIND], "contested")
    w.doc.undo_stack.undo()
    w.files.new()  # 2 partners: the pool panels are rebuilt, the other models reshaped
    w.doc.move([1, 2], "AAP")
    w.tabs.setCurrentIndex(0)
    model_testers([p.model for p in w.pool_panels])
    w.doc.move([4, 5], "INLD")
    w.doc.undo_stack.undo()
    assert w.doc.scenario.seats_in("JJP") == [1, 2, 3, PEHOWA, JIND]


def test_a_move_between_pools_is_rows_removed_and_inserted_not_a_reset(qtbot):
    w = open_window(qtbot, alliance(INLD))
    src = next(p for p in w.pool_panels if p.model.pool_key == "INC").model
    dst = next(p for p in w.pool_panels if p.model.pool_key == "INLD").model
    seen = []
    for m, name in ((src, "INC"), (dst, "INLD")):
        m.modelReset.connect(lambda name=name: seen.append((name, "reset")))
        m.rowsRemoved.connect(lambda _p, a, b, name=name: seen.append((name, "removed", a, b)))
        m.rowsInserted.connect(lambda _p, a, b, name=name: seen.append((name, "inserted", a, b)))
    n_inc = len(src.seats())
    dst.dropMimeData(seats_mime([1, 2, 3, 50]), Qt.MoveAction, -1, -1, dst.index(-1))
    # INC held every seat but Kalayat (16), Pehowa (14), Jind (36): 1-3 are its rows 0-2, 50 its row 46
    assert seen == [("INC", "removed", 46, 46), ("INC", "removed", 0, 2),
                    ("INLD", "inserted", 0, 2), ("INLD", "inserted", 5, 5)]
    assert dst.seats() == [1, 2, 3, PEHOWA, JIND, 50] and len(src.seats()) == n_inc - 4
    seen.clear()
    w.doc.undo_stack.undo()
    assert ("INC", "reset") not in seen and ("INLD", "reset") not in seen
    assert dst.seats() == [PEHOWA, JIND]


def test_a_jharkhand_file_opens_beside_haryana_and_tabs_switch_between_them(qtbot, tmp_path):
    from explorer.core.dataset_io import resource_root
    w = open_window(qtbot, congress_everywhere("Haryana"), with_chart=True)
    w.show()
    qtbot.waitUntil(lambda: w.chart_panel is not None)
    path = tmp_path / "india.json"
    path.write_bytes((resource_root() / "jharkhand" / "scenarios" / "india_bloc_2024.json").read_bytes())
    assert w.files.open(str(path))
    assert w.doc.dataset.id == "jharkhand" and w.seat_model.rowCount() == 81
    check_shape(w, ["JMM", "INC", "RJD", "CPI(ML)L"])
    assert [len(shown_in(w, k)) for k in ("JMM", "INC", "RJD", "CPI(ML)L", "contested")] == [42, 28, 5, 3, 3]
    assert w.pc_filter.count() == 1 + len(w.doc.dataset.seats.pc_names)
    assert sorted(w.map_panel.items) == sorted(w.doc.dataset.seats.ac_no.tolist()) or not w.map_panel.items
    w.tabs.setCurrentIndex(0)
    check_shape(w, ["AAP", "INC"])
    assert w.seat_model.rowCount() == 90 and w.doc.evaluation.verdict.seats == 90
    w.tabs.setCurrentIndex(1)
    w.files.new()  # a new scenario on the data set in front: Jharkhand, its four partners
    assert w.doc.dataset.id == "jharkhand" and w.seat_model.rowCount() == 81
    check_shape(w, ["JMM", "INC", "RJD", "CPI(ML)L"])
    assert shown_in(w, "unassigned") == w.doc.dataset.seats.ac_no.tolist()


def test_compare_says_so_when_the_deals_are_on_different_data_sets(qtbot, tmp_path):
    from explorer.core.dataset_io import resource_root
    from explorer.gui.dialogs.compare_dialog import CompareDialog
    w = open_window(qtbot, congress_everywhere("Haryana"))
    path = tmp_path / "india.json"
    path.write_bytes((resource_root() / "jharkhand" / "scenarios" / "india_bloc_2024.json").read_bytes())
    assert w.files.open(str(path))
    dlg = CompareDialog(w)
    qtbot.addWidget(dlg)
    # only the deals on the data set in front are offered (issue 26): Jharkhand's one
    assert dlg.a.count() == dlg.b.count() == 1 and dlg.a.itemData(0).dataset.id == "jharkhand"
    assert dlg.comparison is not None and len(dlg.comparison.seats) == 0


def test_filters_follow_the_document_and_keep_what_still_applies(qtbot):
    two = Scenario(DS, name="Two")  # the same data set object as the three-partner scenario
    two.assign_all("INC")
    w = open_window(qtbot, two)
    w.workspace.add(alliance(INLD, name="Three"), activate=False)
    w.pc_filter.setCurrentIndex(w.pc_filter.findData("Kurukshetra"))
    w.pool_filter.setCurrentIndex(w.pool_filter.findData(1))  # INC
    assert w.proxy.rowCount() == 9
    w.tabs.setCurrentIndex(1)  # same data set, three partners: the PC filter stays, the pool filter resets
    assert w.pc_filter.currentData() == "Kurukshetra" and w.pool_filter.currentIndex() == 0
    assert w.proxy.rowCount() == 9 and w.shown.text() == "9 of 90"
    w.pool_filter.setCurrentIndex(w.pool_filter.findData(2))  # INLD
    assert [w.proxy.index(r, 0).data(Qt.UserRole + 2) for r in range(w.proxy.rowCount())] == [PEHOWA]
