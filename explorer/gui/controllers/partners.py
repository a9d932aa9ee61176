"""Scenario ▸ Partners: add, remove, rename, recolour and reorder the partners of the scenario
shown, each one undo step (core ``EditPartners``). Every method takes its answers as
arguments (tests, scripts) and asks with a small dialog for any that is missing."""
from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog

from ...core import commands as cc
from ...core.parties import ALIKE_DELTA_E, delta_e
from ...core.partner_colours import ALIKE, delta_e00
from ...core.pools import CONTESTED_COLOUR, UNASSIGNED_COLOUR, Partner

# distinct colours for a partner the party table does not know (no two alike in a row)
_SPARE = ("#E65100", "#6A1B9A", "#00838F", "#AD1457", "#558B2F", "#4527A0", "#F9A825", "#5D4037",
          "#283593", "#C62828", "#00695C", "#9E9D24")


def free_colour(dataset, partners, code: str) -> str:
    """The party table's colour for ``code`` unless it looks like a partner's, Contested's or
    Unassigned's (CIE76 ΔE under ALIKE_DELTA_E, or CIEDE2000 under partner_colours.ALIKE — the
    rule the views shade alike partners by: CPI(M)'s red beside CPI's); else the first spare
    colour unlike all of them (else the first no partner uses)."""
    used = [p.colour for p in partners] + [CONTESTED_COLOUR, UNASSIGNED_COLOUR]

    def unlike(c: str) -> bool:
        return all(delta_e(c, u) >= ALIKE_DELTA_E and delta_e00(c, u) >= ALIKE for u in used)
    own = dataset.party_colour(code)
    if own and own.upper() != "#B0B0B0" and unlike(own):
        return own
    taken = {u.upper() for u in used}
    return next((c for c in _SPARE if unlike(c)),
                next((c for c in _SPARE if c not in taken), _SPARE[len(partners) % len(_SPARE)]))


class PartnerController:
    def __init__(self, window):
        self.w = window

    @property
    def doc(self):
        return self.w.doc

    def _push(self, make) -> bool:
        try:
            cmd = make()
        except (ValueError, KeyError) as e:
            self.w.files.show_error("Cannot change the partners", str(e).strip("'\""))
            return False
        done = self.doc.push(cmd)
        if done:
            self.w.statusBar().showMessage(cmd.report or cmd.text, 8000)
        return done

    def _pick(self, title: str, code: str | None, prompt: str = "Partner:", last: bool = False) -> str | None:
        """The partner to edit: each named with its seats ("JMM — Jharkhand Mukti Morcha, 43 seats"),
        in a dialog wide enough for its title; the first partner chosen at first, or (``last``: a
        removal) the last one added rather than the largest."""
        if code is not None:
            return code
        pools, pool = self.doc.pools, self.doc.scenario.pool
        partners = list(pools.partners)
        items = [f"{p.code} — {p.name}, {int((pool == i).sum())} seats" for i, p in enumerate(partners)]
        dlg = QInputDialog(self.w)
        dlg.setWindowTitle(title)
        dlg.setLabelText(prompt)
        dlg.setComboBoxItems(items)
        dlg.setComboBoxEditable(False)
        dlg.setTextValue(items[-1] if last else items[0])
        dlg.setMinimumWidth(dlg.fontMetrics().horizontalAdvance(max(items + [title, prompt], key=len)) + 120)
        if not dlg.exec():
            return None
        return partners[items.index(dlg.textValue())].code

    def add(self, code: str | None = None, name: str | None = None, colour: str | None = None) -> bool:
        ds = self.doc.dataset
        if code is None:
            from ..dialogs.add_partner_dialog import AddPartnerDialog
            dlg = AddPartnerDialog(self.doc.scenario, self.w)
            if not dlg.exec() or not dlg.chosen():
                return False
            code = dlg.chosen()
        code = ds.resolve_party(code.strip()) or code.strip()   # an ECI name -> its code
        if name is None:
            name = ds.party_name(code)
        if colour is None:
            colour = free_colour(ds, self.doc.pools.partners, code)
        return self._push(lambda: cc.add_partner(self.doc.scenario, Partner(code, name, colour)))

    def remove(self, code: str | None = None) -> bool:
        code = self._pick("Remove partner", code, "Partner to remove (its seats go to Unassigned):", last=True)
        return code is not None and self._push(lambda: cc.remove_partner(self.doc.scenario, code))

    def rename(self, code: str | None = None, new_code: str | None = None, new_name: str | None = None) -> bool:
        code = self._pick("Rename partner", code)
        if code is None:
            return False
        p = self.doc.pools.partner(code)
        if new_code is None:
            new_code, ok = QInputDialog.getText(self.w, "Rename partner", "Code:", text=p.code)
            if not ok:
                return False
            new_name, ok = QInputDialog.getText(self.w, "Rename partner", "Name:", text=p.name)
            if not ok:
                return False
        return self._push(lambda: cc.rename_partner(self.doc.scenario, code, new_code.strip(),
                                                    None if new_name is None else new_name.strip()))

    def recolour(self, code: str | None = None, colour: str | None = None) -> bool:
        code = self._pick("Recolour partner", code)
        if code is None:
            return False
        if colour is None:
            c = QColorDialog.getColor(QColor(self.doc.pools.partner(code).colour), self.w, f"Colour of {code}")
            if not c.isValid():
                return False
            colour = c.name().upper()
        return self._push(lambda: cc.recolour_partner(self.doc.scenario, code, colour))

    def move(self, step: int, code: str | None = None) -> bool:
        code = self._pick("Move partner", code)
        if code is None:
            return False
        i = self.doc.pools.partner_index(code)
        return self._push(lambda: cc.move_partner(self.doc.scenario, code, i + step))
