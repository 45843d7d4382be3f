"""The PDF as poppler and zbar read it: text of the seed, page furniture, notes, fonts, codes."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pikepdf
import pytest
from PIL import Image

from tests.clients.programs import (pdf_page_png, pdffonts, pdftotext_pages, require, run_program,
                                    zbar_decode)
from tests.pdf.conftest import FIXTURE, build_pdf
from tests.pdf.reading import embedded_families, internal_links, stray_content
from tests.seed import SEED_CONTENT, normalise, seed_blocks
from unpress.read.content import load_document

pytestmark = pytest.mark.client


def version_of(folder):
    return load_document(folder)[0].versions[0] if folder == FIXTURE else next(
        v for v in load_document(folder)[0].versions if v.lang == "fr")


def lines(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.strip()]


def body_text(pages: list[str], symbol: str) -> str:
    """The pages' text without the running header and the page number, read as one text."""
    kept = []
    for number, page in enumerate(pages, start=1):
        page_lines = lines(page)
        if number > 1:
            assert page_lines[0].strip() == symbol and str(number) in page_lines[-1].split()
            page_lines = page_lines[1:-1]
        kept.extend(page_lines)
    # A line may end at the hyphen of a compound ("main-" / "d'œuvre"): the word is one again.
    return normalise(re.sub(r"(?<=\w-)\n\s*", "", "\n".join(kept)))


def note_text(note) -> str:
    return normalise(f"{note.mark} " + "".join(getattr(node, "text", "") for node in note.children))


@pytest.fixture(scope="module")
def seed_pages(seed_pdf) -> list[str]:
    require("pdftotext")
    return pdftotext_pages(seed_pdf)


@pytest.fixture(scope="module")
def fixture_pages(fixture_pdf) -> list[str]:
    require("pdftotext")
    return pdftotext_pages(fixture_pdf)


def test_the_text_of_every_seed_paragraph_is_in_the_pdf(seed_pages):
    text = body_text(seed_pages, "A/61/XXX")
    missing = [" ".join(block) for block in seed_blocks()
               if normalise(" ".join(block)) not in text
               and not all(normalise(line) in text for line in block)]
    assert missing == []


@pytest.mark.parametrize("which", ["seed", "fixture"])
def test_every_page_carries_the_symbol_on_the_outer_side_and_later_pages_their_number(which, request):
    pages = request.getfixturevalue(f"{which}_pages")
    symbol = "A/61/XXX" if which == "seed" else "A/61/100"
    assert len(pages) >= 2
    first = lines(pages[0])
    assert first[0].rstrip().endswith(symbol)  # the masthead's symbol, at the top right
    for number, page in enumerate(pages[1:], start=2):
        header, footer = lines(page)[0], lines(page)[-1]
        assert header.strip() == symbol
        if number % 2 == 0:  # left-hand pages: at the left
            assert header.startswith(symbol) and footer.lstrip() == footer
        else:
            assert header.startswith(" " * 40) and footer.startswith(" " * 40)
        assert footer.split()[0 if number % 2 == 0 else -1] == str(number)


def test_later_pages_carry_the_job_number_beside_the_page_number(fixture_pages):
    assert lines(fixture_pages[1])[-1].split() == ["2", "06-39949"]


@pytest.mark.parametrize("folder, which", [(SEED_CONTENT, "seed"), (FIXTURE, "fixture")])
def test_the_first_page_has_the_masthead_session_agenda_and_asterisk_note(folder, which, request):
    version = version_of(folder)
    first = normalise(request.getfixturevalue(f"{which}_pages")[0])
    masthead = version.masthead
    for text in (masthead.wordmark, *masthead.organs, masthead.distribution, masthead.date,
                 masthead.original, *version.session_lines, version.agenda[0].text + "*",
                 note_text(version.notes[0])):
        assert normalise(text) in first
    assert version.notes[0].mark == "*"
    if masthead.version_language:  # a translation names its language: "Français"
        assert normalise(masthead.version_language) in first


@pytest.mark.parametrize("folder, which", [(SEED_CONTENT, "seed"), (FIXTURE, "fixture")])
def test_each_note_is_printed_on_the_page_of_its_reference(folder, which, request):
    pages = [normalise(page) for page in request.getfixturevalue(f"{which}_pages")]
    with pikepdf.open(request.getfixturevalue(f"{which}_pdf")) as pdf:
        referred = {name: page for page, name in internal_links(pdf)}
    notes = version_of(folder).notes
    assert notes
    for note in notes:
        assert [i for i, page in enumerate(pages) if note_text(note) in page] == [referred[note.note_id]]


@pytest.mark.parametrize("which", ["seed_pdf", "fixture_pdf"])
def test_every_font_is_embedded_and_the_body_is_in_a_times_compatible_font(which, request):
    require("pdffonts")
    fonts = pdffonts(request.getfixturevalue(which))
    assert fonts and all(font["emb"] for font in fonts)
    # By the fonts' own family names: how a PDF writer names the font it embeds is its choice.
    families = set(embedded_families(request.getfixturevalue(which)).values())
    assert families & {"Times New Roman", "Liberation Serif", "Tinos"}, families


def test_the_barcode_and_qr_code_decode_to_the_job_number_and_the_undocs_address(fixture_pdf, tmp_path):
    require("pdftoppm")
    require("zbarimg")
    version = version_of(FIXTURE)
    found = set(zbar_decode(pdf_page_png(fixture_pdf, 1, tmp_path / "page-1.png")))
    assert found == {("CODE-39", version.job.barcode.strip("*")), ("QR-Code", version.undocs_url)}
    assert found == {("CODE-39", "0639949"), ("QR-Code", "https://undocs.org/en/A/61/100")}
    assert zbar_decode(pdf_page_png(fixture_pdf, 2, tmp_path / "page-2.png")) == []


def test_the_seed_has_no_codes_since_its_symbol_is_pending(seed_pdf, tmp_path):
    require("pdftoppm")
    require("zbarimg")
    assert zbar_decode(pdf_page_png(seed_pdf, 1, tmp_path / "page-1.png")) == []


def test_an_emblem_from_the_settings_is_drawn_in_the_masthead_as_an_artifact(tmp_path):
    require("pdftoppm")
    emblem = tmp_path / "emblem.svg"
    emblem.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                      '<rect width="10" height="10" fill="#0000ff"/></svg>')
    path = build_pdf(SEED_CONTENT, tmp_path / "out", "--lang", "fr", "--emblem", str(emblem))
    image = Image.open(pdf_page_png(path, 1, tmp_path / "page.png", dpi=50)).convert("RGB")
    top = image.crop((0, 0, image.width, image.height // 5))
    assert (0, 0, 255) in {colour for _, colour in top.getcolors(maxcolors=1 << 16)}
    assert stray_content(path) == []


def test_a_joint_document_shows_both_organs_one_under_the_other_and_both_symbols(tmp_path):
    require("pdftotext")
    folder = tmp_path / "joint"
    shutil.copytree(FIXTURE, folder)
    facts = folder / "document.yaml"
    facts.write_text(facts.read_text().replace("symbol: A/61/100", "symbol: [A/61/872, S/2006/300]"))
    path = build_pdf(folder, tmp_path / "out")
    pages = pdftotext_pages(path)
    assert "A/61/872–S/2006/300" in lines(pages[0])[0] and lines(pages[1])[0].strip() == "A/61/872–S/2006/300"
    words = ET.fromstring(run_program(["pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-"]).stdout)
    top = {}  # the first occurrence of each word: the masthead's
    for word in words.iter("{http://www.w3.org/1999/xhtml}word"):
        top.setdefault(word.text, float(word.get("yMin")))
    assert 15 < top["Council"] - top["Assembly"] < 25  # the next line of 17 pt type, not further
