"""The translation memory: English suggestions for new segments from every reviewed PO entry.

``Memory`` holds (Portuguese, English) pairs from all catalogs. ``exact`` finds
the same Portuguese (spaces aside); ``nearest`` finds the most similar one
above a threshold. Similarity is difflib's ratio on the texts with their
identifiers masked, so two sentences that differ only in a code or a path
count as equal, and ``adapt`` then swaps the suggestion's identifiers for the
new segment's. Candidates come from an index of words, so the cost of a lookup
depends on the few texts that share rare words with it, not on the memory's size.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import polib

from .identifiers import find_identifiers, identifiers

NEAR_THRESHOLD = 0.80
"""Least similarity for a fuzzy suggestion; README's Translating section says how it was chosen."""

KEY_MOVE_THRESHOLD = 0.60
"""Least similarity for a vanished key's English to follow its text to a new key (msgmerge's own fuzzy threshold)."""

CANDIDATES = 12
"""Texts compared character by character per lookup (the best by shared words)."""

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_MASK = "\u2400"


@dataclass(frozen=True)
class Unit:
    portuguese: str
    english: str
    origin: str
    """Where the pair comes from: ``<catalog file> <segment key>``."""


@dataclass(frozen=True)
class Match:
    unit: Unit
    score: float


def normalize(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def masked(text: str) -> str:
    """The text without its identifiers (each becomes one mark), case-folded: what similarity compares."""
    out = normalize(text)
    for value in sorted(identifiers(out), key=len, reverse=True):
        out = out.replace(value, _MASK)
    return out.casefold()


def similarity(a: str, b: str) -> float:
    """0..1, 1 for texts equal once identifiers are masked."""
    return _ratio(masked(a), masked(b))


def _ratio(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio()


class Memory:
    """Reviewed (Portuguese, English) pairs, searchable exactly and by similarity."""

    def __init__(self, units: list[Unit] | None = None) -> None:
        self.units: list[Unit] = []
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._masked: list[str] = []
        self._words: list[frozenset[str]] = []
        self._index: dict[str, list[int]] = defaultdict(list)
        for unit in units or []:
            self.add(unit)

    @classmethod
    def from_catalogs(cls, paths: list[Path]) -> "Memory":
        """Every translated, non-fuzzy entry of the given PO files (obsolete ones too: their English was reviewed)."""
        memory = cls()
        for path in sorted(paths):
            try:
                po = polib.pofile(str(path), wrapwidth=0)
            except (OSError, ValueError, UnicodeDecodeError):
                continue   # the build reports unreadable catalogs; a suggestion source is optional
            for entry in po:
                if entry.msgstr and "fuzzy" not in entry.flags and entry.msgid:
                    memory.add(Unit(entry.msgid, entry.msgstr, f"{path.name} {entry.msgctxt or ''}".strip()))
        return memory

    def add(self, unit: Unit) -> None:
        n = len(self.units)
        self.units.append(unit)
        self._exact[normalize(unit.portuguese)].append(n)
        text = masked(unit.portuguese)
        words = frozenset(_WORD.findall(text))
        self._masked.append(text)
        self._words.append(words)
        for word in words:
            self._index[word].append(n)

    def __len__(self) -> int:
        return len(self.units)

    def exact(self, portuguese: str) -> Unit | None:
        """A unit with the same Portuguese; where several disagree, the English most of them give."""
        found = self._exact.get(normalize(portuguese))
        if not found:
            return None
        votes = Counter(self.units[n].english for n in found)
        best = max(votes.values())
        return next(self.units[n] for n in found if votes[self.units[n].english] == best)

    def nearest(self, portuguese: str, threshold: float = NEAR_THRESHOLD, exclude: set[int] | None = None) -> Match | None:
        """The most similar unit at or above ``threshold`` (ties: the earliest), or None."""
        found = self.nearest_index(portuguese, threshold, exclude)
        return Match(self.units[found[0]], found[1]) if found else None

    def nearest_index(self, portuguese: str, threshold: float, exclude: set[int] | None = None) -> tuple[int, float] | None:
        text = masked(portuguese)
        words = frozenset(_WORD.findall(text))
        if not words:
            return None
        shared: Counter[int] = Counter()
        for word in words:
            postings = self._index.get(word, ())
            # A word in most texts says little about which is close, and would make lookups cost the memory's size.
            if len(postings) > max(64, len(self.units) // 4):
                continue
            for n in postings:
                shared[n] += 1
        ranked = sorted(
            (n for n in shared if not exclude or n not in exclude),
            key=lambda n: (-2 * shared[n] / (len(words) + len(self._words[n])), n),
        )
        best: tuple[int, float] | None = None
        for n in ranked[:CANDIDATES]:
            other = self._masked[n]
            if 2 * min(len(text), len(other)) / (len(text) + len(other)) < threshold:
                continue   # the lengths alone rule it out
            matcher = SequenceMatcher(None, text, other, autojunk=False)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            score = 1.0 if text == other else matcher.ratio()
            if score >= threshold and (best is None or score > best[1]):
                best = (n, score)
        return best


def adapt(english: str, source_pt: str, new_pt: str) -> tuple[str, list[tuple[str, str]]]:
    """``english`` (the translation of ``source_pt``) with its identifiers swapped for those of ``new_pt``.

    Identifiers of the same kind are paired in order where the two texts differ; only those the English
    contains are swapped.
    """
    old_found, new_found = find_identifiers(source_pt), find_identifiers(new_pt)
    pairs: list[tuple[str, str]] = []
    for kind in dict.fromkeys(i.kind for i in old_found):
        old_ids = [i.value for i in old_found if i.kind == kind]
        new_ids = [i.value for i in new_found if i.kind == kind]
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_ids, new_ids, autojunk=False).get_opcodes():
            if tag == "replace" and i2 - i1 == j2 - j1:
                pairs += [(old_ids[i], new_ids[j]) for i, j in zip(range(i1, i2), range(j1, j2))
                          if old_ids[i] in english]
    if not pairs:
        return english, []
    swap = dict(pairs)
    pattern = re.compile("|".join(re.escape(old) for old in sorted(swap, key=len, reverse=True)))
    return pattern.sub(lambda m: swap[m.group(0)], english), pairs
