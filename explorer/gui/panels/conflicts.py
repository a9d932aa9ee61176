"""The Conflicts dock: every conflict with the negotiation's rules in plain language;
clicking one selects its seats everywhere."""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from ...core.rules import KIND_LABELS
from ..document import Document, DocumentView
from ..style import SEVERITY_LABELS, plain_rich, severity_icon
from .common import SEVERITY_ROLE


def empty_text(doc: Document) -> tuple[str, bool]:
    """What the dock says when there is no conflict, and whether it is good news: with no rule
    (or every rule switched off) there is nothing to meet, and seats still unassigned are named,
    not hidden behind "meets every rule"."""
    sc = doc.scenario
    rules = [r for r in sc.rules.rules if r.enabled]
    pools = doc.pools
    un = doc.evaluation.pool_counts.get(pools.key(pools.unassigned), 0)
    still = f" {un} seat{'s are' if un != 1 else ' is'} still unassigned." if un else ""
    if not rules:
        off = len(sc.rules.rules)
        return (f"No rules to check{f' ({off} switched off)' if off else ''}: add one in the Rules dock."
                + still, False)
    return "No conflicts: this split meets every rule." + still, not un


class ConflictListModel(DocumentView, QAbstractListModel):
    shown = Signal()        # every evaluation shown (the conflicts or not): the empty note may change

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
        self.shown.emit()

    def evaluated(self, ev, delta=None) -> None:
        if ev.conflicts != self._items:
            self.beginResetModel()
            self._items = list(ev.conflicts)
            self.endResetModel()
        self.shown.emit()

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
        self.empty = QLabel()
        self.empty.setObjectName("conflicts_empty")
        self.empty.setWordWrap(True)
        self._empty_shown = None     # the note's text and colour shown (set again only when they change)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)
        lay.addWidget(self.empty)
        self.model.modelReset.connect(self._update)
        self.model.shown.connect(self._update_empty)
        self._update()

    def set_document(self, doc: Document) -> None:
        self.model.set_document(doc)

    def _update_empty(self) -> None:
        doc = self.model.doc
        if self.model.rowCount() or doc is None:
            return
        note = empty_text(doc)
        if note != self._empty_shown:      # most moves change neither: nothing to re-lay
            self._empty_shown = note
            text, good = note
            self.empty.setText(text)
            self.empty.setStyleSheet(f"color:{'#1B7F3B' if good else '#555'}; padding: 6px;")

    def _update(self):
        n = self.model.rowCount()
        self._update_empty()
        self.empty.setVisible(n == 0)
        self.view.setVisible(n > 0)
        # the list laid out now, not by QListView's zero timer after the window has painted the
        # new conflicts: that layout repainted the list a second time after every drop that changed them
        self.view.executeDelayedItemsLayout()

    def _clicked(self, index):
        self.hub.set(self.model.conflict(index.row()).seats, self)
