"""The fitting data of the seat model: per state, consecutive elections on the same seats.

A :class:`Transition` holds, for the seats both elections have (matched by ac_no; a seat missing
in either, or uncontested in either — one candidate, or the source's 0/1 placeholder votes — is
left out and counted), the *contenders* of the later election and their shares (of the
candidates' votes, NOTA excluded) in both:

- a **bloc** of the later election (known-alliances table, else inferred from who stood where)
  counts its partners; a party in no bloc with at least ``MIN_SHARE`` of the vote, or a seat won,
  in either election is a contender of its own;
- ``IND`` is a seat's strongest independent (independents are candidates, not a party: at the
  later election it is usually another person);
- ``OTH`` is every other candidate together (never a winner).

The earlier election's votes are mapped to the later election's parties through the lineage
(spellings, renames, mergers; a split's heirs share the parent's vote). For each contender and
seat, ``stand0`` is the earlier share of its partners who stand there in the later election, and
``away0`` that of its partners who stood there before but not now (the vote a transfer may carry
over): who stands where in the later election is the scenario, as a strategist would set it."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .bloc_inference import Bloc, BlocReport, KnownAlliance, blocs_for, infer_blocs
from .corpus import Corpus, Election
from .lineage import Lineage
from .parties import IND

MIN_SHARE = 0.01
OTH = "OTH"
REGION_BLOCK = 10   # seats per region where no election of the state names districts
# transitions that do not share their seats though the numbers match (a new delimitation)
NOT_THE_SAME_SEATS = {("AP", 2009): "Andhra Pradesh was divided in 2014: 294 seats before, 175 after"}


@dataclass
class Transition:
    state: str
    from_year: int
    to_year: int
    ac_no: np.ndarray                 # (n,) matched, contested seats
    region: np.ndarray                # (n,) region index (district, or blocks of seats)
    contenders: list[str]             # K names; the last two are IND and OTH
    partners: dict[str, tuple[str, ...]]
    bloc_source: dict[str, str]
    stand0: np.ndarray                # (n, K) earlier share of the partners standing now
    away0: np.ndarray                 # (n, K) earlier share of partners not standing now
    present1: np.ndarray              # (n, K) bool: the contender stands now
    s1: np.ndarray                    # (n, K) later share (a bloc's best candidate)
    total1: np.ndarray                # (n, K) later share of all the contender's candidates
    winner1: np.ndarray               # (n,) contender index of the later winner
    winner0: np.ndarray               # (n,) contender index the earlier winner's party belongs to now
    weight0: np.ndarray               # (n,) candidates' votes in the earlier election
    weight1: np.ndarray               # (n,) ... in the later one
    partner1: np.ndarray              # (n, K) which partner stands now (index into partners), -1: none
    skipped: dict[str, int] = field(default_factory=dict)
    report: BlocReport | None = None
    largest_before: int = -1          # the contender that won most seats in the election before the earlier
                                      # one (its parties as they stand now), -1 where the corpus has none
    largest_before2: int = -1         # ... in the election before that one (a third term), -1 where none
    blind: "Transition | None" = None  # the same transition with a split's heirs sharing the parent's earlier
                                      # vote evenly (Lineage.even_splits), where a party split in between: what
                                      # a forecast without a poll knows (the table's shares are counted from
                                      # the later election); None where no party split

    @property
    def n(self) -> int:
        return len(self.ac_no)

    @property
    def K(self) -> int:
        return len(self.contenders)

    @property
    def name(self) -> str:
        return f"{self.state} {self.from_year}->{self.to_year}"

    def statewide1(self) -> np.ndarray:
        """Each contender's real later share statewide (all its candidates), of the matched seats."""
        return (self.total1 * self.weight1[:, None]).sum(0) / self.weight1.sum()

    def seats1(self) -> np.ndarray:
        return np.bincount(self.winner1, minlength=self.K)


def _party_votes(e: Election, lin: Lineage, from_year: int | None = None, to_year: int | None = None):
    """Per seat: {party: votes} (parties of ``to_year`` when mapping an earlier election), the
    votes of parties that merged into another since ({party merged into: votes}: a transfer, not
    the party's own vote), and the strongest independent's votes."""
    parties: list[dict[str, float]] = [dict() for _ in range(e.n)]
    merged: list[dict[str, float]] = [dict() for _ in range(e.n)]
    best_ind = np.zeros(e.n)
    merging = {ev.code for ev in lin.events if ev.kind == "merge" and ev.state in ("", e.state)
               and from_year is not None and from_year < ev.year <= to_year}
    for i, p, v in zip(e.seat.tolist(), e.party, e.votes.tolist()):
        code = lin.spelling(p, e.state)
        if code == IND:
            best_ind[i] = max(best_ind[i], v)
            continue
        succ = {code: 1.0} if from_year is None else lin.successors(p, e.state, from_year, to_year,
                                                                       int(e.ac_no[i]))
        into = merged[i] if code in merging else parties[i]
        for h, w in succ.items():
            into[h] = into.get(h, 0.0) + v * w
    return parties, merged, best_ind


def _winner(parties: dict[str, float], merged: dict[str, float], ind: float, member: dict[str, int], K: int) -> int:
    """A seat's earlier winner as a contender of now: the party with the most votes (mapped to now,
    a merged party's vote counted with the party it joined), else the independent (K - 2); a party
    in no contender is one of the others (K - 1)."""
    before = {**merged, **parties} if not (set(merged) & set(parties)) else \
        {q: parties.get(q, 0.0) + merged.get(q, 0.0) for q in set(parties) | set(merged)}
    if before and max(before.values()) > ind:
        return member.get(max(before, key=before.get), K - 1)
    return K - 2


def largest_before(e: Election, t: Transition, lin: Lineage) -> int:
    """The contender of ``t`` that won the most seats in election ``e`` (one before ``t``'s earlier
    election; its parties mapped to ``t``'s later year, every seat of ``e`` counted), -1 where no
    contender won a seat."""
    parties, merged, ind = _party_votes(e, lin, e.year, t.to_year)
    member = {p: k for k, c in enumerate(t.contenders[:-2]) for p in t.partners[c]}
    won = np.bincount([_winner(parties[i], merged[i], ind[i], member, t.K) for i in range(e.n)],
                      minlength=t.K)[:t.K - 2]
    return int(np.argmax(won)) if len(won) and won.max() > 0 else -1


def election_blocs(e: Election, lin: Lineage, known: list[KnownAlliance]) -> BlocReport:
    """The election's blocs: the known table's, and the inferred ones among the other parties."""
    standing: dict[str, set[int]] = {}
    votes: dict[str, float] = {}
    for i, p, v in zip(e.seat.tolist(), e.party, e.votes.tolist()):
        code = lin.spelling(p, e.state)
        standing.setdefault(code, set()).add(int(e.ac_no[i]))
        votes[code] = votes.get(code, 0.0) + v
    return blocs_for(e.state, e.year, infer_blocs(standing, votes, e.n), known, standing)


def regions(corpus: Corpus, state: str, ac_no: np.ndarray) -> np.ndarray:
    """A region per seat: its district as any of the state's files names it (the latest that
    does), else blocks of REGION_BLOCK consecutive seat numbers."""
    district: dict[int, str] = {}
    for e in corpus.elections.get(state, []):
        for a, d in zip(e.ac_no.tolist(), e.district):
            if d:
                district[a] = d.strip().upper()
    if all(int(a) in district for a in ac_no):
        names = sorted({district[int(a)] for a in ac_no})
        idx = {d: k for k, d in enumerate(names)}
        return np.array([idx[district[int(a)]] for a in ac_no], dtype=int)
    return ((ac_no - 1) // REGION_BLOCK).astype(int)


def build_transition(corpus: Corpus, e0: Election, e1: Election, lin: Lineage,
                     known: list[KnownAlliance], blocs: list[Bloc] | None = None,
                     later_known: bool = True, new: tuple[str, ...] = ()) -> Transition:
    """The transition e0 -> e1 with e1's blocs (given, else known/inferred). ``later_known``
    False: e1's votes are placeholders (a scenario: only who stands counts), so a party in no
    bloc is a contender by its earlier vote alone, or when named in ``new`` (a new contender)."""
    rep = None
    if blocs is None:
        rep = election_blocs(e1, lin, known)
        blocs = rep.blocs
    ok0, ok1 = e0.contested(), e1.contested()
    idx0 = {a: i for i, a in enumerate(e0.ac_no.tolist())}
    idx1 = {a: i for i, a in enumerate(e1.ac_no.tolist())}
    both = sorted(set(idx0) & set(idx1))
    seats = [a for a in both if ok0[idx0[a]] and ok1[idx1[a]]]
    skipped = {"missing_in_one": len(set(idx0) ^ set(idx1)), "uncontested": len(both) - len(seats)}
    ac = np.array(seats, dtype=int)
    i0 = np.array([idx0[a] for a in seats], dtype=int)
    i1 = np.array([idx1[a] for a in seats], dtype=int)
    p0, m0, ind0 = _party_votes(e0, lin, e0.year, e1.year)
    p1, _, ind1 = _party_votes(e1, lin)
    pol0, pol1 = e0.polled(), e1.polled()
    n = len(seats)
    # contenders: the blocs, then the substantial parties in no bloc
    in_bloc = {p: b.name for b in blocs for p in b.partners}
    tot0: dict[str, float] = {}
    tot1: dict[str, float] = {}
    won: list[set[str]] = [set(), set()]
    for j in range(n):
        for p, v in m0[i0[j]].items():
            tot0[p] = tot0.get(p, 0.0) + v
        for w, (d, tot, ii) in enumerate(((p0, tot0, i0[j]), (p1, tot1, i1[j]))):
            for p, v in d[ii].items():
                tot[p] = tot.get(p, 0.0) + v
            if d[ii]:
                top = max(d[ii], key=d[ii].get)
                if d[ii][top] > (ind0 if d is p0 else ind1)[ii]:
                    won[w].add(top)
    V0, V1 = sum(pol0[i0]), sum(pol1[i1])
    if later_known:
        singles = sorted((p for p in set(tot0) | set(tot1) if p not in in_bloc and
                          (tot0.get(p, 0) >= MIN_SHARE * V0 or tot1.get(p, 0) >= MIN_SHARE * V1 or
                           p in won[0] | won[1])),
                         key=lambda p: -max(tot0.get(p, 0) / V0, tot1.get(p, 0) / V1))
    else:
        singles = sorted((p for p in tot1 if p not in in_bloc and
                          (tot0.get(p, 0) >= MIN_SHARE * V0 or p in won[0] or p in new)),
                         key=lambda p: -tot0.get(p, 0))
    contenders = [b.name for b in blocs] + singles + [IND, OTH]
    partners = {b.name: tuple(b.partners) for b in blocs} | {p: (p,) for p in singles}
    source = {b.name: b.source for b in blocs}
    K = len(contenders)
    member = {p: k for k, c in enumerate(contenders[:-2]) for p in partners[c]}
    stand0 = np.zeros((n, K))
    away0 = np.zeros((n, K))
    present = np.zeros((n, K), dtype=bool)
    s1 = np.zeros((n, K))
    total1 = np.zeros((n, K))
    winner1 = np.zeros(n, dtype=int)
    winner0 = np.zeros(n, dtype=int)
    partner1 = np.full((n, K), -1, dtype=int)
    for j in range(n):
        a0, a1 = i0[j], i1[j]
        w0, w1 = pol0[a0], pol1[a1]
        best1: dict[int, tuple[float, str]] = {}
        for p, v in p1[a1].items():
            k = member.get(p, K - 1)
            total1[j, k] += v / w1
            if k < K - 2 and v / w1 > best1.get(k, (-1.0, ""))[0]:
                best1[k] = (v / w1, p)
            if k == K - 1:
                s1[j, k] += v / w1
        for k, (share, p) in best1.items():
            s1[j, k] = share
            present[j, k] = True
            partner1[j, k] = partners[contenders[k]].index(p)
        s1[j, K - 2] = total1[j, K - 2] = ind1[a1] / w1
        present[j, K - 2] = ind1[a1] > 0
        present[j, K - 1] = True
        standing_now = {p for p in p1[a1]}
        # the earlier votes, by the contenders of now
        best_stand: dict[int, float] = {}
        for p, v in p0[a0].items():
            k = member.get(p, K - 1)
            if k == K - 1:
                stand0[j, k] += v / w0
            elif p in standing_now:
                # a friendly fight: the bloc keeps its best standing partner's vote; the rest is lost
                if v / w0 > best_stand.get(k, 0.0):
                    if k in best_stand:
                        stand0[j, K - 1] += best_stand[k]
                    best_stand[k] = v / w0
                else:
                    stand0[j, K - 1] += v / w0
            else:
                away0[j, k] += v / w0
        for k, v in best_stand.items():
            stand0[j, k] = v
        for p, v in m0[a0].items():       # a merged party's vote: a transfer to the party it joined
            k = member.get(p, K - 1)
            if k == K - 1:
                stand0[j, k] += v / w0
            else:
                away0[j, k] += v / w0
        stand0[j, K - 2] = ind0[a0] / w0
        top1 = np.where(present[j, :K - 1], s1[j, :K - 1], -1.0)
        winner1[j] = int(np.argmax(top1))
        winner0[j] = _winner(p0[a0], m0[a0], ind0[a0], member, K)
    # a contender no longer standing anywhere keeps nothing; a party standing alone now that was
    # split across a friendly fight is handled above
    reg = regions(corpus, e1.state, ac)
    return Transition(e1.state, e0.year, e1.year, ac, reg, contenders, partners, source, stand0, away0, present,
                      s1, total1, winner1, winner0, pol0[i0].astype(float), pol1[i1].astype(float), partner1, skipped,
                      rep)


def transitions(corpus: Corpus, lin: Lineage, known: list[KnownAlliance],
                states: list[str] | None = None) -> list[Transition]:
    """Every pair of consecutive elections of each state (a state's elections in year order),
    except those on different seats (NOT_THE_SAME_SEATS)."""
    out = []
    for st in corpus.states:
        if states is not None and st not in states:
            continue
        es = corpus.elections[st]
        for i, (e0, e1) in enumerate(zip(es, es[1:])):
            if (st, e0.year) in NOT_THE_SAME_SEATS:
                continue
            t = build_transition(corpus, e0, e1, lin, known)
            if i > 0 and (st, es[i - 1].year) not in NOT_THE_SAME_SEATS:
                t.largest_before = largest_before(es[i - 1], t, lin)
                if i > 1 and (st, es[i - 2].year) not in NOT_THE_SAME_SEATS:
                    t.largest_before2 = largest_before(es[i - 2], t, lin)
            if lin.splits_between(st, e0.year, e1.year):
                t.blind = build_transition(corpus, e0, e1, lin.even_splits(), known)
                # the same contenders, maybe in another order (by the earlier shares): matched by name
                t.blind.largest_before, t.blind.largest_before2 = (
                    t.blind.contenders.index(t.contenders[k]) if k >= 0 else -1
                    for k in (t.largest_before, t.largest_before2))
            if t.n >= 10:
                out.append(t)
    return out


def shipped_lineage() -> Lineage:
    from .lineage import read_lineage
    from .paths import resource_root
    return read_lineage((resource_root() / "lineage.csv").read_bytes(), "resources/lineage.csv")


def shipped_alliances(lin: Lineage) -> list[KnownAlliance]:
    from .bloc_inference import read_alliances
    from .paths import resource_root
    return read_alliances((resource_root() / "alliances.csv").read_bytes(), "resources/alliances.csv", lin.spelling)


def load_transitions(corpus_dir, states: list[str] | None = None, lineage_path=None,
                     alliances_path=None) -> list[Transition]:
    """The transitions of a corpus folder with the shipped (or given) lineage and alliances."""
    from .bloc_inference import load_alliances
    from .corpus import read_corpus
    from .lineage import load_lineage
    lin = load_lineage(lineage_path) if lineage_path else shipped_lineage()
    known = load_alliances(alliances_path, lin.spelling) if alliances_path else shipped_alliances(lin)
    return transitions(read_corpus(corpus_dir, states), lin, known)


def scenario_transition(e0: Election, standing: dict[int, list[str]], blocs: list[Bloc], lin: Lineage,
                        to_year: int, corpus: Corpus | None = None, new: tuple[str, ...] = ()) -> Transition:
    """A projection's input for the app: the baseline election ``e0`` and a scenario — the
    ``blocs`` and who stands where (``standing``: ac_no -> the parties, as codes of the later
    election, with a candidate there). The seat's strongest independent stands again where it
    stood. A party in no bloc is a contender by its earlier vote, or when named in ``new`` (a party
    absent then: it enters with the model's new-contender share, or a poll's). The later shares
    and winners are unknown (zeros); :func:`seat_model.simulate` and
    :func:`seat_model.deterministic` take it as they take a back-test's transition."""
    seat, party, votes = [], [], []
    idx = {a: i for i, a in enumerate(e0.ac_no.tolist())}
    ind = {int(e0.ac_no[i]) for i, p in zip(e0.seat.tolist(), e0.party) if lin.spelling(p, e0.state) == IND}
    acs = sorted(a for a in standing if a in idx)
    for j, a in enumerate(acs):
        for p in standing[a]:
            seat.append(j)
            party.append(p)
            votes.append(float(MIN_POLLED_NOW))
        if a in ind:
            seat.append(j)
            party.append(IND)
            votes.append(1.0)
    e1 = Election(e0.state, to_year, np.array(acs, dtype=int), [e0.district[idx[a]] for a in acs],
                  np.array(seat, dtype=int), party, np.array(votes), np.zeros(len(acs)))
    c = corpus or Corpus({e0.state: [e0]})
    return build_transition(c, e0, e1, lin, [], blocs, later_known=False, new=tuple(new))


MIN_POLLED_NOW = 1000.0   # the placeholder votes of a scenario's candidates (only who stands counts)
