"""The window: models, drag and drop (model, drop event, real drag), keyboard, undo, panels."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent, QDragEnterEvent, QDragMoveEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from explorer.gui.main_window import MainWindow
from explorer.gui.mime import SEATS_MIME, seats_from_mime, seats_mime
from explorer.gui.panels.common import AC_ROLE
from explorer.gui.panels.seat_table import SeatTableModel

from .helpers import congress_everywhere, open_window, real_drag, tile_lines

JIND, PEHOWA, KALAYAT, SHAHBAD, GUHLA = 36, 14, 16, 12, 15


def make_window(qtbot, pools: dict[str, list[int]] | None = None, with_chart=False) -> MainWindow:
    return open_window(qtbot, congress_everywhere("Test", pools), with_chart=with_chart)


def panel(w, key):
    return next(p for p in w.pool_panels if p.model.pool_key == key)


def table_row(w, ac: int) -> int:
    for r in range(w.proxy.rowCount()):
        if w.proxy.index(r, 0).data(AC_ROLE) == ac:
            return r
    raise KeyError(ac)


def snapshot(w):
    pr = w.doc.evaluation.projection
    return {f: getattr(pr, f).copy() for f in ("winner", "runner", "margin_votes", "kept", "seat_counts")}


# -- models ----------------------------------------------------------------------------
MODELS = {
    "seat table": lambda w: w.seat_model, "filter proxy": lambda w: w.proxy,
    "conflicts": lambda w: w.conflict_panel.model, "per-PC split": lambda w: w.summary_panel.pc_model,
    "swing": lambda w: w.assumptions_panel.swing_model, "rules": lambda w: w.rules_panel.model,
    "AAP pool": lambda w: panel(w, "AAP").model, "INC pool": lambda w: panel(w, "INC").model,
    "contested pool": lambda w: panel(w, "contested").model,
    "unassigned pool": lambda w: panel(w, "unassigned").model,
}


@pytest.mark.parametrize("name", list(MODELS))
def test_model_passes_qabstractitemmodeltester(qtbot, qtmodeltester, name):
    w = make_window(qtbot, {"AAP": [SHAHBAD], "contested": [KALAYAT]})
    model = MODELS[name](w)
    qtmodeltester.check(model, force_py=True)
    # the tester stays connected: changes flowing through the model are checked too
    w.doc.move([JIND, PEHOWA], "AAP")
    w.doc.move([KALAYAT], "unassigned")
    w.doc.set_assumptions(w.doc.scenario.assumptions.with_swing("BJP", -3), "swing")
    w.doc.undo_stack.undo()
    w.doc.undo_stack.undo()
    qtmodeltester.check(model, force_py=True)


def test_mime_roundtrip():
    md = seats_mime([36, 14, 36])
    assert md.hasFormat(SEATS_MIME) and seats_from_mime(md) == [36, 14]
    junk = QMimeData()
    junk.setText("36")
    assert seats_from_mime(junk) == []


# -- drag and drop ---------------------------------------------------------------------
def test_model_drop_is_one_undo_step_and_undo_restores_projection(qtbot):
    w = make_window(qtbot)
    before = snapshot(w)
    rows = [table_row(w, JIND), table_row(w, PEHOWA)]
    md = w.proxy.mimeData([w.proxy.index(r, 0) for r in rows])
    aap = panel(w, "AAP").model
    assert aap.canDropMimeData(md, Qt.MoveAction, -1, -1, aap.index(-1))
    assert aap.dropMimeData(md, Qt.MoveAction, -1, -1, aap.index(-1))
    assert w.doc.scenario.seats_in("AAP") == [PEHOWA, JIND]
    assert aap.seats() == [PEHOWA, JIND]
    st = w.doc.undo_stack
    assert st.count() == 1 and st.undoText() == "Move Pehowa, Jind to AAP"
    assert w.isWindowModified()
    st.undo()
    assert w.doc.scenario.seats_in("AAP") == []
    for k, v in snapshot(w).items():
        np.testing.assert_array_equal(v, before[k])
    assert not w.isWindowModified()
    st.redo()
    assert w.doc.scenario.seats_in("AAP") == [PEHOWA, JIND]


def test_drop_of_seats_already_in_pool_is_not_an_undo_step(qtbot):
    w = make_window(qtbot)
    inc = panel(w, "INC").model
    inc.dropMimeData(seats_mime([JIND]), Qt.MoveAction, -1, -1, inc.index(-1))
    assert w.doc.undo_stack.count() == 0


def _send_drop(widget, pos, md):
    enter = QDragEnterEvent(pos, Qt.MoveAction | Qt.CopyAction, md, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(widget, enter)
    move = QDragMoveEvent(pos, Qt.MoveAction | Qt.CopyAction, md, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(widget, move)
    drop = QDropEvent(QPointF(pos), Qt.MoveAction | Qt.CopyAction, md, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop


def test_drop_event_on_pool_widget(qtbot):
    w = make_window(qtbot)
    w.show()
    qtbot.waitExposed(w)
    contested = panel(w, "contested")
    vp = contested.view.viewport()
    drop = _send_drop(vp, vp.rect().center(), seats_mime([KALAYAT, JIND]))
    assert drop.isAccepted()
    assert w.doc.scenario.seats_in("contested") == [KALAYAT, JIND]
    assert w.doc.undo_stack.undoText() == "Move Kalayat, Jind to Contested"
    # the pool's header takes drops too
    hdr = panel(w, "unassigned")
    _send_drop(hdr, QPoint(20, 10), seats_mime([1]))
    assert w.doc.scenario.pool_of(1) == "unassigned"
    assert w.doc.undo_stack.count() == 2


def test_real_drag_from_table_to_pool(qtbot):
    assert QApplication.platformName() == "xcb", "real drags need an X server (tools/test.sh runs Xvfb)"
    w = make_window(qtbot)
    w.show()
    qtbot.waitExposed(w)
    target = panel(w, "AAP").view.viewport()
    src = w.table
    for ac in (JIND, PEHOWA):
        src.selectionModel().select(w.proxy.index(table_row(w, ac), 0),
                                    QItemSelectionModel.Select | QItemSelectionModel.Rows)
    start = src.visualRect(w.proxy.index(table_row(w, JIND), 1)).center()
    real_drag(src.viewport(), start, target, lambda: src.startDrag(Qt.MoveAction))
    qtbot.waitUntil(lambda: w.doc.scenario.seats_in("AAP") == [PEHOWA, JIND], timeout=3000)
    assert w.doc.undo_stack.count() == 1
    assert w.doc.undo_stack.undoText() == "Move Pehowa, Jind to AAP"



def test_real_drag_of_every_seat_leaves_the_table_cells_alone(qtbot, monkeypatch):
    """After a drag that ends as a move, QAbstractItemView's own startDrag rewrites every dragged
    cell (itemData/setItemData, 90 x 11 here: seconds). The seat table's drag runs the command only."""
    assert QApplication.platformName() == "xcb"
    calls = []
    monkeypatch.setattr(SeatTableModel, "itemData", lambda self, i: calls.append(i) or {}, raising=False)
    monkeypatch.setattr(SeatTableModel, "setItemData", lambda self, i, r: calls.append(i) or False, raising=False)
    w = make_window(qtbot)
    w.show()
    qtbot.waitExposed(w)
    w.table.selectAll()
    target = panel(w, "AAP").view.viewport()
    start = w.table.visualRect(w.proxy.index(0, 1)).center()
    real_drag(w.table.viewport(), start, target, lambda: w.table.startDrag(Qt.MoveAction | Qt.CopyAction))
    qtbot.waitUntil(lambda: len(w.doc.scenario.seats_in("AAP")) == 90, timeout=3000)
    assert w.doc.undo_stack.count() == 1
    assert calls == []
    assert w.proxy.rowCount() == 90 and w.table.drags == 1

def test_real_drag_between_pools(qtbot):
    assert QApplication.platformName() == "xcb"
    w = make_window(qtbot, {"AAP": [SHAHBAD, GUHLA]})
    w.show()
    qtbot.waitExposed(w)
    src = panel(w, "AAP").view
    src.selectAll()
    target = panel(w, "unassigned").view.viewport()
    real_drag(src.viewport(), src.visualRect(src.model().index(0)).center(), target,
              lambda: src.startDrag(Qt.MoveAction))
    qtbot.waitUntil(lambda: w.doc.scenario.seats_in("unassigned") == [SHAHBAD, GUHLA], timeout=3000)
    assert w.doc.undo_stack.count() == 1


# -- keyboard, conflicts, summary --------------------------------------------------------
def test_keyboard_assignment_raises_and_clears_hooda_conflict(qtbot):
    w = make_window(qtbot, {"AAP": [SHAHBAD, GUHLA, 1, 2, 3]})
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)  # shortcuts go to the active window
    w.table.setFocus()
    w.table.selectRow(table_row(w, JIND))
    assert w.hub.seats == {JIND}
    QTest.keyClick(w.table, Qt.Key_1, Qt.ControlModifier)
    assert w.doc.scenario.pool_of(JIND) == "AAP"
    msgs = [w.conflict_panel.model.index(r).data() for r in range(w.conflict_panel.model.rowCount())]
    assert "Jind: Hooda camp nominee seat given to AAP" in msgs
    idx = w.seat_model.index(w.dataset.seats.index_of(JIND), SeatTableModel.C_CONFLICT)
    assert idx.data(Qt.DecorationRole) is not None
    assert "Jind: Hooda camp nominee seat given to AAP" in idx.data(Qt.ToolTipRole)
    QTest.keyClick(w.table, Qt.Key_2, Qt.ControlModifier)  # back to Congress
    assert w.doc.scenario.pool_of(JIND) == "INC"
    msgs = [w.conflict_panel.model.index(r).data() for r in range(w.conflict_panel.model.rowCount())]
    assert not any(m.startswith("Jind") for m in msgs)
    assert idx.data(Qt.DecorationRole) is None
    QTest.keyClick(w.table, Qt.Key_Z, Qt.ControlModifier)
    assert w.doc.scenario.pool_of(JIND) == "AAP"
    QTest.keyClick(w.table, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert w.doc.scenario.pool_of(JIND) == "INC"
    QTest.keyClick(w.table, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    assert w.doc.scenario.pool_of(JIND) == "contested"
    QTest.keyClick(w.table, Qt.Key_0, Qt.ControlModifier)
    assert w.doc.scenario.pool_of(JIND) == "unassigned"


def test_clicking_a_conflict_selects_its_seats_everywhere(qtbot):
    w = make_window(qtbot, {"AAP": [JIND, PEHOWA]})
    w.show()
    qtbot.waitExposed(w)
    view, model = w.conflict_panel.view, w.conflict_panel.model
    row = next(r for r in range(model.rowCount()) if model.index(r).data().startswith("Pehowa"))
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, view.visualRect(model.index(row)).center())
    assert w.hub.seats == {PEHOWA}
    assert [w.proxy.index(i.row(), 0).data(AC_ROLE) for i in w.table.selectionModel().selectedRows()] == [PEHOWA]
    aap = panel(w, "AAP")
    assert [i.data(AC_ROLE) for i in aap.view.selectionModel().selectedIndexes()] == [PEHOWA]


def test_transfer_100_and_ls2024_shows_44_42_4(qtbot):
    w = make_window(qtbot, {"AAP": [SHAHBAD, PEHOWA, GUHLA, KALAYAT]})
    ap = w.assumptions_panel
    ap.transfer_spins[("AAP", "INC")].setValue(100)
    ap.transfer_spins[("INC", "AAP")].setValue(100)
    ap.baseline.setCurrentIndex(ap.baseline.findData("ls2024"))
    text = w.summary_panel.projected.text()
    assert "BJP&nbsp;<b>44</b>" in text and "INC&nbsp;<b>42</b>" in text and "AAP&nbsp;<b>4</b>" in text
    assert "alliance <b>46</b>" in text and "reaches the majority" in text
    assert "leads in 46" in tile_lines(w.scoreboard.alliance)   # the figure before the simulated ones, the note after
    assert w.doc.undo_stack.count() == 3
    assert "transfer 100 % every way" in w.status.text()
    w.doc.undo_stack.undo()
    assert ap.baseline.currentData() == "vs2019"  # the panel follows undo


def test_spin_box_steps_merge_into_one_undo_step(qtbot):
    w = make_window(qtbot)
    spin = w.assumptions_panel.transfer_spins[("AAP", "INC")]
    for v in (75, 70, 65, 60):
        spin.setValue(v)
    assert w.doc.undo_stack.count() == 1
    assert w.doc.scenario.assumptions.transfer_rate("AAP", "INC") == 0.6
    w.doc.undo_stack.undo()
    assert w.doc.scenario.assumptions.transfer_rate("AAP", "INC") == 0.8
    assert spin.value() == 80


def test_per_seat_adjustment_edited_in_table(qtbot):
    w = make_window(qtbot)
    idx = w.seat_model.index(w.dataset.seats.index_of(JIND), SeatTableModel.C_ADJ)
    assert w.seat_model.setData(idx, 5.0)
    assert w.doc.scenario.assumptions.seat_adjust == {JIND: 5.0}
    assert idx.data() == "+5"
    assert w.doc.undo_stack.undoText() == "Adjust Jind by +5 pts"
    assert not w.seat_model.setData(idx, "lots")
    w.doc.undo_stack.undo()
    assert idx.data() == ""


def test_search_and_filters(qtbot):
    w = make_window(qtbot, {"AAP": [JIND]})
    w.search.setText("jind")
    assert [w.proxy.index(r, 0).data(AC_ROLE) for r in range(w.proxy.rowCount())] == [JIND]
    w.search.setText("16")
    assert [w.proxy.index(r, 0).data(AC_ROLE) for r in range(w.proxy.rowCount())] == [KALAYAT]
    w.search.setText("")
    w.pc_filter.setCurrentIndex(w.pc_filter.findData("Kurukshetra"))
    assert w.proxy.rowCount() == 9
    w.pc_filter.setCurrentIndex(0)
    w.conflicts_only.setChecked(True)
    shown = {w.proxy.index(r, 0).data(AC_ROLE) for r in range(w.proxy.rowCount())}
    assert shown == {JIND, KALAYAT}  # Jind: Hooda seat given to AAP; Kalayat: AAP must-have with INC
    assert w.shown.text() == "2 of 90"
    w.doc.move([JIND], "INC")  # the conflict is gone, and so is the row
    assert [w.proxy.index(r, 0).data(AC_ROLE) for r in range(w.proxy.rowCount())] == [KALAYAT]


def test_sorting_by_margin(qtbot):
    w = make_window(qtbot)
    w.table.sortByColumn(SeatTableModel.C_MARGIN, Qt.DescendingOrder)
    vals = [float(w.proxy.index(r, SeatTableModel.C_MARGIN).data()) for r in range(w.proxy.rowCount())]
    assert vals == sorted(vals, reverse=True)


def test_rule_edit_through_dialog_is_undoable(qtbot):
    from explorer.core.rules import MustHave
    from explorer.gui.panels.rule_dialog import RuleDialog
    w = make_window(qtbot)
    n = len(w.doc.scenario.rules.rules)
    dlg = RuleDialog(w.doc, MustHave(id="inc-jind", partner="INC"))
    qtbot.addWidget(dlg)
    dlg.partner.setCurrentIndex(dlg.partner.findData("AAP"))
    assert dlg.build() == "Choose at least one seat."
    dlg.picker.search.setText("jind")
    assert [dlg.picker.list.item(i).isHidden() for i in range(90)].count(False) == 1
    dlg.picker.set_chosen([JIND])
    rule = dlg.build()
    assert rule == MustHave(id="inc-jind", partner="AAP", seats=(JIND,))
    w.doc.set_rules(w.doc.scenario.rules.with_rule(rule), "Add rule inc-jind")
    assert w.rules_panel.model.rowCount() == n + 1
    msgs = [w.conflict_panel.model.index(r).data() for r in range(w.conflict_panel.model.rowCount())]
    assert "Jind: AAP must-have seat given to INC" in msgs
    w.doc.undo_stack.undo()
    assert w.rules_panel.model.rowCount() == n


def test_rule_switched_off_from_the_list(qtbot):
    w = make_window(qtbot, {"AAP": [JIND]})
    m = w.rules_panel.model
    assert m.setData(m.index(0), Qt.Unchecked.value, Qt.CheckStateRole)
    msgs = [w.conflict_panel.model.index(r).data() for r in range(w.conflict_panel.model.rowCount())]
    assert not any("Hooda" in x for x in msgs)
    assert w.doc.undo_stack.undoText() == "Disable rule hooda-nominees"


def test_pool_headers_show_count_and_bound(qtbot):
    w = make_window(qtbot, {"AAP": [SHAHBAD, PEHOWA, GUHLA, KALAYAT, 1, 2, 3]})
    hdr = panel(w, "AAP").header.text()
    assert "'>7</b>" in hdr and "asked 10 · offered 5–7" in hdr and "2 SC" in hdr


def test_preset_is_one_undo_step(qtbot):
    w = make_window(qtbot)
    w.apply_preset("No alliance")
    assert w.doc.scenario.seats_in("contested") == list(range(1, 91))
    assert w.doc.undo_stack.count() == 1
    w.doc.undo_stack.undo()
    assert w.doc.scenario.seats_in("INC") == list(range(1, 91))


def test_chart_redraws_after_a_move(qtbot):
    w = make_window(qtbot, with_chart=True)
    w.show()
    qtbot.waitUntil(lambda: w.chart_panel is not None)
    w.chart_dock.raise_()
    qtbot.waitUntil(lambda: w.chart_panel.isVisible())
    n = w.chart_panel.draws
    w.doc.move([JIND], "AAP")
    assert w.chart_panel.draws == n + 1
    assert w.chart_panel.seat_title == "Seats led of 90: alliance 32, majority 46 (dashed)"
    w.chart_panel.repaint()
    assert w.chart_panel.paints >= 1


def test_import_baseline_from_the_window(qtbot, tmp_path):
    w = make_window(qtbot)
    good = tmp_path / "ls.csv"
    w.dataset.baselines["ls2024"].candidates.to_csv(good, index=False)
    w.files.pick_open = lambda *a: str(good)
    w.import_baseline()
    assert w.doc.scenario.assumptions.baseline == "file:ls"
    assert w.assumptions_panel.baseline.currentText() == "ls (imported)"
    assert w.doc.undo_stack.undoText() == "Baseline: ls (imported)"
    bad = tmp_path / "bad.csv"
    bad.write_text("ac_no,candidate,party,votes\n1,A,BJP,many\n")
    errors = []
    w.files.show_error = lambda title, e: errors.append((title, str(e)))
    w.files.pick_open = lambda *a: str(bad)
    w.import_baseline()
    assert errors == [("Cannot import baseline results", f"{bad}, line 2, votes: expected a whole number of votes, "
                                                          "found 'many' (and 89 more problems)")]
    assert w.doc.scenario.assumptions.baseline == "file:ls"  # nothing changed
    assert list(w.doc.dataset.baselines) == ["vs2019", "ls2024", "vs2024", "file:ls"]  # nothing partial listed
    w.doc.undo_stack.undo()  # the import is one step, and its undo takes the baseline off the list again
    assert w.doc.scenario.assumptions.baseline == "vs2019" and w.assumptions_panel.baseline.currentData() == "vs2019"
    assert list(w.doc.dataset.baselines) == ["vs2019", "ls2024", "vs2024"]
    assert [w.assumptions_panel.baseline.itemData(i) for i in range(w.assumptions_panel.baseline.count())] == \
        ["vs2019", "ls2024", "vs2024"]
    w.doc.undo_stack.redo()
    assert w.assumptions_panel.baseline.currentData() == "file:ls"
    assert list(w.doc.dataset.baselines) == ["vs2019", "ls2024", "vs2024", "file:ls"]


def test_undoing_an_import_keeps_a_baseline_another_scenario_stands_on(qtbot, tmp_path):
    w = make_window(qtbot)
    good = tmp_path / "ls.csv"
    w.dataset.baselines["ls2024"].candidates.to_csv(good, index=False)
    w.files.pick_open = lambda *a: str(good)
    first = w.doc
    w.import_baseline()
    w.files.duplicate(first)                  # a second scenario on the imported baseline
    second = w.doc
    assert second is not first and second.scenario.assumptions.baseline == "file:ls"
    first.undo_stack.undo()
    assert first.scenario.assumptions.baseline == "vs2019"
    assert "file:ls" in first.dataset.baselines     # the duplicate still stands on it


def test_transfer_back_to_its_start_leaves_no_step_and_no_modified_flag(qtbot):
    w = make_window(qtbot)
    spin = w.assumptions_panel.transfer_spins[("AAP", "INC")]
    spin.setValue(75)
    assert w.doc.undo_stack.count() == 1 and w.isWindowModified()
    spin.setValue(80)
    assert w.doc.undo_stack.count() == 0
    assert w.doc.undo_stack.isClean() and not w.isWindowModified()


def test_preset_undo_changes_its_own_scenario_only(qtbot):
    w = make_window(qtbot)
    a = w.workspace.active
    w.apply_preset("No alliance")
    w.files.duplicate()
    b = w.workspace.active
    w.doc.move([JIND], "AAP")
    a.undo_stack.undo()  # A's preset, undone while B is in front
    assert a.scenario.seats_in("INC") == list(range(1, 91))
    assert b.scenario.pool_of(JIND) == "AAP" and len(b.scenario.seats_in("contested")) == 89


def test_a_preset_and_an_import_are_one_evaluation_each(qtbot, tmp_path):
    w = make_window(qtbot)
    doc = w.workspace.active
    seen = []
    doc.evaluated.connect(lambda ev, delta: seen.append(ev))
    w.apply_preset("AAP's Lok Sabha leads")  # new pools and new assumptions
    assert len(seen) == 1
    f = tmp_path / "demand.csv"
    f.write_text("ac_no,pool\n36,AAP\n14,contested\n")
    assert w.imports.import_assignments(str(f))
    assert len(seen) == 2
    w.doc.undo_stack.undo()
    w.doc.undo_stack.undo()
    assert len(seen) == 4 and w.doc.scenario.seats_in("INC") == list(range(1, 91))


def test_one_change_one_delta_for_every_view(qtbot):
    """A move is evaluated once; the seats it changed are worked out once, by the document, and
    every view is told of the document shown by one registry, the selection first."""
    w = make_window(qtbot)
    doc = w.doc
    seen = []
    doc.evaluated.connect(lambda ev, delta: seen.append((ev, delta)))
    before = doc.evaluation
    doc.move([JIND, PEHOWA], "AAP")
    assert len(seen) == 1
    ev, delta = seen[0]
    seats = doc.dataset.seats
    assert ev is doc.evaluation and delta.before is before and delta.after is ev
    assert {seats.index_of(JIND), seats.index_of(PEHOWA)} <= set(delta.rows) and not delta.whole
    assert delta.rows_since(before) == list(delta.rows) and delta.rows_since(ev) is None
    doc.set_assumptions(doc.scenario.assumptions.with_swing("BJP", -2.0), "BJP -2")
    assert seen[-1][1].whole            # other assumptions: any seat may have changed
    views = list(w.views)
    assert views[0] is w.hub and w.table_panel in views and w.analysis.live in views and w.analysis.who in views
