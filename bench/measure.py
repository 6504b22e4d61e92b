"""One timed build in a process of its own: ``python -m bench.measure ours|baseline ROOT OUT RESULT``.

Run as a fresh subprocess for every measurement, so that peak memory is this
build's alone: ``ru_maxrss`` of the process and of the MkDocs processes it
waits for (``RUSAGE_CHILDREN`` keeps the largest), and the peak of the sum of
the proportional set sizes (PSS) of this process and all its descendants,
sampled every 50 ms from ``/proc`` (``TreeMemory``: what the machine needs while
processes run at once, memory shared after a ``fork`` counted once). Writes JSON to ``RESULT``: wall seconds and peak RSS up to the start of
the zip (``site``) and with it (``zip``). Our build is ``build_tools.pipeline.build_all`` exactly as ``make site``
runs it; the zip step is timed by wrapping ``build_tools.publish.bundle.make_bundle``.
"""

from __future__ import annotations

import inspect
import json
import os
import resource
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path


def peak_kib() -> int:
    """Largest resident set so far of this process or any child it waited for, in KiB."""
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


class TreeMemory:
    """Samples the summed resident memory of this process and its descendants in a background thread."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def pss_kib(pid: int, page_kib: int) -> int:
        """Proportional set size of a process (shared pages split among the processes sharing them: a forked
        child and its parent are not counted twice); resident size where the kernel does not give it."""
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        return int(line.split()[1])
        except OSError:
            pass
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * page_kib

    @staticmethod
    def sample() -> int:
        """KiB resident in this process and every process below it, now (``/proc/PID/task/TID/children``)."""
        page_kib = resource.getpagesize() // 1024
        total, stack = 0, [os.getpid()]
        while stack:
            pid = stack.pop()
            try:
                total += TreeMemory.pss_kib(pid, page_kib)
                for task in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                        stack += [int(child) for child in handle.read().split()]
            except (OSError, ValueError):
                continue  # the process ended between two reads
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kib = max(self.peak_kib, self.sample())
            self._stop.wait(self.interval)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_kib


TREE: TreeMemory | None = None


def build_ours(root: Path, out: Path) -> dict[str, float]:
    """``build_all`` with the bundle; the stopwatch is read when the zip starts and when it ends."""
    sys.path.insert(0, str(root))
    import build_tools.publish.bundle as bundle
    from build_tools.pipeline import build_all

    marks: dict[str, float] = {}
    original = bundle.make_bundle

    def timed_bundle(*args, **kwargs):
        marks["site_s"] = time.perf_counter() - started
        marks["site_peak_kib"] = peak_kib()
        marks["site_sum_peak_kib"] = TREE.peak_kib if TREE else 0
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
    marks["zip_sum_peak_kib"] = TREE.peak_kib if TREE else 0
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
    marks = {"site_s": time.perf_counter() - started, "site_peak_kib": peak_kib(),
             "site_sum_peak_kib": TREE.peak_kib if TREE else 0}
    zip_tree(out / "build" / "offline", out / "dist" / "baseline-offline.zip")
    marks["zip_s"] = time.perf_counter() - started
    marks["zip_peak_kib"] = peak_kib()
    marks["zip_sum_peak_kib"] = TREE.peak_kib if TREE else 0
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
    global TREE
    TREE = TreeMemory()
    marks = build_ours(root_path, out_path) if kind == "ours" else build_baseline(root_path, out_path)
    TREE.stop()
    Path(result).write_text(json.dumps(marks, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
