"""One site from the seed and every real article in ../shared/corpus (skipped when it is absent).

The corpus articles go in as a user would add them: the seven flat, the wild
ones in a subfolder per service. Built with the project's own configuration
(hosted site; not strict, since real articles carry warnings). Every record
must get an address of its own, every code must be found by ``lookup.py`` and
by ``go/``, and every URL the seed's site pins must still answer.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from project_copy import copy_project

from build_tools.parse.codes import fold
from build_tools.pages.error_pages import Site
from build_tools.problems import Problems
from build_tools.parse.catalog import load_catalog, source_paths
from build_tools.urls import category_path, entry_path, topic_path
from conftest import ROOT, serve, shared_path
from test_urls import pinned, site_urls

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> dict:
    """The project with the corpus added to source_pt, its records and its hosted site."""
    from build_tools.publish.mkdocs_run import mkdocs_build

    corpus = shared_path("corpus")
    project = tmp_path_factory.mktemp("many-project") / "project"
    source = copy_project(project, sources=True)
    for path in corpus.glob("*.md"):
        if path.name != "SOURCES.md":
            shutil.copy2(path, source / path.name)
    shutil.copytree(corpus / "wild", source / "wild", ignore=shutil.ignore_patterns("*.json", "SOURCES.md"))
    site = tmp_path_factory.mktemp("many-site") / "site"
    mkdocs_build(project, "mkdocs.yml", site_dir=site, strict=False)
    catalog = load_catalog(source_paths(source), Problems(), root=source)
    return {"project": project, "site": site, "catalog": catalog}


def test_every_article_is_read_and_every_record_has_an_address_of_its_own(many):
    catalog, site = many["catalog"], many["site"]
    assert len(catalog.articles) == 1 + 7 + 83
    assert len({a.slug for a in catalog.articles}) == len(catalog.articles)
    records = Site(catalog, None)  # type: ignore[arg-type]  # paths only: no translations needed
    paths = [entry_path(e.id) for e in catalog.entries]
    paths += [category_path(c) for a in catalog.articles for c in a.categories if records.by_category.get(c.key)]
    paths += [topic_path(t, records.topics) for t in catalog.topics if not t.parent]
    assert len(paths) == len(set(paths)), "two records share an address"
    missing = [p for p in paths if not (site / p / "index.html").is_file()]
    assert missing == []


def test_every_code_is_found_by_the_offline_lookup_tool(many):
    feed = json.loads((many["site"] / "errors.json").read_text(encoding="utf-8"))
    codes = sorted({c for e in feed["errors"] for c in e["codes"]})
    assert len(codes) > 500
    for start in range(0, len(codes), 200):
        chunk = codes[start:start + 200]
        result = subprocess.run(
            [sys.executable, str(ROOT / "build_tools" / "terminal" / "lookup.py"), "--data", str(many["site"] / "errors.json"),
             "--", *chunk],
            capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, result.stderr[-2000:]


def test_every_code_has_a_page_the_lookup_table_points_at(many):
    site = many["site"]
    feed = json.loads((site / "errors.json").read_text(encoding="utf-8"))
    codes = {fold(c) for e in feed["errors"] for c in e["codes"]}  # the table is keyed by the folded code
    assert codes <= set(feed["codes"]), sorted(codes - set(feed["codes"]))[:20]
    assert [c for c, url in feed["codes"].items() if not (site / url / "index.html").is_file()] == []


def test_the_seed_sites_pinned_urls_all_still_answer(many):
    answered = set(site_urls(many["site"]))
    assert [url for url in pinned() if url not in answered] == []


@pytest.mark.parametrize("code, lands", [
    ("UserErrorFsFreezeFailed", "errors/UserErrorFsFreezeFailed/"),
    ("aadsts50059", "errors/AADSTS50059/"),
    ("0x80070057", "errors/0x80070057/"),
    ("SSPR_0009", "errors/TenantSSPRFlagDisabled/"),
    ("-106", "errors/-106/"),
    ("sync-rule-error-function-triggered", "errors/sync-rule-error-function-triggered/"),
])
def test_go_lands_on_codes_of_every_shape(many, page, code, lands):
    server, base = serve(many["site"])
    try:
        page.goto(f"{base}go/?code={code}")
        page.wait_for_url(f"{base}{lands}", timeout=15000)
    finally:
        server.shutdown()
