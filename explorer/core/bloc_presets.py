"""Presets "as the blocs stood in YEAR": every bloc of a past election, with its seat split.

For an election of the data set, the blocs are those the data set keeps for it (confirmed or
edited by the strategist: ``core.kept_blocs``); else inferred from who stood where (partners
seldom face each other: ``core.bloc_inference``) and confirmed or overridden by the table of
known alliances (``resources/alliances.csv``, a public source a row). The preset puts them on the
scenario as they really stood, on the scenario's own baseline: ours (the bloc holding most of
our partners) with each of our partners where it fielded a candidate that year (two or more in a
seat: a friendly fight between them; none: Unassigned), and every other bloc as a rival whose
partners stand where they stood that year. A party in no bloc stands alone."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .bloc_inference import INFERRED, Bloc, BlocReport, blocs_for, infer_blocs, load_alliances
from .blocs import BASELINE, RivalBloc
from .dataset import Dataset
from .errors import DataError
from .kept_blocs import kept_blocs
from .parties import IND, NOTA
from .successors import dataset_lineage, state_code

ALLIANCES = Path(__file__).resolve().parents[2] / "resources" / "alliances.csv"
RIVAL_COLOURS = ("#F28C28", "#6D4C41", "#546E7A", "#AD1457", "#00838F")


@lru_cache(maxsize=1)
def _known():
    if not ALLIANCES.is_file():
        return []
    from .successors import shipped_lineage
    return load_alliances(ALLIANCES, shipped_lineage().spelling)


@dataclass(frozen=True)
class BlocPreset:
    baseline_id: str                       # the election the blocs are taken from
    year: int | None
    our_name: str
    pools: tuple[tuple[int, str], ...]     # ac_no -> our pool key
    fights: tuple[tuple[int, tuple[str, ...]], ...]
    rivals: tuple[RivalBloc, ...]
    notes: tuple[str, ...]                 # how the blocs were found; parties left out

    @property
    def label(self) -> str:
        return f"As the blocs stood in {self.year or self.baseline_id}"


def election_blocs(ds: Dataset, baseline_id: str) -> tuple[BlocReport, dict[str, set[int]]]:
    """The blocs of one election of the data set and where each party stood: those the data set
    keeps for that year (``core.kept_blocs``: confirmed or edited by the strategist), else the
    known table's, then the inferred ones among the parties it leaves out."""
    b = ds.baseline(baseline_id)
    df = b.candidates
    df = df[~df["party"].isin([IND, NOTA])]
    standing: dict[str, set[int]] = {}
    for ac, party in zip(df["ac_no"].tolist(), df["party"].tolist()):
        standing.setdefault(party, set()).add(int(ac))
    votes = {p: float(v) for p, v in df.groupby("party")["votes"].sum().items()}
    inferred = infer_blocs(standing, votes, ds.seats.n)
    unread = None
    try:
        kept = kept_blocs(ds).get(b.year) if b.year else None
    except DataError as e:          # a bad file of kept blocs: said, and the blocs found as if it were not there
        kept, unread = None, f"the kept blocs were not read: {e.summary(2)}"
    if kept:
        rep = BlocReport(list(kept), inferred, [])
        rep.differs.append(f"the blocs of {b.year} as kept in the data set")
        return rep, standing
    spell = dataset_lineage(ds).spelling
    st = state_code(ds)
    known = [k for k in _known() if k.state == st]
    # the table's codes as this data set spells them (AJSUP in a file is AJSU in the table)
    by_code = {spell(p, st): p for p in standing}
    standing_t = {spell(p, st): s for p, s in standing.items()}
    rep = blocs_for(st, b.year or 0, inferred, known, standing_t)
    rep.blocs = [Bloc(x.name, tuple(by_code.get(p, p) for p in x.partners), x.source) for x in rep.blocs]
    if unread:
        rep.differs.insert(0, unread)
    return rep, standing


def bloc_preset(ds: Dataset, baseline_id: str, our_codes: tuple[str, ...],
                blocs: list[Bloc] | None = None) -> BlocPreset:
    """The preset of one election; ``blocs``: these blocs (as confirmed or edited) instead of
    those :func:`election_blocs` finds."""
    rep, standing = election_blocs(ds, baseline_id)
    if blocs is not None:
        rep.blocs = list(blocs)
    year = ds.baseline(baseline_id).year
    ours = set(our_codes)
    mine = max(rep.blocs, key=lambda x: (len(ours & set(x.partners)), -rep.blocs.index(x)), default=None)
    if mine is not None and not ours & set(mine.partners):
        mine = None
    notes = [f"{x.name}: {', '.join(x.partners)} ({x.source})" for x in rep.blocs] + list(rep.differs)
    if mine is not None:
        for p in mine.partners:
            if p not in ours:
                notes.append(f"{p} was in {mine.name} in {year} but is not a partner here: it stands alone")
        for p in our_codes:
            if p not in mine.partners and standing.get(p):
                notes.append(f"{p} was not in {mine.name} in {year}: where it stood beside a partner, the seat is "
                             "a friendly fight")
    rivals = []
    for k, x in enumerate(b for b in rep.blocs if b is not mine):
        partners = tuple(p for p in x.partners if p not in ours)
        if not partners:
            continue
        seats = {a: tuple(p for p in partners if a in standing.get(p, ())) for a in ds.seats.ac_no.tolist()}
        rivals.append(RivalBloc(x.name, partners, BASELINE, colour=RIVAL_COLOURS[k % len(RIVAL_COLOURS)])
                      .with_seats(seats))
    pools, fights = [], []
    for a in ds.seats.ac_no.tolist():
        stood = tuple(c for c in our_codes if a in standing.get(c, ()))
        if len(stood) == 1:
            pools.append((a, stood[0]))
        elif len(stood) > 1:
            pools.append((a, "contested"))
            if len(stood) < len(our_codes):
                fights.append((a, stood))
        else:
            pools.append((a, "unassigned"))
    return BlocPreset(baseline_id, year, mine.name if mine is not None else "Alliance", tuple(pools), tuple(fights),
                      tuple(rivals), tuple(notes))


def named_blocs(ds: Dataset) -> tuple[tuple[str, tuple[str, ...], int | None], ...]:
    """(name, partners, year) of every bloc the data set's elections knew by name (kept in the
    data set or in the known table; never an inferred one), newest election first: a poll may
    name our bloc by one of them (INDIA) before ours is named."""
    out = []
    for bid in sorted(bloc_presets(ds), key=lambda b: -(ds.baselines[b].year or 0)):
        rep, _ = election_blocs(ds, bid)
        out += [(x.name, tuple(x.partners), ds.baselines[bid].year) for x in rep.blocs if x.source != INFERRED]
    return tuple(out)


def bloc_presets(ds: Dataset) -> list[str]:
    """The elections a preset can be taken from: the data set's assembly baselines with a year."""
    return [bid for bid, b in ds.baselines.items() if b.year and b.kind == "vidhan_sabha"]


def apply_bloc_preset(sc, preset: BlocPreset) -> None:
    """Put the preset on the scenario (one batch: pools, friendly fights, blocs)."""
    import numpy as np
    pool = np.array([sc.pools.index(k) for _, k in preset.pools], dtype=np.int8)
    with sc.batch():
        sc.set_pool_array(pool)
        sc.set_fights(dict(preset.fights))
        sc.set_rivals(preset.rivals, preset.our_name)
