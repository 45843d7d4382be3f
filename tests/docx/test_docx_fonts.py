"""The DOCX names, per script, the font families the PDF is set in, with a font table of stand-ins,
so that LibreOffice lays out the Arabic and Chinese test documents as unpress's PDF."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from tests.clients import programs
from tests.clients.programs import require
from tests.docx.conftest import NS, W, build_docx, part
from tests.docx.test_docx_package import version_of
from unpress.fonts import family_used
from unpress.render import RenderContext, renderer
from unpress.settings import Settings
from unpress.theme import Theme

LANGUAGES = Path(__file__).parents[1] / "languages" / "A_61_100"


def families(token: str) -> list[str]:
    return [name.strip().strip("\"'") for name in Theme().tokens()[token].split(",")
            if name.strip() not in ("serif", "sans-serif", "monospace")]


@pytest.fixture(scope="module")
def docx_of(tmp_path_factory):
    cache = {}

    def build(lang: str) -> Path:
        if lang not in cache:
            cache[lang] = build_docx(LANGUAGES, tmp_path_factory.mktemp(f"fonts-{lang}"), "--lang", lang)
        return cache[lang]
    return build


def test_the_document_defaults_name_each_scripts_font_the_pdf_uses(docx_of):
    fonts = part(docx_of("ar"), "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    named = {attr: fonts.get(f"{W}{attr}") for attr in ("ascii", "cs", "eastAsia")}
    assert named == {"ascii": family_used(families("font_body")), "cs": family_used(families("font_body_ar")),
                     "eastAsia": family_used(families("font_body_zh"))}


def test_the_font_table_gives_every_font_its_scripts_character_set_and_the_next_family(docx_of):
    docx = docx_of("zh")
    table = {font.get(f"{W}name"): font for font in part(docx, "word/fontTable.xml").iterfind("w:font", NS)}
    named = {value for fonts in part(docx, "word/styles.xml").iter(f"{W}rFonts") for value in fonts.attrib.values()}
    assert named <= set(table)
    for token, charset in (("font_body", "00"), ("font_body_ar", "B2"), ("font_body_zh", "86")):
        listed = families(token)
        chosen = family_used(listed)
        font = table[chosen]
        assert font.find("w:charset", NS).get(f"{W}val") == charset
        others = [name for name in listed if name != chosen]
        assert font.find("w:altName", NS).get(f"{W}val") == others[0]
    # The relationship and content type Word looks for.
    rels = part(docx, "word/_rels/document.xml.rels")
    assert {rel.get("Target") for rel in rels} >= {"fontTable.xml", "theme/theme1.xml"}


def own_pdf(lang: str, path: Path) -> Path:
    document, version = version_of(LANGUAGES, lang)
    path.write_bytes(renderer("pdf")(version, RenderContext(document, Theme(), Settings())))
    return path


@pytest.mark.client
@pytest.mark.parametrize("lang, token", [("ar", "font_body_ar"), ("zh", "font_body_zh")])
def test_the_pdf_is_set_in_the_family_the_docx_names(docx_of, lang, token, tmp_path):
    require("pdffonts")
    listing = programs.run_program(["pdffonts", own_pdf(lang, tmp_path / "own.pdf")]).stdout.splitlines()[2:]
    # "CXBVDS+Noto-Naskh-Arabic-Bold": a subset of Noto Naskh Arabic
    embedded = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]).replace("-", " ") for line in listing}
    chosen = family_used(families(token))
    assert any(name.startswith(chosen) for name in embedded), (chosen, embedded)


def page_starts(pdf: Path, symbol: str) -> list[str]:
    """The first letters of each page's text under its running header: where each page begins."""
    starts = []
    for page in programs.pdftotext_pages(pdf):
        lines = [line for line in page.splitlines() if line.strip() and symbol not in line]
        letters = "".join(c for c in "".join(lines) if unicodedata.category(c).startswith("L"))
        starts.append(letters[:12])
    return starts


@pytest.mark.client
@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_libreoffice_breaks_the_pages_where_unpress_pdf_does(docx_of, lang, tmp_path):
    require("soffice")
    require("pdftotext")
    _, version = version_of(LANGUAGES, lang)
    converted = programs.soffice_to_pdf(docx_of(lang), tmp_path)
    own = own_pdf(lang, tmp_path / "own.pdf")
    assert page_starts(converted, version.symbol_line) == page_starts(own, version.symbol_line)


def test_no_space_is_added_between_chinese_and_latin_letters_or_digits(docx_of):
    """Word's automatic spacing between East Asian text and Latin letters (autoSpaceDE) and digits
    (autoSpaceDN) is on unless a paragraph turns it off: the defaults turn it off, as the PDF sets
    "2006年4月13日" with no gap (ECMA-376 Part 1, 17.3.1.2 and 17.3.1.3)."""
    defaults = part(docx_of("zh"), "word/styles.xml").find("w:docDefaults/w:pPrDefault/w:pPr", NS)
    assert [(child.tag, child.get(f"{W}val")) for child in defaults
            if child.tag in (f"{W}autoSpaceDE", f"{W}autoSpaceDN")] == [(f"{W}autoSpaceDE", "0"), (f"{W}autoSpaceDN", "0")]
    turned_on = [p for p in part(docx_of("zh"), "word/document.xml").iter(f"{W}autoSpaceDE")]
    assert turned_on == []


@pytest.mark.client
@pytest.mark.xfail(strict=True, reason=(
    "LibreOffice ignores w:autoSpaceDE and w:autoSpaceDN (writerfilter DomainMapper.cxx: both cases "
    "are a bare break) and keeps its own spacing between Asian and non-Asian text (the paragraphs' "
    "style:text-autospace=\"ideograph-alpha\" in its ODT): its PDF has a gap on each side of 2006, 4 "
    "and 13, and the title takes two lines"))
def test_libreoffice_sets_the_chinese_title_as_unpress_pdf(docx_of, tmp_path):
    require("soffice")
    require("pdftotext")
    title = "2006年4月13日比利时常驻联合国代表团临时代办给秘书长的信"
    def first_page_lines(pdf: Path) -> list[str]:
        return [line.strip() for line in programs.pdftotext_pages(pdf)[0].splitlines()]
    assert title in first_page_lines(own_pdf("zh", tmp_path / "own.pdf"))
    assert title in first_page_lines(programs.soffice_to_pdf(docx_of("zh"), tmp_path))
