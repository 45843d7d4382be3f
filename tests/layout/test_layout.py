"""Layout defects of issue 15, read back from the pages: headings kept with the paragraph after them
(PDF, and LibreOffice's PDF of the DOCX), the space after a table, long organ names in the masthead.
Positions come from poppler (pdftotext -bbox) and Chromium; the DOCX's own XML says what Word is told."""

from __future__ import annotations

import itertools
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.clients.programs import soffice_to_pdf
from tests.pdf.conftest import FIXTURE
from unpress.cli import main
from unpress.read.content import load_document
from unpress.render import RenderContext
from unpress.render.pdf import weasyprint_html
from unpress.render.pdf_notes import note_places
from unpress.settings import Settings
from unpress.theme import Theme

from .reading import find, lines, measure_html, page_words

LAYOUT = Path(__file__).parent / "E_2006_90"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

ORGANS = {"en": ["Economic and Social Council"], "es": ["Consejo Económico y Social"],
          "ru": ["Экономический и", "Социальный Совет"]}  # the lines of the organ's name
TABLE = {"en": ("Specialized agencies", "The table gives"), "es": ("Organismos especializados", "En el cuadro"),
         "ru": ("Специализированные учреждения", "В таблице")}  # the table's last row, the words after it
FIRST = {"en": ("United Nations system.", "The report was"), "es": ("las Naciones Unidas.", "El informe se"),
         "ru": ("Организации Объединенных Наций.", "Доклад подготовлен")}  # the end of ¶ 1, the start of ¶ 2


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("layout")
    assert main(["build", str(LAYOUT), "--format", "html,pdf,docx", "--out", str(out)]) == 0
    return out / "E_2006_90"


def test_the_layout_document_passes_check(built):
    assert main(["check", str(built.parent)]) == 0


# --- long organ names in the masthead ------------------------------------------------------------

def _masthead_fits(words, lang):
    distribution = find(words, "Distr.:" if lang != "es" else "Distr.")
    organ = [word for line in ORGANS[lang] for word in find(words, line)]
    found = [line for line in lines([w for w in words if w in organ])]
    assert found == ORGANS[lang]
    # The name ends short of the distribution block, with room between them.
    assert max(w.x1 for w in organ) < distribution[0].x0 - 0.25 * 72


@pytest.mark.parametrize("lang", ["en", "es", "ru"])
def test_the_organ_name_fits_its_column_in_the_pdf(built, lang):
    _masthead_fits(page_words(built / f"E_2006_90-{lang.upper()}.pdf")[0], lang)


@pytest.mark.client
@pytest.mark.parametrize("lang", ["es", "ru"])
def test_the_organ_name_fits_its_cell_in_libreoffices_pdf_of_the_docx(built, tmp_path, lang):
    _masthead_fits(page_words(soffice_to_pdf(built / f"E_2006_90-{lang.upper()}.docx", tmp_path))[0], lang)


@pytest.mark.client
@pytest.mark.parametrize("lang", ["es", "ru"])
@pytest.mark.parametrize("width", [1000, 700])
def test_the_organ_name_fits_its_column_in_the_html(built, lang, width):
    found = measure_html(built / f"E_2006_90-{lang.upper()}.html",
                         {"organ": ".organ", "organs": ".organs", "distribution": ".distribution"}, width)
    (organ,), (organs,), (distribution,) = found["organ"], found["organs"], found["distribution"]
    assert organ["lines"] == len(ORGANS[lang])
    assert organs["box"][2] < distribution["box"][0]


def test_the_docx_organ_style_keeps_the_name_in_the_pdfs_column(built):
    """The organ's cell and its style's right indent leave the name the PDF's column width."""
    with zipfile.ZipFile(built / "E_2006_90-RU.docx") as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
        headers = [etree.fromstring(z.read(n)) for n in z.namelist() if re.fullmatch(r"word/header\d+\.xml", n)]
    organ_style = styles.xpath("//w:style[w:name/@w:val='UN Organ']", namespaces={"w": W[1:-1]})[0]
    indent = int(organ_style.find(f"{W}pPr/{W}ind").get(f"{W}right"))
    (cell,) = [tc for h in headers for tc in h.iter(f"{W}tc")
               if any(p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == organ_style.get(f"{W}styleId")
                      for p in tc.iter(f"{W}p"))]
    width = int(cell.find(f"{W}tcPr/{W}tcW").get(f"{W}w"))
    assert width - indent == pytest.approx(8.8 / 2.54 * 1440, abs=2)  # token organ_width, in twips


# --- the space after a table ---------------------------------------------------------------------

def _gaps(words, lang):
    """(space between two paragraphs, space between the table's last row and the paragraph after)."""
    end, start = (find(words, phrase) for phrase in FIRST[lang])
    row, after = (find(words, phrase) for phrase in TABLE[lang])
    return start[0].y0 - end[-1].y1, after[0].y0 - row[-1].y1


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_table_leaves_the_space_a_paragraph_leaves_in_the_pdf(built, lang):
    paragraph, table = _gaps(page_words(built / f"E_2006_90-{lang.upper()}.pdf")[0], lang)
    # The table's last row has its cell padding (2 pt) and rule under its text, then the space.
    assert paragraph <= table <= paragraph + 3.5


@pytest.mark.client
def test_a_table_leaves_the_space_a_paragraph_leaves_in_libreoffices_pdf_of_the_docx(built, tmp_path):
    paragraph, table = _gaps(page_words(soffice_to_pdf(built / "E_2006_90-EN.docx", tmp_path))[0], "en")
    assert paragraph <= table <= paragraph + 3.5


@pytest.mark.client
def test_a_table_leaves_the_space_a_paragraph_leaves_in_the_html(built):
    found = measure_html(built / "E_2006_90-EN.html", {"table": "main .table", "paragraph": "main .part > p"})
    (table,), paragraph = found["table"], found["paragraph"][0]
    assert table["next"][1] - table["box"][3] == pytest.approx(paragraph["next"][1] - paragraph["box"][3], abs=0.5)


def test_the_docx_has_a_paragraphs_space_after_each_table(built):
    with zipfile.ZipFile(built / "E_2006_90-EN.docx") as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
        styles = etree.fromstring(z.read("word/styles.xml"))
    by_name = {s.find(f"{W}name").get(f"{W}val"): s for s in styles.iter(f"{W}style")}
    end = by_name["UN Table End"]
    tables = body.findall(f"{W}tbl")
    assert tables
    for table in tables:
        after = table.getnext()
        assert after.tag == f"{W}p" and after.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == end.get(f"{W}styleId")
        assert "".join(after.itertext()) == ""
    spacing = end.find(f"{W}pPr/{W}spacing")
    body_after = by_name["UN Body Text"].find(f"{W}pPr/{W}spacing").get(f"{W}after")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == (body_after, "exact")


# --- headings kept with the paragraph after them -------------------------------------------------

WORDS = ("The Conference brought together ministers and senior officials from countries of origin "
         "and of destination")


def _pages_of(pdf: Path, *phrases: str) -> list[int]:
    pages = [" ".join(w.text for w in page) for page in page_words(pdf)]
    return [next(n for n, text in enumerate(pages, 1) if phrase in text) for phrase in phrases]


def _letter_whose_heading_a_note_moves(tmp_path: Path, page: int = 1) -> Path:
    """Long paragraphs, then a heading and a paragraph with a long note: enough paragraphs before
    them to bring the heading to the foot of page `page`, where the note does not fit with the
    paragraph, so that unpress moves the paragraph to the next page to keep the note with it."""
    # About six long paragraphs fill a page; the short ones move the heading down a line at a time.
    for longs, shorts in itertools.product(range(6 * page - 3, 6 * page + 1), range(12)):
        folder = tmp_path / f"{longs}-{shorts}" / "A_61_100"
        shutil.copytree(FIXTURE, folder)
        letter = folder / "en" / "letter.md"
        extra = "\n\n".join(["Short paragraph."] * shorts + [" ".join([WORDS] * 6)] * longs)
        extra += "\n\n# Heading kept with its paragraph\n\nFollowing paragraph " + " ".join([WORDS] * 4) + "[^long]"
        letter.write_text(letter.read_text().replace("2. I should", extra + "\n\n2. I should")
                          + "\n[^long]: The long note " + " ".join([WORDS] * 5) + "\n")
        document = load_document(folder)[0]
        version = document.versions[0]
        plain = weasyprint_html(version, RenderContext(document, Theme(), Settings())).render()
        places = note_places(version, plain.pages)
        if any(mark == "3" and referred == page != placed for mark, referred, placed, _ in places):
            return folder
    pytest.fail(f"no layout found in which the note of the paragraph under the heading is moved from page {page}")


def test_a_heading_goes_with_its_paragraph_when_a_note_moves_the_paragraph(tmp_path):
    folder = _letter_whose_heading_a_note_moves(tmp_path)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--format", "pdf", "--out", str(out)]) == 0
    heading, paragraph, note = _pages_of(out / "A_61_100" / "A_61_100-EN.pdf", "Heading kept with its paragraph",
                                         "Following paragraph", "The long note")
    assert heading == paragraph == note == 2


@pytest.mark.parametrize("page", [1, 3])
def test_a_page_number_of_a_heading_that_a_note_moved_is_the_page_it_moved_to(tmp_path, page):
    """A page reference (target-counter, as a Contents table has) to a heading that the notes'
    layout moved to the next page names that page: the page made again forgets the heading (on
    page 1, and on a later page, whose anchors are another page's entry of WeasyPrint's state)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TextBox

    from unpress.render.pdf import print_page
    from unpress.render.pdf_notes import lay_out

    folder = _letter_whose_heading_a_note_moves(tmp_path, page)
    document = load_document(folder)[0]
    html = print_page(document.versions[0], RenderContext(document, Theme(), Settings()))
    html, count = re.subn(r"(<h\d)([^>]*>\s*Heading kept with its paragraph)", r'\1 id="kept"\2', html)
    assert count == 1
    # At the end, so that the pages before it are laid out as without it.
    reference = ('<p class="page-ref"><a href="#kept"></a></p>'
                 "<style>.page-ref a::after { content: target-counter(attr(href), page) }</style>")
    html = html.replace("</body>", reference + "</body>", 1)
    pages = lay_out(HTML(string=html)).pages

    def texts(number: int, inside=None) -> str:
        return "".join(box.text for box in pages[number - 1]._page_box.descendants()
                       if isinstance(box, TextBox) and (inside is None or box.element.get("href") == inside))
    heading = next(n for n in range(1, len(pages) + 1) if "Heading kept with its paragraph" in texts(n))
    assert heading == page + 1
    assert "".join(texts(n, "#kept") for n in range(1, len(pages) + 1)) == str(page + 1)


def _headings_document(tmp_path: Path) -> Path:
    """A letter of 40 headings, each over a paragraph of 1 to 7 lines: some heading falls at the
    foot of a page, whatever the fonts."""
    folder = tmp_path / "A_61_100"
    shutil.copytree(FIXTURE, folder)
    letter = folder / "en" / "letter.md"
    sections = "\n\n".join(f"# Heading number {n}\n\nParagraph number {n} " + " ".join([WORDS] * (1 + n % 7))
                           for n in range(1, 41))
    letter.write_text(letter.read_text().replace("2. I should", sections + "\n\n2. I should"))
    return folder


def _stranded(pdf: Path) -> list[int]:
    """The headings printed on another page than the start of their paragraph."""
    pages = [" ".join(w.text for w in page) for page in page_words(pdf)]
    found = []
    for n in range(1, 41):
        heading = next(i for i, text in enumerate(pages) if re.search(rf"Heading number {n}\b", text))
        if not re.search(rf"Paragraph number {n}\b", pages[heading]):
            found.append(n)
    return found


def test_no_heading_is_left_at_the_foot_of_a_pdf_page(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(_headings_document(tmp_path)), "--format", "pdf", "--out", str(out)]) == 0
    assert _stranded(out / "A_61_100" / "A_61_100-EN.pdf") == []


@pytest.mark.client
def test_no_heading_is_left_at_the_foot_of_a_page_of_the_docx(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(_headings_document(tmp_path)), "--format", "docx", "--out", str(out)]) == 0
    docx = out / "A_61_100" / "A_61_100-EN.docx"
    with zipfile.ZipFile(docx) as z:
        styles = z.read("word/styles.xml")
    root = etree.fromstring(styles)
    for name in ("heading 2", "heading 3", "heading 4"):
        style = root.xpath(f"//w:style[w:name/@w:val='{name}']", namespaces={"w": W[1:-1]})[0]
        based = style.find(f"{W}basedOn")
        keeps = style.find(f"{W}pPr/{W}keepNext") is not None or (
            based is not None and based.get(f"{W}val") == "Heading2")
        assert keeps, name
    assert _stranded(soffice_to_pdf(docx, tmp_path)) == []
    # The document does test it: without keepNext, LibreOffice leaves a heading at a page's foot.
    control = tmp_path / "control" / docx.name
    control.parent.mkdir()
    with zipfile.ZipFile(docx) as z, zipfile.ZipFile(control, "w") as new:
        for item in z.infolist():
            data = z.read(item)
            if item.filename == "word/styles.xml":
                data = re.sub(rb"<w:keepNext\b[^>]*/>", b"", data)
            new.writestr(item, data)
    assert _stranded(soffice_to_pdf(control, control.parent))
