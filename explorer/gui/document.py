"""The open scenario as the window sees it: the core Scenario, its undo stack, and the
latest evaluation. Every change is a command on the undo stack; each command calls a core
method, the scenario emits an event, and the document re-evaluates once and tells every
view through one signal."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..core import commands as cc
from ..core.engine import Engine, Evaluation
from ..core.scenario import EventKind, Scenario, ScenarioEvent
from .commands import UndoStep


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
        if ev.touches(EventKind.META):
            self.metaChanged.emit()
            if ev.kind == EventKind.META and not ev.kinds:
                return
        self.evaluation = self.engine.evaluate(self.scenario)
        if ev.touches(EventKind.ASSUMPTIONS):
            self.assumptionsChanged.emit(self.scenario.assumptions)
        if ev.touches(EventKind.RULES):
            self.rulesChanged.emit(self.scenario.rules)
        if ev.touches(EventKind.POOLS):
            self.poolsChanged.emit(ev.seats)
        self.evaluated.emit(self.evaluation)

    def push(self, command: cc.Command) -> bool:
        """Record and do a core command on this document's stack, unless it would change
        nothing. The command is bound to its own scenario, so undoing it later changes that
        scenario whichever one the window shows."""
        if command.is_noop:
            return False
        if command.scenario is not self.scenario:
            raise ValueError("a command goes on the undo stack of its own scenario")
        self.undo_stack.push(UndoStep(command))
        return True

    # conveniences that build and push the matching command
    def move(self, ac_nos, pool_key: str) -> bool:
        return self.push(cc.MoveSeats(self.scenario, ac_nos, pool_key))

    def set_pools(self, pool, text: str, assumptions=None) -> bool:
        return self.push(cc.SetPools(self.scenario, pool, text, assumptions))

    def set_assumptions(self, new, text: str, merge_key: str | None = None) -> bool:
        return self.push(cc.SetAssumptions(self.scenario, new, text, merge_key))

    def set_rules(self, new, text: str) -> bool:
        return self.push(cc.SetRules(self.scenario, new, text))

    def set_meta(self, name=None, notes=None, text: str | None = None) -> bool:
        return self.push(cc.SetMeta(self.scenario, name, notes, text))

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
