"""The offline bundle as a jump host gets it: unzipped into a fresh folder and opened from ``file://``.

Every browser test records every request the pages make (stylesheets, scripts,
redirects, search index) and fails on any that is not ``file://``, or on any
file the pages ask for that the bundle lacks.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from html.parser import HTMLParser

import pytest

from conftest import ROOT

SEARCH_BOXES = ("#kb-search-input", "#kb-search", "input[type=search]")


@pytest.fixture(scope="module")
def feed(bundle_dir) -> dict:
    return json.loads((bundle_dir / "errors.json").read_text(encoding="utf-8"))


def entry(feed: dict, ident: str) -> dict:
    return next(e for e in feed["errors"] if e["id"] == ident)


# ---- the archive ------------------------------------------------------------------


def test_archive_layout_and_checksum(bundle_zip, bundle_dir):
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert bundle_zip.name == f"azure-backup-errors-offline-{version}.zip"
    checksum = bundle_zip.with_name(bundle_zip.name + ".sha256").read_text(encoding="utf-8")
    assert checksum == f"{hashlib.sha256(bundle_zip.read_bytes()).hexdigest()}  {bundle_zip.name}\n"
    with zipfile.ZipFile(bundle_zip) as archive:
        infos = archive.infolist()
        assert archive.testzip() is None
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert all(n.startswith(f"{bundle_dir.name}/") and ".." not in n.split("/") for n in names)
    assert len({i.date_time for i in infos}) == 1
    assert not [n for n in names if n.endswith(".map")]
    assert f"{bundle_dir.name}/404.html" not in names  # root-absolute links: only a web server can show it
    for name in ("index.html", "go.html", "codes.html", "errors.json", "errors.schema.json",
                 "README.txt", "lookup.py"):
        assert (bundle_dir / name).is_file(), name


def test_every_error_and_alias_has_its_html_page(bundle_dir, feed):
    for error in feed["errors"]:
        assert error["url"].endswith(".html")
        assert (bundle_dir / error["url"]).is_file(), error["url"]
        for alias in error["aliases"]:
            assert (bundle_dir / alias).is_file(), alias
    for code, url in feed["codes"].items():
        assert (bundle_dir / url).is_file(), code


def test_readme_says_how_to_open_and_look_up(bundle_dir, bundle_zip, feed):
    readme = (bundle_dir / "README.txt").read_text(encoding="utf-8")
    for needed in ("index.html", "file://", "go.html?code=UserErrorFsFreezeFailed", "&lang=en",
                   "python3 lookup.py UserErrorFsFreezeFailed", "--lang en", "lookup.py freeze",
                   f"sha256sum -c {bundle_zip.name}.sha256", "errors.json"):
        assert needed in readme, needed
    assert f"{len(feed['errors'])} errors" in readme and f"{len(feed['errors'])} erros" in readme
    assert max(len(line) for line in readme.splitlines()) <= 100


class _Resources(HTMLParser):
    """What a page loads by itself (not what it merely links to)."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.inline: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").lower().split()
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed", "track") and attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "object" and attrs.get("data"):
            self.loads.append(attrs["data"])
        if tag == "link" and set(rel) & {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                                         "preconnect", "dns-prefetch", "apple-touch-icon"}:
            self.loads.append(attrs.get("href") or "")
        if attrs.get("srcset"):
            self.loads += [part.split()[0] for part in attrs["srcset"].split(",") if part.strip()]
        if attrs.get("style"):
            self.inline.append(attrs["style"])
        self._style = tag == "style"

    def handle_data(self, data):
        if self._style:
            self.inline.append(data)


def test_no_page_or_stylesheet_loads_anything_from_outside(bundle_dir):
    """Static half of the guarantee, for every page (the browser tests below visit only some)."""
    outside = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
    css_url = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")
    problems = []
    pages = sorted(bundle_dir.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parser = _Resources()
        parser.feed(html)
        urls = parser.loads + [u for block in parser.inline for u in css_url.findall(block)]
        for url in urls:
            if outside.match(url) and not url.startswith("data:"):
                problems.append(f"{page.relative_to(bundle_dir)}: loads {url}")
            elif not outside.match(url):
                target = (page.parent / url.split("#")[0].split("?")[0]).resolve()
                if not target.is_file():
                    problems.append(f"{page.relative_to(bundle_dir)}: {url} is not in the bundle")
        if "iframe-worker" in html:
            problems.append(f"{page.relative_to(bundle_dir)}: mentions iframe-worker")
    for sheet in sorted(bundle_dir.rglob("*.css")):
        for url in css_url.findall(sheet.read_text(encoding="utf-8")):
            if outside.match(url) and not url.startswith("data:"):
                problems.append(f"{sheet.relative_to(bundle_dir)}: loads {url}")
    assert not problems, problems


def test_offline_pages_do_not_rely_on_instant_navigation(bundle_dir):
    """Under file:// Material's instant loading is off and document$ never fires: it must not be configured."""
    for page in (bundle_dir / "index.html", bundle_dir / "errors" / "UserErrorFsFreezeFailed.html"):
        html = page.read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
        assert not [f for f in config["features"] if f.startswith("navigation.instant")], config["features"]
        hrefs = re.findall(r'<a [^>]*href="([^"#?:]+)"', html)
        assert [h for h in hrefs if h.endswith(".html")], hrefs  # pages link to files...
        assert not [h for h in hrefs if h.endswith("/") or h in (".", "..")], hrefs  # ...never to folders


# ---- in a browser, from file:// -----------------------------------------------------


class Recorder:
    """Every request, failed request and web socket of a browser context."""

    def __init__(self, context) -> None:
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.sockets: list[str] = []
        context.on("request", lambda r: self.requests.append(r.url))
        # ERR_ABORTED is a load cut short by leaving the page (the redirects do that), not a missing file
        context.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "")
                   else self.failed.append(f"{r.url}: {r.failure}"))
        context.on("page", self.watch)
        for page in context.pages:
            self.watch(page)

    def watch(self, page) -> None:
        page.on("websocket", lambda ws: self.sockets.append(ws.url))

    def check(self) -> None:
        assert self.requests, "nothing was recorded"
        outside = [u for u in self.requests if not u.startswith("file://")]
        assert not outside, f"requests outside file://: {outside}"
        assert not self.sockets, self.sockets
        assert not self.failed, f"files the pages asked for and the bundle lacks: {self.failed}"


@pytest.fixture
def recorder(context) -> Recorder:
    return Recorder(context)


def visible_text(page) -> str:
    """What the reader sees of the page's content (hidden language copies excluded)."""
    return " ".join(page.locator("article").first.inner_text().split())


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.browser
def test_browse_toggle_and_look_up_from_file(page, recorder, console_errors, bundle_dir, feed, artifacts):
    home = (bundle_dir / "index.html").as_uri()
    error = entry(feed, "UserErrorFsFreezeFailed")
    category_url = error["category"]["url"]

    # home → category → error page, by clicking, as full page loads (no instant navigation)
    page.goto(home)
    assert page.evaluate("document.documentElement.getAttribute('data-kb-lang')") == "pt-BR"
    page.locator(f'article a[href="{category_url}"]').first.click()
    page.wait_for_url(f"**/{category_url}")
    assert squash(error["category"]["title"]["pt-BR"]) in visible_text(page)
    page.locator('article a[href$="errors/UserErrorFsFreezeFailed.html"]').first.click()
    page.wait_for_url("**/errors/UserErrorFsFreezeFailed.html")
    text = visible_text(page)
    assert squash(error["title"]["pt-BR"]) in text and squash(error["title"]["en"]) not in text

    # the language toggle switches the same page in place, and the choice follows the reader
    page.click("#kb-lang-toggle")
    assert page.evaluate("document.documentElement.getAttribute('data-kb-lang')") == "en"
    text = visible_text(page)
    assert squash(error["title"]["en"]) in text and squash(error["title"]["pt-BR"]) not in text
    assert page.url.endswith("errors/UserErrorFsFreezeFailed.html?lang=en")  # same page; the address keeps the choice
    page.screenshot(path=str(artifacts / "bundle-error-en.png"))
    page.goto(home)
    assert page.evaluate("document.documentElement.getAttribute('data-kb-lang')") == "en"
    page.click("#kb-lang-toggle")
    assert page.evaluate("document.documentElement.getAttribute('data-kb-lang')") == "pt-BR"

    # the lookup page: a code in any case, an alias code, English on request, an unknown code
    page.goto((bundle_dir / "go.html").as_uri() + "?code=usererrorfsfreezefailed")
    page.wait_for_url("**/errors/UserErrorFsFreezeFailed.html")
    owner = next(e for e in feed["errors"] if e["aliases"])
    alias_code = next(c for c in owner["codes"] if c != owner["id"])
    page.goto((bundle_dir / "go.html").as_uri() + f"?code={alias_code}&lang=en")
    page.wait_for_url(f"**/{owner['url']}*")
    assert page.evaluate("document.documentElement.getAttribute('data-kb-lang')") == "en"
    assert squash(owner["title"]["en"]) in visible_text(page)
    page.goto((bundle_dir / "go.html").as_uri() + "?code=NoSuchBackupErrorAnywhere&lang=pt-BR")
    page.wait_for_selector("#kb-go-result .kb-missing")
    assert page.url.split("?")[0].endswith("/go.html")
    assert "NoSuchBackupErrorAnywhere" in page.inner_text("#kb-go-result .kb-missing")

    # an alias page and source anchors land on the page that replaced them
    page.goto((bundle_dir / owner["aliases"][0]).as_uri())
    page.wait_for_url(f"**/{owner['url']}")
    page.goto(f"{home}#{error['source']['anchor']}")
    page.wait_for_url("**/errors/UserErrorFsFreezeFailed.html")
    topic_anchor, topic_url = next((a, u) for a, u in sorted(feed["anchors"].items()) if u.startswith("topics/"))
    page.goto(f"{home}#{topic_anchor}")
    page.wait_for_url(f"**/{topic_url}")

    assert not console_errors, console_errors
    recorder.check()


@pytest.mark.browser
def test_search_from_file(page, recorder, console_errors, bundle_dir, feed):
    page.goto((bundle_dir / "index.html").as_uri())
    box = next((page.locator(s).first for s in SEARCH_BOXES if page.locator(s).count()), None)
    if box is None:
        pytest.skip("the offline site has no search box")
    error = entry(feed, "UserErrorFsFreezeFailed")
    word = "congelar"
    assert word in error["title"]["pt-BR"]
    box.click()
    box.press_sequentially(word)
    hit = page.locator('a[href$="errors/UserErrorFsFreezeFailed.html"]').filter(has_text=re.compile("congel", re.I))
    hit.first.wait_for(state="visible")
    hit.first.click()
    page.wait_for_url("**/errors/UserErrorFsFreezeFailed.html")
    assert not console_errors, console_errors
    recorder.check()


@pytest.mark.browser
def test_every_category_and_topic_page_loads_from_file(page, recorder, console_errors, bundle_dir, feed):
    """Each kind of page once more, with the recorder: nothing outside file://, nothing missing."""
    urls = sorted({e["category"]["url"] for e in feed["errors"]} | {t["url"] for t in feed["topics"]})
    urls += ["codes.html", "go.html"]
    for url in urls:
        path, _, fragment = url.partition("#")
        page.goto((bundle_dir / path).as_uri() + (f"#{fragment}" if fragment else ""))
        assert page.locator("#kb-lang-toggle").count() == 1, url
    assert not console_errors, console_errors
    recorder.check()
