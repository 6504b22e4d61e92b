"""The one module that talks to MkDocs: glue between its events and the stages of ``pipeline``.

``on_config`` runs stages 1–3 (``pipeline.prepare``) and sets the nav; ``on_files`` hands the pages to MkDocs
and starts stages 4–5 (``pipeline.write_data``) in a second process; ``on_post_page`` puts each finished page's
HTML back, writes its offline copy and its Content-Security-Policy; ``on_post_build`` waits for the data files
and finishes the offline site; ``on_serve`` watches the articles and catalogs. Everything else in
``build_tools`` is plain Python, so a move to another static site generator means replacing only this file.
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

from .pages.listings import src_uri
from .pages.error_pages import stash_html, unstash_html
from .pages.csp import fill_policy
from .pages.ui import THEME_LABELS_EN, UI, bilingual_chrome, heading_labels
from .pipeline import Prepared, Settings, prepare, write_data
from .publish.data_job import DataJob
from .publish.offline_site import OfflineSite
from .urls import category_path, topic_path

log = logging.getLogger("mkdocs.plugins.error_kb")

NAV_LIMIT = 60
"""Most categories (or topics) the sidebar lists; with more, the home page is their list."""


class ErrorKbConfig(Config):
    """The ``error-kb`` block of ``mkdocs.yml``: the fields of ``pipeline.Settings``, and where the offline site goes."""

    source_dir = opt.Type(str, default=Settings.source_dir)
    translations_dir = opt.Type(str, default=Settings.translations_dir)
    learn_base_url = opt.Type(str, default=Settings.learn_base_url)
    offline_dir = opt.Type(str, default="")
    """When set, the hosted build also writes the offline site (``.html`` links) there (``offline_site``)."""


class ErrorKbPlugin(BasePlugin[ErrorKbConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        self.settings = Settings(root, self.config.source_dir, self.config.translations_dir, self.config.learn_base_url)
        self.prepared = prepare(self.settings, config.use_directory_urls)
        self.site = self.prepared.site
        self.pages = self.prepared.pages
        for line in self.prepared.coverage:
            log.info(line)
        self._report(self.prepared)
        config.nav = self._nav(config.nav)
        config.extra["kb_nav_en"] = self._nav_en()
        config.extra["kb_theme_en"] = THEME_LABELS_EN
        config.extra["kb_site_name"] = list(UI["site_name"])
        return config

    def _report(self, prepared: Prepared) -> None:
        problems = prepared.problems
        for problem in problems:
            if problem.severity == "warning":
                log.warning(str(problem))
            elif problem.severity == "notice":
                log.info(str(problem))
        if problems.errors:
            raise PluginError("\n".join(str(p) for p in problems.errors))
        if not prepared.site.catalog.entries:
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
        for folder in {self.settings.sources, self.settings.translations}:
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
        """Stages 4–5 for the hosted and the offline site; the offline site's files written, for its tally."""
        lines = write_data(self.prepared, self.settings, Path(config.site_dir), config.site_url, self.offline)
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
