"""``python -m explorer`` opens the window; ``python -m explorer project ...`` is the CLI."""
from __future__ import annotations

import sys


def attach_windows_console() -> None:
    """On Windows the packaged app is a windowed program (no console window opens with it), so
    Python has no stdout when it is started from cmd.exe or PowerShell: the command line
    (``SeatShareExplorer.exe project ...``, ``--smoke``) then writes to the console it was
    started from. Where its output is redirected or piped (Git Bash, ``> out.txt``) Python has
    it already and nothing changes. Called by the packaged app's entry point only."""
    if sys.platform != "win32" or len(sys.argv) < 2 or (sys.stdout is not None and sys.stderr is not None):
        return
    try:
        import ctypes
        if not ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS; fails without one
            return
        if sys.stdout is None:
            sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")
        if sys.stderr is None:
            sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")
    except (OSError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and not argv[0].startswith("-") and argv[0] in ("project", "report", "dataset", "backtest", "optimise") or argv[:1] in (["-h"], ["--help"]):
        from .cli import main as cli_main
        return cli_main(argv)
    from .gui.app import main as gui_main
    return gui_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
