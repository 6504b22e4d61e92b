"""Hostile source text leaks nothing: no script, event handler or ``javascript:`` URL reaches a page,
and nothing runs in Chromium, over http:// or from the unzipped offline bundle.

``tests/fixtures_xss/hostile.md`` is a valid article in the seed's layout (H1, categories,
``###`` code headings with code/message lines, an error table) whose headings, anchors,
messages, table cells and resolution lists carry script payloads; every payload sets
``window.__pwned`` or opens a dialog. It is built alone into a full site with the project's
own configuration, theme overrides and hand-written pages.

That build runs without ``--strict``, on purpose: the article's scripts, handlers, script
links and anchors full of markup are each reported as ``path:line: warning`` (and removed or
made URL-safe), and the hand-written pages link to the seed's error pages, which a
one-article site does not have. The problems are checked here to be reported, never raised.

The allowlist of the site's own markup (script sources, inline script shapes, stylesheets)
is taken from the normal build of the seed article (the session ``built`` fixture).
"""

from __future__ import annotations

import posixpath
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit
from urllib.request import url2pathname

import pytest

from project_copy import copy_project

from build_tools.problems import Problems
from build_tools.parse.catalog import load_catalog
from build_tools.pages.html import TAGS, Linker, inline, sanitize
from conftest import serve

FIXTURES = Path(__file__).with_name("fixtures_xss")
FIXTURE = FIXTURES / "hostile.md"
REHANDLED = FIXTURES / "rehandled.md"
"""Text that turns into live markup if rendered HTML is ever read again as markdown (a line starting with
``#`` and ``{: onerror=... }`` attributes): in an HTML block, in a paragraph's lazy continuation line, and in
a translator's msgstr (``translations/en/rehandled.po``)."""
CODES = ["UserErrorTopLevelHostile", "UserErrorHostileHeading", "UserErrorQuotedAnchor", "UserErrorScriptTag",
         "UserErrorTableCell", "987654", "UserErrorHtmlBlockHash", "UserErrorLazyHash", "UserErrorTranslatedHash"]
"""Every code of the hostile articles: each must get a page, else the checks below prove nothing."""

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=1\">",
    "[x](javascript:window.__pwned=1)",
    "[JaVaScRiPt](JaVaScRiPt:window.__pwned=1)",
    "[tab](java\tscript:window.__pwned=1)",
    "<a href=\"javascript:window.__pwned=1\">clique</a>",
    "<a href=\"&#106;avascript:window.__pwned=1\">entidade</a>",
    "\"><svg onload=window.__pwned=1>",
    "<svg/onload=alert(1)>",
    "<iframe src=\"javascript:parent.__pwned=1\"></iframe>",
    "<iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>",
    "<style>body { display: none }</style>",
    "<form action=\"javascript:window.__pwned=1\"><button>Enviar</button></form>",
    "<button formaction=\"javascript:window.__pwned=1\">b</button>",
    "[dados](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+)",
    "<a href=\"data:text/html,<script>parent.__pwned=1</script>\">dados</a>",
    "<span onmouseover=\"window.__pwned=1\">passe o mouse</span>",
    "<details open ontoggle=\"window.__pwned=1\"><summary>s</summary>d</details>",
    "<div onclick=\"window.__pwned=1\"><p>bloco</p></div>",
    "<object data=\"javascript:window.__pwned=1\"></object>",
    "<embed src=\"javascript:window.__pwned=1\">",
    "<base href=\"javascript:window.__pwned=1/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__pwned=1\">",
    "<link rel=\"stylesheet\" href=\"javascript:window.__pwned=1\">",
    "<svg><a xlink:href=\"javascript:window.__pwned=1\"><text>svg</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__pwned=1\">",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__pwned=1>\"></noscript>",
    "<a href=\"https://example.com/\" style=\"position:fixed;inset:0\" onfocus=\"window.__pwned=1\" autofocus>x</a>",
    "[t](https://example.com/ \"\\\" onmouseover=\\\"window.__pwned=1\")",
    "<b onclick=\"window.__pwned=1\">UserErrorScriptTag</b>",
    "&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;",
    "`<script>window.__pwned=1</script>`",
    "<scr<script>ipt>window.__pwned=1</script>",
    "<!--><script>window.__pwned=1</script>-->",
    "[entidade](javascript&#58;window.__pwned=1)",
    "<javascript:window.__pwned=1>",
    "![imagem](javascript:window.__pwned=1)",
    "[%6A](%6Aavascript:window.__pwned=1)",
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset",
                  "codebase", "cite", "longdesc", "ping"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "img", "math", "noscript",
         "template", "portal", "foreignobject", "animate", "set", "image", "video", "audio", "source", "isindex"}
"""Elements the site never shows: any of them on a page came from the source."""


# ---- reading HTML ----------------------------------------------------------------------------

def bad_url(value: str) -> bool:
    """True for a URL a browser would run or render inline: javascript:, vbscript:, data:."""
    squashed = re.sub(r"[\x00-\x20]+", "", value).lower()
    return squashed.startswith(BAD_SCHEMES)


def skeleton(script: str) -> str:
    """An inline script's shape: string literals blanked and repeated map/list entries folded.

    Page titles, paths and labels inside the site's own scripts change with the article;
    their code does not. A script the source smuggled in has a shape no normal page has.
    """
    shape = re.sub(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', '""', script)
    shape = re.sub(r'""\s*:\s*(?:""|null|true|false|-?\d+(?:\.\d+)?)', "P", shape)
    shape = re.sub(r"P(?:\s*,\s*P)+", "P", shape)
    shape = re.sub(r'""(?:\s*,\s*"")+', '""', shape)
    return re.sub(r"\s+", " ", shape).strip()


class Audit(HTMLParser):
    """What one page holds that could run: tags, handlers, URLs, scripts, stylesheets, refreshes."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.tags: set[str] = set()
        self.problems: list[str] = []
        self.script_srcs: set[str] = set()
        self.inline_scripts: list[str] = []
        self.stylesheets: set[str] = set()
        self.forms: set[str] = set()
        self._script: list[str] | None = None

    def resolve(self, url: str) -> str:
        """A same-site URL as a path from the site root (query dropped); others unchanged."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return url
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.page), parts.path)) if parts.path else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"{self.page}: <{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and bad_url(value):
                self.problems.append(f"{self.page}: <{tag} {name}={value!r}>")
            if name == "srcdoc":
                self.problems.append(f"{self.page}: <{tag} srcdoc>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = values.get("content", "").partition("url=")[2]
            if bad_url(target) or urlsplit(target).netloc:
                self.problems.append(f"{self.page}: refresh to {target!r}")
        if tag == "script":
            if "src" in values:
                self.script_srcs.add(self.resolve(values["src"]))
            else:
                self._script = []
        if tag == "link" and "stylesheet" in values.get("rel", ""):
            self.stylesheets.add(self.resolve(values.get("href", "")))
        if tag == "form":
            self.forms.add(self.resolve(values.get("action", "")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.inline_scripts.append(skeleton("".join(self._script)))
            self._script = None


def audit_site(site: Path) -> list[Audit]:
    audits = []
    for path in sorted(site.rglob("*.html")):
        audit = Audit(path.relative_to(site).as_posix())
        audit.feed(path.read_text(encoding="utf-8"))
        audit.close()
        audits.append(audit)
    return audits


def fragment_problems(fragment: str) -> list[str]:
    """Everything in a rendered fragment that the sanitizer's allowlist does not allow."""
    audit = Audit("fragment")
    audit.feed(fragment)
    audit.close()
    found = list(audit.problems)
    found += [f"<{t}>" for t in sorted(audit.tags - TAGS)]
    return found


# ---- the builds ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> dict[str, Path]:
    """The hostile article built alone, with the project's configuration: hosted site and unzipped bundle."""
    from build_tools.pipeline import build_all

    project = tmp_path_factory.mktemp("xss-project") / "project"
    copy_project(project)
    for article in (FIXTURE, REHANDLED):
        shutil.copy2(article, project / "source_pt" / article.name)
    shutil.copytree(FIXTURES / "translations", project / "source_pt" / "translations", dirs_exist_ok=True)
    out = tmp_path_factory.mktemp("xss-build")
    build_all(project, bundle=True, site_dir=out / "site", dist_dir=out / "dist", strict=False)
    (zip_path,) = (out / "dist").glob("*.zip")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(out / "bundle")
    (offline,) = [p for p in (out / "bundle").iterdir() if p.is_dir()]
    return {"project": project, "site": out / "site", "offline": offline}


@pytest.fixture(scope="session")
def allowed(built) -> dict[str, dict[str, set[str]]]:
    """The site's own scripts, stylesheets and forms, from the normal build of the seed article."""
    result = {}
    for mode, site in (("site", built["site"]), ("offline", built["offline"])):
        audits = audit_site(site)
        result[mode] = {
            "tags": set().union(*(a.tags for a in audits)),
            "script_srcs": set().union(*(a.script_srcs for a in audits)),
            "inline_scripts": {s for a in audits for s in a.inline_scripts},
            "stylesheets": set().union(*(a.stylesheets for a in audits)),
            "forms": set().union(*(a.forms for a in audits)),
        }
    return result


# ---- pages/html.py on each payload -----------------------------------------------------------

@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitize_keeps_nothing_that_runs(payload):
    out = sanitize(payload)
    assert fragment_problems(out) == [], out


@pytest.mark.parametrize("payload", PAYLOADS)
def test_inline_keeps_nothing_that_runs(payload):
    linker = Linker("errors/UserErrorQuotedAnchor/",
                    codes={"UserErrorScriptTag": "errors/UserErrorScriptTag/"},
                    anchors={"x&quot;": "errors/UserErrorQuotedAnchor/"})
    out = inline(f"Veja UserErrorScriptTag: {payload} e mais texto.", linker)
    assert fragment_problems(out) == [], out
    assert '<a href="../UserErrorScriptTag/" class="kb-codelink"' in out, "the code mention is still linked"


def test_source_classes_cannot_dress_text_as_the_theme():
    """``class`` from the source is dropped (an ``md-button`` to another site would look like the site's own);
    only the classes the renderer itself writes pass."""
    out = sanitize('<a class="md-button md-button--primary" href="https://example.com/">Baixar</a>'
                   '<div class="admonition danger md-banner">aviso</div><span class="kb-l10n-note md-x">n</span>')
    assert "md-" not in out and "admonition" not in out
    assert '<span class="kb-l10n-note">n</span>' in out
    linker = Linker("errors/X/", codes={"UserErrorScriptTag": "errors/UserErrorScriptTag/"})
    assert 'class="kb-codelink"' in inline("Veja UserErrorScriptTag.", linker)


def test_escaped_markup_in_the_source_stays_text():
    out = inline("&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;", Linker("errors/X/"))
    assert out == "&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;"


# ---- the built hostile site ------------------------------------------------------------------

def test_hostile_article_is_reported_never_raised_and_fully_built(hostile):
    problems = Problems()
    catalog = load_catalog([FIXTURE, REHANDLED], problems)
    assert not problems.errors, [str(p) for p in problems.errors]
    assert any(p.severity == "warning" for p in problems), "the build below runs without --strict because of these"
    for problem in problems:
        assert re.match(rf"^({re.escape(str(FIXTURE))}|{re.escape(str(REHANDLED))}):\d+: (warning|notice): \S",
                        str(problem)), str(problem)
    codes = {c for e in catalog.entries for c in e.codes}
    assert set(CODES) <= codes
    for code in CODES:
        assert (hostile["site"] / "errors" / code / "index.html").is_file(), code
        assert (hostile["offline"] / "errors" / f"{code}.html").is_file(), code
    assert len(list(hostile["site"].glob("topics/*/index.html"))) >= 3


@pytest.mark.parametrize("mode", ["site", "offline"])
def test_built_pages_hold_only_the_sites_own_markup(hostile, allowed, mode):
    own = allowed[mode]
    audits = audit_site(hostile[mode])
    assert len(audits) > len(CODES)
    problems = [p for a in audits for p in a.problems]
    for a in audits:
        problems += [f"{a.page}: <{t}>" for t in sorted(a.tags & NEVER)]
        problems += [f"{a.page}: <{t}> is neither the theme's nor allowed by the sanitizer"
                     for t in sorted(a.tags - own["tags"] - TAGS - {"h1", "h2", "h3", "h4", "h5", "h6"})]
        problems += [f"{a.page}: script src {s!r}" for s in sorted(a.script_srcs - own["script_srcs"])]
        problems += [f"{a.page}: inline script {s[:80]!r}" for s in a.inline_scripts if s not in own["inline_scripts"]]
        problems += [f"{a.page}: stylesheet {s!r}" for s in sorted(a.stylesheets - own["stylesheets"])]
        problems += [f"{a.page}: form action {s!r}" for s in sorted(a.forms - own["forms"])]
    assert problems == []


def test_data_files_are_plain_data(hostile):
    """The code table is one JSON value assigned to a global: hostile titles stay strings in it."""
    import json

    text = (hostile["site"] / "assets" / "kb-data.js").read_text(encoding="utf-8")
    prefix = "window.KB_DATA="
    assert text.startswith(prefix) and text.endswith(";\n")
    data = json.loads(text[len(prefix):-2])
    assert any("<script>" in title or "</title>" in title for e in data["entries"].values() for title in e["t"])
    json.loads((hostile["site"] / "errors.json").read_text(encoding="utf-8"))


# ---- in Chromium -----------------------------------------------------------------------------

LIVE_DOM_CHECK = """() => {
  const found = [];
  const bad = v => /^(javascript|vbscript|data):/i.test(String(v).replace(/[\\x00-\\x20]+/g, ""));
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) { found.push(el.tagName + " " + attr.name); }
      if (/^(href|src|action|formaction|data|xlink:href)$/i.test(attr.name) && bad(attr.value)) {
        found.push(el.tagName + " " + attr.name + "=" + attr.value);
      }
    }
    if (/^(IFRAME|OBJECT|EMBED|BASE|FRAME|IMG|STYLE)$/.test(el.tagName)) { found.push(el.tagName); }
  }
  if (typeof window.__pwned !== "undefined") { found.push("window.__pwned is set"); }
  return found;
}"""
"""The live document after the site's scripts ran: no handler, script URL or embedded frame, flag unset."""

DISPATCH = """() => {
  const types = ["mouseover", "mouseenter", "mousemove", "mouseout", "mouseleave", "pointerover", "pointerenter"];
  for (const el of document.querySelectorAll("article *, h1, h2, h3")) {
    for (const type of types) {
      el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window }));
    }
    el.dispatchEvent(new FocusEvent("focus"));
    el.dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
  }
}"""
"""Pointer and focus events on every element of the content, shown or not (the other language too)."""

VISIBLE = """sel => Array.from(document.querySelectorAll(sel)).flatMap((el, i) => {
  const r = el.getBoundingClientRect();
  return (r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden") ? [[i, el.href || ""]] : [];
})"""

IN_VIEW = """sel => Array.from(document.querySelectorAll(sel)).flatMap(el => {
  const r = el.getBoundingClientRect();
  const shown = r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight
    && getComputedStyle(el).visibility !== "hidden";
  return shown ? [[r.left + r.width / 2, r.top + r.height / 2]] : [];
})"""

HOVERED = "article a[href], article summary, article button"
"""What a reader points at with the real mouse (every other element gets synthetic events)."""
PRESSED = "article summary, article button:not([type=submit])"
LINKS = "article a[href]"


class Watch:
    """Everything a page could do that it must not: dialogs, uncaught errors, requests off the site."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))
        page.on("request", self._request)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{self.page.url}: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    def _request(self, request) -> None:
        if not request.url.startswith(self.base):
            self.outside.append(request.url)

    def check(self) -> None:
        live = [f"{self.page.url}: {f}" for f in self.page.evaluate(LIVE_DOM_CHECK)]
        assert live == []
        assert self.dialogs == []
        assert self.errors == []
        assert self.outside == [], "requests outside the site"


def page_urls(site: Path, base: str, offline: bool) -> list[str]:
    """Every page of a built site as the browser opens it."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if not offline and rel.endswith("index.html"):
            rel = rel[: -len("index.html")]
        urls.append(base + quote(rel, safe="/"))
    return urls


def page_url(base: str, offline: bool, name: str) -> str:
    """A page by name (``""``, ``go``, ``errors/X``): directory URL over http, ``.html`` offline."""
    if name == "":
        return base + ("index.html" if offline else "")
    return base + (f"{name}.html" if offline else f"{name}/")


@pytest.fixture(params=["http", "file"])
def hostile_site(request, hostile):
    """(base URL, site folder, offline?) of the hostile build: served over http://, or the bundle from file://."""
    if request.param == "http":
        server, base = serve(hostile["site"])
        yield base, hostile["site"], False
        server.shutdown()
    else:
        yield hostile["offline"].resolve().as_uri() + "/", hostile["offline"], True


def hover_all(page) -> None:
    """Move the real mouse over every visible link, button, summary and heading, half a screen at a time."""
    height, view = page.evaluate("() => [document.documentElement.scrollHeight, innerHeight]")
    for top in range(0, max(height - view, 0) + view // 2, view // 2):
        page.evaluate("y => window.scrollTo(0, y)", top)
        for x, y in page.evaluate(IN_VIEW, HOVERED):
            page.mouse.move(x, y)


def visit(page, url: str, watch: Watch, clicked: set[str]) -> None:
    """Open a page and use it in both languages: hover, open, press, follow each new in-site link, toggle."""
    page.goto(url)
    watch.check()
    for _ in range(2):
        page.evaluate(DISPATCH)
        hover_all(page)
        for index, _href in page.evaluate(VISIBLE, PRESSED):
            page.locator(PRESSED).nth(index).click(timeout=5000)
        watch.check()
        for index, href in page.evaluate(VISIBLE, LINKS):
            if href in clicked or (href.split(":")[0] in ("http", "https", "file") and not href.startswith(watch.base)):
                continue
            if href.startswith("file:") and not Path(url2pathname(urlsplit(href).path)).exists():
                continue  # the hand-written pages link to the seed's error pages, absent from this one-article site
            clicked.add(href)
            page.locator(LINKS).nth(index).click(timeout=5000)
            page.wait_for_load_state()
            assert not page.url.startswith("chrome-error:"), f"{url}: the link to {href} does not open"
            watch.check()
            page.goto(url)
        page.locator("#kb-lang-toggle").click()
    watch.check()


@pytest.mark.browser
def test_no_page_runs_hostile_text(page, hostile_site):
    base, site, offline = hostile_site
    watch = Watch(page, base)
    urls = page_urls(site, base, offline)
    assert len(urls) > len(CODES)
    clicked: set[str] = set()
    for url in urls:
        visit(page, url, watch, clicked)
    assert sum("/errors/" in c for c in clicked) >= len(CODES), "links between the hostile pages were followed"


HOSTILE_QUERIES = [
    "<script>window.__pwned=1</script>",
    "\"><img src=x onerror=\"window.__pwned=1\">",
    "'><svg onload=alert(1)>",
    "javascript:window.__pwned=1",
    "UserErrorHostileHeading\"><img src=x onerror=window.__pwned=1>",
    "</textarea><img src=x onerror=alert(1)>",
    "erro: *~^+- \" <b>",
]


@pytest.mark.browser
def test_hostile_addresses_run_nothing(page, hostile_site):
    """go/?code=, ?q=, ?lang= and #hash values carrying HTML, and the lookup box fed with HTML."""
    base, site, offline = hostile_site
    watch = Watch(page, base)
    go, home = page_url(base, offline, "go"), page_url(base, offline, "")
    entry = page_url(base, offline, "errors/UserErrorHostileHeading")
    addresses = [f"{go}?code={quote(q)}" for q in HOSTILE_QUERIES]
    addresses += [f"{go}?q={quote(q)}" for q in HOSTILE_QUERIES[:3]]
    addresses += [f"{go}#{quote(q)}" for q in HOSTILE_QUERIES[:3]]
    for target in (home, entry, go):
        addresses += [
            f"{target}?lang=%3Csvg%20onload%3Dwindow.__pwned%3D1%3E",
            f"{target}?lang=en%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
            f"{target}#%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E",
            f"{target}#x&quot;><svg onload=window.__pwned=1>",
            f"{target}#%E0%A4%A",
        ]
    addresses.append(f"{home}#x&quot;")
    if not offline:
        addresses.append(base + "errors/%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E/")
        addresses.append(base + "errors/UserErrorHostileHeading%22%3E%3Csvg%20onload%3Dalert(1)%3E/")
    for address in addresses:
        page.goto("about:blank")  # a fresh load each time: a new #hash alone would only scroll
        page.goto(address)
        page.wait_for_load_state()
        watch.check()
        page.evaluate(DISPATCH)
        if "?lang=" in address:
            page.locator("#kb-lang-toggle").click()
        watch.check()
    for query in HOSTILE_QUERIES:
        page.goto(home)
        page.locator("#kb-lookup-code").fill(query)
        page.locator("#kb-lookup-code").press("Enter")
        page.wait_for_load_state()
        watch.check()
    assert page.locator("#kb-go-code").input_value() == HOSTILE_QUERIES[-1], "the query is kept as text"
    assert HOSTILE_QUERIES[-1] in page.locator("#kb-go-result").inner_text()


SEARCH_SETTLED = "() => window.KBSearch && ['quick', 'full', 'failed'].includes(window.KBSearch.state())"


@pytest.mark.browser
def test_hostile_search_queries_run_nothing(page, hostile_site):
    """HTML typed into the header search box: results, status line and Enter run nothing."""
    base, site, offline = hostile_site
    if not (site / "assets" / "kb-search.js").is_file():
        pytest.skip("the site has no search box yet (overrides/assets/kb-search.js is absent)")
    watch = Watch(page, base)
    queries = [*HOSTILE_QUERIES, "window.__pwned", "script", "onerror svg"]
    for name, count in (("", len(queries)), ("errors/UserErrorHostileHeading", 3)):
        page.goto(page_url(base, offline, name))
        for query in queries[:count]:
            if page.url != page_url(base, offline, name):
                page.goto(page_url(base, offline, name))
            page.keyboard.press("/")
            box = page.locator("#kb-search-input:focus")
            assert box.count() == 1, "'/' focuses the search box"
            box.fill(query[:-1])
            box.press_sequentially(query[-1])
            page.wait_for_function(SEARCH_SETTLED)
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            assert box.input_value() == query
            watch.check()
            for x, y in page.evaluate(IN_VIEW, ".kb-search-result"):
                page.mouse.move(x, y)
            box.press("ArrowDown")
            watch.check()
            leaves = page.locator(".kb-search-result").count() > 0 or page.evaluate(
                "q => window.KB.findCode(q) !== null", query)
            if leaves:
                with page.expect_navigation():
                    box.press("Enter")
            else:
                box.press("Enter")
                page.keyboard.press("Escape")
            watch.check()


@pytest.mark.browser
def test_titles_show_escaped_markup_as_text(page, hostile_site):
    """Source text written as ``&lt;/title&gt;&lt;script&gt;`` is shown as that text: tab title, header, nav."""
    base, site, offline = hostile_site
    text = "</title><script>window.__pwned=1</script>"
    page.goto(page_url(base, offline, "categories/hostile"))
    assert text in page.title()
    assert text in page.locator('.md-header__topic[data-md-component="header-topic"]').inner_text()
    assert text in page.locator(".md-nav__link--active").first.inner_text()
    page.locator("#kb-lang-toggle").click()
    assert text in page.title()
    assert page.evaluate("() => typeof window.__pwned") == "undefined"


@pytest.mark.browser
def test_copied_link_snippets_carry_no_markup(page, hostile_site):
    """The copy-a-link snippets made from hostile titles, read by a Markdown (raw HTML on) or HTML reader, hold one link."""
    from markdown_it import MarkdownIt

    base, site, offline = hostile_site
    page.goto(page_url(base, offline, "errors/UserErrorHostileHeading"))
    if not page.evaluate("() => Boolean(window.KB && window.KB.linkText)"):
        pytest.skip("the site has no copy-a-link menu (KB.linkText)")
    # pages load the code table on demand (KB.codeTable), not at load
    labels = page.evaluate("async () => Object.values((await (window.KB.codeTable ? KB.codeTable() : window.KB_DATA))"
                           ".entries).flatMap(e => e.t)") + HOSTILE_QUERIES
    assert any("<img" in label for label in labels), "the hostile titles reach the code table"
    reader = MarkdownIt("commonmark")
    for label in labels:
        for form in ("markdown", "html"):
            snippet = page.evaluate("([f, l]) => window.KB.linkText(f, 'errors/UserErrorHostileHeading/', l, false)",
                                    [form, label])
            audit = Audit("snippet")
            audit.feed(reader.render(snippet) if form == "markdown" else snippet)
            audit.close()
            assert audit.problems == [] and audit.tags <= {"a", "p"}, (form, label, snippet)


@pytest.mark.parametrize("mode", ["site", "offline"])
def test_lines_starting_with_a_hash_stay_text(hostile, mode):
    """The three forms of rehandled.md reach the page as the text they are, in both languages."""
    suffix = "/index.html" if mode == "site" else ".html"
    pages = {code: (hostile[mode] / "errors" / f"{code}{suffix}").read_text(encoding="utf-8")
             for code in ("UserErrorHtmlBlockHash", "UserErrorLazyHash", "UserErrorTranslatedHash")}
    assert "# ![y](#top){: onerror=window.__pwned=1 }" in pages["UserErrorHtmlBlockHash"]
    assert "# Título do bloco {: onfocus=window.__pwned=1 tabindex=0 autofocus }" in pages["UserErrorHtmlBlockHash"]
    assert re.search(r"# !\[y\]\(#top\)\{: onerror=(&quot;|\")window.__pwned=1(&quot;|\") \}", pages["UserErrorLazyHash"])
    translated = pages["UserErrorTranslatedHash"]
    assert "Hidden heading {: onfocus=" in translated, "the msgstr is used (English), as text"
    assert re.search(r"# !\[y\]\(#top\)\{: onerror=", translated)
    for code, text in pages.items():
        assert not re.search(r"<(h[1-6]|img|a)\b[^>]*\s(on[a-z]+|autofocus|tabindex)\b", text), code
