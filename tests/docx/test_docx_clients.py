"""The DOCX as LibreOffice, pandoc and zbar read it: pages, running symbol, notes, codes."""

from __future__ import annotations

import re

import pytest

from tests.clients import programs
from tests.clients.programs import require
from tests.docx.conftest import FIXTURE
from tests.docx.test_docx_package import plain, version_of
from tests.seed import SEED_CONTENT, normalise
from unpress.render import RenderContext, renderer
from unpress.settings import Settings
from unpress.theme import Theme

pytestmark = pytest.mark.client

CASES = {"seed_docx": (SEED_CONTENT, "fr"), "fixture_docx": (FIXTURE, "en"), "arabic_docx": (SEED_CONTENT, "ar")}


@pytest.fixture(scope="module")
def converted(request, tmp_path_factory):
    """LibreOffice's PDF of each DOCX, made once."""
    require("soffice")
    cache = {}

    def convert(which: str):
        if which not in cache:
            cache[which] = programs.soffice_to_pdf(request.getfixturevalue(which), tmp_path_factory.mktemp(which))
        return cache[which]
    return convert


@pytest.mark.parametrize("which", CASES)
def test_libreoffice_prints_the_symbol_on_every_page(which, converted):
    require("pdftotext")
    pages = programs.pdftotext_pages(converted(which))
    _, version = version_of(*CASES[which])
    assert pages
    assert all(version.symbol_line in page for page in pages)


@pytest.mark.parametrize("which", CASES)
def test_libreoffice_lays_it_out_on_as_many_pages_as_unpress_pdf_give_or_take_one(which, converted, tmp_path):
    require("pdfinfo")
    document, version = version_of(*CASES[which])
    own = tmp_path / "own.pdf"
    own.write_bytes(renderer("pdf")(version, RenderContext(document, Theme(), Settings())))
    counts = [len(programs.pdftotext_pages(pdf)) for pdf in (converted(which), own)]
    assert abs(counts[0] - counts[1]) <= 1, counts


def pandoc_text(node) -> str:
    if isinstance(node, list):
        return "".join(pandoc_text(item) for item in node)
    kind = node["t"]
    if kind == "Str":
        return node["c"]
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind in ("Link", "Image", "Span"):  # a Span: a run marked right to left (w:rtl)
        return pandoc_text(node["c"][1])
    if kind == "Code":
        return node["c"][1]
    return pandoc_text(node.get("c", []))


def pandoc_notes(node) -> list:
    if isinstance(node, dict):
        if node.get("t") == "Note":
            return [node["c"]]
        return pandoc_notes(node.get("c", []))
    if isinstance(node, list):
        return [note for item in node for note in pandoc_notes(item)]
    return []


@pytest.mark.parametrize("which", CASES)
def test_pandoc_finds_exactly_the_models_notes(which, request):
    require("pandoc")
    ast = programs.pandoc_json(request.getfixturevalue(which))
    _, version = version_of(*CASES[which])
    found = []
    for (paragraph, *more) in pandoc_notes(ast["blocks"]):
        assert more == []
        inlines = paragraph["c"]
        # A custom mark ("*") is typed at the start of its note; Word's numbers are not text (also
        # the Arabic "(1)", Word's number with the parentheses typed around it in the body only).
        mark = pandoc_text(inlines.pop(0)) if inlines[0]["t"] == "Superscript" else None
        found.append((mark, normalise(pandoc_text(inlines))))
    assert found == [(None if re.search(r"\d", note.mark) else note.mark, normalise(plain(note.children)))
                     for note in version.notes]


def test_the_barcode_and_qr_code_read_back_from_libreoffices_first_page(converted, tmp_path):
    require("pdftoppm")
    require("zbarimg")
    page = programs.pdf_page_png(converted("fixture_docx"), 1, tmp_path / "page1.png", dpi=300)
    assert sorted(programs.zbar_decode(page)) == [("CODE-39", "0639949"),
                                                  ("QR-Code", "https://undocs.org/en/A/61/100")]
