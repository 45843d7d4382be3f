"""Read built artifacts back with independent readers and compare them with the model and each other.

One reader per format (html.py, pdf.py, docx.py, akn.py) gives the `Facts` it sees; compare.py holds what
the model says each must show and the comparison."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import model as m
from ..manifest import Manifest, sha256
from ..problems import ContentError, display_path
from ..read.content import load_document
from .akn import read_akn
from .compare import Mismatch, compare, compare_versions, expected_facts
from .docx import read_docx
from .facts import Facts
from .html import read_html
from .pdf import read_pdf

READERS: dict[str, Callable[[Path], Facts]] = {"html": read_html, "pdf": read_pdf, "docx": read_docx, "akn": read_akn}


def check_folder(out: Path, content: Path | None = None) -> list[str]:
    """Every problem found in the artifacts listed in `out`/manifest.json, as lines to print."""
    manifest = Manifest.read(out)
    if not manifest.entries:
        return [f"{display_path(out / Manifest.FILE)}: no manifest with artifacts; build into this folder first"]
    lines: list[str] = []
    documents: dict[Path, m.Document] = {}
    for entry in manifest.entries.values():
        path = out / entry.path
        source = (content / Path(entry.path).parent.name) if content else (out / entry.source)
        if not path.is_file():
            lines.append(f"{display_path(path)}: missing: listed in the manifest, not in the folder")
            continue
        if sha256(path.read_bytes()) != entry.sha256:
            lines.append(str(Mismatch(str(path), "sha256", entry.sha256, sha256(path.read_bytes()))))
        if source not in documents:
            try:
                documents[source] = load_document(source)[0]
            except ContentError as error:
                lines.extend(str(problem) for problem in error.problems)
                continue
        version = next((v for v in documents[source].versions if v.lang == entry.lang), None)
        reader = READERS.get(entry.format)
        if version is None or reader is None:
            lines.append(f"{display_path(path)}: cannot check: no {entry.lang} version or no {entry.format} reader")
            continue
        try:
            found = reader(path)
        except Exception as error:  # a damaged file is a finding of the check, not a bug of unpress
            lines.append(f"{display_path(path)}: cannot be read as {entry.format.upper()}: {error!r}")
            continue
        lines.extend(str(x) for x in compare(str(path), expected_facts(version), found))
    for document in documents.values():
        lines.extend(str(x) for x in compare_versions(list(document.versions)))
    return lines
