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
