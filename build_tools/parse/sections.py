"""Heading sections: the tree of an article's headings, their anchors, unique ids and kinds.

A section is a heading plus the top-level blocks up to the next heading. Its
kind decides which record it becomes: ``title`` (the H1), ``entry`` (an error
heading), ``entry-part`` (a plain heading inside an error), ``category`` (holds
errors) or ``topic`` (everything else that is a link target).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from markdown_it.token import Token

from .blocks import block_ranges, inline_texts, line_of, span_of, to_block
from . import vocabulary as vocab
from .codes import error_word, escape_code_tags, fold, shape, slugify, split_heading, tokens
from .labels import labelled_codes, parse_labels
from ..model import Block, HtmlBlock, ListBlock, Note, Paragraph, TableBlock
from ..problems import Problems
from .tables import error_columns, vertical_labels
from ..urls import MAX_NAME

ANCHOR_TAG = re.compile(
    r"<a\s[^<>]*?\b(?:name|id)\s*=\s*(?:\"(?P<d>[^\"<]*)\"|'(?P<s>[^'<]*)'|(?P<u>[^\s<>\"']+))[^<>]*>(?:\s*</a\s*>)?",
    re.I,
)
"""``<a name="x"></a>`` (or ``id=``, any quoting) as written in headings and text."""
_SAFE_ID = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_.:-]*[A-Za-z0-9_-])?$")
"""An anchor used as is for a page id: no leading dot or underscore (``.``, ``..``, ``__config``), no trailing dot."""
_RESERVED_IDS = frozenset({"index"})
"""Ids that name a folder's own page (``categories/index/`` would be ``categories/``)."""


@dataclass(eq=False)
class Section:
    """A heading and the blocks up to the next heading (parser-internal)."""

    level: int
    text: str
    """Heading text without its anchors, as inline markdown."""
    anchor: str
    """The first anchor of the heading as written, or empty."""
    line: int
    end: int
    """Last line of the heading itself (a setext heading spans two)."""
    parent: "Section | None" = None
    aliases: list[str] = field(default_factory=list)
    """Further anchors written in the heading or its text (link targets too)."""
    blocks: list[Block] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    """Source lines of each block, in step with ``blocks``."""
    children: list["Section"] = field(default_factory=list)
    id: str = ""
    kind: str = ""
    codes: list[str] = field(default_factory=list)
    rest: str = ""
    leading: bool = True
    """The codes open the heading and ``rest`` is the message after them; else they sit inside the text."""

    def ancestors(self) -> list["Section"]:
        out, parent = [], self.parent
        while parent is not None:
            out.append(parent)
            parent = parent.parent
        return out

    def descendants(self) -> list["Section"]:
        out: list[Section] = []
        for child in self.children:
            out.append(child)
            out.extend(child.descendants())
        return out


def split_sections(
    tokens: Sequence[Token], start: int, path: str, problems: Problems,
) -> tuple[Section, list[Section], list[tuple[int, int, str]]]:
    """The root (text before any heading), every heading section in order, and blocks holding no content."""
    root = Section(0, "", "", 1, 0, kind="root")
    sections: list[Section] = []
    stack = [root]
    dropped: list[tuple[int, int, str]] = []
    for first, last in block_ranges(tokens, start, len(tokens)):
        token = tokens[first]
        if token.type == "heading_open":
            section = _heading(tokens, first, path, problems)
            while stack[-1].level >= section.level:
                stack.pop()
            parent = stack[-1]
            section.parent = parent if parent is not root else None
            parent.children.append(section)
            stack.append(section)
            sections.append(section)
            continue
        current = stack[-1]
        block = to_block(tokens, first, last)
        span = span_of(tokens, first, last)
        if block is None:
            dropped.append((span[0], span[1], token.type))
            continue
        current.blocks.append(block)
        current.spans.append(span)
        current.aliases.extend(inline_anchors(block))
    return root, sections, dropped


def _heading(tokens: Sequence[Token], first: int, path: str, problems: Problems) -> Section:
    token = tokens[first]
    raw = tokens[first + 1].content
    line = line_of(token)
    anchors = [next(v for v in m.groups() if v is not None) for m in ANCHOR_TAG.finditer(raw)]
    text = ANCHOR_TAG.sub("", raw).strip()
    text, escaped = escape_code_tags(text)
    for code in dict.fromkeys(escaped):
        problems.warn(path, line, f"code <{code}> is written like an HTML tag; it is kept as text")
    _first, end = span_of(tokens, first, first + 3)
    section = Section(int(token.tag[1]), text, anchors[0].strip() if anchors else "", line, end)
    section.aliases = [a.strip() for a in anchors[1:]]
    return section


def inline_anchors(block: Block) -> list[str]:
    """Anchors (``<a name=...>``) written inside a block's text or HTML."""
    texts = [block.html] if isinstance(block, HtmlBlock) else [t for t, _ in inline_texts(block)]
    return [next(v for v in m.groups() if v is not None).strip() for t in texts if "<a" in t for m in ANCHOR_TAG.finditer(t)]


def assign_ids(sections: list[Section], path: str, problems: Problems) -> None:
    """Unique section ids: the anchor (made URL-safe), else a slug of the heading; repeats get ``-2``, ``-3``."""
    first_seen: dict[str, int] = {}
    tried: dict[str, int] = {}
    for section in sections:
        base = _base_id(section, path, problems)
        candidate, n = base, tried.get(base, 1)
        while candidate in first_seen:
            n += 1
            candidate = f"{base}-{n}"
        tried[base] = n  # the next repeat of this base goes on from here, not from -2
        if candidate != base:
            what = f"anchor {section.anchor!r}" if section.anchor else f"heading {section.text!r}"
            problems.notice(path, section.line, f"duplicate {what} (first at line {first_seen[base]}); this one is {candidate!r}")
        first_seen[candidate] = section.line
        section.id = candidate


def _base_id(section: Section, path: str, problems: Problems) -> str:
    wordless = not re.search(r"\w", section.text)
    if section.anchor:
        base = section.anchor
        if not _SAFE_ID.match(section.anchor):
            base = slugify(section.anchor, 100) if re.search(r"[^\W_]", section.anchor) else f"section-{section.line}"
            problems.warn(path, section.line, f"anchor {section.anchor!r} has spaces, quotes or symbols; its id is {base!r}")
    else:
        base = f"section-{section.line}" if wordless else slugify(section.text)
    if len(base) > MAX_NAME:
        problems.warn(path, section.line, f"anchor {base[:40]}… is {len(base)} characters long; its id is the first "
                                          f"{MAX_NAME}")
        base = base[:MAX_NAME].rstrip(".")
    if base.lower() in _RESERVED_IDS:
        what = f"anchor {section.anchor!r}" if section.anchor else f"heading {section.text!r}"
        base = f"{base}-{section.line}"
        problems.notice(path, section.line, f"{what} gives the id 'index', which names a folder's own page; "
                                          f"its id is {base!r}")
    if wordless:
        what = "empty heading" if not section.text else f"heading {section.text!r} has no words"
        problems.warn(path, section.line, f"{what}; its id is {base!r}")
    return base


def classify(sections: list[Section], title: Section | None) -> None:
    """Set each section's kind (and the codes written in its heading)."""
    for section in sections:
        if section is title:
            section.kind = "title"
            continue
        section.codes, section.rest, section.leading = heading_codes(section)
        if section.codes or has_labels(section.blocks) or tells_cause_or_fix(section):
            section.kind = "entry"
    for section in sections:
        if section.kind == "entry":
            owner = owner_of(section)
            if owner is not None and owner.kind == "":
                owner.kind = "category"
        elif section.kind == "" and any(error_tables(b) for b in section.blocks):
            section.kind = "category"
    for section in sections:
        if section.kind == "" and section.parent is not None and section.parent.kind in ("entry", "entry-part"):
            section.kind = "entry-part"  # a sub-heading inside an error: part of its resolution
        elif section.kind == "":
            section.kind = "topic"


_NAMED_STATUS = re.compile(r"^\s*([A-Za-z][A-Za-z0-9]*)\s*\((?=[^)]*\d)")
_HTTP_START = re.compile(r"^\s*(?:HTTP\s*)?([45]\d\d)(?=\s|\.\.\.|…|$)")


def heading_codes(section: Section) -> tuple[list[str], str, bool]:
    """The codes a heading names, the text that is its message, and whether the codes lead it.

    ``Code - texto`` and ``A / B: texto`` lead; codes may also stand anywhere when a
    label or their shape says so (``Erro 53, Erro 67 ou Erro 87 ao montar``,
    ``ID do evento 1098: ... 0xCAA5001C``, ``403... tentar recarregar``). A heading
    that is one identifier is a code when the identifier or a heading above it
    speaks of errors (``### InvalidSoftMatch`` under ``## Erros de ...``), not when it
    names an element or an API. Codes an enclosing error heading already has are
    not this heading's (``#### Como corrigir o erro InvalidSoftMatch``).
    """
    text = section.text
    above = {c for a in section.ancestors() for c in a.codes}
    codes, rest = split_heading(text)
    leading = bool(codes)
    named = _NAMED_STATUS.match(text)
    if not codes and named and shape(named.group(1)) == "camel":
        codes, rest, leading = [named.group(1)], text.strip(), False  # "BadArgument (código de status HTTP 400)"
    if codes and not rest and len(codes) == 1 and shape(codes[0]) == "camel":
        if not (error_word(codes[0]) or _errors_above(section) or _error_text_below(section)):
            codes = []
    elif codes and shape(codes[0]) == "camel" and not error_word(codes[0]) and sum(c.isupper() for c in codes[0]) < 3:
        codes = []
    if not codes:
        leading = False
        plain = text.replace("**", "").replace("`", "")
        found = labelled_codes(plain)
        start = _HTTP_START.match(plain)
        if start:
            found.insert(0, start.group(1))
        words = set(re.findall(r"[a-z]+", fold(plain)))
        for token, _s, _e in tokens(plain):
            kind = shape(token)
            if kind in ("hex", "hresult", "snake", "prefixed"):
                found.append(token)
            elif kind == "camel" and error_word(token) and words & {"erro", "error", "falha", "falhou", "failed"}:
                found.append(token)
        codes = list(dict.fromkeys(found))
        rest = text.strip()
    elif not leading:
        plain = text.replace("**", "").replace("`", "")
        codes = list(dict.fromkeys([*codes, *labelled_codes(plain)]))
    codes = [c for c in codes if c not in above]
    return (codes, rest, leading) if codes else ([], text.strip(), False)


def _error_text_below(section: Section) -> bool:
    """True when the heading's first blocks give an error message (a ``| Mensagem de erro |`` table, label lines)."""
    for block in section.blocks[:2]:
        if isinstance(block, TableBlock):
            columns = error_columns(block)
            if columns is not None and not columns.coded:
                return True
    return has_labels(section.blocks)


def _errors_above(section: Section) -> bool:
    """True when the section's parent or the article title speaks of errors."""
    for ancestor in section.ancestors()[:1] + [a for a in section.ancestors() if a.level == 1]:
        if set(re.findall(r"[a-z]+", fold(ancestor.text))) & set(vocab.HEADING_ERROR_WORDS):
            return True
    return False


_PART_LABEL = re.compile(r"^\s*\*\*(?P<label>[^*]{3,40}?)\s*:?\s*\*\*\s*:?")


def tells_cause_or_fix(section: Section) -> bool:
    """An error without a code: a heading followed by ``**Causa possível**:`` / ``**Ação recomendada**``
    paragraphs, or with ``### Causa`` / ``### Solução`` headings right under it."""
    if section.level <= 1:
        return False
    for block in section.blocks:
        if isinstance(block, Paragraph):
            match = _PART_LABEL.match(block.text)
            if match and _part_label(match.group("label")):
                return True
    return any(_part_label(child.text) for child in section.children)


def _part_label(text: str) -> bool:
    words = fold(re.sub(r"\s*\d+\s*$|:.*$", "", text.replace("*", ""))).strip(" .:")
    return words in vocab.CAUSE_FIX_LABELS


def has_labels(blocks: list[Block]) -> bool:
    """True when one of the first blocks gives a code: ``Código de erro: X`` lines or a key/value table."""
    for block in blocks[:3]:
        if isinstance(block, Paragraph) and parse_labels(block.text) is not None:
            return True
        if isinstance(block, TableBlock) and vertical_labels(block) is not None:
            return True
    return False


def error_tables(block: Block) -> list[TableBlock]:
    """Error tables in a block: the block itself, or tables nested in its list items and notes."""
    if isinstance(block, TableBlock):
        return [block] if error_columns(block) and vertical_labels(block) is None else []
    if isinstance(block, ListBlock):
        return [t for item in block.items for child in item.children for t in error_tables(child)]
    if isinstance(block, Note):
        return [t for child in block.blocks for t in error_tables(child)]
    return []


def owner_of(section: Section) -> Section | None:
    """The nearest enclosing section that is not itself an error heading (nor the H1)."""
    return next((a for a in section.ancestors() if a.kind != "entry" and a.level > 1), None)
