"""The issue's targets for the seat model against the figures measured now (leave one state out).

    python tools/bench_seat_model.py [--corpus ../shared/data/india_assembly] [--draws 2000] [--seed 2024]

Scores the shipped forms (resources/seat_model.json: one without a poll, one with a perfect
poll), each state fitted without it, and today's model on the same contests (the reference measured in the
same run). Prints one line per target: target, measured, met or not; then the calibration of P(the seat's
earlier leader holds it) by the seat's earlier margin, against how often it did (out of sample). Not a test:
figures."""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.core.corpus_backtest import DEFAULT_SEED, leave_one_state_out, perfect_poll_check  # noqa: E402
from explorer.core.seat_model_fit import fit_sizes  # noqa: E402
from explorer.core.seat_transitions import load_transitions  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "india_assembly"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--draws", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the draws' seed (default %(default)s)")
    args = ap.parse_args()
    shipped = json.loads((ROOT / "resources" / "seat_model.json").read_text())
    opts = shipped["options"]
    t0 = time.perf_counter()
    ts = load_transitions(args.corpus)
    fit = lambda tr: fit_sizes(tr, **opts)[0]  # noqa: E731
    r = leave_one_state_out(ts, fit=fit, draws=args.draws, seed=args.seed)
    popts = shipped["poll_options"]
    p = leave_one_state_out(ts, fit=lambda tr: fit_sizes(tr, **popts)[0], draws=args.draws, perfect_poll=True,
                            today=False, seed=args.seed)
    pc = perfect_poll_check(p["transitions"])
    n, nb = len(r["transitions"]), r["bloc_transitions"]
    print(f"seat model '{shipped['form']}', {n} transitions of {len(shipped['states'])} states, {nb} bloc-transitions, "
          f"{args.draws} draws, seed {args.seed}, leave one state out ({time.perf_counter() - t0:.0f} s)")

    def line(what, target, measured, ok):
        print(f"  {what:<58} target {target:<14} measured {measured:<28} {'met' if ok else 'NOT MET'}")
    c80, c50, w = r["coverage80"], r["coverage50"], r["median_width80"]
    line("80 % intervals hold the real seats", "70-90 %", f"{r['covered80']}/{nb} = {c80:.0%}", 0.70 <= c80 <= 0.90)
    line("50 % intervals hold the real seats", "40-60 %", f"{r['covered50']}/{nb} = {c50:.0%}", 0.40 <= c50 <= 0.60)
    line("median 80 % interval width", "<= 30 % seats", f"{w:.0%}", w <= 0.30)
    line("per-seat log loss below a coin flip (0.693)", ">= 80 % trans.",
         f"{r['log_loss_below_coin']}/{n}", r["log_loss_below_coin"] >= 0.8 * n)
    line("per-seat log loss below 'stays with last time's bloc'", ">= 80 % trans.",
         f"{r['log_loss_below_last_bloc']}/{n}", r["log_loss_below_last_bloc"] >= 0.8 * n)
    line("perfect poll: two largest blocs within 10 % of the seats", ">= 80 % trans.",
         f"{pc['within']}/{pc['of']}", pc["within"] >= 0.8 * pc["of"])
    m = r["mean"]
    print(f"  reference, same run: today's model 80 % held {r['coverage80_today']:.0%}; mean log loss model "
          f"{m['log_loss']:.3f}, today's {m['log_loss_today']:.3f}, deterministic {m['log_loss_deterministic']:.3f}, "
          f"last time's bloc {m['log_loss_last_bloc']:.3f}, coin flip {math.log(2):.3f}")
    print(f"  with a perfect poll ('{shipped['poll_form']}'): 80 % held {p['covered80']}/{nb} = {p['coverage80']:.0%}, 50 % held "
          f"{p['covered50']}/{nb} = {p['coverage50']:.0%}, median width {p['median_width80']:.0%}, mean log loss "
          f"{p['mean']['log_loss']:.3f}, below a coin flip in {p['log_loss_below_coin']}/{n}")
    print("  P(the seat's earlier leader holds it) by its earlier margin, mean P / share held (seats), without a poll:")
    print("    " + " | ".join(f"{c['from'] * 100:.0f}-{c['to'] * 100:.0f} pts {c['p']:.2f} / {c['held']:.2f} ({c['seats']})"
                              for c in r["calibration"] if c["seats"]))
    print("    with a perfect poll: " + " | ".join(f"{c['from'] * 100:.0f}-{c['to'] * 100:.0f} {c['p']:.2f} / {c['held']:.2f}"
                                                   for c in p["calibration"] if c["seats"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
