"""Records: what the parser makes of a source article.

Every record is a frozen dataclass that carries its source position, so any
product of the pipeline (a page, an index entry, a warning) can point back to
``source_pt/<article>.md:<line>``. Lines are 1-based.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Link:
    """A link found in the text of a record."""

    target: str
    """The href exactly as written in the source."""
    kind: str
    """``anchor`` (``#vm-agent``), ``article`` (another Azure article) or ``external``."""
    text: str
    """The link text, as inline markdown."""
    line: int
    """Source line of the block holding the link."""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``text`` is inline markdown (it may hold inline HTML such as ``<br>``)."""

    text: str
    line: int
    kind: str = "paragraph"


@dataclass(frozen=True)
class ListItem:
    """One list item: its own text plus any nested blocks (sub-lists, notes, code)."""

    text: str
    line: int
    children: tuple["Block", ...] = ()


@dataclass(frozen=True)
class ListBlock:
    """A bullet or ordered list."""

    ordered: bool
    start: int
    items: tuple[ListItem, ...]
    line: int
    kind: str = "list"


@dataclass(frozen=True)
class CodeBlock:
    """A fenced or indented code block; never translated."""

    code: str
    info: str
    line: int
    kind: str = "code"


@dataclass(frozen=True)
class Note:
    """A ``> [!NOTE]`` style admonition (``note_type`` is NOTE, TIP, IMPORTANT, ...) or a plain quote (``quote``)."""

    note_type: str
    blocks: tuple["Block", ...]
    line: int
    kind: str = "note"


@dataclass(frozen=True)
class HtmlBlock:
    """A raw HTML block, kept for the sanitizer."""

    html: str
    line: int
    kind: str = "html"


@dataclass(frozen=True)
class TableBlock:
    """A table that is content rather than a list of errors."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    line: int
    row_lines: tuple[int, ...] = ()
    """Source line of each row."""
    kind: str = "table"


Block = Union[Paragraph, ListBlock, CodeBlock, Note, HtmlBlock, TableBlock]


@dataclass(frozen=True)
class CodeMessage:
    """One error code and the message the product shows with it."""

    code: str
    """The code as written (``UserErrorFsFreezeFailed``, ``320001``); empty for an error without a code."""
    message: str
    """The error message, inline markdown."""
    line: int


@dataclass(frozen=True)
class Category:
    """A section that groups errors (``Backup``, ``Common VM backup errors``, ``Jobs``, ``Restore``)."""

    id: str
    """Unique id inside the article (the source anchor, de-duplicated)."""
    title: str
    """Portuguese title."""
    title_en: str
    """English title recovered from the source (anchor slug), may be empty."""
    path: str
    line: int
    blocks: tuple["Block", ...] = ()
    """Text of the section other than its error tables (an introduction, a note)."""
    article: str = ""
    """Slug of the article the category belongs to: its URL is ``categories/<article>/<id>/``."""

    @property
    def key(self) -> str:
        """Unique across articles: ``<article>/<id>``."""
        return f"{self.article}/{self.id}"


@dataclass(frozen=True)
class ErrorEntry:
    """One error: from a code heading or from a row of an error table."""

    id: str
    """Stable id: the primary code as written, or an ASCII slug for an error without a code."""
    codes: tuple[str, ...]
    """Every code of the entry, primary first."""
    messages: tuple[CodeMessage, ...]
    """A message per code (one message with an empty code for an error without a code)."""
    title: str
    """Portuguese title, inline markdown."""
    title_en: str
    """English title that the source itself carries (anchor slug or English heading text), may be empty."""
    details: tuple[str, ...]
    """Further text shown with the error (hints, alternative messages), inline markdown."""
    resolution: tuple[Block, ...]
    """The resolution steps as blocks."""
    category: str
    """Id of the Category the entry belongs to."""
    anchor: str
    """Source anchor (``<a name=...>``) of the heading, empty for a table row."""
    origin: str
    """``heading``, ``table`` or ``mention`` (a code that running text names; see ``mentions``)."""
    links: tuple[Link, ...]
    """Links found anywhere in the entry."""
    restates: str = ""
    """Id of the entry this one restates (same error told twice in the article), else empty."""
    path: str = ""
    line: int = 0
    mentioned_in: str = ""
    """For a ``mention`` entry: the record whose text names the code (``topic:<id>``, ``category:<id>``,
    ``entry:<id>`` or ``intro``); empty otherwise."""


@dataclass(frozen=True)
class Topic:
    """A section that is not an error but is a link target (``vm-agent``, ``networking``)."""

    id: str
    """Unique id (the source anchor, de-duplicated: the second ``windows-vms`` is ``windows-vms-2``)."""
    anchor: str
    """The anchor as written in the source."""
    title: str
    title_en: str
    level: int
    """Heading level (2 for ``##``)."""
    parent: str
    """Id of the enclosing topic, empty for a top-level topic."""
    blocks: tuple[Block, ...]
    links: tuple[Link, ...]
    path: str = ""
    line: int = 0
    article: str = ""
    """Slug of the article the topic belongs to: a top-level topic's URL is ``topics/<article>/<id>/``."""

    @property
    def key(self) -> str:
        """Unique across articles: ``<article>/<id>``."""
        return f"{self.article}/{self.id}"

    @property
    def parent_key(self) -> str:
        return f"{self.article}/{self.parent}" if self.parent else ""


@dataclass(frozen=True)
class LedgerLine:
    """Which record a range of source lines went into (the coverage ledger)."""

    first: int
    last: int
    owner: str
    """``front-matter``, ``title``, ``intro``, ``category:<id>``, ``entry:<id>``, ``topic:<id>`` or ``unmapped``."""


@dataclass(frozen=True)
class Article:
    """One source article and everything parsed out of it."""

    path: str
    """Path of the source file as given to the parser."""
    slug: str
    """Path below the source folder without ``.md`` (``storage/files/x``): unique, the published article's name."""
    front_matter: tuple[tuple[str, str], ...]
    title: str
    """The H1 text."""
    title_anchor: str
    intro: tuple[Block, ...]
    categories: tuple[Category, ...]
    entries: tuple[ErrorEntry, ...]
    topics: tuple[Topic, ...]
    anchors: tuple[tuple[str, str], ...]
    """Every source anchor mapped to the id of the record it lands on (``entry:X``, ``topic:Y``, ``category:Z``)."""
    ledger: tuple[LedgerLine, ...] = field(default=())

    def meta(self, key: str, default: str = "") -> str:
        """A front matter field (``title``, ``ms.date``, ...)."""
        return dict(self.front_matter).get(key, default)
