"""A scenario: one candidate deal. Every seat in exactly one pool, plus the assumptions,
rules and notes it is judged under. Changes go through methods that emit change events,
which the window listens to; every method returns what an undo needs."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Callable, Iterable, Iterator

import numpy as np

from .assumptions import Assumptions
from .dataset import Dataset
from .errors import DataError
from .pools import Partner, Pools
from .rules import RuleSet
from .snapshot import ScenarioSnapshot, fight_masks_of, normal_fight_of
from .validate import SCENARIO_FORMAT  # noqa: F401 (the one spelling, checked before a file is parsed)

SCENARIO_SCHEMA = 3   # 3: rival blocs ("bloc", "rivals"); 2: friendly fights between some partners ("fights"); 1 still opens


class EventKind(StrEnum):
    POOLS = "pools"                # seats moved between pools (or a Contested seat's fighting partners)
    PARTNERS = "partners"          # the partner list itself (added, removed, renamed, recoloured, reordered)
    ASSUMPTIONS = "assumptions"    # baseline, transfer, swing or a per-seat adjustment
    RULES = "rules"
    META = "meta"                  # name or notes
    DATASET = "dataset"            # the data set's imported baselines or boundaries


@dataclass(frozen=True)
class ScenarioEvent:
    kind: EventKind
    seats: tuple[int, ...] = ()  # ac_no of moved seats, for POOLS
    # every kind of change a batch made (empty for a single change: just ``kind``)
    kinds: frozenset[EventKind] = frozenset()

    def touches(self, kind: EventKind) -> bool:
        return kind == self.kind or kind in self.kinds


class Scenario:
    def __init__(self, dataset: Dataset, partners: tuple[Partner, ...] | None = None, *,
                 assumptions: Assumptions | None = None, rules: RuleSet | None = None,
                 name: str = "Untitled", notes: str = ""):
        self.dataset = dataset
        self.pools = Pools(tuple(partners or dataset.partners))
        self.pool = np.full(dataset.seats.n, self.pools.unassigned, dtype=np.int8)
        self.assumptions = assumptions or Assumptions.make(dataset.default_baseline)
        self.rules = rules if rules is not None else RuleSet()
        self.name = name
        self.notes = notes
        # Contested seats where only some partners field candidates: ac_no -> their codes in
        # partner order (two or more, fewer than all). A Contested seat not listed: all stand.
        self.fights: dict[int, tuple[str, ...]] = {}
        # the other blocs (blocs.RivalBloc, each with its split); a party in none stands alone
        self.rivals: tuple = ()
        self.bloc_name = "Alliance"     # ours
        # the election year the baseline's parties are mapped to by the party lineage (None: the
        # data set's newest election; 0: the baseline's own parties)
        self.lineage_to: int | None = None
        # parties absent from the baseline, independents in named seats (contenders.Contender)
        self.contenders: tuple = ()
        self._listeners: list[Callable[[ScenarioEvent], None]] = []
        self._batch_depth = 0
        self._held: list[ScenarioEvent] = []

    # -- events -------------------------------------------------------------------------
    def subscribe(self, fn: Callable[[ScenarioEvent], None]) -> Callable[[], None]:
        self._listeners.append(fn)
        return lambda: self._listeners.remove(fn)

    def _emit(self, event: ScenarioEvent) -> None:
        if self._batch_depth:
            self._held.append(event)
            return
        for fn in list(self._listeners):
            fn(event)

    @contextmanager
    def batch(self) -> Iterator["Scenario"]:
        """Group changes into one event (a preset, an import, a proposal): listeners hear once,
        after the last change, and the window evaluates once."""
        self._batch_depth += 1
        try:
            yield self
        finally:
            self._batch_depth -= 1
            if not self._batch_depth and self._held:
                held, self._held = self._held, []
                self._emit(merge_events(held))

    # -- pools --------------------------------------------------------------------------
    @property
    def seats(self):
        return self.dataset.seats

    def pool_of(self, ac_no: int) -> str:
        return self.pools.key(int(self.pool[self.seats.index_of(ac_no)]))

    def seats_in(self, pool_key: str) -> list[int]:
        return [int(a) for a in self.seats.ac_no[self.pool == self.pools.index(pool_key)]]

    def assign(self, ac_nos: Iterable[int], pool_key: str) -> dict[int, str]:
        """Put seats in a pool; returns each moved seat's previous pool (for undo). A moved
        seat forgets its friendly fight: a seat dropped on Contested has every partner stand."""
        target = self.pools.index(pool_key)
        ac_nos = list(dict.fromkeys(int(a) for a in ac_nos))
        idx = self.seats.indices(ac_nos)
        # the seats' pools read in one pass (an "assign all" is every seat: no per-seat array reads)
        was = [(a, p) for a, p in zip(ac_nos, self.pool[idx].tolist()) if p != target]
        if was:
            moved = tuple(a for a, _ in was)
            self.pool[idx] = target
            if self.fights:
                for a in moved:
                    self.fights.pop(a, None)
            self._emit(ScenarioEvent(EventKind.POOLS, moved))
        keys = self.pools.keys
        return {a: keys[p] for a, p in was}

    def assign_all(self, pool_key: str) -> dict[int, str]:
        return self.assign(self.seats.ac_no.tolist(), pool_key)

    def restore(self, pools_by_seat: dict[int, str]) -> None:
        """Put seats back in the given pools (the inverse of assign)."""
        if not pools_by_seat:
            return
        index = {key: self.pools.index(key) for key in set(pools_by_seat.values())}
        self.pool[self.seats.indices(pools_by_seat)] = np.fromiter(
            (index[key] for key in pools_by_seat.values()), dtype=self.pool.dtype, count=len(pools_by_seat))
        self._emit(ScenarioEvent(EventKind.POOLS, tuple(pools_by_seat)))

    def set_pool_array(self, pool: np.ndarray) -> np.ndarray:
        old = self.pool.copy()
        self.pool = np.asarray(pool, dtype=np.int8).copy()
        moved = tuple(int(a) for a in self.seats.ac_no[old != self.pool])
        for a in moved:
            self.fights.pop(a, None)
        if moved:
            self._emit(ScenarioEvent(EventKind.POOLS, moved))
        return old

    # -- friendly fights ------------------------------------------------------------------
    def fight_of(self, ac_no: int) -> tuple[str, ...]:
        """The partners fielding a candidate in a Contested seat (all of them unless a
        friendly fight names fewer); () for a seat not in Contested."""
        if self.pool[self.seats.index_of(ac_no)] != self.pools.contested:
            return ()
        return self.fights.get(int(ac_no), tuple(p.code for p in self.pools.partners))

    def normal_fight(self, codes: Iterable[str]) -> tuple[str, ...] | None:
        """The codes in partner order, or None for every partner; ValueError for fewer than
        two or an unknown code."""
        return normal_fight_of(self.pools, codes)

    def set_fights(self, fights: dict[int, tuple[str, ...] | None]) -> dict[int, tuple[str, ...] | None]:
        """Set the fighting partners of Contested seats (None: all of them); returns the
        previous ones (for undo). Seats not in Contested are refused."""
        old: dict[int, tuple[str, ...] | None] = {}
        changed = []
        for a, codes in fights.items():
            a = int(a)
            if self.pool[self.seats.index_of(a)] != self.pools.contested:
                raise ValueError(f"seat {a} is not Contested: only a Contested seat has a friendly fight")
            new = None if codes is None else self.normal_fight(codes)
            prev = self.fights.get(a)
            old[a] = prev
            if new != prev:
                changed.append(a)
                if new is None:
                    self.fights.pop(a, None)
                else:
                    self.fights[a] = new
        if changed:
            self._emit(ScenarioEvent(EventKind.POOLS, tuple(changed)))
        return old

    def fight_masks(self) -> np.ndarray | None:
        """Per seat, the bit mask of fighting partners (bit p: partner p; 0 = all), as
        ``Projector.project`` takes it; None when no seat has a friendly fight."""
        return fight_masks_of(self.pools, self.seats, self.fights)

    # -- partners -------------------------------------------------------------------------
    def state(self) -> tuple:
        """Everything a partner edit changes, to put it back exactly (the rival blocs last)."""
        return (self.pools.partners, self.pool.copy(), dict(self.fights), self.assumptions, self.rules, self.rivals)

    def set_state(self, state: tuple) -> tuple:
        """Replace the partner list with the pools, fights, assumptions and rules that go with
        it (a partner edit or its undo); one event. Returns the previous state."""
        old = self.state()
        partners, pool, fights, assumptions, rules = state[:5]
        if len(state) > 5:
            self.rivals = state[5]
        else:   # a party that joins us leaves its rival bloc (a bloc left with no party goes)
            from dataclasses import replace
            ours = {p.code for p in partners}
            self.rivals = tuple(replace(b, partners=tuple(c for c in b.partners if c not in ours),
                                        seats=tuple((a, tuple(c for c in cs if c not in ours)) for a, cs in b.seats))
                                for b in self.rivals if set(b.partners) - ours)
        self.pools = Pools(tuple(partners))
        self.pool = np.asarray(pool, dtype=np.int8).copy()
        self.fights = dict(fights)
        self.assumptions = assumptions
        self.rules = rules
        self._emit(ScenarioEvent(EventKind.PARTNERS, tuple(self.seats.ac_no.tolist()),
                                 frozenset({EventKind.PARTNERS, EventKind.POOLS, EventKind.ASSUMPTIONS,
                                            EventKind.RULES})))
        return old

    # -- rival blocs -----------------------------------------------------------------------
    def set_rivals(self, rivals: tuple, bloc_name: str | None = None) -> tuple:
        """Replace the rival blocs (and our bloc's name); returns the previous (rivals, name)
        for undo. ValueError when a party would be in two blocs."""
        from .blocs import check_blocs
        rivals = tuple(rivals)
        name = self.bloc_name if bloc_name is None else bloc_name
        check_blocs((p.code for p in self.pools.partners), rivals, name)
        old = (self.rivals, self.bloc_name)
        self.rivals, self.bloc_name = rivals, name
        if old != (rivals, name):
            self._emit(ScenarioEvent(EventKind.ASSUMPTIONS))
        return old

    def set_contenders(self, contenders: tuple) -> tuple:
        """Replace the new contenders; returns the previous ones (for undo)."""
        old, self.contenders = self.contenders, tuple(contenders)
        if old != self.contenders:
            self._emit(ScenarioEvent(EventKind.ASSUMPTIONS))
        return old

    # -- assumptions, rules, meta ---------------------------------------------------------
    def set_assumptions(self, a: Assumptions) -> Assumptions:
        old, self.assumptions = self.assumptions, a
        if a != old:
            self._emit(ScenarioEvent(EventKind.ASSUMPTIONS))
        return old

    def set_rules(self, rules: RuleSet) -> RuleSet:
        old, self.rules = self.rules, rules
        if rules != old:
            self._emit(ScenarioEvent(EventKind.RULES))
        return old

    def set_meta(self, name: str | None = None, notes: str | None = None) -> tuple[str, str]:
        old = (self.name, self.notes)
        if name is not None:
            self.name = name
        if notes is not None:
            self.notes = notes
        if (self.name, self.notes) != old:
            self._emit(ScenarioEvent(EventKind.META))
        return old

    def dataset_changed(self) -> None:
        """Tell the listeners that the data set's imported data changed (new boundaries)."""
        self._emit(ScenarioEvent(EventKind.DATASET))

    def snapshot(self, dataset_version: int | None = None) -> ScenarioSnapshot:
        """The scenario frozen as it is now, for a job off this thread."""
        return ScenarioSnapshot.of(self, dataset_version)

    # -- files (explorer.core.scenario_json reads and writes them) --------------------------
    def to_json(self) -> dict:
        from .scenario_json import scenario_to_json
        return scenario_to_json(self)

    @staticmethod
    def from_json(dataset: Dataset, doc, name: str = "scenario") -> "Scenario":
        """Parse and check a scenario document; raises DataError listing every problem."""
        from .scenario_json import scenario_from_json
        return scenario_from_json(dataset, doc, name)

    def save(self, path) -> str:
        """Atomically; returns the SHA-256 of the file written."""
        from .scenario_json import save_scenario
        return save_scenario(self, path)

    @staticmethod
    def load(dataset: Dataset, path) -> "Scenario":
        from .scenario_json import load_scenario
        return load_scenario(dataset, path)


def merge_events(events: list[ScenarioEvent]) -> ScenarioEvent:
    """One event standing for several: the first one's kind, every kind, every moved seat."""
    kinds = frozenset(k for e in events for k in (e.kind, *e.kinds))
    seats = tuple(dict.fromkeys(a for e in events for a in e.seats))
    first = next((e.kind for e in events if e.kind == EventKind.POOLS), events[0].kind)
    return ScenarioEvent(first, seats, kinds if len(kinds) > 1 else frozenset())


def scenario_from_preset(dataset: Dataset, preset: str, with_rules: bool = True) -> Scenario:
    doc = dataset.scenario_docs[preset]
    sc = Scenario.from_json(dataset, doc, preset)
    if with_rules and dataset.rules_doc is not None and "rules" not in doc:
        sc.rules = default_rules(dataset, sc.pools)
    return sc


def default_rules(dataset: Dataset, pools: Pools) -> RuleSet:
    from .rules import rules_from_json
    if dataset.rules_doc is None:
        return RuleSet()
    return rules_from_json(dataset.rules_doc, dataset.seats, pools, "embedded rules")


__all__ = ["Scenario", "ScenarioEvent", "EventKind", "merge_events", "scenario_from_preset", "default_rules", "DataError"]
