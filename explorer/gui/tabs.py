"""The tab strip over the window: one tab per open scenario (a click switches, each keeps
its own undo history), a + button and Compare."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QTabBar, QToolButton, QWidget

from .style import plain_rich


class ScenarioTabs(QWidget):
    newRequested = Signal()
    compareRequested = Signal()
    closeRequested = Signal(object)      # ScenarioDocument
    renameRequested = Signal(object)
    duplicateRequested = Signal(object)

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("tab_strip")
        self.setStyleSheet("#tab_strip { background: #ECEFF3; }")
        self.tabs = QTabBar()
        self.tabs.setObjectName("scenario_tabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        self.tabs.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tabs.currentChanged.connect(self._clicked)
        self.tabs.tabCloseRequested.connect(lambda i: self.closeRequested.emit(workspace.docs[i]))
        self.tabs.tabBarDoubleClicked.connect(lambda i: i >= 0 and self.renameRequested.emit(workspace.docs[i]))
        self.tabs.customContextMenuRequested.connect(self._menu)
        new = QToolButton()
        new.setText("+")
        new.setToolTip("New scenario (Ctrl+N)")
        new.setAutoRaise(True)
        new.clicked.connect(self.newRequested)
        cmp = QToolButton()
        cmp.setText("Compare…")
        cmp.setToolTip("Compare two open scenarios")
        cmp.setAutoRaise(True)
        cmp.clicked.connect(self.compareRequested)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 0)
        lay.setSpacing(2)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(new)
        lay.addWidget(cmp)
        self._syncing = False
        workspace.listChanged.connect(self.sync)
        workspace.activeChanged.connect(self.sync)
        self.sync()

    def sync(self, *_):
        docs = self.workspace.docs
        self._syncing = True
        try:
            while self.tabs.count() > len(docs):
                self.tabs.removeTab(self.tabs.count() - 1)
            while self.tabs.count() < len(docs):
                self.tabs.addTab("")
            for i, d in enumerate(docs):
                text = d.scenario.name + (" *" if not d.undo_stack.isClean() else "")
                if self.tabs.tabText(i) != text:
                    self.tabs.setTabText(i, text)
                self.tabs.setTabToolTip(i, plain_rich(d.file_path or "Not saved to a file yet"))
            if self.workspace.active in docs:
                self.tabs.setCurrentIndex(docs.index(self.workspace.active))
        finally:
            self._syncing = False

    def _clicked(self, i):
        if not self._syncing and 0 <= i < len(self.workspace.docs):
            self.workspace.activate(self.workspace.docs[i])

    def _menu(self, pos):
        i = self.tabs.tabAt(pos)
        if i < 0:
            return
        doc = self.workspace.docs[i]
        m = QMenu(self)
        m.addAction("Rename…", lambda: self.renameRequested.emit(doc))
        m.addAction("Duplicate", lambda: self.duplicateRequested.emit(doc))
        m.addAction("Compare with…", self.compareRequested)
        m.addSeparator()
        m.addAction("Close", lambda: self.closeRequested.emit(doc))
        m.exec(self.tabs.mapToGlobal(pos))

    # QTabBar's API, for tests and the window title
    def count(self) -> int:
        return self.tabs.count()

    def tabText(self, i: int) -> str:
        return self.tabs.tabText(i)

    def setCurrentIndex(self, i: int) -> None:
        self.tabs.setCurrentIndex(i)
