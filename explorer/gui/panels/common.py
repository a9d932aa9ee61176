"""Item roles and small helpers shared by the panels."""
from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView

from ...core.rules import SEVERITY_RANK, Severity
from ..style import SEVERITY_LABELS

SORT_ROLE = Qt.UserRole + 1
AC_ROLE = Qt.UserRole + 2
SEVERITY_ROLE = Qt.UserRole + 3
ITEM_ROLE = Qt.UserRole + 4


def worst(conflicts) -> Severity | None:
    if not conflicts:
        return None
    return min((c.severity for c in conflicts), key=SEVERITY_RANK.__getitem__)


def conflict_tooltip(conflicts) -> str:
    return "\n".join(f"{SEVERITY_LABELS[c.severity]}: {c.message}" for c in conflicts)


def selected_seats_of(view: QAbstractItemView) -> list[int]:
    sm = view.selectionModel()
    return [int(i.data(AC_ROLE)) for i in sm.selectedIndexes() if i.column() == 0]


def select_seats_in(view: QAbstractItemView, seats: frozenset[int], column_count: int = 1) -> None:
    """Select the rows of ``view`` whose seat is in ``seats`` (one selection change)."""
    model, sm = view.model(), view.selectionModel()
    sel = QItemSelection()
    for r in range(model.rowCount()):
        idx = model.index(r, 0)
        if idx.data(AC_ROLE) in seats:
            sel.select(idx, model.index(r, column_count - 1))
    sm.select(sel, QItemSelectionModel.ClearAndSelect)
