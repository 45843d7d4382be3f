"""Read built artifacts back with independent readers and compare them with the model and each other."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import model as m
from .content import load_document
from .manifest import Manifest, sha256
from .problems import ContentError, display_path


@dataclass(frozen=True)
class Facts:
    """What a reader of a version sees, or what the model says it must see."""

    symbols: tuple[str, ...]
    masthead: tuple[str, ...]  # distribution, date, version language (translations), original
    session: str | None
    agenda: tuple[str, ...]  # each line with its note mark: "Point 54 b) de la liste préliminaire*"
    title: str
    notes: tuple[tuple[str, str], ...]  # (mark, text)
    labels: tuple[str, ...]  # labels of lettered and numbered paragraphs, in order
    job: str | None
    headers: tuple[str, ...] = ()  # running header text of each later page (PDF, DOCX)
    parts: tuple[tuple[str, int, int], ...] = field(default=(), compare=False)  # anchor, paragraphs, labels


@dataclass(frozen=True)
class Mismatch:
    file: str
    what: str
    expected: object
    found: object

    def __str__(self) -> str:
        return f"{display_path(self.file)}: {self.what}: expected {_show(self.expected)} found {_show(self.found)}"


def _show(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f'"{value}"'
    return json.dumps(value, ensure_ascii=False)


def normalise(text: str) -> str:
    """Text as read: no-break and other spaces are spaces, runs of white space one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def inline_text(nodes) -> str:
    """The text a reader sees of model inlines; note references show their marks."""
    out = []
    for node in nodes:
        if isinstance(node, m.Text):
            out.append(node.text)
        elif isinstance(node, (m.Emphasis, m.Strong, m.Link)):
            out.append(inline_text(node.children))
        elif isinstance(node, m.Code):
            out.append(node.text)
        elif isinstance(node, m.LineBreak):
            out.append(" ")
        elif isinstance(node, m.NoteRef):
            out.append(node.mark)
    return normalise("".join(out))


def labelled_blocks(part: m.Part) -> list[m.LabelledParagraph]:
    return [block for block in part.blocks if isinstance(block, m.LabelledParagraph)]


def expected_facts(version: m.Version) -> Facts:
    head = version.masthead
    return Facts(
        symbols=head.symbols,
        masthead=tuple(normalise(line) for line in (head.distribution, head.date, head.version_language,
                                                      head.original) if line),
        session=normalise(version.session_line) if version.session_line else None,
        agenda=tuple(normalise(line.before_note + (line.note.mark if line.note else "") + line.after_note)
                     for line in version.agenda),
        title=normalise(version.title),
        notes=tuple((note.mark, inline_text(note.children)) for note in version.notes),
        labels=tuple(block.label for part in version.parts for block in labelled_blocks(part)),
        job=version.job.line if version.job else None,
        parts=tuple((part.anchor, len(part.blocks), len(labelled_blocks(part))) for part in version.parts),
    )


# --- readers ------------------------------------------------------------------------------------

def read_html(path: Path) -> Facts:
    import lxml.html

    root = lxml.html.fromstring(path.read_bytes())

    def texts(selector: str, within=root) -> tuple[str, ...]:
        return tuple(normalise(e.text_content()) for e in within.cssselect(selector))

    notes = []
    for note in root.cssselect(".notes [role=doc-footnote]"):
        mark = normalise(note.cssselect(".note-mark")[0].text_content())
        for element in note.cssselect(".note-mark, [role=doc-backlink]"):
            element.drop_tree()
        notes.append((mark, normalise(note.text_content())))
    session = texts(".front .session")
    title = texts("h1.title")
    job = texts(".job-line")
    return Facts(
        symbols=texts(".masthead .symbol"),
        masthead=texts(".masthead .distribution p"),
        session=session[0] if session else None,
        agenda=texts(".front .agenda"),
        title=title[0] if title else "",
        notes=tuple(notes),
        labels=tuple(label.rstrip() for label in texts("main .labelled > .label")),
        job=job[0] if job else None,
    )


READERS: dict[str, Callable[[Path], Facts]] = {"html": read_html}


# --- comparison ---------------------------------------------------------------------------------

def compare(file: str, expected: Facts, found: Facts) -> list[Mismatch]:
    names = {
        "symbols": "symbol(s) in the masthead", "masthead": "distribution block", "session": "session line",
        "agenda": "agenda lines", "title": "title", "job": "job number line",
        "labels": "paragraph labels",
    }
    mismatches = [Mismatch(file, what, getattr(expected, key), getattr(found, key))
                  for key, what in names.items() if getattr(expected, key) != getattr(found, key)]
    if len(expected.notes) != len(found.notes):
        mismatches.append(Mismatch(file, "number of footnotes", len(expected.notes), len(found.notes)))
    for (mark, text), got in zip(expected.notes, found.notes):
        if (mark, text) != got:
            mismatches.append(Mismatch(file, f"footnote {mark}", f"{mark} {text}", " ".join(got)))
    for page, header in enumerate(found.headers, start=2):
        if not all(symbol in header for symbol in expected.symbols):
            mismatches.append(Mismatch(file, f"running header of page {page}", " ".join(expected.symbols), header))
    return mismatches


def part_shape(part: m.Part) -> dict[str, int]:
    """What must be the same in every language version of a part."""
    return {"paragraphs": len(part.blocks), "labels": len(labelled_blocks(part)),
            "footnotes": sum(isinstance(node, m.NoteRef) for node in m.walk(part.blocks))}


def compare_versions(versions: list[m.Version]) -> list[Mismatch]:
    """Language versions of one document agree on symbol and date, and on the shape of each part
    that they both have (an annex may be left untranslated)."""
    mismatches = []
    first = versions[0]
    for other in versions[1:]:
        where = f"{other.file_stem} against {first.file_stem}"
        for what, a, b in (("symbol", first.symbol_line, other.symbol_line),
                           ("date", first.date.isoformat(), other.date.isoformat())):
            if a != b:
                mismatches.append(Mismatch(where, what, a, b))
        theirs = {part.anchor: part for part in first.parts}
        for part in other.parts:
            if part.anchor in theirs:
                expected, found = part_shape(theirs[part.anchor]), part_shape(part)
                mismatches.extend(Mismatch(where, f"{key} in {part.anchor}", expected[key], found[key])
                                  for key in expected if expected[key] != found[key])
    return mismatches


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
        lines.extend(str(x) for x in compare(str(path), expected_facts(version), reader(path)))
    for document in documents.values():
        lines.extend(str(x) for x in compare_versions(list(document.versions)))
    return lines
