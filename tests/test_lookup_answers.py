"""What ``lookup.py`` answers, run in a shell inside the unzipped bundle: languages, typos, pasted errors,
number spellings, JSON, exit statuses, and input that tries to steer the terminal or stall the tool."""

from __future__ import annotations

import json
import re
import time

import pytest

from test_lookup import error, feed, run  # noqa: F401 (feed is a fixture)


def record(ident: str, codes: list[str], title: str, paragraph: str = "Texto.", **extra) -> dict:
    return {"id": ident, "url": f"errors/{ident}.html", "codes": codes, "title": {"pt-BR": title, "en": title},
            "messages": [{"code": codes[0] if codes else None, "text": {"pt-BR": title, "en": None}}],
            "details": [], "links": [], "category": {"title": {"pt-BR": "Backup", "en": "Backup"}},
            "resolution": {"pt-BR": [{"kind": "paragraph", "line": 1, "text": paragraph}], "en": []}, **extra}


def write(tmp_path, errors: list[dict]) -> str:
    codes = {c.lower(): e["url"] for e in errors for c in e["codes"]}
    path = tmp_path / "errors.json"
    path.write_text(json.dumps({"codes": codes, "errors": errors}), encoding="utf-8")
    return str(path)


# ---- language -----------------------------------------------------------------------


@pytest.mark.parametrize("env, english", [
    ({"LANG": "en_US.UTF-8"}, True), ({"LANG": "pt_BR.UTF-8"}, False), ({"LANG": "C.UTF-8"}, False),
    ({"LANG": "pt_BR.UTF-8", "LC_ALL": "en_GB.UTF-8"}, True), ({"LANG": "en_US.UTF-8", "LC_ALL": "pt_PT"}, False),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "pt_BR"}, False),
])
def test_the_language_follows_the_environment(bundle_dir, env, english):
    result = run(bundle_dir, "UserErrorFsFreezeFailed", **env)
    assert result.returncode == 0
    assert ("Error code: UserErrorFsFreezeFailed" in result.stdout) is english
    assert ("Código de erro: UserErrorFsFreezeFailed" in result.stdout) is not english


def test_lang_option_wins_over_the_environment(bundle_dir):
    assert "Código de erro:" in run(bundle_dir, "--lang", "pt-BR", "UserErrorFsFreezeFailed", LANG="en_US.UTF-8").stdout
    assert "Error code:" in run(bundle_dir, "--lang", "en", "UserErrorFsFreezeFailed", LC_ALL="pt_BR.UTF-8").stdout


# ---- not found, typos, pasted text ---------------------------------------------------------


def test_a_typo_fails_with_the_closest_codes_on_stderr(bundle_dir):
    result = run(bundle_dir, "UserErrorFsFreezFailed", LANG="en_US.UTF-8")
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert "“UserErrorFsFreezFailed” is not in this knowledge base." in lines
    closest = lines[lines.index("Closest codes:") + 1]
    assert closest.split()[0] == "UserErrorFsFreezeFailed"
    assert any(line.startswith("This knowledge base covers 34 errors") for line in lines)
    assert "https://learn.microsoft.com/search/?terms=UserErrorFsFreezFailed" in result.stderr


def test_an_unknown_code_in_a_log_line_never_prints_another_error(bundle_dir):
    result = run(bundle_dir, "2026-11-30 ERROR backup failed: UserErrorGuestAgentStatusUnavailable (VM agent)",
                 LANG="en_US.UTF-8")
    assert result.returncode == 1
    assert "is not in this knowledge base" not in result.stderr  # a log line is not echoed as if it were a code
    assert "No error matches “2026-11-30 ERROR" in result.stderr and "Traceback" not in result.stderr
    assert not re.search(r"^=+$", result.stdout, re.M)  # no error printed in full: at most the word results, listed
    assert re.match(r"\d+ errors? match", result.stdout)


def test_words_that_no_error_holds_together_list_the_closest_errors(bundle_dir):
    result = run(bundle_dir, "snapshot network", LANG="en_US.UTF-8")
    assert result.returncode == 0
    assert re.match(r"\d+ errors match “snapshot network”:", result.stdout)
    assert " 1. ExtensionFailedTimeoutVMNetworkUnresponsive" in result.stdout.splitlines()


def test_a_pasted_envelope_prints_its_innermost_known_code_and_says_so(bundle_dir):
    envelope = json.dumps({"error": {"code": "DeploymentFailed", "message": "ExtensionSnapshotFailedCOM happened",
                                     "details": [{"code": "UserErrorFsFreezeFailed", "message": "x"}]}})
    result = run(bundle_dir, "--lang", "en", envelope)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "UserErrorFsFreezeFailed"
    assert "Code found in the text: UserErrorFsFreezeFailed (the innermost of 2 known codes: " in result.stderr


def test_every_spelling_of_a_documented_number(bundle_dir, tmp_path):
    path = write(tmp_path, [record("0x800706BE", ["0x800706BE"], "RPC indisponível"),
                            record("87", ["87"], "Parâmetro incorreto")])
    for spelled in ("0x800706BE", "800706be", "-2147023170", "2147944126", "0x00800706BE"):
        result = run(bundle_dir, "--lang", "en", "--data", path, "--", spelled)
        assert result.returncode == 0, (spelled, result.stderr)
        assert result.stdout.splitlines()[0] == "0x800706BE"
    wrapped = run(bundle_dir, "--lang", "en", "--data", path, "0x80070057")
    assert wrapped.stdout.splitlines()[0] == "87"
    assert "0x80070057 is an HRESULT that wraps Win32 error 87" in wrapped.stderr
    assert run(bundle_dir, "--data", path, "0x800706BF").returncode == 1


# ---- output shapes and exit statuses ------------------------------------------------------------


def test_json_output(bundle_dir, feed):
    found = run(bundle_dir, "--json", "usererrorfsfreezefailed")
    assert found.returncode == 0
    document = json.loads(found.stdout)
    assert document["status"] == "found" and document["match"]["code"] == "UserErrorFsFreezeFailed"
    assert document["errors"] == [error(feed, "UserErrorFsFreezeFailed")]
    listed = json.loads(run(bundle_dir, "--json", "snapshot").stdout)
    assert [r["number"] for r in listed["results"]] == list(range(1, len(listed["results"]) + 1))
    missing = run(bundle_dir, "--json", "UserErrorFsFreezFailed")
    assert missing.returncode == 1
    assert json.loads(missing.stdout)["suggestions"][0] == "UserErrorFsFreezeFailed"


@pytest.mark.parametrize("args, status", [
    (["UserErrorFsFreezeFailed"], 0), (["freeze"], 0), (["NoSuchBackupErrorAnywhere"], 1), ([], 2),
    (["--lang", "fr", "x"], 2), (["--width", "many", "x"], 2), (["--nonsense", "x"], 2),
])
def test_exit_statuses(bundle_dir, args, status):
    result = run(bundle_dir, *args)
    assert result.returncode == status
    assert "Traceback" not in result.stderr


def test_links_to_other_articles_are_absolute_urls(bundle_dir, feed):
    entry = next(e for e in feed["errors"] if any(l["kind"] == "article" for l in e["links"]))
    link = next(l for l in entry["links"] if l["kind"] == "article")
    out = run(bundle_dir, "--lang", "en", entry["id"]).stdout
    name, _, anchor = link["target"].partition("#")
    assert f"https://learn.microsoft.com/azure/backup/{name[:-3]}#{anchor}" in out
    assert ".md" not in out.split("\nLinks\n", 1)[1].split("\n\n", 1)[0]


def test_commands_are_never_wrapped(bundle_dir, tmp_path):
    command = "sudo waagent -deprovision+user -force && az vm generalize --name myVM --resource-group myRG"
    path = write(tmp_path, [record("CmdError", ["CmdError"], "Comando", f"Execute `{command}` e repita a operação.")])
    result = run(bundle_dir, "--data", path, "--width", "40", "CmdError")
    assert result.returncode == 0
    assert any(command in line for line in result.stdout.splitlines())
    prose = [line for line in result.stdout.splitlines() if command not in line]
    assert all(len(line) <= 40 for line in prose if " " in line.strip())


# ---- hostile input (hardening: terminal escapes, regex cost, tampered data) -------------------------


def test_control_characters_are_shown_not_sent_to_the_terminal(bundle_dir, tmp_path):
    hostile = "Falha \x1b]0;pwned\x07 \x1b[2J \x9b31m \x9d8;;http://x\x9c link \u202egnp.exe\x7f"
    path = write(tmp_path, [record("EscError", ["EscError"], hostile, hostile)])
    result = run(bundle_dir, "--data", path, "EscError")
    assert result.returncode == 0
    raw = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]")
    assert not raw.search(result.stdout), raw.search(result.stdout)
    assert "\\x1b]0;pwned\\x07" in result.stdout and "\\x9b31m" in result.stdout and "\\u202e" in result.stdout
    echoed = run(bundle_dir, "--data", path, "x\x9b2J\x1b[1A")
    assert echoed.returncode == 1 and not raw.search(echoed.stderr) and "x\\x9b2J\\x1b[1A" in echoed.stderr
    as_json = run(bundle_dir, "--data", path, "--json", "EscError")
    assert not raw.search(as_json.stdout) and json.loads(as_json.stdout)["errors"][0]["title"]["pt-BR"] == hostile


def test_backticks_cost_time_linear_in_their_number():
    """A message of 16,000 backticks once took 52 s: four times as many now cost about four times as much."""
    from build_tools.terminal.plain_text import inline

    costs = []
    for count in (16000, 64000):
        for text in ("`" * count, "`a" * count, "``a`" * (count // 4), "[" * count, "<http:" * (count // 6),
                     " " * count + "x", "**a" * (count // 3)):
            start = time.perf_counter()
            inline(text)
            costs.append(time.perf_counter() - start)
    small, large = sum(costs[:7]), sum(costs[7:])
    assert large < 10 * max(small, 0.01), (small, large)


def test_a_message_of_backticks_is_answered(bundle_dir, tmp_path):
    path = write(tmp_path, [record("TickError", ["TickError"], "`" * 16000, "`" * 16000 + " `code` ")])
    result = run(bundle_dir, "--data", path, "TickError")
    assert result.returncode == 0 and "code" in result.stdout


@pytest.mark.parametrize("tamper", [
    lambda d: d.update(errors={"not": "a list"}),
    lambda d: d["errors"].__setitem__(0, "a string"),
    lambda d: d["errors"][0].update(title=5),
    lambda d: d["errors"][0].update(codes={"a": 1}),
    lambda d: d["errors"][0].update(resolution={"pt-BR": "text"}),
    lambda d: d["errors"][0]["resolution"].update({"pt-BR": [{"kind": "list", "items": [{"text": 3}]}]}),
    lambda d: d["errors"][0]["resolution"].update({"pt-BR": [{"kind": "table", "header": "x", "rows": 1}]}),
    lambda d: d["errors"][0].update(messages=[{"code": 1, "text": None}]),
    lambda d: d["errors"][0].update(category="Backup"),
    lambda d: d.update(codes={"usererrorfsfreezefailed": ["x"]}),
    lambda d: d["errors"][0].update(id=None),
])
def test_a_tampered_errors_json_exits_2_with_a_message(bundle_dir, feed, tmp_path, tamper):
    data = json.loads(json.dumps(feed))
    data["errors"].insert(0, data["errors"].pop(next(n for n, e in enumerate(data["errors"]) if e["id"] == "UserErrorFsFreezeFailed")))
    tamper(data)
    path = tmp_path / "errors.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    for query in ("UserErrorFsFreezeFailed", "freeze"):
        result = run(bundle_dir, "--data", str(path), query)
        assert result.returncode == 2, (query, result.stdout[:200])
        assert result.stderr.startswith(f"lookup.py: error: {path}: ") and "Traceback" not in result.stderr
