"""Real drags under Xvfb (QT_QPA_PLATFORM=xcb): QTest presses on the dragged rows, moves past
the drag distance (QDrag.exec runs its nested loop), and a timer moves over a pool and releases.
Timed from the release to the end of the next paint (event loop idle, paints included).
Cases: 1, 10 and 90 seats from the seat table and from a pool onto another pool, 90 seats.
Run through tools/bench_drag.sh. With --qt-default-drag the views use QAbstractItemView's own
startDrag (for comparison).

The reference, in the same run: Qt's own drag and drop between two QListWidgets (MoveAction) beside a
90x10 QTableWidget in a window of the same size, 1, 10 and 90 items, timed the same way. And after
each drag the window's paints are counted for 0.6 s more (``late``): a second repaint after the frame
(the re-simulation landing) shows there; ``frames_by_case``: the window's paint passes (UpdateRequest
events, each a flush) from the release until idle, median and most over a case's drags (1: the drop
painted in one frame). The event filters that count are on the app's window alone during a drag
(an application-wide one is a Python call per event: the app's drags paid it, Qt's did not) and
application-wide only while the late paints are counted. Last lines:
    qt_list_drag_ms k_1=… k_10=… k_90=…
    real_drag_ms table_1=… table_10=… table_90=… pool_1=… pool_10=… pool_90=… max=… late_paints=…
    ratio_to_qt table_1=… … max=…
    qt_list_drag_cpu_ms …, real_drag_cpu_ms …, cpu_ratio_to_qt …: the same drags' GUI-thread CPU from
    the release to idle (``time.thread_time``: the other processes' share of the cores is not in it)
BENCH_DRAG_REPS (default 5) sets the drags per case.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
os.environ["SEAT_SHARE_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-drag-")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import (QCoreApplication, QEvent, QEventLoop, QItemSelection, QItemSelectionModel,  # noqa: E402
                            QObject, QPoint, Qt, QThreadPool, QTimer)
from PySide6.QtGui import QDrag  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDockWidget, QListView, QListWidget,  # noqa: E402
                               QMainWindow, QTableView, QTableWidget, QTableWidgetItem, QWidget)


def settle(app) -> None:
    for _ in range(3):
        app.processEvents(QEventLoop.AllEvents)
        QCoreApplication.sendPostedEvents()


def select_rows(view, rows) -> None:
    m = view.model()
    last = 0 if isinstance(view, QListView) else m.columnCount() - 1
    sel = QItemSelection()
    for r in rows:
        sel.select(m.index(r, 0), m.index(r, last))
    view.selectionModel().select(sel, QItemSelectionModel.ClearAndSelect)


FRAMES = {"on": False, "n": 0}      # the window's frames (UpdateRequest: one paint pass, one flush) in a drag


def real_drag(app, view, rows, target_view) -> float:
    """Drag ``rows`` of ``view`` onto ``target_view``; ms from release to idle after the paints."""
    select_rows(view, rows)
    view.scrollTo(view.model().index(rows[0], 0))
    settle(app)
    vp = view.viewport()
    start = view.visualRect(view.model().index(rows[0], 0)).center()
    tvp = target_view.viewport()
    dest = tvp.rect().center()
    out = {}

    def over_and_release():
        QTest.mouseMove(tvp, dest + QPoint(-6, 0))
        QTest.mouseMove(tvp, dest)
        app.processEvents()
        out["t0"], out["c0"] = time.perf_counter(), time.thread_time()
        FRAMES["on"], FRAMES["n"] = True, 0
        QTest.mouseRelease(tvp, Qt.LeftButton, Qt.NoModifier, dest)

    def guard():
        if "t0" not in out:
            out["cancelled"] = True
            QDrag.cancel()
    QTimer.singleShot(60, over_and_release)
    QTimer.singleShot(5000, guard)
    QTest.mousePress(vp, Qt.LeftButton, Qt.NoModifier, start)
    d = QApplication.startDragDistance() + 4
    QTest.mouseMove(vp, start + QPoint(d // 2, 1))
    QTest.mouseMove(vp, start + QPoint(d, 2))  # starts the drag; returns once it ended
    QTest.mouseMove(vp, start + QPoint(d + 4, 2))
    settle(app)
    t1, c1 = time.perf_counter(), time.thread_time()
    FRAMES["on"] = False
    if "t0" not in out or out.get("cancelled"):
        raise SystemExit("bench_drag: the drag did not complete")
    CPU["last"] = (c1 - out["c0"]) * 1e3
    return (t1 - out["t0"]) * 1e3


CPU = {"last": 0.0}     # the GUI thread's CPU ms of the last real_drag, release to idle (steadier under load)


class FrameCounter(QObject):
    """Counts one window's paint passes during a drag (its UpdateRequest events), filtering that
    window's own events only: an application-wide Python filter is a call into Python for every
    event of every object, which the app's drags paid and Qt's reference drags did not."""

    def __init__(self, window):
        super().__init__()
        self.window = window

    def eventFilter(self, obj, e):
        if FRAMES["on"] and obj is self.window and e.type() == QEvent.Type.UpdateRequest:
            FRAMES["n"] += 1
        return False


class PaintCounter(QObject):
    """Counts the paint events of one window's widgets (an application event filter, installed
    only while ``late_paints`` counts, not during the timed drags)."""

    def __init__(self, window):
        super().__init__()
        self.window, self.count, self.on = window, 0, False
        self.who: dict[str, int] = {}      # what painted late: class (object name) -> paints

    def eventFilter(self, obj, e):
        if self.on and e.type() == QEvent.Type.Paint and isinstance(obj, QWidget) and obj.window() is self.window:
            self.count += 1
            w = obj
            while w.parentWidget() is not None and (not w.objectName() or w.objectName().startswith("qt_")):
                w = w.parentWidget()     # a viewport or an unnamed part: named by what holds it
            name = f"{type(w).__name__}({w.objectName()})" + (f"/{obj.objectName()}" if w is not obj else "")
            self.who[name] = self.who.get(name, 0) + 1
        return False


def late_paints(app, counter, ms: int = 600) -> int:
    """Paints of the window in the ``ms`` after a drag has settled (0: nothing repainted again)."""
    counter.count, counter.on = 0, True
    app.installEventFilter(counter)
    end = time.perf_counter() + ms / 1e3
    while time.perf_counter() < end:
        app.processEvents(QEventLoop.AllEvents, 20)
        QThreadPool.globalInstance().waitForDone(10)
    app.removeEventFilter(counter)
    counter.on = False
    return counter.count


def qt_reference(app, reps: int, cpu: dict | None = None) -> dict[str, list[float]]:
    """Qt's own list drag: two QListWidgets (items moved between them) and a 90x10 table, 1366x740;
    ``cpu``: each drag's GUI-thread CPU ms, by the same keys."""
    cpu = {} if cpu is None else cpu
    win = QMainWindow()
    t = QTableWidget(90, 10)
    for r in range(90):
        for c in range(10):
            t.setItem(r, c, QTableWidgetItem(f"{r}-{c} text"))
    win.setCentralWidget(t)
    lists = []
    for k in range(2):
        lw = QListWidget()
        lw.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        lw.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        lw.setDefaultDropAction(Qt.DropAction.MoveAction)
        lw.addItems([f"{i} Seat name +{i % 7}.{i}" for i in range(90 if k == 0 else 0)] +
                    ([] if k == 0 else [f"{i} Seat name" for i in range(100, 190)]))
        d = QDockWidget(f"list {k}")
        d.setWidget(lw)
        win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea if k == 0 else Qt.DockWidgetArea.RightDockWidgetArea, d)
        lists.append(lw)
    win.resize(1366, 740)
    win.show()
    win.activateWindow()
    QTest.qWaitForWindowExposed(win)
    settle(app)
    out = {}
    for k in (1, 10, 90):
        times = []
        for rep in range(reps):
            a, b = lists if lists[0].count() >= lists[1].count() else lists[::-1]
            before = b.count()
            times.append(real_drag(app, a, list(range(k)), b))
            cpu.setdefault(f"k_{k}", []).append(CPU["last"])
            if b.count() != before + k:
                raise SystemExit(f"bench_drag: Qt's list drop moved {b.count() - before} of {k} items")
        out[f"k_{k}"] = times
    win.hide()
    settle(app)
    return out


def main() -> int:
    qt_default = "--qt-default-drag" in sys.argv
    app = QApplication.instance() or QApplication(sys.argv[:1])
    reps = int(os.environ.get("BENCH_DRAG_REPS", "5"))
    ref_cpu: dict[str, list[float]] = {}
    ref = qt_reference(app, reps, ref_cpu)
    cpu: dict[str, list[float]] = {}
    from explorer.gui.app_style import apply_style
    apply_style(app)   # as the app sets it at start (app.py)
    from explorer.core.dataset_io import load_embedded
    from explorer.gui.main_window import MainWindow
    from explorer.gui.panels.pools import PoolView
    from explorer.gui.panels.seat_table import SeatTableView
    if qt_default:
        SeatTableView.startDrag = QTableView.startDrag
        PoolView.startDrag = QListView.startDrag
    win = MainWindow(load_embedded())
    win.resize(1366, 740)
    win.show()
    win.activateWindow()
    QTest.qWaitForWindowExposed(win)
    settle(app)
    # the opening's own work done before the first drag (its simulations, the walk-away's figures, the
    # chart attached 0.3 s after the first paint): they were counted as the first drag's late paints
    end = time.perf_counter() + 2.0
    while time.perf_counter() < end:
        app.processEvents(QEventLoop.AllEvents, 20)
        QThreadPool.globalInstance().waitForDone(10)
    table = next(w for w in win.findChildren(SeatTableView))
    pools = win.pool_panels
    doc = win.doc
    counter = PaintCounter(win)
    frame_counter = FrameCounter(win)
    win.installEventFilter(frame_counter)
    late = []
    results = {}
    frames: dict[str, list[int]] = {}
    n_seats = table.model().rowCount()
    for k in (1, 10, 90):
        k = min(k, n_seats)
        times = []
        for rep in range(reps):
            target = pools[rep % len(pools)]
            before = doc.undo_stack.count()
            rows = list(range(3 * rep, 3 * rep + k)) if k < n_seats else list(range(n_seats))
            rows = [r % n_seats for r in rows]
            times.append(real_drag(app, table, rows, target.view))
            cpu.setdefault(f"table_{k}", []).append(CPU["last"])
            frames.setdefault(f"table_{k}", []).append(FRAMES["n"])
            late.append((f"table_{k}", late_paints(app, counter)))
            if doc.undo_stack.count() != before + 1 and not all(
                    doc.scenario.pool_of(int(table.model().index(r, 0).data(Qt.UserRole + 2))) == target.model.pool_key
                    for r in rows):
                raise SystemExit("bench_drag: the table drop did not move the seats")
        results[f"table_{k}"] = times
    # pool to pool: put all seats in the first pool, then drag k of them to the second and back
    src, dst = pools[0], pools[1]
    every = [int(table.model().index(r, 0).data(Qt.UserRole + 2)) for r in range(n_seats)]
    for k in (1, 10, 90):
        k = min(k, n_seats)
        doc.move(every, src.model.pool_key)
        settle(app)
        times = []
        for rep in range(reps):
            a, b = (src, dst) if rep % 2 == 0 else (dst, src)
            if a.model.rowCount() < k:
                a, b = b, a
            before = b.model.rowCount()
            times.append(real_drag(app, a.view, list(range(k)), b.view))
            cpu.setdefault(f"pool_{k}", []).append(CPU["last"])
            frames.setdefault(f"pool_{k}", []).append(FRAMES["n"])
            late.append((f"pool_{k}", late_paints(app, counter)))
            if b.model.rowCount() != before + k:
                raise SystemExit(f"bench_drag: pool drop moved {b.model.rowCount() - before} of {k} seats")
        results[f"pool_{k}"] = times
    for name, t in ref.items():
        print(f"Qt's QListWidget drag, {name[2:]} items: median {statistics.median(t):.1f} ms, max {max(t):.1f} ms")
    for name, t in results.items():
        print(f"{name}: median {statistics.median(t):.1f} ms, max {max(t):.1f} ms over {len(t)} real drags")
    label = "qt_default_drag_ms" if qt_default else "real_drag_ms"
    print(label + " " + " ".join(f"{k}={statistics.median(t):.1f}" for k, t in results.items())
          + f" max={max(max(t) for t in results.values()):.1f} late_paints={max(n for _, n in late)}")
    print("frames_by_case " + " ".join(f"{k}={statistics.median(v):g}/{max(v)}" for k, v in frames.items())
          + "  (the window's paint passes from the release to idle: median/most of a case's drags)")
    print("late_paints_by_case " + " ".join(f"{k}={max(n for c, n in late if c == k)}" for k in results))
    if counter.who:
        print("late paints by widget: " + ", ".join(f"{k} {v}" for k, v in sorted(counter.who.items(), key=lambda t: -t[1])))
    print("qt_list_drag_ms " + " ".join(f"{k}={statistics.median(t):.1f}" for k, t in ref.items()))
    ratios = {name: statistics.median(t) / statistics.median(ref["k_" + name.split("_")[1]])
              for name, t in results.items()}
    print("ratio_to_qt " + " ".join(f"{k}={v:.2f}" for k, v in ratios.items()) + f" max={max(ratios.values()):.2f}")
    # the same drags' GUI-thread CPU, release to idle (what the other processes take is not in it)
    print("qt_list_drag_cpu_ms " + " ".join(f"{k}={statistics.median(t):.1f}" for k, t in ref_cpu.items()))
    print("real_drag_cpu_ms " + " ".join(f"{k}={statistics.median(t):.1f}" for k, t in cpu.items()))
    cpu_ratios = {name: statistics.median(t) / statistics.median(ref_cpu["k_" + name.split("_")[1]])
                  for name, t in cpu.items()}
    print("cpu_ratio_to_qt " + " ".join(f"{k}={v:.2f}" for k, v in cpu_ratios.items())
          + f" max={max(cpu_ratios.values()):.2f}")
    win.hide()   # close() would ask to save the changes (a modal question nobody answers here)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
