"""`numbering: auto` in the body of a report or note (the contract's "Kinds of document"): every
top-level paragraph numbered 1, 2, 3 ... across the headings, the lettered subparagraphs keeping
their letters, restarting under each paragraph; the numbers in the model, so HTML, DOCX (Word's own
numbering) and AKN agree and `unpress check` compares them; import types no number back; and the
writer's mistakes, one line each."""

from __future__ import annotations

import dataclasses
import re
import shutil
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from tests.check import damage as d
from unpress import model as m
from unpress.cli import main
from unpress.read.content import load_document
from unpress.read.docx_numbering import Numbering

from .building import artifact, build_copy

NOTE = Path(__file__).parent / "A_61_160"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+) \[(?P<code>[a-z-]+)\]$")

# The body of A/61/160 in each language, as printed: headings as typed, paragraphs by their labels.
HEADINGS = {"en": ["I. Introduction", "II. Information received", "A. Replies from Member States",
                   "B. Activities of the Secretariat", "III. Conclusion"],
            "zh": ["一. 导言", "二. 收到的资料", "A. 会员国的答复", "B. 秘书处的活动", "三. 结论"]}
SEQUENCE = ["I", "1.", "2.", "II", "A", "3.", "(a)", "(b)", "(c)", "4.", "B", "5.", "(a)", "(b)", "III", "6."]
LABELS = [label for label in SEQUENCE if label[0] in "1234567890("]


def body_of(lang: str) -> m.Part:
    return next(v for v in load_document(NOTE)[0].versions if v.lang == lang).parts[0]


def sequence(blocks) -> list[str]:
    """Each block as a heading's first word or a labelled paragraph's label."""
    out = []
    for block in blocks:
        if isinstance(block, m.Heading):
            text = "".join(n.text for n in block.children if isinstance(n, m.Text))
            out.append(text.split(".")[0])
        elif isinstance(block, m.LabelledParagraph):
            out.append(block.label)
        else:
            out.append(type(block).__name__)
    return out


ROMAN = {"一": "I", "二": "II", "三": "III"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_paragraph_is_numbered_across_the_headings_and_the_letters_restart(lang):
    part = body_of(lang)
    assert part.auto_numbered
    assert [ROMAN.get(s, s) for s in sequence(part.blocks)] == SEQUENCE
    numbered = [b for b in part.blocks if isinstance(b, m.LabelledParagraph) and b.style == "numbered"]
    assert [b.number for b in numbered] == [1, 2, 3, 4, 5, 6]
    lettered = [b.number for b in part.blocks if isinstance(b, m.LabelledParagraph) and b.style == "lettered"]
    assert lettered == [1, 2, 3, 1, 2]


def test_without_numbering_the_paragraphs_stay_plain(tmp_path):
    folder = tmp_path / "A_61_160"
    shutil.copytree(NOTE, folder)
    body = folder / "en" / "body.md"
    body.write_text(body.read_text(encoding="utf-8").replace("numbering: auto\n", ""), encoding="utf-8")
    part = next(v for v in load_document(folder)[0].versions if v.lang == "en").parts[0]
    assert not part.auto_numbered
    assert sum(isinstance(b, m.Paragraph) for b in part.blocks) == 6
    assert not any(isinstance(b, m.LabelledParagraph) and b.style == "numbered" for b in part.blocks)


def typed_copy(root: Path) -> Path:
    """A copy of A/61/160 in English alone, without `numbering: auto`: its paragraphs' numbers
    typed "1." to "6.", the lettered subparagraphs as they are."""
    folder = root / NOTE.name
    shutil.copytree(NOTE, folder, ignore=shutil.ignore_patterns("zh"))
    document = folder / "document.yaml"
    document.write_text(document.read_text(encoding="utf-8").replace("  zh:\n    title: \"消除种族主义和种族歧视\"\n", ""),
                        encoding="utf-8")
    body = folder / "en" / "body.md"
    _, front, text = body.read_text(encoding="utf-8").split("---\n", 2)
    blocks, number = [], 0
    for block in text.strip().split("\n\n"):
        if not block.startswith(("#", "(")):
            number += 1
            block = f"{number}. {block}"
        blocks.append(block)
    front = front.replace("numbering: auto\n", "")
    body.write_text(f"---\n{front}---\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    return folder


def test_typed_numbers_have_the_same_subparagraphs_as_auto_numbering(tmp_path):
    auto, typed = body_of("en"), load_document(typed_copy(tmp_path))[0].versions[0].parts[0]
    assert not typed.auto_numbered
    assert sequence(typed.blocks) == sequence(auto.blocks)
    assert typed.subparagraphs == auto.subparagraphs == frozenset(
        place for place, label in enumerate(SEQUENCE) if label.startswith("("))


def test_a_lettered_paragraph_is_a_subparagraph_only_under_a_numbered_one():
    def part(*blocks) -> m.Part:
        return m.Part("body", "body", None, "body.md", (), (), None, blocks, ())

    def labelled(style: str, number: int) -> m.LabelledParagraph:
        return m.LabelledParagraph(style, f"({number})", (m.Text("text"),), number)

    numbered, lettered = labelled("numbered", 1), labelled("lettered", 1)
    heading, plain = m.Heading(1, (m.Text("A. Section"),)), m.Paragraph((m.Text("text"),))
    assert part(numbered, lettered, lettered, plain, lettered).subparagraphs == {1, 2}
    assert part(lettered, numbered, heading, lettered, numbered, lettered).subparagraphs == {5}


# --- the writer's mistakes ---------------------------------------------------------------------

def one_error(folder: Path, tmp_path: Path, capsys) -> re.Match:
    capsys.readouterr()
    assert main(["build", str(folder), "--format", "html", "--out", str(tmp_path / "dist")]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip() and "warning:" not in line]
    assert len(lines) == 1, lines
    found = LINE.match(lines[0])
    assert found, lines  # file:line: field: message [code], no traceback
    return found


def edited(tmp_path: Path, old: str, new: str, part: str = "en/body.md", yaml: tuple[str, str] | None = None) -> Path:
    folder = tmp_path / "A_61_160"
    shutil.copytree(NOTE, folder)
    path = folder / part
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if yaml:
        document = folder / "document.yaml"
        document.write_text(document.read_text(encoding="utf-8").replace(*yaml), encoding="utf-8")
    return folder


def test_a_number_typed_in_an_auto_numbered_body_is_an_error_at_its_line(tmp_path, capsys):
    folder = edited(tmp_path, "Replies were received", "4. Replies were received")
    found = one_error(folder, tmp_path, capsys)
    assert (found["file"], int(found["line"]), found["field"], found["code"]) == \
        (str(folder / "en" / "body.md"), 28, "numbering", "typed-number")
    assert "\"4.\" is typed, and `numbering: auto` numbers every paragraph itself" in found["message"]


def test_a_bad_numbering_value_is_an_error_that_names_the_choice(tmp_path, capsys):
    folder = edited(tmp_path, "numbering: auto", "numbering: manual")
    found = one_error(folder, tmp_path, capsys)
    assert (int(found["line"]), found["field"], found["code"]) == (3, "numbering", "bad-value")
    assert found["message"] == "\"manual\" is not one of: auto"


def test_numbering_on_a_letter_is_an_error(tmp_path, capsys):
    folder = tmp_path / "A_61_160"
    shutil.copytree(NOTE, folder)
    shutil.rmtree(folder / "zh")
    (folder / "en" / "body.md").rename(folder / "en" / "letter.md")
    document = folder / "document.yaml"
    document.write_text(document.read_text(encoding="utf-8").replace("kind: note\nissued_by: secretary-general\n", "")
                        .replace("  zh:\n    title: \"消除种族主义和种族歧视\"\n", ""), encoding="utf-8")
    found = one_error(folder, tmp_path, capsys)
    assert (found["file"], int(found["line"]), found["field"], found["code"]) == \
        (str(folder / "en" / "letter.md"), 3, "numbering", "bad-numbering")
    assert "only the paragraphs of a report's or a note's body.md are numbered, not those of letter.md" \
        in found["message"]


def test_numbering_on_a_draft_resolution_is_an_error(tmp_path, capsys):
    folder = edited(tmp_path, "Replies", "Replies", yaml=("kind: note\nissued_by: secretary-general\n",
                                                          "kind: draft-resolution\n"))
    shutil.rmtree(folder / "zh")
    document = folder / "document.yaml"
    document.write_text(document.read_text(encoding="utf-8").replace("  zh:\n    title: \"消除种族主义和种族歧视\"\n", ""),
                        encoding="utf-8")
    found = one_error(folder, tmp_path, capsys)
    assert (found["file"], int(found["line"]), found["field"], found["code"]) == \
        (str(folder / "en" / "body.md"), 3, "numbering", "bad-numbering")
    assert "only a report or a note numbers its paragraphs (this document is a draft resolution" in found["message"]


# --- the formats ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_copy(tmp_path_factory, NOTE, "html,docx,akn")



def test_the_note_passes_check(built):
    assert main(["check", str(built / "dist")]) == 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_html_shows_the_numbers_and_the_headings_as_typed(built, lang):
    root = lxml.html.fromstring(artifact(built, lang, "html").read_bytes())
    body = root.cssselect("section.part.body")[0]
    assert [h.text_content() for h in body.cssselect(".section-heading")] == HEADINGS[lang]
    labels = [p.cssselect(".label")[0].text_content().strip() for p in body.cssselect("p.labelled")]
    assert labels == LABELS
    assert [p.get("class") for p in body.cssselect("p.labelled")][:2] == ["labelled numbered"] * 2


def docx_labels(path: Path) -> list[tuple[str, str | None, str]]:
    """(style name, label Word computes from numbering.xml, text) of each paragraph of the body."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
        numbering = etree.fromstring(archive.read("word/numbering.xml"))
    names = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in styles.iter(f"{W}style")}
    words = Numbering(numbering, styles)
    out = []
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        label = words.label(p)
        out.append((names.get(style.get(f"{W}val")) if style is not None else "Normal", label,
                    "".join("\t" if t.tag == f"{W}tab" else t.text or "" for t in p.iter(f"{W}t", f"{W}tab"))))
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_docx_numbers_are_word_s_own_continuous_across_headings(built, lang):
    paragraphs = docx_labels(artifact(built, lang, "docx"))
    labelled = [(style, label, text) for style, label, text in paragraphs
                if style in ("UN Numbered Paragraph", "UN Lettered Paragraph", "UN Subparagraph")]
    assert [label for _, label, _ in labelled] == LABELS
    # The letters are subparagraphs, set in under their paragraph's text.
    assert [style for style, label, _ in labelled if label.startswith("(")] == ["UN Subparagraph"] * 5
    # No number is typed: Word counts them all, from the style's own list (an editor's new
    # paragraph of that style gets the next number) across the headings between them.
    assert not any(re.match(r"^\(?[0-9a-z]+[.)]", text) for _, _, text in labelled)
    with zipfile.ZipFile(artifact(built, lang, "docx")) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    num_ids = [p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in body.iter(f"{W}p")
               if p.find(f"{W}pPr/{W}numPr") is not None]
    numbered_ids = {num_ids[i] for i, label in enumerate(LABELS) if label[0].isdigit()}
    lettered_ids = [num_ids[i] for i, label in enumerate(LABELS) if label == "(a)"]
    assert len(numbered_ids) == 1
    assert len(set(lettered_ids)) == 2  # a new list for each run of letters: they start again at (a)
    headings = [text for style, _, text in paragraphs if style in ("heading 3", "heading 4")]
    assert headings == [heading.replace(" ", "\t", 1) for heading in HEADINGS[lang]]  # the number hangs


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_akn_paragraphs_carry_their_numbers(built, lang):
    root = etree.parse(str(artifact(built, lang, "xml"))).getroot()
    nums = root.xpath("//a:paragraph/a:num/text()", namespaces=AKN)
    assert nums == [label for label in LABELS if label[0].isdigit()]
    assert root.xpath("//a:paragraph[a:num='3.']/a:subparagraph/a:num/text()", namespaces=AKN) == ["(a)", "(b)", "(c)"]
    assert root.xpath("//a:paragraph[a:num='5.']/a:subparagraph/a:num/text()", namespaces=AKN) == ["(a)", "(b)"]


@pytest.mark.parametrize("fmt", ["html", "docx", "xml"])
def test_check_catches_a_paragraph_number_out_of_sequence(built, tmp_path, capsys, fmt):
    out = built / f"dist-{tmp_path.name}"  # beside the build: the manifest names ../content
    shutil.copytree(built / "dist", out)
    path = out / NOTE.name / f"{NOTE.name}-EN.{fmt}"

    def damaged(version: m.Version) -> m.Version:
        def renumbered(block):
            if isinstance(block, m.LabelledParagraph) and block.label == "4.":
                return dataclasses.replace(block, label="7.", number=7)
            return block
        body = version.parts[0]
        return dataclasses.replace(version, parts=(dataclasses.replace(body, blocks=tuple(
            map(renumbered, body.blocks))),) + version.parts[1:])

    d.rerender_as(path, built / "content" / NOTE.name, damaged)
    d.rerecord(out)
    status, lines = d.check(out, capsys)
    assert status == 1
    assert lines and all(line.startswith(f"{path}: ") for line in lines), lines
    assert any("7." in line for line in lines), lines


# --- a Word draft back into content ----------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unchanged_draft_imports_as_no_change(built, capsys, lang):
    capsys.readouterr()
    assert main(["import", str(artifact(built, lang, "docx")), "--into", str(built / "content" / NOTE.name),
                 "--diff"]) == 0
    assert capsys.readouterr().out == ""


def test_into_a_new_folder_the_body_is_auto_numbered_and_types_no_number(built, tmp_path):
    new = tmp_path / "new"
    assert main(["import", str(artifact(built, "en", "docx")), "--into", str(new)]) == 0
    text = (new / "en" / "body.md").read_text(encoding="utf-8")
    assert text.startswith("---\nheading: Follow-up to the World Conference against Racism\nnumbering: auto\n---\n")
    assert not re.search(r"^[0-9]+\. ", text, re.MULTILINE)
    assert "\n(a) National action plans" in text
    assert sequence(load_document(new)[0].versions[0].parts[0].blocks) == SEQUENCE


def test_an_edited_paragraph_is_written_back_without_a_number(built, tmp_path):
    docx = tmp_path / "A_61_160-EN.docx"
    shutil.copy(artifact(built, "en", "docx"), docx)
    d.rewrite_part(docx, "word/document.xml", "Replies were received from 21", "Replies were received from 23")
    content = tmp_path / "content"
    shutil.copytree(NOTE, content)
    assert main(["import", str(docx), "--into", str(content)]) == 0
    text = (content / "en" / "body.md").read_text(encoding="utf-8")
    assert "\nReplies were received from 23 Member States, which are summarized below.\n" in text
    assert text.replace("from 23", "from 21") == (NOTE / "en" / "body.md").read_text(encoding="utf-8")


# --- headings with hanging numbers ---------------------------------------------------------------

NUMBERS = {"en": ["I.", "II.", "A.", "B.", "III."], "zh": ["一.", "二.", "A.", "B.", "三."]}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_report_s_numbered_headings_hang_their_numbers(lang):
    headings = [b for b in body_of(lang).blocks if isinstance(b, m.Heading)]
    assert [b.hanging_number[0] for b in headings] == NUMBERS[lang]
    assert [m.Text(h.split(" ", 1)[1]) for h in HEADINGS[lang]] == [b.hanging_number[1][0] for b in headings]
    assert [b.children for b in headings] == [(m.Text(h),) for h in HEADINGS[lang]]  # the text as typed


def test_a_letter_s_headings_do_not_hang(tmp_path):
    folder = tmp_path / "A_61_160"
    shutil.copytree(NOTE, folder)
    shutil.rmtree(folder / "zh")
    body = folder / "en" / "body.md"
    body.write_text(body.read_text(encoding="utf-8").replace("numbering: auto\n", "signature: A. Name\n"),
                    encoding="utf-8")
    body.rename(folder / "en" / "letter.md")
    document = folder / "document.yaml"
    document.write_text(document.read_text(encoding="utf-8").replace("kind: note\nissued_by: secretary-general\n", "")
                        .replace("  zh:\n    title: \"消除种族主义和种族歧视\"\n", ""), encoding="utf-8")
    (version,) = load_document(folder)[0].versions
    assert [b.hanging_number for b in version.parts[0].blocks if isinstance(b, m.Heading)] == [None] * 5


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_html_heading_number_is_a_hanging_box(built, lang):
    root = lxml.html.fromstring(artifact(built, lang, "html").read_bytes())
    headings = root.cssselect("section.part.body .section-heading")
    assert [h.get("class") for h in headings] == ["section-heading hanging"] * 5
    assert [h.cssselect("span.heading-number")[0].text_content() for h in headings] == [f"{n} " for n in NUMBERS[lang]]
    css = root.xpath("//style")[0].text
    assert (".heading-number { display: inline-block; min-width: calc(var(--label_width) - 0.25em);\n"
            "                  padding-inline-end: 0.25em; text-indent: 0; }") in css


def test_the_docx_heading_hangs_its_number_before_a_tab(built):
    with zipfile.ZipFile(artifact(built, "en", "docx")) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    paragraphs = [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}ind") is not None
                  and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val").startswith("Heading")]
    assert len(paragraphs) == 5
    for p in paragraphs:
        ind = p.find(f"{W}pPr/{W}ind")
        # 1.25 cm + 0.75 cm and 0.75 cm, in twentieths of a point: the text where a paragraph's is
        assert (ind.get(f"{W}left"), ind.get(f"{W}hanging")) == ("1134", "425")
        assert p.find(f".//{W}tab") is not None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_akn_section_has_the_number_as_its_num(built, lang):
    root = etree.parse(str(artifact(built, lang, "xml"))).getroot()
    assert root.xpath("//a:hcontainer[@name='section']/a:num/text()", namespaces=AKN) == NUMBERS[lang]
    assert root.xpath("//a:hcontainer[@name='section']/a:heading/text()", namespaces=AKN) == \
        [h.split(" ", 1)[1] for h in HEADINGS[lang]]


@pytest.mark.parametrize("fmt", ["html", "docx", "xml"])
def test_check_catches_a_changed_heading_number(built, tmp_path, capsys, fmt):
    out = built / f"dist-{tmp_path.name}"
    shutil.copytree(built / "dist", out)
    path = out / NOTE.name / f"{NOTE.name}-EN.{fmt}"

    def damaged(version: m.Version) -> m.Version:
        def renumbered(block):
            if isinstance(block, m.Heading) and block.children == (m.Text("II. Information received"),):
                return dataclasses.replace(block, children=(m.Text("IV. Information received"),))
            return block
        body = version.parts[0]
        return dataclasses.replace(version, parts=(dataclasses.replace(body, blocks=tuple(
            map(renumbered, body.blocks))),) + version.parts[1:])

    d.rerender_as(path, built / "content" / NOTE.name, damaged)
    d.rerecord(out)
    status, lines = d.check(out, capsys)
    assert status == 1
    assert lines and all(line.startswith(f"{path}: ") for line in lines), lines
    assert any("IV." in line for line in lines), lines


def test_the_docx_subparagraph_is_set_in_a_label_column_under_its_paragraph_s_text(built):
    """UN Subparagraph (and the lists of its letters, whose indent Word takes over the style's):
    the letter at UN Numbered Paragraph's text, the text a label column further in."""
    with zipfile.ZipFile(artifact(built, "en", "docx")) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
        numbering = etree.fromstring(archive.read("word/numbering.xml"))
        body = etree.fromstring(archive.read("word/document.xml"))

    def indent(style_name):
        (style,) = [s for s in styles.iter(f"{W}style") if s.find(f"{W}name").get(f"{W}val") == style_name]
        ind = style.find(f"{W}pPr/{W}ind")
        return int(ind.get(f"{W}left")), int(ind.get(f"{W}hanging"))

    (left, hanging), (sub_left, sub_hanging) = indent("UN Numbered Paragraph"), indent("UN Subparagraph")
    assert (sub_left - sub_hanging, sub_hanging) == (left, hanging)  # 1.25 + 0.75 cm, 0.75 cm
    sub_id = next(s.get(f"{W}styleId") for s in styles.iter(f"{W}style")
                  if s.find(f"{W}name").get(f"{W}val") == "UN Subparagraph")
    num_ids = {p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in body.iter(f"{W}p")
               if p.find(f"{W}pPr/{W}pStyle") is not None and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == sub_id}
    abstracts = {n.get(f"{W}numId"): n.find(f"{W}abstractNumId").get(f"{W}val") for n in numbering.iter(f"{W}num")}
    for num_id in num_ids:
        (abstract,) = [a for a in numbering.iter(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstracts[num_id]]
        ind = abstract.find(f"{W}lvl/{W}pPr/{W}ind")
        assert (int(ind.get(f"{W}left")), int(ind.get(f"{W}hanging"))) == (sub_left, sub_hanging)
