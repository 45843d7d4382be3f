"""What import writes as Markdown reads back as the same blocks: text with Markdown's marks in it,
labels, wrapped lines that must not start a list, tables, notes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unpress import model as m
from unpress.locale import get_locale
from unpress.read.markdown import NoteNumbering, parse_part
from unpress.read.markdown_write import MarkdownStyle, MarkdownWriter

EN = get_locale("en")


def _read(text: str, locale=EN) -> tuple[m.Block, ...]:
    problems: list = []
    parsed = parse_part("x.md", text + "\n", locale, NoteNumbering(), problems)
    assert [p for p in problems if p.severity == "error"] == []
    return parsed.blocks


def _round_trip(block: m.Block, width: int | None = None, locale=EN) -> tuple[m.Block, ...]:
    return _read(MarkdownWriter(MarkdownStyle(locale, width=width)).block(block), locale)


@pytest.mark.parametrize("text", [
    "A *star*, an _underscore_, snake_case_name and 2 * 3", "[x](y) is not a link, [1] no reference",
    "1. is not a number here", "# not a heading", "- not a bullet", "> not a quote", "| a | b |",
    "<b>raw</b> & &amp; shown as typed", "back\\slash and `ticks`", "!\\[image] and ![alt](x.png)",
    "+ plus", "2) closing", "ends with a backslash \\",
])
def test_text_with_markdown_marks_reads_back_as_typed(text):
    assert _round_trip(m.Paragraph((m.Text(text),))) == (m.Paragraph((m.Text(text),)),)


def test_wrapped_lines_never_start_a_list_or_heading():
    text = " ".join(["word"] * 12 + ["1.", "-", "#", ">", "+"] * 4)
    assert _round_trip(m.Paragraph((m.Text(text),)), width=20) == (m.Paragraph((m.Text(text),)),)


def test_french_no_break_spaces_are_typed_spaces_again():
    fr = get_locale("fr")
    text = fr.typography("Il a dit : « oui » ; vraiment ?")
    written = MarkdownWriter(MarkdownStyle(fr)).block(m.Paragraph((m.Text(text),)))
    assert "\u00a0" not in written
    assert _read(written, fr) == (m.Paragraph((m.Text(text),)),)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 .*_`[]()<>!#&;\\|-+=:^~\"'")), min_size=1, max_size=40))
def test_any_text_of_markdown_marks_reads_back(text):
    text = " ".join(text.split())
    # Typed labels are labels, and "[^x]" in text is a note reference without its note (an
    # error of the content): neither can be a paragraph's text, by design.
    if not text or text.startswith(("(a)", "a)", "(b)", "b)")) or re.search(r"\[\^[^\]\s]+\]", text):
        return
    assert _round_trip(m.Paragraph((m.Text(text),))) == (m.Paragraph((m.Text(text),)),)
