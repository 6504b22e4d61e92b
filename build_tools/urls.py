"""Where each record lives in the site: the URL scheme that other wikis link to.

These paths are a public promise (see tests/urls.txt): an entry is at
``errors/<id>/``, every other code of it at ``errors/<code>/`` (a redirect page),
a category at ``categories/<id>/``, a top-level topic at ``topics/<id>/``.
"""

from __future__ import annotations

from .model import Topic


def page(path: str, directory_urls: bool) -> str:
    """A site path for a page named ``path`` (no suffix): ``errors/X/`` or ``errors/X.html``."""
    return f"{path}/" if directory_urls else f"{path}.html"


def entry_path(entry_id: str, directory_urls: bool = True) -> str:
    return page(f"errors/{entry_id}", directory_urls)


def category_path(category_id: str, directory_urls: bool = True) -> str:
    return page(f"categories/{category_id}", directory_urls)


def topic_root(topic: Topic, topics: dict[str, Topic]) -> Topic:
    """The top-level topic whose page holds ``topic``."""
    while topic.parent and topic.parent in topics:
        topic = topics[topic.parent]
    return topic


def topic_path(topic: Topic, topics: dict[str, Topic], directory_urls: bool = True) -> str:
    root = topic_root(topic, topics)
    path = page(f"topics/{root.id}", directory_urls)
    return path if root.id == topic.id else f"{path}#{topic.id}"
