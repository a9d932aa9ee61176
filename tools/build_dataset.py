"""Build the project's own Haryana data set in resources/haryana/ from ../shared/data/.

The shared folder holds checked public data with provenance. This script turns it into
our schema (seats, candidate-level baselines, boundaries, rules, presets) and checks the
result against figures published with the sources. Run it from the repository root:

    python tools/build_dataset.py [--shared ../shared/data]

It is deterministic: running it twice gives byte-identical files.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "haryana"  # rebound by --check to a temporary folder

ATTRIBUTION = """\
Data attribution
================

Constituencies (numbers, names, SC reservation, parent Lok Sabha seat): ECI Delimitation of
Parliamentary and Assembly Constituencies Order, 2008, as transcribed by datameet/india-election-data;
names as spelt on the ECI results site (2024); districts from ADR / myneta.info via
HarryStevens/adr-election-node (ISC), with the 2016 renames (Gurugram, Nuh).

Vidhan Sabha 2019 result per candidate: ECI results, via TCPD Lok Dhaba / ElectionLens (MIT).
NOTA per seat is derived as valid votes minus candidate votes.

Lok Sabha 2024 result per assembly segment (EVM votes; postal ballots are counted only per
Lok Sabha seat and are not in the segment figures): ECI results, via ElectionLens (ECI/TCPD) and
arjunswaj/elections.

Assembly constituency boundaries: datta07/INDIAN-SHAPEFILES (MIT), derived from DataMeet India_AC
(CC BY 2.5 IN), simplified. Boundaries are approximate and not an official ECI map.

Facts of the 2024 AAP-Congress talks: news reports listed with their sources in the rules file
(rules_2024_talks.json); most are attributed by the reports to anonymous party sources.
"""

# Reported facts of the 2024 talks (shared/data/negotiation_facts.md), one source note each.
SRC_HOODA = ("Livemint and Business Today, 2024-09-06, citing The Indian Express: Hooda objected "
             "because the seats AAP sought include seats where he has his nominees: Pehowa, Kalayat "
             "and Jind. Reported from party sources.")
SRC_KALAYAT = ("The Haryana Story (Sep 2024): AAP 'particularly interested' in Kalayat, claimed because "
               "Congress lost it in 2009, 2014 and 2019; AAP led the Kalayat segment by 14,437 votes in "
               "the 2024 Lok Sabha poll. Reported from sources close to the negotiations.")
SRC_KURUKSHETRA = ("The Haryana Story (Sep 2024) and NewsDrum/PTI (2024-09-03): AAP cited its Lok Sabha "
                   "leads in the Kurukshetra segments (Shahbad, Pehowa, Guhla, Kalayat) and claimed one "
                   "seat in each of the 10 Lok Sabha constituencies. Reported from party sources.")
SRC_COUNT = ("NewsDrum/PTI 2024-09-03 and India TV 2024-09-04: AAP demanded 10 seats, Congress ready to "
             "give 7; New Indian Express 2024-09-06: Congress offering five to seven; Asian Age and "
             "Rediff: about five. Reported from party sources.")

PARTNERS = [
    {"code": "AAP", "name": "Aam Aadmi Party", "colour": "#1A5FB4"},
    {"code": "INC", "name": "Indian National Congress", "colour": "#2AA198"},
]

# Colours used for parties in charts and the map; independents are grey, each one a candidate.
PARTY_COLOURS = {
    "BJP": "#F28C28", "INC": "#2AA198", "AAP": "#1A5FB4", "JJP": "#6A8E23", "INLD": "#2E7D32",
    "BSP": "#5E35B1", "HLP": "#AD1457", "IND": "#8C8C8C", "NOTA": "#BDBDBD",
}
PARTY_NAMES = {
    "BJP": "Bharatiya Janata Party", "INC": "Indian National Congress", "AAP": "Aam Aadmi Party",
    "JJP": "Jannayak Janta Party", "INLD": "Indian National Lok Dal", "BSP": "Bahujan Samaj Party",
    "HLP": "Haryana Lokhit Party", "IND": "Independent", "NOTA": "None of the Above",
}


def read_csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def check(cond: bool, msg: str) -> None:
    if not cond:
        sys.exit(f"build_dataset: check failed: {msg}")


def build_seats(shared: Path) -> list[dict]:
    rows = read_csv(shared / "haryana_constituencies.csv")
    check(len(rows) == 90, "90 constituencies")
    seats = [{
        "ac_no": int(r["ac_no"]), "name": r["ac_name"], "district": r["district"],
        "pc_no": int(r["pc_no"]), "pc_name": r["pc_name"], "reserved": r["reserved"],
        "label_lat": float(r["label_lat"]), "label_lon": float(r["label_lon"]),
    } for r in rows]
    check([s["ac_no"] for s in seats] == list(range(1, 91)), "ac_no 1..90 in order")
    check(sum(s["reserved"] == "SC" for s in seats) == 17, "17 SC seats")
    write_csv(OUT / "seats.csv", list(seats[0]), [list(s.values()) for s in seats])
    return seats


def build_vs2019(shared: Path, names: dict[int, str]) -> None:
    cands = read_csv(shared / "haryana_2019_assembly.csv")
    totals = {int(r["ac_no"]): r for r in read_csv(shared / "haryana_2019_assembly_ac_totals.csv")}
    rows = []
    for r in cands:
        ac = int(r["ac_no"])
        check(names[ac] == r["ac_name"], f"2019 name of AC {ac}")
        rows.append([ac, r["candidate"], r["party"], int(r["votes"])])
    # NOTA is not a candidate row in the source; its per-seat count is derived there as
    # valid votes minus candidate votes. Kept as a NOTA row: never a contender, but part of
    # the valid vote that shares and margins in points are taken of.
    for ac in sorted(totals):
        nota = int(totals[ac]["nota_votes_derived"])
        check(nota >= 0, f"NOTA of AC {ac}")
        rows.append([ac, "None of the Above", "NOTA", nota])
    rows.sort(key=lambda r: (r[0], r[2] == "NOTA", -r[3]))
    # Checks against the published result: winners and statewide seat tally.
    by_ac = defaultdict(list)
    for ac, cand, party, votes in rows:
        if party != "NOTA":
            by_ac[ac].append((votes, party, cand))
    tally = Counter()
    for ac, lst in by_ac.items():
        lst.sort(reverse=True)
        check(lst[0][2] == totals[ac]["winner"], f"2019 winner of AC {ac}")
        check(lst[0][0] - lst[1][0] == int(totals[ac]["margin"]), f"2019 margin of AC {ac}")
        tally[lst[0][1]] += 1
    check(dict(tally) == {"BJP": 40, "INC": 31, "JJP": 10, "IND": 7, "INLD": 1, "HLP": 1},
          f"2019 seat tally {dict(tally)}")
    write_csv(OUT / "baseline_vs2019.csv", ["ac_no", "candidate", "party", "votes"], rows)


def build_ls2024(shared: Path, names: dict[int, str]) -> None:
    cands = read_csv(shared / "haryana_2024_lok_sabha_segments.csv")
    rows = []
    for r in cands:
        ac = int(r["ac_no"])
        check(names[ac] == r["ac_name"], f"2024 name of segment {ac}")
        rows.append([ac, r["candidate"], r["party"], int(r["votes"])])
    rows.sort(key=lambda r: (r[0], -r[3]))
    leads = Counter()
    by_ac = defaultdict(list)
    for ac, _, party, votes in rows:
        by_ac[ac].append((votes, party))
    for lst in by_ac.values():
        lst.sort(reverse=True)
        leads[lst[0][1]] += 1
    check(dict(leads) == {"BJP": 44, "INC": 42, "AAP": 4}, f"2024 segment leads {dict(leads)}")
    write_csv(OUT / "baseline_ls2024.csv", ["ac_no", "candidate", "party", "votes"], rows)


def build_boundaries(shared: Path, names: dict[int, str]) -> None:
    gj = json.loads((shared / "haryana_ac.geojson").read_text(encoding="utf-8"))
    out = {}
    for feat in gj["features"]:
        ac = int(feat["properties"]["ac_no"])
        check(names[ac] == feat["properties"]["ac_name"], f"boundary name of AC {ac}")
        geom = feat["geometry"]
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        out[str(ac)] = polys  # list of polygons, each a list of rings of [lon, lat]
    check(len(out) == 90, "90 boundaries")
    doc = {"format": "seat-share-explorer/boundaries", "schema_version": 1, "crs": "EPSG:4326",
           "attribution": "Assembly constituency boundaries: datta07/INDIAN-SHAPEFILES (MIT), derived "
                          "from DataMeet India_AC (CC BY 2.5 IN), simplified.",
           "seats": out}
    (OUT / "boundaries.json").write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")


def build_rules(by_name: dict[str, int], seats: list[dict]) -> None:
    kurukshetra = sorted(s["ac_no"] for s in seats if s["pc_name"] == "Kurukshetra")
    check(len(kurukshetra) == 9, "Kurukshetra PC has 9 segments")
    rules = [
        {"id": "hooda-nominees", "kind": "faction_claim", "partner": "INC", "faction": "Hooda camp",
         "seats": [by_name["Jind"], by_name["Pehowa"], by_name["Kalayat"]], "severity": "error",
         "source": SRC_HOODA},
        {"id": "aap-kalayat", "kind": "must_have", "partner": "AAP",
         "seats": [by_name["Kalayat"]], "severity": "error", "source": SRC_KALAYAT},
        {"id": "aap-kurukshetra", "kind": "regional_minimum", "partner": "AAP",
         "region": {"kind": "pc", "value": "Kurukshetra"}, "minimum": 1, "severity": "error",
         "source": SRC_KURUKSHETRA},
        {"id": "aap-seat-count", "kind": "seat_bounds", "partner": "AAP", "minimum": 5, "maximum": 10,
         "asked": 10, "offered": [5, 7], "severity": "warning", "source": SRC_COUNT},
        {"id": "split-vote", "kind": "split_vote_risk", "severity": "warning",
         "source": "Projection: a seat one alliance candidate would win alone but the split loses."},
    ]
    doc = {"format": "seat-share-explorer/rules", "schema_version": 1,
           "name": "AAP-Congress talks, Haryana 2024", "rules": rules}
    write_json(OUT / "rules_2024_talks.json", doc)


def build_presets(by_name: dict[str, int], seats: list[dict]) -> None:
    all_seats = [s["ac_no"] for s in seats]
    aap_leads = [by_name[n] for n in ("Shahbad", "Pehowa", "Guhla", "Kalayat")]

    def scenario(name, notes, assignments, baseline="vs2019"):
        return {"format": "seat-share-explorer/scenario", "schema_version": 1, "dataset": "haryana",
                "name": name, "notes": notes, "partners": PARTNERS,
                "assignments": {k: sorted(v) for k, v in assignments.items()},
                "assumptions": {"baseline": baseline, "transfer": {"AAP>INC": 0.8, "INC>AAP": 0.8},
                                "swing": {}, "seat_adjust": {}}}

    presets = {
        "no_alliance": scenario("No alliance", "Both partners field candidates in every seat.",
                                {"contested": all_seats}),
        "congress_everywhere": scenario("Congress everywhere", "Congress contests all 90 seats; AAP none.",
                                        {"INC": all_seats}),
        "aap_lok_sabha_leads": scenario(
            "AAP's Lok Sabha leads",
            "AAP gets the four assembly segments it led in the 2024 Lok Sabha poll (Shahbad, Pehowa, "
            "Guhla, Kalayat); Congress every other seat.",
            {"AAP": aap_leads, "INC": [a for a in all_seats if a not in aap_leads]}, baseline="ls2024"),
    }
    for stem, doc in presets.items():
        write_json(OUT / "scenarios" / f"{stem}.json", doc)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--check", action="store_true",
                    help="rebuild into a temporary folder and fail if resources/ differs")
    args = ap.parse_args(argv)
    if args.check:
        return check_committed(args.shared)
    (OUT / "scenarios").mkdir(parents=True, exist_ok=True)
    seats = build_seats(args.shared)
    names = {s["ac_no"]: s["name"] for s in seats}
    by_name = {s["name"]: s["ac_no"] for s in seats}
    build_vs2019(args.shared, names)
    build_ls2024(args.shared, names)
    build_boundaries(args.shared, names)
    build_rules(by_name, seats)
    build_presets(by_name, seats)
    manifest = {
        "format": "seat-share-explorer/dataset", "schema_version": 1, "id": "haryana",
        "name": "Haryana Vidhan Sabha (90 seats, 2008 delimitation)", "state": "Haryana",
        "seats": "seats.csv", "boundaries": "boundaries.json",
        "baselines": [
            {"id": "vs2019", "label": "Vidhan Sabha 2019", "file": "baseline_vs2019.csv",
             "note": "2019 assembly result per candidate (EVM + postal); NOTA derived."},
            {"id": "ls2024", "label": "Lok Sabha 2024 by assembly segment", "file": "baseline_ls2024.csv",
             "note": "2024 Lok Sabha EVM votes per assembly segment (no postal, no NOTA). Already an "
                     "alliance result: Congress contested 9 Lok Sabha seats, AAP only Kurukshetra, so the "
                     "absent partner's vote in a segment is 0 and giving the seat to the other partner "
                     "hands it transfer x the alliance vote."},
        ],
        "default_baseline": "vs2019",
        "partners": PARTNERS,
        "party_colours": PARTY_COLOURS,
        "party_names": PARTY_NAMES,
        "rules": "rules_2024_talks.json",
        "default_scenario": "scenarios/aap_lok_sabha_leads.json",
        "scenarios": ["scenarios/no_alliance.json", "scenarios/congress_everywhere.json",
                      "scenarios/aap_lok_sabha_leads.json"],
        "attribution": "ATTRIBUTION.md",
    }
    write_json(OUT / "dataset.json", manifest)
    (OUT / "ATTRIBUTION.md").write_text(ATTRIBUTION, encoding="utf-8")
    (OUT.parent / "ATTRIBUTION.md").write_text(ATTRIBUTION, encoding="utf-8")
    print(f"build_dataset: wrote {OUT} (90 seats, 2 baselines, boundaries, rules, 3 presets)")
    return 0


def check_committed(shared: Path) -> int:
    """The committed data set must be exactly what this script builds from shared/."""
    import filecmp
    import tempfile
    global OUT
    committed = OUT
    with tempfile.TemporaryDirectory() as tmp:
        OUT = Path(tmp) / "resources" / "haryana"
        main(["--shared", str(shared)])
        diff = []
        for f in sorted(OUT.rglob("*")):
            if f.is_file():
                rel = f.relative_to(OUT)
                if not (committed / rel).exists() or not filecmp.cmp(f, committed / rel, shallow=False):
                    diff.append(str(rel))
        OUT = committed
    if diff:
        print(f"build_dataset --check: resources/haryana differs from a fresh build: {', '.join(diff)}")
        return 1
    print("build_dataset --check: resources/haryana is what the script builds from shared/data")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
