"""What the perfect-poll failures (and, part 6, the transitions whose per-seat log loss is above a
coin flip) suggest, measured on the corpus (README: "With a poll, and the perfect-poll back-test",
"The sixth round"): figures, not a fit that ships.

    python tools/poll_form_diagnostics.py [--corpus ../shared/data/india_assembly] [--failures] [--coin-flip]
                                          [--incumbents] [--eighth [--form NAME] [--seed N]]

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
6. (the sixth round, ``--coin-flip [--form NAME]``: leave one state out, 2,000 draws, seed 2024) the
   form chosen without a poll (or ``--form``; the README's figures: the fourth round's form): the transitions whose per-seat log loss of P(bloc wins) is not below a coin flip
   and what they share (the earlier election's largest contender's seats and vote then and now,
   the effective number of contenders, the seats, the earlier winners' median margin, the major
   blocs' wins at P below 5 %); the score on the major blocs the earlier election knew; the calibration of P(win) (major blocs, the blocs that won 10 % of
   the seats in the earlier election, every contender); P(win) recalibrated after the draws (each
   bloc's log-odds times a factor chosen on the other states; toward 0.5; the same made a
   distribution again over the seat's contenders); the sizes varied after the fit (seat noise,
   district and statewide spreads times a factor, the district swing a t); and in sample: the seat's
   earlier winner's own change, the statewide swing's residual on the contender's previous one and
   on its seat bonus (seats won less vote share), a state's volatility after its previous one, a
   seat's residual after its previous one.
7. (the seventh round, ``--incumbents``: in sample) the earlier election's largest contender's
   statewide swing residual by its terms in a row and its earlier seats, and every contender's
   residual over its spread by its role (:func:`seventh_round`).
8. (the eighth round, ``--eighth [--form NAME] [--seed N]``: leave one state out, 2,000 draws, the
   poll form or ``--form``) the poll leader's median less its real seats by its lead over the
   runner-up in the poll, the failures with where the real count fell among the draws; in sample:
   the new contenders' vote taken from the losers where it lies above its mean
   (``seat_model.losers_take``, least squares through 0, per transition and pooled) and the seat
   residuals' root mean square by the later gap between the two largest (:func:`eighth_round`).
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
    ap.add_argument("--form", help="with --failures: the poll form; with --coin-flip: the form without a poll (a name "
                                   "of seat_model_fit.FORMS; default the shipped one)")
    ap.add_argument("--coin-flip", action="store_true",
                    help="part 6 only: the transitions above a coin flip without a poll, and what was tried (slow)")
    ap.add_argument("--incumbents", action="store_true",
                    help="part 7 only: the earlier election's largest contender's swing in sample, by its terms in a "
                         "row, its seats and its role (the seventh round's forms)")
    ap.add_argument("--eighth", action="store_true",
                    help="part 8 only: the poll leader's error by the poll's lead and the losers' take of a new "
                         "contender's vote (the eighth round's forms)")
    ap.add_argument("--seed", type=int, default=2024, help="with --eighth: the draws' seed")
    args = ap.parse_args()
    ts = load_transitions(args.corpus)
    if args.eighth:
        eighth_round(ts, args.form, args.seed)
        return 0
    if args.incumbents:
        seventh_round(ts)
        return 0
    if args.coin_flip:
        sixth_round(ts, args.form)
        return 0
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



def _loso_p(ts, fitted: dict, vary=None, draws: int = 2000, seed: int = 2024) -> dict:
    """{transition name: (n, K) P(win)} leaving one state out, the sizes of ``fitted`` (by state
    left out) changed by ``vary`` (Sizes -> Sizes) after the fit."""
    from explorer.core.seat_model import simulate
    out = {}
    for t in ts:
        s = fitted[t.state] if vary is None else vary(fitted[t.state])
        out[t.name] = simulate(t, s, draws, seed)
    return out


def sixth_round(ts, form: str | None = None) -> None:
    import json
    import math
    from dataclasses import replace

    from explorer.core.corpus_backtest import leave_one_state_out
    from explorer.core.seat_model import bloc_log_loss, consolidated, majors
    from explorer.core.seat_model_fit import FORMS, fit_sizes
    doc = json.loads((ROOT / "resources" / "seat_model.json").read_text(encoding="utf-8"))
    form = form or doc["form"]
    kw, coin, eps = FORMS[form], math.log(2), 1 / 4000
    fitted = {st: fit_sizes([t for t in ts if t.state != st], **kw)[0] for st in sorted({t.state for t in ts})}
    P = {k: v[0] for k, v in _loso_p(ts, fitted).items()}
    print(f"6. '{form}', leave one state out, 2,000 draws, seed 2024: per-seat log loss of P(bloc wins)")
    rows = []
    for t in ts:
        p, big = P[t.name], majors(t)
        ll = bloc_log_loss(p, t.winner1, eps, big)
        x = consolidated(t, fitted[t.state].transfer)
        v0 = statewide(x, t.weight0, np.ones_like(t.present1))
        s0, s1 = np.bincount(t.winner0, minlength=t.K), t.seats1()
        top = int(np.argmax(s0[:t.K - 2]))
        enp = 1 / np.sum((v0[:t.K - 1] / v0[:t.K - 1].sum()) ** 2)
        srt = np.sort(x[:, :t.K - 1], 1)
        low = sum(int(((p[:, k] < 0.05) & (t.winner1 == k)).sum()) for k in big)
        rows.append(dict(t=t, ll=ll, top=t.contenders[top], lost=s1[top] / max(s0[top], 1) - 1, enp=enp,
                         margin=float(np.median(srt[:, -1] - srt[:, -2])), low=low, majors=len(big),
                         text=f"{t.contenders[top]} {s0[top]}->{s1[top]} seats, vote {v0[top]:.0%}->"
                              f"{t.statewide1()[top]:.0%}"))
    fails = sorted((r for r in rows if r["ll"] >= coin), key=lambda r: -r["ll"])
    print(f"   below a coin flip in {len(rows) - len(fails)} of {len(rows)}; not below:")
    for r in fails:
        print(f"   {r['t'].name:14s} {r['ll']:.3f}  {r['t'].n:3d} seats, {r['majors']} major blocs, the earlier largest "
              f"{r['text']}, effective contenders {r['enp']:.1f}, earlier median margin {r['margin']:.3f}, "
              f"major blocs' wins at P < 5 %: {r['low']}")
    def before(t):      # the major blocs as the earlier election knew them: 10 % of its seats, the two largest
        s0 = np.bincount(t.winner0, minlength=t.K)
        ks = [k for k in range(t.K - 1) if s0[k] >= 0.1 * t.n]
        return ks + [int(k) for k in np.argsort(-s0, kind="stable")[:2] if int(k) not in ks and k < t.K - 1 and s0[k] > 0]
    pre = np.array([bloc_log_loss(P[t.name], t.winner1, eps, before(t)) for t in ts])
    print(f"   scored on the major blocs the earlier election knew (10 % of its seats, its two largest) rather than on "
          f"those of either election: mean {pre.mean():.4f}, below a coin flip in {(pre < coin).sum()} of {len(ts)} (as "
          f"scored: {np.mean([r['ll'] for r in rows]):.4f}, {len(rows) - len(fails)})")
    margin = float(np.median([r["margin"] for r in rows]))
    for label, f in (("the earlier largest lost a quarter of its seats or more", lambda r: r["lost"] <= -0.25),
                     ("two major blocs", lambda r: r["majors"] == 2),
                     ("3 effective contenders or more", lambda r: r["enp"] >= 3),
                     ("fewer than 60 seats", lambda r: r["t"].n < 60),
                     (f"earlier median margin below the corpus's median ({margin:.3f})", lambda r: r["margin"] < margin),
                     ("a major bloc won a seat where its P was below 5 %", lambda r: r["low"] > 0)):
        m = [r for r in rows if f(r)]
        print(f"   {label}: {sum(r['ll'] >= coin for r in m)} of {len(m)} above a coin flip "
              f"(the rest: {sum(r['ll'] >= coin for r in rows if not f(r))} of {len(rows) - len(m)})")
    print("   calibration of P(win): mean P against the share won, by P")
    sels = (("major blocs (as scored: 10 % of the seats then or now)", majors),
            ("blocs that won 10 % of the seats in the earlier election",
             lambda t: [k for k in range(t.K - 1) if np.bincount(t.winner0, minlength=t.K)[k] >= 0.1 * t.n]),
            ("every contender but the others", lambda t: list(range(t.K - 1))))
    edges = (0, .01, .05, .1, .2, .35, .5, .65, .8, .9, 1.01)
    for label, sel in sels:
        pp, yy = [], []
        for t in ts:
            for k in sel(t):
                m = t.present1[:, k]
                pp.append(P[t.name][m, k])
                yy.append(t.winner1[m] == k)
        pp, yy = np.concatenate(pp), np.concatenate(yy)
        cells = [f"{lo:.2f}-{min(hi, 1):.2f}: {pp[(pp >= lo) & (pp < hi)].mean():.3f}/{yy[(pp >= lo) & (pp < hi)].mean():.3f} "
                 f"({((pp >= lo) & (pp < hi)).sum()})" for lo, hi in zip(edges[:-1], edges[1:]) if ((pp >= lo) & (pp < hi)).any()]
        print(f"   {label}: " + "; ".join(cells))

    def temper(p, beta):
        p = np.clip(p, eps, 1 - eps)
        return 1 / (1 + np.exp(-beta * np.log(p / (1 - p))))

    def score(q):
        lls = np.array([bloc_log_loss(q[t.name], t.winner1, eps, majors(t)) for t in ts])
        return f"mean {lls.mean():.4f}, below a coin flip in {(lls < coin).sum()} of {len(ts)}"
    grid = np.round(np.arange(0.3, 1.001, 0.05), 2)
    L = {(t.name, b): bloc_log_loss(temper(P[t.name], b), t.winner1, eps, majors(t)) for t in ts for b in grid}
    per, chosen = [], set()
    for st in sorted({t.state for t in ts}):
        b = min(grid, key=lambda b: np.mean([L[(t.name, b)] for t in ts if t.state != st]))
        chosen.add(float(b))
        per += [L[(t.name, b)] for t in ts if t.state == st]
    per = np.array(per)
    print(f"   P(win) recalibrated after the draws (each transition scored as drawn: {score(P)}):")
    print(f"   each bloc's log-odds x the factor the other states score best with ({', '.join(map(str, sorted(chosen)))}):"
          f" mean {per.mean():.4f}, below a coin flip in {(per < coin).sum()} of {len(ts)} - a seat's P then no longer "
          "adds up to 1 over its contenders")

    def normalised(q, t):
        st = t.present1.copy()
        st[:, -1] = False
        q = np.where(st, q, 0.0)
        return q / q.sum(1, keepdims=True)
    for b in (0.7, 0.6, 0.5):
        print(f"   x {b}: {score({t.name: temper(P[t.name], b) for t in ts})}; made a distribution again over the "
              f"seat's contenders: {score({t.name: normalised(temper(P[t.name], b), t) for t in ts})}")
    for e in (0.1, 0.2, 0.3):
        def mains(t, e=e):
            x = consolidated(t, fitted[t.state].transfer)
            v0 = statewide(x, t.weight0, np.ones_like(t.present1))
            s0 = np.bincount(t.winner0, minlength=t.K)
            m = t.present1 & np.array([(s0[k] >= 0.1 * t.n or v0[k] >= 0.2) and k < t.K - 2 for k in range(t.K)])[None]
            c = m.sum(1, keepdims=True)
            return (1 - e) * P[t.name] + e * np.where(c > 0, m / np.maximum(c, 1), P[t.name])
        print(f"   mixed {e:.0%} toward 0.5 for every bloc: {score({t.name: (1 - e) * P[t.name] + e / 2 for t in ts})}; "
              f"toward an even chance among the seat's main contenders (10 % of the earlier seats or 20 % of the vote): "
              f"{score({t.name: mains(t) for t in ts})}")
    print("   the sizes changed after the fit (leave one state out, 2,000 draws, seed 2024):")
    for label, f in (("district x 2", lambda s: replace(s, region_sd=2 * s.region_sd)),
                     ("district x 3", lambda s: replace(s, region_sd=3 * s.region_sd)),
                     ("seat x 2", lambda s: replace(s, seat_sd=2 * s.seat_sd, seat_slope=2 * s.seat_slope)),
                     ("seat x 2, statewide x 1.3", lambda s: replace(s, seat_sd=2 * s.seat_sd, seat_slope=2 * s.seat_slope,
                                                                     state_sd=1.3 * s.state_sd)),
                     ("seat x 1.33, statewide x 1.15", lambda s: replace(s, seat_sd=4 / 3 * s.seat_sd,
                                                                         seat_slope=4 / 3 * s.seat_slope,
                                                                         state_sd=1.15 * s.state_sd)),
                     ("seat x 1.33, district x 2", lambda s: replace(s, seat_sd=4 / 3 * s.seat_sd,
                                                                     seat_slope=4 / 3 * s.seat_slope, region_sd=2 * s.region_sd)),
                     ("statewide x 1.2", lambda s: replace(s, state_sd=1.2 * s.state_sd)),
                     ("the district swing a t, 3 d.f.", lambda s: replace(s, region_df=3.0)),
                     ("the district swing a t, 5 d.f.", lambda s: replace(s, region_df=5.0))):
        r = leave_one_state_out(ts, fit=lambda tr, f=f: f(fitted[next(iter({t.state for t in ts} - {t.state for t in tr}))]),
                                today=False)
        print(f"   {label}: 80 % held {r['covered80']}/{r['bloc_transitions']}, 50 % {r['covered50']}, median width "
              f"{r['median_width80']:.0%}, log loss {r['mean']['log_loss']:.4f}, below a coin flip in "
              f"{r['log_loss_below_coin']} of {len(r['transitions'])}", flush=True)
    in_sample_sixth(ts, fitted, fit_sizes(ts, **kw)[0])


def in_sample_sixth(ts, fitted, s) -> None:
    """Part 6's measurements in sample (the sizes fitted on every transition)."""
    import math

    from explorer.core.seat_model_fit import shares_before_after
    ys, d0, rl_, win, xs, prev_pairs, vol_pairs, seat_pairs = [], [], [], [], [], [], [], []
    swing = []
    by_state: dict[str, list] = {}
    for t in ts:
        by_state.setdefault(t.state, []).append(t)
    for st, tl in by_state.items():
        prev_g, prev_vol, prev_r = None, None, None
        for t in sorted(tl, key=lambda t: t.from_year):
            x, X, S1, X0all, old = shares_before_after(t, s.transfer)
            use = t.present1 & old[None, :]
            rl = region_lead(t.region, x, t.weight0, t.present1, X)
            ys.append((t.s1 - S1[None, :])[use])
            d0.append((x - X[None, :])[use])
            rl_.append(rl[use])
            win.append((t.winner0[:, None] == np.arange(t.K)[None, :])[use].astype(float))
            s0 = np.bincount(t.winner0, minlength=t.K)
            g, z, w = {}, [], []
            for k in np.flatnonzero(old & (X0all >= 0.01) & (t.present1.sum(0) >= 5) & (S1 > 0)):
                res = math.log(S1[k] / X[k]) - (s.swing_a + s.swing_b * X[k])
                g[t.contenders[k]] = res
                swing.append((res, X[k], s0[k] / t.n, prev_g.get(t.contenders[k]) if prev_g else None))
                z.append(res / float(s.state_spread(np.array([X[k]]))[0]))
                w.append(X[k])
            vol = math.sqrt(np.average(np.square(z), weights=w))
            if prev_vol is not None:
                vol_pairs.append((prev_vol, vol))
            r = (t.s1 - S1[None, :]) - s.seat_keep * (x - X[None, :]) - s.keep_region * rl
            cur = {(t.contenders[k], int(t.ac_no[i])): abs(r[i, k]) for k in np.flatnonzero(old)
                   for i in np.flatnonzero(t.present1[:, k])}
            if prev_r is not None:
                seat_pairs += [(prev_r[key], v) for key, v in cur.items() if key in prev_r]
            prev_g, prev_vol, prev_r = g, vol, cur
    y, a, b, w = map(np.concatenate, (ys, d0, rl_, win))
    for label, cols in (("the lead kept and the district's", [a, b]),
                        ("and the seat's earlier winner", [a, b, w - w.mean()])):
        A = np.stack(cols, 1)
        c = np.linalg.lstsq(A, y, rcond=None)[0]
        print(f"   in sample, {label}: {' '.join(f'{v:+.4f}' for v in c)}, residual sum of squares "
              f"{float(((y - A @ c) ** 2).sum()):.2f}")
    res, X, seats = (np.array([r[i] for r in swing], dtype=float) for i in range(3))
    pg = np.array([np.nan if r[3] is None else r[3] for r in swing])
    big = X > 0.25
    print(f"   the statewide swing's residual (log ratio, {len(res)} contenders): on the seat bonus (seats won less "
          f"vote share), contenders above 25 %: correlation {np.corrcoef(seats[big] - X[big], res[big])[0, 1]:.3f}; on the "
          f"previous transition's residual: correlation {np.corrcoef(pg[~np.isnan(pg)], res[~np.isnan(pg)])[0, 1]:.3f} "
          f"({int((~np.isnan(pg)).sum())} with one)")
    vp, sp = np.array(vol_pairs), np.array(seat_pairs)
    print(f"   a state's statewide volatility (root mean square of the swings' residuals over their spread) after its "
          f"previous one, {len(vp)} pairs: correlation {np.corrcoef(vp[:, 0], vp[:, 1])[0, 1]:.3f}")
    q = np.quantile(sp[:, 0], [0, .25, .5, .75, .9, 1])
    cells = [f"{lo:.3f}-{hi:.3f}: {np.sqrt(np.mean(sp[(sp[:, 0] >= lo) & (sp[:, 0] <= hi), 1] ** 2)):.3f}"
             for lo, hi in zip(q[:-1], q[1:])]
    print(f"   a seat's residual after its previous one ({len(sp)} seats and contenders, correlation of the sizes "
          f"{np.corrcoef(sp[:, 0], sp[:, 1])[0, 1]:.3f}): root mean square by the previous one's size: " + "; ".join(cells))


def seventh_round(ts) -> None:
    """Part 7 (issue 25's seventh round), in sample, the shipped sizes fitted on every transition:
    the statewide swing's residual (log ratio, less the shipped centre with its re-elected part) of
    the earlier election's largest contender by its terms in a row as far as the corpus knows (1: a
    new incumbent, 2: re-elected, 3: the largest in the two elections before too) and by its
    earlier share of the seats; and every contender's residual over its spread (the shipped
    spread by size) by its role: the largest (new, re-elected, or its history not known), the
    second largest, the rest above and below 20 % of the vote."""
    import json
    import math

    from explorer.core.seat_model import Sizes, reelected, runner_up
    from explorer.core.seat_model_fit import SUBSTANTIAL
    s = Sizes.from_json(json.loads((ROOT / "resources" / "seat_model.json").read_text())["sizes"])
    print(f"7. the earlier election's largest contender, {len(ts)} transitions (the shipped sizes: centre "
          f"{s.swing_a:+.3f} {s.swing_b:+.3f} X, re-elected {s.swing_reelected:+.3f})")
    by_terms: dict[tuple[int, int], list[float]] = {}
    reel_rows, roles = [], {}
    for t in ts:
        x, X, S1, X0all, old = shares_before_after(t, s.transfer)
        inc, reel, ru = incumbent(t), reelected(t), runner_up(t)
        k0 = int(np.argmax(inc))
        known = 0 if t.largest_before < 0 else (1 if t.largest_before2 < 0 else 2)
        terms = 1 + (t.largest_before == k0) + (t.largest_before == k0 and t.largest_before2 == k0)
        res0 = math.log(S1[k0] / X[k0]) - (s.swing_a + s.swing_b * X[k0] + s.swing_reelected * reel[k0])
        by_terms.setdefault((terms, known), []).append(res0)
        if reel[k0]:
            reel_rows.append((np.bincount(t.winner0, minlength=t.K)[k0] / t.n, res0))
        for k in np.flatnonzero(old & (X0all >= SUBSTANTIAL) & (t.present1.sum(0) >= 5) & (S1 > 0)):
            res = math.log(S1[k] / X[k]) - (s.swing_a + s.swing_b * X[k] + s.swing_reelected * reel[k])
            role = ("largest, re-elected" if reel[k] else "largest, history not known" if t.largest_before < 0
                    else "largest, new") if k == k0 else "second largest" if ru[k] else \
                "the rest, 20 % or more" if X[k] >= 0.2 else "the rest, under 20 %"
            roles.setdefault(role, []).append(res / float(s.state_spread(np.array([X[k]]))[0]))
    for (terms, known), v in sorted(by_terms.items()):
        print(f"   terms in a row {terms} (elections known before the earlier one: {known}): {len(v)} transitions, "
              f"mean residual {np.mean(v):+.3f}")
    r = np.array(reel_rows)
    print(f"   the re-elected ({len(r)}): residual on the earlier share of the seats, correlation "
          f"{np.corrcoef(r[:, 0], r[:, 1])[0, 1]:+.3f}")
    for role, v in roles.items():
        v = np.array(v)
        print(f"   {role:<28} {len(v):3d} contenders: residual over the spread, mean {v.mean():+.2f}, root mean square "
              f"{np.sqrt(np.mean(v * v)):.2f}")



def eighth_round(ts, form: str | None, seed: int) -> None:
    """Part 8: the poll leader's error by its lead, and in sample the losers' take of a new
    contender's vote and the seat residuals by the later gap (README: "The eighth round")."""
    import json

    from explorer.core.seat_model import _base, consolidated, is_new, losers_take, simulate
    from explorer.core.seat_model_fit import FORMS, fit_sizes
    doc = json.loads((ROOT / "resources" / "seat_model.json").read_text(encoding="utf-8"))
    form = form or doc["poll_form"]
    kw = FORMS[form]
    print(f"8. '{form}' with a perfect poll (leave one state out, 2,000 draws, seed {seed})")
    rows = []
    for st in sorted({t.state for t in ts}):
        sizes = fit_sizes([t for t in ts if t.state != st], **kw)[0]
        for t in (t for t in ts if t.state == st):
            poll = t.statewide1()
            _, seats = simulate(t, sizes, 2000, seed, poll)
            real = t.seats1()
            top = [int(k) for k in np.argsort(-real, kind="stable")[:2]]
            med = {k: int(np.quantile(seats[:, k], 0.5, method="inverted_cdf")) for k in top}
            rank = {k: float((seats[:, k] < real[k]).mean() + 0.5 * (seats[:, k] == real[k]).mean()) for k in top}
            lead, run = sorted(top, key=lambda k: -poll[k])
            ok = all(abs(med[k] - real[k]) <= 0.1 * t.n for k in top)
            rows.append((t, float(poll[lead] - poll[run]), (med[lead] - real[lead]) / t.n, ok, top, med, rank))
    print(f"   within 10 % in {sum(r[3] for r in rows)} of {len(rows)}; the poll leader's median less its real seats "
          "(share of the seats) by its lead over the runner-up in the poll:")
    for lo, hi in ((0, .03), (.03, .08), (.08, .15), (.15, 1.01)):
        m = [r for r in rows if lo <= r[1] < hi]
        print(f"   {lo:.0%}-{min(hi, 1):.0%}: {len(m)} transitions, mean {np.mean([r[2] for r in m]):+.1%}, "
              f"{sum(not r[3] for r in m)} fail")
    for t, gap, _, ok, top, med, rank in rows:
        if not ok:
            print(f"   {t.name} (the poll's lead {gap:.1%}): " + ", ".join(
                f"{t.contenders[k]} {med[k]} v {int(t.seats1()[k])} (the real count at {rank[k]:.2f} of the draws)"
                for k in top))
    s = fit_sizes(ts, **kw)[0]
    print("   in sample: the losers' take of the new contenders' vote where it lies above its mean, per transition "
          "with a new contender (least squares through 0) and pooled, the seat residuals' sum of squares before and after")
    takes = []
    for t in ts:
        x = consolidated(t, s.transfer)
        X = statewide(x, t.weight0, t.present1)
        S1 = statewide(t.s1, t.weight0, t.present1)
        new = is_new(t, s)
        new[t.K - 2:] = False
        old = ~new & (np.arange(t.K) < t.K - 2) & (X > 0)
        if not new.any() or not (old & (S1 < X)).any():
            continue
        pw = t.present1 * t.weight0[:, None]
        rl = region_lead(t.region, x, t.weight0, t.present1, X) if s.keep_region else None
        r = t.s1 - (_base(s, X[None, :], x, pw, rl=rl) - X[None, :]) - S1[None, :]
        v = losers_take(x, np.where(t.present1 & new[None, :], t.s1, 0.0).sum(1), old & (S1 < X), pw)
        use = t.present1 & old[None, :] & (t.present1.sum(0) >= 5)[None, :]
        rv, vv = r[use], v[use]
        b = -float(vv @ rv) / float(vv @ vv) if vv @ vv > 0 else 0.0
        print(f"   {t.name:14s} new {float(t.statewide1()[new].sum()):.1%}  take {b:+.2f}")
        takes.append((rv, vv))
    beta = -sum(float(vv @ rv) for rv, vv in takes) / sum(float(vv @ vv) for rv, vv in takes)
    rss0 = sum(float(rv @ rv) for rv, _ in takes)
    rss1 = sum(float(((rv + beta * vv) ** 2).sum()) for rv, vv in takes)
    print(f"   pooled {beta:.3f} ({sum(-(vv @ rv) > 0 for rv, vv in takes)} of {len(takes)} positive): the residuals' "
          f"sum of squares {rss0:.2f} -> {rss1:.2f}")
    print("   the seat residuals' root mean square (the poll form's centre, in sample) by the later gap between the two largest")
    res, gaps = [], []
    for t in ts:
        x = consolidated(t, s.transfer)
        X = statewide(x, t.weight0, t.present1)
        S1 = statewide(t.s1, t.weight0, t.present1)
        old = ~is_new(t, s) & (np.arange(t.K) < t.K - 2) & (X > 0)
        pw = t.present1 * t.weight0[:, None]
        rl = region_lead(t.region, x, t.weight0, t.present1, X) if s.keep_region else None
        r = (t.s1 - (_base(s, X[None, :], x, pw, rl=rl) - X[None, :]) - S1[None, :])[t.present1 & old[None, :]]
        v = np.sort(t.statewide1()[:t.K - 2])[::-1]
        res.append(r)
        gaps.append(np.full(len(r), v[0] - v[1]))
    r, g = np.concatenate(res), np.concatenate(gaps)
    for lo, hi in ((0, .03), (.03, .08), (.08, .15), (.15, 1.01)):
        m = (g >= lo) & (g < hi)
        print(f"   gap {lo:.0%}-{min(hi, 1):.0%}: {int(m.sum())} seat residuals, root mean square {np.sqrt(np.mean(r[m] ** 2)):.3f}")


if __name__ == "__main__":
    sys.exit(main())
