"""The seat model's sizes fitted from transitions (method of moments, in closed form).

- **transfer**: where a bloc's partner stood in a seat before and stands down now, how much of
  its earlier share the bloc's candidate gained: the slope of (later share − the standing
  partners' earlier share) on the stood-down partners' earlier share, within each bloc and
  transition (so the statewide swing drops out); its spread across blocs with at least
  ``MIN_TRANSFER_SEATS`` such seats;
- **statewide swing**: each contender's (earlier share ≥ 5 %) mean change over the seats it
  stands in, in points (uniform) or as a log ratio (proportional); its root mean square, and a
  Student t whose degrees of freedom match the changes' excess kurtosis;
- **partner** within a bloc: the spread of each standing partner's mean residual around its
  bloc's, less the seat noise it carries;
- **region**: the spread of district means of the rest, less the seat noise they carry;
- **seat**: the rest, its size a line in the share (least squares on |residual|);
- **independents**: the share the seat's strongest independent keeps, and its spread;
- **new contenders**: the mean and spread of their share where they stand."""
from __future__ import annotations

import math

import numpy as np

from .seat_model import NEW_BELOW, Sizes, consolidated, statewide
from .seat_transitions import Transition

MIN_TRANSFER_SEATS = 10
SUBSTANTIAL = 0.05


def fit_transfer(ts: list[Transition]) -> tuple[float, float, int]:
    """(rate, spread, seats) of the vote a bloc keeps from a partner standing down."""
    sxy = sxx = 0.0
    seats = 0
    rates = []
    for t in ts:
        for k in range(t.K - 2):
            if len(t.partners[t.contenders[k]]) < 2:
                continue
            m = t.present1[:, k]
            x, y = t.away0[m, k], (t.s1 - t.stand0)[m, k]
            if len(x) < 3 or (x > 0.01).sum() == 0:
                continue
            xc, yc = x - x.mean(), y - y.mean()
            sxy += float(xc @ yc)
            sxx += float(xc @ xc)
            seats += int((x > 0.01).sum())
            if (x > 0.01).sum() >= MIN_TRANSFER_SEATS and xc @ xc > 0:
                b = float(xc @ yc / (xc @ xc))
                resid = yc - b * xc
                rates.append((b, float(resid @ resid) / max(len(x) - 2, 1) / float(xc @ xc)))
    rate = sxy / sxx if sxx > 0 else 0.8
    if len(rates) >= 3:   # the spread of the blocs' rates, less their sampling noise
        r = np.array(rates)
        spread = float(np.sqrt(max(np.var(r[:, 0]) - np.mean(r[:, 1]), 0.0)))
    else:
        spread = 0.1
    return rate, spread, seats


def fit_sizes(ts: list[Transition], form: str = "proportional", fat_tails: bool = True, region: bool = True,
              partner: bool = True, hetero: bool = True, transfer: float | None = None, fade: bool = True,
              pull: bool = True) -> tuple[Sizes, dict]:
    """Sizes fitted on ``ts``; ``transfer`` fixes the rate instead of fitting it; ``fade`` fits
    seat_keep (else 1: classic uniform/proportional swing); ``pull`` fits the swing's centre
    (else 0). Returns the sizes and a report of what they were counted from."""
    rate, rate_sd, rate_seats = fit_transfer(ts)
    if transfer is not None:
        rate, rate_sd = transfer, 0.10
    swings, levels, devs0, devs1 = [], [], [], []
    per_t = []
    ind_x, ind_y, new_means = [], [], []
    for t in ts:
        x = consolidated(t, rate)
        K = t.K
        X = statewide(x, t.weight0, t.present1)
        S1 = statewide(t.s1, t.weight0, t.present1)
        X0all = statewide(x, t.weight0, np.ones_like(t.present1))
        old = (X0all >= NEW_BELOW) & (np.arange(K) < K - 2) & (X > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            if form == "uniform":
                g = S1 - X
            elif form == "logit":
                g = np.log(S1 / (1 - S1)) - np.log(X / (1 - X))
            else:
                g = np.log(S1 / X)
        for k in np.flatnonzero(old & (X0all >= SUBSTANTIAL) & (t.present1.sum(0) >= 5) & (S1 > 0)):
            swings.append(g[k])
            levels.append(X[k])
        for k in np.flatnonzero((X0all < NEW_BELOW) & (np.arange(K) < K - 2) & (t.present1.sum(0) >= 1)):
            m = t.present1[:, k]
            new_means.append(float((t.s1[m, k] * t.weight0[m]).sum() / t.weight0[m].sum()))
        use = t.present1 & old[None, :]
        devs0.append((x - X[None, :])[use])
        devs1.append((t.s1 - S1[None, :])[use])
        per_t.append((t, x, X, S1, use, old))
        ind_x.extend(t.stand0[:, K - 2].tolist())
        ind_y.extend(t.s1[:, K - 2].tolist())
    swings, levels = np.array(swings), np.array(levels)
    if pull:
        A = np.stack([np.ones_like(levels), levels], 1)
        sa, sb = np.linalg.lstsq(A, swings, rcond=None)[0]
    else:
        sa = sb = 0.0
    u = swings - (sa + sb * levels)
    state_sd = float(np.sqrt(np.mean(u ** 2) * len(u) / max(len(u) - (2 if pull else 0), 1)))
    kurt = float(np.mean(u ** 4) / np.mean(u ** 2) ** 2 - 3.0)
    df = max(2.5, 4.0 + 6.0 / kurt) if (fat_tails and kurt > 0) else math.inf
    d0, d1 = np.concatenate(devs0), np.concatenate(devs1)
    keep = float(d0 @ d1 / (d0 @ d0)) if fade else 1.0
    partner_dev, region_m, region_var, e_abs, e_x = [], [], [], [], []
    for t, x, X, S1, use, old in per_t:
        r = (t.s1 - S1[None, :]) - keep * (x - X[None, :])
        for k in np.flatnonzero(old):
            if len(t.partners[t.contenders[k]]) >= 2:
                for p in range(len(t.partners[t.contenders[k]])):
                    m = use[:, k] & (t.partner1[:, k] == p)
                    if m.sum() >= 5:
                        mu = float(r[m, k].mean())
                        partner_dev.append((mu, float(r[m, k].var(ddof=1)) / m.sum()))
                        if partner:
                            r[m, k] -= mu
            for reg in np.unique(t.region):
                m = use[:, k] & (t.region == reg)
                nm = int(m.sum())
                if nm >= 2:
                    mu = float(r[m, k].mean())
                    region_m.append(mu)
                    region_var.append(float(r[m, k].var(ddof=1)) / nm)
                    e = r[m, k] - mu if region else r[m, k]
                    e_abs.extend((np.abs(e) * (math.sqrt(nm / (nm - 1)) if region else 1.0)).tolist())
                    e_x.extend(x[m, k].tolist())
    ea, ex = np.array(e_abs), np.array(e_x)
    c = math.sqrt(2 / math.pi)
    if hetero:
        a, b = np.linalg.lstsq(np.stack([np.ones_like(ex), ex], 1), ea / c, rcond=None)[0]
    else:
        a, b = float(np.sqrt(np.mean(ea ** 2))), 0.0
    reg_sd = float(np.sqrt(max(np.mean(np.square(region_m)) - np.mean(region_var), 0.0))) if region else 0.0
    if partner and partner_dev:
        pm = np.array(partner_dev)
        part_sd = float(np.sqrt(max(np.mean(pm[:, 0] ** 2) - np.mean(pm[:, 1]), 0.0)))
    else:
        part_sd = 0.0
    ix, iy = np.array(ind_x), np.array(ind_y)
    ikeep = float(ix @ iy / (ix @ ix)) if ix @ ix > 0 else 0.5
    nm = np.array(new_means) if new_means else np.array([0.05])
    sizes = Sizes(form=form, swing_a=float(sa), swing_b=float(sb), state_sd=state_sd, state_df=df,
                  seat_keep=keep, partner_sd=part_sd, region_sd=reg_sd, seat_sd=float(max(a, 0.005)),
                  seat_slope=float(b), transfer=float(rate), transfer_sd=float(rate_sd), ind_keep=ikeep,
                  ind_sd=float(np.std(iy - ikeep * ix)), new_mean=float(nm.mean()),
                  new_sd=float(nm.std()) if len(nm) > 1 else 0.05)
    report = {"transitions": len(ts), "statewide_changes": int(len(swings)), "excess_kurtosis": round(kurt, 3),
              "transfer_seats": rate_seats, "partner_groups": len(partner_dev), "regions": len(region_m),
              "seat_residuals": int(len(ea)), "new_contenders": len(new_means)}
    return sizes, report


# the forms compared by leave-one-state-out cross-validation (README: "Choosing the model")
_PLAIN = dict(fat_tails=False, region=False, partner=False, hetero=False, fade=False, pull=False)
FORMS: dict[str, dict] = {
    "uniform": dict(_PLAIN, form="uniform"),
    "proportional": dict(_PLAIN, form="proportional"),
    "uniform, fading seat leads": dict(_PLAIN, form="uniform", fade=True),
    "uniform, fading leads, pulled swing": dict(_PLAIN, form="uniform", fade=True, pull=True),
    "uniform, all parts": dict(form="uniform"),
    "proportional, all parts": dict(form="proportional"),
    "proportional, all parts, normal tails": dict(form="proportional", fat_tails=False),
    "proportional, all parts, transfer 0.8 assumed": dict(form="proportional", transfer=0.8),
    "logit": dict(_PLAIN, form="logit"),
    "logit, all parts": dict(form="logit"),
    "logit, all parts, normal tails": dict(form="logit", fat_tails=False),
    "logit, all parts, transfer 0.8 assumed": dict(form="logit", transfer=0.8),
    "logit, all parts, no partner swing": dict(form="logit", partner=False),
    "logit, all parts, no region": dict(form="logit", region=False),
}
