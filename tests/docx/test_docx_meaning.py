"""Each kind of block in the DOCX has the style of its meaning, lists number (or not) as in the
content, and right-to-left text keeps its direction in the notes too: what Word shows, whatever
way the package is put together."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.docx.conftest import NS, W, build_docx, part
from tests.seed import normalise

LANGUAGES = Path(__file__).parents[1] / "languages" / "A_61_100"  # Arabic with a note

EVERY_MEANING = """---
heading: Note by the Secretariat
---

A body paragraph.

(a) The first lettered paragraph;

(b) The second lettered paragraph.

1. The first numbered paragraph.
2. The second numbered paragraph.

> A quoted paragraph.

- The first bullet.
- The second bullet.

  3. The nested third item.
  4. The nested fourth item.

- The third bullet.

A last body paragraph.

## The Secretary-General's view

A long-term plan, typed with a hyphen.

| A heading cell | A right heading |
|---|--:|
| A body cell | A right cell |
"""


@pytest.fixture(scope="module")
def meaning_docx(tmp_path_factory) -> Path:
    document = tmp_path_factory.mktemp("content") / "E_2006_2"
    (document / "en").mkdir(parents=True)
    (document / "document.yaml").write_text(
        "symbol: E/2006/2\ndistribution: general\ndate: 2006-05-02\noriginal: en\n"
        "versions:\n  en:\n    title: A note with a block of each meaning\n", encoding="utf-8")
    (document / "en" / "body.md").write_text(EVERY_MEANING, encoding="utf-8")
    return build_docx(document, tmp_path_factory.mktemp("out"))


def text_of(p) -> str:
    return normalise("".join(e.text or "" if e.tag == f"{W}t" else " " for e in p.iter(f"{W}t", f"{W}tab")))


class Package:
    """Styles and numbering of a DOCX resolved as Word resolves them for a paragraph."""

    def __init__(self, docx: Path):
        self.body = part(docx, "word/document.xml")
        self.styles = {s.get(f"{W}styleId"): s for s in part(docx, "word/styles.xml").iterfind("w:style", NS)}
        try:
            self.numbering = part(docx, "word/numbering.xml")
        except KeyError:
            self.numbering = None
        if self.numbering is not None:  # what Word requires of the part it reads the numbering from
            assert self.numbering.tag == f"{W}numbering"
            assert {t.get(f"{W}val") for t in self.numbering.iter(f"{W}multiLevelType")} <= {
                "singleLevel", "multilevel", "hybridMultilevel"}
            assert {t.get(f"{W}val") for t in self.numbering.iter(f"{W}lvlJc")} <= {
                "left", "center", "right", "start", "end"}

    def paragraph(self, text: str):
        (found,) = [p for p in self.body.iter(f"{W}p") if text in text_of(p)]
        return found

    def style_name(self, p) -> str:
        style_id = p.find("w:pPr/w:pStyle", NS).get(f"{W}val")
        return self.styles[style_id].find("w:name", NS).get(f"{W}val")

    def _style_chain(self, p):
        style = p.find("w:pPr/w:pStyle", NS)
        style_id = None if style is None else style.get(f"{W}val")
        while style_id in self.styles:
            yield self.styles[style_id]
            based = self.styles[style_id].find("w:basedOn", NS)
            style_id = None if based is None else based.get(f"{W}val")

    def _num_pr(self, p):
        """The numbering of a paragraph: its own, or its style's (Word looks in both)."""
        for pr in (p.find("w:pPr/w:numPr", NS), *(s.find("w:pPr/w:numPr", NS) for s in self._style_chain(p))):
            if pr is not None and pr.find("w:numId", NS) is not None:
                return pr
        return None

    def label(self, p) -> dict | None:
        """How Word numbers the paragraph: the number format, the start of its level, the indent
        of the text and by how much the label hangs; None for no numbering."""
        pr = self._num_pr(p)
        if pr is None or self.numbering is None:
            return None
        num_id = pr.find("w:numId", NS).get(f"{W}val")
        level = pr.find("w:ilvl", NS)
        level = "0" if level is None else level.get(f"{W}val")
        if num_id == "0":
            return None
        num = self.numbering.find(f"w:num[@w:numId='{num_id}']", NS)
        abstract_id = num.find("w:abstractNumId", NS).get(f"{W}val")
        abstract = self.numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", NS)
        lvl = abstract.find(f"w:lvl[@w:ilvl='{level}']", NS)
        override = num.find(f"w:lvlOverride[@w:ilvl='{level}']/w:startOverride", NS)
        start = override if override is not None else lvl.find("w:start", NS)
        ind = lvl.find("w:pPr/w:ind", NS)
        text = lvl.find("w:lvlText", NS)
        style = lvl.find("w:pStyle", NS)
        return {"format": lvl.find("w:numFmt", NS).get(f"{W}val"),
                "text": None if text is None else text.get(f"{W}val"),
                "style": None if style is None else style.get(f"{W}val"),
                "start": None if start is None else int(start.get(f"{W}val")),
                "left": int(ind.get(f"{W}left") or ind.get(f"{W}start")), "hanging": int(ind.get(f"{W}hanging") or 0),
                "list": num_id, "level": int(level)}


@pytest.mark.parametrize("text, style", [
    ("A body paragraph.", "UN Body Text"),
    ("A last body paragraph.", "UN Body Text"),
    ("The first numbered paragraph.", "UN Numbered Paragraph"),
    ("The second numbered paragraph.", "UN Numbered Paragraph"),
    ("The first lettered paragraph;", "UN Lettered Paragraph"),
    ("The second lettered paragraph.", "UN Lettered Paragraph"),
    ("A quoted paragraph.", "UN Quote"),
    ("The first bullet.", "UN List Paragraph"),
    ("The nested third item.", "UN List Paragraph"),
    ("The Secretary", "heading 3"),
    ("A long", "UN Body Text"),
    ("A heading cell", "UN Table Heading"),
    ("A right heading", "UN Table Heading Right"),
    ("A body cell", "UN Table Text"),
    ("A right cell", "UN Table Text Right"),
])
def test_each_block_has_the_style_of_its_meaning(meaning_docx, text, style):
    package = Package(meaning_docx)
    assert package.style_name(package.paragraph(text)) == style


def test_a_heading_keeps_its_compound_whole_and_a_body_paragraph_may_break_at_its_hyphen(meaning_docx):
    """Word's no-break hyphen in a heading (a title never breaks "Secretary-/General"); the typed
    hyphen, where a line may break, in the text."""
    package = Package(meaning_docx)
    heading, body = package.paragraph("The Secretary"), package.paragraph("A long")
    assert [e.tag.removeprefix(W) for e in heading.iter(f"{W}t", f"{W}noBreakHyphen")] == ["t", "noBreakHyphen", "t"]
    assert [e.text for e in heading.iter(f"{W}t")] == ["The Secretary", "General's view"]
    assert body.find(".//w:noBreakHyphen", NS) is None
    assert text_of(body) == "A long-term plan, typed with a hyphen."


def test_numbered_and_lettered_paragraphs_are_numbered_by_word_not_typed(meaning_docx):
    package = Package(meaning_docx)
    for text, number_format, start in [("The second numbered paragraph.", "decimal", 1),
                                       ("The second lettered paragraph.", "lowerLetter", 1)]:
        p = package.paragraph(text)
        assert text_of(p) == text  # no label typed: Word counts it
        label = package.label(p)
        assert (label["format"], label["start"], label["level"]) == (number_format, start, 0)
        assert 0 < label["hanging"] <= label["left"]
        # The level is linked to the paragraph's own style, as Word links a numbered style.
        assert label["style"] == p.find("w:pPr/w:pStyle", NS).get(f"{W}val")


def test_bullets_are_bullets_and_a_nested_ordered_list_counts_from_its_first_number(meaning_docx):
    package = Package(meaning_docx)
    bullets = [package.label(package.paragraph(f"The {n} bullet.")) for n in ("first", "second", "third")]
    assert {(label["format"], label["text"]) for label in bullets} == {("bullet", "\u2022")}
    assert len({label["list"] for label in bullets}) == 1  # one list around the nested one
    third, fourth = (package.label(package.paragraph(f"The nested {n} item.")) for n in ("third", "fourth"))
    assert third["format"] == fourth["format"] == "decimal"
    assert third["list"] == fourth["list"] != bullets[0]["list"]
    assert third["start"] == 3  # "3." in the content, so Word prints 3 and 4
    assert third["text"] == "%2."  # the number of its own level (the second), with a stop


def test_list_labels_hang_and_a_nested_list_is_set_in_further(meaning_docx):
    package = Package(meaning_docx)
    top = package.label(package.paragraph("The first bullet."))
    nested = package.label(package.paragraph("The nested third item."))
    assert (top["level"], nested["level"]) == (0, 1)
    assert 0 < top["hanging"] <= top["left"]
    assert 0 < nested["hanging"] and nested["left"] - nested["hanging"] >= top["left"]


def runs_of(p) -> list[tuple[str, bool]]:
    """(text, right to left) of the runs of text of a paragraph, neighbours of one direction joined."""
    pieces: list[tuple[str, bool]] = []
    for run in p.iter(f"{W}r"):
        text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        rtl = run.find("w:rPr/w:rtl", NS) is not None
        if not text.strip("\t"):
            continue
        if pieces and pieces[-1][1] == rtl:
            pieces[-1] = (pieces[-1][0] + text, rtl)
        else:
            pieces.append((text, rtl))
    return pieces


@pytest.fixture(scope="module")
def arabic_docx(tmp_path_factory) -> Path:
    return build_docx(LANGUAGES, tmp_path_factory.mktemp("ar"), "--lang", "ar")


def test_an_arabic_note_reads_right_to_left_around_its_latin_symbol(arabic_docx):
    """The space before "A/60/871" and the final stop belong to the Arabic sentence: in a
    left-to-right note Word would put the stop at the right end, after the symbol."""
    (note,) = [p for p in part(arabic_docx, "word/footnotes.xml").iter(f"{W}p") if "A/60/871" in text_of(p)]
    assert note.find("w:r/w:footnoteRef", NS) is not None  # the mark is Word's number, not text
    assert runs_of(note) == [("انظر أيضا الوثيقة ", True), ("A/60/871", False), (".", True)]


def test_an_arabic_body_paragraph_ends_right_to_left_after_its_note_mark(arabic_docx):
    body = part(arabic_docx, "word/document.xml")
    (p,) = [p for p in body.iter(f"{W}p") if "في إطار البند 54 (ب) من القائمة الأولية" in text_of(p)]
    assert runs_of(p) == [(text_of(p), True)]  # digits and brackets inside Arabic text are Arabic's


LONG_LABEL = "a.label-with-punctuation-and-more-than-forty-characters-in-all"
NOTES_TWICE = f"""---
heading: Note by the Secretariat
---

A first note[^{LONG_LABEL}] and a second one.[^b]

Both again: the first[^{LONG_LABEL}] and the second.[^b]

[^{LONG_LABEL}]: The first note.
[^b]: The second note.
"""


def test_a_note_referred_to_again_points_to_a_hidden_bookmark_word_accepts(tmp_path):
    """Word keeps bookmark names of at most 40 letters, digits and "_", and hides those that
    begin with "_": the references must not show up in its list of the writer's bookmarks."""
    document = tmp_path / "content" / "E_2006_3"
    (document / "en").mkdir(parents=True)
    (document / "document.yaml").write_text(
        "symbol: E/2006/3\ndistribution: general\ndate: 2006-05-02\noriginal: en\n"
        "versions:\n  en:\n    title: Notes referred to twice\n", encoding="utf-8")
    (document / "en" / "body.md").write_text(NOTES_TWICE, encoding="utf-8")
    body = part(build_docx(document, tmp_path / "out"), "word/document.xml")
    starts = body.findall(".//w:bookmarkStart", NS)
    names = [start.get(f"{W}name") for start in starts]
    assert len(set(names)) == 2
    assert all(re.fullmatch(r"_\w{1,39}", name, re.ASCII) for name in names), names
    ids = [start.get(f"{W}id") for start in starts]
    assert len(set(ids)) == 2
    assert sorted(end.get(f"{W}id") for end in body.iter(f"{W}bookmarkEnd")) == sorted(ids)
    # Each bookmark holds the first reference to its note, and the field of the second names it.
    for start in starts:
        assert start.getnext().find("w:footnoteReference", NS) is not None
    fields = [t.text.split() for t in body.iter(f"{W}instrText")]
    assert fields == [["NOTEREF", names[0], "\\f", "\\h"], ["NOTEREF", names[1], "\\f", "\\h"]]


def test_an_arabic_note_is_numbered_by_word_between_typed_parentheses(arabic_docx):
    """No number format of Word's writes "(1)": the reference is Word's automatic number, with the
    parentheses typed in runs of their own on both sides, in the note reference style."""
    body = part(arabic_docx, "word/document.xml")
    (ref,) = [r for r in body.iter(f"{W}footnoteReference") if r.get(f"{W}customMarkFollows") is None]
    run = ref.getparent()
    before, after = run.getprevious(), run.getnext()
    assert [text_of(before), text_of(after)] == ["(", ")"]
    style = run.find("w:rPr/w:rStyle", NS).get(f"{W}val")
    assert {r.find("w:rPr/w:rStyle", NS).get(f"{W}val") for r in (before, after)} == {style}
    assert run.findall("w:t", NS) == []
