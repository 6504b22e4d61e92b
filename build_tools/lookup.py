#!/usr/bin/env python3
"""Look up Azure VM backup error codes in errors.json, from a terminal.

Ships in the offline bundle next to ``errors.json``; needs Python 3.8 or later
and nothing else (standard library only, one file), so it runs on jump hosts
that have neither internet nor a browser.

    python3 lookup.py UserErrorFsFreezeFailed      # one error, in Portuguese
    python3 lookup.py --lang en usererrorfsfreezefailed
    python3 lookup.py freeze                        # every error that mentions it

Exit status: 0 when something was found, 1 when nothing matches, 2 on a usage
error or an unreadable errors.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import textwrap
import unicodedata
from html.parser import HTMLParser
from typing import Any, Dict, List, Optional, Tuple

FOUND, NOT_FOUND, FAILED = 0, 1, 2

UI = {
    "code": ("Código de erro", "Error code"),
    "message": ("Mensagem de erro", "Error message"),
    "category": ("Categoria", "Category"),
    "resolution": ("Resolução", "Resolution"),
    "links": ("Links", "Links"),
    "page": ("Página", "Page"),
    "source": ("Fonte", "Source"),
    "restates": ("O mesmo erro, descrito também em", "The same error, also described at"),
    "in_bundle": ("neste pacote", "in this bundle"),
    "article": ("outro artigo do Azure Backup", "another Azure Backup article"),
    "matches_one": ("1 erro corresponde a", "1 error matches"),
    "matches": ("{n} erros correspondem a", "{n} errors match"),
    "show_one": ("Para ver um deles: {prog} <código>", "To see one of them: {prog} <code>"),
    "none": ("Nenhum erro corresponde a", "No error matches"),
    "none_hint": (
        "Tente parte do código ou palavras da mensagem, por exemplo: {prog} freeze",
        "Try part of the code or words of the message, for example: {prog} freeze",
    ),
    "no_code": ("(sem código)", "(no code)"),
    "NOTE": ("Nota", "Note"),
    "TIP": ("Dica", "Tip"),
    "IMPORTANT": ("Importante", "Important"),
    "WARNING": ("Aviso", "Warning"),
    "CAUTION": ("Cuidado", "Caution"),
}

HELP_EPILOG = """\
examples:
  %(prog)s UserErrorFsFreezeFailed     one error (any case), in Portuguese
  %(prog)s --lang en 320001            the same in English (Portuguese where untranslated)
  %(prog)s freeze                      every error whose code or text mentions "freeze"
  %(prog)s backup extension            errors that mention all of these words

In a browser, open index.html, or go.html?code=<code> to jump to an error.
"""


class LookupFailure(Exception):
    """errors.json is missing or unusable; the message says where and why."""


# ---- data -------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents, as the site folds codes: ``Código`` gives ``codigo``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def default_data_path() -> str:
    """``errors.json`` next to this file (the bundle's layout)."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "errors.json")


def load(path: str) -> Dict[str, Any]:
    """Read and check the few fields the tool relies on."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise LookupFailure(f"{path}: not found (lookup.py reads the errors.json next to it; use --data PATH)")
    except json.JSONDecodeError as exc:
        raise LookupFailure(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}")
    except (OSError, UnicodeDecodeError) as exc:
        raise LookupFailure(f"{path}: cannot read: {exc}")
    if not isinstance(data, dict) or not isinstance(data.get("errors"), list):
        raise LookupFailure(f"{path}:1: not an errors.json document (no 'errors' list)")
    return data


def pick(pair: Optional[Dict[str, Any]], lang: str) -> str:
    """One language of a ``{"pt-BR": ..., "en": ...}`` text; English falls back to Portuguese."""
    if not pair:
        return ""
    if lang == "en" and pair.get("en"):
        return pair["en"]
    return pair.get("pt-BR") or ""


def _strings(value: Any) -> List[str]:
    """Every string inside a JSON value (the searchable text of a record)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key in sorted(value) if key not in ("line", "kind", "url") for s in _strings(value[key])]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


class Index:
    """What a query is matched against: codes, ids, then titles and messages, then everything else."""

    def __init__(self, data: Dict[str, Any]) -> None:
        self.data = data
        self.errors: List[Dict[str, Any]] = [e for e in data["errors"] if isinstance(e, dict) and e.get("id")]
        self.by_id = {e["id"]: e for e in self.errors}
        self.by_url = {e.get("url"): e for e in self.errors}
        self.exact: Dict[str, List[Dict[str, Any]]] = {}
        for entry in self.errors:
            for key in dict.fromkeys(fold(c) for c in [entry["id"], *(entry.get("codes") or [])] if c):
                self.exact.setdefault(key, []).append(entry)
        for code, url in sorted((data.get("codes") or {}).items()):
            # the error the site's links go to comes first when several errors share a code
            first = self.by_url.get(url)
            found = self.exact.get(fold(code), [])
            if first in found:
                found.remove(first)
                found.insert(0, first)
        self.keys = {e["id"]: " ".join(fold(c) for c in [e["id"], *(e.get("codes") or [])]) for e in self.errors}
        self.heads = {
            e["id"]: fold(" ".join(_strings([e.get("title"), e.get("messages"), e.get("codes")]))) for e in self.errors
        }
        self.bodies = {
            e["id"]: fold(" ".join(_strings([e.get("details"), e.get("resolution"), e.get("category")])))
            for e in self.errors
        }

    def find_exact(self, text: str) -> List[Dict[str, Any]]:
        """The errors whose code or id is ``text`` (any case), or the one that replaced a source anchor."""
        key = fold(text.strip()).lstrip("#")
        if key in self.exact:
            return list(self.exact[key])
        anchors = self.data.get("anchors") or {}
        raw = text.strip().lstrip("#")
        entry = self.by_url.get(anchors[raw]) if raw in anchors else None
        return [entry] if entry is not None else []

    def search(self, words: List[str]) -> List[Dict[str, Any]]:
        """Errors matching a partial code or containing every word, best first."""
        folded = [fold(w) for w in words if w.strip()]
        if not folded:
            return []
        compact = "".join(folded)
        ranked: List[Tuple[int, int, Dict[str, Any]]] = []
        for order, entry in enumerate(self.errors):
            ident = entry["id"]
            if compact in self.keys[ident]:
                rank = 0
            elif all(w in self.keys[ident] or w in self.heads[ident] for w in folded):
                rank = 1
            elif all(w in self.keys[ident] or w in self.heads[ident] or w in self.bodies[ident] for w in folded):
                rank = 2
            else:
                continue
            ranked.append((rank, order, entry))
        return [entry for _, _, entry in sorted(ranked, key=lambda r: (r[0], r[1]))]

    def tokens_exact(self, words: List[str]) -> List[Dict[str, Any]]:
        """Known codes written anywhere in the words (a pasted log line), in order, without repeats."""
        found: List[Dict[str, Any]] = []
        for word in words:
            for token in re.split(r"[^\w-]+", word):
                for piece in [token, *token.split("-")]:
                    found += [e for e in (self.find_exact(piece) if piece else []) if e not in found]
        return found


# ---- inline markdown and HTML to plain text -----------------------------------

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_TARGET = r"((?:[^()\s]|\([^()\s]*\))+)"
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?" + _TARGET + r">?(?:\s+\"[^\"]*\")?\s*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?" + _TARGET + r">?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_EMPHASIS = [
    re.compile(r"\*\*(?=\S)(.+?)\*\*", re.S),
    re.compile(r"(?<![\w_])__(?=\S)(.+?)__(?![\w_])", re.S),
    re.compile(r"~~(?=\S)(.+?)~~", re.S),
    re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)\*(?![\w*])", re.S),
    re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)_(?![\w_])", re.S),
]
_HOLD = re.compile("\ue000(\\d+)\ue001")
_LINE = re.compile(r"^( *)(\d+\. |- )?(.*)$", re.S)


class _HtmlText(HTMLParser):
    """Lines of an HTML fragment: ``<br>`` breaks a line, ``<ol>``/``<ul>`` items become numbered or dashed lines.

    Each line is kept as (indent, marker, text) so that list items nest and a
    line break inside an item stays under the item's text.
    """

    BLOCKS = {"p", "div", "table", "tr", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: List[Tuple[int, str, List[str]]] = [(0, "", [])]
        self.lists: List[Dict[str, Any]] = []
        self.columns = [0]
        self.cells = 0

    def _newline(self, indent: Optional[int] = None, marker: str = "") -> None:
        self.lines.append((self.columns[-1] if indent is None else indent, marker, []))

    def _close_item(self) -> None:
        if self.lists and self.lists[-1]["open"]:
            self.columns.pop()
            self.lists[-1]["open"] = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "br":
            self._newline()
        elif tag in ("ol", "ul"):
            start = dict(attrs).get("start") or ""
            self.lists.append({"ordered": tag == "ol", "next": int(start) if start.isdigit() else 1, "open": False})
            self._newline()
        elif tag == "li":
            self._close_item()
            current = self.lists[-1] if self.lists else {"ordered": False, "next": 1, "open": False}
            marker = f"{current['next']}. " if current["ordered"] else "- "
            current["next"] += 1
            indent = self.columns[-1]
            self._newline(indent, marker)
            if self.lists:
                self.columns.append(indent + len(marker))
                current["open"] = True
        elif tag in ("td", "th"):
            self.lines[-1][2].append(" | " if self.cells else "")
            self.cells += 1
        elif tag in self.BLOCKS:
            self.cells = 0
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ol", "ul"):
            self._close_item()
            if self.lists:
                self.lists.pop()
            self._newline()
        elif tag == "li":
            self._close_item()
            self._newline()
        elif tag in self.BLOCKS:
            self._newline()

    def handle_data(self, data: str) -> None:
        self.lines[-1][2].append(data)

    def text(self) -> str:
        self.close()
        out = []
        for indent, marker, parts in self.lines:
            content = " ".join("".join(parts).split())
            if content or marker:
                out.append(" " * indent + marker + content)
        return "\n".join(out)


def html_text(html: str) -> str:
    """Plain text of an HTML fragment (tags dropped, entities decoded, lists kept as indented lines)."""
    parser = _HtmlText()
    parser.feed(html)
    return parser.text()


class Links:
    """Link targets of one rendered error, numbered in order of appearance: ``text [1]``."""

    def __init__(self, data: Dict[str, Any], lang: str, site_root: Optional[str]) -> None:
        self.anchors = data.get("anchors") or {}
        self.lang = lang
        self.site_root = site_root
        self.targets: List[str] = []

    def add(self, target: str) -> int:
        shown = self.describe(target)
        if shown not in self.targets:
            self.targets.append(shown)
        return self.targets.index(shown) + 1

    def describe(self, target: str) -> str:
        """Where a link leads, said so that it is useful without a browser."""
        ui = 0 if self.lang == "pt-BR" else 1
        if target.startswith("#"):
            page = self.anchors.get(target[1:])
            if page is None:
                return target
            location = page_location(page or "index.html", self.site_root)
            return f"{location} ({UI['in_bundle'][ui]})" if location != (page or "index.html") else location
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            return target
        return f"{target} ({UI['article'][ui]})"


def _code_span(code: str) -> str:
    """A code span's content as markdown reads it: line breaks are spaces, one padding space each side goes."""
    code = code.replace("\n", " ")
    if len(code) > 2 and code.startswith(" ") and code.endswith(" ") and code.strip():
        code = code[1:-1]
    return code


def inline(text: str, links: Optional[Links] = None) -> str:
    """Inline markdown (with inline HTML) as plain text; ``\\n`` only where the text breaks a line."""
    held: List[str] = []

    def hold(value: str) -> str:
        held.append(value)
        return f"\ue000{len(held) - 1}\ue001"

    text = _CODE_SPAN.sub(lambda m: hold(_code_span(m.group(2))), text)
    text = re.sub(r"(?: {2,}|\\)\n", "<br>", text)
    text = _ESCAPE.sub(lambda m: hold(m.group(1)), text)
    text = _AUTOLINK.sub(lambda m: hold(m.group(1)), text)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    if links is not None:
        text = _LINK.sub(lambda m: f"{m.group(1)} [{links.add(m.group(2))}]", text)
    else:
        text = _LINK.sub(lambda m: m.group(1), text)
    for pattern in _EMPHASIS:
        previous = None
        while previous != text:
            previous, text = text, pattern.sub(lambda m: m.group(1), text)
    text = text.replace("**", "").replace("\n", " ")
    return _HOLD.sub(lambda m: held[int(m.group(1))], html_text(text))


# ---- layout -----------------------------------------------------------------


def wrap(text: str, width: int, first: str = "", rest: Optional[str] = None) -> List[str]:
    """Wrap each line of ``text`` to ``width``; an indented or list line hangs under its own text."""
    rest = first if rest is None else rest
    out: List[str] = []
    lead = first
    for line in text.split("\n"):
        shape = _LINE.match(line)
        spaces, marker, body = shape.group(1), shape.group(2) or "", shape.group(3)
        head = lead + spaces + marker
        hang = rest + spaces + " " * len(marker)
        room = max(width, len(head) + 20, len(hang) + 20)
        out += textwrap.wrap(body, room, initial_indent=head, subsequent_indent=hang,
                             break_long_words=False, break_on_hyphens=False) or [head.rstrip()]
        lead = rest
    return out


class Renderer:
    """Plain text of one error: heading, messages, category, resolution blocks, links, page."""

    def __init__(self, index: Index, lang: str, width: int, site_root: Optional[str]) -> None:
        self.index = index
        self.lang = lang
        self.ui = 0 if lang == "pt-BR" else 1
        self.width = width
        self.site_root = site_root

    def label(self, key: str) -> str:
        return UI[key][self.ui]

    def entry(self, entry: Dict[str, Any]) -> str:
        links = Links(self.index.data, self.lang, self.site_root)
        codes = [c for c in entry.get("codes") or [] if c]
        heading = " / ".join(codes) if codes else inline(pick(entry.get("title"), self.lang)) or entry["id"]
        lines = wrap(heading, self.width)
        lines.append("=" * max(len(line) for line in lines))
        title = pick(entry.get("title"), self.lang)
        messages = entry.get("messages") or []
        texts = [pick(m.get("text"), self.lang) for m in messages]
        same = [bool(t) and t.rstrip(". ") == title.rstrip(". ") for t in texts]
        if codes and title and not any(same):
            lines += wrap(inline(title, links), self.width)
            lines.append("")
        for message, text, repeats_heading in zip(messages, texts, same):
            if message.get("code"):
                lines += wrap(message["code"], self.width, f"{self.label('code')}: ", "  ")
            if text and not (repeats_heading and not codes):
                lines += wrap(inline(text, links), self.width, f"{self.label('message')}: ", "  ")
        category = pick((entry.get("category") or {}).get("title"), self.lang)
        if category:
            lines.append(f"{self.label('category')}: {inline(category)}")
        details = [inline(pick(detail, self.lang), links) for detail in entry.get("details") or []]
        if any(details):
            lines.append("")
            for detail in details:
                lines += wrap(detail, self.width)
        resolution = (entry.get("resolution") or {})
        blocks = resolution.get(self.lang) or resolution.get("pt-BR") or []
        if blocks:
            lines += ["", self.label("resolution"), "-" * len(self.label("resolution"))]
            lines += self.blocks(blocks, "", links)
        restated = self.index.by_id.get(entry.get("restates") or "")
        if restated is not None:
            lines += ["", f"{self.label('restates')}: {' / '.join(restated.get('codes') or []) or restated['id']}"]
        if links.targets:
            lines += ["", self.label("links")]
            for number, target in enumerate(links.targets, 1):
                lines += wrap(target, self.width, f"  [{number}] ", "      ")
        lines.append("")
        if entry.get("url"):
            lines += wrap(page_location(entry["url"], self.site_root), self.width, f"{self.label('page')}: ", "  ")
        source = entry.get("source") or {}
        if source.get("path"):
            lines.append(f"{self.label('source')}: {source['path']}:{source.get('line', 0)}")
        return "\n".join(lines)

    def blocks(self, blocks: List[Dict[str, Any]], indent: str, links: Links) -> List[str]:
        out: List[str] = []
        for block in blocks:
            rendered = self.block(block, indent, links)
            if rendered:
                if out:
                    out.append(indent.rstrip())
                out += rendered
        return out

    def block(self, block: Dict[str, Any], indent: str, links: Links) -> List[str]:
        kind = block.get("kind")
        if kind == "paragraph":
            return wrap(inline(block.get("text", ""), links), self.width, indent)
        if kind == "list":
            return self.list(block, indent, links)
        if kind == "code":
            code = block.get("code", "").rstrip("\n").expandtabs(4)
            return [f"{indent}    {line}".rstrip() for line in code.split("\n")]
        if kind == "note":
            bar = indent + "| "
            note_type = str(block.get("note_type", "")).upper()
            body = self.blocks(block.get("blocks") or [], bar, links)
            head = [f"{bar}{UI[note_type][self.ui]}:"] if note_type in UI else []
            return head + body
        if kind == "html":
            return wrap(inline(block.get("html", ""), links), self.width, indent)
        if kind == "table":
            return self.table(block, indent, links)
        text = " ".join(_strings(block))
        return wrap(inline(text, links), self.width, indent) if text else []

    def list(self, block: Dict[str, Any], indent: str, links: Links) -> List[str]:
        out: List[str] = []
        start = block.get("start", 1) if isinstance(block.get("start"), int) else 1
        for number, item in enumerate(block.get("items") or [], start):
            marker = f"{number}. " if block.get("ordered") else "- "
            hang = indent + " " * len(marker)
            text = inline(item.get("text", ""), links)
            out += wrap(text, self.width, indent + marker, hang)
            out += self.blocks(item.get("children") or [], hang, links)
        return out

    def table(self, block: Dict[str, Any], indent: str, links: Links) -> List[str]:
        header = [" ".join(inline(c, links).split()) for c in block.get("header") or []]
        rows = [[" ".join(inline(c, links).split()) for c in row] for row in block.get("rows") or []]
        columns = max([len(header), *(len(r) for r in rows)] or [0])
        grid = [r + [""] * (columns - len(r)) for r in [header, *rows]]
        widths = [max(len(r[i]) for r in grid) for i in range(columns)]
        if columns and len(indent) + sum(widths) + 3 * (columns - 1) <= self.width:
            lines = [indent + " | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in grid]
            lines.insert(1, indent + "-+-".join("-" * w for w in widths))
            return lines
        out: List[str] = []
        names = grid[0]
        for row in grid[1:]:
            if out:
                out.append(indent.rstrip())
            for name, cell in zip(names, row):
                out += wrap(cell, self.width, f"{indent}{name}: " if name else indent, indent + "  ")
        return out

    def listing(self, entries: List[Dict[str, Any]], query: str, prog: str) -> str:
        count = self.label("matches_one") if len(entries) == 1 else self.label("matches").format(n=len(entries))
        lines = [f"{count} \u201c{query}\u201d:", ""]
        for entry in entries:
            codes = ", ".join(c for c in entry.get("codes") or [] if c)
            lines.append(codes or f"{entry['id']} {self.label('no_code')}")
            lines += wrap(inline(pick(entry.get("title"), self.lang)), self.width, "    ")
        if len(entries) > 1:
            lines += ["", self.label("show_one").format(prog=prog)]
        return "\n".join(lines)


def page_location(url: str, site_root: Optional[str]) -> str:
    """A site path as the reader can open it: a file of the bundle when there is one, else the path."""
    if site_root:
        path = os.path.join(site_root, *url.split("/"))
        if os.path.exists(path.split("#")[0]):
            return path
    return url


def terminal_width() -> int:
    """Columns of the terminal (COLUMNS, then the terminal itself, then 80), one left free."""
    return max(shutil.get_terminal_size((80, 24)).columns - 1, 30)


# ---- command line -----------------------------------------------------------


def parse_args(argv: Optional[List[str]], prog: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Look up Azure VM backup error codes in errors.json: an exact code (any case) prints the "
        "error with its resolution steps; part of a code or words list the errors that match.",
        epilog=HELP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("query", nargs="+", help="an error code, part of one, or words of the message")
    parser.add_argument("--lang", default="pt-BR", type=_language, metavar="{pt-BR,en}",
                        help="language of the output (default pt-BR); English falls back to Portuguese "
                        "where a text is not translated")
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
    args = parse_args(argv, prog)
    _quiet_encoding_errors()
    try:
        if data is None:
            path = args.data or default_data_path()
            data = load(path)
            if site_root is None:
                site_root = os.path.dirname(os.path.abspath(path))
    except LookupFailure as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return FAILED
    index = Index(data)
    renderer = Renderer(index, args.lang, args.width if args.width and args.width > 0 else terminal_width(), site_root)
    words = [w for w in args.query if w.strip()]
    query = " ".join(words)
    exact = [index.find_exact(w) for w in words]
    if words and all(exact):
        unique: List[Dict[str, Any]] = []
        for found in exact:
            unique += [e for e in found if e not in unique]
        return _emit("\n\n\n".join(renderer.entry(e) for e in unique))
    matches = index.search(words)
    if len(matches) == 1:
        return _emit(renderer.listing(matches, query, prog) + "\n\n\n" + renderer.entry(matches[0]))
    if matches:
        return _emit(renderer.listing(matches, query, prog))
    pasted = index.tokens_exact(words)
    if pasted:
        return _emit("\n\n\n".join(renderer.entry(e) for e in pasted))
    print(f"{prog}: {renderer.label('none')} \u201c{query}\u201d.", file=sys.stderr)
    print(renderer.label("none_hint").format(prog=prog), file=sys.stderr)
    return NOT_FOUND


def _emit(text: str) -> int:
    try:
        sys.stdout.write(text.rstrip("\n") + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # ``lookup.py freeze | head``: the reader left; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return FOUND


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
