"""A data set folder checked through: what ``dataset check`` and File ▸ Open data set… do
before the data set is used.

Reading a folder (``dataset_io``) reads and checks the manifest, the seat list, the party
table and every baseline; the rules, the presets and the boundaries it names are parsed only
when they are first needed. ``check_dataset`` parses them all now, against the data set's
seats and partners, so a bad file is refused when the folder is opened (a ``DataError``
naming the file) and never later in the middle of the work. It also gathers the warnings: a
data set that loads but looks wrong (every one a ``Problem`` with its file and, where there
is one, its line)."""
from __future__ import annotations

from .dataset import Baseline, Dataset, SeatTable
from .dataset_io import load_dataset
from .errors import DataError, Problem
from .imported import boundaries_of
from .rules import RegionalMinimum, RuleSet, rules_from_json
from .scenario import Scenario


def load_checked(folder) -> Dataset:
    """A data set folder read and checked through (``check_dataset``); DataError when it is bad."""
    ds = load_dataset(folder)
    check_dataset(ds)
    return ds


def check_dataset(ds: Dataset) -> list[Problem]:
    """Parse the rules, every preset and the boundaries of ``ds`` (DataError naming the file
    when one is bad); returns every warning, which are kept in ``ds.warnings`` too."""
    warnings = list(ds.warnings)
    if ds.rules_doc is not None:
        name = ds.sources.get("rules", "the data set's rules")
        rs = rules_from_json(ds.rules_doc, ds.seats, Scenario(ds).pools, name)
        warnings += rule_warnings(rs, ds.seats, name)
    for preset, doc in ds.scenario_docs.items():
        name = ds.sources.get(preset, preset)
        sc = Scenario.from_json(ds, doc, name)
        if "rules" in doc:
            warnings += rule_warnings(sc.rules, ds.seats, name)
    for b in ds.baselines.values():
        warnings += baseline_warnings(b, ds.partners, b.source if b.source != "embedded" else b.id)
    if ds.boundaries_loader is not None:
        name = ds.sources.get("boundaries", "the data set's boundaries")
        try:
            drawn = boundaries_of(ds)
        except DataError as e:
            raise DataError([Problem(name, p.line, p.column, p.message) for p in e.problems], e.more) from None
        n = ds.seats.n
        if drawn is not None and len(drawn.shapes) < n:
            warnings.append(Problem(name, None, None, f"draws {len(drawn.shapes)} of the {n} seats; the other "
                                                      f"{n - len(drawn.shapes)} are missing from the map"))
    ds.warnings[:] = _unique(warnings)  # the data set is frozen; its list of warnings is completed here, once
    return ds.warnings


def baseline_warnings(b: Baseline, partners, name: str) -> list[Problem]:
    """A baseline in which none of ``partners`` stands anywhere: most likely a file whose party
    and candidate columns are swapped, or one of another state."""
    codes = set(b.candidates["party"].unique().tolist())
    if partners and not any(p.code in codes for p in partners):
        return [Problem(name, None, None, f"none of the partners ({', '.join(p.code for p in partners)}) stands "
                                          "in any seat: are the party and candidate columns swapped?")]
    return []


def rule_warnings(rs: RuleSet, seats: SeatTable, name: str) -> list[Problem]:
    """Rules that can never be kept: a regional minimum above the seats of its region."""
    out = []
    for r in rs.rules:
        if isinstance(r, RegionalMinimum):
            n = int(seats.region_mask(r.region_kind, r.region).sum())
            if r.minimum > n:
                out.append(Problem(name, None, f"rule {r.id}",
                                   f"asks for at least {r.minimum} seats for {r.partner} in "
                                   f"{r.region_label(seats)}, which has {n}: it can never be kept"))
    return out


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
