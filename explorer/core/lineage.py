"""Party lineage across elections: which party of a later election a baseline's votes belong to.

Results files spell one party in several ways (ECI's ``AAAP`` in Delhi 2020 and ``AAP`` in 2025;
``JNJP`` for JJP; a full name "AJSU PARTY" for ``AJSUP``), parties are renamed (TRS became BRS in
2022), split (INLD in 2018: JJP and the rump INLD, each heir taking a share of the parent's vote)
and merge (HJC(BL) into Congress in 2016). A lineage table says so, one event a row
(``resources/lineage.csv``, built by ``tools/build_lineage.py``):

=========  ==================================================================================
kind       meaning of the row (``code`` → ``to``)
=========  ==================================================================================
spelling   ``code`` as written in a results file is the party ``to`` (any year)
rename     the party ``code`` is called ``to`` from ``year`` on (same party)
merge      the party ``code`` merged into ``to`` in ``year``
split      the party ``code`` split in ``year``; ``to`` is one heir, taking ``share`` (0–1) of the
           parent's vote statewide, or in the seat ``ac_no`` when that is given (a row per heir;
           an heir may be the parent's own code: the rump). The heirs' shares add up to 1.
=========  ==================================================================================

``state`` (a two-letter code such as ``HR``) limits a row to one state; empty means every state.
``source`` says where the row comes from (a public page, or the corpus file it was counted from).

:func:`Lineage.successors` gives, for a party of an earlier election, the parties of a later one
its vote goes to, with shares; :func:`map_seat_votes` maps per-seat votes by raw code to the later
election's parties, so that a split's heirs' votes add up to the parent's in every seat.
Independents (``IND``) and NOTA are not parties with a lineage: they pass through unchanged (an
independent is a candidate, kept apart by the caller)."""
from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .errors import DataError, Problem, quote
from .csvtext import csv_header, csv_rows
from .jsonio import decode_utf8
from .parties import IND, NOTA, is_nota, key

KINDS = ("spelling", "rename", "merge", "split")
COLUMNS = ("kind", "code", "to", "share", "state", "year", "ac_no", "source")
MAX_BYTES = 4 * 1024 * 1024
MAX_ROWS = 50_000
MAX_TEXT = 200
SHARE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Event:
    """One row of the table (after checking). ``line`` is the row's line in its file."""
    kind: str
    code: str
    to: str
    share: float | None
    state: str
    year: int | None
    ac_no: int | None
    source: str
    line: int = 0


class Lineage:
    """A checked lineage table. Build it with :func:`read_lineage` or from events."""

    def __init__(self, events: list[Event] = ()):
        self.events = list(events)
        self._spelling: dict[tuple[str, str], str] = {}  # (state or "", key(code)) -> canonical
        for e in self.events:
            if e.kind == "spelling":
                self._spelling[(e.state, key(e.code))] = e.to
        # the dated events in the order they happened (a rename before a split the same year)
        order = {"rename": 0, "merge": 1, "split": 2}
        self._dated = sorted((e for e in self.events if e.kind != "spelling"),
                             key=lambda e: (e.year, order[e.kind], e.line))

    def spelling(self, code: str, state: str = "") -> str:
        """The party a written code or name stands for: the table's spelling row for the state,
        else one for every state, else the code itself (stripped). NOTA and IND stay as they are."""
        code = " ".join(str(code).split())
        if is_nota(code):
            return NOTA
        if code in (IND, "Independent", "INDEPENDENT"):
            return IND
        k = key(code)
        return self._spelling.get((state, k)) or self._spelling.get(("", k)) or code

    def successors(self, code: str, state: str, from_year: int, to_year: int,
                   ac_no: int | None = None) -> dict[str, float]:
        """The parties of the ``to_year`` election that a ``from_year`` party's vote goes to,
        each with its share (adding up to 1): the spelling, then every rename, merger and split
        of the state dated after ``from_year`` and no later than ``to_year``, in date order. A
        split's shares are the seat's (``ac_no``) where the table gives them, else statewide."""
        start = self.spelling(code, state)
        out = {start: 1.0}
        if start in (IND, NOTA):
            return out
        split_done: set[tuple[str, int]] = set()
        for e in self._dated:
            if not (from_year < e.year <= to_year) or e.state not in ("", state) or e.code not in out:
                continue
            if e.kind == "split":
                if (e.code, e.year) in split_done:
                    continue
                split_done.add((e.code, e.year))
                w = out.pop(e.code)
                for heir, share in self.heirs(e.code, state, e.year, ac_no).items():
                    out[heir] = out.get(heir, 0.0) + w * share
            else:
                w = out.pop(e.code)
                out[e.to] = out.get(e.to, 0.0) + w
        return out

    def heirs(self, parent: str, state: str, year: int, ac_no: int | None = None) -> dict[str, float]:
        """A split's heirs and their shares of the parent's vote: in seat ``ac_no`` where the
        table has per-seat rows for it, else the statewide rows."""
        rows = [e for e in self.events if e.kind == "split" and e.code == parent and e.year == year
                and e.state in ("", state)]
        seat = [e for e in rows if ac_no is not None and e.ac_no == ac_no]
        use = seat or [e for e in rows if e.ac_no is None]
        return {e.to: float(e.share) for e in use}

    def splits_between(self, state: str, from_year: int, to_year: int) -> bool:
        """Whether a party of ``state`` split after ``from_year`` and no later than ``to_year``."""
        return any(e.kind == "split" and e.state in ("", state) and e.year is not None
                   and from_year < e.year <= to_year for e in self.events)

    def even_splits(self) -> "Lineage":
        """The same table with each split's heirs sharing the parent's vote evenly (statewide; the
        per-seat rows dropped): what a forecast made before the split's first election knows — that
        the heirs stand, not how the vote divides between them (the table's shares are counted
        from that election's result)."""
        heirs: dict[tuple[str, str, int | None], set[str]] = {}
        for e in self.events:
            if e.kind == "split":
                heirs.setdefault((e.code, e.state, e.year), set()).add(e.to)
        out, seen = [], set()
        for e in self.events:
            if e.kind != "split":
                out.append(e)
                continue
            k = (e.code, e.state, e.year, e.to)
            if k not in seen:
                seen.add(k)
                n = len(heirs[(e.code, e.state, e.year)])
                out.append(Event(e.kind, e.code, e.to, 1.0 / n, e.state, e.year, None, e.source, e.line))
        return Lineage(out)

    def canonical(self, code: str, state: str = "") -> str:
        """The party a code of an election stands for in that same election (its spelling)."""
        return self.spelling(code, state)


def map_seat_votes(votes: Mapping[str, np.ndarray], lineage: Lineage, state: str, from_year: int,
                   to_year: int, ac_no: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """A baseline's per-seat votes by raw code (``votes[code][i]``: seat i) as votes of the
    ``to_year`` election's parties. A split's heirs share the parent's vote seat by seat (per-seat
    shares where the table has them for ``ac_no[i]``, else statewide), so in every seat the heirs'
    votes add up to the parent's; spellings, renames and mergers add into one party. IND and NOTA
    pass through unchanged."""
    per_seat = ac_no is not None and any(e.kind == "split" and e.ac_no is not None and e.state in ("", state)
                                         for e in lineage.events)
    out: dict[str, np.ndarray] = {}
    for code, v in votes.items():
        v = np.asarray(v, dtype=float)
        seats = range(len(v)) if per_seat else (None,)
        for i in seats:
            where = slice(None) if i is None else i
            ac = None if i is None else int(ac_no[i])
            for heir, share in lineage.successors(code, state, from_year, to_year, ac).items():
                if heir not in out:
                    out[heir] = np.zeros(len(v))
                out[heir][where] += v[where] * share
    return out


def event_key(e: Event) -> tuple:
    """What a row is about: a spelling, the code it spells; a rename, merger or split, the party
    and the year (every heir's row of one split, statewide and per seat, is one event)."""
    if e.kind == "spelling":
        return ("spelling", key(e.code))
    return ("event", e.code, e.year)


def overlay(base: Lineage, own: Lineage) -> Lineage:
    """``own``'s rows added to ``base``'s, overriding it event by event (:func:`event_key`): a row
    of ``base`` goes when ``own`` has a row of the same event for the same state (a row for every
    state, ``state`` empty, meets every state). So a data set's own table adds a split the shipped
    one lacks and keeps the shipped spellings, or gives a split other shares (all of its heirs'
    rows replace the shipped ones); a rename of a party to itself takes a shipped event away."""
    mine: dict[tuple, set[str]] = {}
    for e in own.events:
        mine.setdefault(event_key(e), set()).add(e.state)
    kept = []
    for e in base.events:
        states = mine.get(event_key(e))
        if states and ("" in states or e.state == "" or e.state in states):
            continue
        kept.append(e)
    return Lineage(kept + list(own.events))


# --- the CSV form ------------------------------------------------------------------------------
def read_lineage(data: bytes, name: str = "lineage.csv") -> Lineage:
    """A lineage table from CSV bytes (the columns of ``COLUMNS``; ``kind``, ``code`` and ``to``
    required). Every problem is reported with its line and column; nothing is returned when
    there is one. Bounded: at most ``MAX_BYTES`` and ``MAX_ROWS`` rows."""
    if len(data) > MAX_BYTES:
        raise DataError(Problem(name, None, None, f"file is {len(data) / 1e6:.1f} MB; the limit is "
                                                  f"{MAX_BYTES // 2**20} MB"))
    text = decode_utf8(data, name)
    if "\x00" in text:
        raise DataError(Problem(name, text.count("\n", 0, text.index("\x00")) + 1, None,
                                "contains a NUL byte: not a text CSV file"))
    reader = csv.reader(io.StringIO(text, newline=""))
    header = csv_header(reader, name)
    missing = [c for c in ("kind", "code", "to") if c not in header]
    if missing:
        raise DataError(Problem(name, 1, None, f"missing column{'s' if len(missing) > 1 else ''} "
                                               f"{', '.join(missing)}; expected {','.join(COLUMNS)}"))
    col = {c: header.index(c) for c in COLUMNS if c in header}
    problems: list[Problem] = []
    events: list[Event] = []
    for start, row in csv_rows(reader, name, problems, MAX_ROWS):
        ev = _event(row, col, name, start, problems)
        if ev is not None:
            events.append(ev)
    problems.extend(_check_splits(events, name))
    if problems:
        raise DataError(problems)
    return Lineage(events)


def load_lineage(path: str | os.PathLike) -> Lineage:
    """:func:`read_lineage` of a file, read in bounded size."""
    from .bounded_read import read_head
    name = os.fspath(path)
    return read_lineage(read_head(path, MAX_BYTES, name), name)


def _event(row: list[str], col: dict[str, int], name: str, line: int, problems: list[Problem]) -> Event | None:
    def cell(c: str) -> str:
        i = col.get(c)
        return row[i].strip() if i is not None and i < len(row) else ""

    bad = len(problems)
    for c in COLUMNS:
        if len(cell(c)) > (1000 if c == "source" else MAX_TEXT):
            problems.append(Problem(name, line, c, f"{len(cell(c))} characters; too long"))
    if len(problems) > bad:
        return None
    kind, code, to = cell("kind").lower(), cell("code"), cell("to")
    if kind not in KINDS:
        problems.append(Problem(name, line, "kind", f"{quote(cell('kind'))} is not one of {', '.join(KINDS)}"))
    for c, v in (("code", code), ("to", to)):
        if not v:
            problems.append(Problem(name, line, c, "empty: a party code is needed"))
    year = _whole(cell("year"), "year", name, line, problems, 1900, 2200)
    ac_no = _whole(cell("ac_no"), "ac_no", name, line, problems, 1, 10_000)
    share = None
    if cell("share"):
        try:
            share = float(cell("share"))
        except ValueError:
            share = math.nan
        if not (0.0 <= share <= 1.0):
            problems.append(Problem(name, line, "share", f"{quote(cell('share'))} is not a share from 0 to 1"))
    if kind in ("rename", "merge", "split") and year is None and not cell("year"):
        problems.append(Problem(name, line, "year", f"a {kind} needs the year it happened"))
    if kind == "split" and share is None and cell("share") == "":
        problems.append(Problem(name, line, "share", "a split's heir needs its share of the parent's vote"))
    if kind != "split" and ac_no is not None:
        problems.append(Problem(name, line, "ac_no", "only a split's shares can be given per seat"))
    state = cell("state").upper()
    if state and not (len(state) <= 3 and state.isalpha()):
        problems.append(Problem(name, line, "state", f"{quote(cell('state'))} is not a state code such as HR"))
    if len(problems) > bad:
        return None
    return Event(kind, code, to, share, state, year, ac_no, cell("source"), line)


def _whole(s: str, column: str, name: str, line: int, problems: list[Problem], lo: int, hi: int) -> int | None:
    if not s:
        return None
    if s.isascii() and s.isdigit() and lo <= int(s) <= hi:
        return int(s)
    problems.append(Problem(name, line, column, f"{quote(s)} is not a whole number from {lo} to {hi}"))
    return None


def _check_splits(events: list[Event], name: str) -> list[Problem]:
    """Each split's heirs' shares add up to 1, statewide and in each seat given."""
    groups: dict[tuple, list[Event]] = {}
    for e in events:
        if e.kind == "split":
            groups.setdefault((e.code, e.state, e.year, e.ac_no), []).append(e)
    out = []
    for (code, state, year, ac), rows in groups.items():
        total = sum(e.share for e in rows)
        if abs(total - 1.0) > SHARE_TOLERANCE:
            where = f" in seat {ac}" if ac is not None else ""
            out.append(Problem(name, rows[0].line, "share",
                               f"the heirs of {code}'s {year} split{(' in ' + state) if state else ''}{where} "
                               f"take {total:g} of its vote (lines {', '.join(str(e.line) for e in rows)}); "
                               "their shares must add up to 1"))
        heirs = [e.to for e in rows]
        if len(set(heirs)) != len(heirs):
            out.append(Problem(name, rows[0].line, "to", f"an heir of {code}'s {year} split is listed twice"))
    return out
