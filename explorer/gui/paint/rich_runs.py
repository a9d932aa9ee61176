"""The few rich-text forms the app's own figures use — ``<b>``, ``<span style='color:…;
font-size:…pt'>``, ``<br>`` and the entities ``esc`` writes — laid out and painted as runs of text,
without a QTextDocument.

A scoreboard tile or a pool header changes its text on every move; a QTextDocument costs
about 0.1 ms to parse and lay out and as much to paint, for a dozen labels per drop. Anything
else (another tag, another style, another entity) is not read here: ``parse`` returns None
and the label keeps its QTextDocument."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontMetricsF

_TOKEN = re.compile(r"<(/?)([a-z]+)([^>]*)>|([^<]+)")
_STYLE = re.compile(r"""^\s+style=(['"])(.*)\1\s*$""")
_ENTITY = re.compile(r"&(#?\w+);")
_ENTITIES = {"nbsp": "\u00a0", "amp": "&", "lt": "<", "gt": ">", "quot": '"', "#x27": "'", "#39": "'"}


class Run(NamedTuple):
    text: str
    bold: bool
    size: float | None        # point size, None: the label's
    colour: str | None        # None: the label's text colour


@lru_cache(maxsize=2048)
def parse(html: str) -> tuple[Run, ...] | None:
    """The runs of ``html``, or None if it uses anything but the subset above (a figure's
    texts recur as seats move back and forth: each is read once)."""
    runs: list[Run] = []
    stack: list[tuple[str, bool, float | None, str | None]] = []
    bold, size, colour = False, None, None
    pos = 0
    for m in _TOKEN.finditer(html):
        if m.start() != pos:
            return None
        pos = m.end()
        closing, tag, attrs, text = m.group(1), m.group(2), m.group(3), m.group(4)
        if text is not None:
            if ">" in text:
                return None
            out = _unescape(text)
            if out is None:
                return None
            if out:
                runs.append(Run(out, bold, size, colour))
            continue
        if tag == "br" and not closing and not attrs.strip().strip("/"):
            runs.append(Run("\n", bold, size, colour))
            continue
        if tag not in ("b", "span"):
            return None
        if closing:
            if attrs.strip() or not stack or stack[-1][0] != tag:
                return None
            _, bold, size, colour = stack.pop()
            continue
        stack.append((tag, bold, size, colour))
        if tag == "b":
            bold = True
        if attrs.strip():
            sm = _STYLE.match(attrs)
            if sm is None:
                return None
            for decl in sm.group(2).split(";"):
                if not decl.strip():
                    continue
                if ":" not in decl:
                    return None
                key, value = (x.strip().lower() for x in decl.split(":", 1))
                if key == "color" and QColor.isValidColorName(value):
                    colour = value
                elif key == "font-size" and re.fullmatch(r"\d+(\.\d+)?pt", value):
                    size = float(value[:-2])
                else:
                    return None
    if pos != len(html) or stack:
        return None
    if runs and (runs[0].text[:1] in " \n" or runs[-1].text[-1:] in " \n"):
        return None       # white space at either end: Qt measures it its own way
    return tuple(runs)


_BREAKS = re.compile("[-\u2010-\u2015/\u00ad]")


def breaks_only_at_spaces(runs) -> bool:
    """True when a word-wrapped layout of ``runs`` can break only at spaces, as ``lay_out``
    does: Qt also breaks after a hyphen, a dash or a slash ("JJP-INLD")."""
    return not any(_BREAKS.search(r.text) for r in runs)


def _unescape(text: str) -> str | None:
    bad = False

    def sub(m):
        nonlocal bad
        v = _ENTITIES.get(m.group(1).lower())
        if v is None:
            bad = True
            return ""
        return v
    out = _ENTITY.sub(sub, text)
    if bad or "&" in _ENTITY.sub("", text):
        return None
    return re.sub(r"[ \t\r\n]+", " ", out)      # HTML's white space: one space


class Fragment(NamedTuple):
    x: float
    text: str
    font: QFont
    colour: str | None


class Line(NamedTuple):
    y: float            # top
    ascent: float
    height: float
    width: float
    fragments: list


class Layout(NamedTuple):
    width: float        # the widest line
    height: float
    lines: list


class Fonts:
    """The label's font in each weight and size the runs ask for, with their metrics, and
    the layouts made with them (by text and width)."""

    def __init__(self, base: QFont):
        self.base = base
        self._cache: dict = {}
        self.layouts: dict = {}

    def layout(self, runs, width: float | None) -> "Layout":
        key = (runs, width)
        lay = self.layouts.get(key)
        if lay is None:
            if len(self.layouts) > 256:
                self.layouts.clear()
            lay = self.layouts[key] = lay_out(runs, self, width)
        return lay

    def get(self, bold: bool, size: float | None):
        key = (bold, size)
        hit = self._cache.get(key)
        if hit is None:
            f = QFont(self.base)
            if bold:
                f.setBold(True)
            if size is not None:
                f.setPointSizeF(size)
            hit = self._cache[key] = (f, QFontMetricsF(f))
        return hit


BREAK: list = []     # a <br> among the words


def lay_out(runs: list[Run], fonts: Fonts, width: float | None = None) -> Layout:
    """Runs on one line, or word-wrapped at spaces to ``width`` (a word wider than that
    stays whole on its own line, as a QTextDocument's word wrap leaves it)."""
    # words: (pieces, the run of the space before the word); a piece is (text, run)
    words: list[tuple[list, Run | None]] = [([], None)]
    for run in runs:
        if run.text == "\n":
            words.append((BREAK, None))
            words.append(([], None))
            continue
        parts = run.text.split(" ")
        for k, part in enumerate(parts):
            if k:
                words.append(([], run))
            if part:
                words[-1][0].append((part, run))
    lines: list[list[tuple]] = [[]]
    line_w = 0.0
    space_of: dict = {}
    pending = None                  # the run of a space waiting for its word (HTML: one space)
    for pieces, space_run in words:
        if pieces is BREAK:
            lines.append([])
            line_w, pending = 0.0, None
            continue
        if space_run is not None and pending is None:
            pending = space_run
        if not pieces:
            continue
        ww = 0.0
        for text, run in pieces:
            ww += fonts.get(run.bold, run.size)[1].horizontalAdvance(text)
        sp = 0.0
        if lines[-1] and pending is not None:
            key = (pending.bold, pending.size)
            if key not in space_of:
                space_of[key] = fonts.get(pending.bold, pending.size)[1].horizontalAdvance(" ")
            sp = space_of[key]
        pending = None
        if width is not None and lines[-1] and line_w + sp + ww > width:
            lines.append([])
            line_w, sp = 0.0, 0.0
        lines[-1].append((sp, pieces))
        line_w += sp + ww
    out, y, widest = [], 0.0, 0.0
    base_f, base_m = fonts.get(False, None)
    for items in lines:
        x, frags, asc, desc = 0.0, [], 0.0, 0.0
        for sp, word in items:
            x += sp
            for text, run in word:
                f, m = fonts.get(run.bold, run.size)
                frags.append(Fragment(x, text, f, run.colour))
                x += m.horizontalAdvance(text)
                asc, desc = max(asc, m.ascent()), max(desc, m.descent())
        if not frags:
            asc, desc = base_m.ascent(), base_m.descent()
        h = float(int(asc + desc + 0.5))     # a QTextDocument's line height, rounded to the pixel
        out.append(Line(y, asc, h, x, frags))
        y += h
        widest = max(widest, x)
    return Layout(widest, y, out)


def paint(p, layout: Layout, origin: QPointF, default_colour: QColor) -> None:
    for line in layout.lines:
        base = origin.y() + line.y + line.ascent
        for fr in line.fragments:
            p.setFont(fr.font)
            p.setPen(QColor(fr.colour) if fr.colour else default_colour)
            p.drawText(QPointF(origin.x() + fr.x, base), fr.text)
