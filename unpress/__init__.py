"""unpress: UN-style official documents from structured content, as PDF, DOCX and accessible HTML."""

__version__ = "0.1.0"
