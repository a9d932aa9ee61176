"""Problems found in input files, reported all at once with file, line and column.

Input files come from the other side of a negotiation, so nothing they hold is echoed whole:
a value is quoted through :func:`quote` (at most ~80 characters, then "…"), and a problem's
location and message are clipped when shown, so a 1 MB value never makes a 1 MB message."""
from __future__ import annotations

import reprlib
from dataclasses import dataclass
from typing import Callable, Iterable

QUOTE_LIMIT = 80          # characters of a bad value shown in a message
PATH_LIMIT = 120          # characters of a JSON path (its keys come from the file)
MESSAGE_LIMIT = 400       # characters of one problem's message, a last guard
MAX_PROBLEMS = 200        # problems kept for one file; the rest are only counted

_repr = reprlib.Repr()
_repr.maxstring = QUOTE_LIMIT + 2
_repr.maxother = QUOTE_LIMIT
_repr.maxlist = _repr.maxtuple = _repr.maxdict = _repr.maxset = 6
_repr.maxlevel = 3


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, with "…" when something was cut."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def quote(value, limit: int = QUOTE_LIMIT) -> str:
    """A value as messages show it: repr-quoted like ``'AAP'`` (so empty text and spaces are
    visible), at most about ``limit`` characters; a longer value ends in "…"."""
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        return repr(value[:limit])[:-1] + "…" + repr(value[:1])[-1]
    try:
        return clip(_repr.repr(value), limit)
    except Exception:  # a value whose repr fails is still a bad value, not a crash
        return f"<{type(value).__name__}>"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | int | None
    message: str

    def __str__(self) -> str:
        where = clip(self.file, 260)
        if self.line is not None:
            where += f", line {self.line}"
        if self.column not in (None, ""):
            where += f", column {self.column}" if isinstance(self.column, int) else f", {clip(self.column, PATH_LIMIT)}"
        return f"{where}: {clip(self.message, MESSAGE_LIMIT)}"


class DataError(ValueError):
    """Bad input: carries every problem found (up to MAX_PROBLEMS; ``more`` counts the ones
    left out); nothing was loaded."""

    def __init__(self, problems: list[Problem] | Problem, more: int = 0):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        if len(self.problems) > MAX_PROBLEMS:
            more += len(self.problems) - MAX_PROBLEMS
            del self.problems[MAX_PROBLEMS:]
        self.more = more
        super().__init__(self.summary())

    @property
    def omitted(self) -> int:
        """Problems found past MAX_PROBLEMS: counted, not kept."""
        return self.more

    @property
    def count(self) -> int:
        """How many problems were found, counting the ones not kept."""
        return len(self.problems) + self.more

    def summary(self, limit: int = 1) -> str:
        head = "; ".join(str(p) for p in self.problems[:limit])
        more = self.count - min(limit, len(self.problems))
        return head + (f" (and {more:,} more problem{'s' if more > 1 else ''})" if more > 0 else "")

    def report(self, limit: int = MAX_PROBLEMS) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        if self.count > len(lines):
            lines.append(f"... and {self.count - len(lines):,} more")
        return "\n".join(lines)


class ProblemList:
    """Collects a file's problems: keeps the first ``limit``, counts the rest, so a file with
    millions of faults costs no more memory than one with 200."""

    def __init__(self, limit: int | None = None):
        self.limit = MAX_PROBLEMS if limit is None else limit
        self.kept: list[Problem] = []
        self.omitted = 0

    def add(self, p: Problem) -> None:
        if len(self.kept) < self.limit:
            self.kept.append(p)
        else:
            self.omitted += 1

    @property
    def full(self) -> bool:
        return len(self.kept) >= self.limit

    def __len__(self) -> int:  # every problem found, kept or only counted
        return len(self.kept) + self.omitted

    def __iter__(self):
        return iter(self.kept)

    def raise_if_any(self) -> None:
        if self.kept:
            raise DataError(self.kept, self.omitted)


def err(file: str, message: str, line: int | None = None, column: str | int | None = None) -> DataError:
    return DataError(Problem(file, line, column, message))


def nearest(text: str, options: Iterable[str], names: Callable[[str], str] | None = None) -> str | None:
    """The option most like ``text`` (for "did you mean ...?"), or None when none is close: by
    similarity to its code or its name (``names(code)``), then by the length of the common start,
    then the earlier option (callers list the larger parties first)."""
    from difflib import SequenceMatcher
    from os.path import commonprefix
    u = text.strip().upper()
    best, best_key = None, (0.6, -1)
    for o in options:
        for spelling in (o, names(o) if names else o):
            ou = spelling.upper()
            k = (SequenceMatcher(None, u, ou).ratio(), len(commonprefix([u, ou])))
            if k > best_key:
                best, best_key = o, k
    return best


def did_you_mean(text, options) -> str:
    """'; did you mean BJP?' for the option nearest ``text`` (case, then spelling), or ''."""
    import difflib
    if not isinstance(text, str):
        return ""
    opts = [o for o in options if isinstance(o, str)]
    for o in opts:
        if o.lower() == text.lower():
            return f"; did you mean {o}?"
    m = difflib.get_close_matches(text.upper(), [o.upper() for o in opts], n=1, cutoff=0.6)
    if not m:
        return ""
    return f"; did you mean {next(o for o in opts if o.upper() == m[0])}?"

