"""Stage 5, everything → files: ``errors.json`` and the data files, the offline site, the bundle, the MkDocs run."""
