"""The placeholders `unpress new` writes, in each version's own language (locales/new/<lang>.yaml),
and finding those a writer has left in: a build warns for each file that still holds one."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from .problems import WARNING, Problem
from .theme import SAFE_LOADER

FOLDER = Path(__file__).parent / "locales" / "new"


@functools.lru_cache(maxsize=None)
def scaffold_text(lang: str) -> dict[str, Any]:
    """The language's `placeholders` (text to replace) and `words` (the usual wording)."""
    with open(FOLDER / f"{lang}.yaml", encoding="utf-8") as file:
        return yaml.load(file, Loader=SAFE_LOADER)


def _leaves(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)


@functools.lru_cache(maxsize=None)
def placeholders(lang: str) -> tuple[str, ...]:
    """Every placeholder of the language, longest first (a short one may be part of a long one)."""
    return tuple(sorted(set(_leaves(scaffold_text(lang)["placeholders"])), key=len, reverse=True))


def find_placeholders(text: str, langs: tuple[str, ...]) -> list[tuple[int, str]]:
    """(line, placeholder) of each placeholder of `langs` in `text`, in the order of the text."""
    found = {}
    for lang in langs:
        for placeholder in placeholders(lang):
            start = text.find(placeholder)
            while start != -1:
                if not any(start >= s and start < s + len(p) for s, p in found.items()):
                    found[start] = placeholder
                start = text.find(placeholder, start + 1)
    return [(text.count("\n", 0, start) + 1, found[start]) for start in sorted(found)]


def placeholder_warning(file: str, text: str, langs: tuple[str, ...]):
    """One warning for a file that still holds placeholders, at the first; None when it holds none."""
    found = find_placeholders(text, langs)
    if not found:
        return None
    line, first = found[0]
    more = f"; {len(found) - 1} more after it in this file" if len(found) > 1 else ""
    return Problem(file, line, "placeholder", f"\"{first}\" is a placeholder that `unpress new` wrote; "
                   f"replace it with the document's own text{more}", "placeholder", WARNING)
