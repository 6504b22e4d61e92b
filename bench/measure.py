"""One timed build in a process of its own: ``python -m bench.measure ours|baseline ROOT OUT RESULT``.

Run as a fresh subprocess for every measurement, so that peak memory is this
build's alone: ``ru_maxrss`` of the process and of the MkDocs processes it
waits for (``RUSAGE_CHILDREN`` keeps the largest). Writes JSON to ``RESULT``:
wall seconds and peak RSS up to the start of the zip (``site``) and with it
(``zip``). Our build is ``build_tools.site.build_all`` exactly as ``make site``
runs it; the zip step is timed by wrapping ``build_tools.bundle.make_bundle``.
"""

from __future__ import annotations

import inspect
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path


def peak_kib() -> int:
    """Largest resident set so far of this process or any child it waited for, in KiB."""
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def build_ours(root: Path, out: Path) -> dict[str, float]:
    """``build_all`` with the bundle; the stopwatch is read when the zip starts and when it ends."""
    sys.path.insert(0, str(root))
    import build_tools.bundle as bundle
    from build_tools.site import build_all

    marks: dict[str, float] = {}
    original = bundle.make_bundle

    def timed_bundle(*args, **kwargs):
        marks["site_s"] = time.perf_counter() - started
        marks["site_peak_kib"] = peak_kib()
        return original(*args, **kwargs)

    bundle.make_bundle = timed_bundle
    # Not strict: the hand-written pages in docs/ link to errors of the real article, which the
    # generated one lacks. The generated article itself parses without a warning (generate.write_catalog checks).
    options = {"strict": False} if "strict" in inspect.signature(build_all).parameters else {}
    started = time.perf_counter()
    status = build_all(root, bundle=True, site_dir=out / "site", dist_dir=out / "dist", **options)
    if status:
        raise SystemExit(f"build_all exited {status}")
    marks["zip_s"] = time.perf_counter() - started
    marks["zip_peak_kib"] = peak_kib()
    if "site_s" not in marks:
        raise SystemExit("build_all made no bundle: cannot tell the site time from the zip time")
    return marks


def build_baseline(root: Path, out: Path) -> dict[str, float]:
    """Plain MkDocs + Material: hosted site, offline site (Material's offline plugin), then the same kind of zip."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    for config, target in (("mkdocs.yml", out / "site"), ("mkdocs.offline.yml", out / "build" / "offline")):
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(root / config), "-d", str(target)]
        result = subprocess.run(command, cwd=root, env=env)
        if result.returncode:
            raise SystemExit(f"baseline mkdocs build -f {config} failed ({result.returncode})")
    marks = {"site_s": time.perf_counter() - started, "site_peak_kib": peak_kib()}
    zip_tree(out / "build" / "offline", out / "dist" / "baseline-offline.zip")
    marks["zip_s"] = time.perf_counter() - started
    marks["zip_peak_kib"] = peak_kib()
    return marks


def zip_tree(folder: Path, zip_path: Path) -> Path:
    """Zip ``folder`` the way our bundle is zipped: sorted entries, deflate level 9, fixed dates."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"site/{path.relative_to(folder).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return zip_path


def main(argv: list[str]) -> int:
    kind, root, out, result = argv
    root_path, out_path = Path(root).resolve(), Path(out).resolve()
    marks = build_ours(root_path, out_path) if kind == "ours" else build_baseline(root_path, out_path)
    Path(result).write_text(json.dumps(marks, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
