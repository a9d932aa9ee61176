"""Rewrite PySide6 short enum names (Qt.AlignRight) to their qualified form
(Qt.AlignmentFlag.AlignRight): the short form goes through PySide6's slow forgiveness lookup
(~4 us a use, and models' data() use them per cell and role).

    python tools/qualify_enums.py FILE...          rewrite in place
    python tools/qualify_enums.py --check FILE...  list the short forms, exit 1 if any"""
import enum
import re
import sys
from pathlib import Path
import PySide6.QtCore as C
import PySide6.QtGui as G
import PySide6.QtWidgets as W

mods = [C, G, W]
pat = re.compile(r"\b(Qt|Q[A-Z]\w*)\.([A-Za-z_]\w*)\b(?!\s*\()")
cache = {}
def qualify(cls_name, name):
    key = (cls_name, name)
    if key in cache: return cache[key]
    out = None
    cls = next((getattr(m, cls_name) for m in mods if hasattr(m, cls_name)), None)
    if cls is not None:
        for k, v in vars(cls).items():
            if isinstance(v, type) and issubclass(v, enum.Enum) and name in v.__members__:
                out = f"{cls_name}.{k}.{name}"; break
    cache[key] = out
    return out


def short_forms(text: str) -> list[tuple[str, str]]:
    return [(m.group(0), q) for m in pat.finditer(text) if (q := qualify(m.group(1), m.group(2)))]


def main(argv: list[str]) -> int:
    check = "--check" in argv
    files = [a for a in argv if a != "--check"]
    found = changed = 0
    for path in files:
        p = Path(path)
        s = p.read_text(encoding="utf-8")
        if check:
            for short, q in short_forms(s):
                print(f"{path}: {short} -> {q}")
                found += 1
            continue
        t = pat.sub(lambda m: qualify(m.group(1), m.group(2)) or m.group(0), s)
        if t != s:
            p.write_text(t, encoding="utf-8")
            changed += 1
    if check:
        return 1 if found else 0
    print("files changed", changed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
