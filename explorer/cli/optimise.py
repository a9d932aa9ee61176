"""``python -m explorer optimise``: the best split under the rules (see core/optimise.py)."""
from __future__ import annotations

import json

import numpy as np

from ..core import optimise as O
from ..core.assumption_args import share
from ..core.scenario import Scenario
from .common import UsageError, check_draws, command_scenario, dataset_args, load_dataset


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
                   help=f"seconds per solve (default {O.DEFAULT_TIME_LIMIT:g})")
    p.add_argument("-o", "--output", metavar="PROPOSAL.json", help="write the proposal as a scenario file")
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


def run_optimise(args) -> int:
    ds = load_dataset(args.dataset)
    check_draws(args.draws)
    if args.draws < 1:
        raise UsageError(f"--draws {args.draws}: the optimiser needs at least 1")
    if not args.time_limit > 0:
        raise UsageError(f"--time-limit {args.time_limit}: give a positive number of seconds")
    sc = _scenario(args, ds)
    locked = [a for spec in args.lock for a in _seats(ds, spec, "--lock")]
    soft = {}
    for spec in args.soft:
        rid, eq, val = spec.partition("=")
        try:
            cost = float(val) if eq else 0.0
        except ValueError:
            raise UsageError(f"--soft {spec}: {val!r} is not a cost in expected seats") from None
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
                          fight_pairs=fight_pairs,
                          soft=soft, time_limit=args.time_limit)
    except (ValueError, KeyError) as e:
        raise UsageError(str(e.args[0] if e.args else e)) from None
    res = opt.optimise(args.objective)
    now = res.current
    d = {"status": res.status, "objective": res.objective, "note": res.note,
         "assignments": O.assignments_json(opt.table, res.pools) if res.pools is not None else {},
         "fights": {str(a): list(c) for a, c in sorted(res.fights.items())},
         "expected_alliance": _r(res.expected_alliance, 3), "p_majority": _r(res.p_majority, 4),
         "conflicting_rules": res.conflicting_rules, "conflict_seats": res.conflict_seats,
         "rule_prices": res.rule_prices, "broken_soft_rules": res.broken,
         "current": {"expected_alliance": _r(now.expected_alliance, 3), "p_majority": _r(now.p_majority, 4)},
         "frontier": [row for code, ks in frontiers for row in opt.frontier(code, ks)],
         "walk_away": opt.walk_away(res.choices) if res.pools is not None else {},
         "walk_away_current": opt.walk_away(now.choices),
         "seats": opt.seat_options(res.choices),
         "solve_ms": round(res.solve_ms, 1), "prepare_ms": round(opt.prepare_ms, 1),
         "draws": args.draws, "seed": args.seed, "majority": ds.majority,
         "rebels": [{"ac_no": r.ac_no, "partner": r.partner, "share": r.share} for r in opt.rebels]}
    if args.compare:
        presets = {}
        for name, doc in ds.scenario_docs.items():
            pre = Scenario.from_json(ds, doc, name)
            if pre.pools == sc.pools:   # presets of the same alliance, under this scenario's assumptions
                presets[name] = pre.pool.astype(np.int64)
        d["comparison"] = ([{"split": "optimised", "expected_alliance": d["expected_alliance"],
                             "p_majority": d["p_majority"], "seats_moved": 0}] if res.pools is not None else []) + \
            opt.comparison(presets)
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


def _r(x, n):
    return None if x is None else round(float(x), n)


def _text(d: dict, res: O.Proposal, ds) -> str:
    L = [f"Optimise ({d['objective']}, {d['draws']:,} draws): {d['status']}" + (f" — {d['note']}" if d["note"] else "")]
    if d["status"] == "infeasible":
        L.append(f"  the hard rules cannot all hold; a smallest conflicting set: {', '.join(d['conflicting_rules'])}"
                 f" (seats: {', '.join(f'{a} {ds.seats.name(a)}' for a in d['conflict_seats'])})")
        L.append("  make one of them soft (--soft RULE_ID) or drop it")
    else:
        c = d["current"]
        L.append(f"  expected alliance seats {d['expected_alliance']:.1f} (now {c['expected_alliance']:.1f}); "
                 f"P(majority of {d['majority']}) {_pct(d['p_majority'])} (now {_pct(c['p_majority'])})")
        for k, v in d["assignments"].items():
            L.append(f"  {k} {len(v)}: " + ", ".join(ds.seats.name(a) for a in v[:12]) + (" …" if len(v) > 12 else ""))
        for a, codes in d["fights"].items():
            L.append(f"  friendly fight in {ds.seats.name(int(a))}: {' v '.join(codes)}")
        moved = int((res.current.choices != res.choices).sum())
        L.append(f"  seats changed from the scenario: {moved}")
        for rid, seats in d["broken_soft_rules"].items():
            L.append(f"  soft rule broken: {rid} ({', '.join(ds.seats.name(a) for a in seats)})")
        if d["rule_prices"]:
            L.append("  price of each rule (expected seats gained if dropped): " +
                     ", ".join(f"{k} {v:+.2f}" if v is not None else f"{k} n/a" for k, v in d["rule_prices"].items()))
        L.append("  walk-away (expected seats in the alliance / going alone; P(majority) alliance / partner alone):")
        for p, w in d["walk_away"].items():
            L.append(f"    {p:<8} {w['alliance']:6.1f} / {w['alone']:6.1f}   {_pct(w['p_majority_alliance'])} / "
                     f"{_pct(w['p_majority_alone'])}   {'gains' if w['worth_it'] else 'does not gain'} in the alliance")
    if d["frontier"]:
        L.append("  frontier (k seats to the partner: best expected seats, P(majority)):")
        for row in d["frontier"]:
            e = row["expected_alliance"]
            L.append(f"    {row['partner']} {row['k']:>3}: " + ("infeasible" if e is None else
                                                              f"{e:6.2f}  {_pct(row['p_majority'])}"))
    if "comparison" in d:
        L.append("  comparison (each split made to meet the hard rules):")
        for row in d["comparison"]:
            e = row["expected_alliance"]
            L.append(f"    {row['split']:<58} " + ("cannot meet the rules" if e is None else
                                                  f"{e:6.2f}  {_pct(row['p_majority'])}  moved {row['seats_moved']}"))
    L.append(f"  solved in {d['solve_ms']:.0f} ms (simulation {d['prepare_ms']:.0f} ms)")
    return "\n".join(L)


def _pct(x) -> str:
    return "n/a" if x is None else f"{x * 100:.0f} %"
