"""No line break at the hyphen of a compound in titles and headings ("Secretary-General"): the PDF
and HTML keep the typed "-" in a span that does not wrap, the DOCX writes Word's no-break hyphen,
and `unpress check` and `unpress import` read it back as the typed "-"."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.clients.programs import require, run_program, soffice_to_pdf
from tests.pdf.conftest import FIXTURE
from unpress.cli import main
from unpress.render.compounds import keep_whole, split_at_hyphens
from unpress.theme import BUILTIN_STYLES

from .reading import lines, measure_html, page_words

# Section headings whose compound falls at a different place of the line in each: in some, the
# line would end after "Secretary-" if the hyphen could break, whatever the fonts and the program.
STEPS = 24


def _document(tmp_path: Path) -> Path:
    folder = tmp_path / "A_61_100"
    shutil.copytree(FIXTURE, folder)
    letter = folder / "en" / "letter.md"
    sections = "\n\n".join(f"# Heading {n}: the implementation of the programme of work {'a ' * n}"
                           f"in the report of the Secretary-General\n\nText {n}." for n in range(STEPS))
    letter.write_text(letter.read_text().replace("2. I should", sections + "\n\n2. I should"))
    return folder


def _broken(pdf: Path) -> list[str]:
    """The lines that end at a compound's hyphen."""
    return [line for page in page_words(pdf) for line in lines(page) if re.search(r"\w-$", line)]


def _whole(pdf: Path) -> int:
    return sum(line.count("Secretary-General") for page in page_words(pdf) for line in lines(page))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("compounds")
    out = tmp / "out"
    assert main(["build", str(_document(tmp)), "--format", "html,pdf,docx", "--out", str(out)]) == 0
    return out / "A_61_100"


def test_compounds_are_kept_whole_in_html_and_cut_for_word():
    assert str(keep_whole("the Secretary-General & 3-28 July")) == (
        'the <span class="compound">Secretary-General</span> &amp; <span class="compound">3-28</span> July')
    assert split_at_hyphens("Secretary-General - a co-operative") == ["Secretary", "General - a co", "operative"]


def test_the_document_with_compounds_passes_check(built):
    assert main(["check", str(built.parent)]) == 0


def test_no_pdf_line_ends_at_a_compounds_hyphen(built, tmp_path):
    pdf = built / "A_61_100-EN.pdf"
    assert _broken(pdf) == []
    assert _whole(pdf) == STEPS + 2  # the headings, the letter's heading and the annex's
    # The document does test it: without the rule that keeps compounds whole, WeasyPrint breaks
    # some heading after "Secretary-".
    styles = tmp_path / "styles"
    styles.mkdir()
    css = (BUILTIN_STYLES / "document.css").read_text()
    (styles / "document.css").write_text(css.replace(".compound { white-space: nowrap; }", ""))
    out = tmp_path / "control"
    assert main(["build", str(_document(tmp_path)), "--format", "pdf", "--out", str(out), "--styles", str(styles)]) == 0
    assert _broken(out / "A_61_100" / "A_61_100-EN.pdf")


def test_the_pdf_prints_the_typed_hyphen(built):
    text = " ".join(w.text for page in page_words(built / "A_61_100-EN.pdf") for w in page)
    assert "\u2011" not in text and "Secretary-General" in text


def test_the_docx_writes_no_break_hyphens_in_headings_only(built):
    with zipfile.ZipFile(built / "A_61_100-EN.docx") as z:
        xml = z.read("word/document.xml").decode()
    # The headings, and the letter's and the annex's headings.
    assert xml.count("Secretary</w:t><w:noBreakHyphen/><w:t>General") == STEPS + 2
    assert "<w:t>Text 1.</w:t>" in xml and "\u2011" not in xml


@pytest.mark.client
def test_no_line_of_libreoffices_pdf_of_the_docx_ends_at_a_compounds_hyphen(built, tmp_path):
    docx = built / "A_61_100-EN.docx"
    pdf = soffice_to_pdf(docx, tmp_path)
    assert _broken(pdf) == []
    assert _whole(pdf) == STEPS + 2
    control = tmp_path / "control" / docx.name
    control.parent.mkdir()
    with zipfile.ZipFile(docx) as z, zipfile.ZipFile(control, "w") as new:
        for item in z.infolist():
            data = z.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:noBreakHyphen/>", b"<w:t>-</w:t>")
            new.writestr(item, data)
    assert _broken(soffice_to_pdf(control, control.parent))


@pytest.mark.client
def test_no_html_heading_breaks_at_a_compounds_hyphen(built, tmp_path):
    page = built / "A_61_100-EN.html"
    found = measure_html(page, {"compound": ".compound"}, width=700)
    assert len(found["compound"]) >= STEPS + 2
    assert all(item["lines"] == 1 for item in found["compound"])
    control = tmp_path / page.name
    control.write_text(page.read_text(encoding="utf-8").replace('class="compound"', 'class="x"'), encoding="utf-8")
    found = measure_html(control, {"compound": ".x"}, width=700)
    assert any(item["lines"] == 2 for item in found["compound"])


@pytest.mark.client
def test_pandoc_reads_the_docx_headings_hyphen_as_a_no_break_hyphen(built):
    # Word's no-break hyphen is U+2011 to pandoc: what a reader other than unpress gets.
    require("pandoc")
    text = run_program(["pandoc", "-f", "docx", "-t", "plain", built / "A_61_100-EN.docx"]).stdout
    assert "Secretary\u2011General" in text
