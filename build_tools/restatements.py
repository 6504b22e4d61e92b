"""Restatements: the same error told twice in one article, once with a code and once without."""

from __future__ import annotations

import re
from dataclasses import replace

from .codes import fold
from .model import ErrorEntry

THRESHOLD = 0.7
"""Share of words two messages must have in common (Jaccard) to be the same error."""

_STOP = frozenset("a o as os de da do das dos e em um uma que para por com no na nos nas ao se the of to".split())


def words(text: str) -> frozenset[str]:
    """Content words of a message, folded: markup, punctuation and stop words removed."""
    plain = re.sub(r"<[^>]*>|\*\*|`", " ", text)
    return frozenset(w for w in re.findall(r"[a-z0-9+]+", fold(plain)) if w not in _STOP)


def similarity(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def link_restatements(entries: list[ErrorEntry]) -> list[ErrorEntry]:
    """Mark each codeless entry whose message matches a coded entry's message as restating it."""
    coded = [e for e in entries if e.codes]
    out = []
    for entry in entries:
        if entry.codes or not entry.messages:
            out.append(entry)
            continue
        message = entry.messages[0].message
        best, score = None, THRESHOLD
        for other in coded:
            for candidate in (*(m.message for m in other.messages), other.title):
                value = similarity(message, candidate)
                if value >= score:
                    best, score = other, value
        out.append(replace(entry, restates=best.id) if best else entry)
    return out
