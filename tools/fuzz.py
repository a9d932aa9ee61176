"""Run the hostile-input generators of the standing suite for as long as asked.

    python tools/fuzz.py [--inputs 10000] [--seconds 0] [--seed 0] [--kind scenario ...]

Prints findings as they are met, then the closing line
    fuzz inputs=… crashes=… silent=… hangs=…
(the generators and the oracle are in tests/fuzzing.py). Here, unlike in the test suite, an
optimiser question answered later than its time limit plus --slack seconds is a finding too."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import fuzzing  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=10_000)
    ap.add_argument("--seconds", type=float, default=0, help="stop after this long (0: no limit)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--kind", action="append", choices=fuzzing.KINDS)
    ap.add_argument("--limit", type=float, default=5.0, help="seconds one input may take before it is a hang")
    ap.add_argument("--slack", type=float, default=1.0,
                    help="seconds an optimiser question may take beyond its --time-limit (default 1)")
    args = ap.parse_args(argv)
    fuzzing.CLOCK_SLACK_S = args.slack
    kinds = tuple(args.kind or fuzzing.KINDS)
    start = time.perf_counter()
    total = fuzzing.Tally()
    batch, seed = 500, args.seed
    while total.inputs < args.inputs and (not args.seconds or time.perf_counter() - start < args.seconds):
        t = fuzzing.run(min(batch, args.inputs - total.inputs), seed=seed, kinds=kinds, limit_s=args.limit)
        seed += 1
        for v in t.findings:
            print(f"{v.outcome}: {v.kind}: {v.detail}")
        for f in ("inputs", "crashes", "silent", "hangs"):
            setattr(total, f, getattr(total, f) + getattr(t, f))
        print(f"... {total.line()} ({time.perf_counter() - start:.0f} s)", file=sys.stderr)
    print(total.line())
    return 0 if total.crashes == total.silent == total.hangs == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
