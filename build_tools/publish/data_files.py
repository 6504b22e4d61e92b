"""Data files the browser reads: the code table (``assets/kb-data.js`` whole, and in shards by prefix,
``code_shards``), ``errors.json`` and its schema.

The code table is a ``.js`` file assigning a global, so it loads from ``file://``
too, where browsers refuse to fetch JSON. Pages load only the shard index; the
loader ``KB.codes`` (``assets/kb-codes.js``) brings a shard when a code is looked
up, the whole table (``KB.codeTable``) when a lookup needs all of it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..terminal.code_match import fold
from ..search.code_shards import shard_files
from .errors_json import SCHEMA_PATH, build_feed
from ..pages.error_pages import Site
from ..problems import Problems


def dumps(data: object) -> str:
    """Deterministic compact JSON."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def code_table(site: Site) -> dict:
    """What lookups need: folded code → page, source anchor → page, each entry's codes and titles, and the scope
    (how many errors, codes, topics and source articles) that not-found answers state."""
    entries = {}
    for entry in site.catalog.entries:
        pt, en = site.title(entry.path, f"entry:{entry.id}:title", entry.title)
        entries[site.entry_url(entry.id)] = {"c": list(entry.codes), "t": [pt, en]}
    # keys folded by the matching rule itself (code_match.fold), which the browser's kb-match.js repeats
    codes = {fold(code): site.entry_url(entry_id) for code, entry_id in site.catalog.codes.items()}
    for code, target in site.retired.items():
        codes.setdefault(fold(code), target)  # retired codes still resolve in go/, 404.html and search
    scope = {"errors": len(site.catalog.entries), "codes": len(codes), "topics": len(site.catalog.topics),
             "sources": len(site.catalog.articles)}
    return {
        "codes": dict(sorted(codes.items())),
        "anchors": dict(sorted(site.anchor_paths.items())),
        "entries": entries,
        "directoryUrls": site.directory_urls,
        "scope": scope,
    }


def offline_table(table: dict, offline) -> dict:
    """The code table of the offline site: the same, with its site paths mapped (``OfflineSite.path``)."""
    return {
        **table,
        "codes": offline.paths(table["codes"]),
        "anchors": offline.paths(table["anchors"]),
        "entries": {offline.path(path): entry for path, entry in table["entries"].items()},
        "directoryUrls": False,
    }


def offline_feed(feed: dict, offline) -> dict:
    """``errors.json`` of the offline site: the same, with its site paths mapped."""
    errors = [{**e, "url": offline.path(e["url"]), "aliases": [offline.path(a) for a in e["aliases"]],
               "category": {**e["category"], "url": offline.path(e["category"]["url"])}} for e in feed["errors"]]
    topics = [{**t, "url": offline.path(t["url"])} for t in feed["topics"]]
    return {**feed, "errors": errors, "topics": topics, "codes": offline.paths(feed["codes"]),
            "anchors": offline.paths(feed["anchors"])}


def _feed_text(feed: dict) -> str:
    return json.dumps(feed, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def write_data(site: Site, site_dir: Path, translations_dir: Path | None, offline=None) -> dict[str, int]:
    """Write the data files into the built site (and, given an ``OfflineSite``, into the offline one too);
    returns their sizes in bytes."""
    assets = site_dir / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    table = code_table(site)
    (assets / "kb-data.js").write_text("window.KB_DATA=" + dumps(table) + ";\n", encoding="utf-8")
    shards = shard_files(table, fold)
    for name, text in shards.items():
        (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / name).write_text(text, encoding="utf-8")
    feed = build_feed(site.catalog, translations_dir, Problems(), site.directory_urls)
    (site_dir / "errors.json").write_text(_feed_text(feed), encoding="utf-8")
    shutil.copyfile(SCHEMA_PATH, site_dir / "errors.schema.json")
    if offline is not None:
        mapped = offline_table(table, offline)
        offline.write("assets/kb-data.js", ("window.KB_DATA=" + dumps(mapped) + ";\n").encode())
        for name, text in shard_files(mapped, fold).items():
            offline.write(name, text.encode("utf-8"))
        offline.write("errors.json", _feed_text(offline_feed(feed, offline)).encode())
    sizes = {name: (site_dir / name).stat().st_size for name in ("assets/kb-data.js", "errors.json")}
    sizes[f"code table shards ({len(shards) - 1}, largest)"] = max(len(t.encode()) for t in shards.values())
    return sizes
