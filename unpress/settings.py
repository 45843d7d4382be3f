"""unpress.toml: the settings that are not content, validated like content."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from .problems import ContentError, Problem, suggest
from .read.files import read_file

SETTINGS_FILE = "unpress.toml"
PAPERS = ("letter", "a4")
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3u", "none")
# The HTML page's images: inside it as data: URIs (one self-contained file), or files beside it.
HTML_IMAGES = ("inline", "files")


@dataclass(frozen=True)
class Settings:
    paper: str = "letter"  # New York documents are US Letter; Geneva and Vienna use A4
    pdf_variant: str = "pdf/ua-1"
    emblem: Path | None = None
    templates: Path | None = None
    styles: Path | None = None
    output: Path = Path("dist")
    draft: bool = False  # mark every page "Advance unedited version" (in the document's language)
    max_image_mb: int = 10  # the largest image file a document may have (the contract's 10 MB)
    html_images: str = "inline"  # "files": the HTML's images in a folder beside the page

    @property
    def max_image_bytes(self) -> int:
        return self.max_image_mb * 2**20

    def override(self, **values) -> Settings:
        """These settings with the command line's values (None: not given) on top."""
        return replace(self, **{key: value for key, value in values.items() if value is not None})


_CHOICES = {"paper": PAPERS, "pdf_variant": PDF_VARIANTS, "html_images": HTML_IMAGES}
_PATHS = {"emblem": "file", "templates": "folder", "styles": "folder", "output": None}


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.split("=")[0].strip() == key:
            return number
    return None


def load_settings(path: Path) -> Settings:
    """The settings in `path`, or the defaults when there is no such file."""
    if not os.path.lexists(path):
        return Settings()
    file = str(path)
    data = read_file(path, path.parent, folder="its folder")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError([Problem(file, None, "encoding", "the file is not UTF-8; save it as UTF-8",
                                    "encoding")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)
        raise ContentError([Problem(file, line, "toml", f"invalid TOML: {error}", "toml")]) from None
    known = [f.name for f in fields(Settings)]
    problems, values = [], {}
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in known:
            problems.append(Problem(file, line, key, f"unknown setting \"{key}\"{suggest(key, known)}; "
                                    f"known settings: {', '.join(known)}", "unknown-field"))
        elif key == "draft":
            if not isinstance(value, bool):
                problems.append(Problem(file, line, key, f"expected true or false, found {value!r}", "bad-type"))
            values[key] = value
        elif key == "max_image_mb":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1024:
                problems.append(Problem(file, line, key, f"expected a whole number of megabytes from 1 to 1024, "
                                        f"found {value!r}", "bad-type"))
            values[key] = value
        elif not isinstance(value, str):
            problems.append(Problem(file, line, key, f"expected text in quotes, found {value!r}", "bad-type"))
        elif key in _CHOICES and value not in _CHOICES[key]:
            problems.append(Problem(file, line, key, f"\"{value}\" is not one of: "
                                    f"{', '.join(_CHOICES[key])}{suggest(value, _CHOICES[key])}", "bad-value"))
        elif key in _PATHS:
            resolved = (path.parent / value).resolve()
            kind = _PATHS[key]
            if kind == "file" and not resolved.is_file() or kind == "folder" and not resolved.is_dir():
                problems.append(Problem(file, line, key, f"there is no {kind} \"{value}\" (looked for "
                                        f"{resolved})", "missing-path"))
            elif kind and not resolved.is_relative_to(path.parent.resolve()):
                # A settings file comes with the content (a pull request can change it): what it
                # names is read from its own folder only. The command line's flags may name any path.
                problems.append(Problem(file, line, key, f"\"{value}\" is {resolved}, outside the folder of "
                                        f"{path.name}; name a {kind} inside it, or give it with --{key} "
                                        "on the command line", "outside-folder"))
            values[key] = resolved
        else:
            values[key] = value
    if problems:
        raise ContentError(problems)
    return Settings(**values)
