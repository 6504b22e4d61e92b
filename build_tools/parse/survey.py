"""The survey: what the parser makes of many articles, one line each, and how that compares with a gold list.

``python -m build_tools survey PATH... [--gold GOLD.json]`` prints, per article,
its entries, codes, problems and unmapped lines; with a gold file (for each
article the codes it documents, checked by reading it) also the codes found
and missed, recall and precision per article and in total. It is the figure of
how general the parser is.

The gold file maps an article's path (``articles/<service>/<name>.md``; matched
against the end of the surveyed path) to ``codes`` (exact spelling), and to
``ambiguous`` and ``secondary`` notes (``"9 — numeric value paired with ..."``):
codes named there count neither way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .article import parse_article
from ..problems import Problems

_NOTE_CODES = re.compile(r"[\w.\-]+")


@dataclass
class Gold:
    """What one article documents, by the gold file."""

    codes: list[str]
    neutral: set[str] = field(default_factory=set)
    """Codes that count neither way (``ambiguous`` and ``secondary``)."""


@dataclass
class ArticleFigures:
    path: str
    entries: int
    codes: list[str]
    problems: int
    unmapped: int
    gold: Gold | None = None

    @property
    def found(self) -> list[str]:
        return [c for c in self.gold.codes if c in set(self.codes)] if self.gold else []

    @property
    def missed(self) -> list[str]:
        return [c for c in self.gold.codes if c not in set(self.codes)] if self.gold else []

    @property
    def extra(self) -> list[str]:
        if not self.gold:
            return []
        wanted = set(self.gold.codes)
        return [c for c in self.codes if c not in wanted and c not in self.gold.neutral]


def article_paths(paths: list[Path]) -> list[Path]:
    """The articles named: files as given, folders searched for ``*.md`` (sorted)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*.md") if p.name not in ("SOURCES.md", "README.md")))
        else:
            out.append(path)
    return out


def load_gold(path: Path) -> dict[str, Gold]:
    """The gold file as ``{article key: Gold}``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, Gold] = {}
    for key, value in data.items():
        neutral: set[str] = set()
        for note in [*value.get("ambiguous", []), *value.get("secondary", [])]:
            head = re.split(r"\s+[—–-]\s+|\s+\(", note, maxsplit=1)[0]
            neutral.update(_NOTE_CODES.findall(head))
        out[key.removeprefix("articles/")] = Gold(list(value.get("codes", [])), neutral)
    return out


def gold_for(path: Path, gold: dict[str, Gold]) -> Gold | None:
    text = path.as_posix()
    matches = [key for key in gold if text.endswith("/" + key) or text == key]
    return gold[max(matches, key=len)] if matches else None


def survey(paths: list[Path], gold: dict[str, Gold] | None = None) -> list[ArticleFigures]:
    figures = []
    for path in article_paths(paths):
        problems = Problems()
        article = parse_article(path, problems)
        codes: list[str] = []
        entries = unmapped = 0
        if article is not None:
            entries = len(article.entries)
            codes = list(dict.fromkeys(c for e in article.entries for c in e.codes))
            unmapped = sum(l.last - l.first + 1 for l in article.ledger if l.owner == "unmapped")
        figures.append(ArticleFigures(
            str(path), entries, codes, sum(1 for p in problems if p.severity != "notice"), unmapped,
            gold_for(path, gold) if gold is not None else None,
        ))
    return figures


def report(figures: list[ArticleFigures], verbose: bool = False) -> list[str]:
    """One line per article, then the totals (the last two lines)."""
    lines = []
    for f in figures:
        line = f"{f.path}: {f.entries} entries, {len(f.codes)} codes, {f.problems} problems, {f.unmapped} unmapped lines"
        if f.gold is not None:
            line += f"; gold {len(f.found)}/{len(f.gold.codes)}"
            if f.missed:
                line += f", missed {' '.join(f.missed) if verbose else len(f.missed)}"
            if f.extra:
                line += f", extra {' '.join(f.extra) if verbose else len(f.extra)}"
        lines.append(line)
    entries = sum(f.entries for f in figures)
    codes = sum(len(f.codes) for f in figures)
    lines.append(f"{len(figures)} articles: {entries} entries, {codes} codes, "
                 f"{sum(f.problems for f in figures)} problems, {sum(f.unmapped for f in figures)} unmapped lines")
    graded = [f for f in figures if f.gold is not None]
    if graded:
        wanted = sum(len(f.gold.codes) for f in graded if f.gold)
        found = sum(len(f.found) for f in graded)
        claimed = found + sum(len(f.extra) for f in graded)
        recall = found / wanted if wanted else 1.0
        precision = found / claimed if claimed else 1.0
        lines.append(f"gold ({len(graded)} articles): recall {recall:.1%} ({found}/{wanted}), "
                     f"precision {precision:.1%} ({found}/{claimed})")
    return lines
