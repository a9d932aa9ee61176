"""Recovery at start: every scenario left in the autosaves of runs that did not exit cleanly,
listed with its name, the time it was saved and its data set; the strategist restores any or
all. Nothing is deleted unless the strategist says so: a scenario not restored stays in its
autosave and is offered again at the next start."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout)

from ... import APP_NAME
from ..autosave import autosave_entries, chosen_autosave, settle_leftovers


class RecoveryDialog(QDialog):
    """``chosen`` (autosave path, scenario index) pairs after Restore; ``delete_rest`` when the
    strategist asked to delete what was not restored."""

    def __init__(self, leftovers: list[tuple[Path, dict]], parent=None):
        super().__init__(parent)
        self.leftovers = leftovers
        self.chosen: set[tuple[Path, int]] = set()
        self.delete_rest = False
        self.setWindowTitle(f"Recover scenarios — {APP_NAME}")
        self.resize(640, 360)
        intro = QLabel(f"{APP_NAME} did not close normally. These scenarios were autosaved; tick the ones to "
                       "restore. Those not restored are kept and offered again next time.")
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("recovery_list")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(["Scenario", "Autosaved", "Data set"])
        for p, k, name, when, ds in autosave_entries(leftovers):
            it = QTreeWidgetItem([name, when, ds])
            it.setData(0, Qt.ItemDataRole.UserRole, (p, k))
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(0, Qt.CheckState.Checked)
            it.setToolTip(0, str(p))
            self.list.addTopLevelItem(it)
        self.list.resizeColumnToContents(1)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("Restore ticked", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_all_button = buttons.addButton("Restore all", QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = buttons.addButton("Not now (keep them)", QDialogButtonBox.ButtonRole.RejectRole)
        self.delete_button = QPushButton("Restore ticked, delete the others")
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.restore_button.clicked.connect(lambda: self.finish(self.ticked()))
        self.restore_all_button.clicked.connect(lambda: self.finish(self.all()))
        self.delete_button.clicked.connect(lambda: self.finish(self.ticked(), delete_rest=True))
        self.later_button.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.list, 1)
        lay.addWidget(buttons)

    def items(self) -> list[QTreeWidgetItem]:
        return [self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount())]

    def all(self) -> set[tuple[Path, int]]:
        return {it.data(0, Qt.ItemDataRole.UserRole) for it in self.items()}

    def ticked(self) -> set[tuple[Path, int]]:
        return {it.data(0, Qt.ItemDataRole.UserRole) for it in self.items() if it.checkState(0) == Qt.CheckState.Checked}

    def finish(self, chosen: set, delete_rest: bool = False) -> None:
        self.chosen, self.delete_rest = chosen, delete_rest
        self.accept()

    def recovered(self) -> dict | None:
        """The autosave document to open: the chosen scenarios of every leftover."""
        return chosen_autosave(self.leftovers, self.chosen)

    def settle(self) -> list[Path]:
        """Once the chosen scenarios are held by this run's autosave: what was restored leaves
        the old autosaves, the rest stays (or goes, if the strategist said so)."""
        return settle_leftovers(self.leftovers, self.chosen, self.delete_rest)
