"""Golden records and pages: what the parser makes of each fixture and of the seed, as checked-in JSON
snapshots, and the bodies of a few of the seed's pages as the generator hands them to MkDocs.

A change to the parser that changes any record shows up here as a diff of
``tests/golden/<name>.json``, named by fixture, so a reviewer sees exactly which
records moved; a change to the pages, as a diff of ``tests/golden/pages/<page>.md``. After a deliberate change, write the snapshots anew and review
the diff before committing:

    .venv/bin/python tests/test_golden.py --update
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
GOLDEN = TESTS / "golden"
SOURCES = {
    **{f"layouts-{p.stem}": p for p in sorted((TESTS / "fixtures" / "layouts").glob("*.md"))},
    **{f"real-{p.stem}": p for p in sorted((TESTS / "fixtures" / "real").glob("*.md"))},
    "seed": ROOT / "source_pt" / "backup-azure-vms-troubleshoot.md",
}


def snapshot(path: Path) -> str:
    """The records and problems of one article as sorted, indented JSON (paths relative to the project)."""
    sys.path.insert(0, str(ROOT))
    from build_tools.parse.article import parse_article
    from build_tools.problems import Problems
    from build_tools.parse.catalog import to_json

    problems = Problems()
    name = path.relative_to(ROOT).as_posix()
    article = parse_article(path, problems)
    data = {
        "records": to_json(article),
        "problems": [f"{p.line}: {p.severity}: {p.message}" for p in problems.sorted()],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace(str(path), name) + "\n"


PAGES = ("index.md", "errors/UserErrorFsFreezeFailed.md", "errors/320001.md", "codes.md", "go.md",
         "categories/backup-azure-vms-troubleshoot/backup.md", "topics/backup-azure-vms-troubleshoot/vm-agent.md")
"""A few pages of the seed: home, an error from a heading, one from a table row, the A-Z index, lookup, a category."""


def page_bodies() -> dict[str, str]:
    """The seed's pages in ``PAGES``, each as the text of its parts (markdown and finished HTML) in order."""
    sys.path.insert(0, str(ROOT))
    from build_tools.pages.error_pages import page_markdown
    from build_tools.pages.listings import src_uri
    from build_tools.pipeline import Settings, prepare

    pages = {src_uri(path): parts for path, parts in prepare(Settings.read(ROOT)).pages}
    return {name: page_markdown(pages[name]) for name in PAGES}


def page_file(name: str) -> Path:
    return GOLDEN / "pages" / name.replace("/", "--")


@pytest.fixture(scope="module")
def bodies() -> dict[str, str]:
    return page_bodies()


@pytest.mark.parametrize("name", PAGES)
def test_pages_match_their_snapshot(name, bodies):
    golden = page_file(name)
    assert golden.is_file(), f"no snapshot {golden.name}: run `.venv/bin/python tests/test_golden.py --update`"
    expected, actual = golden.read_text(encoding="utf-8"), bodies[name]
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"tests/golden/pages/{golden.name}", f"page {name}", n=2))
        pytest.fail(f"page {name} changed:\n{diff[:6000]}")


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_records_match_their_snapshot(name):
    golden = GOLDEN / f"{name}.json"
    assert golden.is_file(), f"no snapshot {golden.name}: run `.venv/bin/python tests/test_golden.py --update`"
    expected, actual = golden.read_text(encoding="utf-8"), snapshot(SOURCES[name])
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"tests/golden/{name}.json", f"records of {SOURCES[name].name}", n=2))
        pytest.fail(f"records of {SOURCES[name].relative_to(ROOT)} changed:\n{diff[:6000]}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_golden.py --update")
    GOLDEN.mkdir(exist_ok=True)
    for stale in set(GOLDEN.glob("*.json")) - {GOLDEN / f"{n}.json" for n in SOURCES}:
        stale.unlink()
    for name, path in SOURCES.items():
        (GOLDEN / f"{name}.json").write_text(snapshot(path), encoding="utf-8")
        print(f"wrote tests/golden/{name}.json")
    (GOLDEN / "pages").mkdir(exist_ok=True)
    for name, body in page_bodies().items():
        page_file(name).write_text(body, encoding="utf-8")
        print(f"wrote {page_file(name).relative_to(ROOT)}")
