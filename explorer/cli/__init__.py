"""The command line: ``python -m explorer COMMAND``. Each command is a module of this package that
registers its arguments and the function that runs it (``register(sub)``); what they share is in
``common``. Without a command the window opens (``explorer.__main__``)."""
from __future__ import annotations

import sys

from ..core.errors import DataError
from . import backtest, dataset, optimise, project, report
from .common import Parser, UsageError

COMMANDS = (project, backtest, report, dataset, optimise)   # in the order --help lists them


def build_parser() -> Parser:
    ap = Parser(prog="python -m explorer", description="Seat-share Explorer. Without a command, opens the window.")
    sub = ap.add_subparsers(dest="command", parser_class=Parser)
    for command in COMMANDS:
        command.register(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv)
        if args.command:
            return args._run(args)
    except UsageError as e:
        print(f"explorer: error: {e}", file=sys.stderr)
        return 2
    except DataError as e:
        print(f"explorer: error: {e.summary(3)}", file=sys.stderr)
        return 2
    return 0
