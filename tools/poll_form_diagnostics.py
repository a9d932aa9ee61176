"""What the perfect-poll failures suggest, measured on the corpus (README: "With a poll, and the
perfect-poll back-test"): figures, not a fit that ships.

    python tools/poll_form_diagnostics.py [--corpus ../shared/data/india_assembly]

1. the part of a seat's lead kept (later lead over earlier lead, least squares through 0) by the
   contender's statewide share, as a line in its share and the lead's own size, and as a line in
   the seat's earlier margin over its runner-up (the residual sum of squares of each);
2. new contenders (under 0.5 % before; 3 % or more where they stand, in 10 seats or more): the
   slope of their seat share (relative to their mean) on the vote the losing old contenders had
   there (each loser's earlier share times the part of its statewide share the poll takes away),
   and on the earlier independents' and others' share, both relative to their means — 1 would be
   "in proportion", 0 "evenly";
3. the two largest contenders' residuals after the pooled part kept: their correlation in the seat
   (district means taken out) and between their district means, and the spread of the margin
   between them against that of independent draws;
4. (the fourth round) the lead of the seat's district without the seat (seat_model.region_lead)
   beside the seat's own, and on top of it the earlier margin, a proportional part of the poll's
   swing (the lead times the contender's relative statewide change) and the district's lead by the
   contender's size; seat_keep by the state's size (fewer than 60 seats, 60-150, more; the
   north-east's seven states); the statewide swing's centre with the earlier election's largest
   contender's own term (incumbency): each a least squares fit and its residual sum of squares.
In sample (every transition), with the fitted transfer rate."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.core.seat_model import (NEW_BELOW, incumbent, poll_where_standing,  # noqa: E402
                                      region_lead, statewide)
from explorer.core.seat_model_fit import fit_transfer, shares_before_after  # noqa: E402
from explorer.core.seat_transitions import load_transitions  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "india_assembly"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    ts = load_transitions(args.corpus)
    rate = fit_transfer(ts)[0]
    per = []
    d0s, d1s, xs, margins = [], [], [], []
    for t in ts:
        K = t.K
        x, X, S1, X0all, old = shares_before_after(t, rate)
        use = t.present1 & old[None, :]
        d0s.append((x - X[None, :])[use])
        d1s.append((t.s1 - S1[None, :])[use])
        xs.append(np.broadcast_to(X[None, :], x.shape)[use])
        xo = np.where(t.present1[:, :K - 1], x[:, :K - 1], -1.0)
        top2 = -np.sort(-xo, axis=1)[:, :2]
        margin = np.zeros_like(x)
        margin[:, :K - 1] = xo - np.where(xo >= top2[:, :1], top2[:, 1:2], top2[:, :1])
        margins.append(margin[use])
        per.append((t, x, X, S1, X0all, old))
    d0, d1, lv, mg = map(np.concatenate, (d0s, d1s, xs, margins))
    keep = float(d0 @ d1 / (d0 @ d0))
    print(f"1. the part of a seat's lead kept, {len(d0)} seat leads: pooled {keep:.3f}")
    for lo, hi in ((0, .1), (.1, .2), (.2, .3), (.3, .4), (.4, .6)):
        m = (lv >= lo) & (lv < hi)
        print(f"   contenders at {lo:.0%}-{hi:.0%} statewide ({m.sum()} leads): {d0[m] @ d1[m] / (d0[m] @ d0[m]):.3f}")
    for label, cols in (("pooled", [d0]), ("X, |lead|", [d0, d0 * lv, d0 * np.abs(d0)]),
                        ("earlier margin", [d0, d0 * mg])):
        coef = np.linalg.lstsq(np.stack(cols, 1), d1, rcond=None)[0]
        r = d1 - np.stack(cols, 1) @ coef
        print(f"   by {label}: {' '.join(f'{c:+.3f}' for c in coef)}, residual sum of squares {r @ r:.2f}")

    slopes = {"the losers' vote": [], "independents' and others'": []}
    for t, x, X, S1, X0all, old in per:
        K = t.K
        poll = poll_where_standing(t, t.statewide1())
        loss = np.where(old, np.maximum(X - poll, 0.0), 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            lost = (x * np.where(X > 0, loss / X, 0.0)[None, :]).sum(1)
        others = t.stand0[:, K - 1] + t.stand0[:, K - 2]
        for k in np.flatnonzero((X0all < NEW_BELOW) & (np.arange(K) < K - 2)):
            m = t.present1[:, k]
            w = t.weight0[m]
            if m.sum() < 10:
                continue
            mean = float((t.s1[m, k] * w).sum() / w.sum())
            if mean < 0.03:
                continue
            y = t.s1[m, k] / mean - 1
            for name, f in (("the losers' vote", lost), ("independents' and others'", others)):
                mu = float((f[m] * w).sum() / w.sum())
                if mu > 0:
                    z = f[m] / mu - 1
                    slopes[name].append((f"{t.name} {t.contenders[k]}", float(z @ z), float(z @ y)))
    print("2. new contenders' seat shares placed by ...")
    for name, rows in slopes.items():
        one = [zy / zz for _, zz, zy in rows if zz > 0]
        print(f"   {name}: {len(rows)} contenders, pooled slope {sum(r[2] for r in rows) / sum(r[1] for r in rows):.3f}, "
              f"single slopes {min(one):.2f} to {max(one):.2f}")
        for label, zz, zy in rows:
            if label.startswith("DL 2008->2013") and zz > 0:
                print(f"     {label}: {zy / zz:.2f}")

    seat_a, seat_b, reg_a, reg_b = [], [], [], []
    for t, x, X, S1, X0all, old in per:
        K = t.K
        r = (t.s1 - S1[None, :]) - keep * (x - X[None, :])
        a, b = np.argsort(-X[:K - 2])[:2]
        both = t.present1[:, a] & t.present1[:, b]
        for reg in np.unique(t.region):
            m = both & (t.region == reg)
            if m.sum() >= 2:
                reg_a.append(r[m, a].mean())
                reg_b.append(r[m, b].mean())
                seat_a.extend(r[m, a] - r[m, a].mean())
                seat_b.extend(r[m, b] - r[m, b].mean())
    for what, ra, rb in (("seat (district means out)", seat_a, seat_b), ("district means", reg_a, reg_b)):
        ra, rb = np.array(ra), np.array(rb)
        print(f"3. the two largest contenders' residuals, {what}, {len(ra)}: correlation {np.corrcoef(ra, rb)[0, 1]:.3f}, "
              f"margin spread {np.std(ra - rb):.3f} against {np.hypot(np.std(ra), np.std(rb)):.3f} independent")
    fourth_round(per, d0, d1, lv, mg)
    return 0


NORTH_EAST = {"AR", "MN", "ML", "MZ", "NL", "SK", "TR"}


def fourth_round(per, d0, d1, lv, mg) -> None:
    rl, gx, seats, ne = [], [], [], []
    swings, levels, incs = [], [], []
    for t, x, X, S1, X0all, old in per:
        use = t.present1 & old[None, :]
        rl.append(region_lead(t.region, x, t.weight0, t.present1, X)[use])
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = np.where(X > 0, (S1 - X) / X, 0.0)
            g = np.log(S1 / X)
        gx.append(np.broadcast_to(rel[None, :], x.shape)[use])
        seats.append(np.full(int(use.sum()), t.n))
        ne.append(np.full(int(use.sum()), t.state in NORTH_EAST))
        inc = incumbent(t)
        for k in np.flatnonzero(old & (X0all >= 0.01) & (t.present1.sum(0) >= 5) & (S1 > 0)):
            swings.append(g[k])
            levels.append(X[k])
            incs.append(inc[k])
    rl, gx, seats, ne = map(np.concatenate, (rl, gx, seats, ne))
    poll = [d0, d0 * lv, d0 * np.abs(d0)]

    def fit(label, cols, y=d1):
        A = np.stack(cols, 1)
        coef = np.linalg.lstsq(A, y, rcond=None)[0]
        r = y - A @ coef
        print(f"   {label}: {' '.join(f'{c:+.3f}' for c in coef)}, residual sum of squares {r @ r:.2f}")
    print("4. the district's lead (its other seats) kept beside the seat's own")
    fit("seat, district", [d0, rl])
    fit("seat, district, earlier margin", [d0, rl, d0 * mg])
    fit("X, |lead| (the poll form)", poll)
    fit("X, |lead|, district", poll + [rl])
    fit("X, |lead|, district, earlier margin", poll + [rl, d0 * mg])
    fit("X, |lead|, proportional part", poll + [d0 * gx])
    fit("X, |lead|, district, proportional parts of both", poll + [rl, d0 * gx, rl * gx])
    fit("seat, district, district by X", [d0, rl, rl * lv])
    fit("X, |lead|, district, district by X and |district|", poll + [rl, rl * lv, rl * np.abs(rl)])
    print("   seat_keep by the state's size / the north-east (pooled per group):")
    for label, groups in (("fewer than 60 seats, 60-150, more", np.digitize(seats, [60, 150])),
                          ("the rest, the north-east", ne.astype(int))):
        rss, keeps = 0.0, []
        for gval in np.unique(groups):
            m = groups == gval
            k = float(d0[m] @ d1[m] / (d0[m] @ d0[m]))
            rss += float(np.sum((d1[m] - k * d0[m]) ** 2))
            keeps.append(f"{k:.3f}")
        print(f"     {label}: {' / '.join(keeps)}, residual sum of squares {rss:.2f}")
    sw, lvl, inc = np.array(swings), np.array(levels), np.array(incs)
    one = np.ones_like(sw)
    print(f"   the statewide swing's centre ({len(sw)} changes, log ratio; the incumbent: the earlier "
          f"election's largest contender, {int(inc.sum())} of them)")
    fit("a + b X", [one, lvl], sw)
    fit("a + b X + incumbent", [one, lvl, inc], sw)


if __name__ == "__main__":
    sys.exit(main())
