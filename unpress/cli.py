"""The `unpress` command: build, check, new, watch, import, manifest."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import os
import sys
import traceback
from pathlib import Path

from . import __version__
from .locale import OFFICIAL_LANGUAGES
from .manifest import Manifest
from .output import OutputFolder, StagedWrites
from .pipeline import build
from .problems import ContentError, EnvironmentFault, display_path
from .render import FORMATS
from .scaffold import KINDS as SCAFFOLD_KINDS, new_document
from .settings import HTML_IMAGES, PAPERS, PDF_VARIANTS, SETTINGS_FILE, load_settings

# 2 is argparse's own status for a mistake on the command line; a bug must not look like one.
EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _list_of(choices: tuple[str, ...], what: str):
    def parse(text: str) -> list[str]:
        values = [item.strip() for item in text.split(",") if item.strip()]
        for value in values:
            if value not in choices:
                raise argparse.ArgumentTypeError(f"unknown {what} \"{value}\"; use one of: {', '.join(choices)}")
        return values
    return parse


def _add_build_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="document folders, or folders of documents (default: content)")
    parser.add_argument("--format", type=_list_of(FORMATS, "format"), metavar="LIST",
                        help=f"formats to build, comma-separated: {','.join(FORMATS)} (default: all)")
    parser.add_argument("--lang", type=_list_of(OFFICIAL_LANGUAGES, "language"), metavar="LIST",
                        help="language versions to build, e.g. fr,en (default: every version present)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: dist)")
    parser.add_argument("--config", type=Path, default=Path(SETTINGS_FILE), metavar="FILE",
                        help=f"settings file (default: {SETTINGS_FILE} in the current folder)")
    parser.add_argument("--paper", choices=PAPERS, help="page size of PDF and DOCX (default: letter)")
    parser.add_argument("--pdf-variant", choices=PDF_VARIANTS, help="PDF standard to meet (default: pdf/ua-1)")
    parser.add_argument("--html-images", choices=HTML_IMAGES,
                        help="the HTML's images inside the page (inline, the default) or as files in a "
                             "folder beside it (files)")
    parser.add_argument("--emblem", type=Path, metavar="FILE", help="emblem image for the masthead")
    parser.add_argument("--templates", type=Path, metavar="DIR", help="your template folder, searched first")
    parser.add_argument("--styles", type=Path, metavar="DIR", help="your style folder, searched first")
    parser.add_argument("--jobs", type=_positive, default=os.cpu_count() or 1, metavar="N",
                        help="artifacts rendered in parallel processes (default: the number of cores)")
    parser.add_argument("--shard", type=_shard, metavar="K/N",
                        help="build only the K-th of N slices of the documents (for a CI matrix)")
    parser.add_argument("--force", action="store_true",
                        help="rebuild every artifact, even those whose inputs have not changed")
    parser.add_argument("--draft", action="store_true", default=None,
                        help='mark every page "Advance unedited version", in the document\'s language')
    parser.add_argument("--check", action="store_true",
                        help="then read the output folder back and compare it with the content (unpress check)")
    parser.add_argument("--keep-print-html", action="store_true",
                        help="write beside each PDF the HTML that WeasyPrint laid out, as NAME-LANG.print.html "
                             "(it opens in a browser and in weasyprint as it is)")


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"\"{text}\" is not a whole number of at least 1")
    return int(text)


def _port(text: str) -> int:
    """A whole number; whether the machine can serve on it (in range, free) is watch's to say."""
    if not text.removeprefix("-").isdigit():
        raise argparse.ArgumentTypeError(f"\"{text}\" is not a port number (a whole number from 0 to 65535)")
    return int(text)


def _shard(text: str) -> tuple[int, int]:
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise argparse.ArgumentTypeError(f"\"{text}\" is not K/N with 1 <= K <= N, e.g. 2/4")
    return int(index), int(count)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unpress", description="Publish UN-style documents.",
        epilog=f"exit status: {EXIT_OK} done, {EXIT_CONTENT} problems in the content (or differences found by "
               f"check, or a folder or port the command cannot use), {EXIT_USAGE} a mistake on the command line, {EXIT_INTERNAL} an internal error (a bug)")
    parser.add_argument("--version", action="version", version=f"unpress {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_build_arguments(commands.add_parser("build", help="build documents into PDF, DOCX and HTML"))
    watch = commands.add_parser("watch", help="rebuild on change and serve the HTML preview on localhost")
    watch.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="as for build (default: content)")
    watch.add_argument("--format", type=_list_of(FORMATS, "format"), metavar="LIST",
                       help="formats to rebuild (default: html)")
    watch.add_argument("--port", type=_port, default=8000, help="port on 127.0.0.1 (default: 8000; 0: any free one)")
    watch.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: dist)")
    watch.add_argument("--config", type=Path, default=Path(SETTINGS_FILE), metavar="FILE")
    watch.add_argument("--templates", type=Path, metavar="DIR")
    watch.add_argument("--styles", type=Path, metavar="DIR")
    check = commands.add_parser("check", help="read built artifacts back and compare them with the content")
    check.add_argument("folder", type=Path, metavar="DIR", help="a build's output folder, with its manifest.json")
    check.add_argument("--content", type=Path, metavar="DIR",
                       help="the folder of the documents (default: as recorded in the manifest)")
    new = commands.add_parser("new", help="write a content folder for a new document, to fill in")
    new.add_argument("symbol", help="the document symbol, e.g. A/61/200 (A/61/XXX while pending)")
    new.add_argument("--lang", type=_list_of(OFFICIAL_LANGUAGES, "language"), default=["en"], metavar="LIST",
                     help="language versions, the original first (default: en)")
    new.add_argument("--out", type=Path, default=Path("content"), metavar="DIR",
                     help="where the document folder goes (default: content)")
    new.add_argument("--kind", choices=SCAFFOLD_KINDS, default="letter",
                     help="the kind of document: a letter (letter.md and annex.md, the default), a note or "
                          "report (body.md), a draft resolution or decision (body.md with the draft's skeleton)")
    draft = commands.add_parser("import", help="read a DOCX draft back into a content folder")
    draft.add_argument("draft", type=Path, metavar="DRAFT.docx", help="the edited DOCX")
    draft.add_argument("--into", type=Path, required=True, metavar="DIR",
                       help="the document's content folder (a new one is made if it does not exist)")
    draft.add_argument("--lang", choices=OFFICIAL_LANGUAGES,
                       help="the draft's language version (default: the language the draft names)")
    draft.add_argument("--diff", action="store_true",
                       help="print a unified diff of the content files it would change, and write nothing")
    translate = commands.add_parser("translate", help="exchange a version with a CAT tool as XLIFF 1.2")
    steps = translate.add_subparsers(dest="step", required=True, metavar="STEP")
    export = steps.add_parser("export", help="write a version as XLIFF to translate into another language")
    export.add_argument("folder", type=Path, metavar="DOC", help="the document's content folder")
    export.add_argument("--to", required=True, choices=OFFICIAL_LANGUAGES, help="the language to translate into")
    export.add_argument("--from", dest="source", choices=OFFICIAL_LANGUAGES,
                        help="the version to translate from (default: the original's)")
    export.add_argument("--out", type=Path, metavar="FILE", help="the XLIFF file (default: NAME-FROM-TO.xlf)")
    take = steps.add_parser("import", help="write the target version's parts from a translated XLIFF file")
    take.add_argument("file", type=Path, metavar="FILE.xlf")
    take.add_argument("--into", type=Path, required=True, metavar="DOC", help="the document's content folder")
    status = commands.add_parser("status", help="which versions have which parts, and which are stale")
    status.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="as for build (default: content)")
    merge = commands.add_parser("manifest", help="merge the manifests of several output folders (CI shards)")
    merge.add_argument("folders", nargs="+", type=Path, metavar="DIR", help="output folders of the shards")
    merge.add_argument("--out", type=Path, required=True, metavar="DIR",
                       help="the folder that holds all the artifacts, where the merged manifest goes")
    return parser


def run_build(args: argparse.Namespace) -> int:
    if args.keep_print_html and args.format and "pdf" not in args.format:
        make_parser().error("--keep-print-html keeps the HTML of each PDF: add pdf to --format")
    settings = load_settings(args.config).override(
        paper=args.paper, pdf_variant=args.pdf_variant, emblem=args.emblem,
        templates=args.templates, styles=args.styles, output=args.out, draft=args.draft,
        html_images=args.html_images,
    )
    with _progress_display() as progress:
        artifacts = build(args.paths or [Path("content")], args.format or FORMATS, args.lang, settings,
                          report=lambda problem: print(problem, file=sys.stderr),
                          jobs=args.jobs, shard=args.shard, force=args.force, progress=progress,
                          keep_print_html=args.keep_print_html, one_shot=args.one_shot)
    for artifact in artifacts:
        print(f"{'wrote' if artifact.rebuilt else 'unchanged'} {display_path(artifact.path)}")
    if args.check:
        return _report_check(settings.output, None)
    return EXIT_OK


@contextlib.contextmanager
def _progress_display():
    """A progress bar on a terminal, for builds of more than a few artifacts; silence elsewhere."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = None

        def update(done: int, total: int) -> None:
            nonlocal task
            if total > 3:
                task = bar.add_task("building", total=total) if task is None else task
                bar.update(task, completed=done)
        yield update


def run_watch(args: argparse.Namespace) -> int:
    from .watch import watch

    settings = load_settings(args.config).override(templates=args.templates, styles=args.styles, output=args.out)
    watch(args.paths or [Path("content")], args.format or ["html"], settings, args.port,
          say=lambda line: print(line, file=sys.stderr, flush=True))
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    return _report_check(args.folder, args.content)


def _report_check(folder: Path, content: Path | None) -> int:
    from .check import check_folder  # reads PDF and DOCX: only loaded when asked for

    lines = check_folder(folder, content)
    for line in lines:
        print(line, file=sys.stderr)
    if not lines:
        print(f"checked {display_path(folder)}: the artifacts agree with their content and each other")
    return EXIT_CONTENT if lines else EXIT_OK


def run_translate(args: argparse.Namespace) -> int:
    from . import translate  # reads and writes XLIFF: only loaded when asked for

    if args.step == "export":
        path, units, prefilled = translate.export_translation(args.folder, args.to, args.source, args.out)
        print(f"wrote {display_path(path)}: {units} segments, {prefilled} already translated")
        return EXIT_OK
    imported = translate.import_translation(args.file, args.into)
    for problem in imported.problems:
        print(problem, file=sys.stderr)
    for path in imported.written:
        print(f"wrote {display_path(path)}")
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from .pipeline import find_documents
    from .translate import status_of

    console = Console()
    for folder in find_documents(args.paths or [Path("content")]):
        states = status_of(folder)
        table = Table(title=display_path(folder))
        table.add_column("part")
        for lang in states:
            table.add_column(lang)
        for row, part in enumerate(next(iter(states.values()))):
            cells = []
            for lang, rows in states.items():
                state = rows[row]
                style = {"present": "green", "missing": "red", "stale": "yellow"}.get(state.state, "yellow")
                cells.append(f"[{style}]{state.state}[/]" + (f" ({state.detail})" if state.detail else ""))
            table.add_row(part.part, *cells)
        console.print(table)
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    folder = new_document(args.symbol, args.lang, args.out, datetime.date.today(), args.kind)
    print(f"wrote {display_path(folder)}: fill in document.yaml and the parts (the format: "
          "docs/content-format.md of unpress), then build it")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from .importer import plan_import  # reads DOCX: only loaded when asked for
    from .read.docx_package import PackageError

    if not args.draft.exists():
        print(f"{display_path(args.draft)}: no such file", file=sys.stderr)
        return EXIT_CONTENT
    try:
        plan = plan_import(args.draft, args.into, args.lang)
    except PackageError as error:
        print(f"{display_path(args.draft)}: cannot be read as DOCX: {error}", file=sys.stderr)
        return EXIT_CONTENT
    for line in plan.lines:
        print(line, file=sys.stderr)
    changed = plan.changed()
    if args.diff:
        sys.stdout.write(plan.diff())
        return EXIT_OK
    try:  # all or nothing: every file staged, then all renamed into place
        with StagedWrites() as staged:
            for path, text in changed.items():
                if text is not None:
                    staged.write(path, text if isinstance(text, bytes) else text.encode("utf-8"))
        for path, text in changed.items():
            if text is None:
                path.unlink()
    except OSError as error:  # a read-only folder, a full disk: the environment, not a bug
        print(f"{display_path(error.filename or args.into)}: cannot write: {error.strerror}", file=sys.stderr)
        return EXIT_CONTENT
    for path, text in changed.items():
        print(f"{'deleted' if text is None else 'wrote'} {display_path(path)}")
    if not changed:
        print(f"unchanged {display_path(args.into)}: the draft holds what the content holds")
    return EXIT_OK


def run_manifest(args: argparse.Namespace) -> int:
    """Merge shard manifests; their paths are relative to each shard's folder, as to --out."""
    shards = [Manifest.read(folder) for folder in args.folders]
    for folder, shard in zip(args.folders, shards):
        if not shard.entries:
            print(f"unpress: {display_path(folder / Manifest.FILE)}: no manifest there", file=sys.stderr)
            return EXIT_CONTENT
    with OutputFolder(args.out), StagedWrites(args.out) as staged:
        merged = Manifest.read(args.out)
        for folder, shard in zip(args.folders, shards):
            for entry in shard.entries.values():
                source = os.path.relpath(folder / entry.source, args.out)
                merged.record(dataclasses.replace(entry, source=source))
        staged.write(args.out / Manifest.FILE, merged.dumps(args.out))
    print(f"wrote {display_path(args.out / Manifest.FILE)} ({len(merged.entries)} artifacts)")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    # Run as the process's command line (not called from Python, as the tests do): the
    # process ends with the command.
    args.one_shot = argv is None
    try:
        commands = {"build": run_build, "check": run_check, "new": run_new, "manifest": run_manifest,
                    "watch": run_watch, "import": run_import, "translate": run_translate,
                    "status": run_status}
        return commands[args.command](args)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_CONTENT
    except EnvironmentFault as fault:
        print(fault, file=sys.stderr)
        return EXIT_CONTENT
    except BrokenPipeError:  # the reader went away (`unpress build | head`): nothing more to say
        sys.stdout = open(os.devnull, "w")  # Python flushes stdout at exit, into the closed pipe
        return EXIT_OK
    except KeyboardInterrupt:
        print("unpress: interrupted; finished files are in place, nothing half-written", file=sys.stderr)
        return 130
    except Exception:  # a bug in unpress, not a mistake in the content
        if args.debug:
            traceback.print_exc()
        else:
            print(f"unpress: internal error: {sys.exc_info()[1]!r}; run again with --debug for the "
                  "traceback, and report it", file=sys.stderr)
        return EXIT_INTERNAL
