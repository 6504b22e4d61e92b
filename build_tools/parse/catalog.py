"""All source articles together: the records, the code table and the anchor table.

``load_catalog`` is the first stage of the pipeline (``source_pt`` → records);
``to_json`` is the published shape of the records (``errors.json``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import unquote

from .blocks import block_links
from .codes import fold
from ..model import Article, ErrorEntry, Topic
from .article import parse_article
from ..problems import Problems

SCHEMA_VERSION = "1.0"
"""Version of the ``errors.json`` shape; bump the major number on an incompatible change."""


@dataclass(frozen=True)
class Catalog:
    """Every article, with lookup tables across them."""

    articles: tuple[Article, ...]
    codes: dict[str, str]
    """Folded code (``usererrorfsfreezefailed``) → entry id: every code of every entry."""
    anchors: dict[str, str]
    """Source anchor → ``entry:<id>``, ``topic:<key>``, ``category:<key>`` or ``home`` (the first article that has it)."""
    article_anchors: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)
    """Article path → its own anchors, the same way (a link inside an article means that article's anchor)."""

    @property
    def entries(self) -> list[ErrorEntry]:
        return [e for a in self.articles for e in a.entries]

    @property
    def topics(self) -> list[Topic]:
        return [t for a in self.articles for t in a.topics]

    def entry(self, entry_id: str) -> ErrorEntry:
        return next(e for e in self.entries if e.id == entry_id)

    def find_code(self, text: str) -> ErrorEntry | None:
        """The entry for a code written in any case, or None."""
        entry_id = self.codes.get(fold(text.strip()))
        return self.entry(entry_id) if entry_id else None


def source_paths(source_dir: str | Path) -> list[Path]:
    """Every source article: ``*.md`` in ``source_dir`` and its subfolders (one per service), sorted;
    relative to the working directory when inside it. Folders starting with ``.`` or ``_`` are skipped."""
    root = Path(source_dir)
    paths = sorted(p for p in root.rglob("*.md")
                   if not any(part.startswith((".", "_")) for part in p.relative_to(root).parts[:-1]))
    cwd = Path.cwd().resolve()
    return [p.resolve().relative_to(cwd) if p.resolve().is_relative_to(cwd) else p for p in paths]


def article_slug(path: str | Path, root: str | Path | None) -> str:
    """``storage/files/x`` for ``<root>/storage/files/x.md``; the file name alone without a root."""
    path = Path(path)
    if root is not None:
        try:
            return path.resolve().relative_to(Path(root).resolve()).with_suffix("").as_posix()
        except ValueError:
            pass
    return path.stem


def load_catalog(paths: Iterable[str | Path], problems: Problems, root: str | Path | None = None) -> Catalog:
    """Parse every article and build the cross-article tables; duplicates are reported.

    ``root`` is the source folder: an article's slug is its path below it.
    """
    articles = []
    slugs: dict[str, str] = {}
    for path in paths:
        slug = base = article_slug(path, root)
        n = 1
        while slug in slugs:
            n += 1
            slug = f"{base}-{n}"
        if slug != base:
            problems.warn(str(path), 1, f"article name {base!r} is taken by {slugs[base]}; this one is {slug!r}")
        slugs[slug] = str(path)
        article = parse_article(path, problems, slug)
        if article is not None:
            articles.append(article)
    articles = _unique_entry_ids(articles, problems)
    codes: dict[str, str] = {}
    where: dict[str, ErrorEntry] = {}
    for article in articles:
        for entry in article.entries:
            for code in entry.codes:
                key = fold(code)
                if key in codes and codes[key] != entry.id:
                    first = where[key]
                    if first.path != entry.path:
                        problems.notice(
                            entry.path, entry.line,
                            f"code {code!r} is also at {first.path}:{first.line}; errors/{code}/ is that page, "
                            f"and both pages link to each other",
                        )
                    continue
                codes[key] = entry.id
                where[key] = entry
    _check_cross_links(articles, problems)
    anchors: dict[str, str] = {}
    by_article: dict[str, dict[str, str]] = {}
    for article in articles:
        own = by_article.setdefault(article.path, {})
        if article.title_anchor:
            own.setdefault(article.title_anchor, "home")
        for anchor, owner in article.anchors:
            own.setdefault(anchor, scoped_owner(owner, article.slug))
        for anchor, owner in own.items():
            anchors.setdefault(anchor, owner)
    return Catalog(tuple(articles), codes, anchors, by_article)


def scoped_owner(owner: str, slug: str) -> str:
    """``topic:<id>`` of one article as ``topic:<slug>/<id>`` (unique across articles); other owners as they are."""
    kind, _, ident = owner.partition(":")
    return f"{kind}:{slug}/{ident}" if kind in ("topic", "category") else owner


def _check_cross_links(articles: list[Article], problems: Problems) -> None:
    """Warn about ``other-article.md#anchor`` links into a loaded article where no such anchor exists."""
    by_name = {Path(a.path).name: a for a in articles}
    known = {name: {anchor for anchor, _ in a.anchors} | {a.title_anchor} for name, a in by_name.items()}
    for article in articles:
        links = [
            *block_links(article.intro), *(l for c in article.categories for l in block_links(c.blocks)),
            *(l for e in article.entries for l in e.links), *(l for t in article.topics for l in t.links),
        ]
        for link in sorted(links, key=lambda l: l.line):
            target, _, anchor = link.target.partition("#")
            name = Path(unquote(target)).name
            if link.kind == "article" and anchor and name in known and unquote(anchor) not in known[name]:
                problems.warn(article.path, link.line, f"link to missing anchor {link.target!r}: {name} has no such anchor")


def _unique_entry_ids(articles: list[Article], problems: Problems) -> list[Article]:
    """Entry ids are unique within an article already; make them unique across articles too."""
    taken: set[str] = set()
    tried: dict[str, int] = {}
    out = []
    for article in articles:
        entries = []
        renamed: dict[str, str] = {}
        for entry in article.entries:
            candidate, n = entry.id, tried.get(fold(entry.id), 1)
            while fold(candidate) in taken:
                n += 1
                candidate = f"{entry.id}-{n}"
            tried[fold(entry.id)] = n
            taken.add(fold(candidate))
            if candidate != entry.id:
                renamed[entry.id] = candidate
            entries.append(dataclasses.replace(entry, id=candidate))
        if renamed:
            entries = [dataclasses.replace(e, restates=renamed.get(e.restates, e.restates)) for e in entries]
            anchors = tuple((a, _rename(owner, renamed)) for a, owner in article.anchors)
            ledger = tuple(dataclasses.replace(l, owner=_rename(l.owner, renamed)) for l in article.ledger)
            article = dataclasses.replace(article, entries=tuple(entries), anchors=anchors, ledger=ledger)
        out.append(article)
    return out


def _rename(owner: str, renamed: dict[str, str]) -> str:
    kind, _, ident = owner.partition(":")
    return f"{kind}:{renamed[ident]}" if kind == "entry" and ident in renamed else owner


def to_json(value: Any) -> Any:
    """A record (or tuple of records) as plain JSON data, with a ``kind`` on every block."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return value
