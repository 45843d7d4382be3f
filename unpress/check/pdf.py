"""The PDF reader of `unpress check`: the text the pages show, with pypdf."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, apply_configuration, mult
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from .facts import RTL, Block, Facts, normalise

# What the locales print, as right-to-left pages may draw it (brackets mirrored): a paragraph
# label ("1.", "(a)", "a)", "1 -", a report's heading number "III."), a note mark ("*", "1", "(1)"), a job line ("06-39949 (E) 280806").
_LABEL = re.compile(r"[()]?(?:\d{1,3}|[^\W\d_]{1,2}|[IVXLCDM]{3,8})\s?(?:[.()]|-)")
_NOTE_MARK = re.compile(r"\*+|[()]?\d+[()]?")
# The elements an array of a content stream may have: the glyphs and spacings of the longest word.
MAX_ARRAY_ELEMENTS = 1_000_000
# A list's marker, as a page draws it apart from its item: a bullet, a dash, a number or a letter.
_MARKER = re.compile(r"[\u2022\u25e6\u25aa\u25ab\u2023\u2043\u2219\u25cf\u25cb\u25a0\u25a1\u2013\u2014-]|[()]?(?:\d{1,3}|[^\W\d_]{1,3})[.)]")
_JOB = re.compile(r"[\d\s()*A-Z-]*\d\d-\d{5}[\d\s()*A-Z-]*")


@dataclass(frozen=True)
class _Piece:
    """A run of text as pypdf reports it: where its baseline starts, its size in points."""

    x: float
    y: float
    size: float
    text: str
    legible: bool = True  # pypdf decoded it (see _page_lines)
    mcid: int | None = None  # the marked content it is drawn in, which the structure tree names


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

    @property
    def legible(self) -> bool:
        return all(piece.legible for piece in self.pieces)

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


def _visit_text(page, on_text) -> None:
    """Call on_text(text, cm, tm, size, mcid) for each run of text of the page as pypdf decodes
    it, with the MCID of the marked content it is drawn in (None outside any)."""
    open_marks: list[int | None] = []

    def operator(op: bytes, operands, cm, tm) -> None:
        if op == b"BDC":
            props = operands[1].get_object() if len(operands) > 1 else None
            open_marks.append(int(props["/MCID"]) if isinstance(props, DictionaryObject) and "/MCID" in props
                              else None)
        elif op == b"BMC":
            open_marks.append(None)
        elif op == b"EMC" and open_marks:
            open_marks.pop()

    def text(value, cm, tm, font, size) -> None:
        on_text(value, cm, tm, size, next((mark for mark in reversed(open_marks) if mark is not None), None))

    page.extract_text(visitor_operand_before=operator, visitor_text=text)


def _page_lines(page) -> list[_Line]:
    """The lines of a page in the order they are drawn."""
    lines: list[_Line] = []

    def visit(text, cm, tm, size, mcid) -> None:
        # pypdf reads a subset font with a custom encoding (WeasyPrint writes one when a character
        # has no glyph) one byte at a time instead of two: a code under 256 comes out as a NUL and
        # its character, a larger one as two wrong characters, and the piece cannot be read.
        legible = "\x00" not in text or (len(text) % 2 == 0 and set(text[0::2]) == {"\x00"})
        text = text.replace("\x00", "")
        if not text.strip():
            return
        matrix = mult(tm, cm)
        piece = _Piece(matrix[4], matrix[5], round(size * abs(matrix[3]), 2), text, legible, mcid)
        # A note mark is raised by less than a third of the text's size; lines are further apart.
        if lines and abs(piece.y - lines[-1].y) <= 0.35 * max(piece.size, lines[-1].size):
            lines[-1].pieces.append(piece)
        else:
            lines.append(_Line([piece]))

    _visit_text(page, visit)
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
    # An organ's second line (a joint document) can reach below the distribution block: a line in
    # the organs' size (not a heading's, when a document has no session or agenda lines).
    organs = {line.size for line in below if line not in rest and line.size > body}
    while rest and rest[0].size in organs:
        rest.pop(0)
    return symbol, block, rest


def _notes(lines: list[_Line], body: float) -> list[tuple[str, _Line, list[_Piece]]]:
    """Notes at the foot of the page: a line that starts with a mark smaller than the note's text,
    itself smaller than the body's, and the lines that follow it closely in the note's size; each
    as its mark, its first line and the pieces of its text."""
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
    return notes


def _page_number(line: _Line) -> str | None:
    """The page number in a page's footer line, which may also hold the job number."""
    shown = "".join(piece.text for piece in line.pieces if not _JOB.fullmatch(piece.text.strip())).strip()
    return shown if shown.isdigit() else None


def _body(lines: list[_Line], furniture: set[int]) -> list[_Line]:
    """The page's lines that are not `furniture` (ids of lines), nor a list's marker: a bullet or
    number that the page draws after the text, at the height of its item's first line."""
    kept = [line for line in lines if id(line) not in furniture]
    heights = [line.y for line in kept]
    return [line for index, line in enumerate(kept)
            if not (_MARKER.fullmatch(line.text)
                    and any(abs(y - line.y) < 0.5 for other, y in enumerate(heights) if other < index))]


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


def _line_blocks(line: _Line, page: int, structure: dict[tuple[int, int], int] | None) -> list[Block]:
    """A line of the body on `page` as blocks in reading order: one for each structure element its
    pieces are drawn in, in turn (the cells of a table's row), knowing its element; the whole line,
    not knowing it, in a PDF without a structure tree."""
    if structure is None:
        return [Block(line.text, page=page, legible=line.legible)]
    runs: list[tuple[int | None, list[_Piece]]] = []
    for piece in reversed(line.pieces) if line.rtl else line.pieces:
        element = structure.get((page - 1, piece.mcid)) if piece.mcid is not None else None
        if runs and runs[-1][0] == element:
            runs[-1][1].append(piece)
        else:
            runs.append((element, [piece]))
    return [Block(normalise("".join(piece.text for piece in pieces)), page=page,
                  legible=all(piece.legible for piece in pieces), element=element) for element, pieces in runs]


def _links(reader: PdfReader) -> list[list[tuple[tuple[float, float, float, float], int | None]]]:
    """Each page's links within the document: their rectangles (x0, y0, x1, y1), each with the page
    (counted from 1) its named destination is on, or None where the name leads nowhere."""
    names = {}
    for name, destination in reader.named_destinations.items():
        try:
            index = reader.get_destination_page_number(destination)
        except (KeyError, ValueError, AttributeError):
            continue
        if index is not None and index >= 0:  # pypdf: -1 or None for a page not in the document
            names[str(name)] = index + 1
    pages = []
    for page in reader.pages:
        links = []
        for annotation in page.get("/Annots") or ():
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation and "/Rect" in annotation:
                x0, y0, x1, y1 = (float(value) for value in annotation["/Rect"])
                links.append(((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)),
                              names.get(str(annotation["/Dest"]))))
        pages.append(links)
    return pages


def _contents(lines: list[_Line], links) -> tuple[list[tuple[str, tuple[str | None, int | None] | None]], set[int]]:
    """A page's lines of a Contents table, each entry as its text (number, heading, paragraphs)
    with the page printed and the page its link leads to, a line over entries ("Annexes") as its
    text with None; and the ids of their lines. An entry is a link (its text and dot leaders)
    followed on its last line by its columns; a line that holds a link's leader dots ends an entry,
    a line all in links begins one (a heading too long for one line); a line in no link between
    two entries is a line over the entries after it."""

    def link(piece: _Piece):
        return next((target for (x0, y0, x1, y1), target in links
                     if x0 - 1 <= piece.x <= x1 + 1 and y0 - 1 <= piece.y <= y1 + 1), False)

    entries, ids, pending, between = [], set(), [], []
    for line in _top_down(lines):  # a page draws its relatively placed entries after what follows them
        inside = [(piece, link(piece)) for piece in line.pieces]
        # The leader: a run of three or more dots drawn one by one in a link (a heading's number
        # "I." may be drawn with its full stop apart, right to left).
        dots = [target is not False and piece.text.strip() == "." for piece, target in inside]
        leader = {index for start in range(len(dots)) if dots[start] and (start == 0 or not dots[start - 1])
                  for end in [next((i for i in range(start, len(dots)) if not dots[i]), len(dots))]
                  if end - start >= 3 for index in range(start, end)}
        if not leader:
            if inside and all(target is not False for _, target in inside):
                pending.append(line)
            else:
                pending = []
                if entries and inside and all(target is False for _, target in inside):
                    between.append(line)
            continue
        entries.extend((normalise(earlier.text), None) for earlier in between)
        ids |= {id(earlier) for earlier in between}
        between = []
        text = " ".join(earlier.text for earlier in pending) + " " + line.read(
            [piece for index, (piece, target) in enumerate(inside) if target is not False and index not in leader])
        columns = sorted((piece for piece, target in inside if target is False), key=lambda piece: piece.x)
        # The page is the column furthest from the text: at the right, or at the left of a page
        # set right to left, where the columns are left of the leader.
        before = columns and columns[0].x < min(inside[index][0].x for index in leader)
        page = columns.pop(0 if before else -1) if columns else None
        paragraphs = line.read(columns)
        target = inside[min(leader)][1]  # the page the leader's link leads to
        entries.append((normalise(f"{text} {paragraphs}"), (normalise(page.text) if page else None, target)))
        ids |= {id(earlier) for earlier in pending} | {id(line)}
        pending = []
    return entries, ids


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    kids = kids.get_object() if hasattr(kids, "get_object") else kids
    return list(kids) if isinstance(kids, ArrayObject) else [kids]


def _marked_text(reader: PdfReader, page_index: int) -> dict[int, str]:
    """The text of each piece of marked content (by MCID) of a page, as pypdf decodes it."""
    texts: dict[int, list[str]] = {}

    def text(value, cm, tm, size, mcid) -> None:
        if mcid is not None:
            texts.setdefault(mcid, []).append(value.replace("\x00", ""))

    _visit_text(reader.pages[page_index], text)
    return {mcid: "".join(parts) for mcid, parts in texts.items()}


# The structure elements (PDF/UA tags) that hold a block of text: WeasyPrint's for <p>, <h1>..,
# <td>, <th>, <figcaption>, a list item's body and label; the innermost one around a piece of text is its block.
_BLOCK_TAGS = frozenset("/P /H /H1 /H2 /H3 /H4 /H5 /H6 /TD /TH /Caption /LBody /Lbl".split())


def _structure_blocks(reader: PdfReader) -> dict[tuple[int, int], int] | None:
    """For each marked content (page index, MCID) of the structure tree, the number of the
    block element it is in (in the tree's order); None for a PDF without a structure tree."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        return None
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    found: dict[tuple[int, int], int] = {}
    count = 0
    stack: list[tuple[object, object, int | None]] = [(root.get_object(), None, None)]
    while stack:
        element, page, block = stack.pop()
        page = element.get("/Pg", page)
        if element.get("/S") in _BLOCK_TAGS:
            block, count = count, count + 1
        later = []
        for kid in _kids(element):
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, int) or (isinstance(kid, DictionaryObject) and kid.get("/Type") == "/MCR"):
                on = kid.get("/Pg", page) if isinstance(kid, DictionaryObject) else page
                mcid = int(kid["/MCID"]) if isinstance(kid, DictionaryObject) else int(kid)
                index = pages.get(on.idnum) if on is not None else None
                if index is not None and block is not None:
                    found[(index, mcid)] = block
            elif isinstance(kid, DictionaryObject) and "/S" in kid:
                later.append((kid, page, block))
        stack.extend(reversed(later))
    return found


def _figures(reader: PdfReader) -> tuple[tuple[str, str], ...]:
    """The figures of the structure tree, in its order: a `Figure` beside a `Caption` (WeasyPrint's
    tags for <img> and <figcaption> in a <figure>), with the caption's text and the /Alt. A Figure
    without a Caption beside it is an inline image, or a lone figure without a caption."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        return ()
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    marked: dict[int, dict[int, str]] = {}

    def text_of(element, page=None) -> str:
        page = element.get("/Pg", page)
        out = []
        for kid in _kids(element):
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, int):
                index = pages.get(page.idnum) if page is not None else None
                if index is not None:
                    if index not in marked:
                        marked[index] = _marked_text(reader, index)
                    out.append(marked[index].get(int(kid), ""))
            elif isinstance(kid, DictionaryObject) and kid.get("/Type") == "/MCR":
                out.append(text_of(DictionaryObject({NameObject("/K"): kid["/MCID"]}), kid.get("/Pg", page)))
            elif isinstance(kid, DictionaryObject) and kid.get("/Type") != "/OBJR":
                out.append(text_of(kid, page))
        return " ".join(part for part in out if part)

    found = []
    stack = [root.get_object()]
    while stack:
        element = stack.pop()
        kids = [kid.get_object() for kid in _kids(element) if hasattr(kid, "get_object")]
        kids = [kid for kid in kids if isinstance(kid, DictionaryObject) and "/S" in kid]
        kinds = [kid["/S"] for kid in kids]
        if "/Figure" in kinds and "/Caption" in kinds:
            caption = next(kid for kid in kids if kid["/S"] == "/Caption")
            for figure in (kid for kid in kids if kid["/S"] == "/Figure"):
                found.append((normalise(text_of(caption)), normalise(str(figure.get("/Alt", "")))))
            continue
        stack.extend(reversed(kids))
    return tuple(found)


def read_pdf(path: Path) -> Facts:
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)  # its notes on a damaged file: the check reports the file itself
    try:
        # A word of 100,000 characters is one array of glyphs and spacings in the page's content
        # stream, over pypdf's default bound; the stream's parsing budget still bounds the work.
        with apply_configuration(array_maximum_element_count=MAX_ARRAY_ELEMENTS):
            return _read_pdf(PdfReader(path))
    finally:
        log.setLevel(level)


def _read_pdf(reader: PdfReader) -> Facts:
    pages = [_page_lines(page) for page in reader.pages]
    structure = _structure_blocks(reader)
    every = [line for lines in pages for line in lines]
    text = "".join(piece.text for line in every for piece in line.pieces)
    if len(RTL.findall(text)) > len(re.findall(r"[^\W\d_]", text)) / 2:  # a right-to-left document
        for line in every:
            line.rtl = True
    body = _common_size(every)
    symbol, block, rest = _masthead(pages[0], body)
    job = next((line for line in pages[0] if _JOB.fullmatch(line.text)), None)
    notes, blocks, headers, numbers = [], [], [], []
    links = _links(reader)
    contents: list[str] | None = None
    contents_pages, labels = [], []
    for number, lines in enumerate(pages, start=1):
        on_page = _notes(lines, body)
        notes.extend((mark, line.read(pieces)) for mark, line, pieces in on_page)
        in_notes = {id(piece) for _, line, pieces in on_page for piece in line.pieces + pieces}
        # Page furniture: the masthead, the notes, the running header (the topmost line of a later
        # page) and the page number under the text; the job line under the first page's notes.
        furniture = {id(line) for line in lines if any(id(piece) in in_notes for piece in line.pieces)}
        if number == 1:
            under = {id(line) for line in rest}
            furniture |= {id(line) for line in lines if id(line) not in under}
            if job is not None and job.size < body:
                furniture.add(id(job))
        elif lines:
            top = _top_down(lines)[0]
            headers.append((f"running header of page {number}",
                            tuple(normalise("".join(p.text for p in pieces)) for pieces in top.objects())))
            furniture.add(id(top))
            foot = min((line for line in lines if id(line) not in furniture), key=lambda line: line.y, default=None)
            shown = _page_number(foot) if foot is not None else None
            numbers.append((number, shown))
            if shown is not None:
                furniture.add(id(foot))
        else:
            headers.append((f"running header of page {number}", ()))
            numbers.append((number, None))
        body_lines = _body(lines, furniture)
        entries, in_contents = _contents(body_lines, links[number - 1])
        if entries and contents is None:  # its heading and column heads are the two lines above it
            top = max(line.y for line in body_lines if id(line) in in_contents)
            heads = _top_down([line for line in body_lines if line.y > top])[-2:]
            in_contents |= {id(line) for line in heads}
            contents = [heads[0].text if len(heads) == 2 else ""]
        if entries:
            contents.extend(text for text, _ in entries)
            contents_pages.extend(pages for _, pages in entries if pages is not None)
        body_lines = [line for line in body_lines if id(line) not in in_contents]
        labels.extend(_labels([line for line in lines if id(line) not in in_contents], body))
        blocks.extend(block for line in body_lines for block in _line_blocks(line, number, structure))
    metadata = reader.metadata
    return Facts(
        symbols=tuple(normalise(s) for s in "".join(piece.text for piece in symbol).split("\u2013")),
        masthead=tuple(line.text for line in block),
        notes=tuple(notes),
        labels=tuple(labels),
        job=job.text if job is not None else None,
        document_title=normalise(metadata.title or "") if metadata else "",
        blocks=tuple(blocks),
        headers=tuple(headers),
        page_numbers=tuple(numbers),
        drawing_order=True,
        figures=_figures(reader),
        contents=tuple(contents) if contents is not None else None,
        contents_pages=tuple(contents_pages),
    )
