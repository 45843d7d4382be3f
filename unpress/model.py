"""The document model: frozen nodes that every renderer reads, and nothing else.

Every string here is final: translated, typographied, numbered and dated. Renderers lay it out;
they never number, translate or format a date themselves (that is what keeps HTML, PDF and DOCX
in agreement).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Union

# A DOCX core property holds at most 255 characters (python-docx refuses more, as Word's own
# limit); the file's title is the same in every format, so it is kept to that everywhere.
TITLE_PROPERTY_LIMIT = 255

# --- inlines -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    kind: ClassVar[str] = "text"
    text: str


@dataclass(frozen=True)
class Emphasis:
    kind: ClassVar[str] = "emphasis"
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    kind: ClassVar[str] = "strong"
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    kind: ClassVar[str] = "code"
    text: str


@dataclass(frozen=True)
class LineBreak:
    kind: ClassVar[str] = "linebreak"


@dataclass(frozen=True)
class Link:
    kind: ClassVar[str] = "link"
    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class NoteRef:
    """A reference to a footnote; `mark` is printed ("*", "1", ...), `note_id` is the note's anchor
    and `ref_id` this reference's own (a note referred to twice has two references)."""

    kind: ClassVar[str] = "noteref"
    mark: str
    note_id: str
    ref_id: str


@dataclass(frozen=True)
class ImageData:
    """The bytes of an image that passed unpress.read.images: a PNG, a JPEG or a checked SVG.

    `width` and `height` are its size in CSS pixels (96 to the inch): a raster's pixels at the
    resolution it declares, an SVG's own size. Writers scale it down to the text width, never up.
    """

    media_type: str  # "image/png" | "image/jpeg" | "image/svg+xml"
    data: bytes = field(repr=False)
    width: float
    height: float
    source: str  # the path as the writer typed it

    @property
    def is_svg(self) -> bool:
        return self.media_type == "image/svg+xml"

    @property
    def extension(self) -> str:
        """The file name extension of its type: "png", "jpg", "svg"."""
        return {"image/png": "png", "image/jpeg": "jpg", "image/svg+xml": "svg"}[self.media_type]


@dataclass(frozen=True)
class Image:
    """An image inside a paragraph, or the image of a figure; `alt` says what it shows."""

    kind: ClassVar[str] = "image"
    alt: str
    image: ImageData


Inline = Union[Text, Emphasis, Strong, Code, LineBreak, Link, NoteRef, Image]

# --- blocks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    children: tuple[Inline, ...]


# The number a heading of a report or note begins with, laid out hanging: "I.", "A.", "1.", and
# the Chinese numerals of Chinese headings ("一.").
_NUMBER = r"^((?:[IVXLCDM]+|[A-Z]|[0-9]{1,3}|[一二三四五六七八九十]+)\.)"
HEADING_NUMBER = re.compile(_NUMBER + r"[ \u00a0]+(?=\S)")
# The same number before the tab a DOCX hangs it by.
HEADING_NUMBER_TAB = re.compile(_NUMBER + r"\t")


@dataclass(frozen=True)
class Heading:
    """A section heading inside a part, as the writer numbered it ("1. Migration ...")."""

    kind: ClassVar[str] = "heading"
    level: int
    children: tuple[Inline, ...]
    # In a report or note, a heading that begins with a number has it hanging before its text.
    hangs: bool = False
    # Its id, which the Contents table links to ("heading-3"); None: not listed in a Contents table.
    anchor: str | None = None

    @property
    def hanging_number(self) -> tuple[str, tuple[Inline, ...]] | None:
        """("I.", the text after it) of a heading laid out with its number hanging, else None;
        `children` keep the whole heading as typed, which is its text in every format."""
        first = self.children[0] if self.children else None
        match = HEADING_NUMBER.match(first.text) if self.hangs and isinstance(first, Text) else None
        if match is None:
            return None
        rest = first.text[match.end():]
        return match.group(1), ((Text(rest),) if rest else ()) + self.children[1:]


@dataclass(frozen=True)
class LabelledParagraph:
    """A lettered subparagraph or numbered paragraph; `label` is in the language's style, and
    `number` its place in the sequence the writer typed (a) is 1, 3. is 3), or that unpress gave
    it under `numbering: auto` (Part.auto_numbered), which a writer that counts labels itself
    (Word's numbering) counts from."""

    kind: ClassVar[str] = "labelled"
    style: str  # "lettered" | "numbered"
    label: str
    children: tuple[Inline, ...]
    number: int


@dataclass(frozen=True)
class ListBlock:
    """A bulleted list, or an ordered list nested where it cannot be a numbered paragraph."""

    kind: ClassVar[str] = "list"
    ordered: bool
    start: int
    items: tuple[tuple[Block, ...], ...]


@dataclass(frozen=True)
class Quote:
    kind: ClassVar[str] = "quote"
    children: tuple[Block, ...]


@dataclass(frozen=True)
class CodeBlock:
    kind: ClassVar[str] = "codeblock"
    text: str


@dataclass(frozen=True)
class TableCell:
    children: tuple[Inline, ...]
    align: str | None = None  # "left" | "center" | "right"


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    header: tuple[tuple[TableCell, ...], ...]
    rows: tuple[tuple[TableCell, ...], ...]


@dataclass(frozen=True)
class Figure:
    """An image alone in its paragraph, numbered across the language version.

    `label` is "Figure II" in the language's style, or None for the only figure of a version (the
    UN Editorial Manual numbers no lone figure); `numeral` is the number as the label writes it
    ("II", "二", "الثاني"), at `numeral_at` in the label, where the DOCX puts its SEQ field.
    """

    kind: ClassVar[str] = "figure"
    anchor: str  # "figure-2"
    number: int
    label: str | None
    numeral: str
    numeral_at: int
    numeral_style: str  # "roman" | "arabic" | "chinese" | "words" (as the locale spells ordinals)
    image: Image
    caption: tuple[Inline, ...]  # the image's title as typed; may be empty

    @property
    def before_numeral(self) -> str:
        return (self.label or "")[: self.numeral_at]

    @property
    def after_numeral(self) -> str:
        return (self.label or "")[self.numeral_at + len(self.numeral):] if self.label else ""


Block = Union[Paragraph, Heading, LabelledParagraph, ListBlock, Quote, CodeBlock, Table, Figure]

# --- document structure ------------------------------------------------------------------------


@dataclass(frozen=True)
class Footnote:
    """A note at the foot of the page; the agenda note has mark "*", the others 1, 2, ..."""

    mark: str
    note_id: str
    ref_id: str  # the first reference to it, where its back link leads
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Signature:
    name: str
    title: str | None
    signed: str  # the printed line, e.g. "(Signé) Alain Cools"
    title_first: bool  # the language prints the title above the signed line (French), else under it

    @property
    def lines(self) -> tuple[tuple[str, str], ...]:
        """("title" | "signed", text) in the order printed."""
        signed = (("signed", self.signed),)
        title = (("title", self.title),) if self.title else ()
        return title + signed if self.title_first else signed + title


@dataclass(frozen=True)
class Part:
    """One Markdown file of a version: the letter (or body), an annex or an enclosure."""

    kind: str  # "letter" | "body" | "annex" | "enclosure" | "summary" (Version.summary)
    anchor: str  # unique within the version: "letter", "annex", "annex-2", ...
    label: str | None  # "Annex II" when the version has several annexes (or enclosures)
    source: str  # the Markdown file it came from
    heading: tuple[Inline, ...]
    title: tuple[tuple[Inline, ...], ...]  # the annex's own title block, one entry a line
    original_note: str | None  # "[Original: French]" for an annex submitted in another language
    blocks: tuple[Block, ...]
    signatures: tuple[Signature, ...]
    # `numbering: auto` in the body's front matter: unpress numbered its top-level paragraphs (the
    # numbered LabelledParagraphs of `blocks`); the writer typed none, and import types none back.
    auto_numbered: bool = False

    @property
    def subparagraphs(self) -> frozenset[int]:
        """The places in `blocks` of the lettered subparagraphs of a numbered paragraph: each
        lettered paragraph after a numbered one, with only lettered paragraphs between (numbers
        typed or given by `numbering: auto` alike). They are set in under its text; any other
        lettered paragraph hangs its letter at the margin (docs/kinds.md)."""
        places, under = set(), False
        for place, block in enumerate(self.blocks):
            lettered = isinstance(block, LabelledParagraph) and block.style == "lettered"
            if lettered and under:
                places.add(place)
            under = under if lettered else isinstance(block, LabelledParagraph)
        return frozenset(places)


@dataclass(frozen=True)
class ContentsEntry:
    """One line of a report's or note's Contents table: a heading of the body, or an annex."""

    level: int  # the heading's level, 1 for the body's top sections (and for an annex)
    # The heading's id (Heading.anchor), which the entry links to; an annex's: its part's (Part.anchor).
    anchor: str
    # Its hanging number ("I."), printed before the text; an annex's: "II." for "Annex II"; None: none.
    number: str | None
    children: tuple[Inline, ...]  # the heading's text after the number, without its note marks
    # The numbered paragraphs of its section, "1\u20136" or "116"; None: it has none.
    paragraphs: str | None


@dataclass(frozen=True)
class Contents:
    """The generated Contents table (`contents: true`), printed after the summary: its heading,
    its column heads and one entry for each heading of the body, levels 1 to 3 (Word's default
    \\o "1-3", which the DOCX's field asks for)."""

    heading: str  # "Contents"
    paragraphs_head: str | None  # "Paragraphs", when some entry has paragraphs; else no column
    page_head: str  # "Page"
    entries: tuple[ContentsEntry, ...]
    # After the entries, the annexes: the line over them ("Annexes", "Annex" for one) and one entry
    # an annex, its number ("I.", none for a lone annex) and its heading; None and () without annexes.
    annexes_heading: str | None = None
    annexes: tuple[ContentsEntry, ...] = ()

    LEVELS: ClassVar[int] = 3


@dataclass(frozen=True)
class AgendaLine:
    text: str  # "Point 54 b) de la liste préliminaire"
    note: NoteRef | None  # the asterisk note that names the list, when the item gives one
    note_at: int | None = None  # where the note's mark goes in the text; None: at its end

    @property
    def before_note(self) -> str:
        return self.text if self.note_at is None else self.text[: self.note_at]

    @property
    def after_note(self) -> str:
        """The text after the mark: empty but in Chinese, "初步清单*项目54(b)"."""
        return "" if self.note_at is None else self.text[self.note_at :]


@dataclass(frozen=True)
class Masthead:
    wordmark: str  # "United Nations"
    organs: tuple[str, ...]  # "General Assembly", ...
    symbols: tuple[str, ...]  # as printed, "A/61/100"
    distribution: str  # "Distr.: General"
    date: str  # the date of issue, in the distribution block's language
    version_language: str | None  # "Français" on a translation, None on the original
    original: str  # "Original: English"
    lang: str  # the language the distribution block is written in
    direction: str  # and its direction: "ltr" in the Arabic version too, whose block is English
    symbol_note: NoteRef | None  # "*" after the symbol of a document reissued for technical reasons


@dataclass(frozen=True)
class JobLine:
    job: str  # "06-39949"
    line: str  # "06-39949 (F) 280806 290806"
    barcode: str  # the Code 39 text, "*0639949*"


@dataclass(frozen=True)
class Version:
    """One language version of a document: everything a renderer needs to lay it out."""

    lang: str
    direction: str  # "ltr" | "rtl"
    file_stem: str  # "A_61_100-FR": outputs are <file_stem>.<ext>
    symbol_line: str  # the symbol(s) as printed in the masthead and the running header
    title: str
    title_in_heading: bool  # the title is the first part's heading, printed there and not again above it
    date: datetime.date
    masthead: Masthead
    # The lines under the masthead before the agenda lines, in order: a council's or commission's
    # name, the session ("Sixty-first session", "Substantive session of 2006"), a Main Committee's
    # name, the place and dates of the meeting, the Security Council's year on a joint document.
    session_lines: tuple[str, ...]
    kind_line: str | None  # "Corrigendum", "Addendum" under the title, from the symbol
    agenda: tuple[AgendaLine, ...]
    job: JobLine | None
    undocs_url: str | None  # only for an assigned symbol
    parts: tuple[Part, ...]
    notes: tuple[Footnote, ...]  # agenda notes first, then the numbered notes in order
    labels: Mapping[str, str]  # interface words ("Notes", "Back to the text", ...), read-only
    # The first label of each kind in this language, {"lettered": "a)", "numbered": "1."}: the
    # form a writer that counts labels itself (Word's numbering) gives the labels an editor adds.
    label_forms: Mapping[str, str]
    # The kind of document (the contract's "Kinds of document"): "letter" | "note" | "report" |
    # "draft-resolution" | "draft-decision"; a document's versions are all of one kind.
    kind: str = "letter"
    # The line under the title of a report or note, "Report of the Secretary-General"; None: none.
    issued_by: str | None = None
    # A draft resolution's or decision's line under the title: "Belgium and France: draft
    # resolution" (the sponsors as typed, the rest from the locale); None in other kinds.
    sponsors_line: str | None = None
    # A report's or note's summary (summary.md): a part of kind "summary" whose label is "Summary"
    # in the version's language, printed in the framed box under the issuer line; None: none.
    summary: Part | None = None
    # `contents: true`: the Contents table, printed after the summary; None: none.
    contents: Contents | None = None

    @property
    def part_files(self) -> tuple[Part, ...]:
        """Every part read from a file, in print order: the summary (summary.md) first, then the
        parts: what is translated, imported and compared between versions file by file."""
        return ((self.summary,) if self.summary else ()) + self.parts

    @property
    def resolution_layout(self) -> bool:
        """The body is a draft resolution's or decision's: its organ line and preambular paragraphs
        indented on their first line, its operative paragraphs numbered with hanging numbers."""
        return self.kind in ("draft-resolution", "draft-decision")

    @property
    def document_title(self) -> str:
        """The title of the whole file, as the HTML <title>, PDF and DOCX properties give it; at most
        TITLE_PROPERTY_LIMIT characters, so that every format can give the same (the printed title
        is never shortened)."""
        title = f"{self.symbol_line}: {self.title}"
        if len(title) <= TITLE_PROPERTY_LIMIT:
            return title
        return title[:TITLE_PROPERTY_LIMIT - 1].rstrip() + "\u2026"


@dataclass(frozen=True)
class Document:
    name: str  # the output folder and file name stem, e.g. "A_61_100"
    source: str  # the content folder
    symbols: tuple[str, ...]
    pending: bool  # a symbol still has XXX in place of its number
    date: datetime.date
    versions: tuple[Version, ...]
    original: str = ""  # the language of the original ("en"); each translated version names it
    kind: str = "letter"  # the kind of every version (Version.kind)


def walk(nodes):
    """Every node in and below `nodes`, in reading order."""
    for node in nodes:
        yield node
        if isinstance(node, ListBlock):
            for item in node.items:
                yield from walk(item)
        elif isinstance(node, Table):
            for row in node.header + node.rows:
                for cell in row:
                    yield from walk(cell.children)
        elif isinstance(node, Figure):
            yield node.image
            yield from walk(node.caption)
        else:
            yield from walk(getattr(node, "children", ()))
