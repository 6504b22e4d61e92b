"""Shared fixtures: the built site (hosted and offline), a local web server, and headless Chromium.

The site is built once per test session into a temporary folder with the same
function that ``make site`` runs, so the tests always see the current sources.
Browser tests drive Debian's Chromium (``/usr/bin/chromium``) through Playwright;
without it they skip, unless ``REQUIRE_BROWSER=1`` (set by ``.ci/run``) makes
that a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """Build everything once: ``site`` (hosted), ``offline`` (file:// site) and ``dist`` (bundle)."""
    from build_tools.pipeline import build_all

    out = tmp_path_factory.mktemp("build")
    build_all(ROOT, bundle=True, site_dir=out / "site", dist_dir=out / "dist")
    return {"site": out / "site", "offline": out / "build" / "offline", "dist": out / "dist"}


@pytest.fixture(scope="session")
def site_dir(built) -> Path:
    return built["site"]


@pytest.fixture(scope="session")
def offline_dir(built) -> Path:
    return built["offline"]


@pytest.fixture(scope="session")
def bundle_zip(built) -> Path:
    """The offline bundle as ``make site`` leaves it in dist/."""
    (zip_path,) = built["dist"].glob("azure-backup-errors-offline-*.zip")
    return zip_path


@pytest.fixture(scope="session")
def bundle_dir(bundle_zip, tmp_path_factory) -> Path:
    """The offline bundle unzipped into a fresh folder, as on a jump host: its top folder."""
    import zipfile

    out = tmp_path_factory.mktemp("bundle")
    with zipfile.ZipFile(bundle_zip) as archive:
        archive.extractall(out)
    (top,) = [p for p in out.iterdir() if p.is_dir()]
    return top


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static server that answers unknown paths with the site's 404.html, as the README tells hosts to."""

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def serve(directory: Path):
    """Start a static server for ``directory`` on 127.0.0.1; returns (server, base URL)."""
    handler = functools.partial(_Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    """The hosted site served over http:// (pytest-playwright's page.goto resolves against it)."""
    server, url = serve(site_dir)
    yield url
    server.shutdown()


def chromium_path() -> str | None:
    return shutil.which("chromium") or (os.path.exists("/usr/bin/chromium") and "/usr/bin/chromium") or None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, kept off the network (see ../shared/notes/BROWSER.md)."""
    executable = chromium_path()
    if executable is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is not installed; .ci/run installs it with apt-get")
        pytest.skip("chromium is not installed (apt-get install chromium); browser tests skipped")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_FLAGS],
    }


@pytest.fixture
def console_errors(page):
    """Console errors and uncaught exceptions of the page; tests assert it stays empty."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    return errors


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots are kept (tests/artifacts, ignored by git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def shared_path(*parts: str) -> Path:
    """A path in ../shared; tests that need it skip when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not part of every checkout)")
    return path


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> dict:
    """The hosted site built with ``SITE_URL`` set, served at that very URL (a local port)."""
    from build_tools.pipeline import build_all

    out = tmp_path_factory.mktemp("published")
    server, url = serve(out / "site")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", url)
        build_all(ROOT, bundle=False, site_dir=out / "site")
    yield {"site": out / "site", "url": url}
    server.shutdown()


_BUILDS = {"built", "site_dir", "offline_dir", "bundle_zip", "bundle_dir", "base_url", "published", "hostile",
           "hostile_site", "allowed", "many"}
"""Fixtures that build a whole site: a test that uses one is ``slow`` (``make test-fast`` leaves it out)."""


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if _BUILDS & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
