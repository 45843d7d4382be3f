"""Markdown parts become model blocks: labels in the language's style, notes numbered in order."""

from __future__ import annotations

import dataclasses

import pytest

from unpress import model as m
from unpress.locale import get_locale
from unpress.read.markdown import NoteNumbering, parse_part


def parse(text: str, lang: str = "en", numbering: NoteNumbering | None = None, source: str = "part.md"):
    problems: list = []
    parsed = parse_part(source, text, get_locale(lang), numbering or NoteNumbering(), problems)
    return parsed, problems


def test_letter_labels_are_written_in_the_language_style_whichever_form_was_typed():
    text = "(a) First;\n\nb) second.\n"
    assert [b.label for b in parse(text, "en")[0].blocks] == ["(a)", "(b)"]
    assert [b.label for b in parse(text, "fr")[0].blocks] == ["a)", "b)"]
    assert parse(text, "fr")[0].blocks[0].children == (m.Text("First;"),)


def test_top_level_numbers_are_numbered_paragraphs_and_their_subparagraphs_follow():
    blocks = parse("1. One.\n\n2. Two:\n\n   (a) sub.\n")[0].blocks
    assert [(b.style, b.label) for b in blocks] == [("numbered", "1."), ("numbered", "2."), ("lettered", "(a)")]


def test_a_label_out_of_sequence_is_a_warning_naming_the_line():
    _, problems = parse("(a) One.\n\n(c) Three.\n")
    assert [(p.line, p.field, p.message, p.code, p.severity) for p in problems] == [
        (3, "(c)", "the label breaks the sequence: expected (b) or a new run from (a)", "label-sequence", "warning")]
    _, problems = parse("1. One.\n\n3. Three.\n")
    assert [(p.line, p.field, p.message, p.code, p.severity) for p in problems] == [
        (3, "3.", "the paragraph number breaks the sequence: expected 2", "label-sequence", "warning")]


def test_notes_are_numbered_in_reading_order_across_parts():
    numbering = NoteNumbering()
    letter, _ = parse("A[^x] and B[^y].\n\n[^y]: Why.\n[^x]: Ex.\n", numbering=numbering, source="letter.md")
    annex, _ = parse("C[^x].\n\n[^x]: Annex note.\n", numbering=numbering, source="annex.md")
    refs = [node for node in letter.blocks[0].children if isinstance(node, m.NoteRef)]
    assert [r.mark for r in refs] == ["1", "2"]
    assert annex.blocks[0].children[1].mark == "3"
    assert [(n.mark, n.children) for n in numbering.footnotes()] == [
        ("1", (m.Text("Ex."),)), ("2", (m.Text("Why."),)), ("3", (m.Text("Annex note."),))]


def test_a_note_referred_to_twice_keeps_its_number_and_gets_a_second_anchor():
    parsed, _ = parse("A[^x] B[^x].\n\n[^x]: Ex.\n")
    first, second = [n for n in parsed.blocks[0].children if isinstance(n, m.NoteRef)]
    assert (first.mark, second.mark) == ("1", "1")
    assert first.ref_id != second.ref_id


def test_raw_html_stays_text():
    parsed, problems = parse("Say <b>hello</b> <script>x()</script>\n\n<div>block</div>\n")
    assert problems == []
    assert parsed.blocks[0].children == (m.Text("Say <b>hello</b> <script>x()</script>"),)
    assert parsed.blocks[1].children == (m.Text("<div>block</div>"),)


def test_french_typography_applies_to_text_across_line_breaks_and_never_adds_a_space():
    parsed, _ = parse("Voici\n: la « suite »; fin?\n", "fr")
    assert parsed.blocks[0].children == (m.Text("Voici\u00a0: la «\u00a0suite\u00a0»; fin?"),)


def test_tables_keep_header_rows_and_alignment():
    parsed, _ = parse("| A | B |\n|---|--:|\n| 1 | 2 |\n")
    (table,) = parsed.blocks
    assert [c.children for c in table.header[0]] == [(m.Text("A"),), (m.Text("B"),)]
    assert [c.align for c in table.rows[0]] == [None, "right"]


def test_an_image_outside_the_document_folder_is_refused_with_its_line(tmp_path):
    # A file that exists, beside the document's folder: the test does not depend on where it runs.
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "doc" / "en").mkdir(parents=True)
    _, problems = parse("Text\n\n![logo](../../outside.png)\n", source=str(tmp_path / "doc" / "en" / "part.md"))
    assert [(p.line, p.code) for p in problems] == [(3, "image-outside")]


def test_the_model_is_immutable():
    parsed, _ = parse("Text.\n")
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.blocks[0].children = ()


def test_many_quotes_and_lists_one_after_another_are_not_nested():
    """The nesting limit counts containers inside containers, not the ones that follow each other."""
    text = "".join(f"> Quotation {n}.\n\n- Item {n}.\n\n" for n in range(12))
    parsed, problems = parse(text)
    assert problems == []
    assert [block.kind for block in parsed.blocks] == ["quote", "list"] * 12


def test_the_last_guard_names_the_first_line_no_token_was_made_from():
    """No known Markdown makes the parser skip a line (so no content can show this guard at work):
    given the tokens of line 1 only, the guard names line 3, the next one with text."""
    from markdown_it.token import Token

    from unpress.read.markdown import _unread_line

    first = Token("paragraph_open", "p", 1, map=[0, 1])
    assert _unread_line([first], {}, "Read.\n\nSkipped.\n\n[^1]:\n") == 3
    assert _unread_line([first, Token("paragraph_open", "p", 1, map=[2, 3])], {}, "Read.\n\nRead.\n[^1]:\n") is None
