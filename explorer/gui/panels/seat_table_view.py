"""The seat table's view: rows selected and dragged as seats, its cells painted straight from
the model's formatted rows.

The view paints the rows itself (``SeatTableView.paintEvent``): Qt's own table paint calls
into Python five to seven times per cell (the delegate, ``flags``, ``rowCount``,
``columnCount``), about 25 µs a cell before anything is drawn, and a full repaint of the 27 x 12
cells on screen was the largest cost of an "assign all". The delegate paints the same cells the
same way (``paint_cell``) wherever Qt asks it to, and edits the Adj. column."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from ..paint.static_text import StaticTexts
from ..style import severity_icon, swatch_icon
from .common import DISPLAY, FOREGROUND
from .drag import start_seat_drag


class SeatCellDelegate(QStyledItemDelegate):
    """Paints a seat-table cell straight from the model's formatted row: one lookup per cell
    instead of Qt's seven data() calls through the proxy and the style's item painting (a
    full repaint of the table's 25 x 12 cells is the cost of an "assign all"). Editing (the
    Adj. column) is QStyledItemDelegate's."""

    _SELECTED = QStyle.StateFlag.State_Selected.value      # flags tested as ints: a Python enum's & is slow
    _FOCUS = QStyle.StateFlag.State_HasFocus.value
    _ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate.value
    _LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    _MIDDLE = Qt.TextElideMode.ElideMiddle

    def __init__(self, model, proxy, parent=None):
        super().__init__(parent)
        self.model, self.proxy = model, proxy
        self._bold = None

    def paint(self, painter, option, index):
        m = self.model
        r = self.proxy.mapToSource(index).row()
        if r < 0 or r >= len(m._rows):
            return
        state = option.state.value
        selected = bool(state & self._SELECTED)
        pal = option.palette
        rect = option.rect
        paint_cell(painter, m, r, index.column(), rect.x(), rect.y(), rect.width(), rect.height(), selected,
                   bool(option.features.value & self._ALTERNATE), bool(state & self._FOCUS), Colours(pal),
                   painter.fontMetrics(), option.font)


class Colours:
    """The palette's brushes and colours a cell needs, read once per paint."""
    __slots__ = ("highlight", "highlighted_text", "text", "alternate")

    def __init__(self, pal):
        self.highlight = pal.highlight()
        self.highlighted_text = pal.highlightedText().color()
        self.text = pal.text().color()
        self.alternate = pal.alternateBase()


_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_MIDDLE = Qt.TextElideMode.ElideMiddle


_RIGHT_FLAG = int(Qt.AlignmentFlag.AlignRight)
_CENTRE_FLAG = int(Qt.AlignmentFlag.AlignHCenter)


def _draw_static(painter, texts: StaticTexts, text: str, bold: bool, ax: int, ay: int, aw: int, ah: int,
                 align: int, fm) -> None:
    """``drawText(QRect(ax, ay, aw, ah), align, text)`` (elided in the middle when it does not
    fit) from a static text laid out once per text, font and width."""
    key = (text, bold, aw)
    hit = texts.get(key)
    if hit is None:
        shown = fm.elidedText(text, _MIDDLE, aw) if fm.horizontalAdvance(text) > aw else text
        hit = texts.laid_out(key, shown, painter.font())
    st, w, h = hit
    if w > aw or h > ah:
        painter.drawText(QRect(ax, ay, aw, ah), align, st.text())    # too narrow even elided: clipped, as drawText clips
        return
    x = ax
    if align & _RIGHT_FLAG:
        x += aw - w
    elif align & _CENTRE_FLAG:
        x += (aw - w) / 2
    painter.drawStaticText(QPointF(x, ay + (ah - h) / 2), st)


def paint_cell(painter, m, r: int, c: int, left: int, top: int, width: int, height: int, selected: bool,
               alternate: bool, focus: bool, colours: Colours, fm, font, texts: StaticTexts | None = None) -> None:
    """One cell of source row ``r``, column ``c`` of the seat model in the rectangle ``left``,
    ``top``, ``width``, ``height`` (the cell without its grid line; integers, not a QRect: each of
    its accessors is a call into Qt, and a bulk edit paints a hundred cells). ``texts`` (the view's
    paint) keeps each text laid out as a QStaticText; without it (the delegate) the text is drawn
    as Qt's item paint would."""
    row = m._row(r)
    if selected:
        painter.fillRect(left, top, width, height, colours.highlight)
    else:
        if alternate:
            painter.fillRect(left, top, width, height, colours.alternate)
        if c == m.C_POOL:
            painter.fillRect(left, top, width, height, m._pool_brush[row.pool])    # a tint, over the row's own background
    icon, fg, bold = None, None, False
    if c == m.C_PWIN:
        text, fg = m._p_win_cell(r)
    elif c > m.C_PWIN:
        text = m._contest_data(r, c, DISPLAY)
        brush = m._contest_data(r, c, FOREGROUND)
        fg = brush.color() if brush is not None else None
    else:
        text = row.text[c]
        if c == m.C_POOL:
            icon = m._pool_icon[row.pool]
        elif c == m.C_WIN:
            icon = swatch_icon(row.winner_colour)
            bold = row.won
        elif c == m.C_CONFLICT:
            icon = severity_icon(row.worst) if row.worst else None
        elif c == m.C_MARGIN:
            fg = (m._won_brush if row.won else m._lost_brush).color()
    x = left + 4
    if icon is not None:
        icon.paint(painter, x, top + (height - 14) // 2, 14, 14)
        x += 18
    if text:
        if bold:
            painter.save()
            bold_font = m._bold_for(font)
            painter.setFont(bold_font)
            fm = painter.fontMetrics()
        painter.setPen(colours.highlighted_text if selected else (fg or colours.text))
        aw = width - (x - left) - 4      # the text's area: the cell less 4 px a side and the icon
        align = m._ALIGN.get(c, _LEFT)
        if texts is None:
            if fm.horizontalAdvance(text) > aw:
                text = fm.elidedText(text, _MIDDLE, aw)
            painter.drawText(QRect(x, top, aw, height), align, text)
        else:
            _draw_static(painter, texts, text, bold, x, top, aw, height, align, fm)
        if bold:
            painter.restore()
    if focus and selected:
        painter.save()
        painter.setPen(colours.highlighted_text)
        painter.drawRect(left, top, width - 1, height - 1)
        painter.restore()


class SeatTableView(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("seat_table")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(21)
        self.horizontalHeader().setHighlightSections(False)
        self.drags = 0
        self._rows_of = None       # (seat model, its proxy): the view paints their rows itself
        self._texts = StaticTexts()

    def paint_rows_of(self, model, proxy) -> None:
        """Paint the cells of ``model`` (the source of ``proxy``, this view's model) directly."""
        self._rows_of = (model, proxy)

    @staticmethod
    def _selected_rows(sm, first: int, last: int) -> set[int]:
        """The selected rows among rows ``first``..``last``, read off the selection's ranges
        (whole rows: the table selects rows). ``isRowSelected`` checks every column of every
        range, 85 µs a row with 90 seats selected."""
        out: set[int] = set()
        for rg in sm.selection():
            lo, hi = max(rg.top(), first), min(rg.bottom(), last)
            if lo <= hi:
                out.update(range(lo, hi + 1))
        return out

    def paintEvent(self, e):
        if self._rows_of is None or self.model() is not self._rows_of[1] or self.isRightToLeft():
            return super().paintEvent(e)      # right to left: Qt's paint mirrors the cells
        m, proxy = self._rows_of
        n_rows = proxy.rowCount()
        vp = self.viewport()
        header, vheader = self.horizontalHeader(), self.verticalHeader()
        font = self.font()
        self._texts.use_font(font)
        p = QPainter(vp)
        p.setFont(font)
        fm = p.fontMetrics()
        colours = Colours(vp.palette())
        grid = self.showGrid()
        g = 1 if grid else 0
        opt = QStyleOptionViewItem()
        self.initViewItemOption(opt)
        grid_pen = QPen(QColor.fromRgba(self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, opt, self)
                                       & 0xFFFFFFFF), 1, self.gridStyle())    # as Qt's: 1 pixel, scaled
        alternating = self.alternatingRowColors()
        sm = self.selectionModel()
        current = self.currentIndex()
        focus_row = current.row() if current.isValid() and self.hasFocus() else -1
        focus_col = current.column()
        # the columns in visual order: (logical, x, width)
        cols = []
        for v in range(header.count()):
            c = header.logicalIndex(v)
            if header.isSectionHidden(c):
                continue
            cols.append((c, header.sectionViewportPosition(c), header.sectionSize(c)))
        texts = self._texts
        x_end = header.length() - header.offset() - 1       # the table's last pixel, as Qt clips it
        y_end = vheader.length() - vheader.offset() - 1
        for dirty in e.region():
            dirty.setRight(min(dirty.right(), x_end))
            dirty.setBottom(min(dirty.bottom(), y_end))
            if dirty.isEmpty():
                continue
            top, bottom = dirty.top(), dirty.bottom()
            first = vheader.visualIndexAt(top)
            if first < 0:
                first = 0
            last = vheader.visualIndexAt(bottom)
            if last < 0:
                last = n_rows - 1
            in_view = [(c, x, w) for c, x, w in cols if x + w > dirty.left() and x <= dirty.right()]
            # the selection's rows (proxy rows: the vertical header is hidden and never reordered)
            selected_rows = self._selected_rows(sm, vheader.logicalIndex(first), vheader.logicalIndex(last)) \
                if sm is not None else ()
            for vr in range(first, last + 1):
                pr = vheader.logicalIndex(vr)
                if vheader.isSectionHidden(pr):
                    continue
                y, h = vheader.sectionViewportPosition(pr), vheader.sectionSize(pr)
                r = proxy.mapToSource(proxy.index(pr, 0)).row()
                if r < 0 or r >= len(m._rows):
                    continue
                selected = pr in selected_rows
                alternate = alternating and bool(vr & 1)
                for c, x, w in in_view:
                    paint_cell(p, m, r, c, x, y, w - g, h - g, selected, alternate,
                               pr == focus_row and c == focus_col, colours, fm, font, texts)
                if grid:
                    p.setPen(grid_pen)
                    p.drawLine(dirty.left(), y + h - g, dirty.right(), y + h - g)
            if grid:
                p.setPen(grid_pen)
                for c, x, w in in_view:
                    p.drawLine(x + w - g, top, x + w - g, bottom)
        p.end()

    def dataChanged(self, top_left, bottom_right, roles=()):
        """Repaint the changed cells' rectangle only. Qt's view repaints its whole viewport for any
        change of more than one cell: an "assign all" changed the Pool to Conflict columns and
        P(win) of every row, and the number, name, district, PC and reservation cells were painted
        again too (the model signals the columns that can change, ``SeatTableModel._on_evaluated``).
        An editor open, or an accessibility client listening, takes Qt's own path (it updates
        them)."""
        from PySide6.QtGui import QAccessible
        if top_left == bottom_right or not top_left.isValid() or not bottom_right.isValid() \
                or self.state() == QAbstractItemView.State.EditingState or QAccessible.isActive() \
                or self.isRightToLeft():
            return super().dataChanged(top_left, bottom_right, roles)
        header, vheader = self.horizontalHeader(), self.verticalHeader()
        xs = [(header.sectionViewportPosition(c), header.sectionSize(c))
              for c in range(top_left.column(), bottom_right.column() + 1) if not header.isSectionHidden(c)]
        if not xs:
            return
        top, bottom = top_left.row(), bottom_right.row()
        y0 = vheader.sectionViewportPosition(top)
        y1 = vheader.sectionViewportPosition(bottom) + vheader.sectionSize(bottom)
        x0 = min(x for x, _ in xs)
        x1 = max(x + w for x, w in xs)
        vp = self.viewport()
        rect = QRect(x0, y0, x1 - x0, y1 - y0).intersected(vp.rect())
        if not rect.isEmpty():
            vp.update(rect)

    def startDrag(self, supported):
        # never QAbstractItemView's: after a MoveAction it rewrites every dragged cell
        # (overwrite mode), 90 seats x 11 columns of itemData/setItemData; the drop is a command
        self.drags += 1
        start_seat_drag(self, supported)
