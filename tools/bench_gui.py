"""Benchmark: every interaction, offscreen, with a reference frame measured in the same run.

frame_ref_ms: the median time to repaint a plain QMainWindow of the same size holding a 90-row
QTableWidget and four QListWidgets (the cost of one frame on this machine).
Drops through the real path (the table's mimeData for 1-3 seats, a pool model's dropMimeData,
the MoveSeats command on the undo stack, the core recompute, every model and panel refreshed,
the event loop run until idle, paints included), 200 each: map / summary / chart in front at
90 seats, and at 543 seats with 8 partners (synthetic Lok Sabha shape, tools/bench_core.py).
Then assign all / a preset / undo of a 90-seat move, and an assumption spin-box step.
Last line:
    drop_to_update_ms median=… p95=… chart_p95=… p95_543=… frame_ref_ms=…
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SEAT_SHARE_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-gui-")  # autosaves stay out of the user's folder
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, Qt  # noqa: E402
from PySide6.QtWidgets import (QApplication, QDockWidget, QListWidget, QMainWindow, QTableWidget,  # noqa: E402
                               QTableWidgetItem)

W, H = 1366, 740


def settle(app) -> None:
    """Run the event loop until nothing is left: posted events, zero timers, paints."""
    for _ in range(3):
        app.processEvents(QEventLoop.AllEvents)
        QCoreApplication.sendPostedEvents()


def p95(t) -> float:
    return float(np.percentile(t, 95))


def frame_ref(app) -> float:
    win = QMainWindow()
    t = QTableWidget(90, 11)
    for r in range(90):
        for c in range(11):
            t.setItem(r, c, QTableWidgetItem(f"{r}-{c} text"))
    win.setCentralWidget(t)
    for k in range(4):
        lw = QListWidget()
        lw.addItems([f"{k}{i} Seat name +{i % 7}.{i}" for i in range(23)])
        d = QDockWidget(f"list {k}")
        d.setWidget(lw)
        win.addDockWidget(Qt.RightDockWidgetArea if k % 2 else Qt.LeftDockWidgetArea, d)
    win.resize(W, H)
    win.show()
    settle(app)
    times = []
    for _ in range(60):
        t0 = time.perf_counter()
        win.repaint()
        times.append((time.perf_counter() - t0) * 1e3)
    win.hide()  # close() would ask to save the changes
    return statistics.median(times[10:])


def drops(win, app, n: int, seed: int, probe=None) -> list[float]:
    rng = np.random.default_rng(seed)
    proxy = win.proxy
    panels = win.pool_panels
    times = []
    for _ in range(n):
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


def timed(app, fn, n: int) -> list[float]:
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        settle(app)
        out.append((time.perf_counter() - t0) * 1e3)
    return out


def open_window(app, ds, sc=None):
    from explorer.gui.main_window import MainWindow
    win = MainWindow(ds, sc)
    win.resize(W, H)
    win.show()
    settle(app)
    if win.chart_panel is None:
        win._attach_chart()  # what the window does 300 ms after its first paint
        settle(app)
    from PySide6.QtCore import QThreadPool
    QThreadPool.globalInstance().waitForDone()   # the first simulation, off the GUI thread, has landed
    settle(app)
    return win


def bulk_cases(win, app, n: int, presets: bool) -> dict[str, list[float]]:
    doc = win.doc
    every = doc.dataset.seats.ac_no.tolist()
    keys = [p.model.pool_key for p in win.pool_panels]
    out = {"assign_all": timed(app, lambda i: doc.move(every, keys[i % len(keys)]), n)}
    names = list(doc.dataset.scenario_docs) if presets else []
    if names:
        out["preset"] = timed(app, lambda i: win.apply_preset(names[i % len(names)]), n)
    doc.move(every, keys[0])
    settle(app)

    def undo(i):
        doc.undo_stack.undo() if i % 2 else doc.undo_stack.redo()
    doc.move(every, keys[1])
    settle(app)
    out["undo_all"] = timed(app, lambda i: undo(i + 1), n)
    return out


def dataset_543():
    """bench_core's synthetic Lok Sabha shape (543 seats, random votes, timing only), 8 partners."""
    from bench_core import PARTNERS_8, lok_sabha_shape
    from explorer.core.dataset_io import build_dataset, load_dataset
    with tempfile.TemporaryDirectory() as tmp:
        seats, results = lok_sabha_shape(Path(tmp))
        build_dataset(Path(tmp) / "ls", name="Lok Sabha (synthetic)", seats_file=seats,
                      results=[("ls2024", str(results))], partners=PARTNERS_8)
        return load_dataset(Path(tmp) / "ls")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    from explorer.core.dataset_io import load_embedded
    from explorer.core.scenario import Scenario
    ref = frame_ref(app)
    print(f"frame_ref: repaint of a plain {W}x{H} QMainWindow (90x11 QTableWidget, four QListWidgets): "
          f"median {ref:.1f} ms")
    from explorer.gui.app_style import apply_style
    apply_style(app)   # the app's own style from here on, as the app sets it at start (app.py)
    win = open_window(app, load_embedded())
    drops(win, app, 20, 99)  # warm-up: first paints, caches
    res = {}
    res["map"] = drops(win, app, 200, 1)
    win.summary_dock.raise_()
    settle(app)
    res["summary"] = drops(win, app, 200, 3)
    win.chart_dock.raise_()
    settle(app)
    cp = win.chart_panel
    chart_times = []
    orig = cp.refresh

    def timed_refresh():
        t0 = time.perf_counter()
        orig()
        cp.repaint()  # the description applied and painted now, timed alone
        chart_times.append((time.perf_counter() - t0) * 1e3)
    cp.refresh = timed_refresh
    res["chart"] = drops(win, app, 200, 2)
    cp.refresh = orig
    win.map_dock.raise_()
    settle(app)
    bulk = bulk_cases(win, app, 20, presets=True)
    spins = list(win.assumptions_panel.transfer_spins.values())
    win.assumptions_dock.raise_()
    settle(app)
    spin = spins[0]
    base = spin.value()
    slider = timed(app, lambda i: spin.setValue(base + (i % 10 + 1) * (1 if base < 50 else -1)), 60)
    win.hide()  # close() would ask to save the changes
    settle(app)
    # 543 seats, 8 partners
    ds = dataset_543()
    sc = Scenario(ds)
    sc.assign_all("contested")
    w5 = open_window(app, ds, sc)
    drops(w5, app, 10, 98)
    res["map_543"] = drops(w5, app, 200, 5)
    bulk5 = bulk_cases(w5, app, 10, presets=False)
    w5.hide()

    def line(label, t, unit="drops"):
        print(f"{label}: median {statistics.median(t):.1f} ms, p95 {p95(t):.1f} ms, max {max(t):.1f} ms "
              f"over {len(t)} {unit}")
    line("drop, 90 seats, map in front (table, pools, scoreboard, conflicts, map)", res["map"])
    line("drop, 90 seats, Summary in front", res["summary"])
    line("drop, 90 seats, Chart in front", res["chart"])
    line("chart description applied and painted (within those drops)", chart_times, "redraws")
    for k, t in bulk.items():
        line(f"{k}, 90 seats", t, "runs")
    line("assumption spin-box step, 90 seats", slider, "steps")
    line("drop, 543 seats, 8 partners, map in front", res["map_543"])
    for k, t in bulk5.items():
        line(f"{k}, 543 seats, 8 partners", t, "runs")
    d90 = res["map"] + res["summary"] + res["chart"]
    print(f"drop_to_update_ms median={statistics.median(d90):.1f} p95={p95(d90):.1f} "
          f"chart_p95={p95(chart_times):.1f} p95_543={p95(res['map_543']):.1f} frame_ref_ms={ref:.1f}")
    return 0


def bench_543_8_partners(app, n_drops: int = 100, n_all: int = 6) -> str:
    """Issue 11: a synthetic 543-seat, 8-partner data set (bench_core's Lok Sabha shape, random
    votes, timing only): drop -> every panel updated (p95), and "assign all to Contested"."""
    from explorer.core.scenario import Scenario
    from explorer.gui.main_window import MainWindow
    ds = dataset_543()
    sc = Scenario(ds)
    codes = [p.code for p in sc.pools.partners]
    for k, a in enumerate(ds.seats.ac_no.tolist()):
        sc.assign([a], codes[k % len(codes)])
    win = MainWindow(ds, sc, with_chart=False)
    win.resize(1366, 740)
    win.show()
    settle(app)
    from PySide6.QtCore import QThreadPool
    QThreadPool.globalInstance().waitForDone()
    settle(app)
    globals()["drops"](win, app, 3, 98)
    times = globals()["drops"](win, app, n_drops, 4)
    alls = []
    for k in range(n_all):
        t0 = time.perf_counter()
        win.assign_all("contested" if k % 2 == 0 else codes[0])
        settle(app)
        alls.append((time.perf_counter() - t0) * 1e3)
    win.hide()  # close() would ask to save the changes
    return (f"gui_543_8_partners drop_p95_ms={np.percentile(times, 95):.1f} (median {statistics.median(times):.1f}, "
            f"{len(times)} drops) assign_all_contested_ms={statistics.median(alls[0::2]):.1f}")


if __name__ == "__main__":
    if "--543" in sys.argv:  # issue 11's case alone: python tools/bench_gui.py --543
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        n = int(sys.argv[sys.argv.index("--543") + 1]) if len(sys.argv) > sys.argv.index("--543") + 1 else 100
        print(bench_543_8_partners(QApplication.instance() or QApplication(sys.argv[:1]), n, 2))
        raise SystemExit(0)
    raise SystemExit(main())
