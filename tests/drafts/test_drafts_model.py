"""Draft resolutions and decisions (`kind: draft-resolution` / `draft-decision`): the sponsors
line from the locale, the front in the contract's order, the resolution layout in HTML, DOCX and
AKN, `unpress check` comparing the sponsors line (a damaged one is caught in every format)."""

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

DRAFTS = Path(__file__).parent
RESOLUTION, DECISION = DRAFTS / "A_C.3_61_L.20", DRAFTS / "A_C.2_61_L.41"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+) \[(?P<code>[a-z-]+)\]$")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}

# What each version prints under the masthead down to the first line of its body, in order.
FRONT = {
    ("A_C.3_61_L.20", "en"): ["Sixty-first session", "Third Committee", "Agenda item 67 (a)",
                              "Promotion and protection of the rights of children",
                              "Belgium, France and Morocco: draft resolution", "Rights of the child",
                              "The General Assembly,"],
    ("A_C.3_61_L.20", "fr"): ["Soixante et unième session", "Troisième Commission", "Point 67 a) de l'ordre du jour",
                              "Promotion et protection des droits de l'enfant",
                              "Belgique, France et Maroc\u00a0: projet de résolution", "Droits de l'enfant",
                              "L'Assemblée générale,"],
    ("A_C.3_61_L.20", "ru"): ["Шестьдесят первая сессия", "Третий комитет", "Пункт 67(a) повестки дня",
                              "Поощрение и защита прав детей", "Бельгия, Марокко и Франция: проект резолюции",
                              "Права ребенка", "Генеральная Ассамблея,"],
    ("A_C.2_61_L.41", "en"): ["Sixty-first session", "Second Committee", "Agenda item 54", "Sustainable development",
                              "South Africa (on behalf of the States Members of the United Nations that are members "
                              "of the Group of 77 and China): draft decision",
                              "Implementation of the United Nations Convention to Combat Desertification"],
    ("A_C.2_61_L.41", "ar"): ["الدورة الحادية والستون", "اللجنة الثانية", "البند 54 من جدول الأعمال", "التنمية المستدامة",
                              "جنوب أفريقيا (باسم الدول الأعضاء في الأمم المتحدة التي هي أعضاء في مجموعة الـ 77 "
                              "والصين): مشروع مقرر", "تنفيذ اتفاقية الأمم المتحدة لمكافحة التصحر"],
}
CASES = list(FRONT)
IDS = [f"{folder}-{lang}" for folder, lang in CASES]


def version(folder: str, lang: str) -> m.Version:
    return next(v for v in load_document(DRAFTS / folder)[0].versions if v.lang == lang)


def normalised(text: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" ")  # a no-break space stays: it is printed


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Both drafts in HTML, DOCX and AKN (the PDF: test_drafts_outputs.py), in their own content folders."""
    root = tmp_path_factory.mktemp("drafts")
    for folder in (RESOLUTION, DECISION):
        shutil.copytree(folder, root / "content" / folder.name)
    assert main(["build", str(root / "content"), "--format", "html,docx,akn", "--out", str(root / "dist")]) == 0
    return root


def artifact(built: Path, folder: str, lang: str, extension: str) -> Path:
    return built / "dist" / folder / f"{folder}-{lang.upper()}.{extension}"


# --- the model ------------------------------------------------------------------------------------

@pytest.mark.parametrize("folder, lang", CASES, ids=IDS)
def test_the_sponsors_line_is_the_sponsors_as_typed_and_the_locale_s_words(folder, lang):
    v = version(folder, lang)
    assert v.kind == ("draft-resolution" if folder == "A_C.3_61_L.20" else "draft-decision")
    assert v.resolution_layout
    assert v.sponsors_line == FRONT[folder, lang][4]
    assert "".join(n.text for n in v.parts[0].heading) == FRONT[folder, lang][5]  # the draft's own title


def test_the_operative_paragraphs_are_numbered_and_the_preamble_is_plain():
    blocks = version("A_C.3_61_L.20", "en").parts[0].blocks
    kinds = [(type(b).__name__, getattr(b, "label", None)) for b in blocks]
    assert kinds == [("Paragraph", None)] * 4 + [("LabelledParagraph", "1."), ("LabelledParagraph", "2."),
                                                  ("LabelledParagraph", "(a)"), ("LabelledParagraph", "(b)"),
                                                  ("LabelledParagraph", "3."), ("LabelledParagraph", "4.")]
    assert blocks[1].children[0] == m.Emphasis((m.Text("Recalling"),))  # the italics as typed


@pytest.mark.parametrize("kind, line", [("draft-resolution", "Draft resolution"), ("draft-decision", "Draft decision")])
def test_a_draft_without_sponsors_prints_the_word_alone(tmp_path, kind, line):
    folder = tmp_path / RESOLUTION.name
    shutil.copytree(RESOLUTION, folder)
    text = (folder / "document.yaml").read_text(encoding="utf-8")
    text = re.sub(r"\n    sponsors: [^\n]*", "", text).replace("kind: draft-resolution", f"kind: {kind}")
    (folder / "document.yaml").write_text(text, encoding="utf-8")
    en, fr, ru = load_document(folder)[0].versions
    assert en.sponsors_line == line
    assert fr.sponsors_line == {"draft-resolution": "Projet de résolution", "draft-decision": "Projet de décision"}[kind]


def test_other_kinds_have_no_sponsors_line():
    assert load_document(DRAFTS.parent / "fixtures" / "A_61_100")[0].versions[0].sponsors_line is None
    assert not load_document(DRAFTS.parent / "fixtures" / "A_61_100")[0].versions[0].resolution_layout


def test_sponsors_on_a_letter_is_one_line_that_says_why(tmp_path, capsys):
    folder = tmp_path / "A_61_100"
    shutil.copytree(DRAFTS.parent / "fixtures" / "A_61_100", folder)
    path = folder / "document.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    job: 06-39949", "    sponsors: Belgium\n    job: 06-39949"),
                    encoding="utf-8")
    assert main(["build", str(folder), "--format", "html", "--out", str(tmp_path / "dist")]) == 1
    (error,) = [line for line in capsys.readouterr().err.splitlines() if "warning:" not in line]
    found = LINE.match(error)
    assert (int(found["line"]), found["field"], found["code"]) == (16, "versions.en.sponsors", "bad-kind")
    assert "only a draft resolution or decision has sponsors (this document is a letter or a note" in found["message"]


# --- the formats ----------------------------------------------------------------------------------

def test_the_drafts_pass_check(built, capsys):
    assert main(["check", str(built / "dist")]) == 0


@pytest.mark.parametrize("folder, lang", CASES, ids=IDS)
def test_the_html_front_is_in_the_contract_s_order(built, folder, lang):
    root = lxml.html.fromstring(artifact(built, folder, lang, "html").read_bytes())
    front = [normalised(p.text_content()) for p in root.cssselect(".front > *")]
    assert front == FRONT[folder, lang][:5]
    assert [e.tag for e in root.cssselect(".front > .title, .front > .sponsors")] == ["h1", "p"]
    body = root.cssselect("section.part.body.resolution")[0]
    assert normalised(body.cssselect(".part-heading")[0].text_content()) == FRONT[folder, lang][5]
    first = body.xpath("./p")[0]
    assert normalised(first.text_content()) == (FRONT[folder, lang][6:] or [normalised(first.text_content())])[0]


def test_the_html_preamble_is_set_in_and_the_operative_numbers_hang(built):
    root = lxml.html.fromstring(artifact(built, "A_C.3_61_L.20", "en", "html").read_bytes())
    css = root.xpath("//style")[0].text
    assert ".part.resolution > p:not(.labelled) { text-indent: var(--preamble_indent); }" in css
    body = root.cssselect("section.resolution")[0]
    # The letters under operative paragraph 2 are its subparagraphs, set in under its text.
    assert [p.get("class") for p in body.xpath("./p")] == [None] * 4 + ["labelled numbered"] * 2 + \
        ["labelled lettered subparagraph"] * 2 + ["labelled numbered"] * 2
    assert body.xpath("./p[2]/em/text()") == ["Recalling"]
    assert root.cssselect("section.letter.resolution, section.annex.resolution") == []


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of each paragraph of the DOCX body, read from its XML."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
    names = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in styles.iter(f"{W}style")}
    out = []
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        out.append((names.get(style.get(f"{W}val")) if style is not None else "Normal", normalised(text)))
    return out


@pytest.mark.parametrize("folder, lang", CASES, ids=IDS)
def test_the_docx_front_and_its_styles(built, folder, lang):
    paragraphs = docx_paragraphs(artifact(built, folder, lang, "docx"))
    front = FRONT[folder, lang]
    styles = ["UN Session", "UN Session", "UN Agenda", "UN Title", "UN Sponsors", "heading 1", "UN Preambular Paragraph"]
    assert paragraphs[:len(front)] == list(zip(styles, front))  # a decision has no organ line of its own
    if folder == "A_C.3_61_L.20":
        body = [style for style, _ in paragraphs[len(front) - 1:]]
        assert body == ["UN Preambular Paragraph"] * 4 + ["UN Numbered Paragraph"] * 2 + ["UN Subparagraph"] * 2 \
            + ["UN Numbered Paragraph"] * 2


def test_the_docx_preambular_style_sets_in_the_first_line(built):
    with zipfile.ZipFile(artifact(built, "A_C.3_61_L.20", "en", "docx")) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    (style,) = [s for s in styles.iter(f"{W}style") if s.find(f"{W}name").get(f"{W}val") == "UN Preambular Paragraph"]
    assert style.find(f"{W}pPr/{W}ind").get(f"{W}firstLine") == "709"  # 1.25 cm, in twentieths of a point


@pytest.mark.parametrize("folder, lang", CASES, ids=IDS)
def test_the_akn_is_a_draft_statement_with_its_sponsors_line(built, folder, lang):
    root = etree.parse(str(artifact(built, folder, lang, "xml"))).getroot()
    (statement,) = root.xpath("/a:akomaNtoso/a:statement", namespaces=AKN)
    assert statement.get("name") == ("draftResolution" if folder == "A_C.3_61_L.20" else "draftDecision")
    assert [normalised("".join(p.itertext())) for p in statement.xpath("a:preface/a:p[@class='sponsors']",
                                                                      namespaces=AKN)] == [FRONT[folder, lang][4]]


# --- check catches a damaged sponsors line ----------------------------------------------------------

@pytest.mark.parametrize("fmt", ["html", "docx", "xml"])
def test_check_catches_a_changed_sponsors_line(built, tmp_path, capsys, fmt):
    out = built / f"dist-{tmp_path.name}"  # beside the build: the manifest names ../content
    shutil.copytree(built / "dist", out)
    path = out / "A_C.3_61_L.20" / f"A_C.3_61_L.20-FR.{fmt}"
    damaged = lambda v: dataclasses.replace(v, sponsors_line="Belgique et Maroc : projet de résolution")  # noqa: E731
    d.rerender_as(path, built / "content" / "A_C.3_61_L.20", damaged)
    d.rerecord(out)
    status, lines = d.check(out, capsys)
    assert status == 1
    assert [line for line in lines if not line.startswith(f"{path}: ")] == []
    assert any(": front, block 5 (sponsors line): expected \"Belgique, France et Maroc" in line for line in lines), lines


# --- a Word draft back into content ----------------------------------------------------------------

@pytest.mark.parametrize("folder, lang", CASES, ids=IDS)
def test_an_unchanged_draft_imports_as_no_change(built, capsys, folder, lang):
    docx = artifact(built, folder, lang, "docx")
    capsys.readouterr()
    assert main(["import", str(docx), "--into", str(built / "content" / folder), "--diff"]) == 0
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "")


def test_an_edited_sponsors_line_is_reported_and_document_yaml_kept(built, tmp_path, capsys):
    docx = tmp_path / "A_C.3_61_L.20-FR.docx"
    shutil.copy(artifact(built, "A_C.3_61_L.20", "fr", "docx"), docx)
    d.rewrite_part(docx, "word/document.xml", "Belgique, France et Maroc", "Belgique et Maroc")
    capsys.readouterr()
    assert main(["import", str(docx), "--into", str(built / "content" / "A_C.3_61_L.20"), "--diff"]) == 0
    captured = capsys.readouterr()
    lines = (captured.err + captured.out).splitlines()
    assert [line for line in lines if ": versions.fr.sponsors: " in line] == [
        f"{docx}: versions.fr.sponsors: the draft shows \"Belgique et Maroc : projet de résolution\" where "
        "document.yaml has \"Belgique, France et Maroc\"; document.yaml is kept as it is (edit it if the draft is right)"]
