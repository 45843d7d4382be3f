"""The shapes of documents people issue: their masthead and title rules, in the HTML."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from unpress.cli import main

SHAPES = Path(__file__).parent


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shapes")
    assert main(["build", str(SHAPES), "--format", "html", "--out", str(out)]) == 0
    return out


def page(built: Path, stem: str):
    return lxml.html.fromstring((built / stem.rsplit("-", 1)[0] / f"{stem}.html").read_bytes())


def texts(root, selector: str) -> list[str]:
    return [re.sub(r"\s+", " ", e.text_content()).strip() for e in root.cssselect(selector)]


def test_every_shape_passes_check(built):
    assert main(["check", str(built)]) == 0


def test_a_joint_document_names_both_organs_symbols_session_year_and_notes(built):
    root = page(built, "A_61_872-EN")
    assert texts(root, ".masthead .symbol") == ["A/61/872", "S/2006/300"]
    assert texts(root, ".masthead .symbols") == ["A/61/872–S/2006/300"]
    assert texts(root, ".masthead .organ") == ["General Assembly", "Security Council"]
    assert texts(root, ".front .session") == ["Sixty-first session", "Sixty-first year"]
    assert texts(root, ".front .agenda") == ["Item 33 of the preliminary list*", "Item 40 of the preliminary list*"]
    assert texts(root, ".notes .note-mark") == ["*", "1"]  # both items cite one list: one asterisk note


def test_several_signatories_sign_in_order_name_first_in_english(built):
    root = page(built, "A_61_872-EN")
    assert texts(root, ".signature") == [
        "(Signed) Johan Verbeke Permanent Representative of Belgium",
        "(Signed) Jean-Marc Hoscheit Permanent Representative of Luxembourg"]


@pytest.mark.parametrize("stem, word", [("A_61_100_Corr.1-EN", "Corrigendum"), ("A_61_100_Corr.1-FR", "Rectificatif")])
def test_a_corrigendum_says_so_under_its_title_and_has_no_letter_parts(built, stem, word):
    root = page(built, stem)
    assert root.cssselect("h1.title")[0].getnext().text_content() == word
    assert texts(root, ".part-heading") == [] and texts(root, ".signature") == []
    assert texts(root, ".labelled .label")[0] == "1."


def test_limited_distribution_and_several_annexes_numbered_with_the_original_note(built):
    root = page(built, "A_61_250-EN")
    assert texts(root, ".distribution p")[0] == "Distr.: Limited"
    assert texts(root, "section.annex .part-heading") == ["Annex I", "Annex II"]
    assert [s.get("id") for s in root.cssselect("section.part")] == ["letter", "annex", "annex-2", "enclosure"]
    assert texts(root, "#annex-2 .original-note") == ["[Original: French]"]
    assert texts(root, "#enclosure .part-heading") == ["Enclosure to annex II"]


def test_a_table_marks_its_header_row(built):
    root = page(built, "A_61_250-EN")
    (table,) = root.cssselect("#annex table")
    assert texts(table, "thead th") == ["Region", "Governments", "Organizations"]
    assert all(th.get("scope") == "col" for th in table.cssselect("th"))
    assert len(table.cssselect("tbody tr")) == 4


def test_a_reissued_document_marks_its_symbol_and_job_number_and_dates_the_note(built):
    root = page(built, "A_65_L.78-EN")
    assert texts(root, ".masthead .symbols") == ["A/65/L.78*"]
    assert texts(root, ".front .agenda") == ["Agenda item 13**"]
    notes = [re.sub(r" ↩$", "", t) for t in texts(root, ".notes .note")]
    assert notes == ["* Reissued for technical reasons on 16 June 2011.", "** A/65/251."]
    assert texts(root, ".job-line") == ["11-37476* (E) 160611"]


def test_draft_mode_marks_the_page_and_a_normal_build_never_does(built, tmp_path):
    assert not page(built, "A_61_250-EN").cssselect(".draft-mark")
    assert main(["build", str(SHAPES / "A_61_100_Corr.1"), "--format", "html", "--draft", "--out", str(tmp_path)]) == 0
    assert texts(page(tmp_path, "A_61_100_Corr.1-FR"), ".draft-mark") == ["Version préliminaire non éditée"]
    assert texts(page(tmp_path, "A_61_100_Corr.1-EN"), ".draft-mark") == ["Advance unedited version"]
