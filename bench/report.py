"""Results → the tables of ``BENCHMARKS.md`` (between its markers) and ``benchmarks.png``.

Only the text between ``<!-- bench:start -->`` and ``<!-- bench:end -->`` is
rewritten; the analysis around it is written by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"
PLOT = "benchmarks.png"

TARGETS = {
    "build_ratio": 0.8,
    "memory_ratio": 2.0,
    "peak_mib": 2048,
    "speedup": 5.0,
    "first_code_ms": 150.0,
    "first_code_kib": 150.0,
    "first_ms": 300.0,
    "page_view_kib": 50.0,
    "index_ratio": 1.5,
    "bundle_ratio": 1.0,
    "p95_ms": 30.0,
}


def _n(value: int) -> str:
    return f"{value:,}"


def _s(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s" if value < 100 else f"{value:.0f} s"


def _ms(value: float) -> str:
    return f"{value:.1f} ms" if value < 10 else f"{value:,.0f} ms"


def _bytes(value: float) -> str:
    if value >= 1024 * 1024:
        return f"{value / 1024 / 1024:.1f} MiB"
    if value >= 1024:
        return f"{value / 1024:.1f} KiB"
    return f"{value:.0f} B"


def _span(summary: dict, fmt) -> str:
    """``median [min–max]`` (just the value for one run)."""
    if summary["runs"] == 1 or summary["min"] == summary["max"]:
        return fmt(summary["median"])
    return f"{fmt(summary['median'])} [{fmt(summary['min'])}–{fmt(summary['max'])}]"


def _ratio(summary: dict) -> str:
    return _span(summary, lambda v: f"{v:.2f}×")


def _get(data: dict, *keys, default=None):
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return default
        data = data[key]
    return data


def tables(results: dict) -> str:
    """The generated part of BENCHMARKS.md."""
    machine = results["machine"]
    versions = ", ".join(f"{k} {v}" for k, v in sorted(machine.get("versions", {}).items()))
    sizes = results["sizes"]
    chromium = next((s["search"]["chromium"] for s in sizes if "search" in s), "")
    lines = [
        f"Measured on {results['date']} (commit {machine.get('commit', '?')}) in {results.get('bench_s', 0) / 60:.0f} minutes:"
        f" {machine.get('nproc')} cores ({machine.get('cpu', '?')}), {machine.get('memory_gib', '?')} GiB memory,"
        f" Python {machine.get('python')}, {versions}" + (f", Chromium {chromium}" if chromium else "") + ".",
        f"Raw figures: `bench/results/{results['date']}.json`. Cells are the median of the runs, [min–max] when they differ;"
        " ratios are ours ÷ Material's, computed pair by pair (each of our builds against the baseline build made right after it).",
        "",
        "### Build",
        "",
        "Wall time of the whole build (hosted site and offline site; then with the zip of the offline bundle, which is"
        " what `make site` does), the peak resident memory of the largest process (`ru_maxrss`) and the peak of the"
        " memory of all the build's processes together (their proportional set sizes, sampled every 50 ms, so that"
        " memory a forked process shares with its parent counts once), each build in a fresh process.",
        "",
        "| errors | runs | ours | Material | ratio | ours + zip | Material + zip | ratio"
        " | largest process ours / Material | all processes ours / Material | ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        b = size["build"]
        total = _get(b, "ours", "zip_sum_peak_mib", "median")
        lines.append(
            f"| {_n(size['errors'])} | {b['runs']} | {_span(b['ours']['site_s'], _s)} | {_span(b['material']['site_s'], _s)}"
            f" | {_ratio(b['ratio']['site_s'])} | {_span(b['ours']['zip_s'], _s)} | {_span(b['material']['zip_s'], _s)}"
            f" | {_ratio(b['ratio']['zip_s'])} | {b['ours']['zip_peak_mib']['median']:,.0f} / {b['material']['zip_peak_mib']['median']:,.0f} MiB"
            + (f" | {total:,.0f} / {b['material']['zip_sum_peak_mib']['median']:,.0f} MiB | {_ratio(b['ratio']['zip_sum_peak'])} |"
               if total else " | – | – |")
        )
    corpus = results.get("corpus")
    if corpus:
        c = corpus["build"]
        lines += [
            "",
            "### Real content",
            "",
            f"Our build of the seed article with every article of `../shared/corpus` ({len(corpus['articles']) - 1}"
            " real pt-BR troubleshooting articles, copied into the temporary project only; most of them have no English"
            " catalog yet, so their pages show the Portuguese with a note). No baseline: its pages are made from the"
            " synthetic errors.",
            "",
            "| content | errors / codes | pages | source | build + zip | all processes | index gzip (per error) | bundle |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            f"| seed + {len(corpus['articles']) - 1} articles | {_n(corpus['errors'])} / {_n(corpus['codes'])}"
            f" | {_n(corpus['pages'])} | {_bytes(corpus['source_bytes'])} | {_span(c['zip_s'], _s)}"
            f" | {c['zip_sum_peak_mib']['median']:,.0f} MiB | {_bytes(corpus['index']['gzip'])}"
            f" ({_bytes(corpus['index']['gzip_per_error'])}) | {_bytes(corpus['bundle'])} |",
        ]
    lines += [
        "",
        "### Search index",
        "",
        "Ours: the prebuilt lunr indexes, `assets/kb-search-quick.js` (codes and titles, loaded first) and"
        " `assets/kb-search-full.js` (all text and snippets). Material's: `search/search_index.json`, from which the"
        " browser builds its lunr index on every page load. Gzip at level 6, as a web server sends it.",
        "",
        "| errors | ours quick raw / gzip | ours total raw / gzip | per error (gzip) | Material raw / gzip | per error (gzip) | Material's documents |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        index = size["index"]
        ours, material = index["ours"], index["material"]
        quick = index.get("ours_files", {}).get("kb-search-quick.js")
        quick_text = f"{_bytes(quick['raw'])} / {_bytes(quick['gzip'])}" if quick else "–"
        lines.append(
            f"| {_n(size['errors'])} | {quick_text} | {_bytes(ours['raw'])} / {_bytes(ours['gzip'])}"
            f" | {_bytes(ours['gzip_per_error'])} | {_bytes(material['raw'])} / {_bytes(material['gzip'])}"
            f" | {_bytes(material['gzip_per_error'])} | {_n(material.get('documents', 0))} |"
        )
    if any("search" in s and "ours" in s["search"] for s in sizes):
        sample = next(s["search"] for s in sizes if "search" in s and "ours" in s["search"])
        runs = sample["ours"]["first_result"]["code"]["after_load_ms"]["runs"]
        typed_runs = sample["ours"]["first_result"]["typed"]["after_load_ms"]["runs"]
        queries = len(sample["queries"])
        lines += [
            "",
            "### Search in headless Chromium",
            "",
            f"First result: ms from the page's `load` event to the first result in the DOM, on a cold load of the home"
            f" page ({runs} loads per cell), the query entered by page script right at the `load` event (a code, then a"
            " word). Ours loads its quick index (codes and titles) when the box gets focus, then the full one;"
            " Material's worker fetches `search_index.json` and builds the lunr index at every page load. \"Typed\":"
            f" ms from the start of navigation when Playwright clicks the box after `load` and types the code with"
            f" `press_sequentially` ({typed_runs} loads), round trips included. Query latency: {queries} queries (two in"
            " five codes, one in five code fragments, the rest words in pt and en) on a page whose whole index is loaded:"
            " Material's from the input event to its result list updated; ours is the time `KBSearch.open(query)` takes"
            " to search and render, and, in brackets, \"typed\" through the input event until the box shows that"
            " query, which above 2,000 documents includes the 150 ms pause in typing that our box waits for."
            " \"Codes found first\": code queries whose own page is the first result.",
            "",
            "| errors | first result (code) ours | Material | Material ÷ ours | first result (word) ours | Material"
            " | typed ours | typed Material | query p50 / p95 ours | Material | codes found first ours / Material |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for size in sizes:
            search = size.get("search")
            if not search or "ours" not in search:
                continue
            o, m = search["ours"], search["material"]
            oc, mc = o["first_result"]["code"]["after_load_ms"], m["first_result"]["code"]["after_load_ms"]
            ow, mw = o["first_result"]["word"]["after_load_ms"], m["first_result"]["word"]["after_load_ms"]
            ot, mt = o["first_result"]["typed"]["first_result_ms"], m["first_result"]["typed"]["first_result_ms"]
            ol, ml = o["latency"], m["latency"]
            lines.append(
                f"| {_n(size['errors'])} | {_span(oc, _ms)} | {_span(mc, _ms)} | {mc['median'] / oc['median']:.1f}×"
                f" | {_span(ow, _ms)} | {_span(mw, _ms)} | {_span(ot, _ms)} | {_span(mt, _ms)}"
                f" | {_ms(ol['p50_ms'])} / {_ms(ol['p95_ms'])}"
                + (f" (typed {_ms(ol['typed_p50_ms'])} / {_ms(ol['typed_p95_ms'])})" if "typed_p50_ms" in ol else "")
                + f" | {_ms(ml['p50_ms'])} / {_ms(ml['p95_ms'])}"
                f" | {ol['codes_first']}/{ol['codes']} / {ml['codes_first']}/{ml['codes']} |"
            )
    lines += [
        "",
        "### Offline bundle",
        "",
        "| errors | pages ours / Material | source article | ours (zip) | Material (zip of its offline build) |",
        "|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        lines.append(
            f"| {_n(size['errors'])} | {_n(size['pages']['ours'])} / {_n(size['pages']['material'])}"
            f" | {_bytes(size['source_bytes'])} | {_bytes(size['bundle']['ours'])} | {_bytes(size['bundle']['material'])} |"
        )
    lines += ["", "### Targets", ""] + target_lines(results)
    if "profile" in results:
        lines += ["", *profile_lines(results["profile"])]
    lines += ["", f"![Build time and time to first result against the number of errors]({PLOT})"]
    return "\n".join(lines)


def target_lines(results: dict) -> list[str]:
    """Each target at the largest size: measured value and whether it is met, or by how much it is missed."""
    size = max(results["sizes"], key=lambda s: s["errors"])
    at = _n(size["errors"])
    rows = []
    b = size["build"]
    rows.append(_target(f"`make site` (build + zip) at {at} ≤ {TARGETS['build_ratio']}× Material's wall time",
                        b["ratio"]["zip_s"]["median"], TARGETS["build_ratio"], "×", lower=True))
    if _get(b, "ratio", "zip_sum_peak", "median"):
        rows.append(_target(f"memory of all build processes at {at} ≤ {TARGETS['memory_ratio']:.0f}× Material's",
                            b["ratio"]["zip_sum_peak"]["median"], TARGETS["memory_ratio"], "×", lower=True))
    rows.append(_target(f"peak memory at {at} < 2 GB", b["ours"]["zip_peak_mib"]["max"], TARGETS["peak_mib"], " MiB",
                        lower=True))
    index = size["index"]
    rows.append(_target(f"search index gzip per error at {at} ≤ {TARGETS['index_ratio']}× Material's",
                        index["ours"]["gzip_per_error"] / index["material"]["gzip_per_error"], TARGETS["index_ratio"],
                        "×", lower=True))
    if size["bundle"]["material"]:
        rows.append(_target(f"offline bundle at {at} ≤ Material's", size["bundle"]["ours"] / size["bundle"]["material"],
                            TARGETS["bundle_ratio"], "×", lower=True))
    search = size.get("search")
    if search and "ours" in search:
        code = search["ours"]["first_result"]["code"]
        oc = code["after_load_ms"]["median"]
        mc = search["material"]["first_result"]["code"]["after_load_ms"]["median"]
        rows.append(_target(f"first result at {at} ≥ 5× faster than Material", mc / oc, TARGETS["speedup"], "×",
                            lower=False))
        rows.append(_target(f"first code result at {at} ≤ {TARGETS['first_code_ms']:.0f} ms after load", oc,
                            TARGETS["first_code_ms"], " ms", lower=True))
        if _get(code, "bytes_before_first", "median"):
            rows.append(_target(f"transferred before the first code result at {at} ≤ {TARGETS['first_code_kib']:.0f} KiB",
                                code["bytes_before_first"]["max"] / 1024, TARGETS["first_code_kib"], " KiB", lower=True))
        ow = search["ours"]["first_result"]["word"]["after_load_ms"]["median"]
        rows.append(_target(f"first word result at {at} ≤ {TARGETS['first_ms']:.0f} ms after load", ow,
                            TARGETS["first_ms"], " ms", lower=True))
        views = search["ours"].get("page_view_data")
        if views:
            rows.append(_target(f"knowledge-base data on a plain page view at {at} ≤ {TARGETS['page_view_kib']:.0f} KiB",
                                max(v["bytes"] for v in views.values()) / 1024, TARGETS["page_view_kib"], " KiB",
                                lower=True))
        rows.append(_target(f"query p95 at {at} < 30 ms", search["ours"]["latency"]["p95_ms"],
                            TARGETS["p95_ms"], " ms", lower=True))
    return ["| target | measured | |", "|---|---:|---|", *rows]


def _target(label: str, value: float, limit: float, unit: str, lower: bool) -> str:
    fmt = (lambda v: f"{v:,.0f}{unit}") if unit.strip() in ("MiB", "ms", "KiB") and value >= 10 else (lambda v: f"{v:.2f}{unit}")
    met = value <= limit if lower else value >= limit
    if met:
        verdict = "met"
    elif lower:
        verdict = f"missed: {value / limit:.2f}× the limit ({(value / limit - 1) * 100:.0f}% over)"
    else:
        verdict = f"missed: {value / limit:.2f}× of the goal ({(1 - value / limit) * 100:.0f}% short)"
    return f"| {label} | {fmt(value)} | {verdict} |"


def profile_lines(profile: dict) -> list[str]:
    total = profile["total_s"]
    lines = [
        "### Where our build time goes",
        "",
        f"cProfile of one hosted build (`mkdocs build` with our plugin) at {_n(profile['errors'])} errors:"
        f" {total:.1f} s of profiled time (profiling slows Python code down, so shares matter more than seconds)."
        " Self time by component (C builtins and standard-library functions charged to the module that called them):",
        "",
        "| component | self time | share |",
        "|---|---:|---:|",
    ]
    for name, seconds in list(profile["self_time_by_component"].items())[:12]:
        lines.append(f"| {name} | {seconds:.2f} s | {seconds / total * 100:.0f}% |")
    lines += ["", "Our functions by cumulative time (time spent in them and everything they call):", "",
              "| function | calls | cumulative | share |", "|---|---:|---:|---:|"]
    for row in profile["top_build_tools_cumulative"][:12]:
        lines.append(f"| `{row['function']}` | {_n(row['calls'])} | {row['cumulative_s']:.2f} s"
                     f" | {row['cumulative_s'] / total * 100:.0f}% |")
    return lines


def plot(results: dict, path: Path) -> Path:
    """Build time and time to first result against the number of errors, ours and Material's, log-log."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = results["sizes"]
    x = [s["errors"] for s in sizes]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2), dpi=110)
    for system, label, style in (("ours", "ours", "o-"), ("material", "MkDocs + Material", "s--")):
        for key, suffix, alpha in (("site_s", "", 1.0), ("zip_s", " + zip", 0.45)):
            values = [s["build"][system][key] for s in sizes]
            med = [v["median"] for v in values]
            err = [[m - v["min"] for m, v in zip(med, values)], [v["max"] - m for m, v in zip(med, values)]]
            left.errorbar(x, med, yerr=err, fmt=style, capsize=3, alpha=alpha, label=label + suffix,
                          color="tab:blue" if system == "ours" else "tab:orange")
    left.set(xscale="log", yscale="log", xlabel="errors", ylabel="build wall time (s)", title="Full build")
    left.grid(True, which="both", alpha=0.3)
    left.legend(fontsize=8)
    searched = [s for s in sizes if "search" in s and "ours" in s["search"]]
    if searched:
        xs = [s["errors"] for s in searched]
        for system, label, style in (("ours", "ours (prebuilt index)", "o-"),
                                     ("material", "Material (index built in the browser)", "s--")):
            values = [s["search"][system]["first_result"]["code"]["after_load_ms"] for s in searched]
            med = [v["median"] for v in values]
            err = [[m - v["min"] for m, v in zip(med, values)], [v["max"] - m for m, v in zip(med, values)]]
            right.errorbar(xs, med, yerr=err, fmt=style, capsize=3, label=label,
                           color="tab:blue" if system == "ours" else "tab:orange")
        right.axhline(TARGETS["first_ms"], color="grey", linestyle=":", label="target: 300 ms")
    right.set(xscale="log", yscale="log", xlabel="errors", ylabel="ms after the load event",
              title="Page load to first search result (code query)")
    right.grid(True, which="both", alpha=0.3)
    right.legend(fontsize=8)
    for axis in (left, right):
        axis.set_xticks(x, [_n(v) for v in x])
        axis.minorticks_off()
    fig.suptitle(f"Benchmarks {results['date']} ({results['machine'].get('nproc')} cores)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
    return path


TEMPLATE = """# Benchmarks

How the build and the search grow with the number of errors, against what a user would otherwise pick: the same
error pages as plain Markdown built by plain MkDocs + mkdocs-material with Material's own search plugin.

Run `make bench` (not part of `make test`; the 10,000-error case takes minutes). It generates synthetic pt-BR
articles in the seed's layout at 35, 1,000 and 10,000 errors (`bench/generate.py`), builds both sites several times
(`bench/run.py`), searches them in headless Chromium (`bench/browser.py`), and rewrites the section below,
`benchmarks.png` and `bench/results/<date>.json`.

{start}
{end}
"""


def write_outputs(results: dict, root: Path) -> list[Path]:
    """Rewrite the generated section of BENCHMARKS.md and the plot; returns the paths written."""
    markdown = root / "BENCHMARKS.md"
    text = markdown.read_text(encoding="utf-8") if markdown.exists() else TEMPLATE.format(start=START, end=END)
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{START}\n{END}\n"
    block = f"{START}\n{tables(results)}\n{END}"
    text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    markdown.write_text(text, encoding="utf-8")
    return [markdown, plot(results, root / PLOT)]
