"""The identifier check: what counts as an identifier, and the warning when the English loses one."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from build_tools.l10n.identifiers import check_identifiers, find_identifiers, identifiers, missing_identifiers
from build_tools.parse.article import parse_article
from build_tools.problems import Problems
from build_tools.l10n.po_files import Translations, update_catalog

ARTICLE = """\
# <a name="t"></a>Artigo de teste

## <a name="backup"></a>Backup

### <a name="usererrorx---x-failed"></a>UserErrorX - Falha em X

Código de erro: UserErrorX <br/>
Mensagem de erro: Falha em X.

* Desmonte o dispositivo usando o **unmount** comando e execute o comando **'fsck'**.
* Execute **Get-AzVM -ResourceGroupName "rg"** e guarde o resultado em $vm.
"""


@pytest.mark.parametrize("text, expected, kind", [
    ("usando o **tune2fs** comando", "tune2fs", "name"),
    ("usando o comando **'fsck'**.", "fsck", "command"),
    ("o comando **umount** desmonta", "umount", "command"),
    ("execute **MSIEXEC /UNREGISTER** em seguida", "MSIEXEC /UNREGISTER", "command"),
    ("execute 'net stop vss /y' no servidor", "net stop vss /y", "command"),
    ("Execute Set-AzVMExtension para reinstalar", "Set-AzVMExtension", "PowerShell cmdlet"),
    ("guarde o resultado em $deployment.DnsSettings", "$deployment.DnsSettings", "PowerShell variable"),
    ("use o parâmetro -ResourceGroupName do cmdlet", "-ResourceGroupName", "flag"),
    ("com a opção --force ativa", "--force", "flag"),
    ("instale vcredist2012_x64.<br/>", "vcredist2012_x64", "name"),
    ("geralmente terminando em **.cloudapp.net**.", ".cloudapp.net", "host name"),
    ("acesse management.azure.com pela porta 443", "management.azure.com", "host name"),
    ("adicione **SchUseStrongCrypto\"=dword:00000001**.", 'SchUseStrongCrypto"=dword:00000001', "command"),
    ("um valor REG_DWORD igual a 1", "REG_DWORD", "registry value"),
    ("defina dword:00000001 na chave", "dword:00000001", "registry value"),
    ("execute **regedit.exe** no modo elevado", "regedit.exe", "file name"),
    ("a pasta **/var/lib/waagent** da política", "/var/lib/waagent", "path"),
    ("copie **MachineKeys** para", "MachineKeys", "command"),
])
def test_identifier_kinds(text, expected, kind):
    found = {i.value: i.kind for i in find_identifiers(text)}
    assert expected in found, found
    assert found[expected] == kind


@pytest.mark.parametrize("text", [
    "Abra **Configurações** e escolha **Todos**.",
    "Certifique -se de que a VM está em execução.",          # a detached clitic is not a flag
    "Clique em **Excluir** e depois em **Salvar**.",
    'Procure a mensagem "não foi possível concluir" no log.',
    "**Etapa 2**: Tente alterar o agendamento de backup.",
    "Veja a seção **Extensões** da VM - e repita.",
])
def test_portuguese_words_in_bold_or_quotes_are_not_identifiers(text):
    assert identifiers(text) == []


def test_identifiers_come_in_text_order_without_pieces_of_longer_ones():
    text = "Execute **net start COMSysApp** e depois `vssadmin list writers` (erro 320001)."
    assert identifiers(text) == ["net start COMSysApp", "vssadmin list writers", "320001"]


def test_a_correction_comment_lets_the_english_repair_a_garbled_identifier():
    pt = "Desmonte usando o **unmount** comando."
    assert [i.value for i in missing_identifiers(pt, "Unmount by using the **umount** command.")] == ["unmount"]
    assert missing_identifiers(pt, "Unmount by using the **umount** command.", "corrected: unmount → umount") == []
    assert missing_identifiers(pt, "Unmount by using the **umount** command.", "corrected: unmount -> umount") == []
    # The correction names what the English must then say.
    assert [i.value for i in missing_identifiers(pt, "Unmount the device.", "corrected: unmount → umount")] == ["unmount"]


def _catalog(tmp_path: Path, english: dict[str, str], comments: dict[str, str] | None = None):
    path = tmp_path / "artigo.md"
    path.write_text(ARTICLE, encoding="utf-8")
    article = parse_article(path, Problems())
    po_path = tmp_path / "en" / "artigo.po"
    update_catalog(article, po_path)
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = english.get(entry.msgctxt, entry.msgid)
        entry.tcomment = (comments or {}).get(entry.msgctxt, "")
    po.save(str(po_path))
    problems = Problems()
    check_identifiers(article, Translations(article, po_path), problems)
    return [str(p) for p in problems.warnings], path


STEP0 = "Unmount the device by using the **umount** command and run the **'fsck'** command."
STEP1 = 'Run **Get-AzVM -ResourceGroupName "rg"** and keep the result in $vm.'


def test_warning_names_the_line_the_segment_and_the_identifier(tmp_path):
    warnings, path = _catalog(tmp_path, {
        "entry:UserErrorX:step:0": STEP0.replace("**'fsck'**", "**'fcsk'**"),
        "entry:UserErrorX:step:1": STEP1.replace("Get-AzVM -ResourceGroupName", "Get-AzVM -ResourceGroup"),
    }, {"entry:UserErrorX:step:0": "corrected: unmount → umount"})
    assert len(warnings) == 2, warnings
    assert warnings[0].startswith(f"{path}:10: warning: English of 'entry:UserErrorX:step:0' lacks the command 'fsck'")
    assert warnings[1].startswith(f"{path}:11: warning: English of 'entry:UserErrorX:step:1' lacks the command "
                                  "'Get-AzVM -ResourceGroupName \"rg\"'")


def test_a_faithful_english_gives_no_warning(tmp_path):
    warnings, _ = _catalog(tmp_path, {"entry:UserErrorX:step:0": STEP0, "entry:UserErrorX:step:1": STEP1},
                           {"entry:UserErrorX:step:0": "corrected: unmount → umount"})
    assert warnings == []


def test_a_repair_without_its_comment_is_reported(tmp_path):
    warnings, path = _catalog(tmp_path, {"entry:UserErrorX:step:0": STEP0, "entry:UserErrorX:step:1": STEP1})
    assert len(warnings) == 1
    assert "'unmount'" in warnings[0] and "corrected: unmount → ..." in warnings[0]
