"""The party table: ECI full names, short codes, colours and aliases.

Results files name parties as their sources publish them: ECI's full names ("Jharkhand Mukti
Morcha"), ECI or TCPD abbreviations ("JNJP", "AAAP"), or short codes ("INC"). The table maps
every spelling to one short code, so partners, swings and colours are matched by code. A
shipped, editable table (``resources/parties.csv``) covers the national and major state parties;
an unknown party keeps its published name and gets a short code derived from it and a stable
colour distinct from the colours already used.

The shipped table is also ECI's register of parties (built by ``tools/build_party_register.py``
from public lists and ECI's own files): a row without a colour is a registered party not shown
until a results file names it. ``resolve`` looks a new name up there first, so "INDIAN INCLUSIVE
PARTY" becomes ECI's ``IIP``; only a name the register lacks gets a code made up from its
initials, and its source says so (:data:`MADE_UP`). Every row says where it comes from (the
``source`` column).

Matching ignores case, spaces and punctuation ("Lok Janshakti Party(Ram Vilas)" and
"Lok Janshakti Party (Ram Vilas)" are one party; "Hindustani Awam Manch (United)," with the
stray comma of the published file is the same as without it). NOTA, however spelt, is the
party ``NOTA`` and never a contender; every independent is party ``IND`` and each stays a
candidate of its own.
"""
from __future__ import annotations

import colorsys
import csv
import functools
import hashlib
import io
import math
import re
from dataclasses import dataclass

NOTA = "NOTA"
IND = "IND"
MAX_CODE = 16
_CODE_OK = re.compile(r"^[A-Za-z0-9()\-./& ]{1,16}$")
_STOP = {"of", "the", "and", "for", "&", "party"}
MADE_UP = "made up from the name's initials (not in ECI's register)"
AS_WRITTEN = "the code as the results file writes it (not in ECI's register)"

# a palette for parties the table does not know: saturated, mutually distinct hues
_PALETTE = ["#3949AB", "#00897B", "#C0CA33", "#8E24AA", "#F4511E", "#039BE5", "#7CB342", "#D81B60",
            "#6D4C41", "#FFB300", "#546E7A", "#5C6BC0", "#26A69A", "#AB47BC", "#EF5350", "#9CCC65",
            "#29B6F6", "#FFA726", "#8D6E63", "#EC407A"]


def key(text: str) -> str:
    """The matching key of a party spelling: lower case letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def is_nota(text: str) -> bool:
    return key(text) in ("nota", "noneoftheabove")


def valid_code(code: str) -> bool:
    return bool(_CODE_OK.match(code)) and code.strip() == code


@dataclass(frozen=True)
class Party:
    code: str
    name: str
    colour: str


class PartyTable:
    """Parties by code, in table order, with an alias index. ``resolve`` adds unknown ones."""

    def __init__(self, parties: list[Party] | None = None, aliases: dict[str, str] | None = None):
        self._by_code: dict[str, Party] = {}
        self._alias: dict[str, str] = {}
        self._spellings: dict[str, list[str]] = {}  # code -> aliases as written in the table
        self.added: list[str] = []  # codes derived for parties not in the shipped table
        self.warnings: list = []    # errors.Problem of the file it was read from (from_csv)
        self._source: dict[str, str] = {}  # code -> where the row comes from
        # the register: parties known (ECI code, name, spellings) but shown only once a file names them
        self._register: dict[str, tuple[str, tuple[str, ...], str]] = {}
        self._reg_alias: dict[str, str] = {}
        for p in parties or []:
            self.add(p)
        for a, code in (aliases or {}).items():
            self._alias.setdefault(key(a), code)

    def add(self, p: Party, aliases: list[str] = (), source: str = "") -> None:
        """Add or replace a party; its code, name and aliases match it from now on."""
        self._by_code[p.code] = p
        if source:
            self._source[p.code] = source
        sp = self._spellings.setdefault(p.code, [])
        sp.extend(a for a in aliases if a not in sp)
        for a in (p.code, p.name, *aliases):
            if key(a) and self._alias.get(key(a)) not in (None, p.code) and a in aliases:
                self._alias[key(a)] = p.code  # an explicit alias wins over another's name
                continue
            if key(a):
                self._alias.setdefault(key(a), p.code)

    def register(self, code: str, name: str, spellings=(), source: str = "") -> None:
        """Add a registered party that is not shown until a results file names it (``resolve``)."""
        self._register[code] = (name or code, tuple(spellings), source)
        for a in (code, name, *spellings):
            if key(a):
                self._reg_alias.setdefault(key(a), code)

    def register_entries(self):
        """(code, name, spellings, source) of the registered parties not shown yet."""
        return [(c, n, list(sp), src) for c, (n, sp, src) in self._register.items() if c not in self._by_code]

    def source(self, code: str) -> str:
        """Where the party's row comes from ("" when the table does not say)."""
        if code in self._source:
            return self._source[code]
        return self._register[code][2] if code in self._register else ""

    def made_up(self, code: str) -> bool:
        """True when the code was made up from the name's initials (ECI's register lacks the party)."""
        return self._source.get(code) == MADE_UP

    def spellings(self, code: str) -> list[str]:
        """The party's other spellings, as the table writes them."""
        return list(self._spellings.get(code, []))

    def copy(self) -> "PartyTable":
        t = PartyTable()
        t._by_code = dict(self._by_code)
        t._alias = dict(self._alias)
        t._spellings = {k: list(v) for k, v in self._spellings.items()}
        t.added = list(self.added)
        t._source = dict(self._source)
        t._register = self._register  # read-only once loaded
        t._reg_alias = self._reg_alias
        return t

    def __contains__(self, code: str) -> bool:
        return code in self._by_code

    def __iter__(self):
        return iter(self._by_code.values())

    def get(self, code: str) -> Party | None:
        return self._by_code.get(code)

    def lookup(self, text: str) -> str | None:
        """The code of a spelling, or None when the table does not know it."""
        if is_nota(text):
            return NOTA
        return self._alias.get(key(text))

    def resolve(self, text: str) -> str:
        """The code of a published party spelling; an unknown party is added with a derived
        code (its own text when that is already a short code) and a stable colour."""
        text = " ".join(text.split()).strip(" ,;")
        code = self.lookup(text)
        if code is not None:
            return code
        code = self._reg_alias.get(key(text))
        if code is not None and code not in self._by_code:  # ECI's register knows it: its code
            name, spellings, source = self._register[code]
            self.add(Party(code, name, self._new_colour(code)), list(spellings), source)
            self.added.append(code)
            return code
        code, made_up = self._derive_code(text)
        self.add(Party(code, text, self._new_colour(code)), source=MADE_UP if made_up else AS_WRITTEN)
        self.added.append(code)
        return code

    def colour(self, code: str) -> str:
        p = self._by_code.get(code)
        return p.colour if p else "#B0B0B0"

    def name(self, code: str) -> str:
        p = self._by_code.get(code)
        return p.name if p else code

    def _derive_code(self, text: str) -> tuple[str, bool]:
        """A code for a party neither the table nor the register knows, and whether it is made
        up (from the initials) rather than the file's own abbreviation."""
        compact = text.replace(" ", "")
        made_up = False
        if len(compact) <= 10 and " " not in text and valid_code(text):
            base = text  # already an abbreviation, e.g. LTSP, SUCI(C)
        else:
            made_up = True
            words = [w for w in re.split(r"[\s\-–/]+", re.sub(r"[(),.]", " ", text)) if w]
            initials = "".join(w[0] for w in words if w.casefold() not in _STOP and w[0].isalnum())
            if len(initials) < 2:  # one significant word: its first letters
                first = next((w for w in words if w.casefold() not in _STOP), words[0] if words else "")
                initials = re.sub(r"[^A-Za-z0-9]", "", first)[:4]
                if any(w.casefold() == "party" for w in words):
                    initials += "P"
            base = (initials or "PARTY").upper()
        base = re.sub(r"[^A-Za-z0-9()\-./& ]", "", base)[:MAX_CODE - 2] or "PARTY"
        code, n = base, 2
        while code in self._by_code or key(code) in self._alias or key(code) in self._reg_alias:
            code, n = f"{base}{n}", n + 1
        return code, made_up

    def _new_colour(self, code: str) -> str:
        used = {p.colour.upper() for p in self._by_code.values()}
        start = int(hashlib.sha1(code.encode()).hexdigest(), 16) % len(_PALETTE)
        for i in range(len(_PALETTE)):
            c = _PALETTE[(start + i) % len(_PALETTE)]
            if c.upper() not in used:
                return c
        # every palette colour taken: a golden-ratio hue walk, still stable per code
        h = (start * 0.618033988749895 + len(used) * 0.618033988749895) % 1.0
        r, g, b = colorsys.hls_to_rgb(h, 0.45, 0.6)
        return f"#{int(r * 255):02X}{int(g * 255):02X}{int(b * 255):02X}"

    def distinct(self, codes: list[str]) -> "PartyTable":
        """A copy in which the named parties (most important first) have distinct colours:
        a party whose colour an earlier one already has gets the next free palette colour.
        NOTA and IND keep their greys."""
        t = self.copy()
        seen: set[str] = set()
        for c in codes:
            p = t.get(c)
            if p is None:
                continue
            if p.colour.upper() in seen and c not in (NOTA, IND):
                start = int(hashlib.sha1(c.encode()).hexdigest(), 16) % len(_PALETTE)
                free = [_PALETTE[(start + i) % len(_PALETTE)] for i in range(len(_PALETTE))]
                colour = next((x for x in free if x.upper() not in seen), p.colour)
                t._by_code[c] = Party(p.code, p.name, colour)
                p = t._by_code[c]
            seen.add(p.colour.upper())
        return t

    # --- the CSV form: code,name,colour,aliases,source (a row without a colour: registered) ---
    @staticmethod
    def from_csv(text: str, name: str = "parties.csv", delimiter: str = ",") -> "PartyTable":
        """``text`` as core.csvtext.decode_csv gives it (any encoding, line ends and separator
        a user's file has), or the shipped table's own."""
        from .errors import DataError, Problem
        t = PartyTable()
        problems = []
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = next(reader, None)
        except csv.Error as e:
            raise DataError(Problem(name, 1, None, f"not a readable CSV file: {e}")) from None
        if header is None or [h.strip().lower() for h in header[:3]] != ["code", "name", "colour"]:
            raise DataError(Problem(name, 1, None, "expected the header code,name,colour,aliases(,source)"))
        has_source = len(header) > 4 and header[4].strip().lower() == "source"
        width = 5 if has_source else 4
        prev = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                raise DataError(Problem(name, prev + 1, None, f"not a readable CSV file: {e}")) from None
            line, prev = prev + 1, reader.line_num
            if not any(c.strip() for c in row):
                continue
            if len(row) > width and any(c.strip() for c in row[width:]) and not t.warnings:
                t.warnings.append(Problem(name, line, None, "more fields than the header's code, name, colour, "
                                                            f"aliases{', source' if has_source else ''}; the fields "
                                                            "past it are ignored"))
            code, pname, colour = (row + ["", "", ""])[:3]
            code, pname, colour = code.strip(), pname.strip(), colour.strip()
            aliases = [a.strip() for a in (row[3] if len(row) > 3 else "").split("|") if a.strip()]
            source = row[4].strip()[:500] if has_source and len(row) > 4 else ""
            if not valid_code(code):
                problems.append(Problem(name, line, "code", f"{code[:40]!r} is not a short party code "
                                        f"(1–{MAX_CODE} letters, digits, ()-./& or spaces)"))
                continue
            if colour and not re.fullmatch(r"#[0-9A-Fa-f]{6}", colour):
                problems.append(Problem(name, line, "colour", f"expected #RRGGBB (or nothing: a registered "
                                                              f"party shown once a file names it), found {colour[:20]!r}"))
                continue
            if code in t or code in t._register:
                problems.append(Problem(name, line, "code", f"party {code} is listed twice"))
                continue
            if not colour:  # a registered party: known, shown (with a colour of its own) once a file names it
                t.register(code, pname or code, aliases, source)
                continue
            t.add(Party(code, pname or code, colour.upper()), aliases, source)
        if problems:
            raise DataError(problems)
        return t

    def to_csv(self, codes: list[str] | None = None) -> str:
        """The table (or the named parties) as CSV."""
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["code", "name", "colour", "aliases", "source"])
        for p in self._by_code.values():
            if codes is not None and p.code not in codes:
                continue
            w.writerow([p.code, p.name, p.colour, "|".join(self._spellings.get(p.code, [])),
                        self._source.get(p.code, "")])
        return out.getvalue()


# --- colours never alike for parties shown together ---------------------------------------
ALIKE_DELTA_E = 20.0  # CIE76 ΔE below which two colours read as the same party on a map


@functools.lru_cache(maxsize=4096)
def lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of "#RRGGBB"."""
    h = colour.lstrip("#")
    lin = []
    for i in (0, 2, 4):
        c = int(h[i:i + 2], 16) / 255
        lin.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = lin
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: str, b: str) -> float:
    """The CIE76 colour difference of two "#RRGGBB" colours (about 2.3: just noticeable)."""
    (l1, a1, b1), (l2, a2, b2) = lab(a.upper()), lab(b.upper())
    return math.sqrt((l1 - l2) ** 2 + (a1 - a2) ** 2 + (b1 - b2) ** 2)


def _candidates(code: str) -> list[str]:
    """Replacement colours for ``code``, in a stable order of its own: the palette, then a
    walk round the hue circle at three lightnesses."""
    start = int(hashlib.sha1(code.encode()).hexdigest(), 16)
    out = [_PALETTE[(start + i) % len(_PALETTE)] for i in range(len(_PALETTE))]
    for light in (0.42, 0.62, 0.30):
        for k in range(24):
            r, g, b = colorsys.hls_to_rgb(((start % 24) + k * 7) % 24 / 24, light, 0.65)
            out.append(f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}")
    return out


def distinct_colours(order, colour_of, neighbours=(), threshold: float = ALIKE_DELTA_E,
                     fixed=()) -> dict[str, str]:
    """A colour for every party in ``order`` (most important first: each keeps its own colour
    unless an earlier one already has one alike), such that no two read alike (CIE76 ΔE below
    ``threshold``): they are shown together, in one legend. A party whose own colour is too
    close to an earlier one's gets the first of its candidates far enough from all of them;
    when no candidate is, one far enough from its ``neighbours`` (pairs of parties that meet,
    e.g. on the map), else the most distinct. ``fixed``: colours already on show (Contested's,
    the hatching) that every party keeps away from."""
    nb: dict[str, set[str]] = {}
    for a, b in neighbours:
        nb.setdefault(a, set()).add(b)
        nb.setdefault(b, set()).add(a)
    out: dict[str, str] = {}
    taken: list[str] = list(fixed)
    for p in order:
        if p in out:
            continue
        own = colour_of(p).upper()
        if all(delta_e(own, c) >= threshold for c in taken):
            out[p] = own
            taken.append(own)
            continue
        cands = _candidates(p)
        best = next((x for x in cands if all(delta_e(x, c) >= threshold for c in taken)), None)
        if best is None:
            met = [out[q] for q in nb.get(p, ()) if q in out] + list(fixed)
            ok = [x for x in [own] + cands if all(delta_e(x, c) >= threshold for c in met)] or cands
            best = own if ok[0] == own else max(ok, key=lambda x: min(delta_e(x, c) for c in taken))
        out[p] = best
        taken.append(best)
    return out


_SHIPPED: PartyTable | None = None


def shipped_table() -> PartyTable:
    """A fresh copy of the shipped table (callers may add to theirs)."""
    global _SHIPPED
    if _SHIPPED is None:
        from .paths import resource_root
        _SHIPPED = PartyTable.from_csv(resource_root().joinpath("parties.csv").read_text(encoding="utf-8"),
                                       "parties.csv")
    return _SHIPPED.copy()
