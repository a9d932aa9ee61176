"""What a strategist imports into a data set: baselines and boundaries. Both belong to the
data set, not to a window: every scenario on the data set may use them and every output
(map, brief, sheet) draws on them.

An imported baseline is listed among the data set's baselines, and a scenario standing on
one carries its votes in the scenario file (``baseline_to_json``), so the file reopens, and
its autosave recovers, with the very same figures on any machine. Imported boundaries
replace the embedded ones for the data set until they are taken back."""
from __future__ import annotations

import csv
import io
import weakref
from dataclasses import replace

from pathlib import Path

import pandas as pd

from .dataset import Baseline, Dataset, SeatTable
from .errors import DataError
from .geometry import MAX_VERTICES, Boundaries, boundaries_from_embedded
from .jsonio import read_json, write_json
from .loaders import read_results

_EMBEDDED: "weakref.WeakKeyDictionary[Dataset, Boundaries | None]" = weakref.WeakKeyDictionary()


def is_imported(ds: Dataset, baseline_id: str) -> bool:
    """Whether the baseline is one the strategist imported (a CSV, or one a scenario file
    carried), not one of the data set's own: a data set folder's baselines are its reference data
    even though each is read from a file."""
    return baseline_id in ds.imports.baselines and ds.baselines.get(baseline_id) is ds.imports.baselines[baseline_id]


def baseline_to_json(b: Baseline) -> dict:
    """An imported baseline as a scenario file carries it: its id, label, note, source and
    every candidate row (ac_no, candidate, party, votes) in its order."""
    df = b.candidates
    rows = [[int(a), str(c), str(p), int(v)] for a, c, p, v in
            zip(df["ac_no"].tolist(), df["candidate"].tolist(), df["party"].tolist(), df["votes"].tolist())]
    return {"id": b.id, "label": b.label, "note": b.note, "source": b.source, "candidates": rows}


def baseline_from_json(item, seats: SeatTable, name: str) -> Baseline:
    """The inverse of baseline_to_json, checked as an imported CSV is (every bad row named);
    raises DataError."""
    from .errors import Problem
    if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not isinstance(item.get("candidates"), list):
        raise DataError(Problem(name, None, None, "expected an object with an id and a list of candidates"))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["ac_no", "candidate", "party", "votes"])
    for row in item["candidates"]:
        w.writerow(row if isinstance(row, list) else [row])
    b = read_results(buf.getvalue().encode("utf-8"), name, seats, item["id"], str(item.get("label") or item["id"]))
    b.note = str(item.get("note", b.note))
    b.source = str(item.get("source") or name)
    return b


def imported_boundaries(ds: Dataset) -> Boundaries | None:
    return ds.imports.boundaries


def boundaries_of(ds: Dataset) -> Boundaries | None:
    """The boundaries the data set's map is drawn with: imported ones, else the embedded (read
    once per data set)."""
    b = ds.imports.boundaries
    if b is not None:
        return b
    if ds not in _EMBEDDED:
        doc = ds.boundaries
        _EMBEDDED[ds] = boundaries_from_embedded(doc, ds.seats) if doc else None
    return _EMBEDDED[ds]


def set_boundaries(ds: Dataset, b: Boundaries | None) -> Boundaries | None:
    """Draw the data set with ``b`` (None: the embedded boundaries again); returns the
    previously imported ones (for undo)."""
    return ds.imports.set_boundaries(b)


def same_votes(a: Baseline, b: Baseline) -> bool:
    """The same candidates with the same votes, in the same order: what a scenario file carries
    of a baseline (the ballot serial is not carried, so it is not compared)."""
    cols = ["ac_no", "candidate", "party", "votes"]
    x, y = a.candidates, b.candidates
    return len(x) == len(y) and all(pd.Series(x[c].to_numpy()).equals(pd.Series(y[c].to_numpy())) for c in cols)


def unique_baseline(baselines: dict[str, Baseline], b: Baseline) -> Baseline:
    """``b``, or the already listed baseline with the same id and the same votes, or ``b``
    under a fresh id ('file:mine-2') when its id is taken by other votes: importing a second
    file of the same name never changes the figures of a scenario on the first."""
    have = baselines.get(b.id)
    if have is None:
        return b
    if same_votes(have, b):
        return have
    n = 2
    while f"{b.id}-{n}" in baselines:
        n += 1
    return replace(b, id=f"{b.id}-{n}", label=f"{b.label} ({n})")


# -- imported boundaries persist with their data set, in the user's data folder -----------------
def _boundaries_file(folder, ds: Dataset) -> Path:
    return Path(folder) / ds.id / "boundaries.json"


def boundaries_to_json(b: Boundaries) -> dict:
    """Boundaries in the embedded format (longitude, latitude), one polygon per ring."""
    seats = {}
    for ac, shape in b.shapes.items():
        seats[str(ac)] = [[[[round(float(x) / b.cos_lat0, 7), round(-float(y), 7)] for x, y in ring]]
                          for ring in shape.rings]
    return {"attribution": b.attribution, "seats": seats}


def save_imported_boundaries(folder, ds: Dataset) -> None:
    """Keep the data set's imported boundaries for the next start (or forget them)."""
    path = _boundaries_file(folder, ds)
    b = imported_boundaries(ds)
    if b is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json(path, boundaries_to_json(b))


def load_imported_boundaries(folder, ds: Dataset) -> str | None:
    """Draw the data set with the boundaries imported in an earlier run, if any; returns the
    problem when the kept file cannot be read (the embedded boundaries are used then)."""
    path = _boundaries_file(folder, ds)
    if not path.exists():
        return None
    try:
        doc = read_json(path, max_bytes=200 * 1024 * 1024)
        if sum(len(r) for polys in doc["seats"].values() for p in polys for r in p) > MAX_VERTICES:
            raise ValueError("too many vertices")
        set_boundaries(ds, boundaries_from_embedded(doc, ds.seats))
    except (DataError, KeyError, TypeError, ValueError, AttributeError) as e:
        return f"{path}: {e}"
    return None
