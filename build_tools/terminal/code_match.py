"""Which known error code a piece of text means: the one matching rule of every lookup.

Produces ``resolve(table, text)`` (the known code a typed code, any spelling of a
number, a pasted log line, Azure error envelope, PowerShell record or CLI output
means, and how it was found); ``code_suggest.suggest(table, text)`` gives the
closest known codes when there is none. ``lookup.py``, the build and the browser's
``assets/kb-match.js`` (its twin, held to this file by a parity test run in
Chromium) all follow these steps:

1. the whole text as a code, in any case and without accents (``#`` ignored);
2. the whole text as a source anchor;
3. the whole text as a number (decimal, ``0x`` hex, eight hex digits, leading
   zeros, the negative 32-bit form), then an HRESULT that wraps a Win32 error
   (``0x8007xxxx``) as that Win32 number, and a Win32 number as its HRESULT;
4. a JSON object in the text: the known code nested deepest (``details``,
   ``innerError``), a value under a ``code`` key before a word of a message;
5. the words of the text: the known code after most ``details``/``inner``
   markers (CLI output prints inner errors last), else the first one. Numbers
   in running text count only in their exact spelling, or when they cannot be
   anything but an error number (``0x…``, negative, eight hex digits, ≥ 2^31).

Only codes that the table knows resolve; each spelling above only finds them.
Standard library only and Python 3.8 syntax: the offline bundle ships this file
next to ``lookup.py``. Cost grows linearly with the text (one token scan, one
JSON parse at most).
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

TOKEN = re.compile(r"[0-9A-Za-z_\u00c0-\u024f.-]+")
"""A word of pasted text: letters, digits, ``_``, ``-`` and ``.`` (split again at ``-`` and ``.``)."""
CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
NESTING = frozenset(["details", "innererror", "innererrors", "inner", "innerexception", "innerexceptions"])
"""Words after which printed errors are nested one level deeper (CLI ``Inner Errors:``, ``Exception Details:``)."""
CODE_KEYS = frozenset(["code", "errorcode", "error_code", "statuscode", "hresult"])
MAX_JSON_DEPTH = 64
MAX_SUGGESTIONS = 5
MAX_QUERY_CODES = 4
WIN32_FACILITY = 0x80070000
TWO_32 = 1 << 32


def fold(text: str) -> str:
    """Lower case without accents (``Código`` → ``codigo``), exactly as the browser's twin folds."""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub("[\u0300-\u036f]", "", decomposed).lower()


# ---- numbers ----------------------------------------------------------------

_DEC = re.compile(r"-?[0-9]+")
_HEX = re.compile(r"0x([0-9a-f]+)")
_HEX8 = re.compile(r"[0-9a-f]{8}")


def _digits(text: str) -> str:
    stripped = text.lstrip("0")
    return stripped or "0"


def number_values(key: str) -> List[int]:
    """The unsigned 32-bit values a folded token spells: decimal first, then hex; none when it is no number."""
    values: List[int] = []
    if _DEC.fullmatch(key):
        negative = key.startswith("-")
        digits = _digits(key[1:] if negative else key)
        if len(digits) <= 10:
            value = -int(digits) if negative else int(digits)
            if -(1 << 31) <= value < 0:
                values.append(value + TWO_32)
            elif 0 <= value < TWO_32:
                values.append(value)
    hexed = _HEX.fullmatch(key)
    digits = _digits(hexed.group(1)) if hexed else (key if _HEX8.fullmatch(key) else "")
    if digits and len(digits) <= 8:
        value = int(digits, 16)
        if value not in values:
            values.append(value)
    return values


def is_error_number(key: str) -> bool:
    """A token of running text that can only be an error number: ``0x…``, negative, eight hex digits, ≥ 2^31."""
    if not number_values(key):
        return False
    if key.startswith("0x") or key.startswith("-") or (_HEX8.fullmatch(key) and not key.isdigit()):
        return True
    return key.isdigit() and len(_digits(key)) <= 10 and int(_digits(key)) >= (1 << 31)


def spellings(code: str) -> List[str]:
    """Other spellings of a numeric code: ``0x800706BE`` → ``-2147023170``, ``2147944638``, ``Win32 5``…"""
    values = number_values(fold(code))
    if not values:
        return []
    value = values[0]
    out = [f"0x{value:08X}", str(value)]
    if value >= (1 << 31):
        out.append(str(value - TWO_32))
    if value & 0xFFFF0000 == WIN32_FACILITY:
        out.append(f"Win32 {value & 0xFFFF}")
    elif 0 < value <= 0xFFFF:
        out.append(f"HRESULT 0x{WIN32_FACILITY | value:08X}")
    return [s for s in out if fold(s) != fold(code)]


# ---- the table of known codes -----------------------------------------------


class Table:
    """Known codes: folded code → site path, each code as written, numbers by value, source anchors."""

    def __init__(self, codes: Mapping[str, str], written: Iterable[str] = (), anchors: Optional[Mapping[str, str]] = None):
        self.codes: Dict[str, str] = {str(k): str(v) for k, v in codes.items() if isinstance(v, str)}
        self.anchors: Dict[str, str] = {str(k): str(v) for k, v in (anchors or {}).items() if isinstance(v, str)}
        self.written: Dict[str, str] = {}
        for code in written:
            if isinstance(code, str) and fold(code) in self.codes:
                self.written.setdefault(fold(code), code)
        self.by_value: Dict[int, List[str]] = {}
        for key in sorted(self.codes):
            for value in number_values(key)[:1]:
                self.by_value.setdefault(value, []).append(key)
        self._pieces: Optional[List[Tuple[str, str, List[str]]]] = None
        self.common: set = set()
        """Pieces too frequent to relate two codes (``user``, ``error``, ``failed``): in over a tenth of them."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> "Table":
        """From ``errors.json`` (``errors[].codes``) or the site's code table (``entries[].c``)."""
        written: List[str] = []
        for error in data.get("errors") or []:
            if isinstance(error, dict) and isinstance(error.get("codes"), list):
                written += [c for c in error["codes"] if isinstance(c, str)]
        entries = data.get("entries")
        for entry in (entries.values() if isinstance(entries, dict) else []):
            if isinstance(entry, dict) and isinstance(entry.get("c"), list):
                written += [c for c in entry["c"] if isinstance(c, str)]
        codes = data.get("codes") if isinstance(data.get("codes"), dict) else {}
        anchors = data.get("anchors") if isinstance(data.get("anchors"), dict) else {}
        return cls(codes, written, anchors)

    def shown(self, key: str) -> str:
        """A folded code as the articles write it."""
        return self.written.get(key, key)

    def pieces(self) -> List[Tuple[str, str, List[str]]]:
        """Every known code: (folded, as written, its CamelCase pieces), sorted by folded code."""
        if self._pieces is None:
            self._pieces = [(key, self.shown(key), code_pieces(self.shown(key))) for key in sorted(self.codes)]
            counts: Dict[str, int] = {}
            for _, _, own in self._pieces:
                for piece in own:
                    counts[piece] = counts.get(piece, 0) + 1
            common = max(3, len(self._pieces) // 10)
            self.common = set(piece for piece, count in counts.items() if count > common)
        return self._pieces


def code_pieces(code: str) -> List[str]:
    """The folded CamelCase, snake and number pieces of a code, without repeats: ``UserErrorFsFreezeFailed`` → user, error, fs…"""
    out: List[str] = []
    for piece in CAMEL.findall(code):
        piece = fold(piece)
        if piece not in out:
            out.append(piece)
    return out


# ---- resolving ----------------------------------------------------------------


def _match(table: Table, key: str, via: str, spelled: str, relation: str = "same", found: Optional[List[str]] = None
           ) -> Dict[str, Any]:
    return {"code": table.shown(key), "key": key, "target": table.codes[key], "via": via, "spelled": spelled,
            "relation": relation, "found": found or [table.shown(key)]}


def by_number(table: Table, key: str, whole: bool) -> Optional[Tuple[str, str]]:
    """The known code a number token spells, and how: ``same`` value, the ``win32`` error of an HRESULT, or its ``hresult``."""
    values = number_values(key)
    for value in values:
        if value in table.by_value:
            return table.by_value[value][0], "same"
    for value in values:
        if value & 0xFFFF0000 == WIN32_FACILITY and (value & 0xFFFF) in table.by_value:
            return table.by_value[value & 0xFFFF][0], "win32"
    for value in values if whole else []:
        if 0 < value <= 0xFFFF and (WIN32_FACILITY | value) in table.by_value:
            return table.by_value[WIN32_FACILITY | value][0], "hresult"
    return None


def resolve(table: Table, text: str) -> Optional[Dict[str, Any]]:
    """The known code ``text`` means, or None: ``{code, key, target, via, spelled, relation, found}``.

    ``via`` is ``code``, ``anchor``, ``number``, ``json`` or ``text``; ``spelled``
    is the text's own spelling; ``found`` lists every known code seen, as written.
    """
    raw = str(text).strip()
    if not raw:
        return None
    bare = raw[1:] if raw.startswith("#") else raw
    key = fold(bare)
    if key in table.codes:
        return _match(table, key, "code", bare)
    if bare in table.anchors:
        return {"code": "", "key": "", "target": table.anchors[bare], "via": "anchor", "spelled": bare,
                "relation": "same", "found": []}
    if TOKEN.fullmatch(bare):
        numbered = by_number(table, key.strip("."), True)
        if numbered:
            return _match(table, numbered[0], "number", bare, numbered[1])
    return _from_json(table, raw) or _from_words(table, raw)


def _candidates(table: Table, text: str, depth: int) -> List[Tuple[int, int, str, str, str]]:
    """Known codes in running text as (depth, keyed, key, spelled, relation), in order; markers nest deeper."""
    out: List[Tuple[int, int, str, str, str]] = []
    for match in TOKEN.finditer(text):
        token = match.group(0).strip(".")
        folded = fold(token)
        if folded in NESTING:
            depth += 1
            continue
        forms = [folded] + [p for p in re.split(r"[.-]", folded) if p and p != folded]
        for form in forms:
            if form in table.codes:
                out.append((depth, 0, form, token, "same"))
                break
            if is_error_number(form):
                numbered = by_number(table, form, False)
                if numbered:
                    out.append((depth, 0, numbered[0], token, numbered[1]))
                    break
    return out


def _best(table: Table, found: List[Tuple[int, int, str, str, str]], via: str) -> Optional[Dict[str, Any]]:
    if not found:
        return None
    best = found[0]
    for candidate in found[1:]:
        if (candidate[0], candidate[1]) > (best[0], best[1]):
            best = candidate
    seen: List[str] = []
    for candidate in found:
        shown = table.shown(candidate[2])
        if shown not in seen:
            seen.append(shown)
    return _match(table, best[2], via, best[3], best[4], seen)


def _from_words(table: Table, text: str) -> Optional[Dict[str, Any]]:
    return _best(table, _candidates(table, text, 0), "text")


def json_depth_ok(text: str) -> bool:
    """Whether the brackets of a JSON text nest at most MAX_JSON_DEPTH deep (strings skipped); one pass."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return False
        elif char in "}]":
            depth -= 1
    return True


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _number(text: str) -> Any:
    value = float(text)
    return int(value) if value.is_integer() and abs(value) < (1 << 53) else value


def parse_json(text: str) -> Any:
    """The JSON object from the first ``{`` to the last ``}`` of ``text``, or None (as JSON.parse would take it)."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return None
    candidate = text[start:end + 1]
    if not json_depth_ok(candidate):
        return None
    try:
        return json.loads(candidate, parse_constant=_no_constant, parse_float=_number)
    except (ValueError, RecursionError):
        return None


def _walk(table: Table, value: Any, depth: int, out: List[Tuple[int, int, str, str, str]]) -> None:
    if isinstance(value, dict):
        depth += 1
        for name in sorted(value):
            item = value[name]
            if fold(name) in CODE_KEYS:
                spelled = _scalar(item)
                if spelled is not None:
                    key = fold(spelled.strip())
                    numbered = None if key in table.codes else by_number(table, key, False)
                    if key in table.codes:
                        out.append((depth, 1, key, spelled.strip(), "same"))
                        continue
                    if numbered:
                        out.append((depth, 1, numbered[0], spelled.strip(), numbered[1]))
                        continue
            _walk(table, item, depth, out)
    elif isinstance(value, list):
        for item in value:
            _walk(table, item, depth, out)
    elif isinstance(value, str):
        inner = parse_json(value) if value.strip().startswith("{") else None
        if inner is not None:
            _walk(table, inner, depth, out)
        else:
            out += _candidates(table, value, depth)


def _scalar(value: Any) -> Optional[str]:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < (1 << 53):
        return str(value)
    return None


def _from_json(table: Table, text: str) -> Optional[Dict[str, Any]]:
    data = parse_json(text)
    if data is None:
        return None
    found: List[Tuple[int, int, str, str, str]] = []
    _walk(table, data, 0, found)
    return _best(table, found, "json")


def codes_in(table: Table, text: str) -> List[Tuple[int, int, str]]:
    """Known codes in running text as ``(start, end, folded code)``: what ``autolink.js`` links.

    A word (or a ``-``/``.`` separated part of one) counts when it is written exactly
    as the articles write a code, or when it can only be an error number that spells
    a known one (``0x80070005``, ``-2147024891``); never inside a longer word.
    """
    out: List[Tuple[int, int, str]] = []
    for match in TOKEN.finditer(text):
        token, start = match.group(0), match.start()
        whole = token.strip(".")
        offset = start + len(token) - len(token.lstrip("."))
        found = _written(table, whole)
        if found:
            out.append((offset, offset + len(whole), found))
            continue
        at = start
        for part in re.split(r"([.-])", token):
            if part and part not in ".-":
                found = _written(table, part)
                if found:
                    out.append((at, at + len(part), found))
            at += len(part)
    return out


def _written(table: Table, word: str) -> Optional[str]:
    key = fold(word)
    if key in table.codes and table.written.get(key) == word:
        return key
    numbered = by_number(table, key, False) if is_error_number(key) else None
    return numbered[0] if numbered else None


def code_shaped(text: str) -> bool:
    """Whether some word of ``text`` is written like an error code: CamelCase of three or more pieces, snake_case,
    ``0x`` hex, eight hex digits or a number of three or more digits. An unknown one is "not in this knowledge base"."""
    for token in TOKEN.findall(str(text)):
        token = token.strip(".")
        if (len(CAMEL.findall(token)) >= 3 and re.search("[A-Z]", token[1:])) or "_" in token \
                or _SHAPED_NUMBER.fullmatch(token):
            return True
    return False


_SHAPED_NUMBER = re.compile(r"0[xX][0-9A-Fa-f]+|-?[0-9]{3,}|[0-9A-Fa-f]{8}")
