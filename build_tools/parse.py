"""Parse one pt-BR source article into an Article record.

Stages, in order:
1. read the file (``source.read_article``) and tokenize it with markdown-it;
2. split the top-level blocks into heading sections, recording anchors;
3. classify each section: error heading, category (holds errors) or topic;
4. make ErrorEntry records from error headings and from error-table rows;
5. link restatements (a table row that repeats a coded error);
6. record which record every source line went into (the ledger).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .blocks import MD, block_links, block_ranges, line_of, links_in, to_blocks
from .codes import english_from_anchor, find_codes, fold, parse_labels, slugify, split_heading
from .model import Article, Block, Category, CodeMessage, ErrorEntry, LedgerLine, Paragraph, TableBlock, Topic
from .problems import Problems
from .restatements import link_restatements
from .source import read_article
from .tables import error_columns, row_entries

_ANCHOR = re.compile(r"<a\s+(?:name|id)\s*=\s*[\"']?(?P<name>[^\"'>]*)[\"']?\s*/?>\s*(?:</a>)?", re.I)


@dataclass
class Section:
    """A heading and the top-level blocks up to the next heading (parser-internal)."""

    level: int
    text: str
    anchor: str
    line: int
    last_line: int
    id: str = ""
    blocks: list[Block] = field(default_factory=list)
    parent: "Section | None" = None
    kind: str = ""
    codes: list[str] = field(default_factory=list)
    rest: str = ""


def parse_article(path: str | Path, problems: Problems) -> Article | None:
    """The Article record for one source file, or None when the file cannot be used."""
    name = str(path)
    text = read_article(path, problems)
    if text is None:
        return None
    lines = text.split("\n")
    tokens = MD.parse(text)
    ledger: list[LedgerLine] = []

    front: dict[str, str] = {}
    start = 0
    if tokens and tokens[0].type == "front_matter":
        front = _front_matter(tokens[0].content, name, problems)
        ledger.append(LedgerLine(1, tokens[0].map[1] if tokens[0].map else 1, "front-matter"))
        start = 1

    # Stage 2: sections.
    root = Section(0, "", "", 1, 1, kind="root")
    sections: list[Section] = []
    current = root
    stack = [root]
    for first, last in block_ranges(tokens, start, len(tokens)):
        token = tokens[first]
        if token.type == "heading_open":
            level = int(token.tag[1])
            raw = tokens[first + 1].content
            match = _ANCHOR.search(raw)
            heading = _ANCHOR.sub("", raw).strip()
            anchor = match.group("name").strip() if match else ""
            while stack[-1].level >= level:
                stack.pop()
            line = line_of(token)
            current = Section(level, heading, anchor, line, line, parent=stack[-1] if stack[-1] is not root else None)
            stack.append(current)
            sections.append(current)
            continue
        current.blocks.extend(to_blocks(tokens, first, last))
        current.last_line = max(current.last_line, tokens[first].map[1] if tokens[first].map else 0)

    title_section = next((s for s in sections if s.level == 1), None)
    if title_section is None:
        problems.warn(name, 1, "article has no H1 title; the front matter title is used")
    _assign_ids(sections, name, problems)

    # Stage 3: classify.
    for section in sections:
        if section is title_section:
            section.kind = "title"
            continue
        section.codes, section.rest = split_heading(section.text)
        has_labels = any(isinstance(b, Paragraph) and parse_labels(b.text) for b in section.blocks[:3])
        if section.codes or has_labels:
            section.kind = "entry"
    for section in sections:
        if section.kind == "entry":
            owner = _owner(section)
            if owner is not None and owner.kind == "":
                owner.kind = "category"
        elif section.kind == "" and any(isinstance(b, TableBlock) and error_columns(b) for b in section.blocks):
            section.kind = "category"
    for section in sections:
        if section.kind == "" and section.parent is not None and section.parent.kind in ("entry", "entry-part"):
            section.kind = "entry-part"  # a sub-heading inside an error: part of its resolution
        elif section.kind == "":
            section.kind = "topic"

    # Stage 4: records.
    slug = Path(name).stem
    default_category = Category(slug, front.get("title", slug), "", name, 1)
    categories: list[Category] = []
    entries: list[ErrorEntry] = []
    topics: list[Topic] = []
    unmapped: list[int] = []
    for section in sections:
        if section.kind == "category":
            prose: list[Block] = []
            for block in section.blocks:
                columns = error_columns(block) if isinstance(block, TableBlock) else None
                if columns:
                    rows, skipped = row_entries(block, columns, section.id, name, lines, problems)
                    entries.extend(rows)
                    unmapped.extend(skipped)
                else:
                    prose.append(block)
            categories.append(Category(
                section.id, section.text, english_from_anchor(section.anchor, [], section.text), name, section.line,
                tuple(prose),
            ))
        elif section.kind == "entry":
            owner = _owner(section)
            category = owner.id if owner is not None and owner.kind == "category" else default_category.id
            entries.append(_heading_entry(section, sections, category, name, problems))
        elif section.kind == "topic":
            parent = section.parent
            while parent is not None and parent.kind != "topic":
                parent = parent.parent
            topics.append(Topic(
                section.id, section.anchor, section.text, english_from_anchor(section.anchor, [], section.text),
                section.level, parent.id if parent else "", tuple(section.blocks), tuple(block_links(section.blocks)),
                name, section.line,
            ))
    if any(e.category == default_category.id for e in entries):
        categories.insert(0, default_category)

    # Stage 5: restatements and ids.
    entries = link_restatements(_assign_entry_ids(entries, name, problems))

    anchors: list[tuple[str, str]] = []
    for section in sections:
        owner_id = _record_id(section, entries)
        if section.anchor:
            anchors.append((section.anchor, owner_id))
        if section.id != section.anchor:
            anchors.append((section.id, owner_id))

    # Stage 6: ledger.
    for section in sections:
        ledger.append(LedgerLine(section.line, max(section.line, section.last_line), _record_id(section, entries)))
    if title_section is None and root.blocks:
        ledger.append(LedgerLine(1, root.last_line, "intro"))
    ledger.extend(LedgerLine(line, line, "unmapped") for line in unmapped)

    intro = tuple(root.blocks) + (tuple(title_section.blocks) if title_section else ())
    return Article(
        path=name, slug=slug,
        front_matter=tuple(sorted((str(k), str(v)) for k, v in front.items())),
        title=title_section.text if title_section else front.get("title", slug),
        title_anchor=title_section.anchor if title_section else "",
        intro=intro, categories=tuple(categories), entries=tuple(entries), topics=tuple(topics),
        anchors=tuple(anchors), ledger=tuple(sorted(ledger, key=lambda l: (l.first, l.last))),
    )


def _front_matter(content: str, path: str, problems: Problems) -> dict[str, str]:
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.warn(path, (mark.line + 2) if mark else 1, f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}")
        return {}
    if not isinstance(data, dict):
        problems.warn(path, 1, "front matter is not a mapping of fields; ignored")
        return {}
    return {str(k): "" if v is None else str(v) for k, v in data.items()}


def _assign_ids(sections: list[Section], path: str, problems: Problems) -> None:
    """Unique section ids: the anchor, or a slug of the heading; repeats get ``-2``, ``-3``."""
    first_seen: dict[str, int] = {}
    for section in sections:
        base = section.anchor or slugify(section.text)
        candidate, n = base, 1
        while candidate in first_seen:
            n += 1
            candidate = f"{base}-{n}"
        if candidate != base and section.anchor:
            problems.notice(
                path, section.line,
                f"duplicate anchor {section.anchor!r} (first at line {first_seen[base]}); this one is {candidate!r}",
            )
        first_seen[candidate] = section.line
        section.id = candidate


def _ancestors(section: Section) -> list[Section]:
    out = []
    parent = section.parent
    while parent is not None:
        out.append(parent)
        parent = parent.parent
    return out


def _owner(section: Section) -> Section | None:
    """The nearest enclosing section that is not itself an error heading."""
    return next((a for a in _ancestors(section) if a.kind != "entry" and a.level > 1), None)


def _heading_entry(
    section: Section, sections: list[Section], category: str, path: str, problems: Problems,
) -> ErrorEntry:
    messages: list[CodeMessage] = []
    details: list[str] = []
    body = list(section.blocks)
    while body and isinstance(body[0], Paragraph) and (labelled := parse_labels(body[0].text)) is not None:
        pairs, rest = labelled
        messages.extend(CodeMessage(code, message, body[0].line) for code, message in pairs)
        details.extend(rest)
        body.pop(0)
    codes = list(dict.fromkeys([*section.codes, *(m.code for m in messages)]))
    if not codes:
        codes = find_codes(section.text)
    for code in section.codes:
        if code not in {m.code for m in messages}:
            messages.append(CodeMessage(code, section.rest, section.line))
            if not section.rest:
                problems.warn(path, section.line, f"heading names code {code!r} but gives no message")
    title_en = english_from_anchor(section.anchor, section.codes or codes, section.text) if section.anchor else ""
    title = section.rest or section.text
    if messages and fold(title).rstrip(".") == fold(title_en).rstrip("."):
        title = messages[0].message  # the heading kept its English text: the message is the Portuguese title
    title = title[:1].upper() + title[1:]
    for child in _subsections(section, sections):
        body.append(Paragraph(f"**{child.text}**", child.line))
        body.extend(child.blocks)
    texts = [title, *(m.message for m in messages), *details]
    return ErrorEntry(
        id="", codes=tuple(codes), messages=tuple(messages), title=title,
        title_en=title_en,
        details=tuple(details), resolution=tuple(body), category=category, anchor=section.anchor,
        origin="heading",
        links=tuple([*(l for t in texts for l in links_in(t, section.line)), *block_links(body)]),
        path=path, line=section.line,
    )


def _subsections(section: Section, sections: list[Section]) -> list[Section]:
    """Non-error headings nested in an error heading, in order: their text belongs to the error."""
    return [s for s in sections if s.kind == "entry-part" and section in _ancestors(s)]


def _assign_entry_ids(entries: list[ErrorEntry], path: str, problems: Problems) -> list[ErrorEntry]:
    """Entry ids: the primary code, or a slug of the title for an error without a code."""
    taken: dict[str, ErrorEntry] = {}
    out = []
    for entry in entries:
        base = entry.codes[0] if entry.codes else slugify(entry.title)
        candidate, n = base, 1
        while fold(candidate) in taken:
            n += 1
            candidate = f"{base}-{n}"
        if candidate != base and entry.codes:
            first = taken[fold(base)]
            problems.warn(
                path, entry.line,
                f"duplicate code {base!r} (first at {first.path}:{first.line}); this entry's page is {candidate!r}",
            )
        taken[fold(candidate)] = entry
        out.append(replace(entry, id=candidate))
    return out


def _record_id(section: Section, entries: list[ErrorEntry]) -> str:
    if section.kind == "entry":
        entry = next((e for e in entries if e.origin == "heading" and e.line == section.line), None)
        return f"entry:{entry.id}" if entry else "unmapped"
    if section.kind == "title":
        return "intro"
    if section.kind == "entry-part":
        owner = next(a for a in _ancestors(section) if a.kind == "entry")
        return _record_id(owner, entries)
    return f"{section.kind}:{section.id}"
