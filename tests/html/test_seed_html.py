"""The seed's HTML carries every paragraph of the seed, its labels in order and its note."""

from __future__ import annotations

import copy

import lxml.html
import pytest

from tests.seed import SEED_CONTENT, lettered_labels, missing_from, normalise
from unpress.cli import main


@pytest.fixture(scope="module")
def seed_html(tmp_path_factory) -> lxml.html.HtmlElement:
    out = tmp_path_factory.mktemp("dist")
    assert main(["build", str(SEED_CONTENT), "--format", "html", "--lang", "fr", "--out", str(out)]) == 0
    return lxml.html.fromstring((out / "A_61_XXX" / "A_61_XXX-FR.html").read_bytes())


def text_units(root: lxml.html.HtmlElement) -> set[str]:
    """The text of every block element, whole and line by line (<br> ends a line)."""
    root = copy.deepcopy(root)
    for link in root.cssselect("a.backlink"):  # the "back to the text" arrow is not text of the seed
        link.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    units = set()
    for element in root.cssselect("p, h1, h2, h3, h4, h5, h6"):
        text = element.text_content()
        units.add(normalise(text))
        units.update(normalise(line) for line in text.split("\n"))
    return units


def test_every_seed_paragraph_is_in_the_html(seed_html):
    assert missing_from(text_units(seed_html)) == []


def test_the_lettered_paragraphs_are_in_order_with_their_labels_as_text(seed_html):
    labels = [normalise(span.text_content()) for span in seed_html.cssselect("p.lettered > span.label")]
    assert labels == lettered_labels()
    assert labels[0] == "a)" and labels[-1] == "t)"


def test_the_asterisk_note_is_linked_both_ways(seed_html):
    (ref,) = seed_html.cssselect("p.agenda a[role=doc-noteref]")
    assert ref.text_content() == "*"
    note = seed_html.get_element_by_id(ref.get("href")[1:])
    assert note.get("role") == "doc-footnote"
    assert normalise(note.cssselect(".note-mark")[0].text_content()) == "*"
    assert "A/61/50 et Corr.1." in normalise(note.text_content())
    (back,) = note.cssselect("a[role=doc-backlink]")
    assert back.get("href") == f"#{ref.get('id')}"


def test_the_page_names_its_language_symbol_and_title(seed_html):
    assert seed_html.get("lang") == "fr" and seed_html.get("dir") == "ltr"
    title = normalise(seed_html.findtext(".//title"))
    assert title == "A/61/XXX: Mondialisation et interdépendance : migrations internationales et développement"
    assert [e.tag for e in seed_html.cssselect("header, main")] == ["header", "main"]
    assert len(seed_html.cssselect("h1")) == 1


def test_french_typography_uses_no_break_spaces_only_where_a_space_was_typed(seed_html):
    title = seed_html.cssselect("h1.title")[0].text_content()
    assert "interdépendance\u00a0: migrations" in title
    text = seed_html.text_content()
    assert "«\u00a0La cohérence commence au niveau national\u00a0»" in text
    assert "dégagent; elles" in text  # no space typed before ";", none added
    assert "Original: anglais" in text


def test_the_headings_form_an_outline_without_skipped_levels(seed_html):
    levels = [int(h.tag[1]) for h in seed_html.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:]))
