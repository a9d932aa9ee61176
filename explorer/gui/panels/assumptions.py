"""The Assumptions dock: baseline, vote transfer between the partners as one matrix (rows
from, columns to, with a "same for all" shortcut), swing per party. Per-seat adjustments live in the table's Adj. column. The transfer boxes are
rebuilt for the partners of the document shown."""
from __future__ import annotations

import re

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QValidator
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QDoubleSpinBox, QGridLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton,
                               QSpinBox, QStyledItemDelegate, QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from ...core.palette import party_colour
from ...core.assumptions import POLL_ERROR_MAX, Assumptions, swing_text
from ..document import Document, DocumentView
from ..style import plain_rich, swatch_icon
from .common import enclosing_scroll_area

MAX_SWING_ROWS = 8


class SwingModel(DocumentView, QAbstractTableModel):
    """Statewide swing per party (points); editing pushes an undo command."""
    follows = {"assumptionsChanged": "_reload"}

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self._parties: list[str] = []
        self.set_document(doc)

    def document_shown(self, doc: Document) -> None:
        self._reload()

    def _reload(self, *_):
        # the parties with a candidate in the baseline, largest first; never IND or NOTA
        ranked = self.doc.evaluation.swing_parties[:MAX_SWING_ROWS]
        ranked = ranked + [p for p in self.doc.scenario.assumptions.swing if p not in ranked]
        if ranked != self._parties:
            self.beginResetModel()
            self._parties = ranked
            self.endResetModel()
        elif ranked:
            self.dataChanged.emit(self.index(0, 1), self.index(len(ranked) - 1, 1))

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._parties)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 2

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return ["Party", "Swing (pts)"][section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return f | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else f

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self._parties[index.row()]
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return p
            if role == Qt.ItemDataRole.DecorationRole:
                return swatch_icon(party_colour(self.doc.dataset, self.doc.pools.partners, p))
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_rich(self.doc.dataset.party_names.get(p, p))
            return None
        v = self.doc.scenario.assumptions.swing.get(p, 0.0)
        if role == Qt.ItemDataRole.DisplayRole:
            return swing_text(v)
        if role == Qt.ItemDataRole.EditRole:
            return float(v)
        if role == Qt.ItemDataRole.ToolTipRole and v != round(v, 1):
            by_poll = " (set by the poll)" if self.doc.scenario.assumptions.poll else ""
            return f"{p}: {v:+g}".replace("-", "−") + f" pts exactly{by_poll}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or index.column() != 1:
            return False
        try:
            v = float(value)
        except (TypeError, ValueError):
            return False
        if not -30.0 <= v <= 30.0:
            return False
        p = self._parties[index.row()]
        a = self.doc.scenario.assumptions
        return self.doc.set_assumptions(a.with_swing(p, v), f"Swing {p} {swing_text(v)} pts")


class _SwingDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        ed = QDoubleSpinBox(parent)
        ed.setRange(-30.0, 30.0)
        ed.setDecimals(1)
        ed.setSingleStep(0.5)
        ed.setSuffix(" pts")
        return ed

    def setModelData(self, editor, model, index):
        # the box shows one decimal: committed as it opened, the exact swing stays (a poll's −6.2651)
        editor.interpretText()
        if editor.value() == round(float(index.data(Qt.ItemDataRole.EditRole)), 1):
            return
        super().setModelData(editor, model, index)


class _SpinGuard(QObject):
    """For the dock's spin boxes, which sit in a scroll area: the wheel scrolls the dock unless
    the box has the keyboard focus (a wheel turned to scroll past a box must not change a
    transfer or the poll's error), and Ctrl+Z / Ctrl+Shift+Z undo and redo the scenario, as
    anywhere in the window, unless a value is being typed (then they undo the typing)."""

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel and isinstance(obj, QAbstractSpinBox) and not obj.hasFocus():
            event.ignore()      # not the box's: the event goes on to the table or the dock's scroll area
            return True
        if (kind == QEvent.Type.ShortcutOverride and isinstance(obj, QAbstractSpinBox)
                and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))
                and obj.cleanText() == obj.textFromValue(obj.value())):
            event.ignore()      # left to the window's Undo / Redo
            return True
        return False


def guard_spin(spin: QAbstractSpinBox, guard: _SpinGuard) -> None:
    spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)     # not WheelFocus: a wheel passing over gives no focus
    spin.installEventFilter(guard)


class _PollErrorSpin(QDoubleSpinBox):
    """The poll's own error, 0 to ``POLL_ERROR_MAX`` points. A number typed outside that is
    kept on screen until Enter or leaving the box, then given to ``refused`` (the panel says why
    under the poll), instead of the box dropping the key that took it out (25 read as 2)."""
    refused = Signal(float)
    _NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")

    def _typed_outside(self) -> float | None:
        text = self.cleanText().strip()
        if not self._NUMBER.fullmatch(text):
            return None
        v = float(text.replace(",", "."))
        return v if not self.minimum() <= v <= self.maximum() else None

    def validate(self, text, pos):
        state = super().validate(text, pos)
        state = state[0] if isinstance(state, tuple) else state
        if state == QValidator.State.Invalid:
            body = text[:-len(self.suffix())] if self.suffix() and text.endswith(self.suffix()) else text
            if self._NUMBER.fullmatch(body.strip()):
                return QValidator.State.Intermediate, text, pos
        return state, text, pos

    def _refuse_typed(self) -> bool:
        v = self._typed_outside()
        if v is None:
            return False
        self.setValue(self.value())     # the box shows the value that stands
        self.refused.emit(v)
        return True

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._refuse_typed():
            self.selectAll()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event):
        self._refuse_typed()
        super().focusOutEvent(event)


def _clean(edges, y: int) -> bool:
    """A scroll area's edge at ``y`` cuts no widget of ``edges`` (see AssumptionsPanel._edges)
    but between two lines of a label."""
    return all(not (top < y < bottom) or (ls and (y - top) % ls == 0) for top, bottom, ls in edges)


class AssumptionsPanel(DocumentView, QWidget):
    importRequested = Signal()
    follows = {"assumptionsChanged": "sync"}

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self._partners = None
        self._syncing = False
        self._spin_guard = _SpinGuard(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>Baseline</b>"), 0, 0)
        grid.setColumnStretch(1, 1)
        imp = QPushButton("Import…")
        imp.setToolTip("Import a baseline election from a CSV with columns ac_no, candidate, party, votes")
        imp.clicked.connect(self.importRequested)
        grid.addWidget(imp, 0, 2)
        # the election on a row of its own, the dock's width: beside the label and Import… it had
        # 210 px at 1366x768 and cut "Lok Sabha 2024 by assembly segment" mid-word
        self.baseline = QComboBox()
        self.baseline.setObjectName("baseline")
        self.baseline.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.baseline.setMinimumContentsLength(18)
        grid.addWidget(self.baseline, 1, 0, 1, 3)
        self.baseline_note = QLabel()
        self.baseline_note.setWordWrap(True)
        self.baseline_note.setStyleSheet("color:#666; font-size:8pt;")
        grid.addWidget(self.baseline_note, 2, 0, 1, 3)
        tl = QLabel("<b>Vote transfer</b> (rows: whose voters; columns: whose candidate they vote for "
                    "where their own partner does not stand; the rest go to the other candidates)")
        tl.setWordWrap(True)
        grid.addWidget(tl, 3, 0, 1, 3)
        lay.addLayout(grid)
        self.transfer_table = QTableWidget()
        self.transfer_table.setObjectName("transfer_matrix")
        self.transfer_table.verticalHeader().setDefaultSectionSize(24)
        self.transfer_table.setSelectionMode(QTableWidget.NoSelection)
        lay.addWidget(self.transfer_table)
        same = QHBoxLayout()
        same.addWidget(QLabel("Same for all directions:"))
        self.same_spin = QSpinBox()
        self.same_spin.setObjectName("transfer_same")
        self.same_spin.setRange(0, 100)
        self.same_spin.setSuffix(" %")
        self.same_spin.setSingleStep(5)
        self.same_spin.setValue(80)
        guard_spin(self.same_spin, self._spin_guard)
        same.addWidget(self.same_spin)
        self.same_button = QPushButton("Apply")
        self.same_button.setObjectName("transfer_same_apply")
        self.same_button.clicked.connect(self._same_for_all)
        same.addWidget(self.same_button)
        same.addStretch(1)
        lay.addLayout(same)
        self.transfer_spins: dict[tuple[str, str], QSpinBox] = {}
        sl = QLabel("<b>Swing</b>: points of the valid vote, statewide, applied before transfers "
                    "(double-click a value to edit)")
        sl.setWordWrap(True)
        lay.addWidget(sl)
        self.swing_model = SwingModel(doc, self)
        self.swing_view = QTableView()
        self.swing_view.setObjectName("swing")
        self.swing_view.setModel(self.swing_model)
        self.swing_view.setItemDelegateForColumn(1, _SwingDelegate(self.swing_view))
        self.swing_view.verticalHeader().hide()
        self.swing_view.verticalHeader().setDefaultSectionSize(20)
        self.swing_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.swing_view, 1)
        pl = QLabel("<b>Poll</b>: statewide vote shares from a survey, percent of the valid vote, by party "
                    "or bloc (e.g. BJP=40.5, INC=38). Each party's swing is set to reach its share; the uncertainty "
                    "turns the poll into seats with the seat model fitted on India's elections.")
        pl.setWordWrap(True)
        pl.setObjectName("poll_note")
        self.poll_note = pl
        lay.addWidget(pl)
        prow = QHBoxLayout()
        self.poll_edit = QLineEdit()
        self.poll_edit.setObjectName("poll")
        self.poll_edit.setPlaceholderText("PARTY=percent, …")
        self.poll_edit.returnPressed.connect(self._apply_poll)
        prow.addWidget(self.poll_edit, 1)
        self.poll_apply = QPushButton("Apply")
        self.poll_apply.setObjectName("poll_apply")
        self.poll_apply.clicked.connect(self._apply_poll)
        prow.addWidget(self.poll_apply)
        self.poll_clear = QPushButton("Clear")
        self.poll_clear.setObjectName("poll_clear")
        self.poll_clear.clicked.connect(lambda: self.set_poll(""))
        prow.addWidget(self.poll_clear)
        lay.addLayout(prow)
        erow = QHBoxLayout()
        erow.addWidget(QLabel("Its own error ±"))
        self.poll_error_spin = _PollErrorSpin()
        self.poll_error_spin.setObjectName("poll_own_error")
        self.poll_error_spin.setRange(0.0, POLL_ERROR_MAX)
        self.poll_error_spin.setDecimals(1)
        self.poll_error_spin.setSingleStep(0.5)
        self.poll_error_spin.setSuffix(" pts")
        self.poll_error_spin.setKeyboardTracking(False)     # a typed value is one change, not one per key
        self.poll_error_spin.setToolTip("The poll's own error: points of each statewide share it gives (a standard "
                                        "deviation). The uncertainty draws the poll's shares around it; 0 takes the "
                                        "poll as exact")
        self.poll_error_spin.valueChanged.connect(self._poll_error_changed)
        self.poll_error_spin.refused.connect(self.set_poll_error)
        guard_spin(self.poll_error_spin, self._spin_guard)
        erow.addWidget(self.poll_error_spin)
        erow.addWidget(QLabel("of each share"), 1)
        lay.addLayout(erow)
        self.poll_error = QLabel()
        self.poll_error.setObjectName("poll_error")
        self.poll_error.setWordWrap(True)
        self.poll_error.setStyleSheet("color:#B3261E;")
        self.poll_error.hide()
        lay.addWidget(self.poll_error)
        self.adjust_note = QLabel()
        self.adjust_note.setWordWrap(True)
        self.adjust_note.setStyleSheet("color:#444;")
        lay.addWidget(self.adjust_note)
        self.clear_adjust = QPushButton("Clear per-seat adjustments")
        self.clear_adjust.clicked.connect(self._clear_adjust)
        lay.addWidget(self.clear_adjust)
        self.baseline.currentIndexChanged.connect(self._baseline_changed)
        self.set_document(doc)

    def document_shown(self, doc: Document) -> None:
        if doc.pools.partners != self._partners:
            self._partners = doc.pools.partners
            self._build_transfer_spins([p.code for p in doc.pools.partners])
        self.swing_model.set_document(doc)
        self.sync()

    def _build_transfer_spins(self, codes: list[str]) -> None:
        """One matrix, rows the voters' partner (from), columns the candidate's (to): n(n−1)
        boxes in a table that scrolls, whatever the number of partners."""
        m = self.transfer_table
        m.clear()
        m.setRowCount(len(codes))
        m.setColumnCount(len(codes))
        m.setHorizontalHeaderLabels([f"→ {c}" for c in codes])
        m.setVerticalHeaderLabels([f"{c} voters" for c in codes])
        self.transfer_spins = {}
        for r, f in enumerate(codes):
            for c, t in enumerate(codes):
                if f == t:
                    item = QTableWidgetItem("—")
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    m.setItem(r, c, item)
                    continue
                spin = QSpinBox()
                spin.setObjectName(f"transfer_{f}_{t}")
                spin.setRange(0, 100)
                spin.setSuffix(" %")
                spin.setSingleStep(5)
                spin.setKeyboardTracking(False)
                spin.setFrame(False)
                spin.setToolTip(f"Share of {f} voters who vote for the {t} candidate where {t} stands without {f}")
                spin.valueChanged.connect(lambda v, f=f, t=t: self._transfer_changed(f, t, v))
                guard_spin(spin, self._spin_guard)
                m.setCellWidget(r, c, spin)
                self.transfer_spins[(f, t)] = spin
        m.resizeColumnsToContents()
        rows = min(len(codes), 6)
        m.setFixedHeight(m.horizontalHeader().height() + rows * m.verticalHeader().defaultSectionSize() + 4
                         + (m.horizontalScrollBar().sizeHint().height() if len(codes) > 4 else 0))

    def _same_for_all(self) -> bool:
        """Set every transfer direction to the one value (one undo step)."""
        v = self.same_spin.value()
        a = self.doc.scenario.assumptions
        codes = [p.code for p in self.doc.pools.partners]
        new = Assumptions.make(a.baseline, {(f, t): v / 100.0 for f in codes for t in codes if f != t},
                               a.swing, a.seat_adjust, a.poll, a.poll_error)
        return self.doc.set_assumptions(new, f"Transfer {v} % every way")

    def sync(self, *_):
        """Show the scenario's assumptions (after any change, undo included)."""
        self._syncing = True
        try:
            a = self.doc.scenario.assumptions
            ds = self.doc.dataset
            self.baseline.clear()
            for bid, b in ds.baselines.items():
                self.baseline.addItem(b.label, bid)
            self.baseline.setCurrentIndex(max(0, self.baseline.findData(a.baseline)))
            self.baseline.setToolTip(ds.baselines[a.baseline].label)
            self.baseline_note.setText(ds.baselines[a.baseline].note)
            for (f, t), spin in self.transfer_spins.items():
                spin.setValue(round(a.transfer_rate(f, t) * 100))
            n = len(a.seat_adjust_items)
            self.adjust_note.setText(
                f"Per-seat adjustments: {n} set (" + ", ".join(
                    f"{ds.seats.name(ac)} {v:+g}" for ac, v in a.seat_adjust_items[:4]) + (", …" if n > 4 else "") + ")"
                if n else "Per-seat adjustments: none. Edit the Adj. column of the seat table to add one.")
            self.clear_adjust.setEnabled(n > 0)
            if not self.poll_edit.hasFocus():
                self.poll_edit.setText(", ".join(f"{p}={v:g}" for p, v in a.poll_items))
            self.poll_clear.setEnabled(bool(a.poll_items))
            self.poll_error_spin.setValue(a.poll_error)
        finally:
            self._syncing = False

    def _apply_poll(self) -> None:
        self.set_poll(self.poll_edit.text())

    def set_poll(self, text: str) -> bool:
        """The poll as written (``BJP=40.5, INC=38``; empty: none) as one undo step; a bad poll
        is refused with the reason under the field, the assumptions unchanged."""
        from ...core.bloc_presets import named_blocs
        from ...core.poll import PollError, parse_poll, poll_swings, resolve_keys
        doc = self.doc
        sc = doc.scenario
        a = sc.assumptions
        blocs = {sc.bloc_name: tuple(p.code for p in sc.pools.partners)} | {b.name: tuple(b.partners) for b in sc.rivals}
        try:
            if text.strip():
                known = named_blocs(doc.dataset)    # INDIA names our bloc of its partners, before ours is named
                poll = resolve_keys(parse_poll(text), doc.dataset.resolve_party, blocs, known)
                swings = poll_swings(doc.dataset.baseline(a.baseline).candidates, poll, blocs, known)
            else:
                poll, swings = {}, {}
        except PollError as e:
            self.poll_error.setText(f"Poll: {e}")
            self._show_poll_error(True)
            return False
        self._show_poll_error(False)
        if poll == a.poll:
            return True
        label = "Poll " + ", ".join(f"{p} {v:g} %" for p, v in poll.items()) if poll else "Clear the poll"
        return bool(doc.set_assumptions(a.with_poll(poll, swings), label)) or True

    def _poll_error_changed(self, v: float) -> None:
        if not self._syncing:
            self.set_poll_error(v)

    def set_poll_error(self, points: float) -> bool:
        """The poll's own error (points of each statewide share) as one undo step; outside 0 to
        ``POLL_ERROR_MAX`` it is refused with the reason under the poll, the assumptions unchanged."""
        a = self.doc.scenario.assumptions
        try:
            new = a.with_poll_error(round(float(points), 1))
        except (TypeError, ValueError) as e:
            self.poll_error.setText(f"Poll: {e}")
            self._show_poll_error(True)
            return False
        self._show_poll_error(False)
        if new == a:
            return True
        return bool(self.doc.set_assumptions(new, f"Poll's own error ± {new.poll_error:g} pts")) or True

    def _show_poll_error(self, on: bool) -> None:
        """The reason a poll or its error was refused, under them (or no longer): while the
        strategist types there, the dock keeps the poll in view with no half line at its bottom
        (the content below moved up or down by the message's height)."""
        if self.poll_error.isVisibleTo(self) == on:
            return
        self.poll_error.setVisible(on)
        if self.isVisible() and (self.poll_edit.hasFocus() or self.poll_error_spin.hasFocus()):
            QTimer.singleShot(0, self._place_poll)   # once the scroll area has its new height

    def focus_poll(self) -> None:
        """The poll field focused and, in the dock's scroll area, scrolled to the poll (see _place_poll)."""
        self.poll_edit.setFocus()
        self.poll_edit.selectAll()
        self._place_poll()

    def _place_poll(self) -> None:
        """Scroll the dock (as little as need be) to show the poll's explanation from its first
        line down to its own error's box (and the error message under it), with a margin; where
        they do not all fit, the field first, then the explanation's last lines that fit, each
        whole. The dock's bottom edge cuts no line: it falls between widgets or between two lines
        of a label (else the nearest scroll position that keeps the rest so)."""
        area = enclosing_scroll_area(self)
        if area is None or area.widget() is None:
            return
        bar, inner = area.verticalScrollBar(), area.widget()
        if inner.layout() is not None:
            inner.layout().activate()
        # the scroll area sizes its widget now (not at its next layout request, after this):
        # a message shown or hidden changes the content's height, not the rows' places
        QApplication.sendEvent(area, QEvent(QEvent.Type.LayoutRequest))
        last = self.poll_error if self.poll_error.isVisibleTo(self) else self.poll_error_spin
        top = self.poll_note.mapTo(inner, self.poll_note.rect().topLeft()).y()
        bottom = last.mapTo(inner, last.rect().bottomLeft()).y() + 1
        field = self.poll_edit.mapTo(inner, self.poll_edit.rect().topLeft()).y() - 2
        margin, h, v = 6, area.viewport().height(), bar.value()
        ls = self.poll_note.fontMetrics().lineSpacing()
        fits = bottom - top + 2 * margin <= h
        if fits:
            if top - margin < v:
                v = top - margin
            if bottom + margin > v + h:
                v = bottom + margin - h
        else:   # no room for all of it: the field and its error box whole, then the explanation's
            v = min(field, bottom + margin - h)     # last lines that fit, each whole (no half line)
            if top < v < field:
                v = min(field, top + -(-(v - top) // ls) * ls)
        lo, hi = bar.minimum(), bar.maximum()
        v = max(lo, min(hi, v))

        def keeps(x: int) -> bool:      # the poll's block shown as above
            if x + h < bottom or x > field:
                return False
            return x <= top if fits else (x <= top or (x - top) % ls == 0)
        edges = self._edges(inner)
        if not _clean(edges, v + h):
            v = next((x for x in sorted(range(lo, hi + 1), key=lambda x: (abs(x - v), x))
                      if keeps(x) and _clean(edges, x + h)), v)
        bar.setValue(v)

    def _edges(self, inner) -> list[tuple[int, int, int]]:
        """Each widget shown in the dock (top, bottom in the scroll area's widget, and the line
        spacing of a word-wrapped label, 0 for any other widget)."""
        out, todo = [], [self.layout()]
        while todo:
            lay = todo.pop()
            for k in range(lay.count()):
                item = lay.itemAt(k)
                if item.layout() is not None:
                    todo.append(item.layout())
                wd = item.widget()
                if wd is not None and wd.isVisibleTo(self):
                    y = wd.mapTo(inner, wd.rect().topLeft()).y()
                    wrapped = isinstance(wd, QLabel) and wd.wordWrap()
                    out.append((y, y + wd.height(), wd.fontMetrics().lineSpacing() if wrapped else 0))
        return out

    def _baseline_changed(self, i):
        if self._syncing or i < 0:
            return
        bid = self.baseline.itemData(i)
        a = self.doc.scenario.assumptions
        self.doc.set_assumptions(a.with_baseline(bid), f"Baseline: {self.doc.dataset.baselines[bid].label}")

    def _transfer_changed(self, f, t, v):
        if self._syncing:
            return
        a = self.doc.scenario.assumptions
        self.doc.set_assumptions(a.with_transfer(f, t, v / 100.0), f"Transfer {f}→{t} {v} %",
                                 merge_key=f"transfer:{f}>{t}")

    def _clear_adjust(self):
        a = self.doc.scenario.assumptions
        self.doc.set_assumptions(Assumptions.make(a.baseline, a.transfer, a.swing, {}, a.poll, a.poll_error),
                                 "Clear per-seat adjustments")
