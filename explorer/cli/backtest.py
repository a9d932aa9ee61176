"""``python -m explorer backtest``: project a later election from an earlier one and score it."""
from __future__ import annotations

import json

from ..core.scenario import Scenario
from .common import UsageError, check_draws, dataset_args, load_dataset, uncertainty_args


def register(sub) -> None:
    bt = sub.add_parser("backtest", help="project a later election from an earlier one and score it",
                        description="Project the --to election from the --from baseline (default: every seat "
                                    "Contested) and print seats right, the Brier score and log loss of the "
                                    "per-seat P(win) against the deterministic projection's, and whether each "
                                    "party's 80 %% interval covered its real seat count.")
    dataset_args(bt)
    bt.add_argument("--from", dest="from_id", required=True, metavar="BASELINE", help="the earlier election, e.g. vs2019")
    bt.add_argument("--to", dest="to_id", required=True, metavar="BASELINE", help="the later election, e.g. vs2024")
    bt.add_argument("--scenario", metavar="FILE", help="who stood where (default: every seat Contested)")
    uncertainty_args(bt, default_draws=10_000)
    bt.add_argument("--json", action="store_true", help="print one JSON object")
    bt.set_defaults(_run=run_backtest)


def run_backtest(args) -> int:
    from ..core.backtest import backtest, backtest_text
    ds = load_dataset(args.dataset)
    check_draws(args.draws)
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
