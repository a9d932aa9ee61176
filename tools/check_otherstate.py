"""Recount the winners of a state's published results and compare them with a second source.

Usage:  python tools/check_otherstate.py [FOLDER]      (default: tests/data/nagaland_2023)

FOLDER holds results.csv (the results exactly as published: one row per candidate per seat,
``constituency_no, candidate, party, evm_votes, postal_votes``; NOTA as a party named
"None of the Above" or "NOTA"), seats.csv (``ac_no, name, district, pc, reserved``) and
expected_winners.csv (``ac_no, winner_party, ...`` counted from an independent source; the optional
columns winner_candidate, winner_votes, margin, valid_votes and n_candidates are compared when present).

The recount uses only the standard library and pandas: votes = evm_votes + postal_votes; NOTA is
never a contender; a seat with a single candidate is "elected unopposed" whatever its votes; a tie
for first place is reported as a tie and never broken.  Prints the tally by party and every
disagreement; exits 1 if any seat disagrees, 0 otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

NOTA_NAMES = {"none of the above", "nota"}
DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "nagaland_2023"


def _read(path: Path) -> pd.DataFrame:
    # keep_default_na=False: a name such as "NA" stays a name, not a missing value.
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _norm(name: str) -> str:
    return " ".join(name.upper().split())


def recount(results: pd.DataFrame) -> pd.DataFrame:
    """One row per seat: winner (or tie), votes, margin, all votes polled, contenders, unopposed."""
    df = results.copy()
    df["ac_no"] = df["constituency_no"].astype(int)
    df["votes"] = df["evm_votes"].astype(int) + df["postal_votes"].astype(int)
    df["is_nota"] = df["party"].str.strip().str.lower().isin(NOTA_NAMES)
    rows = []
    for ac_no, seat in df.groupby("ac_no", sort=True):
        cands = seat[~seat["is_nota"]].sort_values("votes", ascending=False, kind="stable")
        top = cands.iloc[0]
        second = int(cands.iloc[1]["votes"]) if len(cands) > 1 else 0
        tied = cands[cands["votes"] == top["votes"]]
        rows.append(
            {
                "ac_no": ac_no,
                "constituency": top["constituency"] if "constituency" in seat else "",
                "winner_party": top["party"] if len(tied) == 1 else "TIE: " + " / ".join(tied["party"]),
                "winner_candidate": top["candidate"],
                "winner_votes": int(top["votes"]),
                "margin": int(top["votes"]) - second,
                "valid_votes": int(seat["votes"].sum()),
                "n_candidates": len(cands),
                "unopposed": len(cands) == 1,
                "tie": len(tied) > 1,
            }
        )
    return pd.DataFrame(rows)


def main(folder: Path) -> int:
    results = _read(folder / "results.csv")
    seats = _read(folder / "seats.csv")
    expected = _read(folder / "expected_winners.csv")
    got = recount(results)
    problems = []

    seat_nos = set(seats["ac_no"].astype(int))
    result_nos = set(got["ac_no"])
    if seat_nos != result_nos:
        problems.append(
            f"seat list and results differ: only in seats {sorted(seat_nos - result_nos)}, "
            f"only in results {sorted(result_nos - seat_nos)}"
        )

    exp = expected.assign(ac_no=expected["ac_no"].astype(int)).set_index("ac_no")
    mine = got.set_index("ac_no")
    if set(exp.index) != set(mine.index):
        problems.append(f"expected_winners covers other seats: {sorted(set(exp.index) ^ set(mine.index))}")
    spellings = []
    for ac_no in sorted(set(exp.index) & set(mine.index)):
        e, m = exp.loc[ac_no], mine.loc[ac_no]
        if e["winner_party"] != m["winner_party"]:
            problems.append(f"seat {ac_no}: winner party {m['winner_party']!r}, expected {e['winner_party']!r}")
        for col in ("winner_votes", "margin", "valid_votes", "n_candidates"):
            if col in exp.columns and exp.at[ac_no, col] != "" and int(e[col]) != int(m[col]):
                problems.append(f"seat {ac_no}: {col} {m[col]}, expected {e[col]}")
        if "winner_candidate" in exp.columns and _norm(e["winner_candidate"]) != _norm(m["winner_candidate"]):
            spellings.append(f"seat {ac_no}: {m['winner_candidate']!r} here, {e['winner_candidate']!r} there")

    n_rows = len(results)
    n_nota = int(results["party"].str.strip().str.lower().isin(NOTA_NAMES).sum())
    print(f"{folder.name}: {n_rows} rows = {n_rows - n_nota} candidates + {n_nota} NOTA; {len(got)} seats")
    print("seats by reservation:", {k: int(v) for k, v in seats["reserved"].value_counts().sort_index().items()})
    print("winners by party (recounted from results.csv):")
    tally = got["winner_party"].value_counts()
    for party, n in tally.items():
        print(f"  {n:3d}  {party}")
    print(f"  {int(tally.sum()):3d}  total")
    for _, r in got[got["unopposed"]].iterrows():
        print(f"elected unopposed: seat {r.ac_no} {r.constituency}: {r.winner_candidate} ({r.winner_party})")
    ties = got[got["tie"] & ~got["unopposed"]]
    print("ties for first place:", "none" if ties.empty else ", ".join(map(str, ties["ac_no"])))
    closest = got[~got["unopposed"]].nsmallest(1, "margin").iloc[0]
    print(f"closest seat: {closest.ac_no} {closest.constituency}, margin {closest.margin}")
    for s in spellings:
        print("name spelled differently (same candidate, same votes):", s)
    agree = len(set(exp.index) & set(mine.index)) - len({p.split(":")[0] for p in problems if p.startswith("seat ")})
    print(f"seats agreeing with expected_winners.csv: {agree} of {len(exp)}")
    for p in problems:
        print("DISAGREES:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT))
