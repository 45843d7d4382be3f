"""The seed's six language versions as HTML: boilerplate, language and direction, symbols kept LTR."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from tests.clients.programs import axe_violations, require, vnu_errors
from tests.seed import SEED_CONTENT, normalise
from unpress.cli import main

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")

# What each version prints around the letter, as a reader sees it (no-break spaces read as spaces).
BOILERPLATE = {
    "ar": ["الأمم المتحدة", "الجمعية العامة", "Distr.: General", "25 April 2006", "Arabic",
           "Original: English", "الدورة الحادية والستون", "البند 54 (ب) من القائمة الأولية*",
           "* A/61/50 و Corr.1.", "(توقيع) آلان كولس"],
    "zh": ["联合国", "大会", "Distr.: General", "25 April 2006", "Chinese", "Original: English",
           "第六十一届会议", "初步清单*项目54(b)", "* A/61/50和Corr.1。", "阿兰·科尔斯（签名）"],
    "en": ["United Nations", "General Assembly", "Distr.: General", "25 April 2006", "Original: English",
           "Sixty-first session", "Item 54 (b) of the preliminary list*", "* A/61/50 and Corr.1.",
           "(Signed) Alain Cools"],
    "fr": ["Nations Unies", "Assemblée générale", "Distr. générale", "25 avril 2006", "Français",
           "Original: anglais", "Soixante et unième session", "Point 54 b) de la liste préliminaire*",
           "* A/61/50 et Corr.1.", "(Signé) Alain Cools"],
    "ru": ["Организация Объединенных Наций", "Генеральная Ассамблея", "Distr.: General", "25 April 2006",
           "Russian", "Original: English", "Шестьдесят первая сессия",
           "Пункт 54(b) предварительного перечня*", "* A/61/50 и Corr.1.", "(Подпись) Ален Колс"],
    "es": ["Naciones Unidas", "Asamblea General", "Distr. general", "25 de abril de 2006", "Español",
           "Original: inglés", "Sexagésimo primer período de sesiones", "Tema 54 b) de la lista preliminar*",
           "* A/61/50 y Corr.1.", "(Firmado) Alain Cools"],
}
# The date each version gives in its own letter heading, written the language's way.
HEADING_DATE = {
    "ar": "13 نيسان/أبريل 2006", "zh": "2006年4月13日", "en": "13 April 2006", "fr": "13 avril 2006",
    "ru": "13 апреля 2006 года", "es": "13 de abril de 2006",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    assert main(["build", str(SEED_CONTENT), "--format", "html", "--out", str(out)]) == 0
    return out / "A_61_XXX"


@pytest.fixture(scope="module")
def pages(built) -> dict[str, lxml.html.HtmlElement]:
    return {lang: lxml.html.fromstring((built / f"A_61_XXX-{lang.upper()}.html").read_bytes())
            for lang in LANGUAGES}


def text_units(root: lxml.html.HtmlElement) -> set[str]:
    """The text of every paragraph-like element, as read; the back link arrow left out."""
    units = set()
    for element in root.iter("p", "h1", "h2", "h3"):
        text = "".join(t for t in element.itertext() if t != "↩")
        units.add(normalise(text))
    return units


def test_the_seed_builds_in_the_six_languages(built):
    assert sorted(path.name for path in built.glob("*.html")) == sorted(
        f"A_61_XXX-{lang.upper()}.html" for lang in LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_boilerplate_of_each_language_is_in_its_page(pages, lang):
    units = text_units(pages[lang])
    assert [text for text in BOILERPLATE[lang] if text not in units] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_declares_its_language_and_direction(pages, lang):
    root = pages[lang]
    assert (root.get("lang"), root.get("dir")) == (lang, "rtl" if lang == "ar" else "ltr")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_letter_heading_carries_the_date_written_the_language_s_way(pages, lang):
    heading = normalise(pages[lang].cssselect("h2.part-heading")[0].text_content())
    assert HEADING_DATE[lang] in heading


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_symbol_is_an_isolated_left_to_right_run(pages, lang):
    symbols = pages[lang].cssselect(".symbols .symbol")
    assert [(s.text, s.get("dir")) for s in symbols] == [("A/61/XXX", "ltr")]


def test_the_english_distribution_block_of_the_arabic_version_reads_left_to_right(pages):
    block = pages["ar"].cssselect(".distribution")[0]
    assert (block.get("lang"), block.get("dir")) == ("en", "ltr")


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_the_english_distribution_block_is_marked_english(pages, lang):
    block = pages[lang].cssselect(".distribution")[0]
    assert (block.get("lang"), block.get("dir")) == ("en", "ltr")


def test_the_chinese_asterisk_follows_the_name_of_the_list(pages):
    agenda = pages["zh"].cssselect("p.agenda")[0]
    mark = agenda.cssselect("a.noteref")[0]
    assert (agenda.text, mark.text, mark.tail) == ("初步清单", "*", "项目54(b)")


def test_a_line_break_in_the_chinese_source_leaves_no_space_in_the_text(pages):
    # zh/letter.md breaks its first paragraph after "（见附件）。"
    paragraph = pages["zh"].cssselect("section.letter p")[0].text_content()
    assert "（见附件）。会议由比利时王国" in paragraph
    assert re.search(r"[\u4e00-\u9fff。，；（）]\s+[\u4e00-\u9fff。，；（）]", paragraph) is None


@pytest.mark.client
def test_the_six_pages_have_no_nu_html_checker_errors_and_no_axe_violations(built):
    require("vnu")
    require("axe")
    for lang in LANGUAGES:
        page = built / f"A_61_XXX-{lang.upper()}.html"
        assert vnu_errors(page) == [], page.name
        violations = axe_violations(page)
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == [], page.name
