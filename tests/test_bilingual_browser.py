"""Issue 4's "done when", in headless Chromium: one URL per page, both languages in it, a toggle that remembers.

Visibility is what counts here: both languages are always in the HTML, so each
assertion reads what is *shown* (``inner_text`` of visible elements, the TOC,
the title) rather than what is present.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

FSFREEZE = "errors/UserErrorFsFreezeFailed/"

MISMATCHED_LANG_JS = """
(root) => {
  const active = document.documentElement.getAttribute("data-kb-lang");
  const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
  const wrong = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.checkVisibility()) continue;
    if (el.closest("[data-l10n]")) continue;  // a segment shown in Portuguese on purpose, with its note
    const lang = el.closest("[lang]").getAttribute("lang");
    if (lang !== active) wrong.push(lang + ": " + node.textContent.trim().slice(0, 60));
  }
  return wrong;
}
"""


def lang_of(page) -> str:
    return page.evaluate("document.documentElement.getAttribute('data-kb-lang')")


def shown(page, selector: str) -> str:
    """The visible text of every visible element matching ``selector``, joined."""
    return "\n".join(t.strip() for t in page.locator(selector).filter(visible=True).all_inner_texts() if t.strip())


def toc_labels(page) -> list[str]:
    """The visible table of contents (the drawer's copy of it is hidden on a wide screen)."""
    links = page.locator(".md-nav--secondary a.md-nav__link").filter(visible=True)
    return [t.strip() for t in links.all_inner_texts()]


def toggle(page) -> None:
    page.locator("#kb-lang-toggle").click()


def test_toggle_switches_title_message_and_steps_and_back(page, base_url, console_errors):
    page.goto(FSFREEZE)
    assert lang_of(page) == "pt-BR"
    assert page.title().startswith("UserErrorFsFreezeFailed – Falha ao congelar")
    assert shown(page, ".kb-subtitle").startswith("Falha ao congelar um ou mais pontos de montagem")
    assert "Falha ao congelar" in shown(page, ".kb-message-text")
    assert "Desmonte os dispositivos" in shown(page, ".kb-resolution")
    assert page.locator("#kb-lang-toggle").inner_text() == "English"

    url = page.url
    page.evaluate("window.kbNoReload = true")
    toggle(page)
    assert page.url == url + "?lang=en"  # the choice is in the address too ...
    assert page.evaluate("window.kbNoReload") is True  # ... and the page was not reloaded
    assert lang_of(page) == "en" and page.evaluate("document.documentElement.lang") == "en"
    assert page.title() == ("UserErrorFsFreezeFailed – Failed to freeze one or more mount points of the VM "
                            "to take a file-system-consistent snapshot - Azure VM backup errors")
    assert shown(page, ".kb-subtitle").startswith("Failed to freeze one or more mount points")
    message = shown(page, ".kb-message-text")
    assert "Failed to freeze" in message and "Falha" not in message
    steps = shown(page, ".kb-resolution")
    assert "Unmount the devices" in steps and "Desmonte" not in steps
    assert "tune2fs -l /dev/sdb1" in steps  # identifiers survive translation
    assert page.locator("#kb-lang-toggle").inner_text() == "Português"

    toggle(page)
    assert lang_of(page) == "pt-BR"
    assert page.title().startswith("UserErrorFsFreezeFailed – Falha ao congelar")
    assert "Desmonte os dispositivos" in shown(page, ".kb-resolution")
    assert "Unmount" not in shown(page, ".kb-resolution")
    assert console_errors == []


def test_choice_survives_navigation_reload_and_a_new_tab(page, base_url):
    page.goto(FSFREEZE)
    toggle(page)
    page.locator(".kb-crumbs a", has_text="Backup").click()
    page.wait_for_url(re.compile(r"/categories/backup-azure-vms-troubleshoot/backup/$"))
    assert lang_of(page) == "en"
    assert page.locator("article h1").inner_text() == "Backup"
    assert "Failed to freeze one or more mount points" in shown(page, "table.kb-catalog")
    page.reload()
    assert lang_of(page) == "en"
    assert page.title() == "Backup - Azure VM backup errors"
    other = page.context.new_page()
    other.goto(base_url + "errors/320001/")
    assert lang_of(other) == "en"
    assert shown(other, ".kb-subtitle").startswith("Could not perform the operation because the VM no longer exists")
    other.close()


def test_lang_parameter_overrides_the_stored_choice(page, base_url):
    page.goto(FSFREEZE + "?lang=en")
    assert lang_of(page) == "en"
    assert shown(page, ".kb-subtitle").startswith("Failed to freeze")
    page.goto(FSFREEZE + "?lang=pt-BR")
    assert lang_of(page) == "pt-BR"
    assert shown(page, ".kb-subtitle").startswith("Falha ao congelar")
    page.goto(FSFREEZE)  # the last link's choice is remembered
    assert lang_of(page) == "pt-BR"


def test_default_is_portuguese(page, base_url):
    page.goto("")
    assert lang_of(page) == "pt-BR" and page.evaluate("document.documentElement.lang") == "pt-BR"
    assert page.locator("article h1").inner_text() == "Erros de backup de VMs do Azure"
    assert page.title() == "Erros de backup de VMs do Azure"
    toggle(page)
    assert page.title() == "Azure VM backup errors"
    assert page.locator("article h1").inner_text() == "Azure VM backup errors"


def test_toc_shows_only_the_active_language(page, base_url):
    page.goto(FSFREEZE)
    assert toc_labels(page) == ["Mensagem de erro", "Resolução", "Erros relacionados", "Origem"]
    assert page.locator(".md-nav--secondary .md-nav__title").inner_text().strip() == "Índice"
    toggle(page)
    assert toc_labels(page) == ["Error message", "Resolution", "Related errors", "Source"]
    assert page.locator(".md-nav--secondary .md-nav__title").inner_text().strip() == "Table of contents"
    toggle(page)
    assert toc_labels(page) == ["Mensagem de erro", "Resolução", "Erros relacionados", "Origem"]


def test_topic_toc_follows_the_language(page, base_url):
    page.goto("topics/backup-azure-vms-troubleshoot/vm-agent/?lang=en")
    labels = toc_labels(page)
    assert "Set up the VM Agent" in labels and "Update the VM Agent" in labels
    assert not any("agente" in label for label in labels)


def test_nav_labels_breadcrumbs_and_catalog_listings_follow(page, base_url):
    page.goto("categories/backup-azure-vms-troubleshoot/common-vm-backup-errors/")
    primary = shown(page, ".md-nav--primary")
    assert "Erros comuns de backup de VM" in primary and "Categorias" in primary
    toggle(page)
    primary = shown(page, ".md-nav--primary")
    assert "Common VM backup errors" in primary and "Categories" in primary and "Topics" in primary
    assert "Erros comuns" not in primary and "Categorias" not in primary
    assert shown(page, ".kb-crumbs") == "Home"
    rows = page.locator("table.kb-catalog tbody tr")
    assert rows.count() == 10
    listing = shown(page, "table.kb-catalog")
    assert "The VM Agent is not present on the virtual machine" in listing
    assert "O agente de VM" not in listing
    assert shown(page, "table.kb-catalog thead") == "Code\tError"

    page.goto(FSFREEZE)
    assert shown(page, ".kb-crumbs") == "Home › Backup"
    assert "Previous:" in shown(page, ".kb-prevnext")
    assert page.locator(".kb-crumbs").get_attribute("aria-label") == "Breadcrumb"
    page.goto("")
    assert "Common VM backup errors" in shown(page, "ul.kb-categories")


@pytest.mark.parametrize("path", ["", "categories/backup-azure-vms-troubleshoot/backup/", FSFREEZE, "errors/ExtensionSnapshotFailedCOM/", "topics/backup-azure-vms-troubleshoot/vm-agent/", "codes/"])
@pytest.mark.parametrize("lang", ["pt-BR", "en"])
def test_every_visible_text_carries_the_right_lang(page, base_url, path, lang):
    page.goto(f"{path}?lang={lang}")
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate(MISMATCHED_LANG_JS, "article") == []
    assert page.evaluate(MISMATCHED_LANG_JS, ".md-sidebar--primary") == []
    assert page.evaluate(MISMATCHED_LANG_JS, ".md-sidebar--secondary") == []
    hidden = "kb-en" if lang == "pt-BR" else "kb-pt"
    assert page.locator(f"article .{hidden}").first.is_hidden()


def test_the_lang_check_sees_portuguese_shown_in_english_mode(page, base_url):
    """Control for the test above: force the Portuguese copies visible in English mode and it must complain."""
    page.goto(FSFREEZE + "?lang=en")
    # Through the CSSOM: the pages' Content-Security-Policy refuses an injected <style> element.
    page.evaluate("""() => document.querySelectorAll(".kb-pt").forEach(
        el => el.style.setProperty("display", "inline", "important"))""")
    wrong = page.evaluate(MISMATCHED_LANG_JS, "article")
    assert any(w.startswith("pt-BR: Falha ao congelar") for w in wrong)


def test_language_is_chosen_before_the_page_script_runs(page, base_url):
    """The head script and CSS pick the language; blocking kb.js entirely still shows English, so nothing waits for it."""
    page.goto(FSFREEZE + "?lang=en")
    page.route(re.compile(r"/assets/kb\.js$"), lambda route: route.abort())
    page.goto(FSFREEZE)
    assert page.locator("#kb-lang-toggle[data-kb-ready]").count() == 0  # proof that kb.js did not run
    assert lang_of(page) == "en"
    assert shown(page, ".kb-subtitle").startswith("Failed to freeze")
    assert page.locator(".kb-subtitle .kb-pt").is_hidden()
    # The theme's labels are in the HTML in both languages: the header, sidebar and TOC are English already.
    assert shown(page, ".md-header__topic .md-ellipsis").startswith("Azure VM backup errors")
    assert "Categories" in shown(page, ".md-nav--primary")
    assert "Resolution" in toc_labels(page)
    assert shown(page, "#kb-lang-toggle") == "Português"


def test_copy_buttons_follow_the_language(page, base_url):
    page.goto("errors/ExtensionSnapshotFailedCOM/")
    labels = [t.strip() for t in page.locator(".kb-copy").all_inner_texts()]
    assert labels == ["Copiar"] * 3
    toggle(page)
    labels = [t.strip() for t in page.locator(".kb-copy").all_inner_texts()]
    assert labels == ["Copy"] * 3


def test_works_from_file_url_too(page, offline_dir):
    start = (offline_dir / "errors" / "UserErrorFsFreezeFailed.html").as_uri()
    page.goto(start)
    assert lang_of(page) == "pt-BR"
    toggle(page)
    assert shown(page, ".kb-subtitle").startswith("Failed to freeze")
    assert toc_labels(page) == ["Error message", "Resolution", "Related errors", "Source"]
    page.locator(".kb-crumbs a", has_text="Backup").click()
    page.wait_for_url(re.compile(r"/categories/backup-azure-vms-troubleshoot/backup\.html$"))
    assert lang_of(page) == "en"
    assert page.locator("article h1").inner_text() == "Backup"
    page.reload()
    assert lang_of(page) == "en"
    page.goto((offline_dir / "index.html").as_uri() + "?lang=pt-BR")
    assert lang_of(page) == "pt-BR"
    assert page.locator("article h1").inner_text() == "Erros de backup de VMs do Azure"


def test_header_page_title_follows_the_language(page, base_url):
    """The page title that Material's header shows after scrolling is the active language's."""
    page.goto(FSFREEZE)
    topic = page.locator('.md-header__topic[data-md-component="header-topic"] .md-ellipsis')
    assert topic.inner_text().startswith("UserErrorFsFreezeFailed – Falha ao congelar")
    toggle(page)
    assert topic.inner_text().startswith("UserErrorFsFreezeFailed – Failed to freeze")
    assert topic.locator(".kb-en").get_attribute("lang") == "en"
    toggle(page)
    assert topic.inner_text().startswith("UserErrorFsFreezeFailed – Falha ao congelar")
