"""The PDF reader of `unpress check` (pypdf) against poppler's pdftotext: what one finds on a page,
the other reads there too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.check.test_check_docx import note_to_an_earlier_note
from tests.clients.programs import pdftotext_pages, require, soffice_to_pdf
from tests.seed import SEED_CONTENT
from unpress.check import read_pdf
from unpress.cli import main

pytestmark = pytest.mark.client

FIXTURE = Path(__file__).parents[1] / "fixtures" / "A_61_100"


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module", params=["seed-fr", "fixture"])
def pdf(request, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp(request.param)
    content, options = (SEED_CONTENT, ["--lang", "fr"]) if request.param == "seed-fr" else (FIXTURE, [])
    assert main(["build", str(content), "--format", "pdf", "--out", str(out), *options]) == 0
    (built,) = out.glob("*/*.pdf")
    return built


def test_pdftotext_reads_what_the_reader_found_where_it_found_it(pdf):
    require("pdftotext")
    facts = read_pdf(pdf)
    pages = [squeezed(page) for page in pdftotext_pages(pdf)]
    first = pages[0]
    assert facts.symbols and all(symbol in first for symbol in facts.symbols)
    assert len(facts.masthead) >= 3 and all(squeezed(line) in first for line in facts.masthead)
    # every body line the reader found is on its page for pdftotext too (hyphens aside)
    assert facts.blocks and all(squeezed(block.text).rstrip("\u2010-") in pages[block.page - 1]
                                for block in facts.blocks)
    assert [number for _, number in facts.page_numbers] == [str(page) for page in range(2, len(pages) + 1)]
    assert facts.job is None or squeezed(facts.job) in first
    assert len(facts.headers) == len(pages) - 1
    for (where, texts), page in zip(facts.headers, pages[1:]):
        assert texts and squeezed("".join(texts)) in page, where
    assert facts.notes and all(squeezed(text) in "".join(pages) for mark, text in facts.notes)
    assert facts.labels and all(label in "".join(pages) for label in facts.labels)


def test_libreoffice_shows_a_note_s_reference_to_an_earlier_note(tmp_path):
    """The NOTEREF field in the DOCX's note gives the other note's number where LibreOffice lays it out."""
    require("soffice")
    require("pdftotext")
    docx = note_to_an_earlier_note(tmp_path) / "A_61_100" / "A_61_100-EN.docx"
    text = squeezed("".join(pdftotext_pages(soffice_to_pdf(docx, tmp_path / "lo"))))
    assert squeezed("Including ministers and senior officials (see note 1).") in text
