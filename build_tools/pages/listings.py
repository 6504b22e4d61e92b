"""The pages around the errors: home, category catalogs, the A–Z code index, topics, aliases and lookup."""

from __future__ import annotations

import html
from collections import defaultdict

from ..parse.codes import fold
from ..model import Topic
from .error_pages import Site, front_matter, link
from .html import code_html, relative
from .ui import UI, both, code_heading, heading, plain_heading, ui
from ..urls import MAX_NAME, category_path, entry_path, legacy_path, page, topic_path


def home_page(site: Site) -> tuple[str, list[str]]:
    path = "index.html" if not site.directory_urls else ""
    out: list[str] = [front_matter(title=UI["site_name"][0], title_en=UI["site_name"][1], kb_kind="home")]
    out.append(heading(1, "site_name", "top"))
    for article in site.catalog.articles:
        linker = site.linker(path, article.path)
        out.append(site.blocks(article.path, "intro", article.intro, linker, "kb-intro") + "\n\n")
    out.append(
        f'<form class="kb-lookup" action="{html.escape(relative(path, page("go", site.directory_urls)))}" method="get" role="search">'
        f'<label for="kb-lookup-code">{ui("lookup")}</label> '
        f'<input id="kb-lookup-code" name="code" type="text" autocomplete="off" spellcheck="false" '
        f'placeholder="UserErrorFsFreezeFailed, 320001"> '
        f'<button type="submit" class="md-button">{ui("lookup_title")}</button></form>\n\n'
    )
    out.append(heading(2, "categories", "categories"))
    items = []
    for article in site.catalog.articles:
        for category in article.categories:
            count = len(site.by_category.get(category.key, []))
            if not count:
                continue
            pt, en = site.title(article.path, f"category:{category.id}:title", category.title)
            label = both(html.escape(pt), html.escape(en))
            items.append(f"<li>{link(site, path, category_path(category, site.directory_urls), label)} "
                         f'<span class="kb-count">({count} {ui("error_count_one" if count == 1 else "errors_count")})</span></li>')
    out.append(f'<ul class="kb-categories">{"".join(items)}</ul>\n\n')
    out.append(heading(2, "topics", "topics"))
    topic_items = [
        f"<li>{link(site, path, topic_path(t, site.topics, site.directory_urls), _topic_label(site, t))}</li>"
        for t in site.catalog.topics if not t.parent
    ]
    out.append(f'<ul class="kb-topics">{"".join(topic_items)}</ul>\n\n')
    out.append(f'<p>{link(site, path, page("codes", site.directory_urls), ui("code_index"))}</p>\n')
    return path, out


def _topic_label(site: Site, topic: Topic) -> str:
    pt, en = site.title(topic.path, f"topic:{topic.id}:title", topic.title)
    return both(html.escape(pt), html.escape(en))


def category_pages(site: Site) -> list[tuple[str, list[str]]]:
    pages = []
    for article in site.catalog.articles:
        for category in article.categories:
            entries = site.by_category.get(category.key, [])
            if not entries:
                continue
            path = category_path(category, site.directory_urls)
            pt, en = site.title(article.path, f"category:{category.id}:title", category.title)
            out: list[str] = [front_matter(title=pt, title_en=en, kb_kind="category")]
            home = "index.html" if not site.directory_urls else ""
            out.append(f'<nav class="kb-crumbs" aria-label="{UI["breadcrumb"][0]}">{link(site, path, home, ui("home"))}</nav>\n\n')
            out.append(heading(1, (pt, en), "top"))
            if category.blocks:
                out.append(site.blocks(article.path, f"category:{category.id}:text", category.blocks,
                                       site.linker(path, article.path)) + "\n\n")
            out.append(heading(2, "errors_in", "errors"))
            rows = []
            for entry in entries:
                tpt, ten = site.title(article.path, f"entry:{entry.id}:title", entry.title)
                codes = " ".join(code_html(c) for c in entry.codes) or ui("no_code")
                if entry.restates and site.entries[entry.restates].codes:
                    codes += f' <span class="kb-same-as">({ui("same_as")} <code>{html.escape(site.entries[entry.restates].codes[0])}</code>)</span>'
                target = html.escape(relative(path, site.entry_url(entry.id)))
                rows.append(f'<tr><td><a href="{target}">{codes}</a></td>'
                            f'<td><a href="{target}">{both(html.escape(tpt), html.escape(ten))}</a></td></tr>')
            out.append(f'<table class="kb-catalog"><thead><tr><th>{ui("code")}</th><th>{ui("error")}</th></tr></thead>'
                       f'<tbody>{"".join(rows)}</tbody></table>\n')
            pages.append((path, out))
    return pages


def codes_page(site: Site) -> tuple[str, list[str]]:
    """The A–Z index: every code (aliases included), grouped by first character, then the errors without a code by title."""
    path = page("codes", site.directory_urls)
    out: list[str] = [front_matter(title=UI["code_index"][0], title_en=UI["code_index"][1], kb_kind="codes")]
    out.append(heading(1, "code_index", "top"))
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    uncoded = []
    for entry in site.catalog.entries:
        if not entry.codes:
            uncoded.append(entry)
        for code in entry.codes:
            if site.catalog.codes.get(fold(code)) == entry.id:
                groups[code[0].upper() if code[0].isalpha() else "0–9"].append((code, entry.id))
    keys = sorted(groups, key=lambda k: (k != "0–9", k))
    letters = [f'<a href="#letter-{_letter_id(k)}">{html.escape(k)}</a>' for k in keys]
    if uncoded:
        letters.append(f'<a href="#no-code">{ui("without_code")}</a>')
    out.append(f'<p class="kb-letters">{" ".join(letters)}</p>\n\n')
    for key in keys:
        out.append(plain_heading(2, key, f"letter-{_letter_id(key)}"))
        items = []
        for code, entry_id in sorted(groups[key], key=lambda p: fold(p[0])):
            entry = site.entries[entry_id]
            pt, en = site.title(entry.path, f"entry:{entry.id}:title", entry.title)
            target = html.escape(relative(path, site.entry_url(entry_id)))
            items.append(f'<li><a href="{target}">{code_html(code)}</a> '
                         f'{both(html.escape(pt), html.escape(en))}</li>')
        out.append(f'<ul class="kb-az">{"".join(items)}</ul>\n\n')
    if uncoded:
        # Errors the article names by their message only: listed by title, in each language's own order.
        out.append(heading(2, "without_code", "no-code"))
        for n, lang in enumerate(("pt-BR", "en")):
            titled = sorted(((site.title(e.path, f"entry:{e.id}:title", e.title)[n], e) for e in uncoded),
                            key=lambda p: (fold(p[0]), p[1].id))
            items = [f'<li><a href="{html.escape(relative(path, site.entry_url(e.id)))}">{html.escape(title)}</a></li>'
                     for title, e in titled]
            cls = "kb-pt" if n == 0 else "kb-en"
            out.append(f'<ul class="kb-az kb-az-titles {cls}" lang="{lang}">{"".join(items)}</ul>\n')
        out.append("\n")
    return path, out


def _letter_id(key: str) -> str:
    return "digits" if key == "0–9" else key.lower()


def topic_pages(site: Site) -> list[tuple[str, list[str]]]:
    pages = []
    children: dict[str, list[Topic]] = defaultdict(list)
    for topic in site.catalog.topics:
        if topic.parent:
            children[topic.parent_key].append(topic)
    for root in (t for t in site.catalog.topics if not t.parent):
        path = topic_path(root, site.topics, site.directory_urls)
        linker = site.linker(path, root.path)
        pt, en = site.title(root.path, f"topic:{root.id}:title", root.title)
        out: list[str] = [front_matter(title=pt, title_en=en, kb_kind="topic")]
        home = "index.html" if not site.directory_urls else ""
        out.append(f'<nav class="kb-crumbs" aria-label="{UI["breadcrumb"][0]}">{link(site, path, home, ui("home"))}</nav>\n\n')
        out.append(heading(1, (pt, en), root.id))

        def emit(topic: Topic, depth: int) -> None:
            if topic is not root:
                tpt, ten = site.title(topic.path, f"topic:{topic.id}:title", topic.title)
                out.append(heading(min(depth, 6), (tpt, ten), topic.id))
            if topic.blocks:
                out.append(site.blocks(topic.path, f"topic:{topic.id}:text", topic.blocks, linker) + "\n\n")
            for child in children.get(topic.key, []):
                emit(child, depth + 1)

        emit(root, 1)
        pages.append((path, out))
    return pages


def alias_pages(site: Site) -> list[tuple[str, list[str]]]:
    """A page for every code that is not its entry's id, sending the reader to the entry."""
    pages = []
    for entry in site.catalog.entries:
        for code in entry.codes:
            if code == entry.id or site.catalog.codes.get(fold(code)) != entry.id or len(code) > MAX_NAME:
                continue  # a code too long for a folder name is found through go/ and search instead
            path = entry_path(code, site.directory_urls)
            target = relative(path, site.entry_url(entry.id))
            pt, en = site.title(entry.path, f"entry:{entry.id}:title", entry.title)
            out: list[str] = [front_matter(title=f"{code} – {pt}", title_en=f"{code} – {en}", kb_kind="alias",
                                kb_redirect=target)]
            out.append(code_heading(code))
            out.append(f'<p class="kb-redirect">{ui("redirecting")} '
                       f'<a href="{html.escape(target)}" id="kb-redirect-link">'
                       f'<code>{html.escape(entry.codes[0])}</code> {both(html.escape(pt), html.escape(en))}</a></p>\n')
            pages.append((path, out))
    return pages


def legacy_pages(site: Site) -> list[tuple[str, list[str]]]:
    """The first scheme's ``categories/<id>/`` and ``topics/<id>/``: sent on, or a choice when several articles have one."""
    du = site.directory_urls
    targets: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for article in site.catalog.articles:
        for category in article.categories:
            if site.by_category.get(category.key):
                pt, en = site.title(article.path, f"category:{category.id}:title", category.title)
                targets[legacy_path("categories", category.id, du)].append((category_path(category, du), pt, en))
    for topic in site.catalog.topics:
        if not topic.parent:
            pt, en = site.title(topic.path, f"topic:{topic.id}:title", topic.title)
            targets[legacy_path("topics", topic.id, du)].append((topic_path(topic, site.topics, du), pt, en))
    pages = []
    for path, found in sorted(targets.items()):
        if len(found) == 1:
            target = relative(path, found[0][0])
            out: list[str] = [front_matter(title=found[0][1], title_en=found[0][2], kb_kind="redirect", kb_redirect=target)]
            out.append(heading(1, (found[0][1], found[0][2]), "top"))
            out.append(f'<p class="kb-redirect">{ui("redirecting")} <a href="{html.escape(target)}" id="kb-redirect-link">'
                       f'{both(html.escape(found[0][1]), html.escape(found[0][2]))}</a></p>\n')
        else:
            out = [front_matter(title=found[0][1], title_en=found[0][2], kb_kind="choose")]
            out.append(heading(1, (found[0][1], found[0][2]), "top"))
            items = "".join(f"<li>{link(site, path, target, both(html.escape(pt), html.escape(en)))} "
                            f"<code>{html.escape(target)}</code></li>" for target, pt, en in found)
            out.append(f'<p>{ui("several_articles")}</p><ul class="kb-choose">{items}</ul>\n')
        pages.append((path, out))
    return pages


def go_page(site: Site) -> tuple[str, list[str]]:
    """The lookup page: ``go/?code=...`` (or a source anchor) lands on the right page."""
    path = page("go", site.directory_urls)
    out: list[str] = [front_matter(title=UI["lookup_title"][0], title_en=UI["lookup_title"][1], kb_kind="go")]
    out.append(heading(1, "lookup_title", "top"))
    out.append(
        '<div id="kb-go" class="kb-go" aria-live="polite">'
        f'<form class="kb-lookup" method="get" role="search"><label for="kb-go-code">{ui("lookup")}</label> '
        '<input id="kb-go-code" name="code" type="text" autocomplete="off" spellcheck="false"> '
        f'<button type="submit" class="md-button">{ui("lookup_title")}</button></form>'
        '<div id="kb-go-result"></div></div>\n'
    )
    return path, out


def all_pages(site: Site) -> list[tuple[str, list[str]]]:
    """Every generated page as ``(site path, markdown)``, in a stable order."""
    from .error_pages import entry_page
    from ..l10n.status_page import status_page

    pages = [home_page(site), codes_page(site), go_page(site)]
    pages += category_pages(site)
    pages += topic_pages(site)
    pages += [entry_page(site, e) for e in site.catalog.entries]
    pages += alias_pages(site)
    taken = {path for path, _ in pages}
    pages += [(path, parts) for path, parts in legacy_pages(site) if path not in taken]
    pages.append(status_page(site))
    return pages


def src_uri(site_path: str) -> str:
    """The markdown file name MkDocs gets for a site path: ``errors/X/`` and ``errors/X.html`` are ``errors/X.md``."""
    path = site_path.split("#")[0]
    if path in ("", "index.html"):
        return "index.md"
    if path.endswith("/"):
        return path[:-1] + ".md"
    if path.endswith(".html"):
        return path[:-5] + ".md"
    return path + ".md"
