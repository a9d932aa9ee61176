"""Fonts of the brief (matplotlib): the bundled DejaVu Sans first (Latin, the Rupee sign ₹,
dashes and curly quotes of the shipped data), then the first Devanagari font the system has,
for names written in Devanagari: Nirmala UI on Windows 8 and later (Mangal before it), Kohinoor
or Devanagari Sangam MN on macOS, Noto Sans or Lohit Devanagari on Linux. matplotlib falls
back glyph by glyph through the list and shapes the text (conjuncts, vowel signs) with libraqm.
The window needs none of this: Qt falls back to the system's fonts by itself (DirectWrite on
Windows, fontconfig on Linux, Core Text on macOS)."""
from __future__ import annotations

import logging

BASE = "DejaVu Sans"
DEVANAGARI = ("Nirmala UI", "Mangal", "Kohinoor Devanagari", "Devanagari Sangam MN", "Noto Sans Devanagari",
              "Lohit Devanagari")


class _NoWeightNote(logging.Filter):
    """Drops matplotlib's note that a fallback font has no bold face (Lohit Devanagari has
    one weight: a bold title is drawn in DejaVu Sans Bold, its Devanagari in the regular face)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Failed to find font weight" not in record.getMessage()


def text_fonts() -> dict:
    """matplotlib rc settings: the families above that this system has, DejaVu Sans first."""
    from matplotlib import font_manager
    log = logging.getLogger(font_manager.__name__)
    if not any(isinstance(f, _NoWeightNote) for f in log.filters):
        log.addFilter(_NoWeightNote())
    have = {f.name for f in font_manager.fontManager.ttflist}
    extra = [f for f in DEVANAGARI if f in have][:1]
    return {"font.family": [BASE, *extra]}  # a list: matplotlib falls back glyph by glyph
