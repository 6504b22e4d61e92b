"""The translation status page, the build's figures, and the seed's English as the built site shows it."""

from __future__ import annotations

import html
import re
from pathlib import Path

import polib

from build_tools.l10n.localizer import Localizer
from build_tools.pages.listings import home_page
from build_tools.pages.error_pages import Site, page_markdown
from build_tools.problems import Problems
from build_tools.parse.catalog import load_catalog
from build_tools.l10n.po_files import MEMORY_NOTE, report_coverage, update_catalog
from build_tools.l10n.status_page import status_page

ROOT = Path(__file__).resolve().parent.parent
SEED_PO = ROOT / "source_pt" / "translations" / "en" / "backup-azure-vms-troubleshoot.po"

ARTICLE = """\
# <a name="t"></a>Artigo de teste

## <a name="backup"></a>Backup

### <a name="usererrorx---x-failed"></a>UserErrorX - Falha em X

Código de erro: UserErrorX <br/>
Mensagem de erro: Falha em X.

* Primeiro passo
* Segundo passo
* Terceiro passo
"""


def partial_site(tmp_path: Path) -> tuple[Site, str]:
    """An article with 2 segments translated, 1 outdated, 1 suggested by the memory and the rest missing."""
    source = tmp_path / "source_pt"
    source.mkdir()
    (source / "artigo.md").write_text(ARTICLE, encoding="utf-8")
    catalog = load_catalog([source / "artigo.md"], Problems())
    po_path = source / "translations" / "en" / "artigo.po"
    update_catalog(catalog.articles[0], po_path)
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgctxt in ("article:title", "entry:UserErrorX:step:0"):
            entry.msgstr = "EN " + entry.msgid
        elif entry.msgctxt == "entry:UserErrorX:step:1":
            entry.msgstr, entry.previous_msgid = "Second step", "Segundo"
            entry.flags.append("fuzzy")
        elif entry.msgctxt == "entry:UserErrorX:step:2":
            entry.msgstr, entry.comment = "Third step", f"{MEMORY_NOTE}: 90% similar to a.po k"
            entry.flags.append("fuzzy")
        else:
            entry.msgstr = ""
    po.save(str(po_path))
    return Site(catalog, Localizer(catalog, source / "translations")), catalog.articles[0].path


def test_status_page_and_build_output_give_the_same_figures(tmp_path):
    site, article_path = partial_site(tmp_path)
    path, parts = status_page(site)
    assert path == "translation/"
    text = page_markdown(parts)
    row = re.search(r'<tr data-article="artigo">(.*?)</tr>', text).group(1)
    cells = [html.unescape(re.sub("<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    total = len(site.loc.by_article[article_path].entries)
    missing = total - 4
    assert cells[1:5] == ["2", "2", str(missing), f"{200 / total:.1f}%"]
    assert 'href="../translations/en/artigo.po"' in row
    problems = Problems()
    line = report_coverage(site.catalog.articles[0], site.loc.by_article[article_path], problems)
    assert line.endswith(f"English translation 2/{total} segments ({200 / total:.1f}%); 2 fuzzy, {missing} missing")
    # Only the outdated segment is warned about: a memory suggestion is an unreviewed draft, like a missing one.
    assert [p.message for p in problems.warnings] == ["English of 'entry:UserErrorX:step:1' is outdated (the Portuguese changed)"]


def test_english_readers_see_notes_where_there_is_no_reviewed_english(tmp_path):
    site, article_path = partial_site(tmp_path)
    linker = site.linker("errors/UserErrorX/")
    assert "Not yet translated" in site.text(article_path, "entry:UserErrorX:message:0", "Falha em X.", linker)
    assert "Translation outdated" in site.text(article_path, "entry:UserErrorX:step:1", "Segundo passo", linker)
    suggested = site.text(article_path, "entry:UserErrorX:step:2", "Terceiro passo", linker)
    assert "Not yet translated" in suggested and "Third step" not in suggested
    assert "EN Primeiro passo" in site.text(article_path, "entry:UserErrorX:step:0", "Primeiro passo", linker)


def test_a_category_of_one_error_says_error_not_errors(tmp_path):
    site, _ = partial_site(tmp_path)
    _, parts = home_page(site)
    text = page_markdown(parts)
    assert '<span class="kb-count">(1 <span class="kb-pt" lang="pt-BR">erro</span><span class="kb-en" lang="en">error</span>)' in text
    assert "erros" not in text


def test_mention_headings_say_which_way_the_mention_goes(tmp_path):
    from build_tools.pages.error_pages import entry_page

    source = tmp_path / "artigo.md"
    source.write_text(ARTICLE + "* Se aparecer UserErrorY, veja esse erro.\n\n"
                      "### <a name=\"usererrory---y-failed\"></a>UserErrorY - Falha em Y\n\n"
                      "Código de erro: UserErrorY <br/>\nMensagem de erro: Falha em Y.\n", encoding="utf-8")
    catalog = load_catalog([source], Problems())
    site = Site(catalog, Localizer(catalog, None))
    x = page_markdown(entry_page(site, site.entries["UserErrorX"])[1])
    y = page_markdown(entry_page(site, site.entries["UserErrorY"])[1])
    assert ">Errors mentioned on this page<" in x and ">Erros mencionados nesta página<" in x
    assert ">Errors that mention this one<" in y and ">Erros que mencionam este<" in y


# ---- the built site --------------------------------------------------------------------------------

def test_built_status_page_lists_the_seed_at_100_percent_with_its_catalog(site_dir):
    page = (site_dir / "translation" / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr data-article="backup-azure-vms-troubleshoot">(.*?)</tr>', page, re.S).group(1)
    figures = [re.sub("<[^>]+>", "", c) for c in re.findall(r'<td class="kb-num">(.*?)</td>', row)]
    total = len([e for e in polib.pofile(str(SEED_PO)) if not e.obsolete and e.msgid])
    assert figures == [str(total), "0", "0", "100.0%"]
    href = re.search(r'href="([^"]+\.po)"', row).group(1)
    assert (site_dir / "translation" / href).resolve().read_bytes() == SEED_PO.read_bytes()


def test_built_site_shows_the_seed_fixes(site_dir):
    freeze = (site_dir / "errors" / "UserErrorFsFreezeFailed" / "index.html").read_text(encoding="utf-8")
    english = html.unescape("".join(re.findall(r'<div class="kb-en[ "][^>]*>(.*?)</div>', freeze, re.S)))
    assert "<code>umount</code>" in english and "unmount" not in english  # bold commands render as code
    assert '<code>tune2fs -l /dev/sdb1 | grep "Filesystem state"</code>' in english
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    intro = re.search(r'<div class="kb-en kb-intro"[^>]*>(.*?)</div>', home, re.S).group(1)
    assert intro.strip()
    assert "Azure Backup" in intro and "Server" not in intro and "table" not in intro
    crypto = next(p for p in (site_dir / "errors").glob("*/index.html") if "SchUseStrongCrypto" in p.read_text())
    assert 'DWORD value: <br> <code>"SchUseStrongCrypto"=dword:00000001</code>' in html.unescape(crypto.read_text())


def test_portuguese_interface_uses_one_verb_for_search(site_dir):
    """Pesquisar, never Buscar or Procurar, in the interface (the articles' own text aside)."""
    texts = [p.read_text(encoding="utf-8") for p in (site_dir / "assets").glob("kb*.js")]
    texts += [(site_dir / name).read_text(encoding="utf-8") for name in ("404.html", "index.html", "go/index.html")]
    texts += [(ROOT / "build_tools" / "pages" / "ui.py").read_text(encoding="utf-8"), (ROOT / "build_tools" / "publish" / "bundle.py").read_text()]
    for text in texts:
        # The theme's configuration carries its own (unused) search plugin's strings; the site's search is ours.
        text = re.sub(r'<script id="__config".*?</script>', "", text, flags=re.S)
        assert not re.search(r"\b(Buscar|Procurar|busca|buscar|procurar)\b", text)
