"""The harness in programs.py, run on tiny hand-made inputs: each wrapper works and can fail."""

from __future__ import annotations

import struct

import barcode
import docx
import pytest
import segno
from barcode.writer import ImageWriter
from docx.shared import Cm

from tests.clients import programs
from tests.clients.programs import ProgramError, require

pytestmark = pytest.mark.client

VALID_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Clean page</title></head>
<body><main><h1>Clean page</h1><p>Nothing wrong here.</p></main></body>
</html>
"""


def page(tmp_path, body: str, lang: str = ' lang="en"'):
    path = tmp_path / "page.html"
    path.write_text(
        f'<!DOCTYPE html>\n<html{lang}>\n<head><meta charset="utf-8"><title>Test</title></head>\n'
        f"<body><main><h1>Test</h1>{body}</main></body>\n</html>\n",
        encoding="utf-8",
    )
    return path


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def pandoc_strings(node) -> list[str]:
    """Every Str of a pandoc AST, in order."""
    if isinstance(node, dict):
        if node.get("t") == "Str":
            return [node["c"]]
        return pandoc_strings(node.get("c", node.get("blocks", [])))
    if isinstance(node, list):
        return [s for item in node for s in pandoc_strings(item)]
    return []


# --- require -------------------------------------------------------------------------


def test_require_skips_locally_but_fails_in_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require("no-such-program-unpress")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        require("no-such-program-unpress")


def test_run_program_reports_stderr_and_timeouts(tmp_path):
    with pytest.raises(ProgramError, match="(?s)exited with 2.*No such file"):
        programs.run_program(["ls", tmp_path / "missing"])
    with pytest.raises(ProgramError, match="timed out"):
        programs.run_program(["sleep", "10"], timeout=0.5)
    with pytest.raises(ProgramError, match="not installed"):
        programs.run_program(["no-such-program-unpress"])


# --- HTML: vnu, axe, screenshots -----------------------------------------------------


def test_vnu_passes_a_valid_page(tmp_path):
    require("vnu")
    path = tmp_path / "valid.html"
    path.write_text(VALID_PAGE, encoding="utf-8")
    assert programs.vnu_errors(path) == []


def test_vnu_reports_a_div_inside_p(tmp_path):
    require("vnu")
    # The <div> closes the <p>, which leaves a stray </p>: an HTML parse error.
    errors = programs.vnu_errors(page(tmp_path, "<p>Text <div>block</div> more</p>"))
    assert errors, "vnu found no error"
    assert any("p" in e["message"] for e in errors)
    assert all(e["type"] == "error" for e in errors)


def test_axe_passes_a_clean_page(tmp_path):
    require("axe")
    path = tmp_path / "valid.html"
    path.write_text(VALID_PAGE, encoding="utf-8")
    assert programs.axe_violations(path) == []


def test_axe_reports_img_without_alt_and_missing_lang(tmp_path):
    require("axe")
    segno.make_qr("x").save(tmp_path / "dot.png")
    path = page(tmp_path, '<img src="dot.png">', lang="")
    ids = {v["id"] for v in programs.axe_violations(path)}
    assert {"image-alt", "html-has-lang"} <= ids


def test_axe_sees_the_pages_own_stylesheet(tmp_path):
    require("axe")
    # Grey on white fails contrast only if the relative stylesheet still loads from the copy.
    (tmp_path / "style.css").write_text("p { color: #bbb; background: #fff; }", encoding="utf-8")
    path = page(tmp_path, "<p>Faint text</p>")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</title>", '</title><link rel="stylesheet" href="style.css">'))
    assert "color-contrast" in {v["id"] for v in programs.axe_violations(path)}


def test_chromium_screenshot(tmp_path):
    require("chromium")
    path = tmp_path / "valid.html"
    path.write_text(VALID_PAGE, encoding="utf-8")
    png = programs.chromium_screenshot(path, tmp_path / "shot.png", width=640, height=480)
    assert png_size(png) == (640, 480)


# --- barcodes ------------------------------------------------------------------------


def test_zbar_decodes_a_qr_code(tmp_path):
    require("zbarimg")
    path = tmp_path / "qr.png"
    segno.make_qr("https://example.org/A/80/1", error="m").save(path, scale=6)
    assert programs.zbar_decode(path) == [("QR-Code", "https://example.org/A/80/1")]


def test_zbar_decodes_a_code_39(tmp_path):
    require("zbarimg")
    code = barcode.Code39("2412345E", writer=ImageWriter(), add_checksum=False)
    path = code.save(str(tmp_path / "code39"), options={"write_text": False})
    assert programs.zbar_decode(path) == [("CODE-39", "2412345E")]


def test_zbar_finds_nothing_in_a_blank_image(tmp_path):
    require("zbarimg")
    from PIL import Image

    path = tmp_path / "blank.png"
    Image.new("L", (200, 200), 255).save(path)
    assert programs.zbar_decode(path) == []


# --- DOCX: pandoc, LibreOffice, poppler ----------------------------------------------


@pytest.fixture(scope="module")
def docx_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx")
    qr = folder / "qr.png"
    segno.make_qr("unpress QR").save(qr, scale=8)
    document = docx.Document()
    document.add_paragraph("Hello from unpress")
    document.add_picture(str(qr), width=Cm(4))
    path = folder / "hello.docx"
    document.save(path)
    return path


@pytest.fixture(scope="module")
def pdf_file(docx_file, tmp_path_factory):
    require("soffice")
    return programs.soffice_to_pdf(docx_file, tmp_path_factory.mktemp("pdf"))


def test_pandoc_reads_the_paragraph(docx_file):
    require("pandoc")
    ast = programs.pandoc_json(docx_file)
    assert "pandoc-api-version" in ast
    assert " ".join(pandoc_strings(ast["blocks"])) == "Hello from unpress"


def test_soffice_and_pdftotext(pdf_file):
    require("pdftotext")
    pages = programs.pdftotext_pages(pdf_file)
    assert len(pages) == 1
    assert "Hello from unpress" in pages[0]


def test_pdffonts_lists_embedded_fonts(pdf_file):
    require("pdffonts")
    fonts = programs.pdffonts(pdf_file)
    assert fonts
    assert all(f["emb"] for f in fonts)
    assert {"name", "type", "encoding", "emb", "sub", "uni"} <= set(fonts[0])


def test_qr_survives_docx_to_pdf_to_png(pdf_file, tmp_path):
    require("pdftoppm")
    require("zbarimg")
    png = programs.pdf_page_png(pdf_file, 1, tmp_path / "page1.png", dpi=150)
    assert png_size(png) == (1275, 1650)  # python-docx's default page is US Letter
    assert programs.zbar_decode(png) == [("QR-Code", "unpress QR")]


def test_wrappers_fail_loudly_on_bad_input(tmp_path):
    require("pdffonts")
    require("soffice")
    not_pdf = tmp_path / "not.pdf"
    not_pdf.write_text("this is no PDF", encoding="utf-8")
    with pytest.raises(ProgramError, match="pdffonts exited"):
        programs.pdffonts(not_pdf)
    with pytest.raises(ProgramError, match="pdftoppm exited"):
        programs.pdf_page_png(not_pdf, 1, tmp_path / "x.png")
    with pytest.raises(ProgramError, match="soffice"):
        programs.soffice_to_pdf(tmp_path / "missing.docx", tmp_path)
