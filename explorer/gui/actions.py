"""The window's actions and menus. The Assign actions (one per pool, with Ctrl+1…9 for the
first nine partners, Ctrl+Shift+C for Contested and Ctrl+0 for Unassigned, whatever the number
of partners) are rebuilt whenever the document shown has another partner list."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from .dialogs.help_dialog import show_getting_started, show_reference


CONTESTED_KEY = "Ctrl+Shift+C"
UNASSIGNED_KEY = "Ctrl+0"


def assign_keys(pools) -> list[str | None]:
    """Ctrl+1…9 for the first nine partners (none for a tenth and after); Contested and
    Unassigned keep their own keys whatever the number of partners."""
    n = pools.n_partners
    keys: list[str | None] = [f"Ctrl+{i + 1}" if i < 9 else None for i in range(n)]
    return keys + [CONTESTED_KEY, UNASSIGNED_KEY]


class WindowActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.assign_actions: list[QAction] = []
        self._partners = None
        group = window.workspace.undo_group  # undo and redo act on the active scenario's history
        self.undo = group.createUndoAction(window, "&Undo")
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo = group.createRedoAction(window, "&Redo")
        redo_keys = [QKeySequence("Ctrl+Shift+Z")] + [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
                                                       if k.toString() != "Ctrl+Shift+Z"]
        self.redo.setShortcuts(redo_keys)  # Ctrl+Shift+Z on every platform, plus the native ones
        self.find = QAction("&Find seat", window, shortcut=QKeySequence.StandardKey.Find,
                            triggered=lambda: (window.search.setFocus(), window.search.selectAll()))
        self.select_all = QAction("Select all shown seats", window, shortcut=QKeySequence("Ctrl+Shift+A"),
                                  triggered=lambda: window.table.selectAll())
        self.clear_selection = QAction("Clear selection", window, shortcut=QKeySequence("Ctrl+D"),
                                       triggered=lambda: window.hub.set((), None))
        self._build_menus()

    def set_pools(self, pools) -> None:
        """One Assign action per pool of the document shown."""
        if pools.partners == self._partners:
            return
        self._partners = pools.partners
        for a in self.assign_actions:
            self.w.removeAction(a)
            a.deleteLater()
        self.assign_actions = []
        for i, key in enumerate(assign_keys(pools)):
            label = pools.label(i)
            a = QAction(f"Assign to {label}", self.w)
            if key:
                a.setShortcut(QKeySequence(key))
            a.setObjectName(f"assign_{pools.key(i)}")
            a.setStatusTip(f"Move the selected seats to the {label} pool")
            a.triggered.connect(lambda _c=False, k=pools.key(i): self.w.assign_selected(k))
            self.assign_actions.append(a)
            self.w.addAction(a)
        self.assign_menu.clear()
        for a in self.assign_actions:
            self.assign_menu.addAction(a)

    def _build_menus(self):
        w, fc, im = self.w, self.w.files, self.w.imports
        mb = w.menuBar()
        f = mb.addMenu("&File")
        f.addAction("&New scenario", fc.new, QKeySequence.StandardKey.New)
        f.addAction("&Open…", fc.open, QKeySequence.StandardKey.Open)
        f.addAction("Open &data set…", fc.open_dataset)
        shipped = f.addMenu("Open s&hipped data set")
        from ..core.dataset_io import embedded_ids, embedded_name
        for ds_id in embedded_ids():
            shipped.addAction(embedded_name(ds_id), lambda i=ds_id: fc.open_dataset(f"embedded:{i}"))
        f.addAction("New data set from &files…", fc.new_dataset)
        recent = f.addMenu("Open &recent")
        recent.aboutToShow.connect(lambda: fc.fill_recent_menu(recent))
        f.addAction("&Save", fc.save, QKeySequence.StandardKey.Save)
        f.addAction("Save &as…", fc.save_as, QKeySequence("Ctrl+Shift+S"))
        f.addAction("Re&vert to saved", fc.revert)
        f.addAction("&Close scenario", fc.close_doc, QKeySequence.StandardKey.Close)
        f.addSeparator()
        f.addAction("Import seat &assignments (CSV)…", im.import_assignments)
        f.addAction("&Import baseline results (CSV)…", im.import_baseline)
        f.addAction("Import &map boundaries (GeoJSON)…", im.import_boundaries)
        f.addAction("Use the data set's own map boundaries", im.use_embedded_boundaries)
        f.addAction("&Load rules…", im.load_rules)
        f.addAction("Save &rules as…", im.save_rules)
        f.addSeparator()
        ex = f.addMenu("&Export")
        ex.addAction("Negotiation sheet (XLSX)…", lambda: fc.export("xlsx"))
        ex.addAction("Seats (CSV)…", lambda: fc.export("csv"))
        ex.addAction("One-page brief (PDF)…", lambda: fc.export("pdf"))
        ex.addAction("Map (PNG)…", lambda: w.map_panel.export_dialog("png"))
        ex.addAction("Map (SVG)…", lambda: w.map_panel.export_dialog("svg"))
        from .controllers import printing
        f.addAction("&Print brief…", lambda: printing.print_brief(w), QKeySequence.StandardKey.Print)
        f.addAction("Print seat &table…", lambda: printing.print_seat_table(w))
        f.addSeparator()
        f.addAction("&Quit", w.close, QKeySequence.StandardKey.Quit)
        e = mb.addMenu("&Edit")
        for a in (self.undo, self.redo, None, self.find, self.select_all, self.clear_selection):
            e.addAction(a) if a is not None else e.addSeparator()
        self.assign_menu = mb.addMenu("&Assign")
        s = mb.addMenu("&Scenario")
        s.addAction("&Rename…", lambda: fc.rename())
        s.addAction("&Duplicate", lambda: fc.duplicate())
        s.addAction("Edit &notes…", w.edit_notes)
        s.addAction("&Compare two scenarios…", w.compare)
        s.addSeparator()
        self.presets_menu = s.addMenu("Start from &preset")
        self.presets_menu.aboutToShow.connect(self._fill_presets)
        s.addAction("Put every seat in &Unassigned", lambda: w.assign_all("unassigned"))
        s.addSeparator()
        s.addAction("&Optimise…", lambda: w.analysis.optimise(), QKeySequence("Ctrl+Shift+O"))
        pm = s.addMenu("&Partners")
        pm.addAction("&Add partner…", w.partners.add)
        pm.addAction("&Rename partner…", w.partners.rename)
        pm.addAction("Re&colour partner…", w.partners.recolour)
        pm.addAction("Move partner &earlier", lambda: w.partners.move(-1))
        pm.addAction("Move partner &later", lambda: w.partners.move(+1))
        pm.addAction("Re&move partner…", w.partners.remove)
        self.view_menu = v = mb.addMenu("&View")
        from .dock_layout import fill_view_menu
        fill_view_menu(v, w)
        h = mb.addMenu("&Help")
        h.addAction("&Getting started", lambda: show_getting_started(w))
        h.addAction("&Reference", lambda: show_reference(w))
        h.addAction("&About", w.about)

    def _fill_presets(self):
        self.presets_menu.clear()
        for name in self.w.doc.dataset.scenario_docs:
            self.presets_menu.addAction(name, lambda n=name: self.w.apply_preset(n))

    def _fight_menu(self, m: QMenu) -> QMenu | None:
        """'Partners standing here': for the selected Contested seats, which partners field a
        candidate (a friendly fight between two or more; all by default)."""
        sc = self.w.doc.scenario
        seats = [a for a in self.w.selected_seats() if sc.fight_of(a)]
        if not seats:
            return None
        sub = m.addMenu("Partners standing here (friendly fight)")
        sub.setObjectName("fight_menu")
        standing = set().union(*(sc.fight_of(a) for a in seats))
        every = sub.addAction("Every partner stands", lambda: self.w.set_fight(seats, None))
        every.setCheckable(True)
        every.setChecked(all(a not in sc.fights for a in seats))
        sub.addSeparator()
        for p in sc.pools.partners:
            a = sub.addAction(f"{p.code} — {p.name}")
            a.setObjectName(f"fight_{p.code}")
            a.setCheckable(True)
            a.setChecked(p.code in standing)
            a.toggled.connect(lambda on, c=p.code: self._toggle_fighter(seats, c, on))
        return sub

    def _toggle_fighter(self, seats, code: str, on: bool) -> bool:
        sc = self.w.doc.scenario
        standing = set().union(*(sc.fight_of(a) for a in seats if sc.fight_of(a)))
        return self.w.set_fight(seats, (standing | {code}) if on else (standing - {code}))

    def context_menu(self, view, pos) -> None:
        if not view.indexAt(pos).isValid():
            return
        m = QMenu(self.w)
        sub = m.addMenu("Assign to")
        for a in self.assign_actions:
            sub.addAction(a)
        self._fight_menu(m)
        m.addSeparator()
        m.addAction(self.clear_selection)
        m.exec(view.viewport().mapToGlobal(pos))
