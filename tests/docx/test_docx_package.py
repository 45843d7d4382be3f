"""The DOCX read back part by part: styles only, real notes and fields, sections, properties, bytes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
import segno

from tests.docx.conftest import FIXTURE, NS, W, build_docx, part
from tests.seed import SEED_CONTENT, missing_from, normalise
from unpress.cli import main
from unpress.read.content import load_document
from unpress.read.docx_numbering import Numbering
from unpress.render import RenderContext
from unpress.render.docx.styles import load_style_set
from unpress.settings import Settings
from unpress.theme import BUILTIN_STYLES, Theme

STORIES = re.compile(r"word/(document|header\d+|footer\d+|footnotes)\.xml")


def version_of(content: Path, lang: str):
    document, _ = load_document(content)
    (version,) = [v for v in document.versions if v.lang == lang]
    return document, version


def plain(nodes) -> str:
    """The text of model inlines as a reader sees it."""
    return "".join(getattr(node, "text", None) or plain(getattr(node, "children", ())) for node in nodes)


def stories(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return {name: part(path, name) for name in archive.namelist() if STORIES.fullmatch(name)}


def style_names(path: Path) -> dict[str, str]:
    return {style.get(f"{W}styleId"): style.find("w:name", NS).get(f"{W}val")
            for style in part(path, "word/styles.xml").iterfind("w:style", NS)}


def paragraph_text(p) -> str:
    """A paragraph's text as read: tabs and line breaks are spaces."""
    return normalise("".join(e.text or "" if e.tag == f"{W}t" else " "
                             for e in p.iter(f"{W}t", f"{W}tab", f"{W}br")))


def text_units(path: Path) -> set[str]:
    """The text of every paragraph of every story (body, headers, footers, notes), with the label
    Word counts for it (numbering.xml), and of each line of a paragraph broken into lines (the
    annex's title block)."""
    units = set()
    numbering = Numbering(part(path, "word/numbering.xml"), part(path, "word/styles.xml"))
    for name, root in stories(path).items():
        for p in root.iter(f"{W}p"):
            label = numbering.label(p) if name == "word/document.xml" else None
            units.add(normalise(f"{label} {paragraph_text(p)}") if label else paragraph_text(p))
            shown = {f"{W}br": "\n", f"{W}tab": " ", f"{W}noBreakHyphen": "-"}  # a title's compound
            units.update(normalise(line) for line in "".join(
                e.text or "" if e.tag == f"{W}t" else shown[e.tag]
                for e in p.iter(f"{W}t", *shown)).split("\n"))
    return units


def test_the_build_names_the_docx_like_the_other_outputs(seed_docx):
    assert seed_docx.name == "A_61_XXX-FR.docx"
    assert seed_docx.parent.name == "A_61_XXX"
    assert docx.Document(seed_docx).paragraphs


def test_the_seed_docx_carries_the_whole_seed_text(seed_docx):
    assert missing_from(text_units(seed_docx)) == []


def test_two_builds_give_the_same_bytes_dated_by_the_document(tmp_path):
    # Two processes with different hash seeds, so that no set or dict order can hide.
    for seed, out in (("1", "one"), ("2", "two")):
        subprocess.run([sys.executable, "-m", "unpress", "build", str(FIXTURE), "--format", "docx",
                        "--out", str(tmp_path / out)], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
    first, second = (tmp_path / out / "A_61_100" / "A_61_100-EN.docx" for out in ("one", "two"))
    assert first.read_bytes() == second.read_bytes()
    document, _ = load_document(FIXTURE)
    moment = RenderContext(document, Theme(), Settings()).timestamp
    with zipfile.ZipFile(first) as archive:
        entries = archive.infolist()
    assert entries[0].filename == "[Content_Types].xml"
    assert {entry.date_time for entry in entries} == {moment.timetuple()[:6]}


@pytest.mark.parametrize("which", ["seed_docx", "fixture_docx", "every_block_docx", "arabic_docx"])
def test_every_paragraph_has_an_unpress_style_and_no_formatting_of_its_own(which, request):
    path = request.getfixturevalue(which)
    ours = load_style_set(Theme(), "letter").styles
    body = docx.Document(path)
    cells = [p for table in body.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    for paragraph in body.paragraphs + cells:
        assert paragraph.style.name.lower() in ours or paragraph.style.name in ours, paragraph.text
    names = style_names(path)
    for name, root in stories(path).items():
        for ppr in root.iter(f"{W}pPr"):
            style = names[ppr.find("w:pStyle", NS).get(f"{W}val")]
            # One exception, as Word itself makes it when an editor takes the number off a list
            # item: a list item's later paragraph, unnumbered, keeps the indent of the item's text.
            continued = style == "UN List Paragraph" and ppr.find("w:numPr", NS) is None
            assert {child.tag for child in ppr} <= {f"{W}pStyle", f"{W}numPr", *([f"{W}ind"] if continued else [])}, name
            assert style in ours, name
        for rpr in root.iter(f"{W}rPr"):
            # w:rtl is the direction of right-to-left text (tests/languages), not formatting.
            assert [child.tag for child in rpr if child.tag != f"{W}rtl"] in ([f"{W}rStyle"], []), name
            assert len(rpr), name


# Word refuses a file whose property elements are out of the schema's order (LibreOffice and
# python-docx do not mind): the order of the children unpress writes, from ECMA-376 part 1.
SCHEMA_ORDER = {
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "numPr", "pBdr", "tabs", "autoSpaceDE",
            "autoSpaceDN", "bidi",
            "spacing", "ind", "jc", "outlineLvl", "rPr"],
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "sz", "szCs", "vertAlign", "rtl", "lang"],
    "tcPr": ["tcW", "gridSpan", "vMerge", "tcBorders", "vAlign"],
    "tblPr": ["tblStyle", "bidiVisual", "tblW", "tblInd", "tblBorders", "tblLayout", "tblCellMar", "tblLook"],
    "sectPr": ["headerReference|footerReference", "pgSz", "pgMar", "titlePg", "bidi"],
    "style": ["name", "basedOn", "next", "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "pPr",
              "rPr", "tblPr"],
    # numbering.xml: the abstract numberings before the numberings that use them.
    "numbering": ["abstractNum", "num"],
    "abstractNum": ["nsid", "multiLevelType", "tmpl", "name", "styleLink", "numStyleLink", "lvl"],
    "lvl": ["start", "numFmt", "lvlRestart", "pStyle", "isLgl", "suff", "lvlText", "lvlPicBulletId", "legacy",
            "lvlJc", "pPr", "rPr"],
    "num": ["abstractNumId", "lvlOverride"],
    "lvlOverride": ["startOverride", "lvl"],
}


@pytest.mark.parametrize("which", ["fixture_docx", "every_block_docx", "arabic_docx"])
def test_properties_are_in_the_order_word_requires(which, request):
    path = request.getfixturevalue(which)
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
    for name in names:
        for tag, order in SCHEMA_ORDER.items():
            rank = {child: index for index, children in enumerate(order) for child in children.split("|")}
            for element in part(path, name).iter(f"{W}{tag}"):
                found = [child.tag.replace(W, "") for child in element]
                assert all(child in rank for child in found), (name, tag, found)
                assert [rank[c] for c in found] == sorted(rank[c] for c in found), (name, tag, found)


def test_the_notes_are_word_footnotes_numbered_by_word_but_the_agenda_note(fixture_docx):
    _, version = version_of(FIXTURE, "en")
    notes = part(fixture_docx, "word/footnotes.xml").findall("w:footnote", NS)
    assert [(n.get(f"{W}id"), n.get(f"{W}type")) for n in notes[:2]] == [
        ("-1", "separator"), ("0", "continuationSeparator")]
    assert notes[0].find(".//w:separator", NS) is not None
    assert notes[1].find(".//w:continuationSeparator", NS) is not None
    settings = part(fixture_docx, "word/settings.xml")
    assert [n.get(f"{W}id") for n in settings.iterfind("w:footnotePr/w:footnote", NS)] == ["-1", "0"]

    def text(note) -> str:
        runs = [r for r in note.iter(f"{W}r") if r.find("w:rPr/w:rStyle", NS) is None]
        return "".join(t.text for r in runs for t in r.iter(f"{W}t")).strip()

    assert [text(note) for note in notes[2:]] == [plain(note.children) for note in version.notes]
    references = part(fixture_docx, "word/document.xml").findall(".//w:footnoteReference", NS)
    assert [r.get(f"{W}id") for r in references] == [n.get(f"{W}id") for n in notes[2:]]
    # The agenda note keeps its typed "*"; the others get Word's own numbers (no typed mark).
    custom = [r.get(f"{W}customMarkFollows") == "1" for r in references]
    assert custom == [not note.mark.isdigit() for note in version.notes] == [True, False, False, False]
    assert references[0].getnext().text == "*"
    assert all(n.find(".//w:footnoteRef", NS) is not None for n in notes[3:])


def test_a_note_referred_to_twice_is_one_note_and_a_noteref_field(every_block_docx):
    body = part(every_block_docx, "word/document.xml")
    assert len(body.findall(".//w:footnoteReference", NS)) == 1
    bookmark = body.find(".//w:bookmarkStart", NS)
    assert bookmark.getnext().find("w:footnoteReference", NS) is not None
    instructions = [t.text for t in body.iter(f"{W}instrText")]
    assert instructions == [f" NOTEREF {bookmark.get(f'{W}name')} \\f \\h "]


def test_links_lists_quotes_and_code_have_their_styles(every_block_docx):
    names = style_names(every_block_docx)
    used = {names[s.get(f"{W}val")] for s in part(every_block_docx, "word/document.xml").iter(
        f"{W}rStyle", f"{W}pStyle")}
    assert {"UN Emphasis", "UN Strong", "UN Strong Emphasis", "UN Code", "UN Quote",
            "UN Code Block", "UN List Paragraph", "heading 3"} <= used
    # A link's text is styled as the text around it (links print as text, as in the PDF).
    link = part(every_block_docx, "word/document.xml").find(".//w:hyperlink", NS)
    assert [r.find("w:rPr/w:rStyle", NS) for r in link.iterfind("w:r", NS)] == [None]
    with zipfile.ZipFile(every_block_docx) as archive:
        rels = {name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".rels")}
    assert 'Target="https://www.un.org/" TargetMode="External"' in rels["word/_rels/document.xml.rels"]
    assert 'Target="https://undocs.org/" TargetMode="External"' in rels["word/_rels/footnotes.xml.rels"]
    numbering = part(every_block_docx, "word/numbering.xml")
    formats = [a.find("w:lvl/w:numFmt", NS).get(f"{W}val") for a in numbering.iterfind("w:abstractNum", NS)]
    # Bullets, ordered lists, then the lettered and numbered paragraphs' own (tests/docx/test_docx_numbering.py).
    assert formats == ["bullet", "decimal", "lowerLetter", "decimal"]
    # The nested ordered list is its own numbering, starting at 1 on its level.
    override = numbering.find("w:num/w:lvlOverride[@w:ilvl='1']", NS)
    assert (override.get(f"{W}ilvl"), override.find("w:startOverride", NS).get(f"{W}val")) == ("1", "1")


def test_an_items_later_paragraph_is_set_in_with_its_text_and_not_numbered(every_block_docx):
    """As Word's "List Continue": in the list's style, at the indent of the item's level, with no
    number, so that Word shows it inside the item and import reads it back into the item."""
    body = part(every_block_docx, "word/document.xml")
    (continued,) = [p for p in body.iter(f"{W}p") if "".join(p.itertext()).startswith("The second bullet's")]
    assert style_names(every_block_docx)[continued.find("w:pPr/w:pStyle", NS).get(f"{W}val")] == "UN List Paragraph"
    assert continued.find("w:pPr/w:numPr", NS) is None
    second_bullet = next(p for p in body.iter(f"{W}p") if "".join(p.itertext()) == "another bullet")
    num_id = second_bullet.find("w:pPr/w:numPr/w:numId", NS).get(f"{W}val")
    numbering = part(every_block_docx, "word/numbering.xml")
    abstract = numbering.find(f"w:num[@w:numId='{num_id}']/w:abstractNumId", NS).get(f"{W}val")
    level_0 = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='0']/w:pPr/w:ind", NS)
    assert continued.find("w:pPr/w:ind", NS).get(f"{W}left") == level_0.get(f"{W}left")


def test_the_first_page_has_the_masthead_and_later_pages_the_symbol_outside(fixture_docx):
    section = docx.Document(fixture_docx).sections[0]
    assert section.different_first_page_header_footer
    assert docx.Document(fixture_docx).settings.odd_and_even_pages_header_footer
    masthead = [p.text for cell in section.first_page_header.tables[0]._cells for p in cell.paragraphs]
    assert {"United Nations", "A/61/100", "General Assembly", "Distr.: General", "15 June 2006",
            "Original: English"} <= set(masthead)
    # Word lays a table out by its cells' widths: each row spans the text width (6.5 in). Without
    # an emblem (unpress ships none) the organ's cell takes the emblem's: no empty cell.
    assert masthead_widths(fixture_docx) == [[4212, 5148], [6552, 2808]]
    for header, style in ((section.header, "UN Header Odd"), (section.even_page_header, "UN Header Even")):
        (paragraph,) = header.paragraphs
        assert (paragraph.text, paragraph.style.name) == ("A/61/100", style)
    assert [p.text for p in section.first_page_footer.paragraphs] == ["06-39949 (E) 280806", "\t"]
    for footer in (section.footer, section.even_page_footer):
        assert "06-39949" in footer.paragraphs[0].text
        assert [t.text for t in footer._element.iter(f"{W}instrText")] == [" PAGE "]


def test_the_codes_are_pictures_with_what_they_hold_as_alternative_text(fixture_docx, seed_docx):
    footer = docx.Document(fixture_docx).sections[0].first_page_footer._element
    pictures = footer.findall(".//{*}docPr")
    assert [p.get("descr") for p in pictures] == ["*0639949*", "https://undocs.org/en/A/61/100"]
    assert docx.Document(seed_docx).sections[0].first_page_footer._element.findall(".//{*}docPr") == []


@pytest.mark.parametrize(("paper", "size"), [("letter", (12240, 15840)), ("a4", (11906, 16838))])
def test_the_page_size_follows_the_paper_setting(paper, size, tmp_path):
    path = build_docx(FIXTURE, tmp_path, "--paper", paper)
    size_element = part(path, "word/document.xml").find(".//w:sectPr/w:pgSz", NS)
    assert (int(size_element.get(f"{W}w")), int(size_element.get(f"{W}h"))) == size


def test_the_properties_name_the_title_symbol_language_and_date(seed_docx):
    document, version = version_of(SEED_CONTENT, "fr")
    properties = docx.Document(seed_docx).core_properties
    assert properties.title == version.document_title
    assert properties.subject == properties.identifier == "A/61/XXX"
    assert properties.language == "fr-FR"
    moment = RenderContext(document, Theme(), Settings()).timestamp
    assert properties.created == properties.modified == moment
    assert properties.author == "Nations Unies"


def test_the_styles_carry_the_language_and_its_direction(seed_docx, arabic_docx):
    def lang(path, xpath):
        return dict(part(path, "word/styles.xml").find(xpath, NS).attrib)

    assert lang(seed_docx, "w:docDefaults//w:lang") == {f"{W}val": "fr-FR"}
    assert part(seed_docx, "word/styles.xml").find("w:docDefaults//w:bidi", NS) is None
    assert lang(arabic_docx, "w:docDefaults//w:lang") == {f"{W}val": "ar-SA", f"{W}bidi": "ar-SA"}
    assert part(arabic_docx, "word/styles.xml").find("w:docDefaults//w:bidi", NS) is not None
    # The Arabic version's distribution block is English, left to right.
    distribution = "w:style[@w:styleId='UNDistribution']"
    assert lang(arabic_docx, f"{distribution}//w:lang") == {f"{W}val": "en-GB"}
    assert lang(arabic_docx, f"{distribution}//w:bidi") == {f"{W}val": "0"}
    header = docx.Document(arabic_docx).sections[0].first_page_header._element
    assert header.find(".//w:tblPr/w:bidiVisual", NS) is not None


def masthead_widths(path: Path) -> list[list[int]]:
    rows = docx.Document(path).sections[0].first_page_header.tables[0]._tbl.tr_lst
    return [[int(tc.tcPr.tcW.get(f"{W}w")) for tc in tr.tc_lst] for tr in rows]


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_the_emblem_is_a_decorative_picture_in_its_cell_an_svg_one_with_a_png_beside_it(tmp_path, kind):
    emblem = tmp_path / f"emblem.{kind}"
    segno.make("emblem").save(emblem, scale=4)
    path = build_docx(FIXTURE, tmp_path / kind, "--emblem", str(emblem))
    with zipfile.ZipFile(path) as archive:
        ids = [d.get("id") for name in archive.namelist() if name.startswith("word/h") or name.startswith("word/f")
               for d in part(path, name).iter("{*}docPr")]
        media = sorted(name.rsplit(".", 1)[1] for name in archive.namelist() if name.startswith("word/media/"))
    assert sorted(ids) == ["1", "2", "3"]  # unique in the whole document, as Word wants
    assert media == (["png", "png", "png"] if kind == "png" else ["png", "png", "png", "svg"])
    header = docx.Document(path).sections[0].first_page_header
    (slot,) = [cell for cell in header.tables[0].row_cells(1) if cell.paragraphs[0].style.name == "UN Emblem"]
    (picture,) = slot._tc.findall(".//{*}docPr")
    assert picture.get("descr") == ""
    assert picture.find(".//{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative").get("val") == "1"
    svg_blips = slot._tc.findall(".//{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip")
    assert len(svg_blips) == (1 if kind == "svg" else 0)
    assert masthead_widths(path)[1][0] == 850  # the emblem's cell is the emblem's size (1.5 cm)


def custom_styles(tmp_path: Path, edit) -> Path:
    folder = tmp_path / "my-styles"
    folder.mkdir()
    text = (BUILTIN_STYLES / "docx-styles.yaml").read_text(encoding="utf-8")
    (folder / "docx-styles.yaml").write_text(edit(text), encoding="utf-8")
    return folder


def test_a_style_file_in_the_users_folder_restyles_the_document(tmp_path):
    folder = custom_styles(tmp_path, lambda text: text.replace(
        "  UN Body Text:\n", "  UN Body Text:\n    size: 12pt\n    italic: true\n"))
    path = build_docx(FIXTURE, tmp_path / "out", "--styles", str(folder))
    body = part(path, "word/styles.xml").find("w:style[@w:styleId='UNBodyText']/w:rPr", NS)
    assert body.find("w:sz", NS).get(f"{W}val") == "24"
    assert body.find("w:i", NS).get(f"{W}val") == "1"


def test_a_broken_style_file_is_reported_line_by_line(tmp_path, capsys):
    folder = custom_styles(tmp_path, lambda text: text.replace("  UN Title:\n", "  UN Titel:\n")
                           .replace("size: $size_note", "size: $size_notes").replace("bold: true", "bold: yes", 1)
                           .replace("  UN Quote:\n", "  UN Body-Text: {}\n  UN Quote:\n"))
    assert main(["build", str(FIXTURE), "--format", "docx", "--out", str(tmp_path / "out"),
                 "--styles", str(folder)]) == 1
    errors = capsys.readouterr().err
    assert 'paragraph: the paragraph style "UN Title" is missing: unpress uses it [docx-style]' in errors
    assert re.search(r"docx-styles\.yaml:\d+: paragraph\.footnote text\.size: there is no token "
                     r'\$size_notes in tokens\.yaml \(did you mean "size_note"\?\)', errors)
    assert re.search(r'docx-styles\.yaml:\d+: paragraph\.UN Wordmark\.bold: "yes" is not true or false', errors)
    assert re.search(r'docx-styles\.yaml:\d+: paragraph\.UN Body-Text: Word would give "UN Body-Text" and '
                     r'"UN Body Text" one id, "UNBodyText"', errors)
    assert not (tmp_path / "out").exists()


def test_page_tokens_missing_or_wrong_are_reported_in_the_tokens_file(tmp_path, capsys):
    folder = tmp_path / "my-styles"
    folder.mkdir()
    tokens = (BUILTIN_STYLES / "tokens.yaml").read_text(encoding="utf-8")
    tokens = re.sub(r"(?m)^margin_top:.*\n", "", tokens).replace("page_a4: 210mm 297mm", "page_a4: 210mm")
    (folder / "tokens.yaml").write_text(tokens, encoding="utf-8")
    assert main(["build", str(FIXTURE), "--format", "docx", "--out", str(tmp_path / "out"),
                 "--styles", str(folder), "--paper", "a4"]) == 1
    errors = capsys.readouterr().err
    assert "my-styles/tokens.yaml: margin_top: there is no token $margin_top in tokens.yaml" in errors
    assert 'my-styles/tokens.yaml: page_a4: "210mm" is not a page size' in errors


def test_lengths_add_tokens_halve_them_and_take_percentages_of_the_text_width(tmp_path):
    folder = custom_styles(tmp_path, lambda text: text.replace(
        "  UN Body Text:\n", "  UN Body Text:\n    indent_right: 50% - $text_indent / 2\n"))
    path = build_docx(FIXTURE, tmp_path / "out", "--styles", str(folder))
    indent = part(path, "word/styles.xml").find("w:style[@w:styleId='UNBodyText']/w:pPr/w:ind", NS)
    # Letter paper less two 1 in margins is 6.5 in (9360 twips); 1.25 cm is 709 twips.
    assert (indent.get(f"{W}left"), indent.get(f"{W}right")) == ("709", str(round(9360 / 2 - 709 / 2)))



# --- the shapes of documents (tests/shapes) ------------------------------------------------------

SHAPES = SEED_CONTENT.parents[1] / "tests" / "shapes"


@pytest.fixture(scope="module")
def shapes(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shapes")
    assert main(["build", str(SHAPES), "--format", "docx", "--out", str(out), "--draft"]) == 0
    return out


def body_lines(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of each paragraph of the body, in order."""
    names = style_names(path)
    return [(names[p.find("w:pPr/w:pStyle", NS).get(f"{W}val")], paragraph_text(p))
            for p in part(path, "word/document.xml").iter(f"{W}p")]


def test_a_reissue_marks_the_symbol_and_gives_its_note_in_the_first_footer(shapes):
    path = shapes / "A_65_L.78" / "A_65_L.78-EN.docx"
    section = docx.Document(path).sections[0]
    symbol = section.first_page_header.tables[0].rows[0].cells[-1].paragraphs[0]
    assert [(run.text, run.style.name) for run in symbol.runs] == [
        ("A/65/L.78", "Default Paragraph Font"), ("*", "footnote reference")]
    note = section.first_page_footer.paragraphs[0]
    assert (note.style.name, note.text) == ("footnote text", "*\tReissued for technical reasons on 16 June 2011.")
    # Word allows no notes in headers: that one is not in footnotes.xml, the agenda note ("**") is.
    notes = part(path, "word/footnotes.xml").findall("w:footnote", NS)[2:]
    assert [paragraph_text(n.find("w:p", NS)) for n in notes] == ["** A/65/251."]


def test_a_joint_document_names_both_organs_and_the_councils_year(shapes):
    path = shapes / "A_61_872" / "A_61_872-EN.docx"
    masthead = docx.Document(path).sections[0].first_page_header.tables[0]
    assert [p.text for p in masthead.rows[1].cells[1].paragraphs] == ["General Assembly", "Security Council"]
    assert masthead.rows[0].cells[-1].paragraphs[0].text == "A/61/872–S/2006/300"
    assert ("UN Session", "Sixty-first year") in body_lines(path)


def test_numbered_annexes_carry_their_label_over_the_heading_on_a_new_page(shapes):
    lines = body_lines(shapes / "A_61_250" / "A_61_250-EN.docx")
    headings = [text for style, text in lines if style == "UN Annex Heading"]
    assert headings == ["Annex I", "Annex II", "Enclosure to annex II"]
    _, annex = load_style_set(Theme(), "letter").styles["UN Annex Heading"]
    assert annex["page_break_before"] is True


def test_a_corrigendum_says_so_under_the_title(shapes):
    lines = body_lines(shapes / "A_61_100_Corr.1" / "A_61_100_Corr.1-EN.docx")
    title = [style for style, _ in lines].index("UN Title")
    assert lines[title + 1] == ("UN Kind", "Corrigendum")


def test_the_draft_mark_heads_every_page(shapes):
    section = docx.Document(shapes / "A_61_250" / "A_61_250-EN.docx").sections[0]
    for header in (section.first_page_header, section.header, section.even_page_header):
        first = header.paragraphs[0]
        assert (first.style.name, first.text) == ("UN Draft Mark", "Advance unedited version")
