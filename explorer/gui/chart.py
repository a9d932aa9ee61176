"""Chart panel: projected seats stacked by party against the majority line, and the per-PC
split of the seats each partner contests. matplotlib's Figure on a Qt canvas (no pyplot);
redrawn with draw_idle, and only while the panel is visible."""
from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QVBoxLayout, QWidget

from .style import CONTESTED_COLOUR, UNASSIGNED_COLOUR


class ChartPanel(QWidget):
    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
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
        self.figure.subplots_adjust(left=0.30, right=0.97, top=0.92, bottom=0.08)
        self._stale = True
        self.draws = 0
        doc.evaluated.connect(self._on_evaluated)

    def _on_evaluated(self, _ev):
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, e):
        super().showEvent(e)
        if self._stale:
            self.refresh()

    def refresh(self):
        ev = self.doc.evaluation
        ds, pools = self.doc.dataset, self.doc.pools
        pr, pb = ev.projection, ev.projector.prepared
        ax = self.ax_seats
        ax.clear()
        # projected and baseline seats, alliance partners first
        baseline_counts = np.bincount(pb.leader, minlength=len(pr.parties))
        order = list(range(pr.n_partners)) + sorted(
            range(pr.n_partners, len(pr.parties)), key=lambda i: -pr.seat_counts[i])
        for row, counts in ((1, pr.seat_counts), (0, baseline_counts)):
            left = 0
            for i in order:
                n = int(counts[i])
                if n == 0:
                    continue
                ax.barh(row, n, left=left, color=ds.party_colour(pr.parties[i]), edgecolor="white", height=0.7)
                if n >= 4:
                    ax.text(left + n / 2, row, f"{pr.parties[i]} {n}" if n >= 9 else str(n),
                            ha="center", va="center", fontsize=7.5, color="white", fontweight="bold")
                left += n
        ax.axvline(pr.majority - 0.5, color="#222", linestyle="--", linewidth=1.2)
        ax.text(pr.majority, 1.62, f"majority {pr.majority}", ha="center", va="bottom", fontsize=8)
        ax.set_yticks([0, 1], ["Baseline", "Projected"], fontsize=8)
        ax.set_xlim(0, ds.seats.n)
        ax.set_ylim(-0.5, 1.9)
        ax.tick_params(axis="x", labelsize=7)
        ax.set_title(f"Seats (of {ds.seats.n}) — alliance {pr.alliance_seats}", fontsize=9, loc="left")
        for s in ("top", "right"):
            ax.spines[s].set_visible(False)

        ax = self.ax_pc
        ax.clear()
        by_pc = ev.breakdown.by_pc
        names = ds.seats.pc_names
        y = np.arange(len(names))[::-1]
        left = np.zeros(len(names))
        colours = [p.colour for p in pools.partners] + [CONTESTED_COLOUR, UNASSIGNED_COLOUR]
        for j in range(len(pools)):
            vals = by_pc[:, j]
            ax.barh(y, vals, left=left, color=colours[j], edgecolor="white", height=0.72,
                    hatch="///" if j == pools.contested else None, label=pools.label(j))
            for yy, l, v in zip(y, left, vals):
                if v >= 2:
                    ax.text(l + v / 2, yy, str(int(v)), ha="center", va="center", fontsize=7, color="white")
            left += vals
        ax.set_yticks(y, names, fontsize=7.5)
        ax.set_xlim(0, max(1, int(left.max())))
        ax.tick_params(axis="x", labelsize=7)
        ax.set_title("Seats per pool in each Lok Sabha seat", fontsize=9, loc="left")
        ax.legend(fontsize=7, ncol=len(pools), loc="upper center", bbox_to_anchor=(0.4, -0.06), frameon=False,
                  handlelength=1.2, columnspacing=0.8)
        for s in ("top", "right"):
            ax.spines[s].set_visible(False)
        self._stale = False
        self.draws += 1
        self.canvas.draw_idle()
