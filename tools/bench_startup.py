"""Benchmark: bundle size (MiB), cold start to first painted window (median of 5, offscreen) for the
frozen app and from source, and idle RSS. Build first (tools/build_and_smoke.sh). Last line:
    startup_s frozen=… source=… bundle_mb=… rss_mb=…

--pair [N] (issue 12): the frozen app against a bare onedir reference (tools/bare_reference.py: a
QMainWindow with a 90×10 table, four lists and one matplotlib chart, importing pandas), built once
with the same PyInstaller (the build venv's, $BUILD_VENV or .build-venv; kept in its
bare-reference/ folder and rebuilt when the script or PyInstaller changes). N pairs (default 6) of
cold starts, alternating which goes first; start_ratio is the median of the pairs' ratios
frozen/bare. rss_mb is the frozen app's idle RSS (median) with a synthetic 543-seat, 8-partner data
set open (tools/bench_core.py's Lok Sabha shape, passed as the app's argument). Last line:
    start_ratio=… bundle_mib=… bare_bundle_mib=… rss_mb=…
"""
from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(os.environ.get("BUILD_VENV", ROOT / ".build-venv"))
if not VENV.is_absolute():
    VENV = ROOT / VENV
BARE_DIR = VENV / "bare-reference"
MPLCONFIG = Path(tempfile.gettempdir()) / "bench-startup-mplconfig"  # one font cache, built by the warm-ups
EXE = ".exe" if os.name == "nt" else ""
FROZEN = ROOT / "dist" / "SeatShareExplorer" / ("SeatShareExplorer.exe" if os.name == "nt" else "SeatShareExplorer")


def drop_caches() -> bool:
    """Empty the page cache (root on Linux), so a start reads the app from disk: truly cold."""
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


def probe(cmd: list[str], cold: bool = False, seats: int | None = None) -> tuple[float, int]:
    """Seconds from process start to the window's first paint, and idle RSS in MB. With seats,
    the scenario in front must have that many (the app prints front_seats)."""
    if cold:
        drop_caches()
    data_dir = tempfile.mkdtemp(prefix="startup-")
    # from source: this worktree's explorer, not whichever one the interpreter has installed
    # settings (Open recent) too go to the temporary folder: the user's own stay as they are
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SEAT_SHARE_DATA_DIR=data_dir, XDG_CONFIG_HOME=data_dir,
               PYTHONPATH=str(ROOT), MPLCONFIGDIR=str(MPLCONFIG))
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd + ["--startup-probe"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                         env=env, cwd=tempfile.gettempdir())
    paint, rss, front = None, 0, None
    for line in p.stdout:
        if line.startswith("first_paint") and paint is None:
            paint = time.perf_counter() - t0
        elif line.startswith("idle_rss_mb"):
            rss = int(line.split()[1])
        elif line.startswith("front_seats"):
            front = int(line.split()[1])
    p.wait(timeout=60)
    if paint is None:
        raise SystemExit(f"bench_startup: {' '.join(cmd)} never painted (exit {p.returncode})")
    if seats is not None and front != seats:
        raise SystemExit(f"bench_startup: {' '.join(cmd)} showed {front} seats, not {seats}")
    shutil.rmtree(data_dir, ignore_errors=True)
    return paint, rss


def size_mb(path: Path) -> float:
    total = 0
    for folder, _dirs, files in os.walk(path):
        for f in files:
            fp = os.path.join(folder, f)
            if not os.path.islink(fp):
                total += os.path.getsize(fp)
    return total / 2**20  # MiB, as du -m reports


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def bare_app() -> Path:
    """The bare reference, built once with the build venv's PyInstaller (its default options)."""
    script = ROOT / "tools" / "bare_reference.py"
    py = venv_python()
    if not py.exists():
        raise SystemExit(f"bench_startup: no build venv at {VENV}; run tools/build_and_smoke.sh first")
    pyi = subprocess.run([str(py), "-c", "import PyInstaller; print(PyInstaller.__version__)"],
                         capture_output=True, text=True, check=True).stdout.strip()
    key = hashlib.sha256(script.read_bytes() + pyi.encode()).hexdigest()[:16]
    exe = BARE_DIR / "dist" / "BareReference" / ("BareReference" + EXE)
    stamp = BARE_DIR / "key"
    if exe.exists() and stamp.exists() and stamp.read_text() == key:
        return exe
    print(f"building the bare reference with PyInstaller {pyi} ({py}) ...", flush=True)
    shutil.rmtree(BARE_DIR, ignore_errors=True)
    BARE_DIR.mkdir(parents=True)
    subprocess.run([str(py), "-m", "PyInstaller", "--noconfirm", "--onedir", "--log-level", "WARN", "--name",
                    "BareReference", "--distpath", str(BARE_DIR / "dist"), "--workpath", str(BARE_DIR / "work"),
                    "--specpath", str(BARE_DIR), str(script)], check=True)
    stamp.write_text(key)
    return exe


def dataset_543() -> Path:
    """A synthetic 543-seat, 8-partner data set (bench_core's), built with the app's own code."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tools"))
    from bench_core import PARTNERS_8, lok_sabha_shape
    from explorer.core.dataset_io import build_dataset
    tmp = Path(tempfile.mkdtemp(prefix="startup-543-"))
    seats, results = lok_sabha_shape(tmp)
    build_dataset(tmp / "ls", name="Lok Sabha (synthetic)", seats_file=seats, results=[("ls2024", str(results))],
                  partners=PARTNERS_8)
    return tmp / "ls"


def pair(n: int) -> int:
    if not FROZEN.exists():
        raise SystemExit(f"bench_startup: no build at {FROZEN}; run tools/build_and_smoke.sh first")
    bare = bare_app()
    ls = dataset_543()
    cold = drop_caches()
    print("each start follows an emptied page cache (cold)" if cold else
          "page cache not emptied (not root on Linux): starts read from a warm disk cache")
    frozen, ref = [str(FROZEN)], [str(bare)]
    probe(frozen, seats=90)  # first starts: font caches, as a first start on a machine would
    probe(ref)
    probe(frozen + [str(ls)], seats=543)
    ratios, tf, tb, rss90, rss543, rssb = [], [], [], [], [], []
    for i in range(n):
        order = (("f", "b") if i % 2 == 0 else ("b", "f"))
        got = {}
        for who in order:
            got[who] = probe(frozen, cold, seats=90) if who == "f" else probe(ref, cold)
        (f, rf), (b, rb) = got["f"], got["b"]
        tf.append(f)
        tb.append(b)
        ratios.append(f / b)
        rss90.append(rf)
        rssb.append(rb)
        rss543.append(probe(frozen + [str(ls)], cold, seats=543)[1])
        print(f"pair {i + 1}: frozen {f:.3f} s, bare {b:.3f} s, ratio {f / b:.3f}; idle RSS frozen {rf} MB "
              f"(543 seats: {rss543[-1]} MB), bare {rb} MB", flush=True)
    shutil.rmtree(ls.parent, ignore_errors=True)
    med = statistics.median
    bundle, bare_bundle = size_mb(FROZEN.parent), size_mb(bare.parent)
    print(f"frozen: first paint median {med(tf):.3f} s (min {min(tf):.3f}, max {max(tf):.3f}); "
          f"bare: median {med(tb):.3f} s (min {min(tb):.3f}, max {max(tb):.3f}); "
          f"ratio min {min(ratios):.3f}, max {max(ratios):.3f}")
    print(f"idle RSS: frozen {med(rss90):.0f} MB at 90 seats, {med(rss543):.0f} MB with 543 seats "
          f"(max {max(rss543)}); bare {med(rssb):.0f} MB")
    print(f"start_ratio={med(ratios):.2f} bundle_mib={bundle:.0f} bare_bundle_mib={bare_bundle:.0f} "
          f"rss_mb={med(rss543):.0f}")
    return 0


def main() -> int:
    if "--pair" in sys.argv:
        i = sys.argv.index("--pair")
        n = int(sys.argv[i + 1]) if len(sys.argv) > i + 1 else 6
        return pair(n)
    runs = 5
    out = {}
    cold = drop_caches()
    print("each start follows an emptied page cache (cold)" if cold else
          "page cache not emptied (not root on Linux): starts read from a warm disk cache")
    if FROZEN.exists():
        probe([str(FROZEN)])  # creates matplotlib's per-user font cache once, as a first start would
        res = [probe([str(FROZEN)], cold) for _ in range(runs)]
        out["frozen"] = statistics.median(r[0] for r in res)
        out["rss"] = statistics.median(r[1] for r in res)
        out["bundle"] = size_mb(FROZEN.parent)
        print(f"frozen: first paint {', '.join(f'{r[0]:.3f}' for r in res)} s; idle RSS {out['rss']} MB; "
              f"bundle {out['bundle']:.0f} MiB ({FROZEN.parent})")
    else:
        print(f"frozen: no build at {FROZEN}; run tools/build_and_smoke.sh first")
    probe([sys.executable, "-m", "explorer"])
    res = [probe([sys.executable, "-m", "explorer"], cold) for _ in range(runs)]
    out["source"] = statistics.median(r[0] for r in res)
    out.setdefault("rss", statistics.median(r[1] for r in res))
    print(f"source: first paint {', '.join(f'{r[0]:.3f}' for r in res)} s; idle RSS {statistics.median(r[1] for r in res)} MB")
    fmt = lambda k, f: (f % out[k]) if k in out else "n/a"  # noqa: E731
    print(f"startup_s frozen={fmt('frozen', '%.2f')} source={fmt('source', '%.2f')} "
          f"bundle_mb={fmt('bundle', '%.0f')} rss_mb={fmt('rss', '%.0f')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
