"""Stage 4, pages → search: the prebuilt lunr indexes and the code table in shards, with their Python twins."""
