"""The one funnel for work off the GUI thread (as Anki's aqt.operations: the op runs in the
background on what it was handed, its typed result comes back on the GUI thread).

``run_job(snapshot, op, on_done)`` runs ``op(snapshot, job)`` on Qt's global thread pool. The
snapshot is taken on the GUI thread before the call (``ScenarioSnapshot``, a data set build's
request: immutable values), so the op never reads the live scenario. The op may call
``job.progress(stage, done, total)`` (delivered to ``on_progress`` on the GUI thread) and should
look at ``job.cancelled`` between steps. Its result (or the failure, as text) is delivered on the
GUI thread, unless:

- the ``owner`` that asked (a panel, a dialog) has been deleted meanwhile: dropped;
- the job is stale: a later job was started in the same ``lane`` (one view's line of work; the
  earlier job is asked to stop): handed to ``on_stale`` when given, otherwise dropped.

A job cancelled by the strategist (``job.cancel()``) is not stale: what the op made of it (the
optimiser's best split so far) is delivered.
"""
from __future__ import annotations

import threading
import traceback
from typing import Callable, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

S = TypeVar("S")
R = TypeVar("R")


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)
    progress = Signal(str, int, int)


class Job(Generic[S]):
    """One background job: what the op is handed beside its snapshot, and the GUI thread's handle."""

    def __init__(self, snapshot: S, lane: "JobLane | None"):
        self.snapshot = snapshot
        self.lane = lane
        self._cancel = threading.Event()
        self.signals = _Signals()
        self.finished = False

    # -- for the op, on the worker ---------------------------------------------------------------
    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def progress(self, stage: str, done: int, total: int) -> None:
        try:
            self.signals.progress.emit(stage, int(done), int(total))
        except RuntimeError:     # the application is closing
            pass

    # -- for the GUI thread ------------------------------------------------------------------------
    def cancel(self) -> None:
        """Ask the op to stop at its next check."""
        self._cancel.set()

    @property
    def stale(self) -> bool:
        """A later job was started in this job's lane."""
        return self.lane is not None and self.lane.job is not self


class JobLane:
    """One view's line of background work: the last job started in it is the current one; a job
    started before it is stale (and asked to stop)."""

    def __init__(self):
        self.job: Job | None = None

    def start(self, job: Job) -> None:
        if self.job is not None and not self.job.finished:
            self.job.cancel()
        self.job = job

    @property
    def busy(self) -> bool:
        return self.job is not None and not self.job.finished

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()


class _Runnable(QRunnable):
    def __init__(self, job: Job, op: Callable):
        super().__init__()
        self.job, self.op = job, op
        self.setAutoDelete(True)

    def run(self):
        job = self.job
        try:
            out = self.op(job.snapshot, job)
        except Exception as e:  # reported on the GUI thread, never lost
            out, ok = f"{type(e).__name__}: {e}\n{traceback.format_exc(limit=3)}", False
        else:
            ok = True
        try:
            (job.signals.done if ok else job.signals.failed).emit(out)
        except RuntimeError:   # the application is closing: nobody waits for it
            pass


_running: set = set()   # the jobs under way (a finished runnable is deleted; its signals live here)


def run_job(snapshot: S, op: Callable[[S, Job], R], on_done: Callable[[R], None],
            on_failed: Callable[[str], None] | None = None, *, owner: QObject | None = None,
            lane: JobLane | None = None, on_progress: Callable[[str, int, int], None] | None = None,
            on_stale: Callable[[R], None] | None = None, asynchronous: bool = True) -> Job[S]:
    """Run ``op(snapshot, job)`` off the GUI thread; see the module's text. ``asynchronous=False``
    runs it at once on this thread (tests, and views asked to be synchronous)."""
    job = Job(snapshot, lane)
    if lane is not None:
        lane.start(job)

    def alive() -> bool:
        return owner is None or isValid(owner)

    def done(x):
        job.finished = True
        _running.discard(job)
        if not alive():
            return
        if job.stale:
            if on_stale is not None:
                on_stale(x)
            return
        on_done(x)

    def failed(text):
        job.finished = True
        _running.discard(job)
        if alive() and not job.stale and on_failed is not None:
            on_failed(text)

    if not asynchronous:
        try:
            out = op(snapshot, job)
        except Exception as e:
            failed(f"{type(e).__name__}: {e}")
        else:
            done(out)
        return job
    _running.add(job)
    job.signals.done.connect(done)
    job.signals.failed.connect(failed)
    if on_progress is not None:
        job.signals.progress.connect(lambda s, d, t: alive() and on_progress(s, d, t))
    QThreadPool.globalInstance().start(_Runnable(job, op))
    return job
