"""Searching the prebuilt index: the same steps as ``KBSearchText.search`` in kb-search-pipeline.js.

User input never reaches lunr's query parser (where ``erro:``, ``*``, ``~2`` or
``+-`` are syntax and throw): it is cut into words, and each word becomes a few
programmatic clauses:

- the code field, the word as is and as a prefix (``3200`` finds ``320001``);
- the Portuguese fields and the English fields, through the index's pipeline
  for that language (stop words, stemmer, accent folding);
- the text fields as a prefix, for the last word only (search as you type).

When nothing matches, CamelCase words are cut into pieces and searched again
(an unknown ``UserErrorFsThawFailed`` finds its relatives).

Results are ordered by: a query word equal to one of the document's codes,
then how many of the query words the document matches, then (given the page's
language) whether it matched in that language, then lunr's score, then the ref. The Python side exists to prove the browser's results (the parity
test) and to search from the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from lunr.index import Index
from lunr.query import Query

from .terms import CODE_FIELD, FIELD_LANG, camel_split, fold, normalize, query_words

CODE_EXACT_BOOST = 3
"""Weight of a whole code piece against a prefix of one, within the code field."""
PREFIX_BOOST = 0.5
"""Weight of a word's prefix against the word itself, within the text fields."""
MIN_CODE_PREFIX = 2
MIN_TEXT_PREFIX = 3


@dataclass(frozen=True)
class Hit:
    ref: str
    score: float


def clauses(word: str, last: bool, fields: Sequence[str]) -> list[dict[str, Any]]:
    """The lunr clauses (as keyword arguments) that look for one query word."""
    folded = fold(word)
    out: list[dict[str, Any]] = []
    if CODE_FIELD in fields:
        out.append(dict(term=folded, fields=[CODE_FIELD], use_pipeline=False, boost=CODE_EXACT_BOOST))
        if len(folded) >= MIN_CODE_PREFIX:
            out.append(dict(term=folded, fields=[CODE_FIELD], use_pipeline=False, wildcard=Query.WILDCARD_TRAILING))
    for lang in ("pt", "en"):
        lang_fields = [f for f in fields if FIELD_LANG.get(f) == lang]
        if lang_fields:
            out.append(dict(term=word, fields=lang_fields, use_pipeline=True))
    text_fields = [f for f in fields if f in FIELD_LANG]
    if last and text_fields and len(folded) >= MIN_TEXT_PREFIX:
        out.append(dict(term=folded, fields=text_fields, use_pipeline=False, boost=PREFIX_BOOST,
                        wildcard=Query.WILDCARD_TRAILING))
    return out


def matcher(index: Index, word: str, last: bool) -> Callable[[str, str], bool]:
    """Whether a matched (term, field) pair is one that the clauses of ``word`` look for."""
    folded = fold(word)
    wanted = {}
    for lang in ("pt", "en"):
        fields = [f for f in index.fields if FIELD_LANG.get(f) == lang]
        wanted[lang] = set(index.pipeline.run_string(word, {"fields": fields}))

    def matches(term: str, field: str) -> bool:
        if field == CODE_FIELD:
            return term == folded or (len(folded) >= MIN_CODE_PREFIX and term.startswith(folded))
        lang = FIELD_LANG.get(field)
        if lang is None:
            return False
        return term in wanted[lang] or (last and len(folded) >= MIN_TEXT_PREFIX and term.startswith(folded))

    return matches


def coverage(result: dict[str, Any], matchers: list[Callable[[str, str], bool]]) -> int:
    """How many of the query words a result matched, read from its match data (no query per word)."""
    metadata = result["match_data"].metadata
    return sum(1 for matches in matchers
               if any(matches(term, field) for term, fields in metadata.items() for field in fields))


def _run(index: Index, clause_list: list[dict[str, Any]]) -> list[dict[str, Any]]:
    query = index.create_query()
    for kwargs in clause_list:
        query.clause(**kwargs)
    return index.query(query)


def in_language(result: dict[str, Any], lang: str) -> int:
    """1 when a result matched in a field of language ``lang`` or in the code field, else 0."""
    metadata = result["match_data"].metadata
    return int(any(field == CODE_FIELD or FIELD_LANG.get(field) == lang for fields in metadata.values() for field in fields))


def search(index: Index, codes: Sequence[Sequence[str]], text: str, prefer: str | None = None) -> list[Hit]:
    """Every document matching ``text``, best first; ``codes[n]`` are the codes of the document with ref ``n`` (base 36).

    ``prefer`` (``pt`` or ``en``): among results matching as many words, those that match in
    that language (or by code) come first; both languages are always searched.
    """
    query = query_words(text)
    if not query:
        return []
    per_word = [clauses(w, n == len(query) - 1, index.fields) for n, w in enumerate(query)]
    results = _run(index, [c for cs in per_word for c in cs])
    if not results:
        split = camel_split(text)
        return search(index, codes, split, prefer) if split != text else []
    matchers = [matcher(index, w, n == len(query) - 1) for n, w in enumerate(query)] if len(query) > 1 else []
    cover = {r["ref"]: coverage(r, matchers) if matchers else 1 for r in results}
    folded = {fold(w) for w in query}

    def exact(ref: str) -> int:
        return int(any(fold(normalize(code)) in folded for code in codes[int(ref, 36)]))

    lang = {r["ref"]: in_language(r, prefer) if prefer else 0 for r in results}
    ranked = sorted(results, key=lambda r: (-exact(r["ref"]), -cover[r["ref"]], -lang[r["ref"]], -r["score"], r["ref"]))
    return [Hit(r["ref"], r["score"]) for r in ranked]
