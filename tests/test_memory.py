"""Issue 12: the idle window's memory with a large data set. The simulation's noise bank and its
combined swings are kept at half precision where the bank is large (a 543-seat data set), and the
figures stay those of full precision; small data sets keep full precision, bit for bit. Each
draw's winners take two bits. The window has glibc hand freed arrays back to the system."""
import copy
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import explorer

from explorer.core import uncertainty as U
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.scenario import scenario_from_preset

HARYANA = load_embedded()
SRC = str(Path(explorer.__file__).resolve().parents[1])


def test_a_large_bank_is_kept_at_half_size_and_a_small_one_is_not():
    # seat noise 3 slots x 10,000 draws x 543 seats x 4 bytes = 65 MB > 32 MiB: float16;
    # at 90 seats 10.8 MB: float32
    big = U.NoiseBank(543, 36, 14, 10_000, 2024, 5.0)
    small = U.NoiseBank(90, 10, 13, 10_000, 2024, 5.0)
    assert big.seat.dtype == np.float16 and big.region.dtype == np.float16
    assert big.seat.nbytes == 3 * 10_000 * 543 * 2 and big.region.nbytes == 10_000 * 36 * 14 * 2
    assert small.seat.dtype == np.float32 and small.region.dtype == np.float32
    # the same draws either way (one seed): half precision only rounds them
    assert np.allclose(U.NoiseBank(543, 36, 14, 10_000, 2024, 5.0).state, big.state)


def test_half_precision_swings_give_the_full_precision_figures():
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    params, _ = U.params_for(HARYANA)
    ev = Engine(HARYANA).evaluate(sc)
    draws = 40_000   # 3 x 40,000 x 90 x 4 bytes = 43 MB: a large bank
    half = U.Simulator(ev.projector, HARYANA, params, draws, 1)
    assert half.bank.region.dtype == np.float16 and half.add_draws.dtype == np.float16
    # the same draws held at full precision
    bank32 = copy.copy(half.bank)
    bank32.seat, bank32.region = half.bank.seat.astype(np.float32), half.bank.region.astype(np.float32)
    full = U.Simulator(ev.projector, HARYANA, params, draws, 1, bank=bank32)
    assert full.add_draws.dtype == np.float32
    a, b = half.run(sc.pool, HARYANA.majority), full.run(sc.pool, HARYANA.majority)
    assert np.abs(a.p_alliance - b.p_alliance).max() <= 0.0005   # 20 of 40,000 draws in any seat
    assert abs(a.p_majority - b.p_majority) <= 0.0005
    assert a.interval(a.alliance_seats) == b.interval(b.alliance_seats)
    # a move updates the same figures as a full run at half precision too
    pool = sc.pool.copy()
    pool[[4, 9, 30]] = sc.pools.contested
    moved = half.move(pool, HARYANA.majority)
    fresh = U.Simulator(ev.projector, HARYANA, params, draws, 1, bank=half.bank).run(pool, HARYANA.majority)
    assert np.array_equal(moved.alliance_seats, fresh.alliance_seats)


def test_each_draws_winners_take_two_bits_and_count_as_before():
    sc = scenario_from_preset(HARYANA, "AAP's Lok Sabha leads")
    params, _ = U.params_for(HARYANA)
    ev = Engine(HARYANA).evaluate(sc)
    sim = U.Simulator(ev.projector, HARYANA, params, 4000, 1)
    s = sim.run(sc.pool, HARYANA.majority)
    # each draw's winner is its slot in the seat (two bits whatever the number of parties)
    W = sim.winning_slots()
    assert sim._winners.dtype == np.uint8 and sim._winners.nbytes == 4000 * 32      # 2 tiles of 64 seats, 4 a byte
    parties = sim.win_party[sim._variant, np.arange(90)][np.arange(90), W]      # (D, N) party index
    # the counts are those of the winners kept: every draw elects 90, P(win) sums to 1 per seat
    assert (s.party_seats.sum(axis=1) == 90).all() and np.allclose(s.p_win.sum(axis=1), 1.0)
    counts = np.stack([np.bincount(parties[:, i], minlength=sim.n_parties) for i in range(90)])
    assert np.array_equal(counts / 4000, s.p_win)
    seats = np.stack([np.bincount(row, minlength=sim.n_parties) for row in parties])
    assert np.array_equal(seats, s.party_seats)
    # only the parties that win some seat in some draw have a column of seats per draw
    assert set(s.seat_cols.tolist()) == set(np.flatnonzero(seats.sum(axis=0)).tolist())
    assert s.seats_by_col.shape == (4000, len(s.seat_cols)) and len(s.seat_cols) < sim.n_parties


KEEPS_FREED = """
import sys
import numpy as np
def rss():
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS")) // 1024
if sys.argv[1] == "window":
    from explorer.gui.app import _give_back_freed_memory
    _give_back_freed_memory()
a = np.ones(30 * 2**20 // 8)   # one 30 MiB block freed: glibc then keeps blocks under 30 MiB in its heap
del a
r0 = rss()
b = [np.ones(2 * 2**20 // 8) for _ in range(20)]   # 20 blocks of 2 MiB, freed
del b
print(rss() - r0)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc (the window sets it on Linux)")
def test_the_window_hands_freed_arrays_back_to_the_system(tmp_path):
    script = tmp_path / "keeps.py"
    script.write_text(KEEPS_FREED)
    env = dict(os.environ, PYTHONPATH=SRC)
    grown = {how: int(subprocess.run([sys.executable, str(script), how], capture_output=True, text=True, env=env,
                                     check=True).stdout) for how in ("default", "window")}
    assert grown["default"] >= 30   # MB still resident after the 40 MiB were freed
    assert grown["window"] <= 5
