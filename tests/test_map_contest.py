"""The map's "best partner" and "cost of this assignment" colourings, from the who-should-contest
figures (the optimiser's P per seat and pool), and the per-seat arrays the table can show."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor

from explorer.core import optimise as O
from explorer.core import uncertainty as U
from explorer.core.engine import Engine
from explorer.core.mapstyle import BETTER_FIGHT, MODES, NO_FIGURE, cost_colour, map_style
from explorer.core.pools import pool_colour_hex

from .helpers import congress_everywhere, open_window
from .test_optimise import HAND_P, four_seats

KALAYAT = 16


def test_seat_contest_and_the_map_style_by_hand():
    # HAND_P: AAP alone .9 .8 .6 .3, INC alone .5 .7 .55 .6, contested .2 each
    ds, sc = four_seats()
    sc.assign([1], "INC")
    sc.assign([2], "AAP")
    sc.assign([3], "contested")
    sc.assign([4], "AAP")
    c = O.seat_contest(HAND_P, sc.pools, sc.pool)
    assert c.best_code == ["AAP", "AAP", "AAP", "INC"] and list(c.best) == [0, 0, 0, 1]
    assert c.cost == pytest.approx([0.9 - 0.5, 0.0, 0.6 - 0.2, 0.6 - 0.3])
    ev = Engine(ds).evaluate(sc)
    st = map_style("best_partner", sc, ev, contest=c)
    aap, inc = pool_colour_hex(sc.pools, 0), pool_colour_hex(sc.pools, 1)
    assert st.fill == [aap, aap, aap, inc] and [e[0] for e in st.legend] == ["AAP (3)", "INC (1)"]
    st = map_style("cost", sc, ev, contest=c)
    assert st.fill == [cost_colour(0.4), cost_colour(0.0), cost_colour(0.4), cost_colour(0.3)]
    assert st.fill[1] == "#F7F7F7" and st.fill[0] == "#B2182B"           # 0 white, 0.3 or more deep red
    assert st.title == "Cost vs the better partner alone: 1.10 expected seats"
    # a friendly fight better than either partner alone: a negative cost, green
    P = HAND_P.copy()
    P[2, 2] = 0.8
    assert map_style("cost", sc, ev, contest=O.seat_contest(P, sc.pools, sc.pool)).fill[2] == BETTER_FIGHT
    # no figures yet, or made for another alliance: none, the map grey, "computing…"
    assert O.seat_contest(None, sc.pools, sc.pool) is None and O.seat_contest(HAND_P[:, :3], sc.pools, sc.pool) is None
    assert O.seat_contest(HAND_P[:2], sc.pools, sc.pool) is None
    for mode in ("cost", "best_partner"):
        st = map_style(mode, sc, ev)
        assert st.fill == [NO_FIGURE] * 4 and st.title.endswith("computing…")
    assert MODES["best_partner"] == "Best partner" and MODES["cost"] == "Cost of this assignment"


def test_map_cost_and_best_partner_modes_in_the_window(qtbot):
    w = open_window(qtbot, congress_everywhere())
    mp, who = w.map_panel, w.analysis.who
    assert not who.active and mp.contest_p is None
    mp.set_mode("cost")                       # the who-contests figures are computed, its dock hidden
    assert who.wanted and who.computing and mp.legend.title.endswith("computing…")
    qtbot.waitUntil(lambda: not who.computing and mp.contest_p is not None, timeout=60000)
    sc = congress_everywhere()
    params, _ = U.params_for(sc.dataset)
    P = O.Optimiser(sc.dataset, sc, params, O.DEFAULT_DRAWS).table.win_prob
    np.testing.assert_array_equal(mp.contest_p, P)
    i = sc.seats.index_of(KALAYAT)
    cost = P[:2, i].max() - P[1, i]          # every seat with INC
    assert mp.items[KALAYAT].fill == QColor(cost_colour(cost))
    total = float(np.clip(P[:2].max(axis=0) - P[1], 0, None).sum())
    assert mp.legend.title == f"Cost vs the better partner alone: {total:.2f} expected seats"
    # the table's arrays: what the who-contests panel gives for the current split
    c = who.contest()
    assert c.cost[i] == pytest.approx(cost) and c.best_code[i] == ("AAP" if P[0, i] > P[1, i] else "INC")
    # a move recolours from the same figures: Kalayat to AAP (P(win) about 31 % with INC, 22 % with AAP)
    w.doc.move([KALAYAT], "AAP")
    cost = P[:2, i].max() - P[0, i]
    assert cost > 0.05 and mp.items[KALAYAT].fill == QColor(cost_colour(cost)) != QColor("#F7F7F7")
    assert mp.legend.title == f"Cost vs the better partner alone: {total + cost:.2f} expected seats"
    assert who.contest().cost[i] == pytest.approx(P[:2, i].max() - P[0, i])
    mp.set_mode("best_partner")
    best = int(np.argmax(P[:2, i]))
    assert mp.items[KALAYAT].fill == QColor(pool_colour_hex(w.doc.pools, best))
    who.set_wanted(True, "table")        # another view wanting the figures keeps them coming
    mp.set_mode("pool")
    assert who.wanted
    who.set_wanted(False, "table")
    assert not who.wanted


def test_the_table_shows_best_partner_and_cost_when_asked(qtbot):
    """The Best and Cost columns start hidden (they need every seat simulated under each
    partner); shown from the header menu they fill from the who-contests figures and follow
    every move: a seat moved to its worse partner costs what P says."""
    from explorer.core import optimise as O
    from explorer.gui.panels.seat_table import SeatTableModel
    from .helpers import congress_everywhere, open_window
    w = open_window(qtbot, congress_everywhere())
    tp, m = w.table_panel, w.seat_model
    assert tp.table.isColumnHidden(SeatTableModel.C_BEST) and tp.table.isColumnHidden(SeatTableModel.C_COST)
    assert m.index(0, SeatTableModel.C_BEST).data() == "…"
    tp.show_column(SeatTableModel.C_BEST, True)
    tp.show_column(SeatTableModel.C_COST, True)
    who = w.analysis.who
    qtbot.waitUntil(lambda: who.model.P is not None and not who.computing, timeout=30000)
    P = who.model.P
    want = O.seat_contest(P, w.doc.pools, w.doc.scenario.pool)
    row = {m.ac_no(r): r for r in range(m.rowCount())}
    for i, ac in enumerate(w.doc.dataset.seats.ac_no.tolist()):
        assert m.index(row[ac], SeatTableModel.C_BEST).data() == want.best_code[i]
    # move one seat to the partner that is not its better one: its cost is P(best) - P(that partner)
    i = next(k for k in range(len(want.best)) if P[want.best[k], k] - P[1 - want.best[k], k] > 0.01)
    ac = int(w.doc.dataset.seats.ac_no[i])
    worse = w.doc.pools.partners[1 - int(want.best[i])].code
    w.doc.move([ac], worse)
    cost = float(P[want.best[i], i] - P[1 - want.best[i], i])
    assert m.index(row[ac], SeatTableModel.C_COST).data() == f"{cost:.2f}"
    assert m.index(row[ac], SeatTableModel.C_BEST).data() == want.best_code[i]
