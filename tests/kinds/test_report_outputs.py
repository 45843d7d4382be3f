"""The report in print and as Word and browsers read it: the PDF passes `unpress check` (a damaged
issuer line is caught there too), poppler's pdftotext and pandoc find the front in order, and the
HTML pages pass the Nu Html Checker and axe-core."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from tests.check import damage as d
from tests.clients.programs import axe_violations, pdftotext_pages, require, run_program, vnu_errors
from tests.drafts.test_drafts_outputs import in_order, squeezed
from unpress.cli import main

from .test_report_front import FRONT, LANGS, REPORT

pytestmark = pytest.mark.client


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("report-print")
    shutil.copytree(REPORT, root / "content" / REPORT.name)
    assert main(["build", str(root / "content"), "--out", str(root / "dist")]) == 0  # every format
    return root


def artifact(built: Path, lang: str, extension: str) -> Path:
    return built / "dist" / REPORT.name / f"{REPORT.name}-{lang.upper()}.{extension}"


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
