"""Test set-up: Qt runs on a real X server (xcb) so real drags can complete. Under
tools/test.sh that is xvfb-run's; without a display, an Xvfb is started here."""
from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

_xvfb = None


def _start_xvfb() -> None:
    global _xvfb
    for n in range(90, 120):
        if os.path.exists(f"/tmp/.X{n}-lock"):
            continue
        _xvfb = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(50):
            if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                os.environ["DISPLAY"] = f":{n}"
                return
            time.sleep(0.05)
        _xvfb.kill()
    raise RuntimeError("could not start Xvfb")


if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb" and shutil.which("Xvfb"):
    _start_xvfb()
os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")


@pytest.fixture(autouse=True)
def _private_data_dirs(tmp_path, monkeypatch):
    """Autosaves and settings of a test stay in its own temporary folder: the settings follow
    $SEAT_SHARE_DATA_DIR as the app's do (an INI file in its settings/), never the user's."""
    monkeypatch.setenv("SEAT_SHARE_DATA_DIR", str(tmp_path / "data"))
    from PySide6.QtCore import QCoreApplication, QSettings
    from explorer.gui.settings import follow_data_dir
    # the platform's own settings file too, should anything make one: a test never writes the user's
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "native-settings"))
    follow_data_dir()
    QCoreApplication.setOrganizationName("SeatShareExplorerTests")


@pytest.fixture(autouse=True)
def _windows_answer_prompts(monkeypatch):
    """A window closed at the end of a test discards its changes instead of asking."""
    from explorer.gui.controllers.files import FileController
    orig = FileController.__init__

    def init(self, *a, **kw):
        orig(self, *a, **kw)
        self.ask_save = lambda doc: "discard"
        self.ask_yes_no = lambda title, text: True
    monkeypatch.setattr(FileController, "__init__", init)


@pytest.fixture(autouse=True, scope="session")
def _app_style(qapp):
    """The tests see the window in the style the app gives itself at start (app.py)."""
    from explorer.gui.app_style import apply_style
    apply_style(qapp)


def pytest_sessionfinish(session, exitstatus):
    if _xvfb is not None:
        _xvfb.terminate()


@pytest.fixture(scope="session")
def haryana():
    from explorer.core.dataset_io import load_embedded
    return load_embedded()
