"""The blocs a data set keeps (issue 24): an election's blocs as the strategist confirmed or
edited them are written with the data set (a folder: blocs.csv named by its manifest; a shipped
one: the per-user data folder), read back bounded with located errors, and used before the
known alliances table and the inference."""
from __future__ import annotations

import json
import shutil

import pytest

from explorer.core.bloc_inference import Bloc
from explorer.core.bloc_presets import bloc_preset, election_blocs
from explorer.core.dataset_io import load_dataset, load_embedded
from explorer.core.errors import DataError
from explorer.core.kept_blocs import (MAX_BYTES, keep_blocs, kept_blocs_csv, read_kept_blocs,
                                      user_blocs_path)
from explorer.core.paths import resource_root

INDIA = Bloc("INDIA", ("JMM", "INC", "RJD", "CPI(ML)L"), "confirmed 2026-12-07; alliances.csv")
NDA2 = Bloc("NDA", ("BJP", "AJSU"), "edited 2026-12-07")
OURS = ("JMM", "INC", "RJD", "CPI(ML)L")


def jharkhand_folder(tmp_path):
    folder = tmp_path / "jh"
    shutil.copytree(str(resource_root() / "jharkhand"), folder, ignore=shutil.ignore_patterns("__pycache__"))
    m = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
    m["id"] = "jharkhand-copy"
    (folder / "dataset.json").write_text(json.dumps(m), encoding="utf-8")
    return folder, m


def rival_seats(preset):
    return {r.name: {c: sum(1 for _, s in r.seats if c in s) for c in r.partners} for r in preset.rivals}


def test_blocs_kept_in_a_folder_are_used_after_it_is_opened_again(tmp_path):
    folder, before = jharkhand_folder(tmp_path)
    ds = load_dataset(folder)
    # as found: NDA of four (the alliances table), BJP 68, AJSU 10, JD(U) 2, LJP(RV) 1 seats in 2024
    assert rival_seats(bloc_preset(ds, "vs2024", OURS)) == {"NDA": {"BJP": 68, "AJSU": 10, "JD(U)": 2, "LJP(RV)": 1}}
    written = keep_blocs(ds, 2024, [INDIA, NDA2])
    assert written == str(folder / "blocs.csv")
    after = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
    assert after.pop("blocs") == "blocs.csv" and after == before      # every other entry as it was
    assert (folder / "blocs.csv").read_text(encoding="utf-8").splitlines() == [
        "year,bloc,partners,source",
        "2024,INDIA,JMM|INC|RJD|CPI(ML)L,confirmed 2026-12-07; alliances.csv",
        "2024,NDA,BJP|AJSU,edited 2026-12-07"]
    again = load_dataset(folder)
    rep, _ = election_blocs(again, "vs2024")
    assert [(b.name, b.partners) for b in rep.blocs] == [("INDIA", INDIA.partners), ("NDA", ("BJP", "AJSU"))]
    # JD(U) and LJP(RV) now stand alone: NDA is BJP's 68 seats and AJSU's 10
    assert rival_seats(bloc_preset(again, "vs2024", OURS)) == {"NDA": {"BJP": 68, "AJSU": 10}}
    # another election of the data set is found as before (the table's UPA of 2019)
    assert [b.name for b in election_blocs(again, "vs2019")[0].blocs] == ["UPA"]
    # a second keep of 2019 adds to the file; keeping nothing for 2024 forgets that year
    keep_blocs(again, 2019, [Bloc("UPA", ("JMM", "INC"), "edited")])
    keep_blocs(again, 2024, [])
    third = load_dataset(folder)
    assert [(b.name, b.partners) for b in election_blocs(third, "vs2019")[0].blocs] == [("UPA", ("JMM", "INC"))]
    assert len(election_blocs(third, "vs2024")[0].blocs[1].partners) == 4


def test_a_bad_kept_blocs_file_is_named_with_its_line_and_column(tmp_path):
    folder, m = jharkhand_folder(tmp_path)
    m["blocs"] = "blocs.csv"
    (folder / "dataset.json").write_text(json.dumps(m), encoding="utf-8")
    (folder / "blocs.csv").write_text("year,bloc,partners,source\n2024,NDA,BJP|AJSU,x\n20x4,UPA,JMM,x\n"
                                      "2024,Other,AJSU|JD(U),x\n", encoding="utf-8")
    # the data set opens all the same: the file's problems are its warnings, with their lines and
    # columns, and the blocs are found as if the file were not there
    ds = load_dataset(folder)
    kept = [w for w in ds.warnings if str(w).startswith(f"{folder}/blocs.csv")]
    assert [(p.line, p.column) for p in kept] == [(3, "year"), (4, "partners")]
    text = "\n".join(map(str, kept))
    assert "'20x4' is not an election year" in text and "AJSU is already in a bloc of 2024 (line 2)" in text
    assert not ds.imports.kept_blocs
    rep = election_blocs(ds, "vs2024")[0]
    assert not any("as kept in the data set" in d for d in rep.differs)
    # bounded: a file past the limit is refused before it is parsed
    with pytest.raises(DataError, match="the limit is 256 kB"):
        read_kept_blocs(b"year,bloc,partners,source\n" + b"2024,A,B,c\n" * (MAX_BYTES // 10), "big.csv")
    with pytest.raises(DataError, match="missing partners"):
        read_kept_blocs(b"year,bloc,source\n2024,A,c\n", "cols.csv")


def test_a_shipped_data_set_keeps_its_blocs_in_the_user_data_folder(tmp_path):
    ds = load_embedded("jharkhand")
    shipped = sorted(p.name for p in (resource_root() / "jharkhand").iterdir())
    written = keep_blocs(ds, 2024, [INDIA, NDA2])
    assert written == str(user_blocs_path("jharkhand")) and written.startswith(str(tmp_path))
    assert sorted(p.name for p in (resource_root() / "jharkhand").iterdir()) == shipped    # the app's files untouched
    fresh = load_embedded("jharkhand")
    assert rival_seats(bloc_preset(fresh, "vs2024", OURS)) == {"NDA": {"BJP": 68, "AJSU": 10}}
    # a damaged user file: said in the preset's notes, and the blocs found as if it were not there
    user_blocs_path("jharkhand").write_bytes(b"year,bloc,partners,source\n2024,,BJP,x\n")
    p = bloc_preset(load_embedded("jharkhand"), "vs2024", OURS)
    assert rival_seats(p) == {"NDA": {"BJP": 68, "AJSU": 10, "JD(U)": 2, "LJP(RV)": 1}}
    said = [n for n in p.notes if n.startswith("the kept blocs were not read: ")]
    assert said == [f"the kept blocs were not read: {user_blocs_path('jharkhand')}, line 2, bloc: empty: the bloc "
                    "needs a name"]


def test_the_csv_reads_back_what_was_written():
    kept = {2019: [Bloc("UPA", ("JMM", "INC", "RJD"), 'confirmed; "quoted", source')], 2024: [INDIA, NDA2]}
    assert read_kept_blocs(kept_blocs_csv(kept)) == kept


def test_blocs_as_on_the_command_line_takes_the_kept_blocs(capsys, tmp_path):
    from explorer.cli import main
    folder, _ = jharkhand_folder(tmp_path)
    keep_blocs(load_dataset(folder), 2024, [INDIA, NDA2])
    rc = main(["project", "--dataset", str(folder), "--baseline", "vs2024", "--blocs-as", "2024", "--json"])
    d = json.loads(capsys.readouterr().out)
    assert rc == 0 and d["blocs"]["NDA"]["partners"] == ["BJP", "AJSU"]
    # JD(U) and LJP(RV), out of the kept NDA, stand alone: the seat each won in 2024 is unaligned, beside
    # JLKM's one (NDA 24 with them: BJP 21, AJSU 1, JD(U) 1, LJP(RV) 1)
    assert d["blocs"]["INDIA"]["seats"] == 56 and d["blocs"]["NDA"]["seats"] == 22 and d["unaligned_seats"] == 3


def test_a_manifest_larger_than_a_blocs_file_is_read_whole_to_name_the_blocs(tmp_path):
    """dataset.json is read within the manifest's bound (1 MB), not the blocs file's (256 kB): a
    300 kB manifest (spaces, then its JSON) is updated to name blocs.csv, every entry as it was."""
    folder, m = jharkhand_folder(tmp_path)
    (folder / "dataset.json").write_text(" " * 300_000 + json.dumps(m), encoding="utf-8")
    keep_blocs(load_dataset(folder), 2024, [INDIA, NDA2])
    again = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
    assert again == {**m, "blocs": "blocs.csv"}
    assert [(b.name, b.partners) for b in load_dataset(folder).imports.kept_blocs[2024]] == [
        ("INDIA", INDIA.partners), ("NDA", NDA2.partners)]
