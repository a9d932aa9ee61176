"""The walk-away's verdict where the alliance and going alone are equal: "same", not "no", and the
dock says why when the baseline cannot tell (each partner had a vote only where the split has it
stand: going alone changes nothing)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from explorer.core.dataset import SEAT_COLUMNS, Baseline, Dataset, SeatTable
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.optimise.simulated import seats_going_alone_changes, verdict
from explorer.core.pools import DEFAULT_PARTNERS
from explorer.core.scenario import Scenario

from .helpers import open_window


def test_verdict_is_same_where_the_gain_shows_as_zero():
    # the Gain column shows hundredths: 24.1 - 24.1 = +0.00, 3.004 - 3.0 = +0.00 (rounded)
    assert verdict(24.1, 24.1) == "same"
    assert verdict(3.004, 3.0) == "same" and verdict(3.0, 3.004) == "same"
    assert verdict(3.006, 3.0) == "yes"          # +0.01
    assert verdict(14.6, 15.0) == "no"           # -0.40
    assert verdict(0.0, 0.1) == "no"


def two_seats(rows) -> Dataset:
    seats = pd.DataFrame([(i, f"Seat {i}", "D", 1, "PC1", "GEN", np.nan, np.nan) for i in (1, 2)],
                         columns=SEAT_COLUMNS)
    c = pd.DataFrame(rows, columns=["ac_no", "candidate", "party", "votes"])
    return Dataset(id="two", name="Two", seats=SeatTable(seats), baselines={"b": Baseline("b", "B", c)},
                   default_baseline="b", partners=DEFAULT_PARTNERS)


def test_seats_where_going_alone_changes_anything_are_where_a_partner_with_votes_stands_down():
    # seat 1: AAP 300, BJP 400; seat 2: INC 350, AAP 50, BJP 400 (partners AAP = 0, INC = 1)
    ds = two_seats([(1, "A1", "AAP", 300), (1, "B1", "BJP", 400),
                    (2, "I2", "INC", 350), (2, "A2", "AAP", 50), (2, "B2", "BJP", 400)])
    sc = Scenario(ds)
    pj = Engine(ds).projector(sc.pools, sc.assumptions)
    aap, inc, contested = 0, 1, sc.pools.contested
    split = lambda *p: np.array(p, dtype=np.int64)       # noqa: E731
    # AAP in 1, INC in 2: AAP's 50 votes in seat 2 go to INC in the alliance, to AAP going alone
    assert seats_going_alone_changes(pj, split(aap, inc)) == 1
    # AAP in 1, both in 2: each partner stands wherever it had a vote
    assert seats_going_alone_changes(pj, split(aap, contested)) == 0
    # INC in 1 (AAP's 300 transfer), AAP in 2 (INC's 350 transfer)
    assert seats_going_alone_changes(pj, split(inc, aap)) == 2
    # a friendly fight of INC alone in seat 2 (mask 0b10) leaves AAP's 50 out; both (0b11) does not
    assert seats_going_alone_changes(pj, split(aap, contested), np.array([0, 0b10])) == 1
    assert seats_going_alone_changes(pj, split(aap, contested), np.array([0, 0b11])) == 0


def jharkhand_2024_blocs(baseline: str) -> Scenario:
    """INDIA's partners and NDA's as they stood in 2024 (friendly fights in 28, 77 and 78),
    projected from ``baseline``."""
    from explorer.core.bloc_presets import apply_bloc_preset, bloc_preset
    ds = load_embedded("jharkhand")
    sc = Scenario(ds, name="two blocs")
    sc.set_assumptions(sc.assumptions.with_baseline(baseline))
    apply_bloc_preset(sc, bloc_preset(ds, "vs2024", tuple(x.code for x in sc.pools.partners)))
    return sc


def test_the_2024_split_on_its_own_baseline_cannot_tell_and_on_2019_can():
    ev = {b: Engine(load_embedded("jharkhand")).evaluate(jharkhand_2024_blocs(b)) for b in ("vs2024", "vs2019")}
    sc24, sc19 = jharkhand_2024_blocs("vs2024"), jharkhand_2024_blocs("vs2019")
    assert seats_going_alone_changes(ev["vs2024"].projector, sc24.pool, sc24.fight_masks()) == 0
    assert seats_going_alone_changes(ev["vs2019"].projector, sc19.pool, sc19.fight_masks()) > 0


def wait(qtbot, panel):
    qtbot.waitUntil(lambda: not panel.computing and not panel.model.stale and panel.model.rowCount() > 0,
                    timeout=120000)


@pytest.mark.parametrize("baseline", ["vs2024", "vs2019"])
def test_walk_away_dock_says_same_and_why_where_the_baseline_cannot_tell(qtbot, baseline):
    from explorer.gui.panels.walk_away import GAIN, LOSS, WalkAwayModel
    w = open_window(qtbot, jharkhand_2024_blocs(baseline))
    w.show()
    w.analysis.walk_dock.raise_()
    panel = w.analysis.walk
    panel.set_active(True)
    wait(qtbot, panel)
    m = panel.model
    rows = [m.row("current", p.code) for p in w.doc.pools.partners]
    assert len(rows) == 4
    brush = lambda r, c: m.index(r, c).data(Qt.ItemDataRole.ForegroundRole)     # noqa: E731
    if baseline == "vs2024":
        # each partner where it stood in 2024, on 2024: allied = alone to the last digit
        for k, r in enumerate(rows):
            assert r[2] == r[3] and r[7] == "same"
            assert m.index(k, WalkAwayModel.C_WORTH).data() == "same"
            assert m.index(k, WalkAwayModel.C_GAIN).data() == "+0.00"
            assert brush(k, WalkAwayModel.C_GAIN) is None and brush(k, WalkAwayModel.C_WORTH) is None
        note = panel.note.text()
        assert note.startswith("Going alone changes nothing in this baseline")
        assert "no partner had a candidate where another stood" in note and "worth it to no partner" not in note
        assert "A baseline where the partners stood apart" in panel.note.toolTip()
    else:
        # on 2019 they stood apart: some partner's figures differ, and the verdicts are coloured
        assert any(r[7] != "same" for r in rows)
        assert not panel.note.text().startswith("Going alone changes nothing")
        for k, r in enumerate(rows):
            want = {"yes": GAIN, "no": LOSS}.get(r[7])
            got = brush(k, WalkAwayModel.C_WORTH)
            assert (got is None) if want is None else got.color() == want
    w.close()


def test_walk_away_cells_paint_as_qt_paints_them(qtbot):
    """The table's delegate fills each cell's style option from the model's row in one call
    (``WalkAwayModel.cell``) instead of Qt's seven ``data`` calls: the viewport's pixels are those of
    Qt's own delegate, with coloured verdicts, greyed (stale) figures, a selected row and the
    focused cell; and the option holds what Qt's ``initStyleOption`` puts in it."""
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem
    from explorer.gui.panels.walk_away import WalkAwayCellDelegate
    w = open_window(qtbot, jharkhand_2024_blocs("vs2019"))     # the partners stood apart: verdicts coloured
    w.show()
    qtbot.waitExposed(w)
    w.analysis.walk_dock.raise_()
    panel = w.analysis.walk
    panel.set_active(True)
    wait(qtbot, panel)
    qtbot.wait(10)
    v, m = panel.view, panel.model
    assert isinstance(v.itemDelegate(), WalkAwayCellDelegate)
    assert m.rowCount() == 4

    def same():
        mine = v.viewport().grab().toImage()
        keep = v.itemDelegate()
        v.setItemDelegate(QStyledItemDelegate(v))
        try:
            qt = v.viewport().grab().toImage()
        finally:
            v.setItemDelegate(keep)
        assert mine.size() == qt.size() and mine == qt

    same()
    coloured = [(r, c) for r in range(m.rowCount()) for c in (m.C_GAIN, m.C_WORTH)
                if m.index(r, c).data(Qt.ItemDataRole.ForegroundRole) is not None]
    m.set_stale(True)                                   # greyed while new figures are computed
    same()
    m.set_stale(False)
    v.setFocus()
    v.selectRow(1)
    v.setCurrentIndex(m.index(1, 3))
    qtbot.wait(10)
    same()
    # the option as Qt's initStyleOption fills it, cell by cell
    for r in range(m.rowCount()):
        for c in range(m.columnCount()):
            a, b = QStyleOptionViewItem(), QStyleOptionViewItem()
            a.initFrom(v)
            b.initFrom(v)
            v.itemDelegate().initStyleOption(a, m.index(r, c))
            QStyledItemDelegate.initStyleOption(QStyledItemDelegate(), b, m.index(r, c))
            assert (a.text, a.displayAlignment, a.features, a.palette.text().color().name()) == \
                (b.text, b.displayAlignment, b.features, b.palette.text().color().name()), (r, c)
    assert coloured                                     # the verdicts' colours were among the pixels compared
    w.close()


def test_walk_away_model_keeps_its_rows_widths_and_signals_the_rows_that_show_a_change(qtbot):
    """The model keeps each row's texts' lengths and shown figures between moves: ``widths`` is the
    longest text of each column as the texts say, and a move signals the rows whose shown text
    changed, nothing else."""
    from explorer.gui.panels.walk_away import WalkAwayModel
    m = WalkAwayModel()

    def fig(a, b, pm=0.25):
        return {"alliance": a, "alone": b, "p_majority_alliance": pm, "p_majority_alone": 0.1}

    def brute():
        return tuple(max(len(m.index(r, c).data()) for r in range(m.rowCount())) for c in range(m.columnCount()))
    heard = []
    m.dataChanged.connect(lambda a, b, *_: heard.append((a.row(), b.row())))
    m.set_figures({"current": {"INC": fig(29.341, 29.3), "AAP": fig(0.019, 0.019), "JJP": fig(3.1, 2.9)}})
    assert m.widths() == brute() and m.rowCount() == 3
    m.set_figures({"current": {"INC": fig(29.342, 29.301), "AAP": fig(0.019, 0.019), "JJP": fig(3.1, 2.9)}})
    assert heard == [] and m.widths() == brute()           # 29.3, 29.3 and +0.04 either way: no row changed
    m.set_figures({"current": {"INC": fig(129.4, 29.3), "AAP": fig(0.019, 0.019), "JJP": fig(3.1, 12.94)}})
    assert heard == [(0, 0), (2, 2)] and m.widths() == brute()     # a digit more in two columns
    assert m.widths()[m.C_ALLIANCE] == len("129.4") and m.widths()[m.C_ALONE] == len("12.9")
    m.set_figures({"current": {"INC": fig(9.4, 9.3), "AAP": fig(0.019, 0.019), "JJP": fig(3.1, 2.9)}})
    assert m.widths() == brute() and m.widths()[m.C_ALLIANCE] == len("9.4")
