"""The release workflow (.github/workflows/release.yml) calls only scripts of tools/ that
.ci/run runs here too; the zip tool keeps what a packaged app needs (issue 28)."""
from __future__ import annotations

import importlib.util
import os
import re
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("package_zip", ROOT / "tools" / "package_zip.py")
package_zip = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(package_zip)


def test_every_step_of_the_release_workflow_is_a_script_that_ci_runs():
    wf = (ROOT / ".github/workflows/release.yml").read_text(encoding="utf-8")
    runs = re.findall(r"^\s+run: (.+)$", wf, re.M)
    scripts = [re.match(r"bash (tools/\S+\.sh)\b", r) for r in runs]
    assert runs and all(scripts), runs  # nothing inline: each step is a tested script
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    for m in scripts:
        assert (ROOT / m.group(1)).is_file()
        assert f"bash {m.group(1)}" in ci, f"{m.group(1)} is not run by .ci/run"
    assert set(re.findall(r"os: \[(.+)\]", wf)[0].split(", ")) == {"windows-latest", "ubuntu-22.04", "macos-14"}
    assert "check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml" in ci


@pytest.mark.skipif(os.name != "posix", reason="symlinks and modes are POSIX's")
def test_the_zip_keeps_links_as_links_and_the_app_executable(tmp_path):
    app = tmp_path / "SeatShareExplorer"
    (app / "_internal" / "lib").mkdir(parents=True)
    (app / "_internal" / "lib" / "libQt6Core.so.6.8.1").write_bytes(b"\x7fELF" + b"x" * 1000)
    os.symlink("libQt6Core.so.6.8.1", app / "_internal" / "lib" / "libQt6Core.so.6")
    exe = app / "SeatShareExplorer"
    exe.write_text("#!/bin/sh\necho smoke: OK\n")
    exe.chmod(0o755)
    z = tmp_path / "a.zip"
    assert package_zip.pack(app, z) == 3
    with zipfile.ZipFile(z) as f:
        assert sorted(f.namelist()) == ["SeatShareExplorer/SeatShareExplorer",
                                        "SeatShareExplorer/_internal/lib/libQt6Core.so.6",
                                        "SeatShareExplorer/_internal/lib/libQt6Core.so.6.8.1"]
        link = f.getinfo("SeatShareExplorer/_internal/lib/libQt6Core.so.6")
        assert stat.S_ISLNK(link.external_attr >> 16) and f.read(link) == b"libQt6Core.so.6.8.1"
    out = tmp_path / "out"
    assert package_zip.unpack(z, out) == 3
    lib = out / "SeatShareExplorer" / "_internal" / "lib"
    assert os.readlink(lib / "libQt6Core.so.6") == "libQt6Core.so.6.8.1"
    assert (lib / "libQt6Core.so.6").read_bytes().startswith(b"\x7fELF")
    r = subprocess.run([str(out / "SeatShareExplorer" / "SeatShareExplorer")], capture_output=True, text=True)
    assert r.stdout == "smoke: OK\n"


def test_unzip_refuses_entries_outside_its_folder(tmp_path):
    for bad in ("../evil", "/etc/evil", "C:/evil", "a/../../evil"):
        z = tmp_path / "bad.zip"
        with zipfile.ZipFile(z, "w") as f:
            f.writestr(bad, "x")
        with pytest.raises(SystemExit, match="outside the folder"):
            package_zip.unpack(z, tmp_path / "out")
    assert not (tmp_path / "evil").exists() and not (tmp_path / "out").exists()
