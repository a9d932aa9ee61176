"""Item roles and small helpers shared by the panels."""
from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView

from ...core.rules import SEVERITY_RANK, Severity
from ..style import SEVERITY_LABELS
from ..view_fit import column_need, enclosing_scroll_area, fit_height_to_rows  # noqa: F401 - the panels' names for them

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


