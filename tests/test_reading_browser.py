"""Reading on every screen, in headless Chromium: phone and desktop widths, light and dark schemes.

Every page type (home, an error, a category, the A–Z index, a topic) is opened at 390 and
1280 px in both colour schemes, with the error's link menu open: nothing may stick out
sideways, a phone gives the error message most of the width, the dark scheme follows the
system, axe finds nothing serious. Screenshots of each land in tests/artifacts.
"""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

FSFREEZE = "errors/UserErrorFsFreezeFailed/"
PAGES = {
    "home": "",
    "error": FSFREEZE,
    "error-long-code": "errors/CopyingVHDsFromBackUpVaultTakingLongTime/",
    "category": "categories/backup-azure-vms-troubleshoot/backup/",
    "a-z": "codes/",
    "topic": "topics/backup-azure-vms-troubleshoot/troubleshoot-vm-snapshot-issues/",
}
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")

OVERFLOW_JS = "[document.documentElement.scrollWidth, window.innerWidth]"
BACKGROUND_JS = "getComputedStyle(document.body).backgroundColor"


@pytest.fixture
def open_page(browser, base_url):
    """A page in a fresh context of the given width and colour scheme (the system's preference)."""
    contexts = []

    def opener(path: str, width: int, scheme: str = "light", lang: str | None = None):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                      base_url=base_url)
        contexts.append(context)
        page = context.new_page()
        page.goto(path + (f"?lang={lang}" if lang else ""))
        page.wait_for_load_state("load")
        if page.locator("#kb-links-toggle").count():
            page.click("#kb-links-toggle")
            page.locator("#kb-links-panel").wait_for(state="visible")
        return page

    yield opener
    for context in contexts:
        context.close()


def luminance(css_color: str) -> float:
    """Relative luminance (WCAG) of an ``rgb()``/``rgba()`` colour."""
    r, g, b = (int(v) / 255 for v in re.findall(r"[\d.]+", css_color)[:3])

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_sideways_overflow_scheme_followed_and_screenshot(open_page, artifacts, kind, width, scheme):
    page = open_page(PAGES[kind], width, scheme)
    scroll_width, inner_width = page.evaluate(OVERFLOW_JS)
    assert scroll_width <= inner_width, f"{kind} at {width}px is {scroll_width - inner_width}px too wide"
    if page.locator("#kb-links-panel").count():
        right = page.evaluate("document.getElementById('kb-links-panel').getBoundingClientRect().right")
        assert right <= inner_width, "the open link menu sticks out on the right"
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    dark = luminance(page.evaluate(BACKGROUND_JS)) < 0.05
    assert dark == (scheme == "dark")
    shot = artifacts / f"reading-{kind}-{width}-{scheme}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_accessibility_violations_in_either_scheme(open_page, width, scheme):
    problems = []
    for kind in ("home", "error", "category", "a-z", "topic"):
        page = open_page(PAGES[kind], width, scheme)
        results = Axe().run(page)
        problems += [f"{kind}: {v['id']} ({v['impact']}): {v['help']} — "
                     + "; ".join(n["target"][0] for n in v["nodes"][:4])
                     for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        page.context.close()
    assert not problems, "\n".join(problems)


MESSAGE_SHARE_JS = """() => {
  const article = document.querySelector("article.md-content__inner");
  const style = getComputedStyle(article);
  const content = article.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const blocks = Array.from(document.querySelectorAll(".kb-message-text")).filter(b => b.checkVisibility());
  return blocks.map(b => b.getBoundingClientRect().width / content);
}"""


def test_on_a_phone_every_message_gets_most_of_the_width(browser, base_url, site_dir):
    """At 390 px the code sits above its message, which takes at least 80% of the content width."""
    feed = json.loads((site_dir / "errors.json").read_text("utf-8"))
    context = browser.new_context(viewport={"width": 390, "height": 900}, base_url=base_url)
    page = context.new_page()
    checked = 0
    for error in feed["errors"]:
        page.goto(error["url"], wait_until="domcontentloaded")
        shares = page.evaluate(MESSAGE_SHARE_JS)
        assert all(share >= 0.8 for share in shares), (error["url"], shares)
        scroll_width, inner_width = page.evaluate(OVERFLOW_JS)
        assert scroll_width <= inner_width, error["url"]
        checked += len(shares)
    context.close()
    assert checked >= 30  # most errors have a message block


WORD_BREAKS_JS = """(selector) => {
  // Each piece between two <wbr> is one text node: none may be split across lines.
  const broken = [];
  let lines = 0;
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility()) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const tops = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
      const rows = new Set(rects.map(r => Math.round(r.top)));
      if (rows.size > 1) broken.push(node.textContent);
      rects.forEach(r => tops.add(Math.round(r.top)));
    }
    lines = Math.max(lines, tops.size);
  }
  return [broken, lines];
}"""


def test_long_codes_break_between_humps_never_inside_a_word(open_page):
    page = open_page(PAGES["error-long-code"], 390)
    for selector in ("h1#top", ".kb-code code", ".kb-message-code code"):
        broken, lines = page.evaluate(WORD_BREAKS_JS, selector)
        assert broken == [], selector
    _, lines = page.evaluate(WORD_BREAKS_JS, "h1#top")
    assert lines >= 2  # it did need to break, and broke at a hump
    assert page.locator("h1#top").inner_text() == "CopyingVHDsFromBackUpVaultTakingLongTime"
    category = open_page(PAGES["category"], 390)
    broken, _ = category.evaluate(WORD_BREAKS_JS, ".kb-catalog code")
    assert broken == []
    wide = open_page(PAGES["category"], 1280)
    _, lines = wide.evaluate(WORD_BREAKS_JS, ".kb-catalog td:first-child code")
    assert lines == 1  # a wide screen has room for every code on one line


def test_phone_catalog_keeps_the_code_above_the_title(open_page):
    page = open_page(PAGES["category"], 390)
    row = page.locator("table.kb-catalog tbody tr").first
    code_box = row.locator("td").nth(0).bounding_box()
    title_box = row.locator("td").nth(1).bounding_box()
    assert code_box["y"] + code_box["height"] <= title_box["y"] + 1
    assert title_box["width"] >= 300


def test_phone_header_shows_the_site_name(open_page):
    page = open_page("", 390)
    title = page.locator(".md-header__topic").first.locator(".kb-pt")
    assert title.inner_text().strip() == "Erros de backup de VMs do Azure"
    clipped = title.evaluate("e => e.closest('.md-ellipsis').scrollHeight > e.closest('.md-ellipsis').clientHeight + 1")
    assert not clipped, "the site name is cut off"


def test_manual_switch_overrides_the_system_scheme_and_is_kept(open_page):
    page = open_page("", 1280, "light")
    switch = page.locator("label.md-header__button[for]").filter(visible=True)
    assert switch.count() == 1
    assert switch.get_attribute("title") == "Mudar para o modo escuro"
    switch.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.reload()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.locator("#kb-lang-toggle").click()
    switch = page.locator("label.md-header__button[for]").filter(visible=True)
    assert switch.get_attribute("title") == "Switch to light mode"


def test_keyboard_switches_the_scheme_with_a_visible_ring(open_page):
    page = open_page("", 1280, "light")
    page.focus("#__palette_0")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    label = page.locator("label.md-header__button[for]").filter(visible=True)
    assert label.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_header_focus_rings_contrast_with_the_header(open_page, scheme):
    page = open_page(FSFREEZE, 1280, scheme)
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    for selector in ("#kb-lang-toggle", "#kb-search-input", ".md-header .md-logo"):
        page.locator(selector).focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus from the keyboard, so :focus-visible applies
        color = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none", selector
        assert contrast(color, header) >= 3, (selector, color, header)


# ---- code blocks and commands -------------------------------------------------------------------


def pages_with_code_blocks(site_dir) -> list[str]:
    found = []
    for path in sorted(site_dir.rglob("index.html")):
        if "<pre" in path.read_text("utf-8"):
            found.append(path.parent.relative_to(site_dir).as_posix() + "/")
    return found


def test_every_code_block_has_a_copy_button_that_copies_it(browser, base_url, site_dir):
    pages = pages_with_code_blocks(site_dir)
    assert len(pages) >= 2
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    blocks = 0
    for path in pages:
        page.goto(path)
        page.wait_for_load_state("load")
        pres = page.locator("article pre")
        for n in range(pres.count()):
            pre = pres.nth(n)
            button = pre.locator("button.md-code__button[data-md-type=copy], button.md-clipboard")
            assert button.count() == 1, f"{path} block {n}"
            blocks += 1
            if not pre.is_visible():
                continue  # the other language's copy of the block
            # The block scrolls inside itself (or wraps): it never widens the page.
            assert page.evaluate(OVERFLOW_JS)[0] <= 390, path
            text = pre.locator("code").inner_text()
            page.evaluate("navigator.clipboard.writeText('')")
            button.click()
            page.wait_for_function("t => navigator.clipboard.readText().then(c => c === t)", arg=text, timeout=5000)
    context.close()
    assert blocks >= 4


def test_every_code_block_has_a_copy_button_from_file_url(page, offline_dir):
    path = offline_dir / "topics" / "backup-azure-vms-troubleshoot" / "troubleshoot-vm-snapshot-issues.html"
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    pres = page.locator("article pre")
    assert pres.count() >= 2
    assert page.locator("article pre button.md-code__button").count() == pres.count()


@pytest.mark.parametrize("lang,text", [
    ("pt-BR", "Verifique o estado do sistema de arquivo"),
    ("en", "Check the file system state"),
])
def test_the_tune2fs_step_is_one_working_command_in_both_languages(page, base_url, lang, text):
    page.goto(f"{FSFREEZE}?lang={lang}")
    step = page.locator(".kb-resolution li", has_text=text).filter(visible=True)
    codes = step.locator("code").all_inner_texts()
    assert codes == ["tune2fs", 'tune2fs -l /dev/sdb1 | grep "Filesystem state"']


def test_registry_keys_and_paths_are_code_in_both_languages(page, base_url, site_dir):
    feed = json.loads((site_dir / "errors.json").read_text("utf-8"))
    path = next(e["url"] for e in feed["errors"] if "Msiserver" in json.dumps(e))
    for lang in ("pt-BR", "en"):
        page.goto(f"{path}?lang={lang}")
        codes = page.locator(".kb-resolution code").filter(visible=True).all_inner_texts()
        assert "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Msiserver" in codes, lang
        assert "MSIEXEC /UNREGISTER" in codes and "MSIEXEC /REGISTER" in codes, lang
        assert any(c.startswith("C:\\Packages\\Plugins\\") for c in codes), lang


# ---- links and language --------------------------------------------------------------------------


def test_rich_link_puts_html_and_plain_text_on_the_clipboard(page, base_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(FSFREEZE)
    page.click("#kb-links-toggle")
    page.click('.kb-links-copy[data-kb-format="rich"]')
    page.wait_for_selector(".kb-links-status[data-kb-copied]")
    flavours = page.evaluate("""async () => {
      const [item] = await navigator.clipboard.read();
      const out = {};
      for (const type of item.types) out[type] = await (await item.getType(type)).text();
      return out;
    }""")
    url = f"{base_url}{FSFREEZE}"
    assert flavours["text/plain"] == url
    assert re.search(rf'<a href="{re.escape(url)}"><code>UserErrorFsFreezeFailed</code></a>', flavours["text/html"])


def test_rich_link_from_file_url_and_the_menu_says_where_links_point(page, offline_dir):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    address = (offline_dir / "errors" / "UserErrorFsFreezeFailed.html").as_uri()
    page.goto(address)
    page.click("#kb-links-toggle")
    where = page.locator(".kb-links-where .kb-pt")
    assert "esta cópia no seu computador" in where.inner_text()
    page.click('.kb-links-copy[data-kb-format="rich"]')
    page.wait_for_selector(".kb-links-status[data-kb-copied]")
    html = page.evaluate("""async () => {
      const [item] = await navigator.clipboard.read();
      return await (await item.getType("text/html")).text();
    }""")
    assert f'href="{address}"' in html
    assert page.locator('.kb-links-copy[data-kb-format="confluence"]').count() == 0


def test_offline_bundle_built_with_a_site_url_links_to_the_published_site(page, tmp_path):
    """An offline copy of a published site hands out the published address, and says so."""
    from build_tools.pipeline import build_all
    from conftest import ROOT

    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", "https://errors.example.org/kb/")
        build_all(ROOT, bundle=False, site_dir=tmp_path / "site")
    offline = tmp_path / "build" / "offline"
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto((offline / "errors" / "UserErrorFsFreezeFailed.html").as_uri())
    page.click("#kb-links-toggle")
    assert page.locator(".kb-links-where code").inner_text() == "https://errors.example.org/kb/"
    preview = page.locator('.kb-links-copy[data-kb-format="url"] .kb-links-preview').inner_text()
    assert preview == "https://errors.example.org/kb/errors/UserErrorFsFreezeFailed.html"


def test_reload_after_the_toggle_keeps_the_language(page, base_url):
    page.goto(f"{FSFREEZE}?lang=pt-BR")
    page.click("#kb-lang-toggle")
    assert re.search(r"[?&]lang=en(&|#|$)", page.url)
    page.reload()
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click("#kb-lang-toggle")
    assert re.search(r"[?&]lang=pt-BR(&|#|$)", page.url)
    page.reload()
    assert page.evaluate("document.documentElement.lang") == "pt-BR"


def test_toggle_keeps_the_fragment_and_other_parameters(page, base_url):
    page.goto(f"{FSFREEZE}?x=1#resolution")
    page.click("#kb-lang-toggle")
    assert page.url.endswith(f"{FSFREEZE}?x=1&lang=en#resolution")


def test_reload_after_the_toggle_keeps_the_language_from_file_url(page, offline_dir):
    page.goto((offline_dir / "errors" / "UserErrorFsFreezeFailed.html").as_uri() + "?lang=pt-BR")
    page.click("#kb-lang-toggle")
    assert page.url.endswith("?lang=en")
    page.reload()
    assert page.evaluate("document.documentElement.lang") == "en"


@pytest.mark.parametrize("lang,locale", [("pt-BR", "/pt-br/"), ("en", "/en-us/")])
def test_published_article_link_is_in_the_readers_language(page, base_url, lang, locale):
    page.goto(f"{FSFREEZE}?lang={lang}")
    link = page.locator(".kb-source a").filter(visible=True)
    assert link.count() == 1
    href = link.get_attribute("href")
    assert href.startswith(f"https://learn.microsoft.com{locale}azure/backup/backup-azure-vms-troubleshoot#")


def test_a_z_index_lists_errors_without_a_code(page, base_url, site_dir):
    feed = json.loads((site_dir / "errors.json").read_text("utf-8"))
    uncoded = {e["url"] for e in feed["errors"] if not e["codes"]}
    assert len(uncoded) >= 10
    for lang in ("pt-BR", "en"):
        page.goto(f"codes/?lang={lang}")
        links = page.locator("#no-code ~ ul.kb-az-titles a").filter(visible=True)
        targets = {re.sub(r"^\.\./", "", h) for h in links.evaluate_all("as => as.map(a => a.getAttribute('href'))")}
        assert targets == uncoded, lang
        assert links.count() == len(uncoded)
