"""The locale data of the six languages: same keys everywhere, and the strings the UN prints."""

from __future__ import annotations

import datetime

import pytest
import yaml

from unpress.locale import LOCALE_DIR, OFFICIAL_LANGUAGES, available_languages, get_locale
from unpress.symbols import Joiner, parse_symbol, shorten_symbols

A_61_50 = [parse_symbol("A/61/50"), parse_symbol("A/61/50/Corr.1")]
APRIL_25 = datetime.date(2006, 4, 25)
MAY_1 = datetime.date(2006, 5, 1)


def raw(code: str) -> dict:
    with open(LOCALE_DIR / f"{code}.yaml", encoding="utf-8") as file:
        return yaml.safe_load(file)


# Mappings whose keys are the language's own: num2words options, word endings, word tables, and
# the year's ordinal rule, given only where the year's gender differs from the session's.
FREE_MAPPINGS = {"ordinal.num2words", "ordinal.endings", "ordinal.words", "year_ordinal", "figure_ordinal",
                 "annex_ordinal", "enclosure_ordinal"}


def key_paths(data: dict, prefix: str = "") -> set[str]:
    """Every key path of a locale file, the contents of the free mappings left out."""
    paths = set()
    for key, value in data.items():
        path = f"{prefix}{key}"
        paths.add(path)
        if isinstance(value, dict) and path not in FREE_MAPPINGS:
            paths |= key_paths(value, f"{path}.")
    return paths


def test_there_is_locale_data_for_all_six_official_languages():
    assert available_languages() == ("ar", "zh", "en", "fr", "ru", "es")


@pytest.mark.parametrize("code", OFFICIAL_LANGUAGES)
def test_every_locale_file_has_exactly_the_keys_of_the_english_one(code):
    assert key_paths(raw(code)) == key_paths(raw("en"))


@pytest.mark.parametrize("code", OFFICIAL_LANGUAGES)
def test_the_tables_a_locale_has_are_complete(code):
    data = raw(code)
    if data["month_names"] is not None:
        assert len(data["month_names"]) == 12
    if data["letters"] is not None:
        assert len(data["letters"]) == 26
    words = data["ordinal"]["words"]
    assert (words is None) != (data["ordinal"]["num2words"] is None)
    if words is not None:
        assert [len(words[k]) for k in ("alone", "compound", "tens")] == [10, 9, 8]


@pytest.mark.parametrize("code", OFFICIAL_LANGUAGES)
def test_the_distribution_block_strings_are_given_exactly_where_they_are_printed(code):
    # ru, zh and ar print the block in English: their own block strings are null, never guessed.
    data = raw(code)
    block = [*data["distribution"].values(), data["original"]]
    if data["masthead_language"] == code:
        assert None not in block
    else:
        assert block == [None] * 4
        assert get_locale(data["masthead_language"]).data["masthead_language"] == data["masthead_language"]


# One row per language: what the UN prints for the seed (A/61/XXX, item 54 (b), A/61/50 and Corr.1).
EXPECTED = {
    "ar": dict(
        session="الدورة الحادية والستون",
        agenda=("البند 54 (ب) من القائمة الأولية", ""),
        note="A/61/50 و Corr.1.",
        signed="(توقيع) آلان كولس",
        dates=("25 نيسان/أبريل 2006", "1 أيار/مايو 2006"),
        labels=("(أ)", "(هـ)", "1 -", "(1)"),
        job="A", masthead="en", version="Arabic", direction="rtl",
    ),
    "zh": dict(
        session="第六十一届会议",
        agenda=("初步清单", "项目54(b)"),
        note="A/61/50和Corr.1。",
        signed="阿兰·科尔斯（签名）",
        dates=("2006年4月25日", "2006年5月1日"),
        labels=("(a)", "(e)", "1.", "1"),
        job="C", masthead="en", version="Chinese", direction="ltr",
    ),
    "en": dict(
        session="Sixty-first session",
        agenda=("Item 54 (b) of the preliminary list", ""),
        note="A/61/50 and Corr.1.",
        signed="(Signed) Alain Cools",
        dates=("25 April 2006", "1 May 2006"),
        labels=("(a)", "(e)", "1.", "1"),
        job="E", masthead="en", version="English", direction="ltr",
    ),
    "fr": dict(
        session="Soixante et unième session",
        agenda=("Point 54 b) de la liste préliminaire", ""),
        note="A/61/50 et Corr.1.",
        signed="(Signé) Alain Cools",
        dates=("25 avril 2006", "1er mai 2006"),
        labels=("a)", "e)", "1.", "1"),
        job="F", masthead="fr", version="Français", direction="ltr",
    ),
    "ru": dict(
        session="Шестьдесят первая сессия",
        agenda=("Пункт 54(b) предварительного перечня", ""),
        note="A/61/50 и Corr.1.",
        signed="(Подпись) Ален Колс",
        dates=("25 апреля 2006 года", "1 мая 2006 года"),
        labels=("a)", "e)", "1.", "1"),
        job="R", masthead="en", version="Russian", direction="ltr",
    ),
    "es": dict(
        session="Sexagésimo primer período de sesiones",
        agenda=("Tema 54 b) de la lista preliminar", ""),
        note="A/61/50 y Corr.1.",
        signed="(Firmado) Alain Cools",
        dates=("25 de abril de 2006", "1 de mayo de 2006"),
        labels=("a)", "e)", "1.", "1"),
        job="S", masthead="es", version="Español", direction="ltr",
    ),
}
NAMES = {"ar": "آلان كولس", "zh": "阿兰·科尔斯", "ru": "Ален Колс"}


@pytest.mark.parametrize("code", OFFICIAL_LANGUAGES)
def test_session_61(code):
    assert get_locale(code).session(61) == EXPECTED[code]["session"]


@pytest.mark.parametrize("code", OFFICIAL_LANGUAGES)
def test_item_54_b_of_the_preliminary_list_and_where_its_asterisk_goes(code):
    text, note_at = get_locale(code).agenda_line("preliminary", 54, "b")
    assert (text[:note_at], text[note_at:]) == EXPECTED[code]["agenda"]


@pytest.mark.parametrize("code", OFFICIAL_LANGUAGES)
def test_the_asterisk_note_cites_the_preliminary_list_and_its_corrigendum(code):
    assert get_locale(code).agenda_note(A_61_50) == EXPECTED[code]["note"]


@pytest.mark.parametrize("code", OFFICIAL_LANGUAGES)
def test_signed(code):
    assert get_locale(code).signed(NAMES.get(code, "Alain Cools")) == EXPECTED[code]["signed"]


@pytest.mark.parametrize("code", OFFICIAL_LANGUAGES)
def test_dates_in_the_language(code):
    locale = get_locale(code)
    assert (locale.date(APRIL_25), locale.date(MAY_1)) == EXPECTED[code]["dates"]


@pytest.mark.parametrize("code", OFFICIAL_LANGUAGES)
def test_labels_and_note_marks(code):
    locale = get_locale(code)
    labels = (locale.lettered_label("a"), locale.lettered_label("e"), locale.numbered_label(1), locale.note_mark(1))
    assert labels == EXPECTED[code]["labels"]


@pytest.mark.parametrize("code", OFFICIAL_LANGUAGES)
def test_job_letter_direction_and_the_language_of_the_distribution_block(code):
    locale = get_locale(code)
    expected = EXPECTED[code]
    assert (locale.job_letter, locale.direction, locale.masthead.code) == (expected["job"], expected["direction"],
                                                                            expected["masthead"])


@pytest.mark.parametrize("code", OFFICIAL_LANGUAGES)
def test_the_version_line_names_the_language_in_the_language_of_the_distribution_block(code):
    assert get_locale(code).masthead.language_name(code) == EXPECTED[code]["version"]


@pytest.mark.parametrize("code", ["ru", "zh", "ar"])
def test_ru_zh_and_ar_print_the_distribution_block_in_english(code):
    head = get_locale(code).masthead
    assert (head.distribution("general"), head.date(APRIL_25), head.original("en")) == (
        "Distr.: General", "25 April 2006", "Original: English")


@pytest.mark.parametrize(
    ("code", "number", "expected"),
    [
        ("ar", 1, "الأولى"), ("ar", 10, "العاشرة"), ("ar", 11, "الحادية عشرة"), ("ar", 12, "الثانية عشرة"),
        ("ar", 20, "العشرون"), ("ar", 60, "الستون"), ("ar", 65, "الخامسة والستون"),
        ("ar", 99, "التاسعة والتسعون"),
        ("zh", 1, "一"), ("zh", 10, "十"), ("zh", 11, "十一"), ("zh", 20, "二十"), ("zh", 56, "五十六"),
        ("zh", 99, "九十九"),
        ("ru", 1, "первая"), ("ru", 69, "шестьдесят девятая"),
        ("es", 1, "primer"), ("es", 3, "tercer"), ("es", 59, "quincuagésimo noveno"),
        ("es", 63, "sexagésimo tercer"), ("es", 60, "sexagésimo"),
        ("fr", 1, "première"), ("fr", 21, "vingt et unième"),
        ("en", 60, "sixtieth"),
    ],
)
def test_session_ordinals_agree_with_the_word_for_session(code, number, expected):
    assert get_locale(code).ordinal(number) == expected


@pytest.mark.parametrize("code", ["zh", "ar"])
def test_the_word_tables_refuse_what_they_do_not_cover(code):
    with pytest.raises(ValueError, match="1 to 99"):
        get_locale(code).ordinal(100)


@pytest.mark.parametrize("code", OFFICIAL_LANGUAGES)
def test_the_other_lists_and_the_adopted_agenda(code):
    locale = get_locale(code)
    text, note_at = locale.agenda_line("agenda", 118, None)
    assert note_at == len(text)
    assert "118" in text and "{" not in text
    assert "97" in locale.agenda_line("provisional", 97, None)[0]


def test_a_run_of_lists_in_chinese_and_arabic():
    symbols = [parse_symbol(s) for s in ("A/61/50", "A/61/100", "A/61/150")]
    assert get_locale("zh").symbols(symbols) == "A/61/50、A/61/100和A/61/150"
    assert get_locale("ar").symbols(symbols) == "A/61/50، A/61/100 و A/61/150"


def test_a_joiner_with_the_default_separator_and_space_is_the_plain_conjunction():
    assert shorten_symbols(["A/61/50", "A/61/100", "A/61/150"], Joiner("and")) == shorten_symbols(
        ["A/61/50", "A/61/100", "A/61/150"], "and")


def test_nothing_the_chinese_locale_writes_has_a_space():
    zh = get_locale("zh")
    texts = [
        zh.session(61), zh.agenda_line("preliminary", 54, "b")[0], zh.agenda_line("agenda", 118, None)[0],
        zh.agenda_note(A_61_50), zh.agenda_note([parse_symbol("A/61/50"), parse_symbol("A/61/100")]),
        zh.signed("阿兰·科尔斯"), zh.date(APRIL_25), zh.lettered_label("b"), zh.numbered_label(3),
        zh.annex_original("fr"), zh.wordmark, zh.organ("general_assembly"),
    ] + [zh.interface(key, mark="1") for key in zh.data["interface"]]
    assert [text for text in texts if " " in text] == []


def test_chinese_typography_drops_line_break_spaces_between_chinese_characters_only():
    zh = get_locale("zh")
    assert zh.typography("（见附件）。\n会议由比利时") == "（见附件）。会议由比利时"
    assert zh.typography("会议 由") == "会议由"
    # Between Chinese and Latin letters or digits the writer's spacing is kept.
    assert zh.typography("项目 54(b) 和 A/61/50") == "项目 54(b) 和 A/61/50"


def test_arabic_dates_keep_latin_digits():
    # UN Arabic writes 0-9; Babel must not switch to Arabic-Indic digits (٠-٩).
    assert get_locale("ar").date(datetime.date(2006, 11, 7)) == "7 تشرين الثاني/نوفمبر 2006"


def test_arabic_subparagraph_letters_follow_the_abjad_order():
    ar = get_locale("ar")
    assert [ar.lettered_label(letter) for letter in "abcdefgh"] == [
        "(أ)", "(ب)", "(ج)", "(د)", "(هـ)", "(و)", "(ز)", "(ح)"]


@pytest.mark.parametrize("code", OFFICIAL_LANGUAGES)
def test_an_annex_submitted_in_french_is_noted_in_the_language_of_the_version(code):
    expected = {
        "ar": "[الأصل: بالفرنسية]", "zh": "[原件：法文]", "en": "[Original: French]",
        "fr": "[Original: français]", "ru": "[Подлинный текст на французском языке]", "es": "[Original: francés]",
    }
    assert get_locale(code).annex_original("fr") == expected[code]


@pytest.mark.parametrize("lang, second, twenty_first", [
    ("en", ("Figure II", "II", 7, "roman"), ("Figure 21", "21", 7, "arabic")),
    ("fr", ("Figure II", "II", 7, "roman"), ("Figure 21", "21", 7, "arabic")),
    ("es", ("Gráfico II", "II", 8, "roman"), ("Gráfico 21", "21", 8, "arabic")),
    ("ru", ("Диаграмма II", "II", 10, "roman"), ("Диаграмма 21", "21", 10, "arabic")),
    ("ar", ("الشكل الثاني", "الثاني", 6, "words"), ("الشكل 21", "21", 6, "arabic")),
    ("zh", ("图二", "二", 1, "chinese"), ("图21", "21", 1, "arabic")),
])
def test_figures_are_numbered_in_the_language_s_numerals_and_in_arabic_past_twenty(lang, second, twenty_first):
    """(label, numeral, where the numeral starts, how it is written); a lone figure has no number."""
    locale = get_locale(lang)
    assert locale.figure_label(2, 3) == second
    assert locale.figure_label(21, 25) == twenty_first
    assert locale.figure_label(1, 1) is None


@pytest.mark.parametrize("lang, annex, enclosure", [
    ("en", "Annex III", "Enclosure II"), ("fr", "Annexe III", "Pièce jointe II"),
    ("es", "Anexo III", "Apéndice II"), ("ru", "Приложение III", "Добавление II"),
    # A/69/839/Add.15: Chinese numerals; Arabic ordinal words, masculine for المرفق, feminine for الضميمة.
    ("zh", "附件三", "附文二"), ("ar", "المرفق الثالث", "الضميمة الثانية"),
])
def test_numbered_annexes_and_enclosures_are_labelled_as_the_language_numbers_them(lang, annex, enclosure):
    locale = get_locale(lang)
    assert (locale.part_label("annex", 3), locale.part_label("enclosure", 2)) == (annex, enclosure)
