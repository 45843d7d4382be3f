"""Notes at the foot of the page of their reference: the layout that keeps them there, and the check."""

from __future__ import annotations

from weasyprint import DEFAULT_OPTIONS, HTML
from weasyprint.document import Document as Layout
from weasyprint.formatting_structure.boxes import LineBox
from weasyprint.text.fonts import FontConfiguration

from ..model import Version
from ..problems import WARNING, Problem

# WeasyPrint's layout is read through its boxes (page._page_box and below): it has no public API
# for where a page's text area starts or which element a line belongs to.


def note_places(version: Version, pages) -> list[tuple[str, int, int, bool]]:
    """(mark, page of the reference, page of the note, whether the note overflows its page)."""
    where = {}  # anchor -> (page number, whether it starts above the page's text area)
    for number, page in enumerate(pages, start=1):
        top = page._page_box.content_box_y()
        for name, (_, y, _, _) in page.anchors.items():
            where[name] = (number, y < top)
    return [(note.mark, where[note.ref_id][0], *where[note.note_id]) for note in version.notes]


def _paragraphs(page) -> list:
    """The <p> elements of the lines of a page's text, in order, with repeats."""
    # A line box carries the element of the block it is a line of (an inline-block's, its own).
    return [box.element for box in page._page_box.children[0].descendants()
            if isinstance(box, LineBox) and box.element is not None and box.element.tag == "p"]


def _last_paragraph_starting_on(pages, number: int):
    """The last paragraph on page `number`, if it starts on that page."""
    paragraphs = _paragraphs(pages[number - 1])
    # A paragraph that started earlier runs on from the page just before.
    before = _paragraphs(pages[number - 2]) if number > 1 else []
    return paragraphs[-1] if paragraphs and paragraphs[-1] not in before else None


# What keeps with the next block, as the style sheets' break-after: avoid does: headings, an annex's
# label line and its "Original:" line.
_KEPT_WITH_NEXT_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_KEPT_WITH_NEXT_CLASSES = {"part-label", "original-note"}


def _keeps_with_next(element) -> bool:
    return element.tag in _KEPT_WITH_NEXT_TAGS or bool(
        _KEPT_WITH_NEXT_CLASSES.intersection(element.get("class", "").split()))


def _moved_with(paragraph, places: dict):
    """What goes to the next page with the paragraph: the paragraph, or the first of the headings
    right before it (a heading's break-after: avoid is not seen by a break-before set on the
    paragraph after it, which would leave the heading at the foot of the page)."""
    first = element = paragraph
    while (place := places.get(element)) is not None:
        parent, index = place
        if index == 0:  # the first of a list item, a quotation, a part: what comes before its parent
            element = parent
            continue
        if not _keeps_with_next(parent[index - 1]):
            break
        first = element = parent[index - 1]
    return first


class _Footnotes(list):
    """WeasyPrint's list of the notes not yet laid out, in document order, as it is, but for one question.

    For each line it lays out, WeasyPrint 70 asks of every box in the line whether the note the box
    calls is in this list (layout/block.py, `descendant.footnote in context.footnotes`). A box that
    calls no note asks it of None, which a list answers by comparing it with every note still to
    come: a pass over all the notes for each line, which made a document's layout time grow with
    the square of its notes. The answer for None is no, at once; every other question, and the list,
    are WeasyPrint's, so the pages are the same.
    """

    def __contains__(self, note) -> bool:
        return note is not None and super().__contains__(note)

    def copy(self) -> _Footnotes:  # layout_document copies it for each repagination
        return _Footnotes(self)


class _NotesLayout(Layout):
    """WeasyPrint's Document, laid out with `_Footnotes` as the layout's list of notes.

    WeasyPrint has no option for it: its LayoutContext makes a plain list, which its formatting
    structure fills and its layout reads. `_build_layout_context` is where the context is made,
    before either (a private method of WeasyPrint 70; tests/hostile/test_notes_scale.py fails if a
    WeasyPrint no longer calls it)."""

    @classmethod
    def _build_layout_context(cls, *arguments, **options):
        context = super()._build_layout_context(*arguments, **options)
        context.footnotes = _Footnotes(context.footnotes)
        return context


def _render(html: HTML, fonts: FontConfiguration | None) -> Layout:
    """html.render(font_config=fonts), with `_NotesLayout`: HTML.render gives Document._render the
    default options."""
    return _NotesLayout._render(html, fonts, None, None, DEFAULT_OPTIONS.copy())


# Each round lays the whole document out again: a fixed number of them keeps the time of a long
# document in proportion to its length. A note still moved after them is a build warning.
ROUNDS = 3


def lay_out(html: HTML, version: Version, fonts: FontConfiguration | None = None) -> Layout:
    """The pages, with no note moved off the page of its reference where a paragraph can move instead.

    To keep a paragraph's first or last lines together (orphans, widows), WeasyPrint moves notes
    already on the page to the next one. A typesetter moves the paragraph: so the paragraph at the
    foot of that page is made to start the next page (with the headings right before it, which keep
    with it), and the pages are laid out again. One round
    moves the paragraphs of all such pages at once, but of no two pages in a row (moving the first
    shifts what follows it by a page at most, so the second is left to the next round).
    """
    layout = _render(html, fonts)
    root = html.etree_element
    # Each element's parent and place in it, found once: a letter of many notes is thousands of
    # paragraphs in one parent, and a page's paragraph is looked up in it on each moved page.
    places = {child: (parent, index) for parent in root.iter() for index, child in enumerate(parent)}
    for _ in range(ROUNDS):
        pages = sorted({referred for _, referred, placed, overflows in note_places(version, layout.pages)
                        if placed != referred and not overflows})
        chosen: list[int] = []
        for page in pages:
            if chosen and page - chosen[-1] < 2:
                continue
            paragraph = _last_paragraph_starting_on(layout.pages, page)
            if paragraph is not None:
                _moved_with(paragraph, places).set("style", "break-before: page")
                chosen.append(page)
        if not chosen:
            break
        del layout  # the old pages go before the new are made: both at once doubled the peak memory
        layout = _render(html, fonts)
    return layout


def note_problems(version: Version, pages, file: str) -> list[Problem]:
    """Notes that could not be set whole on the page of their reference: WeasyPrint never splits one."""
    problems = []
    for mark, referred, placed, overflows in note_places(version, pages):
        if overflows:
            what = (f"is longer than a page, and is printed over the text of page {placed}: "
                    "shorten it (WeasyPrint cannot split a note across pages)")
        elif placed != referred:
            what = (f"did not fit on page {referred} with the text around its reference, and "
                    f"was moved to page {placed}: shorten the note or that text")
        else:
            continue
        problems.append(Problem(file, None, f"note {mark}", f"the note {what}", "note-too-long", WARNING))
    return problems
