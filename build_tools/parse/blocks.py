"""markdown-it tokens to Block records, and the links inside inline text."""

from __future__ import annotations

import re
from typing import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from ..model import Block, CodeBlock, HtmlBlock, Link, ListBlock, ListItem, Note, Paragraph, TableBlock

MD = MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)
"""The one markdown-it configuration used to read source articles."""

MAX_NESTING = 50
BLOCK_MD = (
    MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    .enable("table").use(front_matter_plugin).disable("inline")
)
"""The same configuration, block level only (the parser keeps inline text as written, so it skips
inline parsing). Blocks nested deeper than ``MAX_NESTING`` are cut off by markdown-it; the parser reports it."""

_NOTE = re.compile(r"^\s*\[!(?P<kind>[A-Z]+)\]\s*", re.I)


def line_of(token: Token) -> int:
    """1-based source line of a block token."""
    return token.map[0] + 1 if token.map else 0


def block_ranges(tokens: Sequence[Token], start: int, end: int) -> list[tuple[int, int]]:
    """``[first, last)`` token ranges of the blocks directly inside ``tokens[start:end]``."""
    ranges = []
    i = start
    while i < end:
        depth = tokens[i].nesting
        j = i + 1
        while depth > 0 and j < end:
            depth += tokens[j].nesting
            j += 1
        ranges.append((i, j))
        i = j
    return ranges


def to_blocks(tokens: Sequence[Token], start: int, end: int) -> list[Block]:
    """The Block records for ``tokens[start:end]``."""
    blocks: list[Block] = []
    for first, last in block_ranges(tokens, start, end):
        block = to_block(tokens, first, last)
        if block is not None:
            blocks.append(block)
    return blocks


def span_of(tokens: Sequence[Token], first: int, last: int) -> tuple[int, int]:
    """First and last source line (1-based, inclusive) of the block ``tokens[first:last]``."""
    token = tokens[first]
    if not token.map:
        return 0, -1
    return token.map[0] + 1, max(token.map[0] + 1, token.map[1])


def to_block(tokens: Sequence[Token], first: int, last: int) -> Block | None:
    """The Block record for the block ``tokens[first:last]``; None for a token kind that holds no content."""
    token = tokens[first]
    line = line_of(token)
    if token.type == "paragraph_open":
        return Paragraph(tokens[first + 1].content, line)
    if token.type == "heading_open":
        # a heading inside a list item or a quote: its text stays, as a bold line
        return Paragraph(f"**{tokens[first + 1].content.strip()}**", line)
    if token.type in ("bullet_list_open", "ordered_list_open"):
        items = []
        for item_first, item_last in block_ranges(tokens, first + 1, last - 1):
            items.append(_to_item(tokens, item_first, item_last))
        start = int(token.attrGet("start") or 1)
        return ListBlock(token.type == "ordered_list_open", start, tuple(items), line)
    if token.type in ("fence", "code_block"):
        return CodeBlock(token.content, token.info.strip(), line)
    if token.type == "html_block":
        return HtmlBlock(token.content, line)
    if token.type == "blockquote_open":
        inner = to_blocks(tokens, first + 1, last - 1)
        note_type = "quote"
        if inner and isinstance(inner[0], Paragraph):
            match = _NOTE.match(inner[0].text)
            if match:
                note_type = match.group("kind").upper()
                rest = inner[0].text[match.end():].strip()
                inner[0:1] = [Paragraph(rest, inner[0].line)] if rest else []
        return Note(note_type, tuple(inner), line)
    if token.type == "table_open":
        header: list[str] = []
        rows: list[tuple[str, ...]] = []
        row_lines: list[int] = []
        row: list[str] = []
        for t in tokens[first:last]:
            if t.type == "tr_open":
                row = []
                if header:
                    row_lines.append(line_of(t))
            elif t.type == "inline":
                row.append(t.content)
            elif t.type == "tr_close":
                if not header:
                    header = row
                else:
                    rows.append(tuple(row))
        return TableBlock(tuple(header), tuple(rows), line, tuple(row_lines))
    if token.type == "hr":
        return HtmlBlock("<hr>", line)
    return None


def _to_item(tokens: Sequence[Token], first: int, last: int) -> ListItem:
    children = to_blocks(tokens, first + 1, last - 1)
    text = ""
    if children and isinstance(children[0], Paragraph):
        text = children.pop(0).text
    return ListItem(text, line_of(tokens[first]), tuple(children))


def inline_texts(block: Block) -> list[tuple[str, int]]:
    """Every piece of inline text inside a block, with its line (a table cell: its row's): what is translated and searched."""
    if isinstance(block, Paragraph):
        return [(block.text, block.line)]
    if isinstance(block, ListBlock):
        out = []
        for item in block.items:
            if item.text:
                out.append((item.text, item.line))
            for child in item.children:
                out.extend(inline_texts(child))
        return out
    if isinstance(block, Note):
        return [t for b in block.blocks for t in inline_texts(b)]
    if isinstance(block, TableBlock):
        out = [(cell, block.line) for cell in block.header]
        for n, row in enumerate(block.rows):
            line = block.row_lines[n] if n < len(block.row_lines) else block.line
            out.extend((cell, line) for cell in row)
        return out
    return []


def classify(target: str) -> str:
    """``anchor``, ``article`` or ``external`` for a link target."""
    if target.startswith("#"):
        return "anchor"
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("//"):
        return "external"
    return "article"


_HTML_LINK = re.compile(r"<a\s[^<>]*?\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)


def links_in(text: str, line: int) -> list[Link]:
    """The links written in a piece of inline markdown; ``line`` is the text's first line."""
    if "](" not in text and "<" not in text and "]:" not in text:
        return []  # fast path: no link syntax at all
    links = []
    searched = newlines = 0
    for token in MD.parseInline(text):
        children = token.children or []
        for i, child in enumerate(children):
            raw = _HTML_LINK.match(child.content) if child.type == "html_inline" else None
            if child.type == "link_open" or raw:
                # a markdown link, or a raw <a href="..."> (its label runs to the next </a>)
                href = str(child.attrGet("href") or "") if not raw else next(v for v in raw.groups() if v is not None)
                label = []
                for j in range(i + 1, len(children)):  # no slice: a copy per link is quadratic
                    inner = children[j]
                    if inner.type == "link_close" or (raw and inner.type == "html_inline" and inner.content.lower().startswith("</a")):
                        break
                    label.append(inner.content)
                at = text.find(href, searched) if href else -1
                offset = 0
                if at >= 0:  # newlines are counted once, from the previous link on
                    newlines += text.count("\n", searched, at)
                    offset = newlines
                    newlines += text.count("\n", at, at + len(href))
                    searched = at + len(href)
                links.append(Link(href, classify(href), "".join(label), line + offset))
    return links


def block_links(blocks: Sequence[Block]) -> list[Link]:
    """Every link inside ``blocks``, in order, each with the source line it is written on."""
    return [link for block in blocks for text, line in inline_texts(block) for link in links_in(text, line)]


def map_texts(blocks: Sequence[Block], fn) -> tuple[Block, ...]:
    """The same blocks with every inline text replaced by ``fn(text, index)``.

    ``index`` counts texts in the order of ``inline_texts``, so it matches the
    segment keys of the translation catalog.
    """
    counter = iter(range(1 << 30))

    def text(value: str) -> str:
        return fn(value, next(counter))

    def walk(block: Block) -> Block:
        if isinstance(block, Paragraph):
            return Paragraph(text(block.text), block.line)
        if isinstance(block, ListBlock):
            items = []
            for item in block.items:
                new_text = text(item.text) if item.text else ""
                items.append(ListItem(new_text, item.line, tuple(walk(c) for c in item.children)))
            return ListBlock(block.ordered, block.start, tuple(items), block.line)
        if isinstance(block, Note):
            return Note(block.note_type, tuple(walk(b) for b in block.blocks), block.line)
        if isinstance(block, TableBlock):
            header = tuple(text(c) for c in block.header)
            rows = tuple(tuple(text(c) for c in row) for row in block.rows)
            return TableBlock(header, rows, block.line, block.row_lines)
        return block

    return tuple(walk(b) for b in blocks)
