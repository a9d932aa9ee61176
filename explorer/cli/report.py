"""``python -m explorer report``: a scenario's PDF brief and its negotiation sheet."""
from __future__ import annotations

from ..core.engine import Engine
from ..core.starting import scenario_file
from .common import UsageError, dataset_args, load_dataset


def register(sub) -> None:
    r = sub.add_parser("report", help="write the PDF brief and/or the XLSX or CSV negotiation sheet",
                       description="Write a scenario's one-page PDF brief and its negotiation sheet.")
    r.add_argument("scenario", help="scenario JSON file")
    dataset_args(r)
    r.add_argument("-o", "--output", metavar="brief.pdf", help="the one-page PDF brief")
    r.add_argument("--xlsx", metavar="sheet.xlsx", help="negotiation sheet: seats, summary, assumptions, conflicts")
    r.add_argument("--csv", metavar="seats.csv", help="one row per seat")
    r.set_defaults(_run=run_report)


def run_report(args) -> int:
    if not (args.output or args.xlsx or args.csv):
        raise UsageError("report: name at least one output: -o brief.pdf, --xlsx sheet.xlsx or --csv seats.csv")
    ds = load_dataset(args.dataset)
    sc = scenario_file(ds, args.scenario)
    ev = Engine(ds).evaluate(sc)
    from ..core import brief, exports
    try:
        if args.output:
            brief.write_brief(args.output, sc, ev)
            print(f"wrote {args.output}")
        if args.xlsx:
            exports.write_xlsx(args.xlsx, sc, ev)
            print(f"wrote {args.xlsx}")
        if args.csv:
            exports.write_seat_csv(args.csv, sc, ev)
            print(f"wrote {args.csv}")
    except OSError as e:
        raise UsageError(f"cannot write {e.filename or ''}: {e.strerror or e}") from None
    return 0
