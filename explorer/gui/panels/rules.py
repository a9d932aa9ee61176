"""The Rules dock: the negotiation's rules, each switched on or off with a tick; add, edit and
remove them (each edit one undo step), load and save rules files."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QLabel, QListView, QMenu, QPushButton,
                               QToolButton, QVBoxLayout, QWidget)

from ...core.rules import KIND_LABELS, FactionClaim, MustHave, RegionalMinimum, SeatBounds, SplitVoteRisk
from ..document import Document, DocumentView
from ..style import esc, plain_rich, severity_icon
from .rule_dialog import RuleDialog


class RulesModel(DocumentView, QAbstractListModel):
    follows = {"rulesChanged": "_reset"}

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.set_document(doc)

    def document_shown(self, doc: Document) -> None:
        self._reset()

    def _reset(self, *_):
        self.beginResetModel()
        self.endResetModel()

    def rule(self, row: int):
        return self.doc.scenario.rules.rules[row]

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.doc.scenario.rules.rules)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rule(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{KIND_LABELS[r.kind]}: {r.describe(self.doc.dataset.seats)}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if r.enabled else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole:
            return severity_icon(r.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_rich(f"Severity: {r.severity}\nSource: {r.source or '—'}")
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        r = self.rule(index.row())
        on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        rules = self.doc.scenario.rules.replacing(index.row(), replace(r, enabled=on))
        return self.doc.set_rules(rules, f"{'Enable' if on else 'Disable'} rule {r.id}")


class RulesPanel(DocumentView, QWidget):
    follows = {"rulesChanged": "_update_title"}

    loadRequested = Signal()
    saveRequested = Signal()

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.model = RulesModel(doc, self)
        self.view = QListView()
        self.view.setObjectName("rules")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        add = QToolButton()
        add.setText("Add")
        add.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(add)
        for cls in (FactionClaim, MustHave, RegionalMinimum, SeatBounds, SplitVoteRisk):
            menu.addAction(KIND_LABELS[cls.kind] + "…", lambda cls=cls: self.add(cls))
        add.setMenu(menu)
        self.edit_btn = QPushButton("Edit…")
        self.edit_btn.clicked.connect(self.edit_selected)
        self.remove_btn = QPushButton("Remove")
        self.remove_btn.clicked.connect(self.remove_selected)
        load, save = QPushButton("Load…"), QPushButton("Save…")
        load.setToolTip("Load rules from a file (replaces these rules; undoable)")
        load.clicked.connect(self.loadRequested)
        save.clicked.connect(self.saveRequested)
        buttons = QHBoxLayout()
        for w in (add, self.edit_btn, self.remove_btn):
            buttons.addWidget(w)
        buttons.addStretch(1)
        files = QHBoxLayout()
        files.addWidget(load)
        files.addWidget(save)
        files.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.title = QLabel()
        self.title.setWordWrap(True)
        lay.addWidget(self.title)
        lay.addWidget(self.view, 1)
        lay.addLayout(buttons)
        lay.addLayout(files)
        self.set_document(doc)

    def document_shown(self, doc: Document) -> None:
        self.model.set_document(doc)
        self._update_title()

    def _update_title(self, *_):
        rs = self.doc.scenario.rules
        self.title.setText(f"<b>{esc(rs.name or 'Rules')}</b> · {len(rs.rules)} rules; tick to switch one on or off")

    def _row(self) -> int | None:
        idx = self.view.currentIndex()
        return idx.row() if idx.isValid() else None

    def add(self, cls):
        rs = self.doc.scenario.rules
        partner = self.doc.pools.partners[0].code
        stems = {FactionClaim: "faction", MustHave: "must-have", RegionalMinimum: "regional",
                 SeatBounds: "seat-count", SplitVoteRisk: "split-vote"}
        kw = {} if cls is SplitVoteRisk else {"partner": partner}
        if cls is RegionalMinimum:
            kw.update(region_kind="pc", region=self.doc.dataset.seats.pc_names[0])
        rule = cls(id=rs.new_id(stems[cls]), **kw)
        dlg = RuleDialog(self.doc, rule, self)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.result_rule is not None:
            self.doc.set_rules(rs.with_rule(dlg.result_rule), f"Add rule {dlg.result_rule.id}")

    def edit_selected(self):
        row = self._row()
        if row is None:
            return
        rs = self.doc.scenario.rules
        dlg = RuleDialog(self.doc, rs.rules[row], self)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.result_rule is not None:
            self.doc.set_rules(rs.replacing(row, dlg.result_rule), f"Edit rule {dlg.result_rule.id}")

    def remove_selected(self):
        row = self._row()
        if row is None:
            return
        rs = self.doc.scenario.rules
        self.doc.set_rules(rs.without(row), f"Remove rule {rs.rules[row].id}")
