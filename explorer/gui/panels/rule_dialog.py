"""The dialog that edits one rule (a faction claim, a must-have, a regional minimum, seat
bounds, the split-vote risk), with a searchable seat picker."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QSpinBox, QVBoxLayout,
                               QWidget)

from ...core.projection import REBEL_SHARE
from ...core.rules import KIND_LABELS, SEVERITIES, FactionClaim, MustHave, RegionalMinimum, SeatBounds, SplitVoteRisk


class SeatPicker(QWidget):
    """A searchable list of seats with check boxes."""
    changed = Signal()

    def __init__(self, seats, chosen=(), parent=None):
        super().__init__(parent)
        self.seats = seats
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search seats by name or number…")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("seat_picker")
        chosen = set(chosen)
        for ac, name in zip(seats.ac_no.tolist(), seats.names):
            it = QListWidgetItem(f"{ac} {name}")
            it.setData(Qt.ItemDataRole.UserRole, ac)
            it.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            it.setCheckState(Qt.CheckState.Checked if ac in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(it)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color:#444;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search)
        lay.addWidget(self.list)
        lay.addWidget(self.summary)
        self.search.textChanged.connect(self._filter)
        self.list.itemChanged.connect(self._update)
        self._update()

    def _filter(self, text):
        t = text.strip().lower()
        for i in range(self.list.count()):
            it = self.list.item(i)
            ac = it.data(Qt.ItemDataRole.UserRole)
            it.setHidden(bool(t) and not (t in it.text().lower() or t == str(ac)))

    def chosen(self) -> tuple[int, ...]:
        return tuple(self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                     if self.list.item(i).checkState() == Qt.CheckState.Checked)

    def set_chosen(self, acs) -> None:
        acs = set(acs)
        for i in range(self.list.count()):
            it = self.list.item(i)
            it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole) in acs else Qt.CheckState.Unchecked)

    def _update(self, *_):
        ch = self.chosen()
        self.summary.setText(f"{len(ch)} chosen: " + ", ".join(self.seats.names_of(ch)) if ch else "No seats chosen")
        self.changed.emit()


class RuleDialog(QDialog):
    """Edit one rule; ``result_rule`` holds the edited rule after accept."""

    def __init__(self, doc, rule, parent=None):
        super().__init__(parent)
        self.doc, self.rule = doc, rule
        self.result_rule = None
        self._opened: dict = {}  # spin box -> (value shown when opened, the rule's own value)
        seats = doc.dataset.seats
        self.setWindowTitle(f"{KIND_LABELS[rule.kind]} rule")
        self.resize(460, 560)
        form = QFormLayout()
        self.id_edit = QLineEdit(rule.id)
        form.addRow("Id", self.id_edit)
        self.partner = QComboBox()
        for p in doc.pools.partners:
            self.partner.addItem(f"{p.code} — {p.name}", p.code)
        if hasattr(rule, "partner"):
            self.partner.setCurrentIndex(max(0, self.partner.findData(rule.partner)))
            form.addRow("Partner", self.partner)
        self.faction = QLineEdit(getattr(rule, "faction", ""))
        if isinstance(rule, FactionClaim):
            form.addRow("Faction", self.faction)
        self.picker = None
        if isinstance(rule, (FactionClaim, MustHave)):
            self.picker = SeatPicker(seats, rule.seats)
            form.addRow("Seats", self.picker)
            # a rebel assumption: where the claim is denied, a rebel of the claimant stands
            self.rebel = QCheckBox("If denied, a rebel takes")
            self.rebel.setObjectName("rule_rebel")
            self.rebel.setChecked(rule.rebel is not None)
            self.rebel_share = QDoubleSpinBox()
            self.rebel_share.setObjectName("rule_rebel_share")
            self.rebel_share.setRange(0.0, 100.0)
            self.rebel_share.setDecimals(1)
            self.rebel_share.setSingleStep(5.0)
            self.rebel_share.setSuffix(" %")
            self.rebel_share.setValue(REBEL_SHARE * 100 if rule.rebel is None else rule.rebel * 100)
            self.rebel_share.setEnabled(self.rebel.isChecked())
            self.rebel.toggled.connect(self.rebel_share.setEnabled)
            tip = ("Where another partner takes the seat alone, a rebel of the claimant stands as an independent "
                   "with this share of the claimant's vote; the projection, the uncertainty and the optimiser "
                   "all see it")
            for wdg in (self.rebel, self.rebel_share):
                wdg.setToolTip(tip)
            row = QHBoxLayout()
            row.addWidget(self.rebel)
            row.addWidget(self.rebel_share)
            row.addWidget(QLabel("of the claimant's vote"), 1)
            form.addRow("Rebel", row)
        if isinstance(rule, RegionalMinimum):
            self.region_kind = QComboBox()
            for k, label in (("pc", "Lok Sabha seat (PC)"), ("district", "District"), ("seats", "Named seats")):
                self.region_kind.addItem(label, k)
            self.region_kind.setCurrentIndex(max(0, self.region_kind.findData(rule.region_kind)))
            self.region_value = QComboBox()
            self.region_seats = SeatPicker(seats, rule.region if rule.region_kind == "seats" else ())
            form.addRow("Region", self.region_kind)
            form.addRow("", self.region_value)
            form.addRow("", self.region_seats)
            self.region_kind.currentIndexChanged.connect(self._region_kind_changed)
            self._region_kind_changed()
            if rule.region_kind != "seats":
                self.region_value.setCurrentIndex(max(0, self.region_value.findText(str(rule.region))))
            self.minimum = self._spin(rule.minimum, 1, seats.n)
            form.addRow("At least", self.minimum)
        if isinstance(rule, SeatBounds):
            off = rule.offered or (None, None)
            self.lo, self.hi, self.asked, self.off_lo, self.off_hi = (
                self._spin(v, -1, seats.n, "—") for v in (rule.minimum, rule.maximum, rule.asked, off[0], off[1]))
            form.addRow("Minimum seats", self.lo)
            form.addRow("Maximum seats", self.hi)
            form.addRow("Asked (shown only)", self.asked)
            row = QHBoxLayout()
            row.addWidget(self.off_lo)
            row.addWidget(QLabel("to"))
            row.addWidget(self.off_hi)
            form.addRow("Offered (shown only)", row)
        self.severity = QComboBox()
        for s in SEVERITIES:
            self.severity.addItem({"error": "Breaks the deal (error)", "warning": "Warning",
                                   "info": "Note (info)"}[s], s)
        self.severity.setCurrentIndex(SEVERITIES.index(rule.severity))
        form.addRow("Severity", self.severity)
        self.enabled = QCheckBox("Rule is on")
        self.enabled.setChecked(rule.enabled)
        form.addRow("", self.enabled)
        self.source = QPlainTextEdit(rule.source)
        self.source.setPlaceholderText("Where this demand or claim was reported")
        self.source.setMaximumHeight(80)
        form.addRow("Source", self.source)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color:#B3261E;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)

    def _spin(self, value, lo: int, hi: int, none_text: str | None = None) -> QSpinBox:
        """A spin box showing ``value`` (None as ``none_text``). Its range widens to hold a value
        outside ``lo``–``hi``, so a value is never clamped on its way in; a box left alone
        gives back exactly the value it was opened on (``_value``)."""
        s = QSpinBox()
        shown = -1 if value is None else max(-1, min(int(value), 2**31 - 1))
        s.setRange(min(lo, shown), max(hi, shown))
        if none_text is not None:
            s.setSpecialValueText(none_text)
        s.setValue(shown)
        self._opened[s] = (shown, value)
        return s

    def _value(self, s: QSpinBox):
        shown, original = self._opened[s]
        if s.value() == shown:
            return original  # not touched: the rule keeps what it had
        return None if s.value() < 0 else s.value()

    def _region_kind_changed(self):
        kind = self.region_kind.currentData()
        seats = self.doc.dataset.seats
        self.region_value.clear()
        self.region_value.addItems(seats.pc_names if kind == "pc" else seats.district_names)
        self.region_value.setVisible(kind != "seats")
        self.region_seats.setVisible(kind == "seats")

    def build(self):
        """The edited rule, or an error message."""
        common = dict(id=self.id_edit.text().strip(), severity=self.severity.currentData(),
                      source=self.source.toPlainText().strip(), enabled=self.enabled.isChecked())
        if not common["id"]:
            return "Give the rule an id."
        from ...core.validate import name_problem, notes_problem, rule_id_problem
        for label, problem in (("Id", rule_id_problem(common["id"])), ("Source", notes_problem(common["source"])),
                               ("Faction", name_problem(self.faction.text().strip()))):
            if problem:
                return f"{label}: {problem}"
        others = {r.id for r in self.doc.scenario.rules.rules if r is not self.rule}
        if common["id"] in others:
            return f"Another rule already has the id {common['id']!r}."
        r = self.rule
        partner = self.partner.currentData()
        if isinstance(r, (FactionClaim, MustHave)):
            seats = self.picker.chosen()
            if not seats:
                return "Choose at least one seat."
            rebel = None
            if self.rebel.isChecked():   # a share left as it was opened keeps the rule's exact value
                shown = round(self.rebel_share.value(), 1)
                rebel = r.rebel if r.rebel is not None and shown == round(r.rebel * 100, 1) else shown / 100.0
            if isinstance(r, FactionClaim):
                if not self.faction.text().strip():
                    return "Name the faction."
                return FactionClaim(**common, partner=partner, seats=seats, faction=self.faction.text().strip(),
                                    rebel=rebel)
            return MustHave(**common, partner=partner, seats=seats, rebel=rebel)
        if isinstance(r, RegionalMinimum):
            kind = self.region_kind.currentData()
            region = self.region_seats.chosen() if kind == "seats" else self.region_value.currentText()
            if not region:
                return "Choose the region's seats."
            return RegionalMinimum(**common, partner=partner, region_kind=kind, region=region,
                                   minimum=self._value(self.minimum))
        if isinstance(r, SeatBounds):
            v = self._value
            lo, hi = v(self.lo), v(self.hi)
            if lo is None and hi is None:
                return "Set a minimum, a maximum or both."
            if lo is not None and hi is not None and lo > hi:
                return f"The minimum {lo} is above the maximum {hi}."
            off = None
            if v(self.off_lo) is not None or v(self.off_hi) is not None:
                a, b = v(self.off_lo), v(self.off_hi)
                a, b = (a if a is not None else b), (b if b is not None else a)
                if a > b:
                    return "The offer's low end is above its high end."
                off = (a, b)
            return SeatBounds(**common, partner=partner, minimum=lo, maximum=hi, asked=v(self.asked), offered=off)
        return SplitVoteRisk(**common)

    def _accept(self):
        out = self.build()
        if isinstance(out, str):
            self.error.setText(out)
            return
        self.result_rule = out
        self.accept()
