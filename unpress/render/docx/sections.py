"""The page: its size and margins, the first page's masthead and codes, the running headers and footers."""

from __future__ import annotations

import io

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.section import Section, _Footer, _Header

from ... import codes
from ...model import ImageData, Version
from ...settings import Settings
from . import oxml
from .numbering import Numbering
from .pictures import fitted
from .styles import StyleSet
from .story import Story


# The document's only drawings, each at most once: their ids (wp:docPr) in the whole document.
_EMBLEM, _BARCODE, _QR = 1, 2, 3


def set_up_pages(document: Document, styles: StyleSet, rtl: bool) -> Section:
    section = document.sections[0]
    if rtl:  # a right-to-left section: its tables and columns run from the right
        section._sectPr.append(oxml.w("bidi"))
    page = styles.page
    section.page_width, section.page_height = page.width, page.height
    section.top_margin, section.bottom_margin = page.top, page.bottom
    section.left_margin, section.right_margin = page.left, page.right
    section.header_distance, section.footer_distance = page.header, page.footer
    section.different_first_page_header_footer = True  # w:titlePg
    return section


def _story(headerfooter: _Header | _Footer, styles: StyleSet, numbering: Numbering, version: Version):
    """An empty header or footer of its own (not linked to the section before) and its writer."""
    headerfooter.is_linked_to_previous = False
    element = headerfooter._element
    for child in list(element):  # python-docx's new header holds one empty paragraph
        element.remove(child)
    return element, Story(headerfooter.part, styles, None, numbering, version.direction == "rtl")


def write_masthead(section: Section, version: Version, styles: StyleSet, numbering: Numbering,
                   settings: Settings, emblem: ImageData | None) -> None:
    """The first page's header, a table in the masthead style, on a grid of four columns:
        wordmark                  | symbol
        emblem | organs                      | distribution block
    with a thin rule between the rows and a thick one under them. Without an emblem, the organs
    take its cell too: no empty cell stands where an emblem should be."""
    header = section.first_page_header
    hdr, story = _story(header, styles, numbering, version)
    _draft_mark(story, hdr, version, settings.draft)
    masthead = version.masthead
    _, props = styles.styles["UN Masthead"]
    wordmark_width, middle, distribution_width = props["columns"]
    table = header.add_table(2, 4, styles.page.text_width)
    table.style = "UN Masthead"
    oxml.set_table_look(table._tbl, version.direction == "rtl")
    table.autofit = False  # a fixed layout: Word keeps the grid's widths whatever the text
    widths = (styles.emblem_size, wordmark_width - styles.emblem_size, middle, distribution_width)
    for column, width in zip(table.columns, widths):
        column.width = width  # the grid; Word lays out by the cells' own widths, set below
        for cell in column.cells:
            cell.width = width
    wordmark, symbol = table.cell(0, 0).merge(table.cell(0, 1)), table.cell(0, 2).merge(table.cell(0, 3))
    slot = table.cell(1, 0) if emblem else None
    organs = table.cell(1, 1 if emblem else 0).merge(table.cell(1, 2))
    distribution = table.cell(1, 3)
    # LibreOffice draws a table style's rule between rows under the last cell only; the same
    # rule set on the cells themselves reaches across.
    between = props.get("borders", {}).get("insideH")
    for cell in (wordmark, symbol):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM  # on the rule, as the symbol
        if between:
            cell._tc.tcPr.insert_element_before(oxml.w("tcBorders", oxml.rule("bottom", between, styles.colour)),
                                                *oxml.AFTER_TC_BORDERS)
    table.rows[1].height, table.rows[1].height_rule = styles.emblem_size, WD_ROW_HEIGHT_RULE.AT_LEAST
    organs.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _fill(story, wordmark, "UN Wordmark", [masthead.wordmark])
    _fill(story, symbol, "UN Symbol", [version.symbol_line], ltr=True)
    if masthead.symbol_note:  # Word has no notes in headers: the note is in the first footer
        story.text(symbol._tc.p_lst[0], masthead.symbol_note.mark, "footnote reference")
    _fill(story, organs, "UN Organ", masthead.organs)
    lines = [masthead.distribution, masthead.date, masthead.version_language, masthead.original]
    _fill(story, distribution, "UN Distribution", [line for line in lines if line],
          ltr=masthead.direction == "ltr")
    if slot is not None:
        _fill(story, slot, "UN Emblem", [])
        # Decoration, as in the PDF (an artifact) and the HTML (alt=""): marked so, with no description.
        size = fitted(emblem, styles.emblem_size, styles.emblem_size)
        inline = story.pictures.inline(story.part, emblem, *size, "", _EMBLEM, decorative=True)
        slot._tc.p_lst[0].add_r().add_drawing(inline)
    # A header, like a cell, must end with a paragraph.
    story.paragraph(hdr, "UN Masthead End")


def _draft_mark(story: Story, hdr, version: Version, draft: bool) -> None:
    if draft:
        story.text(story.paragraph(hdr, "UN Draft Mark"), version.labels["draft"])


def _fill(story: Story, cell, style: str, lines, ltr: bool = False) -> None:
    """The cell's paragraphs: one a line, or one empty one (a cell needs a paragraph)."""
    tc = cell._tc
    for p in tc.p_lst:
        tc.remove(p)
    for line in lines or [None]:
        p = story.paragraph(tc, style)
        if line:
            story.text(p, line, ltr=ltr)


def write_first_footer(section: Section, version: Version, styles: StyleSet, numbering: Numbering) -> None:
    """The first page's footer: the note on the symbol (a reissue), the job number line, the
    barcode under it, the QR code at the right; each only when the model has it."""
    ftr, story = _story(section.first_page_footer, styles, numbering, version)
    if version.masthead.symbol_note:
        (note,) = [n for n in version.notes if n.note_id == version.masthead.symbol_note.note_id]
        p = story.paragraph(ftr, "footnote text")
        story.text(p, note.mark, "footnote reference")
        story.text(p, "\t")
        story.inlines(p, note.children)
    if version.job:
        story.text(story.paragraph(ftr, "UN Job Number"), version.job.line, ltr=True)
    codes_p = story.paragraph(ftr, "UN Codes")
    if version.job:
        _picture(story, codes_p, codes.barcode_png(version.job.barcode), styles.barcode_height,
                 version.job.barcode, _BARCODE)
    if version.undocs_url:
        story.text(codes_p, "\t")
        _picture(story, codes_p, codes.qr_png(version.undocs_url), styles.qr_size, version.undocs_url, _QR)


def _picture(story: Story, p, png: bytes, height, description: str, picture_id: int) -> None:
    inline = story.part.new_pic_inline(io.BytesIO(png), None, height)
    # python-docx numbers drawings part by part; Word wants them unique in the whole document.
    inline.docPr.id = picture_id
    inline.docPr.set("descr", description)  # the alternative text: what the code holds
    p.add_r().add_drawing(inline)


def write_running(section: Section, version: Version, styles: StyleSet, numbering: Numbering,
                  draft: bool) -> None:
    """Later pages: the symbol in the header and the page number in the footer, on the outer side
    (right on odd pages, left on even ones), with the job number beside the page number."""
    job = version.job.job if version.job else ""
    for headerfooter, style in ((section.header, "UN Header Odd"), (section.even_page_header, "UN Header Even")):
        hdr, story = _story(headerfooter, styles, numbering, version)
        _draft_mark(story, hdr, version, draft)
        story.text(story.paragraph(hdr, style), version.symbol_line, ltr=True)
    ftr, story = _story(section.footer, styles, numbering, version)
    p = story.paragraph(ftr, "UN Footer Odd")
    story.text(p, f"\t{job}\t")
    p.extend(oxml.field("PAGE", "1", styles.id("UN Page Number")))
    ftr, story = _story(section.even_page_footer, styles, numbering, version)
    p = story.paragraph(ftr, "UN Footer Even")
    p.extend(oxml.field("PAGE", "2", styles.id("UN Page Number")))
    if job:
        story.text(p, f"\t{job}")
