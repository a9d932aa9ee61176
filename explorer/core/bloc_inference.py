"""An election's blocs: inferred from who stood where, confirmed by a table of known alliances.

Partners in an alliance seldom face each other: they share out the seats, so two parties that
each stand in many seats but almost never in the same one are partners. :func:`infer_blocs`
finds them: among the parties with a substantial presence (at least ``min_share`` of the vote),
largest first, a party joins the largest bloc whose every member it faced in at most
``max_overlap`` of the seats the smaller of the two contested, provided chance alone would have
had them meet in at least ``min_expected`` seats (two small parties that never met prove
nothing). A party in no bloc stands alone; independents are candidates, never partners.

The table of known alliances (``resources/alliances.csv``: state, year, bloc, partners, source,
one public source a row) confirms or overrides it: :func:`blocs_for` takes the table's blocs for
an election it lists and keeps the inferred blocs among the parties the table leaves out;
:class:`BlocReport` says where the two agree."""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from .errors import DataError, Problem, quote
from .csvtext import csv_header, csv_rows
from .jsonio import decode_utf8
from .parties import IND, NOTA

MAX_BYTES = 1024 * 1024
MAX_ROWS = 5_000
MAX_TEXT = 500
INFERRED = "inferred from who stood where"


@dataclass(frozen=True)
class Bloc:
    name: str
    partners: tuple[str, ...]          # largest first (by votes) where inferred; as listed where known
    source: str = INFERRED


@dataclass(frozen=True)
class KnownAlliance:
    state: str
    year: int
    bloc: str
    partners: tuple[str, ...]
    source: str
    line: int = 0


def overlap(a: Collection[int], b: Collection[int]) -> float:
    """Seats where both stood, as a share of the seats the party that stood in fewer contested."""
    a, b = set(a), set(b)
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0


def infer_blocs(standing: Mapping[str, Collection[int]], votes: Mapping[str, float], n_seats: int,
                min_share: float = 0.01, max_overlap: float = 0.1, min_expected: float = 2.0) -> list[Bloc]:
    """Blocs of two or more parties from ``standing`` (party -> seats where it had a candidate)
    and ``votes`` (party -> its votes statewide). Named after their largest party ("JMM+")."""
    total = sum(v for p, v in votes.items() if p not in (NOTA,))
    if total <= 0 or n_seats <= 0:
        return []
    big = [p for p in sorted(votes, key=lambda p: (-votes[p], p))
           if p not in (IND, NOTA) and votes[p] >= min_share * total and standing.get(p)]
    groups: list[list[str]] = []
    for p in big:
        sp = set(standing[p])
        fits = [g for g in groups if all(_partners(sp, set(standing[m]), n_seats, max_overlap, min_expected)
                                         for m in g)]
        if fits:
            max(fits, key=lambda g: sum(votes[m] for m in g)).append(p)
        else:
            groups.append([p])
    return [Bloc(f"{g[0]}+", tuple(g)) for g in groups if len(g) > 1]


def _partners(a: set[int], b: set[int], n: int, max_overlap: float, min_expected: float) -> bool:
    expected = len(a) * len(b) / n   # seats they would share if they stood at random
    return expected >= min_expected and overlap(a, b) <= max_overlap


@dataclass
class BlocReport:
    """The blocs used for one election and how the inference compares with the known table."""
    blocs: list[Bloc]
    inferred: list[Bloc]
    known: list[Bloc]
    agreed: list[str] = field(default_factory=list)     # known blocs the inference found (same partners
    #                                                     among the substantial parties)
    differs: list[str] = field(default_factory=list)    # plain-language differences


def blocs_for(state: str, year: int, inferred: list[Bloc], known: list[KnownAlliance],
              standing: Mapping[str, Collection[int]] | None = None) -> BlocReport:
    """The election's blocs: the known table's where it lists the election (only partners that
    stood, when ``standing`` is given), plus the inferred blocs among the parties it leaves out."""
    mine = [k for k in known if k.state == state and k.year == year]
    known_blocs = []
    for k in mine:
        partners = tuple(p for p in k.partners if standing is None or standing.get(p))
        if partners:
            known_blocs.append(Bloc(k.bloc, partners, k.source))
    taken = {p for b in known_blocs for p in b.partners}
    kept = [b for b in inferred if not set(b.partners) & taken]
    rep = BlocReport(known_blocs + kept, inferred, known_blocs)
    for kb in known_blocs:
        hit = next((ib for ib in inferred if set(ib.partners) & set(kb.partners)), None)
        if hit is None:
            rep.differs.append(f"{kb.name} is {', '.join(kb.partners)} (known alliances); by who stood where, "
                               "its partners faced each other")
        elif set(hit.partners) <= set(kb.partners):
            rep.agreed.append(kb.name)
            if set(hit.partners) != set(kb.partners):
                rep.differs.append(f"{kb.name} is {', '.join(kb.partners)} (known alliances); by who stood where, "
                                   f"only {', '.join(hit.partners)} never faced each other")
        else:
            rep.differs.append(f"{kb.name} is {', '.join(kb.partners)} (known alliances); by who stood where, "
                               f"{', '.join(hit.partners)} never faced each other")
    return rep


def bloc_of(blocs: list[Bloc]) -> dict[str, str]:
    """Party -> the name of its bloc (parties in no bloc are absent)."""
    return {p: b.name for b in blocs for p in b.partners}


# --- the known-alliances table ---------------------------------------------------------------
def read_alliances(data: bytes, name: str = "alliances.csv", spelling=None) -> list[KnownAlliance]:
    """Rows ``state,year,bloc,partners,source`` (partners separated by ``|``; a source is
    required). ``spelling(code, state)`` (e.g. :meth:`Lineage.spelling`) maps partner codes.
    Bounded; every problem reported with its line and column, nothing returned when any."""
    if len(data) > MAX_BYTES:
        raise DataError(Problem(name, None, None, f"file is {len(data) / 1e6:.1f} MB; the limit is 1 MB"))
    text = decode_utf8(data, name)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = csv_header(reader, name)
    need = ["state", "year", "bloc", "partners", "source"]
    if [h for h in need if h not in header]:
        raise DataError(Problem(name, 1, None, f"expected the columns {','.join(need)}; found "
                                               f"{','.join(quote(h, 20) for h in header) or 'nothing'}"))
    col = {c: header.index(c) for c in need}
    out: list[KnownAlliance] = []
    problems: list[Problem] = []
    seen: dict[tuple, int] = {}
    for start, row in csv_rows(reader, name, problems, MAX_ROWS):
        cell = {c: (row[i].strip() if i < len(row) else "") for c, i in col.items()}
        bad = len(problems)
        for c, v in cell.items():
            if len(v) > MAX_TEXT:
                problems.append(Problem(name, start, c, f"{len(v)} characters; too long"))
        st = cell["state"].upper()
        if not (st.isascii() and st.isalpha() and 2 <= len(st) <= 3):
            problems.append(Problem(name, start, "state", f"{quote(cell['state'])} is not a state code such as HR"))
        y = cell["year"]
        if not (y.isascii() and y.isdigit() and 1950 <= int(y) <= 2200):
            problems.append(Problem(name, start, "year", f"{quote(y)} is not an election year"))
        partners = [p.strip() for p in cell["partners"].split("|") if p.strip()]
        if len(partners) < 2:
            problems.append(Problem(name, start, "partners", "a bloc needs two or more partners (P1|P2)"))
        if not cell["bloc"]:
            problems.append(Problem(name, start, "bloc", "empty: the bloc needs a name"))
        if not cell["source"]:
            problems.append(Problem(name, start, "source", "empty: every alliance needs a public source"))
        if len(problems) > bad:
            continue
        if spelling is not None:
            partners = [spelling(p, st) for p in partners]
        for p in partners:
            k = (st, int(y), p)
            if k in seen:
                problems.append(Problem(name, start, "partners",
                                        f"{p} is already in a bloc of {st} {y} (line {seen[k]})"))
            seen[k] = start
        out.append(KnownAlliance(st, int(y), cell["bloc"], tuple(partners), cell["source"], start))
    if problems:
        raise DataError(problems)
    return out


def load_alliances(path: str | os.PathLike, spelling=None) -> list[KnownAlliance]:
    from .bounded_read import read_head
    name = os.fspath(path)
    return read_alliances(read_head(path, MAX_BYTES, name), name, spelling)
