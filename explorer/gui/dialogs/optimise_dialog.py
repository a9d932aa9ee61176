"""Optimise…: complete the split for the most expected seats (or P(majority)) under the rules.

Pick the objective, mark each rule hard or soft (a soft rule may be broken at a cost in
expected seats per seat short), lock the selected seats, run (off the GUI thread, with progress
and a Cancel), and see the proposal beside the current split: expected seats and P(majority)
before and after, the rules kept or broken, the seats that change. Apply puts the proposal on
the undo stack as one step (the core's SetPools command)."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem,
                               QProgressBar, QPushButton, QStyle,
                               QSpinBox, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...core import optimise as O
from ..style import plain_rich
from ..jobs import run_job
from ..live_uncertainty import Settings, cached_params
from ...core.uncertainty import probability_percent
from ..view_fit import OnWidthChange, fit_height_to_rows

FACTION_COST = 0.5      # the cost a faction claim starts soft with (expected seats per seat short)
KIND_LABELS = {"must_have": "must-have", "faction_claim": "faction claim", "regional_minimum": "regional minimum",
               "seat_bounds": "seat bounds"}


@dataclass
class Request:
    """What to optimise: the choices of the dialog."""
    objective: str = "seats"
    soft: dict = field(default_factory=dict)      # rule id -> cost (expected seats per seat short)
    locked: tuple = ()
    friendly: str = "none"                        # "all" or "none"
    fight_pairs: tuple = ()                       # 3+ partners: the pairs that may fight (code tuples)
    draws: int = O.DEFAULT_DRAWS
    level: str = "fitted"
    time_limit: float = O.DEFAULT_TIME_LIMIT


def optimise(req: Request):
    """The job: the optimiser on a snapshot of the scenario; its Proposal carries the current
    split's and the proposal's figures. ``req.time_limit`` bounds the whole question (the
    simulation, the solve and the prices): at the limit, or on Stop, the best split found so far."""
    def op(snap, job):
        ds = snap.dataset
        params = cached_params(ds, req.level)
        budget = O.Budget.whole(req.time_limit, job.progress, lambda: job.cancelled)
        opt = O.Optimiser(ds, snap, params, req.draws, locked=req.locked, friendly=req.friendly,
                          fight_pairs=req.fight_pairs if req.friendly == "all" else (), soft=req.soft,
                          budget=budget)
        return opt.optimise(req.objective)
    return op


class OptimiseDialog(QDialog):
    ran = Signal(object)       # the Request of each run
    proposed = Signal(object)  # (pools, fight masks or None) of each proposal found

    def __init__(self, doc, selected=(), settings: Settings | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Optimise the split")
        self.setObjectName("optimise_dialog")
        self.doc = doc
        self.selected = tuple(sorted(int(a) for a in selected))
        self.settings = settings or Settings()
        self.result = None
        self.job = None
        self.running = False
        lay = QVBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self._build_choices())
        split.addWidget(self._build_result())
        split.setSizes([430, 620])
        lay.addWidget(split, 1)
        bar = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("optimise_progress")
        self.progress.setTextVisible(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        bar.addWidget(self.progress, 1)
        self.run_btn = QPushButton("Run")
        self.run_btn.setObjectName("optimise_run")
        self.run_btn.setDefault(True)
        self.run_btn.clicked.connect(self.run)
        self.cancel_btn = QPushButton("Stop")
        self.cancel_btn.setEnabled(False)
        self.cancel_btn.clicked.connect(self.cancel)
        bar.addWidget(self.run_btn)
        bar.addWidget(self.cancel_btn)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Close)
        self.apply_btn = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_btn.setText("Apply the proposal")
        self.apply_btn.setEnabled(False)
        self.apply_btn.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        bar.addWidget(self.buttons)
        lay.addLayout(bar)
        self.resize(1080, 620)

    # -- the choices ---------------------------------------------------------------------------------
    def _build_choices(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        g = QGridLayout()
        g.addWidget(QLabel("Objective"), 0, 0)
        self.objective = QComboBox()
        self.objective.setObjectName("optimise_objective")
        self.objective.addItem("Most expected seats", "seats")
        self.objective.addItem("Highest P(majority)", "majority")
        self.objective.setToolTip("Expected seats: the sum of each seat's P(the alliance wins). P(majority) is "
                                  "optimised on a sample of 400 draws; if it does not solve in time, expected seats.")
        g.addWidget(self.objective, 0, 1)
        g.addWidget(QLabel("Draws"), 1, 0)
        self.draws = QSpinBox()
        self.draws.setRange(500, 50_000)
        self.draws.setSingleStep(500)
        self.draws.setGroupSeparatorShown(True)
        self.draws.setValue(O.DEFAULT_DRAWS)
        g.addWidget(self.draws, 1, 1)
        g.setColumnStretch(1, 1)
        v.addLayout(g)
        self.lock = QCheckBox(f"Lock the {len(self.selected)} selected seat{'s' if len(self.selected) != 1 else ''} "
                              "(they keep their pool)")
        self.lock.setObjectName("optimise_lock")
        self.lock.setEnabled(bool(self.selected))
        self.lock.setChecked(bool(self.selected))
        v.addWidget(self.lock)
        self.friendly = QCheckBox("Allow friendly fights (Contested) where they are better")
        v.addWidget(self.friendly)
        # with three or more partners a fight may be between two of them only: the pairs allowed
        self.pairs_label, self.pairs = QLabel("…or between two partners only:"), _pairs_list(self.doc.pools.partners)
        for wdg in (self.pairs_label, self.pairs):
            wdg.setVisible(len(self.doc.pools.partners) >= 3)
            wdg.setEnabled(False)
            self.friendly.toggled.connect(wdg.setEnabled)
            v.addWidget(wdg)
        rl = QLabel("<b>Rules</b>: a hard rule must hold; a soft one may be broken at a cost in expected seats "
                    "per seat short")
        rl.setWordWrap(True)
        v.addWidget(rl)
        self.rules = QTableWidget(0, 3)
        self.rules.setObjectName("optimise_rules")
        self.rules.setHorizontalHeaderLabels(["Rule", "Hard / soft", "Cost"])
        self.rules.verticalHeader().hide()
        self.rules.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        h = self.rules.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.rule_ids: list[str] = []
        self.hardness: dict[str, QComboBox] = {}
        self.costs: dict[str, QDoubleSpinBox] = {}
        for r in self.doc.scenario.rules.rules:
            if not r.enabled or r.kind not in O.CONSTRAINT_KINDS:
                continue
            row = self.rules.rowCount()
            self.rules.insertRow(row)
            text = r.describe(self.doc.dataset.seats)
            item = QTableWidgetItem(f"{text}\n{KIND_LABELS.get(r.kind, r.kind)} · {r.id}")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(plain_rich(text))
            self.rules.setItem(row, 0, item)
            hs = QComboBox()
            hs.addItem("hard", False)
            hs.addItem("soft", True)
            hs.setObjectName(f"hardness_{r.id}")
            cost = QDoubleSpinBox()
            cost.setRange(0.0, 10.0)
            cost.setDecimals(2)
            cost.setSingleStep(0.1)
            cost.setEnabled(False)
            cost.setToolTip("Expected seats given up per seat short when this rule is broken (0: free)")
            hs.currentIndexChanged.connect(lambda _i, hs=hs, cost=cost: cost.setEnabled(bool(hs.currentData())))
            self.rules.setCellWidget(row, 1, hs)
            self.rules.setCellWidget(row, 2, cost)
            self.rule_ids.append(r.id)
            self.hardness[r.id], self.costs[r.id] = hs, cost
            if r.kind == "faction_claim":      # a faction's claim starts soft (see the note under the rules)
                self.set_soft(r.id, True, FACTION_COST)
        self._fit_rule_rows()
        # each rule's lines whole at the width its column has (sized before the dialog was, rows
        # of two lines of text lost their third, the kind and id, to "…")
        OnWidthChange(self.rules, self._fit_rule_rows)
        v.addWidget(self.rules, 1)
        soft_start = [rid for rid in self.rule_ids if self.hardness[rid].currentData()]
        if soft_start:
            note = QLabel(f"Faction claims start soft (a cost of {FACTION_COST:g} expected seats per seat short): "
                          "a faction's claim on seats another partner must have cannot hold with every other rule "
                          "hard, and a run with all of them hard finds no split. Make one hard to insist on it.")
            note.setObjectName("optimise_soft_note")
            note.setWordWrap(True)
            v.addWidget(note)
        from ...core.baseline_gaps import warning
        gap = warning(self.doc.dataset, self.doc.scenario.assumptions.baseline, self.doc.pools.partners)
        self.baseline_warning = QLabel(gap)
        self.baseline_warning.setObjectName("optimise_baseline_warning")
        self.baseline_warning.setWordWrap(True)
        self.baseline_warning.setStyleSheet("color:#8A5300;")
        self.baseline_warning.setVisible(bool(gap))
        v.addWidget(self.baseline_warning)
        return box

    def _fit_rule_rows(self) -> None:
        """Each rule's row as tall as its text wrapped at its column's width, less the item's text
        margins (the delegate's own size hint measured it wider than it paints it, and cut a line)."""
        t = self.rules
        fm, style = t.fontMetrics(), t.style()
        pad = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 1
        room = max(20, t.columnWidth(0) - pad)
        for r in range(t.rowCount()):
            text = t.item(r, 0).text()
            need = fm.boundingRect(0, 0, room, 100_000, int(Qt.TextFlag.TextWordWrap), text).height() + 6
            widgets = max((t.cellWidget(r, c).sizeHint().height() for c in (1, 2) if t.cellWidget(r, c)), default=0)
            t.setRowHeight(r, max(need, widgets))

    def set_soft(self, rule_id: str, soft: bool = True, cost: float = 0.0) -> None:
        self.hardness[rule_id].setCurrentIndex(1 if soft else 0)
        self.costs[rule_id].setValue(cost)

    def request(self) -> Request:
        soft = {rid: float(self.costs[rid].value()) for rid in self.rule_ids if self.hardness[rid].currentData()}
        items = [self.pairs.item(k) for k in range(self.pairs.count())] if self.friendly.isChecked() else []
        pairs = tuple(it.data(Qt.ItemDataRole.UserRole) for it in items if it.checkState() == Qt.CheckState.Checked)
        return Request(self.objective.currentData(), soft, self.selected if self.lock.isChecked() else (),
                       "all" if self.friendly.isChecked() else "none", tuple(pairs), int(self.draws.value()),
                       self.settings.level)

    # -- the result ------------------------------------------------------------------------------------
    def _build_result(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel("Choose, then Run.")
        self.status.setObjectName("optimise_status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        v.addWidget(self.status)
        fig = QGroupBox("Current split and proposal")
        fl = QVBoxLayout(fig)
        self.figures = QTableWidget(0, 3)
        self.figures.setObjectName("optimise_figures")
        self.figures.setHorizontalHeaderLabels(["", "Current", "Proposal"])
        self.figures.verticalHeader().hide()
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.setWordWrap(True)
        fh = self.figures.horizontalHeader()
        fh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        fh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        fh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # as tall as its rows (a dozen: a half row and a scroll bar before, with the seats that
        # change below in room to spare); the seats that change take the rest
        self.figures.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        OnWidthChange(self.figures, self._fit_figures)
        fl.addWidget(self.figures)
        v.addWidget(fig)
        self.changes_label = QLabel("Seats that change")
        v.addWidget(self.changes_label)
        self.changes = QTableWidget(0, 5)
        self.changes.setObjectName("optimise_changes")
        self.changes.setHorizontalHeaderLabels(["No.", "Constituency", "Now → proposal", "P(win) now", "proposal"])
        self.changes.verticalHeader().hide()
        self.changes.verticalHeader().setDefaultSectionSize(20)
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.setSortingEnabled(True)
        ch = self.changes.horizontalHeader()
        ch.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ch.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        v.addWidget(self.changes, 1)
        return box

    # -- running ----------------------------------------------------------------------------------------
    def run(self) -> None:
        if self.running:
            return
        self.running = True
        self.run_btn.setEnabled(False)
        self.cancel_btn.setEnabled(True)
        self.apply_btn.setEnabled(False)
        self.progress.setRange(0, 0)   # busy until the first step is reported
        self.progress.setFormat("simulating…")
        self.status.setText("Simulating every seat under each pool, then solving…")
        req = self._req = self.request()
        self.ran.emit(req)
        self.job = run_job(self.doc.snapshot(), optimise(req), self._done, self._failed, owner=self,
                           on_progress=self._on_progress)

    def cancel(self) -> None:
        """Stop the solve under way: the best split found so far is shown."""
        if self.job is not None:
            self.job.cancel()

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.progress.setFormat(f"{stage}… %p%")

    def _finish(self):
        self.running = False
        self.run_btn.setEnabled(True)
        self.cancel_btn.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.progress.setFormat("done")

    def _failed(self, text: str) -> None:
        self._finish()
        self.status.setText("The optimiser failed: " + text.splitlines()[0])

    def _done(self, out) -> None:
        self._finish()
        self.result = out
        self.show_result()
        if out.proposed is not None:
            self.proposed.emit((out.proposed.pools, out.proposed.fight_masks))

    def show_result(self) -> None:
        res, ds = self.result, self.doc.dataset
        seats = ds.seats
        if res.status == "infeasible":
            names = _some([f"{a} {seats.name(a)}" for a in res.conflict_seats], 20)
            which = "A smallest conflicting set" if not res.stopped else \
                "A conflicting set (the search stopped at the time limit; a smaller one may exist)"
            self.status.setText(f"The hard rules cannot all hold. {which}: "
                                f"{_some(res.conflicting_rules, 12)} (over {names}). Make one of them soft, then Run.")
            self.figures.setRowCount(0)
            self.changes.setRowCount(0)
            return
        if res.pools is None:
            fig = res.current_figures
            now = (f" The scenario stays as it is: {fig[0]:.1f} expected alliance seats, P(majority) {_pct(fig[1])}."
                   if fig else "")
            self.status.setText((f"No split found: {res.stopped}." if res.stopped else
                                 res.note or f"No proposal ({res.status}).") + now)
            return
        now, new = res.current, res.proposed
        note = f" — {res.note}" if res.note else ""
        goal = "the most expected seats" if res.objective == "seats" else "the highest P(majority)"
        # (the baseline's gaps are said once, under the rules: the status repeated them word for word)
        moved = np.flatnonzero(now.choices != new.choices)
        filler = hopeless_note(now.win_prob[moved], new.win_prob[moved])
        self.status.setText(f"Proposal: {'the best split' if res.status == 'optimal' else 'the best split found'} "
                            f"for {goal} under the hard rules{note}" +
                            (f". Stopped: {res.stopped}." if res.stopped and res.stopped != res.note else ".") + filler)
        pools = self.doc.pools
        # on the optimiser's own draws (4,000 by default; fewer where its note says so): the
        # scoreboard's figures, on the live uncertainty's 10,000, can differ from them by a point
        draws = f"{self._req.draws:,} draws"
        rows = [(f"Expected alliance seats ({draws})", f"{now.expected_alliance:.1f}", f"{new.expected_alliance:.1f}"),
                (f"P(majority of {ds.majority}) ({draws})", _pct(now.p_majority), _pct(new.p_majority))]
        for c in range(len(pools)):
            rows.append((f"Seats {pools.label(c)}", str(int((now.pools == c).sum())), str(int((new.pools == c).sum()))))
        if res.fights_possible:
            rows.append(("Friendly fights between some partners", str(now.fights_between_some),
                         str(new.fights_between_some)))
        broken_c, broken_n = now.broken, new.broken
        soft = set(self._req.soft)
        by_id = {r.id: r for r in self.doc.scenario.rules.rules}
        for rid in self.rule_ids:
            rule = by_id.get(rid)
            rows.append((_rule_name(rule, rid, seats) + (" (soft)" if rid in soft else ""),
                         _kept(broken_c, rid, seats, rule, self.doc.pools, now.pools),
                         _kept(broken_n, rid, seats, rule, self.doc.pools, new.pools)))
        for rid, price in res.rule_prices.items():
            if price:
                rows.append((f"Price of {_rule_name(by_id.get(rid), rid, seats)}", "", f"{price:+.2f} seats if dropped"))
        self.figures.setRowCount(len(rows))
        for r, (k, a, b) in enumerate(rows):
            for c, text in enumerate((k, a, b)):
                self.figures.setItem(r, c, QTableWidgetItem(text))
        self._fit_figures()
        self.changes.setSortingEnabled(False)
        self.changes.setRowCount(len(moved))
        for r, i in enumerate(moved):
            a = int(seats.ac_no[i])
            num = QTableWidgetItem()
            num.setData(Qt.ItemDataRole.DisplayRole, a)
            vals = (num, QTableWidgetItem(seats.names[i]),
                    QTableWidgetItem(f"{now.labels[i]} → {new.labels[i]}"),
                    QTableWidgetItem(probability_percent(now.win_prob[i])),
                    QTableWidgetItem(probability_percent(new.win_prob[i])))
            for c, it in enumerate(vals):
                self.changes.setItem(r, c, it)
        self.changes.setSortingEnabled(True)
        self.changes_label.setText(f"Seats that change: {len(moved)}")
        self.apply_btn.setEnabled(len(moved) > 0)

    def _fit_figures(self) -> None:
        self.figures.resizeRowsToContents()
        fit_height_to_rows(self.figures, fixed=True)

    # -- applying ----------------------------------------------------------------------------------------
    def apply(self) -> bool:
        """The proposal as one undo step."""
        if self.result is None or self.result.pools is None:
            return False
        pool = self.doc.scenario.pool.copy()
        pool[:] = self.result.pools
        ok = self.doc.set_pools(pool, f"Optimised split ({self.result.objective})", fights=self.result.fights)
        if ok:
            self.accept()
        return ok

    def reject(self) -> None:
        self.cancel()
        super().reject()


def _pairs_list(partners) -> QListWidget:
    """Every pair of partners, each with a check box: the pairs that may fight each other."""
    pairs = QListWidget()
    pairs.setObjectName("optimise_fight_pairs")
    pairs.setToolTip("Where a friendly fight is allowed, it may also be between only these two partners "
                     "(the others stand aside)")
    for a, b in itertools.combinations([p.code for p in partners], 2):
        it = QListWidgetItem(f"{a} v {b}")
        it.setData(Qt.ItemDataRole.UserRole, (a, b))
        it.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        it.setCheckState(Qt.CheckState.Unchecked)
        pairs.addItem(it)
    pairs.setMaximumHeight(96)
    return pairs


def hopeless_note(p_now, p_new) -> str:
    """What the status says of the seats that change where no partner can win (P(win) under 0.5 %
    before and after: Tamil Nadu's Unassigned seats given to DMK at 0 % and 0 %), or ""."""
    hopeless = int(np.sum(np.maximum(np.asarray(p_now), np.asarray(p_new)) < 0.005))
    if not hopeless:
        return ""
    n = len(p_now)
    some = ("The seat" if n == 1 else "All the seats") if hopeless == n else f"{hopeless} of the {n} seats"
    return (f" {some} that change{'s' if n == 1 else ''} no partner can win (P(win) under 0.5 % either way): "
            f"the proposal gives {'them' if hopeless > 1 else 'it'} a candidate, nothing more.")


def _rule_name(rule, rid: str, seats) -> str:
    """A rule as the strategist reads it ("Hooda camp (INC) nominees: Jind, Pehowa, Kalayat"), not
    its file id ("hooda-nominees"); the id where the rule is not in the scenario any more."""
    return f"Rule {rid}" if rule is None else rule.describe(seats)


def _some(items: list, n: int) -> str:
    """The first ``n`` items, and how many more."""
    return ", ".join(str(x) for x in items[:n]) + (f" … and {len(items) - n:,} more" if len(items) > n else "")


def _pct(x) -> str:
    return "n/a" if x is None else probability_percent(x)


def _kept(broken: dict, rid: str, seats, rule=None, pools=None, pool=None) -> str:
    """'kept', or how the split breaks the rule: the seats for a seat rule (must-have, faction
    claim), the count for a count rule (seat bounds, regional minimum: 'AAP has 4 seats, below
    its bound of 5', not the other partners' seats)."""
    if rid not in broken:
        return "kept"
    if rule is not None and pools is not None and pool is not None and rule.kind in ("seat_bounds",
                                                                                    "regional_minimum"):
        from ...core.rules import Context
        cs = rule.evaluate(Context(seats, pools, pool, None))
        if cs:
            return "broken: " + cs[0].message
    if rid not in broken:
        return "kept"
    s = broken[rid]
    return "broken: " + ", ".join(seats.name(a) for a in s[:4]) + (" …" if len(s) > 4 else "")
