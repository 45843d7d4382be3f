"""The six language versions as DOCX: boilerplate and dates, fonts by script, right-to-left Arabic."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.clients.programs import require, run_program, soffice_to_pdf
from tests.seed import SEED_CONTENT, normalise
from tests.test_languages_html import BOILERPLATE, HEADING_DATE, LANGUAGES
from unpress.cli import main
from unpress.fonts import GENERIC_FAMILIES, family_used
from unpress.read.content import load_document
from unpress.render.docx.story import direction_runs
from unpress.theme import Theme

LONG = Path(__file__).parent / "A_61_100"  # Arabic and Chinese with a job number, a note and an annex
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
TOKENS = Theme().tokens()


def build(content: Path, out: Path) -> dict[str, Path]:
    assert main(["build", str(content), "--format", "docx", "--out", str(out)]) == 0
    return {path.stem.rsplit("-", 1)[1].lower(): path for path in out.glob("*/*.docx")}


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> dict[str, Path]:
    return build(SEED_CONTENT, tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def long(tmp_path_factory) -> dict[str, Path]:
    return build(LONG, tmp_path_factory.mktemp("long"))


def parts(docx: Path, prefix: str = "word/") -> dict[str, etree._Element]:
    """The XML parts of the story: the body, headers, footers and notes."""
    with zipfile.ZipFile(docx) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name.startswith(prefix) and re.search(r"(document|header\d*|footer\d*|footnotes)\.xml$", name)}


def style(docx: Path, style_id: str) -> etree._Element:
    with zipfile.ZipFile(docx) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    return styles if style_id == "docDefaults" else styles.find(f"w:style[@w:styleId='{style_id}']", NS)


def lines(docx: Path) -> set[str]:
    """The text of every paragraph of every part, a line break making a new line, tabs spaces."""
    found = set()
    for root in parts(docx).values():
        for p in root.iter(f"{W}p"):
            text = "".join("\n" if node.tag == f"{W}br" else " " if node.tag == f"{W}tab" else node.text or ""
                           for node in p.iter(f"{W}t", f"{W}br", f"{W}tab"))
            found.update(normalise(line) for line in text.split("\n"))
    return found


def runs(docx: Path):
    """(text, right to left) of every run of text in the story."""
    for root in parts(docx).values():
        for run in root.iter(f"{W}r"):
            text = "".join(t.text or "" for t in run.iter(f"{W}t"))
            if text:
                yield text, run.find("w:rPr/w:rtl", NS) is not None


def is_arabic(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def test_the_seed_builds_in_the_six_languages(seed):
    assert sorted(seed) == sorted(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_boilerplate_and_the_date_of_each_language_are_in_the_docx(seed, lang):
    found = lines(seed[lang])
    assert [text for text in BOILERPLATE[lang] if normalise(text) not in found] == []
    assert any(HEADING_DATE[lang] in line for line in found)


def test_arabic_paragraphs_and_the_page_run_right_to_left(long):
    docx = long["ar"]
    assert style(docx, "docDefaults").find("w:docDefaults/w:pPrDefault/w:pPr/w:bidi", NS) is not None
    body = parts(docx)["word/document.xml"]
    assert body.find("w:body/w:sectPr/w:bidi", NS) is not None
    # No paragraph turns it off by itself: the styles carry the direction.
    assert body.findall(".//w:p/w:pPr/w:bidi", NS) == []


def test_arabic_runs_are_marked_right_to_left_and_latin_ones_are_not(long, seed):
    for docx in (long["ar"], seed["ar"]):
        found = list(runs(docx))
        assert [text for text, rtl in found if is_arabic(text) and not rtl] == []
        assert [text for text, rtl in found if rtl and re.search(r"[A-Za-z]", text)] == []
    symbols_and_job = {"A/61/100", "06-39952 (A) 280806"}
    assert {text for text, rtl in runs(long["ar"]) if text in symbols_and_job and not rtl} == symbols_and_job


@pytest.mark.parametrize("lang", ["zh", "en", "fr", "ru", "es"])
def test_left_to_right_versions_have_no_right_to_left_run(seed, lang):
    assert [text for text, rtl in runs(seed[lang]) if rtl] == []


def test_the_arabic_job_line_is_a_left_to_right_paragraph_at_the_right(long):
    """Word and LibreOffice would print "280806 (A) 06-39952" in a right-to-left paragraph."""
    job = style(long["ar"], "UNJobNumber")
    assert job.find("w:pPr/w:bidi", NS).get(f"{W}val") == "0"
    assert job.find("w:pPr/w:jc", NS).get(f"{W}val") == "right"
    assert style(long["zh"], "UNJobNumber").find("w:pPr/w:bidi", NS) is None


def first(token: str) -> str:
    """The family of a token's list the PDF is set in, which the DOCX names (unpress/fonts.py)."""
    return family_used([name.strip().strip("\"'") for name in TOKENS[token].split(",")
                        if name.strip() not in GENERIC_FAMILIES])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_styles_name_each_script_s_font_from_the_tokens(seed, lang):
    """Latin, East Asian (Chinese) and complex-script (Arabic) fonts, as the tokens give them
    for the PDF and the PDF is set in; the masthead's styles have the masthead's."""
    docx = seed[lang]
    defaults = style(docx, "docDefaults").find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert {key.replace(W, ""): value for key, value in defaults.attrib.items()} == {
        "ascii": first("font_body"), "hAnsi": first("font_body"),
        "eastAsia": first("font_body_zh"), "cs": first("font_body_ar")}
    for style_id in ("UNWordmark", "UNOrgan", "UNDraftMark"):
        fonts = style(docx, style_id).find("w:rPr/w:rFonts", NS)
        assert (fonts.get(f"{W}ascii"), fonts.get(f"{W}eastAsia"), fonts.get(f"{W}cs")) == (
            first("font_masthead"), first("font_masthead_zh"), first("font_masthead_ar"))


def test_the_chinese_styles_carry_the_chinese_language_for_east_asian_text(seed):
    lang = style(seed["zh"], "docDefaults").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert (lang.get(f"{W}val"), lang.get(f"{W}eastAsia")) == ("zh-CN", "zh-CN")


@pytest.mark.parametrize("text, rtl, pieces", [
    ("البند 54 (ب) من القائمة الأولية", True, [("البند 54 (ب) من القائمة الأولية", True)]),
    # Digits after a Latin letter read left to right; the final stop ends the Arabic sentence.
    ("A/61/50 و Corr.1.", True, [("A/61/50", False), (" و ", True), ("Corr.1", False), (".", True)]),
    ("(توقيع) آلان كولس", True, [("(توقيع) آلان كولس", True)]),
    ("\t06-39952\t", True, [("\t06-39952\t", True)]),
    ("Distr.: General", True, [("Distr.: General", False)]),
    ("the word الأمم here.", False, [("the word ", False), ("الأمم", True), (" here.", False)]),
    ("2006年4月13日", False, [("2006年4月13日", False)]),
    # Arabic-Indic digits read right to left even after a Latin letter (unlike European digits).
    ("see A \u0662\u0660\u0660\u0666", False, [("see A ", False), ("\u0662\u0660\u0660\u0666", True)]),
])
def test_text_is_cut_into_runs_of_one_direction(text, rtl, pieces):
    assert direction_runs(text, rtl) == pieces


@pytest.mark.client
def test_libreoffice_reads_the_arabic_docx_in_order(long, tmp_path):
    """LibreOffice lays out the Arabic DOCX with the job line left to right and the Arabic lines
    in logical order (its text read back by pdftotext)."""
    require("soffice")
    require("pdftotext")
    pdf = soffice_to_pdf(long["ar"], tmp_path)
    ar = next(v for v in load_document(LONG)[0].versions if v.lang == "ar")
    bbox = run_program(["pdftotext", "-bbox", "-f", 1, "-l", 1, pdf, "-"]).stdout
    words = {word: float(left) for left, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', bbox)}
    number, dates = ar.job.line.split()[0], ar.job.line.split()[-1]
    assert words[number] < words[dates]
    text = run_program(["pdftotext", "-enc", "UTF-8", "-f", 1, "-l", 1, pdf, "-"]).stdout
    assert ar.session_lines[0] in {normalise(re.sub("[\u200e\u200f\u202a-\u202e]", "", line)) for line in text.splitlines()}
