"""File ▸ New data set from files…: pick the seat list, one or more results files (each with an
id and a label), optional boundaries and the partners (codes or ECI party names), and a folder
to build into. The build (core.dataset_io.build_dataset) runs off the GUI thread; every problem
is listed with its file and line; nothing is half-built (the core builds into a temporary
folder and renames it at the end); a good data set is then opened."""
from __future__ import annotations

import os
from dataclasses import dataclass
from types import MappingProxyType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QListWidget, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ...core.dataset_io import baseline_meta, build_dataset
from ...core.errors import DataError
from ..jobs import run_job


@dataclass(frozen=True)
class Built:
    """What a build job brings back: the folder built, or why nothing was."""
    folder: str | None = None
    problems: DataError | None = None
    error: str = ""


LOKDHABA = "lokdhaba"      # the results row of a Lok Dhaba file (every general election in it)


def _is_lokdhaba(path: str) -> bool:
    from ...core.lokdhaba import is_lokdhaba
    try:
        with open(path, "rb") as f:
            return is_lokdhaba(f.read(4096))
    except OSError:
        return False


def build(request, _job) -> Built:
    """The job: ``build_dataset`` with the dialog's request (read-only)."""
    try:
        build_dataset(**request)
    except DataError as e:
        return Built(problems=e)
    except (ValueError, OSError) as e:
        return Built(error=str(e))
    return Built(folder=request["out_dir"])


class NewDatasetDialog(QDialog):
    """``built`` holds the folder of the data set once it is built."""

    def __init__(self, parent=None, start_dir: str = ""):
        super().__init__(parent)
        self.setWindowTitle("New data set from files")
        self.resize(720, 560)
        self.start_dir = start_dir
        self.built: str | None = None
        self._job = None
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Jharkhand Vidhan Sabha 2024")
        self.seats = self._file_row("Seat list CSV (*.csv);;All files (*)")
        self.boundaries = self._file_row("GeoJSON (*.geojson *.json);;All files (*)")
        self.partners = QLineEdit()
        self.partners.setPlaceholderText("codes or ECI names, comma-separated, e.g. JMM, Indian National Congress")
        self.out = self._file_row("", folder=True)
        self.results = QTableWidget(0, 3)
        self.results.setObjectName("results_files")
        self.results.setHorizontalHeaderLabels(["Id", "Label", "Results file"])
        self.results.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.results.verticalHeader().hide()
        self._auto_label: dict[int, str] = {}     # row -> the label made from its id (follows the id)
        self.results.itemChanged.connect(self._id_changed)
        add, remove = QPushButton("Add results file…"), QPushButton("Remove")
        add.clicked.connect(lambda: self.add_results())
        remove.clicked.connect(self._remove_row)
        rbuttons = QHBoxLayout()
        rbuttons.addWidget(add)
        rbuttons.addWidget(remove)
        rbuttons.addStretch(1)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Seat list", self.seats.parentWidget())
        form.addRow("Results", self.results)
        form.addRow("", rbuttons)
        form.addRow("Boundaries (optional)", self.boundaries.parentWidget())
        form.addRow("Partners", self.partners)
        form.addRow("Build into folder", self.out.parentWidget())
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.problems = QListWidget()  # scrolls: a bad file can have hundreds of problems
        self.problems.setObjectName("build_problems")
        self.problems.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.build_button = self.buttons.addButton("Build and open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.build_button.clicked.connect(self.start_build)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.status)
        lay.addWidget(self.problems, 1)
        lay.addWidget(self.buttons)

    def _file_row(self, filt: str, folder: bool = False) -> QLineEdit:
        box = QWidget(self)  # owned by the dialog until the form takes it
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit()
        browse = QPushButton("Browse…")
        row.addWidget(edit, 1)
        row.addWidget(browse)

        def pick():
            if folder:
                p, _ = QFileDialog.getSaveFileName(self, "Folder to build the data set into", self.start_dir)
            else:
                p, _ = QFileDialog.getOpenFileName(self, "Choose a file", self.start_dir, filt)
            if p:
                edit.setText(p)
        browse.clicked.connect(pick)
        return edit

    def add_results(self, path: str | None = None, bid: str | None = None, label: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Results file as ECI publishes it", self.start_dir,
                                                  "Results CSV (*.csv);;All files (*)")
            if not path:
                return
        if bid is None and _is_lokdhaba(path):   # one file, every general election: one row says so
            bid, label = LOKDHABA, "Every general election in the file (Lok Dhaba)"
        if bid is None:
            stem = os.path.splitext(os.path.basename(path))[0].lower()
            year = next((stem[i:i + 4] for i in range(len(stem) - 3) if stem[i:i + 4].isdigit()), "")
            bid = ("ls" if "lok" in stem or "ls" in stem.split("_") else "vs") + year
        r = self.results.rowCount()
        self.results.insertRow(r)
        auto = baseline_meta(bid)[2]
        self._auto_label[r] = auto if label is None else ""
        for c, v in enumerate((bid, label if label is not None else auto, path)):
            self.results.setItem(r, c, QTableWidgetItem(v))

    def _remove_row(self) -> None:
        r = self.results.currentRow()
        if r < 0:
            return
        self.results.removeRow(r)
        self._auto_label = {(k if k < r else k - 1): v for k, v in self._auto_label.items() if k != r}

    def _id_changed(self, item) -> None:
        """A new id renames the label it made (a label typed by hand stays)."""
        r = item.row()
        if item.column() != 0 or self.results.item(r, 1) is None:
            return
        lab = self.results.item(r, 1)
        if lab.text() == self._auto_label.get(r):
            new = baseline_meta(item.text().strip())[2] if item.text().strip() else ""
            self._auto_label[r] = new
            lab.setText(new)

    # -- building ----------------------------------------------------------------------------
    def request(self) -> dict | str:
        """The build's arguments, or what is missing."""
        rows = []
        for r in range(self.results.rowCount()):
            bid, label, path = (self.results.item(r, c).text().strip() if self.results.item(r, c) else ""
                                for c in range(3))
            if not bid or not path:
                return f"Results row {r + 1}: give an id and a file."
            rows.append((bid, label, path))
        if not self.name.text().strip():
            return "Name the data set."
        lokdhaba = [p for b, _, p in rows if b == LOKDHABA]
        if len(lokdhaba) > 1:
            return "One Lok Dhaba file at a time."
        if not self.seats.text().strip() and not lokdhaba:
            return "Choose the seat list (a Lok Dhaba file brings its own)."
        if not rows:
            return "Add at least one results file."
        if len({b for b, _, _ in rows}) != len(rows):
            return "Each results file needs its own id."
        if not self.out.text().strip():
            return "Choose the folder to build into."
        partners = [p.strip() for p in self.partners.text().split(",") if p.strip()]
        if len(partners) == 1:
            return "Name at least two partners, or none (the two largest parties)."
        rows = [r for r in rows if r[0] != LOKDHABA]
        return dict(out_dir=self.out.text().strip(), name=self.name.text().strip(),
                    seats_file=self.seats.text().strip() or None, results=[(b, p) for b, _, p in rows],
                    labels={b: lab for b, lab, _ in rows if lab}, partners=partners or None,
                    lokdhaba=lokdhaba[0] if lokdhaba else None,
                    boundaries_file=self.boundaries.text().strip() or None)

    def start_build(self) -> None:
        req = self.request()
        self.problems.clear()
        self.problems.hide()
        if isinstance(req, str):
            self.status.setText(req)
            return
        if os.path.exists(req["out_dir"]):
            self.status.setText(f"{req['out_dir']} exists already: choose a new folder (nothing is overwritten).")
            return
        self.build_button.setEnabled(False)
        self.status.setText("Building and checking the data set…")
        self._job = run_job(MappingProxyType(req), build, self._built, self._failed, owner=self)

    @property
    def building(self) -> bool:
        """A build started and its outcome not shown yet."""
        return self._job is not None and not self._job.finished

    def _failed(self, text: str) -> None:
        self.build_button.setEnabled(True)
        self.status.setText(f"{text.splitlines()[0]}\n\nNothing was built.")

    def _built(self, out: Built) -> None:
        self.build_button.setEnabled(True)
        if out.problems is not None:
            e = out.problems
            self.status.setText(f"{e.count:,} problem{'s' if e.count != 1 else ''}; nothing was built.")
            self.problems.addItems([str(p) for p in e.problems] + ([f"… and {e.more:,} more"] if e.more else []))
            self.problems.show()
        elif out.folder is not None:
            self.built = out.folder
            self.accept()
        else:
            self.status.setText(f"{out.error}\n\nNothing was built.")
