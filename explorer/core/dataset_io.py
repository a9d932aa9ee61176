"""Data set folders: read, write, build from published files, and check.

A data set is a folder:

- ``dataset.json``, the manifest: ``format`` ("seat-share-explorer/dataset"), ``schema_version``
  (2), ``id``, ``name``, ``state``, ``majority`` (optional; default more than half the seats),
  ``seats``, ``parties``, ``baselines`` (a list of ``{id, label, year, kind, file, note}``, kind
  ``vidhan_sabha`` or ``lok_sabha_segments``), ``default_baseline``, ``partners`` (the default
  alliance: ``{code, name, colour}``), and optionally ``boundaries``, ``rules``, ``scenarios``,
  ``default_scenario``, ``attribution``;
- the seat list (``ac_no,name,district,pc_no,pc_name,reserved,label_lat,label_lon``);
- one CSV per baseline (``ac_no,candidate_no,candidate,party,votes``, party as a short code);
- the party table of the parties in its baselines (``code,name,colour,aliases,source``);
- optional boundaries (GeoJSON keyed by ``ac_no``), rules and preset scenarios, attribution.

The embedded data sets (``resources/<id>/``) are read by exactly this code. Everything is
read through the checked loaders, so a user's folder gets the same messages as an import.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import numpy as np

from . import jsonio
from .csvtext import decode_csv
from .dataset import BASELINE_KINDS, LOK_SABHA_SEGMENTS, VIDHAN_SABHA, Baseline, Dataset, SeatTable
from .errors import DataError, Problem, nearest
from .bounded_read import FolderFiles
from .filenames import safe_stem
from .loaders import MAX_CSV_BYTES, quote, read_results, read_seat_list
from .parties import IND, NOTA, Party, PartyTable, shipped_table, valid_code
from .paths import resource_root
from .pools import MAX_PARTNERS, Partner, valid_colour

DATASET_FORMAT = "seat-share-explorer/dataset"
DATASET_SCHEMA = 2
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")


# --- reading ------------------------------------------------------------------------------
def embedded_ids() -> list[str]:
    """The ids of the data sets shipped with the app, Haryana first."""
    root = resource_root()
    ids = [p.name for p in root.iterdir() if p.is_dir() and p.joinpath("dataset.json").is_file()]
    return sorted(ids, key=lambda i: (i != "haryana", i))


def embedded_name(dataset_id: str) -> str:
    """A shipped data set's name as its dataset.json gives it ("Jharkhand Vidhan Sabha (81
    seats)"), for menus, without loading its seats and elections; its id when unreadable."""
    from .jsonio import read_json
    try:
        name = read_json(resource_root() / dataset_id / "dataset.json").get("name")
    except (DataError, OSError, AttributeError, ValueError):
        return dataset_id
    return name if isinstance(name, str) and name.strip() else dataset_id


def load_embedded(dataset_id: str = "haryana") -> Dataset:
    root = resource_root() / dataset_id
    if not root.joinpath("dataset.json").is_file():
        raise DataError(Problem(dataset_id, None, None, f"no embedded data set {dataset_id!r}; "
                                                        f"there are: {', '.join(embedded_ids())}"))
    return _load(root, dataset_id, None)


def load_dataset(folder: str | os.PathLike) -> Dataset:
    """A data set from a folder holding dataset.json (or from that file's path)."""
    p = Path(folder)
    if p.name == "dataset.json" and not p.is_dir():
        p = p.parent
    if not os.path.lexists(p.joinpath("dataset.json")):  # a link or a pipe there: FolderFiles says what it is
        raise DataError(Problem(str(p), None, None, "not a data set folder (it has no dataset.json)"))
    return _load(p, str(p), str(p.resolve()))


MAX_MANIFEST_BYTES = 1_000_000     # dataset.json
MAX_BASELINES = 64                 # elections in one data set
MAX_PRESETS = 200                  # preset scenarios in one data set
MAX_ATTRIBUTION_BYTES = 1_000_000  # ATTRIBUTION.md


def _load(root, where: str, folder: str | None) -> Dataset:
    files = FolderFiles(root, where)
    mname = f"{where}/dataset.json"
    m = jsonio.loads(files.read("dataset.json", "dataset.json", MAX_MANIFEST_BYTES), mname)
    rd = jsonio.JsonReader(mname)
    if not isinstance(m, dict) or m.get("format") != DATASET_FORMAT:
        rd.problem("format", "not a data set manifest of this app")
        rd.raise_if_any()
    ver = rd.get(m, "schema_version", int, "")
    if isinstance(ver, int) and ver > DATASET_SCHEMA:
        rd.problem("schema_version", f"written by a newer version of the app (schema {ver}; "
                                     f"this one reads up to {DATASET_SCHEMA})")
    elif isinstance(ver, int) and ver < 1:
        rd.problem("schema_version", f"expected 1 to {DATASET_SCHEMA}, found {ver}")
    ds_id = rd.get(m, "id", str, "")
    if isinstance(ds_id, str) and not _ID.match(ds_id):
        rd.problem("id", "expected 1–40 letters, digits, '_', '-' or '.'")
    elif isinstance(ds_id, str) and folder is not None and _shipped_elsewhere(ds_id, root):
        rd.problem("id", f"{ds_id!r} is the id of a data set shipped with the app; give this one its own id "
                         "(a scenario names its data set by id)")
    name = rd.get(m, "name", str, "", default=ds_id or "")
    state = rd.get(m, "state", str, "", default="")
    seats_file = rd.get(m, "seats", str, "")
    blist = rd.get(m, "baselines", list, "")
    pfile = rd.get(m, "parties", str, "", default=None)
    rules_file = rd.get(m, "rules", str, "", default=None)
    scenario_files = rd.get(m, "scenarios", list, "", default=[])
    default_file = rd.get(m, "default_scenario", str, "", default=None)
    bfile = rd.get(m, "boundaries", str, "", default=None)
    afile = rd.get(m, "attribution", str, "", default=None)
    lfile = rd.get(m, "lineage", str, "", default=None)
    kfile = rd.get(m, "blocs", str, "", default=None)
    if isinstance(blist, list) and len(blist) > MAX_BASELINES:
        rd.problem("baselines", f"{len(blist):,} baselines; a data set holds at most {MAX_BASELINES}")
    if isinstance(scenario_files, list) and len(scenario_files) > MAX_PRESETS:
        rd.problem("scenarios", f"{len(scenario_files):,} presets; a data set holds at most {MAX_PRESETS}")
        scenario_files = []
    for k, rel in enumerate(scenario_files or []):
        if not isinstance(rel, str):
            rd.problem(f"scenarios[{k}]", f"expected a file name, found {jsonio._json_type(rel)}")
    colours = rd.get(m, "party_colours", dict, "", default={}) if not pfile else {}
    pnames = rd.get(m, "party_names", dict, "", default={}) if not pfile else {}
    for key, d in (("party_colours", colours), ("party_names", pnames)):
        for code, v in (d or {}).items():
            if not isinstance(v, str) or not valid_code(code) or (key == "party_colours" and not valid_colour(v)):
                rd.problem(f"{key}.{quote(code, 30)}", "expected a party code and a colour #RRGGBB"
                           if key == "party_colours" else "expected a party code and its name")
    rd.raise_if_any()
    hasher = hashlib.sha256()
    seats_bytes = files.read(seats_file, "seats", MAX_CSV_BYTES)
    hasher.update(seats_bytes)
    seats = read_seat_list(seats_bytes, files.shown(seats_file))
    warnings: list[Problem] = list(seats.warnings)

    table = shipped_table()
    if pfile:
        pbytes = files.read(pfile, "parties", MAX_CSV_BYTES)
        hasher.update(pbytes)
        read = decode_csv(pbytes, files.shown(pfile))  # Excel's encodings too (core/csvtext.py)
        own = PartyTable.from_csv(read.text, files.shown(pfile), read.delimiter)
        warnings.extend(own.warnings)
        for p in own:
            table.add(p, own.spellings(p.code), own.source(p.code))
    else:  # schema 1: colours and names in the manifest
        for code, colour in colours.items():
            table.add(Party(code, pnames.get(code, code), colour))

    baselines: dict[str, Baseline] = {}
    for k, b in enumerate(blist):
        path = f"baselines[{k}]"
        bid = rd.get(b, "id", str, path)
        label = rd.get(b, "label", str, path, default=bid or "")
        file = rd.get(b, "file", str, path)
        year = rd.get(b, "year", int, path, default=None)
        kind = rd.get(b, "kind", str, path, default=VIDHAN_SABHA)
        note = rd.get(b, "note", str, path, default="")
        if kind is not None and kind not in BASELINE_KINDS:
            rd.problem(f"{path}.kind", f"expected one of {', '.join(BASELINE_KINDS)}")
        if bid in baselines:
            rd.problem(f"{path}.id", f"baseline {bid!r} is listed twice")
        if rd.problems or bid is None or file is None:
            continue
        data = files.read(file, f"{path}.file", MAX_CSV_BYTES)
        hasher.update(bid.encode("utf-8", "backslashreplace") + b"\0" + data)
        baselines[bid] = read_results(data, files.shown(file), seats, bid, label, table, year=year, kind=kind)
        baselines[bid].note = note or ""
        baselines[bid].source = "embedded" if folder is None else files.shown(file)
        warnings.extend(baselines[bid].warnings)
    if not baselines and not rd.problems:
        rd.problem("baselines", "a data set needs at least one baseline")
    default = rd.get(m, "default_baseline", str, "", default=next(iter(baselines), None))
    if default is not None and baselines and default not in baselines:
        rd.problem("default_baseline", f"unknown baseline {default!r}; known: {', '.join(baselines)}")
    partners = _read_partners(rd, m.get("partners"), table)
    majority = rd.get(m, "majority", int, "", default=None)
    if majority is not None and not 1 <= majority <= seats.n:
        rd.problem("majority", f"expected 1–{seats.n} seats, found {majority}")
    if default_file is not None:
        files.check_name(default_file, "default_scenario")
        if rules_file and files.same(default_file, rules_file):
            rd.problem("default_scenario", f"{quote(default_file)} is the rules file, not a scenario")
        elif not any(files.same(default_file, f) for f in scenario_files):
            rd.problem("default_scenario", f"{quote(default_file)} is not one of the scenarios listed")
    rd.raise_if_any()

    def doc(rel, label):
        return jsonio.loads(files.read(rel, label, jsonio.MAX_JSON_BYTES), files.shown(rel))

    sources = {"rules": files.shown(rules_file)} if rules_file else {}
    if bfile:
        sources["boundaries"] = files.shown(bfile)
    rules_doc = doc(rules_file, "rules") if rules_file else None
    if rules_file is not None and not isinstance(rules_doc, dict):
        raise DataError(Problem(files.shown(rules_file), None, None, "expected a rules file (a JSON object)"))
    scenario_docs, default_scenario = {}, None
    for k, rel in enumerate(scenario_files):
        d = doc(rel, f"scenarios[{k}]")
        preset = d.get("name") if isinstance(d, dict) else None
        if not isinstance(d, dict) or not isinstance(preset, str) or not preset.strip():
            raise DataError(Problem(files.shown(rel), None, "name", "expected a scenario with a name"))
        if preset in scenario_docs:
            raise DataError(Problem(mname, None, f"scenarios[{k}]",
                                    f"a second preset named {quote(preset)}: each preset needs its own name"))
        scenario_docs[preset] = d
        sources[preset] = files.shown(rel)
        if default_file is not None and files.same(default_file, rel):
            default_scenario = preset
    loader = None
    if bfile:
        files.path(bfile, "boundaries")  # the name and the file are checked now; read when the map is drawn
        loader = (lambda: jsonio.loads(files.read(bfile, "boundaries", jsonio.MAX_JSON_BYTES), files.shown(bfile)))
    attribution = ""
    if afile:
        attribution = jsonio.decode_utf8(files.read(afile, "attribution", MAX_ATTRIBUTION_BYTES), files.shown(afile))
    lineage = None
    if lfile:    # the data set's own party lineage, added to the shipped table (its rows override, event by event)
        from .lineage import overlay, read_lineage
        from .successors import shipped_lineage
        lbytes = files.read(lfile, "lineage", MAX_CSV_BYTES)
        hasher.update(lbytes)
        lineage = overlay(shipped_lineage(), read_lineage(lbytes, files.shown(lfile)))
    kept = None
    if kfile:    # the blocs of its elections as the strategist confirmed them (core.kept_blocs): a file
        # that cannot be read is a warning naming its lines, and the blocs are found as if it were not there
        from .kept_blocs import MAX_BYTES as KEPT_BYTES, read_kept_blocs
        try:
            kept = read_kept_blocs(files.read(kfile, "blocs", KEPT_BYTES), files.shown(kfile))
        except DataError as e:
            warnings.extend(e.problems)
    ds = Dataset(
        id=ds_id, name=name, seats=seats, baselines=baselines, default_baseline=default,
        partners=partners, party_colours={p.code: p.colour for p in table},
        party_names={p.code: p.name for p in table}, attribution=attribution, rules_doc=rules_doc,
        scenario_docs=scenario_docs, default_scenario=default_scenario, boundaries_loader=loader,
        state=state, majority_seats=majority, parties=table, content_hash=hasher.hexdigest()[:16],
        folder=folder, warnings=warnings, sources=sources)
    ds.imports.lineage = lineage      # reference data: not an import (the version stays 0)
    if kept is not None:
        ds.imports.kept_blocs = kept
    return ds


def _shipped_elsewhere(ds_id: str, root) -> bool:
    """Whether ``ds_id`` is a shipped data set's id and ``root`` is not that data set's folder."""
    if ds_id not in embedded_ids():
        return False
    try:
        return os.path.realpath(root) != os.path.realpath(str(resource_root() / ds_id))
    except (OSError, ValueError):
        return True


def _read_partners(rd: jsonio.JsonReader, items, table: PartyTable) -> tuple[Partner, ...]:
    if items is None:
        rd.problem("partners", "missing (the default alliance: two or more partners)")
        return ()
    if not isinstance(items, list) or not 2 <= len(items) <= MAX_PARTNERS:
        rd.problem("partners", f"expected a list of 2 to {MAX_PARTNERS} partners")
        return ()
    out = []
    for k, p in enumerate(items):
        path = f"partners[{k}]"
        code = rd.get(p, "code", str, path)
        if code is None:
            continue
        if not valid_code(code):
            rd.problem(f"{path}.code", "expected a short party code")
            continue
        colour = rd.get(p, "colour", str, path, default=table.colour(code))
        if colour is not None and not valid_colour(colour):
            rd.problem(f"{path}.colour", "expected #RRGGBB")
            continue
        out.append(Partner(code, rd.get(p, "name", str, path, default=table.name(code)) or code, colour))
    return tuple(out)


# --- partners from codes or names ---------------------------------------------------------
def resolve_partners(ds: Dataset, spec: str | list[str]) -> tuple[Partner, ...]:
    """Partners from codes or ECI names ('JMM,INC' or 'Jharkhand Mukti Morcha,...'). Each must
    be a party of one of the data set's baselines; raises ValueError naming the bad one."""
    items = [s.strip() for s in (spec.split(",") if isinstance(spec, str) else spec) if s.strip()]
    if len(items) < 2:
        raise ValueError("name two or more partners, e.g. --partners AAP,INC")
    if len(items) > MAX_PARTNERS:
        raise ValueError(f"{len(items)} partners; an alliance has at most {MAX_PARTNERS}")
    votes: dict[str, float] = {}
    for b in ds.baselines.values():
        for party, v in b.candidates.groupby("party")["votes"].sum().items():
            votes[party] = votes.get(party, 0) + float(v)
    present = set(votes)
    by_votes = sorted(present - {NOTA, IND}, key=lambda c: -votes[c])
    out, seen = [], set()
    for s in items:
        code = ds.resolve_party(s)
        if code in (NOTA, IND):
            raise ValueError(f"{s!r} cannot be a partner: {'NOTA is not a party' if code == NOTA else 'independents are separate candidates, not a party'}")
        if code is None or code not in present:
            near = nearest(s, by_votes, ds.party_name)
            raise ValueError(f"no party {s!r} in the baselines of {ds.id}" + (f"; did you mean {near}?" if near else ""))
        if code in seen:
            raise ValueError(f"partner {code} is named twice")
        seen.add(code)
        out.append(Partner(code, ds.party_name(code), ds.party_colour(code)))
    # partners need distinct colours to be told apart in pools, map and charts
    table = PartyTable([Party(p.code, p.name, p.colour) for p in out]).distinct([p.code for p in out])
    return tuple(Partner(p.code, p.name, table.colour(p.code)) for p in out)


# --- writing --------------------------------------------------------------------------------
def baseline_csv(b: Baseline) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["ac_no", "candidate_no", "candidate", "party", "votes"])
    c = b.candidates
    serial = c["candidate_no"] if "candidate_no" in c else np.zeros(len(c), dtype=np.int64)
    for a, s, n, p, v in zip(c["ac_no"], serial, c["candidate"], c["party"], c["votes"]):
        w.writerow([int(a), int(s) if s else "", n, p, int(v)])
    return out.getvalue()


def eci_csv(b: Baseline, ds: Dataset) -> str:
    """A baseline in ECI's long published shape: full party names, NOTA as "None of the Above",
    EVM and postal columns (postal 0: our baselines keep the total)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["constituency_no", "constituency", "serial_no", "candidate", "party", "evm_votes", "postal_votes"])
    c = b.candidates
    serial = c["candidate_no"] if "candidate_no" in c else np.zeros(len(c), dtype=np.int64)
    for a, s, n, p, v in zip(c["ac_no"], serial, c["candidate"], c["party"], c["votes"]):
        w.writerow([int(a), ds.seats.name(int(a)).upper(), int(s) if s else "", n,
                    "None of the Above" if p == NOTA else ds.party_name(p), int(v), 0])
    return out.getvalue()


def seats_csv(seats: SeatTable) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    f = seats.frame
    w.writerow(["ac_no", "name", "district", "pc_no", "pc_name", "reserved", "label_lat", "label_lon"])
    for r in f.itertuples(index=False):
        lat = "" if np.isnan(r.label_lat) else f"{r.label_lat:.5f}"
        lon = "" if np.isnan(r.label_lon) else f"{r.label_lon:.5f}"
        w.writerow([int(r.ac_no), r.name, r.district, int(r.pc_no), r.pc_name, r.reserved, lat, lon])
    return out.getvalue()


def _json_bytes(obj) -> bytes:
    return (json.dumps(obj, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def write_dataset(out_dir: str | os.PathLike, *, id: str, name: str, state: str, seats: SeatTable,
                  baselines: list[Baseline], partners: tuple[Partner, ...], parties: PartyTable,
                  default_baseline: str | None = None, majority: int | None = None,
                  boundaries: dict | None = None, rules: dict | None = None,
                  rules_file: str = "rules.json", scenarios: list[dict] = (), default_scenario: str | None = None,
                  attribution: str = "", overwrite: bool = False, verify=None,
                  lineage: bytes | None = None) -> Path:
    """Write a data set folder. It is built in a temporary folder beside ``out_dir`` and
    renamed into place at the end: a failure leaves nothing half-written. ``verify(folder)``,
    when given, reads the built folder before it is put in place: a folder its reader refuses
    is never written."""
    out = Path(out_dir)
    if out.exists() and not overwrite:
        if not out.is_dir() or any(out.iterdir()):
            raise FileExistsError(f"{out} exists and is not empty")
    out.parent.mkdir(parents=True, exist_ok=True)
    used = []
    for b in baselines:
        counts = b.candidates.groupby("party")["votes"].sum().sort_values(ascending=False, kind="stable")
        used.extend(c for c in counts.index if c not in used)
    codes = [p.code for p in partners] + [c for c in used if c not in {p.code for p in partners}]
    table = parties.distinct(codes)
    files: dict[str, bytes] = {"seats.csv": seats_csv(seats).encode("utf-8"),
                               "parties.csv": table.to_csv(codes).encode("utf-8")}
    manifest = {"format": DATASET_FORMAT, "schema_version": DATASET_SCHEMA, "id": id, "name": name,
                "state": state}
    if majority:
        manifest["majority"] = majority
    manifest.update({"seats": "seats.csv", "parties": "parties.csv", "baselines": []})
    for b in baselines:
        fname = f"baseline_{b.id}.csv"
        files[fname] = baseline_csv(b).encode("utf-8")
        manifest["baselines"].append({"id": b.id, "label": b.label, "year": b.year, "kind": b.kind,
                                      "file": fname, "note": b.note})
    manifest["default_baseline"] = default_baseline or baselines[-1].id
    manifest["partners"] = [Partner(p.code, p.name, table.colour(p.code) if p.code in table else p.colour).to_json()
                            for p in partners]
    if boundaries is not None:
        files["boundaries.json"] = json.dumps(boundaries, separators=(",", ":")).encode("utf-8")
        manifest["boundaries"] = "boundaries.json"
    if rules is not None:
        files[rules_file] = _json_bytes(rules)
        manifest["rules"] = rules_file
    if scenarios:
        manifest["scenarios"] = []
        for k, doc in enumerate(scenarios):
            fname = f"scenarios/{_slug(doc.get('name', f'scenario {k + 1}'))}.json"
            files[fname] = _json_bytes(doc)
            manifest["scenarios"].append(fname)
            if doc.get("name") == default_scenario:
                manifest["default_scenario"] = fname
    if lineage is not None:      # the party lineage across the data set's elections (core.lineage's CSV)
        files["lineage.csv"] = lineage
        manifest["lineage"] = "lineage.csv"
    files["ATTRIBUTION.md"] = (attribution or "Data attribution\n================\n\nNot given.\n").encode("utf-8")
    manifest["attribution"] = "ATTRIBUTION.md"
    files["dataset.json"] = _json_bytes(manifest)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".building", dir=out.parent))
    try:
        for rel, data in files.items():
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        os.chmod(tmp, 0o755 & ~_umask())
        if verify is not None:
            try:
                verify(tmp)
            except DataError as e:   # name the folder asked for, not the temporary one
                from dataclasses import replace as _replace
                raise DataError([_replace(p, file=str(p.file).replace(str(tmp), str(out))) for p in e.problems]) from None
        if out.exists():
            old = out.with_name(f".{out.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


def _slug(s: str) -> str:
    return safe_stem(re.sub(r"[^a-z0-9]+", "_", str(s).lower().replace("'", "")).strip("_")[:60], "scenario")


# --- building from published files ------------------------------------------------------------
def parse_results_spec(spec: str) -> tuple[str, str]:
    """'vs2024=results.csv' -> ('vs2024', 'results.csv')."""
    bid, eq, path = spec.partition("=")
    bid = bid.strip()
    if not eq or not path.strip() or not re.fullmatch(r"[A-Za-z0-9_.:-]{1,40}", bid):
        raise ValueError(f"--results {spec}: expected ID=RESULTS.csv, e.g. vs2024=results.csv")
    return bid, path.strip()


def baseline_meta(bid: str) -> tuple[int | None, str, str]:
    """Year, kind and label guessed from an id such as vs2024 or ls2019."""
    m = re.search(r"(19|20)\d\d", bid)
    year = int(m.group(0)) if m else None
    kind = LOK_SABHA_SEGMENTS if bid.lower().startswith("ls") else VIDHAN_SABHA
    label = ("Lok Sabha" if kind == LOK_SABHA_SEGMENTS else "Vidhan Sabha") + (f" {year}" if year else f" ({bid})")
    if kind == LOK_SABHA_SEGMENTS:
        label += " by assembly segment"
    return year, kind, label


def year_in_file(data: bytes, name: str) -> int | None:
    """The election year a results file states in a Year column (one value in every row), or
    None when it has no such column; ValueError when its rows give several years."""
    import csv as _csv
    import io as _io
    text = data[: 8 * 2**20].decode("utf-8", "replace").lstrip("\ufeff")
    rd = _csv.reader(_io.StringIO(text, newline=""))
    header = [h.strip().lower().replace(" ", "_") for h in next(rd, [])]
    col = next((c for c in ("year", "election_year") if c in header), None)
    if col is None:
        return None
    k = header.index(col)
    years = set()
    for row in rd:
        if k < len(row) and row[k].strip():
            years.add(row[k].strip())
            if len(years) > 1:
                raise ValueError(f"{name}: its Year column has several years ({', '.join(sorted(years))}); "
                                 "build from it with --lokdhaba, or give one year's rows")
    if not years:
        return None
    y = next(iter(years))
    if not re.fullmatch(r"(19|20)\d\d", y):
        raise ValueError(f"{name}: Year {y!r} is not an election year")
    return int(y)


def build_dataset(out_dir, *, name: str, seats_file=None, results: list[tuple[str, str]] = (),
                  boundaries_file=None, partners: str | list[str] | None = None,
                  labels: dict[str, str] | None = None, dataset_id: str | None = None,
                  state: str = "", majority: int | None = None, overwrite: bool = False,
                  years: dict[str, int] | None = None, lokdhaba=None, lokdhaba_state: str | None = None,
                  by_elections: bool = False, report: list | None = None, lineage_file=None) -> Dataset:
    """Build a data set folder from a seat list and results files as published, or from one Lok
    Dhaba (TCPD) file of many elections (``lokdhaba``: every general election a baseline; the
    seat list is then optional), check it by reading it back, and return it. Every problem is
    raised as a DataError (or ValueError for a bad argument) before anything is written; the
    folder is written only once the reader accepts it. ``years``: a baseline's election year
    where its id has none (else read from the file's Year column). ``report``: a list the build
    appends its notes to (elections left out, by-elections)."""
    from .loaders import _read_file
    lineage_bytes = None
    if lineage_file:     # checked now (line and column of a bad row), written with the data set
        from .lineage import read_lineage
        lineage_bytes = _read_file(lineage_file)
        read_lineage(lineage_bytes, str(lineage_file))
    seats = read_seat_list(_read_file(seats_file), str(seats_file)) if seats_file else None
    table = shipped_table()
    bls = []
    problems = []
    notes = report if report is not None else []
    from_lokdhaba: set[str] = set()
    if lokdhaba:
        from .lokdhaba import read_lokdhaba
        ld = read_lokdhaba(_read_file(lokdhaba), str(lokdhaba), table, lokdhaba_state or state or None,
                           by_elections, seats)
        seats = ld.seats
        state = state or ld.state
        bls.extend(ld.baselines)
        from_lokdhaba.update(b.id for b in ld.baselines)
        notes.extend(ld.notes)
        notes.extend(f"left out: {x}" for x in ld.left_out)
        notes.extend(f"by-election{' (taken)' if by_elections else ' (left out; --by-elections takes them)'}: {x}"
                     for x in ld.by_elections)
    elif seats is None:
        raise ValueError("name the seat list: --seats SEATS.csv (or build from a Lok Dhaba file: --lokdhaba FILE)")
    for bid, path in results:
        year, kind, label = baseline_meta(bid)
        try:
            data = _read_file(path)
            if year is None:
                year = (years or {}).get(bid) or year_in_file(data, str(path))
                if year is None:   # the reader of the data set would refuse it: say what to do, read on
                    problems.append(Problem(str(path), None, None,
                                            f"no election year in the id {bid!r} nor a Year column in the file: "
                                            f"write the id with its year ({bid}2019=...) or give --year {bid}=YEAR"))
                else:
                    label = label.replace(f" ({bid})", f" {year}")
            bls.append(read_results(data, str(path), seats, bid, (labels or {}).get(bid, label),
                                    table, year=year, kind=kind))
        except DataError as e:
            problems.extend(e.problems)
    if problems:
        raise DataError(problems)
    if not bls:
        raise ValueError("name at least one results file: --results ID=RESULTS.csv")
    if len({b.id for b in bls}) != len(bls):
        raise ValueError("each --results needs its own ID")
    for b in bls:
        if b.id not in from_lokdhaba:      # a Lok Dhaba election says already where it comes from
            b.note = f"Built from {Path(b.source).name} as published" + \
                (f" (read as {b.read_as})." if b.read_as != "UTF-8" else ".")
        b.source = "embedded"
    boundaries = _embedded_boundaries(boundaries_file, seats) if boundaries_file else None
    tmp_ds = Dataset(id="tmp", name=name, seats=seats, baselines={b.id: b for b in bls},
                     default_baseline=bls[-1].id, parties=table)
    if partners:
        parts = resolve_partners(tmp_ds, partners)
    else:  # the two largest parties of the newest baseline
        newest = max(bls, key=lambda b: b.year or 0)
        top = newest.candidates[~newest.candidates["party"].isin([NOTA, IND])] \
            .groupby("party")["votes"].sum().sort_values(ascending=False).index[:2].tolist()
        parts = resolve_partners(tmp_ds, top)
    ds_id = dataset_id or _slug(state or name).replace("_", "-")[:40] or "dataset"
    if ds_id in embedded_ids():  # a scenario names its data set by id: never the shipped one's
        if dataset_id:
            raise ValueError(f"--id {dataset_id}: the id of a data set shipped with the app; choose another")
        ds_id = f"{ds_id}-own"
    newest = max(bls, key=lambda b: b.year or 0)
    sources = list(results) + ([("every general election", lokdhaba)] if lokdhaba else [])
    write_dataset(out_dir, id=ds_id, name=name, state=state, seats=seats, baselines=bls, partners=parts,
                  parties=table, default_baseline=newest.id, majority=majority, boundaries=boundaries,
                  attribution=_build_attribution(seats_file, sources, boundaries_file), overwrite=overwrite,
                  verify=load_dataset, lineage=lineage_bytes)
    return load_dataset(out_dir)


def _embedded_boundaries(path, seats: SeatTable) -> dict:
    """A GeoJSON FeatureCollection keyed by ac_no, checked within the GeoJSON bounds, in the
    data set's own form (its placement warnings are refused here: a data set is built once)."""
    from .geometry import geojson_to_embedded
    doc, warnings = geojson_to_embedded(path, seats)
    if warnings:
        raise DataError(list(warnings))
    return doc


def _build_attribution(seats_file, results, boundaries_file) -> str:
    lines = ["Data attribution", "================", "",
             "Built with `python -m explorer dataset build` from these files as published:", ""]
    if seats_file:
        lines.append(f"- seats: {Path(seats_file).name}")
    lines += [f"- baseline {bid}: {Path(p).name}" for bid, p in results]
    if boundaries_file:
        lines.append(f"- boundaries: {Path(boundaries_file).name}")
    lines += ["", "Credit the sources of those files (ECI results) wherever this data set is shown.", ""]
    return "\n".join(lines)


# --- checking ---------------------------------------------------------------------------------
def check_report(ds: Dataset) -> dict:
    """What ``dataset check`` prints: seats by reservation, and each baseline's winners by
    party (ties and seats elected unopposed counted apart)."""
    from .projection import PreparedBaseline
    res = {"GEN": int((~ds.seats.is_sc & ~ds.seats.is_st).sum()), "SC": int(ds.seats.is_sc.sum()),
           "ST": int(ds.seats.is_st.sum())}
    out = {"id": ds.id, "name": ds.name, "seats": ds.seats.n, "majority": ds.majority, "reserved": res,
           "content_hash": ds.content_hash, "partners": [p.code for p in ds.partners], "baselines": {},
           "warnings": [str(p) for p in ds.warnings]}
    for b in ds.baselines.values():
        pb = PreparedBaseline(ds.seats, b, ())
        winners: dict[str, int] = {}
        for i in range(ds.seats.n):
            if pb.leader_tie[i]:
                continue
            p = pb.parties[pb.leader[i]]
            winners[p] = winners.get(p, 0) + 1
        out["baselines"][b.id] = {
            "label": b.label, "year": b.year, "kind": b.kind, "candidates": int((b.candidates["party"] != NOTA).sum()),
            "winners": dict(sorted(winners.items(), key=lambda kv: (-kv[1], kv[0]))),
            "ties": [int(ds.seats.ac_no[i]) for i in np.flatnonzero(pb.leader_tie)],
            "unopposed": [int(ds.seats.ac_no[i]) for i in np.flatnonzero(pb.unopposed)],
        }
    return out


def check_text(rep: dict) -> str:
    r = rep["reserved"]
    lines = [f"{rep['name']} ({rep['id']}): {rep['seats']} seats, majority {rep['majority']}",
             f"  reserved: GEN {r['GEN']}, SC {r['SC']}, ST {r['ST']}",
             f"  default partners: {', '.join(rep['partners'])}"]
    for bid, b in rep["baselines"].items():
        w = ", ".join(f"{p} {n}" for p, n in b["winners"].items())
        lines.append(f"  {bid} ({b['label']}): {b['candidates']} candidates; winners {w}")
        if b["unopposed"]:
            lines.append(f"    elected unopposed: seats {', '.join(map(str, b['unopposed']))}")
        if b["ties"]:
            lines.append(f"    tied for first place: seats {', '.join(map(str, b['ties']))}")
    lines += [f"  warning: {w}" for w in rep.get("warnings", [])]
    return "\n".join(lines)
