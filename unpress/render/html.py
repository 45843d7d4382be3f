"""The accessible HTML page: Jinja templates, sandboxed and autoescaped, with the CSS inlined."""

from __future__ import annotations

import functools

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..model import Version
from ..theme import TemplateLoader, Theme
from . import RenderContext


@functools.lru_cache(maxsize=8)
def template_environment(theme: Theme) -> SandboxedEnvironment:
    """One environment per theme; content only ever reaches templates as data."""
    return SandboxedEnvironment(
        loader=TemplateLoader(tuple(folder / "html" for folder in theme.template_dirs)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


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
                       draft=context.settings.draft)
    return html.encode("utf-8")
