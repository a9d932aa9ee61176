"""A label for figures that change on every move (scoreboard tiles, pool headers, the status
line). A QLabel's setText always asks its layout to run again, and that request climbs every
layout up to the main window, which then re-lays every dock and repaints their separators:
after each drop. A QuietLabel only repaints when its text changes; it asks for a new layout
only when a text needs more room than any it has shown (its size hint grows, never shrinks,
until ``reset_hint``).

It can carry shorter forms of its text (``setText(text, "7 + 1")``): it shows the longest
that fits the width the layout gives it, and asks only for the shortest's width as its
minimum, so a row of figures fits a narrow window without clipping one."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import QSizePolicy, QWidget

from . import rich_runs

_ELIDE = Qt.TextElideMode.ElideRight
_LEFT_V = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

_grown: list = []      # the labels that asked for more room since lay_out_grown last ran


def lay_out_grown() -> None:
    """Lay out now, innermost first, each layout above a label that asked for more room since the
    last call (the document calls this once its views have heard of an evaluation). Left to Qt, each
    level's layout request is a posted event of its own (a tile's, then its row's, the central
    widget's, the main window's): the later ones ran after the window had painted the change, which
    moved and painted the widgets again, the dock separators with them, in a second frame. Nothing
    to do when no label grew (a text no wider than any it has shown)."""
    if not _grown:
        return
    labels, _grown[:] = list(_grown), []
    depth: dict = {}
    for label in labels:
        try:
            w, chain = label.parentWidget(), []
            while w is not None:
                chain.append(w)
                w = None if w.isWindow() else w.parentWidget()
        except RuntimeError:             # deleted meanwhile (a document's panels rebuilt)
            continue
        for d, w in enumerate(reversed(chain)):
            depth[w] = d
    for w in sorted(depth, key=depth.get, reverse=True):
        lay = w.layout()
        if lay is not None:
            lay.activate()
    # the requests each level posted while it was laid out here, delivered now, before the paint (a
    # main window's own request re-lays its docks' separators: in the second frame if left to the loop)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


class QuietLabel(QWidget):
    """Plain or rich text (``rich=True``: Qt's HTML subset), optionally word-wrapped. It never
    gets narrower than its shortest form, unless ``elide=True`` (plain text): then it may,
    and shows that form elided. ``text()`` is always the full text."""

    runs_enabled = True    # False: every rich text through a QTextDocument (to compare the two)

    def __init__(self, text: str = "", rich: bool = False, wrap: bool = False, elide: bool = False, parent=None):
        super().__init__(parent)
        self._forms: tuple[str, ...] = ()
        self._docs: list[QTextDocument] = []
        self._sizes: list[QSize] = []
        self._rich, self._wrap, self._elide = rich, wrap, elide
        self._align = _LEFT_V
        self._hint = QSize(0, 0)
        self._min = QSize(0, 0)
        self._margins = (0, 0, 0, 0)
        self._band = None              # (fill, edge colour, edge width): a tinted band with a left edge
        self._runs = None              # rich text in the app's own subset: runs, no QTextDocument (rich_runs)
        self._fonts = None
        self._laid = True
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    # -- QLabel's words ----------------------------------------------------------------------------
    def text(self) -> str:
        return self._forms[0] if self._forms else ""

    def textFormat(self):  # noqa: N802 - QLabel's name
        """Plain text is never read as markup (names from user files are shown as written)."""
        return Qt.TextFormat.RichText if self._rich else Qt.TextFormat.PlainText

    def forms(self) -> tuple[str, ...]:
        return self._forms

    def setText(self, text: str, *shorter: str) -> None:
        forms = (text,) + tuple(shorter)
        if forms == self._forms:
            return
        self._forms = forms
        self._laid = False
        if self.isVisible():           # a hidden label (a tile past three partners) lays out when shown
            self._lay_out()
            self.update()

    def _lay_out(self) -> None:
        self._laid = True
        forms = self._forms
        self._runs = None
        if self._rich:
            runs = [rich_runs.parse(f) for f in forms] if self.runs_enabled else [None]
            if all(r is not None and (not self._wrap or rich_runs.breaks_only_at_spaces(r)) for r in runs):
                self._runs = runs
            else:
                while len(self._docs) < len(forms):
                    self._docs.append(self._new_doc())
                for doc, f in zip(self._docs, forms):
                    doc.setHtml(f)
        self._sizes = [self._measure(k) for k in range(len(forms))]
        self._grow()

    def showEvent(self, e) -> None:
        if not self._laid:
            self._lay_out()
        super().showEvent(e)

    def shown_form(self) -> int:
        """Which form the current width shows (0: the full text)."""
        if not self._laid:
            self._lay_out()
        room = self.width() - self._margins[0] - self._margins[2]
        for k, s in enumerate(self._sizes):
            if s.width() - self._margins[0] - self._margins[2] <= room:
                return k
        return len(self._sizes) - 1

    def setAlignment(self, align) -> None:
        self._align = align
        self.update()

    def setContentsMargins(self, left: int, top: int, right: int, bottom: int) -> None:  # noqa: N802
        self._margins = (left, top, right, bottom)
        self.reset_hint()

    def set_band(self, fill, edge, edge_width: int = 6) -> None:
        """Paint a background band with a coloured left edge (a pool's header)."""
        self._band = (fill, edge, edge_width)
        self.update()

    def reset_hint(self) -> None:
        """Size to the text shown now (e.g. for another document)."""
        self._hint = self._min = QSize(0, 0)
        self._lay_out()

    # -- sizes ----------------------------------------------------------------------------------------
    def _new_doc(self) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setDocumentMargin(0)
        doc.setDefaultFont(self.font())
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapMode.WordWrap if self._wrap else QTextOption.WrapMode.NoWrap)
        doc.setDefaultTextOption(opt)
        return doc

    def _run_layout(self, k: int, width: float | None):
        if self._fonts is None:
            self._fonts = rich_runs.Fonts(self.font())
        return self._fonts.layout(self._runs[k], width)

    def _measure(self, k: int, width: int | None = None) -> QSize:
        l, t, r, b = self._margins
        if self._runs is not None:
            if self._wrap:
                lay = self._run_layout(k, float(max(10, (width if width is not None else max(self.width(), 120)) - l - r)))
                return QSize(min(int(lay.width) + 1, 260) + l + r, int(lay.height + 0.999) + t + b)
            lay = self._run_layout(k, None)
            return QSize(int(lay.width + 0.999) + l + r, int(lay.height + 0.999) + t + b)
        if self._rich:
            doc = self._docs[k]
            if self._wrap:
                doc.setTextWidth(max(10, (width if width is not None else max(self.width(), 120)) - l - r))
                return QSize(min(int(doc.idealWidth()) + 1, 260) + l + r, int(doc.size().height() + 0.999) + t + b)
            doc.setTextWidth(-1)
            return QSize(int(doc.idealWidth() + 0.999) + l + r, int(doc.size().height() + 0.999) + t + b)
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(self._forms[k]) + 2 + l + r, fm.height() + t + b)

    def _grow(self) -> None:
        if not self._sizes:
            return
        hint = self._hint.expandedTo(self._sizes[0])
        least = self._sizes[-1]
        for s in self._sizes:
            least = least.boundedTo(s) if s.width() < least.width() else least
        least = QSize(least.width(), max(s.height() for s in self._sizes))
        mn = self._min.expandedTo(least)
        if hint != self._hint or mn != self._min:
            self._hint, self._min = hint, mn
            self.updateGeometry()
            if len(_grown) < 256:      # (a label outside any document's views: no evaluation clears the list)
                _grown.append(self)

    def sizeHint(self) -> QSize:
        if not self._laid:
            self._lay_out()
        return self._hint

    def minimumSizeHint(self) -> QSize:
        if not self._laid:
            self._lay_out()
        if self._wrap or self._elide:
            return QSize(min(self._min.width(), 40), self._min.height())
        return self._min

    def hasHeightForWidth(self) -> bool:
        return self._rich and self._wrap

    def heightForWidth(self, w: int) -> int:
        if not self._forms:
            return self.minimumHeight()
        return max(self._measure(0, w).height(), self.minimumHeight())

    def changeEvent(self, e) -> None:
        super().changeEvent(e)
        if e.type() == e.Type.FontChange:
            self._fonts = None
            for doc in self._docs:
                doc.setDefaultFont(self.font())
            forms, self._forms = self._forms, ()
            if forms:
                self.setText(*forms)

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        if self._rich and self._wrap and self._forms and self._laid:
            need = self._measure(0, self.width())
            if need.height() > self.height():
                self._sizes[0] = need
                self._grow()

    # -- paint -------------------------------------------------------------------------------------------
    def _origin(self, area: QRectF, w: float, h: float) -> tuple[float, float]:
        """Where a ``w`` x ``h`` text starts in ``area``, by the label's alignment."""
        x = area.left()
        if self._align & Qt.AlignmentFlag.AlignHCenter:
            x += max(0.0, (area.width() - w) / 2)
        elif self._align & Qt.AlignmentFlag.AlignRight:
            x += max(0.0, area.width() - w)
        y = area.top() + (max(0.0, (area.height() - h) / 2) if self._align & Qt.AlignmentFlag.AlignVCenter else 0.0)
        return x, y

    def paintEvent(self, _e) -> None:
        p = QPainter(self)
        if self._band is not None:
            fill, edge, ew = self._band
            p.fillRect(self.rect(), fill)
            p.fillRect(0, 0, ew, self.height(), edge)
        if not self._forms:
            p.end()
            return
        if not self._laid:
            self._lay_out()
        l, t, r, b = self._margins
        area = QRectF(self.rect()).adjusted(l, t, -r, -b)
        k = self.shown_form()
        if self._runs is not None:
            lay = self._run_layout(k, float(area.width()) if self._wrap else None)
            x, y = self._origin(area, lay.width if not self._wrap else area.width(), lay.height)
            p.setClipRect(QRectF(x, y, area.width(), area.height()))
            rich_runs.paint(p, lay, QPointF(x, y), self.palette().color(QPalette.ColorRole.WindowText))
        elif self._rich:
            doc = self._docs[k]
            doc.setTextWidth(area.width() if self._wrap else -1)
            x, y = self._origin(area, doc.idealWidth() if not self._wrap else area.width(), doc.size().height())
            p.translate(QPointF(x, y))
            ctx = QAbstractTextDocumentLayout.PaintContext()
            pal = QPalette(self.palette())
            pal.setColor(QPalette.ColorRole.Text, self.palette().color(QPalette.ColorRole.WindowText))
            ctx.palette = pal
            ctx.clip = QRectF(0, 0, area.width(), area.height())
            p.setClipRect(ctx.clip)
            doc.documentLayout().draw(p, ctx)
        else:
            p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            text = self._forms[k]
            if self._elide:
                text = self.fontMetrics().elidedText(text, _ELIDE, int(area.width()))
            p.drawText(area, self._align, text)
        p.end()
