"""Blocs: ours and the rivals, each with its split; every seat's contest explicit; the figures
add up to the seats in the projection and in every simulated draw.

Jharkhand 2019 as the baseline (shared/data/india_assembly/JH.csv, seats_won.csv): JMM 30, BJP 25,
INC 16, JVM 3, AJSU 2, IND 2, CPI(ML)L 1, NCP 1, RJD 1."""
import numpy as np
import pytest

from explorer.core import optimise as O
from explorer.core import uncertainty as U
from explorer.core.blocs import RivalBloc, bloc_index, parse_rival
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.report import to_json
from explorer.core.scenario import Scenario, scenario_from_preset

NDA = ("BJP", "AJSU", "JD(U)", "LJP(RV)")


@pytest.fixture(scope="module")
def ds():
    return load_embedded("jharkhand")


def jh_2019(ds, split="baseline", pools="contested", **kw) -> Scenario:
    sc = Scenario(ds, name="two blocs")
    sc.lineage_to = 0      # the 2019 parties as they stood (no lineage: JVM stays JVM)
    sc.assign_all(pools)
    sc.set_assumptions(sc.assumptions.with_baseline("vs2019"))
    sc.set_rivals((RivalBloc("NDA", NDA, split, **kw),), "INDIA")
    return sc


def test_baseline_split_counts_the_2019_result_by_bloc(ds):
    # every INDIA partner stands everywhere and NDA stands where it stood: the 2019 result itself
    ev = Engine(ds).evaluate(jh_2019(ds))
    assert ev.bloc_seats == {"INDIA": 30 + 16 + 1 + 1, "NDA": 25 + 2, "unaligned": 3 + 1, "independents": 2, "tied": 0}
    assert sum(ev.bloc_seats.values()) == 81
    d = to_json(jh_2019(ds), ev)
    assert d["blocs"]["NDA"] == {"partners": list(NDA), "seats": 27, "split": "baseline", "transfer": 0.8}
    assert d["blocs"]["INDIA"]["seats"] == 48 and d["unaligned_seats"] == 4 and d["independent_seats"] == 2
    rows = {r["ac_no"]: r for r in d["per_seat"]}
    assert rows[1]["winner"] == "BJP" and rows[1]["winner_bloc"] == "NDA"      # Rajmahal
    assert sum(r["winner_bloc"] == "INDIA" for r in d["per_seat"]) == 48
    # a seat won by an unaligned party (JVM) or an independent counts for no bloc
    jvm = [r for r in d["per_seat"] if r["winner"] == "JVM"]
    assert len(jvm) == 3 and all(r["winner_bloc"] is None for r in jvm)
    assert all(r["fight"] == ["JMM", "INC", "RJD", "CPI(ML)L"] for r in d["per_seat"])


def test_strongest_partner_takes_the_bloc_vote_in_a_seat(ds):
    b = ds.baseline("vs2019").candidates
    # a seat where BJP and AJSU both stood in 2019
    both = sorted(set(b.ac_no[b.party == "BJP"]) & set(b.ac_no[b.party == "AJSU"]))
    ac = both[0]
    seat = b[b.ac_no == ac].set_index("party")["votes"]
    strong, weak = ("BJP", "AJSU") if seat["BJP"] >= seat["AJSU"] else ("AJSU", "BJP")
    sc = jh_2019(ds, "strongest", transfer=1.0)
    ev = Engine(ds).evaluate(sc)
    i = ds.seats.index_of(ac)
    assert ev.rival_contest(i) == {"NDA": [strong]}
    pj = ev.projector
    slot = pj.prepared.rival_first + NDA.index(strong)     # the rival partner's own column
    assert pj.prepared.parties[pj.prepared.party[i, slot]] == strong
    # all of the weaker partner's vote goes to the stronger one (transfer 1.0), nothing to anyone else
    assert pj._swung[i, slot] == pytest.approx(seat[strong] + seat[weak])
    assert pj._swung[i].sum() == pytest.approx(seat.sum())
    # half: the other half leaks to the other contenders (not NOTA) in proportion to their vote
    pj2 = Engine(ds).evaluate(jh_2019(ds, "strongest", transfer=0.5)).projector
    assert pj2._swung[i, slot] == pytest.approx(seat[strong] + 0.5 * seat[weak])
    assert pj2._swung[i].sum() == pytest.approx(seat.sum())


def test_an_edited_seat_and_a_bloc_standing_nowhere(ds):
    b = ds.baseline("vs2019").candidates
    ac = int(b.ac_no[(b.party == "AJSU")].iloc[0])
    bloc = RivalBloc("NDA", NDA, "baseline").with_seats({ac: ("AJSU",), 2: ()})
    sc = jh_2019(ds)
    sc.set_rivals((bloc,), "INDIA")
    ev = Engine(ds).evaluate(sc)
    assert ev.rival_contest(ds.seats.index_of(ac)) == {"NDA": ["AJSU"]}
    assert ev.rival_contest(ds.seats.index_of(2)) == {"NDA": []}
    assert ev.projection.winner[ds.seats.index_of(2)] != ev.projection.parties.index("BJP")
    assert sum(ev.bloc_seats.values()) == 81
    again = Scenario.from_json(ds, sc.to_json())
    assert again.rivals == sc.rivals and again.bloc_name == "INDIA"


def test_a_party_in_two_blocs_is_refused(ds):
    sc = Scenario(ds)
    with pytest.raises(ValueError, match="INC is in two blocs"):
        sc.set_rivals((RivalBloc("X", ("INC", "BJP")),))
    with pytest.raises(ValueError, match="BJP is in two blocs"):
        sc.set_rivals((RivalBloc("X", ("BJP",)), RivalBloc("Y", ("BJP", "AJSU"))))
    with pytest.raises(ValueError, match="not a party"):
        RivalBloc("X", ("IND",))


def test_parse_rival():
    assert parse_rival("NDA=bjp, AJSU:strongest") == RivalBloc("NDA", ("BJP", "AJSU"), "strongest")
    assert parse_rival("NDA=BJP,LJP(RV)").split == "baseline"
    with pytest.raises(ValueError, match="expected NAME="):
        parse_rival("NDA")


def test_blocs_unaligned_and_independents_add_up_in_every_draw(ds):
    sc = scenario_from_preset(ds, "INDIA bloc 2024")
    sc.set_assumptions(sc.assumptions.with_baseline("vs2019"))
    sc.set_rivals((RivalBloc("NDA", NDA, "strongest"), RivalBloc("Left", ("CPI", "CPI(M)"))), "INDIA")
    sc.lineage_to = 0
    ev = Engine(ds).evaluate(sc)
    params, _ = U.params_for(ds)
    sim = U.Simulator(ev.projector, ds, params, 400, 7)
    summ = sim.run(sc.pool, ds.majority, sc.fight_masks())
    bi = bloc_index(summ.parties, sc.pools.n_partners, "INDIA", sc.rivals)
    per_draw = bi.counts(summ.party_seats)
    assert per_draw.shape == (400, 6)
    assert (per_draw.sum(axis=1) == 81).all()
    assert (per_draw[:, 0] == summ.alliance_seats).all()
    # NDA wins seats in nearly every draw (the fitted bloc swing is wide: a wave can take it to 0), the Left
    # none in most draws (2 % of the vote: a small party's statewide spread is wide by its size, and in
    # a few draws it surges and takes the seats it stands in)
    assert (per_draw[:, 1] > 0).mean() > 0.95 and (per_draw[:, 2] == 0).mean() > 0.8
    assert sum(ev.bloc_seats.values()) == 81


def test_optimiser_and_walk_away_see_the_rivals(ds):
    sc = scenario_from_preset(ds, "INDIA bloc 2024")
    sc.set_assumptions(sc.assumptions.with_baseline("vs2019"))
    apart = O.Optimiser(ds, sc, draws=300)
    sc.set_rivals((RivalBloc("NDA", NDA, "strongest"),), "INDIA")
    united = O.Optimiser(ds, sc, draws=300)
    assert united.projector.rivals == sc.rivals
    # a rival that stands one candidate per seat costs us seats, split as it is now
    u, a = united.table, apart.table
    assert u.expected(u.current) < a.expected(a.current)
    wa = O.walk_away(u.sim, sc.pools, sc.pool.astype(np.int64), ds.majority)
    wa0 = O.walk_away(a.sim, sc.pools, sc.pool.astype(np.int64), ds.majority)
    assert wa["JMM"]["alone"] < wa0["JMM"]["alone"]   # going alone: the rival stays united


def test_blocs_as_they_stood_in_2024_replay_2024(ds):
    from explorer.core.bloc_presets import apply_bloc_preset, bloc_preset
    sc = Scenario(ds)
    p = bloc_preset(ds, "vs2024", tuple(x.code for x in sc.pools.partners))
    # resources/alliances.csv (Wikipedia's 2024 Jharkhand election page)
    assert p.our_name == "INDIA" and [(r.name, r.partners) for r in p.rivals] == [("NDA", NDA)]
    b = ds.baseline("vs2024").candidates
    bjp = set(b.ac_no[b.party == "BJP"])
    nda = p.rivals[0].edited
    assert len(nda) == 81 and {a for a, c in nda.items() if "BJP" in c} == bjp
    apply_bloc_preset(sc, p)
    assert sc.fights == {28: ("JMM", "CPI(ML)L"), 77: ("INC", "RJD"), 78: ("INC", "RJD")}
    ev = Engine(ds).evaluate(sc)
    # everyone where they stood in 2024, on 2024: the result itself (JMM 34 + INC 16 + RJD 4 + CPI(ML)L 2;
    # BJP 21 + AJSU 1 + JD(U) 1 + LJP(RV) 1; JLKM 1)
    assert ev.bloc_seats == {"INDIA": 56, "NDA": 24, "unaligned": 1, "independents": 0, "tied": 0}


def test_the_2024_blocs_projected_from_2019_add_up_to_81(ds):
    from explorer.core.bloc_presets import apply_bloc_preset, bloc_preset
    sc = Scenario(ds)
    sc.set_assumptions(sc.assumptions.with_baseline("vs2019"))
    apply_bloc_preset(sc, bloc_preset(ds, "vs2024", tuple(x.code for x in sc.pools.partners)))
    for lineage_to in (0, None):      # the 2019 parties as they were; JVM merged into BJP (2020)
        sc.lineage_to = lineage_to
        ev = Engine(ds).evaluate(sc)
        assert sum(ev.bloc_seats.values()) == 81
        assert set(ev.bloc_seats) == {"INDIA", "NDA", "unaligned", "independents", "tied"}
    sc.lineage_to = 0
    with_jvm = Engine(ds).evaluate(sc).bloc_seats["NDA"]
    sc.lineage_to = None
    assert Engine(ds).evaluate(sc).bloc_seats["NDA"] > with_jvm   # JVM's 2019 vote is BJP's now


def test_a_party_that_joins_us_leaves_its_rival_bloc_and_undo_puts_it_back(ds):
    from explorer.core import commands as cc
    from explorer.core.pools import Partner
    sc = Scenario(ds)
    nda = RivalBloc("NDA", NDA).with_seats({1: ("BJP", "AJSU")})
    sc.set_rivals((nda, RivalBloc("Left", ("CPI",))), "INDIA")
    cmd = cc.add_partner(sc, Partner("BJP", "Bharatiya Janata Party", "#F28C28"))
    cmd.do()
    assert [b.partners for b in sc.rivals] == [("AJSU", "JD(U)", "LJP(RV)"), ("CPI",)]
    assert sc.rivals[0].edited == {1: ("AJSU",)}
    assert sum(Engine(ds).evaluate(sc).bloc_seats.values()) == 81
    cmd.undo()
    assert sc.rivals == (nda, RivalBloc("Left", ("CPI",)))


def test_the_sheet_and_the_brief_name_every_bloc(ds, tmp_path):
    from explorer.core import brief, exports
    from explorer.core.bloc_presets import apply_bloc_preset, bloc_preset
    sc = scenario_from_preset(ds, "INDIA bloc 2024")
    apply_bloc_preset(sc, bloc_preset(ds, "vs2024", tuple(x.code for x in sc.pools.partners)))
    ev = Engine(ds).evaluate(sc)
    df = exports.seat_sheet(sc, ev)
    assert (df["winner_bloc"] == "NDA").sum() == 24 and (df["winner_bloc"] == "INDIA").sum() == 56
    assert (df["NDA stands"] == "BJP").sum() == 68
    rows = dict(exports.summary_rows(sc, ev))
    assert rows["Seats led, INDIA (ours)"] == 56 and rows["Seats led, NDA"] == 24
    table = dict(brief._summary_table(sc, ev))
    assert table["Blocs (seats led)"].startswith("INDIA 56 · NDA 24 · unaligned 1 · independents 0; NDA: BJP, AJSU")
