"""The live uncertainty of the document shown.

``LiveUncertainty`` follows one document: a seat move updates only
the moved seats' draws (``Simulator.move``, a few ms, on the GUI thread); a change of the
assumptions, of the uncertainty level or of the number of draws recomputes off the GUI thread,
the last figures marked stale until the new ones arrive. One job runs at a time; changes made
meanwhile are coalesced into one more job. A large data set's first figures come in two passes:
``QUICK_DRAWS`` draws at once (the window shows them greyed, "first 1,000 of 10,000 draws…"), then
all of them; the cushion and the walk-away (``simulator_for``) wait for all of them."""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from ..core import uncertainty as U
from .document import Binding, Document
from .jobs import run_job


_PARAMS: dict = {}


def cached_params(ds, level: str):
    """The fitted sizes, once per data set, version of its imports and level (a fit costs ~0.2 s)."""
    key = (ds.uid, ds.version, level)
    if key not in _PARAMS:
        _PARAMS[key] = U.params_for(ds, level)[0]
    return _PARAMS[key]


_LIBC: list = []


def give_back_freed_memory() -> None:
    """Linux (glibc): the pages a background job freed handed back to the system (``malloc_trim``),
    once its figures have landed. The app maps blocks from 1 MiB apart (``app._give_back_freed_memory``)
    but a simulation's many smaller temporaries, freed on the worker thread, stay resident in that
    thread's heap otherwise (at 4,100 seats x 21 partners: tens of MB of the idle window). A few ms."""
    if not _LIBC:
        import ctypes
        import sys
        try:
            _LIBC.append(ctypes.CDLL(None).malloc_trim if sys.platform.startswith("linux") else None)
        except (OSError, AttributeError):     # not glibc
            _LIBC.append(None)
    if _LIBC[0] is not None:
        _LIBC[0](0)


def fork(sim: U.Simulator) -> U.Simulator:
    """A simulator on the same draws and prepared tables as ``sim`` (shared, not copied), with a
    split of its own to run or move (``Simulator.first_draws`` of all its draws, on its very bank)."""
    out = sim.first_draws(sim.draws)
    out.bank = sim.bank
    return out


@dataclass(frozen=True)
class Settings:
    level: str = "fitted"          # low / fitted / high
    draws: int = U.DEFAULT_DRAWS
    seed: int = U.DEFAULT_SEED


@dataclass(frozen=True, eq=False)
class Simulation:
    """What one simulation job brings back: the simulator (kept for the moves that follow), the
    split it ran and its summary."""
    token: int
    key: tuple
    sim: U.Simulator
    pools: np.ndarray
    summary: U.Summary
    first_pass: bool = False   # the quick first pass (``QUICK_DRAWS``): all the draws follow


class Later:
    """A figure worked out when a view first reads it, once (every copy of the figures shares
    it): ``Later(fn, *args)()``; the arguments are taken at the move (copies: the split then)."""
    __slots__ = ("fn", "args", "value")

    def __init__(self, fn, *args):
        self.fn, self.args, self.value = fn, args, None

    def __call__(self):
        if self.fn is not None:
            self.value, self.fn, self.args = self.fn(*self.args), None, None
        return self.value


@dataclass
class Figures:
    """What the views show of the uncertainty, for one split."""
    summary: U.Summary
    cushion_of: Later | None   # the cushion (``cushion``), worked out when first read: only the
    #                            Uncertainty dock in front and the exports read it, not every move
    point: int                 # the deterministic projection of the alliance
    seats: object              # SeatTable
    settings: Settings
    stale: bool = False
    model: dict | None = None  # what the model was fitted on, its coverage (uncertainty.model_notes)
    first_draws: int | None = None  # the quick first pass's draws (these figures are marked stale,
    #                                 the cushion None): all the settings' draws are on their way
    headline: U.Headline | None = None  # the alliance's expected seats, range, P(majority), leads in:
    #                                     made once with the figures, read by every view
    segments: list | None = None  # the seat bar's expected seats (core.uncertainty.expected_segments,
    #                               made once with the headline it adds up to)

    @property
    def cushion(self) -> dict | None:
        """The uniform swing to the main rival at which the majority is lost or won (None for the
        quick first pass's figures)."""
        return None if self.cushion_of is None else self.cushion_of()

    @property
    def interval(self) -> tuple[int, int, int]:
        return self.summary.interval(self.summary.alliance_seats)

    @property
    def p_majority(self) -> float:
        return self.summary.p_majority

    @property
    def p_alliance(self) -> np.ndarray:
        return self.summary.p_alliance

    def tipping(self, k: int = 10) -> list[int]:
        return self.summary.tipping_seats(self.seats, k)

    def scoreboard_text(self) -> str:
        med, lo, hi = self.interval
        return f"alliance {self.point} (80 %: {lo}–{hi}) · P(majority) {U.probability_percent(self.p_majority)}"

    def to_json(self) -> dict:
        """The CLI's ``uncertainty`` block, plus the per-seat P(alliance) (for the exports)."""
        s = self.summary
        med, lo, hi = self.interval
        by_party = U.party_intervals(s)
        return ({"model": self.model} if self.model else {}) | ({"cushion": self.cushion} if self.cushion else {}) | {
                "draws": s.draws, "seed": self.settings.seed, "level": self.settings.level,
                "p_majority": round(s.p_majority, 4), "alliance_seats": {"median": med, "p10": lo, "p90": hi},
                "seats": by_party, "tipping_seats": self.tipping(),
                "p_alliance": [round(float(x), 4) for x in s.p_alliance]}


class LiveUncertainty(QObject):
    """The uncertainty of the document shown, kept live."""
    updated = Signal(object)       # Figures (stale or fresh), or None: none for this document yet;
    #                                also when only their stale mark changes, so views follow this one
    staleChanged = Signal(bool)    # the mark alone (a "updating…" label), after the figures that carry it
    failed = Signal(str)

    def __init__(self, doc: Document, parent=None, settings: Settings | None = None, asynchronous: bool = True):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.asynchronous = asynchronous
        self._binding = Binding()
        self.doc = None
        self.sim: U.Simulator | None = None
        self.figures: Figures | None = None
        self.stale = True
        self._bank = None
        self._deferred = False
        self._after_paint = QTimer(self)
        self._after_paint.setSingleShot(True)
        self._after_paint.timeout.connect(self._deferred_request)
        self._token = 0
        self._running = False
        self._pending = False
        self._key = None           # (projector, settings) the simulator stands for
        self._first_pass = False   # self.sim is the quick first pass's: all the draws are coming
        self.jobs_done = 0
        self.stopped = False
        self._notes = (None, None)  # (params, U.model_notes of them): the same sentences for every move
        self.set_document(doc)

    # -- inputs ---------------------------------------------------------------------------------
    def stop(self) -> None:
        """No more figures (the window closed): a job still running is ignored when it ends."""
        self.stopped = True
        self._binding.release()
        self._token += 1

    def resume(self) -> None:
        if self.stopped:
            self.stopped = False
            self.sim = self._key = None
            self._first_pass = False
            self._running = False
            self.set_document(self.doc)

    def set_document(self, doc: Document) -> None:
        if self.stopped or doc is self._binding.doc:   # already following it: its evaluations say what changed
            return
        self.doc = doc
        self._binding.bind(doc, evaluated=self._on_evaluated)
        self._on_evaluated(doc.evaluation)

    def set_settings(self, settings: Settings) -> None:
        if settings != self.settings:
            self.settings = settings
            self._on_evaluated(self.doc.evaluation)

    def _on_evaluated(self, ev) -> None:
        key = (ev.projector, self.settings, self.doc.dataset.uid)
        if self.sim is not None and key == self._key:
            if not self._big_move():
                self._move()
                return
            # many seats at once (assign all, a preset, its undo): the draws of every moved seat
            # are drawn again off the GUI thread, once the window has painted the move (a thread
            # started now would compete with that paint), and the figures meanwhile say "updating"
            self._set_stale(True)
            if not self.asynchronous:
                self._request()
            else:
                # each big move restarts the wait: Ctrl+Z held down, or presets clicked through,
                # simulate once the moves pause, not in a thread competing with every repaint
                self._deferred = True
                self._after_paint.start(self.AFTER_PAINT_MS)
            return
        # another projector (assumptions), data set or settings: recompute off the GUI thread
        if self.sim is not None and self.sim.pj.pools.partners == self.doc.pools.partners \
                and self.sim.ds is self.doc.dataset:
            if self._big_move():
                self._set_stale(True)
            else:                          # the last figures follow the moves meanwhile, marked stale:
                self._set_stale(True, show=False)
                self._move(stale=True)     # shown once, moved and stale together
        elif self.sim is not None or self.figures is not None:   # another data set or alliance: none yet
            self.sim = self._key = self.figures = None
            self._first_pass = False
            self._set_stale(True)
            self.updated.emit(None)
        self._set_stale(True)
        if self.asynchronous and self.figures is not None:
            # with figures to show meanwhile (greyed): once the window has painted the change, as
            # a big move does (a thread started now competed with that paint for the cores and the
            # GIL: a spin-box step's wall time was twice its GUI-thread CPU); steps in a row (a
            # spin box held down) simulate once they pause
            self._deferred = True
            self._after_paint.start(self.AFTER_PAINT_MS)
        else:
            self._request()

    # -- the full recompute ------------------------------------------------------------------------
    def _request(self) -> None:
        if self._running:
            self._pending = True
            return
        self._launch()

    def _launch(self) -> None:
        doc, s = self.doc, self.settings
        snap = doc.snapshot()
        pj, ds = doc.evaluation.projector, snap.dataset
        bank = self._bank
        self._token += 1
        token, key = self._token, (pj, s, ds.uid)
        self._running, self._pending = True, False
        # the same projector and settings (a big move): its prepared tables again, not made anew
        same = fork(self.sim) if self.sim is not None and self._key == key and not self._first_pass else None
        # nothing to show yet, and a large data set: the first figures from fewer draws, at once
        quick = self.first_pass_due(ds.seats.n, s.draws)

        def work(snap, _job) -> Simulation:
            params = U.with_assumed_poll(cached_params(ds, s.level), snap.assumptions, snap.bloc_name)
            pools = snap.pool.astype(np.int64)
            if quick:       # its own small bank: all the draws' simulator is made afresh after it
                sim = U.Simulator(pj, ds, params, self.QUICK_DRAWS, s.seed)
                return Simulation(token, key, sim, pools, sim.run(pools, ds.majority, snap.fight_masks()), True)
            sim = same or U.Simulator(pj, ds, params, s.draws, s.seed, bank=bank)
            # a friendly fight splits only its partners' vote
            out = Simulation(token, key, sim, pools, sim.run(pools, ds.majority, snap.fight_masks()))
            sim.prepare_cushion(pools, ds.majority)     # here, not on the GUI thread when it lands
            return out

        run_job(snap, work, self._arrived, self._failed, owner=self, asynchronous=self.asynchronous)

    def _failed(self, text: str) -> None:
        self._running = False
        if self.stopped:
            return
        self.failed.emit(text)
        if self._pending:
            self._launch()

    def _arrived(self, out: "Simulation") -> None:
        token, key, sim = out.token, out.key, out.sim
        self._running = False
        if self.stopped:
            return
        self.jobs_done += 1
        if not out.first_pass:
            self._bank = sim.bank
        if self._pending or token != self._token or key[2] != self.doc.dataset.uid:
            self._launch()        # the document changed meanwhile: once more with what it is now
            return
        self.sim, self._key, self._first_pass = sim, key, out.first_pass
        if not out.first_pass:
            self._bank = sim.bank
        if key[0] is not self.doc.evaluation.projector or key[1] != self.settings:
            self._launch()
            return
        if out.first_pass:
            # all the draws now (started first: the views that wait for the simulator see it
            # coming); these figures meanwhile, stale, following the moves as any others do
            self._launch()
            self._move()
            return
        # the new figures and their fresh mark change together, in one update: the last figures
        # are never shown as fresh, nor the views updated once for the mark and again for the figures
        was_stale, self.stale = self.stale, False
        self._move()
        if was_stale:
            self.staleChanged.emit(False)
        give_back_freed_memory()

    def _deferred_request(self) -> None:
        self._deferred = False
        if not self.stopped:
            self._request()

    # -- moves: the moved seats only -------------------------------------------------------------------
    AFTER_PAINT_MS = 40   # after the last of a run of big moves (each restarts it), once painted
    # seat-draws a move may redraw on the GUI thread (``Simulator.move_cost``: the seats redrawn
    # times the draws): a drop of up to 90 seats at 10,000 draws lands with the drop's paint, in the
    # same frame (measured on the loaded 2-core machine, the move and its cushion: 90 of 543 seats
    # 15 ms median, 90 of 4,100 13 ms, all 90 of Haryana — a full run — 9 ms); past it (assign all
    # at 543 or 4,100 seats: a full run of every seat; more draws) it runs off the GUI thread
    MOVE_SEAT_DRAWS = 90 * U.DEFAULT_DRAWS

    # a data set of more seats x draws than this gets its first figures in two passes (Haryana's
    # 90 x 10,000 in one: 0.1 s; 4,100 seats x 21 partners, quiet: the first figures 2.1 s after
    # the window is made instead of 6.0 s, all of them at 5.6-5.9 s)
    QUICK_DRAWS = 1_000
    QUICK_SEAT_DRAWS = 2_000_000

    def first_pass_due(self, seats: int, draws: int) -> bool:
        """Whether the next simulation is the quick first pass: nothing shown yet (no simulator,
        no figures), off the GUI thread, and enough seats x draws for it to save time."""
        return (self.asynchronous and self.sim is None and self.figures is None
                and draws > self.QUICK_DRAWS and seats * draws > self.QUICK_SEAT_DRAWS)

    def _big_move(self) -> bool:
        sc = self.doc.scenario
        return self.sim.move_cost(sc.pool.astype(np.int64), sc.fight_masks()) > self.MOVE_SEAT_DRAWS

    def _move(self, stale: bool = False) -> None:
        doc = self.doc
        majority = doc.dataset.majority
        summ = self.sim.move(doc.scenario.pool.astype(np.int64), majority, doc.scenario.fight_masks())
        ev = doc.evaluation
        # its table made with all the draws' simulation (the first pass has none: 1.3 s at 4,100 seats)
        # (worked out when a view reads it, on the split as it is now: the Uncertainty dock behind
        # another and no export, no cushion worked out on a move)
        cush = None if self._first_pass else Later(self.sim.cushion, doc.scenario.pool.copy(), majority)
        leads = int(ev.verdict.alliance)
        h = U.alliance_headline(summ, leads, doc.pools.n_partners)
        if self._notes[0] is not self.sim.params:       # made once per simulator's model, not per move
            self._notes = (self.sim.params, U.model_notes(self.sim.params))
        self.figures = Figures(summ, cush, leads, doc.dataset.seats, self.settings,
                               stale or self.stale or self._first_pass, self._notes[1],
                               self.sim.draws if self._first_pass else None, h, U.expected_segments(summ, h))
        self.updated.emit(self.figures)

    def _set_stale(self, on: bool, show: bool = True) -> None:
        """Marks the figures stale (or not): ``staleChanged`` says so, and ``updated`` brings the
        last figures with the new mark (a copy: figures already handed out keep theirs) unless
        ``show`` is False (new figures follow at once and carry the mark)."""
        if on != self.stale:
            self.stale = on
            if self.figures is not None:
                self.figures = replace(self.figures, stale=on)
                if show:
                    self.updated.emit(self.figures)
            self.staleChanged.emit(on)

    @property
    def busy(self) -> bool:
        return self._running

    def simulator_for(self, key: tuple):
        """The simulator of ``key`` (projector, settings, data set uid) once landed (another view
        forks it: ``Simulator.first_draws``); None, and ``coming`` when a simulation is on its way."""
        return self.sim if self.sim is not None and self._key == key and not self.stopped \
            and not self._first_pass else None

    @property
    def coming(self) -> bool:
        return not self.stopped and (self._running or self._deferred)
