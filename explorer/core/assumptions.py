"""Projection assumptions: baseline, vote transfer between partners, swing, per-seat adjustment.

Immutable and hashable: the engine caches the per-seat outcomes for one set of assumptions,
and an undo step simply puts the previous object back.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Mapping

DEFAULT_TRANSFER = 0.8
# a poll's own error: points of each statewide share it gives (a standard deviation)
POLL_ERROR_MAX = 20.0
# not parties: an independent is each its own candidate, and NOTA fields nobody
NOT_PARTIES = ("IND", "NOTA")


def can_swing(party: str) -> bool:
    """A statewide swing applies to a party; never to the independents or NOTA."""
    return party not in NOT_PARTIES


@dataclass(frozen=True)
class Assumptions:
    baseline: str = "vs2019"
    # (from partner, to partner) -> share 0..1 of FROM's voters that vote for TO's candidate
    # where TO contests alone. Directions not listed use DEFAULT_TRANSFER.
    transfer_items: tuple[tuple[str, str, float], ...] = ()
    # party -> statewide swing in points, applied to the baseline before transfers
    swing_items: tuple[tuple[str, float], ...] = ()
    # ac_no -> points for the alliance candidate(s) the seat fields (local knowledge)
    seat_adjust_items: tuple[tuple[int, float], ...] = ()
    # a poll: party -> statewide share in percent of the valid vote (its parties' swings are set
    # to reach it; the uncertainty turns it into seats with the seat model's poll form)
    poll_items: tuple[tuple[str, float], ...] = ()
    # the poll's own error, points of each statewide share (0: a perfect poll); the uncertainty
    # draws the poll's shares around it. Kept when the poll is cleared: an assumption of its own
    poll_error: float = 0.0

    @staticmethod
    def make(baseline: str = "vs2019", transfer: Mapping[tuple[str, str], float] | None = None,
             swing: Mapping[str, float] | None = None,
             seat_adjust: Mapping[int, float] | None = None,
             poll: Mapping[str, float] | None = None, poll_error: float = 0.0) -> "Assumptions":
        check_poll_error(poll_error)
        for what, values in (("transfer", (transfer or {}).values()), ("swing", (swing or {}).values()),
                             ("seat adjustment", (seat_adjust or {}).values()), ("poll", (poll or {}).values())):
            if not all(math.isfinite(float(v)) for v in values):     # a NaN would project nonsense silently
                raise ValueError(f"a {what} that is not a finite number: {sorted(map(float, values))}")
        return Assumptions(
            baseline,
            # a direction at the default is the same assumption as one not stated
            tuple(sorted((f, t, float(v)) for (f, t), v in (transfer or {}).items() if v != DEFAULT_TRANSFER)),
            tuple(sorted((p, float(v)) for p, v in (swing or {}).items() if v != 0)),
            tuple(sorted((int(a), float(v)) for a, v in (seat_adjust or {}).items() if v != 0)),
            tuple(sorted((p, float(v)) for p, v in (poll or {}).items())),
            float(poll_error),
        )

    @property
    def poll(self) -> dict[str, float]:
        return dict(self.poll_items)

    def with_poll(self, poll: Mapping[str, float], swings: Mapping[str, float]) -> "Assumptions":
        """The poll (percent by party) and the swings that reach it (``poll.poll_swings``); the
        parties of an earlier poll that this one does not name lose their swing. An empty poll
        clears it."""
        s = {p: v for p, v in self.swing.items() if p not in self.poll}
        s.update(swings)
        return Assumptions.make(self.baseline, self.transfer, s, self.seat_adjust, poll, self.poll_error)

    def with_poll_error(self, points: float) -> "Assumptions":
        """The poll's own error (points of each statewide share, 0 to ``POLL_ERROR_MAX``)."""
        check_poll_error(points)
        return replace(self, poll_error=float(points))

    @property
    def transfer(self) -> dict[tuple[str, str], float]:
        return {(f, t): v for f, t, v in self.transfer_items}

    @property
    def swing(self) -> dict[str, float]:
        return dict(self.swing_items)

    @property
    def seat_adjust(self) -> dict[int, float]:
        return dict(self.seat_adjust_items)

    def transfer_rate(self, from_code: str, to_code: str) -> float:
        for f, t, v in self.transfer_items:
            if f == from_code and t == to_code:
                return v
        return DEFAULT_TRANSFER

    def with_baseline(self, baseline: str) -> "Assumptions":
        return replace(self, baseline=baseline)

    def with_transfer(self, from_code: str, to_code: str, rate: float) -> "Assumptions":
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"transfer {from_code}>{to_code} must be between 0 and 1, got {rate}")
        t = self.transfer
        t[(from_code, to_code)] = float(rate)
        return Assumptions.make(self.baseline, t, self.swing, self.seat_adjust, self.poll, self.poll_error)

    def with_swing(self, party: str, points: float) -> "Assumptions":
        s = self.swing
        s[party] = float(points)
        return Assumptions.make(self.baseline, self.transfer, s, self.seat_adjust, self.poll, self.poll_error)

    def with_seat_adjust(self, ac_no: int, points: float) -> "Assumptions":
        a = self.seat_adjust
        a[int(ac_no)] = float(points)
        return Assumptions.make(self.baseline, self.transfer, self.swing, a, self.poll, self.poll_error)

    @property
    def poll_error_text(self) -> str:
        """' ± 2 pts (its own error)' where the poll's error is set, else ''."""
        return f" ± {self.poll_error:g} pts (its own error)" if self.poll_error else ""

    def describe(self, partner_codes: tuple[str, ...]) -> str:
        """One line for a status bar: 'Vidhan Sabha 2019 · transfer AAP→INC 80 %, ...'."""
        parts = []
        for f in partner_codes:
            for t in partner_codes:
                if f != t:
                    parts.append(f"{f}→{t} {self.transfer_rate(f, t) * 100:.0f} %")
        out = "transfer " + ", ".join(parts)
        if self.swing_items:
            out += " · swing " + swings_text(self.swing_items)
        if self.poll_items:
            out += " · poll " + ", ".join(f"{p} {v:g} %" for p, v in self.poll_items) + self.poll_error_text
        if self.seat_adjust_items:
            out += f" · {len(self.seat_adjust_items)} seat adjustment" + ("s" if len(self.seat_adjust_items) > 1 else "")
        return out


def swing_text(points: float) -> str:
    """A swing as a strategist reads it: points to one decimal with its sign ('+2.0', '−6.3';
    '0' for none). The scenario keeps the exact value (a poll's swing has four decimals)."""
    if points == 0:
        return "0"
    return f"{'+' if points > 0 else '−'}{abs(points):.1f}"


def swings_text(items) -> str:
    """'BJP −6.3, INC −5.3 pts' for (party, points) pairs."""
    return ", ".join(f"{p} {swing_text(v)}" for p, v in items) + " pts"


def check_poll_error(points) -> None:
    """ValueError unless ``points`` is a number from 0 to ``POLL_ERROR_MAX``."""
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not 0.0 <= points <= POLL_ERROR_MAX:
        raise ValueError(f"the poll's own error must be from 0 to {POLL_ERROR_MAX:g} points, got {points!r}")
