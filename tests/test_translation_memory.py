"""Stable keys and the translation memory: what `make translations` does to new and renamed segments."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib

from build_tools.l10n.memory import NEAR_THRESHOLD, Memory, Unit, adapt, similarity
from build_tools.parse.article import parse_article
from build_tools.problems import Problems
from build_tools.l10n.po_files import Translations, segments, update_catalog

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source_pt" / "backup-azure-vms-troubleshoot.md"
SEED_PO = ROOT / "source_pt" / "translations" / "en" / "backup-azure-vms-troubleshoot.po"

TABLE = """\
# <a name="t"></a>Artigo de teste

## <a name="erros"></a>Erros comuns

| Detalhes do erro | Solução alternativa |
| ------ | --- |
| Código de erro: UserErrorX<br/> Mensagem de erro: Falha em X | Reinicie a VM. |
| A VM está em Estado de Provisionameto com Falha: <br>Reinicie a VM e verifique se ela está em execução. | Remova a extensão com falha e reinicie a máquina virtual. |
"""
OLD_ROW = "entry:a-vm-esta-em-estado-de-provisionameto-com-falha"
NEW_ROW = "entry:a-vm-esta-em-estado-de-provisionamento-com-falha"


def parse(text: str, folder: Path, name: str = "artigo.md"):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    article = parse_article(path, problems)
    assert article is not None, [str(p) for p in problems]
    return article


def translate_all(po_path: Path, english: dict[str, str], rest: bool = True) -> None:
    """Give the entries the English of ``english``, and the others (unless ``rest`` is false) a placeholder."""
    po = polib.pofile(str(po_path), wrapwidth=0)
    for entry in po:
        entry.msgstr = english.get(entry.msgctxt, f"EN {entry.msgid}" if rest else "")
    po.save(str(po_path))


def entry(po_path: Path, key: str) -> polib.POEntry:
    return next(e for e in polib.pofile(str(po_path), wrapwidth=0) if e.msgctxt == key and not e.obsolete)


# ---- stable keys ----------------------------------------------------------------------------------

def test_a_retitled_row_keeps_its_english_as_fuzzy_with_the_previous_text(tmp_path):
    article = parse(TABLE, tmp_path)
    po_path = tmp_path / "en" / "artigo.po"
    update_catalog(article, po_path)
    translate_all(po_path, {f"{OLD_ROW}:title": "The VM is in a failed provisioning state",
                            f"{OLD_ROW}:step:0": "Remove the failed extension and restart the virtual machine."})

    fixed = parse(TABLE.replace("Provisionameto", "Provisionamento"), tmp_path)
    assert f"{NEW_ROW}:title" in {s.key for s in segments(fixed)}   # the typo fix changed the row's keys
    report = update_catalog(fixed, po_path)
    assert (report.moved, report.obsolete) == (3, 0)

    title = entry(po_path, f"{NEW_ROW}:title")
    assert title.msgstr == "The VM is in a failed provisioning state"
    assert "fuzzy" in title.flags
    assert title.previous_msgid == "A VM está em Estado de Provisionameto com Falha"
    assert title.previous_msgctxt == f"{OLD_ROW}:title"
    step = entry(po_path, f"{NEW_ROW}:step:0")   # the same Portuguese under a new key: still reviewed
    assert step.msgstr == "Remove the failed extension and restart the virtual machine."
    assert "fuzzy" not in step.flags

    translations = Translations(fixed, po_path)
    assert translations.get(f"{NEW_ROW}:title", title.msgid)[1] == "outdated"
    assert translations.get(f"{NEW_ROW}:step:0", step.msgid)[1] == "ok"
    assert not any(e.obsolete for e in polib.pofile(str(po_path)))


def test_a_replaced_row_with_unrelated_text_does_not_inherit_english(tmp_path):
    article = parse(TABLE, tmp_path)
    po_path = tmp_path / "en" / "artigo.po"
    update_catalog(article, po_path)
    translate_all(po_path, {})
    other = TABLE.replace(
        "| A VM está em Estado de Provisionameto com Falha: <br>Reinicie a VM e verifique se ela está em execução. "
        "| Remova a extensão com falha e reinicie a máquina virtual. |",
        "| O cofre foi excluído: <br>Crie outro cofre. | Configure a proteção de novo no portal. |")
    report = update_catalog(parse(other, tmp_path), po_path)
    assert report.moved == 0 and report.obsolete == 3
    new_keys = [e for e in polib.pofile(str(po_path)) if not e.obsolete and e.msgctxt.startswith("entry:o-cofre")]
    assert new_keys and all(e.msgstr == "" for e in new_keys)


# ---- translation memory ---------------------------------------------------------------------------

FIRST = """\
# <a name="a"></a>Primeiro artigo

## <a name="backup"></a>Backup

### <a name="usererrora---a-failed"></a>UserErrorA - Falha em A

Código de erro: UserErrorA <br/>
Mensagem de erro: Falha em A.

* Reinicie o serviço do agente de VM e repita a operação de backup.
* Execute `vssadmin list writers` em um prompt de comandos com privilégios elevados para ver o estado dos gravadores.
* Verifique se a extensão VMSnapshot está instalada.
"""

SECOND = """\
# <a name="b"></a>Segundo artigo

## <a name="restauracao"></a>Restauração

### <a name="usererrorb---b-failed"></a>UserErrorB - Falha em B

Código de erro: UserErrorB <br/>
Mensagem de erro: Falha em B.

* Reinicie o serviço do agente de VM e repita a operação de backup.
* Execute `diskpart list volume` em um prompt de comandos com privilégios elevados para ver o estado dos gravadores.
* Abra o portal e exclua o cofre antigo.
"""


def run_translations(source: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_tools", "translations", "--source", str(source)],
                          cwd=ROOT, capture_output=True, text=True)


def test_make_translations_fills_a_new_article_from_every_catalog(tmp_path):
    source = tmp_path / "source_pt"
    source.mkdir()
    (source / "primeiro.md").write_text(FIRST, encoding="utf-8")
    assert run_translations(source).returncode == 0
    first_po = source / "translations" / "en" / "primeiro.po"
    translate_all(first_po, {
        "entry:UserErrorA:step:0": "Restart the VM Agent service and retry the backup operation.",
        "entry:UserErrorA:step:1": "Run `vssadmin list writers` from an elevated command prompt to see the state of the writers.",
    }, rest=False)

    (source / "segundo.md").write_text(SECOND, encoding="utf-8")
    result = run_translations(source)
    assert result.returncode == 0, result.stderr
    assert "translation memory: 1 exact, 1 fuzzy" in result.stdout
    second_po = source / "translations" / "en" / "segundo.po"

    exact = entry(second_po, "entry:UserErrorB:step:0")
    assert exact.msgstr == "Restart the VM Agent service and retry the backup operation."
    assert "fuzzy" not in exact.flags
    assert "primeiro.po entry:UserErrorA:step:0" in exact.comment

    near = entry(second_po, "entry:UserErrorB:step:1")
    assert "fuzzy" in near.flags
    assert near.msgstr == "Run `diskpart list volume` from an elevated command prompt to see the state of the writers."
    assert "primeiro.po entry:UserErrorA:step:1" in near.comment
    assert "vssadmin list writers → diskpart list volume" in near.comment
    assert near.previous_msgid.startswith("Execute `vssadmin list writers`")

    assert entry(second_po, "entry:UserErrorB:step:2").msgstr == ""   # nothing like it in the memory

    article = parse_article(source / "segundo.md", Problems())
    translations = Translations(article, second_po)
    assert translations.get("entry:UserErrorB:step:0", exact.msgid)[1] == "ok"
    assert translations.get("entry:UserErrorB:step:1", near.msgid)[1] == "suggested"
    counts = translations.counts()
    assert counts.translated >= 1 and counts.fuzzy == 1 and counts.total == len(segments(article))

    again = run_translations(source)   # a second run changes nothing
    assert "0 new, 0 outdated, 0 obsolete" in again.stdout.splitlines()[1]


def test_memory_prefers_the_english_most_entries_agree_on():
    memory = Memory([Unit("Repita a operação.", "Retry the operation.", "a.po k1"),
                     Unit("Repita a operação.", "Try again.", "a.po k2"),
                     Unit("Repita  a operação. ", "Retry the operation.", "b.po k3")])
    assert memory.exact("Repita a operação.").english == "Retry the operation."


def test_near_matches_below_the_threshold_are_not_suggested():
    memory = Memory([Unit("Reinicie a máquina virtual e tente novamente.", "Restart the VM and try again.", "x")])
    close = "Reinicie a máquina virtual e tente de novo."
    far = "Exclua o cofre e crie a política de backup outra vez."
    assert similarity(close, memory.units[0].portuguese) >= NEAR_THRESHOLD
    assert memory.nearest(close) is not None
    assert similarity(far, memory.units[0].portuguese) < NEAR_THRESHOLD
    assert memory.nearest(far) is None


def test_texts_that_differ_only_in_identifiers_are_equal_and_swapped():
    old = "O erro 320001 aparece em **C:\\Packages\\Old**."
    new = "O erro 400094 aparece em **C:\\Packages\\New**."
    assert similarity(old, new) == 1.0
    english, pairs = adapt("Error 320001 shows in **C:\\Packages\\Old**.", old, new)
    assert english == "Error 400094 shows in **C:\\Packages\\New**."
    assert pairs == [("320001", "400094"), ("C:\\Packages\\Old", "C:\\Packages\\New")]


def test_seed_catalog_feeds_the_memory_with_every_reviewed_segment():
    memory = Memory.from_catalogs([SEED_PO])
    po = polib.pofile(str(SEED_PO))
    assert len(memory) == len([e for e in po if e.msgstr and "fuzzy" not in e.flags])
    sample = next(e for e in po if e.msgctxt == "entry:UserErrorFsFreezeFailed:step:2")
    assert memory.exact(sample.msgid).english == sample.msgstr


def test_memory_fills_the_seed_from_itself_when_its_catalog_is_lost(tmp_path):
    """With the seed's catalog moved aside, every segment comes back exactly from the memory."""
    source = tmp_path / "source_pt"
    (source / "translations" / "en").mkdir(parents=True)
    shutil.copy(SEED, source / SEED.name)
    shutil.copy(SEED_PO, source / "translations" / "en" / "old-name.po")
    result = run_translations(source)
    assert result.returncode == 0, result.stderr
    article = parse_article(source / SEED.name, Problems())
    counts = Translations(article, source / "translations" / "en" / SEED_PO.name).counts()
    assert counts.translated + counts.fuzzy == counts.total
    assert counts.translated >= counts.total - 2
