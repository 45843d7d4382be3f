"""What the model says each artifact must show, and the comparison of what a reader found with it."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import model as m
from ..manifest import sha256
from ..problems import display_path
from .facts import RTL, Block, Facts, keyed, normalise


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


def figure_facts(version: m.Version) -> tuple[tuple[str, str], ...]:
    """Each figure's label and caption, as one line, and its alternative text."""
    return tuple((normalise(" ".join(text for text in (block.label or "", inline_text(block.caption)) if text)),
                  normalise(block.image.alt))
                 for part in version.parts for block in part.blocks if isinstance(block, m.Figure))


def hanging_labels(version: m.Version):
    """What hangs before a block's text, in order: each labelled paragraph's label and each
    hanging heading number of a report ("I.", "A.")."""
    for part in version.parts:
        for block in part.blocks:
            if isinstance(block, m.LabelledParagraph):
                yield block.label
            elif isinstance(block, m.Heading) and (hanging := block.hanging_number):
                yield hanging[0]


def labelled_blocks(part: m.Part) -> list[m.LabelledParagraph]:
    return [block for block in part.blocks if isinstance(block, m.LabelledParagraph)]


def expected_facts(version: m.Version) -> Facts:
    head = version.masthead
    session = tuple(normalise(line) for line in version.session_lines)
    agenda = tuple(normalise(line.before_note + (line.note.mark if line.note else "") + line.after_note)
                   for line in version.agenda)
    title = "" if version.title_in_heading else normalise(version.title)  # printed as the heading
    return Facts(
        symbols=head.symbols,
        masthead=tuple(normalise(line) for line in (head.distribution, head.date, head.version_language,
                                                      head.original) if line),
        notes=tuple((note.mark, inline_text(note.children)) for note in version.notes),
        labels=tuple(hanging_labels(version)),
        job=version.job.line if version.job else None,
        document_title=normalise(version.document_title),
        session=session,
        agenda=agenda,
        title=title,
        blocks=expected_blocks(version),
        running=version.symbol_line,
        rtl=version.direction == "rtl",
        figures=figure_facts(version),
        images=tuple(sha256(node.image.data) for part in version.parts
                     for node in m.walk(part.blocks) if isinstance(node, m.Image)),
        contents=contents_lines(version.contents) if version.contents else None,
    )


def contents_entry_line(entry: m.ContentsEntry) -> str:
    """An entry of the Contents table as one line: its number, its text and its paragraphs."""
    return normalise(" ".join(text for text in (entry.number, inline_text(entry.children), entry.paragraphs) if text))


def contents_lines(contents: m.Contents) -> tuple[str, ...]:
    """The Contents table as every reader gives it (Facts.contents): the heading, each entry, then
    the line over the annexes and each annex's entry."""
    return ((normalise(contents.heading),) + tuple(contents_entry_line(entry) for entry in contents.entries)
            + ((normalise(contents.annexes_heading),) if contents.annexes_heading else ())
            + tuple(contents_entry_line(entry) for entry in contents.annexes))


def expected_blocks(version: m.Version) -> tuple[Block, ...]:
    """Every block of text a reader must find under the masthead, in reading order (see Block)."""
    blocks: list[Block] = []

    def add(part: str, kind: str, text: str | None) -> None:
        if text and normalise(text):
            blocks.append(Block(normalise(text), part, kind))

    def add_blocks(part: str, nodes, within: str | None = None) -> None:
        for node in nodes:
            if isinstance(node, m.Paragraph):
                add(part, within or "paragraph", inline_text(node.children))
            elif isinstance(node, m.Heading):
                add(part, "heading", inline_text(node.children))
            elif isinstance(node, m.LabelledParagraph):
                add(part, "labelled paragraph", f"{node.label} {inline_text(node.children)}")
            elif isinstance(node, m.ListBlock):
                for item in node.items:
                    add_blocks(part, item, "list item")
            elif isinstance(node, m.Quote):
                add_blocks(part, node.children, "block quote")
            elif isinstance(node, m.CodeBlock):
                add(part, "code block", node.text)
            elif isinstance(node, m.Figure):  # its label and caption, above the image (not text)
                add(part, "caption", " ".join(t for t in (node.label or "", inline_text(node.caption)) if t))
            elif isinstance(node, m.Table):
                for row in node.header + node.rows:
                    for cell in row:
                        add(part, "table cell", inline_text(cell.children))
            else:  # text that check would not compare: it must learn the new kind first
                raise TypeError(f"unpress check has no comparison for a {node.kind} block")

    for line in version.session_lines:
        add("front", "session line", line)
    for line in version.agenda:
        add("front", "agenda line", line.before_note + (line.note.mark if line.note else "") + line.after_note)
    if not version.title_in_heading:  # else the title is printed as the first part's heading
        add("front", "title", version.title)
    add("front", "kind line", version.kind_line)
    add("front", "sponsors line", version.sponsors_line)
    for part in version.parts:
        add(part.anchor, "part label", part.label)
        add(part.anchor, "part heading", inline_text(part.heading))
        if part is version.parts[0]:
            add(part.anchor, "issuer line", version.issued_by)
            if version.summary:
                add("summary", "summary heading", version.summary.label)
                add_blocks("summary", version.summary.blocks)
        add(part.anchor, "original note", part.original_note)
        add(part.anchor, "part title", " ".join(inline_text(line) for line in part.title))
        add_blocks(part.anchor, part.blocks)
        for signature in part.signatures:
            for _, line in signature.lines:
                add(part.anchor, "signature", line)
    return tuple(blocks)


# A character that right-to-left text mirrors may come out of a PDF as its partner.
_PAIRED = str.maketrans(")]}>»›", "([{<«‹")
# What a PDF line may end with where a word is broken over two lines (WeasyPrint's U+2010, or "-").
_HYPHENS = "-\u2010"


def _key(text: str, unordered: bool = False) -> str:
    """What must be equal in two readings of a text (see keyed); `unordered`, not the order either."""
    key = keyed(text)[0]
    return "".join(sorted(key.translate(_PAIRED))) if unordered else key


def _same(expected: object, found: object, drawn: bool = False, rtl_lines: bool = False) -> bool:
    """Equal as read. Text `drawn` (from a PDF) keeps no order where it runs right to left: in the
    lines of a right-to-left version (`rtl_lines`), and wherever Arabic or Hebrew script is."""
    if isinstance(expected, tuple) and isinstance(found, tuple):
        return len(expected) == len(found) and all(_same(a, b, drawn, rtl_lines) for a, b in zip(expected, found))
    if isinstance(expected, str) and isinstance(found, str):
        unordered = drawn and (rtl_lines or bool(RTL.search(expected + found)))
        return _key(expected, unordered) == _key(found, unordered)
    return expected == found


def compare(file: str, expected: Facts, found: Facts) -> list[Mismatch]:
    drawn, rtl = found.drawing_order, expected.rtl
    names = {  # and whether the field is set in the lines of the version (else left to right on its own)
        "symbols": ("symbol(s) in the masthead", False), "masthead": ("distribution block", False),
        "job": ("job number line", rtl), "labels": ("paragraph labels", rtl),
        "document_title": ("document title in the file's properties", False),
        # read apart only by a reader that does not give the blocks, which hold them too
        "session": ("session lines", rtl), "agenda": ("agenda lines", rtl), "title": ("title", rtl),
    }
    apart = ("session", "agenda", "title")
    mismatches = [Mismatch(file, what, getattr(expected, key), getattr(found, key))
                  for key, (what, in_lines) in names.items() if key not in apart or getattr(found, key) is not None
                  if not _same(getattr(expected, key), getattr(found, key), drawn, in_lines)]
    if found.blocks is not None:
        mismatches.extend(compare_blocks(file, expected.blocks, found.blocks, drawn, rtl))
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
    mismatches.extend(Mismatch(file, f"page number of page {page}", str(page), shown)
                      for page, shown in found.page_numbers if shown != str(page))
    mismatches.extend(_compare_contents(file, expected.contents, found, drawn, rtl))
    if found.figures is not None:
        mismatches.extend(_compare_figures(file, expected.figures, found.figures, drawn, rtl))
    if found.images is not None:
        if len(found.images) != len(expected.images):
            mismatches.append(Mismatch(file, "number of images", len(expected.images), len(found.images)))
        else:
            mismatches.extend(Mismatch(file, f"bytes of image {number}", want, got) for number, (want, got)
                              in enumerate(zip(expected.images, found.images), start=1) if want != got)
    mismatches.extend(Mismatch(file, "image", "bytes in the page or in the build folder", problem)
                      for problem in found.image_problems)
    return mismatches


def _compare_contents(file: str, expected: tuple[str, ...] | None, found: Facts, drawn: bool,
                      rtl: bool) -> list[Mismatch]:
    """The Contents table: there where the model has one, its heading and entries in order, each
    printed page (a PDF's) the page its heading is on."""
    if expected is None or found.contents is None:
        return [] if expected == found.contents else [Mismatch(file, "Contents table", expected, found.contents)]
    if len(expected) != len(found.contents):
        return [Mismatch(file, "entries of the Contents table", list(expected[1:]), list(found.contents[1:]))]
    mismatches = [Mismatch(file, "Contents heading" if number == 0 else f"Contents entry {number}", want, got)
                  for number, (want, got) in enumerate(zip(expected, found.contents))
                  if not _same(want, got, drawn, rtl)]
    mismatches.extend(Mismatch(file, f"page of Contents entry {number}", str(target) if target else None, shown)
                      for number, (shown, target) in enumerate(found.contents_pages, start=1)
                      if target is None or shown != str(target))
    return mismatches


def _compare_figures(file: str, expected, found, drawn: bool, rtl: bool) -> list[Mismatch]:
    """Figures by count, then each in order: its label (with its number) and caption, its alternative text."""
    if len(expected) != len(found):
        return [Mismatch(file, "number of figures", len(expected), len(found))]
    mismatches = []
    for number, ((heading, alt), (found_heading, found_alt)) in enumerate(zip(expected, found), start=1):
        if not _same(heading, found_heading, drawn, rtl):
            mismatches.append(Mismatch(file, f"label and caption of figure {number}", heading, found_heading))
        if alt != found_alt:  # read from an attribute, never drawn: compared exactly
            mismatches.append(Mismatch(file, f"alternative text of figure {number}", alt, found_alt))
    return mismatches


class _Text:
    """The blocks of one side as one run of keyed characters, each knowing its block."""

    def __init__(self, blocks: tuple[Block, ...]):
        self.blocks = blocks
        self.keys = [keyed(block.text) for block in blocks]
        self.starts, self.owner, at = [], [], 0
        for index, (key, _) in enumerate(self.keys):
            self.starts.append(at)
            self.owner.extend([index] * len(key))
            at += len(key)
        self.key = "".join(key for key, _ in self.keys)


def compare_blocks(file: str, expected: tuple[Block, ...], found: tuple[Block, ...],
                   drawn: bool = False, rtl: bool = False) -> list[Mismatch]:
    """The found blocks against the model's. A reader of elements (HTML, DOCX, AKN) gives one
    block for each of the model's, compared block by block in order; a PDF's (`drawn`) reader
    gives its lines, compared as one run (see _compare_drawn). White space and invisible
    characters do not count. The first difference in each part is one mismatch; the comparison
    then takes up again where the next part begins."""
    if drawn:
        return _compare_drawn(file, expected, found, rtl)
    # a block of invisible characters only (a heading of a zero-width space) is no text on either side
    expected, found = (tuple(block for block in blocks if keyed(block.text)[0]) for blocks in (expected, found))
    keys = [_key(block.text) for block in found]
    mismatches: list[Mismatch] = []
    at = line = 0  # the model's block, and the found one, compared next
    while at < len(expected):
        if line < len(found) and _key(expected[at].text) == keys[line]:
            at, line = at + 1, line + 1
            continue
        block = expected[at]
        number = 1 + sum(1 for other in expected[:at] if other.part == block.part)
        got = found[line].text if line < len(found) else None
        want_key, got_key = _key(block.text), keys[line] if line < len(found) else ""
        differ = next((i for i, (a, b) in enumerate(zip(want_key, got_key)) if a != b),
                      min(len(want_key), len(got_key)))
        mismatches.append(Mismatch(file, f"{block.part}, block {number} ({block.kind})", _excerpt(block.text, differ),
                                   _excerpt(got, differ) if got else None))
        # Take up again at the first block of a later part, where a found block has its text.
        resumed = next(((start, index) for start in range(at + 1, len(expected))
                        if expected[start].part not in (block.part, expected[start - 1].part)
                        for index in range(line, len(found)) if keys[index] == _key(expected[start].text)), None)
        if resumed is None:
            return mismatches
        at, line = resumed
    if not expected and found:
        mismatches.append(Mismatch(file, "text under the masthead", None, " ".join(b.text for b in found)))
    elif line < len(found):  # text after the model's last block
        mismatches.append(Mismatch(file, f"{expected[-1].part}, after its last block{_page(found[line])}", None,
                                   found[line].text))
    return mismatches


def _compare_drawn(file: str, expected: tuple[Block, ...], found: tuple[Block, ...], rtl: bool) -> list[Mismatch]:
    """A PDF's lines against the model's blocks, character by character in reading order,
    whatever pieces each side keeps apart.

    A line that ends with a hyphen where the model has none is a word broken over two lines. Its
    lines of right-to-left text (all of them in a right-to-left version, `rtl`) are compared by
    their characters: a line holds the text that follows the line before, in an order of its own.
    Where the reader knows the structure element each piece of a line is drawn in (Block.element,
    a tagged PDF's), an element must begin where a block of the model begins, and only there."""
    model, read = _Text(expected), _Text(found)
    text = model.key
    mismatches: list[Mismatch] = []
    at, line = 0, 0  # where the comparison is in the model's text, and in the reader's blocks
    began = [0] * len(found)  # where each found block began in the model's text

    starts = set(model.starts)

    def unordered(piece: str, wanted: str) -> bool:
        return rtl or bool(RTL.search(piece + wanted))

    def begins_block(index: int) -> bool | None:
        """Whether the found block `index` begins an element of the PDF's structure tree or goes on
        with the one before (None: not known). A paragraph that goes on over a page break is an
        element on each page (WeasyPrint tags each page's box): the first on a page may go on."""
        before = next((found[i] for i in range(index - 1, -1, -1) if read.keys[i][0]), None)
        if found[index].element is None or before is None or before.element is None:
            return None
        if found[index].element != before.element and found[index].page != before.page:
            return None
        return found[index].element != before.element

    def matches(index: int, start: int) -> tuple[int | None, int]:
        """How much of the model's text from `start` the found block `index` holds (None: it differs),
        or where the first difference is."""
        key = read.keys[index][0]
        wanted = text[start:start + len(key)]
        if unordered(found[index].text, wanted):
            same = sorted(key.translate(_PAIRED)) == sorted(wanted.translate(_PAIRED))
            return (len(key), start) if same else (None, start)
        if key == wanted:
            return len(key), start
        if key[-1] in _HYPHENS and key[:-1] == text[start:start + len(key) - 1]:
            return len(key) - 1, start
        differ = next((i for i, (a, b) in enumerate(zip(key, wanted)) if a != b), min(len(key), len(wanted)))
        return None, start + differ

    while line < len(found) and text:
        if not read.keys[line][0]:
            line += 1
            continue
        began[line] = at
        if not found[line].legible:
            # Compared by where the next legible block takes up the model's text (within a few
            # times its length), not by its characters.
            following = next((i for i in range(line + 1, len(found)) if read.keys[i][0] and found[i].legible), None)
            if following is None:
                break
            span = 4 * len(read.keys[line][0]) + 40
            start = next((start for start in range(at, min(len(text), at + span) + 1)
                          if matches(following, start)[0] is not None), None)
            if start is not None:
                at, line = start, following
                continue
        taken, where = matches(line, at)
        if taken is None:
            mismatches.append(_mismatch(file, model, found, read, began, where, line))
        else:  # the same text: where the structure's elements begin must be where the model's blocks do
            begins = begins_block(line)
            inside = next((start for start in model.starts if at < start < at + taken), None) if (
                found[line].element is not None) else None
            if begins is not None and begins != (at in starts):  # begins inside a block, or goes on over a start
                where = at
            elif inside is not None:  # a block of the model begins inside this element's text
                where, begins = inside, False
            else:
                at += taken
                line += 1
                continue
            mismatches.append(_boundary_mismatch(file, model, found, read, began, where, line, begins))
        # Take up again where a later part begins, in this found block or a later one.
        part = expected[model.owner[min(where, len(text) - 1)]].part
        later = [model.starts[i] for i, block in enumerate(expected)
                 if model.starts[i] > model.starts[model.owner[min(where, len(text) - 1)]]
                 and block.part != expected[i - 1].part and block.part != part]
        resumed = next(((start, index) for start in later for index in range(line, len(found))
                        if read.keys[index][0] and matches(index, start)[0] is not None), None)
        if resumed is None:
            return mismatches
        at, line = resumed
    if at < len(text) and line >= len(found):  # the found text ends early
        mismatches.append(_mismatch(file, model, found, read, began, at, None))
    elif not text and any(key for key, _ in read.keys):  # text where the model has none
        mismatches.append(Mismatch(file, "text under the masthead", None, " ".join(b.text for b in found)))
    return mismatches


def _mismatch(file: str, model: _Text, found: tuple[Block, ...], read: _Text, began: list[int],
              where: int, line: int | None) -> Mismatch:
    """The model's block at `where` in its text against what was found in its place."""
    if where >= len(model.key):  # text after the end of the model's
        last = model.blocks[-1] if model.blocks else Block("", "front")
        return Mismatch(file, f"{last.part}, after its last block{_page(found[line])}", None, found[line].text)
    index = model.owner[where]
    block = model.blocks[index]
    number = 1 + sum(1 for other in model.blocks[:index] if other.part == block.part)
    start = model.starts[index]
    shown = _found_text(found, read, began, start, where, line)
    page = found[line] if line is not None else None
    return Mismatch(file, f"{block.part}, block {number} ({block.kind}){_page(page)}",
                    _excerpt(block.text, where - start), _excerpt(shown, where - start) if shown else None)


def _boundary_mismatch(file: str, model: _Text, found: tuple[Block, ...], read: _Text, began: list[int],
                       where: int, line: int, begins: bool) -> Mismatch:
    """The model's block at `where` in its text against the structure element of the found block
    `line`, which begins there though the model's block does not (`begins`: the block is cut in
    two), or goes on there from the block before though the model's block begins there."""
    index = model.owner[where]
    block = model.blocks[index]
    number = 1 + sum(1 for other in model.blocks[:index] if other.part == block.part)
    element = found[line].element
    first = line
    while not begins and first > 0 and (found[first - 1].element == element or not read.keys[first - 1][0]):
        first -= 1
    last = line
    while last + 1 < len(found) and (found[last + 1].element == element or not read.keys[last + 1][0]):
        last += 1
    shown = " ".join(found[i].text for i in range(first, last + 1) if read.keys[i][0])
    what = "cut in two" if begins else "not a block of its own"
    return Mismatch(file, f"{block.part}, block {number} ({block.kind}){_page(found[line])}: {what}",
                    _excerpt(block.text, where - model.starts[index]), _excerpt(shown, where - began[first]))


def _page(block: Block | None) -> str:
    return f" on page {block.page}" if block is not None and block.page is not None else ""


def _found_text(found: tuple[Block, ...], read: _Text, began: list[int], start: int, where: int,
                line: int | None) -> str:
    """What was found in the place of the model's block that begins at `start` in its text, up to
    the found block `line` where the difference at `where` showed, whole: a found block that ends
    where the difference is, ends there."""
    if line is None:
        return ""
    first = max((i for i in range(line + 1) if read.keys[i][0] and began[i] <= start), default=line)
    last = line - 1 if line > first and began[line] == where else line
    pieces = []
    for index in range(first, last + 1):
        key, at = read.keys[index]
        if key:
            skip = min(max(0, start - began[index]), len(key) - 1) if index == first else 0
            pieces.append(found[index].text[at[skip]:])
    return " ".join(pieces)


def _excerpt(text: str, at: int, width: int = 80) -> str:
    """A long text cut to the part around its `at`-th keyed character, where the difference is."""
    key, where = keyed(text)
    if len(text) <= 2 * width or not where:
        return text
    centre = where[min(at, len(where) - 1)]
    begin, end = max(0, centre - width), min(len(text), centre + width)
    begin = text.find(" ", begin) + 1 if begin and " " in text[begin:centre] else begin  # whole words
    end = text.rfind(" ", centre, end) if " " in text[centre + 1:end] and end < len(text) else end
    return ("…" if begin else "") + text[begin:end].strip() + ("…" if end < len(text) else "")


def _holds(texts: tuple[str, ...], wanted: str) -> bool:
    """One of the texts is `wanted`, or several that follow each other are (a symbol set in pieces)."""
    return any(_same(wanted, "".join(texts[start:end]))
               for start in range(len(texts)) for end in range(start + 1, len(texts) + 1))


def part_shape(part: m.Part) -> dict[str, int]:
    """What must be the same in every language version of a part."""
    return {"paragraphs": len(part.blocks), "labels": len(labelled_blocks(part)),
            "footnotes": sum(isinstance(node, m.NoteRef) for node in m.walk(part.blocks)),
            "figures": sum(isinstance(block, m.Figure) for block in part.blocks)}


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
