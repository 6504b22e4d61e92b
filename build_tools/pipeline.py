"""The build, written out once: every stage, in order, and what each hands to the next.

    1 sources      source_pt/**/*.md            → Catalog of Article records       parse/
    2 localize     Catalog + translations/en/*.po → English of every segment      l10n/
    3 pages        localized records            → one page per error, list, code  pages/
      (MkDocs and Material render the pages: mkdocs_plugin hands them over and takes each finished page back)
    4 search       localized records            → the prebuilt lunr indexes       search/
    5 data files   localized records            → errors.json, code table, OpenSearch, PO copies   publish/
      offline site each finished page           → build/offline/ (.html links)   publish/offline_site.py
    6 bundle       build/offline/               → dist/<name>-<version>.zip       publish/bundle.py

``build_all`` is ``make site``: one MkDocs run (``publish/mkdocs_run.py``) in which ``mkdocs_plugin`` calls
``prepare`` (stages 1–3) from ``on_config`` and ``write_data`` (stages 4–5) from a second process while the
pages render, then the zip. Nothing here imports MkDocs: driving another static site generator means one new
module that stages ``prepare``'s pages in its content folder, runs its build, and calls ``write_data`` and
``bundle`` on the output (see README, "Another generator").
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .l10n.glossary import GLOSSARY_FILE, Glossary, check_glossary
from .l10n.localizer import Localizer
from .l10n.po_files import check_identifiers, report_coverage
from .l10n.status_page import copy_catalogs
from .pages.error_pages import Site
from .pages.listings import all_pages
from .pages.redirects import REDIRECTS_FILE, load_redirects, redirect_pages
from .pages.ui import UI
from .parse.catalog import Catalog, load_catalog, source_paths
from .parse.codes import fold
from .problems import Problems
from .publish.data_files import write_data as write_data_files
from .publish.opensearch import write_link_files
from .search.index import write_search

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "error-kb"


@dataclass(frozen=True)
class Settings:
    """Where the sources are: the ``error-kb`` plugin block of ``mkdocs.yml``, read by the build and the CLI alike."""

    root: Path
    source_dir: str = "source_pt"
    """Folder of the pt-BR source articles (every ``*.md`` in it and its subfolders), relative to ``root``."""
    translations_dir: str = "source_pt/translations"
    learn_base_url: str = "https://learn.microsoft.com/azure/backup/"
    """Published home of the source articles; relative links to other articles resolve against it."""

    @property
    def sources(self) -> Path:
        return self.root / self.source_dir

    @property
    def translations(self) -> Path:
        return self.root / self.translations_dir

    @classmethod
    def read(cls, root: Path, config_file: str = CONFIG_FILE) -> Settings:
        """The plugin block of ``root/config_file``; the defaults where it names nothing."""
        path = root / config_file
        try:
            config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
        except FileNotFoundError:
            return cls(root)
        for plugin in config.get("plugins") or []:
            if isinstance(plugin, dict) and isinstance(plugin.get(PLUGIN), dict):
                block = plugin[PLUGIN]
                names = ("source_dir", "translations_dir", "learn_base_url")
                return cls(root, **{name: str(block[name]) for name in names if block.get(name)})
        return cls(root)


class _ConfigLoader(yaml.SafeLoader):
    """``mkdocs.yml`` as MkDocs reads it: ``!ENV [NAME, default]`` is the variable's value, or the default."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    import os

    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in values[:-1] if len(values) > 1 else values:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return values[-1] if len(values) > 1 else None


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass
class Prepared:
    """What stages 1–3 hand to the generator: the site's records and its pages, with the problems found."""

    site: Site
    pages: list[tuple[str, list[str]]]
    problems: Problems
    coverage: list[str] = field(default_factory=list)
    """One line per article: how much of it has current English."""


def read_sources(settings: Settings, problems: Problems) -> Catalog:
    """Stage 1: every source article parsed into records, all of them in one catalog."""
    return load_catalog(source_paths(settings.sources), problems, root=settings.sources)


def prepare(settings: Settings, directory_urls: bool = True) -> Prepared:
    """Stages 1–3: sources → catalog → localized records → pages (markdown and HTML parts, by site path)."""
    problems = Problems()
    # 1 sources: the catalog of every article.
    catalog = read_sources(settings, problems)
    # 2 localize: the English of every segment, checked against the identifiers and the glossary.
    site = Site(catalog, Localizer(catalog, settings.translations), directory_urls, settings.learn_base_url)
    glossary = Glossary.load(settings.translations / GLOSSARY_FILE, problems)
    coverage = []
    for article in catalog.articles:
        translations = site.loc.by_article[article.path]
        check_identifiers(article, translations, problems)
        check_glossary(article, translations, glossary, problems)
        coverage.append(report_coverage(article, translations, problems))
    # 3 pages: one per error, category and topic, the listings, and redirects for retired codes.
    pages = all_pages(site)
    retired = load_redirects(settings.sources / REDIRECTS_FILE, site, [path for path, _ in pages], problems,
                             f"{settings.source_dir}/{REDIRECTS_FILE}")
    pages += redirect_pages(site, retired)
    site.retired = {fold(r.code): r.target for r in retired}
    return Prepared(site, pages, problems, coverage)


def write_data(prepared: Prepared, settings: Settings, site_dir: Path, site_url: str | None,
               offline: Any = None) -> list[str]:
    """Stages 4–5 into a built site (and the offline site's copy): data files, then the search index.

    Returns lines for the build log. Reads only the records, so it can run while the pages render.
    """
    site = prepared.site
    # 5 data files: errors.json, the code table and its shards, OpenSearch, the PO catalogs the status page links.
    sizes = write_data_files(site, site_dir, settings.translations, offline)
    sizes.update(write_link_files(site_dir, site_url, UI["site_name"], site.directory_urls))
    sizes.update(copy_catalogs(site, settings.translations, site_dir))
    lines = [f"{name}: {size:,} bytes" for name, size in sizes.items()]
    # 4 search: the prebuilt lunr indexes (the largest of these files, written last).
    lines += write_search(site, site_dir, offline)
    return lines


def build_all(root: Path, bundle: bool = True, site_dir: Path | None = None, dist_dir: Path | None = None,
              strict: bool = True) -> int:
    """``make site``: the hosted site into ``site/``, the offline site into ``build/offline/``, then the bundle.

    One ``mkdocs build`` makes both sites (stages 1–5 run inside it, through the plugin); ``strict=False`` lets
    source warnings through (tests build deliberately bad articles that way).
    """
    from .publish.bundle import make_bundle
    from .publish.mkdocs_run import mkdocs_builds

    site_dir = site_dir or root / "site"
    offline_dir = (site_dir.parent / "build" / "offline") if site_dir != root / "site" else root / "build" / "offline"
    shutil.rmtree(offline_dir, ignore_errors=True)  # as --clean does for site/
    mkdocs_builds(root, [(CONFIG_FILE, site_dir)], strict, env={"KB_OFFLINE_DIR": str(offline_dir.resolve())})
    if bundle:
        # 6 bundle: the offline site, lookup.py and README.txt, zipped reproducibly.
        zip_path = make_bundle(root, offline_dir, dist_dir or root / "dist")
        print(f"offline bundle: {zip_path} ({zip_path.stat().st_size:,} bytes)", file=sys.stderr)
    return 0
