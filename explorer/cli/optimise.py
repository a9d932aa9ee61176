"""``python -m explorer optimise``: the best split under the rules (see core/optimise.py)."""
from __future__ import annotations

import json
import math

import numpy as np

from ..core import optimise as O
from ..core.assumption_args import share
from ..core.scenario import Scenario
from .blocs import add_bloc_args, apply_bloc_args, dataset_for_scenario
from .common import UsageError, check_draws, command_scenario, dataset_args, load_dataset
from ..core.uncertainty import probability_percent


def register(sub) -> None:
    p = sub.add_parser(
        "optimise", help="complete a split for the most expected seats under the rules",
        description="Choose a pool for every seat that is not locked to maximise the alliance's expected seats "
                    "(or P(majority)) under the rules: must-haves, faction claims, regional minimums and seat "
                    "bounds, each hard unless --soft. Prints the proposal, each rule's price (the expected seats "
                    "gained if it were dropped), each partner's walk-away value, and on request a frontier. "
                    "When the hard rules cannot all hold it names a smallest conflicting set (exit 0).")
    p.add_argument("scenario", nargs="?", help="scenario JSON file (default: every seat unassigned); without rules of its own, "
                        "the data set's rules")
    dataset_args(p)
    p.add_argument("--partners", metavar="P1,P2,...", help="the alliance (default: the data set's)")
    p.add_argument("--baseline", help="baseline id to project from (default: the scenario's)")
    p.add_argument("--rules", metavar="RULES.json", help="rules file (default: the scenario's)")
    p.add_argument("--lock", action="append", default=[], metavar="AC_NO,...",
                   help="seats that keep their pool in the scenario (by number or name)")
    p.add_argument("--soft", nargs="+", action="extend", default=[], metavar="RULE_ID[=COST]",
                   help="rules that may be broken, at COST expected seats per seat short (default 0: "
                        "priced by a rebel, if any)")
    p.add_argument("--friendly", metavar="AC_NO,...|all", default="",
                   help="seats where a friendly fight (Contested) may be chosen (default: none)")
    p.add_argument("--fight-pairs", metavar="P1+P2,...|all", default="",
                   help="with three or more partners: the sets of partners that may fight each other where "
                        "--friendly allows a fight (all: every pair; default: only all partners together)")
    p.add_argument("--rebel", action="append", default=[], metavar="RULE_ID[=SHARE] | AC_NO:PARTNER[=SHARE]",
                   help="if the claim is denied, a rebel takes SHARE of the claimant's vote (default 0.2, or 20%%)")
    p.add_argument("--objective", choices=["seats", "majority"], default="seats",
                   help="expected seats (default) or P(majority) on a sample of the draws")
    p.add_argument("--frontier", action="append", default=[], metavar="PARTNER[=LO-HI]",
                   help="best expected seats for k = LO..HI seats to PARTNER (default 0..all)")
    p.add_argument("--compare", action="store_true",
                   help="also the presets, a greedy split and the rules of thumb, each made to meet the hard rules")
    p.add_argument("--draws", type=int, default=O.DEFAULT_DRAWS, metavar="N",
                   help=f"simulated elections for P(win) and P(majority) (default {O.DEFAULT_DRAWS})")
    p.add_argument("--seed", type=int, default=2024, help="random seed (default 2024)")
    p.add_argument("--uncertainty", default="fitted", choices=["low", "fitted", "high"])
    p.add_argument("--time-limit", type=float, default=O.DEFAULT_TIME_LIMIT, metavar="S",
                   help=f"seconds for the whole question: the simulation, every solve, the prices, the frontier, "
                        f"the walk-away and the comparison (default {O.DEFAULT_TIME_LIMIT:g}); at the limit the "
                        f"best answer found so far is printed, with where it stopped")
    p.add_argument("-o", "--output", metavar="PROPOSAL.json", help="write the proposal as a scenario file")
    add_bloc_args(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(_run=run_optimise)


def _seats(ds, spec: str, opt: str) -> list[int]:
    out = []
    for tok in spec.split(","):
        if not tok.strip():
            continue
        ac = ds.seats.find(tok)
        if ac is None:
            raise UsageError(f"{opt} {spec}: unknown seat {tok.strip()!r}")
        out.append(ac)
    return out


def _share(s: str, what: str) -> float:
    try:
        return share(s, what)
    except ValueError as e:
        raise UsageError(str(e)) from None


def _scenario(args, ds) -> Scenario:
    sc = command_scenario(ds, args)
    if args.baseline:
        if args.baseline not in ds.baselines:
            raise UsageError(f"--baseline: unknown baseline {args.baseline!r}; use {' or '.join(ds.baselines)}")
        sc.set_assumptions(sc.assumptions.with_baseline(args.baseline))
    apply_bloc_args(sc, args)
    return sc


def _rebels(args, sc):
    claims, seats = {}, {}
    codes = [p.code for p in sc.pools.partners]
    for spec in args.rebel:
        key, eq, val = spec.partition("=")
        share = _share(val, f"--rebel {spec}") if eq else None
        if ":" in key:
            a, _, partner = key.partition(":")
            ac = sc.dataset.seats.find(a)
            if ac is None:
                raise UsageError(f"--rebel {spec}: unknown seat {a.strip()!r}")
            partner = partner.strip().upper()
            if partner not in codes:
                raise UsageError(f"--rebel {spec}: {partner!r} is not a partner ({', '.join(codes)})")
            seats[ac] = (partner, share)
        else:
            claims[key.strip()] = share
    try:
        return O.rebels_from(sc, claims, seats)
    except ValueError as e:
        raise UsageError(str(e)) from None


def _frontier_spec(spec: str, sc, n: int) -> tuple[str, range]:
    partner, eq, rng = spec.partition("=")
    code = partner.strip().upper()
    if code not in [p.code for p in sc.pools.partners]:
        raise UsageError(f"--frontier {spec}: {partner.strip()!r} is not a partner "
                         f"({', '.join(p.code for p in sc.pools.partners)})")
    if not eq:
        return code, range(0, n + 1)
    lo, dash, hi = rng.partition("-")
    try:
        lo_i, hi_i = int(lo), int(hi) if dash else int(lo)
    except ValueError:
        raise UsageError(f"--frontier {spec}: expected PARTNER=LO-HI, e.g. AAP=0-20") from None
    if not 0 <= lo_i <= hi_i <= n:
        raise UsageError(f"--frontier {spec}: the range must lie in 0-{n}")
    return code, range(lo_i, hi_i + 1)


def run_optimise(args, clock=None) -> int:
    """``clock``: seconds (``time.perf_counter`` unless a test injects one)."""
    import math
    import time
    if not (args.time_limit > 0 and math.isfinite(args.time_limit)):
        raise UsageError(f"--time-limit {args.time_limit}: give a positive number of seconds")
    budget = O.Budget.whole(args.time_limit, clock=clock or time.perf_counter)
    ds = load_dataset(dataset_for_scenario(args.dataset, args.scenario))
    check_draws(args.draws)
    if args.draws < 1:
        raise UsageError(f"--draws {args.draws}: the optimiser needs at least 1")
    sc = _scenario(args, ds)
    locked = [a for spec in args.lock for a in _seats(ds, spec, "--lock")]
    soft = {}
    for spec in args.soft:
        rid, eq, val = spec.partition("=")
        try:
            cost = float(val) if eq else 0.0
        except ValueError:
            raise UsageError(f"--soft {spec}: {val!r} is not a cost in expected seats") from None
        if not math.isfinite(cost):
            raise UsageError(f"--soft {spec}: {val!r} is not a cost in expected seats (give a finite number)")
        if cost < 0:
            raise UsageError(f"--soft {spec}: a cost cannot be negative")
        soft[rid.strip()] = cost
    f = args.friendly.strip()
    friendly = f.lower() if f.lower() in ("all", "none", "") else _seats(ds, f, "--friendly")
    frontiers = [_frontier_spec(s, sc, ds.seats.n) for s in args.frontier]
    rebels = _rebels(args, sc)
    fp = args.fight_pairs.strip()
    by_lower = {p.code.lower(): p.code for p in sc.pools.partners}
    fight_pairs = fp.lower() if fp.lower() in ("all", "none", "") else \
        [tuple(by_lower.get(c.strip().lower(), c.strip()) for c in t.split("+")) for t in fp.split(",") if t.strip()]
    from ..core import uncertainty as U
    params, _ = U.params_for(ds, args.uncertainty)
    try:
        opt = O.Optimiser(ds, sc, params, args.draws, args.seed, rebels=rebels, locked=locked, friendly=friendly,
                          fight_pairs=fight_pairs, soft=soft, budget=budget)
    except (ValueError, KeyError) as e:
        raise UsageError(str(e.args[0] if e.args else e)) from None
    res = opt.optimise(args.objective)
    d = _answer(args, ds, opt, res, frontiers, budget)
    if args.compare and opt.table is not None:
        presets = {}
        for name, doc in ds.scenario_docs.items():
            pre = Scenario.from_json(ds, doc, name)
            if pre.pools == sc.pools:   # presets of the same alliance, under this scenario's assumptions
                presets[name] = pre.pool.astype(np.int64)
        d["comparison"] = ([{"split": "optimised", "expected_alliance": d["expected_alliance"],
                             "p_majority": d["p_majority"], "seats_moved": 0}] if res.pools is not None else []) + \
            opt.comparison(presets)
        if any(row.get("stopped") for row in d["comparison"]):
            _stop(d, f"{budget.why()} before the comparison was finished")
    d["elapsed_ms"] = round((budget.clock() - budget.deadline + budget.time_limit) * 1e3, 1)
    if args.output:
        if res.pools is None:
            print(f"explorer: no proposal to write ({res.status})", file=__import__("sys").stderr)
        else:
            try:
                opt.proposal_scenario(res.choices).save(args.output)
            except OSError as e:
                raise UsageError(f"cannot write {args.output}: {e.strerror or e}") from None
    if args.json:
        print(json.dumps(d, ensure_ascii=False))
    else:
        print(_text(d, res, ds))
        if args.output and res.pools is not None:
            print(f"wrote {args.output}")
    return 0


def _stop(d: dict, what: str) -> None:
    """Record where the question stopped (the first place is the headline)."""
    d["stopped_at_time_limit"] = True
    d["stopped"] = d["stopped"] or what
    if what not in d["not_done"]:
        d["not_done"].append(what)


def _answer(args, ds, opt, res: O.Proposal, frontiers, budget: O.Budget) -> dict:
    """The answer as one JSON object: every part the budget left time for, and where it stopped
    (``stopped``: "" when the whole question was answered; ``not_done``: each part cut short)."""
    now = res.current
    fig = res.current_figures
    d = {"status": res.status, "objective": res.objective, "note": res.note,
         "stopped_at_time_limit": False, "stopped": "", "not_done": [], "time_limit_s": args.time_limit,
         "assignments": O.assignments_json(opt.table, res.pools) if res.pools is not None else {},
         "fights": {str(a): list(c) for a, c in sorted(res.fights.items())},
         "expected_alliance": _r(res.expected_alliance, 3), "p_majority": _r(res.p_majority, 4),
         "gap": _r(res.gap, 6), "bound": _r(res.bound, 3),
         "conflicting_rules": res.conflicting_rules, "conflict_seats": res.conflict_seats,
         "rule_prices": res.rule_prices, "broken_soft_rules": res.broken,
         "current": {"expected_alliance": _r(fig[0], 3) if fig else None, "p_majority": _r(fig[1], 4) if fig else None},
         "frontier": [], "walk_away": {}, "walk_away_current": {}, "seats": [],
         "solve_ms": round(res.solve_ms, 1), "prepare_ms": round(opt.prepare_ms, 1),
         "draws": opt.draws if opt.table is not None else args.draws, "seed": args.seed, "majority": ds.majority,
         "rebels": [{"ac_no": r.ac_no, "partner": r.partner, "share": r.share} for r in opt.rebels]}
    if res.stopped:
        _stop(d, res.stopped)
    if opt.table is None:
        return d
    for code, ks in frontiers:
        rows = opt.frontier(code, ks)
        d["frontier"].extend(rows)
        if len(rows) < len(ks):
            _stop(d, f"{budget.why()} while drawing the frontier of {code} ({len(rows)} of {len(ks)} points)")
    # the walk-away: two simulations of a split each (its cost about that of two pool variants)
    need_s = 2 * opt.table.variant_ms / 1e3
    for key, choices in (("walk_away", res.choices), ("walk_away_current", now.choices)):
        if choices is None:
            continue
        if budget.expired() or budget.left() < need_s:
            _stop(d, f"{budget.why()} before the walk-away values"
                     f"{' of the scenario' if key == 'walk_away_current' else ''}")
            continue
        d[key] = opt.walk_away(choices)
    d["seats"] = opt.seat_options(res.choices)
    if res.pools is not None:
        from ..core.engine import Engine
        from ..core.report import blocs_json
        prop = opt.proposal_scenario(res.choices)
        ev = Engine(ds).evaluate(prop)
        # every bloc's projected seats under the proposal (ours against the rivals' splits as given)
        d["blocs"] = blocs_json(prop, ev)
        d["unaligned_seats"] = ev.bloc_seats["unaligned"]
        d["independent_seats"] = ev.bloc_seats["independents"]
        winner_bloc = ev.winner_bloc
        for rec in d["seats"]:
            rec["winner_bloc"] = winner_bloc[ds.seats.index_of(rec["ac_no"])]
    return d


def _some(items: list, n: int) -> str:
    """The first ``n`` items, and how many more."""
    return ", ".join(str(x) for x in items[:n]) + (f" … and {len(items) - n:,} more" if len(items) > n else "")


def _r(x, n):
    return None if x is None else round(float(x), n)


def _text(d: dict, res: O.Proposal, ds) -> str:
    L = [f"Optimise ({d['objective']}, {d['draws']:,} draws): {d['status']}" + (f" — {d['note']}" if d["note"] else "")]
    if d.get("stopped_at_time_limit"):
        L.append(f"  STOPPED at the time limit of {d['time_limit_s']:g} s: the best answer found so far")
        L.extend(f"    not done: {what}" for what in d["not_done"])
    if d["status"] == "infeasible":
        ids, seats = d["conflicting_rules"], d["conflict_seats"]
        L.append(f"  the hard rules cannot all hold; a {'smallest ' if not d.get('stopped') else ''}conflicting set: "
                 f"{_some(ids, 12)} (seats: {_some([f'{a} {ds.seats.name(a)}' for a in seats], 20)})")
        L.append("  make one of them soft (--soft RULE_ID) or drop it")
    elif d.get("expected_alliance") is None:  # stopped before a first split was found: nothing to show
        c = d.get("current") or {}
        now = c.get("expected_alliance")
        L.append("  no split found; the scenario stays as it is" + (
            f" (expected alliance seats {now:.1f}, P(majority) {_pct(c.get('p_majority'))})" if now is not None else
            " (its own figures were not simulated either)"))
    else:
        c = d["current"]
        L.append(f"  expected alliance seats {d['expected_alliance']:.1f} (now {c['expected_alliance']:.1f}); "
                 f"P(majority of {d['majority']}) {_pct(d['p_majority'])} (now {_pct(c['p_majority'])})")
        for k, v in d["assignments"].items():
            L.append(f"  {k} {len(v)}: " + ", ".join(ds.seats.name(a) for a in v[:12]) + (" …" if len(v) > 12 else ""))
        for a, codes in d["fights"].items():
            L.append(f"  friendly fight in {ds.seats.name(int(a))}: {' v '.join(codes)}")
        moved = int((res.current.choices != res.choices).sum()) if res is not None else 0
        L.append(f"  seats changed from the scenario: {moved}")
        for rid, seats in d["broken_soft_rules"].items():
            L.append(f"  soft rule broken: {rid} ({', '.join(ds.seats.name(a) for a in seats)})")
        if d["rule_prices"]:
            L.append("  price of each rule (expected seats gained if dropped): " +
                     ", ".join(f"{k} {v:+.2f}" if v is not None else f"{k} n/a" for k, v in d["rule_prices"].items()))
        if d.get("walk_away"):
            L.append("  walk-away (expected seats in the alliance / going alone; P(majority) alliance / partner alone):")
        for p, w in d.get("walk_away", {}).items():
            L.append(f"    {p:<8} {w['alliance']:6.1f} / {w['alone']:6.1f}   {_pct(w['p_majority_alliance'])} / "
                     f"{_pct(w['p_majority_alone'])}   {'gains' if w['worth_it'] else 'does not gain'} in the alliance")
    if d["frontier"]:
        L.append("  frontier (k seats to the partner: best expected seats, P(majority)):")
        for row in d["frontier"]:
            e = row["expected_alliance"]
            L.append(f"    {row['partner']} {row['k']:>3}: " + (
                ("infeasible" if row["status"] == "infeasible" else "no split found in time") if e is None else
                                                              f"{e:6.2f}  {_pct(row['p_majority'])}"))
    if "comparison" in d:
        L.append("  comparison (each split made to meet the hard rules):")
        for row in d["comparison"]:
            e = row["expected_alliance"]
            L.append(f"    {row['split']:<58} " + ("not worked out (stopped)" if row.get("stopped") else
                                                  "cannot meet the rules" if e is None else
                                                  f"{e:6.2f}  {_pct(row['p_majority'])}  moved {row['seats_moved']}"))
    L.append(f"  solved in {d['solve_ms']:.0f} ms (simulation {d['prepare_ms']:.0f} ms)" +
             (f"; {d['elapsed_ms'] / 1e3:.1f} s of the {d['time_limit_s']:g} s limit" if "elapsed_ms" in d else ""))
    return "\n".join(L)


def _pct(x) -> str:
    return "n/a" if x is None else probability_percent(x)
