"""The report in print and as Word and browsers read it: the PDF passes `unpress check` (a damaged
issuer line is caught there too), poppler's pdftotext and pandoc find the front in order, and the
HTML pages pass the Nu Html Checker and axe-core."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from tests.check import damage as d
from tests.clients.programs import (axe_violations, pdftotext_pages, require, run_program, soffice_to_pdf,
                                    vnu_errors)
from tests.drafts.test_drafts_outputs import in_order, squeezed
from tests.layout.reading import measure_html, page_words
from unpress.cli import main

from .building import artifact, build_copy
from .test_report_front import FRONT, LANGS, REPORT

pytestmark = pytest.mark.client


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_copy(tmp_path_factory, REPORT, None)



def test_the_report_passes_check_in_every_format(built):
    assert main(["check", str(built / "dist")]) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_first_page_has_the_issuer_line_under_the_title(built, lang):
    require("pdftotext")
    page = pdftotext_pages(artifact(built, lang, "pdf"))[0]
    in_order(squeezed(page), FRONT[lang], rtl=False)


@pytest.mark.parametrize("lang", LANGS)
def test_pandoc_reads_the_docx_issuer_line_under_the_title(built, lang):
    require("pandoc")
    text = run_program(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", artifact(built, lang, "docx")],
                       timeout=120).stdout
    in_order(squeezed(text), FRONT[lang], rtl=False)


def test_check_catches_a_changed_issuer_line_in_the_pdf(built, tmp_path, capsys):
    out = built / f"dist-{tmp_path.name}"
    shutil.copytree(built / "dist", out)
    path = out / REPORT.name / f"{REPORT.name}-EN.pdf"
    d.rerender(path, built / "content" / REPORT.name,
               lambda v: dataclasses.replace(v, issued_by="Note by the Secretary-General"), "en")
    d.rerecord(out)
    status, lines = d.check(out, capsys)
    assert status == 1
    assert [line for line in lines if not line.startswith(f"{path}: ")] == []
    assert any("(issuer line)" in line and "Report of the Secretary-General" in line for line in lines), lines


def test_the_report_pages_pass_the_nu_html_checker_and_axe(built):
    require("vnu")
    require("axe")
    pages = sorted((built / "dist").glob("*/*.html"))
    assert len(pages) == 2
    for page in pages:
        assert vnu_errors(page) == [], page.name
        assert axe_violations(page) == [], page.name


# Each version's first heading and paragraph, and its heading with a number wider than label_width.
HANGING = {"en": (("I. Introduction", "1. In its"), "VIII. Conclusions"),
           "ru": (("I. Введение", "1. В своей"), "VIII. Выводы")}


def _line_start(pages, phrase: str):
    """The words of `phrase` where the last line that begins with them does (the heading, not its
    entry in the Contents table before it), in their order on the line (a reader may put a word
    after a tab later in its text)."""
    found = None
    for words in pages:
        for start in (w for w in words if w.text == phrase.split()[0]):
            line = sorted((w for w in words if abs(w.y0 - start.y0) < 1.0), key=lambda w: w.x0)
            if [w.text for w in line[:len(phrase.split())]] == phrase.split():
                found = line[:2]
    if found is None:
        raise AssertionError(f"no line begins {phrase!r}")
    return found


@pytest.mark.parametrize("reader", ["pdf", "libreoffice"])
@pytest.mark.parametrize("lang", LANGS)
def test_a_wide_heading_number_pushes_the_heading_s_text_never_over_it(built, tmp_path, lang, reader):
    """"VIII." is wider than the label column: its text starts after it, a space on, while "I."
    hangs as a paragraph's number does, its text where the paragraph's text is."""
    pdf = artifact(built, lang, "pdf")
    if reader == "libreoffice":
        require("soffice")
        pdf = soffice_to_pdf(artifact(built, lang, "docx"), tmp_path)
    pages = page_words(pdf)
    (short, paragraph), wide = HANGING[lang]
    (number, text), (label, first) = _line_start(pages, short), _line_start(pages, paragraph)
    assert abs(number.x0 - label.x0) < 1.0 and abs(text.x0 - first.x0) < 1.0, (number, text, label, first)
    number, text = _line_start(pages, wide)
    assert abs(number.x0 - label.x0) < 1.0, (number, label)
    assert number.x1 + 2.0 < text.x0, (number, text)  # at least a narrow space between them


def test_the_html_heading_number_box_grows_with_a_wide_number(built):
    require("chromium")
    found = measure_html(artifact(built, "en", "html"), {"number": ".section-heading.hanging .heading-number",
                                                         "label": "p.labelled .label"})
    (label, *_), numbers = found["label"], found["number"]
    short, wide = numbers[0], numbers[-1]  # "I." and "VIII."
    width = label["box"][2] - label["box"][0]
    assert abs((short["box"][2] - short["box"][0]) - width) < 0.5  # the text where a paragraph's text is
    assert wide["box"][2] - wide["box"][0] > width
    for number in (short, wide):
        assert number["contents"][2] < number["box"][2] <= number["following"][0] + 0.5, number
