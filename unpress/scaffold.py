"""`unpress new`: a valid content folder for a new document, with its fields to fill in."""

from __future__ import annotations

import datetime
from pathlib import Path

from .read.content import DOCUMENT_FILE
from .problems import ContentError, Problem
from .symbols import SymbolError, parse_symbol

_DOCUMENT = """\
# Facts shared by every language version; every field: docs/content-format.md of unpress.
symbol: {symbol}
distribution: general         # general | limited | restricted
date: {date}              # date of issue
original: {original}
{session}agenda: []                    # e.g. - {{item: 54, subitem: b, list: preliminary, reference: [A/61/50]}}
versions:
{versions}"""

_VERSION = """\
  {lang}:
    title: "Title of the agenda item or of the document"
    # job: 06-39949           # once the job number is known
    # job_dates: [{date}]
"""

_LETTER = """\
---
heading: >-
  Letter dated ... from the Permanent Representative of ... to the United Nations
  addressed to the Secretary-General
signature:
  title: Permanent Representative
  name: Name of the signatory
---

First paragraph of the letter.[^1]

Last paragraph of the letter.

[^1]: A footnote; delete it if the letter has none.
"""

_ANNEX = """\
---
heading: Annex to the letter dated ... addressed to the Secretary-General
title:
  - Title of the annex
---

# 1. First section

(a) A lettered subparagraph;

(b) Another one.
"""


def new_document(symbol_text: str, langs: list[str], parent: Path, today: datetime.date) -> Path:
    """Write the folder `parent`/<symbol as a file name> and return it; refuse to overwrite."""
    try:
        symbol = parse_symbol(symbol_text)
    except SymbolError as error:
        raise ContentError([Problem("unpress new", None, "symbol", str(error), "bad-symbol")]) from None
    folder = parent / symbol.file_name
    if folder.exists():
        raise ContentError([Problem(str(folder), None, "folder", "already exists; choose another symbol or "
                                    "--out folder, unpress new never overwrites", "exists")])
    session = f"session: {symbol.parts[1]}\n" if symbol.organ == "general_assembly" and \
        symbol.parts[1].isdigit() else ""
    versions = "".join(_VERSION.format(lang=lang, date=today.isoformat()) for lang in langs)
    folder.mkdir(parents=True)
    (folder / DOCUMENT_FILE).write_text(_DOCUMENT.format(
        symbol=symbol, date=today.isoformat(), original=langs[0], session=session, versions=versions),
        encoding="utf-8")
    for lang in langs:
        (folder / lang).mkdir()
        (folder / lang / "letter.md").write_text(_LETTER, encoding="utf-8")
        (folder / lang / "annex.md").write_text(_ANNEX, encoding="utf-8")
    return folder
