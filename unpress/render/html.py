"""The accessible HTML page: Jinja templates, sandboxed and autoescaped, with the CSS inlined."""

from __future__ import annotations

import base64
import functools
import os
import urllib.parse
from pathlib import Path

import jinja2
from jinja2 import FileSystemBytecodeCache, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..manifest import sha256
from ..model import ImageData, Version
from ..theme import TemplateLoader, Theme
from . import RenderContext
from .compounds import keep_whole


def bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between runs, in the user's cache folder: a cold build compiles
    them again otherwise (a sixth of unpress's own time in a PDF build). Jinja keys each by the
    template's source, so an edited template is compiled afresh. None where nothing can be written."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "unpress" / f"jinja-{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


@functools.lru_cache(maxsize=8)
def template_environment(theme: Theme) -> SandboxedEnvironment:
    """One environment per theme; content only ever reaches templates as data."""
    env = SandboxedEnvironment(
        loader=TemplateLoader(tuple(folder / "html" for folder in theme.template_dirs)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache(),
    )
    env.filters["data_uri"] = data_uri
    env.filters["css_px"] = css_px
    env.filters["keep_whole"] = keep_whole
    return env


def data_uri(image: ImageData) -> str:
    """The image inside the page, so that the page stays one file that needs nothing else."""
    return f"data:{image.media_type};base64,{base64.b64encode(image.data).decode('ascii')}"


def images_folder(stem: str) -> str:
    """The folder beside a page that holds its images (html_images = "files")."""
    return f"{stem}-images"


class ImageFiles:
    """The `src` of each image as a file in the page's images folder, named by its bytes' digest
    (an image shown twice is one file; the same bytes, the same name, build after build); the
    files are collected in `files`, by their path relative to the page's folder."""

    def __init__(self, stem: str, files: dict[str, bytes]):
        self.folder, self.files = images_folder(stem), files

    def __call__(self, image: ImageData) -> str:
        name = f"{self.folder}/{sha256(image.data)[:16]}.{image.extension}"
        self.files[name] = image.data
        return urllib.parse.quote(name)


def css_px(length: float) -> int:
    """A length in whole CSS pixels, as the width and height attributes of <img> take it."""
    return max(1, round(length))


def stylesheet(theme: Theme, *names: str) -> Markup:
    """The tokens as CSS custom properties, then the named style files, as one trusted block."""
    tokens = "".join(f"--{key}: {value}; " for key, value in theme.tokens().items())
    parts = [f":root {{ {tokens}}}"] + [theme.style_text(name) for name in names]
    return Markup("\n".join(parts))


def render_page(version: Version, theme: Theme, template: str, **context) -> str:
    env = template_environment(theme)
    context.setdefault("image_src", data_uri)  # the PDF's page: its images inside it
    return env.get_template(template).render(v=version, labels=version.labels, **context)


def render(version: Version, context: RenderContext) -> bytes:
    theme = context.theme
    image_src = (ImageFiles(version.file_stem, context.files) if context.settings.html_images == "files"
                 else data_uri)
    html = render_page(version, theme, "document.html.j2", css=stylesheet(theme, "document.css"),
                       draft=context.settings.draft, emblem=context.emblem, image_src=image_src)
    return html.encode("utf-8")
