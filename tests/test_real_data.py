"""The embedded Haryana data: projections against published results."""
import pytest

from explorer.core.assumptions import Assumptions
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.scenario import Scenario, scenario_from_preset

KALAYAT, JIND, PEHOWA, SHAHBAD, GUHLA = 16, 36, 14, 12, 15


@pytest.fixture(scope="module")
def ds():
    return load_embedded()


def test_dataset_shape(ds):
    assert ds.seats.n == 90 and ds.majority == 46
    assert int(ds.seats.is_sc.sum()) == 17
    assert len(ds.seats.pc_names) == 10 and len(ds.seats.district_names) == 22
    assert [ds.seats.name(a) for a in (KALAYAT, JIND, PEHOWA, SHAHBAD, GUHLA)] == \
        ["Kalayat", "Jind", "Pehowa", "Shahbad", "Guhla"]
    assert set(ds.baselines) == {"vs2019", "ls2024", "vs2024"} and ds.default_baseline == "vs2024"
    # independents are rows of their own: 2019 had 377 independent candidates
    assert int((ds.baselines["vs2019"].candidates["party"] == "IND").sum()) == 377
    assert "datta07/INDIAN-SHAPEFILES" in ds.attribution and "TCPD" in ds.attribution


def test_2019_all_contested_gives_2019_winners(ds):
    sc = Scenario(ds, assumptions=Assumptions.make("vs2019"))
    sc.assign_all("contested")
    ev = Engine(ds).evaluate(sc)
    pr = ev.projection
    assert pr.seats_by_party() == {"BJP": 40, "INC": 31, "JJP": 10, "IND": 7, "INLD": 1, "HLP": 1}
    assert pr.coverage == 1.0
    # margins published with the result (shared/data/README.md): Karnal, Adampur, Sirsa
    for name, margin in (("Karnal", 45188), ("Adampur", 29471), ("Sirsa", 602), ("Thanesar", 842)):
        i = ds.seats.index_of(ds.seats.find(name))
        assert pr.margin_votes[i] == margin, name


def test_2024_lok_sabha_alliance_split_gives_44_42_4(ds):
    sc = Scenario(ds, assumptions=Assumptions.make("ls2024", transfer={("AAP", "INC"): 1.0, ("INC", "AAP"): 1.0}))
    sc.assign_all("INC")
    sc.assign([SHAHBAD, PEHOWA, GUHLA, KALAYAT], "AAP")
    pr = Engine(ds).evaluate(sc).projection
    assert pr.seats_by_party() == {"BJP": 44, "INC": 42, "AAP": 4}
    assert pr.alliance_seats == 46
    # AAP's segment leads as published: Kalayat +14,437, Shahbad +11,657, Guhla +8,055, Pehowa +879
    for ac, lead in ((KALAYAT, 14437), (SHAHBAD, 11657), (GUHLA, 8055), (PEHOWA, 879)):
        assert pr.margin_votes[ds.seats.index_of(ac)] == lead


def test_ls2024_absent_partner_vote_is_zero(ds):
    # Congress did not stand in Kurukshetra in 2024: giving Thanesar to INC hands it
    # transfer x AAP's vote there, and nothing else.
    sc = Scenario(ds, assumptions=Assumptions.make("ls2024", transfer={("AAP", "INC"): 0.5}))
    sc.assign([13], "INC")
    pr = Engine(ds).evaluate(sc).projection
    cands = ds.baselines["ls2024"].candidates
    aap = int(cands[(cands.ac_no == 13) & (cands.party == "AAP")].votes.sum())
    assert pr.kept[ds.seats.index_of(13)] == pytest.approx(0.5 * aap)


def test_presets_load_and_project(ds):
    eng = Engine(ds)
    got = {}
    for name in ds.scenario_docs:
        sc = scenario_from_preset(ds, name)
        got[name] = eng.evaluate(sc).projection.seats_by_party()
    assert got["No alliance"] == {"BJP": 40, "INC": 31, "JJP": 10, "IND": 7, "INLD": 1, "HLP": 1}
    assert got["AAP's Lok Sabha leads"] == {"BJP": 44, "INC": 42, "AAP": 4}
    sc = scenario_from_preset(ds, "Congress everywhere")
    assert sc.seats_in("INC") == list(range(1, 91))
