"""Undo commands. Each user change is one command that calls core methods; a multi-seat
drop is one command, so one undo step."""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QUndoCommand

MERGE_ASSUMPTION = 1001


def seats_phrase(seats, ac_nos, limit: int = 3) -> str:
    ac_nos = list(ac_nos)
    if len(ac_nos) <= limit:
        return ", ".join(seats.names_of(ac_nos))
    return f"{len(ac_nos)} seats"


class MoveSeats(QUndoCommand):
    def __init__(self, doc, ac_nos, pool_key: str):
        sc = doc.scenario
        self.doc, self.pool_key = doc, sc.pools.key(sc.pools.index(pool_key))
        ac_nos = list(dict.fromkeys(int(a) for a in ac_nos))
        self.previous = {a: sc.pool_of(a) for a in ac_nos if sc.pool_of(a) != self.pool_key}
        self.is_noop = not self.previous
        label = sc.pools.label(sc.pools.index(pool_key))
        super().__init__(f"Move {seats_phrase(sc.seats, self.previous)} to {label}")

    def redo(self):
        self.doc.scenario.assign(list(self.previous), self.pool_key)

    def undo(self):
        self.doc.scenario.restore(self.previous)


class SetPools(QUndoCommand):
    """Replace every seat's pool at once (a preset, an imported demand)."""

    def __init__(self, doc, pool: np.ndarray, text: str, assumptions=None):
        super().__init__(text)
        self.doc = doc
        self.new = np.asarray(pool, dtype=np.int8).copy()
        self.old = doc.scenario.pool.copy()
        self.new_assumptions = assumptions
        self.old_assumptions = doc.scenario.assumptions
        self.is_noop = (self.new == self.old).all() and (assumptions is None or assumptions == self.old_assumptions)

    def redo(self):
        if self.new_assumptions is not None:
            self.doc.scenario.set_assumptions(self.new_assumptions)
        self.doc.scenario.set_pool_array(self.new)

    def undo(self):
        self.doc.scenario.set_assumptions(self.old_assumptions)
        self.doc.scenario.set_pool_array(self.old)


class SetAssumptions(QUndoCommand):
    """An assumption change. Consecutive changes of the same field (a spin box held down)
    merge into one undo step."""

    def __init__(self, doc, new, text: str, merge_key: str | None = None):
        super().__init__(text)
        self.doc, self.new, self.old = doc, new, doc.scenario.assumptions
        self.merge_key = merge_key
        self.is_noop = new == self.old

    def id(self):
        return MERGE_ASSUMPTION if self.merge_key else -1

    def mergeWith(self, other) -> bool:
        if not isinstance(other, SetAssumptions) or other.merge_key != self.merge_key:
            return False
        self.new = other.new
        self.setText(other.text())
        return True

    def redo(self):
        self.doc.scenario.set_assumptions(self.new)

    def undo(self):
        self.doc.scenario.set_assumptions(self.old)


class SetRules(QUndoCommand):
    def __init__(self, doc, new, text: str):
        super().__init__(text)
        self.doc, self.new, self.old = doc, new, doc.scenario.rules
        self.is_noop = new == self.old

    def redo(self):
        self.doc.scenario.set_rules(self.new)

    def undo(self):
        self.doc.scenario.set_rules(self.old)


class SetMeta(QUndoCommand):
    """Rename a scenario or edit its notes."""

    def __init__(self, doc, name=None, notes=None, text=None):
        sc = doc.scenario
        self.doc, self.old = doc, (sc.name, sc.notes)
        self.new = (sc.name if name is None else name, sc.notes if notes is None else notes)
        self.is_noop = self.new == self.old
        super().__init__(text or (f"Rename to {self.new[0]}" if self.new[0] != self.old[0] else "Edit notes"))

    def id(self):
        return 1002 if self.new[0] == self.old[0] else -1  # typing in the notes is one step

    def mergeWith(self, other) -> bool:
        if not isinstance(other, SetMeta) or other.new[0] != self.new[0] or other.old[0] != self.old[0]:
            return False
        self.new = other.new
        return True

    def redo(self):
        self.doc.scenario.set_meta(*self.new)

    def undo(self):
        self.doc.scenario.set_meta(*self.old)
