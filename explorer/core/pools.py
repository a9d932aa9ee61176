"""Partners and pools.

Every seat is in exactly one pool: one per partner (that partner alone fields the alliance
candidate), Contested (both partners claim it and would field candidates: a disputed seat or
a friendly fight) or Unassigned (not decided yet). Partners are data, so the same core serves
another alliance in another state.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .partner_colours import shown_colours

MAX_PARTNERS = 40   # the 2024 INDIA bloc had 21 parties; the pool array is int8
CONTESTED = "contested"
UNASSIGNED = "unassigned"
CONTESTED_COLOUR = "#8E5CC2"
UNASSIGNED_COLOUR = "#9E9E9E"
FIXED_COLOURS = (("Contested", CONTESTED_COLOUR), ("Unassigned", UNASSIGNED_COLOUR))  # shown beside the partners
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class Partner:
    code: str      # party code as in the baselines, e.g. "AAP", "INC"
    name: str
    colour: str    # "#RRGGBB"

    def to_json(self) -> dict:
        return {"code": self.code, "name": self.name, "colour": self.colour}


DEFAULT_PARTNERS = (
    Partner("AAP", "Aam Aadmi Party", "#1A5FB4"),
    Partner("INC", "Indian National Congress", "#2AA198"),
)


class Pools:
    """The pool keys of an alliance, in order: partners, then Contested, then Unassigned.
    A scenario stores a seat's pool as an index into this order (a small int array)."""

    def __init__(self, partners: tuple[Partner, ...]):
        if len(partners) < 2:
            raise ValueError("an alliance needs at least two partners")
        if len(partners) > MAX_PARTNERS:
            raise ValueError(f"an alliance has at most {MAX_PARTNERS} partners, not {len(partners)}")
        self.partners = tuple(partners)
        self.keys: tuple[str, ...] = tuple(p.code for p in partners) + (CONTESTED, UNASSIGNED)
        self.n_partners = len(partners)
        self.contested = self.n_partners
        self.unassigned = self.n_partners + 1
        self._index = {k.lower(): i for i, k in enumerate(self.keys)}

    def __len__(self) -> int:
        return len(self.keys)

    def __eq__(self, other) -> bool:
        return isinstance(other, Pools) and self.partners == other.partners

    def __hash__(self) -> int:
        return hash(self.partners)

    def index(self, key: str) -> int:
        """Pool index of a key, case-insensitive ('aap', 'INC', 'Contested')."""
        try:
            return self._index[key.strip().lower()]
        except KeyError:
            raise KeyError(f"unknown pool {key!r}; pools are {', '.join(self.keys)}") from None

    def key(self, index: int) -> str:
        return self.keys[index]

    def label(self, index: int) -> str:
        if index < self.n_partners:
            return self.partners[index].code
        return "Contested" if index == self.contested else "Unassigned"

    def partner(self, code: str) -> Partner:
        for p in self.partners:
            if p.code == code:
                return p
        raise KeyError(f"unknown partner {code!r}")

    def match(self, text: str, resolve=None) -> int | None:
        """The pool a file's spelling names, or None: a pool key in any case ("inc",
        "Contested"), a partner's name ("Aam Aadmi Party"), or, given ``resolve`` (the data set's
        party table: spelling -> party code or None), any spelling of a partner's party
        ("Congress", "Indian National Congress", "AAAP")."""
        try:
            return self.index(text)
        except KeyError:
            pass
        k = _match_key(text)
        if not k:
            return None
        for i, p in enumerate(self.partners):
            if _match_key(p.name) == k or _match_key(p.code) == k:
                return i
        code = resolve(text) if resolve is not None else None
        if code:
            for i, p in enumerate(self.partners):
                if p.code == code or resolve(p.code) == code or resolve(p.name) == code:
                    return i
        return None

    def partner_index(self, code: str) -> int:
        for i, p in enumerate(self.partners):
            if p.code == code:
                return i
        raise KeyError(f"unknown partner {code!r}; partners are {', '.join(p.code for p in self.partners)}")


def _match_key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def pool_colour_hex(pools: "Pools", index: int) -> str:
    """A pool's colour as drawn: a partner's given colour, or a shade of it where partners'
    colours read alike (core.partner_colours)."""
    if index < pools.n_partners:
        return shown_colours(tuple(p.colour for p in pools.partners), FIXED_COLOURS)[index]
    return CONTESTED_COLOUR if index == pools.contested else UNASSIGNED_COLOUR


def valid_colour(s: str) -> bool:
    return isinstance(s, str) and bool(_HEX.match(s))
