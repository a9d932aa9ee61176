"""A data set's own lineage adds to the shipped table (resources/lineage.csv) and overrides it
event by event: a spelling by the code it spells, a rename, merger or split by the party and the
year (every heir's row of a split together)."""
from __future__ import annotations

import json
import shutil

import numpy as np

from explorer.core.dataset_io import load_dataset
from explorer.core.lineage import overlay, read_lineage
from explorer.core.paths import resource_root
from explorer.core.successors import baseline_as_of, shipped_lineage

HEAD = b"kind,code,to,share,state,year,ac_no,source\n"
# an assumption for these tests, not a fact: AJSU splitting in 2022, half its vote to JLKM
AJSU_SPLIT = HEAD + (b"split,AJSU,AJSU,0.5,JH,2022,,assumption for this test\n"
                     b"split,AJSU,JLKM,0.5,JH,2022,,assumption for this test\n")


def test_an_extra_split_keeps_the_shipped_rows():
    shipped = shipped_lineage()
    lin = overlay(shipped, read_lineage(AJSU_SPLIT, "own.csv"))
    assert len(lin.events) == len(shipped.events) + 2        # 76 shipped rows (resources/lineage.csv) and 2
    assert lin.spelling("AJSUP", "JH") == "AJSU" and lin.spelling("AJSU PARTY", "JH") == "AJSU"
    assert lin.spelling("AAAP", "DL") == "AAP"
    assert lin.successors("JVM", "JH", 2019, 2024) == {"BJP": 1.0}                    # the shipped merger
    assert lin.successors("AJSUP", "JH", 2019, 2024) == {"AJSU": 0.5, "JLKM": 0.5}     # the spelling, then the split
    assert lin.successors("INLD", "HR", 2014, 2019) == {"JJP": 0.8586, "INLD": 0.1414}


def test_the_own_rows_of_an_event_replace_the_shipped_ones():
    own = read_lineage(HEAD + b"split,INLD,JJP,1,HR,2018,,assumption for this test\n"
                              b"rename,JVM,JVM,,,2020,,taken away for this test\n"
                              b"spelling,AJSUP,AJSU(P),,JH,,,assumption for this test\n", "own.csv")
    lin = overlay(shipped_lineage(), own)
    assert len(lin.events) == len(shipped_lineage().events) - 4 + 3     # INLD's two heirs, JVM's merger, a spelling
    assert lin.heirs("INLD", "HR", 2018) == {"JJP": 1.0}                 # both shipped heirs' rows gone
    assert lin.successors("JVM", "JH", 2019, 2024) == {"JVM": 1.0}      # a rename to itself takes the merger away
    assert lin.spelling("AJSUP", "JH") == "AJSU(P)" and lin.spelling("AJSU PARTY", "JH") == "AJSU"
    # a row for one state leaves another state's row of the same event
    hr = read_lineage(HEAD + b"merge,HJCBL,BJP,,UP,2016,,assumption for this test\n", "own.csv")
    assert overlay(shipped_lineage(), hr).successors("HJCBL", "HR", 2014, 2019) == {"INC": 1.0}


def test_a_data_set_folder_with_one_extra_split_keeps_the_shipped_spellings_and_mergers(tmp_path):
    folder = tmp_path / "jh"
    shutil.copytree(str(resource_root() / "jharkhand"), folder, ignore=shutil.ignore_patterns("__pycache__"))
    m = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
    m["id"], m["lineage"] = "jharkhand-split", "lineage.csv"
    (folder / "dataset.json").write_text(json.dumps(m), encoding="utf-8")
    (folder / "lineage.csv").write_bytes(AJSU_SPLIT)
    ds = load_dataset(folder)
    assert len(ds.imports.lineage.events) == len(shipped_lineage().events) + 2
    before = ds.baselines["vs2019"].candidates
    mapped = baseline_as_of(ds, "vs2019", 2024).candidates
    # JVM's 2019 vote is BJP's (the shipped merger), and no JVM candidate is left
    assert "JVM" in set(before.party) and "JVM" not in set(mapped.party)
    ajsu = before[before.party.isin(["AJSU", "AJSUP"])].groupby("ac_no")["votes"].sum()
    heirs = mapped[mapped.party.isin(["AJSU", "JLKM"])].pivot_table(index="ac_no", columns="party", values="votes",
                                                                     aggfunc="sum").reindex(ajsu.index)
    # the split's heirs take half each, and add up to AJSU's 2019 vote in every seat it stood in
    assert len(ajsu) > 0 and np.allclose(heirs["JLKM"], 0.5 * ajsu) and np.allclose(heirs.sum(axis=1), ajsu)
    # every seat keeps its valid vote
    assert np.allclose(mapped.groupby("ac_no")["votes"].sum(), before.groupby("ac_no")["votes"].sum())


def test_the_parties_dialog_loads_a_file_onto_its_table(qtbot, tmp_path):
    from explorer.core.dataset_io import load_embedded
    from explorer.gui.dialogs.parties_dialog import PartiesDialog
    ds = load_embedded("jharkhand")
    dlg = PartiesDialog(ds, lambda: None)
    qtbot.addWidget(dlg)
    rows = lambda: [tuple(dlg.lineage.item(r, c).text() for c in range(3)) for r in range(dlg.lineage.rowCount())]
    before = rows()
    assert ("merge", "JVM", "BJP") in before
    f = tmp_path / "own.csv"
    f.write_bytes(AJSU_SPLIT)
    assert dlg.load(str(f))
    assert rows() == before + [("split", "AJSU", "AJSU"), ("split", "AJSU", "JLKM")]
    assert dlg.apply()
    lin = ds.imports.lineage
    assert lin.spelling("AJSUP", "JH") == "AJSU" and lin.successors("JVM", "JH", 2019, 2024) == {"BJP": 1.0}
    assert lin.successors("AJSUP", "JH", 2019, 2024) == {"AJSU": 0.5, "JLKM": 0.5}
