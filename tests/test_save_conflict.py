"""Two windows (or another program) on one file (issue 27 item 4): saving compares the file
on disk with the one opened or last saved, and asks — overwrite, save as or reload — instead of
overwriting the other's work; autosaves never follow a symbolic link (item 5)."""
from __future__ import annotations

import json
import os
import stat

import pytest

from explorer.core.atomic import atomic_write_bytes
from explorer.core.on_disk import CHANGED, REMOVED, disk_change, file_digest
from explorer.core.scenario import Scenario
from explorer.gui.autosave import find_recoverable

from .helpers import congress_everywhere, open_window

JIND, KALAYAT, PEHOWA = 36, 16, 7


# -- core: the check itself ------------------------------------------------------------------------
def test_disk_change_finds_another_writer_and_a_removed_file(tmp_path):
    p = tmp_path / "deal.json"
    p.write_bytes(b"{}")
    sha = file_digest(p)
    assert disk_change(p, sha) is None and disk_change(p, None) is None
    p.write_bytes(b'{"name": "theirs"}')
    assert disk_change(p, sha) == CHANGED
    p.unlink()
    assert disk_change(p, sha) == REMOVED


# -- the window ------------------------------------------------------------------------------------
@pytest.fixture
def two_windows(qtbot, tmp_path):
    """Windows A and B on the same deal.json, as two running apps would be."""
    path = tmp_path / "deal.json"
    congress_everywhere("Deal").save(path)
    wins = []
    for k in "ab":
        w = open_window(qtbot, congress_everywhere("Start"), autosave_dir=tmp_path / f"autosave-{k}")
        assert w.files.open(str(path))
        wins.append(w)
    return path, wins[0], wins[1]


def pool_on_disk(path, ac_no) -> str:
    sc = Scenario.load(congress_everywhere().dataset, path)
    return sc.pool_of(ac_no)


def test_alternate_saves_ask_instead_of_losing_the_other_windows_moves(two_windows):
    path, a, b = two_windows
    asked = []
    b.files.ask_disk_change = lambda doc, change: asked.append(change) or "cancel"
    a.doc.move([JIND], "AAP")
    assert a.files.save()
    b.doc.move([KALAYAT], "AAP")
    assert not b.files.save()  # asked, and cancelled: A's move stays on disk
    assert asked == [CHANGED] and pool_on_disk(path, JIND) == "AAP" and pool_on_disk(path, KALAYAT) == "INC"
    assert not b.doc.undo_stack.isClean()  # B keeps its unsaved move
    b.files.ask_disk_change = lambda doc, change: "overwrite"
    assert b.files.save()
    assert pool_on_disk(path, KALAYAT) == "AAP" and pool_on_disk(path, JIND) == "INC"
    # and now A is the one asked: B wrote the file since A saved it
    a.files.ask_disk_change = lambda doc, change: asked.append(change) or "cancel"
    a.doc.move([PEHOWA], "AAP")
    assert not a.files.save() and asked == [CHANGED, CHANGED]


def test_save_as_keeps_both_and_reload_takes_the_file(two_windows, tmp_path):
    path, a, b = two_windows
    a.doc.move([JIND], "AAP")
    assert a.files.save()
    b.doc.move([KALAYAT], "AAP")
    other = str(tmp_path / "mine.json")
    b.files.pick_save = lambda *args: other
    b.files.ask_disk_change = lambda doc, change: "save_as"
    assert b.files.save()
    assert b.doc.file_path == other and pool_on_disk(other, KALAYAT) == "AAP"
    assert pool_on_disk(path, JIND) == "AAP" and pool_on_disk(path, KALAYAT) == "INC"
    # a third change on disk, by another program: A reloads it
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["name"] = "Edited elsewhere"
    path.write_text(json.dumps(doc), encoding="utf-8")
    a.doc.move([PEHOWA], "AAP")
    a.files.ask_disk_change = lambda doc, change: "reload"
    assert not a.files.save()
    assert a.doc.scenario.name == "Edited elsewhere" and a.doc.scenario.pool_of(PEHOWA) == "INC"
    assert a.doc.undo_stack.isClean() and json.loads(path.read_text(encoding="utf-8"))["name"] == "Edited elsewhere"


def test_the_question_is_a_real_dialog_with_three_answers(two_windows, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    path, a, b = two_windows
    a.doc.move([JIND], "AAP")
    assert a.files.save()
    b.doc.move([KALAYAT], "AAP")
    seen = {}

    def answer():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["title"], seen["text"] = box.windowTitle(), box.text()
        seen["buttons"] = [x.text() for x in box.buttons()]
        next(x for x in box.buttons() if x.text() == "Reload").click()
    QTimer.singleShot(0, answer)
    assert not b.files.save()
    assert seen["title"] == "File changed on disk"
    assert seen["text"] == ("deal.json was changed by another window or program since you opened or last saved "
                            "it here.")
    assert {"Overwrite", "Save As…", "Reload"} <= set(seen["buttons"]) and len(seen["buttons"]) == 4
    assert b.doc.scenario.pool_of(JIND) == "AAP" and b.doc.scenario.pool_of(KALAYAT) == "INC"  # A's file, read


def test_a_removed_file_offers_no_reload(two_windows):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    path, a, b = two_windows
    os.unlink(path)
    b.doc.move([KALAYAT], "AAP")
    seen = {}

    def answer():
        box = QApplication.activeModalWidget()
        seen["text"], seen["buttons"] = box.text(), [x.text() for x in box.buttons()]
        next(x for x in box.buttons() if x.text() == "Overwrite").click()
    QTimer.singleShot(0, answer)
    assert b.files.save()
    assert "deal.json was removed or moved" in seen["text"] and "Reload" not in seen["buttons"]
    assert pool_on_disk(path, KALAYAT) == "AAP"


# -- autosaves never follow a link -------------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="needs symbolic links")
def test_a_link_planted_for_the_autosave_is_replaced_and_its_target_untouched(tmp_path, qtbot):
    target = tmp_path / "victim.txt"
    target.write_bytes(b"precious")
    os.chmod(target, 0o644)
    w = open_window(qtbot, congress_everywhere("Deal"), autosave_dir=tmp_path / "autosave")
    saver = w.files.autosaver
    saver.folder.mkdir(parents=True, exist_ok=True)
    os.symlink(target, saver.path)
    saver.changed()
    assert saver.save_now()
    assert target.read_bytes() == b"precious" and stat.S_IMODE(target.stat().st_mode) == 0o644
    assert not saver.path.is_symlink() and stat.S_IMODE(saver.path.stat().st_mode) == 0o600
    assert json.loads(saver.path.read_text(encoding="utf-8"))["scenarios"][0]["scenario"]["name"] == "Deal"


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="needs symbolic links")
def test_private_writes_never_follow_links_and_recovery_skips_them(tmp_path):
    target = tmp_path / "elsewhere.json"
    target.write_bytes(b'{"format": "seat-share-explorer/autosave", "pid": 999999999, "scenarios": []}')
    folder = tmp_path / "autosave"
    folder.mkdir()
    (folder / "workspace-1.json").write_bytes(target.read_bytes())
    assert [p.name for p, _ in find_recoverable(folder)] == ["workspace-1.json"]  # a file is offered
    (folder / "workspace-1.json").unlink()
    link = folder / "workspace-999999.json"
    os.symlink(target, link)
    assert find_recoverable(folder) == []  # a link is never read as an autosave
    atomic_write_bytes(link, b"mine", private=True)
    assert not link.is_symlink() and link.read_bytes() == b"mine"
    assert target.read_bytes().startswith(b'{"format"')


def test_the_digest_kept_is_of_the_bytes_read_and_written(two_windows, monkeypatch):
    import hashlib
    from explorer.core import jsonio
    path, a, b = two_windows
    assert a.doc.file_sha == hashlib.sha256(path.read_bytes()).hexdigest()
    # another program writes the file the moment after A's save: A must still see it as changed
    real = jsonio.atomic_write_bytes

    def then_another_writer(p, data, private=False):
        real(p, data, private)
        real(p, b'{"written": "by another program"}', private)
    monkeypatch.setattr(jsonio, "atomic_write_bytes", then_another_writer)
    a.doc.move([JIND], "AAP")
    assert a.files.save()
    monkeypatch.setattr(jsonio, "atomic_write_bytes", real)
    assert disk_change(path, a.doc.file_sha) == CHANGED
