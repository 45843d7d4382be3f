"""The Contents table of tests/kinds/A_61_150 in print and in Word: the PDF's page as poppler reads
it (dot leaders, the Paragraphs and Page columns, the pages the headings are on), a changed entry
caught in the PDF; the DOCX's TOC field over bookmarked headings, its cached pages the PDF's, shown
by LibreOffice; the XLIFF export leaves the generated entries out."""

from __future__ import annotations

import dataclasses
import re
import shutil
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from tests.check import damage as d
from tests.clients.programs import pdftotext_pages, require, soffice_to_pdf
from tests.pdf.reading import destinations, internal_links, outline_titles, stray_content
from unpress import model as m

from .building import artifact, build_copy
from .test_contents import ENTRIES
from .test_report_front import REPORT

pytestmark = pytest.mark.client
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Each entry's last line on the page: its text, leader dots, its paragraphs and its page.
PRINTED = {
    "en": [("I.", "Introduction", "1–2", 1), ("II.", "Measures taken at the national and international levels", "3–5", 1),
           ("A.", "Information received from Member States", "3–4", 1),
           ("B.", "Information received from international organizations", "5", 2),
           ("III.", "Comprehensive inventory of the response of the Secretariat", "6", 2),
           ("VIII.", "Conclusions and recommendations", "7", 2)],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_copy(tmp_path_factory, REPORT, "pdf,docx")



def page_of(pages: list[str], number: str, heading: str) -> int:
    """The page a section heading is printed on, as a line of its own (not a Contents entry)."""
    return next(at for at, page in enumerate(pages, start=1)
                if re.search(rf"^\s*{re.escape(number)}\s+{re.escape(heading)}\s*$", page, re.MULTILINE))


def test_the_pdf_prints_each_entry_with_dot_leaders_its_paragraphs_and_its_heading_s_page(built):
    require("pdftotext")
    pages = pdftotext_pages(artifact(built, "en", "pdf"))
    first = pages[0]
    assert re.search(r"^Contents\s*$", first, re.MULTILINE)
    assert re.search(r"^\s+Paragraphs\s+Page\s*$", first, re.MULTILINE)
    for number, text, paragraphs, page in PRINTED["en"]:
        line = rf"^\s*{re.escape(number)}\s+{re.escape(text)}\s*(?:\. ?){{5,}}\s+{paragraphs}\s+{page}\s*$"
        assert re.search(line, first, re.MULTILINE), (text, first)
        assert page_of(pages, number, text) == page


@pytest.mark.parametrize("lang", ENTRIES)
def test_the_pdf_contents_is_tagged_its_links_lead_to_the_headings_and_it_is_no_bookmark(built, lang):
    path = artifact(built, lang, "pdf")
    assert stray_content(path) == []  # PDF/UA: every piece of content in the structure tree or an artifact
    with pikepdf.open(path) as pdf:
        targets = destinations(pdf)
        links = [name for _, name in internal_links(pdf) if name.startswith("heading-")]
        assert sorted(set(links)) == [f"heading-{n}" for n in range(1, 7)]
        assert all(name in targets for name in links)
        assert all("/StructParent" in annotation for page in pdf.pages for annotation in page.get("/Annots", []))
        assert ENTRIES[lang][0] not in outline_titles(pdf)


def test_check_catches_a_changed_entry_in_the_pdf(built, tmp_path, capsys):
    out = built / f"dist-{tmp_path.name}"
    shutil.copytree(built / "dist", out)
    path = out / REPORT.name / f"{REPORT.name}-RU.pdf"

    def changed(v: m.Version) -> m.Version:
        entries = list(v.contents.entries)
        entries[0] = dataclasses.replace(entries[0], children=(m.Text("Предисловие"),))
        return dataclasses.replace(v, contents=dataclasses.replace(v.contents, entries=tuple(entries)))

    d.rerender_as(path, built / "content" / REPORT.name, changed)
    d.rerecord(out)
    status, lines = d.check(out, capsys)
    assert status == 1
    assert lines == [f'{path}: Contents entry 1: expected "{ENTRIES["ru"][1]}" found "I. Предисловие 1–2"'], lines


def _document(docx: Path):
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read("word/document.xml")), etree.fromstring(archive.read("word/settings.xml"))


@pytest.mark.parametrize("lang", ENTRIES)
def test_the_docx_has_a_toc_field_over_bookmarked_headings_with_the_pdf_s_pages(built, lang):
    body, settings = _document(artifact(built, lang, "docx"))
    instructions = [t.text.strip() for t in body.iter(f"{W}instrText")]
    assert instructions.count('TOC \\o "2-4" \\h \\z') == 1
    begins = [r for r in body.iter(f"{W}fldChar")]
    assert len([c for c in begins if c.get(f"{W}fldCharType") == "begin"]) == len(
        [c for c in begins if c.get(f"{W}fldCharType") == "end"])
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    links = [h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink")]
    assert len(links) == 6 and set(links) <= bookmarks
    assert [i for i in instructions if i.startswith("PAGEREF")] == [f"PAGEREF {a} \\h" for a in links]
    for link in links:  # the bookmark is on the heading
        (start,) = [b for b in body.iter(f"{W}bookmarkStart") if b.get(f"{W}name") == link]
        style = start.getparent().find(f"{W}pPr/{W}pStyle").get(f"{W}val")
        assert style.lower().startswith("heading")
    pdf_pages = pdftotext_pages(artifact(built, lang, "pdf")) if lang == "en" else None
    cached = []
    for link in body.iter(f"{W}hyperlink"):
        runs = list(link.iter(f"{W}r"))
        separate = next(i for i, r in enumerate(runs) if r.find(f"{W}fldChar") is not None
                        and r.find(f"{W}fldChar").get(f"{W}fldCharType") == "separate")
        cached.append(int(runs[separate + 1].find(f"{W}t").text))
    if pdf_pages is not None:
        assert cached == [page for *_, page in PRINTED["en"]]
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"


def test_libreoffice_shows_the_contents_table_with_its_pages(built, tmp_path):
    require("soffice")
    require("pdftotext")
    pdf = soffice_to_pdf(artifact(built, "en", "docx"), tmp_path)
    first = pdftotext_pages(pdf)[0]
    assert re.search(r"^\s+Paragraphs\s+Page\s*$", first, re.MULTILINE)
    for number, text, paragraphs, page in PRINTED["en"]:
        assert re.search(rf"^\s*{re.escape(number)}\s+{re.escape(text)}\s*\.{{5,}}\s*{paragraphs}\s+{page}\s*$",
                         first, re.MULTILINE), (text, first)
