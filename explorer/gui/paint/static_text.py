"""Texts laid out once as QStaticTexts, for the views that paint their own rows (the seat
table, the pool lists): most of their texts repeat from one paint to the next (names,
districts, parties, margins), and a static text draws in half the time of ``drawText``."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStaticText, QTransform


class StaticTexts:
    """One view's static texts, by a key the view chooses, for the font it paints with (a new
    font starts afresh); a few screens of cells are kept."""
    LIMIT = 3000

    def __init__(self):
        self._texts: dict = {}
        self._font_key = None

    def use_font(self, font) -> None:
        key = font.key()
        if key != self._font_key:
            self._font_key, self._texts = key, {}
        elif len(self._texts) > self.LIMIT:
            self._texts.clear()

    def get(self, key):
        return self._texts.get(key)

    def put(self, key, value):
        self._texts[key] = value
        return value

    def advance(self, text: str, fm) -> int:
        """``fm.horizontalAdvance(text)``, measured once per text (``fm``: the metrics of the font
        in use, ``use_font``)."""
        key = ("advance", text)
        w = self._texts.get(key)
        if w is None:
            w = self._texts[key] = fm.horizontalAdvance(text)
        return w

    def laid_out(self, key, text: str, font) -> tuple[QStaticText, float, float]:
        """(the static text, its width, its height) of ``text`` in ``font``, made once per key."""
        hit = self._texts.get(key)
        if hit is None:
            st = QStaticText(text)
            st.setTextFormat(Qt.TextFormat.PlainText)
            st.prepare(QTransform(), font)
            size = st.size()
            hit = self._texts[key] = (st, size.width(), size.height())
        return hit
