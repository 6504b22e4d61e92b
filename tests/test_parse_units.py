"""The parser's small parts: code recognition, label lines, the ledger and restatement matching."""

from __future__ import annotations

import random

import pytest

from build_tools.parse import restatements
from build_tools.parse.codes import escape_code_tags, split_heading
from build_tools.parse.labels import inline_codes, parse_labels
from build_tools.parse.ledger import Ledger
from build_tools.model import CodeMessage, ErrorEntry
from build_tools.problems import Problems


@pytest.mark.parametrize("text, codes, rest", [
    ("UserErrorFsFreezeFailed - Falha ao congelar", ["UserErrorFsFreezeFailed"], "Falha ao congelar"),
    ("A / B - x", [], "A / B - x"),
    ("ExtensionSnapshotFailedCOM / ExtensionInstallationFailedCOM - Erro", ["ExtensionSnapshotFailedCOM", "ExtensionInstallationFailedCOM"], "Erro"),
    ("CopyingVHDsFromBackUpVaultTakingLongTime-a cópia", ["CopyingVHDsFromBackUpVaultTakingLongTime"], "a cópia"),
    ("SalBitmapError", ["SalBitmapError"], ""),
    ("320001 - A VM não existe", ["320001"], "A VM não existe"),
    ("2019 - Novidades", [], "2019 - Novidades"),
    ("Erro: a réplica é inconsistente", [], "Erro: a réplica é inconsistente"),
])
def test_codes_at_the_start_of_a_heading(text, codes, rest):
    assert split_heading(text) == (codes, rest)


@pytest.mark.parametrize("text, codes", [
    ("Falha ao baixar o arquivo. (ID: 403)", ["403"]),
    ("ErrorCode-FileFaultFault (ID 33621)", ["FileFaultFault", "33621"]),
    ("Falha na operação. ID: 120002", ["120002"]),
    ("erro de serviço interno [0x1FC07]. Repita", ["0x1FC07"]),
    ("Error 34506. A senha", ["34506"]),
    ("(407) Autenticação de Proxy Necessária", []),
    ("a VM tem 4 GB de IDs livres", []),
])
def test_codes_written_inside_a_message(text, codes):
    assert inline_codes(text) == codes


def test_label_lines_plain_bold_merged_and_message_with_id():
    assert parse_labels("Código de erro: UserErrorX <br/>\nMensagem de erro: Falhou") == ([("UserErrorX", "Falhou")], [])
    assert parse_labels("**Erro de código**: 320001, ResourceNotFound <br/> **Mensagem de erro**: Sumiu") == (
        [("320001", "Sumiu"), ("ResourceNotFound", "Sumiu")], [])
    assert parse_labels("Código de erro: Mensagem de erro ExtensionInstallationFailedMDTC: Falha na instalação") == (
        [("ExtensionInstallationFailedMDTC", "Falha na instalação")], [])
    assert parse_labels("**Mensagem de erro**: credenciais inválidas. (ID: 34513)") == (
        [("34513", "credenciais inválidas. (ID: 34513)")], [])
    assert parse_labels("**Mensagem de erro**: sem código aqui") is None
    assert parse_labels("Um parágrafo comum.") is None


def test_codes_shaped_like_html_tags_are_escaped_but_real_tags_are_not():
    assert escape_code_tags("<UserErrorTagLike> e <br> e <ul>") == ("\\<UserErrorTagLike\\> e <br> e <ul>", ["UserErrorTagLike"])


def test_ledger_later_claims_win_and_unclaimed_text_is_reported():
    lines = ["# T", "", "texto", "| a |", "perdido", ""]
    ledger = Ledger(lines)
    ledger.claim(1, 4, "intro")
    ledger.claim(4, 4, 0)
    problems = Problems()
    spans = ledger.finish(lambda n: f"entry:E{n}", "a.md", problems)
    assert [(s.first, s.last, s.owner) for s in spans] == [(1, 3, "intro"), (4, 4, "entry:E0"), (5, 5, "unmapped")]
    assert [str(p) for p in problems] == ["a.md:5: warning: text not part of any record; this line not published: 'perdido'"]


def entry(codes: tuple[str, ...], message: str, n: int) -> ErrorEntry:
    return ErrorEntry(
        id=codes[0] if codes else f"row-{n}", codes=codes, messages=(CodeMessage(codes[0] if codes else "", message, n),),
        title=message, title_en="", details=(), resolution=(), category="c", anchor="", origin="table", links=(),
        line=n,
    )


def brute_force(entries: list[ErrorEntry]) -> list[str]:
    """The definition: the best Jaccard match over every coded message and title, ties to the later one."""
    out = []
    for e in entries:
        if e.codes:
            out.append("")
            continue
        best, score = "", restatements.THRESHOLD
        for other in entries:
            if other.codes:
                for candidate in (*(m.message for m in other.messages), other.title):
                    value = restatements.similarity(e.messages[0].message, candidate)
                    if value >= score:
                        best, score = other.id, value
        out.append(best)
    return out


def test_indexed_restatement_matching_equals_the_brute_force_definition():
    rng = random.Random(7)
    vocabulary = "vm backup falhou disco cheio rede agente cofre estado permite congelar montagem instantâneo".split()
    for _ in range(60):
        entries = []
        for n in range(rng.randint(2, 25)):
            words = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 7)))
            entries.append(entry((f"UserErrorCode{n}",) if rng.random() < 0.5 else (), words, n))
        assert [e.restates for e in restatements.link_restatements(entries)] == brute_force(entries)


def test_code_grammar_is_linear_on_runs_of_capitals():
    """The first grammar backtracked 2^k ways on k capitals (28 capitals took 20 s); these return at once."""
    from build_tools.parse.codes import find_codes, split_heading
    from build_tools.parse.labels import labelled_codes

    capitals = "A" * 5000
    assert split_heading(capitals + "b - texto") == ([], capitals + "b - texto")
    assert find_codes(capitals + "b") == []
    assert labelled_codes("erro " + capitals + "x" * 3 + " e código " + "B" * 5000) == []
