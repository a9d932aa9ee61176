"""The seat table and the pool lists re-format only the seats a change can touch (issue 12):
after any sequence of moves, fights and assumption changes their cells are those of models
built afresh on the same document. And the table names what the files say: SC and ST seats,
and which partners fight a friendly fight."""
import numpy as np
from PySide6.QtCore import Qt

from explorer.core.dataset_io import load_embedded
from explorer.core.scenario import Scenario
from explorer.gui.panels.pools import PoolListModel
from explorer.gui.panels.seat_table import SeatTableModel

from .helpers import open_window

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
         Qt.ItemDataRole.FontRole, Qt.ItemDataRole.UserRole + 1)


def _cells(model) -> list:
    out = []
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            i = model.index(r, c)
            out.append(tuple(_plain(i.data(role)) for role in ROLES))
    return out


def _plain(v):
    if hasattr(v, "color"):          # a brush: compare its colour
        return v.color().name()
    if hasattr(v, "bold"):
        return v.bold()
    return v


def _pool_cells(model) -> list:
    return [(model.index(r).data(), model.index(r).data(Qt.ItemDataRole.ToolTipRole), model.index(r).data(Qt.UserRole + 2))
            for r in range(model.rowCount())]


def test_after_many_changes_the_cells_are_those_of_fresh_models(qtbot):
    ds = load_embedded("jharkhand")
    sc = Scenario(ds)
    w = open_window(qtbot, sc)
    doc = w.doc
    rng = np.random.default_rng(11)
    every = ds.seats.ac_no.tolist()
    keys = [doc.pools.key(k) for k in range(len(doc.pools))]
    codes = [p.code for p in doc.pools.partners]
    for step in range(40):
        k = int(rng.integers(1, 5))
        seats = [int(a) for a in rng.choice(every, size=k, replace=False)]
        if step % 9 == 4:       # a friendly fight between two of the four partners
            doc.move(seats, "contested")
            assert w.set_fight(seats, set(codes[:2]))
        elif step % 13 == 6:     # other assumptions: every row may change
            a = doc.scenario.assumptions
            doc.set_assumptions(a.with_seat_adjust(seats[0], float(step % 5) - 2.0), "adjust")
        else:
            doc.move(seats, keys[int(rng.integers(len(keys)))])
        if step % 10 == 9:
            doc.undo_stack.undo()
    fresh = SeatTableModel(doc)
    assert _cells(w.seat_model) == _cells(fresh)
    for panel in w.pool_panels:
        assert _pool_cells(panel.model) == _pool_cells(PoolListModel(doc, panel.pool_index))
    # and the cells are the document's: each row's pool as the scenario says
    for r in range(w.seat_model.rowCount()):
        ac = w.seat_model.ac_no(r)
        fight = doc.scenario.fights.get(ac)
        want = " v ".join(fight) if fight else doc.pools.label(int(doc.scenario.pool[r]))
        assert w.seat_model.index(r, SeatTableModel.C_POOL).data() == want


def test_jharkhand_table_marks_its_9_sc_and_28_st_seats(qtbot):
    # counted from ../shared/data/jharkhand_2024/jharkhand_constituencies.csv: GEN 44, ST 28, SC 9
    w = open_window(qtbot, Scenario(load_embedded("jharkhand")))
    m = w.seat_model
    cells = [m.index(r, SeatTableModel.C_SC).data() for r in range(m.rowCount())]
    assert cells.count("ST") == 28 and cells.count("SC") == 9 and cells.count("") == 44
    assert m.headerData(SeatTableModel.C_SC, Qt.Orientation.Horizontal) == "SC/ST"
    h = open_window(qtbot, Scenario(load_embedded("haryana"))).seat_model
    assert h.headerData(SeatTableModel.C_SC, Qt.Orientation.Horizontal) == "SC"   # Haryana has no ST seat


def test_a_shared_selection_is_one_range_per_run_of_rows(qtbot):
    """Seats 1-10 and 20 selected from the hub: the table holds two ranges, not eleven (a view
    checks every range for every cell it paints)."""
    w = open_window(qtbot, Scenario(load_embedded("haryana")))
    w.hub.set(list(range(1, 11)) + [20], None)
    sel = w.table.selectionModel().selection()
    assert sel.count() == 2
    rows = sorted({i.row() for i in w.table.selectionModel().selectedRows(0)})
    assert [w.proxy.index(r, 0).data(Qt.UserRole + 2) for r in rows] == list(range(1, 11)) + [20]


def test_a_move_is_rows_removed_from_one_pool_and_inserted_in_another_never_a_reset(qtbot):
    """Seats 1-10 in AAP's pool, then 2, 3 and 7 dropped on INC's: AAP's list loses rows 1-2 and
    row 6 (two removals, the later first), INC's empty list gains rows 0-2 (one insert); neither
    list is reset or laid out anew, and only the moved seats are formatted again."""
    ds = load_embedded()
    w = open_window(qtbot, Scenario(ds))
    doc = w.doc
    doc.move(list(range(1, 11)), "AAP")
    aap = next(p.model for p in w.pool_panels if p.model.pool_key == "AAP")
    inc = next(p.model for p in w.pool_panels if p.model.pool_key == "INC")
    assert aap.seats() == list(range(1, 11)) and inc.seats() == []
    heard = []
    for name, m in (("AAP", aap), ("INC", inc)):
        m.rowsRemoved.connect(lambda _p, lo, hi, n=name: heard.append((n, "removed", lo, hi)))
        m.rowsInserted.connect(lambda _p, lo, hi, n=name: heard.append((n, "inserted", lo, hi)))
        m.modelReset.connect(lambda n=name: heard.append((n, "reset")))
        m.layoutChanged.connect(lambda *_, n=name: heard.append((n, "layout")))
    formatted = []
    for m in (aap, inc):
        orig = m._item
        m._item = lambda ev, i, cs, orig=orig: formatted.append(int(ds.seats.ac_no[i])) or orig(ev, i, cs)
    doc.move([2, 3, 7], "INC")
    assert sorted(h for h in heard if h[0] == "AAP") == [("AAP", "removed", 1, 2), ("AAP", "removed", 6, 6)]
    assert heard.index(("AAP", "removed", 6, 6)) < heard.index(("AAP", "removed", 1, 2))
    assert [h for h in heard if h[0] == "INC"] == [("INC", "inserted", 0, 2)]
    assert aap.seats() == [1, 4, 5, 6, 8, 9, 10] and inc.seats() == [2, 3, 7]
    # the moved seats only, each once, in the pool it went to: formatted when a view shows them
    assert set(formatted) <= {2, 3, 7} and len(formatted) == len(set(formatted))
    for r in range(inc.rowCount()):
        inc.item(r)
    assert sorted(formatted) == [2, 3, 7]
    # the pool's rows of a selection come from what it holds, not from a pass over its rows
    assert aap.rows_of({4, 9, 2, 999}) == [1, 5]


def test_a_bulk_move_looks_up_each_winners_colour_once_per_pool_not_per_seat(qtbot, monkeypatch):
    """Assign all 90 seats to AAP: the AAP pool formats 90 items, each with its winner's swatch;
    the palette is asked once per winning party (not once per seat), and the swatches are the
    palette's colours."""
    from explorer.core.palette import party_colour
    from explorer.gui.panels import pools as P
    from .helpers import congress_everywhere
    w = open_window(qtbot, congress_everywhere())
    asked = []
    monkeypatch.setattr(P, "party_colour", lambda ds, partners, party: (asked.append(party),
                                                                        party_colour(ds, partners, party))[1])
    w.doc.move(w.doc.dataset.seats.ac_no.tolist(), "AAP")
    m = w.pool_panels[0].model
    assert m.rowCount() == 90
    for r in range(90):                   # every row shown (formatted when a view first asks)
        m.item(r)
    ev = w.doc.evaluation
    pr, conflicted = ev.projection, ev.conflicts_by_seat()
    seats = w.doc.dataset.seats
    winners = {pr.parties[pr.winner[i]] for i in range(seats.n) if int(seats.ac_no[i]) not in conflicted}
    assert sorted(asked) == sorted(winners) and len(asked) < 10


def test_the_table_opens_in_seat_number_order_without_sorting_seats_already_in_it(qtbot, monkeypatch):
    """Haryana's seats are stored by number: the table shows them so (the header's indicator on
    No., ascending) without a sort, which asks the model for two keys per comparison; seats stored
    out of order are sorted, and a click on the header sorts as ever."""
    from explorer.gui.panels.common import SORT_ROLE
    asked = [0]
    data = SeatTableModel.data

    def counting(self, index, role=Qt.ItemDataRole.DisplayRole):
        asked[0] += role == SORT_ROLE
        return data(self, index, role)
    monkeypatch.setattr(SeatTableModel, "data", counting)
    ds = load_embedded()
    w = open_window(qtbot, Scenario(ds))
    px, h = w.proxy, w.table.horizontalHeader()
    assert asked[0] == 0
    assert (h.sortIndicatorSection(), h.sortIndicatorOrder()) == (SeatTableModel.C_NO, Qt.SortOrder.AscendingOrder)
    assert [px.index(r, 0).data(SORT_ROLE) for r in range(px.rowCount())] == sorted(ds.seats.ac_no.tolist())
    w.table.sortByColumn(SeatTableModel.C_NO, Qt.SortOrder.DescendingOrder)
    assert asked[0] > 0 and px.index(0, 0).data(SORT_ROLE) == 90
    # seats stored from the last to the first: sorted once, by number
    from explorer.core.dataset import Dataset, SeatTable
    back = Dataset(ds.id, ds.name, SeatTable(ds.seats.frame.iloc[::-1]), ds.baselines, ds.default_baseline,
                   partners=ds.partners)
    asked[0] = 0
    w2 = open_window(qtbot, Scenario(back))
    assert asked[0] > 0 and w2.proxy.sortColumn() == SeatTableModel.C_NO
    assert [w2.proxy.index(r, 0).data(SORT_ROLE) for r in range(90)] == list(range(1, 91))


def test_the_seat_bar_asks_the_palette_once_a_paint_and_measures_only_segments_a_label_fits(qtbot, monkeypatch):
    """The scoreboard's seat bar: one palette per paint (not one look-up per party segment), the
    segments in the palette's colours; a segment narrower than one digit is not measured for a
    label (an all-India bar has about 80 parties, most a pixel or two wide)."""
    from explorer.core import palette as PAL
    from explorer.gui.panels import scoreboard as S
    from .helpers import congress_everywhere
    w = open_window(qtbot, congress_everywhere())
    sb = w.scoreboard.bar
    sb.setFixedWidth(200)
    palettes, singles, measured = [], [], []
    monkeypatch.setattr(S, "party_palette", lambda ds, partners: (palettes.append(1), PAL.party_palette(ds, partners))[1])
    monkeypatch.setattr(S, "party_colour", lambda *a: (singles.append(a[2]), PAL.party_colour(*a))[1])
    label = S._bar_label
    monkeypatch.setattr(S, "_bar_label", lambda fm, name, n, r, mark, thin=None: (
        measured.append(r.width()), label(fm, name, n, r, mark, thin))[1])
    segs = sb.segments()
    assert len(segs) >= 2
    img = sb.grab().toImage()                       # one paint
    assert palettes == [1] and singles == []
    total = sum(n for _, n in segs)
    digit = min(QFontMetrics_of(sb).horizontalAdvance(d) for d in "0123456789") + S.LABEL_PAD

    def wide_enough():
        return sum(1 for _, n in segs if (sb.width() - 2) * n / total >= digit)
    assert len(measured) == wide_enough() and 2 <= len(measured) < len(segs)   # 1-seat parties: 2 px
    pal = PAL.party_palette(w.doc.dataset, w.doc.pools.partners)
    assert img.pixelColor(3, 3).name().upper() == pal[segs[0][0]].upper()
    measured.clear()
    sb.setFixedWidth(30)                            # a bar 30 pixels wide: fewer labels looked at
    sb.grab()
    assert len(measured) == wide_enough() < 4


def QFontMetrics_of(bar):
    from PySide6.QtGui import QFont, QFontMetrics
    f = QFont(bar.font())
    f.setPointSizeF(max(7.0, f.pointSizeF() - 1))
    f.setBold(True)
    return QFontMetrics(f)


def test_opening_formats_each_seat_once_in_the_table_and_once_in_its_pool(qtbot, monkeypatch):
    """The window tells its views of the document in turn (the pools' board, then each pool; the
    table's panel, then its model): a view already showing that evaluation formats nothing again
    (it did every seat three times: 0.3 s at 4,100 seats). Another evaluation still reaches them."""
    from explorer.gui.panels import pools as P
    from .helpers import congress_everywhere
    applied, items = [], []
    apply, item = SeatTableModel._apply, P.PoolListModel._item
    monkeypatch.setattr(SeatTableModel, "_apply", lambda self, ev, delta=None: (applied.append(delta),
                                                                                  apply(self, ev, delta))[1])
    monkeypatch.setattr(P.PoolListModel, "_item", lambda self, ev, i, c: (items.append(i), item(self, ev, i, c))[1])
    w = open_window(qtbot, congress_everywhere())
    assert applied == [None] and len(items) == len(set(items))     # a pool's row formatted when shown
    models = [p.model for p in w.pool_panels]
    for m in models:
        for r in range(m.rowCount()):
            m.item(r)
    assert sorted(items) == list(range(90))
    for view in (w.table_panel, w.pool_board):        # shown again as it is
        view.document_shown(w.doc)
    assert applied == [None] and len(items) == 90
    applied.clear()
    items.clear()
    w.doc.move([16], "AAP")
    i16 = w.doc.dataset.seats.index_of(16)
    assert len(applied) == 1 and applied[0] is not None and items in ([], [i16])   # (a list's size hint asks one row)
    aap = next(m for m in models if m.pool_key == "AAP")
    for r in range(aap.rowCount()):
        aap.item(r)
    assert items == [i16]


def test_a_drop_painted_at_once_is_not_painted_again_when_the_event_loop_runs(qtbot):
    """A move that adds rows to one list and takes them from another, and gives the scoreboard's
    tiles figures wider than any they have shown, painted at once (as a real drop is: the window
    paints before Qt's zero timers and later posted events run), is not painted a second time.
    Before, QListView laid the changed lists out by a zero timer (the whole list painted again),
    and a tile that grew asked its row for room by a second posted layout request (the tiles moved
    and painted again)."""
    from PySide6.QtCore import QEvent, QObject, QThreadPool
    from PySide6.QtWidgets import QApplication

    from explorer.gui.panels.scoreboard import Tile

    ds = load_embedded()
    w = open_window(qtbot, Scenario(ds))
    w.show()
    qtbot.waitExposed(w)
    doc = w.doc
    doc.move(list(range(1, 11)), "AAP")
    panels = {p.model.pool_key: p for p in w.pool_panels}
    tiles = [t for t in w.findChildren(Tile) if t.isVisible()]
    app = QApplication.instance()

    def idle():
        for _ in range(5):
            app.processEvents()
            app.sendPostedEvents()
        qtbot.wait(50)
        app.processEvents()
    live = w.analysis.live          # the opening's figures landed, and the walk-away's
    qtbot.waitUntil(lambda: live.figures is not None and not live.stale and not live.coming, timeout=20000)
    QThreadPool.globalInstance().waitForDone()
    idle()

    class Paints(QObject):
        def __init__(self):
            super().__init__()
            self.n: dict = {}

        def eventFilter(self, obj, e):
            if e.type() in (QEvent.Type.Paint, QEvent.Type.Move, QEvent.Type.Resize):
                self.n[obj, e.type().name] = self.n.get((obj, e.type().name), 0) + 1
            return False
    paints = Paints()
    lists = [panels["AAP"].view.viewport(), panels["contested"].view.viewport()]
    for obj in (*lists, *tiles):
        obj.installEventFilter(paints)
    widths = {t: t.value.sizeHint().width() for t in tiles}
    doc.move(list(range(1, 21)), "contested")   # Contested gains 20 rows, AAP's list loses 10 (a move
    placed = {t: t.geometry() for t in tiles}   # live figures follow at once: no re-simulation lands later)
    w.repaint()
    first = dict(paints.n)
    assert len(panels["contested"].model.seats()) == 20 and panels["AAP"].model.seats() == []
    assert [t for t in tiles if t.value.sizeHint().width() > widths[t]]    # a tile's figure grew
    paints.n.clear()
    idle()
    assert paints.n == {}, (first, paints.n)
    assert {t: t.geometry() for t in tiles} == placed     # the tiles had their room before the paint


def test_a_move_leaves_the_pools_it_does_not_touch_alone_and_every_header_says_what_a_fresh_one_does(qtbot):
    """A pool that no moved seat leaves or enters lays out nothing (no ``refreshed``) and writes its
    header's text only when what it says changes; after many moves, fights, undos and a rule, every
    header reads as a freshly made pool panel's."""
    from explorer.core.rules import SeatBounds
    from explorer.gui.panels.pools import PoolPanel
    ds = load_embedded("jharkhand")
    w = open_window(qtbot, Scenario(ds))
    doc = w.doc
    by_key = {p.model.pool_key: p for p in w.pool_panels}
    codes = [p.code for p in doc.pools.partners]
    a, b = codes[0], codes[1]
    heard = {k: [] for k in by_key}
    texts = {k: [] for k in by_key}
    for k, p in by_key.items():
        p.model.refreshed.connect(lambda k=k: heard[k].append(1))
        orig = p.header.setText
        p.header.setText = (lambda *t, k=k, orig=orig: (texts[k].append(t[0]), orig(*t)))
    seat = ds.seats.ac_no.tolist()[0]
    was = doc.pools.key(int(doc.scenario.pool[0]))
    to = b if was != doc.pools.key(doc.pools.index(b)) else a
    doc.move([seat], to)
    moved = {was, doc.pools.key(doc.pools.index(to))}
    assert len(moved) == 2 and len(by_key) > 2
    assert {k for k, v in heard.items() if v} == moved
    assert {k for k, v in texts.items() if v} == moved          # the two counts changed, no other header
    rng = np.random.default_rng(5)
    every = ds.seats.ac_no.tolist()
    keys = list(by_key)
    for step in range(30):
        seats = [int(s) for s in rng.choice(every, size=int(rng.integers(1, 4)), replace=False)]
        if step % 7 == 3:
            doc.move(seats, "contested")
            assert w.set_fight(seats, set(codes[:2]))
        else:
            doc.move(seats, keys[int(rng.integers(len(keys)))])
        if step % 8 == 7:
            doc.undo_stack.undo()
        if step == 15:
            doc.set_rules(doc.scenario.rules.with_rule(SeatBounds(f"{b}-bounds", partner=b, maximum=3, asked=5)), "bounds")
    for k, p in by_key.items():
        fresh = PoolPanel(doc, w.hub, p.pool_index)
        assert p.header.text() == fresh.header.text(), k
        fresh.deleteLater()
    assert any("· " in p.header.text() for p in by_key.values())      # a bound or a fight is among them


def test_an_assign_all_formats_the_rows_asked_for_and_every_row_reads_as_a_fresh_models(qtbot, monkeypatch):
    """Every seat to one pool, to another, a fight, an adjustment, undo and redo: after each edit
    the table formats no row until one is asked for (the rows a view paints, a sort, a tooltip),
    then only that one; read after any edit, with some rows read between edits and some not, every
    cell is a freshly made model's."""
    ds = load_embedded("jharkhand")
    w = open_window(qtbot, Scenario(ds))
    assert not w.isVisible()
    doc, m = w.doc, w.seat_model
    formatted = []
    fmt = SeatTableModel._format
    monkeypatch.setattr(SeatTableModel, "_format", lambda self, r: (formatted.append(r), fmt(self, r))[1])
    every = ds.seats.ac_no.tolist()
    keys = [doc.pools.key(k) for k in range(len(doc.pools))]
    codes = [p.code for p in doc.pools.partners]

    def edits():
        yield lambda: doc.move(every, keys[0])
        yield lambda: doc.move(every[::2], "contested")
        yield lambda: w.set_fight(every[:6:2], set(codes[:2]))
        yield lambda: doc.set_assumptions(doc.scenario.assumptions.with_seat_adjust(every[3], 2.5), "adjust")
        yield lambda: doc.move(every, keys[1])
        yield lambda: doc.undo_stack.undo()
        yield lambda: doc.undo_stack.undo()
        yield lambda: doc.undo_stack.redo()
    for step, edit in enumerate(edits()):
        formatted.clear()
        edit()
        assert formatted == []                   # the window not shown: nothing asks for a row
        formatted.clear()
        r = (7 * step) % m.rowCount()
        m.index(r, SeatTableModel.C_POOL).data()
        assert formatted in ([r], [])            # that row only (already formatted: none)
        if step % 3 == 2:                        # every row read now and then, not after each edit
            assert _cells(m) == _cells(SeatTableModel(doc))
    assert _cells(m) == _cells(SeatTableModel(doc))
