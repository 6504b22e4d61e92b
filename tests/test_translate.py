"""The English catalogs: extraction, outdated (fuzzy) marking, coverage and the identifier check."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from build_tools.parse.article import parse_article
from build_tools.problems import Problems
from build_tools.parse.catalog import load_catalog
from build_tools.l10n.po_files import (
    Translations, check_identifiers, identifiers, report_coverage, segments, update_catalog,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source_pt" / "backup-azure-vms-troubleshoot.md"
SEED_PO = ROOT / "source_pt" / "translations" / "en" / "backup-azure-vms-troubleshoot.po"

ARTICLE = """\
---
title: Teste
---
# <a name="t"></a>Artigo de teste

## <a name="backup"></a>Backup

### <a name="usererrorx---x-failed"></a>UserErrorX - Falha em X

Código de erro: UserErrorX <br/>
Mensagem de erro: Falha em X.

Execute `vssadmin list writers` e verifique **/var/lib/waagent**.

* Primeiro passo
* Segundo passo
"""


def parse(text: str, tmp_path: Path, name: str = "artigo.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    article = parse_article(path, problems)
    assert article is not None, [str(p) for p in problems]
    return article


def test_segments_cover_titles_messages_paragraphs_and_list_items(tmp_path):
    article = parse(ARTICLE, tmp_path)
    keys = {s.key: s.text for s in segments(article)}
    assert keys["entry:UserErrorX:title"] == "Falha em X"
    assert keys["entry:UserErrorX:message:0"] == "Falha em X."
    assert keys["entry:UserErrorX:step:0"].startswith("Execute `vssadmin list writers`")
    assert keys["entry:UserErrorX:step:1"] == "Primeiro passo"
    assert keys["entry:UserErrorX:step:2"] == "Segundo passo"
    assert keys["category:backup:title"] == "Backup"


def test_new_catalog_prefills_english_from_anchor_slugs(tmp_path):
    article = parse(ARTICLE, tmp_path)
    po_path = tmp_path / "en" / "artigo.po"
    r = update_catalog(article, po_path)
    assert (r.added, r.outdated, r.obsolete) == (len(segments(article)), 0, 0)
    po = polib.pofile(str(po_path))
    title = next(e for e in po if e.msgctxt == "entry:UserErrorX:title")
    assert title.msgstr == "X failed"
    untranslated = next(e for e in po if e.msgctxt == "entry:UserErrorX:step:1")
    assert untranslated.msgstr == ""


def test_changed_portuguese_marks_english_outdated_not_silently_kept(tmp_path):
    article = parse(ARTICLE, tmp_path)
    po_path = tmp_path / "en" / "artigo.po"
    update_catalog(article, po_path)
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = entry.msgstr or f"EN {entry.msgctxt}"
    po.save(str(po_path))

    changed = parse(ARTICLE.replace("Primeiro passo", "Primeiro passo revisado"), tmp_path)
    r = update_catalog(changed, po_path)
    assert (r.added, r.outdated, r.obsolete) == (0, 1, 0)
    entry = next(e for e in polib.pofile(str(po_path)) if e.msgctxt == "entry:UserErrorX:step:1")
    assert "fuzzy" in entry.flags
    assert entry.previous_msgid == "Primeiro passo"
    assert entry.msgstr == "EN entry:UserErrorX:step:1"

    translations = Translations(changed, po_path)
    assert translations.get("entry:UserErrorX:step:1", "Primeiro passo revisado") == (
        "EN entry:UserErrorX:step:1", "outdated")
    problems = Problems()
    line = report_coverage(changed, translations, problems)
    total = len(segments(changed))
    assert f"{total - 1}/{total}" in line
    assert any("outdated" in str(p) and ":15:" in str(p) for p in problems.warnings)


def test_removed_segments_become_obsolete(tmp_path):
    article = parse(ARTICLE, tmp_path)
    po_path = tmp_path / "en" / "artigo.po"
    update_catalog(article, po_path)
    shorter = parse(ARTICLE.replace("* Segundo passo\n", ""), tmp_path)
    assert update_catalog(shorter, po_path).obsolete == 1
    assert [e.msgctxt for e in polib.pofile(str(po_path)) if e.obsolete] == ["entry:UserErrorX:step:2"]


def test_an_edited_source_without_a_catalog_update_counts_as_outdated(tmp_path):
    article = parse(ARTICLE, tmp_path)
    po_path = tmp_path / "en" / "artigo.po"
    update_catalog(article, po_path)
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = "EN"
    po.save(str(po_path))
    edited = parse(ARTICLE.replace("Segundo passo", "Segundo passo editado"), tmp_path)
    assert Translations(edited, po_path).get("entry:UserErrorX:step:2", "Segundo passo editado")[1] == "outdated"


def test_identifier_check_names_the_line_of_a_mangled_identifier(tmp_path):
    article = parse(ARTICLE, tmp_path)
    po_path = tmp_path / "en" / "artigo.po"
    update_catalog(article, po_path)
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = entry.msgid
    step = next(e for e in po if e.msgctxt == "entry:UserErrorX:step:0")
    step.msgstr = "Run `vssadmin list writer` and check **/var/lib/waagent**."
    po.save(str(po_path))
    problems = Problems()
    check_identifiers(article, Translations(article, po_path), problems)
    messages = [str(p) for p in problems]
    assert len(messages) == 1
    assert messages[0].startswith(f"{tmp_path / 'artigo.md'}:13: warning:")
    assert "'vssadmin list writers'" in messages[0]


@pytest.mark.parametrize("text, expected", [
    ("Execute ```vssadmin list writers```.", "vssadmin list writers"),
    ("a chave **HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft**", "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft"),
    ("o caminho **/var/lib/waagent** da política", "/var/lib/waagent"),
    ("Veja [o blog](https://example.org/a(b).aspx).", "https://example.org/a(b).aspx"),
    ("versão 2.6.1198.718 ou mais recente", "2.6.1198.718"),
    ("erro UserErrorFsFreezeFailed aqui", "UserErrorFsFreezeFailed"),
    ("pasta **C:\\WindowsAzure\\Packages**.", "C:\\WindowsAzure\\Packages"),
])
def test_identifiers_found_in_portuguese_text(text, expected):
    assert expected in identifiers(text)


def test_seed_is_fully_translated_and_keeps_every_identifier():
    problems = Problems()
    catalog = load_catalog([SEED], problems)
    article = catalog.articles[0]
    translations = Translations(article, SEED_PO)
    done, total = translations.coverage()
    assert total >= 190
    assert done == total
    check_identifiers(article, translations, problems)
    assert [str(p) for p in problems.warnings] == []


def test_translations_command_is_idempotent_on_the_seed(tmp_path):
    """`make translations` on an up-to-date catalog changes nothing."""
    source = tmp_path / "source_pt"
    (source / "translations" / "en").mkdir(parents=True)
    shutil.copy(SEED, source / SEED.name)
    shutil.copy(SEED_PO, source / "translations" / "en" / SEED_PO.name)
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "translations", "--source", str(source)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "0 new, 0 outdated, 0 obsolete" in result.stdout
    assert (source / "translations" / "en" / SEED_PO.name).read_text(encoding="utf-8") == SEED_PO.read_text(encoding="utf-8")
