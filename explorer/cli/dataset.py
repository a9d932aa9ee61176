"""``python -m explorer dataset build|check``: build a data set folder from published files, or check one."""
from __future__ import annotations

import json
import re

from ..core import dataset_io
from ..core.errors import DataError
from .common import Parser, UsageError, load_dataset


def register(sub) -> None:
    d = sub.add_parser("dataset", help="build or check a data set folder",
                       description="Data sets: a folder with dataset.json, seats, baselines and parties.")
    dsub = d.add_subparsers(dest="dataset_command", parser_class=Parser)
    b = dsub.add_parser("build", help="build a data set from a seat list and results files as published",
                        description="Build a data set folder from a seat list (ac_no, name, district, pc, "
                                    "reserved) and one or more results files in the shapes ECI publishes. "
                                    "Nothing is written when a file has a problem.")
    b.add_argument("--name", required=True, help="the data set's name, e.g. 'Jharkhand Vidhan Sabha'")
    b.add_argument("--seats", metavar="SEATS.csv", help="the seat list (optional with --lokdhaba: the newest "
                                                        "election's seats)")
    b.add_argument("--results", action="append", default=[], metavar="ID=RESULTS.csv",
                   help="a baseline: its id (e.g. vs2024, ls2024) and results file; repeat for more")
    b.add_argument("--year", action="append", default=[], metavar="ID=YEAR",
                   help="a baseline's election year when its id has none (else read from the file's Year column)")
    b.add_argument("--lokdhaba", metavar="FILE.csv",
                   help="a Lok Dhaba (TCPD) file: every general election in it becomes a baseline")
    b.add_argument("--lineage", metavar="LINEAGE.csv",
                   help="the party lineage across the data set's elections (kind,code,to,share,state,year,ac_no,"
                        "source), kept in the data set: added to the shipped resources/lineage.csv, its rows "
                        "overriding the shipped ones of the same event (a spelling; a party's rename, merger or "
                        "split in a year)")
    b.add_argument("--by-elections", action="store_true",
                   help="with --lokdhaba: also a baseline per general election updated by its by-elections")
    b.add_argument("--label", action="append", default=[], metavar="ID=LABEL",
                   help="a baseline's label (default from its id, e.g. 'Vidhan Sabha 2024')")
    b.add_argument("--boundaries", metavar="FILE.geojson", help="constituency boundaries keyed by ac_no")
    b.add_argument("--partners", metavar="P1,P2,...",
                   help="the default alliance (codes or ECI names; default: the two largest parties)")
    b.add_argument("--id", dest="dataset_id", help="the data set's id (default: from --state or --name)")
    b.add_argument("--state", default="", help="the state, e.g. Jharkhand")
    b.add_argument("--majority", type=int, help="seats needed for a majority (default: more than half)")
    b.add_argument("--force", action="store_true", help="replace DIR if it exists")
    b.add_argument("-o", "--output", required=True, metavar="DIR", help="the data set folder to write")
    c = dsub.add_parser("check", help="validate a data set folder and print its seats and winners")
    c.add_argument("folder", metavar="DIR", help="data set folder, or an embedded id (haryana, jharkhand)")
    c.add_argument("--json", action="store_true", help="print one JSON object")
    d.set_defaults(_run=run_dataset)


def run_dataset(args) -> int:
    if args.dataset_command == "build":
        try:
            results = [dataset_io.parse_results_spec(r) for r in args.results]
            labels = {}
            for spec in args.label:
                k, eq, v = spec.partition("=")
                if not eq or not v.strip():
                    raise ValueError(f"--label {spec}: expected ID=LABEL")
                labels[k.strip()] = v.strip()
            years = {}
            for spec in args.year:
                k, eq, v = spec.partition("=")
                if not eq or not re.fullmatch(r"(19|20)\d\d", v.strip()):
                    raise ValueError(f"--year {spec}: expected ID=YEAR, e.g. vs=2019")
                years[k.strip()] = int(v)
            if not results and not args.lokdhaba:
                raise ValueError("name the results: --results ID=RESULTS.csv (repeatable) or --lokdhaba FILE")
            notes: list[str] = []
            ds = dataset_io.build_dataset(args.output, name=args.name, seats_file=args.seats, results=results,
                                          boundaries_file=args.boundaries, partners=args.partners, labels=labels,
                                          dataset_id=args.dataset_id, state=args.state, majority=args.majority,
                                          overwrite=args.force, years=years, lokdhaba=args.lokdhaba,
                                          by_elections=args.by_elections, report=notes,
                                          lineage_file=args.lineage)
        except ValueError as e:
            if isinstance(e, DataError):
                raise
            raise UsageError(str(e)) from None
        except FileExistsError as e:
            raise UsageError(f"{e}; give --force to replace it") from None
        except OSError as e:
            raise UsageError(f"cannot write {e.filename or args.output}: {e.strerror or e}") from None
        print(f"wrote {args.output}")
        for n in notes:
            print(f"  {n}")
        for b in ds.baselines.values():
            if "(read as " in b.note:  # a results file not in plain UTF-8: how it was read
                print(f"{b.id}: {b.note}")
        print(dataset_io.check_text(dataset_io.check_report(ds)))
        return 0
    if args.dataset_command == "check":
        ds = load_dataset(args.folder)
        from ..core.dataset_check import check_dataset
        check_dataset(ds)  # the rules, presets and boundaries too, now: a bad one is refused here
        rep = dataset_io.check_report(ds)
        print(json.dumps(rep, ensure_ascii=False) if args.json else dataset_io.check_text(rep))
        return 0
    raise UsageError("dataset: say build or check (python -m explorer dataset --help)")
