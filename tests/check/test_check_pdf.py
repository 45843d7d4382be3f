"""`unpress check` reads a PDF's pages with pypdf and catches each kind of damage to what they show."""

from __future__ import annotations

import dataclasses
import shutil
import unicodedata
from pathlib import Path

import pytest

from tests.check.damage import check, rerecord, rerender, with_label, with_masthead, with_note
from unpress.cli import main

HERE = Path(__file__).parent
FIXTURES = HERE.parent / "fixtures"


def build(tmp_path: Path, folder: Path) -> tuple[Path, Path]:
    content = tmp_path / "content" / folder.name
    shutil.copytree(folder, content)
    out = tmp_path / "dist"
    assert main(["build", str(content), "--format", "pdf", "--out", str(out)]) == 0
    (pdf,) = out.glob("*/*.pdf")
    return content, pdf


DAMAGE = {
    "symbol in the running header": (
        lambda v: dataclasses.replace(v, symbol_line="A/61/101"),
        'running header of page 2: expected "A/61/100" found "A/61/101"'),
    "no running header": (
        lambda v: dataclasses.replace(v, symbol_line=""),
        'running header of page 2: expected "A/61/100" found "Annex to the letter dated 13 April 2006'),
    "symbol in the masthead": (
        lambda v: with_masthead(v, symbols=("A/61/101",)),
        'symbol(s) in the masthead: expected ["A/61/100"] found ["A/61/101"]'),
    "date": (
        lambda v: with_masthead(v, date="16 June 2006"),
        'distribution block: expected ["Distr.: General", "15 June 2006", "Original: English"] '
        'found ["Distr.: General", "16 June 2006", "Original: English"]'),
    "original language": (
        lambda v: with_masthead(v, original="Original: French"),
        'distribution block: expected ["Distr.: General", "15 June 2006", "Original: English"] '
        'found ["Distr.: General", "15 June 2006", "Original: French"]'),
    "dropped footnote": (
        lambda v: with_note(v, "3", None),
        "number of footnotes: expected 4 found 3"),
    "footnote text": (
        lambda v: with_note(v, "3", "The Egmont Palace hosted a conference."),
        'footnote 3: expected "3 The Egmont Palace hosted the Conference." '
        'found "3 The Egmont Palace hosted a conference."'),
    "asterisk note": (
        lambda v: with_note(v, "*", "A/61/51 and Corr.1."),
        'footnote *: expected "* A/61/50 and Corr.1." found "* A/61/51 and Corr.1."'),
    "label": (
        lambda v: with_label(v, "(b)", "(c)"),
        'paragraph labels: expected ["1.", "2.", "(a)", "(b)"] found ["1.", "2.", "(a)", "(c)"]'),
    "agenda": (
        lambda v: dataclasses.replace(v, agenda=(dataclasses.replace(
            v.agenda[0], text="Item 54 (b) of the provisional agenda", note_at=None),)),
        'front, block 2 (agenda line) on page 1: expected "Item 54 (b) of the preliminary list*" '
        'found "Item 54 (b) of the provisional agenda*"'),
    "title": (
        lambda v: dataclasses.replace(v, title="Globalization and interdependence: international migration"),
        'front, block 3 (title) on page 1: expected "Globalization and interdependence: international '
        'migration and development" found "Globalization and interdependence: international migration"'),
    "session": (
        lambda v: dataclasses.replace(v, session_lines=("Sixty-second session",)),
        'front, block 1 (session line) on page 1: expected "Sixty-first session" found "Sixty-second session"'),
    "job number": (
        lambda v: dataclasses.replace(v, job=dataclasses.replace(v.job, line="06-39948 (E) 280806")),
        'job number line: expected "06-39949 (E) 280806" found "06-39948 (E) 280806"'),
    "no job number": (
        lambda v: dataclasses.replace(v, job=None),
        'job number line: expected "06-39949 (E) 280806" found nothing'),
}


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path]:
    return build(tmp_path, FIXTURES / "A_61_100")


def test_a_fresh_build_passes(built, capsys):
    content, pdf = built
    assert check(pdf.parents[1], capsys) == (0, [])


@pytest.mark.parametrize("kind", DAMAGE)
def test_each_kind_of_damage_is_caught(built, capsys, kind):
    content, pdf = built
    change, message = DAMAGE[kind]
    rerender(pdf, content, change)
    status, lines = check(pdf.parents[1], capsys)
    assert status == 1
    assert any(line.startswith(f"{pdf}: sha256: expected") for line in lines)  # the manifest saw it too
    assert any(line.startswith(f"{pdf}: {message}") for line in lines), lines
    assert all(line.startswith(str(pdf)) for line in lines)


def test_a_draft_passes_with_its_mark_beside_the_running_symbol(tmp_path, capsys):
    out = tmp_path / "dist"
    assert main(["build", str(FIXTURES / "A_61_100"), "--format", "pdf,docx", "--draft", "--out", str(out)]) == 0
    assert check(out, capsys) == (0, [])


def test_a_truncated_pdf_is_reported_as_unreadable(built, capsys):
    content, pdf = built
    pdf.write_bytes(pdf.read_bytes()[:1000])
    status, lines = check(pdf.parents[1], capsys)
    assert status == 1
    assert lines[1].startswith(f"{pdf}: cannot be read as PDF: PdfStreamError(") and len(lines) == 2


def test_the_same_model_rendered_again_passes(built, capsys):
    """The damage tests' way of making a PDF does not itself make a difference."""
    content, pdf = built
    rerender(pdf, content, lambda version: version)
    assert check(pdf.parents[1], capsys) == (0, [])


# A right-to-left version: its PDF gives the text of each line in the order it is drawn, brackets
# mirrored and left-to-right runs in pieces, so `check` compares the characters of its lines.
RTL_DAMAGE = {
    "label": (lambda v: with_label(v, "(ب)", "(ج)"), 'paragraph labels: expected ["(أ)", "(ب)", "1 -", "2 -"]'),
    "dropped footnote": (lambda v: with_note(v, "(2)", None), "number of footnotes: expected 3 found 2"),
    "footnote text": (lambda v: with_note(v, "(1)", "نظمت المؤتمر مملكة بلجيكا."),
                      'footnote (1): expected "(1) نظمت المؤتمر مملكة بلجيكا (انظر A/61/50)." found'),
    "job number": (lambda v: dataclasses.replace(v, job=dataclasses.replace(v.job, line="06-39951 (A)")),
                   'job number line: expected "06-39950 (A)" found'),
    "symbol in the running header": (lambda v: dataclasses.replace(v, symbol_line="A/61/201"),
                                     'running header of page 2: expected "A/61/200" found "A/61/201"'),
}


@pytest.fixture
def built_rtl(tmp_path) -> tuple[Path, Path]:
    return build(tmp_path, HERE / "content" / "A_61_200")


def test_a_fresh_build_of_a_right_to_left_version_passes(built_rtl, capsys):
    content, pdf = built_rtl
    assert check(pdf.parents[1], capsys) == (0, [])


@pytest.mark.parametrize("kind", RTL_DAMAGE)
def test_damage_to_a_right_to_left_version_is_caught(built_rtl, capsys, kind):
    content, pdf = built_rtl
    change, message = RTL_DAMAGE[kind]
    rerender(pdf, content, change)
    status, lines = check(pdf.parents[1], capsys)
    assert status == 1
    assert any(line.startswith(f"{pdf}: {message}") for line in lines), lines


def test_words_broken_over_two_lines_are_read_whole(tmp_path, capsys):
    """A style of one's own that hyphenates: the PDF's lines end with hyphens the model does not
    have, and the text still agrees; a hyphen the model has stays (Sixty-first)."""
    styles = tmp_path / "styles"
    styles.mkdir()
    paged = (Path(__file__).parents[2] / "styles" / "paged.css").read_text(encoding="utf-8")
    (styles / "paged.css").write_text(paged + "\nmain p, .front p { hyphens: auto; width: 9em; }\n", encoding="utf-8")
    out = tmp_path / "dist"
    assert main(["build", str(FIXTURES / "A_61_100"), "--format", "pdf", "--styles", str(styles),
                 "--out", str(out)]) == 0
    from unpress.check.pdf import read_pdf

    (pdf,) = out.glob("*/*.pdf")
    broken = [block.text for block in read_pdf(pdf).blocks if block.text.endswith("\u2010")]
    assert len(broken) >= 3, broken  # the style did hyphenate
    assert check(out, capsys) == (0, [])


def test_a_note_of_several_lines_is_read_whole(tmp_path, capsys):
    """The lines of a note that follow its first, in its size and close under it, are its text."""
    folder = tmp_path / "source" / "A_61_100"
    shutil.copytree(FIXTURES / "A_61_100", folder)
    annex = folder / "en" / "annex.md"
    note = "The Egmont Palace hosted the Conference."
    long_note = " ".join([note] + ["Its rooms were lent by the Government of Belgium for the two days."] * 5)
    annex.write_text(annex.read_text(encoding="utf-8").replace(note, long_note), encoding="utf-8")
    content, pdf = build(tmp_path, folder)
    from unpress.check.pdf import read_pdf

    (text,) = [text for mark, text in read_pdf(pdf).notes if mark == "3"]
    # some 370 characters, four lines or more in the notes' size (white space between lines does not count)
    assert text.replace(" ", "") == long_note.replace(" ", "")
    assert check(pdf.parents[1], capsys) == (0, [])


def _as_marked_content_references(pdf: Path) -> int:
    """Each marked content of the structure tree named by an MCR dictionary (with its page), as
    other writers name it, instead of WeasyPrint's bare MCID under an element with a page: the
    same tree (ISO 32000-1, 14.7.4.2). How many were rewritten."""
    import pikepdf

    count = 0
    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        stack = [(document.Root.StructTreeRoot, None)]
        while stack:
            element, page = stack.pop()
            page = element.get("/Pg", page)
            kids = element.get("/K")
            if isinstance(kids, pikepdf.Array):
                for at, kid in enumerate(kids):
                    if isinstance(kid, int) and page is not None:
                        kids[at] = pikepdf.Dictionary(Type=pikepdf.Name.MCR, MCID=kid, Pg=page)
                        count += 1
                    elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                        stack.append((kid, page))
            elif isinstance(kids, pikepdf.Dictionary):
                stack.append((kids, page))
        document.save(pdf)
    return count


def test_marked_content_named_by_references_reads_the_same(tmp_path, capsys):
    """The figures' captions and the blocks of a PDF whose structure tree names its marked content
    by MCR dictionaries (a PDF written or saved again by another program) read as WeasyPrint's."""
    out = tmp_path / "dist"
    assert main(["build", str(HERE.parent / "figures" / "A_61_300"), "--format", "pdf", "--out", str(out)]) == 0
    for pdf in out.glob("*/*.pdf"):
        assert _as_marked_content_references(pdf) > 10
    rerecord(out)
    assert check(out, capsys) == (0, [])


def test_a_latin_mark_on_an_arabic_letter_in_an_english_page_is_not_compared(tmp_path, capsys):
    """"ا\u0301" in an English paragraph: the Arabic font has no U+0301, the mark is drawn from the
    Latin one, apart, and the PDF reads it with the text before the right-to-left run, on a space.
    The check passes; Arabic's own marks (the fatha of "بَت") and a Latin letter's are still read
    and compared. Found by hypothesis."""
    from unpress.check.facts import normalise
    from unpress.check.pdf import read_pdf

    content, _ = build(tmp_path, FIXTURES / "A_61_100")
    letter = content / "en" / "letter.md"
    typed = "Arabic in English: \u0627\u0301 and \u0628\u064e\u062a and e\u0301."
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace("I have the honour", typed + "\n\nI have the honour", 1), encoding="utf-8")
    out = tmp_path / "dist"
    assert main(["build", str(content), "--format", "pdf", "--out", str(out)]) == 0
    (pdf,) = out.glob("*/*.pdf")
    (read,) = [block.text for block in read_pdf(pdf).blocks if block.text.startswith("Arabic in English")]
    assert "\u0628\u064e\u062a" in read and "\u00e9" in unicodedata.normalize("NFC", read)
    assert check(out, capsys) == (0, [])
    assert normalise("\u0627\u0301 \u0628\u064e e\u0301") == "\u0627 \u0628\u064e e\u0301"
