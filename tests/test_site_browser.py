"""The hosted site in headless Chromium: navigation, permalinks, lookup, 404, copy, accessibility, keyboard.

Each test opens the built site the way a reader does (``base_url`` serves it
on 127.0.0.1 and answers unknown paths with 404.html, as the README tells
hosts to) and asserts what the reader gets.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

FSFREEZE = "errors/UserErrorFsFreezeFailed/"
NOT_FOUND_RESOURCE = "Failed to load resource: the server responded with a status of 404 (Not Found)"
"""What Chromium logs for any 404 response: expected, and only, when a test opens a missing address."""


def url_re(path: str) -> re.Pattern[str]:
    """The page at ``path`` (any query; a #fragment only when ``path`` has one)."""
    return re.compile(r"^http://127\.0\.0\.1:\d+/" + re.escape(path) + (r"(\?[^#]*)?$" if "#" not in path else "$"))


def errors_except_404(console_errors: list[str]) -> list[str]:
    return [e for e in console_errors if NOT_FOUND_RESOURCE not in e]


def visible_h1(page) -> str:
    return page.locator("article h1").inner_text().strip()


# ---- navigation --------------------------------------------------------------


def test_home_to_catalog_to_error_to_the_vm_agent_topic(page, base_url, console_errors):
    page.goto("")
    assert visible_h1(page) == "Erros de backup de VMs do Azure"
    page.locator("ul.kb-categories").get_by_role("link", name="Backup", exact=True).click()
    page.wait_for_url(url_re("categories/backup-azure-vms-troubleshoot/backup/"))
    page.locator("table.kb-catalog a", has_text="UserErrorFsFreezeFailed").click()
    page.wait_for_url(url_re(FSFREEZE))
    assert visible_h1(page) == "UserErrorFsFreezeFailed"
    assert page.locator(".kb-resolution.kb-pt li").count() == 4
    # Its cross-link to the same error as the article's table restates it, then that row's category catalog.
    page.locator(".kb-related a", has_text="Falha do backup ao congelar").click()
    page.wait_for_url(url_re("errors/falha-do-backup-ao-congelar-um-ou-mais-pontos-de-montagem-da/"))
    restated = page.locator(".kb-restates a")
    assert "UserErrorFsFreezeFailed" in restated.inner_text()
    page.locator(".kb-crumbs a", has_text="Erros comuns de backup de VM").click()
    page.wait_for_url(url_re("categories/backup-azure-vms-troubleshoot/common-vm-backup-errors/"))
    page.locator("table.kb-catalog a", has_text="O agente de VM não está presente").first.click()
    page.wait_for_url(url_re("errors/o-agente-de-vm-nao-esta-presente-na-maquina-virtual/"))
    # The source's "#vm-agent" link became a link to the topic page.
    page.locator(".kb-resolution.kb-pt a", has_text="Instalação do Agente da VM").click()
    page.wait_for_url(url_re("topics/backup-azure-vms-troubleshoot/vm-agent/"))
    assert visible_h1(page) == "Agente de VM"
    assert page.locator("#update-the-vm-agent").count() == 1
    assert console_errors == []


def test_breadcrumb_home_link_goes_home(page, base_url, console_errors):
    page.goto(FSFREEZE)
    page.locator(".kb-crumbs a").first.click()
    page.wait_for_url(url_re(""))
    assert visible_h1(page) == "Erros de backup de VMs do Azure"
    assert console_errors == []


@pytest.mark.parametrize("alias,canonical", [
    ("errors/400094/", "errors/320001/"),
    ("errors/ExtensionInstallationFailedCOM/", "errors/ExtensionSnapshotFailedCOM/"),
    ("errors/ExtensionInstallationFailedMDTC/", "errors/ExtensionSnapshotFailedCOM/"),
])
def test_alias_code_lands_on_its_entry(page, base_url, console_errors, alias, canonical):
    page.goto(alias)
    page.wait_for_url(url_re(canonical))
    code = canonical.split("/")[1]
    assert visible_h1(page) == code
    assert alias.split("/")[1] in page.locator(".kb-codes").inner_text()
    assert console_errors == []


def test_alias_keeps_the_language_choice_of_the_link(page, base_url):
    page.goto("errors/400094/?lang=en")
    page.wait_for_url(url_re("errors/320001/"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator(".kb-subtitle .kb-en").is_visible()


# ---- lookup ------------------------------------------------------------------


@pytest.mark.parametrize("query,target", [
    ("usererrorfsfreezefailed", FSFREEZE),
    ("USERERRORFSFREEZEFAILED", FSFREEZE),
    ("400094", "errors/320001/"),
    ("2024-05-02T03:04:05Z ERROR [Backup] Job 9f1 failed: code=ExtensionFailedVssWriterInBadState "
     "(Snapshot operation failed because VSS writers were in a bad state)", "errors/ExtensionFailedVssWriterInBadState/"),
    ('{"status": "Failed", "errorCode": "UserErrorVmNotInDesirableState"}', "errors/UserErrorVmNotInDesirableState/"),
    ("usererrorfsfreezefailed---failed-to-freeze-one-or-more-mount-points-of-the-vm-to-take-a-file-system-consistent-snapshot",
     FSFREEZE),
    ("vm-agent", "topics/backup-azure-vms-troubleshoot/vm-agent/"),
])
def test_go_page_lands_on_the_right_page(page, base_url, console_errors, query, target):
    page.goto("go/?code=" + _quote(query))
    page.wait_for_url(url_re(target))
    assert console_errors == []


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


@pytest.mark.parametrize("anchor,target", [
    ("usererrorvmnotindesirablestate---vm-is-not-in-a-state-that-allows-backups", "errors/UserErrorVmNotInDesirableState/"),
    ("vm-agent", "topics/backup-azure-vms-troubleshoot/vm-agent/"),
    ("linux-vms-2", "topics/backup-azure-vms-troubleshoot/vm-agent/#linux-vms-2"),
    ("jobs", "categories/backup-azure-vms-troubleshoot/jobs/"),
])
def test_source_article_anchor_on_index_html_lands_on_the_page(page, base_url, console_errors, anchor, target):
    page.goto(f"index.html#{anchor}")
    page.wait_for_url(url_re(target))
    if "#" in target:
        assert page.locator("#" + target.split("#")[1]).is_visible()
    assert console_errors == []


def test_unknown_code_on_the_go_page_is_a_friendly_message(page, base_url, console_errors):
    page.goto("go/?code=NoSuchError4242")
    missing = page.locator("#kb-go-result .kb-missing")
    missing.wait_for()
    assert missing.inner_text() == "NoSuchError4242 não está nesta base de conhecimento."
    assert page.locator("#kb-go-code").input_value() == "NoSuchError4242"
    assert url_re("go/").match(page.url)
    assert console_errors == []


# ---- 404.html ----------------------------------------------------------------


@pytest.mark.parametrize("address,target", [
    ("errors/usererrorfsfreezefailed/", FSFREEZE),                     # wrong case
    ("errors/USERERRORFSFREEZEFAILED/index.html", FSFREEZE),
    ("errors/UserErrorFsFreezeFailed.html", FSFREEZE),                 # an offline-bundle link on the hosted site
    ("UserErrorFsFreezeFailed", FSFREEZE),                             # a bare code
    ("400094/", "errors/320001/"),
    ("errors/extensioninstallationfailedmdtc", "errors/ExtensionSnapshotFailedCOM/"),
    ("Categories/Backup-Azure-VMs-Troubleshoot/Backup/", "categories/backup-azure-vms-troubleshoot/backup/"),
    ("errors/O-Trabalho-Nao-Esta-Em-Um-Estado-Cancelavel/", "errors/o-trabalho-nao-esta-em-um-estado-cancelavel/"),
    ("backup-azure-vms-troubleshoot#usererrorfsfreezefailed---failed-to-freeze-one-or-more-mount-points-of-the-vm-to-take-a-file-system-consistent-snapshot",
     FSFREEZE),                                                        # a link written against the source article
])
def test_404_page_resolves_near_misses(page, base_url, console_errors, address, target):
    response = page.goto(address)
    assert response.status == 404  # the server really had nothing there: 404.html did the rest
    page.wait_for_url(url_re(target))
    assert page.locator("#kb-404").count() == 0
    assert errors_except_404(console_errors) == []


def test_404_page_keeps_the_language_and_fragment(page, base_url):
    page.goto("errors/usererrorfsfreezefailed/?lang=en#resolution")
    page.wait_for_url(re.compile(r"/errors/UserErrorFsFreezeFailed/\?lang=en#resolution$"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_role("heading", name="Resolution").is_visible()


def test_404_page_for_an_unknown_code_answers_on_the_spot(page, base_url, console_errors):
    """No detour through go/ (which once said "not found" again): the answer, the scope and the results are here."""
    response = page.goto("errors/NoSuchError4242/")
    assert response.status == 404
    box = page.locator("#kb-404-unknown")
    box.wait_for()
    assert visible_h1(page) == "Página não encontrada"
    assert box.locator(".kb-missing").inner_text() == "NoSuchError4242 não está nesta base de conhecimento."
    assert "/errors/NoSuchError4242/" in page.locator("#kb-404-address").inner_text()
    assert box.locator(".kb-scope").inner_text().startswith("Esta base de conhecimento cobre")
    box.locator(".kb-text-results[data-count]").wait_for()
    assert errors_except_404(console_errors) == []


def test_404_page_in_english(page, base_url):
    page.goto("topics/nothing-here/?lang=en")
    page.locator("#kb-404-unknown").wait_for()
    assert visible_h1(page) == "Page not found"
    assert page.title().startswith("Page not found")
    assert page.locator("#kb-404-unknown .kb-missing").inner_text() == "nothing-here is not in this knowledge base."


# ---- copy button -------------------------------------------------------------


def test_copy_button_copies_the_code(page, base_url, console_errors):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.goto("errors/ExtensionSnapshotFailedCOM/")
    buttons = page.locator(".kb-code .kb-copy")
    assert buttons.count() == 3
    buttons.nth(1).click()
    page.locator(".kb-copy-status", has_text="Copiado").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "ExtensionInstallationFailedCOM"
    page.locator("#kb-lang-toggle").click()
    buttons.nth(2).click()
    page.locator(".kb-copy-status", has_text="Copied").first.wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "ExtensionInstallationFailedMDTC"
    assert buttons.nth(0).inner_text() == "Copy"
    assert console_errors == []


# ---- console, accessibility, keyboard, screenshot -----------------------------


PAGES = ["", "categories/backup-azure-vms-troubleshoot/backup/", "categories/backup-azure-vms-troubleshoot/restore/", "codes/", "go/", "topics/backup-azure-vms-troubleshoot/vm-agent/",
         FSFREEZE, "errors/ExtensionSnapshotFailedCOM/", "errors/320001/",
         "errors/o-agente-de-vm-nao-esta-presente-na-maquina-virtual/"]


def test_no_console_errors_on_any_kind_of_page(page, base_url, console_errors):
    for path in PAGES:
        for lang in ("pt-BR", "en"):
            page.goto(f"{path}?lang={lang}")
            page.wait_for_load_state("load")
            assert page.evaluate("document.documentElement.lang") == lang
    assert console_errors == []


@pytest.mark.parametrize("path", ["", "categories/backup-azure-vms-troubleshoot/backup/", FSFREEZE, "errors/ExtensionSnapshotFailedCOM/",
                                  "topics/backup-azure-vms-troubleshoot/vm-agent/", "errors/NoSuchError4242/"])
@pytest.mark.parametrize("lang", ["pt-BR", "en"])
def test_no_serious_accessibility_violations(page, base_url, path, lang):
    page.goto(f"{path}?lang={lang}")
    page.wait_for_load_state("load")
    if "NoSuch" in path:
        page.locator("#kb-404-unknown").wait_for()  # the 404 page, in its final state
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)


def tab_to(page, selector: str, limit: int = 250) -> int:
    """Press Tab until the focused element matches ``selector``; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"Tab never reached {selector} in {limit} presses")


def test_keyboard_reaches_the_toggle_copy_button_and_content_links(page, base_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.goto(FSFREEZE)
    tab_to(page, "#kb-lang-toggle")
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.getAttribute('data-kb-lang')") == "en"
    assert page.locator(".kb-subtitle .kb-en").is_visible()
    tab_to(page, ".kb-copy")
    page.keyboard.press("Enter")
    page.locator(".kb-copy-status", has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "UserErrorFsFreezeFailed"
    # The content links after the copy button: the related errors; Enter follows the focused one.
    tab_to(page, ".kb-related a")
    href = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    assert page.evaluate("document.documentElement.getAttribute('data-kb-lang')") == "en"


def test_keyboard_reaches_breadcrumbs_and_catalog_rows(page, base_url):
    page.goto("categories/backup-azure-vms-troubleshoot/jobs/")
    tab_to(page, ".kb-crumbs a")
    tab_to(page, "table.kb-catalog a")
    href = page.evaluate("document.activeElement.href")
    assert "/errors/" in href
    page.keyboard.press("Enter")
    page.wait_for_url(href)


def test_focus_is_visible_on_the_toggle_and_copy_button(page, base_url):
    page.goto(FSFREEZE)
    for selector in ("#kb-lang-toggle", ".kb-copy"):
        tab_to(page, selector)
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("none", ""), selector


def test_error_page_screenshot(page, base_url, artifacts):
    page.set_viewport_size({"width": 1280, "height": 900})
    for lang in ("pt-BR", "en"):
        page.goto(f"{FSFREEZE}?lang={lang}")
        page.wait_for_load_state("load")
        shot = artifacts / f"error-page-{lang}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 20_000
