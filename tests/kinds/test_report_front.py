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
from unpress.render import RenderContext, akn
from unpress.settings import Settings
from unpress.theme import Theme

REPORT = Path(__file__).parent / "A_61_150"
AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
# What each version prints under the masthead down to the report's first section heading.
FRONT = {
    "en": ["Sixty-first session", "Item 97 of the provisional agenda",
           "Measures to eliminate international terrorism", "Report of the Secretary-General", "I. Introduction"],
    "ru": ["Шестьдесят первая сессия", "Пункт 97 предварительной повестки дня",
           "Меры по ликвидации международного терроризма", "Доклад Генерального секретаря", "I. Введение"],
}
LANGS = list(FRONT)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("report")
    shutil.copytree(REPORT, root / "content" / REPORT.name)
    assert main(["build", str(root / "content"), "--format", "html,docx,akn", "--out", str(root / "dist")]) == 0
    return root


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of each paragraph of the DOCX body with text, read from its XML; Word's
    no-break hyphen (in "Secretary-General") read as "-"."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
    names = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in styles.iter(f"{W}style")}
    out = []
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = normalised("".join("-" if e.tag == f"{W}noBreakHyphen" else e.text or ""
                                  for e in p.iter(f"{W}t", f"{W}noBreakHyphen")))
        if text:
            out.append((names[style.get(f"{W}val")] if style is not None else "Normal", text))
    return out


def artifact(built: Path, lang: str, extension: str) -> Path:
    return built / "dist" / REPORT.name / f"{REPORT.name}-{lang.upper()}.{extension}"


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
    assert lines[:5] == FRONT[lang]
    (issuer,) = root.cssselect("p.issuer")
    assert issuer.getprevious().tag == "h1" and "part-heading" in issuer.getprevious().get("class")
    assert root.cssselect("section.part.body > p.issuer") == [issuer]  # in the body, once


@pytest.mark.parametrize("lang", LANGS)
def test_the_docx_prints_the_issuer_line_in_its_style_under_heading_1(built, lang):
    paragraphs = docx_paragraphs(artifact(built, lang, "docx"))
    styles = ["UN Session", "UN Agenda", "heading 1", "UN Issuer", "heading 2"]  # "#", a section heading, is Word's heading 2
    assert [p for p in paragraphs if p[0] in styles][:5] == list(zip(styles, FRONT[lang]))
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
    if fmt == "xml":  # the AKN writer needs the document too
        document = load_document(built / "content" / REPORT.name)[0]
        (v,) = [v for v in document.versions if v.lang == "ru"]
        path.write_bytes(akn.render(damaged(v), RenderContext(document, Theme.with_user_folders(), Settings())))
    else:
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
