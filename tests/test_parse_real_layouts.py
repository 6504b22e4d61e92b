"""The layouts of real articles, one small fixture each (tests/fixtures/real/*.md), and the wild corpus.

Every fixture states the exact codes a reader would look up in it: none missing,
none invented. The fixtures are written for the rules of ``build_tools/parse/vocabulary.py``
(header words, labels, code shapes), so a contributor who adds a row there adds a
line here. The last test runs the parser over ../shared/corpus/wild against its
hand-checked GOLD.json, article by article, with the known misses named.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_tools.parse.article import parse_article
from build_tools.problems import Problems
from build_tools.parse.survey import load_gold, survey
from conftest import SHARED

REAL = Path(__file__).resolve().parent / "fixtures" / "real"


def parse(name: str):
    problems = Problems()
    article = parse_article(REAL / f"{name}.md", problems)
    assert article is not None, [str(p) for p in problems]
    return article, problems


def codes_of(article) -> list[str]:
    return [c for e in article.entries for c in e.codes]


EXPECTED = {
    # | Erro | Descrição | with numbers, | Código do erro | Severidade |, | ErrorNumber | ErrorSeverity |,
    # negative exit codes, | ErrorDetail.Code | (a word is a code there), an event table with number and name,
    # enum cells 'Name = 9' with SSPR_00nn in another cell, | Nº | numbering rows (not codes) with codes in
    # the message: an HRESULT, 'Erro 350027:', '12008 - ...'
    "code-tables": ["50001", "50008", "90014", "40197", "40613", "1132", "-1", "-106", "ErrorParsingConfiguration",
                    "Desconhecido", "31001", "PasswordResetStart", "6329", "0x80230619", "TenantSSPRFlagDisabled",
                    "SSPR_0009", "UserNotLicensed", "SSPR_0012", "0x80070057", "350027", "12008"],
    # codes anywhere in headings: an identifier before a status, 'ID de Erro N', several 'Erro N', '(112)',
    # 'ErrorID: A & B', an HTTP status that opens the heading, an event id and an HRESULT, '(erro 1069)'
    "heading-codes": ["BadArgument", "400", "28031", "53", "67", "87", "112", "95107", "95108", "403", "1098",
                      "0xCAA5001C", "1069"],
    # list items that open with a labelled code, 'erro 32002' and 'hr=...' in prose, 'Code=' and JSON "code"
    # in sample output, bold codes after 'erro', an AADSTS code quoted in a message
    "running-text": ["3", "4", "CiSDeviceDecommissioned", "DeviceNotReady", "32002", "800700CE", "InvalidTemplate",
                     "RequestDisallowedByPolicy", "LargeObject", "ExceededAllowedLength", "AADSTS50059"],
    # an XML element and an API as headings, 'Name : YES', field names in a list, an id in a URL, XML
    # attributes, an ordinary upper-case word and a request id
    "not-codes": [],
    "without-codes": [],
    "lost-code": [],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_layout_gives_exactly_its_codes_and_loses_no_line(name):
    article, problems = parse(name)
    assert codes_of(article) == EXPECTED[name]
    assert not problems.errors
    assert [span for span in article.ledger if span.owner == "unmapped"] == []


def test_list_items_that_open_with_a_code_are_errors_of_their_own():
    article, _ = parse("running-text")
    exit3 = next(e for e in article.entries if e.codes == ("3",))
    assert exit3.title == "Nome ou senha de usuário incorretos" and exit3.origin == "mention"
    template = next(e for e in article.entries if "InvalidTemplate" in e.codes)
    assert template.title == "Modelo inválido" and template.mentioned_in == "topic:template"


def test_errors_without_a_code_take_their_message_cause_and_fix():
    article, _ = parse("without-codes")
    row, known, cause_fix = article.entries
    assert row.title == "A sincronização para depois de uma hora." and "**Causa**: O token expirou." in row.details
    assert known.title == "Os favoritos não sincronizam" and known.codes == ()
    assert any("Ação recomendada" in getattr(b, "text", "") for b in known.resolution)
    assert cause_fix.title == "O comando net use falha com uma barra na conta"
    assert any("Escreva a barra duas vezes." in getattr(b, "text", "") for b in cause_fix.resolution)


def test_code_shaped_text_that_no_record_carries_is_reported():
    _, problems = parse("lost-code")
    assert [str(p).split(": ", 1)[1] for p in problems if "in no record" in p.message] == [
        "warning: code-shaped text 'ERROR_SHARING_VIOLATION' in an error table is in no record"]


def test_the_layouts_that_give_codes_are_silent_about_lost_codes():
    for name in ("code-tables", "heading-codes", "running-text", "not-codes", "without-codes"):
        _, problems = parse(name)
        assert [str(p) for p in problems if "in no record" in p.message] == [], name


# ---- the wild corpus ---------------------------------------------------------------------------

WILD = SHARED / "corpus" / "wild"
KNOWN_MISSES = {
    # "Alguns exemplos de códigos que são inseridos na mensagem de erro 40197 são 40020, 40143, 40166 e 40540":
    # codes listed as examples inside another error's description, with no label next to each
    "sql-database/sql-database-develop-error-messages.md": {"40020", "40143", "40166", "40540"},
    # "deverá receber um InvalidQueryParameterValue ou resposta XML": named as an expected response, unlabelled
    "storage/common/storage-explorer-troubleshooting.md": {"InvalidQueryParameterValue"},
}
KNOWN_EXTRA = {
    # "#### Aumento permanente em erro de PercentThrottlingError": a metric named after 'erro de' in a heading
    "storage/common/storage-monitoring-diagnosing-troubleshooting.md": {"PercentThrottlingError"},
}


def _wild():
    if not (WILD / "GOLD.json").is_file():
        return []
    return survey([WILD], load_gold(WILD / "GOLD.json"))


@pytest.mark.shared
@pytest.mark.parametrize("figures", _wild() or [pytest.param(None, marks=pytest.mark.skip("../shared absent"))],
                         ids=lambda f: f.path.split("wild/")[-1] if f else "absent")
def test_wild_article_against_its_gold_list(figures):
    key = figures.path.split("wild/")[-1]
    assert figures.gold is not None, f"{key} has no gold entry"
    assert set(figures.missed) == KNOWN_MISSES.get(key, set())
    assert set(figures.extra) == KNOWN_EXTRA.get(key, set())


@pytest.mark.shared
def test_wild_corpus_recall_and_precision_meet_the_targets():
    figures = _wild()
    if not figures:
        pytest.skip("../shared/corpus/wild absent")
    wanted = sum(len(f.gold.codes) for f in figures)
    found = sum(len(f.found) for f in figures)
    claimed = found + sum(len(f.extra) for f in figures)
    assert len(figures) == len(json.loads((WILD / "GOLD.json").read_text(encoding="utf-8"))) == 83
    assert found / wanted >= 0.97 and found / claimed >= 0.98, (found, wanted, claimed)
