"""Records to site pages: one markdown document per error, category, topic and index.

Pure functions of the records and translations; ``mkdocs_plugin`` hands the
results to MkDocs. Page bodies are mostly HTML rendered here (``render``) so
that both languages sit side by side on the same URL; headings stay markdown
so that the table of contents is MkDocs' own.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..parse.codes import fold
from ..l10n.localizer import Localizer
from ..model import Article, Block, ErrorEntry
from ..parse.catalog import Catalog
from .html import Linker, blocks_html, code_html, code_pattern, inline, without_comments
from .ui import UI, Markdown, both, code_heading, heading, ui
from ..urls import category_path, entry_path, topic_path

RELATED_LIMIT = 8
"""Same-category errors listed on an error page (the catalog lists them all)."""


@dataclass
class Site:
    """What every page renderer needs."""

    catalog: Catalog
    loc: Localizer
    directory_urls: bool = True
    learn_base: str = "https://learn.microsoft.com/azure/backup/"
    retired: dict[str, str] = field(default_factory=dict)
    """Folded retired code (``source_pt/redirects.txt``) → site path of what replaced it."""

    def __post_init__(self) -> None:
        self.topics = {t.key: t for t in self.catalog.topics}
        self.articles = {a.path: a for a in self.catalog.articles}
        self.categories = {c.key: c for a in self.catalog.articles for c in a.categories}
        self.entries = {e.id: e for e in self.catalog.entries}
        self.code_paths = {
            code: entry_path(self.catalog.codes[fold(code)], self.directory_urls)
            for e in self.catalog.entries for code in e.codes if fold(code) in self.catalog.codes
        }
        self.anchor_paths = {a: self.anchor_path(owner) for a, owner in self.catalog.anchors.items()}
        self._article_anchor_paths: dict[str, dict[str, str]] = {}
        self.code_re = code_pattern(self.code_paths)
        self.order = {e.id: n for n, e in enumerate(self.catalog.entries)}
        self.by_category: dict[str, list[ErrorEntry]] = {}
        self.restated_by: dict[str, list[ErrorEntry]] = {}
        self.mentions: dict[str, list[str]] = {}
        self.mentioned_by: dict[str, list[str]] = {}
        self.position: dict[str, int] = {}
        """Index of each entry within its category."""
        self.same_code: dict[str, list[str]] = {}
        """Entry id → entries of other articles that document one of its codes too."""
        holders: dict[str, list[ErrorEntry]] = {}
        for entry in self.catalog.entries:
            for code in dict.fromkeys(fold(c) for c in entry.codes):
                holders.setdefault(code, []).append(entry)
        for group in holders.values():
            for entry in group:
                for other in group:
                    if other.path != entry.path and other.id not in self.same_code.setdefault(entry.id, []):
                        self.same_code[entry.id].append(other.id)
        for entry in self.catalog.entries:
            siblings = self.by_category.setdefault(self.category_key(entry), [])
            self.position[entry.id] = len(siblings)
            siblings.append(entry)
            if entry.restates:
                self.restated_by.setdefault(entry.restates, []).append(entry)
            self.mentions[entry.id] = self._mentions(entry)
            for target in self.mentions[entry.id]:
                self.mentioned_by.setdefault(target, []).append(entry.id)

    def category_key(self, entry: ErrorEntry) -> str:
        """The key (``<article>/<id>``) of the category an entry belongs to."""
        return f"{self.articles[entry.path].slug}/{entry.category}"

    def entry_url(self, entry_id: str) -> str:
        return entry_path(entry_id, self.directory_urls)

    def anchor_path(self, owner: str) -> str:
        kind, _, ident = owner.partition(":")
        if kind == "entry":
            return self.entry_url(ident)
        if kind == "topic" and ident in self.topics:
            return topic_path(self.topics[ident], self.topics, self.directory_urls)
        if kind == "category" and ident in self.categories:
            return category_path(self.categories[ident], self.directory_urls)
        return "index.html" if not self.directory_urls else ""

    def linker(self, site_path: str, article: str = "") -> Linker:
        """Links from a page; ``#anchor`` links in ``article``'s text mean that article's anchors first."""
        anchors = self.anchor_paths
        if article in self.catalog.article_anchors:
            if article not in self._article_anchor_paths:
                own = {a: self.anchor_path(o) for a, o in self.catalog.article_anchors[article].items()}
                self._article_anchor_paths[article] = {**self.anchor_paths, **own}
            anchors = self._article_anchor_paths[article]
        return Linker(site_path, self.code_paths, anchors, self.learn_base, pattern=self.code_re)

    def text(self, article: str, key: str, pt: str, linker: Linker) -> str:
        """Inline text in both languages; English that is missing or outdated shows the Portuguese with a note."""
        english, status = self.loc.get(article, key, pt)
        return both(inline(pt, linker), self._english_or_note(pt, english, status, linker))

    def _english_or_note(self, pt: str, english: str, status: str, linker: Linker) -> str:
        if status == "ok":
            return inline(english, linker)
        return (f'<span lang="pt-BR">{inline(pt, linker)}</span> '
                f'<span class="kb-l10n-note" data-l10n="{status}">{html.escape(UI[_note(status)][1])}</span>')

    def blocks(self, article: str, prefix: str, blocks: tuple[Block, ...], linker: Linker, cls: str = "") -> str:
        """Blocks in both languages, as two ``div``s."""
        marked = self.loc.blocks(article, prefix, blocks, fallback=lambda pt, status: (
            f'<span lang="pt-BR" data-l10n="{status}">{pt}</span> '
            f'<span class="kb-l10n-note" data-l10n="{status}">{UI[_note(status)][1]}</span>'))
        return both(blocks_html(blocks, linker, "pt-BR"), blocks_html(marked, linker, "en"), "div", cls)

    def title(self, article: str, key: str, pt: str) -> tuple[str, str]:
        """Plain-text titles (pt, en) for ``<title>`` and listings."""
        english, status = self.loc.get(article, key, pt)
        return plain(pt), plain(english if status == "ok" else pt)

    def _mentions(self, entry: ErrorEntry) -> list[str]:
        """Ids of other entries whose codes this entry's text mentions."""
        if self.code_re is None:
            return []
        text = " ".join([entry.title, *(m.message for m in entry.messages), *entry.details, _block_text(entry.resolution)])
        found: list[str] = []
        for match in self.code_re.finditer(text):
            target = self.catalog.codes[fold(match.group(1))]
            if target != entry.id and target not in found:
                found.append(target)
        return found


def _note(status: str) -> str:
    return "outdated" if status == "outdated" else "not_translated"


def _block_text(blocks: tuple[Block, ...]) -> str:
    from ..parse.blocks import inline_texts

    return " ".join(t for b in blocks for t, _ in inline_texts(b))


def plain(text: str) -> str:
    """Inline markdown as one line of plain text."""
    # Each class excludes its own opener, so a run of '<' or '[' costs linear time, not quadratic.
    stripped = re.sub(r"<[^<>]*>", " ", without_comments(text))
    stripped = re.sub(r"\[([^\[\]]*)\]\([^()]*\)", r"\1", stripped)
    stripped = stripped.replace("**", "").replace("`", "").replace("\\|", "|")
    return re.sub(r"\s+", " ", html.unescape(stripped)).strip()


_YAML_BREAKS = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")
"""Characters JSON leaves raw but YAML reads as line breaks or rejects: written as ``\\uXXXX`` escapes."""


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def front_matter(**fields: str) -> Markdown:
    """YAML front matter with every value JSON-quoted (safe for any text).

    ``title`` goes out HTML-escaped: MkDocs and Material print a page title as HTML
    (``<title>``, header, navigation, footer), so a source title like
    ``&lt;/title&gt;&lt;script&gt;`` must not come back as markup. ``title_en`` stays
    plain text: main.html escapes it.
    """
    if "title" in fields:
        fields["title"] = html.escape(fields["title"], quote=False)
    lines = [f"{key}: {_YAML_BREAKS.sub(_escape, json.dumps(value, ensure_ascii=False))}" for key, value in fields.items()]
    return Markdown("---\n" + "\n".join(lines) + "\n---\n\n")


def link(site: Site, from_path: str, to_path: str, label_html: str, cls: str = "") -> str:
    from .html import relative

    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{html.escape(relative(from_path, to_path))}"{attr}>{label_html}</a>'


def _codes_html(entry: ErrorEntry) -> str:
    chips = []
    for code in entry.codes:
        safe = html.escape(code)
        chips.append(
            f'<span class="kb-code">{code_html(code)}'
            f'<button type="button" class="kb-copy" data-copy="{safe}">{ui("copy")}</button></span>'
        )
    return f'<div class="kb-codes">{"".join(chips)}</div>' if chips else ""


def entry_label(site: Site, entry: ErrorEntry, from_path: str) -> str:
    """A list item linking to an entry: its code and its title in both languages."""
    article = entry.path
    pt, en = site.title(article, f"entry:{entry.id}:title", entry.title)
    code = f"{code_html(entry.codes[0])} " if entry.codes else ""
    return link(site, from_path, site.entry_url(entry.id), code + both(html.escape(pt), html.escape(en)))


def entry_page(site: Site, entry: ErrorEntry) -> tuple[str, list[str]]:
    """(site path, parts) of one error's page."""
    path = site.entry_url(entry.id)
    article = site.articles[entry.path]
    linker = site.linker(path, entry.path)
    prefix = f"entry:{entry.id}"
    category = next(c for c in article.categories if c.id == entry.category)
    cat_pt, cat_en = site.title(article.path, f"category:{category.id}:title", category.title)
    title_pt, title_en = site.title(article.path, f"{prefix}:title", entry.title)
    head = entry.codes[0] if entry.codes else ""
    out: list[str] = [front_matter(
        title=f"{head} – {title_pt}" if head else title_pt,
        title_en=f"{head} – {title_en}" if head else title_en,
        kb_kind="error", kb_id=entry.id,
    )]
    crumbs = [link(site, path, "index.html" if not site.directory_urls else "", ui("home")),
              link(site, path, category_path(category, site.directory_urls),
                   both(html.escape(cat_pt), html.escape(cat_en)))]
    out.append(f'<nav class="kb-crumbs" aria-label="{UI["breadcrumb"][0]}">{" › ".join(crumbs)}</nav>\n\n')
    if entry.codes:
        out.append(code_heading(entry.codes[0]))
    else:
        out.append(heading(1, (title_pt, title_en), "top"))
    out.append(_codes_html(entry) + "\n\n")
    if entry.codes:
        out.append(f'<p class="kb-subtitle">{site.text(article.path, f"{prefix}:title", entry.title, linker)}</p>\n\n')
    if entry.restates:
        target = site.entries[entry.restates]
        out.append(f'<div class="admonition info kb-restates"><p>{ui("restates")}: '
                   f'{entry_label(site, target, path)}</p></div>\n\n')
    if site.same_code.get(entry.id):
        others = "".join(f"<li>{entry_label(site, site.entries[i], path)} "
                         f'<span class="kb-article">({html.escape(site.title(site.entries[i].path, "article:title", site.articles[site.entries[i].path].title)[0])})</span></li>'
                         for i in site.same_code[entry.id])
        out.append(f'<div class="admonition info kb-also-in"><p>{ui("also_in")}:</p><ul>{others}</ul></div>\n\n')
    if entry.mentioned_in:
        from ..parse.catalog import scoped_owner

        where = site.anchor_path(scoped_owner(entry.mentioned_in, article.slug))
        owner_title = _owner_title(site, article, entry.mentioned_in)
        out.append(f'<p class="kb-mentioned-in">{ui("mentioned_in")}: '
                   f'{link(site, path, where, both(html.escape(owner_title[0]), html.escape(owner_title[1])))}</p>\n\n')

    messages = [m for m in entry.messages if m.message]
    if messages or entry.details:
        out.append(heading(2, "error_message" if len(messages) <= 1 else "error_messages", "message"))
        rows = []
        for n, m in enumerate(entry.messages):
            if not m.message:
                continue
            key = f"{prefix}:title" if m.message == entry.title else f"{prefix}:message:{n}"
            code = code_html(m.code) if m.code else ui("no_code")
            rows.append(f'<div class="kb-message"><div class="kb-message-code">{code}</div>'
                        f'<blockquote class="kb-message-text">{site.text(article.path, key, m.message, linker)}</blockquote></div>')
        for n, detail in enumerate(entry.details):
            rows.append(f'<p class="kb-detail">{site.text(article.path, f"{prefix}:detail:{n}", detail, linker)}</p>')
        out.append(f'<div class="kb-messages">{"".join(rows)}</div>\n\n')

    if entry.resolution:
        out.append(heading(2, "resolution", "resolution"))
        out.append(site.blocks(article.path, f"{prefix}:step", entry.resolution, linker, "kb-resolution") + "\n\n")

    out += _related(site, entry, path)
    out.append(_prev_next(site, entry, path))

    out.append(heading(2, "source", "source"))
    anchor = f", {ui('anchor')} <code>#{html.escape(entry.anchor)}</code>" if entry.anchor else ""
    learn = [learn_url(site.learn_base, article.slug, entry.anchor, lang) for lang in ("pt-br", "en-us")]
    published = both(*(f'<a href="{html.escape(url)}">{html.escape(label)}</a>' for url, label in zip(learn, UI["original"])))
    out.append(f'<p class="kb-source">{ui("source_text")}: <code>{html.escape(Path(entry.path).name)}</code>, '
               f'{ui("line")} {entry.line}{anchor} · {published}</p>\n')
    return path, out


def _owner_title(site: Site, article: Article, owner: str) -> tuple[str, str]:
    """The title (pt, en) of the record a mention entry points at."""
    kind, _, ident = owner.partition(":")
    if kind == "topic":
        topic = site.topics.get(f"{article.slug}/{ident}")
        if topic is not None:
            return site.title(article.path, f"topic:{ident}:title", topic.title)
    if kind == "category":
        category = site.categories.get(f"{article.slug}/{ident}")
        if category is not None:
            return site.title(article.path, f"category:{ident}:title", category.title)
    if kind == "entry" and ident in site.entries:
        return site.title(article.path, f"entry:{ident}:title", site.entries[ident].title)
    return site.title(article.path, "article:title", article.title)


def learn_url(base: str, slug: str, anchor: str, locale: str) -> str:
    """The published article in one language of Microsoft Learn (``pt-br``, ``en-us``)."""
    url = base.rstrip("/").replace("/azure/", f"/{locale}/azure/", 1) + f"/{slug}"
    return url + (f"#{anchor}" if anchor else "")


def _related(site: Site, entry: ErrorEntry, path: str) -> list[str]:
    groups: list[tuple[str, list[ErrorEntry]]] = []
    restated_by = list(site.restated_by.get(entry.id, []))
    if entry.restates:
        restated_by = [site.entries[entry.restates]] + [
            e for e in site.restated_by.get(entry.restates, []) if e.id != entry.id]
    if restated_by:
        groups.append(("restated_by", restated_by))
    mentions = [site.entries[i] for i in site.mentions[entry.id]]
    if mentions:
        groups.append(("mentions", mentions))
    mentioned_by = [site.entries[i] for i in site.mentioned_by.get(entry.id, [])]
    if mentioned_by:
        groups.append(("mentioned_by", mentioned_by))
    shown = {e.id for _, es in groups for e in es} | {entry.id}
    same = site.by_category[site.category_key(entry)]
    here = site.position[entry.id]
    window = same[max(0, here - RELATED_LIMIT): here + RELATED_LIMIT + 1]
    siblings = [e for e in window if e.id not in shown]
    if siblings:
        groups.append(("same_category", _nearest(siblings, entry, site)[:RELATED_LIMIT]))
    if not groups:
        return []
    out: list[str] = [heading(2, "related", "related")]
    for key, entries in groups:
        items = "".join(f"<li>{entry_label(site, e, path)}</li>" for e in entries)
        out.append(f'<div class="kb-related"><p class="kb-related-title">{ui(key)}</p><ul>{items}</ul></div>\n\n')
    return out


def _nearest(siblings: list[ErrorEntry], entry: ErrorEntry, site: Site) -> list[ErrorEntry]:
    here = site.order[entry.id]
    return sorted(siblings, key=lambda e: abs(site.order[e.id] - here))


def _prev_next(site: Site, entry: ErrorEntry, path: str) -> str:
    same = site.by_category[site.category_key(entry)]
    i = site.position[entry.id]
    parts = []
    if i > 0:
        parts.append(f'<span class="kb-prev">{ui("previous")}: {entry_label(site, same[i - 1], path)}</span>')
    if i + 1 < len(same):
        parts.append(f'<span class="kb-next">{ui("next")}: {entry_label(site, same[i + 1], path)}</span>')
    return f'<nav class="kb-prevnext" aria-label="{UI["prevnext"][0]}">{"".join(parts)}</nav>\n\n' if parts else ""


STASH = "<!--kb-stash:{}-->"
_STASHED = re.compile(r"<!--kb-stash:(\d+)-->")


def stash_html(parts: list[str]) -> tuple[str, list[str]]:
    """The markdown MkDocs gets for a page: its ``Markdown`` parts, and a placeholder for each run of HTML.

    Generated pages are markdown headings (for the table of contents) and HTML
    that this module already rendered and sanitized. The HTML is never handed
    to Python-Markdown: a line of it that starts with ``#`` or ``{:`` would be
    read again as markup after the sanitizer ran. ``unstash_html`` puts each
    fragment back, byte for byte, into the rendered page.
    """
    out: list[str] = []
    fragments: list[str] = []
    run: list[str] = []

    def flush() -> None:
        text = "".join(run).strip("\n")
        if text.strip():
            out.append(f"\n\n{STASH.format(len(fragments))}\n\n")
            fragments.append(text)
        run.clear()

    for part in parts:
        if isinstance(part, Markdown):
            flush()
            out.append(part)
        else:
            run.append(part)
    flush()
    return "".join(out) + "\n", fragments


def page_markdown(parts: list[str]) -> str:
    """A page's parts as one text (what a reader of the source would see; for tests and debugging)."""
    return "".join(parts)


def unstash_html(html: str, fragments: list[str]) -> str:
    """The page's HTML with every placeholder of ``stash_html`` replaced by its fragment."""
    return _STASHED.sub(lambda m: fragments[int(m.group(1))], html)
