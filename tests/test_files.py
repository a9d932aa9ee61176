"""Scenario files, several scenarios per window, comparison, exports, autosave and recovery."""
from __future__ import annotations

import json
import os

import pandas as pd
import pytest
import pypdf

from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.imported import baseline_to_json
from explorer.core.exports import compare, seat_sheet, write_comparison_csv, write_seat_csv, write_xlsx
from explorer.core.brief import write_brief
from explorer.core.scenario import Scenario, scenario_from_preset
from explorer.gui.main_window import MainWindow
from explorer.gui.autosave import find_recoverable

from .helpers import congress_everywhere, open_window

DS = load_embedded()
JIND, KALKA, KALAYAT = 36, 1, 16


# -- core: atomic save, exports, comparison ------------------------------------------------
def test_failed_save_leaves_previous_file_byte_identical(tmp_path, monkeypatch):
    path = tmp_path / "deal.json"
    sc = congress_everywhere()
    sc.save(path)
    before = path.read_bytes()
    sc.assign([JIND], "AAP")

    def disk_full(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        sc.save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["deal.json"]  # the temporary file is gone too


def test_xlsx_and_csv_read_back_equal_the_table(tmp_path):
    sc = scenario_from_preset(DS, "AAP's Lok Sabha leads")
    sc.assign([JIND], "contested")
    ev = Engine(DS).evaluate(sc)
    table = seat_sheet(sc, ev)
    write_xlsx(tmp_path / "s.xlsx", sc, ev)
    book = pd.read_excel(tmp_path / "s.xlsx", sheet_name=None)
    assert list(book) == ["Seats", "Summary", "Assumptions", "Conflicts"]
    back = book["Seats"].fillna({"conflicts": ""})
    pd.testing.assert_frame_equal(back, table, check_dtype=False)
    summary = dict(zip(book["Summary"]["figure"], book["Summary"]["value"]))
    assert summary["Seats led BJP"] == 44 and summary["Alliance seats led on the projected votes"] == 46
    write_seat_csv(tmp_path / "s.csv", sc, ev)
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "s.csv").fillna({"conflicts": ""}), table, check_dtype=False)
    assert table.loc[table.ac_no == JIND, "conflicts"].item() == "Jind: Hooda camp nominee seat contested by both partners"


def test_pdf_brief_is_one_page_with_the_seat_counts(tmp_path):
    sc = scenario_from_preset(DS, "AAP's Lok Sabha leads")
    ev = Engine(DS).evaluate(sc)
    write_brief(tmp_path / "b.pdf", sc, ev)
    reader = pypdf.PdfReader(tmp_path / "b.pdf")
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "BJP 44, INC 42, AAP 4" in text
    assert "46 of 90" in text and "Pehowa: Hooda camp nominee seat given to AAP" in text
    assert "datta07/INDIAN-SHAPEFILES" in text


def test_comparison_of_two_hand_made_deals(tmp_path):
    a = congress_everywhere("A")
    b = congress_everywhere("B")
    b.assign([JIND], "AAP")
    b.assign([KALKA], "contested")
    eng_a, eng_b = Engine(DS), Engine(DS)
    c = compare(a, eng_a.evaluate(a), b, eng_b.evaluate(b))
    assert c.seats["ac_no"].tolist() == [KALKA, JIND]
    assert c.seats[["pool_a", "pool_b"]].values.tolist() == [["INC", "Contested"], ["INC", "AAP"]]
    delta = dict(zip(c.figures.figure, c.figures.change))
    assert delta["Seats in pool AAP"] == 1 and delta["Seats in pool INC"] == -2 and delta["Seats in pool Contested"] == 1
    assert delta["AAP contests (alone + contested)"] == 2 and delta["INC contests (alone + contested)"] == -1
    assert "Jind: Hooda camp nominee seat given to AAP" in c.conflicts_added
    assert "AAP has 1 seat, below its bound of 5 (asked 10 · offered 5–7)" in c.conflicts_added
    assert "AAP has 0 seats, below its bound of 5 (asked 10 · offered 5–7)" in c.conflicts_resolved
    write_comparison_csv(tmp_path / "c.csv", c)
    text = (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("# Comparison: A = A; B = B\n") and "Jind" in text and "added in B" in text


def test_report_cli_writes_pdf_and_xlsx(tmp_path, capsys):
    from explorer.cli import main
    p = tmp_path / "deal.json"
    scenario_from_preset(DS, "No alliance").save(p)
    assert main(["report", str(p), "-o", str(tmp_path / "b.pdf"), "--xlsx", str(tmp_path / "s.xlsx")]) == 0
    assert len(pypdf.PdfReader(tmp_path / "b.pdf").pages) == 1
    assert len(pd.read_excel(tmp_path / "s.xlsx")) == 90
    assert main(["report", str(p)]) == 2


# -- window: several scenarios ----------------------------------------------------------------
@pytest.fixture
def win(qtbot, tmp_path):
    return open_window(qtbot, congress_everywhere("Deal A"), autosave_dir=tmp_path / "autosave")


def pools_shown(w, key):
    return next(p for p in w.pool_panels if p.model.pool_key == key).model.seats()


def test_scenarios_new_duplicate_rename_delete_switch_with_own_undo(win):
    fc = win.files
    win.doc.move([JIND], "AAP")
    fc.duplicate()
    assert [d.scenario.name for d in win.workspace.docs] == ["Deal A", "Deal A (copy)"]
    b = win.workspace.active
    assert b.undo_stack.count() == 0 and b.scenario.pool_of(JIND) == "AAP"
    win.doc.move([KALAYAT], "AAP")
    fc.rename(b, "Deal B")
    assert win.tabs.tabText(1) == "Deal B *" and win.windowTitle().startswith("Deal B")
    assert pools_shown(win, "AAP") == [KALAYAT, JIND]
    win.tabs.setCurrentIndex(0)  # one click switches
    assert win.workspace.active.scenario.name == "Deal A"
    assert pools_shown(win, "AAP") == [JIND]
    assert win.seat_model.index(KALAYAT - 1, 6).data() == "INC"
    win.undo_action.trigger()  # A's history: the Jind move
    assert win.workspace.docs[0].scenario.pool_of(JIND) == "INC"
    assert win.workspace.docs[1].scenario.pool_of(KALAYAT) == "AAP"  # B untouched
    fc.new()
    assert win.workspace.active.scenario.name == "Untitled" and len(win.workspace.docs) == 3
    assert win.workspace.active.scenario.seats_in("unassigned") == list(range(1, 91))
    fc.close_doc()
    assert [d.scenario.name for d in win.workspace.docs] == ["Deal A", "Deal B"]
    assert win.tabs.count() == 2


def test_save_open_revert_and_recent(win, tmp_path):
    fc = win.files
    path = str(tmp_path / "a.json")
    fc.pick_save = lambda *a: path
    win.doc.move([JIND], "AAP")
    assert win.isWindowModified()
    assert fc.save()
    assert not win.isWindowModified() and win.workspace.active.file_path == path
    assert json.loads(open(path).read())["assignments"]["AAP"] == [JIND]
    win.doc.move([KALKA], "AAP")
    assert fc.revert()  # asks (answered yes by the test set-up), then reads the file again
    assert win.doc.scenario.seats_in("AAP") == [JIND] and not win.isWindowModified()
    assert fc.recent()[0] == os.path.abspath(path)
    fc.new()
    assert fc.open(path)  # already open: switches to it
    assert len(win.workspace.docs) == 2 and win.workspace.active.file_path == path


def test_bad_files_leave_the_window_as_it_was(win, tmp_path):
    errors = []
    win.files.show_error = lambda title, e: errors.append(str(e))
    win.doc.move([JIND], "AAP")
    cases = {"newer.json": json.dumps({"format": "seat-share-explorer/scenario", "schema_version": 7}),
             "truncated.json": '{"format": "seat-share-explorer/scenario", "assignments": {"AAP": [1,',
             "unknown.json": json.dumps({"format": "seat-share-explorer/scenario", "schema_version": 1,
                                         "assignments": {"AAP": [404]}}),
             "deep.json": "[" * 5000 + "]" * 5000}
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
        assert not win.files.open(str(tmp_path / name))
    assert len(errors) == 4
    assert "newer version" in errors[0] and "line 1" in errors[1] and "unknown seat 404" in errors[2]
    assert "nested" in errors[3]
    assert len(win.workspace.docs) == 1 and win.doc.scenario.seats_in("AAP") == [JIND]
    assert win.doc.undo_stack.count() == 1


def test_unsaved_changes_prompt_on_close(win, tmp_path):
    asked = []
    win.files.ask_save = lambda doc: asked.append(doc.scenario.name) or "cancel"
    win.show()
    win.doc.move([JIND], "AAP")
    assert not win.close()  # cancelled: the window stays with its work
    assert asked == ["Deal A"] and win.isVisible()
    path = str(tmp_path / "saved.json")
    win.files.pick_save = lambda *a: path
    win.files.ask_save = lambda doc: "save"
    assert win.close()
    assert Scenario.load(DS, path).pool_of(JIND) == "AAP"


def test_import_assignments_is_one_undo_step_and_bad_rows_apply_nothing(win, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("ac_no,pool\n36,AAP\n95,AAP\n14,BSP\n")
    errors = []
    win.files.show_error = lambda title, e: errors.append(e)
    assert not win.imports.import_assignments(str(bad))
    assert [str(p) for p in errors[0].problems] == [f"{bad}, line 3, ac_no: unknown seat '95'",
                                                   f"{bad}, line 4, pool: 'BSP' is not a partner of this "
                                                   "alliance (AAP, INC; or contested, unassigned)"]
    assert win.doc.scenario.pool_of(JIND) == "INC" and win.doc.undo_stack.count() == 0
    good = tmp_path / "aap_demand.csv"
    good.write_text("ac_no,pool\n36,AAP\n14,aap\n16,contested\n1,INC\n")
    assert win.imports.import_assignments(str(good))
    assert win.doc.scenario.seats_in("AAP") == [14, JIND] and win.doc.scenario.pool_of(16) == "contested"
    assert win.doc.undo_stack.count() == 1
    assert win.doc.undo_stack.undoText() == "Import 3 assignments from aap_demand.csv"
    win.doc.undo_stack.undo()
    assert win.doc.scenario.seats_in("AAP") == []


# -- autosave and recovery -------------------------------------------------------------------
def test_recovery_is_offered_after_an_unclean_exit(qtbot, tmp_path):
    folder = tmp_path / "autosave"
    w = open_window(qtbot, congress_everywhere("Deal A"), autosave_dir=folder)
    w.doc.move([JIND], "AAP")
    w.files.duplicate()
    w.doc.move([KALAYAT], "contested")
    w.doc.set_assumptions(w.doc.scenario.assumptions.with_swing("BJP", -1.5), "swing")
    w.files.rename(None, "Deal B")
    assert w.files.autosaver.save_now()
    saved = json.loads(w.files.autosaver.path.read_text())
    # the process dies here: no close, the autosave stays. A later process (another pid) finds it.
    saved["pid"] = 2 ** 22 + 12345
    (folder / "workspace-dead.json").write_text(json.dumps(saved))
    w.files.autosaver.path.unlink()
    found = find_recoverable(folder)
    assert len(found) == 1
    w2 = MainWindow(DS, with_chart=False, autosave_dir=tmp_path / "autosave2", recovered=found[0][1])
    qtbot.addWidget(w2)
    names = [d.scenario.name for d in w2.workspace.docs]
    assert names == ["Deal A", "Deal B"] and w2.workspace.active.scenario.name == "Deal B"
    b = w2.workspace.docs[1].scenario
    assert b.pool_of(JIND) == "AAP" and b.pool_of(KALAYAT) == "contested"
    assert b.assumptions.swing == {"BJP": -1.5}
    assert all(not d.undo_stack.isClean() for d in w2.workspace.docs)  # recovered work is unsaved work
    for orig, rec in zip(w.workspace.docs, w2.workspace.docs):
        assert rec.scenario.to_json() == orig.scenario.to_json()


def test_clean_exit_leaves_nothing_to_recover(qtbot, tmp_path):
    folder = tmp_path / "autosave"
    w = open_window(qtbot, congress_everywhere(), autosave_dir=folder)
    w.show()
    w.doc.move([JIND], "AAP")
    w.files.autosaver.save_now()
    assert w.files.autosaver.path.exists()
    assert w.close()  # changes discarded by the test's answer
    assert not w.files.autosaver.path.exists() and find_recoverable(folder) == []


def test_autosave_after_a_change_and_on_its_timer(qtbot, tmp_path):
    w = open_window(qtbot, congress_everywhere(), autosave_dir=tmp_path / "a")
    sv = w.files.autosaver
    sv.idle.setInterval(50)
    w.doc.move([JIND], "AAP")
    qtbot.waitUntil(lambda: sv.saves == 1, timeout=2000)
    assert json.loads(sv.path.read_text())["scenarios"][0]["scenario"]["assignments"]["AAP"] == [JIND]
    assert sv.timer.interval() == 60_000 and sv.timer.isActive()
    assert not sv.save_now()  # nothing new to write


# -- imported baselines belong to the data set and travel with the scenario ------------------
def _figures(sc) -> str:
    from explorer.core import report
    return json.dumps(report.to_json(sc, Engine(sc.dataset).evaluate(sc)), sort_keys=True)


def _imported(ds, stem="mine", votes_scale=1):
    from explorer.core.loaders import read_results
    df = ds.baselines["ls2024"].candidates.copy()
    df["votes"] = df["votes"] * votes_scale
    return read_results(df.to_csv(index=False).encode(), f"{stem}.csv", ds.seats)


def test_a_scenario_on_an_imported_baseline_reopens_with_the_same_figures(tmp_path):
    from explorer.core import commands as cc
    from explorer.core.dataset_io import load_embedded as fresh
    ds = fresh()
    sc = congress_everywhere("On mine")
    sc.dataset = ds  # congress_everywhere loads its own copy; use ours
    b = _imported(ds)
    cc.UseBaseline(sc, b).do()
    sc.assign([JIND, KALAYAT], "AAP")
    assert sc.assumptions.baseline == "file:mine" and ds.baselines["file:mine"] is b
    path = tmp_path / "on-mine.json"
    sc.save(path)
    saved = json.loads(path.read_text())
    assert saved["baselines"][0]["id"] == "file:mine" and len(saved["baselines"][0]["candidates"]) == len(b.candidates)
    other = fresh()  # another start of the app: the data set knows only its own baselines
    assert "file:mine" not in other.baselines
    back = Scenario.load(other, path)
    assert back.assumptions.baseline == "file:mine" and "file:mine" in other.baselines
    assert _figures(back) == _figures(sc)
    # a data set where file:mine means other votes: the file's votes come in under a new id
    clash = fresh()
    clash.add_baseline(_imported(clash, votes_scale=2))
    again = Scenario.load(clash, path)
    assert again.assumptions.baseline == "file:mine-2"
    assert _figures(again).replace("file:mine-2", "file:mine") == _figures(sc)
    # an embedded baseline is never written into the file
    assert "baselines" not in congress_everywhere().to_json()


def _jharkhand_folder(tmp_path):
    """A copy of the shipped Jharkhand data set as a data set folder of its own id (its baselines
    are read from its CSV files, as any data set folder's)."""
    import shutil
    from explorer.core.dataset_io import load_dataset
    folder = tmp_path / "jh"
    shutil.copytree("resources/jharkhand", folder)
    m = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
    m["id"] = "jharkhand-copy"
    (folder / "dataset.json").write_text(json.dumps(m), encoding="utf-8")
    return load_dataset(folder)


def test_a_scenario_on_a_data_set_folder_reopens_on_its_own_baseline(tmp_path):
    """Jharkhand opened as a folder, the blocs as they stood in 2024, saved and reopened: the
    Baseline box had a second 'Vidhan Sabha 2024 (2)' (the folder's own baseline was written into
    the file as if imported, and read back without its ballot serials it no longer matched)."""
    from explorer.core.bloc_presets import apply_bloc_preset, bloc_preset
    from explorer.core.starting import starting_scenario
    ds = _jharkhand_folder(tmp_path)
    sc = starting_scenario(ds)
    apply_bloc_preset(sc, bloc_preset(ds, "vs2024", ("JMM", "INC", "RJD", "CPI(ML)L")))
    assert (sc.bloc_name, [r.name for r in sc.rivals], sc.assumptions.baseline) == ("INDIA", ["NDA"], "vs2024")
    path = tmp_path / "jh-2024.json"
    sc.save(path)
    assert "baselines" not in json.loads(path.read_text())  # the data set's own: the file names the data set
    back = Scenario.load(ds, path)
    assert back.assumptions.baseline == "vs2024"
    assert [b.label for b in ds.baselines.values()] == ["Vidhan Sabha 2019", "Vidhan Sabha 2024"]
    # a file saved before the fix carries the folder's baseline: the same votes, so the same baseline
    doc = json.loads(path.read_text())
    doc["baselines"] = [baseline_to_json(ds.baselines["vs2024"])]
    assert Scenario.from_json(ds, doc, "old.json").assumptions.baseline == "vs2024"
    assert list(ds.baselines) == ["vs2019", "vs2024"]
    # one whose votes differ comes in beside it, under a new id and label, as an import does
    doc["baselines"][0]["candidates"][0][3] += 1
    assert Scenario.from_json(ds, doc, "edited.json").assumptions.baseline == "vs2024-2"
    assert ds.baselines["vs2024-2"].label == "Vidhan Sabha 2024 (2)"


def test_reopened_in_the_window_the_baseline_box_lists_each_baseline_once(qtbot, tmp_path):
    from explorer.core.bloc_presets import apply_bloc_preset, bloc_preset
    from explorer.core.starting import starting_scenario
    ds = _jharkhand_folder(tmp_path)
    sc = starting_scenario(ds)
    apply_bloc_preset(sc, bloc_preset(ds, "vs2024", ("JMM", "INC", "RJD", "CPI(ML)L")))
    path = tmp_path / "jh-2024.json"
    sc.save(path)
    w = open_window(qtbot, sc)
    assert w.files.open(str(path))
    box = w.assumptions_panel.baseline
    assert w.doc.file_path is not None and w.doc.scenario.bloc_name == "INDIA"
    assert [box.itemText(i) for i in range(box.count())] == ["Vidhan Sabha 2019", "Vidhan Sabha 2024"]
    assert box.currentText() == "Vidhan Sabha 2024"


def test_a_damaged_carried_baseline_is_refused_and_changes_nothing(tmp_path):
    from explorer.core.dataset_io import load_embedded as fresh
    ds = fresh()
    sc = congress_everywhere()
    doc = sc.to_json()
    doc["assumptions"]["baseline"] = "file:bad"
    doc["baselines"] = [{"id": "file:bad", "label": "bad", "candidates": [[1, "A", "BJP", "many"]]}]
    with pytest.raises(Exception) as e:
        Scenario.from_json(ds, doc, "deal.json")
    assert "baselines[0]" in str(e.value) and "expected a whole number of votes" in str(e.value)
    assert "file:bad" not in ds.baselines


KILLED_APP = r'''
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from explorer.core import report
from explorer.core.assumptions import Assumptions
from explorer.core.dataset_io import load_embedded
from explorer.core.scenario import Scenario, default_rules
from explorer.gui.main_window import MainWindow
ds = load_embedded()
sc = Scenario(ds, name="On the import", assumptions=Assumptions.make("vs2019"))
sc.rules = default_rules(ds, sc.pools)
sc.assign_all("INC")
w = MainWindow(ds, sc, with_chart=False, autosave_dir=sys.argv[2])
w.files.pick_open = lambda *a: sys.argv[1]
assert w.imports.import_baseline()
w.doc.move([36, 16], "AAP")
w.files.autosaver.idle.setInterval(50)
w.files.autosaver.changed()
t = time.time()
while w.files.autosaver.saves == 0 and time.time() - t < 20:
    app.processEvents()
    time.sleep(0.01)
print(json.dumps(report.to_json(w.doc.scenario, w.doc.evaluation), sort_keys=True), flush=True)
time.sleep(600)  # killed here, with its autosave on disk
'''


def test_the_app_killed_after_an_import_recovers_the_same_figures(qtbot, tmp_path):
    import signal
    import subprocess
    import sys
    from explorer.core import report
    csv_path = tmp_path / "mine.csv"
    DS.baselines["ls2024"].candidates.to_csv(csv_path, index=False)
    folder = tmp_path / "autosave"
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
               SEAT_SHARE_DATA_DIR=str(tmp_path / "data"))
    proc = subprocess.Popen([sys.executable, "-c", KILLED_APP, str(csv_path), str(folder)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert line, proc.stderr.read()
    before = json.loads(line)
    assert before["baseline"] == "file:mine"
    found = find_recoverable(folder)
    assert len(found) == 1
    from explorer.core.dataset_io import load_embedded as fresh
    ds = fresh()  # the next start: its data set has never seen file:mine
    w = MainWindow(ds, with_chart=False, autosave_dir=tmp_path / "autosave2", recovered=found[0][1])
    qtbot.addWidget(w)
    assert w.recovery_problems == []
    doc = w.workspace.active
    assert doc.scenario.name == "On the import" and not doc.undo_stack.isClean()
    after = json.loads(json.dumps(report.to_json(doc.scenario, doc.evaluation), sort_keys=True))
    assert after == before
    assert w.assumptions_panel.baseline.currentData() == "file:mine"


def test_an_autosave_that_cannot_be_restored_is_kept_aside(qtbot, tmp_path):
    from explorer.gui.autosave import discard_leftovers, keep_leftovers
    folder = tmp_path / "autosave"
    folder.mkdir()
    broken = {"format": "seat-share-explorer/autosave", "schema_version": 1, "pid": 2 ** 22 + 7, "active": 0,
              "scenarios": [{"file": None, "clean": False,
                             "scenario": {"format": "seat-share-explorer/scenario", "schema_version": 1,
                                          "assumptions": {"baseline": "file:gone"}}}]}
    (folder / "workspace-77.json").write_text(json.dumps(broken))
    found = find_recoverable(folder)
    w = MainWindow(DS, with_chart=False, autosave_dir=tmp_path / "a2", recovered=found[0][1])
    qtbot.addWidget(w)
    assert len(w.recovery_problems) == 1 and "unknown baseline 'file:gone'" in w.recovery_problems[0]
    kept = keep_leftovers(found)
    assert [p.name for p in kept] == ["workspace-77.unrestored.json"] and kept[0].exists()
    assert find_recoverable(folder) == []  # not offered at every start, and not deleted
    (folder / "workspace-78.json").write_text(json.dumps(broken))
    discard_leftovers(find_recoverable(folder))
    assert sorted(p.name for p in folder.iterdir()) == ["workspace-77.unrestored.json"]


def test_reference_data_is_frozen_and_imports_are_versioned():
    """A data set's own data cannot change; what is imported sits beside it, and every import
    bumps the version that the caches and snapshots are keyed on."""
    import dataclasses

    from explorer.core import commands as cc
    from explorer.core.dataset_io import load_embedded as fresh
    from explorer.core.imported import boundaries_of, set_boundaries
    ds, other = fresh(), fresh()
    assert ds.uid != other.uid and ds.version == 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        ds.default_baseline = "ls2024"
    with pytest.raises(TypeError):
        ds.baselines["file:mine"] = _imported(ds)
    own = list(ds.baselines)
    sc = congress_everywhere("On mine")
    sc.dataset = ds
    b = _imported(ds)
    step = cc.UseBaseline(sc, b)
    step.do()
    assert ds.version == 1 and list(ds.baselines) == own + ["file:mine"] and ds.imports.baselines == {"file:mine": b}
    assert sc.snapshot().dataset_version == 1
    step.undo()
    step.do()                                   # the same votes again: nothing new was imported
    assert ds.version == 1
    assert list(other.baselines) == own and other.version == 0   # another load of the data set: untouched
    embedded = boundaries_of(ds)
    assert set_boundaries(ds, None) is None and ds.version == 1   # no change, no new version
    set_boundaries(ds, embedded)
    assert ds.version == 2 and boundaries_of(ds) is embedded and boundaries_of(other) is not embedded
    with pytest.raises(ValueError, match="one of the data set's own"):
        ds.add_baseline(dataclasses.replace(b, id="vs2019"))


def test_undoing_an_import_lists_what_it_listed_and_no_more():
    """UseBaseline's undo takes off the list the baseline that its do put there, unless it is
    used elsewhere; a baseline listed before the step stays."""
    from explorer.core import commands as cc
    from explorer.core.dataset_io import load_embedded as fresh
    ds = fresh()
    own = list(ds.baselines)
    sc = congress_everywhere("On mine")
    sc.dataset = ds
    b = _imported(ds)
    step = cc.UseBaseline(sc, b, used_elsewhere=lambda bid: False)
    step.do()
    assert list(ds.baselines) == own + ["file:mine"] and ds.version == 1
    step.undo()
    assert list(ds.baselines) == own and ds.imports.baselines == {} and ds.version == 2
    assert sc.assumptions.baseline == "vs2019"
    step.do()
    assert list(ds.baselines) == own + ["file:mine"] and ds.version == 3
    sc.set_assumptions(sc.assumptions.with_baseline("vs2019"))
    again = cc.UseBaseline(sc, b, used_elsewhere=lambda bid: False)
    again.do()                  # already listed: this step lists nothing, so its undo takes nothing off
    again.undo()
    assert "file:mine" in ds.baselines and ds.version == 3 and sc.assumptions.baseline == "vs2019"
    kept = cc.UseBaseline(sc, _imported(ds, "theirs"))   # by default another scenario may stand on it
    kept.do()
    kept.undo()
    assert "file:theirs" in ds.baselines
