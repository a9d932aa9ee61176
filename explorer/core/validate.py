"""Checks on the values that enter from files another party may have written.

A scenario or rules file is what one side of a negotiation sends the other, so the short
identifiers in it are held to a strict shape before anything is parsed, and free text is
bounded:

- partner and party codes (and pool keys): 1–16 characters, ASCII letters, digits and
  ``( ) - . / &`` and spaces, no space at either end (``AAP``, ``CPI(M)``, ``JD(U)``,
  ``Ind. Front``): the rule of the party table, ``parties.valid_code``;
- rule ids: 1–40 characters, the same characters plus ``_`` and ``:``, starting with a letter or
  digit (``hooda-nominees``, ``seat-count-2``);
- names (scenario, partner, rules set, faction, region): at most 120 characters;
- notes (scenario notes, a rule's source): at most 10,000 characters;
- colours: ``#RRGGBB``.

Names and notes may hold any script, but no control characters (notes may hold tabs and line
breaks), no bidirectional-override characters, which make text display in another order
than it is stored, and no lone surrogates (which no UTF-8 file can hold). Every refusal names the file and the JSON path, and quotes at most 80
characters of the value.

``check_scenario_doc`` and ``check_rules_doc`` are a pre-pass over a parsed JSON document: they
look only at the values named above, where they have the expected type, and leave every other
check (types, unknown seats, ranges) to the parsers in ``scenario`` and ``rules``. ``check_code``
and ``check_name`` serve other loaders (a results CSV's party codes)."""
from __future__ import annotations

import re

from .errors import DataError, Problem, quote
from .jsonio import JsonReader
from .parties import MAX_CODE, valid_code

MAX_RULE_ID = 40
MAX_NAME = 120
MAX_NOTES = 10_000

SCENARIO_FORMAT = "seat-share-explorer/scenario"
RULES_FORMAT = "seat-share-explorer/rules"

_RULE_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9()\-./&_: ]{0,%d}[A-Za-z0-9()\-./&_:])?" % (MAX_RULE_ID - 2))
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
# C0/C1 controls and DEL; the bidirectional embeddings, overrides and isolates; lone surrogates
# (JSON's "\ud800" parses to one, and no UTF-8 file can hold it: the scenario could not be saved)
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NAME_BAD = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
_NOTES_BAD = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")


def _too_long(value: str, limit: int, what: str) -> str:
    return f"a {what} has at most {limit} characters; this one has {len(value):,}: {quote(value)}"


def code_problem(value) -> str | None:
    """Why ``value`` cannot be a partner or party code, or None if it can."""
    if not isinstance(value, str):
        return f"a code is text; found {quote(value)}"
    if valid_code(value):
        return None
    if len(value) > MAX_CODE:
        return _too_long(value, MAX_CODE, "code")
    return f"a code is letters, digits, ( ) - . / & and spaces, no space at either end; found {quote(value)}"


def rule_id_problem(value) -> str | None:
    if not isinstance(value, str):
        return f"a rule id is text; found {quote(value)}"
    if _RULE_ID.fullmatch(value):
        return None
    if len(value) <= MAX_RULE_ID:
        return ("a rule id is letters, digits, ( ) - . / & _ : and spaces, starting with a letter or digit; "
                f"found {quote(value)}")
    return _too_long(value, MAX_RULE_ID, "rule id")


def _text_problem(value, limit: int, what: str, bad: re.Pattern) -> str | None:
    if not isinstance(value, str):
        return f"{what} is text; found {quote(value)}"
    if len(value) > limit:
        return f"{what} has at most {limit:,} characters; this one has {len(value):,}: {quote(value)}"
    m = bad.search(value)
    if m:
        return (f"{what} holds the invisible character U+{ord(m.group()):04X} "
                f"at position {m.start() + 1}: {quote(value)}")
    return None


def name_problem(value) -> str | None:
    return _text_problem(value, MAX_NAME, "a name", _NAME_BAD)


def notes_problem(value) -> str | None:
    return _text_problem(value, MAX_NOTES, "a note", _NOTES_BAD)


def colour_problem(value) -> str | None:
    if isinstance(value, str) and _COLOUR.fullmatch(value):
        return None
    return f"expected a colour like #1A5FB4, found {quote(value)}"


def _raise(problem: str | None, where: str, line: int | None, column: str | int | None):
    if problem is not None:
        raise DataError(Problem(where, line, column, problem))


def check_code(value, where: str, line: int | None = None, column: str | int | None = None) -> str:
    """``value`` if it is a valid partner or party code; otherwise a DataError naming
    ``where`` (the file), line and column."""
    _raise(code_problem(value), where, line, column)
    return value


def check_name(value, where: str, line: int | None = None, column: str | int | None = None) -> str:
    _raise(name_problem(value), where, line, column)
    return value


# -- pre-pass over parsed documents -----------------------------------------------------------
def _p(path: str, key) -> str:
    return f"{path}.{key}" if path else str(key)


def _key(key: str) -> str:
    """A key of the file as a JSON path shows it: as is when short and printable, else quoted."""
    return key if len(key) <= 40 and key.isprintable() and key.strip() == key else quote(key, 40)


def _short(what: str):
    return lambda v: None if len(v) <= MAX_RULE_ID else f"unknown {what} {quote(v)}"


def _check(rd: JsonReader, obj: dict, key: str, path: str, test) -> None:
    """Check ``obj[key]`` with ``test`` when it is text (other types are the parser's)."""
    v = obj.get(key)
    if isinstance(v, str):
        msg = test(v)
        if msg:
            rd.problem(_p(path, key), msg)


def check_scenario_doc(doc, name: str) -> None:
    """Refuse a scenario document whose codes, names, colours, notes or rules are out of shape
    (DataError listing every such value with its JSON path). A document that is not a
    scenario at all is left to the parser to report."""
    if not isinstance(doc, dict) or doc.get("format") != SCENARIO_FORMAT:
        return
    rd = JsonReader(name)
    _check(rd, doc, "name", "", name_problem)
    _check(rd, doc, "notes", "", notes_problem)
    _check(rd, doc, "dataset", "", _short("data set"))
    partners = doc.get("partners")
    if isinstance(partners, list):
        for k, p in enumerate(partners):
            if isinstance(p, dict):
                path = f"partners[{k}]"
                _check(rd, p, "code", path, code_problem)
                _check(rd, p, "name", path, name_problem)
                _check(rd, p, "colour", path, colour_problem)
    assignments = doc.get("assignments")
    if isinstance(assignments, dict):
        for key in assignments:
            msg = code_problem(key)
            if msg:
                rd.problem(f"assignments.{_key(key)}", f"not a pool: {msg}")
    a = doc.get("assumptions")
    if isinstance(a, dict):
        transfer = a.get("transfer")
        if isinstance(transfer, dict):
            for key in transfer:
                msgs = [code_problem(part) for part in key.split(">", 1)]
                if any(msgs):
                    rd.problem(f"assumptions.transfer.{_key(key)}", next(m for m in msgs if m))
        swing = a.get("swing")
        if isinstance(swing, dict):
            for key in swing:
                msg = code_problem(key)
                if msg:
                    rd.problem(f"assumptions.swing.{_key(key)}", f"not a party: {msg}")
        seat_adjust = a.get("seat_adjust")
        if isinstance(seat_adjust, dict):
            for key in seat_adjust:
                if len(key) > 6:
                    rd.problem(f"assumptions.seat_adjust.{_key(key)}", f"not a seat number: {quote(key)}")
    if isinstance(doc.get("rules"), dict):
        _rules(rd, doc["rules"], "rules")
    rd.raise_if_any()


def check_rules_doc(doc, name: str, path: str = "") -> None:
    """Refuse a rules document (or a scenario's ``rules`` part, at ``path``) whose ids, codes,
    names or sources are out of shape."""
    if not isinstance(doc, dict) or (not path and doc.get("format", RULES_FORMAT) != RULES_FORMAT):
        return
    rd = JsonReader(name)
    _rules(rd, doc, path)
    rd.raise_if_any()


def _rules(rd: JsonReader, doc: dict, path: str) -> None:
    _check(rd, doc, "name", path, name_problem)
    items = doc.get("rules")
    if not isinstance(items, list):
        return
    for k, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        rp = _p(path, f"rules[{k}]")
        _check(rd, item, "id", rp, rule_id_problem)
        _check(rd, item, "partner", rp, code_problem)
        _check(rd, item, "faction", rp, name_problem)
        _check(rd, item, "source", rp, notes_problem)
        _check(rd, item, "kind", rp, _short("rule kind"))
        _check(rd, item, "severity", rp, _short("severity"))
        region = item.get("region")
        if isinstance(region, dict):
            _check(rd, region, "kind", f"{rp}.region", _short("region kind"))
            _check(rd, region, "value", f"{rp}.region", name_problem)


__all__ = ["MAX_CODE", "MAX_RULE_ID", "MAX_NAME", "MAX_NOTES", "code_problem", "rule_id_problem",
           "name_problem", "notes_problem", "colour_problem", "check_code", "check_name",
           "check_scenario_doc", "check_rules_doc"]
