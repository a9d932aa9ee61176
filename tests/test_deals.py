"""Baselines stay put: a preset changes the pools only, a new scenario stands on the one in
front, and Compare says when two deals stand on different baselines and why seats differ."""
from __future__ import annotations

import json

from explorer.cli import main as cli_main
from explorer.core.deals import preset_split
from explorer.core.starting import starting_scenario
from explorer.core.scenario import scenario_from_preset
from explorer.gui.dialogs.compare_dialog import CompareDialog

from .helpers import congress_everywhere, open_window

JIND = 36
LEADS = "AAP's Lok Sabha leads"


def test_a_preset_leaves_baseline_and_adjustments_alone(qtbot):
    w = open_window(qtbot, congress_everywhere())  # on the 2019 Vidhan Sabha
    doc = w.doc
    doc.set_assumptions(doc.scenario.assumptions.with_seat_adjust(JIND, 3).with_swing("BJP", -2), "adjust")
    before = doc.scenario.assumptions
    assert w.apply_preset(LEADS)  # a preset made on the Lok Sabha 2024 segments
    a = doc.scenario.assumptions
    assert a == before and a.baseline == "vs2019" and a.seat_adjust == {JIND: 3} and a.swing == {"BJP": -2}
    preset = scenario_from_preset(doc.dataset, LEADS)
    assert {k: doc.scenario.seats_in(k) for k in doc.pools.keys} == {k: preset.seats_in(k) for k in preset.pools.keys}
    assert doc.undo_stack.undoText() == f"Preset: {LEADS} (pools only; kept Vidhan Sabha 2019)"
    assert w.apply_preset("No alliance")
    assert doc.scenario.assumptions == before
    assert doc.scenario.seats_in("contested") == list(range(1, 91))
    # made on vs2019 too, without Jind +3 and the swing: those are kept, and the label says so
    assert doc.undo_stack.undoText() == "Preset: No alliance (pools only; kept this scenario's assumptions)"


def test_a_new_scenario_stands_on_the_baseline_and_assumptions_in_front(qtbot, haryana, capsys):
    front = scenario_from_preset(haryana, LEADS)  # Lok Sabha 2024 segments
    w = open_window(qtbot, front)
    w.doc.set_assumptions(w.doc.scenario.assumptions.with_seat_adjust(JIND, 3), "Jind +3")
    w.files.new()
    new = w.doc.scenario
    assert new.name == "Untitled" and new.assumptions.baseline == "ls2024"
    assert new.assumptions == w.workspace.docs[0].scenario.assumptions
    assert new.seats_in("unassigned") == list(range(1, 91))
    # with nothing in front: the data set's default, which is where the command line starts too
    alone = starting_scenario(haryana)
    assert alone.assumptions.baseline == haryana.default_baseline == "vs2024"
    assert cli_main(["project", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["baseline"] == alone.assumptions.baseline


def test_preset_split_refuses_a_pool_the_scenario_lacks(haryana):
    from explorer.core.pools import Partner
    from explorer.core.scenario import Scenario
    sc = Scenario(haryana, (Partner("INC", "Congress", "#19AAED"), Partner("INLD", "INLD", "#006400")))
    try:
        preset_split(sc, LEADS)
    except ValueError as e:
        assert "AAP, which is not a partner of this scenario (INC, INLD)" in str(e)
    else:
        raise AssertionError("the preset was applied")


def test_compare_says_the_deals_stand_on_different_baselines(qtbot, haryana):
    a = scenario_from_preset(haryana, LEADS)  # ls2024
    w = open_window(qtbot, a)
    w.files.duplicate()
    b = w.doc
    b.set_assumptions(b.scenario.assumptions.with_baseline("vs2019"), "Baseline: Vidhan Sabha 2019")
    b.move([JIND], "contested")
    dlg = CompareDialog(w)
    qtbot.addWidget(dlg)
    dlg.a.setCurrentIndex(0)
    dlg.b.setCurrentIndex(1)
    dlg.refresh()
    notice = dlg.baseline_notice.text()
    assert not dlg.baseline_notice.isHidden()
    assert notice.startswith("A and B stand on different baselines: A on Lok Sabha 2024 by assembly segment, "
                             "B on Vidhan Sabha 2019.")
    seats = dlg.comparison.seats
    why = dict(zip(seats["ac_no"], seats["why"]))
    assert why[JIND].startswith("split")  # the one seat moved
    # every other seat that differs has the same pool in A and B: it differs because of the baseline
    others = seats[seats["ac_no"] != JIND]
    assert len(others) > 0 and (others["pool_a"] == others["pool_b"]).all()
    assert set(others["why"]) == {"baseline"}
    assert f"Of the {len(seats)} seats that differ, 1 differ because of the split" in notice
    assert f"and {len(seats) - 1 + ('baseline' in why[JIND])} because of the baseline" in notice
    # the margins as the table shows them: signed, one decimal
    col = list(seats.columns).index("alliance_margin_a")
    row = seats.index[seats["ac_no"] == JIND][0]
    shown = dlg.seat_model.index(int(row), col).data()
    assert shown == f"{seats.at[row, 'alliance_margin_a']:+.1f}"
    # on the same baseline: no notice
    b.undo_stack.undo()
    b.undo_stack.undo()
    b.set_assumptions(b.scenario.assumptions, "none")
    dlg.refresh()
    assert dlg.baseline_notice.isHidden()


def test_a_preset_is_read_once_per_data_set_and_its_votes_summed_once(haryana):
    from explorer.core.deals import preset_scenario
    from explorer.core.scenario_json import _baseline_parties
    name = next(iter(haryana.scenario_docs))
    a, b = preset_scenario(haryana, name), preset_scenario(haryana, name)
    assert a is b                                        # read once
    fresh = scenario_from_preset(haryana, name, with_rules=False)
    assert fresh is not a and (fresh.pool == a.pool).all() and fresh.fights == a.fights
    # the cached party totals are the file's: every candidate's votes, summed by party
    votes = _baseline_parties(haryana, None)
    want: dict[str, float] = {}
    for bl in haryana.baselines.values():
        for party, v in zip(bl.candidates["party"], bl.candidates["votes"]):
            want[party] = want.get(party, 0.0) + float(v)
    assert votes.keys() == want.keys()
    assert all(abs(votes[p] - want[p]) < 1e-6 for p in want)
    assert _baseline_parties(haryana, None) == votes
    from explorer.core.scenario_json import _party_votes
    bl = next(iter(haryana.baselines.values()))
    assert _party_votes(bl) is _party_votes(bl)          # summed once, then looked up


def test_the_preset_cache_keeps_no_data_set_alive():
    import gc
    import weakref
    from explorer.core.dataset_io import load_embedded
    from explorer.core.deals import preset_scenario
    refs = []
    for _ in range(3):
        ds = load_embedded()
        split = preset_scenario(ds, next(iter(ds.scenario_docs)))
        assert preset_scenario(ds, next(iter(ds.scenario_docs))) is split
        refs.append(weakref.ref(ds))
        del ds, split
    gc.collect()
    assert all(r() is None for r in refs)


def test_one_starting_scenario_for_the_window_and_the_command_line(haryana, tmp_path, capsys):
    """A preset, a file and a new scenario start by one rule: without rules of their own, on the
    data set's alliance, they are judged under the data set's rules (``project`` and ``optimise``
    on a file without rules agree: before, ``project`` had none)."""
    import json as _json
    from explorer.core.rules import rules_from_json
    want = rules_from_json(haryana.rules_doc, haryana.seats, starting_scenario(haryana).pools, "embedded").rules
    assert [r.id for r in starting_scenario(haryana).rules.rules] == [r.id for r in want] and want
    assert [r.id for r in starting_scenario(haryana, LEADS).rules.rules] == [r.id for r in want]
    doc = starting_scenario(haryana, LEADS).to_json()
    del doc["rules"]
    path = tmp_path / "no-rules.json"
    path.write_text(_json.dumps(doc))
    assert cli_main(["project", str(path), "--json"]) == 0
    projected = _json.loads(capsys.readouterr().out)
    assert {c["rule"] for c in projected["conflicts"]} <= {r.id for r in want}
    assert projected["conflicts"]
    doc["rules"] = {"format": "seat-share-explorer/rules", "schema_version": 1, "name": "none", "rules": []}
    path.write_text(_json.dumps(doc))
    assert cli_main(["project", str(path), "--json"]) == 0
    assert _json.loads(capsys.readouterr().out)["conflicts"] == []
