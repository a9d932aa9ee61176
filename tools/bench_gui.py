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


if __name__ == "__main__":
    raise SystemExit(main())
