"""The glossary check: a segment whose Portuguese uses a glossary term must carry that term's English.

``source_pt/translations/glossary.po`` is an ordinary PO file: ``msgid`` the
Portuguese term, ``msgstr`` its English, and an optional translator comment
``also: VM; virtual machines`` for other accepted English forms. Matching
ignores case and accents and accepts the usual plurals of both languages
(``extensão``/``extensões``, ``snapshot``/``snapshots``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import polib

GLOSSARY_FILE = "glossary.po"

_MARKUP = re.compile(r"`[^`\n]*`|\]\([^)\s]*\)|<[^>\n]*>|https?://\S+")
_ALSO = re.compile(r"^\s*also:\s*(?P<forms>.+)$", re.I | re.M)


def fold(text: str) -> str:
    """Lower case without accents, so ``Extensão`` and ``extensao`` compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _portuguese_forms(word: str) -> list[str]:
    forms = [word, word + "s", word + "es"]
    if word.endswith("ao"):
        forms += [word[:-2] + "oes", word[:-2] + "aes"]
    if word.endswith("l"):
        forms.append(word[:-1] + "is")
    if word.endswith("m"):
        forms.append(word[:-1] + "ns")
    return forms


def _english_forms(word: str) -> list[str]:
    forms = [word, word + "s", word + "es"]
    if word.endswith("y"):
        forms.append(word[:-1] + "ies")
    return forms


def _phrase(term: str, forms) -> re.Pattern[str]:
    words = fold(term).split()
    body = r"\s+".join("(?:" + "|".join(re.escape(f) for f in sorted(set(forms(w)), key=len, reverse=True)) + ")"
                       for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)")


@dataclass(frozen=True)
class Term:
    portuguese: str
    english: str
    accepted: tuple[str, ...]
    line: int
    pattern: re.Pattern[str]
    targets: tuple[re.Pattern[str], ...]

    def in_portuguese(self, text: str) -> bool:
        return self.pattern.search(text) is not None

    def in_english(self, text: str) -> bool:
        return any(t.search(text) for t in self.targets)


class Glossary:
    """Portuguese → English terms."""

    def __init__(self, terms: list[Term], path: str = "") -> None:
        self.terms = terms
        self.path = path

    @classmethod
    def load(cls, path: Path, problems=None) -> "Glossary":
        """The glossary at ``path``; an absent file is an empty glossary, a broken one a warning."""
        if not path.exists():
            return cls([], str(path))
        try:
            po = polib.pofile(str(path), wrapwidth=0)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            if problems is not None:
                problems.warn(str(path), 1, f"glossary not read: {exc}")
            return cls([], str(path))
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
        terms = []
        for entry in po:
            if entry.obsolete or not entry.msgid.strip():
                continue
            line = entry.linenum or _line_of(text, entry.msgid)
            if not entry.msgstr.strip():
                if problems is not None:
                    problems.warn(str(path), line, f"glossary term {entry.msgid!r} has no English")
                continue
            also = [f.strip() for m in _ALSO.finditer(entry.tcomment or "") for f in m.group("forms").split(";")]
            accepted = tuple(dict.fromkeys([entry.msgstr.strip(), *[f for f in also if f]]))
            terms.append(Term(entry.msgid.strip(), entry.msgstr.strip(), accepted, line,
                              _phrase(entry.msgid, _portuguese_forms),
                              tuple(_phrase(a, _english_forms) for a in accepted)))
        return cls(terms, str(path))

    def missing(self, portuguese: str, english: str) -> list[Term]:
        """Terms that ``portuguese`` uses and ``english`` does not render (markup and code left out)."""
        # Hyphens join words ("file-system-consistent"): compare them as spaces.
        pt, en = (fold(_MARKUP.sub(" ", text)).replace("-", " ") for text in (portuguese, english))
        return [term for term in self.terms if term.in_portuguese(pt) and not term.in_english(en)]


def _line_of(lines: list[str], msgid: str) -> int:
    wanted = f'msgid "{msgid}"'
    return next((n for n, line in enumerate(lines, 1) if line.strip() == wanted), 1)


def check_glossary(article, translations, glossary: Glossary, problems) -> int:
    """Warn (``path:line``) for each reviewed segment whose English lacks a glossary term; returns how many."""
    from .po_files import segments

    count = 0
    for segment in segments(article):
        english, status = translations.get(segment.key, segment.text)
        if status != "ok":
            continue
        for term in glossary.missing(segment.text, english):
            forms = " or ".join(repr(a) for a in term.accepted)
            problems.warn(article.path, segment.line,
                          f"English of {segment.key!r} lacks {forms}, the glossary's English for "
                          f"{term.portuguese!r} ({glossary.path}:{term.line})")
            count += 1
    return count
