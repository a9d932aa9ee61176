"""The pool board: one panel per pool (each partner, Contested, Unassigned) with a coloured
header and its seat list; drop seats on a pool to move them there. The board rebuilds its
panels for any number of partners; within a document a seat that changes pool is a row
removed from one list and inserted in another, never a reset."""
from __future__ import annotations

from bisect import bisect_left
from itertools import groupby
from typing import NamedTuple

import numpy as np
from PySide6.QtCore import QModelIndex, QPointF, QRect, QRectF, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QGridLayout, QLabel, QListView, QScrollArea, QStyle,
                               QStyledItemDelegate, QVBoxLayout, QWidget)

from ...core.delta import Delta
from ...core.palette import party_colour
from ..document import Document, DocumentView, shape_of
from ..mime import SEATS_MIME, seats_from_mime, seats_mime
from ..paint.quiet_label import QuietLabel
from ..paint.static_text import StaticTexts
from ..style import SEVERITY_COLOURS, esc, plain_rich, pool_colour, severity_icon, swatch_icon, tint
from .common import AC, AC_ROLE, DECORATION, DISPLAY, ITEM, ITEM_ROLE, TOOLTIP, conflict_tooltip, runs, select_seats_in, selected_seats_of, worst
from .drag import start_seat_drag


class PoolItem(NamedTuple):
    """What a pool's list shows of one seat, formatted once per evaluation."""
    text: str          # "12 Shahbad"
    icon: object       # QIcon: the worst conflict, else the projected winner's colour
    margin: str        # "+4.2" (the alliance wins) or "−3.1"
    won: bool
    index: int         # seat index in the data set
    conflicts: list | None

    def looks_the_same(self, other: "PoolItem") -> bool:
        return self[:4] == other[:4] and self.conflicts == other.conflicts


class PoolListModel(DocumentView, QStringListModel):
    """The seats of one pool; a drop here moves seats into this pool (one undo step).
    Each item's text, icon and projected margin are computed once per evaluation.

    Its row count lives in C++ (a QStringListModel of empty strings, one per row, kept in step
    with the seats): a list view lays out every row after an insert or a removal and asks the
    model for an index of each, and a row count answered in Python made that a Python call per
    row, per list, per drop (3,300 a drop at 2,000 seats). The strings are never shown: ``data``
    answers from the seats and items here. Only the model's own changes go through the C++
    list (``_insert``, ``_remove``); rows inserted, removed or edited from outside are refused."""
    follows = {"evaluated": "_refresh"}
    refreshed = Signal()    # an evaluation followed (its rows inserted, removed and changed)

    def __init__(self, doc: Document, pool_index: int, parent=None):
        super().__init__(parent)
        self.pool_index = pool_index
        self.pool_key = doc.pools.key(pool_index)
        self._seats: list[int] = []           # per row: the seat's ac_no
        self._idx: list[int] = []             # per row: the seat's index in the data set, ascending
        self._items: list[PoolItem | None] = []   # per row: what the list shows of it (None: not
        #                                       formatted yet, done when a view first asks: ``item``)
        self._members: set[int] = set()       # the seat indices in the list
        self._pending = None                  # the change to the seats that the C++ rows are making
        self.rowsInserted.connect(self._apply)   # first: before any view hears of the rows
        self.rowsRemoved.connect(self._apply)
        self._ev = None
        self._colours: dict[str, str] = {}
        self._seats_of = None      # the data set's seats the rows are of (None: none shown yet)
        self.set_document(doc)

    def document_shown(self, doc: Document) -> None:
        """Show this pool of another document with the same partners."""
        if self._seats_of is not None and self._seats_of is not doc.dataset.seats:
            self._seats, self._items, self._idx = [], [], []
            self._members, self._ev = set(), None
            QStringListModel.setStringList(self, [])        # one reset
        self._seats_of = doc.dataset.seats
        if self._ev is not doc.evaluation:    # shown again as it is (the window's views told in turn): nothing to do
            self._refresh(doc.evaluation)

    def _item(self, ev, i: int, conflicts) -> PoolItem:
        """What the list shows of seat index ``i`` under ``ev``."""
        pr, seats = ev.projection, self.doc.scenario.seats
        ac = int(seats.ac_no[i])
        cs = conflicts.get(ac)
        w = worst(cs)
        won = bool(pr.alliance_won[i])
        icon = severity_icon(w) if w else swatch_icon(self._colour(pr.parties[pr.winner[i]]))
        return PoolItem(f"{ac} {seats.names[i]}", icon, f"{'+' if won else '−'}{pr.margin_pts[i]:.1f}", won, i, cs)

    def _refresh(self, ev, delta: Delta | None = None) -> None:
        """Follow an evaluation. A move (the document's ``delta`` names the few seats that can have
        changed) costs those seats only: the ones that left are removed rows, the ones that came are
        inserted rows, the ones that stayed and look different are changed rows; the pool's other
        members are not looked at. Anything else (another document, other assumptions) re-formats
        every member formatted, still as row removals, inserts and changes, never a reset. A seat
        that comes is formatted when a view first shows it (``item``): an "assign all" formats the
        rows in view, not the 90 (or 4,100) that came."""
        which = delta.rows_since(self._ev) if delta is not None else None
        conflicts = ev.conflicts_by_seat()
        self._colours = {}              # the winners' colours, once per party for this refresh (a bulk
        #                                 edit formats 90 items; the palette's key costs more than a lookup)
        self._ev = ev                   # before the rows change: a view asking for a row meanwhile gets this one's
        if which is None:
            self._refresh_all(ev, conflicts)
        elif not self._refresh_rows(ev, conflicts, sorted(which)):
            return                      # none of the move's seats is or was here: no row to lay out
        self.refreshed.emit()

    def item(self, row: int) -> PoolItem:
        """What the list shows of row ``row``, formatted now if no view has asked for it since it
        came (or since the evaluation that changed it)."""
        it = self._items[row]
        if it is None:
            ev = self._ev
            it = self._items[row] = self._item(ev, self._idx[row], ev.conflicts_by_seat())
        return it

    def _colour(self, party: str) -> str:
        c = self._colours.get(party)
        if c is None:
            c = self._colours[party] = party_colour(self.doc.dataset, self.doc.pools.partners, party)
        return c

    def _refresh_all(self, ev, conflicts) -> None:
        idx = np.flatnonzero(ev.projection.pools == self.pool_index).tolist()
        self._move_rows(idx, [None] * len(idx))       # the seats that came: formatted when shown
        # the rows that stayed and were formatted: formatted again, signalled where they look different
        changed = []
        for r, old in enumerate(self._items):
            if old is not None:
                item = self._items[r] = self._item(ev, self._idx[r], conflicts)
                if not old.looks_the_same(item):
                    changed.append(r)
        for lo, hi in runs(changed):
            self.dataChanged.emit(self.index(lo), self.index(hi))

    def _refresh_rows(self, ev, conflicts, which: list[int]) -> bool:
        """The rows of the seats in ``which`` (ascending) followed; False when none of them is or was in
        the pool. Which of them are here now, were here and where they are in the list are found for
        all of them at once (numpy): an all-India assign-all names every seat to each of 23 pools,
        and a test a seat was a numpy scalar compared in Python, 94,000 a move."""
        k = self.pool_index
        w = np.asarray(which, dtype=np.int64)
        now = ev.projection.pools[w] == k
        idx = np.asarray(self._idx, dtype=np.int64)       # the members' seat indices, ascending
        pos = np.searchsorted(idx, w)
        was = np.zeros(len(w), dtype=bool)
        inside = pos < len(idx)
        was[inside] = idx[pos[inside]] == w[inside]
        if not now.any() and not was.any():
            return False
        for lo, hi in reversed(runs(pos[was & ~now].tolist())):     # the rows of the seats that left
            self._remove(lo, hi)
        # the seats that came, grouped by where they go in the list as it is now (both in seat order);
        # each group inserted shifts the later ones by its size
        coming = w[now & ~was]
        if len(coming):
            at = np.searchsorted(np.asarray(self._idx, dtype=np.int64), coming).tolist()
            shift = 0
            for p, group in groupby(zip(at, coming.tolist()), key=lambda t: t[0]):
                group = [i for _, i in group]
                self._insert(p + shift, group, [None] * len(group))     # formatted when a view shows them
                shift += len(group)
        changed = []
        for i in w[now & was].tolist():      # the seats that stayed
            r = bisect_left(self._idx, i)
            old = self._items[r]
            if old is None:           # never shown since it came: formatted when it is
                continue
            item = self._items[r] = self._item(ev, i, conflicts)
            if not old.looks_the_same(item):
                changed.append(r)
        for lo, hi in runs(changed):
            self.dataChanged.emit(self.index(lo), self.index(hi))
        return True

    def _remove(self, lo: int, hi: int) -> None:
        """Rows lo..hi removed through the C++ list: the seats here follow when it says the rows
        are gone (``_apply``), so a view sees the old rows before and the new ones after."""
        self._pending = lambda: (self._members.difference_update(self._idx[lo:hi + 1]),
                                 self._idx.__delitem__(slice(lo, hi + 1)), self._seats.__delitem__(slice(lo, hi + 1)),
                                 self._items.__delitem__(slice(lo, hi + 1)))
        QStringListModel.removeRows(self, lo, hi - lo + 1)

    def _insert(self, row: int, idx: list[int], items: list[PoolItem | None]) -> None:
        seats = self.doc.scenario.seats.ac_no[idx].tolist()

        def apply():
            self._idx[row:row], self._seats[row:row], self._items[row:row] = idx, seats, items
            self._members.update(idx)
        self._pending = apply
        QStringListModel.insertRows(self, row, len(idx))

    def _apply(self, *_) -> None:
        """The first listener of the C++ list's rowsInserted and rowsRemoved: the seats follow."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending()

    # rows change only with the document: a view's own edits (a list's removal after a move drag,
    # an editor) are refused
    def insertRows(self, row, count, parent=QModelIndex()):
        return False

    def removeRows(self, row, count, parent=QModelIndex()):
        return False

    def moveRows(self, *args):
        return False

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        return False

    def setItemData(self, index, roles):
        return False

    def clearItemData(self, index):
        return False

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        pass

    def _move_rows(self, idx: list[int], items: list[PoolItem | None]) -> None:
        """Remove the seats that left and insert the ones that came, in runs (both lists are
        in seat order, so what stays keeps its order)."""
        new = set(idx)
        for lo, hi in reversed(runs([r for r, i in enumerate(self._idx) if i not in new])):
            self._remove(lo, hi)
        old = set(self._idx)
        for lo, hi in runs([r for r, i in enumerate(idx) if i not in old]):
            self._insert(lo, idx[lo:hi + 1], items[lo:hi + 1])

    def rows_of(self, seats) -> list[int]:
        """The rows of these seats (ac_no) that are in this pool, ascending; costs the seats asked."""
        table, out = self.doc.dataset.seats, []
        for a in seats:
            if table.has(a):
                i = table.index_of(a)
                if i in self._members:
                    out.append(bisect_left(self._idx, i))
        return sorted(out)

    def seats(self) -> list[int]:
        return list(self._seats)

    _ITEM = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
             | Qt.ItemFlag.ItemIsDropEnabled)
    _ROOT = Qt.ItemFlag.ItemIsDropEnabled

    def flags(self, index):
        return self._ITEM if index.isValid() else self._ROOT

    def itemData(self, index):
        return {}

    def data(self, index, role=DISPLAY):
        if not index.isValid() or index.row() >= len(self._items):
            return None
        if role == AC:
            return self._seats[index.row()]
        item = self.item(index.row())
        if role == ITEM:
            return item
        if role == DISPLAY:
            return item.text
        if role == DECORATION:
            return item.icon
        if role == TOOLTIP:
            i, cs = item.index, item.conflicts
            pr = self._ev.projection
            seats = self.doc.dataset.seats
            tip = (f"{seats.names[i]} ({self._seats[index.row()]}) · projected {pr.parties[pr.winner[i]]} by "
                   f"{pr.margin_votes[i]:,.0f} votes ({pr.margin_pts[i]:.1f} pts)")
            fight = self.doc.scenario.fights.get(self._seats[index.row()])
            if fight:
                tip += f"\nFriendly fight: only {' and '.join(fight)} field candidates here"
            return plain_rich(tip + ("\n" + conflict_tooltip(cs) if cs else ""))
        return None

    def mimeTypes(self):
        return [SEATS_MIME]

    def mimeData(self, indexes):
        return seats_mime(self._seats[i.row()] for i in indexes if i.isValid())

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self):
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def canDropMimeData(self, data, action, row, column, parent):
        return bool(seats_from_mime(data))

    def dropMimeData(self, data, action, row, column, parent):
        if action == Qt.DropAction.IgnoreAction:
            return True
        seats = [a for a in seats_from_mime(data) if self.doc.dataset.seats.has(a)]
        if not seats:
            return False
        self.doc.move(seats, self.pool_key)
        return True  # the dragging view's removeRows is the base no-op: the command did the move


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def paint_pool_item(painter, item: PoolItem, rect, selected: bool, fm, highlight, highlighted_text, text_colour,
                    won_colour, lost_colour, texts: StaticTexts | None = None) -> None:
    """One seat of a pool list: conflict icon or winner swatch, '12 Shahbad' (a long name
    loses its middle, the number stays), the projected margin right-aligned in green or red.
    ``texts`` (the view's own paint) keeps the texts laid out as QStaticTexts; without it (the
    delegate) they are drawn as Qt draws them."""
    text, right = item.text, item.margin
    # the rectangle's numbers read once (each accessor of a QRect is a call into Qt): ``r`` below
    # is rect.adjusted(3, 0, -4, 0), from rl to rl + rw - 1, top to top + height - 1
    top, height = rect.y(), rect.height()
    rl, rw = rect.x() + 3, rect.width() - 7
    if selected:
        painter.fillRect(rect, highlight)
        fg = highlighted_text
    else:
        fg = text_colour
    item.icon.paint(painter, rl, top + (height - 14) // 2, 14, 14)
    advance = fm.horizontalAdvance if texts is None else (lambda t: texts.advance(t, fm))   # measured once a text
    name_w = advance(text)
    right_w = advance(right)
    if name_w > rw - 19 - right_w - 6 and name_w <= rw - 19:
        right = ""       # the margin gives way to a whole name (it is in the tooltip and the table)
    if not right:
        painter.setPen(fg)
        text_rect = QRect(rl + 19, top, rw - 19, height)
        for part, part_rect in _name_parts(text, text_rect, fm):
            painter.drawText(part_rect, _LEFT, part)
        return
    if texts is None:
        r = QRect(rl, top, rw, height)
        margin_w = fm.horizontalAdvance(right) + 6
        painter.setPen(fg if selected else (won_colour if item.won else lost_colour))
        painter.drawText(r, _RIGHT, right)
        painter.setPen(fg)
        text_rect = r.adjusted(19, 0, -margin_w, 0)
        for part, part_rect in _name_parts(text, text_rect, fm):
            painter.drawText(part_rect, _LEFT, part)
        return
    st, w, h = texts.laid_out(right, right, painter.font())
    painter.setPen(fg if selected else (won_colour if item.won else lost_colour))
    if w <= rw and h <= height:
        painter.drawStaticText(QPointF(rl + rw - w, top + (height - h) / 2), st)
    else:
        painter.drawText(QRect(rl, top, rw, height), _RIGHT, right)       # clipped to its rectangle, as drawText does
    painter.setPen(fg)
    tl, tw = rl + 19, rw - 19 - (right_w + 6)     # the name's rectangle: r.adjusted(19, 0, -(margin + 6), 0)
    key = (text, tw)
    parts = texts.get(key)
    if parts is None:      # each part: its text, its left and width within the name's rectangle, laid out
        parts = texts.put(key, [(part, part_rect.x() - tl, part_rect.width(), texts.laid_out(part, part, painter.font()))
                                for part, part_rect in _name_parts(text, QRect(tl, top, tw, height), fm)])
    for part, dx, pw, (st, w, h) in parts:
        if w <= pw and h <= height:
            painter.drawStaticText(QPointF(tl + dx, top + (height - h) / 2), st)
        else:
            painter.drawText(QRect(tl + dx, top, pw, height), _LEFT, part)


def _name_parts(text: str, text_rect, fm) -> list:
    """The seat's "number name" as drawn in ``text_rect``: whole, or the number and the name
    with its middle elided."""
    if fm.horizontalAdvance(text) > text_rect.width() and " " in text:
        # the number always shows; a name of several words loses its middle ("Amb…Cantt."),
        # so seats that share a first word ("Ambala Cantt.", "Ambala City") stay apart
        num, name = text.split(" ", 1)
        num += " "
        nw = fm.horizontalAdvance(num)
        rest = text_rect.adjusted(nw, 0, 0, 0)
        name = fm.elidedText(name, Qt.TextElideMode.ElideMiddle if " " in name else Qt.TextElideMode.ElideRight,
                             rest.width())
        return [(num, text_rect), (name, rest)]
    return [(text, text_rect)]


class PoolItemDelegate(QStyledItemDelegate):
    """Pool item: conflict icon or winner swatch, '12 Shahbad', and the projected margin
    right-aligned (green when the alliance wins, red when it loses)."""

    _SELECTED = QStyle.StateFlag.State_Selected

    def __init__(self, parent=None):
        super().__init__(parent)
        self._won, self._lost = QColor("#1B7F3B"), QColor("#B3261E")

    def paint(self, painter, option, index):
        selected = bool(option.state & self._SELECTED)
        pal = option.palette
        paint_pool_item(painter, index.data(ITEM), option.rect, selected, option.fontMetrics,
                        pal.highlight(), pal.highlightedText().color(), pal.text().color(), self._won, self._lost)

    def sizeHint(self, option, index):
        s = super().sizeHint(option, index)
        return QSize(60, max(20, s.height()))  # width follows the view; the name is elided


class PoolView(QListView):
    """A pool's seat list: drag from it, drop onto it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setAlternatingRowColors(False)
        self.own_paint = True      # the items painted by _paint_items (False: Qt's paint and the delegate)
        self._texts = StaticTexts()     # by text (and a name's parts by text and width)

    def startDrag(self, supported):
        start_seat_drag(self, supported)  # a drop is a command: the list removes no rows itself

    def lay_out_now(self) -> None:
        """The rows laid out now, after a model change, not by QListView's zero timer: that
        timer fires after the window has painted the change, and its layout repaints the whole
        list a second time (a drop's second frame). Nothing when no layout is pending."""
        self.executeDelayedItemsLayout()

    def _paint_items(self, e, m: "PoolListModel") -> None:
        """The rows in the dirty region, painted here in one call: Qt's list paint calls into
        Python four times per item (the delegate, flags, rowCount twice), and a drop repaints
        two or three whole lists. The same pixels as the delegate's (paint_pool_item)."""
        n = m.rowCount()
        if n == 0:
            return
        vp = self.viewport()
        p = QPainter(vp)
        self._texts.use_font(p.font())
        fm = p.fontMetrics()
        pal = vp.palette()
        d = self.itemDelegate()
        colours = (pal.highlight(), pal.highlightedText().color(), pal.text().color(), d._won, d._lost)
        sm = self.selectionModel()
        item = m.item
        first_rect = self.visualRect(m.index(0))
        h = first_rect.height()
        if h <= 0:
            p.end()
            return
        y0, x = first_rect.top(), first_rect.left()
        w = min(first_rect.width(), vp.width())     # as Qt's list paint: an item no wider than the list
        done = set()
        # the selected rows read only when there is a selection (a drop's repaint mostly has none)
        selected = (lambda row: sm.isSelected(m.index(row))) if sm is not None and sm.hasSelection() \
            else (lambda row: False)
        for dirty in e.region():
            lo = max(0, (dirty.top() - y0) // h)
            hi = min(n - 1, (dirty.bottom() - y0) // h)
            for row in range(lo, hi + 1):
                if row in done:
                    continue
                done.add(row)
                rect = QRect(x, y0 + row * h, w, h)
                paint_pool_item(p, item(row), rect, selected(row), fm, *colours, texts=self._texts)
        p.end()

    def paintEvent(self, e):
        m = self.model()
        if self.own_paint and isinstance(m, PoolListModel) and isinstance(self.itemDelegate(), PoolItemDelegate) \
                and self.state() != QAbstractItemView.State.DraggingState and not self.isRightToLeft():
            self._paint_items(e, m)      # while a drag is over the list, Qt's paint draws the drop indicator
        else:
            super().paintEvent(e)
        if self.model() is not None and self.model().rowCount() == 0:
            p = QPainter(self.viewport())
            p.setPen(QColor("#999"))
            p.drawText(self.viewport().rect().adjusted(8, 8, -8, -8), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       "Drop seats here\nor select seats and press the pool's shortcut")
            p.end()


class PoolPanel(DocumentView, QFrame):
    """One pool: a coloured header with count and the partner's bound, and its seat list."""
    follows = {"evaluated": "_update_header"}

    def __init__(self, doc: Document, hub, pool_index: int, parent=None):
        super().__init__(parent)
        self.hub, self.pool_index = hub, pool_index
        pools = doc.pools
        self.colour = pool_colour(pools, pool_index)
        self.setObjectName(f"pool_{pools.key(pool_index)}")
        self.setFrameShape(QFrame.Shape.NoFrame)   # the rounded frame is painted (paintEvent)
        self.setAcceptDrops(True)
        self._header_key = None      # what the header's text was made of (_update_header)
        self.header = QuietLabel(rich=True, wrap=True)   # the count changes on every move: repaint, no re-layout
        self.header.setMinimumHeight(26)
        self.header.setContentsMargins(9, 3, 6, 3)
        self.model = PoolListModel(doc, pool_index, self)
        self.view = PoolView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(PoolItemDelegate(self.view))
        self.view.setObjectName(f"poolview_{pools.key(pool_index)}")
        self.model.refreshed.connect(self.view.lay_out_now)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(0)
        lay.addWidget(self.header)
        lay.addWidget(self.view)
        self._drag_over = False
        self._syncing = False
        self._apply_style()
        self.model.rowsInserted.connect(self._reselect)
        self.model.modelReset.connect(self._reselect)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        hub.changed.connect(self._hub_changed)
        self.set_document(doc)

    def document_shown(self, doc: Document) -> None:
        self.model.set_document(doc)
        self.header.setToolTip(plain_rich(self._header_tip()))
        self._update_header(doc.evaluation)
        self._reselect()

    def _header_tip(self) -> str:
        pools = self.doc.pools
        if self.pool_index < pools.n_partners:
            p = pools.partners[self.pool_index]
            return f"Seats where {p.name} alone fields the alliance candidate. Drop seats here."
        if self.pool_index == pools.contested:
            return "The partners claim these seats and each fields a candidate (a disputed seat or a friendly fight)."
        return "Seats not decided yet (projected as if every partner stood)."

    def _apply_style(self):
        """Frame and header painted without style sheets (a style sheet change re-polishes the
        whole panel, and a drag crossing pools would pay it at every entry)."""
        c = self.colour
        self.header.set_band(tint(c, 50), c)
        self.update()

    def paintEvent(self, e):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor("#E8A317") if self._drag_over else self.colour, 2))
        p.setBrush(QColor("white"))
        p.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)
        p.end()

    def _update_header(self, ev, delta: Delta | None = None) -> None:
        pools = self.doc.pools
        n = int(ev.breakdown.counts[self.pool_index])
        sc = self.doc.scenario
        # what the header says depends on these only: a move that leaves them as they were (most
        # moves, for most of 21 partners' pools) writes no text again
        figures = ev.partners[self.pool_index] if self.pool_index < pools.n_partners else None
        key = (pools, n, sc.rules, figures.sc_alone if figures is not None else None,
               tuple(sorted(sc.fights.items())) if self.pool_index == pools.contested else None)
        if key == self._header_key:
            return
        self._header_key = key
        extra = ""
        if self.pool_index < pools.n_partners:
            b = self.doc.scenario.rules.bounds_for(figures.code)
            if b is not None:
                pos = b.positions()
                colour = SEVERITY_COLOURS["warning"] if b.breached(n) else "#555"
                extra = f" <span style='color:{colour}'>· {esc(pos)}</span>" if pos else ""
            extra += f" <span style='color:#666'>· {figures.sc_alone} SC</span>" if figures.sc_alone else ""
        elif self.pool_index == pools.contested and self.doc.scenario.fights:
            fights = self.doc.scenario.fights
            pairs: dict[tuple, list[int]] = {}
            for ac, codes in sorted(fights.items()):
                pairs.setdefault(codes, []).append(ac)
            extra = " <span style='color:#555; font-size:8pt'>· " + esc("; ".join(
                f"{', '.join(map(str, acs))}: {' v '.join(c)}" for c, acs in pairs.items())) + "</span>"
        self.header.setText(f"<b>{esc(pools.label(self.pool_index))}</b>&nbsp;&nbsp;"
                            f"<b style='font-size:13pt'>{n}</b>{extra}")

    # -- drops on the header or the frame go to the pool too ------------------------------
    def dragEnterEvent(self, e):
        if seats_from_mime(e.mimeData()):
            self._drag_over = True
            self._apply_style()
            e.acceptProposedAction()

    def dragLeaveEvent(self, e):
        self._drag_over = False
        self._apply_style()

    def dropEvent(self, e):
        self._drag_over = False
        self._apply_style()
        if self.model.dropMimeData(e.mimeData(), e.dropAction(), -1, -1, self.view.rootIndex()):
            e.acceptProposedAction()

    # -- shared selection ----------------------------------------------------------------
    def _selection_changed(self, *_):
        if self._syncing:
            return
        seats = selected_seats_of(self.view)
        if seats or self.view.hasFocus():
            self.hub.set(seats, self)

    def _hub_changed(self, seats, source):
        if source is not self:
            self._apply_selection(seats)

    def _reselect(self, *_):
        if self.hub.seats or self.view.selectionModel().hasSelection():
            self._apply_selection(self.hub.seats)

    def _apply_selection(self, seats):
        self._syncing = True
        try:
            select_seats_in(self.view, seats, rows=self.model.rows_of(seats))
        finally:
            self._syncing = False


def item_width(dataset, fm) -> int:
    """The width a pool item needs to show the data set's longest "number name" whole with the
    widest margin ("−99.9") beside it (see paint_pool_item)."""
    seats = dataset.seats
    longest = max((fm.horizontalAdvance(f"{a} {n}") for a, n in zip(seats.ac_no.tolist(), seats.names)), default=0)
    return longest + 19 + 7 + fm.horizontalAdvance("−99.9") + 6


class PoolBoard(DocumentView, QWidget):
    """The pool panels in a grid that scrolls, two to a row; rebuilt when the partner list
    changes. Past four partners each panel keeps a usable height and the grid scrolls."""
    follows: dict[str, str] = {}       # its panels follow the document
    contextMenuRequested = Signal(object, object)  # (view, pos)

    def __init__(self, doc: Document, hub, parent=None):
        super().__init__(parent)
        self.setObjectName("pools")
        self.hub = hub
        self.panels: list[PoolPanel] = []
        self._shape = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("pools_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        self.scroll.setWidget(inner)
        outer.addWidget(self.scroll)
        self.grid = QGridLayout(inner)
        self.grid.setContentsMargins(4, 4, 4, 4)
        self.grid.setSpacing(6)
        self.set_document(doc)

    def wanted_width(self) -> int:
        """The board's width at which every pool item shows its name whole with its margin
        (two pools to a row; each list's frame and scroll bar)."""
        p = self.panels[0]
        chrome = max(24, p.width() - p.view.viewport().width()) if p.width() > 0 else 24
        item = item_width(p.doc.dataset, p.view.fontMetrics()) + chrome
        m = self.grid.contentsMargins()
        return 2 * item + self.grid.spacing() + m.left() + m.right() + self.scroll.verticalScrollBar().sizeHint().width()

    def document_shown(self, doc: Document) -> None:
        shape = shape_of(doc)
        if shape == self._shape:
            for p in self.panels:
                p.set_document(doc)
            return
        self._shape = shape
        for p in self.panels:
            self.grid.removeWidget(p)
            p._binding.release()
            p.model._binding.release()
            p.hub.changed.disconnect(p._hub_changed)
            p.deleteLater()
        self.panels = []
        for k in range(len(doc.pools)):
            panel = PoolPanel(doc, self.hub, k, self.scroll.widget())
            if doc.pools.n_partners > 4:
                panel.setMinimumHeight(150)
            panel.view.customContextMenuRequested.connect(
                lambda pos, v=panel.view: self.contextMenuRequested.emit(v, pos))
            self.panels.append(panel)
            self.grid.addWidget(panel, k // 2, k % 2)
