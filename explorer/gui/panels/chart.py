"""Chart panel: projected seats stacked by party against the majority line, and the per-PC
split of the seats each partner contests. matplotlib's Figure on a Qt canvas (no pyplot).

The artists are made once and updated in place (widths, positions, texts), then drawn with
draw_idle, and only while the panel's dock tab is in front: a hidden chart costs nothing."""
from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...core.pools import pool_colour_hex
from ..document import Binding, Document, shape_of


class ChartPanel(QWidget):
    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self._binding = Binding()
        self._shape = None
        self.figure = Figure(figsize=(4.2, 4.6), dpi=100)
        self.figure.set_facecolor("white")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setObjectName("chart")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.canvas)
        gs = self.figure.add_gridspec(2, 1, height_ratios=[1, 2.6], hspace=0.55)
        self.ax_seats = self.figure.add_subplot(gs[0])
        self.ax_pc = self.figure.add_subplot(gs[1])
        self.figure.subplots_adjust(left=0.36, right=0.97, top=0.92, bottom=0.1)
        self.active = True     # False while the dock tab is behind another
        self._stale = True
        self._parties_key = None
        self.draws = 0
        self.set_document(doc)

    def set_document(self, doc: Document) -> None:
        """Follow another document; the axes are rebuilt when its data set or partners differ."""
        self.doc = doc
        self._binding.bind(doc, evaluated=self._on_evaluated)
        if shape_of(doc) != self._shape:
            self._shape = shape_of(doc)
            self.ax_pc.clear()
            self._build_pc_axes()
            self._parties_key = None
        self._on_evaluated(doc.evaluation)

    # -- visibility -------------------------------------------------------------------
    def set_active(self, active: bool) -> None:
        self.active = active
        if active and self._stale:
            self.refresh()

    def _on_evaluated(self, _ev):
        self._stale = True
        if self.active and self.isVisible():
            self.refresh()

    def showEvent(self, e):
        super().showEvent(e)
        if self._stale and self.active:
            self.refresh()

    # -- artists ----------------------------------------------------------------------
    def _style(self, ax, title):
        ax.set_title(title, fontsize=9, loc="left")
        ax.tick_params(axis="x", labelsize=7)
        for s in ("top", "right"):
            ax.spines[s].set_visible(False)

    def _build_seat_axes(self, parties: list[str]) -> None:
        """One rectangle and label per party in each of the two rows; rebuilt only when the
        baseline's party list changes."""
        ax = self.ax_seats
        ax.clear()
        ds = self.doc.dataset
        self._seat_bars = {}
        for row in (0, 1):
            for i, party in enumerate(parties):
                (rect,) = ax.barh(row, 0, left=0, color=ds.party_colour(party), edgecolor="white", height=0.7)
                txt = ax.text(0, row, "", ha="center", va="center", fontsize=7.5, color="white",
                              fontweight="bold")
                self._seat_bars[(row, i)] = (rect, txt)
        majority = ds.majority
        ax.axvline(majority - 0.5, color="#222", linestyle="--", linewidth=1.2)
        ax.set_yticks([0, 1], ["Baseline", "Projected"], fontsize=8)
        ax.set_xticks(sorted({0, majority, ds.seats.n}))
        ax.set_xlim(0, ds.seats.n)
        ax.set_ylim(-0.5, 1.5)
        self._seat_title = ax.set_title("", fontsize=9, loc="left")
        self._style(ax, "")

    def _build_pc_axes(self) -> None:
        ax = self.ax_pc
        ds, pools = self.doc.dataset, self.doc.pools
        names = ds.seats.pc_names
        self._pc_y = np.arange(len(names))[::-1]
        colours = [pool_colour_hex(pools, j) for j in range(len(pools))]
        self._pc_bars, self._pc_texts = [], []
        for j in range(len(pools)):
            bars = ax.barh(self._pc_y, np.zeros(len(names)), color=colours[j], edgecolor="white", height=0.72,
                           hatch="///" if j == pools.contested else None, label=pools.label(j))
            self._pc_bars.append(bars)
            self._pc_texts.append([ax.text(0, y, "", ha="center", va="center", fontsize=7, color="white")
                                   for y in self._pc_y])
        ax.set_yticks(self._pc_y, names, fontsize=7)
        counts = np.bincount(ds.seats.pc_index)
        ax.set_xlim(0, int(counts.max()))
        self._style(ax, "Seats per pool in each Lok Sabha seat")
        ax.legend(fontsize=7, ncol=len(pools), loc="upper center", bbox_to_anchor=(0.4, -0.07), frameon=False,
                  handlelength=1.2, columnspacing=0.8)

    def refresh(self):
        ev = self.doc.evaluation
        pr = ev.projection
        key = (tuple(pr.parties), id(self.doc.dataset))
        if key != self._parties_key:
            self._build_seat_axes(pr.parties)
            self._parties_key = key
        for row, counts in ((1, pr.seat_counts), (0, ev.baseline_seat_counts)):
            left = 0
            for i in ev.party_order:
                rect, txt = self._seat_bars[(row, i)]
                n = int(counts[i])
                rect.set_x(left)
                rect.set_width(n)
                txt.set_position((left + n / 2, row))
                txt.set_text("" if n < 4 else (f"{pr.parties[i]} {n}" if n >= 9 else str(n)))
                left += n
        v = ev.verdict
        self.ax_seats.set_title(f"Seats of {v.seats}: alliance {v.alliance}, majority {v.majority} (dashed)",
                                fontsize=9, loc="left")
        by_pc = ev.pc_split.counts
        left = np.zeros(by_pc.shape[0])
        for j, (bars, texts) in enumerate(zip(self._pc_bars, self._pc_texts)):
            vals = by_pc[:, j]
            for k, (rect, txt) in enumerate(zip(bars.patches, texts)):
                rect.set_x(left[k])
                rect.set_width(vals[k])
                txt.set_position((left[k] + vals[k] / 2, self._pc_y[k]))
                txt.set_text(str(int(vals[k])) if vals[k] >= 2 else "")
            left += vals
        self._stale = False
        self.draws += 1
        self.canvas.draw_idle()
