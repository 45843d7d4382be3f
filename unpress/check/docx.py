"""The DOCX reader of `unpress check`: the WordprocessingML parts, with lxml."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from ..read.docx_numbering import Numbering
from .facts import Facts, normalise


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NUMBERING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_RUNNING = {"default": "odd", "even": "even"}  # Word's header types; "first" is the masthead's


def _on(element) -> bool:
    """An OOXML on/off property: on when present, unless its value says off."""
    return element is not None and element.get(f"{_W}val", "true") not in ("0", "false", "off")


class _Docx:
    """The parts of a DOCX package, read with lxml; paragraphs and runs by their style names."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.document = self.xml("word/document.xml")
        self.body = self.document.find(f"{_W}body")
        self.styles = {style.get(f"{_W}styleId"): style.find(f"{_W}name").get(f"{_W}val")
                       for style in self.xml("word/styles.xml").iter(f"{_W}style")}
        self.rels = {rel.get("Id"): posixpath.normpath(posixpath.join("word", rel.get("Target")))
                     for rel in self.xml("word/_rels/document.xml.rels")}
        self.marks = self._note_marks()

    def xml(self, name: str | None):
        """A part's root element, None for a part that is not there."""
        return etree.fromstring(self.archive.read(name)) if name in self.archive.namelist() else None

    def _note_marks(self) -> dict[str, str]:
        """The mark Word shows for each note: typed after a reference with a custom mark, else
        the note's number among the numbered ones, in the order of their references."""
        marks, number = {}, 0
        for ref in self.document.iter(f"{_W}footnoteReference"):
            if ref.get(f"{_W}customMarkFollows", "false") not in ("0", "false", "off"):
                mark = "".join(t.text or "" for t in ref.getparent().iter(f"{_W}t"))
            else:
                number += 1
                mark = str(number)
            marks.setdefault(ref.get(f"{_W}id"), mark)
        return marks

    def style(self, element, kind: str = "p") -> str | None:
        """The name of a paragraph's (kind "p") or run's ("r") style."""
        node = element.find(f"{_W}{kind}Pr/{_W}{kind}Style")
        return self.styles.get(node.get(f"{_W}val")) if node is not None else None

    def text(self, p, leave_out: str | None = None, only: str | None = None) -> str:
        """What a paragraph shows; runs in the style `leave_out` left out, or only those in `only`."""
        out = []
        for run in p.iter(f"{_W}r"):
            style = self.style(run, "r")
            if (leave_out and style == leave_out) or (only and style != only):
                continue
            for child in run:
                if child.tag == f"{_W}t":
                    out.append(child.text or "")
                elif child.tag == f"{_W}tab":
                    out.append("\t")
                elif child.tag in (f"{_W}br", f"{_W}cr"):
                    out.append("\n")
                elif child.tag == f"{_W}footnoteReference":  # a custom mark is in the run's w:t
                    out.append(self.marks.get(child.get(f"{_W}id"), "") if child.get(f"{_W}customMarkFollows")
                               in (None, "0", "false", "off") else "")
        return "".join(out)

    def paragraphs(self, root, style: str) -> list:
        return [] if root is None else [p for p in root.iter(f"{_W}p") if self.style(p) == style]

    def texts(self, root, style: str, leave_out: str | None = None) -> tuple[str, ...]:
        return tuple(normalise(self.text(p, leave_out)) for p in self.paragraphs(root, style))

    def part(self, kind: str, section) -> str | None:
        """The part of a section's header or footer: `kind` is "header:first", "footer:default", ..."""
        tag, _, type_ = kind.partition(":")
        ref = section.find(f"{_W}{tag}Reference[@{_W}type='{type_}']")
        return None if ref is None else self.rels[ref.get(_R_ID)]

    def labels(self) -> list[str]:
        """The labels of the lettered and numbered paragraphs as Word shows them: counted from
        numbering.xml for a paragraph in a list, else typed before the tab that ends it."""
        numbering = Numbering(self.xml(self.rel_target(_NUMBERING_REL)), self.xml("word/styles.xml"))
        labels = []
        for p in self.body.iter(f"{_W}p"):
            label = numbering.label(p)  # every paragraph, in order: Word's counters run on
            if self.style(p) in ("UN Lettered Paragraph", "UN Numbered Paragraph"):
                labels.append(label if label is not None else self.text(p).split("\t")[0].strip())
        return labels

    def rel_target(self, rel_type: str) -> str | None:
        """The part the document relates to by `rel_type`, as a name in the package."""
        for rel in self.xml("word/_rels/document.xml.rels"):
            if rel.get("Type") == rel_type:
                return posixpath.normpath(posixpath.join("word", rel.get("Target")))
        return None

    def notes(self) -> list[tuple[str, str]]:
        """The notes of footnotes.xml (not the separators), in the order of their references."""
        root = self.xml("word/footnotes.xml")
        notes = {} if root is None else {note.get(f"{_W}id"): note for note in root.iter(f"{_W}footnote")
                                         if note.get(f"{_W}type") in (None, "normal")}
        order = [i for i in self.marks if i in notes] + [i for i in notes if i not in self.marks]
        return [(self.marks.get(i, ""), normalise(" ".join(self.text(p, "UN Footnote Reference")
                                                            for p in notes[i].iter(f"{_W}p"))))
                for i in order]


def read_docx(path: Path) -> Facts:
    with zipfile.ZipFile(path) as archive:
        docx = _Docx(archive)
        sections = list(docx.document.iter(f"{_W}sectPr"))
        # Word shows the first page's header and footer only with titlePg, and the even pages'
        # header only with evenAndOddHeaders; else the odd pages' one stands on every page.
        first_page = _on(sections[0].find(f"{_W}titlePg"))
        settings = docx.xml("word/settings.xml")
        even_pages = settings is not None and _on(settings.find(f"{_W}evenAndOddHeaders"))
        masthead = docx.xml(docx.part("header:first", sections[0])) if first_page else None
        first_footer = docx.xml(docx.part("footer:first", sections[0])) if first_page else None
        headers = []
        for number, section in enumerate(sections, start=1):
            for kind, pages in _RUNNING.items():
                name = docx.part(f"header:{kind if even_pages else 'default'}", section)
                if name is None and number > 1:
                    continue  # a later section without a header of its own keeps the one before
                texts = () if name is None else tuple(
                    text for p in docx.xml(name).iter(f"{_W}p") if (text := normalise(docx.text(p))))
                headers.append((f"running header of {pages} pages ({name or 'none'})", texts))
        # Word has no notes in headers: a note on the symbol is written in the first page's footer.
        symbol_notes = [(normalise(docx.text(p, only="UN Footnote Reference")),
                         normalise(docx.text(p, leave_out="UN Footnote Reference")))
                        for p in docx.paragraphs(first_footer, "UN Footnote Text")]
        labels = docx.labels()
        job = docx.texts(first_footer, "UN Job Number")
        title = docx.texts(docx.body, "UN Title")
        core = docx.xml("docProps/core.xml")
        core_title = core.find(_DC_TITLE) if core is not None else None
        return Facts(
            symbols=tuple(normalise(symbol) for line in docx.texts(masthead, "UN Symbol", "UN Footnote Reference")
                          for symbol in line.split("\u2013")),
            masthead=docx.texts(masthead, "UN Distribution"),
            notes=tuple(symbol_notes + docx.notes()),
            labels=tuple(labels),
            job=job[0] if job else None,
            document_title=normalise(core_title.text or "") if core_title is not None else "",
            session=docx.texts(docx.body, "UN Session"),
            agenda=docx.texts(docx.body, "UN Agenda"),
            title=title[0] if title else "",
            headers=tuple(headers),
        )
