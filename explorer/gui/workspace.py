"""Several scenarios open in one window, each with its own document and undo history, one
of them active. The views are given the active document (``set_document``) when it changes;
each document may stand on another data set or another partner list."""
from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup

from ..core.dataset import Dataset
from ..core.engine import Engine
from ..core.filenames import path_key
from ..core.imported import load_imported_boundaries, save_imported_boundaries
from ..core.scenario import Scenario
from .document import ScenarioDocument


class Workspace(QObject):
    activeChanged = Signal(object)  # the active ScenarioDocument
    listChanged = Signal()          # a scenario added, removed, renamed, saved or modified
    changed = Signal()              # any scenario changed (for autosave)

    def __init__(self, dataset: Dataset, parent=None):
        super().__init__(parent)
        self.dataset = dataset      # the data set a new scenario starts on
        self.docs: list[ScenarioDocument] = []
        self.active: ScenarioDocument | None = None
        self.undo_group = QUndoGroup(self)
        self._prepared: dict = {}   # baseline matrices, shared by every scenario's engine
        self._datasets: dict[str, Dataset] = {}  # other data sets the open files named
        self.store = None  # folder where each data set's imported boundaries are kept
        self.store_problems: list[str] = []

    def set_store(self, folder) -> None:
        """Keep imported boundaries in ``folder`` (one sub-folder per data set) and draw the
        window's data set with those an earlier run imported."""
        self.store = folder
        self._load_store(self.dataset)

    def _load_store(self, ds: Dataset) -> None:
        if self.store is not None:
            problem = load_imported_boundaries(self.store, ds)
            if problem:
                self.store_problems.append(problem)

    def _save_store(self, ds: Dataset) -> None:
        if self.store is not None:
            try:
                save_imported_boundaries(self.store, ds)
            except OSError as e:  # the map still works; it is not kept for the next start
                self.store_problems.append(f"{self.store}: {e.strerror or e}")

    def dataset_for(self, scenario_doc) -> Dataset:
        """The data set a scenario file names: one already open, else a shipped one (read once);
        a file naming an unknown data set is checked against the window's own, which says so."""
        ds_id = scenario_doc.get("dataset") if isinstance(scenario_doc, dict) else None
        if not isinstance(ds_id, str) or ds_id == self.dataset.id:
            return self.dataset
        for ds in [d.dataset for d in self.docs] + list(self._datasets.values()):
            if ds.id == ds_id:
                return ds
        from ..core.dataset_io import embedded_ids, load_embedded
        if ds_id in embedded_ids():
            self._datasets[ds_id] = load_embedded(ds_id)
            self._load_store(self._datasets[ds_id])
            return self._datasets[ds_id]
        return self.dataset

    def register(self, ds: Dataset) -> Dataset:
        """A data set opened by the strategist (File ▸ Open data set…): scenario files naming
        its id open on it from now on."""
        if ds.id != self.dataset.id:
            self._datasets[ds.id] = ds
            self._load_store(ds)
        return ds

    def known_dataset(self, ds_id: str) -> Dataset | None:
        """A data set with this id already in the window (shown, opened or read for a file)."""
        for ds in [self.dataset] + [d.dataset for d in self.docs] + list(self._datasets.values()):
            if ds.id == ds_id:
                return ds
        return None

    def add(self, scenario: Scenario, path: str | None = None, activate: bool = True) -> ScenarioDocument:
        doc = ScenarioDocument(scenario, Engine(scenario.dataset, self._prepared), parent=self)
        doc.file_path = path
        self.docs.append(doc)
        self.undo_group.addStack(doc.undo_stack)
        doc.undo_stack.cleanChanged.connect(self.listChanged)
        doc.metaChanged.connect(self.listChanged)
        doc.evaluated.connect(self.changed)
        doc.datasetChanged.connect(lambda ds=scenario.dataset: self._save_store(ds))
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
        doc.close()
        doc.deleteLater()

    def replace(self, doc: ScenarioDocument, scenario: Scenario, path: str | None) -> ScenarioDocument:
        """Put a freshly read scenario in ``doc``'s place (revert, open again)."""
        i = self.docs.index(doc)
        new = self.add(scenario, path, activate=False)
        self.docs.remove(new)
        self.docs.insert(i, new)
        self.activate(new)
        self.remove(doc)
        return new

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
        real = path_key(path)  # letter case aside on Windows
        for d in self.docs:
            if d.file_path and path_key(d.file_path) == real:
                return d
        return None
