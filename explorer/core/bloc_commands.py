"""Edits of the blocs as undoable commands (``core.commands``' kind): the rival blocs, our bloc's
name, a rival's seats moved between its partners, and a preset "as the blocs stood in YEAR"
(which also sets our pools and friendly fights), each one step."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Mapping

import numpy as np

from .blocs import RivalBloc
from .commands import Command, _replace_fights, seats_phrase
from .scenario import Scenario


class SetBlocs(Command):
    """Replace the rival blocs and our bloc's name, and, given, our pools and fights."""

    def __init__(self, scenario: Scenario, rivals: Iterable[RivalBloc], text: str, bloc_name: str | None = None,
                 pool: np.ndarray | None = None, fights: dict[int, tuple[str, ...]] | None = None):
        super().__init__(scenario, text)
        sc = scenario
        self.old = (sc.rivals, sc.bloc_name, sc.pool.copy(), dict(sc.fights))
        self.new = (tuple(rivals), bloc_name or sc.bloc_name,
                    sc.pool.copy() if pool is None else np.asarray(pool, dtype=np.int8).copy(),
                    dict(sc.fights) if fights is None else dict(fights))
        from .blocs import check_blocs
        check_blocs((p.code for p in sc.pools.partners), self.new[0], self.new[1])   # ValueError before any change

    @property
    def is_noop(self) -> bool:
        o, n = self.old, self.new
        return o[0] == n[0] and o[1] == n[1] and bool((o[2] == n[2]).all()) and o[3] == n[3]

    def _put(self, state) -> None:
        rivals, name, pool, fights = state
        with self.scenario.batch():
            self.scenario.set_pool_array(pool)
            _replace_fights(self.scenario, fights)
            self.scenario.set_rivals(rivals, name)

    def do(self) -> None:
        self._put(self.new)

    def undo(self) -> None:
        self._put(self.old)


def move_rival_seats(sc: Scenario, bloc: str, ac_nos: Iterable[int], codes: Iterable[str]) -> SetBlocs:
    """The command giving seats to some partners of a rival bloc (one partner; several: a friendly
    fight; none: the bloc fields nobody there)."""
    ac_nos = list(dict.fromkeys(int(a) for a in ac_nos))
    codes = tuple(codes)
    k = next(i for i, b in enumerate(sc.rivals) if b.name == bloc)
    b = sc.rivals[k]
    new = list(sc.rivals)
    new[k] = b.with_seats({a: codes for a in ac_nos})
    who = " v ".join(codes) if codes else "no candidate"
    return SetBlocs(sc, new, f"{b.name}: {seats_phrase(sc.seats, ac_nos)} to {who}")


def rival_partner_stands(sc: Scenario, bloc: str, standing: Mapping[int, Iterable[str]], code: str,
                         on: bool = True) -> SetBlocs | None:
    """The command where a rival's partner ``code`` stands too (``on``: beside whoever stands for the
    bloc in each seat, a friendly fight where another partner stands) or stands down (``on`` False:
    where another partner of the bloc still stands; a seat where it stands alone keeps it).
    ``standing``: the seats to change -> the partners standing there now (the edited split or the
    default's). None when no seat changes."""
    k = next(i for i, b in enumerate(sc.rivals) if b.name == bloc)
    b = sc.rivals[k]
    if code not in b.partners:
        raise ValueError(f"{code} is not a partner of {bloc}")
    change: dict[int, tuple[str, ...]] = {}
    for a, now in standing.items():
        now = set(now)
        new = now | {code} if on else now - {code}
        if new != now and new:
            change[int(a)] = tuple(new)
    if not change:
        return None
    rivals = list(sc.rivals)
    rivals[k] = b.with_seats(change)
    how = "stands too" if on else "stands down"
    return SetBlocs(sc, rivals, f"{b.name}: {code} {how} in {seats_phrase(sc.seats, list(change))}")


def set_rival_split(sc: Scenario, bloc: str, split: str) -> SetBlocs:
    """A rival's default split for every seat (its edited seats forgotten)."""
    k = next(i for i, b in enumerate(sc.rivals) if b.name == bloc)
    new = list(sc.rivals)
    new[k] = replace(sc.rivals[k], split=split, seats=())
    label = {"baseline": "each partner where it stood", "strongest": "the strongest partner in each seat"}[split]
    return SetBlocs(sc, new, f"{bloc}: {label}")


def set_rival_transfer(sc: Scenario, bloc: str, transfer: float) -> SetBlocs:
    k = next(i for i, b in enumerate(sc.rivals) if b.name == bloc)
    new = list(sc.rivals)
    new[k] = replace(sc.rivals[k], transfer=float(transfer))
    return SetBlocs(sc, new, f"{bloc}: transfer {transfer * 100:.0f} %")


def bloc_preset_command(sc: Scenario, preset) -> SetBlocs:
    """``bloc_presets.BlocPreset`` as one step: our pools and fights, the rivals, our bloc's name."""
    pool = np.array([sc.pools.index(k) for _, k in preset.pools], dtype=np.int8)
    return SetBlocs(sc, preset.rivals, f"Preset: {preset.label}", preset.our_name, pool, dict(preset.fights))


class SetContenders(Command):
    """Replace the new contenders (parties absent from the baseline, independents in named seats)."""

    def __init__(self, scenario: Scenario, contenders, text: str):
        super().__init__(scenario, text)
        self.old, self.new = scenario.contenders, tuple(contenders)
        from .contenders import with_contenders   # ValueError before any change (a party already standing)
        with_contenders(scenario.dataset.baseline(scenario.assumptions.baseline), scenario.seats, self.new)

    @property
    def is_noop(self) -> bool:
        return self.old == self.new

    def do(self) -> None:
        self.scenario.set_contenders(self.new)

    def undo(self) -> None:
        self.scenario.set_contenders(self.old)
