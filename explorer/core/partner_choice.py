"""Scenario ▸ Partners ▸ Add partner: the data set's parties to choose from (code, name, seats
and votes in the baseline), and what adding one does to the projection before any seat is
given to it (issue 26).

A partner with no seat still changes the projection: its voters are alliance voters, and in
every seat another partner stands the transfer matrix moves that share of its vote to the
alliance candidate (Jharkhand: JLKM's voters behind INC in Mandu). ``adding_effect`` counts it."""
from __future__ import annotations

from dataclasses import dataclass

from .engine import Engine
from .parties import IND, NOTA
from .pools import Partner
from .scenario import Scenario


@dataclass(frozen=True)
class PartyRow:
    code: str
    name: str
    seats: int          # seats won in the baseline
    votes: int          # votes in the baseline
    share: float        # of the valid vote, %


@dataclass(frozen=True)
class SeatChange:
    ac_no: int
    name: str
    before: str         # projected winner now
    after: str          # with the partner added
    margin: float       # the alliance's margin after (points)


@dataclass(frozen=True)
class AddingEffect:
    code: str
    alliance_before: int
    alliance_after: int
    votes: int                       # the party's baseline votes, now alliance votes
    transfer: float                  # the share of them the alliance keeps where another partner stands
    changes: tuple[SeatChange, ...]  # seats whose projected winner changes

    def explain(self) -> str:
        if self.votes <= 0:
            return f"{self.code} has no votes in this baseline: adding it changes nothing until it is given seats."
        head = (f"Adding {self.code} brings its {self.votes:,} baseline votes into the alliance. It is given no "
                f"seat to contest yet, but where another partner stands {self.transfer * 100:.0f} % of its voters are counted for "
                f"that partner (the transfer matrix), so the projection changes now: the alliance leads in "
                f"{self.alliance_before} → {self.alliance_after} seats on the projected votes")
        if not self.changes:
            return head + "; no seat changes hands."
        seats = ", ".join(f"{c.name} to {c.after} ({c.margin:+.1f})" for c in self.changes[:6])
        more = f" and {len(self.changes) - 6} more" if len(self.changes) > 6 else ""
        return f"{head}: {seats}{more}."


def party_rows(sc: Scenario) -> list[PartyRow]:
    """The parties of the scenario's baseline that are not partners (independents and NOTA are
    candidates, not parties), by votes, with their seats won."""
    ds = sc.dataset
    b = ds.baselines[sc.assumptions.baseline]
    c = b.candidates
    total = float(c["votes"].sum()) or 1.0
    winners = c.sort_values(["ac_no", "votes"], ascending=[True, False], kind="stable").groupby("ac_no").head(1)
    won = winners["party"].value_counts()
    votes = c.groupby("party")["votes"].sum().sort_values(ascending=False, kind="stable")
    partners = {p.code.lower() for p in sc.pools.partners}
    out = []
    for party, v in votes.items():
        party = str(party)
        if party in (IND, NOTA) or party.lower() in partners or party.upper() in ("IND", "NOTA", "TIE"):
            continue
        out.append(PartyRow(party, ds.party_name(party), int(won.get(party, 0)), int(v), 100.0 * float(v) / total))
    return out


def adding_effect(sc: Scenario, code: str, colour: str = "#888888") -> AddingEffect:
    """The projection with ``code`` added as a partner holding no seat, against the projection now."""
    from .commands import add_partner
    ds = sc.dataset
    engine = Engine(ds)
    before = engine.evaluate(sc)
    trial = Scenario.from_json(ds, sc.to_json())
    add_partner(trial, Partner(code, ds.party_name(code), colour)).do()
    after = engine.evaluate(trial)
    pb, pa = before.projection, after.projection
    seats = sc.seats
    changes = tuple(SeatChange(int(seats.ac_no[i]), seats.names[i], pb.parties[pb.winner[i]], pa.parties[pa.winner[i]],
                               float(after.alliance_margin[i]))
                    for i in range(seats.n) if pb.parties[pb.winner[i]] != pa.parties[pa.winner[i]])
    c = ds.baselines[sc.assumptions.baseline].candidates
    votes = int(c.loc[c["party"] == code, "votes"].sum())
    others = [p.code for p in sc.pools.partners]
    rates = [trial.assumptions.transfer_rate(code, o) for o in others]
    return AddingEffect(code, before.verdict.alliance, after.verdict.alliance, votes,
                        max(rates) if rates else 0.0, changes)
