"""Where each record lives in the site: the URL scheme that other wikis link to.

These paths are a public promise (see tests/urls.txt): an entry is at
``errors/<id>/``, every other code of it at ``errors/<code>/`` (a redirect page),
a category at ``categories/<article>/<id>/``, a top-level topic at
``topics/<article>/<id>/``, where ``<article>`` is the article's slug (its path
below ``source_pt``): two articles may both have a ``next-steps`` section. The
unscoped ``categories/<id>/`` and ``topics/<id>/`` (the first scheme) stay as
pages that send the reader on, or let them choose when several articles have one.
"""

from __future__ import annotations

from .model import Category, Topic

MAX_NAME = 200
"""Longest id or code used as a folder or file name in the site (file systems stop at 255 bytes; ".html" and "-2" need room)."""


def page(path: str, directory_urls: bool) -> str:
    """A site path for a page named ``path`` (no suffix): ``errors/X/`` or ``errors/X.html``."""
    return f"{path}/" if directory_urls else f"{path}.html"


def entry_path(entry_id: str, directory_urls: bool = True) -> str:
    return page(f"errors/{entry_id}", directory_urls)


def category_path(category: Category, directory_urls: bool = True) -> str:
    return page(f"categories/{category.article}/{category.id}", directory_urls)


def topic_root(topic: Topic, topics: dict[str, Topic]) -> Topic:
    """The top-level topic whose page holds ``topic`` (``topics`` by key)."""
    while topic.parent and topic.parent_key in topics:
        topic = topics[topic.parent_key]
    return topic


def topic_path(topic: Topic, topics: dict[str, Topic], directory_urls: bool = True) -> str:
    root = topic_root(topic, topics)
    path = page(f"topics/{root.article}/{root.id}", directory_urls)
    return path if root.id == topic.id else f"{path}#{topic.id}"


def legacy_path(kind: str, ident: str, directory_urls: bool = True) -> str:
    """The first scheme's unscoped address of a category or topic: ``categories/<id>/``, ``topics/<id>/``."""
    return page(f"{kind}/{ident}", directory_urls)
