"""One colour per party per document (issue 26): the chart, the scoreboard, the seat table, the
pools' winner chips, the Summary, the map and the brief all draw a party in the same colour.

The colours are chosen once per data set and partner list: the partners keep their pool
colours as drawn (core.partner_colours: a shade where two partners' read alike; so a partner's
pool and its winner chip agree), then every party that wins or comes
second in a seat of any of the data set's elections, most seats first, keeps the party table's
colour unless it reads like one chosen before it (parties.distinct_colours: CIE76 ΔE under 20,
e.g. JD(U)'s and Congress's teals); such a party gets a colour of its own. Parties never first
or second anywhere (they never show in a chart, a legend or the Projected column together)
keep the table's colour, alike or not.

CIE76 under 20 lets saturated colours through that read as one (DMK's #D50000 and CPI's #C62828:
20.8 in CIE76, 6.2 in CIEDE2000), so the rivals are then held to the partners' rule as well
(core.partner_colours.resolve): the first ``RIVALS_CHECKED`` rivals, most seats first, each
keeps its colour unless it reads (CIEDE2000 under ``ALIKE``) like a partner's as drawn or an
earlier rival's; such a rival is drawn in a shade of its own colour. With Tamil
Nadu's ADMK the partner, DMK keeps its red and CPI, a rival beside it in the seat bar and on the
map, is drawn lighter. ``rival_shades`` says which (the Parties dialog lists them)."""
from __future__ import annotations

from collections import Counter

from .dataset import Dataset
from .parties import ALIKE_DELTA_E, delta_e, distinct_colours
from .partner_colours import ALIKE, Shaded, delta_e00, keep_given, shades, shown_colours
from .pools import FIXED_COLOURS


def prominent_parties(ds: Dataset) -> list[str]:
    """Parties first or second in any seat of any baseline, by seats won (then seconds) over all
    baselines, ties by code; cached on the data set for its baselines."""
    key = tuple((k, id(b.candidates)) for k, b in ds.baselines.items())
    hit = ds.__dict__.get("_prominent")
    if hit is not None and hit[0] == key:
        return hit[1]
    won, second = Counter(), Counter()
    for b in ds.baselines.values():
        c = b.candidates
        if c is None or not len(c):
            continue
        top = c.sort_values(["ac_no", "votes"], ascending=[True, False], kind="stable").groupby("ac_no").head(2)
        first = top.groupby("ac_no").head(1)
        won.update(first["party"].astype(str).tolist())
        second.update(top["party"].astype(str).tolist())
    out = sorted(set(won) | set(second), key=lambda p: (-won[p], -second[p], p))
    ds.__dict__["_prominent"] = (key, out)
    return out


def _known(ds: Dataset, code: str) -> bool:
    return (ds.parties is not None and code in ds.parties) or code in ds.party_colours


def _own_colour(ds: Dataset, code: str) -> str:
    return ds.party_colour(code if _known(ds, code) else (ds.resolve_party(code) or code))


RIVALS_CHECKED = 24    # the rivals held to CIEDE2000 (most seats first): a bar's or a map's visible parties


def _key(ds: Dataset, partners) -> tuple:
    return (tuple((k, id(b.candidates)) for k, b in ds.baselines.items()),
            tuple((p.code, p.colour.upper()) for p in partners), id(ds.parties), keep_given())


def party_palette(ds: Dataset, partners) -> dict[str, str]:
    """{party: colour} for the partners and the prominent parties, no two alike (see the
    module's docstring); the same object for the same data set and partner list."""
    key = _key(ds, partners)
    cache = ds.__dict__.setdefault("_palettes", {})
    hit = cache.get(key)
    if hit is not None:
        return hit
    # the partners as drawn (a shade where two read alike: core.partner_colours)
    shown = shown_colours(tuple(p.colour for p in partners), FIXED_COLOURS) if len(partners) else ()
    own = {p.code: c.upper() for p, c in zip(partners, shown)}
    names = list(own) + [p for p in prominent_parties(ds) if p not in own]
    # a party under another spelling ("Bharatiya Janata Party" in an imported file) is the party
    # its code names: one colour for both
    canon = {n: n if n in own or _known(ds, n) else (ds.resolve_party(n) or n) for n in names}
    order = list(dict.fromkeys(canon[n] for n in names))
    chosen = distinct_colours(order, lambda p: own.get(p) or _own_colour(ds, p))
    rivals = [p for p in order if p not in own][:RIVALS_CHECKED]
    shaded = _shade_rivals(rivals, chosen, tuple(own.items()))     # CIEDE2000: see the module's docstring
    out = {n: chosen[canon[n]] for n in names}
    if len(cache) > 32:
        cache.clear()
    cache[key] = out
    rs = ds.__dict__.setdefault("_rival_shades", {})
    if len(rs) > 32:
        rs.clear()
    rs[key] = tuple((rivals[s.index], s) for s in shaded)
    return out


def _shade_rivals(rivals: list[str], chosen: dict[str, str], partners: tuple[tuple[str, str], ...]) -> list[Shaded]:
    """Shade, in ``chosen``, each rival whose colour reads like a partner's as drawn or an earlier
    rival's (CIEDE2000 under ALIKE): the first of its shades (partner_colours.shades) unlike all of
    them, and no nearer any other party's colour than the palette's CIE76 rule allows; failing
    that, the shade farthest from them. The pools' colours are not among them: a pool's colour and
    a party's are never drawn together (the map shows pools or parties, the seat bar parties)."""
    drawn: list[tuple[str, str]] = list(partners)
    out: list[Shaded] = []
    for i, r in enumerate(rivals):
        c = chosen[r]
        near = min(((delta_e00(c, k), n) for n, k in drawn), default=None)
        if near is not None and near[0] < ALIKE:
            others = [v for p, v in chosen.items() if p != r]
            cands = shades(c)
            best = next((s for s in cands if all(delta_e00(s, k) >= ALIKE for _n, k in drawn)
                         and all(delta_e(s, o) >= ALIKE_DELTA_E for o in others)), None)
            if best is None:
                best = max(cands, key=lambda s: min(delta_e00(s, k) for _n, k in drawn))
            out.append(Shaded(i, c, best, near[1], near[0]))
            chosen[r] = c = best
        drawn.append((r, c))
    return out


def rival_shades(ds: Dataset, partners) -> tuple[tuple[str, Shaded], ...]:
    """(party, Shaded) of every rival drawn in a shade of its own colour (its ``given`` the colour
    it had before: the party table's, or the one parties.distinct_colours gave it), in order."""
    party_palette(ds, partners)
    return ds.__dict__.get("_rival_shades", {}).get(_key(ds, partners), ())


def party_colour(ds: Dataset, partners, party: str) -> str:
    """A party's colour in a document: the palette's, else the party table's."""
    c = party_palette(ds, partners).get(party)
    return c if c is not None else _own_colour(ds, party)
