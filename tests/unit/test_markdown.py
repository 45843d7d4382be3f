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


def test_front_matter_after_a_blank_line_or_a_byte_order_mark_is_refused_naming_what_to_delete():
    """Read as a rule and a heading, the front matter's heading and signature would be lost."""
    parsed, problems = parse("\n---\nheading: Letter\n---\nText.\n")
    assert parsed.blocks == () and parsed.front_matter is None
    assert [(p.line, p.field, p.message, p.code) for p in problems] == [
        (2, "front matter", "the front matter must begin on the first line of the file; delete the blank line "
         "before it", "front-matter")]
    _, problems = parse("\ufeff---\nheading: Letter\n---\nText.\n")
    assert [(p.line, p.message) for p in problems] == [
        (1, "the front matter must begin on the first line of the file; delete the invisible byte-order mark "
         "(U+FEFF) before it")]


def test_an_ordered_list_inside_a_quote_stays_ordered_and_keeps_its_first_number():
    (quote,) = parse("> 3. Third;\n> 4. fourth.\n")[0].blocks
    (numbered,) = quote.children
    assert (numbered.ordered, numbered.start) == (True, 3)
    assert numbered.items == ((m.Paragraph((m.Text("Third;"),)),), (m.Paragraph((m.Text("fourth."),)),))
    (bulleted,) = parse("> - One.\n")[0].blocks[0].children
    assert (bulleted.ordered, bulleted.start) == (False, 1)


def test_each_numbered_paragraph_has_its_own_span_and_the_list_none():
    """`unpress import` keeps the typed text of each unchanged numbered paragraph by its span:
    (first line, end line, first block, end block)."""
    parsed, _ = parse("Intro.\n\n1. One.\n\n2. Two:\n\n   (a) sub.\n")
    assert parsed.spans == ((0, 1, 0, 1), (2, 4, 1, 2), (4, 7, 2, 4))  # an item runs to the next


def test_a_link_to_a_percent_encoded_address_loses_no_word():
    """The text-lost guard finds the address's words as typed (caf%C3%A9) as well as decoded (café)."""
    parsed, problems = parse("See [the list](https://example.org/caf%C3%A9) and [this](caf%C3%A9.html).\n")
    assert problems == []
    links = [inline for inline in parsed.blocks[0].children if isinstance(inline, m.Link)]
    assert [link.href for link in links] == ["https://example.org/caf%C3%A9", "caf%C3%A9.html"]


def test_a_refused_image_is_one_problem_saying_why_with_its_code(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "notes.txt").write_text("not an image", encoding="utf-8")
    _, problems = parse("Text.\n\n![A map](notes.txt)\n", source=str(tmp_path / "en" / "part.md"))
    assert [(p.line, p.field, p.code) for p in problems] == [(3, "image", "image-type")]
    assert problems[0].message.startswith("'notes.txt' is ")
    assert problems[0].message.endswith("; unpress takes PNG, JPEG and SVG images")


def test_emphasis_strong_and_links_keep_their_words_with_the_language_s_typography():
    parsed, problems = parse("*Note : ceci* et **fin ; là** par [le site : ici](https://un.org).\n", "fr")
    assert problems == []
    nbsp = "\u00a0"
    assert parsed.blocks[0].children == (
        m.Emphasis((m.Text(f"Note{nbsp}: ceci"),)), m.Text(" et "), m.Strong((m.Text(f"fin{nbsp}; là"),)),
        m.Text(" par "), m.Link("https://un.org", (m.Text(f"le site{nbsp}: ici"),)), m.Text("."))


@pytest.mark.parametrize("typed, dropped, word", [
    ("Plain words to the end.\n", "end", "end"),  # a paragraph its one text token carries whole
    ("Some *emphasis* and a [link](https://un.org) here.\n", "here", "here"),  # markup: the slow path
])
def test_the_text_lost_guard_names_a_word_that_no_token_carries(typed, dropped, word):
    """The guard against a parser that drops text (markdown-it does not today, so its tokens are
    changed here as a parser bug would): the first word typed that no token carries, and its line."""
    from unpress.read.markdown import _PARSER, _unshown_word

    env: dict = {}
    tokens = _PARSER.parse(typed, env)
    assert _unshown_word(tokens, env) is None
    (inline,) = [token for token in tokens if token.type == "inline"]
    last = [child for child in inline.children if dropped in child.content][-1]
    last.content = last.content.replace(dropped, "")
    assert _unshown_word(tokens, env) == (1, word)
