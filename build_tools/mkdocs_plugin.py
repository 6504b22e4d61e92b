"""The one module that talks to MkDocs: hands the generated pages and data files to the build.

Everything else in ``build_tools`` is plain Python, so a move to another static
site generator means rewriting only this file.
"""

from __future__ import annotations

import html
import json
import logging
import zlib
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .parse.codes import fold
from .pages.csp import fill_policy
from .l10n.localizer import Localizer
from .pages.listings import all_pages, src_uri
from .pages.redirects import REDIRECTS_FILE, load_redirects, redirect_pages
from .publish.opensearch import write_link_files
from .pages.error_pages import Site, stash_html, unstash_html
from .problems import Problems
from .parse.catalog import load_catalog, source_paths
from .publish.data_job import DataJob
from .publish.offline_site import OfflineSite
from .publish.data_files import write_data
from .search.index import write_search
from .l10n.glossary import GLOSSARY_FILE, Glossary, check_glossary
from .l10n.po_files import check_identifiers, report_coverage
from .l10n.status_page import copy_catalogs
from .pages.ui import THEME_LABELS_EN, UI, bilingual_chrome, heading_labels
from .urls import category_path, topic_path

log = logging.getLogger("mkdocs.plugins.error_kb")

NAV_LIMIT = 60
"""Most categories (or topics) the sidebar lists; with more, the home page is their list."""


class ErrorKbConfig(Config):
    source_dir = opt.Type(str, default="source_pt")
    """Folder of the pt-BR source articles (every ``*.md`` in it)."""
    translations_dir = opt.Type(str, default="source_pt/translations")
    learn_base_url = opt.Type(str, default="https://learn.microsoft.com/azure/backup/")
    """Published home of the source articles; relative links to other articles resolve against it."""
    offline_dir = opt.Type(str, default="")
    """When set, the hosted build also writes the offline site (``.html`` links) there (``offline_site``)."""


class ErrorKbPlugin(BasePlugin[ErrorKbConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        problems = Problems()
        source = root / self.config.source_dir
        catalog = load_catalog(source_paths(source), problems, root=source)
        translations = root / self.config.translations_dir
        self.translations = translations
        self.site = Site(catalog, Localizer(catalog, translations), config.use_directory_urls,
                         self.config.learn_base_url)
        glossary = Glossary.load(translations / GLOSSARY_FILE, problems)
        for article in catalog.articles:
            tr = self.site.loc.by_article[article.path]
            check_identifiers(article, tr, problems)
            check_glossary(article, tr, glossary, problems)
            log.info(report_coverage(article, tr, problems))
        self.pages = all_pages(self.site)
        retired = load_redirects(root / self.config.source_dir / REDIRECTS_FILE, self.site,
                                 [path for path, _ in self.pages], problems,
                                 f"{self.config.source_dir}/{REDIRECTS_FILE}")
        self.pages += redirect_pages(self.site, retired)
        self.site.retired = {fold(r.code): r.target for r in retired}
        self._report(problems, catalog)
        config.nav = self._nav(config.nav)
        config.extra["kb_nav_en"] = self._nav_en()
        config.extra["kb_theme_en"] = THEME_LABELS_EN
        config.extra["kb_site_name"] = list(UI["site_name"])
        return config

    def _report(self, problems: Problems, catalog) -> None:
        for problem in problems:
            if problem.severity == "warning":
                log.warning(str(problem))
            elif problem.severity == "notice":
                log.info(str(problem))
        if problems.errors:
            raise PluginError("\n".join(str(p) for p in problems.errors))
        if not catalog.entries:
            raise PluginError(f"no error entries found in {self.config.source_dir}/*.md")

    def _nav(self, configured) -> list:
        """Home, categories, topics, the A–Z index, lookup, then the hand-written pages of mkdocs.yml."""
        site = self.site
        categories = []
        for article in site.catalog.articles:
            for category in article.categories:
                if site.by_category.get(category.key):
                    pt, _ = site.title(article.path, f"category:{category.id}:title", category.title)
                    categories.append({html.escape(pt, quote=False): src_uri(category_path(category))})
        # Nav labels are printed as HTML by the theme: escape the plain titles (KB_NAV_EN keeps them plain).
        topics = [{html.escape(site.title(t.path, f"topic:{t.id}:title", t.title)[0], quote=False):
                   src_uri(topic_path(t, site.topics))} for t in site.catalog.topics if not t.parent]
        nav = [{UI["home"][0]: "index.md"}]
        # Every page carries the whole sidebar: past NAV_LIMIT entries a section would make each page (and the
        # build) grow with the number of articles, so it is left to the home page, which lists them all.
        self.nav_sections = {kind: len(items) <= NAV_LIMIT for kind, items in (("categories", categories),
                                                                               ("topics", topics))}
        if categories and self.nav_sections["categories"]:
            nav.append({UI["categories"][0]: categories})
        if topics and self.nav_sections["topics"]:
            nav.append({UI["topics"][0]: topics})
        nav += [{UI["code_index"][0]: "codes.md"}, {UI["lookup_title"][0]: "go.md"}]
        return nav + list(configured or [])

    def _nav_en(self) -> dict[str, str]:
        """Portuguese nav label → English, for the language toggle."""
        site = self.site
        names = {pt: en for pt, en in UI.values() if pt}
        for article in site.catalog.articles:
            for category in article.categories if self.nav_sections["categories"] else ():
                pt, en = site.title(article.path, f"category:{category.id}:title", category.title)
                names[pt] = en
            for topic in article.topics if self.nav_sections["topics"] else ():
                pt, en = site.title(article.path, f"topic:{topic.id}:title", topic.title)
                names[pt] = en
        return names

    def on_serve(self, server, config, builder):
        """``mkdocs serve`` rebuilds when an article, a translation or the redirects file changes."""
        root = Path(config.config_file_path or ".").resolve().parent
        for folder in {root / self.config.source_dir, root / self.config.translations_dir}:
            if folder.is_dir():
                server.watch(str(folder))
        return server

    def on_files(self, files: Files, config) -> Files:
        self.stashed: dict[str, bytes] = {}
        for site_path, markdown in self.pages:
            uri = src_uri(site_path)
            existing = files.get_file_from_path(uri)
            if existing is not None:
                files.remove(existing)
            markdown, fragments = stash_html(markdown)
            # The HTML waits for its page's turn compressed (about a fifth of its size): MkDocs converts every
            # page before it writes the first one, so a large build would hold all of it at once.
            self.stashed[uri] = zlib.compress(json.dumps(fragments).encode("utf-8"), 1)
            files.append(File.generated(config, uri, content=markdown))
        self.pages = []  # held by the files now; the full HTML is in self.stashed until its page is converted
        self.files = files
        self.offline = None
        if self.config.offline_dir and config.use_directory_urls:
            pages = [(f.url, f.src_uri) for f in files.documentation_pages()]
            self.offline = OfflineSite.for_pages(Path(config.site_dir), Path(self.config.offline_dir).resolve(), pages,
                                                 config.site_url)
        # The data files need the records only: with the offline site (make site), a second process writes them
        # while this one renders the pages.
        self.data = DataJob(lambda: self._write_data(config), parallel=self.offline is not None)
        return files

    def _write_data(self, config) -> tuple[list[str], list[str]]:
        """Code table, errors.json, OpenSearch and the search index, for the hosted and the offline site."""
        site_dir = Path(config.site_dir)
        sizes = write_data(self.site, site_dir, self.translations, self.offline)
        sizes.update(write_link_files(site_dir, config.site_url, UI["site_name"], config.use_directory_urls))
        sizes.update(copy_catalogs(self.site, self.translations, site_dir))
        lines = [f"{name}: {size:,} bytes" for name, size in sizes.items()]
        lines += write_search(self.site, site_dir, self.offline)
        return lines, sorted(self.offline.written) if self.offline is not None else []

    def on_post_page(self, output: str, page, config) -> str:
        """The finished page: generated HTML back in, the theme's labels in both languages, the offline copy,
        and the Content-Security-Policy that names the page's inline scripts."""
        # The generated HTML goes in where Python-Markdown left its placeholders, once the page is rendered.
        stashed = self.stashed.pop(page.file.src_uri, None)
        if stashed is not None:
            output = unstash_html(output, json.loads(zlib.decompress(stashed)))
        output = self._bilingual(output, page, config)
        if self.offline is not None:
            self.offline.page(output, page.file.url)  # with its own policy: the rewrite changes inline scripts
        output = fill_policy(output)
        # The page is written once this returns: its body is not needed again, so a large build need not hold
        # every page's HTML at once.
        page.content = None
        page.markdown = None
        page.file.content_string = ""
        return output

    @staticmethod
    def _bilingual(output: str, page, config) -> str:
        """The theme's labels in both languages, and the language switch in the header."""
        names = dict(config.extra["kb_nav_en"])
        toc = {}
        stack = list(page.toc or [])
        while stack:
            item = stack.pop()
            toc[item.id] = html.unescape(item.title)
            stack.extend(item.children)
        names.update(heading_labels(output, toc))
        meta = page.meta or {}
        if meta.get("title") and meta.get("title_en"):
            names[html.unescape(str(meta["title"]))] = str(meta["title_en"])
        return bilingual_chrome(output, names)

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        return fill_policy(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config) -> None:
        try:
            lines, written = self.data.wait()
        except RuntimeError as error:
            raise PluginError(str(error)) from None
        for line in lines:
            log.info(line)
        if self.offline is not None:
            self.offline.written.update(written)
            from mkdocs.utils import get_build_timestamp

            pages = [f.page for f in self.files.documentation_pages() if f.page is not None]
            copied = self.offline.finish(get_build_timestamp(pages=pages))
            log.info(f"offline site: {len(self.offline.pages):,} pages and {copied:,} other files in "
                     f"{self.offline.out}")
