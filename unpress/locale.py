"""Boilerplate, dates, ordinals, labels and typography for each official language."""

from __future__ import annotations

import datetime
import functools
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import roman
import yaml
from babel.dates import format_date
from num2words import num2words

from .symbols import Joiner, Symbol, shorten_symbols
from .theme import SAFE_LOADER

OFFICIAL_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
LOCALE_DIR = Path(__file__).parent / "locales"

_NBSP = "\u00a0"
# French: only a space the writer typed becomes a no-break space; none is ever added.
_FRENCH_SPACES = (
    (re.compile(r"[ \t]+([:;!?»])"), _NBSP + r"\1"),
    (re.compile(r"«[ \t]+"), "«" + _NBSP),
)


def _french_spaces(text: str) -> str:
    for pattern, replacement in _FRENCH_SPACES:
        text = pattern.sub(replacement, text)
    return text


# Chinese puts no space between words, so a space between two Chinese characters or full-width
# marks can only come from a line break in the Markdown source, and would show as a gap.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CHINESE_SPACES = re.compile(f"(?<=[{_CJK}])[ \t\n]+(?=[{_CJK}])")


def _chinese_spaces(text: str) -> str:
    return _CHINESE_SPACES.sub("", text)


_TYPOGRAPHY = {"none": lambda text: text, "french": _french_spaces, "chinese": _chinese_spaces}

# Stands in a formatted agenda line for the asterisk of its note until the line is split there.
_MARK = "\x00"


# The ordinals every language can write (its word tables stop at 99): session numbers, and the
# Security Council's years (1946, its first, to 2044).
ORDINALS = range(1, 100)
COUNCIL_FIRST_YEAR = 1946


def _number_words(number: int, words: Mapping[str, Any]) -> str:
    """1 to 99 in words from a language's tables, where num2words has no fitting form.

    Chinese numerals ("六十一") and the Arabic feminine definite ordinals ("الحادية والستون")
    are both built from units, a teen pattern, tens and a pattern joining a unit to its tens.
    """
    if number not in ORDINALS:
        raise ValueError(f"{number} cannot be written in words: the tables cover 1 to 99")
    tens, unit = divmod(number, 10)
    if number <= 10:
        return words["alone"][number - 1]
    if tens == 1:
        return words["teen"].format(unit=words["compound"][unit - 1])
    if unit == 0:
        return words["tens"][tens - 2]
    return words["compound_form"].format(unit=words["compound"][unit - 1], tens=words["tens"][tens - 2])


def available_languages() -> tuple[str, ...]:
    """The official languages that unpress has locale data for, in UN order."""
    return tuple(code for code in OFFICIAL_LANGUAGES if (LOCALE_DIR / f"{code}.yaml").exists())


@functools.lru_cache(maxsize=None)
def get_locale(code: str) -> Locale:
    with open(LOCALE_DIR / f"{code}.yaml", encoding="utf-8") as file:
        return Locale(code, yaml.load(file, Loader=SAFE_LOADER))


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, eq=False)
class Locale:
    """One language's strings and rules; every method returns final, typographied text."""

    code: str
    data: dict[str, Any]

    @property
    def direction(self) -> str:
        return self.data["direction"]

    @property
    def masthead(self) -> Locale:
        """The locale of the distribution block (English in the ru, zh and ar versions)."""
        return get_locale(self.data["masthead_language"])

    def typography(self, text: str) -> str:
        return _TYPOGRAPHY[self.data["typography"]](text)

    def _text(self, template: str, **values: str) -> str:
        return self.typography(template.format(**values))

    @property
    def wordmark(self) -> str:
        return self._text(self.data["wordmark"])

    def language_name(self, code: str) -> str:
        """The version line of a translation, in this (the distribution block's) language:
        "Français" in the French version, "Russian" in the Russian one."""
        return capitalize_first(self._text(self.data["languages"][code]))

    def organ(self, key: str) -> str:
        return self._text(self.data["organs"][key])

    def distribution(self, kind: str) -> str:
        return self._text(self.data["distribution"][kind])

    def original(self, language: str) -> str:
        return self._text(self.data["original"], language=self.data["languages"][language])

    def annex_original(self, language: str) -> str:
        return self._text(self.data["annex_original"], language=self.data["languages"][language])

    def date(self, value: datetime.date, pattern: str | None = None) -> str:
        """A date in the language's style, or in a Babel `pattern` of the parts of it to show."""
        pattern = pattern or self.data["date_format"]
        first_day = self.data["first_day"]
        months = self.data["month_names"]
        if value.day == 1 and first_day:
            # Babel knows no "1er"; quote it into the pattern as literal text.
            pattern = pattern.replace("d", f"'{first_day}'", 1)
        if months:
            # Babel's month names are not the UN's (Arabic pairs two names): quote the UN's in.
            pattern = pattern.replace("MMMM", f"'{months[value.month - 1]}'")
        return self.typography(format_date(value, pattern, locale=self.code))

    def ordinal(self, number: int, rule_key: str = "ordinal") -> str:
        """The session number in words: num2words with a language's options and endings, or the
        language's own word tables where num2words has no fitting form. `rule_key` names
        another rule where the noun's gender differs ("year_ordinal")."""
        rule = self.data[rule_key] or self.data["ordinal"]
        if rule["words"]:
            return _number_words(number, rule["words"])
        words = num2words(number, lang=self.code, **rule["num2words"])
        for ending, replacement in rule["endings"].items():
            if words.endswith(ending):
                return words[: -len(ending)] + replacement
        return words

    def session(self, number: int) -> str:
        return capitalize_first(self._text(self.data["session"], ordinal=self.ordinal(number)))

    def body(self, key: str) -> str:
        """A subsidiary body's or Main Committee's name: "Human Rights Council", "Third Committee"."""
        return self._text(self.data["bodies"][key])

    def ecosoc_session(self, kind: str, year: int) -> str:
        """The Economic and Social Council's session line: "Substantive session of 2006"."""
        return capitalize_first(self._text(self.data["ecosoc_sessions"][kind], year=str(year)))

    def date_range(self, start: datetime.date, end: datetime.date) -> str:
        """The days of a meeting: "3-28 July 2006", "30 March-2 April 2006", "2006年7月3日至28日"."""
        if start == end:
            return self.date(start)
        rule = self.data["date_range"]
        if (start.year, start.month) == (end.year, end.month):
            first, last = rule["same_month"]
        elif start.year == end.year:
            first, last = rule["same_year"]
        else:
            first, last = rule["other"]
        return self._text(rule["join"], start=self.date(start, first), end=self.date(end, last))

    def meeting(self, place: str | None, start: datetime.date, end: datetime.date) -> str:
        """The line of the place and days of a meeting: "Geneva, 3-28 July 2006", or the days alone."""
        dates = self.date_range(start, end)
        return self._text(self.data["meeting"], place=self.data["places"][place], dates=dates) if place else dates

    def council_year(self, year: int) -> str:
        """The Security Council's year line: 2006 is its "Sixty-first year"."""
        ordinal = self.ordinal(year - COUNCIL_FIRST_YEAR + 1, "year_ordinal")
        return capitalize_first(self._text(self.data["year"], ordinal=ordinal))

    def document_kind(self, kind: str | None) -> str | None:
        """"Corrigendum", "Addendum": the line under the title of such a document, if any."""
        word = self.data["document_kinds"].get(kind) if kind else None
        return self._text(word) if word else None

    def issued_by(self, kind: str, issuer: str) -> str:
        """The line under the title of a report or note: "Report of the Secretary-General"."""
        return self._text(self.data["issued_by"][kind][issuer])

    def report_heading(self, name: str) -> str:
        """A heading of a report's or note's front: "Summary", "Contents", "Page" (its column)."""
        return self._text(self.data["report_headings"][name])

    def sponsors_line(self, kind: str, sponsors: str | None) -> str:
        """The line under a draft's agenda title: "Belgium, France and Morocco: draft resolution",
        or the word alone, capitalized, without sponsors ("Draft resolution")."""
        draft = self.data["drafts"][kind]
        if sponsors is None:
            return capitalize_first(self._text(draft))
        return self._text(self.data["sponsored"], sponsors=sponsors, draft=draft)

    def numeral(self, number: int, style: str, rule_key: str) -> str:
        """`number` as a label writes it: "21" (arabic), "II" (roman), or in words by the ordinal
        rule `rule_key`, or the session's where the language gives none ("二", "الثاني")."""
        if style == "arabic":
            return str(number)
        if style == "roman":
            return roman.toRoman(number)
        return self.ordinal(number, rule_key)

    def part_label(self, kind: str, number: int) -> str:
        """"Annex II", "附件二", "المرفق الثاني": the label of one of several annexes or enclosures."""
        return self._text(self.data[f"{kind}_label"],
                          numeral=self.numeral(number, self.data[f"{kind}_numeral"], f"{kind}_ordinal"))

    def part_word(self, kind: str) -> str:
        """The word of a part's label without its numeral: "Annex", "Pièce jointe", "附文"."""
        return self._before_numeral(f"{kind}_label").strip()

    def _before_numeral(self, key: str) -> str:
        """What the label template `key` prints before its numeral ("Figure ", "图")."""
        template = self.data[key]
        return self.typography(template[: template.index("{numeral}")])

    def figure_label(self, number: int, total: int) -> tuple[str, str, int, str] | None:
        """The label of figure `number` of `total` in the version: ("Figure II", "II", where the
        numeral starts, how it is written), or None for a lone figure, which the UN does not number.
        More than 20 figures are numbered in arabic numerals (UN Editorial Manual)."""
        if total <= 1:
            return None
        style = "arabic" if total > 20 else self.data["figure_numeral"]
        numeral = self.numeral(number, style, "figure_ordinal")
        return (self._text(self.data["figure_label"], numeral=numeral), numeral,
                len(self._before_numeral("figure_label")), style)

    def reissued(self, value: datetime.date) -> str:
        return self._text(self.data["reissued"], date=self.date(value))

    def letter(self, letter: str) -> str:
        """A sub-item or subparagraph letter, typed a to z, as this language writes it."""
        letters = self.data["letters"]
        return letters[string.ascii_lowercase.index(letter)] if letters else letter

    def agenda_line(self, agenda_list: str, item: int, subitem: str | None) -> tuple[str, int]:
        """An agenda line and the place of its note's asterisk in it: at the end, except in
        Chinese, where it follows the name of the list ("初步清单*项目54(b)")."""
        number = str(item)
        if subitem:
            number = self.data["subitem"].format(item=item, letter=self.letter(subitem))
        text = self._text(self.data["agenda"][agenda_list], item=number, mark=_MARK)
        return text.replace(_MARK, ""), text.index(_MARK)

    @property
    def joiner(self) -> Joiner:
        return Joiner(self.data["conjunction"], self.data["list_separator"], self.data["word_space"])

    def symbols(self, symbols: Sequence[Symbol]) -> str:
        """A run of symbols as cited in text: "A/61/50 et Corr.1", "A/61/50和Corr.1"."""
        return shorten_symbols(symbols, self.joiner)

    def agenda_note(self, symbols: Sequence[Symbol]) -> str:
        """The text of the asterisk note that names an agenda list: "A/61/50 and Corr.1."."""
        return self._text(self.data["agenda_note"], symbols=self.symbols(symbols))

    def signed(self, name: str) -> str:
        return self._text(self.data["signed"], name=name)

    @property
    def signature_title_first(self) -> bool:
        """Whether a signature's title stands above "(Signé) Name" (French) or under it (English)."""
        return self.data["signature_order"] == "title-first"

    def lettered_label(self, letter: str) -> str:
        return self.data["lettered_label"].format(letter=self.letter(letter))

    def numbered_label(self, number: int) -> str:
        return self.data["numbered_label"].format(number=number)

    def note_mark(self, number: int) -> str:
        return self.data["note_mark"].format(number=number)

    @property
    def job_letter(self) -> str:
        return self.data["job_letter"]

    def interface(self, key: str, **values: str) -> str:
        return self._text(self.data["interface"][key], **values)
