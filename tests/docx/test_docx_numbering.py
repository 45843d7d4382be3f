"""Lettered and numbered paragraphs are counted by Word (numbering.xml), restarting where the model
restarts; LibreOffice's PDF of the DOCX shows the labels of unpress's PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.clients import programs
from tests.clients.programs import require
from tests.docx.conftest import FIXTURE, NS, W, build_docx, part
from tests.docx.test_docx_package import version_of
from tests.seed import SEED_CONTENT
from unpress.check.pdf import read_pdf
from unpress.model import LabelledParagraph, walk
from unpress.read.docx_numbering import Numbering
from unpress.render import RenderContext, renderer
from unpress.settings import Settings
from unpress.theme import Theme

LANGUAGES = SEED_CONTENT.parents[1] / "tests" / "languages" / "A_61_100"

# Runs that restart (a new run from (a)), skip (5. after 2.) and interleave (1. 2. (a) (b) 3.).
RESTARTS = """---
heading: Note by the Secretariat
---

1. The first paragraph.
2. The second paragraph.

(a) A first lettered subparagraph;

(b) A second one.

3. The third paragraph, after the subparagraphs.

# A heading

(a) The letters start again;

(b) And run on;

(c) To the third.

5. A paragraph numbered on from a skip.
"""


def restarts_content(folder: Path, lang: str) -> Path:
    document = folder / "A_61_300"
    (document / lang).mkdir(parents=True)
    (document / "document.yaml").write_text(
        "symbol: A/61/300\ndistribution: general\ndate: 2006-05-02\noriginal: en\nsession: 61\n"
        f"versions:\n  {lang}:\n    title: Paragraphs that restart\n", encoding="utf-8")
    (document / lang / "body.md").write_text(RESTARTS, encoding="utf-8")
    return document


def model_labels(version) -> list[str]:
    return [node.label for part in version.parts for node in walk(part.blocks) if isinstance(node, LabelledParagraph)]


def labelled_paragraphs(docx: Path) -> list[tuple[str | None, object]]:
    """(the label Word counts, the paragraph) for each lettered or numbered paragraph."""
    styles = {style.get(f"{W}styleId"): style.find("w:name", NS).get(f"{W}val")
              for style in part(docx, "word/styles.xml").iterfind("w:style", NS)}
    numbering = Numbering(part(docx, "word/numbering.xml"), part(docx, "word/styles.xml"))
    found = []
    for p in part(docx, "word/document.xml").iter(f"{W}p"):
        label = numbering.label(p)
        style = p.find("w:pPr/w:pStyle", NS)
        if style is not None and styles[style.get(f"{W}val")] in (
                "UN Lettered Paragraph", "UN Subparagraph", "UN Numbered Paragraph"):
            found.append((label, p))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The DOCX of a case, built once: (content folder, language) -> path."""
    cache = {}

    def build(content: Path, lang: str) -> Path:
        if (content, lang) not in cache:
            cache[content, lang] = build_docx(content, tmp_path_factory.mktemp(f"numbering-{lang}"), "--lang", lang)
        return cache[content, lang]
    return build


@pytest.fixture(scope="module")
def restarts(tmp_path_factory):
    return {lang: restarts_content(tmp_path_factory.mktemp(f"restarts-{lang}"), lang)
            for lang in ("en", "fr", "ru", "zh", "ar")}


@pytest.mark.parametrize("content, lang", [(SEED_CONTENT, "fr"), (FIXTURE, "en"), (LANGUAGES, "zh")])
def test_word_counts_every_label_and_none_is_typed(built, content, lang):
    docx = built(content, lang)
    found = labelled_paragraphs(docx)
    _, version = version_of(content, lang)
    assert [label for label, _ in found] == model_labels(version)
    for label, p in found:
        typed = "".join(t.text for t in p.iter(f"{W}t"))
        assert p.find("w:pPr/w:numPr/w:numId", NS) is not None
        assert not typed.startswith(label), typed  # the label is Word's, not text


@pytest.mark.parametrize("lang, lettered, numbered", [
    ("en", ["(a)", "(b)", "(a)", "(b)", "(c)"], ["1.", "2.", "3.", "5."]),
    ("fr", ["a)", "b)", "a)", "b)", "c)"], ["1.", "2.", "3.", "5."]),
    ("ru", ["a)", "b)", "a)", "b)", "c)"], ["1.", "2.", "3.", "5."]),
    ("zh", ["(a)", "(b)", "(a)", "(b)", "(c)"], ["1.", "2.", "3.", "5."]),
])
def test_runs_of_labels_restart_where_the_model_restarts_them(built, restarts, lang, lettered, numbered):
    docx = built(restarts[lang], lang)
    found = labelled_paragraphs(docx)
    _, version = version_of(restarts[lang], lang)
    assert [label for label, _ in found] == model_labels(version)
    labels = [label for label, _ in found]
    assert [label for label in labels if not label[0].isdigit()] == lettered
    assert [label for label in labels if label[0].isdigit()] == numbered
    # One list a run: 1. 2. | (a) (b) | 3. continues the first | (a) (b) (c) | 5.
    runs = [p.find("w:pPr/w:numPr/w:numId", NS).get(f"{W}val") for _, p in found]
    assert len(set(runs)) == 4
    assert runs[0] == runs[1] == runs[4]


def test_arabic_letters_are_typed_and_arabic_numbers_counted(built, restarts):
    """Word's Arabic letter formats do not count (أ) (ب) (ج) (د) (هـ) as UN Arabic texts do: those
    labels are typed; the numbers "1 -" are Word's."""
    found = labelled_paragraphs(built(restarts["ar"], "ar"))
    _, version = version_of(restarts["ar"], "ar")
    labels = model_labels(version)
    assert labels[:3] == ["1 -", "2 -", "(أ)"]
    for (label, p), expected in zip(found, labels):
        typed = "".join(t.text for t in p.iter(f"{W}t"))
        if expected[0].isdigit():
            assert label == expected and not typed.startswith(expected)
        else:
            assert label is None and typed.startswith(expected)


def style_lists(docx: Path) -> dict[str, str | None]:
    """The level text of the list each label style carries, None for none."""
    numbering = part(docx, "word/numbering.xml")
    found = {}
    for style in part(docx, "word/styles.xml").iterfind("w:style", NS):
        name = style.find("w:name", NS).get(f"{W}val")
        if name in ("UN Lettered Paragraph", "UN Numbered Paragraph"):
            num = style.find("w:pPr/w:numPr/w:numId", NS)
            if num is None:
                found[name] = None
                continue
            abstract = numbering.find(f"w:num[@w:numId='{num.get(f'{W}val')}']/w:abstractNumId", NS).get(f"{W}val")
            lvl = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl", NS)
            assert lvl.find("w:pStyle", NS).get(f"{W}val") == style.get(f"{W}styleId")  # linked both ways
            found[name] = lvl.find("w:lvlText", NS).get(f"{W}val")
    return found


@pytest.mark.parametrize("lang, lettered, numbered", [("en", "(%1)", "%1."), ("fr", "%1)", "%1."),
                                                      ("zh", "(%1)", "%1."), ("ar", None, "%1 -")])
def test_an_editor_who_applies_a_label_style_gets_its_languages_label(built, restarts, lang, lettered, numbered):
    assert style_lists(built(restarts[lang], lang)) == {"UN Lettered Paragraph": lettered,
                                                        "UN Numbered Paragraph": numbered}


def test_a_typed_label_is_kept_out_of_its_styles_list(built, restarts):
    # An Arabic lettered paragraph (typed) is in no list; a counted number is in its run's.
    for label, p in labelled_paragraphs(built(restarts["ar"], "ar")):
        num = p.find("w:pPr/w:numPr/w:numId", NS)
        assert (num is None) == (label is None)


CLIENT_CASES = ["seed-fr", "fixture-en", "languages-zh", "languages-ar", "restarts-en", "restarts-fr",
                "restarts-ru", "restarts-ar"]


def client_case(case: str, restarts) -> tuple[Path, str]:
    name, lang = case.split("-")
    return {"seed": SEED_CONTENT, "fixture": FIXTURE, "languages": LANGUAGES}.get(name) or restarts[lang], lang


@pytest.mark.client
@pytest.mark.parametrize("case", CLIENT_CASES)
def test_libreoffice_counts_the_labels_of_the_model(built, restarts, case, tmp_path):
    """LibreOffice's text of the DOCX, where it writes each label as it counts it (in logical
    order, also in Arabic), starts the paragraphs with the model's labels."""
    require("soffice")
    content, lang = client_case(case, restarts)
    _, version = version_of(content, lang)
    expected = model_labels(version)
    text = programs.soffice_to_text(built(content, lang), tmp_path)
    # LibreOffice sets a label it counts in from the margin by spaces; a typed label ends at its tab.
    starts = [line.strip() if line[:1].isspace() else line.split("\t")[0]
              for line in text.splitlines() if line[:1].isspace() or "\t" in line]
    found = [label for start in starts for label in set(expected) if start == label or start.startswith(label + " ")]
    assert found == expected


@pytest.mark.client
@pytest.mark.parametrize("case", [case for case in CLIENT_CASES if not case.endswith("-ar")])
def test_libreoffice_pdf_shows_the_labels_of_unpress_pdf(built, restarts, case, tmp_path):
    """The labels as drawn, read from both PDFs as unpress check reads a PDF (left to right pages:
    LibreOffice draws a right-to-left label's pieces apart, which that reader does not join)."""
    require("soffice")
    content, lang = client_case(case, restarts)
    converted = programs.soffice_to_pdf(built(content, lang), tmp_path)
    document, version = version_of(content, lang)
    own = tmp_path / "own.pdf"
    own.write_bytes(renderer("pdf")(version, RenderContext(document, Theme(), Settings())))
    assert read_pdf(converted).labels == read_pdf(own).labels == tuple(model_labels(version))
