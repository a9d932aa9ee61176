"""Data sets: the seats of a state, its baseline elections, default partners and attribution.

The embedded Haryana data ships in ``explorer.resources`` (the repository's ``resources/``
folder) and is read with importlib.resources so it works installed and frozen.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from . import jsonio
from .pools import DEFAULT_PARTNERS, Partner

SEAT_COLUMNS = ["ac_no", "name", "district", "pc_no", "pc_name", "reserved", "label_lat", "label_lon"]


class SeatTable:
    """The constituencies of a state, in a fixed order; arrays for the hot path."""

    def __init__(self, frame: pd.DataFrame):
        frame = frame.reset_index(drop=True)
        self.frame = frame
        self.ac_no = frame["ac_no"].to_numpy(dtype=np.int64)
        self.names: list[str] = frame["name"].astype(str).tolist()
        self.n = len(frame)
        self._index = {int(a): i for i, a in enumerate(self.ac_no)}
        self.is_sc = (frame["reserved"].astype(str).str.upper() == "SC").to_numpy()
        # PCs in their ECI order (1 Ambala, 2 Kurukshetra, ...), districts as first met by seat number
        by_pc_no = frame.sort_values(["pc_no", "ac_no"], kind="stable")["pc_name"].astype(str)
        self.pc_names = list(dict.fromkeys(by_pc_no.tolist()))
        _pc = {n: i for i, n in enumerate(self.pc_names)}
        self.pc_index = np.fromiter((_pc[v] for v in frame["pc_name"].astype(str)), dtype=np.int64, count=self.n)
        self.district_names, self.district_index = _codes(frame["district"].astype(str))
        self._region_cache: dict[tuple[str, str], np.ndarray] = {}

    def __len__(self) -> int:
        return self.n

    def index_of(self, ac_no: int) -> int:
        return self._index[int(ac_no)]

    def has(self, ac_no) -> bool:
        try:
            return int(ac_no) in self._index
        except (TypeError, ValueError):
            return False

    def indices(self, ac_nos) -> np.ndarray:
        return np.fromiter((self._index[int(a)] for a in ac_nos), dtype=np.int64)

    def name(self, ac_no: int) -> str:
        return self.names[self._index[int(ac_no)]]

    def names_of(self, ac_nos) -> list[str]:
        return [self.name(a) for a in ac_nos]

    def find(self, text: str) -> int | None:
        """ac_no for a seat number or a name (case-insensitive), or None."""
        t = text.strip()
        if t.isdigit() and int(t) in self._index:
            return int(t)
        low = t.lower()
        for a, n in zip(self.ac_no, self.names):
            if n.lower() == low:
                return int(a)
        return None

    def region_mask(self, kind: str, value) -> np.ndarray:
        """Boolean mask of the seats in a region: a PC (by name), a district, or a set of seats."""
        key = (kind, value if kind != "seats" else tuple(value))
        m = self._region_cache.get(key)
        if m is None:
            if kind == "pc":
                m = self.frame["pc_name"].astype(str).str.lower().to_numpy() == str(value).lower()
            elif kind == "district":
                m = self.frame["district"].astype(str).str.lower().to_numpy() == str(value).lower()
            elif kind == "seats":
                m = np.zeros(self.n, dtype=bool)
                m[self.indices(value)] = True
            else:
                raise ValueError(f"unknown region kind {kind!r}")
            m.setflags(write=False)
            self._region_cache[key] = m
        return m

    @property
    def has_labels(self) -> bool:
        return bool(self.frame["label_lat"].notna().all())


def _codes(s: pd.Series) -> tuple[list[str], np.ndarray]:
    """Group names in first-seen order (PC 1 first), and each seat's group index."""
    names = list(dict.fromkeys(s.tolist()))
    idx = {n: i for i, n in enumerate(names)}
    return names, np.fromiter((idx[v] for v in s), dtype=np.int64, count=len(s))


@dataclass
class Baseline:
    """A past election per candidate per seat: columns ac_no, candidate, party, votes.
    One row per candidate, so independents stay separate candidates."""
    id: str
    label: str
    candidates: pd.DataFrame
    note: str = ""
    source: str = "embedded"


@dataclass
class Dataset:
    id: str
    name: str
    seats: SeatTable
    baselines: dict[str, Baseline]
    default_baseline: str
    partners: tuple[Partner, ...] = DEFAULT_PARTNERS
    party_colours: dict[str, str] = field(default_factory=dict)
    party_names: dict[str, str] = field(default_factory=dict)
    attribution: str = ""
    rules_doc: dict | None = None
    scenario_docs: dict[str, dict] = field(default_factory=dict)  # preset name -> scenario JSON
    default_scenario: str | None = None
    boundaries_loader: object = None  # callable returning the boundaries JSON, or None

    @property
    def majority(self) -> int:
        return self.seats.n // 2 + 1

    def baseline(self, baseline_id: str) -> Baseline:
        try:
            return self.baselines[baseline_id]
        except KeyError:
            raise KeyError(f"unknown baseline {baseline_id!r}; known: {', '.join(self.baselines)}") from None

    def add_baseline(self, b: Baseline) -> None:
        self.baselines[b.id] = b

    def party_colour(self, party: str) -> str:
        return self.party_colours.get(party, "#B0B0B0")

    @cached_property
    def boundaries(self) -> dict | None:
        return self.boundaries_loader() if self.boundaries_loader else None


def _read_seats_csv(text: str) -> pd.DataFrame:
    df = pd.read_csv(io.StringIO(text), dtype={"ac_no": "int64", "pc_no": "int64", "name": str,
                                               "district": str, "pc_name": str, "reserved": str})
    return df[SEAT_COLUMNS]


def _read_baseline_csv(text: str) -> pd.DataFrame:
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header == ["ac_no", "candidate", "party", "votes"], header
    return pd.DataFrame({
        "ac_no": np.array([int(r[0]) for r in body], dtype=np.int64),
        "candidate": [r[1] for r in body],
        "party": [r[2] for r in body],
        "votes": np.array([int(r[3]) for r in body], dtype=np.int64),
    })


def resource_root():
    """The folder of shipped data: the installed package explorer.resources, or the
    repository's resources/ when running from a checkout that was not installed."""
    try:
        return resources.files("explorer.resources")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "resources"


def load_embedded(dataset_id: str = "haryana") -> Dataset:
    root = resource_root() / dataset_id
    manifest = jsonio.loads(root.joinpath("dataset.json").read_bytes(), f"{dataset_id}/dataset.json")
    seats = SeatTable(_read_seats_csv(root.joinpath(manifest["seats"]).read_text(encoding="utf-8")))
    baselines = {}
    for b in manifest["baselines"]:
        text = root.joinpath(b["file"]).read_text(encoding="utf-8")
        baselines[b["id"]] = Baseline(b["id"], b["label"], _read_baseline_csv(text), b.get("note", ""))
    partners = tuple(Partner(p["code"], p["name"], p["colour"]) for p in manifest["partners"])
    rules_doc = jsonio.loads(root.joinpath(manifest["rules"]).read_bytes(), manifest["rules"]) \
        if manifest.get("rules") else None
    scenario_docs = {}
    for rel in manifest.get("scenarios", []):
        doc = jsonio.loads(root.joinpath(rel).read_bytes(), rel)
        scenario_docs[doc["name"]] = doc
    default_scenario = None
    if manifest.get("default_scenario"):
        default_scenario = jsonio.loads(root.joinpath(manifest["default_scenario"]).read_bytes(),
                                        manifest["default_scenario"])["name"]
    bfile = manifest.get("boundaries")
    loader = (lambda: jsonio.loads(root.joinpath(bfile).read_bytes(), bfile)) if bfile else None
    return Dataset(
        id=manifest["id"], name=manifest["name"], seats=seats, baselines=baselines,
        default_baseline=manifest["default_baseline"], partners=partners,
        party_colours=manifest.get("party_colours", {}), party_names=manifest.get("party_names", {}),
        attribution=root.joinpath(manifest["attribution"]).read_text(encoding="utf-8"),
        rules_doc=rules_doc, scenario_docs=scenario_docs, default_scenario=default_scenario,
        boundaries_loader=loader,
    )
