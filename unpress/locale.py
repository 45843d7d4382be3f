"""Boilerplate, dates, ordinals, labels and typography for each official language."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from babel.dates import format_date
from num2words import num2words

from .symbols import Symbol, shorten_symbols

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


_TYPOGRAPHY = {"none": lambda text: text, "french": _french_spaces}


def available_languages() -> tuple[str, ...]:
    """The official languages that unpress has locale data for, in UN order."""
    return tuple(code for code in OFFICIAL_LANGUAGES if (LOCALE_DIR / f"{code}.yaml").exists())


@functools.lru_cache(maxsize=None)
def get_locale(code: str) -> Locale:
    with open(LOCALE_DIR / f"{code}.yaml", encoding="utf-8") as file:
        return Locale(code, yaml.safe_load(file))


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

    @property
    def language_name(self) -> str:
        """The version line of a translation: "Français"."""
        return self._text(self.data["language"])

    def organ(self, key: str) -> str:
        return self._text(self.data["organs"][key])

    def distribution(self, kind: str) -> str:
        return self._text(self.data["distribution"][kind])

    def original(self, language: str) -> str:
        return self._text(self.data["original"], language=self.data["languages"][language])

    def annex_original(self, language: str) -> str:
        return self._text(self.data["annex_original"], language=self.data["languages"][language])

    def date(self, value: datetime.date) -> str:
        pattern = self.data["date_format"]
        first_day = self.data["first_day"]
        if value.day == 1 and first_day:
            # Babel knows no "1er"; quote it into the pattern as literal text.
            pattern = pattern.replace("d", f"'{first_day}'", 1)
        return self.typography(format_date(value, pattern, locale=self.code))

    def session(self, number: int) -> str:
        ordinal = num2words(number, to="ordinal", lang=self.code)
        return capitalize_first(self._text(self.data["session"], ordinal=ordinal))

    def agenda_item(self, agenda_list: str, item: int, subitem: str | None) -> str:
        number = str(item)
        if subitem:
            number = self.data["subitem"].format(item=item, letter=subitem)
        return self._text(self.data["agenda"][agenda_list], item=number)

    def symbols(self, symbols: Sequence[Symbol]) -> str:
        """A run of symbols as cited in text: "A/61/50 et Corr.1"."""
        return shorten_symbols(symbols, self.data["conjunction"])

    def signed(self, name: str) -> str:
        return self._text(self.data["signed"], name=name)

    def lettered_label(self, letter: str) -> str:
        return self.data["lettered_label"].format(letter=letter)

    def numbered_label(self, number: int) -> str:
        return self.data["numbered_label"].format(number=number)

    @property
    def job_letter(self) -> str:
        return self.data["job_letter"]

    def interface(self, key: str, **values: str) -> str:
        return self._text(self.data["interface"][key], **values)
