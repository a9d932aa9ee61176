"""Compare two open scenarios: the seats that differ, the change in every summary figure,
and the conflicts added and resolved. Exportable to CSV."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from ...core.deals import split_or_baseline
from ...core.exports import Comparison, compare, write_comparison_csv


class FrameModel(QAbstractTableModel):
    """A read-only pandas DataFrame."""

    def __init__(self, frame=None, headers=None, parent=None):
        super().__init__(parent)
        self.frame = frame
        self.headers = headers

    def set_frame(self, frame, headers=None):
        self.beginResetModel()
        self.frame, self.headers = frame, headers
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() or self.frame is None else len(self.frame)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() or self.frame is None else len(self.frame.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and self.frame is not None:
            return (self.headers or list(self.frame.columns))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        v = self.frame.iat[index.row(), index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(v, float):
                col = self.frame.columns[index.column()]
                if col == "change":
                    return f"{v:+.0f}" if v.is_integer() else f"{v:+.1f}"
                if "margin" in col:
                    return f"{v:+.1f}"  # as the seat table: + the alliance wins by, − it loses by
                return f"{v:g}"
            return str(v)
        if role == Qt.ItemDataRole.ForegroundRole and self.frame.columns[index.column()] == "change" and isinstance(v, (int, float)):
            return QBrush(QColor("#1B7F3B" if v > 0 else "#B3261E" if v < 0 else "#777"))
        return None


class CompareDialog(QDialog):
    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.w = window
        self.setWindowTitle("Compare two deals")
        self.resize(980, 640)
        # only deals on the data set in front can be compared with it
        docs = [d for d in window.workspace.docs if d.dataset is window.workspace.active.dataset]
        self.a, self.b = QComboBox(), QComboBox()
        for cb in (self.a, self.b):
            for d in docs:
                cb.addItem(d.scenario.name, d)
        active = docs.index(window.workspace.active)
        self.a.setCurrentIndex(active)
        self.b.setCurrentIndex((active + 1) % len(docs) if len(docs) > 1 else active)
        top = QHBoxLayout()
        top.addWidget(QLabel("A:"))
        top.addWidget(self.a, 1)
        top.addWidget(QLabel("B:"))
        top.addWidget(self.b, 1)
        self.headline = QLabel()
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.baseline_notice = QLabel()
        self.baseline_notice.setObjectName("baseline_notice")
        self.baseline_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.baseline_notice.setWordWrap(True)
        self.baseline_notice.setStyleSheet("background:#FFF4CE; color:#5C4400; padding:4px;")
        self.baseline_notice.hide()
        self.seat_model, self.fig_model = FrameModel(), FrameModel()
        self.seat_view, self.fig_view = QTableView(), QTableView()
        for v, m in ((self.seat_view, self.seat_model), (self.fig_view, self.fig_model)):
            v.setModel(m)
            v.verticalHeader().hide()
            v.verticalHeader().setDefaultSectionSize(20)
            v.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            v.setEditTriggers(QTableView.NoEditTriggers)
        self.seat_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.fig_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.added, self.resolved = QListWidget(), QListWidget()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.seats_label = QLabel()
        ll.addWidget(self.seats_label)
        ll.addWidget(self.seat_view)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(QLabel("<b>Figures</b> (change = B − A)"))
        rl.addWidget(self.fig_view, 2)
        rl.addWidget(QLabel("<b>Conflicts added in B</b>"))
        rl.addWidget(self.added, 1)
        rl.addWidget(QLabel("<b>Conflicts resolved in B</b>"))
        rl.addWidget(self.resolved, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([480, 500])
        export = QPushButton("Export CSV…")
        export.clicked.connect(self._export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(export, QDialogButtonBox.ButtonRole.ActionRole)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.headline)
        lay.addWidget(self.baseline_notice)
        lay.addWidget(split, 1)
        lay.addWidget(buttons)
        self.a.currentIndexChanged.connect(self.refresh)
        self.b.currentIndexChanged.connect(self.refresh)
        self.comparison: Comparison | None = None
        self.refresh()

    def refresh(self, *_):
        da, db = self.a.currentData(), self.b.currentData()
        if da.dataset.seats is not db.dataset.seats:
            self.comparison = None
            self.seat_model.set_frame(None)
            self.fig_model.set_frame(None)
            self.added.clear()
            self.resolved.clear()
            self.seats_label.setText("")
            self.baseline_notice.hide()
            self.headline.setText(f"A is a deal in {da.dataset.name}, B in {db.dataset.name}: pick two deals on "
                                  "the same data set to compare them seat by seat.")
            return
        c = compare(da.scenario, da.evaluation, db.scenario, db.evaluation)
        self.comparison = c
        headers = ["No.", "Constituency", "Pool A", "Pool B", "Winner A", "Winner B", "Margin A", "Margin B"]
        self._explain(da, db, c)
        if "why" in c.seats.columns:
            headers.append("Differs because of")
        self.seat_model.set_frame(c.seats, headers)
        self.fig_model.set_frame(c.figures, ["Figure", "A", "B", "Change"])
        n = len(c.seats)
        self.seats_label.setText(f"<b>{n} seat{'' if n == 1 else 's'} differ{'s' if n == 1 else ''}</b> in pool or "
                                 "in who leads on the projected votes")
        pa, pb = da.evaluation.projection, db.evaluation.projection
        d = pb.alliance_seats - pa.alliance_seats
        self.headline.setText(f"Alliance leads in: A {pa.alliance_seats}, B {pb.alliance_seats} "
                              f"(<b>{d:+d}</b>) · majority {pa.majority} · vote kept A {pa.coverage * 100:.1f} %, "
                              f"B {pb.coverage * 100:.1f} %")
        self.added.clear()
        self.added.addItems(c.conflicts_added or ["none"])
        self.resolved.clear()
        self.resolved.addItems(c.conflicts_resolved or ["none"])

    def _explain(self, da, db, c) -> None:
        """When A and B stand on different baselines (or other assumptions), say so, and tell the
        seats that differ because of the split from those that differ because of the baseline."""
        sa, sb = da.scenario.assumptions, db.scenario.assumptions
        if sa == sb:
            self.baseline_notice.hide()
            return
        ground = "baseline" if sa.baseline != sb.baseline else "assumptions"
        bl = da.dataset.baselines
        if ground == "baseline":
            text = f"A and B stand on different baselines: A on {bl[sa.baseline].label}, B on {bl[sb.baseline].label}."
        else:
            text = "A and B stand on the same baseline but different assumptions (swing, transfers or adjustments)."
        causes = split_or_baseline(da.scenario, da.evaluation, db.scenario, db.evaluation, da.engine)
        if causes is None:
            text += " They have different partners, so the split cannot be put on one ground."
        else:
            differ = set(c.seats["ac_no"].tolist())  # a seat whose two changes cancel out does not differ
            split, other = set(causes[0]) & differ, set(causes[1]) & differ
            why = {ac: " and ".join(w for w, s in (("split", split), (ground, other)) if ac in s)
                   for ac in c.seats["ac_no"].tolist()}
            c.seats["why"] = [why[ac] or "—" for ac in c.seats["ac_no"].tolist()]
            text += (f" Of the {len(c.seats)} seats that differ, {len(split)} differ because of the split "
                     f"(B's split on A's {ground}) and {len(other)} because of the {ground} "
                     f"(B's split on each {ground}); {len(split & other)} for both.")
        self.baseline_notice.setText(text)
        self.baseline_notice.show()

    def _export(self):
        if self.comparison is None:
            return
        path = self.w.files.pick_save("Export comparison", "comparison.csv", "CSV (*.csv)")
        if not path:
            return
        try:
            write_comparison_csv(path, self.comparison)
        except OSError as e:
            self.w.files.show_error("Cannot export", f"{path}: {e.strerror or e}")
