"""The Blocs dock: the rival blocs beside ours (preset, real drag, keys, split presets, undo), its
room at 1366x768, and Data set ▸ Parties (the lineage shown, edited and applied)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidgetItem

from explorer.core.blocs import RivalBloc
from explorer.core.dataset_io import load_embedded
from explorer.core.scenario import scenario_from_preset
from explorer.gui.panels.blocs import FIGHT, NONE, RivalDialog

from .helpers import open_window, real_drag

NDA = ("BJP", "AJSU", "JD(U)", "LJP(RV)")


def jharkhand_window(qtbot, baseline="vs2024"):
    ds = load_embedded("jharkhand")
    sc = scenario_from_preset(ds, "INDIA bloc 2024")
    sc.set_assumptions(sc.assumptions.with_baseline(baseline))
    w = open_window(qtbot, sc)
    w.resize(1366, 768)
    return w


def counts(panel):
    return {k: b.count() for k, b in panel.buckets.items()}


def test_the_2024_blocs_preset_fills_the_dock_and_undoes_in_one_step(qtbot):
    w = jharkhand_window(qtbot)
    p = w.blocs.panel
    assert p.rival.count() == 0 and not p.empty.isHidden()
    assert w.blocs.apply_preset("vs2024")
    assert w.doc.undo_stack.undoText() == "Preset: As the blocs stood in 2024"
    assert p.rival.currentText() == "NDA" and p.empty.isHidden()
    # who stood for NDA in 2024, counted from resources/jharkhand/baseline_vs2024.csv
    assert counts(p) == {"BJP": 68, "AJSU": 10, "JD(U)": 2, "LJP(RV)": 1, FIGHT: 0, NONE: 0}
    assert p.totals.text().startswith("<b>INDIA</b> 56 · <b>NDA</b> 24 · unaligned 1")
    w.doc.undo_stack.undo()
    assert w.doc.scenario.rivals == () and p.rival.count() == 0


def test_keys_drags_and_split_presets_edit_the_rival(qtbot):
    assert QApplication.platformName() == "xcb", "real drags need an X server (tools/test.sh runs Xvfb)"
    w = jharkhand_window(qtbot)
    w.show()
    qtbot.waitExposed(w)
    w.blocs.apply_preset("vs2024")
    # in its group the panel scrolls; floated tall, as a strategist would for a long edit, every bucket shows
    w.blocs.dock.setFloating(True)
    w.blocs.dock.setGeometry(w.geometry().adjusted(w.width() - 480, 40, 0, 0))
    w.blocs.dock.raise_()
    p = w.blocs.panel
    qtbot.waitUntil(lambda: p.buckets["AJSU"].isVisible()
                    and p.buckets["JD(U)"].visibleRegion().boundingRect().height() > 30, timeout=3000)
    # keys: select two BJP seats anywhere (the hub), Alt+2 gives them to AJSU
    bjp = [int(p.buckets["BJP"].item(k).data(Qt.ItemDataRole.UserRole)) for k in range(2)]
    w.hub.set(bjp, None)
    w.blocs.actions[2].trigger()
    assert counts(p)["AJSU"] == 12 and counts(p)["BJP"] == 66
    assert w.doc.undo_stack.undoText().startswith("NDA: ") and w.doc.undo_stack.undoText().endswith(" to AJSU")
    w.blocs.actions[0].trigger()          # Alt+0: NDA fields nobody there
    assert counts(p)[NONE] == 2
    # a real drag of one seat from AJSU onto JD(U)
    src = p.buckets["AJSU"]
    src.setCurrentRow(0)
    ac = int(src.item(0).data(Qt.ItemDataRole.UserRole))
    start = src.visualItemRect(src.item(0)).center()
    real_drag(src.viewport(), start, p.buckets["JD(U)"].viewport(), lambda: src.startDrag(Qt.DropAction.MoveAction))
    qtbot.waitUntil(lambda: counts(p)["JD(U)"] == 3, timeout=3000)
    assert dict(w.doc.scenario.rivals[0].seats)[ac] == ("JD(U)",)
    # split presets: the strongest partner everywhere (the edits forgotten), then undo back
    p.preset.setCurrentIndex(1)
    p.preset.activated.emit(1)
    assert w.doc.scenario.rivals[0].split == "strongest" and w.doc.scenario.rivals[0].seats == ()
    assert sum(counts(p).values()) == 81 and counts(p)[FIGHT] == 0
    for _ in range(4):
        w.doc.undo_stack.undo()
    assert counts(p) == {"BJP": 68, "AJSU": 10, "JD(U)": 2, "LJP(RV)": 1, FIGHT: 0, NONE: 0}


def test_a_second_rival_of_four_leaves_our_pools_their_room(qtbot):
    w = jharkhand_window(qtbot)
    w.show()
    qtbot.waitExposed(w)
    before = (w.pool_board.width(), w.table_panel.width())
    w.blocs.apply_preset("vs2024")
    dlg = RivalDialog(w)
    dlg.name.setText("Left")
    dlg.partners.setText("CPI, CPI(M), Socialist Unity Centre Of India (COMMUNIST), MCO")
    assert w.blocs.panel.add_rival(dialog=dlg)
    assert [b.name for b in w.doc.scenario.rivals] == ["NDA", "Left"]
    assert w.doc.scenario.rivals[1].partners == ("CPI", "CPI(M)", "SUCI(C)", "MCO")
    assert w.blocs.panel.rival.currentText() == "Left"
    w.blocs.dock.raise_()
    QApplication.processEvents()
    assert (w.pool_board.width(), w.table_panel.width()) == before      # the dock does not take our room
    assert all(b.height() >= 40 for b in w.blocs.panel.buckets.values())
    assert w.blocs.panel.totals.text().startswith("<b>INDIA</b> 56 · <b>NDA</b> 24 · <b>Left</b> 0")
    ev = w.doc.evaluation
    assert sum(ev.bloc_seats.values()) == 81


def test_parties_dialog_shows_and_edits_the_lineage(qtbot):
    w = jharkhand_window(qtbot, baseline="vs2019")
    w.doc.scenario.set_rivals((RivalBloc("NDA", NDA),), "INDIA")
    dlg = w.blocs.parties()
    qtbot.addWidget(dlg)
    from explorer.gui.dialogs.parties_dialog import PARTY_COLUMNS
    lineage = PARTY_COLUMNS.index("Lineage")
    rows = {dlg.parties.item(r, 0).text(): dlg.parties.item(r, lineage).text() for r in range(dlg.parties.rowCount())}
    assert rows["JVM"] == "merge → BJP (2020)" and rows["BJP"] == "from JVM (merge, 2020)"
    merged = w.doc.evaluation.bloc_seats["NDA"]
    # take the merger out: JVM's 2019 vote stays JVM's, NDA loses what it brought
    r = next(r for r in range(dlg.lineage.rowCount()) if dlg.lineage.item(r, 1).text() == "JVM")
    dlg.lineage.removeRow(r)
    assert dlg.apply()
    assert w.doc.evaluation.bloc_seats["NDA"] < merged
    assert "JVM" in w.doc.evaluation.projection.seats_by_party()
    # a bad row is named with its line and column, and nothing changes
    dlg.lineage.insertRow(0)
    for c, v in enumerate(("split", "INLD", "JJP", "1.5")):
        dlg.lineage.setItem(0, c, QTableWidgetItem(v))
    assert not dlg.apply() and "the Lineage table, line 2, share" in dlg.status.text()


def test_parties_dialog_shows_eci_names_spellings_sources_and_marks_made_up_codes(qtbot):
    from explorer.core.parties import MADE_UP
    from explorer.gui.dialogs.parties_dialog import PARTY_COLUMNS
    w = jharkhand_window(qtbot, baseline="vs2024")
    dlg = w.blocs.parties()
    qtbot.addWidget(dlg)
    t = dlg.parties
    rows = {t.item(r, 0).text(): {h: t.item(r, c).text() for c, h in enumerate(PARTY_COLUMNS)}
            for r in range(t.rowCount())}
    assert rows["AJSU"]["ECI name"] == "AJSU Party" and "AJSUP" in rows["AJSU"]["Spellings"].split(", ")
    assert rows["JKPP"]["Source"].startswith("ECI's files: india_assembly/JH.csv")   # ECI's code, from its files
    assert rows["LA *"]["Source"] == MADE_UP and rows["LA *"]["ECI name"] == "Lokhit Adhikar Party"
    assert "JKPP *" not in rows and "LA" not in rows


def test_a_new_contender_from_the_dock_and_its_undo(qtbot, monkeypatch):
    from explorer.gui.panels.blocs import ContenderDialog
    w = jharkhand_window(qtbot, baseline="vs2019")
    p = w.blocs.panel
    dlg = ContenderDialog(p)
    dlg.code.setText("Jharkhand Loktantrik Krantikari Morcha")
    dlg.share.setValue(8)
    dlg.place.setCurrentIndex(1)
    dlg.arg.setText("AJSU")
    assert p.add_contender(dialog=dlg)
    assert w.doc.undo_stack.undoText() == "New contender: JLKM 8 % statewide where AJSU is strong"
    assert [p.contenders.item(i).text() for i in range(p.contenders.count())] == [
        "JLKM 8 % statewide where AJSU is strong"]
    assert "JLKM" in w.doc.evaluation.projection.parties
    bad = ContenderDialog(p)
    bad.code.setText("BJP")
    shown = []
    monkeypatch.setattr("explorer.gui.panels.blocs.QMessageBox.warning", lambda *a: shown.append(a[2]))
    assert not p.add_contender(dialog=bad) and w.doc.undo_stack.count() == 1
    assert shown and "BJP stands in the baseline vs2019" in shown[0]
    w.doc.undo_stack.undo()
    assert w.doc.scenario.contenders == () and p.contenders.count() == 0
