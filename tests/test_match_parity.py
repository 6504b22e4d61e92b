"""Python and the browser agree on which known code a text means, and on the closest codes.

``build_tools/terminal/code_match.py`` is the matching rule; ``assets/kb-match.js`` is the
browser's copy that the header search, ``go/``, ``404.html`` and the error pages
use. Several hundred inputs (codes in every case, typos, log lines, Azure error
envelopes, PowerShell records, CLI output, every spelling of a number, hostile
text) go through both, in Chromium on the built site, against the site's own code
table and against a table of number, hex and UPPER_SNAKE codes, and the answers
must be identical.
"""

from __future__ import annotations

import json

import pytest

from build_tools.terminal.code_match import Table, code_shaped, codes_in, resolve
from build_tools.terminal.code_suggest import suggest

pytestmark = pytest.mark.browser

SYNTHETIC = {
    "codes": {
        "0x800706be": "errors/0x800706BE/", "0x80070005": "errors/0x80070005/", "0x1fc07": "errors/0x1FC07/",
        "87": "errors/87/", "8007000e": "errors/8007000E/", "-2146232828": "errors/-2146232828/",
        "vm_not_running": "errors/VM_NOT_RUNNING/", "backup_failed_quota": "errors/BACKUP_FAILED_QUOTA/",
        "usererrorvmprovisioningstatefailed": "errors/UserErrorVmProvisioningStateFailed/",
        "deploymentfailed": "errors/DeploymentFailed/", "000123": "errors/000123/",
        "bmsusererrorcontainerobjectnotfound": "errors/BMSUserErrorContainerObjectNotFound/",
        "retiredcode": "errors/UserErrorVmProvisioningStateFailed/", "constructorfailed": "errors/ConstructorFailed/",
    },
    "entries": {
        "errors/0x800706BE/": {"c": ["0x800706BE"], "t": ["RPC", "RPC"]},
        "errors/0x80070005/": {"c": ["0x80070005"], "t": ["Acesso", "Access"]},
        "errors/0x1FC07/": {"c": ["0x1FC07"], "t": ["x", "x"]},
        "errors/87/": {"c": ["87"], "t": ["x", "x"]},
        "errors/8007000E/": {"c": ["8007000E"], "t": ["x", "x"]},
        "errors/-2146232828/": {"c": ["-2146232828"], "t": ["x", "x"]},
        "errors/VM_NOT_RUNNING/": {"c": ["VM_NOT_RUNNING"], "t": ["x", "x"]},
        "errors/BACKUP_FAILED_QUOTA/": {"c": ["BACKUP_FAILED_QUOTA"], "t": ["x", "x"]},
        "errors/UserErrorVmProvisioningStateFailed/": {"c": ["UserErrorVmProvisioningStateFailed"], "t": ["x", "x"]},
        "errors/DeploymentFailed/": {"c": ["DeploymentFailed"], "t": ["x", "x"]},
        "errors/000123/": {"c": ["000123"], "t": ["x", "x"]},
        "errors/BMSUserErrorContainerObjectNotFound/": {"c": ["BMSUserErrorContainerObjectNotFound"], "t": ["x", "x"]},
        "errors/ConstructorFailed/": {"c": ["ConstructorFailed"], "t": ["x", "x"]},
    },
    "anchors": {"backup": "categories/backup/", "linux-vms": "topics/vm-agent/#linux-vms"},
}

HOSTILE = [
    "", " ", "#", "constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype", "#constructor",
    "{}", "[]", "{", "}", "null", "true", "0", "-0", "00", "0x", "0x0", "-", "--", ".", "..", "a.b.c", "`" * 16000,
    "{" * 2000 + "}" * 2000, '{"code":' * 100 + '"x"' + "}" * 100, '{"code": NaN}', '{"code": 1e400}',
    '{"code": 5.0}', '{"code": 9007199254740993}', '{"code": true}', '{"__proto__": {"code": "x"}}',
    "\u202e\u0000\x1b[2J", "ção", "Ǆ", "İstanbul", "\ufeffUserErrorFsFreezeFailed", "\u00a0 87 \u3000",
    "x" * 5000, "-" * 3000 + "1", "." * 4000 + "x", "0x" + "0" * 300 + "5", "9" * 40, "-2147483649", "4294967296",
    "4294967295", "-2147483648", "2147483648",
]


def mutations(code: str) -> list[str]:
    """The typing slips of one code: case, a dropped, doubled and swapped letter, in text, in JSON."""
    middle = len(code) // 2
    out = [code, code.lower(), code.upper(), f" {code} ", f"#{code}", code[:middle] + code[middle + 1:],
           code[:middle] + code[middle] + code[middle:], code[:middle - 1] + code[middle] + code[middle - 1] + code[middle + 1:],
           code + "x", code[:-3], f"Error {code}: the operation failed.", f"(Code:{code})",
           f'{{"error":{{"code":"DeploymentFailed","message":"x","details":[{{"code":"{code}","message":"y"}}]}}}}']
    return out


def envelopes() -> list[str]:
    return [
        '{"error":{"code":"DeploymentFailed","details":[{"code":"UserErrorFsFreezeFailed"}]}}',
        '{"status":"Failed","error":{"code":"DeploymentFailed","message":"At least one resource deployment operation '
        'failed.","details":[{"code":"Conflict","message":"{\\"error\\":{\\"code\\":\\"UserErrorVmProvisioningState'
        'Failed\\",\\"message\\":\\"The VM is in a failed state\\"}}"}]}}',
        "ERROR: {\"error\": {\"code\": \"BadRequest\", \"innerError\": {\"code\": \"0x800706BE\"}}}",
        '{"code": 87}', '{"code": -2147024891}', '{"errorCode": "vm_not_running"}', '{"code": "  320001  "}',
        '{"b": {"code": "400094"}, "a": {"code": "320001"}}', '{"error": {"message": "Failed with 0x80070005"}}',
        "ERROR: (DeploymentFailed) At least one resource deployment operation failed.\nCode: DeploymentFailed\n"
        "Message: At least one resource deployment operation failed.\nException Details:\t(UserErrorFsFreezeFailed) "
        "Failed to freeze.\n\tCode: UserErrorFsFreezeFailed",
        "Backup-AzRecoveryServicesBackupItem : Operation failed. ErrorCode: UserErrorGuestAgentStatusUnavailable\n"
        "At line:1 char:1\n+ Backup-AzRecoveryServicesBackupItem -Item $item\n"
        "    + CategoryInfo          : InvalidOperation: (:) [Backup-AzRecoveryServicesBackupItem], CloudException\n"
        "    + FullyQualifiedErrorId : Microsoft.Azure.Commands.RecoveryServices.Backup.Cmdlets.BackupItem",
        "Set-AzVMExtension : Long running operation failed with status 'Failed'. ErrorCode: VMAgentStatusCommunicationError"
        "\nErrorMessage: VM has reported a failure. ExtensionSnapshotFailedCOM",
        "2026-11-30T10:00:01Z ERROR [backup] job 42 failed: ExtensionSnapshotFailedNoNetwork (UserErrorGuestAgentStatusUnavailable)",
        "Win32 error 5", "HRESULT 0x80070005", "error -2147023170 then 0x8007000E", "inner 87 details 2147944126",
    ]


AUTOLINK = ["(UserErrorVmNotInDesirableState), ExtensionInstallationFailedMDTC; código-320001.",
            "XUserErrorFsFreezeFailed, UserErrorFsFreezeFailedX, 3200011, 1320001, é320001, 320001_b, usererrorfsfreezefailed",
            "...UserErrorFsFreezeFailed... and .320001. and 87-0x800706BE-VM_NOT_RUNNING", "a.-2147023170.b"]

NUMBERS = ["0x800706BE", "0X800706be", "800706BE", "-2147023170", "2147944126", "0x0000800706BE", "0x800706BF",
           "1726", "0x6BE", "5", "0x5", "000005", "0x80070005", "80070005", "-2147024891", "2147942405", "87",
           "0x57", "0x80070057", "-2147024809", "0x1FC07", "130055", "1fc07", "8007000E", "0x8007000e",
           "2147942414", "-2147024882", "14", "123", "0123", "000123", "-2146232828", "0x80131904", "2148734468",
           "320001", "0320001", "0x4E201", "400094", "3200001"]


def inputs(table_data: dict) -> list[str]:
    written = [c for e in table_data["entries"].values() for c in e["c"]]
    out = [*HOSTILE, *envelopes(), *NUMBERS, *AUTOLINK]
    for code in written:
        out += mutations(code)
    out += ["snapshot network", "freeze", "backup extension", "UserErrorFsFreezFailed", "ExtensionSnapshotFailedNoNetwork",
            "UserErrorGuestAgentStatusUnavailable", "VM_NOT_RUNING", "BACKUP_FAILED", "UserErrorVmProvisioningState",
            "BMSUserErrorContainerNotFound", "backup", "linux-vms", "#linux-vms", "Linux-VMs", "tune2fs", "waagent 2.6",
            "ExtensionFailed", "UserErrorVm", "UserError", "Failed", "Extension"]
    return list(dict.fromkeys(out))


@pytest.fixture(scope="module")
def page(browser, base_url):
    page = browser.new_page()
    page.goto(base_url)
    page.wait_for_function("window.KBMatch !== undefined")
    yield page
    page.close()


def site_table(site_dir) -> dict:
    text = (site_dir / "assets" / "kb-data.js").read_text("utf-8")
    return json.loads(text[text.index("{"):text.rindex("}") + 1])


def browser_answers(page, data: dict, queries: list[str]) -> list:
    return page.evaluate(
        """([data, queries]) => {
            const table = KBMatch.table(data);
            return queries.map(q => [KBMatch.resolve(table, q), KBMatch.suggest(table, q), KBMatch.codeShaped(q),
                                     KBMatch.codesIn(table, q).map(([start, end, key]) => [q.slice(start, end), key])]);
        }""",
        [data, queries],
    )


@pytest.mark.parametrize("which", ["site", "synthetic"])
def test_python_and_browser_resolve_and_suggest_alike(page, site_dir, which):
    data = site_table(site_dir) if which == "site" else SYNTHETIC
    queries = inputs(data)
    assert len(queries) >= 200
    table = Table.from_data(data)
    python = [[resolve(table, q), suggest(table, q), code_shaped(q), [[q[a:b], key] for a, b, key in codes_in(table, q)]]
              for q in queries]
    browser = browser_answers(page, data, queries)
    differences = [(q, p, b) for q, p, b in zip(queries, python, browser) if p != b]
    assert not differences, differences[:5]
    # the inputs exercise every way of finding a code, and not-found with and without suggestions
    vias = {answer[0]["via"] for answer in python if answer[0]}
    assert vias >= ({"code", "anchor", "json", "text", "number"} if which == "synthetic" else {"code", "anchor", "json", "text"})
    assert any(answer[0] is None and answer[1] for answer in python)
    assert any(answer[0] is None and not answer[1] for answer in python)
    assert {answer[2] for answer in python} == {True, False}
    assert sum(1 for answer in python if answer[3]) > 50
    if which == "synthetic":
        relations = {answer[0]["relation"] for answer in python if answer[0]}
        assert relations == {"same", "win32", "hresult"}
