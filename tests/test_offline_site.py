"""The offline site that ``make site`` derives from the hosted build is the one MkDocs builds from mkdocs.offline.yml.

``make site`` runs MkDocs once; the offline site (``.html`` links) is written page
by page from the hosted one (``build_tools.publish.offline_site``). Here MkDocs builds
``mkdocs.offline.yml`` the old way, as a reference, and every file of the two is
compared byte for byte. Two differences are intended and are the only ones allowed:

- the offline site has no ``404.html`` (only a web server shows it; the bundle never shipped it);
- ``linking.html`` links to ``errors.json`` and ``errors.schema.json`` at ``errors.json``,
  where MkDocs left the hosted ``../errors.json`` (outside the site from ``linking.html``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.publish.bundle import LOOKUP_MODULES

from conftest import ROOT

FIXED_LINKS = [('href="../errors.json"', 'href="errors.json"'),
               ('href="../errors.schema.json"', 'href="errors.schema.json"')]


def files_of(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


def reference(tmp_path: Path) -> Path:
    from build_tools.publish.mkdocs_run import mkdocs_build

    mkdocs_build(ROOT, "mkdocs.offline.yml", tmp_path / "reference")
    return tmp_path / "reference"


def assert_same_site(derived: Path, expected: Path) -> None:
    ours, theirs = files_of(derived), files_of(expected)
    assert set(theirs) - set(ours) == {"404.html"}
    assert set(ours) - set(theirs) <= {"README.txt", "lookup.py", *LOOKUP_MODULES}  # the bundle step adds these
    different = []
    for name in sorted(set(ours) & set(theirs)):
        want = theirs[name].read_bytes()
        if name == "linking.html":
            text = want.decode("utf-8")
            for old, new in FIXED_LINKS:
                assert old in text
                text = text.replace(old, new)
            want = text.encode("utf-8")
        if ours[name].read_bytes() != want:
            different.append(name)
    assert not different, f"{len(different)} files differ from MkDocs' offline build, first: {different[:5]}"
    assert len(ours) > 50


def test_offline_site_is_mkdocs_offline_build(built, tmp_path):
    assert_same_site(built["offline"], reference(tmp_path))


def test_offline_site_with_site_url_drops_what_needs_a_server(published, tmp_path):
    """With SITE_URL the hosted pages have canonical and OpenSearch links and a full sitemap; the offline ones none."""
    derived = published["site"].parent / "build" / "offline"
    hosted_page = (published["site"] / "errors" / "UserErrorFsFreezeFailed" / "index.html").read_text("utf-8")
    assert 'rel="canonical"' in hosted_page and 'rel="search"' in hosted_page
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", published["url"])
        expected = reference(tmp_path)
    assert_same_site(derived, expected)
    page = (derived / "errors" / "UserErrorFsFreezeFailed.html").read_text("utf-8")
    assert 'rel="canonical"' not in page and 'rel="search"' not in page
    assert "<url>" not in (derived / "sitemap.xml").read_text("utf-8")


def test_make_site_runs_mkdocs_once(built):
    """One MkDocs build: the offline pages are written by the hosted build, so no offline 404.html exists."""
    assert (built["site"] / "404.html").exists()
    assert not (built["offline"] / "404.html").exists()
    assert (built["offline"] / "errors" / "UserErrorFsFreezeFailed.html").exists()
