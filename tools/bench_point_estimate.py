"""Benchmark: which single seat figure is the truest headline for a bloc — the simulated seats'
median, their mean (the expected seats: the sum over seats of P(bloc wins)), or the
deterministic count (the seats the bloc leads in on the projected votes)?

Leave one state out over the corpus (../shared/data/india_assembly, as ``backtest --corpus``):
each bloc-transition's real seats against the three points, without a poll and with a perfect
poll (the later election's real statewide shares); the mean rounded half up, as the headline
shows it. Prints, per setting, the mean and the median
of |error| / seats for each point, how often each point is the closest, and how often the two
largest blocs are both within 10 % of the seats of the truth. Not a test: a measurement for the
README (section "Which number is the headline"). Takes a few minutes on a loaded machine.

    python tools/bench_point_estimate.py [--corpus DIR] [--draws 2000]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer.core.corpus_backtest import leave_one_state_out, shipped_model  # noqa: E402
from explorer.core.seat_model_fit import fit_sizes  # noqa: E402
from explorer.core.seat_transitions import load_transitions  # noqa: E402
from explorer.core.uncertainty import whole  # noqa: E402

POINTS = ("median", "mean", "deterministic")


def point_errors(rows: list[dict]) -> dict:
    """Per point: |error| / seats of every bloc-transition, how often it is strictly the closest
    of the three (ties: two or more equally close), and how many transitions have both of the two
    largest blocs within 10 % of the seats."""
    err = {p: [] for p in POINTS}
    closest = {p: 0 for p in POINTS} | {"tie": 0}
    within = {p: 0 for p in POINTS}
    pair = {"median_vs_det": [0, 0, 0], "mean_vs_det": [0, 0, 0], "mean_vs_median": [0, 0, 0]}
    for t in rows:
        S = t["seats"]
        # the mean as the headline shows it: whole (core.uncertainty.whole, half up)
        blocs = sorted(({**b, "mean": whole(b["mean"])} for b in t["blocs"].values()), key=lambda b: -b["real"])
        for b in blocs:
            e = {p: abs(b[p] - b["real"]) / S for p in POINTS}
            for p in POINTS:
                err[p].append(e[p])
            best = min(e.values())
            who = [p for p in POINTS if e[p] == best]
            closest[who[0] if len(who) == 1 else "tie"] += 1
            for key, (a, c) in (("median_vs_det", ("median", "deterministic")),
                                ("mean_vs_det", ("mean", "deterministic")), ("mean_vs_median", ("mean", "median"))):
                pair[key][0 if e[a] < e[c] else 1 if e[c] < e[a] else 2] += 1
        for p in POINTS:
            within[p] += all(abs(b[p] - b["real"]) <= 0.1 * S for b in blocs[:2])
    return {"err": err, "closest": closest, "within": within, "pairs": pair, "n": len(rows)}


def lines(label: str, r: dict) -> list[str]:
    e, n = r["err"], sum(len(v) for v in r["err"].values()) // len(POINTS)
    md, mn, det = (np.mean(e[p]) for p in POINTS)
    pm, pd_ = r["pairs"]["median_vs_det"], r["pairs"]["mean_vs_det"]
    mm = r["pairs"]["mean_vs_median"]
    c = r["closest"]
    return [
        f"{label} mean |err|/seats median {md:.3f} mean {mn:.3f} deterministic {det:.3f}; "
        f"median-of-errors {np.median(e['median']):.3f} / {np.median(e['mean']):.3f} / {np.median(e['deterministic']):.3f}",
        f"{label} median closer than det {pm[0]}, det closer {pm[1]}, tie {pm[2]}; "
        f"mean closer than det {pd_[0]}, det closer {pd_[1]}, tie {pd_[2]}; "
        f"mean closer than median {mm[0]}, median closer {mm[1]}, tie {mm[2]} of {n}",
        f"{label} closest of the three: median {c['median']}, mean {c['mean']}, deterministic {c['deterministic']}, "
        f"tie {c['tie']}; two largest within 10 %: median {r['within']['median']}/{r['n']}, "
        f"mean {r['within']['mean']}/{r['n']}, deterministic {r['within']['deterministic']}/{r['n']}",
    ]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared/data/india_assembly"))
    ap.add_argument("--draws", type=int, default=2000)
    a = ap.parse_args(argv)
    corpus = Path(a.corpus)
    if not corpus.is_dir():
        corpus = Path("/work/shared/data/india_assembly")
    shipped = shipped_model()
    ts = load_transitions(corpus)
    for label, opts, pp in (("no poll", shipped["options"], False), ("perfect poll", shipped["poll_options"], True)):
        r = leave_one_state_out(ts, fit=lambda tr, o=opts: fit_sizes(tr, **o)[0], draws=a.draws,
                                perfect_poll=pp, today=False)
        for line in lines(label, point_errors(r["transitions"])):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
