"""Projections on the 3-seat data set, every figure computed by hand in the comments."""
import numpy as np
import pytest

from explorer.core.assumptions import Assumptions
from explorer.core.engine import Engine
from explorer.core.rules import RuleSet, SplitVoteRisk
from explorer.core.scenario import Scenario

from .helpers import tiny_dataset


def project(assign: dict[str, list[int]], **assumptions):
    ds = tiny_dataset()
    sc = Scenario(ds, assumptions=Assumptions.make("b", **assumptions))
    for pool, seats in assign.items():
        sc.assign(seats, pool)
    ev = Engine(ds).evaluate(sc)
    return sc, ev.projection, ev


def test_transfer_and_leakage_to_other_contenders():
    # Seat 1 to INC, 80 % of AAP's 100 go to INC: INC 300 + 80 = 380. The other 20 leak to
    # BJP/X/Y in proportion 500:60:40, so BJP 500 + 16.67 = 516.67 wins by 136.67 votes.
    sc, pr, _ = project({"INC": [1]})
    assert pr.parties[pr.winner[0]] == "BJP"
    assert pr.parties[pr.runner[0]] == "INC"
    assert pr.margin_votes[0] == pytest.approx(500 + 20 * 500 / 600 - 380)
    assert pr.margin_pts[0] == pytest.approx((500 + 20 * 500 / 600 - 380) / 10)
    assert pr.kept[0] == pytest.approx(380)


def test_transfer_per_direction():
    # Seat 1 to AAP, INC→AAP 50 %: AAP 100 + 150 = 250; 150 leak: BJP +125 = 625 wins by 375.
    _, pr, _ = project({"AAP": [1]}, transfer={("INC", "AAP"): 0.5})
    assert pr.parties[pr.winner[0]] == "BJP"
    assert pr.margin_votes[0] == pytest.approx(375)
    assert pr.kept[0] == pytest.approx(250)


def test_nota_is_never_a_contender_and_takes_no_leakage():
    # Seat 2 to INC: INC 350 + 0.8 * 150 = 470; the 30 that leak go to BJP only (NOTA is no
    # contender): BJP 430. INC wins by 40 votes = 4 points of the 1,000 valid votes (NOTA included).
    _, pr, _ = project({"INC": [2]})
    assert pr.parties[pr.winner[1]] == "INC"
    assert pr.margin_votes[1] == pytest.approx(40)
    assert pr.margin_pts[1] == pytest.approx(4.0)


def test_contested_seat_splits_the_vote():
    # Seat 2 contested: BJP 400, INC 350, AAP 150: BJP wins by 50; all 500 partner votes kept.
    _, pr, ev = project({"contested": [2]})
    assert pr.parties[pr.winner[1]] == "BJP"
    assert pr.margin_votes[1] == pytest.approx(50)
    assert pr.kept[1] == pytest.approx(500)
    # ...and INC alone would have won it (470 v 430): the split-vote rule flags it.
    assert pr.alone_winner[1] == 1  # partner index of INC
    sc = Scenario(tiny_dataset(), rules=RuleSet("r", (SplitVoteRisk("split"),)),
                  assumptions=Assumptions.make("b"))
    sc.assign([2], "contested")
    msgs = [c.message for c in Engine(sc.dataset).evaluate(sc).conflicts]
    assert msgs == ["Beta: contested, the split vote loses it to BJP; INC alone would win"]


def test_unassigned_is_projected_as_split():
    _, pr, _ = project({})
    assert [pr.parties[w] for w in pr.winner] == ["BJP", "BJP", "BJP"]
    assert pr.coverage == pytest.approx(1.0)


def test_swing_applied_before_transfer():
    # BJP -10 points = -100 votes in each seat. Seat 2 contested: BJP 300, INC 350 wins by 50.
    _, pr, _ = project({"contested": [2]}, swing={"BJP": -10})
    assert pr.parties[pr.winner[1]] == "INC"
    assert pr.margin_votes[1] == pytest.approx(50)
    # Seat 1 to INC: BJP 400; INC 380; leak 20 split 400:60:40 → BJP 416 wins by 36.
    _, pr, _ = project({"INC": [1]}, swing={"BJP": -10})
    assert pr.margin_votes[0] == pytest.approx(400 + 20 * 400 / 500 - 380)


def test_swing_floors_share_at_zero():
    # AAP -20 points in seat 1: 100 - 200 → 0, not negative. Seat to INC: INC gets 0.8 * 0.
    _, pr, _ = project({"INC": [1]}, swing={"AAP": -20})
    assert pr.kept[0] == pytest.approx(300)
    assert pr.partner_votes[0] == pytest.approx(300)
    assert pr.margin_votes[0] == pytest.approx(200)


def test_per_seat_adjustment_for_partner_candidate():
    # Seat 3 to INC with all of AAP's vote: INC 30 + 20 = 50; +40 points = +400 → 450 beats BJP 400.
    _, pr, _ = project({"INC": [3]}, transfer={("AAP", "INC"): 1.0}, seat_adjust={3: 40})
    assert pr.parties[pr.winner[2]] == "INC"
    assert pr.margin_votes[2] == pytest.approx(50)
    assert pr.kept[2] == pytest.approx(50)  # coverage counts transfers, not the adjustment


def test_independents_are_separate_candidates():
    # Seat 3: independents 300 + 250 would beat BJP 400 if summed; they are two candidates.
    _, pr, _ = project({"contested": [3]})
    assert pr.parties[pr.winner[2]] == "BJP"
    assert pr.parties[pr.runner[2]] == "IND"
    assert pr.margin_votes[2] == pytest.approx(100)


def test_independent_can_win_as_IND():
    _, pr, _ = project({"contested": [3]}, swing={"BJP": -20})  # BJP 200 < P 300
    assert pr.parties[pr.winner[2]] == "IND"
    assert pr.seats_by_party()["IND"] == 1


def test_coverage_and_seat_totals():
    # Seat 1 INC (kept 380 of 400), seat 2 INC (470 of 500), seat 3 contested (50 of 50).
    _, pr, _ = project({"INC": [1, 2], "contested": [3]})
    assert pr.coverage == pytest.approx((380 + 470 + 50) / (400 + 500 + 50))
    assert pr.seats_by_party() == {"BJP": 2, "INC": 1}
    assert pr.alliance_seats == 1
    assert pr.majority == 2


def test_undo_restores_projection_exactly():
    ds = tiny_dataset()
    sc = Scenario(ds)
    eng = Engine(ds)
    before = eng.evaluate(sc).projection
    prev = sc.assign([1, 2], "INC")
    assert eng.evaluate(sc).projection.seats_by_party() != before.seats_by_party()
    sc.restore(prev)
    after = eng.evaluate(sc).projection
    for f in ("winner", "runner", "margin_votes", "kept"):
        np.testing.assert_array_equal(getattr(before, f), getattr(after, f))


@pytest.mark.parametrize("field", ["swing", "seat_adjust", "transfer", "poll"])
def test_an_assumption_that_is_no_finite_number_is_refused_where_it_is_made(field):
    """A NaN swing projected BJP 89 of 90 seats without a word: every assumption must be a number."""
    from explorer.core.assumptions import Assumptions
    key = {"swing": "BJP", "seat_adjust": 36, "transfer": ("AAP", "INC"), "poll": "BJP"}[field]
    with pytest.raises(ValueError, match=f"a {field.replace('_adjust', ' adjustment')} that is not a finite number"):
        Assumptions.make("vs2024", **{field: {key: float("nan")}})
    assert Assumptions.make("vs2024", **{field: {key: 0.5}}).baseline == "vs2024"


def test_two_partners_standing_down_in_one_seat_hand_on_their_votes_together():
    # Three partners AAP, INC, BJP; seat 1 to AAP, so INC (300) and BJP (500) stand down.
    # AAP 100 + 80 % of INC's 300 + 50 % of BJP's 500 = 100 + 240 + 250 = 590; the rest
    # (60 + 250 = 310) leaks to X (60) and Y (40) pro rata: X 60 + 186 = 246, Y 40 + 124 = 164
    # (as when INC's leak is handed first, X and Y x 1.6, then BJP's, x 2.5625: 96 -> 246, 64 -> 164).
    from dataclasses import replace
    from explorer.core.pools import Partner
    ds = replace(tiny_dataset(), partners=(Partner("AAP", "Aam Aadmi Party", "#1A5FB4"),
                                           Partner("INC", "Indian National Congress", "#2AA198"),
                                           Partner("BJP", "Bharatiya Janata Party", "#F37020")))
    sc = Scenario(ds, assumptions=Assumptions.make("b", transfer={("BJP", "AAP"): 0.5}))
    sc.assign([1], "AAP")
    pr = Engine(ds).evaluate(sc).projection
    assert pr.parties[pr.winner[0]] == "AAP" and pr.parties[pr.runner[0]] == "IND"
    assert pr.kept[0] == pytest.approx(590)
    assert pr.margin_votes[0] == pytest.approx(590 - 246)


def test_a_new_friendly_fight_adds_its_variant_as_the_whole_arrays_would():
    # Jharkhand's INDIA bloc: JMM v INC is new to the projector; its outcomes appended cell by cell
    # are those of the whole arrays concatenated, every field; and the earlier variants' too
    from explorer.core.dataset_io import load_embedded
    from explorer.core.projection import Outcomes
    from explorer.core.scenario import scenario_from_preset
    ds = load_embedded("jharkhand")
    sc = scenario_from_preset(ds, "INDIA bloc 2024")
    pj = Engine(ds).evaluate(sc).projector
    before = pj.outcomes
    whole = {f: getattr(before, f) for f in Outcomes.FIELDS}
    mask = 0b0011                                         # JMM and INC
    assert mask not in pj.variant_masks
    v = pj.variant_of(mask)
    assert v == len(pj.variant_masks) - 1 == whole["winner"].shape[0]
    extra = pj._outcomes([mask])
    for f in Outcomes.FIELDS:
        np.testing.assert_array_equal(getattr(pj.outcomes, f), np.concatenate([whole[f], getattr(extra, f)]))
    assert pj.outcomes.votes.shape == (v + 1,) + before.shape[1:]
