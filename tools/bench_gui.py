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
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt  # noqa: E402
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


FRAMES = {"n": 0}      # the window's paint passes counted by a FrameCounter (--bulk)


class FrameCounter(QObject):
    """Counts a window's paint passes: its UpdateRequest events, each one paint of what is dirty
    and one flush (a second pass after an edit is a second frame)."""

    def __init__(self, window):
        super().__init__()
        self.window = window

    def eventFilter(self, obj, e):
        if obj is self.window and e.type() == QEvent.Type.UpdateRequest:
            FRAMES["n"] += 1
        return False


def timed(app, fn, n: int, cpu: list | None = None, frames: list | None = None) -> list[float]:
    """Wall ms of each of ``n`` calls of ``fn`` with the event loop run to idle after it;
    ``cpu``: the GUI thread's CPU ms of each appended there too (a busy machine's other
    processes take wall time, not this thread's CPU time); ``frames``: the window's paint
    passes of each (a FrameCounter installed)."""
    out = []
    for i in range(n):
        t0, c0, f0 = time.perf_counter(), time.thread_time(), FRAMES["n"]
        fn(i)
        settle(app)
        out.append((time.perf_counter() - t0) * 1e3)
        if cpu is not None:
            cpu.append((time.thread_time() - c0) * 1e3)
        if frames is not None:
            frames.append(FRAMES["n"] - f0)
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


def bulk_cases(win, app, n: int, presets: bool, cpu: dict | None = None,
               frames: dict | None = None) -> dict[str, list[float]]:
    """Wall ms per edit of each bulk edit; ``cpu``: each edit's GUI-thread CPU ms, by the same keys;
    ``frames``: each edit's paint passes of the window (a FrameCounter installed)."""
    doc = win.doc
    every = doc.dataset.seats.ac_no.tolist()
    keys = [p.model.pool_key for p in win.pool_panels]
    c = {k: [] for k in ("assign_all", "preset", "undo_all")} if cpu is not None else {}
    f = {k: [] for k in ("assign_all", "preset", "undo_all")} if frames is not None else {}
    out = {"assign_all": timed(app, lambda i: doc.move(every, keys[i % len(keys)]), n, c.get("assign_all"),
                               f.get("assign_all"))}
    names = list(doc.dataset.scenario_docs) if presets else []
    if names:
        out["preset"] = timed(app, lambda i: win.apply_preset(names[i % len(names)]), n, c.get("preset"),
                              f.get("preset"))
    doc.move(every, keys[0])
    settle(app)

    def undo(i):
        doc.undo_stack.undo() if i % 2 else doc.undo_stack.redo()
    doc.move(every, keys[1])
    settle(app)
    out["undo_all"] = timed(app, lambda i: undo(i + 1), n, c.get("undo_all"), f.get("undo_all"))
    if cpu is not None:
        cpu.update({k: v for k, v in c.items() if v})
    if frames is not None:
        frames.update({k: v for k, v in f.items() if v})
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


# --- issue 29: every size ----------------------------------------------------------------------------------
CORPUS = Path(os.environ.get("BENCH_CORPUS",
                             Path(__file__).resolve().parents[1].parent / "shared" / "data" / "india_assembly"))
SCALE_SEATS = (90, 543, 2000, 4100)
SCALE_PARTNERS = (2, 8, 21)
_HUES = ["#1A5FB4", "#2AA198", "#E66100", "#813D9C", "#26A269", "#C01C28", "#986A44", "#5E5C64", "#F5C211",
         "#1C71D8", "#2EC27E", "#A51D2D", "#613583", "#865E3C", "#E5A50A", "#3D3846", "#99C1F1", "#8FF0A4",
         "#F66151", "#DC8ADD", "#CDAB8F"]


def corpus_dataset(n_seats: int, n_partners: int, folder: Path = CORPUS):
    """A data set of ``n_seats`` real assembly seats from the corpus (timing only): Haryana's latest
    election first, then every other state's latest in alphabetical order, then their earlier
    elections as more blocks of seats (the latest elections hold about 3,100 seats with an AC
    number) until ``n_seats``; seats numbered 1..n in that order. Partners: the ``n_partners``
    parties that polled most votes there. Returns (dataset, what it holds)."""
    import pandas as pd
    from explorer.core.dataset import SEAT_COLUMNS, Baseline, Dataset, SeatTable
    from explorer.core.pools import Partner
    files = sorted(folder.glob("[A-Z][A-Z].csv"), key=lambda f: (f.stem != "HR", f.stem))
    frames = {f.stem: pd.read_csv(f, usecols=["year", "ac_no", "ac_name", "district", "reserved", "candidate",
                                              "party", "votes"], dtype={"district": str, "reserved": str})
              for f in files if f.stem not in ("BR", "MH", "UP")}
    blocks = []      # (state, year) newest first per state, states in order, then one election older
    years = {st: sorted(fr.loc[fr.ac_no.notna(), "year"].unique(), reverse=True) for st, fr in frames.items()}
    depth = 0
    while sum(len(frames[s][(frames[s].year == y) & frames[s].ac_no.notna()].ac_no.unique())
              for s, y in blocks) < n_seats and depth < 10:
        blocks += [(st, ys[depth]) for st, ys in years.items() if len(ys) > depth]
        depth += 1
    seats, cands, n, used = [], [], 0, set()
    for st, y in blocks:
        if n >= n_seats:
            break
        used.add((st, y))
        fr = frames[st]
        fr = fr[(fr.year == y) & fr.ac_no.notna() & (fr.party.astype(str).str.upper() != "NOTA")]
        for ac, g in fr.groupby("ac_no", sort=True):
            if n >= n_seats:
                break
            n += 1
            r = g.iloc[0]
            seats.append((n, f"{str(r.ac_name).title()} ({st} {y})", f"{st} {r.district}", n // 9 + 1,
                          f"{st} PC {n // 9 + 1}", str(r.reserved if isinstance(r.reserved, str) else "GEN"),
                          float("nan"), float("nan")))
            cands += [(n, k + 1, str(c), str(p), int(v)) for k, (c, p, v) in
                      enumerate(zip(g.candidate, g.party, g.votes.fillna(0)))]
    seat_frame = pd.DataFrame(seats, columns=SEAT_COLUMNS)
    cand_frame = pd.DataFrame(cands, columns=["ac_no", "candidate_no", "candidate", "party", "votes"])
    cand_frame["party"] = cand_frame.party.str.strip()     # the source has "HAMAR RAJ " once
    polled = cand_frame.groupby("party").votes.sum().sort_values(ascending=False)
    codes = [c for c in polled.index if c not in ("IND", "Independent")][:n_partners]
    partners = tuple(Partner(c, c, _HUES[k % len(_HUES)]) for k, c in enumerate(codes))
    ds = Dataset(f"corpus{n}", f"Corpus, {n} seats", SeatTable(seat_frame), {"b": Baseline("b", "latest", cand_frame)},
                 "b", partners=partners)
    return ds, f"{len(used)} elections of {len({s for s, _ in used})} states"


def rss_mb() -> tuple[float, float]:
    """(now, peak) resident memory of this process, MB."""
    import resource
    with open("/proc/self/statm") as f:
        now = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20
    return now, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def gui_cpu_drops(win, app, n: int, seed: int) -> tuple[list[float], list[float]]:
    """``drops`` timed twice: wall time and the GUI thread's own CPU (time.thread_time), the
    second free of the other helpers' load on a shared machine."""
    wall, cpu = [], []
    for k in range(n):
        c0 = time.thread_time()
        wall += drops(win, app, 1, seed * 1000 + k)
        cpu.append((time.thread_time() - c0) * 1e3)
    return wall, cpu


def python_calls(win, app, n: int, seed: int) -> float:
    """The median number of Python function calls on the GUI thread for one drop (sys.setprofile):
    a count of the work a move does in the app's Python, free of the machine's load."""
    counts = []
    for k in range(n):
        c = [0]

        def prof(frame, event, arg):
            if event == "call":
                c[0] += 1
        sys.setprofile(prof)
        try:
            drops(win, app, 1, seed * 1000 + k)
        finally:
            sys.setprofile(None)
        counts.append(c[0])
    return statistics.median(counts)


def open_progressively(app, ds, sc) -> dict:
    """Open the window as ``open_window`` does, timing what arrives when (seconds from the
    window's construction): ``shown_s`` its first paint (the window usable), ``first_figures_s``
    the live uncertainty's first figures (a large data set's quick first pass, shown greyed),
    ``figures_s`` its figures from all the draws, ``open_s`` every background job done (the walk-away's
    figures included), and ``stall_ms`` the longest the GUI thread did not answer meanwhile (the
    gaps between the ticks of a 10 ms timer, less its 10 ms)."""
    from PySide6.QtCore import QThreadPool, QTimer
    from explorer.gui import jobs
    from explorer.gui.main_window import MainWindow
    out = {}
    t0 = time.perf_counter()
    win = MainWindow(ds, sc)
    win.analysis.live.updated.connect(
        lambda f: f is not None and out.setdefault("first_figures_s", time.perf_counter() - t0))
    win.analysis.live.updated.connect(
        lambda f: f is not None and not f.stale and out.setdefault("figures_s", time.perf_counter() - t0))
    win.resize(W, H)
    win.show()
    settle(app)
    out["shown_s"] = time.perf_counter() - t0
    ticks = [time.perf_counter()]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    if win.chart_panel is None:
        win._attach_chart()  # what the window does 300 ms after its first paint
    while jobs._running or QThreadPool.globalInstance().activeThreadCount():
        app.processEvents(QEventLoop.AllEvents, 5)
        time.sleep(0.002)
    settle(app)
    timer.stop()
    out["open_s"] = time.perf_counter() - t0
    out["stall_ms"] = max(0.0, max(np.diff(ticks), default=0.0) * 1e3 - 10.0)
    out.setdefault("figures_s", float("nan"))
    out.setdefault("first_figures_s", float("nan"))
    out["win"] = win
    return out


def scale_scenario(n_seats: int, n_partners: int):
    """The corpus's data set of ``n_seats`` seats and ``n_partners`` partners, each seat given to
    the partner that polled most in it (the rest unassigned): (dataset, scenario, what it holds,
    the partners' codes)."""
    from explorer.core.scenario import Scenario
    ds, held = corpus_dataset(n_seats, n_partners)
    sc = Scenario(ds)
    pr = __import__("explorer.core.engine", fromlist=["Engine"]).Engine(ds).evaluate(sc).projection
    codes = [p.code for p in sc.pools.partners]
    # each seat to the partner that polled most there (the rest unassigned): pools the size of a party's reach
    cf = ds.baseline("b").candidates
    cf = cf[cf.party.isin(codes)]
    best = cf.loc[cf.groupby("ac_no").votes.idxmax()]
    for code, g in best.groupby("party"):
        sc.assign(g.ac_no.tolist(), code)
    del pr
    return ds, sc, held, codes


def _cap_memory_as_the_app() -> None:
    """The address space capped (``BENCH_SCALE_MAX_GB``) and glibc's thresholds as the app sets them."""
    import resource
    cap = int(float(os.environ.get("BENCH_SCALE_MAX_GB", "8")) * 2 ** 30)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    if "--glibc-default" not in sys.argv:
        from explorer.gui.app import _give_back_freed_memory
        _give_back_freed_memory()


def _styled_app():
    """The application in the app's style, and the frame reference measured before it is styled
    (in plain Fusion, as every line's ``frame_ref_ms``)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    ref = frame_ref(app)
    from explorer.gui.app_style import apply_style
    apply_style(app)
    return app, ref


def profile_pair(app, wins: dict, prefix: str, n_drops: int, top: int = 25) -> None:
    """``--profile PREFIX`` of ``--scale-pair``: after the timed drops, ``n_drops`` more of each size
    (alternating, seeds of their own) under a cProfile of each size's, dumped to PREFIX<seats>.prof
    (``python -m pstats``); printed: the calls a drop (Python and C functions, as cProfile counts
    them) and the ``top`` functions of the app by their own time a drop, the call counts beside."""
    import cProfile
    import pstats
    profs = {n: cProfile.Profile() for n in wins}
    for k in range(n_drops):
        for n, win in wins.items():
            profs[n].enable()
            drops(win, app, 1, 9000 + k)
            profs[n].disable()
    for n, pr in profs.items():
        pr.dump_stats(f"{prefix}{n}.prof")
        st = pstats.Stats(pr).stats
        print(f"profile seats={n}: calls_per_drop={sum(v[1] for v in st.values()) / n_drops:.0f} "
              f"file={prefix}{n}.prof", flush=True)
        rows = sorted(((tt, nc, f, ln, name) for (f, ln, name), (_, nc, tt, _, _) in st.items()
                       if "explorer" in f), reverse=True)[:top]
        for tt, nc, f, ln, name in rows:
            print(f"  {tt / n_drops * 1e3:7.3f} ms {nc / n_drops:7.1f} calls  {f.split('explorer/')[-1]}:{ln}({name})")


def scale_pair(sizes: list[int], n_partners: int, n_drops: int, profile: str | None = None) -> int:
    """``--scale-pair 90,4100 [--partners 21] [--drops N] [--profile PREFIX]``: a window of each size in one process,
    their drops alternating (drop k of every size with the same seed, one after the other), the GUI
    thread's CPU of each (``time.thread_time``): the machine's load falls on every size alike, so
    the ratio of a move's cost at each size to the first size's is read from the same minutes.
    One line a size, then ``pair_ratio`` (with ``--profile``, the profile's lines before them)."""
    _cap_memory_as_the_app()
    app, ref = _styled_app()
    wins = {}
    for n in sizes:
        ds, sc, held, codes = scale_scenario(n, n_partners)
        win = open_progressively(app, ds, sc)["win"]
        settle(app)
        drops(win, app, 5, 97)
        wins[n] = (win, held, [])
    for k in range(n_drops):
        for n, (win, _, cpu) in wins.items():
            c0 = time.thread_time()
            drops(win, app, 1, 7000 + k)
            cpu.append((time.thread_time() - c0) * 1e3)
    if profile:
        profile_pair(app, {n: w for n, (w, _, _) in wins.items()}, profile, n_drops)
    first = wins[sizes[0]][2]
    for n, (win, held, cpu) in wins.items():
        print(f"pair seats={win.doc.dataset.seats.n} partners={n_partners} ({held}): move_cpu_median_ms="
              f"{statistics.median(cpu):.1f} move_cpu_p95_ms={p95(cpu):.1f} over {len(cpu)} drops", flush=True)
        win.hide()
    print("pair_ratio to " + f"{sizes[0]} seats (the GUI thread's CPU of a move, drops alternating in one process): " +
          " ".join(f"{n}: median {statistics.median(wins[n][2]) / statistics.median(first):.2f} "
                   f"p95 {p95(wins[n][2]) / p95(first):.2f}" for n in sizes[1:]) + f" frame_ref_ms={ref:.1f}")
    return 0


def scale_one(n_seats: int, n_partners: int, optimise: bool, n_drops: int) -> str:
    """One size, in a process of its own (its memory alone): open the window on the corpus's seats,
    the full simulation, moves, assign-all, the optimiser's whole question."""
    from PySide6.QtCore import QThreadPool
    # a size past the cap fails alone (MemoryError) instead of waking the OOM killer on a shared
    # machine; glibc's thresholds as the app sets them at its start (blocks from 1 MiB mapped apart
    # and handed back when freed): the RSS is then the window's as a user runs it
    _cap_memory_as_the_app()
    app, ref = _styled_app()
    ds, sc, held, codes = scale_scenario(n_seats, n_partners)
    opened = open_progressively(app, ds, sc)     # every job of the opening done
    win = opened["win"]
    rss_idle = rss_mb()[0]
    live = win.analysis.live
    sims = []
    for _ in range(2):
        done = live.jobs_done
        t0 = time.perf_counter()
        live._request()
        while live.jobs_done == done:
            QThreadPool.globalInstance().waitForDone(50)
            app.processEvents()
        sims.append(time.perf_counter() - t0)
    settle(app)
    drops(win, app, 5, 97)
    wall, cpu = gui_cpu_drops(win, app, n_drops, 7)
    calls = python_calls(win, app, 5, 8)
    every = ds.seats.ac_no.tolist()
    keys = [p.model.pool_key for p in win.pool_panels]
    bulk = []
    for i in range(3):
        t0 = time.perf_counter()
        win.doc.move(every, keys[i % 2])
        settle(app)
        bulk.append((time.perf_counter() - t0) * 1e3)
        QThreadPool.globalInstance().waitForDone()   # its re-simulation, not timed here
        settle(app)
    win.doc.undo_stack.undo()
    settle(app)
    QThreadPool.globalInstance().waitForDone()
    settle(app)
    opt = "-"
    if optimise:
        from explorer.core import optimise as O
        from explorer.core.optimise.limits import DEFAULT_TIME_LIMIT, Budget
        snap = win.doc.snapshot()
        t0 = time.perf_counter()
        o = O.Optimiser(snap.dataset, snap, budget=Budget.whole(DEFAULT_TIME_LIMIT))
        r = o.optimise(prices=False)
        opt = f"{time.perf_counter() - t0:.1f}s({r.status})"
    now, peak = rss_mb()
    win.hide()
    return (f"scale seats={ds.seats.n} partners={len(codes)} ({held}): move_p95_ms={p95(wall):.1f} "
            f"move_cpu_p95_ms={p95(cpu):.1f} move_cpu_median_ms={statistics.median(cpu):.1f} move_py_calls={calls:.0f} "
            f"assign_all_ms={statistics.median(bulk):.0f} shown_s={opened['shown_s']:.1f} "
            f"first_figures_s={opened['first_figures_s']:.1f} figures_s={opened['figures_s']:.1f} open_s={opened['open_s']:.1f} stall_ms={opened['stall_ms']:.0f} "
            f"sim_ms={min(sims) * 1e3:.0f} optimise={opt} "
            f"rss_idle_mb={rss_idle:.0f} rss_peak_mb={peak:.0f} frame_ref_ms={ref:.1f}")


def scale(argv: list[str]) -> int:
    """``--scale [--seats 90,543] [--partners 2,8] [--no-optimise] [--drops N] [--glibc-default]``: one
    line per size, each size in a child process (with glibc's thresholds as the app sets them, or
    glibc's own with ``--glibc-default``, as this bench measured before)."""
    import subprocess

    def opt(name, default):
        return argv[argv.index(name) + 1] if name in argv else default
    seats = [int(x) for x in opt("--seats", ",".join(map(str, SCALE_SEATS))).split(",")]
    partners = [int(x) for x in opt("--partners", ",".join(map(str, SCALE_PARTNERS))).split(",")]
    for n in seats:
        for p in partners:
            cmd = [sys.executable, __file__, "--scale-one", str(n), str(p), opt("--drops", "40")]
            cmd += [a for a in ("--no-optimise", "--glibc-default") if a in argv]
            out = subprocess.run(cmd, capture_output=True, text=True)
            lines = [ln for ln in out.stdout.splitlines() if ln.startswith("scale ")]
            err = [ln for ln in out.stderr.splitlines() if ln.strip()][-1:] or [f"exit {out.returncode}"]
            print(lines[-1] if lines else f"scale seats={n} partners={p}: failed ({err[0][:300]})", flush=True)
    return 0


def bulk_only(n: int) -> int:
    """``--bulk [N]``: the 90-seat bulk edits alone (assign all, a preset, undo of a 90-seat move,
    then an assumption spin-box step with the Assumptions dock in front), N runs each, with the
    frame reference and, per edit (the spin-box steps apart), the scoreboard headline and status line
    laid out (each a text measured again: counted on the GUI thread, the Python calls they make),
    and the median GUI-thread CPU of each edit (``bulk_gui_cpu_ms``)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    from explorer.core.dataset_io import load_embedded
    ref = frame_ref(app)
    from explorer.gui.app_style import apply_style
    apply_style(app)
    win = open_window(app, load_embedded())
    drops(win, app, 20, 99)
    sb, counts = win.scoreboard, {"headline": 0, "status": 0}
    orig_headline, orig_status = sb._show_headline, win.status.setText

    def headline():
        counts["headline"] += 1
        orig_headline()

    def status(*a):
        counts["status"] += 1
        orig_status(*a)
    sb._show_headline, win.status.setText = headline, status
    cpu: dict[str, list[float]] = {}
    frames: dict[str, list[int]] = {}
    counter = FrameCounter(win)
    win.installEventFilter(counter)      # on the window alone: its UpdateRequest events, no other event filtered
    bulk = bulk_cases(win, app, n, presets=True, cpu=cpu, frames=frames)
    edits = sum(len(t) for t in bulk.values()) + 2          # bulk_cases' two moves between the cases
    shown = dict(counts)
    spins = list(win.assumptions_panel.transfer_spins.values())
    win.assumptions_dock.raise_()
    settle(app)
    base = spins[0].value()
    cpu["spin"], frames["spin"] = [], []
    bulk["assumption spin-box step"] = timed(
        app, lambda i: spins[0].setValue(base + (i % 10 + 1) * (1 if base < 50 else -1)), n, cpu["spin"],
        frames["spin"])
    win.removeEventFilter(counter)
    for k, t in bulk.items():
        print(f"{k}, 90 seats: median {statistics.median(t):.1f} ms, p95 {p95(t):.1f} ms, max {max(t):.1f} ms "
              f"over {len(t)} runs")
    print(f"per bulk edit: scoreboard headline shown {shown['headline'] / edits:.2f} times, "
          f"status line set {shown['status'] / edits:.2f} times (re-simulations landing included)")
    # the GUI thread's own CPU per edit (the wall time above includes what other processes and the
    # re-simulation's thread take from it: under load, this is the steadier figure)
    print("bulk_gui_cpu_ms " + " ".join(f"{k}={statistics.median(v):.1f}" for k, v in cpu.items()))
    # the window's paint passes from the edit to idle, median/most (1: the edit painted in one frame)
    print("bulk_frames " + " ".join(f"{k}={statistics.median(v):g}/{max(v)}" for k, v in frames.items()))
    print(f"bulk_ms frame_ref_ms={ref:.1f}")
    win.hide()
    return 0


def widget_name(w) -> str:
    """A widget's class and object name, with its parent's (and grandparent's, for a scroll area's
    viewport or scroll bar) where it has no name of its own: ``QTableView(walk_away)/QWidget(qt_scrollarea_viewport)``."""
    name = f"{type(w).__name__}({w.objectName()})"
    p = w.parent()
    if p is not None and (not w.objectName() or w.objectName().startswith("qt_")):
        name = f"{type(p).__name__}({p.objectName()})/{name}"
        g = p.parent()
        if g is not None and p.objectName().startswith("qt_"):
            name = f"{type(g).__name__}({g.objectName()})/{name}"
    return name


def paints(n: int) -> int:
    """``--paints [N]``: which widgets paint, how often and at what GUI-thread CPU, per edit of
    Haryana's window (offscreen): an assign-all, a 10-seat and a 1-seat move (``doc.move``, the
    event loop run to idle), 2N edits each after 20 drops and 8 edits of each kind to settle (a
    label's first wider text re-lays the window once: each widget's mean counts it). Each
    widget's paint event is timed alone (``time.thread_time`` around its delivery: Qt paints a
    widget's children in events of their own); the edit's own CPU is printed beside. The timing
    goes through a Python ``notify``, which adds a few µs an event to every edit alike."""
    import collections
    from PySide6.QtCore import QEvent

    cpu, count, on = collections.defaultdict(float), collections.Counter(), [False]

    class TimedApp(QApplication):
        def notify(self, obj, ev):
            if on[0] and ev.type() == QEvent.Type.Paint:
                c0 = time.thread_time()
                r = super().notify(obj, ev)
                name = widget_name(obj)
                cpu[name] += time.thread_time() - c0
                count[name] += 1
                return r
            return super().notify(obj, ev)
    app = TimedApp(sys.argv[:1])
    app.setStyle("Fusion")
    ref = frame_ref(app)
    from explorer.core.dataset_io import load_embedded
    from explorer.gui.app_style import apply_style
    apply_style(app)
    win = open_window(app, load_embedded())
    drops(win, app, 20, 99)
    doc = win.doc
    every = doc.dataset.seats.ac_no.tolist()
    keys = [p.model.pool_key for p in win.pool_panels]

    def edit(kind: str, i: int) -> None:
        seats = every if kind == "assign_all" else \
            [int(a) for a in np.random.default_rng(i).choice(every, int(kind.split("_")[1]), replace=False)]
        doc.move(seats, keys[i % len(keys)])
    for kind in ("assign_all", "move_10", "move_1"):
        for i in range(8):
            edit(kind, 1000 + i)
            settle(app)
        cpu.clear()
        count.clear()
        on[0] = True
        edit_cpu = timed(app, lambda i: edit(kind, i), n, [])
        own = []
        for i in range(n):
            c0 = time.thread_time()
            edit(kind, n + i)
            settle(app)
            own.append((time.thread_time() - c0) * 1e3)
        on[0] = False
        k = 2 * n
        print(f"{kind}: edit_cpu_median_ms={statistics.median(own):.2f} paint_cpu_ms={sum(cpu.values()) / k * 1e3:.2f} "
              f"(per edit, {n * 2} edits; wall median {statistics.median(edit_cpu):.1f} ms)")
        for name, t in sorted(cpu.items(), key=lambda kv: -kv[1])[:14]:
            print(f"  {t / k * 1e3:6.3f} ms {count[name] / k:4.1f}x  {name}")
    print(f"paints frame_ref_ms={ref:.1f}")
    win.hide()
    return 0


if __name__ == "__main__":
    if "--paints" in sys.argv:
        k = sys.argv.index("--paints")
        raise SystemExit(paints(int(sys.argv[k + 1]) if len(sys.argv) > k + 1 else 30))
    if "--bulk" in sys.argv:
        k = sys.argv.index("--bulk")
        raise SystemExit(bulk_only(int(sys.argv[k + 1]) if len(sys.argv) > k + 1 else 40))
    if "--scale-one" in sys.argv:
        k = sys.argv.index("--scale-one")
        print(scale_one(int(sys.argv[k + 1]), int(sys.argv[k + 2]), "--no-optimise" not in sys.argv,
                        int(sys.argv[k + 3])), flush=True)
        raise SystemExit(0)
    if "--scale-pair" in sys.argv:
        a = sys.argv

        def arg(name, default):
            return a[a.index(name) + 1] if name in a else default
        raise SystemExit(scale_pair([int(x) for x in arg("--scale-pair", "90,4100").split(",")],
                                    int(arg("--partners", "21")), int(arg("--drops", "60")), arg("--profile", None)))
    if "--scale" in sys.argv:
        raise SystemExit(scale(sys.argv))
    if "--543" in sys.argv:  # issue 11's case alone: python tools/bench_gui.py --543
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        n = int(sys.argv[sys.argv.index("--543") + 1]) if len(sys.argv) > sys.argv.index("--543") + 1 else 100
        print(bench_543_8_partners(QApplication.instance() or QApplication(sys.argv[:1]), n, 2))
        raise SystemExit(0)
    raise SystemExit(main())
