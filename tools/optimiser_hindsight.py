"""The optimiser in hindsight (issue 25 § 4): for every bloc of two or more partners in the corpus's
transitions, the optimiser's split made from the earlier election (the same partners, each
partner's real number of seats as its bounds), judged on the later election's real votes against
the split the alliance really made.

Usage:  python tools/optimiser_hindsight.py [CORPUS_DIR] [--states HR,JH] [--draws 300] [--json]

Judging: the later election as the baseline, each split projected by the app's engine — where a
split puts partner q in a seat where p really stood (the seats: those where some partner really
stood; a partner's bounds: its real seats alone, up to as many more as the bloc's friendly fights), p's voters go to q at the transfer rate (the
rest to the other candidates, as the projection does), q's own vote there being 0 (q did not stand);
a seat where partners really fought each other is Contested (the partners that stood). The rivals
stand as they really did. Run at the fitted transfer rate (resources/seat_model.json) and at 100 %.
The optimiser maximises the expected seats of the seat model's draws on the earlier election at
the same rate. Nothing here is fitted; the figures are counted from the corpus files.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer.core import optimise as O  # noqa: E402
from explorer.core.assumptions import Assumptions  # noqa: E402
from explorer.core.dataset import SEAT_COLUMNS, Baseline, Dataset, SeatTable  # noqa: E402
from explorer.core.engine import Engine  # noqa: E402
from explorer.core.parties import IND  # noqa: E402
from explorer.core.pools import Partner  # noqa: E402
from explorer.core.rules import RuleSet, SeatBounds, Severity  # noqa: E402
from explorer.core.scenario import Scenario  # noqa: E402
from explorer.core.seat_model import shipped  # noqa: E402
from explorer.core.seat_transitions import _party_votes, build_transition, shipped_alliances, shipped_lineage  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "india_assembly"


def _candidates(ac: np.ndarray, rows: list[dict[str, float]], ind: np.ndarray) -> pd.DataFrame:
    out = []
    for a, parties, iv in zip(ac.tolist(), rows, ind.tolist()):
        for p, v in parties.items():
            if v > 0:
                out.append((a, f"{p} {a}", p, int(round(v))))
        if iv > 0:
            out.append((a, f"Independent {a}", IND, int(round(iv))))
    return pd.DataFrame(out, columns=["ac_no", "candidate", "party", "votes"])


def _dataset(t, e0, e1, lin, partners: tuple[str, ...]) -> Dataset:
    """The seats where some partner stood in the later election (the ones the bloc's split covers),
    with both elections' votes by the later election's parties (through the lineage)."""
    idx0 = {a: i for i, a in enumerate(e0.ac_no.tolist())}
    idx1 = {a: i for i, a in enumerate(e1.ac_no.tolist())}
    p0, m0, ind0 = _party_votes(e0, lin, e0.year, e1.year)
    p1, _, ind1 = _party_votes(e1, lin)
    ac = np.array([a for a in t.ac_no.tolist() if set(p1[idx1[a]]) & set(partners)], dtype=int)
    rows0, rows1 = [], []
    for a in ac.tolist():
        d0 = dict(p0[idx0[a]])
        for p, v in m0[idx0[a]].items():      # a merged party's vote counts for the party it joined
            d0[p] = d0.get(p, 0.0) + v
        rows0.append(d0)
        rows1.append(dict(p1[idx1[a]]))
    seats = pd.DataFrame({"ac_no": ac, "name": [f"Seat {a}" for a in ac], "district": [""] * len(ac),
                          "pc_no": (ac - 1) // 10 + 1, "pc_name": [f"R{(a - 1) // 10 + 1}" for a in ac],
                          "reserved": "GEN", "label_lat": np.nan, "label_lon": np.nan})[SEAT_COLUMNS]
    b0 = Baseline("b0", f"{t.state} {t.from_year}", _candidates(ac, rows0, np.array([ind0[idx0[a]] for a in ac])))
    b1 = Baseline("b1", f"{t.state} {t.to_year}", _candidates(ac, rows1, np.array([ind1[idx1[a]] for a in ac])))
    return Dataset(f"{t.state}{t.to_year}", t.name, SeatTable(seats), {"b0": b0, "b1": b1}, "b0",
                   tuple(Partner(p, p, "#888888") for p in partners))


def _real_split(sc: Scenario, t, k: int) -> tuple[np.ndarray, dict[int, tuple[str, ...]]]:
    """Pools of the split the bloc really made (by who stood in the later election) and its fights."""
    b1 = sc.dataset.baselines["b1"].candidates
    codes = [p.code for p in sc.pools.partners]
    pool = np.full(sc.seats.n, sc.pools.unassigned, dtype=np.int64)
    fights = {}
    stood = b1[b1.party.isin(codes)].groupby("ac_no")["party"].apply(list).to_dict()
    for i, a in enumerate(sc.seats.ac_no.tolist()):
        who = stood.get(a, [])
        if len(who) == 1:
            pool[i] = codes.index(who[0])
        elif len(who) > 1:
            pool[i] = sc.pools.contested
            if len(who) < len(codes):
                fights[a] = tuple(c for c in codes if c in who)
    return pool, fights


def _judge(ds: Dataset, partners, pool: np.ndarray, fights: dict, rate: float) -> int:
    sc = Scenario(ds, tuple(Partner(p, p, "#888888") for p in partners), name="judge")
    a = Assumptions.make("b1", {(f, t): rate for f in partners for t in partners if f != t})
    sc.set_assumptions(a)
    sc.pool[:] = pool
    sc.fights = dict(fights)
    return int(Engine(ds).evaluate(sc).projection.alliance_seats)


def hindsight(corpus: Path, states: list[str] | None, draws: int) -> list[dict]:
    from explorer.core.corpus import read_corpus
    lin = shipped_lineage()
    known = shipped_alliances(lin)
    c = read_corpus(corpus, states)
    fitted = round(shipped()[0].transfer, 2)
    out = []
    for st in c.states:
        es = c.elections[st]
        for e0, e1 in zip(es, es[1:]):
            t = build_transition(c, e0, e1, lin, known)
            if t.n < 10:
                continue
            for k, name in enumerate(t.contenders[:-2]):
                partners = t.partners[name]
                if len(partners) < 2:
                    continue
                ds = _dataset(t, e0, e1, lin, partners)
                b0 = ds.baselines["b0"].candidates
                partners = tuple(p for p in partners if (b0.party == p).any())   # stood in the earlier election
                if len(partners) < 2:
                    continue
                ds = _dataset(t, e0, e1, lin, partners)
                base = Scenario(ds, tuple(Partner(p, p, "#888888") for p in partners), name="real")
                real_pool, fights = _real_split(base, t, k)
                counts = {p: int((real_pool == i).sum()) for i, p in enumerate(partners)}
                fought = int((real_pool == base.pools.contested).sum())
                row = {"state": st, "from": e0.year, "to": e1.year, "bloc": name, "partners": list(partners),
                       "seats": int(ds.seats.n), "real_split": counts, "fights": fought}
                for label, rate in (("fitted", fitted), ("all", 1.0)):
                    sc = Scenario(ds, base.pools.partners, name="optimise",
                                  assumptions=Assumptions.make("b0", {(f, g): rate for f in partners for g in partners
                                                                      if f != g}))
                    sc.pool[:] = real_pool
                    sc.rules = RuleSet("bounds", tuple(
                        SeatBounds(f"n-{p}", Severity.ERROR, partner=p, minimum=n, maximum=n + fought)
                        for p, n in counts.items()))
                    r = O.Optimiser(ds, sc, draws=draws).optimise(prices=False)
                    got = _judge(ds, partners, np.asarray(r.pools), {}, rate) if r.status == "optimal" else None
                    row[label] = {"rate": rate, "status": r.status, "proposal": got,
                                  "real": _judge(ds, partners, real_pool, fights, rate)}
                out.append(row)
                print(f"{st} {e0.year}->{e1.year} {name}: " + "; ".join(
                    f"transfer {row[x]['rate']:g}: proposal {row[x]['proposal']} v real split {row[x]['real']}"
                    for x in ("fitted", "all")), file=sys.stderr, flush=True)
    return out


def _split_text(r: dict) -> str:
    text = ", ".join(f"{p} {n}" for p, n in r["real_split"].items())
    return text + (f", {r['fights']} fights" if r["fights"] else "")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(CORPUS))
    ap.add_argument("--states", help="comma-separated state codes (default: every file)")
    ap.add_argument("--draws", type=int, default=300)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    rows = hindsight(Path(a.corpus), a.states.split(",") if a.states else None, a.draws)
    if a.json:
        print(json.dumps(rows))
        return 0
    for label in ("fitted", "all"):
        done = [r for r in rows if r[label]["proposal"] is not None]
        better = sum(r[label]["proposal"] > r[label]["real"] for r in done)
        worse = sum(r[label]["proposal"] < r[label]["real"] for r in done)
        gain = sum(r[label]["proposal"] - r[label]["real"] for r in done)
        rate = rows[0][label]["rate"] if rows else 0
        print(f"transfer {rate:g}: {len(done)} blocs optimised ({len(rows) - len(done)} not solved); the proposal "
              f"beat the real split in {better}, lost in {worse}, tied in {len(done) - better - worse}; "
              f"seats {gain:+d} in all")
    print("| transition | bloc | seats it stood in | real split | proposal / real (fitted rate) | proposal / real (100 %) |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['state']} {r['from']}→{r['to']} | {r['bloc']} | {r['seats']} | "
              f"{_split_text(r)} | "
              f"{r['fitted']['proposal']} / {r['fitted']['real']} | {r['all']['proposal']} / {r['all']['real']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
