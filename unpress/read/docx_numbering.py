"""Word's list numbering as Word shows it: the label of each numbered paragraph, from numbering.xml."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

import roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACEHOLDER = re.compile(r"%([1-9])")


def format_number(number_format: str, value: int) -> str:
    """A counter in one of Word's number formats (w:numFmt): 3 is "3", "c", "C", "iii", "III".
    Letters run a..z, then aa..zz, as Word writes them; a format not known here reads as decimal."""
    if number_format in ("lowerLetter", "upperLetter"):
        letter = string.ascii_lowercase[(value - 1) % 26] * ((value - 1) // 26 + 1) if value > 0 else ""
        return letter.upper() if number_format == "upperLetter" else letter
    if number_format in ("lowerRoman", "upperRoman") and 0 < value < 5000:
        numeral = roman.toRoman(value)
        return numeral.lower() if number_format == "lowerRoman" else numeral
    if number_format == "none":
        return ""
    if number_format == "decimalZero":
        return f"{value:02d}"
    return str(value)


def level_label(level_text: str, formats: list[str], counters: list[int]) -> str:
    """A level's label: its w:lvlText with each %N replaced by level N's counter in its format."""
    def counter(match: re.Match) -> str:
        level = int(match.group(1)) - 1
        if level >= len(counters):
            return ""
        return format_number(formats[level], counters[level])
    return _PLACEHOLDER.sub(counter, level_text)


def _val(element, tag: str, default: str | None = None) -> str | None:
    child = element.find(f"{W}{tag}") if element is not None else None
    return child.get(f"{W}val", default) if child is not None else default


@dataclass(frozen=True)
class Numbered:
    """A paragraph of a Word list: the label Word shows, and what it is made of."""

    label: str
    num_id: str
    level: int
    format: str  # w:numFmt: "decimal", "lowerLetter", "bullet", ...
    value: int  # the level's counter: 3 for "c)", "3."


class _Level:
    def __init__(self, lvl):
        self.start = int(_val(lvl, "start", "0"))
        self.format = _val(lvl, "numFmt", "decimal")
        self.text = _val(lvl, "lvlText", "")
        restart = _val(lvl, "lvlRestart")
        self.restart = None if restart is None else int(restart)  # 0: never restarts
        ind = lvl.find(f"{W}pPr/{W}ind")
        self.indent = None if ind is None else ind.get(f"{W}left", ind.get(f"{W}start"))  # its text's, twips


class Numbering:
    """The labels Word computes for the paragraphs of one story, in reading order.

    Word counts the paragraphs of each numbering definition (w:abstractNum), whichever of its
    lists (w:num) they name: a list whose w:lvlOverride sets a w:startOverride starts the count
    again at its first paragraph, and the lists of the same definition that follow it continue
    that count (LibreOffice's save of a draft names the first paragraph of each run by such a
    list and the others by the plain one). A level's counter starts again after a
    paragraph of a higher level (or of the level its w:lvlRestart names)."""

    def __init__(self, root, styles_root=None):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        for abstract in ([] if root is None else root.iter(f"{W}abstractNum")):
            self.abstract[abstract.get(f"{W}abstractNumId")] = {
                int(lvl.get(f"{W}ilvl", "0")): _Level(lvl) for lvl in abstract.iter(f"{W}lvl")}
        for num in ([] if root is None else root.iter(f"{W}num")):
            starts, levels = {}, {}
            for override in num.iter(f"{W}lvlOverride"):
                level = int(override.get(f"{W}ilvl", "0"))
                start = _val(override, "startOverride")
                if start is not None:
                    starts[level] = int(start)
                if override.find(f"{W}lvl") is not None:
                    levels[level] = _Level(override.find(f"{W}lvl"))
            self.nums[num.get(f"{W}numId")] = (_val(num, "abstractNumId"), starts, levels)
        # A paragraph style may carry a list (w:numPr), inherited along w:basedOn.
        self.style_numbering: dict[str, tuple[str | None, str | None]] = {}
        self.based_on: dict[str, str] = {}
        for style in ([] if styles_root is None else styles_root.iter(f"{W}style")):
            style_id = style.get(f"{W}styleId")
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                self.style_numbering[style_id] = (_val(num_pr, "numId"), _val(num_pr, "ilvl"))
            if _val(style, "basedOn"):
                self.based_on[style_id] = _val(style, "basedOn")
        self.counters: dict[tuple, list[int | None]] = {}
        self.started: set[str] = set()

    def _numbering_of(self, p) -> tuple[str | None, int]:
        num_id, level = _val(p.find(f"{W}pPr/{W}numPr"), "numId"), _val(p.find(f"{W}pPr/{W}numPr"), "ilvl")
        style, seen = _val(p.find(f"{W}pPr"), "pStyle"), set()
        while (num_id is None or level is None) and style and style not in seen:
            seen.add(style)
            style_num, style_level = self.style_numbering.get(style, (None, None))
            num_id, level = num_id or style_num, level or style_level
            style = self.based_on.get(style)
        return num_id, int(level or 0)

    def level_indented(self, num_id: str, indent: str | None) -> int | None:
        """The level of list `num_id` whose text starts at `indent` (twips), if one does."""
        abstract_id, _, overrides = self.nums.get(num_id, (None, {}, {}))
        levels = {**self.abstract.get(abstract_id, {}), **overrides}
        return next((level for level, lvl in sorted(levels.items()) if indent is not None and lvl.indent == indent),
                    None)

    def label(self, p) -> str | None:
        """The label Word shows before paragraph `p`, or None if it is not numbered; call for
        every paragraph of the story in order, as the counters run on from one to the next."""
        numbered = self.numbered(p)
        return numbered.label if numbered else None

    def numbered(self, p) -> Numbered | None:
        """The label of `p` with its list, level, number format and counter (as `label`)."""
        num_id, level = self._numbering_of(p)
        if num_id in (None, "0") or num_id not in self.nums:
            return None
        abstract_id, starts, overrides = self.nums[num_id]
        levels = {**self.abstract.get(abstract_id, {}), **overrides}
        if level not in levels:
            return None
        key = ("num", num_id) if overrides else ("abstract", abstract_id)
        counters = self.counters.setdefault(key, [None] * 9)
        if num_id not in self.started:  # a list with a start override starts there
            self.started.add(num_id)
            for overridden, start in starts.items():
                counters[overridden] = start - 1
        current = counters[level]
        counters[level] = (levels[level].start if current is None else current + 1)
        for deeper in range(level + 1, 9):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart and restart - 1 >= level):
                counters[deeper] = None
        values = [levels[n].start if counters[n] is None else counters[n] for n in range(level + 1)]
        formats = [levels[n].format if n in levels else "decimal" for n in range(level + 1)]
        return Numbered(level_label(levels[level].text, formats, values), num_id, level, formats[level],
                        values[level])
