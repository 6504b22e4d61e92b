"""The English a reader meets in Chromium: theme labels, the status page, search counts, mention headings."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

pytestmark = pytest.mark.browser

FSFREEZE = "errors/UserErrorFsFreezeFailed/"

LABELS_JS = """() => ({
  header: document.querySelector(".md-header__inner").getAttribute("aria-label"),
  nav: document.querySelector("nav.md-nav--primary").getAttribute("aria-label"),
  skip: document.querySelector(".md-skip").textContent.trim(),
  toc: document.querySelector(".md-nav--secondary .md-nav__title").textContent.trim(),
  labels: Array.from(document.querySelectorAll("[aria-label]")).map(e => e.getAttribute("aria-label")),
})"""


def test_theme_labels_switch_language_by_the_themes_own_text(page, base_url):
    page.goto(FSFREEZE)
    portuguese = page.evaluate(LABELS_JS)
    assert portuguese["header"] == "Cabeçalho" and portuguese["toc"] == "Índice"
    page.locator("#kb-lang-toggle").click()
    english = page.evaluate(LABELS_JS)
    assert (english["header"], english["nav"], english["skip"], english["toc"]) == (
        "Header", "Navigation", "Skip to content", "Table of contents")
    # No label the page printed in Portuguese is left over in English mode.
    assert not set(english["labels"]) & set(portuguese["labels"]), english["labels"]
    page.locator("#kb-lang-toggle").click()
    assert page.evaluate(LABELS_JS)["header"] == "Cabeçalho"


def test_status_page_in_both_languages_with_a_working_catalog_link(page, base_url):
    page.goto("translation/?lang=en")
    assert page.locator("h1").inner_text().strip() == "Translation status"
    row = page.locator('tr[data-article="backup-azure-vms-troubleshoot"]')
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells[-2] == "100.0%" and cells[2:4] == ["0", "0"]
    href = row.locator("a").get_attribute("href")
    # fetched as the reader's browser follows the link (the page's own policy allows no script requests)
    response = page.request.get(urljoin(page.url, href))
    body = response.text() if response.ok else ""
    assert 'msgctxt "entry:UserErrorFsFreezeFailed:step:1"' in body
    page.goto("translation/?lang=pt-BR")
    assert page.locator("h1").inner_text().strip() == "Estado da tradução"
    assert "Estado da tradução" in page.locator(".md-nav--primary").inner_text()


def test_search_count_says_how_many_are_shown_of_how_many(page, base_url):
    page.goto("?lang=en")
    page.click("#kb-search-input")
    page.wait_for_selector(".kb-search[data-state=full]", state="attached")
    page.fill("#kb-search-input", "backup")
    page.wait_for_function("() => document.querySelector('.kb-search').getAttribute('data-query') === 'backup'")
    status = page.locator(".kb-search-status").inner_text()
    match = re.fullmatch(r"Showing 10 of (\d+) results", status)
    assert match and int(match.group(1)) > 10, status
    page.evaluate("() => window.KB.setLang('pt-BR', false)")
    page.fill("#kb-search-input", "backup ")
    page.wait_for_function("() => document.querySelector('.kb-search').getAttribute('data-query') === 'backup '")
    assert re.fullmatch(rf"Mostrando 10 de {match.group(1)} resultados", page.locator(".kb-search-status").inner_text())
