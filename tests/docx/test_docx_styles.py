"""The style set as an editor meets it: the gallery holds the styles an editor applies, the internal
ones are hidden, no two styles are the same, headings are Word's with their outline levels."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.clients import programs
from tests.clients.programs import require
from tests.docx.conftest import NS, W, part
from tests.docx.test_docx_package import version_of
from tests.seed import SEED_CONTENT
from unpress.model import Heading, walk

EDITORS = {"heading 1", "UN Annex Heading", "heading 2", "heading 3", "UN Body Text", "UN Preambular Paragraph", "UN Lettered Paragraph", "UN Subparagraph",
           "UN Numbered Paragraph", "UN List Paragraph", "UN Quote", "UN Signature", "UN Emphasis", "UN Strong"}
INTERNAL = {"UN Wordmark", "UN Symbol", "UN Emblem", "UN Organ", "UN Distribution", "UN Masthead End",
            "UN Draft Mark", "UN Header Odd", "UN Header Even", "UN Footer Odd", "UN Footer Even", "UN Job Number",
            "UN Codes", "UN Page Number", "UN Masthead", "footnote text", "footnote reference"}


def styles_of(docx) -> dict[str, object]:
    return {style.find("w:name", NS).get(f"{W}val"): style
            for style in part(docx, "word/styles.xml").iterfind("w:style", NS)}


def test_the_gallery_holds_the_styles_an_editor_applies(seed_docx):
    styles = styles_of(seed_docx)
    assert {name for name, style in styles.items() if style.find("w:qFormat", NS) is not None} == EDITORS


def test_internal_styles_are_hidden_and_an_editors_are_not(seed_docx):
    styles = styles_of(seed_docx)
    hidden = {name for name, style in styles.items() if style.find("w:semiHidden", NS) is not None}
    assert INTERNAL <= hidden
    assert not hidden & EDITORS
    # Word's own defaults, which unpress writes because Word needs them, are hidden as Word hides them.
    assert {"Default Paragraph Font", "Normal Table"} <= hidden


def effective(styles: dict, name: str) -> tuple:
    """What a style sets, with what it inherits: its properties' XML, the nearest definition of each
    property winning, as Word resolves them."""
    found: dict[str, bytes] = {}
    by_id = {style.get(f"{W}styleId"): style for style in styles.values()}
    style = styles[name]
    while style is not None:
        for group in ("w:pPr", "w:rPr", "w:tblPr"):
            for child in style.findall(f"{group}/*", NS):
                found.setdefault(f"{group}/{child.tag}", etree.tostring(child))
        based = style.find("w:basedOn", NS)
        style = by_id.get(based.get(f"{W}val")) if based is not None else None
    return styles[name].get(f"{W}type"), tuple(sorted((key, str(value)) for key, value in found.items()))


@pytest.mark.parametrize("which", ["seed_docx", "arabic_docx", "fixture_docx"])
def test_no_two_styles_are_the_same(which, request):
    styles = styles_of(request.getfixturevalue(which))
    seen: dict[tuple, str] = {}
    same = []
    for name in styles:
        key = effective(styles, name)
        if key in seen:
            same.append((seen[key], name))
        seen.setdefault(key, name)
    assert same == []


def test_headings_are_words_at_outline_levels_one_to_four(seed_docx):
    styles = styles_of(seed_docx)
    levels = {}
    for name in ("heading 1", "UN Annex Heading", "heading 2", "heading 3", "heading 4"):
        style, by_id = styles[name], {s.get(f"{W}styleId"): s for s in styles.values()}
        while style.find("w:pPr/w:outlineLvl", NS) is None:  # inherited, as the annex heading's
            style = by_id[style.find("w:basedOn", NS).get(f"{W}val")]
        levels[name] = int(style.find("w:pPr/w:outlineLvl", NS).get(f"{W}val")) + 1  # Word counts from 0
    assert levels == {"heading 1": 1, "UN Annex Heading": 1, "heading 2": 2, "heading 3": 3, "heading 4": 4}
    assert [styles[f"heading {n}"].get(f"{W}styleId") for n in (1, 2, 3)] == ["Heading1", "Heading2", "Heading3"]
    # Nothing else is in the outline: a table of contents holds the headings alone.
    outlined = {name for name, style in styles.items() if style.find("w:pPr/w:outlineLvl", NS) is not None}
    assert outlined == {"heading 1", "heading 2", "heading 3", "heading 4"}


def test_the_job_line_and_the_running_job_number_are_in_the_notes_size_as_in_the_pdf(fixture_docx):
    styles = styles_of(fixture_docx)
    for name in ("UN Job Number", "UN Footer Odd", "UN Footer Even"):
        assert styles[name].find("w:rPr/w:sz", NS).get(f"{W}val") == "16", name  # 8 pt, tokens' size_note
    assert styles["UN Page Number"].find("w:rPr/w:sz", NS).get(f"{W}val") == "20"  # the page number 10 pt


def pandoc_headings(ast) -> list[tuple[int, str]]:
    from tests.docx.test_docx_clients import pandoc_text
    return [(block["c"][0], pandoc_text(block["c"][2])) for block in ast["blocks"] if block["t"] == "Header"]


@pytest.mark.client
def test_pandoc_sees_the_part_and_section_headings_at_their_levels(seed_docx):
    require("pandoc")
    _, version = version_of(SEED_CONTENT, "fr")
    expected = []
    for part_ in version.parts:
        if part_.heading:
            expected.append(1)
        expected += [node.level + 1 for node in walk(part_.blocks) if isinstance(node, Heading)]
    assert [level for level, _ in pandoc_headings(programs.pandoc_json(seed_docx))] == expected
    assert expected[:3] == [1, 1, 2]  # the letter's heading, the annex's, its first section
