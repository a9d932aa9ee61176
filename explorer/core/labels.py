"""Chart labels that fit the room they are given (the PDF brief's charts; the window's chart
may use the same rules with its own font metrics): a label is chosen from candidates, longest
first, or elided; a party shows its short code, never a long name cut through.

Widths are in points. Without a renderer, a character is taken as ``CHAR_EM`` of the font
size wide (0.6 em: wider than the average of DejaVu Sans, so a label chosen here fits)."""
from __future__ import annotations

from collections.abc import Callable, Sequence

CHAR_EM = 0.6
ELLIPSIS = "…"

Measure = Callable[[str, float], float]  # (text, font size in pt) -> width in pt


def estimate_width(text: str, fontsize: float) -> float:
    return len(text) * fontsize * CHAR_EM


def fits(text: str, width: float, fontsize: float, measure: Measure = estimate_width) -> bool:
    return measure(text, fontsize) <= width


def elide(text: str, width: float, fontsize: float, measure: Measure = estimate_width) -> str:
    """``text``, or as much of its start as fits followed by "…" ("" when not even that fits)."""
    if fits(text, width, fontsize, measure):
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if fits(text[:mid].rstrip() + ELLIPSIS, width, fontsize, measure):
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS if lo else ""


def first_fitting(candidates: Sequence[str], width: float, fontsize: float, measure: Measure = estimate_width) -> str:
    """The first candidate (longest first, by the caller's order) that fits; else the last one
    elided."""
    for c in candidates:
        if fits(c, width, fontsize, measure):
            return c
    return elide(candidates[-1], width, fontsize, measure) if candidates else ""


def short_party(party: str, parties=None) -> str:
    """The short code of ``party`` (a code already, or an ECI name the table knows)."""
    if parties is not None and parties.get(party) is None:
        code = parties.lookup(party)
        if code:
            return code
    return party


def segment_label(party: str, seats: int, width: float, fontsize: float, measure: Measure = estimate_width) -> str:
    """The label inside a bar segment ``width`` wide: "INC 37", else "37", else nothing."""
    return next((c for c in (f"{party} {seats}", str(seats)) if fits(c, width - 2, fontsize, measure)), "")
