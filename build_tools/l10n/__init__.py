"""Stage 2, records → localized records: the English PO catalogs, their checks and the translation memory."""
