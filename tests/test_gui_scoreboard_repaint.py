"""Issue 29, ninth round: the scoreboard's seat bar and pool-share bar repaint only when what they
draw changed (segments, seats, majority, the data set and partners); an evaluation that changes
none of it leaves their pixels as they were, a move that does repaints them."""
from explorer.core.dataset_io import load_embedded
from explorer.core.scenario import Scenario

from .helpers import congress_everywhere, open_window


def _counting(widget, calls: list):
    real = widget.update
    widget.update = lambda *a: (calls.append(widget), real(*a))[1]


def test_the_seat_bar_repaints_when_its_segments_change_and_only_then(qtbot):
    w = open_window(qtbot, congress_everywhere())
    bar, share = w.scoreboard.bar, w.scoreboard.share
    ev = w.doc.evaluation
    calls = []
    _counting(bar, calls)
    _counting(share, calls)
    before = bar.grab().toImage()
    bar.evaluated(ev)                        # the same evaluation again (a spin box's that moved no seat)
    share.evaluated(ev)
    assert calls == []
    assert bar.grab().toImage() == before    # and the bar as it was
    segs = bar.segments()
    bar.set_expected(list(segs))             # expected seats equal to the leads: the same bar
    assert calls == [] and bar.expected
    assert bar.grab().toImage() == before
    changed = [(segs[0][0], segs[0][1] - 1)] + list(segs[1:])
    bar.set_expected(changed)                # one party a seat fewer: repainted
    assert calls == [bar]
    assert bar.grab().toImage() != before
    calls.clear()
    bar.evaluated(ev)                        # an evaluation under the expected seats: the bar draws those
    assert calls == []
    bar.set_expected(None)                   # back to the leads: repainted, the first pixels again
    assert calls == [bar]
    assert bar.grab().toImage() == before


def test_the_pool_share_bar_repaints_on_a_move_between_pools_and_not_on_one_that_moves_nothing(qtbot):
    ds = load_embedded()
    w = open_window(qtbot, Scenario(ds))
    share = w.scoreboard.share
    calls = []
    _counting(share, calls)
    tip = share.toolTip()
    share.evaluated(w.doc.evaluation)
    assert calls == [] and share.toolTip() == tip
    w.doc.move(list(range(1, 11)), "AAP")    # 10 seats to AAP: two pools' counts change
    assert calls == [share]
    assert "AAP 10" in share.toolTip()
    calls.clear()
    w.doc.move(list(range(1, 11)), "AAP")    # the same move again: nothing changes
    assert calls == []
