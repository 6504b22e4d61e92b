"""The prebuilt search index: every page's text in both languages, indexed with lunr.py, shipped as ``.js``.

The browser never builds an index; it loads these with ``lunr.Index.load``:

- ``assets/kb-search-quick.js`` sets ``window.KB_SEARCH_QUICK``: the documents
  (path, kind, codes, titles, group) and a small index of codes and titles,
  loaded first so that the first result comes fast at any size;
- ``assets/kb-search-full.js`` sets ``window.KB_SEARCH_FULL``: the index of
  codes, titles and text, and a short text excerpt per document for snippets;
- ``assets/lunr/``: lunr.js 2.3.9 and lunr-languages, copied from the installed
  mkdocs package (they are not kept in this repository).

They are ``.js`` files assigning globals because browsers refuse to fetch JSON
from ``file://``. Document refs are base-36 positions in the document list.
"""

from __future__ import annotations

import gzip
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from lunr.builder import Builder
from lunr.index import Index

from ..model import Block, CodeBlock, HtmlBlock, ListBlock, Note, Paragraph, TableBlock
from ..pages.error_pages import Site, plain
from .terms import LUNR_FILES, code_terms, index_words, lunr_dir, pipeline, search_pipeline
from ..pages.ui import UI
from ..urls import category_path, page, topic_path

QUICK_FIELDS: list[tuple[str, int]] = [("c", 5), ("tp", 3), ("te", 3)]
"""Field and boost of the quick index: codes and titles."""
FULL_FIELDS: list[tuple[str, int]] = QUICK_FIELDS + [("bp", 1), ("be", 1)]
"""Field and boost of the full index: codes, titles and text."""
SNIPPET_CHARS = 200
KINDS = {"error": "e", "topic": "t", "category": "g", "page": "p"}


@dataclass(frozen=True)
class SearchDoc:
    """One searchable page (or section of a page)."""

    path: str
    """Site path, as the code table writes it (``errors/X/`` or ``errors/X.html``, maybe with ``#anchor``)."""
    kind: str
    """``error``, ``topic``, ``category`` or ``page``."""
    codes: tuple[str, ...]
    title: tuple[str, str]
    """Plain-text title, Portuguese and English."""
    body: tuple[str, str]
    """Plain text of everything else on the page, Portuguese and English."""
    group: tuple[str, str]
    """What results show as its category."""


def block_text(blocks: Sequence[Block]) -> list[str]:
    """Every text of ``blocks`` as inline markdown, code blocks included."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.append(item.text)
                out += block_text(item.children)
        elif isinstance(block, Note):
            out += block_text(block.blocks)
        elif isinstance(block, TableBlock):
            out += [cell for row in (block.header, *block.rows) for cell in row]
        elif isinstance(block, CodeBlock):
            out.append(block.code.replace("`", "'"))
        elif isinstance(block, HtmlBlock):
            out.append(block.html)
    return out


def _join(texts: Sequence[str]) -> str:
    return " ".join(t for t in (plain(x) for x in texts) if t)


def _both_blocks(site: Site, article: str, prefix: str, blocks: Sequence[Block]) -> tuple[str, str]:
    english = site.loc.blocks(article, prefix, tuple(blocks))
    return _join(block_text(blocks)), _join(block_text(english))


def _entry_doc(site: Site, entry) -> SearchDoc:
    prefix = f"entry:{entry.id}"
    article = site.articles[entry.path]
    category = next(c for c in article.categories if c.id == entry.category)
    pt: list[str] = []
    en: list[str] = []
    title = plain(entry.title).rstrip(" .")
    for n, message in enumerate(entry.messages):
        if message.message and message.message != entry.title and plain(message.message).rstrip(" .") != title:
            pair = site.title(entry.path, f"{prefix}:message:{n}", message.message)
            pt.append(pair[0])
            en.append(pair[1])
    for n, detail in enumerate(entry.details):
        pair = site.title(entry.path, f"{prefix}:detail:{n}", detail)
        pt.append(pair[0])
        en.append(pair[1])
    steps = _both_blocks(site, entry.path, f"{prefix}:step", entry.resolution)
    return SearchDoc(
        path=site.entry_url(entry.id), kind="error", codes=tuple(entry.codes),
        title=site.title(entry.path, f"{prefix}:title", entry.title),
        body=(_join([*pt, steps[0]]), _join([*en, steps[1]])),
        group=site.title(entry.path, f"category:{category.id}:title", category.title),
    )


def documents(site: Site) -> list[SearchDoc]:
    """Errors, categories, topics and the home, A–Z and lookup pages, in a stable order."""
    du = site.directory_urls
    docs = [_entry_doc(site, entry) for entry in site.catalog.entries]
    for article in site.catalog.articles:
        for category in article.categories:
            if site.by_category.get(category.key):
                docs.append(SearchDoc(
                    path=category_path(category, du), kind="category", codes=(),
                    title=site.title(article.path, f"category:{category.id}:title", category.title),
                    body=_both_blocks(site, article.path, f"category:{category.id}:text", category.blocks),
                    group=UI["categories"],
                ))
    for topic in site.catalog.topics:
        parent = site.topics.get(topic.parent_key)
        group = site.title(parent.path, f"topic:{parent.id}:title", parent.title) if parent else UI["topics"]
        docs.append(SearchDoc(
            path=topic_path(topic, site.topics, du), kind="topic", codes=(),
            title=site.title(topic.path, f"topic:{topic.id}:title", topic.title),
            body=_both_blocks(site, topic.path, f"topic:{topic.id}:text", topic.blocks),
            group=group,
        ))
    intro = [_both_blocks(site, a.path, "intro", a.intro) for a in site.catalog.articles]
    docs.append(SearchDoc("" if du else "index.html", "page", (), UI["site_name"],
                          (" ".join(p for p, _ in intro), " ".join(e for _, e in intro)), UI["home"]))
    docs.append(SearchDoc(page("codes", du), "page", (), UI["code_index"], UI["error_codes"], UI["home"]))
    docs.append(SearchDoc(page("go", du), "page", (), UI["lookup_title"], UI["lookup"], UI["home"]))
    return docs


def ref(n: int) -> str:
    """The short ref of the n-th document: its position in base 36."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, rest = divmod(n, 36)
        out = digits[rest] + out
        if n == 0:
            return out


def build_index(docs: Sequence[SearchDoc], fields: Sequence[tuple[str, int]]) -> Index:
    """A lunr.py index of ``docs`` over ``fields``; no metadata (no positions) is kept."""
    builder = Builder()
    names = [name for name, _ in fields]
    builder.pipeline = pipeline(names)
    builder.search_pipeline = search_pipeline()
    builder.ref("id")
    for name, boost in fields:
        builder.field(name, boost=boost)
    for n, doc in enumerate(docs):
        values = {
            "c": [term for code in doc.codes for term in code_terms(code)],
            "tp": index_words(doc.title[0]), "te": index_words(doc.title[1]),
            "bp": index_words(doc.body[0]), "be": index_words(doc.body[1]),
        }
        builder.add({"id": ref(n), **{name: values[name] for name in names}})
    return builder.build()


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The start of ``text``, cut at a word boundary."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,.;:") + "\u2026"


def search_parts(site: Site) -> Iterator[tuple[str, str, dict]]:
    """(file name, global name, contents) of the quick file, then of the full one.

    Each index is built when its file is asked for, so a large build holds one at a time.
    """
    docs = documents(site)
    groups: list[tuple[str, str]] = []
    for doc in docs:
        if doc.group not in groups:
            groups.append(doc.group)
    yield "kb-search-quick.js", "KB_SEARCH_QUICK", {
        "docs": [[d.path, KINDS[d.kind], list(d.codes), list(d.title), groups.index(d.group)] for d in docs],
        "groups": [list(g) for g in groups],
        "index": build_index(docs, QUICK_FIELDS).serialize(),
    }
    yield "kb-search-full.js", "KB_SEARCH_FULL", {
        "index": build_index(docs, FULL_FIELDS).serialize(),
        "snippets": [[snippet(d.body[0]), snippet(d.body[1])] for d in docs],
    }


def search_data(site: Site) -> tuple[dict, dict]:
    """The contents of the quick and the full file."""
    quick, full = (data for _, _, data in search_parts(site))
    return quick, full


def script(name: str, data: dict) -> str:
    """A ``.js`` file that assigns ``data`` to ``window.<name>`` (deterministic JSON).

    The JSON is passed to ``JSON.parse`` as a string: browsers parse that far
    faster than the same data written as an object literal (1.7x for a 35 MB
    index), and it can only ever be data.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    literal = json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{name}=JSON.parse({literal});\n"


def write_search(site: Site, site_dir: Path, offline=None) -> list[str]:
    """Write the index files and the lunr files into the built site; returns lines for the build log.

    Given an ``OfflineSite``, its quick file is written too: the same with the documents' paths mapped
    (the indexes refer to documents by position, so they are the same in both layouts).
    """
    started = time.perf_counter()
    assets = site_dir / "assets"
    (assets / "lunr").mkdir(parents=True, exist_ok=True)
    for name, relative in LUNR_FILES.items():
        shutil.copyfile(lunr_dir() / relative, assets / "lunr" / name)
    report = []
    documents_count = 0
    for name, variable, data in search_parts(site):
        content = script(variable, data).encode("utf-8")
        (assets / name).write_bytes(content)
        packed = len(gzip.compress(content, compresslevel=6, mtime=0))
        report.append(f"search index assets/{name}: {len(content):,} bytes ({packed:,} gzip), "
                      f"{len(data['index']['invertedIndex']):,} terms")
        del content
        if "docs" in data:
            documents_count = len(data["docs"])
            if offline is not None:
                docs = [[offline.path(doc[0]), *doc[1:]] for doc in data["docs"]]
                offline.write(f"assets/{name}", script(variable, {**data, "docs": docs}).encode("utf-8"))
        del data
    report.append(f"search index: {documents_count:,} documents in {time.perf_counter() - started:.2f} s")
    return report
