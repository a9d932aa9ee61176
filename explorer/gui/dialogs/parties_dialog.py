"""Data set ▸ Parties and lineage: the data set's parties across its elections (code, ECI name,
other spellings, where the entry comes from — ECI's register, or a code made up from the
initials, marked * — the elections it stood in, what the lineage says of it) and the lineage table itself (renames,
mergers, splits with each heir's share), edited here, checked row by row and applied to every
scenario of the data set; saved to a CSV file or loaded from one (added to the table, its rows
replacing the table's of the same event). Above them, the partners whose colours read alike and
the shades they are drawn in (core.partner_colours), with the choice to draw the given colours,
and the rivals drawn in a shade (core.palette.rival_shades)."""
from __future__ import annotations

import csv
import io
from typing import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView,
                               QLabel, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QTabWidget,
                               QVBoxLayout)

from ...core.errors import DataError
from ...core.lineage import COLUMNS, Lineage, read_lineage
from ...core.parties import lab
from ...core.partner_colours import ALIKE, alike_pairs, keep_given, resolve
from ...core.pools import FIXED_COLOURS
from ..style import esc
from ..view_fit import OnWidthChange


PARTY_COLUMNS = ("Code", "ECI name", "Spellings", "Source", "Elections", "Lineage")
# the lineage table's columns as headed here (the file keeps lineage.COLUMNS' names)
LINEAGE_HEADERS = ("Kind", "Party", "Becomes", "Share (0–1)", "State", "Year", "Seat no.", "Source")


KEEP_GIVEN_KEY = "colours/keep_given"


def load_colour_choice() -> bool:
    """The user's choice (QSettings) to draw every partner in its given colour, put in force."""
    return keep_given(QSettings().value(KEEP_GIVEN_KEY, False, type=bool))


def _swatch(colour: str) -> str:
    return f"<span style='color:{colour}'>■</span>"


def colour_notes(partners, dataset=None) -> str:
    """What the Parties dialog says of the partners' colours (rich text): which are drawn in a
    shade and why, or, with the given colours kept, which read alike; then (given the data set)
    the rivals drawn in a shade (core.palette.rival_shades); "" when none is."""
    rivals = _rival_notes(partners, dataset)
    return " ".join(t for t in (_partner_notes(partners), rivals) if t)


def _rival_notes(partners, dataset) -> str:
    if dataset is None:
        return ""
    from ...core.palette import rival_shades
    shaded = rival_shades(dataset, tuple(partners))
    if not shaded:
        return ""
    said = "; ".join(f"{esc(party)} {_swatch(s.given)} is drawn in {_how(s)} {_swatch(s.shown)}: its colour reads "
                     f"like {esc(s.alike)}'s (ΔE {s.delta:.1f})" for party, s in shaded)
    return (f"<b>Rivals' colours</b> — {said}. The rivals are held to the same rule, most seats first, beside "
            "each other and the partners in the seat bar and on the map; the data set keeps the party table's "
            "colours.")


def _how(s) -> str:
    dl = lab(s.shown)[0] - lab(s.given)[0]
    return "a lighter shade" if dl >= 5 else "a darker shade" if dl <= -5 else "its hue turned"


def _partner_notes(partners) -> str:
    given = tuple(p.colour for p in partners)
    codes = tuple(p.code for p in partners)
    if keep_given():
        pairs = alike_pairs(given)
        if not pairs:
            return ""
        said = ", ".join(f"{esc(codes[i])} {_swatch(given[i])} and {esc(codes[j])} {_swatch(given[j])} "
                         f"(ΔE {d:.1f})" for i, j, d in pairs)
        return (f"Every partner is drawn in its given colour. Alike (CIEDE2000 under {ALIKE:g}): {said}: "
                "they may be hard to tell apart on the map, the seat bar and the pools.")
    _shown, shaded = resolve(given, codes, FIXED_COLOURS)
    if not shaded:
        return ""
    lines = []
    for s in shaded:
        lines.append(f"{esc(codes[s.index])} {_swatch(s.given)} is drawn in {_how(s)} {_swatch(s.shown)}: its colour "
                     f"reads like {esc(s.alike)}'s (ΔE {s.delta:.1f})")
    return ("<b>Partners' colours</b> — " + "; ".join(lines) + f". Under ΔE {ALIKE:g} (CIEDE2000) two colours "
            "read as one on the map, the seat bar and the pools; the partner first in the list keeps its own. "
            "The scenario keeps the given colours (Scenario ▸ Partners ▸ Recolour changes them).")


def election_short(label: str, year: int | None) -> str:
    """A baseline's election in a few characters: "LS 2024", "VS 2019" (the Elections column read
    "2019, 2024, 2024" where Haryana's Lok Sabha and Vidhan Sabha of 2024 are both baselines)."""
    kind = "LS" if "lok sabha" in label.lower() else "VS" if "vidhan sabha" in label.lower() else ""
    return " ".join(x for x in (kind, str(year) if year else "") if x) or label


class PartiesDialog(QDialog):
    """Data set ▸ Parties: the data set's parties (code, name, what the lineage says of them) and
    the lineage table itself (renames, mergers, splits with each heir's share), edited here and
    applied to every scenario of the data set; saved to a CSV file or loaded from one."""

    def __init__(self, dataset, applied: Callable[[], None], parent=None, partners=(),
                 colours_changed: Callable[[], None] | None = None):
        super().__init__(parent)
        self.applied = applied
        self.partners = tuple(partners)
        self.colours_changed = colours_changed
        ds = dataset
        self.ds = ds
        self.setWindowTitle(f"Parties of {ds.name}")
        self.resize(980, 500)
        from ...core.successors import dataset_lineage, state_code
        self.state = state_code(ds)
        lin = dataset_lineage(ds)
        self.parties = QTableWidget(0, len(PARTY_COLUMNS))
        self.parties.setObjectName("parties_table")
        self.parties.setHorizontalHeaderLabels(list(PARTY_COLUMNS))
        # the source and the lineage share the room left, each wrapped over its row's lines (the
        # lineage was cut to "split → JJP 86% (2018); split …")
        ph = self.parties.horizontalHeader()
        for name in ("Source", "Lineage"):
            ph.setSectionResizeMode(PARTY_COLUMNS.index(name), QHeaderView.ResizeMode.Stretch)
        self.parties.setWordWrap(True)
        OnWidthChange(self.parties, self.parties.resizeRowsToContents)   # rows wrap anew at its width
        self.parties.verticalHeader().hide()
        for c, width in ((0, 80), (1, 210), (2, 130), (4, 120)):
            self.parties.setColumnWidth(c, width)
        self.lineage = QTableWidget(0, len(COLUMNS))
        self.lineage.setObjectName("lineage_table")
        self.lineage.setHorizontalHeaderLabels(list(LINEAGE_HEADERS))
        self.lineage.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.lineage.verticalHeader().hide()
        self._fill_parties(lin)
        self._fill_lineage(lin)
        tabs = QTabWidget()
        tabs.addTab(self.parties, "Parties")
        tabs.addTab(self.lineage, "Lineage")
        self.tabs = tabs
        add, remove, load, save = (QPushButton(t) for t in ("Add row", "Remove row", "Load…", "Save as…"))
        add.clicked.connect(lambda: self.lineage.insertRow(self.lineage.rowCount()))
        remove.clicked.connect(lambda: self.lineage.removeRow(self.lineage.currentRow()))
        load.clicked.connect(self.load)
        save.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        for b in (add, remove, load, save):
            row.addWidget(b)
        row.addStretch(1)
        # the buttons edit the lineage table: shown with it, not under the parties
        self._lineage_buttons = (add, remove, load, save)
        tabs.currentChanged.connect(self._tab_changed)
        self._tab_changed(tabs.currentIndex())
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Close)
        bb.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        bb.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"A projection from an older election maps its parties to the newest election's "
                             f"({self.state or 'no state code'}): renames, mergers, and splits with each heir's share. "
                             "Parties: ECI's name and other spellings, and where each entry comes from; "
                             "* marks a code made up from the initials (ECI's register lacks the party).",
                             wordWrap=True))
        # the partners' colours: which are drawn in a shade and why, and the choice to draw them as given
        self.colours = QLabel(wordWrap=True)
        self.colours.setObjectName("partner_colours")
        self.keep = QCheckBox("Draw every partner in its given colour, alike or not")
        self.keep.setToolTip("Off: a partner whose colour reads like an earlier partner's (or like Contested's "
                             "or Unassigned's) is drawn in a shade of its own colour. The choice is kept for "
                             "every scenario.")
        self.keep.setChecked(keep_given())
        self.keep.toggled.connect(self.set_keep_given)
        lay.addWidget(self.colours)
        lay.addWidget(self.keep)
        self._show_colours()
        lay.addWidget(tabs, 1)
        lay.addLayout(row)
        lay.addWidget(self.status)
        lay.addWidget(bb)

    def _show_colours(self) -> None:
        text = colour_notes(self.partners, self.ds)
        self.colours.setText(text)
        self.colours.setVisible(bool(text))
        # the choice shows where it changes something (partners alike), or to undo it (rivals are shaded either way)
        self.keep.setVisible(bool(_partner_notes(self.partners)) or keep_given())

    def set_keep_given(self, on: bool) -> None:
        """Draw the partners in their given colours (on) or in shades where alike; kept in the
        settings, every view redrawn."""
        if self.keep.isChecked() != bool(on):
            self.keep.setChecked(bool(on))     # its toggled signal comes back here
            return
        keep_given(on)
        QSettings().setValue(KEEP_GIVEN_KEY, bool(on))
        self._show_colours()
        if self.colours_changed is not None:
            self.colours_changed()

    def _tab_changed(self, index: int) -> None:
        on = self.tabs.widget(index) is self.lineage
        for b in self._lineage_buttons:
            b.setVisible(on)

    def _fill_parties(self, lin: Lineage) -> None:
        ds = self.ds
        seen: dict[str, list[tuple[int, str]]] = {}
        for b in ds.baselines.values():
            for p in set(b.candidates["party"]):
                seen.setdefault(p, []).append((b.year or 0, election_short(b.label, b.year)))
        codes = sorted(seen, key=lambda p: (-len(seen[p]), p))
        self.parties.setRowCount(len(codes))
        for r, p in enumerate(codes):
            said = [f"{e.kind} → {e.to}" + (f" {e.share:.0%}" if e.share is not None else "") + f" ({e.year})"
                    for e in lin.events if e.code == p and e.kind != "spelling" and e.state in ("", self.state)]
            said += [f"from {e.code} ({e.kind}, {e.year})" for e in lin.events
                     if e.to == p and e.code != p and e.kind != "spelling" and e.state in ("", self.state)]
            table = getattr(ds, "parties", None)
            spellings = ", ".join(table.spellings(p)) if table is not None else ""
            source = table.source(p) if table is not None else ""
            made_up = table is not None and table.made_up(p)
            for c, v in enumerate((p + (" *" if made_up else ""), ds.party_names.get(p, p), spellings, source,
                                   ", ".join(e for _y, e in sorted(seen[p])), "; ".join(said))):
                it = QTableWidgetItem(v)
                it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if made_up:  # not ECI's abbreviation: the register lacks the party
                    it.setToolTip(f"{p}: a code made up from the name's initials; ECI's register of parties "
                                  "does not list this party")
                    font = it.font()
                    font.setItalic(True)
                    it.setFont(font)
                elif c == 3 and v:
                    it.setToolTip(v)
                self.parties.setItem(r, c, it)

    def _fill_lineage(self, lin: Lineage) -> None:
        rows = [e for e in lin.events if e.kind != "spelling" and e.state in ("", self.state)]
        self.lineage.setRowCount(len(rows))
        for r, e in enumerate(rows):
            vals = (e.kind, e.code, e.to, "" if e.share is None else f"{e.share:g}", e.state,
                    "" if e.year is None else str(e.year), "" if e.ac_no is None else str(e.ac_no), e.source)
            for c, v in enumerate(vals):
                self.lineage.setItem(r, c, QTableWidgetItem(v))

    def table_csv(self) -> bytes:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(COLUMNS)
        for r in range(self.lineage.rowCount()):
            w.writerow([(self.lineage.item(r, c).text().strip() if self.lineage.item(r, c) else "")
                        for c in range(len(COLUMNS))])
        return out.getvalue().encode("utf-8")

    def edited(self) -> Lineage:
        """The table as a lineage: the spellings of the data set's table kept, the rows here
        for the rest (DataError naming the row and column of a bad cell)."""
        from ...core.successors import dataset_lineage
        own = read_lineage(self.table_csv(), "the Lineage table")
        keep = [e for e in dataset_lineage(self.ds).events
                if e.kind == "spelling" or e.state not in ("", self.state)]
        return Lineage(keep + own.events)

    def apply(self) -> bool:
        try:
            lin = self.edited()
        except DataError as e:
            self.status.setText(e.summary(5))
            return False
        self.ds.imports.set_lineage(lin)
        self.applied()
        self._fill_parties(lin)
        self.status.setText("Applied to every scenario of this data set.")
        return True

    def load(self, path: str | None = None) -> bool:
        path = path or QFileDialog.getOpenFileName(self, "Lineage table", "", "CSV (*.csv);;All files (*)")[0]
        if not path:
            return False
        from ...core.lineage import load_lineage, overlay
        from ...core.successors import dataset_lineage
        try:
            lin = load_lineage(path)
        except DataError as e:
            QMessageBox.warning(self, "Lineage", e.summary(5))
            return False
        try:
            here = self.edited()
        except DataError:       # a bad row in the table: the file goes on the data set's table instead
            here = dataset_lineage(self.ds)
        # the file's rows added to the table, replacing its rows of the same event
        self._fill_lineage(overlay(here, lin))
        self.status.setText(f"Loaded {path} (added to the table; its rows replace those of the same event): "
                            "Apply to use it.")
        return True

    def save(self, path: str | None = None) -> bool:
        path = path or QFileDialog.getSaveFileName(self, "Save the lineage table", "lineage.csv", "CSV (*.csv)")[0]
        if not path:
            return False
        from ...core.atomic import atomic_write_bytes
        atomic_write_bytes(path, self.table_csv())
        self.status.setText(f"Saved {path}")
        return True
