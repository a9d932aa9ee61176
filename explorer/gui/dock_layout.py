"""The window's layout. The docks in three groups a strategist reaches in one click at 1366×768 (issue 26): the deal
(Conflicts, Rules, Assumptions, Blocs: the rivals' splits), the numbers (Map, Summary, Chart, Uncertainty) and the advice
(Walk-away, Frontier, Who contests), stacked in the right-hand column, each group's tabs whole
in one row. The arrangement the strategist makes (moved, floated, closed, resized docks) is
saved when the window closes and restored at the next start; View ▸ Arrange docks in groups
returns to the groups."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea

GROUPS = (("the deal", ("dock_conflicts", "dock_rules", "dock_assumptions", "dock_blocs")),
          ("the numbers", ("dock_map", "dock_summary", "dock_chart", "dock_uncertainty")),
          ("the advice", ("dock_walk_away", "dock_frontier", "dock_who_contests")))
# the share of the column's height each group gets (the numbers hold the map and the charts)
HEIGHTS = (0.27, 0.48, 0.25)
STATE_KEY = "window/dock_state"
STATE_VERSION = 26         # a layout saved by another arrangement of docks is not restored


def make_dock(window, title: str, widget, name: str) -> QDockWidget:
    """A movable, floatable, closable dock; a panel other than the map and the chart in a
    scroll area, so that a panel taller than its group's share scrolls (three groups fit 768 px)."""
    d = QDockWidget(title, window)
    d.setObjectName(name)
    if name not in ("dock_map", "dock_chart"):
        area = QScrollArea()
        area.setObjectName(f"{name}_scroll")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(widget)
        area.verticalScrollBar().setSingleStep(area.fontMetrics().lineSpacing())   # a wheel notch: 3 lines
        widget = area
    d.setWidget(widget)
    F = QDockWidget.DockWidgetFeature
    d.setFeatures(F.DockWidgetMovable | F.DockWidgetFloatable | F.DockWidgetClosable)
    return d


def docks_by_name(window) -> dict:
    return {d.objectName(): d for d in window.docks()}


def arrange_in_groups(window) -> None:
    """Put every dock in its group: the groups stacked top to bottom in the right-hand area,
    the first dock of each group in front."""
    by_name = docks_by_name(window)
    area = Qt.DockWidgetArea.RightDockWidgetArea
    quiet = not window.isVisible()   # before the first show: no dock says it was hidden (panels stay live)
    if quiet:
        for d in by_name.values():
            d.blockSignals(True)
    try:
        _arrange(window, by_name, area)
    finally:
        if quiet:
            for d in by_name.values():
                d.blockSignals(False)


def _arrange(window, by_name, area) -> None:
    heads = []
    for _title, names in GROUPS:
        docks = [by_name[n] for n in names if n in by_name]
        for d in docks:
            d.setFloating(False)
            window.removeDockWidget(d)
        head = docks[0]
        if not heads:
            window.addDockWidget(area, head)
        else:
            window.addDockWidget(area, head, Qt.Orientation.Vertical)
        head.show()
        for d in docks[1:]:
            window.tabifyDockWidget(head, d)
            d.show()
        heads.append(head)
    for head in heads:
        head.raise_()
    height = max(400, window.height() - 120)
    window.resizeDocks(heads, [int(height * h) for h in HEIGHTS], Qt.Orientation.Vertical)


def group_of(name: str) -> int | None:
    return next((k for k, (_t, names) in enumerate(GROUPS) if name in names), None)


def fill_view_menu(menu, window, extra=()) -> None:
    """View: each group's docks under its title, in the group's order (the order of its tabs),
    any dock of no group after them, then Arrange docks in groups. Filled again when a dock is
    added later (the Blocs dock's controller comes after the menus, ``extra`` its docks before the
    window lists them): it joins its group, not the end."""
    menu.clear()
    by_name = docks_by_name(window) | {d.objectName(): d for d in extra}
    for title, names in GROUPS:
        docks = [by_name[n] for n in names if n in by_name]
        if docks:
            menu.addSection(title.capitalize())
            for d in docks:
                menu.addAction(d.toggleViewAction())
    rest = [d for n, d in by_name.items() if group_of(n) is None]
    if rest:
        menu.addSeparator()
        for d in rest:
            menu.addAction(d.toggleViewAction())
    menu.addSeparator()
    menu.addAction("Arrange docks in &groups", lambda: arrange_in_groups(window))


def save_layout(window) -> None:
    QSettings().setValue(STATE_KEY, window.saveState(STATE_VERSION))


def restore_layout(window) -> bool:
    """The arrangement saved at the last close, if any (and of this version of the docks)."""
    state = QSettings().value(STATE_KEY)
    if not isinstance(state, (QByteArray, bytes)) or not state:
        return False
    return bool(window.restoreState(QByteArray(state), STATE_VERSION))


def forget_layout() -> None:
    QSettings().remove(STATE_KEY)


def fit_split(window, total: int | None = None) -> None:
    """The table and the pools share the central area by the data set shown: the pools get
    the width that shows its longest seat name whole with its margin, as far as the table keeps
    its essential columns (it drops District, Baseline, Adj., SC and PC first); the constituency
    column takes any width beyond."""
    from PySide6.QtCore import QTimer
    total = total or window.main_split.width()
    table = window.table_panel
    table.fit_to_data()
    pools_w = max(300, min(window.pool_board.wanted_width(), total - table.needed_width()))
    window.main_split.setSizes([total - pools_w, pools_w])
    QTimer.singleShot(0, lambda: _settle_split(window))


def _settle_split(window) -> None:
    """Once the split is laid out (the first show settles the window's widths after fit_split
    asked for them): the columns fitted, and a name column still short of the data set's
    longest name takes the missing pixels from the pools (down to their 300 px)."""
    from .panels.seat_table import SeatTableModel
    table = window.table_panel
    table.fit_columns()
    short = table.name_min - table.table.columnWidth(SeatTableModel.C_NAME)
    t, pools_w = window.main_split.sizes()
    take = max(0, min(short, pools_w - 300))
    if take:
        window.main_split.setSizes([t + take, pools_w - take])
        table.fit_columns()


def first_show(window) -> None:
    """At the first show: the dock column's width, the groups' heights by the window's own
    (unless the strategist's arrangement was restored), and the central split."""
    dock_w = max(330, min(460, int(window.width() * 0.22)))
    if not window.layout_restored:
        window.resizeDocks([window.conflict_dock], [dock_w], Qt.Orientation.Horizontal)
        arrange_in_groups(window)
    fit_split(window, window.main_split.width() - (dock_w - window.conflict_dock.width()))
