"""Benchmark: bundle size (MiB), cold start to first painted window (median of 5, offscreen) for the
frozen app and from source, and idle RSS. Build first (tools/build_and_smoke.sh). Last line:
    startup_s frozen=… source=… bundle_mb=… rss_mb=…
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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


def probe(cmd: list[str], cold: bool = False) -> tuple[float, int]:
    """Seconds from process start to the window's first paint, and idle RSS in MB."""
    if cold:
        drop_caches()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SEAT_SHARE_DATA_DIR=tempfile.mkdtemp(prefix="startup-"))
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd + ["--startup-probe"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                         env=env, cwd=tempfile.gettempdir())
    paint, rss = None, 0
    for line in p.stdout:
        if line.startswith("first_paint") and paint is None:
            paint = time.perf_counter() - t0
        elif line.startswith("idle_rss_mb"):
            rss = int(line.split()[1])
    p.wait(timeout=60)
    if paint is None:
        raise SystemExit(f"bench_startup: {' '.join(cmd)} never painted (exit {p.returncode})")
    return paint, rss


def size_mb(path: Path) -> float:
    total = 0
    for folder, _dirs, files in os.walk(path):
        for f in files:
            fp = os.path.join(folder, f)
            if not os.path.islink(fp):
                total += os.path.getsize(fp)
    return total / 2**20  # MiB, as du -m reports


def main() -> int:
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
