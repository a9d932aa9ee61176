"""Item roles and small helpers shared by the panels."""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QScrollArea, QStyle, QTableView, QWidget

from ...core.rules import SEVERITY_RANK, Severity
from ..style import SEVERITY_LABELS

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
AC_ROLE = Qt.ItemDataRole.UserRole + 2
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3
ITEM_ROLE = Qt.ItemDataRole.UserRole + 4

# Roles as plain ints for the models' data(): each use of a Qt enum member from Python is an
# attribute lookup (the short form, Qt + "." + DisplayRole, costs ~4 us), and data() runs per cell per role.
_R = Qt.ItemDataRole
DISPLAY, DECORATION, EDIT, TOOLTIP = int(_R.DisplayRole), int(_R.DecorationRole), int(_R.EditRole), int(_R.ToolTipRole)
FONT, ALIGN, BACKGROUND, FOREGROUND = int(_R.FontRole), int(_R.TextAlignmentRole), int(_R.BackgroundRole), int(_R.ForegroundRole)
SORT, AC, ITEM = int(SORT_ROLE), int(AC_ROLE), int(ITEM_ROLE)


def runs(rows: list[int]) -> list[tuple[int, int]]:
    """[2, 3, 4, 7] -> [(2, 4), (7, 7)]: consecutive rows as one signal each."""
    out: list[tuple[int, int]] = []
    for r in rows:
        if out and r == out[-1][1] + 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


def worst(conflicts) -> Severity | None:
    if not conflicts:
        return None
    return min((c.severity for c in conflicts), key=SEVERITY_RANK.__getitem__)


def conflict_tooltip(conflicts) -> str:
    return "\n".join(f"{SEVERITY_LABELS[c.severity]}: {c.message}" for c in conflicts)


def selected_seats_of(view: QAbstractItemView) -> list[int]:
    sm = view.selectionModel()
    return [int(i.data(AC_ROLE)) for i in sm.selectedIndexes() if i.column() == 0]


def select_seats_in(view: QAbstractItemView, seats: frozenset[int], column_count: int = 1,
                    rows: list[int] | None = None) -> None:
    """Select the rows of ``view`` whose seat is in ``seats`` (one selection change), as one
    range per run of consecutive rows: a view checks every range for every cell it paints, and
    90 seats dropped together are 1 range, not 90. ``rows``: those rows, ascending, when the
    model knows them (a pool's list: without looking at its other rows)."""
    model, sm = view.model(), view.selectionModel()
    sel = QItemSelection()
    if rows is None:
        rows = [r for r in range(model.rowCount()) if model.index(r, 0).data(AC) in seats] if seats else []
    for lo, hi in runs(rows):
        sel.select(model.index(lo, 0), model.index(hi, column_count - 1))
    sm.select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def column_need(view: QTableView, c: int, texts: Iterable[str] | None = None) -> int:
    """The least width of column ``c`` that shows its header and every cell whole (or ``texts``,
    the texts it may show, in its cells' stead): a header's text is elided short of four header
    margins (QHeaderView's paint), a cell's short of the item's text margin either side (the
    focus frame's and one) and the grid line."""
    model, style = view.model(), view.style()
    head = view.horizontalHeader().fontMetrics().horizontalAdvance(str(model.headerData(c, Qt.Orientation.Horizontal)))
    head += 4 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
    if texts is None:
        texts = [str(model.index(r, c).data()) for r in range(model.rowCount())]
    fm, pad = view.fontMetrics(), 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 1
    return max([head] + [fm.horizontalAdvance(t) + pad for t in texts])


def fit_height_to_rows(view: QTableView, fixed: bool = False) -> int:
    """A table with no vertical scroll bar of its own made as tall as its rows: its header and
    every row whole (and the sideways scroll bar, where the columns are wider than the table),
    so that the dock's scroll area scrolls it and the wheel over it scrolls the dock. Its least
    height, or (``fixed``) its height: the room below goes to the dock's other widgets."""
    model = view.model()
    rows = sum(view.rowHeight(r) for r in range(model.rowCount()))
    cols = sum(view.columnWidth(c) for c in range(model.columnCount()) if not view.isColumnHidden(c))
    bar = view.horizontalScrollBar().sizeHint().height() if cols > view.viewport().width() else 0
    h = view.horizontalHeader().sizeHint().height() + rows + bar + 2 * view.frameWidth()
    if fixed:
        view.setFixedHeight(h)
    else:
        view.setMinimumHeight(h)
    return h


def enclosing_scroll_area(widget: QWidget) -> QScrollArea | None:
    """The nearest scroll area ``widget`` sits in (a dock's), or None."""
    w = widget.parentWidget()
    while w is not None and not isinstance(w, QScrollArea):
        w = w.parentWidget()
    return w
