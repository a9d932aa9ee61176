"""The --smoke check that the packaged app runs (here from source, as a real process)."""
import os
import subprocess
import sys


def test_smoke_from_source(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SEAT_SHARE_DATA_DIR=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "explorer", "--smoke"], capture_output=True, text=True, timeout=120,
                       env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("smoke: OK: BJP 44, INC 42, AAP 4; brief.pdf ")
    assert "(1 page)" in r.stdout and "(4 sheets)" in r.stdout
    autosave = tmp_path / "autosave"
    assert not autosave.exists() or not any(autosave.iterdir())  # a clean exit leaves nothing to recover


def test_startup_probe_reports_first_paint(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SEAT_SHARE_DATA_DIR=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "explorer", "--startup-probe"], capture_output=True, text=True,
                       timeout=120, env=env, cwd=tmp_path)
    lines = r.stdout.split()
    assert r.returncode == 0 and lines[0] == "first_paint" and lines[1] == "idle_rss_mb" and int(lines[2]) > 50
