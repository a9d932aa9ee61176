"""Hostile-input generators and the oracle that judges each input, shared by the standing
suite (tests/test_fuzz.py, a bounded number of examples) and tools/fuzz.py (as long as asked).

Every user file kind is covered: scenario, rules, results (our long shape and ECI's), seat
list, assignments, GeoJSON, and data set folders: the files' contents ("dataset"), and the
folder itself ("dataset_folder": manifest fields, file names, sizes, links, pipes, presets and
party tables), checked through as ``dataset check`` does and run through that command too; and
the optimiser's questions ("optimiser": rules, locks, soft costs, bounds, friendly fights and
fight pairs, frontiers, time limits, put to ``optimise --json``). An input is mutated from a valid seed file
(byte and structural mutations, hand-crafted hostile values); the oracle then demands that it
either loads and round-trips (save -> load -> identical) and satisfies the invariants of its
kind, or is refused with a DataError naming the file. Anything else is a finding:

- crash: an exception other than DataError (or a DataError that names no file);
- silent: accepted, but the round trip differs or an invariant is broken (a swing for a party
  no baseline has, pool keys that differ only in case, a seat bound above the seat count, ...);
- hang: a single input took longer than the time limit.
"""
from __future__ import annotations

import copy
import csv
import io
import json
import random
import signal
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from explorer.core.dataset_check import load_checked
from explorer.core.dataset_io import load_embedded, write_dataset
from explorer.core.errors import DataError, Problem
from explorer.core.geometry import boundaries_from_geojson
from explorer.core.jsonio import loads
from explorer.core.loaders import read_assignments, read_results, read_seat_list
from explorer.core.rules import rules_from_json
from explorer.core.scenario import Scenario, scenario_from_preset

HARYANA = load_embedded("haryana")
KINDS = ("scenario", "rules", "results", "results_eci", "seat_list", "assignments", "geojson", "dataset",
         "dataset_folder", "optimiser")

HOSTILE_STRINGS = ["", " ", "\ud800", "\udfff", "²", "3²", "١٢", "12345678901234567890", "-1", "0", "1e309",
                   "NaN", "Infinity", "=HYPERLINK(\"http://x.invalid\")", "+1", "@SUM(A1)", "\t", "\r", "<b>x</b>",
                   "$\\alpha$", "A" * 5000, "aap", "AAP", "bjp", "BJPP", "None of the Above", "NOTA", "IND",
                   "\x00", "\u202e", "Ⅻ", "𝟘", "🙂", "../../etc/passwd", "/abs/path", "CON"]
HOSTILE_NUMBERS = [0, -1, 1, 2, 90, 91, 500, 10 ** 30, -10 ** 30, 2 ** 63, 1.5, -0.0, 1e308, True, False, None]


@dataclass
class Verdict:
    kind: str
    outcome: str          # "loaded", "refused", "crash", "silent", "hang"
    detail: str = ""


@dataclass
class Tally:
    inputs: int = 0
    crashes: int = 0
    silent: int = 0
    hangs: int = 0
    findings: list[Verdict] = field(default_factory=list)

    def add(self, v: Verdict) -> None:
        self.inputs += 1
        if v.outcome in ("crash", "silent", "hang"):
            setattr(self, {"crash": "crashes", "silent": "silent", "hang": "hangs"}[v.outcome],
                    getattr(self, {"crash": "crashes", "silent": "silent", "hang": "hangs"}[v.outcome]) + 1)
            if len(self.findings) < 50:
                self.findings.append(v)

    def line(self) -> str:
        return f"fuzz inputs={self.inputs} crashes={self.crashes} silent={self.silent} hangs={self.hangs}"


# --- seed files ------------------------------------------------------------------------------------
def seed_scenario() -> dict:
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    sc.assumptions = sc.assumptions.with_swing("BJP", -2).with_seat_adjust(36, 3)
    return sc.to_json()


def seed_rules() -> dict:
    return copy.deepcopy(HARYANA.rules_doc)


def _csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def seed_results(eci: bool) -> bytes:
    c = HARYANA.baselines["vs2024"].candidates
    c = c[c.ac_no <= 90]
    if eci:
        rows = [["constituency_no", "serial_no", "candidate", "party", "evm_votes", "postal_votes"]]
        rows += [[a, s, n, HARYANA.party_name(p) if p != "NOTA" else "None of the Above", v, 0]
                 for a, s, n, p, v in zip(c.ac_no, c.candidate_no, c.candidate, c.party, c.votes)]
    else:
        rows = [["ac_no", "candidate", "party", "votes"]] + [[a, n, p, v] for a, n, p, v in
                                                             zip(c.ac_no, c.candidate, c.party, c.votes)]
    return _csv(rows)


def seed_seat_list() -> bytes:
    f = HARYANA.seats.frame
    return _csv([["ac_no", "name", "district", "pc", "reserved"]] +
                [[a, n, d, p, r] for a, n, d, p, r in zip(f.ac_no, f.name, f.district, f.pc_name, f.reserved)])


def seed_assignments() -> bytes:
    return _csv([["ac_no", "pool"]] + [[a, "INC" if a % 3 else "AAP"] for a in range(1, 91)])


def seed_geojson() -> dict:
    doc = HARYANA.boundaries
    feats = []
    for k, polys in list(doc["seats"].items())[:12]:
        feats.append({"type": "Feature", "properties": {"ac_no": int(k)},
                      "geometry": {"type": "MultiPolygon", "coordinates": polys}})
    return {"type": "FeatureCollection", "features": feats}


# --- mutations --------------------------------------------------------------------------------------
def mutate_json(rng: random.Random, doc):
    doc = copy.deepcopy(doc)
    for _ in range(rng.randint(1, 4)):
        nodes = []

        def walk(o, parent, key, depth):
            nodes.append((o, parent, key))
            if depth > 7 or len(nodes) > 4000:
                return
            if isinstance(o, dict):
                for k, v in list(o.items()):
                    walk(v, o, k, depth + 1)
            elif isinstance(o, list):
                for i, v in enumerate(o[:60]):
                    walk(v, o, i, depth + 1)
        walk(doc, None, None, 0)
        o, parent, key = rng.choice(nodes)
        op = rng.randrange(9)
        new = o
        if op == 0:
            new = rng.choice(HOSTILE_STRINGS)
        elif op == 1:
            new = rng.choice(HOSTILE_NUMBERS)
        elif op == 2:
            new = rng.choice([[], {}, [None], {"": None}, [[[]]]])
        elif op == 3 and isinstance(o, dict) and o:
            k = rng.choice(list(o))
            o[rng.choice([k.upper(), k.lower(), k + " ", rng.choice(HOSTILE_STRINGS)])] = copy.deepcopy(o[k])
        elif op == 4 and isinstance(o, dict) and o:
            del o[rng.choice(list(o))]
        elif op == 5 and isinstance(o, list) and o:
            o.append(copy.deepcopy(rng.choice(o)))
        elif op == 6 and isinstance(o, list):
            o.extend(rng.choice(HOSTILE_NUMBERS + HOSTILE_STRINGS) for _ in range(rng.randint(1, 5)))
        elif op == 7 and isinstance(o, str):
            new = o + rng.choice(HOSTILE_STRINGS)
        elif op == 8 and isinstance(o, (int, float)) and not isinstance(o, bool):
            new = rng.choice([o * 10 ** rng.randint(1, 30), -o, o + 0.5, str(o)])
        if new is not o:
            if parent is None:
                doc = new
            else:
                parent[key] = new
    return doc


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(7)
        pos = rng.randrange(len(b) + 1) if b else 0
        if op == 0 and b:
            b[min(pos, len(b) - 1)] = rng.randrange(256)
        elif op == 1:
            b[pos:pos] = rng.choice(HOSTILE_STRINGS).encode("utf-8", "surrogatepass")
        elif op == 2 and b:
            del b[pos:pos + rng.randint(1, 200)]
        elif op == 3:
            b[pos:pos] = rng.choice([b",", b"\n", b'"', b'""', b"\r\n", b",,,,", b"\xff\xfe", b"\xef\xbb\xbf"])
        elif op == 4 and b:  # duplicate a line
            lines = bytes(b).split(b"\n")
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            b = bytearray(b"\n".join(lines))
        elif op == 5 and b:  # replace a field with a hostile value
            lines = bytes(b).split(b"\n")
            i = rng.randrange(len(lines))
            cells = lines[i].split(b",")
            cells[rng.randrange(len(cells))] = rng.choice(HOSTILE_STRINGS + [str(x) for x in HOSTILE_NUMBERS]).encode(
                "utf-8", "surrogatepass")
            lines[i] = b",".join(cells)
            b = bytearray(b"\n".join(lines))
        elif op == 6:
            b = b[:rng.randrange(len(b) + 1)]
    return bytes(b)


def to_bytes(rng: random.Random, doc) -> bytes:
    text = json.dumps(doc, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.15:
        return mutate_bytes(rng, text.encode("utf-8", "surrogatepass"))
    return text.encode("utf-8", "surrogatepass")


# --- the oracle -------------------------------------------------------------------------------------
class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def judge(kind: str, data: bytes, limit_s: float = 5.0) -> Verdict:
    name = f"input.{kind}"
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit_s)
    t0 = time.perf_counter()
    try:
        problem = _load_and_check(kind, data, name)
        return Verdict(kind, "silent", problem) if problem else Verdict(kind, "loaded")
    except DataError as e:
        where = "/ds" if kind.startswith("dataset") else name  # a data set's problems name its folder or a file in it
        if not e.problems or not all(p.file and where in p.file for p in e.problems):
            return Verdict(kind, "crash", f"DataError without the file: {e}"[:300])
        if any(len(str(p)) > 600 for p in e.problems):
            return Verdict(kind, "crash", f"message of {max(len(str(p)) for p in e.problems)} characters")
        return Verdict(kind, "refused", "; ".join(str(p) for p in e.problems[:3]))
    except _Timeout:
        return Verdict(kind, "hang", f"over {limit_s} s")
    except RecursionError:
        return Verdict(kind, "crash", "RecursionError")
    except Exception as e:  # noqa: BLE001 - that is the finding
        return Verdict(kind, "crash", f"{type(e).__name__}: {e}"[:300])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        _ = time.perf_counter() - t0


def _load_and_check(kind: str, data: bytes, name: str) -> str | None:
    """Load; return a 'silent' problem description, or None when all is well."""
    ds = HARYANA
    if kind == "scenario":
        sc = Scenario.from_json(ds, loads(data, name), name)
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / "s.json"
            sc.save(p)
            back = Scenario.load(ds, p)
        if back.to_json() != sc.to_json():
            return "scenario: save -> load differs"
        keys = [k.lower() for k in sc.pools.keys]
        if len(set(keys)) != len(keys):
            return "scenario: pool keys that differ only in case"
        parties = set()
        for b in ds.baselines.values():
            parties.update(b.candidates["party"].unique().tolist())
        for party, _ in sc.assumptions.swing_items:
            if party not in parties:
                return f"scenario: swing for {party!r}, a party no baseline has"
        return _rules_invariants(sc.rules, ds.seats.n)
    if kind == "rules":
        doc = loads(data, name)
        sc = Scenario(ds)
        rs = rules_from_json(doc, ds.seats, sc.pools, name)
        back = rules_from_json(json.loads(json.dumps(rs.to_json())), ds.seats, sc.pools, name)
        if back.to_json() != rs.to_json():
            return "rules: to_json -> from_json differs"
        return _rules_invariants(rs, ds.seats.n)
    if kind in ("results", "results_eci"):
        b = read_results(data, name, ds.seats)
        if (b.candidates["votes"] < 0).any():
            return "results: negative votes accepted"
        return None
    if kind == "seat_list":
        t = read_seat_list(data, name)
        if len(set(t.ac_no.tolist())) != t.n or (t.ac_no <= 0).any():
            return "seat list: duplicate or non-positive seat numbers accepted"
        return None
    if kind == "assignments":
        sc = Scenario(ds)
        out = read_assignments(data, name, ds.seats, sc.pools)
        if any(v not in sc.pools.keys for v in out.values()):
            return "assignments: a pool that is not one of the scenario's"
        return None
    if kind == "geojson":
        b = boundaries_from_geojson(loads(data, name, max_bytes=200 * 2**20), ds.seats, name)
        for shape in b.shapes.values():
            for ring in shape.rings:
                if len(ring) < 4:
                    return "geojson: a ring of fewer than 4 points"
        return None
    if kind == "dataset":
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "ds"
            _write_dataset_files(folder, data)
            d = load_checked(folder)
            if d.seats.n < 1 or not d.baselines:
                return "dataset: empty data set accepted"
        return None
    if kind == "dataset_folder":
        return _check_folder(data)
    if kind == "optimiser":
        return _check_question(data)
    raise ValueError(kind)


def _rules_invariants(rs, n_seats: int) -> str | None:
    for r in rs.rules:
        for attr in ("minimum", "maximum"):
            v = getattr(r, attr, None)
            if v is not None and not 0 <= v <= n_seats:
                return f"rules: {r.id} {attr} {v} outside 0-{n_seats}"
    return None


# --- data set folders: a manifest and its files in one input --------------------------------------------
def seed_dataset_bytes(full: bool = False) -> bytes:
    """A small data set folder (12 seats) as one JSON document: file name -> text; ``full``
    adds rules, a preset (the default scenario) and boundaries."""
    from explorer.core.dataset import Dataset, SeatTable
    f = HARYANA.seats.frame[HARYANA.seats.frame.ac_no <= 12]
    seats = SeatTable(f)
    b = copy.copy(HARYANA.baselines["vs2024"])
    b.candidates = b.candidates[b.candidates.ac_no <= 12]
    extra = {}
    if full:
        extra["rules"] = {"format": "seat-share-explorer/rules", "schema_version": 1, "name": "Fuzz talks", "rules": [
            {"id": "inc-kalka", "kind": "must_have", "partner": "INC", "seats": [1], "severity": "error"},
            {"id": "aap-kurukshetra", "kind": "regional_minimum", "partner": "AAP",
             "region": {"kind": "pc", "value": "Kurukshetra"}, "minimum": 1, "severity": "error"},
            {"id": "aap-count", "kind": "seat_bounds", "partner": "AAP", "minimum": 2, "maximum": 6,
             "severity": "warning"}]}
        extra["boundaries"] = {k: v for k, v in HARYANA.boundaries.items() if k != "seats"} | {
            "seats": {k: v for k, v in HARYANA.boundaries["seats"].items() if int(k) <= 12}}
        small = Dataset(id="fuzz", name="Fuzz", seats=seats, baselines={b.id: b}, default_baseline=b.id,
                        partners=HARYANA.partners, parties=HARYANA.parties)
        sc = Scenario(small, name="Even split")
        sc.assign([1, 2, 3, 4, 5, 6], "INC")
        sc.assign([10, 11, 12], "AAP")
        extra["scenarios"] = [sc.to_json()]
        extra["default_scenario"] = "Even split"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ds"
        write_dataset(out, id="fuzz", name="Fuzz", state="Haryana", seats=seats, baselines=[b],
                      partners=HARYANA.partners, parties=HARYANA.parties, **extra)
        files = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file()}
    return json.dumps(files).encode("utf-8")


def _write_dataset_files(folder: Path, data: bytes) -> None:
    try:
        files = json.loads(data.decode("utf-8", "surrogatepass"))
    except (ValueError, UnicodeDecodeError):
        raise DataError([__import__("explorer.core.errors", fromlist=["Problem"]).Problem(
            "input.dataset", None, None, "not a folder description")]) from None
    folder.mkdir(parents=True)
    if not isinstance(files, dict):
        return
    for rel, text in files.items():
        if not isinstance(rel, str) or not isinstance(text, str) or ".." in rel or rel.startswith("/") or not rel:
            continue
        p = folder / rel
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(text.encode("utf-8", "surrogatepass"))
        except (OSError, ValueError):
            continue


# --- generating inputs ----------------------------------------------------------------------------------
_SEEDS: dict = {}


def seeds() -> dict:
    if not _SEEDS:
        _SEEDS.update({"scenario": seed_scenario(), "rules": seed_rules(), "results": seed_results(False),
                       "results_eci": seed_results(True), "seat_list": seed_seat_list(),
                       "assignments": seed_assignments(), "geojson": seed_geojson(),
                       "dataset": seed_dataset_bytes(), "dataset_folder": json.dumps(
                           {"files": json.loads(seed_dataset_bytes(full=True)), "refuse": None}).encode("utf-8"),
                       "optimiser": seed_question()})
    return _SEEDS


def generate(rng: random.Random, kind: str) -> bytes:
    s = seeds()[kind]
    if kind in ("scenario", "rules", "geojson"):
        return to_bytes(rng, mutate_json(rng, s))
    if kind == "dataset_folder":
        return generate_folder(rng, json.loads(s)["files"])
    if kind == "optimiser":
        return generate_question(rng)
    if kind == "dataset":
        files = json.loads(s)
        target = rng.choice(sorted(files))
        if target.endswith(".json"):
            files[target] = json.dumps(mutate_json(rng, json.loads(files[target])), ensure_ascii=False)
        else:
            files[target] = mutate_bytes(rng, files[target].encode("utf-8")).decode("utf-8", "replace")
        return json.dumps(files).encode("utf-8")
    return mutate_bytes(rng, s)


def run(n: int, seed: int = 0, kinds=KINDS, limit_s: float = 5.0, progress=None) -> Tally:
    rng = random.Random(seed)
    tally = Tally()
    for k in range(n):
        kind = kinds[k % len(kinds)]
        v = judge(kind, generate(rng, kind), limit_s)
        tally.add(v)
        if progress and (k + 1) % 500 == 0:
            progress(tally)
    return tally


# --- data set folders as folders: manifest fields, file names, sizes, links, pipes, presets, parties ---------
# An input describes a folder: {"files": {name: text | {"link": target} | {"sparse": bytes} | {"fifo": 1} |
# {"dir": 1}}, "refuse": why} — "refuse" when the folder must be refused whatever else holds (a named file
# linked outside the folder or to a device, over its size bound, a pipe, ...): loading it is then "silent".
HOSTILE_NAMES = ["ü.csv", "a b.csv", "sub/dir/x.csv", "\u202e.csv", "CON", ".hidden", "x" * 150 + ".csv",
                 "\ud800.csv", "\udc80.csv", "..csv", "a\\b.csv", "C:x.csv", "./seats.csv", "sub/../seats.csv",
                 "seats.csv/", "NUL\x00.csv", "\t.csv", "", " ", "x" * 300]
HOSTILE_FIELD_VALUES = HOSTILE_NUMBERS + HOSTILE_STRINGS + [
    [], {}, [5], ["\ud800.json"], "haryana", "jharkhand", -1, 0, 3, 2, "rules.json", "dataset.json", "seats.csv",
    "../ds/seats.csv", "scenarios", "a" * 300, ["scenarios/even_split.json", "scenarios/even_split.json"],
    [{"file": "x"}], {"file": "rules.json"}]
MANIFEST_FIELDS = ["scenarios", "rules", "boundaries", "default_scenario", "attribution", "parties", "seats",
                   "schema_version", "id", "baselines", "default_baseline", "majority", "partners", "name", "state",
                   "format", "party_colours", "party_names"]
SIZE_LIMIT = {".csv": 50 * 2**20, ".json": 20 * 2**20, ".md": 10**6}


def _named(m: dict) -> list[str]:
    """The files a manifest names (the ones the folder must be refused over)."""
    out = [m.get(k) for k in ("seats", "parties", "rules", "boundaries", "attribution", "default_scenario")]
    out += [b.get("file") for b in m.get("baselines", []) if isinstance(b, dict)]
    out += list(m.get("scenarios", []) if isinstance(m.get("scenarios"), list) else [])
    return [x for x in out if isinstance(x, str) and x]


def generate_folder(rng: random.Random, files: dict) -> bytes:
    files = dict(files)
    m = json.loads(files["dataset.json"])
    refuse = None
    named = _named(m)
    op = rng.randrange(9)
    if op == 0:  # a manifest field with a hostile value
        for _ in range(rng.randint(1, 3)):
            m[rng.choice(MANIFEST_FIELDS)] = copy.deepcopy(rng.choice(HOSTILE_FIELD_VALUES))
    elif op == 1:  # the default scenario pointing elsewhere
        m["default_scenario"] = rng.choice(["rules.json", "seats.csv", "dataset.json", "missing.json",
                                            "./scenarios/even_split.json", "scenarios//even_split.json",
                                            "boundaries.json", "ATTRIBUTION.md"])
        if m["default_scenario"] in ("rules.json", "seats.csv", "dataset.json", "missing.json", "boundaries.json",
                                     "ATTRIBUTION.md"):
            refuse = "a default scenario that is not a listed preset"
    elif op == 2:  # a file under a hostile name, the manifest following it
        old = rng.choice(named)
        new = rng.choice(HOSTILE_NAMES)
        files[new] = files.pop(old, "")
        text = json.dumps(m)
        m = json.loads(text.replace(json.dumps(old), json.dumps(new)))
    elif op == 3:  # a named file far over its size bound (sparse: nothing of it on disk)
        rel = rng.choice(named)
        files[rel] = {"sparse": rng.choice([SIZE_LIMIT.get(Path(rel).suffix, 50 * 2**20) + 4096, 2**30])}
        refuse = "a file over its size bound"
    elif op == 4:  # a named file that is a link
        rel = rng.choice(named)
        target = rng.choice(["@zero", "@outside", "@self", "missing.csv", rel, "seats.csv", "@loop"])
        files[rel] = {"link": target}
        if target in ("@zero", "@outside", "@self", "missing.csv", rel, "@loop"):
            refuse = f"a link to {target}"
    elif op == 5:  # presets: mutated, named twice, or made for another data set
        preset = json.loads(files["scenarios/even_split.json"])
        how = rng.randrange(3)
        if how == 0:
            files["scenarios/even_split.json"] = json.dumps(mutate_json(rng, preset), ensure_ascii=False)
        elif how == 1:
            files["scenarios/twin.json"] = json.dumps(preset)
            m["scenarios"] = m["scenarios"] + ["scenarios/twin.json"]
            refuse = "two presets of one name"
        else:
            files["scenarios/even_split.json"] = json.dumps(preset | {"dataset": rng.choice(["haryana", "other", 5])})
            refuse = "a preset of another data set"
    elif op == 6:  # the party table
        how = rng.randrange(4)
        if how == 0:
            files["parties.csv"] = mutate_bytes(rng, files["parties.csv"].encode("utf-8")).decode("utf-8", "replace")
        elif how == 1:
            files["parties.csv"] += 'BIG,"' + "x" * 140_000 + '",#123456,\n'
            refuse = "a field over csv's limit"
        elif how == 2:
            files["parties.csv"] += "AAP,Again,#123456,\n"
            refuse = "a party listed twice"
        else:
            files["parties.csv"] += "ZZZ,Extra,#123456,,surplus,fields\n"
    elif op == 7 and hasattr(__import__("os"), "mkfifo"):  # a pipe where a file goes: never blocks
        files[rng.choice(named)] = {"fifo": 1}
        refuse = "a pipe"
    else:  # a folder where a file goes, or a file's content mutated
        rel = rng.choice(named)
        if rng.random() < 0.3:
            files[rel] = {"dir": 1}
            refuse = "a folder where a file goes"
        elif isinstance(files.get(rel), str):
            files[rel] = mutate_bytes(rng, files[rel].encode("utf-8")).decode("utf-8", "replace")
    files["dataset.json"] = json.dumps(m, ensure_ascii=rng.random() < 0.5)
    return json.dumps({"files": files, "refuse": refuse}).encode("utf-8")


def _make_folder(folder: Path, files: dict, outside: Path) -> None:
    import os
    folder.mkdir(parents=True)
    outside.write_text("{}", encoding="utf-8")
    for rel, spec in files.items():
        if not isinstance(rel, str) or not rel or ".." in Path(rel).parts or rel.startswith(("/", "\\")):
            continue
        p = folder / rel
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(spec, str):
                p.write_bytes(spec.encode("utf-8", "surrogatepass"))
            elif "link" in spec:
                target = {"@zero": os.devnull if os.name != "posix" else "/dev/zero", "@outside": str(outside),
                          "@self": str(folder), "@loop": p.name}.get(spec["link"], spec["link"])
                os.symlink(target, p)
            elif "sparse" in spec:
                with open(p, "wb") as f:
                    f.truncate(spec["sparse"])
            elif "fifo" in spec:
                os.mkfifo(p)
            elif "dir" in spec:
                p.mkdir()
        except (OSError, ValueError, NotImplementedError):
            continue


def _check_folder(data: bytes) -> str | None:
    import contextlib
    from explorer.cli import main
    desc = json.loads(data)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ds"
        _make_folder(folder, desc["files"], Path(tmp) / "outside.json")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
            rc = main(["dataset", "check", str(folder)])  # the command line never shows another exception
        if rc not in (0, 2) or "Traceback" in err.getvalue():
            return f"dataset check exited {rc}: {err.getvalue()[:200]}"
        d = load_checked(folder)  # a DataError here is the verdict "refused"
        if rc != 0:
            return "dataset check refused what loads"
        if desc.get("refuse"):
            return f"dataset_folder: loaded despite {desc['refuse']}"
        if any("/ds" not in w.file for w in d.warnings):
            return "dataset_folder: a warning that names no file of the folder"
# --- optimiser questions: rules, bounds, locks, fight pairs and time limits put to ``optimise`` ----------
CLOCK_SLACK_S: float | None = None   # tools/fuzz.py: an answer later than its time limit + this is a finding
QUESTION_PARTNERS = ("AAP,INC", "AAP,INC", "AAP,INC,JJP", "AAP,INC,INLD,BSP")
TIME_LIMITS = ["0.05", "0.2", "0.5", "1", "1.5", "0", "-1", "nan", "inf", "1e-9", "abc", "", "2", "-inf", "1e-300"]


def seed_question() -> bytes:
    """A question as one JSON document: the rules file and the other arguments of ``optimise``."""
    return json.dumps({"rules": seed_rules(), "args": ["--draws", "200", "--time-limit", "1",
                                                       "--soft", "hooda-nominees"]}).encode("utf-8")


def _question_rule(rng: random.Random, k: int, codes: list[str], hostile: bool) -> dict:
    """One rule the optimiser holds; ``hostile``: now and then a bad partner, seat or number."""
    seats = HARYANA.seats
    bad = (lambda p=0.15: hostile and rng.random() < p)  # noqa: E731
    partner = rng.choice(["XYZ", "aap", ""]) if bad() else rng.choice(codes)
    kind = rng.choice(["must_have", "faction_claim", "regional_minimum", "seat_bounds", "seat_bounds"])
    r = {"id": f"r{k}", "kind": kind, "partner": partner, "severity": rng.choice(["error", "error", "warning"])}
    if kind in ("must_have", "faction_claim"):
        r["seats"] = rng.sample(range(1, seats.n + 1), rng.randint(1, 4))
        if bad():
            r["seats"].append(rng.choice(HOSTILE_NUMBERS))
        if kind == "faction_claim":
            r["faction"] = rng.choice(["Hooda camp", "F"])
        if rng.random() < 0.2:
            r["rebel"] = rng.choice([1.5, -1, "x"]) if bad(0.5) else rng.choice([0.1, 0.2, 0.3])
    elif kind == "regional_minimum":
        rk = rng.choice(["pc", "district"])
        vals = sorted(set(seats.frame["pc_name" if rk == "pc" else "district"]))
        r["region"] = {"kind": rk, "value": "Nowhere" if bad() else rng.choice(vals)}
        r["minimum"] = rng.choice(HOSTILE_NUMBERS) if bad() else rng.choice([0, 1, 2, 3, 5, 9, 40])
    else:
        lo, hi = sorted(rng.sample([0, 1, 5, 10, 20, 30, 45, 60, 80, 89, 90], 2))
        if bad():
            lo, hi = rng.choice(HOSTILE_NUMBERS), rng.choice(HOSTILE_NUMBERS)
        if rng.random() < 0.8:
            r["minimum"] = lo
        if rng.random() < 0.8 or "minimum" not in r:
            r["maximum"] = hi
    return r


def generate_question(rng: random.Random) -> bytes:
    """A random optimiser question: a rules file (a few rules, now and then thousands, of every
    kind the optimiser holds) and the other arguments (partners, locks, soft costs, friendly
    fights, fight pairs, objective, frontier, rebels, draws, time limit); one question in four
    is hostile (bad partners, seats, numbers, costs, time limits; a mutated rules file)."""
    hostile = rng.random() < 0.25
    bad = (lambda p=0.3: hostile and rng.random() < p)  # noqa: E731
    partners = rng.choice(QUESTION_PARTNERS)
    codes = partners.split(",")
    n = rng.choice([0, 1, 2, 3, 4, 6, 8]) if rng.random() < 0.95 else rng.choice([200, 1000, 3000])
    rules = [_question_rule(rng, k, codes, hostile) for k in range(n)]
    args = ["--partners", partners, "--draws",
            rng.choice(["1000", "0", "-5", "x"]) if bad(0.1) else rng.choice(["50", "100", "200", "400"])]
    args += ["--time-limit", rng.choice(TIME_LIMITS) if bad() else rng.choice(["0.05", "0.2", "0.5", "1", "1.5"])]
    if rules and rng.random() < 0.5:
        for r in rng.sample(rules, min(len(rules), rng.randint(1, 3))):
            args += ["--soft", r["id"] + (rng.choice(["=-1", "=nan", "=x"]) if bad() else rng.choice(["", "=0", "=0.5"]))]
    if rng.random() < 0.3:
        args += ["--lock", ",".join(str(rng.choice([0, 91, "Nowhere"]) if bad() else rng.choice([rng.randint(1, 90), "Jind"]))
                                    for _ in range(rng.randint(1, 4)))]
    if rng.random() < 0.4:
        args += ["--friendly", rng.choice(["0", "x"]) if bad() else rng.choice(["all", "none", "16,36", "1,2,3,4,5"])]
        if rng.random() < 0.6:
            args += ["--fight-pairs", rng.choice(["AAP+XYZ", "AAP", "+"]) if bad() else
                     rng.choice(["all", "none", "AAP+INC", "AAP+JJP", "INC+INLD,AAP+BSP", "AAP+INC+JJP"])]
    if rng.random() < 0.2:
        args += ["--objective", "majority"]
    if rng.random() < 0.25:
        args += ["--frontier", ("XYZ" if bad() else rng.choice(codes)) +
                 (rng.choice(["=5-3", "=0-100", "=x"]) if bad() else rng.choice(["", "=0-5", "=80-90"]))]
    if rng.random() < 0.15:
        args += ["--compare"]
    if rules and rng.random() < 0.15:
        args += ["--rebel", rng.choice([r["id"] for r in rules]) + (rng.choice(["=2", "=x"]) if bad() else "=0.3")]
    doc = {"rules": {"format": "seat-share-explorer/rules", "schema_version": 1, "name": "fuzz", "rules": rules},
           "args": args}
    if bad(0.2):
        doc["rules"] = mutate_json(rng, doc["rules"])
    return json.dumps(doc).encode("utf-8", "surrogatepass")


def _check_question(data: bytes) -> str | None:
    """Put the question to ``optimise --json`` in this process: it must answer (exit 0, one JSON
    object that keeps its invariants) or refuse with one line (exit 2, ``explorer: error: ...``)."""
    import contextlib
    import math
    from explorer.cli import main
    doc = json.loads(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rules.json"
        path.write_text(json.dumps(doc["rules"]), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(["optimise", "--rules", str(path), "--json", *doc["args"]])
        took = time.perf_counter() - t0
    if rc == 2:
        # warnings (a rule that can never be kept, ...) may come first: they are not the refusal
        msg = "".join(ln for ln in err.getvalue().splitlines(keepends=True) if not ln.startswith("explorer: warning: "))
        if not msg.startswith("explorer: error: ") or len(msg) > 3000 or out.getvalue():
            return f"refusal not one located line: {msg[:200]!r}"
        # refused with its reason: judged as a located refusal (the question itself is the input)
        raise DataError(Problem("input.optimiser", None, None, msg.strip()[len("explorer: error: "):]))
    if rc != 0:
        return f"exit {rc}: {err.getvalue()[:200]}"
    d = json.loads(out.getvalue())
    if d["status"] not in ("optimal", "infeasible", "time_limit"):
        return f"status {d['status']!r}"
    if bool(d["stopped"]) != d["stopped_at_time_limit"] or bool(d["not_done"]) != d["stopped_at_time_limit"]:
        return "stopped, stopped_at_time_limit and not_done disagree"
    assigned = sorted(a for seats in d["assignments"].values() for a in seats)
    if assigned and assigned != sorted(int(a) for a in HARYANA.seats.ac_no):
        return "the proposal does not put every seat in exactly one pool"
    if d["expected_alliance"] is None and d["status"] != "infeasible" and not d["stopped_at_time_limit"]:
        return "no split, not infeasible, and not stopped"
    if d["expected_alliance"] is not None and not 0 <= d["expected_alliance"] <= HARYANA.seats.n:
        return f"expected seats {d['expected_alliance']}"
    if d["status"] == "infeasible" and not d["conflicting_rules"]:
        return "infeasible without a conflicting set"
    limit = float(d["time_limit_s"])
    if CLOCK_SLACK_S is not None and math.isfinite(limit) and took > limit + CLOCK_SLACK_S:
        return f"answered after {took:.2f} s for a time limit of {limit:g} s"
    return None
