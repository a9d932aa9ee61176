"""Benchmark: one recompute (projection + conflicts) after a single-seat move.

Measures the real 90-seat Haryana data and a synthetic 5,000-seat data set (random
candidates, for timing only; never shown as data). Prints median and p95, and the cost of
an assumption change (which recomputes every seat's outcomes). Then a 543-seat data set in the
Lok Sabha shape with 8 partners (synthetic, written as ECI-shaped files and built with the app's
own `dataset build` code): build and load time, and recompute p95. Last lines:
    dataset_543 build_s=… load_s=… recompute_p95_ms=… (8 partners)
    sim_ms move_p95@90=… full@90=… full@543=… (10,000 draws)
    optimise_ms p95@90=… @543=… frontier0-20@90=… pairs@543=… (the solve; the simulation it needs apart)
    core_recompute_ms p95@90=… p95@5000=…
On a shared, loaded machine a fixed reference workload is timed in the same run (``reference_ms``)
so that figures from different runs can be compared.
"""
from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer.core.assumptions import Assumptions  # noqa: E402
from explorer.core.dataset import SEAT_COLUMNS, Baseline, Dataset, SeatTable  # noqa: E402
from explorer.core.dataset_io import load_embedded  # noqa: E402
from explorer.core.engine import Engine  # noqa: E402
from explorer.core.rules import FactionClaim, MustHave, RegionalMinimum, RuleSet, SeatBounds, SplitVoteRisk  # noqa: E402
from explorer.core.scenario import Scenario, default_rules, scenario_from_preset  # noqa: E402


def synthetic(n: int, seed: int = 7) -> Dataset:
    rng = np.random.default_rng(seed)
    seats = pd.DataFrame({"ac_no": np.arange(1, n + 1), "name": [f"Seat {i}" for i in range(1, n + 1)],
                          "district": [f"D{i % 300}" for i in range(n)], "pc_no": np.arange(n) // 9 + 1,
                          "pc_name": [f"PC{i // 9}" for i in range(n)],
                          "reserved": np.where(rng.random(n) < 0.2, "SC", "GEN"),
                          "label_lat": np.nan, "label_lon": np.nan})[SEAT_COLUMNS]
    rows = []
    parties = ["BJP", "INC", "AAP", "JJP", "INLD", "BSP"]
    for ac in range(1, n + 1):
        for p in parties:
            rows.append((ac, f"{p} {ac}", p, int(rng.integers(100, 60000))))
        for k in range(int(rng.integers(0, 8))):
            rows.append((ac, f"Ind {ac}.{k}", "IND", int(rng.integers(10, 5000))))
    cands = pd.DataFrame(rows, columns=["ac_no", "candidate", "party", "votes"])
    return Dataset("synthetic", "synthetic", SeatTable(seats), {"b": Baseline("b", "b", cands)}, "b")


ECI_NAMES = ["Bharatiya Janata Party", "Indian National Congress", "Samajwadi Party", "All India Trinamool Congress",
             "Dravida Munnetra Kazhagam", "Telugu Desam", "Janata Dal (United)", "Shiv Sena (Uddhav Balasaheb Thackeray)",
             "Nationalist Congress Party – Sharadchandra Pawar", "Rashtriya Janata Dal", "Bahujan Samaj Party",
             "Communist Party of India (Marxist)"]
PARTNERS_8 = "INC,SP,AITC,DMK,SS(UBT),NCP(SP),RJD,CPI(M)"


def lok_sabha_shape(folder: Path, n: int = 543, seed: int = 11) -> tuple[Path, Path]:
    """A seat list and an ECI-shaped results file (evm + postal, full party names, NOTA,
    independents) of n seats: random votes, for timing only."""
    import csv
    rng = np.random.default_rng(seed)
    seats = folder / "seats.csv"
    with seats.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["ac_no", "name", "district", "pc", "reserved"])
        for i in range(1, n + 1):
            w.writerow([i, f"SEAT {i}", f"State {i % 36}", f"SEAT {i}", ["GEN", "SC", "ST"][int(rng.integers(0, 3))]])
    results = folder / "results.csv"
    with results.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["constituency_no", "serial_no", "candidate", "party", "evm_votes", "postal_votes"])
        for i in range(1, n + 1):
            k = 1
            for p in rng.choice(ECI_NAMES, size=8, replace=False):
                w.writerow([i, k, f"CANDIDATE {i}.{k}", p, int(rng.integers(1000, 500000)), int(rng.integers(0, 3000))])
                k += 1
            for _ in range(int(rng.integers(2, 12))):
                w.writerow([i, k, f"IND {i}.{k}", "Independent", int(rng.integers(100, 20000)), 0])
                k += 1
            w.writerow([i, k, "NOTA", "None of the Above", int(rng.integers(1000, 20000)), 0])
    return seats, results


def bench_543() -> str:
    import tempfile
    from explorer.core.dataset_io import build_dataset, load_dataset
    with tempfile.TemporaryDirectory() as tmp:
        seats, results = lok_sabha_shape(Path(tmp))
        t0 = time.perf_counter()
        build_dataset(Path(tmp) / "ls", name="Lok Sabha (synthetic)", seats_file=seats,
                      results=[("ls2024", str(results))], partners=PARTNERS_8)
        build_s = time.perf_counter() - t0
        loads = []
        for _ in range(3):
            t0 = time.perf_counter()
            ds = load_dataset(Path(tmp) / "ls")
            loads.append(time.perf_counter() - t0)
    sc = Scenario(ds)
    sc.assign_all("contested")
    times, rebuild = bench(ds, sc, 1000, transfer=("INC", "SP"))
    p95 = report("543 seats, 8 partners (synthetic Lok Sabha shape)", times, rebuild)
    return (f"dataset_543 build_s={build_s:.2f} load_s={statistics.median(loads):.2f} "
            f"recompute_p95_ms={p95:.3f} (8 partners)"), ds, sc


def bench_sim(ds90, sc90, ds543, sc543) -> str:
    """10,000 draws: a seat move (only that seat redrawn), and a full recompute after an
    assumption change (the noise bank reused: it is drawn once per data set)."""
    from explorer.core import uncertainty as U
    out = {}
    for label, ds, sc, transfer in (("90", ds90, sc90, ("AAP", "INC")), ("543", ds543, sc543, ("INC", "SP"))):
        params, _ = U.params_for(ds)
        eng = Engine(ds)
        t0 = time.perf_counter()
        sim = U.Simulator(eng.evaluate(sc).projector, ds, params, 10_000)
        bank_s = time.perf_counter() - t0
        sim.run(sc.pool, ds.majority)
        full = []
        for k in range(7):
            sc.set_assumptions(sc.assumptions.with_transfer(*transfer, 0.6 + k / 20))
            t0 = time.perf_counter()
            pj = eng.evaluate(sc).projector
            sim = U.Simulator(pj, ds, params, 10_000, bank=sim.bank)
            sim.run(sc.pool, ds.majority)
            full.append((time.perf_counter() - t0) * 1e3)
        moves = []
        rng = np.random.default_rng(3)
        pool = sc.pool.copy()
        for _ in range(200):
            i = int(rng.integers(0, ds.seats.n))
            pool[i] = int(rng.integers(0, len(sc.pools)))
            t0 = time.perf_counter()
            sim.move(pool, ds.majority)
            moves.append((time.perf_counter() - t0) * 1e3)
        out[label] = (float(np.percentile(moves, 95)), statistics.median(full), bank_s)
        print(f"simulation {label} seats, 10,000 draws: move p95 {out[label][0]:.2f} ms, full recompute median "
              f"{out[label][1]:.1f} ms; noise bank (once per data set) {bank_s * 1e3:.0f} ms")
    return (f"sim_ms move_p95@90={out['90'][0]:.2f} full@90={out['90'][1]:.1f} full@543={out['543'][1]:.1f} "
            f"(10,000 draws)")


def reference_ms() -> float:
    """A fixed workload (numpy sort and a Python loop), median of 5: how fast this machine is now."""
    x = np.random.default_rng(0).random(400_000)
    out = []
    for _ in range(5):
        t0 = time.perf_counter()
        np.sort(x)
        sum(i * i for i in range(200_000))
        out.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(out)


def bench_optimise(ds90, ds543, sc543) -> str:
    """The optimiser: complete a split (one solve, the hard rules checked by the rules engine) at 90
    seats (the 2024-talks rules, the Hooda claim soft) and at 543 seats with 8 partners (a seat
    bound per partner, a must-have, a regional minimum); the frontier of 0-20 seats at 90. The
    simulation of every seat in every pool (``prepare``) is timed apart: it is done once per
    scenario and assumptions, the solves reuse it."""
    from explorer.core import optimise as O
    sc = scenario_from_preset(ds90, "AAP's Lok Sabha leads")
    t0 = time.perf_counter()
    opt = O.Optimiser(ds90, sc, soft={"hooda-nominees": 0.0})
    prep90 = (time.perf_counter() - t0) * 1e3
    t90 = []
    for _ in range(40):
        t0 = time.perf_counter()
        r = opt.optimise(prices=False)
        t90.append((time.perf_counter() - t0) * 1e3)
    assert r.status == "optimal"
    t0 = time.perf_counter()
    r = opt.optimise()
    full90 = (time.perf_counter() - t0) * 1e3
    fr = []
    for _ in range(3):
        t0 = time.perf_counter()
        opt.frontier("AAP", range(0, 21))
        fr.append((time.perf_counter() - t0) * 1e3)
    codes = [p.code for p in sc543.pools.partners]
    sc543.rules = RuleSet("bench", tuple(SeatBounds(f"b-{c}", partner=c, minimum=20, maximum=120) for c in codes) + (
        MustHave("m", partner=codes[1], seats=(1, 2, 3)),
        RegionalMinimum("r", partner=codes[2], region_kind="district", region="State 5", minimum=3)))
    t0 = time.perf_counter()
    opt543 = O.Optimiser(ds543, sc543)
    prep543 = (time.perf_counter() - t0) * 1e3
    t543 = []
    for _ in range(8):
        t0 = time.perf_counter()
        r = opt543.optimise(prices=False)
        t543.append((time.perf_counter() - t0) * 1e3)
    assert r.status == "optimal"
    # friendly fights allowed in every seat, between all 8 partners or any pair of them (28 more choices a seat)
    t0 = time.perf_counter()
    optf = O.Optimiser(ds543, sc543, friendly="all", fight_pairs="all")
    prepf = (time.perf_counter() - t0) * 1e3
    tf = []
    for _ in range(5):
        t0 = time.perf_counter()
        r = optf.optimise(prices=False)
        tf.append((time.perf_counter() - t0) * 1e3)
    assert r.status == "optimal"
    pf = float(np.percentile(tf, 95))
    p90, p543, f = float(np.percentile(t90, 95)), float(np.percentile(t543, 95)), statistics.median(fr)
    print(f"optimise 90 seats: solve median {statistics.median(t90):.1f} ms, p95 {p90:.1f} ms; with the 4 rule "
          f"prices {full90:.0f} ms; frontier 0-20 {f:.0f} ms; simulation ({opt.draws:,} draws x 3 pools) {prep90:.0f} ms")
    print(f"optimise 543 seats, 8 partners: solve median {statistics.median(t543):.0f} ms, p95 {p543:.0f} ms; "
          f"simulation ({opt543.draws:,} draws x 9 pools) {prep543:.0f} ms")
    print(f"optimise 543 seats, 8 partners, friendly fights of all or of any pair: solve median "
          f"{statistics.median(tf):.0f} ms, p95 {pf:.0f} ms; {len(r.fights)} pair fights chosen; simulation "
          f"({optf.draws:,} draws x {len(optf.projector.variant_masks)} variants) {prepf:.0f} ms")
    return (f"optimise_ms p95@90={p90:.1f} @543={p543:.0f} frontier0-20@90={f:.0f} pairs@543={pf:.0f} "
            f"(simulation apart: {prep90:.0f} / {prep543:.0f} / {prepf:.0f} ms)")


def bench(ds: Dataset, sc: Scenario, moves: int, transfer=("AAP", "INC")) -> tuple[list[float], float]:
    eng = Engine(ds)
    eng.evaluate(sc)  # warm the caches, as after the first paint
    rng = np.random.default_rng(1)
    keys = sc.pools.keys
    seats = rng.choice(ds.seats.ac_no, size=moves)
    pools = rng.choice(len(keys), size=moves)
    times = []
    for a, p in zip(seats, pools):
        t0 = time.perf_counter()
        sc.assign([int(a)], keys[p])
        eng.evaluate(sc)
        times.append((time.perf_counter() - t0) * 1e3)
    t0 = time.perf_counter()
    for k in range(5):
        sc.set_assumptions(sc.assumptions.with_transfer(*transfer, 0.5 + k / 20))
        eng.evaluate(sc)
    rebuild = (time.perf_counter() - t0) / 5 * 1e3
    return times, rebuild


def report(label: str, times: list[float], rebuild: float) -> float:
    p95 = float(np.percentile(times, 95))
    print(f"{label}: move+recompute median {statistics.median(times):.3f} ms, p95 {p95:.3f} ms "
          f"over {len(times)} moves; assumption change (all outcomes) {rebuild:.2f} ms")
    return p95


# --- --scale: the corpus's real seats at 90 / 543 / 2,000 / 4,100 seats x 2 / 8 / 21 partners ------------
CORPUS = Path("/work/shared/data/india_assembly")
SCALE_SIZES = (90, 543, 2000, 4100)
SCALE_PARTNERS = (2, 8, 21)


def corpus_rows(corpus: Path = CORPUS) -> list[tuple[str, int, list[dict]]]:
    """The corpus's seats, one (state, year, candidate rows) a seat: every state's latest election
    (Haryana first, so that the first 90 seats are Haryana 2024), then their earlier elections, latest
    first, state by state, which make up the all-India count (the held-out states are not in the corpus:
    its latest elections hold 3,044 seats)."""
    import csv
    by_state = {}
    for f in sorted(corpus.glob("[A-Z][A-Z].csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            seats = {}
            for r in csv.DictReader(fh):
                if not r["ac_no"] or not r["votes"]:
                    continue
                seats.setdefault((int(r["year"]), int(r["ac_no"])), []).append(r)
        by_state[f.stem] = seats
    order = ["HR"] + [s for s in by_state if s != "HR"]
    years = {s: sorted({y for y, _ in by_state[s]}, reverse=True) for s in order}
    out = []
    for rank in range(max(len(v) for v in years.values())):
        for s in order:
            if rank < len(years[s]):
                y = years[s][rank]
                out.extend((s, y, rows) for (yy, _), rows in sorted(by_state[s].items()) if yy == y)
    return out


def corpus_dataset(folder: Path, n: int, rows=None) -> Dataset:
    """A data set of the corpus's first ``n`` seats (``corpus_rows``), built with the app's own
    ``dataset build`` from a seat list and a results file written here (cached in ``folder``)."""
    import csv
    from explorer.core.dataset_io import build_dataset, load_dataset
    out = folder / f"corpus-{n}"
    if (out / "dataset.json").exists():
        return load_dataset(out)
    rows = rows if rows is not None else corpus_rows()
    if len(rows) < n:
        raise SystemExit(f"the corpus holds {len(rows):,} seats, fewer than {n:,}")
    folder.mkdir(parents=True, exist_ok=True)
    seats, results = folder / f"seats-{n}.csv", folder / f"results-{n}.csv"
    with seats.open("w", newline="", encoding="utf-8") as f, results.open("w", newline="", encoding="utf-8") as g:
        ws, wr = csv.writer(f), csv.writer(g)
        ws.writerow(["ac_no", "name", "district", "pc", "reserved"])
        wr.writerow(["ac_no", "candidate", "party", "votes"])
        for i, (st, year, cands) in enumerate(rows[:n], start=1):
            c0 = cands[0]
            region = f"{st} {c0['district'] or 'district unknown'}"
            ws.writerow([i, f"{c0['ac_name']} ({st} {year} #{c0['ac_no']})", region, region, c0["reserved"] or "GEN"])
            seen = set()
            for c in cands:
                key = (c["candidate"], c["party"])
                if key not in seen:
                    seen.add(key)
                    wr.writerow([i, c["candidate"], c["party"], c["votes"]])
    build_dataset(out, name=f"India's assemblies, {n:,} seats (corpus)", seats_file=seats,
                  results=[("vs2024", str(results))], dataset_id=f"corpus-{n}", overwrite=True)
    return load_dataset(out)


def top_partners(ds: Dataset, k: int) -> list[str]:
    """The k parties with most votes in the data set's baseline, the largest one (the rival) left out."""
    from explorer.core.parties import IND, NOTA
    c = ds.baselines[ds.default_baseline].candidates
    order = c[~c["party"].isin([IND, NOTA])].groupby("party")["votes"].sum().sort_values(ascending=False).index
    return [str(p) for p in order[1:k + 1]]


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set of this process, MB (Linux /proc)."""
    cur = peak = float("nan")
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                cur = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return cur, peak


def scale_line(folder: Path, n: int, k: int, time_limit: float, optimise: bool = True) -> str:
    """One size: open (load the data set, the starting scenario, the projection), the noise bank and
    the first simulation (10,000 draws), a full re-simulation after an assumption change, the optimiser's
    whole question (Budget.whole: preparation + solve, and the gap to its bound), idle and peak RSS."""
    import gc
    from explorer.core import optimise as O
    from explorer.core import uncertainty as U
    from explorer.core.dataset_io import load_dataset, resolve_partners
    corpus_dataset(folder, n)                      # built (cached) before the clock starts
    gc.collect()
    t0 = time.perf_counter()
    ds = load_dataset(folder / f"corpus-{n}")
    codes = top_partners(ds, k)
    sc = Scenario(ds, tuple(resolve_partners(ds, codes)))
    sc.assign_all("contested")
    eng = Engine(ds)
    pj = eng.evaluate(sc).projector
    open_s = time.perf_counter() - t0
    params, _ = U.params_for(ds)
    t0 = time.perf_counter()
    sim = U.Simulator(pj, ds, params, U.DEFAULT_DRAWS)
    bank_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    sim.run(sc.pool, ds.majority)
    first_s = time.perf_counter() - t0
    # a full re-simulation: the assignment of every seat to one partner, the bank kept
    t0 = time.perf_counter()
    sc.assign_all(sc.pools.keys[0])
    pj = eng.evaluate(sc).projector
    sim = U.Simulator(pj, ds, params, U.DEFAULT_DRAWS, bank=sim.bank)
    sim.run(sc.pool, ds.majority)
    full_s = time.perf_counter() - t0
    move_ms = core_moves(ds, sc, eng, sim)
    gc.collect()
    idle, _ = rss_mb()
    opt = "optimise skipped"
    if optimise:
        del sim
        gc.collect()
        sc.assign_all("contested")
        t0 = time.perf_counter()
        try:
            o = O.Optimiser(ds, sc, budget=O.Budget.whole(time_limit))
            prep_s = time.perf_counter() - t0
            r = o.optimise(prices=False)
            total = time.perf_counter() - t0
            gap = getattr(r, "gap", None)
            opt = (f"optimise {total:.1f} s (prep {prep_s:.1f} + solve {total - prep_s:.1f}) {r.status}"
                   f" gap {'?' if gap is None else f'{gap * 100:.2f} %'} draws {o.draws if o.table else '-'}")
            if r.status != "optimal":
                opt += f" [{(r.stopped or r.note)[:100]}]"
        except (O.OutOfTime, ValueError) as e:
            total = time.perf_counter() - t0
            opt = f"optimise {total:.1f} s stopped: {str(e)[:90]}"
    _, peak = rss_mb()
    return (f"scale {n:>5} seats x {k:>2} partners: open {open_s:5.2f} s, noise bank {bank_s:5.2f} s, "
            f"first sim {first_s:5.2f} s, full re-sim {full_s:5.2f} s, move {move_ms:.2f} ms, {opt}; "
            f"RSS idle {idle:.0f} MB, peak {peak:.0f} MB")


MOVES = 200


def core_moves(ds, sc, eng, sim, moves: int = MOVES, seed: int = 1) -> float:
    """Median ms of the core's part of a one-seat move, as the window asks it (the live figures
    follow a move of up to 90 seats at 10,000 draws on the GUI thread: LiveUncertainty.MOVE_SEAT_DRAWS): the evaluation (projection and rules), the
    simulator's move, the cushion, and what the views read of the summary (the interval,
    P(majority), P(alliance) per seat, the tipping seats). The same seats and pools at every size
    that has them: seat i of a random order, to a random pool (its first moves warm up)."""
    rng = np.random.default_rng(seed)
    ac = ds.seats.ac_no
    keys = sc.pools.keys
    times = []
    for m in range(moves + 10):
        a, p = int(ac[rng.integers(0, len(ac))]), keys[int(rng.integers(0, len(keys)))]
        t0 = time.perf_counter()
        sc.assign([a], p)
        eng.evaluate(sc)
        pool = sc.pool.astype(np.int64)
        summ = sim.move(pool, ds.majority, sc.fight_masks())
        sim.cushion(sc.pool, ds.majority)
        summ.interval(summ.alliance_seats), summ.p_majority, summ.p_alliance, summ.tipping_seats(ds.seats, 12)
        if m >= 10:
            times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def _allocator_as_the_app() -> None:
    """glibc's thresholds as the app sets them (``gui.app._give_back_freed_memory``: blocks from
    1 MiB mapped apart and handed back when freed), so the idle RSS is the window's."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        libc = ctypes.CDLL(None)
        libc.mallopt(-3, 1 << 20)
        libc.mallopt(-1, 2 << 20)
    except (OSError, AttributeError):
        pass


def scale_main(argv: list[str]) -> int:
    """One child process per size (its own peak RSS), a reference before and after."""
    import argparse
    import os
    import subprocess
    ap = argparse.ArgumentParser(prog="bench_core.py --scale")
    ap.add_argument("--scale", action="store_true")
    ap.add_argument("--sizes", default=",".join(map(str, SCALE_SIZES)))
    ap.add_argument("--partners", default=",".join(map(str, SCALE_PARTNERS)))
    ap.add_argument("--time-limit", type=float, default=10.0, help="the optimiser's, for the whole question")
    ap.add_argument("--no-optimise", action="store_true")
    ap.add_argument("--folder", default=str(Path(os.environ.get("TMPDIR", "/tmp")) / "bench-core-scale"))
    ap.add_argument("--one", default=None, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    folder = Path(a.folder)
    if a.one:
        n, k = map(int, a.one.split("x"))
        _allocator_as_the_app()
        print(scale_line(folder, n, k, a.time_limit, not a.no_optimise), flush=True)
        return 0
    sizes = [int(x) for x in a.sizes.split(",")]
    rows = corpus_rows()
    for n in sizes:
        corpus_dataset(folder, n, rows)
    del rows
    ref0 = reference_ms()
    move = {}
    for n in sizes:
        for k in (int(x) for x in a.partners.split(",")):
            cmd = [sys.executable, __file__, "--scale", "--one", f"{n}x{k}", "--folder", str(folder),
                   "--time-limit", str(a.time_limit)] + (["--no-optimise"] if a.no_optimise else [])
            r = subprocess.run(cmd, check=False, stdout=subprocess.PIPE, text=True)
            print(r.stdout, end="", flush=True)
            hit = re.search(r"move ([0-9.]+) ms", r.stdout)
            if hit:
                move[(n, k)] = float(hit.group(1))
    ref1 = reference_ms()
    load = os.getloadavg()
    print(f"reference_ms start={ref0:.1f} end={ref1:.1f} (a fixed workload; load average {load[0]:.1f} on "
          f"{os.cpu_count()} cores)")
    # a move's cost against the 90-seat one of the same partners, in this run (target: flat, <= 1.2)
    ratios = [f"{n}x{k} {move[(n, k)] / move[(90, k)]:.2f}" for (n, k) in move if n != 90 and (90, k) in move]
    if ratios:
        print("move_ratio to 90 seats (the core's part of a one-seat move, median of "
              f"{MOVES}): " + ", ".join(ratios))
    return 0


def main() -> int:
    import os
    if "--scale" in sys.argv[1:]:
        return scale_main(sys.argv[1:])
    ref0 = reference_ms()
    ds = load_embedded()
    sc = Scenario(ds, assumptions=Assumptions.make("vs2019"))
    sc.rules = default_rules(ds, sc.pools)
    sc.assign_all("INC")
    p90 = report("90 seats (Haryana, 2024-talks rules)", *bench(ds, sc, 2000))

    big = synthetic(5000)
    sc = Scenario(big, assumptions=Assumptions.make("b"))
    sc.rules = RuleSet("bench", (
        FactionClaim("f", partner="INC", faction="F", seats=(1, 2, 3)), MustHave("m", partner="AAP", seats=(4,)),
        RegionalMinimum("r", partner="AAP", region_kind="pc", region="PC1", minimum=1),
        SeatBounds("b", partner="AAP", minimum=400, maximum=600), SplitVoteRisk("s")))
    sc.assign_all("contested")
    p5k = report("5,000 seats (synthetic)", *bench(big, sc, 500))
    line543, ds543, sc543 = bench_543()
    sc90 = scenario_from_preset(ds, "AAP's Lok Sabha leads")
    linesim = bench_sim(ds, sc90, ds543, sc543)
    lineopt = bench_optimise(ds, ds543, sc543)
    ref1 = reference_ms()
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"reference_ms start={ref0:.1f} end={ref1:.1f} (a fixed workload; load average {load[0]:.1f} on "
          f"{os.cpu_count()} cores)")
    print(line543)
    print(linesim)
    print(lineopt)
    print(f"core_recompute_ms p95@90={p90:.3f} p95@5000={p5k:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
