"""Files for the window: new, open, save, save as, revert, recent files, close, exports and
the unsaved-changes prompts.

Bad input never costs work: a file that cannot be read gives a message naming the problem
and the open scenarios stay as they were; saves are atomic; autosave keeps a copy of every
open scenario in the user data folder until a clean exit."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ...core.errors import DataError
from ...core.jsonio import read_json
from ...core.filenames import path_key
from ...core.scenario import Scenario
from ...core.starting import starting_scenario
from ..autosave import Autosaver, AutosaveStatus, default_autosave_dir, file_digest
from .datasets import EMBEDDED, DatasetFiles
from ..style import ask, message_box, plain_rich, warn

MAX_RECENT = 8


def csv_kind(path: str) -> str | None:
    """None for a file that is not CSV (a scenario's JSON); else what its header looks like:
    "assignments" (a pool column), "baseline" (votes) or "" (a CSV of another kind)."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return None  # the JSON reader says why
    utf16 = head[:2] in (b"\xff\xfe", b"\xfe\xff")  # Excel's Unicode Text: UTF-16, tab-separated
    text = head.decode("utf-16" if utf16 else "utf-8", "replace").lstrip("\ufeff \t\r\n")
    first = text.replace("\r", "\n").split("\n", 1)[0]
    sep = "\t" if "," not in first and "\t" in first else ","
    if not text or text[0] in "{[" or not (path.lower().endswith(".csv") or sep in first):
        return None
    cols = {c.strip().strip('"').lower() for c in first.split(sep)}
    if "pool" in cols:
        return "assignments"
    if cols & {"votes", "evm_votes", "total_votes", "party", "party_name"}:
        return "baseline"
    return ""


class FileController(QObject):
    def __init__(self, window, autosave_dir: Path | None = None):
        super().__init__(window)
        self.w = window
        self.workspace = window.workspace
        self.autosaver = Autosaver(self.workspace, autosave_dir or default_autosave_dir(), parent=self)
        # prompts go through these, so tests can answer them
        self.ask_save = self._ask_save_box            # (doc) -> "save" | "discard" | "cancel"
        self.ask_yes_no = self._ask_yes_no_box        # (title, text) -> bool
        self.pick_open = self._pick_open              # (title, filter) -> path or ""
        self.pick_save = self._pick_save              # (title, suggested, filter) -> path or ""
        self.show_error = self._show_error            # (title, DataError | str)
        self.warn_later = self._warn_later            # (title, text): a warning that does not block
        self.datasets = DatasetFiles(self)
        self.pick_folder = self.datasets.pick_folder_box  # (title) -> folder or ""
        # an autosave that fails says so in the status bar, and once as a warning, until one succeeds
        self.autosave_status = AutosaveStatus(self.autosaver, window, lambda t, x: self.warn_later(t, x), self)
        for d in self.workspace.docs:  # a file named on the command line: as read now
            if d.file_path and getattr(d, "file_sha", None) is None:
                d.file_sha = file_digest(d.file_path)

    def _warn_later(self, title, text) -> None:
        box = message_box(self.w, QMessageBox.Icon.Warning, title, text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): the window and the autosave timer keep running
        self.last_warning = box

    # -- dialogs ---------------------------------------------------------------------------
    def _dir(self) -> str:
        return QSettings().value("last_dir", "") or ""

    def _remember(self, path: str) -> None:
        QSettings().setValue("last_dir", os.path.dirname(os.path.abspath(path)))

    def _pick_open(self, title, filt):
        path, _ = QFileDialog.getOpenFileName(self.w, title, self._dir(), filt)
        if path:
            self._remember(path)
        return path

    def _pick_save(self, title, suggested, filt):
        path, _ = QFileDialog.getSaveFileName(self.w, title, os.path.join(self._dir(), suggested), filt)
        if path:
            self._remember(path)
        return path

    def _ask_save_box(self, doc) -> str:
        box = message_box(self.w, QMessageBox.Icon.Warning, "Unsaved changes",
                          f"“{doc.scenario.name}” has changes that are not saved.")
        box.setInformativeText("Save them first?")
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(box.exec(), "cancel")

    def _ask_yes_no_box(self, title, text) -> bool:
        return ask(self.w, title, text)

    def _show_error(self, title, e) -> None:
        if isinstance(e, DataError):
            box = message_box(self.w, QMessageBox.Icon.Warning, title, e.summary(1))
            if e.count > 1:
                box.setInformativeText(f"{e.count:,} problems; nothing was changed.")
                box.setDetailedText(e.report())
            else:
                box.setInformativeText("Nothing was changed.")
            box.exec()
        else:
            warn(self.w, title, str(e))

    def read_file(self, title: str, filt: str, loader, path: str | None = None):
        """Ask for a file (unless given) and load it; a DataError is shown (naming file, line
        and column) and gives None, so the caller changes nothing."""
        path = path or self.pick_open(title, filt)
        if not path:
            return None
        try:
            return loader(path)
        except DataError as e:
            self.show_error(title.replace("Import", "Cannot import").replace("Load", "Cannot load"), e)
            return None

    # -- scenarios -------------------------------------------------------------------------
    def new(self) -> None:
        """A new scenario on the data set shown, on the baseline, assumptions and partners of
        the scenario in front (core.starting.starting_scenario), with the data set's rules."""
        front = self.workspace.active
        ds = front.dataset if front is not None else self.workspace.dataset
        self.workspace.add(starting_scenario(ds, like=front.scenario if front is not None else None,
                                             name=self.workspace.unique_name("Untitled")))

    def duplicate(self, doc=None) -> None:
        doc = doc or self.workspace.active
        sc = Scenario.from_json(doc.dataset, doc.scenario.to_json(), "copy")
        sc.name = self.workspace.unique_name(f"{doc.scenario.name} (copy)")
        self.workspace.add(sc)

    def rename(self, doc=None, name: str | None = None) -> None:
        doc = doc or self.workspace.active
        if name is None:
            name, ok = QInputDialog.getText(self.w, "Rename scenario", "Name:", text=doc.scenario.name)
            if not ok:
                return
        from ...core.validate import name_problem
        name = name.strip()
        if name and name_problem(name):
            self.show_error("Cannot rename", name_problem(name))
        elif name:
            doc.set_meta(name=name)

    def close_doc(self, doc=None) -> bool:
        """Close one scenario (asking about unsaved changes); the window always keeps one."""
        doc = doc or self.workspace.active
        if not self._settle(doc):
            return False
        self.workspace.remove(doc)
        if not self.workspace.docs:
            self.new()
        return True

    def _settle(self, doc) -> bool:
        """Unsaved changes: save, discard or cancel. True when it is fine to let go of them."""
        if doc.undo_stack.isClean():
            return True
        answer = self.ask_save(doc)
        if answer == "save":
            return self.save(doc)
        return answer == "discard"

    def close_all(self) -> bool:
        for doc in list(self.workspace.docs):
            if not doc.undo_stack.isClean():
                self.workspace.activate(doc)
                if not self._settle(doc):
                    return False
        self.autosaver.discard()
        return True

    # -- open / save -------------------------------------------------------------------------
    def open(self, path: str | None = None) -> bool:
        path = path or self.pick_open("Open scenario", "Scenarios (*.json);;CSV to import (*.csv);;All files (*)")
        if not path:
            return False
        if os.path.isdir(path) or path.startswith(EMBEDDED):
            return self.open_dataset(path)  # a data set in Open recent
        kind = csv_kind(path)
        if kind is not None:
            return self.w.imports.offer_csv(path, kind)
        existing = self.workspace.find_path(path)
        if existing is not None:
            self.workspace.activate(existing)
            if existing.undo_stack.isClean() or not self.ask_yes_no(
                    "Scenario already open", f"{os.path.basename(path)} is open with unsaved changes. "
                                             "Discard them and read the file again?"):
                return True
        try:
            data = read_json(path)
            ds = self.datasets.dataset_of_file(data, path)
            if ds is None:
                return False
            sc = Scenario.from_json(ds, data, path)
            self.datasets.note_version(data, ds, path)
        except DataError as e:
            self.show_error("Cannot open scenario", e)
            return False
        if existing is not None:
            self.workspace.replace(existing, sc, path).file_sha = file_digest(path)
        else:
            blank = self.workspace.active
            doc = self.workspace.add(sc, path)
            doc.file_sha = file_digest(path)
            # an untouched, never-saved first scenario gives way to the file
            if (blank is not None and blank.file_path is None and blank.undo_stack.count() == 0
                    and blank.undo_stack.isClean() and blank.scenario.name.startswith("Untitled")):
                self.workspace.remove(blank)
            doc.undo_stack.setClean()
        self._add_recent(path)
        return True

    def save(self, doc=None) -> bool:
        doc = doc or self.workspace.active
        if not doc.file_path:
            return self.save_as(doc)
        return self._write(doc, doc.file_path)

    def save_as(self, doc=None) -> bool:
        doc = doc or self.workspace.active
        suggested = doc.file_path or f"{doc.scenario.name}.json"
        path = self.pick_save("Save scenario", os.path.basename(suggested), "Scenarios (*.json)")
        if not path:
            return False
        if not path.lower().endswith(".json"):
            path += ".json"
        if not self._write(doc, path):
            return False
        doc.file_path = path
        self.workspace.listChanged.emit()
        return True

    def _write(self, doc, path: str) -> bool:
        try:
            doc.scenario.save(path)  # atomic: a failure leaves the previous file as it was
        except OSError as e:
            self.show_error("Cannot save", f"{path}: {e.strerror or e}. The file was not changed.")
            return False
        doc.undo_stack.setClean()
        doc.file_sha = file_digest(path)
        self._add_recent(path)
        self.w.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def revert(self, doc=None) -> bool:
        doc = doc or self.workspace.active
        if not doc.file_path:
            return False
        if not doc.undo_stack.isClean() and not self.ask_yes_no(
                "Revert", f"Discard the changes to “{doc.scenario.name}” and read {doc.file_path} again?"):
            return False
        try:
            sc = Scenario.load(doc.dataset, doc.file_path)
        except DataError as e:
            self.show_error("Cannot revert", e)
            return False
        self.workspace.replace(doc, sc, doc.file_path).file_sha = file_digest(doc.file_path)
        return True

    # -- data sets (gui/datasets.py) --------------------------------------------------------
    def open_dataset(self, where: str | None = None) -> bool:
        return self.datasets.open_dataset(where)

    def new_dataset(self, dialog=None) -> bool:
        return self.datasets.new_dataset(dialog)

    # -- recent files ------------------------------------------------------------------------
    def recent(self) -> list[str]:
        v = QSettings().value("recent_files", [])
        return [p for p in (v if isinstance(v, list) else [v] if v else []) if isinstance(p, str)]

    def _add_recent(self, path: str) -> None:
        path = path if path.startswith(EMBEDDED) else os.path.abspath(path)
        files = [path] + [p for p in self.recent() if path_key(p) != path_key(path)]  # case aside on Windows
        QSettings().setValue("recent_files", files[:MAX_RECENT])

    def fill_recent_menu(self, menu) -> None:
        menu.clear()
        files = self.recent()
        for p in files:
            label = (f"Data set: {p[len(EMBEDDED):]} (shipped)" if p.startswith(EMBEDDED) else
                     f"Data set: {os.path.basename(p.rstrip(os.sep)) or p}" if os.path.isdir(p) else os.path.basename(p))
            a = menu.addAction(label, lambda p=p: self.open(p))
            a.setToolTip(plain_rich(p))
            a.setEnabled(p.startswith(EMBEDDED) or os.path.exists(p))
        if not files:
            menu.addAction("No recent files").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("Clear list", lambda: QSettings().setValue("recent_files", []))

    # -- imports and exports -----------------------------------------------------------------
    def export(self, kind: str, path: str | None = None) -> bool:
        """kind: xlsx, csv, pdf."""
        labels = {"xlsx": ("Export negotiation sheet", "Excel workbook (*.xlsx)"),
                  "csv": ("Export seats", "CSV (*.csv)"), "pdf": ("Export one-page brief", "PDF (*.pdf)")}
        title, filt = labels[kind]
        doc = self.w.doc
        path = path or self.pick_save(title, f"{doc.scenario.name}.{kind}", filt)
        if not path:
            return False
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        from ...core import brief, exports
        analysis = getattr(self.w, "analysis", None)   # the range and P(majority), issue 17
        unc = analysis.export_uncertainty() if analysis is not None and kind != "csv" else None
        try:
            if kind == "xlsx":
                exports.write_xlsx(path, doc.scenario, doc.evaluation, uncertainty=unc)
            elif kind == "csv":
                exports.write_seat_csv(path, doc.scenario, doc.evaluation)
            else:
                brief.write_brief(path, doc.scenario, doc.evaluation, uncertainty=unc)
        except OSError as e:
            self.show_error("Cannot export", f"{path}: {e.strerror or e}")
            return False
        self.w.statusBar().showMessage(f"Wrote {path}", 5000)
        return True

    @property
    def autosave_warning(self):
        return self.autosave_status.label
