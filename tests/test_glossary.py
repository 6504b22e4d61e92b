"""The glossary (source_pt/translations/glossary.po) and its check in the build."""

from __future__ import annotations

from pathlib import Path

import polib

from build_tools.l10n.glossary import Glossary, check_glossary
from build_tools.parse.article import parse_article
from build_tools.problems import Problems
from build_tools.parse.catalog import load_catalog
from build_tools.l10n.po_files import Translations, update_catalog

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "source_pt" / "translations" / "glossary.po"
SEED = ROOT / "source_pt" / "backup-azure-vms-troubleshoot.md"
SEED_PO = ROOT / "source_pt" / "translations" / "en" / "backup-azure-vms-troubleshoot.po"

TERMS = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "instantâneo"
msgstr "snapshot"

msgid "extensão"
msgstr "extension"

# also: VM
msgid "máquina virtual"
msgstr "virtual machine"

msgid "sistema de arquivos"
msgstr "file system"

msgid "cofre"
msgstr ""
"""


def glossary(tmp_path: Path, problems: Problems | None = None) -> Glossary:
    path = tmp_path / "glossary.po"
    path.write_text(TERMS, encoding="utf-8")
    return Glossary.load(path, problems)


def test_terms_match_across_case_accents_plurals_and_hyphens(tmp_path):
    g = glossary(tmp_path)
    assert g.missing("Reinstale as Extensões da VM.", "Reinstall the VM extensions.") == []
    assert g.missing("O instantaneo falhou.", "The Snapshot failed.") == []
    assert g.missing("Reinicie as máquinas virtuais.", "Restart the VMs.") == []   # an accepted form ("also:")
    assert g.missing("um instantâneo consistente do sistema de arquivos",
                     "a file-system-consistent snapshot") == []
    missing = g.missing("Crie um instantâneo da máquina virtual.", "Take a backup copy of the VM.")
    assert [t.portuguese for t in missing] == ["instantâneo"]


def test_words_inside_other_words_and_inside_code_do_not_count(tmp_path):
    g = glossary(tmp_path)
    assert g.missing("A extensãozinha e o `instantâneo.exe`.", "Whatever.") == []


def test_a_term_without_english_is_reported_not_used(tmp_path):
    problems = Problems()
    g = glossary(tmp_path, problems)
    assert "cofre" not in [t.portuguese for t in g.terms]
    assert [str(p) for p in problems.warnings] == [f"{tmp_path / 'glossary.po'}:18: warning: glossary term 'cofre' has no English"]


def test_an_unreadable_glossary_is_a_warning_not_a_crash(tmp_path):
    path = tmp_path / "glossary.po"
    path.write_bytes(b'msgid "a\nmsgstr "b"\n\xff\xfe')
    problems = Problems()
    assert Glossary.load(path, problems).terms == []
    assert problems.warnings and str(problems.warnings[0]).startswith(f"{path}:1: warning: glossary not read")


def test_build_check_warns_with_the_segment_line_and_the_glossary_line(tmp_path):
    source = tmp_path / "artigo.md"
    source.write_text("# <a name=\"t\"></a>Teste\n\n## <a name=\"b\"></a>Backup\n\n"
                      "### <a name=\"usererrorx---x\"></a>UserErrorX - Falha no instantâneo\n\n"
                      "Código de erro: UserErrorX <br/>\nMensagem de erro: Falha no instantâneo.\n\n"
                      "* Reinstale a extensão.\n", encoding="utf-8")
    article = parse_article(source, Problems())
    po_path = tmp_path / "en" / "artigo.po"
    update_catalog(article, po_path)
    po = polib.pofile(str(po_path))
    english = {"entry:UserErrorX:title": "Snapshot failed", "entry:UserErrorX:message:0": "The copy failed.",
               "entry:UserErrorX:step:0": "Reinstall the extension.", "article:title": "Test",
               "category:b:title": "Backup"}
    for entry in po:
        entry.msgstr = english[entry.msgctxt]
    po.save(str(po_path))
    problems = Problems()
    assert check_glossary(article, Translations(article, po_path), glossary(tmp_path), problems) == 1
    (warning,) = [str(p) for p in problems.warnings]
    assert warning.startswith(f"{source}:7: warning: English of 'entry:UserErrorX:message:0' lacks 'snapshot'")
    assert f"{tmp_path / 'glossary.po'}:5" in warning


def test_project_glossary_is_read_whole_and_the_seed_follows_it():
    problems = Problems()
    g = Glossary.load(GLOSSARY, problems)
    assert problems.warnings == []
    assert len(g.terms) == len([e for e in polib.pofile(str(GLOSSARY)) if e.msgid])
    article = load_catalog([SEED], Problems()).articles[0]
    used = [t for t in g.terms if any(t.in_portuguese(s) for s in [_fold(e.msgid) for e in polib.pofile(str(SEED_PO))])]
    assert len(used) >= 15   # the glossary is about this knowledge base's words
    assert check_glossary(article, Translations(article, SEED_PO), g, problems) == 0, [str(p) for p in problems]


def _fold(text: str) -> str:
    from build_tools.l10n.glossary import fold

    return fold(text).replace("-", " ")
