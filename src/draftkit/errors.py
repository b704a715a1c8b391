"""The one family of errors draftkit raises for a user's mistake.

Exceptions hold data and never print: the CLI decides how to show them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path


class DraftkitError(Exception):
    """A problem the user can fix: bad data, a missing file, a refused action.

    Args:
        message: What is wrong, in plain words.
        path: The file the problem is in, if any.
        line: The 1-based line in ``path``, if known.
        hint: What to do about it, if there is something useful to say.
        code: A stable name for the kind of problem (``town_not_found``), so each front
            end can word it for its people: the web in the page's language, without CLI
            flags. ``None`` where no front end words it specially yet.
        field: The answer the problem concerns (``agency``, a clause id), if any.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
        code: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    @property
    def location(self) -> str:
        """``path:line``, ``path`` or an empty string."""
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def __str__(self) -> str:
        head = f"{self.location}: {self.message}" if self.location else self.message
        return f"{head}\n  hint: {self.hint}" if self.hint else head


class DataError(DraftkitError):
    """Raised when a town profile, clause, glossary or loophole file is invalid."""


class NotFoundError(DraftkitError):
    """Raised when a named town, clause or file does not exist."""


class TemplateProblem(DraftkitError):
    """Raised when a Word template is broken or a value it needs is missing."""


class RenderError(DraftkitError):
    """Raised when a rendered document fails inspection (leftover tags, blanks)."""


class OutputExistsError(DraftkitError):
    """Raised when a draft would overwrite files and ``--force`` was not given."""


class ProblemList(DraftkitError):
    """Several problems found at once; raised after checking everything.

    ``problems`` keeps each one so the CLI can list them all.
    """

    def __init__(self, problems: Sequence[DraftkitError]) -> None:
        # Files in the order first reported, lines ascending within each file.
        first_seen: dict[str | None, int] = {}
        for problem in problems:
            first_seen.setdefault(problem.path, len(first_seen))
        self.problems = sorted(problems, key=lambda p: (first_seen[p.path], p.line or 0))
        files = {p.path for p in self.problems if p.path}
        super().__init__(summarize(len(self.problems), len(files)))

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(self.message)
        return "\n".join(lines)


def summarize(problem_count: int, file_count: int) -> str:
    """Say "3 problems in 2 files" with the right plurals."""
    problems = f"{problem_count} problem{'s' if problem_count != 1 else ''}"
    if file_count == 0:
        return f"{problems} found"
    return f"{problems} in {file_count} file{'s' if file_count != 1 else ''}"


def each_problem(error: DraftkitError) -> list[DraftkitError]:
    """The problems ``error`` stands for: a :class:`ProblemList`'s, or ``error`` itself."""
    return list(error.problems) if isinstance(error, ProblemList) else [error]


def raise_if_any(problems: Iterable[DraftkitError]) -> None:
    """Raise one :class:`ProblemList` holding every problem, if there are any."""
    found = list(problems)
    if found:
        raise ProblemList(found)
