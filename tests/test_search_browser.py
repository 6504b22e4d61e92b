"""The header search as a reader uses it, in Chromium, over http:// and from file://.

Every "must find" case of the search issue is typed into the search box of the
built site; each states whether its page must be the top result or within the
top 3. Expected pages are looked up by code, title or id in the site's own
errors.json, so a renamed slug does not silently change what is tested.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from build_tools.parse.codes import fold

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Origin:
    """One way the site is opened: hosted (http://) or the offline build (file://)."""

    name: str
    root: str
    """URL of the site root, ending in a slash."""
    directory: Path

    def url(self, path: str) -> str:
        return self.root + path

    def page_of(self, spec: str) -> str:
        """The site path of ``code:X``, ``title:words in the Portuguese title``, ``topic:id`` or ``page:name``."""
        feed = json.loads((self.directory / "errors.json").read_text(encoding="utf-8"))
        kind, _, value = spec.partition(":")
        if kind == "code":
            return feed["codes"][fold(value)]
        if kind == "title":
            return next(e["url"] for e in feed["errors"] if value in e["title"]["pt-BR"])
        if kind == "topic":
            return next(t["url"] for t in feed["topics"] if t["id"] == value)
        return f"{value}/" if self.name == "http" else f"{value}.html"


def make_origin(name: str, base_url: str, site_dir: Path, offline_dir: Path) -> Origin:
    if name == "http":
        return Origin("http", base_url, site_dir)
    return Origin("file", offline_dir.as_uri() + "/", offline_dir)


@pytest.fixture(params=["http", "file"])
def origin(request, base_url, site_dir, offline_dir) -> Origin:
    return make_origin(request.param, base_url, site_dir, offline_dir)


@pytest.fixture(scope="module", params=["http", "file"])
def searching(request, browser, base_url, site_dir, offline_dir):
    """One home page per origin with the search loaded, reused by the typing tests; collects console errors."""
    where = make_origin(request.param, base_url, site_dir, offline_dir)
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(where.url("" if where.name == "http" else "index.html"))
    page.click("#kb-search-input")
    page.wait_for_selector(".kb-search[data-state=full]", state="attached")
    yield where, page, errors
    page.close()


RESULTS_JS = """() => Array.from(document.querySelectorAll('#kb-search-results .kb-search-result')).map(a => ({
    href: a.href,
    code: (a.querySelector('.kb-search-code') || {}).textContent || '',
    title: a.querySelector('.kb-search-title').textContent,
    snippet: (a.querySelector('.kb-search-snippet') || {}).textContent || '',
    group: a.querySelector('.kb-search-group').textContent,
    marks: Array.from(a.querySelectorAll('mark')).map(m => m.textContent),
}))"""


SHOWN_JS = "(q) => document.querySelector('.kb-search').getAttribute('data-query') === q"
"""True once the results on screen are those of query q."""


def type_query(page, query: str, lang: str = "pt-BR") -> list[dict]:
    page.evaluate("(lang) => window.KB.setLang(lang, false)", lang)
    page.fill("#kb-search-input", query)
    page.wait_for_function(SHOWN_JS, arg=query)
    return page.evaluate(RESULTS_JS)


MUST_FIND = [
    # query, expected page(s), within the top N, a word the result must show marked, language shown
    ("UserErrorFsFreezeFailed", ["code:UserErrorFsFreezeFailed"], 1, "UserErrorFsFreezeFailed", "pt-BR"),
    ("usererrorfsfreezefailed", ["code:UserErrorFsFreezeFailed"], 1, "UserErrorFsFreezeFailed", "pt-BR"),
    ("FsFreeze", ["code:UserErrorFsFreezeFailed"], 1, "FsFreeze", "pt-BR"),
    ("Freeze", ["code:UserErrorFsFreezeFailed"], 1, "Freeze", "en"),
    ("SnapshotFailed", ["code:ExtensionSnapshotFailedCOM"], 1, "SnapshotFailed", "pt-BR"),
    ("UserErrorFs", ["code:UserErrorFsFreezeFailed"], 1, "UserErrorFs", "pt-BR"),
    ("320001", ["code:320001"], 1, "320001", "pt-BR"),
    ("400094", ["code:400094"], 1, None, "pt-BR"),
    ("3200", ["code:320001"], 1, "3200", "pt-BR"),
    ("instantaneo", ["code:ExtensionFailedSnapshotLimitReachedError"], 3, "instantâneo", "pt-BR"),
    ("extensao", ["code:ExtensionStuckInDeletionState"], 3, "extensão", "pt-BR"),
    ("codigo", ["page:codes"], 3, "códigos", "pt-BR"),
    ("congelar", ["code:UserErrorFsFreezeFailed"], 1, "congelar", "pt-BR"),
    ("congela", ["code:UserErrorFsFreezeFailed"], 1, "congelar", "pt-BR"),
    ("freeze", ["code:UserErrorFsFreezeFailed"], 3, "freeze", "en"),
    ("snapshot limit", ["code:ExtensionFailedSnapshotLimitReachedError"], 1, "limit", "en"),
    ("vault timed out", ["code:CopyingVHDsFromBackUpVaultTakingLongTime"], 1, "timed", "en"),
    ("tune2fs", ["code:UserErrorFsFreezeFailed"], 3, "tune2fs", "pt-BR"),
    ("vssadmin", ["code:ExtensionFailedVssWriterInBadState"], 1, None, "pt-BR"),
    ("waagent", ["code:UserErrorVmNotInDesirableState"], 3, None, "pt-BR"),
    ("MachineKeys", ["code:ExtensionConfigParsingFailure"], 1, "MachineKeys", "pt-BR"),
    ("HKEY_LOCAL_MACHINE", ["title:canal de comunicação de rede segura", "topic:troubleshoot-vm-snapshot-issues"], 3,
     None, "pt-BR"),
    ("COM+", ["code:ExtensionSnapshotFailedCOM"], 1, "COM+", "en"),
    (".NET", ["title:canal de comunicação de rede segura"], 1, None, "pt-BR"),
]


@pytest.mark.parametrize("query,expected,within,marked,lang", MUST_FIND, ids=[c[0] for c in MUST_FIND])
def test_must_find(searching, query, expected, within, marked, lang):
    where, page, errors = searching
    results = type_query(page, query, lang)
    hrefs = [r["href"] for r in results[:within]]
    for spec in expected:
        target = where.url(where.page_of(spec))
        assert target in hrefs, f"{query!r}: {target} not in the top {within}: {[r['href'] for r in results[:5]]}"
    if marked:
        result = next(r for r in results if r["href"] == where.url(where.page_of(expected[0])))
        assert marked.lower() in [m.lower() for m in result["marks"]], result
    assert errors == []


OPERATOR_INPUT = [
    "erro:", "*", "~2", "^", "+-", '"', "'", '"snapshot limit"', "title:backup", "snap*", "-backup", "+backup",
    "backup~1", "backup^10", "))((", "\\", "<b>backup</b>", "<img src=x onerror=\"window.__xss=1\">",
    "<script>window.__xss=1</script>", "&lt;&amp;", "🙂", "a\u0301gua", "x" * 3000,
]


def test_any_input_searches_without_error(searching):
    where, page, errors = searching
    for text in OPERATOR_INPUT:
        results = type_query(page, text)
        status = page.text_content(".kb-search-status")
        assert status and ("resultado" in status or "Nenhum" in status), (text, status)
        assert all(r["href"].startswith(where.root) for r in results)
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("document.querySelectorAll('.kb-search-panel img, .kb-search-panel script, .kb-search-panel b').length") == 0
    results = type_query(page, "<b>backup</b>")
    assert results and any(m.lower() == "backup" for r in results for m in r["marks"])
    assert errors == []


def test_results_show_code_title_snippet_and_category_in_the_active_language(searching):
    where, page, errors = searching
    feed = json.loads((where.directory / "errors.json").read_text(encoding="utf-8"))
    entry = next(e for e in feed["errors"] if e["id"] == "ExtensionFailedVssWriterInBadState")
    first = type_query(page, "vssadmin", "pt-BR")[0]
    assert first["href"] == where.url(entry["url"])
    assert first["code"] == "ExtensionFailedVssWriterInBadState"
    assert first["title"] == entry["title"]["pt-BR"].rstrip()
    assert first["group"] == entry["category"]["title"]["pt-BR"]
    assert first["snippet"] and "Reinicie" in first["snippet"]
    page.click("#kb-lang-toggle")   # the reader switches language: the results follow
    first = page.evaluate(RESULTS_JS)[0]
    assert first["title"] == entry["title"]["en"].rstrip()
    assert first["group"] == entry["category"]["title"]["en"]
    assert "Restart" in first["snippet"]
    assert page.get_attribute("#kb-search-input", "placeholder") == "Search codes and errors"
    page.click("#kb-lang-toggle")
    assert errors == []


def test_keyboard_slash_arrows_enter_and_escape(page, origin, console_errors):
    page.goto(origin.url(origin.page_of("code:320001")))
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "kb-search-input"
    assert page.input_value("#kb-search-input") == ""
    page.keyboard.type("snapshot")
    page.wait_for_selector(".kb-search[data-state=full]", state="attached")
    page.wait_for_function(SHOWN_JS, arg="snapshot")
    options = page.locator("#kb-search-results [role=option]")
    assert options.count() >= 3
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    selected = page.locator("#kb-search-results [aria-selected=true]")
    assert selected.count() == 1 and selected.get_attribute("id") == options.nth(0).get_attribute("id")
    assert page.get_attribute("#kb-search-input", "aria-activedescendant") == options.nth(0).get_attribute("id")
    page.keyboard.press("ArrowDown")
    target = options.nth(1).evaluate("a => a.href")
    page.keyboard.press("Escape")
    assert page.locator(".kb-search-panel").is_hidden()
    page.keyboard.press("ArrowDown")   # arrows reopen the results
    page.keyboard.press("ArrowDown")
    assert page.locator(".kb-search-panel").is_visible()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == target
    assert console_errors == []


PASTED = [
    ("usererrorfsfreezefailed", "code:UserErrorFsFreezeFailed"),
    ("  ExtensionInstallationFailedMDTC ", "code:ExtensionSnapshotFailedCOM"),
    ("400094", "code:320001"),
    ("2024-05-01T10:00:00Z VMSnapshot ERROR UserErrorFsFreezeFailed: Failed to freeze one or more mount points",
     "code:UserErrorFsFreezeFailed"),
    ('{"error": {"code": "ExtensionSnapshotFailedCOM", "message": "Snapshot operation failed due to COM+ error"}}',
     "code:ExtensionSnapshotFailedCOM"),
]


@pytest.mark.parametrize("text,spec", PASTED, ids=["lower case", "alias", "numeric alias", "log line", "json"])
def test_enter_on_a_code_or_text_holding_one_opens_its_page(page, origin, console_errors, text, spec):
    page.goto(origin.url("" if origin.name == "http" else "index.html"))
    page.click("#kb-search-input")
    page.fill("#kb-search-input", text)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == origin.url(origin.page_of(spec))
    assert console_errors == []


def test_enter_on_words_selects_the_first_result_and_a_second_enter_opens_it(page, origin):
    page.goto(origin.url(origin.page_of("page:codes")))
    page.click("#kb-search-input")
    page.fill("#kb-search-input", "vault timed out")
    page.wait_for_selector(".kb-search[data-state=full]", state="attached")
    page.fill("#kb-search-input", "vault timed out")
    page.keyboard.press("Enter")
    first = page.locator("#kb-search-results [role=option]").nth(0)
    # Enter first loads the code table (a code may be anywhere in the text), then selects the first result
    expect(first).to_have_attribute("aria-selected", "true")
    assert page.url == origin.url(origin.page_of("page:codes"))   # words alone never leave the page
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == origin.url(origin.page_of("code:CopyingVHDsFromBackUpVaultTakingLongTime"))


def test_the_index_loads_on_first_use_only_from_the_site(page, origin, console_errors):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(origin.url(origin.page_of("code:UserErrorFsFreezeFailed")))
    page.wait_for_load_state("load")
    assert not [u for u in requests if "lunr" in u or "kb-search-quick" in u or "kb-search-full" in u]
    page.focus("#kb-search-input")
    page.wait_for_selector(".kb-search[data-state=full]", state="attached")
    loaded = [u for u in requests if "lunr" in u or "kb-search-" in u]
    for name in ("lunr/lunr.js", "lunr/lunr.stemmer.support.js", "lunr/lunr.pt.js", "kb-search-pipeline.js",
                 "kb-search-quick.js", "kb-search-full.js"):
        assert origin.url("assets/" + name) in loaded
    assert all(u.startswith(origin.root) for u in requests), [u for u in requests if not u.startswith(origin.root)]
    assert console_errors == []


def test_typing_searches_as_you_type(page, origin):
    page.goto(origin.url("" if origin.name == "http" else "index.html"))
    page.click("#kb-search-input")
    page.wait_for_selector(".kb-search[data-state=full]", state="attached")
    page.locator("#kb-search-input").press_sequentially("vssadm", delay=20)
    page.wait_for_function(SHOWN_JS, arg="vssadm")
    results = page.evaluate(RESULTS_JS)
    assert results and results[0]["href"] == origin.url(origin.page_of("code:ExtensionFailedVssWriterInBadState"))


def test_lookup_page_lists_the_full_text_results_of_an_unknown_code_inline(page, origin, console_errors):
    page.goto(origin.url(origin.page_of("page:go")) + "?code=UserErrorFsThawFailed")
    page.wait_for_selector("#kb-go-result .kb-text-results[data-count]")
    assert page.locator(".kb-search-panel").is_hidden()   # nothing covers the answer
    hrefs = page.eval_on_selector_all("#kb-go-result .kb-text-results a", "links => links.map(a => a.href)")
    assert origin.url(origin.page_of("code:UserErrorFsFreezeFailed")) in hrefs[:3]
    assert console_errors == []
