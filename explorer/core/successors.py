"""A baseline seen through the party lineage: its votes as the parties of a later election.

A projection from an election before a split, a merger or a rename maps each candidate's vote
to the party (or parties) that vote belongs to in the election projected (``core.lineage``: the
table says which, with a split's heirs' shares statewide or per seat). A split candidate becomes
one candidate per heir, the heirs' votes adding up to the parent's in the seat; candidates that
end up in one party in a seat (a merger) are one candidate of that party. Independents and NOTA
pass through unchanged.

The lineage table of a data set is the shipped one (``resources/lineage.csv``) with the data
set's own rows (``lineage.csv`` in its folder) added, overriding the shipped rows of the same
event (``lineage.overlay``); the state is the data set's, by its two-letter code."""
from __future__ import annotations

import weakref
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .dataset import Baseline, Dataset
from .lineage import Lineage, load_lineage
from .parties import IND, NOTA

# the states' two-letter codes, as the lineage and alliances tables write them
STATE_CODES = {
    "andhra pradesh": "AP", "arunachal pradesh": "AR", "assam": "AS", "bihar": "BR", "chhattisgarh": "CG",
    "delhi": "DL", "nct of delhi": "DL", "goa": "GA", "gujarat": "GJ", "himachal pradesh": "HP", "haryana": "HR",
    "jharkhand": "JH", "jammu and kashmir": "JK", "jammu & kashmir": "JK", "karnataka": "KA", "kerala": "KL",
    "meghalaya": "ML", "manipur": "MN", "madhya pradesh": "MP", "maharashtra": "MH", "mizoram": "MZ",
    "nagaland": "NL", "odisha": "OD", "orissa": "OD", "punjab": "PB", "puducherry": "PY", "pondicherry": "PY",
    "rajasthan": "RJ", "sikkim": "SK", "tamil nadu": "TN", "tripura": "TR", "telangana": "TS",
    "uttar pradesh": "UP", "uttarakhand": "UK", "west bengal": "WB",
}
SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "lineage.csv"


def state_code(ds: Dataset) -> str:
    s = (ds.state or "").strip()
    return s.upper() if len(s) == 2 else STATE_CODES.get(s.casefold(), "")


@lru_cache(maxsize=1)
def shipped_lineage() -> Lineage:
    return load_lineage(SHIPPED) if SHIPPED.is_file() else Lineage([])


def dataset_lineage(ds: Dataset) -> Lineage:
    """The data set's lineage table (the shipped one with the data set's own rows, as it was
    opened, or as edited in Data set ▸ Parties), else the shipped one."""
    own = getattr(ds.imports, "lineage", None)
    return own if own is not None else shipped_lineage()


def target_year(ds: Dataset) -> int | None:
    """The year a projection is for by default: the data set's newest election."""
    years = [b.year for b in ds.baselines.values() if b.year]
    return max(years) if years else None


def mapped_candidates(b: Baseline, lineage: Lineage, state: str, to_year: int) -> pd.DataFrame | None:
    """The baseline's candidates as ``to_year``'s parties, or None when the lineage changes nothing."""
    if b.year is None or to_year is None or to_year <= b.year:
        return None
    df = b.candidates
    per_seat = any(e.kind == "split" and e.ac_no is not None for e in lineage.events)
    cache: dict = {}
    rows = []
    changed = False
    for ac, serial, cand, party, votes in zip(df["ac_no"].tolist(), df["candidate_no"].tolist(),
                                             df["candidate"].tolist(), df["party"].tolist(), df["votes"].tolist()):
        if party in (IND, NOTA):
            rows.append((ac, serial, cand, party, float(votes)))
            continue
        k = (party, ac if per_seat else None)
        succ = cache.get(k)
        if succ is None:
            succ = cache[k] = lineage.successors(party, state, b.year, to_year, ac if per_seat else None)
        if succ == {party: 1.0}:
            rows.append((ac, serial, cand, party, float(votes)))
            continue
        changed = True
        for heir, share in succ.items():
            rows.append((ac, serial, cand if heir == party else f"{cand} ({party}→{heir})", heir, float(votes) * share))
    if not changed:
        return None
    out = pd.DataFrame(rows, columns=["ac_no", "candidate_no", "candidate", "party", "votes"])
    # one candidate per party and seat (a merger), independents and NOTA as they were
    solo = out["party"].isin([IND, NOTA])
    merged = (out[~solo].groupby(["ac_no", "party"], sort=False, as_index=False)
              .agg(candidate_no=("candidate_no", "first"), candidate=("candidate", " / ".join), votes=("votes", "sum")))
    out = pd.concat([merged[["ac_no", "candidate_no", "candidate", "party", "votes"]], out[solo]], ignore_index=True)
    return out.sort_values(["ac_no", "votes"], ascending=[True, False], kind="stable").reset_index(drop=True)


_MAPPED: "weakref.WeakKeyDictionary[Lineage, dict]" = weakref.WeakKeyDictionary()


def baseline_as_of(ds: Dataset, baseline_id: str, to_year: int | None, lineage: Lineage | None = None) -> Baseline:
    """The baseline with its parties as in ``to_year`` (the baseline itself when the lineage
    changes nothing, or ``to_year`` is None). Kept per (baseline, year, table)."""
    b = ds.baseline(baseline_id)
    if to_year is None:
        return b
    lin = lineage if lineage is not None else dataset_lineage(ds)
    mine = _MAPPED.setdefault(lin, {})
    key = (b.uid, to_year)
    hit = mine.get(key)
    if hit is not None:
        return hit
    cands = mapped_candidates(b, lin, state_code(ds), to_year)
    out = b if cands is None else Baseline(b.id, f"{b.label} (parties as in {to_year})", cands, b.note, b.source,
                                           b.year, b.kind)
    if len(mine) > 64:
        mine.clear()
    mine[key] = out
    return out


def projection_year(sc) -> int | None:
    """The election a scenario's baseline is mapped to: its ``lineage_to`` (0: no mapping),
    else the data set's newest election."""
    y = getattr(sc, "lineage_to", None)
    if y == 0:
        return None
    return y if y is not None else target_year(sc.dataset)
