"""WordprocessingML elements that python-docx has no class or API for: notes, fields, bookmarks, rules."""

from __future__ import annotations

from docx.oxml import register_element_cls
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement, ZeroOrMore
from docx.shared import Length


def w(tag: str, *children, **attrs) -> BaseOxmlElement:
    """`<w:tag w:key="value">children</w:tag>`; attribute names are in the w: namespace."""
    element = OxmlElement(f"w:{tag}", {qn(f"w:{key}"): str(value) for key, value in attrs.items()})
    element.extend(children)
    return element


def append_paragraph(parent: BaseOxmlElement) -> CT_P:
    """A new `w:p` at the end of `parent`: the body's closing `w:sectPr` stays last.

    python-docx's `add_p` looks for that sectPr by a pass over the parent's children, once per
    paragraph: over a whole body that is quadratic (20,000 notes spent most of the build in it)."""
    p = OxmlElement("w:p")
    last = next(parent.iterchildren(reversed=True), None)  # from the end: len(parent) is a pass too
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(p)
    else:
        parent.append(p)
    return p


def text(value: str, tag: str = "t") -> BaseOxmlElement:
    """`<w:t>` (or `w:instrText`) holding `value`, its spaces kept."""
    element = w(tag)
    element.text = value
    element.set(qn("xml:space"), "preserve")
    return element


def twips(length: Length) -> int:
    return round(length / 635)


def rule(side: str, width: Length, colour: str, space: Length | None = None) -> BaseOxmlElement:
    """A single line on one side of a paragraph, cell or table, `space` off the text; Word counts
    its width in eighths of a point, from 2 to 96, and the space in points, up to 31."""
    eighths = min(max(round(width.pt * 8), 2), 96)
    return w(side, val="single", sz=eighths, space=min(round(space.pt), 31) if space else 0, color=colour)


class CT_Footnotes(BaseOxmlElement):
    """`w:footnotes`, the root of the footnotes part: the separators, then the notes."""

    def add_note(self, note_id: int, kind: str | None = None) -> CT_Footnote:
        note = w("footnote", id=note_id, **({"type": kind} if kind else {}))
        self.append(note)
        return note


class CT_Footnote(BaseOxmlElement):
    """`w:footnote`: a story of paragraphs, like a table cell."""

    p = ZeroOrMore("w:p")


register_element_cls("w:footnotes", CT_Footnotes)
register_element_cls("w:footnote", CT_Footnote)


def new_footnotes() -> CT_Footnotes:
    """The part's root with the two notes Word requires before any other: the short rule above the
    notes of a page (-1) and the full-width rule above a note continued from the page before (0)."""
    root = w("footnotes")
    for note_id, kind, mark in ((-1, "separator", "separator"), (0, "continuationSeparator",
                                                                  "continuationSeparator")):
        root.add_note(note_id, kind).append(w("p", w("r", w(mark))))
    return root


def note_reference(note_id: int, style_id: str, custom_mark: str | None,
                   around: tuple[str, str] = ("", "")) -> list[BaseOxmlElement]:
    """The runs that refer to a note: Word's number, with the characters `around` it ("(", ")"
    for the Arabic "(1)") in runs of their own before and after it (LibreOffice drops a ")" typed
    after the reference in its run). With a custom mark ("*") the mark is typed after the
    reference and Word leaves the note out of its automatic numbering."""
    run = w("r", w("rPr", w("rStyle", val=style_id)))
    if custom_mark is not None:
        run.append(w("footnoteReference", customMarkFollows=1, id=note_id))
        run.extend(_mark_characters(custom_mark))
        return [run]
    run.append(w("footnoteReference", id=note_id))
    before, after = (w("r", w("rPr", w("rStyle", val=style_id)), text(c)) if c else None for c in around)
    return [r for r in (before, run, after) if r is not None]


def note_mark(style_id: str, custom_mark: str | None) -> BaseOxmlElement:
    """The mark at the start of the note itself: Word's number, or the typed custom mark. Word's
    number goes without what the body's reference has around it: LibreOffice sets the number of a
    note apart and would show "(" and ")" typed around it as "()"."""
    run = w("r", w("rPr", w("rStyle", val=style_id)))
    if custom_mark is None:
        run.append(w("footnoteRef"))
    else:
        run.extend(_mark_characters(custom_mark))
    return run


def _mark_characters(mark: str) -> list:
    # One w:t a character: LibreOffice (7.4) takes a custom mark a w:t at a time, and shows a
    # "**" typed in one w:t twice; Word reads the run's text either way.
    return [text(character) for character in mark]


def field(instruction: str, result: str, style_id: str | None = None) -> list[BaseOxmlElement]:
    """The runs of a complex field: begin, instruction, separate, the last computed result, end.
    Word and LibreOffice recompute PAGE as they lay out pages; the result is what other readers
    (pandoc, a search) see."""
    def run(*content):
        r = w("r", *content)
        if style_id:
            r.insert(0, w("rPr", w("rStyle", val=style_id)))
        return r

    return [run(w("fldChar", fldCharType="begin")), run(text(f" {instruction} ", "instrText")),
            run(w("fldChar", fldCharType="separate")), run(text(result)),
            run(w("fldChar", fldCharType="end"))]


# What follows w:tcBorders in a cell's properties (CT_TcPr), for putting it in its place.
AFTER_TC_BORDERS = ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                    "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")


def set_table_look(tbl: CT_Tbl, rtl: bool) -> None:
    """Turn off the first-row, first-column and banding formats python-docx's new table asks for
    (unpress's table styles have none); in a right-to-left document, columns run from the right."""
    if rtl:
        tbl.tblPr.insert_element_before(w("bidiVisual"), "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
                                        "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                                        "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    look = tbl.tblPr.find(qn("w:tblLook"))
    for key, value in (("firstRow", 0), ("firstColumn", 0), ("lastRow", 0), ("lastColumn", 0),
                       ("noHBand", 1), ("noVBand", 1), ("val", "0600")):
        look.set(qn(f"w:{key}"), str(value))


def bookmark_around(elements: list[BaseOxmlElement], bookmark_id: int, name: str) -> None:
    elements[0].addprevious(w("bookmarkStart", id=bookmark_id, name=name))
    elements[-1].addnext(w("bookmarkEnd", id=bookmark_id))


def set_numbering(p: CT_P, num_id: int, level: int) -> None:
    p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id
    p.pPr.numPr.get_or_add_ilvl().val = level
