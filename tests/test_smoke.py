"""The --smoke check that the packaged app runs (here from source, as a real process)."""
import os
import subprocess
import sys
from pathlib import Path

import explorer

# the subprocess runs this checkout's explorer, not whichever one the interpreter has installed
SRC = str(Path(explorer.__file__).resolve().parents[1])


def test_smoke_from_source(tmp_path):
    env = dict(os.environ, PYTHONPATH=SRC, QT_QPA_PLATFORM="offscreen", SEAT_SHARE_DATA_DIR=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "explorer", "--smoke"], capture_output=True, text=True, timeout=120,
                       env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("smoke: OK: BJP 44, INC 42, AAP 4; brief.pdf ")
    assert "(1 page)" in r.stdout and "(4 sheets)" in r.stdout
    autosave = tmp_path / "autosave"
    assert not autosave.exists() or not any(autosave.iterdir())  # a clean exit leaves nothing to recover


def test_startup_probe_reports_first_paint(tmp_path):
    env = dict(os.environ, PYTHONPATH=SRC, QT_QPA_PLATFORM="offscreen", SEAT_SHARE_DATA_DIR=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "explorer", "--startup-probe"], capture_output=True, text=True,
                       timeout=120, env=env, cwd=tmp_path)
    lines = r.stdout.split()
    assert r.returncode == 0 and lines[0] == "first_paint" and lines[1] == "settled_s"
    assert lines[3:5] == ["front_seats", "90"] and lines[5] == "idle_rss_mb" and int(lines[6]) > 50


def test_the_window_starts_on_a_data_set_folder_given_as_argument(tmp_path):
    """tools/bench_startup.py --pair opens its 543-seat data set so: the folder as the argument."""
    from explorer.core.dataset_io import build_dataset
    from tests.test_datasets_window import RESULTS, SEATS
    folder = tmp_path / "jh"
    build_dataset(folder, name="Jharkhand from files", seats_file=SEATS, results=[("vs2024", str(RESULTS))],
                  partners=["JMM", "Indian National Congress"], dataset_id="jh-arg")
    env = dict(os.environ, PYTHONPATH=SRC, QT_QPA_PLATFORM="offscreen", SEAT_SHARE_DATA_DIR=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    r = subprocess.run([sys.executable, "-m", "explorer", str(folder), "--startup-probe"], capture_output=True,
                       text=True, timeout=120, env=env, cwd=tmp_path)
    lines = r.stdout.split()
    assert r.returncode == 0 and lines[0] == "first_paint" and lines[3:5] == ["front_seats", "81"], r.stderr
    # opened as File > Open data set opens it: in Open recent, and its folder kept for scenario files, in
    # the settings of the data folder given ($SEAT_SHARE_DATA_DIR), never the user's (XDG_CONFIG_HOME)
    conf = (tmp_path / "data" / "settings" / "SeatShareExplorer" / "Seat-share Explorer.ini").read_text()
    assert "jh-arg" in conf and str(folder) in conf
    assert not (tmp_path / "config" / "SeatShareExplorer").exists()
