"""A copy of this project's configuration in a temporary folder, for tests that build their own sources."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILES = ("mkdocs.yml", "mkdocs.offline.yml", "pyproject.toml")
FOLDERS = ("overrides", "docs")


def copy_project(project: Path, sources: bool = False) -> Path:
    """``project`` with the MkDocs configuration, theme and hand-written pages; with this project's ``source_pt``
    when ``sources``, else an empty ``source_pt/translations``. Returns the folder of source articles."""
    project.mkdir(parents=True, exist_ok=True)
    for name in CONFIG_FILES:
        shutil.copy2(ROOT / name, project / name)
    for name in FOLDERS + (("source_pt",) if sources else ()):
        shutil.copytree(ROOT / name, project / name)
    source = project / "source_pt"
    (source / "translations").mkdir(parents=True, exist_ok=True)
    return source
