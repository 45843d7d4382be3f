"""The accessible HTML page: Jinja templates, sandboxed and autoescaped, with the CSS inlined."""

from __future__ import annotations

import base64
import functools
import os
from pathlib import Path

import jinja2
from jinja2 import FileSystemBytecodeCache, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

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
    return env.get_template(template).render(v=version, labels=version.labels, **context)


def render(version: Version, context: RenderContext) -> bytes:
    theme = context.theme
    html = render_page(version, theme, "document.html.j2", css=stylesheet(theme, "document.css"),
                       draft=context.settings.draft, emblem=context.emblem)
    return html.encode("utf-8")
