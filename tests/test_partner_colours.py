"""Partners whose colours cannot be told apart are drawn in shades of their own colours
(core.partner_colours): CIEDE2000 under 10 reads alike; the first partner keeps its colour; the
given colours are kept (saved, shown in the Parties dialog) and the user may keep them drawn."""
from __future__ import annotations

import math

import pytest

from explorer.core.parties import delta_e, lab
from explorer.core.partner_colours import (ALIKE, alike_pairs, de00_lab, delta_e00, keep_given, lab_hex,
                                           resolve, shades, shown_colours)
from explorer.core.pools import FIXED_COLOURS, Partner, Pools, pool_colour_hex

# Tamil Nadu's data set's partners, as its dataset.json gives them
TN = (("DMK", "#D50000"), ("INC", "#2AA198"), ("VCK", "#1565C0"), ("CPI", "#C62828"), ("CPI(M)", "#B71C1C"))


@pytest.fixture(autouse=True)
def shading_on():
    keep_given(False)
    yield
    keep_given(False)


def test_ciede2000_by_hand_and_sharmas_pairs():
    # two greys: no chroma, so only lightness counts, over S_L = 1 + 0.015 (L̄-50)² / √(20 + (L̄-50)²)
    assert de00_lab((40, 0, 0), (60, 0, 0)) == pytest.approx(20.0)                 # L̄ = 50: S_L = 1
    assert de00_lab((50, 0, 0), (70, 0, 0)) == pytest.approx(20 / (1 + 1.5 / math.sqrt(120)))   # 17.591
    assert de00_lab((50, 0, 0), (50, 0, 0)) == 0
    # Sharma, Wu and Dalal (2005), Table 1: pairs 1, 7 and 17
    assert de00_lab((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert de00_lab((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)
    assert de00_lab((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)
    # symmetric, on "#RRGGBB" through the Lab the party palette uses
    assert delta_e00("#D50000", "#C62828") == pytest.approx(delta_e00("#C62828", "#D50000"))


def test_cie76_calls_dmk_and_cpi_apart_ciede2000_alike():
    """Why CIEDE2000: DMK's and CPI's reds are 20.8 apart in CIE76 (past the palette's 20) yet one
    red on a map; CIEDE2000 says 6.2."""
    assert delta_e("#D50000", "#C62828") > 20
    assert delta_e00("#D50000", "#C62828") == pytest.approx(6.17, abs=0.01)
    assert delta_e00("#2AA198", "#1565C0") > 30          # INC's teal, VCK's blue: apart
    assert [(i, j) for i, j, _d in alike_pairs([c for _p, c in TN])] == [(0, 3), (0, 4), (3, 4)]


def test_lab_round_trip_and_out_of_gamut_keeps_hue_and_lightness():
    for c in ("#1A5FB4", "#D50000", "#2AA198", "#9E9E9E", "#000000", "#FFFFFF"):
        assert lab_hex(*lab(c)) == c
    # L* 60 at DMK's a*, b*: no sRGB red is that saturated, so the chroma is cut, the hue kept
    L, a, b = lab("#D50000")
    out = lab(lab_hex(60, a, b))
    assert out[0] == pytest.approx(60, abs=0.5)
    assert math.degrees(math.atan2(out[2], out[1])) == pytest.approx(math.degrees(math.atan2(b, a)), abs=2)
    assert math.hypot(out[1], out[2]) < math.hypot(a, b)


def test_tamil_nadus_reds_the_first_keeps_its_own_the_others_take_shades():
    shown, shaded = resolve(tuple(c for _p, c in TN), tuple(p for p, _c in TN), FIXED_COLOURS)
    assert shown[:3] == ("#D50000", "#2AA198", "#1565C0")         # DMK, INC, VCK as given
    assert [(s.index, s.given, s.alike) for s in shaded] == [(3, "#C62828", "DMK"), (4, "#B71C1C", "DMK")]
    colours = list(shown) + [c for _n, c in FIXED_COLOURS]
    assert alike_pairs(colours) == []                               # every two ≥ 10 apart, pools too
    for i in (3, 4):       # a shade of the partner's own red: lighter or darker, the hue within 10°
        (L0, a0, b0), (L1, a1, b1) = lab(TN[i][1]), lab(shown[i])
        assert abs(L1 - L0) >= 10
        assert abs(math.degrees(math.atan2(b1, a1) - math.atan2(b0, a0))) < 10
    assert shown[3] == shades("#C62828")[0]                         # CPI: the first shade, lighter
    # the same partners always give the same colours
    resolve.cache_clear()
    assert resolve(tuple(c for _p, c in TN), tuple(p for p, _c in TN), FIXED_COLOURS)[0] == shown


def test_one_colour_twice_and_a_colour_like_a_pools():
    shown, shaded = resolve(("#C62828", "#C62828", "#A0A0A0"), ("CPI", "SP", "XYZ"), FIXED_COLOURS)
    assert shown[0] == "#C62828" and shown[1] != "#C62828"
    assert [(s.index, s.alike) for s in shaded] == [(1, "CPI"), (2, "Unassigned")]   # #A0A0A0 beside #9E9E9E
    assert alike_pairs(list(shown) + ["#8E5CC2", "#9E9E9E"]) == []


def test_colours_apart_are_kept_and_the_users_choice_keeps_every_given_colour():
    hr = ("#1A5FB4", "#2AA198")     # Haryana: AAP, INC
    assert shown_colours(hr, FIXED_COLOURS) == hr
    given = tuple(c for _p, c in TN)
    assert shown_colours(given, FIXED_COLOURS) != given
    keep_given(True)
    assert shown_colours(given, FIXED_COLOURS) == given


def test_every_view_reads_the_shown_colour():
    """pool_colour_hex (the map, the seat bar, the pools, the chart, the brief) draws the shades;
    the partners keep their given colours."""
    pools = Pools(tuple(Partner(p, p, c) for p, c in TN))
    drawn = [pool_colour_hex(pools, i) for i in range(pools.n_partners)]
    assert drawn[:3] == ["#D50000", "#2AA198", "#1565C0"] and drawn[3] not in ("#C62828", "#D50000")
    assert [p.colour for p in pools.partners] == [c for _p, c in TN]
    assert pool_colour_hex(pools, pools.contested) == "#8E5CC2"
    assert min(delta_e00(a, b) for i, a in enumerate(drawn) for b in drawn[i + 1:]) >= ALIKE
