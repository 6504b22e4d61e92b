"""Error tables: the roles of their columns, and one ErrorEntry per row.

A column's role (code, code-if-shaped, message, cause, resolution) comes from its
header words (``vocabulary.py``) and the shape of its cells; key/value tables that
describe one error, and error tables nested in lists and notes, are found here too.
The repairs tables need first are ``table_repairs.py``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from . import vocabulary as vocab
from .blocks import links_in
from .codes import find_codes, fold, is_code, shape, split_br, tokens
from .labels import inline_codes, labelled_codes, leading_code, parse_labels
from ..model import Block, CodeMessage, ErrorEntry, ListBlock, ListItem, Note, Paragraph, TableBlock
from ..problems import Problems

_CODE_KEY = re.compile(r"^(codigo( d[eo] erro)?|erro de codigo|id( do erro)?|error code|code)$")
_MESSAGE_KEY = re.compile(r"^(mensagem( de erro)?|error message|message|erro)$")
_GENERIC_KEY = re.compile(r"^(campo|valor|chave|propriedade|item|field|value|key|property)?$")
_RESOLUTION_COLUMN = re.compile(r"(soluc|acao|acoes|recomend|descri|resolu|workaround)")
_PIECE = re.compile(r"<br\s*/?>|</?(?:ul|ol)\b[^<>]*>|<li\b[^<>]*>|</li>", re.I)
_HINT = re.compile(r"\s+[-–—]\s+")
_ENUM = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s*=\s*-?\d+\s*$")
_JOINERS = re.compile(r"\s*(?:<br\s*/?>|,|/|;|\bou\b|\bor\b|\be\b|\band\b)\s*", re.I)
_SINGLE = re.compile(r"^[\w.\-]+$")
DETAILS_HEADERS = ("detalhes", "details", "observ", "nota", "note")


@dataclass(frozen=True)
class Columns:
    """What each column of an error table holds (indexes; -1 for none)."""

    codes: tuple[int, ...]
    """Columns whose cells are codes whatever their shape (``| Código do erro |``)."""
    maybe_codes: tuple[int, ...]
    """Columns whose cells are codes when code-shaped, else text (``| Nome ou mensagem |``)."""
    message: int
    cause: int
    resolution: int

    @property
    def coded(self) -> bool:
        return bool(self.codes or self.maybe_codes)


@functools.lru_cache(maxsize=None)
def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(rf"(?<![a-z]){re.escape(w)}" for w in words))


def _has(header: str, words: tuple[str, ...]) -> bool:
    return bool(_words(words).search(header))


def _first(header: list[str], words: tuple[str, ...], taken: set[int]) -> int:
    """The column whose header holds the earliest of ``words`` (the tables are in order of preference)."""
    for word in words:
        for i, h in enumerate(header):
            if i not in taken and _has(h, (word,)):
                return i
    return -1


def cell_codes(cell: str, any_shape: bool) -> list[str]:
    """The codes a code cell holds: ``A``, ``A ou B``, ``A, B``, ``Nome = 9``; any single token when ``any_shape``."""
    text = cell.replace("**", "").replace("`", "").strip().strip(".")
    if not text:
        return []
    enum = _ENUM.match(text)
    if enum:
        return [enum.group(1)]
    pieces = [p.strip().strip(".") for p in _JOINERS.split(text) if p.strip()]
    if pieces and all(_SINGLE.match(p) and (any_shape or is_code(p)) for p in pieces):
        return list(dict.fromkeys(pieces))
    return []


def _row_numbers(values: list[str]) -> bool:
    """``1, 2, 3, ...``: a column that numbers the rows."""
    return len(values) >= 2 and values == [str(n) for n in range(1, len(values) + 1)]


@functools.lru_cache(maxsize=4096)
def table_columns(table: TableBlock) -> Columns | None:
    """The roles of ``table``'s columns when it lists errors, else None."""
    header = [fold(cell.replace("*", "")).strip() for cell in table.header]
    if len(header) < 2:
        return None
    codes: list[int] = []
    maybe: list[int] = []
    errorish = any(_has(h, vocab.ERROR_TABLE_WORDS) or _has(h, vocab.CODE_HEADERS) for h in header)
    described = any(_has(h, vocab.DESCRIPTION_HEADERS) for h in header)
    for i, h in enumerate(header):
        if any(w in h for w in vocab.NOT_CODE_HEADERS) and not _has(h, vocab.CODE_HEADERS):
            continue
        values = [row[i].replace("**", "").replace("`", "").strip() for row in table.rows if i < len(row)]
        values = [v for v in values if v]
        if not values or _row_numbers(values):
            continue
        single = sum(1 for v in values if cell_codes(v, True)) / len(values)
        shaped = sum(1 for v in values if cell_codes(v, False)) / len(values)
        if _has(h, vocab.CODE_HEADERS) and single >= 0.5:
            codes.append(i)
        elif _has(h, vocab.MAYBE_CODE_HEADERS) and shaped >= 0.5 and errorish:
            maybe.append(i)
        elif not h and shaped >= 0.8 and errorish:
            maybe.append(i)
        elif _has(h, vocab.MAYBE_CODE_HEADERS) and described and i == 0 and len(values) >= 3 and sum(
                1 for v in values if shape(v) == "camel") / len(values) >= 0.6:
            maybe.append(i)  # "| Status | Descrição |" listing the values a log shows: each value is looked up

    taken = set(codes) | set(maybe)
    resolution = -1
    for i, h in enumerate(header):
        if i not in taken and _has(h, vocab.RESOLUTION_HEADERS):
            resolution = i
    taken_r = taken | {resolution}
    cause = _first(header, vocab.CAUSE_HEADERS, taken_r)
    message = _first(header, vocab.MESSAGE_HEADERS, taken_r | {cause})
    if not codes and not maybe:
        if message < 0 or not _has(header[message], vocab.ERROR_TABLE_WORDS) or resolution < 0 and cause < 0:
            return _legacy_columns(table, header)
    if message < 0:
        message = next((i for i in range(len(header)) if i not in taken_r | {cause}), -1)
    if resolution < 0:
        rest = [i for i in range(len(header)) if i not in taken | {message, cause}
                and not _has(header[i], DETAILS_HEADERS) and not _has(header[i], vocab.NOT_CODE_HEADERS)]
        resolution = rest[-1] if rest and rest[-1] > message else -1
    return Columns(tuple(codes), tuple(maybe), message, cause, resolution)


def _legacy_columns(table: TableBlock, header: list[str]) -> Columns | None:
    """``| Detalhes do erro | Solução alternativa |``: an error column and a resolution (or description) column."""
    error_col = next((i for i, h in enumerate(header) if re.search(r"\b(detalhes do erro|erro|mensagem( de erro)?|falha|error)\b", h)), -1)
    if error_col < 0:
        return None
    candidates = [i for i, h in enumerate(header) if _RESOLUTION_COLUMN.search(h) and i != error_col]
    resolution = candidates[-1] if candidates else len(header) - 1
    if resolution == error_col:
        return None
    return Columns((), (), error_col, -1, resolution)


def error_columns(table: TableBlock) -> Columns | None:
    """The roles of ``table``'s columns when it lists errors (and is not a key/value table), else None."""
    return table_columns(table)


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
    table: TableBlock, columns: Columns, path: str, source_lines: list[str], problems: Problems,
) -> tuple[list[Row], list[int]]:
    """The rows of an error table, and the lines of rows that hold no error."""
    rows: list[Row] = []
    skipped: list[int] = []
    width = len(table.header)
    for cells_tuple, line in zip(table.rows, table.row_lines):
        extra = ragged(table, line, path, source_lines, problems)
        cells = [c.strip() for c in cells_tuple] + [""] * (width - len(cells_tuple))
        codes: list[str] = []
        texts: list[int] = []
        for i in columns.codes:
            found = cell_codes(cells[i], True) or find_codes(cells[i])
            if not found and cells[i] and len(cells[i]) <= 40 and len(cells[i].split()) <= 4:
                found = [cells[i].replace("**", "").replace("`", "").strip()]
            codes += found
            if not found and cells[i]:
                texts.append(i)
        for i in columns.maybe_codes:
            found = cell_codes(cells[i], False)
            codes += found
            if not found and cells[i]:
                texts.append(i)
        message_col = columns.message
        if message_col >= 0 and not cells[message_col] and texts:
            message_col = texts.pop(0)
        error_text = cells[message_col] if message_col >= 0 else ""
        if not error_text and not codes:
            if any(cells) or extra:
                problems.warn(path, line, "table row has no error text; row not published (put the error in its first cell)")
            skipped.append(line)
            continue
        pairs, rest = _messages(error_text, line)
        message = next((p.message for p in pairs if p.message), "")
        codes = list(dict.fromkeys(codes))
        if codes:
            pairs = [CodeMessage(c, message, line) for c in codes] + [p for p in pairs if p.code and p.code not in codes]
        details = list(rest)
        used = {*columns.codes, *columns.maybe_codes, message_col, columns.resolution} - set(texts)
        others = [i for i, cell in enumerate(cells) if i not in used and cell]
        details += [f"**{table.header[i].strip()}**: {cells[i]}" for i in others]
        details.extend(extra)
        # a code written in another cell ("Operação ... (ID: 100050)", "SSPR_0009: ...") is the row's code too
        known = {p.code for p in pairs}
        more = [c for i in others if i != columns.resolution
                for c in [*_cell_lead(cells[i]), *inline_codes(cells[i]), *labelled_codes(cells[i]), *_hexes(cells[i])]
                if c not in known]
        if more:
            pairs = [p for p in pairs if p.code] + [CodeMessage(c, message, line) for c in dict.fromkeys(more)]
        resolution = cells[columns.resolution] if columns.resolution >= 0 else ""
        if not resolution and columns.resolution >= 0:
            problems.warn(path, line, "table row has no resolution text")
        fallback = cells[others[0]] if others else next((p.code for p in pairs if p.code), error_text)
        rows.append(Row(line, pairs, details, resolution, [error_text, *(cells[i] for i in columns.codes), resolution,
                                                           *details], fallback))
    return rows, skipped


def _hexes(text: str) -> list[str]:
    """``0x80230619`` anywhere in the text of an error row: a code on its own."""
    return [t for t, _s, _e in tokens(text) if shape(t) == "hex"] if "0x" in text else []


def _cell_lead(cell: str) -> list[str]:
    """``SSPR_0009: texto``: a cell that starts with a code and a colon or dash."""
    lead = leading_code(cell.replace("**", ""))
    return [lead[0]] if lead else []


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
    lead = leading_code(pieces[0])
    if lead is not None and len(pieces) == 1:
        # "UserErrorX: mensagem", "13016 - mensagem", "Erro 350027: mensagem" written as one cell
        code, text = lead
        return [CodeMessage(code, text, line), *(CodeMessage(c, text, line) for c in labelled_codes(text) if c != code)], []
    message, rest = pieces[0].rstrip(":").strip(), pieces[1:]
    if len(pieces) == 1 and not inline_codes(message):
        parts = _HINT.split(message, maxsplit=1)
        if len(parts) == 2 and parts[0] and parts[1]:
            message, rest = parts[0].strip(), [parts[1].strip()]  # "message - hint" (older articles)
    pairs: list[CodeMessage] = []
    for piece in pieces:
        for code in [*inline_codes(piece), *labelled_codes(piece), *_hexes(piece)]:
            if code not in {p.code for p in pairs}:
                pairs.append(CodeMessage(code, message if piece is pieces[0] else piece, line))
    return pairs or [CodeMessage("", message, line)], rest


def ragged(
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
