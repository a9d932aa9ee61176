"""A small hand-made data set whose projections can be checked on paper."""
from __future__ import annotations

import numpy as np
import pandas as pd

from explorer.core.dataset import SEAT_COLUMNS, Baseline, Dataset, SeatTable
from explorer.core.pools import DEFAULT_PARTNERS

# Three seats, 1,000 valid votes each.
#  seat 1: BJP 500, INC 300, AAP 100, two independents 60 and 40
#  seat 2: BJP 400, INC 350, AAP 150, NOTA 100
#  seat 3: BJP 400, independent P 300, independent Q 250, INC 30, AAP 20
TINY_CANDIDATES = [
    (1, "B1", "BJP", 500), (1, "I1", "INC", 300), (1, "A1", "AAP", 100), (1, "X", "IND", 60), (1, "Y", "IND", 40),
    (2, "B2", "BJP", 400), (2, "I2", "INC", 350), (2, "A2", "AAP", 150), (2, "None of the Above", "NOTA", 100),
    (3, "B3", "BJP", 400), (3, "P", "IND", 300), (3, "Q", "IND", 250), (3, "I3", "INC", 30), (3, "A3", "AAP", 20),
]


def tiny_dataset() -> Dataset:
    seats = pd.DataFrame([
        (1, "Alpha", "North", 1, "East PC", "GEN", np.nan, np.nan),
        (2, "Beta", "North", 1, "East PC", "SC", np.nan, np.nan),
        (3, "Gamma", "South", 2, "West PC", "GEN", np.nan, np.nan),
    ], columns=SEAT_COLUMNS)
    cands = pd.DataFrame(TINY_CANDIDATES, columns=["ac_no", "candidate", "party", "votes"])
    return Dataset(id="tiny", name="Tiny", seats=SeatTable(seats),
                   baselines={"b": Baseline("b", "Tiny baseline", cands)}, default_baseline="b",
                   partners=DEFAULT_PARTNERS)


def real_drag(press_on, press_at, target, start) -> None:
    """A real drag under X: press the mouse on ``press_on`` at ``press_at``, call ``start``
    (the view's own drag: QDrag.exec runs a nested event loop), and from a timer move and
    release over the centre of ``target``. A guard cancels a drag that did not finish, so it
    cannot block the test run (offscreen, QDrag.exec would return at once instead)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QDrag
    from PySide6.QtTest import QTest
    drop_at = target.rect().center()

    def finish():
        QTest.mouseMove(target, drop_at)
        QTest.mouseRelease(target, Qt.LeftButton, Qt.NoModifier, drop_at)

    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(QDrag.cancel)
    guard.start(5000)
    QTimer.singleShot(300, finish)
    QTest.mousePress(press_on, Qt.LeftButton, Qt.NoModifier, press_at)
    start()
    guard.stop()


def congress_everywhere(name: str = "Test", pools: dict[str, list[int]] | None = None):
    """The embedded Haryana data on the 2019 Vidhan Sabha (the figures these tests were counted
    from), every seat with Congress, the 2024-talks rules; then ``pools``."""
    from explorer.core.assumptions import Assumptions
    from explorer.core.dataset_io import load_embedded
    from explorer.core.scenario import Scenario, default_rules
    sc = Scenario(load_embedded(), name=name, assumptions=Assumptions.make("vs2019"))
    sc.rules = default_rules(sc.dataset, sc.pools)
    sc.assign_all("INC")
    for k, v in (pools or {}).items():
        sc.assign(v, k)
    return sc


def open_window(qtbot, scenario, with_chart: bool = False, **kw):
    """A main window on ``scenario`` at 1366x740, closed by qtbot after the test."""
    from explorer.gui.main_window import MainWindow
    w = MainWindow(scenario.dataset, scenario, with_chart=with_chart, **kw)
    qtbot.addWidget(w)
    w.resize(1366, 740)
    return w


def tile_lines(tile) -> tuple[str, ...]:
    """A scoreboard tile's figure and its note (if it has one) as read on screen."""
    return (plain(tile.value.text()),) + ((tile.note.text(),) if tile.note is not None else ())


def plain(rich: str) -> str:
    """A label's rich text as read on screen: the tags dropped, the entities read."""
    import html
    import re
    return html.unescape(re.sub(r"<[^>]+>", "", rich))
