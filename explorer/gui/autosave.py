"""Autosave and recovery: every open scenario is written to the user data folder a moment
after each change and every minute, and a clean exit removes the file. A file left by a
process that is gone is what the next start offers to recover, exactly as it was: the
scenario files carry the imported baseline they stand on, so the figures come back too."""
from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path

import hashlib

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel

from ..core.atomic import remove_stale_temp_files
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
            "scenarios": [{"file": d.file_path, "file_sha256": getattr(d, "file_sha", None),
                           "clean": d.undo_stack.isClean(), "scenario": d.scenario.to_json()} for d in docs]}


def file_digest(path) -> str | None:
    """The SHA-256 of the file at ``path`` (None when it cannot be read): what a recovered
    scenario compares with to know whether its path still holds the file it was saved from."""
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except (OSError, TypeError, ValueError):
        return None


class Autosaver(QObject):
    """Writes the workspace to ``folder/workspace-<pid>.json`` every ``interval_s`` and a
    moment after each change; a clean exit removes the file. Files left by a process that
    is gone are what a new start offers to recover. ``failed`` is emitted with the problem
    at every save that fails, ``succeeded`` at the first good save after a failure."""
    failed = Signal(str)
    succeeded = Signal()

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
            self.failed.emit(self.last_error)
            return False
        self._dirty = False
        if self.last_error is not None:
            self.last_error = None
            self.succeeded.emit()
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


class AutosaveStatus(QObject):
    """A failing autosave in the window: a red note in the status bar while saves fail (the
    problem in its tooltip), and one warning (``warn(title, text)``) each time they start to
    fail; both go at the next save that succeeds."""

    def __init__(self, autosaver: Autosaver, window, warn, parent=None):
        super().__init__(parent)
        self.window, self.warn = window, warn
        self.label = QLabel()
        self.label.setObjectName("autosave_warning")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setStyleSheet("color:#B3261E; font-weight:bold;")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.warned = False
        autosaver.failed.connect(self.failed)
        autosaver.succeeded.connect(self.succeeded)

    def failed(self, problem: str) -> None:
        self.label.setText("⚠ Autosave failed: your changes are not protected")
        self.label.setToolTip(problem.replace("&", "&amp;").replace("<", "&lt;"))
        self.label.show()
        if not self.warned:
            self.warned = True
            self.warn("Autosave failed",
                      f"The scenarios could not be autosaved:\n{problem}\n\nIf the app stops now, the changes "
                      "since your last save are lost. Save them to a file, or free the folder; the status bar "
                      "shows this until an autosave succeeds again.")

    def succeeded(self) -> None:
        self.label.hide()
        self.warned = False
        self.window.statusBar().showMessage("Autosave works again", 4000)


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
        # the path is trusted only while it holds the very file the scenario was saved from:
        # otherwise Save asks where (Save As), and never overwrites what is there now
        path, sha = item.get("file"), item.get("file_sha256")
        trusted = isinstance(path, str) and isinstance(sha, str) and file_digest(path) == sha
        d = workspace.add(sc, path if trusted else None, activate=False)
        d.file_sha = sha if trusted else None
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
        remove_stale_temp_files(p)


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
        remove_stale_temp_files(p)
    return out


def autosave_entries(leftovers: list[tuple[Path, dict]]) -> list[tuple[Path, int, str, str, str]]:
    """One entry per autosaved scenario: (autosave, index in it, name, time saved, data set)."""
    out = []
    for p, doc in leftovers:
        when = str(doc.get("saved_at", "?"))[:40].replace("T", " ")
        for k, item in enumerate(doc.get("scenarios", []) if isinstance(doc.get("scenarios"), list) else []):
            sc = item.get("scenario") if isinstance(item, dict) else None
            sc = sc if isinstance(sc, dict) else {}
            out.append((p, k, str(sc.get("name", "?"))[:120], when, str(sc.get("dataset", "haryana"))[:40]))
    return out


def chosen_autosave(leftovers: list[tuple[Path, dict]], chosen: set[tuple[Path, int]]) -> dict | None:
    """One autosave document holding the chosen scenarios of every leftover (for restore)."""
    items = [item for p, doc in leftovers for k, item in enumerate(doc.get("scenarios", []))
             if (p, k) in chosen]
    if not items:
        return None
    return {"format": AUTOSAVE_FORMAT, "schema_version": 1, "active": 0, "scenarios": items}


def settle_leftovers(leftovers: list[tuple[Path, dict]], chosen: set[tuple[Path, int]],
                     delete_rest: bool = False) -> list[Path]:
    """After the chosen scenarios were restored (and this run's autosave holds them): each
    leftover keeps the scenarios not chosen (rewritten with only those), and goes when none
    are left; ``delete_rest`` (the strategist said so) removes the rest too. Every autosave
    handled loses the temporary files of its interrupted saves. Returns the autosaves kept."""
    kept = []
    for p, doc in leftovers:
        rest = [item for k, item in enumerate(doc.get("scenarios", [])) if (p, k) not in chosen]
        try:
            if rest and not delete_rest:
                if len(rest) != len(doc.get("scenarios", [])):
                    write_json(p, doc | {"scenarios": rest, "active": 0}, private=True)
                kept.append(p)
            else:
                p.unlink()
        except OSError:
            kept.append(p)
        remove_stale_temp_files(p)
    return kept
