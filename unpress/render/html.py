"""The accessible HTML page: Jinja templates, sandboxed and autoescaped, with the CSS inlined."""

from __future__ import annotations

import base64
import functools

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..model import ImageData, Version
from ..theme import TemplateLoader, Theme
from . import RenderContext


@functools.lru_cache(maxsize=8)
def template_environment(theme: Theme) -> SandboxedEnvironment:
    """One environment per theme; content only ever reaches templates as data."""
    env = SandboxedEnvironment(
        loader=TemplateLoader(tuple(folder / "html" for folder in theme.template_dirs)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["data_uri"] = data_uri
    env.filters["css_px"] = css_px
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
