"""Projection: who wins each seat under a split, from a baseline election and assumptions.

Model (per seat; all figures in votes of the baseline election):
1. Swing: each party's candidate gains ``swing[party]`` points of the seat's valid vote
   (a share never goes below 0). Only candidates present in the baseline are swung.
2. A partner contesting alone keeps its own vote and receives ``transfer[other→it]`` × the
   other partner's vote; the untransferred rest goes to the other contenders (not NOTA) in
   proportion to their votes. The other partner fields no candidate.
3. In a Contested or Unassigned seat each partner keeps only its own vote (the vote splits).
4. A per-seat adjustment (points) is added to the alliance candidate(s) the seat fields.
5. The candidate with most votes wins; NOTA is never a contender. Independents are each their
   own candidate, reported as party ``IND``. A tie for first place is a tie: the seat's winner
   is the pseudo-party ``TIE`` (never counted for anyone) and the tied parties are listed.
6. A seat with one candidate (elected unopposed; its vote may be 0) is won by that candidate's
   party in every pool: there is no vote to project from.
7. Rebels (optional): a seat can carry a rebel of a partner (a faction whose claim is denied).
   Where that partner does not stand (another partner has the seat alone, or a friendly fight
   without it), the rebel stands as an independent and takes ``share`` of the claimant's vote in
   the seat (after swing, before transfer); the rest transfers as in 2. Where the claimant
   stands (its own seat, Contested, Unassigned) it fields its own candidate: no rebel.

A seat's outcome depends only on its own pool, so the Projector computes every seat's
outcome under every pool once per (baseline, partners, assumptions); projecting a scenario
is then a gather over the pool array, a few microseconds at 90 seats.

The Lok Sabha 2024 segment baseline is already an alliance result (Congress contested 9 PCs,
AAP Kurukshetra): the absent partner's vote in a segment is 0, so giving the seat to the
other partner hands it ``transfer`` × the alliance vote.
"""
from __future__ import annotations

import copy
import weakref
from functools import cached_property
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .assumptions import DEFAULT_TRANSFER, Assumptions
from .dataset import Baseline, SeatTable
from .pools import Pools

NOTA = "NOTA"
TIE = "TIE"
IND = "IND"
REBEL_SHARE = 0.20  # default: a denied faction's rebel takes a fifth of its partner's vote
TIE_TOL = 1e-6  # votes: closer than this is a tie (projected votes are floats)


def _first_two(score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first two columns of ``np.argsort(-score, axis=-1, kind="stable")`` (score: no NaN),
    by two passes of argmax instead of sorting every candidate (4,100 seats x 22 variants x 94
    candidates: 0.3 s of sorting a projector): the first of the largest, then the first of the
    largest of the others, or where the others are all -inf the first column that is not the
    first (as the stable sort puts them); with one column, it twice."""
    win = np.argmax(score, axis=-1)
    if score.shape[-1] < 2:
        return win, win
    at = win[..., None]
    kept = np.take_along_axis(score, at, axis=-1)
    np.put_along_axis(score, at, -np.inf, axis=-1)
    try:
        run = np.argmax(score, axis=-1)
        dead = np.isneginf(np.take_along_axis(score, run[..., None], axis=-1)[..., 0])
    finally:
        np.put_along_axis(score, at, kept, axis=-1)
    if dead.any():
        run[dead] = np.where(win[dead] == 0, 1, 0)
    return win, run


def _top_two(score: np.ndarray, votes: np.ndarray, party: np.ndarray):
    """Along the last axis: winner slot, runner slot, winner votes, runner votes (0 where
    none), runner party (-1), and whether first place is tied (a runner within TIE_TOL)."""
    win, run = _first_two(score)
    wv = np.take_along_axis(votes, win[..., None], axis=-1)[..., 0]
    rs = np.take_along_axis(score, run[..., None], axis=-1)[..., 0]
    has_run = np.isfinite(rs) & (score.shape[-1] > 1)
    rv = np.where(has_run, rs, 0.0)
    rparty = np.where(has_run, np.take_along_axis(party, run[..., None], axis=-1)[..., 0], -1)
    tie = has_run & (np.abs(wv - rv) <= TIE_TOL)
    return win, run, wv, rv, rparty, tie


class PreparedBaseline:
    """A candidate-level baseline as padded matrices (seats × candidate slots).

    Slot j < n_partners holds partner j's vote in the seat (0 where it had no candidate);
    the other slots hold the other candidates, largest first."""

    def __init__(self, seats: SeatTable, baseline: Baseline, partner_codes: tuple[str, ...]):
        self.baseline = baseline
        self.partner_codes = partner_codes
        self.seat_index = seats._index
        n_p = len(partner_codes)
        df = baseline.candidates
        seat_idx = df["ac_no"].map(seats._index).to_numpy()
        if np.isnan(seat_idx.astype(float)).any():
            raise ValueError(f"baseline {baseline.id} names seats not in the data set")
        seat_idx = seat_idx.astype(np.int64)
        party = df["party"].astype(str).to_numpy()
        votes = df["votes"].to_numpy(dtype=np.float64)
        cand = df["candidate"].astype(str).to_numpy()

        others_total = pd.Series(votes).groupby(party).sum()
        others = [p for p in others_total.sort_values(ascending=False, kind="stable").index
                  if p not in partner_codes and p != NOTA]
        others = [p for p in others if p != TIE]
        self.parties: list[str] = list(partner_codes) + others + [NOTA, TIE]
        self.party_index = {p: i for i, p in enumerate(self.parties)}
        self.nota_index = self.party_index[NOTA]
        self.tie_index = self.party_index[TIE]

        is_partner = np.isin(party, partner_codes)
        N = seats.n
        # rank of each non-partner candidate within its seat, largest vote first
        order = np.lexsort((-votes, seat_idx))
        rank = np.zeros(len(df), dtype=np.int64)
        non_partner_sorted = order[~is_partner[order]]
        s_sorted = seat_idx[non_partner_sorted]
        start = np.r_[0, np.flatnonzero(np.diff(s_sorted)) + 1] if len(s_sorted) else np.array([], int)
        run_id = np.zeros(len(s_sorted), dtype=np.int64)
        if len(s_sorted):
            run_id[start[1:]] = 1
            run_id = np.cumsum(run_id)
            rank[non_partner_sorted] = np.arange(len(s_sorted)) - start[run_id]
        n_other = int(rank[~is_partner].max()) + 1 if (~is_partner).any() else 0
        K = n_p + n_other
        self.K = K
        self.votes = np.zeros((N, K))
        self.party = np.full((N, K), -1, dtype=np.int64)
        self.present = np.zeros((N, K), dtype=bool)
        self.names = np.full((N, K), "", dtype=object)
        for j, code in enumerate(partner_codes):
            self.party[:, j] = j
            m = party == code
            np.add.at(self.votes[:, j], seat_idx[m], votes[m])
            self.present[seat_idx[m], j] = True
            self.names[seat_idx[m], j] = cand[m]
        m = ~is_partner
        cols = n_p + rank[m]
        self.votes[seat_idx[m], cols] = votes[m]
        self.party[seat_idx[m], cols] = [self.party_index[p] for p in party[m]]
        self.present[seat_idx[m], cols] = True
        self.names[seat_idx[m], cols] = cand[m]
        self.is_nota = self.party == self.nota_index
        self.valid_votes = self.votes.sum(axis=1)  # incl. NOTA: the base of shares and points
        self._pct_base = np.where(self.valid_votes > 0, self.valid_votes, 1.0)
        # contenders other than the partners: real candidates, never NOTA
        self.other_contender = self.present & ~self.is_nota
        self.other_contender[:, :n_p] = False
        # a seat with one candidate: elected unopposed, won by that candidate in every pool
        contenders = self.present & ~self.is_nota
        self.n_candidates = contenders.sum(axis=1)
        self.unopposed = self.n_candidates == 1
        lone = np.argmax(contenders, axis=1)
        self.unopposed_party = np.where(self.unopposed, self.party[np.arange(N), lone], -1)
        # the baseline's own result, for the table's "baseline leader" column
        lead_score = np.where(contenders, self.votes, -np.inf)
        win, _, wv, rv, _, tie = _top_two(lead_score, self.votes, self.party)
        rows = np.arange(N)
        self.leader_tie = tie & ~self.unopposed
        self.leader = np.where(self.leader_tie, self.tie_index, self.party[rows, win])
        self.leader_margin = np.where(self.unopposed, 0.0, wv - rv)
        self.leader_margin_pts = self.leader_margin / self._pct_base * 100

    def with_rival_slots(self, codes: list[str]) -> "PreparedBaseline":
        """A copy with one more candidate slot per rival partner (after the baseline's own
        slots, in ``codes`` order), each holding that party's vote in every seat where it stood
        (moved out of its slot among the others); a party the baseline does not know joins the
        parties after the last. The original is left untouched."""
        pb = copy.copy(self)
        N, M = self.votes.shape[0], len(codes)
        new = [c for c in codes if c not in self.party_index]
        if new:
            pb.parties = list(self.parties) + new
            pb.party_index = {p: i for i, p in enumerate(pb.parties)}
        idx = np.array([pb.party_index[c] for c in codes], dtype=np.int64)
        votes = np.zeros((N, M))
        present = np.zeros((N, M), dtype=bool)
        names = np.full((N, M), "", dtype=object)
        old_votes, old_present = self.votes.copy(), self.present.copy()
        old_names = self.names.copy()
        for m, pi in enumerate(idx):
            hit = (self.party == pi) & self.present
            votes[:, m] = np.where(hit, self.votes, 0.0).sum(axis=1)
            present[:, m] = hit.any(axis=1)
            rows, cols = np.nonzero(hit)
            names[rows, m] = old_names[rows, cols]
            old_votes[hit] = 0.0
            old_present[hit] = False
        cat = np.concatenate
        pb.votes = cat([old_votes, votes], axis=1)
        pb.present = cat([old_present, present], axis=1)
        pb.party = cat([self.party, np.broadcast_to(idx, (N, M))], axis=1)
        pb.names = cat([old_names, names], axis=1)
        pb.is_nota = cat([self.is_nota, np.zeros((N, M), dtype=bool)], axis=1)
        pb.other_contender = cat([self.other_contender & old_present, present], axis=1)
        pb.K = self.K + M
        pb.rival_first = self.K
        return pb

    def with_rebel_slot(self, seat_idx: np.ndarray, labels: list[str]) -> "PreparedBaseline":
        """A copy with one more candidate slot (last), an independent (party IND, added to the
        parties after TIE when the baseline has none) present in the given seats with 0 votes:
        the Projector fills it where a rebel stands. The original is left untouched."""
        pb = copy.copy(self)
        N = self.votes.shape[0]
        if IND not in self.party_index:
            pb.parties = list(self.parties) + [IND]
            pb.party_index = {p: i for i, p in enumerate(pb.parties)}
        ind = pb.party_index[IND]
        col = lambda a, v: np.concatenate([a, np.full((N, 1), v, dtype=a.dtype)], axis=1)  # noqa: E731
        pb.votes = col(self.votes, 0.0)
        pb.party = col(self.party, ind)
        pb.present = col(self.present, False)
        pb.present[seat_idx, -1] = True
        pb.names = col(self.names, "")
        pb.names[seat_idx, -1] = labels
        pb.is_nota = col(self.is_nota, False)
        pb.other_contender = col(self.other_contender, False)  # fielded per variant by the Projector
        pb.K = self.K + 1
        return pb


@dataclass(frozen=True)
class Rebel:
    """A rebel assumption: where ``partner`` does not stand in seat ``ac_no`` (the seat given to
    another partner), a rebel of it stands as an independent with ``share`` (0-1) of its vote."""
    ac_no: int
    partner: str
    share: float = REBEL_SHARE

    def __post_init__(self):
        if not 0.0 <= self.share <= 1.0:
            raise ValueError(f"rebel in seat {self.ac_no}: share {self.share} is outside 0-1")


class Outcomes:
    """Every seat's outcome under every pool variant: arrays of shape (variants, seats).
    Variant j < n_partners: partner j contests alone; variant n_partners: every partner stands
    and the vote splits; further variants: friendly fights between some partners.

    ``votes`` (V, N, K) final votes per slot and ``fielded`` (V, N, K) are kept as their cells
    that hold something in some variant (a vote, or fielded), and given back whole, read-only,
    when asked (the simulator's preparation and the cushion read them; a move reads only the
    per-seat arrays): K is the widest seat's slots (94 at 4,100 seats, a seat's median 27 with the
    rival slots), so the whole arrays are mostly padding (73 MB at 4,100 seats x 21 partners)."""
    FIELDS = ("votes", "fielded", "winner", "runner", "winner_votes", "margin_votes", "margin_pts", "kept",
              "tie", "tie_a", "tie_b")

    def __init__(self, votes: np.ndarray, fielded: np.ndarray, winner: np.ndarray, runner: np.ndarray,
                 winner_votes: np.ndarray, margin_votes: np.ndarray, margin_pts: np.ndarray, kept: np.ndarray,
                 tie: np.ndarray, tie_a: np.ndarray, tie_b: np.ndarray):
        self.winner, self.runner = winner, runner          # party index
        self.winner_votes, self.margin_votes, self.margin_pts = winner_votes, margin_votes, margin_pts
        self.kept = kept           # alliance votes kept (after transfer, before seat adjustment)
        self.tie = tie             # (V, N) first place tied: winner is the TIE pseudo-party
        self.tie_a, self.tie_b = tie_a, tie_b     # the two tied parties (party index, -1 where no tie)
        self.shape = votes.shape
        # a cell is padding where every variant has +0.0 votes and nothing fielded (restored exactly)
        used = (fielded | (votes != 0) | np.signbit(votes)).any(axis=0)          # (N, K)
        self._at = tuple(a.astype(np.int32) for a in np.nonzero(used))
        self._votes = votes[:, self._at[0], self._at[1]]                             # (V, cells)
        self._fielded = fielded[:, self._at[0], self._at[1]]
        self._given: dict = {}

    def with_variant(self, extra: "Outcomes") -> "Outcomes":
        """These outcomes and ``extra``'s (one more variant) after them. Where the new variant
        holds something only in cells these keep (a friendly fight of partners standing
        elsewhere: nearly always), its cells are appended as they are, the whole arrays never made
        (at 4,100 seats x 21 partners they were 73 MB each way, 130 ms a new fight)."""
        at0, at1 = self._at
        e_used = (extra.fielded | (extra.votes != 0) | np.signbit(extra.votes)).any(axis=0)
        mine = np.zeros(self.shape[1:], dtype=bool)
        mine[at0, at1] = True
        if self.shape[1:] != extra.shape[1:] or (e_used & ~mine).any():
            return Outcomes(*(np.concatenate([getattr(self, f), getattr(extra, f)]) for f in self.FIELDS))
        out = copy.copy(self)
        out.shape = (self.shape[0] + extra.shape[0],) + self.shape[1:]
        out._votes = np.concatenate([self._votes, extra.votes[:, at0, at1]])
        out._fielded = np.concatenate([self._fielded, extra.fielded[:, at0, at1]])
        out._given = {}
        for f in self.FIELDS[2:]:
            setattr(out, f, np.concatenate([getattr(self, f), getattr(extra, f)]))
        return out

    def _whole(self, name: str, cells: np.ndarray, dtype) -> np.ndarray:
        ref = self._given.get(name)
        out = ref() if ref is not None else None
        if out is None:       # the last one given while someone holds it, else made again
            out = np.zeros(self.shape, dtype=dtype)
            out[:, self._at[0], self._at[1]] = cells
            out.flags.writeable = False
            self._given[name] = weakref.ref(out)
        return out

    @property
    def votes(self) -> np.ndarray:
        """(V, N, K) final votes per slot (read-only)."""
        return self._whole("votes", self._votes, np.float64)

    @property
    def fielded(self) -> np.ndarray:
        """(V, N, K) whether the slot's candidate stands (read-only)."""
        return self._whole("fielded", self._fielded, bool)

    @property
    def nbytes(self) -> int:
        """The bytes this keeps."""
        return sum(a.nbytes for a in (*self._at, self._votes, self._fielded)) + \
            sum(getattr(self, f).nbytes for f in self.FIELDS[2:])


class Projector:
    """Outcomes of every seat under every pool for one baseline, alliance and assumptions
    (and, optionally, rebels: see ``Rebel``; with rebels ``prepared`` is a copy with a rebel slot)."""

    def __init__(self, prepared: PreparedBaseline, pools: Pools, assumptions: Assumptions,
                 rebels: tuple[Rebel, ...] = (), rivals: tuple = ()):
        self.rebels = tuple(rebels)
        self.rivals = tuple(rivals)
        self._reb = None
        if self.rivals:   # one slot per rival partner (before the rebel slot, which is the last)
            from .blocs import check_blocs
            check_blocs(prepared.partner_codes, self.rivals)
            prepared = prepared.with_rival_slots([c for b in self.rivals for c in b.partners])
        if self.rebels:
            codes = prepared.partner_codes
            seen = set()
            for r in self.rebels:
                if r.ac_no not in prepared.seat_index:
                    raise ValueError(f"rebel: unknown seat {r.ac_no}")
                if r.partner not in codes:
                    raise ValueError(f"rebel in seat {r.ac_no}: {r.partner!r} is not a partner")
                if r.ac_no in seen:
                    raise ValueError(f"seat {r.ac_no} has two rebels")
                seen.add(r.ac_no)
            seat = np.array([prepared.seat_index[r.ac_no] for r in self.rebels], dtype=np.int64)
            self._reb = (seat, np.array([codes.index(r.partner) for r in self.rebels], dtype=np.int64),
                         np.array([r.share for r in self.rebels]))
            prepared = prepared.with_rebel_slot(seat, [f"Rebel ({r.partner})" for r in self.rebels])
        self.prepared = prepared
        self.pools = pools
        self.assumptions = assumptions
        pb = prepared
        n_p = pools.n_partners
        N, K = pb.votes.shape
        codes = pb.partner_codes
        T = pb.valid_votes[:, None]

        swing_vec = np.zeros(len(pb.parties))
        for party, pts in assumptions.swing_items:
            if party in pb.party_index and party != NOTA:
                swing_vec[pb.party_index[party]] = pts
        S = np.where(pb.party >= 0, swing_vec[pb.party], 0.0)
        swung = np.where(pb.present, np.maximum(pb.votes + S * T / 100.0, 0.0), 0.0)
        self.rival_standing: list[np.ndarray] = []
        self.rival_given: list[np.ndarray] = []     # per rival bloc, (N,) votes its partners standing down hand on
        if self.rivals:
            swung = self._rival_transfers(swung)
        self.partner_votes = swung[:, :n_p].sum(axis=1)  # alliance vote before any transfer
        self.swung_partners = swung[:, :n_p]            # each partner's own vote, after swing

        adj = np.zeros(N)
        for ac, pts in assumptions.seat_adjust_items:
            i = pb.seat_index.get(ac)
            if i is not None:
                adj[i] = pts
        self._adj_votes = adj * pb.valid_votes / 100.0
        self._swung = swung
        self._codes = codes
        self.all_mask = (1 << n_p) - 1
        # variants: each partner alone, then every partner standing (the vote splits); a
        # friendly fight between some partners is added on first use (variant_of)
        self.variant_masks: list[int] = [1 << p for p in range(n_p)] + [self.all_mask]
        self._variant_index = {m: v for v, m in enumerate(self.variant_masks)}
        self.outcomes = self._outcomes(self.variant_masks)
        # a seat that some partner alone would win: for the split-vote risk rule
        alone = self.outcomes.winner[:n_p] == np.arange(n_p)[:, None]
        self.alone_winner = np.where(alone.any(axis=0), alone.argmax(axis=0), -1)
        self._rows = np.arange(N)

    def _rival_transfers(self, swung: np.ndarray) -> np.ndarray:
        """Each rival bloc's split applied to the swung votes: who stands for it in each seat
        (``rival_standing``, one (N, partners) array per bloc), the others' voters transferred.
        The prepared baseline (a copy made here) then fields the rival's standing partners only."""
        from .blocs import apply_rival_transfers, standing_matrix
        pb = self.prepared = copy.copy(self.prepared)
        n_p = self.pools.n_partners
        W = swung.copy()
        cont = pb.other_contender.copy()
        cont[:, :n_p] = pb.present[:, :n_p]
        present = pb.present.copy()
        col = pb.rival_first
        for b in self.rivals:
            cols = np.arange(col, col + len(b.partners))
            col += len(b.partners)
            st = standing_matrix(b, pb.seat_index, pb.present[:, cols], W[:, cols])
            st &= ~pb.unopposed[:, None] | pb.present[:, cols]
            cont[:, cols] = pb.present[:, cols] | st
            # what the partners standing down hand on (the bloc keeps ``transfer`` of it where it fields someone)
            self.rival_given.append(np.where(st, 0.0, W[:, cols]).sum(axis=1) * st.any(axis=1))
            apply_rival_transfers(W, cont, cols, st, b.transfer)
            present[:, cols] = st
            self.rival_standing.append(st)
        cont[:, :n_p] = False
        pb.other_contender = cont
        pb.present = present
        return W

    def _transfer_matrix(self) -> np.ndarray:
        """(partners, partners): transfer[FROM>TO] of every pair, once per projector."""
        t = self.__dict__.get("_tmatrix")
        if t is None:
            c = self._codes
            rate = {(f, to): v for f, to, v in self.assumptions.transfer_items}
            t = self._tmatrix = np.array([[rate.get((f, to), DEFAULT_TRANSFER) for to in c] for f in c])
        return t

    def _field(self, mask: int):
        """Votes, who stands and the alliance vote kept when the partners in ``mask`` field
        candidates. A partner that stands keeps its own vote; the voters of each partner that
        does not stand go to those that do, TO's share of them being transfer[FROM>TO] times
        TO's part of the standing partners' vote (all of it when one stands alone); the rest
        leaks to the other contenders, pro rata. The seat adjustment goes to each candidate."""
        pb, n_p = self.prepared, self.pools.n_partners
        N = pb.votes.shape[0]
        W = self._swung.copy()
        f = pb.other_contender.copy()
        oc = pb.other_contender[:, n_p:]
        if self._reb is not None:   # a rebel stands where its partner does not
            seat, q, share = self._reb
            on = (mask >> q) & 1 == 0
            s_i, q_i = seat[on], q[on]
            taken = share[on] * W[s_i, q_i]
            W[s_i, q_i] -= taken
            W[s_i, -1] = taken
            f[s_i, -1] = True
        standing = [p for p in range(n_p) if mask >> p & 1]
        down = [q for q in range(n_p) if not mask >> q & 1]
        own = W[:, standing]
        tot = own.sum(axis=1, keepdims=True)
        weight = np.divide(own, tot, out=np.full_like(own, 1.0 / len(standing)), where=tot > 0)
        if down:
            # every partner standing down at once: only the seats where one of them has a vote move
            # (a regional partner of 21 touches its own state's seats, not all 4,100). TO's share of
            # FROM's voters is transfer[FROM>TO] x TO's part of the standing vote; the rest leaks to
            # the other contenders pro rata (each partner's leak in turn scaled them by 1 + its leak
            # over their vote then: the same as all the leaks over their vote before, at once)
            V = W[:, down]                                                  # (N, Q) their votes
            r = np.flatnonzero(V.any(axis=1))
            W[:, down] = 0.0
            if len(r):
                vq, wr = V[r], weight[r]                                    # (R, Q), (R, S)
                T = self._transfer_matrix()[np.ix_(down, standing)]         # (Q, S)
                W[np.ix_(r, standing)] += (vq @ T) * wr
                leak = ((1.0 - wr @ T.T) * vq).sum(axis=1)                  # (R,)
                sub, o = W[r, n_p:], oc[r]
                osum = np.where(o, sub, 0.0).sum(axis=1)
                frac = np.divide(leak, osum, out=np.zeros(len(r)), where=osum > 0)
                W[r, n_p:] = np.where(o, sub * (1.0 + frac[:, None]), sub)
        kept = W[:, standing].sum(axis=1)
        W[:, standing] = np.maximum(W[:, standing] + self._adj_votes[:, None], 0.0)
        f[:, standing] = True
        return W, f, kept

    def _outcomes(self, masks: list[int]) -> Outcomes:
        pb = self.prepared
        N, K = pb.votes.shape
        V = len(masks)
        W_all = np.empty((V, N, K))
        fielded = np.empty((V, N, K), dtype=bool)
        kept = np.empty((V, N))
        for v, m in enumerate(masks):
            W_all[v], fielded[v], kept[v] = self._field(m)
        score = np.where(fielded, W_all, -np.inf)
        party = np.broadcast_to(pb.party, (V, N, K))
        win_slot, run_slot, wv, rv, runner, tie = _top_two(score, W_all, party)
        winner = np.take_along_axis(party, win_slot[..., None], axis=2)[..., 0]
        tie_runner = runner.copy()
        winner = np.where(tie, pb.tie_index, winner)
        runner = np.where(tie, -1, runner)
        # elected unopposed: that candidate's party, in every pool
        un = np.broadcast_to(pb.unopposed, (V, N))
        winner = np.where(un, pb.unopposed_party, winner)
        runner = np.where(un, -1, runner)
        tie = tie & ~un
        margin = np.where(un, 0.0, wv - rv)
        return Outcomes(W_all, fielded, winner, runner, wv, margin,
                        margin / pb._pct_base * 100.0, kept, tie,
                        np.where(tie, np.take_along_axis(party, win_slot[..., None], axis=2)[..., 0], -1),
                        np.where(tie, tie_runner, -1))

    def variant_of(self, mask: int) -> int:
        """The variant index of the partners in ``mask`` standing (bit p: partner p); a new
        friendly fight is computed once and kept."""
        if mask == 0:
            mask = self.all_mask
        v = self._variant_index.get(mask)
        if v is None:
            self.outcomes = self.outcomes.with_variant(self._outcomes([mask]))
            v = len(self.variant_masks)
            self.variant_masks.append(mask)
            self._variant_index[mask] = v
        return v

    def variants(self, pools: np.ndarray, fights: np.ndarray | None = None) -> np.ndarray:
        """Each seat's variant: its partner alone, every partner (Contested, Unassigned), or
        the partners of its friendly fight (``fights``: a bit mask per seat, 0 = all)."""
        n_p = self.pools.n_partners
        var = np.minimum(pools.astype(np.int64), n_p)
        if fights is not None:
            sel = (pools == self.pools.contested) & (fights != 0) & (fights != self.all_mask)
            for i in np.flatnonzero(sel):
                var[i] = self.variant_of(int(fights[i]))
        return var

    _PER_SEAT = ("winner", "runner", "winner_votes", "margin_votes", "margin_pts", "kept", "tie", "tie_a", "tie_b")

    def project(self, pools: np.ndarray, majority: int, fights: np.ndarray | None = None) -> "Projection":
        """The projection of a split. After a move, only the seats whose variant changed are read
        from the outcomes: the others' figures are the last projection's (its arrays are read-only,
        so no one changes them after they are handed out), and the seat counts move by theirs."""
        n_p = self.pools.n_partners
        var = self.variants(pools, fights)
        o, r = self.outcomes, self._rows
        last = self.__dict__.get("_last")
        ch = np.flatnonzero(var != last[0]) if last is not None and len(last[0]) == len(var) else None
        if ch is not None and not len(ch) and last[3].majority == majority and np.array_equal(last[3].pools, pools):
            return last[3]          # the same split again (the cushion's rival after the evaluation)
        if ch is not None and 4 * len(ch) <= len(var):
            lv, before, counts, _ = last
            per = {}
            for f in self._PER_SEAT:
                a = before[f].copy()
                a[ch] = getattr(o, f)[var[ch], ch]
                per[f] = a
            counts = counts.copy()
            np.subtract.at(counts, before["winner"][ch], 1)
            np.add.at(counts, per["winner"][ch], 1)
        else:
            per = {f: getattr(o, f)[var, r] for f in self._PER_SEAT}
            counts = np.bincount(per["winner"], minlength=len(self.prepared.parties))
        pools = pools.copy()
        for a in (*per.values(), counts, var, pools):
            a.flags.writeable = False
        out = Projection(
            parties=self.prepared.parties, n_partners=n_p, majority=majority,
            pools=pools, partner_votes=self.partner_votes, seat_counts=counts,
            alone_winner=self.alone_winner, unopposed=self.prepared.unopposed, **per)
        self.__dict__["_last"] = (var, per, counts, out)
        return out


@dataclass
class Projection:
    parties: list[str]
    n_partners: int
    majority: int
    pools: np.ndarray
    winner: np.ndarray        # party index per seat
    runner: np.ndarray        # party index per seat (-1: no runner-up)
    winner_votes: np.ndarray
    margin_votes: np.ndarray
    margin_pts: np.ndarray
    kept: np.ndarray          # alliance votes kept per seat
    partner_votes: np.ndarray # the partners' combined vote per seat before transfer
    seat_counts: np.ndarray   # seats won per party index
    alone_winner: np.ndarray  # partner index that would win the seat alone, or -1
    tie: np.ndarray = None    # per seat: first place tied (winner is TIE)
    tie_a: np.ndarray = None  # the tied parties (party index, -1 where no tie)
    tie_b: np.ndarray = None
    unopposed: np.ndarray = None  # per seat: elected unopposed in the baseline

    @property
    def ties(self) -> int:
        return int(self.tie.sum()) if self.tie is not None else 0

    def tied_parties(self, i: int) -> list[str]:
        """The parties tied for first place in seat index i ([] when it is not tied)."""
        if self.tie is None or not self.tie[i]:
            return []
        return [self.parties[int(self.tie_a[i])], self.parties[int(self.tie_b[i])]]

    @property
    def alliance_seats(self) -> int:
        return int(self.seat_counts[: self.n_partners].sum())

    @cached_property
    def alliance_won(self) -> np.ndarray:
        """Per seat (read per row by the window's models: computed once)."""
        return self.winner < self.n_partners

    def seats_by_party(self) -> dict[str, int]:
        """Seats won per party, most first; tied seats are not anyone's (see ``ties``)."""
        order = np.argsort(-self.seat_counts, kind="stable")
        return {self.parties[i]: int(self.seat_counts[i]) for i in order
                if self.seat_counts[i] > 0 and self.parties[i] != TIE}

    @property
    def kept_votes(self) -> float:
        return float(self.kept.sum())

    @property
    def coverage(self) -> float:
        """Alliance votes kept ÷ the two partners' combined vote (after swing, before transfer)."""
        base = float(self.partner_votes.sum())
        return self.kept_votes / base if base > 0 else 1.0

    def party_of(self, idx: int) -> str:
        return self.parties[idx] if idx >= 0 else ""


@dataclass
class PoolBreakdown:
    """How many seats each pool holds: overall, among SC seats, per PC and per district."""
    counts: np.ndarray        # (pools,)
    sc: np.ndarray            # (pools,)
    st: np.ndarray            # (pools,)
    by_pc: np.ndarray         # (pcs, pools)
    by_district: np.ndarray   # (districts, pools)


def pool_breakdown(seats: SeatTable, pools: np.ndarray, n_pools: int) -> PoolBreakdown:
    """How many seats each pool holds. After a move, the last breakdown of these seats (kept with
    them; its arrays read-only) moves by the seats that changed pool, not counted again."""
    p = pools.astype(np.int64)
    last = seats.__dict__.get("_pool_breakdown")
    if last is not None and last[1] == n_pools and len(last[0]) == len(p):
        ch = np.flatnonzero(p != last[0])
        if not len(ch):
            return last[2]
        if 4 * len(ch) <= len(p):
            b, old, new = last[2], last[0][ch], p[ch]
            counts, sc, st, by_pc, by_district = (a.copy() for a in (b.counts, b.sc, b.st, b.by_pc, b.by_district))
            for a, rows in ((counts, None), (sc, seats.is_sc[ch]), (st, seats.is_st[ch]),
                            (by_pc, seats.pc_index[ch]), (by_district, seats.district_index[ch])):
                if rows is None:
                    np.subtract.at(a, old, 1)
                    np.add.at(a, new, 1)
                elif rows.dtype == bool:
                    np.subtract.at(a, old[rows], 1)
                    np.add.at(a, new[rows], 1)
                else:
                    np.subtract.at(a, (rows, old), 1)
                    np.add.at(a, (rows, new), 1)
            return _kept_breakdown(seats, p, n_pools, PoolBreakdown(counts, sc, st, by_pc, by_district))
    return _kept_breakdown(seats, p, n_pools, PoolBreakdown(
        counts=np.bincount(p, minlength=n_pools),
        sc=np.bincount(p[seats.is_sc], minlength=n_pools),
        st=np.bincount(p[seats.is_st], minlength=n_pools),
        by_pc=np.bincount(seats.pc_index * n_pools + p,
                          minlength=len(seats.pc_names) * n_pools).reshape(-1, n_pools),
        by_district=np.bincount(seats.district_index * n_pools + p,
                                minlength=len(seats.district_names) * n_pools).reshape(-1, n_pools),
    ))


def _kept_breakdown(seats: SeatTable, p: np.ndarray, n_pools: int, b: PoolBreakdown) -> PoolBreakdown:
    for a in (p, b.counts, b.sc, b.st, b.by_pc, b.by_district):
        a.flags.writeable = False
    seats.__dict__["_pool_breakdown"] = (p, n_pools, b)
    return b
