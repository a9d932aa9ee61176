"""A poll as an assumption: statewide vote shares (percent of the valid vote) turned into the
projection's statewide swings.

``parse_poll("BJP=40.5,INC=38")`` reads the shares; :func:`poll_swings` gives each party the
swing (points, as ``--swing`` takes them) that brings its statewide share in the baseline to
the poll's: the projection adds a swing only where the party stands, so the swing is the gap
divided by the share of the valid vote cast in those seats. The back-tests
(``backtest --corpus DIR --perfect-poll``) measure how well such a conversion turns real
statewide shares into seats; README gives the figures."""
from __future__ import annotations

import math
import re

import pandas as pd

from .assumptions import can_swing

MAX_ITEMS = 100


class PollError(ValueError):
    pass


def parse_poll(text: str) -> dict[str, float]:
    """``PARTY=pct,PARTY=pct`` (percent of the valid vote, 0–100; a total above 100 is refused)."""
    out: dict[str, float] = {}
    items = [s for s in re.split(r"[,;]", text) if s.strip()]
    if not items:
        raise PollError("expected PARTY=percent, e.g. BJP=40.5,INC=38")
    if len(items) > MAX_ITEMS:
        raise PollError(f"more than {MAX_ITEMS} parties")
    for item in items:
        party, eq, val = item.partition("=")
        party = party.strip()
        if not eq or not party:
            raise PollError(f"{item.strip()[:40]!r}: expected PARTY=percent, e.g. BJP=40.5")
        try:
            pct = float(val.strip().rstrip("%"))
        except ValueError:
            raise PollError(f"{item.strip()[:40]!r}: {val.strip()[:20]!r} is not a number") from None
        if not (math.isfinite(pct) and 0 <= pct <= 100):
            raise PollError(f"{item.strip()[:40]!r}: a share is from 0 to 100 percent")
        if party in out:
            raise PollError(f"{party} is given twice")
        out[party] = pct
    if sum(out.values()) > 100 + 1e-9:
        raise PollError(f"the shares add up to {sum(out.values()):g} %: more than the valid vote")
    return out


def statewide_shares(candidates: pd.DataFrame) -> dict[str, float]:
    """Each party's statewide share (percent of the valid vote, NOTA included where the baseline
    has it) in a baseline's candidate rows (columns ac_no, party, votes)."""
    total = float(candidates["votes"].sum())
    by = candidates.groupby("party")["votes"].sum()
    return {p: 100.0 * float(v) / total for p, v in by.items()} if total > 0 else {}


def resolve_keys(poll: dict[str, float], resolve, blocs: dict[str, tuple[str, ...]] | None = None,
                 known: tuple[tuple[str, tuple[str, ...], int | None], ...] = ()) -> dict[str, float]:
    """A poll's keys as the scenario knows them: a bloc's name (any case) as the bloc is named,
    or the name the data set's elections knew a bloc of the same partners by (``known``: name,
    partners, year; INDIA for our JMM, INC, RJD, CPI(ML)L before ours is named), else
    ``resolve(key)`` (a party's spelling -> its code) or the key in capitals."""
    blocs = blocs or {}
    by_lower = {b.lower(): b for b in blocs}
    by_partners = {frozenset(p): b for b, p in blocs.items()}
    for name, partners, _year in known:
        if frozenset(partners) in by_partners:
            by_lower.setdefault(name.lower(), by_partners[frozenset(partners)])
    out, typed = {}, {}
    for k, v in poll.items():
        key = by_lower.get(k.strip().lower()) or resolve(k) or k.strip().upper()
        if key in out:
            raise PollError(f"{key} is given twice" if typed[key] == k.strip()
                            else f"{typed[key]} and {k.strip()} both name {key}: give one")
        out[key], typed[key] = v, k.strip()
    return out


def what_can_be_polled(candidates: pd.DataFrame, blocs: dict[str, tuple[str, ...]] | None = None,
                       known: tuple[tuple[str, tuple[str, ...], int | None], ...] = (), shown: int = 8) -> str:
    """'the bloc Alliance (JMM+INC+RJD+CPI(ML)L, INDIA in 2024) or a party that stood: JMM, BJP, …
    and 40 more': the names a poll on this baseline can give, the parties largest first."""
    by = candidates.groupby("party")["votes"].sum().sort_values(ascending=False, kind="stable")
    parties = [str(p) for p, v in by.items() if v > 0 and can_swing(p)]
    more = f" and {len(parties) - shown} more" if len(parties) > shown else ""
    said = f"a party that stood: {', '.join(parties[:shown])}{more}" if parties else "no party: none stood"
    if not blocs:
        return said

    def also(b, p):  # the names the elections knew a bloc of these partners by ("INDIA in 2024")
        names = [f"{n} in {y}" if y else n for n, q, y in known
                 if frozenset(q) == frozenset(p) and n.lower() != b.lower()]
        return "".join(f", {n}" for n in dict.fromkeys(names))
    named = ", ".join(f"{b} ({'+'.join(p)}{also(b, p)})" for b, p in blocs.items())
    return f"the bloc{'s' if len(blocs) > 1 else ''} {named} or {said}"


def _cannot_poll(key: str, candidates: pd.DataFrame, blocs, known) -> str:
    hit = next(((n, p, y) for n, p, y in known if n.lower() == key.lower()), None)
    if hit is not None:
        name, partners, year = hit
        head = (f"{name} ({'+'.join(partners)}{f' in {year}' if year else ''}) is not a bloc of this scenario: "
                "make it a rival bloc first, or give its parties' shares")
    else:
        head = f"{key} is neither a bloc of this scenario nor a party that stood in the baseline"
    return f"{head}. A poll can name {what_can_be_polled(candidates, blocs, known)}"


def poll_swings(candidates: pd.DataFrame, poll: dict[str, float],
                blocs: dict[str, tuple[str, ...]] | None = None,
                known: tuple[tuple[str, tuple[str, ...], int | None], ...] = ()) -> dict[str, float]:
    """Per party of ``poll``, the statewide swing in points that gives it the poll's share. A bloc
    (``blocs``: name -> its partners) gives each partner its part of the bloc's share in proportion
    to the partners' shares in the baseline. A name that is neither is refused with the names a
    poll can give (and, for a bloc the data set knows, ``known``, how to make it one)."""
    blocs = blocs or {}
    total = float(candidates["votes"].sum())
    seat_valid = candidates.groupby("ac_no")["votes"].sum()
    want: dict[str, float] = {}
    for key, pct in poll.items():
        if key in blocs:
            now = {q: 100.0 * float(candidates.loc[candidates["party"] == q, "votes"].sum()) / total
                   for q in blocs[key]}
            named = [q for q in blocs[key] if q in poll]
            if named:
                raise PollError(f"{', '.join(named)} is named alone and in bloc {key}: give one")
            if sum(now.values()) <= 0:
                raise PollError(f"bloc {key} has no candidate in the baseline: a poll can move only parties that stood")
            for q, share in now.items():
                if share > 0:
                    want[q] = pct * share / sum(now.values())
        else:
            want[key] = pct
    out = {}
    for party, pct in want.items():
        if not can_swing(party):
            raise PollError(f"{party} is not a party; independents are separate candidates")
        rows = candidates[candidates["party"] == party]
        if rows.empty:
            raise PollError(_cannot_poll(party, candidates, blocs, known))
        now = 100.0 * float(rows["votes"].sum()) / total
        standing = float(seat_valid.loc[sorted(set(rows["ac_no"]))].sum()) / total
        out[party] = round((pct - now) / standing, 4)
    return out
