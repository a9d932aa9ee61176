"""The main window composes: the scenario tabs, the scoreboard, the seat table, the pool
board and the docks (conflicts, summary, map, chart, assumptions, rules), with the actions,
files, imports and autosave each in their own module. When another scenario comes to the
front every panel is given its document; none is built for one data set or partner list."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget

from .. import APP_NAME, __version__
from ..core.assumptions import swings_text
from ..core.scenario import Scenario
from ..core.starting import starting_scenario
from .actions import WindowActions
from .autosave import default_autosave_dir, restore
from .dock_layout import make_dock, save_layout
from .settings import follow_data_dir
from .document import Binding, DocumentViews, ScenarioDocument, SelectionHub
from .controllers.files import FileController
from .controllers.imports import ImportController
from .paint.quiet_label import QuietLabel
from .controllers.partners import PartnerController
from .panels.assumptions import AssumptionsPanel
from .panels.conflicts import ConflictPanel
from .panels.map import MapPanel
from .panels.pools import PoolBoard
from .panels.rules import RulesPanel
from .panels.scoreboard import Scoreboard
from .panels.seat_table import SeatTableModel, SeatTablePanel
from .panels.summary import SummaryPanel
from .style import plain_rich
from .tabs import ScenarioTabs
from .workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self, dataset, scenario: Scenario | None = None, parent=None, with_chart: bool = True,
                 autosave_dir=None, recovered: dict | None = None, scenario_path: str | None = None):
        super().__init__(parent)
        follow_data_dir()             # $SEAT_SHARE_DATA_DIR set: the settings are kept in it (a window made by a script too)
        self._chart_pending = False   # the chart is made once the window has painted
        self._fitted = False          # the table's columns fitted once, when first shown
        self._sized = False           # the window sized to the screen once
        self._split_for = None        # the data set the table and the pools share the width for
        self._outlook = None          # (Headline, stale) of the live uncertainty, for the status bar
        self.dataset = dataset
        self.workspace = Workspace(dataset, self)
        self.workspace.set_store(Path(autosave_dir or default_autosave_dir()).parent / "datasets")
        self.recovery_problems = restore(self.workspace, recovered, "autosave") if recovered else []
        if not self.workspace.docs:
            if scenario is None:
                scenario = starting_scenario(dataset, dataset.default_scenario)
            self.workspace.add(scenario, scenario_path)
        doc = self.workspace.active
        self.hub = SelectionHub(self)
        self._binding = Binding()
        self.tabs = ScenarioTabs(self.workspace)
        self.scoreboard = Scoreboard(doc, self)
        self.table_panel = SeatTablePanel(doc, self.hub)
        self.pool_board = PoolBoard(doc, self.hub)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("main_split")
        split.addWidget(self.table_panel)
        split.addWidget(self.pool_board)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 2)
        split.setSizes([680, 340])
        split.setChildrenCollapsible(False)
        self.main_split = split
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.tabs)
        lay.addWidget(self.scoreboard)
        lay.addWidget(self.table_panel.filter_bar)    # the table's search and filters, over table and pools
        lay.addWidget(split, 1)
        self.setCentralWidget(central)
        self._build_docks(doc, with_chart)
        self.views = DocumentViews()       # told of the document shown, in this order: the selection first
        self.views.add(self.hub, self.scoreboard, self.table_panel, self.pool_board, self.conflict_panel,
                       self.summary_panel, self.assumptions_panel, self.rules_panel, self.map_panel)
        from .controllers.analysis import Analysis  # uncertainty and optimiser (issues 17, 18)
        self.analysis = Analysis(self)
        self._wire_analysis()
        from .dock_layout import arrange_in_groups, restore_layout
        arrange_in_groups(self)         # the deal, the numbers, the advice (dock_layout.py)
        self.layout_restored = restore_layout(self)     # or as the strategist left them
        self.files = FileController(self, autosave_dir)
        self.imports = ImportController(self)
        self.partners = PartnerController(self)
        self.menu_actions = WindowActions(self)
        from .controllers.blocs import Blocs  # the rival blocs and the party lineage (issue 24)
        self.blocs = Blocs(self)
        self.status = QuietLabel(elide=True)     # repainted after every move, never re-lays the window
        self.statusBar().addPermanentWidget(self.status, 1)
        t = self.tabs
        t.newRequested.connect(lambda: self.files.new())
        t.compareRequested.connect(self.compare)
        t.closeRequested.connect(self.files.close_doc)
        t.renameRequested.connect(self.files.rename)
        t.duplicateRequested.connect(self.files.duplicate)
        self.table_panel.table.customContextMenuRequested.connect(
            lambda pos: self.menu_actions.context_menu(self.table, pos))
        self.pool_board.contextMenuRequested.connect(self.menu_actions.context_menu)
        self.workspace.activeChanged.connect(self.set_document)
        self.workspace.listChanged.connect(self._update_title)
        self.set_document(doc)

    # -- the document shown ----------------------------------------------------------------
    @property
    def doc(self) -> ScenarioDocument:
        return self.workspace.active

    def set_document(self, doc: ScenarioDocument) -> None:
        """Show ``doc`` in every view (each rebuilds its shape if it must), in the registry's order."""
        if self._sized and self._split_for is not None and doc.dataset is not self._split_for:
            from .dock_layout import fit_split      # another data set: its names share the width anew
            QTimer.singleShot(0, lambda: fit_split(self))
        self._split_for = doc.dataset
        self.views.show(doc)
        self.menu_actions.set_pools(doc.pools)
        self._binding.bind(doc, evaluated=self._on_evaluated, metaChanged=self._update_title,
                           partnersChanged=self._partners_changed)
        self._on_evaluated(doc.evaluation)
        self._update_title()

    def _partners_changed(self):
        """The partner list of the document shown changed: every view rebuilds its shape."""
        self.set_document(self.doc)

    def _on_evaluated(self, ev):
        self._status_of = ev
        self.status.setText(status_summary(self.doc, ev, self._outlook))

    def set_outlook(self, figures) -> None:
        """The simulated elections' headline (the figures' core.uncertainty.Headline: the expected
        seats, the range, P(majority)) for the status line (None: computing). During an evaluation
        the live figures hear of first, the status line is set once, when the window hears of it."""
        self._outlook = None if figures is None else (figures.headline, figures.stale)
        if getattr(self, "_status_of", None) is None or self.doc.evaluation is self._status_of:
            self._on_evaluated(self.doc.evaluation)

    def _update_title(self, *_):
        active = self.workspace.active
        if active is not None:
            where = f" ({os.path.basename(active.file_path)})" if active.file_path else ""
            self.setWindowTitle(f"{active.scenario.name}{where} — {APP_NAME}[*]")
            self.setWindowModified(not active.undo_stack.isClean())

    # the panels' parts, by the names the tests and tools use
    table = property(lambda self: self.table_panel.table)
    proxy = property(lambda self: self.table_panel.proxy)
    seat_model = property(lambda self: self.table_panel.model)
    search = property(lambda self: self.table_panel.search)
    district_filter = property(lambda self: self.table_panel.district_filter)
    pc_filter = property(lambda self: self.table_panel.pc_filter)
    pool_filter = property(lambda self: self.table_panel.pool_filter)
    conflicts_only = property(lambda self: self.table_panel.conflicts_only)
    shown = property(lambda self: self.table_panel.shown)
    pool_panels = property(lambda self: self.pool_board.panels)
    assign_actions = property(lambda self: self.menu_actions.assign_actions)
    undo_action = property(lambda self: self.menu_actions.undo)
    redo_action = property(lambda self: self.menu_actions.redo)

    # -- docks -------------------------------------------------------------------------------
    _dock = make_dock       # (title, widget, object name): dock_layout.make_dock

    def docks(self) -> list[QDockWidget]:
        return [self.conflict_dock, self.map_dock, self.summary_dock, self.chart_dock, self.assumptions_dock,
                self.rules_dock] + self.analysis.docks() + (self.blocs.docks() if hasattr(self, "blocs") else [])

    def _build_docks(self, doc, with_chart: bool):
        self.conflict_panel = ConflictPanel(doc, self.hub, self)
        self.summary_panel = SummaryPanel(doc, self)
        self.assumptions_panel = AssumptionsPanel(doc, self)
        self.assumptions_panel.importRequested.connect(lambda: self.imports.import_baseline())
        self.rules_panel = RulesPanel(doc, self)
        self.rules_panel.loadRequested.connect(lambda: self.imports.load_rules())
        self.rules_panel.saveRequested.connect(lambda: self.imports.save_rules())
        self.map_panel = MapPanel(doc, self.hub, self)
        self.map_dock = self._dock("Map", self.map_panel, "dock_map")
        self.conflict_dock = self._dock("Conflicts", self.conflict_panel, "dock_conflicts")
        self.summary_dock = self._dock("Summary", self.summary_panel, "dock_summary")
        self.assumptions_dock = self._dock("Assumptions", self.assumptions_panel, "dock_assumptions")
        self.rules_dock = self._dock("Rules", self.rules_panel, "dock_rules")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.conflict_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.summary_dock)
        self.splitDockWidget(self.conflict_dock, self.summary_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.summary_dock, self.map_dock)
        self.chart_panel = None
        self.chart_dock = self._dock("Chart", QWidget(), "dock_chart")
        self.tabifyDockWidget(self.map_dock, self.chart_dock)
        self.tabifyDockWidget(self.chart_dock, self.assumptions_dock)
        self.tabifyDockWidget(self.assumptions_dock, self.rules_dock)
        self.map_dock.raise_()
        self.map_dock.visibilityChanged.connect(self.map_panel.set_active)
        self.summary_dock.visibilityChanged.connect(self.summary_panel.set_active)
        self.resizeDocks([self.conflict_dock], [330], Qt.Orientation.Horizontal)
        self.resizeDocks([self.conflict_dock, self.summary_dock], [170, 500], Qt.Orientation.Vertical)
        if with_chart:
            # matplotlib (0.3 s to import) waits until the window has painted, or until the
            # Chart tab is opened, whichever comes first: the window shows sooner
            self._chart_pending = True
            self.chart_dock.visibilityChanged.connect(lambda vis: vis and self._attach_chart())

    def _wire_analysis(self) -> None:
        """The window's own panels and the analysis docks, wired here once: the map's best-partner
        and cost modes and the table's Best and Cost columns want the who-contests figures
        (computed even while the dock is hidden); the table shows the live P(win)."""
        from ..core.mapstyle import CONTEST_MODES
        who = self.analysis.who
        self.map_panel.modeChanged.connect(lambda m: who.set_wanted(m in CONTEST_MODES))
        who.figuresChanged.connect(self.map_panel.set_contest)
        self.table_panel.contestWanted.connect(lambda on: who.set_wanted(on, "table"))
        who.figuresChanged.connect(self.seat_model.set_contest_figures)
        self.workspace.activeChanged.connect(lambda _d: self.seat_model.set_contest_figures(None))
        self.table_panel.show_p_win_column()
        self.analysis.panel.pollWanted.connect(self.show_poll)   # "without a poll the range is wide"

    def show_poll(self) -> None:
        """The Assumptions dock in front, its poll field focused."""
        self.assumptions_dock.show()
        self.assumptions_dock.raise_()
        self.assumptions_panel.focus_poll()

    def event(self, e):
        if e.type() == QEvent.Type.Paint and self._chart_pending:
            self._chart_pending = False
            QTimer.singleShot(300, self._attach_chart)
        return super().event(e)

    def _attach_chart(self):
        self._chart_pending = False
        if self.chart_panel is not None:
            return
        from .panels.chart import ChartPanel
        self.chart_panel = ChartPanel(self.doc, self)
        self.views.add(self.chart_panel)
        # a tabified dock behind another still reports isVisible(); its visibilityChanged does not lie
        self.chart_panel.active = not self.chart_dock.visibleRegion().isEmpty()
        self.chart_dock.visibilityChanged.connect(self.chart_panel.set_active)
        self.chart_dock.setWidget(self.chart_panel)

    def fit_frame_to_screen(self) -> None:
        """Keep the whole window, frame and title bar included, within the screen's available
        geometry (a window manager adds the frame after the window is sized: the status bar
        would be under the bottom edge)."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        avail = screen.availableGeometry()
        frame, inner = self.frameGeometry(), self.geometry()
        extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
        w = min(inner.width(), avail.width() - extra_w)
        h = min(inner.height(), avail.height() - extra_h)
        if (w, h) != (inner.width(), inner.height()):
            self.resize(max(w, self.minimumWidth()), max(h, self.minimumHeight()))
        frame = self.frameGeometry()
        x = min(max(frame.x(), avail.x()), avail.x() + avail.width() - frame.width())
        y = min(max(frame.y(), avail.y()), avail.y() + avail.height() - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            self.move(max(x, avail.x()), max(y, avail.y()))

    def moveEvent(self, e):
        super().moveEvent(e)
        if not self._fitted and self.isVisible():
            # the first move after the window manager framed the window: fit the frame once
            self._fitted = True
            QTimer.singleShot(0, self.fit_frame_to_screen)

    def showEvent(self, e):
        super().showEvent(e)
        QTimer.singleShot(0, lambda: (self.fit_frame_to_screen(), readable_dock_tabs(self)))
        if not self._sized:
            self._sized = True
            from .dock_layout import first_show
            first_show(self)

    def closeEvent(self, e):
        if self.files.close_all():
            save_layout(self)
            e.accept()
        else:
            e.ignore()

    # -- commands --------------------------------------------------------------------------
    def selected_seats(self) -> list[int]:
        return sorted(self.hub.seats)

    def assign_selected(self, pool_key: str) -> bool:
        seats = self.selected_seats()
        if not seats:
            self.statusBar().showMessage("Select one or more seats first (click, Shift/Ctrl-click in the table or a pool).", 4000)
            return False
        return self.doc.move(seats, pool_key)

    def set_fight(self, ac_nos, codes) -> bool:
        """Which partners stand in Contested seats (None: all); two or more."""
        from ..core.commands import SetFights
        if codes is not None and len(set(codes)) < 2:
            self.statusBar().showMessage("A friendly fight needs two or more partners standing.", 6000)
            return False
        return self.doc.push(SetFights(self.doc.scenario, ac_nos, codes))

    def assign_all(self, pool_key: str):
        self.doc.move(self.doc.dataset.seats.ac_no.tolist(), pool_key)

    def apply_preset(self, name: str) -> bool:
        """Take a preset's split (the pools only), as one undo step of the scenario shown. A
        preset naming a pool this scenario does not have is refused, naming the pool."""
        from ..core.deals import preset_edit
        try:
            edit = preset_edit(self.doc.scenario, name)  # the pools only: baseline and adjustments stay
        except ValueError as e:
            self.files.show_error("Cannot apply the preset", str(e))
            return False
        return self.doc.set_pools(edit.pool, edit.label, fights=edit.fights)

    def edit_notes(self):
        from PySide6.QtWidgets import QInputDialog
        from ..core.validate import notes_problem
        text, ok = QInputDialog.getMultiLineText(self, "Scenario notes", plain_rich(f"Notes on “{self.doc.scenario.name}”:"),
                                                 self.doc.scenario.notes)
        if ok and notes_problem(text):
            self.files.show_error("Cannot keep these notes", notes_problem(text))
        elif ok:
            self.doc.set_meta(notes=text)

    def compare(self):
        from .dialogs.compare_dialog import CompareDialog
        CompareDialog(self).exec()

    # kept for the menus and tests: imports live in ImportController
    def import_baseline(self):
        return self.imports.import_baseline()

    def import_boundaries(self):
        return self.imports.import_boundaries()

    def about(self):
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<h3>{APP_NAME} {__version__}</h3><p>Explore how alliance partners split "
                          f"constituencies, offline.</p><p><b>Data</b></p><pre style='font-size:8pt'>"
                          f"{self.doc.dataset.attribution}</pre>")


_TRANSFER_TEXT: list = [None]     # (assumptions, partners, text) of the status line last written


def _transfer_text(a, partners) -> str:
    """The transfer matrix in a few words, kept while the assumptions (immutable) and partners
    are the same: a move changes neither (21 partners: 420 rates looked up on every move)."""
    kept = _TRANSFER_TEXT[0]
    if kept is None or kept[0] is not a or kept[1] != partners:
        rates = sorted({a.transfer_rate(f.code, t.code) for f in partners for t in partners if f is not t})
        text = (f"transfer {rates[0] * 100:.0f} % every way" if len(rates) == 1
                else f"transfer {rates[0] * 100:.0f}–{rates[-1] * 100:.0f} %")
        kept = _TRANSFER_TEXT[0] = (a, partners, text)
    return kept[2]


def status_summary(doc, ev, outlook=None) -> str:
    """The status bar in one short line: the majority, the headline (``outlook``: (Headline,
    stale) from the simulated elections: the expected seats, their range and P(majority)) and
    the seats the alliance leads in on the projected votes, what is undecided, the friendly
    fights and the baseline; the transfer matrix is summarised."""
    a = doc.scenario.assumptions
    v = ev.verdict
    counts = ev.pool_counts
    un = counts[doc.pools.key(doc.pools.unassigned)]
    con = counts[doc.pools.key(doc.pools.contested)]
    transfer = _transfer_text(a, doc.pools.partners)
    fights = len(doc.scenario.fights)
    if outlook is None:
        verdict = f"alliance leads in {v.alliance} on the projected votes (expected seats, P(majority) computing…)"
    else:
        h, stale = outlook
        o = h.outlook
        verdict = (f"alliance {h.seats} expected (80 %: {h.p10}–{h.p90}), P(majority) {o.percent} ({o.words})"
                   + (" (updating…)" if stale else "") + f", leads in {v.alliance}")
    if ev.blocs.names[1:]:       # the rival blocs' seats: those they lead in, as the alliance's count
        verdict += "; " + ", ".join(f"{n} leads in {ev.bloc_seats[n]}" for n in ev.blocs.names[1:])
    parts = [f"Majority {v.majority} of {v.seats}", verdict,
             f"{con} contested" + (f" ({fights} between some partners)" if fights else ""), f"{un} unassigned",
             doc.dataset.baselines[a.baseline].label, transfer]
    if a.swing_items:
        parts.append("swing " + swings_text(a.swing_items))
    if a.seat_adjust_items:
        parts.append(f"{len(a.seat_adjust_items)} seat adjustment" + ("s" if len(a.seat_adjust_items) > 1 else ""))
    return " · ".join(parts)


__all__ = ["MainWindow", "SeatTableModel", "status_summary"]


def readable_dock_tabs(window: QMainWindow) -> None:
    """Nine docks share the right-hand tab row: their titles stay whole ("Summary", not "S…")
    and the row scrolls, rather than every title elided to a letter."""
    from PySide6.QtWidgets import QTabBar
    if not getattr(window, "_watching_dock_tabs", False):   # a dock moved by the user makes new tab bars
        window._watching_dock_tabs = True
        for d in window.findChildren(QDockWidget):
            d.dockLocationChanged.connect(lambda _a: QTimer.singleShot(0, lambda: readable_dock_tabs(window)))
    for bar in window.findChildren(QTabBar):
        if bar.parent() is window:           # the main window's dock tab bars, not a panel's own tabs
            bar.setElideMode(Qt.TextElideMode.ElideNone)
            bar.setUsesScrollButtons(True)
            bar.setExpanding(False)
