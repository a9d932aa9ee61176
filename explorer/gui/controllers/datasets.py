"""Data sets for the window: File ▸ Open data set… (a folder, or a shipped one), New data set
from files…, and the data set a scenario file was made for (offered when it is not open).
The folder each data set was opened from is remembered by id, so a scenario of it finds it."""
from __future__ import annotations

import json
import os

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QFileDialog

from ...core.errors import DataError, clip
from ...core.starting import starting_scenario

EMBEDDED = "embedded:"  # a shipped data set in Open recent: embedded:<id>


class DatasetFiles(QObject):
    def __init__(self, files):
        super().__init__(files)
        self.files = files
        self.w = files.w
        self.workspace = files.workspace

    def pick_folder_box(self, title):
        path = QFileDialog.getExistingDirectory(self.w, title, self.files._dir())
        if path:
            QSettings().setValue("last_dir", path)
        return path

    def open_dataset(self, where: str | None = None) -> bool:
        """Open a data set (a folder holding dataset.json, or ``embedded:<id>``) with a first
        scenario on it: its default preset, or every seat Unassigned on its default baseline."""
        where = where or self.files.pick_folder("Open data set (a folder with dataset.json)")
        if not where:
            return False
        try:
            ds = self._load_dataset(where)
        except DataError as e:
            self.files.show_error("Cannot open data set", e)
            return False
        self.workspace.register(ds)
        sc = starting_scenario(ds, ds.default_scenario)
        sc.name = self.workspace.unique_name(sc.name if ds.default_scenario else ds.name[:60] or "Untitled")
        self.workspace.add(sc)
        self.files._add_recent(where)
        self.w.statusBar().showMessage(f"Opened the data set {ds.name} ({ds.seats.n} seats)", 5000)
        return True

    def new_dataset(self, dialog=None) -> bool:
        """File ▸ New data set from files…: build one (see NewDatasetDialog), then open it."""
        from ..dialogs.new_dataset_dialog import NewDatasetDialog
        dlg = dialog or NewDatasetDialog(self.w, self.files._dir())
        if dialog is None:
            dlg.exec()
        return bool(dlg.built) and self.open_dataset(dlg.built)

    def _load_dataset(self, where: str):
        from ...core.dataset_io import load_dataset, load_embedded
        if where.startswith(EMBEDDED):
            return load_embedded(where[len(EMBEDDED):])
        ds = load_dataset(where)
        self._remember_folder(ds, where)
        return ds

    def _remember_folder(self, ds, where: str) -> None:
        folders = self._dataset_folders()
        folders[ds.id] = os.path.abspath(where)
        QSettings().setValue("dataset_folders", json.dumps(folders))

    def started_on(self, ds, where: str) -> None:
        """The window started on the data set in this folder (``python -m explorer FOLDER``):
        remembered as File ▸ Open data set… remembers one (its folder, Open recent)."""
        self._remember_folder(ds, where)
        self.files._add_recent(where)

    def _dataset_folders(self) -> dict[str, str]:
        """The folder each data set opened before was read from, by id."""
        try:
            v = json.loads(QSettings().value("dataset_folders", "{}") or "{}")
        except (TypeError, ValueError):
            return {}
        return {k: p for k, p in v.items() if isinstance(k, str) and isinstance(p, str)} if isinstance(v, dict) else {}

    def note_version(self, data: dict, ds, path: str) -> str | None:
        """A scenario made on another version of its data set (the content hash it records
        differs) opens, and the status bar says so: seats and votes may have changed since."""
        recorded = data.get("dataset_hash")
        if not isinstance(recorded, str) or not ds.content_hash or recorded == ds.content_hash:
            return None
        text = (f"{os.path.basename(path)} was made on another version of the data set “{ds.id}” "
                f"(content {clip(recorded, 16)}, this one {ds.content_hash}): check its seats and figures")
        self.w.statusBar().showMessage(text, 10000)
        return text

    def dataset_of_file(self, data, path: str):
        """The data set a scenario file was made for. One already in the window is used as it is;
        another is offered (its folder if it was opened before, else the shipped one of that id);
        None when the strategist declines or it is nowhere to be found."""
        ds_id = data.get("dataset") if isinstance(data, dict) else None
        front = self.workspace.active.dataset if self.workspace.active is not None else self.workspace.dataset
        if not isinstance(ds_id, str) or self.workspace.known_dataset(ds_id) is not None:
            return self.workspace.dataset_for(data)
        from ...core.dataset_io import embedded_ids
        folder = self._dataset_folders().get(ds_id)
        if folder and os.path.isdir(folder):
            where, shown = folder, f"its folder {folder}"
        elif ds_id in embedded_ids():
            where, shown = EMBEDDED + ds_id, "the data set shipped with the app"
        else:
            self.files.show_error("Cannot open scenario",
                            f"{os.path.basename(path)} was made for the data set “{clip(ds_id, 40)}”, which is not "
                            f"open here (this window shows “{front.id}”). Open that data set first "
                            "(File ▸ Open data set…), then the scenario.")
            return None
        if not self.files.ask_yes_no("Scenario for another data set",
                               f"{os.path.basename(path)} was made for the data set “{ds_id}”, not “{front.id}”.\n\n"
                               f"Open “{ds_id}” ({shown}) and the scenario on it?"):
            return None
        ds = self._load_dataset(where)
        self.workspace.register(ds)
        self.files._add_recent(where)
        return ds

