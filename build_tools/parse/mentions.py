"""Error entries for codes that running text names: ``o erro 6800``, ``Code=InvalidTemplate``, ``- Código de Saída 3: ...``.

Articles often document an error only in prose, in a list or in a sample of
the output a user sees. Each code that a label names there (``codes.labelled_codes``),
or that a line of sample output shows as ``Code: message``, and that no record of
the article carries yet, becomes part of a record:

- a list item that opens with a code (``Código de Saída 3: texto``,
  ``ErrorCode.X – texto``) is an error of its own, with the rest as its message;
- inside an error's own text, the code is one more code of that error
  (``o erro de sincronização **LargeObject** ou **ExceededAllowedLength**``);
- anywhere else, a ``mention`` entry: the code, the sentence that names it as
  the message, the block it stands in, and the section it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import vocabulary as vocab
from .codes import error_word, fold, shape, tokens
from .labels import labelled_codes, leading_code
from ..model import Block, CodeBlock, CodeMessage, ErrorEntry, ListBlock, Note, Paragraph, TableBlock

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÂÊÔÃÕÇ\"“(*])")
_ERRORISH = re.compile(r"\b(?:erros?|errors?|falha|failed|failure|hresult|excecao|exception)\b")
_OUTPUT_CODE = re.compile(r"(?<![\w.\-/])([A-Za-z][A-Za-z0-9_]*|0[xX][0-9A-Fa-f]+)\s*:\s+\S")
"""``ResourceNotFound: Can not find ...``, ``SEC7120: Origin ...`` in a line of sample output."""


@dataclass
class Unit:
    """A piece of text that can name codes: a paragraph, a list item, a line of code, a table row."""

    text: str
    line: int
    block: Block
    item: bool = False
    """A list item (its opening code makes it an error of its own)."""
    output: bool = False
    """A line of a code block (sample output)."""


def units(blocks: list[Block] | tuple[Block, ...]) -> list[Unit]:
    """Every text unit of ``blocks``, in order (error tables excluded: their rows are entries already)."""
    out: list[Unit] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(Unit(block.text, block.line, block))
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.append(Unit(item.text, item.line, ListBlock(block.ordered, block.start, (item,), item.line), True))
                out.extend(units(item.children))
        elif isinstance(block, Note):
            out.extend(units(block.blocks))
        elif isinstance(block, CodeBlock):
            for n, line in enumerate(block.code.split("\n")):
                out.append(Unit(line, block.line + 1 + n, block, output=True))
        elif isinstance(block, TableBlock):
            for row, line in zip(block.rows, block.row_lines or (block.line,) * len(block.rows)):
                out.append(Unit(" | ".join(row), line, block))
    return out


def unit_codes(unit: Unit) -> list[str]:
    """The codes a unit names."""
    found = labelled_codes(unit.text)
    if unit.output:
        errorish = bool(_ERRORISH.search(fold(unit.text)))
        for match in _OUTPUT_CODE.finditer(unit.text):
            token = match.group(1)
            kind = shape(token)
            if kind in ("prefixed", "snake", "hex") or kind == "camel" and error_word(token):
                found.append(token)
        if errorish:
            for token, _s, _e in tokens(unit.text):
                if shape(token) in ("snake", "hex", "prefixed") and not token.isdigit():
                    found.append(token)
    elif "0x" in unit.text and _ERRORISH.search(fold(unit.text)):
        found += [token for token, _s, _e in tokens(unit.text) if shape(token) == "hex"]
    return list(dict.fromkeys(found))


def sentence(text: str, code: str) -> str:
    """The sentence of ``text`` that names ``code`` (the whole text when it is short), as one plain line."""
    text = re.sub(r"<br\s*/?>|</?(?:ul|ol|li|p)\b[^>]*>", " ", text, flags=re.I).replace("**", "")
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= 300:
        return text
    for part in _SENTENCE_END.split(text):
        if code in part:
            return part.strip()[:500]
    return text[:300]


def generic(title: str) -> bool:
    """``Sintoma``, ``Causa``, ``Solução``: a heading that names a part of an error, not the error."""
    return fold(title).strip(" :.") in vocab.GENERIC_HEADINGS


@dataclass
class Place:
    """Where a unit stands: the entry that owns its section (if any), a title and the section's id."""

    entry: int | None
    title: str
    owner: str
    """``topic:<id>``, ``category:<id>``, ``intro`` or ``entry:<index>``."""


def add_mentions(
    entries: list[ErrorEntry], places: list[tuple[Place, list[Block]]], category: str, path: str,
) -> tuple[list[ErrorEntry], list[ErrorEntry]]:
    """``entries`` with the codes their own text names, and the new mention entries (both in source order)."""
    known = {c for e in entries for c in e.codes}
    added: list[ErrorEntry] = []
    for place, blocks in places:
        for unit in units(blocks):
            codes = [c for c in unit_codes(unit) if c not in known]
            lead = leading_code(unit.text.replace("**", ""), strict=True) if unit.item else None
            if lead is not None and lead[0] not in known and lead[0] not in codes:
                codes.insert(0, lead[0])
            if not codes:
                continue
            known.update(codes)
            if place.entry is not None and lead is None:
                entry = entries[place.entry]
                message = next((m.message for m in entry.messages if m.message), entry.title)
                entries[place.entry] = replace(
                    entry, codes=(*entry.codes, *codes),
                    messages=(*entry.messages, *(CodeMessage(c, message, unit.line) for c in codes)),
                )
                continue
            if lead is not None:
                title, resolution = lead[1][:1].upper() + lead[1][1:], tuple(unit.block.items[0].children) if isinstance(unit.block, ListBlock) else ()
                messages = tuple(CodeMessage(c, lead[1], unit.line) for c in codes)
            else:
                title = place.title
                resolution = (unit.block,)
                messages = tuple(CodeMessage(c, sentence(unit.text, c), unit.line) for c in codes)
            added.append(ErrorEntry(
                id="", codes=tuple(codes), messages=messages, title=title, title_en="", details=(),
                resolution=resolution, category=category, anchor="", origin="mention", links=(),
                path=path, line=unit.line, mentioned_in=place.owner,
            ))
    return entries, added
