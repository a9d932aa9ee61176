"""One colour per party per document (issue 26): the chart, the scoreboard, the seat table, the
pools' winner chips, the Summary, the map and the brief all draw a party in the same colour.

The colours are chosen once per data set and partner list: the partners keep their pool
colours as drawn (core.partner_colours: a shade where two partners' read alike; so a partner's
pool and its winner chip agree), then every party that wins or comes
second in a seat of any of the data set's elections, most seats first, keeps the party table's
colour unless it reads like one chosen before it (parties.distinct_colours: CIE76 ΔE under 20,
e.g. JD(U)'s and Congress's teals); such a party gets a colour of its own. Parties never first
or second anywhere (they never show in a chart, a legend or the Projected column together)
keep the table's colour, alike or not."""
from __future__ import annotations

from collections import Counter

from .dataset import Dataset
from .parties import distinct_colours
from .partner_colours import keep_given, shown_colours
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


def party_palette(ds: Dataset, partners) -> dict[str, str]:
    """{party: colour} for the partners and the prominent parties, no two alike (see the
    module's docstring); the same object for the same data set and partner list."""
    key = (tuple((k, id(b.candidates)) for k, b in ds.baselines.items()),
           tuple((p.code, p.colour.upper()) for p in partners), id(ds.parties), keep_given())
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
    out = {n: chosen[canon[n]] for n in names}
    if len(cache) > 32:
        cache.clear()
    cache[key] = out
    return out


def party_colour(ds: Dataset, partners, party: str) -> str:
    """A party's colour in a document: the palette's, else the party table's."""
    c = party_palette(ds, partners).get(party)
    return c if c is not None else _own_colour(ds, party)
