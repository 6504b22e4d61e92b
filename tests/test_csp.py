"""The Content-Security-Policy of the built pages: present first on every page, naming exactly the hashes of
that page's inline scripts, violated by nothing the site does (every page of the seed build used in Chromium
over http:// and from the unzipped bundle), and blocking what the sanitizer exists to stop.
"""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import serve
from test_xss import SEARCH_SETTLED, page_urls


# ---- the Content-Security-Policy -------------------------------------------------------------

CSP_LISTENER = """document.addEventListener("securitypolicyviolation", e => {
  (window.__csp = window.__csp || []).push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile);
});"""
"""Runs before the page's own scripts (Playwright injects it), so it sees every violation of the page."""


def csp_of(page_html: str) -> str | None:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page_html)
    return match.group(1) if match else None


@pytest.mark.parametrize("mode", ["site", "offline"])
def test_every_page_carries_a_policy_with_the_hashes_of_its_own_scripts(built, mode):
    from build_tools.pages.csp import inline_scripts, script_hash

    pages = sorted(built[mode].rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        text = path.read_text(encoding="utf-8")
        policy = csp_of(text)
        assert policy is not None, path
        assert text.index("Content-Security-Policy") < text.index("<script"), f"{path}: the policy comes first"
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'none'" and directives["object-src"] == "'none'"
        assert directives["base-uri"] == "'none'" and directives["style-src"] == "'self'"
        allowed = set(directives["script-src"].split()) - {"'self'"}
        assert allowed == {script_hash(s) for s in inline_scripts(text)}, path
        assert "unsafe" not in policy


def visit_with_csp(page, url: str) -> None:
    """Open a page and use what runs scripts: the language toggle and the search box."""
    page.goto(url)
    page.wait_for_load_state("load")
    page.locator("#kb-lang-toggle").click()
    if page.locator("#kb-search-input").count():
        page.keyboard.press("/")
        page.locator("#kb-search-input").fill("freeze")
        page.wait_for_function(SEARCH_SETTLED)


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["http", "file"])
def test_no_policy_violation_on_any_page_of_the_seed_build(page, built, bundle_dir, mode):
    """Every page of the normal build, hosted and from the unzipped bundle: the policy blocks nothing of the site's."""
    site = built["site"] if mode == "http" else bundle_dir
    logged: list[str] = []
    page.on("console", lambda m: logged.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(CSP_LISTENER)
    if mode == "http":
        server, base = serve(site)
    else:
        server, base = None, site.resolve().as_uri() + "/"
    try:
        urls = page_urls(site, base, offline=mode == "file")
        assert len(urls) > 40
        for url in urls:
            visit_with_csp(page, url)
            assert page.evaluate("() => window.__csp || []") == [], url
        if mode == "http":
            page.goto(base + "no/such/page/")
            page.wait_for_load_state("load")
            assert page.evaluate("() => window.__csp || []") == [], "404.html"
    finally:
        if server:
            server.shutdown()
    assert logged == []


@pytest.mark.browser
def test_the_policy_blocks_a_handler_that_reached_the_page(page, built, tmp_path):
    """Were the sanitizer ever bypassed, an injected handler or inline script still would not run."""
    original = built["site"] / "errors" / "UserErrorFsFreezeFailed" / "index.html"
    copy = tmp_path / "site"
    shutil.copytree(built["site"], copy)
    target = copy / "errors" / "UserErrorFsFreezeFailed" / "index.html"
    injected = ('<img src="x" onerror="window.__pwned=1"><script>window.__pwned=2</script>'
                '<a id="kb-injected" href="javascript:window.__pwned=3">x</a>')
    target.write_text(original.read_text(encoding="utf-8").replace("<article", injected + "<article", 1),
                      encoding="utf-8")
    page.add_init_script(CSP_LISTENER)
    server, base = serve(copy)
    try:
        page.goto(base + "errors/UserErrorFsFreezeFailed/")
        page.wait_for_load_state("load")
        page.locator("#kb-injected").click()
        page.wait_for_timeout(200)
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        blocked = page.evaluate("() => window.__csp || []")
        assert {b.split(" ")[0] for b in blocked} >= {"script-src-attr", "script-src-elem"}, blocked
    finally:
        server.shutdown()
