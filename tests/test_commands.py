"""Edits as Qt-free core commands: do, undo, one event per composite edit, merging."""
import numpy as np

from explorer.core import commands as cc
from explorer.core.dataset_io import load_embedded
from explorer.core.scenario import EventKind, Scenario, ScenarioEvent, scenario_from_preset

DS = load_embedded()
JIND, PEHOWA = 36, 14


def test_move_seats_do_and_undo():
    sc = Scenario(DS)
    events = []
    sc.subscribe(events.append)
    cmd = cc.MoveSeats(sc, [JIND, PEHOWA, JIND], "aap")
    assert cmd.text == "Move Jind, Pehowa to AAP" and not cmd.is_noop
    cmd.do()
    assert sc.seats_in("AAP") == [PEHOWA, JIND]
    cmd.undo()
    assert sc.seats_in("AAP") == [] and len(events) == 2
    assert cc.MoveSeats(sc, range(1, 91), "unassigned").is_noop
    assert cc.MoveSeats(sc, range(1, 11), "INC").text == "Move 10 seats to INC"


def test_moving_every_seat_remembers_each_seats_pool_and_fight_and_undo_puts_them_back():
    """A split over every pool (both partners, Contested, Unassigned), then every seat
    to AAP in one command: it remembers the pool of each seat that moves, in the order given, and
    none of the seats already in AAP; the event names the moved seats; undo restores every seat's
    pool, redo does the move again."""
    sc = Scenario(DS)
    every = DS.seats.ac_no.tolist()
    sc.assign(every[:30], "INC")
    sc.assign(every[30:50], "AAP")
    sc.assign(every[50:60], "contested")
    before, fights = sc.pool.copy(), dict(sc.fights)
    expected = {a: sc.pool_of(a) for a in reversed(every) if sc.pool_of(a) != "AAP"}
    events = []
    sc.subscribe(events.append)
    cmd = cc.MoveSeats(sc, reversed(every), "aap")
    assert cmd.previous == expected and list(cmd.previous) == list(expected) and len(expected) == 70
    cmd.do()
    assert (sc.pool == sc.pools.index("AAP")).all() and sc.fights == {}
    assert events[-1].seats == tuple(expected)
    cmd.undo()
    assert (sc.pool == before).all() and sc.fights == fights
    assert events[-1].seats == tuple(expected)
    cmd.do()
    assert (sc.pool == sc.pools.index("AAP")).all()


def test_preset_is_one_event_and_undo_restores_pools_and_assumptions():
    sc = Scenario(DS)
    sc.assign([JIND], "AAP")
    before_pool, before_a = sc.pool.copy(), sc.assumptions
    preset = scenario_from_preset(DS, "AAP's Lok Sabha leads", with_rules=False)
    events = []
    sc.subscribe(events.append)
    cmd = cc.SetPools(sc, preset.pool, "Preset", preset.assumptions)
    cmd.do()
    assert len(events) == 1
    assert events[0].touches(EventKind.POOLS) and events[0].touches(EventKind.ASSUMPTIONS)
    assert (sc.pool == preset.pool).all() and sc.assumptions == preset.assumptions
    cmd.undo()
    assert len(events) == 2 and (sc.pool == before_pool).all() and sc.assumptions == before_a


def test_batch_holds_events_until_the_end():
    sc = Scenario(DS)
    events = []
    sc.subscribe(events.append)
    with sc.batch():
        sc.assign([JIND], "AAP")
        sc.assign([PEHOWA], "INC")
        sc.set_meta(name="X")
        assert events == []
    assert events == [ScenarioEvent(EventKind.POOLS, (JIND, PEHOWA), frozenset({EventKind.POOLS, EventKind.META}))]


def test_transfer_steps_merge_and_a_return_to_the_start_is_a_noop():
    sc = Scenario(DS)
    a = sc.assumptions
    first = cc.SetAssumptions(sc, a.with_transfer("AAP", "INC", 0.75), "75", merge_key="t")
    first.do()
    second = cc.SetAssumptions(sc, a.with_transfer("AAP", "INC", 0.8), "80", merge_key="t")
    second.do()
    assert first.merge(second) and first.is_noop and first.text == "80"
    other = cc.SetAssumptions(sc, a.with_swing("BJP", -1), "swing", merge_key="s")
    assert not first.merge(other)
    assert not first.merge(cc.SetAssumptions(Scenario(DS), a, "x", merge_key="t"))  # another scenario


def test_a_command_changes_its_own_scenario_only():
    a, b = Scenario(DS, name="A"), Scenario(DS, name="B")
    cmd = cc.SetPools(a, np.zeros(90, dtype=np.int8), "all AAP")
    cmd.do()
    b.assign_all("INC")
    cmd.undo()
    assert a.seats_in("unassigned") == list(range(1, 91)) and b.seats_in("INC") == list(range(1, 91))


def test_macro_is_one_event_and_skips_noops():
    sc = Scenario(DS)
    events = []
    sc.subscribe(events.append)
    m = cc.Macro(sc, [cc.MoveSeats(sc, [JIND], "AAP"), cc.MoveSeats(sc, [1], "unassigned"),
                      cc.SetAssumptions(sc, sc.assumptions.with_swing("BJP", -2), "swing")], "proposal")
    assert len(m.commands) == 2
    m.do()
    assert len(events) == 1 and sc.pool_of(JIND) == "AAP" and sc.assumptions.swing == {"BJP": -2}
    m.undo()
    assert len(events) == 2 and sc.pool_of(JIND) == "unassigned" and sc.assumptions.swing == {}
