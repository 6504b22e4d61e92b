"""The real pt-BR articles in ../shared/corpus: each parses, and every error code in it becomes a record.

The codes expected are found by an oracle written independently of the
parser: plain regular expressions over the raw text that look only where
../shared/corpus/SOURCES.md says the layouts put codes (headings, code/message
label lines, code columns of tables, ids written inside error messages).
Running text that names a code as an error (``se você receber o erro **X**``,
``um dos seguintes códigos de erro: **X**, **Y**``) defines it too. The parser must
find exactly those codes as entry codes: none missing, none invented. Codes merely
mentioned in bold without such a label must still come out inside some record's text.
"""

from __future__ import annotations

import json
import re

import pytest

from build_tools.parse.article import parse_article
from build_tools.problems import Problems
from build_tools.parse.catalog import load_catalog, to_json
from conftest import SHARED, shared_path

pytestmark = pytest.mark.shared

ARTICLES = sorted(p.name for p in (SHARED / "corpus").glob("*.md") if p.name != "SOURCES.md") or ["(absent)"]

# An identifier code: letters and digits, at least one lower-case letter and three capitals
# (UserErrorFsFreezeFailed, ExtensionSnapshotFailedCOM, VMNotInRunningStateUserError).
IDENT = r"(?=[A-Za-z0-9]*[a-z])(?=(?:[a-z0-9]*[A-Z]){3})[A-Za-z][A-Za-z0-9]{7,}"
NUMBER = r"\d{3,7}"
HEX = r"0x[0-9A-Fa-f]{4,8}"
ANY_CODE = re.compile(rf"(?<![\w.-])(?:{HEX}|{IDENT}|{NUMBER})(?![\w])")
HEADING = re.compile(r"^#{1,6}\s+(.*)$")
ANCHOR = re.compile(r"<a\s[^>]*>\s*</a>", re.I)
LABEL = re.compile(
    r"(?:C[óo]digo d[eo] erro|Erro de c[óo]digo|ID do Erro)\W{0,6}?:?\**\s*:?\s*(?P<value>.*?)(?=<br|\*\*|Mensagem|\||$)",
    re.I,
)
IN_MESSAGE = [
    re.compile(r"\(ID:?\s*(\d{3,7})\)"),
    re.compile(r"(?<![\w-])ID:\s*(\d{3,7})\b"),
    re.compile(r"\[(0x[0-9A-Fa-f]{4,8})\]"),
    re.compile(r"\bError\s+(\d{4,7})\b"),
    re.compile(r"\bErrorCode-([A-Za-z]+)"),
]
CODE_HEADER = re.compile(r"^(c[óo]digo( d[oe] erro)?|chave)$", re.I)
BOLD = re.compile(rf"\*\*({IDENT})\*\*")
NAMED_IN_TEXT = re.compile(rf"(?:\berros?\b|c[óo]digos? de erro)[^*\n]{{0,30}}?((?:\*\*{IDENT}\*\*(?:,\s*|\s+(?:e|ou)\s+)?)+)")


def cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return [c.strip() for c in re.split(r"(?<!\\)\|", body)]


def oracle(text: str) -> tuple[set[str], set[str]]:
    """(codes in defining positions, codes only mentioned in bold in running text)."""
    defined: set[str] = set()
    mentioned: set[str] = set()
    lines = text.split("\n")
    code_column = None
    for n, line in enumerate(lines):
        heading = HEADING.match(line)
        if heading:
            code_column = None
            words = ANCHOR.sub("", heading.group(1))
            defined.update(m.group(0) for m in re.finditer(rf"(?<![A-Za-z0-9]){IDENT}(?![A-Za-z0-9])", words))
            continue
        for label in LABEL.finditer(line):
            defined.update(ANY_CODE.findall(label.group("value").replace("**", "")))
        for pattern in IN_MESSAGE:
            defined.update(pattern.findall(line))
        if "|" in line and n + 1 < len(lines) and re.match(r"^\s*\|?\s*:?-{2,}", lines[n + 1]):
            header = [re.sub(r"\*", "", c) for c in cells(line)]
            code_column = next((i for i, c in enumerate(header) if CODE_HEADER.match(c)), None)
        elif code_column is not None and "|" in line and not re.match(r"^\s*\|?\s*:?-{2,}", line):
            row = cells(line)
            if code_column < len(row):
                defined.update(ANY_CODE.findall(row[code_column]))
        elif not line.strip():
            code_column = None
        for named in NAMED_IN_TEXT.finditer(line):
            defined.update(BOLD.findall(named.group(1)))
        mentioned.update(BOLD.findall(line))
    return defined, mentioned - defined


@pytest.mark.parametrize("name", ARTICLES)
def test_corpus_article_parses_and_every_code_becomes_a_record(name):
    path = shared_path("corpus", name)
    text = path.read_text(encoding="utf-8")
    problems = Problems()
    article = parse_article(path, problems)
    assert article is not None and not problems.errors, [str(p) for p in problems]
    defined, mentioned = oracle(text)
    parsed = {code for entry in article.entries for code in entry.codes}
    assert sorted(defined - parsed) == [], "codes the parser missed"
    assert sorted(parsed - defined) == [], "codes the parser invented"
    published = json.dumps(to_json(article), ensure_ascii=False)
    assert [code for code in sorted(mentioned) if code not in published] == []
    assert [span for span in article.ledger if span.owner == "unmapped"] == []


def test_oracle_sees_the_layouts_sources_md_describes():
    """The oracle itself finds the examples SOURCES.md quotes, so an empty comparison is not a blind one."""
    texts = {name: shared_path("corpus", name).read_text(encoding="utf-8") for name in ARTICLES}
    found = {name: oracle(text)[0] for name, text in texts.items()}
    assert {"320001", "ResourceNotFound", "ExtensionInstallationFailedMDTC"} <= found["backup-vms-troubleshoot-2019-09.md"]
    assert {"100050", "33621", "2013", "0x29834", "CBPServerRegisteredVaultDontMatchWithCurrent", "100110"} <= found["backup-mabs-troubleshoot.md"]
    assert {"34513", "0x80070570", "0x80070002", "0x80070003", "0x1FC07", "34506", "SalBitmapError"} <= found["backup-mars-troubleshoot.md"]
    assert len(found["backup-sql-server-azure-troubleshoot.md"]) == 23
    assert len(found["vm-error-codes-spot.md"]) == 15
    assert found["backup-scdpm-troubleshooting.md"] == set() and found["backup-vms-troubleshoot-2018-07.md"] == set()
    assert "WorkloadExtensionNotReachable" in found["backup-sql-server-azure-troubleshoot.md"]
    assert "AzureBackupWindowsWorkload" in oracle(texts["backup-sql-server-azure-troubleshoot.md"])[1]


def test_whole_corpus_together_reports_shared_codes_across_articles():
    paths = [shared_path("corpus", name) for name in ARTICLES]
    problems = Problems()
    catalog = load_catalog(paths, problems)
    assert len(catalog.articles) == len(paths)
    assert not problems.errors
    shared = [p for p in problems if "is also at" in p.message]
    assert {p.message.split("'")[1] for p in shared} == {"100050", "100110"}
    assert all(p.path.endswith("backup-mars-troubleshoot.md") for p in shared)
    ids = [e.id for e in catalog.entries]
    assert len(ids) == len(set(ids))
