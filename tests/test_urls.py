"""Published URLs never disappear: tests/urls.txt pins every URL of the hosted site.

Other wikis, tickets and bookmarks link to these addresses (errors/<Code>/,
alias codes, catalogs, topics, errors.json). A change that removes or renames
one must keep the old address working with a redirect page instead.

Update the pin after adding pages (it only ever adds lines; dropping one is a
deliberate hand edit that comes with a redirect):

    make site && .venv/bin/python tests/test_urls.py site
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from pathlib import Path

URLS_FILE = Path(__file__).with_name("urls.txt")
UNPINNED_DIRS = {"assets", "search"}
"""Theme and script files: their names change with the theme version and are not link targets."""

REDIRECT_HELP = (
    "Published URLs are permanent: other wikis and tickets link to them. Instead of removing one, keep it "
    "answering with a redirect page to where the content went: a code that moved gets an alias page "
    "(build_tools/pages/listings.py alias_pages), any other page a generated page whose front matter has "
    "kb_redirect: <relative URL> (overrides/main.html turns it into a redirect). Only drop a line from "
    "tests/urls.txt together with such a redirect."
)


def pinned() -> list[str]:
    """The URLs in tests/urls.txt (one per line, ``/`` is the home page; ``#`` starts a comment)."""
    lines = URLS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def site_urls(site_dir: Path) -> list[str]:
    """Every URL a built hosted site answers: pages as directory URLs, other files by name."""
    urls = []
    for path in site_dir.rglob("*"):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_dir() or rel.split("/")[0] in UNPINNED_DIRS:
            continue
        if rel == "index.html" or rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        urls.append("/" + rel)
    return sorted(urls)


def file_for(site_dir: Path, url: str) -> Path:
    """The file a static server sends for ``url``."""
    rel = url.lstrip("/")
    return site_dir / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


def test_pin_is_not_empty_and_has_no_duplicates():
    urls = pinned()
    assert len(urls) == len(set(urls)), "tests/urls.txt lists a URL twice"
    assert {"/", "/errors/UserErrorFsFreezeFailed/", "/errors/400094/", "/go/", "/errors.json"} <= set(urls)


def test_every_pinned_url_still_exists(site_dir):
    gone = [url for url in pinned() if not file_for(site_dir, url).is_file()]
    assert not gone, f"{len(gone)} published URL(s) disappeared from the build: {gone}\n{REDIRECT_HELP}"


def test_every_pinned_url_is_served(base_url):
    """Over HTTP each pinned URL answers 200 itself, not the 404 page."""
    failed = []
    for url in pinned():
        try:
            with urllib.request.urlopen(base_url.rstrip("/") + url) as response:
                if response.status != 200:
                    failed.append((url, response.status))
        except urllib.error.HTTPError as error:
            failed.append((url, error.code))
    assert not failed, f"published URLs not served: {failed}\n{REDIRECT_HELP}"


def test_every_url_of_the_site_is_pinned(site_dir):
    new = sorted(set(site_urls(site_dir)) - set(pinned()))
    assert not new, (
        f"the build has URL(s) that tests/urls.txt does not pin yet: {new}\n"
        "Once published they must keep working; add them with: "
        "make site && .venv/bin/python tests/test_urls.py site"
    )


def update(site_dir: Path) -> list[str]:
    """Add the URLs of a built site to tests/urls.txt (never removes one); returns the added URLs."""
    text = URLS_FILE.read_text(encoding="utf-8") if URLS_FILE.exists() else ""
    header = [line for line in text.splitlines() if line.startswith("#")]
    old = pinned() if URLS_FILE.exists() else []
    added = sorted(set(site_urls(site_dir)) - set(old))
    URLS_FILE.write_text("\n".join(header + sorted(set(old) | set(added))) + "\n", encoding="utf-8")
    return added


if __name__ == "__main__":
    if len(sys.argv) != 2 or not (Path(sys.argv[1]) / "index.html").is_file():
        sys.exit("usage: python tests/test_urls.py SITE_DIR   (a hosted build, e.g. site/ after make site)")
    for url in update(Path(sys.argv[1])):
        print(f"pinned {url}")
