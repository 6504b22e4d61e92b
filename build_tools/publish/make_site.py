"""``make site``: the whole build, stage by stage.

1. one ``mkdocs build --strict`` of ``mkdocs.yml``: the hosted site into ``site/``
   (directory URLs) and, page by page as it is written, the offline site with
   ``.html`` links into ``build/offline/`` (``offline_site``; the plugin's
   ``offline_dir``, set from ``KB_OFFLINE_DIR``);
2. offline bundle: ``build/offline`` zipped reproducibly into ``dist/``.

The source stages (articles → records → pages → index) run once, inside that
build, through ``build_tools.mkdocs_plugin``. ``mkdocs.offline.yml`` still
builds the offline site on its own with MkDocs (the tests compare the two).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path


def mkdocs_build(root: Path, config_file: str, site_dir: Path | None = None, strict: bool = True) -> None:
    """Run ``mkdocs build`` for one config, ``--strict`` unless told otherwise; raise BuildError when it fails."""
    mkdocs_builds(root, [(config_file, site_dir)], strict)


def mkdocs_builds(root: Path, builds: list[tuple[str, Path | None]], strict: bool = True,
                  env: dict[str, str] | None = None) -> None:
    """Run one ``mkdocs build`` per ``(config file, site dir)`` at the same time; raise BuildError if any fails.

    Each build's messages are collected and printed whole when it ends, so they never interleave.
    """
    from ..problems import BuildError

    running = []
    for config_file, site_dir in builds:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict" if strict else "--no-strict", "--clean",
                   "-f", str(root / config_file)]
        if site_dir is not None:
            command += ["-d", str(site_dir)]
        output = tempfile.TemporaryFile()
        process = subprocess.Popen(command, cwd=root, env={**_env(root), **(env or {})}, stdout=output, stderr=subprocess.STDOUT)
        running.append((config_file, process, output, time.perf_counter()))
    failed = []
    for config_file, process, output, started in running:
        status = process.wait()
        elapsed = time.perf_counter() - started
        output.seek(0)
        sys.stderr.write(output.read().decode("utf-8", "replace"))
        output.close()
        if status != 0:
            failed.append(f"mkdocs build -f {config_file} failed (exit {status})")
        else:
            print(f"built {config_file} in {elapsed:.1f} s", file=sys.stderr)
    if failed:
        raise BuildError("; ".join(failed) + "; see the messages above")


def _env(root: Path) -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    # MkDocs dates the sitemap (lastmod, the .gz header) from this, else from the clock.
    env["SOURCE_DATE_EPOCH"] = str(source_date_epoch(root))
    return env


MAX_EPOCH = 2**32 - 1
"""The latest ``SOURCE_DATE_EPOCH``: the sitemap's gzip header stores the time in 32 bits."""


def source_date_epoch(root: Path) -> int:
    """The build's timestamp: ``SOURCE_DATE_EPOCH`` when set, else the last commit's time, else the newest source file's.

    Every date the build writes comes from here, so the same commit always gives the same bytes.
    """
    import os

    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given:
        if not given.isdigit() or int(given) > MAX_EPOCH:
            from ..problems import BuildError

            raise BuildError(f"SOURCE_DATE_EPOCH={given[:40]!r} is not a time the build can write: it must be whole "
                             f"seconds from 0 to {MAX_EPOCH} (2106-02-07, the last time a gzip header holds)")
        return int(given)
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True,
                                timeout=30)
        if result.returncode == 0 and result.stdout.strip().isdigit():
            return int(result.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    sources = [p for p in (root / "source_pt").rglob("*") if p.is_file()]
    return int(max((p.stat().st_mtime for p in sources), default=0))


def build_all(
    root: Path, bundle: bool = True, site_dir: Path | None = None, dist_dir: Path | None = None, strict: bool = True,
) -> int:
    """Build the hosted site, the offline site and (unless ``bundle`` is false) the offline bundle.

    ``strict=False`` lets source warnings through (tests build deliberately bad articles that way).
    """
    site_dir = site_dir or root / "site"
    offline_dir = (site_dir.parent / "build" / "offline") if site_dir != root / "site" else root / "build" / "offline"
    import shutil

    shutil.rmtree(offline_dir, ignore_errors=True)  # as --clean does for site/
    mkdocs_builds(root, [("mkdocs.yml", site_dir)], strict, env={"KB_OFFLINE_DIR": str(offline_dir.resolve())})
    if bundle:
        from .bundle import make_bundle

        zip_path = make_bundle(root, offline_dir, dist_dir or root / "dist")
        print(f"offline bundle: {zip_path} ({zip_path.stat().st_size:,} bytes)", file=sys.stderr)
    return 0
