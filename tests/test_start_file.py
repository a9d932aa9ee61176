"""Starting the window with a file (``python -m explorer FILE``) opens it as File ▸ Open does:
another data set's scenario is offered with that data set or refused saying why, and the
window keeps its start scenario when the file is not opened."""
from __future__ import annotations

import json

from PySide6.QtWidgets import QApplication

from explorer.core.dataset_io import resource_root
from explorer.core.scenario import scenario_from_preset
from explorer.gui.app import main, open_start_file
from explorer.gui.main_window import MainWindow

from .helpers import open_window

INDIA = resource_root() / "jharkhand" / "scenarios" / "india_bloc_2024.json"


def start_window(qtbot, haryana):
    return open_window(qtbot, scenario_from_preset(haryana, haryana.default_scenario))


def tabs(w) -> list[tuple[str, str]]:
    return [(d.dataset.id, d.scenario.name) for d in w.workspace.docs]


def test_another_data_sets_scenario_opens_that_data_set_in_place_of_the_start(qtbot, haryana, tmp_path):
    w = start_window(qtbot, haryana)
    path = tmp_path / "india.json"
    path.write_bytes(INDIA.read_bytes())
    asked = []
    w.files.ask_yes_no = lambda title, text: asked.append(text) or True
    assert open_start_file(w, str(path))
    assert "made for the data set “jharkhand”, not “haryana”" in asked[0]
    assert tabs(w) == [("jharkhand", "INDIA bloc 2024")]
    assert w.seat_model.rowCount() == 81 and w.doc.file_path == str(path)


def test_declined_or_unknown_the_window_keeps_its_start(qtbot, haryana, tmp_path):
    w = start_window(qtbot, haryana)
    start = tabs(w)
    path = tmp_path / "india.json"
    path.write_bytes(INDIA.read_bytes())
    w.files.ask_yes_no = lambda title, text: False
    assert not open_start_file(w, str(path))
    assert tabs(w) == start and w.seat_model.rowCount() == 90
    errors = []
    w.files.show_error = lambda title, e: errors.append((title, str(e)))
    doc = json.loads(INDIA.read_text())
    doc["dataset"] = "goa"
    other = tmp_path / "goa.json"
    other.write_text(json.dumps(doc))
    assert not open_start_file(w, str(other))
    assert errors[0][0] == "Cannot open scenario"
    assert "made for the data set “goa”, which is not open here (this window shows “haryana”)" in errors[0][1]
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    assert not open_start_file(w, str(broken))
    assert errors[1][0] == "Cannot open scenario" and str(broken) in errors[1][1]
    assert tabs(w) == start


def test_a_scenario_of_the_same_data_set_replaces_the_untouched_start_but_recovered_ones_stay(qtbot, haryana,
                                                                                              tmp_path):
    path = tmp_path / "leads.json"
    scenario_from_preset(haryana, "AAP's Lok Sabha leads").save(path)
    w = start_window(qtbot, haryana)
    assert open_start_file(w, str(path))
    assert tabs(w) == [("haryana", "AAP's Lok Sabha leads")] and w.doc.file_path == str(path)
    w2 = start_window(qtbot, haryana)
    assert open_start_file(w2, str(path), keep_start=True)
    assert len(w2.workspace.docs) == 2


def test_python_m_explorer_file_goes_through_file_open(qtbot, tmp_path, monkeypatch):
    """main() itself, with the event loop stubbed: the Jharkhand file given to a Haryana start."""
    path = tmp_path / "india.json"
    path.write_bytes(INDIA.read_bytes())
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    # the earlier windows themselves, held: an id() of one deleted meanwhile can be the new window's
    before = list(QApplication.topLevelWidgets())
    assert main([str(path), "--size", "1000x700"]) == 0
    wins = [x for x in QApplication.topLevelWidgets() if isinstance(x, MainWindow) and all(x is not b for b in before)]
    assert len(wins) == 1
    w = wins[0]
    qtbot.addWidget(w)
    assert tabs(w) == [("jharkhand", "INDIA bloc 2024")]
