"""Many notes: the print page finds each reference's note by one look-up, not by a pass over all notes.

Times are measured by benchmarks/run.py (its many-notes case), never here: these tests count the
passes over the notes, which a quadratic template makes once per reference.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from unittest import mock

import lxml.html

from unpress.read.content import load_document
from unpress.render import RenderContext, pdf
from unpress.settings import Settings
from unpress.theme import Theme

NOTES = 60


class CountedNotes(tuple):
    """The version's notes, counting each pass over them."""

    passes = 0

    def __iter__(self):
        CountedNotes.passes += 1
        return super().__iter__()


def write_many_notes(folder: Path, count: int) -> Path:
    (folder / "en").mkdir(parents=True)
    (folder / "document.yaml").write_text(
        "symbol: A/61/100\ndistribution: general\ndate: 2006-06-15\noriginal: en\nsession: 61\n"
        "versions:\n  en:\n    title: Notes\n", encoding="utf-8")
    body = "".join(f"Paragraph {n}.[^{n}]\n\n[^{n}]: Note {n}.\n\n" for n in range(count))
    (folder / "en" / "letter.md").write_text("---\nheading: Letter\n---\n\n" + body, encoding="utf-8")
    return folder


def test_the_print_page_passes_over_the_notes_a_fixed_number_of_times(tmp_path):
    document, _ = load_document(write_many_notes(tmp_path / "A_61_100", NOTES))
    version = dataclasses.replace(document.versions[0], notes=CountedNotes(document.versions[0].notes))
    CountedNotes.passes = 0
    with mock.patch.object(pdf, "HTML", lambda **arguments: arguments):  # the page, not its layout
        page = pdf.weasyprint_html(version, RenderContext(document, Theme(), Settings()))["string"]
    assert CountedNotes.passes <= 2, f"{CountedNotes.passes} passes over {NOTES} notes"
    # and every note is still printed once, after its reference
    notes = lxml.html.fromstring(page).find_class("footnote")
    assert [note.get("id") for note in notes] == [f"note-{n}" for n in range(1, NOTES + 1)]
    assert all(note.getprevious().get("id") == f"ref-note-{n}" for n, note in enumerate(notes, start=1))


def test_the_docx_body_is_not_searched_once_per_paragraph(tmp_path, monkeypatch):
    """python-docx's add_p passes over all of the body's children to keep its sectPr last."""
    from docx.oxml.document import CT_Body
    from docx.oxml.xmlchemy import BaseOxmlElement

    from unpress.cli import main

    searches = []
    real = BaseOxmlElement.first_child_found_in

    def counted(self, *tagnames):
        if isinstance(self, CT_Body):
            searches.append(tagnames)
        return real(self, *tagnames)

    monkeypatch.setattr(BaseOxmlElement, "first_child_found_in", counted)
    folder = write_many_notes(tmp_path / "A_61_100", NOTES)
    assert main(["build", str(folder), "--format", "docx", "--out", str(tmp_path / "out"), "--jobs", "1"]) == 0
    assert len(searches) < 10, f"{len(searches)} searches of the body for {NOTES} paragraphs"


class CountedWords:
    """The reader's word pattern, counting the characters it is asked to search."""

    def __init__(self, pattern):
        self.pattern, self.searched = pattern, 0

    def findall(self, text: str) -> list[str]:
        self.searched += len(text)
        return self.pattern.findall(text)


def test_the_reader_searches_each_word_a_fixed_number_of_times(tmp_path, monkeypatch):
    """The check that no typed word is lost searched every note's label again for each paragraph."""
    from unpress.read import markdown

    searched = {}
    for count in (NOTES, 4 * NOTES):
        words = CountedWords(markdown._WORD)
        monkeypatch.setattr(markdown, "_WORD", words)
        document, _ = load_document(write_many_notes(tmp_path / str(count) / "A_61_100", count))
        assert len(document.versions[0].notes) == count
        searched[count] = words.searched
    assert searched[4 * NOTES] < 5 * searched[NOTES], searched  # 16 times as much when quadratic


def test_the_pdf_layout_compares_each_note_a_fixed_number_of_times(tmp_path, monkeypatch):
    """WeasyPrint asked, of each box of each line, whether its note is still to be laid out, by a
    pass over all the notes still to come (pdf_notes._Footnotes answers it for boxes without a note)."""
    from weasyprint.formatting_structure import boxes

    from unpress.render import pdf_notes

    comparisons = 0

    def counted(self, other):
        nonlocal comparisons
        comparisons += 1
        return self is other

    monkeypatch.setattr(boxes.Box, "__eq__", counted, raising=False)  # object's: identity, uncounted
    counts = {}
    for count in (NOTES, 4 * NOTES):
        document, _ = load_document(write_many_notes(tmp_path / str(count) / "A_61_100", count))
        html = pdf.weasyprint_html(document.versions[0], RenderContext(document, Theme(), Settings()))
        comparisons = 0
        layout = pdf_notes._render(html, None)
        counts[count] = comparisons
        assert sum(len(page.anchors) for page in layout.pages) >= 2 * count  # every reference and note
    assert counts[4 * NOTES] < 8 * counts[NOTES], counts  # 4 times as many when linear, 16 when quadratic


def test_keeping_notes_with_their_references_lays_out_only_the_pages_it_changes(tmp_path, monkeypatch):
    """Where WeasyPrint moves a note off the page of its reference, unpress moves the paragraph at
    the foot of that page instead and makes that page again; it never lays the document out again."""
    from weasyprint.layout import page as layout_page

    from unpress.render import pdf_notes

    document, _ = load_document(write_many_notes(tmp_path / "A_61_100", 4 * NOTES))
    version = document.versions[0]
    html = pdf.weasyprint_html(version, RenderContext(document, Theme(), Settings()))
    plain = pdf_notes._render(html, None)
    moved_notes = {referred for _, referred, placed, _ in pdf_notes.note_places(version, plain.pages)
                   if referred != placed}
    assert len(moved_notes) >= 2, "the letter no longer makes WeasyPrint move notes: lengthen it"

    made = []
    make = layout_page.remake_page
    monkeypatch.setattr(layout_page, "remake_page", lambda index, *arguments: made.append(index) or make(index, *arguments))
    html = pdf.weasyprint_html(version, RenderContext(document, Theme(), Settings()))
    layout = pdf_notes.lay_out(html)
    moved = [paragraph for paragraph in html.etree_element.iter("p") if paragraph.get("style") == pdf_notes.MOVED]
    assert all(referred == placed for _, referred, placed, _ in pdf_notes.note_places(version, layout.pages))
    assert 1 <= len(moved) <= len(moved_notes)
    # Each page made once, and once more for each paragraph moved off it; no page added but for those.
    assert len(made) == len(layout.pages) + len(moved), str(made)
    assert len(layout.pages) <= len(plain.pages) + len(moved)


class CountedNoteIndex(dict):
    """A version's notes by label, counting the entries passed over."""

    passed = 0

    def items(self):
        CountedNoteIndex.passed += len(self)
        return super().items()

    def values(self):
        CountedNoteIndex.passed += len(self)
        return super().values()

    def __iter__(self):
        CountedNoteIndex.passed += len(self)
        return super().__iter__()


def test_the_reader_passes_over_the_notes_a_fixed_number_of_times(tmp_path, monkeypatch):
    """The check for a note inside a note numbered every note again for each note."""
    from unpress.read import content, markdown

    @dataclasses.dataclass
    class CountedNumbering(markdown.NoteNumbering):
        def __post_init__(self):
            self.notes = CountedNoteIndex()

    monkeypatch.setattr(content, "NoteNumbering", CountedNumbering)
    passed = {}
    for count in (NOTES, 4 * NOTES):
        CountedNoteIndex.passed = 0
        document, _ = load_document(write_many_notes(tmp_path / str(count) / "A_61_100", count))
        assert len(document.versions[0].notes) == count
        passed[count] = CountedNoteIndex.passed
    assert passed[4 * NOTES] < 5 * passed[NOTES], passed  # 16 times as many when quadratic


def test_the_pdf_writer_lists_the_pages_once_not_for_each_tagged_element(tmp_path, monkeypatch):
    """pydyf made the list of every page's reference each time WeasyPrint asked for one page's,
    once for each element of the structure tree: a pass over the pages for each element."""
    import pydyf

    made = []
    listed = pydyf.PDF.page_references
    monkeypatch.setattr(pydyf.PDF, "page_references", property(lambda pdf: made.append(1) or listed.fget(pdf)))
    folder = write_many_notes(tmp_path / "A_61_100", 4 * NOTES)
    from unpress.cli import main

    assert main(["build", str(folder), "--format", "pdf", "--out", str(tmp_path / "out"), "--jobs", "1"]) == 0
    assert 1 <= len(made) <= 2, f"the pages listed {len(made)} times"
