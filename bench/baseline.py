"""The baseline: the same errors as plain Markdown pages for plain MkDocs + Material with its own search.

This is what a user would otherwise set up: one page per error holding the
Portuguese and the English text, a home page and one list page per category,
built with Material's ``search`` plugin (a client-side lunr index built in the
browser) and, for the offline bundle, Material's ``offline`` plugin. Error
pages stay out of the sidebar (``not_in_nav``), as they do on our site;
otherwise every page would carry a 10,000-link menu.
"""

from __future__ import annotations

import re
from pathlib import Path

from .generate import Block, Error, Generated

LEARN = "https://learn.microsoft.com/azure/backup/"

CONFIG = """\
site_name: Erros de backup de VMs do Azure
site_url: ""
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  language: pt-BR
  font: false
plugins:
  - search:
      lang: [pt, en]
markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - tables
not_in_nav: |
  /errors/
nav:
{nav}
"""

OFFLINE_CONFIG = """\
INHERIT: mkdocs.yml
use_directory_urls: false
plugins:
  - search:
      lang: [pt, en]
  - offline
"""


def write_project(generated: Generated, root: Path) -> Path:
    """A plain MkDocs project for ``generated`` in ``root``: ``mkdocs.yml``, ``mkdocs.offline.yml`` and ``docs/``."""
    docs = root / "docs"
    (docs / "errors").mkdir(parents=True, exist_ok=True)
    (docs / "categories").mkdir(parents=True, exist_ok=True)
    categories: dict[str, list[Error]] = {}
    names: dict[str, str] = {}
    for error in generated.errors:
        categories.setdefault(error.category_id, []).append(error)
        names[error.category_id] = error.category.pt
        (docs / "errors" / f"{error.code}.md").write_text(error_page(error), encoding="utf-8")
    home = ["# Erros de backup de VMs do Azure", "",
            "Códigos de erro de backup de máquinas virtuais do Azure, em português e em inglês.", ""]
    nav = ["  - Início: index.md"]
    for category_id, errors in categories.items():
        lines = [f"# {names[category_id]}", ""]
        lines += [f"- [{e.code}](../errors/{e.code}.md): {_plain(e.title.pt)}" for e in errors]
        (docs / "categories" / f"{category_id}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        home.append(f"- [{names[category_id]}](categories/{category_id}.md)")
        nav.append(f"  - {_yaml_key(names[category_id])}: categories/{category_id}.md")
    (docs / "index.md").write_text("\n".join(home) + "\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG.format(nav="\n".join(nav)), encoding="utf-8")
    (root / "mkdocs.offline.yml").write_text(OFFLINE_CONFIG, encoding="utf-8")
    return root


def error_page(error: Error) -> str:
    """One error as Markdown: code, message and resolution in Portuguese, then the same in English."""
    lines = [f"# {error.code}: {_plain(error.title.pt)}", "",
             f"**Código de erro:** `{error.code}`  ", f"**Mensagem de erro:** {error.message.pt}", ""]
    if error.detail:
        lines += [error.detail.pt, ""]
    lines += ["## Solução", ""] + _blocks(error.resolution, "pt")
    lines += ["## English", "", f"**{_plain(error.title.en)}**", "",
              f"**Error code:** `{error.code}`  ", f"**Error message:** {error.message.en}", ""]
    if error.detail:
        lines += [error.detail.en, ""]
    lines += ["### Resolution", ""] + _blocks(error.resolution, "en")
    return "\n".join(lines).rstrip("\n") + "\n"


def _blocks(blocks: tuple[Block, ...], lang: str) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        text = _learn_links(getattr(block.text, lang))
        if block.kind in ("paragraph", "cell"):
            lines += [text, ""]
        elif block.kind == "bullets":
            lines += [f"* {_learn_links(getattr(item, lang))}" for item in block.items] + [""]
        elif block.kind == "code":
            lines += ["```", text, "```", ""]
    return lines


def _learn_links(text: str) -> str:
    """Links to other articles point at their published home, as on our site."""
    return re.sub(r"\]\(([\w\-]+)\.md(#[\w\-]+)?\)", lambda m: f"]({LEARN}{m.group(1)}{m.group(2) or ''})", text)


def _plain(text: str) -> str:
    return text.replace("**", "").replace("`", "")


def _yaml_key(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'
