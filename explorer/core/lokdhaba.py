"""Lok Dhaba (TCPD Indian Elections Data) files: one CSV, one row per candidate, many elections.

Columns used (case and spacing in the header do not matter): State_Name, Year, Constituency_No,
Candidate, Party, Votes (required); Assembly_No, Poll_No (0: the general election, more: a
by-election), Position, Valid_Votes, Constituency_Name, Constituency_Type (GEN, SC, ST),
District_Name, PC_Name (optional). Other columns (Sex, Age, Turnout_Percentage, ...) are ignored.

``read_lokdhaba`` splits the file into its general elections (one baseline each) and lists the
by-elections apart (they enter only when asked: each then updates the seat it was held in, in a
baseline of its own). The seat list is the newest general election's seats (number, name,
reservation, district and PC where the file has them); an older election whose seats do not match
it (another delimitation) is listed and left out. A seat with no NOTA row whose valid votes exceed
its candidates' votes gets the difference as NOTA (as ECI counts valid votes since 2013)."""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from .dataset import SEAT_COLUMNS, VIDHAN_SABHA, Baseline, SeatTable
from .errors import DataError, Problem
from .csvtext import decode_csv
from .loaders import MAX_CSV_BYTES, quote, read_results, read_seat_list
from .parties import NOTA, PartyTable

REQUIRED = ("state_name", "year", "constituency_no", "candidate", "party", "votes")
OPTIONAL = ("assembly_no", "poll_no", "position", "valid_votes", "constituency_name", "constituency_type",
            "district_name", "pc_name")
NO_PC = "(no PC in the file)"
MATCH = 0.8       # an older election fits the seat list when this share of its seat names match


def is_lokdhaba(data: bytes) -> bool:
    """Whether a CSV's header is Lok Dhaba's (State_Name, Year, Constituency_No, ...)."""
    try:
        ct = decode_csv(data[:4096], "header")
    except DataError:
        return False
    head = ct.text.splitlines()[:1]
    cols = {_norm(h) for h in next(csv.reader(head, delimiter=ct.delimiter), [])} if head else set()
    return set(REQUIRED) <= cols


def _norm(h: str) -> str:
    return "_".join(h.strip().lstrip("\ufeff").lower().replace("-", " ").split())


@dataclass
class Election:
    year: int
    assembly: str
    poll: int
    rows: list = field(default_factory=list)     # (line, ac_no, name, type, district, pc, candidate, party, votes, valid)


@dataclass
class LokDhaba:
    state: str
    seats: SeatTable
    baselines: list[Baseline]
    left_out: list[str]               # general elections not taken, with the reason
    by_elections: list[str]           # "2021: seat 12 Madhupur" (listed; taken only when asked)
    notes: list[str]


def _key(name: str) -> str:
    """A seat name to compare across years: letters and digits, a "(SC)"/"(ST)" suffix left out."""
    import re
    return "".join(ch for ch in re.sub(r"\((SC|ST)\)\s*$", "", name.upper().strip()) if ch.isalnum())


def read_lokdhaba(data: bytes, name: str, table: PartyTable, state: str | None = None,
                  by_elections: bool = False, seats: SeatTable | None = None) -> LokDhaba:
    """Every general election of one state in a Lok Dhaba file as a baseline (``vs<year>``).
    ``state``: the State_Name to take when the file has several; ``seats``: the seat list (else
    the newest election's seats). DataError naming the file, line and column for anything wrong."""
    if len(data) > MAX_CSV_BYTES:
        raise DataError(Problem(name, None, None, f"file is {len(data) / 1e6:.1f} MB; the limit is "
                                                  f"{MAX_CSV_BYTES // 10**6} MB"))
    ct = decode_csv(data, name)      # UTF-8, or as Excel saves it on Windows (said in the notes)
    rd = csv.reader(io.StringIO(ct.text, newline=""), delimiter=ct.delimiter)
    try:
        header = [_norm(h) for h in next(rd)]
    except (StopIteration, csv.Error):
        raise DataError(Problem(name, 1, None, "file is empty or not a CSV file")) from None
    col = {h: i for i, h in enumerate(header) if h}
    missing = [c for c in REQUIRED if c not in col]
    if missing:
        raise DataError(Problem(name, 1, None, f"not a Lok Dhaba file: missing column{'s' if len(missing) > 1 else ''} "
                                               f"{', '.join(missing)}"))
    problems: list[Problem] = []
    elections: dict[tuple, Election] = {}
    states: dict[str, int] = defaultdict(int)
    want = state.strip().casefold() if state else None

    def cell(row, c):
        i = col.get(c)
        return row[i].strip() if i is not None and i < len(row) else ""

    def whole(row, c, line, lo=0, required=True):
        s = cell(row, c)
        if not s and not required:
            return None
        try:
            v = float(s)
            if v != int(v) or v < lo:
                raise ValueError
            return int(v)
        except ValueError:
            problems.append(Problem(name, line, c, f"expected a whole number, found {quote(s)}"))
            return None

    line = 1
    try:
        for row in rd:
            line = rd.line_num
            if not any(x.strip() for x in row):
                continue
            if len(problems) >= 50:
                break
            st = cell(row, "state_name")
            states[st] += 1
            if want is not None and st.casefold() != want:
                continue
            year, ac = whole(row, "year", line, 1900), whole(row, "constituency_no", line, 1)
            votes = whole(row, "votes", line, 0)
            poll = whole(row, "poll_no", line, 0, required=False) or 0
            valid = whole(row, "valid_votes", line, 0, required=False)
            cand, party = cell(row, "candidate"), cell(row, "party")
            if not cand:
                problems.append(Problem(name, line, "candidate", "empty candidate"))
            if not party:
                problems.append(Problem(name, line, "party", "empty party"))
            if None in (year, ac, votes) or not cand or not party:
                continue
            k = (st, year, cell(row, "assembly_no"), poll)
            e = elections.setdefault(k, Election(year, cell(row, "assembly_no"), poll))
            e.rows.append((line, ac, cell(row, "constituency_name"), cell(row, "constituency_type"),
                           cell(row, "district_name"), cell(row, "pc_name"), cand, party, votes, valid))
    except csv.Error as e:
        raise DataError(Problem(name, line + 1, None, f"not a readable CSV file: {e}")) from None
    if problems:
        raise DataError(problems)
    if not states:
        raise DataError(Problem(name, None, None, "no data rows below the header"))
    if want is None and len(states) > 1:
        raise DataError(Problem(name, None, "State_Name",
                                f"the file holds {len(states)} states ({', '.join(sorted(states))}): say which one"))
    if want is not None and not elections:
        raise DataError(Problem(name, None, "State_Name", f"no rows for the state {quote(state)} "
                                                          f"(the file has {', '.join(sorted(states))})"))
    state_name = next(iter(elections))[0] if elections else next(iter(states))
    general = sorted((e for e in elections.values() if e.poll == 0), key=lambda e: e.year)
    byes = sorted((e for e in elections.values() if e.poll > 0), key=lambda e: (e.year, e.poll))
    if not general:
        raise DataError(Problem(name, None, "Poll_No", "no general election (Poll_No 0) in the file"))
    newest = general[-1]
    given = seats is not None
    if seats is None:
        seats = _seat_table(newest, name)
    names = {int(a): _key(n) for a, n in zip(seats.ac_no.tolist(), seats.names)}
    fits, left_out, notes = [], [], []
    for e in general:
        seat_names = {ac: _key(nm) for _, ac, nm, *_ in e.rows}
        unknown = sorted(a for a in seat_names if a not in names)
        same = sum(1 for a, k in seat_names.items() if names.get(a) == k or not k)
        if unknown or same < MATCH * len(seat_names):
            why = (f"seats {', '.join(map(str, unknown[:5]))} are not in the seat list" if unknown else
                   f"only {same} of {len(seat_names)} seat names match the seat list")
            left_out.append(f"{e.year}: {why} (another delimitation)")
            continue
        if len(seat_names) < seats.n:
            left_out.append(f"{e.year}: results for {len(seat_names)} of {seats.n} seats")
            continue
        fits.append(e)
    if not given and newest in fits:   # reservation and district as most of the fitting elections give them
        seats = _seat_table(newest, name, [e for e in fits if e is not newest])
    baselines = [_baseline(e, seats, table, name, f"vs{e.year}", f"Vidhan Sabha {e.year}", notes) for e in fits]
    by_list = []
    for e in byes:
        held = sorted({(ac, nm) for _, ac, nm, *_ in e.rows})
        by_list.append(f"{e.year} (poll {e.poll}): " + ", ".join(f"seat {a} {n}".strip() for a, n in held))
    if by_elections and byes:
        baselines.extend(_with_by_elections(general, byes, seats, table, name, notes))
    if not baselines:
        raise DataError(Problem(name, None, None, "no general election fits one seat list: "
                                                  + "; ".join(left_out)))
    if ct.describe() != "UTF-8":
        notes.append(f"{name} read as {ct.describe()}")
    return LokDhaba(state_name, seats, baselines, left_out, by_list, notes)


def _seat_table(e: Election, name: str, others: list[Election] = ()) -> SeatTable:
    """The seats of election ``e``; a seat's reservation is the one most of the elections that
    name the seat the same way give it (ties: the newest's), its district the newest given: a
    file that leaves them out, or writes GEN everywhere, in one year does not unreserve a seat."""
    from collections import Counter
    seen: dict[int, tuple] = {}
    for _, ac, nm, typ, dist, pc, *_ in e.rows:
        seen.setdefault(ac, (ac, nm or f"Seat {ac}", dist, pc or NO_PC, (typ or "GEN").upper()))
    votes: dict[int, Counter] = {ac: Counter() for ac in seen}
    district: dict[int, str] = {ac: v[2] for ac, v in seen.items()}
    for k, x in enumerate([e, *sorted(others, key=lambda x: -x.year)]):
        named = {}
        for _, ac, nm, typ, dist, *_ in x.rows:
            if ac in seen and ac not in named:
                named[ac] = (nm, typ, dist)
        for ac, (nm, typ, dist) in named.items():   # the elections given fit the seat list
            if typ:
                votes[ac][typ.upper()] += 1 + (0.5 if k == 0 else 0)
            if not district[ac] and dist:
                district[ac] = dist
    seen = {ac: (ac, v[1], district[ac], v[3], votes[ac].most_common(1)[0][0] if votes[ac] else v[4])
            for ac, v in seen.items()}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["ac_no", "name", "district", "pc", "reserved"])
    for ac in sorted(seen):
        w.writerow(seen[ac])
    return read_seat_list(out.getvalue().encode("utf-8"), f"{name} (the seats of {e.year})")


def _results_csv(rows_by_seat: dict[int, list]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["ac_no", "candidate", "party", "votes"])
    for ac in sorted(rows_by_seat):
        rows = rows_by_seat[ac]
        total = 0
        has_nota = False
        valid = None
        for _, _, _, _, _, _, cand, party, votes, v in rows:
            w.writerow([ac, cand, party, votes])
            total += votes
            has_nota |= party.upper() == NOTA or cand.upper() in ("NOTA", "NONE OF THE ABOVE")
            valid = v if v is not None else valid
        if not has_nota and valid is not None and valid > total:
            w.writerow([ac, "None of the Above", NOTA, valid - total])
    return out.getvalue().encode("utf-8")


def _baseline(e: Election, seats: SeatTable, table: PartyTable, name: str, bid: str, label: str,
              notes: list[str]) -> Baseline:
    by_seat: dict[int, list] = defaultdict(list)
    for r in e.rows:
        by_seat[r[1]].append(r)
    try:
        b = read_results(_results_csv(by_seat), f"{name} ({e.year})", seats, bid, label, table,
                         year=e.year, kind=VIDHAN_SABHA)
    except DataError as err:   # name the Lok Dhaba file's own lines
        raise DataError([Problem(name, None, p.column, f"{e.year} election: {p.message}") for p in err.problems]) from None
    b.note = f"{label} from a Lok Dhaba (TCPD) file, {name}."
    return b


def _with_by_elections(general: list[Election], byes: list[Election], seats: SeatTable, table: PartyTable,
                       name: str, notes: list[str]) -> list[Baseline]:
    """Each general election with the by-elections held before the next one, seat by seat."""
    out = []
    for k, g in enumerate(general):
        nxt = general[k + 1].year if k + 1 < len(general) else 10**4
        mine = [b for b in byes if g.year <= b.year < nxt and (not g.assembly or b.assembly in ("", g.assembly))]
        if not mine:
            continue
        by_seat: dict[int, list] = defaultdict(list)
        for r in g.rows:
            by_seat[r[1]].append(r)
        for b in mine:
            fresh: dict[int, list] = defaultdict(list)
            for r in b.rows:
                fresh[r[1]].append(r)
            by_seat.update(fresh)
        last = max(b.year for b in mine)
        e = Election(g.year, g.assembly, 0, [r for rows in by_seat.values() for r in rows])
        out.append(_baseline(e, seats, table, name, f"vs{g.year}by", f"Vidhan Sabha {g.year} with by-elections "
                                                                       f"to {last}", notes))
    return out


__all__ = ["read_lokdhaba", "is_lokdhaba", "LokDhaba", "SEAT_COLUMNS"]
