"""A scenario: one candidate deal. Every seat in exactly one pool, plus the assumptions,
rules and notes it is judged under. Changes go through methods that emit change events,
which the window listens to; every method returns what an undo needs."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Callable, Iterable, Iterator

import numpy as np

from .assumptions import Assumptions, can_swing
from .dataset import Dataset
from .errors import DataError, quote
from .jsonio import JsonReader, read_json, write_json
from .pools import Partner, Pools, valid_colour
from .rules import RuleSet, read_rules
from .validate import check_scenario_doc

SCENARIO_FORMAT = "seat-share-explorer/scenario"
SCENARIO_SCHEMA = 1


class EventKind(StrEnum):
    POOLS = "pools"                # seats moved between pools
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
        """Put seats in a pool; returns each moved seat's previous pool (for undo)."""
        target = self.pools.index(pool_key)
        ac_nos = list(dict.fromkeys(int(a) for a in ac_nos))
        idx = self.seats.indices(ac_nos)
        previous = {a: self.pools.key(int(self.pool[i])) for a, i in zip(ac_nos, idx)}
        moved = tuple(a for a, i in zip(ac_nos, idx) if self.pool[i] != target)
        if moved:
            self.pool[idx] = target
            self._emit(ScenarioEvent(EventKind.POOLS, moved))
        return {a: previous[a] for a in moved}

    def assign_all(self, pool_key: str) -> dict[int, str]:
        return self.assign(self.seats.ac_no.tolist(), pool_key)

    def restore(self, pools_by_seat: dict[int, str]) -> None:
        """Put seats back in the given pools (the inverse of assign)."""
        if not pools_by_seat:
            return
        for a, key in pools_by_seat.items():
            self.pool[self.seats.index_of(a)] = self.pools.index(key)
        self._emit(ScenarioEvent(EventKind.POOLS, tuple(pools_by_seat)))

    def set_pool_array(self, pool: np.ndarray) -> np.ndarray:
        old = self.pool.copy()
        self.pool = np.asarray(pool, dtype=np.int8).copy()
        moved = tuple(int(a) for a in self.seats.ac_no[old != self.pool])
        if moved:
            self._emit(ScenarioEvent(EventKind.POOLS, moved))
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

    # -- JSON -----------------------------------------------------------------------------
    def to_json(self) -> dict:
        assignments = {k: self.seats_in(k) for k in self.pools.keys}
        a = self.assumptions
        codes = [p.code for p in self.pools.partners]
        return {
            "format": SCENARIO_FORMAT, "schema_version": SCENARIO_SCHEMA,
            "dataset": self.dataset.id, "dataset_hash": self.dataset.content_hash,
            "name": self.name, "notes": self.notes,
            "partners": [p.to_json() for p in self.pools.partners],
            "assignments": {k: v for k, v in assignments.items() if v},
            "assumptions": {
                "baseline": a.baseline,
                # every direction, stated: the file says what the projection assumed
                "transfer": {f"{f}>{t}": a.transfer_rate(f, t) for f in codes for t in codes if f != t},
                "swing": dict(a.swing_items),
                "seat_adjust": {str(k): v for k, v in a.seat_adjust_items},
            },
            "rules": self.rules.to_json(),
        }

    @staticmethod
    def from_json(dataset: Dataset, doc, name: str = "scenario") -> "Scenario":
        """Parse and check a scenario document; raises DataError listing every problem."""
        check_scenario_doc(doc, name)
        rd = JsonReader(name)
        if not isinstance(doc, dict):
            rd.problem("", "not a scenario file (expected a JSON object)")
            rd.raise_if_any()
        fmt = doc.get("format")
        if fmt != SCENARIO_FORMAT:
            rd.problem("format", f"not a scenario file of this app (format {quote(fmt)})")
            rd.raise_if_any()
        ver = rd.get(doc, "schema_version", int, "")
        if isinstance(ver, int) and ver > SCENARIO_SCHEMA:
            rd.problem("schema_version", f"written by a newer version of the app (schema {ver}; "
                                         f"this one reads up to {SCENARIO_SCHEMA})")
        rd.raise_if_any()
        ds = rd.get(doc, "dataset", str, "", default=dataset.id)
        if ds is not None and ds != dataset.id:
            rd.problem("dataset", f"made for data set {quote(ds)}, not {quote(dataset.id)}")
        partners = _read_partners(rd, doc, dataset)
        rd.raise_if_any()
        sc = Scenario(dataset, partners)
        sc.name = rd.get(doc, "name", str, "", default="Untitled") or "Untitled"
        sc.notes = rd.get(doc, "notes", str, "", default="") or ""
        assignments = rd.get(doc, "assignments", dict, "", default={})
        seen: dict[int, str] = {}
        known = frozenset(dataset.seats.ac_no.tolist())
        for key, lst in (assignments or {}).items():
            path = f"assignments.{key}"
            try:
                pi = sc.pools.index(key)
            except KeyError:
                rd.problem(path, f"unknown pool {quote(key)}; pools are {', '.join(sc.pools.keys)}")
                continue
            if not isinstance(lst, list):
                rd.problem(path, "expected a list of seat numbers")
                continue
            for j, a in enumerate(lst):
                if rd.full:  # only counting from here on: the rest of the list in one pass
                    seen.update(dict.fromkeys(rd.count_seat_problems(lst, j, known, seen), key))
                    break
                if isinstance(a, bool) or not isinstance(a, int):
                    rd.problem(f"{path}[{j}]", f"expected a seat number, found {quote(a)}")
                elif not dataset.seats.has(a):
                    rd.problem(f"{path}[{j}]", f"unknown seat {a}")
                elif a in seen:
                    rd.problem(f"{path}[{j}]", f"seat {a} is also in pool {quote(seen[a])}")
                else:
                    seen[a] = key
                    sc.pool[dataset.seats.index_of(a)] = pi
        sc.assumptions = _read_assumptions(rd, doc, dataset, sc.pools)
        if "rules" in doc and doc["rules"] is not None:
            sc.rules = read_rules(rd, doc["rules"], dataset.seats, sc.pools, "rules")
        rd.raise_if_any()
        return sc

    def save(self, path) -> None:
        write_json(path, self.to_json())

    @staticmethod
    def load(dataset: Dataset, path) -> "Scenario":
        return Scenario.from_json(dataset, read_json(path), str(path))


def merge_events(events: list[ScenarioEvent]) -> ScenarioEvent:
    """One event standing for several: the first one's kind, every kind, every moved seat."""
    kinds = frozenset(k for e in events for k in (e.kind, *e.kinds))
    seats = tuple(dict.fromkeys(a for e in events for a in e.seats))
    first = next((e.kind for e in events if e.kind == EventKind.POOLS), events[0].kind)
    return ScenarioEvent(first, seats, kinds if len(kinds) > 1 else frozenset())


def _read_partners(rd: JsonReader, doc: dict, dataset: Dataset) -> tuple[Partner, ...]:
    items = rd.get(doc, "partners", list, "", default=None)
    if items is None:
        return dataset.partners
    out = []
    for k, p in enumerate(items):
        path = f"partners[{k}]"
        code = rd.get(p, "code", str, path)
        name = rd.get(p, "name", str, path, default=code or "")
        colour = rd.get(p, "colour", str, path, default="#808080")
        if code is not None and (not code.strip() or code.lower() in ("contested", "unassigned")):
            rd.problem(f"{path}.code", f"{quote(code)} cannot be a partner code")
        if colour is not None and not valid_colour(colour):
            rd.problem(f"{path}.colour", f"expected a colour like #1A5FB4, found {quote(colour)}")
        if code is not None and name is not None and colour is not None:
            out.append(Partner(code, name, colour))
    if len(items) < 2:
        rd.problem("partners", "an alliance needs at least two partners")
    if len({p.code for p in out}) != len(out):
        rd.problem("partners", "two partners have the same code")
    return tuple(out)


def _number(rd: JsonReader, v, path: str, lo: float | None = None, hi: float | None = None):
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        rd.problem(path, f"expected a number, found {quote(v)}")
        return None
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        rd.problem(path, f"{v} is outside {lo:g}–{hi:g}")
        return None
    return float(v)


def _read_assumptions(rd: JsonReader, doc: dict, dataset: Dataset, pools: Pools) -> Assumptions:
    a = rd.get(doc, "assumptions", dict, "", default={}) or {}
    baseline = rd.get(a, "baseline", str, "assumptions", default=dataset.default_baseline)
    if baseline is not None and baseline not in dataset.baselines:
        rd.problem("assumptions.baseline", f"unknown baseline {quote(baseline)}; known: {', '.join(dataset.baselines)}")
    codes = [p.code for p in pools.partners]
    transfer = {}
    for key, v in (rd.get(a, "transfer", dict, "assumptions", default={}) or {}).items():
        path = f"assumptions.transfer.{key}"
        parts = key.split(">")
        if len(parts) != 2 or parts[0] not in codes or parts[1] not in codes or parts[0] == parts[1]:
            rd.problem(path, f"expected FROM>TO with two different partners ({'>'.join(codes[:2])})")
            continue
        x = _number(rd, v, path, 0.0, 1.0)
        if x is not None:
            transfer[(parts[0], parts[1])] = x
    swing = {}
    for party, v in (rd.get(a, "swing", dict, "assumptions", default={}) or {}).items():
        path = f"assumptions.swing.{party}"
        if not can_swing(party):
            rd.problem(path, f"{party} is not a party: no swing can be applied to it")
            continue
        x = _number(rd, v, path, -100.0, 100.0)
        if x is not None:
            swing[party] = x
    adjust = {}
    for key, v in (rd.get(a, "seat_adjust", dict, "assumptions", default={}) or {}).items():
        path = f"assumptions.seat_adjust.{key}"
        if not key.isdigit() or not dataset.seats.has(int(key)):
            rd.problem(path, f"unknown seat {quote(key)}")
            continue
        x = _number(rd, v, path, -100.0, 100.0)
        if x is not None:
            adjust[int(key)] = x
    return Assumptions.make(baseline or dataset.default_baseline, transfer, swing, adjust)


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
