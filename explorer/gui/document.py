"""The open scenario as the window sees it: the core Scenario, its undo stack, and the
latest evaluation. Every change is a core command pushed on the undo stack; the scenario
emits one event per command, and the document re-evaluates once and tells the views that
show it through its signals.

Views take a document with ``set_document`` (as napari's evented models take a root): they
connect to that document's signals and let go of the previous one's, and rebuild their
shape when the data set or the partner list differs from the last document they showed."""
from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QUndoStack

from ..core import commands as cc
from ..core.dataset import Dataset
from ..core.delta import Delta, evaluation_delta
from ..core.engine import Engine, Evaluation
from ..core.partner_colours import keep_given
from ..core.pools import Pools
from ..core.scenario import EventKind, Scenario, ScenarioEvent
from ..core.snapshot import ScenarioSnapshot
from .commands import UndoStep
from .paint.quiet_label import lay_out_grown


class Document(Protocol):
    """What a view needs of the document it shows."""
    scenario: Scenario
    evaluation: Evaluation
    undo_stack: QUndoStack
    evaluated: SignalInstance          # (Evaluation, Delta) once after every change
    assumptionsChanged: SignalInstance  # (Assumptions)
    rulesChanged: SignalInstance        # (RuleSet)
    poolsChanged: SignalInstance        # (tuple of ac_no moved)
    metaChanged: SignalInstance         # name or notes

    @property
    def dataset(self) -> Dataset: ...

    @property
    def pools(self) -> Pools: ...

    def push(self, command: cc.Command) -> bool: ...

    def move(self, ac_nos, pool_key: str) -> bool: ...

    def set_assumptions(self, new, text: str, merge_key: str | None = None) -> bool: ...

    def set_rules(self, new, text: str) -> bool: ...


def shape_of(doc: Document) -> tuple:
    """What fixes a view's shape: the data set (its seats, PCs, districts), the partners and
    whether their colours are drawn as given (core.partner_colours)."""
    return (doc.dataset.uid, doc.pools.partners, keep_given())


class ScenarioDocument(QObject):
    evaluated = Signal(object, object)  # (Evaluation, Delta: the seats that changed), once after every change
    assumptionsChanged = Signal(object)  # Assumptions
    rulesChanged = Signal(object)        # RuleSet
    poolsChanged = Signal(tuple)         # ac_nos moved
    metaChanged = Signal()               # name or notes
    datasetChanged = Signal()            # the data set's imported boundaries changed
    partnersChanged = Signal()           # the partner list changed: views rebuild their shape first

    def __init__(self, scenario: Scenario, engine: Engine | None = None, parent=None):
        super().__init__(parent)
        self.scenario = scenario
        self.engine = engine or Engine(scenario.dataset)
        self.undo_stack = QUndoStack(self)
        self.file_path: str | None = None
        self.file_sha: str | None = None      # the digest of the file as last read or written (autosave trusts it)
        self.evaluation: Evaluation = self.engine.evaluate(scenario)
        self._fights = dict(scenario.fights)
        self.delta = Delta(None, self.evaluation, None)
        self._unsubscribe = scenario.subscribe(self._on_event)

    @property
    def dataset(self) -> Dataset:
        return self.scenario.dataset

    @property
    def pools(self) -> Pools:
        return self.scenario.pools

    def snapshot(self) -> ScenarioSnapshot:
        """The scenario as it is now, for a job off the GUI thread (``jobs.run_job``)."""
        return self.scenario.snapshot()

    def _on_event(self, ev: ScenarioEvent) -> None:
        if ev.touches(EventKind.META):
            self.metaChanged.emit()
            if ev.kind == EventKind.META and not ev.kinds:
                return
        before, fights_before = self.evaluation, self._fights
        self.evaluation = self.engine.evaluate(self.scenario)
        self._fights = dict(self.scenario.fights)
        self.delta = evaluation_delta(before, self.evaluation, self.scenario.seats, fights_before, self._fights)
        if ev.touches(EventKind.PARTNERS):
            self.partnersChanged.emit()
        if ev.touches(EventKind.ASSUMPTIONS):
            self.assumptionsChanged.emit(self.scenario.assumptions)
        if ev.touches(EventKind.RULES):
            self.rulesChanged.emit(self.scenario.rules)
        if ev.touches(EventKind.POOLS):
            self.poolsChanged.emit(ev.seats)
        if ev.touches(EventKind.DATASET):
            self.datasetChanged.emit()
        self.evaluated.emit(self.evaluation, self.delta)
        lay_out_grown()     # the views' labels that grew laid out in this frame, not in a second one

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

    def set_pools(self, pool, text: str, assumptions=None, fights=None) -> bool:
        return self.push(cc.SetPools(self.scenario, pool, text, assumptions, fights))

    def set_assumptions(self, new, text: str, merge_key: str | None = None) -> bool:
        return self.push(cc.SetAssumptions(self.scenario, new, text, merge_key))

    def set_rules(self, new, text: str) -> bool:
        return self.push(cc.SetRules(self.scenario, new, text))

    def set_meta(self, name=None, notes=None, text: str | None = None) -> bool:
        return self.push(cc.SetMeta(self.scenario, name, notes, text))

    def mark_modified(self) -> None:
        """Show unsaved changes without an undo step (a recovered scenario)."""
        self.undo_stack.resetClean()

    def close(self) -> None:
        self._unsubscribe()


class Binding:
    """A view's connections to the signals of the document it shows; ``bind`` lets go of
    the previous document's before connecting to the next one's."""

    def __init__(self):
        self._connections: list[tuple[SignalInstance, object]] = []
        self.doc = None            # the document bound, or None

    def bind(self, doc, **slots) -> None:
        """``bind(doc, evaluated=self._on_evaluated, ...)``."""
        self.release()
        for name, slot in slots.items():
            sig = getattr(doc, name)
            sig.connect(slot)
            self._connections.append((sig, slot))
        self.doc = doc

    def release(self) -> None:
        for sig, slot in self._connections:
            try:
                sig.disconnect(slot)
            except (RuntimeError, TypeError):  # the document is already gone
                pass
        self._connections.clear()
        self.doc = None


class DocumentView:
    """A view of the document shown, with one lifecycle: ``set_document(doc)`` lets go of the last
    document's signals, draws the new one (``document_shown``) and connects to its signals that the
    view follows (``follows``: the document's signal -> the view's method). A view whose parts are
    views too (a panel and its model) shows them the document in ``document_shown``: they are
    connected first, so a part has taken an evaluation before the view that holds it.
    ``DocumentViews`` calls it on every view, in order. A view subclasses it before its Qt class:
    ``class ChartPanel(DocumentView, QWidget)``; ``doc`` is None until the first document."""
    follows: dict[str, str] = {"evaluated": "evaluated"}

    def __init__(self, *args, **kwargs):
        self.doc = None
        self._binding = Binding()
        super().__init__(*args, **kwargs)

    def set_document(self, doc) -> None:
        self.doc = doc
        self._binding.release()
        self.document_shown(doc)      # a view's parts are shown it first, so they follow it first too
        self._binding.bind(doc, **{signal: getattr(self, slot) for signal, slot in self.follows.items()})

    def document_shown(self, doc) -> None:
        """Draw ``doc``: by default as after its last evaluation."""
        self.evaluated(doc.evaluation)

    def evaluated(self, ev, delta=None) -> None:
        """The document shown was evaluated again (``delta``: what changed; None: anything)."""


class DocumentViews:
    """Every view of the document shown, in the one order they are told of another document
    (the selection first: it clears itself for another data set before a view selects in it).
    The window and the analysis docks add their views here; nothing else hands views a document."""

    def __init__(self):
        self._views: list = []

    def add(self, *views) -> None:
        self._views.extend(views)

    def __iter__(self):
        return iter(list(self._views))

    def show(self, doc) -> None:
        for v in list(self._views):
            v.set_document(doc)


class SelectionHub(QObject):
    """The selected seats, shared by the table, the pools, the map and the conflicts panel."""
    changed = Signal(object, object)  # (frozenset of ac_no, source object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.seats: frozenset[int] = frozenset()
        self._of = None        # the seat table the selection's numbers belong to

    def set_document(self, doc) -> None:
        """Another data set's scenario shown: its seat 18 is another constituency, so the
        selection is cleared; between scenarios of one data set it stays."""
        seats = doc.dataset.seats
        if self._of is not None and seats is not self._of:
            self.set([], None)
        self._of = seats

    def set(self, seats, source=None) -> None:
        seats = frozenset(int(a) for a in seats)
        if seats != self.seats:
            self.seats = seats
            self.changed.emit(seats, source)
