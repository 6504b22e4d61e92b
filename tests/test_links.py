"""Every link of the built sites resolves: the check ``mkdocs build --strict`` cannot make.

MkDocs validates markdown links only; most of this site's links are raw HTML
written by the page renderers (catalogs, breadcrumbs, cross-links, copy
targets) and by the theme. Here every ``href``/``src``/``action`` (and every
redirect page's ``meta refresh``) of every HTML file of the hosted site and of
the offline site must name an existing file, and every ``#fragment`` an
element of its target page. The published data (errors.json) must point at
pages that exist and match its JSON Schema.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

LINK_ATTRIBUTES = {"href", "src", "action", "poster"}
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


@dataclass
class Parsed:
    """The links (tag, attribute, value, line) and the fragment targets (ids, a names) of one HTML file."""

    links: list[tuple[str, str, str, int]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    duplicate_ids: list[tuple[str, int]] = field(default_factory=list)
    """``(id, line)`` of every element whose id an earlier element of the page already has."""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Parsed()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        line = self.getpos()[0]
        for name, value in attrs:
            if name in LINK_ATTRIBUTES and value is not None:
                self.out.links.append((tag, name, value, line))
            if name == "srcset" and value:
                for candidate in value.split(","):
                    self.out.links.append((tag, name, candidate.strip().split(" ")[0], line))
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            match = re.search(r"url=(.+)$", values.get("content") or "", re.I)
            if match:
                self.out.links.append((tag, "refresh", match.group(1).strip().strip("'\""), line))
        if values.get("id"):
            if values["id"] in self.out.ids:
                self.out.duplicate_ids.append((values["id"], line))
            self.out.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.out.ids.add(values["name"])


@lru_cache(maxsize=None)
def parse(path: Path) -> Parsed:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.out


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def page_url(root: Path, path: Path, directory_urls: bool) -> str:
    """The URL path (from the site root) at which a browser shows this file."""
    rel = path.relative_to(root).as_posix()
    if directory_urls and (rel == "index.html" or rel.endswith("/index.html")):
        rel = rel[: -len("index.html")]
    return "/" + rel


def target_file(root: Path, url_path: str, directory_urls: bool) -> Path | None:
    """The file a link's path opens: over http a directory URL serves its index.html; from file:// only files open."""
    candidate = root / url_path.lstrip("/")
    if url_path.endswith("/"):
        index = candidate / "index.html"
        return index if directory_urls and index.is_file() else None
    return candidate if candidate.is_file() else None


def broken_links(root: Path, directory_urls: bool) -> list[str]:
    """``file:line: <tag attr="value">: why`` for every link of a built site that does not resolve."""
    problems = []
    for path in html_files(root):
        here = page_url(root, path, directory_urls)
        name = path.relative_to(root).as_posix()
        is_404 = name == "404.html"
        if is_404 and not directory_urls:
            continue  # only a web server answers with 404.html; from file:// it is never shown
        for ident, line in parse(path).duplicate_ids:
            problems.append(f"{root.name}/{name}:{line}: id={ident!r}: duplicate id (a link to it opens the first)")
        for tag, attribute, value, line in parse(path).links:
            where = f"{root.name}/{name}:{line}: <{tag} {attribute}={value!r}>"
            why = _why_broken(root, here, tag, attribute, value, directory_urls, is_404)
            if why:
                problems.append(f"{where}: {why}")
    return problems


def _why_broken(root, here, tag, attribute, value, directory_urls, is_404) -> str:
    value = value.strip()
    if value.lower().startswith("javascript:"):
        return "javascript: URL"
    if EXTERNAL.match(value):
        if value.startswith(("mailto:", "data:")):
            return ""
        if tag != "a" or attribute != "href":
            return "loads something from outside the site (no CDN, no network)"
        return "" if value.startswith("https://") else "external link is not https"
    parts = urlsplit(value)
    if value.startswith("/"):
        if not directory_urls and not is_404:
            return "absolute path: it cannot resolve from file://"
        base = "/"
    elif is_404 and parts.path:
        return "relative link in 404.html: it is served at any depth, so its links must be absolute"
    else:
        base = posixpath.dirname(here)
    if not parts.path:
        target = here
    else:
        target = posixpath.normpath(posixpath.join(base, parts.path))
        if target.startswith("/.."):
            return "points above the site root"
        if re.search(r"(^|/)\.{0,2}$", parts.path) and target != "/":  # "x/", ".", "..": a directory
            target += "/"
    file = target_file(root, unquote(target), directory_urls)
    if file is None and not directory_urls and (root / unquote(target).lstrip("/")).is_dir():
        return f"links to a folder ({target}): from file:// that opens a file listing, not a page"
    if file is None:
        return f"no such file ({target})"
    if parts.fragment and file.suffix == ".html":
        fragment = unquote(parts.fragment)
        if fragment not in parse(file).ids:
            return f"no element with id {fragment!r} in {file.relative_to(root).as_posix()}"
    return ""


@pytest.mark.parametrize("which", ["site", "offline"])
def test_every_link_of_the_built_site_resolves(built, which):
    root = built[which]
    files = html_files(root)
    assert len(files) > 40
    problems = broken_links(root, directory_urls=which == "site")
    assert not problems, f"{len(problems)} broken link(s):\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("which", ["site", "offline"])
def test_raw_html_links_are_among_the_checked_links(built, which):
    """The renderers' raw HTML links (catalog rows, breadcrumbs, code mentions) are what the check above covers."""
    root = built[which]
    name = "categories/backup-azure-vms-troubleshoot/backup/index.html" if which == "site" else "categories/backup-azure-vms-troubleshoot/backup.html"
    targets = {v for tag, _, v, _ in parse(root / name).links if tag == "a"}
    backup = [e["id"] for e in _load(root, "errors.json")["errors"] if e["category"]["id"] == "backup"]
    assert len(backup) == 9
    assert {f"../../../errors/{i}/" if which == "site" else f"../../errors/{i}.html" for i in backup} <= targets
    name = "errors/UserErrorFsFreezeFailed/index.html" if which == "site" else "errors/UserErrorFsFreezeFailed.html"
    links = {v for tag, _, v, _ in parse(root / name).links if tag == "a"}
    assert {"../../categories/backup-azure-vms-troubleshoot/backup/", "../../"} <= links if which == "site" else {"../categories/backup-azure-vms-troubleshoot/backup.html", "../index.html"} <= links


def test_the_checker_finds_duplicate_ids_and_folder_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.html").write_text('<h2 id="x">1</h2><p id="y"></p><h2 id="x">2</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text('<a href="a/b.html#x">ok</a><a href="a/">folder</a><a href="a">folder</a>',
                                         encoding="utf-8")
    problems = broken_links(tmp_path, directory_urls=False)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "id='x': duplicate id (a link to it opens the first)",
        "<a href='a/'>: links to a folder (/a/): from file:// that opens a file listing, not a page",
        "<a href='a'>: links to a folder (/a): from file:// that opens a file listing, not a page",
    ]


def test_offline_data_paths_name_files(built):
    """Paths the scripts follow from file:// (code table, search documents) open files, never folders."""
    root = built["offline"]
    text = (root / "assets" / "kb-data.js").read_text(encoding="utf-8")
    table = json.loads(text[text.index("=") + 1: text.rindex(";")])
    paths = [*table["codes"].values(), *table["anchors"].values(), *table["entries"]]
    text = (root / "assets" / "kb-search-quick.js").read_text(encoding="utf-8")
    docs = json.loads(json.loads(text[text.index("JSON.parse(") + 11: text.rindex(")")]))["docs"]
    paths += [doc[0] for doc in docs]
    assert len(docs) > 40 and len(paths) > 100
    for site_path in paths:
        path = site_path.split("#")[0] or "index.html"
        assert (root / path).is_file(), site_path


def test_the_checker_catches_what_it_claims_to(tmp_path):
    """A small site with one of each defect: missing file, missing fragment, script from a CDN, javascript: URL."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="b/">missing</a><a href="a/#nowhere">bad fragment</a>'
        '<script src="https://cdn.example.com/x.js"></script><a href="javascript:void(0)">js</a>'
        '<meta http-equiv="refresh" content="0; url=gone/">', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2><a href="../">up</a>', encoding="utf-8")
    problems = broken_links(tmp_path, directory_urls=True)
    assert len(problems) == 5, problems
    assert [p.split(": ", 2)[2] for p in problems] == [
        "no such file (/b/)", "no element with id 'nowhere' in a/index.html",
        "loads something from outside the site (no CDN, no network)", "javascript: URL", "no such file (/gone/)",
    ]


# ---- the published data ------------------------------------------------------


def _load(root: Path, name: str):
    return json.loads((root / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("which", ["site", "offline"])
def test_errors_json_matches_its_schema(built, which):
    root = built[which]
    schema = _load(root, "errors.schema.json")
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(_load(root, "errors.json")), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:20])


def test_schema_rejects_a_record_without_url(built):
    root = built["site"]
    schema = _load(root, "errors.schema.json")
    feed = _load(root, "errors.json")
    del feed["errors"][0]["url"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(feed, schema)


@pytest.mark.parametrize("which", ["site", "offline"])
def test_every_code_in_errors_json_resolves_to_a_page(built, which):
    root = built[which]
    directory_urls = which == "site"
    feed = _load(root, "errors.json")

    def page(site_path: str) -> Path | None:
        path, _, fragment = site_path.partition("#")
        file = target_file(root, "/" + (path or ("" if directory_urls else "index.html")), directory_urls)
        if file is not None and fragment and fragment not in parse(file).ids:
            return None
        return file

    codes = 0
    for record in feed["errors"]:
        assert page(record["url"]) is not None, record["url"]
        assert page(record["category"]["url"]) is not None, record["category"]["url"]
        for alias in record["aliases"]:
            assert page(alias) is not None, alias
        for code in record["codes"]:
            own = page(f"errors/{code}/" if directory_urls else f"errors/{code}.html")
            assert own is not None, f"{code}: no page at its own URL"
            codes += 1
    assert codes >= 14
    for code, site_path in feed["codes"].items():
        assert page(site_path) is not None, (code, site_path)
    for anchor, site_path in feed["anchors"].items():
        assert page(site_path) is not None, (anchor, site_path)
    for topic in feed["topics"]:
        assert page(topic["url"]) is not None, topic["url"]
    assert len(feed["errors"]) == 34
