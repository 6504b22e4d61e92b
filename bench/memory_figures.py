"""``python -m bench.memory_figures``: the translation memory's figures for README.

1. Threshold study on the seed, leave-one-out: each reviewed segment asks the
   memory built from all the *other* segments for its nearest match; for each
   threshold, how many segments get a suggestion and how close the suggested
   English (identifiers swapped) is to the English a translator wrote.
2. Fill figures: a temporary source folder outside the project holding the seed
   (with its catalog) and the corpus articles, run through
   ``python -m build_tools translations``; its last line is the total.

The corpus articles are read where they are (``--corpus``, default ../shared/corpus)
and copied only into the temporary folder.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from difflib import SequenceMatcher
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source_pt" / "backup-azure-vms-troubleshoot.md"
SEED_PO = ROOT / "source_pt" / "translations" / "en" / "backup-azure-vms-troubleshoot.po"
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def threshold_study() -> list[tuple[float, int, float, int]]:
    """Per threshold: (threshold, suggestions, median English similarity, suggestions with English ≥ 0.8 similar)."""
    from build_tools.l10n.memory import Memory, Unit, adapt, normalize

    entries = [e for e in polib.pofile(str(SEED_PO)) if e.msgstr and not e.obsolete and "fuzzy" not in e.flags]
    rows = []
    found: list[tuple[float, float]] = []   # (score of the nearest other segment, English similarity)
    for n, entry in enumerate(entries):
        others = [Unit(e.msgid, e.msgstr, e.msgctxt) for m, e in enumerate(entries)
                  if m != n and normalize(e.msgid) != normalize(entry.msgid)]
        near = Memory(others).nearest(entry.msgid, min(THRESHOLDS))
        if near is None:
            continue
        english, _ = adapt(near.unit.english, near.unit.portuguese, entry.msgid)
        found.append((near.score, SequenceMatcher(None, english, entry.msgstr, autojunk=False).ratio()))
    for threshold in THRESHOLDS:
        kept = sorted(quality for score, quality in found if score >= threshold)
        median = kept[len(kept) // 2] if kept else 0.0
        rows.append((threshold, len(kept), median, sum(1 for q in kept if q >= 0.8)))
    return rows


def fill_figures(corpus: Path) -> str:
    articles = sorted(corpus.glob("*.md")) + sorted((corpus / "wild").rglob("*.md"))
    with tempfile.TemporaryDirectory(prefix="kb-memory-") as tmp:
        source = Path(tmp) / "source_pt"
        (source / "translations" / "en").mkdir(parents=True)
        shutil.copy(SEED, source / SEED.name)
        shutil.copy(SEED_PO, source / "translations" / "en" / SEED_PO.name)
        for path in articles:
            if path.name == "SOURCES.md":
                continue
            name = "-".join(path.relative_to(corpus).with_suffix("").parts) + ".md"
            shutil.copy(path, source / name)
        result = subprocess.run([sys.executable, "-m", "build_tools", "translations", "--source", str(source)],
                                cwd=ROOT, capture_output=True, text=True)
        lines = result.stdout.strip().splitlines()
        errors = sum(1 for line in result.stderr.splitlines() if ": error:" in line)
        filled = [line.rsplit("/", 1)[-1] for line in lines[:-1] if "memory: 0 exact, 0 fuzzy" not in line]
        return (f"{len(articles)} corpus files; exit {result.returncode}; {errors} article errors on stderr\n"
                + "\n".join(filled + lines[-1:]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory_figures", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args(argv)
    print("threshold | suggestions | median English similarity | English >= 0.8 similar")
    for threshold, count, median, good in threshold_study():
        print(f"{threshold:.2f} | {count} | {median:.2f} | {good}")
    if args.corpus.is_dir():
        print(fill_figures(args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
