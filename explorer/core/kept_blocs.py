"""The blocs a data set keeps: its past elections' blocs as the strategist confirmed or edited
them ("As the blocs stood in YEAR"). For an election it keeps blocs for, these are the blocs:
the table of known alliances and the inference from who stood where are not consulted.

The file is a CSV, one bloc a row: ``year,bloc,partners,source`` (partners separated by ``|``,
as the data set's own results files write them; ``source`` says who confirmed it, when, and from
what). A data set folder names it in its manifest (``"blocs": "blocs.csv"``); a shipped data set's
folder is the app's own, so its kept blocs go to the per-user data folder
(``blocs/<data set id>.csv``). Written atomically (the file first, then the manifest that names
it); read bounded, every problem with its line and column."""
from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from .bloc_inference import Bloc
from .bounded_read import read_head
from .csvtext import csv_header, csv_rows
from .errors import DataError, Problem, quote
from .jsonio import decode_utf8

COLUMNS = ("year", "bloc", "partners", "source")
FILE = "blocs.csv"
MAX_BYTES = 256 * 1024
MAX_ROWS = 2_000
MAX_TEXT = 500
MAX_MANIFEST_BYTES = 1_000_000


def read_kept_blocs(data: bytes, name: str = FILE) -> dict[int, list[Bloc]]:
    """Election year -> its blocs, from the CSV bytes. Nothing is returned when a row is bad: a
    DataError lists every problem with its line and column."""
    if len(data) > MAX_BYTES:
        raise DataError(Problem(name, None, None, f"file is {len(data) / 1e3:.0f} kB; the limit is "
                                                  f"{MAX_BYTES // 1024} kB"))
    text = decode_utf8(data, name)
    if "\x00" in text:
        raise DataError(Problem(name, text.count("\n", 0, text.index("\x00")) + 1, None,
                                "contains a NUL byte: not a text CSV file"))
    reader = csv.reader(io.StringIO(text, newline=""))
    header = csv_header(reader, name)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DataError(Problem(name, 1, None, f"expected the columns {','.join(COLUMNS)}; "
                                               f"missing {', '.join(missing)}"))
    col = {c: header.index(c) for c in COLUMNS}
    out: dict[int, list[Bloc]] = {}
    problems: list[Problem] = []
    seen: dict[tuple, int] = {}
    for line, row in csv_rows(reader, name, problems, MAX_ROWS):
        cell = {c: (row[i].strip() if i < len(row) else "") for c, i in col.items()}
        bad = len(problems)
        for c, v in cell.items():
            if len(v) > MAX_TEXT:
                problems.append(Problem(name, line, c, f"{len(v)} characters; too long"))
        if len(problems) > bad:
            continue
        y = cell["year"]
        if not (y.isascii() and y.isdigit() and 1900 <= int(y) <= 2200):
            problems.append(Problem(name, line, "year", f"{quote(y)} is not an election year"))
        if not cell["bloc"]:
            problems.append(Problem(name, line, "bloc", "empty: the bloc needs a name"))
        partners = [p.strip() for p in cell["partners"].split("|") if p.strip()]
        if not partners:
            problems.append(Problem(name, line, "partners", "empty: a bloc needs its partners (P1|P2)"))
        if len(problems) > bad:
            continue
        year = int(y)
        if (year, cell["bloc"].casefold()) in seen:
            problems.append(Problem(name, line, "bloc", f"a second bloc {quote(cell['bloc'])} in {year} "
                                                        f"(line {seen[year, cell['bloc'].casefold()]})"))
        seen[year, cell["bloc"].casefold()] = line
        for p in partners:
            if (year, p) in seen:
                problems.append(Problem(name, line, "partners",
                                        f"{p} is already in a bloc of {year} (line {seen[year, p]})"))
            seen[year, p] = line
        out.setdefault(year, []).append(Bloc(cell["bloc"], tuple(dict.fromkeys(partners)),
                                             cell["source"] or "kept in the data set"))
    if problems:
        raise DataError(problems)
    return out


def kept_blocs_csv(kept: Mapping[int, Sequence[Bloc]]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for year in sorted(kept):
        for b in kept[year]:
            w.writerow([year, b.name, "|".join(b.partners), b.source])
    return out.getvalue().encode("utf-8")


def user_blocs_path(dataset_id: str) -> Path:
    """Where a shipped data set's kept blocs are: the per-user data folder ($SEAT_SHARE_DATA_DIR
    when set, as the autosaves)."""
    base = os.environ.get("SEAT_SHARE_DATA_DIR")
    if not base:
        from platformdirs import user_data_dir
        base = user_data_dir("SeatShareExplorer", appauthor=False)
    return Path(base) / "blocs" / f"{dataset_id}.csv"


def kept_blocs(ds) -> dict[int, list[Bloc]]:
    """The data set's kept blocs (year -> blocs): those its folder was opened with, or for a shipped
    data set those in the per-user data folder (read once). DataError for a bad file."""
    kept = getattr(ds.imports, "kept_blocs", None)
    if kept is None:
        kept = {}
        if ds.folder is None:
            path = user_blocs_path(ds.id)
            if path.is_file():
                kept = read_kept_blocs(read_head(path, MAX_BYTES, str(path)), str(path))
        ds.imports.kept_blocs = kept
    return kept


def keep_blocs(ds, year: int, blocs: Sequence[Bloc]) -> str:
    """Keep ``blocs`` as the election ``year``'s in the data set (replacing what it kept for that
    year; none: forget the year's). Returns the file written; OSError (naming the file) when it
    cannot be written, DataError when the folder's manifest cannot be read: the data set then
    keeps what it kept."""
    from .atomic import atomic_write_bytes
    kept = {y: list(b) for y, b in kept_blocs(ds).items() if y != year}
    if blocs:
        kept[int(year)] = list(blocs)
    data = kept_blocs_csv(kept)
    if ds.folder is None:
        path = user_blocs_path(ds.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data)
    else:
        path = _folder_file(Path(ds.folder))
        atomic_write_bytes(path, data)
    ds.imports.kept_blocs = kept
    return str(path)


def _folder_file(root: Path) -> Path:
    """The data set folder's blocs file: the one its manifest names, else ``blocs.csv``, which the
    manifest is then made to name (rewritten atomically, every other entry as it was)."""
    mpath = root / "dataset.json"
    name = str(mpath)
    raw = read_head(mpath, MAX_MANIFEST_BYTES, name)
    if len(raw) > MAX_MANIFEST_BYTES:
        raise DataError(Problem(name, None, None, "too large to update"))
    try:
        m = json.loads(decode_utf8(raw, name))
    except ValueError as e:
        raise DataError(Problem(name, None, None, f"not JSON: {e}")) from None
    if not isinstance(m, dict):
        raise DataError(Problem(name, None, None, "not a data set manifest"))
    rel = m.get("blocs")
    if isinstance(rel, str) and rel.strip():
        from .bounded_read import FolderFiles
        return Path(FolderFiles(root, str(root)).path(rel, "blocs"))
    from .atomic import atomic_write_bytes
    target = root / FILE
    if not target.exists():          # the file before the manifest names it
        atomic_write_bytes(target, kept_blocs_csv({}))
    m["blocs"] = FILE
    atomic_write_bytes(mpath, (json.dumps(m, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    return target
