"""The benchmark generator makes what it promises: N parseable errors with unique codes and complete English."""

from __future__ import annotations

from pathlib import Path

from bench.generate import generate, write_article
from build_tools.parse.codes import fold
from build_tools.problems import Problems
from build_tools.parse.catalog import load_catalog
from build_tools.l10n.po_files import Translations, catalog_path


def test_35_errors_parse_into_35_entries_with_their_codes(tmp_path: Path) -> None:
    generated = generate(35)
    path = write_article(generated, tmp_path / "source_pt")
    problems = Problems()
    catalog = load_catalog([path], problems)

    assert [str(p) for p in problems] == []
    assert len(catalog.entries) == 35
    assert {e.codes for e in catalog.entries} == {(e.code,) for e in generated.errors}
    assert len(catalog.codes) == 35
    layouts = {e.origin for e in catalog.entries}
    assert layouts == {"heading", "table"}
    numeric = [e for e in catalog.entries if e.codes[0].isdigit()]
    camel = [e for e in catalog.entries if not e.codes[0].isdigit()]
    assert numeric and camel
    for entry in catalog.entries:
        assert catalog.find_code(entry.codes[0].lower()) == entry
        assert entry.title and entry.resolution


def test_every_segment_has_english(tmp_path: Path) -> None:
    path = write_article(generate(35), tmp_path / "source_pt")
    catalog = load_catalog([path], Problems())
    article = catalog.articles[0]
    translations = Translations(article, catalog_path(tmp_path / "source_pt" / "translations", article))
    done, total = translations.coverage()
    assert total > 35 * 3
    assert done == total
    english = [translations.get(f"entry:{e.id}:title", e.title)[0] for e in catalog.entries]
    assert all(text and fold(text) != fold(e.title) for text, e in zip(english, catalog.entries))


def test_same_seed_same_article_other_size_other_codes() -> None:
    assert generate(35).markdown == generate(35).markdown
    assert generate(35, seed=1).markdown != generate(35).markdown
    big = generate(1000)
    assert len(big.errors) == 1000
    assert len({fold(e.code) for e in big.errors}) == 1000
