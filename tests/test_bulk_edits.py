"""Issue 29, bulk edits: an "assign all", a preset or the undo of 90 seats does what it must once,
and shows the same figures as before. The simulation of a small data set counted in one pass over
every seat gives what the chunked pass gives; the tiles keep every other seat's slots; the
alliance's seats per draw are its partners' winners counted draw by draw."""
import numpy as np
import pytest

from explorer.core import uncertainty as U
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.scenario import scenario_from_preset

HARYANA = load_embedded()


def _sim(draws: int = 3000):
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    params, _ = U.params_for(HARYANA)
    pj = Engine(HARYANA).evaluate(sc).projector
    return sc, U.Simulator(pj, HARYANA, params, draws, 11)


def _same(a: U.Summary, b: U.Summary) -> None:
    assert np.array_equal(a.alliance_seats, b.alliance_seats) and a.alliance_seats.dtype == b.alliance_seats.dtype
    assert np.array_equal(a.party_seats, b.party_seats)
    assert np.array_equal(a.p_win, b.p_win) and np.array_equal(a.p_alliance, b.p_alliance)
    assert np.array_equal(a.seat_cols, b.seat_cols)
    assert all(np.array_equal(x, y) and x.dtype == y.dtype for x, y in zip(a.col_seats, b.col_seats))
    assert np.array_equal(a.tipping, b.tipping) and a.p_majority == b.p_majority


def test_a_small_data_set_counted_in_one_pass_gives_the_chunked_figures():
    sc, one = _sim()
    assert one._memo is not None                  # 90 seats x 3,000 draws: the memo's one pass
    _, chunked = _sim()
    chunked._memo = None                          # the large data sets' pass, 16 seats at a time
    rng = np.random.default_rng(4)
    n = len(sc.pools)
    splits = [sc.pool.astype(np.int64)] + [np.full(90, k, dtype=np.int64) for k in range(n)] + \
        [rng.integers(0, n, size=90).astype(np.int64) for _ in range(3)]
    for pools in splits:
        a, b = one.run(pools, HARYANA.majority), chunked.run(pools, HARYANA.majority)
        _same(a, b)
        assert np.array_equal(one.winning_slots(), chunked.winning_slots())
        # again from the memo (every seat's draws kept): the same once more
        _same(one.run(pools, HARYANA.majority), a)


def test_the_alliance_seats_per_draw_are_its_partners_winners_counted():
    sc, sim = _sim(2000)
    s = sim.run(sc.pool.astype(np.int64), HARYANA.majority)
    slots = sim.winning_slots()                                   # (D, N)
    var = sim._variant
    ally = sim.win_ally[var, np.arange(90)]                       # (N, slots): the slot's party is a partner
    by_hand = ally[np.arange(90)[None, :], slots].sum(axis=1)
    assert np.array_equal(s.alliance_seats, by_hand)
    assert 0 <= s.alliance_seats.min() < s.alliance_seats.max() <= 90


@pytest.mark.parametrize("start,n", [(0, 90), (5, 40), (70, 60), (16, 16), (63, 2), (0, 150)])
def test_a_run_of_seats_written_into_the_tiles_keeps_every_other_seat(start, n):
    rng = np.random.default_rng(start + n)
    N, D = 150, 29
    slots = rng.integers(0, U.TOP + 1, size=(N, D)).astype(np.uint8)
    W = np.zeros((-(-N // U.TILE_SEATS), D, U.TILE), dtype=np.uint8)
    U._put_tiles(W, 0, slots)
    assert np.array_equal(U._unpack_slots(W, N), slots.T)
    new = rng.integers(0, U.TOP + 1, size=(n, D)).astype(np.uint8)
    U._put_tiles(W, start, new)
    slots[start:start + n] = new
    assert np.array_equal(U._unpack_slots(W, N), slots.T)


def test_columns_of_more_seats_than_a_byte_counts_are_counted_whole():
    """300 seats whose second slot wins some draws, all in one column: the hits summed past 255."""
    rng = np.random.default_rng(9)
    S, D = 300, 50
    win = rng.integers(0, 2, size=(S, D)).astype(np.uint8)
    counts = np.zeros((S, U.TOP + 1), dtype=np.int32)
    counts[:, 0] = (win == 0).sum(axis=1)
    counts[:, 1] = (win == 1).sum(axis=1)
    col = np.zeros((S, U.TOP + 1), dtype=np.int64)
    col[:, 1] = 1                                   # slot 0 in column 0, slot 1 in column 1
    cols = [np.zeros(D, dtype=np.int16), np.zeros(D, dtype=np.int16)]
    U.Simulator._add_columns(cols, win, counts, col, +1)
    assert np.array_equal(cols[1], (win == 1).sum(axis=0)) and np.array_equal(cols[0], (win == 0).sum(axis=0))
    assert cols[1].max() > 0 and (cols[0] + cols[1] == S).all()
    U.Simulator._add_columns(cols, win[:200], counts[:200], col[:200], -1)
    assert np.array_equal(cols[1], (win[200:] == 1).sum(axis=0))


def test_walk_away_sizes_only_the_columns_whose_widths_changed_as_wide_as_sizing_them_all(qtbot):
    """A move that gives the allied seats another digit sizes that column again, not all seven
    (sizing reads every cell), to the width sizing every column gives; a follow of the live figures
    hands no memory back (no job ran: malloc_trim is for a job's temporaries)."""
    from explorer.gui.panels import walk_away as WA
    from .helpers import congress_everywhere, open_window
    w = open_window(qtbot, congress_everywhere())
    panel = w.analysis.walk
    panel.active = True

    def figures(allied):
        return {"current": {c: {"alliance": a, "alone": 2.25, "p_majority_alliance": 0.5, "p_majority_alone": 0.125,
                                "worth_it": a > 2.25} for c, a in zip(("AAP", "INC"), allied)}}
    panel._show(figures((9.5, 3.0)), ())
    v = panel.view
    sized, trimmed = [], []
    one = v.resizeColumnToContents
    v.resizeColumnToContents = lambda c: (sized.append(c), one(c))
    every = v.resizeColumnsToContents
    v.resizeColumnsToContents = lambda: (sized.append("all"), every())
    real_trim = WA.give_back_freed_memory
    WA.give_back_freed_memory = lambda: trimmed.append(1)
    try:
        panel._show(figures((10.5, 3.0)), ())          # "9.5" -> "10.5": the Allied column only (Gain "+7.25" -> "+8.25")
        assert sized == [WA.WalkAwayModel.C_ALLIANCE] and not trimmed
        widths = [v.columnWidth(c) for c in range(8)]
        assert v.columnWidth(2) >= v.fontMetrics().horizontalAdvance("10.5")
        panel._show(figures((10.5, 4.0)), ())          # no width changed: nothing sized
        assert sized == [WA.WalkAwayModel.C_ALLIANCE]
    finally:
        WA.give_back_freed_memory = real_trim
    every()                                            # every column sized: the same widths
    panel._natural = {c: v.columnWidth(c) for c in range(8)}
    panel._fit_width()
    assert [v.columnWidth(c) for c in range(8)] == widths


def test_an_assign_all_repaints_the_changed_columns_of_the_seat_table_not_the_whole_table(qtbot):
    """Every seat to AAP: the Pool to ⚑ columns change in every row, the number and name do not; the
    table repaints the changed columns' rectangle only, and what is on screen then is what a whole
    repaint draws."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication
    from .helpers import congress_everywhere, open_window
    w = open_window(qtbot, congress_everywhere())
    w.show()
    qtbot.waitExposed(w)
    every = w.doc.dataset.seats.ac_no.tolist()
    for pool in ("AAP", "contested", "unassigned", "INC"):     # the window grown to its widest figures once
        w.doc.move(every, pool)
        qtbot.wait(20)
    view, m = w.table, w.seat_model
    vp, hh = view.viewport(), view.horizontalHeader()
    dirty = []

    class Spy(QObject):
        def eventFilter(self, obj, e):
            if obj is vp and e.type() == QEvent.Type.Paint:
                dirty.append(e.region().boundingRect())
            return False
    spy = Spy()
    vp.installEventFilter(spy)
    w.doc.move(every, "AAP")
    QApplication.processEvents()
    vp.removeEventFilter(spy)
    assert dirty
    left = min(hh.sectionViewportPosition(c) for c in (m.C_POOL, m.C_WIN, m.C_MARGIN, m.C_CONFLICT, m.C_PWIN))
    name_end = hh.sectionViewportPosition(m.C_NAME) + hh.sectionSize(m.C_NAME)
    assert name_end <= left
    assert all(r.left() >= left for r in dirty), (left, dirty)        # No. and Constituency not painted again
    assert all(r.height() == vp.height() for r in dirty)               # every row in view
    at = vp.mapTo(w, vp.rect().topLeft())      # the window's pixels as on screen (a grab would paint anew)
    shown = QApplication.primaryScreen().grabWindow(w.winId(), at.x(), at.y(), vp.width(), vp.height()).toImage()
    whole = vp.grab().toImage()
    assert shown.convertToFormat(whole.format()) == whole


def test_a_hidden_blocs_dock_is_filled_when_shown_not_at_every_edit(qtbot):
    """Jharkhand with NDA's 2024 split, the Blocs tab behind Conflicts: three edits of every seat
    fill nothing in it (its rival choice follows at once: Alt+1 … Alt+9 use it); shown, it is
    filled once, with what it would show had it followed every edit."""
    from explorer.core.scenario import scenario_from_preset
    from .helpers import open_window
    ds = load_embedded("jharkhand")
    w = open_window(qtbot, scenario_from_preset(ds, "INDIA bloc 2024"))
    w.show()
    qtbot.waitExposed(w)
    assert w.blocs.apply_preset("vs2024")         # the Blocs dock raised, NDA's split in it
    p = w.blocs.panel
    qtbot.waitUntil(lambda: p.active, timeout=3000)
    w.conflict_dock.raise_()
    qtbot.waitUntil(lambda: not p.active, timeout=3000)
    fills = p.fills
    every = ds.seats.ac_no.tolist()
    for pool in ("INC", "JMM", "contested"):
        w.doc.move(every, pool)
    assert p.fills == fills and p.rival.currentText() == "NDA"
    w.blocs.dock.raise_()
    qtbot.waitUntil(lambda: p.active, timeout=3000)
    assert p.fills == fills + 1
    ev = w.doc.evaluation
    assert p.totals.text().startswith(f"<span style='color:#666'>Leads in</span> <b>INDIA</b> {ev.bloc_seats['INDIA']} · <b>NDA</b> {ev.bloc_seats['NDA']}")
    won = {int(a): ev.projection.parties[int(ev.projection.winner[i])] for i, a in enumerate(every)}
    for lst in p.buckets.values():
        for r in range(lst.count()):
            it = lst.item(r)
            assert it.toolTip() == f"Projected winner: {won[int(it.data(256))]}"


def test_a_pool_formats_the_seats_that_came_when_shown_not_all_of_them(qtbot):
    """Every seat to AAP with the window on screen: AAP's list formats the rows it shows (about a
    dozen of 90), each once; a row scrolled to later is formatted then, as a format at the move
    would have made it."""
    from PySide6.QtWidgets import QApplication
    from explorer.gui.panels import pools as P
    from .helpers import congress_everywhere, open_window
    w = open_window(qtbot, congress_everywhere())
    w.show()
    qtbot.waitExposed(w)
    panel = next(p for p in w.pool_panels if p.model.pool_key == "AAP")
    m, view = panel.model, panel.view
    formatted = []
    real = P.PoolListModel._item
    P.PoolListModel._item = lambda self, ev, i, cs: (formatted.append((self.pool_key, i)), real(self, ev, i, cs))[1]
    try:
        w.doc.move(w.doc.dataset.seats.ac_no.tolist(), "AAP")
        QApplication.processEvents()
        vp = view.viewport().rect()
        shown = [r for r in range(m.rowCount()) if view.visualRect(m.index(r)).intersects(vp)]
        ours = [i for k, i in formatted if k == "AAP"]
        assert m.rowCount() == 90 and 5 < len(shown) < 40
        assert len(ours) == len(set(ours)) and len(ours) <= len(shown) + 1       # (a size hint asks one row)
        assert {m._idx[r] for r in shown} <= set(ours)
        ev = w.doc.evaluation
        for r in range(90):                      # scrolled through: each formatted now, as at the move
            assert m.item(r).looks_the_same(real(m, ev, m._idx[r], ev.conflicts_by_seat()))
        assert len([i for k, i in formatted if k == "AAP"]) == 90
    finally:
        P.PoolListModel._item = real
