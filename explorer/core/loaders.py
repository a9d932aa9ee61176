"""Import of user CSV files: a baseline election in ECI's long shape, and a seat list.

Validation reports every problem at once, each with file, line and column, and loads
nothing partial: either the whole file is accepted or a DataError lists what is wrong.
"""
from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .dataset import SEAT_COLUMNS, Baseline, SeatTable
from .errors import DataError, Problem
from .jsonio import decode_utf8

MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_PROBLEMS = 200
_INT = re.compile(r"^[+]?\d+$")


def _read_rows(data: bytes, name: str) -> list[list[str]]:
    if len(data) > MAX_CSV_BYTES:
        raise DataError(Problem(name, None, None, f"file is {len(data) / 1e6:.1f} MB; the limit is "
                                                  f"{MAX_CSV_BYTES // 10**6} MB"))
    text = decode_utf8(data, name)
    if not text.strip():
        raise DataError(Problem(name, None, None, "file is empty"))
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise DataError(Problem(name, line, None, "contains a NUL byte: not a text CSV file"))
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:
        raise DataError(Problem(name, None, None, f"not a readable CSV file: {e}")) from None


def _header(rows: list[list[str]], name: str, required: list[str]) -> dict[str, int]:
    header = [h.strip().lower() for h in rows[0]]
    cols = {}
    for i, h in enumerate(header):
        cols.setdefault(h, i)
    missing = [c for c in required if c not in cols]
    if missing:
        raise DataError(Problem(name, 1, None, f"missing column{'s' if len(missing) > 1 else ''} "
                                               f"{', '.join(missing)} (the header has: "
                                               f"{', '.join(h for h in header if h) or 'nothing'})"))
    if len(rows) < 2 or not any(any(c.strip() for c in r) for r in rows[1:]):
        raise DataError(Problem(name, None, None, "no data rows below the header"))
    return cols


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


def read_results(data: bytes, name: str, seats: SeatTable, baseline_id: str | None = None,
                 label: str | None = None) -> Baseline:
    """A baseline from CSV bytes with columns ac_no, candidate, party, votes (ac_name optional,
    extra columns ignored). A row with party NOTA is kept as NOTA, never a contender."""
    rows = _read_rows(data, name)
    cols = _header(rows, name, ["ac_no", "candidate", "party", "votes"])
    problems: list[Problem] = []
    seen: dict[tuple, int] = {}
    out_ac, out_cand, out_party, out_votes = [], [], [], []
    per_seat = np.zeros(seats.n, dtype=np.int64)

    def bad(line, col, msg):
        if len(problems) < MAX_PROBLEMS:
            problems.append(Problem(name, line, col, msg))

    for ln, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue  # blank line
        if len(row) < len(rows[0]):
            bad(ln, None, f"{len(row)} fields where the header has {len(rows[0])}")
            continue
        ac_s, cand, party, votes_s = (_cell(row, cols[c]) for c in ("ac_no", "candidate", "party", "votes"))
        ok = True
        ac = None
        if not _INT.match(ac_s):
            bad(ln, "ac_no", f"expected a seat number, found {ac_s!r}")
            ok = False
        else:
            ac = int(ac_s)
            if not seats.has(ac):
                bad(ln, "ac_no", f"unknown seat {ac} (this data set has seats "
                                 f"{int(seats.ac_no.min())}–{int(seats.ac_no.max())})")
                ok = False
        is_nota = party.upper() == "NOTA"
        if ac is not None and ok and not is_nota:
            per_seat[seats.index_of(ac)] += 1  # counted even if another cell is bad: no false "no candidates"
        if not party:
            bad(ln, "party", "empty party (write IND for an independent)")
            ok = False
        if not cand and not is_nota:
            bad(ln, "candidate", "empty candidate name")
            ok = False
        v = votes_s.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{2,3})+", votes_s) else votes_s
        if v.startswith("-") and _INT.match(v[1:]):
            bad(ln, "votes", f"negative votes {votes_s}")
            ok = False
        elif not _INT.match(v):
            bad(ln, "votes", f"expected a whole number of votes, found {votes_s!r}")
            ok = False
        elif len(v) > 12:
            bad(ln, "votes", f"implausible vote count {votes_s}")
            ok = False
        if not ok:
            continue
        key = (ac, cand.lower(), party.upper())
        if key in seen:
            bad(ln, None, f"duplicate of line {seen[key]} (seat {ac}, {cand or 'NOTA'}, {party})")
            continue
        seen[key] = ln
        out_ac.append(ac)
        out_cand.append(cand or "None of the Above")
        out_party.append("NOTA" if is_nota else party)
        out_votes.append(int(v))
    for i in np.flatnonzero(per_seat == 0)[:MAX_PROBLEMS]:
        problems.append(Problem(name, None, "ac_no", f"seat {int(seats.ac_no[i])} "
                                                        f"{seats.names[i]} has no candidates"))
    if problems:
        raise DataError(problems)
    df = pd.DataFrame({"ac_no": np.array(out_ac, dtype=np.int64), "candidate": out_cand,
                       "party": out_party, "votes": np.array(out_votes, dtype=np.int64)})
    stem = Path(name).stem
    return Baseline(baseline_id or f"file:{stem}", label or f"{stem} (imported)", df,
                    note=f"Imported from {name}", source=name)


def load_results_csv(path: str | os.PathLike, seats: SeatTable, baseline_id: str | None = None,
                     label: str | None = None) -> Baseline:
    return read_results(_read_file(path), str(path), seats, baseline_id, label)


def read_seat_list(data: bytes, name: str) -> SeatTable:
    """A seat list from CSV bytes: ac_no, name, district, pc, reserved (GEN/SC/ST)."""
    rows = _read_rows(data, name)
    cols = _header(rows, name, ["ac_no", "name", "district", "pc", "reserved"])
    problems: list[Problem] = []
    seen: dict[int, int] = {}
    recs = []
    for ln, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(problems) >= MAX_PROBLEMS:
            break
        if len(row) < len(rows[0]):
            problems.append(Problem(name, ln, None, f"{len(row)} fields where the header has {len(rows[0])}"))
            continue
        ac_s, nm, dist, pc, res = (_cell(row, cols[c]) for c in ("ac_no", "name", "district", "pc", "reserved"))
        ok = True
        if not _INT.match(ac_s) or int(ac_s) == 0:
            problems.append(Problem(name, ln, "ac_no", f"expected a seat number, found {ac_s!r}"))
            ok = False
        elif int(ac_s) in seen:
            problems.append(Problem(name, ln, "ac_no", f"seat {ac_s} already on line {seen[int(ac_s)]}"))
            ok = False
        for col, val in (("name", nm), ("district", dist), ("pc", pc)):
            if not val:
                problems.append(Problem(name, ln, col, f"empty {col}"))
                ok = False
        if res.upper() not in ("GEN", "SC", "ST"):
            problems.append(Problem(name, ln, "reserved", f"expected GEN, SC or ST, found {res!r}"))
            ok = False
        if ok:
            seen[int(ac_s)] = ln
            recs.append((int(ac_s), nm, dist, pc, res.upper()))
    if problems:
        raise DataError(problems)
    pcs = list(dict.fromkeys(r[3] for r in recs))
    frame = pd.DataFrame({
        "ac_no": [r[0] for r in recs], "name": [r[1] for r in recs], "district": [r[2] for r in recs],
        "pc_no": [pcs.index(r[3]) + 1 for r in recs], "pc_name": [r[3] for r in recs],
        "reserved": [r[4] for r in recs], "label_lat": np.nan, "label_lon": np.nan,
    })[SEAT_COLUMNS]
    return SeatTable(frame)


def load_seat_list_csv(path: str | os.PathLike) -> SeatTable:
    return read_seat_list(_read_file(path), str(path))


def _read_file(path) -> bytes:
    try:
        size = os.stat(path).st_size
        if size > MAX_CSV_BYTES:
            raise DataError(Problem(str(path), None, None, f"file is {size / 1e6:.1f} MB; the limit is "
                                                           f"{MAX_CSV_BYTES // 10**6} MB"))
        return Path(path).read_bytes()
    except OSError as e:
        raise DataError(Problem(str(path), None, None, f"cannot read: {e.strerror or e}")) from None


def read_assignments(data: bytes, name: str, seats: SeatTable, pools) -> dict[int, str]:
    """A seat list setting many pools at once (e.g. a partner's written demand): columns
    ac_no, pool (a partner code, contested or unassigned). Every bad row is listed; nothing
    is applied unless the whole file is good."""
    rows = _read_rows(data, name)
    cols = _header(rows, name, ["ac_no", "pool"])
    problems: list[Problem] = []
    out: dict[int, str] = {}
    line_of: dict[int, int] = {}
    for ln, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(problems) >= MAX_PROBLEMS:
            break
        ac_s, pool = _cell(row, cols["ac_no"]), _cell(row, cols["pool"])
        ok = True
        if not _INT.match(ac_s) or not seats.has(int(ac_s)):
            problems.append(Problem(name, ln, "ac_no", f"unknown seat {ac_s!r}"))
            ok = False
        try:
            key = pools.key(pools.index(pool))
        except KeyError:
            problems.append(Problem(name, ln, "pool", f"unknown pool {pool!r}; use {', '.join(pools.keys)}"))
            ok = False
        if ok:
            ac = int(ac_s)
            if ac in out and out[ac] != key:
                problems.append(Problem(name, ln, "ac_no", f"seat {ac} is already put in {out[ac]} on line {line_of[ac]}"))
                continue
            out[ac] = key
            line_of[ac] = ln
    if problems:
        raise DataError(problems)
    return out


def load_assignments_csv(path, seats: SeatTable, pools) -> dict[int, str]:
    return read_assignments(_read_file(path), str(path), seats, pools)
