"""The price of each concession: for k = lo … hi seats to one partner, the best expected alliance
seats under the other rules (the partner's own seat bounds set aside) and that split's
P(majority), as a chart and a table. The rules are hard or soft as in the last Optimise…;
computed off the GUI thread on request."""
from __future__ import annotations

import weakref

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSizePolicy, QSpinBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from dataclasses import dataclass

from ...core import optimise as O
from ..jobs import JobLane, run_job
from ..live_uncertainty import cached_params
from ...core.uncertainty import probability_percent

SEATS_C, PMAJ_C = QColor("#2B5C8A"), QColor("#B26A00")


@dataclass(frozen=True)
class Frontier:
    """The frontier of one partner: a row per k (``Optimiser.frontier``)."""
    partner: str
    rows: list[dict]


def frontier_of(req, code: str, ks: range):
    """The job: the frontier of ``code`` over ``ks`` on a snapshot, with the optimiser's choices ``req``."""
    def op(snap, job) -> Frontier:
        ds = snap.dataset
        opt = O.Optimiser(ds, snap, cached_params(ds, req.level), req.draws, soft=req.soft,
                          friendly=req.friendly, fight_pairs=req.fight_pairs if req.friendly == "all" else (),
                          cancel=lambda: job.cancelled)
        return Frontier(code, opt.frontier(code, ks))
    return op


class FrontierPlot(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self):
        return QSize(360, 200)

    def set_rows(self, rows):
        self.rows = rows
        self.update()

    def paintEvent(self, _):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        ok = [r for r in self.rows if r["expected_alliance"] is not None]
        if not ok:
            p.setPen(QColor("#777"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       "No frontier yet: pick a partner and press Compute." if not self.rows else
                       "Every k is infeasible under the hard rules: make a rule soft in Optimise….")
            return
        f = QFont(self.font())
        f.setPointSizeF(max(7.0, f.pointSizeF() - 1.5))
        p.setFont(f)
        plot = QRectF(34, 18, self.width() - 72, self.height() - 38)
        ks = np.array([r["k"] for r in ok], dtype=float)
        es = np.array([r["expected_alliance"] for r in ok])
        pm = np.array([r["p_majority"] or 0.0 for r in ok])
        k0, k1 = ks.min(), max(ks.max(), ks.min() + 1)
        e0, e1 = np.floor(es.min() - 0.5), np.ceil(es.max() + 0.5)

        def X(k):
            return plot.left() + (k - k0) / (k1 - k0) * plot.width()

        def YE(e):
            return plot.bottom() - (e - e0) / max(e1 - e0, 1e-9) * plot.height()

        def YP(v):
            return plot.bottom() - v * plot.height()
        p.setPen(QColor("#999"))
        p.drawRect(plot)
        for series, Y, col in ((es, YE, SEATS_C), (pm, YP, PMAJ_C)):
            path = QPainterPath(QPointF(X(ks[0]), Y(series[0])))
            for k, v in zip(ks[1:], series[1:]):
                path.lineTo(QPointF(X(k), Y(v)))
            p.setPen(QPen(col, 2))
            p.drawPath(path)
            for k, v in zip(ks, series):
                p.drawEllipse(QPointF(X(k), Y(v)), 2, 2)
        p.setPen(SEATS_C)
        p.drawText(QRectF(0, YE(e1) - 7, 31, 14), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{e1:g}")
        p.drawText(QRectF(0, YE(e0) - 7, 31, 14), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{e0:g}")
        p.drawText(QRectF(plot.left(), 2, plot.width(), 14), Qt.AlignmentFlag.AlignLeft, "expected alliance seats")
        p.setPen(PMAJ_C)
        p.drawText(QRectF(plot.right() + 3, plot.top() - 7, 40, 14), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "100 %")
        p.drawText(QRectF(plot.right() + 3, plot.bottom() - 7, 40, 14), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "0 %")
        p.drawText(QRectF(plot.left(), 2, plot.width(), 14), Qt.AlignmentFlag.AlignRight, "P(majority)")
        p.setPen(QColor("#444"))
        step = max(1, int(np.ceil((k1 - k0) / 10)))
        for k in range(int(k0), int(k1) + 1, step):
            p.drawText(QRectF(X(k) - 15, plot.bottom() + 2, 30, 14), Qt.AlignmentFlag.AlignCenter, str(k))
        p.end()


class FrontierPanel(QWidget):
    def __init__(self, doc, request_of, parent=None):
        """``request_of()``: the optimiser choices (optimise_dialog.Request) to use."""
        super().__init__(parent)
        self.request_of = request_of
        self.computing = False
        self.rows: list[dict] = []
        self.lane = JobLane()
        self._doc_rows = weakref.WeakKeyDictionary()      # per document left: its rows and note
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        # two rows: in one the controls were wider than the dock's column at 1366x768 (a sideways
        # scroll bar, Compute cut)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Seats to"))
        self.partner = QComboBox()
        self.partner.setObjectName("frontier_partner")
        self.partner.currentIndexChanged.connect(self._partner_changed)
        bar.addWidget(self.partner, 1)
        self.compute_btn = QPushButton("Compute")
        self.compute_btn.setObjectName("frontier_compute")
        self.compute_btn.clicked.connect(self.compute)
        bar.addWidget(self.compute_btn)
        lay.addLayout(bar)
        span = QHBoxLayout()
        span.addWidget(QLabel("k from"))
        self.lo = QSpinBox()
        span.addWidget(self.lo)
        span.addWidget(QLabel("to"))
        self.hi = QSpinBox()
        span.addWidget(self.hi)
        span.addStretch(1)
        lay.addLayout(span)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#555;")
        lay.addWidget(self.note)
        self.plot = FrontierPlot()
        lay.addWidget(self.plot, 2)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("frontier_table")
        self.table.setHorizontalHeaderLabels(["k", "Expected seats", "P(majority)"])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.table, 1)
        self.set_document(doc)

    def set_document(self, doc) -> None:
        """The document shown: its own frontier, if one was computed for it (another tab's is
        never shown for this one), else none yet."""
        old = getattr(self, "doc", None)
        if old is not None and old is not doc:
            self._doc_rows[old] = (self.rows, self.note.text())
        self.doc = doc
        codes = [p.code for p in doc.pools.partners]
        repartnered = [self.partner.itemText(i) for i in range(self.partner.count())] != codes
        if repartnered:
            self.partner.blockSignals(True)
            self.partner.clear()
            self.partner.addItems(codes)
            self.partner.blockSignals(False)
            n = doc.dataset.seats.n
            self.lo.setRange(0, n)
            self.hi.setRange(0, n)
            self._partner_changed()
        if old is not doc or repartnered:     # another partner list: its frontier is no more
            rows, note = self._doc_rows.pop(doc, ([], "")) if old is not doc else ([], "")
            self._show_rows(rows)
            self.note.setText(note)

    def _partner_changed(self, *_):
        """k from the partner's seats now less 10 to them plus 10 (within the state's seats): where
        its price is asked (Tamil Nadu's DMK has 188; 0 to 20 told nothing of it)."""
        if self.partner.count() == 0 or not hasattr(self, "doc"):
            return
        n = self.doc.dataset.seats.n
        has = int((self.doc.scenario.pool == self.partner.currentIndex()).sum())   # partner j is pool j
        self.lo.setValue(max(0, has - 10))
        self.hi.setValue(min(n, max(has + 10, 20)))

    def compute(self) -> None:
        if self.computing:
            return
        req = self.request_of()
        doc, code = self.doc, self.partner.currentText()
        lo, hi = sorted((self.lo.value(), self.hi.value()))
        self.computing = True
        self.compute_btn.setEnabled(False)
        soft = ", ".join(req.soft) or "none"
        self.note.setText(f"Computing {code} k = {lo}…{hi} (soft rules: {soft})…")
        run_job(doc.snapshot(), frontier_of(req, code, range(lo, hi + 1)), lambda out: self._arrived(out, doc),
                self._failed, owner=self, lane=self.lane)

    def _failed(self, text):
        self.computing = False
        self.compute_btn.setEnabled(True)
        self.note.setText("Could not compute: " + text.splitlines()[0])

    def _arrived(self, out: Frontier, doc=None) -> None:
        self.computing = False
        self.compute_btn.setEnabled(True)
        if doc is not None and doc is not self.doc:     # asked for another tab's scenario: kept for it
            self._doc_rows[doc] = (out.rows, self._note_of(out.rows))
            return
        self._show_rows(out.rows)
        self.note.setText(self._note_of(out.rows))

    def _note_of(self, rows: list) -> str:
        req = self.request_of()
        ok = [x for x in rows if x["expected_alliance"] is not None]
        best = max(ok, key=lambda x: x["expected_alliance"]) if ok else None
        by_id = {r.id: r for r in self.doc.scenario.rules.rules}
        soft = "; ".join(by_id[rid].describe(self.doc.dataset.seats) if rid in by_id else rid for rid in req.soft)
        return ((f"Best at k = {best['k']}: {best['expected_alliance']:.2f} expected seats. " if best else
                 "No k meets the hard rules. ") + f"Soft rules (as in Optimise…): {soft or 'none'}.")

    def _show_rows(self, rows: list) -> None:
        self.rows = rows
        self.plot.set_rows(rows)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            e, pm = row["expected_alliance"], row["p_majority"]
            for c, text in enumerate((str(row["k"]), "infeasible" if e is None else f"{e:.2f}",
                                      "" if pm is None else probability_percent(pm))):
                it = QTableWidgetItem(text)
                it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, it)
