"""The page renderers (build_tools/pages/error_pages.py, indexes.py, render.py) on the seed article.

What is checked is the HTML a reader gets: the sanitizer's allowlist, the
cross-links written into the text, and what English mode shows when a segment
has no current translation.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

from build_tools.parse.codes import fold
from build_tools.l10n.localizer import Localizer
from build_tools.pages.listings import alias_pages, category_pages, codes_page, home_page
from build_tools.model import HtmlBlock, ListBlock, ListItem
from build_tools.pages.error_pages import Site, entry_page, page_markdown
from build_tools.problems import Problems
from build_tools.parse.catalog import load_catalog, source_paths
from build_tools.pages.html import blocks_html, inline, relative, sanitize

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source_pt"
TRANSLATIONS = SOURCE / "translations"
LEARN = "https://learn.microsoft.com/azure/backup/"

HOSTILE = (
    '<p>linha 1<br>linha 2</p><ul><li>um</li><li>dois</li></ul>'
    '<table><tr><th>A</th></tr><tr><td>c</td></tr></table>'
    '<script>alert("script")</script>'
    '<a href="javascript:alert(1)" onclick="steal()">clique</a>'
    '<a href=" JaVaScRiPt:alert(2)">outro</a>'
    '<img src="x" onerror="alert(3)"><p onmouseover="hover()">texto</p>'
    '<iframe src="https://example.com/"></iframe><style>p { color: red }</style>'
)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(source_paths(SOURCE), Problems())


@pytest.fixture(scope="module")
def site(catalog) -> Site:
    return Site(catalog, Localizer(catalog, TRANSLATIONS), True, LEARN)


class _Elements(HTMLParser):
    """Every start tag with its attributes, for asserting on structure rather than on spelling."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def _assert_harmless(out: str) -> None:
    elements = _Elements(out)
    names = {tag for tag, _ in elements.tags}
    assert not names & {"script", "style", "iframe", "img"}, names
    assert all(not key.startswith("on") for _, attrs in elements.tags for key in attrs)
    assert all("javascript" not in (a.get("href") or "").lower() for a in elements.named("a"))
    assert "alert(" not in out and "steal()" not in out and "color: red" not in out


# ---- sanitizer ---------------------------------------------------------------


def test_sanitizer_keeps_line_breaks_lists_and_tables():
    out = _Elements(sanitize(HOSTILE))
    names = [tag for tag, _ in out.tags]
    assert names.count("br") == 1
    assert names.count("li") == 2 and "ul" in names
    assert {"table", "tr", "th", "td"} <= set(names)


def test_sanitizer_drops_scripts_handlers_and_javascript_urls():
    out = sanitize(HOSTILE)
    _assert_harmless(out)
    assert "clique" in out and "outro" in out and "texto" in out  # the words survive, the behaviour does not


def test_raw_html_blocks_and_inline_html_go_through_the_sanitizer(site):
    linker = site.linker("errors/UserErrorFsFreezeFailed/")
    block = blocks_html([HtmlBlock(HOSTILE, 1)], linker)
    _assert_harmless(block)
    assert "<br>" in block and "<td>" in block
    text = inline('antes<br>depois <script>alert(1)</script><a href="javascript:alert(1)" onclick="x()">k</a>', linker)
    _assert_harmless(text)
    assert "<br>" in text and "antes" in text and "depois" in text


def test_lists_keep_their_numbering_and_nesting(site):
    linker = site.linker("errors/UserErrorFsFreezeFailed/")
    nested = ListBlock(False, 1, (ListItem("filho", 3),), 3)
    ordered = ListBlock(True, 3, (ListItem("três", 1, (nested,)), ListItem("quatro", 2)), 1)
    out = blocks_html([ordered], linker)
    assert out.startswith('<ol start="3"><li>três<ul><li>filho</li></ul></li><li>quatro</li></ol>')


# ---- cross-links -------------------------------------------------------------


def test_code_mentions_become_links_to_their_page(site):
    linker = site.linker("errors/UserErrorFsFreezeFailed/")
    out = _Elements(inline("Se aparecer 400094 ou extensioninstallationfailedcom, veja ExtensionInstallationFailedCOM.", linker))
    links = {a["href"] for a in out.named("a")}
    # 400094 is an alias of 320001; ExtensionInstallationFailedCOM belongs to ExtensionSnapshotFailedCOM's page.
    assert links == {"../320001/", "../ExtensionSnapshotFailedCOM/"}
    assert all(a.get("class") == "kb-codelink" for a in out.named("a"))


def test_a_page_does_not_link_its_own_code_and_links_are_not_nested(site):
    linker = site.linker("errors/UserErrorFsFreezeFailed/")
    assert "<a" not in inline("O código UserErrorFsFreezeFailed aparece aqui.", linker)
    out = inline("[ver 320001 na documentação](https://example.com/320001)", linker)
    assert out.count("<a ") == 1 and 'href="https://example.com/320001"' in out


def test_code_links_from_the_offline_site_end_in_html(catalog):
    offline = Site(catalog, Localizer(catalog, TRANSLATIONS), False, LEARN)
    out = inline("Erro 400094.", offline.linker("errors/UserErrorFsFreezeFailed.html"))
    assert 'href="320001.html"' in out


def test_source_anchor_links_land_on_the_topic_page(site):
    from_error = inline("Leia sobre o [agente de VM](#vm-agent).", site.linker("errors/UserErrorFsFreezeFailed/"))
    assert 'href="../../topics/backup-azure-vms-troubleshoot/vm-agent/"' in from_error
    sub = inline("[Linux](#linux-vms)", site.linker("categories/backup-azure-vms-troubleshoot/backup/"))
    assert 'href="../../../topics/backup-azure-vms-troubleshoot/vm-agent/#linux-vms"' in sub
    coded = inline("[aqui](#usererrorfsfreezefailed---failed-to-freeze-one-or-more-mount-points-of-the-vm-to-take-a-file-system-consistent-snapshot)",
                   site.linker("topics/vm-agent/"))
    assert 'href="../../errors/UserErrorFsFreezeFailed/"' in coded


def test_unknown_anchor_is_reported_not_invented(site):
    linker = site.linker("errors/UserErrorFsFreezeFailed/")
    inline("[x](#nenhuma-secao-com-este-nome)", linker)
    assert linker.missing == ["#nenhuma-secao-com-este-nome"]


def test_links_to_other_articles_become_microsoft_learn_urls(site):
    linker = site.linker("errors/CopyingVHDsFromBackUpVaultTakingLongTime/")
    out = inline("Use as [práticas](backup-azure-vms-introduction.md#best-practices) e o "
                 "[agente](../virtual-machines/linux/update-agent.md?toc=%2fazure%2fvirtual-machines%2flinux%2ftoc.json).", linker)
    hrefs = [a["href"] for a in _Elements(out).named("a")]
    assert hrefs == [
        "https://learn.microsoft.com/azure/backup/backup-azure-vms-introduction#best-practices",
        "https://learn.microsoft.com/azure/virtual-machines/linux/update-agent?toc=%2fazure%2fvirtual-machines%2flinux%2ftoc.json",
    ]


def test_learn_base_url_is_one_setting(catalog):
    other = Site(catalog, Localizer(catalog, TRANSLATIONS), True, "https://docs.example.org/pt/backup/")
    out = inline("[x](backup-azure-vms-introduction.md)", other.linker("errors/320001/"))
    assert 'href="https://docs.example.org/pt/backup/backup-azure-vms-introduction"' in out


def test_external_links_stay_external(site):
    linker = site.linker("errors/320001/")
    out = inline("[portal](https://portal.azure.com/#blade) e [mail](mailto:suporte@example.com)", linker)
    assert [a["href"] for a in _Elements(out).named("a")] == ["https://portal.azure.com/#blade", "mailto:suporte@example.com"]


def test_seed_pages_link_vm_agent_and_learn_from_the_source_text(site, catalog):
    entry = next(e for e in catalog.entries if any(l.target == "#vm-agent" for l in e.links))
    _, markdown = text(entry_page(site, entry))
    assert 'href="../../topics/backup-azure-vms-troubleshoot/vm-agent/"' in markdown
    first = catalog.entry("CopyingVHDsFromBackUpVaultTakingLongTime")
    assert "https://learn.microsoft.com/azure/backup/backup-azure-vms-introduction#best-practices" in text(entry_page(site, first))[1]


@pytest.mark.parametrize("site_path,target,expected", [
    ("errors/X/", "errors/Y/", "../Y/"),
    ("errors/X/", "topics/vm-agent/#linux-vms", "../../topics/vm-agent/#linux-vms"),
    ("errors/X/", "", "../../"),
    ("errors/X.html", "errors/Y.html", "Y.html"),
    ("errors/X.html", "index.html", "../index.html"),
    ("", "codes/", "codes/"),
    ("index.html", "go.html", "go.html"),
])
def test_relative_urls(site_path, target, expected):
    assert relative(site_path, target) == expected


# ---- error pages and indexes -------------------------------------------------


def text(page: tuple[str, list[str]]) -> tuple[str, str]:
    """A generated page as (site path, its parts joined)."""
    path, parts = page
    return path, page_markdown(parts)


def _part(markdown: str, lang_class: str) -> str:
    """The inner HTML of every element of one language (``kb-pt`` or ``kb-en``), nested tags included."""
    parts = []
    for start in re.finditer(rf'<(\w+) class="{lang_class}\b[^"]*" lang="[^"]+">', markdown):
        tag, depth, pos = start.group(1), 1, start.end()
        for tag_match in re.finditer(rf"<(/?){tag}\b[^>]*>", markdown[pos:]):
            depth += -1 if tag_match.group(1) else 1
            if depth == 0:
                parts.append(markdown[pos:pos + tag_match.start()])
                break
    return "\n".join(parts)


def test_error_page_has_codes_copy_buttons_breadcrumb_and_source(site, catalog):
    entry = catalog.entry("ExtensionSnapshotFailedCOM")
    path, markdown = text(entry_page(site, entry))
    assert path == "errors/ExtensionSnapshotFailedCOM/"
    copies = [b["data-copy"] for b in _Elements(markdown).named("button")]
    assert copies == ["ExtensionSnapshotFailedCOM", "ExtensionInstallationFailedCOM", "ExtensionInstallationFailedMDTC"]
    crumbs = re.search(r'<nav class="kb-crumbs".*?</nav>', markdown).group(0)
    assert 'href="../../"' in crumbs and 'href="../../categories/backup-azure-vms-troubleshoot/backup/"' in crumbs
    assert f"line</span> {entry.line}" in markdown and entry.anchor in markdown


def test_english_and_portuguese_both_on_the_page(site, catalog):
    _, markdown = text(entry_page(site, catalog.entry("UserErrorFsFreezeFailed")))
    assert "Falha ao congelar um ou mais pontos de montagem" in _part(markdown, "kb-pt")
    english = _part(markdown, "kb-en")
    assert "Failed to freeze one or more mount points" in english
    assert "Unmount the devices" in english and "Desmonte" not in english


@pytest.fixture
def altered_translations(tmp_path, catalog) -> Path:
    """A copy of the catalog where the FsFreeze title has no English and its second step is marked fuzzy."""
    shutil.copytree(TRANSLATIONS, tmp_path / "translations")
    po_path = next((tmp_path / "translations" / "en").glob("*.po"))
    po = polib.pofile(str(po_path), wrapwidth=0)
    for entry in po:
        if entry.msgctxt == "entry:UserErrorFsFreezeFailed:title":
            entry.msgstr = ""
        if entry.msgctxt == "entry:UserErrorFsFreezeFailed:step:1":
            entry.flags.append("fuzzy")
    po.save(str(po_path))
    return tmp_path / "translations"


def test_missing_translation_shows_portuguese_with_a_not_yet_translated_note(catalog, altered_translations):
    site = Site(catalog, Localizer(catalog, altered_translations), True, LEARN)
    entry = catalog.entry("UserErrorFsFreezeFailed")
    _, markdown = text(entry_page(site, entry))
    subtitle = re.search(r'<p class="kb-subtitle">(.*?)</p>', markdown, re.S).group(1)
    english = _part(subtitle, "kb-en")
    assert "Falha ao congelar um ou mais pontos" in english
    assert 'data-l10n="missing"' in english and "Not yet translated" in english
    assert site.title(entry.path, f"entry:{entry.id}:title", entry.title)[1].startswith("Falha ao congelar")


def test_outdated_translation_shows_portuguese_with_an_outdated_note(catalog, altered_translations):
    site = Site(catalog, Localizer(catalog, altered_translations), True, LEARN)
    _, markdown = text(entry_page(site, catalog.entry("UserErrorFsFreezeFailed")))
    steps = _part(markdown, "kb-en kb-resolution")
    items = re.findall(r"<li>(.*?)</li>", steps, re.S)
    assert "Check the file system state" in items[0] and "Translation outdated" not in items[0]
    assert "Desmonte os dispositivos" in items[1] and "Translation outdated" in items[1]
    assert "Unmount the devices" not in steps  # the stale English is not shown as if it were current
    assert "Run a file system consistency check" in items[2]


def test_current_translation_has_no_notes(site, catalog):
    for entry in catalog.entries:
        _, markdown = text(entry_page(site, entry))
        assert "kb-l10n-note" not in markdown, entry.id


def test_category_pages_list_every_error_with_code_and_title(site, catalog):
    pages = {path: page_markdown(parts) for path, parts in category_pages(site)}
    listed = 0
    for article in catalog.articles:
        for category in article.categories:
            entries = [e for e in catalog.entries if e.category == category.id]
            if not entries:
                continue
            markdown = pages[f"categories/{category.article}/{category.id}/"]
            for entry in entries:
                assert f'href="../../../errors/{entry.id}/"' in markdown
                for code in entry.codes:
                    assert f"<code>{code}</code>" in markdown.replace("<wbr>", "")  # codes may break at <wbr>
                listed += 1
    assert listed == len(catalog.entries) == 34


def test_home_links_every_category_and_the_code_index(site):
    _, markdown = text(home_page(site))
    hrefs = {a["href"] for a in _Elements(markdown).named("a")}
    assert {"categories/backup-azure-vms-troubleshoot/backup/", "categories/backup-azure-vms-troubleshoot/common-vm-backup-errors/", "categories/backup-azure-vms-troubleshoot/jobs/",
            "categories/backup-azure-vms-troubleshoot/restore/", "topics/backup-azure-vms-troubleshoot/vm-agent/", "codes/"} <= hrefs


def test_code_index_lists_every_code_once(site, catalog):
    _, markdown = text(codes_page(site))
    codes = re.findall(r"<li><a href=\"[^\"]+\"><code>([^<]+)</code></a>", markdown.replace("<wbr>", ""))
    assert sorted(codes, key=str.lower) == codes
    assert sorted(codes) == sorted({c for e in catalog.entries for c in e.codes})


def test_code_index_lists_errors_without_a_code_by_title_in_both_languages(site, catalog):
    _, markdown = text(codes_page(site))
    uncoded = [e for e in catalog.entries if not e.codes]
    assert uncoded, "the seed has errors without a code"
    assert 'href="#no-code"' in markdown
    for cls, n in (("kb-pt", 0), ("kb-en", 1)):
        block = re.search(rf'<ul class="kb-az kb-az-titles {cls}"[^>]*>(.*?)</ul>', markdown).group(1)
        links = re.findall(r'<li><a href="\.\./errors/([^/"]+)/">([^<]+)</a></li>', block)
        assert sorted(i for i, _ in links) == sorted(e.id for e in uncoded)
        titles = [html.unescape(t) for _, t in links]
        assert titles == sorted(titles, key=fold)
        expected = {e.id: site.title(e.path, f"entry:{e.id}:title", e.title)[n] for e in uncoded}
        assert {i: html.unescape(t) for i, t in links} == expected


def test_alias_pages_redirect_to_the_entry(site):
    aliases = {path: page_markdown(parts) for path, parts in alias_pages(site)}
    assert set(aliases) == {"errors/400094/", "errors/ExtensionInstallationFailedCOM/",
                            "errors/ExtensionInstallationFailedMDTC/"}
    assert 'kb_redirect: "../320001/"' in aliases["errors/400094/"]


def test_stash_keeps_headings_for_markdown_and_gives_back_the_html_unchanged():
    """Python-Markdown sees only Markdown parts and placeholders; the HTML returns byte for byte."""
    from build_tools.pages.error_pages import front_matter, stash_html, unstash_html
    from build_tools.pages.ui import heading

    parts = [
        front_matter(title="T"),
        heading(2, ("Título", "Title"), "t"),
        '<div class="kb-pt"><pre><code># not a heading\n\nls -l</code></pre></div>\n\n',
        "<p>depois</p>\n\n",
        heading(2, ("Outro", "Other"), "o"),
        "<p>fim</p>\n",
    ]
    markdown, fragments = stash_html(parts)
    assert markdown.startswith('---\ntitle: "T"\n---\n')
    assert [line.split(" ", 1)[0] for line in markdown.splitlines() if line.startswith("#")] == ["##", "##"]
    assert "<pre>" not in markdown and "# not a heading" not in markdown
    assert fragments == [
        '<div class="kb-pt"><pre><code># not a heading\n\nls -l</code></pre></div>\n\n<p>depois</p>',
        "<p>fim</p>",
    ]
    rendered = markdown.split("---\n", 2)[2]
    assert unstash_html(rendered, fragments).count("# not a heading") == 1
    assert "<!--kb-stash" not in unstash_html(rendered, fragments)


def test_html_that_looks_like_markdown_is_never_read_as_markdown():
    """Rendered, sanitized text whose lines start with '#' or carry attr_list braces stays one HTML fragment."""
    from build_tools.pages.error_pages import stash_html

    hostile = '<p>Um parágrafo que continua\n# ![y](#top){: onerror="window.__pwned=1" }\ne termina aqui.</p>\n\n'
    markdown, fragments = stash_html([heading_part(), hostile])
    assert "onerror" not in markdown and "![y]" not in markdown
    assert fragments == [hostile.strip("\n")]


def heading_part():
    from build_tools.pages.ui import heading

    return heading(1, ("Título", "Title"), "top")


def test_code_matcher_finds_known_codes_as_whole_words_inside_and_outside_the_code_grammar():
    from build_tools.pages.html import code_pattern

    matcher = code_pattern(["UserErrorFsFreezeFailed", "320001", "erro_42"])
    text = ("UserErrorFsFreezeFailed. Veja 320001, erro_42; não 3200011, nem XUserErrorFsFreezeFailed, "
            "nem UserErrorFsFreezeFailed-snapshot, nem /320001, nem UserErrorOther.")
    assert [m.group(1) for m in matcher.finditer(text)] == ["UserErrorFsFreezeFailed", "320001", "erro_42"]
    assert code_pattern([]) is None


def test_a_code_in_two_articles_offers_both_pages():
    """errors/<code>/ is the first article's page; each page names the other ("also documented in")."""
    broken = Path(__file__).resolve().parent / "fixtures" / "broken"
    shared = load_catalog([broken / "duplicate-across-a.md", broken / "duplicate-across-b.md"], Problems())
    site = Site(shared, Localizer(shared, None))
    first, second = [e for e in shared.entries if "UserErrorShared" in e.codes]
    assert (first.id, second.id) == ("UserErrorShared", "UserErrorShared-2")
    _, page_a = text(entry_page(site, first))
    _, page_b = text(entry_page(site, second))
    assert 'class="admonition info kb-also-in"' in page_a and 'href="../UserErrorShared-2/"' in page_a
    assert 'class="admonition info kb-also-in"' in page_b and 'href="../UserErrorShared/"' in page_b


def test_a_mention_entry_links_to_the_section_that_names_it():
    article = Path(__file__).resolve().parent / "fixtures" / "real" / "running-text.md"
    catalog = load_catalog([article], Problems())
    site = Site(catalog, Localizer(catalog, None))
    entry = next(e for e in catalog.entries if "InvalidTemplate" in e.codes)
    _, markdown = text(entry_page(site, entry))
    assert '<p class="kb-mentioned-in">' in markdown
    assert 'href="../../topics/running-text/template/"' in markdown
