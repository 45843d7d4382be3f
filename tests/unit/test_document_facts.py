"""document.yaml's facts as the model takes them, and the one-line problems of those it refuses
(field, message, code), read by load_document from a copy of the fixture A/61/100."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from unpress.problems import ContentError
from unpress.read.content import load_document

FIXTURE = Path(__file__).parents[1] / "fixtures" / "A_61_100"


@pytest.fixture
def document(tmp_path) -> Path:
    folder = tmp_path / "A_61_100"
    shutil.copytree(FIXTURE, folder)
    return folder


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / "document.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(folder: Path) -> list[tuple[int | None, str, str, str]]:
    with pytest.raises(ContentError) as refused:
        load_document(folder)
    return [(p.line, p.field, p.message, p.code) for p in refused.value.problems if p.severity == "error"]


def test_a_main_committee_s_report_to_the_plenary_has_the_plenary_s_symbol(document):
    """The Third Committee reports to the Assembly under A/61/...: `body` names it, no symbol implies it."""
    edit(document, "session: 61", "body: third-committee\nsession: 61")
    loaded, found = load_document(document)
    assert found == []
    assert loaded.versions[0].session_lines == ("Sixty-first session", "Third Committee")


def test_a_sub_item_that_is_not_a_letter_is_refused(document):
    edit(document, "subitem: b", "subitem: B2")
    assert problems(document) == [(10, "agenda[0].subitem", '"B2" is not a sub-item letter; write one lower-case '
                                   "letter, e.g. b", "bad-value")]


def test_a_date_before_the_san_francisco_conference_is_refused_saying_why(document):
    edit(document, "date: 2006-06-15", "date: 1906-06-15")
    assert problems(document) == [(5, "date", '"1906-06-15" is before 1945-04-25, the first day of the United Nations '
                                   "Conference on International Organization; no UN document is older: check the year",
                                   "bad-date")]


def test_a_meeting_place_not_in_the_list_is_refused_naming_the_field(document):
    edit(document, "session: 61", "session: 61\nmeeting: {place: geneve, from: 2006-07-03}")
    (line, field, message, code), = [p for p in problems(document) if p[1].startswith("meeting")]
    assert (line, field, code) == (8, "meeting.place", "bad-value")
    assert '"geneve"' in message and "geneva" in message


def test_a_session_given_to_the_security_council_is_refused(document):
    """The Council's documents carry their year in the symbol (S/2006/100): it has no sessions."""
    edit(document, "symbol: A/61/100", "symbol: S/2006/100")
    (found,) = [p for p in problems(document) if p[3] == "bad-session"]
    assert found == (7, "session", "the Security Council has no sessions: a Security Council document carries its "
                     "year in its symbol (S/2006/100); delete `session`", "bad-session")


def test_a_kind_written_in_another_part_says_which_file_to_rename(document):
    edit(document, "session: 61", "kind: draft-resolution\nsession: 61")
    (found,) = [p for p in problems(document) if p[1] == "kind"]
    assert found == (7, "kind", "a draft resolution is written in body.md, and en/ has letter.md; rename "
                     "en/letter.md to body.md, or change `kind`", "bad-kind")


def test_a_session_of_the_assembly_given_as_a_year_and_kind_is_refused(document):
    """The Assembly numbers its sessions (ECOSOC's are a year and a kind)."""
    edit(document, "session: 61", "session: {year: 2006, kind: substantive}")
    (found,) = [p for p in problems(document) if p[3] == "bad-session"]
    assert found == (7, "session", "the General Assembly numbers its sessions; write the number, e.g. "
                     "`session: 61`", "bad-session")


def test_a_session_of_the_economic_and_social_council_is_printed_by_its_kind_and_year():
    loaded, found = load_document(Path(__file__).parents[1] / "organs" / "E_2006_56")
    assert found == []
    assert loaded.versions[0].session_lines == ("Substantive session of 2006", "Geneva, 3-28 July 2006")


def test_a_corrigendum_s_symbol_puts_corrigendum_under_the_title(document):
    edit(document, "symbol: A/61/100", "symbol: A/61/100/Corr.1")
    loaded, found = load_document(document)
    assert found == []
    assert loaded.versions[0].kind_line == "Corrigendum"
    assert load_document(FIXTURE)[0].versions[0].kind_line is None


def test_a_line_break_typed_in_a_field_is_a_space_as_the_pdf_and_html_show_it(document):
    """YAML's "\\n" in a one-line field: the DOCX would break the line there (a signature's name on a
    line of its own), the PDF and HTML show a space; the model holds the space, a no-break space kept."""
    edit(document, 'title: "Globalization and', 'title: "Globalization\\n  \\tand')
    letter = document / "en" / "letter.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "name: Alain Cools", 'name: "Alain\\nCools"').replace("title: Chargé d'affaires a.i.",
                                                           'title: "Chargé\\u00a0d\'affaires\\ta.i."'),
                      encoding="utf-8")
    loaded, found = load_document(document)
    assert found == []
    version = loaded.versions[0]
    assert version.title.startswith("Globalization and interdependence")
    signature, = version.parts[0].signatures
    assert (signature.name, signature.title) == ("Alain Cools", "Chargé\u00a0d'affaires a.i.")
