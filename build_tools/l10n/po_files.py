"""English translations: gettext PO catalogs next to the sources, one per article.

``source_pt/translations/en/<article>.po`` holds one entry per segment (a
title, message, detail, paragraph, list item, table cell or topic text). The
entry's ``msgctxt`` is the segment's stable key (``entry:UserErrorFsFreezeFailed:step:2``),
``msgid`` the Portuguese text, ``msgstr`` our English. When the Portuguese text
changes, ``update_catalog`` keeps the English but marks it fuzzy (outdated) with
the previous ``msgid``; the site then shows the Portuguese with a note. A key that
vanishes while a new one with similar Portuguese appears hands its English over
the same way, and other new segments are filled from the translation memory
(``memory.py``): identical Portuguese as translated, similar Portuguese as fuzzy.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib

from ..parse.blocks import inline_texts
from .identifiers import check_identifiers, identifiers  # noqa: F401  (the check lives with the identifiers)
from .memory import KEY_MOVE_THRESHOLD, Memory, Unit, adapt
from ..model import Article
from ..problems import BuildError, Problems

LANG = "en"
MEMORY_NOTE = "translation memory"
"""How the extracted comment (``#.``) of an entry filled from the memory begins."""


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


@dataclass
class CatalogUpdate:
    """What ``update_catalog`` did to one catalog."""

    added: int = 0
    """New segments (however they were filled)."""
    outdated: int = 0
    """Segments whose Portuguese changed under reviewed English: now fuzzy."""
    obsolete: int = 0
    moved: int = 0
    """New keys that took the English of a vanished key with similar Portuguese (fuzzy unless identical)."""
    memory_exact: int = 0
    """New segments filled from the translation memory by an identical Portuguese text."""
    memory_fuzzy: int = 0
    """New segments given a fuzzy suggestion from a similar Portuguese text."""

    def __str__(self) -> str:
        return (f"{self.added} new, {self.outdated} outdated, {self.obsolete} obsolete segments; "
                f"{self.moved} moved to a new key; translation memory: {self.memory_exact} exact, "
                f"{self.memory_fuzzy} fuzzy")


def update_catalog(article: Article, path: Path, memory: Memory | None = None) -> CatalogUpdate:
    """Bring the PO file in line with the article.

    A segment whose Portuguese changed keeps its English, marked fuzzy with the previous ``msgid``. A new key
    whose Portuguese is like that of a key that vanished (a retitled row, a renumbered step) takes over its
    English the same way. Other new segments are filled from ``memory``: an identical Portuguese text gives
    translated English, a similar one a fuzzy suggestion with its origin in a comment.
    """
    po = read_catalog(path) if path.exists() else _new_catalog(article)
    if isinstance(po, str):
        line, message = _line_of(po)
        raise BuildError(f"{path}:{line}: {message.split(';')[0]}; fix it by hand")
    by_key = {e.msgctxt: e for e in po if not e.obsolete}
    report = CatalogUpdate()
    wanted = segments(article)
    keys = {s.key for s in wanted}
    fresh: list[Segment] = []
    for segment in wanted:
        entry = by_key.get(segment.key)
        if entry is None:
            fresh.append(segment)
            continue
        if entry.msgid != segment.text:
            entry.previous_msgid = entry.msgid
            entry.msgid = segment.text
            if entry.msgstr and "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
            report.outdated += 1
        entry.occurrences = [(Path(article.path).name, str(segment.line))]
    vanished = [e for e in po if not e.obsolete and e.msgctxt not in keys and e.msgstr]
    moved = _move_keys(fresh, vanished)
    for segment in fresh:
        entry = moved.get(segment.key)
        if entry is not None:
            report.moved += 1
        else:
            entry = _new_entry(segment, memory, report)
            po.append(entry)
        entry.occurrences = [(Path(article.path).name, str(segment.line))]
        report.added += 1
    for entry in po:
        if not entry.obsolete and entry.msgctxt not in keys:
            entry.obsolete = True
            report.obsolete += 1
    order = {s.key: n for n, s in enumerate(wanted)}
    po[:] = sorted(po, key=lambda e: (e.obsolete, order.get(e.msgctxt, len(order)), e.msgctxt or ""))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return report


def _move_keys(fresh: list[Segment], vanished: list[polib.POEntry]) -> dict[str, polib.POEntry]:
    """New key → the vanished entry that now carries it (as msgmerge pairs a changed context)."""
    if not fresh or not vanished:
        return {}
    pool = Memory([Unit(e.msgid, e.msgstr, e.msgctxt or "") for e in vanished])
    taken: set[int] = set()
    moved = {}
    for segment in fresh:
        found = pool.nearest_index(segment.text, KEY_MOVE_THRESHOLD, taken)
        if found is None:
            continue
        taken.add(found[0])
        entry = vanished[found[0]]
        if entry.msgid != segment.text:
            entry.previous_msgid = entry.msgid
            entry.previous_msgctxt = entry.msgctxt
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
        entry.msgctxt, entry.msgid = segment.key, segment.text
        moved[segment.key] = entry
    return moved


def _new_entry(segment: Segment, memory: Memory | None, report: CatalogUpdate) -> polib.POEntry:
    entry = polib.POEntry(msgctxt=segment.key, msgid=segment.text, msgstr="")
    exact = memory.exact(segment.text) if memory else None
    if exact is not None:
        entry.msgstr = exact.english
        entry.comment = f"{MEMORY_NOTE}: the same Portuguese in {exact.origin}"
        report.memory_exact += 1
    elif segment.source_en:
        entry.msgstr = segment.source_en
        entry.tcomment = "English taken from the source article's anchor"
    elif memory is not None:
        near = memory.nearest(segment.text)
        if near is not None:
            english, swapped = adapt(near.unit.english, near.unit.portuguese, segment.text)
            entry.msgstr = english
            entry.previous_msgid = near.unit.portuguese
            entry.flags.append("fuzzy")
            note = f"{MEMORY_NOTE}: {near.score:.0%} similar to {near.unit.origin}"
            if swapped:
                note += "; identifiers swapped: " + ", ".join(f"{a} → {b}" for a, b in swapped)
            entry.comment = note
            report.memory_fuzzy += 1
    return entry

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


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""Characters a translation may not hold: terminal escapes (ESC, CSI), C1 controls, YAML line breaks."""


def read_catalog(path: Path) -> polib.POFile | str:
    """The PO file, or the reason it cannot be read (polib's message names the line)."""
    try:
        return polib.pofile(str(path), wrapwidth=0)
    except (OSError, ValueError, LookupError) as exc:  # polib: syntax (OSError), encoding (Unicode/LookupError)
        return f"{exc}"


def _line_of(reason: str) -> tuple[int, str]:
    match = re.search(r"\(line (\d+)\)", reason)
    reason = re.sub(r" in po file \S+| \(line \d+\)", "", reason)
    return (int(match.group(1)) if match else 1), f"the catalog cannot be read ({reason}); no English is used"


class Translations:
    """English lookups for one article, with the status of each segment."""

    def __init__(self, article: Article, path: Path | None) -> None:
        self.article = article
        self.path = path
        self.entries: dict[str, polib.POEntry] = {}
        self.problems: list[tuple[int, str]] = []
        """``(line of the PO file, message)`` for what could not be used; ``check_identifiers`` reports them."""
        if path is not None and path.exists():
            po = read_catalog(path)
            if isinstance(po, str):
                self.problems.append(_line_of(po))
                return
            for entry in po:
                if entry.obsolete or not entry.msgctxt:
                    continue
                control = _CONTROL.search(entry.msgstr)
                if control:
                    self.problems.append((entry.linenum, f"control character U+{ord(control.group()):04X} in the "
                                                         f"English of {entry.msgctxt!r}; it is shown in Portuguese"))
                    continue
                self.entries[entry.msgctxt] = entry

    def get(self, key: str, text: str) -> tuple[str, str]:
        """``(english, status)``; status is ``ok``, ``outdated``, ``suggested`` or ``missing``.

        ``suggested`` is a fuzzy suggestion of the translation memory, not yet reviewed: like a missing
        segment it is shown in Portuguese with a "not yet translated" note, and is not warned about.
        """
        entry = self.entries.get(key)
        if entry is None or not entry.msgstr:
            return "", "missing"
        if "fuzzy" in entry.flags and entry.comment.startswith(MEMORY_NOTE) and entry.msgid == text:
            return entry.msgstr, "suggested"
        if entry.msgid != text or "fuzzy" in entry.flags:
            return entry.msgstr, "outdated"
        return entry.msgstr, "ok"

    def comment(self, key: str) -> str:
        """The translator's comment of a segment (``corrected: A → B`` lines live there)."""
        entry = self.entries.get(key)
        return entry.tcomment if entry is not None else ""

    def counts(self) -> Counts:
        """How many segments are translated, fuzzy (outdated or suggested) and missing."""
        statuses = Counter(self.get(s.key, s.text)[1] for s in segments(self.article))
        return Counts(statuses["ok"], statuses["outdated"] + statuses["suggested"], statuses["missing"])

    def coverage(self) -> tuple[int, int]:
        """(segments translated and current, all segments)."""
        counts = self.counts()
        return counts.translated, counts.total


@dataclass(frozen=True)
class Counts:
    translated: int
    fuzzy: int
    missing: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.missing

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def report_coverage(article: Article, translations: Translations, problems: Problems) -> str:
    """One line of figures for the build output; outdated segments are warned about."""
    for segment in segments(article):
        _, status = translations.get(segment.key, segment.text)
        if status == "outdated":
            problems.warn(article.path, segment.line, f"English of {segment.key!r} is outdated (the Portuguese changed)")
    c = translations.counts()
    return (f"{article.path}: English translation {c.translated}/{c.total} segments ({c.percent:.1f}%); "
            f"{c.fuzzy} fuzzy, {c.missing} missing")

