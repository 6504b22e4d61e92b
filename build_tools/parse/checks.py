"""Checks on a parsed article: links to anchors that do not exist, and HTML that will not survive.

They report and change nothing: the page renderer sanitizes the HTML, and a
link to a missing anchor is still published as written.
"""

from __future__ import annotations

import re
from typing import Iterable
from urllib.parse import unquote

from markdown_it.token import Token

from .blocks import MAX_NESTING
from . import vocabulary as vocab
from .codes import error_word, find_codes, fold, shape, tokens
from ..model import Link, TableBlock
from .tables import Columns, cell_codes
from ..problems import Problems

_DANGEROUS_TAG = re.compile(r"<\s*(script|iframe|object|embed|style|form|frame|frameset|meta|link|base)\b", re.I)
_HANDLER = re.compile(r"<[a-z][^<>]*\s(on[a-z]+)\s*=", re.I)
_BAD_URL = re.compile(r"(?:\]\(\s*<?|\b(?:href|src)\s*=\s*[\"']?\s*)(javascript|vbscript|data)\s*:", re.I)
_CONTAINERS = ("ol", "ul", "div", "table", "details", "blockquote")
_TAG = re.compile(r"<(/?)(" + "|".join(_CONTAINERS) + r")\b[^<>]*>", re.I)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_RUNAWAY = {  # HTML blocks that markdown-it ends only at their closer: unclosed, they swallow the article
    "<!--": "-->", "<script": "</script>", "<pre": "</pre>", "<style": "</style>", "<textarea": "</textarea>",
}


def missing_anchors(links: Iterable[Link], anchors: set[str], path: str, problems: Problems) -> None:
    """Warn about every ``#anchor`` link whose anchor is not in ``anchors``."""
    seen: set[tuple[int, str]] = set()
    for link in links:
        if link.kind != "anchor" or (link.line, link.target) in seen:
            continue
        seen.add((link.line, link.target))
        name = unquote(link.target[1:])
        if not name:
            problems.warn(path, link.line, "link to an empty anchor '#'")
        elif name not in anchors:
            problems.warn(path, link.line, f"link to missing anchor {link.target!r}: no heading or <a name> has it")


def html_problems(tokens: list[Token], lines: list[str], path: str, problems: Problems) -> None:
    """Report scripts, event handlers and script URLs, unbalanced list/div tags and HTML blocks left open."""
    code_lines = _code_lines(tokens)
    for n, raw in enumerate(lines, start=1):
        if n in code_lines or "<" not in raw and ":" not in raw:
            continue
        text = _CODE_SPAN.sub("", raw)
        for match in _DANGEROUS_TAG.finditer(text):
            problems.warn(path, n, f"<{match.group(1).lower()}> in the source is removed from the page (not allowed HTML)")
        for match in _HANDLER.finditer(text):
            problems.warn(path, n, f"event handler attribute {match.group(1).lower()}= is removed from the page")
        for match in _BAD_URL.finditer(text):
            problems.warn(path, n, f"{match.group(1).lower()}: link is removed from the page (only http(s), mailto and relative links)")
    for token in tokens:
        if token.type == "html_block" and token.map:
            _runaway(token, len(lines), path, problems)
    for first, last in _balance_spans(tokens):
        _balance(lines, first, last, code_lines, path, problems)


def structure_problems(tokens: list[Token], text: str, path: str, problems: Problems) -> None:
    """Report front matter left open and blocks nested so deep that markdown-it stops reading them."""
    if text.startswith("---\n") and not (tokens and tokens[0].type == "front_matter"):
        problems.warn(path, 1, "front matter opened with '---' is never closed with '---'; read as text")
    deep = next((t for t in tokens if t.level >= MAX_NESTING - 1 and t.map), None)
    if deep is not None and deep.map:
        problems.warn(
            path, deep.map[0] + 1,
            f"quotes or lists nested more than {MAX_NESTING - 1} levels deep; the text below that depth is not published",
        )


def _code_lines(tokens: list[Token]) -> set[int]:
    out: set[int] = set()
    for token in tokens:
        if token.type in ("fence", "code_block") and token.map:
            out.update(range(token.map[0] + 1, token.map[1] + 1))
    return out


def _runaway(token: Token, total: int, path: str, problems: Problems) -> None:
    start = token.content.lstrip().lower()
    for opener, closer in _RUNAWAY.items():
        if start.startswith(opener) and closer not in token.content.lower():
            last = token.map[1]
            problems.warn(
                path, token.map[0] + 1,
                f"{opener}{'' if opener == '<!--' else '>'} is never closed ({closer} missing): "
                f"lines {token.map[0] + 1}-{last} are hidden from the page",
            )
            return


def _balance_spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """Where tags must balance: each table row on its own, each other top-level block as a whole."""
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if not token.map:
            continue
        if token.type == "tr_open" and token.level == 2:
            spans.append((token.map[0] + 1, token.map[1]))
        elif token.level == 0 and token.nesting >= 0 and token.type not in ("table_open", "heading_open", "front_matter"):
            spans.append((token.map[0] + 1, token.map[1]))
    return spans


def _balance(lines: list[str], first: int, last: int, code_lines: set[int], path: str, problems: Problems) -> None:
    open_tags: list[tuple[str, int]] = []
    for n in range(first, last + 1):
        if n in code_lines or n > len(lines) or "<" not in lines[n - 1]:
            continue
        for match in _TAG.finditer(_CODE_SPAN.sub("", lines[n - 1])):
            closing, name = match.group(1) == "/", match.group(2).lower()
            if not closing:
                open_tags.append((name, n))
            elif any(tag == name for tag, _ in open_tags):
                while open_tags:
                    tag, line = open_tags.pop()
                    if tag == name:
                        break
                    problems.notice(path, line, f"<{tag}> is never closed; closed with </{name}> on line {n}")
            else:
                problems.notice(path, n, f"</{name}> has no matching <{name}>; ignored")
    for tag, line in dict.fromkeys(open_tags):
        problems.notice(path, line, f"<{tag}> is never closed; closed at the end of its block")


def lost_codes(
    headings: Iterable[tuple[int, str]], tables: Iterable[tuple[TableBlock, Columns]], known: set[str],
    path: str, problems: Problems,
) -> None:
    """Warn about code-shaped text in an error heading or error table that no record carries.

    Silence then means that nothing that looks like a code was lost. In a code
    column every value counts; elsewhere only shapes that are codes on their own
    (``0x80070005``, ``ERROR_X``, ``AADSTS50059``, an identifier naming a failure).
    """
    seen: set[tuple[int, str]] = set()

    def report(line: int, token: str, where: str) -> None:
        if token in known or (line, token) in seen:
            return
        seen.add((line, token))
        problems.warn(path, line, f"code-shaped text {token!r} in an {where} is in no record")

    for line, text in headings:
        for token in _standalone_codes(text):
            report(line, token, "error heading")
    for table, columns in tables:
        quiet = {i for i, h in enumerate(table.header) if any(w in fold(h) for w in vocab.NOT_CODE_HEADERS)}
        for cells, line in zip(table.rows, table.row_lines):
            for i, cell in enumerate(cells):
                if i in quiet:
                    continue
                if i in columns.codes:
                    for token in cell_codes(cell, True) or find_codes(cell):
                        report(line, token, "error table's code column")
                elif i != columns.resolution:
                    for token in _standalone_codes(cell):
                        report(line, token, "error table")


def _standalone_codes(text: str) -> list[str]:
    plain = re.sub(r"\]\([^)]*\)|https?://\S+|`[^`]*`", " ", text)
    return [t for t, _s, _e in tokens(plain)
            if shape(t) in ("hex", "hresult", "snake", "prefixed") or shape(t) == "camel" and error_word(t)]


_INCLUDE = re.compile(r"\[!INCLUDE\b", re.I)


def includes(lines: list[str], path: str, problems: Problems) -> None:
    """``[!INCLUDE [x](../includes/y.md)]`` pulls in a file that is not available here: its line stays as text."""
    for n, line in enumerate(lines, start=1):
        if "[!" in line and _INCLUDE.search(line):
            problems.notice(path, n, "[!INCLUDE] names a file that is not available; the line is kept as text")
