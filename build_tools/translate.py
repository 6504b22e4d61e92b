"""English translations: gettext PO catalogs next to the sources, one per article.

``source_pt/translations/en/<article>.po`` holds one entry per segment (a
title, message, detail, paragraph, list item, table cell or topic text). The
entry's ``msgctxt`` is the segment's stable key (``entry:UserErrorFsFreezeFailed:step:2``),
``msgid`` the Portuguese text, ``msgstr`` our English. When the Portuguese text
changes, ``update_catalog`` keeps the English but marks it fuzzy (outdated) with
the previous ``msgid``; the site then shows the Portuguese with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib

from .blocks import inline_texts
from .codes import find_codes
from .model import Article
from .problems import Problems

LANG = "en"


@dataclass(frozen=True)
class Segment:
    """One translatable piece of an article."""

    key: str
    text: str
    """Portuguese inline markdown."""
    line: int
    source_en: str = ""
    """English the source article itself carries for this segment (anchor slugs), if any."""


def segments(article: Article) -> list[Segment]:
    """Every translatable segment of an article, in source order, with stable keys."""
    out: list[Segment] = [Segment("article:title", article.title, 1)]
    out += [Segment(f"intro:{n}", text, line) for n, (text, line) in enumerate(_texts(article.intro))]
    for category in article.categories:
        out.append(Segment(f"category:{category.id}:title", category.title, category.line, category.title_en))
        out += [Segment(f"category:{category.id}:text:{n}", t, line) for n, (t, line) in enumerate(_texts(category.blocks))]
    for entry in article.entries:
        prefix = f"entry:{entry.id}"
        out.append(Segment(f"{prefix}:title", entry.title, entry.line, entry.title_en))
        for n, message in enumerate(entry.messages):
            if message.message and message.message != entry.title:
                out.append(Segment(f"{prefix}:message:{n}", message.message, message.line))
        out += [Segment(f"{prefix}:detail:{n}", text, entry.line) for n, text in enumerate(entry.details)]
        out += [Segment(f"{prefix}:step:{n}", t, line) for n, (t, line) in enumerate(_texts(entry.resolution))]
    for topic in article.topics:
        out.append(Segment(f"topic:{topic.id}:title", topic.title, topic.line, topic.title_en))
        out += [Segment(f"topic:{topic.id}:text:{n}", t, line) for n, (t, line) in enumerate(_texts(topic.blocks))]
    return [s for s in out if s.text.strip()]


def _texts(blocks) -> list[tuple[str, int]]:
    return [pair for block in blocks for pair in inline_texts(block)]


def catalog_path(translations_dir: Path, article: Article) -> Path:
    return translations_dir / LANG / f"{article.slug}.po"


def update_catalog(article: Article, path: Path) -> tuple[int, int, int]:
    """Bring the PO file in line with the article; returns (added, outdated, obsolete) counts."""
    po = polib.pofile(str(path), wrapwidth=0) if path.exists() else _new_catalog(article)
    by_key = {e.msgctxt: e for e in po if not e.obsolete}
    added = outdated = 0
    wanted = segments(article)
    for segment in wanted:
        entry = by_key.get(segment.key)
        occurrence = [(Path(article.path).name, str(segment.line))]
        if entry is None:
            entry = polib.POEntry(msgctxt=segment.key, msgid=segment.text, msgstr=segment.source_en)
            if segment.source_en:
                entry.tcomment = "English taken from the source article's anchor"
            po.append(entry)
            added += 1
        elif entry.msgid != segment.text:
            entry.previous_msgid = entry.msgid
            entry.msgid = segment.text
            if entry.msgstr and "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
            outdated += 1
        entry.occurrences = occurrence
    keys = {s.key for s in wanted}
    obsolete = 0
    for entry in po:
        if not entry.obsolete and entry.msgctxt not in keys:
            entry.obsolete = True
            obsolete += 1
    order = {s.key: n for n, s in enumerate(wanted)}
    po[:] = sorted(po, key=lambda e: (e.obsolete, order.get(e.msgctxt, len(order)), e.msgctxt or ""))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return added, outdated, obsolete


def _new_catalog(article: Article) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": article.slug,
        "Language": LANG,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    return po


class Translations:
    """English lookups for one article, with the status of each segment."""

    def __init__(self, article: Article, path: Path | None) -> None:
        self.article = article
        self.path = path
        self.entries: dict[str, polib.POEntry] = {}
        if path is not None and path.exists():
            po = polib.pofile(str(path), wrapwidth=0)
            self.entries = {e.msgctxt: e for e in po if not e.obsolete and e.msgctxt}

    def get(self, key: str, text: str) -> tuple[str, str]:
        """``(english, status)``; status is ``ok``, ``outdated`` or ``missing`` (then english is empty)."""
        entry = self.entries.get(key)
        if entry is None or not entry.msgstr:
            return "", "missing"
        if entry.msgid != text or "fuzzy" in entry.flags:
            return entry.msgstr, "outdated"
        return entry.msgstr, "ok"

    def coverage(self) -> tuple[int, int]:
        """(segments translated and current, all segments)."""
        wanted = segments(self.article)
        done = sum(1 for s in wanted if self.get(s.key, s.text)[1] == "ok")
        return done, len(wanted)


_IDENTIFIER = re.compile(
    r"```(?P<fence>.+?)```"
    r"|`(?P<code>[^`]+)`"
    r"|\]\((?P<url>[^()\s]+(?:\([^()\s]*\)[^()\s]*)*)\)"
    r"|(?P<raw_url>https?://[^\s)<>\]]+)"
    r"|(?P<key>\bHKEY_[A-Z_]+(?:\\[\w.\-]+)*|\bHKLM(?:\\[\w.\-]+)+)"
    r"|(?P<path>(?<![\w/])/(?:[\w.\-]+/)+[\w.\-]*|\b[A-Za-z]:\\[\w.\\\-]+|%\w+%(?:\\[\w.\-]+)+)"
    r"|(?P<file>\b[\w\-]+\.(?:exe|conf|json|md|msi|dll|ps1|sh)\b)"
    r"|(?P<version>\b\d+(?:\.\d+){2,}\b)"
)


def identifiers(text: str) -> list[str]:
    """Codes, commands, paths, registry keys and URLs that a translation must keep unchanged."""
    found = [next(v for v in m.groupdict().values() if v).strip() for m in _IDENTIFIER.finditer(text)]
    found += find_codes(text)
    return [f for f in dict.fromkeys(found) if f and not f.isdigit() or (f.isdigit() and len(f) >= 5)]


def check_identifiers(article: Article, translations: Translations, problems: Problems) -> None:
    """Warn where an English translation lost or changed an identifier of its Portuguese segment."""
    for segment in segments(article):
        english, status = translations.get(segment.key, segment.text)
        if status == "missing":
            continue
        for identifier in identifiers(segment.text):
            if identifier not in english:
                problems.warn(
                    article.path, segment.line,
                    f"English of {segment.key!r} lacks {identifier!r}, which the Portuguese has; keep it unchanged",
                )


def report_coverage(article: Article, translations: Translations, problems: Problems) -> str:
    """One line of coverage for the build output; untranslated and outdated segments are warned about."""
    for segment in segments(article):
        _, status = translations.get(segment.key, segment.text)
        if status == "outdated":
            problems.warn(article.path, segment.line, f"English of {segment.key!r} is outdated (the Portuguese changed)")
    done, total = translations.coverage()
    percent = 100.0 * done / total if total else 100.0
    return f"{article.path}: English translation {done}/{total} segments ({percent:.1f}%)"
