"""What the model says each artifact must show, and the comparison of what a reader found with it."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

from .. import model as m
from ..problems import display_path
from .facts import RTL, Facts, normalise


@dataclass(frozen=True)
class Mismatch:
    file: str
    what: str
    expected: object
    found: object

    def __str__(self) -> str:
        return f"{display_path(self.file)}: {self.what}: expected {_show(self.expected)} found {_show(self.found)}"


def _show(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f'"{value}"'
    return json.dumps(value, ensure_ascii=False)



def inline_text(nodes) -> str:
    """The text a reader sees of model inlines; note references show their marks."""
    out = []
    for node in nodes:
        if isinstance(node, m.Text):
            out.append(node.text)
        elif isinstance(node, (m.Emphasis, m.Strong, m.Link)):
            out.append(inline_text(node.children))
        elif isinstance(node, m.Code):
            out.append(node.text)
        elif isinstance(node, m.LineBreak):
            out.append(" ")
        elif isinstance(node, m.NoteRef):
            out.append(node.mark)
    return normalise("".join(out))


def figure_facts(version: m.Version) -> tuple[tuple[str, str], ...]:
    """Each figure's label and caption, as one line, and its alternative text."""
    return tuple((normalise(" ".join(text for text in (block.label or "", inline_text(block.caption)) if text)),
                  normalise(block.image.alt))
                 for part in version.parts for block in part.blocks if isinstance(block, m.Figure))


def labelled_blocks(part: m.Part) -> list[m.LabelledParagraph]:
    return [block for block in part.blocks if isinstance(block, m.LabelledParagraph)]


def expected_facts(version: m.Version) -> Facts:
    head = version.masthead
    session = tuple(normalise(line) for line in version.session_lines)
    agenda = tuple(normalise(line.before_note + (line.note.mark if line.note else "") + line.after_note)
                   for line in version.agenda)
    title = "" if version.title_in_heading else normalise(version.title)  # printed as the heading
    return Facts(
        symbols=head.symbols,
        masthead=tuple(normalise(line) for line in (head.distribution, head.date, head.version_language,
                                                      head.original) if line),
        notes=tuple((note.mark, inline_text(note.children)) for note in version.notes),
        labels=tuple(block.label for part in version.parts for block in labelled_blocks(part)),
        job=version.job.line if version.job else None,
        document_title=normalise(version.document_title),
        session=session,
        agenda=agenda,
        title=title,
        front=session + agenda + ((title,) if title else ()) + ((normalise(version.kind_line),) if version.kind_line else ()),
        running=version.symbol_line,
        rtl=version.direction == "rtl",
        figures=figure_facts(version),
    )




# A character that right-to-left text mirrors may come out of a PDF as its partner.
_PAIRED = str.maketrans(")]}>»›", "([{<«‹")


def _key(text: str, unordered: bool = False) -> str:
    """What must be equal in two readings of a text: not white space (line breaks, justification,
    spaces around marks) nor invisible characters; `unordered`, not the order either."""
    text = "".join(c for c in unicodedata.normalize("NFKC", text)
                   if not c.isspace() and unicodedata.category(c) != "Cf")
    return "".join(sorted(text.translate(_PAIRED))) if unordered else text


def _same(expected: object, found: object, drawn: bool = False, rtl_lines: bool = False) -> bool:
    """Equal as read. Text `drawn` (from a PDF) keeps no order where it runs right to left: in the
    lines of a right-to-left version (`rtl_lines`), and wherever Arabic or Hebrew script is."""
    if isinstance(expected, tuple) and isinstance(found, tuple):
        return len(expected) == len(found) and all(_same(a, b, drawn, rtl_lines) for a, b in zip(expected, found))
    if isinstance(expected, str) and isinstance(found, str):
        unordered = drawn and (rtl_lines or bool(RTL.search(expected + found)))
        return _key(expected, unordered) == _key(found, unordered)
    return expected == found


def _window(expected: tuple[str, ...], lines: tuple[str, ...]) -> tuple[str, ...]:
    """The first lines that hold as much text as `expected`: where it must be, line breaks aside."""
    wanted, taken = len(_key(" ".join(expected))), []
    for line in lines:
        if len(_key(" ".join(taken))) >= wanted:
            break
        taken.append(line)
    return tuple(taken)


def compare(file: str, expected: Facts, found: Facts) -> list[Mismatch]:
    drawn, rtl = found.drawing_order, expected.rtl
    names = {  # and whether the field is set in the lines of the version (else left to right on its own)
        "symbols": ("symbol(s) in the masthead", False), "masthead": ("distribution block", False),
        "session": ("session line", rtl), "agenda": ("agenda lines", rtl), "title": ("title", rtl),
        "job": ("job number line", rtl), "labels": ("paragraph labels", rtl),
        "document_title": ("document title in the file's properties", False),
    }
    if found.front is not None:  # the reader sees these only together, as the front's lines
        for key in ("session", "agenda", "title"):
            del names[key]
    mismatches = [Mismatch(file, what, getattr(expected, key), getattr(found, key))
                  for key, (what, in_lines) in names.items()
                  if not _same(getattr(expected, key), getattr(found, key), drawn, in_lines)]
    if found.front is not None:
        window = _window(expected.front, found.front)
        if not _same(" ".join(expected.front), " ".join(window), drawn, rtl):
            mismatches.append(Mismatch(file, "session, agenda and title lines", expected.front, window))
    if len(expected.notes) != len(found.notes):
        mismatches.append(Mismatch(file, "number of footnotes", len(expected.notes), len(found.notes)))
    unmatched = list(found.notes)
    for mark, text in expected.notes:  # by mark: a PDF lists notes page by page
        got = next((note for note in unmatched if note[0] == mark), None)
        if got is not None:
            unmatched.remove(got)
        if got is None or not _same(text, got[1], drawn, rtl):
            mismatches.append(Mismatch(file, f"footnote {mark}", f"{mark} {text}", " ".join(got) if got else None))
    mismatches.extend(Mismatch(file, f"footnote {mark}", None, f"{mark} {text}") for mark, text in unmatched)
    mismatches.extend(Mismatch(file, where, expected.running, " ".join(texts) if texts else None)
                      for where, texts in found.headers if not _holds(texts, expected.running))
    if found.figures is not None:
        mismatches.extend(_compare_figures(file, expected.figures, found.figures, drawn, rtl))
    return mismatches


def _compare_figures(file: str, expected, found, drawn: bool, rtl: bool) -> list[Mismatch]:
    """Figures by count, then each in order: its label (with its number) and caption, its alternative text."""
    if len(expected) != len(found):
        return [Mismatch(file, "number of figures", len(expected), len(found))]
    mismatches = []
    for number, ((heading, alt), (found_heading, found_alt)) in enumerate(zip(expected, found), start=1):
        if not _same(heading, found_heading, drawn, rtl):
            mismatches.append(Mismatch(file, f"label and caption of figure {number}", heading, found_heading))
        if alt != found_alt:  # read from an attribute, never drawn: compared exactly
            mismatches.append(Mismatch(file, f"alternative text of figure {number}", alt, found_alt))
    return mismatches


def _holds(texts: tuple[str, ...], wanted: str) -> bool:
    """One of the texts is `wanted`, or several that follow each other are (a symbol set in pieces)."""
    return any(_same(wanted, "".join(texts[start:end]))
               for start in range(len(texts)) for end in range(start + 1, len(texts) + 1))


def part_shape(part: m.Part) -> dict[str, int]:
    """What must be the same in every language version of a part."""
    return {"paragraphs": len(part.blocks), "labels": len(labelled_blocks(part)),
            "footnotes": sum(isinstance(node, m.NoteRef) for node in m.walk(part.blocks)),
            "figures": sum(isinstance(block, m.Figure) for block in part.blocks)}


def compare_versions(versions: list[m.Version]) -> list[Mismatch]:
    """Language versions of one document agree on symbol and date, and on the shape of each part
    that they both have (an annex may be left untranslated)."""
    mismatches = []
    first = versions[0]
    for other in versions[1:]:
        where = f"{other.file_stem} against {first.file_stem}"
        for what, a, b in (("symbol", first.symbol_line, other.symbol_line),
                           ("date", first.date.isoformat(), other.date.isoformat())):
            if a != b:
                mismatches.append(Mismatch(where, what, a, b))
        theirs = {part.anchor: part for part in first.parts}
        for part in other.parts:
            if part.anchor in theirs:
                expected, found = part_shape(theirs[part.anchor]), part_shape(part)
                mismatches.extend(Mismatch(where, f"{key} in {part.anchor}", expected[key], found[key])
                                  for key in expected if expected[key] != found[key])
    return mismatches
