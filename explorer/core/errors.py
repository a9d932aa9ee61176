"""Problems found in input files, reported all at once with file, line and column."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | int | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column not in (None, ""):
            where += f", column {self.column}" if isinstance(self.column, int) else f", {self.column}"
        return f"{where}: {self.message}"


MAX_PROBLEMS = 200  # problems kept per file; the rest are only counted


class DataError(ValueError):
    """Bad input: carries the problems found (the first MAX_PROBLEMS; ``omitted`` counts the
    rest); nothing was loaded."""

    def __init__(self, problems: list[Problem] | Problem, omitted: int = 0):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.omitted = omitted
        super().__init__(self.summary())

    @property
    def count(self) -> int:
        return len(self.problems) + self.omitted

    def summary(self, limit: int = 1) -> str:
        head = "; ".join(str(p) for p in self.problems[:limit])
        more = self.count - min(limit, len(self.problems))
        return head + (f" (and {more:,} more problem{'s' if more > 1 else ''})" if more > 0 else "")

    def report(self, limit: int = 50) -> str:
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
