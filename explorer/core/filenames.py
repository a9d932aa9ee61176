"""File names and paths that mean the same on Windows, macOS and Linux.

The rules are Windows' (the strictest) everywhere, so a data set folder made on Linux opens on
a Windows laptop and one made there opens here:

- a data set's manifest names its files relative to its folder, with "/" or "\\" between
  folders (Explorer users type backslashes); never absolute ("/x", "\\x", "C:\\x", "C:x",
  "\\\\server\\share\\x"), never "..", no control characters, none of ``<>:"|?*``, no part
  that Windows reserves (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, with any extension, in
  any case) or that ends in a dot or a space (Windows drops those), at most 200 characters;
- a name the app makes from user text (a preset scenario's file) never is one of those;
- two paths name the same file when their real paths agree, letter case aside on Windows.
"""
from __future__ import annotations

import os
import re

MAX_RELATIVE = 200
_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9\u00b9\u00b2\u00b3]|LPT[0-9\u00b9\u00b2\u00b3])(\..*)?", re.I)
_FORBIDDEN = set('<>:"|?*')


def reserved_on_windows(part: str) -> bool:
    """A file or folder name Windows refuses or maps to a device ("con", "NUL.csv", "com1.txt")."""
    return bool(_RESERVED.fullmatch(part.rstrip(". ")))


def relative_file(rel: object) -> str | None:
    """``rel`` as a "/"-separated path inside a folder, or None when it is not one (see the
    module's rules)."""
    if not isinstance(rel, str) or not rel or len(rel) > MAX_RELATIVE:
        return None
    if any(ord(c) < 32 or c in _FORBIDDEN for c in rel):
        return None  # also "C:" (a drive) and "\\?\" (a Win32 device path)
    rel = rel.replace("\\", "/")
    if rel.startswith("/"):
        return None  # "/x", "\x" and UNC "\\server\share"
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." or p != p.rstrip(". ") or reserved_on_windows(p) for p in parts):
        return None
    return "/".join(parts)


def safe_stem(stem: str, fallback: str = "file") -> str:
    """``stem`` made a name every system takes: forbidden and control characters become "_",
    trailing dots and spaces go, a reserved name gets "_" ("con" -> "con_")."""
    s = "".join("_" if ord(c) < 32 or c in _FORBIDDEN or c in "/\\" else c for c in stem).rstrip(". ")
    if not s:
        return fallback
    return s + "_" if reserved_on_windows(s) else s


def path_key(path: str | os.PathLike, pathmod=os.path) -> str:
    """What two paths of one file have in common: the real path, its case folded where the file
    system ignores case (Windows). ``pathmod`` is ntpath or posixpath for the tests."""
    return pathmod.normcase(pathmod.realpath(os.fspath(path)))
