"""Data sets: the seats of a state, its baseline elections, parties, default partners and
attribution.

A data set is a folder (``dataset.json`` and the files it names); ``dataset_io`` reads and
writes it, for the embedded data sets (``explorer.resources``, the repository's ``resources/``,
read with importlib.resources so it works installed and frozen) and for the user's alike.
"""
from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

import numpy as np
import pandas as pd

from .parties import PartyTable
from .paths import resource_root  # noqa: F401  (re-exported)
from .pools import DEFAULT_PARTNERS, Partner

SEAT_COLUMNS = ["ac_no", "name", "district", "pc_no", "pc_name", "reserved", "label_lat", "label_lon"]


class SeatTable:
    """The constituencies of a state, in a fixed order; arrays for the hot path."""

    def __init__(self, frame: pd.DataFrame):
        frame = frame.reset_index(drop=True)
        self.frame = frame
        self.ac_no = frame["ac_no"].to_numpy(dtype=np.int64)
        self.names: list[str] = frame["name"].astype(str).tolist()
        self.n = len(frame)
        self._index = {int(a): i for i, a in enumerate(self.ac_no)}
        self.reserved: list[str] = frame["reserved"].astype(str).str.upper().tolist()
        self.is_sc = np.array([r == "SC" for r in self.reserved], dtype=bool)
        self.is_st = np.array([r == "ST" for r in self.reserved], dtype=bool)
        # PCs in their ECI order (1 Ambala, 2 Kurukshetra, ...), districts as first met by seat number
        by_pc_no = frame.sort_values(["pc_no", "ac_no"], kind="stable")["pc_name"].astype(str)
        self.pc_names = list(dict.fromkeys(by_pc_no.tolist()))
        _pc = {n: i for i, n in enumerate(self.pc_names)}
        self.pc_index = np.fromiter((_pc[v] for v in frame["pc_name"].astype(str)), dtype=np.int64, count=self.n)
        self.district_names, self.district_index = _codes(frame["district"].astype(str))
        self._region_cache: dict[tuple[str, str], np.ndarray] = {}
        self.read_as = "UTF-8"  # how its CSV was read (loaders: the encoding detected)
        self.warnings: list = []  # errors.Problem: accepted, but worth a look (e.g. two seats of one name)

    def __len__(self) -> int:
        return self.n

    def index_of(self, ac_no: int) -> int:
        return self._index[int(ac_no)]

    def has(self, ac_no) -> bool:
        try:
            return int(ac_no) in self._index
        except (TypeError, ValueError):
            return False

    def indices(self, ac_nos) -> np.ndarray:
        return np.fromiter((self._index[int(a)] for a in ac_nos), dtype=np.int64)

    def name(self, ac_no: int) -> str:
        return self.names[self._index[int(ac_no)]]

    def names_of(self, ac_nos) -> list[str]:
        return [self.name(a) for a in ac_nos]

    def find(self, text: str) -> int | None:
        """ac_no for a seat number or a name (case-insensitive), or None."""
        t = text.strip()
        if t.isdigit() and int(t) in self._index:
            return int(t)
        low = t.lower()
        for a, n in zip(self.ac_no, self.names):
            if n.lower() == low:
                return int(a)
        return None

    def region_mask(self, kind: str, value) -> np.ndarray:
        """Boolean mask of the seats in a region: a PC (by name), a district, or a set of seats."""
        key = (kind, value if kind != "seats" else tuple(value))
        m = self._region_cache.get(key)
        if m is None:
            if kind == "pc":
                m = self.frame["pc_name"].astype(str).str.lower().to_numpy() == str(value).lower()
            elif kind == "district":
                m = self.frame["district"].astype(str).str.lower().to_numpy() == str(value).lower()
            elif kind == "seats":
                m = np.zeros(self.n, dtype=bool)
                m[self.indices(value)] = True
            else:
                raise ValueError(f"unknown region kind {kind!r}")
            m.setflags(write=False)
            self._region_cache[key] = m
        return m

    @property
    def has_labels(self) -> bool:
        return bool(self.frame["label_lat"].notna().all())


def _codes(s: pd.Series) -> tuple[list[str], np.ndarray]:
    """Group names in first-seen order (PC 1 first), and each seat's group index."""
    names = list(dict.fromkeys(s.tolist()))
    idx = {n: i for i, n in enumerate(names)}
    return names, np.fromiter((idx[v] for v in s), dtype=np.int64, count=len(s))


VIDHAN_SABHA = "vidhan_sabha"
LOK_SABHA_SEGMENTS = "lok_sabha_segments"
BASELINE_KINDS = (VIDHAN_SABHA, LOK_SABHA_SEGMENTS)


_serial = itertools.count(1)   # each data set and baseline made in this run: its own number, never reused


def _next_serial() -> int:
    return next(_serial)


@dataclass
class Baseline:
    """A past election per candidate per seat: columns ac_no, candidate_no (ballot serial, 0
    where the source has none), candidate, party (short code), votes. One row per candidate, so
    independents and namesakes stay separate candidates."""
    id: str
    label: str
    candidates: pd.DataFrame
    note: str = ""
    source: str = "embedded"
    year: int | None = None
    kind: str = VIDHAN_SABHA
    read_as: str = "UTF-8"  # how its CSV was read (loaders: the encoding detected)
    warnings: list = field(default_factory=list, compare=False, repr=False)  # errors.Problem
    # this run's number for these votes (caches are keyed on it, never on id())
    uid: int = field(init=False, default_factory=_next_serial, repr=False, compare=False)


class Imports:
    """What the strategist imported into a data set, apart from its reference data: baselines
    (CSV files, or carried by a scenario file) and map boundaries. Every change bumps
    ``version``: what was computed from the data set is kept or dropped by it."""

    def __init__(self):
        self.baselines: dict[str, Baseline] = {}
        self.boundaries = None         # geometry.Boundaries drawn instead of the embedded ones
        self.lineage = None            # lineage.Lineage used instead of the shipped table (or the folder's)
        self.kept_blocs = None         # year -> blocs kept for that election (core.kept_blocs; None: not read)
        self.version = 0

    def add_baseline(self, b: Baseline) -> None:
        if self.baselines.get(b.id) is not b:
            self.baselines[b.id] = b
            self.version += 1

    def remove_baseline(self, b: Baseline) -> None:
        """Take ``b`` off the list (an import undone); another baseline of its id stays."""
        if self.baselines.get(b.id) is b:
            del self.baselines[b.id]
            self.version += 1

    def set_lineage(self, lineage) -> None:
        """The party lineage a projection maps an older baseline's parties with (None: the shipped one)."""
        if self.lineage is not lineage:
            self.lineage = lineage
            self.version += 1

    def set_boundaries(self, b):
        """Draw with ``b`` (None: the embedded boundaries); returns the previous ones."""
        old, self.boundaries = self.boundaries, b
        if b is not old:
            self.version += 1
        return old


class Baselines(Mapping):
    """A data set's baselines as one read-only mapping: its own (embedded), then the imported."""

    def __init__(self, own: Mapping[str, Baseline], imports: Imports):
        self._own, self._imports = MappingProxyType(dict(own)), imports

    def __getitem__(self, key: str) -> Baseline:
        b = self._own.get(key)
        return b if b is not None else self._imports.baselines[key]

    def __iter__(self):
        yield from self._own
        yield from (k for k in self._imports.baselines if k not in self._own)

    def __len__(self) -> int:
        return len(self._own) + sum(1 for k in self._imports.baselines if k not in self._own)

    def __contains__(self, key) -> bool:
        return key in self._own or key in self._imports.baselines


@dataclass(frozen=True, eq=False)
class Dataset:
    """Reference data: frozen. What the strategist imports lives in ``imports`` (versioned)."""
    id: str
    name: str
    seats: SeatTable
    baselines: dict[str, Baseline]
    default_baseline: str
    partners: tuple[Partner, ...] = DEFAULT_PARTNERS
    party_colours: dict[str, str] = field(default_factory=dict)
    party_names: dict[str, str] = field(default_factory=dict)
    attribution: str = ""
    rules_doc: dict | None = None
    scenario_docs: dict[str, dict] = field(default_factory=dict)  # preset name -> scenario JSON
    default_scenario: str | None = None
    boundaries_loader: object = None  # callable returning the boundaries JSON, or None
    state: str = ""
    majority_seats: int | None = None  # from the manifest; default: more than half the seats
    parties: PartyTable | None = None  # codes, names, colours; None: the two dicts above
    content_hash: str = ""             # of the files that decide a projection
    folder: str | None = None          # where a user's data set was read from
    warnings: list = field(default_factory=list)  # errors.Problem: read, but worth a look
    sources: dict[str, str] = field(default_factory=dict)  # "rules", "boundaries", a preset -> file shown
    imports: Imports = field(init=False, default_factory=Imports, repr=False)
    uid: int = field(init=False, default_factory=_next_serial, repr=False)   # this run's number for it

    def __post_init__(self):
        object.__setattr__(self, "baselines", Baselines(self.baselines, self.imports))

    @property
    def version(self) -> int:
        """The version of what was imported into it (0: nothing yet)."""
        return self.imports.version

    @property
    def majority(self) -> int:
        return self.majority_seats or self.seats.n // 2 + 1

    def baseline(self, baseline_id: str) -> Baseline:
        try:
            return self.baselines[baseline_id]
        except KeyError:
            raise KeyError(f"unknown baseline {baseline_id!r}; known: {', '.join(self.baselines)}") from None

    def add_baseline(self, b: Baseline) -> None:
        """List an imported baseline (its id must not be one of the data set's own)."""
        if b.id in self.baselines and self.baselines[b.id] is not b and b.id not in self.imports.baselines:
            raise ValueError(f"baseline {b.id!r} is one of the data set's own")
        self.imports.add_baseline(b)

    def remove_baseline(self, b: Baseline) -> None:
        """Take an imported baseline off the list again (its import undone)."""
        self.imports.remove_baseline(b)

    def party_colour(self, party: str) -> str:
        if self.parties is not None and party in self.parties:
            return self.parties.colour(party)
        return self.party_colours.get(party, "#B0B0B0")

    def party_name(self, party: str) -> str:
        if self.parties is not None and party in self.parties:
            return self.parties.name(party)
        return self.party_names.get(party, party)

    def resolve_party(self, text: str) -> str | None:
        """A party code from a code or an ECI name ('Jharkhand Mukti Morcha' -> 'JMM'), or
        None when neither the data set nor the shipped table knows it."""
        if self.parties is not None:
            return self.parties.lookup(text)
        t = text.strip()
        for code, name in self.party_names.items():
            if t.upper() == code.upper() or t.lower() == name.lower():
                return code
        return t.upper() if t.upper() in self.party_colours else None

    def newest_baseline(self) -> str:
        """The id of the most recent baseline (by year; the manifest's default on a tie)."""
        years = {b.id: (b.year or 0) for b in self.baselines.values()}
        best = max(years.values(), default=0)
        if years.get(self.default_baseline, -1) == best:
            return self.default_baseline
        return next(i for i, y in years.items() if y == best)

    @cached_property
    def boundaries(self) -> dict | None:
        return self.boundaries_loader() if self.boundaries_loader else None
