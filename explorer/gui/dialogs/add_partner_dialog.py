"""Scenario ▸ Partners ▸ Add partner…: the parties of the data set's baseline in a list (code,
name, seats won, votes, share), searchable by code or name, and what adding the one selected
does to the projection before it is given a seat (core.partner_choice)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QLineEdit,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from ...core.partner_choice import adding_effect, party_rows


class _Num(QTableWidgetItem):
    """A number cell that sorts by its value."""

    def __init__(self, text: str, value: float):
        super().__init__(text)
        self.value = value
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other):
        return self.value < getattr(other, "value", 0)


class AddPartnerDialog(QDialog):
    COLUMNS = ("Code", "Name", "Seats won", "Votes", "Share")

    def __init__(self, scenario, parent=None):
        super().__init__(parent)
        self.sc = scenario
        ds = scenario.dataset
        base = ds.baselines[scenario.assumptions.baseline]
        self.setWindowTitle("Add partner")
        self.resize(640, 480)
        self.rows = party_rows(scenario)
        intro = QLabel(f"The parties of {base.label} that are not partners yet, by votes. "
                       "Type to find one by its code or name.")
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setObjectName("partner_search")
        # the example is this baseline's largest party not yet a partner (JLKM's name in Haryana was none)
        eg = f", e.g. {self.rows[0].code} or {self.rows[0].name.split()[0]}" if self.rows else ""
        self.search.setPlaceholderText(f"Code or name{eg}")
        self.search.textChanged.connect(self._filter)
        self.table = QTableWidget(len(self.rows), len(self.COLUMNS))
        self.table.setObjectName("partner_list")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for r, p in enumerate(self.rows):
            self.table.setItem(r, 0, QTableWidgetItem(p.code))
            self.table.setItem(r, 1, QTableWidgetItem(p.name))
            self.table.setItem(r, 2, _Num(str(p.seats), p.seats))
            self.table.setItem(r, 3, _Num(f"{p.votes:,}", p.votes))
            self.table.setItem(r, 4, _Num(f"{p.share:.1f} %", p.share))
            self.table.item(r, 0).setData(Qt.ItemDataRole.UserRole, p.code)
        h = self.table.horizontalHeader()
        for c in range(len(self.COLUMNS)):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._explain)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        self.effect = QLabel("Select a party to see what adding it does to the projection.")
        self.effect.setObjectName("partner_effect")
        self.effect.setWordWrap(True)
        self.effect.setMinimumHeight(self.effect.fontMetrics().height() * 4)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add partner")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        for w in (intro, self.search, self.table, self.effect, self.buttons):
            lay.addWidget(w)
        if self.rows:
            self.table.selectRow(0)

    def _filter(self, text: str) -> None:
        t = text.strip().lower()
        first = None
        for r, p in enumerate(self.rows):
            hide = bool(t) and t not in p.code.lower() and t not in p.name.lower()
            self.table.setRowHidden(self._row_of(p.code), hide)
            if not hide and first is None:
                first = self._row_of(p.code)
        if first is not None:
            self.table.selectRow(first)
        else:
            self.table.clearSelection()

    def _row_of(self, code: str) -> int:
        return next(r for r in range(self.table.rowCount())
                    if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == code)

    def chosen(self) -> str | None:
        """The code of the party selected, else the code the typed text names (an ECI name the
        party table knows resolves to its code), else None."""
        sel = self.table.selectionModel().selectedRows()
        if sel:
            return self.table.item(sel[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        text = self.search.text().strip()
        return (self.sc.dataset.resolve_party(text) or text) if text else None

    def _explain(self) -> None:
        code = self.chosen()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(code is not None)
        if code is None:
            self.effect.setText("No party matches.")
            return
        try:
            self.effect.setText(adding_effect(self.sc, code).explain())
        except (ValueError, KeyError) as e:
            self.effect.setText(str(e).strip("'\""))
