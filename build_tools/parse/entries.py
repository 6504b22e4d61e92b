"""Error entries from headings: ``### <a name=...></a>Code - texto`` and what follows it.

The codes and messages come from the heading, from ``Código de erro:`` /
``Mensagem de erro:`` lines (or a key/value table) under it, or from a
``| Mensagem de erro | Ação recomendada |`` table right under a heading that
names only the code. Everything else under the heading is the resolution.
"""

from __future__ import annotations

from .blocks import block_links, links_in
from .codes import english_from_anchor, escape_code_tags, fold
from .labels import parse_labels
from ..model import Block, CodeMessage, ErrorEntry, Paragraph, TableBlock
from ..problems import Problems
from .sections import Section
from .tables import Columns, Row, error_columns, lift_tables, read_rows, vertical_labels


def heading_entry(
    section: Section, category: str, path: str, source_lines: list[str], problems: Problems,
) -> tuple[ErrorEntry, list[TableBlock]]:
    """The entry of an error heading, and the error tables inside it that list further errors."""
    body = list(section.blocks)
    messages, details, resolution = _labels(body, path, problems)
    for child in parts_of(section):
        body.append(Paragraph(f"**{child.text}**", child.line))
        body.extend(child.blocks)

    kept: list[Block] = []
    tables: list[TableBlock] = []
    for block in body:
        rest, lifted = lift_tables(block)
        tables.extend(lifted)
        if rest is not None:
            kept.append(rest)
    codes = list(dict.fromkeys([*section.codes, *(m.code for m in messages if m.code)]))
    if not any(m.message for m in messages):
        # "### Code" then "| Mensagem de erro | Ação recomendada |": the table tells this error's message
        table = next((t for t in tables if not (error_columns(t) or Columns((0,), (), 0, -1, -1)).coded), None)
        if table is not None:
            tables.remove(table)
            rows, _skipped = read_rows(table, error_columns(table) or Columns((), (), 0, -1, 1), path, source_lines, problems)
            messages, extra_details, steps = _absorb(rows, codes or [""])
            details += extra_details
            resolution += steps
            codes = list(dict.fromkeys([*codes, *(m.code for m in messages if m.code)]))
    named = {m.code for m in messages}
    for code in section.codes:
        if code not in named:
            messages.append(CodeMessage(code, section.rest, section.line))
            if not section.rest:
                problems.warn(path, section.line, f"heading names code {code!r} but gives no message")

    title_en = english_from_anchor(section.anchor, section.codes if section.leading else [], section.text) if section.anchor else ""
    title = section.rest or section.text
    first_message = next((m.message for m in messages if m.message), "")
    if first_message and (
        fold(title).rstrip(".") == fold(title_en).rstrip(".")  # the heading kept its English text
        or not section.rest and title.strip() in codes  # the heading is only the code
        or not section.leading and any(code in title for code in codes)  # "Falha na operação Code-snapshot ..."
    ):
        title = first_message
    title = title[:1].upper() + title[1:]
    if not codes and not any(m.message for m in messages):
        messages = [CodeMessage("", title, section.line)]  # an error without a code: its heading is its message
    resolution = [*resolution, *kept]
    texts = [title, *(m.message for m in messages), *details]
    entry = ErrorEntry(
        id="", codes=tuple(codes), messages=tuple(messages), title=title, title_en=title_en,
        details=tuple(details), resolution=tuple(resolution), category=category, anchor=section.anchor,
        origin="heading",
        links=tuple([*(link for t in texts for link in links_in(t, section.line)), *block_links(resolution)]),
        path=path, line=section.line,
    )
    return entry, tables


def parts_of(section: Section) -> list[Section]:
    """Plain headings nested in an error heading (not in a nested error): their text belongs to it."""
    out: list[Section] = []
    for child in section.children:
        if child.kind == "entry-part":
            out.append(child)
            out.extend(parts_of(child))
    return out


def _labels(body: list[Block], path: str, problems: Problems) -> tuple[list[CodeMessage], list[str], list[Block]]:
    """Take the ``Código de erro:`` lines (or a key/value table) out of ``body``: messages, details, resolution."""
    messages: list[CodeMessage] = []
    details: list[str] = []
    resolution: list[Block] = []
    start = next((i for i, b in enumerate(body[:3]) if _labelled(b)), None)
    if start is None:
        return messages, details, resolution
    while start < len(body) and _labelled(body[start]):
        block = body.pop(start)
        if isinstance(block, Paragraph):
            text, escaped = escape_code_tags(block.text)
            for code in dict.fromkeys(escaped):
                problems.warn(path, block.line, f"code <{code}> is written like an HTML tag; it is kept as text")
            pairs, rest = parse_labels(text) or ([], [])
            details.extend(rest)
        else:
            assert isinstance(block, TableBlock)
            pairs, more, steps = vertical_labels(block) or ([], [], [])
            details.extend(more)
            resolution.extend(Paragraph(step, block.line) for step in steps)
        messages.extend(CodeMessage(code, message, block.line) for code, message in pairs)
    return messages, details, resolution


def _labelled(block: Block) -> bool:
    if isinstance(block, Paragraph):
        return parse_labels(block.text) is not None
    return isinstance(block, TableBlock) and vertical_labels(block) is not None


def _absorb(rows: list[Row], codes: list[str]) -> tuple[list[CodeMessage], list[str], list[Block]]:
    """Messages, details and resolution of an error from the rows of its message table."""
    messages: list[CodeMessage] = []
    details: list[str] = []
    steps: list[Block] = []
    for row in rows:
        coded = [p for p in row.pairs if p.code]
        message = next((p.message for p in row.pairs if p.message), "")
        messages.extend(coded or [CodeMessage(code, message, row.line) for code in codes])
        details.extend(row.details)
        if len(rows) > 1 and message:
            steps.append(Paragraph(f"**{message}**", row.line))
        if row.resolution:
            steps.append(Paragraph(row.resolution, row.line))
    return messages, details, steps
