"""Build resources/lineage.csv: the party lineage table across India's assembly elections.

    python tools/build_lineage.py [--corpus ../shared/data/india_assembly] [--check]

From two inputs, both in the repository or the shared data:
- the corpus (one CSV per state): every party spelling it writes that the shipped party table
  (resources/parties.csv) knows under another code becomes a ``spelling`` row (e.g. AAAP -> AAP,
  JNJP -> JJP, "AJSU PARTY" -> AJSU), its source the party table;
- a hand table (tools/data/lineage_hand.csv) of renames, splits, mergers and spellings the party
  table lacks, each with a public source. A split's heirs' shares written ``counted`` are counted
  from the corpus: each heir's votes in the state's first election after the split, over the
  heirs' votes together (the source says so).
``--check`` rebuilds into memory and fails when resources/lineage.csv differs."""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.core.corpus import read_corpus  # noqa: E402
from explorer.core.lineage import COLUMNS, read_lineage  # noqa: E402
from explorer.core.parties import IND, NOTA, is_nota, shipped_table  # noqa: E402

HAND = ROOT / "tools" / "data" / "lineage_hand.csv"
OUT = ROOT / "resources" / "lineage.csv"
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "india_assembly"


def build(corpus_dir: Path) -> str:
    corpus = read_corpus(corpus_dir)
    hand = list(csv.DictReader(io.StringIO(HAND.read_text(encoding="utf-8"), newline="")))
    renamed = {r["code"] for r in hand if r["kind"] in ("rename", "spelling")}
    table = shipped_table()
    rows: list[dict] = []
    seen: dict[str, set[str]] = {}
    for state in corpus.states:
        for e in corpus.elections[state]:
            for p in set(e.party):
                if is_nota(p) or p in renamed:
                    continue
                code = table.lookup(p)
                if code is not None and code != p and code not in (IND, NOTA):
                    seen.setdefault((p, code), set()).add(f"{state} {e.year}")
    for (p, code), where in sorted(seen.items()):
        rows.append({"kind": "spelling", "code": p, "to": code, "source":
                     f"resources/parties.csv (written {p!r} in {', '.join(sorted(where))})"})
    votes = {}
    for r in hand:
        r = {c: r.get(c, "") for c in COLUMNS}
        if r["kind"] == "split" and r["share"] == "counted":
            heirs = [h["to"] for h in hand if h["kind"] == "split" and h["code"] == r["code"]
                     and h["state"] == r["state"] and h["year"] == r["year"]]
            key = (r["code"], r["state"], r["year"])
            if key not in votes:
                votes[key] = _heir_votes(corpus, r["state"], int(r["year"]), heirs)
            v = votes[key]
            total = sum(v.values())
            last = heirs[-1]
            shares = {h: round(v[h] / total, 4) for h in heirs[:-1]}
            shares[last] = round(1.0 - sum(shares.values()), 4)
            r["share"] = f"{shares[r['to']]:.4f}"
        rows.append(r)
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({c: r.get(c, "") for c in COLUMNS})
    text = out.getvalue()
    read_lineage(text.encode(), "lineage.csv")  # the app's own reader accepts it
    return text


def _heir_votes(corpus, state: str, year: int, heirs: list[str]) -> dict[str, float]:
    after = [e for e in corpus.elections[state] if e.year > year]
    if not after:
        sys.exit(f"build_lineage: no {state} election after {year} to count the heirs' shares from")
    e = after[0]
    table = shipped_table()
    v = {h: 0.0 for h in heirs}
    for p, x in zip(e.party, e.votes):
        code = table.lookup(p) or p
        if code in v:
            v[code] += float(x)
    if min(v.values()) <= 0:
        sys.exit(f"build_lineage: {state} {e.year} has no votes for one of {heirs}")
    return v


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--check", action="store_true", help="fail when resources/lineage.csv differs")
    args = ap.parse_args()
    text = build(args.corpus)
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print("build_lineage: resources/lineage.csv differs from what the corpus and hand table give")
            return 1
        print("build_lineage: resources/lineage.csv reproduces")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"build_lineage: wrote {OUT.relative_to(ROOT)} ({text.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
