"""Linking and data without a browser: the OpenSearch description, the published feed against
its schema, and a build with SITE_URL (absolute sitemap, OpenSearch file and link)."""

from __future__ import annotations

import copy
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from build_tools.publish.opensearch import absolute_base, opensearch_xml, search_template
from build_tools.pages.ui import UI

OS_NS = "{http://a9.com/-/spec/opensearch/1.1/}"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _urls(doc: ET.Element) -> dict[str, str]:
    return {u.get("type"): u.get("template") for u in doc.findall(f"{OS_NS}Url")}


@pytest.mark.parametrize("site_url, directory_urls, expected", [
    ("https://errors.example.org/", True, "https://errors.example.org/go/?code={searchTerms}"),
    ("https://errors.example.org", True, "https://errors.example.org/go/?code={searchTerms}"),
    ("https://wiki.example.org/kb/azure/", True, "https://wiki.example.org/kb/azure/go/?code={searchTerms}"),
    ("https://errors.example.org/", False, "https://errors.example.org/go.html?code={searchTerms}"),
])
def test_opensearch_description_searches_the_lookup_page(site_url, directory_urls, expected):
    text = opensearch_xml(absolute_base(site_url), UI["site_name"], directory_urls)
    doc = ET.fromstring(text.encode("utf-8"))
    assert doc.tag == f"{OS_NS}OpenSearchDescription"
    assert 0 < len(doc.findtext(f"{OS_NS}ShortName")) <= 16
    assert UI["site_name"][0] in doc.findtext(f"{OS_NS}Description")
    assert UI["site_name"][1] in doc.findtext(f"{OS_NS}Description")
    urls = _urls(doc)
    assert urls["text/html"] == expected
    assert urls["application/opensearchdescription+xml"] == absolute_base(site_url) + "opensearch.xml"
    assert search_template(site_url, directory_urls) == expected


def test_opensearch_description_escapes_what_xml_needs():
    doc = ET.fromstring(opensearch_xml("https://e.example/?a=1&b=2/", ("A & <B>", "C \"D\""), True).encode())
    assert doc.findtext(f"{OS_NS}Description") == 'A & <B> / C "D"'
    assert _urls(doc)["text/html"].startswith("https://e.example/?a=1&b=2/")


@pytest.mark.parametrize("value", [None, "", "errors.example.org", "file:///srv/site/", "/kb/"])
def test_no_absolute_base_without_an_http_site_url(value):
    assert absolute_base(value) is None


def test_offline_build_has_no_opensearch(offline_dir):
    """file:// cannot be a search engine: no description file and no <link rel="search"> offline."""
    assert not (offline_dir / "opensearch.xml").exists()
    assert 'rel="search"' not in (offline_dir / "errors" / "UserErrorFsFreezeFailed.html").read_text("utf-8")


def _schema_validator(site: Path) -> jsonschema.protocols.Validator:
    schema = json.loads((site / "errors.schema.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("which", ["site", "offline"])
def test_errors_json_validates_against_its_published_schema(built, which):
    site = built[which]
    validator = _schema_validator(site)
    feed = json.loads((site / "errors.json").read_text("utf-8"))
    validator.validate(feed)
    assert re.fullmatch(r"1\.\d+", feed["schema_version"])
    # Every URL in the feed is a page of this very build.
    suffix = "/index.html" if which == "site" else ""
    for error in feed["errors"]:
        for path in [error["url"], *error["aliases"], error["category"]["url"]]:
            target = site / (path.rstrip("/") + suffix if which == "site" else path)
            assert target.is_file(), path


def test_schema_rejects_a_feed_that_breaks_it(site_dir):
    """The schema is not vacuous: the published feed with one required field gone, or a wrong type, fails."""
    validator = _schema_validator(site_dir)
    feed = json.loads((site_dir / "errors.json").read_text("utf-8"))
    missing = copy.deepcopy(feed)
    del missing["errors"][0]["url"]
    wrong = copy.deepcopy(feed)
    wrong["errors"][0]["title"]["en"] = 42
    unversioned = copy.deepcopy(feed)
    unversioned["schema_version"] = "2.0"
    for bad in (missing, wrong, unversioned):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(bad)


# ---- a build published at SITE_URL ------------------------------------------------------------

def test_sitemap_lists_every_page_with_absolute_urls(published):
    site, site_url = published["site"], published["url"]
    doc = ET.parse(site / "sitemap.xml").getroot()
    locs = [u.findtext(f"{SITEMAP_NS}loc") for u in doc.findall(f"{SITEMAP_NS}url")]
    assert locs and all(loc.startswith(site_url) for loc in locs)
    feed = json.loads((site / "errors.json").read_text("utf-8"))
    for path in [e["url"] for e in feed["errors"]] + ["linking/", "go/", "codes/", ""]:
        assert site_url + path in locs
    for loc in locs:  # each one is a page of the build
        assert (site / loc[len(site_url):] / "index.html").is_file(), loc


def test_published_build_has_opensearch_file_and_link(published):
    site, site_url = published["site"], published["url"]
    doc = ET.parse(site / "opensearch.xml").getroot()
    assert _urls(doc)["text/html"] == f"{site_url}go/?code={{searchTerms}}"
    for page in ("index.html", "errors/UserErrorFsFreezeFailed/index.html", "linking/index.html"):
        html = (site / page).read_text("utf-8")
        link = re.search(r'<link rel="search" type="application/opensearchdescription\+xml"[^>]*>', html)
        assert link, page
        href = re.search(r'href="([^"]+)"', link.group(0)).group(1)
        assert (site / page).parent.joinpath(href).resolve() == (site / "opensearch.xml").resolve()
        assert f'<meta name="kb-site-url" content="{site_url}">' in html


def test_default_build_without_site_url_has_an_empty_sitemap_and_no_opensearch(site_dir):
    if os.environ.get("SITE_URL"):
        pytest.skip("SITE_URL is set for this test run")
    assert not (site_dir / "opensearch.xml").exists()
    doc = ET.parse(site_dir / "sitemap.xml").getroot()
    assert doc.findall(f"{SITEMAP_NS}url") == []


# ---- retired codes (source_pt/redirects.txt) ---------------------------------------------------

@pytest.fixture(scope="module")
def site():
    from build_tools.l10n.localizer import Localizer
    from build_tools.pages.listings import all_pages
    from build_tools.pages.error_pages import Site
    from build_tools.problems import Problems
    from build_tools.parse.catalog import load_catalog, source_paths

    source = Path(__file__).resolve().parent.parent / "source_pt"
    catalog = load_catalog(source_paths(source), Problems())
    site = Site(catalog, Localizer(catalog, source / "translations"))
    return site, [path for path, _ in all_pages(site)]


def test_redirects_resolve_codes_and_pages_and_report_bad_lines(site, tmp_path):
    from build_tools.pages.redirects import load_redirects
    from build_tools.problems import Problems

    site, paths = site
    file = tmp_path / "redirects.txt"
    file.write_text(
        "# retired codes\n"
        "UserErrorOldFreeze   usererrorfsfreezefailed   # any case, like go/?code=\n"
        "OldAliasCode 400094\n"
        "OldJobsCode categories/jobs/\n"
        "\n"
        "UserErrorFsFreezeFailed 320001\n"
        "Nowhere NoSuchCodeAnywhere\n"
        "userErrorOldFreeze 320001\n"
        "just-one-field\n"
        "bad/slash 320001\n", encoding="utf-8")
    problems = Problems()
    redirects = load_redirects(file, site, paths, problems, "source_pt/redirects.txt")
    assert [(r.code, r.target, r.line) for r in redirects] == [
        ("UserErrorOldFreeze", "errors/UserErrorFsFreezeFailed/", 2),
        ("OldAliasCode", "errors/320001/", 3),
        ("OldJobsCode", "categories/jobs/", 4),
    ]
    reported = [str(p) for p in problems]
    assert [r.split(": ")[0] for r in reported] == [f"source_pt/redirects.txt:{n}" for n in (6, 7, 8, 9, 10)]
    assert all(": error: " in r for r in reported)
    assert "still a code of the site" in reported[0] and "neither a code nor a page" in reported[1]
    assert "redirected twice" in reported[2]


def test_redirect_pages_send_the_old_address_on(site):
    from build_tools.pages.redirects import Redirect, redirect_pages

    site, _ = site
    [(path, parts)] = redirect_pages(site, [Redirect("UserErrorOldFreeze", "errors/UserErrorFsFreezeFailed/", 2)])
    markdown = "".join(parts)
    assert path == "errors/UserErrorOldFreeze/"
    assert 'kb_redirect: "../UserErrorFsFreezeFailed/"' in markdown
    assert '<a href="../UserErrorFsFreezeFailed/" id="kb-redirect-link"><code>UserErrorFsFreezeFailed</code>' in markdown


def test_the_committed_redirects_file_is_valid(site):
    from build_tools.pages.redirects import load_redirects
    from build_tools.problems import Problems

    site, paths = site
    problems = Problems()
    load_redirects(Path(__file__).resolve().parent.parent / "source_pt" / "redirects.txt", site, paths, problems)
    assert [str(p) for p in problems] == []
