"""Out-of-sample back-tests of the seat model on a corpus of assembly elections.

Leave one state out: for each tested state, the sizes are fitted on every other state's
transitions (and never on the ``holdout`` states), then each of its transitions is projected
from the earlier election with the blocs as they stood at the later one (who stood where then is
the scenario) and scored against what happened:

- each major bloc's seats (a bloc's figure counts the seats its partners win): the real count,
  the median and the 50 % / 80 % intervals (p25–p75, p10–p90) of the draws; coverage;
- per seat, the Brier score and log loss of P(bloc wins the seat) for each major bloc (a coin
  flip: 0.25 and 0.693), averaged over the major blocs (``brier_field`` and ``log_loss_winner``:
  every contender's P at once, and the log loss of the real winner's P), against three
  references: the deterministic projection (P = 1 for its winner), "the seat stays with the bloc
  that won it last time", and today's model (the form and sizes shipped before this model:
  each party's own statewide swing of 7.33 points, regional 1.76, seat 12.34, t with 8.6
  degrees of freedom, transfer 0.8 ± 0.10, fitted on Haryana alone), applied to the same contests.

A probability is floored at 1/(2 × draws) in the log loss, for every model alike. A *major* bloc
won at least ``MAJOR`` of the seats then or now (at least the two largest)."""
from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .seat_model import Sizes, bloc_log_loss, consolidated, deterministic, majors, shipped, simulate
from .seat_model_fit import fit_sizes
from .seat_transitions import Transition

DEFAULT_DRAWS = 2000
# the earlier election's margin (points of the vote) between a seat's two largest contenders, in buckets:
# the calibration of P(the earlier leader holds the seat) against how often it did (tenth round)
MARGIN_BUCKETS = (0.0, 0.02, 0.05, 0.10, 0.15, 0.20, 0.30, 1.01)
DEFAULT_SEED = 2024
TODAY = Sizes(form="uniform", state_sd=0.0, state_df=8.6, partner_sd=0.0733, region_sd=0.0176, seat_sd=0.1234,
              transfer=0.8, transfer_sd=0.10, ind_keep=1.0, ind_sd=math.hypot(0.0733, 0.1234), new_mean=0.0,
              new_sd=0.0)


def _scores(p: np.ndarray, winner: np.ndarray, eps: float, blocs: list[int]) -> tuple[float, float, float, float]:
    """Per seat, the Brier score and log loss of P(bloc wins the seat), averaged over the major
    ``blocs`` (a coin flip scores 0.25 and 0.693); then the same for the whole field (every
    contender's P, the winner's log loss)."""
    rows = np.arange(len(winner))
    onehot = np.zeros_like(p)
    onehot[rows, winner] = 1.0
    yb = onehot[:, blocs]
    brier = float(((p[:, blocs] - yb) ** 2).mean())
    ll = bloc_log_loss(p, winner, eps, blocs)
    brier_all = float(((p - onehot) ** 2).sum(1).mean())
    ll_all = float(-np.log(np.maximum(p[rows, winner], eps)).mean())
    return brier, ll, brier_all, ll_all


def _onehot(idx: np.ndarray, K: int) -> np.ndarray:
    out = np.zeros((len(idx), K))
    out[np.arange(len(idx)), idx] = 1.0
    return out


def lead_calibration(t: Transition, sizes: Sizes, p: np.ndarray) -> list[list[float]]:
    """Per bucket of the seat's earlier margin (:data:`MARGIN_BUCKETS`): [seats, the sum of P(the earlier
    leader holds the seat), the seats it held]. The earlier leader is the contender standing now with
    the largest consolidated earlier share (what the projection at no swing would give the seat)."""
    x = np.where(t.present1 & (np.arange(t.K) < t.K - 1)[None, :], consolidated(t, sizes.transfer), -1.0)
    order = np.argsort(-x, axis=1, kind="stable")
    rows = np.arange(t.n)
    lead = order[:, 0]
    margin = x[rows, lead] - np.maximum(x[rows, order[:, 1]], 0.0) if t.K > 1 else x[rows, lead]
    # a margin on a bucket's edge (to rounding: 0.42 - 0.40) counts in the bucket above
    b = np.clip(np.searchsorted(MARGIN_BUCKETS, margin + 1e-9, side="right") - 1, 0, len(MARGIN_BUCKETS) - 2)
    out = []
    for i in range(len(MARGIN_BUCKETS) - 1):
        m = b == i
        out.append([int(m.sum()), round(float(p[rows[m], lead[m]].sum()), 4), int((t.winner1[m] == lead[m]).sum())])
    return out


def calibration_table(rows: list[dict]) -> list[dict]:
    """The transitions' :func:`lead_calibration` added up: per margin bucket, the seats, the mean
    P(the earlier leader holds the seat) and the share it held."""
    out = []
    for i, (lo, hi) in enumerate(zip(MARGIN_BUCKETS[:-1], MARGIN_BUCKETS[1:])):
        n = sum(r["leads"][i][0] for r in rows if "leads" in r)
        sp = sum(r["leads"][i][1] for r in rows if "leads" in r)
        held = sum(r["leads"][i][2] for r in rows if "leads" in r)
        out.append({"from": lo, "to": min(hi, 1.0), "seats": n, "p": round(sp / n, 4) if n else None,
                    "held": round(held / n, 4) if n else None})
    return out


def score_transition(t: Transition, sizes: Sizes, draws: int, seed: int, perfect_poll: bool = False,
                     today: bool = True) -> dict:
    if not perfect_poll and t.blind is not None:
        t = t.blind       # without a poll a split's heirs' shares are not known yet: even (Transition.blind)
    poll = t.statewide1() if perfect_poll else None
    p, seats = simulate(t, sizes, draws, seed, poll)
    eps = 1.0 / (2 * draws)
    big = majors(t)
    brier, ll, brier_all, ll_all = _scores(p, t.winner1, eps, big)
    det = deterministic(t, sizes, poll)
    b_det, ll_det, _, _ = _scores(_onehot(det, t.K), t.winner1, eps, big)
    b_last, ll_last, _, _ = _scores(_onehot(t.winner0, t.K), t.winner1, eps, big)
    real = t.seats1()
    blocs = {}
    for k in big:
        x = seats[:, k]
        q = {f"p{int(round(a * 100))}": int(np.quantile(x, a, method="inverted_cdf"))
             for a in (0.10, 0.25, 0.50, 0.75, 0.90)}
        blocs[t.contenders[k]] = {"partners": list(t.partners.get(t.contenders[k], (t.contenders[k],))),
                                  "real": int(real[k]), "median": q["p50"], "p10": q["p10"], "p25": q["p25"],
                                  "p75": q["p75"], "p90": q["p90"], "deterministic": int((det == k).sum()),
                                  "mean": round(float(x.mean()), 2)}   # expected seats: the sum of P(win)
    out = {"state": t.state, "from": t.from_year, "to": t.to_year, "seats": t.n, "blocs": blocs,
           "brier": round(brier, 4), "log_loss": round(ll, 4),
           "brier_deterministic": round(b_det, 4), "log_loss_deterministic": round(ll_det, 4),
           "brier_last_bloc": round(b_last, 4), "log_loss_last_bloc": round(ll_last, 4),
           "brier_field": round(brier_all, 4), "log_loss_winner": round(ll_all, 4),
           "leads": lead_calibration(t, sizes, p)}
    if today:
        pt, st = simulate(t, TODAY, draws, seed, poll)
        b_t, ll_t, _, _ = _scores(pt, t.winner1, eps, big)
        out["brier_today"], out["log_loss_today"] = round(b_t, 4), round(ll_t, 4)
        out["today_blocs"] = {t.contenders[k]: {
            "p10": int(np.quantile(st[:, k], 0.1, method="inverted_cdf")),
            "p90": int(np.quantile(st[:, k], 0.9, method="inverted_cdf"))} for k in majors(t)}
    return out


def leave_one_state_out(ts: list[Transition], fit: Callable[[list[Transition]], Sizes] | None = None,
                        draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED, states: list[str] | None = None,
                        holdout: list[str] = (), perfect_poll: bool = False, today: bool = True,
                        fixed: Sizes | None = None, trained: set[str] | None = None) -> dict:
    """Every tested state's transitions scored with sizes fitted without it (and without the
    ``holdout`` states). A state that the shipped ``fixed`` sizes were not fitted on (not in
    ``trained``) is scored with them when ``ts`` has no other state to fit on."""
    fit = fit or (lambda train: fit_sizes(train)[0])
    tested = sorted({t.state for t in ts if states is None or t.state in states})
    rows = []
    fitted: dict[str, dict] = {}
    for st in tested:
        train = [t for t in ts if t.state != st and t.state not in holdout]
        sizes = fit(train) if train else (fixed if trained is not None and st not in trained else None)
        if sizes is None:
            raise ValueError(f"nothing to fit {st}'s back-test on: give a corpus with other states")
        fitted[st] = sizes.to_json()
        for t in ts:
            if t.state == st:
                rows.append(score_transition(t, sizes, draws, seed, perfect_poll, today))
    return summarise(rows) | {"fitted": fitted, "draws": draws, "seed": seed, "perfect_poll": perfect_poll}


def summarise(rows: list[dict]) -> dict:
    c50 = c80 = nb = 0
    widths = []
    t50 = t80 = 0
    for r in rows:
        for name, b in r["blocs"].items():
            nb += 1
            c50 += b["p25"] <= b["real"] <= b["p75"]
            c80 += b["p10"] <= b["real"] <= b["p90"]
            widths.append((b["p90"] - b["p10"]) / r["seats"])
            tb = r.get("today_blocs", {}).get(name)
            if tb:
                t80 += tb["p10"] <= b["real"] <= tb["p90"]
    n = max(len(rows), 1)
    ll_coin = sum(r["log_loss"] < math.log(2) for r in rows)
    ll_last = sum(r["log_loss"] < r["log_loss_last_bloc"] for r in rows)
    out = {"transitions": rows, "bloc_transitions": nb,
           "coverage50": round(c50 / max(nb, 1), 4), "coverage80": round(c80 / max(nb, 1), 4),
           "covered50": c50, "covered80": c80,
           "median_width80": round(float(np.median(widths)), 4) if widths else None,
           "log_loss_below_coin": ll_coin, "log_loss_below_last_bloc": ll_last,
           "mean": {k: round(float(np.mean([r[k] for r in rows])), 4) for k in
                    ("brier", "log_loss", "brier_deterministic", "log_loss_deterministic", "brier_last_bloc",
                     "log_loss_last_bloc") + (("brier_field", "log_loss_winner") if rows and "brier_field" in rows[0] else ()) +
                   (("brier_today", "log_loss_today") if rows and "brier_today" in rows[0]
                                              else ())} if rows else {}}
    if rows and "leads" in rows[0]:
        out["calibration"] = calibration_table(rows)
    if rows and "today_blocs" in rows[0]:
        out["coverage80_today"] = round(t80 / max(nb, 1), 4)
    del t50
    return out


def perfect_poll_check(rows: list[dict], tolerance: float = 0.10) -> dict:
    """The two largest blocs' median seats within ``tolerance`` of the seats of the truth."""
    ok, failures = 0, []
    for r in rows:
        top = sorted(r["blocs"].items(), key=lambda kv: -kv[1]["real"])[:2]
        miss = [f"{n} {b['median']} v {b['real']}" for n, b in top
                if abs(b["median"] - b["real"]) > tolerance * r["seats"]]
        if miss:
            failures.append(f"{r['state']} {r['from']}->{r['to']}: {', '.join(miss)}")
        else:
            ok += 1
    return {"within": ok, "of": len(rows), "failures": failures}


# --- the command line: python -m explorer backtest --corpus DIR ... --------------------------
def add_corpus_args(p) -> None:
    """The corpus back-test's options on the ``backtest`` command's parser."""
    p.add_argument("--corpus", metavar="DIR", help="leave-one-state-out back-test on a folder of DIR/XX.csv "
                   "(one row per candidate, the columns of ../shared/data/india_assembly) instead of --from/--to")
    p.add_argument("--state", action="append", default=[], metavar="XX",
                   help="with --corpus: back-test only this state (repeatable; each still fitted without it)")
    p.add_argument("--holdout", action="append", default=[], metavar="XX",
                   help="with --corpus: a state kept out of every fit (repeatable)")
    p.add_argument("--perfect-poll", action="store_true",
                   help="with --corpus: the later election's real statewide shares as the poll")


def run_corpus_args(args, usage_error) -> int:
    import json

    from .errors import DataError
    from .seat_transitions import load_transitions
    if args.from_id or args.to_id or getattr(args, "scenario", None):
        raise usage_error("--corpus back-tests every transition of the corpus: drop --from, --to and --scenario")
    if not 100 <= args.draws <= 200_000:
        raise usage_error(f"--draws {args.draws}: a corpus back-test needs 100 to 200000")
    states = [s.upper() for s in args.state] or None
    holdout = [s.upper() for s in args.holdout]
    try:
        ts = load_transitions(args.corpus)
    except DataError as e:
        raise usage_error(e.summary(3)) from None
    if states:
        unknown = [s for s in states if s not in {t.state for t in ts}]
        if unknown:
            raise usage_error(f"--state {', '.join(unknown)}: no two consecutive elections of it in {args.corpus}")
    shipped = shipped_model()
    poll = "poll_" if args.perfect_poll else ""      # a poll is turned into seats by the poll form
    opts = shipped[poll + "options"]
    trained = set(shipped["states"])

    def fit(train):
        return fit_sizes(train, **opts)[0]
    fixed = Sizes.from_json(shipped[poll + "sizes"])
    r = leave_one_state_out(ts, fit=fit, draws=args.draws, seed=args.seed, states=states, holdout=holdout,
                            perfect_poll=args.perfect_poll, fixed=fixed, trained=trained)
    if args.perfect_poll:
        r["perfect_poll_check"] = perfect_poll_check(r["transitions"])
    print(json.dumps(r, ensure_ascii=False) if args.json else corpus_backtest_text(r))
    return 0


def shipped_model() -> dict:
    return shipped()[1]


def corpus_backtest_text(r: dict) -> str:
    poll = " with a perfect poll" if r.get("perfect_poll") else ""
    lines = [f"Leave-one-state-out back-test{poll}: {len(r['transitions'])} transitions, "
             f"{r['bloc_transitions']} bloc-transitions, {r['draws']:,} draws",
             "transition        seats  log loss (model/det./last bloc/today)  Brier (model/det./last/today)  "
             "blocs: real [p10-p90] (p25-p75) median"]
    for t in r["transitions"]:
        blocs = "; ".join(f"{n} {b['real']} [{b['p10']}-{b['p90']}] ({b['p25']}-{b['p75']}) {b['median']}"
                          + ("" if b["p10"] <= b["real"] <= b["p90"] else " MISSED")
                          for n, b in t["blocs"].items())
        lines.append(f"{t['state']} {t['from']}->{t['to']}  {t['seats']:>5}  "
                     f"{t['log_loss']:.3f}/{t['log_loss_deterministic']:.2f}/{t['log_loss_last_bloc']:.2f}/"
                     f"{t.get('log_loss_today', float('nan')):.3f}  "
                     f"{t['brier']:.3f}/{t['brier_deterministic']:.3f}/{t['brier_last_bloc']:.3f}/"
                     f"{t.get('brier_today', float('nan')):.3f}  {blocs}")
    m = r["mean"]
    lines += [f"80 % intervals held the real seats in {r['covered80']} of {r['bloc_transitions']} bloc-transitions "
              f"({r['coverage80']:.0%}); 50 % intervals in {r['covered50']} ({r['coverage50']:.0%})"
              + (f"; today's model's 80 %: {r['coverage80_today']:.0%}" if "coverage80_today" in r else ""),
              f"median 80 % interval width: {r['median_width80']:.0%} of the seats",
              f"mean per-seat log loss {m['log_loss']:.3f} (deterministic {m['log_loss_deterministic']:.3f}, "
              f"last time's bloc {m['log_loss_last_bloc']:.3f}"
              + (f", today's model {m['log_loss_today']:.3f}" if "log_loss_today" in m else "") + "; a coin flip 0.693)",
              f"mean per-seat Brier {m['brier']:.3f} (deterministic {m['brier_deterministic']:.3f}, "
              f"last time's bloc {m['brier_last_bloc']:.3f}"
              + (f", today's model {m['brier_today']:.3f}" if "brier_today" in m else "") + ")",
              f"log loss below a coin flip in {r['log_loss_below_coin']} of {len(r['transitions'])} transitions, "
              f"below last time's bloc in {r['log_loss_below_last_bloc']}"]
    if "perfect_poll_check" in r:
        pc = r["perfect_poll_check"]
        lines.append(f"two largest blocs within 10 % of the seats: {pc['within']} of {pc['of']} transitions")
        lines += [f"  failed: {f}" for f in pc["failures"]]
    return "\n".join(lines)
