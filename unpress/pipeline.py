"""The build: content folders -> documents -> one artifact per version and format -> the output folder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .content import is_document_folder, load_document
from .model import Document
from .output import StagedWrites
from .problems import WARNING, ContentError, Problem
from .render import RenderContext, renderer
from .settings import Settings
from .theme import Theme


@dataclass(frozen=True)
class Artifact:
    path: Path
    format: str
    lang: str
    document: Document


def find_documents(paths: Sequence[Path]) -> list[Path]:
    """Each path is a document folder, or a folder whose sub-folders are documents."""
    found, problems = [], []
    for path in paths:
        if is_document_folder(path):
            found.append(path)
        elif path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if is_document_folder(p)))
        else:
            problems.append(Problem(str(path), None, "path", "no such folder", "missing-path"))
    if problems:
        raise ContentError(problems)
    return found


def build(
    paths: Sequence[Path],
    formats: Sequence[str],
    langs: Sequence[str] | None,
    settings: Settings,
    report: Callable[[Problem], None],
) -> list[Artifact]:
    """Build every version of every document; warnings go to `report`, errors raise ContentError.

    Every document is loaded (and all its problems collected) before anything is written, so
    bad content leaves the output folder as it was.
    """
    theme = Theme.with_user_folders(settings.templates, settings.styles)
    documents, problems = [], []
    for folder in find_documents(paths):
        try:
            document, warnings = load_document(folder)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        documents.append(document)
        problems.extend(warnings)
        if langs:
            present = {v.lang for v in document.versions}
            for lang in sorted(set(langs) - present):
                problems.append(Problem(str(folder), None, "--lang", f"this document has no \"{lang}\" "
                                        "version", "no-version", WARNING))
    if any(p.severity != WARNING for p in problems):
        raise ContentError(problems)
    for problem in problems:
        report(problem)

    artifacts = []
    with StagedWrites() as staged:  # all artifacts land together, or none does
        for document in documents:
            context = RenderContext(document, theme, settings)
            for version in document.versions:
                if langs and version.lang not in langs:
                    continue
                for name in formats:
                    path = settings.output / document.name / f"{version.file_stem}.{name}"
                    staged.write(path, renderer(name)(version, context))
                    artifacts.append(Artifact(path, name, version.lang, document))
    return artifacts
