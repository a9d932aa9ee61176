"""Item roles and small helpers shared by the panels."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView

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


def changed_seats(old, new, seats, old_fights: dict | None = None, new_fights: dict | None = None):
    """The seat indices whose cells can differ between two evaluations of a document (a move
    changes a few), or None when any may: other assumptions, baseline, data set or partners.
    A model then re-formats those rows only, which matters at 543 seats."""
    if old is None or old.projector is not new.projector:
        return None
    key = (id(old), id(new), id(seats))
    if _last_diff[0] == key and _last_diff[1] is old and _last_diff[2] is new and _last_diff[3] == (old_fights, new_fights):
        return _last_diff[4]     # the table and every pool ask the same question after a move
    out = _changed_seats(old, new, seats, old_fights, new_fights)
    _last_diff[:] = [key, old, new, (dict(old_fights or {}), dict(new_fights or {})), out]
    return out


_last_diff: list = [None, None, None, None, None]


def _changed_seats(old, new, seats, old_fights, new_fights) -> list[int]:
    a, b = old.projection, new.projection
    if a.pools.shape != b.pools.shape:
        return None
    diff = (a.pools != b.pools) | (a.winner != b.winner) | (a.margin_pts != b.margin_pts) \
        | (old.alliance_margin != new.alliance_margin)
    ob, nb = old.conflicts_by_seat(), new.conflicts_by_seat()
    moved = [ac for ac in set(ob) | set(nb) if ob.get(ac) != nb.get(ac)]
    if old_fights is not None and new_fights is not None and old_fights != new_fights:
        moved += [ac for ac in set(old_fights) | set(new_fights) if old_fights.get(ac) != new_fights.get(ac)]
    out = set(np.flatnonzero(diff).tolist())
    out.update(seats.index_of(a) for a in moved if seats.has(a))
    return sorted(out)


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


def select_seats_in(view: QAbstractItemView, seats: frozenset[int], column_count: int = 1) -> None:
    """Select the rows of ``view`` whose seat is in ``seats`` (one selection change), as one
    range per run of consecutive rows: a view checks every range for every cell it paints, and
    90 seats dropped together are 1 range, not 90."""
    model, sm = view.model(), view.selectionModel()
    sel = QItemSelection()
    rows = [r for r in range(model.rowCount()) if model.index(r, 0).data(AC) in seats] if seats else []
    for lo, hi in runs(rows):
        sel.select(model.index(lo, 0), model.index(hi, column_count - 1))
    sm.select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
