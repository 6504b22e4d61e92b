"""Linking in a real browser: the "link to this error" menu (clipboard read back, every format,
with and without ?lang=en, hosted, published at SITE_URL and from file://), autolink.js on a
sample page of another site, and the OpenSearch description taking a code to its page."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import serve

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures_links"
FORMATS = ("rich", "url", "markdown", "mediawiki", "html")
CODE = "UserErrorFsFreezeFailed"


def formats(url: str, label: str) -> dict[str, str]:
    """What each format must put on the clipboard, as a wiki of that kind expects it."""
    return {
        "rich": url,  # its plain-text flavour; the HTML one is read in test_reading_browser
        "url": url,
        "markdown": f"[{label}]({url})",
        "mediawiki": f"[{url} {label}]",
        "html": f'<a href="{url}">{label}</a>',
    }


def code_table(site: Path) -> dict:
    text = (site / "assets" / "kb-data.js").read_text("utf-8")
    return json.loads(text[text.index("=") + 1:].rstrip().rstrip(";"))


def allow_clipboard(page: Page) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])


def open_menu(page: Page) -> None:
    page.click("#kb-links-toggle")
    expect(page.locator("#kb-links-panel")).to_be_visible()
    expect(page.locator("#kb-links-toggle")).to_have_attribute("aria-expanded", "true")


def copy(page: Page, fmt: str) -> str:
    """Click one format and read back what the browser's clipboard now holds."""
    page.evaluate("navigator.clipboard.writeText('')")
    page.click(f'.kb-links-copy[data-kb-format="{fmt}"]')
    page.wait_for_selector(".kb-links-status[data-kb-copied]")
    text = page.evaluate("navigator.clipboard.readText()")
    preview = page.locator(f'.kb-links-copy[data-kb-format="{fmt}"] .kb-links-preview')
    assert (preview.get_attribute("title") if fmt == "rich" else preview.text_content()) == text
    return text


def set_english(page: Page, on: bool) -> None:
    box = page.locator("#kb-links-en")
    if box.is_checked() != on:
        box.click()
    assert box.is_checked() == on


# ---- the copy menu --------------------------------------------------------------------------

@pytest.mark.parametrize("english", [False, True], ids=["pt", "lang-en"])
def test_copy_menu_copies_every_format_hosted(page: Page, base_url, console_errors, english):
    allow_clipboard(page)
    page.goto(f"errors/{CODE}/")
    open_menu(page)
    set_english(page, english)
    url = f"{base_url}errors/{CODE}/" + ("?lang=en" if english else "")
    want = formats(url, CODE)
    assert {fmt: copy(page, fmt) for fmt in FORMATS} == want
    # The copied link opens the page, in the language it promises.
    page.goto(want["url"])
    expect(page.locator("h1#top")).to_have_text(CODE)
    expect(page.locator("html")).to_have_attribute("data-kb-lang", "en" if english else "pt-BR")
    assert console_errors == []


def test_copy_menu_from_file_url_copies_the_file_address(page: Page, offline_dir, console_errors):
    allow_clipboard(page)
    address = (offline_dir / "errors" / f"{CODE}.html").as_uri()
    page.goto(address)
    open_menu(page)
    for english in (False, True):
        set_english(page, english)
        url = address + ("?lang=en" if english else "")
        assert {fmt: copy(page, fmt) for fmt in FORMATS} == formats(url, CODE)
    assert console_errors == []


def test_copy_menu_uses_site_url_even_from_another_address(page: Page, published):
    """A mirror or preview of a published build still hands out the published address."""
    server, mirror = serve(published["site"])
    try:
        assert mirror != published["url"]
        allow_clipboard(page)
        page.goto(f"{mirror}errors/{CODE}/")
        open_menu(page)
        set_english(page, False)
        assert copy(page, "markdown") == f"[{CODE}]({published['url']}errors/{CODE}/)"
        set_english(page, True)
        assert copy(page, "mediawiki") == f"[{published['url']}errors/{CODE}/?lang=en {CODE}]"
    finally:
        server.shutdown()


def test_copy_menu_links_any_code_of_an_error(page: Page, base_url, site_dir):
    """An error with several codes: each code copies its own permanent address, which lands on the error."""
    table = code_table(site_dir)
    allow_clipboard(page)
    page.goto("errors/320001/")
    open_menu(page)
    assert page.locator(".kb-links-codes input[type=radio]").evaluate_all("rs => rs.map(r => r.value)") == \
        table["entries"]["errors/320001/"]["c"]
    assert copy(page, "markdown") == f"[320001]({base_url}errors/320001/)"
    page.check('.kb-links-codes input[value="400094"]')
    assert copy(page, "mediawiki") == f"[{base_url}errors/400094/ 400094]"
    page.goto(f"{base_url}errors/400094/")
    page.wait_for_url(f"{base_url}errors/320001/")
    expect(page.locator("h1#top")).to_have_text("320001")


def test_copy_menu_of_an_error_without_code_uses_its_title_and_follows_the_language(page: Page, base_url, site_dir):
    table = code_table(site_dir)
    path = next(p for p, e in table["entries"].items() if not e["c"])
    title_pt, title_en = table["entries"][path]["t"]
    allow_clipboard(page)
    page.goto(path)
    open_menu(page)
    assert not page.locator("#kb-links-en").is_checked()
    assert copy(page, "html") == f'<a href="{base_url}{path}">{title_pt}</a>'
    page.click("#kb-lang-toggle")  # a click outside the menu, which closes it
    expect(page.locator("#kb-links-panel")).to_be_hidden()
    expect(page.locator("#kb-links-toggle .kb-en")).to_have_text("Link to this error")
    expect(page.locator("#kb-links-toggle .kb-en")).to_be_visible()
    open_menu(page)
    assert page.locator("#kb-links-en").is_checked()  # untouched, so it follows the page's language
    assert copy(page, "markdown") == f"[{title_en}]({base_url}{path}?lang=en)"
    set_english(page, False)
    page.click("#kb-lang-toggle")  # back to Portuguese: the reader's own choice of ?lang=en stays
    open_menu(page)
    assert not page.locator("#kb-links-en").is_checked()
    assert copy(page, "url") == f"{base_url}{path}"


def test_copy_formats_escape_what_each_wiki_treats_as_markup(page: Page):
    page.goto(f"errors/{CODE}/")
    texts = page.evaluate("""() => ["markdown", "mediawiki", "html"].map(
        f => KB.linkText(f, "errors/X (old)/", 'A [b] | c_d & "e" <f>', false))""")
    base = page.evaluate("KB.siteBase()")
    url = base + "errors/X%20%28old%29/"
    assert texts == [
        f'[A \\[b\\] | c\\_d \\& "e" \\<f\\>]({url})',
        f'[{url} A [b&#93; | c_d & "e" <f>]',
        f'<a href="{url}">A [b] | c_d &amp; &quot;e&quot; &lt;f&gt;</a>',
    ]


def test_copy_menu_works_from_the_keyboard(page: Page, base_url):
    allow_clipboard(page)
    page.goto(f"errors/{CODE}/")
    toggle = page.get_by_role("button", name="Link para este erro")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#kb-links-panel")).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    focused = 'document.activeElement.getAttribute("data-kb-format")'
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == "rich"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == "url"
    page.keyboard.press("End")
    assert page.evaluate(focused) == "html"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == "rich"
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused) == "html"
    page.keyboard.press("Home")
    assert page.evaluate(focused) == "rich"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == "url"
    page.evaluate("navigator.clipboard.writeText('')")
    page.keyboard.press("Enter")
    page.wait_for_selector(".kb-links-status[data-kb-copied]")
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}errors/{CODE}/"
    expect(page.locator(".kb-links-status")).to_contain_text("Copiado")
    page.keyboard.press("Escape")
    expect(page.locator("#kb-links-panel")).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("document.activeElement.id") == "kb-links-toggle"
    # A click elsewhere closes it too.
    toggle.click()
    expect(page.locator("#kb-links-panel")).to_be_visible()
    page.click("h1#top")
    expect(page.locator("#kb-links-panel")).to_be_hidden()


@pytest.mark.parametrize("lang", ["pt-BR", "en"])
def test_open_menu_has_no_accessibility_violations(page: Page, base_url, lang):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"errors/320001/?lang={lang}")
    open_menu(page)
    page.click('.kb-links-copy[data-kb-format="markdown"]')
    results = Axe().run(page, context=".kb-links")
    violations = [f"{v['id']} ({v['impact']}): " + "; ".join(n["target"][0] for n in v["nodes"][:5])
                  for v in results.response["violations"]]
    assert violations == []


def test_every_error_page_has_the_menu(page: Page, base_url, site_dir, console_errors):
    feed = json.loads((site_dir / "errors.json").read_text("utf-8"))
    for error in feed["errors"]:
        page.goto(error["url"], wait_until="domcontentloaded")  # the menu is built before that event
        toggle = page.locator(".kb-codes #kb-links-toggle")
        expect(toggle).to_have_count(1)
        preview = page.locator('.kb-links-copy[data-kb-format="url"] .kb-links-preview')
        assert preview.text_content() == base_url + error["url"], error["id"]
    assert console_errors == []


def test_linking_page_points_at_this_site(page: Page, base_url, offline_dir):
    page.goto("linking/")
    expect(page.locator("h1#top .kb-pt")).to_have_text("Links e dados")
    assert page.locator('a[data-kb-site-path="errors.json"]').first.evaluate("a => a.href") == base_url + "errors.json"
    assert base_url + "assets/autolink.js" in page.locator("#kb-autolink-snippet").text_content()
    page.click("#kb-lang-toggle")
    expect(page.locator("h1#top .kb-en")).to_be_visible()
    assert page.title().startswith("Linking and data")
    page.goto((offline_dir / "linking.html").as_uri())
    link = page.locator('a[data-kb-site-path="errors.schema.json"]').first.evaluate("a => a.href")
    assert link == (offline_dir / "errors.schema.json").as_uri()
    # From file:// there is no address to publish: the snippet keeps its placeholder.
    assert "https://erros.example.org/assets/autolink.js" in page.locator("#kb-autolink-snippet").text_content()


# ---- autolink.js on another site --------------------------------------------------------------

def _host(tmp_path: Path, name: str, replace: dict[str, str]):
    text = (FIXTURES / name).read_text("utf-8")
    for marker, value in replace.items():
        assert marker in text
        text = text.replace(marker, value)
    (tmp_path / name).write_text(text, "utf-8")
    return serve(tmp_path)


def _links(page: Page) -> list[tuple[str, str, str, str]]:
    """(id of the nearest element with one, parent tag, text, href) of every link the script made."""
    return page.evaluate("""() => [...document.querySelectorAll("a.kb-autolink")].map(a => [
        a.parentElement.closest("[id]").id, a.parentElement.tagName.toLowerCase(), a.textContent, a.href])""")


def test_autolink_snippet_links_codes_on_another_site(page: Page, base_url, site_dir, tmp_path):
    table = code_table(site_dir)
    allow_clipboard(page)
    # The snippet exactly as the Linking page's copy button gives it.
    page.goto("linking/")
    page.click("button[data-kb-copy-from=kb-autolink-snippet]")
    page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    snippet = page.evaluate("navigator.clipboard.readText()")
    assert f'data-kb-base="{base_url}"' in snippet
    server, host = _host(tmp_path, "host.html", {"<!-- KB-AUTOLINK -->": snippet})
    try:
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(host + "host.html")
        assert urllib.parse.urlsplit(host).port != urllib.parse.urlsplit(base_url).port
        made = page.evaluate("() => window.KBAutolink.ready")
        assert base_url + "assets/kb-data.js" in requests

        def to(code: str) -> str:
            return base_url + table["codes"][code.lower()]

        expected = [
            ("plain", "p", CODE, to(CODE)),
            ("inline-code", "code", "ExtensionSnapshotFailedCOM", to("ExtensionSnapshotFailedCOM")),
            ("alias", "p", "400094", to("400094")),
            ("punctuation", "p", "UserErrorVmNotInDesirableState", to("UserErrorVmNotInDesirableState")),
            ("punctuation", "p", "ExtensionInstallationFailedMDTC", to("ExtensionInstallationFailedMDTC")),
            ("punctuation", "p", "320001", to("320001")),
            ("two", "p", "ExtensionConfigParsingFailure", to("ExtensionConfigParsingFailure")),
            ("two", "p", "ExtensionStuckInDeletionState", to("ExtensionStuckInDeletionState")),
        ]
        assert _links(page) == [list(e) for e in expected]
        assert made == len(expected)
        assert to("400094") == base_url + "errors/320001/"
        # Skipped: links, <pre>, form fields, buttons, editable areas, opted-out parts, <script>, <style>.
        for skipped in ("in-link", "in-pre", "in-field", "in-editable", "opted-out", "not-words"):
            assert page.locator(f"#{skipped} a.kb-autolink").count() == 0, skipped
        assert page.locator("#in-link a").get_attribute("href") == "https://wiki.example/old"
        assert page.locator("#field-area").input_value() == CODE
        assert page.locator("#field-input").input_value() == CODE
        assert page.evaluate("window.hostNote") == CODE
        assert page.evaluate("document.head.querySelectorAll('a').length") == 0
        assert ".UserErrorFsFreezeFailed {" in page.evaluate("document.querySelector('style').textContent")
        # Idempotent: running again, or including the script a second time, changes nothing.
        before = page.evaluate("document.getElementById('wiki').innerHTML")
        assert page.evaluate("() => window.KBAutolink.run()") == 0
        page.add_script_tag(url=base_url + "assets/autolink.js")
        assert page.evaluate("() => window.KBAutolink.ready") == 0
        assert page.evaluate("document.getElementById('wiki').innerHTML") == before
        # Content the host adds later is linked on request.
        page.evaluate("""() => { const p = document.createElement('p'); p.id = 'later';
            p.textContent = 'Later: ExtensionFailedVssWriterInBadState.'; document.getElementById('wiki').append(p); }""")
        assert page.evaluate("() => window.KBAutolink.run(document.getElementById('later'))") == 1
        # A link made on the host page opens our page for that code.
        page.click("#plain a.kb-autolink")
        page.wait_for_url(to(CODE))
        expect(page.locator("h1#top")).to_have_text(CODE)
    finally:
        server.shutdown()


def test_autolink_english_scoped_and_found_from_its_own_address(page: Page, base_url, tmp_path):
    server, host = _host(tmp_path, "host-en.html", {"__KB_SITE__": base_url})
    try:
        page.goto(host + "host-en.html")
        assert page.evaluate("() => window.KBAutolink.ready") == 2
        assert _links(page) == [
            ["inside", "p", CODE, f"{base_url}errors/{CODE}/?lang=en"],
            ["inside", "p", "400094", f"{base_url}errors/320001/?lang=en"],
        ]
        assert page.locator("#outside a").count() == 0
        page.click("#inside a.kb-autolink >> nth=0")
        page.wait_for_url(f"{base_url}errors/{CODE}/?lang=en")
        expect(page.locator("html")).to_have_attribute("data-kb-lang", "en")
    finally:
        server.shutdown()


# ---- OpenSearch ------------------------------------------------------------------------------

def test_opensearch_link_takes_a_typed_code_to_its_page(page: Page, published):
    site_url = published["url"]
    page.goto(site_url)
    link = page.locator('head link[rel="search"]')
    expect(link).to_have_attribute("type", "application/opensearchdescription+xml")
    href = link.evaluate("l => l.href")
    assert href == site_url + "opensearch.xml"
    with urllib.request.urlopen(href) as response:
        doc = ET.fromstring(response.read())
    ns = "{http://a9.com/-/spec/opensearch/1.1/}"
    template = next(u.get("template") for u in doc.findall(f"{ns}Url") if u.get("type") == "text/html")
    assert template == f"{site_url}go/?code={{searchTerms}}"
    # What the browser does with a typed query: fill in the template and open it.
    for typed in ("usererrorfsfreezefailed", f"Error {CODE}: freeze failed"):
        page.goto(template.replace("{searchTerms}", urllib.parse.quote_plus(typed)))
        page.wait_for_url(f"{site_url}errors/{CODE}/")
        expect(page.locator("h1#top")).to_have_text(CODE)


# ---- retired codes keep their address ----------------------------------------------------------

def test_a_retired_code_redirects_to_what_replaced_it(page: Page, tmp_path):
    """A code listed in source_pt/redirects.txt answers at errors/<code>/ and lands on its replacement."""
    import shutil

    from build_tools.publish.mkdocs_run import mkdocs_build

    root = Path(__file__).resolve().parent.parent
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "overrides", "build_tools"):
        (project / name).symlink_to(root / name)
    shutil.copy(root / "mkdocs.yml", project)  # the plugin finds the sources next to the (resolved) config
    shutil.copytree(root / "source_pt", project / "source_pt")
    (project / "source_pt" / "redirects.txt").write_text(
        "UserErrorOldFreeze UserErrorFsFreezeFailed\nOldJobsCode categories/backup-azure-vms-troubleshoot/jobs/\n", encoding="utf-8")
    mkdocs_build(project, "mkdocs.yml", tmp_path / "site")
    server, url = serve(tmp_path / "site")
    try:
        page.goto(f"{url}errors/UserErrorOldFreeze/?lang=en")
        page.wait_for_url(f"{url}errors/{CODE}/?lang=en")
        expect(page.locator("h1#top")).to_have_text(CODE)
        expect(page.locator("html")).to_have_attribute("data-kb-lang", "en")
        page.goto(f"{url}errors/OldJobsCode/")
        page.wait_for_url(f"{url}categories/backup-azure-vms-troubleshoot/jobs/")
        page.goto(f"{url}go/?code=usererroroldfreeze")
        page.wait_for_url(f"{url}errors/{CODE}/")
        page.goto(f"{url}errors/oldjobscode/")  # wrong case: 404.html resolves it through the code table
        page.wait_for_url(f"{url}categories/backup-azure-vms-troubleshoot/jobs/")
    finally:
        server.shutdown()
