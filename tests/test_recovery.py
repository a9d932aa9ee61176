"""Recovery lists every leftover autosave and restores any or all, deleting nothing unasked;
a failing autosave is shown until one succeeds; a recovered file path is trusted only while it
holds the file the scenario was saved from."""
from __future__ import annotations

import json
import os

from PySide6.QtCore import Qt

from explorer.core.atomic import temp_pattern
from explorer.gui.autosave import find_recoverable
from explorer.gui.main_window import MainWindow
from explorer.gui.dialogs.recovery_dialog import RecoveryDialog

from .helpers import congress_everywhere, open_window

JIND, KALAYAT = 36, 16
DEAD_PIDS = iter(range(2 ** 22 + 20000, 2 ** 22 + 30000))


def crashed_autosave(qtbot, folder, tag, names, path=None):
    """A window with scenarios ``names`` (each with Jind moved) whose process 'dies': its
    autosave is left as a dead process's file ``workspace-<tag>.json``."""
    w = open_window(qtbot, congress_everywhere(names[0]), autosave_dir=folder / f"live-{tag}")
    if path is not None:
        w.files.pick_save = lambda title, suggested, filt: str(path)
        assert w.files.save_as()
    for n in names[1:]:
        w.files.duplicate()
        w.files.rename(None, n)
    for d in w.workspace.docs:
        d.move([JIND], "AAP")
    assert w.files.autosaver.save_now()
    saved = json.loads(w.files.autosaver.path.read_text())
    saved["pid"] = next(DEAD_PIDS)
    folder.mkdir(parents=True, exist_ok=True)
    left = folder / f"workspace-{tag}.json"
    left.write_text(json.dumps(saved))
    w.files.autosaver.path.unlink()
    return left


def test_two_autosaves_are_listed_and_both_restored(qtbot, tmp_path):
    folder = tmp_path / "autosave"
    a = crashed_autosave(qtbot, folder, "a", ["Deal A"])
    b = crashed_autosave(qtbot, folder, "b", ["Deal B", "Deal C"])
    stale_tmp = folder / f".{a.name}.sse-{2 ** 22 + 1}-000000-abcdefgh.tmp"  # an interrupted save's leftover
    stale_tmp.write_text("half")
    os.utime(stale_tmp, (0, 0))
    found = find_recoverable(folder)
    assert {p for p, _ in found} == {a, b}
    dlg = RecoveryDialog(found)
    qtbot.addWidget(dlg)
    rows = [(dlg.list.topLevelItem(i).text(0), dlg.list.topLevelItem(i).text(2)) for i in range(3)]
    assert sorted(rows) == [("Deal A", "haryana"), ("Deal B", "haryana"), ("Deal C", "haryana")]
    assert all(dlg.list.topLevelItem(i).text(1) for i in range(3))  # the time each was saved
    dlg.restore_all_button.click()
    w = MainWindow(congress_everywhere().dataset, with_chart=False,
                   autosave_dir=tmp_path / "new", recovered=dlg.recovered())
    qtbot.addWidget(w)
    assert sorted(d.scenario.name for d in w.workspace.docs) == ["Deal A", "Deal B", "Deal C"]
    assert all(d.scenario.pool_of(JIND) == "AAP" for d in w.workspace.docs)
    w.files.autosaver.changed()
    assert w.files.autosaver.save_now()
    assert dlg.settle() == []
    assert not a.exists() and not b.exists()  # both restored, now held by this run's autosave
    assert not any(temp_pattern(a).fullmatch(p.name) for p in folder.iterdir())


def test_a_scenario_not_restored_stays_in_its_autosave(qtbot, tmp_path):
    folder = tmp_path / "autosave"
    b = crashed_autosave(qtbot, folder, "b", ["Deal B", "Deal C"])
    found = find_recoverable(folder)
    dlg = RecoveryDialog(found)
    qtbot.addWidget(dlg)
    for it in dlg.items():
        if it.text(0) == "Deal C":
            it.setCheckState(0, Qt.Unchecked)  # unticked
    dlg.restore_button.click()
    assert [s["scenario"]["name"] for s in dlg.recovered()["scenarios"]] == ["Deal B"]
    assert dlg.settle() == [b]
    left = json.loads(b.read_text())
    assert [s["scenario"]["name"] for s in left["scenarios"]] == ["Deal C"]  # offered again next time
    # "Not now" keeps everything as it was
    found = find_recoverable(folder)
    before = b.read_bytes()
    dlg2 = RecoveryDialog(found)
    qtbot.addWidget(dlg2)
    dlg2.later_button.click()
    assert dlg2.recovered() is None and dlg2.settle() == [b] and b.read_bytes() == before
    # deleting needs its own button
    dlg3 = RecoveryDialog(find_recoverable(folder))
    qtbot.addWidget(dlg3)
    dlg3.items()[0].setCheckState(0, Qt.Unchecked)
    dlg3.delete_button.click()
    assert dlg3.recovered() is None and dlg3.settle() == [] and not b.exists()


def test_a_failing_autosave_shows_a_warning_until_it_succeeds(qtbot, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the autosave folder should be")
    w = open_window(qtbot, congress_everywhere(), autosave_dir=blocker / "autosave")
    warnings = []
    w.files.warn_later = lambda title, text: warnings.append((title, text))
    w.show()
    w.doc.move([JIND], "AAP")
    assert not w.files.autosaver.save_now()
    label = w.files.autosave_warning
    assert label.isVisible() and "Autosave failed" in label.text()
    assert len(warnings) == 1 and warnings[0][0] == "Autosave failed" and str(blocker) in warnings[0][1]
    w.doc.move([KALAYAT], "AAP")
    assert not w.files.autosaver.save_now()
    assert len(warnings) == 1 and label.isVisible()  # one warning box, the status bar stays
    blocker.unlink()  # room again
    assert w.files.autosaver.save_now()
    assert not label.isVisible()


def test_a_recovered_path_is_trusted_only_while_it_holds_the_saved_file(qtbot, tmp_path):
    folder = tmp_path / "autosave"
    same, changed = tmp_path / "same.json", tmp_path / "changed.json"
    crashed_autosave(qtbot, folder, "a", ["Deal A"], path=same)
    crashed_autosave(qtbot, folder, "b", ["Deal B"], path=changed)
    changed.write_text(changed.read_text().replace("Deal B", "Someone else's deal"))
    found = find_recoverable(folder)
    dlg = RecoveryDialog(found)
    qtbot.addWidget(dlg)
    dlg.restore_all_button.click()
    w = MainWindow(congress_everywhere().dataset, with_chart=False, autosave_dir=tmp_path / "new",
                   recovered=dlg.recovered())
    qtbot.addWidget(w)
    docs = {d.scenario.name: d for d in w.workspace.docs}
    assert docs["Deal A"].file_path == str(same)
    assert docs["Deal B"].file_path is None  # the file there is not the one it was saved from
    asked = []
    w.files.pick_save = lambda title, suggested, filt: asked.append(suggested) or ""
    before = changed.read_bytes()
    assert not w.files.save(docs["Deal B"])  # Save acts as Save As; cancelled here
    assert asked == ["Deal B.json"] and changed.read_bytes() == before
