"""The coverage ledger: which record every source line went into.

Records claim the lines they were made from (a later, narrower claim wins:
a table row inside a category belongs to the row's entry). A non-blank line
that no record claimed was dropped by the parser: it is reported, with its
line, and listed as ``unmapped``. Nothing leaves the source silently.
"""

from __future__ import annotations

import re
from typing import Callable, Union

from ..model import LedgerLine
from ..problems import Problems

Owner = Union[str, int]
"""A record id (``topic:vm-agent``) or the index of an entry whose id is not known yet."""

UNMAPPED = "unmapped"
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S")


class Ledger:
    """Per-line owners of one article."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.owners: list[Owner | None] = [None] * (len(lines) + 1)

    def claim(self, first: int, last: int, owner: Owner) -> None:
        """Lines ``first..last`` (1-based, inclusive) belong to ``owner``."""
        for line in range(max(first, 1), min(last, len(self.lines)) + 1):
            self.owners[line] = owner

    def finish(self, name: Callable[[int], str], path: str, problems: Problems) -> tuple[LedgerLine, ...]:
        """The ledger as line ranges; ``name`` turns an entry index into ``entry:<id>``.

        Unclaimed non-blank lines are reported (one warning per run of lines) and listed as unmapped.
        """
        run_start = 0
        for line in range(1, len(self.lines) + 2):
            lost = line <= len(self.lines) and self.owners[line] is None and bool(self.lines[line - 1].strip())
            if lost and not run_start:
                run_start = line
            elif not lost and run_start:
                self._report(run_start, line - 1, path, problems)
                for n in range(run_start, line):
                    self.owners[n] = UNMAPPED
                run_start = 0
        out: list[LedgerLine] = []
        current: tuple[int, int, str] | None = None
        for line in range(1, len(self.lines) + 1):
            owner = self.owners[line]
            label = None if owner is None else (name(owner) if isinstance(owner, int) else owner)
            if current and label == current[2] and current[1] == line - 1:
                current = (current[0], line, label)
                continue
            if current:
                out.append(LedgerLine(*current))
            current = (line, line, label) if label else None
        if current:
            out.append(LedgerLine(*current))
        return tuple(out)

    def _report(self, first: int, last: int, path: str, problems: Problems) -> None:
        text = self.lines[first - 1].strip()
        where = f"lines {first}-{last}" if last > first else "this line"
        if _REFERENCE.match(text):
            problems.warn(path, first, f"link reference definition {text[:60]!r} is not supported (write the link inline); {where} not published")
        else:
            problems.warn(path, first, f"text not part of any record; {where} not published: {text[:60]!r}")
