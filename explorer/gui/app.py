"""Start the window: ``python -m explorer [SCENARIO.json] [--preset NAME] [--size WxH]``."""
from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m explorer", description="Seat-share Explorer window")
    ap.add_argument("scenario", nargs="?", help="open this scenario file")
    ap.add_argument("--scenario", dest="scenario_opt", help=argparse.SUPPRESS)
    ap.add_argument("--preset", help="start from a preset scenario by name")
    ap.add_argument("--size", default=None, help="window size, e.g. 1366x768")
    ap.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)  # tools/bench_startup.py
    ap.add_argument("--smoke", action="store_true",
                    help="check the installation offscreen: compute the 2024-talks scenario, write and check "
                         "the PDF brief and the XLSX sheet in a temporary folder, exit 0 when all is well")
    args = ap.parse_args(argv)
    _give_back_freed_memory()
    if args.smoke:
        from .smoke import run_smoke
        return run_smoke()

    from PySide6.QtWidgets import QApplication

    from .. import APP_NAME, __version__
    from ..core.dataset_io import load_embedded
    from ..core.errors import DataError
    from ..core.starting import starting_scenario
    from .autosave import default_autosave_dir, find_recoverable, keep_leftovers
    from .main_window import MainWindow
    from .dialogs.recovery_dialog import RecoveryDialog
    from .style import warn

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("SeatShareExplorer")
    app.setApplicationVersion(__version__)
    from .settings import follow_data_dir
    follow_data_dir()   # with $SEAT_SHARE_DATA_DIR set (tests, demos), the settings are kept in it
    from .dialogs.parties_dialog import load_colour_choice
    load_colour_choice()   # partners' colours drawn as given, or shaded where alike (Data set ▸ Parties)
    from .app_style import apply_style
    apply_style(app)   # Fusion, with flat scroll bars (a Fusion bar costs a fifth of a frame)
    from PySide6.QtGui import QIcon
    from ..core.dataset import resource_root
    app.setWindowIcon(QIcon(str(resource_root() / "icon.png")))

    # runs that did not exit cleanly left their autosaves: every scenario in them is offered back
    recovered, recovery = None, None
    leftovers = find_recoverable(default_autosave_dir())
    if leftovers:
        recovery = RecoveryDialog(leftovers)
        recovery.exec()
        recovered = recovery.recovered()

    sc = None
    file_arg = args.scenario or args.scenario_opt
    ds, start_folder = None, None
    if file_arg and recovered is None and os.path.isfile(os.path.join(file_arg, "dataset.json")):
        # a data set folder, nothing recovered: the window starts on it, as it would end up after
        # File ▸ Open, without reading and simulating the shipped data set first (7 MB less idle
        # with 543 seats); one that cannot be read is opened below, which says why
        from ..core.dataset_check import load_checked
        try:
            ds, start_folder, file_arg = load_checked(file_arg), file_arg, None
        except DataError:
            pass
    ds = ds or load_embedded()
    try:
        if args.preset and not file_arg:
            sc = starting_scenario(ds, args.preset)
    except (DataError, KeyError) as e:
        warn(None, APP_NAME, f"{e}\n\nStarting on the default scenario.")
        sc = None
    win = MainWindow(ds, sc, recovered=recovered)
    if recovered is not None:
        if win.recovery_problems:
            # the autosaves stay where they are: nothing the strategist did is thrown away
            kept = keep_leftovers([lo for lo in leftovers if any(p == lo[0] for p, _ in recovery.chosen)])
            warn(win, APP_NAME, "Some autosaved scenarios could not be read:\n" + "\n".join(win.recovery_problems[:20])
                 + f"\n\nThe autosaves are kept in {kept[0].parent}.")
        else:
            win.files.autosaver.changed()
            if win.files.autosaver.save_now():  # this run's own autosave holds them before the old ones change
                recovery.settle()
    elif recovery is not None:
        recovery.settle()  # nothing restored: kept, unless the strategist asked to delete them
    screen = app.primaryScreen().availableGeometry()
    if args.size:
        w, h = (int(x) for x in args.size.lower().split("x"))
    else:
        w, h = min(1600, screen.width()), min(950, screen.height())
    win.resize(min(w, screen.width()), min(h, screen.height()))
    if start_folder:
        win.files.datasets.started_on(ds, start_folder)
    if args.startup_probe:
        _probe(app, win)
    win.show()
    if file_arg:
        open_start_file(win, file_arg, keep_start=recovered is not None)
    return app.exec()


def open_start_file(win, path: str, keep_start: bool = False) -> bool:
    """The file given on the command line, opened as File ▸ Open opens it: a scenario of
    another data set offers that data set (or is refused, saying why), a CSV offers the
    imports, a bad file says what is wrong. Opened, it takes the place of the untouched
    scenario the window started on (unless ``keep_start``: scenarios recovered after a crash
    stay); not opened, the window keeps its start scenario."""
    start = win.workspace.active
    if not win.files.open(path):
        return False
    doc = win.workspace.active
    if (not keep_start and start is not None and doc is not start and start in win.workspace.docs
            and start.file_path is None and start.undo_stack.count() == 0):
        win.workspace.remove(start)
    return True


def _give_back_freed_memory() -> None:
    """Linux (glibc): every block from 1 MiB up (the simulation's numpy arrays) gets a mapping of
    its own, handed back to the system when it is freed. By default glibc raises that threshold to
    the size of each big block freed, up to 32 MiB, and blocks under it stay resident once freed:
    with a 543-seat data set open that kept ~60 MB of the simulation's temporaries in the idle
    window (tools/bench_startup.py --pair measures it). The heap's top is trimmed past 2 MiB, as
    glibc's own rule (twice the threshold) would have it. Costs: a full simulation at 543 seats,
    off the GUI thread, takes ~0.1 s more (fresh pages for its temporaries); a move, nothing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        libc = ctypes.CDLL(None)
        libc.mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD (setting it ends the raising)
        libc.mallopt(-1, 2 << 20)  # M_TRIM_THRESHOLD
    except (OSError, AttributeError):  # not glibc
        pass


def _probe(app, win) -> None:
    """Print 'first_paint' when the window has painted; once it is idle (the live uncertainty's
    figures in, nothing computing) and a second more, the number of seats of the scenario in front
    and the idle RSS; then quit. tools/bench_startup.py --pair reads it with a 543-seat data set
    folder given as the file to open."""
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer
    t0 = time.perf_counter()

    class Watch(QObject):
        done = False

        def eventFilter(self, obj, e):
            if not self.done and e.type() == QEvent.Type.Paint and obj is win:
                self.done = True
                print("first_paint", flush=True)
                QTimer.singleShot(200, settle)
            return False

    def settle():
        live = win.analysis.live
        if (live.busy or live.stale) and time.perf_counter() - t0 < 120:
            QTimer.singleShot(100, settle)
            return
        print(f"settled_s {time.perf_counter() - t0:.2f}", flush=True)
        QTimer.singleShot(1000, report)

    def report():
        rss = 0
        try:
            with open("/proc/self/status") as f:
                rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) // 1024
        except (OSError, StopIteration):
            pass
        print(f"front_seats {win.workspace.active.dataset.seats.n}", flush=True)
        print(f"idle_rss_mb {rss}", flush=True)
        win.files.autosaver.discard()
        app.quit()

    watch = Watch(win)
    win.installEventFilter(watch)
