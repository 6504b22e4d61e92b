"""Problems found in the input, reported as ``path:line: severity: message``.

Content problems are collected, never raised: the pipeline keeps going so that
every problem of an article is printed together. ``error`` means the article (or
the part named) cannot be used; ``warning`` means it was used as well as it
could be, and ``--strict`` makes it fatal; ``notice`` reports something the
source does that was handled completely (a repeated anchor given a unique id).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Iterable, TextIO


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, pointing at a source line."""

    path: str
    line: int
    severity: str
    """``error``, ``warning`` or ``notice``."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


class Problems:
    """An ordered collection of problems."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def warn(self, path: str, line: int, message: str) -> None:
        self.items.append(Problem(path, line, "warning", message))

    def notice(self, path: str, line: int, message: str) -> None:
        self.items.append(Problem(path, line, "notice", message))

    def error(self, path: str, line: int, message: str) -> None:
        self.items.append(Problem(path, line, "error", message))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        """Problems grouped by file (in the order the files were read), then by line."""
        first_seen: dict[str, int] = {}
        for problem in self.items:
            first_seen.setdefault(problem.path, len(first_seen))
        return sorted(self.items, key=lambda p: (first_seen[p.path], p.line))

    def print(self, stream: TextIO | None = None) -> None:
        """Print every problem, one per line, on ``stream`` (standard error by default)."""
        for problem in self.sorted():
            print(problem, file=stream or sys.stderr)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)


class BuildError(Exception):
    """A broken invariant or unusable input that stops the build; the message is for the user."""
