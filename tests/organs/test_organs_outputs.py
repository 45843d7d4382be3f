"""Every organ's test document in HTML, PDF and DOCX: it passes `unpress check`, and each output
carries the organ's name and its lines under the masthead, read back by other programs (poppler's
pdftotext, pandoc and the DOCX's own XML, lxml for the HTML)."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pytest

from tests.clients.programs import pdftotext_pages, require, run_program
from unpress.check.facts import normalise
from unpress.cli import main

from .test_organs_model import ORGAN_NAMES, ORGANS, SESSION_LINES, version

pytestmark = pytest.mark.client


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("organs")
    assert main(["build", str(ORGANS), "--format", "html,pdf,docx", "--out", str(out)]) == 0
    return out


def squeezed(text: str) -> str:
    """Text without white space or direction marks: what must be there, whatever the line breaks."""
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e]", "", normalise(text))


def artifact(built: Path, folder: str, lang: str, extension: str) -> Path:
    return built / folder / f"{folder}-{lang.upper()}.{extension}"


def expected_lines(folder: str, lang: str) -> list[str]:
    v = version(folder, lang)
    lines = [*v.masthead.organs, *v.session_lines, *(line.text for line in v.agenda)]
    return lines + ([] if v.title_in_heading else [v.title])


def test_every_organs_document_passes_check(built):
    assert main(["check", str(built)]) == 0


CASES = list(SESSION_LINES)
IDS = [f"{folder}-{lang}" for folder, lang in CASES]


@pytest.mark.parametrize("folder, lang", CASES, ids=IDS)
def test_the_pdf_first_page_has_the_organ_and_its_lines(built, folder, lang):
    require("pdftotext")
    first = squeezed(pdftotext_pages(artifact(built, folder, lang, "pdf"))[0])
    for line in expected_lines(folder, lang):
        if version(folder, lang).direction == "rtl" or line in version(folder, lang).masthead.organs:
            # pdftotext puts the numbers and brackets of right-to-left lines in the order drawn, and
            # the lines of a long organ name between the distribution block's.
            assert all(squeezed(word.strip("()")) in first for word in line.split()), line
        else:
            assert squeezed(line) in first, line


@pytest.mark.parametrize("folder, lang", CASES, ids=IDS)
def test_the_docx_has_the_organ_in_its_masthead_and_its_lines_in_the_body(built, folder, lang):
    require("pandoc")
    path = artifact(built, folder, lang, "docx")
    body = squeezed(run_program(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", path], timeout=120).stdout)
    with zipfile.ZipFile(path) as archive:
        headers = "".join(archive.read(name).decode() for name in archive.namelist()
                          if re.fullmatch(r"word/header\d+\.xml", name))
    words = squeezed("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", headers)))
    v = version(folder, lang)
    for organ in v.masthead.organs:
        assert squeezed(organ) in words
    for line in expected_lines(folder, lang)[len(v.masthead.organs):]:
        assert squeezed(line) in body, line


@pytest.mark.parametrize("folder, lang", CASES, ids=IDS)
def test_the_html_has_the_organ_and_its_lines(built, folder, lang):
    root = lxml.html.fromstring(artifact(built, folder, lang, "html").read_bytes())
    assert [normalise(e.text_content()) for e in root.cssselect(".masthead .organ")] == [ORGAN_NAMES[folder, lang]]
    assert tuple(normalise(e.text_content()) for e in root.cssselect(".front .session")) == SESSION_LINES[folder, lang]


def test_a_letter_without_a_title_prints_its_heading_once_in_every_format(built):
    require("pdftotext")
    v = version("S_2007_123", "en")
    heading = squeezed(v.title)
    assert squeezed(" ".join(pdftotext_pages(artifact(built, "S_2007_123", "en", "pdf")))).count(heading) == 1
    root = lxml.html.fromstring(artifact(built, "S_2007_123", "en", "html").read_bytes())
    assert [squeezed(h.text_content()) for h in root.cssselect("h1")] == [heading]
    assert root.cssselect("h1.title") == []
    docx_text = run_program(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none",
                             artifact(built, "S_2007_123", "en", "docx")], timeout=120).stdout
    assert squeezed(docx_text).count(heading) == 1
