"""Data sets in the window: File ▸ Open data set…, New data set from files…, Open recent; a
scenario made for another data set offers to open that data set; a CSV given to File ▸ Open
offers the imports; Help ▸ Getting started shows the README's "Using it" offline."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from explorer.core.dataset_io import build_dataset
from explorer.core.paths import resource_root
from explorer.gui.dialogs.new_dataset_dialog import NewDatasetDialog

from .helpers import congress_everywhere, open_window

JH = Path("/work/shared/data/jharkhand_2024")
if not JH.is_dir():  # the copies the embedded data set was built from
    JH = resource_root().parent.parent / "shared" / "data" / "jharkhand_2024"
SEATS, RESULTS = JH / "jharkhand_constituencies.csv", JH / "results_2024_assembly.csv"


def built(tmp_path) -> Path:
    out = tmp_path / "jh-built"
    build_dataset(out, name="Jharkhand from files", seats_file=SEATS, results=[("vs2024", str(RESULTS))],
                  partners=["JMM", "Indian National Congress"], dataset_id="jh-built")
    return out


def test_open_a_data_set_folder_and_find_it_in_open_recent(qtbot, tmp_path):
    folder = built(tmp_path)
    w = open_window(qtbot, congress_everywhere())
    w.files.pick_folder = lambda title: str(folder)
    assert w.files.open_dataset()
    doc = w.doc
    assert doc.dataset.id == "jh-built" and doc.dataset.seats.n == 81 and w.seat_model.rowCount() == 81
    assert [p.code for p in doc.pools.partners] == ["JMM", "INC"]
    assert doc.scenario.assumptions.baseline == "vs2024" and doc.scenario.seats_in("unassigned") == list(range(1, 82))
    assert len(w.workspace.docs) == 2  # Haryana's deal stays open beside it
    assert w.files.recent()[0] == str(folder)
    from PySide6.QtWidgets import QMenu
    menu = QMenu()
    w.files.fill_recent_menu(menu)
    assert menu.actions()[0].text() == "Data set: jh-built"
    menu.actions()[0].trigger()  # opens it again from Open recent
    assert len(w.workspace.docs) == 3 and w.doc.dataset.id == "jh-built"
    # the shipped ones: File ▸ Open shipped data set
    assert w.files.open_dataset("embedded:jharkhand")
    assert w.doc.dataset.id == "jharkhand" and w.files.recent()[0] == "embedded:jharkhand"


def test_new_data_set_with_a_bad_results_file_lists_the_problem_and_builds_nothing(qtbot, tmp_path):
    w = open_window(qtbot, congress_everywhere())
    bad = tmp_path / "results.csv"
    lines = RESULTS.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rsplit(",", 1)[0] + ",many"  # line 3: postal votes not a number
    lines.insert(5, "2024,Assembly,JH,NOWHERE,99,1,X,Independent,5,0")  # line 6: a seat not in the list
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dlg = NewDatasetDialog(w)
    qtbot.addWidget(dlg)
    dlg.name.setText("Jharkhand")
    dlg.seats.setText(str(SEATS))
    dlg.add_results(str(bad), "vs2024")
    out = tmp_path / "new-ds"
    dlg.out.setText(str(out))
    dlg.partners.setText("JMM, INC")
    dlg.start_build()
    qtbot.waitUntil(lambda: not dlg.building, timeout=10000)
    items = [dlg.problems.item(i).text() for i in range(dlg.problems.count())]
    assert not dlg.problems.isHidden() and dlg.built is None and dlg.result() == 0
    assert any(t.startswith(f"{bad}, line 3") for t in items), items
    assert any(t.startswith(f"{bad}, line 6") and "99" in t for t in items), items
    assert dlg.status.text().startswith(f"{len(items)} problems; nothing was built")
    assert not out.exists() and not any(p.name.startswith(".new-ds") for p in tmp_path.iterdir())
    assert not w.files.new_dataset(dlg)  # nothing to open
    assert len(w.workspace.docs) == 1


def test_new_data_set_from_good_files_is_built_and_opened(qtbot, tmp_path):
    w = open_window(qtbot, congress_everywhere())
    dlg = NewDatasetDialog(w)
    qtbot.addWidget(dlg)
    dlg.name.setText("Jharkhand 2024")
    dlg.seats.setText(str(SEATS))
    dlg.add_results(str(RESULTS), "vs2024", "Vidhan Sabha 2024 as published")
    out = tmp_path / "jh"
    dlg.out.setText(str(out))
    dlg.partners.setText("Jharkhand Mukti Morcha, INC, RJD")
    dlg.start_build()
    qtbot.waitUntil(lambda: not dlg.building, timeout=20000)
    assert dlg.built == str(out) and (out / "dataset.json").is_file()
    assert w.files.new_dataset(dlg)
    ds = w.doc.dataset
    assert ds.seats.n == 81 and [p.code for p in w.doc.pools.partners] == ["JMM", "INC", "RJD"]
    assert ds.baselines["vs2024"].label == "Vidhan Sabha 2024 as published"
    w.doc.move(list(range(1, 82)), "contested")  # every seat Contested: the winners as published
    counts = pd.Series([r.projected_winner for r in w.doc.evaluation.seat_rows]).value_counts().to_dict()
    assert counts["JMM"] == 34 and counts["BJP"] == 21 and counts["INC"] == 16 and sum(counts.values()) == 81


def test_a_jharkhand_scenario_on_haryana_offers_jharkhand(qtbot, tmp_path):
    w = open_window(qtbot, congress_everywhere())
    path = tmp_path / "india.json"
    shutil.copy(resource_root() / "jharkhand" / "scenarios" / "india_bloc_2024.json", path)
    asked = []
    w.files.ask_yes_no = lambda title, text: asked.append((title, text)) or False
    assert not w.files.open(str(path))  # declined: nothing opened
    assert len(w.workspace.docs) == 1 and w.doc.dataset.id == "haryana"
    assert asked[0][0] == "Scenario for another data set"
    assert "made for the data set “jharkhand”, not “haryana”" in asked[0][1]
    assert "the data set shipped with the app" in asked[0][1]
    w.files.ask_yes_no = lambda title, text: True
    assert w.files.open(str(path))
    assert w.doc.dataset.id == "jharkhand" and w.seat_model.rowCount() == 81 and w.doc.file_path == str(path)


def test_a_scenario_of_a_data_set_opened_before_offers_its_folder(qtbot, tmp_path):
    folder = built(tmp_path)
    w = open_window(qtbot, congress_everywhere())
    assert w.files.open_dataset(str(folder))
    w.files.pick_save = lambda *a: str(tmp_path / "jh-deal.json")
    w.doc.move([1, 2], "JMM")
    assert w.files.save_as()
    w2 = open_window(qtbot, congress_everywhere(), autosave_dir=tmp_path / "w2")  # a later start, on Haryana
    asked = []
    w2.files.ask_yes_no = lambda title, text: asked.append(text) or True
    assert w2.files.open(str(tmp_path / "jh-deal.json"))
    assert f"its folder {folder}" in asked[0]
    assert w2.doc.dataset.id == "jh-built" and w2.doc.scenario.seats_in("JMM") == [1, 2]
    # a data set nowhere to be found: said so, nothing opened
    shutil.rmtree(folder)
    w3 = open_window(qtbot, congress_everywhere(), autosave_dir=tmp_path / "w3")
    errors = []
    w3.files.show_error = lambda title, e: errors.append(str(e))
    assert not w3.files.open(str(tmp_path / "jh-deal.json"))
    assert "made for the data set “jh-built”, which is not open here" in errors[0]


def test_open_on_a_csv_offers_the_imports(qtbot, tmp_path):
    w = open_window(qtbot, congress_everywhere())
    f = tmp_path / "demand.csv"
    f.write_text("ac_no,pool\n36,AAP\n14,contested\n")
    offered = []
    w.imports.ask_csv = lambda path, kind: offered.append(kind) or "assignments"
    assert w.files.open(str(f))
    assert offered == ["assignments"]
    assert w.doc.scenario.pool_of(36) == "AAP" and w.doc.scenario.pool_of(14) == "contested"
    res = tmp_path / "ls.csv"
    w.dataset.baselines["ls2024"].candidates.to_csv(res, index=False)
    w.imports.ask_csv = lambda path, kind: offered.append(kind) or "baseline"
    assert w.files.open(str(res))
    assert offered[-1] == "baseline" and w.doc.scenario.assumptions.baseline == "file:ls"
    w.imports.ask_csv = lambda path, kind: None  # cancelled: nothing happens, no JSON error
    errors = []
    w.files.show_error = lambda *a: errors.append(a)
    assert not w.files.open(str(f)) and errors == []


def test_getting_started_is_the_readmes_using_it(qtbot):
    from explorer.gui.dialogs.help_dialog import show_getting_started
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    import importlib.util
    spec = importlib.util.spec_from_file_location("mk", Path(__file__).resolve().parent.parent / "tools" /
                                                  "make_getting_started.py")
    mk = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mk)
    from explorer.gui.getting_started import TEXT
    assert TEXT == mk.using_it(readme), "run python tools/make_getting_started.py"
    w = open_window(qtbot, congress_everywhere())
    help_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Help")
    next(a for a in help_menu.actions() if a.text() == "&Reference").trigger()
    shown = w._reference.browser.toPlainText()
    assert shown.startswith("Using it") and "Constituency table" in shown and "Ctrl+Shift+Z" in shown


def test_a_scenario_from_another_version_of_its_data_set_says_so(qtbot, tmp_path):
    import json
    w = open_window(qtbot, congress_everywhere())
    path = tmp_path / "old.json"
    w.files.pick_save = lambda *a: str(path)
    assert w.files.save_as()
    assert w.files.open(str(path))
    assert "another version" not in w.statusBar().currentMessage()  # the same content: nothing to say
    doc = json.loads(path.read_text())
    doc["dataset_hash"] = "0123456789abcdef"
    path.write_text(json.dumps(doc))
    w.files.close_doc()
    assert w.files.open(str(path))
    msg = w.statusBar().currentMessage()
    assert msg.startswith("old.json was made on another version of the data set “haryana” "
                          f"(content 0123456789abcdef, this one {w.doc.dataset.content_hash})")


def test_a_selection_does_not_follow_seat_numbers_into_another_data_set(qtbot):
    """Haryana's 18 and 19 (Pundri, Nilokheri) selected, then Jharkhand opened: its 18 and 19
    (Mahagama, Kodarma) are other constituencies, so nothing is selected there; back on a
    Haryana tab the selection starts empty too, and selecting works as before."""
    w = open_window(qtbot, congress_everywhere())
    w.hub.set([18, 19], None)
    assert w.map_panel.selected_seats() == [18, 19]
    assert w.files.open_dataset("embedded:jharkhand")
    assert w.doc.dataset.id == "jharkhand"
    assert w.hub.seats == frozenset() and w.table_panel.table.selectionModel().selectedRows() == []
    assert all(not p.view.selectionModel().hasSelection() for p in w.pool_panels)
    w.hub.set([18], None)
    assert len(w.table_panel.table.selectionModel().selectedRows()) == 1
    w.workspace.activate(w.workspace.docs[0])          # back to Haryana
    assert w.doc.dataset.id == "haryana" and w.hub.seats == frozenset()
    # another scenario on the same data set keeps the selection (the same constituencies)
    w.hub.set([18, 19], None)
    w.files.duplicate()                                 # a second Haryana tab, in front
    assert len(w.workspace.docs) == 3 and w.doc.dataset.id == "haryana" and w.doc is not w.workspace.docs[0]
    assert w.hub.seats == frozenset({18, 19}) and w.map_panel.selected_seats() == [18, 19]
