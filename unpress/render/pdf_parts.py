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
import html.parser
import multiprocessing
import multiprocessing.connection
import os
import re
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass

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
                         cost: Callable[[int], int], made: Callable[[int, object], None]) -> list:
    """`make(index, first_page)` for each of `count` parts, in `processes` forked processes; each
    part's `first_page(pages)` is answered when the parts before it have said their pages, and
    `made(index, result)` is called here with each part's result in order, as soon as it can be."""
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
    handed = 0  # the parts handed to made(), in order
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
            while handed in results:  # here the process waits for the others: it joins what it has
                made(handed, results[handed])
                handed += 1
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
