"""Readers: sources of a document (the content folder; later a DOCX draft, an XLIFF file) into the one model."""
