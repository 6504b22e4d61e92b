"""The search index as built: words, code pieces, stemmers, pipeline, documents and the shipped files."""

from __future__ import annotations

import filecmp
import json
import re
import subprocess
from pathlib import Path

import pytest
from lunr.index import Index
from lunr.stemmer import stemmer as lunr_py_stemmer
from lunr.token import Token

from build_tools.parse.codes import fold as fold_code
from build_tools.l10n.localizer import Localizer
from build_tools.pages.error_pages import Site
from build_tools.problems import Problems
from build_tools.parse.catalog import load_catalog, source_paths
from build_tools.search.index import FULL_FIELDS, documents, ref, script, search_data, write_search
from build_tools.search.query import search
from build_tools.search.terms import (
    LUNR_FILES, PIPELINE, camel_split, code_terms, index_words, lunr_dir, pipeline, query_words, stop_words, words,
)
from build_tools.search.stem_en import stem_en
from build_tools.search.stem_pt import stem_pt

ROOT = Path(__file__).resolve().parent.parent


def load_global(path: Path) -> dict:
    """The data a ``window.X={...};`` file assigns."""
    text = path.read_text(encoding="utf-8")
    match = re.fullmatch(r"window\.(\w+)=JSON\.parse\((.*)\);\n", text, re.S)
    assert match, f"{path} does not assign a global"
    return json.loads(json.loads(match.group(2)))


@pytest.fixture(scope="module")
def site() -> Site:
    catalog = load_catalog(source_paths(ROOT / "source_pt"), Problems())
    return Site(catalog, Localizer(catalog, ROOT / "source_pt" / "translations"), True)


# ---- words and code pieces ------------------------------------------------

def test_words_keep_commands_paths_and_keys_whole():
    text = "Erro de COM+ no .NET: veja HKEY_LOCAL_MACHINE\\SOFTWARE, tune2fs -l/dev/sdb1 e a versão 2.6.1198.718."
    assert words(text) == [
        "erro", "de", "com+", "no", ".net", "veja", "hkey_local_machine", "software", "tune2fs", "l", "dev", "sdb1",
        "e", "a", "versão", "2.6.1198.718",
    ]


def test_indexed_words_add_the_pieces_of_compound_words():
    indexed = index_words("HKEY_LOCAL_MACHINE COM+ .NET waagent.log")
    for term in ("hkey_local_machine", "hkey", "local", "machine", "com+", "com", ".net", "net", "waagent.log", "waagent"):
        assert term in indexed


def test_query_words_are_distinct_and_capped():
    assert query_words("backup Backup BACKUP vm") == ["backup", "vm"]
    assert len(query_words(" ".join(f"w{n}" for n in range(40)))) == 12
    assert query_words("x" * 500) == ["x" * 64]
    assert query_words("*  ~  ^ +- \" ' <>") == []


def test_code_terms_hold_the_code_its_pieces_and_its_suffixes():
    terms = code_terms("UserErrorFsFreezeFailed")
    for term in ("usererrorfsfreezefailed", "user", "error", "fs", "freeze", "failed",
                 "errorfsfreezefailed", "fsfreezefailed", "freezefailed"):
        assert term in terms
    assert "com" in code_terms("ExtensionSnapshotFailedCOM") and "snapshotfailedcom" in code_terms("ExtensionSnapshotFailedCOM")
    assert code_terms("320001") == ["320001"]


def test_camel_split_cuts_codes_only():
    assert camel_split("Erro UserErrorFsThawFailed: 320001") == "Erro User Error Fs Thaw Failed: 320001"
    assert camel_split("usererrorfs") == "usererrorfs"


# ---- stemmers and pipeline ------------------------------------------------

def test_english_stemmer_follows_lunr_js_where_lunr_py_differs():
    # lunr.py's own Porter port turns a final y after a vowel into i; lunr.js keeps it.
    for word, stem in (("keys", "key"), ("deploy", "deploy"), ("gateway", "gateway"), ("lay", "lay"), ("try", "tri")):
        assert stem_en(word) == stem
    assert str(lunr_py_stemmer(Token("deploy"))) != stem_en("deploy")
    assert stem_en("freezing") == stem_en("freeze") == "freez"
    assert stem_en("timed") == "time"


def test_portuguese_stemmer_follows_lunr_pt_js():
    # lunr.pt.js lacks Snowball's "ução" and "ança" rules: execução and segurança keep their endings.
    assert stem_pt("execução") == "execuçã"
    assert stem_pt("segurança") == "seguranc"
    assert stem_pt("congelar") == stem_pt("congela") == stem_pt("congelamento") == "congel"
    assert stem_pt("instantâneo") == "instantân"
    assert stem_pt("gravadores") == "gravador"   # no trimmer eats the first letter
    assert stem_pt("kernel") == "kernel"


def run_pipeline(field: str, word: str) -> list[str]:
    fields = [name for name, _ in FULL_FIELDS]
    return [str(t) for t in pipeline(fields).run([Token(word)], field)]


def test_pipeline_folds_accents_after_stemming_per_language():
    assert run_pipeline("bp", "instantâneo") == run_pipeline("bp", "instantaneo") == ["instantan"]
    assert run_pipeline("bp", "extensão") == run_pipeline("bp", "extensao") == ["extensa"]
    assert run_pipeline("tp", "códigos") == run_pipeline("tp", "codigo") == ["codig"]
    assert run_pipeline("be", "freezing") == ["freez"]
    assert run_pipeline("be", "congelar") == ["congelar"]   # no Portuguese stemmer in an English field
    assert run_pipeline("bp", "não") == []                   # a Portuguese stop word...
    assert run_pipeline("be", "não") == ["nao"]              # ...is a word in English
    assert run_pipeline("be", "the") == []
    assert run_pipeline("c", "usererrorfsfreezefailed") == ["usererrorfsfreezefailed"]   # codes are not stemmed
    assert run_pipeline("bp", "com+") == ["com+"] and run_pipeline("bp", "com") == []


def test_stop_words_come_from_the_shipped_lunr_files():
    assert {"the", "not", "with"} <= stop_words("en")
    assert {"não", "com", "para", "de"} <= stop_words("pt")


# ---- documents and index --------------------------------------------------

def test_every_error_topic_and_category_is_a_document_in_both_languages(site):
    docs = documents(site)
    paths = {d.path for d in docs}
    assert {site.entry_url(e.id) for e in site.catalog.entries} <= paths
    assert {"codes/", "go/", ""} <= paths
    assert any(d.kind == "topic" and d.path.endswith("#set-up-the-vm-agent") for d in docs)
    freeze = next(d for d in docs if d.codes and d.codes[0] == "UserErrorFsFreezeFailed")
    assert "congelar" in freeze.title[0] and "freeze" in freeze.title[1]
    assert "tune2fs" in freeze.body[0] and "tune2fs" in freeze.body[1]
    assert "Verifique" in freeze.body[0] and "Check" in freeze.body[1]
    assert freeze.group == ("Backup", "Backup")


def test_refs_are_short_and_the_index_keeps_no_positions(site):
    quick, full = search_data(site)
    assert [ref(n) for n in (0, 9, 10, 35, 36, 1295)] == ["0", "9", "a", "z", "10", "zz"]
    assert max(len(ref(n)) for n in range(len(quick["docs"]))) <= 2
    for data in (quick, full):
        index = data["index"]
        assert index["pipeline"] == [label for label, _ in PIPELINE]
        for _, posting in index["invertedIndex"]:
            for field, refs in posting.items():
                if field != "_index":
                    assert all(meta == {} for meta in refs.values())
    assert quick["index"]["fields"] == ["c", "tp", "te"]
    assert full["index"]["fields"] == ["c", "tp", "te", "bp", "be"]
    assert len(full["snippets"]) == len(quick["docs"])


def test_every_code_is_in_the_code_field_of_its_page(site):
    quick, full = search_data(site)
    postings = dict(full["index"]["invertedIndex"])
    for entry in site.catalog.entries:
        for code in entry.codes:
            owner = site.catalog.codes[fold_code(code)]
            refs = postings[fold_code(code)]["c"]
            assert [quick["docs"][int(r, 36)][0] for r in refs] == [site.entry_url(owner)]


def test_the_index_is_deterministic(site):
    first, second = search_data(site), search_data(site)
    assert script("A", first[0]) == script("A", second[0])
    assert script("B", first[1]) == script("B", second[1])


def test_write_search_reports_raw_and_gzip_sizes(site, tmp_path):
    report = write_search(site, tmp_path)
    for name in ("kb-search-quick.js", "kb-search-full.js"):
        size = (tmp_path / "assets" / name).stat().st_size
        line = next(l for l in report if name in l)
        assert f"{size:,} bytes" in line and "gzip" in line
    for name in LUNR_FILES:
        assert (tmp_path / "assets" / "lunr" / name).is_file()


def test_built_sites_ship_lunr_from_mkdocs_and_both_indexes(site_dir, offline_dir):
    for root, suffix in ((site_dir, "/"), (offline_dir, ".html")):
        for name, relative in LUNR_FILES.items():
            assert filecmp.cmp(root / "assets" / "lunr" / name, lunr_dir() / relative, shallow=False)
        quick = load_global(root / "assets" / "kb-search-quick.js")
        full = load_global(root / "assets" / "kb-search-full.js")
        assert len(full["snippets"]) == len(quick["docs"])
        for path, *_ in quick["docs"]:
            page = path.split("#")[0]
            target = root / page / "index.html" if page.endswith("/") or page == "" else root / page
            assert target.is_file(), path
        assert any(p.endswith("UserErrorFsFreezeFailed" + suffix) for p, *_ in quick["docs"])


def test_lunr_is_not_kept_in_the_repository():
    try:
        tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    assert not [p for p in tracked.splitlines() if re.search(r"(^|/)lunr[.\w-]*\.js$", p)]


def test_python_search_takes_any_input(site_dir):
    data = load_global(site_dir / "assets" / "kb-search-full.js")
    quick = load_global(site_dir / "assets" / "kb-search-quick.js")
    index = Index.load(data["index"])
    codes = [d[2] for d in quick["docs"]]
    for text in ("erro:", "*", "~2", "^", "+-", '"', "title:x", "snap*", "-backup", "<b>x</b>", "", "   "):
        search(index, codes, text)
    first = search(index, codes, "usererrorfsfreezefailed")[0]
    assert quick["docs"][int(first.ref, 36)][0] == "errors/UserErrorFsFreezeFailed/"
