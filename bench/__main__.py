"""``python -m bench``: run the benchmarks, write ``bench/results/<date>.json``, ``BENCHMARKS.md`` and the plot.

  python -m bench                      35, 1,000 and 10,000 errors (about 16 minutes on 2 cores)
  python -m bench --sizes 35,1000      fewer sizes
  python -m bench --report FILE.json   only rewrite BENCHMARKS.md and the plot from saved results
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .report import write_outputs
from .run import ROOT, Settings, run

RESULTS = ROOT / "bench" / "results"


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=_ints, default=(35, 1000, 10000), help="numbers of errors, comma-separated")
    parser.add_argument("--runs", type=_ints, help="build runs per size, comma-separated, in --sizes order")
    parser.add_argument("--browser-runs", type=int, default=5, help="cold page loads per system and query")
    parser.add_argument("--queries", type=int, default=50, help="queries for the latency figures")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--no-corpus", action="store_true", help="skip the build of the seed with ../shared/corpus")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile run at 1,000 errors")
    parser.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS",
                        help="before each measurement wait up to SECONDS for other processes to leave the CPUs idle")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects and built sites")
    parser.add_argument("--work", type=Path, help="work folder (default: a new temporary folder)")
    parser.add_argument("--output", type=Path, help="results file (default: bench/results/<date>.json)")
    parser.add_argument("--report", type=Path, help="skip measuring; rewrite BENCHMARKS.md and the plot from this file")
    args = parser.parse_args(argv)

    if args.report:
        results = json.loads(args.report.read_text(encoding="utf-8"))
    else:
        runs = dict(zip(args.sizes, args.runs)) if args.runs else None
        profile_size = None if args.no_profile else (1000 if 1000 in args.sizes else None)
        settings = Settings(sizes=args.sizes, runs=runs, browser_runs=args.browser_runs, queries=args.queries,
                            browser=not args.no_browser, profile_size=profile_size, keep=args.keep, work=args.work,
                            quiet_wait=args.wait_quiet, corpus=not args.no_corpus)
        results = run(settings)
        output = args.output or RESULTS / f"{results['date']}.json"
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(results, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"results: {output}", file=sys.stderr)
    for path in write_outputs(results, ROOT):
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
