"""Imports into the document shown: a baseline election, map boundaries, a seat list, a
rules file; and saving the rules. Each import is one undo step on that document's stack;
a file that cannot be read changes nothing and says why (file, line, column)."""
from __future__ import annotations

import os

import numpy as np
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from ...core import commands as cc
from ...core.errors import DataError
from ...core.geometry import load_geojson
from ...core.loaders import load_assignments_csv, load_results_csv
from ...core.rules import load_rules_file, save_rules_file
from ..style import message_box


class ImportController(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.ask_csv = self._ask_csv_box  # (path, kind) -> "baseline" | "assignments" | None; tests answer it

    @property
    def files(self):
        return self.w.files

    def import_baseline(self, path: str | None = None) -> bool:
        doc = self.w.doc
        b = self.files.read_file("Import baseline results", "Results CSV (*.csv);;All files (*)",
                                 lambda p: load_results_csv(p, doc.dataset.seats), path)
        if b is None:
            return False
        b = cc.unique_baseline(doc.dataset.baselines, b)
        pushed = doc.push(cc.UseBaseline(doc.scenario, b))
        if pushed:  # the encoding read is said, never guessed silently (core/csvtext.py)
            self.w.statusBar().showMessage(f"Baseline {b.label} read from {b.source} as {b.read_as}", 10000)
        return pushed

    def import_boundaries(self) -> bool:
        doc = self.w.doc
        b = self.files.read_file("Import map boundaries", "GeoJSON (*.geojson *.json);;All files (*)",
                                 lambda p: load_geojson(p, doc.dataset.seats))
        if b is None:
            return False
        if b.warnings and not self.files.ask_yes_no(
                "Boundaries look misplaced", f"{b.warning_text()}\n\nReplace the map with them anyway?"):
            return False
        pushed = doc.push(cc.UseBoundaries(doc.scenario, b))
        self.w.map_dock.raise_()
        return pushed

    def use_embedded_boundaries(self) -> bool:
        """Draw the data set with its own boundaries again (one undo step)."""
        return self.w.doc.push(cc.UseBoundaries(self.w.doc.scenario, None, "Use the data set's own map boundaries"))

    def import_assignments(self, path: str | None = None) -> bool:
        """Seat assignments from a CSV (ac_no, pool), as one undo step. Pools are matched to this
        scenario's partners by code, name or party spelling; a file naming a party that is not a
        partner here is refused (which names, which lines) and the scenario keeps what it had."""
        path = path or self.files.pick_open("Import seat assignments (ac_no, pool)", "CSV (*.csv);;All files (*)")
        if not path:
            return False
        doc = self.w.doc
        try:
            moves = load_assignments_csv(path, doc.dataset.seats, doc.pools, doc.dataset.resolve_party)
        except DataError as e:
            self.files.show_error("Cannot import assignments", e)
            return False
        pool = doc.scenario.pool.copy()
        seats = doc.dataset.seats
        for ac, key in moves.items():
            pool[seats.index_of(ac)] = doc.pools.index(key)
        changed = int(np.count_nonzero(pool != doc.scenario.pool))
        doc.set_pools(pool, f"Import {changed} assignment{'s' if changed != 1 else ''} from {os.path.basename(path)}")
        named = set(moves.values())
        absent = [p.code for p in doc.pools.partners if p.code not in named]
        note = (f"; the file names no seat for {', '.join(absent)} (their seats unchanged)" if absent else "")
        self.w.statusBar().showMessage(f"{len(moves)} seats read from {path} as {moves.read_as}; "
                                       f"{changed} moved{note}", 8000)
        return True

    def load_rules(self) -> bool:
        doc = self.w.doc
        rs = self.files.read_file("Load rules", "Rules (*.json)",
                                  lambda p: load_rules_file(p, doc.dataset.seats, doc.pools))
        return rs is not None and doc.set_rules(rs, f"Load rules {rs.name or 'from file'}")

    def save_rules(self) -> bool:
        path = self.files.pick_save("Save rules", "rules.json", "Rules (*.json)")
        if not path:
            return False
        try:
            save_rules_file(path, self.w.doc.scenario.rules)
        except OSError as e:
            self.files.show_error("Cannot save rules", f"{path}: {e.strerror or e}")
            return False
        return True

    def offer_csv(self, path: str, kind: str) -> bool:
        """A CSV given to File ▸ Open: offer the imports that take it, not a JSON error."""
        answer = self.ask_csv(path, kind)
        if answer == "baseline":
            return self.import_baseline(path)
        if answer == "assignments":
            return self.import_assignments(path)
        return False

    def _ask_csv_box(self, path: str, kind: str) -> str | None:
        box = message_box(self.w, QMessageBox.Icon.Question, "Open a CSV file",
                          f"{os.path.basename(path)} is a CSV file, not a scenario. "
                          + ("It looks like seat assignments (ac_no, pool)." if kind == "assignments" else
                             "It looks like election results." if kind == "baseline" else ""))
        box.setInformativeText("Import it into the scenario in front?")
        base = box.addButton("Import baseline results", QMessageBox.ButtonRole.AcceptRole)
        assign = box.addButton("Import seat assignments", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(assign if kind == "assignments" else base)
        box.exec()
        return {base: "baseline", assign: "assignments"}.get(box.clickedButton())
