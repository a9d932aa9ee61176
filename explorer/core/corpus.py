"""A corpus of assembly elections: ``DIR/XX.csv`` (XX a state code), one row per candidate, in
the columns of ``../shared/data/india_assembly`` (year, ac_no, ac_name, district, reserved,
candidate, party, votes, valid_votes, electors; only year, ac_no, party and votes are required).

Read in bounded size and rows; every problem reported with its file, line and column. NOTA rows
(in whatever form) are kept apart from the candidates, so shares are of the candidates' votes
(NOTA is missing from many files: a share of the valid vote would not compare across years).
A row without an ac_no is kept out (the seat cannot be matched across elections) and counted.
A seat is *uncontested* when it has one candidate, or its candidates polled fewer than
``MIN_POLLED`` votes (the source writes 0 or 1 for "elected unopposed")."""
from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import DataError, Problem, quote
from .bounded_read import read_head
from .csvtext import csv_header, csv_rows
from .jsonio import decode_utf8
from .parties import is_nota

MAX_BYTES = 64 * 1024 * 1024
MAX_ROWS = 1_000_000
MAX_TEXT = 300
MIN_POLLED = 100
STATE_FILE = re.compile(r"^([A-Z]{2,3})\.csv$")


@dataclass
class Election:
    """One general election of one state: candidates (NOTA apart) by seat."""
    state: str
    year: int
    ac_no: np.ndarray            # the seats, ascending
    district: list[str]          # per seat ("" when the file has none)
    seat: np.ndarray             # per candidate: index into ac_no
    party: list[str]             # per candidate: the party as written
    votes: np.ndarray            # per candidate
    nota: np.ndarray             # per seat: NOTA votes where the file has them (else 0)
    skipped_rows: int = 0        # rows without an ac_no

    @property
    def n(self) -> int:
        return len(self.ac_no)

    def polled(self) -> np.ndarray:
        """Candidates' votes per seat (NOTA excluded)."""
        return np.bincount(self.seat, weights=self.votes, minlength=self.n)

    def contested(self) -> np.ndarray:
        """Per seat: more than one candidate and at least MIN_POLLED votes."""
        count = np.bincount(self.seat, minlength=self.n)
        return (count > 1) & (self.polled() >= MIN_POLLED)


@dataclass
class Corpus:
    elections: dict[str, list[Election]] = field(default_factory=dict)   # state -> by year
    files: dict[str, str] = field(default_factory=dict)                  # state -> path

    @property
    def states(self) -> list[str]:
        return sorted(self.elections)


def read_state_csv(data: bytes, name: str, state: str) -> list[Election]:
    """A state's elections from one CSV file's bytes."""
    if len(data) > MAX_BYTES:
        raise DataError(Problem(name, None, None, f"file is {len(data) / 1e6:.1f} MB; the limit is "
                                                  f"{MAX_BYTES // 2**20} MB"))
    text = decode_utf8(data, name)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = csv_header(reader, name)
    need = ["year", "ac_no", "party", "votes"]
    missing = [c for c in need if c not in header]
    if missing:
        raise DataError(Problem(name, 1, None, f"missing column{'s' if len(missing) > 1 else ''} "
                                               f"{', '.join(missing)}"))
    col = {c: header.index(c) for c in (*need, "district") if c in header}
    problems: list[Problem] = []
    by_year: dict[int, dict] = {}
    for start, row in csv_rows(reader, name, problems, MAX_ROWS):
        cell = {c: (row[i].strip() if i < len(row) else "") for c, i in col.items()}
        if any(len(v) > MAX_TEXT for v in cell.values()):
            problems.append(Problem(name, start, None, f"a cell longer than {MAX_TEXT} characters"))
            continue
        year, votes = _whole(cell["year"]), _whole(cell["votes"])
        if year is None or not 1900 <= year <= 2200:
            problems.append(Problem(name, start, "year", f"{quote(cell['year'])} is not a year"))
            continue
        if votes is None:
            problems.append(Problem(name, start, "votes", f"{quote(cell['votes'])} is not a whole number of votes"))
            continue
        if not cell["party"]:
            problems.append(Problem(name, start, "party", "empty"))
            continue
        y = by_year.setdefault(year, {"seat": [], "party": [], "votes": [], "district": {}, "nota": {},
                                      "skipped": 0})
        ac = _whole(cell["ac_no"])
        if cell["ac_no"] == "":
            y["skipped"] += 1
            continue
        if ac is None or not 1 <= ac <= 10_000:
            problems.append(Problem(name, start, "ac_no", f"{quote(cell['ac_no'])} is not a seat number"))
            continue
        if cell.get("district") and ac not in y["district"]:
            y["district"][ac] = cell["district"]
        if is_nota(cell["party"]):
            y["nota"][ac] = y["nota"].get(ac, 0) + votes
            y["district"].setdefault(ac, "")
            continue
        y["seat"].append(ac)
        y["party"].append(cell["party"])
        y["votes"].append(votes)
        if len(problems) >= 200:
            break
    if problems:
        raise DataError(problems)
    out = []
    for year in sorted(by_year):
        y = by_year[year]
        acs = np.array(sorted(set(y["seat"])), dtype=int)
        if len(acs) == 0:
            continue
        idx = {a: i for i, a in enumerate(acs.tolist())}
        out.append(Election(state, year, acs, [y["district"].get(a, "") for a in acs.tolist()],
                            np.array([idx[a] for a in y["seat"]], dtype=int), list(y["party"]),
                            np.array(y["votes"], dtype=float),
                            np.array([y["nota"].get(a, 0) for a in acs.tolist()], dtype=float), y["skipped"]))
    return out


def _whole(s: str) -> int | None:
    s = s.replace(",", "")
    return int(s) if s.isascii() and s.isdigit() and len(s) <= 12 else None


def read_corpus(folder: str | os.PathLike, states: list[str] | None = None) -> Corpus:
    """Every ``XX.csv`` of a folder (or only ``states``)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(Problem(str(folder), None, None, "not a folder"))
    c = Corpus()
    for p in sorted(folder.iterdir()):
        m = STATE_FILE.match(p.name)
        if not m or (states is not None and m.group(1) not in states):
            continue
        data = read_head(p, MAX_BYTES, str(p))
        c.elections[m.group(1)] = read_state_csv(data, str(p), m.group(1))
        c.files[m.group(1)] = str(p)
    if states is not None:
        missing = [s for s in states if s not in c.elections]
        if missing:
            raise DataError(Problem(str(folder), None, None, f"no file {', '.join(s + '.csv' for s in missing)}"))
    return c
