"""Command line: ``python -m explorer project ...`` prints a scenario's projection."""
from __future__ import annotations

import argparse
import json
import sys

from .core import commands, dataset_io
from .core.dataset_io import load_embedded
from .core.assumptions import can_swing
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
    _dataset_args(p)
    p.add_argument("--partners", metavar="P1,P2,...",
                   help="the alliance: two or more party codes or ECI names (default: the data set's)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--baseline", help="baseline id, e.g. vs2024, vs2019 or ls2024 (default: the data set's newest)")
    g.add_argument("--baseline-file", metavar="RESULTS.csv",
                   help="baseline from a results CSV as ECI publishes it (see README: columns)")
    p.add_argument("--rules", metavar="RULES.json", help="rules file to judge the split by")
    p.add_argument("--assign-all", metavar="POOL", help="put every seat in POOL (a partner, contested or unassigned)")
    p.add_argument("--assign", metavar="POOL=AC_NO,...", action="append", default=[],
                   help="put seats in POOL (applied after --assign-all); seats by number or name")
    p.add_argument("--transfer", action="append", default=[], metavar="FROM:TO=x",
                   help="share (0-1) of FROM's voters that go to TO's candidate; a bare number sets both")
    p.add_argument("--swing", action="append", default=[], metavar="PARTY=pts",
                   help="statewide swing in points, e.g. BJP=-2")
    p.add_argument("--poll", metavar="PARTY=pct,...",
                   help="statewide shares from a survey, percent of the valid vote (e.g. BJP=40.5,INC=38): "
                        "each party's swing is set to reach its share")
    _uncertainty_args(p, default_draws=0)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    bt = sub.add_parser("backtest", help="project a later election from an earlier one and score it",
                        description="Project the --to election from the --from baseline (default: every seat "
                                    "Contested) and print seats right, the Brier score and log loss of the "
                                    "per-seat P(win) against the deterministic projection's, and whether each "
                                    "party's 80 %% interval covered its real seat count.")
    _dataset_args(bt)
    bt.add_argument("--from", dest="from_id", metavar="BASELINE", help="the earlier election, e.g. vs2019")
    bt.add_argument("--to", dest="to_id", metavar="BASELINE", help="the later election, e.g. vs2024")
    from .core.corpus_backtest import add_corpus_args
    add_corpus_args(bt)
    bt.add_argument("--scenario", metavar="FILE", help="who stood where (default: every seat Contested)")
    _uncertainty_args(bt, default_draws=10_000)
    bt.add_argument("--json", action="store_true", help="print one JSON object")
    r = sub.add_parser("report", help="write the PDF brief and/or the XLSX or CSV negotiation sheet",
                       description="Write a scenario's one-page PDF brief and its negotiation sheet.")
    r.add_argument("scenario", help="scenario JSON file")
    _dataset_args(r)
    r.add_argument("-o", "--output", metavar="brief.pdf", help="the one-page PDF brief")
    r.add_argument("--xlsx", metavar="sheet.xlsx", help="negotiation sheet: seats, summary, assumptions, conflicts")
    r.add_argument("--csv", metavar="seats.csv", help="one row per seat")
    d = sub.add_parser("dataset", help="build or check a data set folder",
                       description="Data sets: a folder with dataset.json, seats, baselines and parties.")
    dsub = d.add_subparsers(dest="dataset_command", parser_class=_Parser)
    b = dsub.add_parser("build", help="build a data set from a seat list and results files as published",
                        description="Build a data set folder from a seat list (ac_no, name, district, pc, "
                                    "reserved) and one or more results files in the shapes ECI publishes. "
                                    "Nothing is written when a file has a problem.")
    b.add_argument("--name", required=True, help="the data set's name, e.g. 'Jharkhand Vidhan Sabha'")
    b.add_argument("--seats", required=True, metavar="SEATS.csv", help="the seat list")
    b.add_argument("--results", required=True, action="append", metavar="ID=RESULTS.csv",
                   help="a baseline: its id (e.g. vs2024, ls2024) and results file; repeat for more")
    b.add_argument("--label", action="append", default=[], metavar="ID=LABEL",
                   help="a baseline's label (default from its id, e.g. 'Vidhan Sabha 2024')")
    b.add_argument("--boundaries", metavar="FILE.geojson", help="constituency boundaries keyed by ac_no")
    b.add_argument("--partners", metavar="P1,P2,...",
                   help="the default alliance (codes or ECI names; default: the two largest parties)")
    b.add_argument("--id", dest="dataset_id", help="the data set's id (default: from --state or --name)")
    b.add_argument("--state", default="", help="the state, e.g. Jharkhand")
    b.add_argument("--majority", type=int, help="seats needed for a majority (default: more than half)")
    b.add_argument("--force", action="store_true", help="replace DIR if it exists")
    b.add_argument("-o", "--output", required=True, metavar="DIR", help="the data set folder to write")
    c = dsub.add_parser("check", help="validate a data set folder and print its seats and winners")
    c.add_argument("folder", metavar="DIR", help="data set folder, or an embedded id (haryana, jharkhand)")
    c.add_argument("--json", action="store_true", help="print one JSON object")
    from .cli_optimise import register  # the optimise command lives in its own module
    register(sub)
    return ap


def _uncertainty_args(p, default_draws: int) -> None:
    p.add_argument("--draws", type=int, default=default_draws, metavar="N",
                   help="simulated elections for the uncertainty (e.g. 10000" +
                        ("; 0: none, the default)" if default_draws == 0 else ")"))
    p.add_argument("--seed", type=int, default=2024, help="random seed (default 2024: the same figures every run)")
    p.add_argument("--uncertainty", default="fitted", choices=["low", "fitted", "high"],
                   help="the sizes fitted from the data (fitted), halved (low) or x1.5 (high)")


def _check_draws(n: int) -> None:
    if not 0 <= n <= 200_000:
        raise UsageError(f"--draws {n}: use 0 to 200000")


def _dataset_args(p) -> None:
    p.add_argument("--dataset", metavar="DIR",
                   help="data set folder, or an embedded id (default: haryana; also: "
                        "jharkhand)")


def _load_dataset(spec: str | None):
    """A data set by folder or embedded id (default: the embedded Haryana)."""
    import os
    if not spec:
        return load_embedded()
    if os.path.exists(spec):
        return dataset_io.load_dataset(spec)
    if spec in dataset_io.embedded_ids():
        return load_embedded(spec)
    raise UsageError(f"--dataset {spec}: no such folder, and no embedded data set of that id "
                     f"(embedded: {', '.join(dataset_io.embedded_ids())})")


def command_line_scenario(ds, partners_spec: str | None) -> Scenario:
    """A new scenario for the command line: the --partners alliance (codes or ECI names) or the
    data set's own, with the data set's rules when the alliance is its own."""
    partners = None
    if partners_spec:
        try:
            partners = dataset_io.resolve_partners(ds, partners_spec)
        except ValueError as e:
            raise UsageError(f"--partners: {e}") from None
    sc = Scenario(ds, partners, name="Command line")
    if sc.pools.partners == ds.partners:
        sc.rules = default_rules(ds, sc.pools)
    return sc


def _fraction(s: str, what: str) -> float:
    try:
        x = float(s)
    except ValueError:
        raise UsageError(f"{what}: {s!r} is not a number") from None
    if not 0.0 <= x <= 1.0:
        raise UsageError(f"{what}: {s} is outside 0-1 (write 0.8 for 80 %)")
    return x


def run_project(args) -> int:
    ds = _load_dataset(args.dataset)
    if args.scenario:
        if args.partners:
            raise UsageError("--partners: the scenario file names its partners; give one or the other")
        sc = Scenario.load(ds, args.scenario)
    else:
        sc = command_line_scenario(ds, args.partners)
    if args.rules:
        sc.rules = load_rules_file(args.rules, ds.seats, sc.pools)
    a = sc.assumptions
    if args.baseline_file:
        b = load_results_csv(args.baseline_file, ds.seats, parties=ds.parties)
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
        text, eq, val = s.partition("=")
        if not eq:
            raise UsageError(f"--swing {s}: expected PARTY=points, e.g. BJP=-2")
        party = ds.resolve_party(text.strip()) or text.strip().upper()
        if not can_swing(party):
            raise UsageError(f"--swing {s}: {party} is not a party; independents are separate candidates")
        if party not in parties:
            tot = ds.baseline(a.baseline).candidates.groupby("party")["votes"].sum()
            near = dataset_io._nearest(text.strip(), [p for p in tot.sort_values(ascending=False).index
                                                      if can_swing(p)], ds.party_name)
            raise UsageError(f"--swing {s}: no party {text.strip()} in baseline {a.baseline}"
                             + (f"; did you mean {near}?" if near else ""))
        try:
            a = a.with_swing(party, float(val))
        except ValueError:
            raise UsageError(f"--swing {s}: {val!r} is not a number") from None
    if args.poll:
        a = _poll_assumption(ds, a, args.poll, args.swing)
    # the same commands the window puts on its undo stack
    commands.SetAssumptions(sc, a, "command line").do()
    if args.assign_all:
        _pool(sc, args.assign_all, "--assign-all")
        commands.MoveSeats(sc, sc.seats.ac_no.tolist(), args.assign_all).do()
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
        commands.MoveSeats(sc, acs, key).do()
    ev = Engine(ds).evaluate(sc)
    from .core import report
    _check_draws(args.draws)
    unc = None
    if args.draws:
        from .core import uncertainty as U
        params, _ = U.params_for(ds, args.uncertainty)
        sim = U.Simulator(ev.projector, ds, params, args.draws, args.seed)
        summ = sim.run(sc.pool, ds.majority)
        unc = (U.uncertainty_json(sim, summ, ev.projector, sc.pool, ds.seats, ds.majority), summ)
    if args.json:
        d = report.to_json(sc, ev)
        if unc:
            from .core.uncertainty import per_seat_probabilities
            d["uncertainty"] = unc[0]
            for i, rec in enumerate(d["per_seat"]):
                rec["p_win"] = per_seat_probabilities(unc[1], i)
                rec["p_alliance"] = round(float(unc[1].p_alliance[i]), 4)
        print(json.dumps(d, ensure_ascii=False))
    else:
        print(report.to_text(sc, ev))
        if unc:
            u = unc[0]
            a = u["alliance_seats"]
            c = u["cushion"]
            print(f"Uncertainty ({u['draws']:,} draws): alliance {a['median']} (80 %: {a['p10']}–{a['p90']}) · "
                  f"P(majority) {u['p_majority'] * 100:.0f} %")
            print("  seats (80 %): " + ", ".join(f"{k} {v['median']} ({v['p10']}–{v['p90']})"
                                                 for k, v in list(u["seats"].items())[:8]))
            print(f"  tipping seats: {', '.join(f'{a} {ds.seats.name(a)}' for a in u['tipping_seats'][:5])}")
            if c["majority_lost_at"] is not None:
                print(f"  cushion: the majority is lost at a swing of {-c['majority_lost_at']:g} points to {c['rival']}")
            elif c["majority_won_at"] is not None:
                print(f"  cushion: a swing of {c['majority_won_at']:g} points from {c['rival']} wins the majority")
    return 0


def _poll_assumption(ds, a, text: str, swing_args: list[str]):
    from .core.poll import PollError, parse_poll, poll_swings
    try:
        poll = {(ds.resolve_party(k) or k.upper()): v for k, v in parse_poll(text).items()}
        swings = poll_swings(ds.baseline(a.baseline).candidates, poll)
    except PollError as e:
        raise UsageError(f"--poll: {e}") from None
    both = sorted(set(swings) & {ds.resolve_party(s.partition("=")[0].strip()) or "" for s in swing_args})
    if both:
        raise UsageError(f"--poll and --swing both set {', '.join(both)}: give one")
    for party, pts in swings.items():
        a = a.with_swing(party, pts)
    return a


def run_backtest(args) -> int:
    from .core.backtest import backtest, backtest_text
    if args.corpus:
        from .core.corpus_backtest import run_corpus_args
        return run_corpus_args(args, UsageError)
    if not (args.from_id and args.to_id):
        raise UsageError("backtest: give --from and --to (a data set's elections), or --corpus DIR")
    ds = _load_dataset(args.dataset)
    _check_draws(args.draws)
    if args.draws < 100:
        raise UsageError(f"--draws {args.draws}: a back-test needs at least 100")
    for b in (args.from_id, args.to_id):
        if b not in ds.baselines:
            raise UsageError(f"unknown baseline {b!r}; {ds.id} has {', '.join(ds.baselines)}")
    if args.from_id == args.to_id:
        raise UsageError("--from and --to name the same election")
    sc = Scenario.load(ds, args.scenario) if args.scenario else None
    r = backtest(ds, args.from_id, args.to_id, sc, draws=args.draws, seed=args.seed, level=args.uncertainty)
    print(json.dumps(r, ensure_ascii=False) if args.json else backtest_text(r))
    return 0


def run_report(args) -> int:
    if not (args.output or args.xlsx or args.csv):
        raise UsageError("report: name at least one output: -o brief.pdf, --xlsx sheet.xlsx or --csv seats.csv")
    ds = _load_dataset(args.dataset)
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


def run_dataset(args) -> int:
    if args.dataset_command == "build":
        try:
            results = [dataset_io.parse_results_spec(r) for r in args.results]
            labels = {}
            for spec in args.label:
                k, eq, v = spec.partition("=")
                if not eq or not v.strip():
                    raise ValueError(f"--label {spec}: expected ID=LABEL")
                labels[k.strip()] = v.strip()
            ds = dataset_io.build_dataset(args.output, name=args.name, seats_file=args.seats, results=results,
                                          boundaries_file=args.boundaries, partners=args.partners, labels=labels,
                                          dataset_id=args.dataset_id, state=args.state, majority=args.majority,
                                          overwrite=args.force)
        except ValueError as e:
            if isinstance(e, DataError):
                raise
            raise UsageError(str(e)) from None
        except FileExistsError as e:
            raise UsageError(f"{e}; give --force to replace it") from None
        except OSError as e:
            raise UsageError(f"cannot write {e.filename or args.output}: {e.strerror or e}") from None
        print(f"wrote {args.output}")
        print(dataset_io.check_text(dataset_io.check_report(ds)))
        return 0
    if args.dataset_command == "check":
        ds = _load_dataset(args.folder)
        rep = dataset_io.check_report(ds)
        print(json.dumps(rep, ensure_ascii=False) if args.json else dataset_io.check_text(rep))
        return 0
    raise UsageError("dataset: say build or check (python -m explorer dataset --help)")


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
        if args.command == "dataset":
            return run_dataset(args)
        if args.command == "backtest":
            return run_backtest(args)
        if getattr(args, "_run", None):   # commands registered from their own module (optimise)
            return args._run(args)
    except UsageError as e:
        print(f"explorer: error: {e}", file=sys.stderr)
        return 2
    except DataError as e:
        print(f"explorer: error: {e.summary(3)}", file=sys.stderr)
        return 2
    return 0
