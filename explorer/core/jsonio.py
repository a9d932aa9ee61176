"""Safe reading and atomic writing of the project's JSON files.

User files are parsed with the json module only (no pickle, no eval), with limits on size
and nesting so a hostile file gives a clear error instead of exhausting memory or the stack.
Writing goes through ``atomic.atomic_write_bytes`` (re-exported here for the exports).
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
from typing import Any

from .atomic import atomic_write_bytes
from .errors import MAX_PROBLEMS, DataError, Problem, ProblemList, err  # noqa: F401

MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32
# Parsed, a JSON object costs a few hundred bytes and a key about a hundred: a 20 MB file of
# tiny objects would take 500 MB and seconds of checking. Counted before parsing; the largest
# files of this app (a 4,000-feature GeoJSON, a scenario with hundreds of rules) hold far fewer.
MAX_JSON_OBJECTS = 200_000
MAX_JSON_KEYS = 500_000


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def decode_utf8(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _line_col(data, e.start)
        raise err(name, f"not UTF-8 text (byte 0x{data[e.start]:02x})", line, col) from None
    return text.removeprefix("\ufeff")


def _check_depth(obj: Any, name: str) -> None:
    """Only containers are visited: a list of ten million numbers costs one pass of
    ``map(type, ...)`` in C, not ten million stack entries."""
    stack = [(obj, 1)]
    while stack:
        o, d = stack.pop()
        if d > MAX_DEPTH:
            raise err(name, f"nested more than {MAX_DEPTH} levels deep; not a file of this app")
        if not isinstance(o, (dict, list)):
            continue  # a document that is a bare number, text, true/false or null
        items = o.values() if isinstance(o, dict) else o
        kinds = set(map(type, items))
        if dict in kinds or list in kinds:
            if kinds == {list}:  # e.g. a ring of points: lists of numbers, checked in one pass
                inner = set(map(type, itertools.chain.from_iterable(items)))
                if dict not in inner and list not in inner:
                    if d + 1 > MAX_DEPTH:
                        raise err(name, f"nested more than {MAX_DEPTH} levels deep; not a file of this app")
                    continue
            stack.extend((v, d + 1) for v in items if type(v) is dict or type(v) is list)


def _check_structure(raw: bytes, name: str) -> None:
    """Refuse a file with more than MAX_JSON_OBJECTS objects or MAX_JSON_KEYS keys before
    parsing it, counting '{' and ':' at C speed. The count includes any inside strings, so it
    is an upper bound; no file of this app comes near either bound (nor its text that many)."""
    objects, keys = raw.count(b"{"), raw.count(b":")
    if objects > MAX_JSON_OBJECTS:
        raise err(name, f"has {objects:,} '{{': more than the {MAX_JSON_OBJECTS:,} JSON objects a file of this "
                        "app may hold")
    if keys > MAX_JSON_KEYS:
        raise err(name, f"has {keys:,} ':': more than the {MAX_JSON_KEYS:,} JSON keys a file of this app may hold")


def loads(data: bytes | str, name: str, max_bytes: int = MAX_JSON_BYTES) -> Any:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > max_bytes:
        raise err(name, f"file is {len(raw) / 1e6:.1f} MB; the limit is {max_bytes // 10**6} MB")
    if not raw.strip():
        raise err(name, "file is empty")
    _check_structure(raw, name)
    text = decode_utf8(raw, name)
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        raise err(name, f"not valid JSON: {e.msg}", e.lineno, e.colno) from None
    except RecursionError:
        raise err(name, "nested too deeply; not a file of this app") from None
    except ValueError as e:  # NaN/Infinity, or an integer too long to parse
        raise err(name, f"not valid JSON: {e}") from None
    _check_depth(obj, name)
    return obj


def _reject_constant(token: str):
    raise ValueError(f"{token} is not a number this app accepts")


def read_json(path: str | os.PathLike, max_bytes: int = MAX_JSON_BYTES) -> Any:
    return read_json_digest(path, max_bytes)[0]


def read_json_digest(path: str | os.PathLike, max_bytes: int = MAX_JSON_BYTES) -> tuple[Any, str]:
    """The parsed file and the SHA-256 of the very bytes parsed (a save compares it with the
    file on disk later: core.on_disk)."""
    from .bounded_read import read_bounded
    raw = read_bounded(path, max_bytes, str(path))
    return loads(raw, str(path), max_bytes), hashlib.sha256(raw).hexdigest()


def write_json(path: str | os.PathLike, obj: Any, private: bool = False) -> str:
    """Atomically (see atomic.py); ``private`` for autosaves: 0600 whatever the umask. Returns
    the SHA-256 of the bytes written (what the file holds until someone else writes it)."""
    data = (json.dumps(obj, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    atomic_write_bytes(path, data, private)
    return hashlib.sha256(data).hexdigest()


class JsonReader:
    """Walks a parsed JSON document and records problems with their JSON path, so a file's
    errors are reported all at once (e.g. ``rules[2].seats[1]: unknown seat 95``)."""

    def __init__(self, name: str):
        self.name = name
        self.problems = ProblemList()  # the first MAX_PROBLEMS kept; len() counts them all

    def problem(self, path: str, message: str) -> None:
        if self.problems.full:
            self.problems.omitted += 1  # counted, not kept
        else:
            self.problems.add(Problem(self.name, None, path or None, message))

    @property
    def full(self) -> bool:
        """True once MAX_PROBLEMS are kept: a reader may then only count further problems."""
        return self.problems.full

    def count_seat_problems(self, items: list, start: int, known: frozenset, taken=(),
                            repeats_ok: bool = False) -> set[int]:
        """For a ``full`` reader: count the problems in ``items[start:]``, a list of seat
        numbers, in a few passes at C speed (a 20 MB file can hold ten million of them; one
        Python step each would take seconds). A problem is anything but a whole number in
        ``known`` that is not in ``taken``, and, unless ``repeats_ok``, a repeat. Returns the
        good seats found (nothing is loaded from a file with problems; they let a reader
        judge later lists the same way)."""
        rest = itertools.islice(items, start, None)
        if set(map(type, itertools.islice(items, start, None))) <= {int}:
            ints = rest
        else:  # a bool is no seat number, though True == 1
            ints = [a for a in rest if type(a) is int]
        matches = list(filter(known.__contains__, ints))
        good = set(matches).difference(taken)
        ok = sum(1 for a in matches if a not in taken) if repeats_ok else len(good)
        self.problems.omitted += len(items) - start - ok
        return good

    def raise_if_any(self) -> None:
        self.problems.raise_if_any()

    def get(self, obj: dict, key: str, types, path: str, default=...):
        full = f"{path}.{key}" if path else key
        if not isinstance(obj, dict):
            self.problem(path, "expected an object")
            return None
        if key not in obj:
            if default is ...:
                self.problem(full, "missing")
                return None
            return default
        v = obj[key]
        if isinstance(v, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
            self.problem(full, f"expected {_type_names(types)}, found true/false")
            return None
        if not isinstance(v, types):
            self.problem(full, f"expected {_type_names(types)}, found {_json_type(v)}")
            return None
        return v


def _type_names(types) -> str:
    names = {dict: "an object", list: "a list", str: "text", int: "a whole number", float: "a number",
             bool: "true/false", type(None): "null"}
    ts = types if isinstance(types, tuple) else (types,)
    if int in ts and float in ts:
        ts = tuple(t for t in ts if t is not int)
    return " or ".join(names.get(t, t.__name__) for t in ts)


def _json_type(v) -> str:
    return {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number",
            bool: "true/false", type(None): "null"}.get(type(v), type(v).__name__)
