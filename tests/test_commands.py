"""Commands, paths, registry keys and values render as code; long codes break only between their humps."""

from __future__ import annotations

import re

import pytest

from build_tools.pages.commands import command_text, is_command
from build_tools.pages.html import Linker, code_wbr, inline

LINKER = Linker("errors/X/")


@pytest.mark.parametrize("text", [
    "tune2fs", "'fsck'", "unmount", "regedit.exe", "MSIEXEC /REGISTER", "WaAppAgent.exe",
    "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft", "HKLM\\SYSTEM", "C:\\WindowsAzure\\Packages",
    "%systemdrive%\\programdata\\microsoft\\crypto\\rsa\\machinekeys", "/var/lib/waagent",
    'SchUseStrongCrypto"=dword:00000001', "-net start COMSysApp", ".cloudapp.net",
    '$deployment = Get-AzureDeployment -ServiceName "s"', "icacls %systemdrive%\\x",
])
def test_commands_paths_keys_and_values_are_recognised(text):
    assert is_command(text)


@pytest.mark.parametrize("text", [
    "Todos", "Propriedades", "[1] Estável", "3", "or", "MachineKeys", "serviço de rede",
    "Essa unidade essa bloqueada pela Criptografia de Unidade de Disco BitLocker.", "Etapa 1",
    "/ barra", "Máquina Virtual",
])
def test_words_in_bold_that_are_not_commands_stay_bold(text):
    assert not is_command(text)
    assert inline(f"**{text}**", LINKER) == f"<strong>{text}</strong>"


def test_the_seed_tune2fs_step_reads_as_a_working_command_in_both_languages():
    pt = r"por exemplo **tune2fs -l/dev/sdb1 \\** .\| grep **deestadodosistemadearquivos**."
    en = r"for example **tune2fs -l /dev/sdb1 \\** .| grep **Filesystem state**."
    for text in (pt, en):
        out = inline(text, LINKER)
        assert '<code>tune2fs -l /dev/sdb1 | grep "Filesystem state"</code>.' in out, out
        assert "deestado" not in out and "<strong>" not in out


def test_plain_paths_and_registry_keys_become_code_and_links_stay_links():
    out = inline(r"Navegue até C:\Packages\Plugins\Microsoft.Azure.RecoveryServices.VMSnapshot\agentVersion and "
                 r"install. Veja /etc/azure/vmbackup.conf. [texto C:\x](https://example.org/a)", LINKER)
    assert r"<code>C:\Packages\Plugins\Microsoft.Azure.RecoveryServices.VMSnapshot\agentVersion</code> and" in out
    assert "<code>/etc/azure/vmbackup.conf</code>." in out
    assert re.search(r'<a href="https://example.org/a"[^>]*>texto C:\\x</a>', out)


def test_bold_commands_become_code_without_their_quotes():
    out = inline("usando o comando **'tune2fs'** e **MSIEXEC /UNREGISTER** e **Todos**", LINKER)
    assert out == "usando o comando <code>tune2fs</code> e <code>MSIEXEC /UNREGISTER</code> e <strong>Todos</strong>"


def test_two_powershell_statements_on_one_line_are_separated():
    text = '$deployment = Get-AzureDeployment -Slot "Production"     Get-AzureDns -DnsSettings $deployment.DnsSettings'
    assert command_text(text) == ('$deployment = Get-AzureDeployment -Slot "Production"; '
                                  "Get-AzureDns -DnsSettings $deployment.DnsSettings")


def test_markup_inside_a_command_is_escaped():
    assert inline(r"**grep a\<b\>**", LINKER) == "<code>grep a&lt;b&gt;</code>"


def test_long_lines_are_linear():
    """A long line of path-like text takes about as long per character as a short one (no backtracking)."""
    import time

    def cost(n: int) -> float:
        text = ("C:\\" + "a\\" * n + " ") * 3 + "/var/" + "x/" * n
        start = time.perf_counter()
        inline(text, LINKER)
        return time.perf_counter() - start

    small, large = cost(2_000), cost(20_000)
    assert large < small * 40  # 10x the text: linear is ~10x; quadratic would be ~100x


@pytest.mark.parametrize("code,parts", [
    ("CopyingVHDsFromBackUpVaultTakingLongTime", ["Copying", "VHDs", "From", "Back", "Up", "Vault", "Taking", "Long", "Time"]),
    ("UserErrorFsFreezeFailed", ["User", "Error", "Fs", "Freeze", "Failed"]),
    ("vcredist2012_x64", ["vcredist2012_", "x64"]),
    ("Microsoft.Azure", ["Microsoft.", "Azure"]),
    ("320001", ["320001"]),
    ("A<b>", ["A&lt;b&gt;"]),
])
def test_codes_break_only_between_humps(code, parts):
    assert code_wbr(code).split("<wbr>") == parts
