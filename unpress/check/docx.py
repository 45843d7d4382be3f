"""The DOCX reader of `unpress check`: the WordprocessingML parts, parsed as `unpress import` parses
them (read/docx_package.py), compared here by what each shows."""

from __future__ import annotations

from pathlib import Path

from ..model import HEADING_NUMBER_TAB
from ..read.docx_numbering import Numbering
from ..read.docx_package import DC, W, DocxPackage, PackageError, on
from .facts import Block, Facts, normalise


_RUNNING = {"default": "odd", "even": "even"}  # Word's header types; "first" is the masthead's
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def _texts(docx: DocxPackage, root, style: str, leave_out: str | None = None) -> tuple[str, ...]:
    return tuple(normalise(docx.text(p, leave_out)) for p in docx.paragraphs(root, style))


def _labels(docx: DocxPackage) -> dict:
    """For each lettered or numbered paragraph and hanging heading, its label as Word shows it (counted from
    numbering.xml for a paragraph in a list, else typed before the tab that ends it) and whether
    Word counts it (the label is then not in the paragraph's text)."""
    numbering = Numbering(docx.xml(docx.related("numbering")), docx.style_root)
    labels = {}  # by element: lxml gives the same proxy again while one is kept
    for p in docx.body.iter(f"{W}p"):
        label = numbering.label(p)  # every paragraph, in order: Word's counters run on
        if docx.style(p) in ("UN Lettered Paragraph", "UN Subparagraph", "UN Numbered Paragraph"):
            labels[p] = (label, True) if label is not None else (docx.text(p).split("\t")[0].strip(), False)
        elif (docx.style(p) or "").startswith("heading") and (hanging := HEADING_NUMBER_TAB.match(docx.text(p))):
            labels[p] = (hanging.group(1), False)  # a report's heading number, typed before its tab
    return labels


def _blocks(docx: DocxPackage, labels: dict) -> tuple[Block, ...]:
    """The body's paragraphs in order, those of table cells among them: the front, then the parts;
    a label Word counts shown before its paragraph's text. A signature is one paragraph whose
    lines (the signed line, the title) are the model's blocks: it is cut at its line breaks; so is
    an annex heading at its first, after its label ("Annex II", the heading)."""
    blocks = []
    for p in docx.body.iter(f"{W}p"):
        if _in_contents(docx.style(p)):
            continue  # the Contents table (_contents)
        label, counted = labels.get(p, ("", False))
        text = (label + " " if counted else "") + docx.text(p)
        style = docx.style(p)
        for piece in text.split("\n") if style == "UN Signature" else text.split("\n", 1) \
                if style == "UN Annex Heading" else [text]:
            if normalise(piece):
                blocks.append(Block(normalise(piece)))
    return tuple(blocks)


# The styles of a report's Contents table: its heading, its column heads, the TOC field's entries.
CONTENTS_STYLES = ("UN Contents Heading", "UN Contents Heads", "UN Contents Annexes")
CONTENTS_ENTRY = "toc "


def _in_contents(style: str | None) -> bool:
    return style in CONTENTS_STYLES or (style or "").startswith(CONTENTS_ENTRY)


def _contents(docx: DocxPackage) -> tuple[str, ...] | None:
    """A report's Contents table: its heading, then each entry of the TOC field as one line, its
    number, text and paragraphs (the page, after the last tab, is Word's to compute), and the line
    over the annexes."""
    found = None
    for p in docx.body.iter(f"{W}p"):
        style = docx.style(p) or ""
        if style == "UN Contents Heading":
            found = [normalise(docx.text(p))]
        elif style == "UN Contents Annexes":
            found = (found or [""]) + [normalise(docx.text(p))]
        elif style.startswith(CONTENTS_ENTRY) and (text := docx.text(p)).strip():
            found = (found or [""]) + [normalise(text.rsplit("\t", 1)[0] if "\t" in text else text)]
    return tuple(found) if found is not None else None


def _notes(docx: DocxPackage) -> list[tuple[str, str]]:
    """The notes of the footnotes part (not the separators), in the order of their references."""
    notes = docx.footnotes()
    order = [i for i in docx.marks if i in notes] + [i for i in notes if i not in docx.marks]
    return [(docx.marks.get(i, ""), _note_text(docx, notes[i])) for i in order]


def _note_text(docx: DocxPackage, note) -> str:
    """A note's text without its own mark, the runs in a note mark's style that begin it (Word's
    number, a custom mark, what is typed around Word's number). A reference to another note
    inside the text (a NOTEREF field, in the same style) is text: the other note's mark."""
    own = set()
    for run in note.iter(f"{W}r"):
        if not docx.note_mark_style(run):
            break
        own.add(run)
    return normalise(" ".join(docx.text(p, runs_left_out=own) for p in note.iter(f"{W}p")))


def _figures(docx: DocxPackage) -> tuple[tuple[str, str], ...]:
    """Each picture of the body's figure paragraphs: the caption paragraph before it (label, the
    SEQ field's result, caption) and the picture's description."""
    found, caption = [], ""
    for p in docx.body.iter(f"{W}p"):
        style = docx.style(p)
        if style == "UN Figure":
            found.extend((caption, normalise(picture.get("descr", ""))) for picture in p.iter(f"{_WP}docPr"))
        caption = normalise(docx.text(p)) if style == "UN Figure Caption" else ""
    return tuple(found)


def read_docx(path: Path) -> Facts:
    with DocxPackage(path) as docx:
        sections = list(docx.document.iter(f"{W}sectPr"))
        if not sections:
            raise PackageError("its word/document.xml has no section properties (w:sectPr): no pages to read")
        # Word shows the first page's header and footer only with titlePg, and the even pages'
        # header only with evenAndOddHeaders; else the odd pages' one stands on every page.
        first_page = on(sections[0].find(f"{W}titlePg"))
        settings = docx.xml("word/settings.xml")
        even_pages = settings is not None and on(settings.find(f"{W}evenAndOddHeaders"))
        masthead = docx.xml(docx.part("header:first", sections[0])) if first_page else None
        first_footer = docx.xml(docx.part("footer:first", sections[0])) if first_page else None
        headers = []
        for number, section in enumerate(sections, start=1):
            for kind, pages in _RUNNING.items():
                name = docx.part(f"header:{kind if even_pages else 'default'}", section)
                if name is None and number > 1:
                    continue  # a later section without a header of its own keeps the one before
                texts = () if name is None else tuple(
                    text for p in docx.xml(name).iter(f"{W}p") if (text := normalise(docx.text(p))))
                headers.append((f"running header of {pages} pages ({name or 'none'})", texts))
        # Word has no notes in headers: a note on the symbol is written in the first page's footer.
        symbol_notes = [(normalise(docx.text(p, only="footnote reference")),
                         normalise(docx.text(p, leave_out="footnote reference")))
                        for p in docx.paragraphs(first_footer, "footnote text")]
        labels = _labels(docx)
        job = _texts(docx, first_footer, "UN Job Number")
        core_title = docx.core(f"{DC}title")
        return Facts(
            symbols=tuple(normalise(symbol) for line in _texts(docx, masthead, "UN Symbol", "footnote reference")
                          for symbol in line.split("\u2013")),
            masthead=_texts(docx, masthead, "UN Distribution"),
            notes=tuple(symbol_notes + _notes(docx)),
            labels=tuple(label for label, _ in labels.values()),
            job=job[0] if job else None,
            document_title=normalise(core_title or ""),
            blocks=_blocks(docx, labels),
            headers=tuple(headers),
            figures=_figures(docx),
            contents=_contents(docx),
        )
