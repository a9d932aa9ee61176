"""Back-tests: project a later election from an earlier one and score the projection.

``backtest`` projects the ``to`` election from the ``from`` baseline under a scenario (default:
every seat Contested, each partner standing on its own vote) and compares with what happened:
seats right, the Brier score and log loss of the per-seat P(win) from the simulation, the same
for the deterministic projection (P = 1 for its winner), and whether each party's 80 % interval
covered its real seat count. The sizes of the uncertainty are fitted leaving the tested
transition out whenever another one exists, so the test does not grade its own homework."""
from __future__ import annotations

import math

import numpy as np

from .assumptions import Assumptions
from .dataset import Dataset
from .engine import Engine
from .parties import NOTA
from .projection import TIE, PreparedBaseline
from .scenario import Scenario
from .uncertainty import DEFAULT_DRAWS, DEFAULT_SEED, LEVELS, Simulator, fit, transitions


def real_winners(ds: Dataset, baseline_id: str) -> list[str | None]:
    pb = PreparedBaseline(ds.seats, ds.baselines[baseline_id], ())
    return [None if pb.leader_tie[i] else pb.parties[pb.leader[i]] for i in range(ds.seats.n)]


def contested_scenario(ds: Dataset, from_id: str) -> Scenario:
    """The default back-test scenario: every seat Contested, each partner on its own vote."""
    sc = Scenario(ds, name="every seat contested", assumptions=Assumptions.make(from_id))
    sc.assign_all("contested")
    return sc


def backtest(ds: Dataset, from_id: str, to_id: str, scenario: Scenario | None = None,
             draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED, level: str = "fitted") -> dict:
    for b in (from_id, to_id):
        if b not in ds.baselines:
            raise KeyError(f"unknown baseline {b!r}; known: {', '.join(ds.baselines)}")
    if scenario is None:
        sc = contested_scenario(ds, from_id)
    else:
        sc = scenario
        sc.set_assumptions(sc.assumptions.with_baseline(from_id))
    others = [p for p in transitions(ds) if p != (from_id, to_id)]
    if others:
        params, rep = fit(ds, others)
        fit_note = f"fitted on {', '.join(f'{a}->{b}' for a, b in others)} (the tested transition left out)"
    else:
        params, rep = fit(ds)
        fit_note = "fitted on every transition, the tested one included (no other to fit from)"
    params = params.scaled(LEVELS[level])
    ev = Engine(ds).evaluate(sc)
    pr = ev.projection
    sim = Simulator(ev.projector, ds, params, draws, seed)
    summ = sim.run(sc.pool, ds.majority, sc.fight_masks())
    real = real_winners(ds, to_id)
    det = [None if pr.tie is not None and pr.tie[i] else pr.parties[pr.winner[i]] for i in range(ds.seats.n)]
    parties = summ.parties
    eps = 1.0 / (2 * draws)
    brier = brier_det = ll = ll_det = 0.0
    hits = hits_p = 0
    for i in range(ds.seats.n):
        p = {parties[k]: q for k, q in summ.seat_p_win(i).items()}
        names = set(p) | {real[i], det[i]} - {None}
        brier += sum((p.get(n, 0.0) - (n == real[i])) ** 2 for n in names)
        brier_det += sum(((n == det[i]) - (n == real[i])) ** 2 for n in names)
        ll -= math.log(max(p.get(real[i], 0.0), eps))
        ll_det -= math.log(1.0 if det[i] == real[i] else eps)
        hits += det[i] == real[i]
        hits_p += max(p, key=p.get) == real[i] if p else False
    n = ds.seats.n
    real_counts: dict[str, int] = {}
    for r in real:
        if r is not None:
            real_counts[r] = real_counts.get(r, 0) + 1
    coverage, intervals = {}, {}
    for k, name in enumerate(parties):
        if name in (NOTA, TIE):
            continue
        x = summ.seats_of(k)
        got = real_counts.get(name, 0)
        if x.max() == 0 and got == 0:
            continue
        med, lo, hi = summ.interval(x)
        coverage[name] = bool(lo <= got <= hi)
        intervals[name] = {"p10": lo, "median": med, "p90": hi, "real": got,
                           "deterministic": int(pr.seat_counts[k])}
    for name, got in real_counts.items():  # a party the earlier election did not have
        if name not in intervals:
            coverage[name] = False
            intervals[name] = {"p10": 0, "median": 0, "p90": 0, "real": got, "deterministic": 0}
    order = sorted(intervals, key=lambda k: -max(intervals[k]["real"], intervals[k]["median"]))
    blocs = _bloc_figures(ev, summ, real) if sc.rivals else {}
    return blocs | {"dataset": ds.id, "from": from_id, "to": to_id, "scenario": sc.name, "seats": n, "hits": int(hits),
            "hits_probabilistic": int(hits_p), "brier": round(brier / n, 4), "brier_deterministic": round(brier_det / n, 4),
            "log_loss": round(ll / n, 4), "log_loss_deterministic": round(ll_det / n, 4),
            "log_loss_floor": eps, "coverage80": {k: coverage[k] for k in order},
            "intervals": {k: intervals[k] for k in order}, "draws": draws, "seed": seed,
            "params": params.to_json(), "fit": fit_note}


def _bloc_figures(ev, summ, real: list[str | None]) -> dict:
    """Each bloc's seats as projected (deterministic, 80 % interval) and as the later election
    gave them, its parties counted for the bloc they are in now."""
    from .blocs import bloc_index
    from .uncertainty import bloc_intervals
    bi = ev.blocs
    member = {p: bi.of_party[k] for k, p in enumerate(ev.projection.parties)}
    for b_k, b in enumerate(ev.projector.rivals, start=1):
        member.update({c: b_k for c in b.partners})
    det = ev.bloc_seats
    iv = bloc_intervals(summ, bloc_index(summ.parties, ev.projection.n_partners, bi.names[0], ev.projector.rivals))
    out = {}
    cols = list(bi.names) + ["unaligned", "independents"]
    for k, name in enumerate(cols):
        if k < bi.n_blocs:
            got = sum(1 for r in real if r is not None and member.get(r, bi.unaligned) == k)
        elif name == "independents":
            got = sum(1 for r in real if r == "IND")
        else:
            got = sum(1 for r in real if r is not None and r != "IND" and member.get(r, bi.unaligned) >= bi.n_blocs)
        out[name] = {"deterministic": det[name], "real": got} | iv.get(name, {})
    return {"blocs": out}


def backtest_text(r: dict) -> str:
    lines = [f"Back-test {r['dataset']}: {r['from']} -> {r['to']} ({r['scenario']}, {r['draws']:,} draws)",
             f"  seats right: {r['hits']} of {r['seats']} (deterministic), {r['hits_probabilistic']} (most likely winner)",
             f"  Brier score: {r['brier']:.3f} probabilistic, {r['brier_deterministic']:.3f} deterministic (lower is better)",
             f"  log loss: {r['log_loss']:.3f} probabilistic, {r['log_loss_deterministic']:.3f} deterministic "
             f"(P floored at {r['log_loss_floor']:.0e})",
             f"  uncertainty: {', '.join(f'{k} {v}' for k, v in r['params'].items())}; {r['fit']}",
             "  80 % intervals (p10-p90, median; real; deterministic):"]
    for k, v in r["intervals"].items():
        mark = "covered" if r["coverage80"][k] else "MISSED"
        lines.append(f"    {k:<10} {v['p10']:>3}-{v['p90']:<3} median {v['median']:>3}; real {v['real']:>3}; "
                     f"deterministic {v['deterministic']:>3}  {mark}")
    if r.get("blocs"):
        lines.append("  blocs (deterministic; 80 % interval; real):")
        for k, v in r["blocs"].items():
            rng = f"{v['p10']}-{v['p90']}" if "p10" in v else "-"
            lines.append(f"    {k:<12} {v['deterministic']:>3}; {rng:>7}; real {v['real']:>3}")
    return "\n".join(lines)
