"""Write a Lok Dhaba-shaped (TCPD Indian Elections Data) CSV from the India assembly corpus.

The corpus (../shared/data/india_assembly/<STATE>.csv, ElectionLens, see its README) has one row
per candidate: year, ac_no, ac_name, district, reserved, candidate, party, votes, valid_votes,
electors. This script writes the same rows in the columns Lok Dhaba's assembly files use, so the
app's Lok Dhaba reader can be tried on real results:

    python tools/make_lokdhaba.py --state JH --years 2009,2014,2019,2024 -o jh_lokdhaba.csv

Only what the corpus has is written: State_Name (the state's name), Assembly_No (the election's
place among the years written, 1 for the first: NOT TCPD's own numbering), Constituency_No, Year,
Poll_No (0: the corpus has general elections only), Position (rank by votes in the seat, NOTA
last), Candidate, Party, Votes, Valid_Votes, Electors, Constituency_Name, Constituency_Type,
District_Name, Vote_Share_Percentage (votes / valid votes). NOTA rows are written as the corpus
has them (where it has none, the reader derives NOTA from Valid_Votes). Deterministic.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMES = {"AP": "Andhra Pradesh", "AR": "Arunachal Pradesh", "AS": "Assam", "CG": "Chhattisgarh", "DL": "Delhi",
         "GA": "Goa", "GJ": "Gujarat", "HP": "Himachal Pradesh", "HR": "Haryana", "JH": "Jharkhand",
         "JK": "Jammu & Kashmir", "KA": "Karnataka", "KL": "Kerala", "ML": "Meghalaya", "MN": "Manipur",
         "MP": "Madhya Pradesh", "MZ": "Mizoram", "NL": "Nagaland", "OD": "Odisha", "PB": "Punjab",
         "PY": "Puducherry", "RJ": "Rajasthan", "SK": "Sikkim", "TN": "Tamil Nadu", "TR": "Tripura",
         "TS": "Telangana", "UK": "Uttarakhand", "WB": "West Bengal"}
HEADER = ["State_Name", "Assembly_No", "Constituency_No", "Year", "Poll_No", "Position", "Candidate", "Party",
          "Votes", "Valid_Votes", "Electors", "Constituency_Name", "Constituency_Type", "District_Name",
          "Vote_Share_Percentage"]


def rows_for(corpus: Path, state: str, years: list[int]) -> list[list]:
    by_seat: dict[tuple[int, int], list[dict]] = defaultdict(list)
    with (corpus / f"{state}.csv").open(newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            y = int(r["year"])
            if y in years and r["ac_no"]:
                by_seat[(y, int(r["ac_no"]))].append(r)
    out = []
    for (y, ac), rs in sorted(by_seat.items()):
        rs.sort(key=lambda r: (r["party"] == "NOTA", -int(r["votes"])))
        for pos, r in enumerate(rs, start=1):
            valid = int(r["valid_votes"]) if r["valid_votes"] else None
            share = round(100.0 * int(r["votes"]) / valid, 2) if valid else ""
            out.append([NAMES[state], years.index(y) + 1, ac, y, 0, pos, r["candidate"], r["party"], r["votes"],
                        valid if valid is not None else "", r["electors"], r["ac_name"], r["reserved"],
                        r["district"], share])
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "data" / "india_assembly")
    ap.add_argument("--state", required=True, help="two-letter code, e.g. JH")
    ap.add_argument("--years", required=True, help="comma-separated, e.g. 2014,2019")
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args(argv)
    state = args.state.upper()
    if state in ("BR", "MH", "UP") or state not in NAMES:
        print(f"make_lokdhaba: no corpus state {state}", file=sys.stderr)
        return 2
    years = sorted(int(y) for y in args.years.split(","))
    rows = rows_for(args.corpus, state, years)
    with args.output.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"make_lokdhaba: wrote {args.output} ({len(rows)} rows, {state} {', '.join(map(str, years))})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
