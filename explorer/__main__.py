"""``python -m explorer`` opens the window; ``python -m explorer project ...`` is the CLI."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and not argv[0].startswith("-") and argv[0] in ("project", "report", "dataset", "backtest", "optimise") or argv[:1] in (["-h"], ["--help"]):
        from .cli import main as cli_main
        return cli_main(argv)
    from .gui.app import main as gui_main
    return gui_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
