"""Fit the seat model on India's assembly elections and ship its sizes (resources/seat_model.json).

    python tools/fit_seat_model.py [--corpus ../shared/data/india_assembly] [--compare] [--check]
                                   [--draws 2000]

Builds every transition of the corpus (tools/build_fitting_data.py writes them out as CSV),
scores each form of core/seat_model_fit.FORMS by leave-one-state-out cross-validation when
``--compare`` (or, with a perfect poll, ``--compare-poll``) is given (a markdown table for README),
fits the chosen forms on every transition — one without a poll, one that turns a poll into seats —
and writes their sizes with their leave-one-state-out figures (coverage of the 50 % and 80 %
intervals; with a perfect poll for the poll form). ``--check`` recomputes everything and
fails when resources/seat_model.json differs (CI runs it)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.core.corpus_backtest import DEFAULT_SEED, leave_one_state_out, perfect_poll_check  # noqa: E402
from explorer.core.seat_model_fit import FORMS, fit_sizes  # noqa: E402
from explorer.core.seat_transitions import load_transitions  # noqa: E402

OUT = ROOT / "resources" / "seat_model.json"
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "india_assembly"
# without a poll (--compare): among the forms whose 80 % and 50 % intervals hold the truth in 70-90 %
# and 40-60 % of bloc-transitions at two seeds (2024 and 7), the lowest log loss, forms within 0.005
# of it (the draws' own noise) taken as tied and told apart by the calibration of the 50 % and 80 %
# intervals (fourth round: the region's lead kept, the local parts x 1.5 — x 1.75 scores 0.627
# against 0.631, tied, its intervals less calibrated; x 2 holds 38 % in its 50 % intervals); sixth
# round: the re-elected incumbent's centre — every score better at seeds 2024, 7 and 11 (log loss
# 0.629 against 0.631, below a coin flip 52 against 48 of 66, the draw-free deterministic log loss
# 3.12 against 3.18), both intervals inside their targets
# (seventh round: the re-elected centre by the earlier seats, spreads of their own for the incumbent,
# the re-elected and the runner-up, every incumbent's centre beside the re-elected one — none better
# at the three seeds, nothing kept); tenth round: the leads kept by their size (a margin-dependent centre,
# least squares) — every score better at seeds 2024, 7 and 11 (log loss 0.628 against 0.629, 0.630, 0.629,
# Brier 0.216-0.217, the winner's log loss 1.136 against 1.137-1.138, the draw-free deterministic log loss
# 3.10 against 3.13, below a coin flip 52, 52, 51 against 52, 51, 51), both intervals inside their targets;
# the seat noise by the seat's margin or field, fitted, adds nothing, set (x -3, -1.5, 1.5) scores worse
CHOSEN = ("proportional, all parts, spread by size, t tails, centre by least squares, seat noise by ML and votes, "
          "region's lead kept, local parts x 1.5, re-elected incumbent's centre, leads kept by their size")
# with a perfect poll (--compare-poll): the lowest log loss, at two seeds (2024 and 7); in the fifth
# round a part kept only where it raises the two largest blocs' count within 10 % of the seats at
# three seeds (2024, 7, 11) with the 80 % intervals inside 70-90 %: the new contenders' uneven seats;
# in the eighth round, by the same rule: the seat noise by the poll's gap between the two largest x 4
# (within 10 % in 50, 50 and 51 of 66 against 46, 45 and 46; x 3 holds 156 of 172 at seed 7, 91 %)
POLL_CHOSEN = ("uniform, all parts, seat noise by ML and votes, leads kept by size and their size, region's lead kept, "
               "new contenders' seats uneven, seat noise by the poll's gap x 4")


def figures(r: dict) -> dict:
    return {k: r[k] for k in ("bloc_transitions", "covered50", "covered80", "coverage50", "coverage80",
                              "median_width80", "log_loss_below_coin", "log_loss_below_last_bloc")} | \
        {"transitions": len(r["transitions"]), "mean": r["mean"]}


def _forms(only: list[str] | None) -> dict:
    return {n: kw for n, kw in FORMS.items() if not only or any(o in n for o in only)}


def compare(ts, draws: int, only: list[str] | None = None, seed: int = DEFAULT_SEED) -> str:
    lines = ["| form | 80 % held | 50 % held | median 80 % width | log loss P(bloc wins) | Brier P(bloc wins) | "
             "log loss < coin flip | log loss of the winner's P | deterministic log loss / Brier |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, kw in _forms(only).items():
        r = leave_one_state_out(ts, fit=lambda tr, kw=kw: fit_sizes(tr, **kw)[0], draws=draws, today=False,
                                seed=seed)
        m = r["mean"]
        lines.append(f"| {name} | {r['covered80']}/{r['bloc_transitions']} ({r['coverage80']:.0%}) | "
                     f"{r['covered50']}/{r['bloc_transitions']} ({r['coverage50']:.0%}) | {r['median_width80']:.0%} | "
                     f"{m['log_loss']:.3f} | {m['brier']:.3f} | {r['log_loss_below_coin']}/{len(r['transitions'])} | "
                     f"{m['log_loss_winner']:.3f} | "
                     f"{m['log_loss_deterministic']:.2f} / {m['brier_deterministic']:.3f} |")
        print(lines[-1], flush=True)
    return "\n".join(lines)


def compare_poll(ts, draws: int, only: list[str] | None = None, seed: int = DEFAULT_SEED) -> str:
    lines = ["| form | two largest within 10 % of the seats | 80 % held | 50 % held | median 80 % width | "
             "log loss P(bloc wins) | below a coin flip |", "|---|---|---|---|---|---|---|"]
    for name, kw in _forms(only).items():
        r = leave_one_state_out(ts, fit=lambda tr, kw=kw: fit_sizes(tr, **kw)[0], draws=draws, today=False,
                                perfect_poll=True, seed=seed)
        pc = perfect_poll_check(r["transitions"])
        lines.append(f"| {name} | {pc['within']}/{pc['of']} | {r['covered80']}/{r['bloc_transitions']} "
                     f"({r['coverage80']:.0%}) | {r['covered50']}/{r['bloc_transitions']} ({r['coverage50']:.0%}) | "
                     f"{r['median_width80']:.0%} | {r['mean']['log_loss']:.3f} | {r['log_loss_below_coin']}/"
                     f"{len(r['transitions'])} |")
        print(lines[-1], flush=True)
    return "\n".join(lines)


def build(corpus: Path, draws: int) -> dict:
    ts = load_transitions(corpus)
    kw = FORMS[CHOSEN]
    sizes, report = fit_sizes(ts, **kw)
    loso = leave_one_state_out(ts, fit=lambda tr: fit_sizes(tr, **kw)[0], draws=draws, today=False)
    pkw = FORMS[POLL_CHOSEN]
    poll_sizes, _ = fit_sizes(ts, **pkw)
    poll = leave_one_state_out(ts, fit=lambda tr: fit_sizes(tr, **pkw)[0], draws=draws, today=False,
                               perfect_poll=True)
    pp = perfect_poll_check(poll["transitions"])
    return {"about": "The seat model's sizes, fitted by tools/fit_seat_model.py on every transition of "
                     "../shared/data/india_assembly (ElectionLens/ElectionLens @ 18f7cdaa, ECI results; "
                     "BR, MH, UP held out), with the form's leave-one-state-out figures.",
            "form": CHOSEN, "options": kw, "sizes": sizes.to_json(), "fit": report,
            "poll_form": POLL_CHOSEN, "poll_options": pkw, "poll_sizes": poll_sizes.to_json(),
            "states": sorted({t.state for t in ts}), "draws": draws, "seed": loso["seed"],
            "backtest": figures(loso), "perfect_poll": figures(poll) | {"within_10pct": pp["within"],
                                                                         "failures": pp["failures"]}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--draws", type=int, default=2000)
    ap.add_argument("--compare", action="store_true", help="score every form (slow) and print the table")
    ap.add_argument("--compare-poll", action="store_true",
                    help="score every form with a perfect poll (slow) and print the table")
    ap.add_argument("--only", action="append", metavar="TEXT",
                    help="with --compare/--compare-poll: only the forms whose name contains TEXT (repeatable)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED,
                    help="with --compare/--compare-poll: the draws' seed (the 'within 10 %%' count moves with it)")
    ap.add_argument("--check", action="store_true", help="fail when resources/seat_model.json differs")
    ap.add_argument("--lineage", type=Path, metavar="CSV",
                    help="with --compare/--compare-poll: this lineage table instead of resources/lineage.csv "
                         "(the ninth round: the shipped table with breakaways as splits)")
    args = ap.parse_args()
    if args.compare:
        print(compare(load_transitions(args.corpus, lineage_path=args.lineage), args.draws, args.only, args.seed))
        return 0
    if args.compare_poll:
        print(compare_poll(load_transitions(args.corpus, lineage_path=args.lineage), args.draws, args.only,
                           args.seed))
        return 0
    data = build(args.corpus, args.draws)
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print("fit_seat_model: resources/seat_model.json differs from what the corpus gives")
            return 1
        print("fit_seat_model: resources/seat_model.json reproduces")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"fit_seat_model: wrote {OUT.relative_to(ROOT)}: 80 % held {data['backtest']['covered80']} of "
          f"{data['backtest']['bloc_transitions']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
