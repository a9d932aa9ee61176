"""Tamil Nadu's three reds in the window: the map, the seat bar and the pools draw the partners in
colours that read apart (CIEDE2000 ≥ 10), the same in each; Data set ▸ Parties says who was
shaded and why, and its choice draws the given colours again (kept in the settings)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor

from explorer.core.assumptions import Assumptions
from explorer.core.dataset_io import load_embedded
from explorer.core.partner_colours import delta_e00, keep_given
from explorer.core.pools import Partner
from explorer.core.scenario import Scenario
from explorer.gui.dialogs.parties_dialog import KEEP_GIVEN_KEY, load_colour_choice

from .helpers import open_window

JIND, PEHOWA, KALKA = 35, 8, 1
# Tamil Nadu's data set's DMK, CPI and CPI(M) reds, on Haryana's map (Tamil Nadu's has no boundaries)
REDS = {"AAP": "#D50000", "INC": "#C62828", "INLD": "#B71C1C"}


@pytest.fixture(autouse=True)
def shading_on():
    keep_given(False)
    yield
    keep_given(False)


def reds_window(qtbot):
    ds = load_embedded()
    sc = Scenario(ds, tuple(Partner(c, ds.party_name(c), col) for c, col in REDS.items()), name="Reds",
                  assumptions=Assumptions.make("vs2019"))
    sc.assign_all("INC")
    sc.assign([JIND], "AAP")
    sc.assign([PEHOWA], "INLD")
    w = open_window(qtbot, sc)
    w.show()
    qtbot.waitExposed(w)
    w.map_dock.raise_()
    qtbot.waitUntil(lambda: w.map_panel.view.isVisible())
    return w


def drawn(w) -> dict[str, str]:
    """Each partner's colour on the map (one of its seats), upper-case "#RRGGBB"."""
    mp = w.map_panel
    return {code: mp.items[ac].fill.name().upper() for code, ac in (("AAP", JIND), ("INC", KALKA), ("INLD", PEHOWA))}


def test_tamil_nadus_three_reds_read_apart_on_the_map_the_bar_and_the_pools(qtbot):
    w = reds_window(qtbot)
    fills = drawn(w)
    assert fills["AAP"] == "#D50000"                                # the first partner keeps its red
    assert fills["INC"] != "#C62828" and fills["INLD"] != "#B71C1C"  # the others: shades of theirs
    codes = list(fills)
    assert min(delta_e00(fills[a], fills[b]) for i, a in enumerate(codes) for b in codes[i + 1:]) >= 10
    # the seat bar and the pools draw the same colours as the map
    bar = {label: colour.upper() for label, _n, colour in w.scoreboard.share.segments()}
    assert all(bar[c] == fills[c] for c in codes)
    assert [p.colour.name().upper() for p in w.pool_panels[:3]] == [fills[c] for c in codes]
    # the scenario keeps the given colours (what it saves)
    assert {p.code: p.colour for p in w.doc.pools.partners} == REDS


def test_the_parties_dialog_says_who_is_shaded_and_keeps_the_given_colours_on_request(qtbot):
    w = reds_window(qtbot)
    dlg = w.blocs.parties()
    qtbot.addWidget(dlg)
    text = dlg.colours.text()
    assert dlg.colours.isVisibleTo(dlg) and dlg.keep.isVisibleTo(dlg) and not dlg.keep.isChecked()
    assert "INC <span style='color:#C62828'>■</span> is drawn in a lighter shade" in text
    assert "reads like AAP's (ΔE 6.2)" in text and "INLD" in text and "reads like AAP's (ΔE 7.0)" in text
    dlg.keep.setChecked(True)
    assert keep_given() and QSettings().value(KEEP_GIVEN_KEY, type=bool)
    assert drawn(w) == REDS                                         # every view redrawn as given
    assert {label: c.upper() for label, _n, c in w.scoreboard.share.segments()}["INC"] == "#C62828"
    assert "Every partner is drawn in its given colour" in dlg.colours.text()
    assert "AAP <span style='color:#D50000'>■</span> and INC" in dlg.colours.text()
    keep_given(False)
    assert load_colour_choice() is True                             # the next start reads the choice
    dlg.keep.setChecked(False)
    assert drawn(w)["INC"] != "#C62828" and not QSettings().value(KEEP_GIVEN_KEY, type=bool)


def test_partners_apart_say_nothing_and_offer_no_choice(qtbot):
    from .helpers import congress_everywhere
    w = open_window(qtbot, congress_everywhere("Haryana"))     # AAP's blue, INC's teal
    dlg = w.blocs.parties()
    qtbot.addWidget(dlg)
    assert dlg.colours.text() == "" and not dlg.keep.isVisibleTo(dlg)
    assert QColor(w.map_panel.items[JIND].fill).name().upper() == "#2AA198"


def test_the_parties_dialog_lists_a_rival_shaded_and_offers_no_partner_choice(qtbot):
    """AAP recoloured red: CPI(M), a rival (#B71C1C, CIEDE2000 7.0 from AAP's #D50000), is drawn in a
    shade; the dialog says so; the partners' choice stays hidden (no partner is shaded)."""
    ds = load_embedded()
    sc = Scenario(ds, (Partner("AAP", "Aam Aadmi Party", "#D50000"), Partner("INC", "Indian National Congress",
                                                                             "#2AA198")),
                  name="Red AAP", assumptions=Assumptions.make("vs2019"))
    sc.assign_all("INC")
    w = open_window(qtbot, sc)
    dlg = w.blocs.parties()
    qtbot.addWidget(dlg)
    text = dlg.colours.text()
    assert text.startswith("<b>Rivals' colours</b> — CPI(M) <span style='color:#B71C1C'>■</span> is drawn in")
    assert "reads like AAP's (ΔE 7.0)" in text and "Partners' colours" not in text
    assert dlg.colours.isVisibleTo(dlg) and not dlg.keep.isVisibleTo(dlg)
