"""How text becomes search terms: words, code pieces and the lunr pipeline functions.

``overrides/assets/kb-search-pipeline.js`` does the same in the browser, function
for function and under the same labels; the browser tests compare the two.

- ``words``: lower-case words of a text. ``COM+``, ``.NET``, ``tune2fs``,
  ``HKEY_LOCAL_MACHINE`` and ``2.6.1198.718`` stay whole (a word may start with
  a dot, hold inner dots and underscores, and end with plus signs);
  ``word_parts`` adds their pieces at indexing time.
- ``code_terms``: what the code field holds for a code, so that
  ``UserErrorFs``, ``FsFreeze`` and ``3200`` find ``UserErrorFsFreezeFailed``
  and ``320001`` by prefix.
- the pipeline (``PIPELINE``): stop words, stemming and accent folding, each
  for the language of the field being indexed or searched.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable

from lunr.pipeline import Pipeline
from lunr.token import Token

from .stem_en import stem_en
from .stem_pt import stem_pt

LETTERS = "a-z\u00df-\u00f6\u00f8-\u024f"
"""Lower-case Latin letters, accented ones included (ß to ɏ, without ÷)."""
WORD_CHARS = f"0-9_{LETTERS}"
WORD_RE = re.compile(rf"\.?[{WORD_CHARS}]+(?:\.[{WORD_CHARS}]+)*\+*")
"""A word of lower-cased text; the same expression as ``WORD`` in kb-search-pipeline.js."""
_STEMMABLE = re.compile(rf"^[{LETTERS}]+$")
_PART_SPLIT = re.compile(r"[._+]+")
CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
"""The pieces of a CamelCase code: ``UserErrorFsFreezeFailed`` gives User, Error, Fs, Freeze, Failed."""
_ASCII_RUN = re.compile(r"[A-Za-z0-9]+")
_COMBINING = re.compile("[\u0300-\u036f]")

CODE_FIELD = "c"
"""Error codes (whole, in CamelCase pieces and as joined suffixes); never stemmed."""
FIELD_LANG = {"tp": "pt", "bp": "pt", "te": "en", "be": "en"}
"""Text fields and their language: titles (``t``) and bodies (``b``), Portuguese and English."""
MAX_INDEXED_WORDS = 20_000
"""Words of one page's text that the index holds (a seed page has a few hundred): each indexed word costs
hundreds of bytes while the index is built, so a page of 50 MB would take gigabytes. Words past the limit
are still on the page, only not searchable."""
MAX_WORDS = 12
"""Words of a query that are searched; a pasted log line needs no more."""
MAX_WORD = 64
"""Characters kept of a query word."""


def normalize(text: str) -> str:
    """NFC and lower case: the form that ``words`` reads."""
    return unicodedata.normalize("NFC", text).lower()


def fold(text: str) -> str:
    """Without accents: ``instantâneo`` gives ``instantaneo``."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def words(text: str) -> list[str]:
    """The words of a text, in order (repeats kept)."""
    return WORD_RE.findall(normalize(text))


def query_words(text: str) -> list[str]:
    """The distinct words of a query, at most ``MAX_WORDS`` of at most ``MAX_WORD`` characters."""
    seen: list[str] = []
    for word in words(text):
        word = word[:MAX_WORD]
        if word not in seen:
            seen.append(word)
            if len(seen) == MAX_WORDS:
                break
    return seen


def camel_split(text: str) -> str:
    """``text`` with CamelCase words cut into their pieces: an unknown code still finds its relatives."""
    return _ASCII_RUN.sub(lambda m: " ".join(CAMEL.findall(m.group(0))), text)


def word_parts(word: str) -> list[str]:
    """``word`` and, when it joins pieces with dots, underscores or plus signs, those pieces."""
    pieces = [p for p in _PART_SPLIT.split(word) if p]
    return [word] + [p for p in pieces if p != word]


def index_words(text: str, limit: int | None = None) -> list[str]:
    """The words of a text to index (its first ``MAX_INDEXED_WORDS``), with the pieces of compound words."""
    limit = MAX_INDEXED_WORDS if limit is None else limit
    out: list[str] = []
    for count, match in enumerate(WORD_RE.finditer(normalize(text))):
        if count == limit:
            break
        out += word_parts(match.group())
    return out


def code_terms(code: str) -> list[str]:
    """``UserErrorFsFreezeFailed`` gives the whole code, its pieces and each run of pieces to the end."""
    pieces = CAMEL.findall(code)
    terms = [code]
    if len(pieces) > 1:
        terms += pieces
        terms += ["".join(pieces[i:]) for i in range(1, len(pieces) - 1)]
    out: list[str] = []
    for term in terms:
        folded = fold(normalize(term))
        if folded and folded not in out:
            out.append(folded)
    return out


# ---- the lunr pipeline --------------------------------------------------


def lunr_dir() -> Path:
    """Where the installed mkdocs package keeps lunr.js and lunr-languages (found without importing MkDocs)."""
    spec = importlib.util.find_spec("mkdocs")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the mkdocs package is not installed: it carries lunr.js")
    return Path(list(spec.submodule_search_locations)[0]) / "contrib" / "search"


LUNR_FILES = {
    "lunr.js": "templates/search/lunr.js",
    "lunr.stemmer.support.js": "lunr-language/lunr.stemmer.support.js",
    "lunr.pt.js": "lunr-language/lunr.pt.js",
}
"""The browser's lunr files, in load order, relative to ``lunr_dir()``."""


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """The stop words lunr.js (English) and lunr.pt.js (Portuguese) filter, read from those files."""
    if lang == "en":
        source = (lunr_dir() / LUNR_FILES["lunr.js"]).read_text(encoding="utf-8")
        match = re.search(r"lunr\.stopWordFilter = lunr\.generateStopWordFilter\(\[(.*?)\]\)", source, re.S)
        found = re.findall(r"'([^']*)'", match.group(1)) if match else []
    else:
        source = (lunr_dir() / LUNR_FILES["lunr.pt.js"]).read_text(encoding="utf-8")
        match = re.search(r"lunr\.pt\.stopWordFilter = lunr\.generateStopWordFilter\('([^']*)'\.split", source)
        found = match.group(1).split(" ") if match else []
    if len(found) < 100:
        raise ValueError(f"could not read the {lang} stop words from {lunr_dir()}")
    return frozenset(found)


def _applies(token: Token, lang: str) -> bool:
    """A language's function works on a token of that language's fields, or of any field when none is named."""
    fields = token.metadata.get("fields") if token.metadata else None
    return not fields or any(FIELD_LANG.get(f) == lang for f in fields)


def _stop(lang: str) -> Callable:
    def stop(token: Token, i: int = 0, tokens: list | None = None) -> Token | None:
        if _applies(token, lang) and str(token) in stop_words(lang):
            return None
        return token

    return stop


def _stem(lang: str, stemmer: Callable[[str], str]) -> Callable:
    def stem(token: Token, i: int = 0, tokens: list | None = None) -> Token | None:
        if _applies(token, lang) and _STEMMABLE.match(str(token)):
            token.update(lambda s, metadata: stemmer(s))
        return token if str(token) else None

    return stem


def fold_token(token: Token, i: int = 0, tokens: list | None = None) -> Token | None:
    token.update(lambda s, metadata: fold(s))
    return token if str(token) else None


PIPELINE: list[tuple[str, Callable]] = [
    ("kb-stop-pt", _stop("pt")),
    ("kb-stop-en", _stop("en")),
    ("kb-stem-pt", _stem("pt", stem_pt)),
    ("kb-stem-en", _stem("en", stem_en)),
    ("kb-fold", fold_token),
]
"""Label and function, in order: the index's pipeline and its search pipeline."""

for _label, _fn in PIPELINE:
    Pipeline.register_function(_fn, _label)


def pipeline(fields: list[str]) -> Pipeline:
    """The indexing pipeline; each language's functions skip the other fields (the code field only folds)."""
    result = Pipeline()
    for label, fn in PIPELINE:
        result.add(fn)
        lang = label.rsplit("-", 1)[-1]
        if lang in ("pt", "en"):
            result.skip(fn, [f for f in fields if FIELD_LANG.get(f) != lang])
    return result


def search_pipeline() -> Pipeline:
    """The search pipeline (serialized in the index): its functions read the fields of the clause."""
    result = Pipeline()
    for _, fn in PIPELINE:
        result.add(fn)
    return result
