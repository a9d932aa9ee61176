"""Starting a seat drag from a view without QAbstractItemView's own clean-up.

QAbstractItemView.startDrag renders every dragged cell into the drag pixmap and, when the drag
ends as a MoveAction, clears or removes the dragged items itself: a table view (overwrite mode)
reads and rewrites every selected cell through itemData/setItemData, a list view calls
removeRows. A seat moved between pools is a core command (one undo step) whose evaluation
updates every view; there are no items to clear. So the drag here carries only the seat ids,
shows a small badge, and leaves the views alone whatever action the drop reports."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QDrag, QFontMetrics, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView


def drag_badge(view: QAbstractItemView, n: int) -> QPixmap:
    """'1 seat' / '12 seats' on a rounded tag: a constant-cost pixmap, not a render of the rows."""
    text = f"{n} seat" if n == 1 else f"{n} seats"
    fm = QFontMetrics(view.font())
    w, h = fm.horizontalAdvance(text) + 16, fm.height() + 8
    pm = QPixmap(w, h)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(40, 40, 40, 210))
    p.drawRoundedRect(QRect(0, 0, w, h), 6, 6)
    p.setPen(Qt.GlobalColor.white)
    p.setFont(view.font())
    p.drawText(QRect(0, 0, w, h), Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return pm


def start_seat_drag(view: QAbstractItemView, supported) -> Qt.DropAction:
    """What QAbstractItemView.startDrag does, minus the pixmap of every cell and minus the
    clearing or removal of the dragged items after a move."""
    model = view.model()
    sm = view.selectionModel()   # the rows, not every selected cell (90 seats x 14 columns)
    rows = sm.selectedRows(0) or [i for i in sm.selectedIndexes() if i.column() == 0]
    indexes = [i for i in rows if model.flags(i) & Qt.ItemFlag.ItemIsDragEnabled]
    if not indexes:
        return Qt.DropAction.IgnoreAction
    data = model.mimeData(indexes)
    if data is None:
        return Qt.DropAction.IgnoreAction
    drag = QDrag(view)
    drag.setMimeData(data)
    drag.setPixmap(drag_badge(view, len({i.row() for i in indexes})))
    drag.setHotSpot(QPoint(-12, -12))
    default = view.defaultDropAction()
    if default == Qt.DropAction.IgnoreAction or not supported & default:
        default = Qt.DropAction.CopyAction if supported & Qt.DropAction.CopyAction else Qt.DropAction.MoveAction
    return drag.exec(supported, default)  # the drop ran a command; nothing to clear here
