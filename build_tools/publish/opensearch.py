"""``opensearch.xml``: the site as a browser search engine, so a code typed in the address bar opens its page.

A search opens ``go/?code=<code>``, which lands on that error's page. Browsers
accept only absolute search templates, so the file (and the ``<link rel="search">``
that points to it, see overrides/main.html) exists only when ``site_url`` is set;
the offline bundle and builds without ``SITE_URL`` have neither.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from ..urls import page

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
