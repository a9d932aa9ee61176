"""The labels a strategist reads first on the scoreboard: a partner's tile says what its figure is
at any width ("AAP contests", never "AAP" over "4", which read as seats won), and a seat-bar
segment too narrow for "ADMK 82" is named ("ADMK" over "82", or "ADMK"), never a bare count."""
from __future__ import annotations

import pytest

from explorer.gui.panels import scoreboard as S

from .helpers import congress_everywhere, open_window


def _shown(label) -> str:
    return label.forms()[label.shown_form()]


@pytest.mark.parametrize("width", [1366, 1100])
def test_three_partners_tiles_say_contests_whole_at_any_width(qtbot, width):
    w = open_window(qtbot, congress_everywhere(pools={"AAP": [12, 14, 15, 16]}))
    w.show()
    assert w.partners.add("INLD")
    w.resize(width, 740)
    sb = w.scoreboard
    tiles = sb.pool_tiles[:3]
    qtbot.waitUntil(lambda: all(t.isVisible() for t in tiles))
    qtbot.wait(50)
    assert [_shown(t.caption) for t in tiles] == ["AAP contests", "INC contests", "INLD contests"]
    for t in tiles:      # whole: the caption as wide as its text
        cap = t.caption
        assert cap.width() >= cap.fontMetrics().horizontalAdvance(_shown(cap))
    assert _shown(tiles[0].value).startswith("4")      # AAP's 4 seats under "AAP contests"
    assert w.minimumSizeHint().width() <= 1366          # the row, whole, still fits a 1366 px screen


def test_a_narrow_seat_bar_segment_is_named_never_a_bare_count(qtbot, monkeypatch):
    from PySide6.QtGui import QFont, QFontMetrics
    w = open_window(qtbot, congress_everywhere())
    w.show()
    sb = w.scoreboard.bar
    segs = [("INC", 38), ("BJP", 40), ("JJP", 8), ("INLD", 4)]       # 90 seats, Haryana's
    monkeypatch.setattr(sb, "segments", lambda: segs)
    font = QFont(sb.font())                                           # the bar's labels' font
    font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
    font.setBold(True)
    fm = QFontMetrics(font)
    # JJP's segment between "JJP" and "JJP 8" wide: before, it read "8"
    jjp = (fm.horizontalAdvance("JJP") + fm.horizontalAdvance("JJP 8")) / 2 + 4
    sb.setFixedWidth(int(2 + jjp * 90 / 8))
    drawn = {}
    label = S._bar_label

    def spy(fm_, name, n, r, mark, thin=None):
        out = label(fm_, name, n, r, mark, thin)
        drawn[name] = None if out is None else out[0]
        return out
    monkeypatch.setattr(S, "_bar_label", spy)
    sb.grab()
    assert drawn["INC"] == "INC 38" and drawn["BJP"] == "BJP 40"
    two_lines = sb.height() - 4 + 2 >= 2 * fm.height()
    assert drawn["JJP"] == ("JJP\n8" if two_lines else "JJP")
    # INLD's 4 seats: its name if it fits (in the regular weight), else no label, never "4"
    assert drawn.get("INLD") in (None, "INLD")
    assert all(t is None or not t.split("\n")[0].isdigit() for t in drawn.values())


def test_the_seat_bar_lists_every_segment_with_its_seats(qtbot):
    w = open_window(qtbot, congress_everywhere())
    sb = w.scoreboard.bar
    segs = sb.segments()
    assert sb.segment_list() == ", ".join(f"{p} {n}" for p, n in segs if n > 0)
    assert sum(n for _p, n in segs) == w.doc.evaluation.verdict.seats == 90
    assert sb.segment_list().startswith("INC ")      # every seat with Congress: the partner first
