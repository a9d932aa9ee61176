"""Exports for leadership: the negotiation sheet (CSV, XLSX) and the comparison of two deals.

Every file is written atomically: to a temporary file beside the target, then renamed.

No export writes a formula from data. Names, codes and notes come from files the other side
of a negotiation may have written, and a spreadsheet program runs a cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula (CSV injection). Every text cell
that begins so is written as text: in CSV with a leading apostrophe (OWASP's advice), in XLSX as
a string cell with Excel's quote prefix (the text itself unchanged). Numbers stay numbers."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

import pandas as pd

from .engine import Evaluation, SeatRow
from .jsonio import atomic_write_bytes
from .report import partner_fielding, pool_counts
from .scenario import Scenario

SEAT_SHEET_COLUMNS = list(SeatRow._fields)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_formula(value) -> bool:
    """Whether a spreadsheet program could take this cell for a formula: text that begins
    with = + - @, a tab or a carriage return."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def as_text(value):
    """A cell value for a CSV file: such text gets a leading apostrophe, so it is read as text;
    anything else (numbers, other text) is returned as it is."""
    return "'" + value if starts_formula(value) else value


def _text_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):
            out[col] = pd.Series([as_text(v) for v in out[col]], index=out.index, dtype=out[col].dtype)
    out.columns = [as_text(c) for c in out.columns]
    return out


# CSV exports open alike in Excel on Windows and in LibreOffice: UTF-8 with a byte-order mark
# (without one Excel reads the bytes as the ANSI code page: Devanagari and ₹ come out as
# mojibake) and CRLF line ends (RFC 4180); every CSV reader of the app takes them back.
CSV_BOM = "\ufeff"
CSV_EOL = "\r\n"


def _frame_csv(df: pd.DataFrame, out) -> None:
    _text_frame(df).to_csv(out, index=False, lineterminator=CSV_EOL)


def _text_cells(workbook) -> None:
    """Make every cell of the workbook that openpyxl would store as a formula, or whose text
    begins like one, a plain string cell with the quote prefix."""
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or starts_formula(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def seat_sheet(sc: Scenario, ev: Evaluation, uncertainty: dict | None = None) -> pd.DataFrame:
    """One row per seat: pool, baseline result, projected result, conflicts (the evaluation's rows);
    with ``uncertainty``, P(the alliance wins) beside the projected winner."""
    df = pd.DataFrame(ev.seat_rows, columns=SEAT_SHEET_COLUMNS)
    if sc.rivals:   # every bloc's candidates in the seat, and the bloc its winner counts for
        at = df.columns.get_loc("projected_winner") + 1
        df.insert(at, "winner_bloc", [b or "" for b in ev.winner_bloc])
        for k, b in enumerate(sc.rivals):
            df.insert(at + 1 + k, f"{b.name} stands",
                      [" v ".join(ev.rival_contest(i)[b.name]) for i in range(sc.seats.n)])
    if uncertainty and uncertainty.get("p_alliance") is not None:
        df.insert(df.columns.get_loc("alliance_margin_pts") + 1, "p_alliance",
                  [round(float(p), 4) for p in uncertainty["p_alliance"]])
    return df


def uncertainty_rows(uncertainty: dict | None) -> list[tuple[str, object]]:
    """The range and P(majority) next to the point figures (``uncertainty``: the ``uncertainty``
    block of ``project --json``, optionally with ``walk_away`` as ``optimise --json`` gives it)."""
    if not uncertainty:
        return []
    a = uncertainty["alliance_seats"]
    h = uncertainty.get("headline")
    rows: list[tuple[str, object]] = [("Alliance expected seats (simulated elections)", h["seats"])] if h else []
    rows += [("Alliance seats, 80 % range", f"{a['p10']}–{a['p90']}"), ("Alliance seats, median", a["median"]),
        ("P(majority) (%)", round(uncertainty["p_majority"] * 100, 1)),
        ("Simulated elections", uncertainty["draws"])]
    for code, n in (h or {}).get("partners", {}).items():     # adding up to the alliance's expected seats
        rows.append((f"Expected seats {code}", n))
    for party, r in list(uncertainty.get("seats", {}).items())[:8]:
        rows.append((f"Seats {party}, 80 % range", f"{r['p10']}–{r['p90']}"))
    for code, w in (uncertainty.get("walk_away") or {}).items():
        rows.append((f"{code} expected seats in the alliance / alone", f"{w['alliance']:.1f} / {w['alone']:.1f}"))
    return rows


def summary_rows(sc: Scenario, ev: Evaluation, uncertainty: dict | None = None) -> list[tuple[str, object]]:
    pr = ev.projection
    rows: list[tuple[str, object]] = [("Scenario", sc.name), ("Date", date.today().isoformat())]
    for k, v in pool_counts(sc, ev).items():
        rows.append((f"Seats in pool {sc.pools.label(sc.pools.index(k))}", v))
    for code, v in partner_fielding(sc, ev).items():
        rows.append((f"{code} contests (alone + contested)", v["fielding"]))
        rows.append((f"{code} SC seats alone", v["sc_allotted"]))
    # the seats each leads in on the projected votes (a count, not the simulated elections' expected seats)
    for party, n in pr.seats_by_party().items():
        rows.append((f"Seats led {party}", n))
    if sc.rivals:
        for name, n in ev.bloc_seats.items():
            if n or name in ev.blocs.names:
                rows.append((f"Seats led, {name}" + (" (ours)" if name == sc.bloc_name else ""), n))
    rows += [("Alliance seats led on the projected votes", pr.alliance_seats)] + uncertainty_rows(uncertainty) + [
             ("Majority", pr.majority),
             ("Vote coverage (%)", round(pr.coverage * 100, 2)),
             ("Alliance votes kept", int(round(pr.kept_votes))),
             ("Partners' combined vote", int(round(float(pr.partner_votes.sum())))),
             ("Conflicts", len(ev.conflicts))]
    return rows


def assumption_rows(sc: Scenario) -> list[tuple[str, object]]:
    a = sc.assumptions
    codes = [p.code for p in sc.pools.partners]
    rows: list[tuple[str, object]] = [("Baseline", sc.dataset.baselines[a.baseline].label)]
    for f in codes:
        for t in codes:
            if f != t:
                rows.append((f"Transfer {f} voters to {t} candidate (%)", round(a.transfer_rate(f, t) * 100, 1)))
    for p, v in a.swing_items:
        rows.append((f"Swing {p} (points)", v))
    for p, v in a.poll_items:
        rows.append((f"Poll {p} (% of the valid vote)", v))
    if a.poll_items:
        rows.append(("Poll's own error (points of each share)", a.poll_error))
    for c in sc.contenders:
        rows.append(("New contender", c.label))
    for b in sc.rivals:
        rows.append((f"Rival bloc {b.name}", ", ".join(b.partners)))
        rows.append((f"{b.name}: split", f"{b.split}" + (f", {len(b.seats)} seats edited" if b.seats else "")))
        rows.append((f"{b.name}: transfer between its partners (%)", round(b.transfer * 100, 1)))
    for ac, v in a.seat_adjust_items:
        rows.append((f"Adjustment {sc.seats.name(ac)} (points)", v))
    rows.append(("Data", sc.dataset.attribution.replace("\n", " ").strip()))
    return rows


def write_seat_csv(path, sc: Scenario, ev: Evaluation) -> None:
    out = io.StringIO(CSV_BOM)
    out.seek(0, io.SEEK_END)
    _frame_csv(seat_sheet(sc, ev), out)
    atomic_write_bytes(path, out.getvalue().encode("utf-8"))


def write_xlsx(path, sc: Scenario, ev: Evaluation, uncertainty: dict | None = None) -> None:
    """Sheets: Seats (one row per seat), Summary, Assumptions, Conflicts. With ``uncertainty``
    the Summary gives the 80 % ranges and P(majority), the Seats sheet each seat's P(win)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        seat_sheet(sc, ev, uncertainty).to_excel(xw, sheet_name="Seats", index=False)
        pd.DataFrame(summary_rows(sc, ev, uncertainty), columns=["figure", "value"]).to_excel(
            xw, sheet_name="Summary", index=False)
        pd.DataFrame(assumption_rows(sc), columns=["assumption", "value"]).to_excel(
            xw, sheet_name="Assumptions", index=False)
        pd.DataFrame([(c.severity, c.kind, c.message, ", ".join(sc.seats.names_of(c.seats[:12])))
                      for c in ev.conflicts], columns=["severity", "rule", "conflict", "seats"]).to_excel(
            xw, sheet_name="Conflicts", index=False)
        ws = xw.sheets["Seats"]
        ws.freeze_panes = "C2"
        for col, width in zip("ABCDEFGHIJKLMNOP", (6, 20, 14, 20, 8, 11, 10, 10, 10, 10, 10, 10, 10, 10, 8, 60)):
            ws.column_dimensions[col].width = width
        xw.sheets["Summary"].column_dimensions["A"].width = 36
        xw.sheets["Assumptions"].column_dimensions["A"].width = 36
        xw.sheets["Conflicts"].column_dimensions["C"].width = 70
        _text_cells(xw.book)
    atomic_write_bytes(path, buf.getvalue())


@dataclass
class Comparison:
    name_a: str
    name_b: str
    seats: pd.DataFrame               # the seats whose pool or projected winner differ
    figures: pd.DataFrame             # figure, A, B, change
    conflicts_added: list[str]        # in B, not in A
    conflicts_resolved: list[str]     # in A, not in B


def compare(a: Scenario, ev_a: Evaluation, b: Scenario, ev_b: Evaluation) -> Comparison:
    sa, sb = seat_sheet(a, ev_a), seat_sheet(b, ev_b)
    diff = (sa["pool"] != sb["pool"]) | (sa["projected_winner"] != sb["projected_winner"])
    seats = pd.DataFrame({
        "ac_no": sa["ac_no"][diff], "constituency": sa["constituency"][diff],
        "pool_a": sa["pool"][diff], "pool_b": sb["pool"][diff],
        "winner_a": sa["projected_winner"][diff], "winner_b": sb["projected_winner"][diff],
        "alliance_margin_a": sa["alliance_margin_pts"][diff], "alliance_margin_b": sb["alliance_margin_pts"][diff],
    }).reset_index(drop=True)
    fa, fb = dict(summary_rows(a, ev_a)), dict(summary_rows(b, ev_b))
    rows = []
    for key in list(dict.fromkeys(list(fa) + list(fb))):
        if key in ("Scenario", "Date"):
            continue
        va, vb = fa.get(key, 0), fb.get(key, 0)
        change = round(vb - va, 2) if isinstance(va, (int, float)) and isinstance(vb, (int, float)) else ""
        rows.append((key, va, vb, change))
    figures = pd.DataFrame(rows, columns=["figure", "a", "b", "change"])
    ma = [c.message for c in ev_a.conflicts]
    mb = [c.message for c in ev_b.conflicts]
    return Comparison(a.name, b.name, seats, figures, [m for m in mb if m not in ma], [m for m in ma if m not in mb])


def write_comparison_csv(path, cmp: Comparison) -> None:
    """Three blocks in one CSV: the seats that differ, the figures, the conflicts."""
    out = io.StringIO(CSV_BOM)
    out.seek(0, io.SEEK_END)
    rows = csv.writer(out, lineterminator=CSV_EOL)
    rows.writerow([f"# Comparison: A = {cmp.name_a}; B = {cmp.name_b}"])
    _frame_csv(cmp.seats, out)
    out.write(CSV_EOL)
    _frame_csv(cmp.figures, out)
    out.write(CSV_EOL)
    rows.writerow(["conflict", "status"])
    for m in cmp.conflicts_added:
        rows.writerow([as_text(m), "added in B"])
    for m in cmp.conflicts_resolved:
        rows.writerow([as_text(m), "resolved in B"])
    atomic_write_bytes(path, out.getvalue().encode("utf-8"))


