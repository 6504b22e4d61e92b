"""One small article per layout the parser must read (tests/fixtures/layouts/*.md).

Each test names what a reader of that layout expects to find as records:
codes, messages, titles, resolutions, categories. Every fixture also has to
leave no line unowned in the coverage ledger.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.model import ListBlock, Note, Paragraph, TableBlock
from build_tools.parse.article import parse_article
from build_tools.problems import Problems

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "layouts"


def parse(name: str):
    problems = Problems()
    article = parse_article(LAYOUTS / f"{name}.md", problems)
    assert article is not None, [str(p) for p in problems]
    return article, problems


def by_code(article, code):
    return next(e for e in article.entries if code in e.codes)


def messages(entry) -> dict[str, str]:
    return {m.code: m.message for m in entry.messages}


def problem_lines(problems, severity=None) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in problems if severity in (None, p.severity)]


@pytest.mark.parametrize("path", sorted(LAYOUTS.glob("*.md")), ids=lambda p: p.stem)
def test_every_layout_parses_with_no_line_left_out(path):
    problems = Problems()
    article = parse_article(path, problems)
    assert article is not None and article.entries
    assert not problems.errors
    owned = {n for span in article.ledger if span.owner != "unmapped" for n in range(span.first, span.last + 1)}
    text = path.read_text(encoding="utf-8").split("\n")
    assert [n for n, line in enumerate(text, 1) if line.strip() and n not in owned] == []


def test_codes_in_h2_headings_glued_to_the_text_with_a_dash():
    article, _ = parse("h2-codes")
    disk = by_code(article, "UserErrorDiskFull")
    assert disk.title == "O disco está cheio" and disk.title_en == "The disk is full"
    assert messages(disk) == {"UserErrorDiskFull": "O disco de destino está cheio"}
    # "Falha na operação ExtensionAgentStuck-agente ...": a code inside mangled text; the message is the title
    stuck = by_code(article, "ExtensionAgentStuck")
    assert stuck.title == "O agente da extensão parou de responder"
    assert stuck.resolution == (Paragraph("Reinicie o serviço do agente.", 23),)
    assert [t.id for t in article.topics] == ["common-issues"]


def test_codes_in_h3_headings_with_several_codes_and_a_merged_label_line():
    article, _ = parse("h3-codes")
    lost = by_code(article, "UserErrorSnapshotLost")
    assert lost.title == "O instantâneo foi perdido"  # heading text is English: the message is the title
    assert lost.title_en == "Snapshot was lost" and lost.category == "backup"
    three = by_code(article, "ExtensionFailedOne")
    assert three.codes == ("ExtensionFailedOne", "ExtensionFailedTwo", "ExtensionFailedThree")
    assert messages(three) == {
        "ExtensionFailedOne": "A primeira etapa da extensão falhou",
        "ExtensionFailedTwo": "A segunda etapa da extensão falhou",
        "ExtensionFailedThree": "A terceira etapa da extensão falhou",
    }
    assert three.title == "A extensão falhou"


def test_code_only_headings_take_message_and_resolution_from_the_table_below():
    article, problems = parse("code-only-headings")
    corrupted = by_code(article, "SalCacheCorrupted")
    assert corrupted.title == "O cache local está corrompido"
    assert corrupted.resolution == (Paragraph("Exclua a pasta de cache e repita o backup.", 9),)
    full = by_code(article, "SalCacheFull")
    assert [m.message for m in full.messages] == ["O cache está cheio.", "A gravação no cache falhou."]
    assert full.details == (
        "**Possíveis causas**: O volume tem pouco espaço.",
        "**Possíveis causas**: O disco está protegido contra gravação.",
    )
    assert "Remova a proteção." in [b.text for b in full.resolution if isinstance(b, Paragraph)]
    assert not any("no message" in p.message for p in problems)


def test_bold_labels_in_cells_and_paragraphs_with_two_code_pairs_in_one_cell():
    article, _ = parse("bold-labels")
    vault = by_code(article, "310001")
    assert vault.codes == ("310001", "VaultNotFound", "410002", "PolicyNotFound")
    assert messages(vault)["410002"] == "A política não existe"
    assert messages(vault)["VaultNotFound"] == "O cofre não existe mais."
    assert by_code(article, "UserErrorQuotaReached").title == "A cota foi atingida"
    paragraph = by_code(article, "UserErrorBoldParagraph")
    assert paragraph.origin == "heading" and paragraph.title == "Parágrafo rotulado"
    assert messages(paragraph) == {"UserErrorBoldParagraph": "O parágrafo usa rótulos em negrito"}


def test_three_column_tables_find_codes_in_the_operation_cell_and_id_labels():
    article, _ = parse("three-column")
    assert [e.codes for e in article.entries] == [(), ("100050",), ("2013",)]
    assert article.entries[0].details == ("**Operação**: Registrando no cofre",)
    assert by_code(article, "100050").title == "O agente não pôde se conectar ao serviço."
    notify = by_code(article, "2013")
    assert notify.title == "Configurar notificações"  # the cell names only the id: the operation is the title
    assert notify.resolution[0].text.startswith("**Causa:**")


def test_four_column_tables_with_a_code_column():
    article, _ = parse("four-column")
    busy = by_code(article, "UserErrorRestoreTargetBusy")
    assert busy.title == "O destino da restauração está ocupado."
    assert busy.details == ("**Causa**: Outra restauração está em andamento.",)
    assert busy.resolution == (Paragraph("Aguarde e repita.", 7),)
    assert {e.category for e in article.entries} == {"restore-errors"}


def test_tables_without_outer_pipes():
    article, problems = parse("no-outer-pipes")
    assert [e.codes for e in article.entries] == [("230006",), ("230007",)]
    assert by_code(article, "230007").details == ("**Possíveis causas**: A rede está lenta.",)
    assert problems.warnings == []


def test_codes_written_inside_messages():
    article, _ = parse("inline-ids")
    assert [e.codes for e in article.entries] == [
        ("403",), ("FileFaultFault", "33621"), ("120002",), ("0x1FC07",), ("34506",),
    ]
    assert by_code(article, "34506").title.startswith("Error 34506. A senha armazenada")


def test_hex_codes_and_two_codes_in_one_cell():
    article, _ = parse("hex-codes")
    assert [e.codes for e in article.entries] == [("0x80070570",), ("0x80070002", "0x80070003")]
    assert by_code(article, "0x80070003").title == "O sistema não encontra o arquivo."


def test_code_column_named_key_in_a_table_under_the_h1():
    article, _ = parse("key-column")
    assert [e.codes for e in article.entries] == [("SkuIsGone",), ("PriceTooLow",)]
    assert article.categories[0].id == "key-column" and article.categories[0].title == "Códigos na coluna Chave"
    assert "\\<resource\\>" in by_code(article, "SkuIsGone").title  # escaped brackets stay escaped
    assert any(isinstance(b, Paragraph) and "Próximas etapas" in b.text for b in article.intro)


def test_vertical_key_value_tables():
    article, _ = parse("vertical")
    locked = by_code(article, "UserErrorVaultLocked")
    assert locked.title == "Cofre bloqueado"
    assert messages(locked) == {"UserErrorVaultLocked": "O cofre está bloqueado para alterações"}
    assert locked.details == ("**Causa**: Um bloqueio de recurso impede a operação.",)
    assert [b.text for b in locked.resolution] == [
        "Remova o bloqueio e repita a operação.", "Depois disso, dispare o backup novamente.",
    ]
    readonly = by_code(article, "UserErrorVaultReadOnly")
    assert readonly.title == "O cofre está somente leitura"
    assert [b.text for b in readonly.resolution] == ["Aguarde a conclusão da manutenção."]


def test_error_table_indented_in_a_list_item():
    article, _ = parse("table-in-list")
    assert [e.codes for e in article.entries] == [("0x80070005",), ("0x8007018b",)]
    category = article.categories[0]
    assert category.id == "warnings"
    items = category.blocks[0].items
    assert [i.text for i in items][-1] == "Você pode excluir arquivos sem suporte da política."
    assert all(not any(isinstance(c, TableBlock) for c in i.children) for i in items)


def test_cells_spilling_onto_the_next_line():
    article, problems = parse("spilled-cell")
    io = by_code(article, "UserErrorIoProblem")
    assert io.resolution[0].text.endswith("[restaurar como arquivos](restore-files.md).")
    assert not any(b for b in io.resolution if getattr(b, "kind", "") == "code")  # the lone "|" is not a code block
    one = by_code(article, "UserErrorSpillOne")
    assert one.resolution == (Paragraph("Faça a primeira coisa e depois a segunda coisa", 14),)
    assert [e.codes for e in article.entries] == [("UserErrorIoProblem",), ("UserErrorSpillOne",), ("UserErrorSpillTwo",)]
    assert (15, "table row of line 14 continues on this line; joined to it") in problem_lines(problems, "notice")


def test_unclosed_and_mismatched_html_lists_are_reported_and_kept():
    article, problems = parse("html-lists")
    assert by_code(article, "UserErrorHtmlLists").resolution[0].items[1].text.endswith("</ol>")
    assert [e.title for e in article.entries[1:]] == ["O trabalho não pode ser cancelado", "O trabalho falhou"]
    notices = problem_lines(problems, "notice")
    assert (9, "</ol> has no matching <ol>; ignored") in notices
    assert (15, "<ul> is never closed; closed at the end of its block") in notices
    assert (16, "</ul> has no matching <ul>; ignored") in notices
    assert not problems.warnings


def test_escaped_pipes_stay_inside_their_cell():
    article, _ = parse("escaped-pipes")
    entry = by_code(article, "UserErrorFsState")
    assert entry.resolution == (Paragraph("Execute **tune2fs -l /dev/sdb1** | grep **State** e depois **fsck**.", 7),)


def test_triple_backtick_inline_code():
    article, _ = parse("inline-code")
    entry = by_code(article, "UserErrorVssWriters")
    assert "```vssadmin list writers```" in entry.resolution[0].text
    assert [i.text for i in entry.resolution[1].items] == ["```net stop serviceName```", "```net start serviceName```"]


def test_note_admonitions_also_inside_list_items():
    article, _ = parse("notes")
    note, steps = by_code(article, "UserErrorNoted").resolution
    assert isinstance(note, Note) and note.note_type == "NOTE" and note.blocks[0].text == "O backup pode levar horas."
    assert isinstance(steps, ListBlock) and steps.ordered
    tip = steps.items[0].children[0]
    assert isinstance(tip, Note) and tip.note_type == "TIP"


def test_message_label_with_an_id_makes_the_section_an_error():
    article, _ = parse("message-label-id")
    entry = by_code(article, "34513")
    assert entry.title == "Credenciais do cofre inválidas" and entry.anchor == "invalid-vault-credentials-provided"
    assert isinstance(entry.resolution[0], TableBlock)  # the cause/action table is the resolution
    assert "**Recomendações adicionais**" in [b.text for b in entry.resolution if isinstance(b, Paragraph)]
    assert dict(article.anchors)["additional-recommendations"] == "entry:34513"


def test_a_table_row_restating_a_coded_error_is_linked_to_it():
    article, _ = parse("restatement")
    row = next(e for e in article.entries if e.title.startswith("A VM está parada e por isso"))
    assert row.restates == "UserErrorVmStopped"
    assert next(e for e in article.entries if e.title == "O disco sumiu.").restates == ""


def test_topics_duplicate_anchors_and_link_kinds():
    article, problems = parse("topics-links")
    assert [(t.id, t.parent) for t in article.topics] == [
        ("vm-agent", ""), ("windows-vms", "vm-agent"), ("update-the-vm-agent", "vm-agent"),
        ("windows-vms-2", "update-the-vm-agent"),
    ]
    assert (18, "duplicate anchor 'windows-vms' (first at line 12); this one is 'windows-vms-2'") in problem_lines(problems)
    links = [(l.target, l.kind) for l in by_code(article, "UserErrorNoAgent").links]
    assert links == [
        ("#vm-agent", "anchor"), ("backup-introduction.md#best-practices", "article"),
        ("../virtual-machines/agent.md", "article"), ("https://example.com/blog", "external"),
    ]
    assert not problems.warnings
