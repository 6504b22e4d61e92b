"""The code grammar: what a token that may be an error code looks like, and codes that open a heading.

Also the small text helpers every stage uses (``fold``, ``slugify``) and the
English that a source anchor slug carries. Codes that a label names in running
text are ``labels.py``.
"""

from __future__ import annotations

import re
import unicodedata

from . import vocabulary as vocab

TOKEN = r"(?<![\w.\-/])(?:-\d+|[A-Za-z0-9][A-Za-z0-9_]*)(?:\.[A-Za-z0-9_]+)*"
"""A token that may be a code: a word of letters, digits and ``_`` (dotted parts allowed), or a negative number.

No nested repetition that could backtrack: matching is linear in the text.
"""
TOKEN_RE = re.compile(TOKEN)
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
    return [(m.group(0), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


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


def code_at(text: str, pos: int) -> tuple[str, int] | None:
    """The code that starts at ``pos`` of ``text`` and where it ends, or None."""
    match = TOKEN_RE.match(text, pos)
    if not match or "." in match.group(0):
        return None
    token = match.group(0)
    kind = shape(token)
    if kind in STRONG_SHAPES or kind == "number" and len(token) >= 3:
        return token, match.end()
    return None


def setting_value(rest: str) -> bool:
    """``YES``, ``NO e AzureADPrt : YES``: the text after ``Name :`` is a setting's value."""
    words = rest.split()
    return bool(words) and fold(words[0]).strip(".") in vocab.SETTING_VALUES and (len(words) == 1 or words[0].isupper())


SEPARATOR = re.compile(r"\s*(?:-+|:|–|—)\s*")
_SLASH = re.compile(r"\s*/\s*")


def split_heading(text: str) -> tuple[list[str], str]:
    """Leading codes of a heading and the text after them: ``A / B - text`` gives ``([A, B], text)``."""
    stripped = text.strip()
    codes: list[str] = []
    pos = 0
    while True:
        found = code_at(stripped, pos)
        if found is None:
            return [], stripped
        codes.append(found[0])
        pos = found[1]
        slash = _SLASH.match(stripped, pos)
        if slash and code_at(stripped, slash.end()):
            pos = slash.end()
            continue
        break
    if pos == len(stripped):
        return codes, ""
    separator = SEPARATOR.match(stripped, pos)
    if separator is None:
        return [], stripped
    rest = stripped[separator.end():].strip()
    if len(codes) == 1 and re.fullmatch(r"(19|20)\d\d", codes[0]):
        return [], stripped  # "2019 - Novidades" is a year, not a code
    if setting_value(rest):
        return [], stripped  # "AzureAdJoined : YES" is a setting and its value
    if shape(codes[0]) == "number" and separator.group(0).strip() == "":
        return [], stripped
    return codes, rest


_BR = re.compile(r"<br\s*/?>", re.I)
_ACRONYMS = {"vm", "vms", "vss", "com", "iops", "vhd", "vhds", "dns", "ip", "ips", "nsg", "rdp", "sql", "os", "cpu", "id"}


def split_br(text: str) -> list[str]:
    """Split inline markdown on ``<br>``/``<br/>`` and newlines, dropping empty pieces."""
    pieces = []
    for chunk in _BR.split(text):
        for line in chunk.split("\n"):
            line = line.replace("\u202f", " ").replace("\xa0", " ").strip()
            if line:
                pieces.append(line)
    return pieces


def find_codes(text: str) -> list[str]:
    """Every code-like token in ``text`` (see ``is_code``), in order, without repeats."""
    seen: list[str] = []
    for token, _start, _end in tokens(strip_markup(text)):
        if is_code(token) and token not in seen:
            seen.append(token)
    return seen


def strip_markup(value: str) -> str:
    return value.replace("**", "").replace("`", "").strip().rstrip(".")


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
