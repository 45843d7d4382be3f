"""The Contents table of a report (`contents: true`, tests/kinds/A_61_150 in English and Russian):
the entries derived once in the model from the body's headings, with their hanging numbers and the
ranges of their numbered paragraphs; the HTML's navigation of links to the headings, the PDF's
page numbers; `unpress check` compares the table of every format with the model."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import lxml.html
import pytest

from tests.check import damage as d
from unpress import model as m
from unpress.check.compare import compare, contents_lines, expected_facts
from unpress.cli import main

from .building import build_copy, version_of
from .test_report_front import REPORT

NOTE = Path(__file__).parent / "A_61_160"  # a note without `contents`
ENTRIES = {
    "en": ("Contents", "I. Introduction 1–2", "II. Measures taken at the national and international levels 3–5",
           "A. Information received from Member States 3–4",
           "B. Information received from international organizations 5",
           "III. Comprehensive inventory of the response of the Secretariat 6",
           "VIII. Conclusions and recommendations 7"),
    "ru": ("Содержание", "I. Введение 1–2", "II. Меры, принятые на национальном и международном уровнях 3–5",
           "A. Информация, полученная от государств-членов 3–4",
           "B. Информация, полученная от международных организаций 5",
           "III. Всеобъемлющий перечень мер, принятых Секретариатом 6", "VIII. Выводы и рекомендации 7"),
}


def version(lang: str, folder: Path = REPORT) -> m.Version:
    return version_of(folder, lang)


@pytest.mark.parametrize("lang", ENTRIES)
def test_the_entries_are_the_body_headings_with_their_numbers_and_paragraphs(lang):
    v = version(lang)
    assert contents_lines(v.contents) == ENTRIES[lang]
    assert [(e.level, e.number) for e in v.contents.entries] == [(1, "I."), (1, "II."), (2, "A."), (2, "B."), (1, "III."),
                                                                  (1, "VIII.")]
    assert v.contents.paragraphs_head == {"en": "Paragraphs", "ru": "Пункты"}[lang]
    assert v.contents.page_head == {"en": "Page", "ru": "Стр."}[lang]
    headings = [block for block in v.parts[0].blocks if isinstance(block, m.Heading)]
    assert [h.anchor for h in headings] == [e.anchor for e in v.contents.entries] == [f"heading-{n}" for n in range(1, 7)]


def test_a_document_without_contents_has_no_table_and_no_heading_ids():
    v = version("en", NOTE)
    assert v.contents is None
    assert all(block.anchor is None for part in v.parts for block in part.blocks if isinstance(block, m.Heading))


def test_a_heading_without_numbered_paragraphs_has_none_and_no_paragraph_column(tmp_path):
    folder = tmp_path / "A_61_150"
    shutil.copytree(REPORT, folder, ignore=shutil.ignore_patterns("ru"))
    yaml = (folder / "document.yaml").read_text(encoding="utf-8")
    (folder / "document.yaml").write_text(yaml.replace("  ru:\n    title: \"Меры по ликвидации международного "
                                                       "терроризма\"\n", ""), encoding="utf-8")
    (folder / "en" / "body.md").write_text("---\nheading: Measures\n---\n\n# Introduction\n\nA paragraph.\n\n"
                                           "## Background[^1]\n\nAnother.\n\n[^1]: A note.\n", encoding="utf-8")
    contents = version("en", folder).contents
    assert contents.paragraphs_head is None
    assert [(e.number, e.children, e.paragraphs) for e in contents.entries] == [
        (None, (m.Text("Introduction"),), None), (None, (m.Text("Background"),), None)]  # the note mark left out


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_copy(tmp_path_factory, REPORT, "html")


@pytest.mark.parametrize("lang", ENTRIES)
def test_the_html_contents_is_a_navigation_of_links_to_the_headings(built, lang):
    page = lxml.html.parse(str(built / "dist" / REPORT.name / f"{REPORT.name}-{lang.upper()}.html")).getroot()
    (nav,) = page.xpath("//main//nav[@class='contents']")
    assert nav.get("aria-labelledby") == "contents-heading"
    assert nav.xpath("string(.//*[@id='contents-heading'])") == ENTRIES[lang][0]
    links = nav.xpath(".//li/a/@href")
    assert len(links) == 6
    for href in links:  # each leads to its heading
        assert page.xpath(f"//main//*[@id='{href[1:]}']")[0].tag in ("h2", "h3")
    # after the summary, before the body's first heading
    order = [e.get("id") for e in page.xpath("//main//*[@id]")]
    assert order.index("summary") < order.index("contents-heading") < order.index("heading-1")


def test_check_catches_a_changed_entry_in_the_html(built, tmp_path, capsys):
    out = built / f"dist-{tmp_path.name}"
    shutil.copytree(built / "dist", out)
    path = out / REPORT.name / f"{REPORT.name}-EN.html"

    def changed(v: m.Version) -> m.Version:
        entries = list(v.contents.entries)
        entries[2] = dataclasses.replace(entries[2], paragraphs="3–5")
        return dataclasses.replace(v, contents=dataclasses.replace(v.contents, entries=tuple(entries)))

    d.rerender_as(path, built / "content" / REPORT.name, changed)
    d.rerecord(out)
    status, lines = d.check(out, capsys)
    assert status == 1
    assert lines == [f'{path}: Contents entry 3: expected "A. Information received from Member States 3–4" '
                     'found "A. Information received from Member States 3–5"'], lines


def test_check_wants_a_page_number_the_link_leads_to():
    expected = expected_facts(version("en"))
    found = dataclasses.replace(expected, contents_pages=(("1", 1), ("2", 1), ("1", None)))
    assert [str(x) for x in compare("A.pdf", expected, found)] == [
        'A.pdf: page of Contents entry 2: expected "1" found "2"',
        'A.pdf: page of Contents entry 3: expected nothing found "1"']
    assert [str(x) for x in compare("A.html", expected, dataclasses.replace(expected, contents=None))] == [
        f"A.html: Contents table: expected {list(ENTRIES['en'])!r} found nothing".replace("'", '"')]


def test_the_xliff_export_leaves_the_generated_entries_out(tmp_path):
    xlf = tmp_path / "ru.xlf"
    assert main(["translate", "export", str(REPORT), "--from", "en", "--to", "ru", "--out", str(xlf)]) == 0
    text = xlf.read_text(encoding="utf-8")
    assert text.count("Information received from Member States") == 1  # the heading, not its entry
    assert "Contents" not in text and "3–4" not in text
