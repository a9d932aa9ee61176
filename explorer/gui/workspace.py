"""Several scenarios open in one window, each with its own undo history, one of them active.

The views bind once to an ActiveDocument, which looks like a ScenarioDocument and forwards
to whichever scenario is active; switching re-emits its signals so every view refreshes.
The Workspace also autosaves every open scenario to the user data folder, so that after a
crash the next start can offer to recover exactly the last autosaved state."""
from __future__ import annotations


import os
import time
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoGroup

from ..core.engine import Engine
from ..core.errors import DataError
from ..core.jsonio import read_json, write_json
from ..core.scenario import Scenario
from .document import ScenarioDocument

AUTOSAVE_FORMAT = "seat-share-explorer/autosave"


class Workspace(QObject):
    activeChanged = Signal(object)  # the active ScenarioDocument
    listChanged = Signal()          # a scenario added, removed, renamed, saved or modified

    def __init__(self, dataset, parent=None):
        super().__init__(parent)
        self.dataset = dataset
        self.docs: list[ScenarioDocument] = []
        self.active: ScenarioDocument | None = None
        self.undo_group = QUndoGroup(self)
        self._prepared: dict = {}  # baseline matrices, shared by every scenario's engine

    def add(self, scenario: Scenario, path: str | None = None, activate: bool = True) -> ScenarioDocument:
        doc = ScenarioDocument(scenario, Engine(self.dataset, self._prepared), parent=self)
        doc.file_path = path
        self.docs.append(doc)
        self.undo_group.addStack(doc.undo_stack)
        doc.undo_stack.cleanChanged.connect(self.listChanged)
        doc.metaChanged.connect(self.listChanged)
        self.listChanged.emit()
        if activate or self.active is None:
            self.activate(doc)
        return doc

    def activate(self, doc: ScenarioDocument) -> None:
        if doc is not self.active:
            self.active = doc
            self.undo_group.setActiveStack(doc.undo_stack)
            self.activeChanged.emit(doc)

    def remove(self, doc: ScenarioDocument) -> None:
        i = self.docs.index(doc)
        self.docs.remove(doc)
        self.undo_group.removeStack(doc.undo_stack)
        if doc is self.active:
            self.active = None
            if self.docs:
                self.activate(self.docs[min(i, len(self.docs) - 1)])
        self.listChanged.emit()
        doc.deleteLater()

    def unique_name(self, stem: str) -> str:
        from ..core.validate import MAX_NAME
        stem = stem[:MAX_NAME - 5]  # room for " (99)"; a longer name would not load again
        names = {d.scenario.name for d in self.docs}
        if stem not in names:
            return stem
        n = 2
        while f"{stem} ({n})" in names:
            n += 1
        return f"{stem} ({n})"

    def find_path(self, path: str) -> ScenarioDocument | None:
        real = os.path.realpath(path)
        for d in self.docs:
            if d.file_path and os.path.realpath(d.file_path) == real:
                return d
        return None

    # -- autosave -------------------------------------------------------------------------
    def autosave_doc(self) -> dict:
        return {"format": AUTOSAVE_FORMAT, "schema_version": 1, "saved_at": datetime.now().isoformat(timespec="seconds"),
                "pid": os.getpid(), "active": self.docs.index(self.active) if self.active in self.docs else 0,
                "scenarios": [{"file": d.file_path, "clean": d.undo_stack.isClean(), "scenario": d.scenario.to_json()}
                              for d in self.docs]}


class ActiveDocument(QObject):
    """Stands for the active scenario's document: same attributes, same signals."""
    evaluated = Signal(object)
    assumptionsChanged = Signal(object)
    rulesChanged = Signal(object)
    poolsChanged = Signal(tuple)
    metaChanged = Signal()
    switched = Signal(object)

    _FORWARD = ("evaluated", "assumptionsChanged", "rulesChanged", "poolsChanged", "metaChanged")

    def __init__(self, workspace: Workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.current: ScenarioDocument | None = None
        workspace.activeChanged.connect(self._switch)
        if workspace.active is not None:
            self._switch(workspace.active)

    def _switch(self, doc: ScenarioDocument) -> None:
        if self.current is not None:
            for name in self._FORWARD:
                try:
                    getattr(self.current, name).disconnect(getattr(self, name))
                except (RuntimeError, TypeError):
                    pass
        self.current = doc
        for name in self._FORWARD:
            getattr(doc, name).connect(getattr(self, name))
        # every view refreshes as after a change
        self.assumptionsChanged.emit(doc.scenario.assumptions)
        self.rulesChanged.emit(doc.scenario.rules)
        self.poolsChanged.emit(())
        self.metaChanged.emit()
        self.switched.emit(doc)
        self.evaluated.emit(doc.evaluation)

    # the ScenarioDocument interface, forwarded
    @property
    def scenario(self):
        return self.current.scenario

    @property
    def evaluation(self):
        return self.current.evaluation

    @property
    def engine(self):
        return self.current.engine

    @property
    def undo_stack(self):
        return self.current.undo_stack

    @property
    def dataset(self):
        return self.workspace.dataset

    @property
    def pools(self):
        return self.current.scenario.pools

    @property
    def file_path(self):
        return self.current.file_path

    def push(self, command) -> bool:
        return self.current.push(command)

    def set_pools(self, pool, text: str, assumptions=None) -> bool:
        return self.current.set_pools(pool, text, assumptions)

    def move(self, ac_nos, pool_key: str) -> bool:
        return self.current.move(ac_nos, pool_key)

    def set_assumptions(self, new, text: str, merge_key: str | None = None) -> bool:
        return self.current.set_assumptions(new, text, merge_key)

    def set_rules(self, new, text: str) -> bool:
        return self.current.set_rules(new, text)

    def set_meta(self, name=None, notes=None, text: str | None = None) -> bool:
        return self.current.set_meta(name, notes, text)


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

    def watch(self, doc) -> None:
        doc.evaluated.connect(self.changed)
        doc.metaChanged.connect(self.changed)

    def changed(self, *_):
        self._dirty = True
        self.idle.start()

    def save_now(self) -> bool:
        if not self._dirty and self.path.exists():
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_json(self.path, self.workspace.autosave_doc(), private=True)  # 0600: only the user
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
            sc = Scenario.from_json(workspace.dataset, item.get("scenario"), f"{name} scenario {k + 1}")
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


