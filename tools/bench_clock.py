"""Benchmark: the optimiser's time limit bounds the whole question (issue 27 item 3).

Runs the issue's cases through the command line (``python -m explorer optimise --json``, one
process each) and prints, per case, the wall time against the time limit, what the answer was,
where it stopped and the peak memory:

    clock case=… limit_s=… wall_s=… over_s=… status=… stopped=… peak_mb=…

then the cost growth of the two parts the time goes to, measured in process:

    growth simulate … ns per cell (seats x pool variants x draws)
    growth solve …  (seats x allowed choices)

(``in_clock_s``: from the command's start of work to its answer, as its JSON says; the rest of
``wall_s`` is the start-up) and the fixed cost outside the clock (the interpreter and the imports, before the command reads
its data set), with a reference workload timed in the same run (``reference_ms``) so that runs
on a loaded machine compare.

The 543-seat data set with 45 parties (40 of them partners) is synthetic: random votes, for
timing only, built with the app's own ``dataset build`` code in a temporary folder.

    python tools/bench_clock.py [--quick]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.bench_core import reference_ms  # noqa: E402

RUN = ("import resource, sys\n"
       "from explorer.cli import main\n"
       "rc = main(sys.argv[1:])\n"
       "print('maxrss_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
       "sys.exit(rc)\n")


def synthetic_543(folder: Path, n_parties: int = 45, n_partners: int = 40, seed: int = 5) -> tuple[Path, list[str]]:
    """543 seats, 12 of 45 parties standing in each (random votes), built as a data set folder."""
    from explorer.core.dataset_io import build_dataset
    rng = np.random.default_rng(seed)
    codes = [f"P{k:02d}" for k in range(1, n_parties + 1)]
    src = folder / "src"
    src.mkdir()
    with (src / "seats.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["ac_no", "name", "district", "pc", "reserved"])
        for i in range(1, 544):
            w.writerow([i, f"SEAT {i}", f"State {i % 36}", f"SEAT {i}", "GEN"])
    with (src / "results.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["ac_no", "candidate", "party", "votes"])
        for i in range(1, 544):
            for p in rng.choice(codes, size=12, replace=False):
                w.writerow([i, f"C {i} {p}", p, int(rng.integers(1000, 500000))])
    out = folder / "ls40"
    build_dataset(out, name="543 seats, 45 parties (synthetic)", seats_file=src / "seats.csv",
                  results=[("ls2024", str(src / "results.csv"))], partners=",".join(codes[:n_partners]))
    return out, codes[:n_partners]


def rules_file(path: Path, rules: list[dict]) -> Path:
    path.write_text(json.dumps({"format": "seat-share-explorer/rules", "schema_version": 1, "name": "bench",
                                "rules": rules}), encoding="utf-8")
    return path


def bounds_and_minimums(codes: list[str]) -> list[dict]:
    """Per partner a seat bound (5-25) and a regional minimum (2 in a state): 80 rules, each priced."""
    return ([{"id": f"b-{c}", "kind": "seat_bounds", "partner": c, "minimum": 5, "maximum": 25, "severity": "error"}
             for c in codes] +
            [{"id": f"r-{c}", "kind": "regional_minimum", "partner": c, "minimum": 2, "severity": "error",
              "region": {"kind": "district", "value": f"State {k % 36}"}} for k, c in enumerate(codes)])


def must_haves(n: int, clash: bool, seed: int = 3) -> list[dict]:
    """n must-have rules on Haryana's 90 seats: a random partner each (clash: they conflict), or
    AAP / INC by seat (they all hold)."""
    rng = np.random.default_rng(seed)
    seats = rng.integers(1, 91, size=n)
    return [{"id": f"m{k}", "kind": "must_have", "severity": "error", "seats": [int(s)],
             "partner": ("AAP", "INC")[int(rng.integers(0, 2))] if clash else ("AAP", "INC")[int(s) % 3 == 0]}
            for k, s in enumerate(seats)]


def case(label: str, limit: float, args: list[str]) -> str:
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", RUN, "optimise", "--json", "--time-limit", f"{limit:g}", *args],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - t0
    rss = next((int(line.split()[1]) for line in p.stderr.splitlines() if line.startswith("maxrss_kb")), 0)
    if p.returncode == 0:
        d = json.loads(p.stdout)
        status, stopped = d["status"], d["stopped"] or "-"
        in_clock = d.get("elapsed_ms", float("nan")) / 1e3
        if d["expected_alliance"] is not None:
            status += f" ({d['expected_alliance']:.1f} expected seats)"
    else:
        status, stopped = f"refused (exit {p.returncode})", p.stderr.splitlines()[0][:160] if p.stderr else ""
        in_clock = float("nan")
    line = (f"clock case={label} limit_s={limit:g} wall_s={wall:.2f} over_s={wall - limit:+.2f} "
            f"in_clock_s={in_clock:.2f} status={status} "
            f"stopped={stopped!r} peak_mb={rss / 1024:.0f}")
    print(line, flush=True)
    return line


def growth(ds_path: Path) -> None:
    """Simulation time per cell (seats x pool variants x draws), and one solve against its size."""
    from explorer.core import optimise as O
    from explorer.core.dataset_io import load_dataset, load_embedded
    from explorer.core.scenario import Scenario
    ds543 = load_dataset(ds_path)
    for label, ds, n_partners, kw in (
            ("90 seats x 2 partners", load_embedded(), 2, {}),
            ("543 x 8 partners", ds543, 8, {}),
            ("543 x 8 partners, fights of every pair", ds543, 8, {"friendly": "all", "fight_pairs": "all"}),
            ("543 x 40 partners", ds543, 40, {})):
        sc = Scenario(ds, tuple(ds.partners[:n_partners]))
        t0 = time.perf_counter()
        opt = O.Optimiser(ds, sc, None, 4000, **kw)
        prep = time.perf_counter() - t0
        t = opt.table
        V = len(t.projector.variant_masks)
        cells = V * t.n_seats * t.draws
        t0 = time.perf_counter()
        r = opt.optimise(prices=False)
        solve = time.perf_counter() - t0
        choices = int(t.allowed.sum())
        loop = t.variant_ms * V / 1e3
        print(f"growth {label}: simulate {t.n_seats} seats x {V} variants x {t.draws:,} draws = {cells / 1e6:.0f} M cells "
              f"in {prep:.2f} s ({loop / cells * 1e9:.0f} ns a cell drawing the variants, {prep - loop:.2f} s fixed: "
              f"fitted sizes, noise bank, projection); solve {choices:,} choices in {solve:.2f} s ({r.status})",
              flush=True)


def startup() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import explorer.cli, explorer.core.optimise, highspy"], cwd=ROOT, check=True)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="the issue's cases only, no growth figures")
    args = ap.parse_args()
    ref0 = reference_ms()
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ds, codes = synthetic_543(tmp)
        r80 = rules_file(tmp / "r80.json", bounds_and_minimums(codes))
        clash = rules_file(tmp / "clash.json", must_haves(20_000, True))
        hold = rules_file(tmp / "hold.json", must_haves(20_000, False))
        print(f"start-up outside the clock (interpreter and imports): {startup():.2f} s", flush=True)
        lines.append(case("543x40,80rules", 5, ["--dataset", str(ds), "--rules", str(r80)]))
        lines.append(case("543x40,fights-all-pairs", 2, ["--dataset", str(ds), "--friendly", "all",
                                                         "--fight-pairs", "all"]))
        lines.append(case("543x8,fights-all-pairs", 2, ["--dataset", str(ds), "--partners", ",".join(codes[:8]),
                                                        "--friendly", "all", "--fight-pairs", "all"]))
        lines.append(case("543x8,fights-all-pairs,frontier", 10, [
            "--dataset", str(ds), "--partners", ",".join(codes[:8]), "--friendly", "all", "--fight-pairs", "all",
            "--frontier", codes[0]]))
        lines.append(case("90,20000-must-haves-clashing", 5, ["--rules", str(clash)]))
        lines.append(case("90,20000-must-haves-holding", 5, ["--rules", str(hold)]))
        lines.append(case("90,default,compare", 0.5, ["--soft", "hooda-nominees", "--compare", "--frontier", "AAP"]))
        if not args.quick:
            growth(ds)
    ref1 = reference_ms()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"reference_ms start={ref0:.1f} end={ref1:.1f} (a fixed workload; load average {load:.1f} on "
          f"{os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
