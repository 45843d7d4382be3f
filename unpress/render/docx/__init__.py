"""The DOCX draft for editors and translators: named styles, real footnotes and fields, python-docx."""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from ...model import Version
from .. import RenderContext
from . import fonts, oxml, sections
from .numbering import Numbering
from .package import new_document, package_bytes
from .pictures import Pictures
from .story import FIRST_PICTURE_ID, Notes, Story, bookmark_listed
from .styles import LANGUAGE_TAGS, Language, load_style_set, styles_xml


def render(version: Version, context: RenderContext) -> bytes:
    styles = load_style_set(context.theme, context.settings.paper)
    numbering = Numbering(styles, version.label_forms)
    document = new_document(styles_xml(styles, Language.of(version.lang, version.direction),
                                       Language.of(version.masthead.lang, version.masthead.direction),
                                       numbering.style_lists))
    part = document.part
    numbering.attach(part)
    if version.contents:  # Word computes the Contents field's pages on opening (after the PDF's)
        settings = document.settings.element
        settings.find(qn("w:footnotePr")).addprevious(oxml.w("updateFields", val="true"))
    for name, content_type, relationship, xml in (
            ("/word/fontTable.xml", CT.WML_FONT_TABLE, RT.FONT_TABLE, fonts.font_table(styles)),
            ("/word/theme/theme1.xml", CT.OFC_THEME, RT.THEME, fonts.theme(styles))):
        part.relate_to(XmlPart(PackURI(name), content_type, parse_xml(xml), part.package), relationship)
    notes_root = oxml.new_footnotes()
    notes_part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes_root, part.package)
    part.relate_to(notes_part, RT.FOOTNOTES)
    pictures = Pictures(FIRST_PICTURE_ID)  # the body's and the notes' drawings, numbered together
    notes = Notes(notes_root, notes_part, version, styles, numbering, pictures)

    section = sections.set_up_pages(document, styles, version.direction == "rtl")
    sections.write_masthead(section, version, styles, numbering, context.settings, context.emblem)
    sections.write_first_footer(section, version, styles, numbering)
    sections.write_running(section, version, styles, numbering, context.settings.draft)
    if version.contents:  # the PDF's pages of the headings: WeasyPrint, for a Contents table only
        from ..pdf import heading_pages

        pages = heading_pages(version, context)
    else:
        pages = {}
    _write_body(Story(part, styles, notes, numbering, version.direction == "rtl", pictures),
                document.element.body, version, pages)

    properties = document.core_properties
    properties.title = version.document_title
    properties.subject = version.symbol_line
    properties.identifier = version.symbol_line
    properties.keywords = ", ".join(version.masthead.symbols)
    properties.language = LANGUAGE_TAGS[version.lang]
    properties.author = version.masthead.wordmark  # as the PDF's author
    properties.last_modified_by = ""
    properties.revision = 1
    properties.created = properties.modified = context.timestamp
    return package_bytes(document, context.timestamp)


def _write_body(story: Story, body, version: Version, pages: dict[str, int]) -> None:
    for line in version.session_lines:
        story.text(story.paragraph(body, "UN Session"), line)
    for line in version.agenda:
        p = story.paragraph(body, "UN Agenda")
        story.text(p, line.before_note)
        if line.note:
            story.notes.reference(p, line.note)
        if line.after_note:
            story.text(p, line.after_note)
    if not version.title_in_heading:
        story.text(story.paragraph(body, "UN Title"), version.title, whole=True)
    if version.kind_line:
        story.text(story.paragraph(body, "UN Kind"), version.kind_line)
    if version.sponsors_line:
        story.text(story.paragraph(body, "UN Sponsors"), version.sponsors_line)
    for part in version.parts:
        if part.heading or part.label:
            # "Annex II" and the annex's heading are one paragraph, broken in two lines, so that
            # the new page the annex heading style starts is one page.
            p = story.paragraph(body, "UN Annex Heading" if part.kind in ("annex", "enclosure")
                                else "heading 1")
            if part.label:
                story.text(p, part.label)
                if part.heading:
                    p.add_r().add_br()
            story.inlines(p, part.heading, whole=True)
            if version.contents and any(entry.anchor == part.anchor for entry in version.contents.annexes):
                bookmark_listed(p, part.anchor)  # the Contents entry leads to it
        if version.issued_by and part is version.parts[0]:
            story.text(story.paragraph(body, "UN Issuer"), version.issued_by, whole=True)
        if version.summary and part is version.parts[0]:
            story.text(story.paragraph(body, "UN Summary Heading"), version.summary.label)
            story.body_style = "UN Summary"
            story.blocks(body, version.summary.blocks)
        if version.contents and part is version.parts[0]:
            story.contents(body, version.contents, pages)
        if part.original_note:
            story.text(story.paragraph(body, "UN Original Note"), part.original_note)
        if part.title:
            p = story.paragraph(body, "UN Annex Title")
            for index, line in enumerate(part.title):
                if index:
                    p.add_r().add_br()
                story.inlines(p, line, whole=True)
        # A draft's organ line and preambular paragraphs have a style of their own.
        story.body_style = ("UN Preambular Paragraph" if version.resolution_layout and part.kind == "body"
                            else "UN Body Text")
        subparagraphs = part.subparagraphs
        for place, block in enumerate(part.blocks):
            story.block(body, block, subparagraph=place in subparagraphs)
        for signature in part.signatures:
            p = story.paragraph(body, "UN Signature")
            for index, (_, line) in enumerate(signature.lines):
                if index:
                    p.add_r().add_br()
                story.text(p, line)
