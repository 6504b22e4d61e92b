"""The code table in shards: what a plain page view loads, and KB.codes over http:// and from file://.

The seed fits one shard, so the loader is also tried on a table of 3,000 codes cut
into many shards by ``code_shards`` itself, served next to the real loader
(``overrides/assets/kb-codes.js``) on a page of its own.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from build_tools.search.code_shards import INDEX_FILE, SHARD_KEYS, file_name, partition, shard_files, shards
from build_tools.parse.codes import fold
from conftest import ROOT, serve

BUDGET = 50 * 1024
"""Knowledge-base data a page may load before the reader searches or looks a code up."""
DATA_FILES = ("assets/kb-data.js", "assets/kb-code-index.js", "assets/kb-codes/", "assets/kb-search-quick.js",
              "assets/kb-search-full.js", "errors.json")
CODE = "UserErrorFsFreezeFailed"


def synthetic_table(count: int = 3000, seed: int = 4) -> dict:
    rng = random.Random(seed)
    words = ["User", "Error", "Extension", "Snapshot", "Vm", "Disk", "Fs", "Freeze", "Failed", "Backup", "Vault",
             "Agent", "Timeout", "Network", "Key", "Lease", "Expired", "Guest", "Copy", "Com"]
    codes: dict[str, str] = {}
    entries: dict[str, dict] = {}
    while len(codes) < count:
        code = "".join(rng.choice(words) for _ in range(rng.randint(2, 6))) if rng.random() < 0.7 \
            else str(rng.randint(100000, 999999))
        if fold(code) in codes:
            continue
        path = f"errors/{code}/"
        codes[fold(code)] = path
        entries[path] = {"c": [code], "t": [f"Erro {code}", f"Error {code}"]}
    return {"codes": dict(sorted(codes.items())), "anchors": {}, "entries": entries, "directoryUrls": True}


def test_every_key_is_in_exactly_one_small_shard():
    table = synthetic_table()
    parts = partition(sorted(table["codes"]))
    assert len(parts) > 20
    seen = [key for members in parts.values() for key in members]
    assert sorted(seen) == sorted(table["codes"])
    assert all(len(members) <= SHARD_KEYS for members in parts.values())
    for key, members in parts.items():
        prefix = key.rstrip("$")
        assert all(m.startswith(prefix) for m in members)
        if key.endswith("$"):
            assert members == [prefix]
    names = [file_name(key) for key in parts]
    assert len(set(names)) == len(names)
    files = shard_files(table, fold)
    assert max(len(text.encode()) for text in files.values()) < 30 * 1024


def test_each_entry_is_in_the_shard_of_its_id():
    """kb-links.js finds an error's own record from its page: codeless entries too, by their id."""
    table = synthetic_table(400)
    table["entries"]["errors/sem-codigo/"] = {"c": [], "t": ["Sem código", "No code"]}
    parts = shards(table, fold)
    holders = [k for k, shard in parts.items() if "errors/sem-codigo/" in shard["entries"]]
    assert len(holders) == 1 and "sem-codigo".startswith(holders[0].rstrip("$"))


@pytest.fixture(scope="module")
def shard_site(tmp_path_factory) -> Path:
    """A page with the real loader and a 3,000-code table in shards."""
    out = tmp_path_factory.mktemp("shards")
    (out / "assets").mkdir()
    for name, text in shard_files(synthetic_table(), fold).items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text, encoding="utf-8")
    shutil.copyfile(ROOT / "overrides" / "assets" / "kb-codes.js", out / "assets" / "kb-codes.js")
    (out / "index.html").write_text(
        '<!doctype html><meta charset="utf-8"><title>shards</title><link rel="icon" href="data:,">'
        f'<script src="{INDEX_FILE}"></script><script src="assets/kb-codes.js"></script>', encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def shard_origins(shard_site):
    server, url = serve(shard_site)
    yield {"http": url, "file": shard_site.as_uri() + "/"}
    server.shutdown()


@pytest.mark.parametrize("origin", ["http", "file"])
def test_loader_finds_codes_and_prefixes_from_one_shard(page, shard_origins, origin, console_errors):
    table = synthetic_table()
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url) if "/kb-codes/" in r.url else None)
    page.goto(shard_origins[origin] + "index.html")
    some = sorted(table["codes"])[::250]
    for key in some:
        found = page.evaluate("(q) => KB.codes(q)", key.upper())
        assert found["codes"].get(key) == table["codes"][key]
        assert table["codes"][key] in found["entries"]
    assert 0 < len(set(loaded)) <= len(some)
    prefix = some[3][:4]
    found = page.evaluate("(q) => KB.codes(q)", prefix)
    want = {k: v for k, v in table["codes"].items() if k.startswith(prefix)}
    if found["complete"]:
        assert found["codes"] == want
    else:
        assert set(found["codes"]) < set(want) and found["codes"]
    assert page.evaluate("() => KB.codes('zzzzzz-no-such-code')")["codes"] == {}
    assert not console_errors


@pytest.mark.parametrize("origin", ["http", "file"])
def test_plain_page_view_loads_no_more_than_the_budget(page, base_url, site_dir, offline_dir, origin):
    folder = site_dir if origin == "http" else offline_dir
    start = base_url if origin == "http" else offline_dir.as_uri() + "/"
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url))
    for path in (("", "errors/UserErrorFsFreezeFailed/") if origin == "http"
                 else ("index.html", "errors/UserErrorFsFreezeFailed.html")):
        loaded.clear()
        page.goto(start + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        data = [u[len(start):] for u in loaded if u.startswith(start) and u[len(start):].startswith(DATA_FILES)]
        assert "assets/kb-data.js" not in data
        assert "assets/kb-code-index.js" in data
        size = sum((folder / name.split("?")[0]).stat().st_size for name in set(data))
        assert size <= BUDGET, (path, data, size)


@pytest.mark.parametrize("origin", ["http", "file"])
def test_link_menu_and_lookups_load_the_table_when_used(page, base_url, offline_dir, origin, console_errors):
    start = base_url if origin == "http" else offline_dir.as_uri() + "/"
    suffix = "/" if origin == "http" else ".html"
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url))
    page.goto(f"{start}errors/{CODE}{suffix}")
    page.click("#kb-links-toggle")  # built from the entry's shard
    assert CODE in page.locator(".kb-links-preview").first.text_content()
    assert any("/assets/kb-codes/" in u for u in loaded)
    assert not any(u.endswith("assets/kb-data.js") for u in loaded)
    page.goto(f"{start}go{suffix}?code={CODE.lower()}")
    page.wait_for_url(f"**/errors/{CODE}{suffix}*")
    assert not console_errors


def test_search_shows_a_code_from_its_shard_before_the_index(page, base_url, console_errors):
    """With the index files held back, a typed code still gets its page as the first result."""
    page.route("**/kb-search-quick.js", lambda route: None)  # never answered
    page.goto(base_url)
    page.click("#kb-search-input")
    page.fill("#kb-search-input", "UserErrorFsFr")
    first = page.locator(".kb-search-result").first
    first.wait_for(timeout=10000)
    assert first.get_attribute("href").endswith(f"errors/{CODE}/")
    assert page.evaluate("() => KBSearch.state()") == "loading"
