"""Exports off the GUI thread with progress (issue 26, item 3): the event loop keeps processing
events while the brief is drawn; the export can be stopped and then writes nothing; what it
writes is the scenario as it was when the export started."""
from __future__ import annotations

from PySide6.QtCore import QTimer

from explorer.core.export_job import STEPS, ExportCancelled, ExportRequest, write_export

from .helpers import congress_everywhere, open_window


def test_the_event_loop_keeps_processing_events_while_the_pdf_is_written(qtbot, tmp_path):
    w = open_window(qtbot, congress_everywhere())
    w.show()
    qtbot.waitExposed(w)
    live = w.analysis.live
    qtbot.waitUntil(lambda: live.figures is not None and not live.stale, timeout=20000)
    ticks, paints = [], []
    timer = QTimer()
    timer.timeout.connect(lambda: (ticks.append(1), w.scoreboard.update()))
    from PySide6.QtCore import QEvent, QObject

    class Paints(QObject):
        def eventFilter(self, obj, e):
            if e.type() == QEvent.Type.Paint:
                paints.append(1)
            return False
    watch = Paints()
    w.scoreboard.installEventFilter(watch)
    timer.start(5)
    out = tmp_path / "brief.pdf"
    job = w.files.export("pdf", str(out))
    assert job and not job.finished           # it returned before the brief was drawn
    ticks.clear(), paints.clear()
    qtbot.waitUntil(lambda: job.finished, timeout=120000)
    timer.stop()
    # while the job ran, timers fired and the window repainted: the GUI thread was free
    assert len(ticks) >= 2 and len(paints) >= 1
    assert out.read_bytes().startswith(b"%PDF")
    assert w.files.exports.last_path == str(out) and f"Wrote {out}" in w.statusBar().currentMessage()
    assert w.files.exports.progress is None


def test_progress_goes_through_every_step_and_a_stop_writes_nothing(tmp_path):
    sc = congress_everywhere()
    seen = []
    req = ExportRequest.of("pdf", str(tmp_path / "a.pdf"), sc, {"alliance_seats": {"median": 32, "p10": 17, "p90": 40},
                                                                "p_majority": 0.01, "draws": 10},
                           lambda: {"AAP": {"alliance": 1.0, "alone": 0.5}})
    assert write_export(req, lambda s, d, t: seen.append((s, d, t))) == str(tmp_path / "a.pdf")
    assert [s for s, _d, _t in seen] == list(STEPS) + ["done"] and seen[-1][1:] == (4, 4)
    stop_at = []

    def cancelled():
        return len(stop_at) > 0
    req2 = ExportRequest.of("pdf", str(tmp_path / "b.pdf"), sc)
    try:
        write_export(req2, lambda s, d, t: stop_at.append(s), cancelled)
    except ExportCancelled:
        pass
    else:
        raise AssertionError("not stopped")
    assert not (tmp_path / "b.pdf").exists()


def test_the_export_writes_the_split_as_it_was_when_it_started(qtbot, tmp_path):
    import csv
    w = open_window(qtbot, congress_everywhere())
    job = w.files.export("csv", str(tmp_path / "seats.csv"))
    w.doc.move([16], "AAP")                    # an edit while the export runs
    qtbot.waitUntil(lambda: job.finished, timeout=60000)
    rows = {r["ac_no"]: r for r in csv.DictReader(open(tmp_path / "seats.csv", encoding="utf-8-sig"))}
    assert rows["16"]["pool"] == "INC" and w.doc.scenario.pool_of(16) == "AAP"
