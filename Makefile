# The two commands a new machine needs: `make site` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site test test-fast serve translations bench clean

$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=/path/to/python3.11'"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

## site: build the hosted site into site/ and the offline bundle into dist/
site: $(STAMP)
	$(PY) -m build_tools site

## test: run every test (browser tests need Debian's chromium: see .ci/run)
test: $(STAMP)
	$(PY) -m pytest

## test-fast: the inner loop: every test that needs no browser and builds no whole site (seconds, not minutes)
test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser and not slow" -q

## serve: preview the site at http://127.0.0.1:8000/ with live reload
serve: $(STAMP)
	$(PY) -m mkdocs serve --strict

## translations: add new or changed Portuguese segments to source_pt/translations/en/*.po
translations: $(STAMP)
	$(PY) -m build_tools translations

## bench: benchmarks at 35, 1,000 and 10,000 errors (minutes; not part of `make test`)
bench: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	$(PY) -m bench

clean:
	rm -rf site dist build
