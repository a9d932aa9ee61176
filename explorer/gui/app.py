"""Start the window: ``python -m explorer [--scenario FILE] [--preset NAME]``."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m explorer", description="Seat-share Explorer window")
    ap.add_argument("--scenario", help="open this scenario file")
    ap.add_argument("--preset", help="start from a preset scenario by name")
    ap.add_argument("--size", default=None, help="window size, e.g. 1366x768")
    args = ap.parse_args(argv)

    from PySide6.QtWidgets import QApplication, QMessageBox

    from .. import APP_NAME, __version__
    from ..core.dataset import load_embedded
    from ..core.errors import DataError
    from ..core.scenario import Scenario, default_rules, scenario_from_preset
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("SeatShareExplorer")
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")
    ds = load_embedded()
    sc = None
    try:
        if args.scenario:
            sc = Scenario.load(ds, args.scenario)
        elif args.preset:
            sc = scenario_from_preset(ds, args.preset)
    except (DataError, KeyError) as e:
        QMessageBox.warning(None, APP_NAME, f"{e}\nStarting on the default scenario.")
        sc = None
    if sc is not None and not sc.rules.rules:
        sc.rules = default_rules(ds, sc.pools)
    win = MainWindow(ds, sc)
    screen = app.primaryScreen().availableGeometry()
    if args.size:
        w, h = (int(x) for x in args.size.lower().split("x"))
    else:
        w, h = min(1600, screen.width()), min(950, screen.height())
    win.resize(min(w, screen.width()), min(h, screen.height()))
    win.show()
    return app.exec()
