"""The partners' colours as drawn: partners whose given colours cannot be told apart are drawn in
shades of their own colours.

A partner's colour is the user's (or the data set's, or the party table's) and is kept as given:
the scenario saves it, the Partners menu recolours it. Shown together on the map, the seat bar
and the pools, though, colours alike make the partners unreadable: Tamil Nadu's data set gives
DMK #D50000, CPI #C62828 and CPI(M) #B71C1C, three reds. So at display time, within the
alliance shown (its partners and the Contested and Unassigned pools' colours), a partner whose
given colour reads like an earlier partner's (CIEDE2000 ΔE under ``ALIKE``) or like a pool's is
drawn in a shade of its own colour: lighter or darker at its own hue, the first of a fixed list
that reads unlike every other colour shown; if none does, its hue turned a little, and past that
the shade that differs most. The partner first in the list keeps its colour (the lead party:
DMK). The same partners always give the same colours; nothing saved changes.

Why CIEDE2000 and 10: CIE76 overstates differences between saturated colours (DMK's and CPI's
reds are 20.8 apart in CIE76, past the party palette's 20, yet read as one red on a map);
CIEDE2000 puts them 6.2 apart. Pairs of the party table under 10 (CPI(M)/CPI(ML)L 9.2,
INLD/RLD 8.0, JJP/RLD 5.0) are shades of one family no legend saves on a map of small seats;
pairs from 12.7 (INLD/JJP) up read apart. 10 is about five times what a viewer just notices
(about 2) — the margin small, adjacent map shapes need.

``keep_given(True)`` (the Parties dialog's choice) draws every partner in its given colour."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from .parties import lab

ALIKE = 10.0            # CIEDE2000 ΔE under which two partners' colours read alike (see above)
# the shades tried, in order: steps of lightness (L*) at the partner's own hue, then hue turns (°)
SHADE_STEPS = (16.0, -16.0, 28.0, -28.0, 40.0, -40.0)
HUE_TURNS = (30.0, -30.0, 60.0, -60.0)

_keep_given = False


def keep_given(on: bool | None = None) -> bool:
    """Whether partners are drawn in their given colours even when alike (the user's choice in
    the Parties dialog); ``on`` sets it. Returns the choice in force."""
    global _keep_given
    if on is not None:
        _keep_given = bool(on)
    return _keep_given


def delta_e00(a: str, b: str) -> float:
    """The CIEDE2000 colour difference of two "#RRGGBB" colours (Sharma, Wu and Dalal 2005)."""
    return de00_lab(lab(a.upper()), lab(b.upper()))


def de00_lab(l1: tuple, l2: tuple) -> float:
    """CIEDE2000 of two (L*, a*, b*) colours."""
    (L1, a1, b1), (L2, a2, b2) = l1, l2
    cbar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cbar ** 7 / (cbar ** 7 + 25.0 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1 = math.degrees(math.atan2(b1, a1p)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, a2p)) % 360 if c2 else 0.0
    dh = 0.0
    if c1 * c2:
        dh = h2 - h1
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    d_l, d_c = L2 - L1, c2 - c1
    d_h = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    lbar, cbarp = (L1 + L2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        hbar = h1 + h2
    elif abs(h1 - h2) <= 180:
        hbar = (h1 + h2) / 2
    else:
        hbar = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(hbar - 30)) + 0.24 * math.cos(math.radians(2 * hbar))
         + 0.32 * math.cos(math.radians(3 * hbar + 6)) - 0.20 * math.cos(math.radians(4 * hbar - 63)))
    turn = 30 * math.exp(-((hbar - 275) / 25) ** 2)
    rc = 2 * math.sqrt(cbarp ** 7 / (cbarp ** 7 + 25.0 ** 7))
    sl = 1 + 0.015 * (lbar - 50) ** 2 / math.sqrt(20 + (lbar - 50) ** 2)
    sc, sh = 1 + 0.045 * cbarp, 1 + 0.015 * cbarp * t
    rt = -math.sin(math.radians(2 * turn)) * rc
    return math.sqrt((d_l / sl) ** 2 + (d_c / sc) ** 2 + (d_h / sh) ** 2 + rt * (d_c / sc) * (d_h / sh))


def _srgb(L: float, a: float, b: float) -> tuple[float, float, float] | None:
    """sRGB (0–1) of a CIE L*a*b* (D65) colour, None outside the gamut."""
    fy = (L + 16) / 116
    fx, fz = fy + a / 500, fy - b / 200

    def inv(f: float) -> float:
        return f ** 3 if f ** 3 > 216 / 24389 else (116 * f - 16) * 27 / 24389
    x, y, z = inv(fx) * 0.95047, inv(fy), inv(fz) * 1.08883
    lin = (3.2406 * x - 1.5372 * y - 0.4986 * z, -0.9689 * x + 1.8758 * y + 0.0415 * z,
           0.0557 * x - 0.2040 * y + 1.0570 * z)
    if any(c < -1e-4 or c > 1 + 1e-4 for c in lin):
        return None
    lin = tuple(min(max(c, 0.0), 1.0) for c in lin)
    return tuple(12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in lin)


def lab_hex(L: float, a: float, b: float) -> str:
    """"#RRGGBB" of a L*a*b* colour, its chroma cut (hue and lightness kept) until sRGB holds it."""
    L = min(max(L, 0.0), 100.0)
    rgb = _srgb(L, a, b)
    if rgb is None:
        lo, hi = 0.0, 1.0          # the largest share of the chroma sRGB holds at this lightness
        for _ in range(20):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if _srgb(L, a * mid, b * mid) is not None else (lo, mid)
        rgb = _srgb(L, a * lo, b * lo) or (L / 100,) * 3
    return "#" + "".join(f"{round(c * 255):02X}" for c in rgb)


def shades(colour: str) -> list[str]:
    """The shades a partner's colour may be drawn in, in the order tried: lighter and darker at
    its own hue (L* ±16, ±28, ±40, kept within 12–92), then its hue turned ±30°, ±60°."""
    L, a, b = lab(colour.upper())
    out = [lab_hex(min(max(L + d, 12.0), 92.0), a, b) for d in SHADE_STEPS]
    for turn in HUE_TURNS:
        r = math.radians(turn)
        out.append(lab_hex(L, a * math.cos(r) - b * math.sin(r), a * math.sin(r) + b * math.cos(r)))
    return [c for c in dict.fromkeys(out) if c != colour.upper()]


@dataclass(frozen=True)
class Shaded:
    """A partner drawn in a shade: its given colour, the one drawn, and what it read like (a
    partner's code, or a pool's name) with the distance (CIEDE2000)."""
    index: int
    given: str
    shown: str
    alike: str
    delta: float


def alike_pairs(colours, threshold: float = ALIKE) -> list[tuple[int, int, float]]:
    """Every pair (i, j, ΔE), i < j, of ``colours`` whose CIEDE2000 distance is under ``threshold``."""
    cs = [c.upper() for c in colours]
    return [(i, j, d) for i in range(len(cs)) for j in range(i + 1, len(cs))
            if (d := delta_e00(cs[i], cs[j])) < threshold]


@lru_cache(maxsize=256)
def resolve(given: tuple[str, ...], names: tuple[str, ...] = (), fixed: tuple[tuple[str, str], ...] = (),
            threshold: float = ALIKE) -> tuple[tuple[str, ...], tuple[Shaded, ...]]:
    """The colours the partners are drawn in, and the partners shaded: ``given`` their colours in
    the alliance's order, ``names`` their codes (for what a shaded one read like), ``fixed``
    (name, colour) of the pools always shown beside them (Contested, Unassigned). A partner keeps
    its colour unless it reads like an earlier kept partner's or a fixed one; the shaded, in
    order, take their first shade unlike every kept colour and the shades taken before."""
    given = tuple(c.upper() for c in given)
    names = names or tuple(f"partner {i + 1}" for i in range(len(given)))
    kept: list[tuple[str, str]] = [(n, c.upper()) for n, c in fixed]
    clash: dict[int, tuple[str, float]] = {}
    for i, c in enumerate(given):
        near = min(((delta_e00(c, k), n) for n, k in kept), default=None)
        if near is not None and near[0] < threshold:
            clash[i] = (near[1], near[0])
        else:
            kept.append((names[i], c))
    taken = [k for _n, k in kept]
    shown, out = list(given), []
    for i, (what, d) in clash.items():
        cands = shades(given[i])
        best = next((s for s in cands if all(delta_e00(s, t) >= threshold for t in taken)), None)
        if best is None:
            best = max(cands, key=lambda s: min(delta_e00(s, t) for t in taken))
        shown[i] = best
        taken.append(best)
        out.append(Shaded(i, given[i], best, what, d))
    return tuple(shown), tuple(out)


def shown_colours(given: tuple[str, ...], fixed: tuple[tuple[str, str], ...] = ()) -> tuple[str, ...]:
    """The colours the partners are drawn in: ``resolve``'s, or the given ones when the user keeps them."""
    if _keep_given:
        return tuple(given)
    return resolve(tuple(given), (), tuple(fixed))[0]
