"""Compounds the UN keeps whole at the end of a line ("Secretary-General"): titles and headings
break at spaces, never at the hyphen of a compound. The text keeps the typed hyphen "-", so that
it reads, searches and checks as typed: the HTML and PDF set each compound in a span that does
not wrap (CSS `.compound`), the DOCX writes each such hyphen as Word's no-break hyphen
(w:noBreakHyphen), which `unpress import` and `unpress check` read back as "-"."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# A hyphen between two letters or digits, and the compound around it.
COMPOUND = re.compile(r"\w+(?:-\w+)+")
HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def keep_whole(text: str) -> Markup:
    """The text as HTML, each compound in a span that does not wrap."""
    out, last = [], 0
    for match in COMPOUND.finditer(text):
        out += [escape(text[last:match.start()]), Markup('<span class="compound">'),
                escape(match.group()), Markup("</span>")]
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def split_at_hyphens(text: str) -> list[str]:
    """The text cut at the hyphens of its compounds (which are left out)."""
    return HYPHEN.split(text)
