#!/usr/bin/env python3
"""Look up Azure VM backup error codes in errors.json, from a terminal.

Ships in the offline bundle next to ``errors.json`` with the four files it imports:
``code_match.py`` (the matching rule that the site uses too), ``code_suggest.py``
(the closest codes), ``plain_text.py`` and ``plain_inline.py`` (the plain-text
rendering); needs Python 3.8 or later and nothing else, so it runs on jump hosts
that have neither internet nor a browser. It is the one module over 400 lines: the
whole command line (arguments, language, errors.json checks, every kind of answer)
in the one file a user opens to see what the tool does.

    python3 lookup.py UserErrorFsFreezeFailed      # one error (language from LANG/LC_ALL)
    python3 lookup.py --lang en 0x800706BE          # any spelling of a documented number
    python3 lookup.py "$(cat error.json)"           # the innermost known code of a pasted error
    python3 lookup.py freeze                        # every error that mentions it, numbered
    python3 lookup.py --json UserErrorFsFreezeFailed

Exit status: 0 when something was found, 1 when nothing matches (the closest codes
are printed on stderr), 2 on a usage error or an unreadable or malformed errors.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from typing import Any, Dict, List, Optional, Tuple

if __package__:
    from .code_match import Table, code_shaped, fold, resolve
    from .code_suggest import suggest
    from .plain_text import UI, Renderer, inline, json_visible, page_location, pick, plain, strings, visible
else:  # run as a script: the modules it imports sit next to this file (also under python -I)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from code_match import Table, code_shaped, fold, resolve  # type: ignore[no-redef]
    from code_suggest import suggest  # type: ignore[no-redef]
    from plain_text import UI, Renderer, inline, json_visible, page_location, pick, plain, strings, visible  # type: ignore[no-redef]

FOUND, NOT_FOUND, FAILED = 0, 1, 2
LISTED = 20
"""Errors listed for a word search before ``--all`` is needed."""
LEARN_SEARCH = "https://learn.microsoft.com/search/?terms="

HELP_EPILOG = """\
examples:
  %(prog)s UserErrorFsFreezeFailed     one error (any case), in the language of LANG
  %(prog)s --lang en 320001            the same in English (Portuguese where untranslated)
  %(prog)s 0x800706BE                  any spelling of a documented number (-2147023170, 800706BE)
  %(prog)s "$(pbpaste)"                a pasted log line, Azure error JSON or PowerShell record
  %(prog)s freeze                      every error whose code or text mentions "freeze"
  %(prog)s backup extension            errors that mention all of these words

  %(prog)s --json freeze               the answer as JSON

Exit status: 0 found, 1 not found (closest codes on stderr), 2 usage or data error.
In a browser, open index.html, or go.html?code=<code> to jump to an error.
"""




class LookupFailure(Exception):
    """errors.json is missing or unusable; the message says where and why."""


# ---- data -------------------------------------------------------------------


def default_data_path() -> str:
    """``errors.json`` next to this file (the bundle's layout)."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "errors.json")


def load(path: str) -> Dict[str, Any]:
    """Read errors.json and check the shape of every field the tool relies on."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise LookupFailure(f"{path}: not found (lookup.py reads the errors.json next to it; use --data PATH)")
    except json.JSONDecodeError as exc:
        raise LookupFailure(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}")
    except (OSError, UnicodeDecodeError, RecursionError, ValueError) as exc:
        raise LookupFailure(f"{path}: cannot read: {exc}")
    problem = shape_problem(data)
    if problem:
        raise LookupFailure(f"{path}: {problem}")
    return data


_TEXT = (str, type(None))


def _pair_problem(value: Any) -> bool:
    return value is not None and not (isinstance(value, dict) and all(isinstance(v, _TEXT) for v in value.values()))


def _blocks_problem(blocks: Any, depth: int = 0) -> Optional[str]:
    if not isinstance(blocks, list) or depth > 50:
        return "a list of blocks"
    for block in blocks:
        if not isinstance(block, dict) or not isinstance(block.get("kind", ""), str):
            return "blocks that are objects with a 'kind'"
        for key in ("text", "code", "html", "note_type"):
            if not isinstance(block.get(key, ""), str):
                return f"'{key}' as text"
        nested = block.get("blocks", [])
        items = block.get("items", [])
        if not isinstance(items, list) or any(not isinstance(i, dict) or not isinstance(i.get("text", ""), str) for i in items):
            return "list items that are objects with a 'text'"
        for inner in [nested, *(i.get("children", []) for i in items)]:
            problem = _blocks_problem(inner, depth + 1)
            if problem:
                return problem
        for row in [block.get("header", []), *(block.get("rows", []) if isinstance(block.get("rows", []), list) else [0])]:
            if not isinstance(row, list) or any(not isinstance(c, str) for c in row):
                return "table rows that are lists of text"
    return None


def shape_problem(data: Any) -> Optional[str]:
    """What makes ``data`` unusable as an errors.json (a tampered or foreign file), or None."""
    if not isinstance(data, dict) or not isinstance(data.get("errors"), list):
        return "not an errors.json document (no 'errors' list)"
    for name in ("codes", "anchors"):
        table = data.get(name, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            return f"'{name}' must map text to text"
    for number, entry in enumerate(data["errors"]):
        where = f"errors[{number}]"
        if not isinstance(entry, dict):
            return f"{where} is not an object"
        checks = [
            ("id", isinstance(entry.get("id"), str) and entry["id"] != ""),
            ("codes", isinstance(entry.get("codes", []), list) and all(isinstance(c, str) for c in entry.get("codes", []))),
            ("url", isinstance(entry.get("url"), _TEXT)),
            ("restates", isinstance(entry.get("restates"), _TEXT)),
            ("title", not _pair_problem(entry.get("title"))),
            ("messages", isinstance(entry.get("messages", []), list) and all(
                isinstance(m, dict) and isinstance(m.get("code"), _TEXT) and not _pair_problem(m.get("text"))
                for m in entry.get("messages", []))),
            ("details", isinstance(entry.get("details", []), list) and not any(_pair_problem(d) for d in entry.get("details", []))),
            ("category", isinstance(entry.get("category") or {}, dict) and not _pair_problem((entry.get("category") or {}).get("title"))),
            ("source", isinstance(entry.get("source") or {}, dict) and isinstance((entry.get("source") or {}).get("path"), _TEXT)),
            ("resolution", isinstance(entry.get("resolution") or {}, dict)),
        ]
        for field, ok in checks:
            if not ok:
                return f"{where}.{field} has the wrong shape"
        for lang, blocks in (entry.get("resolution") or {}).items():
            problem = _blocks_problem(blocks)
            if problem:
                return f"{where}.resolution.{lang}: expected {problem}"
    return None


class Index:
    """What a query is matched against: the matching rule's table of codes, then titles, messages and text."""

    def __init__(self, data: Dict[str, Any]) -> None:
        self.data = data
        self.errors: List[Dict[str, Any]] = [e for e in data["errors"] if isinstance(e, dict) and e.get("id")]
        self.by_id = {e["id"]: e for e in self.errors}
        self.by_url = {e.get("url"): e for e in self.errors}
        codes = dict(data.get("codes") or {})
        for entry in self.errors:  # a record whose codes the table lacks still resolves to itself
            for code in entry.get("codes") or []:
                codes.setdefault(fold(code), entry.get("url") or "#" + entry["id"])
        self.table = Table(codes, [c for e in self.errors for c in e.get("codes") or []], data.get("anchors") or {})
        self.exact: Dict[str, List[Dict[str, Any]]] = {}
        for entry in self.errors:
            for key in dict.fromkeys(fold(c) for c in [entry["id"], *(entry.get("codes") or [])] if c):
                self.exact.setdefault(key, []).append(entry)
        self.keys = {e["id"]: " ".join(fold(c) for c in [e["id"], *(e.get("codes") or [])]) for e in self.errors}
        self.heads = {
            e["id"]: fold(" ".join(strings([e.get("title"), e.get("messages"), e.get("codes")]))) for e in self.errors
        }
        self.bodies = {
            e["id"]: fold(" ".join(strings([e.get("details"), e.get("resolution"), e.get("category")])))
            for e in self.errors
        }

    def word_match(self, word: str) -> Optional[Dict[str, Any]]:
        """One word that is a code in any spelling, or an error's id (``a-replica-esta-inconsistente``); else None."""
        match = resolve(self.table, word)
        if match and match["via"] in ("code", "number"):
            return match
        found = self.exact.get(fold(word.strip()))
        if found and found[0].get("url"):
            return {"code": found[0]["id"], "key": fold(word.strip()), "target": found[0]["url"], "via": "code",
                    "spelled": word.strip(), "relation": "same", "found": []}
        return None

    def entries_for(self, match: Dict[str, Any]) -> List[Dict[str, Any]]:
        """The errors a match of the rule means: the one its target names first, then others sharing the code."""
        target = match["target"]
        first = self.by_url.get(target.split("#")[0]) or self.by_id.get(target[1:] if target.startswith("#") else "")
        found = list(self.exact.get(match["key"], [])) if match["key"] else []
        if first is not None:
            found = [first] + [e for e in found if e is not first]
        return found

    def search(self, words: List[str]) -> List[Dict[str, Any]]:
        """Errors matching a partial code or containing every word, best first; else those holding the most words."""
        folded = [fold(w) for w in words if w.strip()]
        if not folded:
            return []
        compact = "".join(folded)
        ranked: List[Tuple[int, int, int, Dict[str, Any]]] = []
        for order, entry in enumerate(self.errors):
            ident = entry["id"]
            head = self.keys[ident] + " " + self.heads[ident]
            if compact in self.keys[ident]:
                ranked.append((0, 0, order, entry))
            elif all(w in head for w in folded):
                ranked.append((1, 0, order, entry))
            elif all(w in head or w in self.bodies[ident] for w in folded):
                ranked.append((2, 0, order, entry))
            else:
                some = sum(1 for w in folded if len(w) >= 3 and (w in head or w in self.bodies[ident]))
                if some:
                    ranked.append((3, -some, order, entry))
        if any(rank < 3 for rank, _, _, _ in ranked):
            ranked = [r for r in ranked if r[0] < 3]
        return [entry for _, _, _, entry in sorted(ranked, key=lambda r: (r[0], r[1], r[2]))]


def how_found(match: Dict[str, Any], index: Index, ui: int) -> str:
    """One line saying how the code was found, when the text was not simply the code."""
    code, spelled = match["code"], match["spelled"]
    if match["via"] in ("json", "text"):
        line = UI["found_text"][ui].format(code=code)
        if len(match["found"]) > 1:
            line += " (" + UI["found_inner"][ui].format(n=len(match["found"]), codes=", ".join(match["found"])) + ")"
        return line
    if match["via"] == "number":
        key = {"win32": "win32", "hresult": "hresult"}.get(match["relation"], "same_number")
        return UI[key][ui].format(spelled=spelled, code=code)
    entries = index.entries_for(match)
    if match["via"] == "code" and entries and [fold(c) for c in entries[0].get("codes") or []][:1] not in ([match["key"]], []):
        return UI["alias"][ui].format(code=code)
    return ""




def terminal_width() -> int:
    """Columns of the terminal (COLUMNS, then the terminal itself, then 80), one left free."""
    return max(shutil.get_terminal_size((80, 24)).columns - 1, 30)


# ---- command line -----------------------------------------------------------


def environment_language() -> str:
    """The language of LC_ALL, LC_MESSAGES or LANG (the first one set): ``en*`` is English, anything else Portuguese."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "pt-BR"
    return "pt-BR"


def parse_args(argv: Optional[List[str]], prog: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Look up Azure VM backup error codes in errors.json: a code (any case, any spelling of a number, "
        "or inside a pasted log line or error JSON) prints the error with its resolution steps; part of a code or "
        "words list the errors that match.",
        epilog=HELP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("query", nargs="+", help="an error code, part of one, words of the message, or pasted text")
    parser.add_argument("--lang", default=None, type=_language, metavar="{pt-BR,en}",
                        help="language of the output (default: from LC_ALL/LC_MESSAGES/LANG, else pt-BR); English "
                        "falls back to Portuguese where a text is not translated")
    parser.add_argument("--json", action="store_true", help="print the answer as JSON (the records as in errors.json)")
    parser.add_argument("--all", action="store_true", help=f"list every matching error (default: the first {LISTED})")
    parser.add_argument("--data", metavar="PATH", help="the errors.json to read (default: the one next to this file)")
    parser.add_argument("--width", type=int, metavar="N", help="wrap lines at N columns (default: the terminal width)")
    return parser.parse_args(argv)


def _language(value: str) -> str:
    folded = value.strip().lower().replace("_", "-")
    if folded in ("en", "en-us", "en-gb", "english"):
        return "en"
    if folded in ("pt", "pt-br", "portugues", "português"):
        return "pt-BR"
    raise argparse.ArgumentTypeError(f"unknown language {value!r} (use pt-BR or en)")


def main(argv: Optional[List[str]] = None, data: Optional[Dict[str, Any]] = None, prog: Optional[str] = None,
         site_root: Optional[str] = None) -> int:
    """Run the lookup; ``data`` (an errors.json document) skips reading the file, as the project command does."""
    prog = prog or os.path.basename(sys.argv[0] or "lookup.py")
    _quiet_encoding_errors()
    args = parse_args(argv, prog)
    lang = args.lang or environment_language()
    try:
        if data is None:
            path = args.data or default_data_path()
            data = load(path)
            if site_root is None:
                site_root = os.path.dirname(os.path.abspath(path))
        elif shape_problem(data):
            raise LookupFailure(f"errors.json: {shape_problem(data)}")
        return answer(args, data, lang, prog, site_root)
    except LookupFailure as exc:
        _say(f"{prog}: error: {exc}", sys.stderr)
        return FAILED
    except (AttributeError, KeyError, TypeError, ValueError, IndexError, RecursionError) as exc:
        # a shape that the check above let through: still a clear line, never a traceback
        _say(f"{prog}: error: errors.json: {UI['bad_data'][1]} ({type(exc).__name__}: {exc})", sys.stderr)
        return FAILED


def answer(args: argparse.Namespace, data: Dict[str, Any], lang: str, prog: str, site_root: Optional[str]) -> int:
    index = Index(data)
    ui = 0 if lang == "pt-BR" else 1
    renderer = Renderer(index, lang, args.width if args.width and args.width > 0 else terminal_width(), site_root)
    words = [w for w in args.query if w.strip()]
    query = " ".join(words)
    matches = [index.word_match(w) for w in words]
    if len(words) > 1 and all(matches):
        return _print_entries(args, index, renderer, query, [m for m in matches if m], ui)
    whole = resolve(index.table, query) if query else None
    if whole is not None and whole["via"] != "anchor" or (whole and index.by_url.get(whole["target"].split("#")[0])):
        return _print_entries(args, index, renderer, query, [whole], ui)
    found = index.search(query.split())
    if found and not code_shaped(query):
        shown = found if args.all or args.json else found[:LISTED]
        if args.json:
            return _emit_json({"query": query, "lang": lang, "status": "found", "match": None,
                               "results": [_summary(e, n, site_root, lang) for n, e in enumerate(shown, 1)],
                               "errors": found if len(found) == 1 else [], "suggestions": []})
        text = renderer.listing(shown, query, prog, len(found))
        if len(found) == 1:
            text += "\n\n\n" + renderer.entry(found[0])
        return _emit(text)
    # nothing found, or an unknown code: never another error's page; the closest codes and any word results
    close = suggest(index.table, query)
    shown = found if args.all else found[:LISTED]
    if args.json:
        _emit_json({"query": query, "lang": lang, "status": "not_found", "match": None, "errors": [],
                    "results": [_summary(e, n, site_root, lang) for n, e in enumerate(found, 1)], "suggestions": close})
        return NOT_FOUND
    if found:
        _emit(renderer.listing(shown, query, prog, len(found)))
    _say(f"{prog}: {UI['none'][ui]} \u201c{query}\u201d.", sys.stderr)
    if len(query.split()) == 1:
        _say(f"\u201c{query}\u201d {UI['not_here'][ui]}", sys.stderr)
    if close:
        _say(UI["closest"][ui], sys.stderr)
        for code in close:
            entry = index.entries_for(resolve(index.table, code) or {"target": "", "key": ""})
            title = plain(inline(pick(entry[0].get("title"), lang))) if entry else ""
            _say(f"  {code}  {title}".rstrip(), sys.stderr)
    counts = {"errors": len(index.errors), "codes": len(index.table.codes), "topics": len(data.get("topics") or []),
              "sources": len(data.get("articles") or []) or 1}
    _say(UI["scope"][ui].format(**counts), sys.stderr)
    _say(UI["none_hint"][ui].format(prog=prog), sys.stderr)
    from urllib.parse import quote
    _say(f"{UI['learn'][ui]} {LEARN_SEARCH}{quote(query[:200])}", sys.stderr)
    return NOT_FOUND


def _summary(entry: Dict[str, Any], number: int, site_root: Optional[str], lang: str) -> Dict[str, Any]:
    return {"number": number, "id": entry["id"], "codes": entry.get("codes") or [],
            "title": plain(inline(pick(entry.get("title"), lang))),
            "page": page_location(entry["url"], site_root) if entry.get("url") else None}


def _print_entries(args: argparse.Namespace, index: Index, renderer: Renderer, query: str,
                   matches: List[Dict[str, Any]], ui: int) -> int:
    entries: List[Dict[str, Any]] = []
    notes: List[str] = []
    for match in matches:
        for entry in index.entries_for(match):
            if entry not in entries:
                entries.append(entry)
        note = how_found(match, index, ui)
        if note:
            notes.append(note)
    if args.json:
        return _emit_json({"query": query, "lang": renderer.lang, "status": "found",
                           "match": {k: matches[0][k] for k in ("code", "via", "spelled", "relation", "found")},
                           "notes": notes, "results": [], "errors": entries, "suggestions": []})
    for note in notes:  # on stderr: stdout stays the records alone
        _say(f"{os.path.basename(sys.argv[0] or 'lookup.py')}: {note}", sys.stderr)
    return _emit("\n\n\n".join(renderer.entry(e) for e in entries))


def _say(text: str, stream: Any) -> None:
    """One message on stderr (or stdout), control characters shown, not obeyed."""
    try:
        stream.write(visible(text) + "\n")
        stream.flush()
    except BrokenPipeError:
        pass


def _emit(text: str) -> int:
    try:
        sys.stdout.write(visible(text.rstrip("\n")) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # ``lookup.py freeze | head``: the reader left; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return FOUND


def _emit_json(document: Dict[str, Any]) -> int:
    found = document.get("status") == "found"
    _emit(json_visible(json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)))
    return FOUND if found else NOT_FOUND


def _quiet_encoding_errors() -> None:
    """A console that cannot show an accent gets a replacement character, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
