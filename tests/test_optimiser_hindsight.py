"""The optimiser in hindsight (tools/optimiser_hindsight.py) on Haryana 2019 -> 2024: INLD and BSP
stood as one bloc in 2024 (INLD in 51 seats, BSP in 35; INLD won 2, BSP none: HR.csv)."""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "india_assembly"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/data")


def tool():
    spec = importlib.util.spec_from_file_location("optimiser_hindsight", ROOT / "tools" / "optimiser_hindsight.py")
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


@needs_corpus
def test_haryana_2024s_inld_bsp_split_in_hindsight():
    rows = tool().hindsight(CORPUS, ["HR"], draws=200)
    r = next(x for x in rows if x["to"] == 2024 and x["bloc"] == "INLD+BSP")
    assert r["real_split"] == {"INLD": 51, "BSP": 35} and r["fights"] == 0 and r["seats"] == 86
    for rate in ("fitted", "all"):
        assert r[rate]["status"] == "optimal"
        assert r[rate]["real"] == 2            # the real split on the real votes: INLD's 2 seats
    # at 100 % every partner's candidate gets the whole bloc vote: any split with the same seats ties
    assert r["all"]["proposal"] == r["all"]["real"]
    # judged on the later votes, moving a seat from the partner that stood costs the untransferred vote
    assert r["fitted"]["proposal"] <= r["fitted"]["real"]
