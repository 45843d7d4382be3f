"""The build: content folders -> documents -> one artifact per version and format -> the output folder."""

from __future__ import annotations

import functools
import gc
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .read.content import DOCUMENT_FILE, is_document_folder, load_document
from .read.files import Reads, read_file, resolve_inside
from .manifest import PRINT_HTML, Entry, Manifest, sha256
from .model import Document
from .output import OutputFolder, StagedWrites
from .problems import WARNING, ContentError, Problem, display_path
from .processes import end_with_parent
from .render import EXTENSIONS, RenderContext, renderer
from .render.layouts import FOLDER as LAYOUTS, LayoutCache
from .settings import Settings
from .theme import Theme

_PACKAGE = Path(__file__).parent


@dataclass(frozen=True)
class Job:
    """One artifact to make: a language version of a document in one format."""

    folder: Path
    document: str  # the document's name, its output sub-folder
    symbol: str
    lang: str
    format: str
    path: Path  # where the artifact goes, relative to the output folder
    # A PDF's print HTML, kept beside it (--keep-print-html): where it goes, relative to the folder.
    print_html: Path | None = None


def print_html_path(pdf: Path) -> Path:
    """NAME-LANG.pdf -> NAME-LANG.print.html"""
    return pdf.with_name(pdf.stem + ".print.html")


@dataclass(frozen=True)
class Artifact:
    path: Path
    format: str
    lang: str
    rebuilt: bool  # False when the inputs had not changed and the artifact was kept


def find_documents(paths: Sequence[Path]) -> list[Path]:
    """Each path is a document folder, or a folder whose sub-folders are documents."""
    found, problems = [], []
    for path in paths:
        if is_document_folder(path):
            found.append(path)
        elif path.is_dir():
            for folder in sorted(p for p in path.iterdir() if is_document_folder(p)):
                try:  # a document linked in from elsewhere is read from outside the content folder
                    resolve_inside(folder, path, "the content folder")
                    found.append(folder)
                except ContentError as error:
                    problems.extend(error.problems)
        else:
            problems.append(Problem(str(path), None, "path", "no such folder", "missing-path"))
    if problems:
        raise ContentError(problems)
    named = {folder.resolve(): folder for folder in reversed(found)}  # a folder named twice is one document
    return [folder for folder in found if named[folder.resolve()] is folder]


def shard_of(folders: list[Path], shard: tuple[int, int] | None) -> list[Path]:
    """The K-th of N slices of the documents, by name, so each CI machine of a matrix takes its own."""
    if shard is None:
        return folders
    index, count = shard
    return [folder for position, folder in enumerate(sorted(folders, key=lambda f: f.name))
            if position % count == index - 1]


def folder_digest(folder: Path) -> str:
    """A digest of the names and bytes of every file below a theme folder (or unpress's own), whose
    templates and styles a renderer may read; each read as read.files reads (so a link leaving the
    folder, a pipe or a huge file is refused here, before anything is rendered)."""
    reads = Reads(folder)
    for path in sorted(p for p in folder.rglob("*") if "__pycache__" not in p.parts):
        if path.is_dir():
            resolve_inside(path, folder, "the theme folder")
        else:
            read_file(path, folder, reads, folder="the theme folder")
    return reads.digest()


@functools.lru_cache(maxsize=1)
def _unpress_digest() -> str:
    """The toolkit's own code and locale data: a changed unpress rebuilds everything."""
    return folder_digest(_PACKAGE)


def inputs_key(job: Job, content_digest: str, settings: Settings, theme: Theme,
               digest_of: Callable[[Path], str] = folder_digest) -> str:
    """A digest of everything an artifact is made from; the same key means the same bytes.

    `content_digest` is the digest of the document's files as loading read them (read.files.Reads).
    """
    digest = hashlib.sha256()
    digest.update(content_digest.encode() + b"\0")
    for folder in (*theme.template_dirs, *theme.style_dirs):
        digest.update(digest_of(folder).encode() + b"\0")
    digest.update(f"{__version__}\0{_unpress_digest()}\0{job.lang}\0{job.format}\0".encode())
    digest.update(repr(settings.override(output=Path("."))).encode())
    if settings.emblem:
        digest.update(settings.emblem.read_bytes())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    return digest.hexdigest()


# Documents loaded by build(), by folder; worker processes inherit them (fork) or load their own.
_DOCUMENTS: dict[Path, Document] = {}


def render_job(job: Job, settings: Settings, processes: int = 1,
               force: bool = False) -> tuple[bytes, list[Problem], bytes | None, dict[str, bytes]]:
    """Render one artifact, its print HTML when asked, and the files it has beside it (by their
    path relative to its folder); runs in the building process or in a worker process, and may
    start `processes` - 1 of its own (a PDF's parts). `force`: no layout kept from the last build
    is used."""
    if job.folder not in _DOCUMENTS:
        _DOCUMENTS[job.folder] = load_document(job.folder, max_image_bytes=settings.max_image_bytes)[0]
    document = _DOCUMENTS[job.folder]
    version = next(v for v in document.versions if v.lang == job.lang)
    warnings: list[Problem] = []
    theme = Theme.with_user_folders(settings.templates, settings.styles)
    emblem = theme.emblem(settings.emblem, settings.max_image_bytes)
    kept: list[bytes] = []
    layouts = None
    if job.format == "pdf":
        inputs = f"{__version__}\0{_unpress_digest()}\0{settings.override(output=Path('.'))!r}"
        layouts = LayoutCache(settings.output / LAYOUTS / job.path.with_suffix(""), inputs, read=not force)
    context = RenderContext(document, theme, settings, warnings.append, emblem,
                            print_html=kept.append if job.print_html else None, processes=processes,
                            layout_cache=layouts)
    data = renderer(job.format)(version, context)
    return data, warnings, kept[0] if kept else None, context.files


def build(
    paths: Sequence[Path],
    formats: Sequence[str],
    langs: Sequence[str] | None,
    settings: Settings,
    report: Callable[[Problem], None],
    jobs: int = 1,
    shard: tuple[int, int] | None = None,
    force: bool = False,
    progress: Callable[[int, int], None] = lambda done, total: None,
    keep_print_html: bool = False,
    one_shot: bool = False,
) -> list[Artifact]:
    """Build every version of every document; warnings go to `report`, errors raise ContentError.

    Every document is loaded (and all its problems collected) before anything is written, so
    bad content leaves the output folder as it was. An artifact whose inputs have not changed
    since the build recorded in the manifest is kept as it is, unless `force`.

    `keep_print_html`: each PDF's print HTML (what WeasyPrint laid out) is written beside it, an
    artifact of the output set like the others. A PDF built again without it loses its old print
    HTML, which would no longer be the PDF's.

    `one_shot`: the process ends after this build (a command line), so what it holds before
    rendering may be kept out of the garbage collector's way until then (_render_all).
    """
    theme = Theme.with_user_folders(settings.templates, settings.styles)
    planned, problems = [], []
    content_digests: dict[Path, str] = {}  # of the bytes each document's loading read
    claimed: dict[str, tuple[Path, str]] = {}  # each symbol: the folder of the document that has it, its name
    try:  # a refused emblem is reported with the documents' problems, before anything is written
        theme.emblem(settings.emblem, settings.max_image_bytes)
    except ContentError as error:
        problems.extend(error.problems)
    for folder in shard_of(find_documents(paths), shard):
        reads = Reads(folder)
        try:
            document, warnings = load_document(folder, reads, settings.max_image_bytes)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        problems.extend(warnings)
        problems.extend(_collisions(document, folder, claimed, settings.output))
        _DOCUMENTS[folder] = document
        content_digests[folder] = reads.digest()
        present = [v.lang for v in document.versions]
        for lang in sorted(set(langs or ()) - set(present)):
            problems.append(Problem(str(folder), None, "--lang", f"this document has no \"{lang}\" "
                                    "version", "no-version", WARNING))
        for version in document.versions:
            if langs and version.lang not in langs:
                continue
            for name in formats:
                path = Path(document.name) / f"{version.file_stem}.{EXTENSIONS[name]}"
                kept = print_html_path(path) if keep_print_html and name == "pdf" else None
                planned.append(Job(folder, document.name, document.symbols[0], version.lang, name, path, kept))
    if any(p.severity != WARNING for p in problems):
        raise ContentError(problems)
    for problem in problems:
        report(problem)
    if not planned:
        return []

    out = settings.output
    manifest = Manifest()
    if os.path.lexists(out):
        with OutputFolder(out):  # finishes what a killed build left before the artifacts are compared
            manifest = Manifest.read(out)
    digest_of = functools.lru_cache(maxsize=None)(folder_digest)  # each folder read once per build
    keys = {job: inputs_key(job, content_digests[job.folder], settings, theme, digest_of) for job in planned}
    # A print HTML comes out of its PDF's layout: missing or changed, the PDF is laid out again.
    todo = [job for job in planned if force or not manifest.is_current(job.path, keys[job], out)
            or (job.print_html and not manifest.is_current(job.print_html, _print_key(keys[job]), out))]
    results = _render_all(todo, settings, jobs, progress, one_shot, force)

    artifacts = []
    gone: list[Path] = []  # files an artifact had beside it and has no more: deleted with the renames
    # All artifacts and the manifest land together, or none does. The manifest is read again in
    # the folder's lock: another build may have recorded its own artifacts since (a lost update).
    with OutputFolder(out):
        with StagedWrites(out) as staged:
            manifest = Manifest.read(out)
            for job in planned:
                if job in results:
                    data, warnings, page, files = results[job]
                    for warning in warnings:
                        report(warning)
                    made = [(job.path, job.format, data, keys[job], "")]
                    if page is not None:
                        made.append((job.print_html, PRINT_HTML, page, _print_key(keys[job]), ""))
                    elif job.format == "pdf" and print_html_path(job.path).as_posix() in manifest.entries:
                        stale = print_html_path(job.path)  # laid out before, by another PDF than this one
                        staged.delete(out / stale)
                        manifest.forget(stale.as_posix())
                    beside = {(job.path.parent / name): content for name, content in sorted(files.items())}
                    for old in manifest.beside(job.path):  # files the artifact no longer has beside it
                        if Path(old.path) not in beside:
                            staged.delete(out / old.path)
                            manifest.forget(old.path)
                            gone.append(out / old.path)
                    made += [(path, "image", content, keys[job], job.path.as_posix())
                             for path, content in beside.items()]
                    for path, fmt, data, key, of in made:
                        staged.write(out / path, data)
                        manifest.record(Entry(
                            path=path.as_posix(), format=fmt, lang=job.lang, symbol=job.symbol,
                            size=len(data), sha256=sha256(data), source=os.path.relpath(job.folder, out),
                            inputs=key, of=of,
                        ))
                artifacts.append(Artifact(out / job.path, job.format, job.lang, job in results))
                if job.print_html:
                    artifacts.append(Artifact(out / job.print_html, PRINT_HTML, job.lang, job in results))
            staged.write(out / Manifest.FILE, manifest.dumps(out))
        for folder in {path.parent for path in gone}:  # an images folder left empty
            try:
                folder.rmdir()
            except OSError:  # it holds other files
                pass
    return artifacts


def _print_key(pdf_key: str) -> str:
    return hashlib.sha256(f"{pdf_key}\0{PRINT_HTML}".encode()).hexdigest()


def _collisions(document: Document, folder: Path, claimed: dict[str, tuple[Path, str]], out: Path) -> list[Problem]:
    """An error for each symbol of `document` that another document of the build has: outputs are
    named after the (first) symbol, so the two would write the same files, the last one winning."""
    problems = []
    for symbol in document.symbols:
        other, name = claimed.setdefault(symbol, (folder, document.name))
        if other == folder:
            continue
        if name == document.name:
            what = f"both would be written to {display_path(out / name)}, one over the other"
        else:
            what = "one symbol would be published as two documents"
        problems.append(Problem(str(folder / DOCUMENT_FILE), None, "symbol",
                                f"{symbol} is also a symbol of {display_path(other)}; {what}: give each "
                                "document its own symbol, or build them into different --out folders",
                                "same-symbol"))
    return problems



_COST = {"pdf": 2, "docx": 1}  # how long each format takes to render, relatively


def _render_all(todo: list[Job], settings: Settings, jobs: int, progress: Callable[[int, int], None],
                one_shot: bool = False, force: bool = False) -> dict[Job, tuple[bytes, list[Problem]]]:
    results = {}
    if one_shot and todo:
        for name in {job.format for job in todo}:
            renderer(name)
        # What is alive now (the modules, WeasyPrint's among them, and the loaded documents) lives
        # until the process ends: frozen, it is not gone over again by each of the collector's
        # passes while rendering (in a cold PDF build of the seed they took 90-105 ms of CPU, now
        # 50-60). Never in a process that builds again (watch, tests): garbage in cycles that is
        # alive at this moment would be kept for good.
        gc.freeze()
    if jobs <= 1 or len(todo) <= 1:
        for job in todo:  # one artifact: its renderer may use the processes (a PDF lays out its parts)
            results[job] = render_job(job, settings, jobs if len(todo) == 1 else 1, force)
            progress(len(results), len(todo))
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only here: a one-process build skips its import

    if multiprocessing.get_start_method() == "fork":
        # Imported once here and inherited by every worker, rather than imported again in each
        # (WeasyPrint takes a third of a second).
        for name in {job.format for job in todo}:
            renderer(name)
    # The slowest formats first, so that no worker is left with a PDF when the others are done.
    ordered = sorted(todo, key=lambda job: _COST.get(job.format, 0), reverse=True)
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), initializer=end_with_parent, initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(render_job, job, settings, 1, force): job for job in ordered}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            progress(len(results), len(todo))
    return results
