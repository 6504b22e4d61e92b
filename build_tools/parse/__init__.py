"""Stage 1, sources → records: pt-BR markdown articles read into ``model`` records (``catalog.load_catalog``)."""
