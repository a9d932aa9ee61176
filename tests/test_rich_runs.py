"""The figures' rich text painted as runs (gui/rich_runs.py): the same sizes and the same
pixels as Qt's QTextDocument, which stays for anything outside the app's own subset."""
from __future__ import annotations

import pytest

from explorer.gui.paint.quiet_label import QuietLabel
from explorer.gui.paint.rich_runs import Run, parse

TEXTS = [
    "<span style='color:#1B7F3B'>46</span><span style='font-size:9pt; color:#777'> / 46 needed</span>",
    "12<span style='font-size:8pt; color:#777'> alone + 3 contested</span>",
    "<span style='color:#C62828'>2</span> · <span style='color:#E08A00'>1</span>",
    "<b>AAP</b>&nbsp;&nbsp;<b style='font-size:13pt'>7</b> <span style='color:#E08A00'>· asked 10 · offered 5–7</span>"
    " <span style='color:#666'>· 2 SC</span>",
    "<b>Contested</b>&nbsp;&nbsp;<b style='font-size:13pt'>3</b> <span style='color:#555; font-size:8pt'>"
    "· 14, 33: INC v RJD; 40: JMM v INC v RJD</span>",
    "<b>Tom &amp; Jerry &lt;TJ&gt;</b>&nbsp;&nbsp;<b style='font-size:13pt'>0</b>",
    "99.1 %",
    "<b>Seats led on the projected votes</b> — alliance <b>46</b> of 90, <span style='color:#1B7F3B'>reaches the majority</span> (46) on that count"
    "<br><span style='color:#F28C28'>■</span> BJP <b>44</b> &nbsp;<span style='color:#2AA198'>■</span> INC <b>42</b>"
    " &nbsp;<span style='color:#1A5FB4'>■</span> AAP <b>4</b>",
    "<b>JJP-INLD</b>&nbsp;&nbsp;<b style='font-size:13pt'>3</b> <span style='color:#666'>· asked 10/12</span>",
]


def _grab(label):
    return label.grab().toImage()


def _both(qtbot, text, wrap, width):
    out = []
    for runs in (True, False):
        QuietLabel.runs_enabled = runs
        try:
            lab = QuietLabel(rich=True, wrap=wrap)
            qtbot.addWidget(lab)
            lab.setContentsMargins(9, 3, 6, 3)
            lab.setText(text)
            lab.resize(width, lab.heightForWidth(width) if wrap else lab.sizeHint().height())
            lab.show()
            out.append((lab._runs is not None, lab.sizeHint(), lab.minimumSizeHint(),
                        lab.heightForWidth(width) if wrap else None, _grab(lab)))
        finally:
            QuietLabel.runs_enabled = True
    return out


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("wrap,width", [(False, 300), (True, 300), (True, 140), (True, 90)])
def test_runs_match_qtextdocument(qtbot, text, wrap, width):
    (fast, *a, img_a), (slow, *b, img_b) = _both(qtbot, text, wrap, width)
    # Qt breaks a wrapped line after a hyphen, a dash or a slash too: such a text keeps its
    # QTextDocument when it wraps
    shown = "".join(r.text for r in parse(text))
    breaks = any(ch in shown for ch in "-–—/")
    assert fast == (not (wrap and breaks)) and not slow
    assert a == b
    assert img_a == img_b


def test_anything_else_keeps_the_qtextdocument(qtbot):
    for html in ("<i>x</i>", "<b>x", "a &copy; b", "<span style='font-weight:bold'>x</span>",
                 "<span style=\"color:#123\">x</span></span>", "x<br clear=all>y", "<table><tr><td>1</td></tr></table>",
                 "<b>AAP</b> 7 ", " <b>AAP</b>"):
        assert parse(html) is None, html
        lab = QuietLabel(rich=True)
        qtbot.addWidget(lab)
        lab.setText(html)
        assert lab._runs is None and lab.sizeHint().width() > 0
    assert parse("<b>A</b> <span style='color:#777'>b &amp; c</span>") == (
        Run("A", True, None, None), Run(" ", False, None, None), Run("b & c", False, None, "#777"))


def test_a_label_that_grew_has_its_room_through_every_level_once_laid_out_without_the_event_loop(qtbot):
    """A label two layouts deep gets a text wider than any it has shown: lay_out_grown gives it the
    room at once, at every level (the row it is in, the row that holds that), where Qt's posted layout
    requests would give it level by level as the event loop ran (the last after a paint). A label
    whose text is no wider asks for nothing, and lay_out_grown has nothing to do."""
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from explorer.gui.paint import quiet_label

    outer = QWidget()
    qtbot.addWidget(outer)
    row = QHBoxLayout(outer)
    mid = QWidget()
    inner = QHBoxLayout(mid)
    inner.setContentsMargins(0, 0, 0, 0)
    label = QuietLabel("12")
    inner.addWidget(label)
    row.addWidget(mid)
    row.addStretch(1)
    outer.resize(600, 60)
    outer.show()
    qtbot.waitExposed(outer)
    qtbot.wait(20)
    quiet_label.lay_out_grown()
    before = (label.width(), mid.width())
    label.setText("9")                       # narrower: no request
    assert quiet_label._grown == []
    label.setText("12 alone + 40 contested seats")
    assert quiet_label._grown == [label]
    assert (label.width(), mid.width()) == before      # Qt alone: nothing yet, until the event loop runs
    quiet_label.lay_out_grown()
    assert quiet_label._grown == []
    assert label.width() >= label.sizeHint().width() > before[0]
    assert mid.width() > before[1]
