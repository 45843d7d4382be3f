"""Notes at the foot of the page of their reference: the layout that keeps them there, and the check."""

from __future__ import annotations

from weasyprint import DEFAULT_OPTIONS, HTML
from weasyprint.layout import page as layout_page
from weasyprint.document import Document as Layout
from weasyprint.formatting_structure.boxes import LineBox
from weasyprint.text.fonts import FontConfiguration

from ..model import Version
from ..problems import WARNING, Problem

# WeasyPrint's layout is read through its boxes (page._page_box and below): it has no public API
# for where a page's text area starts or which element a line belongs to.


def note_places(version: Version, pages, first_page: int = 1) -> list[tuple[str, int, int, bool]]:
    """(mark, page of the reference, page of the note, whether the note overflows its page) of each
    note referred to on `pages` (all the notes, or those of a part), numbered from `first_page`."""
    where = {}  # anchor -> (page number, whether it starts above the page's text area)
    for number, page in enumerate(pages, start=first_page):
        top = page._page_box.content_box_y()
        for name, (_, y, _, _) in page.anchors.items():
            where[name] = (number, y < top)
    return [(note.mark, where[note.ref_id][0], *where[note.note_id]) for note in version.notes
            if note.ref_id in where]


def _paragraphs(page_box) -> list:
    """The <p> elements of the lines of a laid-out page's text, in order, with repeats."""
    # A line box carries the element of the block it is a line of (an inline-block's, its own).
    return [box.element for box in page_box.children[0].descendants()
            if isinstance(box, LineBox) and box.element is not None and box.element.tag == "p"]


def _last_paragraph_starting_on(page_box, previous_page_box):
    """The last paragraph of a page, if it starts on that page."""
    paragraphs = _paragraphs(page_box)
    # A paragraph that started earlier runs on from the page just before.
    before = _paragraphs(previous_page_box) if previous_page_box is not None else []
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


# The style given to a paragraph that lay_out makes start the next page (pdf.as_laid_out writes it
# into the print HTML, so that the file alone lays out to the same pages).
MOVED = "break-before: page"


# How many paragraphs may be moved off one page to keep its notes there: each move lays out that
# page alone again, so a fixed number keeps the time of a long document in proportion to its length.
# A note still moved after them is a build warning.
MOVES_PER_PAGE = 3


class _PageState:
    """What making a page changes in WeasyPrint's layout state, and making it again must start
    from: the notes still to lay out, those moved to it from the page before, the floats and
    positioned boxes broken across it (the page replaces this dict, it does not change it) and
    the notes already rendered. The page's running elements are not among them: WeasyPrint's
    remake_page takes those of the page's last making as its own, as when it makes a page again
    for a counter (they are the same here, and so the page is not made a third time)."""

    def __init__(self, context, page_number: int):
        self.page_number = page_number
        self.footnotes = list(context.footnotes)
        self.reported_footnotes = list(context.reported_footnotes)
        self.broken_out_of_flow = context.broken_out_of_flow
        self.rendered_notes = len(context.rendered_notes)

    def restore(self, context) -> None:
        context.footnotes[:] = self.footnotes
        context.reported_footnotes[:] = self.reported_footnotes
        context.broken_out_of_flow = self.broken_out_of_flow
        del context.rendered_notes[self.rendered_notes:]
        remake_state = context.page_maker[self.page_number - 1][-1]  # as make_all_pages resets it
        remake_state.update(anchors=[], content_lookups=[])


class _PageKeepingNotes:
    """WeasyPrint's remake_page (layout/page.py), laying out a page again, with its last paragraph
    made to start the next page, as long as WeasyPrint moved notes of the page to the next one.

    To keep a paragraph's first or last lines together (orphans, widows), WeasyPrint moves notes
    already on the page to the next one. A typesetter moves the paragraph: so the paragraph at the
    foot of that page is made to start the next page (with the headings right before it, which keep
    with it), and the page is made again, before the pages after it are made from where it ends.
    Only that page is laid out twice: a document of many notes costs one layout, not one per round.
    """

    def __init__(self, make, html: HTML):
        self._make = make  # WeasyPrint's remake_page
        root = html.etree_element
        # Each element's parent and place in it, found once: a letter of many notes is thousands of
        # paragraphs in one parent, and a page's paragraph is looked up in it on each moved page.
        self._places = {child: (parent, index) for parent in root.iter() for index, child in enumerate(parent)}
        self._boxes = None  # element -> its box in WeasyPrint's tree, found at the first page
        self._made: dict[int, object] = {}  # page index -> the page box last made there

    def __call__(self, index, context, root_box, html):
        before = _PageState(context, index + 1)
        page, resume_at = self._make(index, context, root_box, html)
        for _ in range(MOVES_PER_PAGE):
            if not context.reported_footnotes:
                break
            paragraph = _last_paragraph_starting_on(page, self._made.get(index - 1))
            if paragraph is None:
                break
            moved = _moved_with(paragraph, self._places)
            if moved.get("style") == MOVED:  # already starts this page: moving it again gains nothing
                break
            moved.set("style", MOVED)  # for the print HTML (pdf.as_laid_out)
            box = self._box_of(root_box, moved)
            box.style = box.style.copy()  # WeasyPrint shares one style among paragraphs styled alike
            box.style["break_before"] = "page"
            before.restore(context)
            page, resume_at = self._make(index, context, root_box, html)
        self._made[index] = page
        return page, resume_at

    def _box_of(self, root_box, element):
        if self._boxes is None:
            self._boxes = {}
            for box in root_box.descendants():
                if box.element is not None and box.element_tag == box.element.tag:
                    self._boxes.setdefault(box.element, box)
        return self._boxes[element]


def lay_out(html: HTML, fonts: FontConfiguration | None = None) -> Layout:
    """The pages, with no note moved off the page of its reference where a paragraph can move instead."""
    # WeasyPrint has no hook between pages: its make_all_pages calls the module's remake_page for
    # each page it makes, so that is replaced while this document is laid out (a private function
    # of WeasyPrint 70; tests/pdf/test_pdf_render.py fails if WeasyPrint no longer calls it).
    make = layout_page.remake_page
    layout_page.remake_page = _PageKeepingNotes(make, html)
    try:
        return _render(html, fonts)
    finally:
        layout_page.remake_page = make


def note_problems(places: list[tuple[str, int, int, bool]], file: str) -> list[Problem]:
    """Notes that could not be set whole on the page of their reference (`places`, of note_places):
    WeasyPrint never splits one."""
    problems = []
    for mark, referred, placed, overflows in places:
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
