"""Search in headless Chromium: time from page load to the first result, and per-query latency.

Both sites are served over http:// from a local thread (no network beyond
127.0.0.1). Times are read inside the page with ``performance.now()``, whose
origin is the start of the navigation, so Playwright's round trips do not count.

* First result: a fresh browser context (empty cache) opens the home page; right
  after the ``load`` event page script focuses the search box and enters the
  query (``input`` and ``keyup`` events: Material searches on ``keyup``); a
  MutationObserver installed before any page script notes when the first
  result appears. A second, "typed" variant clicks and types with Playwright's
  ``press_sequentially`` instead, round trips included.
* Latency: on a page whose index is loaded, each query is typed into the box
  from page script and timed until the result list shows its outcome
  (results or "nothing found").
"""

from __future__ import annotations

import functools
import math
import re
import http.server
import statistics
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass(frozen=True)
class Adapter:
    """How to drive one site's search box."""

    name: str
    page: str
    """Page (relative to the site root) the user searches from."""
    input: str
    """CSS selector of the search box."""
    open: str
    """CSS selector clicked before typing (may equal ``input``)."""
    result: str
    """CSS selector of one search result; its first appearance is the first result."""
    query_js: str
    """``async (q) => ({ms, n, first})``: run one query from page script and time it."""
    ready: str = "true"
    """JS expression, true once the whole index is loaded (latencies are measured after it)."""
    timings: str = "null"
    """JS expression giving the site's own load timings, or null."""


_WAIT_FOR = """
  const waitFor = (root, pred, ms) => new Promise((resolve) => {
    if (pred()) return resolve(true);
    const obs = new MutationObserver(() => { if (pred()) { obs.disconnect(); clearTimeout(timer); resolve(true); } });
    obs.observe(root, {childList: true, subtree: true, characterData: true, attributes: true});
    const timer = setTimeout(() => { obs.disconnect(); resolve(false); }, ms);
  });
"""

MATERIAL = Adapter(
    name="material",
    page="",
    input="input.md-search__input",
    open="input.md-search__input",
    result=".md-search-result__item",
    query_js="""async (q) => {""" + _WAIT_FOR + """
  const input = document.querySelector('input.md-search__input');
  const box = document.querySelector('.md-search-result');
  const meta = document.querySelector('.md-search-result__meta');
  const list = document.querySelector('.md-search-result__list');
  const fire = (v) => { input.value = v; input.dispatchEvent(new Event('input', {bubbles: true}));
                        input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'End'})); };
  if (window.__benchIdle === undefined) {
    fire('');
    await new Promise((r) => setTimeout(r, 200));
    window.__benchIdle = meta.textContent;   // "type to start searching"
  }
  fire('');
  await waitFor(box, () => meta.textContent === window.__benchIdle, 5000);
  const t0 = performance.now();
  fire(q);
  const done = await waitFor(box, () => meta.textContent !== window.__benchIdle, 30000);
  const ms = performance.now() - t0;
  const link = list.querySelector('a');
  return {ms, done, n: list.children.length, first: link ? link.getAttribute('href') : null};
}""",
)


OURS = Adapter(
    name="ours",
    page="",
    input="#kb-search-input",
    open="#kb-search-input",
    result=".kb-search-result",
    query_js="""async (q) => {""" + _WAIT_FOR + """
  const input = document.getElementById('kb-search-input');
  const list = document.getElementById('kb-search-results');
  const form = input.closest('form');
  const shown = () => form.getAttribute('data-query');
  const api = window.KBSearch && window.KBSearch.open;
  // The search itself: KBSearch.open searches and renders synchronously.
  let ms = null;
  if (api) {
    KBSearch.open('', {focus: false});
    const t0 = performance.now();
    KBSearch.open(q, {focus: false});
    ms = performance.now() - t0;
  }
  const n = list.children.length;
  const link = list.querySelector('a');
  const first = link ? link.getAttribute('href') : null;
  // As typed: an input event, until the box says it shows this query (large indexes wait for a pause in typing).
  if (api) { KBSearch.open('', {focus: false}); }
  const t1 = performance.now();
  input.value = q;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  const done = await waitFor(form, () => shown() === q, 10000);
  const typed = performance.now() - t1;
  return {ms: ms === null ? typed : ms, typed_ms: typed, done, n: api ? n : list.children.length,
          first: api ? first : (list.querySelector('a') ? list.querySelector('a').getAttribute('href') : null)};
}""",
    ready="window.KBSearch && (KBSearch.state() === 'full' || KBSearch.state() === 'failed')",
    timings="window.KBSearch ? {state: KBSearch.state(), start_ms: KBSearch.timings.start, "
            "quick_ms: KBSearch.timings.quick, full_ms: KBSearch.timings.full} : null",
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


_PROBE = """
(() => {
  const result = %(result)s, input = %(input)s, query = %(query)s;
  window.__benchFirst = null;
  window.__benchEntered = null;
  const check = () => {
    if (window.__benchFirst === null && document.querySelector(result)) {
      window.__benchFirst = performance.now();
      obs.disconnect();
    }
  };
  const obs = new MutationObserver(check);
  obs.observe(document, {childList: true, subtree: true, attributes: true});
  document.addEventListener('focusin', (event) => {
    if (window.__benchEntered === null && event.target.matches && event.target.matches(input)) {
      window.__benchEntered = performance.now();
    }
  }, true);
  if (query === null) return;
  // The user who types the moment the page has loaded: the query is entered from page script
  // right after the load event, with no round trip to Playwright in between.
  window.addEventListener('load', () => setTimeout(() => {
    const box = document.querySelector(input);
    box.focus();
    box.value = query;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'End'}));
  }, 0));
})();
"""


def first_result(browser, base_url: str, adapter: Adapter, query: str, typed: bool = False,
                 timeout_ms: int = 180_000) -> dict:
    """One cold page load of the home page; ms (from navigation start) to the load event and to the first result.

    ``typed=False``: the query is entered by page script at the load event (the figure the targets use).
    ``typed=True``: Playwright clicks the box after the load event and types the query key by key
    (``press_sequentially``), as a test would; its round trips count too.
    """
    import json

    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(_PROBE % {"result": json.dumps(adapter.result), "input": json.dumps(adapter.input),
                                       "query": "null" if typed else json.dumps(query)})
        page.goto(base_url + adapter.page, wait_until="load")
        if typed:
            page.click(adapter.open)
            page.locator(adapter.input).press_sequentially(query)
        page.wait_for_function("window.__benchFirst !== null", timeout=timeout_ms, polling=20)
        timing = page.evaluate("""() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const first = window.__benchFirst;
          const size = (r) => r.encodedBodySize || r.decodedBodySize || 0;
          const before = performance.getEntriesByType('resource').filter((r) => r.responseEnd <= first);
          return {load_ms: nav.loadEventEnd, first_ms: first, entered_ms: window.__benchEntered,
                  bytes: size(nav) + before.reduce((sum, r) => sum + size(r), 0)};
        }""")
        out = {"load_ms": timing["load_ms"], "entered_ms": timing["entered_ms"], "first_result_ms": timing["first_ms"],
               "after_load_ms": timing["first_ms"] - timing["load_ms"], "bytes_before_first": timing["bytes"]}
        page.wait_for_function(adapter.ready, timeout=timeout_ms, polling=50)
        site_timings = page.evaluate(adapter.timings)
        if site_timings:
            out["site_timings"] = site_timings
        return out
    finally:
        context.close()


DATA_FILES = re.compile(r"assets/(kb-data\.js|kb-code-index\.js|kb-codes/|kb-search-quick\.js|kb-search-full\.js)"
                        r"|search/search_index\.json|errors\.json")
"""Knowledge-base data (not code, styles or pages): what a plain page view should not load."""


def page_view_data(browser, base_url: str, paths: list[str]) -> dict[str, dict]:
    """Per page: bytes of knowledge-base data (``DATA_FILES``) a plain view loads (load event and 1 s after)."""
    out = {}
    context = browser.new_context()
    try:
        page = context.new_page()
        for path in paths:
            page.goto(base_url + path, wait_until="load")
            page.wait_for_timeout(1000)
            files = page.evaluate("""() => performance.getEntriesByType('resource')
              .map((r) => [r.name, r.encodedBodySize || r.decodedBodySize || 0])""")
            data = {name[len(base_url):]: size for name, size in files if DATA_FILES.search(name)}
            out[path] = {"bytes": sum(data.values()), "files": data}
    finally:
        context.close()
    return out


def latencies(browser, base_url: str, adapter: Adapter, queries: list[str], warmup: str,
              timeout_ms: int = 120_000) -> list[dict]:
    """Each query's latency (ms), result count and first result, on one page with its index loaded."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + adapter.page, wait_until="load")
        page.click(adapter.open)
        page.fill(adapter.input, warmup)
        page.press(adapter.input, "End")
        page.wait_for_selector(adapter.result, timeout=timeout_ms)
        page.wait_for_function(adapter.ready, timeout=timeout_ms, polling=50)
        out = []
        for query in queries:
            result = page.evaluate(adapter.query_js, query)
            if result.get("first") and result["first"].startswith(base_url):
                result["first"] = result["first"][len(base_url):]
            out.append({"query": query, **result})
        return out
    finally:
        context.close()


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]


def summary(values: list[float]) -> dict[str, float]:
    """Median with min and max."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium through Playwright, off the network; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()
