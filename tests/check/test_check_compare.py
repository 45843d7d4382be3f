"""The comparison of blocks of text, on facts made by hand: what counts, what does not, and where it
says the difference is."""

from __future__ import annotations

from unpress.check.compare import compare, compare_blocks
from unpress.check.facts import Block, Facts


def facts(*blocks: Block, rtl: bool = False, drawn: bool = False) -> Facts:
    return Facts(symbols=(), masthead=(), notes=(), labels=(), job=None, document_title="", blocks=blocks,
                 rtl=rtl, drawing_order=drawn)


MODEL = (Block("Sixty-first session", "front", "session line"),
         Block("Letter", "letter", "part heading"),
         Block("The Conference brought together some 400 participants.", "letter", "paragraph"),
         Block("(a) The participants recognized a change.", "letter", "labelled paragraph"),
         Block("Annex", "annex", "part heading"),
         Block("Region", "annex", "table cell"),
         Block("Europe", "annex", "table cell"))


def lines(found: tuple[Block, ...], drawn: bool = False, rtl: bool = False, model=MODEL) -> list[str]:
    return [str(m) for m in compare_blocks("x.pdf", model, found, drawn, rtl)]


def test_the_same_text_in_other_pieces_is_the_same():
    """White space, line breaks and where blocks are cut do not count; a PDF's lines are pieces."""
    found = (Block("Sixty-first  session Letter"), Block("The Confer-", page=1), Block("ence brought together"),
             Block("some 400\u00a0partici\u00adpants.(a)"), Block("The participants recognized a change."),
             Block("Annex"), Block("RegionEurope"))
    assert lines(found, drawn=True) == []


def test_a_hyphen_at_a_line_end_is_a_broken_word_only_in_a_pdf():
    found = (Block("Sixty-first session"), Block("Letter"), Block("The Confer-"),
             Block("ence brought together some 400 participants."), Block("(a) The participants recognized a change."),
             Block("Annex"), Block("Region"), Block("Europe"))
    assert lines(found, drawn=True) == []
    assert lines(found) == ['x.pdf: letter, block 2 (paragraph): expected "The Conference brought together some 400 '
                            'participants." found "The Confer-"']


def test_the_first_difference_of_each_part_is_reported():
    found = (Block("Sixty-first session"), Block("Letter"), Block("The Conference brought together some 400 guests."),
             Block("(b) The participants recognized a change."), Block("Annex"), Block("Region"), Block("Asia"))
    assert lines(found) == [
        'x.pdf: letter, block 2 (paragraph): expected "The Conference brought together some 400 participants." '
        'found "The Conference brought together some 400 guests."',
        'x.pdf: annex, block 3 (table cell): expected "Europe" found "Asia"']


def test_a_dropped_block_and_text_after_the_last_one():
    found = (Block("Sixty-first session"), Block("Letter"), Block("(a) The participants recognized a change."),
             Block("Annex"), Block("Region"), Block("Europe"), Block("Africa", page=3))
    assert lines(found) == [
        'x.pdf: letter, block 2 (paragraph): expected "The Conference brought together some 400 participants." '
        'found "(a) The participants recognized a change."',
        'x.pdf: annex, after its last block on page 3: expected nothing found "Africa"']


def test_text_after_the_last_block_of_a_pdf():
    """A PDF's lines that go on after the model's text: the first of them is what was found."""
    found = tuple(Block(block.text, page=1) for block in MODEL) + (Block("Africa", page=3), Block("Asia", page=3))
    assert lines(found, drawn=True) == ['x.pdf: annex, after its last block on page 3: expected nothing found "Africa"']


def test_text_that_ends_early():
    found = (Block("Sixty-first session"), Block("Letter"))
    assert lines(found) == ['x.pdf: letter, block 2 (paragraph): expected "The Conference brought together some 400 '
                            'participants." found nothing']


ARABIC = (Block("وقد نظمت المؤتمر مملكة بلجيكا (انظر A/61/50).", "letter", "paragraph"),)


def test_the_lines_of_a_right_to_left_pdf_are_compared_by_their_characters():
    """A line holds the characters that follow the line before, in the order drawn, brackets mirrored;
    in a right-to-left version, a line without Arabic letters too (its full stop moved)."""
    found = (Block("مملكة بلجيكا وقد نظمت المؤتمر"), Block(").A/61/50 انظر("))
    assert lines(found, drawn=True, rtl=True, model=ARABIC) == []
    drawn_apart = (Block("مملكة بلجيكا وقد نظمت المؤتمر )انظر"), Block(".A/61/50("))
    assert lines(drawn_apart, drawn=True, rtl=True, model=ARABIC) == []
    # the right-to-left flag is what lets a line without Arabic letters be drawn in its own order
    assert lines(drawn_apart, drawn=True, rtl=False, model=ARABIC) != []
    # order between lines still counts: the same characters in other lines are a difference
    swapped = (Block(".A/61/50("), Block("مملكة بلجيكا وقد نظمت المؤتمر )انظر"))
    assert lines(swapped, drawn=True, rtl=True, model=ARABIC) != []


def test_compare_passes_the_versions_direction_to_the_blocks():
    """The version's right-to-left flag reaches the comparison of its PDF's lines."""
    found = facts(Block("مملكة بلجيكا وقد نظمت المؤتمر )انظر"), Block(".A/61/50("), drawn=True)
    assert compare("x.pdf", facts(*ARABIC, rtl=True), found) == []
    assert compare("x.pdf", facts(*ARABIC), found) != []


def test_the_contents_entries_of_a_right_to_left_pdf_are_compared_by_their_characters():
    """A Contents table's entries as a right-to-left PDF draws them, in an order of their own: the
    same characters are the same entry there, and only there."""
    def report(contents: tuple[str, ...], drawn: bool = False) -> Facts:
        return Facts(symbols=(), masthead=(), notes=(), labels=(), job=None, document_title="", rtl=True,
                     contents=contents, drawing_order=drawn)
    model = report(("المحتويات", "أولا - مقدمة 1-2"))
    drawn = ("المحتويات", "2-1 مقدمة - أولا")
    assert compare("x.pdf", model, report(drawn, drawn=True)) == []
    assert [str(m) for m in compare("x.html", model, report(drawn))] == [
        'x.html: Contents entry 1: expected "أولا - مقدمة 1-2" found "2-1 مقدمة - أولا"']


def test_a_long_block_is_shown_around_its_difference():
    words = " ".join(f"word{n}" for n in range(100))
    model = (Block(words, "body", "paragraph"),)
    (line,) = lines((Block(words.replace("word50", "ward50")),), model=model)
    assert line.startswith('x.pdf: body, block 1 (paragraph): expected "…word') and "word50" in line
    assert "ward50" in line and "word0 " not in line and line.count("…") == 4


def test_a_block_the_reader_cannot_decode_is_passed_over_to_the_next():
    found = (Block("Sixty-first session"), Block("Letter"), Block(")Õ)Ö garbled", legible=False),
             Block("(a) The participants recognized a change."), Block("Annex"), Block("Region"), Block("Europe"))
    assert lines(found, drawn=True) == []
    found = found[:3] + (Block("(a) The participants recognized a chance."),) + found[4:]
    assert lines(found, drawn=True) != []


def test_a_reader_of_elements_must_cut_the_blocks_where_the_model_does():
    """The same words in other blocks: two paragraphs given as one, or one given as two."""
    merged = (Block("Sixty-first session"), Block("Letter"),
              Block("The Conference brought together some 400 participants. (a) The participants recognized a change."),
              Block("Annex"), Block("Region"), Block("Europe"))
    assert lines(merged) == [
        'x.pdf: letter, block 2 (paragraph): expected "The Conference brought together some 400 participants." '
        'found "The Conference brought together some 400 participants. (a) The participants recognized a change."']
    split = (Block("Sixty-first session"), Block("Letter"), Block("The Conference brought together"),
             Block("some 400 participants."), Block("(a) The participants recognized a change."),
             Block("Annex"), Block("Region"), Block("Europe"))
    assert lines(split) == [
        'x.pdf: letter, block 2 (paragraph): expected "The Conference brought together some 400 participants." '
        'found "The Conference brought together"']
    # a PDF's lines are pieces of the text: without its structure, the same words in other pieces are the same
    assert lines(merged, drawn=True) == lines(split, drawn=True) == []


def test_a_tagged_pdf_s_elements_must_begin_where_the_model_s_blocks_do():
    """A PDF's lines, each knowing the structure element (P, TD ...) it is drawn in."""
    def pdf(*texts_and_elements, page=1):
        return tuple(Block(text, page=page, element=element) for text, element in texts_and_elements)
    front = (("Sixty-first session", 0), ("Letter", 1))
    annex = (("Annex", 5), ("Region", 6), ("Europe", 7))
    good = pdf(*front, ("The Conference brought together", 2), ("some 400 participants.", 2),
               ("(a) The participants recognized a change.", 3), *annex)
    assert lines(good, drawn=True) == []
    merged = pdf(*front, ("The Conference brought together", 2), ("some 400 participants. (a) The participants", 2),
                 ("recognized a change.", 2), *annex)
    assert lines(merged, drawn=True) == [
        'x.pdf: letter, block 3 (labelled paragraph) on page 1: not a block of its own: expected "(a) The '
        'participants recognized a change." found "The Conference brought together some 400 participants. (a) The '
        'participants recognized a change."']
    merged_at_a_line = pdf(*front, ("The Conference brought together", 2), ("some 400 participants.", 2),
                           ("(a) The participants recognized a change.", 2), *annex)
    assert lines(merged_at_a_line, drawn=True) == lines(merged, drawn=True)
    split = pdf(*front, ("The Conference brought together", 2), ("some 400 participants.", 9),
                ("(a) The participants recognized a change.", 3), *annex)
    assert lines(split, drawn=True) == [
        'x.pdf: letter, block 2 (paragraph) on page 1: cut in two: expected "The Conference brought together some '
        '400 participants." found "some 400 participants."']
    # a paragraph that goes on over a page break is an element on each page
    over_a_page = good[:3] + (Block("some 400 participants.", page=2, element=9),) + good[4:]
    assert lines(over_a_page, drawn=True) == []


def test_text_where_the_model_has_none_is_reported_as_found_under_the_masthead():
    """A version whose model has no text under the masthead (nothing to print) but whose file has."""
    found = (Block("Sixty-first session"), Block("A paragraph nobody wrote."))
    expected = ['x.pdf: text under the masthead: expected nothing found "Sixty-first session A paragraph nobody wrote."']
    assert lines(found, model=()) == expected
    assert lines(found, drawn=True, model=()) == expected
