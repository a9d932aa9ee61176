"""The window's blocs (issue 24), attached by one call: the Blocs dock (the rival blocs beside
ours), the keys Alt+0 … Alt+9 that give the selected seats to a rival's partner and Alt+Shift+1 …
Alt+Shift+9 that have one stand too (a friendly fight between some of its partners), the presets
"As the blocs stood in YEAR" in Scenario ▸ Start from preset, and Data set ▸ Parties (the party
table across the data set's elections, with its lineage: shown and edited)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ...core import bloc_commands as bc
from ..dialogs.parties_dialog import PartiesDialog
from ..panels.blocs import BlocsPanel


class Blocs:
    def __init__(self, window):
        self.w = window
        self.panel = BlocsPanel(window.doc, window.hub, window)
        self.dock = window._dock("Blocs", self.panel, "dock_blocs")
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.assumptions_dock, self.dock)   # the deal's group (dock_layout.GROUPS)
        window.views.add(self.panel)      # told of the document shown, after the window's views
        window.conflict_dock.raise_()  # the conflicts stay in front; the Blocs tab is one click away
        self.dock.visibilityChanged.connect(self.panel.set_active)     # hidden: filled when shown
        self.actions = []
        for k in range(10):
            a = QAction(f"Selected seats to rival partner {k}" if k else "Selected seats: rival fields nobody", window)
            a.setShortcut(QKeySequence(f"Alt+{k}"))
            a.setObjectName(f"rival_assign_{k}")
            a.triggered.connect(lambda _c=False, k=k: self.panel.assign_selected(k))
            window.addAction(a)
            self.actions.append(a)
        self.fight_actions = []          # Alt+Shift+k: partner k stands too (a friendly fight), or stands down
        for k in range(1, 10):
            a = QAction(f"Rival partner {k} also stands in the selected seats (or stands down)", window)
            a.setShortcut(QKeySequence(f"Alt+Shift+{k}"))
            a.setObjectName(f"rival_fight_{k}")
            a.triggered.connect(lambda _c=False, k=k: self.panel.toggle_selected(k))
            window.addAction(a)
            self.fight_actions.append(a)
        # Scenario ▸ Start from preset gains every election's blocs; Data set ▸ Parties
        am = window.menu_actions
        am.presets_menu.aboutToShow.connect(lambda: self.fill_presets(am.presets_menu))
        mb = window.menuBar()
        view = next((a for a in mb.actions() if a.text() == "&View"), None)
        self.dataset_menu = mb.addMenu("&Data set")
        if view is not None:
            mb.insertMenu(view, self.dataset_menu)
        self.dataset_menu.addAction("&Parties and lineage…", self.parties)
        if view is not None:       # the Blocs dock joins the deal's group in View (not after Arrange…)
            from ..dock_layout import fill_view_menu
            fill_view_menu(view.menu(), window, self.docks())

    def docks(self):
        return [self.dock]

    def fill_presets(self, menu) -> None:
        """Scenario ▸ Start from preset: every election's blocs as they stood (after the data set's presets)."""
        from ...core.bloc_presets import bloc_presets
        ds = self.w.doc.dataset
        bids = bloc_presets(ds)
        if bids:
            menu.addSeparator()
        for bid in bids:
            menu.addAction(f"As the blocs stood in {ds.baselines[bid].year}…", lambda b=bid: self.confirm_preset(b))

    def confirm_preset(self, baseline_id: str, dialog=None) -> bool:
        """The election's blocs shown to be confirmed or edited, then put on the scenario (and
        kept in the data set when asked)."""
        from ..dialogs.blocs_dialog import BlocsConfirmDialog
        dlg = dialog or BlocsConfirmDialog(self.w.doc.dataset, baseline_id, self.w)
        if dialog is None and dlg.exec() != BlocsConfirmDialog.DialogCode.Accepted:
            return False
        return self.apply_preset(baseline_id, dlg.chosen, keep=dlg.keep.isChecked())

    def apply_preset(self, baseline_id: str, blocs=None, keep: bool = False) -> bool:
        """The preset "as the blocs stood" in that election (``blocs``: these instead of those
        found), one undo step; ``keep``: the blocs kept in the data set for that election."""
        from ...core.bloc_presets import bloc_preset
        from ...core.errors import DataError
        doc = self.w.doc
        kept = ""
        if keep and blocs is not None:
            from ...core.kept_blocs import keep_blocs
            try:
                kept = f"kept in {keep_blocs(doc.dataset, doc.dataset.baselines[baseline_id].year, blocs)}; "
            except (OSError, DataError) as e:
                msg = e.summary(3) if isinstance(e, DataError) else f"{e.filename or ''}: {e.strerror or e}"
                self.w.files.show_error("The blocs were not kept", f"{msg}\nThey are put on the scenario all the same.")
        try:
            p = bloc_preset(doc.dataset, baseline_id, tuple(x.code for x in doc.pools.partners), blocs)
            ok = doc.push(bc.bloc_preset_command(doc.scenario, p))
        except ValueError as e:
            self.w.files.show_error("Cannot apply the blocs", str(e))
            return False
        if ok:
            self.dock.raise_()
            self.w.statusBar().showMessage(f"{p.label}: " + kept + "; ".join(p.notes[:3]), 10000)
        return ok

    def parties(self) -> PartiesDialog:
        w = self.w
        ds = w.doc.dataset

        def applied():      # every open scenario of the data set projects with the new lineage
            for doc in w.workspace.docs:
                if doc.dataset is ds:
                    doc.scenario.dataset_changed()
        dlg = PartiesDialog(ds, applied, w, partners=w.doc.pools.partners,
                            colours_changed=lambda: w.set_document(w.doc))   # every view redrawn
        dlg.show()
        return dlg
