"""New contenders: a party absent from the baseline with a statewide share (uniform, in proportion
to another party's vote, or in chosen seats), an independent in a named seat; each seat keeps its
valid vote; the projection, the blocs and the uncertainty see them."""
import json

import numpy as np
import pytest

from explorer.cli import main
from explorer.core import uncertainty as U
from explorer.core.contenders import Contender, parse_contender, parse_independent, with_contenders
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.scenario import Scenario


@pytest.fixture(scope="module")
def ds():
    return load_embedded("jharkhand")


def per_seat(df, party=None):
    d = df if party is None else df[df.party == party]
    return d.groupby("ac_no")["votes"].sum()


def test_a_new_party_uniform_takes_its_share_in_every_seat(ds):
    b = ds.baseline("vs2019")
    new = with_contenders(b, ds.seats, (Contender("JLKM", 6.0),)).candidates
    valid = per_seat(b.candidates)
    assert np.allclose(per_seat(new).reindex(valid.index), valid)                # every seat keeps its valid vote
    assert np.allclose(per_seat(new, "JLKM").reindex(valid.index), 0.06 * valid)
    bjp, bjp_new = per_seat(b.candidates, "BJP"), per_seat(new, "BJP")
    assert np.allclose(bjp_new.reindex(bjp.index), 0.94 * bjp)                   # the others give up 6 %


def test_placed_like_another_party_or_in_chosen_seats(ds):
    b = ds.baseline("vs2019")
    valid = per_seat(b.candidates)
    like = with_contenders(b, ds.seats, (Contender("JLKM", 6.0, "like:AJSU"),)).candidates
    j = per_seat(like, "JLKM")
    ajsu = per_seat(b.candidates, "AJSU")
    assert j.sum() == pytest.approx(0.06 * valid.sum())                          # 6 % statewide
    assert set(j.index) == set(ajsu.index)                                       # only where AJSU stood
    assert np.allclose(j / j.sum(), (ajsu / ajsu.sum()).reindex(j.index))        # in proportion to AJSU
    three = with_contenders(b, ds.seats, (Contender("JLKM", 3.0, "seats", (1, 2, 3)),)).candidates
    j3 = per_seat(three, "JLKM")
    assert list(j3.index) == [1, 2, 3] and j3.sum() == pytest.approx(0.03 * valid.sum())


def test_an_independent_in_a_named_seat_and_a_party_already_standing(ds):
    b = ds.baseline("vs2019")
    ind = with_contenders(b, ds.seats, (parse_independent("5=40:A. Rebel"),)).candidates
    seat = ind[ind.ac_no == 5]
    assert seat[seat.candidate == "A. Rebel"].votes.iloc[0] == pytest.approx(0.4 * per_seat(b.candidates)[5])
    with pytest.raises(ValueError, match="BJP stands in the baseline vs2019: give it a swing"):
        with_contenders(b, ds.seats, (Contender("BJP", 5.0),))
    assert parse_contender("jlkm=6:like=AJSU", ds.resolve_party) == Contender("JLKM", 6.0, "like:AJSU")
    with pytest.raises(ValueError, match="between 0 and 100"):
        parse_contender("JLKM=150")


def test_the_projection_the_blocs_and_the_draws_see_a_new_party(ds):
    sc = Scenario(ds)
    sc.assign_all("contested")
    sc.set_assumptions(sc.assumptions.with_baseline("vs2019"))
    sc.lineage_to = 0
    before = Engine(ds).evaluate(sc)
    sc.set_contenders((Contender("JLKM", 12.0, "like:AJSU"),))
    ev = Engine(ds).evaluate(sc)
    assert "JLKM" in ev.projection.parties
    assert sum(ev.bloc_seats.values()) == 81
    assert ev.projection.alliance_seats <= before.projection.alliance_seats
    params, _ = U.params_for(ds)
    summ = U.Simulator(ev.projector, ds, params, 500, 3).run(sc.pool, ds.majority)
    k = summ.parties.index("JLKM")
    assert summ.p_win[:, k].max() > 0                    # the newcomer wins somewhere in some draws
    assert summ.party_seats[:, k].std() > 0              # and its seats vary from draw to draw
    again = Scenario.from_json(ds, sc.to_json())
    assert again.contenders == sc.contenders


def test_contenders_on_the_command_line(capsys):
    rc = main(["project", "--dataset", "jharkhand", "--baseline", "vs2019", "--blocs-as", "2024",
               "--contender", "JLKM=8:like=AJSU", "--independent", "12=30:Rebel", "--json"])
    out, err = capsys.readouterr()
    d = json.loads(out)
    assert rc == 0, err
    assert d["contenders"] == ["JLKM 8 % statewide where AJSU is strong", "Rebel in seat 12, 30 %"]
    assert sum(v["seats"] for v in d["blocs"].values()) + d["unaligned_seats"] + d["independent_seats"] == 81
    rc = main(["project", "--dataset", "jharkhand", "--contender", "BJP=5"])
    assert rc == 2 and "BJP stands in the baseline vs2024" in capsys.readouterr().err
