"""Problems found in content or settings, and the one-line form people read them in."""

from __future__ import annotations

import difflib
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where it is, what it is, how bad it is."""

    file: str
    line: int | None
    field: str
    message: str
    code: str
    severity: str = ERROR
    column: int | None = None

    def __str__(self) -> str:
        where = display_path(self.file)
        if self.line is not None:
            where = f"{where}:{self.line}"
            if self.column is not None:
                where = f"{where}:{self.column}"
        prefix = "warning: " if self.severity == WARNING else ""
        return _one_line(f"{where}: {self.field}: {prefix}{self.message} [{self.code}]")


def _one_line(text: str) -> str:
    """Values quoted in a message may hold line breaks or control characters: show them escaped,
    so that a problem is always exactly one line."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)


class ContentError(Exception):
    """Raised once loading or validation is over, carrying every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class EnvironmentFault(Exception):
    """The machine, not the content, stops the command (a read-only or full folder, a port in use):
    its message is one line naming the path or port and the cause."""


def display_path(path: str | os.PathLike) -> str:
    """A path relative to the current folder when it lies below it, as people typed it."""
    path = Path(path)
    try:
        # The folders resolved, the name not: a problem with a link names the link, not its target.
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):  # elsewhere, or below a loop of links
        return str(path)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def closest(word: str, choices) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return close[0] if close else None


def suggest(word: str, choices) -> str:
    """' (did you mean "x"?)' for the nearest choice, or '' when nothing is near."""
    near = closest(word, choices)
    return f' (did you mean "{near}"?)' if near else ""
