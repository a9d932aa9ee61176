"""The main window: constituency table, pools, scoreboard, and docks for conflicts, summary,
chart, assumptions and rules. Every user change goes through an undo command."""
from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDockWidget, QGridLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMainWindow, QMenu, QMessageBox,
                               QSplitter, QTabBar, QTableView, QToolButton, QVBoxLayout, QWidget)

from .. import APP_NAME, __version__
from ..core.loaders import load_results_csv
from ..core.rules import load_rules_file, save_rules_file
from ..core.scenario import Scenario, default_rules, scenario_from_preset
from .document import SelectionHub
from .files import FileController
from .workspace import ActiveDocument, Workspace, restore
from .models import AC_ROLE, SeatFilterProxy, SeatTableModel
from .rules_editor import RulesPanel
from .style import plain_rich
from .widgets import AssumptionsPanel, ConflictPanel, PoolPanel, Scoreboard, SummaryPanel


class SeatTableView(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("seat_table")
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragOnly)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(21)
        self.horizontalHeader().setHighlightSections(False)


class MainWindow(QMainWindow):
    def __init__(self, dataset, scenario: Scenario | None = None, parent=None, with_chart: bool = True,
                 autosave_dir=None, recovered: dict | None = None, scenario_path: str | None = None):
        super().__init__(parent)
        self.dataset = dataset
        self.workspace = Workspace(dataset, self)
        self.recovery_problems = restore(self.workspace, recovered, "autosave") if recovered else []
        if not self.workspace.docs:
            if scenario is None:
                scenario = (scenario_from_preset(dataset, dataset.default_scenario) if dataset.default_scenario
                            else Scenario(dataset))
                if not scenario.rules.rules:
                    scenario.rules = default_rules(dataset, scenario.pools)
            self.workspace.add(scenario, scenario_path)
        self.doc = ActiveDocument(self.workspace, self)
        self.hub = SelectionHub(self)
        self._build_table()
        self._build_pools()
        self.scoreboard = Scoreboard(self.doc, self)
        split = QSplitter(Qt.Horizontal)
        split.setObjectName("main_split")
        split.addWidget(self.table_panel)
        split.addWidget(self.pools_widget)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 2)
        split.setSizes([680, 340])
        split.setChildrenCollapsible(False)
        self.main_split = split
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self._build_tabs())
        lay.addWidget(self.scoreboard)
        lay.addWidget(split, 1)
        self.setCentralWidget(central)
        self._build_docks(with_chart)
        self.files = FileController(self, autosave_dir)
        self._build_actions()
        self._build_menus()
        self.status = QLabel()
        self.status.setTextFormat(Qt.PlainText)
        self.statusBar().addPermanentWidget(self.status, 1)
        self.doc.evaluated.connect(self._on_evaluated)
        self.workspace.listChanged.connect(self._sync_tabs)
        self.doc.switched.connect(self._sync_tabs)
        self.doc.metaChanged.connect(self._sync_tabs)
        self.hub.changed.connect(self._hub_changed)
        self._on_evaluated(self.doc.evaluation)
        self._sync_tabs()

    # -- building --------------------------------------------------------------------------
    def _build_tabs(self):
        """One tab per open scenario; one click switches, each keeps its own undo history."""
        self.tabs = QTabBar()
        self.tabs.setObjectName("scenario_tabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        self.tabs.setContextMenuPolicy(Qt.CustomContextMenu)
        self.tabs.currentChanged.connect(self._tab_clicked)
        self.tabs.tabCloseRequested.connect(lambda i: self.files.close_doc(self.workspace.docs[i]))
        self.tabs.tabBarDoubleClicked.connect(lambda i: i >= 0 and self.files.rename(self.workspace.docs[i]))
        self.tabs.customContextMenuRequested.connect(self._tab_menu)
        new = QToolButton()
        new.setText("+")
        new.setToolTip("New scenario (Ctrl+N)")
        new.setAutoRaise(True)
        new.clicked.connect(lambda: self.files.new())
        cmp = QToolButton()
        cmp.setText("Compare…")
        cmp.setToolTip("Compare two open scenarios")
        cmp.setAutoRaise(True)
        cmp.clicked.connect(self.compare)
        bar = QWidget()
        bar.setObjectName("tab_strip")
        bar.setStyleSheet("#tab_strip { background: #ECEFF3; }")
        lay = QHBoxLayout(bar)
        lay.setContentsMargins(4, 2, 4, 0)
        lay.setSpacing(2)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(new)
        lay.addWidget(cmp)
        return bar

    def _sync_tabs(self, *_):
        docs = self.workspace.docs
        self._syncing_tabs = True
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
            self._syncing_tabs = False
        active = self.workspace.active
        if active is not None:
            where = f" ({os.path.basename(active.file_path)})" if active.file_path else ""
            self.setWindowTitle(f"{active.scenario.name}{where} — {APP_NAME}[*]")
            self.setWindowModified(not active.undo_stack.isClean())

    def _tab_clicked(self, i):
        if not getattr(self, "_syncing_tabs", False) and 0 <= i < len(self.workspace.docs):
            self.workspace.activate(self.workspace.docs[i])

    def _tab_menu(self, pos):
        i = self.tabs.tabAt(pos)
        if i < 0:
            return
        doc = self.workspace.docs[i]
        m = QMenu(self)
        m.addAction("Rename…", lambda: self.files.rename(doc))
        m.addAction("Duplicate", lambda: self.files.duplicate(doc))
        m.addAction("Compare with…", self.compare)
        m.addSeparator()
        m.addAction("Close", lambda: self.files.close_doc(doc))
        m.exec(self.tabs.mapToGlobal(pos))

    def compare(self):
        from .compare_dialog import CompareDialog
        CompareDialog(self).exec()

    def _build_table(self):
        self.seat_model = SeatTableModel(self.doc, self)
        self.proxy = SeatFilterProxy(self)
        self.proxy.setSourceModel(self.seat_model)
        self.table = SeatTableView()
        self.table.setModel(self.proxy)
        self.table.sortByColumn(SeatTableModel.C_NO, Qt.AscendingOrder)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.Interactive)
        widths = {SeatTableModel.C_NO: 36, SeatTableModel.C_NAME: 112, SeatTableModel.C_DISTRICT: 76,
                  SeatTableModel.C_PC: 76, SeatTableModel.C_SC: 28, SeatTableModel.C_BASE: 72,
                  SeatTableModel.C_POOL: 92, SeatTableModel.C_WIN: 62, SeatTableModel.C_MARGIN: 50,
                  SeatTableModel.C_ADJ: 38, SeatTableModel.C_CONFLICT: 26}
        for c, w in widths.items():
            self.table.setColumnWidth(c, w)
        h.setStretchLastSection(False)
        h.setSectionResizeMode(SeatTableModel.C_NAME, QHeaderView.Stretch)
        h.setMinimumSectionSize(24)
        h.setContextMenuPolicy(Qt.CustomContextMenu)
        h.customContextMenuRequested.connect(self._header_menu)
        self.table.selectionModel().selectionChanged.connect(self._table_selection_changed)
        self.table.customContextMenuRequested.connect(lambda pos: self._context_menu(self.table, pos))

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search name or number  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self._filter(text=t))
        seats = self.dataset.seats
        self.district_filter = self._combo("All districts", seats.district_names, "district")
        self.pc_filter = self._combo("All PCs", seats.pc_names, "pc")
        self.pool_filter = QComboBox()
        self.pool_filter.setObjectName("pool_filter")
        self.pool_filter.addItem("All pools", None)
        for i in range(len(self.doc.pools)):
            self.pool_filter.addItem(self.doc.pools.label(i), i)
        self.pool_filter.currentIndexChanged.connect(lambda _i: self._filter(pool=self.pool_filter.currentData()))
        self.conflicts_only = QCheckBox("Conflicts only")
        self.conflicts_only.setObjectName("conflicts_only")
        self.conflicts_only.toggled.connect(lambda on: self._filter(conflicts_only=on))
        self.shown = QLabel()
        self.shown.setStyleSheet("color:#666;")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 2)
        bar.addWidget(self.search, 2)
        for w in (self.district_filter, self.pc_filter, self.pool_filter):
            bar.addWidget(w, 1)
        bar.addWidget(self.conflicts_only)
        bar.addWidget(self.shown)
        self.table_panel = QWidget()
        tl = QVBoxLayout(self.table_panel)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.setSpacing(0)
        tl.addLayout(bar)
        tl.addWidget(self.table, 1)

    def _header_menu(self, pos):
        m = QMenu(self)
        for c, name in enumerate(SeatTableModel.COLUMNS):
            if c in (SeatTableModel.C_NO, SeatTableModel.C_NAME):
                continue
            a = m.addAction(name if name != "⚑" else "Conflict marker")
            a.setCheckable(True)
            a.setChecked(not self.table.isColumnHidden(c))
            a.toggled.connect(lambda on, c=c: self.table.setColumnHidden(c, not on))
        m.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def _combo(self, all_label, names, attr):
        cb = QComboBox()
        cb.setObjectName(f"{attr}_filter")
        cb.addItem(all_label, None)
        for n in names:
            cb.addItem(n, n)
        cb.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        cb.setMinimumContentsLength(8)
        cb.currentIndexChanged.connect(lambda _i: self._filter(**{attr: cb.currentData()}))
        return cb

    def _filter(self, **kw):
        self.proxy.set_filter(**kw)
        self._update_shown()

    def _update_shown(self):
        n, total = self.proxy.rowCount(), self.seat_model.rowCount()
        self.shown.setText(f"{n} of {total}" if n != total else f"{total} seats")

    def _build_pools(self):
        self.pool_panels = []
        w = QWidget()
        w.setObjectName("pools")
        grid = QGridLayout(w)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setSpacing(6)
        pools = self.doc.pools
        order = list(range(len(pools)))
        for k, i in enumerate(order):
            panel = PoolPanel(self.doc, self.hub, i, w)
            panel.view.customContextMenuRequested.connect(lambda pos, v=panel.view: self._context_menu(v, pos))
            self.pool_panels.append(panel)
            grid.addWidget(panel, k // 2, k % 2)
        self.pools_widget = w

    def _dock(self, title, widget, name):
        d = QDockWidget(title, self)
        d.setObjectName(name)
        d.setWidget(widget)
        d.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable | QDockWidget.DockWidgetClosable)
        return d

    def _build_docks(self, with_chart: bool):
        self.conflict_panel = ConflictPanel(self.doc, self.hub, self)
        self.summary_panel = SummaryPanel(self.doc, self)
        self.assumptions_panel = AssumptionsPanel(self.doc, self)
        self.assumptions_panel.importRequested.connect(self.import_baseline)
        self.rules_panel = RulesPanel(self.doc, self)
        self.rules_panel.loadRequested.connect(self.load_rules)
        self.rules_panel.saveRequested.connect(self.save_rules)
        from .map_view import MapPanel
        self.map_panel = MapPanel(self.doc, self.hub, self)
        self.map_dock = self._dock("Map", self.map_panel, "dock_map")
        self.conflict_dock = self._dock("Conflicts", self.conflict_panel, "dock_conflicts")
        self.summary_dock = self._dock("Summary", self.summary_panel, "dock_summary")
        self.assumptions_dock = self._dock("Assumptions", self.assumptions_panel, "dock_assumptions")
        self.rules_dock = self._dock("Rules", self.rules_panel, "dock_rules")
        self.addDockWidget(Qt.RightDockWidgetArea, self.conflict_dock)
        self.addDockWidget(Qt.RightDockWidgetArea, self.summary_dock)
        self.splitDockWidget(self.conflict_dock, self.summary_dock, Qt.Vertical)
        self.tabifyDockWidget(self.summary_dock, self.map_dock)
        self.chart_panel = None
        self.chart_dock = self._dock("Chart", QWidget(), "dock_chart")
        self.tabifyDockWidget(self.map_dock, self.chart_dock)
        self.tabifyDockWidget(self.chart_dock, self.assumptions_dock)
        self.tabifyDockWidget(self.assumptions_dock, self.rules_dock)
        self.map_dock.raise_()
        self.map_dock.visibilityChanged.connect(self.map_panel.set_active)
        self.resizeDocks([self.conflict_dock], [330], Qt.Horizontal)
        self.resizeDocks([self.conflict_dock, self.summary_dock], [170, 500], Qt.Vertical)
        if with_chart:
            # matplotlib (0.3 s to import) waits until the window has painted, or until the
            # Chart tab is opened, whichever comes first: the window shows sooner
            self._chart_pending = True
            self.chart_dock.visibilityChanged.connect(lambda vis: vis and self._attach_chart())

    def event(self, e):
        if e.type() == QEvent.Paint and getattr(self, "_chart_pending", False):
            self._chart_pending = False
            QTimer.singleShot(300, self._attach_chart)
        return super().event(e)

    def _attach_chart(self):
        self._chart_pending = False
        if self.chart_panel is not None:
            return
        from .chart import ChartPanel
        self.chart_panel = ChartPanel(self.doc, self)
        # a tabified dock behind another still reports isVisible(); its visibilityChanged does not lie
        self.chart_panel.active = not self.chart_dock.visibleRegion().isEmpty()
        self.chart_dock.visibilityChanged.connect(self.chart_panel.set_active)
        self.chart_dock.setWidget(self.chart_panel)

    def _build_actions(self):
        pools = self.doc.pools
        self.assign_actions = []
        keys = [f"Ctrl+{i + 1}" for i in range(pools.n_partners)] + [f"Ctrl+{pools.n_partners + 1}", "Ctrl+0"]
        for i in range(len(pools)):
            label = pools.label(i)
            a = QAction(f"Assign to {label}", self)
            a.setShortcut(QKeySequence(keys[i]))
            a.setObjectName(f"assign_{pools.key(i)}")
            a.setStatusTip(f"Move the selected seats to the {label} pool")
            a.triggered.connect(lambda _c=False, k=pools.key(i): self.assign_selected(k))
            self.assign_actions.append(a)
            self.addAction(a)
        group = self.workspace.undo_group  # undo and redo act on the active scenario's history
        self.undo_action = group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = group.createRedoAction(self, "&Redo")
        redo_keys = [QKeySequence("Ctrl+Shift+Z")] + [k for k in QKeySequence.keyBindings(QKeySequence.Redo)
                                                       if k.toString() != "Ctrl+Shift+Z"]
        self.redo_action.setShortcuts(redo_keys)  # Ctrl+Shift+Z on every platform, plus the native ones
        self.find_action = QAction("&Find seat", self, shortcut=QKeySequence.Find,
                                   triggered=lambda: (self.search.setFocus(), self.search.selectAll()))
        self.select_all_action = QAction("Select all shown seats", self, shortcut=QKeySequence("Ctrl+Shift+A"),
                                         triggered=self.select_all_shown)
        self.clear_sel_action = QAction("Clear selection", self, shortcut=QKeySequence("Ctrl+D"),
                                        triggered=lambda: self.hub.set((), None))

    def _build_menus(self):
        mb = self.menuBar()
        fc = self.files
        f = mb.addMenu("&File")
        f.addAction("&New scenario", fc.new, QKeySequence.New)
        f.addAction("&Open…", fc.open, QKeySequence.Open)
        self.recent_menu = f.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(lambda: fc.fill_recent_menu(self.recent_menu))
        f.addAction("&Save", fc.save, QKeySequence.Save)
        f.addAction("Save &as…", fc.save_as, QKeySequence("Ctrl+Shift+S"))
        f.addAction("Re&vert to saved", fc.revert)
        f.addAction("&Close scenario", fc.close_doc, QKeySequence.Close)
        f.addSeparator()
        f.addAction("Import seat &assignments (CSV)…", fc.import_assignments)
        f.addAction("&Import baseline results (CSV)…", self.import_baseline)
        f.addAction("Import &map boundaries (GeoJSON)…", self.import_boundaries)
        f.addAction("&Load rules…", self.load_rules)
        f.addAction("Save &rules as…", self.save_rules)
        f.addSeparator()
        ex = f.addMenu("&Export")
        ex.addAction("Negotiation sheet (XLSX)…", lambda: fc.export("xlsx"))
        ex.addAction("Seats (CSV)…", lambda: fc.export("csv"))
        ex.addAction("One-page brief (PDF)…", lambda: fc.export("pdf"))
        ex.addAction("Map (PNG)…", lambda: self.map_panel._export_dialog("png"))
        ex.addAction("Map (SVG)…", lambda: self.map_panel._export_dialog("svg"))
        f.addSeparator()
        f.addAction("&Quit", self.close, QKeySequence.Quit)
        e = mb.addMenu("&Edit")
        e.addAction(self.undo_action)
        e.addAction(self.redo_action)
        e.addSeparator()
        e.addAction(self.find_action)
        e.addAction(self.select_all_action)
        e.addAction(self.clear_sel_action)
        a = mb.addMenu("&Assign")
        for act in self.assign_actions:
            a.addAction(act)
        s = mb.addMenu("&Scenario")
        s.addAction("&Rename…", lambda: self.files.rename())
        s.addAction("&Duplicate", lambda: self.files.duplicate())
        s.addAction("Edit &notes…", self.edit_notes)
        s.addAction("&Compare two scenarios…", self.compare)
        s.addSeparator()
        presets = s.addMenu("Start from &preset")
        for name in self.dataset.scenario_docs:
            presets.addAction(name, lambda n=name: self.apply_preset(n))
        s.addAction("Put every seat in &Unassigned", lambda: self.assign_all("unassigned"))
        v = mb.addMenu("&View")
        for d in (self.conflict_dock, self.map_dock, self.summary_dock, self.chart_dock, self.assumptions_dock,
                  self.rules_dock):
            v.addAction(d.toggleViewAction())
        h = mb.addMenu("&Help")
        h.addAction("&About", self.about)

    def edit_notes(self):
        from PySide6.QtWidgets import QInputDialog
        from ..core.validate import notes_problem
        text, ok = QInputDialog.getMultiLineText(self, "Scenario notes", plain_rich(f"Notes on “{self.doc.scenario.name}”:"),
                                                 self.doc.scenario.notes)
        if ok and notes_problem(text):
            self.files.show_error("Cannot keep these notes", notes_problem(text))
        elif ok:
            self.doc.set_meta(notes=text)

    def closeEvent(self, e):
        if self.files.close_all():
            e.accept()
        else:
            e.ignore()

    def showEvent(self, e):
        super().showEvent(e)
        if not getattr(self, "_sized", False):
            # the table gets what its columns need; the pools the rest of the central area
            self._sized = True
            dock_w = max(330, min(460, int(self.width() * 0.22)))
            self.resizeDocks([self.conflict_dock], [dock_w], Qt.Horizontal)
            total = self.main_split.width() - (dock_w - self.conflict_dock.width())
            # the pools get a third of the central area (300-560 px), the table the rest;
            # the constituency column takes any width beyond what the columns need
            pools_w = max(300, min(560, int(total * 0.34)))
            self.main_split.setSizes([total - pools_w, pools_w])
            QTimer.singleShot(0, self._fit_columns)

    def _fit_columns(self):
        """Where the table has room, District and PC get their full width before the name
        column stretches into the rest."""
        spare = self.table.viewport().width() - sum(
            self.table.columnWidth(c) for c in range(self.seat_model.columnCount()) if c != SeatTableModel.C_NAME) - 150
        for c in (SeatTableModel.C_DISTRICT, SeatTableModel.C_PC):
            want = self.table.sizeHintForColumn(c) + 8
            grow = min(max(0, want - self.table.columnWidth(c)), max(0, spare))
            if grow:
                self.table.setColumnWidth(c, self.table.columnWidth(c) + grow)
                spare -= grow

    # -- selection -------------------------------------------------------------------------
    def selected_seats(self) -> list[int]:
        return sorted(self.hub.seats)

    def _table_selection_changed(self, *_):
        if getattr(self, "_syncing", False):
            return
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        seats = [self.proxy.index(r, 0).data(AC_ROLE) for r in rows]
        self.hub.set(seats, self.table)

    def _hub_changed(self, seats, source):
        if source is self.table:
            return
        self._syncing = True
        try:
            sel = QItemSelection()
            first = None
            for r in range(self.proxy.rowCount()):
                idx = self.proxy.index(r, 0)
                if idx.data(AC_ROLE) in seats:
                    sel.select(idx, self.proxy.index(r, self.proxy.columnCount() - 1))
                    first = first or idx
            self.table.selectionModel().select(sel, QItemSelectionModel.ClearAndSelect)
            if first is not None:
                self.table.scrollTo(first)
        finally:
            self._syncing = False

    def select_all_shown(self):
        self.table.selectAll()

    # -- commands --------------------------------------------------------------------------
    def assign_selected(self, pool_key: str) -> bool:
        seats = self.selected_seats()
        if not seats:
            self.statusBar().showMessage("Select one or more seats first (click, Shift/Ctrl-click in the table or a pool).", 4000)
            return False
        return self.doc.move(seats, pool_key)

    def assign_all(self, pool_key: str):
        self.doc.move(self.dataset.seats.ac_no.tolist(), pool_key)

    def apply_preset(self, name: str):
        sc = scenario_from_preset(self.dataset, name, with_rules=False)
        self.doc.current.set_pools(sc.pool, f"Preset: {name}", sc.assumptions)

    def _context_menu(self, view, pos):
        if not view.indexAt(pos).isValid():
            return
        m = QMenu(self)
        sub = m.addMenu("Assign to")
        for act in self.assign_actions:
            sub.addAction(act)
        m.addSeparator()
        m.addAction(self.clear_sel_action)
        m.exec(view.viewport().mapToGlobal(pos))

    # -- refresh ---------------------------------------------------------------------------
    def _on_evaluated(self, ev):
        if self.proxy.pool is not None or self.proxy.conflicts_only:
            self.proxy.refilter()  # those filters depend on the split; the others do not
        pools = self.doc.pools
        a = self.doc.scenario.assumptions
        un = int(ev.breakdown.counts[pools.unassigned])
        pr = ev.projection
        self.status.setText(
            f"Majority {pr.majority} of {self.dataset.seats.n} · alliance projected {pr.alliance_seats} · "
            f"{un} unassigned · {self.dataset.baselines[a.baseline].label} · "
            f"{a.describe(tuple(p.code for p in pools.partners))}")
        self._update_shown()

    # -- imports of data and rules (scenario files: FileController) -------------------------
    def import_baseline(self):
        b = self.files.read_file("Import baseline results", "Results CSV (*.csv);;All files (*)",
                                 lambda p: load_results_csv(p, self.dataset.seats))
        if b is not None:
            self.dataset.add_baseline(b)
            a = self.doc.scenario.assumptions
            self.doc.set_assumptions(a.with_baseline(b.id), f"Baseline: {b.label}")
            self.assumptions_panel.sync()

    def import_boundaries(self):
        from ..core.geometry import load_geojson
        b = self.files.read_file("Import map boundaries", "GeoJSON (*.geojson *.json);;All files (*)",
                                 lambda p: load_geojson(p, self.dataset.seats))
        if b is not None and b.warnings and not self.files.ask_yes_no(
                "Boundaries look misplaced", f"{b.warning_text()}\n\nReplace the map with them anyway?"):
            return
        if b is not None:
            self.map_panel.set_boundaries(b)
            self.map_dock.raise_()

    def load_rules(self):
        rs = self.files.read_file("Load rules", "Rules (*.json)",
                                  lambda p: load_rules_file(p, self.dataset.seats, self.doc.pools))
        if rs is not None:
            self.doc.set_rules(rs, f"Load rules {rs.name or 'from file'}")

    def save_rules(self):
        path = self.files.pick_save("Save rules", "rules.json", "Rules (*.json)")
        if not path:
            return
        try:
            save_rules_file(path, self.doc.scenario.rules)
        except OSError as e:
            self.files.show_error("Cannot save rules", f"{path}: {e.strerror or e}")

    def about(self):
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<h3>{APP_NAME} {__version__}</h3><p>Explore how alliance partners split "
                          f"constituencies, offline.</p><p><b>Data</b></p><pre style='font-size:8pt'>"
                          f"{self.dataset.attribution}</pre>")
