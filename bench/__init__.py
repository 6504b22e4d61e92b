"""Benchmarks: the product's build and search at 35, 1,000 and 10,000 errors, against plain MkDocs + Material.

``python -m bench`` (``make bench``) generates synthetic articles, builds both
sites, measures them and writes ``bench/results/<date>.json``, the table in
``BENCHMARKS.md`` and ``benchmarks.png`` next to it. Not part of ``make test``.
"""
