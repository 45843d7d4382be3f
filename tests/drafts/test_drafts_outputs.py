"""The drafts in print and as Word reads them: the PDF passes `unpress check` (a damaged sponsors
line is caught there too), and poppler's pdftotext and pandoc find the front lines of each version
in the contract's order: the agenda item's title, the sponsors line, the draft's own title, then
the organ line."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from tests.check import damage as d
from tests.clients.programs import axe_violations, pdftotext_pages, require, run_program, vnu_errors
from unpress.check.facts import normalise
from unpress.cli import main

from .test_drafts_model import CASES, DECISION, FRONT, IDS, RESOLUTION

pytestmark = pytest.mark.client


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("drafts-print")
    for folder in (RESOLUTION, DECISION):
        shutil.copytree(folder, root / "content" / folder.name)
    assert main(["build", str(root / "content"), "--out", str(root / "dist")]) == 0  # every format
    return root


def squeezed(text: str) -> str:
    """Text without white space or direction marks: what must be there, whatever the line breaks."""
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e]", "", normalise(text))


def in_order(text: str, lines: list[str], rtl: bool) -> None:
    """Each line in `text`, one after the other. Right to left, pdftotext gives a line's numbers
    and brackets in the order drawn: there the line's words are looked for, each after the last line."""
    at = 0
    for line in lines:
        if rtl:
            words = [squeezed(word.strip("()")) for word in line.split() if squeezed(word.strip("()"))]
            found = [text.find(word, at) for word in words]
            assert -1 not in found, (line, words, found)
            at = min(found)
        else:
            found = text.find(squeezed(line), at)
            assert found != -1, (line, text[at:at + 300])
            at = found + len(squeezed(line))


def test_the_drafts_pass_check_in_every_format(built):
    assert main(["check", str(built / "dist")]) == 0


@pytest.mark.parametrize("folder, lang", CASES, ids=IDS)
def test_the_pdf_first_page_has_the_front_in_order(built, folder, lang):
    require("pdftotext")
    page = pdftotext_pages(built / "dist" / folder / f"{folder}-{lang.upper()}.pdf")[0]
    in_order(squeezed(page), FRONT[folder, lang], rtl=lang == "ar")


@pytest.mark.parametrize("folder, lang", CASES, ids=IDS)
def test_pandoc_reads_the_docx_front_in_order(built, folder, lang):
    require("pandoc")
    path = built / "dist" / folder / f"{folder}-{lang.upper()}.docx"
    text = run_program(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", path], timeout=120).stdout
    in_order(squeezed(text), FRONT[folder, lang], rtl=False)  # pandoc gives the text in logical order


def test_check_catches_a_changed_sponsors_line_in_the_pdf(built, tmp_path, capsys):
    out = built / f"dist-{tmp_path.name}"
    shutil.copytree(built / "dist", out)
    path = out / "A_C.3_61_L.20" / "A_C.3_61_L.20-RU.pdf"
    d.rerender(path, built / "content" / "A_C.3_61_L.20",
               lambda v: dataclasses.replace(v, sponsors_line="Бельгия и Франция: проект резолюции"), "ru")
    d.rerecord(out)
    status, lines = d.check(out, capsys)
    assert status == 1
    assert [line for line in lines if not line.startswith(f"{path}: ")] == []
    assert any("(sponsors line)" in line and "Бельгия, Марокко и Франция" in line for line in lines), lines


def test_the_draft_pages_pass_the_nu_html_checker_and_axe(built):
    require("vnu")
    require("axe")
    pages = sorted((built / "dist").glob("*/*.html"))
    assert len(pages) == 5
    for page in pages:
        assert vnu_errors(page) == [], page.name
        assert axe_violations(page) == [], page.name
