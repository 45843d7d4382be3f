"""The parts of a DOCX package, parsed safely: shared by `unpress check` and `unpress import`."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import BinaryIO

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
DC = "{http://purl.org/dc/elements/1.1/}"

# A draft of 300 pages is about 2 MB of XML; a part far larger, or a package that inflates far
# beyond its size, is refused before it is read (a zip bomb would otherwise fill the memory).
MAX_PART_BYTES = 64 * 2**20
MAX_PACKAGE_BYTES = 256 * 2**20
MAX_PARTS = 2000

# No entities, no DTD, no network: a DOCX is data, whatever it declares.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_comments=True, remove_pis=True)


# The character styles of note marks: Word's, LibreOffice's names for the mark in the text and in
# the note, unpress's before.
NOTE_MARK_STYLES = ("footnote reference", "footnote characters", "footnote anchor", "footnote symbol",
                    "un footnote reference")


class PackageError(ValueError):
    """A file that is not a DOCX unpress can read; the message says why."""


def on(element) -> bool:
    """An OOXML on/off property: on when present, unless its value says off."""
    return element is not None and element.get(f"{W}val", "true") not in ("0", "false", "off")


class DocxPackage:
    """A DOCX's parts, read with lxml; paragraphs and runs by their style names.

    Raises PackageError for a file that is not a readable DOCX (not a zip, a part missing,
    too large, or XML that declares a DTD).
    """

    def __init__(self, source: Path | BinaryIO):
        try:
            self.archive = zipfile.ZipFile(source)
        except (OSError, zipfile.BadZipFile) as error:
            raise PackageError(f"not a DOCX (a zip package): {error}") from None
        members = self.archive.infolist()
        if len(members) > MAX_PARTS or sum(m.file_size for m in members) > MAX_PACKAGE_BYTES:
            raise PackageError(f"the package holds more than {MAX_PACKAGE_BYTES // 2**20} MB or "
                               f"{MAX_PARTS} parts once unpacked")
        self.sizes = {member.filename: member.file_size for member in members}
        self.document = self.xml("word/document.xml")
        if self.document is None:
            raise PackageError("it has no word/document.xml: not a Word document")
        self.body = self.document.find(f"{W}body")
        self.style_root = styles = self.xml("word/styles.xml")
        self.style_elements = {} if styles is None else {
            style.get(f"{W}styleId"): style for style in styles.iter(f"{W}style")}
        self.styles = {key: _style_name(style) for key, style in self.style_elements.items()}
        relationships = self.relationships("word/document.xml")
        self.rels = {key: target for key, (target, _) in relationships.items()}
        self.rel_types = {key: kind for key, (_, kind) in relationships.items()}
        self.marks = self._note_marks()

    def __enter__(self) -> DocxPackage:
        return self

    def __exit__(self, *exc) -> None:
        self.archive.close()

    def read(self, name: str) -> bytes | None:
        """A part's bytes, None for a part that is not there."""
        if name not in self.sizes:
            return None
        if self.sizes[name] > MAX_PART_BYTES:
            raise PackageError(f"{name} is {self.sizes[name] / 2**20:.0f} MB, more than the "
                               f"{MAX_PART_BYTES // 2**20} MB a part may have")
        with self.archive.open(name) as member:
            data = member.read(MAX_PART_BYTES + 1)  # the header's size could lie
        if len(data) > MAX_PART_BYTES:
            raise PackageError(f"{name} inflates to more than {MAX_PART_BYTES // 2**20} MB")
        return data

    def xml(self, name: str | None):
        """A part's root element, None for a part that is not there."""
        data = self.read(name) if name else None
        if data is None:
            return None
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as error:
            raise PackageError(f"{name} is not well-formed XML: {error}") from None
        if root.getroottree().docinfo.doctype:
            raise PackageError(f"{name} declares a DTD, which a DOCX never needs")
        return root

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id -> (the target part's name or the external address, the
        relationship's type: "footnotes", "hyperlink", ...)."""
        folder, name = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        rels = {}
        for rel in [] if root is None else root:
            target = rel.get("Target", "")
            if rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(folder, target))
            rels[rel.get("Id")] = (target, rel.get("Type", "").rpartition("/")[2])
        return rels

    def related(self, kind: str) -> str | None:
        """The document's part of a relationship type ("footnotes", "numbering", "comments")."""
        return next((self.rels[key] for key, value in self.rel_types.items() if value == kind), None)

    def _note_marks(self) -> dict[str, str]:
        """The mark Word shows for each note: typed after a reference with a custom mark, else
        the note's number among the numbered ones, in the order of their references, with what
        is typed around it (the Arabic "(1)", see mark_around)."""
        marks, number = {}, 0
        self.mark_runs: set = set()  # the runs that hold a note's mark, not text
        for ref in self.document.iter(f"{W}footnoteReference"):
            run = ref.getparent()
            self.mark_runs.add(run)
            if is_custom(ref):
                mark = "".join(t.text or "" for t in run.iter(f"{W}t"))
            else:
                number += 1
                before, after = self.mark_around(run)
                self.mark_runs.update(r for r in (before, after) if r is not None)
                typed = ["".join(t.text or "" for t in r.iter(f"{W}t")) if r is not None else "" for r in (before, after)]
                mark = f"{typed[0]}{number}{typed[1]}"
            marks.setdefault(ref.get(f"{W}id"), mark)
        return marks

    def mark_around(self, run) -> tuple[object | None, object | None]:
        """The runs typed just before and after the run of a note reference that Word numbers, of
        marks alone ("(" and ")" around Arabic note numbers) in a note mark's style: Word has no
        number format that writes the parentheses, so unpress types them around its number, and
        they belong to the mark. LibreOffice's re-save gives them another style than the
        reference's (its "Footnote Characters" beside "Footnote Reference"), so any note mark
        style will do."""
        if not self.note_mark_style(run):
            return None, None
        def part_of_mark(other) -> bool:
            if other is None or other.tag != f"{W}r" or not self.note_mark_style(other):
                return False
            text = "".join(t.text or "" for t in other.iter(f"{W}t"))
            return len(other) == 2 and bool(re.fullmatch(r"[^\w\s]{1,2}", text))
        before, after = run.getprevious(), run.getnext()
        return (before if part_of_mark(before) else None), (after if part_of_mark(after) else None)

    def note_mark_style(self, run) -> bool:
        """A run in a note mark's character style (or one based on it): Word's "footnote
        reference", LibreOffice's "Footnote Characters" (its name for the style of the mark in
        the note) or "Footnote anchor"."""
        return any(name.lower() in NOTE_MARK_STYLES for name in self.style_chain(run, "r"))

    def style(self, element, kind: str = "p") -> str | None:
        """The name of a paragraph's (kind "p") or run's ("r") style."""
        node = element.find(f"{W}{kind}Pr/{W}{kind}Style")
        return self.styles.get(node.get(f"{W}val")) if node is not None else None

    def style_chain(self, element, kind: str = "p") -> list[str]:
        """The names of the element's style and of the styles it is based on, nearest first."""
        return [self.styles[key] for key in self._style_keys(element, kind)]

    def style_property(self, element, path: str):
        """The nearest `path` (e.g. "w:pPr/w:outlineLvl") on the paragraph, or on its styles."""
        found = element.find(path.replace("w:", W))
        return found if found is not None else self.styled(path, element)

    def styled(self, tag: str, p, run=None):
        """The element `tag` ("w:pPr/w:jc", "w:rPr/w:sz") that the styles give a paragraph, or a
        run in it: the run's character style, the paragraph's style, the document defaults."""
        chains = []
        if run is not None:
            chains.append(self._style_keys(run, "r"))
        chains.append(self._style_keys(p, "p"))
        path = tag.replace("w:", W)
        for chain in chains:
            for key in chain:
                found = self.style_elements[key].find(path)
                if found is not None:
                    return found
        defaults = self.style_root.find(f"{W}docDefaults") if self.style_root is not None else None
        kind = path.split("}")[1].split("/")[0]  # pPr or rPr
        return None if defaults is None else defaults.find(f"{W}{kind}Default/{path}")

    def _style_keys(self, element, kind: str) -> list[str]:
        node = element.find(f"{W}{kind}Pr/{W}{kind}Style")
        keys, key = [], node.get(f"{W}val") if node is not None else None
        while key in self.style_elements and len(keys) < 20:
            keys.append(key)
            based = self.style_elements[key].find(f"{W}basedOn")
            key = based.get(f"{W}val") if based is not None else None
        return keys

    def text(self, p, leave_out: str | None = None, only: str | None = None, runs_left_out=()) -> str:
        """What a paragraph shows; runs in the style `leave_out` left out, or only those in `only`,
        and the runs `runs_left_out`."""
        out = []
        for run in p.iter(f"{W}r"):
            style = self.style(run, "r")
            if (leave_out and style == leave_out) or (only and style != only) or run in runs_left_out:
                continue
            reference = run.find(f"{W}footnoteReference")
            if reference is not None:  # the note's mark, custom or Word's number with what is around it
                out.append(self.marks.get(reference.get(f"{W}id"), ""))
                continue
            if run in self.mark_runs:
                continue
            for child in run:
                if child.tag == f"{W}t":
                    out.append(child.text or "")
                elif child.tag == f"{W}tab":
                    out.append("\t")
                elif child.tag in (f"{W}br", f"{W}cr"):
                    out.append("\n")
                elif child.tag == f"{W}noBreakHyphen":  # a compound's hyphen in a title or heading
                    out.append("-")
        return "".join(out)

    def paragraphs(self, root, style: str) -> list:
        return [] if root is None else [p for p in root.iter(f"{W}p") if self.style(p) == style]

    def part(self, kind: str, section) -> str | None:
        """The part of a section's header or footer: `kind` is "header:first", "footer:default", ..."""
        tag, _, type_ = kind.partition(":")
        ref = section.find(f"{W}{tag}Reference[@{W}type='{type_}']")
        return None if ref is None else self.rels.get(ref.get(R_ID))

    def footnotes(self) -> dict[str, object]:
        """The notes of footnotes.xml by id, not the separators."""
        root = self.xml(self.related("footnotes") or "word/footnotes.xml")
        return {} if root is None else {note.get(f"{W}id"): note for note in root.iter(f"{W}footnote")
                                        if note.get(f"{W}type") in (None, "normal")}

    def core(self, tag: str) -> str | None:
        """A core property (docProps/core.xml), e.g. "{dc}title"."""
        root = self.xml("docProps/core.xml")
        node = root.find(tag) if root is not None else None
        return node.text if node is not None and node.text else None


def is_custom(reference) -> bool:
    """A note reference whose mark is typed after it ("*"), which Word leaves out of its numbers."""
    return reference.get(f"{W}customMarkFollows", "false") not in ("0", "false", "off")


def _style_name(style) -> str:
    name = style.find(f"{W}name")
    return name.get(f"{W}val") if name is not None else style.get(f"{W}styleId")
