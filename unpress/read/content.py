"""Content folders: read document.yaml and the Markdown parts, report every problem, build the model."""

from __future__ import annotations

import dataclasses
import datetime
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import roman

from .. import model as m
from ..bodies import BODIES, ECOSOC_SESSION_KINDS, NONE, ORDINAL, Body, body_of, session_style
from ..locale import COUNCIL_FIRST_YEAR, OFFICIAL_LANGUAGES, ORDINALS, Locale, available_languages, get_locale
from .images import MAX_IMAGE_BYTES, ImageFolder
from ..placeholders import placeholder_warning
from .markdown import FigureCount, NoteNumbering, ParsedPart, number_paragraphs, parse_part
from ..problems import WARNING, ContentError, Problem, closest, errors, suggest
from ..symbols import Symbol, SymbolError, parse_symbol
from .files import Reads, read_file, resolve_inside
from .yamlsource import FORBIDDEN_CHARACTERS, Value, YamlError, read_yaml, unprintable

DOCUMENT_FILE = "document.yaml"
DISTRIBUTIONS = ("general", "limited", "restricted")
AGENDA_LISTS = ("preliminary", "provisional", "agenda")
PLACES = ("new-york", "geneva", "vienna", "nairobi")
# The kinds of document (the contract's "Kinds of document") and the main part each is written in.
KINDS = ("letter", "note", "report", "draft-resolution", "draft-decision")
KIND_PARTS = {"letter": "letter", "note": "body", "report": "body", "draft-resolution": "body",
              "draft-decision": "body"}
# Who issues a report or a note: its line under the title ("Report of the Secretary-General").
ISSUERS = ("secretary-general", "secretariat")
ISSUED_KINDS = ("report", "note")
# `numbering` in the body of a report or note: its paragraphs numbered by unpress.
NUMBERINGS = ("auto",)
# Drafts: a sponsors line under the title, the body laid out as a resolution (docs/drafts.md).
DRAFT_KINDS = ("draft-resolution", "draft-decision")
_PART_FILE = re.compile(r"^(letter|body|annex|enclosure|summary)(?:-([1-9][0-9]*))?\.md$")
# summary.md is read first: its notes are numbered before the body's, as it is printed before it.
_PART_ORDER = {"summary": -1, "letter": 0, "body": 0, "annex": 1, "enclosure": 2}
_JOB = re.compile(r"^[0-9]{2}-[0-9]{5}$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_SUBITEM = re.compile(r"^[a-z]$")
_NUMBER = re.compile(r"^[0-9]+$")
# A line break or tab typed in a field (YAML's "\n", "\t") with the spaces around it; not U+00A0 and
# the other no-break spaces, which typography puts where they belong.
_BREAK = re.compile(r"[ \t]*[\t\r\n][ \t\r\n]*")
MAX_DIGITS = 9  # more is a typing accident (and past 4,300 digits int() refuses to read it)
FIRST_DATE = datetime.date(1945, 4, 25)  # the San Francisco Conference opened
MAX_JOB_DATES = 2  # the original's date, and a translation's


def is_document_folder(path: Path) -> bool:
    # Any document.yaml, even a broken link or a folder, so that reading it names what is wrong.
    return os.path.lexists(path / DOCUMENT_FILE)


def read_text(path: Path, root: Path, reads: Reads | None = None) -> str:
    """A content file of the document folder `root` as text: UTF-8 without byte-order mark, "\\n"
    line ends, Unicode NFC.

    Raises ContentError naming the file (and line and column) when it is not such text, or not a
    file that a build may read (see read.files).
    """
    data = read_file(path, root, reads)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ContentError([Problem(str(path), line, "encoding", f"byte {data[error.start]:#04x} is not "
                                    "UTF-8; save the file as UTF-8", "encoding")]) from None
    # Text pasted from elsewhere may come decomposed ("e" + combining accent): compose it, so
    # that the same words are the same characters in every output and every comparison.
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    problems = []
    for match in FORBIDDEN_CHARACTERS.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - text.rfind("\n", 0, match.start())
        problems.append(Problem(str(path), line, "text", f"{unprintable(match.group())} cannot be printed; "
                                "delete it", "control-character", column=column))
    if problems:
        raise ContentError(problems)
    return text


# --- document.yaml ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaItem:
    item: int
    subitem: str | None
    agenda_list: str
    reference: tuple[Symbol, ...]


@dataclass(frozen=True)
class Session:
    """A session as its organ names it: a number, or (the Economic and Social Council) a year and kind."""

    number: int | None = None
    year: int | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Meeting:
    """Where and when the session meets: the line "Geneva, 3-28 July 2006"."""

    place: str | None  # None: the dates alone, as commissions meeting at Headquarters print them
    start: datetime.date
    end: datetime.date


@dataclass(frozen=True)
class VersionFacts:
    lang: str
    line: int
    title: str | None  # None: the first part's heading is the title
    job: str | None
    job_dates: tuple[datetime.date, ...]
    sponsors: str | None = None  # a draft's sponsors, as typed: "Belgium, France and Morocco"
    sponsors_line: int | None = None


@dataclass(frozen=True)
class Facts:
    """What document.yaml says, validated."""

    symbols: tuple[Symbol, ...]
    symbol_line: int
    distribution: str
    date: datetime.date
    original: str
    body: Body | None  # named by `body` or implied by the symbol
    session: Session | None
    meeting: Meeting | None
    agenda: tuple[AgendaItem, ...]
    reissued: datetime.date | None
    versions: tuple[VersionFacts, ...]
    kind: str | None = None  # None: not given (a letter with letter.md, a note with body.md)
    kind_line: int | None = None
    issued_by: str | None = None  # one of ISSUERS
    contents: bool = False  # a Contents table of the headings


class _Reader:
    """Validates values of one file, collecting a Problem for each mistake instead of raising."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems

    def problem(self, line: int | None, field: str, message: str, code: str) -> None:
        self.problems.append(Problem(self.file, line, field, message, code))

    def mapping(self, value: Value, path: str, fields: dict[str, bool]) -> dict[str, Value] | None:
        """The mapping's entries; unknown keys and missing required ones are problems."""
        if not isinstance(value.data, dict):
            self.problem(value.line, path or "document", f"expected a set of `key: value` lines, found "
                         f"{_typed(value)}", "bad-type")
            return None
        misspelt = set()  # a required field typed wrong is reported once, as unknown
        for key, entry in value.data.items():
            if key not in fields:
                misspelt.add(closest(key, fields))
                self.problem(entry.line, _join(path, key), f"unknown field \"{key}\"{suggest(key, fields)}; "
                             f"known fields: {', '.join(fields)}", "unknown-field")
        for key, required in fields.items():
            if required and key not in value.data and key not in misspelt:
                self.problem(value.line, _join(path, key), f"missing; add `{key}:` here", "missing-field")
        return value.data

    def text(self, value: Value | None, path: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value.data, str) or not value.data.strip():
            self.problem(value.line, path, f"expected text, found {_typed(value)}", "bad-type")
            return None
        # A field is one line, as the PDF and HTML show it: a break typed in it is a space there, and
        # the DOCX would break the line (in a signature, a line of its own).
        return _BREAK.sub(" ", value.data.strip())

    def choice(self, value: Value | None, path: str, choices: tuple[str, ...]) -> str | None:
        text = self.text(value, path)
        if text is not None and text not in choices:
            self.problem(value.line, path, f"\"{text}\" is not one of: {', '.join(choices)}"
                         f"{suggest(text, choices)}", "bad-value")
            return None
        return text

    def flag(self, value: Value | None, path: str) -> bool:
        """`true` or `false` (YAML's yes/no too); absent is false."""
        text = self.text(value, path)
        if text is None:
            return False
        if text.lower() in ("true", "yes", "on"):
            return True
        if text.lower() not in ("false", "no", "off"):
            self.problem(value.line, path, f"{_quoted(text)} is not true or false; write `{path}: true`",
                         "bad-value")
        return False

    def language(self, value: Value | None, path: str) -> str | None:
        text = self.text(value, path)
        if text is None:
            return None
        if text not in OFFICIAL_LANGUAGES:
            self.problem(value.line, path, f"\"{text}\" is not an official UN language; use one of: "
                         f"{', '.join(OFFICIAL_LANGUAGES)}", "bad-language")
            return None
        return text

    def number(self, value: Value | None, path: str) -> int | None:
        text = self.text(value, path)
        if text is None:
            return None
        if not _NUMBER.match(text):  # ASCII digits: "²".isdigit() too, and int() refuses it
            self.problem(value.line, path, f"{_quoted(text)} is not a whole number", "bad-number")
            return None
        if len(text) > MAX_DIGITS:
            self.problem(value.line, path, f"{_quoted(text)} has {len(text)} digits; no session, item or "
                         f"year has more than {MAX_DIGITS}", "bad-number")
            return None
        return int(text)

    def date(self, value: Value | None, path: str) -> datetime.date | None:
        text = self.text(value, path)
        if text is None:
            return None
        try:
            if not _ISO_DATE.match(text):
                raise ValueError
            date = datetime.date.fromisoformat(text)
        except ValueError:
            self.problem(value.line, path, f"{_quoted(text)} is not a date; write a real date as "
                         "YYYY-MM-DD, e.g. 2006-04-25", "bad-date")
            return None
        if date < FIRST_DATE:
            self.problem(value.line, path, f"\"{text}\" is before {FIRST_DATE.isoformat()}, the first day of "
                         "the United Nations Conference on International Organization; no UN document is "
                         "older: check the year", "bad-date")
            return None
        return date

    def symbol(self, value: Value, path: str) -> Symbol | None:
        text = self.text(value, path)
        if text is None:
            return None
        try:
            return parse_symbol(text)
        except SymbolError as error:
            self.problem(value.line, path, str(error), "bad-symbol")
            return None

    def listing(self, value: Value | None, path: str) -> list[Value]:
        """A list, or a single value standing for a list of one."""
        if value is None or value.data is None:
            return []
        return value.data if isinstance(value.data, list) else [value]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _typed(value: Value) -> str:
    if value.data is None:
        return "nothing"
    if isinstance(value.data, list):
        return "a list"
    if isinstance(value.data, dict):
        return "a set of fields"
    return _quoted(value.data)


def _quoted(text: str, limit: int = 60) -> str:
    """A value as a message quotes it, shortened when it is long (a 4,000-digit number, say)."""
    return f"\"{text}\"" if len(text) <= limit else f"\"{text[:limit]}...\" ({len(text)} characters)"


_DOCUMENT_FIELDS = {
    "symbol": True, "distribution": True, "date": True, "original": True, "body": False, "session": False,
    "meeting": False, "agenda": False, "reissued": False, "kind": False, "issued_by": False, "contents": False,
    "versions": True,
}
_ECOSOC_SESSION_FIELDS = {"year": True, "kind": True}
_MEETING_FIELDS = {"place": False, "from": True, "to": False}
_AGENDA_FIELDS = {"item": True, "subitem": False, "list": True, "reference": False}
_VERSION_FIELDS = {"title": False, "sponsors": False, "job": False, "job_dates": False}


def read_facts(path: Path, problems: list[Problem], reads: Reads | None = None) -> Facts | None:
    """document.yaml, validated; None when it has errors (they are in `problems`)."""
    file = str(path)
    before = len(problems)
    reader = _Reader(file, problems)
    try:
        source = read_text(path, path.parent, reads)
        root = read_yaml(source)
    except YamlError as error:
        problems.append(Problem(file, error.line, "yaml", error.message, "yaml"))
        return None
    fields = reader.mapping(root, "", _DOCUMENT_FIELDS)
    if fields is None:
        return None

    symbols = tuple(s for i, v in enumerate(reader.listing(fields.get("symbol"), "symbol"))
                    if (s := reader.symbol(v, "symbol")))
    if "symbol" in fields and not reader.listing(fields["symbol"], "symbol"):  # "symbol:" or "symbol: []"
        reader.problem(fields["symbol"].line, "symbol", "empty; give the document symbol, e.g. A/61/100", "missing-field")
    distribution = reader.choice(fields.get("distribution"), "distribution", DISTRIBUTIONS)
    date = reader.date(fields.get("date"), "date")
    original = reader.language(fields.get("original"), "original")
    reissued = reader.date(fields.get("reissued"), "reissued")
    # The document's own organ: a joint document's session and body are the Assembly's, not the Council's.
    primary = next((s for s in symbols if s.organ != "security_council"), symbols[0] if symbols else None)
    body = _body(reader, fields.get("body"), primary)
    session = _session(reader, fields.get("session"), primary, body) if primary else None
    if session is None and "session" not in fields and primary and primary.organ == "general_assembly":
        whose = _english_name(primary.organ, body if body and body.own_sessions else None)
        reader.problem(root.line, "session", f"missing; a {whose} document names its session, "
                       "e.g. `session: 61`", "missing-field")
    meeting = _meeting(reader, fields.get("meeting"))
    kind = reader.choice(fields.get("kind"), "kind", KINDS)
    issued_by = reader.choice(fields.get("issued_by"), "issued_by", ISSUERS)
    if issued_by and kind not in ISSUED_KINDS:
        reader.problem(fields["issued_by"].line, "issued_by", f"only a report or a note is issued by someone "
                       f"(this document is {_a_kind(kind)}); add `kind: report` or `kind: note`, or delete "
                       "`issued_by`", "bad-kind")
    contents = reader.flag(fields.get("contents"), "contents")
    if contents and kind not in ISSUED_KINDS:
        reader.problem(fields["contents"].line, "contents", f"a Contents table belongs to a report or a note "
                       f"(this document is {_a_kind(kind)}); add `kind: report` or `kind: note`, or delete "
                       "`contents`", "bad-kind")

    agenda = []
    for index, entry in enumerate(reader.listing(fields.get("agenda"), "agenda")):
        path_i = f"agenda[{index}]"
        item_fields = reader.mapping(entry, path_i, _AGENDA_FIELDS)
        if item_fields is None:
            continue
        item = reader.number(item_fields.get("item"), f"{path_i}.item")
        subitem = reader.text(item_fields.get("subitem"), f"{path_i}.subitem")
        if subitem is not None and not _SUBITEM.match(subitem):
            reader.problem(item_fields["subitem"].line, f"{path_i}.subitem",
                           f"\"{subitem}\" is not a sub-item letter; write one lower-case letter, e.g. b",
                           "bad-value")
        agenda_list = reader.choice(item_fields.get("list"), f"{path_i}.list", AGENDA_LISTS)
        reference = tuple(s for v in reader.listing(item_fields.get("reference"), f"{path_i}.reference")
                          if (s := reader.symbol(v, f"{path_i}.reference")))
        if item is not None and agenda_list is not None:
            agenda.append(AgendaItem(item, subitem, agenda_list, reference))

    versions = []
    jobs: list[tuple[str, int, str]] = []  # (field, line, job number) of each version's job number
    versions_value = fields.get("versions")
    if versions_value is not None:
        version_map = reader.mapping(versions_value, "versions", {code: False for code in OFFICIAL_LANGUAGES})
        for lang, entry in (version_map or {}).items():
            if lang not in OFFICIAL_LANGUAGES:
                continue  # reported as an unknown field above
            path_v = f"versions.{lang}"
            version_fields = reader.mapping(entry, path_v, _VERSION_FIELDS)
            if version_fields is None:
                continue
            title = reader.text(version_fields.get("title"), f"{path_v}.title")
            job = reader.text(version_fields.get("job"), f"{path_v}.job")
            if job is not None and not _JOB.match(job):
                reader.problem(version_fields["job"].line, f"{path_v}.job", f"\"{job}\" is not a job number; "
                               "write it as NN-NNNNN, e.g. 06-39949", "bad-job")
            dates_given = reader.listing(version_fields.get("job_dates"), f"{path_v}.job_dates")
            if len(dates_given) > MAX_JOB_DATES:
                reader.problem(version_fields["job_dates"].line, f"{path_v}.job_dates", f"{len(dates_given)} "
                               "dates; give one (the original's) or two (the original's and the "
                               "translation's)", "bad-value")
            job_dates = tuple(d for v in dates_given if (d := reader.date(v, f"{path_v}.job_dates")))
            if job is not None and _JOB.match(job):
                jobs.append((f"{path_v}.job", version_fields["job"].line, job))
            sponsors = reader.text(version_fields.get("sponsors"), f"{path_v}.sponsors")
            if sponsors is not None and kind not in DRAFT_KINDS:
                reader.problem(version_fields["sponsors"].line, f"{path_v}.sponsors", f"only a draft resolution or "
                               f"decision has sponsors (this document is {_a_kind(kind)}); add `kind: "
                               "draft-resolution` or `kind: draft-decision`, or delete `sponsors`", "bad-kind")
            if title is not None or "title" not in version_fields:
                versions.append(VersionFacts(lang, entry.line, title, job, job_dates, sponsors=sponsors,
                                             sponsors_line=version_fields["sponsors"].line
                                             if "sponsors" in version_fields else None))
        if version_map is not None and not version_map:
            reader.problem(versions_value.line, "versions", "no language version; add one, e.g. `en:` with "
                           "its `title:`", "missing-field")

    last_year = COUNCIL_FIRST_YEAR + ORDINALS[-1] - 1
    for symbol in symbols:  # a joint document prints the Council's year in words ("Sixty-first year")
        if symbol.organ == "security_council" and len(symbols) > 1 and symbol.parts[1].isdigit() and \
                not COUNCIL_FIRST_YEAR <= int(symbol.parts[1]) <= last_year:
            reader.problem(fields["symbol"].line, "symbol", f"{symbol}: {_quoted(symbol.parts[1])} is not a year of "
                           f"the Security Council unpress can print; its years are {COUNCIL_FIRST_YEAR} to "
                           f"{last_year}", "bad-symbol")

    if len(problems) > before:
        return None
    problems.extend(_year_warnings(file, fields, symbols, date, jobs))
    if (left := placeholder_warning(file, source, available_languages())) is not None:
        problems.append(left)
    return Facts(symbols, fields["symbol"].line, distribution, date, original, body, session, meeting,
                 tuple(agenda), reissued, tuple(versions), kind, fields["kind"].line if "kind" in fields else None,
                 issued_by, contents)


def _a_kind(kind: str | None) -> str:
    """A kind as a message names it: "a letter", "a draft resolution"; a document that gives none."""
    if kind is None:
        return "a letter or a note, as it gives no `kind`"
    return f"a {kind.replace('-', ' ')}"


def _year_warnings(file: str, fields: dict[str, Value], symbols: tuple[Symbol, ...], date: datetime.date,
                   jobs: list[tuple[str, int, str]]) -> list[Problem]:
    """A warning for each year that does not agree with `date`: a symbol's ("S/2007/123" is of 2007)
    and a job number's ("06-39949" was registered in 2006); a documents officer would look again
    at the date, the symbol or the job number, but the build goes on."""
    found = []
    for symbol in symbols:
        year = symbol.year
        if year is not None and year != date.year:
            found.append(Problem(file, fields["symbol"].line, "symbol", f"{symbol} is a symbol of {year}, and "
                                 f"the document is dated {date.isoformat()}; check the symbol and `date`",
                                 "year-mismatch", WARNING))
    for field, line, job in jobs:
        year = int(job[:2]) + (1900 if int(job[:2]) >= FIRST_DATE.year % 100 else 2000)
        if year != date.year:
            found.append(Problem(file, line, field, f"the job number {job} is of {year} (its first two digits), "
                                 f"and the document is dated {date.isoformat()}; check the job number and "
                                 "`date`", "year-mismatch", WARNING))
    return found


def _english_name(organ: str, body: Body | None) -> str:
    """The organ's or body's name for a message: "General Assembly", "Human Rights Council"."""
    english = get_locale("en")
    return english.body(body.key) if body else english.organ(organ)


def _body(reader: _Reader, value: Value | None, primary: Symbol | None) -> Body | None:
    """`body`, which must be one of the organ's and agree with the body the symbol names, or
    the body the symbol names."""
    implied = body_of(primary) if primary else None
    key = reader.choice(value, "body", tuple(BODIES))
    if key is None:
        return implied
    body = BODIES[key]
    if primary and body.organ != primary.organ:
        reader.problem(value.line, "body", f"the {_english_name(body.organ, body)} is a body of the "
                       f"{_english_name(body.organ, None)}, and {primary} is a symbol of the "
                       f"{_english_name(primary.organ, None)}; correct the symbol or `body`", "bad-body")
    elif implied and body != implied:
        reader.problem(value.line, "body", f"{primary} is a symbol of the {_english_name(implied.organ, implied)}, "
                       f"not of the {_english_name(body.organ, body)}; write `body: {implied.key}` or leave "
                       "`body` out", "bad-body")
    return body


def _session(reader: _Reader, value: Value | None, primary: Symbol, body: Body | None) -> Session | None:
    """`session` as the organ or body names its sessions; where it cannot apply, an error saying why."""
    if value is None:
        return None
    style = session_style(primary.organ, body)
    whose = _english_name(primary.organ, body if body and body.own_sessions else None)
    if style == NONE:
        reader.problem(value.line, "session", f"the {whose} has no sessions: a {whose} document carries its year "
                       f"in its symbol ({primary}); delete `session`", "bad-session")
        return None
    if style == ORDINAL:
        if isinstance(value.data, dict):
            reader.problem(value.line, "session", f"the {whose} numbers its sessions; write the number, e.g. "
                           "`session: 61`", "bad-session")
            return None
        number = reader.number(value, "session")
        if number is not None and number not in ORDINALS:
            reader.problem(value.line, "session", f"{number} is not a session number unpress can print: the "
                           f"{whose}'s session is printed in words, from {ORDINALS[0]} to {ORDINALS[-1]}",
                           "bad-session")
            return None
        return Session(number=number) if number is not None else None
    if not isinstance(value.data, dict):
        reader.problem(value.line, "session", f"the {whose} names its sessions by year and kind, not by a "
                       f"number: write e.g. `session: {{year: 2006, kind: substantive}}` (kinds: "
                       f"{', '.join(ECOSOC_SESSION_KINDS)})", "bad-session")
        return None
    fields = reader.mapping(value, "session", _ECOSOC_SESSION_FIELDS) or {}
    year = reader.number(fields.get("year"), "session.year")
    kind = reader.choice(fields.get("kind"), "session.kind", ECOSOC_SESSION_KINDS)
    return Session(year=year, kind=kind) if year is not None and kind is not None else None


def _meeting(reader: _Reader, value: Value | None) -> Meeting | None:
    if value is None:
        return None
    fields = reader.mapping(value, "meeting", _MEETING_FIELDS)
    if fields is None:
        return None
    place = reader.choice(fields.get("place"), "meeting.place", PLACES)
    start = reader.date(fields.get("from"), "meeting.from")
    end = reader.date(fields.get("to"), "meeting.to") if "to" in fields else start
    if start and end and end < start:
        reader.problem(fields["to"].line, "meeting.to", f"{end.isoformat()} is before the first day, "
                       f"{start.isoformat()}; give the last day of the meeting", "bad-date")
        return None
    if "place" in fields and place is None:
        return None
    return Meeting(place, start, end) if start and end else None


# --- parts ------------------------------------------------------------------------------------


_PART_FIELDS = {
    "letter": {"heading": False, "signature": False},
    "body": {"heading": False, "numbering": False},
    "summary": {},
    "annex": {"heading": False, "title": False, "original": False},
    "enclosure": {"heading": False, "title": False, "original": False},
}
_SIGNATURE_FIELDS = {"name": True, "title": False}


def _part_files(folder: Path, problems: list[Problem]) -> list[tuple[str, Path]]:
    """The part files of a language folder, in reading order; other files are problems."""
    parts = []
    for path in sorted(folder.iterdir()):
        match = _PART_FILE.match(path.name)
        if match is None or (match.group(1) == "summary" and match.group(2)):  # a version has one summary
            if path.suffix == ".md":
                problems.append(Problem(str(path), None, "part", f"\"{path.name}\" is not a part name; use "
                                        "letter.md, body.md, summary.md, annex.md, annex-1.md, enclosure.md, ...", "bad-part"))
            continue
        kind, number = match.group(1), int(match.group(2) or 0)
        parts.append(((_PART_ORDER[kind], number), kind, path))
    parts.sort()
    kinds = [kind for _, kind, _ in parts]
    if "letter" in kinds and "body" in kinds:
        problems.append(Problem(str(folder), None, "part", "a version has either letter.md or body.md, "
                                "not both", "bad-part"))
    if not any(kind in ("letter", "body") for kind in kinds):
        problems.append(Problem(str(folder), None, "part", "no letter.md or body.md; write the main text in "
                                "one of them", "missing-part"))
    return [(kind, path) for _, kind, path in parts]


def _inline_text(text: str, locale: Locale) -> tuple[m.Inline, ...]:
    return (m.Text(locale.typography(text)),)


def _build_part(kind: str, index: int, numbered: bool, path: Path, parsed: ParsedPart, locale: Locale,
                problems: list[Problem]) -> m.Part:
    """One part; `numbered` when it is one of several annexes (or enclosures), labelled "Annex II"."""
    reader = _Reader(str(path), problems)
    fields: dict[str, Value] = {}
    front_matter = parsed.front_matter
    if front_matter is not None and isinstance(front_matter.data, dict) and kind != "body" and \
            "numbering" in front_matter.data:
        reader.problem(front_matter.data["numbering"].line, "numbering", f"only the paragraphs of a report's or "
                       f"a note's body.md are numbered, not those of {path.name}; delete `numbering`",
                       "bad-numbering")
        front_matter = Value({k: v for k, v in front_matter.data.items() if k != "numbering"}, front_matter.line)
    if front_matter is not None:
        fields = reader.mapping(front_matter, "", _PART_FIELDS[kind]) or {}
    heading = reader.text(fields.get("heading"), "heading")
    title_lines = [reader.text(v, "title") for v in reader.listing(fields.get("title"), "title")]
    original = reader.language(fields.get("original"), "original")
    signatures = []
    for i, entry in enumerate(reader.listing(fields.get("signature"), "signature")):
        if isinstance(entry.data, str):
            name, title = reader.text(entry, "signature"), None
        else:
            entry_fields = reader.mapping(entry, f"signature[{i}]", _SIGNATURE_FIELDS) or {}
            name = reader.text(entry_fields.get("name"), f"signature[{i}].name")
            title = reader.text(entry_fields.get("title"), f"signature[{i}].title")
        if name:
            signatures.append(m.Signature(
                name=locale.typography(name),
                title=locale.typography(title) if title else None,
                signed=locale.signed(name),
                title_first=locale.signature_title_first,
            ))
    auto_numbered = reader.choice(fields.get("numbering"), "numbering", NUMBERINGS) == "auto"
    blocks = number_paragraphs(str(path), parsed, locale, problems) if auto_numbered else parsed.blocks
    anchor = kind if index <= 1 else f"{kind}-{index}"
    return m.Part(
        kind=kind,
        anchor=anchor,
        label=locale.part_label(kind, index) if numbered else None,
        source=str(path),
        heading=_inline_text(heading, locale) if heading else (),
        title=tuple(_inline_text(line, locale) for line in title_lines if line),
        original_note=locale.annex_original(original) if original else None,
        blocks=blocks,
        signatures=tuple(signatures),
        auto_numbered=auto_numbered,
    )


def label_figures(parts: list[m.Part], total: int, locale: Locale) -> list[m.Part]:
    """The parts with their figures labelled ("Figure II"), now that the version's count is known."""
    def labelled(block: m.Block) -> m.Block:
        if not isinstance(block, m.Figure):
            return block
        label = locale.figure_label(block.number, total)
        if label is None:
            return block
        text, numeral, at, style = label
        return dataclasses.replace(block, label=text, numeral=numeral, numeral_at=at, numeral_style=style)

    return [dataclasses.replace(part, blocks=tuple(labelled(b) for b in part.blocks)) for part in parts]


# --- the model --------------------------------------------------------------------------------


def _first_page_notes(facts: Facts, locale: Locale) -> tuple[
        m.NoteRef | None, tuple[m.AgendaLine, ...], tuple[m.Footnote, ...]]:
    """The symbol's reissue note and the agenda lines' notes, marked "*", "**", ... in that order.

    Agenda items that cite the same list share one note.
    """
    notes: list[m.Footnote] = []

    def new_note(key: str, text: str) -> m.NoteRef:
        note_id = f"note-{key}"
        ref = m.NoteRef("*" * (len(notes) + 1), note_id, f"ref-{note_id}")
        notes.append(m.Footnote(ref.mark, note_id, ref.ref_id, _inline_text(text, locale)))
        return ref

    reissue = new_note("reissued", locale.reissued(facts.reissued)) if facts.reissued else None
    lines = []
    marks: dict[tuple[Symbol, ...], m.NoteRef] = {}
    for item in facts.agenda:
        text, note_at = locale.agenda_line(item.agenda_list, item.item, item.subitem)
        ref = None
        if item.reference in marks:  # a later item citing the same list: same note, own anchor
            first = marks[item.reference]
            ref = m.NoteRef(first.mark, first.note_id, f"{first.ref_id}-{len(lines) + 1}")
        elif item.reference:
            ref = marks[item.reference] = new_note(f"agenda-{len(marks) + 1}", locale.agenda_note(item.reference))
        lines.append(m.AgendaLine(text, ref, note_at))
    return reissue, tuple(lines), tuple(notes)


def _job_line(facts: Facts, version: VersionFacts, locale: Locale) -> m.JobLine | None:
    if version.job is None:
        return None
    dates = " ".join(d.strftime("%d%m%y") for d in version.job_dates)
    reissued = "*" if facts.reissued else ""  # a reissue marks the job number as it marks the symbol
    line = f"{version.job}{reissued} ({locale.job_letter})" + (f" {dates}" if dates else "")
    return m.JobLine(job=version.job, line=line, barcode=f"*{version.job.replace('-', '')}*")


def _session_lines(facts: Facts, locale: Locale) -> tuple[str, ...]:
    """The lines under the masthead before the agenda: a council's or commission's name above its
    session line, a Main Committee's under the Assembly's, the place and dates of the meeting, and
    on a joint document the Security Council's year (a stand-alone Council document has none)."""
    body, session = facts.body, facts.session
    lines = []
    if body and body.own_sessions:
        lines.append(locale.body(body.key))
    if session and session.number is not None:
        lines.append(locale.session(session.number))
    elif session:
        lines.append(locale.ecosoc_session(session.kind, session.year))
    if body and not body.own_sessions:
        lines.append(locale.body(body.key))
    if facts.meeting:
        lines.append(locale.meeting(facts.meeting.place, facts.meeting.start, facts.meeting.end))
    council = [s for s in facts.symbols if s.organ == "security_council"]
    if council and len(council) < len(facts.symbols) and council[0].parts[1].isdigit():
        lines.append(locale.council_year(int(council[0].parts[1])))
    return tuple(lines)


def build_version(doc_name: str, facts: Facts, version: VersionFacts, parts: list[m.Part],
                  numbering: NoteNumbering, kind: str = "letter", summary: m.Part | None = None,
                  contents: m.Contents | None = None) -> m.Version:
    locale = get_locale(version.lang)
    head = locale.masthead
    # Without a title of its own, or with its first part's heading as its title, the document's
    # title is that heading, printed once, where the heading stands.
    heading = "".join(node.text for node in parts[0].heading if isinstance(node, m.Text)) if parts else ""
    title = locale.typography(version.title) if version.title is not None else heading
    symbol_line = "\u2013".join(str(s) for s in facts.symbols)  # joint symbols: A/61/872–S/2006/300
    reissue, agenda, first_page_notes = _first_page_notes(facts, locale)
    organs = tuple(dict.fromkeys(locale.organ(s.organ) for s in facts.symbols))
    pending = any(s.pending for s in facts.symbols)
    return m.Version(
        lang=version.lang,
        direction=locale.direction,
        file_stem=f"{doc_name}-{version.lang.upper()}",
        symbol_line=symbol_line,
        title=title,
        title_in_heading=bool(heading) and title == heading,
        date=facts.date,
        masthead=m.Masthead(
            wordmark=locale.wordmark,
            organs=organs,
            symbols=tuple(str(s) for s in facts.symbols),
            distribution=head.distribution(facts.distribution),
            date=head.date(facts.date),
            version_language=head.language_name(version.lang) if version.lang != facts.original else None,
            original=head.original(facts.original),
            lang=head.code,
            direction=head.direction,
            symbol_note=reissue,
        ),
        session_lines=_session_lines(facts, locale),
        kind_line=locale.document_kind(facts.symbols[0].kind),
        agenda=agenda,
        job=_job_line(facts, version, locale),
        undocs_url=None if pending else f"https://undocs.org/{version.lang}/{facts.symbols[0]}",
        parts=tuple(parts),
        notes=first_page_notes + numbering.footnotes(),
        labels=MappingProxyType({
            key: locale.interface(key, mark="{mark}") for key in locale.data["interface"]
        }),
        label_forms=MappingProxyType({"lettered": locale.lettered_label("a"), "numbered": locale.numbered_label(1)}),
        kind=kind,
        issued_by=locale.issued_by(kind, facts.issued_by) if facts.issued_by else None,
        sponsors_line=locale.sponsors_line(kind, version.sponsors)
        if kind in DRAFT_KINDS else None,
        summary=summary,
        contents=contents,
    )


def contents_table(body: m.Part, locale, annexes: Sequence[m.Part] = ()) -> tuple[m.Part, m.Contents]:
    """The body with an id on each heading the Contents table lists (levels 1 to 3), and the
    table: each heading's number and text (its note marks left out: they are the heading's), and
    the numbered paragraphs of its section, up to the next heading of its level or above; then
    the `annexes` that have a heading or a label, under "Annexes" ("Annex" for one), each with its
    number ("II." for "Annex II") and its heading, linked to its part."""
    blocks = list(body.blocks)
    entries = []
    listed = [i for i, block in enumerate(blocks)
              if isinstance(block, m.Heading) and block.level <= m.Contents.LEVELS]
    for count, index in enumerate(listed, start=1):
        heading = blocks[index] = dataclasses.replace(blocks[index], anchor=f"heading-{count}")
        end = next((i for i in listed if i > index and blocks[i].level <= heading.level), len(blocks))
        numbers = [block.number for block in blocks[index + 1:end]
                   if isinstance(block, m.LabelledParagraph) and block.style == "numbered"]
        paragraphs = None if not numbers else str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}\u2013{numbers[-1]}"
        number, text = heading.hanging_number or (None, heading.children)
        entries.append(m.ContentsEntry(heading.level, heading.anchor, number,
                                       tuple(node for node in text if not isinstance(node, m.NoteRef)), paragraphs))
    with_paragraphs = any(entry.paragraphs for entry in entries)
    annex_entries = tuple(
        m.ContentsEntry(1, part.anchor, f"{roman.toRoman(number)}." if len(annexes) > 1 else None,
                        tuple(node for node in part.heading if not isinstance(node, m.NoteRef)), None)
        for number, part in enumerate(annexes, start=1) if part.heading or part.label)
    return dataclasses.replace(body, blocks=tuple(blocks)), m.Contents(
        heading=locale.report_heading("contents"),
        paragraphs_head=locale.report_heading("paragraphs") if with_paragraphs else None,
        page_head=locale.report_heading("page"),
        entries=tuple(entries),
        annexes_heading=(locale.report_heading("annexes" if len(annexes) > 1 else "annex")
                         if annex_entries else None),
        annexes=annex_entries)


def _summary_problem(summary: m.Part, kind: str) -> Problem | None:
    """Why summary.md cannot be printed in the framed box, if it cannot: only a report or a note
    has one, and it holds paragraphs (the box of a real report holds a few, no headings or lists)."""
    if kind not in ISSUED_KINDS:
        return Problem(summary.source, None, "part", f"only a report or a note has a summary (this document is "
                       f"{_a_kind(kind)}); add `kind: report` or `kind: note`, or delete summary.md", "bad-kind")
    other = next((block for block in summary.blocks if not isinstance(block, m.Paragraph)), None)
    if other is not None:
        return Problem(summary.source, None, "part", f"a summary holds paragraphs only, and this one has a "
                       f"{other.kind} block; write it as paragraphs, or move it into body.md", "bad-part")
    if not summary.blocks:
        return Problem(summary.source, None, "part", "the summary is empty; write its paragraphs, or delete "
                       "summary.md", "bad-part")
    return None


def _missing_parts(folder: Path, versions: list[m.Version]) -> list[Problem]:
    """A warning for each part that one version has and another lacks (an untranslated annex)."""
    names = {version.lang: [Path(part.source).name for part in version.part_files] for version in versions}
    every = dict.fromkeys(name for parts in names.values() for name in parts)
    problems = []
    for lang, parts in names.items():
        for name in every:
            if name not in parts:
                other = next(o for o, theirs in names.items() if name in theirs)
                problems.append(Problem(str(folder / lang), None, "part", f"the {lang} version has no {name}, "
                                        f"which the {other} version has; translate it (unpress translate "
                                        f"export {folder} --from {other} --to {lang})", "missing-part", WARNING))
    return problems


def load_document(folder: Path, reads: Reads | None = None,
                  max_image_bytes: int = MAX_IMAGE_BYTES) -> tuple[m.Document, list[Problem]]:
    """Load, validate and build one document; raises ContentError with every problem found.

    Every file read is recorded in `reads` (when given), with the bytes it gave. Images are read
    from inside `folder` only, each of at most `max_image_bytes`.
    """
    folder = Path(folder)
    problems: list[Problem] = []
    try:
        facts = read_facts(folder / DOCUMENT_FILE, problems, reads)
    except ContentError as error:
        raise ContentError(problems + error.problems) from None
    if facts is None:
        raise ContentError(problems)
    declared = {v.lang for v in facts.versions}
    known = available_languages()
    for entry in sorted(p for p in folder.iterdir() if p.is_dir()):
        if entry.name in OFFICIAL_LANGUAGES and entry.name not in declared:
            problems.append(Problem(str(folder / DOCUMENT_FILE), None, f"versions.{entry.name}", f"the folder "
                                    f"{entry.name}/ has no entry; add `{entry.name}:` with its title under "
                                    "`versions:`", "undeclared-version"))
    name = facts.symbols[0].file_name
    for symbol in facts.symbols:
        if symbol.pending:
            problems.append(Problem(str(folder / DOCUMENT_FILE), facts.symbol_line, "symbol", f"{symbol} is "
                                    "pending: it is printed as written, with no undocs.org link or QR code; "
                                    "put in the number once it is assigned", "symbol-pending", WARNING))
    versions = []
    kinds: dict[str, str] = {}  # each version's kind, which must agree
    for version in facts.versions:
        if version.lang not in known:
            problems.append(Problem(str(folder / DOCUMENT_FILE), version.line, f"versions.{version.lang}",
                                    f"unpress has no locale data for \"{version.lang}\" yet; it has: "
                                    f"{', '.join(known)}", "bad-language"))
            continue
        lang_folder = folder / version.lang
        try:  # a link to a folder elsewhere would publish its files
            real_folder = resolve_inside(lang_folder, folder) if os.path.lexists(lang_folder) else None
        except ContentError as error:
            problems.extend(error.problems)
            continue
        if real_folder is None or not real_folder.is_dir():
            problems.append(Problem(str(folder / DOCUMENT_FILE), version.line, f"versions.{version.lang}",
                                    f"there is no folder {version.lang}/ beside document.yaml; create it "
                                    "with the version's letter.md", "missing-folder"))
            continue
        locale = get_locale(version.lang)
        numbering = NoteNumbering(locale.note_mark)
        figures = FigureCount()
        parts: list[m.Part] = []
        files = _part_files(lang_folder, problems)
        totals = Counter(kind for kind, _ in files)
        counts: Counter[str] = Counter()
        numbering_line = None  # (file, line) of `numbering: auto`
        for kind, path in files:
            try:
                text = read_text(path, folder, reads)
            except ContentError as error:
                problems.extend(error.problems)
                continue
            images = ImageFolder(path.parent, folder, max_image_bytes, reads)
            parsed = parse_part(str(path), text, locale, numbering, problems, images, figures)
            if (left := placeholder_warning(str(path), text, (version.lang,))) is not None:
                problems.append(left)
            counts[kind] += 1
            parts.append(_build_part(kind, counts[kind], totals[kind] > 1, path, parsed, locale, problems))
            if parts[-1].auto_numbered:
                numbering_line = (parts[-1].source, parsed.front_matter.data["numbering"].line)
        parts = label_figures(parts, figures.count, locale)
        summary = next((dataclasses.replace(part, label=locale.report_heading("summary"))
                        for part in parts if part.kind == "summary"), None)
        parts = [part for part in parts if part.kind != "summary"]
        main = next((kind for kind, _ in files if kind in ("letter", "body")), None)
        kind = facts.kind or ("letter" if main in ("letter", None) else "note")
        if facts.kind and main and KIND_PARTS[facts.kind] != main:
            want = KIND_PARTS[facts.kind]
            problems.append(Problem(str(folder / DOCUMENT_FILE), facts.kind_line, "kind", f"{_a_kind(kind)} is "
                                    f"written in {want}.md, and {version.lang}/ has {main}.md; rename "
                                    f"{version.lang}/{main}.md to {want}.md, or change `kind`", "bad-kind"))
            continue
        if kinds and kind not in kinds.values():
            other, theirs = next(iter(kinds.items()))
            problems.append(Problem(str(folder / version.lang), None, "part", f"the {version.lang} version is "
                                    f"{_a_kind(kind)} ({main}.md) and the {other} version {_a_kind(theirs)}; "
                                    "write every version in the same part, or give `kind` in document.yaml",
                                    "bad-kind"))
            continue
        kinds[version.lang] = kind
        if summary is not None and (problem := _summary_problem(summary, kind)):
            problems.append(problem)
            continue
        if kind in ISSUED_KINDS:  # their numbered headings hang
            parts = [dataclasses.replace(part, blocks=tuple(
                dataclasses.replace(b, hangs=True) if isinstance(b, m.Heading) and b.children and
                isinstance(b.children[0], m.Text) and m.HEADING_NUMBER.match(b.children[0].text) else b
                for b in part.blocks)) for part in parts]
        contents = None
        if facts.contents and parts:  # a report's or note's (read_facts refuses it elsewhere)
            body, contents = contents_table(parts[0], locale, [part for part in parts if part.kind == "annex"])
            parts = [body] + parts[1:]
        if numbering_line is not None and kind not in ISSUED_KINDS:
            problems.append(Problem(*numbering_line, "numbering", f"only a report or a note numbers its paragraphs "
                                    f"(this document is {_a_kind(kind)}, whose numbers are typed); delete "
                                    "`numbering: auto`", "bad-numbering"))
            continue
        if version.title is None and (facts.agenda or not parts or not parts[0].heading):
            why = ("a document with agenda items has the title of its item" if facts.agenda else
                   f"{lang_folder.name}/{Path(parts[0].source).name if parts else 'letter.md'} has no `heading` "
                   "to be the title")
            problems.append(Problem(str(folder / DOCUMENT_FILE), version.line, f"versions.{version.lang}.title",
                                    f"missing: {why}; add `title:`", "missing-field"))
            continue
        versions.append(build_version(name, facts, version, parts, numbering, kind, summary, contents))
    if errors(problems):
        raise ContentError(problems)
    problems.extend(_missing_parts(folder, versions))
    document = m.Document(
        name=name,
        source=str(folder),
        symbols=tuple(str(s) for s in facts.symbols),
        pending=any(s.pending for s in facts.symbols),
        date=facts.date,
        versions=tuple(versions),
        original=facts.original,
        kind=versions[0].kind if versions else facts.kind or "letter",
    )
    return document, problems
