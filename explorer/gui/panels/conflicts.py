"""The Conflicts dock: every conflict with the negotiation's rules in plain language;
clicking one selects its seats everywhere."""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from ...core.rules import KIND_LABELS
from ..document import Document, DocumentView
from ..style import SEVERITY_LABELS, plain_rich, severity_icon
from .common import SEVERITY_ROLE


class ConflictListModel(DocumentView, QAbstractListModel):
    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self._items: list = []
        self._shown = None          # the document the items are of
        self.set_document(doc)

    def document_shown(self, doc: Document) -> None:
        if doc is not self._shown:   # the same document again (a partner edit): its evaluations keep the items
            self._shown = doc
            self.beginResetModel()
            self._items = list(doc.evaluation.conflicts)
            self.endResetModel()

    def evaluated(self, ev, delta=None) -> None:
        if ev.conflicts != self._items:
            self.beginResetModel()
            self._items = list(ev.conflicts)
            self.endResetModel()

    def conflict(self, row: int):
        return self._items[row]

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return c.message
        if role == Qt.ItemDataRole.DecorationRole:
            return severity_icon(c.severity)
        if role == SEVERITY_ROLE:
            return c.severity
        if role == Qt.ItemDataRole.ToolTipRole:
            rule = next((r for r in self.doc.scenario.rules.rules if r.id == c.rule_id), None)
            src = f"\nSource: {rule.source}" if rule is not None and rule.source else ""
            return plain_rich(f"{SEVERITY_LABELS[c.severity]} · {KIND_LABELS.get(c.kind, c.kind)}\n{c.message}{src}")
        return None


class ConflictPanel(QWidget):
    def __init__(self, doc: Document, hub, parent=None):
        super().__init__(parent)
        self.hub = hub
        self.model = ConflictListModel(doc, self)
        self.view = QListView()
        self.view.setObjectName("conflicts")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setSpacing(1)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.empty = QLabel("No conflicts: this split meets every rule.")
        self.empty.setStyleSheet("color:#1B7F3B; padding: 6px;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)
        lay.addWidget(self.empty)
        self.model.modelReset.connect(self._update)
        self._update()

    def set_document(self, doc: Document) -> None:
        self.model.set_document(doc)

    def _update(self):
        n = self.model.rowCount()
        self.empty.setVisible(n == 0)
        self.view.setVisible(n > 0)
        # the list laid out now, not by QListView's zero timer after the window has painted the
        # new conflicts: that layout repainted the list a second time after every drop that changed them
        self.view.executeDelayedItemsLayout()

    def _clicked(self, index):
        self.hub.set(self.model.conflict(index.row()).seats, self)
