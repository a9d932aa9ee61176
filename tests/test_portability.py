"""Windows behaviour simulated here (issue 28): path rules with Windows' names and separators,
the atomic writer as with ``os.name`` "nt" (a rename refused while Excel holds the
file, no folder fsync, no os.kill), the per-user data folder platformdirs gives on Windows,
paths compared letter case aside. README, "Windows", lists what cannot be simulated."""
from __future__ import annotations

import json
import ntpath
import os
import posixpath
import shutil
from pathlib import Path, PureWindowsPath

import pandas as pd
import pytest

from explorer.core import atomic
from explorer.core.dataset_io import _slug, load_dataset, load_embedded
from explorer.core.errors import DataError
from explorer.core.filenames import path_key, relative_file, reserved_on_windows, safe_stem

HARYANA = Path(__file__).resolve().parents[1] / "resources" / "haryana"


def test_relative_paths_of_a_data_set_follow_windows_rules_everywhere():
    ok = {"seats.csv": "seats.csv", "./seats.csv": "seats.csv", "baselines\\vs2024.csv": "baselines/vs2024.csv",
          "baselines/vs2024.csv": "baselines/vs2024.csv", "a\\\\b//c.csv": "a/b/c.csv",
          "console.csv": "console.csv", "CONX.csv": "CONX.csv", "com10.csv": "com10.csv", ".hidden.csv": ".hidden.csv",
          "मतदान.csv": "मतदान.csv"}
    assert {k: relative_file(k) for k in ok} == ok
    refused = ["", "/etc/passwd", "\\seats.csv", "C:\\data\\seats.csv", "C:seats.csv", "c:/x.csv",
               "\\\\server\\share\\seats.csv", "//server/share/seats.csv", "\\\\?\\C:\\x.csv", "..\\seats.csv",
               "a/../../seats.csv", "a\\..\\..\\x", "CON", "con.csv", "data/NUL.txt", "Aux.csv", "COM1.csv",
               "lpt9", "prn.tar.gz", "seats.csv.", "seats.csv ", "a./b.csv", "a|b.csv", "a<b.csv", "a?.csv",
               "a*.csv", 'a".csv', "a\tb.csv", "x" * 201, ".", "./", None, 7]
    assert [r for r in refused if relative_file(r) is not None] == []
    assert reserved_on_windows("nul.") and reserved_on_windows("COM\u00b9.txt") and not reserved_on_windows("null")


def test_a_data_set_made_on_windows_with_backslashes_opens_here(tmp_path):
    folder = tmp_path / "haryana"
    shutil.copytree(HARYANA, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "results").mkdir()
    m = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
    for b in m["baselines"]:
        (folder / b["file"]).rename(folder / "results" / b["file"])
        b["file"] = "results\\" + b["file"]  # as typed on Windows
    m["scenarios"] = [s.replace("/", "\\") for s in m["scenarios"]]
    m["default_scenario"] = m["default_scenario"].replace("/", "\\")
    (folder / "dataset.json").write_text(json.dumps(m), encoding="utf-8")
    ds, shipped = load_dataset(folder), load_embedded()
    for bid, b in shipped.baselines.items():
        pd.testing.assert_frame_equal(ds.baselines[bid].candidates, b.candidates)
    assert sorted(ds.scenario_docs) == sorted(shipped.scenario_docs)
    assert ds.default_scenario == shipped.default_scenario == "AAP's Lok Sabha leads"
    m["seats"] = "CON.csv"  # a name Windows reserves: refused here too, so no such data set is made
    (folder / "CON.csv").write_bytes((folder / "seats.csv").read_bytes())
    (folder / "dataset.json").write_text(json.dumps(m), encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_dataset(folder)
    assert str(e.value.problems[0]).endswith("seats: expected a file name inside the data set folder, found 'CON.csv'")


def test_names_made_from_user_text_are_valid_on_windows():
    assert [_slug(s) for s in ("Con", "NUL", "com1", "Aux deal", "No alliance")] == \
        ["con_", "nul_", "com1_", "aux_deal", "no_alliance"]
    assert [safe_stem(s) for s in ("a:b?", "deal. ", "lpt1.json", "...", "ok")] == \
        ["a_b_", "deal", "lpt1.json_", "file", "ok"]


def test_paths_of_one_file_compare_equal_letter_case_aside_on_windows():
    assert path_key("C:/Deals/Haryana.json", ntpath) == path_key("c:\\deals\\HARYANA.json", ntpath)
    assert path_key("C:/Deals/a/../Haryana.json", ntpath) == path_key("C:\\Deals\\Haryana.json", ntpath)
    assert path_key("/deals/Haryana.json", posixpath) != path_key("/deals/haryana.json", posixpath)


@pytest.fixture
def windows(monkeypatch):
    """The atomic writer behaves as on Windows (os.name "nt"); sleeps are recorded, not slept."""
    sleeps = []
    monkeypatch.setattr(atomic, "POSIX", False)
    monkeypatch.setattr(atomic.time, "sleep", sleeps.append)
    return sleeps


def test_a_save_over_a_file_excel_holds_open_is_retried_then_refused_clearly(tmp_path, monkeypatch, windows):
    target = tmp_path / "seats.csv"
    target.write_bytes(b"old")
    real = os.replace
    calls = []

    def held_for(n):
        def replace(src, dst):
            calls.append(dst)
            if len(calls) <= n:
                raise PermissionError(13, "Access is denied")  # what Windows says while Excel has it open
            return real(src, dst)
        return replace
    monkeypatch.setattr(atomic.os, "replace", held_for(2))  # a virus scanner holding it for a moment
    atomic.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and len(calls) == 3 and windows == [0.05, 0.1]
    calls.clear()
    windows.clear()
    monkeypatch.setattr(atomic.os, "replace", held_for(99))  # Excel: held until closed
    with pytest.raises(OSError) as e:
        atomic.atomic_write_bytes(target, b"newer")
    assert e.value.filename == str(target) and e.value.strerror == atomic.HELD_OPEN
    assert len(calls) == atomic.REPLACE_TRIES and sum(windows) == pytest.approx(1.8)
    assert target.read_bytes() == b"new" and sorted(os.listdir(tmp_path)) == ["seats.csv"]  # no temporary left


def test_on_posix_a_refused_rename_is_not_retried(tmp_path, monkeypatch):
    calls = []

    def refuse(src, dst):
        calls.append(dst)
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(atomic.os, "replace", refuse)
    monkeypatch.setattr(atomic, "POSIX", True)
    with pytest.raises(PermissionError):
        atomic.atomic_write_bytes(tmp_path / "a.json", b"{}")
    assert len(calls) == 1 and os.listdir(tmp_path) == []


def test_windows_never_opens_a_folder_to_fsync_nor_signals_a_process(tmp_path, monkeypatch, windows):
    def forbidden(*a, **kw):
        raise AssertionError("not on Windows")
    stale = tmp_path / f".a.json{atomic.TEMP_MARK}{os.getppid()}-{atomic._host_tag()}-abcdefgh.tmp"
    stale.write_bytes(b"{")
    monkeypatch.setattr(atomic.os, "kill", forbidden)  # os.kill(pid, 0) would end the process there
    assert atomic.stale_temp_files(tmp_path / "a.json") == [stale]
    monkeypatch.setattr(atomic.os, "open", forbidden)  # O_DIRECTORY does not exist there
    atomic._fsync_dir(tmp_path)


def test_the_per_user_data_folder_on_windows(monkeypatch):
    """platformdirs on Windows: %LOCALAPPDATA%\\SeatShareExplorer (appauthor=False: not
    SeatShareExplorer\\SeatShareExplorer), autosaves in its autosave folder."""
    import platformdirs
    from platformdirs import windows as pw

    from explorer.gui.autosave import default_autosave_dir
    local = "C:\\Users\\asha\\AppData\\Local"
    monkeypatch.setattr(pw, "get_win_folder", lambda csidl: {"CSIDL_LOCAL_APPDATA": local}[csidl])
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **kw: pw.Windows(*a, **kw).user_data_dir)
    monkeypatch.delenv("SEAT_SHARE_DATA_DIR", raising=False)
    got = PureWindowsPath(str(default_autosave_dir()))  # platformdirs joins with this system's separator
    assert got == PureWindowsPath(local, "SeatShareExplorer", "autosave")


LOHIT = Path("/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf")  # tools/test.sh installs it


def test_the_brief_font_has_the_rupee_sign_and_every_character_of_the_shipped_data():
    from matplotlib import font_manager, ft2font
    have = ft2font.FT2Font(font_manager.findfont("DejaVu Sans", fallback_to_default=False)).get_charmap()
    text = "₹" + "".join(p.read_text(encoding="utf-8") for p in (HARYANA.parent).rglob("*.csv"))
    assert sorted({c for c in text if ord(c) >= 32 and ord(c) not in have}) == []


def test_the_brief_falls_back_to_the_devanagari_font_of_the_system(monkeypatch):
    """Windows has Nirmala UI: simulated by a font entry of that name."""
    from matplotlib import font_manager

    from explorer.core.fonts import text_fonts
    entries = [e for e in font_manager.fontManager.ttflist if e.name not in ("Nirmala UI", "Lohit Devanagari")]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", entries)
    assert text_fonts() == {"font.family": ["DejaVu Sans"]}
    nirmala = font_manager.FontEntry(fname="C:\\Windows\\Fonts\\Nirmala.ttf", name="Nirmala UI")
    monkeypatch.setattr(font_manager.fontManager, "ttflist", entries + [nirmala])
    assert text_fonts() == {"font.family": ["DejaVu Sans", "Nirmala UI"]}


def test_a_brief_with_devanagari_names_embeds_a_devanagari_font(tmp_path):
    import re
    import warnings

    from matplotlib import font_manager

    from explorer.core.brief import write_brief
    from explorer.core.engine import Engine
    from explorer.core.scenario import scenario_from_preset
    font_manager.fontManager.addfont(str(LOHIT))  # as the font cache of a fresh machine lists it
    sc = scenario_from_preset(load_embedded(), "AAP's Lok Sabha leads")
    sc.name = "गठबंधन प्रस्ताव ₹"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write_brief(tmp_path / "b.pdf", sc, Engine(sc.dataset).evaluate(sc))
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
    fonts = set(re.findall(rb"/BaseFont /[A-Z]{6}\+(\S+)", (tmp_path / "b.pdf").read_bytes()))
    assert {b"Lohit-Devanagari", b"DejaVuSans"} <= fonts


def test_the_windowed_app_prints_to_the_console_it_was_started_from(monkeypatch):
    """Windows, cmd.exe: a windowed program has no stdout; it attaches to its parent's console."""
    import ctypes
    import sys
    import types

    import explorer.__main__ as entry
    attached, opened = [], []
    kernel32 = types.SimpleNamespace(AttachConsole=lambda pid: attached.append(pid) or len(attached) == 1)
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setattr(entry, "open", lambda name, *a, **kw: opened.append(name) or name, raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "argv", ["SeatShareExplorer.exe", "project", "--json"])
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    entry.attach_windows_console()
    assert attached == [-1] and opened == ["CONOUT$", "CONOUT$"] and sys.stdout == sys.stderr == "CONOUT$"
    monkeypatch.setattr(sys, "stdout", None)
    entry.attach_windows_console()  # no console to attach to (started from Explorer): nothing opened
    assert attached == [-1, -1] and opened == ["CONOUT$", "CONOUT$"] and sys.stdout is None


def test_a_fallback_font_without_bold_is_not_reported_at_every_bold_title(caplog):
    import logging

    from matplotlib import font_manager

    from explorer.core.fonts import text_fonts
    text_fonts()
    log = logging.getLogger(font_manager.__name__)
    with caplog.at_level(logging.WARNING, logger=font_manager.__name__):
        log.warning("Failed to find font weight %s for %s, now using %d.", "bold", "Lohit Devanagari", 400)
        log.warning("findfont: Font family %s not found.", "Nirmala UI")
    assert [r.getMessage() for r in caplog.records] == ["findfont: Font family Nirmala UI not found."]
