"""The build the tests of a module share: a copy of one test document built once into a
temporary folder, and its artifacts by language and extension."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from unpress import model as m
from unpress.cli import main
from unpress.read.content import load_document


def build_copy(tmp_path_factory, folder: Path, formats: str | None,
               copy: Callable[[Path], object] | None = None) -> Path:
    """A folder `root` with root/content/<the document> (a copy of `folder`, or what `copy` writes
    into root/content) built into root/dist in `formats` ("pdf,docx"; None: every format)."""
    root = tmp_path_factory.mktemp(folder.name)
    if copy is None:
        shutil.copytree(folder, root / "content" / folder.name)
    else:
        copy(root / "content")
    assert main(["build", str(root / "content"), *(["--format", formats] if formats else []),
                 "--out", str(root / "dist")]) == 0
    return root


def artifact(built: Path, lang: str, extension: str) -> Path:
    """The artifact of `lang` (its file's language suffix) and `extension` of a build_copy."""
    (name,) = [entry.name for entry in (built / "content").iterdir()]
    return built / "dist" / name / f"{name}-{lang.upper()}.{extension}"


def version_of(folder: Path, lang: str) -> m.Version:
    """The version in `lang` of the document in `folder`, as unpress reads it."""
    return next(v for v in load_document(folder)[0].versions if v.lang == lang)
