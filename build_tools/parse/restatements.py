"""Restatements: the same error told twice in one article, once with a code and once without."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import replace

from .codes import fold
from ..model import ErrorEntry

THRESHOLD = 0.7
"""Share of words two messages must have in common (Jaccard) to be the same error."""

_STOP = frozenset("a o as os de da do das dos e em um uma que para por com no na nos nas ao se the of to".split())


def words(text: str) -> frozenset[str]:
    """Content words of a message, folded: markup, punctuation and stop words removed."""
    plain = re.sub(r"<[^<>]*>|\*\*|`", " ", text)
    return frozenset(w for w in re.findall(r"[a-z0-9+]+", fold(plain)) if w not in _STOP)


def similarity(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def link_restatements(entries: list[ErrorEntry]) -> list[ErrorEntry]:
    """Mark each codeless entry whose message matches a coded entry's message as restating it.

    The best match wins; on a tie the later one (source order). Candidates are found
    through an index of each coded text's rarest words (prefix filtering: two
    sets with Jaccard >= t must share one of the first ``|A| - ceil(t*|A|) + 1``
    words of A in any fixed word order), so articles with thousands of errors
    stay fast.
    """
    texts: list[tuple[int, frozenset[str]]] = []
    for n, entry in enumerate(entries):
        if entry.codes:
            for candidate in (*(m.message for m in entry.messages), entry.title):
                found = words(candidate)
                if found:
                    texts.append((n, found))
    frequency: dict[str, int] = defaultdict(int)
    for _, found in texts:
        for word in found:
            frequency[word] += 1

    def ordered(found: frozenset[str]) -> list[str]:
        return sorted(found, key=lambda w: (frequency.get(w, 0), w))

    index: dict[str, list[int]] = defaultdict(list)
    for position, (_, found) in enumerate(texts):
        for word in ordered(found)[: _prefix(len(found))]:
            index[word].append(position)

    out = []
    for entry in entries:
        if entry.codes or not entry.messages:
            out.append(entry)
            continue
        mine = words(entry.messages[0].message)
        best, score = None, THRESHOLD
        candidates = sorted({p for word in ordered(mine)[: _prefix(len(mine))] for p in index.get(word, ())})
        for position in candidates:
            n, found = texts[position]
            value = len(mine & found) / len(mine | found)
            if value >= score:
                best, score = n, value
        out.append(replace(entry, restates=entries[best].id) if best is not None else entry)
    return out


def _prefix(size: int) -> int:
    return size - math.ceil(THRESHOLD * size - 1e-9) + 1 if size else 0
