"""Blocks and inline markdown to safe HTML, with the site's cross-links.

Everything the source says passes through ``sanitize`` (nh3, an allowlist
sanitizer): ``<br>``, lists and tables survive; scripts, event handlers,
``javascript:`` URLs and unknown tags do not. Unbalanced source HTML (a stray
``</ol>``, an unclosed ``<li>``) comes out balanced.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from typing import Sequence
from urllib.parse import urljoin

import nh3
from markdown_it.token import Token

from ..parse.blocks import MD
from ..parse.codes import TOKEN
from .commands import commands_as_code
from ..model import Block, CodeBlock, HtmlBlock, ListBlock, Note, Paragraph, TableBlock

TAGS = {
    "a", "p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "code", "pre", "span", "div", "table",
    "thead", "tbody", "tr", "th", "td", "blockquote", "sup", "sub", "kbd", "hr", "details", "summary",
}
ATTRIBUTES = {
    "*": {"lang"},
    "a": {"href", "title"},
    "ol": {"start"},
    "span": {"data-l10n"},
    "td": {"align"},
    "th": {"align"},
}
CLASSES = {"a": {"kb-codelink"}, "span": {"kb-l10n-note"}}
"""The only classes that pass: the ones this module writes. A source ``class`` could dress text as the
theme's buttons or notes (``md-button`` linking to another site); it is dropped."""
NOTE_TITLES = {
    "NOTE": ("Observação", "Note"), "TIP": ("Dica", "Tip"), "IMPORTANT": ("Importante", "Important"),
    "WARNING": ("Aviso", "Warning"), "CAUTION": ("Cuidado", "Caution"),
}


def sanitize(fragment: str) -> str:
    """Allowlisted HTML: what the source may put on a page."""
    return nh3.clean(
        fragment, tags=TAGS, attributes=ATTRIBUTES, allowed_classes=CLASSES, url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer", strip_comments=True,
    )


def without_comments(text: str) -> str:
    """``text`` without its HTML comments (an unclosed ``<!--`` hides the rest, as on the page).

    Pages never show comments (the sanitizer strips them); the data files use this so that
    notes a writer left in comments are not published there either. One pass, linear time.
    """
    if "<!--" not in text:
        return text
    out: list[str] = []
    at = 0
    while True:
        start = text.find("<!--", at)
        if start < 0:
            out.append(text[at:])
            break
        out.append(text[at:start])
        end = text.find("-->", start + 4)
        if end < 0:
            break
        at = end + 3
    return "".join(out)


def relative(from_page: str, to_path: str) -> str:
    """URL from the page at site path ``from_page`` to site path ``to_path`` (both relative to the root)."""
    target, _, fragment = to_path.partition("#")
    base = posixpath.dirname(from_page) if not from_page.endswith("/") else from_page.rstrip("/")
    # An empty target is the site root (a directory), not "this page".
    rel = posixpath.relpath(target or ".", base or ".")
    if (not target or target.endswith("/")) and rel != ".":
        rel += "/"
    if rel == ".":
        rel = "./"
    return f"{rel}#{fragment}" if fragment else (rel or "./")


@dataclass
class Linker:
    """Turns source links and code mentions into site links, for one page."""

    page: str
    """Site path of the page being rendered (``errors/X/`` or ``errors/X.html``)."""
    codes: dict[str, str] = field(default_factory=dict)
    """Code as written → site path of its page; mentions of these codes become links."""
    anchors: dict[str, str] = field(default_factory=dict)
    """Source anchor → site path; ``#anchor`` links land there."""
    learn_base: str = "https://learn.microsoft.com/azure/backup/"
    """Where relative links to other Azure articles point (their published home)."""
    missing: list[str] = field(default_factory=list)
    """Targets that could not be resolved (reported by the caller)."""
    pattern: "CodeMatcher | None" = None
    """``code_pattern(codes)``; pass it in to share one across pages."""

    def href(self, target: str) -> str:
        if target.startswith("#"):
            site_path = self.anchors.get(target[1:])
            if site_path is None:
                self.missing.append(target)
                return target
            return relative(self.page, site_path or "")
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", target, re.I):
            return target
        path, sep, rest = _split_query(target)
        if path.endswith(".md"):
            path = path[:-3]
        return urljoin(self.learn_base, path) + sep + rest

    def __post_init__(self) -> None:
        if self.pattern is None:
            self.pattern = code_pattern(self.codes)


class CodeMatcher:
    """Finds known codes in text as whole words, as written.

    Tokens (``codes.TOKEN``) are looked up in a set, so
    the cost grows with the text and not with the number of codes (one regex of
    10,000 alternatives made large builds crawl). Known codes outside that
    grammar, if any, get a small regex of their own.
    """

    _TOKEN = re.compile(rf"({TOKEN})(?![\w-])")

    def __init__(self, codes) -> None:
        self.known = frozenset(codes)
        odd = sorted((c for c in self.known if not self._TOKEN.fullmatch(c)), key=len, reverse=True)
        self.odd = re.compile(r"(?<![\w/.-])(" + "|".join(map(re.escape, odd)) + r")(?![\w-])") if odd else None

    def finditer(self, text: str) -> list[re.Match[str]]:
        """Matches in order, without overlaps; ``group(1)`` is the code."""
        found = [m for m in self._TOKEN.finditer(text) if m.group(1) in self.known]
        if self.odd is None:
            return found
        kept: list[re.Match[str]] = []
        end = -1
        for match in sorted([*found, *self.odd.finditer(text)], key=lambda m: (m.start(), -m.end())):
            if match.start() >= end:
                kept.append(match)
                end = match.end()
        return kept


def code_pattern(codes) -> CodeMatcher | None:
    """A matcher for ``codes`` as whole words, or None when there are none."""
    return CodeMatcher(codes) if codes else None


def _split_query(target: str) -> tuple[str, str, str]:
    match = re.search(r"[?#]", target)
    if not match:
        return target, "", ""
    return target[: match.start()], target[match.start()], target[match.start() + 1:]


def inline(text: str, linker: Linker) -> str:
    """One piece of inline markdown as sanitized HTML, with links rewritten and codes linked."""
    tokens = MD.parseInline(text.replace("\u202f", " "))
    pattern = linker.pattern
    for token in tokens:
        for child in token.children or []:
            if child.type == "link_open":
                child.attrSet("href", linker.href(str(child.attrGet("href") or "")))
        token.children = _link_codes(commands_as_code(token.children or []), linker, pattern)
    return sanitize(MD.renderer.render(tokens, MD.options, {}))


_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[_.])(?=\w)")
"""Where a long code may break: between CamelCase humps and after ``_`` or ``.``, never inside a word."""


def code_pieces(code: str) -> list[str]:
    """A code cut where it may break: ``CopyingVHDsFrom`` → ``Copying``, ``VHDs``, ``From``."""
    return _HUMP.split(code)


def code_wbr(code: str) -> str:
    """A code as escaped HTML with ``<wbr>`` where it may break on a narrow screen."""
    return "<wbr>".join(html.escape(part) for part in code_pieces(code))


def code_html(code: str) -> str:
    """A code in ``<code>``, breakable only between its humps."""
    return f"<code>{code_wbr(code)}</code>"


def _link_codes(children: list[Token], linker: Linker, pattern: CodeMatcher | None) -> list[Token]:
    if pattern is None:
        return children
    out: list[Token] = []
    depth = 0
    for child in children:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        if child.type != "text" or depth:
            out.append(child)
            continue
        last = 0
        for match in pattern.finditer(child.content):
            target = linker.codes[match.group(1)]
            if target == linker.page:
                continue
            if match.start() > last:
                out.append(_text(child.content[last:match.start()]))
            link = Token("link_open", "a", 1)
            link.attrSet("href", relative(linker.page, target))
            link.attrSet("class", "kb-codelink")
            out += [link, _text(match.group(1)), Token("link_close", "a", -1)]
            last = match.end()
        out.append(_text(child.content[last:]) if last else child)
    return out


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def blocks_html(blocks: Sequence[Block], linker: Linker, lang: str = "pt-BR") -> str:
    """A sequence of blocks as HTML."""
    return "".join(_block(b, linker, lang) for b in blocks)


def _block(block: Block, linker: Linker, lang: str) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{inline(block.text, linker)}</p>"
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = []
        for item in block.items:
            body = inline(item.text, linker) if item.text else ""
            items.append(f"<li>{body}{blocks_html(item.children, linker, lang)}</li>")
        return f"<{tag}{start}>{''.join(items)}</{tag}>"
    if isinstance(block, CodeBlock):
        language = re.sub(r"[^\w-]", "", block.info.split(" ")[0]) if block.info else ""
        cls = f' class="language-{language}"' if language else ""
        return f"<pre><code{cls}>{html.escape(block.code.rstrip(chr(10)))}</code></pre>"
    if isinstance(block, Note):
        if block.note_type == "quote":
            return f"<blockquote>{blocks_html(block.blocks, linker, lang)}</blockquote>"
        pt, en = NOTE_TITLES.get(block.note_type, (block.note_type.title(), block.note_type.title()))
        kind = block.note_type.lower() if block.note_type in NOTE_TITLES else "note"
        title = en if lang == "en" else pt
        return (f'<div class="admonition {kind}"><p class="admonition-title">{html.escape(title)}</p>'
                f"{blocks_html(block.blocks, linker, lang)}</div>")
    if isinstance(block, HtmlBlock):
        return sanitize(block.html)
    if isinstance(block, TableBlock):
        head = "".join(f"<th>{inline(c, linker)}</th>" for c in block.header)
        rows = "".join("<tr>" + "".join(f"<td>{inline(c, linker)}</td>" for c in row) + "</tr>" for row in block.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return ""
