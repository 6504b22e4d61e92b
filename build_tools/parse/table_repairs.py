"""Repairs that tables of machine-translated articles need before they are read.

A row spilling onto the next line, a lone ``|`` line that ends a row, a table
written without its ``| --- |`` separator line, extra cells beyond the header;
``each_table`` applies a repair to every table of a block, also inside lists and notes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from .blocks import BLOCK_MD, to_block
from ..model import Block, CodeBlock, ListBlock, ListItem, Note, Paragraph, TableBlock
from ..problems import Problems
from .tables import error_columns, ragged, raw_cell_count

def mend_table(table: TableBlock, source_lines: list[str], path: str, problems: Problems) -> TableBlock:
    """Join a row that spills onto the next line (a line without the leading ``|``) back into its row.

    In a table that lists no errors, cells beyond the header's width (which
    markdown-it drops) are joined to the row's last cell, so their text stays.
    """
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    widen = error_columns(table) is None
    for cells, line in zip(table.rows, table.row_lines):
        if widen and 0 < line <= len(source_lines) and raw_cell_count(source_lines[line - 1]) > len(cells):
            extra = ragged(table, line, path, source_lines, problems, "joined to the last cell")
            cells = (*cells[:-1], " | ".join([cells[-1], *extra]).strip(" |")) if cells else cells
        raw = source_lines[line - 1] if 0 < line <= len(source_lines) else ""
        before = source_lines[lines[-1] - 1] if lines and 0 < lines[-1] <= len(source_lines) else ""
        if (rows and line == lines[-1] + 1 and not raw.lstrip().startswith("|")
                and before.lstrip().startswith("|") and not before.rstrip().endswith("|")):
            spill = " ".join(c.strip() for c in cells if c.strip())
            previous = list(rows[-1])
            previous[-1] = f"{previous[-1]} {spill}".strip()
            rows[-1] = tuple(previous)
            problems.notice(path, line, f"table row of line {lines[-1]} continues on this line; joined to it")
            continue
        rows.append(cells)
        lines.append(line)
    if rows == list(table.rows):
        return table
    return replace(table, rows=tuple(rows), row_lines=tuple(lines))


def is_spill(block: Block) -> bool:
    """A block made only of ``|`` (the end of a row that spilled onto its own indented line)."""
    if isinstance(block, CodeBlock):
        text = block.code
    elif isinstance(block, Paragraph):
        text = block.text
    else:
        return False
    return bool(text.strip()) and not text.replace("|", "").strip()


def recover_table(paragraph: Paragraph, path: str, problems: Problems) -> TableBlock | None:
    """A paragraph of ``| a | b |`` lines with no ``| --- |`` line: the table its author meant."""
    lines = paragraph.text.split("\n")
    if len(lines) < 2 or not all(line.strip().startswith("|") and line.strip().count("|") >= 2 for line in lines):
        return None
    width = raw_cell_count(lines[0])
    if width < 2:
        return None
    source = "\n".join([lines[0], "|" + " --- |" * width, *lines[1:]])
    tokens = BLOCK_MD.parse(source)
    if not tokens or tokens[0].type != "table_open":
        return None
    close = next(i for i, t in enumerate(tokens) if t.type == "table_close")
    table = to_block(tokens, 0, close + 1)
    if not isinstance(table, TableBlock):
        return None
    problems.warn(
        path, paragraph.line,
        "table has no separator line (| --- |) under its header; read with its first row as the header",
    )
    return TableBlock(table.header, table.rows, paragraph.line, tuple(paragraph.line + 1 + n for n in range(len(table.rows))))


def each_table(block: Block, fn: Callable[[TableBlock], TableBlock]) -> Block:
    """``block`` with ``fn`` applied to every table in it, also those inside list items and notes."""
    if isinstance(block, TableBlock):
        return fn(block)
    if isinstance(block, ListBlock):
        items = tuple(ListItem(i.text, i.line, tuple(each_table(c, fn) for c in i.children)) for i in block.items)
        return block if items == block.items else replace(block, items=items)
    if isinstance(block, Note):
        blocks = tuple(each_table(c, fn) for c in block.blocks)
        return block if blocks == block.blocks else replace(block, blocks=blocks)
    return block
