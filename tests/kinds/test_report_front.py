"""A report of the Secretary-General (tests/kinds/A_61_150, English and Russian) in HTML, DOCX and
AKN: the issuer line under the report's title, as UN reports print it, compared by `unpress check`
(a damaged one is caught in every format) and read back by `unpress import`. The PDF, pandoc and
the HTML checkers: test_report_outputs.py."""

from __future__ import annotations

import dataclasses
import shutil
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from tests.check import damage as d
from tests.drafts.test_drafts_model import W, normalised
from unpress.cli import main
from unpress.read.content import load_document

from .building import artifact, build_copy

REPORT = Path(__file__).parent / "A_61_150"
AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
# What each version prints under the masthead down to its Contents table (test_contents.py).
FRONT = {
    "en": ["Sixty-first session", "Item 97 of the provisional agenda",
           "Measures to eliminate international terrorism", "Report of the Secretary-General", "Summary",
           "The present report is submitted pursuant to General Assembly resolution 50/53",
           "Section II contains the information received", "Contents"],
    "ru": ["Шестьдесят первая сессия", "Пункт 97 предварительной повестки дня",
           "Меры по ликвидации международного терроризма", "Доклад Генерального секретаря", "Резюме",
           "Настоящий доклад представляется во исполнение резолюции 50/53",
           "В разделе II содержится информация", "Содержание"],
}
LANGS = list(FRONT)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_copy(tmp_path_factory, REPORT, "html,docx,akn")


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of each paragraph of the DOCX body with text, read from its XML; Word's
    no-break hyphen (in "Secretary-General") read as "-", the tab a heading's number hangs before as a space."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
    names = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in styles.iter(f"{W}style")}
    out = []
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = normalised("".join("-" if e.tag == f"{W}noBreakHyphen" else " " if e.tag == f"{W}tab" else e.text or ""
                                  for e in p.iter(f"{W}t", f"{W}noBreakHyphen", f"{W}tab")))
        if text:
            out.append((names[style.get(f"{W}val")] if style is not None else "Normal", text))
    return out



@pytest.mark.parametrize("lang", LANGS)
def test_the_issuer_line_is_the_locale_s_in_the_version_s_language(lang):
    (version,) = [v for v in load_document(REPORT)[0].versions if v.lang == lang]
    assert (version.kind, version.issued_by) == ("report", FRONT[lang][3])


def test_the_report_passes_check(built):
    assert main(["check", str(built / "dist")]) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_the_html_prints_the_issuer_line_under_the_report_s_title(built, lang):
    root = lxml.html.fromstring(artifact(built, lang, "html").read_bytes())
    main_element = root.xpath("//main")[0]
    lines = [normalised(e.text_content()) for e in main_element.xpath(".//p|.//h1|.//h2|.//h3")]
    assert [line[:len(start)] for line, start in zip(lines, FRONT[lang])] == FRONT[lang]
    (issuer,) = root.cssselect("p.issuer")
    assert issuer.getprevious().tag == "h1" and "part-heading" in issuer.getprevious().get("class")
    assert root.cssselect("section.part.body > p.issuer") == [issuer]  # in the body, once


@pytest.mark.parametrize("lang", LANGS)
def test_the_docx_prints_the_issuer_line_in_its_style_under_heading_1(built, lang):
    paragraphs = docx_paragraphs(artifact(built, lang, "docx"))
    styles = ["UN Session", "UN Agenda", "heading 1", "UN Issuer", "UN Summary Heading", "UN Summary", "UN Summary",
              "UN Contents Heading"]
    assert [(style, text[:len(start)]) for (style, text), start in zip(paragraphs, FRONT[lang])] == \
        list(zip(styles, FRONT[lang]))
    assert [text for style, text in paragraphs if style == "UN Issuer"] == [FRONT[lang][3]]


@pytest.mark.parametrize("lang", LANGS)
def test_the_akn_names_the_issuer_as_the_document_s_proponent(built, lang):
    root = etree.parse(str(artifact(built, lang, "xml"))).getroot()
    (body,) = root.xpath("//a:mainBody/a:hcontainer[@name='body']", namespaces=AKN)
    assert normalised("".join(body.xpath("a:heading", namespaces=AKN)[0].itertext())) == FRONT[lang][2]
    assert [normalised(e.text) for e in body.xpath("a:intro/a:p[@class='issuer']/a:docProponent",
                                                    namespaces=AKN)] == [FRONT[lang][3]]


@pytest.mark.parametrize("fmt", ["html", "docx", "xml"])
def test_check_catches_a_changed_issuer_line(built, tmp_path, capsys, fmt):
    out = built / f"dist-{tmp_path.name}"  # beside the build: the manifest names ../content
    shutil.copytree(built / "dist", out)
    path = artifact(built, "ru", fmt).parent.parent.parent / out.name / REPORT.name / f"{REPORT.name}-RU.{fmt}"
    damaged = lambda v: dataclasses.replace(v, issued_by="Записка Генерального секретаря")  # noqa: E731
    d.rerender_as(path, built / "content" / REPORT.name, damaged)
    d.rerecord(out)
    status, lines = d.check(out, capsys)
    assert status == 1
    assert [line for line in lines if not line.startswith(f"{path}: ")] == []
    assert any("(issuer line): expected \"Доклад Генерального секретаря\"" in line for line in lines), lines


# --- a Word draft back into content ----------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_an_unchanged_report_imports_as_no_change(built, capsys, lang):
    capsys.readouterr()
    assert main(["import", str(artifact(built, lang, "docx")), "--into", str(built / "content" / REPORT.name),
                 "--diff"]) == 0
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "")


def test_an_edited_issuer_line_is_reported_and_document_yaml_kept(built, tmp_path, capsys):
    docx = tmp_path / f"{REPORT.name}-EN.docx"
    shutil.copy(artifact(built, "en", "docx"), docx)
    d.rewrite_part(docx, "word/document.xml", "Report of the Secretary", "Note by the Secretary")
    capsys.readouterr()
    assert main(["import", str(docx), "--into", str(built / "content" / REPORT.name), "--diff"]) == 0
    captured = capsys.readouterr()
    assert [line for line in (captured.err + captured.out).splitlines() if ": issued_by: " in line] == [
        f"{docx}: issued_by: the draft shows \"Note by the Secretary-General\" where document.yaml has "
        "\"Report of the Secretary-General\"; document.yaml is kept as it is (edit it if the draft is right)"]
    assert "Note by" not in captured.out  # not typed into body.md either


def test_a_report_imported_into_a_new_folder_is_a_report_of_its_issuer(built, tmp_path):
    into = tmp_path / REPORT.name
    assert main(["import", str(artifact(built, "ru", "docx")), "--into", str(into)]) == 0
    text = (into / "document.yaml").read_text(encoding="utf-8")
    assert "\nkind: report\nissued_by: secretary-general\n" in text
    assert "Доклад" not in (into / "ru" / "body.md").read_text(encoding="utf-8")
    document, problems = load_document(into)  # the item's title is the report's, printed once
    assert not problems and document.versions[0].issued_by == FRONT["ru"][3]
    assert document.versions[0].title_in_heading


# --- the summary ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_summary_md_is_the_version_s_summary_headed_in_its_language(lang):
    (version,) = [v for v in load_document(REPORT)[0].versions if v.lang == lang]
    assert (version.summary.kind, version.summary.label) == ("summary", FRONT[lang][4])
    assert [type(b).__name__ for b in version.summary.blocks] == ["Paragraph", "Paragraph"]
    assert [p.kind for p in version.parts] == ["body"]  # not a part of the text after it


def test_the_html_summary_is_a_framed_section_under_the_issuer_line(built):
    root = lxml.html.fromstring(artifact(built, "en", "html").read_bytes())
    (summary,) = root.cssselect("section.summary")
    assert summary.getprevious().get("class") == "issuer"
    assert [e.tag for e in summary] == ["h2", "p", "p"]  # one level under the h1 title
    assert summary.get("aria-labelledby") == summary[0].get("id")
    css = root.xpath("//style")[0].text
    assert ".summary { border: 0.75pt solid currentColor;" in css


def test_the_docx_summary_box_is_one_border_around_its_paragraphs(built):
    with zipfile.ZipFile(artifact(built, "en", "docx")) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    boxes = {}
    for name in ("UN Summary Heading", "UN Summary"):
        (style,) = [s for s in styles.iter(f"{W}style") if s.find(f"{W}name").get(f"{W}val") == name]
        borders = style.find(f"{W}pPr/{W}pBdr")
        boxes[name] = sorted((etree.QName(side).localname, side.get(f"{W}sz")) for side in borders)
        indent = style.find(f"{W}pPr/{W}ind")
        boxes[name].append(("ind", indent.get(f"{W}left"), indent.get(f"{W}right")))
    # The same four sides and indents: Word draws the paragraphs' borders as one box.
    assert boxes["UN Summary Heading"] == boxes["UN Summary"]
    assert [side for side, _ in boxes["UN Summary"][:4]] == ["bottom", "left", "right", "top"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_akn_summary_is_a_block_container_in_the_body_s_intro(built, lang):
    root = etree.parse(str(artifact(built, lang, "xml"))).getroot()
    (box,) = root.xpath("//a:hcontainer[@name='body']/a:intro/a:blockContainer[@class='summary']", namespaces=AKN)
    texts = [normalised("".join(p.itertext())) for p in box.xpath("a:p", namespaces=AKN)]
    assert [t[:len(s)] for t, s in zip(texts, FRONT[lang][4:7])] == FRONT[lang][4:7]


@pytest.mark.parametrize("fmt", ["html", "docx", "xml"])
def test_check_catches_a_changed_summary(built, tmp_path, capsys, fmt):
    out = built / f"dist-{tmp_path.name}"
    shutil.copytree(built / "dist", out)
    path = out / REPORT.name / f"{REPORT.name}-EN.{fmt}"

    def damaged(v):
        first, *rest = v.summary.blocks
        return dataclasses.replace(v, summary=dataclasses.replace(v.summary, blocks=tuple(rest)))
    d.rerender_as(path, built / "content" / REPORT.name, damaged)
    d.rerecord(out)
    status, lines = d.check(out, capsys)
    assert status == 1
    assert any(line.startswith(f"{path}: ") and "summary" in line and "The present report is submitted" in line
               for line in lines), lines


@pytest.mark.parametrize("part, text, words, code", [
    ("letter.md", "A summary.\n", "only a report or a note has a summary (this document is a letter", "bad-kind"),
    ("body.md", "# A heading\n\nA summary.\n", "a summary holds paragraphs only, and this one has a heading "
     "block", "bad-part"),
    ("body.md", "\n", "the summary is empty", "bad-part"),
])
def test_a_summary_that_cannot_be_boxed_is_one_line_that_says_why(tmp_path, capsys, part, text, words, code):
    from tests.kinds.test_kinds_model import errors_of, write
    folder = write(tmp_path / "doc", "kind: letter\n" if part == "letter.md" else "kind: report\n", part=part)
    (folder / "en" / "summary.md").write_text(text, encoding="utf-8")
    (error,) = errors_of(folder, capsys)
    assert (error["file"], error["field"], error["code"]) == (str(folder / "en" / "summary.md"), "part", code)
    assert words in error["message"]


def test_an_unchanged_summary_imports_as_no_change_and_a_changed_one_as_its_line(built, tmp_path, capsys):
    docx = tmp_path / f"{REPORT.name}-EN.docx"
    shutil.copy(artifact(built, "en", "docx"), docx)
    d.rewrite_part(docx, "word/document.xml", "Section II contains", "Section II holds")
    capsys.readouterr()
    assert main(["import", str(docx), "--into", str(built / "content" / REPORT.name), "--diff"]) == 0
    diff = capsys.readouterr().out
    assert "+++ " in diff and "en/summary.md" in diff
    removed, added = [[line[1:] for line in diff.splitlines() if line.startswith(sign) and not line.startswith(sign * 3)]
                      for sign in "-+"]
    assert any("Section II contains" in line for line in removed) and any("Section II holds" in line for line in added)
