"""Organs, bodies and sessions in the model: the lines under the masthead, and the errors of a
`session`, `body` or `meeting` that cannot apply."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from unpress.cli import main
from unpress.read.content import load_document

ORGANS = Path(__file__).parent
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+) \[(?P<code>[a-z-]+)\]$")


def version(folder: str, lang: str):
    document, _ = load_document(ORGANS / folder)
    return next(v for v in document.versions if v.lang == lang)


# What each test document prints between the masthead and the title, in two languages each.
SESSION_LINES = {
    ("S_2007_123", "en"): (),  # a stand-alone Council document: no session, no year
    ("S_2007_123", "ru"): (),
    ("A_HRC_2_9", "en"): ("Human Rights Council", "Second session", "Geneva, 18 September-6 October 2006"),
    ("A_HRC_2_9", "fr"): ("Conseil des droits de l'homme", "Deuxième session", "Genève, 18 septembre-6 octobre 2006"),
    ("A_C.3_61_L.2", "en"): ("Sixty-first session", "Third Committee"),
    ("A_C.3_61_L.2", "ar"): ("الدورة الحادية والستون", "اللجنة الثالثة"),
    ("E_2006_56", "en"): ("Substantive session of 2006", "Geneva, 3-28 July 2006"),
    ("E_2006_56", "es"): ("Período de sesiones sustantivo de 2006", "Ginebra, 3 a 28 de julio de 2006"),
    ("E_CN.6_2006_L.3", "en"): ("Commission on the Status of Women", "Fiftieth session", "27 February-10 March 2006"),
    ("E_CN.6_2006_L.3", "zh"): ("妇女地位委员会", "第五十届会议", "2006年2月27日至3月10日"),
}
ORGAN_NAMES = {
    ("S_2007_123", "en"): "Security Council", ("S_2007_123", "ru"): "Совет Безопасности",
    ("A_HRC_2_9", "en"): "General Assembly", ("A_HRC_2_9", "fr"): "Assemblée générale",
    ("A_C.3_61_L.2", "en"): "General Assembly", ("A_C.3_61_L.2", "ar"): "الجمعية العامة",
    ("E_2006_56", "en"): "Economic and Social Council", ("E_2006_56", "es"): "Consejo Económico y Social",
    ("E_CN.6_2006_L.3", "en"): "Economic and Social Council", ("E_CN.6_2006_L.3", "zh"): "经济及社会理事会",
}


@pytest.mark.parametrize("folder, lang", SESSION_LINES, ids=[f"{f}-{l}" for f, l in SESSION_LINES])
def test_each_organ_prints_its_body_and_session_where_the_un_does(folder, lang):
    v = version(folder, lang)
    assert v.session_lines == SESSION_LINES[folder, lang]
    assert v.masthead.organs == (ORGAN_NAMES[folder, lang],)


def test_a_joint_document_keeps_the_councils_year_line():
    joint = version("../shapes/A_61_872", "en")
    assert joint.session_lines == ("Sixty-first session", "Sixty-first year")


@pytest.mark.parametrize("lang, name_first", [("en", True), ("ru", True)])
def test_english_and_russian_sign_name_first_then_title(lang, name_first):
    (signature,) = version("S_2007_123", lang).parts[0].signatures
    assert [kind for kind, _ in signature.lines] == ["signed", "title"]


def test_french_signs_title_first_as_the_seed():
    (signature,) = version("../../content/A_61_XXX", "fr").parts[0].signatures
    assert [kind for kind, _ in signature.lines] == ["title", "signed"]


def test_a_document_without_a_title_has_its_letters_heading_as_title_printed_once():
    v = version("S_2007_123", "en")
    assert v.title == "".join(node.text for node in v.parts[0].heading)
    assert v.title_in_heading
    assert v.document_title.startswith("S/2007/123: Letter dated 2 March 2007")


@pytest.fixture
def copy(tmp_path):
    def copy_of(folder: str) -> Path:
        target = tmp_path / folder
        shutil.copytree(ORGANS / folder, target)
        return target
    return copy_of


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(folder: Path, capsys) -> list[dict]:
    status = main(["build", str(folder), "--format", "html", "--out", str(folder.parent / "dist")])
    lines = [line for line in capsys.readouterr().err.splitlines() if "warning:" not in line]
    assert status == 1 and lines
    found = []
    for line in lines:
        match = LINE.match(line)
        assert match, line
        found.append(match.groupdict())
    return found


ERRORS = {
    "session on a stand-alone Council document": (
        "S_2007_123", "original: en\n", "original: en\nsession: 61\n", "session", "bad-session",
        "the Security Council has no sessions"),
    "a number for an ECOSOC session": (
        "E_2006_56", "session: {year: 2006, kind: substantive}", "session: 2006", "session", "bad-session",
        "by year and kind"),
    "a year and kind for an Assembly session": (
        "A_C.3_61_L.2", "session: 61", "session: {year: 2006, kind: substantive}", "session", "bad-session",
        "numbers its sessions"),
    "an unknown ECOSOC session kind": (
        "E_2006_56", "kind: substantive", "kind: substantial", "session.kind", "bad-value",
        'did you mean "substantive"'),
    "a body the symbol contradicts": (
        "A_HRC_2_9", "session: 2\n", "session: 2\nbody: third-committee\n", "body", "bad-body",
        "A/HRC/2/9 is a symbol of the Human Rights Council"),
    "a body of another organ": (
        "A_C.3_61_L.2", "session: 61\n", "session: 61\nbody: commission-on-the-status-of-women\n", "body",
        "bad-body", "is a body of the Economic and Social Council"),
    "an unknown body": (
        "A_C.3_61_L.2", "session: 61\n", "session: 61\nbody: third-comittee\n", "body", "bad-value",
        'did you mean "third-committee"'),
    "a meeting that ends before it begins": (
        "E_2006_56", "to: 2006-07-28", "to: 2006-06-28", "meeting.to", "bad-date", "before the first day"),
    "an unknown meeting place": (
        "E_2006_56", "place: geneva", "place: genf", "meeting.place", "bad-value", "new-york, geneva"),
}


@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_a_session_body_or_meeting_that_cannot_apply_is_an_error_that_says_why(copy, capsys, case):
    folder, old, new, field, code, words = ERRORS[case]
    target = copy(folder)
    edit(target / "document.yaml", old, new)
    (found,) = problems(target, capsys)
    assert (found["field"], found["code"]) == (field, code)
    assert words in found["message"]
    assert found["file"].endswith("document.yaml")


def test_a_document_with_agenda_items_needs_the_title_of_its_item(copy, capsys):
    target = copy("E_2006_56")
    edit(target / "document.yaml", '    title: "Social and human rights questions: advancement of women"\n', "    {}\n")
    edit(target / "document.yaml", "  en:\n    {}", "  en: {}")
    (found,) = problems(target, capsys)
    assert (found["field"], found["code"]) == ("versions.en.title", "missing-field")
    assert "agenda items" in found["message"]
