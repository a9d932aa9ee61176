"""Colours and small painted icons shared by the views; user text shown as plain text."""
from __future__ import annotations

import html
from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from ..core.pools import pool_colour_hex
SEVERITY_COLOURS = {"error": "#C62828", "warning": "#E08A00", "info": "#5C7FA3"}
SEVERITY_LABELS = {"error": "Breaks", "warning": "Warning", "info": "Pending"}


def pool_colour(pools, index: int) -> QColor:
    return QColor(pool_colour_hex(pools, index))


def tint(colour: QColor, alpha: int = 40) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


@lru_cache(maxsize=None)
def severity_icon(severity: str, size: int = 16) -> QIcon:
    pm = QPixmap(size * 2, size * 2)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    c = QColor(SEVERITY_COLOURS[severity])
    s = size * 2
    if severity == "warning":
        path = QPainterPath()
        path.moveTo(s / 2, 2)
        path.lineTo(s - 2, s - 3)
        path.lineTo(2, s - 3)
        path.closeSubpath()
        p.fillPath(path, c)
        glyph, rect = "!", QRectF(0, s * 0.22, s, s * 0.75)
    else:
        p.setBrush(c)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(QRectF(2, 2, s - 4, s - 4))
        glyph, rect = ("!" if severity == "error" else "i"), QRectF(0, 0, s, s)
    f = QFont()
    f.setBold(True)
    f.setPixelSize(int(s * 0.62))
    p.setFont(f)
    p.setPen(QPen(Qt.GlobalColor.white))
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, glyph)
    p.end()
    pm.setDevicePixelRatio(2.0)
    return QIcon(pm)


@lru_cache(maxsize=None)
def swatch_icon(colour: str, hatched: bool = False, size: int = 12) -> QIcon:
    pm = QPixmap(size * 2, size * 2)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    r = QRectF(1, 1, size * 2 - 2, size * 2 - 2)
    p.setBrush(QColor(colour))
    p.setPen(QPen(QColor(colour).darker(130), 1.5))
    p.drawRoundedRect(r, 4, 4)
    if hatched:
        p.setBrush(QBrush(QColor(255, 255, 255, 170), Qt.BrushStyle.BDiagPattern))
        p.drawRoundedRect(r, 4, 4)
    p.end()
    pm.setDevicePixelRatio(2.0)
    return QIcon(pm)


def text_colour_on(colour: QColor) -> QColor:
    lum = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return QColor("#111111") if lum > 150 else QColor("#FFFFFF")




# -- user text as plain text ---------------------------------------------------------------------
# Names, codes, notes, rule ids and file names come from files the other side of a negotiation
# may have written. Qt guesses rich text in labels, message boxes and tooltips, so such text is
# either shown in a widget set to Qt.TextFormat.PlainText, or escaped with these helpers.

def esc(text) -> str:
    """User text for interpolation into rich text the app writes itself (``<b>{esc(name)}</b>``)."""
    return html.escape(str(text), quote=False)


def plain_rich(text: str) -> str:
    """User text for a widget that guesses whether text is rich (a tooltip, an input dialog's
    label): returned as is when Qt would not take it for markup, else escaped rich text that
    shows exactly the same characters, line breaks kept."""
    if "<" not in text and "&" not in text:
        return text
    return "<p style='white-space:pre-wrap'>" + esc(text) + "</p>"


def message_box(parent, icon, title: str, text: str, informative: str = ""):
    """A QMessageBox whose text and informative text are plain text."""
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if informative:
        box.setInformativeText(plain_rich(informative))
    return box


def warn(parent, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()


def ask(parent, title: str, text: str) -> bool:
    """Yes/No question in plain text; True for Yes."""
    from PySide6.QtWidgets import QMessageBox
    box = message_box(parent, QMessageBox.Icon.Question, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes
