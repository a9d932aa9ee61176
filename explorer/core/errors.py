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


class DataError(ValueError):
    """Bad input: carries every problem found; nothing was loaded."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__(self.summary())

    def summary(self, limit: int = 1) -> str:
        head = "; ".join(str(p) for p in self.problems[:limit])
        more = len(self.problems) - limit
        return head + (f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else "")

    def report(self, limit: int = 50) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more")
        return "\n".join(lines)


def err(file: str, message: str, line: int | None = None, column: str | int | None = None) -> DataError:
    return DataError(Problem(file, line, column, message))
