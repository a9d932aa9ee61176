"""Import of user CSV files: a results file in the shapes ECI and public scrapes publish, a
seat list, and seat assignments.

Validation reports problems with file, physical line (a quoted newline counts) and column, and
loads nothing partial: either the whole file is accepted or a DataError lists what is wrong
(the first MAX_PROBLEMS problems and a count of the rest). Every reader streams its rows once
and checks the resource bounds below while reading, so a hostile file is refused quickly.

Results columns (header names ignore case, spaces and hyphens; the first match wins):

| what | accepted names |
|---|---|
| seat number | ac_no, constituency_no, ac_number, const_no, constituency_number, seat_no |
| candidate | candidate, candidate_name, cand_name |
| ballot serial (optional) | candidate_no, serial_no, sl_no, serial, cand_no |
| party | party, party_abbreviation, party_code; and/or party_name (the code is matched first) |
| votes | votes, total_votes, total, votes_polled; or evm_votes (+ postal_votes) |

NOTA, however spelt ("NOTA", "None of the Above"), is kept as NOTA and is never a contender.
Namesakes (two candidates with one name and party in one seat) are distinct candidates: only
a row repeating the same serial number, or without one identical in every column, is a
duplicate. A seat with one candidate is "elected unopposed" (its vote may be 0); a seat with
several candidates and no valid votes is refused.

Seat-list columns: ac_no, name (or ac_name, constituency), district (may be blank), pc (or
pc_name), reserved (GEN, SC or ST; or category), and optionally pc_no, label_lat, label_lon.
"""
from __future__ import annotations

import csv
import io
import math
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .dataset import SEAT_COLUMNS, VIDHAN_SABHA, Baseline, SeatTable
from .errors import DataError, Problem, did_you_mean
from .csvtext import decode_csv
from .parties import NOTA, Party, PartyTable, is_nota, shipped_table, valid_code

MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_PROBLEMS = 200
MAX_SEATS = 10_000
MAX_CANDIDATES_PER_SEAT = 300   # the most on one ballot so far: 185 (Nizamabad, Lok Sabha 2019)
MAX_RESULT_ROWS = 500_000
MAX_INT_DIGITS = 12
MAX_TEXT = 200                  # characters in a name, district or PC


def quote(value: str, limit: int = 80) -> str:
    """A bad value for a message: repr, cut to ``limit`` characters with an ellipsis."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _norm_header(h: str) -> str:
    return re.sub(r"[\s\-]+", "_", h.strip().lstrip("\ufeff").lower())


class _Rows:
    """A CSV file's non-blank rows, each with the physical line it starts on."""

    def __init__(self, data: bytes, name: str):
        if len(data) > MAX_CSV_BYTES:
            raise DataError(Problem(name, None, None, f"file is {len(data) / 1e6:.1f} MB; the limit is "
                                                      f"{MAX_CSV_BYTES // 10**6} MB"))
        read = decode_csv(data, name)
        text = read.text
        self.encoding = read.describe()  # said in the status bar: never a silent guess
        if not text.strip():
            raise DataError(Problem(name, None, None, "file is empty"))
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise DataError(Problem(name, line, None, "contains a NUL byte: not a text CSV file"))
        self.name = name
        self._reader = csv.reader(io.StringIO(text, newline=""), delimiter=read.delimiter)
        try:
            self.header = next(self._reader)
        except csv.Error as e:
            raise DataError(Problem(name, 1, None, f"not a readable CSV file: {e}")) from None
        self._line = self._reader.line_num
        self.any = False
        self.extra_rows, self.extra_first = 0, None  # rows with text past the header's last column

    def __iter__(self):
        while True:
            start = self._line + 1
            try:
                row = next(self._reader)
            except StopIteration:
                return
            except csv.Error as e:
                raise DataError(Problem(self.name, start, None, f"not a readable CSV file: {e}")) from None
            self._line = self._reader.line_num
            if any(c.strip() for c in row):
                self.any = True
                if len(row) > len(self.header) and any(c.strip() for c in row[len(self.header):]):
                    self.extra_rows += 1
                    self.extra_first = self.extra_first or start
                yield start, row

    def warnings(self) -> list[Problem]:
        """Accepted, but worth a look: rows with more fields than the header (ignored)."""
        if not self.extra_rows:
            return []
        n = self.extra_rows
        return [Problem(self.name, self.extra_first, None,
                        f"more fields than the header's {len(self.header)}; the fields past it are ignored"
                        + (f" ({n:,} rows like this, this is the first)" if n > 1 else ""))]

    def col_name(self, i: int) -> str:
        return self.header[i].strip() if i < len(self.header) else str(i + 1)


def _columns(rows: _Rows, wanted: dict[str, tuple[str, ...]], required: list[str]) -> dict[str, int]:
    """Column index per wanted field, by its accepted names; missing required ones are an error."""
    header = [_norm_header(h) for h in rows.header]
    pos: dict[str, int] = {}
    for i, h in enumerate(header):
        pos.setdefault(h, i)
    cols = {}
    for field, names in wanted.items():
        for n in names:
            if n in pos:
                cols[field] = pos[n]
                break
    missing = [field if len(wanted[field]) == 1 else f"{field} (or {', '.join(wanted[field][1:3])})"
               for field in required if field not in cols]
    if missing:
        raise DataError(Problem(rows.name, 1, None, f"missing column{'s' if len(missing) > 1 else ''} "
                                                    f"{'; '.join(missing)} (the header has: "
                                                    f"{', '.join(quote(h, 30) for h in header if h) or 'nothing'})"))
    return cols


def _cell(row: list[str], i: int | None) -> str:
    return row[i].strip() if i is not None and i < len(row) else ""


def _int(s: str) -> int | None:
    """A whole number in ASCII digits (Indian or Western thousands commas allowed), or None.
    Unicode digits that str.isdigit() accepts but int() may not ('²') are refused, and so are
    numbers longer than MAX_INT_DIGITS (no overflow downstream)."""
    if re.fullmatch(r"[0-9]{1,3}(,[0-9]{2,3})+", s):
        s = s.replace(",", "")
    if not re.fullmatch(r"\+?[0-9]{1,%d}" % MAX_INT_DIGITS, s):
        return None
    return int(s)


class _Problems:
    """The first MAX_PROBLEMS problems of a file, and a count of the rest."""

    def __init__(self, name: str):
        self.name, self.items, self.more = name, [], 0

    def add(self, line, col, msg) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(self.name, line, col, msg))
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            if self.more:
                self.items.append(Problem(self.name, None, None,
                                          f"… and {self.more} more problem{'s' if self.more > 1 else ''}"))
            raise DataError(self.items)


RESULT_COLUMNS = {
    "ac_no": ("ac_no", "constituency_no", "ac_number", "const_no", "constituency_number", "seat_no"),
    "candidate": ("candidate", "candidate_name", "cand_name"),
    "serial": ("candidate_no", "serial_no", "sl_no", "serial", "cand_no"),
    "party": ("party", "party_abbreviation", "party_code"),
    "party_name": ("party_name", "party_full_name"),
    "votes": ("votes", "total_votes", "total", "votes_polled"),
    "evm": ("evm_votes", "general_votes"),
    "postal": ("postal_votes", "postal"),
}


def read_results(data: bytes, name: str, seats: SeatTable, baseline_id: str | None = None,
                 label: str | None = None, parties: PartyTable | None = None,
                 year: int | None = None, kind: str = VIDHAN_SABHA) -> Baseline:
    """A baseline from a results CSV as published (the module notes list the columns).
    Party spellings are mapped to short codes through ``parties`` (a copy of the shipped table
    when None); an unknown party is added to that table with a derived code."""
    rows = _Rows(data, name)
    cols = _columns(rows, RESULT_COLUMNS, [])
    missing = [m for m, ok in (("ac_no (or constituency_no)", "ac_no" in cols),
                               ("candidate (or candidate_name)", "candidate" in cols),
                               ("party (or party_name)", "party" in cols or "party_name" in cols),
                               ("votes (or evm_votes and postal_votes)", "votes" in cols or "evm" in cols)) if not ok]
    if missing:
        header = [_norm_header(h) for h in rows.header]
        raise DataError(Problem(name, 1, None, f"missing column{'s' if len(missing) > 1 else ''} "
                                               f"{'; '.join(missing)} (the header has: "
                                               f"{', '.join(quote(h, 30) for h in header if h) or 'nothing'})"))
    table = parties if parties is not None else shipped_table()
    n_cols = len(rows.header)
    problems = _Problems(name)
    seen_serial: dict[tuple[int, int], int] = {}
    seen_row: dict[tuple, int] = {}
    out_ac, out_serial, out_cand, out_party, out_votes = [], [], [], [], []
    per_seat = np.zeros(seats.n, dtype=np.int64)
    seat_votes = np.zeros(seats.n, dtype=np.int64)
    seat_bad = np.zeros(seats.n, dtype=bool)  # a row of the seat was refused
    first_line: dict[int, int] = {}
    n_rows = 0
    for ln, row in rows:
        n_rows += 1
        if n_rows > MAX_RESULT_ROWS:
            problems.add(ln, None, f"more than {MAX_RESULT_ROWS:,} rows: not the result of one election")
            break
        if len(row) < n_cols:
            problems.add(ln, None, f"{len(row)} fields where the header has {n_cols}")
            continue
        ac_s = _cell(row, cols["ac_no"])
        ac = _int(ac_s)
        if ac is not None and seats.has(ac) and per_seat[seats.index_of(ac)] >= MAX_CANDIDATES_PER_SEAT:
            # a seat already over the bound: counted, nothing else kept (a million rows in one
            # seat must cost no more than the bound)
            i = seats.index_of(ac)
            per_seat[i] += 1
            if per_seat[i] == MAX_CANDIDATES_PER_SEAT + 1:
                problems.add(ln, "ac_no", f"seat {ac} has more than {MAX_CANDIDATES_PER_SEAT} candidates")
            continue
        cand = _cell(row, cols["candidate"])
        code_s, pname = _cell(row, cols.get("party")), _cell(row, cols.get("party_name"))
        nota = is_nota(code_s or pname) or is_nota(cand) or (bool(pname) and is_nota(pname))
        ok = True
        if ac is None:
            problems.add(ln, "ac_no", f"expected a seat number, found {quote(ac_s)}")
            ok = False
        elif not seats.has(ac):
            problems.add(ln, "ac_no", f"unknown seat {ac} (this data set has seats "
                                      f"{int(seats.ac_no.min())}–{int(seats.ac_no.max())})")
            ok = False
        if not (code_s or pname) and not nota:
            problems.add(ln, "party", "empty party (write IND or Independent for an independent)")
            ok = False
        if not cand and not nota:
            problems.add(ln, "candidate", "empty candidate name")
            ok = False
        for field, val in (("candidate", cand), ("party", code_s), ("party_name", pname)):
            if len(val) > MAX_TEXT:
                problems.add(ln, rows.col_name(cols[field]), f"{len(val)} characters; the limit is {MAX_TEXT}")
                ok = False
        serial = 0
        if "serial" in cols:
            ser_s = _cell(row, cols["serial"])
            if ser_s:
                serial = _int(ser_s)
                if serial is None:
                    problems.add(ln, rows.col_name(cols["serial"]),
                                 f"expected a ballot serial number, found {quote(ser_s)}")
                    ok = False
        votes = _votes(row, cols, rows, ln, problems)
        i = seats.index_of(ac) if ac is not None and seats.has(ac) else None
        if i is not None and not nota:
            per_seat[i] += 1  # counted even when another cell is bad: no false "has no candidates"
        if votes is None or not ok:
            if i is not None:
                seat_bad[i] = True
            continue
        if serial:
            k = (ac, serial)
            if k in seen_serial:
                problems.add(ln, rows.col_name(cols["serial"]),
                             f"duplicate of line {seen_serial[k]}: serial number {serial} twice in seat {ac}")
                continue
            seen_serial[k] = ln
        else:
            k2 = tuple(c.strip() for c in row)
            if k2 in seen_row:
                problems.add(ln, None, f"duplicate of line {seen_row[k2]} (seat {ac}, "
                                       f"{quote(cand or 'NOTA', 40)}): the same row twice")
                continue
            seen_row[k2] = ln
        first_line.setdefault(int(i), ln)
        seat_votes[i] += votes
        out_ac.append(ac)
        out_serial.append(serial)
        out_cand.append("None of the Above" if nota and (not cand or is_nota(cand)) else cand)
        out_party.append(NOTA if nota else _party_code(table, code_s, pname))
        out_votes.append(votes)
    if not rows.any:
        raise DataError(Problem(name, None, None, "no data rows below the header"))
    for i in np.flatnonzero(per_seat == 0)[:MAX_PROBLEMS]:
        problems.add(None, "ac_no", f"seat {int(seats.ac_no[i])} {seats.names[i]} has no candidates")
    for i in np.flatnonzero((per_seat > 1) & (seat_votes == 0) & ~seat_bad)[:MAX_PROBLEMS]:
        problems.add(first_line.get(int(i)), "votes",
                     f"seat {int(seats.ac_no[i])} {seats.names[i]} has {int(per_seat[i])} candidates and no "
                     "valid votes (only a seat with one candidate is elected unopposed)")
    problems.raise_if_any()
    df = pd.DataFrame({"ac_no": np.array(out_ac, dtype=np.int64),
                       "candidate_no": np.array(out_serial, dtype=np.int64), "candidate": out_cand,
                       "party": out_party, "votes": np.array(out_votes, dtype=np.int64)})
    stem = Path(name).stem
    return Baseline(baseline_id or f"file:{stem}", label or f"{stem} (imported)", df,
                    note=f"Imported from {Path(name).name}", source=name, year=year, kind=kind,
                    read_as=rows.encoding, warnings=rows.warnings())


def _votes(row, cols, rows: _Rows, ln: int, problems: _Problems) -> int | None:
    parts = [("votes", cols["votes"])] if "votes" in cols else \
        [("evm", cols["evm"])] + ([("postal", cols["postal"])] if "postal" in cols else [])
    total = 0
    for field, i in parts:
        s = _cell(row, i)
        if field == "postal" and s in ("", "-"):
            continue  # ECI writes "-" where a candidate had no postal votes
        v = _int(s)
        if v is None:
            neg = s.startswith("-") and _int(s[1:]) is not None
            problems.add(ln, rows.col_name(i), f"negative votes {quote(s)}" if neg
                         else f"expected a whole number of votes, found {quote(s)}")
            return None
        total += v
    return total


def _party_code(table: PartyTable, code_s: str, pname: str) -> str:
    """The short code of a row's party: a code the table knows, else a name it knows, else a
    new party named by the name column, with the code column (or a derived one) as code."""
    for t in (code_s, pname):
        if t:
            c = table.lookup(t)
            if c is not None:
                return c
    if code_s and pname and valid_code(code_s) and code_s not in table:
        table.add(Party(code_s, " ".join(pname.split()).strip(" ,;"), table._new_colour(code_s)), [pname],
                  "code and name as the results file writes them")
        table.added.append(code_s)
        return code_s
    return table.resolve(pname or code_s)


def load_results_csv(path: str | os.PathLike, seats: SeatTable, baseline_id: str | None = None,
                     label: str | None = None, parties: PartyTable | None = None, **kw) -> Baseline:
    return read_results(_read_file(path), str(path), seats, baseline_id, label, parties, **kw)


SEAT_LIST_COLUMNS = {
    "ac_no": ("ac_no", "constituency_no", "ac_number", "const_no", "seat_no"),
    "name": ("name", "ac_name", "constituency", "constituency_name"),
    "district": ("district", "district_name"),
    "pc": ("pc", "pc_name"),
    "pc_no": ("pc_no",),
    "reserved": ("reserved", "category", "reservation", "type"),
    "label_lat": ("label_lat", "lat", "latitude"),
    "label_lon": ("label_lon", "lon", "longitude"),
}


def read_seat_list(data: bytes, name: str) -> SeatTable:
    """A seat list from CSV bytes (the module notes list the columns). Linear in its rows."""
    rows = _Rows(data, name)
    cols = _columns(rows, SEAT_LIST_COLUMNS, ["ac_no", "name", "pc", "reserved"])
    n_cols = len(rows.header)
    problems = _Problems(name)
    seen: dict[int, int] = {}
    recs = []
    pc_no_of: dict[str, int] = {}
    for ln, row in rows:
        if len(recs) >= MAX_SEATS:
            problems.add(ln, None, f"more than {MAX_SEATS:,} seats")
            break
        if len(row) < n_cols:
            problems.add(ln, None, f"{len(row)} fields where the header has {n_cols}")
            continue
        ac_s, nm, dist, pc, res = (_cell(row, cols.get(c)) for c in ("ac_no", "name", "district", "pc", "reserved"))
        ok = True
        ac = _int(ac_s)
        if ac is None or ac == 0 or ac > 10**6:
            problems.add(ln, "ac_no", f"expected a seat number from 1, found {quote(ac_s)}")
            ok = False
        elif ac in seen:
            problems.add(ln, "ac_no", f"seat {ac} already on line {seen[ac]}")
            ok = False
        for col, val in (("name", nm), ("pc", pc)):
            if not val:
                problems.add(ln, col, f"empty {col}")
                ok = False
        for col, val in (("name", nm), ("district", dist), ("pc", pc)):
            if len(val) > MAX_TEXT:
                problems.add(ln, col, f"{len(val)} characters; the limit is {MAX_TEXT}")
                ok = False
        res_u = {"GENERAL": "GEN", "": "GEN"}.get(res.upper(), res.upper())
        if res_u not in ("GEN", "SC", "ST"):
            problems.add(ln, "reserved", f"expected GEN, SC or ST, found {quote(res)}")
            ok = False
        pc_no = None
        if "pc_no" in cols:
            pc_no = _int(_cell(row, cols["pc_no"]))
            if pc_no is None:
                problems.add(ln, "pc_no", f"expected a PC number, found {quote(_cell(row, cols['pc_no']))}")
                ok = False
        lat = lon = math.nan
        if "label_lat" in cols and "label_lon" in cols:
            la, lo = _cell(row, cols["label_lat"]), _cell(row, cols["label_lon"])
            if la or lo:
                try:
                    lat, lon = float(la), float(lo)
                    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                        raise ValueError
                except ValueError:
                    problems.add(ln, "label_lat", f"expected a latitude and longitude, found {quote(la)}, {quote(lo)}")
                    ok = False
        if not ok:
            continue
        seen[ac] = ln
        if pc_no is None:
            pc_no = pc_no_of.setdefault(pc, len(pc_no_of) + 1)
        recs.append((ac, nm, dist or "(no district)", pc_no, pc, res_u, lat, lon))
    if not rows.any:
        raise DataError(Problem(name, None, None, "no data rows below the header"))
    problems.raise_if_any()
    frame = pd.DataFrame(recs, columns=["ac_no", "name", "district", "pc_no", "pc_name", "reserved",
                                        "label_lat", "label_lon"])[SEAT_COLUMNS]
    table = SeatTable(frame)
    table.read_as = rows.encoding
    table.warnings = rows.warnings() + _same_names(recs, seen, name)
    return table


def _same_names(recs, line_of: dict[int, int], name: str) -> list[Problem]:
    """Two seats of one name (case aside): accepted, but search and the map cannot tell them apart."""
    first: dict[str, int] = {}
    out = []
    for rec in recs:
        ac, key = rec[0], " ".join(rec[1].split()).casefold()
        if key in first and len(out) < MAX_PROBLEMS:
            out.append(Problem(name, line_of[ac], "name", f"seat {ac} has the same name as seat {first[key]} "
                                                          f"(line {line_of[first[key]]}), {quote(rec[1], 40)}"))
        first.setdefault(key, ac)
    return out


def load_seat_list_csv(path: str | os.PathLike) -> SeatTable:
    return read_seat_list(_read_file(path), str(path))


def _read_file(path) -> bytes:
    from .bounded_read import read_bounded
    return read_bounded(path, MAX_CSV_BYTES, str(path))


class Assignments(dict):
    """Seat number -> pool key, and how the file was read (``read_as``, for the status bar)."""
    read_as = "UTF-8"


def read_assignments(data: bytes, name: str, seats: SeatTable, pools, resolve=None) -> Assignments:
    """A seat list setting many pools at once (e.g. a partner's written demand): columns
    ac_no, pool. A pool is named by a partner's code, its name or (given ``resolve``, the data
    set's party lookup) any spelling of its party ("Congress" for INC), or contested or
    unassigned. A file naming a party that is not a partner here is refused, with every line
    naming it; a file that names only some of the partners is fine (their other seats stay).
    Every bad row is listed; nothing is applied unless the whole file is good."""
    rows = _Rows(data, name)
    cols = _columns(rows, {"ac_no": ("ac_no",), "pool": ("pool",)}, ["ac_no", "pool"])
    problems = _Problems(name)
    out = Assignments()
    out.read_as = rows.encoding
    line_of: dict[int, int] = {}
    unknown: dict[str, list[int]] = {}  # a spelling no pool takes -> its lines
    slot: dict[str, int] = {}           # where its problem stands in the list
    matched: dict[str, int | None] = {}  # each spelling matched once
    for ln, row in rows:
        ac_s, pool = _cell(row, cols["ac_no"]), _cell(row, cols["pool"])
        ok = True
        ac = _int(ac_s)
        if ac is None or not seats.has(ac):
            problems.add(ln, "ac_no", f"unknown seat {quote(ac_s)}")
            ok = False
        j = matched[pool] if pool in matched else matched.setdefault(pool, pools.match(pool, resolve))
        if j is None:
            if pool not in unknown and len(problems.items) < MAX_PROBLEMS:
                slot[pool] = len(problems.items)
            if pool not in unknown:
                problems.add(ln, "pool", "")
            unknown.setdefault(pool, []).append(ln)
            ok = False
        if ok:
            key = pools.key(j)
            if ac in out and out[ac] != key:
                problems.add(ln, "ac_no", f"seat {ac} is already put in {out[ac]} on line {line_of[ac]}")
                continue
            out[ac] = key
            line_of[ac] = ln
    if not rows.any:
        raise DataError(Problem(name, None, None, "no data rows below the header"))
    partners = ", ".join(p.code for p in pools.partners)
    for pool, lines in unknown.items():
        if pool not in slot:
            continue
        code = resolve(pool) if resolve is not None and pool else None
        what = (f"{quote(pool)} ({code})" if code and code != pool else quote(pool)) if pool else "an empty pool"
        also = (f" (also on line{'s' if len(lines) > 2 else ''} {_line_list(lines[1:])})" if len(lines) > 1 else "")
        problems.items[slot[pool]] = Problem(
            name, lines[0], "pool", f"{what}{also} is not a partner of this alliance ({partners}; or contested, "
                                    f"unassigned){did_you_mean(pool, pools.keys) if pool else ''}")
    problems.raise_if_any()
    return out


def _line_list(lines: list[int], most: int = 12) -> str:
    shown = ", ".join(str(x) for x in lines[:most])
    return shown + (f" and {len(lines) - most} more" if len(lines) > most else "")


def load_assignments_csv(path, seats: SeatTable, pools, resolve=None) -> Assignments:
    return read_assignments(_read_file(path), str(path), seats, pools, resolve)
