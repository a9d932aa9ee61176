"""``python -m explorer project``: project a scenario and list its conflicts (and, with --draws,
its uncertainty)."""
from __future__ import annotations

import json
import sys

from ..core import commands
from ..core.assumptions import POLL_ERROR_MAX
from ..core.assumption_args import with_swings, with_transfers
from ..core.engine import Engine
from ..core.loaders import load_results_csv
from .blocs import add_bloc_args, apply_bloc_args, dataset_for_scenario
from .common import UsageError, check_draws, check_pool, command_scenario, dataset_args, load_dataset, uncertainty_args
from ..core.uncertainty import probability_percent


def register(sub) -> None:
    p = sub.add_parser("project", help="project a scenario and list its conflicts",
                       description="Project a seat split on a baseline election and list the conflicts "
                                   "with the negotiation rules (the 2024 talks' rules unless the scenario "
                                   "or --rules gives others).")
    p.add_argument("scenario", nargs="?", help="scenario JSON file (default: every seat unassigned)")
    dataset_args(p)
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
    p.add_argument("--poll-error", type=float, default=None, metavar="PTS",
                   help="the poll's own error, points of each statewide share, 0-20 (default: the scenario's, "
                        "else 0: a perfect poll)")
    add_bloc_args(p)
    uncertainty_args(p, default_draws=0)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(_run=run_project)


def run_project(args) -> int:
    ds = load_dataset(dataset_for_scenario(args.dataset, args.scenario))
    sc = command_scenario(ds, args)
    a = sc.assumptions
    if args.baseline_file:
        b = load_results_csv(args.baseline_file, ds.seats, parties=ds.parties)
        if b.read_as != "UTF-8":  # said, never a silent guess (stderr: stdout may be JSON)
            print(f"explorer: read {args.baseline_file} as {b.read_as}", file=sys.stderr)
        from ..core.dataset_check import baseline_warnings
        for w in b.warnings + baseline_warnings(b, sc.pools.partners, b.source):
            print(f"explorer: warning: {w}", file=sys.stderr)
        ds.add_baseline(b)
        a = a.with_baseline(b.id)
    elif args.baseline:
        if args.baseline not in ds.baselines:
            raise UsageError(f"--baseline: unknown baseline {args.baseline!r}; use {' or '.join(ds.baselines)}")
        a = a.with_baseline(args.baseline)
    try:
        a = with_transfers(a, args.transfer, [p.code for p in sc.pools.partners])
        a = with_swings(a, args.swing, ds)
    except ValueError as e:
        raise UsageError(str(e)) from None
    if args.poll_error is not None:
        if not (0.0 <= args.poll_error <= POLL_ERROR_MAX) or (args.poll_error and not (args.poll or a.poll_items)):
            raise UsageError(f"--poll-error {args.poll_error:g}: points from 0 to {POLL_ERROR_MAX:g}, with --poll "
                             f"(or a scenario's poll)")
        a = a.with_poll_error(args.poll_error)
    # the same commands the window puts on its undo stack
    commands.SetAssumptions(sc, a, "command line").do()
    apply_bloc_args(sc, args)
    if args.poll:      # after the blocs: a poll may give a bloc's share
        commands.SetAssumptions(sc, _poll_assumption(ds, sc, args.poll, args.swing), "command line poll").do()
    if args.assign_all:
        check_pool(sc, args.assign_all, "--assign-all")
        commands.MoveSeats(sc, sc.seats.ac_no.tolist(), args.assign_all).do()
    for spec in args.assign:
        key, eq, seats = spec.partition("=")
        if not eq or not seats.strip():
            raise UsageError(f"--assign {spec}: expected POOL=AC_NO,AC_NO,...")
        check_pool(sc, key, "--assign")
        acs = []
        for tok in seats.split(","):
            ac = ds.seats.find(tok)
            if ac is None:
                raise UsageError(f"--assign {spec}: unknown seat {tok.strip()!r}")
            acs.append(ac)
        commands.MoveSeats(sc, acs, key).do()
    ev = Engine(ds).evaluate(sc)
    from ..core import report
    check_draws(args.draws)
    unc = poll_seats = None
    poll = sc.assumptions.poll
    if args.draws or poll:
        from ..core import uncertainty as U
        params, _ = U.params_for(ds, args.uncertainty)
        params = U.with_assumed_poll(params, sc.assumptions, sc.bloc_name)  # the poll form, ± its own error
        sim = U.Simulator(ev.projector, ds, params, args.draws or POLL_DRAWS, args.seed)
        summ = sim.run(sc.pool, ds.majority, sc.fight_masks())
        if poll:
            poll_seats = {"draws": summ.draws, "seats": U.party_intervals(summ)}
            if sc.rivals:
                poll_seats["blocs"] = U.bloc_intervals(summ, ev.blocs)
        if args.draws:
            unc = (U.uncertainty_json(sim, summ, ev.projector, sc.pool, ds.seats, ds.majority,
                                      leads=ev.verdict.alliance), summ)
            if sc.rivals:
                unc[0]["blocs"] = U.bloc_intervals(summ, ev.blocs)
    if args.json:
        d = report.to_json(sc, ev)
        if poll_seats:
            d["poll"] = {"shares": poll, "error": sc.assumptions.poll_error} | poll_seats   # error: points
        if unc:
            from ..core.uncertainty import per_seat_probabilities
            d["uncertainty"] = unc[0]
            for i, rec in enumerate(d["per_seat"]):
                rec["p_win"] = per_seat_probabilities(unc[1], i)
                rec["p_alliance"] = round(float(unc[1].p_alliance[i]), 4)
        print(json.dumps(d, ensure_ascii=False))
    else:
        print(report.to_text(sc, ev, unc[0]["headline"] if unc else None))
        if poll_seats:
            print(poll_text(poll_seats))
        if unc:
            u = unc[0]
            a = u["alliance_seats"]
            c = u["cushion"]
            h = u["headline"]
            print(f"Uncertainty ({u['draws']:,} draws): alliance {h['seats']} expected ({h['expected']:.1f}; median "
                  f"{a['median']}, 80 %: {a['p10']}–{a['p90']}) · P(majority) {probability_percent(u['p_majority'])}")
            if "blocs" in u:
                print("  blocs (80 %): " + ", ".join(f"{k} {v['median']} ({v['p10']}–{v['p90']})"
                                                     for k, v in u["blocs"].items()))
            print("  seats (80 %): " + ", ".join(f"{k} {v['median']} ({v['p10']}–{v['p90']})"
                                                 for k, v in list(u["seats"].items())[:8]))
            print(f"  tipping seats: {', '.join(f'{a} {ds.seats.name(a)}' for a in u['tipping_seats'][:5])}")
            if c["majority_lost_at"] is not None:
                print(f"  cushion: the majority is lost at a swing of {-c['majority_lost_at']:g} points to {c['rival']}")
            elif c["majority_won_at"] is not None:
                print(f"  cushion: a swing of {c['majority_won_at']:g} points from {c['rival']} wins the majority")
    return 0


POLL_DRAWS = 2000     # the poll's seats when no --draws is given


def poll_text(p: dict) -> str:
    """The poll's seats as the seat model's poll form gives them (medians, 80 % ranges)."""
    seats = ", ".join(f"{k} {v['median']} ({v['p10']}–{v['p90']})" for k, v in list(p["seats"].items())[:8])
    out = (f"Poll as seats (the seat model fitted on India's elections, {p['draws']:,} draws; median, 80 %): "
           f"{seats}")
    if "blocs" in p:
        out += "\n  blocs: " + ", ".join(f"{k} {v['median']} ({v['p10']}–{v['p90']})" for k, v in p["blocs"].items())
    return out + ("\n  (the projection above moves every party by one uniform swing to the poll's share; "
                  "the seat model also fades strongholds and draws the poll's seats)")


def _poll_assumption(ds, sc, text: str, swing_args: list[str]):
    """The poll (percent by party code or bloc name) with the uniform swings that reach it (the
    deterministic projection); the seat model turns the poll itself into seats."""
    from ..core.bloc_presets import named_blocs
    from ..core.poll import PollError, parse_poll, poll_swings, resolve_keys
    a = sc.assumptions
    blocs = scenario_blocs(sc)
    try:
        known = named_blocs(ds)     # INDIA names our bloc of its partners, before ours is named (--bloc)
        poll = resolve_keys(parse_poll(text), ds.resolve_party, blocs, known)
        swings = poll_swings(ds.baseline(a.baseline).candidates, poll, blocs, known)
    except PollError as e:
        raise UsageError(f"--poll: {e}") from None
    both = sorted(set(swings) & {ds.resolve_party(s.partition("=")[0].strip()) or "" for s in swing_args})
    if both:
        raise UsageError(f"--poll and --swing both set {', '.join(both)}: give one")
    return a.with_poll(poll, swings)


def scenario_blocs(sc) -> dict[str, tuple[str, ...]]:
    """The blocs a poll may name: ours (its partners) and each rival."""
    out = {sc.bloc_name: tuple(p.code for p in sc.pools.partners)}
    out.update({b.name: tuple(b.partners) for b in sc.rivals})
    return out
