"""Hostile input shapes cost time and memory in proportion to their size, and never hang or raise.

Each shape (a run of capitals where a code could start, ``<a name=`` repeated in a heading,
``a <`` repeated in a message, a paragraph of ``[``, a paragraph of links, one code in many
entries, one anchor on many headings, a YAML alias bomb, a long resolution, comment openers)
is generated at two sizes, SIZE_RATIO apart, and taken through every stage of the build that
reads source text: parse, translations, pages (and the Markdown MkDocs gets), ``errors.json``,
the code table and the search index. Each run is a fresh process (``python tests/test_adversarial.py
SHAPE SIZE``) that reports its CPU time and peak memory; a run that outlives TIMEOUT counts as a
hang, a non-zero exit as a crash. Linear cost grows SIZE_RATIO times; the check allows twice that
(quadratic would be SIZE_RATIO squared). Run times themselves are not asserted: the bench/ scripts
measure speed.

One more test builds a whole site (hosted, offline, bundle) from one article of each shape, and
``autolink.js`` scans 100,000 text nodes of a host page while the host's own timer keeps running.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE_RATIO = 4
ALLOWED_GROWTH = 2 * SIZE_RATIO
TIMEOUT = 300
"""Seconds after which one run counts as hung (the larger sizes take a few seconds)."""
MIN_MEASURABLE = 0.25
"""CPU seconds below which the larger run is too quick for a ratio to mean anything (it still must not hang)."""

HEAD = '# <a name="t"></a>Artigo hostil\n\n## <a name="c"></a>Categoria\n\n'


def entry(code: str, message: str = "Mensagem comum") -> str:
    return f"### {code} - Falha\n\nCódigo de erro: {code} <br/>\nMensagem de erro: {message}\n\nReinicie a VM.\n\n"


def _alias_bomb(levels: int) -> str:
    lines = ['a0: &a0 ["xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 5)}]" for n in range(1, levels)]
    return "---\ntitle: Bomba\n" + "\n".join(lines) + "\n---\n"


# shape: (article for a size and a code, msgstr of the entry's message or None, small size)
SHAPES = {
    "capitals-in-heading": (lambda n, code: HEAD + f"### {'A' * n}b - Título\n\nTexto.\n\n" + entry(code), None, 5_000),
    "capitals-in-text": (lambda n, code: HEAD + entry(code) + f"Veja {'A' * n}b e {code}.\n", None, 20_000),
    "capitals-in-msgstr": (lambda n, code: HEAD + entry(code), lambda n: f"See {'A' * n}b now.", 20_000),
    "anchor-tags-in-heading": (lambda n, code: HEAD + f"### {'<a name=' * n}{code} - Falha\n\nTexto.\n\n" + entry(code),
                               None, 2_000),
    "open-angles": (lambda n, code: HEAD + entry(code, "a <" * n), None, 20_000),
    "brackets": (lambda n, code: HEAD + entry(code) + "[" * n + "\n", None, 20_000),
    "links-in-a-paragraph": (lambda n, code: HEAD + entry(code) + "\n".join(
        f"[link {i}](https://example.com/{i})" for i in range(n)) + "\n", None, 2_000),
    "one-code-many-entries": (lambda n, code: HEAD + entry(code) * n, None, 300),
    "one-anchor-many-headings": (lambda n, code: HEAD + entry(code) + '## <a name="x"></a>Tópico\n\nTexto.\n\n' * n,
                                 None, 300),
    "yaml-alias-bomb": (lambda n, code: _alias_bomb(n) + HEAD + entry(code), None, 4),
    "long-resolution": (lambda n, code: HEAD + entry(code) + "".join(
        f"{i}. Passo {i}: reinicie o agente e repita o backup.\n" for i in range(1, n + 1)), None, 1_000),
    "comment-openers": (lambda n, code: HEAD + entry(code, "texto <!-- " * n), None, 20_000),
}


# ---- one measured run (this file run as a script) ----------------------------------------------

def _po(article_path: Path, english: str) -> str:
    from build_tools.problems import Problems
    from build_tools.parse.catalog import load_catalog
    from build_tools.l10n.po_files import segments

    (article,) = load_catalog([article_path], Problems()).articles
    key = next(s for s in segments(article) if ":message:" in s.key)
    return (f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            f"msgctxt {json.dumps(key.key)}\nmsgid {json.dumps(key.text, ensure_ascii=False)}\n"
            f"msgstr {json.dumps(english, ensure_ascii=False)}\n")


def measure(shape: str, size: int, work: Path) -> dict:
    """Every build stage that reads source text, on one generated article; CPU seconds and peak KiB."""
    import markdown

    from build_tools.l10n.localizer import Localizer
    from build_tools.publish.errors_json import build_feed
    from build_tools.pages.listings import all_pages
    from build_tools.pages.error_pages import Site, page_markdown
    from build_tools.problems import Problems
    from build_tools.parse.catalog import load_catalog
    from build_tools.search.index import search_data
    from build_tools.publish.data_files import code_table, dumps
    from build_tools.l10n.po_files import catalog_path, check_identifiers

    make, msgstr, _ = SHAPES[shape]
    source = work / "source_pt"
    (source / "translations" / "en").mkdir(parents=True)
    path = source / "artigo.md"
    path.write_text(make(size, "UserErrorShaped"), encoding="utf-8")
    if msgstr is not None:
        (source / "translations" / "en" / "artigo.po").write_text(_po(path, msgstr(size)), encoding="utf-8")
    converter = markdown.Markdown(extensions=["attr_list", "md_in_html", "admonition", "tables", "toc"])
    started = time.process_time()
    problems = Problems()
    catalog = load_catalog([path], problems)
    site = Site(catalog, Localizer(catalog, source / "translations"))
    for article in catalog.articles:
        check_identifiers(article, site.loc.by_article[article.path], problems)
    pages = all_pages(site)
    for _, parts in pages:
        converter.reset().convert(page_markdown(parts))
    feed = json.dumps(build_feed(catalog, source / "translations", Problems()), ensure_ascii=False)
    table = dumps(code_table(site))
    search_data(site)
    cpu = time.process_time() - started
    return {
        "cpu": cpu, "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "pages": len(pages),
        "feed_bytes": len(feed) + len(table), "problems": [str(p) for p in problems],
        "codes": sorted({c for e in catalog.entries for c in e.codes}),
        "catalog_path": str(catalog_path(source / "translations", catalog.articles[0])) if catalog.articles else "",
    }


def run_shape(shape: str, size: int, tmp_path: Path) -> dict:
    """``measure`` in a fresh process; fails the calling test on a hang or a crash."""
    import pytest

    work = tmp_path / f"{shape}-{size}"
    work.mkdir()
    try:
        done = subprocess.run([sys.executable, __file__, shape, str(size), str(work)], cwd=ROOT, capture_output=True,
                              text=True, timeout=TIMEOUT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        pytest.fail(f"{shape} at size {size:,} still running after {TIMEOUT} s: it hangs")
    assert done.returncode == 0, f"{shape} at size {size:,} failed:\n{done.stderr[-3000:]}"
    return json.loads(done.stdout)


# ---- the tests -----------------------------------------------------------------------------------

import pytest  # noqa: E402  (the script above needs no pytest)
from project_copy import copy_project  # noqa: E402


@pytest.mark.parametrize("shape", SHAPES)
def test_cost_grows_linearly_with_the_size_of_the_shape(shape, tmp_path):
    small_size = SHAPES[shape][2]
    large_size = small_size * SIZE_RATIO if shape != "yaml-alias-bomb" else small_size + 12
    small = run_shape(shape, small_size, tmp_path)
    large = run_shape(shape, large_size, tmp_path)
    assert "UserErrorShaped" in large["codes"], "the error around the hostile text is still read"
    for problem in large["problems"]:
        assert problem.startswith(str(tmp_path)) and (": warning: " in problem or ": notice: " in problem), problem
    if large["cpu"] >= MIN_MEASURABLE:
        growth = large["cpu"] / max(small["cpu"], 0.01)
        assert growth <= ALLOWED_GROWTH, (
            f"{shape}: {SIZE_RATIO}x the input took {growth:.1f}x the CPU time "
            f"({small['cpu']:.2f} s -> {large['cpu']:.2f} s); linear is {SIZE_RATIO}x")
    assert large["feed_bytes"] <= ALLOWED_GROWTH * max(small["feed_bytes"], 1) + 10_000_000, "published data blows up"


def test_an_alias_bomb_is_refused_and_publishes_nothing_of_it(tmp_path):
    result = run_shape("yaml-alias-bomb", 12, tmp_path)
    assert any("front matter uses a YAML alias (*name); aliases are not allowed" in p for p in result["problems"])
    assert result["feed_bytes"] < 20_000


def test_memory_of_a_long_resolution_grows_linearly(tmp_path):
    """Peak memory above a one-step baseline, for a long resolution and one four times as long."""
    base = run_shape("long-resolution", 1, tmp_path)["peak_kib"]
    small = run_shape("long-resolution", 5_000, tmp_path)["peak_kib"] - base
    large = run_shape("long-resolution", 20_000, tmp_path)["peak_kib"] - base
    # The smaller step can vanish in the noise of a fresh process's peak (it once read 0 KiB on a busy machine):
    # its floor is 16 MiB, so the larger one may reach 128 MiB; a quadratic cost reaches several times that.
    assert large <= ALLOWED_GROWTH * max(small, 16 * 1024), f"peak above baseline: {small} KiB -> {large} KiB"


BUILD = """
import sys
from pathlib import Path
from build_tools.pipeline import build_all
root = Path(sys.argv[1])
build_all(root, bundle=True, site_dir=root / "out" / "site", dist_dir=root / "out" / "dist", strict=False)
"""


def test_a_site_of_every_shape_builds(tmp_path):
    """The whole build (MkDocs, both sites, the bundle) on one article of each shape at its smaller size."""
    project = tmp_path / "project"
    source = copy_project(project)
    codes = {}
    for n, (shape, (make, _, size)) in enumerate(SHAPES.items()):
        codes[shape] = f"UserErrorShape{chr(ord('A') + n)}x"
        (source / f"{shape}.md").write_text(make(size, codes[shape]), encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, "-c", BUILD, str(project)], cwd=ROOT, capture_output=True, text=True,
                              timeout=3 * TIMEOUT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        pytest.fail(f"the build of every shape still running after {3 * TIMEOUT} s: it hangs")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    site = project / "out" / "site"
    for shape, code in codes.items():
        assert (site / "errors" / code / "index.html").is_file(), shape
    assert (site / "errors.json").stat().st_size < 20_000_000
    assert len(list((project / "out" / "dist").glob("*.zip"))) == 1


HOST = """<!doctype html><html><head><meta charset="utf-8"><title>host</title></head><body>
<p id="intro">A wiki page that names UserErrorFsFreezeFailed.</p>
<script src="__KB_SITE__assets/autolink.js" data-kb-base="__KB_SITE__"></script>
</body></html>"""

SCAN_100K = """() => {
  const wiki = document.createElement("div");
  const words = ["texto ", "comum ", "UserErrorFsFreezeFailed", " mais ", "texto "];
  for (let i = 0; i < 100000; i++) { wiki.appendChild(document.createTextNode(words[i % words.length])); }
  document.body.appendChild(wiki);
  let ticks = 0;
  const ticker = setInterval(() => { ticks += 1; }, 0);
  return window.KBAutolink.run(wiki).then(made => { clearInterval(ticker); return [made, ticks]; });
}"""
"""Host content added after load, scanned on request: links made, and how often the host's own timer ran meanwhile."""


@pytest.mark.browser
def test_autolink_yields_to_the_host_page_on_100k_text_nodes(page, base_url, tmp_path):
    from conftest import serve

    (tmp_path / "host.html").write_text(HOST.replace("__KB_SITE__", base_url), encoding="utf-8")
    server, host = serve(tmp_path)
    try:
        page.goto(host + "host.html")
        assert page.evaluate("() => window.KBAutolink.ready") == 1
        made, ticks = page.evaluate(SCAN_100K)
        assert made == 20_000, "every code among the 100,000 text nodes is linked"
        assert ticks >= 10, f"the host page's timer ran only {ticks} times while 100,000 text nodes were scanned"
        assert page.locator("a.kb-autolink").count() == 20_001
    finally:
        server.shutdown()


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]))))
