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

import dataclasses
from typing import Callable, Iterable

import numpy as np

from .assumptions import Assumptions
from .dataset import Baseline, SeatTable
from .imported import imported_boundaries, set_boundaries, unique_baseline  # noqa: F401 (re-exported)
from .pools import CONTESTED, UNASSIGNED, Partner, Pools
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
        target = P.index(pool_key)
        self.pool_key = P.key(target)
        ac_nos = list(dict.fromkeys(int(a) for a in ac_nos))
        keys = P.keys     # the seats' pools read in one pass, not two look-ups a seat
        self.previous = {a: keys[p] for a, p in zip(ac_nos, scenario.pool[scenario.seats.indices(ac_nos)].tolist())
                         if p != target}
        self.previous_fights = {a: scenario.fights[a] for a in self.previous if a in scenario.fights}
        super().__init__(scenario, f"Move {seats_phrase(scenario.seats, self.previous)} to "
                                   f"{P.label(P.index(pool_key))}")

    @property
    def is_noop(self) -> bool:
        return not self.previous

    def do(self) -> None:
        self.scenario.assign(list(self.previous), self.pool_key)

    def undo(self) -> None:
        with self.scenario.batch():
            self.scenario.restore(self.previous)
            if self.previous_fights:
                self.scenario.set_fights(self.previous_fights)


class SetPools(Command):
    """Replace every seat's pool at once, and the assumptions with them if given (a preset,
    an imported demand): one event, one evaluation."""

    def __init__(self, scenario: Scenario, pool: np.ndarray, text: str, assumptions: Assumptions | None = None,
                 fights: dict[int, tuple[str, ...]] | None = None):
        super().__init__(scenario, text)
        self.new = np.asarray(pool, dtype=np.int8).copy()
        self.old = scenario.pool.copy()
        self.new_assumptions = assumptions
        self.old_assumptions = scenario.assumptions
        self.old_fights = dict(scenario.fights)
        self.new_fights = fights

    @property
    def is_noop(self) -> bool:
        return (bool((self.new == self.old).all()) and self.new_assumptions in (None, self.old_assumptions)
                and (self.new_fights or {}) == self.old_fights)

    def do(self) -> None:
        with self.scenario.batch():
            if self.new_assumptions is not None:
                self.scenario.set_assumptions(self.new_assumptions)
            self.scenario.set_pool_array(self.new)
            _replace_fights(self.scenario, self.new_fights or {})

    def undo(self) -> None:
        with self.scenario.batch():
            self.scenario.set_assumptions(self.old_assumptions)
            self.scenario.set_pool_array(self.old)
            _replace_fights(self.scenario, self.old_fights)


def _replace_fights(sc: Scenario, fights: dict[int, tuple[str, ...]]) -> None:
    change = {a: None for a in sc.fights if a not in fights} | dict(fights)
    if change:
        sc.set_fights(change)


class SetFights(Command):
    """Say which partners field candidates in Contested seats (None or every partner: all
    stand; two or more: a friendly fight between them)."""

    def __init__(self, scenario: Scenario, ac_nos: Iterable[int], codes: Iterable[str] | None):
        ac_nos = list(dict.fromkeys(int(a) for a in ac_nos))
        new = None if codes is None else scenario.normal_fight(codes)
        for a in ac_nos:
            if not scenario.fight_of(a):
                raise ValueError(f"seat {a} is not Contested: only a Contested seat has a friendly fight")
        self.new = {a: new for a in ac_nos if scenario.fights.get(a) != new}
        self.old = {a: scenario.fights.get(a) for a in self.new}
        who = "every partner" if new is None else " and ".join(new)
        super().__init__(scenario, f"{seats_phrase(scenario.seats, self.new or ac_nos)}: {who} stand")

    @property
    def is_noop(self) -> bool:
        return not self.new

    def do(self) -> None:
        self.scenario.set_fights(self.new)

    def undo(self) -> None:
        self.scenario.set_fights(self.old)


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
    as one step. Undo puts the scenario back on its previous baseline and takes the baseline off
    the data set's list if this step listed it and no other scenario uses it
    (``used_elsewhere(baseline_id)``; by default it may be used, and stays listed)."""

    def __init__(self, scenario: Scenario, baseline: Baseline, text: str | None = None,
                 used_elsewhere: Callable[[str], bool] | None = None):
        self.baseline = baseline
        self.old = scenario.assumptions
        self.new = scenario.assumptions.with_baseline(baseline.id)
        self.used_elsewhere = used_elsewhere or (lambda _id: True)
        self.listed = False            # this step put the baseline on the list (at its last do)
        super().__init__(scenario, text or f"Baseline: {baseline.label}")

    @property
    def is_noop(self) -> bool:
        return self.new == self.old and self.scenario.dataset.baselines.get(self.baseline.id) is self.baseline

    def do(self) -> None:
        ds = self.scenario.dataset
        self.listed = ds.baselines.get(self.baseline.id) is not self.baseline
        if self.listed:
            ds.add_baseline(self.baseline)
        self.scenario.set_assumptions(self.new)

    def undo(self) -> None:
        if self.listed and not self.used_elsewhere(self.baseline.id):
            # off the list before the scenario says its assumptions changed: the views list the rest
            self.scenario.dataset.remove_baseline(self.baseline)
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


class EditPartners(Command):
    """A change of the partner list (add, remove, rename, recolour, reorder) with what goes
    with it: every seat's pool, the friendly fights, the transfer directions and the rules
    that name a partner. One step; undo puts the whole state back exactly."""

    def __init__(self, scenario: Scenario, partners: tuple[Partner, ...], text: str,
                 code_map: dict[str, str | None] | None = None, report: str = ""):
        """``code_map``: old code -> new code (None: the partner is removed); a code not in it
        keeps its name. ``report``: what the edit did beyond the list (seats moved…)."""
        _check_partners(partners)
        super().__init__(scenario, text)
        self.report = report
        code_map = code_map or {}
        self.old = scenario.state()
        old_P = scenario.pools
        new_P = Pools(tuple(partners))

        def new_code(c):
            return code_map.get(c, c)
        # pools: a partner's seats go with its code; a removed partner's seats to Unassigned
        remap = np.empty(len(old_P), dtype=np.int8)
        for i, p in enumerate(old_P.partners):
            c = new_code(p.code)
            remap[i] = new_P.partner_index(c) if c is not None else new_P.unassigned
        remap[old_P.contested], remap[old_P.unassigned] = new_P.contested, new_P.unassigned
        pool = remap[scenario.pool]
        order = [p.code for p in new_P.partners]
        fights = {}
        for a, codes in scenario.fights.items():
            left = [new_code(c) for c in codes if new_code(c) is not None]
            i = scenario.seats.index_of(a)
            if len(left) == 1:          # the other fighter left the alliance: the seat is its alone
                pool[i] = new_P.partner_index(left[0])
            elif len(left) < len(order):
                fights[a] = tuple(c for c in order if c in left)
        a = scenario.assumptions
        transfer = {(new_code(f), new_code(t)): v for f, t, v in a.transfer_items
                    if new_code(f) is not None and new_code(t) is not None}
        self.assumptions = Assumptions.make(a.baseline, transfer, a.swing, a.seat_adjust, a.poll, a.poll_error)
        kept = []
        self.dropped_rules = []
        for r in scenario.rules.rules:
            c = getattr(r, "partner", None)
            if c is None or c == "":
                kept.append(r)
            elif new_code(c) is None:
                self.dropped_rules.append(r)
            else:
                kept.append(dataclasses.replace(r, partner=new_code(c)))
        rules = dataclasses.replace(scenario.rules, rules=tuple(kept))
        self.new = (new_P.partners, pool, fights, self.assumptions, rules)

    @property
    def is_noop(self) -> bool:
        o, n = self.old, self.new
        return o[0] == n[0] and bool((o[1] == n[1]).all()) and o[2] == n[2] and o[3] == n[3] and o[4] == n[4]

    def do(self) -> None:
        self.scenario.set_state(self.new)

    def undo(self) -> None:
        self.scenario.set_state(self.old)


def _check_partners(partners) -> None:
    from .validate import code_problem, colour_problem, name_problem
    problems = []
    if len(partners) < 2:
        problems.append("an alliance needs at least two partners")
    for p in partners:
        for what, msg in (("code", code_problem(p.code)), ("name", name_problem(p.name)),
                          ("colour", colour_problem(p.colour))):
            if msg:
                problems.append(f"partner {p.code!r}, {what}: {msg}")
        if p.code.strip().lower() in (CONTESTED, UNASSIGNED):
            problems.append(f"{p.code!r} cannot be a partner code (it is a pool)")
    codes = [p.code.lower() for p in partners]
    if len(set(codes)) != len(codes):
        problems.append("two partners have the same code")
    if problems:
        raise ValueError("; ".join(problems))


def add_partner(sc: Scenario, partner: Partner) -> EditPartners:
    return EditPartners(sc, sc.pools.partners + (partner,), f"Add partner {partner.code}")


def remove_partner(sc: Scenario, code: str) -> EditPartners:
    i = sc.pools.partner_index(code)
    n = int((sc.pool == i).sum())
    partners = tuple(p for p in sc.pools.partners if p.code != code)
    cmd = EditPartners(sc, partners, f"Remove partner {code}", {code: None})
    moved = f"{n} seat{'s' if n != 1 else ''} moved to Unassigned"
    if cmd.dropped_rules:
        moved += f"; {len(cmd.dropped_rules)} rule{'s' if len(cmd.dropped_rules) != 1 else ''} about {code} removed"
    cmd.report = f"{code} removed: {moved}"
    cmd.text = f"Remove partner {code} ({moved})"
    return cmd


def rename_partner(sc: Scenario, code: str, new_code: str, new_name: str | None = None) -> EditPartners:
    p = sc.pools.partner(code)
    partners = tuple(Partner(new_code, p.name if new_name is None else new_name, p.colour) if q.code == code else q
                     for q in sc.pools.partners)
    label = f"Rename partner {code} to {new_code}" if new_code != code else f"Rename partner {code}"
    return EditPartners(sc, partners, label, {code: new_code})


def recolour_partner(sc: Scenario, code: str, colour: str) -> EditPartners:
    partners = tuple(Partner(q.code, q.name, colour) if q.code == code else q for q in sc.pools.partners)
    return EditPartners(sc, partners, f"Recolour partner {code}")


def move_partner(sc: Scenario, code: str, index: int) -> EditPartners:
    partners = [q for q in sc.pools.partners if q.code != code]
    partners.insert(max(0, min(index, len(partners))), sc.pools.partner(code))
    return EditPartners(sc, tuple(partners), f"Move partner {code} to position {index + 1}")


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


__all__ = ["Command", "MoveSeats", "SetPools", "SetFights", "SetAssumptions", "SetRules", "SetMeta", "UseBaseline", "UseBoundaries", "Macro",
           "EditPartners", "add_partner", "remove_partner", "rename_partner", "recolour_partner", "move_partner",
           "seats_phrase", "unique_baseline"]
