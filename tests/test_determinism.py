"""Same tree, same bytes: two builds into different folders give identical sites and an identical bundle.

Dates come from ``SOURCE_DATE_EPOCH`` (or, when it is not set, from the last
commit), never from the clock: the sitemap's ``lastmod``, its ``.gz`` header
and the zip's entry times are checked against it.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

EPOCH = 1_700_000_000


def tree(folder: Path) -> dict[str, str]:
    """Relative path → sha256 of every file under ``folder``."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> list[dict[str, Path]]:
    """The whole build twice, into two unrelated folders, with the same SOURCE_DATE_EPOCH and a site URL."""
    from build_tools.pipeline import build_all

    builds = []
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        env.setenv("SITE_URL", "https://kb.example.org/backup-errors/")  # so the sitemap lists pages with dates
        for name in ("first", "second-build"):
            out = tmp_path_factory.mktemp(name)
            build_all(ROOT, bundle=True, site_dir=out / "site", dist_dir=out / "dist")
            builds.append({"site": out / "site", "offline": out / "build" / "offline", "dist": out / "dist"})
    return builds


def test_hosted_and_offline_sites_are_byte_identical(two_builds):
    first, second = two_builds
    for part in ("site", "offline"):
        a, b = tree(first[part]), tree(second[part])
        assert sorted(a) == sorted(b), part
        differing = [name for name in a if a[name] != b[name]]
        assert not differing, f"{part}: {differing}"


def test_bundle_and_checksum_are_byte_identical(two_builds):
    first, second = two_builds
    (zip_a,), (zip_b,) = first["dist"].glob("*.zip"), second["dist"].glob("*.zip")
    assert zip_a.name == zip_b.name
    assert zip_a.read_bytes() == zip_b.read_bytes()
    sha = zip_a.name + ".sha256"
    assert (first["dist"] / sha).read_bytes() == (second["dist"] / sha).read_bytes()


def test_dates_come_from_source_date_epoch(two_builds):
    site = two_builds[0]["site"]
    day = datetime.datetime.fromtimestamp(EPOCH, datetime.timezone.utc).date()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    lastmods = re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)
    assert len(lastmods) > 40 and set(lastmods) == {day.isoformat()}
    with gzip.open(site / "sitemap.xml.gz", "rb") as packed:
        assert packed.read().decode("utf-8") == sitemap
    header_mtime = int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little")
    midnight = datetime.datetime.combine(day, datetime.time(), datetime.timezone.utc)
    assert header_mtime == int(midnight.timestamp())
    (zip_path,) = two_builds[0]["dist"].glob("*.zip")
    stamp = datetime.datetime.fromtimestamp(EPOCH, datetime.timezone.utc)
    expected = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second // 2 * 2)
    with zipfile.ZipFile(zip_path) as archive:
        assert {info.date_time for info in archive.infolist()} == {expected}


def test_without_source_date_epoch_the_last_commit_dates_the_build(monkeypatch):
    from build_tools.publish.build_date import source_date_epoch

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    committed = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True,
                               check=True).stdout.strip()
    assert source_date_epoch(ROOT) == int(committed)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert source_date_epoch(ROOT) == 1234567890


def test_outside_git_the_newest_source_file_dates_the_build(tmp_path, monkeypatch):
    from build_tools.publish.build_date import source_date_epoch

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))  # tmp_path is no repository
    (tmp_path / "source_pt").mkdir()
    for name, mtime in (("a.md", 1_600_000_000), ("b.md", 1_650_000_000)):
        path = tmp_path / "source_pt" / name
        path.write_text("# x\n", encoding="utf-8")
        os.utime(path, (mtime, mtime))
    assert source_date_epoch(tmp_path) == 1_650_000_000
