"""The published records: ``errors.json``, in both languages, with their URLs.

Its shape is described by ``errors.schema.json`` (``build_tools/publish/errors.schema.json``)
and versioned by ``records.SCHEMA_VERSION``. Site paths are relative to the site root.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..parse.codes import fold
from ..model import Article, ErrorEntry
from ..problems import Problems
from ..parse.catalog import SCHEMA_VERSION, Catalog, to_json
from ..pages.html import without_comments
from ..l10n.localizer import Localizer
from ..urls import MAX_NAME, category_path, entry_path, topic_path

SCHEMA_PATH = Path(__file__).with_name("errors.schema.json")
PUBLISHED_FRONT_MATTER = ("title", "description", "ms.date")
"""Front-matter fields that ``errors.json`` carries; the others (authors, internal notes) stay in the source."""


def text_pair(loc: Localizer, path: str, key: str, text: str) -> dict[str, Any]:
    english = loc.english(path, key, text)
    return {"pt-BR": without_comments(text), "en": None if english is None else without_comments(english)}


def public(value: Any) -> Any:
    """Records as JSON (``to_json``) without HTML comments in their texts; code blocks are kept as written."""
    if isinstance(value, str):
        return without_comments(value)
    if isinstance(value, list):
        return [public(v) for v in value]
    if isinstance(value, dict):
        if value.get("kind") == "code":
            return value
        return {k: public(v) for k, v in value.items()}
    return value


def entry_json(entry: ErrorEntry, article: Article, catalog: Catalog, loc: Localizer, du: bool = True) -> dict[str, Any]:
    prefix = f"entry:{entry.id}"
    category = next(c for c in article.categories if c.id == entry.category)
    return {
        "id": entry.id,
        "url": entry_path(entry.id, du),
        "codes": list(entry.codes),
        "aliases": [entry_path(code, du) for code in entry.codes if code != entry.id and catalog.codes.get(fold(code)) == entry.id and len(code) <= MAX_NAME],
        "title": text_pair(loc, article.path, f"{prefix}:title", entry.title),
        "messages": [
            {
                "code": m.code,
                "text": text_pair(loc, article.path, f"{prefix}:title", m.message)
                if m.message == entry.title else text_pair(loc, article.path, f"{prefix}:message:{n}", m.message),
            }
            for n, m in enumerate(entry.messages)
        ],
        "details": [text_pair(loc, article.path, f"{prefix}:detail:{n}", d) for n, d in enumerate(entry.details)],
        "resolution": {
            "pt-BR": public(to_json(entry.resolution)),
            "en": public(to_json(loc.blocks(article.path, f"{prefix}:step", entry.resolution))),
        },
        "category": {
            "id": category.id,
            "url": category_path(category, du),
            "title": text_pair(loc, article.path, f"category:{category.id}:title", category.title),
        },
        "restates": entry.restates or None,
        "links": [{"target": l.target, "kind": l.kind, "text": without_comments(l.text)} for l in entry.links],
        "source": {"article": article.slug, "path": entry.path, "line": entry.line, "anchor": entry.anchor or None},
    }


def build_feed(
    catalog: Catalog, translations_dir: Path | None, problems: Problems, directory_urls: bool = True,
) -> dict[str, Any]:
    """The whole ``errors.json`` document."""
    loc = Localizer(catalog, translations_dir)
    topics = {t.key: t for t in catalog.topics}
    categories = {c.key: c for a in catalog.articles for c in a.categories}
    entries = []
    for article in catalog.articles:
        entries += [entry_json(e, article, catalog, loc, directory_urls) for e in article.entries]
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [
            {"slug": a.slug, "path": a.path, "title": text_pair(loc, a.path, "article:title", a.title),
             "front_matter": {k: v for k, v in a.front_matter if k in PUBLISHED_FRONT_MATTER}}
            for a in catalog.articles
        ],
        "errors": entries,
        "topics": [
            {"id": t.id, "url": topic_path(t, topics, directory_urls), "parent": t.parent or None,
             "title": text_pair(loc, t.path, f"topic:{t.id}:title", t.title),
             "source": {"path": t.path, "line": t.line, "anchor": t.anchor or None}}
            for t in catalog.topics
        ],
        "codes": {code: entry_path(entry_id, directory_urls) for code, entry_id in sorted(catalog.codes.items())},
        "anchors": {anchor: _anchor_url(owner, topics, categories, directory_urls)
                    for anchor, owner in sorted(catalog.anchors.items())},
    }


def _anchor_url(owner: str, topics: dict, categories: dict, directory_urls: bool) -> str:
    kind, _, ident = owner.partition(":")
    if kind == "entry":
        return entry_path(ident, directory_urls)
    if kind == "topic" and ident in topics:
        return topic_path(topics[ident], topics, directory_urls)
    if kind == "category" and ident in categories:
        return category_path(categories[ident], directory_urls)
    return "" if directory_urls else "index.html"
