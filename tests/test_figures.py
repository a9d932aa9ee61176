"""The figures every output shows, computed once on the evaluation: checked by hand on the
three-seat data set of tests/helpers.py (transfer 80 %)."""
import pytest

from explorer.core.blocs import bloc_index
from explorer.core.engine import Engine, PartnerFigures, SeatRow
from explorer.core.scenario import Scenario

from .helpers import tiny_dataset


@pytest.fixture
def ev():
    ds = tiny_dataset()
    sc = Scenario(ds)
    sc.assign([1], "contested")   # BJP 500 beats INC 300 by 200 votes: alliance −20 pts
    sc.assign([2], "INC")         # INC 350 + 0.8·150 = 470 beats BJP 400 + 30 = 430: +4 pts
    sc.assign([3], "AAP")         # AAP 20 + 0.8·30 = 44; BJP 400 + 6·400/950 beats P by ≈100.6: −10.06 pts
    return Engine(ds).evaluate(sc)


def test_alliance_margin_and_seat_rows(ev):
    assert ev.alliance_margin.round(2).tolist() == [-20.0, 4.0, -10.06]
    assert ev.seat_rows[1] == SeatRow(2, "Beta", "North", "East PC", "SC", "INC", "BJP", 50, 5.0, "INC", "BJP",
                                      40, 4.0, 4.0, 0.0, "")
    assert [r.pool for r in ev.seat_rows] == ["Contested", "INC", "AAP"]
    assert ev.seat_rows[2].runner_up == "IND" and ev.seat_rows[2].margin_pts == 10.06


def test_fielding_verdict_and_splits(ev):
    assert ev.partners == [PartnerFigures("AAP", "Aam Aadmi Party", "#1A5FB4", 1, 1, 2, 0, 0, 0, 270.0),
                           PartnerFigures("INC", "Indian National Congress", "#2AA198", 1, 1, 2, 1, 0, 1, 680.0)]
    v = ev.verdict
    assert (v.alliance, v.majority, v.seats, v.reached, v.short_by) == (1, 2, 3, False, 1)
    assert v.phrase == "1 short of the majority"
    assert ev.pc_split.names == ["East PC", "West PC"]
    assert ev.pc_split.counts.tolist() == [[0, 1, 1, 0], [1, 0, 0, 0]] and ev.pc_split.won.tolist() == [1, 0]
    assert ev.district_split.names == ["North", "South"] and ev.district_split.won.tolist() == [1, 0]
    assert ev.pool_counts == {"AAP": 1, "INC": 1, "contested": 1, "unassigned": 0}


def test_party_order_is_the_same_for_every_bar(ev):
    parties = ev.projection.parties
    assert [parties[i] for i in ev.party_order][:3] == ["AAP", "INC", "BJP"]
    assert ev.seat_segments() == [("INC", 1), ("BJP", 2)]
    assert ev.seat_segments(baseline=True) == [("BJP", 3)]
    assert ev.swing_parties == ["BJP", "INC", "AAP"]  # 1,300, 680 and 270 votes; never IND or NOTA


def test_party_order_after_a_move_and_the_blocs_kept_per_projector():
    """The others by projected seats, most first, ties in the parties' order; a move keeps the
    projector, so its evaluations share one bloc index and the partners' votes stay the same."""
    ds = tiny_dataset()
    sc = Scenario(ds)
    eng = Engine(ds)
    sc.assign([1, 2, 3], "contested")
    a = eng.evaluate(sc)
    parties = a.projection.parties
    others = [parties[i] for i in a.party_order[2:]]
    counts = {parties[i]: int(a.projection.seat_counts[i]) for i in range(len(parties))}
    assert [counts[p] for p in others] == sorted((counts[p] for p in others), reverse=True)
    tied = [p for p in others if counts[p] == 0]
    assert tied == [p for p in parties[2:] if counts[p] == 0]      # ties in the parties' order
    sc.assign([2], "INC")
    b = eng.evaluate(sc)
    assert b.projector is a.projector and b.blocs is a.blocs
    fresh = bloc_index(parties, 2, b.bloc_name, b.projector.rivals)
    assert b.blocs.names == fresh.names and b.blocs.of_party.tolist() == fresh.of_party.tolist()
    assert b.blocs.of_party.tolist()[:2] == [0, 0]
    assert [p.votes for p in b.partners] == [p.votes for p in a.partners]


def test_headline_says_what_it_counts():
    """Issue 16, point 5: undecided seats are undecided; '7 alone + 1 contested'; a partner
    with no votes is said loudly."""
    from explorer.core.dataset_io import load_embedded
    from explorer.core.engine import Engine
    from explorer.core.pools import Partner
    from explorer.core.scenario import Scenario
    ds = load_embedded()
    sc = Scenario(ds)
    ev = Engine(ds).evaluate(sc)
    v = ev.verdict
    assert v.undecided == 90 and v.decided_alliance == 0
    assert v.undecided_note.startswith("90 undecided — projected as if every partner stands")
    sc.assign_all("INC")
    sc.assign([12], "AAP")
    sc.assign([1], "contested")
    ev = Engine(ds).evaluate(sc)
    aap = ev.partners[0]
    assert aap.fielding_phrase == "1 alone + 1 contested" and ev.verdict.undecided == 0 and not ev.warnings
    # a partner whose name matches no party of the baseline: loudly, not "100 %"
    odd = Scenario(ds, (Partner("AAP", "AAP", "#111111"), Partner("XYZ", "Nobody", "#222222")))
    ev = Engine(ds).evaluate(odd)
    assert ev.partners[1].no_votes and ev.warnings[0].startswith("XYZ has no votes in the baseline Vidhan Sabha 2024")
