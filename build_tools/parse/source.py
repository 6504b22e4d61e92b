"""Reading a source article: bytes to text, with clear messages for bad files."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..problems import Problems

MAX_BYTES = 64 * 1024 * 1024
"""Articles larger than this are refused rather than parsed (a 20 MB article is fine)."""


def read_article(path: str | Path, problems: Problems) -> str | None:
    """The article's text with LF line endings, or None (with an error) when it cannot be used."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        problems.error(name, 1, f"cannot read file: {exc.strerror or exc}")
        return None
    if len(data) > MAX_BYTES:
        problems.error(name, 1, f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}")
        return None
    text = _decode(data, name, problems)
    if text is None:
        return None
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        problems.notice(name, line, "CR or CRLF line endings; read as LF")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        problems.warn(name, line, f"control character U+{ord(control.group()):04X} in the text; replaced by a space")
        text = _CONTROL.sub(" ", text)
    if not text.strip():
        problems.error(name, 1, "empty article: nothing to parse")
        return None
    return text


def _decode(data: bytes, name: str, problems: Problems) -> str | None:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is an error naming the line."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            problems.error(name, 1, f"invalid UTF-16 ({exc.reason}); save the article as UTF-8")
            return None
        problems.warn(name, 1, "file is UTF-16; read it as such, but save articles as UTF-8")
        if "\x00" not in text:
            return text
        data = text.encode("utf-8")
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        if data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4:
            problems.error(name, line, "looks like UTF-16 without a byte order mark; save the article as UTF-8")
        else:
            problems.error(name, line, "binary data (NUL byte) in a markdown article")
        return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _replace_invalid(data, name, problems)


MAX_REPORTED = 20
"""Lines with invalid UTF-8 reported one by one; the rest are counted in one last warning."""


def _replace_invalid(data: bytes, name: str, problems: Problems) -> str:
    """UTF-8 with each invalid byte sequence replaced by U+FFFD; a warning names each line that had one."""
    bad: list[int] = []

    def record(exc: UnicodeDecodeError) -> tuple[str, int]:
        bad.append(exc.start)
        return "\ufffd", exc.end

    codecs.register_error("kb-record-invalid", record)
    text = data.decode("utf-8", errors="kb-record-invalid")
    line, counted, lines = 1, 0, {}
    for at in bad:  # positions come in order: newlines are counted once
        line += data.count(b"\n", counted, at)
        counted = at
        lines.setdefault(line, at)
    for n, (line, at) in enumerate(lines.items()):
        if n == MAX_REPORTED:
            problems.warn(name, line, f"invalid UTF-8 on {len(lines) - MAX_REPORTED} more lines; replaced by U+FFFD")
            break
        column = at - (data.rfind(b"\n", 0, at) + 1) + 1
        problems.warn(name, line, f"invalid UTF-8 (byte 0x{data[at]:02x} at column {column}) replaced by U+FFFD; "
                                  "save the article as UTF-8")
    return text


_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""Characters that have no place in a text article (tabs and newlines excepted): C0 and C1 controls
(terminal escapes among them) and the Unicode line separators."""
