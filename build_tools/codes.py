"""Recognising error codes, code/message labels and English slugs in pt-BR text."""

from __future__ import annotations

import functools
import re
import unicodedata

CAMEL_CODE = r"[A-Za-z][a-z0-9]*(?:[A-Z][A-Za-z0-9]*){2,}"
"""An identifier with at least two inner capitals (``UserErrorFsFreezeFailed``, ``ExtensionSnapshotFailedCOM``)."""
NUMERIC_CODE = r"\d{3,7}"
HEX_CODE = r"0x[0-9A-Fa-f]{4,8}"
CODE = rf"(?:{HEX_CODE}|{CAMEL_CODE}|{NUMERIC_CODE})"
CODE_RE = re.compile(rf"^{CODE}$")
_CODE_TOKEN = re.compile(rf"(?<![\w.]){CODE}(?![\w.])")

_HEADING_CODES = re.compile(
    rf"^\s*(?P<codes>{CODE}(?:\s*/\s*{CODE})*)\s*(?:(?:-+|:|–)\s*(?P<rest>.*)|$)", re.S
)
_BR = re.compile(r"<br\s*/?>", re.I)
_LABEL = re.compile(
    r"(?:\*\*)?\s*(?P<label>C[óo]digo d[eo] erro|Erro de c[óo]digo|Mensagem de erro|ID do erro|Error code|Error message)"
    r"\s*(?:\*\*)?\s*:?\s*(?:\*\*)?\s*",
    re.I,
)
_MERGED = re.compile(rf"^(?P<code>{CODE})\s*:\s*(?P<message>.*)$", re.S)
_INLINE_CODES = re.compile(
    r"\(\s*ID\s*:?\s*(?P<paren>\d{3,7})\s*\)"  # (ID: 100050), (ID 33621)
    r"|(?<![\w-])ID\s*:\s*(?P<bare>\d{3,7})\b"  # Falha na operação. ID: 120002
    r"|[\[(](?P<hex>0x[0-9A-Fa-f]{4,8})[\])]"  # [0x1FC07]
    r"|\bErro(?:r)?\s+(?P<error>\d{4,7}|0x[0-9A-Fa-f]{4,8})\b"  # Error 34506.
    r"|\bErrorCode\s*[-:]\s*(?P<named>[A-Za-z][A-Za-z0-9]+)",  # ErrorCode-FileFaultFault
)
"""Codes written inside the text of a message rather than in a labelled position."""
_ACRONYMS = {"vm", "vms", "vss", "com", "iops", "vhd", "vhds", "dns", "ip", "ips", "nsg", "rdp", "sql", "os", "cpu", "id"}


def is_code(token: str) -> bool:
    """True when ``token`` alone looks like an error code."""
    return bool(CODE_RE.match(token.strip()))


def split_heading(text: str) -> tuple[list[str], str]:
    """Leading codes of a heading and the text after them: ``A / B - text`` gives ``([A, B], text)``."""
    match = _HEADING_CODES.match(text)
    if not match:
        return [], text.strip()
    codes = [c.strip() for c in match.group("codes").split("/")]
    if len(codes) == 1 and re.fullmatch(r"(19|20)\d\d", codes[0]) and match.group("rest") is not None:
        # "2019 - Novidades" is a year, not a code
        return [], text.strip()
    return codes, (match.group("rest") or "").strip()


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
            codes = find_codes(value)
            awaiting = list(range(len(pairs), len(pairs) + len(codes)))
            pairs.extend([code, ""] for code in codes)
            if value and not codes:
                rest.append(value)
            continue
        merged = _MERGED.match(value)
        if merged and not awaiting:
            # "Código de erro: Mensagem de erro CODE: texto" (a machine-translated merge)
            pairs.append([merged.group("code"), merged.group("message").strip()])
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


def find_codes(text: str) -> list[str]:
    """Every code-like token in ``text``, in order, without repeats."""
    seen: list[str] = []
    for match in _CODE_TOKEN.finditer(_strip_md(text)):
        if match.group(0) not in seen:
            seen.append(match.group(0))
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
