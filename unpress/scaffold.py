"""`unpress new`: a valid content folder for a new document, with its fields to fill in.

What it writes depends on the kind of document and on the organ of its symbol (a Security Council
letter is addressed to the Council's President; its document has no session), and every
placeholder is in the version's own language (locales/new/<lang>.yaml). A build warns for each
file that still holds a placeholder.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from .bodies import body_of
from .placeholders import scaffold_text
from .problems import ContentError, Problem
from .read.content import DOCUMENT_FILE, DRAFT_KINDS, KINDS
from .symbols import Symbol, SymbolError, parse_symbol

__all__ = ["KINDS", "new_document"]  # KINDS: what `--kind` offers
DRAFTS = DRAFT_KINDS

_DOCUMENT = """\
# Facts shared by every language version; every field: docs/content-format.md of unpress.
symbol: {symbol}
{kind}distribution: {distribution}         # general | limited | restricted
date: {date}              # date of issue
original: {original}
{session}agenda: []                    # e.g. - {{item: 54, subitem: b, list: preliminary, reference: [A/61/50]}}
versions:
{versions}"""

_VERSION = """\
  {lang}:{title}
{sponsors}    # job: {job_year}-00000           # once the job number is known
    # job_dates: [{date}]
"""
# A Security Council letter has no agenda item: its heading is its title ("Titles" in the format).
_UNTITLED = """\
  {lang}: {{}}    # no title: the letter's heading is the title; once known: {{job: {job_year}-00000, job_dates: [{date}]}}
"""


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar of a placeholder, as the file shows it (and a build finds it)."""
    if '"' in text or "\\" in text:
        raise ValueError(f"a placeholder cannot hold a quote or a backslash: {text!r}")
    return f'"{text}"'


def _front_matter(**fields: str) -> str:
    lines = ["---"]
    for key, value in fields.items():
        if key == "signature":
            lines.append(value)
        else:
            lines.append(f"{key}: {_quoted(value)}")
    return "\n".join(lines + ["---", ""]) + "\n"


def _addressee(symbol: Symbol) -> str:
    """Whom a letter under this symbol is addressed to: a Council document's letter goes to the
    President of the Security Council, every other to the Secretary-General."""
    return "security-council" if symbol.organ == "security_council" else "secretary-general"


def _letter(lang: str, symbol: Symbol) -> dict[str, str]:
    text = scaffold_text(lang)
    place, words = text["placeholders"], text["words"]
    to = _addressee(symbol)
    signature = (f"signature:\n  title: {_quoted(words['signatory_title'])}\n"
                 f"  name: {_quoted(place['signatory'])}")
    letter = (_front_matter(heading=place["letter_heading"][to], signature=signature)
              + f"{place['letter_paragraph']}[^1]\n\n{words['circulate'][to]}\n\n[^1]: {place['note']}\n")
    first, second = place["subparagraphs"]
    annex = (_front_matter(heading=place["annex_heading"][to])[:-5]
             + f"title:\n  - {_quoted(place['annex_title'])}\n---\n\n"
             + f"# 1. {place['section']}\n\n(a) {first}\n\n(b) {second}\n")
    return {"letter.md": letter, "annex.md": annex}


def _body(lang: str) -> dict[str, str]:
    place, words = scaffold_text(lang)["placeholders"], scaffold_text(lang)["words"]
    return {"body.md": f"# {words['introduction']}\n\n{place['body_paragraph']}[^1]\n\n[^1]: {place['note']}\n"}


def _organ_line(lang: str, symbol: Symbol) -> str:
    """The line a draft opens with, "*The General Assembly*,": the organ's, or the body's where
    it has sessions of its own (a Main Committee's drafts are the Assembly's)."""
    text = scaffold_text(lang)
    body = body_of(symbol)
    key = body.key if body and body.own_sessions else symbol.organ
    return text["words"]["organ"].get(key, text["placeholders"]["organ"])


def _draft(lang: str, symbol: Symbol, kind: str) -> dict[str, str]:
    place = scaffold_text(lang)["placeholders"]
    head = _front_matter(heading=place["draft_title"])
    if kind == "draft-decision":
        return {"body.md": head + f"{place['decision']}\n"}
    operative = "".join(f"{number}. {text}\n\n" for number, text in enumerate(place["operative"], 1))
    return {"body.md": head + f"{_organ_line(lang, symbol)}\n\n{place['preambular']}\n\n{operative}".rstrip() + "\n"}


def _parts(kind: str, lang: str, symbol: Symbol) -> dict[str, str]:
    if kind == "letter":
        return _letter(lang, symbol)
    if kind in DRAFTS:
        return _draft(lang, symbol, kind)
    return _body(lang)


def _date(symbol: Symbol, today: datetime.date) -> datetime.date:
    """Today, in the symbol's year when it names one (S/2007/...: a day of 2007)."""
    year = symbol.year
    if year is None or year == today.year:
        return today
    day = min(today.day, 28) if today.month == 2 else today.day
    return today.replace(year=year, day=day)


def _session(symbol: Symbol) -> str:
    """The `session` line the symbol tells, or a commented example where it tells none."""
    numbers = [part for part in symbol.parts[1:] if part.isdigit()]
    body = body_of(symbol)
    if symbol.organ == "general_assembly" and numbers and symbol.year is None:
        return f"session: {numbers[0]}\n"
    if symbol.organ == "economic_and_social_council" and body is None and symbol.year is not None:
        return (f"session: {{year: {symbol.year}, kind: substantive}}   # substantive | resumed-substantive | "
                "organizational | resumed-organizational\n")
    if symbol.organ == "economic_and_social_council" and body is not None:
        return "# session: 50                 # the commission's session\n"
    return ""


def new_document(symbol_text: str, langs: list[str], parent: Path, today: datetime.date,
                 kind: str = "letter") -> Path:
    """Write the folder `parent`/<symbol as a file name> and return it; refuse to overwrite."""
    try:
        symbol = parse_symbol(symbol_text)
    except SymbolError as error:
        raise ContentError([Problem("unpress new", None, "symbol", str(error), "bad-symbol")]) from None
    folder = parent / symbol.file_name
    if folder.exists():
        raise ContentError([Problem(str(folder), None, "folder", "already exists; choose another symbol or "
                                    "--out folder, unpress new never overwrites", "exists")])
    date = _date(symbol, today)
    untitled = kind == "letter" and symbol.organ == "security_council"
    versions = "".join((_UNTITLED if untitled else _VERSION).format(
        lang=lang, date=date.isoformat(),
        title=f"\n    title: {_quoted(scaffold_text(lang)['placeholders']['title'])}",
        job_year=f"{date.year % 100:02d}",
        sponsors=f"    sponsors: {_quoted(scaffold_text(lang)['placeholders']['sponsors'])}\n" if kind in DRAFTS else "",
    ) for lang in langs)
    kind_line = "" if kind == "letter" else f"kind: {kind}\n"
    if kind in ("report", "note"):
        kind_line += (f"# issued_by: secretary-general   # prints \"{kind.capitalize()} "
                      f"{'of' if kind == 'report' else 'by'} the Secretary-General\" under the title\n")
    folder.mkdir(parents=True)
    (folder / DOCUMENT_FILE).write_text(_DOCUMENT.format(
        symbol=symbol, kind=kind_line, distribution="limited" if kind in DRAFTS else "general",
        date=date.isoformat(), original=langs[0], session=_session(symbol), versions=versions),
        encoding="utf-8")
    for lang in langs:
        (folder / lang).mkdir()
        for name, text in _parts(kind, lang, symbol).items():
            (folder / lang / name).write_text(text, encoding="utf-8")
    return folder
