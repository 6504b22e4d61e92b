"""The offline bundle: the ``.html``-linked site zipped reproducibly, with its checksum.

Same commit in, same bytes out: entries are sorted, every timestamp is
``SOURCE_DATE_EPOCH`` (or a fixed date), permissions are fixed.
"""

from __future__ import annotations

import hashlib
import os
import time
import zipfile
from pathlib import Path

NAME = "azure-backup-errors-offline"
FIXED_EPOCH = 315532800  # 1980-01-01, the earliest time a zip can hold


def version(root: Path) -> str:
    """The project version from pyproject.toml."""
    import tomllib

    with open(root / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def _timestamp() -> tuple[int, int, int, int, int, int]:
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", FIXED_EPOCH)), FIXED_EPOCH)
    return time.gmtime(epoch)[:6]


def make_bundle(root: Path, offline_dir: Path, dist_dir: Path) -> Path:
    """Zip ``offline_dir`` into ``dist_dir/<NAME>-<version>.zip`` and write its ``.sha256``."""
    top = f"{NAME}-{version(root)}"
    dist_dir.mkdir(parents=True, exist_ok=True)
    zip_path = dist_dir / f"{top}.zip"
    stamp = _timestamp()
    files = sorted(p for p in offline_dir.rglob("*") if p.is_file())
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(offline_dir).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, path.read_bytes())
    digest = hashlib.sha256(zip_path.read_bytes()).hexdigest()
    (dist_dir / f"{top}.zip.sha256").write_text(f"{digest}  {zip_path.name}\n", encoding="utf-8")
    return zip_path


def lookup_from_project(root: Path, query: list[str], lang: str) -> int:
    """``python -m build_tools lookup``: the bundle's lookup tool, run against freshly extracted records."""
    raise NotImplementedError("lookup is added with the terminal tool")
