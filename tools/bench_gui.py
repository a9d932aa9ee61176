"""Benchmark: drop → table, pools, map, summary and conflicts updated, offscreen.

200 drops through the real path: the table's mimeData for 1-3 seats, a pool model's
dropMimeData, the MoveSeats command on the undo stack, the core recompute, every model and
panel refreshed, and the event loop run until idle (paints included). Measured with the
default layout (the Map tab in front: its 90 seats recoloured and repainted on every drop),
with the Summary tab in front, and with the Chart tab in front (the chart's draw_idle redraw
included). Last line:
    drop_to_update_ms median=… p95=…   (default layout, map included)
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import tempfile  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SEAT_SHARE_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-gui-")  # autosaves stay out of the user's folder
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def settle(app) -> None:
    """Run the event loop until nothing is left: posted events, zero timers, paints."""
    for _ in range(3):
        app.processEvents(QEventLoop.AllEvents)
        QCoreApplication.sendPostedEvents()


def run(win, app, drops: int, seed: int) -> list[float]:
    rng = np.random.default_rng(seed)
    proxy = win.proxy
    panels = win.pool_panels
    times = []
    for _ in range(drops):
        k = int(rng.integers(1, 4))
        rows = rng.choice(proxy.rowCount(), size=k, replace=False)
        md = proxy.mimeData([proxy.index(int(r), 0) for r in rows])
        seats = [int(proxy.index(int(r), 0).data(Qt.UserRole + 2)) for r in rows]
        here = {win.doc.scenario.pool_of(a) for a in seats}
        targets = [p for p in panels if p.model.pool_key not in here] or panels
        target = targets[int(rng.integers(len(targets)))].model
        t0 = time.perf_counter()
        target.dropMimeData(md, Qt.MoveAction, -1, -1, target.index(-1))
        settle(app)
        times.append((time.perf_counter() - t0) * 1e3)
    return times


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    from explorer.core.dataset_io import load_embedded
    from explorer.gui.main_window import MainWindow
    win = MainWindow(load_embedded())
    win.resize(1366, 740)
    win.show()
    settle(app)
    while win.chart_panel is None:
        settle(app)
    run(win, app, 20, 99)  # warm-up: first paints, caches
    recolours = win.map_panel.recolours
    default = run(win, app, 200, 1)
    recolours = win.map_panel.recolours - recolours
    moves = win.doc.undo_stack.count()
    win.summary_dock.raise_()
    settle(app)
    summary = run(win, app, 200, 3)
    win.chart_dock.raise_()
    settle(app)
    draws = win.chart_panel.draws
    chart = run(win, app, 200, 2)
    chart_draws = win.chart_panel.draws - draws

    def line(label, t):
        print(f"{label}: median {statistics.median(t):.1f} ms, p95 {np.percentile(t, 95):.1f} ms, "
              f"max {max(t):.1f} ms over {len(t)} drops")
    line(f"default layout: table, pools, scoreboard, conflicts, map in front ({recolours} map recolours)", default)
    line("with the Summary tab in front instead of the map", summary)
    line(f"with the Chart tab in front ({chart_draws} chart redraws)", chart)
    print(f"undo steps pushed by the first 220 drops: {moves}")
    print(f"drop_to_update_ms median={statistics.median(default):.1f} p95={np.percentile(default, 95):.1f}")
    return 0


def bench_543_8_partners(app, n_drops: int = 100, n_all: int = 6) -> str:
    """Issue 11: a synthetic 543-seat, 8-partner data set (bench_core's Lok Sabha shape, random
    votes, timing only): drop -> every panel updated (p95), and "assign all to Contested"."""
    import tempfile as tf
    from bench_core import PARTNERS_8, lok_sabha_shape
    from explorer.core.dataset_io import build_dataset, load_dataset
    from explorer.core.scenario import Scenario
    from explorer.gui.main_window import MainWindow
    with tf.TemporaryDirectory() as tmp:
        seats, results = lok_sabha_shape(Path(tmp))
        build_dataset(Path(tmp) / "ls", name="Lok Sabha (synthetic)", seats_file=seats,
                      results=[("ls2024", str(results))], partners=PARTNERS_8)
        ds = load_dataset(Path(tmp) / "ls")
    sc = Scenario(ds)
    codes = [p.code for p in sc.pools.partners]
    for k, a in enumerate(ds.seats.ac_no.tolist()):
        sc.assign([a], codes[k % len(codes)])
    win = MainWindow(ds, sc, with_chart=False)
    win.resize(1366, 740)
    win.show()
    settle(app)
    run(win, app, 3, 98)
    drops = run(win, app, n_drops, 4)
    alls = []
    for k in range(n_all):
        t0 = time.perf_counter()
        win.assign_all("contested" if k % 2 == 0 else codes[0])
        settle(app)
        alls.append((time.perf_counter() - t0) * 1e3)
    win.close()
    return (f"gui_543_8_partners drop_p95_ms={np.percentile(drops, 95):.1f} (median {statistics.median(drops):.1f}, "
            f"{len(drops)} drops) assign_all_contested_ms={statistics.median(alls[0::2]):.1f}")


if __name__ == "__main__":
    if "--543" in sys.argv:  # issue 11's case alone: python tools/bench_gui.py --543
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        n = int(sys.argv[sys.argv.index("--543") + 1]) if len(sys.argv) > sys.argv.index("--543") + 1 else 100
        print(bench_543_8_partners(QApplication.instance() or QApplication(sys.argv[:1]), n, 2))
        raise SystemExit(0)
    raise SystemExit(main())
