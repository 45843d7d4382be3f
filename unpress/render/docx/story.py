"""Model blocks and inlines as Word paragraphs and runs, each with its named style."""

from __future__ import annotations

import itertools
import re
import unicodedata

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import _RunContentAppender
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu

from ...model import Block, Contents, Figure, Footnote, Image, Inline, NoteRef, Table, Version
from . import oxml
from ..compounds import split_at_hyphens
from .numbering import LABEL_STYLES, SUBPARAGRAPH_STYLE, Numbering
from .pictures import Pictures, fitted
from .styles import StyleSet

# Word's number formats (field switches) for the numeral styles of figure labels. Word writes no
# ordinal words: an Arabic label's "الأول" is the field's result until Word updates the field.
SEQ_FORMATS = {"roman": "ROMAN", "arabic": "ARABIC", "chinese": "CHINESENUM3", "words": "ARABIC"}
# The drawings of the masthead and first page have the ids below this (see sections).
FIRST_PICTURE_ID = 4
# The Contents field lists the heading styles of the body's sections (heading 2 to 4: heading 1 is
# a part's), with links (\h) and no page numbers in Web Layout (\z), as Word's own Contents field.
TOC_FIELD = 'TOC \\o "2-4" \\h \\z'
# With annexes in the table, the field lists the annexes' headings too, at the sections' top level.
TOC_ANNEXES = ' \\t "UN Annex Heading,2"'
# The ids of the bookmarks the Contents links to begin here (below are the notes'): the headings'
# (heading-N) from FIRST_HEADING_BOOKMARK, the annexes' (annex, annex-N) from FIRST_ANNEX_BOOKMARK.
FIRST_HEADING_BOOKMARK = 10000
FIRST_ANNEX_BOOKMARK = 20000


def heading_bookmark(anchor: str) -> str:
    """The bookmark of a heading the Contents table lists (Heading.anchor "heading-3", an annex's
    Part.anchor "annex-2"): Word's own Contents field names its bookmarks _Toc..., hidden, as every
    name that starts with "_"."""
    return "_Toc_" + re.sub(r"\W", "_", anchor)


def bookmark_listed(p, anchor: str) -> None:
    """The bookmark of a heading or annex heading the Contents table lists, around its runs."""
    runs = [child for child in p if child.tag != qn("w:pPr")]
    first = FIRST_ANNEX_BOOKMARK if anchor.startswith("annex") else FIRST_HEADING_BOOKMARK
    oxml.bookmark_around(runs, first + int(re.sub(r"\D", "", anchor) or 0), heading_bookmark(anchor))

# A run has one character style: emphasis and strong have one each, and one more for both.
_MARKS = {frozenset(): None, frozenset({"emphasis"}): "UN Emphasis", frozenset({"strong"}): "UN Strong",
          frozenset({"emphasis", "strong"}): "UN Strong Emphasis"}


def direction_runs(text: str, rtl: bool) -> list[tuple[str, bool]]:
    """The text cut where its direction changes, each piece with whether it is right to left.

    A simplified Unicode bidirectional algorithm, for a paragraph right to left when `rtl`: letters
    decide; digits go with the letter before them (after a Latin letter they read left to right,
    "A/61/50"); spaces and marks between two pieces of one direction take it, and the paragraph's
    anywhere else ("A/61/50 و Corr.1." ends with a right-to-left stop). Word sets a piece marked
    right to left (w:rtl) in the complex-script font and orders its spaces and marks right to left.
    """
    classes = [unicodedata.bidirectional(c) for c in text]
    resolved: list[bool | None] = [{"R": True, "AL": True, "L": False}.get(c) for c in classes]
    letter = rtl
    for index, kind in enumerate(classes):
        if resolved[index] is not None:
            letter = resolved[index]
        elif kind in ("EN", "AN"):
            resolved[index] = letter or kind == "AN"
    index = 0
    while index < len(text):
        if resolved[index] is not None:
            index += 1
            continue
        end = next((i for i in range(index, len(text)) if resolved[i] is not None), len(text))
        before = resolved[index - 1] if index else rtl
        after = resolved[end] if end < len(text) else rtl
        resolved[index:end] = [before if before == after else rtl] * (end - index)
        index = end
    return [("".join(c for c, _ in group), key)
            for key, group in itertools.groupby(zip(text, resolved), key=lambda pair: pair[1])]


class Notes:
    """The footnotes part: a note is written where its first reference is; a later reference
    to the same note is a NOTEREF field to a bookmark on the first one."""

    def __init__(self, root, part: Part, version: Version, styles: StyleSet, numbering: Numbering,
                 pictures: Pictures | None = None):
        self.root, self.styles = root, styles
        self.by_id: dict[str, Footnote] = {note.note_id: note for note in version.notes}
        self.writer = Story(part, styles, self, numbering, version.direction == "rtl", pictures)
        self.written: dict[str, list[BaseOxmlElement]] = {}  # note_id -> the runs of its first reference
        self.bookmarks: dict[str, str] = {}
        self.numbered = 0  # the notes Word numbers, so far

    def reference(self, parent, ref: NoteRef) -> None:
        style = self.styles.id("footnote reference")
        note = self.by_id[ref.note_id]
        if ref.note_id in self.written:
            parent.extend(oxml.field(f"NOTEREF {self._bookmark(ref.note_id)} \\f \\h", note.mark, style))
            return
        # Word numbers the notes itself, counting those without a custom mark. A mark that is
        # Word's number ("3") is Word's, set between what the language puts around it ("(3)": no
        # number format of Word's writes parentheses, so they are typed on both sides of Word's
        # number); any other mark ("*") is typed, a custom mark.
        number = re.fullmatch(r"(\D*)(\d+)(\D*)", note.mark)
        automatic = number is not None and int(number.group(2)) == self.numbered + 1
        custom, around = (None, (number.group(1), number.group(3))) if automatic else (note.mark, ("", ""))
        self.numbered += automatic
        note_id = len(self.written) + 1
        runs = oxml.note_reference(note_id, style, custom, around)
        parent.extend(runs)
        self.written[ref.note_id] = runs
        story = self.root.add_note(note_id)
        p = self.writer.paragraph(story, "footnote text")
        p.append(oxml.note_mark(style, custom))
        p.add_r().text = "\t"
        self.writer.inlines(p, note.children)

    def _bookmark(self, note_id: str) -> str:
        if note_id not in self.bookmarks:
            # Word hides bookmarks whose names start with "_"; names are letters, digits and "_".
            name = "_Ref_" + re.sub(r"\W", "_", note_id)[:34]
            self.bookmarks[note_id] = name
            oxml.bookmark_around(self.written[note_id], len(self.bookmarks), name)
        return self.bookmarks[note_id]


class Story:
    """Writes into one part's XML (the body, a header, the notes), whose relationships hold the
    links and images."""

    def __init__(self, part: Part, styles: StyleSet, notes: Notes | None, numbering: Numbering,
                 rtl: bool = False, pictures: Pictures | None = None):
        self.part, self.styles, self.notes, self.numbering, self.rtl = part, styles, notes, numbering, rtl
        self.body_style = "UN Body Text"  # a plain paragraph's style (a draft's preamble has its own)
        self.pictures = pictures or Pictures(FIRST_PICTURE_ID)

    def paragraph(self, parent, style: str, inlines=(), whole: bool = False) -> CT_P:
        p = oxml.append_paragraph(parent)
        p.style = self.styles.id(style)
        self.inlines(p, inlines, whole=whole)
        return p

    def text(self, parent, text: str, style: str | None = None, ltr: bool = False, whole: bool = False) -> None:
        """The text in runs of one direction each (see direction_runs), in the character style;
        with `ltr`, one left-to-right run whatever the paragraph (a symbol, a job number line),
        as dir="ltr" marks it in the HTML. With `whole` (titles and headings), the hyphens of
        compounds are no-break hyphens (render/compounds.py)."""
        for piece, rtl in [(text, False)] if ltr else direction_runs(text, self.rtl):
            run = parent.add_r()
            if style:
                run.style = self.styles.id(style)
            if rtl:
                run.get_or_add_rPr().get_or_add_rtl()
            first, *rest = split_at_hyphens(piece) if whole else [piece]
            run.text = first  # python-docx writes "\t" as <w:tab/> and "\n" as <w:br/>
            for after in rest:
                run.append(oxml.w("noBreakHyphen"))
                _RunContentAppender.append_to_run_from_text(run, after)  # as run.text does

    def inlines(self, parent, nodes: tuple[Inline, ...], marks: frozenset = frozenset(),
                whole: bool = False) -> None:
        for node in nodes:
            if node.kind == "text":
                if node.text:
                    self.text(parent, node.text, _MARKS[marks], whole=whole)
            elif node.kind in ("emphasis", "strong"):
                self.inlines(parent, node.children, marks | {node.kind}, whole)
            elif node.kind == "code":
                self.text(parent, node.text, "UN Code")
            elif node.kind == "linebreak":
                parent.add_r().add_br()
            elif node.kind == "link":
                hyperlink = oxml.w("hyperlink")
                hyperlink.set(qn("r:id"), self.part.relate_to(node.href, RT.HYPERLINK, is_external=True))
                parent.append(hyperlink)  # its text as the text around it: links print as text
                self.inlines(hyperlink, node.children, marks, whole)
            elif node.kind == "noteref":
                self.notes.reference(parent, node)
            elif node.kind == "image":
                self.picture(parent, node, fitted(node.image, self.styles.page.text_width))
            else:
                raise ValueError(f"no DOCX form for the inline {node.kind!r}")

    def picture(self, parent, node: Image, size: tuple[Emu, Emu]) -> None:
        inline = self.pictures.inline(self.part, node.image, *size, node.alt)
        parent.add_r().add_drawing(inline)

    def figure(self, parent, node: Figure) -> None:
        """The label (its number a SEQ field, so that Word renumbers the figures an editor adds)
        and caption in one paragraph kept with the next, the picture's paragraph."""
        if node.label or node.caption:
            p = self.paragraph(parent, "UN Figure Caption")
            if node.label:
                self.text(p, node.before_numeral)
                runs = oxml.field(f"SEQ Figure \\* {SEQ_FORMATS[node.numeral_style]}", node.numeral)
                if self.rtl:
                    for run in runs:
                        run.get_or_add_rPr().get_or_add_rtl()
                p.extend(runs)
                if node.after_numeral:
                    self.text(p, node.after_numeral)
                if node.caption:
                    p.add_r().add_br()
            self.inlines(p, node.caption, frozenset({"strong"}))
        p = self.paragraph(parent, "UN Figure")
        width = Emu(self.styles.page.text_width - self.styles.text_indent)
        self.picture(p, node.image, fitted(node.image.image, width, self.styles.figure_max_height))

    def contents(self, parent, contents: Contents, pages: dict[str, int]) -> None:
        """The Contents table: its heading, its column heads, then a TOC field over the headings,
        its result one paragraph an entry (Word's "toc 2" to "toc 4" styles): the number before a
        tab, the text, a tab with dot leaders to the paragraphs, a tab to the page, a PAGEREF
        field to the heading's bookmark, its result the heading's page in the PDF (`pages`, by
        anchor), until Word updates the field (the settings ask it to on opening); then "Annexes"
        (UN Contents Annexes) and the annexes' entries, in "toc 2", leading to their headings."""
        self.text(self.paragraph(parent, "UN Contents Heading"), contents.heading)
        heads = self.paragraph(parent, "UN Contents Heads")
        self.text(heads, f"\t{contents.paragraphs_head or ''}\t{contents.page_head}")
        field = oxml.field(TOC_FIELD + (TOC_ANNEXES if contents.annexes else ""), "")
        lines = contents.entries + ((contents.annexes_heading,) + contents.annexes if contents.annexes else ())
        for index, entry in enumerate(lines):
            annexes = isinstance(entry, str)  # the line over the annexes
            p = self.paragraph(parent, "UN Contents Annexes" if annexes else f"toc {entry.level + 1}")
            if index == 0:
                p.extend(field[:3])  # begin, instruction, separate
            if annexes:
                self.text(p, entry)
                continue
            link = oxml.w("hyperlink", anchor=heading_bookmark(entry.anchor), history=1)
            p.append(link)
            if entry.number:
                self.text(link, entry.number + "\t")
            self.inlines(link, entry.children, whole=True)
            # The leader to the paragraphs column, the paragraphs at its end, the page at the margin.
            self.text(link, f"\t\t{entry.paragraphs or ''}\t")
            link.extend(oxml.field(f"PAGEREF {heading_bookmark(entry.anchor)} \\h", str(pages.get(entry.anchor, ""))))
            if index == len(lines) - 1:
                p.append(field[-1])  # end
        if not lines:
            p = self.paragraph(parent, "toc 2")
            p.extend(field[:3] + field[-1:])

    def blocks(self, parent, blocks: tuple[Block, ...], quote: bool = False, depth: int = 0) -> None:
        for block in blocks:
            self.block(parent, block, quote, depth)

    def block(self, parent, node: Block, quote: bool = False, depth: int = 0, subparagraph: bool = False) -> None:
        """One block; `subparagraph`: a lettered subparagraph of a numbered paragraph (Part.subparagraphs),
        in UN Subparagraph, set in under its text."""
        if node.kind == "paragraph":
            self.paragraph(parent, "UN Quote" if quote else self.body_style, node.children)
        elif node.kind == "heading":
            style = f"heading {min(node.level, 3) + 1}"
            hanging = node.hanging_number
            if hanging is None:
                p = self.paragraph(parent, style, node.children, whole=True)
            else:
                # The number hangs before a tab, as a numbered paragraph's label: the text starts at
                # the paragraph's text.
                p = self.paragraph(parent, style)
                ind = p.get_or_add_pPr().get_or_add_ind()
                ind.left, ind.hanging = self.styles.text_indent + self.styles.label_width, self.styles.label_width
                self.text(p, hanging[0] + "\t")
                self.inlines(p, hanging[1], whole=True)
            if node.anchor:  # listed in the Contents table, whose entry links to it
                bookmark_listed(p, node.anchor)
        elif node.kind == "labelled":
            style = SUBPARAGRAPH_STYLE if subparagraph else LABEL_STYLES[node.style]
            p = self.paragraph(parent, style)
            num_id = self.numbering.labelled(node, style)
            if not num_id:
                # A label Word cannot count is typed, hanging in the indent as Word's would; the
                # tab takes the text to the indent.
                self.text(p, node.label + "\t")
            if num_id is not None:
                oxml.set_numbering(p, num_id, 0)
            self.inlines(p, node.children)
        elif node.kind == "list":
            num_id = self.numbering.list(node.ordered, node.start, depth)
            for item in node.items:
                for index, child in enumerate(item):
                    if child.kind != "paragraph":
                        self.block(parent, child, quote, depth + 1)
                        continue
                    p = self.paragraph(parent, "UN List Paragraph", child.children)
                    if index == 0:
                        oxml.set_numbering(p, num_id, depth)
                    else:
                        # The item's later paragraphs: unnumbered, set in with its text, as Word's
                        # "List Continue" does, so that they read (and import) as the item's own.
                        p.get_or_add_pPr().get_or_add_ind().set(qn("w:left"), str(self.numbering.item_indent(depth)))
        elif node.kind == "quote":
            self.blocks(parent, node.children, quote=True, depth=depth)
        elif node.kind == "codeblock":
            p = self.paragraph(parent, "UN Code Block")
            self.text(p, node.text.rstrip("\n"))
        elif node.kind == "table":
            self.table(parent, node)
        elif node.kind == "figure":
            self.figure(parent, node)
        else:
            raise ValueError(f"no DOCX form for the block {node.kind!r}")

    def table(self, parent, node: Table) -> None:
        rows = node.header + node.rows
        columns = max(len(row) for row in rows)
        _, props = self.styles.styles["UN Table"]
        width = Emu(self.styles.page.text_width - props.get("indent", 0))
        tbl = CT_Tbl.new_tbl(len(rows), columns, width)
        tbl.tblStyle_val = self.styles.id("UN Table")
        oxml.set_table_look(tbl, self.rtl)
        parent._insert_tbl(tbl)  # before the body's closing sectPr
        for index, (row, tr) in enumerate(zip(rows, tbl.tr_lst)):
            heading = index < len(node.header)
            if heading:
                # Header rows repeat at the top of each page the table runs onto.
                tr.get_or_add_trPr().append(oxml.w("tblHeader"))
            for cell, tc in zip(row, tr.tc_lst):
                style = "UN Table Heading" if heading else "UN Table Text"
                if cell.align in ("center", "right"):
                    style += f" {cell.align.capitalize()}"
                p = tc.p_lst[0]
                p.style = self.styles.id(style)
                self.inlines(p, cell.children)
        # Word has no space after a table: an empty paragraph leaves what a paragraph leaves after
        # it (an empty paragraph is no block to check or import).
        self.paragraph(parent, "UN Table End")
