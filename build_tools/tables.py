"""Error tables: one ErrorEntry per row of ``| Detalhes do erro | Solução alternativa |`` and its kin.

Also the repairs tables need in machine-translated articles: a row spilling onto
the next line, a table written without its ``| --- |`` separator line, error
tables indented inside list items, and key/value tables that describe one error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from .blocks import BLOCK_MD, links_in, to_block
from .codes import find_codes, fold, inline_codes, is_code, parse_labels, split_br
from .model import Block, CodeBlock, CodeMessage, ErrorEntry, ListBlock, ListItem, Note, Paragraph, TableBlock
from .problems import Problems

_ERROR_COLUMN = re.compile(r"\b(detalhes do erro|erro|mensagem( de erro)?|falha|error)\b")
_CODE_COLUMN = re.compile(r"\b(codigo( d[eo] erro)?|chave|id( do erro)?|code)\b")
_RESOLUTION_COLUMN = re.compile(r"(soluc|acao|acoes|recomend|descri|resolu|workaround)")
_CODE_KEY = re.compile(r"^(codigo( d[eo] erro)?|erro de codigo|id( do erro)?|error code|code)$")
_MESSAGE_KEY = re.compile(r"^(mensagem( de erro)?|error message|message|erro)$")
_GENERIC_KEY = re.compile(r"^(campo|valor|chave|propriedade|item|field|value|key|property)?$")
_PIECE = re.compile(r"<br\s*/?>|</?(?:ul|ol)\b[^>]*>|<li\b[^>]*>|</li>", re.I)
_HINT = re.compile(r"\s+[-–—]\s+")


def error_columns(table: TableBlock) -> tuple[int, int, int] | None:
    """``(code column or -1, error column, resolution column)`` when ``table`` lists errors, else None."""
    header = [fold(cell.replace("*", "")).strip() for cell in table.header]
    if len(header) < 2:
        return None
    code_col = next((i for i, h in enumerate(header) if _CODE_COLUMN.search(h)), -1)
    error_col = next((i for i, h in enumerate(header) if _ERROR_COLUMN.search(h) and i != code_col), -1)
    if error_col < 0 and code_col < 0:
        return None
    if error_col < 0:
        error_col = code_col + 1 if code_col + 1 < len(header) else code_col
    candidates = [i for i, h in enumerate(header) if _RESOLUTION_COLUMN.search(h) and i not in (code_col, error_col)]
    resolution_col = candidates[-1] if candidates else len(header) - 1
    if resolution_col in (code_col, error_col):
        return None
    return code_col, error_col, resolution_col


def vertical_labels(table: TableBlock) -> tuple[list[tuple[str, str]], list[str], list[str]] | None:
    """A two-column key/value table describing one error: ``(code/message pairs, details, resolution texts)``."""
    if len(table.header) != 2:
        return None
    rows = [table.header, *table.rows]
    keyed = [(fold(row[0].replace("*", "")).strip().rstrip(":").strip(), row[1].strip()) for row in rows if len(row) == 2]
    codes = [c for key, value in keyed if _CODE_KEY.match(key) for c in find_codes(value)]
    if not codes:
        return None
    message, details, resolution = "", [], []
    for (key, value), row in zip(keyed, rows):
        if _CODE_KEY.match(key):
            continue
        if _MESSAGE_KEY.match(key) and not message:
            message = value
        elif _RESOLUTION_COLUMN.search(key):
            resolution.append(value)
        elif value or not _GENERIC_KEY.match(key):
            if not (row is table.header and _GENERIC_KEY.match(fold(value))):
                details.append(f"**{row[0].strip().strip('*').strip()}**: {value}")
    return [(code, message) for code in dict.fromkeys(codes)], details, resolution


def raw_cell_count(line: str) -> int:
    """Cells in one raw table line, counting unescaped pipes (a quote's ``>`` markers are not part of it)."""
    body = re.sub(r"^\s*(?:>\s*)*", "", line).strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return len(re.split(r"(?<!\\)\|", body))


@dataclass
class Row:
    """One row of an error table, read into codes, messages, details and a resolution."""

    line: int
    pairs: list[CodeMessage]
    details: list[str]
    resolution: str
    texts: list[str] = field(default_factory=list)
    """Every text of the row (for its links)."""
    fallback: str = ""
    """A title for a row whose error cell gives a code but no message: its first other cell, or the code."""


def read_rows(
    table: TableBlock, columns: tuple[int, int, int], path: str, source_lines: list[str], problems: Problems,
) -> tuple[list[Row], list[int]]:
    """The rows of an error table, and the lines of rows that hold no error."""
    code_col, error_col, resolution_col = columns
    rows: list[Row] = []
    skipped: list[int] = []
    for cells_tuple, line in zip(table.rows, table.row_lines):
        extra = _ragged(table, line, path, source_lines, problems)
        cells = list(cells_tuple)
        error_text = cells[error_col].strip()
        code_text = cells[code_col].strip() if code_col >= 0 else ""
        if not error_text and not code_text:
            if any(c.strip() for c in cells) or extra:
                problems.warn(path, line, "table row has no error text; row not published (put the error in its first cell)")
            skipped.append(line)
            continue
        pairs, rest = _messages(error_text, line)
        if code_text:
            codes = find_codes(code_text) or [code_text]
            message = next((p.message for p in pairs if p.message), "")
            pairs = [CodeMessage(c, message, line) for c in codes] + [p for p in pairs if p.code and p.code not in codes]
        details = list(rest)
        others = [i for i, cell in enumerate(cells) if i not in (code_col, error_col, resolution_col) and cell.strip()]
        details += [f"**{table.header[i].strip()}**: {cells[i].strip()}" for i in others]
        details.extend(extra)
        # a code written in another cell (an "Operação" cell ending in "(ID: 100050)") is the row's code too
        known = {p.code for p in pairs}
        message = next((p.message for p in pairs if p.message), "")
        more = [c for i in others for c in inline_codes(cells[i]) if c not in known]
        if more:
            pairs = [p for p in pairs if p.code] + [CodeMessage(c, message, line) for c in dict.fromkeys(more)]
        resolution = cells[resolution_col].strip()
        if not resolution:
            problems.warn(path, line, "table row has no resolution text")
        fallback = cells[others[0]].strip() if others else next((p.code for p in pairs if p.code), error_text)
        rows.append(Row(line, pairs, details, resolution, [error_text, code_text, resolution, *details], fallback))
    return rows, skipped


def row_entry(row: Row, category: str, path: str) -> ErrorEntry:
    """The ErrorEntry of one table row."""
    return ErrorEntry(
        id="", codes=tuple(dict.fromkeys(p.code for p in row.pairs if p.code)), messages=tuple(row.pairs),
        title=next((p.message for p in row.pairs if p.message), row.fallback), title_en="", details=tuple(row.details),
        resolution=(Paragraph(row.resolution, row.line),) if row.resolution else (),
        category=category, anchor="", origin="table",
        links=tuple(link for text in row.texts for link in links_in(text, row.line)), path=path, line=row.line,
    )


def _messages(error_text: str, line: int) -> tuple[list[CodeMessage], list[str]]:
    labelled = parse_labels(error_text)
    if labelled is not None:
        pairs, rest = labelled
        return [CodeMessage(code, message, line) for code, message in pairs], rest
    pieces = [p.strip() for p in _PIECE.split(error_text)]
    pieces = [p for piece in pieces for p in split_br(piece)]
    if not pieces:
        return [CodeMessage("", "", line)], []
    head = pieces[0].split(" ", 1)
    if len(pieces) == 1 and len(head) == 2 and is_code(head[0].rstrip(":")) and head[0].endswith(":"):
        # "UserErrorX: mensagem" written as one cell
        return [CodeMessage(head[0].rstrip(":"), head[1].strip(), line)], []
    message, rest = pieces[0].rstrip(":").strip(), pieces[1:]
    if len(pieces) == 1 and not inline_codes(message):
        parts = _HINT.split(message, maxsplit=1)
        if len(parts) == 2 and parts[0] and parts[1]:
            message, rest = parts[0].strip(), [parts[1].strip()]  # "message - hint" (older articles)
    pairs: list[CodeMessage] = []
    for piece in pieces:
        for code in inline_codes(piece):
            if code not in {p.code for p in pairs}:
                pairs.append(CodeMessage(code, message if piece is pieces[0] else piece, line))
    return pairs or [CodeMessage("", message, line)], rest


def _ragged(
    table: TableBlock, line: int, path: str, source_lines: list[str], problems: Problems,
    kept: str = "kept as details",
) -> list[str]:
    """Warn about a row whose cell count differs from the header's; return text the table parser dropped."""
    if not 0 < line <= len(source_lines):
        return []
    raw = source_lines[line - 1]
    count = raw_cell_count(raw)
    expected = len(table.header)
    if count == expected:
        return []
    if count < expected:
        problems.warn(path, line, f"table row has {_cells(count)}, the header has {expected}; missing cells left empty")
        return []
    body = re.sub(r"^\s*(?:>\s*)*", "", raw).strip()
    body = body[1:] if body.startswith("|") else body
    cells = re.split(r"(?<!\\)\|", body)
    dropped = [c.strip() for c in cells[expected:] if c.strip()]
    problems.warn(
        path, line,
        f"table row has {_cells(count)}, the header has {expected}; extra cells {kept}: {dropped!r}",
    )
    return dropped


def _cells(count: int) -> str:
    return "1 cell" if count == 1 else f"{count} cells"


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
            extra = _ragged(table, line, path, source_lines, problems, "joined to the last cell")
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


def lift_tables(block: Block) -> tuple[Block | None, list[TableBlock]]:
    """Take the error tables out of a list or note: ``(what is left of the block, the tables)``."""
    if isinstance(block, TableBlock):
        return (None, [block]) if error_columns(block) and vertical_labels(block) is None else (block, [])
    if isinstance(block, ListBlock):
        items, found = [], []
        for item in block.items:
            children = []
            for child in item.children:
                kept, tables = lift_tables(child)
                found.extend(tables)
                if kept is not None:
                    children.append(kept)
            items.append(ListItem(item.text, item.line, tuple(children)))
        return (replace(block, items=tuple(items)) if found else block), found
    if isinstance(block, Note):
        children, found = [], []
        for child in block.blocks:
            kept, tables = lift_tables(child)
            found.extend(tables)
            if kept is not None:
                children.append(kept)
        return (replace(block, blocks=tuple(children)) if found else block), found
    return block, []
