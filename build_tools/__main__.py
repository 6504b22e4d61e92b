"""Command line: ``python -m build_tools <command>``.

  extract PATH...       print the records of the given articles as JSON (errors.json shape)
  translations          create or update the English PO catalogs (translations/en/*.po) from the articles
  site                  build the hosted site into site/ and the offline bundle into dist/
  lookup CODE|WORDS     look an error up in the records, as the offline lookup.py does
  survey PATH...        one line per article (entries, codes, problems); --gold compares with a gold list

The source and translation folders come from the ``error-kb`` block of ``mkdocs.yml``
(``pipeline.Settings``), as in the site build.

Problems in the input are printed as ``path:line: severity: message`` on stderr.
Exit status: 0 on success, 1 when an article could not be used (or, with
``--strict``, when there was any warning), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .problems import BuildError, Problems

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", "-f", type=Path, default=ROOT / "mkdocs.yml",
                        help="the MkDocs configuration whose error-kb block names the folders (default: %(default)s)")
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="print records of articles as JSON")
    extract.add_argument("paths", nargs="+", type=Path)
    extract.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    translations = commands.add_parser("translations", help="update the PO catalogs")
    translations.add_argument("--source", type=Path, default=None,
                              help="a folder of articles (default: source_dir of mkdocs.yml); its catalogs are in "
                                   "its translations/ folder")
    site = commands.add_parser("site", help="build site/ and dist/")
    site.add_argument("--no-bundle", action="store_true", help="skip the offline bundle")
    lookup = commands.add_parser("lookup", help="look up an error code or words")
    lookup.add_argument("query", nargs="+")
    lookup.add_argument("--lang", default=None, choices=["pt-BR", "en"], help="default: from LC_ALL/LC_MESSAGES/LANG")
    survey = commands.add_parser("survey", help="per-article figures, recall and precision against a gold list")
    survey.add_argument("paths", nargs="+", type=Path)
    survey.add_argument("--gold", type=Path, help="JSON: article path -> codes it documents")
    survey.add_argument("--verbose", "-v", action="store_true", help="name the codes missed and extra")
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run_extract(args: argparse.Namespace) -> int:
    from .parse.catalog import load_catalog
    from .publish.errors_json import build_feed

    problems = Problems()
    catalog = load_catalog(args.paths, problems)
    feed = build_feed(catalog, _settings(args).translations, Problems())
    json.dump(feed, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")
    return _finish(problems, args.strict)


def run_translations(args: argparse.Namespace) -> int:
    from .parse.catalog import load_catalog, source_paths
    from .l10n.memory import Memory
    from .l10n.po_files import LANG, CatalogUpdate, catalog_path, update_catalog

    settings = _settings(args)
    source = args.source or settings.sources
    translations = source / "translations" if args.source else settings.translations
    problems = Problems()
    catalog = load_catalog(source_paths(source), problems, root=source)
    memory = Memory.from_catalogs(sorted((translations / LANG).glob("*.po")))
    total = CatalogUpdate()
    for article in catalog.articles:
        path = catalog_path(translations, article)
        report = update_catalog(article, path, memory)
        print(f"{path}: {report}")
        for name in ("added", "outdated", "obsolete", "moved", "memory_exact", "memory_fuzzy"):
            setattr(total, name, getattr(total, name) + getattr(report, name))
    print(f"{len(catalog.articles)} catalogs, memory of {len(memory)} reviewed segments: {total}")
    return _finish(problems, False)


def run_site(args: argparse.Namespace) -> int:
    from .pipeline import build_all

    return build_all(args.config.resolve().parent, bundle=not args.no_bundle)


def run_lookup(args: argparse.Namespace) -> int:
    """The bundle's lookup tool, run against records extracted from the sources now."""
    from .pipeline import read_sources
    from .publish.errors_json import build_feed
    from .terminal import lookup

    settings = _settings(args)
    problems = Problems()
    catalog = read_sources(settings, problems)
    for problem in problems.errors + problems.warnings:
        print(problem, file=sys.stderr)
    if not catalog.entries:
        print(f"error: no error entries found in {settings.sources}/*.md", file=sys.stderr)
        return 1
    feed = build_feed(catalog, settings.translations, Problems())
    return lookup.main([*(["--lang", args.lang] if args.lang else []), "--", *args.query], data=feed,
                       prog="python -m build_tools lookup")


def run_survey(args: argparse.Namespace) -> int:
    from .parse.survey import load_gold, report, survey

    gold = None
    if args.gold is not None:
        try:
            gold = load_gold(args.gold)
        except (OSError, ValueError, AttributeError) as exc:
            print(f"{args.gold}: error: cannot read the gold file: {exc}", file=sys.stderr)
            return 2
    for line in report(survey(args.paths, gold), args.verbose):
        print(line)
    return 0


def _settings(args: argparse.Namespace):
    """The folders named by the ``error-kb`` block of the configuration given with ``--config``."""
    from .pipeline import Settings

    return Settings.read(args.config.resolve().parent, args.config.name)


def _finish(problems: Problems, strict: bool) -> int:
    problems.print()
    if problems.errors or (strict and problems.warnings):
        return 1
    return 0


COMMANDS = {"extract": run_extract, "translations": run_translations, "site": run_site, "lookup": run_lookup,
            "survey": run_survey}

if __name__ == "__main__":
    sys.exit(main())
