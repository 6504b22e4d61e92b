"""The translation status page (``translation/``) and the PO catalogs it links to.

Per article: segments translated, fuzzy (outdated, or a translation-memory
suggestion not yet reviewed) and missing, the share translated, and a link to
the article's PO catalog, which the build copies to ``translations/en/`` in the
site. The build prints the same figures (``translate.report_coverage``).
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from ..pages.error_pages import Site, front_matter
from .po_files import LANG, Counts, catalog_path
from ..pages.ui import both, heading, ui
from ..urls import page

PAGE = "translation"
CATALOG_DIR = f"translations/{LANG}"
"""Where the site keeps copies of the PO catalogs."""


def catalog_url(slug: str) -> str:
    return f"{CATALOG_DIR}/{slug}.po"


def status_rows(site: Site) -> list[tuple[str, str, Counts, bool]]:
    """``(article path, slug, counts, has a catalog)`` per article, in catalog order."""
    rows = []
    for article in site.catalog.articles:
        translations = site.loc.by_article[article.path]
        exists = translations.path is not None and translations.path.exists()
        rows.append((article.path, article.slug, translations.counts(), exists))
    return rows


def status_page(site: Site) -> tuple[str, list[str]]:
    """The page: a table with one row per article (and a total when there are several)."""
    path = page(PAGE, site.directory_urls)
    out = [front_matter(title="Estado da tradução", title_en="Translation status", kb_kind="translation")]
    out.append(heading(1, "translation_status", "top"))
    out.append('<div class="kb-status-intro">' + both(
        "A versão em inglês vem dos catálogos PO, um por artigo. Um segmento sem tradução revisada aparece em "
        "português, com um aviso, para quem lê em inglês.",
        "The English comes from the PO catalogs, one per article. A segment without reviewed English is shown "
        "in Portuguese, with a note, to English readers.", "p") + "</div>\n\n")
    head = "".join(f"<th>{ui(key)}</th>" for key in (
        "article", "status_translated", "status_fuzzy", "status_missing", "status_share", "status_po"))
    body = []
    total = Counts(0, 0, 0)
    for article_path, slug, counts, exists in status_rows(site):
        pt, en = site.title(article_path, "article:title", site.articles[article_path].title)
        target = html.escape(_relative(path, catalog_url(slug)))
        po = f'<a href="{target}" download>{html.escape(slug)}.po</a>' if exists else "—"
        body.append(
            f'<tr data-article="{html.escape(slug)}"><td>{both(html.escape(pt), html.escape(en))}</td>'
            + _figures(counts) + f"<td>{po}</td></tr>")
        total = Counts(total.translated + counts.translated, total.fuzzy + counts.fuzzy, total.missing + counts.missing)
    if len(body) > 1:
        body.append(f'<tr class="kb-status-total"><th scope="row">{ui("status_all")}</th>{_figures(total)}<td></td></tr>')
    # A table without a class of its own gets the theme's table style (and its scrolling wrapper on phones).
    out.append(f'<div class="kb-status"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
               '</table></div>\n')
    return path, out


def _figures(counts: Counts) -> str:
    cells = [counts.translated, counts.fuzzy, counts.missing]
    return ("".join(f'<td class="kb-num">{n:,}</td>' for n in cells)
            + f'<td class="kb-num">{counts.percent:.1f}%</td>')


def _relative(from_path: str, to_path: str) -> str:
    from ..pages.html import relative

    return relative(from_path, to_path)


def copy_catalogs(site: Site, translations_dir: Path, site_dir: Path) -> dict[str, int]:
    """Copy each article's PO catalog into the site; returns ``{site path: bytes}``."""
    sizes = {}
    for article in site.catalog.articles:
        source = catalog_path(translations_dir, article)
        if not source.exists():
            continue
        target = site_dir / catalog_url(article.slug)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        sizes[catalog_url(article.slug)] = target.stat().st_size
    return sizes
