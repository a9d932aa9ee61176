"""The Blocs dock: the rival blocs beside ours (preset, real drag, keys, split presets, undo), its
room at 1366x768, and Data set ▸ Parties (the lineage shown, edited and applied)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableWidgetItem

from explorer.core.blocs import RivalBloc
from explorer.core.dataset_io import load_embedded
from explorer.core.scenario import scenario_from_preset
from explorer.gui.panels.blocs import FIGHT, NONE, RivalDialog

from .helpers import congress_everywhere, open_window, real_drag

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
    assert p.totals.text().startswith("<span style='color:#666'>Leads in</span> <b>INDIA</b> 56 · <b>NDA</b> 24 · unaligned 1")
    w.doc.undo_stack.undo()
    assert w.doc.scenario.rivals == () and p.rival.count() == 0


def test_keys_drags_and_split_presets_edit_the_rival(qtbot):
    assert QApplication.platformName() == "xcb", "real drags need an X server (tools/test.sh runs Xvfb)"
    w = jharkhand_window(qtbot)
    w.show()
    qtbot.waitExposed(w)
    w.blocs.apply_preset("vs2024")
    w.blocs.dock.raise_()
    p = w.blocs.panel
    qtbot.waitUntil(lambda: p.buttons["JD(U)"].isVisible(), timeout=3000)
    # keys: select two BJP seats anywhere (the hub), Alt+2 gives them to AJSU
    bjp = [int(p.buckets["BJP"].item(k).data(Qt.ItemDataRole.UserRole)) for k in range(2)]
    w.hub.set(bjp, None)
    w.blocs.actions[2].trigger()
    assert counts(p)["AJSU"] == 12 and counts(p)["BJP"] == 66
    assert w.doc.undo_stack.undoText().startswith("NDA: ") and w.doc.undo_stack.undoText().endswith(" to AJSU")
    w.blocs.actions[0].trigger()          # Alt+0: NDA fields nobody there
    assert counts(p)[NONE] == 2
    # a real drag of one seat from AJSU's list onto JD(U)'s button
    p.buttons["AJSU"].click()
    src = p.buckets["AJSU"]
    qtbot.waitUntil(lambda: src.isVisible() and p.stack.currentWidget() is src, timeout=3000)
    src.setCurrentRow(0)
    ac = int(src.item(0).data(Qt.ItemDataRole.UserRole))
    start = src.visualItemRect(src.item(0)).center()
    real_drag(src.viewport(), start, p.buttons["JD(U)"], lambda: src.startDrag(Qt.DropAction.MoveAction))
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
    # the split as the window leaves it once shown: its first show settles the table's and the
    # pools' widths in a posted step (dock_layout._settle_split: the name column short of the
    # longest name takes its pixels from the pools), which the rival's dock must not change
    QApplication.processEvents()
    before = (w.pool_board.width(), w.table_panel.width())
    t = w.table_panel
    assert t.table.columnWidth(t.model.C_NAME) >= t.name_min          # the names whole once settled
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
    p = w.blocs.panel
    # at 1366x768 in the deal's group: no scrolling, every button's label whole, three rows of seats
    area = w.blocs.dock.widget()
    assert not area.verticalScrollBar().isVisible() and not area.horizontalScrollBar().isVisible()
    # counted from baseline_vs2024.csv: CPI stood in 11 seats, CPI(M) in 9, SUCI(C) in 11, MCO in none;
    # two or more of them in 4 seats, none of them in 54
    assert [b.text() for b in p.buttons.values()] == ["CPI 9", "CPI(M) 6", "SUCI(C) 8", "MCO 0", "Fight 4", "None 54"]
    for b in p.buttons.values():
        assert b.fontMetrics().horizontalAdvance(b.text()) < b.width() and b.geometry().right() < p.width()
    assert p.stack.height() >= 3 * p.buckets["CPI"].fontMetrics().height()
    assert w.blocs.panel.totals.text().startswith("<span style='color:#666'>Leads in</span> <b>INDIA</b> 56 · <b>NDA</b> 24 · <b>Left</b> 0")
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
    assert p.contenders.text() == "New contenders: JLKM 8 % statewide where AJSU is strong"
    assert not p.contenders.isHidden()
    assert "JLKM" in w.doc.evaluation.projection.parties
    bad = ContenderDialog(p)
    bad.code.setText("BJP")
    shown = []
    monkeypatch.setattr("explorer.gui.panels.blocs.QMessageBox.warning", lambda *a: shown.append(a[2]))
    assert not p.add_contender(dialog=bad) and w.doc.undo_stack.count() == 1
    assert shown and "BJP stands in the baseline vs2019" in shown[0]
    w.doc.undo_stack.undo()
    assert w.doc.scenario.contenders == () and p.contenders.isHidden()


def seats_of(panel, key):
    lst = panel.buckets[key]
    return [int(lst.item(k).data(Qt.ItemDataRole.UserRole)) for k in range(lst.count())]


def test_drops_make_a_friendly_fight_between_some_partners_and_undo_it(qtbot):
    """The drag's model side: mimeData of the dragged seats, dropMimeData on the target list; a
    plain drop gives the seats to the partner, a Ctrl-drop (a copy) has it stand beside."""
    w = jharkhand_window(qtbot)
    w.blocs.apply_preset("vs2024")
    p = w.blocs.panel
    bjp, ajsu = p.buckets["BJP"], p.buckets["AJSU"]
    two = [bjp.item(0), bjp.item(1)]
    moved = [int(i.data(Qt.ItemDataRole.UserRole)) for i in two]
    md = bjp.mimeData(two)
    assert bytes(md.data("application/x-seat-share-rival-seats")).decode() == f"{moved[0]},{moved[1]}"
    assert ajsu.dropMimeData(0, md, Qt.DropAction.MoveAction)
    # 68 BJP seats less the two, 10 AJSU seats and the two
    assert counts(p) == {"BJP": 66, "AJSU": 12, "JD(U)": 2, "LJP(RV)": 1, FIGHT: 0, NONE: 0}
    # Ctrl-drop one of them on JD(U): AJSU and JD(U) both stand there, BJP and LJP(RV) do not
    one = p.buckets["AJSU"].item(seats_of(p, "AJSU").index(moved[0]))
    assert p.buckets["JD(U)"].dropMimeData(0, p.buckets["AJSU"].mimeData([one]), Qt.DropAction.CopyAction)
    assert counts(p) == {"BJP": 66, "AJSU": 11, "JD(U)": 2, "LJP(RV)": 1, FIGHT: 1, NONE: 0}
    assert dict(w.doc.scenario.rivals[0].seats)[moved[0]] == ("AJSU", "JD(U)")
    name = w.dataset.seats.name(moved[0])
    assert w.doc.undo_stack.undoText() == f"NDA: JD(U) stands too in {name}"
    assert p.buckets[FIGHT].item(0).text() == f"{moved[0]} {name} (AJSU v JD(U))"
    # the seats add up: 81 in the lists, and every bloc's projected seats with the rest
    assert sum(counts(p).values()) == 81 and sum(w.doc.evaluation.bloc_seats.values()) == 81
    # a drop of something else is refused
    from PySide6.QtCore import QMimeData
    other = QMimeData()
    other.setText("12")
    assert not ajsu.dropMimeData(0, other, Qt.DropAction.MoveAction) and w.doc.undo_stack.count() == 3
    # seats from another data set's window (Jharkhand has 81: no seat 999) are left out, not a crash
    alien = QMimeData()
    alien.setData("application/x-seat-share-rival-seats", b"999")
    ajsu.dropMimeData(0, alien, Qt.DropAction.CopyAction)
    assert w.doc.undo_stack.count() == 3 and counts(p)["AJSU"] == 11
    w.doc.undo_stack.undo()
    assert counts(p) == {"BJP": 66, "AJSU": 12, "JD(U)": 2, "LJP(RV)": 1, FIGHT: 0, NONE: 0}
    w.doc.undo_stack.undo()
    assert counts(p) == {"BJP": 68, "AJSU": 10, "JD(U)": 2, "LJP(RV)": 1, FIGHT: 0, NONE: 0}


def test_alt_shift_keys_have_a_rival_partner_stand_too_and_stand_down(qtbot):
    w = jharkhand_window(qtbot)
    w.blocs.apply_preset("vs2024")
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)  # shortcuts go to the active window
    p = w.blocs.panel
    w.blocs.dock.raise_()              # in front (a hidden Blocs dock is filled when shown)
    qtbot.waitUntil(lambda: p.active, timeout=3000)
    picked = seats_of(p, "BJP")[:3]
    w.table.setFocus()
    w.hub.set(picked, None)
    alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(w.table, Qt.Key_4, alt_shift)           # LJP(RV), the 4th partner, stands too
    assert counts(p) == {"BJP": 65, "AJSU": 10, "JD(U)": 2, "LJP(RV)": 1, FIGHT: 3, NONE: 0}
    assert all(dict(w.doc.scenario.rivals[0].seats)[a] == ("BJP", "LJP(RV)") for a in picked)
    assert w.doc.undo_stack.undoText() == "NDA: LJP(RV) stands too in " + ", ".join(w.dataset.seats.names_of(picked))
    QTest.keyClick(w.table, Qt.Key_2, alt_shift)           # AJSU too: a fight of three
    assert all(dict(w.doc.scenario.rivals[0].seats)[a] == ("BJP", "AJSU", "LJP(RV)") for a in picked)
    QTest.keyClick(w.table, Qt.Key_1, alt_shift)           # BJP stands in all three: it stands down
    assert all(dict(w.doc.scenario.rivals[0].seats)[a] == ("AJSU", "LJP(RV)") for a in picked)
    assert counts(p)[FIGHT] == 3 and counts(p)["BJP"] == 65
    QTest.keyClick(w.table, Qt.Key_4, alt_shift)           # LJP(RV) stands down: AJSU alone
    assert counts(p) == {"BJP": 65, "AJSU": 13, "JD(U)": 2, "LJP(RV)": 1, FIGHT: 0, NONE: 0}
    n = w.doc.undo_stack.count()
    QTest.keyClick(w.table, Qt.Key_2, alt_shift)           # AJSU alone everywhere: it stays, nothing to undo
    assert w.doc.undo_stack.count() == n and "stands alone there" in w.statusBar().currentMessage()
    QTest.keyClick(w.table, Qt.Key_1, Qt.KeyboardModifier.AltModifier)   # Alt+1: back to BJP alone
    assert counts(p) == {"BJP": 68, "AJSU": 10, "JD(U)": 2, "LJP(RV)": 1, FIGHT: 0, NONE: 0}
    for _ in range(5):
        w.doc.undo_stack.undo()
    assert counts(p) == {"BJP": 68, "AJSU": 10, "JD(U)": 2, "LJP(RV)": 1, FIGHT: 0, NONE: 0}
    assert w.doc.undo_stack.undoText() == "Preset: As the blocs stood in 2024"


def test_the_seats_menu_shows_and_sets_who_stands(qtbot):
    w = jharkhand_window(qtbot)
    w.blocs.apply_preset("vs2024")
    p = w.blocs.panel
    jdu = p.buckets["JD(U)"]
    jdu.selectAll()
    m = p._bucket_menu(jdu, None)
    sub = m.findChild(type(m), "rival_fight_menu")
    ticks = {a.objectName(): a.isChecked() for a in sub.actions()}
    assert ticks == {"rival_fight_BJP": False, "rival_fight_AJSU": False, "rival_fight_JD(U)": True,
                     "rival_fight_LJP(RV)": False}
    next(a for a in sub.actions() if a.objectName() == "rival_fight_BJP").setChecked(True)
    assert counts(p) == {"BJP": 68, "AJSU": 10, "JD(U)": 0, "LJP(RV)": 1, FIGHT: 2, NONE: 0}
    assert w.doc.scenario.to_json()["rivals"][0]["seats"][str(seats_of(p, FIGHT)[0])] == ["BJP", "JD(U)"]


def test_the_years_blocs_are_confirmed_or_edited_then_kept_in_the_data_set(qtbot):
    from explorer.core.kept_blocs import user_blocs_path
    from explorer.gui.dialogs.blocs_dialog import BlocsConfirmDialog
    w = jharkhand_window(qtbot)
    # Scenario ▸ Start from preset lists the election, to be confirmed
    menu = w.menu_actions.presets_menu
    menu.aboutToShow.emit()
    assert "As the blocs stood in 2024…" in [a.text() for a in menu.actions()]
    dlg = BlocsConfirmDialog(w.doc.dataset, "vs2024", w)
    qtbot.addWidget(dlg)
    rows = [(dlg.table.item(r, 0).text(), dlg.table.item(r, 1).text()) for r in range(dlg.table.rowCount())]
    assert rows == [("INDIA", "JMM, INC, RJD, CPI(ML)L"), ("NDA", "BJP, AJSU, JD(U), LJP(RV)")]
    # a party in two blocs is refused, naming the row; nothing is applied
    dlg.table.item(0, 1).setText("JMM, INC, RJD, CPI(ML)L, AJSU")
    dlg.accept()
    assert dlg.result() == 0 and dlg.status.text() == "row 2: AJSU is already in INDIA"
    # the strategist's NDA: BJP and AJSU only (an ECI name is read as its code)
    dlg.table.item(0, 1).setText("JMM, INC, RJD, CPI(ML)L")
    dlg.table.item(1, 1).setText("Bharatiya Janata Party, AJSU")
    dlg.accept()
    assert dlg.result() == 1 and dlg.keep.isChecked()
    assert w.blocs.confirm_preset("vs2024", dialog=dlg)
    p = w.blocs.panel
    # JD(U)'s 2 seats and LJP(RV)'s 1 have no NDA candidate now: those parties stand alone
    assert counts(p) == {"BJP": 68, "AJSU": 10, FIGHT: 0, NONE: 3}
    assert w.doc.undo_stack.undoText() == "Preset: As the blocs stood in 2024"
    lines = user_blocs_path("jharkhand").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "year,bloc,partners,source" and lines[1].startswith("2024,INDIA,JMM|INC|RJD|CPI(ML)L,confirmed ")
    assert lines[2].startswith("2024,NDA,BJP|AJSU,edited ") and len(lines) == 3
    # the next time, the kept blocs are what the dialog starts from
    again = BlocsConfirmDialog(w.doc.dataset, "vs2024", w)
    qtbot.addWidget(again)
    assert again.table.item(1, 1).text() == "BJP, AJSU" and again.table.item(1, 2).text().startswith("edited ")
    w.doc.undo_stack.undo()
    assert w.doc.scenario.rivals == ()


def test_blocs_that_cannot_be_kept_are_said_and_still_applied(qtbot, monkeypatch):
    from explorer.core import kept_blocs
    from explorer.core.bloc_inference import Bloc
    w = jharkhand_window(qtbot)
    shown = []
    monkeypatch.setattr(w.files, "show_error", lambda title, text: shown.append((title, str(text))))

    def refuse(path, data, private=False):
        raise OSError(13, "Permission denied", str(path))
    monkeypatch.setattr("explorer.core.atomic.atomic_write_bytes", refuse)
    nda = Bloc("NDA", ("BJP", "AJSU"), "edited")
    assert w.blocs.apply_preset("vs2024", [Bloc("INDIA", ("JMM", "INC", "RJD", "CPI(ML)L")), nda], keep=True)
    assert shown and shown[0][0] == "The blocs were not kept"
    assert f"{kept_blocs.user_blocs_path('jharkhand')}: Permission denied" in shown[0][1]
    assert w.doc.scenario.rivals[0].partners == ("BJP", "AJSU")            # applied all the same
    assert not kept_blocs.user_blocs_path("jharkhand").exists() and kept_blocs.kept_blocs(w.doc.dataset) == {}


def test_a_move_of_our_seats_rebuilds_no_rival_list(qtbot):
    """With NDA's split in the dock, moving ten of JMM's seats to INC leaves NDA's split as it was:
    no item is built again (the lists keep their items), only the seats whose projected winner
    changed are recoloured, and each item's tooltip is then what a fresh fill gives. A change of
    NDA's split fills the lists again."""
    w = jharkhand_window(qtbot)
    w.blocs.apply_preset("vs2024")
    p = w.blocs.panel
    items = {k: [p.buckets[k].item(r) for r in range(p.buckets[k].count())] for k in p.buckets}
    made, coloured = p.items_made, p.items_recoloured
    before = w.doc.evaluation.projection
    ours = [a for a in w.doc.dataset.seats.ac_no.tolist() if w.doc.scenario.pool_of(a) == "JMM"][:10]
    w.doc.move(ours, "INC")
    after = w.doc.evaluation.projection
    won = lambda pr, i: pr.parties[int(pr.winner[i])]       # noqa: E731
    idx = [w.doc.dataset.seats.index_of(a) for a in w.doc.dataset.seats.ac_no.tolist()]
    changed = [i for i in idx if won(before, i) != won(after, i)]
    assert changed                                      # JMM's seats now INC's: INC projected there
    assert p.items_made == made and p.items_recoloured == coloured + len(changed)
    assert {k: [p.buckets[k].item(r) for r in range(p.buckets[k].count())] for k in p.buckets} == items
    for k, lst in p.buckets.items():
        for r in range(lst.count()):
            i = w.doc.dataset.seats.index_of(int(lst.item(r).data(Qt.ItemDataRole.UserRole)))
            assert lst.item(r).toolTip() == f"Projected winner: {won(after, i)}"
    # NDA's split changed: every list filled again (81 seats)
    bjp = seats_of(p, "BJP")[:2]
    w.hub.set(bjp, None)
    w.blocs.actions[2].trigger()
    assert p.items_made == made + 81 and counts(p)["AJSU"] == 12


def test_parties_dialog_reads_as_a_strategist_reads_it(qtbot):
    # Haryana: INC's elections were "2019, 2024, 2024" (the Lok Sabha and the Vidhan Sabha of
    # 2024 both baselines); INLD's lineage was cut to "split → JJP 86% (2018); split …"; the lineage
    # tab was headed with the file's column names; its buttons sat under the parties too
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyle
    from explorer.gui.dialogs.parties_dialog import LINEAGE_HEADERS, PARTY_COLUMNS
    w = open_window(qtbot, congress_everywhere())
    w.show()
    dlg = w.blocs.parties()
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(dlg.isVisible)
    t = dlg.parties
    row = {t.item(r, 0).text(): r for r in range(t.rowCount())}
    elections = PARTY_COLUMNS.index("Elections")
    assert t.item(row["INC"], elections).text() == "VS 2019, LS 2024, VS 2024"
    lineage = PARTY_COLUMNS.index("Lineage")
    text = t.item(row["INLD"], lineage).text()
    assert text.startswith("split → JJP 86% (2018)") and "; " in text
    pad = 2 * (t.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 1

    def whole() -> bool:
        room = t.columnWidth(lineage) - pad
        need = t.fontMetrics().boundingRect(0, 0, room, 10_000, int(Qt.TextFlag.TextWordWrap), text).height()
        return t.rowHeight(row["INLD"]) >= need
    qtbot.waitUntil(whole)
    assert [dlg.lineage.horizontalHeaderItem(c).text() for c in range(dlg.lineage.columnCount())] == \
        list(LINEAGE_HEADERS)
    buttons = dlg._lineage_buttons
    assert not any(b.isVisible() for b in buttons)
    dlg.tabs.setCurrentWidget(dlg.lineage)
    assert all(b.isVisible() for b in buttons)


def test_the_blocs_dialog_shows_each_source_whole(qtbot):
    # "https://en.wikipedia…." was all a strategist saw of where a bloc came from
    from explorer.gui.dialogs.blocs_dialog import BlocsConfirmDialog
    ds = load_embedded("jharkhand")
    dlg = BlocsConfirmDialog(ds, "vs2024")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(dlg.isVisible)
    t = dlg.table
    fm = t.fontMetrics()
    assert t.rowCount() >= 2
    for r in range(t.rowCount()):
        src = t.item(r, 2).text()
        assert src.startswith("http") and t.columnWidth(2) >= fm.horizontalAdvance(src), src
