"""The Assumptions dock's boxes used as a strategist uses them, with keys and the wheel (issue 25,
"the poll a strategist has", looked at under Xvfb at 1366x768): a poll's own error typed out of
bounds is refused with the reason, never read as another number; Ctrl+Z in a box undoes the
scenario; the wheel scrolls the dock past a box without changing it; "Set a poll…" brings the
poll and its own error into sight."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from .helpers import congress_everywhere, open_window


def polled_window(qtbot, shown: bool = False):
    w = open_window(qtbot, congress_everywhere())
    if shown:
        w.resize(1366, 768)
        w.show()
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)        # keys and focus go to the active window
        w.assumptions_dock.raise_()
        qtbot.waitUntil(w.assumptions_panel.isVisible)
    a = w.assumptions_panel
    assert a.set_poll("BJP=40, INC=39")
    assert w.doc.scenario.assumptions.poll == {"BJP": 40.0, "INC": 39.0}
    return w, a


def type_error(qtbot, spin, text: str, enter: bool = True) -> None:
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)
    if enter:
        qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)


def test_an_error_typed_out_of_bounds_is_refused_with_the_reason_not_read_as_another(qtbot):
    w, a = polled_window(qtbot, shown=True)
    spin = a.poll_error_spin
    type_error(qtbot, spin, "3")
    assert w.doc.scenario.assumptions.poll_error == 3.0
    steps = w.doc.undo_stack.count()
    # "25": the 5 is kept on screen (it was dropped, and Enter then set ± 2 pts without a word)
    type_error(qtbot, spin, "25", enter=False)
    assert spin.cleanText() == "25"
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    assert w.doc.scenario.assumptions.poll_error == 3.0 and w.doc.undo_stack.count() == steps
    assert not a.poll_error.isHidden()
    assert a.poll_error.text() == "Poll: the poll's own error must be from 0 to 20 points, got 25.0"
    assert spin.value() == 3.0 and spin.cleanText() == "3.0"        # the box shows the error that stands
    # a good value after it is set and the message goes
    type_error(qtbot, spin, "4.5")
    assert w.doc.scenario.assumptions.poll_error == 4.5 and a.poll_error.isHidden()
    # leaving the box with 21 typed is refused alike
    type_error(qtbot, spin, "21", enter=False)
    a.poll_edit.setFocus()
    qtbot.waitUntil(a.poll_edit.hasFocus)
    assert w.doc.scenario.assumptions.poll_error == 4.5 and "got 21.0" in a.poll_error.text()


def test_ctrl_z_in_the_error_box_undoes_the_scenario(qtbot):
    w, a = polled_window(qtbot, shown=True)
    spin = a.poll_error_spin
    type_error(qtbot, spin, "3")
    type_error(qtbot, spin, "6")
    assert w.doc.scenario.assumptions.poll_error == 6.0 and spin.hasFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.doc.scenario.assumptions.poll_error == 3.0 and spin.value() == 3.0
    qtbot.keyClick(spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.doc.scenario.assumptions.poll_error == 6.0 and spin.value() == 6.0
    # with a value half typed, Ctrl+Z is the typing's own: the scenario stays
    type_error(qtbot, spin, "9", enter=False)
    qtbot.keyClick(spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.doc.scenario.assumptions.poll_error == 6.0


def wheel(widget, clicks: int) -> bool:
    """One wheel turn (``clicks`` notches, negative down) over the middle of ``widget``; whether
    the widget took it (Qt passes one it leaves on to the parents: the table, the dock's scroll
    area, which scrolls; a test's event is not passed on, so that part was looked at under Xvfb)."""
    centre = QPointF(widget.rect().center())
    ev = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, 120 * clicks),
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, ev)
    return ev.isAccepted()


def test_the_wheel_over_a_box_without_focus_leaves_it_to_scroll_the_dock(qtbot):
    w, a = polled_window(qtbot, shown=True)
    a.poll_edit.setFocus()
    qtbot.waitUntil(a.poll_edit.hasFocus)
    spin, transfer = a.poll_error_spin, a.transfer_spins[("INC", "AAP")]
    # turned to scroll the dock down past them (it set INC→AAP to 50 % in six notches)
    assert not wheel(spin, -3) and not wheel(transfer, -6)
    assert spin.value() == 0.0 and w.doc.scenario.assumptions.poll_error == 0.0
    assert transfer.value() == 80 and w.doc.scenario.assumptions.transfer_rate("INC", "AAP") == 0.8
    assert a.poll_edit.hasFocus()                 # a wheel passing over gives no focus either
    assert not wheel(a.same_spin, -1) and a.same_spin.value() == 80
    # a box with the keyboard focus takes the wheel: one notch up is one step (0.5 pts)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    assert wheel(spin, 1)
    assert w.doc.scenario.assumptions.poll_error == 0.5


def test_set_a_poll_brings_the_poll_and_its_error_into_sight(qtbot):
    w, a = polled_window(qtbot, shown=True)
    area = w.findChild(type(w.assumptions_dock.widget()), "dock_assumptions_scroll")
    area.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    assert a.poll_edit.visibleRegion().isEmpty()     # at 1366x768 the poll is below the dock's fold
    w.analysis.panel.set_poll.click()                 # "Set a poll…" in the Uncertainty dock
    QApplication.processEvents()
    qtbot.waitUntil(a.poll_edit.hasFocus)
    for box in (a.poll_edit, a.poll_error_spin):
        shown = box.visibleRegion().boundingRect()
        assert shown.height() == box.height(), (box.objectName(), area.viewport().height(), box.geometry())


@pytest.mark.parametrize("dock_height", [None, 150])
def test_set_a_poll_shows_the_poll_explanation_whole_and_the_wheel_steps_a_line_at_a_time(qtbot, dock_height):
    w, a = polled_window(qtbot, shown=True)
    if dock_height:      # the deal's group as short as in the 1366x768 walk-through
        w.resizeDocks([w.assumptions_dock], [dock_height], Qt.Orientation.Vertical)
    area = w.findChild(type(w.assumptions_dock.widget()), "dock_assumptions_scroll")
    bar = area.verticalScrollBar()
    bar.setValue(0)
    QApplication.processEvents()
    w.analysis.panel.set_poll.click()
    QApplication.processEvents()
    qtbot.waitUntil(a.poll_edit.hasFocus)
    h = area.viewport().height()

    def top(widget):
        return widget.mapTo(area.widget(), widget.rect().topLeft()).y() - bar.value()
    # the poll field and its own error's box whole
    for box in (a.poll_edit, a.poll_error_spin):
        assert top(box) >= 0 and top(box) + box.height() <= h, (box.objectName(), top(box), h)
    # the explanation from its first line, or (no room for it all) from a line's top: never half a line
    note, ls = a.poll_note, a.poll_note.fontMetrics().lineSpacing()
    hidden = -top(note)
    assert hidden <= 0 or hidden % ls == 0, (hidden, ls, h)
    if dock_height is None:
        assert hidden <= 0
    # one scroll step is one line of text
    assert bar.singleStep() == area.fontMetrics().lineSpacing()


@pytest.mark.parametrize("case", ["scrolled_to_the_end", "an_error_refused_then_fixed"])
def test_after_set_a_poll_the_docks_bottom_edge_cuts_no_line(qtbot, case):
    """At 1366x768 in the default layout, 'Set a poll…' with the dock scrolled to its end, or
    with a refused error's message under the poll that goes once a good error is typed (the
    content below moves up): the dock's bottom edge falls between two widgets or between two
    lines of a label, never through a line ('seat table to add one' was cut in half)."""
    from PySide6.QtWidgets import QLabel
    w, a = polled_window(qtbot, shown=True)
    area = w.findChild(type(w.assumptions_dock.widget()), "dock_assumptions_scroll")
    bar = area.verticalScrollBar()
    if case == "scrolled_to_the_end":
        bar.setValue(bar.maximum())
    else:
        bar.setValue(0)
        type_error(qtbot, a.poll_error_spin, "25")
        assert a.poll_error.isVisible()
    QApplication.processEvents()
    w.analysis.panel.set_poll.click()
    QApplication.processEvents()
    qtbot.waitUntil(a.poll_edit.hasFocus)
    if case == "an_error_refused_then_fixed":
        type_error(qtbot, a.poll_error_spin, "3")
        assert w.doc.scenario.assumptions.poll_error == 3.0
        qtbot.waitUntil(lambda: not a.poll_error.isVisible())
        QApplication.processEvents()
    h, inner = area.viewport().height(), area.widget()
    for box in (a.poll_edit, a.poll_error_spin):
        y = box.mapTo(inner, box.rect().topLeft()).y() - bar.value()
        assert 0 <= y and y + box.height() <= h, (box.objectName(), y, h)
    cut = []
    for wd in a.findChildren(QWidget):
        if wd.parentWidget() is not a or not wd.isVisible():
            continue
        y = wd.mapTo(inner, wd.rect().topLeft()).y() - bar.value()
        if y < h < y + wd.height():
            ls = wd.fontMetrics().lineSpacing()
            if not (isinstance(wd, QLabel) and wd.wordWrap() and (h - y) % ls == 0):
                cut.append((type(wd).__name__, wd.objectName(), wd.text() if isinstance(wd, QLabel) else "", y, h))
    assert cut == []


def test_the_baseline_is_named_whole_in_the_dock_at_1366x768(qtbot):
    # "Lok Sabha 2024 by assembly segment" was cut mid-word beside the label and Import…
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox
    from explorer.core.dataset_io import load_embedded
    from explorer.core.scenario import scenario_from_preset
    ds = load_embedded()
    w = open_window(qtbot, scenario_from_preset(ds, "AAP's Lok Sabha leads"))
    w.show()
    w.assumptions_dock.raise_()
    box = w.assumptions_panel.baseline
    qtbot.waitUntil(box.isVisible)
    text = box.currentText()
    assert "by assembly segment" in text

    def field_width() -> int:          # the room the box gives its text (less the arrow and frame)
        opt = QStyleOptionComboBox()
        box.initStyleOption(opt)
        return box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                          QStyle.SubControl.SC_ComboBoxEditField, box).width()
    qtbot.waitUntil(lambda: field_width() >= box.fontMetrics().horizontalAdvance(text))
