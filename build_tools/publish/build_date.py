"""The build's one timestamp, ``SOURCE_DATE_EPOCH``: every date the site and the bundle carry comes from it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ..problems import BuildError

MAX_EPOCH = 2**32 - 1
"""The latest ``SOURCE_DATE_EPOCH``: the sitemap's gzip header stores the time in 32 bits."""


def source_date_epoch(root: Path, source_dir: str = "source_pt") -> int:
    """The build's timestamp: ``SOURCE_DATE_EPOCH`` when set, else the last commit's time, else the newest source file's.

    Every date the build writes comes from here, so the same commit always gives the same bytes.
    """
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given:
        if not given.isdigit() or int(given) > MAX_EPOCH:
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
    sources = [p for p in (root / source_dir).rglob("*") if p.is_file()]
    return int(max((p.stat().st_mtime for p in sources), default=0))
