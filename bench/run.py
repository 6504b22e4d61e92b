"""The benchmark run: for each size, build both sites several times, measure them, then search them in Chromium.

Each size gets a fresh generated article. Our build runs on a temporary copy
of this project whose ``source_pt`` holds only that article (and its PO
catalog); the baseline is a plain MkDocs project of the same errors
(``bench.baseline``). Builds alternate ours, baseline, ours, baseline..., so
every ratio compares two runs made back to back.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import browser
from .baseline import write_project
from .generate import Generated, generate, write_article

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
"""Real pt-BR articles kept outside the repository; a benchmark row builds the seed with all of them when present."""
SKIP = {".git", ".venv", "site", "build", "dist", "bench", "tests", "source_pt", ".pytest_cache", ".hypothesis",
        "node_modules", ".ci"}
"""Top-level entries of the project that a build does not read."""


@dataclass
class Settings:
    sizes: tuple[int, ...] = (35, 1000, 10000)
    runs: dict[int, int] | None = None
    """Build runs per size (each run builds ours and the baseline)."""
    browser_runs: int = 5
    queries: int = 50
    browser: bool = True
    profile_size: int | None = 1000
    keep: bool = False
    work: Path | None = None
    seed: int = 9
    pair_budget_s: float = 330.0
    """After a pair of builds longer than this, no further pairs at that size (keeps ``make bench`` under 30 minutes)."""
    corpus: bool = True
    """Also build the seed with every article of ``CORPUS`` (when that folder exists)."""
    quiet_wait: float = 0.0
    """Before each measurement, wait up to this many seconds for the other processes to leave the CPUs idle."""

    def browser_runs_for(self, size: int) -> int:
        """Cold page loads per system and query: fewer at 10,000 errors, where Material takes seconds each."""
        return self.browser_runs if size < 5000 else max(1, (self.browser_runs + 1) // 2)

    def runs_for(self, size: int) -> int:
        defaults = {35: 5, 1000: 3, 10000: 2}
        return (self.runs or {}).get(size, defaults.get(size, 3 if size < 5000 else 1))


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def cpu_busy(seconds: float = 1.0) -> float:
    """Share of all CPUs busy over ``seconds`` (from /proc/stat), 0..1; 0 where it cannot be read."""

    def sample() -> tuple[int, int]:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
        return sum(fields), idle

    try:
        total0, idle0 = sample()
        time.sleep(seconds)
        total1, idle1 = sample()
    except (OSError, ValueError, IndexError):
        return 0.0
    return 1.0 - (idle1 - idle0) / max(1, total1 - total0)


def wait_quiet(settings: Settings) -> float:
    """Wait (at most ``settings.quiet_wait`` s) until under a quarter of the CPUs are busy; returns the last share."""
    deadline = time.monotonic() + settings.quiet_wait
    busy = cpu_busy(0.5)
    while busy > 0.25 and time.monotonic() < deadline:
        busy = cpu_busy(2.0)
    return busy


def project_copy(dest: Path, generated: Generated | None) -> Path:
    """This project without its articles, tests and outputs, with the generated article as its only source
    (none when ``generated`` is None)."""
    dest.mkdir(parents=True)
    for entry in sorted(ROOT.iterdir()):
        if entry.name in SKIP or entry.name.endswith(".egg-info"):
            continue
        if entry.is_dir():
            shutil.copytree(entry, dest / entry.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(entry, dest / entry.name)
    (dest / "docs").mkdir(exist_ok=True)
    if generated is not None:
        write_article(generated, dest / "source_pt")
    return dest


def measure(kind: str, root: Path, out: Path, settings: Settings | None = None) -> dict:
    """One build in a fresh process (``bench.measure``); its output goes to ``out/build.log``."""
    out.mkdir(parents=True)
    result = out / "result.json"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000", PYTHONDONTWRITEBYTECODE="1")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    busy = wait_quiet(settings) if settings else cpu_busy()
    with open(out / "build.log", "w", encoding="utf-8") as handle:
        status = subprocess.run([sys.executable, "-m", "bench.measure", kind, str(root), str(out), str(result)],
                                cwd=root, env=env, stdout=handle, stderr=subprocess.STDOUT).returncode
    if status:
        tail = (out / "build.log").read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"{kind} build failed ({status}); end of {out / 'build.log'}:\n{tail}")
    marks = json.loads(result.read_text(encoding="utf-8"))
    marks["cpu_busy_before"] = round(busy, 3)
    text = (out / "build.log").read_text(encoding="utf-8", errors="replace")
    marks["warnings"] = sorted(set(re.findall(r"^WARNING\s+-\s+(.*)$", text, re.M)))
    stages = re.findall(r"built (\S+) in ([\d.]+) s", text)
    if stages:
        marks["stages_s"] = {name: float(seconds) for name, seconds in stages}
    return marks


def summary(values: list[float]) -> dict[str, float]:
    return browser.summary(values)


def file_sizes(paths: list[Path]) -> dict[str, int]:
    """Raw and gzip (level 6, as web servers send) bytes of some files together."""
    raw = sum(p.stat().st_size for p in paths)
    packed = sum(len(gzip.compress(p.read_bytes(), compresslevel=6, mtime=0)) for p in paths)
    return {"raw": raw, "gzip": packed}


INDEX_FILES = ("kb-search-quick.js", "kb-search-full.js")
"""Our prebuilt index: codes and titles (loaded first), then all text with snippets."""


def our_index_files(site: Path) -> list[Path]:
    """The index files ``kb-search.js`` loads (lunr itself and the pipeline script are code, not index)."""
    return [site / "assets" / name for name in INDEX_FILES if (site / "assets" / name).exists()]


def index_sizes(ours_site: Path, base_site: Path, errors: int) -> dict:
    ours_files = our_index_files(ours_site)
    material = [base_site / "search" / "search_index.json"]
    out = {"ours_files": {p.name: file_sizes([p]) for p in ours_files}}
    for name, files in (("ours", ours_files), ("material", material)):
        sizes = file_sizes(files) if files else {"raw": 0, "gzip": 0}
        sizes["files"] = [str(p.relative_to(ours_site if name == "ours" else base_site)) for p in files]
        sizes["raw_per_error"] = sizes["raw"] / errors
        sizes["gzip_per_error"] = sizes["gzip"] / errors
        out[name] = sizes
    docs = json.loads(material[0].read_text(encoding="utf-8")).get("docs", [])
    out["material"]["documents"] = len(docs)
    return out


def queries_for(generated: Generated, count: int, seed: int) -> list[dict]:
    """``count`` queries: about two in five codes (the page is known), one in five code fragments, the rest words."""
    import random

    rng = random.Random(seed)
    errors = list(generated.errors)
    camel = [e for e in errors if not e.code.isdigit()]
    numeric = [e for e in errors if e.code.isdigit()]
    n_codes = round(count * 0.4)
    n_numeric = min(len(numeric), max(1, n_codes // 4))
    n_fragments = round(count * 0.2)
    out: list[dict] = []
    for e in rng.sample(camel, min(len(camel), n_codes - n_numeric)) + rng.sample(numeric, n_numeric):
        out.append({"q": e.code, "kind": "code", "expect": e.code})
    for e in rng.sample(camel, min(len(camel), n_fragments)):
        parts = re.findall(r"[A-Z][a-z0-9]*", e.code)
        start = rng.randrange(max(1, len(parts) - 1))
        out.append({"q": "".join(parts[start:start + 2]), "kind": "fragment", "expect": None})
    words = ["congelar", "instantâneo", "firewall", "cofre de chaves", "tempo limite", "permissões", "criptografia",
             "ponto de montagem", "proxy", "restauração", "snapshot", "timed out", "managed disk", "restore",
             "firewall rule", "network", "certificate", "expired", "mount point", "storage account", "extensão",
             "disco gerenciado", "vault", "agente da VM", "locked"]
    rng.shuffle(words)
    for word in words[: count - len(out)]:
        out.append({"q": word, "kind": "word", "expect": None})
    rng.shuffle(out)
    return out[:count]


def adapter_for_ours(site: Path) -> browser.Adapter | None:
    """How to drive our search box; None when the built site has no ``kb-search.js``."""
    return browser.OURS if (site / "assets" / "kb-search.js").exists() else None


def search_benchmark(settings: Settings, generated: Generated, ours_site: Path, base_site: Path) -> dict:
    """First-result times (cold loads) and query latencies, ours and Material's, on the same queries."""
    queries = queries_for(generated, settings.queries, settings.seed)
    first_code = next(q["q"] for q in queries if q["kind"] == "code" and not q["q"].isdigit())
    first_word = "firewall"
    ours = adapter_for_ours(ours_site)
    result: dict = {"queries": queries, "first_result_queries": {"code": first_code, "word": first_word}}
    with browser.chromium() as chromium, browser.serve(ours_site) as ours_url, browser.serve(base_site) as base_url:
        result["chromium"] = chromium.version
        systems = [("material", browser.MATERIAL, base_url)]
        if ours is not None:
            systems.insert(0, ("ours", ours, ours_url))
        else:
            result["ours_missing"] = "the built site has no assets/kb-search.js"
        for name, adapter, url in systems:
            result[name] = {"first_result": {}, "latency": {}}
        variants = (("code", first_code, False), ("word", first_word, False), ("typed", first_code, True))
        for kind, query, typed in variants:
            runs: dict[str, list[dict]] = {name: [] for name, _, _ in systems}
            loads = settings.browser_runs_for(len(generated.errors))
            for _ in range(loads if not typed else max(1, loads // 2)):
                for name, adapter, url in systems:
                    wait_quiet(settings)
                    runs[name].append(browser.first_result(chromium, url, adapter, query, typed=typed))
            for name in runs:
                result[name]["first_result"][kind] = {
                    "query": query,
                    "runs": runs[name],
                    "after_load_ms": summary([r["after_load_ms"] for r in runs[name]]),
                    "first_result_ms": summary([r["first_result_ms"] for r in runs[name]]),
                    "load_ms": summary([r["load_ms"] for r in runs[name]]),
                    "bytes_before_first": summary([r.get("bytes_before_first", 0) for r in runs[name]]),
                }
        for name, adapter, url in systems:
            first_error = f"errors/{generated.errors[0].code}/"
            result[name]["page_view_data"] = browser.page_view_data(chromium, url, ["", first_error])
        for name, adapter, url in systems:
            wait_quiet(settings)
            samples = browser.latencies(chromium, url, adapter, [q["q"] for q in queries], warmup=first_word)
            ms = [s["ms"] for s in samples]
            found = 0
            codes = [q for q in queries if q["kind"] == "code"]
            for q, s in zip(queries, samples):
                if q["kind"] == "code" and s.get("first") and _points_at(s["first"], q["expect"]):
                    found += 1
            result[name]["latency"] = {
                "samples": samples, "p50_ms": browser.percentile(ms, 0.5), "p95_ms": browser.percentile(ms, 0.95),
                "max_ms": max(ms), "timeouts": sum(1 for s in samples if not s.get("done", True)),
                "codes_first": found, "codes": len(codes),
                "no_result": sum(1 for s in samples if not s.get("n")),
            }
            typed = [s["typed_ms"] for s in samples if "typed_ms" in s]
            if typed:
                result[name]["latency"]["typed_p50_ms"] = browser.percentile(typed, 0.5)
                result[name]["latency"]["typed_p95_ms"] = browser.percentile(typed, 0.95)
    return result


def _points_at(href: str, code: str) -> bool:
    """True when a result link is the page of ``code`` (``errors/<code>/`` or ``errors/<code>.html``)."""
    return bool(re.search(rf"errors/{re.escape(code)}(/|\.html|$|#)", href))


def bundle_sizes(ours_out: Path, base_out: Path) -> dict:
    ours = sorted((ours_out / "dist").glob("*.zip"))
    base = sorted((base_out / "dist").glob("*.zip"))
    return {"ours": sum(p.stat().st_size for p in ours), "material": sum(p.stat().st_size for p in base),
            "ours_files": [p.name for p in ours]}


def one_size(settings: Settings, size: int, work: Path) -> dict:
    started = time.perf_counter()
    log(f"{size} errors: generating")
    generated = generate(size, settings.seed)
    assert len(generated.errors) == size
    ours_root = project_copy(work / "ours-project", generated)
    base_root = write_project(generated, work / "baseline-project")
    runs = settings.runs_for(size)
    pairs = []
    ours_out = base_out = None
    for n in range(runs):
        if n and pairs and pairs[-1]["ours"]["zip_s"] + pairs[-1]["material"]["zip_s"] > settings.pair_budget_s:
            log(f"{size} errors: one pair of builds took over {settings.pair_budget_s:.0f} s; no more runs at this size")
            break
        for kind in ("ours", "baseline"):
            out = work / f"{kind}-out-{n}"
            log(f"{size} errors: {kind} build {n + 1}/{runs}")
            marks = measure(kind, ours_root if kind == "ours" else base_root, out, settings)
            log(f"  {marks['site_s']:.1f} s site, {marks['zip_s']:.1f} s with zip, {marks['zip_peak_kib'] / 1024:.0f} MiB peak"
                f" ({marks.get('zip_sum_peak_kib', 0) / 1024:.0f} MiB all processes)")
            previous = ours_out if kind == "ours" else base_out
            if previous is not None and not settings.keep:
                shutil.rmtree(previous)
            if kind == "ours":
                ours_out, ours_marks = out, marks
            else:
                base_out, base_marks = out, marks
        pairs.append({"ours": ours_marks, "material": base_marks})
    build = {"runs": len(pairs), "planned_runs": runs, "pairs": pairs}
    for system in ("ours", "material"):
        build[system] = {
            "site_s": summary([p[system]["site_s"] for p in pairs]),
            "zip_s": summary([p[system]["zip_s"] for p in pairs]),
            "site_peak_mib": summary([p[system]["site_peak_kib"] / 1024 for p in pairs]),
            "zip_peak_mib": summary([p[system]["zip_peak_kib"] / 1024 for p in pairs]),
            "zip_sum_peak_mib": summary([p[system].get("zip_sum_peak_kib", 0) / 1024 for p in pairs]),
        }
    build["ratio"] = {
        "site_s": summary([p["ours"]["site_s"] / p["material"]["site_s"] for p in pairs]),
        "zip_s": summary([p["ours"]["zip_s"] / p["material"]["zip_s"] for p in pairs]),
        "zip_peak": summary([p["ours"]["zip_peak_kib"] / p["material"]["zip_peak_kib"] for p in pairs]),
        "zip_sum_peak": summary([p["ours"].get("zip_sum_peak_kib", 0) / max(1, p["material"].get("zip_sum_peak_kib", 0))
                                 for p in pairs]),
    }
    result = {
        "errors": size,
        "pages": {"ours": _count_pages(ours_out / "site"), "material": _count_pages(base_out / "site")},
        "source_bytes": len(generated.markdown.encode("utf-8")),
        "build": build,
        "index": index_sizes(ours_out / "site", base_out / "site", size),
        "bundle": bundle_sizes(ours_out, base_out),
    }
    if settings.browser:
        log(f"{size} errors: search in Chromium")
        result["search"] = search_benchmark(settings, generated, ours_out / "site", base_out / "site")
    if not settings.keep:
        for folder in (ours_out, base_out):
            shutil.rmtree(folder, ignore_errors=True)
    result["bench_s"] = time.perf_counter() - started
    log(f"{size} errors: done in {result['bench_s']:.0f} s")
    return result


def corpus_project(dest: Path) -> tuple[Path, list[str]]:
    """This project with its own articles plus every article of ``CORPUS`` (subfolders too), copied into ``dest``
    only."""
    project_copy(dest, None)
    shutil.copytree(ROOT / "source_pt", dest / "source_pt", dirs_exist_ok=True)
    added = []
    for article in sorted(CORPUS.rglob("*.md")):
        if article.name == "SOURCES.md":  # describes the corpus; not an article
            continue
        name = article.relative_to(CORPUS).as_posix()  # folders kept: articles of other services are in wild/<service>/
        (dest / "source_pt" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(article, dest / "source_pt" / name)
        added.append(name)
    return dest, added


def corpus_size(settings: Settings, work: Path, runs: int = 2) -> dict | None:
    """Our build of the seed and the real articles of ``CORPUS``: time, memory, index and bundle (no baseline:
    its pages are generated from the synthetic errors)."""
    if not CORPUS.is_dir():
        log(f"no {CORPUS}: no row with real content")
        return None
    started = time.perf_counter()
    root, articles = corpus_project(work / "corpus-project")
    marks = []
    out = None
    for n in range(runs):
        if out is not None:
            shutil.rmtree(out)
        out = work / f"corpus-out-{n}"
        log(f"seed + corpus ({len(articles)} articles): build {n + 1}/{runs}")
        marks.append(measure("ours", root, out, settings))
        log(f"  {marks[-1]['zip_s']:.1f} s with zip, {marks[-1].get('zip_sum_peak_kib', 0) / 1024:.0f} MiB all processes")
    feed = json.loads((out / "site" / "errors.json").read_text(encoding="utf-8"))
    errors = len(feed["errors"])
    files = our_index_files(out / "site")
    index = file_sizes(files)
    result = {
        "label": "seed + corpus", "articles": ["(seed)"] + articles, "errors": errors, "codes": len(feed["codes"]),
        "pages": _count_pages(out / "site"),
        "source_bytes": sum(p.stat().st_size for p in (root / "source_pt").rglob("*.md")),
        "build": {"runs": runs, "marks": marks,
                  "site_s": summary([m["site_s"] for m in marks]), "zip_s": summary([m["zip_s"] for m in marks]),
                  "zip_sum_peak_mib": summary([m.get("zip_sum_peak_kib", 0) / 1024 for m in marks])},
        "index": {**index, "gzip_per_error": index["gzip"] / max(1, errors),
                  "files": {p.name: file_sizes([p]) for p in files}},
        "bundle": sum(p.stat().st_size for p in (out / "dist").glob("*.zip")),
    }
    if not settings.keep:
        shutil.rmtree(out, ignore_errors=True)
    result["bench_s"] = time.perf_counter() - started
    return result


def _count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def profile(settings: Settings, size: int, work: Path) -> dict:
    """cProfile of one hosted build (``mkdocs build`` with our plugin) at ``size`` errors: where the time goes."""

    log(f"profile: our hosted build at {size} errors under cProfile")
    root = project_copy(work / "profile-project", generate(size, settings.seed))
    stats_path = work / "build.prof"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    command = [sys.executable, "-m", "cProfile", "-o", str(stats_path), "-m", "mkdocs", "build", "--strict",
               "-f", str(root / "mkdocs.yml"), "-d", str(work / "profile-site")]
    with open(work / "profile.log", "w", encoding="utf-8") as handle:
        status = subprocess.run(command, cwd=root, env=env, stdout=handle, stderr=subprocess.STDOUT).returncode
    if status:
        raise RuntimeError(f"profiled build failed; see {work / 'profile.log'}")
    return profile_summary(stats_path, size)


def profile_summary(stats_path: Path, size: int) -> dict:
    """Self time by component and the costliest functions of a cProfile file."""
    import pstats

    stats = pstats.Stats(str(stats_path))
    total = stats.total_tt
    groups: dict[str, float] = {}
    functions = []
    table = stats.stats

    shares: dict[tuple, dict[str, float]] = {}

    def share(func: tuple, visiting: frozenset = frozenset()) -> dict[str, float]:
        """Where the self time of ``func`` is charged: C builtins and the standard library go up the call
        graph to their first caller outside them (so ``re.sub`` called from pages/html.py counts for pages/html.py)."""
        if func in shares:
            return shares[func]
        group = _group(func[0])
        callers = table[func][4] if func in table else {}
        weights = {c: edge[3] or edge[2] for c, edge in callers.items() if c not in visiting and c != func}
        total_weight = sum(weights.values())
        if not group.startswith(("builtins", "stdlib")) or not total_weight:
            result = {group: 1.0}
        else:
            result = {}
            for caller, weight in weights.items():
                for name, part in share(caller, visiting | {func}).items():
                    result[name] = result.get(name, 0.0) + part * weight / total_weight
        shares[func] = result   # also inside a cycle: an approximation that keeps this linear
        return result

    for func, (cc, nc, tt, ct, callers) in table.items():
        filename, line, name = func
        group = _group(filename)
        for charged, part in share(func).items():
            groups[charged] = groups.get(charged, 0.0) + tt * part
        functions.append({"function": f"{_short(filename)}:{line}({name})", "group": group, "calls": nc,
                          "self_s": tt, "cumulative_s": ct})
    ours = sorted((f for f in functions if f["group"].startswith("build_tools")), key=lambda f: -f["cumulative_s"])
    return {
        "errors": size,
        "total_s": total,
        "self_time_by_component": dict(sorted(((k, v) for k, v in groups.items()), key=lambda kv: -kv[1])),
        "top_self": sorted(functions, key=lambda f: -f["self_s"])[:20],
        "top_build_tools_cumulative": ours[:20],
    }


def _group(filename: str) -> str:
    path = filename.replace("\\", "/")
    match = re.search(r"/build_tools/((?:\w+/)?\w+)\.py$", path)
    if match:
        return "build_tools." + match.group(1).replace("/", ".")
    match = re.search(r"site-packages/([A-Za-z_][\w]*)", path)
    if match:
        return match.group(1)
    if path.endswith(".html"):
        return "jinja2 (templates)"
    if path.startswith("~") or "<built-in" in path or path == "~":
        return "builtins (C)"
    if re.search(r"/lib/python3\.\d+/", path):
        return "stdlib: " + Path(path).stem
    return "other"


def _short(filename: str) -> str:
    path = filename.replace("\\", "/")
    for marker in ("site-packages/", "/build_tools/", "/lib/python3.11/"):
        if marker in path:
            return path.split(marker, 1)[1] if marker != "/build_tools/" else "build_tools/" + path.split(marker, 1)[1]
    return path


def machine() -> dict:
    """What the figures were measured on."""
    info = {"nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "nice": os.nice(0), "cpu_busy_at_start": round(cpu_busy(1.0), 3)}
    try:
        meminfo = Path("/proc/meminfo").read_text()
        info["memory_gib"] = round(int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1)) / 1024 / 1024, 1)
        cpuinfo = Path("/proc/cpuinfo").read_text()
        model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
        info["cpu"] = model.group(1).strip() if model else platform.processor()
    except (OSError, AttributeError):
        pass
    from importlib.metadata import version

    info["versions"] = {name: version(name) for name in ("mkdocs", "mkdocs-material", "lunr", "playwright", "Markdown")}
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "build_tools", "overrides", "mkdocs.yml"],
                               cwd=ROOT, capture_output=True, text=True).stdout.strip()
        info["commit"] = commit + ("+changes" if dirty else "")
    except OSError:
        pass
    return info


def run(settings: Settings) -> dict:
    if settings.browser and not Path(browser.CHROMIUM).exists():
        log(f"no {browser.CHROMIUM}: skipping the search measurements (apt-get install chromium)")
        settings.browser = False
    work = settings.work or Path(tempfile.mkdtemp(prefix="kb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = {"date": time.strftime("%Y-%m-%d"), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
               "machine": machine(), "seed": settings.seed, "sizes": []}
    try:
        if settings.corpus:
            corpus = corpus_size(settings, work / "corpus")
            if corpus:
                results["corpus"] = corpus
        for size in settings.sizes:
            results["sizes"].append(one_size(settings, size, work / str(size)))
        if settings.profile_size:
            results["profile"] = profile(settings, settings.profile_size, work / "profile")
    finally:
        if not settings.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work}")
    results["bench_s"] = time.perf_counter() - started
    return results


def median(values: list[float]) -> float:
    return statistics.median(values)
