"""Where the shipped data lives: the installed package ``explorer.resources``, or the
repository's ``resources/`` when running from a checkout that was not installed."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_root():
    try:
        return resources.files("explorer.resources")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "resources"


DATA_DIR_ENV = "SEAT_SHARE_DATA_DIR"


def private_settings_dir():
    """Where the window's settings (recent files, last folder, data set folders, dock layout) are
    kept when ``$SEAT_SHARE_DATA_DIR`` is set: ``settings/`` in that folder, as an INI file, so a
    run given its own data folder (the tests, tools/demo_drag.sh, screenshots under Xvfb) never
    reads or writes the user's settings. None when it is not set: the platform's place (the
    registry on Windows, ~/.config on Linux)."""
    import os
    base = os.environ.get(DATA_DIR_ENV)
    return Path(base) / "settings" if base else None
