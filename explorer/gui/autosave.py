"""Autosave and recovery: every open scenario is written to the user data folder a moment
after each change and every minute, and a clean exit removes the file. A file left by a
process that is gone is what the next start offers to recover, exactly as it was: the
scenario files carry the imported baseline they stand on, so the figures come back too."""
from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ..core.errors import DataError
from ..core.jsonio import read_json, write_json
from ..core.scenario import Scenario

AUTOSAVE_FORMAT = "seat-share-explorer/autosave"


def default_autosave_dir() -> Path:
    """The per-user data folder (platformdirs), or $SEAT_SHARE_DATA_DIR when set."""
    base = os.environ.get("SEAT_SHARE_DATA_DIR")
    if not base:
        from platformdirs import user_data_dir
        base = user_data_dir("SeatShareExplorer", appauthor=False)
    return Path(base) / "autosave"


def autosave_doc(workspace) -> dict:
    docs = workspace.docs
    return {"format": AUTOSAVE_FORMAT, "schema_version": 1, "saved_at": datetime.now().isoformat(timespec="seconds"),
            "pid": os.getpid(), "active": docs.index(workspace.active) if workspace.active in docs else 0,
            "scenarios": [{"file": d.file_path, "clean": d.undo_stack.isClean(), "scenario": d.scenario.to_json()}
                          for d in docs]}


class Autosaver(QObject):
    """Writes the workspace to ``folder/workspace-<pid>.json`` every ``interval_s`` and a
    moment after each change; a clean exit removes the file. Files left by a process that
    is gone are what a new start offers to recover."""

    def __init__(self, workspace: Workspace, folder: Path, interval_s: int = 60, idle_ms: int = 2000, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.folder = Path(folder)
        self.path = self.folder / f"workspace-{os.getpid()}.json"
        self._dirty = False
        self.saves = 0
        self.last_error: str | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_s * 1000)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(idle_ms)
        self.idle.timeout.connect(self.save_now)
        workspace.listChanged.connect(self.changed)
        workspace.changed.connect(self.changed)

    def changed(self, *_):
        self._dirty = True
        self.idle.start()

    def save_now(self) -> bool:
        if not self._dirty and self.path.exists():
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_json(self.path, autosave_doc(self.workspace), private=True)  # 0600: only the user
        except OSError as e:  # a full disk must not stop the strategist's work
            self.last_error = f"{self.path}: {e.strerror or e}"
            return False
        self._dirty = False
        self.saves += 1
        return True

    def discard(self) -> None:
        """A clean exit: nothing to recover."""
        self.timer.stop()
        self.idle.stop()
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return False  # decided by age below: os.kill would end the process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def find_recoverable(folder: Path) -> list[tuple[Path, dict]]:
    """Autosaves left by a run that did not exit cleanly, newest first; unreadable ones are
    skipped (and left in place)."""
    out = []
    folder = Path(folder)
    if not folder.is_dir():
        return out
    for p in folder.glob("workspace-*.json"):
        if p.name.endswith(".unrestored.json"):
            continue  # set aside after a failed restore: kept, not offered again
        try:
            doc = read_json(p)
        except DataError:
            continue
        if not isinstance(doc, dict) or doc.get("format") != AUTOSAVE_FORMAT:
            continue
        pid = doc.get("pid")
        if pid == os.getpid():
            continue
        stale = time.time() - p.stat().st_mtime > 180
        if isinstance(pid, int) and _alive(pid) and not stale:
            continue  # another window is running and autosaving
        out.append((p, doc))
    out.sort(key=lambda t: t[0].stat().st_mtime, reverse=True)
    return out


def restore(workspace: Workspace, doc: dict, name: str) -> list[str]:
    """Open the scenarios of an autosave; returns the problems of any that could not be read."""
    problems = []
    docs = []
    for k, item in enumerate(doc.get("scenarios", [])):
        try:
            sc = Scenario.from_json(workspace.dataset_for(item.get("scenario")), item.get("scenario"),
                                    f"{name} scenario {k + 1}")
        except (DataError, AttributeError) as e:
            problems.append(str(e))
            continue
        d = workspace.add(sc, item.get("file"), activate=False)
        if not item.get("clean", False):
            d.mark_modified()
        docs.append(d)
    active = doc.get("active", 0)
    if docs:
        workspace.activate(docs[active] if isinstance(active, int) and 0 <= active < len(docs) else docs[0])
    return problems


def discard_leftovers(leftovers: list[tuple[Path, dict]]) -> None:
    """Remove autosaves that were recovered, or that the strategist chose not to recover."""
    for p, _ in leftovers:
        try:
            p.unlink()
        except OSError:
            pass


def keep_leftovers(leftovers: list[tuple[Path, dict]]) -> list[Path]:
    """Set aside autosaves that could not be restored (``workspace-<pid>.unrestored.json``):
    not offered again at every start, never deleted."""
    out = []
    for p, _ in leftovers:
        target = p.with_name(p.stem + ".unrestored.json")
        try:
            p.replace(target)
            out.append(target)
        except OSError:
            out.append(p)
    return out
