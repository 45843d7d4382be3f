"""UN document symbols: checking them, reading what they say, and citing runs of them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# The first part of a symbol names the organ that issues the document.
ORGANS = {
    "A": "general_assembly",
    "S": "security_council",
    "E": "economic_and_social_council",
    "T": "trusteeship_council",
    "ST": "secretariat",
}

# The longest symbols in use ("A/HRC/WG.6/2/UKR/1/Add.1/Corr.1") have about thirty characters.
MAX_LENGTH = 60
PENDING = "XXX"  # stands for a number the documents service has not assigned yet
SUMMARY = "Summary"  # the summary version of a document; it is a document of its own, not a suffix

# Matched without regard to case so that "corr.1" is told its spelling rather than refused vaguely.
_SUFFIX = re.compile(r"(Corr|Rev|Add|Amend)\.(.*)", re.IGNORECASE)
_SUFFIX_NUMBER = re.compile(r"[1-9][0-9]*")
# Body parts: "HRC", "CN.6", "AC.154", "L.3", "WG.II", "CONF.199"; number parts: "61", "2006".
_PLAIN = re.compile(r"[A-Z]+(?:\.[A-Z0-9]+)*|[0-9]+")
_ALLOWED = (
    'a part is upper-case letters with optional dotted parts ("CN.6", "L.3"), digits ("2006"), '
    '"XXX" for a number not assigned yet, or, at the end, "Corr.N", "Rev.N", "Add.N" or "Amend.N"'
)
_SUFFIXES_LAST = "only Corr., Rev., Add. and Amend. parts may follow it"


class SymbolError(ValueError):
    """A text that is not a valid UN document symbol; the message quotes it as typed."""


@dataclass(frozen=True)
class Symbol:
    """A checked document symbol; build it with parse_symbol."""

    text: str  # as typed, "A/61/100/Add.1/Corr.2"
    parts: tuple[str, ...]  # ("A", "61", "100", "Add.1", "Corr.2")
    series: str  # "A"
    organ: str  # "general_assembly", ... (a key: names come from the locale data)
    suffixes: tuple[tuple[str, int], ...]  # (("add", 1), ("corr", 2))
    pending: bool  # a part (or a dotted part, "L.XXX") is XXX

    @property
    def root(self) -> str:
        """The document the suffixes refer to: "A/61/100" for "A/61/100/Add.1/Corr.2"."""
        return "/".join(self.parts[: len(self.parts) - len(self.suffixes)])

    @property
    def kind(self) -> str | None:
        """What the document is: the last suffix decides ("Add.1/Corr.2" is a corrigendum)."""
        return self.suffixes[-1][0] if self.suffixes else None

    @property
    def year(self) -> int | None:
        """The year the symbol names, where its first number is one: 2007 for "S/2007/123",
        "E/2006/56" and "E/CN.6/2006/L.3"; None where that number is a session ("A/61/100",
        "A/HRC/2/9")."""
        number = next((part for part in self.parts[1:] if part.isdigit()), None)
        return int(number) if number is not None and len(number) == 4 else None

    @property
    def file_name(self) -> str:
        """The name outputs are given, as the UN Digital Library names its files."""
        return self.text.replace("/", "_")

    def __str__(self) -> str:
        return self.text


def _error(text: str, reason: str) -> SymbolError:
    return SymbolError(f'"{text}" is not a valid document symbol: {reason}')


def parse_symbol(text: str) -> Symbol:
    """Check a symbol as typed and read its series, organ and suffixes; raise SymbolError."""
    if not text:
        raise _error(text, 'it is empty; write it as "A/61/100"')
    if len(text) > MAX_LENGTH:
        raise SymbolError(f'"{text[:MAX_LENGTH]}..." is not a valid document symbol: it has {len(text)} '
                          f"characters, and a symbol has at most {MAX_LENGTH} (it names files and the "
                          "documents' properties)")
    if any(char.isspace() for char in text):
        raise _error(text, 'it contains a space; parts are separated by "/" alone: "A/61/100"')
    parts = tuple(text.split("/"))
    if len(parts) < 2:
        raise _error(text, 'a symbol has at least two parts separated by "/": "A/61/100"')
    if "" in parts:
        if text.startswith("/"):
            raise _error(text, 'it begins with "/"')
        if text.endswith("/"):
            raise _error(text, 'it ends with "/"')
        raise _error(text, 'it has "//", an empty part')

    series = parts[0]
    if series not in ORGANS:
        if series.upper() in ORGANS:
            raise _error(text, f'the series "{series}" must be upper-case: "{series.upper()}"')
        known = Joiner("and").join(sorted(ORGANS))
        raise _error(text, f'the series "{series}" is not known; the known series are {known}')

    suffixes: list[tuple[str, int]] = []
    for previous, part in zip(parts, parts[1:]):
        suffix = _SUFFIX.fullmatch(part)
        if suffix:
            word, number = suffix.groups()
            label = word.capitalize()
            if word != label:
                raise _error(text, f'"{part}" must be written "{label}.{number}"')
            if not _SUFFIX_NUMBER.fullmatch(number):
                raise _error(text, f'"{part}" must be numbered 1, 2, 3 ...: "{label}.1"')
            suffixes.append((label.lower(), int(number)))
        elif suffixes or previous == SUMMARY:
            raise _error(text, f'"{part}" follows "{previous}"; {_SUFFIXES_LAST}')
        elif part == SUMMARY or _PLAIN.fullmatch(part):
            continue
        elif _PLAIN.fullmatch(part.upper()):
            raise _error(text, f'"{part}" must be upper-case: "{part.upper()}"')
        elif part.endswith("*"):
            # Writers copy the asterisk of a printed reissue ("A/65/L.78*"); the content has a key.
            raise _error(text, 'mark a reissue with "reissued:" in document.yaml, not with "*"')
        else:
            raise _error(text, f'the part "{part}" is not allowed; {_ALLOWED}')
    if len(parts) - len(suffixes) < 2:
        raise _error(text, f'"{parts[1]}" needs the symbol it belongs to: "A/61/100/{parts[1]}"')

    return Symbol(
        text=text,
        parts=parts,
        series=series,
        organ=ORGANS[series],
        suffixes=tuple(suffixes),
        pending=any(PENDING in part.split(".") for part in parts[1:]),
    )


@dataclass(frozen=True)
class Joiner:
    """How a language lists items in prose: "a, b and c", "a、b和c" (no spaces), "a، b و c"."""

    conjunction: str  # "and", "et", "和", "و"
    separator: str = ", "  # between the items before the last one
    space: str = " "  # around the conjunction; Chinese puts none

    @property
    def spaced(self) -> str:
        """The conjunction as it stands between two items: " and ", "和"."""
        return f"{self.space}{self.conjunction}{self.space}"

    def join(self, items: Sequence[str]) -> str:
        """The conjunction only before the last item."""
        if len(items) < 2:
            return "".join(items)
        return f"{self.separator.join(items[:-1])}{self.spaced}{items[-1]}"


def _cite_root(symbols: Sequence[Symbol], joiner: Joiner) -> str:
    """Cite symbols that share one root: the first in full, the others by what they add to the root.

    Tails are read from the root, never from the symbol cited before them, so that a run reads
    one way only: "A/61/100/Add.1 and Add.1/Corr.1", where "A/61/100/Add.1 and Corr.1" could
    also mean the corrigendum to A/61/100.
    """
    # The document itself goes first, so that "and Corr.1" after it reads as its corrigendum.
    ordered = sorted(symbols, key=lambda symbol: bool(symbol.suffixes))
    root = ordered[0].root
    # Same text up to the last suffix number (".../Corr.") -> that suffix's numbers: "Corr.1 and 2".
    runs: dict[str, list[int]] = {}
    for symbol in ordered:
        if symbol.suffixes:
            runs.setdefault(symbol.text.rpartition(".")[0] + ".", []).append(symbol.suffixes[-1][1])
        else:
            runs[symbol.text] = []
    cited = []
    for stem, numbers in runs.items():
        if cited:
            stem = stem[len(root) + 1 :]
        cited.append(stem + joiner.join([str(number) for number in sorted(numbers)]))
    return joiner.spaced.join(cited)


def shorten_symbols(symbols: Sequence[str | Symbol], conjunction: str | Joiner) -> str:
    """Cite symbols the UN way: "A/61/50 and Corr.1 and 2", "A/61/50, A/61/100 and A/61/150".

    Symbols that share a root are cited together where the root first appears (roots keep the
    order they were given in); a repeated symbol is cited once. `conjunction` is the language's
    "and" ("and", "et", "y", ...), or a Joiner for a language that lists without ", " or
    spaces ("A/61/50和Corr.1"). Raises SymbolError for a text that is not a symbol.
    """
    joiner = conjunction if isinstance(conjunction, Joiner) else Joiner(conjunction)
    by_root: dict[str, list[Symbol]] = {}
    for item in symbols:
        symbol = item if isinstance(item, Symbol) else parse_symbol(item)
        group = by_root.setdefault(symbol.root, [])
        if symbol not in group:
            group.append(symbol)
    return joiner.join([_cite_root(group, joiner) for group in by_root.values()])
