"""An export as one job that runs anywhere (issue 26: exports off the GUI thread with progress):
an ``ExportRequest`` holds what the export reads, taken on the GUI thread (the scenario as a
detached copy, the uncertainty figures as plain values, the walk-away as a function of immutable
values); ``write_export`` evaluates, draws and writes it, saying where it is through
``progress(stage, done, total)`` and stopping between steps when ``cancelled()`` says so (the
file is written atomically at the end, so a stopped export leaves nothing)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .scenario import Scenario

KINDS = ("pdf", "xlsx", "csv")
STEPS = ("walk-away values", "evaluating the split", "drawing", "writing the file")


class ExportCancelled(Exception):
    pass


@dataclass(frozen=True)
class ExportRequest:
    kind: str                                     # pdf, xlsx or csv
    path: str
    scenario: Scenario                            # a detached copy: no view edits it
    uncertainty: dict | None = None               # Figures.to_json() of the split, or None
    walk_away: Callable[[], dict] | None = None   # each partner's walk-away value, computed in the job

    @staticmethod
    def of(kind: str, path: str, scenario, uncertainty: dict | None = None,
           walk_away: Callable[[], dict] | None = None) -> "ExportRequest":
        """Take the request on the thread that edits ``scenario``: the copy is made now."""
        if kind not in KINDS:
            raise ValueError(f"export kind {kind!r}: use {', '.join(KINDS)}")
        copy = Scenario.from_json(scenario.dataset, scenario.to_json(), scenario.name)
        return ExportRequest(kind, path, copy, None if uncertainty is None else dict(uncertainty), walk_away)


def write_export(req: ExportRequest, progress: Callable[[str, int, int], None] = lambda s, d, t: None,
                 cancelled: Callable[[], bool] = lambda: False) -> str:
    """Write the export; return its path. Raises ExportCancelled when stopped, OSError when the
    file cannot be written."""
    from . import brief, exports
    from .engine import Engine
    total = len(STEPS)

    def step(k: int) -> None:
        if cancelled():
            raise ExportCancelled(req.path)
        progress(STEPS[k], k, total)
    unc = req.uncertainty
    if unc is not None and req.walk_away is not None and req.kind != "csv":
        step(0)
        unc = dict(unc, walk_away=req.walk_away())
    step(1)
    sc = req.scenario
    ev = Engine(sc.dataset).evaluate(sc)
    step(2)
    if req.kind == "csv":
        exports.write_seat_csv(req.path, sc, ev)
    elif req.kind == "xlsx":
        exports.write_xlsx(req.path, sc, ev, uncertainty=unc)
    else:
        data = brief.brief_pdf_bytes(sc, ev, uncertainty=unc)
        step(3)
        from .jsonio import atomic_write_bytes
        atomic_write_bytes(req.path, data)
    progress("done", total, total)
    return req.path
