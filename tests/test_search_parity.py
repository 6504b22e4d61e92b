"""Python and the browser agree: same words, same stems, same terms, same results on the same index.

The index is built by lunr.py and searched by lunr.js; a word that the two
sides reduce differently is never found. These tests load the built site in
Chromium and run the browser's own code (lunr.js, lunr.pt.js,
kb-search-pipeline.js) against the very files the site ships.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lunr.index import Index
from lunr.token import Token

from build_tools.search.query import search
from build_tools.search.terms import FIELD_LANG, query_words
from build_tools.search.stem_en import stem_en
from build_tools.search.stem_pt import (
    _PT_AFTER_AMENTE, _PT_AFTER_IDADE, _PT_AFTER_MENTE, _PT_RESIDUAL, _PT_RESIDUAL_FORM, _PT_STANDARD, _PT_VERB,
    stem_pt,
)
from test_search_index import load_global

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent

QUERIES = [
    # codes, whole and in pieces
    "UserErrorFsFreezeFailed", "usererrorfsfreezefailed", "FsFreeze", "Freeze", "SnapshotFailed", "UserErrorFs",
    "ExtensionSnapshotFailedCOM", "extensioninstallationfailedmdtc", "UserErrorFsThawFailed", "320001", "400094",
    "3200", "40009", "VHDs",
    # Portuguese, with and without accents
    "instantaneo", "instantâneo", "extensao", "extensão", "codigo", "congelar", "congela", "execução", "segurança",
    "máquina virtual", "restauração falhou", "sub-rede", "não existe", "gravadores VSS",
    # English
    "freeze", "snapshot limit", "vault timed out", "keys", "deploy", "restore failed", "the", "Cancellation",
    "storage account", "snaps",
    # commands, paths and keys
    "tune2fs", "vssadmin", "waagent", "MachineKeys", "HKEY_LOCAL_MACHINE", "COM+", ".NET", "2.6.1198.718",
    "WaAppAgent.exe", "C:\\WindowsAzure\\Packages", "/var/lib/waagent",
    # pasted text
    "Código de erro: UserErrorFsFreezeFailed", '{"code": "ExtensionSnapshotFailedCOM"}',
    "2024-05-01 10:00:00 ERROR 320001 Could not perform the operation",
    # operators and markup: searched as words
    "erro:", "*", "~2", "^", "+-", '"snapshot limit"', "<b>backup</b>", "title:backup", "snap*", "-backup",
    "+backup", "backup~1", "backup^10", "ção", "é",
]


@pytest.fixture(scope="module")
def loaded(browser, base_url):
    """The home page over http:// with both indexes loaded by the site's own search code."""
    page = browser.new_page()
    page.goto(base_url)
    page.evaluate("window.KBSearch.open('', {focus: false})")
    page.wait_for_selector(".kb-search[data-state=full]", state="attached")
    yield page
    page.close()


def python_index(site_dir: Path, name: str) -> tuple[Index, list[list[str]]]:
    data = load_global(site_dir / "assets" / f"kb-search-{name}.js")
    quick = load_global(site_dir / "assets" / "kb-search-quick.js")
    return Index.load(data["index"]), [doc[2] for doc in quick["docs"]]


@pytest.mark.parametrize("prefer", [None, "pt", "en"])
@pytest.mark.parametrize("name", ["quick", "full"])
def test_the_same_queries_give_the_same_refs(loaded, site_dir, name, prefer):
    """Also with the page's language preferred (its matches first among equals), as the header search asks."""
    assert len(QUERIES) >= 40
    index, codes = python_index(site_dir, name)
    in_browser = loaded.evaluate(
        """([name, queries, prefer]) => {
            const data = name === "quick" ? window.KB_SEARCH_QUICK : window.KB_SEARCH_FULL;
            const index = lunr.Index.load(data.index);
            const codes = window.KB_SEARCH_QUICK.docs.map(d => d[2]);
            return queries.map(q => KBSearchText.search(index, codes, q, prefer || undefined));
        }""",
        [name, QUERIES, prefer],
    )
    found = 0
    for query, browser_hits in zip(QUERIES, in_browser):
        python_hits = search(index, codes, query, prefer)
        assert [h.ref for h in python_hits] == [h["ref"] for h in browser_hits], query
        assert [h.score for h in python_hits] == pytest.approx([h["score"] for h in browser_hits], rel=1e-12), query
        found += bool(python_hits)
    assert found >= 30   # the comparison is not between empty lists


def vocabulary() -> list[str]:
    """Every word of the sources and translations, and every stemmer suffix on a few stems."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "source_pt").rglob("*")) if p.suffix in (".md", ".po"))
    found = set(re.findall(r"[a-zß-öø-ɏ]+", text.lower()))
    tables = (_PT_STANDARD, _PT_VERB, _PT_RESIDUAL, _PT_RESIDUAL_FORM, _PT_AFTER_AMENTE, _PT_AFTER_MENTE,
              _PT_AFTER_IDADE, {"ção": 1, "ções": 1, "ança": 1, "anças": 1})
    for table in tables:
        for suffix in table:
            suffix = suffix.replace("a~", "ã").replace("o~", "õ")
            for stem in ("cas", "and", "comp", "u", "gu", "ci", "a", "x", "ab", "aa", "eu", "fal"):
                for middle in ("", "iv", "at", "ic", "abil", "e"):
                    found.add(stem + middle + suffix)
    english = ("ational tional enci anci izer bli alli entli eli ousli ization ation ator alism iveness fulness "
               "ousness aliti iviti biliti logi icate ative alize iciti ical ful ness al ance ence er ic able ible "
               "ant ement ment ent ou ism ate iti ous ive ize sion tion eed ed ing ies sses s y ly ll e").split()
    for stem in ("gener", "happ", "conf", "rel", "y", "ab", "str", "oper", "hop", "fil", "tr", "b", "sk", "deplo", "ke"):
        found.update(stem + suffix for suffix in english)
    return sorted(found)


def test_stemmers_agree_with_the_browsers(loaded):
    words = vocabulary()
    assert len(words) > 10000
    stems = loaded.evaluate(
        """(words) => ({
            en: words.map(w => lunr.stemmer(new lunr.Token(w)).toString()),
            pt: words.map(w => lunr.pt.stemmer(new lunr.Token(w)).toString()),
        })""",
        words,
    )
    assert [w for w, s in zip(words, stems["en"]) if stem_en(w) != s] == []
    assert [w for w, s in zip(words, stems["pt"]) if stem_pt(w) != s] == []


def test_pipelines_give_the_same_terms(loaded, site_dir):
    index, _ = python_index(site_dir, "full")
    words = vocabulary()[::7] + ["COM+", ".net", "não", "the", "hkey_local_machine", "tune2fs", "é", "ção"]
    for lang in ("pt", "en"):
        fields = [f for f in index.fields if FIELD_LANG.get(f) == lang]
        in_browser = loaded.evaluate(
            """([words, lang]) => {
                const index = lunr.Index.load(window.KB_SEARCH_FULL.index);
                return words.map(w => KBSearchText.terms(index, w.toLowerCase(), lang));
            }""",
            [words, lang],
        )
        in_python = [[str(t) for t in index.pipeline.run([Token(w.lower(), {"fields": fields})])] for w in words]
        assert in_python == in_browser, lang


def test_query_words_agree(loaded):
    texts = [
        "Erro: UserErrorFsFreezeFailed (código 320001) em 2024-05-01T10:00:00Z",
        "COM+ .NET HKEY_LOCAL_MACHINE\\SOFTWARE tune2fs -l/dev/sdb1 2.6.1198.718.",
        "Instantâneo ÇÃO Straße ĲSSEL İstanbul ÀÉÎÕÜ ŉ ǅ",
        "emoji 🙂 mixed ﬁle ² ½ Ⅻ ｆｕｌｌ",
        "a\u0301gua e\u0302 n\u0303",   # decomposed accents
        "   ", "*~^+-:\"'<>", "x" * 200 + " y",
        " ".join(f"palavra{n}" for n in range(30)),
    ]
    in_browser = loaded.evaluate("(texts) => texts.map(t => KBSearchText.queryWords(t))", texts)
    assert [query_words(t) for t in texts] == in_browser
