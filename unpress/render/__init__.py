"""One renderer per output format: `render(version, context) -> bytes`, over the model only."""

from __future__ import annotations

import datetime
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Document, ImageData, Version
from ..problems import Problem
from ..settings import Settings
from ..theme import Theme

# Module paths, imported on first use, so that building HTML never imports WeasyPrint.
_MODULES = {
    "html": "unpress.render.html",
    "pdf": "unpress.render.pdf",
    "docx": "unpress.render.docx",
    "akn": "unpress.render.akn",
}
FORMATS = tuple(_MODULES)
# Each format's file name extension: an Akoma Ntoso document is XML.
EXTENSIONS = {name: {"akn": "xml"}.get(name, name) for name in FORMATS}


@dataclass(frozen=True)
class RenderContext:
    """What a renderer may read beside the version: never content files, never the clock."""

    document: Document
    theme: Theme
    settings: Settings
    report: Callable[[Problem], None] = lambda problem: None  # warnings found while rendering
    emblem: ImageData | None = None  # the theme's emblem (Theme.emblem), read before rendering
    # Given, the PDF renderer hands it the HTML it had WeasyPrint lay out (--keep-print-html).
    print_html: Callable[[bytes], None] | None = None
    # Files a renderer writes beside its artifact (the HTML's images with html_images = "files"),
    # by their path relative to the artifact's folder: staged and recorded with it.
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def timestamp(self) -> datetime.datetime:
        """The time written into files: SOURCE_DATE_EPOCH when set, else the document's date."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
        return datetime.datetime.combine(self.document.date, datetime.time(), tzinfo=datetime.timezone.utc)


def renderer(name: str) -> Callable[[Version, RenderContext], bytes]:
    return importlib.import_module(_MODULES[name]).render
