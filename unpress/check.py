"""Read built artifacts back with independent readers and compare them with the model and each other."""

from __future__ import annotations

import json
import logging
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml import etree
from pypdf import PdfReader, mult

from . import model as m
from .read.content import load_document
from .manifest import Manifest, sha256
from .problems import ContentError, display_path


@dataclass(frozen=True)
class Facts:
    """What a reader of a version sees, or what the model says it must see."""

    symbols: tuple[str, ...]
    masthead: tuple[str, ...]  # distribution, date, version language (translations), original
    notes: tuple[tuple[str, str], ...]  # (mark, text)
    labels: tuple[str, ...]  # labels of lettered and numbered paragraphs, in order
    job: str | None
    document_title: str  # the file's own title: HTML <title>, PDF and DOCX properties
    session: tuple[str, ...] = ()  # the session line, and the Security Council's year line
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


@dataclass(frozen=True)
class Mismatch:
    file: str
    what: str
    expected: object
    found: object

    def __str__(self) -> str:
        return f"{display_path(self.file)}: {self.what}: expected {_show(self.expected)} found {_show(self.found)}"


def _show(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f'"{value}"'
    return json.dumps(value, ensure_ascii=False)


def normalise(text: str) -> str:
    """Text as read: no-break and other spaces are spaces, runs of white space one space, and
    no combining mark that follows a space (it combines with nothing, and PDF text drops it)."""
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))
    text = "".join(c for i, c in enumerate(text)
                   if not (unicodedata.category(c) == "Mn" and (i == 0 or text[i - 1] == " ")))
    return text.strip()


def inline_text(nodes) -> str:
    """The text a reader sees of model inlines; note references show their marks."""
    out = []
    for node in nodes:
        if isinstance(node, m.Text):
            out.append(node.text)
        elif isinstance(node, (m.Emphasis, m.Strong, m.Link)):
            out.append(inline_text(node.children))
        elif isinstance(node, m.Code):
            out.append(node.text)
        elif isinstance(node, m.LineBreak):
            out.append(" ")
        elif isinstance(node, m.NoteRef):
            out.append(node.mark)
    return normalise("".join(out))


def labelled_blocks(part: m.Part) -> list[m.LabelledParagraph]:
    return [block for block in part.blocks if isinstance(block, m.LabelledParagraph)]


def expected_facts(version: m.Version) -> Facts:
    head = version.masthead
    session = tuple(normalise(line) for line in (version.session_line, version.year_line) if line)
    agenda = tuple(normalise(line.before_note + (line.note.mark if line.note else "") + line.after_note)
                   for line in version.agenda)
    title = normalise(version.title)
    return Facts(
        symbols=head.symbols,
        masthead=tuple(normalise(line) for line in (head.distribution, head.date, head.version_language,
                                                      head.original) if line),
        notes=tuple((note.mark, inline_text(note.children)) for note in version.notes),
        labels=tuple(block.label for part in version.parts for block in labelled_blocks(part)),
        job=version.job.line if version.job else None,
        document_title=normalise(version.document_title),
        session=session,
        agenda=agenda,
        title=title,
        front=session + agenda + (title,) + ((normalise(version.kind_line),) if version.kind_line else ()),
        running=version.symbol_line,
        rtl=version.direction == "rtl",
    )


# --- HTML: the DOM --------------------------------------------------------------------------------

def read_html(path: Path) -> Facts:
    root = lxml.html.fromstring(path.read_bytes())

    def texts(selector: str, within=root) -> tuple[str, ...]:
        return tuple(normalise(e.text_content()) for e in within.cssselect(selector))

    notes = []
    for note in root.cssselect(".notes [role=doc-footnote]"):
        mark = normalise(note.cssselect(".note-mark")[0].text_content())
        for element in note.cssselect(".note-mark, [role=doc-backlink]"):
            element.drop_tree()
        notes.append((mark, normalise(note.text_content())))
    title = texts("h1.title")
    job = texts(".job-line")
    return Facts(
        symbols=texts(".masthead .symbol"),
        masthead=texts(".masthead .distribution p"),
        notes=tuple(notes),
        labels=tuple(label.rstrip() for label in texts("main .labelled > .label")),
        job=job[0] if job else None,
        document_title=" ".join(texts("head > title")),
        session=texts(".front .session"),
        agenda=texts(".front .agenda"),
        title=title[0] if title else "",
    )


# --- PDF: the text the pages show, with pypdf -----------------------------------------------------

# Right-to-left letters, and the marks that make a run right to left.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067]")
# What the locales print, as right-to-left pages may draw it (brackets mirrored): a paragraph
# label ("1.", "(a)", "a)", "1 -"), a note mark ("*", "1", "(1)"), a job line ("06-39949 (E) 280806").
_LABEL = re.compile(r"[()]?(?:\d{1,3}|[^\W\d_]{1,2})\s?(?:[.()]|-)")
_NOTE_MARK = re.compile(r"\*+|[()]?\d+[()]?")
_JOB = re.compile(r"[\d\s()*A-Z-]*\d\d-\d{5}[\d\s()*A-Z-]*")


@dataclass(frozen=True)
class _Piece:
    """A run of text as pypdf reports it: where its baseline starts, its size in points."""

    x: float
    y: float
    size: float
    text: str


@dataclass
class _Line:
    """Pieces drawn one after the other on (about) one baseline: a line of a block, with its marks."""

    pieces: list[_Piece]
    rtl: bool = False  # on a right-to-left page, drawn from the left: the last piece is read first

    @property
    def main(self) -> _Piece:
        return max(self.pieces, key=lambda piece: piece.size)  # not a raised note mark

    @property
    def y(self) -> float:
        return self.main.y

    @property
    def size(self) -> float:
        return self.main.size

    @property
    def x(self) -> float:
        return self.pieces[0].x

    @property
    def text(self) -> str:
        return self.read(self.pieces)

    def read(self, pieces: list[_Piece]) -> str:
        return normalise("".join(piece.text for piece in (reversed(pieces) if self.rtl else pieces)))

    def objects(self) -> list[list[_Piece]]:
        """The line's text objects, in the order drawn: pypdf gives the pieces of one the place where it starts."""
        objects: list[list[_Piece]] = []
        for piece in self.pieces:
            if objects and abs(piece.x - objects[-1][0].x) <= 0.01:
                objects[-1].append(piece)
            else:
                objects.append([piece])
        return objects

    def split(self) -> tuple[list[_Piece], list[_Piece]]:
        """The line's first text object, and the rest."""
        first, *rest = self.objects()
        return first, [piece for pieces in rest for piece in pieces]


def _page_lines(page) -> list[_Line]:
    """The lines of a page in the order they are drawn."""
    lines: list[_Line] = []

    def visit(text, cm, tm, font, size) -> None:
        # pypdf reads a subset font with a custom encoding (WeasyPrint writes one when a character
        # has no glyph) two bytes at a time as one, leaving a NUL before each character.
        text = text.replace("\x00", "")
        if not text.strip():
            return
        matrix = mult(tm, cm)
        piece = _Piece(matrix[4], matrix[5], round(size * abs(matrix[3]), 2), text)
        # A note mark is raised by less than a third of the text's size; lines are further apart.
        if lines and abs(piece.y - lines[-1].y) <= 0.35 * max(piece.size, lines[-1].size):
            lines[-1].pieces.append(piece)
        else:
            lines.append(_Line([piece]))

    page.extract_text(visitor_text=visit)
    return lines


def _top_down(lines: list[_Line]) -> list[_Line]:
    return sorted(lines, key=lambda line: (-line.y, line.x))


def _common_size(lines: list[_Line]) -> float:
    """The size most of the text is set in: the body's."""
    sizes: dict[float, int] = {}
    for line in lines:
        for piece in line.pieces:
            sizes[piece.size] = sizes.get(piece.size, 0) + len(piece.text)
    return max(sizes, key=sizes.get)


def _masthead(lines: list[_Line], body: float) -> tuple[list[_Piece], list[_Line], list[_Line]]:
    """The first page: the symbol (the largest type), the distribution block (the first line of
    body size under the symbol and the lines under it in its column) and the lines below them."""
    pieces = [piece for line in lines for piece in line.pieces]
    largest = max(piece.size for piece in pieces)
    symbol = [piece for piece in pieces if piece.size == largest]
    below = [line for line in _top_down(lines) if line.y < min(p.y for p in symbol) - largest / 2]
    block: list[_Line] = []
    for line in below:
        if block and block[-1].y - line.y > 1.6 * line.size:
            break
        if (block and abs(line.x - block[0].x) < 1) or (not block and line.size == body):
            block.append(line)
    rest = [line for line in below if not block or line.y < block[-1].y - body / 2]
    # An organ's second line (a joint document) can reach below the distribution block.
    while rest and rest[0].size > body:
        rest.pop(0)
    return symbol, block, rest


def _notes(lines: list[_Line], body: float) -> list[tuple[str, str]]:
    """Notes at the foot of the page: a line that starts with a mark smaller than the note's text,
    itself smaller than the body's, and the lines that follow it closely in the note's size."""
    notes: list[tuple[str, _Line, list[_Piece]]] = []
    previous: _Line | None = None
    for line in lines:
        first, rest = line.split()
        mark = "".join(piece.text for piece in first).replace(" ", "")
        if rest and max(piece.size for piece in first) < rest[0].size < body and _NOTE_MARK.fullmatch(mark):
            notes.append((re.sub(r"^\)(\d+)\($", r"(\1)", mark), line, list(rest)))  # a mirrored "(1)"
        elif (notes and previous is not None and previous.pieces[-1] in notes[-1][2]
              and line.size == previous.size and 0 < previous.y - line.y <= 1.6 * line.size):
            notes[-1][2].extend(line.pieces)
        previous = line
    return [(mark, line.read(pieces)) for mark, line, pieces in notes]


def _labels(lines: list[_Line], body: float) -> list[str]:
    """A label is set apart from its paragraph's text (it hangs in the indent): the first text
    object of a line in the body's size, when it reads like a label and more of the line follows."""
    found = []
    for line in lines:
        first, rest = line.split()
        label = re.sub(r"(?<=\()\s+|\s+(?=\))", "", line.read(first))  # "(أ )", drawn from the left
        if rest and all(piece.size == body for piece in first) and _LABEL.fullmatch(label):
            found.append(label)
    return found


def read_pdf(path: Path) -> Facts:
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)  # its notes on a damaged file: the check reports the file itself
    try:
        return _read_pdf(PdfReader(path))
    finally:
        log.setLevel(level)


def _read_pdf(reader: PdfReader) -> Facts:
    pages = [_page_lines(page) for page in reader.pages]
    every = [line for lines in pages for line in lines]
    text = "".join(piece.text for line in every for piece in line.pieces)
    if len(_RTL.findall(text)) > len(re.findall(r"[^\W\d_]", text)) / 2:  # a right-to-left document
        for line in every:
            line.rtl = True
    body = _common_size(every)
    symbol, block, rest = _masthead(pages[0], body)
    job = next((line.text for line in pages[0] if _JOB.fullmatch(line.text)), None)
    headers = tuple((f"running header of page {number}",
                     tuple(normalise("".join(p.text for p in pieces)) for pieces in _top_down(lines)[0].objects())
                     if lines else ()) for number, lines in enumerate(pages[1:], start=2))
    metadata = reader.metadata
    return Facts(
        symbols=tuple(normalise(s) for s in "".join(piece.text for piece in symbol).split("\u2013")),
        masthead=tuple(line.text for line in block),
        notes=tuple(note for lines in pages for note in _notes(lines, body)),
        labels=tuple(label for lines in pages for label in _labels(lines, body)),
        job=job,
        document_title=normalise(metadata.title or "") if metadata else "",
        front=tuple(line.text for line in rest),
        headers=headers,
        drawing_order=True,
    )


# --- DOCX: the WordprocessingML parts -----------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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
        labels = [docx.text(p).split("\t")[0].strip() for p in docx.body.iter(f"{_W}p")
                  if docx.style(p) in ("UN Lettered Paragraph", "UN Numbered Paragraph")]
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


READERS: dict[str, Callable[[Path], Facts]] = {"html": read_html, "pdf": read_pdf, "docx": read_docx}


# --- comparison ---------------------------------------------------------------------------------

# A character that right-to-left text mirrors may come out of a PDF as its partner.
_PAIRED = str.maketrans(")]}>»›", "([{<«‹")


def _key(text: str, unordered: bool = False) -> str:
    """What must be equal in two readings of a text: not white space (line breaks, justification,
    spaces around marks) nor invisible characters; `unordered`, not the order either."""
    text = "".join(c for c in unicodedata.normalize("NFKC", text)
                   if not c.isspace() and unicodedata.category(c) != "Cf")
    return "".join(sorted(text.translate(_PAIRED))) if unordered else text


def _same(expected: object, found: object, drawn: bool = False, rtl_lines: bool = False) -> bool:
    """Equal as read. Text `drawn` (from a PDF) keeps no order where it runs right to left: in the
    lines of a right-to-left version (`rtl_lines`), and wherever Arabic or Hebrew script is."""
    if isinstance(expected, tuple) and isinstance(found, tuple):
        return len(expected) == len(found) and all(_same(a, b, drawn, rtl_lines) for a, b in zip(expected, found))
    if isinstance(expected, str) and isinstance(found, str):
        unordered = drawn and (rtl_lines or bool(_RTL.search(expected + found)))
        return _key(expected, unordered) == _key(found, unordered)
    return expected == found


def _window(expected: tuple[str, ...], lines: tuple[str, ...]) -> tuple[str, ...]:
    """The first lines that hold as much text as `expected`: where it must be, line breaks aside."""
    wanted, taken = len(_key(" ".join(expected))), []
    for line in lines:
        if len(_key(" ".join(taken))) >= wanted:
            break
        taken.append(line)
    return tuple(taken)


def compare(file: str, expected: Facts, found: Facts) -> list[Mismatch]:
    drawn, rtl = found.drawing_order, expected.rtl
    names = {  # and whether the field is set in the lines of the version (else left to right on its own)
        "symbols": ("symbol(s) in the masthead", False), "masthead": ("distribution block", False),
        "session": ("session line", rtl), "agenda": ("agenda lines", rtl), "title": ("title", rtl),
        "job": ("job number line", rtl), "labels": ("paragraph labels", rtl),
        "document_title": ("document title in the file's properties", False),
    }
    if found.front is not None:  # the reader sees these only together, as the front's lines
        for key in ("session", "agenda", "title"):
            del names[key]
    mismatches = [Mismatch(file, what, getattr(expected, key), getattr(found, key))
                  for key, (what, in_lines) in names.items()
                  if not _same(getattr(expected, key), getattr(found, key), drawn, in_lines)]
    if found.front is not None:
        window = _window(expected.front, found.front)
        if not _same(" ".join(expected.front), " ".join(window), drawn, rtl):
            mismatches.append(Mismatch(file, "session, agenda and title lines", expected.front, window))
    if len(expected.notes) != len(found.notes):
        mismatches.append(Mismatch(file, "number of footnotes", len(expected.notes), len(found.notes)))
    unmatched = list(found.notes)
    for mark, text in expected.notes:  # by mark: a PDF lists notes page by page
        got = next((note for note in unmatched if note[0] == mark), None)
        if got is not None:
            unmatched.remove(got)
        if got is None or not _same(text, got[1], drawn, rtl):
            mismatches.append(Mismatch(file, f"footnote {mark}", f"{mark} {text}", " ".join(got) if got else None))
    mismatches.extend(Mismatch(file, f"footnote {mark}", None, f"{mark} {text}") for mark, text in unmatched)
    mismatches.extend(Mismatch(file, where, expected.running, " ".join(texts) if texts else None)
                      for where, texts in found.headers if not _holds(texts, expected.running))
    return mismatches


def _holds(texts: tuple[str, ...], wanted: str) -> bool:
    """One of the texts is `wanted`, or several that follow each other are (a symbol set in pieces)."""
    return any(_same(wanted, "".join(texts[start:end]))
               for start in range(len(texts)) for end in range(start + 1, len(texts) + 1))


def part_shape(part: m.Part) -> dict[str, int]:
    """What must be the same in every language version of a part."""
    return {"paragraphs": len(part.blocks), "labels": len(labelled_blocks(part)),
            "footnotes": sum(isinstance(node, m.NoteRef) for node in m.walk(part.blocks))}


def compare_versions(versions: list[m.Version]) -> list[Mismatch]:
    """Language versions of one document agree on symbol and date, and on the shape of each part
    that they both have (an annex may be left untranslated)."""
    mismatches = []
    first = versions[0]
    for other in versions[1:]:
        where = f"{other.file_stem} against {first.file_stem}"
        for what, a, b in (("symbol", first.symbol_line, other.symbol_line),
                           ("date", first.date.isoformat(), other.date.isoformat())):
            if a != b:
                mismatches.append(Mismatch(where, what, a, b))
        theirs = {part.anchor: part for part in first.parts}
        for part in other.parts:
            if part.anchor in theirs:
                expected, found = part_shape(theirs[part.anchor]), part_shape(part)
                mismatches.extend(Mismatch(where, f"{key} in {part.anchor}", expected[key], found[key])
                                  for key in expected if expected[key] != found[key])
    return mismatches


def check_folder(out: Path, content: Path | None = None) -> list[str]:
    """Every problem found in the artifacts listed in `out`/manifest.json, as lines to print."""
    manifest = Manifest.read(out)
    if not manifest.entries:
        return [f"{display_path(out / Manifest.FILE)}: no manifest with artifacts; build into this folder first"]
    lines: list[str] = []
    documents: dict[Path, m.Document] = {}
    for entry in manifest.entries.values():
        path = out / entry.path
        source = (content / Path(entry.path).parent.name) if content else (out / entry.source)
        if not path.is_file():
            lines.append(f"{display_path(path)}: missing: listed in the manifest, not in the folder")
            continue
        if sha256(path.read_bytes()) != entry.sha256:
            lines.append(str(Mismatch(str(path), "sha256", entry.sha256, sha256(path.read_bytes()))))
        if source not in documents:
            try:
                documents[source] = load_document(source)[0]
            except ContentError as error:
                lines.extend(str(problem) for problem in error.problems)
                continue
        version = next((v for v in documents[source].versions if v.lang == entry.lang), None)
        reader = READERS.get(entry.format)
        if version is None or reader is None:
            lines.append(f"{display_path(path)}: cannot check: no {entry.lang} version or no {entry.format} reader")
            continue
        try:
            found = reader(path)
        except Exception as error:  # a damaged file is a finding of the check, not a bug of unpress
            lines.append(f"{display_path(path)}: cannot be read as {entry.format.upper()}: {error!r}")
            continue
        lines.extend(str(x) for x in compare(str(path), expected_facts(version), found))
    for document in documents.values():
        lines.extend(str(x) for x in compare_versions(list(document.versions)))
    return lines
