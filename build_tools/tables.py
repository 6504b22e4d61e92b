"""Error tables: one ErrorEntry per row of ``| Detalhes do erro | Solução alternativa |`` and its kin."""

from __future__ import annotations

import re

from .blocks import links_in
from .codes import find_codes, fold, inline_ids, parse_labels, split_br
from .model import CodeMessage, ErrorEntry, Paragraph, TableBlock
from .problems import Problems

_ERROR_COLUMN = re.compile(r"\b(detalhes do erro|erro|mensagem( de erro)?|falha|error)\b")
_CODE_COLUMN = re.compile(r"\b(codigo( d[eo] erro)?|chave|id( do erro)?|code)\b")
_RESOLUTION_COLUMN = re.compile(r"(soluc|acao|acoes|recomend|descri|resolu|workaround)")


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


def raw_cell_count(line: str) -> int:
    """Cells in one raw table line, counting unescaped pipes."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return len(re.split(r"(?<!\\)\|", body))


def row_entries(
    table: TableBlock, columns: tuple[int, int, int], category: str,
    path: str, source_lines: list[str], problems: Problems,
) -> tuple[list[ErrorEntry], list[int]]:
    """The entries of an error table, and the lines of rows that could not become one."""
    code_col, error_col, resolution_col = columns
    entries: list[ErrorEntry] = []
    skipped: list[int] = []
    for row, line in zip(table.rows, table.row_lines):
        extra = _ragged(table, line, path, source_lines, problems)
        cells = list(row)
        error_text = cells[error_col].strip()
        if not error_text and (code_col < 0 or not cells[code_col].strip()):
            problems.warn(path, line, "table row has no error text; row skipped")
            skipped.append(line)
            continue
        pairs, rest = _messages(error_text, line)
        if code_col >= 0 and cells[code_col].strip():
            codes = find_codes(cells[code_col]) or [cells[code_col].strip()]
            message = pairs[0].message if pairs else ""
            pairs = [CodeMessage(code, message, line) for code in codes] + [p for p in pairs if p.code and p.code not in codes]
        details = list(rest)
        for i, cell in enumerate(cells):
            if i not in (code_col, error_col, resolution_col) and cell.strip():
                details.append(f"**{table.header[i].strip()}**: {cell.strip()}")
        details.extend(extra)
        resolution_text = cells[resolution_col].strip()
        if not resolution_text:
            problems.warn(path, line, "table row has no resolution text")
        resolution = (Paragraph(resolution_text, line),) if resolution_text else ()
        texts = [error_text, resolution_text, *details]
        entries.append(ErrorEntry(
            id="", codes=tuple(dict.fromkeys(p.code for p in pairs if p.code)), messages=tuple(pairs),
            title=_title(pairs, error_text), title_en="", details=tuple(details), resolution=resolution,
            category=category, anchor="", origin="table",
            links=tuple(link for text in texts for link in links_in(text, line)), path=path, line=line,
        ))
    return entries, skipped


def _messages(error_text: str, line: int) -> tuple[list[CodeMessage], list[str]]:
    labelled = parse_labels(error_text)
    if labelled is not None:
        pairs, rest = labelled
        return [CodeMessage(code, message, line) for code, message in pairs], rest
    pieces = split_br(error_text)
    message = pieces[0].rstrip(":").strip() if pieces else ""
    codes = inline_ids(message)
    pairs = [CodeMessage(code, message, line) for code in codes] or [CodeMessage("", message, line)]
    return pairs, pieces[1:]


def _title(pairs: list[CodeMessage], error_text: str) -> str:
    for pair in pairs:
        if pair.message:
            return pair.message
    return split_br(error_text)[0] if error_text else ""


def _ragged(table: TableBlock, line: int, path: str, source_lines: list[str], problems: Problems) -> list[str]:
    """Warn about a row whose cell count differs from the header's; return text the table parser dropped."""
    if not 0 < line <= len(source_lines):
        return []
    raw = source_lines[line - 1]
    count = raw_cell_count(raw)
    expected = len(table.header)
    if count == expected:
        return []
    if count < expected:
        problems.warn(path, line, f"table row has {count} cells, the header has {expected}; missing cells left empty")
        return []
    body = raw.strip().strip("|")
    cells = re.split(r"(?<!\\)\|", body)
    dropped = [c.strip() for c in cells[expected:] if c.strip()]
    problems.warn(
        path, line,
        f"table row has {count} cells, the header has {expected}; extra cells kept as details: {dropped!r}",
    )
    return dropped
