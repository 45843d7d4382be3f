"""`unpress check` reads a DOCX's XML and catches each kind of damage done to its parts."""

from __future__ import annotations

import copy
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.check.damage import check, rewrite_part
from unpress.check import read_docx
from unpress.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@pytest.fixture
def built(tmp_path) -> Path:
    shutil.copytree(FIXTURES / "A_61_100", tmp_path / "content" / "A_61_100")
    out = tmp_path / "dist"
    assert main(["build", str(tmp_path / "content"), "--format", "docx", "--out", str(out)]) == 0
    return out


def story_part(docx: Path, story: str, kind: str) -> str:
    """The part of the section's "header" or "footer" of a kind: "first", "default" (odd), "even"."""
    with zipfile.ZipFile(docx) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    rid = document.find(f".//{W}{story}Reference[@{W}type='{kind}']").get(R_ID)
    return "word/" + rels.find(f"*[@Id='{rid}']").get("Target")


def test_a_fresh_build_passes(built, capsys):
    assert check(built, capsys) == (0, [])


# The part (a header or footer by its type, or a part's name), what is changed in it, and the line
# `check` must print.
DAMAGE = {
    "symbol in the even pages' header": (
        ("header", "even"), ">A/61/100<", ">A/61/101<",
        'running header of even pages ({part}): expected "A/61/100" found "A/61/101"'),
    "symbol in the odd pages' header": (
        ("header", "default"), ">A/61/100<", "><",
        'running header of odd pages ({part}): expected "A/61/100" found nothing'),
    "symbol in the masthead": (
        ("header", "first"), ">A/61/100<", ">A/61/101<",
        'symbol(s) in the masthead: expected ["A/61/100"] found ["A/61/101"]'),
    "date": (
        ("header", "first"), ">15 June 2006<", ">16 June 2006<",
        'distribution block: expected ["Distr.: General", "15 June 2006", "Original: English"] '
        'found ["Distr.: General", "16 June 2006", "Original: English"]'),
    "dropped footnote": (
        "word/footnotes.xml", r'<w:footnote w:id="4">.*?</w:footnote>', "",
        "number of footnotes: expected 4 found 3"),
    "footnote text": (
        "word/footnotes.xml", "hosted the Conference.", "hosted a conference.",
        'footnote 3: expected "3 The Egmont Palace hosted the Conference." '
        'found "3 The Egmont Palace hosted a conference."'),
    "asterisk note": (
        "word/footnotes.xml", "A/61/50 and Corr.1.", "A/61/51 and Corr.1.",
        'footnote *: expected "* A/61/50 and Corr.1." found "* A/61/51 and Corr.1."'),
    # Word counts the labels (numbering.xml): a label's form, and where a run of labels starts.
    "label": (
        "word/numbering.xml", r'<w:lvlText w:val="\(%1\)"/>', '<w:lvlText w:val="%1)"/>',
        'paragraph labels: expected ["1.", "2.", "(a)", "(b)"] found ["1.", "2.", "a)", "b)"]'),
    "label start": (
        "word/numbering.xml", r'<w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>',
        '<w:startOverride w:val="2"/></w:lvlOverride></w:num></w:numbering>',
        'paragraph labels: expected ["1.", "2.", "(a)", "(b)"] found ["1.", "2.", "(b)", "(c)"]'),
    "agenda": (
        "word/document.xml", "of the preliminary list</w:t>", "of the provisional agenda</w:t>",
        'front, block 2 (agenda line): expected "Item 54 (b) of the preliminary list*" '
        'found "Item 54 (b) of the provisional agenda*"'),
    "title": (
        "word/document.xml", "international migration and development</w:t>", "international migration</w:t>",
        'front, block 3 (title): expected "Globalization and interdependence: international migration and '
        'development" found "Globalization and interdependence: international migration"'),
    "session": (
        "word/document.xml", ">Sixty-first session<", ">Sixty-second session<",
        'front, block 1 (session line): expected "Sixty-first session" found "Sixty-second session"'),
    "job number": (
        ("footer", "first"), r"06-39949 \(E\) 280806", "06-39948 (E) 280806",
        'job number line: expected "06-39949 (E) 280806" found "06-39948 (E) 280806"'),
    "document title": (
        "docProps/core.xml", "A/61/100: Globalization", "A/61/101: Globalization",
        "document title in the file's properties: expected \"A/61/100: Globalization"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_each_kind_of_damage_is_caught(built, capsys, kind):
    where, old, new, message = DAMAGE[kind]
    docx = built / "A_61_100" / "A_61_100-EN.docx"
    if isinstance(where, tuple):
        where = story_part(docx, *where)
    rewrite_part(docx, where, old, new)
    status, lines = check(built, capsys)
    assert status == 1
    assert any(line.startswith(f"{docx}: sha256: expected") for line in lines)  # the manifest saw it too
    assert f"{docx}: {message.format(part=where)}" in "\n".join(lines), lines
    assert all(line.startswith(str(docx)) for line in lines)


def test_a_section_without_its_running_header(built, capsys):
    docx = built / "A_61_100" / "A_61_100-EN.docx"
    rewrite_part(docx, "word/document.xml", r'<w:headerReference w:type="even" r:id="\w+"/>', "")
    status, lines = check(built, capsys)
    assert status == 1
    assert f'{docx}: running header of even pages (none): expected "A/61/100" found nothing' in lines


def test_a_damaged_package_is_reported_as_unreadable(built, capsys):
    docx = built / "A_61_100" / "A_61_100-EN.docx"
    docx.write_bytes(docx.read_bytes()[:1000])
    status, lines = check(built, capsys)
    assert status == 1
    assert lines[1].startswith(f"{docx}: cannot be read as DOCX: PackageError('not a DOCX (a zip package)") and len(lines) == 2


@pytest.mark.parametrize("setting, part, message", [
    ("<w:titlePg/>", "word/document.xml", 'symbol(s) in the masthead: expected ["A/61/100"] found []'),
    ("<w:evenAndOddHeaders/>", "word/settings.xml", "running header of even pages ({part}): "),
])
def test_headers_word_would_not_show_are_not_read(built, capsys, setting, part, message):
    """Without titlePg Word shows no first-page header (no masthead); without evenAndOddHeaders it
    shows the odd pages' header on even pages too."""
    docx = built / "A_61_100" / "A_61_100-EN.docx"
    odd = story_part(docx, "header", "default")
    rewrite_part(docx, odd, ">A/61/100<", ">A/61/101<")
    rewrite_part(docx, part, setting, "")
    status, lines = check(built, capsys)
    assert status == 1
    assert f"{docx}: {message.format(part=odd)}" in "\n".join(lines), lines


def add_sections(docx: Path, symbol: str) -> tuple[str, str]:
    """Three sections: the first with the running headers as built; the second without an odd
    pages' header of its own (it keeps the first's) but with an even pages' header of its own
    showing `symbol`; the last with an odd pages' header of its own showing `symbol`. Returns the
    names of these two parts."""
    even, odd = story_part(docx, "header", "even"), story_part(docx, "header", "default")
    with zipfile.ZipFile(docx) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    document = etree.fromstring(parts["word/document.xml"])
    body = document.find(f"{W}body")
    last = body.find(f"{W}sectPr")
    first, middle = copy.deepcopy(last), copy.deepcopy(last)
    for reference in middle.findall(f"{W}headerReference") + middle.findall(f"{W}footerReference"):
        if reference.get(f"{W}type") != "even" or reference.tag != f"{W}headerReference":
            middle.remove(reference)
    middle.find(f"{W}headerReference").set(R_ID, "rIdMiddleSection")
    last.find(f"{W}headerReference[@{W}type='default']").set(R_ID, "rIdLastSection")
    for index, section in enumerate((first, middle)):  # a section ends with the paragraph that holds it
        p = etree.Element(f"{W}p")
        etree.SubElement(p, f"{W}pPr").append(section)
        body.insert(index, p)
    parts["word/document.xml"] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    for rid, target in (("rIdMiddleSection", "header-middle.xml"), ("rIdLastSection", "header-last.xml")):
        etree.SubElement(rels, f"{{{rels.nsmap[None]}}}Relationship", Id=rid, Target=target,
                         Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header")
    parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    parts["word/header-middle.xml"] = parts[even].replace(b">A/61/100<", f">{symbol}<".encode())
    parts["word/header-last.xml"] = parts[odd].replace(b">A/61/100<", f">{symbol}<".encode())
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return "word/header-middle.xml", "word/header-last.xml"


@pytest.mark.parametrize("symbol", ["A/61/100", "A/61/109"])
def test_the_headers_of_every_section_are_read(built, capsys, symbol):
    """Every later section's headers are read, to the last section, the even pages' one too where
    the odd pages' one is the section before's."""
    docx = built / "A_61_100" / "A_61_100-EN.docx"
    middle, last = add_sections(docx, symbol)
    status, lines = check(built, capsys)
    wrong = [f'{docx}: running header of even pages ({middle}): expected "A/61/100" found "{symbol}"',
             f'{docx}: running header of odd pages ({last}): expected "A/61/100" found "{symbol}"']
    assert [line for line in lines if ": sha256:" not in line] == ([] if symbol == "A/61/100" else wrong)


def note_to_an_earlier_note(tmp_path: Path) -> Path:
    """The fixture with its second note referring to the first, built in every format."""
    content = tmp_path / "content" / "A_61_100"
    shutil.copytree(FIXTURES / "A_61_100", content)
    letter = content / "en" / "letter.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "[^participants]: Including ministers and senior officials.",
        "[^participants]: Including ministers and senior officials (see note [^conf])."), encoding="utf-8")
    out = tmp_path / "dist"
    assert main(["build", str(tmp_path / "content"), "--out", str(out)]) == 0
    return out


def test_a_note_that_refers_to_an_earlier_note_passes(tmp_path, capsys):
    """In the DOCX the reference is a NOTEREF field showing the other note's mark, in the note mark's
    style: check reads it as text (it once left out every run of that style in a note)."""
    out = note_to_an_earlier_note(tmp_path)
    assert check(out, capsys) == (0, [])
    notes = read_docx(out / "A_61_100" / "A_61_100-EN.docx").notes
    assert notes[2] == ("2", "Including ministers and senior officials (see note 1).")
