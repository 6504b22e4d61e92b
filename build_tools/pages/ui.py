"""The site's own interface strings, in both languages, and helpers that print both.

Every visible string of a page exists twice, as ``kb-pt``/``kb-en`` elements with
the right ``lang``; CSS shows the active language (see overrides/assets/kb.css).
"""

from __future__ import annotations

import html
import re

LANGS = ("pt-BR", "en")

UI: dict[str, tuple[str, str]] = {
    "site_name": ("Erros de backup de VMs do Azure", "Azure VM backup errors"),
    "home": ("Início", "Home"),
    "error_code": ("Código de erro", "Error code"),
    "error_codes": ("Códigos de erro", "Error codes"),
    "error_message": ("Mensagem de erro", "Error message"),
    "error_messages": ("Mensagens de erro", "Error messages"),
    "details": ("Detalhes", "Details"),
    "resolution": ("Resolução", "Resolution"),
    "related": ("Erros relacionados", "Related errors"),
    "same_category": ("Na mesma categoria", "In the same category"),
    "mentions": ("Erros mencionados nesta página", "Errors mentioned on this page"),
    "mentioned_by": ("Erros que mencionam este", "Errors that mention this one"),
    "restates": ("Este erro é o mesmo que", "This error is the same as"),
    "restated_by": ("O mesmo erro também aparece como", "The same error also appears as"),
    "source": ("Origem", "Source"),
    "source_text": ("Artigo de origem", "Source article"),
    "line": ("linha", "line"),
    "anchor": ("âncora", "anchor"),
    "original": ("artigo publicado", "published article"),
    "copy": ("Copiar", "Copy"),
    "copied": ("Copiado", "Copied"),
    "copy_code": ("Copiar o código", "Copy the code"),
    "previous": ("Anterior", "Previous"),
    "next": ("Próximo", "Next"),
    "categories": ("Categorias", "Categories"),
    "category": ("Categoria", "Category"),
    "topics": ("Tópicos", "Topics"),
    "code_index": ("Índice de códigos A–Z", "A–Z code index"),
    "code": ("Código", "Code"),
    "error": ("Erro", "Error"),
    "error_count_one": ("erro", "error"),
    "errors_count": ("erros", "errors"),
    "no_code": ("sem código", "no code"),
    "without_code": ("Erros sem código", "Errors without a code"),
    "not_translated": ("", "Not yet translated; shown in Portuguese."),
    "outdated": ("", "Translation outdated; shown in Portuguese."),
    "lookup": ("Pesquisar um código", "Look up a code"),
    "lookup_title": ("Ir para um código de erro", "Go to an error code"),
    "unknown_code": ("Código não encontrado", "Code not found"),
    "language": ("Idioma", "Language"),
    "switch_to": ("English", "Português"),
    "browse": ("Navegue pelas categorias", "Browse the categories"),
    "errors_in": ("Erros nesta categoria", "Errors in this category"),
    "also_codes": ("Outros códigos desta página", "Other codes on this page"),
    "redirecting": ("Redirecionando para", "Redirecting to"),
    "linking": ("Links e dados", "Linking and data"),
    "translation_status": ("Estado da tradução", "Translation status"),
    "article": ("Artigo", "Article"),
    "status_translated": ("Traduzidos", "Translated"),
    "status_fuzzy": ("A revisar", "Fuzzy"),
    "status_missing": ("Sem tradução", "Missing"),
    "status_share": ("Traduzido", "Share translated"),
    "status_po": ("Catálogo PO", "PO catalog"),
    "status_all": ("Todos os artigos", "All articles"),
    "same_as": ("mesmo erro que", "same error as"),
    "several_articles": ("Vários artigos têm uma seção com este nome. Escolha uma:",
                         "Several articles have a section with this name. Choose one:"),
    "also_in": ("Este código também está documentado em", "This code is also documented in"),
    "mentioned_in": ("Citado em", "Mentioned in"),
    "breadcrumb": ("Trilha de navegação", "Breadcrumb"),
    "prevnext": ("Anterior e próximo nesta categoria", "Previous and next in this category"),
    "skip": ("Pular para conteúdo", "Skip to content"),
    "header": ("Cabeçalho", "Header"),
    "to_dark": ("Mudar para o modo escuro", "Switch to dark mode"),
    "to_light": ("Mudar para o modo claro", "Switch to light mode"),
    "copy_block": ("Copiar para área de transferência", "Copy to clipboard"),
    "show_in_other": ("Mostrar esta página em inglês", "Show this page in Portuguese"),
}

THEME_LABELS_EN: dict[str, str] = {
    "action.skip": "Skip to content",
    "header": "Header",
    "nav": "Navigation",
    "toc": "Table of contents",
    "footer": "Footer",
    "footer.previous": "Previous",
    "footer.next": "Next",
    "top": "Back to top",
}
"""English of the labels the theme writes itself, by the theme's own translation key.

The page gets them keyed by the theme's Portuguese text as the theme renders it
(``overrides/main.html``), so the language toggle finds them whatever either side says.
"""


def t(key: str, lang: str) -> str:
    pt, en = UI[key]
    return en if lang == "en" else pt


def both(pt_html: str, en_html: str, tag: str = "span", cls: str = "") -> str:
    """The same thing in both languages, as two elements of which CSS shows one."""
    extra = f" {cls}" if cls else ""
    return (f'<{tag} class="kb-pt{extra}" lang="pt-BR">{pt_html}</{tag}>'
            f'<{tag} class="kb-en{extra}" lang="en">{en_html}</{tag}>')


def ui(key: str, tag: str = "span") -> str:
    """An interface string in both languages (escaped)."""
    pt, en = UI[key]
    return both(html.escape(pt), html.escape(en), tag)


class Markdown(str):
    """Markdown written by this project (front matter, headings): the only page text MkDocs parses.

    A page is a list of parts; every part that is not ``Markdown`` is finished,
    sanitized HTML, which reaches the page as it is and is never read as markdown
    (``pages.stash_html``). The type, not the text, says which is which, so no
    source line can turn into markup after the sanitizer ran.
    """


def heading(level: int, key_or_pair: str | tuple[str, str], anchor: str) -> Markdown:
    """A markdown heading showing both languages; the TOC label follows the language (``data-kb-en``)."""
    pt, en = UI[key_or_pair] if isinstance(key_or_pair, str) else key_or_pair
    hashes = "#" * level
    text = both(_md_escape(pt), _md_escape(en))
    return Markdown(f'{hashes} {text} {{ #{anchor} data-toc-label="{_attr(pt)}" data-kb-en="{_attr(en)}" }}\n\n')


def code_heading(code: str) -> Markdown:
    """The ``h1`` of a page named by an error code; on a narrow screen it breaks only between its humps (``<wbr>``)."""
    from .html import code_pieces

    return Markdown(f"# {'<wbr>'.join(_md_escape(p) for p in code_pieces(code))} {{ #top .kb-h1-code }}\n\n")


def plain_heading(level: int, text: str, anchor: str) -> Markdown:
    """A heading with one plain-text label in both languages (a letter of the A–Z index)."""
    return Markdown(f"{'#' * level} {_md_escape(text)} {{ #{anchor} }}\n\n")


def _attr(text: str) -> str:
    """Plain text safe inside a quoted attr_list value."""
    return html.escape(text.replace('"', "\u201d").replace("}", ")").replace("{", "("), quote=False).replace("\n", " ")


def _md_escape(text: str) -> str:
    """Plain text safe inside a markdown heading."""
    plain = html.escape(text, quote=False)
    return "".join("\\" + c if c in "\\`*_{}[]#+!|" else c for c in plain).replace("\n", " ")


# ---- the theme's own labels (header, sidebars, footer) in both languages ---------------------------------------

_ELLIPSIS = re.compile(r'(<span class="md-ellipsis">)\s*([^<>]*?)\s*(</span>)')
_NAV_TITLE = re.compile(r'(<label class="md-nav__title"[^>]*>)(.*?)(</label>)', re.S)
_HEADING = re.compile(r"<h[1-6]\b[^>]*>")
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')
_HEADER_END = re.compile(r'(<header class="md-header[^"]*"[^>]*>.*?)(\s*</nav>)', re.S)


def heading_labels(page_html: str, toc_labels: dict[str, str]) -> dict[str, str]:
    """Portuguese TOC label → English label of every heading that carries ``data-kb-en``.

    ``toc_labels`` maps heading ids to the label the TOC shows (the page's own table of contents).
    """
    names = {}
    for tag in _HEADING.finditer(page_html):
        attrs = dict(_ATTR.findall(tag.group(0)))
        if "data-kb-en" in attrs and attrs.get("id") in toc_labels:
            names[toc_labels[attrs["id"]]] = html.unescape(attrs["data-kb-en"])
    return names


def toggle_button() -> str:
    """The language switch, in the page from the start (so nothing moves when scripts run); kb.js makes it work."""
    return ('<button type="button" class="kb-toggle" id="kb-lang-toggle">'
            '<span class="kb-pt" lang="en">English</span><span class="kb-en" lang="pt-BR">Português</span></button>')


def bilingual_chrome(page_html: str, names: dict[str, str]) -> str:
    """A finished page whose theme labels (header, navigation, TOC, footer) exist in both languages.

    The theme prints one language; every label found in ``names`` (Portuguese → English, plain
    text) becomes a ``kb-pt``/``kb-en`` pair, so the language is chosen by CSS before anything is
    drawn. The header also gets the language switch.
    """
    def pair(text: str) -> str | None:
        plain = html.unescape(text)
        english = names.get(plain)
        return None if english is None else both(html.escape(plain, quote=False), html.escape(english, quote=False))

    def ellipsis(match: re.Match[str]) -> str:
        done = pair(match.group(2))
        return match.group(0) if done is None else match.group(1) + done + match.group(3)

    def nav_title(match: re.Match[str]) -> str:
        head, gt, text = match.group(2).rpartition(">")  # the label's own text comes after its icon or logo
        done = pair(text.strip())
        return match.group(0) if done is None else match.group(1) + head + gt + done + match.group(3)

    out = _NAV_TITLE.sub(nav_title, _ELLIPSIS.sub(ellipsis, page_html))
    if 'id="kb-lang-toggle"' not in out:
        out = _HEADER_END.sub(lambda m: m.group(1) + toggle_button() + m.group(2), out, count=1)
    return out
