"""``--smoke``: check an installation (frozen or not) without a display. Loads the embedded
data and the 2024-talks scenario, computes it, writes the PDF brief and the XLSX sheet to a
temporary folder, checks both, builds the window offscreen, and exits 0 when all is well."""
from __future__ import annotations

import os
import sys
import tempfile
import zipfile


def run_smoke() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ..core import brief, exports
    from ..core.dataset_io import load_embedded
    from ..core.engine import Engine
    from ..core.starting import starting_scenario

    def fail(msg: str) -> int:
        print(f"smoke: FAIL: {msg}", file=sys.stderr)
        return 1

    ds = load_embedded()
    sc = starting_scenario(ds, ds.default_scenario)
    ev = Engine(ds).evaluate(sc)
    seats = ev.projection.seats_by_party()
    if sum(seats.values()) != ds.seats.n:
        return fail(f"projected seats add up to {sum(seats.values())}, not {ds.seats.n}")
    with tempfile.TemporaryDirectory(prefix="seat-share-smoke-") as tmp:
        pdf, xlsx = os.path.join(tmp, "brief.pdf"), os.path.join(tmp, "sheet.xlsx")
        brief.write_brief(pdf, sc, ev)
        exports.write_xlsx(xlsx, sc, ev)
        data = open(pdf, "rb").read()
        pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
        if not data.startswith(b"%PDF") or pages != 1:
            return fail(f"the brief is not a one-page PDF ({pages} pages)")
        with zipfile.ZipFile(xlsx) as z:
            names = z.namelist()
        if "xl/workbook.xml" not in names:
            return fail("the sheet is not an XLSX workbook")
        import openpyxl
        wb = openpyxl.load_workbook(xlsx, read_only=True)
        if wb.sheetnames != ["Seats", "Summary", "Assumptions", "Conflicts"] or wb["Seats"].max_row != ds.seats.n + 1:
            return fail(f"unexpected sheets {wb.sheetnames}")
        sizes = os.path.getsize(pdf), os.path.getsize(xlsx)
    solved = _smoke_optimise(ds, sc)
    if solved.startswith("FAIL"):
        return fail(solved[5:])
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from .main_window import MainWindow
    os.environ.setdefault("SEAT_SHARE_DATA_DIR", tempfile.mkdtemp(prefix="seat-share-smoke-data-"))
    from .settings import follow_data_dir
    follow_data_dir()   # the window's settings stay in that folder too
    win = MainWindow(ds, sc)
    win.resize(1366, 740)
    win.show()
    app.processEvents()
    win.doc.move([36], "AAP")
    if "Jind: Hooda camp nominee seat given to AAP" not in [c.message for c in win.doc.evaluation.conflicts]:
        return fail("moving Jind to AAP raised no Hooda-camp conflict")
    win.files.autosaver.discard()
    print(f"smoke: OK: {', '.join(f'{p} {n}' for p, n in seats.items())}; brief.pdf {sizes[0]:,} bytes (1 page), "
          f"sheet.xlsx {sizes[1]:,} bytes (4 sheets); {solved}; window built")
    return 0


def _smoke_optimise(ds, sc) -> str:
    """Real HiGHS solves (the frozen app must carry highspy's compiled core): the 2024-talks rules all
    hard are infeasible over Kalayat; with the Hooda-camp claim soft the proposal keeps every hard rule."""
    import highspy
    from ..core import optimise as O
    from ..core.uncertainty import params_for
    params, _ = params_for(ds)
    hard = O.Optimiser(ds, sc, params, draws=200).optimise(prices=False)
    if hard.status != "infeasible" or "aap-kalayat" not in hard.conflicting_rules:
        return f"FAIL the all-hard talks gave {hard.status} {hard.conflicting_rules}, not the Kalayat conflict"
    opt = O.Optimiser(ds, sc, params, draws=200, soft={"hooda-nominees": 0.0})
    r = opt.optimise(prices=False)
    if r.status != "optimal" or opt.check_with_rules_engine(r.pools):
        return f"FAIL the optimiser gave {r.status} with the Hooda claim soft"
    v = f"{highspy.HIGHS_VERSION_MAJOR}.{highspy.HIGHS_VERSION_MINOR}.{highspy.HIGHS_VERSION_PATCH}"
    return (f"optimiser (HiGHS {v}): {r.expected_alliance:.1f} expected seats, "
            f"all-hard conflict {'+'.join(hard.conflicting_rules)}")
