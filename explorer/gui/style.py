"""Colours and small painted icons shared by the views."""
from __future__ import annotations

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
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
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
        p.setPen(Qt.NoPen)
        p.drawEllipse(QRectF(2, 2, s - 4, s - 4))
        glyph, rect = ("!" if severity == "error" else "i"), QRectF(0, 0, s, s)
    f = QFont()
    f.setBold(True)
    f.setPixelSize(int(s * 0.62))
    p.setFont(f)
    p.setPen(QPen(Qt.white))
    p.drawText(rect, Qt.AlignCenter, glyph)
    p.end()
    pm.setDevicePixelRatio(2.0)
    return QIcon(pm)


@lru_cache(maxsize=None)
def swatch_icon(colour: str, hatched: bool = False, size: int = 12) -> QIcon:
    pm = QPixmap(size * 2, size * 2)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    r = QRectF(1, 1, size * 2 - 2, size * 2 - 2)
    p.setBrush(QColor(colour))
    p.setPen(QPen(QColor(colour).darker(130), 1.5))
    p.drawRoundedRect(r, 4, 4)
    if hatched:
        p.setBrush(QBrush(QColor(255, 255, 255, 170), Qt.BDiagPattern))
        p.drawRoundedRect(r, 4, 4)
    p.end()
    pm.setDevicePixelRatio(2.0)
    return QIcon(pm)


def text_colour_on(colour: QColor) -> QColor:
    lum = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return QColor("#111111") if lum > 150 else QColor("#FFFFFF")


