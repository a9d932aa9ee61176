"""The Blocs dock: the rival blocs, compact beside ours. One rival at a time (a combo picks it):
its split as small seat lists, one per partner, "Fight" (two or more of its partners stand) and
"None" (it fields nobody); drag seats between them, or select seats anywhere and press Alt+1 …
Alt+9 (the rival's partners), Alt+0 (none); a friendly fight between some of its partners by a
Ctrl-drag onto a partner's list, Alt+Shift+1 … Alt+Shift+9 or the seats' menu (the partner
stands too, or stands down); presets for its split (where each stood, the strongest
partner, as it stood in an election of the data set); its transfer; every bloc's projected seats.
Every edit is one undo step on the scenario's stack."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QDrag, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMenu, QMessageBox,
                               QSizePolicy, QSpinBox, QStackedWidget, QToolButton, QVBoxLayout, QWidget)

from ...core import bloc_commands as bc
from ...core.blocs import BASELINE, STRONGEST, RivalBloc
from ..document import Document, DocumentView
from ..style import swatch_icon
from ..view_fit import enclosing_scroll_area
from .flow import FlowLayout

MIME = "application/x-seat-share-rival-seats"
FIGHT, NONE = "__fight__", "__none__"


class SeatBucket(QListWidget):
    """One partner's seats in a rival's split (or Fight, or None). Seats dragged onto it go to it;
    dragged with Ctrl (a copy), its partner stands there too, beside the partner(s) standing (a
    friendly fight between some of the bloc's partners)."""
    dropped = Signal(str, list, bool)    # (bucket key, ac_nos, beside those standing)
    picked = Signal(list)                # ac_nos selected here

    def __init__(self, key: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setIconSize(QSize(10, 10))     # the projected winner's colour, as small as the pools' chips
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # the seats in as many columns as the dock's width holds (each name whole), rows scrolling
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.itemSelectionChanged.connect(lambda: self.picked.emit(self.selected()))

    def selected(self) -> list[int]:
        return [int(i.data(Qt.ItemDataRole.UserRole)) for i in self.selectedItems()]

    def fit_grid(self) -> None:
        """Columns as wide as the longest seat here (its name whole), as many as fit."""
        fm = self.fontMetrics()
        longest = max((fm.horizontalAdvance(self.item(i).text()) for i in range(self.count())), default=40)
        self.setGridSize(QSize(longest + self.iconSize().width() + 14, fm.height() + 4))

    # the model side of a drag: what is carried, and what a drop does (tests drive these directly)
    def mimeTypes(self):
        return [MIME]

    def mimeData(self, items):
        md = QMimeData()
        md.setData(MIME, ",".join(str(int(i.data(Qt.ItemDataRole.UserRole))) for i in items).encode("ascii"))
        return md

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def dropMimeData(self, index, data, action) -> bool:
        if data is None or not data.hasFormat(MIME):
            return False
        seats = [int(x) for x in bytes(data.data(MIME)).decode("ascii", "replace").split(",") if x.strip().isdigit()]
        if not seats:
            return False
        self.dropped.emit(self.key, seats, action == Qt.DropAction.CopyAction)
        return True

    def startDrag(self, actions):
        items = self.selectedItems()
        if not items:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData(items))
        # no removal from this list after the drop: the split's refill shows where the seats went
        drag.exec(Qt.DropAction.MoveAction | Qt.DropAction.CopyAction, Qt.DropAction.MoveAction)

    def dragEnterEvent(self, e):
        e.acceptProposedAction() if e.mimeData().hasFormat(MIME) else e.ignore()

    def dragMoveEvent(self, e):
        e.acceptProposedAction() if e.mimeData().hasFormat(MIME) else e.ignore()

    def dropEvent(self, e):
        action = e.dropAction()
        if self.dropMimeData(self.count(), e.mimeData(), action):
            e.setDropAction(action)
            e.accept()
        else:
            e.ignore()


class BucketButton(QToolButton):
    """A partner's (or Fight's, or None's) button above the seat list: its count; a click shows its
    seats; seats dropped on it go to it (dropped with Ctrl: its partner stands too)."""

    def __init__(self, bucket: SeatBucket, parent=None):
        super().__init__(parent)
        self.bucket = bucket
        self.setCheckable(True)
        self.setAutoExclusive(True)
        self.setAcceptDrops(True)

    def sizeHint(self):
        """The text and a small margin: six buttons in one row of a 370-px dock."""
        return QSize(self.fontMetrics().horizontalAdvance(self.text()) + 10, super().sizeHint().height())

    def minimumSizeHint(self):
        return self.sizeHint()

    def dragEnterEvent(self, e):
        if e.mimeData().hasFormat(MIME):
            e.acceptProposedAction()
            self.setDown(True)
        else:
            e.ignore()

    def dragMoveEvent(self, e):
        e.acceptProposedAction() if e.mimeData().hasFormat(MIME) else e.ignore()

    def dragLeaveEvent(self, e):
        self.setDown(False)

    def dropEvent(self, e):
        self.setDown(False)
        action = e.dropAction()
        if self.bucket.dropMimeData(self.bucket.count(), e.mimeData(), action):
            e.setDropAction(action)
            e.accept()
        else:
            e.ignore()


class SeatStack(QStackedWidget):
    """The seat lists, one shown: as tall as the dock leaves (its preferred height is its minimum,
    so that a dock in the scroll area never scrolls for it)."""

    def sizeHint(self):
        return QSize(super().sizeHint().width(), self.minimumHeight())

    def minimumSizeHint(self):
        return QSize(super().minimumSizeHint().width(), self.minimumHeight())

    def hasHeightForWidth(self):
        return False

    def heightForWidth(self, _w):
        return self.minimumHeight()


class RivalDialog(QDialog):
    """A new rival bloc (or one edited): its name, its partners (codes or ECI names), its split."""

    def __init__(self, parent=None, bloc: RivalBloc | None = None):
        super().__init__(parent)
        self.setWindowTitle("Rival bloc" if bloc is None else f"Edit {bloc.name}")
        self.name = QLineEdit(bloc.name if bloc else "")
        self.name.setPlaceholderText("e.g. NDA")
        self.partners = QLineEdit(", ".join(bloc.partners) if bloc else "")
        self.partners.setPlaceholderText("codes or ECI names, comma-separated, e.g. BJP, AJSU")
        self.split = QComboBox()
        self.split.addItem("Each partner where it stood in the baseline", BASELINE)
        self.split.addItem("The bloc's strongest partner in each seat", STRONGEST)
        if bloc is not None:
            self.split.setCurrentIndex(0 if bloc.split == BASELINE else 1)
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Partners", self.partners)
        form.addRow("Split", self.split)
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        bb.accepted.connect(self.accept)
        bb.rejected.connect(self.reject)
        form.addRow(bb)


class ContenderDialog(QDialog):
    """A new contender: a party absent from the baseline with a statewide share (every seat alike,
    where another party is strong, or in chosen seats), or an independent in a named seat."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("New contender")
        self.kind = QComboBox()
        self.kind.addItem("A party new to the baseline", "party")
        self.kind.addItem("An independent or rebel in one seat", "ind")
        self.code = QLineEdit()
        self.code.setPlaceholderText("party code or ECI name, e.g. JLKM; for an independent, a name")
        self.share = QSpinBox()
        self.share.setRange(1, 95)
        self.share.setValue(5)
        self.share.setSuffix(" %")
        self.place = QComboBox()
        self.place.addItem("the same share in every seat", "uniform")
        self.place.addItem("where this party is strong:", "like")
        self.place.addItem("only in these seats:", "seats")
        self.arg = QLineEdit()
        self.arg.setPlaceholderText("a party (e.g. AJSU) or seat numbers (e.g. 12, 14)")
        form = QFormLayout(self)
        form.addRow("Who", self.kind)
        form.addRow("Party / name", self.code)
        form.addRow("Share (statewide; of the seat for an independent)", self.share)
        form.addRow("Placed", self.place)
        form.addRow("", self.arg)
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        bb.accepted.connect(self.accept)
        bb.rejected.connect(self.reject)
        form.addRow(bb)

    def contender(self, resolve):
        """The contender the fields say (ValueError naming what is wrong)."""
        from ...core.contenders import SEATS, UNIFORM, Contender
        share = float(self.share.value())
        seats = tuple(int(t) for t in self.arg.text().replace(" ", "").split(",") if t.isdigit())
        if self.kind.currentData() == "ind":
            if len(seats) != 1:
                raise ValueError("an independent stands in one seat: give its number")
            return Contender("IND", share, SEATS, seats, self.code.text().strip())
        text = self.code.text().strip()
        code = (resolve(text) if text else None) or text.upper()
        how = self.place.currentData()
        if how == "uniform":
            return Contender(code, share, UNIFORM)
        if how == "seats":
            return Contender(code, share, SEATS, seats)
        like = self.arg.text().strip()
        return Contender(code, share, "like:" + ((resolve(like) if like else None) or like.upper()))


class BlocsPanel(DocumentView, QWidget):
    """Compact, for the deal's dock group at 1366×768: the rival and its split's preset, every
    bloc's seats, one button per partner (and Fight, None) with its count, and the seats of the
    button chosen in one list the width of the dock, in as many columns as fit (every name
    whole); the new contenders in a line when there are any (+ and − add and remove them)."""
    follows = {"evaluated": "_evaluated"}

    def __init__(self, doc: Document, hub, parent=None):
        super().__init__(parent)
        self.hub = hub
        self._shape = None
        self._filled = None         # (the rival's split, its standing, each seat's projected winner) filled
        self._items: dict = {}      # seat index -> its item in the lists
        self.items_made = self.items_recoloured = 0     # counts (tests): items built, items recoloured
        self.active = True          # the dock in front (visibilityChanged): hidden, it is filled when shown
        self._stale = False         # an evaluation not shown yet (the dock hidden)
        self.fills = 0              # counts (tests): the totals and lists brought up to date
        self._preset_cache: dict = {}
        self.buckets: dict[str, SeatBucket] = {}
        self.buttons: dict[str, BucketButton] = {}
        self.rival = QComboBox()
        self.rival.setObjectName("rival_choice")
        self.rival.setToolTip("The rival bloc shown")
        self.rival.currentIndexChanged.connect(lambda _i: self._fill())
        add, remove, edit = QToolButton(), QToolButton(), QToolButton()
        add.setText("+")
        add.setToolTip("Add a rival bloc, or a new contender (a party absent from the baseline, an independent)")
        add.setObjectName("blocs_add")
        add.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        add_menu = QMenu(add)
        add_menu.addAction("Rival bloc…", self.add_rival)
        add_menu.addAction("New contender…", lambda: self.add_contender())
        add.setMenu(add_menu)
        remove.setText("−")
        remove.setToolTip("Remove this rival bloc (its parties stand alone), or a new contender")
        remove.setObjectName("blocs_remove")
        remove.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.remove_menu = QMenu(remove)
        self.remove_menu.aboutToShow.connect(self._fill_remove_menu)
        remove.setMenu(self.remove_menu)
        edit.setText("Edit…")
        edit.setToolTip("The rival's name, partners and default split")
        edit.clicked.connect(self.edit_rival)
        for btn in (add, remove):     # no menu arrow: the buttons stay as narrow as their sign
            btn.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.preset = QComboBox()
        self.preset.setObjectName("rival_preset")
        self.preset.setToolTip("The rival's split: a preset for every seat")
        self.preset.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset.setMinimumContentsLength(12)
        self.preset.activated.connect(self._preset_chosen)
        self.transfer = QSpinBox()
        self.transfer.setRange(0, 100)
        self.transfer.setSuffix(" % transfer")
        self.transfer.setToolTip("Share of a partner's voters that go to the bloc's candidate where it does not stand")
        self.transfer.editingFinished.connect(self._transfer_changed)
        self.totals = QLabel()
        self.totals.setObjectName("bloc_totals")
        self.totals.setWordWrap(True)
        top = QHBoxLayout()
        top.setSpacing(3)
        top.addWidget(QLabel("Rival"))
        top.addWidget(self.rival, 1)
        for b in (add, remove, edit):
            top.addWidget(b)
        row2 = QHBoxLayout()
        row2.setSpacing(3)
        row2.addWidget(self.preset, 1)
        row2.addWidget(self.transfer)
        self.bar = QWidget()               # the partners' buttons, wrapping to a second row when narrow
        self.bar.setObjectName("rival_buckets")
        self.flow = FlowLayout(self.bar, spacing=2)
        self.stack = SeatStack()           # the seats of the button chosen
        self.stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.stack.setMinimumHeight(36)      # two rows of seats until a list is shown (then SEAT_ROWS: _snap_seats)
        self.empty = QLabel("No rival bloc: every other party stands alone. Add one with +, or Scenario ▸ Start "
                            "from preset ▸ As the blocs stood in …")
        self.empty.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 3, 4, 3)
        lay.setSpacing(3)
        lay.addLayout(top)
        lay.addLayout(row2)
        lay.addWidget(self.totals)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.empty, 1)       # with no rival, the room the seats would take (no gap above it)
        lay.addWidget(self.bar)
        lay.addWidget(self.stack, 1)
        # new contenders (parties absent from the baseline, independents in named seats): a line when any
        self.contenders = QLabel()
        self.contenders.setObjectName("contenders")
        self.contenders.setWordWrap(True)
        self.contenders.setToolTip("New contenders: each takes its vote from the seat's other candidates "
                                   "(+ adds one, − removes one)")
        self.contenders.hide()
        lay.addWidget(self.contenders)
        lay.addStretch(0)     # the room below the seat list's whole rows (see _snap_seats)
        self.stack.installEventFilter(self)
        self.set_document(doc)

    SEAT_ROWS = 3     # the seat list's least: six seats at two a row (two rows showed four of NDA's BJP's 68)

    def _snap_seats(self) -> None:
        """The seat list as tall as the whole rows that fit in the room the dock leaves it, at
        least SEAT_ROWS (the dock asks its group for the room they need), so that no row is cut
        by its bottom edge; the pixels below go to the stretch."""
        lst = self.stack.currentWidget()
        if lst is None or not self.stack.isVisible():
            return
        grid = lst.gridSize().height()
        if grid <= 0:
            return
        lay = self.layout()
        below = lay.contentsMargins().bottom()
        if self.contenders.isVisible():
            below += self.contenders.height() + lay.spacing()
        frame = 2 * lst.frameWidth()
        least = self.SEAT_ROWS * grid + frame
        if self.stack.minimumHeight() != least:
            self.stack.setMinimumHeight(least)
        # the dock asks its group for the panel's least height (the window takes it from the groups
        # below, down to their own least): the seat list has its rows without the dock scrolling
        area = enclosing_scroll_area(self)
        if area is not None:
            need = self.minimumSizeHint().height() + 2 * area.frameWidth()
            if area.minimumHeight() != need:
                area.setMinimumHeight(need)
        rows = max(self.SEAT_ROWS, (self.height() - self.stack.y() - below - frame) // grid)
        if self.stack.maximumHeight() != rows * grid + frame:
            self.stack.setMaximumHeight(rows * grid + frame)

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self._snap_seats()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.stack and event.type() in (QEvent.Type.Move, QEvent.Type.Show):
            self._snap_seats()     # the buttons above wrapped to another row, or the list came back
        return super().eventFilter(obj, event)

    # -- the document ----------------------------------------------------------------------------
    def document_shown(self, doc: Document) -> None:
        self._evaluated(doc.evaluation)

    def current(self) -> RivalBloc | None:
        name = self.rival.currentData()
        return next((b for b in self.doc.scenario.rivals if b.name == name), None)

    def set_active(self, on: bool) -> None:
        """The dock shown (or hidden behind another tab): shown, what changed meanwhile is filled in."""
        self.active = on
        if on and self._stale:
            self._evaluated(self.doc.evaluation)

    def _evaluated(self, ev, _delta=None) -> None:
        sc = self.doc.scenario
        names = [b.name for b in sc.rivals]
        if [self.rival.itemData(i) for i in range(self.rival.count())] != names:
            keep = self.rival.currentData()
            self.rival.blockSignals(True)
            self.rival.clear()
            for b in sc.rivals:
                self.rival.addItem(swatch_icon(b.colour), b.name, b.name)
            if keep in names:
                self.rival.setCurrentIndex(names.index(keep))
            self.rival.blockSignals(False)
        # the rival chosen follows the document at once (Alt+1 … Alt+9 give seats to its partners);
        # the totals and the seat lists of a hidden dock wait until it is shown: an "assign all"
        # with the Conflicts tab in front recoloured lists nobody saw
        if not self.active:
            self._stale = True
            return
        self._stale = False
        self.fills += 1
        bs = ev.bloc_seats
        parts = [f"<b>{n}</b> {bs[n]}" for n in ev.blocs.names]
        if bs["unaligned"]:         # a figure of none is left out: the line stays one line at 1366×768
            parts.append(f"unaligned {bs['unaligned']}")
        if bs["independents"]:
            parts.append(f"independents {bs['independents']}")
        if bs["tied"]:
            parts.append(f"tied {bs['tied']}")
        self.totals.setText("<span style='color:#666'>Leads in</span> " + " · ".join(parts)
                            + f" <span style='color:#666'>of {sc.seats.n}</span>")
        labels = [c.label for c in sc.contenders]
        self.contenders.setText("New contenders: " + "; ".join(labels))
        self.contenders.setVisible(bool(labels))
        self._fill()

    def _fill(self) -> None:
        b = self.current()
        self.empty.setVisible(b is None)
        # no rival: no buttons and no seat list (its least height of two rows made the dock scroll
        # below a note that fits)
        self.bar.setVisible(b is not None)
        self.stack.setVisible(b is not None)
        area = enclosing_scroll_area(self)
        if b is None and area is not None:
            area.setMinimumHeight(0)        # no seat list to ask room for
        self.transfer.setEnabled(b is not None)
        self._fill_presets(b)
        if b is None:
            self._rebuild([])
            return
        self.transfer.blockSignals(True)
        self.transfer.setValue(round(b.transfer * 100))
        self.transfer.blockSignals(False)
        keys = list(b.partners) + [FIGHT, NONE]
        if self._shape != (b.name, b.partners, self.doc.dataset.uid):
            self._rebuild(keys)
            self._shape = (b.name, b.partners, self.doc.dataset.uid)
        ev = self.doc.evaluation
        k = [x.name for x in self.doc.scenario.rivals].index(b.name)
        st = ev.projector.rival_standing[k]
        seats = self.doc.dataset.seats
        pr = ev.projection
        won = np.asarray(pr.parties, dtype=object)[np.asarray(pr.winner, dtype=np.int64)]
        split = (b.name, b.partners, self.doc.dataset.uid, self.doc.pools.partners)
        if self._filled is not None and self._filled[0] == split and np.array_equal(self._filled[1], st):
            # the rival's split as filled (a move of our seats): its lists keep their items and
            # layout; only the seats whose projected winner changed get their colour and tooltip
            self._recolour(np.flatnonzero(won != self._filled[2]), won)
            self._filled = (split, self._filled[1], won)
            self.bar.updateGeometry()
            return
        by_key: dict[str, list[int]] = {key: [] for key in keys}
        fighting: dict[int, str] = {}
        for i, a in enumerate(seats.ac_no.tolist()):
            who = [c for c, s in zip(b.partners, st[i]) if s]
            by_key[who[0] if len(who) == 1 else (FIGHT if who else NONE)].append(a)
            if len(who) > 1:
                fighting[a] = " v ".join(who)
        colour = self.doc.dataset.party_colour
        self._items = {}
        for key, acs in by_key.items():
            lst = self.buckets[key]
            lst.blockSignals(True)
            lst.clear()
            for a in acs:
                extra = fighting.get(a, "") if len(b.partners) > 2 else ""   # which of its partners fight
                i = seats.index_of(a)
                it = QListWidgetItem(swatch_icon(colour(won[i])), f"{a} {seats.name(a)}" + (f" ({extra})" if extra else ""))
                it.setData(Qt.ItemDataRole.UserRole, a)
                it.setToolTip(f"Projected winner: {won[i]}")
                lst.addItem(it)
                self._items[i] = it
            lst.blockSignals(False)
            lst.fit_grid()
            label = {FIGHT: "Fight", NONE: "None"}.get(key, key)
            self.buttons[key].setText(f"{label} {len(acs)}")
        self._filled = (split, np.array(st, copy=True), won)
        self.items_made += len(self._items)
        self.bar.updateGeometry()
        self._snap_seats()

    def _recolour(self, changed: np.ndarray, won: np.ndarray) -> None:
        """The items of the seats (indices) whose projected winner changed: their swatch and tooltip."""
        colour = self.doc.dataset.party_colour
        for i in changed.tolist():
            it = self._items.get(i)
            if it is not None:
                it.setIcon(swatch_icon(colour(won[i])))
                it.setToolTip(f"Projected winner: {won[i]}")
        self.items_recoloured += len(changed)

    def show_bucket(self, key: str) -> bool:
        """Show the seats of one partner (or Fight, or None) in the list."""
        if key not in self.buckets:
            return False
        self.buttons[key].setChecked(True)
        self.stack.setCurrentWidget(self.buckets[key])
        return True

    def shown_bucket(self) -> str | None:
        w = self.stack.currentWidget()
        return w.key if isinstance(w, SeatBucket) else None

    def _rebuild(self, keys: list[str]) -> None:
        keep = self.shown_bucket()
        for w in list(self.buckets.values()) + list(self.buttons.values()):
            self.stack.removeWidget(w)
            self.flow.removeWidget(w)
            w.deleteLater()
        self.buckets, self.buttons = {}, {}
        self._shape = self._filled = None
        self._items = {}
        self.bar.setVisible(bool(keys))
        b = self.current()
        for key in keys:
            lst = SeatBucket(key)
            lst.setObjectName(f"rival_bucket_{key}")
            lst.dropped.connect(self._dropped)
            lst.customContextMenuRequested.connect(lambda pos, s=lst: self._bucket_menu(s, pos))
            lst.picked.connect(lambda seats, s=lst: seats and self.hub.set(seats, s))
            btn = BucketButton(lst)
            btn.setObjectName(f"rival_button_{key}")
            if b is not None and key in b.partners:
                k = b.partners.index(key) + 1
                btn.setToolTip(f"{self.doc.dataset.party_names.get(key, key)}: its seats. Drop seats here to give them "
                               f"to it (with Ctrl: it stands too, a friendly fight)" +
                               (f"; or select seats and press Alt+{k} (Alt+Shift+{k}: it stands too)" if k < 10 else ""))
            elif key == NONE:
                btn.setToolTip("Seats where the bloc fields no candidate. Drop seats here, or press Alt+0")
            else:
                btn.setToolTip("Seats where two or more of the bloc's partners stand (a friendly fight). Drop seats "
                               "here and every partner stands")
            btn.toggled.connect(lambda on, s=lst: on and self.stack.setCurrentWidget(s))
            self.stack.addWidget(lst)
            self.flow.addWidget(btn)
            self.buckets[key], self.buttons[key] = lst, btn
        if keys:
            self.show_bucket(keep if keep in self.buckets else keys[0])

    def _fill_presets(self, b: RivalBloc | None) -> None:
        from ...core.bloc_presets import bloc_presets
        self.preset.blockSignals(True)
        self.preset.clear()
        self.preset.setEnabled(b is not None)
        if b is not None:
            self.preset.addItem("Split: each partner where it stood", ("split", BASELINE))
            self.preset.addItem("Split: the strongest partner per seat", ("split", STRONGEST))
            for bid in bloc_presets(self.doc.dataset):
                y = self.doc.dataset.baselines[bid].year
                self.preset.addItem(f"Split: as it stood in {y}", ("as", bid))
            self.preset.setCurrentIndex(self._preset_index(b))
            self.preset.setPlaceholderText("Split: edited seat by seat")
        self.preset.blockSignals(False)

    def _preset_index(self, b: RivalBloc) -> int:
        """The preset the rival's split is (its default, or as it stood in an election), else -1."""
        if not b.seats:
            return 0 if b.split == BASELINE else 1
        key = (self.doc.dataset.uid, self.doc.dataset.version, b)
        hit = self._preset_cache.get(key)
        if hit is None:
            from ...core.bloc_presets import bloc_presets, election_blocs
            hit = -1
            acs = self.doc.dataset.seats.ac_no.tolist()
            for k, bid in enumerate(bloc_presets(self.doc.dataset)):
                _, standing = election_blocs(self.doc.dataset, bid)
                if b.edited == {a: tuple(c for c in b.partners if a in standing.get(c, ())) for a in acs}:
                    hit = 2 + k
                    break
            if len(self._preset_cache) > 32:
                self._preset_cache.clear()
            self._preset_cache[key] = hit
        return hit

    # -- edits: each one undo step ----------------------------------------------------------------------
    def _push(self, make) -> bool:
        try:
            return self.doc.push(make())
        except ValueError as e:
            QMessageBox.warning(self, "Blocs", str(e))
            return False

    def _dropped(self, key: str, seats: list[int], beside: bool = False) -> bool:
        b = self.current()
        if self.doc is not None:     # a drag from another window may carry seats this data set lacks
            seats = [a for a in seats if self.doc.dataset.seats.has(a)]
        if b is None or not seats:
            return False
        if beside and key in b.partners:        # Ctrl-drop: the partner stands too (a friendly fight)
            return self.partner_stands(key, seats, True)
        if key == FIGHT:
            codes = b.partners          # every partner of the bloc stands
        else:
            codes = () if key == NONE else (key,)
        return self._push(lambda: bc.move_rival_seats(self.doc.scenario, b.name, seats, codes))

    def standing(self, seats) -> dict[int, tuple[str, ...]]:
        """Who stands for the current rival in these seats now (its edits or its default split)."""
        b = self.current()
        if b is None:
            return {}
        k = [x.name for x in self.doc.scenario.rivals].index(b.name)
        st = self.doc.evaluation.projector.rival_standing[k]
        ix = self.doc.dataset.seats.index_of
        return {a: tuple(c for c, s in zip(b.partners, st[ix(a)]) if s) for a in seats}

    def partner_stands(self, code: str, seats, on: bool) -> bool:
        """The rival's partner ``code`` stands too in these seats (a friendly fight), or stands down."""
        b = self.current()
        if b is None or not seats:
            return False
        try:
            cmd = bc.rival_partner_stands(self.doc.scenario, b.name, self.standing(seats), code, on)
        except ValueError as e:
            QMessageBox.warning(self, "Blocs", str(e))
            return False
        if cmd is None:
            self._say(f"{code} already stands in every seat selected" if on else
                      f"{code} stands alone there: give the seat to another partner (Alt+1 …) or to none (Alt+0)")
            return False
        return self.doc.push(cmd)

    def _say(self, text: str) -> None:
        w = self.window()
        if hasattr(w, "statusBar"):
            w.statusBar().showMessage(text, 6000)

    def assign_selected(self, k: int) -> bool:
        """Alt+k: the selected seats to the current rival's partner k (1-based); 0: to none."""
        b = self.current()
        seats = sorted(self.hub.seats)
        if b is None or not seats or k > len(b.partners):
            return False
        codes = () if k == 0 else (b.partners[k - 1],)
        return self._push(lambda: bc.move_rival_seats(self.doc.scenario, b.name, seats, codes))

    def toggle_selected(self, k: int) -> bool:
        """Alt+Shift+k: the current rival's partner k (1-based) stands too in the selected seats (a
        friendly fight beside the partner standing); where it stands in every one, it stands down."""
        b = self.current()
        seats = sorted(self.hub.seats)
        if b is None or not seats or not 1 <= k <= len(b.partners):
            return False
        code = b.partners[k - 1]
        now = self.standing(seats)
        return self.partner_stands(code, seats, not all(code in c for c in now.values()))

    def _bucket_menu(self, lst: SeatBucket, pos) -> QMenu | None:
        """Right-click on seats: give them to a partner (or none), and which partners stand there."""
        b = self.current()
        seats = lst.selected()
        if b is None or not seats:
            return None
        m = QMenu(self)
        give = m.addMenu("Give to")
        for k, c in enumerate(b.partners):
            a = give.addAction(f"{c} alone", lambda c=c: self._dropped(c, seats))
            a.setShortcut(QKeySequence(f"Alt+{k + 1}") if k < 9 else QKeySequence())
        give.addAction("Every partner (a friendly fight)", lambda: self._dropped(FIGHT, seats))
        give.addAction("None: the bloc fields nobody", lambda: self._dropped(NONE, seats)).setShortcut(
            QKeySequence("Alt+0"))
        sub = m.addMenu("Partners standing here (friendly fight)")
        sub.setObjectName("rival_fight_menu")
        now = self.standing(seats)
        for k, c in enumerate(b.partners):
            a = sub.addAction(f"{c} — {self.doc.dataset.party_names.get(c, c)}")
            a.setObjectName(f"rival_fight_{c}")
            a.setCheckable(True)
            a.setChecked(all(c in x for x in now.values()))
            if k < 9:
                a.setShortcut(QKeySequence(f"Alt+Shift+{k + 1}"))
            a.toggled.connect(lambda on, c=c: self.partner_stands(c, seats, on))
        if pos is not None:
            m.exec(lst.viewport().mapToGlobal(pos))
        return m

    def _preset_chosen(self, _i: int) -> None:
        b, data = self.current(), self.preset.currentData()
        if b is None or data is None:
            return
        kind, arg = data
        if kind == "split":
            self._push(lambda: bc.set_rival_split(self.doc.scenario, b.name, arg))
            return
        from ...core.bloc_presets import election_blocs
        _, standing = election_blocs(self.doc.dataset, arg)
        seats = {a: tuple(c for c in b.partners if a in standing.get(c, ())) for a in self.doc.dataset.seats.ac_no.tolist()}
        y = self.doc.dataset.baselines[arg].year
        new = [x if x.name != b.name else x.with_seats(seats) for x in self.doc.scenario.rivals]
        self._push(lambda: bc.SetBlocs(self.doc.scenario, new, f"{b.name}: as it stood in {y}"))

    def _transfer_changed(self) -> None:
        b = self.current()
        if b is not None and round(b.transfer * 100) != self.transfer.value():
            self._push(lambda: bc.set_rival_transfer(self.doc.scenario, b.name, self.transfer.value() / 100))

    def _from_dialog(self, dlg: RivalDialog) -> RivalBloc | None:
        ds = self.doc.dataset
        codes = []
        for t in dlg.partners.text().split(","):
            t = t.strip()
            if t:
                codes.append(ds.resolve_party(t) or t.upper())
        try:
            return RivalBloc(dlg.name.text().strip(), tuple(dict.fromkeys(codes)), dlg.split.currentData())
        except ValueError as e:
            QMessageBox.warning(self, "Blocs", str(e))
            return None

    def add_rival(self, *_args, dialog: RivalDialog | None = None) -> bool:
        dlg = dialog or RivalDialog(self)
        if dialog is None and dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        b = self._from_dialog(dlg)
        if b is None:
            return False
        from ...core.bloc_presets import RIVAL_COLOURS
        from dataclasses import replace
        b = replace(b, colour=RIVAL_COLOURS[len(self.doc.scenario.rivals) % len(RIVAL_COLOURS)])
        ok = self._push(lambda: bc.SetBlocs(self.doc.scenario, self.doc.scenario.rivals + (b,),
                                            f"Add rival bloc {b.name}"))
        if ok:
            self.rival.setCurrentIndex(self.rival.findData(b.name))
        return ok

    def edit_rival(self, *_args, dialog: RivalDialog | None = None) -> bool:
        old = self.current()
        if old is None:
            return False
        dlg = dialog or RivalDialog(self, old)
        if dialog is None and dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        b = self._from_dialog(dlg)
        if b is None:
            return False
        from dataclasses import replace
        # seats edited before keep the partners that are still in the bloc
        kept = {a: tuple(c for c in codes if c in b.partners) for a, codes in old.seats}
        b = replace(b, colour=old.colour, transfer=old.transfer).with_seats(kept if b.split == old.split else {})
        new = tuple(b if x is old else x for x in self.doc.scenario.rivals)
        ok = self._push(lambda: bc.SetBlocs(self.doc.scenario, new, f"Edit rival bloc {b.name}"))
        if ok:
            self.rival.setCurrentIndex(self.rival.findData(b.name))
        return ok

    def remove_rival(self) -> bool:
        b = self.current()
        if b is None:
            return False
        new = tuple(x for x in self.doc.scenario.rivals if x is not b)
        return self._push(lambda: bc.SetBlocs(self.doc.scenario, new, f"Remove rival bloc {b.name}"))

    # -- new contenders ----------------------------------------------------------------------------------
    def add_contender(self, dialog: ContenderDialog | None = None) -> bool:
        dlg = dialog or ContenderDialog(self)
        if dialog is None and dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        sc = self.doc.scenario
        try:
            c = dlg.contender(self.doc.dataset.resolve_party)
        except ValueError as e:
            QMessageBox.warning(self, "New contender", str(e))
            return False
        return self._push(lambda: bc.SetContenders(sc, sc.contenders + (c,), f"New contender: {c.label}"))

    def _fill_remove_menu(self) -> None:
        m = self.remove_menu
        m.clear()
        b = self.current()
        if b is not None:
            m.addAction(f"Rival bloc {b.name} (its parties stand alone)", self.remove_rival)
        for r, c in enumerate(self.doc.scenario.contenders):
            m.addAction(f"New contender: {c.label}", lambda r=r: self.remove_contender(r))
        if m.isEmpty():
            m.addAction("Nothing to remove").setEnabled(False)

    def remove_contender(self, r: int) -> bool:
        sc = self.doc.scenario
        if not 0 <= r < len(sc.contenders):
            return False
        c = sc.contenders[r]
        return self._push(lambda: bc.SetContenders(sc, sc.contenders[:r] + sc.contenders[r + 1:],
                                                   f"Remove contender: {c.label}"))
