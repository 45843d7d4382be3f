"""The shapes of documents in the PDF (read by poppler) and the DOCX (read as Word XML)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest

from tests.clients.programs import pdftotext_pages, require
from unpress.cli import main

SHAPES = Path(__file__).parent


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shapes")
    assert main(["build", str(SHAPES), "--format", "pdf,docx", "--out", str(out)]) == 0
    return out


def pdf_pages(built: Path, stem: str) -> list[str]:
    require("pdftotext")
    pages = pdftotext_pages(built / stem.rsplit("-", 1)[0] / f"{stem}.pdf")
    return [re.sub(r"\s+", " ", page) for page in pages]


def docx_texts(built: Path, stem: str) -> tuple[str, str]:
    """The body's text and the text of every header and footer, each joined by spaces."""
    document = docx.Document(built / stem.rsplit("-", 1)[0] / f"{stem}.docx")
    body = " ".join(p.text for p in document.paragraphs)
    body += " " + " ".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    furniture = []
    for section in document.sections:
        for story in (section.first_page_header, section.header, section.even_page_header,
                      section.first_page_footer, section.footer, section.even_page_footer):
            furniture += [p.text for p in story.paragraphs]
            furniture += [c.text for t in story.tables for r in t.rows for c in r.cells]
    return re.sub(r"\s+", " ", body), re.sub(r"\s+", " ", " ".join(furniture))


def test_every_shape_passes_check(built):
    assert main(["check", str(built)]) == 0


JOINT = ["A/61/872–S/2006/300", "General Assembly", "Security Council", "Sixty-first session",
         "Sixty-first year", "Item 33 of the preliminary list*", "Item 40 of the preliminary list*"]
CORRIGENDUM = ["A/61/100/Corr.1", "the General Assembly Corrigendum"]
LIMITED = ["Distr.: Limited", "Item 54 (b) of the provisional agenda*"]
REISSUED = ["A/65/L.78*", "Agenda item 13**", "Reissued for technical reasons on 16 June 2011.",
            "11-37476* (E) 160611"]


@pytest.mark.client
@pytest.mark.parametrize("stem, expected", [
    ("A_61_872-EN", JOINT), ("A_61_100_Corr.1-EN", CORRIGENDUM), ("A_61_100_Corr.1-FR", ["Rectificatif"]),
    ("A_61_250-EN", LIMITED), ("A_65_L.78-EN", REISSUED)])
def test_the_first_pdf_page_follows_the_shape_rules(built, stem, expected):
    first = pdf_pages(built, stem)[0]
    for text in expected:
        assert text in first, text


@pytest.mark.parametrize("stem, expected", [
    ("A_61_872-EN", JOINT), ("A_61_100_Corr.1-EN", CORRIGENDUM), ("A_61_100_Corr.1-FR", ["Rectificatif"]),
    ("A_61_250-EN", LIMITED), ("A_65_L.78-EN", REISSUED)])
def test_the_docx_follows_the_shape_rules(built, stem, expected):
    body, furniture = docx_texts(built, stem)
    for text in expected:
        assert text in body + " " + furniture, text


@pytest.mark.client
def test_each_annex_starts_a_page_with_its_label_and_original_note(built):
    pages = pdf_pages(built, "A_61_250-EN")
    starts = {label: next(i for i, page in enumerate(pages) if label in page) for label in ("Annex I", "Annex II")}
    assert 0 < starts["Annex I"] < starts["Annex II"]
    assert "[Original: French]" in pages[starts["Annex II"]]
    body, _ = docx_texts(built, "A_61_250-EN")
    assert body.index("Annex I") < body.index("Annex II") < body.index("[Original: French]")


def test_several_signatures_in_order_in_the_docx(built):
    body, _ = docx_texts(built, "A_61_872-EN")
    assert body.index("(Signed) Johan Verbeke") < body.index("(Signed) Jean-Marc Hoscheit")


@pytest.fixture(scope="module")
def long_table(tmp_path_factory) -> Path:
    """A/61/250 with a table of 120 rows, which runs over several pages."""
    root = tmp_path_factory.mktemp("table")
    shutil.copytree(SHAPES / "A_61_250", root / "A_61_250")
    rows = "".join(f"| Country {n} | {n} | {n * 2} |\n" for n in range(120))
    annex = root / "A_61_250" / "en" / "annex-1.md"
    annex.write_text(annex.read_text(encoding="utf-8") + rows, encoding="utf-8")
    assert main(["build", str(root / "A_61_250"), "--format", "pdf,docx", "--out", str(root / "out")]) == 0
    return root / "out"


@pytest.mark.client
def test_a_table_repeats_its_header_row_on_every_pdf_page_it_spans(long_table):
    pages = pdf_pages(long_table, "A_61_250-EN")
    spanned = [page for page in pages if "Country " in page]
    assert len(spanned) >= 2
    assert all("Region Governments Organizations" in page for page in spanned)


def test_a_docx_table_marks_its_header_row_and_fits_the_text_block(long_table):
    document = docx.Document(long_table / "A_61_250" / "A_61_250-EN.docx")
    (table,) = document.tables
    header = table.rows[0]._tr
    assert header.find(docx.oxml.ns.qn("w:trPr")).find(docx.oxml.ns.qn("w:tblHeader")) is not None
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    grid = table._tbl.tblGrid
    assert sum(int(col.get(docx.oxml.ns.qn("w:w"))) for col in grid.gridCol_lst) * 635 <= text_width


@pytest.mark.client
def test_draft_marks_every_pdf_page_and_docx_header_and_a_normal_build_none(built, tmp_path):
    assert not any("ADVANCE UNEDITED VERSION" in page.upper() for page in pdf_pages(built, "A_61_250-EN"))
    assert "Advance unedited version" not in docx_texts(built, "A_61_250-EN")[1]
    assert main(["build", str(SHAPES / "A_61_250"), "--format", "pdf,docx", "--draft", "--out", str(tmp_path)]) == 0
    pages = pdf_pages(tmp_path, "A_61_250-EN")
    assert len(pages) > 1 and all("ADVANCE UNEDITED VERSION" in page.upper() for page in pages)
    document = docx.Document(tmp_path / "A_61_250" / "A_61_250-EN.docx")
    for section in document.sections:
        for header in (section.first_page_header, section.header, section.even_page_header):
            assert "Advance unedited version" in " ".join(p.text for p in header.paragraphs)
