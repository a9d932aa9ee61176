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
   contender's own term (incumbency): each a least squares fit and its residual sum of squares;
5. (the fifth round, ``--failures``: slow, leave one state out with 2,000 draws) the perfect-poll
   failures of a poll form (``--form``, default the shipped one) and what they share: the statewide
   leader's poll share, the new contenders' poll share, a consolidated bloc among the two largest,
   the state's size; how often the form's own
   draws put both blocs within 10 % of the seats of their medians (the count a model whose draws
   were the truth would reach); in sample, with the form fitted on every transition: the mean and
   the spread over the seats of the margin between the two largest, the model's (its centre and
   its noise) against the real one, the seat residuals' root mean square against the earlier
   leads' (seat_model.lead_spread), and the new contenders' seat spread (5 % or more where they
   stand, in 5 seats or more).
Parts 1-4 in sample (every transition), with the fitted transfer rate."""
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
    ap.add_argument("--failures", action="store_true", help="part 5 only: the perfect-poll failures (slow)")
    ap.add_argument("--form", help="with --failures: the poll form (a name of seat_model_fit.FORMS; default the shipped one)")
    args = ap.parse_args()
    ts = load_transitions(args.corpus)
    if args.failures:
        fifth_round(ts, args.form)
        return 0
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


def fifth_round(ts, form: str | None) -> None:
    import json
    import math

    from explorer.core.seat_model import (_apply, _centre, consolidated, is_new, lead_spread,
                                          seat_votes_factor, simulate)
    from explorer.core.seat_model_fit import FORMS, fit_sizes
    doc = json.loads((ROOT / "resources" / "seat_model.json").read_text(encoding="utf-8"))
    form = form or doc["poll_form"]
    kw = FORMS[form]
    print(f"5. the perfect-poll failures of '{form}' (leave one state out, 2,000 draws, seed 2024)")
    rows, own = [], 0.0
    for st in sorted({t.state for t in ts}):
        sizes = fit_sizes([t for t in ts if t.state != st], **kw)[0]
        for t in (t for t in ts if t.state == st):
            poll = t.statewide1()
            _, seats = simulate(t, sizes, 2000, 2024, poll)
            real = t.seats1()
            top = [int(k) for k in np.argsort(-real, kind="stable")[:2]]
            med = np.array([int(np.quantile(seats[:, k], 0.5, method="inverted_cdf")) for k in top])
            within = np.all(np.abs(seats[:, top] - med[None, :]) <= 0.1 * t.n, axis=1).mean()
            own += within
            new = is_new(t, sizes)
            new[t.K - 2:] = False
            moved = max(float((t.away0[:, k] * t.weight0).sum() / t.weight0.sum()) for k in top)
            rows.append((t, top, med, real[top], bool(np.all(np.abs(real[top] - med) <= 0.1 * t.n)),
                         float(np.max(poll[:t.K - 2])), float(poll[new].sum()), moved))
    fails = [r for r in rows if not r[4]]
    print(f"   within 10 % in {len(rows) - len(fails)} of {len(rows)}; if the draws were the truth: {own:.1f} of {len(rows)}")
    for r in fails:
        t, top, med, real = r[:4]
        print(f"   {t.name}: " + ", ".join(f"{t.contenders[k]} {m} v {int(v)}" for k, m, v in zip(top, med, real)))
    for label, i, bands in (("the statewide leader's poll share", 5, ((0, .40), (.40, .47), (.47, 1.01))),
                            ("the new contenders' poll share", 6, ((0, .05), (.05, .15), (.15, 1.01)))):
        for lo, hi in bands:
            m = [r for r in rows if lo <= r[i] < hi]
            print(f"   {label} {lo:.0%}-{min(hi, 1):.0%}: {sum(not r[4] for r in m)} of {len(m)} fail")
    for lo, hi in ((0, .02), (.02, 1.01)):
        m = [r for r in rows if lo <= r[7] < hi]
        print(f"   one of the two largest with {lo:.0%}-{min(hi, 1):.0%} of the state's earlier vote from partners who "
              f"stood down (consolidated): {sum(not r[4] for r in m)} of {len(m)} fail")
    for lo, hi in ((0, 60), (60, 150), (150, 10_000)):
        m = [r for r in rows if lo <= r[0].n < hi]
        print(f"   {lo}-{hi if hi < 10_000 else ''} seats: {sum(not r[4] for r in m)} of {len(m)} fail")
    s = fit_sizes(ts, **kw)[0]
    failed = {r[0].name for r in fails}
    print("   in sample: the margin between the two largest over the seats both contest, mean and spread "
          "(model: its centre, and with its noise; real), the seat residuals' and the earlier leads' root mean square")
    ratio, close, res_rms, lead_rms = {True: [], False: []}, 0, [], []
    for t in ts:
        a, b = [int(k) for k in np.argsort(-t.seats1(), kind="stable")[:2]]
        x = consolidated(t, s.transfer)
        X = statewide(x, t.weight0, t.present1)
        poll = t.statewide1()
        rl = region_lead(t.region, x, t.weight0, t.present1, X) if s.keep_region else None
        y = _apply(s, X[None, :], x, _centre(t, s, X, poll, x)[None, :], pw=t.present1 * t.weight0[:, None], rl=rl)
        new = is_new(t, s)
        y = np.where(new[None, :], poll_where_standing(t, poll)[None, :], y)
        m = t.present1[:, a] & t.present1[:, b]
        vf = seat_votes_factor(s, t.weight0)

        def var(k):
            v = ((s.seat_sd + s.seat_slope * np.clip(x[:, k], 0, 1)) * vf) ** 2 + s.region_sd ** 2
            return v + (s.partner_sd ** 2 if len(t.partners.get(t.contenders[k], ())) > 1 else 0.0)
        cm, rm = (y[:, a] - y[:, b])[m], (t.s1[:, a] - t.s1[:, b])[m]
        model = math.sqrt(cm.var() + float((var(a) + var(b))[m].mean()))
        ratio[t.name in failed].append(model / rm.std())
        close += abs(cm.mean() - rm.mean()) <= 0.013
        old = ~new & (np.arange(t.K) < t.K - 2) & (X > 0)
        use = t.present1 & old[None, :]
        res_rms.append(float(np.sqrt(np.mean((t.s1 - y)[use] ** 2))))
        lead_rms.append(lead_spread(x, X, use))
        print(f"   {t.name:14s} {'fails' if t.name in failed else 'holds'}  mean {cm.mean():+.3f} real {rm.mean():+.3f}  "
              f"spread {cm.std():.3f}, {model:.3f} real {rm.std():.3f}  residuals {res_rms[-1]:.3f} earlier leads {lead_rms[-1]:.3f}")
    print(f"   the mean margin within 1.3 points of the real one in {close} of {len(ts)}; the model's spread over the "
          f"real one: {np.mean(ratio[True]):.2f} where the form fails, {np.mean(ratio[False]):.2f} where it holds; "
          f"the residuals' and the earlier leads' root mean square correlate {np.corrcoef(res_rms, lead_rms)[0, 1]:.2f}")
    print("   new contenders with 5 % or more where they stand, in 5 seats or more: mean and spread of their seat shares")
    for t in ts:
        x = consolidated(t, s.transfer)
        new = is_new(t, s)
        for k in np.flatnonzero(new[:t.K - 2]):
            m = t.present1[:, k]
            if m.sum() >= 5:
                mu = float((t.s1[m, k] * t.weight0[m]).sum() / t.weight0[m].sum())
                if mu >= 0.05:
                    print(f"   {t.name} {t.contenders[k]}: {m.sum()} seats, {mu:.1%} ± {np.sqrt(np.mean((t.s1[m, k] - mu) ** 2)):.1%}")


if __name__ == "__main__":
    sys.exit(main())
