"""The pipeline's settings: the CLI reads the folders from the same ``error-kb`` block of mkdocs.yml as the build."""

from __future__ import annotations

import shutil
import subprocess
import sys

from project_copy import copy_project

from build_tools.pipeline import Settings
from conftest import ROOT


def test_settings_are_the_plugin_block_of_mkdocs_yml(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: !ENV [SITE_URL, '']\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - search\n  - error-kb:\n      source_dir: artigos\n      translations_dir: artigos/po\n"
        "      offline_dir: !ENV [KB_OFFLINE_DIR, '']\n",
        encoding="utf-8")
    settings = Settings.read(tmp_path)
    assert (settings.sources, settings.translations) == (tmp_path / "artigos", tmp_path / "artigos" / "po")
    assert settings.learn_base_url == Settings.learn_base_url  # not named: the default


def test_without_the_block_the_defaults_apply(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - search\n", encoding="utf-8")
    assert Settings.read(tmp_path).sources == tmp_path / "source_pt"
    assert Settings.read(tmp_path / "nowhere").source_dir == "source_pt"


def test_this_projects_settings():
    settings = Settings.read(ROOT)
    assert settings.sources == ROOT / "source_pt" and settings.translations == ROOT / "source_pt" / "translations"


def test_the_cli_reads_the_source_folder_from_the_configuration(tmp_path):
    """A project whose articles live in ``artigos/``: lookup and translations find them through --config."""
    project = tmp_path / "project"
    copy_project(project, sources=True)
    shutil.move(project / "source_pt", project / "artigos")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("source_dir: source_pt", "source_dir: artigos")
                      .replace("translations_dir: source_pt/translations", "translations_dir: artigos/translations"),
                      encoding="utf-8")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "build_tools", "--config", str(config), *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=300)

    found = cli("lookup", "--lang", "en", "UserErrorFsFreezeFailed")
    assert found.returncode == 0, found.stderr
    assert "UserErrorFsFreezeFailed" in found.stdout and "freeze" in found.stdout.lower()
    updated = cli("translations")
    assert updated.returncode == 0, updated.stderr
    assert str(project / "artigos" / "translations" / "en") in updated.stdout
    # the project's own folder is untouched by a run on another project
    assert not (project / "source_pt").exists()
