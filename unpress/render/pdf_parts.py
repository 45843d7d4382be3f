"""A PDF laid out by its parts: the pages up to the first annex, then each annex and enclosure (which
start a new page), each laid out alone, written as a PDF of its own and joined into one.

A part laid out alone has the body it has in the whole document (the pages have the same margins
left and right, and nothing but the margin boxes shows a page number); only its margin boxes
depend on where it starts. WeasyPrint lays out all the pages of a document before it makes their
margin boxes, so a part's start is asked for between the two (`_MarginBoxesFrom`): the parts can be
laid out side by side in processes (`--jobs`), each told its first page number as soon as the parts
before it have been laid out. The PDF is made the same way whatever the number of processes: the
same parts, each written alone and joined, so its bytes do not depend on it.

A document is laid out in one pass instead when it has one part group only, when text of <main>
lies outside its parts, or when a part refers to another's element (a link, or a Contents entry's
page number: WeasyPrint resolves those within one layout).
"""

from __future__ import annotations

import contextlib
import hashlib
import html.parser
import io
import multiprocessing
import multiprocessing.connection
import os
import re
import traceback
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pikepdf
import tinycss2
from weasyprint import layout as weasyprint_layout
from weasyprint.layout.page import set_page_type_computed_styles

from ..processes import end_with_parent

# A part starts a layout of its own when its section has one of these classes (the style sheets
# start them on a new page: `.part.annex, .part.enclosure { break-before: page }`).
_STARTS_A_PAGE = {"annex", "enclosure"}


@dataclass(frozen=True)
class Tag:
    """A start or end tag of a page, where it starts in the text (in characters) and ends."""

    name: str
    start: int
    end: int
    attrs: dict[str, str | None]
    closing: bool = False


def tags(text: str) -> list[Tag]:
    """The tags of an HTML page, in order, as an HTML parser reads them (the content of <style> and
    <script>, comments and attribute values are not tags)."""
    line_starts = [0]  # the parser counts lines by "\n" alone (not by U+2028, which text may have)
    for line in text.split("\n"):
        line_starts.append(line_starts[-1] + len(line) + 1)
    found: list[Tag] = []

    class Tags(html.parser.HTMLParser):
        def _where(self) -> int:
            line, column = self.getpos()
            return line_starts[line - 1] + column

        def handle_starttag(self, tag, attrs):
            start = self._where()
            found.append(Tag(tag, start, start + len(self.get_starttag_text()), dict(attrs)))

        def handle_startendtag(self, tag, attrs):
            self.handle_starttag(tag, attrs)

        def handle_endtag(self, tag):
            start = self._where()
            found.append(Tag(tag, start, text.index(">", start) + 1, {}, closing=True))

    parser = Tags(convert_charrefs=True)
    parser.feed(text)
    parser.close()
    return found


@dataclass(frozen=True)
class Unit:
    """Part of a page laid out alone: its print HTML, and where the page's <p> elements in it are."""

    html: str
    paragraphs: tuple[int, ...]  # the index in the whole page of each <p> of this HTML, in order
    heading_level: int  # of its first heading (h1 to h6), its bookmarks' level in the outline; 0 if none


def _later_part_head(head: str, found: list[Tag]) -> str:
    """The page's beginning (up to the masthead) for a part that does not start the document: the
    `@page :first` rules left out of its style sheets, since its first page is not the document's."""
    styles = [(tag.end, closing.start) for tag, closing in zip(found, found[1:])
              if tag.name == "style" and not tag.closing and closing.name == "style" and closing.closing
              and closing.start <= len(head)]
    for start, end in reversed(styles):
        rules = tinycss2.parse_stylesheet(head[start:end])
        kept = [rule for rule in rules if not (
            rule.type == "at-rule" and rule.lower_at_keyword == "page"
            and tinycss2.serialize(rule.prelude).strip().endswith(":first"))]
        head = head[:start] + tinycss2.serialize(kept) + head[end:]
    return head


def cut(page: str) -> list[Unit] | None:
    """The parts of the print HTML to lay out alone, or None when it is laid out in one pass."""
    found = tags(page)
    masthead = next((t for t in found if t.name == "header" and "masthead" in (t.attrs.get("class") or "").split()), None)
    main = next((t for t in found if t.name == "main" and not t.closing), None)
    main_end = next((t for t in found if t.name == "main" and t.closing), None)
    if masthead is None or main is None or main_end is None:
        return None
    # The sections directly in <main> (sections are never closed implicitly) that start a page.
    starts: list[tuple[int, int]] = []  # (start, end) of each
    depth = 0
    for tag in found:
        if tag.name != "section" or not (main.end <= tag.start < main_end.start):
            continue
        if tag.closing:
            depth -= 1
            if depth == 0 and starts and starts[-1][1] < 0:
                starts[-1] = (starts[-1][0], tag.end)
            continue
        classes = set((tag.attrs.get("class") or "").split())
        if depth == 0 and "part" in classes and classes & _STARTS_A_PAGE:
            starts.append((tag.start, -1))
        elif depth == 0 and starts and starts[-1][1] > 0:
            return None  # a part that does not start a page after one that does
        depth += 1
    if not starts or any(end < 0 for _, end in starts):
        return None
    gaps = [page[end:start] for (_, end), (start, _) in zip(starts, starts[1:])] + [page[starts[-1][1]:main_end.start]]
    if any(gap.strip() for gap in gaps):
        return None  # text between the parts would be in none of them
    ranges = [[(0, starts[0][0]), (main_end.start, len(page))]]
    ranges += [[(0, masthead.start), (main.start, main.end), (start, end), (main_end.start, len(page))]
               for start, end in starts]
    if _refers_across(found, ranges):
        return None
    head = _later_part_head(page[:masthead.start], found)
    paragraph_starts = [t.start for t in found if t.name == "p" and not t.closing]
    units = []
    for index, pieces in enumerate(ranges):
        text = "".join(page[a:b] for a, b in pieces)
        if index:
            text = head + text[masthead.start:]
        paragraphs = tuple(i for i, at in enumerate(paragraph_starts) if any(a <= at < b for a, b in pieces))
        level = next((int(t.name[1]) for t in found if not t.closing and re.fullmatch("h[1-6]", t.name)
                      and any(a <= t.start < b for a, b in pieces[-2 if index else 0:][:1])), 0)
        units.append(Unit(text, paragraphs, level))
    return units


def _refers_across(found: list[Tag], ranges: list[list[tuple[int, int]]]) -> bool:
    """Whether an element of one part links to (href="#...") or takes the page of (data-target) an
    element of another, or a part after the first takes any page number from the text."""
    def unit_of(offset: int) -> int | None:
        # The running elements and the head (before the masthead) are in every part: None.
        inside = [i for i, pieces in enumerate(ranges) if any(a <= offset < b for a, b in pieces)]
        return inside[0] if len(inside) == 1 else None

    ids = {t.attrs["id"]: unit_of(t.start) for t in found if not t.closing and t.attrs.get("id")}
    for tag in found:
        for name in ("href", "data-target"):
            value = tag.attrs.get(name) or ""
            if not value.startswith("#"):
                continue
            unit = unit_of(tag.start)
            if name == "data-target" and unit:
                return True  # its page number would count from the part's first page
            if value[1:] in ids and ids[value[1:]] != unit:
                return True
    return False


class _MarginBoxesFrom:
    """WeasyPrint's make_margin_boxes, for the pages of a part that starts on page `start` of the
    document: the page counter moved on by the pages before it, and left and right pages exchanged
    when it starts on an even page (a document of its own starts on a right page)."""

    def __init__(self, make, html, first_page: Callable[[int], int]):
        self._make = make
        self._html = html
        self._first_page = first_page
        self._shift: int | None = None

    def __call__(self, context, page, state):
        if self._shift is None:  # the first margin boxes: every page of the part has been laid out
            self._shift = self._first_page(len(context.page_maker) - 1) - 1
        if self._shift % 2:
            page.page_type = page.page_type._replace(side="left" if page.page_type.side == "right" else "right")
            set_page_type_computed_styles(page.page_type, self._html, context.style_for)
        counters = dict(state[1])
        counters["page"] = [value + self._shift for value in counters["page"]]
        return self._make(context, page, (state[0], counters, *state[2:]))


@contextlib.contextmanager
def starting_at(html, first_page: Callable[[int], int]) -> Iterator[None]:
    """While a part is laid out: its margin boxes made as those of pages from `first_page(count)`
    on, which is called with the part's number of pages once they are laid out."""
    # weasyprint.layout.layout_document calls its module's make_margin_boxes (WeasyPrint 70).
    make = weasyprint_layout.make_margin_boxes
    weasyprint_layout.make_margin_boxes = _MarginBoxesFrom(make, html, first_page)
    try:
        yield
    finally:
        weasyprint_layout.make_margin_boxes = make


def first_pages(counts: dict[int, int]) -> dict[int, int]:
    """The first page of each part whose parts before it all have their number of pages counted."""
    found, page = {}, 1
    for index in range(len(counts) + 1):
        found[index] = page
        if index not in counts:
            break
        page += counts[index]
    return found


def lay_out_in_processes(count: int, processes: int, make: Callable[[int, Callable[[int], int]], object],
                         cost: Callable[[int], int]) -> list:
    """`make(index, first_page)` for each of `count` parts, in `processes` forked processes; each
    part's `first_page(pages)` is answered when the parts before it have said their pages."""
    loads = [0] * processes
    shares: list[list[int]] = [[] for _ in range(processes)]
    for index in range(count):  # in order, each to the least loaded: each process takes its parts in order
        least = loads.index(min(loads))
        shares[least].append(index)
        loads[least] += cost(index)
    forked = multiprocessing.get_context("fork")
    connections, workers, remaining = [], [], {}
    for share in shares:
        if not share:
            continue
        ours, theirs = forked.Pipe()
        worker = forked.Process(target=_work, args=(theirs, share, make, os.getpid()), daemon=True)
        worker.start()
        theirs.close()
        connections.append(ours)
        workers.append(worker)
        remaining[ours] = len(share)
    counts: dict[int, int] = {}
    waiting: dict[int, multiprocessing.connection.Connection] = {}
    results: dict[int, object] = {}
    try:
        while len(results) < count:
            for connection in multiprocessing.connection.wait([c for c in connections if remaining[c]]):
                try:
                    message = connection.recv()
                except EOFError:
                    raise RuntimeError("a process laying out a part of the PDF ended without its result") from None
                kind, index, value = message
                if kind == "pages":
                    counts[index] = value
                    waiting[index] = connection
                elif kind == "made":
                    results[index] = value
                    remaining[connection] -= 1
                elif isinstance(value, BaseException):
                    raise value
                else:
                    raise RuntimeError(f"laying out part {index + 1} of the PDF failed:\n{value}")
            known = first_pages(counts)
            for index in [i for i in waiting if i in known]:
                waiting.pop(index).send(known[index])
    finally:
        for connection in connections:
            connection.close()
        for worker in workers:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.kill()
    return [results[index] for index in range(count)]


def _work(connection, share: list[int], make, parent: int) -> None:
    end_with_parent(parent)
    for index in share:
        def first_page(pages: int, index=index) -> int:
            connection.send(("pages", index, pages))
            return connection.recv()
        try:
            connection.send(("made", index, make(index, first_page)))
        except BaseException as error:  # the error itself, if it can be sent, for the build to report
            try:
                connection.send(("failed", index, error))
            except Exception:
                connection.send(("failed", index, traceback.format_exc()))
            raise
    connection.close()


def join(parts: list[bytes], levels: list[int]) -> bytes:
    """One PDF of the parts' PDFs, as if written at once: their pages in order, one structure tree
    (each part's elements under the first's Document element, the parent tree's keys renumbered),
    one outline and one name tree of destinations; the catalog and metadata of the first.
    `levels`: the heading level of each part's first bookmark (Unit.heading_level)."""
    with pikepdf.open(io.BytesIO(parts[0])) as pdf, warnings.catch_warnings():
        # pikepdf warns that copied pages lose their named destinations: _join_destinations copies them.
        warnings.filterwarnings("ignore", category=pikepdf.PageCopyWarning)
        tree = pdf.Root.get("/StructTreeRoot")
        keys = _parent_tree_size(pdf) if tree is not None else 0
        tags = {font: None for font in _subset_fonts(pdf)}
        for index, data in enumerate(parts[1:], start=1):
            with pikepdf.open(io.BytesIO(data)) as part:
                _retag_subsets(part, tags)
                if tree is not None:
                    keys += _renumber_parent_keys(part, keys)
                pdf.pages.extend(part.pages)  # before the rest, which refers to the pages copied
                if tree is not None:
                    _join_structure(pdf, part)
                _join_outlines(pdf, part, levels[index] - levels[0])
                _join_destinations(pdf, part)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _subset_fonts(pdf: pikepdf.Pdf) -> dict[str, list[pikepdf.Dictionary]]:
    """The subset tag ("SSXSNX" of "SSXSNX+Tinos-Bold") of each font of the pages, and the font's
    dictionaries that carry its name (the font, its descendant, their descriptors)."""
    found: dict[str, dict[tuple[int, int], pikepdf.Dictionary]] = {}
    for page in pdf.pages:
        for font in page.get("/Resources", {}).get("/Font", {}).values():
            named = [font, *font.get("/DescendantFonts", [])]
            named += [d.FontDescriptor for d in named if "/FontDescriptor" in d]
            name = str(font.get("/BaseFont", ""))
            if len(name) > 8 and name[7] == "+":
                found.setdefault(name[1:7], {}).update({d.objgen: d for d in named})
    return {tag: list(dictionaries.values()) for tag, dictionaries in found.items()}


def _retag_subsets(part: pikepdf.Pdf, used: dict[str, None]) -> None:
    """New subset tags for the part's fonts where an earlier part has the same: each part subsets
    a font for its own pages, and two subsets in one PDF must have different tags (ISO 32000, 9.6.4)."""
    for tag, dictionaries in _subset_fonts(part).items():
        new, turn = tag, 0
        while new in used:
            turn += 1
            digest = hashlib.sha256(f"{tag}{turn}".encode()).digest()
            new = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
        used[new] = None
        if new == tag:
            continue
        for dictionary in dictionaries:
            for key in ("/BaseFont", "/FontName"):
                if key in dictionary and str(dictionary[key]).startswith(f"/{tag}+"):
                    dictionary[key] = pikepdf.Name(f"/{new}+{str(dictionary[key])[8:]}")


def _parent_tree_size(pdf: pikepdf.Pdf) -> int:
    numbers = pdf.Root.StructTreeRoot.ParentTree.Nums
    return max((int(numbers[i]) for i in range(0, len(numbers), 2)), default=-1) + 1


def _renumber_parent_keys(part: pikepdf.Pdf, offset: int) -> int:
    """The part's parent tree keys (and the pages' and annotations' references to them) moved on by
    `offset`; returns how many keys it has."""
    numbers = part.Root.StructTreeRoot.ParentTree.Nums
    size = _parent_tree_size(part)
    for i in range(0, len(numbers), 2):
        numbers[i] = int(numbers[i]) + offset
    for page in part.pages:
        if "/StructParents" in page:
            page.StructParents = int(page.StructParents) + offset
        for annotation in page.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    return size


def _copied(pdf: pikepdf.Pdf, value):
    """`value` of another PDF in `pdf`: its objects copied (once: qpdf maps each to its copy)."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copied(pdf, item) for item in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copied(pdf, item) for key, item in value.items()})
    return value


def _join_structure(pdf: pikepdf.Pdf, part: pikepdf.Pdf) -> None:
    document = pdf.Root.StructTreeRoot.K[0]
    theirs = part.Root.StructTreeRoot
    for kid in _copied(pdf, theirs.K[0].K):
        kid.P = document
        document.K.append(kid)
    pdf.Root.StructTreeRoot.ParentTree.Nums.extend(_copied(pdf, theirs.ParentTree.Nums))


def _join_outlines(pdf: pikepdf.Pdf, part: pikepdf.Pdf, depth: int) -> None:
    """The part's bookmarks after the document's, `depth` levels down (under the last bookmark at
    each level above theirs), as WeasyPrint nests a bookmark under the last one of a lower level."""
    theirs = part.Root.get("/Outlines")
    if theirs is None or "/First" not in theirs:
        return
    if "/Outlines" not in pdf.Root:
        pdf.Root.Outlines = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    parent, path = pdf.Root.Outlines, [pdf.Root.Outlines]
    for _ in range(max(depth, 0)):
        if "/Last" not in parent:
            break
        parent = parent.Last
        path.append(parent)
    first = _copied(pdf, theirs.First)
    if "/First" in parent:
        parent.Last.Next = first
        first.Prev = parent.Last
    else:
        parent.First = first
    item, added = first, 0
    while True:
        item.Parent = parent
        added += 1 + max(int(item.get("/Count", 0)), 0)  # it, and its open descendants
        if "/Next" not in item:
            break
        item = item.Next
    parent.Last = item
    for ancestor in reversed(path):  # each open ancestor shows them; a closed one counts them negatively
        count = int(ancestor.get("/Count", 0))
        ancestor.Count = count - added if count < 0 else count + added
        if count < 0:
            break


def _join_destinations(pdf: pikepdf.Pdf, part: pikepdf.Pdf) -> None:
    names = part.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return
    if "/Names" not in pdf.Root:
        pdf.Root.Names = pdf.make_indirect(pikepdf.Dictionary())
    if "/Dests" not in pdf.Root.Names:
        pdf.Root.Names.Dests = pikepdf.NameTree.new(pdf).obj
    ours = pikepdf.NameTree(pdf.Root.Names.Dests)
    for name, destination in pikepdf.NameTree(names.Dests).items():
        ours[name] = _copied(pdf, destination)
