"""Edits as commands, after glue's ``core/command.py``: each command is made on one scenario,
remembers what it needs to put things back, and changes the scenario only through its
methods. The window wraps them in QUndoCommands; the command line, the optimiser and tests
apply and undo the very same objects without Qt.

A command is bound to its own scenario when it is made: undoing it later changes that
scenario, whichever one the window shows. A composite edit (a preset, an import) changes
the scenario inside ``Scenario.batch()``, so listeners hear one event and the window
evaluates once. Commands that merge (a spin box held down) say when the merged step has
come back to where it started (``is_noop``): the window's stack then drops it."""
from __future__ import annotations

from typing import Iterable

import numpy as np

from .assumptions import Assumptions
from .dataset import Baseline, SeatTable
from .imported import imported_boundaries, set_boundaries, unique_baseline  # noqa: F401 (re-exported)
from .rules import RuleSet
from .scenario import Scenario


def seats_phrase(seats: SeatTable, ac_nos: Iterable[int], limit: int = 3) -> str:
    """'Pehowa, Jind' for a few seats, '12 seats' for more."""
    ac_nos = list(ac_nos)
    if len(ac_nos) <= limit:
        return ", ".join(seats.names_of(ac_nos))
    return f"{len(ac_nos)} seats"


class Command:
    """One undoable edit of one scenario."""
    merge_key: str | None = None   # consecutive commands with the same key merge into one

    def __init__(self, scenario: Scenario, text: str):
        self.scenario = scenario
        self.text = text

    @property
    def is_noop(self) -> bool:
        """True when doing the command would change nothing (it is then not recorded)."""
        return False

    def do(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError

    def merge(self, other: "Command") -> bool:
        """Absorb ``other`` (done just after this one); False when they do not merge."""
        return False


class MoveSeats(Command):
    """Put seats in one pool (a drop, a shortcut, a menu)."""

    def __init__(self, scenario: Scenario, ac_nos: Iterable[int], pool_key: str):
        P = scenario.pools
        self.pool_key = P.key(P.index(pool_key))
        ac_nos = list(dict.fromkeys(int(a) for a in ac_nos))
        self.previous = {a: scenario.pool_of(a) for a in ac_nos if scenario.pool_of(a) != self.pool_key}
        super().__init__(scenario, f"Move {seats_phrase(scenario.seats, self.previous)} to "
                                   f"{P.label(P.index(pool_key))}")

    @property
    def is_noop(self) -> bool:
        return not self.previous

    def do(self) -> None:
        self.scenario.assign(list(self.previous), self.pool_key)

    def undo(self) -> None:
        self.scenario.restore(self.previous)


class SetPools(Command):
    """Replace every seat's pool at once, and the assumptions with them if given (a preset,
    an imported demand): one event, one evaluation."""

    def __init__(self, scenario: Scenario, pool: np.ndarray, text: str, assumptions: Assumptions | None = None):
        super().__init__(scenario, text)
        self.new = np.asarray(pool, dtype=np.int8).copy()
        self.old = scenario.pool.copy()
        self.new_assumptions = assumptions
        self.old_assumptions = scenario.assumptions

    @property
    def is_noop(self) -> bool:
        return bool((self.new == self.old).all()) and self.new_assumptions in (None, self.old_assumptions)

    def do(self) -> None:
        with self.scenario.batch():
            if self.new_assumptions is not None:
                self.scenario.set_assumptions(self.new_assumptions)
            self.scenario.set_pool_array(self.new)

    def undo(self) -> None:
        with self.scenario.batch():
            self.scenario.set_assumptions(self.old_assumptions)
            self.scenario.set_pool_array(self.old)


class SetAssumptions(Command):
    """An assumption change. Consecutive changes with the same ``merge_key`` (a spin box held
    down) merge into one step; a merged step back at the start changes nothing."""

    def __init__(self, scenario: Scenario, new: Assumptions, text: str, merge_key: str | None = None):
        super().__init__(scenario, text)
        self.new, self.old = new, scenario.assumptions
        self.merge_key = merge_key

    @property
    def is_noop(self) -> bool:
        return self.new == self.old

    def do(self) -> None:
        self.scenario.set_assumptions(self.new)

    def undo(self) -> None:
        self.scenario.set_assumptions(self.old)

    def merge(self, other: Command) -> bool:
        if (not isinstance(other, SetAssumptions) or other.scenario is not self.scenario
                or self.merge_key is None or other.merge_key != self.merge_key):
            return False
        self.new, self.text = other.new, other.text
        return True


class SetRules(Command):
    def __init__(self, scenario: Scenario, new: RuleSet, text: str):
        super().__init__(scenario, text)
        self.new, self.old = new, scenario.rules

    @property
    def is_noop(self) -> bool:
        return self.new == self.old

    def do(self) -> None:
        self.scenario.set_rules(self.new)

    def undo(self) -> None:
        self.scenario.set_rules(self.old)


class SetMeta(Command):
    """Rename a scenario or edit its notes; typing in the notes merges into one step."""

    def __init__(self, scenario: Scenario, name: str | None = None, notes: str | None = None,
                 text: str | None = None):
        self.old = (scenario.name, scenario.notes)
        self.new = (scenario.name if name is None else name, scenario.notes if notes is None else notes)
        renamed = self.new[0] != self.old[0]
        super().__init__(scenario, text or (f"Rename to {self.new[0]}" if renamed else "Edit notes"))
        self.merge_key = None if renamed else "notes"

    @property
    def is_noop(self) -> bool:
        return self.new == self.old

    def do(self) -> None:
        self.scenario.set_meta(*self.new)

    def undo(self) -> None:
        self.scenario.set_meta(*self.old)

    def merge(self, other: Command) -> bool:
        if not isinstance(other, SetMeta) or other.scenario is not self.scenario or other.merge_key != "notes" \
                or self.merge_key != "notes":
            return False
        self.new = other.new
        return True


class UseBaseline(Command):
    """Add a baseline to the scenario's data set (an import) and project the scenario on it,
    as one step. Undo puts the scenario back on its previous baseline; the baseline stays
    listed in the data set, where other scenarios may use it."""

    def __init__(self, scenario: Scenario, baseline: Baseline, text: str | None = None):
        self.baseline = baseline
        self.old = scenario.assumptions
        self.new = scenario.assumptions.with_baseline(baseline.id)
        super().__init__(scenario, text or f"Baseline: {baseline.label}")

    @property
    def is_noop(self) -> bool:
        return self.new == self.old and self.scenario.dataset.baselines.get(self.baseline.id) is self.baseline

    def do(self) -> None:
        baselines = self.scenario.dataset.baselines
        if baselines.get(self.baseline.id) is not self.baseline:
            baselines[self.baseline.id] = self.baseline
        self.scenario.set_assumptions(self.new)

    def undo(self) -> None:
        self.scenario.set_assumptions(self.old)


class UseBoundaries(Command):
    """Draw the scenario's data set with imported boundaries (None: the embedded ones)."""

    def __init__(self, scenario: Scenario, boundaries, text: str = "Import map boundaries"):
        super().__init__(scenario, text)
        self.new = boundaries
        self.old = imported_boundaries(scenario.dataset)

    @property
    def is_noop(self) -> bool:
        return self.new is self.old

    def do(self) -> None:
        set_boundaries(self.scenario.dataset, self.new)
        self.scenario.dataset_changed()

    def undo(self) -> None:
        set_boundaries(self.scenario.dataset, self.old)
        self.scenario.dataset_changed()


class Macro(Command):
    """Several commands as one step and one event."""

    def __init__(self, scenario: Scenario, commands: list[Command], text: str):
        super().__init__(scenario, text)
        self.commands = [c for c in commands if not c.is_noop]

    @property
    def is_noop(self) -> bool:
        return not self.commands

    def do(self) -> None:
        with self.scenario.batch():
            for c in self.commands:
                c.do()

    def undo(self) -> None:
        with self.scenario.batch():
            for c in reversed(self.commands):
                c.undo()


__all__ = ["Command", "MoveSeats", "SetPools", "SetAssumptions", "SetRules", "SetMeta", "UseBaseline", "UseBoundaries", "Macro",
           "seats_phrase", "unique_baseline"]
