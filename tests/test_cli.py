"""``python -m build_tools extract``: errors.json-shaped output that validates, stable exit statuses, bounded memory."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "build_tools" / "publish" / "errors.schema.json").read_text(encoding="utf-8"))
SEED = "source_pt/backup-azure-vms-troubleshoot.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROBLEM_LINE = re.compile(r"^.+:\d+: (error|warning|notice): .+$")


def extract(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "extract", *args], cwd=ROOT, capture_output=True, text=True,
        timeout=600, check=False,
    )


def validate(feed: dict) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(feed)


def test_seed_extract_validates_against_the_published_schema():
    done = extract(SEED)
    assert done.returncode == 0, done.stderr
    feed = json.loads(done.stdout)
    validate(feed)
    assert len(feed["errors"]) == 34 and len(feed["codes"]) == 14
    assert feed["codes"]["usererrorfsfreezefailed"] == "errors/UserErrorFsFreezeFailed/"
    assert all(PROBLEM_LINE.match(line) for line in done.stderr.splitlines())
    assert "warning" not in done.stderr and "error:" not in done.stderr


def test_every_fixture_at_once_validates_and_reports_without_a_traceback():
    paths = sorted(str(p.relative_to(ROOT)) for p in FIXTURES.glob("*/*.md"))
    done = extract(*paths)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1  # the empty and front-matter-only articles cannot be used
    feed = json.loads(done.stdout)
    validate(feed)
    lines = done.stderr.splitlines()
    assert lines and all(PROBLEM_LINE.match(line) for line in lines), lines
    errors = sorted(line.split(":")[0] for line in lines if ": error: " in line)
    assert errors == [
        "tests/fixtures/broken/empty.md", "tests/fixtures/broken/front-matter-only.md",
        "tests/fixtures/broken/whitespace-only.md",
    ]
    codes = {code for error in feed["errors"] for code in error["codes"]}
    assert {"UserErrorAfterPunctuation", "0x80072222", "SkuIsGone", "ExtensionFailedThree"} <= codes
    urls = [error["url"] for error in feed["errors"]]
    assert len(urls) == len(set(urls))  # every entry has its own page, duplicates included


def test_corpus_extract_validates(tmp_path):
    from conftest import shared_path

    corpus = sorted(str(p) for p in shared_path("corpus").glob("*.md") if p.name != "SOURCES.md")
    done = extract(*corpus)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    validate(json.loads(done.stdout))


def test_usage_errors_exit_with_status_two():
    done = extract()
    assert done.returncode == 2 and "usage:" in done.stderr
    other = subprocess.run([sys.executable, "-m", "build_tools", "no-such-command"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120, check=False)
    assert other.returncode == 2


def test_exit_status_is_documented_as_tested():
    doc = (ROOT / "build_tools" / "__main__.py").read_text(encoding="utf-8")
    assert "0 on success, 1 when an article could not be used" in " ".join(doc.split())


@pytest.mark.parametrize("flag", ["--strict"])
def test_strict_flag_fails_on_a_warning_only(flag):
    warned = extract(flag, "tests/fixtures/broken/no-h1.md")
    assert warned.returncode == 1
    validate(json.loads(warned.stdout))
    clean = extract(flag, SEED)
    assert clean.returncode == 0
