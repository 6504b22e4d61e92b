"""The MkDocs run: ``mkdocs build`` of a config in a child process, its messages kept together.

``build_tools.pipeline.build_all`` runs it once for ``make site``; MkDocs then calls the
stages back through ``build_tools.mkdocs_plugin``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .build_date import source_date_epoch


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
