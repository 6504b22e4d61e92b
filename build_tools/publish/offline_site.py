"""The offline site (``.html`` links, for ``file://``), derived page by page from the hosted one.

The hosted site uses directory URLs (``errors/X/``); the offline site is the
same pages at ``errors/X.html``. Rather than build everything twice, the hosted
build hands each finished page to ``OfflineSite.page``, which rewrites its
addresses for the offline layout and writes it; data files are written once per
layout from the same data with their site paths mapped (``OfflineSite.path``).
What changes between the two layouts, and nothing else:

- relative ``href``, ``src`` and ``action`` addresses of tags: resolved against
  the hosted page, mapped to the offline page when they name one, and made
  relative again from the offline page (MkDocs' own offline build leaves a link
  it does not know unchanged, so ``../errors.json`` on ``linking.html`` pointed
  outside the site; here it becomes ``errors.json``);
- the page's root (``base_url``) where the theme and ``main.html`` print it, the
  theme's search worker address, ``data-kb-path`` and the redirect of alias pages;
- with a ``site_url`` (the offline site has none): the canonical link, the
  OpenSearch link and ``kb-site-url`` go, and the sitemap lists no page.

``tests/test_offline_site.py`` compares the result with MkDocs' own build of
``mkdocs.offline.yml``, byte for byte.
"""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import re
import shutil
from pathlib import Path
from typing import Callable, Iterable

from ..pages.csp import fill_policy

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ATTR = re.compile(r'(\s(?:href|src|action)=")([^"]*)(")')
_BASE = re.compile(r'(<meta name="kb-root" content="|__md_scope=new URL\("|"base": ")([^"]*)(")')
_WORKER = re.compile(r'("search": ")([^"]*)(")')
_KB_PATH = re.compile(r'( data-kb-path=")([^"]*)(")')
_REFRESH = re.compile(r'(<meta http-equiv="refresh" content="0; url=)([^"]*)(")')
_REPLACE = re.compile(r'(<script>location\.replace\()("(?:[^"\\]|\\.)*")(\s*\+ location\.search)')
_CANONICAL = re.compile(r'\n[ \t]*<link rel="canonical" href="[^"]*">\n[ \t]*')
"""The canonical link and the indented line the theme's ``{% if %}`` leaves after it."""
_OPENSEARCH = re.compile(r'\n[ \t]*<link rel="search" type="application/opensearchdescription\+xml"[^>]*>')
_SITE_URL = re.compile(r'(<meta name="kb-site-url" content=")[^"]*(")')
_SITEMAP_URL = re.compile(r"[ \t]*<url>.*?</url>\n", re.S)

HOSTED_ONLY = {"404.html", "opensearch.xml"}
"""Files of the hosted site that the offline site does not have: a server's error page, a search engine's description."""


def offline_url(src_uri: str) -> str:
    """The offline site path of a page from its source file name: ``errors/X.md`` → ``errors/X.html``."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri.rsplit(".", 1)[0]
    return stem + ".html"


def _in_tag(html: str, at: int) -> bool:
    """Whether position ``at`` is inside a tag, not in text that shows markup (``&lt;script src="``)."""
    return html.rfind("<", 0, at) > html.rfind(">", 0, at)


def file_relative(from_file: str, target: str) -> str:
    """The address of site file ``target`` from the page file ``from_file`` (both normalized, no folder URLs):
    what ``render.relative`` gives for them, without its general path handling."""
    here = from_file.split("/")[:-1]
    there = target.split("/")
    common = 0
    for a, b in zip(here, there[:-1]):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def _site_path(url: str) -> str:
    """A page URL as site paths are written: MkDocs calls the home page ``./``, the code table ``""``."""
    return "" if url in ("./", ".") else url


def _tojson(text: str) -> str:
    """A JSON string as Jinja's ``tojson`` prints it inside HTML."""
    return (json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("'", "\\u0027"))


class OfflineSite:
    """Writes the offline site into ``out`` while the hosted one is built into ``hosted``."""

    def __init__(self, hosted: Path, out: Path, pages: dict[str, str], site_url: str | None) -> None:
        self.hosted = hosted
        self.out = out
        self.pages = pages
        """Hosted page URL (``errors/X/``, ``""`` for the home page) → offline page URL (``errors/X.html``)."""
        self.site_url = bool(site_url)
        self._cache: dict[tuple[str, str, str], str] = {}
        self.written: set[str] = set()
        """Offline files already written (pages, data files): not copied from the hosted site."""

    @classmethod
    def for_pages(cls, hosted: Path, out: Path, pages: Iterable[tuple[str, str]], site_url: str | None) -> "OfflineSite":
        """``pages`` gives ``(hosted url, source file name)`` of every page."""
        return cls(hosted, out, {_site_path(url): offline_url(src) for url, src in pages}, site_url)

    # ---- paths -------------------------------------------------------------

    def path(self, site_path: str) -> str:
        """The offline site path for a hosted one; a ``#fragment`` is kept, a path that is no page stays."""
        target, hash_, fragment = site_path.partition("#")
        mapped = self.pages.get(target, target)
        return mapped + hash_ + fragment

    def paths(self, mapping: dict[str, str]) -> dict[str, str]:
        """A dict whose values are site paths, with each value mapped."""
        return {key: self.path(value) for key, value in mapping.items()}

    def _address(self, value: str, hosted_url: str, offline_page: str) -> str:
        """One relative address of a hosted page, as the offline page writes it."""
        if not value or value[0] in "#/" or _SCHEME.match(value):
            return value
        if value.startswith("../"):
            # Resolves the same from every page of a folder: the theme's links repeat on every page.
            key = (posixpath.dirname(hosted_url.rstrip("/")), posixpath.dirname(offline_page), value)
            if key not in self._cache:
                self._cache[key] = self._resolve(value, hosted_url, offline_page)
            return self._cache[key]
        return self._resolve(value, hosted_url, offline_page)

    def _resolve(self, value: str, hosted_url: str, offline_page: str) -> str:
        cut = min((i for i in (value.find("?"), value.find("#")) if i >= 0), default=len(value))
        address, rest = value[:cut], value[cut:]
        resolved = posixpath.normpath(posixpath.join(hosted_url, address))
        resolved = "" if resolved == "." else resolved
        is_dir = address.endswith("/") or address in (".", "..") or address.endswith(("/.", "/.."))
        if resolved.startswith("../") or resolved == "..":
            return value  # outside the site: leave it alone
        key = resolved + "/" if is_dir and resolved else resolved
        if key in self.pages:
            target = self.pages[key]
        elif is_dir:
            return value  # a folder that is no page: no offline equivalent to point at
        else:
            target = resolved
        return file_relative(offline_page, target) + rest

    def base(self, offline_page: str) -> str:
        """The page's root as MkDocs prints ``base_url``: ``..`` for ``errors/X.html``, ``.`` at the top."""
        depth = offline_page.count("/")
        return "/".join([".."] * depth) or "."

    # ---- pages -------------------------------------------------------------

    def page(self, html: str, hosted_url: str) -> None:
        """Rewrite one finished hosted page for the offline site and write it."""
        hosted_url = _site_path(hosted_url)
        offline_page = self.pages[hosted_url]
        address: Callable[[re.Match], str] = lambda m: (
            m.group(1) + self._address(m.group(2), hosted_url, offline_page) + m.group(3))
        out = _ATTR.sub(lambda m: address(m) if _in_tag(html, m.start()) else m.group(0), html)
        out = _WORKER.sub(address, out, count=1)
        out = _BASE.sub(lambda m: m.group(1) + self.base(offline_page) + m.group(3), out)
        out = _KB_PATH.sub(lambda m: m.group(1) + self.path(m.group(2)) + m.group(3), out)
        out = _REFRESH.sub(address, out, count=1)
        out = _REPLACE.sub(lambda m: m.group(1) + _tojson(self._address(json.loads(m.group(2)), hosted_url,
                                                                          offline_page)) + m.group(3), out, count=1)
        if self.site_url:
            out = _CANONICAL.sub("", out, count=1)
            out = _OPENSEARCH.sub("", out, count=1)
            out = _SITE_URL.sub(r"\1\2", out, count=1)
        # the policy names this page's own inline scripts, as rewritten here
        self.write(offline_page, fill_policy(out).encode("utf-8", errors="xmlcharrefreplace"))

    def write(self, name: str, content: bytes) -> None:
        """Write one file of the offline site (a page or a data file)."""
        target = self.out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        self.written.add(name)

    # ---- the rest ----------------------------------------------------------

    def finish(self, timestamp: int) -> int:
        """Copy every other file of the hosted site (theme assets, scripts, data that is the same in both) and write
        the sitemap; returns how many files were copied."""
        hosted_pages = {posixpath.join(url, "index.html") if url.endswith("/") or not url else url
                        for url in self.pages}
        copied = 0
        for folder, dirs, names in os.walk(self.hosted):
            dirs.sort()
            rel_folder = Path(folder).relative_to(self.hosted).as_posix()
            for name in sorted(names):
                rel = name if rel_folder == "." else f"{rel_folder}/{name}"
                if (rel in hosted_pages or rel in self.written or rel in HOSTED_ONLY
                        or rel in ("sitemap.xml", "sitemap.xml.gz")):
                    continue
                target = self.out / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(folder) / name, target)
                copied += 1
        self._sitemap(timestamp)
        return copied

    def _sitemap(self, timestamp: int) -> None:
        """The sitemap without site_url lists no page (MkDocs writes it anyway); gzipped as MkDocs does."""
        source = self.hosted / "sitemap.xml"
        if not source.exists():
            return
        text = _SITEMAP_URL.sub("", source.read_text(encoding="utf-8")) if self.site_url else \
            source.read_text(encoding="utf-8")
        self.write("sitemap.xml", text.encode("utf-8"))
        gz_name = str(self.out / "sitemap.xml.gz")
        with open(gz_name, "wb") as handle:
            with gzip.GzipFile(fileobj=handle, filename=gz_name, mode="wb", mtime=timestamp) as packed:
                packed.write(text.encode("utf-8"))
        self.written.add("sitemap.xml.gz")
