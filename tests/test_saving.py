"""Saving: atomic, through symlinks, keeping permissions, honouring the umask, tidying up the
temporary files of interrupted saves (explorer/core/atomic.py and every writer using it)."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time

import pytest

from explorer.core import atomic
from explorer.core.atomic import atomic_write_bytes, stale_temp_files, temp_pattern
from explorer.core.brief import write_brief
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.exports import compare, write_comparison_csv, write_seat_csv, write_xlsx
from explorer.core.jsonio import read_json, write_json
from explorer.core.rules import save_rules_file

from .helpers import congress_everywhere, open_window

DS = load_embedded()
HOST = atomic._host_tag()


def mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


@pytest.fixture
def umask():
    """Set the process umask for one test; the previous one comes back afterwards."""
    old = os.umask(0o022)
    yield lambda m: os.umask(m)
    os.umask(old)


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def temp_name(target: str, pid: int, host: str = HOST, rand: str = "abcd1234") -> str:
    return f".{target}.sse-{pid}-{host}-{rand}.tmp"


# -- permissions -------------------------------------------------------------------------
@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_honours_the_umask(tmp_path, umask, mask, expected):
    umask(mask)
    atomic_write_bytes(tmp_path / "new.json", b"{}\n")
    assert mode(tmp_path / "new.json") == expected


@pytest.mark.parametrize("before", [0o664, 0o640, 0o600, 0o604])
def test_an_existing_file_keeps_its_permission_bits(tmp_path, umask, before):
    umask(0o077)  # would give 0600 if the mode came from the umask
    p = tmp_path / "deal.json"
    p.write_bytes(b"old")
    os.chmod(p, before)
    atomic_write_bytes(p, b"new")
    assert p.read_bytes() == b"new" and mode(p) == before


def test_private_files_are_0600_whatever_the_umask_or_the_old_mode(tmp_path, umask):
    umask(0)
    p = tmp_path / "workspace-1.json"
    write_json(p, {"a": 1}, private=True)
    assert mode(p) == 0o600
    os.chmod(p, 0o666)
    write_json(p, {"a": 2}, private=True)
    assert mode(p) == 0o600 and read_json(p) == {"a": 2}


def test_a_read_only_file_is_not_replaced(tmp_path, monkeypatch):
    p = tmp_path / "deal.json"
    p.write_bytes(b"old")
    os.chmod(p, 0o444)
    real_access = os.access
    # as the user would see it (root may write anything, and the tests may run as root)
    monkeypatch.setattr(os, "access", lambda f, m, **kw: False if m == os.W_OK else real_access(f, m, **kw))
    with pytest.raises(OSError) as e:
        atomic_write_bytes(p, b"new")
    assert e.value.filename == str(p) and "read-only" in str(e.value)
    assert p.read_bytes() == b"old" and os.listdir(tmp_path) == ["deal.json"]


def test_a_folder_in_the_way_is_refused_naming_the_users_path(tmp_path):
    (tmp_path / "deal.json").mkdir()
    with pytest.raises(IsADirectoryError) as e:
        atomic_write_bytes(tmp_path / "deal.json", b"x")
    assert e.value.filename == str(tmp_path / "deal.json")
    with pytest.raises(FileNotFoundError) as e:
        atomic_write_bytes(tmp_path / "missing" / "deal.json", b"x")
    assert e.value.filename == str(tmp_path / "missing" / "deal.json")


# -- symlinks ----------------------------------------------------------------------------
def test_save_writes_through_a_symlink_to_its_target(tmp_path):
    real_dir = tmp_path / "shared"
    real_dir.mkdir()
    target = real_dir / "deal.json"
    target.write_bytes(b"old")
    os.chmod(target, 0o664)
    link = tmp_path / "deal.json"
    link.symlink_to(target)
    sc = congress_everywhere("Through the link")
    sc.save(link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text())["name"] == "Through the link"
    assert mode(target) == 0o664
    assert sorted(os.listdir(tmp_path)) == ["deal.json", "shared"] and os.listdir(real_dir) == ["deal.json"]


def test_a_dangling_symlink_creates_its_target(tmp_path, umask):
    link = tmp_path / "deal.json"
    link.symlink_to(tmp_path / "real.json")
    atomic_write_bytes(link, b"new")
    assert link.is_symlink() and (tmp_path / "real.json").read_bytes() == b"new"
    assert mode(tmp_path / "real.json") == 0o644


def test_a_chain_of_symlinks_is_followed_to_the_end(tmp_path):
    (tmp_path / "real.json").write_bytes(b"old")
    (tmp_path / "b.json").symlink_to("real.json")
    (tmp_path / "a.json").symlink_to("b.json")
    atomic_write_bytes(tmp_path / "a.json", b"new")
    assert (tmp_path / "a.json").is_symlink() and (tmp_path / "b.json").is_symlink()
    assert (tmp_path / "real.json").read_bytes() == b"new"


# -- durability: temp, fsync, rename, fsync folder ---------------------------------------
def test_the_order_is_write_fsync_rename_fsync_folder(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        kind = "dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else f"file:{os.fstat(fd).st_size}"
        calls.append(("fsync", kind))
        real_fsync(fd)

    def replace(a, b):
        calls.append(("replace", os.path.basename(b)))
        real_replace(a, b)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    atomic_write_bytes(tmp_path / "deal.json", b"12345")
    assert calls == [("fsync", "file:5"), ("replace", "deal.json"), ("fsync", "dir")]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    p = tmp_path / "deal.json"
    p.write_bytes(b"old")

    def full(fd, data):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OSError) as e:
        atomic_write_bytes(p, b"new" * 1000)
    assert e.value.errno == 28 and e.value.filename == str(p)
    assert p.read_bytes() == b"old" and os.listdir(tmp_path) == ["deal.json"]


def test_a_large_file_is_written_whole(tmp_path):
    data = os.urandom(5 * 1024 * 1024 + 7)
    atomic_write_bytes(tmp_path / "big.bin", data)
    assert (tmp_path / "big.bin").read_bytes() == data


# -- temporary files of interrupted saves ------------------------------------------------
def test_temporary_names_follow_the_apps_pattern(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (seen.append(os.path.basename(a)), real_replace(a, b)))
    atomic_write_bytes(tmp_path / "deal.json", b"x")
    assert len(seen) == 1 and temp_pattern("deal.json").fullmatch(seen[0])
    assert seen[0].startswith(f".deal.json.sse-{os.getpid()}-{HOST}-")


def test_stale_temporary_files_are_removed_at_the_next_save_only_its_own(tmp_path):
    dead = dead_pid()
    ours = [temp_name("deal.json", dead), temp_name("deal.json", dead, rand="zzzz9999")]
    old_foreign = temp_name("deal.json", 4242, host="0f0f0f")
    keep = [
        temp_name("deal.json", os.getppid()),         # a running process may be saving right now
        temp_name("deal.json", 4243, host="1e1e1e"),  # another machine, recently: maybe still saving
        temp_name("other.json", dead),                # another file's
        ".deal.json.abcd1234.tmp",                    # not the app's pattern (mkstemp's)
        temp_name("deal.json", dead)[:-4] + ".tmpx",  # not the pattern either
        "deal.json.sse-1-abcdef-abcd1234.tmp",        # no leading dot
    ]
    for n in ours + [old_foreign] + keep:
        (tmp_path / n).write_bytes(b"partial")
    two_hours_ago = time.time() - 7200
    os.utime(tmp_path / old_foreign, (two_hours_ago, two_hours_ago))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / temp_name("deal.json", dead)).write_bytes(b"partial")  # not beside the file
    assert sorted(p.name for p in stale_temp_files(tmp_path / "deal.json")) == sorted(ours + [old_foreign])
    congress_everywhere().save(tmp_path / "deal.json")
    assert sorted(os.listdir(tmp_path)) == sorted(["deal.json", "sub"] + keep)
    assert os.listdir(tmp_path / "sub") == [temp_name("deal.json", dead)]


def test_a_temporary_directory_of_the_pattern_is_left_alone(tmp_path):
    d = tmp_path / temp_name("deal.json", dead_pid())
    d.mkdir()
    atomic_write_bytes(tmp_path / "deal.json", b"x")
    assert d.is_dir()


def test_stale_files_are_tidied_beside_the_symlinks_target(tmp_path):
    real_dir = tmp_path / "shared"
    real_dir.mkdir()
    stale = real_dir / temp_name("real.json", dead_pid())
    stale.write_bytes(b"partial")
    (tmp_path / "deal.json").symlink_to(real_dir / "real.json")
    atomic_write_bytes(tmp_path / "deal.json", b"x")
    assert not stale.exists() and os.listdir(real_dir) == ["real.json"]


def test_a_long_file_name_gets_a_shortened_temporary_name(tmp_path):
    name = "d" * 240 + ".json"
    atomic_write_bytes(tmp_path / name, b"x")
    assert os.listdir(tmp_path) == [name]
    stale = tmp_path / temp_name(atomic._shown(name), dead_pid())
    assert len(stale.name) < 255
    stale.write_bytes(b"partial")
    atomic_write_bytes(tmp_path / name, b"y")
    assert os.listdir(tmp_path) == [name]


# -- every writer ------------------------------------------------------------------------
def test_every_core_writer_honours_the_umask_and_leaves_only_its_file(tmp_path, umask):
    umask(0o022)
    sc = congress_everywhere()
    ev = Engine(DS).evaluate(sc)
    other = congress_everywhere("B")
    other.assign([36], "AAP")
    writers = {
        "deal.json": lambda p: sc.save(p),
        "rules.json": lambda p: save_rules_file(p, sc.rules),
        "brief.pdf": lambda p: write_brief(p, sc, ev),
        "sheet.xlsx": lambda p: write_xlsx(p, sc, ev),
        "seats.csv": lambda p: write_seat_csv(p, sc, ev),
        "compare.csv": lambda p: write_comparison_csv(p, compare(sc, ev, other, Engine(DS).evaluate(other))),
    }
    for name, write in writers.items():
        write(tmp_path / name)
        assert mode(tmp_path / name) == 0o644, name
        assert (tmp_path / name).stat().st_size > 100, name
    assert sorted(os.listdir(tmp_path)) == sorted(writers)


def test_map_exports_are_atomic_and_honour_the_umask(qtbot, tmp_path, umask):
    umask(0o002)
    w = open_window(qtbot, congress_everywhere("Map"))
    for name in ("map.png", "map.svg"):
        stale = tmp_path / temp_name(name, dead_pid())
        stale.write_bytes(b"partial")
        w.map_panel.export(str(tmp_path / name))
        assert mode(tmp_path / name) == 0o664 and not stale.exists()
    assert (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in (tmp_path / "map.svg").read_bytes()
    assert sorted(os.listdir(tmp_path)) == ["map.png", "map.svg"]


def test_the_autosave_is_private_to_the_user(qtbot, tmp_path, umask):
    umask(0)
    w = open_window(qtbot, congress_everywhere(), autosave_dir=tmp_path / "autosave")
    w.files.autosaver.changed()
    assert w.files.autosaver.save_now()
    assert mode(w.files.autosaver.path) == 0o600
    assert read_json(w.files.autosaver.path)["scenarios"][0]["scenario"]["name"] == "Test"



def test_stale_files_of_a_file_that_will_not_be_saved_again_can_be_removed(tmp_path):
    from explorer.core.atomic import remove_stale_temp_files
    (tmp_path / "workspace-7.json").write_bytes(b"{}")
    stale = tmp_path / temp_name("workspace-7.json", dead_pid())
    alive = tmp_path / temp_name("workspace-7.json", os.getppid())
    stale.write_bytes(b"partial")
    alive.write_bytes(b"partial")
    remove_stale_temp_files(tmp_path / "workspace-7.json")
    assert sorted(os.listdir(tmp_path)) == sorted(["workspace-7.json", alive.name])


def test_a_write_that_takes_nothing_is_a_full_disk_not_a_hang(tmp_path, monkeypatch):
    p = tmp_path / "deal.json"
    p.write_bytes(b"old")
    monkeypatch.setattr(os, "write", lambda fd, data: 0)
    with pytest.raises(OSError) as e:
        atomic_write_bytes(p, b"new")
    assert e.value.errno == 28 and e.value.filename == str(p)
    assert p.read_bytes() == b"old" and os.listdir(tmp_path) == ["deal.json"]
