"""Data files the browser reads: the code table (``assets/kb-data.js``), ``errors.json`` and its schema.

The code table is a ``.js`` file assigning a global, so it loads from ``file://``
too, where browsers refuse to fetch JSON.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .code_match import fold
from .feed import SCHEMA_PATH, build_feed
from .pages import Site
from .problems import Problems


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


def write_data(site: Site, site_dir: Path, translations_dir: Path | None) -> dict[str, int]:
    """Write the data files into the built site; returns their sizes in bytes."""
    assets = site_dir / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    table = "window.KB_DATA=" + dumps(code_table(site)) + ";\n"
    (assets / "kb-data.js").write_text(table, encoding="utf-8")
    feed = build_feed(site.catalog, translations_dir, Problems(), site.directory_urls)
    (site_dir / "errors.json").write_text(json.dumps(feed, ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8")
    shutil.copyfile(SCHEMA_PATH, site_dir / "errors.schema.json")
    return {name: (site_dir / name).stat().st_size for name in ("assets/kb-data.js", "errors.json")}
