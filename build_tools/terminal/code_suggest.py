"""The known codes closest to a code that is not known: typos first, then codes that share its rarer pieces.

``suggest(table, text)``, for every lookup that found nothing (``lookup.py``, the lookup page, 404.html; the
browser's twin is ``suggest`` in ``assets/kb-match.js``, held to this file by the parity test). Standard library
only and Python 3.8 syntax: the offline bundle ships it next to ``lookup.py`` and ``code_match.py``.
"""

from __future__ import annotations

from typing import List, Tuple

if __package__:
    from .code_match import CAMEL, MAX_QUERY_CODES, MAX_SUGGESTIONS, TOKEN, Table, code_pieces, fold
else:  # next to lookup.py in the bundle, run as a script
    from code_match import CAMEL, MAX_QUERY_CODES, MAX_SUGGESTIONS, TOKEN, Table, code_pieces, fold  # type: ignore[no-redef]


def distance(a: str, b: str, bound: int) -> int:
    """Levenshtein distance of ``a`` and ``b`` with adjacent swaps counted once, or ``bound + 1`` when above ``bound``."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    previous2: List[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        low = i
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
            low = min(low, best)
        if low > bound:
            return bound + 1
        previous2, previous = previous, current
    return previous[len(b)] if previous[len(b)] <= bound else bound + 1


def typo_bound(key: str) -> int:
    """How many edits still count as a typo of a code this long."""
    return 1 if len(key) <= 5 else 2 if len(key) <= 12 else 3


def query_codes(text: str) -> List[str]:
    """The words of ``text`` worth comparing with codes: the whole text when it is one word, else the code-shaped ones."""
    raw = str(text).strip().lstrip("#")
    tokens = [t.strip(".") for t in TOKEN.findall(raw)]
    tokens = [t for t in tokens if len(t) >= 3]
    if len(tokens) <= 1:
        return tokens
    shaped = [t for t in tokens if len(CAMEL.findall(t)) >= 3 or "_" in t or fold(t).startswith("0x")
              or (t.isdigit() and len(t) >= 3)]
    out: List[str] = []
    for token in shaped:
        if token not in out:
            out.append(token)
    return out[:MAX_QUERY_CODES]


def suggest(table: Table, text: str, limit: int = MAX_SUGGESTIONS) -> List[str]:
    """The known codes closest to the code-shaped words of ``text``, as written, best first.

    First the ones a few edits away (fewest edits first), then the ones sharing
    the most CamelCase pieces (at least two, or one of six letters or more), leaving
    out pieces that a tenth of all codes share.
    """
    words = query_codes(text)
    if not words:
        return []
    folded = [fold(w) for w in words]
    pieces = [code_pieces(w) for w in words]
    near: List[Tuple[int, str, str]] = []
    shared: List[Tuple[int, int, str, str]] = []
    for key, shown, own in table.pieces():
        close = [d for d, q in ((distance(q, key, typo_bound(q)), q) for q in folded) if d <= typo_bound(q)]
        if close:
            near.append((min(close), key, shown))
            continue
        best = (0, 0, 0)
        for wanted in pieces:
            both = [p for p in own if p in wanted and len(p) >= 2]
            rare = [p for p in both if p not in table.common]
            best = max(best, (len(rare), sum(len(p) for p in rare), len(both)))
        if best[0] >= 2 or best[1] >= 6:
            shared.append((-best[0], -best[1], -best[2], key, shown))
    near.sort()
    shared.sort()
    out = [shown for _, _, shown in near] + [row[-1] for row in shared]
    return [code for n, code in enumerate(out) if code not in out[:n]][:limit]
