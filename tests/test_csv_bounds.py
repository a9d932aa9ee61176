"""Small CSV files that could exhaust the machine are refused quickly, in bounded memory, and
every CSV reader is linear in its input (issue: a 17.8 MB results file of a million rows in one
seat once needed 9 GB; a 100,000-row seat list took 10 s)."""
import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = textwrap.dedent("""
    import json, sys, time
    from explorer.core.dataset_io import load_embedded
    from explorer.core.errors import DataError
    from explorer.core.loaders import load_results_csv, load_seat_list_csv
    ds = load_embedded()
    with open("/proc/self/status") as f:
        before = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
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
    with open("/proc/self/status") as f:
        out["peak_mb"] = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
    out["before_mb"] = before
    print(json.dumps(out))
""")


def probe(path: Path, kind: str) -> dict:
    r = subprocess.run([sys.executable, "-c", PROBE, str(path), kind], capture_output=True, text=True,
                       timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_a_million_rows_in_one_seat_is_refused_within_5_s_and_300_mb(tmp_path):
    p = tmp_path / "one_seat.csv"
    with p.open("w") as f:
        f.write("ac_no,candidate,party,votes\n")
        for i in range(1_000_000):
            f.write(f"1,C{i},IND,{i % 1000}\n")
    assert 17_000_000 < p.stat().st_size < 18_000_000  # the 17.8 MB file
    r = probe(p, "results")
    print(f"1 M rows in one seat refused in {r['s']:.2f} s, peak {r['peak_mb']:.0f} MB "
          f"({r['before_mb']:.0f} MB before reading)")
    assert "line 302, ac_no: seat 1 has more than 300 candidates" in r["msg"]
    assert r["s"] < 5 and r["peak_mb"] - r["before_mb"] < 300


def test_seat_lists_are_linear_and_bounded(tmp_path):
    p = tmp_path / "seats.csv"
    rows = ["ac_no,name,district,pc,reserved"] + [f"{i},S{i},D{i % 40},P{i % 500},GEN" for i in range(1, 9_001)]
    p.write_text("\n".join(rows) + "\n")
    r = probe(p, "seats")
    assert r["msg"] == "loaded" and r["s"] < 2
    big = tmp_path / "million.csv"
    with big.open("w") as f:
        f.write("ac_no,name,district,pc,reserved\n")
        for i in range(1, 1_000_001):
            f.write(f"{i},S{i},D,P{i % 500},GEN\n")
    r = probe(big, "seats")
    assert "line 10002: more than 10,000 seats" in r["msg"] and r["s"] < 5
