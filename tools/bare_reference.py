"""The bare reference app of tools/bench_startup.py --pair (issue 12): a QMainWindow with a 90×10
table, four lists and one matplotlib chart, importing pandas, frozen onedir with the same
PyInstaller as the app and its defaults. With --startup-probe it prints what the app prints:
'first_paint' at its window's first paint, two seconds later 'idle_rss_mb N', then quits.
"""
import sys

import pandas as pd
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QListWidget, QMainWindow, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)


def rss_mb() -> int:
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) // 1024
    except (OSError, StopIteration):
        return 0


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    df = pd.DataFrame({"seat": [f"Seat {i}" for i in range(1, 91)], "votes": [1000 + 37 * i for i in range(90)]})
    win = QMainWindow()
    table = QTableWidget(90, 10)
    for r in range(90):
        for c in range(10):
            table.setItem(r, c, QTableWidgetItem(str(df.iat[r, c % 2])))
    lists = QVBoxLayout()
    for k in range(4):
        lw = QListWidget()
        lw.addItems([f"pool {k} seat {i}" for i in range(20)])
        lists.addWidget(lw)
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.bar(["A", "B", "C", "D"], [44, 42, 4, 0])
    canvas = FigureCanvasQTAgg(fig)
    central = QWidget()
    row = QHBoxLayout(central)
    row.addWidget(table, 3)
    side = QWidget()
    side.setLayout(lists)
    row.addWidget(side, 1)
    row.addWidget(canvas, 2)
    win.setCentralWidget(central)
    screen = app.primaryScreen().availableGeometry()  # the app's own default size
    win.resize(min(1600, screen.width()), min(950, screen.height()))
    if "--startup-probe" in sys.argv:
        class Watch(QObject):
            done = False

            def eventFilter(self, obj, e):
                if not self.done and e.type() == QEvent.Paint and obj is win:
                    self.done = True
                    print("first_paint", flush=True)
                    QTimer.singleShot(2000, report)
                return False

        def report():
            print(f"idle_rss_mb {rss_mb()}", flush=True)
            app.quit()

        watch = Watch(win)
        win.installEventFilter(watch)
    win.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
