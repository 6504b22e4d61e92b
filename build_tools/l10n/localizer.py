"""The English of every segment of every article: the one lookup that pages, search and data files go through."""

from __future__ import annotations

from pathlib import Path

from ..model import Block
from ..parse.blocks import map_texts
from ..parse.catalog import Catalog
from .po_files import Translations, catalog_path


class Localizer:
    """English for any segment of any article of a catalog."""

    def __init__(self, catalog: Catalog, translations_dir: Path | None) -> None:
        self.by_article = {
            a.path: Translations(a, catalog_path(translations_dir, a) if translations_dir else None)
            for a in catalog.articles
        }

    def get(self, article_path: str, key: str, text: str) -> tuple[str, str]:
        """``(english, status)``; english is empty unless status is ``ok`` or ``outdated``."""
        return self.by_article[article_path].get(key, text)

    def english(self, article_path: str, key: str, text: str) -> str | None:
        """The current English of a segment, or None when it is missing or outdated."""
        english, status = self.get(article_path, key, text)
        return english if status == "ok" else None

    def blocks(self, article_path: str, prefix: str, blocks: tuple[Block, ...], fallback=None) -> tuple[Block, ...]:
        """``blocks`` in English; a segment without current English becomes ``fallback(pt, status)``."""

        def one(text: str, n: int) -> str:
            english, status = self.get(article_path, f"{prefix}:{n}", text)
            if status == "ok":
                return english
            return fallback(text, status) if fallback else text

        return map_texts(blocks, one)
