"""Inline markdown and HTML as plain text for a terminal: links numbered, code spans kept whole, nothing re-read.

``inline(text, links)`` and ``html_text(html)``, for ``plain_text.Renderer``. Every pattern runs in time linear in
its input (code spans are paired by a scanner, not a regex). Standard library only and Python 3.8 syntax: the
offline bundle ships it next to ``lookup.py``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Protocol, Any, Dict, List, Optional, Tuple

KEEP = "\ue002"
"""Stands for a space inside code while text is wrapped, so a command is never cut in two."""


_BACKTICKS = re.compile(r"`+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_TARGET = r"((?:[^()\s]|\([^()\s]*\))+)"
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\(\s*<?" + _TARGET + r">?(?:\s+\"[^\"]*\")?\s*\)")
_LINK = re.compile(r"\[([^\[\]]+)\]\(\s*<?" + _TARGET + r">?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_HARD_BREAK = re.compile(r"(?:(?<! ) {2,}|\\)\n")
_EMPHASIS = [
    # the content never holds its own delimiter, so an opener scans only up to the next one: linear time
    re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)\*\*"),
    re.compile(r"(?<![\w_])__(?=\S)((?:[^_]|_(?!_))+?)__(?![\w_])"),
    re.compile(r"~~(?=\S)((?:[^~]|~(?!~))+?)~~"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=[^\s_])([^_]+?)_(?![\w_])"),
]
EMPHASIS_DEPTH = 3
"""Emphasis nested deeper than this keeps its inner marks (each level is one more pass over the text)."""
_LONE_TAG = re.compile(r"<(?=[^<>]*(?:<|$))")
"""A ``<`` that no ``>`` closes before the next ``<``: text, not a tag (HTMLParser is slow on thousands of them)."""
_HOLD = re.compile("\ue000(\\d+)\ue001")


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
    parser.feed(_LONE_TAG.sub("&lt;", html))
    return parser.text()


def _code_span(code: str) -> str:
    """A code span's content as markdown reads it: line breaks are spaces, one padding space each side goes."""
    code = code.replace("\n", " ")
    if len(code) > 2 and code.startswith(" ") and code.endswith(" ") and code.strip():
        code = code[1:-1]
    return code


def code_spans(text: str, replace: Any) -> str:
    """``text`` with each code span replaced by ``replace(content)``: a run of n backticks pairs with the next run
    of exactly n (CommonMark), found by one scan over the runs, so 16,000 backticks cost no more than 16,000 letters."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: Dict[int, List[int]] = {}
    for number, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(number)
    cursor = {length: 0 for length in by_length}
    out: List[str] = []
    done, number = 0, 0
    while number < len(runs):
        start, end = runs[number]
        same = by_length[end - start]
        at = cursor[end - start]
        while at < len(same) and same[at] <= number:
            at += 1
        cursor[end - start] = at
        if at == len(same):
            number += 1  # no closing run: the backticks are text
            continue
        closer = same[at]
        out += [text[done:start], replace(text[end:runs[closer][0]])]
        done = runs[closer][1]
        number = closer + 1
    out.append(text[done:])
    return "".join(out)


class LinkNumbers(Protocol):
    """What numbers a link's target: ``plain_text.Links``."""

    def add(self, target: str) -> int: ...


def plain(text: str) -> str:
    """Text as printed: the spaces inside code are spaces again."""
    return text.replace(KEEP, " ")


def inline(text: str, links: Optional[LinkNumbers] = None) -> str:
    """Inline markdown (with inline HTML) as plain text; ``\\n`` only where the text breaks a line."""
    held: List[str] = []

    def hold(value: str) -> str:
        held.append(value)
        return f"\ue000{len(held) - 1}\ue001"

    text = code_spans(text, lambda code: hold(_code_span(code).replace(" ", KEEP)))
    text = _HARD_BREAK.sub("<br>", text)
    text = _ESCAPE.sub(lambda m: hold(m.group(1)), text)
    text = _AUTOLINK.sub(lambda m: hold(m.group(1)), text)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    if links is not None:
        text = _LINK.sub(lambda m: f"{m.group(1)} [{links.add(m.group(2))}]", text)
    else:
        text = _LINK.sub(lambda m: m.group(1), text)
    for pattern in _EMPHASIS:
        for _ in range(EMPHASIS_DEPTH):
            previous, text = text, pattern.sub(lambda m: m.group(1), text)
            if previous == text:
                break
    text = text.replace("**", "").replace("\n", " ")
    return _HOLD.sub(lambda m: held[int(m.group(1))], html_text(text))


