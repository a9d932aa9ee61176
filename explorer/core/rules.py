"""Rules of a negotiation and the conflicts a split raises against them (data-driven).

Kinds:
- faction_claim: a faction of a partner has nominees in seats; conflict where such a seat is
  not with that partner.
- must_have: a partner demands specific seats.
- regional_minimum: at least k seats for a partner in a region (a PC, a district, or seats).
- seat_bounds: the partner's seat count must lie in [minimum, maximum]; ``asked`` and
  ``offered`` record the two sides' positions for display.
- split_vote_risk: a Contested or Unassigned seat that one alliance candidate would win
  alone but the split projects lost.

A seat meets a partner's claim only when it is in that partner's pool: Contested means the
other partner fields a candidate too. So Kalayat, AAP's must-have and a Hooda-camp seat,
shows a conflict whichever way it is assigned: the real tension of the 2024 talks.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import ClassVar

import numpy as np

from .dataset import SeatTable
from .errors import DataError
from .pools import Pools
from .projection import Projection, Rebel
from .validate import RULES_FORMAT  # noqa: F401 (the one spelling, checked before a file is parsed)



class Severity(StrEnum):
    """How much a conflict matters: it breaks the deal, it is a warning, or it is pending
    (the seat is not decided yet). Compares equal to its string value."""
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class RuleKind(StrEnum):
    FACTION_CLAIM = "faction_claim"
    MUST_HAVE = "must_have"
    REGIONAL_MINIMUM = "regional_minimum"
    SEAT_BOUNDS = "seat_bounds"
    SPLIT_VOTE_RISK = "split_vote_risk"


SEVERITIES = tuple(Severity)
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
RULES_SCHEMA = 1


@dataclass(frozen=True)
class Conflict:
    rule_id: str
    kind: RuleKind
    severity: Severity
    seats: tuple[int, ...]   # ac_no of the seats involved (to select them)
    message: str

    def to_json(self) -> dict:
        return {"rule": self.rule_id, "kind": self.kind, "severity": self.severity,
                "seats": list(self.seats), "message": self.message}


@dataclass(frozen=True)
class Context:
    seats: SeatTable
    pools: Pools
    pool: np.ndarray          # pool index per seat
    projection: Projection | None


def _pool_phrase(ctx: Context, i: int, partner: str) -> tuple[str, bool]:
    """How a seat stands against a partner's claim: (phrase, undecided)."""
    p = int(ctx.pool[i])
    if p == ctx.pools.unassigned:
        return f"not yet assigned to {partner}", True
    if p == ctx.pools.contested:
        return "contested by both partners", False
    return f"given to {ctx.pools.key(p)}", False


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity = Severity.ERROR
    source: str = ""
    enabled: bool = True
    kind: ClassVar[RuleKind]

    def evaluate(self, ctx: Context) -> list[Conflict]:
        raise NotImplementedError

    def describe(self, seats: SeatTable) -> str:
        raise NotImplementedError

    def to_json(self) -> dict:
        d = {"id": self.id, "kind": self.kind}
        d.update(self._fields_json())
        d["severity"] = self.severity
        if not self.enabled:
            d["enabled"] = False
        d["source"] = self.source
        return d

    def _fields_json(self) -> dict:
        return {}


@dataclass(frozen=True)
class SeatClaim(Rule):
    """A partner (or one of its factions) claims these seats. ``rebel`` (a share 0-1, or None):
    if the claim is denied in a seat (another partner has it alone), a rebel of the claimant
    stands there as an independent with that share of the claimant's vote (``projection.Rebel``)."""
    partner: str = ""
    seats: tuple[int, ...] = ()
    rebel: float | None = None

    def __post_init__(self):
        if self.rebel is not None and not 0.0 <= self.rebel <= 1.0:
            raise ValueError(f"rule {self.id}: rebel share {self.rebel} is outside 0-1")

    def rebels(self) -> tuple[Rebel, ...]:
        """The rebel assumption of each of its seats (none without ``rebel``)."""
        if self.rebel is None:
            return ()
        return tuple(Rebel(int(a), self.partner, float(self.rebel)) for a in self.seats)

    def rebel_phrase(self) -> str:
        return "" if self.rebel is None else f"; if denied, a rebel takes {self.rebel * 100:g} % of {self.partner}'s vote"

    def _claimant(self) -> str:
        raise NotImplementedError

    def evaluate(self, ctx: Context) -> list[Conflict]:
        want = ctx.pools.partner_index(self.partner)
        out = []
        for ac in self.seats:
            i = ctx.seats.index_of(ac)
            if ctx.pool[i] == want:
                continue
            phrase, undecided = _pool_phrase(ctx, i, self.partner)
            out.append(Conflict(self.id, self.kind, Severity.INFO if undecided else self.severity, (ac,),
                                f"{ctx.seats.names[i]}: {self._claimant()} seat {phrase}"))
        return out

    def _fields_json(self) -> dict:
        d = {"partner": self.partner, "seats": list(self.seats)}
        if self.rebel is not None:
            d["rebel"] = self.rebel
        return d


@dataclass(frozen=True)
class FactionClaim(SeatClaim):
    faction: str = ""
    kind: ClassVar[RuleKind] = RuleKind.FACTION_CLAIM

    def _claimant(self) -> str:
        return f"{self.faction} nominee"

    def describe(self, seats: SeatTable) -> str:
        return f"{self.faction} ({self.partner}) nominees: {', '.join(seats.names_of(self.seats))}{self.rebel_phrase()}"

    def _fields_json(self) -> dict:
        return {"partner": self.partner, "faction": self.faction} | super()._fields_json()


@dataclass(frozen=True)
class MustHave(SeatClaim):
    kind: ClassVar[RuleKind] = RuleKind.MUST_HAVE

    def _claimant(self) -> str:
        return f"{self.partner} must-have"

    def describe(self, seats: SeatTable) -> str:
        return f"{self.partner} must have: {', '.join(seats.names_of(self.seats))}{self.rebel_phrase()}"


REGION_KINDS = ("pc", "district", "seats")


@dataclass(frozen=True)
class RegionalMinimum(Rule):
    partner: str = ""
    region_kind: str = "pc"
    region: str | tuple[int, ...] = ""
    minimum: int = 1
    kind: ClassVar[RuleKind] = RuleKind.REGIONAL_MINIMUM

    def region_label(self, seats: SeatTable) -> str:
        if self.region_kind == "pc":
            return f"the {self.region} region (Lok Sabha seat)"
        if self.region_kind == "district":
            return f"{self.region} district"
        return ", ".join(seats.names_of(self.region))

    def evaluate(self, ctx: Context) -> list[Conflict]:
        mask = ctx.seats.region_mask(self.region_kind, self.region)
        have = int(np.count_nonzero(ctx.pool[mask] == ctx.pools.partner_index(self.partner)))
        if have >= self.minimum:
            return []
        seats = tuple(int(a) for a in ctx.seats.ac_no[mask])
        return [Conflict(self.id, self.kind, self.severity, seats,
                         f"{self.partner} has {have} seat{'s' if have != 1 else ''} in "
                         f"{self.region_label(ctx.seats)}; it asks for at least {self.minimum}")]

    def describe(self, seats: SeatTable) -> str:
        return f"{self.partner}: at least {self.minimum} in {self.region_label(seats)}"

    def _fields_json(self) -> dict:
        region = list(self.region) if self.region_kind == "seats" else self.region
        return {"partner": self.partner, "region": {"kind": self.region_kind, "value": region},
                "minimum": self.minimum}


@dataclass(frozen=True)
class SeatBounds(Rule):
    partner: str = ""
    minimum: int | None = None
    maximum: int | None = None
    asked: int | None = None
    offered: tuple[int, int] | None = None
    kind: ClassVar[RuleKind] = RuleKind.SEAT_BOUNDS
    severity: Severity = Severity.WARNING

    def positions(self) -> str:
        """'asked 10 · offered 5–7' for pool headers."""
        parts = []
        if self.asked is not None:
            parts.append(f"asked {self.asked}")
        if self.offered is not None:
            lo, hi = self.offered
            parts.append(f"offered {lo}–{hi}" if lo != hi else f"offered {lo}")
        return " · ".join(parts)

    def below(self, n: int) -> bool:
        return self.minimum is not None and n < self.minimum

    def above(self, n: int) -> bool:
        return self.maximum is not None and n > self.maximum

    def breached(self, n: int) -> bool:
        """A partner holding ``n`` seats alone is outside its bounds."""
        return self.below(n) or self.above(n)

    def evaluate(self, ctx: Context) -> list[Conflict]:
        pi = ctx.pools.partner_index(self.partner)
        have = int(np.count_nonzero(ctx.pool == pi))
        extra = f" ({self.positions()})" if self.positions() else ""
        if self.below(have):
            msg = f"{self.partner} has {have} seat{'s' if have != 1 else ''}, below its bound of {self.minimum}{extra}"
        elif self.above(have):
            msg = f"{self.partner} has {have} seat{'s' if have != 1 else ''}, above its bound of {self.maximum}{extra}"
        else:
            return []
        seats = tuple(int(a) for a in ctx.seats.ac_no[ctx.pool == pi])
        return [Conflict(self.id, self.kind, self.severity, seats, msg)]

    def describe(self, seats: SeatTable) -> str:
        lo = "" if self.minimum is None else str(self.minimum)
        hi = "" if self.maximum is None else str(self.maximum)
        rng = f"{lo}–{hi}" if lo and hi else (f"at least {lo}" if lo else f"at most {hi}")
        extra = f" ({self.positions()})" if self.positions() else ""
        return f"{self.partner} seats: {rng}{extra}"

    def _fields_json(self) -> dict:
        d: dict = {"partner": self.partner}
        if self.minimum is not None:
            d["minimum"] = self.minimum
        if self.maximum is not None:
            d["maximum"] = self.maximum
        if self.asked is not None:
            d["asked"] = self.asked
        if self.offered is not None:
            d["offered"] = list(self.offered)
        return d


@dataclass(frozen=True)
class SplitVoteRisk(Rule):
    kind: ClassVar[RuleKind] = RuleKind.SPLIT_VOTE_RISK
    severity: Severity = Severity.WARNING

    def evaluate(self, ctx: Context) -> list[Conflict]:
        pr = ctx.projection
        if pr is None:
            return []
        risky = (ctx.pool >= ctx.pools.contested) & (pr.alone_winner >= 0) & ~pr.alliance_won
        out = []
        for i in np.flatnonzero(risky):
            who = ctx.pools.partners[pr.alone_winner[i]].code
            lost_to = pr.party_of(int(pr.winner[i]))
            state = "contested" if ctx.pool[i] == ctx.pools.contested else "unassigned"
            out.append(Conflict(self.id, self.kind, self.severity, (int(ctx.seats.ac_no[i]),),
                                f"{ctx.seats.names[i]}: {state}, the split vote loses it to {lost_to}; "
                                f"{who} alone would win"))
        return out

    def describe(self, seats: SeatTable) -> str:
        return "a contested or unassigned seat that one partner alone would win"


RULE_KINDS: dict[str, type[Rule]] = {c.kind: c for c in
                                     (FactionClaim, MustHave, RegionalMinimum, SeatBounds, SplitVoteRisk)}
KIND_LABELS = {RuleKind.FACTION_CLAIM: "Faction claim", RuleKind.MUST_HAVE: "Must-have",
               RuleKind.REGIONAL_MINIMUM: "Regional minimum", RuleKind.SEAT_BOUNDS: "Seat-count bounds",
               RuleKind.SPLIT_VOTE_RISK: "Split-vote risk"}


@dataclass(frozen=True)
class RuleSet:
    name: str = ""
    rules: tuple[Rule, ...] = field(default_factory=tuple)

    def evaluate(self, ctx: Context) -> list[Conflict]:
        out: list[Conflict] = []
        for r in self.rules:
            if r.enabled:
                out.extend(r.evaluate(ctx))
        out.sort(key=lambda c: SEVERITY_RANK[c.severity])  # stable: rule order within a severity
        return out

    def rebels(self) -> tuple[Rebel, ...]:
        """The rebels of the enabled claims that carry one, by seat; where two claims on one seat
        both carry a rebel, the first rule's stands."""
        out: dict[int, Rebel] = {}
        for r in self.rules:
            if r.enabled and isinstance(r, SeatClaim):
                for rb in r.rebels():
                    out.setdefault(rb.ac_no, rb)
        return tuple(out[a] for a in sorted(out))

    def bounds_for(self, partner: str) -> SeatBounds | None:
        for r in self.rules:
            if isinstance(r, SeatBounds) and r.partner == partner and r.enabled:
                return r
        return None

    def with_rule(self, rule: Rule, index: int | None = None) -> "RuleSet":
        rules = list(self.rules)
        rules.insert(len(rules) if index is None else index, rule)
        return replace(self, rules=tuple(rules))

    def replacing(self, index: int, rule: Rule) -> "RuleSet":
        rules = list(self.rules)
        rules[index] = rule
        return replace(self, rules=tuple(rules))

    def without(self, index: int) -> "RuleSet":
        rules = list(self.rules)
        del rules[index]
        return replace(self, rules=tuple(rules))

    def new_id(self, stem: str) -> str:
        ids = {r.id for r in self.rules}
        n = 1
        while f"{stem}-{n}" in ids:
            n += 1
        return f"{stem}-{n}"

    def to_json(self) -> dict:
        return {"format": RULES_FORMAT, "schema_version": RULES_SCHEMA, "name": self.name,
                "rules": [r.to_json() for r in self.rules]}


# -- files: explorer.core.rules_json reads and writes them (kept next to these classes) --------
def rules_from_json(doc, seats: SeatTable, pools: Pools, name: str, path: str = "") -> "RuleSet":
    from .rules_json import rules_from_json as parse
    return parse(doc, seats, pools, name, path)


def load_rules_file(path, seats: SeatTable, pools: Pools) -> "RuleSet":
    from .rules_json import load_rules_file as load
    return load(path, seats, pools)


def save_rules_file(path, ruleset: "RuleSet") -> None:
    from .rules_json import save_rules_file as save
    save(path, ruleset)


__all__ = ["Conflict", "Context", "Rule", "FactionClaim", "MustHave", "RegionalMinimum", "SeatBounds",
           "SplitVoteRisk", "RuleSet", "rules_from_json", "load_rules_file", "save_rules_file",
           "DataError", "RULE_KINDS", "KIND_LABELS", "SEVERITIES"]
