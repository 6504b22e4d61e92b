"""Codes that a label names: ``Código de erro: X``, ``Erro 6800``, ``hr=800700CE``, ``Code=X``, ``(ID: 100050)``.

The label words are data (``vocabulary.py``); each pattern is a literal label
followed by one token, read on a folded copy of the text with the same
length, so matching is linear and positions hold in the original.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from . import vocabulary as vocab
from .codes import (
    SEPARATOR, STRONG_SHAPES, code_at, setting_value, strip_markup, TOKEN_RE, error_word, find_codes, fold,
    shape, split_br,
)

def _fold_table() -> dict[int, str]:
    table = {}
    for code in [*range(ord("A"), ord("Z") + 1), *range(0xC0, 0x250)]:
        base = unicodedata.normalize("NFKD", chr(code))[0].lower()
        if len(base) == 1 and base != chr(code):
            table[code] = base
    return table


_FOLD = _fold_table()


def fold_same_length(text: str) -> str:
    """Lower case without accents for Latin letters, one character for one (match positions hold in the original)."""
    return text.translate(_FOLD)


def _labels(patterns: tuple[str, ...]) -> str:
    """Label patterns for folded (lower-case, unaccented) text."""
    return "|".join(p.lower() for p in patterns)


_OPEN = r"[\"'“‘«(\[]"
_LABEL_TAIL = rf"(?:\*\*)?[\"'”’]?(?:\s*[:=#]\s*|\s+)(?:\*\*)?{_OPEN}?(?:\*\*)?\s*"
_STRONG_LABEL = re.compile(rf"(?<![\w-])(?:{_labels(vocab.STRONG_LABELS)}){_LABEL_TAIL}")
_WEAK_LABEL = re.compile(rf"(?<![\w-])(?:{_labels(vocab.WEAK_LABELS)}){_LABEL_TAIL}")
_NUMERIC_LABEL = re.compile(rf"(?<![\w-])(?:{_labels(vocab.NUMERIC_LABELS)}){_LABEL_TAIL}")
_ANY_LABEL = re.compile(
    rf"(?<![\w-])(?:(?P<strong>{_labels(vocab.STRONG_LABELS)})|(?P<weak>{_labels(vocab.WEAK_LABELS)})"
    rf"|(?P<numeric>{_labels(vocab.NUMERIC_LABELS)})|(?P<named>{_labels(vocab.NAMED_LABELS)})){_LABEL_TAIL}"
)
"""Every label at once (one pass over the text); the group that matched gives its strength."""
_ERROR_PAREN = re.compile(r"(?<![\w-])erros?\b[^()\n]{0,40}\((-?\d{2,})\)")
_ERROR_BOLD = re.compile(r"(?<![\w-])(?:erros?|errors?|c[oó]digos?)(?:\s+[^\s*]+){0,2}\s*\(?\*\*")
_REASON = "|".join(re.escape(r) for r in vocab.HTTP_REASONS)
_STATUS_REASON = re.compile(rf"(?<![\w.,-])([1-5]\d\d)\s+(?:{_REASON})\b|\b(?:{_REASON})\s*:?\s+([1-5]\d\d)(?![\w.,])")
_TOKEN_AT = re.compile(r"(?:-\d+|[A-Za-z0-9][A-Za-z0-9_]*)(?:\.[A-Za-z0-9_]+)*")
_DOTTED_CODE = re.compile(r"(?<![\w.])errorcode\.(?=[a-z])")
_BOLD_STATUS = re.compile(rf"\*\*(?=[a-z][a-z0-9]+\*\*\s*\((?:{_REASON}|[1-5]\d\d))")
_JOINED = re.compile(r"(?:\*\*)?[\"'”’)\]]?\s*(?:,|/|&|\be\b|\bou\b|\bor\b|\band\b)\s*(?:\*\*)?[\"'“‘(\[]?")
_URL = re.compile(r"\]\([^)\s]*\)|<?https?://[^\s)>\]]*|\bwww\.[^\s)>\]]*")
_CAPITALIZED = re.compile(r"(?:(?:[A-Z][\w]*\s+){1,3}|(?:de|do|da)\s+\w+\s+)(?=-?\d)")


def _accept(token: str, strength: str, bold: bool) -> bool:
    kind = shape(token)
    digits = len(token.lstrip("-"))
    if strength == "strong":
        return kind in STRONG_SHAPES or kind == "number" and digits <= 10
    if strength == "numeric":
        return kind == "number" and 2 <= digits <= 10
    if strength == "weak":
        if kind == "camel":
            return bold or error_word(token)
        return kind in STRONG_SHAPES or kind == "number" and 2 <= digits <= 10
    return kind == "camel" and error_word(token)


def _codes_after(original: str, pos: int, strength: str, kebab_ok: bool = False) -> list[str]:
    """The code at ``pos`` and any joined to it (``0, 611, 652``; ``A ou B``), in order."""
    found: list[str] = []
    while True:
        bold = original.startswith("**", pos - 2) if pos >= 2 else False
        kebab = re.match(r"[a-z]+(?:-[a-z]+){2,}(?=\*\*)", original[pos:pos + 120]) if bold and kebab_ok else None
        if kebab:
            found.append(kebab.group(0))
            return found
        match = _TOKEN_AT.match(original, pos)
        if not match:
            return found
        token = match.group(0)
        if "." in token:
            head, _, tail = token.rpartition(".")
            token = tail if head.lower() in ("errorcode", "error") else token
        if not _accept(token, strength, bold):
            gap = _CAPITALIZED.match(original, pos) if strength == "weak" and not found else None
            if gap is None:  # "o erro Azure AD Connect 6329": a product name between label and number
                return found
            pos, strength = gap.end(), "numeric"
            continue
        found.append(token)
        joined = _JOINED.match(original, match.end())
        if not joined or joined.end() == match.end():
            return found
        pos = joined.end()


_MAYBE_LABELLED = re.compile(r"\d|\*\*|c[oó]d|erro|message|mensagem|\"id\"|qualified", re.I)
"""Text without any of these names no code: most paragraphs are skipped at this one search."""


def _in_tag(folded: str, pos: int) -> bool:
    """True inside an HTML or XML tag (``<Event id="1" />``): attributes are not labels."""
    return folded.rfind("<", max(0, pos - 200), pos) > folded.rfind(">", max(0, pos - 200), pos)


def labelled_codes(text: str) -> list[str]:
    """Codes that running text names as codes: ``Erro 6800``, ``hr=800700CE``, ``Código de Saída 3``,
    ``Code=InvalidTemplate``, ``erro de montagem (112)``, ``503 Serviço Indisponível``, ``erro **LargeObject**``.

    Every pattern is a literal label followed by one token: linear in the text. Link
    targets and URLs are not read (``?id=41653`` names no code).
    """
    if not _MAYBE_LABELLED.search(text):
        return []
    if len(text) > 20000:
        return [c for i in range(0, len(text), 10000) for c in labelled_codes(text[i:i + 10050])]
    folded = _URL.sub(lambda m: " " * len(m.group(0)), fold_same_length(text))
    found: list[str] = []
    for match in _ANY_LABEL.finditer(folded):
        if not _in_tag(folded, match.start()):
            found.extend(_codes_after(text, match.end(), match.lastgroup or "weak"))
    for match in _ERROR_PAREN.finditer(folded):
        found.append(match.group(1))
    for match in _ERROR_BOLD.finditer(folded):
        found.extend(_codes_after(text, match.end(), "weak", kebab_ok=True))
    for regex in (_DOTTED_CODE, _BOLD_STATUS):
        for match in regex.finditer(folded):
            found.extend(_codes_after(text, match.end(), "strong" if regex is _DOTTED_CODE else "weak"))
    for match in _STATUS_REASON.finditer(folded):
        found.append(match.group(1) or match.group(2))
    return list(dict.fromkeys(c for c in found if c))


def leading_code(text: str, strict: bool = False) -> tuple[str, str] | None:
    """``CODE: texto``, ``CODE - texto``, ``Erro 350027: texto``: the code a text starts with and the text after it.

    ``strict`` (a list item, where ``**nextHopType**: texto`` names a field): without a label, an
    identifier must name a failure (``ErrorCode.X``, ``ResourceNotFound: ...``) and a number is no code.
    """
    stripped = text.strip()
    folded = fold_same_length(stripped)
    label = _STRONG_LABEL.match(folded) or _WEAK_LABEL.match(folded) or _NUMERIC_LABEL.match(folded)
    dotted = _DOTTED_CODE.match(folded)
    start = label.end() if label else dotted.end() if dotted else 0
    found = code_at(stripped, start)
    if found is None and (label or dotted):
        token = _TOKEN_AT.match(stripped, start)  # after a label any number is a code: "Código de Saída 3"
        found = (token.group(0), token.end()) if token and _accept(token.group(0), "strong", False) else None
    if found is None:
        return None
    label = label or dotted
    separator = SEPARATOR.match(stripped, found[1])
    if separator is None or not separator.group(0).strip() or found[1] == len(stripped):
        return None
    if strict and not label and (shape(found[0]) == "number" or shape(found[0]) == "camel" and not error_word(found[0])):
        return None
    rest = stripped[separator.end():].strip()
    if setting_value(rest):
        return None
    return found[0], rest


_LABEL = re.compile(
    r"(?:\*\*)?\s*(?P<label>C[óo]digo d[eo] erro|Erro de c[óo]digo|Mensagem de erro|ID do erro|Error code|Error message)"
    r"\s*(?:\*\*)?\s*:?\s*(?:\*\*)?\s*",
    re.I,
)
_INLINE_CODES = re.compile(
    r"\(\s*ID\s*:?\s*(?P<paren>\d{3,7})\s*\)"  # (ID: 100050), (ID 33621)
    r"|(?<![\w-])ID\s*:\s*(?P<bare>\d{3,7})\b"  # Falha na operação. ID: 120002
    r"|[\[(](?P<hex>0x[0-9A-Fa-f]{4,8})[\])]"  # [0x1FC07]
    r"|\bErro(?:r)?\s+(?P<error>\d{4,7}|0x[0-9A-Fa-f]{4,8})\b"  # Error 34506.
    r"|\bErrorCode\s*[-:.]\s*(?P<named>[A-Za-z][A-Za-z0-9]+)",  # ErrorCode-FileFaultFault, ErrorCode.X
)
"""Codes written inside the text of a message rather than in a labelled position."""

def _merged(value: str) -> tuple[str, str] | None:
    """``CODE: texto`` (a machine-translated merge of the code and message labels): ``(code, message)``."""
    found = code_at(value, 0)
    if found is None:
        return None
    rest = value[found[1]:]
    colon = re.match(r"\s*:", rest)
    return (found[0], rest[colon.end():].strip()) if colon else None


@functools.lru_cache(maxsize=4096)
def parse_labels(text: str) -> tuple[list[tuple[str, str]], list[str]] | None:
    """Code/message pairs from ``Código de erro: X <br/> Mensagem de erro: Y`` text.

    Returns None when the text holds no code label. Otherwise ``(pairs, rest)``:
    one ``(code, message)`` per code (message may be empty) and the unlabelled
    pieces of text, in order, so that nothing is dropped.
    """
    pieces = split_br(text)
    if not any(_is_code_label(m) for p in pieces for m in _LABEL.finditer(p)):
        return _message_with_ids(pieces)
    labelled: list[tuple[str, str]] = []
    rest: list[str] = []
    for piece in pieces:
        matches = list(_LABEL.finditer(piece))
        if not matches:
            rest.append(piece)
            continue
        if matches[0].start() > 0:
            rest.append(piece[: matches[0].start()].strip())
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(piece)
            labelled.append(("code" if _is_code_label(m) else "message", piece[m.end():end].strip()))
    pairs: list[list[str]] = []
    awaiting: list[int] = []
    for kind, value in labelled:
        if kind == "code":
            codes = label_value_codes(value)
            awaiting = list(range(len(pairs), len(pairs) + len(codes)))
            pairs.extend([code, ""] for code in codes)
            if value and not codes:
                rest.append(value)
            continue
        merged = _merged(value)
        if merged and not awaiting:
            # "Código de erro: Mensagem de erro CODE: texto" (a machine-translated merge)
            pairs.append([merged[0], merged[1]])
        elif awaiting:
            for index in awaiting:
                pairs[index][1] = value
            awaiting = []
        else:
            rest.append(value)
    return [(c, m) for c, m in pairs], [r for r in rest if r]


def _message_with_ids(pieces: list[str]) -> tuple[list[tuple[str, str]], list[str]] | None:
    """``**Mensagem de erro**: texto (ID: 34513)``: a message label whose text names its code."""
    for n, piece in enumerate(pieces):
        match = _LABEL.match(piece)
        if match and not _is_code_label(match):
            message = piece[match.end():].strip()
            codes = inline_codes(message)
            if codes:
                rest = [p for i, p in enumerate(pieces) if i != n]
                return [(code, message) for code in codes], rest
    return None


def label_value_codes(value: str) -> list[str]:
    """The codes after ``Código de erro:``: a list of codes (``320001, ResourceNotFound``) or the code it starts with."""
    text = strip_markup(value)
    pieces = [p.strip() for p in re.split(r"\s*(?:,|/|;|\bou\b|\bor\b)\s*", text) if p.strip()]
    if pieces and all(TOKEN_RE.fullmatch(p) and "." not in p for p in pieces):
        return list(dict.fromkeys(pieces))
    found = code_at(text, 0)
    if found:
        return [found[0]]
    # "erro de credenciais de CodeName/cofre: 100110": the code-shaped words of the value, outside quoted text
    return find_codes(re.sub(r"`[^`]*`", " ", value))


def _is_code_label(match: re.Match[str]) -> bool:
    label = fold(match.group("label"))
    return "codigo" in label or label == "id do erro" or label == "error code"


def inline_codes(text: str) -> list[str]:
    """Codes written inside a message: ``(ID: 100050)``, ``ID: 120002``, ``[0x1FC07]``, ``Error 34506``, ``ErrorCode-X``."""
    found: list[str] = []
    for match in _INLINE_CODES.finditer(strip_markup(text)):
        code = next(value for value in match.groups() if value)
        if code not in found:
            found.append(code)
    return found
