"""What keeps links from elsewhere working: the OpenSearch description and redirects for retired codes.

``opensearch.xml`` lets a browser add the site as a search engine: a code typed in
the address bar opens ``go/?code=<code>``, which lands on that error's page. Browsers
accept only absolute search templates, so the file (and the ``<link rel="search">``
that points to it, see overrides/main.html) exists only when ``site_url`` is set;
the offline bundle and builds without ``SITE_URL`` have neither.

``redirects.txt`` (next to the source articles) keeps the address of a code that
left the articles: each line names the retired code and the code or page that
replaced it, and ``errors/<retired code>/`` becomes a page that redirects there.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from .codes import fold
from .pages import Site, front_matter
from .problems import Problems
from .render import relative
from .ui import both, code_heading, ui
from .urls import entry_path, page

OPENSEARCH_FILE = "opensearch.xml"
OPENSEARCH_TYPE = "application/opensearchdescription+xml"
SHORT_NAME = "Azure VM backup"
"""OpenSearch caps ShortName at 16 characters; the full bilingual name goes in Description."""


def absolute_base(site_url: str | None) -> str | None:
    """``site_url`` with exactly one trailing slash, or None when it is unset or not an http(s) URL."""
    if not site_url:
        return None
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return site_url.rstrip("/") + "/"


def search_template(site_url: str, directory_urls: bool = True) -> str:
    """The lookup URL with OpenSearch's ``{searchTerms}`` placeholder: ``<site>/go/?code={searchTerms}``."""
    return f"{site_url.rstrip('/')}/{page('go', directory_urls)}?code={{searchTerms}}"


def opensearch_xml(site_url: str, names: tuple[str, str], directory_urls: bool = True,
                   short_name: str = SHORT_NAME) -> str:
    """The OpenSearch 1.1 description document for a site published at ``site_url``."""
    if len(short_name) > 16:
        raise ValueError(f"OpenSearch ShortName is limited to 16 characters: {short_name!r}")
    base = site_url.rstrip("/") + "/"
    description = f"{names[0]} / {names[1]}"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/"'
        ' xmlns:moz="http://www.mozilla.org/2006/browser/search/">',
        f"  <ShortName>{escape(short_name)}</ShortName>",
        f"  <Description>{escape(description[:1024])}</Description>",
        "  <InputEncoding>UTF-8</InputEncoding>",
        "  <Language>pt-BR</Language>",
        "  <Language>en</Language>",
        f'  <Url type="text/html" method="get" template={quoteattr(search_template(base, directory_urls))}/>',
        f'  <Url type="{OPENSEARCH_TYPE}" rel="self" template={quoteattr(base + OPENSEARCH_FILE)}/>',
        f"  <moz:SearchForm>{escape(base + page('go', directory_urls))}</moz:SearchForm>",
        "</OpenSearchDescription>",
    ]
    return "\n".join(lines) + "\n"


def write_link_files(site_dir: Path, site_url: str | None, names: tuple[str, str],
                     directory_urls: bool = True) -> dict[str, int]:
    """Write ``opensearch.xml`` when the site has an absolute ``site_url``; returns sizes in bytes."""
    base = absolute_base(site_url)
    if base is None:
        return {}
    target = site_dir / OPENSEARCH_FILE
    target.write_text(opensearch_xml(base, names, directory_urls), encoding="utf-8")
    return {OPENSEARCH_FILE: target.stat().st_size}


# ---- retired codes ------------------------------------------------------------------------------

REDIRECTS_FILE = "redirects.txt"
_RETIRED = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")


@dataclass(frozen=True)
class Redirect:
    """``errors/<code>/`` of a retired code, and the site path that replaced it."""

    code: str
    target: str
    line: int


def _page_name(site_path: str) -> str:
    """``errors/X/``, ``errors/X.html`` and ``errors/X`` all name the page ``errors/X``."""
    path = site_path.split("#")[0].strip("/")
    return path[:-5] if path.endswith(".html") else path


def load_redirects(path: Path, site: Site, page_paths: list[str], problems: Problems,
                   shown: str | None = None) -> list[Redirect]:
    """The redirects of ``path`` (absent file: none), each target resolved to a page of this build.

    A line is ``<retired code> <code or site path>``; ``#`` starts a comment. Lines that
    cannot work (unknown target, a code that still has its page, a repeat) are errors,
    reported against ``shown`` (the path as the user knows it).
    """
    if not path.is_file():
        return []
    shown = shown or path.as_posix()
    pages = {_page_name(p): p for p in page_paths}
    seen: set[str] = set()
    out: list[Redirect] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = raw.split("#", 1)[0].strip()
        if not text:
            continue
        fields = text.split()
        if len(fields) != 2:
            problems.error(shown, number, f"expected '<retired code> <code or page>', got {text!r}")
            continue
        code, target = fields
        if not _RETIRED.match(code):
            problems.error(shown, number, f"{code!r} is not a code (letters, digits, '_', '-' and '.')")
            continue
        if fold(code) in site.catalog.codes or f"errors/{code}" in pages:
            problems.error(shown, number, f"{code} is still a code of the site (errors/{code}/); remove this line")
            continue
        if fold(code) in seen:
            problems.error(shown, number, f"{code} is redirected twice")
            continue
        if fold(target) in site.catalog.codes:
            resolved = site.entry_url(site.catalog.codes[fold(target)])
        elif _page_name(target) in pages:
            resolved = pages[_page_name(target)]
        else:
            problems.error(shown, number, f"{target!r} is neither a code nor a page of the site")
            continue
        seen.add(fold(code))
        out.append(Redirect(code, resolved, number))
    return out


def redirect_pages(site: Site, redirects: list[Redirect]) -> list[tuple[str, list[str]]]:
    """A page at each retired code's old address that sends the reader on (as code aliases do)."""
    by_path = {site.entry_url(e.id): e for e in site.catalog.entries}
    pages = []
    for redirect in redirects:
        path = entry_path(redirect.code, site.directory_urls)
        target = relative(path, redirect.target)
        entry = by_path.get(redirect.target)
        if entry is not None:
            pt, en = site.title(entry.path, f"entry:{entry.id}:title", entry.title)
            head = f"<code>{html.escape(entry.codes[0])}</code> " if entry.codes else ""
            label = head + both(html.escape(pt), html.escape(en))
        else:
            label = f"<code>{html.escape(redirect.target)}</code>"
        out: list[str] = [front_matter(title=redirect.code, title_en=redirect.code, kb_kind="redirect", kb_redirect=target)]
        out.append(code_heading(redirect.code))
        out.append(f'<p class="kb-redirect">{ui("redirecting")} '
                   f'<a href="{html.escape(target)}" id="kb-redirect-link">{label}</a></p>\n')
        pages.append((path, out))
    return pages
