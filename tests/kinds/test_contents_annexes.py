"""Annexes in the Contents table, and a right-to-left Contents table: tests/kinds/A_61_170, a
report in English and Arabic with two annexes. The table lists the body's headings, then the line
"Annexes" and each annex by its number and heading (docs/kinds.md); each format is read back with
the programs its readers use (lxml for the HTML, poppler's pdftotext for the PDF, the DOCX XML and
LibreOffice's PDF of it, the AKN XML), and `unpress check` compares the annexes' entries too."""

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
from tests.clients.programs import pdftotext_pages, require, run_program, soffice_to_pdf
from unpress import model as m
from unpress.check.compare import contents_lines
from unpress.cli import main

from .building import artifact, build_copy, version_of

REPORT = Path(__file__).parent / "A_61_170"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
ANNEXES = {
    "en": ("Annexes", "Member States that replied", "Organizations of the United Nations system that replied"),
    "ar": ("المرفقات", "الدول الأعضاء التي قدمت ردودا", "مؤسسات منظومة الأمم المتحدة التي قدمت ردودا"),
}
HEADINGS = {
    "en": ("Contents", "I. Introduction 1–2", "II. Replies received 3–4", "A. Replies from Member States 3",
           "B. Replies from the United Nations system 4", "III. Conclusions 5"),
    "ar": ("المحتويات", "أولا - مقدمة 1–2", "ثانيا - الردود الواردة 3–4", "ألف - ردود الدول الأعضاء 3",
           "باء - ردود منظومة الأمم المتحدة 4", "ثالثا - الاستنتاجات 5"),
}
ENTRIES = {lang: HEADINGS[lang] + (ANNEXES[lang][0], f"I. {ANNEXES[lang][1]}", f"II. {ANNEXES[lang][2]}")
           for lang in ANNEXES}
# The bidirectional marks pdftotext puts around right-to-left and embedded runs.
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def version(lang: str, folder: Path = REPORT) -> m.Version:
    return version_of(folder, lang)


@pytest.mark.parametrize("lang", ENTRIES)
def test_the_annexes_follow_the_headings_under_their_line_each_with_its_number(lang):
    v = version(lang)
    assert contents_lines(v.contents) == ENTRIES[lang]
    assert [(e.level, e.anchor, e.number, e.paragraphs) for e in v.contents.annexes] == [
        (1, "annex", "I.", None), (1, "annex-2", "II.", None)]
    assert [part.anchor for part in v.parts if part.kind == "annex"] == ["annex", "annex-2"]


def test_a_lone_annex_is_listed_under_annex_without_a_number(tmp_path):
    folder = tmp_path / REPORT.name
    shutil.copytree(REPORT, folder, ignore=shutil.ignore_patterns("annex-2.md"))
    contents = version("en", folder).contents
    assert contents.annexes_heading == "Annex"
    assert [(e.number, e.children) for e in contents.annexes] == [(None, (m.Text(ANNEXES["en"][1]),))]


def test_without_annexes_the_table_has_no_annex_line():
    contents = version("en", Path(__file__).parent / "A_61_150").contents
    assert contents.annexes_heading is None and contents.annexes == ()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_copy(tmp_path_factory, REPORT, "html,pdf,docx,akn")



def test_the_report_passes_check_in_every_format(built):
    assert main(["check", str(built / "dist")]) == 0


@pytest.mark.parametrize("lang", ENTRIES)
def test_the_html_lists_the_annexes_linked_to_their_parts(built, lang):
    page = lxml.html.parse(str(artifact(built, lang, "html"))).getroot()
    (nav,) = page.xpath("//main//nav[@class='contents']")
    assert nav.xpath("string(.//p[@class='contents-annexes'])") == ANNEXES[lang][0]
    lists = nav.xpath("./ol[@class='contents-entries']")
    assert len(lists) == 2 and lists[0].getnext().get("class") == "contents-annexes"
    annexes = lists[1].xpath("./li/a")
    assert [" ".join(a.text_content().split()) for a in annexes] == [f"I. {ANNEXES[lang][1]}", f"II. {ANNEXES[lang][2]}"]
    for a, anchor in zip(annexes, ("annex", "annex-2")):
        assert a.get("href") == f"#{anchor}"
        (section,) = page.xpath(f"//main//section[@id='{anchor}']")
        assert "annex" in section.get("class").split()


def _lines(pages: list[str]) -> list[tuple[int, str]]:
    """(page, line) of the PDF's text, without pdftotext's bidirectional marks, with one space on
    each side of a hyphen (the Arabic heading "ثالثا - الاستنتاجات", whose " -" pdftotext marks as
    a run of its own and moves the space of)."""
    return [(number, re.sub(r" *- *", " - ", line.translate(_MARKS)))
            for number, page in enumerate(pages, start=1) for line in page.splitlines()]


def printed_entry(lines, text: str) -> tuple[str, list[str]]:
    """The Contents line that holds `text` with dot leaders, and the numbers on it but the text's,
    in order from the left."""
    (line,) = [line for number, line in lines if text in line and re.search(r"(?:\. ?){5,}", line)]
    return line, re.findall(r"(?<![\w.–])(\d+)(?![\w–])", line.replace(text, ""))


def page_of(lines, text: str) -> int:
    """The page an annex's heading is printed on: a line of its own, not the Contents entry."""
    return next(number for number, line in lines if line.strip() == text)


def row(pdf: Path, text: str) -> dict[str, list[float]]:
    """Where poppler draws the Contents entry of `text` on page 1 (pdftotext -bbox): the left
    edges of its text's words, of its leader dots and of the other words of its line (its number
    and its page), by that word."""
    words = [(float(x), (float(top) + float(bottom)) / 2, word) for x, top, bottom, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
        run_program(["pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-"]).stdout)]
    # A line's words by the middle of their boxes: the Arabic font's and the Latin digits' differ.
    rows = {y: [(x, word) for x, other, word in words if abs(other - y) < 3] for _, y, _ in words}
    def of_text(word: str) -> bool:  # poppler gives an Arabic word's letters in the order drawn
        return word in text.split() or word[::-1] in text.split()

    entries = [line for line in rows.values() if sum(word == "." for _, word in line) >= 5]
    line = max(entries, key=lambda line: sum(map(of_text, (word for _, word in line))))
    found: dict[str, list[float]] = {"text": [x for x, word in line if of_text(word)],
                                     "leaders": [x for x, word in line if word == "."]}
    for x, word in line:
        if not of_text(word) and word != ".":
            found.setdefault(word, []).append(x)
    return found


@pytest.mark.parametrize("lang", ENTRIES)
def test_the_pdf_prints_the_annex_entries_with_leaders_and_their_pages(built, lang):
    """In English the number at the left, the text, the leaders, the page at the right; in Arabic,
    set right to left, the same from the right: the number at the right, the page at the left."""
    require("pdftotext")
    pdf = artifact(built, lang, "pdf")
    lines = _lines(pdftotext_pages(pdf))
    first = [line.strip() for number, line in lines if number == 1]
    assert ANNEXES[lang][0] in first  # the line over the annexes, after the headings' entries
    assert first.index(ANNEXES[lang][0]) > next(i for i, line in enumerate(first) if HEADINGS[lang][-1][:-2] in line)
    for text, number, page in zip(ANNEXES[lang][1:], ("I.", "II."), (2, 3)):
        assert page_of(lines, text) == page  # each annex begins a page of its own
        found = row(pdf, text)
        (page_x,), (number_x,) = found[str(page)], found[number if lang == "en" else "." + number[:-1]]
        spans = [sorted(found["text"]), sorted(found["leaders"])]
        if lang == "ar":
            spans = [span[::-1] for span in spans]
        order = [number_x, *spans[0], *spans[1], page_x]  # from where the line begins
        assert order == sorted(order, reverse=lang == "ar"), (lang, text, found)


@pytest.mark.parametrize("lang", ENTRIES)
def test_the_pdf_prints_the_heading_entries_with_their_pages_right_to_left_too(built, lang):
    require("pdftotext")
    lines = _lines(pdftotext_pages(artifact(built, lang, "pdf")))
    for entry in HEADINGS[lang][1:]:
        text, paragraphs = entry.rsplit(" ", 1)
        text = text.split(" ", 1)[1] if lang == "en" else text  # the English number hangs apart
        line, numbers = printed_entry(lines, text)
        page = numbers[-1] if lang == "en" else numbers[0]
        assert page == "1", line
        # The range as typed, or as pdftotext gives a right-to-left line's "1–2": "2–1".
        assert paragraphs in line or "–".join(reversed(paragraphs.split("–"))) in line, line


def _docx(built: Path, lang: str):
    with zipfile.ZipFile(artifact(built, lang, "docx")) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
    names = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in styles.iter(f"{W}style")}

    def style(p) -> str | None:
        node = p.find(f"{W}pPr/{W}pStyle")
        return names.get(node.get(f"{W}val")) if node is not None else None

    return body, style


@pytest.mark.parametrize("lang", ENTRIES)
def test_the_docx_field_lists_the_annexes_with_the_pdf_s_pages(built, lang):
    require("pdftotext")
    body, style = _docx(built, lang)
    instructions = [t.text.strip() for t in body.iter(f"{W}instrText")]
    assert instructions.count('TOC \\o "2-4" \\h \\z \\t "UN Annex Heading,2"') == 1
    paragraphs = list(body.iter(f"{W}p"))
    (line,) = [p for p in paragraphs if style(p) == "UN Contents Annexes"]
    assert "".join(t.text for t in line.iter(f"{W}t")) == ANNEXES[lang][0]
    entries = paragraphs[paragraphs.index(line) + 1:paragraphs.index(line) + 3]
    assert [style(p) for p in entries] == ["toc 2", "toc 2"]
    links = [p.find(f"{W}hyperlink") for p in entries]
    assert [link.get(f"{W}anchor") for link in links] == ["_Toc_annex", "_Toc_annex_2"]
    lines = _lines(pdftotext_pages(artifact(built, lang, "pdf")))
    for link, text in zip(links, ANNEXES[lang][1:]):
        shown = "".join(t.text for t in link.iter(f"{W}t"))
        assert shown.startswith(("I.", "II.")) and text in shown  # the number, a tab (w:tab), the text
        assert page_of(lines, text) == {ANNEXES[lang][1]: 2, ANNEXES[lang][2]: 3}[text]  # the cached pages below
        # The bookmark it leads to is on the annex's heading (label and heading, one paragraph).
        (start,) = [b for b in body.iter(f"{W}bookmarkStart") if b.get(f"{W}name") == link.get(f"{W}anchor")]
        assert style(start.getparent()) == "UN Annex Heading"
        assert text in "".join(t.text for t in start.getparent().iter(f"{W}t"))
    # Every entry's cached page, the headings' (all on page 1) and the annexes': the PDF's, also
    # in the right-to-left version.
    cached = []
    for link in body.iter(f"{W}hyperlink"):
        runs = list(link.iter(f"{W}r"))
        separate = next(i for i, r in enumerate(runs) if r.find(f"{W}fldChar") is not None
                        and r.find(f"{W}fldChar").get(f"{W}fldCharType") == "separate")
        cached.append(runs[separate + 1].find(f"{W}t").text)
    assert cached == ["1"] * 5 + ["2", "3"]
    # The field ends after the last annex's entry.
    ends = [c for c in entries[-1].iter(f"{W}fldChar") if c.get(f"{W}fldCharType") == "end"]
    assert len(ends) == 2  # its PAGEREF's, then the TOC's
    assert len({b.get(f"{W}id") for b in body.iter(f"{W}bookmarkStart")}) == len(list(body.iter(f"{W}bookmarkStart")))


@pytest.mark.parametrize("lang", ENTRIES)
def test_libreoffice_shows_the_annex_entries_with_their_pages(built, tmp_path, lang):
    require("soffice")
    require("pdftotext")
    lines = _lines(pdftotext_pages(soffice_to_pdf(artifact(built, lang, "docx"), tmp_path)))
    first = [line for number, line in lines if number == 1]
    assert any(line.strip() == ANNEXES[lang][0] for line in first)
    for text, page in zip(ANNEXES[lang][1:], (2, 3)):
        line, numbers = printed_entry(lines, text)
        assert (numbers[-1] if lang == "en" else numbers[0]) == str(page), line  # the PDF's, cached
        if lang == "en":  # LibreOffice lays the Arabic DOCX's first page out longer (docs/kinds.md)
            assert page_of(lines, text) == page


@pytest.mark.parametrize("lang", ENTRIES)
def test_libreoffice_sets_the_paragraphs_and_pages_under_their_column_heads(built, tmp_path, lang):
    """The DOCX's tab stops as LibreOffice lays them out: "1–2" and "1" of the first entry under
    "Paragraphs" and "Page", their right edges in English; in Arabic, right to left, the columns at
    the left, their left edges (a right-aligned tab stop of a right-to-left paragraph)."""
    require("soffice")
    require("pdftotext")
    pdf = soffice_to_pdf(artifact(built, lang, "docx"), tmp_path)
    words = [(float(x0), float(x1), float(y), word) for x0, y, x1, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        run_program(["pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-"]).stdout)]
    v = version(lang)
    heads = {v.contents.paragraphs_head: "paragraphs", v.contents.page_head: "page"}
    edge = 1 if lang == "en" else 0  # the right edge, or the left one
    columns = {heads.get(word, heads.get(word[::-1])): (x0, x1)[edge] for x0, x1, _, word in words
               if word in heads or word[::-1] in heads}
    # The first entry's line: its numbers (poppler may cut a right-to-left "1–2" in pieces), the
    # page the one nearest the margin, the paragraphs the others.
    first = v.contents.entries[0].children[-1].text.split()[-1]
    row = min(y for _, _, y, word in words if word.strip(".") in (first, first[::-1]))  # not the heading's
    numbers = sorted(((x0, x1)[edge] for x0, x1, y, word in words if abs(y - row) < 3 and re.fullmatch(r"[\d–]+", word)),
                     reverse=lang == "en")
    assert abs(numbers[0] - columns["page"]) < 1.5, (columns, numbers)
    assert abs(numbers[1] - columns["paragraphs"]) < 1.5, (columns, numbers)


@pytest.mark.parametrize("lang", ENTRIES)
def test_the_akn_toc_lists_the_annexes_leading_to_their_attachments(built, lang):
    root = etree.parse(str(artifact(built, lang, "xml"))).getroot()
    (table,) = root.xpath("//a:blockContainer[@class='contents']", namespaces=AKN)
    assert table.xpath("string(a:p[@class='annexes'])", namespaces=AKN) == ANNEXES[lang][0]
    tocs = table.xpath("a:toc", namespaces=AKN)
    assert len(tocs) == 2 and tocs[1].getprevious().get("class") == "annexes"
    items = tocs[1].xpath("a:tocItem", namespaces=AKN)
    assert [item.get("href") for item in items] == ["#annex", "#annex-2"]
    assert [i.xpath("string(a:inline[@name='num'])", namespaces=AKN) for i in items] == ["I.", "II."]
    for item in items:
        assert root.xpath(f"//a:attachment[@eId='{item.get('href')[1:]}']", namespaces=AKN)


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "xml"])
def test_check_catches_a_changed_annex_entry(built, tmp_path, capsys, fmt):
    out = built / f"dist-{tmp_path.name}"
    shutil.copytree(built / "dist", out)
    lang = "ar" if fmt == "pdf" else "en"
    path = out / REPORT.name / f"{REPORT.name}-{lang.upper()}.{fmt}"

    def changed(v: m.Version) -> m.Version:
        annexes = (v.contents.annexes[0], dataclasses.replace(v.contents.annexes[1], children=(m.Text("Replies"),)))
        return dataclasses.replace(v, contents=dataclasses.replace(v.contents, annexes=annexes))

    d.rerender_as(path, built / "content" / REPORT.name, changed)
    d.rerecord(out)
    status, lines = d.check(out, capsys)
    assert status == 1
    # The PDF's reader gives a right-to-left line's Latin pieces in its own order ("RepliesII .").
    (line,) = lines
    assert line.startswith(f'{path}: Contents entry 8: expected "{ENTRIES[lang][8]}" found "'), lines
    assert line.endswith('"II. Replies"') if fmt != "pdf" else "Replies" in line.rsplit("found", 1)[1], lines


def test_import_reads_no_contents_back_and_xliff_leaves_the_entries_out(built, tmp_path, capsys):
    capsys.readouterr()
    assert main(["import", str(artifact(built, "en", "docx")), "--into", str(built / "content" / REPORT.name),
                 "--diff"]) == 0
    assert capsys.readouterr().out == ""  # an unchanged draft changes nothing, its Contents included
    xlf = tmp_path / "ar.xlf"
    assert main(["translate", "export", str(REPORT), "--from", "en", "--to", "ar", "--out", str(xlf)]) == 0
    text = xlf.read_text(encoding="utf-8")
    assert text.count(ANNEXES["en"][1]) == 1  # the annex's heading, not its entry
    assert ">Annexes<" not in text


# A/69/839/Add.15 in the UN Parallel Corpus (docs/kinds.md): "المرفق الثاني", not "المرفق II".
ARABIC_ANNEX_LABELS = ("المرفق الأول", "المرفق الثاني")


def test_the_arabic_annexes_are_numbered_in_ordinal_words_in_every_format(built):
    require("pdftotext")
    assert tuple(part.label for part in version("ar").parts if part.kind == "annex") == ARABIC_ANNEX_LABELS
    page = lxml.html.parse(str(artifact(built, "ar", "html"))).getroot()
    for anchor, label in zip(("annex", "annex-2"), ARABIC_ANNEX_LABELS):
        (section,) = page.xpath(f"//main//section[@id='{anchor}']")
        assert " ".join(section.text_content().split()).startswith(label)
    printed = [line.strip() for _, line in _lines(pdftotext_pages(artifact(built, "ar", "pdf")))]
    assert all(label in printed for label in ARABIC_ANNEX_LABELS)
    body, style = _docx(built, "ar")
    headings = ["".join(p.itertext()) for p in body.iter(f"{W}p") if style(p) == "UN Annex Heading"]
    assert [heading[:len(label)] for heading, label in zip(headings, ARABIC_ANNEX_LABELS)] == list(ARABIC_ANNEX_LABELS)
