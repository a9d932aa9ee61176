"""The XLSX sheet and the PDF brief with the range and P(majority) beside the point figures,
and the brief's walk-away line; from the core and from the window's File ▸ Export."""
from __future__ import annotations

import numpy as np
import openpyxl
import pypdf

from explorer.core import optimise as O
from explorer.core import uncertainty as U
from explorer.core.brief import walk_away_line, write_brief
from explorer.core.engine import Engine
from explorer.core.exports import write_xlsx

from .helpers import congress_everywhere, open_window


def figures(sc, draws=2000):
    ds = sc.dataset
    ev = Engine(ds).evaluate(sc)
    params, _ = U.params_for(ds)
    sim = U.Simulator(ev.projector, ds, params, draws)
    summ = sim.run(sc.pool.astype(np.int64), ds.majority)
    d = U.uncertainty_json(sim, summ, ev.projector, sc.pool, ds.seats, ds.majority, leads=ev.verdict.alliance)
    d["p_alliance"] = [round(float(p), 4) for p in summ.p_alliance]
    d["walk_away"] = O.Optimiser(ds, sc, params, draws).walk_away(sc.pool.astype(np.int64))
    return ev, d, summ


def sheet(path, name):
    ws = openpyxl.load_workbook(path)[name]
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_xlsx_and_brief_carry_the_range(tmp_path):
    sc = congress_everywhere()
    ev, d, summ = figures(sc)
    med, lo, hi = summ.interval(summ.alliance_seats)
    write_xlsx(tmp_path / "s.xlsx", sc, ev, uncertainty=d)
    summary = dict((r[0], r[1]) for r in sheet(tmp_path / "s.xlsx", "Summary")[1:])
    h = U.alliance_headline(summ, 32, 2)
    assert d["headline"] == h.to_json() and d["headline"]["leads"] == 32
    # the simulated elections' point, the partners' expected seats adding up to it, the count led named
    assert summary["Alliance expected seats (simulated elections)"] == h.seats == round(summ.alliance_seats.mean())
    assert summary["Expected seats AAP"] + summary["Expected seats INC"] == h.seats
    assert summary["Alliance seats led on the projected votes"] == 32
    assert summary["Alliance seats, 80 % range"] == f"{lo}–{hi}" and summary["Alliance seats, median"] == med
    assert summary["P(majority) (%)"] == round(summ.p_majority * 100, 1)
    assert summary["Simulated elections"] == 2000
    w = d["walk_away"]["INC"]
    assert summary["INC expected seats in the alliance / alone"] == f"{w['alliance']:.1f} / {w['alone']:.1f}"
    seats = sheet(tmp_path / "s.xlsx", "Seats")
    col = seats[0].index("p_alliance")
    assert seats[0][col - 1] == "alliance_margin_pts"
    assert [r[col] for r in seats[1:]] == d["p_alliance"]
    # without the figures, the sheet is as before
    write_xlsx(tmp_path / "p.xlsx", sc, ev)
    assert "p_alliance" not in sheet(tmp_path / "p.xlsx", "Seats")[0]
    assert "Alliance seats, 80 % range" not in dict((r[0], r[1]) for r in sheet(tmp_path / "p.xlsx", "Summary"))

    write_brief(tmp_path / "b.pdf", sc, ev, uncertainty=d)
    text = pypdf.PdfReader(tmp_path / "b.pdf").pages[0].extract_text()
    assert f"80 %: {lo}–{hi} · P(majority) {summ.p_majority * 100:.0f} %" in text
    assert f"80 % range {lo}–{hi}" in text
    flat = " ".join(text.split())
    assert f"Alliance {h.seats} expected, leads in 32" in flat and "majori…" not in flat     # the chart's title, whole
    assert f"{h.seats} of 90 expected (majority 46); 80 % range {lo}–{hi}" in flat and "leads in 32 on the" in flat
    assert f"INC {w['alliance']:.1f} expected seats in the alliance, {w['alone']:.1f} alone" in flat
    # what the model was fitted on and its measured coverage (resources/seat_model.json: 134 of 172)
    from explorer.core.seat_model import shipped
    b = shipped()[1]["backtest"]
    assert (b["covered80"], b["bloc_transitions"]) == (134, 172)
    assert "held the result in 134 of 172" in flat and "Without a poll the range is wide" in flat
    assert d["model"]["poll"] is False and d["model"]["median_width80"] == b["median_width80"] == 0.6
    assert walk_away_line({"AAP": {"alliance": 1.25, "alone": 0.5}}) == \
        "Walk-away: AAP 1.2 expected seats in the alliance, 0.5 alone (gains)"


def test_window_export_uses_the_live_figures(qtbot, tmp_path):
    w = open_window(qtbot, congress_everywhere())
    live = w.analysis.live
    qtbot.waitUntil(lambda: live.figures is not None and not live.stale, timeout=20000)
    job = w.files.export("xlsx", str(tmp_path / "w.xlsx"))
    qtbot.waitUntil(lambda: job.finished, timeout=60000)
    summary = dict((r[0], r[1]) for r in sheet(tmp_path / "w.xlsx", "Summary")[1:])
    med, lo, hi = live.figures.interval
    assert summary["Alliance seats, 80 % range"] == f"{lo}–{hi}"
    h = U.alliance_headline(live.figures.summary, 32, 2)     # the scoreboard's point, in the sheet too
    assert summary["Alliance expected seats (simulated elections)"] == h.seats == w.scoreboard.point
    assert summary["Simulated elections"] == 10_000
    job = w.files.export("pdf", str(tmp_path / "w.pdf"))
    qtbot.waitUntil(lambda: job.finished, timeout=60000)
    text = " ".join(pypdf.PdfReader(tmp_path / "w.pdf").pages[0].extract_text().split())
    assert "Walk-away: AAP" in text and f"P(majority) {live.figures.p_majority * 100:.0f} %" in text
