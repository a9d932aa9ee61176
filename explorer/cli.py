"""Command line: ``python -m explorer project ...`` prints a scenario's projection."""
from __future__ import annotations

import argparse
import json
import sys

from .core.dataset import load_embedded
from .core.engine import Engine
from .core.errors import DataError
from .core.loaders import load_results_csv
from .core.rules import load_rules_file
from .core.scenario import Scenario, default_rules


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="python -m explorer", description="Seat-share Explorer. Without a command, opens the window.")
    sub = ap.add_subparsers(dest="command", parser_class=_Parser)
    p = sub.add_parser("project", help="project a scenario and list its conflicts",
                       description="Project a seat split on a baseline election and list the conflicts "
                                   "with the negotiation rules (the 2024 talks' rules unless the scenario "
                                   "or --rules gives others).")
    p.add_argument("scenario", nargs="?", help="scenario JSON file (default: every seat unassigned)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--baseline", help="baseline id: vs2019 or ls2024")
    g.add_argument("--baseline-file", metavar="RESULTS.csv",
                   help="baseline from a CSV with columns ac_no, candidate, party, votes")
    p.add_argument("--rules", metavar="RULES.json", help="rules file to judge the split by")
    p.add_argument("--assign-all", metavar="POOL", help="put every seat in POOL (AAP, INC, contested, unassigned)")
    p.add_argument("--assign", metavar="POOL=AC_NO,...", action="append", default=[],
                   help="put seats in POOL (applied after --assign-all); seats by number or name")
    p.add_argument("--transfer", action="append", default=[], metavar="FROM:TO=x",
                   help="share (0-1) of FROM's voters that go to TO's candidate; a bare number sets both")
    p.add_argument("--swing", action="append", default=[], metavar="PARTY=pts",
                   help="statewide swing in points, e.g. BJP=-2")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    r = sub.add_parser("report", help="write the PDF brief and/or the XLSX or CSV negotiation sheet",
                       description="Write a scenario's one-page PDF brief and its negotiation sheet.")
    r.add_argument("scenario", help="scenario JSON file")
    r.add_argument("-o", "--output", metavar="brief.pdf", help="the one-page PDF brief")
    r.add_argument("--xlsx", metavar="sheet.xlsx", help="negotiation sheet: seats, summary, assumptions, conflicts")
    r.add_argument("--csv", metavar="seats.csv", help="one row per seat")
    return ap


def _fraction(s: str, what: str) -> float:
    try:
        x = float(s)
    except ValueError:
        raise UsageError(f"{what}: {s!r} is not a number") from None
    if not 0.0 <= x <= 1.0:
        raise UsageError(f"{what}: {s} is outside 0-1 (write 0.8 for 80 %)")
    return x


def run_project(args) -> int:
    ds = load_embedded()
    if args.scenario:
        sc = Scenario.load(ds, args.scenario)
    else:
        sc = Scenario(ds, name="Command line")
        sc.rules = default_rules(ds, sc.pools)
    if args.rules:
        sc.rules = load_rules_file(args.rules, ds.seats, sc.pools)
    a = sc.assumptions
    if args.baseline_file:
        b = load_results_csv(args.baseline_file, ds.seats)
        ds.add_baseline(b)
        a = a.with_baseline(b.id)
    elif args.baseline:
        if args.baseline not in ds.baselines:
            raise UsageError(f"--baseline: unknown baseline {args.baseline!r}; use {' or '.join(ds.baselines)}")
        a = a.with_baseline(args.baseline)
    codes = [p.code for p in sc.pools.partners]
    for t in args.transfer:
        if "=" not in t:
            x = _fraction(t, "--transfer")
            for f in codes:
                for to in codes:
                    if f != to:
                        a = a.with_transfer(f, to, x)
            continue
        pair, _, val = t.partition("=")
        f, _, to = pair.partition(":")
        f, to = f.strip().upper(), to.strip().upper()
        if f not in codes or to not in codes or f == to:
            raise UsageError(f"--transfer {t}: expected FROM:TO=x with partners {' and '.join(codes)}")
        a = a.with_transfer(f, to, _fraction(val, f"--transfer {pair}"))
    parties = set(ds.baseline(a.baseline).candidates["party"])
    for s in args.swing:
        party, eq, val = s.partition("=")
        party = party.strip().upper()
        if not eq:
            raise UsageError(f"--swing {s}: expected PARTY=points, e.g. BJP=-2")
        if party in ("IND", "NOTA"):
            raise UsageError(f"--swing {s}: {party} is not a party; independents are separate candidates")
        if party not in parties:
            raise UsageError(f"--swing {s}: no party {party} in baseline {a.baseline}")
        try:
            a = a.with_swing(party, float(val))
        except ValueError:
            raise UsageError(f"--swing {s}: {val!r} is not a number") from None
    sc.set_assumptions(a)
    if args.assign_all:
        _pool(sc, args.assign_all, "--assign-all")
        sc.assign_all(args.assign_all)
    for spec in args.assign:
        key, eq, seats = spec.partition("=")
        if not eq or not seats.strip():
            raise UsageError(f"--assign {spec}: expected POOL=AC_NO,AC_NO,...")
        _pool(sc, key, "--assign")
        acs = []
        for tok in seats.split(","):
            ac = ds.seats.find(tok)
            if ac is None:
                raise UsageError(f"--assign {spec}: unknown seat {tok.strip()!r}")
            acs.append(ac)
        sc.assign(acs, key)
    ev = Engine(ds).evaluate(sc)
    from .core import report
    if args.json:
        print(json.dumps(report.to_json(sc, ev), ensure_ascii=False))
    else:
        print(report.to_text(sc, ev))
    return 0


def run_report(args) -> int:
    if not (args.output or args.xlsx or args.csv):
        raise UsageError("report: name at least one output: -o brief.pdf, --xlsx sheet.xlsx or --csv seats.csv")
    ds = load_embedded()
    sc = Scenario.load(ds, args.scenario)
    ev = Engine(ds).evaluate(sc)
    from .core import brief, exports
    try:
        if args.output:
            brief.write_brief(args.output, sc, ev)
            print(f"wrote {args.output}")
        if args.xlsx:
            exports.write_xlsx(args.xlsx, sc, ev)
            print(f"wrote {args.xlsx}")
        if args.csv:
            exports.write_seat_csv(args.csv, sc, ev)
            print(f"wrote {args.csv}")
    except OSError as e:
        raise UsageError(f"cannot write {e.filename or ''}: {e.strerror or e}") from None
    return 0


def _pool(sc: Scenario, key: str, opt: str) -> None:
    try:
        sc.pools.index(key)
    except KeyError as e:
        raise UsageError(f"{opt}: {e.args[0]}") from None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv)
        if args.command == "project":
            return run_project(args)
        if args.command == "report":
            return run_report(args)
    except UsageError as e:
        print(f"explorer: error: {e}", file=sys.stderr)
        return 2
    except DataError as e:
        print(f"explorer: error: {e.summary(3)}", file=sys.stderr)
        return 2
    return 0
