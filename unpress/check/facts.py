"""What a reader of an artifact sees, and how text is taken as read: shared by the readers and the comparison."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Right-to-left letters, and the marks that make a run right to left.
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067]")


@dataclass(frozen=True)
class Facts:
    """What a reader of a version sees, or what the model says it must see."""

    symbols: tuple[str, ...]
    masthead: tuple[str, ...]  # distribution, date, version language (translations), original
    notes: tuple[tuple[str, str], ...]  # (mark, text)
    labels: tuple[str, ...]  # labels of lettered and numbered paragraphs, in order
    job: str | None
    document_title: str  # the file's own title: HTML <title>, PDF and DOCX properties
    session: tuple[str, ...] = ()  # the session lines: body, session, committee, meeting, Council year
    agenda: tuple[str, ...] = ()  # each line with its note mark: "Point 54 b) de la liste préliminaire*"
    title: str = ""
    # The session, year, agenda, title and kind lines as lines of text. A PDF page does not show
    # where one of them ends and the next begins: its reader gives the lines of the first page
    # under the masthead here, and leaves session, agenda and title empty.
    front: tuple[str, ...] | None = None
    running: str = ""  # the model's running header (the symbol line)
    # Where, and the texts set apart in the running header there (a draft mark can stand beside
    # the symbol); no texts where a header is missing.
    headers: tuple[tuple[str, tuple[str, ...]], ...] = ()
    rtl: bool = False  # the version is written right to left
    # A PDF gives right-to-left text in the order it is drawn, with neutral characters (brackets,
    # full stops) moved, and left-to-right runs inside it in pieces: such text can only be compared
    # by its characters (see _same).
    drawing_order: bool = False
    # Each figure in order: its label and caption as one line ("Figure I Number of migrants"), and
    # its image's alternative text. None from a reader that does not read figures.
    figures: tuple[tuple[str, str], ...] | None = None



def normalise(text: str) -> str:
    """Text as read: no-break and other spaces are spaces, runs of white space one space, and
    no combining mark on a base that is not a letter or digit (a space, a colon): no font composes
    it with its base, and PDF text can drop it (WeasyPrint leaves such a mark out of the font's
    Unicode map when it draws it right to left, as in ":\u0301\u0627")."""
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))
    kept, base = [], ""
    for c in text:
        if unicodedata.category(c) != "Mn":
            base = c
        if base.isalnum() or unicodedata.category(c) != "Mn":
            kept.append(c)
    return "".join(kept).strip()

