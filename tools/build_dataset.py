"""Build the embedded data sets in resources/ (Haryana, Jharkhand) from ../shared/data/.

The shared folder holds checked public data with provenance. This script reads it through
the app's own loaders (results files as ECI publishes them: full party names, "None of the
Above", namesakes), checks the result against figures published with the sources, and writes
each data set folder with the app's own writer (explorer.core.dataset_io). Run it from the
repository root:

    python tools/build_dataset.py [--shared ../shared/data] [--check]

It is deterministic: running it twice gives byte-identical files.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RES = ROOT / "resources"  # rebound by --check to a temporary folder

from explorer.core.dataset import LOK_SABHA_SEGMENTS, VIDHAN_SABHA, SEAT_COLUMNS, SeatTable  # noqa: E402
from explorer.core.dataset_io import write_dataset  # noqa: E402
from explorer.core.loaders import read_results, read_seat_list  # noqa: E402
from explorer.core.parties import NOTA, shipped_table  # noqa: E402
from explorer.core.pools import Partner  # noqa: E402
from explorer.core.projection import PreparedBaseline  # noqa: E402

PARTY_CODES = """\
Party codes: ECI's register of parties (resources/parties.csv, every row with its source): ECI's
party-wise results of the 2024 Lok Sabha election (names and codes as ECI writes them), as copied
in AnalystVivek/India_General_Election_2024; ECI's own results files (ElectionLens) where one
election writes a party's code and another its full name for the same candidate and seat;
Wikipedia and a news report (ETV Bharat) for the rest. A party the register lacks has a code made
up from its name's initials, marked so in the data set's parties.csv.
"""

ATTRIBUTION = """\
Data attribution
================

Constituencies (numbers, names, SC reservation, parent Lok Sabha seat): ECI Delimitation of
Parliamentary and Assembly Constituencies Order, 2008, as transcribed by datameet/india-election-data;
names as spelt on the ECI results site (2024); districts from ADR / myneta.info via
HarryStevens/adr-election-node (ISC), with the 2016 renames (Gurugram, Nuh).

Vidhan Sabha 2024 result per candidate (EVM + postal, NOTA, ECI's full party names): ECI results
as scraped in arjunswaj/elections; cross-checked against thecont1/india-votes-data and ElectionLens.

Vidhan Sabha 2019 result per candidate: ECI results, via TCPD Lok Dhaba / ElectionLens (MIT).
NOTA per seat is derived as valid votes minus candidate votes.

Lok Sabha 2024 result per assembly segment (EVM votes; postal ballots are counted only per
Lok Sabha seat and are not in the segment figures): ECI results, via ElectionLens (ECI/TCPD) and
arjunswaj/elections.

Assembly constituency boundaries: datta07/INDIAN-SHAPEFILES (MIT), derived from DataMeet India_AC
(CC BY 2.5 IN), simplified. Boundaries are approximate and not an official ECI map.

Facts of the 2024 AAP-Congress talks: news reports listed with their sources in the rules file
(rules_2024_talks.json); most are attributed by the reports to anonymous party sources.

""" + PARTY_CODES

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


JH_ATTRIBUTION = """\
Data attribution
================

Vidhan Sabha 2024 result per candidate (EVM + postal votes, NOTA, ECI's full party names): ECI
results via thecont1/india-votes-data (results/2024Assembly-JH.csv, MIT), cross-checked against
ElectionLens (public/data/elections/ac/JH/2024.json): identical in every seat.

Constituencies: numbers and names from the results; parent Lok Sabha seat and reservation (GEN,
SC, ST) from the ECI Delimitation Order 2008 as transcribed by datameet/india-election-data (Potka
corrected to ST); districts from ElectionLens (public/data/schema.json).

Vidhan Sabha 2019 result per candidate (EVM + postal): ECI results via ElectionLens
(public/data/elections/ac/JH/2019.json, commit 18f7cdaa), as copied into shared/data/india_assembly/JH.csv.
NOTA is not a candidate row there; its per-seat count is derived as the seat's valid votes minus the
candidates' votes. Party codes as the source spells them (JVM, AJSUP, CPI(ML)(L)), matched to the
party table's codes where it knows them.

The INDIA bloc's 2024 split is counted from who fielded a candidate in each seat. No constituency
boundaries are available: the data set works without a map.

""" + PARTY_CODES


def read_csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def check(cond: bool, msg: str) -> None:
    if not cond:
        sys.exit(f"build_dataset: check failed: {msg}")


def csv_text(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue().encode("utf-8")


def winners(seats, b) -> Counter:
    pb = PreparedBaseline(seats, b, ())
    check(not pb.leader_tie.any(), f"{b.id}: no tie for first place")
    return Counter(pb.parties[i] for i in pb.leader)


# --- Haryana -------------------------------------------------------------------------------
def haryana_seats(shared: Path) -> SeatTable:
    rows = read_csv(shared / "haryana_constituencies.csv")
    check(len(rows) == 90, "90 constituencies")
    body = [[r["ac_no"], r["ac_name"], r["district"], r["pc_no"], r["pc_name"], r["reserved"],
             r["label_lat"], r["label_lon"]] for r in rows]
    seats = read_seat_list(csv_text(SEAT_COLUMNS, body), "haryana_constituencies.csv")
    check(seats.ac_no.tolist() == list(range(1, 91)), "ac_no 1..90 in order")
    check(int(seats.is_sc.sum()) == 17 and int(seats.is_st.sum()) == 0, "17 SC seats, no ST")
    return seats


def haryana_vs2019(shared: Path, seats: SeatTable, table):
    cands = read_csv(shared / "haryana_2019_assembly.csv")
    totals = {int(r["ac_no"]): r for r in read_csv(shared / "haryana_2019_assembly_ac_totals.csv")}
    rows = []
    for r in cands:
        ac = int(r["ac_no"])
        check(seats.name(ac) == r["ac_name"], f"2019 name of AC {ac}")
        rows.append([ac, r["candidate"], r["party"], int(r["votes"])])
    # NOTA is not a candidate row in the source; its per-seat count is derived there as
    # valid votes minus candidate votes. Kept as a NOTA row: never a contender, but part of
    # the valid vote that shares and margins in points are taken of.
    for ac in sorted(totals):
        nota = int(totals[ac]["nota_votes_derived"])
        check(nota >= 0, f"NOTA of AC {ac}")
        rows.append([ac, "None of the Above", "NOTA", nota])
    rows.sort(key=lambda r: (r[0], r[2] == "NOTA", -r[3]))
    b = read_results(csv_text(["ac_no", "candidate", "party", "votes"], rows), "haryana_2019_assembly.csv",
                     seats, "vs2019", "Vidhan Sabha 2019", table, year=2019, kind=VIDHAN_SABHA)
    b.note = "2019 assembly result per candidate (EVM + postal); NOTA derived."
    pb = PreparedBaseline(seats, b, ())
    for i, ac in enumerate(seats.ac_no):
        t = totals[int(ac)]
        check(round(pb.leader_margin[i]) == int(t["margin"]), f"2019 margin of AC {ac}")
    tally = winners(seats, b)
    check(dict(tally) == {"BJP": 40, "INC": 31, "JJP": 10, "IND": 7, "INLD": 1, "HLP": 1},
          f"2019 seat tally {dict(tally)}")
    return b


def haryana_ls2024(shared: Path, seats: SeatTable, table):
    path = shared / "haryana_2024_lok_sabha_segments.csv"
    for r in read_csv(path):
        check(seats.name(int(r["ac_no"])) == r["ac_name"], f"2024 name of segment {r['ac_no']}")
    b = read_results(path.read_bytes(), path.name, seats, "ls2024", "Lok Sabha 2024 by assembly segment",
                     table, year=2024, kind=LOK_SABHA_SEGMENTS)
    b.note = ("2024 Lok Sabha EVM votes per assembly segment (no postal, no NOTA). Already an alliance "
              "result: Congress contested 9 Lok Sabha seats, AAP only Kurukshetra, so the absent partner's "
              "vote in a segment is 0 and giving the seat to the other partner hands it transfer x the "
              "alliance vote.")
    leads = winners(seats, b)
    check(dict(leads) == {"BJP": 44, "INC": 42, "AAP": 4}, f"2024 segment leads {dict(leads)}")
    return b


def haryana_vs2024(shared: Path, seats: SeatTable, table):
    path = shared / "haryana_2024_assembly.csv"
    b = read_results(path.read_bytes(), path.name, seats, "vs2024", "Vidhan Sabha 2024", table,
                     year=2024, kind=VIDHAN_SABHA)
    b.note = ("October 2024 assembly result per candidate (EVM + postal, NOTA) as ECI publishes it. "
              "AAP and Congress ran alone (the talks failed): the baseline for the next talks.")
    check(len(b.candidates) == 1121 and int((b.candidates["party"] == NOTA).sum()) == 90, "1,121 rows, 90 NOTA")
    tally = winners(seats, b)
    check(dict(tally) == {"BJP": 48, "INC": 37, "INLD": 2, "IND": 3}, f"2024 seat tally {dict(tally)}")
    namesakes = b.candidates[(b.candidates["ac_no"] == 70) & (b.candidates["candidate"] == "KRISHAN KUMAR")]
    check(len(namesakes) == 2, "the two KRISHAN KUMARs of Narnaul are two candidates")
    return b


def haryana_boundaries(shared: Path, seats: SeatTable) -> dict:
    gj = json.loads((shared / "haryana_ac.geojson").read_text(encoding="utf-8"))
    out = {}
    for feat in gj["features"]:
        ac = int(feat["properties"]["ac_no"])
        check(seats.name(ac) == feat["properties"]["ac_name"], f"boundary name of AC {ac}")
        geom = feat["geometry"]
        out[str(ac)] = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    check(len(out) == 90, "90 boundaries")
    return {"format": "seat-share-explorer/boundaries", "schema_version": 1, "crs": "EPSG:4326",
            "attribution": "Assembly constituency boundaries: datta07/INDIAN-SHAPEFILES (MIT), derived "
                           "from DataMeet India_AC (CC BY 2.5 IN), simplified.",
            "seats": out}


def haryana_rules(seats: SeatTable) -> dict:
    by_name = {n: int(a) for a, n in zip(seats.ac_no, seats.names)}
    kurukshetra = [int(a) for a, pc in zip(seats.ac_no, seats.frame["pc_name"]) if pc == "Kurukshetra"]
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
    return {"format": "seat-share-explorer/rules", "schema_version": 1,
            "name": "AAP-Congress talks, Haryana 2024", "rules": rules}


def scenario(dataset, partners, name, notes, assignments, baseline, transfer=0.8):
    codes = [p["code"] for p in partners]
    return {"format": "seat-share-explorer/scenario", "schema_version": 1, "dataset": dataset,
            "name": name, "notes": notes, "partners": partners,
            "assignments": {k: sorted(v) for k, v in assignments.items()},
            "assumptions": {"baseline": baseline,
                            "transfer": {f"{f}>{t}": transfer for f in codes for t in codes if f != t},
                            "swing": {}, "seat_adjust": {}}}


def haryana_presets(seats: SeatTable) -> list[dict]:
    by_name = {n: int(a) for a, n in zip(seats.ac_no, seats.names)}
    all_seats = seats.ac_no.tolist()
    aap_leads = [by_name[n] for n in ("Shahbad", "Pehowa", "Guhla", "Kalayat")]
    return [
        scenario("haryana", PARTNERS, "No alliance", "Both partners field candidates in every seat.",
                 {"contested": all_seats}, "vs2019"),
        scenario("haryana", PARTNERS, "Congress everywhere", "Congress contests all 90 seats; AAP none.",
                 {"INC": all_seats}, "vs2019"),
        scenario("haryana", PARTNERS, "AAP's Lok Sabha leads",
                 "AAP gets the four assembly segments it led in the 2024 Lok Sabha poll (Shahbad, Pehowa, "
                 "Guhla, Kalayat); Congress every other seat.",
                 {"AAP": aap_leads, "INC": [a for a in all_seats if a not in aap_leads]}, "ls2024"),
    ]


def build_haryana(shared: Path) -> None:
    table = shipped_table()
    seats = haryana_seats(shared)
    bls = [haryana_vs2019(shared, seats, table), haryana_ls2024(shared, seats, table),
           haryana_vs2024(shared, seats, table)]
    write_dataset(RES / "haryana", id="haryana", name="Haryana Vidhan Sabha (90 seats, 2008 delimitation)",
                  state="Haryana", seats=seats, baselines=bls,
                  partners=tuple(Partner(**p) for p in PARTNERS), parties=table, default_baseline="vs2024",
                  majority=46, boundaries=haryana_boundaries(shared, seats), rules=haryana_rules(seats),
                  rules_file="rules_2024_talks.json", scenarios=haryana_presets(seats),
                  default_scenario="AAP's Lok Sabha leads", attribution=ATTRIBUTION, overwrite=True)
    (RES / "ATTRIBUTION.md").write_text(ATTRIBUTION, encoding="utf-8")


# --- Jharkhand ---------------------------------------------------------------------------------
JH_PARTNERS = [
    {"code": "JMM", "name": "Jharkhand Mukti Morcha", "colour": "#1B5E20"},
    {"code": "INC", "name": "Indian National Congress", "colour": "#2AA198"},
    {"code": "RJD", "name": "Rashtriya Janata Dal", "colour": "#7CB342"},
    {"code": "CPI(ML)L", "name": "Communist Party of India (Marxist-Leninist) (Liberation)", "colour": "#8E0000"},
]


def jharkhand_vs2019(shared: Path, seats: SeatTable, table):
    """The 2019 assembly result from the India assembly corpus (one row per candidate), NOTA
    derived from the seat's valid votes."""
    rows, valid, names = [], {}, {}
    for r in read_csv(shared / "india_assembly" / "JH.csv"):
        if r["year"] != "2019":
            continue
        ac = int(r["ac_no"])
        rows.append([ac, r["candidate"], r["party"], int(r["votes"])])
        valid[ac] = int(r["valid_votes"])
        names[ac] = r["ac_name"]
    check(sorted(valid) == seats.ac_no.tolist(), "2019: every one of the 81 seats")
    for ac in sorted(valid):
        nota = valid[ac] - sum(v for a, _, _, v in rows if a == ac)
        check(nota >= 0, f"2019 NOTA of AC {ac}")
        rows.append([ac, "None of the Above", "NOTA", nota])
    rows.sort(key=lambda r: (r[0], r[2] == "NOTA", -r[3]))
    b = read_results(csv_text(["ac_no", "candidate", "party", "votes"], rows), "JH.csv", seats, "vs2019",
                     "Vidhan Sabha 2019", table, year=2019, kind=VIDHAN_SABHA)
    b.note = "2019 assembly result per candidate (EVM + postal); NOTA derived from the valid votes."
    tally = winners(seats, b)
    check(dict(tally) == {"JMM": 30, "BJP": 25, "INC": 16, "JVM": 3, "AJSU": 2, "IND": 2, "CPI(ML)L": 1,
                          "NCP": 1, "RJD": 1}, f"Jharkhand 2019 tally {dict(tally)}")
    return b


def build_jharkhand(shared: Path) -> None:
    src = shared / "jharkhand_2024"
    table = shipped_table()
    seats = read_seat_list((src / "jharkhand_constituencies.csv").read_bytes(), "jharkhand_constituencies.csv")
    check(seats.n == 81 and int(seats.is_st.sum()) == 28 and int(seats.is_sc.sum()) == 9, "81 seats: 28 ST, 9 SC")
    path = src / "results_2024_assembly.csv"
    b = read_results(path.read_bytes(), path.name, seats, "vs2024", "Vidhan Sabha 2024", table,
                     year=2024, kind=VIDHAN_SABHA)
    b.note = "November 2024 assembly result per candidate (EVM + postal, NOTA) as ECI publishes it."
    tally = winners(seats, b)
    check(dict(tally) == {"JMM": 34, "BJP": 21, "INC": 16, "RJD": 4, "CPI(ML)L": 2, "AJSU": 1, "LJP(RV)": 1,
                          "JLKM": 1, "JD(U)": 1}, f"Jharkhand 2024 tally {dict(tally)}")
    # the INDIA bloc's split, from who fielded a candidate
    codes = [p["code"] for p in JH_PARTNERS]
    fielded = defaultdict(set)
    for ac, party in zip(b.candidates["ac_no"], b.candidates["party"]):
        if party in codes:
            fielded[int(ac)].add(party)
    split = defaultdict(list)
    fights = []
    for ac in seats.ac_no.tolist():
        f = fielded.get(ac, set())
        check(len(f) >= 1, f"an INDIA partner stood in seat {ac}")
        if len(f) == 1:
            split[next(iter(f))].append(ac)
        else:
            fights.append(ac)
    # as the shared README counts them: JMM 42, INC 28, RJD 5, CPI(ML)L 3 alone, and three fights
    check({k: len(v) for k, v in split.items()} == {"JMM": 42, "INC": 28, "RJD": 5, "CPI(ML)L": 3}
          and fights == [28, 77, 78], f"INDIA split {dict((k, len(v)) for k, v in split.items())}, fights {fights}")
    check(fielded[28] == {"JMM", "CPI(ML)L"} and fielded[77] == fielded[78] == {"INC", "RJD"}, "who fought where")
    b2019 = jharkhand_vs2019(shared, seats, table)
    assignments = dict(split)
    assignments["contested"] = fights
    # the friendly fights as the file states them (schema 2): only the partners who stood
    preset_fights = {str(ac): [c for c in codes if c in fielded[ac]] for ac in fights}
    presets = [scenario("jharkhand", JH_PARTNERS, "INDIA bloc 2024",
                        "How JMM, INC, RJD and CPI(ML)L split the 81 seats in November 2024, counted from who "
                        "fielded a candidate: JMM 42, INC 28, RJD 5, CPI(ML)L 3, with friendly fights in 28 "
                        "Dhanwar (JMM and CPI(ML)L), 77 Bishrampur and 78 Chhatarpur (INC and RJD), put in "
                        "Contested; only those two partners field candidates there.", assignments, "vs2024")
               | {"schema_version": 2, "fights": preset_fights}]
    write_dataset(RES / "jharkhand", id="jharkhand", name="Jharkhand Vidhan Sabha (81 seats)", state="Jharkhand",
                  seats=seats, baselines=[b2019, b], partners=tuple(Partner(**p) for p in JH_PARTNERS), parties=table,
                  default_baseline="vs2024", majority=41, scenarios=presets, default_scenario="INDIA bloc 2024",
                  attribution=JH_ATTRIBUTION, overwrite=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--check", action="store_true",
                    help="rebuild into a temporary folder and fail if resources/ differs")
    args = ap.parse_args(argv)
    if args.check:
        return check_committed(args.shared)
    build_haryana(args.shared)
    build_jharkhand(args.shared)
    print(f"build_dataset: wrote {RES}/haryana (90 seats, 3 baselines, boundaries, rules, 3 presets) "
          f"and {RES}/jharkhand (81 seats, 2 baselines, 1 preset)")
    return 0


def check_committed(shared: Path) -> int:
    """The committed data sets must be exactly what this script builds from shared/."""
    import filecmp
    import tempfile
    global RES
    committed = RES
    diff = []
    with tempfile.TemporaryDirectory() as tmp:
        RES = Path(tmp) / "resources"
        RES.mkdir()
        main(["--shared", str(shared)])
        for f in sorted(RES.rglob("*")):
            if f.is_file():
                rel = f.relative_to(RES)
                if not (committed / rel).exists() or not filecmp.cmp(f, committed / rel, shallow=False):
                    diff.append(str(rel))
        for ds in ("haryana", "jharkhand"):
            for f in sorted((committed / ds).rglob("*")):
                if f.is_file() and not (RES / f.relative_to(committed)).exists():
                    diff.append(f"{f.relative_to(committed)} (not built)")
        RES = committed
    if diff:
        print(f"build_dataset --check: resources/ differs from a fresh build: {', '.join(diff)}")
        return 1
    print("build_dataset --check: resources/ is what the script builds from shared/data")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
