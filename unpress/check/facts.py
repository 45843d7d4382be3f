"""What a reader of an artifact sees, and how text is taken as read: shared by the readers and the comparison."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Right-to-left letters, and the marks that make a run right to left.
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067]")


@dataclass(frozen=True)
class Block:
    """A block of text in reading order. The model's blocks name their part and kind; a reader of
    elements (HTML, DOCX, AKN) gives one for each of the model's blocks, a PDF's reader the pieces
    of its lines, each with its page and structure element. A new kind of block (a figure's
    caption) is one more of these."""

    text: str
    part: str = ""  # the model's: "front", or a part's anchor ("letter", "annex-2")
    kind: str = ""  # the model's: "paragraph", "table cell", ...
    page: int | None = None  # a PDF reader's: the page the line is on
    legible: bool = True  # False: the reader could not decode its characters (see compare_blocks)
    # A tagged PDF's reader's: the structure element (P, H1, TD ...) the text is drawn in, by its
    # number in the structure tree; the text of one element is one of the model's blocks.
    element: int | None = None


@dataclass(frozen=True)
class Facts:
    """What a reader of a version sees, or what the model says it must see."""

    symbols: tuple[str, ...]
    masthead: tuple[str, ...]  # distribution, date, version language (translations), original
    notes: tuple[tuple[str, str], ...]  # (mark, text)
    labels: tuple[str, ...]  # labels of lettered and numbered paragraphs, in order
    job: str | None
    document_title: str  # the file's own title: HTML <title>, PDF and DOCX properties
    # The session lines (body, session, committee, meeting, Council year), the agenda lines with
    # their note marks, the title: read apart by a reader that does not give the blocks (None:
    # not read apart; they are then the blocks' first ones).
    session: tuple[str, ...] | None = None
    agenda: tuple[str, ...] | None = None
    title: str | None = None
    # The text under the masthead, in reading order: the front (session, agenda, title and kind
    # lines), then each part's headings, paragraphs, list items, table cells, quotes and
    # signatures; None from a reader that does not read it. Notes are not in it: they are
    # compared by their marks.
    blocks: tuple[Block, ...] | None = None
    running: str = ""  # the model's running header (the symbol line)
    # Where, and the texts set apart in the running header there (a draft mark can stand beside
    # the symbol); no texts where a header is missing.
    headers: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The page numbers printed on the pages after the first, as (page, number shown or None): a PDF's.
    page_numbers: tuple[tuple[int, str | None], ...] = ()
    rtl: bool = False  # the version is written right to left
    # A PDF gives right-to-left text in the order it is drawn, with neutral characters (brackets,
    # full stops) moved, and left-to-right runs inside it in pieces: such text can only be compared
    # by its characters, line by line (see compare.py).
    drawing_order: bool = False
    # Each figure in order: its label and caption as one line ("Figure I Number of migrants"), and
    # its image's alternative text. None from a reader that does not read figures.
    figures: tuple[tuple[str, str], ...] | None = None
    # The SHA-256 of each image's bytes in the text (figures and inline images, not the notes'), in
    # order; where an image's address gives no bytes, why ("… leaves the build folder"). None from
    # a reader that does not read images' bytes.
    images: tuple[str, ...] | None = None
    # Why each image outside the text (the emblem) gives no bytes, if it does not.
    image_problems: tuple[str, ...] = ()
    # A report's Contents table (`contents: true`): its heading, then each entry as one line, its
    # number, text and paragraphs ("I. Introduction 1–2"); the column heads and the pages are not in
    # it. None from a reader that found no table; the blocks never hold its text.
    contents: tuple[str, ...] | None = None
    # A reader of pages': each entry's page as printed, and the page its link leads to (None: it
    # leads nowhere), in order.
    contents_pages: tuple[tuple[str | None, int | None], ...] = ()


def normalise(text: str) -> str:
    """Text as read: no-break and other spaces are spaces, runs of white space one space, and
    no combining mark on a base that is not a letter or digit (a space, a colon): no font composes
    it with its base, and PDF text can drop it (WeasyPrint leaves such a mark out of the font's
    Unicode map when it draws it right to left, as in ":\u0301\u0627"). Nor a mark of the Latin,
    Greek and Cyrillic block (U+0300-U+036F) on a right-to-left letter: the font of the letter has
    none, the mark is drawn from another, apart, and a PDF reads it with the text before the
    right-to-left run, which is drawn from its end ("ا\u0301" in an English line)."""
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2011", "-"))
    kept, base = [], ""
    for c in text:
        mark = unicodedata.category(c) == "Mn"
        if not mark:
            base = c
        elif not base.isalnum() or ("\u0300" <= c <= "\u036f" and RTL.match(base)):
            continue
        kept.append(c)
    return "".join(kept).strip()



def keyed(text: str) -> tuple[str, list[int]]:
    """What must be equal in two readings of a text, with where each of its characters comes
    from in `text`: compatibility-decomposed (NFKD: a ligature, a presentation form, a composed
    accent are the letters they stand for), without white space (line breaks, justification,
    spaces around marks) or invisible characters (soft hyphens, zero-width spaces, direction marks)."""
    key, where = [], []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if not part.isspace() and unicodedata.category(part) != "Cf":
                key.append(part)
                where.append(index)
    return "".join(key), where
