"""Benchmark: hostile CSV files are refused quickly and in bounded memory, and the readers are
linear (issue 26 item 11: the timing moved here from tests/test_csv_bounds.py, which checks
that the bounds are enforced by counting the work done, not by the clock).

Each file is read in a fresh process (its peak RSS is its own). Prints, with a fixed reference
workload timed in the same run so that runs on a loaded machine compare:
    reference_ms …
    csv one_seat_1M refused_s=… peak_mb=+… (target 5 s, 300 MB; the issue's 17.8 MB file)
    csv seats_9000 load_s=… (target 2 s)
    csv seats_1M refused_s=… peak_mb=+… (target 5 s)
Exit status 1 when a figure misses its target (for a person reading it; CI does not run it).
Linux only (peak RSS from /proc).
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = textwrap.dedent("""
    import json, sys, time
    from explorer.core.dataset_io import load_embedded
    from explorer.core.errors import DataError
    from explorer.core.loaders import load_results_csv, load_seat_list_csv
    ds = load_embedded()
    def hwm():
        with open("/proc/self/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
    before = hwm()
    t = time.perf_counter()
    try:
        if sys.argv[2] == "results":
            load_results_csv(sys.argv[1], ds.seats)
        else:
            load_seat_list_csv(sys.argv[1])
        out = {"msg": "loaded"}
    except DataError as e:
        out = {"msg": e.summary(3)}
    out["s"] = time.perf_counter() - t
    out["peak_mb"] = hwm() - before
    print(json.dumps(out))
""")


def probe(path: Path, kind: str) -> dict:
    r = subprocess.run([sys.executable, "-c", PROBE, str(path), kind], capture_output=True, text=True,
                       timeout=300, cwd=ROOT)
    if r.returncode:
        raise SystemExit(r.stderr)
    return json.loads(r.stdout)


def reference_ms() -> float:
    """A fixed Python workload (csv-like string splitting and int parsing), median of 5."""
    line = "1,Candidate name,PARTY,12345"
    out = []
    for _ in range(5):
        t0 = time.perf_counter()
        for i in range(200_000):
            int(line.split(",")[3]) + i
        out.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(out)


def main() -> int:
    ok = True
    print(f"reference_ms {reference_ms():.0f}")
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "one_seat.csv"
        with p.open("w") as f:
            f.write("ac_no,candidate,party,votes\n")
            for i in range(1_000_000):
                f.write(f"1,C{i},IND,{i % 1000}\n")
        r = probe(p, "results")
        assert "line 302, ac_no: seat 1 has more than 300 candidates" in r["msg"], r["msg"]
        print(f"csv one_seat_1M refused_s={r['s']:.2f} peak_mb=+{r['peak_mb']:.0f} "
              f"(target 5 s, 300 MB; {p.stat().st_size / 1e6:.1f} MB file)")
        ok &= r["s"] < 5 and r["peak_mb"] < 300

        p = Path(tmp) / "seats.csv"
        p.write_text("ac_no,name,district,pc,reserved\n"
                     + "".join(f"{i},S{i},D{i % 40},P{i % 500},GEN\n" for i in range(1, 9_001)))
        r = probe(p, "seats")
        assert r["msg"] == "loaded", r["msg"]
        print(f"csv seats_9000 load_s={r['s']:.2f} (target 2 s)")
        ok &= r["s"] < 2

        p = Path(tmp) / "million.csv"
        with p.open("w") as f:
            f.write("ac_no,name,district,pc,reserved\n")
            for i in range(1, 1_000_001):
                f.write(f"{i},S{i},D,P{i % 500},GEN\n")
        r = probe(p, "seats")
        assert "line 10002: more than 10,000 seats" in r["msg"], r["msg"]
        print(f"csv seats_1M refused_s={r['s']:.2f} peak_mb=+{r['peak_mb']:.0f} (target 5 s)")
        ok &= r["s"] < 5
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
