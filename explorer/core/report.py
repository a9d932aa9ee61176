"""Plain summaries of an evaluated scenario: a JSON object (CLI --json, exports) and text."""
from __future__ import annotations

from .engine import Evaluation
from .scenario import Scenario


def pool_counts(sc: Scenario, ev: Evaluation) -> dict[str, int]:
    return dict(ev.pool_counts)


def partner_fielding(sc: Scenario, ev: Evaluation) -> dict[str, dict[str, int]]:
    """Seats each partner contests: allotted (its own pool) and fielding (own + Contested)."""
    return {p.code: {"allotted": p.alone, "fielding": p.fielding, "sc_allotted": p.sc_alone, "st_allotted": p.st_alone}
            for p in ev.partners}


def _split(sc: Scenario, split) -> dict[str, dict[str, int]]:
    return {name: {sc.pools.key(j): int(n) for j, n in enumerate(row)} for name, row in zip(split.names, split.counts)}


def per_pc(sc: Scenario, ev: Evaluation) -> dict[str, dict[str, int]]:
    return _split(sc, ev.pc_split)


def per_district(sc: Scenario, ev: Evaluation) -> dict[str, dict[str, int]]:
    return _split(sc, ev.district_split)


def blocs_json(sc: Scenario, ev: Evaluation) -> dict:
    """Every bloc (ours first) with its partners and projected seats."""
    seats = ev.bloc_seats
    out = {sc.bloc_name: {"partners": [p.code for p in sc.pools.partners], "seats": seats[sc.bloc_name],
                          "ours": True}}
    for b in sc.rivals:
        out[b.name] = {"partners": list(b.partners), "seats": seats[b.name], "split": b.split,
                       "transfer": b.transfer}
    return out


def per_seat_records(sc: Scenario, ev: Evaluation) -> list[dict]:
    pr, seats = ev.projection, sc.seats
    out = []
    winner_bloc = ev.winner_bloc
    for i in range(seats.n):
        tie = pr.tied_parties(i)
        rec = {
            "ac_no": int(seats.ac_no[i]), "name": seats.names[i], "reserved": seats.reserved[i],
            "pool": sc.pools.key(int(sc.pool[i])),
            "winner": None if tie else pr.party_of(int(pr.winner[i])), "runner_up": pr.party_of(int(pr.runner[i])),
            "margin_votes": int(round(float(pr.margin_votes[i]))),
            "margin_pts": round(float(pr.margin_pts[i]), 2),
        }
        rec["winner_bloc"] = None if tie else winner_bloc[i]
        fight = ev.fights.get(int(seats.ac_no[i])) or (
            tuple(p.code for p in sc.pools.partners) if int(sc.pool[i]) == sc.pools.contested else None)
        if fight:
            rec["fight"] = list(fight)       # a friendly fight's partners (ours)
        if sc.rivals:
            rec["rivals"] = ev.rival_contest(i)
        if tie:
            rec["tie"] = tie
        if pr.unopposed is not None and pr.unopposed[i]:
            rec["unopposed"] = True
        out.append(rec)
    return out


def to_json(sc: Scenario, ev: Evaluation) -> dict:
    pr, a = ev.projection, sc.assumptions
    codes = [p.code for p in sc.pools.partners]
    ds = sc.dataset
    return {
        "dataset": {"id": ds.id, "name": ds.name, "content_hash": ds.content_hash,
                    "reserved": {"GEN": int((~ds.seats.is_sc & ~ds.seats.is_st).sum()),
                                 "SC": int(ds.seats.is_sc.sum()), "ST": int(ds.seats.is_st.sum())}},
        "scenario": sc.name,
        "baseline": a.baseline,
        "seats": pr.seats_by_party(),
        "ties": [int(sc.seats.ac_no[i]) for i in range(sc.seats.n) if pr.tie is not None and pr.tie[i]],
        "alliance": pr.alliance_seats,
        "majority": pr.majority,
        "blocs": blocs_json(sc, ev),
        "contenders": [c.label for c in sc.contenders],
        "unaligned_seats": ev.bloc_seats["unaligned"],
        "independent_seats": ev.bloc_seats["independents"],
        "coverage": {
            "ratio": round(pr.coverage, 6),
            "kept_votes": int(round(pr.kept_votes)),
            "partner_votes": int(round(float(pr.partner_votes.sum()))),
            "transfer": {f"{f}>{t}": a.transfer_rate(f, t) for f in codes for t in codes if f != t},
        },
        "swing": a.swing,
        "pools": pool_counts(sc, ev),
        "partners": partner_fielding(sc, ev),
        "undecided": ev.verdict.undecided,
        "alliance_decided": ev.verdict.decided_alliance,
        "warnings": ev.warnings,
        "per_pc": per_pc(sc, ev),
        "per_district": per_district(sc, ev),
        "conflicts": [c.to_json() for c in ev.conflicts],
        "per_seat": per_seat_records(sc, ev),
    }


def alliance_text(v, headline: dict | None = None) -> str:
    """The alliance's line: with the simulated elections' ``headline`` (core.uncertainty's
    ``Headline.to_json``) its expected seats, 80 % range and P(majority), then the seats it leads
    in on the projected votes; without, that count alone, named as such."""
    if not headline:
        return (f"Alliance: leads in {v.alliance} of {v.seats} on the projected votes ({v.phrase} of {v.majority} "
                f"on that count; --draws N adds the expected seats and P(majority))")
    from .uncertainty import majority_outlook
    o = majority_outlook(headline["p_majority"])
    return (f"Alliance: {headline['seats']} of {v.seats} expected (80 %: {headline['p10']}–{headline['p90']}, "
            f"majority {v.majority}), P(majority) {o.percent} ({o.words}); leads in {v.alliance} on the projected votes")


def to_text(sc: Scenario, ev: Evaluation, headline: dict | None = None) -> str:
    """``headline``: the simulated elections' (``uncertainty_json``'s ``headline``) for the alliance's line."""
    pr, P = ev.projection, sc.pools
    base = sc.dataset.baselines[sc.assumptions.baseline]
    codes = tuple(p.code for p in P.partners)
    lines = [f"Scenario: {sc.name} · baseline: {base.label}",
             f"Assumptions: {sc.assumptions.describe(codes)}"]
    counts = pool_counts(sc, ev)
    lines.append("Pools: " + " · ".join(f"{P.label(i)} {counts[k]}" for i, k in enumerate(P.keys)))
    lines.append("Seats contested: " + ", ".join(
        f"{p.code} {p.fielding} ({p.fielding_phrase}; {p.sc_alone} SC, {p.st_alone} ST alone)"
        for p in ev.partners))
    lines.append("Seats led on the projected votes: " + ", ".join(f"{p} {n}" for p, n in pr.seats_by_party().items())
                 + (f"; {pr.ties} tied" if pr.ties else ""))
    if sc.rivals:
        bs = ev.bloc_seats
        lines.append("Blocs (seats led): " + " · ".join(f"{n} {bs[n]}" for n in ev.blocs.names)
                     + f" · unaligned {bs['unaligned']} · independents {bs['independents']}"
                     + (f" · tied {bs['tied']}" if bs["tied"] else ""))
        for b in sc.rivals:
            how = b.split + (f"; {len(b.seats)} seats set" if b.seats else "")
            lines.append(f"  {b.name} ({how}): {', '.join(b.partners)}")
    if sc.contenders:
        lines.append("New contenders: " + "; ".join(c.label for c in sc.contenders))
    v = ev.verdict
    lines.append(alliance_text(v, headline))
    if headline and headline.get("partners"):
        lines.append("  expected seats: " + ", ".join(f"{p} {n}" for p, n in headline["partners"].items())
                     + " (the mean of the simulated elections, made whole)")
    if v.undecided:
        lines.append(f"  {v.undecided_note}")
    lines.extend(f"WARNING: {w}" for w in ev.warnings)
    lines.append(f"Vote coverage: {pr.coverage * 100:.1f} % (keeps {pr.kept_votes:,.0f} of "
                 f"{float(pr.partner_votes.sum()):,.0f} partner votes)")
    if ev.conflicts:
        lines.append(f"Conflicts ({len(ev.conflicts)}):")
        lines.extend(f"  [{c.severity}] {c.message}" for c in ev.conflicts)
    else:
        lines.append("Conflicts: none")
    return "\n".join(lines)
