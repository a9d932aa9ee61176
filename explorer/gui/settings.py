"""The window's settings (QSettings: recent files, last folder, data set folders, dock layout)
follow ``$SEAT_SHARE_DATA_DIR`` when it is set: an INI file in its ``settings/`` folder
(``core.paths.private_settings_dir``), never the user's own."""
from __future__ import annotations

from PySide6.QtCore import QSettings

from ..core.paths import private_settings_dir


def follow_data_dir() -> str | None:
    """Every ``QSettings()`` made from here on reads and writes the INI file in the data folder's
    ``settings/`` when ``$SEAT_SHARE_DATA_DIR`` is set; returns that folder (None: the platform's
    settings, unchanged)."""
    folder = private_settings_dir()
    if folder is None:
        return None
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return str(folder)
