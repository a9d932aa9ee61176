"""File ▸ Export (the PDF brief, the XLSX sheet, the seats as CSV) off the GUI thread, through
the one job funnel (gui/jobs.run_job), with a progress dialog that can stop it: the window keeps
repainting and answering while the brief is drawn (issue 26). What the export reads is taken on
the GUI thread when it starts (core.export_job.ExportRequest: a detached copy of the scenario,
the uncertainty figures as values), so the strategist may go on editing meanwhile."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from ...core.export_job import STEPS, ExportCancelled, ExportRequest, write_export
from ..jobs import JobLane, run_job

TITLES = {"pdf": "Exporting the one-page brief", "xlsx": "Exporting the negotiation sheet",
          "csv": "Exporting the seats"}


class ExportRunner:
    def __init__(self, window):
        self.w = window
        self.lane = JobLane()
        self.progress: QProgressDialog | None = None
        self.last_path: str | None = None
        self.last_error: str | None = None

    @property
    def busy(self) -> bool:
        return self.lane.busy

    def start(self, kind: str, path: str, asynchronous: bool = True):
        """Start writing ``path``; returns the job (``job.finished`` once written or stopped)."""
        doc = self.w.doc
        analysis = getattr(self.w, "analysis", None)
        unc, walk = None, None
        if analysis is not None and kind != "csv":
            unc = analysis.export_uncertainty(walk_away=False)   # None while stale; with the headline
            if unc is not None:
                walk = analysis.walk_away_of()
        req = ExportRequest.of(kind, path, doc.scenario, unc, walk)
        self._show_progress(kind)

        def op(r: ExportRequest, job):
            return write_export(r, job.progress, lambda: job.cancelled)
        return run_job(req, op, self._done, self._failed, owner=self.w, lane=self.lane,
                       on_progress=self._progressed, asynchronous=asynchronous)

    def _show_progress(self, kind: str) -> None:
        self._close_progress()
        p = QProgressDialog(TITLES[kind] + "…", "Stop", 0, len(STEPS), self.w)
        p.setObjectName("export_progress")
        p.setWindowTitle("Export")
        p.setWindowModality(Qt.WindowModality.NonModal)   # the window stays live behind it
        p.setMinimumDuration(300)
        p.setAutoClose(False)
        p.setAutoReset(False)
        p.canceled.connect(self.lane.cancel)
        p.setValue(0)
        self.progress = p

    def _progressed(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setLabelText(f"{stage[:1].upper()}{stage[1:]}…")

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, path: str) -> None:
        self._close_progress()
        self.last_path, self.last_error = path, None
        self.w.statusBar().showMessage(f"Wrote {path}", 5000)

    def _failed(self, text: str) -> None:
        self._close_progress()
        first = text.splitlines()[0] if text else "unknown error"
        if first.startswith(ExportCancelled.__name__):
            self.last_error = "stopped"
            self.w.statusBar().showMessage("Export stopped: nothing was written.", 5000)
            return
        self.last_error = first
        self.w.files.show_error("Cannot export", first)
