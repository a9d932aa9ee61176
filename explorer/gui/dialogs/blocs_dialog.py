"""Scenario ▸ Start from preset ▸ As the blocs stood in YEAR: the election's blocs as found (kept
in the data set, from the known alliances or inferred from who stood where), confirmed or edited
by the strategist (a bloc's name and partners; a bloc added or removed) before they are put on
the scenario, and kept in the data set when asked (``core.kept_blocs``)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from ...core.bloc_inference import Bloc


class BlocsConfirmDialog(QDialog):
    def __init__(self, dataset, baseline_id: str, parent=None):
        super().__init__(parent)
        from ...core.bloc_presets import election_blocs
        self.ds = dataset
        self.year = dataset.baselines[baseline_id].year
        rep, self.standing = election_blocs(dataset, baseline_id)
        self.found = list(rep.blocs)
        self.setWindowTitle(f"The blocs of {self.year}")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("blocs_table")
        self.table.setHorizontalHeaderLabels(["Bloc", "Partners", "Source"])
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        for b in self.found:
            self._add_row(b.name, ", ".join(b.partners), b.source)
        add, remove = QPushButton("Add bloc"), QPushButton("Remove bloc")
        add.clicked.connect(lambda: self._add_row("", "", "edited"))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        self.keep = QCheckBox("Keep these blocs in the data set (used for this election from now on)")
        self.keep.setObjectName("keep_blocs")
        self.keep.setChecked(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("blocs_status")
        how = "; ".join(rep.differs) if rep.differs else ""
        intro = QLabel(f"The blocs of {self.year}, found from who stood where and the known alliances"
                       + (f" ({how})" if how else "") + ". Confirm them or edit them: partners are codes or "
                       "ECI names, separated by commas; a party in no bloc stands alone.")
        intro.setWordWrap(True)
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        bb.button(QDialogButtonBox.StandardButton.Ok).setText("Apply")
        bb.accepted.connect(self.accept)
        bb.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        lay.addWidget(self.keep)
        lay.addWidget(self.status)
        lay.addWidget(bb)
        # the source's address whole (it was "https://en.wikipedia…."), the partners the rest
        fm = self.table.fontMetrics()
        widest = min(max((fm.horizontalAdvance(b.source) for b in self.found), default=80) + 12, 640)
        self.table.setColumnWidth(2, widest)
        self.resize(max(640, widest + 420), 340)
        self.table.resizeRowsToContents()

    def _add_row(self, name: str, partners: str, source: str) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(name))
        self.table.setItem(r, 1, QTableWidgetItem(partners))
        src = QTableWidgetItem(source)
        src.setFlags(src.flags() & ~Qt.ItemFlag.ItemIsEditable)
        src.setToolTip(source)
        self.table.setItem(r, 2, src)

    def blocs(self) -> list[Bloc]:
        """The blocs as the table says them; ValueError naming the row when one is wrong. A bloc
        as found keeps its source; one edited says so (and when)."""
        out: list[Bloc] = []
        owner: dict[str, str] = {}
        today = date.today().isoformat()
        for r in range(self.table.rowCount()):
            text = [(self.table.item(r, c).text().strip() if self.table.item(r, c) else "") for c in range(3)]
            name, partners = text[0], text[1]
            if not name and not partners:
                continue
            if not name:
                raise ValueError(f"row {r + 1}: the bloc needs a name")
            codes = []
            for t in partners.replace("|", ",").split(","):
                t = t.strip()
                if t:
                    codes.append(self.ds.resolve_party(t) or t.upper())
            codes = list(dict.fromkeys(codes))
            if not codes:
                raise ValueError(f"row {r + 1} ({name}): no partners")
            for c in codes:
                if c in owner:
                    raise ValueError(f"row {r + 1}: {c} is already in {owner[c]}")
                owner[c] = name
            if name.casefold() in {b.name.casefold() for b in out}:
                raise ValueError(f"row {r + 1}: a second bloc called {name}")
            same = next((b for b in self.found if b.name == name and list(b.partners) == codes), None)
            if same is not None:
                source = same.source if same.source.startswith(("confirmed", "edited")) else \
                    f"confirmed {today}; {same.source}"
            else:
                source = f"edited {today}"
            out.append(Bloc(name, tuple(codes), source))
        return out

    def accept(self) -> None:
        try:
            self.chosen = self.blocs()
        except ValueError as e:
            self.status.setText(str(e))
            return
        super().accept()
