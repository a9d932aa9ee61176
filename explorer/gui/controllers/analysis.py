"""The window's uncertainty and optimiser parts (issues 17 and 18), attached to a MainWindow by
one call: the live uncertainty feeding the scoreboard, the seat table's P(win) column and the
map's win-probability mode; the Uncertainty dock; the Optimise… action."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from ..live_uncertainty import Figures, LiveUncertainty


class _CloseWatch(QObject):
    """Stops the live figures once the window has closed (a close it refused changes nothing)."""

    def __init__(self, window, live):
        super().__init__(window)
        self.w, self.live = window, live
        window.installEventFilter(self)

    def eventFilter(self, obj, e):
        if obj is self.w and e.type() == QEvent.Type.Close:
            self.live.stop()
            QTimer.singleShot(0, self._check)
        return False

    def _check(self):
        if self.w.isVisible():   # the close was refused (the user kept an unsaved change)
            self.live.resume()


class Analysis:
    def __init__(self, window, asynchronous: bool = True):
        self.w = window
        self.live = LiveUncertainty(window.doc, window, asynchronous=asynchronous)
        from ..panels.uncertainty import UncertaintyPanel
        self.panel = UncertaintyPanel(self.live, window.hub, window)
        self.dock = window._dock("Uncertainty", self.panel, "dock_uncertainty")
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.rules_dock, self.dock)
        from ..dialogs.optimise_dialog import Request
        from ..panels.frontier import FrontierPanel
        from ..panels.who_contests import WhoContestsPanel
        self.request = Request()        # the last Optimise… choices: the frontier uses them
        self.frontier = FrontierPanel(window.doc, lambda: self.request, window)
        self.frontier_dock = window._dock("Frontier", self.frontier, "dock_frontier")
        self.who = WhoContestsPanel(window.doc, window.hub, lambda: self.live.settings, window)
        self.who_dock = window._dock("Who contests", self.who, "dock_who_contests")
        from ..panels.walk_away import WalkAwayPanel
        self.walk = WalkAwayPanel(window.doc, lambda: self.live.settings, window, live=self.live)
        self.live.updated.connect(self.walk.live_landed)     # a walk-away job waiting for its simulator
        self.live.failed.connect(self.walk.live_landed)
        self.walk_dock = window._dock("Walk-away", self.walk, "dock_walk_away")
        for d in (self.frontier_dock, self.who_dock, self.walk_dock):
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, d)
            window.tabifyDockWidget(self.dock, d)
        self.who_dock.visibilityChanged.connect(self.who.set_active)
        self.dock.visibilityChanged.connect(self.panel.set_active)
        self.walk_dock.visibilityChanged.connect(self.walk.set_active)
        self.live.updated.connect(self._show)      # the figures carry their stale mark
        window.views.add(self.walk, self.frontier, self.who, self.live)   # told of the document shown after the window's
        self._watch = _CloseWatch(window, self.live)
        window.scoreboard.set_uncertainty("computing…", True)
        if self.live.figures is not None:
            self._show(self.live.figures)

    def optimise(self):
        """Optimise…: the dialog on the document shown, the selected seats offered for locking."""
        return self.make_dialog().exec()

    def make_dialog(self):
        """The Optimise… dialog, wired: its choices go to the frontier, its proposal to the
        walk-away dock (while the same document is shown)."""
        from ..dialogs.optimise_dialog import OptimiseDialog
        doc = self.w.doc
        dlg = OptimiseDialog(doc, self.w.selected_seats(), self.live.settings, self.w)
        self.dialog = dlg
        dlg.ran.connect(self._remember)
        dlg.proposed.connect(lambda p, doc=doc: self.w.doc is doc and self.walk.set_proposal(*p))
        return dlg

    def _remember(self, req) -> None:
        self.request = req

    def docks(self) -> list:
        return [self.dock, self.frontier_dock, self.who_dock, self.walk_dock]

    def _show(self, f: Figures | None) -> None:
        w = self.w
        if f is None:
            w.scoreboard.set_uncertainty("computing the range…", True)
            w.set_outlook(None)
            w.seat_model.set_p_win(None)
            w.map_panel.set_p_win(None)
            return
        h = f.headline     # the core's figures, shown
        w.scoreboard.set_uncertainty(
            f.scoreboard_text(), f.stale,
            f"{f.summary.draws:,} simulated elections ({f.settings.level} uncertainty): the alliance's seats "
            f"average {h.expected:.1f} (median {h.median}) and lie in {h.p10}–{h.p90} in 80 % of them; it reaches "
            f"the majority of {f.summary.majority} in {f.p_majority * 100:.1f} %", f.p_majority, f.interval,
            headline=h, segments=f.segments)
        w.set_outlook(f)
        w.seat_model.set_p_win(f.p_alliance, f.stale)
        w.map_panel.set_p_win(f.p_alliance)

    def export_uncertainty(self, walk_away: bool = True) -> dict | None:
        """The figures the XLSX sheet and the PDF brief show (None while none is computed, or
        while the figures shown are stale), with each partner's walk-away value for the split."""
        f = self.live.figures
        if f is None or f.stale:
            return None
        d = f.to_json()
        d["headline"] = f.headline.to_json()
        if walk_away:
            d["walk_away"] = self.walk_away_of()()
        return d

    def walk_away_of(self):
        """Each partner's walk-away value for the split shown, as a function of values taken now
        (the snapshot, the settings): an export's job calls it off the GUI thread."""
        f = self.live.figures
        doc = self.w.doc
        ds, snap, s = doc.dataset, doc.snapshot(), f.settings

        def walk_away() -> dict:
            from ...core import optimise as O
            from ..live_uncertainty import cached_params
            opt = O.Optimiser(ds, snap, cached_params(ds, s.level), s.draws, s.seed)
            return opt.walk_away(opt.current_choices)
        return walk_away
