"""A run given its own data folder ($SEAT_SHARE_DATA_DIR: the tests, tools/demo_drag.sh, a
screenshot walk-through under Xvfb) keeps its settings there too: an INI file in the folder's
settings/, never the user's (the walk-through's Save dialog opened in another session's folder)."""
from __future__ import annotations

import json
import shutil

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from explorer import APP_NAME
from explorer.gui.dock_layout import STATE_KEY


def users_settings(folder) -> QSettings:
    """The user's own settings, as the window made them before (another session's)."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "SeatShareExplorer", APP_NAME)


def test_the_window_started_with_a_data_folder_keeps_its_settings_in_it(tmp_path, monkeypatch):
    from explorer.gui import app as app_module
    from explorer.gui.main_window import MainWindow
    user = users_settings(tmp_path / "user")
    user.setValue("last_dir", "/home/someone/another-session")
    user.sync()
    user_file = tmp_path / "user" / "SeatShareExplorer" / f"{APP_NAME}.ini"
    before = user_file.read_bytes()
    assert b"another-session" in before
    monkeypatch.setenv("SEAT_SHARE_DATA_DIR", str(tmp_path / "run"))
    monkeypatch.setattr(app_module, "_give_back_freed_memory", lambda: None)  # the test process's malloc stays
    seen = {}
    # earlier tests' windows may still be top-level (deleted later): the one main() made is new
    earlier = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]     # held: ids stay theirs

    def run_and_close(app):
        win = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and all(w is not e for e in earlier))
        seen["file"] = QSettings().fileName()
        seen["save_dialog_starts_in"] = win.files._dir()
        win.files._remember(str(tmp_path / "run" / "deals" / "deal.json"))
        win.close()     # saves the dock layout
        return 0

    qapp = QApplication.instance()
    name, org = qapp.applicationName(), qapp.organizationName()
    monkeypatch.setattr(QApplication, "exec", run_and_close)
    try:
        assert app_module.main(["--size", "1366x768"]) == 0
    finally:
        qapp.setApplicationName(name)
        qapp.setOrganizationName(org)
    private = tmp_path / "run" / "settings" / "SeatShareExplorer" / f"{APP_NAME}.ini"
    assert seen == {"file": str(private), "save_dialog_starts_in": ""}     # not the other session's folder
    text = private.read_text(encoding="utf-8")
    group, key = STATE_KEY.split("/")       # the dock layout saved at the close
    assert f"last_dir={tmp_path / 'run' / 'deals'}\n" in text and f"[{group}]\n{key}=" in text
    assert user_file.read_bytes() == before                                # the user's settings untouched


def test_the_command_line_reads_the_settings_of_its_data_folder(tmp_path, monkeypatch):
    """`project SCENARIO` follows a data set opened in the window before (its folder in the
    window's settings): with $SEAT_SHARE_DATA_DIR set, those in that folder, not the user's."""
    from explorer.cli.blocs import known_dataset_folder
    folder = tmp_path / "jh"
    shutil.copytree("resources/jharkhand", folder)
    monkeypatch.setenv("SEAT_SHARE_DATA_DIR", str(tmp_path / "run"))
    user = users_settings(tmp_path / "user")     # the user's settings know the folder: not read here
    user.setValue("dataset_folders", json.dumps({"jharkhand-copy": str(folder)}))
    user.sync()
    QCoreApplication.setOrganizationName("")     # as on the command line: no window, no organisation set
    assert known_dataset_folder("jharkhand-copy") is None
    private = tmp_path / "run" / "settings" / "SeatShareExplorer" / f"{APP_NAME}.ini"
    private.parent.mkdir(parents=True)
    private.write_text(f'[General]\ndataset_folders="{{\\"jharkhand-copy\\": \\"{folder}\\"}}"\n', encoding="utf-8")
    assert known_dataset_folder("jharkhand-copy") == str(folder)
