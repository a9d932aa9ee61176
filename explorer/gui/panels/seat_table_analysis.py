"""The seat table's columns from the analysis: P(win) (the live uncertainty, issue 17) and
the best partner with the cost of the current assignment (the who-contests figures, issue
18). A mixin of SeatTableModel: the figures arrive apart from the evaluation and only the
rows whose figure changed are signalled."""
from __future__ import annotations

import numpy as np

from ...core import optimise as O
from ..style import plain_rich
from .common import AC, ALIGN, DISPLAY, FOREGROUND, SORT, TOOLTIP, runs
from ...core.uncertainty import probability_percent


class AnalysisColumns:
    # -- P(win): the uncertainty's column (issue 17) -------------------------------------
    def set_p_win(self, p, stale: bool = False) -> None:
        """P(the alliance wins) per seat in seat order (None: not computed yet). Only the rows
        whose figure changed are signalled (a move changes the moved seats' P), found in one array
        comparison: the seats that did not change cost nothing here, at 90 seats or 4,100; a change
        of staleness greys or ungreys the whole column."""
        new = None if p is None else np.array(p, dtype=np.float64)     # a copy: the figures' own may change
        old, old_stale = self._p_win, self._p_stale
        self._p_win, self._p_stale = new, stale
        n = len(self._static)
        if not n or (old is None and new is None):
            return
        if stale != old_stale or old is None or new is None or len(old) != len(new):
            self.dataChanged.emit(self.index(0, self.C_PWIN), self.index(n - 1, self.C_PWIN))
            return
        for lo, hi in runs(np.flatnonzero(old[:n] != new[:n]).tolist()):
            self.dataChanged.emit(self.index(lo, self.C_PWIN), self.index(hi, self.C_PWIN))

    def _signal_changed(self, old, new, first: int, last: int, every: bool = False) -> None:
        """dataChanged for columns first..last of the rows whose figure differs between the
        per-seat lists ``old`` and ``new`` (all rows when either is None, or ``every``)."""
        n = len(self._static)
        if not n or old == new and not every:
            return
        if every or old is None or new is None or len(old) != len(new):
            self.dataChanged.emit(self.index(0, first), self.index(n - 1, last))
            return
        for lo, hi in runs([r for r in range(min(n, len(new))) if new[r] != old[r]]):
            self.dataChanged.emit(self.index(lo, first), self.index(hi, last))

    def _p_win_cell(self, r: int):
        """(text, colour) of row ``r``'s P(win) cell as its paint draws them: ``_p_win_data``'s
        display text and foreground in one call (the seat table's own paint asks for both)."""
        p = None if self._p_win is None or r >= len(self._p_win) else float(self._p_win[r])
        if p is None:
            return "…", self._stale_brush.color()
        text = probability_percent(p)
        if self._p_stale:
            return text, self._stale_brush.color()
        return text, (self._won_brush if p >= 0.5 else self._lost_brush).color()

    def _p_win_data(self, r: int, role):
        p = None if self._p_win is None or r >= len(self._p_win) else float(self._p_win[r])
        if role == DISPLAY:
            return "…" if p is None else probability_percent(p)
        if role == SORT:   # the closest seats first, then by P
            return 9.0 if p is None else round(abs(p - 0.5), 6) + p * 1e-7
        if role == ALIGN:
            return self._ALIGN[self.C_PWIN]
        if role == FOREGROUND:
            if p is None or self._p_stale:
                return self._stale_brush
            return self._won_brush if p >= 0.5 else self._lost_brush
        if role == AC:
            return self._static[r][0]
        if role == TOOLTIP and p is not None:
            return plain_rich(f"P(the alliance wins) {p * 100:.1f} %" + (" — updating" if self._p_stale else ""))
        return None

    # -- best partner and the cost of the assignment: the who-contests figures (issue 18) ------------
    def set_contest_figures(self, P) -> None:
        """The who-contests P (pool variants x seats) of the document shown, or None: the Best and
        Cost columns follow every move from it (a lookup, no simulation)."""
        self._contest_P = P
        self._refresh_contest()

    def _refresh_contest(self) -> None:
        P = self._contest_P
        self.set_contest(None if P is None else O.seat_contest(P, self.doc.pools, self.doc.scenario.pool))

    def set_contest(self, contest) -> None:
        """``contest``: optimise.SeatContest for the current split, or None (not computed)."""
        new = None if contest is None else list(zip(contest.best_code, [float(x) for x in contest.cost]))
        old, self._contest = self._contest, new
        self._signal_changed(old, new, self.C_BEST, self.C_COST)

    def _contest_data(self, r: int, c: int, role):
        v = None if self._contest is None or r >= len(self._contest) else self._contest[r]
        if role == DISPLAY:
            if v is None:
                return "…"
            return v[0] if c == self.C_BEST else (f"{v[1]:.2f}" if v[1] > 0.0005 else "—")
        if role == SORT:
            return ("" if v is None else v[0]) if c == self.C_BEST else (-1.0 if v is None else v[1])
        if role == ALIGN:
            return self._ALIGN.get(c)
        if role == FOREGROUND and c == self.C_COST and v is not None and v[1] > 0.0005:
            return self._lost_brush
        if role == AC:
            return self._static[r][0]
        if role == TOOLTIP and v is not None:
            return plain_rich(f"Better alone: {v[0]}" + (f"; the current pool costs {v[1]:.2f} expected seats"
                                                          if v[1] > 0.0005 else "; the current pool is as good"))
        return None
