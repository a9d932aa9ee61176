"""The seat table's view: rows selected and dragged as seats, and a delegate that paints each
cell from the model's formatted row."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

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
        c = index.column()
        if r < 0 or r >= len(m._rows):
            return
        rect = option.rect
        pal = option.palette
        state = option.state.value
        selected = bool(state & self._SELECTED)
        row = m._rows[r]
        if selected:
            painter.fillRect(rect, pal.highlight())
        elif c == m.C_POOL:
            painter.fillRect(rect, m._pool_brush[row.pool])
        elif option.features.value & self._ALTERNATE:
            painter.fillRect(rect, pal.alternateBase())
        icon, fg, bold = None, None, False
        if c >= m.C_PWIN:
            text = m._p_win_data(r, DISPLAY) if c == m.C_PWIN else m._contest_data(r, c, DISPLAY)
            brush = m._p_win_data(r, FOREGROUND) if c == m.C_PWIN else m._contest_data(r, c, FOREGROUND)
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
        x = rect.left() + 4
        if icon is not None:
            icon.paint(painter, x, rect.top() + (rect.height() - 14) // 2, 14, 14)
            x += 18
        if text:
            if bold:
                painter.save()
                painter.setFont(m._bold_for(option.font))
            painter.setPen(pal.highlightedText().color() if selected else (fg or pal.text().color()))
            area = rect.adjusted(x - rect.left(), 0, -4, 0)
            fm = painter.fontMetrics()
            painter.drawText(area, m._ALIGN.get(c, self._LEFT), fm.elidedText(text, self._MIDDLE, area.width()))
            if bold:
                painter.restore()
        if state & self._FOCUS and selected:
            painter.save()
            painter.setPen(pal.highlightedText().color())
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
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

    def startDrag(self, supported):
        # never QAbstractItemView's: after a MoveAction it rewrites every dragged cell
        # (overwrite mode), 90 seats x 11 columns of itemData/setItemData; the drop is a command
        self.drags += 1
        start_seat_drag(self, supported)
