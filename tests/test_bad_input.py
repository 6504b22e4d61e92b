"""Broken and hostile articles through ``python -m build_tools extract``.

Each case is an article (tests/fixtures/broken/*.md, or bytes generated here
when a file would be binary or huge) with every problem the user must see,
exactly as printed (``path:line: severity: message``), the exit status the
command documents (1 when an article cannot be used, 0 with warnings), and the
codes that must still come out of it. A traceback fails the test by itself.
"""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

from project_copy import copy_project

from build_tools.parse import source
from build_tools.__main__ import main
from fixtures.generated import big_article

ROOT = Path(__file__).resolve().parent.parent
BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"
LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "layouts"

# name: (files, exit status, [(file index, line, severity, message)], codes that come out)
CASES: dict[str, tuple[list[str], int, list[tuple[int, int, str, str]], set[str]]] = {
    "empty": (["empty.md"], 1, [(0, 1, "error", "empty article: nothing to parse")], set()),
    "whitespace-only": (["whitespace-only.md"], 1, [(0, 1, "error", "empty article: nothing to parse")], set()),
    "front-matter-only": (["front-matter-only.md"], 1, [
        (0, 1, "error", "article has nothing after its front matter: no heading, no text"),
    ], set()),
    "unclosed-front-matter": (["unclosed-front-matter.md"], 0, [
        (0, 1, "warning", "front matter opened with '---' is never closed with '---'; read as text"),
    ], {"UserErrorAfterFrontMatter"}),
    "invalid-yaml": (["invalid-yaml.md"], 0, [
        (0, 3, "warning", "front matter is not valid YAML: expected ',' or ']', but got ':'"),
    ], {"UserErrorYaml"}),
    "no-h1": (["no-h1.md"], 0, [(0, 1, "warning", "article has no H1 title; the front matter title is used")], {"UserErrorNoH1"}),
    "ragged-rows": (["ragged-rows.md"], 0, [
        (0, 7, "warning", "table row has 1 cell, the header has 2; missing cells left empty"),
        (0, 7, "warning", "table row has no resolution text"),
        (0, 8, "warning", "table row has 3 cells, the header has 2; extra cells kept as details: ['E isto também.']"),
    ], {"UserErrorShortRow", "UserErrorLongRow", "UserErrorGoodRow"}),
    "no-separator": (["no-separator.md"], 0, [
        (0, 5, "warning", "table has no separator line (| --- |) under its header; read with its first row as the header"),
    ], {"UserErrorNoSeparatorOne", "UserErrorNoSeparatorTwo"}),
    "unclosed-html": (["unclosed-html.md"], 0, [
        (0, 8, "notice", "<div> is never closed; closed at the end of its block"),
        (0, 13, "warning", "<!-- is never closed (--> missing): lines 13-18 are hidden from the page"),
    ], {"UserErrorBeforeComment"}),
    "mismatched-html": (["mismatched-html.md"], 0, [
        (0, 7, "notice", "</ul> has no matching <ul>; ignored"),
        (0, 7, "notice", "<ol> is never closed; closed at the end of its block"),
        (0, 8, "notice", "</div> has no matching <div>; ignored"),
    ], {"UserErrorMismatch", "UserErrorStray"}),
    "nested-tables-in-lists": (["nested-tables-in-lists.md"], 0, [], {"0x80071111", "0x80072222"}),
    "duplicate-code-within": (["duplicate-code.md"], 0, [
        (0, 14, "warning", "duplicate code 'UserErrorTwice' (first at {0}:3); this entry's page is 'UserErrorTwice-2'"),
    ], {"UserErrorTwice", "UserErrorOnce"}),
    "duplicate-code-across": (["duplicate-across-a.md", "duplicate-across-b.md"], 0, [
        (1, 3, "notice", "code 'UserErrorShared' is also at {0}:3; errors/UserErrorShared/ is that page, and both pages link to each other"),
        (1, 14, "warning", "link to missing anchor 'duplicate-across-a.md#nao-existe': duplicate-across-a.md has no such anchor"),
    ], {"UserErrorShared", "UserErrorOnlyInB"}),
    "code-like-html": (["code-like-html.md"], 0, [
        (0, 3, "warning", "code <UserErrorTagLike> is written like an HTML tag; it is kept as text"),
        (0, 5, "warning", "code <UserErrorTagLike> is written like an HTML tag; it is kept as text"),
    ], {"UserErrorTagLike"}),
    "punctuation-headings": (["punctuation-headings.md"], 0, [
        (0, 3, "warning", "heading '!!!' has no words; its id is 'section-3'"),
        (0, 7, "warning", "empty heading; its id is 'section-7'"),
    ], {"UserErrorAfterPunctuation"}),
    "anchors-spaces-quotes": (["anchors-spaces-quotes.md"], 0, [
        (0, 3, "warning", "anchor 'com espaço' has spaces, quotes or symbols; its id is 'com-espaco'"),
        (0, 7, "warning", "anchor 'diz \"oi\"' has spaces, quotes or symbols; its id is 'diz-oi'"),
    ], {"UserErrorAnchorOk"}),
    "missing-anchor": (["missing-anchor.md"], 0, [
        (0, 9, "warning", "link to missing anchor '#networking': no heading or <a name> has it"),
        (0, 13, "warning", "link to missing anchor '#nada aqui': no heading or <a name> has it"),
    ], {"UserErrorBadLink"}),
    "code-without-message": (["code-without-message.md"], 0, [
        (0, 5, "warning", "heading names code 'UserErrorSilent' but gives no message"),
    ], {"UserErrorSilent", "UserErrorTalks"}),
    "script": (["script.md"], 0, [
        (0, 3, "warning", "<script> in the source is removed from the page (not allowed HTML)"),
        (0, 8, "warning", "event handler attribute onerror= is removed from the page"),
        (0, 10, "warning", "javascript: link is removed from the page (only http(s), mailto and relative links)"),
    ], {"UserErrorScript"}),
    "row-without-error": (["row-without-error.md"], 0, [
        (0, 7, "warning", "table row has no error text; row not published (put the error in its first cell)"),
        (0, 8, "warning", "table row has no resolution text"),
    ], {"UserErrorNoFix"}),
    "reference-links": (["reference-links.md"], 0, [
        (0, 10, "warning", "link reference definition '[docs]: https://example.com/docs' is not supported "
                           "(write the link inline); this line not published"),
    ], {"UserErrorRefLink"}),
}

ARTICLE = (
    "# <a name=\"t\"></a>Título\n\n"
    "## <a name=\"usererrorvalid---valid\"></a>UserErrorValid - Válido\n\n"
    "Código de erro: UserErrorValid <br/>\nMensagem de erro: Um erro válido\n"
)

# name: (bytes of the one file, exit status, [(line, severity, message)], codes that come out)
GENERATED: dict[str, tuple[bytes, int, list[tuple[int, str, str]], set[str]]] = {
    "invalid-utf8": (ARTICLE.encode() + b"\nbyte \xff solto\n", 0, [
        (8, "warning", "invalid UTF-8 (byte 0xff at column 6) replaced by U+FFFD; save the article as UTF-8"),
    ], {"UserErrorValid"}),
    "invalid-utf8-in-a-message": (ARTICLE.replace("Um erro", "Um \udcc3 erro").encode("utf-8", "surrogateescape")
                                  + b"\n\xe9 e \xc3(\n", 0, [
        (6, "warning", "invalid UTF-8 (byte 0xc3 at column 22) replaced by U+FFFD; save the article as UTF-8"),
        (8, "warning", "invalid UTF-8 (byte 0xe9 at column 1) replaced by U+FFFD; save the article as UTF-8"),
    ], {"UserErrorValid"}),
    "utf16-with-bom": (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), 0, [
        (1, "warning", "file is UTF-16; read it as such, but save articles as UTF-8"),
    ], {"UserErrorValid"}),
    "utf16-without-bom": (ARTICLE.encode("utf-16-le"), 1, [
        (1, "error", "looks like UTF-16 without a byte order mark; save the article as UTF-8"),
    ], set()),
    "binary": (b"# T\n\nPNG\x00\x01\x02\x03\x00 dados", 1, [(3, "error", "binary data (NUL byte) in a markdown article")], set()),
    "crlf": (ARTICLE.replace("\n", "\r\n").encode(), 0, [(1, "notice", "CR or CRLF line endings; read as LF")], {"UserErrorValid"}),
    "control-character": (ARTICLE.replace("Um erro", "Um \x07erro").encode(), 0, [
        (6, "warning", "control character U+0007 in the text; replaced by a space"),
    ], {"UserErrorValid"}),
    "deep-nesting": ((ARTICLE + "\n" + "> " * 80 + "fundo demais\n").encode(), 0, [
        (8, "warning", "quotes or lists nested more than 49 levels deep; the text below that depth is not published"),
    ], {"UserErrorValid"}),
    "code-without-message": ((ARTICLE + "\n| Código do erro | Mensagem de erro | Ação recomendada |\n"
                              "| --- | --- | --- |\n| UserErrorBare | | |\n| UserErrorTold | Dito. | Faça. |\n").encode(), 0, [
        (10, "warning", "table row has no resolution text"),
        (10, "warning", "code 'UserErrorBare' has no error message; its page shows the code alone"),
    ], {"UserErrorValid", "UserErrorBare", "UserErrorTold"}),
    "one-huge-line": ((ARTICLE + "\n" + "palavra " * 250_000 + "\n").encode(), 0, [], {"UserErrorValid"}),
}


def run(paths: list[Path], capsys, *flags: str) -> tuple[int, dict, list[str]]:
    status = main(["extract", *flags, *map(str, paths)])
    out, err = capsys.readouterr()
    return status, json.loads(out), err.splitlines()


def codes_of(feed: dict) -> set[str]:
    return {code for error in feed["errors"] for code in error["codes"]}


@pytest.mark.parametrize("name", CASES)
def test_broken_article(name, capsys):
    files, status, expected, codes = CASES[name]
    paths = [BROKEN / f for f in files]
    got_status, feed, stderr = run(paths, capsys)
    wanted = [f"{paths[i]}:{line}: {severity}: {message.format(*paths)}" for i, line, severity, message in expected]
    assert stderr == wanted
    assert got_status == status
    assert codes_of(feed) == codes


@pytest.mark.parametrize("name", GENERATED)
def test_generated_broken_article(name, tmp_path, capsys):
    data, status, expected, codes = GENERATED[name]
    path = tmp_path / f"{name}.md"
    path.write_bytes(data)
    got_status, feed, stderr = run([path], capsys)
    assert stderr == [f"{path}:{line}: {severity}: {message}" for line, severity, message in expected]
    assert got_status == status
    assert codes_of(feed) == codes


def test_crlf_article_gives_the_same_records_and_lines_as_lf(tmp_path, capsys):
    text = (LAYOUTS / "h3-codes.md").read_text(encoding="utf-8")
    lf, crlf = tmp_path / "lf.md", tmp_path / "crlf.md"
    lf.write_bytes(text.encode())
    crlf.write_bytes(text.replace("\n", "\r\n").encode())
    _, a, _ = run([lf], capsys)
    _, b, _ = run([crlf], capsys)
    assert [(e["codes"], e["source"]["line"], e["title"]) for e in a["errors"]] == [
        (e["codes"], e["source"]["line"], e["title"]) for e in b["errors"]
    ]


def test_unreadable_paths_are_errors_and_the_readable_article_still_comes_out(tmp_path, capsys):
    missing = tmp_path / "nao-existe.md"
    good = LAYOUTS / "hex-codes.md"
    status, feed, stderr = run([missing, tmp_path, good], capsys)
    assert stderr == [
        f"{missing}:1: error: cannot read file: No such file or directory",
        f"{tmp_path}:1: error: cannot read file: Is a directory",
    ]
    assert status == 1
    assert codes_of(feed) == {"0x80070570", "0x80070002", "0x80070003"}


def test_an_article_over_the_size_limit_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(source, "MAX_BYTES", 100)
    path = tmp_path / "grande.md"
    path.write_text(ARTICLE * 3, encoding="utf-8")
    status, feed, stderr = run([path], capsys)
    assert stderr == [f"{path}:1: error: file is {len(ARTICLE.encode()) * 3:,} bytes; the limit is 100"]
    assert status == 1 and feed["errors"] == []


def test_strict_turns_warnings_into_a_failure(capsys):
    path = BROKEN / "no-h1.md"
    status, feed, stderr = run([path], capsys, "--strict")
    assert status == 1 and len(stderr) == 1 and codes_of(feed) == {"UserErrorNoH1"}
    status, _, _ = run([BROKEN / "mismatched-html.md"], capsys, "--strict")
    assert status == 0  # notices are not warnings


def test_corpus_of_broken_articles_is_big_enough():
    assert len(CASES) + len(GENERATED) + 2 >= 25  # + the 20 MB and 10,000-heading articles below


MEASURED_EXTRACT = """
import resource, sys
from build_tools.__main__ import main
status = main(["extract", *sys.argv[1:]])
sys.stderr.write(f"peak_kib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")
sys.exit(status)
"""


def extract_in_subprocess(path: Path) -> tuple[int, dict, list[str], int]:
    """The extract command in a fresh process: (status, JSON, problem lines, peak RSS in KiB).

    A hang is a failure: the timeout is a guard far above the normal run time, not a speed assertion.
    """
    done = subprocess.run(
        [sys.executable, "-c", MEASURED_EXTRACT, str(path)], cwd=ROOT, capture_output=True, timeout=1200, check=False,
    )
    lines = done.stderr.decode().splitlines()
    peak = int(lines.pop().removeprefix("peak_kib="))
    return done.returncode, json.loads(done.stdout), lines, peak


TWO_GIB_IN_KIB = 2 * 1024 * 1024


def test_twenty_megabyte_article(tmp_path):
    paragraph = ("Verifique a configuração da VM e repita a operação de backup depois de alguns minutos. " * 40).strip()
    text = big_article(1, paragraph)
    count = 20_000_000 // len(text) + 1
    path = tmp_path / "vinte-mb.md"
    path.write_text(big_article(count, paragraph), encoding="utf-8")
    assert path.stat().st_size >= 20_000_000
    status, feed, problems, peak = extract_in_subprocess(path)
    assert (status, problems) == (0, [])
    assert len(feed["errors"]) == 2 * count
    assert codes_of(feed) == {f"UserErrorBig{n}" for n in range(count)} | {f"0x8{n:07X}" for n in range(count)}
    assert peak < TWO_GIB_IN_KIB, f"peak RSS {peak // 1024} MiB"


def test_ten_thousand_error_headings_parse_in_bounded_memory(tmp_path):
    """10,000 error headings, each with a table row: 20,000 entries, measured with getrusage in the child."""
    path = tmp_path / "dez-mil.md"
    path.write_text(big_article(10_000, "Reinicie a VM."), encoding="utf-8")
    status, feed, problems, peak = extract_in_subprocess(path)
    assert (status, problems) == (0, [])
    headings = [e for e in feed["errors"] if e["source"]["anchor"]]
    assert len(headings) == 10_000 and len(feed["errors"]) == 20_000
    assert headings[9_999]["codes"] == ["UserErrorBig9999"]
    assert headings[9_999]["title"]["pt-BR"] == "Falha número 9999"
    assert peak < TWO_GIB_IN_KIB, f"peak RSS {peak // 1024} MiB"


def test_invalid_utf8_keeps_the_rest_of_the_line(tmp_path, capsys):
    """Only the bad bytes are replaced: the message around them is published."""
    path = tmp_path / "meio.md"
    path.write_bytes(ARTICLE.replace("Um erro", "Um \udcff erro").encode("utf-8", "surrogateescape"))
    status, feed, stderr = run([path], capsys)
    assert status == 0 and len(stderr) == 1
    (error,) = feed["errors"]
    assert error["messages"][0]["text"]["pt-BR"] == "Um \ufffd erro válido"


# ---- what errors.json publishes ---------------------------------------------------------------

def feed_of(path: Path, translations: Path | None = None) -> tuple[dict, list[str]]:
    from build_tools.publish.errors_json import build_feed
    from build_tools.problems import Problems
    from build_tools.parse.catalog import load_catalog

    problems = Problems()
    catalog = load_catalog([path], problems)
    return build_feed(catalog, translations, Problems()), [str(p) for p in problems]


def test_a_yaml_alias_bomb_in_front_matter_is_refused(tmp_path):
    levels = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    path = tmp_path / "bomba.md"
    path.write_text("---\ntitle: Bomba\n" + "\n".join(levels) + "\n---\n" + ARTICLE, encoding="utf-8")
    feed, problems = feed_of(path)
    assert problems == [f"{path}:4: warning: front matter uses a YAML alias (*name); aliases are not allowed, "
                        "the front matter is ignored"]
    assert feed["articles"][0]["front_matter"] == {}
    assert len(json.dumps(feed)) < 10_000
    assert codes_of(feed) == {"UserErrorValid"}


def test_errors_json_publishes_no_comment_and_no_private_front_matter(tmp_path):
    path = tmp_path / "notas.md"
    path.write_text(
        "---\ntitle: Notas\ndescription: Descrição pública\nauthor: alguém\ninternal_note: segredo da equipe\n"
        "lista: [1, 2]\n---\n" + ARTICLE.replace("Um erro válido", "Um erro <!-- nota interna --> válido")
        + "\n<!-- rascunho escondido -->\n1. Reinicie a VM. <!-- não publicar -->\n2. Abra <!-- sem fim\n",
        encoding="utf-8")
    feed, problems = feed_of(path)
    text = json.dumps(feed, ensure_ascii=False)
    for hidden in ("nota interna", "rascunho escondido", "não publicar", "sem fim", "segredo", "alguém"):
        assert hidden not in text, hidden
    assert feed["articles"][0]["front_matter"] == {"title": "Notas", "description": "Descrição pública"}
    (error,) = feed["errors"]
    assert error["messages"][0]["text"]["pt-BR"] == "Um erro  válido"
    assert error["resolution"]["pt-BR"][0] == {"html": "\n", "line": 15, "kind": "html"}
    assert [i["text"] for i in error["resolution"]["pt-BR"][1]["items"]] == ["Reinicie a VM. ", "Abra "]
    assert f"{path}:1: warning: front matter field 'lista' is not a single value; ignored" in problems


# ---- translations -----------------------------------------------------------------------------

PO_HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def translations_of(tmp_path: Path, po: str):
    from build_tools.problems import Problems
    from build_tools.parse.catalog import load_catalog
    from build_tools.l10n.po_files import Translations, catalog_path, check_identifiers

    path = tmp_path / "artigo.md"
    path.write_text(ARTICLE, encoding="utf-8")
    (article,) = load_catalog([path], Problems()).articles
    po_path = catalog_path(tmp_path / "translations", article)
    po_path.parent.mkdir(parents=True)
    po_path.write_text(po, encoding="utf-8")
    problems = Problems()
    translations = Translations(article, po_path)
    check_identifiers(article, translations, problems)
    return translations, [str(p) for p in problems], po_path


def test_a_malformed_po_file_is_a_warning_with_its_line(tmp_path):
    po = PO_HEAD + 'msgctxt "entry:UserErrorValid:title"\nmsgid "Válido"\nmsgstr "Valid"\nisto não é PO\n'
    translations, problems, po_path = translations_of(tmp_path, po)
    assert problems == [f"{po_path}:8: warning: the catalog cannot be read (Syntax error); no English is used"]
    assert translations.get("entry:UserErrorValid:title", "Válido") == ("", "missing")


@pytest.mark.parametrize("control", ["\x1b]0;título\x07", "\x1b[2J", "\x9b31m", "\x85", "\u2028"])
def test_control_characters_in_a_translation_are_refused(tmp_path, control):
    po = PO_HEAD + f'msgctxt "entry:UserErrorValid:title"\nmsgid "Válido"\nmsgstr "Va{control}lid"\n'
    translations, problems, po_path = translations_of(tmp_path, po)
    assert len(problems) == 1 and problems[0].startswith(f"{po_path}:5: warning: control character U+")
    assert problems[0].endswith("in the English of 'entry:UserErrorValid:title'; it is shown in Portuguese")
    assert translations.get("entry:UserErrorValid:title", "Válido") == ("", "missing")


def test_make_translations_names_a_malformed_catalog(tmp_path, capsys):
    source = tmp_path / "source"
    (source / "translations" / "en").mkdir(parents=True)
    (source / "artigo.md").write_text(ARTICLE, encoding="utf-8")
    po = PO_HEAD + 'msgctxt "entry:UserErrorValid:title"\nmsgid "Válido"\nmsgstr "Valid"\nisto não é PO\n'
    (source / "translations" / "en" / "artigo.po").write_text(po, encoding="utf-8")
    assert main(["translations", "--source", str(source)]) == 1
    assert (source / "translations" / "en" / "artigo.po").read_text(encoding="utf-8") == po, "left as it was"
    assert capsys.readouterr().err.strip() == (f"error: {source}/translations/en/artigo.po:8: the catalog cannot be "
                                               "read (Syntax error); fix it by hand")


# ---- the build's clock ------------------------------------------------------------------------

@pytest.mark.parametrize("value", [str(2**32), "-1", "amanhã"])
def test_source_date_epoch_out_of_range_is_a_clear_error(value, monkeypatch):
    from build_tools.problems import BuildError
    from build_tools.publish.build_date import source_date_epoch

    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(BuildError, match=r"^SOURCE_DATE_EPOCH=.* is not a time the build can write: it must be whole "
                                         r"seconds from 0 to 4294967295"):
        source_date_epoch(ROOT)


def test_the_latest_source_date_epoch_fits_every_date_the_build_writes(monkeypatch):
    import gzip
    import io
    import zipfile

    from build_tools.publish.bundle import zip_time
    from build_tools.publish.build_date import source_date_epoch

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(2**32 - 1))
    epoch = source_date_epoch(ROOT)
    zipfile.ZipFile(io.BytesIO(), "w").writestr(zipfile.ZipInfo("x", date_time=zip_time(epoch)), b"x")
    gzip.GzipFile(fileobj=io.BytesIO(), mode="wb", mtime=epoch).close()


# ---- names that would lose a page -------------------------------------------------------------

NAMES = """# <a name="t"></a>Nomes perigosos

## <a name="."></a>Categoria ponto

### UserErrorDot - Ponto

Código de erro: UserErrorDot <br/>
Mensagem de erro: Na categoria ponto

## <a name=".."></a>Categoria dois pontos

### UserErrorDots - Dois pontos

Código de erro: UserErrorDots <br/>
Mensagem de erro: Na categoria dois pontos

## <a name="index"></a>Categoria índice

### <a name="__config"></a>UserErrorIndex - Índice \u0085com NEL

Código de erro: UserErrorIndex <br/>
Mensagem de erro: Na categoria índice

## <a name="__config"></a>Tópico config

Texto do tópico.

## <a name="{long_anchor}"></a>Tópico de âncora longa

Texto.

## <a name="longos"></a>Códigos longos

### {long_code} / UserErrorShortAlias - Código longo

Código de erro: {long_code} <br/>
Mensagem de erro: Um código de 300 caracteres
"""


def test_unsafe_names_lose_no_page(tmp_path, monkeypatch):
    """Anchors '.', '..', 'index' and '__config', file names with a leading dot, '?' or '#', a C1 character in a
    heading, a 300-character code and anchor: every page is built, each problem is a warning or notice."""
    from build_tools.pipeline import build_all

    project = tmp_path / "project"
    source = copy_project(project)
    long_code, long_anchor = "UserError" + "Ab" * 150, "a" * 300
    text = NAMES.replace("{long_code}", long_code).replace("{long_anchor}", long_anchor)
    (source / "nomes.md").write_text(text, encoding="utf-8")
    (source / ".oculto.md").write_text(ARTICLE.replace("UserErrorValid", "UserErrorHidden"), encoding="utf-8")
    (source / "a?b#c.md").write_text(ARTICLE.replace("UserErrorValid", "UserErrorQuery"), encoding="utf-8")
    out = tmp_path / "out"
    monkeypatch.setenv("SITE_URL", 'https://errors.example.org/a"b<i>/')
    build_all(project, bundle=True, site_dir=out / "site", dist_dir=out / "dist", strict=False)
    site = out / "site"
    assert '<meta name="kb-site-url" content="https://errors.example.org/a&#34;b&lt;i&gt;/">' in (
        site / "index.html").read_text(encoding="utf-8"), "SITE_URL is escaped in its meta tag"
    for code in ("UserErrorDot", "UserErrorDots", "UserErrorIndex", "UserErrorHidden", "UserErrorQuery",
                 long_code[:200]):
        assert (site / "errors" / code / "index.html").is_file(), code
    for category in ("nomes/section-3", "nomes/section-10", "nomes/index-17", "oculto/oculto", "a-b-c/a-b-c"):
        assert (site / "categories" / category / "index.html").is_file(), category
    assert (site / "topics" / "nomes" / "config-2" / "index.html").is_file()
    assert (site / "topics" / "nomes" / long_anchor[:200] / "index.html").is_file()
    assert (site / "errors" / "UserErrorShortAlias" / "index.html").is_file(), "the alias still redirects"
    assert 'http-equiv="refresh"' in (site / "errors" / "UserErrorShortAlias" / "index.html").read_text("utf-8")
    page = (site / "errors" / "UserErrorIndex" / "index.html").read_text(encoding="utf-8")
    assert "kb_kind" not in page and 'name="kb-entry" content="UserErrorIndex"' in page, "the page kept its meta"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="categories/nomes/section-10/"' in home, "the home page is the home page, not category '..'"
    feed = json.loads((site / "errors.json").read_text(encoding="utf-8"))
    assert {a["slug"] for a in feed["articles"]} == {"nomes", "oculto", "a-b-c"}
    assert long_code in feed["codes"].values() or any(long_code in e["codes"] for e in feed["errors"])
