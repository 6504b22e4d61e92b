"""Plain text of an ``errors.json`` record for a terminal: what ``lookup.py`` prints.

Inline markdown and HTML become text, lists stay numbered and indented, links are
numbered with their absolute targets listed under the error, prose is wrapped to
the terminal while code (spans and blocks) is never broken, and control characters
from the data (ESC, CSI, OSC, C1, bidirectional overrides) are shown as ``\\xNN``
escapes instead of reaching the terminal. Standard library only, Python 3.8: the
offline bundle ships this file next to ``lookup.py``. Every pattern here runs in
time linear in its input (code spans are paired by a scanner, not a regex).
"""

from __future__ import annotations

import os
import re
import textwrap
from typing import Any, Dict, List, Optional
from urllib.parse import urljoin

if __package__:
    from .plain_inline import inline, plain
else:  # next to lookup.py in the bundle, run as a script
    from plain_inline import inline, plain  # type: ignore[no-redef]

LEARN_BASE = "https://learn.microsoft.com/azure/backup/"
"""Where links to other Azure Backup articles point, as on the site's pages."""

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
    "not_here": ("não está nesta base de conhecimento.", "is not in this knowledge base."),
    "closest": ("Códigos mais próximos:", "Closest codes:"),
    "scope": ("Esta base cobre {errors} erros, {codes} códigos de erro e {topics} tópicos, de {sources} artigo(s) de origem.",
              "This knowledge base covers {errors} errors, {codes} error codes and {topics} topics, from {sources} source article(s)."),
    "learn": ("Pesquisar no Microsoft Learn (precisa de internet):", "Search Microsoft Learn (needs the internet):"),
    "more": ("… e mais {n} (use --all para ver todos)", "… and {n} more (use --all to see them all)"),
    "found_text": ("Código encontrado no texto: {code}", "Code found in the text: {code}"),
    "found_inner": ("o mais interno de {n} códigos conhecidos: {codes}", "the innermost of {n} known codes: {codes}"),
    "alias": ("{code} é outro código deste erro", "{code} is another code of this error"),
    "same_number": ("{spelled} é outra grafia de {code}", "{spelled} is another spelling of {code}"),
    "win32": ("{spelled} é um HRESULT que contém o erro Win32 {code}", "{spelled} is an HRESULT that wraps Win32 error {code}"),
    "hresult": ("O erro Win32 {spelled} está contido no HRESULT {code}", "Win32 error {spelled} is wrapped by HRESULT {code}"),
    "bad_data": ("não é um errors.json que esta ferramenta saiba ler", "is not an errors.json this tool can read"),
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

def pick(pair: Optional[Dict[str, Any]], lang: str) -> str:
    """One language of a ``{"pt-BR": ..., "en": ...}`` text; English falls back to Portuguese."""
    if not pair:
        return ""
    if lang == "en" and pair.get("en"):
        return pair["en"]
    return pair.get("pt-BR") or ""


def strings(value: Any) -> List[str]:
    """Every string inside a JSON value (the searchable text of a record)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key in sorted(value) if key not in ("line", "kind", "url") for s in strings(value[key])]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []




# ---- control characters -------------------------------------------------------

_CONTROLS = [c for c in range(0x00, 0xA0) if (c < 0x20 and c not in (0x09, 0x0A)) or c >= 0x7F] + [
    0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_SHOWN = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _CONTROLS}
_JSON = {c: f"\\u{c:04x}" for c in _CONTROLS}


def visible(text: str) -> str:
    """``text`` with every control character written out (``\\x1b``): nothing can steer the terminal."""
    return text.translate(_SHOWN)


def json_visible(text: str) -> str:
    """A JSON document with the control characters that ``json.dumps`` leaves raw (C1, DEL, bidi) escaped."""
    return text.translate(_JSON)

_LINE = re.compile(r"^( *)(\d+\. |- )?(.*)$", re.S)


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
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", target, re.I):
            return target
        path, mark, rest = re.match(r"([^?#]*)([?#]?)(.*)", target, re.S).groups()
        path = path[:-3] if path.endswith(".md") else path
        return f"{urljoin(LEARN_BASE, path)}{mark}{rest} ({UI['article'][ui]})"


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
    return [plain(line) for line in out]


class Renderer:
    """Plain text of one error: heading, messages, category, resolution blocks, links, page."""

    def __init__(self, index: Any, lang: str, width: int, site_root: Optional[str]) -> None:
        """``index`` has ``data`` (the errors.json document) and ``by_id`` (error id → record)."""
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
            lines.append(f"{self.label('category')}: {plain(inline(category))}")
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
        text = " ".join(strings(block))
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
        header = [" ".join(plain(inline(c, links)).split()) for c in block.get("header") or []]
        rows = [[" ".join(plain(inline(c, links)).split()) for c in row] for row in block.get("rows") or []]
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

    def listing(self, entries: List[Dict[str, Any]], query: str, prog: str, total: Optional[int] = None) -> str:
        """The numbered list of errors that match ``query`` (the first ``len(entries)`` of ``total``)."""
        total = len(entries) if total is None else total
        count = self.label("matches_one") if total == 1 else self.label("matches").format(n=total)
        lines = [f"{count} \u201c{query}\u201d:", ""]
        for number, entry in enumerate(entries, 1):
            codes = ", ".join(c for c in entry.get("codes") or [] if c)
            lines.append(f"{number:>2}. {codes or entry['id'] + ' ' + self.label('no_code')}")
            lines += wrap(inline(pick(entry.get("title"), self.lang)), self.width, "    ")
            if entry.get("url"):
                lines += wrap(page_location(entry["url"], self.site_root), self.width, "    ")
        if total > len(entries):
            lines += ["", self.label("more").format(n=total - len(entries))]
        if total > 1:
            lines += ["", self.label("show_one").format(prog=prog)]
        return "\n".join(lines)


def page_location(url: str, site_root: Optional[str]) -> str:
    """A site path as the reader can open it: a file of the bundle when there is one, else the path."""
    if site_root:
        path = os.path.join(site_root, *url.split("/"))
        if os.path.exists(path.split("#")[0]):
            return path
    return url


