"""The six language versions as PDF: boilerplate and dates, their fonts, glyphs, Arabic order and mirroring."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont

from PIL import Image

from tests.clients.programs import in_ci, pdf_page_png, pdffonts, require, run_program, zbar_decode
from tests.pdf.reading import embedded_families
from tests.seed import SEED_CONTENT, normalise
from tests.test_languages_html import BOILERPLATE, HEADING_DATE, LANGUAGES
from unpress.cli import main
from unpress.read.content import load_document
from unpress.model import Paragraph
from unpress.render.pdf import font_problems, installed_families
from unpress.theme import Theme
from weasyprint.text.fonts import FontConfiguration

# The seed's cover letter in Arabic and Chinese with a job number, an assigned symbol (QR code),
# a numbered note and an annex: first-page foot and later pages.
LONG = Path(__file__).parent / "A_61_100"
TOKENS = Theme().tokens()
# pdftotext marks the direction of what it extracts with embedding controls.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def families(token: str) -> list[str]:
    """The named families of a font token (a CSS list), generic families left out."""
    named = [name.strip().strip("\"'") for name in TOKENS[token].split(",")]
    return [name for name in named if name not in ("serif", "sans-serif", "monospace")]


def script_families(lang: str) -> list[str]:
    return [name for token in (f"font_body_{lang}", f"font_masthead_{lang}") if token in TOKENS
            for name in families(token)]


def require_fonts(lang: str) -> None:
    """Skip where the language's fonts are not installed here, fail under CI (which installs them)."""
    wanted = {"ar": script_families("ar"), "zh": script_families("zh")}.get(lang)
    if not wanted or installed_families(FontConfiguration()).intersection(wanted):
        return
    message = f"none of the fonts {', '.join(wanted)} is installed (see README.md, Languages)"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def build(content: Path, out: Path, *options: str) -> tuple[dict[str, Path], str]:
    """Every version of `content` as PDF, by language, and what the build reported."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["build", str(content), "--format", "pdf", "--out", str(out), *options]) == 0
    return {path.stem.rsplit("-", 1)[1].lower(): path for path in out.glob("*/*.pdf")}, err.getvalue()


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return build(SEED_CONTENT, tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def long(tmp_path_factory):
    return build(LONG, tmp_path_factory.mktemp("long"))


def pdftotext(path: Path, *options: str) -> list[str]:
    """Each page's text as pdftotext reads it (in reading order, not laid out), controls removed."""
    require("pdftotext")
    text = run_program(["pdftotext", "-enc", "UTF-8", *options, path, "-"]).stdout
    return text.translate(BIDI_CONTROLS).split("\f")[:-1]


def flat(text: str, lang: str) -> str:
    """Text as compared: white space made one space, and none between Chinese characters, where a
    line break in a PDF is no space."""
    text = normalise(text)
    return re.sub(r"(?<=[^\x00-\u2fff]) (?=[^\x00-\u2fff])", "", text) if lang == "zh" else text


def words(text: str) -> list[str]:
    """Letters and digits in reading order, cut where the script changes: how Arabic text is
    compared where pdftotext places spaces and marks around numbers its own way ("( 54ب)")."""
    return re.findall(r"\d+|[^\W\d_]+", text)


def in_order(part: list[str], whole: list[str]) -> bool:
    return any(whole[i:i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def version(content: Path, lang: str):
    return next(v for v in load_document(content)[0].versions if v.lang == lang)


def test_the_seed_builds_in_the_six_languages_without_a_font_warning(seed):
    pdfs, err = seed
    assert sorted(pdfs) == sorted(LANGUAGES)
    assert "[symbol-pending]" in err  # what the build reports is read here
    for lang in LANGUAGES:
        require_fonts(lang)
    assert "[font-missing]" not in err


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_is_set_in_its_own_fonts(seed, lang):
    """Every font of the PDF is one the tokens name for its language, and an Arabic or Chinese
    version uses its script's fonts: no text went to whatever font fontconfig found."""
    require_fonts(lang)
    allowed = set(families("font_body") + families("font_masthead") + script_families(lang))
    used = set(embedded_families(seed[0][lang]).values())
    assert used <= allowed
    if script_families(lang):
        assert used & set(script_families(lang))


def drawn_characters(path: Path) -> dict[str, set[str]]:
    """The characters each embedded font (by PostScript name) was used for, from its ToUnicode map."""
    drawn: dict[str, set[str]] = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descriptor = font.DescendantFonts[0].FontDescriptor
                program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
                with TTFont(io.BytesIO(program.read_bytes())) as ttf:
                    name = ttf["name"].getDebugName(6)
                cmap = font.ToUnicode.read_bytes().decode("latin-1")
                chars = drawn.setdefault(name, set())
                for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                    for hex_text in re.findall(r"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", block):
                        chars.update(bytes.fromhex(hex_text).decode("utf-16-be"))
                for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
                    for low, high, start in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
                        first = ord(bytes.fromhex(start).decode("utf-16-be")[-1])
                        chars.update(chr(first + i) for i in range(int(high, 16) - int(low, 16) + 1))
                chars.discard("\uffff")  # how WeasyPrint maps the .notdef glyph
    return drawn


def installed_characters(name: str) -> set[int]:
    """The code points an installed font (by PostScript name) has: its full map, from its file."""
    require("fc-list")
    listing = run_program(["fc-list", f":postscriptname={name}", "--format", "%{file}\t%{index}\n"]).stdout
    file, index = listing.splitlines()[0].split("\t")
    with TTFont(file, fontNumber=int(index), lazy=True) as font:
        return set(font.getBestCmap())


@pytest.mark.client
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_character_is_drawn_in_a_font_that_has_it(seed, lang):
    """No text was set in a fallback that lacks its glyphs: each character a font of the PDF was
    used for is in the character map of that font as installed (an Arabic letter in a contextual
    form too, which a subset's own map leaves out)."""
    require_fonts(lang)
    for name, chars in drawn_characters(seed[0][lang]).items():
        has = installed_characters(name)
        assert sorted(c for c in chars if ord(c) not in has and not c.isspace()) == [], name


@pytest.mark.client
def test_a_character_no_font_has_is_caught_by_the_glyph_test(tmp_path):
    """The test above fails for a character in no installed font (Khitan: none on these machines)."""
    require_fonts("ar")
    content = tmp_path / "A_61_100"
    shutil.copytree(LONG, content)
    letter = content / "ar" / "letter.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace("(انظر المرفق)", "(انظر المرفق \U00018b00)"),
                      encoding="utf-8")
    pdfs, err = build(content, tmp_path / "out", "--lang", "ar")
    assert "[font-missing]" in err
    (name,) = [name for name, chars in drawn_characters(pdfs["ar"]).items() if "\U00018b00" in chars]
    assert 0x18B00 not in installed_characters(name)


@pytest.mark.client
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_font_is_embedded_as_a_subset_with_unicode(seed, lang):
    require("pdffonts")
    fonts = pdffonts(seed[0][lang])
    assert fonts and all(font["emb"] and font["sub"] and font["uni"] for font in fonts), fonts


@pytest.mark.client
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_boilerplate_and_the_date_of_each_language_are_in_the_pdf_text(seed, lang):
    page = "\n".join(pdftotext(seed[0][lang]))
    expected = BOILERPLATE[lang] + [HEADING_DATE[lang]]
    if lang == "ar":
        missing = [text for text in expected if not in_order(words(text), words(page))]
    else:
        missing = [text for text in expected if flat(text, lang) not in flat(page, lang)]
    assert missing == []


@pytest.mark.client
def test_the_arabic_pdf_text_extracts_in_logical_order(seed):
    """pdftotext reads the Arabic lines as they were written (WeasyPrint draws them in visual
    order, with a ToUnicode map in logical order), letters and words; it places spaces and marks
    around numbers its own way, so the paragraphs are compared by their words."""
    ar = version(SEED_CONTENT, "ar")
    page = pdftotext(seed[0]["ar"])[0]  # the letter: its first page
    lines = {normalise(line) for line in page.splitlines()}
    exact = [*ar.session_lines, ar.masthead.wordmark, *ar.masthead.organs, ar.parts[0].signatures[0].title,
             ar.parts[0].signatures[0].signed]
    assert [line for line in exact if line not in lines] == []
    for block in ar.parts[0].blocks:
        assert isinstance(block, Paragraph)
        text = "".join(node.text for node in block.children if node.kind == "text")
        assert in_order(words(text), words(page)), text[:40]


@pytest.mark.client
def test_the_arabic_job_line_and_running_furniture_read_left_to_right(long):
    """The job line, the running symbol and the job number beside the page number are marked
    left to right: without that an Arabic page prints "280806 (A) 06-39952"."""
    path = long[0]["ar"]
    ar = version(LONG, "ar")
    (number,), (dates,) = positions(path, 1, ar.job.job), positions(path, 1, ar.job.line.split()[-1])
    assert number[1] < dates[0]  # "06-39952 (A) 280806", not "280806 (A) 06-39952"
    for number in (2, 3):
        page = pdftotext(path)[number - 1]
        assert ar.symbol_line in page and ar.job.job in page


def positions(path: Path, page: int, text: str) -> list[tuple[float, float]]:
    """(left, right) in points of each word `text` on a page (counted from 1), from pdftotext -bbox,
    from the top of the page down."""
    require("pdftotext")
    html = run_program(["pdftotext", "-bbox", "-f", page, "-l", page, path, "-"]).stdout
    found = [(float(top), float(left), float(right)) for left, top, right, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)
             if word == text]
    return [(left, right) for _, left, right in sorted(found)]


@pytest.mark.client
def test_the_arabic_pages_are_mirrored(long, tmp_path):
    """Right to left, the masthead and the furniture change sides: the wordmark right and the
    symbol left; the job line and barcode right and the QR code left on the first page; the
    symbol and the page number on the outer side of later pages, right on page 2 (a right-hand
    page in a right-to-left book), left on page 3, with the page number outside the job number."""
    require("zbarimg")
    path = long[0]["ar"]
    ar = version(LONG, "ar")
    with pikepdf.open(path) as pdf:
        middle = float(pdf.pages[0].mediabox[2]) / 2
    (symbol,) = positions(path, 1, ar.symbol_line)
    assert symbol[1] < middle
    assert positions(path, 1, "ةدحتملا")[0][0] > middle  # the wordmark's last word, as drawn
    (job,) = positions(path, 1, ar.job.job)
    assert job[0] > middle
    foot = pdf_page_png(path, 1, tmp_path / "first.png", dpi=150)
    with Image.open(foot) as image:
        width, height = image.size
        halves = {side: image.crop(box) for side, box in (
            ("left", (0, height * 3 // 4, width // 2, height)), ("right", (width // 2, height * 3 // 4, width, height)))}
        for side, half in halves.items():
            half.save(tmp_path / f"{side}.png")
    assert [kind for kind, _ in zbar_decode(tmp_path / "left.png")] == ["QR-Code"]
    assert [kind for kind, _ in zbar_decode(tmp_path / "right.png")] == ["CODE-39"]
    # The page number is the lowest "2" (a paragraph of page 2 is numbered "2 -").
    page_2, (job_2,) = positions(path, 2, "2")[-1], positions(path, 2, ar.job.job)
    assert job_2[1] < page_2[0] and page_2[0] > middle
    page_3, (job_3,) = positions(path, 3, "3")[-1], positions(path, 3, ar.job.job)
    assert page_3[1] < job_3[0] < middle
    assert positions(path, 2, ar.symbol_line)[0][0] > middle
    assert positions(path, 3, ar.symbol_line)[0][1] < middle


@pytest.mark.client
def test_arabic_labels_hang_at_the_right_inside_the_margins(long):
    """(أ) hangs at the right of its paragraph, and its lines stay inside the page margins
    (WeasyPrint would push a right-to-left first line with a negative indent out at the left)."""
    path = long[0]["ar"]
    margin = 72.0  # tokens margin_left: 1in
    html = run_program(["pdftotext", "-bbox", "-f", 2, "-l", 2, path, "-"]).stdout
    lefts = [float(left) for left in re.findall(r'<word xMin="([\d.]+)"', html)]
    assert min(lefts) >= margin - 0.5
    label = positions(path, 2, "(أ)") or positions(path, 2, ")أ(")
    text = positions(path, 2, "رقأ") or positions(path, 2, "أقر")
    assert label and text and label[0][0] > text[0][1]


def test_a_missing_script_font_is_a_warning_naming_its_package():
    tokens = {"font_body": '"Times New Roman", Tinos, serif', "font_masthead": "Arial, Arimo, sans-serif",
              "font_body_ar": '"No Such Arabic"', "font_masthead_ar": '"Noto Naskh Arabic"',
              "font_body_zh": '"No Such Chinese"', "font_masthead_zh": '"Noto Sans CJK SC"'}
    installed = frozenset({"Tinos", "Arimo", "Noto Naskh Arabic"})
    # Only the version's own script is checked: an English version needs no Arabic font.
    assert font_problems(tokens, installed, "tokens.yaml", "en") == []
    (arabic,) = font_problems(tokens, installed, "tokens.yaml", "ar")
    assert (arabic.field, arabic.code) == ("font_body_ar", "font-missing")
    assert "none of the fonts No Such Arabic is installed, so the Arabic text" in arabic.message
    assert arabic.message.endswith("install fonts-noto-core")
    (chinese, masthead) = font_problems(tokens, installed, "tokens.yaml", "zh")
    assert (chinese.field, masthead.field) == ("font_body_zh", "font_masthead_zh")
    assert masthead.message.endswith("install fonts-noto-cjk")


def test_the_default_script_fonts_name_their_debian_packages():
    installed = frozenset(families("font_body") + families("font_masthead"))
    for lang, package in (("ar", "fonts-noto-core"), ("zh", "fonts-noto-cjk")):
        problems = font_problems(TOKENS, installed, "tokens.yaml", lang)
        assert [p.field for p in problems] == [f"font_body_{lang}", f"font_masthead_{lang}"]
        assert all(p.message.endswith(f"install {package}") for p in problems)
