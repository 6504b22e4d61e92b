"""Redirects for retired codes: ``errors/<retired code>/`` pages that send an old address to its new home.

``redirects.txt`` (next to the source articles) keeps the address of a code that
left the articles: each line names the retired code and the code or page that
replaced it, and ``errors/<retired code>/`` becomes a page that redirects there.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..parse.codes import fold
from .error_pages import Site, front_matter
from ..problems import Problems
from .html import relative
from .ui import both, code_heading, ui
from ..urls import entry_path

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
