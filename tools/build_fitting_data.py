"""Write the seat model's fitting data as CSV: every transition of the corpus, seat by seat.

    python tools/build_fitting_data.py [--corpus ../shared/data/india_assembly] -o DIR

DIR/transitions.csv: one row per transition (state, from, to, seats kept, seats missing in one
election, uncontested seats left out, the later election's blocs with their partners and source).
DIR/seats.csv: one row per transition, seat and contender: the earlier share of the partners
standing now (stand0), of the partners standing down (away0), whether it stands now, its later
share, and whether it won the seat then (by the party of the earlier winner) and now.
Built with core/seat_transitions.py (lineage and alliances as shipped), nothing typed by hand."""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.core.seat_transitions import load_transitions  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "india_assembly"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    ts = load_transitions(args.corpus)
    args.output.mkdir(parents=True, exist_ok=True)
    with open(args.output / "transitions.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["state", "from", "to", "seats", "missing_in_one", "uncontested", "blocs"])
        for t in ts:
            blocs = "; ".join(f"{c}={'|'.join(t.partners[c])} ({t.bloc_source[c]})" for c in t.contenders
                              if c in t.bloc_source)
            w.writerow([t.state, t.from_year, t.to_year, t.n, t.skipped["missing_in_one"],
                        t.skipped["uncontested"], blocs])
    rows = 0
    with open(args.output / "seats.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["state", "from", "to", "ac_no", "region", "contender", "stand0", "away0", "stands_now", "share1",
                    "won_then", "won_now"])
        for t in ts:
            for i in range(t.n):
                for k, c in enumerate(t.contenders):
                    w.writerow([t.state, t.from_year, t.to_year, int(t.ac_no[i]), int(t.region[i]), c,
                                f"{t.stand0[i, k]:.5f}", f"{t.away0[i, k]:.5f}", int(t.present1[i, k]),
                                f"{t.s1[i, k]:.5f}", int(t.winner0[i] == k), int(t.winner1[i] == k)])
                    rows += 1
    print(f"build_fitting_data: {len(ts)} transitions, {sum(t.n for t in ts):,} seats, {rows:,} rows in "
          f"{args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
