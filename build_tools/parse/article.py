"""Parse one pt-BR source article into an Article record.

Stages, in order:
1. read the file (``source.read_article``), tokenize it with markdown-it, read the front matter;
2. split the top-level blocks into heading sections (``sections``), with unique ids;
3. repair tables (spilled rows, missing separator lines), then classify each
   section: error heading, category (holds errors), topic, or part of an error;
4. make the records: ErrorEntry from error headings (``entries``) and from
   error-table rows (``tables``), Category, Topic and the article's intro;
5. give entries ids, link restatements (a table row that repeats a coded error);
6. check links and HTML (``checks``), and close the coverage ledger (``ledger``):
   every non-blank source line belongs to a record or is reported.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import yaml

from .blocks import BLOCK_MD, block_links
from .checks import html_problems, includes, lost_codes, missing_anchors, structure_problems
from .codes import english_from_anchor, fold, slugify
from .entries import heading_entry, parts_of
from .ledger import Ledger
from ..model import Article, Block, Category, ErrorEntry, Paragraph, TableBlock, Topic
from ..problems import Problems
from .mentions import Place, add_mentions, generic
from .restatements import link_restatements
from .sections import Section, assign_ids, classify, owner_of, split_sections
from .source import read_article
from .table_repairs import each_table, is_spill, mend_table, recover_table
from .tables import Columns, error_columns, lift_tables, read_rows, row_entry
from ..urls import MAX_NAME


def parse_article(path: str | Path, problems: Problems, slug: str | None = None) -> Article | None:
    """The Article record for one source file, or None (with an error) when the file cannot be used.

    ``slug`` names the article among others (its path below the source folder); the file name by default.
    """
    name = str(path)
    text = read_article(path, problems)
    if text is None:
        return None
    lines = text.split("\n")
    tokens = BLOCK_MD.parse(text)
    structure_problems(tokens, text, name, problems)
    includes(lines, name, problems)
    ledger = Ledger(lines)

    # Stage 1: front matter.
    front: dict[str, str] = {}
    start = 0
    if tokens and tokens[0].type == "front_matter":
        front = _front_matter(tokens[0].content, name, problems)
        ledger.claim(1, tokens[0].map[1] if tokens[0].map else 1, "front-matter")
        start = 1

    # Stage 2: sections.
    root, sections, dropped = split_sections(tokens, start, name, problems)
    for first, last, kind in dropped:
        problems.warn(name, first, f"markdown {kind} holds no text the site can show; not published")
        ledger.claim(first, last, "unmapped")
    if not sections and not root.blocks:
        problems.error(name, 1, "article has nothing after its front matter: no heading, no text")
        return None
    title = next((s for s in sections if s.level == 1), None)
    if title is None:
        problems.warn(name, 1, "article has no H1 title; the front matter title is used")
    assign_ids(sections, name, problems)

    # Stage 3: repair tables, classify.
    for section in [root, *sections]:
        _repair(section, lines, name, problems)
    classify(sections, title)

    # Stage 4: records.
    slug = _slug(slug or Path(name).stem, name, problems)
    # errors outside any category section belong to the article itself, titled by its H1
    default = Category(Path(slug).name, title.text if title else front.get("title", Path(slug).name), "", name, 1,
                       article=slug)
    entries: list[ErrorEntry] = []
    categories: list[Category] = []
    topics: list[Topic] = []
    owners: dict[Section, str | int] = {}

    read_tables: list[tuple[TableBlock, Columns]] = []

    def rows_of(tables: list[TableBlock], category: str) -> None:
        for table in tables:
            columns = error_columns(table) or Columns((), (), 0, -1, len(table.header) - 1)
            read_tables.append((table, columns))
            rows, skipped = read_rows(table, columns, name, lines, problems)
            following = dict(zip(table.row_lines, [*table.row_lines[1:], 0]))
            for row in rows:
                last = following[row.line] - 1 if following.get(row.line) else _table_end(table, lines)
                ledger.claim(row.line, last, len(entries))
                entries.append(row_entry(row, category, name))
            for line in skipped:
                ledger.claim(line, line, "unmapped")

    intro: list[Block] = []
    for section in [root] + ([title] if title else []):
        claim(ledger, section, "intro")
        blocks, tables = _lift(section.blocks)
        intro.extend(blocks)
        rows_of(tables, default.id)
    for section in sections:
        if section.kind == "category":
            claim(ledger, section, f"category:{section.id}")
            blocks, tables = _lift(section.blocks)
            categories.append(Category(
                section.id, section.text, english_from_anchor(section.anchor, [], section.text), name, section.line,
                tuple(blocks), article=slug,
            ))
            owners[section] = f"category:{section.id}"
            rows_of(tables, section.id)
        elif section.kind == "entry":
            owner = owner_of(section)
            category = owner.id if owner is not None and owner.kind == "category" else default.id
            for part in [section, *parts_of(section)]:
                claim(ledger, part, len(entries))
                owners[part] = len(entries)
            entry, tables = heading_entry(section, category, name, lines, problems)
            entries.append(entry)
            rows_of(tables, category)
        elif section.kind == "topic":
            parent = next((a for a in section.ancestors() if a.kind == "topic"), None)
            claim(ledger, section, f"topic:{section.id}")
            owners[section] = f"topic:{section.id}"
            topics.append(Topic(
                section.id, section.anchor, section.text, english_from_anchor(section.anchor, [], section.text),
                section.level, parent.id if parent else "", tuple(section.blocks), tuple(block_links(section.blocks)),
                name, section.line, article=slug,
            ))
    for entry in entries:  # a heading that is only a code is reported by entries.py
        described = any(m.message.strip() for m in entry.messages) or entry.details or (
            entry.title.strip() and entry.title.strip() not in entry.codes)
        if entry.codes and not described and entry.origin != "heading":
            problems.warn(name, entry.line, f"code {entry.codes[0][:80]!r} has no error message; "
                                            "its page shows the code alone")

    # Stage 5: codes named in running text (mentions), entry ids and restatements.
    entries, mentioned = add_mentions(entries, _places(root, title, sections, owners, front.get("title", slug)),
                                      default.id, name)
    entries += mentioned
    if any(e.category == default.id for e in entries):
        categories.insert(0, default)
    entries = link_restatements(_assign_entry_ids(entries, name, problems))
    entries = [replace(e, mentioned_in=f"entry:{entries[int(e.mentioned_in[6:])].id}")
               if e.mentioned_in.startswith("entry:") else e for e in entries]

    def owner_name(owner: str | int) -> str:
        return f"entry:{entries[owner].id}" if isinstance(owner, int) else owner

    anchors: list[tuple[str, str]] = []
    for section in sections:
        owner = owner_name(owners.get(section, "intro"))
        for anchor in dict.fromkeys([section.anchor, section.id, *section.aliases]):
            if anchor:
                anchors.append((anchor, owner))
    anchors.extend((a, "intro") for a in root.aliases)

    # Stage 6: checks and the ledger.
    known = {a for a, _ in anchors}
    links = [
        *block_links(intro), *(l for e in entries for l in e.links), *(l for t in topics for l in t.links),
        *(l for c in categories for l in block_links(c.blocks)),
    ]
    missing_anchors(sorted(links, key=lambda l: l.line), known, name, problems)
    html_problems(tokens, lines, name, problems)
    lost_codes([(s.line, s.text) for s in sections if s.kind in ("entry", "category")], read_tables,
               {c for e in entries for c in e.codes}, name, problems)
    return Article(
        path=name, slug=slug,
        front_matter=tuple(sorted((str(k), str(v)) for k, v in front.items())),
        title=title.text if title else front.get("title", slug),
        title_anchor=title.anchor if title else "",
        intro=tuple(intro), categories=tuple(categories), entries=tuple(entries), topics=tuple(topics),
        anchors=tuple(anchors), ledger=ledger.finish(lambda i: f"entry:{entries[i].id}", name, problems),
    )


def _places(
    root: Section, title: Section | None, sections: list[Section], owners: dict[Section, str | int], article_title: str,
) -> list[tuple[Place, list[Block]]]:
    """Each section's text with where it stands, for ``mentions.add_mentions``."""
    heading = title.text if title else article_title
    places = [(Place(None, heading, "intro"), _lift([*root.blocks, *(title.blocks if title else [])])[0])]
    for section in sections:
        if section.kind == "title":
            continue
        owner = owners.get(section)
        named = next((s.text for s in [section, *section.ancestors()] if s.kind != "title" and not generic(s.text)),
                     heading)
        if isinstance(owner, int):
            places.append((Place(owner, named, f"entry:{owner}"), _lift(section.blocks)[0]))
        elif section.kind in ("category", "topic"):
            places.append((Place(None, named, f"{section.kind}:{section.id}"), _lift(section.blocks)[0]))
    return places


def claim(ledger: Ledger, section: Section, owner: str | int) -> None:
    """The heading and every block of a section belong to ``owner``."""
    if section.level:
        ledger.claim(section.line, section.end, owner)
    for first, last in section.spans:
        ledger.claim(first, last, owner)


def _repair(section: Section, lines: list[str], path: str, problems: Problems) -> None:
    """Mend spilled table rows, join a lone ``|`` line to its table, read tables written without a separator."""
    blocks: list[Block] = []
    spans: list[tuple[int, int]] = []
    for block, span in zip(section.blocks, section.spans):
        if blocks and isinstance(blocks[-1], TableBlock) and is_spill(block):
            problems.notice(path, span[0], "a lone '|' continues the table row above it; joined to the table")
            spans[-1] = (spans[-1][0], span[1])
            continue
        if isinstance(block, Paragraph):
            block = recover_table(block, path, problems) or block
        block = each_table(block, lambda table: mend_table(table, lines, path, problems))
        blocks.append(block)
        spans.append(span)
    section.blocks, section.spans = blocks, spans


def _lift(blocks: list[Block]) -> tuple[list[Block], list[TableBlock]]:
    """Blocks without their error tables (also those nested in lists), and the tables."""
    kept: list[Block] = []
    tables: list[TableBlock] = []
    for block in blocks:
        rest, lifted = lift_tables(block)
        tables.extend(lifted)
        if rest is not None:
            kept.append(rest)
    return kept, tables


def _table_end(table: TableBlock, lines: list[str]) -> int:
    """Last line of a table: the run of non-blank lines from its last row."""
    line = table.row_lines[-1] if table.row_lines else table.line
    while line < len(lines) and "|" in lines[line]:
        line += 1
    return line


_SAFE_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")


def _slug(slug: str, path: str, problems: Problems) -> str:
    """The article's name in addresses and catalogs (its path below the source folder), each part made URL- and
    file-safe when it is not: a leading dot hides a page from MkDocs, ``?`` and ``#`` end a URL's path."""
    parts = [part if _SAFE_SLUG.match(part) and len(part) <= MAX_NAME else
             (slugify(part, MAX_NAME) if slugify(part, MAX_NAME) != "entry" else "article") for part in slug.split("/")]
    safe = "/".join(parts)
    if safe != slug:
        problems.warn(path, 1, f"article name {slug!r} has spaces, symbols or a leading dot; it is named {safe!r} "
                               f"(its English catalog is {safe}.po)")
    return safe


def _front_matter(content: str, path: str, problems: Problems) -> dict[str, str]:
    """The front matter's fields as text; aliases (``*name``) are refused: a few of them nest into gigabytes."""
    try:
        for event in yaml.parse(content, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 2 if event.start_mark else 1
                problems.warn(path, line, "front matter uses a YAML alias (*name); aliases are not allowed, "
                                          "the front matter is ignored")
                return {}
        data = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.warn(path, (mark.line + 2) if mark else 1, f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}")
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.warn(path, 1, "front matter is not a mapping of fields; ignored")
        return {}
    fields = {}
    for key, value in data.items():
        if isinstance(value, (dict, list)):
            problems.warn(path, 1, f"front matter field {str(key)!r} is not a single value; ignored")
            continue
        fields[str(key)] = "" if value is None else str(value)
    return fields


def _assign_entry_ids(entries: list[ErrorEntry], path: str, problems: Problems) -> list[ErrorEntry]:
    """Entry ids: the primary code, or a slug of the title for an error without a code."""
    taken: dict[str, ErrorEntry] = {}
    tried: dict[str, int] = {}
    out = []
    for entry in entries:
        base = entry.codes[0] if entry.codes else slugify(entry.title)
        if len(base) > MAX_NAME:
            problems.warn(path, entry.line, f"code {base[:40]}… is {len(base)} characters long; its page address "
                                            f"uses the first {MAX_NAME}")
            base = base[:MAX_NAME]
        for code in entry.codes[1:]:
            if len(code) > MAX_NAME:
                problems.warn(path, entry.line, f"code {code[:40]}… is {len(code)} characters long: it gets no "
                                                "address of its own (go/ and search still find it)")
        candidate, n = base, tried.get(fold(base), 1)
        while fold(candidate) in taken:
            n += 1
            candidate = f"{base}-{n}"
        tried[fold(base)] = n  # the next repeat of this base goes on from here, not from -2
        if candidate != base and entry.codes:
            first = taken[fold(base)]
            problems.warn(
                path, entry.line,
                f"duplicate code {base!r} (first at {first.path}:{first.line}); this entry's page is {candidate!r}",
            )
        taken[fold(candidate)] = entry
        out.append(replace(entry, id=candidate))
    return out
