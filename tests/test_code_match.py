"""The matching rule itself (build_tools/terminal/code_match.py): what each kind of input lands on, and what it costs."""

from __future__ import annotations

import time

import pytest

from build_tools.terminal.code_match import Table, number_values, resolve, spellings
from build_tools.terminal.code_suggest import suggest
from test_match_parity import SYNTHETIC

TABLE = Table.from_data(SYNTHETIC)
SEED = Table(
    {"usererrorfsfreezefailed": "errors/UserErrorFsFreezeFailed/", "extensionsnapshotfailedcom": "errors/ExtensionSnapshotFailedCOM/",
     "usererrorvmnotindesirablestate": "errors/UserErrorVmNotInDesirableState/", "320001": "errors/320001/",
     "400094": "errors/320001/", "usererrorfsfreezetimeout": "errors/UserErrorFsFreezeTimeout/"},
    ["UserErrorFsFreezeFailed", "ExtensionSnapshotFailedCOM", "UserErrorVmNotInDesirableState", "320001", "400094",
     "UserErrorFsFreezeTimeout"],
)


def target(table: Table, text: str):
    found = resolve(table, text)
    return found and found["target"]


@pytest.mark.parametrize("spelled", ["0x800706BE", "0X800706be", "800706BE", "-2147023170", "2147944126", "0x00800706BE"])
def test_every_spelling_of_a_number_lands_on_its_code(spelled):
    found = resolve(TABLE, spelled)
    assert found["target"] == "errors/0x800706BE/" and found["code"] == "0x800706BE" and found["relation"] == "same"
    assert found["via"] == ("code" if spelled.lower() == "0x800706be" else "number")


def test_an_hresult_finds_its_win32_error_and_the_reverse():
    assert resolve(TABLE, "0x80070057") == {**resolve(TABLE, "0x80070057"), "code": "87", "relation": "win32"}
    assert resolve(TABLE, "-2147024809")["code"] == "87"
    assert resolve(TABLE, "5") == {**resolve(TABLE, "5"), "code": "0x80070005", "relation": "hresult"}
    assert resolve(TABLE, "0x5")["code"] == "0x80070005"
    assert spellings("0x80070005") == ["2147942405", "-2147024891", "Win32 5"]
    assert spellings("87") == ["0x00000057", "HRESULT 0x80070057"]


def test_only_documented_codes_resolve():
    assert resolve(TABLE, "0x800706BF") is None
    assert resolve(TABLE, "6") is None
    assert number_values("12345678901") == [] and number_values("0x123456789") == []


def test_small_numbers_in_running_text_count_only_as_written():
    """``line 5`` in a log is not Win32 error 5; ``0x80070005`` in it is that HRESULT."""
    assert resolve(TABLE, "failed at line 5") is None
    assert resolve(TABLE, "failed with 0x80070005 at line 5")["code"] == "0x80070005"
    assert resolve(TABLE, "exit code 87")["code"] == "87"


def test_an_envelope_lands_on_its_innermost_known_code_and_says_which():
    text = '{"error":{"code":"DeploymentFailed","details":[{"code":"VM_NOT_RUNNING","message":"BACKUP_FAILED_QUOTA"}]}}'
    found = resolve(TABLE, text)
    assert (found["code"], found["via"]) == ("VM_NOT_RUNNING", "json")
    assert found["found"] == ["DeploymentFailed", "VM_NOT_RUNNING", "BACKUP_FAILED_QUOTA"]
    nested = '{"error":{"code":"DeploymentFailed","message":"{\\"error\\":{\\"code\\":\\"0x80070005\\"}}"}}'
    assert resolve(TABLE, "ERROR: " + nested)["code"] == "0x80070005"


def test_cli_output_lands_on_the_inner_error():
    text = ("ERROR: (DeploymentFailed) failed.\nCode: DeploymentFailed\nException Details:\t(VM_NOT_RUNNING) x\n"
            "\tCode: VM_NOT_RUNNING")
    assert resolve(TABLE, text)["code"] == "VM_NOT_RUNNING"
    assert resolve(TABLE, "DeploymentFailed then VM_NOT_RUNNING")["code"] == "DeploymentFailed"


def test_unknown_codes_never_land_on_another_code():
    """The header search once opened ExtensionSnapshotFailedCOM for this: now nothing resolves, and it is suggested."""
    assert resolve(SEED, "ExtensionSnapshotFailedNoNetwork") is None
    assert "ExtensionSnapshotFailedCOM" in suggest(SEED, "ExtensionSnapshotFailedNoNetwork")
    assert resolve(SEED, "log: UserErrorGuestAgentStatusUnavailable at 10:00") is None


def test_typos_suggest_the_closest_codes_first():
    assert suggest(SEED, "UserErrorFsFreezFailed")[0] == "UserErrorFsFreezeFailed"
    assert suggest(SEED, "usererrorfsfreezefalied")[0] == "UserErrorFsFreezeFailed"
    assert suggest(SEED, "32001") == ["320001"]
    assert suggest(SEED, "snapshot network") == []


@pytest.mark.parametrize("hostile", ["constructor", "__proto__", "toString", "#hasOwnProperty"])
def test_names_of_object_members_are_plain_unknown_text(hostile):
    assert resolve(SEED, hostile) is None
    assert resolve(TABLE, hostile) is None


def test_cost_grows_linearly_with_the_text():
    """16,000 and 64,000 backticks, dots, brackets and words: four times the text, about four times the time."""
    for unit in ("`", ".", "{", "- ", "UserError "):
        small, large = unit * 16000, unit * 64000
        costs = []
        for text in (small, large):
            runs = []
            for _ in range(3):  # the best of three: a busy machine only ever adds time
                start = time.perf_counter()
                resolve(SEED, text)
                suggest(SEED, text)
                runs.append(time.perf_counter() - start)
            costs.append(min(runs))
        assert costs[1] < 10 * max(costs[0], 0.005), (unit, costs)
