"""Stage 3, localized records → pages: one page per error, category, topic and index, as safe HTML parts."""
