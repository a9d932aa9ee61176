"""Copy the README's "Using it" section into explorer/gui/getting_started.py, which
Help ▸ Getting started shows (offline, in a packaged app too). Run after editing that section:
    python tools/make_getting_started.py
tests/test_help.py fails while the two differ."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def using_it(readme: str) -> str:
    start = readme.index("\n## Using it\n") + 1
    end = readme.find("\n## ", start + 1)
    return readme[start:end if end > 0 else None].strip() + "\n"


def main() -> None:
    text = using_it((ROOT / "README.md").read_text(encoding="utf-8"))
    out = ROOT / "explorer" / "gui" / "getting_started.py"
    out.write_text('"""The README\'s "Using it" section, for Help ▸ Getting started (made by '
                   'tools/make_getting_started.py; do not edit here)."""\n\nTEXT = ' + repr(text) + "\n",
                   encoding="utf-8")
    print(f"wrote {out} ({len(text)} characters)")


if __name__ == "__main__":
    main()
