"""Rules files: the JSON of a negotiation's rules (or the ``rules`` part of a scenario),
read and checked field by field (every problem named with its path). Kept next to, not
inside, the rule classes."""
from __future__ import annotations

from .dataset import SeatTable
from .errors import did_you_mean, quote
from .jsonio import JsonReader, read_json, write_json
from .pools import Pools
from .rules import (REGION_KINDS, RULE_KINDS, RULES_FORMAT, RULES_SCHEMA, SEVERITIES, FactionClaim, MustHave,
                    RegionalMinimum, Rule, RuleSet, SeatBounds, Severity, SplitVoteRisk)
from .validate import check_rules_doc


def rules_from_json(doc, seats: SeatTable, pools: Pools, name: str, path: str = "") -> RuleSet:
    """Parse and check a rules document (or the ``rules`` part of a scenario)."""
    check_rules_doc(doc, name, path)
    rd = JsonReader(name)
    ruleset = read_rules(rd, doc, seats, pools, path)
    rd.raise_if_any()
    return ruleset


def read_rules(rd: JsonReader, doc, seats: SeatTable, pools: Pools, path: str = "") -> RuleSet:
    if not isinstance(doc, dict):
        rd.problem(path, "expected an object with a 'rules' list")
        return RuleSet()
    fmt = doc.get("format", RULES_FORMAT)
    if fmt != RULES_FORMAT and not path:
        rd.problem("format", f"this is not a rules file (format {quote(fmt)})")
        return RuleSet()
    ver = rd.get(doc, "schema_version", int, path, default=RULES_SCHEMA)
    if isinstance(ver, int) and ver > RULES_SCHEMA:
        rd.problem(_p(path, "schema_version"), f"written by a newer version of the app (schema {ver}; "
                                               f"this one reads up to {RULES_SCHEMA})")
        return RuleSet()
    name = rd.get(doc, "name", str, path, default="") or ""
    items = rd.get(doc, "rules", list, path)
    rules, ids = [], set()
    for k, item in enumerate(items or []):
        rp = _p(path, f"rules[{k}]")
        r = _read_rule(rd, item, seats, pools, rp)
        if r is not None:
            if r.id in ids:
                rd.problem(f"{rp}.id", f"duplicate rule id {quote(r.id)}")
            ids.add(r.id)
            rules.append(r)
    return RuleSet(name, tuple(rules))


def _p(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _read_rule(rd: JsonReader, item, seats: SeatTable, pools: Pools, rp: str) -> Rule | None:
    if not isinstance(item, dict):
        rd.problem(rp, "expected an object")
        return None
    before = len(rd.problems)
    kind = rd.get(item, "kind", str, rp)
    if kind is None:
        return None
    cls = RULE_KINDS.get(kind)
    if cls is None:
        rd.problem(f"{rp}.kind", f"unknown rule kind {quote(kind)}; known: {', '.join(RULE_KINDS)}")
        return None
    rid = rd.get(item, "id", str, rp)
    if rid is not None and not rid.strip():
        rd.problem(f"{rp}.id", "empty id")
    severity = rd.get(item, "severity", str, rp, default=cls.severity if hasattr(cls, "severity") else "error")
    if severity is not None and severity not in SEVERITIES:
        rd.problem(f"{rp}.severity", f"unknown severity {quote(severity)}; use {', '.join(SEVERITIES)}")
    source = rd.get(item, "source", str, rp, default="")
    enabled = rd.get(item, "enabled", bool, rp, default=True)
    common = dict(id=rid or "", severity=Severity(severity) if severity in SEVERITIES else Severity.ERROR,
                  source=source or "", enabled=bool(enabled))

    def partner():
        code = rd.get(item, "partner", str, rp)
        if code is not None and code not in pools.keys[: pools.n_partners]:
            codes = [p.code for p in pools.partners]
            rd.problem(f"{rp}.partner", f"unknown partner {quote(code)}{did_you_mean(code, codes)} "
                                        f"(partners are {', '.join(codes)})")
        return code

    def seat_list(key):
        lst = rd.get(item, key, list, rp)
        out = []
        for j, a in enumerate(lst or []):
            if rd.full:  # only counting from here on: the rest of the list in one pass
                rd.count_seat_problems(lst, j, frozenset(seats.ac_no.tolist()), out)
                break
            if isinstance(a, bool) or not isinstance(a, int):
                rd.problem(f"{rp}.{key}[{j}]", f"expected a seat number, found {quote(a)}")
            elif not seats.has(a):
                rd.problem(f"{rp}.{key}[{j}]", f"unknown seat {a}")
            elif a in out:
                rd.problem(f"{rp}.{key}[{j}]", f"seat {a} listed twice")
            else:
                out.append(a)
        if lst is not None and not lst:
            rd.problem(f"{rp}.{key}", "no seats listed")
        return tuple(out)

    def count(key, required=True):
        v = rd.get(item, key, int, rp, default=... if required else None)
        if v is not None and v < 0:
            rd.problem(f"{rp}.{key}", f"must not be negative, found {v}")
        elif v is not None and v > seats.n:
            rd.problem(f"{rp}.{key}", f"{quote(v)} is more than the data set's {seats.n} seats")
            return None
        return v

    if cls in (FactionClaim, MustHave):
        p, s = partner(), seat_list("seats")
        rebel = rd.get(item, "rebel", (int, float), rp, default=None)
        if isinstance(rebel, bool) or (rebel is not None and not 0 <= rebel <= 1):
            rd.problem(f"{rp}.rebel", f"a rebel's share of the claimant's vote is 0–1 (0.2 for 20 %), found {quote(rebel)}")
            rebel = None
        rebel = None if rebel is None else float(rebel)
        if cls is FactionClaim:
            faction = rd.get(item, "faction", str, rp)
            rule = FactionClaim(**common, partner=p or "", seats=s, faction=faction or "", rebel=rebel)
        else:
            rule = MustHave(**common, partner=p or "", seats=s, rebel=rebel)
    elif cls is RegionalMinimum:
        p = partner()
        region = rd.get(item, "region", dict, rp)
        rkind, rval = "pc", ""
        if region is not None:
            rkind = rd.get(region, "kind", str, f"{rp}.region")
            if rkind is not None and rkind not in REGION_KINDS:
                rd.problem(f"{rp}.region.kind", f"unknown region kind {quote(rkind)}; use pc, district or seats")
            elif rkind == "seats":
                rval = seat_list_from(rd, region.get("value"), seats, f"{rp}.region.value")
            elif rkind is not None:
                rval = rd.get(region, "value", str, f"{rp}.region")
                names = seats.pc_names if rkind == "pc" else seats.district_names
                match = [n for n in names if isinstance(rval, str) and n.lower() == rval.lower()]
                if rval is not None and not match:
                    rd.problem(f"{rp}.region.value", f"no {'PC' if rkind == 'pc' else 'district'} "
                                                     f"named {quote(rval)} in this data set")
                rval = match[0] if match else (rval or "")
        minimum = count("minimum")
        rule = RegionalMinimum(**common, partner=p or "", region_kind=rkind or "pc", region=rval,
                               minimum=minimum if minimum is not None else 1)
    elif cls is SeatBounds:
        p = partner()
        lo, hi = count("minimum", False), count("maximum", False)
        if lo is None and hi is None:
            rd.problem(rp, "a seat bound needs a minimum, a maximum or both")
        if lo is not None and hi is not None and lo > hi:
            rd.problem(f"{rp}.minimum", f"minimum {lo} is above maximum {hi}")
        asked = count("asked", False)
        offered = rd.get(item, "offered", list, rp, default=None)
        off = None
        if offered is not None:
            if (len(offered) != 2 or not all(isinstance(x, int) and not isinstance(x, bool) and 0 <= x <= seats.n
                                             for x in offered) or offered[0] > offered[1]):
                rd.problem(f"{rp}.offered", f"expected [low, high], two whole numbers 0–{seats.n}, low ≤ high")
            else:
                off = (offered[0], offered[1])
        rule = SeatBounds(**common, partner=p or "", minimum=lo, maximum=hi, asked=asked, offered=off)
    else:
        rule = SplitVoteRisk(**common)
    return rule if len(rd.problems) == before else None


def seat_list_from(rd: JsonReader, lst, seats: SeatTable, path: str) -> tuple[int, ...]:
    if not isinstance(lst, list) or not lst:
        rd.problem(path, "expected a non-empty list of seat numbers")
        return ()
    out = []
    for j, a in enumerate(lst):
        if rd.full:  # only counting from here on: the rest of the list in one pass
            rd.count_seat_problems(lst, j, frozenset(seats.ac_no.tolist()), repeats_ok=True)
            break
        if isinstance(a, bool) or not isinstance(a, int) or not seats.has(a):
            rd.problem(f"{path}[{j}]", f"unknown seat {quote(a)}")
        elif a not in out:
            out.append(a)
    return tuple(out)


def load_rules_file(path, seats: SeatTable, pools: Pools) -> RuleSet:
    return rules_from_json(read_json(path), seats, pools, str(path))


def save_rules_file(path, ruleset: RuleSet) -> None:
    write_json(path, ruleset.to_json())
