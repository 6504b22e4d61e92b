"""Recognising error codes, code/message labels and English slugs in pt-BR text."""

from __future__ import annotations

import functools
import re
import unicodedata

from . import vocabulary as vocab

TOKEN = r"(?<![\w.\-/])(?:-\d+|[A-Za-z0-9][A-Za-z0-9_]*)(?:\.[A-Za-z0-9_]+)*"
"""A token that may be a code: a word of letters, digits and ``_`` (dotted parts allowed), or a negative number.

No nested repetition that could backtrack: matching is linear in the text.
"""
_TOKEN_RE = re.compile(TOKEN)
_HEX = re.compile(r"0[xX][0-9A-Fa-f]{1,16}")
_HRESULT = re.compile(r"(?:8[0-9A-Fa-f]{7}|[Cc][0-9A-Fa-f]{7})")
_SNAKE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
_PREFIXED = re.compile(r"[A-Z]{2,}\d{2,}")
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_NUMBER = re.compile(r"-?\d+")


def shape(token: str) -> str:
    """What a token looks like: ``number``, ``hex``, ``hresult``, ``snake``, ``prefixed``, ``camel``, ``word`` or ``""``.

    ``camel`` is an identifier with two capitals or more and two lower-case letters
    or more (``InvalidSoftMatch``); a dotted name (``System.IO.X``) has no shape.
    """
    if _NUMBER.fullmatch(token):
        return "hresult" if len(token) == 8 and token.startswith("800") else "number"
    if _HEX.fullmatch(token):
        return "hex"
    if _HRESULT.fullmatch(token) and any(c.isdigit() for c in token[1:]) and (
            token.isupper() or token[1:].isdigit() or token[0] == "8" and token.islower()):
        return "hresult"
    if _SNAKE.fullmatch(token):
        return "snake"
    if _PREFIXED.fullmatch(token):
        return "prefixed"
    if _IDENT.fullmatch(token):
        upper = sum(c.isupper() for c in token)
        lower = sum(c.islower() for c in token)
        if upper >= 2 and lower >= 2 and len(token) >= 6 and token.lower() not in vocab.NOT_CODES:
            if not any(part in token.lower() for part in vocab.EXCEPTION_SUFFIXES):
                return "camel"
        return "word"
    return ""


STRONG_SHAPES = frozenset({"hex", "hresult", "snake", "prefixed", "camel"})
"""Shapes that are codes wherever a label or an error context puts them; numbers need a label."""


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Every token of ``text`` as ``(token, start, end)``, in order."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def is_code(token: str) -> bool:
    """True when ``token`` alone looks like an error code (a strong shape, or a number of three digits or more)."""
    token = token.strip()
    kind = shape(token)
    return kind in STRONG_SHAPES or kind == "number" and len(token.lstrip("-")) >= 3


_HUMP = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def error_word(identifier: str) -> bool:
    """True when an identifier's words name a failure (``StorageAccountAlreadyTaken``, ``VipUnResponsive``).

    Words are matched from the start of a hump, so ``WorkerRole`` holds no ``erro``.
    """
    folded = identifier.lower()
    starts = {m.start() for m in _HUMP.finditer(identifier)}
    for word in vocab.ERROR_WORDS:
        at = folded.find(word)
        while at >= 0:
            if at in starts:
                return True
            at = folded.find(word, at + 1)
    return False


def _leading_code(text: str, pos: int) -> tuple[str, int] | None:
    """The code that starts at ``pos`` of ``text`` and where it ends, or None."""
    match = _TOKEN_RE.match(text, pos)
    if not match or "." in match.group(0):
        return None
    token = match.group(0)
    kind = shape(token)
    if kind in STRONG_SHAPES or kind == "number" and len(token) >= 3:
        return token, match.end()
    return None


def _setting_value(rest: str) -> bool:
    """``YES``, ``NO e AzureADPrt : YES``: the text after ``Name :`` is a setting's value."""
    words = rest.split()
    return bool(words) and fold(words[0]).strip(".") in vocab.SETTING_VALUES and (len(words) == 1 or words[0].isupper())


_SEPARATOR = re.compile(r"\s*(?:-+|:|–|—)\s*")
_SLASH = re.compile(r"\s*/\s*")


def split_heading(text: str) -> tuple[list[str], str]:
    """Leading codes of a heading and the text after them: ``A / B - text`` gives ``([A, B], text)``."""
    stripped = text.strip()
    codes: list[str] = []
    pos = 0
    while True:
        found = _leading_code(stripped, pos)
        if found is None:
            return [], stripped
        codes.append(found[0])
        pos = found[1]
        slash = _SLASH.match(stripped, pos)
        if slash and _leading_code(stripped, slash.end()):
            pos = slash.end()
            continue
        break
    if pos == len(stripped):
        return codes, ""
    separator = _SEPARATOR.match(stripped, pos)
    if separator is None:
        return [], stripped
    rest = stripped[separator.end():].strip()
    if len(codes) == 1 and re.fullmatch(r"(19|20)\d\d", codes[0]):
        return [], stripped  # "2019 - Novidades" is a year, not a code
    if _setting_value(rest):
        return [], stripped  # "AzureAdJoined : YES" is a setting and its value
    if shape(codes[0]) == "number" and separator.group(0).strip() == "":
        return [], stripped
    return codes, rest


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
_NAMED_LABEL = re.compile(rf"(?<![\w-])(?:{_labels(vocab.NAMED_LABELS)}){_LABEL_TAIL}")
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
    found = _leading_code(stripped, start)
    if found is None and (label or dotted):
        token = _TOKEN_AT.match(stripped, start)  # after a label any number is a code: "Código de Saída 3"
        found = (token.group(0), token.end()) if token and _accept(token.group(0), "strong", False) else None
    if found is None:
        return None
    label = label or dotted
    separator = _SEPARATOR.match(stripped, found[1])
    if separator is None or not separator.group(0).strip() or found[1] == len(stripped):
        return None
    if strict and not label and (shape(found[0]) == "number" or shape(found[0]) == "camel" and not error_word(found[0])):
        return None
    rest = stripped[separator.end():].strip()
    if _setting_value(rest):
        return None
    return found[0], rest


_BR = re.compile(r"<br\s*/?>", re.I)
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
_ACRONYMS = {"vm", "vms", "vss", "com", "iops", "vhd", "vhds", "dns", "ip", "ips", "nsg", "rdp", "sql", "os", "cpu", "id"}


def _merged(value: str) -> tuple[str, str] | None:
    """``CODE: texto`` (a machine-translated merge of the code and message labels): ``(code, message)``."""
    found = _leading_code(value, 0)
    if found is None:
        return None
    rest = value[found[1]:]
    colon = re.match(r"\s*:", rest)
    return (found[0], rest[colon.end():].strip()) if colon else None


def split_br(text: str) -> list[str]:
    """Split inline markdown on ``<br>``/``<br/>`` and newlines, dropping empty pieces."""
    pieces = []
    for chunk in _BR.split(text):
        for line in chunk.split("\n"):
            line = line.replace("\u202f", " ").replace("\xa0", " ").strip()
            if line:
                pieces.append(line)
    return pieces


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
    text = _strip_md(value)
    pieces = [p.strip() for p in re.split(r"\s*(?:,|/|;|\bou\b|\bor\b)\s*", text) if p.strip()]
    if pieces and all(_TOKEN_RE.fullmatch(p) and "." not in p for p in pieces):
        return list(dict.fromkeys(pieces))
    found = _leading_code(text, 0)
    if found:
        return [found[0]]
    # "erro de credenciais de CodeName/cofre: 100110": the code-shaped words of the value, outside quoted text
    return find_codes(re.sub(r"`[^`]*`", " ", value))


def find_codes(text: str) -> list[str]:
    """Every code-like token in ``text`` (see ``is_code``), in order, without repeats."""
    seen: list[str] = []
    for token, _start, _end in tokens(_strip_md(text)):
        if is_code(token) and token not in seen:
            seen.append(token)
    return seen


def _is_code_label(match: re.Match[str]) -> bool:
    label = fold(match.group("label"))
    return "codigo" in label or label == "id do erro" or label == "error code"


def _strip_md(value: str) -> str:
    return value.replace("**", "").replace("`", "").strip().rstrip(".")


def inline_codes(text: str) -> list[str]:
    """Codes written inside a message: ``(ID: 100050)``, ``ID: 120002``, ``[0x1FC07]``, ``Error 34506``, ``ErrorCode-X``."""
    found: list[str] = []
    for match in _INLINE_CODES.finditer(_strip_md(text)):
        code = next(value for value in match.groups() if value)
        if code not in found:
            found.append(code)
    return found


_CODE_TAG = re.compile(r"<(?P<name>[A-Za-z][A-Za-z0-9]*)>")


def escape_code_tags(text: str) -> tuple[str, list[str]]:
    """``<UserErrorX>`` is a code, not an HTML tag: write it as ``\\<UserErrorX\\>`` so no sanitizer removes it.

    Returns the text and the codes that were escaped.
    """
    escaped: list[str] = []

    def one(match: re.Match[str]) -> str:
        name = match.group("name")
        if name.lower() in HTML_TAGS or not is_code(name):
            return match.group(0)
        escaped.append(name)
        return f"\\<{name}\\>"

    return _CODE_TAG.sub(one, text), escaped


HTML_TAGS = frozenset(
    "a abbr b blockquote br code dd del details div dl dt em h1 h2 h3 h4 h5 h6 hr i img ins kbd li ol p pre "
    "q s samp small span strong sub summary sup table tbody td tfoot th thead tr u ul var".split()
)
"""Tags that articles use as HTML; anything else shaped like ``<CodeName>`` is text."""


def fold(text: str) -> str:
    """Lower case without accents: ``Código`` gives ``codigo``."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str, limit: int = 60) -> str:
    """A stable ASCII slug: ``A VM está em Estado`` gives ``a-vm-esta-em-estado``."""
    plain = re.sub(r"<[^>]*>|\*\*|`", " ", text)
    words = re.findall(r"[a-z0-9]+", fold(plain))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "entry"


def english_from_anchor(anchor: str, codes: list[str], reference: str = "") -> str:
    """The English text that a source anchor slug carries, with its case restored.

    ``usererrorfsfreezefailed---failed-to-freeze-...-of-the-vm`` gives
    ``Failed to freeze ... of the VM``. Words that ``reference`` (the heading)
    writes with capitals keep those capitals.
    """
    slug = anchor
    if codes:
        # "a--b---text": codes are joined by "--", the text follows the last "---" (or the one "--")
        runs = list(re.finditer(r"-{3,}", anchor)) or list(re.finditer(r"-{2,}", anchor))[:1]
        if not runs:
            return ""
        slug = anchor[runs[-1].end():]
    words = [w for w in slug.split("-") if w]
    if not words:
        return ""
    cased = {w.lower(): w for w in re.findall(r"[A-Za-z0-9+]+", reference) if w != w.lower()}
    out = []
    for word in words:
        if word in cased:
            out.append(cased[word])
        elif word in _ACRONYMS:
            out.append(word.upper() if not word.endswith("s") or word in {"os", "ips"} else word[:-1].upper() + "s")
        else:
            out.append(word)
    text = " ".join(out)
    return text[0].upper() + text[1:]
