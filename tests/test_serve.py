"""``make serve`` (``mkdocs serve``) rebuilds the site after an article or a translation is edited."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import polib
import pytest

from project_copy import copy_project


pytestmark = pytest.mark.slow

SEED = "backup-azure-vms-troubleshoot"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    """Poll ``url`` until its page holds ``text`` (bounded: ``seconds``)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(1)
    return False


@pytest.fixture()
def served(tmp_path):
    project = tmp_path / "project"
    copy_project(project, sources=True)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "-a", f"127.0.0.1:{port}", "-f",
         str(project / "mkdocs.yml")],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        assert _wait_for(url + "errors/UserErrorFsFreezeFailed/", "UserErrorFsFreezeFailed", 240), "serve never came up"
        yield project, url
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_rebuilds_after_an_article_and_a_translation_change(served):
    project, url = served
    page = url + "errors/UserErrorFsFreezeFailed/"
    article = project / "source_pt" / f"{SEED}.md"
    text = article.read_text(encoding="utf-8")
    assert "Falha ao congelar" in text
    article.write_text(text.replace("Falha ao congelar", "Falhou ao congelar EDITADO", 1), encoding="utf-8")
    assert _wait_for(page, "EDITADO", 240), "the article edit never reached the served page"
    catalog = project / "source_pt" / "translations" / "en" / f"{SEED}.po"
    po = polib.pofile(str(catalog), wrapwidth=0)
    (title,) = [e for e in po if e.msgctxt == "entry:CopyingVHDsFromBackUpVaultTakingLongTime:title"]
    title.msgstr = "EDITED " + title.msgstr
    po.save(str(catalog))
    assert _wait_for(url + "errors/CopyingVHDsFromBackUpVaultTakingLongTime/", "EDITED ", 240), \
        "the translation edit never reached the served page"
