"""The Content-Security-Policy of each built page: a ``<meta>`` that allows only the site's own files.

``overrides/main.html`` writes ``<meta http-equiv="Content-Security-Policy" content="kb-csp-pending">``
at the top of every page's ``<head>``; ``fill_policy`` replaces the placeholder with the policy,
which names the SHA-256 hash of each inline script of that very page (the theme's and ours; their
text differs from page to page). Anything else that would run is refused by the browser, so text
that slipped past the sanitizer could at worst show, never execute. A ``<meta>`` policy also works
from ``file://``, where there are no response headers.
"""

from __future__ import annotations

import base64
import hashlib
import re

PLACEHOLDER = '<meta http-equiv="Content-Security-Policy" content="kb-csp-pending">'

BASE_POLICY = (
    "default-src 'none'",
    "script-src 'self'{hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
)

_SCRIPT = re.compile(r"<script\b([^<>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def inline_scripts(page_html: str) -> list[str]:
    """The text of every inline script the browser would run (``src`` scripts and JSON data blocks aside)."""
    found = []
    for match in _SCRIPT.finditer(page_html):
        attributes, body = match.groups()
        if re.search(r"\bsrc\s*=", attributes, re.I):
            continue
        kind = _TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") in _SCRIPT_TYPES:
            found.append(body)
    return found


def script_hash(body: str) -> str:
    """The CSP source expression that allows exactly this script text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(page_html: str) -> str:
    """The policy for one page: the base policy with the hashes of its inline scripts."""
    hashes = "".join(" " + h for h in dict.fromkeys(script_hash(s) for s in inline_scripts(page_html)))
    return "; ".join(BASE_POLICY).format(hashes=hashes)


def fill_policy(page_html: str) -> str:
    """The page with its placeholder replaced by its policy (pages without the placeholder are unchanged)."""
    if PLACEHOLDER not in page_html:
        return page_html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page_html)}">'
    return page_html.replace(PLACEHOLDER, meta, 1)
