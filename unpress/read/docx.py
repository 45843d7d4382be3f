"""A DOCX draft read back into the model's nodes and the facts it shows (for `unpress import`).

The draft is one unpress made and someone edited, or another Word document: paragraphs are
known by their style (unpress's `UN ...` styles first, then Word's built-in ones and pandoc's),
labels by Word's numbering or as typed, notes by their references. What has no place in the
content (a comment, a text box, formatting of its own) is a finding, one line each.
"""

from __future__ import annotations

import datetime
import io
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from .. import model as m
from ..bodies import BODIES, ECOSOC_SESSION_KINDS
from ..locale import OFFICIAL_LANGUAGES, Locale, get_locale
from ..symbols import SymbolError, parse_symbol
from .content import PLACES
from .docx_numbering import Numbered, Numbering
from .docx_package import DC, MAX_PACKAGE_BYTES, NOTE_MARK_STYLES, R_ID, W, DocxPackage
from .files import read_file
from .images import ImageRefused, recognise
from ..model import HEADING_NUMBER_TAB
from .markdown import _LETTER_LABEL  # a paragraph typed "a) ..." is lettered, as in Markdown

AGENDA_LISTS = ("preliminary", "provisional", "agenda")
_LETTER_FORMATS = ("lowerLetter", "upperLetter", "arabicAbjad", "arabicAlpha")
# Run properties that carry no formatting an editor sees (language, direction, proofing, the
# fonts a word processor names for each script) or that unpress reads (bold, italic).
_QUIET_RUN = {"rStyle", "rtl", "lang", "noProof", "rFonts", "cs", "kern", "b", "bCs", "i", "iCs",
              "webHidden", "specVanish", "szCs", "ins", "del", "rPrChange"}
_QUIET_PARAGRAPH = {"pStyle", "numPr", "bidi", "rPr", "keepNext", "keepLines", "widowControl",
                    "suppressAutoHyphens", "sectPr", "pPrChange", "tabs", "snapToGrid", "autoSpaceDE",
                    "autoSpaceDN", "adjustRightInd", "textAlignment", "overflowPunct", "kinsoku",
                    "wordWrap", "topLinePunct", "outlineLvl"}
_TYPED_NUMBER = re.compile(r"^([1-9][0-9]{0,2})\.[\t ]+")
_NOTEREF = re.compile(r"^\s*NOTEREF\s+(\S+)")
_HYPERLINK = re.compile(r'^\s*HYPERLINK\s+"([^"]+)"')
_JOB_LINE = re.compile(r"^(\d\d-\d{5})\*? \(\w\)((?: \d{6})*)$")


@dataclass
class DraftPart:
    kind: str  # "letter" | "body" | "annex" | "enclosure" | "summary"
    paragraph: int  # where it starts in the draft
    label: str | None = None  # "Annex II"
    heading: tuple[m.Inline, ...] = ()
    title: list[tuple[m.Inline, ...]] = field(default_factory=list)
    original: str | None = None  # the language of "[Original: French]"
    blocks: list[m.Block] = field(default_factory=list)
    signatures: list[tuple[str, str | None]] = field(default_factory=list)  # (name, title)


@dataclass
class DraftFacts:
    """What the draft shows of document.yaml; None where it shows nothing that can be read."""

    symbols: list[str] | None = None
    distribution: str | None = None
    date: datetime.date | None = None
    original: str | None = None
    body: str | None = None  # the key of the body named above or under the session line
    session: int | tuple[int, str] | None = None  # a number, or the Economic and Social Council's (year, kind)
    meeting: tuple[str | None, datetime.date, datetime.date] | None = None  # place, first and last day
    agenda: list[tuple[int, str | None, str, list[str]]] | None = None  # item, subitem, list, reference
    reissued: datetime.date | None = None
    title: str | None = None
    sponsors_line: str | None = None  # a draft's sponsors line as printed
    issuer_line: str | None = None  # a report's or note's "Report of the Secretary-General" as printed
    contents: bool = False  # a report's Contents table (its heading, column heads, TOC field) is there
    job: str | None = None
    job_dates: list[datetime.date] | None = None


@dataclass
class Draft:
    path: str
    lang: str
    facts: DraftFacts
    parts: list[DraftPart]
    notes: dict[str, tuple[m.Inline, ...]]  # by the draft's note id, as NoteRef.note_id
    findings: list[str]
    unpress_made: bool  # the draft has unpress's styles


def read_draft(path: Path, lang: str | None = None) -> Draft:
    """Read a DOCX; raises PackageError for a file that is not a readable DOCX, ContentError
    (one problem naming it) for one that is not a regular file or is too large."""
    data = read_file(Path(path), Path(path).parent, limit=MAX_PACKAGE_BYTES, folder="its folder")
    with DocxPackage(io.BytesIO(data)) as package:
        return _Reader(package, str(path), lang).read()


class _Reader:
    def __init__(self, package: DocxPackage, path: str, lang: str | None):
        self.docx, self.path = package, path
        self.findings: list[str] = []
        self.lang = lang or self._language() or "en"
        self.locale: Locale = get_locale(self.lang)
        self.numbers = {p: n for n, p in enumerate(package.body.iter(f"{W}p"), start=1)}
        self.bookmarks = self._bookmarked_notes()
        self.notes: dict[str, tuple[m.Inline, ...]] = {}
        self.comments = self._comments()
        self.numbering = Numbering(package.xml(package.related("numbering")), package.style_root)
        self.figures, self.caption, self.seq_seen = 0, None, False  # a figure's caption comes before it
        self.rels = package.rels  # of the part being read: links and pictures in a note are the notes part's
        self.unpress_made = any(name.startswith("UN ") for name in package.styles.values())

    # --- findings ---

    def finding(self, where: str, what: str) -> None:
        line = f"{self.path}:{where}: {what}"
        if line not in self.findings:
            self.findings.append(line)

    def at(self, p) -> str:
        number = self.numbers.get(p)
        return f"PARAGRAPH {number}" if number else "NOTES"

    # --- the document ---

    def read(self) -> Draft:
        facts = DraftFacts()
        parts: list[DraftPart] = []
        self._read_masthead(facts)
        agenda_lines: list[tuple[str, list[str]]] = []
        summary: DraftPart | None = None  # a report's framed summary: summary.md, read first
        for element in self._blocks(self.docx.body):
            if element.tag == f"{W}tbl":
                self._part(parts, None).blocks.append(self._table(element))
                continue
            role = self._role(element)
            if role == "section":
                continue
            if role in ("session", "agenda", "title", "kind", "sponsors") and \
                    not any(p.blocks or p.heading for p in parts):
                self._front(element, role, facts, agenda_lines)
                continue
            if role == "issuer" and not any(p.blocks for p in parts):  # under the first part's heading
                self._front(element, role, facts, agenda_lines)
                continue
            if role == "contents":  # generated from the headings (contents: true), not text
                facts.contents = True
                continue
            if role == "summary_heading":  # "Summary", the locale's word: the box's paragraphs follow
                summary = summary or DraftPart("summary", self.numbers[element])
                continue
            if role == "summary" and summary is not None:
                self._paragraph(element, "text", [summary])
                continue
            self._paragraph(element, role, parts)
        self._read_agenda(agenda_lines, facts)
        if summary is not None:
            parts.insert(0, summary)
        self._finish_lists(parts)
        if not self.unpress_made:
            for part in parts:
                self._typed_front(part)
        if facts.title is None:
            title = self.docx.core(f"{DC}title")
            if title and not self.unpress_made:
                facts.title = title
        return Draft(self.path, self.lang, facts, parts, self.notes, self.findings, self.unpress_made)

    def _language(self) -> str | None:
        """The draft's language: its core properties' (dc:language), else its styles' default
        (w:lang; not w:bidi or w:eastAsia: Word names Arabic and Chinese there in documents of
        every language)."""
        styles = self.docx.style_root
        node = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang") if styles is not None else None
        for tag in (self.docx.core(f"{DC}language"), node.get(f"{W}val") if node is not None else None):
            code = (tag or "").split("-")[0].lower()
            if code in OFFICIAL_LANGUAGES:
                return code
        return None

    def _blocks(self, root):
        """The body's paragraphs and tables in order, through content controls and tracked insertions."""
        for child in root:
            if child.tag in (f"{W}p", f"{W}tbl"):
                yield child
            elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"):
                yield from self._blocks(child)

    def _role(self, p) -> str:
        """What a paragraph is, by its style (and the styles it is based on), nearest first."""
        for name in self.docx.style_chain(p):
            role = _ROLES.get(name) or _ROLES.get(name.lower())
            if role:
                return role
            heading = re.fullmatch(r"heading ([1-9])", name, re.IGNORECASE)
            if heading:
                level = int(heading.group(1))
                if self.unpress_made:  # unpress writes a part's heading as heading 1, its # sections as 2
                    return "part" if level == 1 else f"heading{min(level - 1, 3)}"
                return f"heading{min(level, 3)}"
        level = self.docx.style_property(p, "w:pPr/w:outlineLvl")
        if level is not None and level.get(f"{W}val", "9").isdigit() and int(level.get(f"{W}val")) < 3:
            return f"heading{int(level.get(f'{W}val')) + 1}"
        return "text"

    # --- the first page: masthead, footer, front lines ---

    def _read_masthead(self, facts: DraftFacts) -> None:
        sections = list(self.docx.document.iter(f"{W}sectPr"))
        header = self.docx.xml(self.docx.part("header:first", sections[0])) if sections else None
        footer = self.docx.xml(self.docx.part("footer:first", sections[0])) if sections else None
        symbols = " ".join(self._without_marks(p) for p in self.docx.paragraphs(header, "UN Symbol")).strip()
        if not symbols:
            symbols = (self.docx.core(f"{DC}identifier") or self.docx.core(f"{DC}subject") or "").strip()
        found = [s.strip() for s in symbols.split("\u2013") if s.strip()]
        if found and all(_is_symbol(s) for s in found):
            facts.symbols = found
        head = self.locale.masthead
        lines = [_clean(self.docx.text(p)) for p in self.docx.paragraphs(header, "UN Distribution")]
        for line in lines:
            facts.distribution = facts.distribution or _find(line, {
                kind: head.distribution(kind) for kind in ("general", "limited", "restricted")})
            facts.original = facts.original or _find(line, {code: head.original(code) for code in OFFICIAL_LANGUAGES})
            facts.date = facts.date or _find_date(line, head.date)
        for p in self.docx.paragraphs(footer, "UN Job Number"):
            match = _JOB_LINE.match(_clean(self.docx.text(p)))
            if match:
                facts.job = match.group(1)
                facts.job_dates = [datetime.datetime.strptime(d, "%d%m%y").date() for d in match.group(2).split()]
        # Word has no notes in headers: the note of a reissued symbol is in the first page's footer.
        for p in [] if footer is None else footer.iter(f"{W}p"):
            if any(name.lower() in _NOTE_TEXT_STYLES for name in self.docx.style_chain(p)):
                facts.reissued = facts.reissued or _find_date(_clean(self._without_marks(p)), self.locale.reissued)

    def _without_marks(self, p) -> str:
        """What a paragraph shows, without the runs of note marks (the "*" of a reissued symbol)."""
        return "".join(self.docx.text(run) for run in p.iter(f"{W}r")
                       if not self._footnote_style(self.docx.style_chain(run, "r")))

    def _front(self, p, role: str, facts: DraftFacts, agenda_lines: list) -> None:
        inlines = self._inlines(p)
        text = _clean(_plain_inlines(inlines, front=True))
        if role == "session":
            if not self._session_line(text, facts):
                self.finding(self.at(p), f"the session line \"{text}\" is not one unpress writes; the "
                             "session is left as document.yaml has it")
        elif role == "agenda":
            refs = [node.note_id for node in m.walk(inlines) if isinstance(node, m.NoteRef)]
            agenda_lines.append((text, refs, p))
        elif role == "title":
            facts.title = text if facts.title is None else f"{facts.title} {text}"
        elif role == "sponsors":  # a draft's "Belgium and France: draft resolution", compared whole
            facts.sponsors_line = text
        elif role == "issuer":  # "Report of the Secretary-General", compared whole
            facts.issuer_line = text

    def _session_line(self, text: str, facts: DraftFacts) -> bool:
        """One of the lines under the masthead: a body's name, the session, the meeting, the
        Security Council's year (which its symbol gives). Whether it was one of them."""
        locale = self.locale
        body = next((key for key in BODIES if _same(locale.body(key), text)), None)
        if body:
            facts.body = body
            return True
        number = next((n for n in range(1, 100) if _same(locale.session(n), text)), None)
        if number is not None:
            facts.session = number
            return True
        years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text)]
        for year in years:
            for kind in ECOSOC_SESSION_KINDS:
                if _same(locale.ecosoc_session(kind, year), text):
                    facts.session = (year, kind)
                    return True
            if 1946 <= year and _same(locale.council_year(year), text):
                return True
        meeting = _read_meeting(locale, text, years)
        if meeting:
            facts.meeting = meeting
            return True
        return any(_same(locale.council_year(year), text) for year in range(1946, 2100))

    def _read_agenda(self, lines, facts: DraftFacts) -> None:
        if not lines:
            return
        notes = self.docx.footnotes()
        agenda = []
        for text, refs, p in lines:
            note_text = _clean(" ".join(self._note_plain(notes[r]) for r in refs[:1] if r in notes))
            item = _read_agenda_line(self.locale, text.replace("*", ""))
            reference = _read_agenda_note(self.locale, note_text) if note_text else []
            if item is None or reference is None:
                self.finding(self.at(p), f"the agenda line \"{text}\" (note \"{note_text}\") is not one "
                             "unpress writes; the agenda is left as document.yaml has it")
                return
            agenda.append((*item, reference))
        facts.agenda = agenda

    # --- body paragraphs ---

    def _part(self, parts: list[DraftPart], p) -> DraftPart:
        if not parts:
            parts.append(DraftPart("body", self.numbers.get(p, 1) if p is not None else 1))
        return parts[-1]

    def _paragraph(self, p, role: str, parts: list[DraftPart]) -> None:
        where = self.at(p)
        # A list paragraph's indent says which item's level it continues (_continued_item).
        self._report_paragraph(p, quiet=frozenset({"ind"}) if role == "list" else frozenset())
        if role == "part":
            parts.append(DraftPart("body", self.numbers[p], heading=self._inlines(p)))
            return
        if role == "annex":
            label, heading = self._split_label(self._inlines(p))
            kind = "enclosure" if label and self._is_enclosure(label) else "annex"
            if label is None and parts and parts[-1].kind in ("annex", "enclosure") and self._is_enclosure(
                    _plain_inlines(heading)):
                kind = "enclosure"
            parts.append(DraftPart(kind, self.numbers[p], label=label, heading=heading))
            return
        part = self._part(parts, p)
        if role in ("original", "annex_title"):
            if part.kind not in ("annex", "enclosure") or part.blocks or (role == "original" and part.title):
                part = DraftPart("annex", self.numbers[p])
                parts.append(part)
            if role == "original":
                text = _clean(self._plain(p))
                part.original = _find(text, {c: self.locale.annex_original(c) for c in OFFICIAL_LANGUAGES})
                if part.original is None:
                    self.finding(where, f"\"{text}\" does not name an official language; left out")
            else:
                part.title.extend(_split_lines(self._inlines(p)))
            return
        if role == "signature":
            self._signature(p, part)
            return
        inlines = self._inlines(p)
        if role == "figure_caption":
            self.caption = _caption(inlines, self.seq_seen)
            self.seq_seen = False
            return
        images = [node for node in inlines if isinstance(node, m.Image)]
        if len(images) == 1 and not _plain_inlines([n for n in inlines if not isinstance(n, m.Image)]).strip():
            self.figures += 1
            part.blocks.append(m.Figure(f"figure-{self.figures}", self.figures, None, "", 0, "", images[0],
                                        self.caption or ()))
            self.caption = None
            return
        if role.startswith("heading"):
            if inlines and isinstance(inlines[0], m.Text):  # a hanging number's tab is the space typed
                inlines = (m.Text(HEADING_NUMBER_TAB.sub(r"\1 ", inlines[0].text, count=1)),) + inlines[1:]
            if inlines:
                part.blocks.append(m.Heading(int(role[-1]), inlines))
            return
        if role == "code":
            part.blocks.append(m.CodeBlock(self._plain(p)))
            return
        if role == "quote":
            if part.blocks and isinstance(part.blocks[-1], m.Quote) and _previous_role(p, self) == "quote":
                quote = part.blocks.pop()
                part.blocks.append(m.Quote(quote.children + (m.Paragraph(inlines),)))
            else:
                part.blocks.append(m.Quote((m.Paragraph(inlines),)))
            return
        if not inlines and not _shows(p):
            return  # an empty paragraph (an editor's spacing) is no block
        numbered = self.numbering.numbered(p)
        if role in ("lettered", "numbered") or (numbered and numbered.format != "bullet" and numbered.level == 0
                                                and role != "list"):
            part.blocks.append(self._labelled(p, role, inlines, numbered))
            return
        if numbered is not None:
            part.blocks.append(_ListItem(numbered.level, numbered.format != "bullet", numbered.value,
                                         m.Paragraph(inlines), numbered.num_id))
            return
        if role == "list" and part.blocks and isinstance(part.blocks[-1], _ListItem):
            part.blocks.append(self._continued_item(p, part.blocks, m.Paragraph(inlines)))
            return
        part.blocks.append(self._typed_label(inlines))

    def _continued_item(self, p, blocks: list, paragraph: m.Paragraph) -> _ListItem:
        """An unnumbered list paragraph after a list item: a later paragraph of the item at the
        level whose text it is set in with (the writer's "List Continue"), else of the item before."""
        last = blocks[-1]
        ind = p.find(f"{W}pPr/{W}ind")
        indent = None if ind is None else ind.get(f"{W}left", ind.get(f"{W}start"))
        level = self.numbering.level_indented(last.num_id, indent)
        item = next((b for b in reversed(blocks) if isinstance(b, _ListItem) and b.level == level), last) \
            if level is not None else last
        return _ListItem(item.level, item.ordered, item.number, paragraph, item.num_id, continues=True)

    def _labelled(self, p, role: str, inlines: tuple[m.Inline, ...], numbered: Numbered | None) -> m.Block:
        """A lettered or numbered paragraph: the label Word shows (by its position), or the label
        typed before a tab."""
        if numbered is not None:
            if numbered.format in _LETTER_FORMATS:
                return self._labelled_block("lettered", _letter(numbered.value), inlines)
            return self._labelled_block("numbered", str(numbered.value), inlines)
        typed, rest = _split_typed_label(inlines)
        parsed = self._parse_label(typed) if typed is not None else None
        if parsed is None:
            block = self._typed_label(inlines)
            if not isinstance(block, m.LabelledParagraph):
                self.finding(self.at(p), f"a {role} paragraph without a label; read as a paragraph")
            return block
        return self._labelled_block(*parsed, rest)

    def _labelled_block(self, style: str, value: str, inlines: tuple[m.Inline, ...]) -> m.LabelledParagraph:
        """`value` is the letter ("c") or the number ("3") of the label."""
        if style == "lettered":
            number = string.ascii_lowercase.index(value) + 1
            return m.LabelledParagraph(style, self.locale.lettered_label(value), inlines, number)
        return m.LabelledParagraph(style, self.locale.numbered_label(int(value)), inlines, int(value))

    def _parse_label(self, text: str) -> tuple[str, str] | None:
        """("lettered", "c") or ("numbered", "3") for a label in the language's style or typed a) (a) 1."""
        text = text.strip()
        for index, letter in enumerate(string.ascii_lowercase):
            if text in (self.locale.lettered_label(letter), f"({letter})", f"{letter})"):
                return "lettered", letter
        match = re.fullmatch(r"\(?([0-9]{1,3})\)?\s*[.)-]?", text)
        if match:
            return "numbered", match.group(1)
        return None

    def _typed_label(self, inlines: tuple[m.Inline, ...]) -> m.Block:
        """A paragraph typed "a) text", "(a)<tab>text" or "1. text" is a labelled paragraph, as in Markdown."""
        first = inlines[0] if inlines else None
        if not isinstance(first, m.Text):
            return m.Paragraph(inlines)
        for pattern, style in ((_LETTER_LABEL, "lettered"), (_TYPED_NUMBER, "numbered")):
            match = pattern.match(first.text)
            if match:
                rest = first.text[match.end():]
                return self._labelled_block(style, match.group(1), ((m.Text(rest),) if rest else ()) + inlines[1:])
        typed, rest = _split_typed_label(inlines)
        parsed = self._parse_label(typed) if typed is not None else None
        if parsed:
            return self._labelled_block(*parsed, rest)
        return m.Paragraph(inlines)

    def _split_label(self, inlines: tuple[m.Inline, ...]) -> tuple[str | None, tuple[m.Inline, ...]]:
        """"Annex II" and the heading, one paragraph broken in two lines."""
        lines = _split_lines(inlines)
        first = _plain_inlines(lines[0]) if lines else ""
        for kind in ("annex", "enclosure"):
            if any(first == self.locale.part_label(kind, n) for n in range(1, 40)):
                rest = tuple(x for line in lines[1:] for x in line)
                return first, rest
        return None, inlines

    def _is_enclosure(self, text: str) -> bool:
        word = self.locale.part_word("enclosure")
        return bool(word) and text.casefold().startswith(word.casefold())

    def _signature(self, p, part: DraftPart) -> None:
        lines = [_clean(_plain_inlines(line)) for line in _split_lines(self._inlines(p))]
        pattern = re.escape(self.locale.signed("\x00")).replace("\x00", "(.+)")
        for index, line in enumerate(lines):
            match = re.fullmatch(pattern, line)
            if match:
                others = [x for i, x in enumerate(lines) if i != index and x]
                part.signatures.append((match.group(1).strip(), " ".join(others) or None))
                return
        self.finding(self.at(p), f"the signature \"{' / '.join(lines)}\" has no \"{self.locale.signed('...')}\" "
                     "line; read as a paragraph")
        part.blocks.append(m.Paragraph(self._inlines(p)))

    def _table(self, tbl) -> m.Table:
        header, rows = [], []
        for tr in tbl.iter(f"{W}tr"):
            cells = []
            heading = tr.find(f"{W}trPr/{W}tblHeader") is not None
            for tc in tr.findall(f"{W}tc"):
                paragraphs = tc.findall(f"{W}p")
                inlines: list[m.Inline] = []
                align = None
                for index, p in enumerate(paragraphs):
                    self._report_paragraph(p)
                    if index:
                        inlines.append(m.LineBreak())
                    inlines.extend(self._inlines(p))
                    style = self.docx.style(p) or ""
                    align = align or next((a.lower() for a in ("Center", "Right") if style.endswith(a)), None)
                    jc = self.docx.style_property(p, "w:pPr/w:jc")
                    if align is None and jc is not None and not self.unpress_made:
                        align = {"center": "center", "right": "right", "end": "right"}.get(jc.get(f"{W}val"))
                cells.append(m.TableCell(_merge(inlines), align))
            (header if heading and not rows else rows).append(tuple(cells))
        if not header and rows and not self.unpress_made:
            header, rows = rows[:1], rows[1:]  # a table of another word processor: its first row heads it
        return m.Table(tuple(header), tuple(rows))

    # --- inlines ---

    def _inlines(self, p) -> tuple[m.Inline, ...]:
        pieces: list[tuple[frozenset, str | None, m.Inline]] = []
        self._collect(p, p, frozenset(), None, pieces, _FieldState())
        return _build(pieces)

    def _plain(self, p, front: bool = False) -> str:
        return _plain_inlines(self._inlines(p), front)

    def _collect(self, p, element, marks: frozenset, link: str | None, out: list, fields) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}r":
                self._run(p, child, marks, link, out, fields)
            elif tag == f"{W}hyperlink":
                href = self.rels.get(child.get(R_ID)) if child.get(R_ID) else None
                if href is None and child.get(f"{W}anchor"):
                    self.finding(self.at(p), f"a link to the bookmark \"{child.get(f'{W}anchor')}\" inside "
                                 "the document; kept as its text")
                self._collect(p, child, marks, href or link, out, fields)
            elif tag in (f"{W}ins", f"{W}moveTo"):
                text = "".join(t.text or "" for t in child.iter(f"{W}t"))
                self.finding(self.at(p), f"a tracked insertion \"{text}\" is accepted: its text is kept")
                self._collect(p, child, marks, link, out, fields)
            elif tag in (f"{W}del", f"{W}moveFrom"):
                text = "".join(t.text or "" for t in child.iter(f"{W}delText"))
                self.finding(self.at(p), f"a tracked deletion \"{text}\" is accepted: its text is left out")
            elif tag == f"{W}fldSimple":
                self._simple_field(p, child, marks, link, out, fields)
            elif tag in (f"{W}smartTag", f"{W}customXml", f"{W}sdt", f"{W}sdtContent", f"{W}bdo", f"{W}dir"):
                self._collect(p, child, marks, link, out, fields)
            elif tag == f"{W}commentRangeStart":
                self._comment(p, child.get(f"{W}id"))
            elif tag in (f"{_MATH}oMath", f"{_MATH}oMathPara"):
                self.finding(self.at(p), "an equation has no place in the content; left out")

    def _run(self, p, run, marks: frozenset, link: str | None, out: list, fields) -> None:
        run_marks = marks | self._run_marks(p, run)
        for child in run:
            tag = child.tag
            if tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType")
                if kind == "begin":
                    fields.begin()
                elif kind == "end":
                    instruction, shown = fields.end()
                    self._field_result(p, instruction, shown, run_marks, link, out)
                continue
            if tag == f"{W}instrText":
                fields.instruction += child.text or ""
                continue
            target = fields.result if fields.depth else out
            if tag == f"{W}t":
                if run.find(f"{W}footnoteReference") is None and run not in self.docx.mark_runs:
                    target.append((run_marks, link, m.Text(child.text or "")))
            elif tag == f"{W}tab":
                target.append((run_marks, link, m.Text("\t")))
            elif tag in (f"{W}br", f"{W}cr"):
                if child.get(f"{W}type") in ("page", "column"):
                    self.finding(self.at(p), "a page break typed by hand; left out (unpress breaks pages itself)")
                else:
                    target.append((run_marks, link, m.LineBreak()))
            elif tag == f"{W}noBreakHyphen":  # unpress writes the hyphens of compounds in titles so
                target.append((run_marks, link, m.Text("-")))  # (render/compounds.py): typed "-"
            elif tag == f"{W}softHyphen":
                target.append((run_marks, link, m.Text("\u00ad")))
            elif tag == f"{W}sym":
                self.finding(self.at(p), "a symbol-font character has no place in the content; left out")
            elif tag == f"{W}footnoteReference":
                target.append((run_marks - {"emphasis", "strong"}, link, self._note_ref(child)))
            elif tag == f"{W}endnoteReference":
                self.finding(self.at(p), "an endnote: UN documents have footnotes; make it a footnote")
            elif tag == f"{W}commentReference":
                self._comment(p, child.get(f"{W}id"))
            elif tag in (f"{W}drawing", f"{W}pict", f"{W}object"):
                boxes = [box for box in child.iter(f"{W}txbxContent")]
                image = None if boxes else self._picture(p, child)
                if boxes:
                    text = _clean(" ".join(self.docx.text(q) for box in boxes for q in box.iter(f"{W}p")))
                    self.finding(self.at(p), f"a text box (\"{_short(text)}\") is not read: move its text "
                                 "into the body")
                elif image is not None:
                    target.append((frozenset(), link, image))
            elif tag == f"{W}delText":
                pass

    def _picture(self, p, drawing) -> m.Image | None:
        """A picture: its image part (the SVG beside its PNG, where Word keeps one) and its
        alternative text. None, with a finding, for one that cannot be read as an image."""
        described = next(drawing.iter(f"{_WP}docPr"), None)
        alt = _clean(described.get("descr", "")) if described is not None else ""
        svg = next(drawing.iter(f"{_ASVG}svgBlip"), None)
        blip = svg if svg is not None else next(drawing.iter(f"{_A}blip"), None)
        name = self.rels.get(blip.get(_R_EMBED)) if blip is not None else None
        data = self.docx.read(name) if name else None
        if data is None:
            self.finding(self.at(p), "a picture or object without an image unpress can read; left out")
            return None
        try:
            image = recognise(data, name)
        except ImageRefused as refusal:
            self.finding(self.at(p), f"a picture is left out: {refusal.message}")
            return None
        if not alt:
            self.finding(self.at(p), f"the picture {name} has no alternative text; write what it shows in "
                         "the Markdown, between the brackets of ![...]")
            alt = "?"
        return m.Image(alt, image)

    def _run_marks(self, p, run) -> frozenset:
        names = self.docx.style_chain(run, "r")
        marks: set[str] = set()
        for name in names:
            marks |= _CHARACTER_STYLES.get(name, _CHARACTER_STYLES.get(name.lower(), set()))
        rpr = run.find(f"{W}rPr")
        if rpr is not None:
            for prop, mark in (("i", "emphasis"), ("b", "strong")):
                node = rpr.find(f"{W}{prop}")
                if node is not None:
                    if node.get(f"{W}val", "true") in ("0", "false", "off"):
                        marks.discard(mark)
                    else:
                        marks.add(mark)
            loud = [_local(c.tag) for c in rpr if _local(c.tag) not in _QUIET_RUN
                    and not _redundant(c, self.docx.styled(f"w:rPr/w:{_local(c.tag)}", p, run))
                    and not (_local(c.tag) in ("sz", "vertAlign", "position") and self._footnote_style(names))]
            if loud:
                self.finding(self.at(p), f"formatting of its own ({', '.join(sorted(set(loud)))}) has no "
                             "meaning in the content; left out")
        return frozenset(marks)

    def _footnote_style(self, names: list[str]) -> bool:
        """A note mark's character style (NOTE_MARK_STYLES)."""
        return any(name.lower() in NOTE_MARK_STYLES for name in names)

    def _note_ref(self, ref) -> m.NoteRef:
        note_id = ref.get(f"{W}id")
        mark = self.docx.marks.get(note_id, "")
        if note_id not in self.notes:
            notes = self.docx.footnotes()
            self.notes[note_id] = self._note_inlines(notes[note_id]) if note_id in notes else ()
        return m.NoteRef(mark, note_id, f"ref-{note_id}")

    def _note_inlines(self, note) -> tuple[m.Inline, ...]:
        body_rels = self.rels
        self.rels = {key: target for key, (target, _) in self.docx.relationships(
            self.docx.related("footnotes") or "word/footnotes.xml").items()}
        try:
            return self._read_note(note)
        finally:
            self.rels = body_rels

    def _read_note(self, note) -> tuple[m.Inline, ...]:
        out: list[m.Inline] = []
        for index, p in enumerate(note.findall(f"{W}p")):
            self._report_paragraph(p)
            pieces: list = []
            self._collect_note(p, pieces)
            inlines = list(_build(pieces))
            if inlines and isinstance(inlines[0], m.Text):  # the tab or space after the mark
                text = inlines[0].text.lstrip("\t ")
                inlines[0:1] = [m.Text(text)] if text else []
            if index and inlines:
                out.append(m.LineBreak())
            out.extend(inlines)
        return _merge(out)

    def _collect_note(self, p, pieces: list) -> None:
        """A note's paragraph without its own mark (Word's number, or the custom mark typed)."""
        for child in p:
            if child.tag == f"{W}r" and (child.find(f"{W}footnoteRef") is not None or
                                         self._footnote_style(self.docx.style_chain(child, "r"))):
                continue
            self._collect(p, [child], frozenset(), None, pieces, _FieldState())

    def _note_plain(self, note) -> str:
        return _plain_inlines(self._note_inlines(note))

    def _simple_field(self, p, field_element, marks, link, out, fields) -> None:
        shown: list = []
        self._collect(p, field_element, marks, link, shown, fields)
        self._field_result(p, field_element.get(f"{W}instr", ""), shown, marks, link, out)

    def _field_result(self, p, instruction: str, shown: list, marks, link, out: list) -> None:
        noteref, hyperlink = _NOTEREF.match(instruction), _HYPERLINK.match(instruction)
        if noteref and noteref.group(1) in self.bookmarks:
            note_id = self.bookmarks[noteref.group(1)]
            ref = m.NoteRef(self.docx.marks.get(note_id, ""), note_id, f"ref-{note_id}-again")
            out.append((frozenset(), link, ref))
        elif hyperlink:
            out.extend((mk, hyperlink.group(1), node) for mk, _, node in shown)
        elif instruction.strip().startswith("SEQ"):  # a figure's number, which the model counts
            self.seq_seen = True
            out.extend(shown)
        else:
            if instruction.strip() and not instruction.strip().startswith(("PAGE", "NUMPAGES")):
                self.finding(self.at(p), f"the field \"{instruction.strip()}\" is read as the text it shows")
            out.extend(shown)

    def _bookmarked_notes(self) -> dict[str, str]:
        """Bookmark name -> the note whose reference it holds (the target of a NOTEREF field).
        LibreOffice's save shrinks the bookmark to an empty one just before the reference: an empty
        bookmark with no text between it and a reference holds that reference too."""
        open_marks: dict[str, str] = {}
        just_closed: list[str] = []  # empty bookmarks, with no text after them yet
        found: dict[str, str] = {}
        for element in self.docx.document.iter(f"{W}bookmarkStart", f"{W}bookmarkEnd", f"{W}footnoteReference",
                                                f"{W}t"):
            if element.tag == f"{W}bookmarkStart":
                open_marks[element.get(f"{W}id")] = element.get(f"{W}name")
            elif element.tag == f"{W}bookmarkEnd":
                name = open_marks.pop(element.get(f"{W}id"), None)
                if name is not None and name not in found:
                    just_closed.append(name)
            elif element.tag == f"{W}t":
                if element.text:
                    just_closed.clear()
            else:
                for name in [*open_marks.values(), *just_closed]:
                    found.setdefault(name, element.get(f"{W}id"))
                just_closed.clear()
        return found

    def _comments(self) -> dict[str, str]:
        root = self.docx.xml(self.docx.related("comments"))
        if root is None:
            return {}
        return {c.get(f"{W}id"): (c.get(f"{W}author") or "someone", _clean(" ".join(
            self.docx.text(p) for p in c.iter(f"{W}p")))) for c in root.iter(f"{W}comment")}

    def _comment(self, p, comment_id: str | None) -> None:
        author, text = self.comments.get(comment_id, ("someone", ""))
        self.finding(self.at(p), f"a comment by {author} (\"{_short(text)}\") is not content; left out")

    def _report_paragraph(self, p, quiet: frozenset[str] = frozenset()) -> None:
        ppr = p.find(f"{W}pPr")
        if ppr is None:
            return
        if ppr.find(f"{W}rPr/{W}del") is not None:
            self.finding(self.at(p), "a tracked deletion of a paragraph mark is accepted: the paragraph "
                         "is read as its own")
        if self.unpress_made:
            loud = sorted({_local(c.tag) for c in ppr if _local(c.tag) not in _QUIET_PARAGRAPH | quiet and
                           not _redundant(c, self.docx.styled(f"w:pPr/w:{_local(c.tag)}", p))})
            if loud == ["ind"] and (self.docx.style(p) or "").startswith("heading") and \
                    HEADING_NUMBER_TAB.match(self.docx.text(p)):
                loud = []  # a report's heading hangs its number by an indent of its own
            if loud:
                self.finding(self.at(p), f"paragraph formatting of its own ({', '.join(loud)}) has no "
                             "meaning in the content; left out")

    def _typed_front(self, part: DraftPart) -> None:
        """In a document typed without unpress's styles: a first paragraph all in bold is the
        part's heading, and a last one that reads "(Signed) Name" its signature."""
        blocks = part.blocks
        if not part.heading and blocks and isinstance(blocks[0], m.Paragraph) and \
                len(blocks[0].children) == 1 and isinstance(blocks[0].children[0], m.Strong):
            part.heading = blocks.pop(0).children[0].children
        pattern = re.escape(self.locale.signed("\x00")).replace("\x00", "(.+)")
        while blocks and isinstance(blocks[-1], m.Paragraph):
            lines = [_clean(_plain_inlines(line)) for line in _split_lines(blocks[-1].children)]
            match = re.fullmatch(pattern, lines[-1]) if lines else None
            if not match:
                break
            blocks.pop()
            part.signatures.insert(0, (match.group(1).strip(), " ".join(lines[:-1]) or None))

    def _finish_lists(self, parts: list[DraftPart]) -> None:
        for part in parts:
            part.blocks = _group_lists(part.blocks)


_NOTE_TEXT_STYLES = ("footnote text", "footnote", "un footnote text")  # Word's, LibreOffice's, unpress's before
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_ASVG = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}"
_R_EMBED = R_ID.replace("}id", "}embed")

# Paragraph styles by name: unpress's own, then Word's built-in ones and pandoc's.
_ROLES = {
    "UN Session": "session", "UN Agenda": "agenda", "UN Title": "title", "UN Kind": "kind",
    "UN Sponsors": "sponsors", "UN Issuer": "issuer", "UN Summary Heading": "summary_heading",
    "UN Summary": "summary", "UN Preambular Paragraph": "text",
    "UN Contents Heading": "contents", "UN Contents Heads": "contents", "UN Contents Annexes": "contents",
    **{f"toc {level}": "contents" for level in range(1, 10)},
    "UN Annex Heading": "annex", "UN Original Note": "original",
    "UN Annex Title": "annex_title", "UN Lettered Paragraph": "lettered", "UN Subparagraph": "lettered",
    "UN Numbered Paragraph": "numbered", "UN List Paragraph": "list", "UN Quote": "quote",
    "UN Code Block": "code", "UN Signature": "signature", "UN Body Text": "text",
    "UN Table Text": "text", "UN Draft Mark": "section", "UN Figure": "figure",
    "UN Figure Caption": "figure_caption", "caption": "figure_caption",
    "title": "title", "subtitle": "text", "quote": "quote", "block text": "quote",
    "intense quote": "quote", "source code": "code", "html preformatted": "code",
    "list paragraph": "list", "compact": "text", "body text": "text", "first paragraph": "text",
    "normal": "text", "normal (web)": "text", "text body": "text",
}
_CHARACTER_STYLES = {
    "UN Emphasis": {"emphasis"}, "UN Strong": {"strong"}, "UN Strong Emphasis": {"emphasis", "strong"},
    "UN Code": {"code"}, "emphasis": {"emphasis"}, "strong": {"strong"}, "intense emphasis": {"emphasis", "strong"},
    "verbatim char": {"code"}, "html code": {"code"}, "source text": {"code"},
}


class _FieldState:
    """A complex field being read: its instruction, then the runs of its shown result."""

    def __init__(self):
        self.depth, self.instruction, self.result = 0, "", []

    def begin(self):
        self.depth += 1
        if self.depth == 1:
            self.instruction, self.result = "", []

    def end(self):
        self.depth = max(self.depth - 1, 0)
        return self.instruction, self.result


@dataclass(frozen=True)
class _ListItem:
    """A paragraph of a Word list, grouped into ListBlocks once the part is read."""

    level: int
    ordered: bool
    number: int
    paragraph: m.Paragraph
    num_id: str
    continues: bool = False  # a later paragraph of the item before, unnumbered


def _group_lists(blocks: list) -> list[m.Block]:
    out: list[m.Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if not isinstance(block, _ListItem):
            out.append(block)
            index += 1
            continue
        run = []  # the list's items, and those of lists nested in it (deeper levels)
        while index < len(blocks) and isinstance(blocks[index], _ListItem) and \
                (blocks[index].num_id == block.num_id or blocks[index].level > block.level):
            run.append(blocks[index])
            index += 1
        out.append(_list(run, block.level))
    return out


def _list(items: list[_ListItem], level: int) -> m.ListBlock:
    entries: list[list[m.Block]] = []
    index = 0
    while index < len(items):
        item = items[index]
        if item.level > level and entries:
            deeper = []
            while index < len(items) and items[index].level > level:
                deeper.append(items[index])
                index += 1
            entries[-1].append(_list(deeper, deeper[0].level))
            continue
        if item.continues and entries:
            entries[-1].append(item.paragraph)
        else:
            entries.append([item.paragraph])
        index += 1
    first = items[0]
    return m.ListBlock(first.ordered, first.number if first.ordered else 1, tuple(tuple(e) for e in entries))


def _build(pieces: list[tuple[frozenset, str | None, m.Inline]]) -> tuple[m.Inline, ...]:
    """Inlines from runs with their marks: neighbours that share a link or a mark are one node."""
    out: list[m.Inline] = []
    index = 0
    while index < len(pieces):
        marks, link, node = pieces[index]
        if link:
            end = index
            while end < len(pieces) and pieces[end][1] == link:
                end += 1
            out.append(m.Link(link, _build([(mk, None, n) for mk, _, n in pieces[index:end]])))
            index = end
            continue
        if "emphasis" in marks or "strong" in marks:
            outer = "emphasis" if "emphasis" in marks else "strong"
            end = index
            while end < len(pieces) and outer in pieces[end][0] and not pieces[end][1]:
                end += 1
            inner = _build([(mk - {outer}, None, n) for mk, _, n in pieces[index:end]])
            out.append(m.Emphasis(inner) if outer == "emphasis" else m.Strong(inner))
            index = end
            continue
        if "code" in marks and isinstance(node, m.Text):
            end = index
            while end < len(pieces) and "code" in pieces[end][0] and isinstance(pieces[end][2], m.Text):
                end += 1
            out.append(m.Code("".join(n.text for _, _, n in pieces[index:end])))
            index = end
            continue
        out.append(node)
        index += 1
    return _merge(out)


def _merge(inlines) -> tuple[m.Inline, ...]:
    merged: list[m.Inline] = []
    for inline in inlines:
        if isinstance(inline, m.Text) and merged and isinstance(merged[-1], m.Text):
            merged[-1] = m.Text(merged[-1].text + inline.text)
        elif not (isinstance(inline, m.Text) and not inline.text):
            merged.append(inline)
    return tuple(merged)


def _split_lines(inlines: tuple[m.Inline, ...]) -> list[tuple[m.Inline, ...]]:
    lines: list[list[m.Inline]] = [[]]
    for inline in inlines:
        if isinstance(inline, m.LineBreak):
            lines.append([])
        else:
            lines[-1].append(inline)
    return [tuple(line) for line in lines if line]


def _caption(inlines: tuple[m.Inline, ...], labelled: bool) -> tuple[m.Inline, ...]:
    """A figure's caption: the lines after its label ("Figure I", with Word's SEQ number), in
    the bold the caption style's runs carry."""
    lines = _split_lines(inlines)[1 if labelled else 0:]
    caption = tuple(node for index, line in enumerate(lines) for node in ((m.Text(" "),) if index else ()) + line)
    if len(caption) == 1 and isinstance(caption[0], m.Strong):
        caption = caption[0].children
    return _merge(caption)


def _split_typed_label(inlines: tuple[m.Inline, ...]) -> tuple[str | None, tuple[m.Inline, ...]]:
    """The text before the first tab (the label that hangs), and the rest."""
    first = inlines[0] if inlines else None
    if not isinstance(first, m.Text) or "\t" not in first.text:
        return None, inlines
    label, _, rest = first.text.partition("\t")
    if len(label) > 8:
        return None, inlines
    return label, ((m.Text(rest),) if rest else ()) + inlines[1:]


def _plain_inlines(inlines, front: bool = False) -> str:
    out = []
    for node in inlines:
        if isinstance(node, m.Text):
            out.append(node.text)
        elif isinstance(node, (m.Emphasis, m.Strong, m.Link)):
            out.append(_plain_inlines(node.children, front))
        elif isinstance(node, m.LineBreak):
            out.append("\n")
        elif isinstance(node, m.NoteRef) and not front:
            out.append(node.mark)
    return "".join(out)


def _previous_role(p, reader: _Reader) -> str | None:
    previous = p.getprevious()
    return reader._role(previous) if previous is not None and previous.tag == f"{W}p" else None


def _shows(p) -> bool:
    return any((t.text or "").strip() for t in p.iter(f"{W}t")) or p.find(f".//{W}footnoteReference") is not None


# Word's names for the start and end sides, and the values a property has when nothing sets it.
_SIDES = {"left": "start", "right": "end"}
_UNSET = {"jc": {"val": ("start", "left")}, "spacing": {"before": ("0",), "after": ("0",)},
          "ind": {"start": ("0",), "left": ("0",), "end": ("0",), "right": ("0",), "hanging": ("0",),
                  "firstLine": ("0",)}, "color": {"val": ("auto", "000000")}}


def _redundant(direct, styled) -> bool:
    """Formatting of its own that only says again what the styles say (LibreOffice writes a
    table style's spacing into each cell's paragraphs when it saves): nothing to report."""
    name = _local(direct.tag)
    for attr, value in direct.attrib.items():
        key = _SIDES.get(_local(attr), _local(attr))
        value = _SIDES.get(value, value)
        given = None
        if styled is not None:
            given = next((_SIDES.get(v, v) for a, v in styled.attrib.items() if _SIDES.get(_local(a), _local(a)) == key), None)
        if given is None:
            if value not in _UNSET.get(name, {}).get(key, ()):
                return False
        elif given != value:
            return False
    return bool(direct.attrib) or styled is not None


def _letter(count: int) -> str:
    return string.ascii_lowercase[(count - 1) % 26]


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _same(a: str, b: str) -> bool:
    return _clean(a.replace("\u00a0", " ")) == _clean(b.replace("\u00a0", " "))


def _find(text: str, candidates: dict) -> str | None:
    return next((key for key, value in candidates.items() if _same(value, text)), None)


def _find_date(text: str, formatter) -> datetime.date | None:
    """The date whose formatted form is the text (the formats come from the locale data)."""
    for year in sorted({int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text)}):
        if not 1900 <= year <= 2200:
            continue
        day = datetime.date(year, 1, 1)
        while day.year == year:
            if _same(formatter(day), text):
                return day
            day += datetime.timedelta(days=1)
    return None


def _read_meeting(locale: Locale, text: str, years: list[int]):
    """(place, first day, last day) of a meeting line "Geneva, 3-28 July 2006", by writing the
    candidate lines as the locale does: the days are among the numbers the line shows."""
    days = sorted({int(d) for d in re.findall(r"\d+", text) if 1 <= int(d) <= 31})
    candidates = []
    for year in years:
        for month in range(1, 13):
            for day in days:
                try:
                    candidates.append(datetime.date(year, month, day))
                except ValueError:
                    continue
    candidates.sort()
    for place in (*PLACES, None):
        if place and locale.typography(locale.data["places"][place]) not in text:
            continue
        for start in candidates:
            for end in candidates:
                if end >= start and (end - start).days < 400 and _same(locale.meeting(place, start, end), text):
                    return place, start, end
    return None


def _is_symbol(text: str) -> bool:
    try:
        parse_symbol(text)
    except SymbolError:
        return False
    return True


def _read_agenda_line(locale: Locale, text: str) -> tuple[int, str | None, str] | None:
    numbers = re.findall(r"\d+", text)
    for number in dict.fromkeys(int(n) for n in numbers):
        for agenda_list in AGENDA_LISTS:
            for subitem in (None, *string.ascii_lowercase):
                line, _ = locale.agenda_line(agenda_list, number, subitem)
                if _same(line, text):
                    return number, subitem, agenda_list
    return None


_SYMBOL_IN_TEXT = re.compile(r"[A-Z]+(?:/[A-Za-z0-9.]*[A-Za-z0-9])+")
_TAIL = re.compile(r"(?:(Corr|Rev|Add|Amend)\.(\d+)|(?<![/\w])(\d+)(?![/\w]))")


def _read_agenda_note(locale: Locale, text: str) -> list[str] | None:
    """The symbols an agenda note cites ("A/61/50 et Corr.1." -> A/61/50, A/61/50/Corr.1),
    read back and checked by citing them again as the locale does."""
    symbols: list[str] = []
    for match in _SYMBOL_IN_TEXT.finditer(text):
        root = match.group(0)
        symbols.append(root)
        following = _SYMBOL_IN_TEXT.search(text, match.end())
        tail = text[match.end(): following.start() if following else len(text)]
        base = re.sub(r"/(Corr|Rev|Add|Amend)\.\d+$", "", root)
        stem = None
        for part in _TAIL.finditer(tail):
            if part.group(1):
                stem = f"{part.group(1)}.{{}}"
                symbols.append(f"{base}/{stem.format(part.group(2))}")
            elif stem:
                symbols.append(f"{base}/{stem.format(part.group(3))}")
    try:
        if symbols and _same(locale.agenda_note([parse_symbol(s) for s in symbols]), text):
            return symbols
    except SymbolError:
        pass
    return None
