"""Rivals drawn beside each other (the seat bar, the map) are held to the partners' rule: two
colours under CIEDE2000 10 read as one, the later rival (fewer seats) is drawn in a shade of its
own (core.palette.rival_shades). The distances below are checkable by hand with
core.partner_colours.delta_e00 (CIEDE2000, Sharma, Wu and Dalal 2005)."""
from __future__ import annotations

import pytest

from explorer.core.dataset_io import load_dataset, load_embedded
from explorer.core.palette import party_palette, rival_shades
from explorer.core.partner_colours import ALIKE, delta_e00, keep_given, shades
from explorer.core.pools import Partner

@pytest.fixture(autouse=True)
def shading_on():
    keep_given(False)
    yield
    keep_given(False)


def _all_apart(pal: dict[str, str]) -> float:
    """The least CIEDE2000 distance between two parties' colours as drawn."""
    cs = list(pal.values())
    return min(delta_e00(a, b) for i, a in enumerate(cs) for b in cs[i + 1:])


def test_dmk_and_cpi_as_rivals_read_as_one_red_so_cpi_the_smaller_is_shaded():
    """Tamil Nadu with ADMK the partner: DMK and CPI are rivals side by side. The palette's CIE76
    step keeps both reds (20.8 >= 20); the rivals' CIEDE2000 step (6.2 < 10) shades CPI."""
    from explorer.core.parties import delta_e, distinct_colours
    from explorer.core.partner_colours import resolve
    from explorer.core.pools import FIXED_COLOURS
    assert delta_e("#D50000", "#C62828") == pytest.approx(20.8, abs=0.05)
    assert delta_e00("#D50000", "#C62828") == pytest.approx(6.2, abs=0.05)
    kept = distinct_colours(["DMK", "CPI"], {"DMK": "#D50000", "CPI": "#C62828"}.get)
    assert kept == {"DMK": "#D50000", "CPI": "#C62828"}
    # the step core.palette.party_palette takes: the rivals, most seats first, against the pools and ADMK
    shown, shaded = resolve(("#D50000", "#C62828"), ("DMK", "CPI"), tuple(FIXED_COLOURS) + (("ADMK", "#1B5E20"),))
    assert shown[0] == "#D50000"
    assert [(s.index, s.alike) for s in shaded] == [(1, "DMK")]
    assert shown[1] == shades("#C62828")[0]          # its first shade (L* + 16) reads apart from all
    assert delta_e00(shown[1], "#D50000") >= ALIKE


def test_haryana_a_partner_recoloured_red_shades_cpim_the_rival_beside_it():
    """AAP recoloured DMK's red #D50000: CPI(M)'s #B71C1C, a rival, is 21.0 from it in CIE76 (the
    palette's rule lets it by) and 7.0 in CIEDE2000: drawn in a shade of its own."""
    ds = load_embedded()
    partners = (Partner("AAP", "Aam Aadmi Party", "#D50000"), Partner("INC", "Indian National Congress", "#2AA198"))
    assert ds.party_colour("CPI(M)") == "#B71C1C"
    assert delta_e00("#D50000", "#B71C1C") == pytest.approx(7.0, abs=0.05)
    pal = party_palette(ds, partners)
    assert pal["AAP"] == "#D50000"
    shaded = dict(rival_shades(ds, partners))
    assert list(shaded) == ["CPI(M)"] and shaded["CPI(M)"].alike == "AAP"
    assert pal["CPI(M)"] == shaded["CPI(M)"].shown and pal["CPI(M)"] in shades("#B71C1C")
    assert delta_e00(pal["CPI(M)"], "#D50000") >= ALIKE
    assert _all_apart(pal) >= ALIKE


def test_haryana_default_no_rival_reads_like_another():
    ds = load_embedded()
    partners = tuple(ds.partners)           # AAP, INC
    pal = party_palette(ds, partners)
    assert rival_shades(ds, partners) == ()
    # INLD's green and JJP's olive, the two Lok Dal heirs side by side, are 12.7 apart: they keep theirs
    assert pal["JJP"] == "#6A8E23" and pal["INLD"] == "#2E7D32"
    assert delta_e00("#6A8E23", "#2E7D32") == pytest.approx(12.7, abs=0.05)
    assert _all_apart(pal) >= ALIKE


@pytest.mark.parametrize("codes", [None, ("INC", "AAP", "INLD", "BSP"),
                                   ("INC", "AAP", "INLD", "BSP", "JJP", "CPI(M)", "SP", "NCP")])
def test_haryana_every_colour_drawn_reads_apart_with_2_4_8_partners(codes):
    ds = load_embedded()
    partners = tuple(ds.partners) if codes is None else tuple(Partner(c, c, ds.party_colour(c)) for c in codes)
    pal = party_palette(ds, partners)
    assert _all_apart(pal) >= ALIKE


def test_jharkhand_no_rival_reads_like_another():
    ds = load_dataset("resources/jharkhand")
    partners = tuple(ds.partners)
    assert rival_shades(ds, partners) == ()
    assert _all_apart(party_palette(ds, partners)) >= ALIKE


def test_the_same_partners_give_the_same_rival_colours():
    a, b = load_embedded(), load_embedded()
    assert party_palette(a, tuple(a.partners)) == party_palette(b, tuple(b.partners))
