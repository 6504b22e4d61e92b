"""The terminal lookup tool, run as a jump host runs it: ``python3 lookup.py ...`` inside the unzipped bundle.

Expected texts come from the bundle's own errors.json, so the tests follow the
content; what they pin is the behaviour: exact codes in any case, languages,
word search, exit statuses, plain-text rendering and wrapping.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

RESIDUE = re.compile(r"\*\*|</?(?:ol|ul|li|br|a|b|strong|em|code|p)\b|\]\(|\\[|*_`]")


def run(bundle: Path, *args: str, columns: int = 100, **env: str) -> subprocess.CompletedProcess:
    """``python3 lookup.py ARGS`` in the bundle folder, isolated from site-packages and the project."""
    environment = {"PATH": os.environ.get("PATH", ""), "COLUMNS": str(columns), "LANG": "C.UTF-8", **env}
    return subprocess.run(
        [sys.executable, "-I", "-S", "lookup.py", *args], cwd=bundle, env=environment,
        capture_output=True, text=True, encoding="utf-8", timeout=60,
    )


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def feed(bundle_dir) -> dict:
    return json.loads((bundle_dir / "errors.json").read_text(encoding="utf-8"))


def error(feed: dict, ident: str) -> dict:
    return next(e for e in feed["errors"] if e["id"] == ident)


def section(output: str, start: str, stop: str) -> list[str]:
    """The lines between a heading line ``start`` (and its underline) and the first line starting with ``stop``."""
    lines = output.splitlines()
    first = lines.index(start) + 2
    rest = lines[first:]
    end = next((n for n, line in enumerate(rest) if line.startswith(stop)), len(rest))
    return rest[:end]


# ---- the file itself ------------------------------------------------------------


SHIPPED = ("lookup.py", "code_match.py", "code_suggest.py", "plain_text.py", "plain_inline.py")
"""The tool and the modules it imports from beside it."""


@pytest.mark.parametrize("name", SHIPPED)
def test_lookup_is_standard_library_python_3_8_that_the_bundle_ships(bundle_dir, name):
    source = (bundle_dir / name).read_text(encoding="utf-8")
    assert source == (ROOT / "build_tools" / "terminal" / name).read_text(encoding="utf-8")
    tree = ast.parse(source, name, feature_version=(3, 8))
    compile(tree, name, "exec")
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module and not node.level}
    siblings = {n[:-3] for n in SHIPPED}
    assert imported - {"__future__"} - siblings <= set(sys.stdlib_module_names), imported - set(sys.stdlib_module_names)
    # APIs added after 3.8 that ast.parse cannot see: none of them may be used.
    newer = {"removeprefix", "removesuffix", "is_relative_to", "bit_count", "cache", "zoneinfo", "graphlib", "tomllib",
             "BooleanOptionalAction", "pairwise", "batched"}
    names = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)} | {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | imported
    assert not names & newer, names & newer
    # ``X | Y`` and ``list[str]`` are fine in annotations only because of the __future__ import.
    assert "from __future__ import annotations" in source
    subscripted_builtins = [n for n in ast.walk(tree) if isinstance(n, ast.Subscript)
                            and isinstance(n.value, ast.Name) and n.value.id in {"list", "dict", "tuple", "set", "type"}]
    runtime = [n for n in subscripted_builtins if not _inside_annotation(tree, n)]
    assert not runtime, [ast.unparse(n) for n in runtime]


def _inside_annotation(tree: ast.AST, target: ast.AST) -> bool:
    for node in ast.walk(tree):
        holders = []
        if isinstance(node, ast.arg) and node.annotation is not None:
            holders.append(node.annotation)
        if isinstance(node, ast.AnnAssign):
            holders.append(node.annotation)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
            holders.append(node.returns)
        if any(target is inner for holder in holders for inner in ast.walk(holder)):
            return True
    return False


def test_help(bundle_dir):
    result = run(bundle_dir, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: lookup.py")
    for word in ("--lang", "--data", "go.html?code=", "freeze"):
        assert word in result.stdout
    assert result.stderr == ""


def test_no_query_is_a_usage_error(bundle_dir):
    result = run(bundle_dir)
    assert result.returncode == 2
    assert "usage:" in result.stderr and "Traceback" not in result.stderr


# ---- exact codes ----------------------------------------------------------------


@pytest.mark.parametrize("typed", ["UserErrorFsFreezeFailed", "usererrorfsfreezefailed", "USERERRORFSFREEZEFAILED"])
def test_exact_code_in_any_case_prints_the_error_in_portuguese(bundle_dir, feed, typed):
    entry = error(feed, "UserErrorFsFreezeFailed")
    result = run(bundle_dir, typed)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "UserErrorFsFreezeFailed"
    assert squash(entry["title"]["pt-BR"]) in squash(out)
    assert "Código de erro: UserErrorFsFreezeFailed" in out
    assert f"Categoria: {entry['category']['title']['pt-BR']}" in out
    # the resolution: one dashed line per list item, in order, as plain text
    steps = [line for line in section(out, "Resolução", "Página:") if line.startswith("- ")]
    items = [b for b in entry["resolution"]["pt-BR"] if b["kind"] == "list"][0]["items"]
    assert len(steps) == len(items)
    for step, item in zip(steps, items):
        first_words = re.findall(r"[^\W\d_]+", item["text"])[:3]
        assert step[2:].split()[:3] == first_words
    assert not RESIDUE.search(out), RESIDUE.search(out)
    page = re.search(r"^Página: (.+)$", out, re.M).group(1)
    assert Path(page) == bundle_dir / "errors" / "UserErrorFsFreezeFailed.html"


def test_alias_code_prints_the_error_it_belongs_to(bundle_dir, feed):
    owner = next(e for e in feed["errors"] if len(e["codes"]) > 1 and e["codes"][1].isdigit())
    result = run(bundle_dir, owner["codes"][1])
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == " / ".join(owner["codes"])


def test_several_exact_codes_print_each_error(bundle_dir):
    result = run(bundle_dir, "UserErrorFsFreezeFailed", "extensionconfigparsingfailure")
    assert result.returncode == 0
    headings = [line for line in result.stdout.splitlines() if re.fullmatch(r"[A-Za-z0-9 /]+", line)
                and line.split(" / ")[0] in {"UserErrorFsFreezeFailed", "ExtensionConfigParsingFailure"}]
    assert headings == ["UserErrorFsFreezeFailed", "ExtensionConfigParsingFailure"]


def test_a_pasted_log_line_finds_the_code_inside_it(bundle_dir):
    result = run(bundle_dir, "ErrorCode=UserErrorFsFreezeFailed; operation id 7f3a while backing up vm-prod-01")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "UserErrorFsFreezeFailed"


def test_english(bundle_dir, feed):
    entry = error(feed, "UserErrorFsFreezeFailed")
    result = run(bundle_dir, "--lang", "en", "usererrorfsfreezefailed")
    assert result.returncode == 0
    out = squash(result.stdout)
    assert squash(entry["title"]["en"]) in out
    assert squash(entry["title"]["pt-BR"]) not in out
    assert "Error code: UserErrorFsFreezeFailed" in out and "Resolution" in out and "Resolução" not in out
    items = [b for b in entry["resolution"]["en"] if b["kind"] == "list"][0]["items"]
    steps = [line for line in section(result.stdout, "Resolution", "Page:") if line.startswith("- ")]
    assert len(steps) == len(items)
    assert steps[-1][2:].split()[:4] == re.findall(r"[^\W\d_]+", items[-1]["text"])[:4]


def test_english_falls_back_to_portuguese_where_untranslated(bundle_dir, feed, tmp_path):
    data = json.loads(json.dumps(feed))
    entry = error(data, "UserErrorFsFreezeFailed")
    entry["title"]["en"] = None
    entry["category"]["title"]["en"] = None
    path = tmp_path / "errors.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run(bundle_dir, "--lang", "en", "--data", str(path), "UserErrorFsFreezeFailed")
    assert result.returncode == 0
    assert squash(entry["title"]["pt-BR"]) in squash(result.stdout)
    assert f"Category: {entry['category']['title']['pt-BR']}" in result.stdout
    assert "Error code:" in result.stdout


# ---- words and partial codes ------------------------------------------------------


def test_words_list_the_matching_errors(bundle_dir, feed):
    result = run(bundle_dir, "snapshot")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    count = int(re.match(r"(\d+) erros correspondem a “snapshot”:", lines[0]).group(1))
    by_label = {", ".join(e["codes"]) or f"{e['id']} (sem código)": e for e in feed["errors"]}
    numbered = [re.match(r" ?(\d+)\. (.*)$", line) for line in lines[2:]]
    numbered = [m for m in numbered if m and m.group(2) in by_label]
    assert [int(m.group(1)) for m in numbered] == list(range(1, len(numbered) + 1))  # results are numbered
    listed = [by_label[m.group(2)] for m in numbered]
    assert len(listed) == min(count, 20) and count > 1
    for entry in listed:  # each listed error really mentions the word, in one language or the other
        assert "snapshot" in json.dumps([entry["title"], entry["messages"], entry["resolution"], entry["codes"]]).lower()
    assert "ExtensionFailedSnapshotLimitReachedError" in [", ".join(e["codes"]) for e in listed]
    assert lines[-1] == "Para ver um deles: lookup.py <código>"


def test_every_word_must_match(bundle_dir, feed):
    one = run(bundle_dir, "snapshot").stdout
    both = run(bundle_dir, "snapshot", "limit").stdout
    assert int(both.split()[0]) < int(one.split()[0])
    assert "ExtensionFailedSnapshotLimitReachedError" in both


def test_word_search_ignores_accents_and_case(bundle_dir):
    plain = run(bundle_dir, "INSTANTANEO")
    accented = run(bundle_dir, "instantâneo")
    assert plain.returncode == accented.returncode == 0
    assert plain.stdout.splitlines()[1:] == accented.stdout.splitlines()[1:]
    assert "instantâneo" in plain.stdout.split("\n", 1)[1]


def test_a_partial_code_that_fits_one_error_shows_it(bundle_dir):
    result = run(bundle_dir, "FsFreeze")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "1 erro corresponde a “FsFreeze”:"
    assert "UserErrorFsFreezeFailed" in lines and "Resolução" in lines


def test_unknown_code_says_so_and_fails(bundle_dir):
    result = run(bundle_dir, "NoSuchBackupErrorAnywhere")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Nenhum erro corresponde a “NoSuchBackupErrorAnywhere”" in result.stderr
    assert "“NoSuchBackupErrorAnywhere” não está nesta base de conhecimento." in result.stderr
    english = run(bundle_dir, "--lang", "en", "NoSuchBackupErrorAnywhere")
    assert english.returncode == 1 and "No error matches" in english.stderr


# ---- rendering --------------------------------------------------------------------


def test_nested_numbered_lists_and_links(bundle_dir, feed):
    entry = next(e for e in feed["errors"] for b in e["resolution"]["pt-BR"]
                 if b["kind"] == "list" and b["ordered"] and any(i["children"] for i in b["items"]))
    block = next(b for b in entry["resolution"]["pt-BR"] if b["kind"] == "list" and b["ordered"])
    result = run(bundle_dir, entry["id"])
    lines = section(result.stdout, "Resolução", "Página:")
    numbered = [l for l in lines if re.match(r"\d+\. ", l)]
    assert [l.split(".")[0] for l in numbered] == [str(block["start"] + n) for n in range(len(block["items"]))]
    first_with_children = next(n for n, i in enumerate(block["items"]) if i["children"])
    start = lines.index(numbered[first_with_children])
    nested = [l for l in lines[start + 1:] if l.startswith("   - ")]
    assert len(nested) >= len(block["items"][first_with_children]["children"][0]["items"])
    external = [l for l in entry["links"] if l["kind"] == "external"]
    if external:
        assert re.search(r"\[1\] " + re.escape(external[0]["target"]), result.stdout)


def test_code_blocks_are_kept_verbatim(bundle_dir, feed):
    entry = next(e for e in feed["errors"] if any(b["kind"] == "code" for b in e["resolution"]["pt-BR"]))
    code = next(b for b in entry["resolution"]["pt-BR"] if b["kind"] == "code")["code"]
    result = run(bundle_dir, entry["id"], columns=40)
    for line in code.strip("\n").splitlines():
        assert f"    {line}".rstrip() in result.stdout.splitlines()


def test_lines_wrap_at_the_terminal_width(bundle_dir):
    def too_long(output: str, width: int) -> list[str]:
        """Lines past ``width`` that are more than a short label and one word that cannot be broken."""
        return [l for l in output.splitlines() if len(l) > width and len(l) - max(map(len, l.split())) > 20]

    for columns in (50, 72, 120):
        result = run(bundle_dir, "ExtensionConfigParsingFailure", columns=columns)
        assert max(map(len, result.stdout.splitlines())) > columns - 12  # the text fills the width...
        assert not too_long(result.stdout, columns - 1), columns  # ...and stays inside it
    narrow = run(bundle_dir, "--width", "40", "ExtensionConfigParsingFailure").stdout
    assert not too_long(narrow, 40)


def test_every_block_kind_renders_as_plain_text(bundle_dir, tmp_path):
    """Notes, tables, HTML lists, numbered lists that start late and links, in a made-up record."""
    data = {
        "codes": {"testerrorone": "errors/TestErrorOne.html"},
        "anchors": {"vm-agent": "topics/vm-agent.html"},
        "errors": [{
            "id": "TestErrorOne", "url": "errors/TestErrorOne.html", "codes": ["TestErrorOne"],
            "title": {"pt-BR": "Falha de **teste**", "en": "Test failure"},
            "messages": [{"code": "TestErrorOne", "text": {"pt-BR": "Falha de teste", "en": None}}],
            "details": [], "restates": None, "links": [],
            "category": {"id": "backup", "url": "categories/backup.html", "title": {"pt-BR": "Backup", "en": None}},
            "source": {"path": "source_pt/x.md", "line": 3},
            "resolution": {"pt-BR": [
                {"kind": "note", "line": 4, "note_type": "IMPORTANT", "blocks": [
                    {"kind": "paragraph", "line": 4, "text": "Leia o [agente](#vm-agent) &amp; `a*b*c` antes."}]},
                {"kind": "table", "line": 6, "header": ["Opção", "Valor"], "rows": [["`--x`", "**1**"], ["y", "2"]]},
                {"kind": "paragraph", "line": 9, "text": "Passos: <ol><li>um<br>ainda um</li><li>dois "
                                                         "<ul><li>sub</li></ul></li></ol> fim \\*literal\\*"},
                {"kind": "list", "line": 12, "ordered": True, "start": 4, "items": [
                    {"text": "quatro", "line": 12, "children": []},
                    {"text": "cinco [site](https://example.org/a_(b))", "line": 13, "children": []}]},
                {"kind": "html", "line": 15, "html": "<div><p>bloco&nbsp;HTML</p></div>"},
            ], "en": []},
        }],
    }
    path = tmp_path / "errors.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "vm-agent.html").write_text("<p>agent</p>", encoding="utf-8")
    result = run(bundle_dir, "--data", str(path), "testerrorone")
    assert result.returncode == 0, result.stderr
    lines = section(result.stdout, "Resolução", "Página:")
    assert lines[:2] == ["| Importante:", "| Leia o agente [1] & a*b*c antes."]
    assert lines[3:7] == ["Opção | Valor", "------+------", "--x   | 1", "y     | 2"]
    assert lines[8:13] == ["Passos:", "1. um", "   ainda um", "2. dois", "   - sub"]
    assert lines[13] == "fim *literal*"
    assert lines[15:17] == ["4. quatro", "5. cinco site [2]"]
    assert lines[18] == "bloco HTML"
    links = squash(result.stdout.split("\nLinks\n", 1)[1])
    assert f"[1] {tmp_path / 'topics' / 'vm-agent.html'} (neste pacote)" in links
    assert "[2] https://example.org/a_(b)" in links
    assert "Falha de teste" in result.stdout and "**" not in result.stdout


def test_a_code_shared_by_two_errors_prints_both(bundle_dir, tmp_path):
    def record(ident: str, codes: list[str], title: str) -> dict:
        return {"id": ident, "url": f"errors/{ident}.html", "codes": codes, "title": {"pt-BR": title, "en": None},
                "messages": [], "details": [], "resolution": {"pt-BR": [], "en": []}, "category": {}, "links": []}

    data = {"codes": {"100110": "errors/Second.html"},
            "errors": [record("First", ["100110"], "Primeiro artigo"), record("Second", ["Second", "100110"], "Segundo")]}
    path = tmp_path / "errors.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run(bundle_dir, "--data", str(path), "100110")
    assert result.returncode == 0
    headings = [l for l in result.stdout.splitlines() if l in ("100110", "Second / 100110")]
    assert headings == ["Second / 100110", "100110"]  # the one the site links to first


def test_a_broken_errors_json_is_reported_with_its_line(bundle_dir, tmp_path):
    path = tmp_path / "errors.json"
    path.write_text('{\n "errors": [\n  {"id": "X",}\n ]\n}\n', encoding="utf-8")
    result = run(bundle_dir, "--data", str(path), "X")
    assert result.returncode == 2
    assert re.search(rf"{re.escape(str(path))}:3: not valid JSON", result.stderr)
    assert "Traceback" not in result.stderr
    missing = run(bundle_dir, "--data", str(tmp_path / "nothing.json"), "X")
    assert missing.returncode == 2 and "not found" in missing.stderr and "Traceback" not in missing.stderr


def test_output_into_a_closed_pipe_is_quiet(bundle_dir):
    command = f"{sys.executable} -I -S lookup.py backup | head -n 1"
    result = subprocess.run(command, shell=True, cwd=bundle_dir, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() and "Traceback" not in result.stderr


# ---- the same tool from the project -------------------------------------------------


def test_project_command_matches_the_bundle(bundle_dir):
    project = subprocess.run(
        [sys.executable, "-m", "build_tools", "lookup", "--lang", "en", "UserErrorFsFreezeFailed"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "100"},
    )
    bundle = run(bundle_dir, "--lang", "en", "UserErrorFsFreezeFailed")
    assert project.returncode == 0, project.stderr
    assert project.stdout.split("\nPage: ")[0] == bundle.stdout.split("\nPage: ")[0]
    assert re.search(r"^Page: errors/UserErrorFsFreezeFailed/$", project.stdout, re.M)
    unknown = subprocess.run([sys.executable, "-m", "build_tools", "lookup", "NoSuchBackupErrorAnywhere"],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert unknown.returncode == 1 and "NoSuchBackupErrorAnywhere" in unknown.stderr


@pytest.mark.shared
def test_every_error_of_the_corpus_renders(tmp_path):
    """Other real articles (tables, notes, HTML) through the same renderer: no crash, no markup left in prose."""
    from conftest import shared_path

    from build_tools.publish.errors_json import build_feed
    from build_tools.problems import Problems
    from build_tools.parse.catalog import load_catalog

    corpus = shared_path("corpus")
    catalog = load_catalog(sorted(p for p in corpus.glob("*.md") if p.name != "SOURCES.md"), Problems())
    feed = build_feed(catalog, None, Problems())
    assert feed["errors"]
    path = tmp_path / "errors.json"
    path.write_text(json.dumps(feed), encoding="utf-8")
    ids = [e["id"] for e in feed["errors"]]
    for lang in ("pt-BR", "en"):
        result = subprocess.run(
            [sys.executable, "-I", "-S", str(ROOT / "build_tools" / "terminal" / "lookup.py"), "--lang", lang, "--data", str(path),
             "--width", "80", *ids],
            capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr
        prose = [l for l in result.stdout.splitlines() if not l.startswith("    ")]
        residue = [l for l in prose if "**" in l or re.search(r"</?(?:ol|ul|li|br)\b", l)]
        # code spans are printed verbatim and never wrapped: markup inside one (`**Erro**: 320001`) is the text
        spans = sorted(set(re.findall(r"`([^`\n]+)`", json.dumps(feed, ensure_ascii=False))), key=len, reverse=True)
        for span in spans:
            residue = [l.replace(span.replace('\\"', '"'), "") for l in residue]
        assert not [l for l in residue if "**" in l or re.search(r"</?(?:ol|ul|li|br)\b", l)]
        assert sum(1 for l in result.stdout.splitlines() if l and set(l) == {"="}) == len(set(ids))
