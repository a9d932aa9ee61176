"""The open scenario as the window sees it: the core Scenario, its undo stack, and the
latest evaluation. Every change is a command on the undo stack; each command calls a core
method, the scenario emits an event, and the document re-evaluates once and tells every
view through one signal."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..core.engine import Engine, Evaluation
from ..core.scenario import Scenario, ScenarioEvent


class ScenarioDocument(QObject):
    evaluated = Signal(object)          # Evaluation, after every change
    assumptionsChanged = Signal(object)  # Assumptions
    rulesChanged = Signal(object)        # RuleSet
    poolsChanged = Signal(tuple)         # ac_nos moved
    metaChanged = Signal()               # name or notes

    def __init__(self, scenario: Scenario, engine: Engine | None = None, parent=None):
        super().__init__(parent)
        self.scenario = scenario
        self.engine = engine or Engine(scenario.dataset)
        self.undo_stack = QUndoStack(self)
        self.file_path: str | None = None
        self.evaluation: Evaluation = self.engine.evaluate(scenario)
        self._unsubscribe = scenario.subscribe(self._on_event)

    @property
    def dataset(self):
        return self.scenario.dataset

    @property
    def pools(self):
        return self.scenario.pools

    def _on_event(self, ev: ScenarioEvent) -> None:
        if ev.kind == "meta":
            self.metaChanged.emit()
            return
        self.evaluation = self.engine.evaluate(self.scenario)
        if ev.kind == "assumptions":
            self.assumptionsChanged.emit(self.scenario.assumptions)
        elif ev.kind == "rules":
            self.rulesChanged.emit(self.scenario.rules)
        elif ev.kind == "pools":
            self.poolsChanged.emit(ev.seats)
        self.evaluated.emit(self.evaluation)

    def push(self, command) -> bool:
        """Push a command unless it would change nothing."""
        if getattr(command, "is_noop", False):
            return False
        self.undo_stack.push(command)
        return True

    # conveniences that build and push the matching command
    def move(self, ac_nos, pool_key: str) -> bool:
        from .commands import MoveSeats
        return self.push(MoveSeats(self, ac_nos, pool_key))

    def set_assumptions(self, new, text: str, merge_key: str | None = None) -> bool:
        from .commands import SetAssumptions
        return self.push(SetAssumptions(self, new, text, merge_key))

    def set_rules(self, new, text: str) -> bool:
        from .commands import SetRules
        return self.push(SetRules(self, new, text))

    def set_meta(self, name=None, notes=None, text: str | None = None) -> bool:
        from .commands import SetMeta
        return self.push(SetMeta(self, name, notes, text))

    def mark_modified(self) -> None:
        """Show unsaved changes without an undo step (a recovered scenario)."""
        self.undo_stack.resetClean()


class SelectionHub(QObject):
    """The selected seats, shared by the table, the pools and the conflicts panel."""
    changed = Signal(object, object)  # (frozenset of ac_no, source object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.seats: frozenset[int] = frozenset()

    def set(self, seats, source=None) -> None:
        seats = frozenset(int(a) for a in seats)
        if seats != self.seats:
            self.seats = seats
            self.changed.emit(seats, source)
