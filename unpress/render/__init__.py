"""One renderer per output format: `render(version, context) -> bytes`, over the model only."""

from __future__ import annotations

import contextlib
import ctypes.util
import datetime
import importlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..model import Document, ImageData, Version
from ..problems import Problem
from ..settings import Settings
from ..theme import Theme
from .layouts import LayoutCache

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
    # How many processes the renderer may use (the PDF lays its parts out side by side).
    processes: int = 1
    # The layouts of the PDF's parts kept from the last build (render.pdf_parts.LayoutCache).
    layout_cache: LayoutCache | None = None

    @property
    def timestamp(self) -> datetime.datetime:
        """The time written into files: SOURCE_DATE_EPOCH when set, else the document's date."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
        return datetime.datetime.combine(self.document.date, datetime.time(), tzinfo=datetime.timezone.utc)


def renderer(name: str) -> Callable[[Version, RenderContext], bytes]:
    with _libraries_by_soname() if name == "pdf" else contextlib.nullcontext():
        return importlib.import_module(_MODULES[name]).render


@contextlib.contextmanager
def _libraries_by_soname() -> Iterator[None]:
    """On Linux, WeasyPrint's import loads Pango, HarfBuzz, fontconfig and GObject by their sonames.

    WeasyPrint tries the names of each library on every platform in turn (`libgobject-2.0-0`,
    `gobject-2.0-0`, `gobject-2.0`, then the soname `libgobject-2.0.so.0`, ...), and cffi looks each
    name that does not load up with `ctypes.util.find_library`, which on Linux starts `ldconfig`,
    `gcc` and `ld`: 16 child processes, 0.1 to 0.2 s of CPU in a cold build. Its answer is a soname
    that the dynamic loader then finds as it would find WeasyPrint's own soname further down the
    list: with no answer, cffi goes on to that soname and loads the same file. Outside Linux (a
    macOS search path, Windows' DLL names) it is left as it is.
    """
    if sys.platform != "linux" or "weasyprint" in sys.modules:
        yield
        return
    find_library = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = find_library
