"""Build resources/parties.csv: the app's party table, which is also ECI's register of parties.

    python tools/build_party_register.py [--data ../shared/data] [--check]

One table, from three inputs, each row saying where it comes from (the ``source`` column):
- tools/data/parties_hand.csv: the parties the app shows with a colour chosen for them (code,
  name, colour, aliases);
- tools/data/party_register.csv: parties with ECI's own abbreviation and spelling from public
  lists (ECI's party-wise results, news and encyclopaedia pages: the URL in ``source``); a row
  whose party the hand table has under another code (``same_as``, or a code or name the hand
  table already knows) adds ECI's code and spelling to that party's spellings: HAMS and HAM are
  HAM(S), SHSUBT and "Shiv Sena (Uddhav Balasaheb Thackrey)" are SS(UBT), AAAP is AAP;
- ECI's own files (the corpus ``india_assembly/<STATE>.csv``, and ``haryana_2024_assembly.csv``
  and ``jharkhand_2024/results_2024_assembly.csv`` beside the same elections in the corpus):
  where one file writes a party's abbreviation and another its full name for the same candidate
  in the same seat (consecutive elections of a state, or two files of one election), that is
  ECI's own name and code of the party. A pair is taken only when neither the code nor the name
  is known already, the code's letters are the name's in order (first letter first), the name
  has two words or more, and neither the code nor the name is paired with another.
Rows with a colour are shown; rows without one are registered parties, shown (with a colour of
their own) once a results file names them. ``--check`` rebuilds into memory and fails when
resources/parties.csv differs. BR, MH and UP are not in the corpus (held out) and are not read."""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.core.parties import IND, NOTA, PartyTable, key, valid_code  # noqa: E402

HAND = ROOT / "tools" / "data" / "parties_hand.csv"
REGISTER = ROOT / "tools" / "data" / "party_register.csv"
OUT = ROOT / "resources" / "parties.csv"
DEFAULT_DATA = ROOT.parent / "shared" / "data"
HAND_SOURCE = "tools/data/parties_hand.csv (the app's colours)"
# two files of one election: (corpus state, year, the other file, its seat-number column)
SAME_ELECTION = (("HR", 2024, "haryana_2024_assembly.csv", "ac_no"),
                 ("JH", 2024, "jharkhand_2024/results_2024_assembly.csv", "constituency_no"))


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _person(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.casefold())


def _is_code(p: str) -> bool:
    return " " not in p.strip() and valid_code(p.strip()) and p.strip() not in (IND, NOTA)


def _is_name(p: str) -> bool:
    return len([w for w in re.findall(r"[A-Za-z]+", p) if len(w) >= 3]) >= 2


def _abbreviates(code: str, name: str) -> bool:
    """The code's letters are the name's, in order, starting with its first letter."""
    c, n = re.sub(r"[^a-z]", "", code.casefold()), re.sub(r"[^a-z]", "", name.casefold())
    if not c or not n or c[0] != n[0]:
        return False
    it = iter(n)
    return all(ch in it for ch in c)


def corpus_pairs(data: Path) -> dict[tuple[str, str], list[str]]:
    """(code, name) -> where ECI's files pair them: one file writes the code and another the
    name for the same candidate in the same seat. A name of 10 characters or fewer is left out:
    some files cut every name at 10 ("JANATA CON")."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)

    def pair(a: dict, b: dict, where_a: str, where_b: str, label: str) -> None:
        for k, pa in a.items():
            pb = b.get(k)
            if pb is None or pa == pb:
                continue
            for code, name, wc, wn in ((pa, pb, where_a, where_b), (pb, pa, where_b, where_a)):
                name = " ".join(name.split()).strip(" ,;")
                if _is_code(code) and len(name) > 10 and _is_name(name) and _abbreviates(code, name):
                    found[(code.strip(), name)].append(f"{label}: {code.strip()!r} in {wc}, {name!r} in {wn}")

    corpus = data / "india_assembly"
    for f in sorted(corpus.glob("[A-Z][A-Z].csv")):
        st = f.stem
        by_year: dict[int, dict] = defaultdict(dict)
        for r in _rows(f):
            if r["ac_no"].strip() and r["party"].strip():
                by_year[int(r["year"])][(int(r["ac_no"]), _person(r["candidate"]))] = r["party"]
        years = sorted(by_year)
        for y1, y2 in zip(years, years[1:]):
            pair(by_year[y1], by_year[y2], f"{y1}", f"{y2}", f"india_assembly/{st}.csv, same candidate and seat")
        for s, y, other, col in SAME_ELECTION:
            if s != st or not (data / other).exists():
                continue
            b = {(int(r[col]), _person(r["candidate"])): r["party"] for r in _rows(data / other) if r[col].strip()}
            pair(by_year.get(y, {}), b, f"india_assembly/{st}.csv", other, f"{st} {y}, same candidate and seat")
    return found


def build(data: Path) -> str:
    hand_text = HAND.read_text(encoding="utf-8")
    hand = PartyTable.from_csv(hand_text, "tools/data/parties_hand.csv")
    order = [p.code for p in hand]
    aliases = {c: hand.spellings(c) for c in order}
    sources = {c: [HAND_SOURCE] for c in order}
    reg: dict[str, dict] = {}   # registered parties the hand table lacks, by ECI code
    reg_key: dict[str, str] = {}

    def known(text: str) -> str | None:
        return hand.lookup(text) or reg_key.get(key(text))

    def add_spelling(code: str, spelling: str) -> None:
        if key(spelling) and hand.lookup(spelling) is None and spelling not in aliases[code]:
            aliases[code].append(spelling)

    def new_entry(code: str, name: str, spellings: list[str], source: str) -> None:
        if code in reg or hand.lookup(code) is not None:
            sys.exit(f"build_party_register: {code} is registered twice")
        reg[code] = {"name": name, "spellings": list(spellings), "source": source}
        for a in (code, name, *spellings):
            reg_key.setdefault(key(a), code)

    for ln, r in enumerate(_rows(REGISTER), start=2):
        code, name, same = r["code"].strip(), r["name"].strip(), r["same_as"].strip()
        spellings = [s.strip() for s in r["spellings"].split("|") if s.strip()]
        by_code, by_name = hand.lookup(code), hand.lookup(name)
        target = same or by_code or by_name
        for got in (by_code, by_name):
            if got is not None and got != target:
                sys.exit(f"party_register.csv line {ln}: {code} / {name!r} is {got} in the hand table, not {target}")
        if target:
            if target not in aliases:
                sys.exit(f"party_register.csv line {ln}: same_as {target} is not in the hand table")
            for s in (code, name, *spellings):
                add_spelling(target, s)
            if r["source"] not in sources[target]:
                sources[target].append(r["source"])
        else:
            new_entry(code, name, spellings, r["source"])

    pairs = corpus_pairs(data)
    codes_of: dict[str, set[str]] = defaultdict(set)
    names_of: dict[str, set[str]] = defaultdict(set)
    for code, name in pairs:
        codes_of[key(name)].add(code)
        names_of[code].add(key(name))
    by_code: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for (code, name), where in pairs.items():
        by_code[code][name] = where
    for code in sorted(by_code):
        names = by_code[code]
        if known(code) or any(known(n) or len(codes_of[key(n)]) > 1 for n in names) or len(names_of[code]) > 1:
            continue
        # the names differ in case only: the one written in mixed case is the name, the others spellings
        name = min(names, key=lambda n: (n == n.upper(), n))
        counted: dict[str, int] = {}
        for n in sorted(names, key=lambda n: n != name):
            for x in names[n]:
                counted[x] = counted.get(x, 0) + 1
        said = [x + (f" ({n} candidates)" if n > 1 else "") for x, n in counted.items()]
        more = f"; {len(said) - 2} more" if len(said) > 2 else ""
        new_entry(code, name, sorted(n for n in names if n != name), "ECI's files: " + "; ".join(said[:2]) + more)

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["code", "name", "colour", "aliases", "source"])
    for c in order:
        p = hand.get(c)
        w.writerow([c, p.name, p.colour, "|".join(aliases[c]), "; ".join(sources[c])])
    for c in sorted(reg, key=lambda c: (c.casefold(), c)):
        e = reg[c]
        w.writerow([c, e["name"], "", "|".join(e["spellings"]), e["source"]])
    text = out.getvalue()
    PartyTable.from_csv(text, "parties.csv")  # the app's own reader accepts it
    return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (india_assembly/ in it)")
    ap.add_argument("--check", action="store_true", help="fail when resources/parties.csv differs")
    args = ap.parse_args()
    text = build(args.data)
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print("build_party_register: resources/parties.csv differs from what the hand table, the register "
                  "and ECI's files give")
            return 1
        print("build_party_register: resources/parties.csv reproduces")
        return 0
    OUT.write_text(text, encoding="utf-8")
    t = PartyTable.from_csv(text, "parties.csv")
    print(f"build_party_register: wrote {OUT.relative_to(ROOT)} ({sum(1 for _ in t)} parties with a colour, "
          f"{len(t.register_entries())} registered without one)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
