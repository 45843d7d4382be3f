"""The auto-numbered note A/61/160 as its readers see it: the PDF read with poppler's pdftotext,
the DOCX laid out by LibreOffice (whose numbers are Word numbering it counts itself) and read by
pandoc: each shows the paragraph numbers 1 to 6 across the headings and the letters restarting,
and the headings as typed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.clients.programs import pdftotext_pages, require, run_program, soffice_to_pdf
from tests.layout.reading import measure_html
from unpress.cli import main

from .building import artifact, build_copy
from .test_numbering import HEADINGS, LABELS, NOTE, typed_copy

pytestmark = pytest.mark.client

# A label at the start of a line, as each reader lays out the page.
_LABEL = re.compile(r"^\s*(\d+\.|\([a-z]\))\s")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_copy(tmp_path_factory, NOTE, "pdf,docx,html")


@pytest.fixture(scope="module")
def typed(tmp_path_factory) -> Path:
    """A/61/160 in English with its paragraph numbers typed, not `numbering: auto`."""
    root = build_copy(tmp_path_factory, NOTE, "pdf,docx,html", typed_copy)
    assert main(["check", str(root / "dist")]) == 0
    return root



def labels_and_headings(text: str, lang: str) -> tuple[list[str], list[str]]:
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]  # a hanging number's gap as a space
    labels = [_LABEL.match(line).group(1) for line in lines if _LABEL.match(line)]
    headings = [line for line in lines if line in HEADINGS[lang]]
    return labels, headings


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_pdf_shows_the_numbers_and_the_headings(built, lang):
    require("pdftotext")
    text = "\n".join(pdftotext_pages(artifact(built, lang, "pdf")))
    assert labels_and_headings(text, lang) == (LABELS, HEADINGS[lang])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_libreoffice_counts_the_same_numbers_from_word_s_numbering(built, tmp_path, lang):
    require("soffice")
    require("pdftotext")
    pdf = soffice_to_pdf(artifact(built, lang, "docx"), tmp_path)
    text = "\n".join(pdftotext_pages(pdf))
    assert labels_and_headings(text, lang) == (LABELS, HEADINGS[lang])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pandoc_reads_the_same_numbers(built, lang):
    require("pandoc")
    text = run_program(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", artifact(built, lang, "docx")]).stdout
    assert labels_and_headings(text, lang) == (LABELS, HEADINGS[lang])


def _x_of(pdf: Path, word: str) -> tuple[float, float]:
    """The left edge of the first `word` on the page, and of the word before it on its line."""
    words = [(float(x), float(y), text) for x, y, text in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>',
        run_program(["pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-"]).stdout)]
    index = next(i for i, (_, _, text) in enumerate(words) if text == word)
    return words[index][0], words[index - 1][0]


@pytest.mark.parametrize("reader", ["pdf", "libreoffice"])
def test_a_heading_s_text_starts_where_a_paragraph_s_does_its_number_hanging(built, tmp_path, reader):
    require("pdftotext")
    pdf = artifact(built, "en", "pdf")
    if reader == "libreoffice":
        require("soffice")
        pdf = soffice_to_pdf(artifact(built, "en", "docx"), tmp_path)
    heading, heading_number = _x_of(pdf, "Introduction")  # "I. Introduction"
    text, label = _x_of(pdf, "The")  # "1. The present note"
    assert abs(heading - text) < 1.0, (heading, text)
    assert abs(heading_number - label) < 1.0, (heading_number, label)


@pytest.mark.parametrize("document", ["built", "typed"])
@pytest.mark.parametrize("reader", ["pdf", "libreoffice"])
def test_a_lettered_subparagraph_is_set_in_under_its_paragraph_s_text(request, tmp_path, reader, document):
    """3. By a note verbale ... / (a) National action plans: the letter where paragraph 3's text
    starts, the subparagraph's text a label column further in; so with the numbers typed."""
    built = request.getfixturevalue(document)
    require("pdftotext")
    pdf = artifact(built, "en", "pdf")
    if reader == "libreoffice":
        require("soffice")
        pdf = soffice_to_pdf(artifact(built, "en", "docx"), tmp_path)
    text, number = _x_of(pdf, "By")  # "3. By a note verbale"
    subtext, letter = _x_of(pdf, "National")  # "(a) National action plans"
    assert abs(letter - text) < 1.0, (letter, text)
    assert abs((subtext - letter) - (text - number)) < 1.0, (subtext, letter, text, number)


@pytest.mark.parametrize("document", ["built", "typed"])
def test_the_html_lettered_subparagraph_is_set_in_under_its_paragraph_s_text(request, document):
    built = request.getfixturevalue(document)
    found = measure_html(artifact(built, "en", "html"), {
        "number": "p.labelled.numbered .label", "letter": "p.labelled.lettered.subparagraph .label"})
    numbers, letters = found["number"], found["letter"]
    assert len(letters) == 5
    for letter in letters:
        assert abs(letter["box"][0] - numbers[0]["box"][2]) < 0.5  # at the numbered paragraph's text
        assert abs((letter["box"][2] - letter["box"][0]) - (numbers[0]["box"][2] - numbers[0]["box"][0])) < 0.5
