"""The code table in shards by prefix: ``assets/kb-codes/<key>.js`` and their list ``assets/kb-code-index.js``.

A page needs the code table only when the reader looks something up, and then
only the part of it around one code; at 10,000 errors the whole table is 3 MB.
The folded codes (and the folded ids of entries, so that every entry's own
record can be found from its page) are cut into groups of at most
``SHARD_KEYS`` by their leading characters: a group that is too large is split
by its next character, and the keys that end where the group's prefix ends go
to a shard of their own, marked ``$`` (``user$`` holds ``user`` itself when
``usera``..``userz`` are split). So every key belongs to exactly one shard, the
shard of a full code is found from its first characters alone, and a prefix
typed in the search box maps to the few shards that hold its continuations.

Each shard is a ``.js`` file (``file://`` cannot fetch JSON) that adds itself to
``window.KB_CODE_SHARDS[<key>]``: ``codes`` (folded code → site path) and
``entries`` (site path → codes and titles) for the codes and entries in it.
``assets/kb-codes.js`` (``KB.codes``) is the browser's loader.
"""

from __future__ import annotations

import json

SHARD_KEYS = 64
"""Most keys in one shard (a key holds a code, its page, the entry's codes and two titles: about 280 bytes
with the benchmark's titles)."""
MAX_DEPTH = 64
END = "$"
SHARD_DIR = "assets/kb-codes"
INDEX_FILE = "assets/kb-code-index.js"


def file_name(key: str) -> str:
    """A shard's file name: ``c-`` and the key, with letters, digits and ``-`` as they are and anything else as
    ``_`` and its code point in (at least) four hex digits: ``c-user_0024.js`` for ``user$``."""
    return "c-" + "".join(c if (c.isascii() and (c.isalnum() or c == "-")) and not c.isupper() else f"_{ord(c):04x}"
                   for c in key) + ".js"


def partition(keys: list[str], prefix: str = "", depth: int = 0) -> dict[str, list[str]]:
    """Shard key → its keys, for sorted distinct ``keys`` that all start with ``prefix``."""
    if len(keys) <= SHARD_KEYS or depth >= MAX_DEPTH:
        return {prefix: keys} if keys else {}
    out: dict[str, list[str]] = {}
    ended = [k for k in keys if len(k) == depth]
    if ended:
        out[prefix + END] = ended
    groups: dict[str, list[str]] = {}
    for key in keys:
        if len(key) > depth:
            groups.setdefault(key[depth], []).append(key)
    for char in sorted(groups):
        out.update(partition(groups[char], prefix + char, depth + 1))
    return out


def shards(table: dict, fold) -> dict[str, dict]:
    """Shard key → contents, from the code table (``site_data.code_table``) and the fold its codes were keyed by."""
    ids: dict[str, list[str]] = {}
    for path, entry in table["entries"].items():
        # an entry's page is errors/<id>/ or errors/<id>.html: its id is the last part without the suffix
        ident = path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")
        ids.setdefault(fold(ident), []).append(path)
    keys = sorted(set(table["codes"]) | set(ids))
    out: dict[str, dict] = {}
    for key, members in partition(keys).items():
        codes = {k: table["codes"][k] for k in members if k in table["codes"]}
        paths = set(codes.values()) | {p for k in members for p in ids.get(k, [])}
        entries = {p: table["entries"][p] for p in sorted(paths) if p in table["entries"]}
        out[key] = {"codes": codes, "entries": entries}
    return out


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def shard_script(key: str, shard: dict) -> str:
    return f"(window.KB_CODE_SHARDS=window.KB_CODE_SHARDS||{{}})[{_dumps(key)}]={_dumps(shard)};\n"


def index_script(keys: list[str], directory_urls: bool) -> str:
    """The list of shards every page loads (about 1 KiB at 10,000 errors) and the site's URL style."""
    return "window.KB_CODE_INDEX=" + _dumps({"shards": keys, "directoryUrls": directory_urls}) + ";\n"


def shard_files(table: dict, fold) -> dict[str, str]:
    """Site path → text of every file of the sharded table, the index included."""
    parts = shards(table, fold)
    files = {f"{SHARD_DIR}/{file_name(key)}": shard_script(key, shard) for key, shard in parts.items()}
    files[INDEX_FILE] = index_script(list(parts), table["directoryUrls"])
    return files
