"""Where templates and styles are found: the user's folders first, then unpress's own."""

from __future__ import annotations

from dataclasses import dataclass
import os
from pathlib import Path

import yaml
from jinja2 import BaseLoader, TemplateNotFound
from jinja2.loaders import split_template_path

from .read.files import read_file

from .model import ImageData
from .problems import ContentError, Problem
from .read.images import MAX_IMAGE_BYTES, ImageRefused, read_image

_PACKAGE = Path(__file__).parent
# For unpress's own data files (locales, tokens): libyaml's parser where PyYAML has it, ten times
# faster than the pure Python one, with the same results.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _builtin(name: str) -> Path:
    # An installed unpress carries templates/ and styles/ inside the package (see pyproject);
    # a source checkout has them at the top of the repository.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


BUILTIN_TEMPLATES = _builtin("templates")
BUILTIN_STYLES = _builtin("styles")
# The masthead's emblem, looked for in the style folders, the user's first. unpress ships none:
# the United Nations emblem is the Organization's to use (see the README, "The emblem").
EMBLEM_FILES = ("emblem.svg", "emblem.png")


@dataclass(frozen=True)
class Theme:
    """The search paths; a file in a user folder replaces the built-in file of the same name."""

    template_dirs: tuple[Path, ...] = (BUILTIN_TEMPLATES,)
    style_dirs: tuple[Path, ...] = (BUILTIN_STYLES,)

    @classmethod
    def with_user_folders(cls, templates: Path | None = None, styles: Path | None = None) -> Theme:
        return cls(
            template_dirs=((templates,) if templates else ()) + (BUILTIN_TEMPLATES,),
            style_dirs=((styles,) if styles else ()) + (BUILTIN_STYLES,),
        )

    def style_path(self, name: str) -> Path:
        for folder in self.style_dirs:
            if os.path.lexists(folder / name):  # even a broken link: reading it says what is wrong
                return folder / name
        raise FileNotFoundError(f"no style file {name} in {', '.join(map(str, self.style_dirs))}")

    def style_text(self, name: str) -> str:
        path = self.style_path(name)
        return read_file(path, path.parent, folder="the style folder").decode("utf-8")

    def emblem(self, file: Path | None = None, limit: int = MAX_IMAGE_BYTES) -> ImageData | None:
        """The masthead's emblem: `file` when given (the emblem setting), else the first emblem.svg
        or emblem.png of the style folders, read as safely as a document's images; None without one.
        Raises ContentError naming the file when it is not a safe PNG, JPEG or SVG."""
        try:
            if file is not None:
                return read_image(file.parent, file.parent, file.name, limit, folder="its folder")
            for folder in self.style_dirs:
                for name in EMBLEM_FILES:
                    if (folder / name).exists() or (folder / name).is_symlink():
                        file = folder / name
                        return read_image(folder, folder, name, limit, folder="the theme folder")
        except ImageRefused as refusal:
            raise ContentError([Problem(str(file), None, "emblem", refusal.message, refusal.code)]) from None
        return None

    def tokens(self) -> dict:
        """Page, type and colour values shared by the CSS and the DOCX styles."""
        return yaml.load(self.style_text("tokens.yaml"), Loader=SAFE_LOADER)


class TemplateLoader(BaseLoader):
    """Jinja's loader for the theme's template folders, the first that has a template winning;
    each template read as read.files reads content (inside its folder, a regular file, bounded)."""

    def __init__(self, folders: tuple[Path, ...]):
        self.folders = folders

    def get_source(self, environment, template: str):
        pieces = split_template_path(template)  # refuses ".." as FileSystemLoader does
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if os.path.lexists(path):
                text = read_file(path, folder, folder="the template folder").decode("utf-8")
                mtime = os.path.getmtime(path)
                return text, str(path), lambda: os.path.exists(path) and os.path.getmtime(path) == mtime
        raise TemplateNotFound(template)
