"""Figures in every format of the test document (a PNG chart and an SVG diagram, in English and in
Arabic, right to left), read back by what readers use: the DOM, pikepdf, the DOCX's XML, unpress check;
and by real clients (marked client): vnu, axe-core, LibreOffice, pandoc, poppler."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pikepdf
import pytest
from lxml import etree
from PIL import Image as PILImage

from tests.check.damage import check, rerender, rewrite_part
from tests.clients.programs import axe_violations, pandoc_json, require, soffice_to_pdf, vnu_errors
from tests.pdf.reading import stray_content, structure_content
from unpress import model as m
from unpress.cli import main
from unpress.read.content import load_document
from unpress.render import pdf as pdf_renderer

CONTENT = Path(__file__).parent / "A_61_300"
FIGURES = CONTENT / "figures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
LABELS = {"en": ["Figure I", "Figure II"], "ar": ["الشكل الأول", "الشكل الثاني"]}


def emblem_theme(folder: Path) -> Path:
    """A theme folder with an emblem, as a documents officer would make one."""
    folder.mkdir()
    (folder / "emblem.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
                                       '<circle cx="20" cy="20" r="18" fill="#4b92db"/></svg>')
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("figures")
    shutil.copytree(CONTENT, root / "content" / "A_61_300")
    out = root / "dist"
    theme = emblem_theme(root / "theme")
    assert main(["build", str(root / "content"), "--styles", str(theme), "--out", str(out)]) == 0
    return out / "A_61_300"


def test_the_build_passes_check(built, capsys):
    assert check(built.parent, capsys) == (0, [])


# --- HTML ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_html_figures_are_figure_elements_with_the_label_and_caption_above_an_embedded_image(built, lang):
    root = lxml.html.fromstring((built / f"A_61_300-{lang.upper()}.html").read_bytes())
    figures = root.cssselect("main figure.figure")
    assert [f.cssselect(".figure-label")[0].text_content() for f in figures] == LABELS[lang]
    for figure, kind in zip(figures, ["image/png", "image/svg+xml"]):
        assert [child.tag for child in figure] == ["figcaption", "img"]
        image = figure.cssselect("img")[0]
        assert image.get("src").startswith(f"data:{kind};base64,") and image.get("alt")
    # The chart is 900 pixels at 150 dpi: 576 CSS pixels wide, 6 inches.
    assert (figures[0].cssselect("img")[0].get("width"), figures[0].cssselect("img")[0].get("height")) == ("576", "288")
    (inline,) = root.cssselect("main p img.inline-image")
    assert inline.get("alt") and inline.get("src").startswith("data:image/svg+xml;base64,")
    # The page needs nothing beside it, and the emblem is decoration.
    assert not [e for e in root.iter() if e.get("src") and not e.get("src").startswith("data:")]
    (emblem,) = root.cssselect(".masthead img.emblem")
    assert emblem.get("alt") == ""


def test_without_an_emblem_there_is_no_emblem_and_no_placeholder(tmp_path, built):
    assert main(["build", str(CONTENT), "--format", "html,pdf", "--lang", "en", "--out", str(tmp_path)]) == 0
    html = (tmp_path / "A_61_300" / "A_61_300-EN.html").read_text(encoding="utf-8")
    assert "emblem" not in lxml.html.tostring(lxml.html.fromstring(html).cssselect("header.masthead")[0]).decode()
    assert _artifact_drawings(tmp_path / "A_61_300" / "A_61_300-EN.pdf") + 1 == \
        _artifact_drawings(built / "A_61_300-EN.pdf")  # the emblem, and nothing in its place


# --- PDF ----------------------------------------------------------------------------------------


def _image_xobjects(page) -> list[pikepdf.Object]:
    found = []

    def walk(resources):
        for _, xobject in resources.get("/XObject", {}).items():
            if xobject.get("/Subtype") == "/Image":
                found.append(xobject)
            elif xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                walk(xobject.Resources)
    walk(page.Resources)
    return found


def _structure(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    out, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        kids = element.get("/K")
        kids = [] if kids is None else (list(kids) if isinstance(kids, pikepdf.Array) else [kids])
        kids = [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]
        out.extend(kids)
        stack.extend(reversed(kids))
    return out


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_pdf_figures_are_tagged_figures_with_their_alt_text_and_captions(built, lang):
    with pikepdf.open(built / f"A_61_300-{lang.upper()}.pdf") as pdf:
        elements = _structure(pdf)
        figures = [e for e in elements if e.S == "/Figure"]
        captions = [e for e in elements if e.S == "/Caption"]
        # Two figures and the inline arrow, each with its alternative text; two captions.
        assert len(figures) == 3 and len(captions) == 2
        assert all(str(f.get("/Alt", "")) for f in figures)
        assert all("/BBox" in f.A for f in figures)
        # The chart's pixels are embedded as they are: 900 × 450, not resampled.
        images = [x for page in pdf.pages for x in _image_xobjects(page)]
        assert (900, 450) in [(int(x.Width), int(x.Height)) for x in images]


def _artifact_drawings(path: Path) -> int:
    """How many XObjects the first page draws inside artifact marked content."""
    with pikepdf.open(path) as pdf:
        open_marks, drawn = [], 0
        for instruction in pikepdf.parse_content_stream(pdf.pages[0]):
            op = str(instruction.operator)
            if op in ("BDC", "BMC"):
                open_marks.append(str(instruction.operands[0]))
            elif op == "EMC":
                open_marks.pop()
            elif op == "Do" and "/Artifact" in open_marks:
                drawn += 1
        return drawn


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_with_figures_and_the_emblem_every_piece_of_page_content_is_in_the_tree_or_an_artifact(built, lang):
    # The PDF/UA-1 structure test of tests/pdf, on the figure document.
    path = built / f"A_61_300-{lang.upper()}.pdf"
    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked
        assert structure_content(pdf)
        assert pdf.open_metadata()["pdfuaid:part"] == "1"
    assert stray_content(path) == []


def test_the_pdf_emblem_is_an_artifact_outside_the_structure_tree(built):
    with pikepdf.open(built / "A_61_300-EN.pdf") as pdf:
        assert len([e for e in _structure(pdf) if e.S == "/Figure"]) == 3  # the figures and the arrow
    assert _artifact_drawings(built / "A_61_300-EN.pdf") >= 1


def test_weasyprint_fetches_nothing_but_data_urls(tmp_path, monkeypatch):
    fetched = []
    original = pdf_renderer.LocalFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)
    monkeypatch.setattr(pdf_renderer.LocalFetcher, "fetch", spy)
    assert main(["build", str(CONTENT), "--format", "pdf", "--out", str(tmp_path)]) == 0
    # WeasyPrint decodes data: URLs itself; anything else would pass through the fetcher.
    assert [url for url in fetched if not url.startswith("data:")] == []


# --- DOCX ---------------------------------------------------------------------------------------


def _xml(docx: Path, name: str):
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read(name))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_docx_figures_have_a_caption_with_a_seq_field_and_pictures_with_alt_text(built, lang):
    docx = built / f"A_61_300-{lang.upper()}.docx"
    body = _xml(docx, "word/document.xml")
    styles = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in _xml(docx, "word/styles.xml")
              if s.find(f"{W}name") is not None}
    paragraphs = list(body.iter(f"{W}p"))

    def style(p):
        node = p.find(f"{W}pPr/{W}pStyle")
        return styles.get(node.get(f"{W}val")) if node is not None else None

    captions = [p for p in paragraphs if style(p) == "UN Figure Caption"]
    assert [[t.text for t in p.iter(f"{W}instrText")] for p in captions] == [[" SEQ Figure \\* ARABIC "]] * 2 \
        if lang == "ar" else [[" SEQ Figure \\* ROMAN "]] * 2
    for caption in captions:
        following = paragraphs[paragraphs.index(caption) + 1]
        assert style(following) == "UN Figure"
        (picture,) = following.iter(f"{WP}docPr")
        assert picture.get("descr")
    ids = [d.get("id") for d in body.iter(f"{WP}docPr")]
    assert len(ids) == len(set(ids)) == 3 and min(map(int, ids)) > 3  # after the masthead's drawings
    # The SVG figure: its own part beside the PNG fallback; the chart: its own bytes.
    rels = {r.get("Id"): r.get("Target") for r in _xml(docx, "word/_rels/document.xml.rels")}
    blips = list(body.iter(f"{A}blip"))
    targets = [rels[b.get(f"{R}embed")] for b in blips]
    svgs = [rels[s.get(f"{R}embed")] for s in body.iter(SVG_BLIP)]
    assert len(svgs) == 2 and all(t.endswith(".svg") for t in svgs)  # the diagram and the inline arrow
    with zipfile.ZipFile(docx) as archive:
        assert archive.read("word/" + targets[0]) == (FIGURES / "migrants.png").read_bytes()
        fallback = PILImage.open(io.BytesIO(archive.read("word/" + targets[1])))
        assert fallback.format == "PNG" and fallback.width == 2 * 480  # twice its printed size
        assert archive.read("word/" + svgs[0]) == (FIGURES / "routes.svg").read_bytes()
        types = archive.read("[Content_Types].xml").decode()
    assert "image/svg+xml" in types


# --- damage: unpress check catches a wrong figure in each format ---------------------------------


def _fresh(tmp_path: Path, fmt: str) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content" / "A_61_300")
    out = tmp_path / "dist"
    assert main(["build", str(tmp_path / "content"), "--format", fmt, "--lang", "en", "--out", str(out)]) == 0
    return out


def test_check_catches_a_changed_alt_text_in_the_html(tmp_path, capsys):
    out = _fresh(tmp_path, "html")
    page = out / "A_61_300" / "A_61_300-EN.html"
    page.write_text(page.read_text(encoding="utf-8").replace('alt="Diagram:', 'alt="Map:', 1), encoding="utf-8")
    status, lines = check(out, capsys)
    assert status == 1 and any("alternative text of figure 2" in line for line in lines), lines


def test_check_catches_a_missing_figure_in_the_docx(tmp_path, capsys):
    out = _fresh(tmp_path, "docx")
    docx = out / "A_61_300" / "A_61_300-EN.docx"
    rewrite_part(docx, "word/document.xml", r'<w:pStyle w:val="UNFigure"/>', '<w:pStyle w:val="UNBodyText"/>')
    status, lines = check(out, capsys)
    assert status == 1 and any("number of figures: expected 2 found 1" in line for line in lines), lines


def test_check_catches_a_wrong_figure_number_in_the_pdf(tmp_path, capsys):
    out = _fresh(tmp_path, "pdf")

    def renumbered(version: m.Version) -> m.Version:
        def change(block):
            if isinstance(block, m.Figure) and block.number == 2:
                return dataclasses.replace(block, label="Figure III", numeral="III")
            return block
        return dataclasses.replace(version, parts=tuple(dataclasses.replace(p, blocks=tuple(map(change, p.blocks)))
                                                        for p in version.parts))
    rerender(out / "A_61_300" / "A_61_300-EN.pdf", tmp_path / "content" / "A_61_300", renumbered, "en")
    status, lines = check(out, capsys)
    assert status == 1 and any("label and caption of figure 2" in line and "Figure III" in line
                               for line in lines), lines


# --- real clients ---------------------------------------------------------------------------------


@pytest.mark.client
def test_the_html_with_figures_passes_vnu_and_axe(built):
    require("vnu")
    require("axe")
    for page in sorted(built.glob("*.html")):
        assert vnu_errors(page) == [], page.name
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in axe_violations(page)] == [], page.name


@pytest.mark.client
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_libreoffice_shows_both_images_of_the_docx_and_pandoc_sees_them(built, tmp_path, lang):
    require("soffice")
    require("pandoc")
    docx = built / f"A_61_300-{lang.upper()}.docx"
    pdf = soffice_to_pdf(docx, tmp_path)
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    sizes = [line.split()[3:5] for line in listing.splitlines()[2:]]
    assert ["900", "450"] in sizes  # the chart, as it is
    # The diagram (drawn from its SVG, or its PNG fallback), the arrow, the codes and the emblem.
    assert len(sizes) >= 5, listing
    images = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Image":
                images.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(pandoc_json(docx)["blocks"])
    # The chart at its 150 dpi (6 in), the diagram (5 in), the arrow; pandoc 2.17 does not read the
    # alternative text (wp:docPr/@descr), which the DOCX test above reads from the XML.
    widths = [dict(image["c"][0][2])["width"] for image in images]
    assert [round(float(width.removesuffix("in")), 2) for width in widths] == [6.0, 5.0, 0.25], json.dumps(images)


_BIDI_MARKS = dict.fromkeys(range(0x202A, 0x202F))


def _labels(pdf: Path, word: str) -> list[str]:
    """The figure labels pdftotext finds in a PDF (a line of at most three words with the label's
    word, joined to the next line when the word stands alone), each as its sorted letters: a
    right-to-left label comes out in the order it is drawn, split as each program draws it."""
    lines = [line.translate(_BIDI_MARKS).strip() for line in
             subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                            check=True).stdout.splitlines()]
    found = []
    for index, line in enumerate(lines):
        if word in line.split() and len(line.split()) <= 3:
            text = f"{line} {lines[index + 1]}" if line == word and index + 1 < len(lines) else line
            found.append("".join(sorted(c for c in text if c.isalnum())))
    return found


@pytest.mark.client
@pytest.mark.parametrize("lang", ["en", pytest.param("ar", marks=pytest.mark.xfail(strict=True, reason=(
    "LibreOffice (7.4) lays out a SEQ field's value in the number format its switch maps to, not the "
    "result the file holds, and has none of Arabic ordinal words: \\* ARABIC, OrdText, CardText and "
    "HindiArabic show 1, ArabicAbjad a full-width digit, ArabicAlpha a letter; w:fldLock is ignored "
    "(docs/figures.md)")))])
def test_libreoffice_prints_the_figure_labels_of_unpress_pdf(built, tmp_path, lang):
    require("soffice")
    pdf = soffice_to_pdf(built / f"A_61_300-{lang.upper()}.docx", tmp_path)
    word = LABELS[lang][0].split()[0]
    ours = _labels(built / f"A_61_300-{lang.upper()}.pdf", word)
    assert len(ours) == 2
    assert _labels(pdf, word) == ours


# --- translation: figures through XLIFF --------------------------------------------------------


def test_figures_and_inline_images_go_through_xliff_and_come_back_in_the_translation(tmp_path):
    from tests.translate.test_translate import translate_as_is

    folder = tmp_path / "A_61_300"
    shutil.copytree(CONTENT, folder)
    xlf = tmp_path / "en-fr.xlf"
    assert main(["translate", "export", str(folder), "--from", "en", "--to", "fr", "--out", str(xlf)]) == 0
    root = etree.parse(str(xlf)).getroot()
    x = "{urn:oasis:names:tc:xliff:document:1.2}"
    figures = root.findall(f".//{x}group[@restype='x-figure']")
    assert [f.get("{urn:unpress:xliff}src") for f in figures] == ["../figures/migrants.png", "../figures/routes.svg"]
    assert [f.find(f"{x}group[@restype='x-caption']/{x}trans-unit/{x}source").text for f in figures] == [
        "Number of international migrants by region, 2005", "Main migration routes, 2005"]
    (image,) = root.findall(f".//{x}source/{x}g[@ctype='x-image']")
    assert image.text == "red arrow"  # the alternative text is translated, the image kept in its sentence
    done = translate_as_is(xlf, tmp_path / "done.xlf")
    assert main(["translate", "import", str(done), "--into", str(folder)]) == 0
    french = next(v for v in load_document(folder)[0].versions if v.lang == "fr")
    blocks = french.parts[0].blocks
    assert [(b.label, b.image.alt) for b in blocks if isinstance(b, m.Figure)] == [
        ("Figure I", "Bar chart: the number of international migrants in five regions, rising from about 12 "
                     "million to 33 million"), ("Figure II", "Diagram: two arrows from the western region to the "
                                                            "eastern one")]
    inline = [node for block in blocks if not isinstance(block, m.Figure) for node in m.walk([block])
              if isinstance(node, m.Image)]
    assert [image.alt for image in inline] == ["red arrow"]
    out = tmp_path / "dist"
    assert main(["build", str(folder), "--format", "html", "--lang", "fr", "--out", str(out)]) == 0
    assert main(["check", str(out)]) == 0
