"""Every door to an error page, in Chromium, hosted and from file://: it opens only for a known code, says how
it found one, and otherwise answers "not in this knowledge base" with the closest codes, inline, on a phone too."""

from __future__ import annotations

import json
import re

import pytest

from test_search_browser import SHOWN_JS, make_origin

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=["http", "file"])
def origin(request, base_url, site_dir, offline_dir):
    return make_origin(request.param, base_url, site_dir, offline_dir)


def home(origin) -> str:
    return origin.url("" if origin.name == "http" else "index.html")


def go(origin, code: str) -> str:
    from urllib.parse import quote

    return origin.url(origin.page_of("page:go")) + "?code=" + quote(code)


def uncovered(page, selector: str) -> bool:
    """Whether the centre of the first element matching ``selector`` is really on top (nothing drawn over it)."""
    return page.eval_on_selector(selector, """el => {
        el.scrollIntoView({block: "center"});
        const box = el.getClientRects()[0];   /* the first line of the link: an inline box can wrap */
        const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return box.right <= window.innerWidth + 1 && (top === el || el.contains(top));
    }""")


# ---- the header search's Enter --------------------------------------------------------------


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_enter_on_an_unknown_code_stays_and_suggests(page, origin, console_errors, viewport, artifacts):
    if viewport:
        page.set_viewport_size(viewport)
    page.goto(home(origin))
    page.click("#kb-search-input")
    page.wait_for_selector(".kb-search[data-state=full]", state="attached")
    page.fill("#kb-search-input", "ExtensionSnapshotFailedNoNetwork")
    page.wait_for_function(SHOWN_JS, arg="ExtensionSnapshotFailedNoNetwork")
    page.keyboard.press("Enter")
    notice = page.locator(".kb-search-missing")
    notice.wait_for(state="visible")
    assert page.url == home(origin)   # it once opened ExtensionSnapshotFailedCOM without a word
    assert "ExtensionSnapshotFailedNoNetwork não está nesta base de conhecimento." in notice.inner_text()
    suggestions = notice.locator(".kb-suggestions a")
    assert "ExtensionSnapshotFailedCOM" in suggestions.all_inner_texts()[0] + suggestions.all_inner_texts()[1]
    assert "Esta base de conhecimento cobre 34 erros" in notice.inner_text()
    assert page.locator("#kb-search-results [role=option]").count() > 0   # the full-text results stay below
    assert uncovered(page, ".kb-search-missing .kb-suggestions a")
    page.screenshot(path=str(artifacts / f"lookup-enter-unknown-{origin.name}-{'phone' if viewport else 'desktop'}.png"))
    assert console_errors == []


def test_enter_on_a_pasted_envelope_opens_the_innermost_known_code_and_says_which(page, origin, console_errors):
    envelope = json.dumps({"error": {"code": "DeploymentFailed", "message": "See details",
                                     "details": [{"code": "ExtensionSnapshotFailedCOM", "message": "x",
                                                  "details": [{"code": "UserErrorFsFreezeFailed"}]}]}})
    page.goto(home(origin))
    page.click("#kb-search-input")
    page.fill("#kb-search-input", envelope)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == origin.url(origin.page_of("code:UserErrorFsFreezeFailed"))
    note = page.locator(".kb-found-note").inner_text()
    assert note.startswith("Código encontrado no texto colado: UserErrorFsFreezeFailed")
    assert "o mais interno dos 2 códigos conhecidos: ExtensionSnapshotFailedCOM, UserErrorFsFreezeFailed" in note
    assert console_errors == []


@pytest.mark.parametrize("spelled", ["0x4E201", "0004e201", "0320001"])
def test_a_hex_spelling_lands_on_its_page(page, origin, spelled):
    page.goto(home(origin))
    page.click("#kb-search-input")
    page.fill("#kb-search-input", spelled)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == origin.url(origin.page_of("code:320001"))
    page.evaluate("KB.setLang('en', false)")
    assert page.locator(".kb-found-note").inner_text() == f"{spelled} is another spelling of 320001."


def test_a_negative_spelling_of_an_hresult_lands_on_its_page(page, base_url, site_dir, console_errors):
    """The seed documents no HRESULT: the same page is given a table that holds one, as a larger article would."""
    text = (site_dir / "assets" / "kb-data.js").read_text("utf-8")
    data = json.loads(text[text.index("{"):text.rindex("}") + 1])
    data["codes"]["0x800706be"] = data["codes"]["320001"]
    data["entries"][data["codes"]["320001"]]["c"].append("0x800706BE")
    page.route("**/assets/kb-data.js", lambda route: route.fulfill(
        body="window.KB_DATA=" + json.dumps(data) + ";", content_type="text/javascript"))
    for spelled, note in [("-2147023170", "-2147023170 is another spelling of 0x800706BE."),
                          ("2147944126", "2147944126 is another spelling of 0x800706BE."),
                          ("1726", "Win32 error 1726 is wrapped by HRESULT 0x800706BE.")]:
        page.goto(base_url + "go/?code=" + spelled + "&lang=en")
        page.wait_for_url(re.compile(r"/errors/320001/"))
        assert page.locator(".kb-found-note").inner_text() == note
        # the page lists the other spellings of the codes it shows (the injected one is only in the table)
        assert "400094 = 0x00061ADE" in page.locator(".kb-spellings").all_inner_texts()[-1]
    assert console_errors == []


# ---- go/ and 404 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_go_page_suggests_the_closest_code_for_a_typo(page, origin, console_errors, viewport, artifacts):
    if viewport:
        page.set_viewport_size(viewport)
    page.goto(go(origin, "UserErrorFsFreezFailed"))
    page.wait_for_selector("#kb-go-result .kb-text-results[data-count]")
    assert page.url == go(origin, "UserErrorFsFreezFailed")
    first = page.locator("#kb-go-result .kb-suggestions a").first
    assert first.get_attribute("href").endswith(origin.page_of("code:UserErrorFsFreezeFailed"))
    assert uncovered(page, "#kb-go-result .kb-suggestions a")
    learn = page.locator("#kb-go-result .kb-learn")
    assert learn.locator("a").get_attribute("href") == "https://learn.microsoft.com/search/?terms=UserErrorFsFreezFailed"
    assert ("precisa de internet" in learn.inner_text()) is (origin.name == "file")
    page.screenshot(path=str(artifacts / f"lookup-go-typo-{origin.name}-{'phone' if viewport else 'desktop'}.png"),
                    full_page=True)
    assert console_errors == []


@pytest.mark.parametrize("name", ["constructor", "__proto__", "toString", "hasOwnProperty"])
def test_names_of_object_members_are_unknown_codes(page, origin, console_errors, name):
    page.goto(go(origin, name))
    page.wait_for_selector("#kb-go-result .kb-missing")
    assert page.url == go(origin, name)
    assert page.locator("#kb-go-result .kb-missing").inner_text().startswith(name + " não está")
    assert console_errors == []


@pytest.mark.parametrize("path", ["constructor", "__proto__", "errors/constructor/", "hasOwnProperty.html"])
def test_404_on_names_of_object_members_answers_without_an_error(page, base_url, path):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + path)
    page.wait_for_selector("#kb-404-unknown:not([hidden]) .kb-missing")
    assert errors == []


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_404_suggests_the_closest_code_inline(page, base_url, console_errors, viewport, artifacts):
    if viewport:
        page.set_viewport_size(viewport)
    page.goto(base_url + "errors/UserErrorFsFreezFailed/")
    page.wait_for_selector("#kb-404-unknown .kb-text-results[data-count]")
    first = page.locator("#kb-404-unknown .kb-suggestions a").first
    assert first.get_attribute("href").endswith("errors/UserErrorFsFreezeFailed/")
    assert uncovered(page, "#kb-404-unknown .kb-suggestions a")
    assert "Esta base de conhecimento cobre" in page.locator("#kb-404-unknown .kb-scope").inner_text()
    page.screenshot(path=str(artifacts / f"lookup-404-typo-{'phone' if viewport else 'desktop'}.png"), full_page=True)
    assert [e for e in console_errors if "404" not in e] == []


# ---- results ---------------------------------------------------------------------------------------


def test_all_results_can_be_shown(page, origin):
    page.goto(home(origin))
    page.click("#kb-search-input")
    page.wait_for_selector(".kb-search[data-state=full]", state="attached")
    page.fill("#kb-search-input", "backup")
    page.wait_for_function(SHOWN_JS, arg="backup")
    total = int(re.search(r"(\d+) resultados", page.inner_text(".kb-search-status")).group(1))
    assert total > 10 and page.locator("#kb-search-results [role=option]").count() == 10
    page.click(f"text=Mostrar todos os {total} resultados")
    assert page.locator("#kb-search-results [role=option]").count() == total


def test_a_result_says_which_code_matched(page, origin):
    page.goto(home(origin))
    page.click("#kb-search-input")
    page.wait_for_selector(".kb-search[data-state=full]", state="attached")
    page.evaluate("KB.setLang('en', false)")
    page.fill("#kb-search-input", "400094")
    page.wait_for_function(SHOWN_JS, arg="400094")
    first = page.locator("#kb-search-results [role=option]").first
    assert first.locator(".kb-search-code").inner_text() == "320001"
    assert first.locator(".kb-search-via").inner_text() == "400094 is another code of this error"


def test_stop_words_are_never_marked_and_both_languages_are_searched(page, origin):
    page.goto(home(origin))
    page.click("#kb-search-input")
    page.wait_for_selector(".kb-search[data-state=full]", state="attached")
    page.evaluate("KB.setLang('en', false)")
    page.fill("#kb-search-input", "failed to freeze")
    page.wait_for_function(SHOWN_JS, arg="failed to freeze")
    marks = page.eval_on_selector_all("#kb-search-results mark", "ms => ms.map(m => m.textContent.toLowerCase())")
    assert marks and "to" not in marks
    page.fill("#kb-search-input", "congelar")   # Portuguese words on an English page
    page.wait_for_function(SHOWN_JS, arg="congelar")
    hrefs = page.eval_on_selector_all("#kb-search-results a", "links => links.map(a => a.href)")
    assert origin.url(origin.page_of("code:UserErrorFsFreezeFailed")) in hrefs[:3]
