"""Read built artifacts back with independent readers and compare them with the model and each other.

One reader per format (html.py, pdf.py, docx.py, akn.py) gives the `Facts` it sees; compare.py holds what
the model says each must show and the comparison."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .. import model as m
from ..manifest import PRINT_HTML, Manifest, sha256
from ..output import JOURNAL
from ..problems import ContentError, display_path
from ..read.content import load_document
from .akn import read_akn
from .compare import Mismatch, compare, compare_versions, expected_facts
from .docx import read_docx
from .facts import Facts
from .html import read_html
from .pdf import read_pdf

READERS: dict[str, Callable[[Path], Facts]] = {"html": read_html, "pdf": read_pdf, "docx": read_docx, "akn": read_akn}


# The fields of a manifest entry that check reads, and their type.
_FIELDS = {"path": str, "format": str, "lang": str, "sha256": str, "source": str}
# No artifact unpress writes comes near this; a file larger is not read.
MAX_ARTIFACT_BYTES = 200 * 1024 * 1024


def _entries(out: Path) -> tuple[list[dict], list[str]]:
    """The manifest's entries that can be checked, and a line for each problem with the others."""
    file = out / Manifest.FILE
    where = display_path(file)
    if not file.is_file():
        return [], [f"{where}: no manifest with artifacts; build into this folder first"]
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return [], [f"{where}: cannot be read as a manifest: {error}"]
    artifacts = data.get("artifacts") if isinstance(data, dict) else None
    if not isinstance(artifacts, list) or not artifacts:
        return [], [f"{where}: no list of artifacts in it; build into this folder first"]
    entries, lines, inside = [], [], out.resolve()
    for number, entry in enumerate(artifacts, start=1):
        if not isinstance(entry, dict):
            lines.append(f"{where}: artifact {number}: an object with {', '.join(_FIELDS)} expected, "
                         f"found {type(entry).__name__}")
            continue
        wrong = [f'"{key}" must be text' for key, kind in _FIELDS.items() if not isinstance(entry.get(key), kind)]
        if wrong:
            lines.append(f"{where}: artifact {number}: {'; '.join(wrong)}")
            continue
        target = (out / entry["path"]).resolve()
        if Path(entry["path"]).is_absolute() or not target.is_relative_to(inside) or target == inside:
            lines.append(f'{where}: artifact {number}: path "{entry["path"]}" leaves the folder: not read')
            continue
        entries.append(entry)
    return entries, lines


def check_folder(out: Path, content: Path | None = None) -> list[str]:
    """Every problem found in the artifacts listed in `out`/manifest.json, as lines to print."""
    if (out / JOURNAL).exists():
        # A build was killed while it switched the set (unpress/output.py): some files old, some new,
        # a mixture the next build completes. Comparing it would report differences no build made.
        return [f"{display_path(out / JOURNAL)}: a build was interrupted; run the build again to complete it"]
    entries, lines = _entries(out)
    documents: dict[Path, m.Document | None] = {}
    for entry in entries:
        path = out / entry["path"]
        fmt, lang = entry["format"], entry["lang"]
        source = (content / Path(entry["path"]).parent.name) if content else (out / entry["source"])
        if not path.is_file():
            lines.append(f"{display_path(path)}: missing: listed in the manifest, not in the folder")
            continue
        if path.stat().st_size > MAX_ARTIFACT_BYTES:
            lines.append(f"{display_path(path)}: larger than the {MAX_ARTIFACT_BYTES // 2**20} MB an artifact "
                         "may have: not read")
            continue
        if sha256(path.read_bytes()) != entry["sha256"]:
            lines.append(str(Mismatch(str(path), "sha256", entry["sha256"], sha256(path.read_bytes()))))
        # A PDF's print HTML (--keep-print-html): its PDF is the one read. A file beside an
        # artifact (an HTML page's image): its page's reader compares its bytes with the model.
        if fmt in (PRINT_HTML, "image"):
            continue
        if source not in documents:
            documents[source] = None
            if not (source / "document.yaml").is_file():
                lines.append(f"{display_path(source.resolve())}: content folder not found (the manifest names it for "
                             f"{display_path(path)}): if the build folder was moved, give --content")
                continue
            try:
                documents[source] = load_document(source)[0]
            except ContentError as error:
                lines.extend(str(problem) for problem in error.problems)
        if documents[source] is None:
            continue
        version = next((v for v in documents[source].versions if v.lang == lang), None)
        reader = READERS.get(fmt)
        if version is None or reader is None:
            lines.append(f"{display_path(path)}: cannot check: no {lang} version or no {fmt} reader")
            continue
        try:
            found = read_html(path, out) if fmt == "html" else reader(path)
        except Exception as error:  # a damaged file is a finding of the check, not a bug of unpress
            lines.append(f"{display_path(path)}: cannot be read as {fmt.upper()}: {error!r}")
            continue
        lines.extend(str(x) for x in compare(str(path), expected_facts(version), found))
    for document in documents.values():
        if document is not None:
            lines.extend(str(x) for x in compare_versions(list(document.versions)))
    return lines
