"""build -> import -> build: a draft nobody edited changes no content file, and imported into a
new folder it builds the very same bytes again, for every test document in every language."""

from __future__ import annotations

import pytest

from tests.docx.conftest import every_block_content
from tests.importing.drafts import DOCUMENTS, EPOCH, build
from unpress.cli import main
from unpress.importer import plan_import


def _ids(path):
    return path.name


@pytest.fixture(autouse=True)
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.mark.parametrize("content", DOCUMENTS, ids=_ids)
def test_an_unchanged_draft_changes_nothing_and_reports_nothing(content, tmp_path):
    drafts = build(content, tmp_path / "dist")
    assert drafts
    for name, draft in drafts.items():
        plan = plan_import(draft, content)
        assert plan.lines == [], name
        assert plan.changed() == {}, (name, plan.diff())


def _round_trip(content, tmp_path, formats: str) -> None:
    first = build(content, tmp_path / "first", formats)
    new = tmp_path / "imported" / content.name
    for draft in (path for name, path in first.items() if name.endswith(".docx")):
        assert main(["import", str(draft), "--into", str(new)]) == 0
    again = build(new, tmp_path / "again", formats)
    assert sorted(again) == sorted(first)
    different = [name for name in first if first[name].read_bytes() != again[name].read_bytes()]
    assert different == []


@pytest.mark.parametrize("content", DOCUMENTS, ids=_ids)
def test_a_draft_imported_into_a_new_folder_builds_the_same_html_and_docx(content, tmp_path):
    _round_trip(content, tmp_path, "html,docx")


@pytest.mark.slow
@pytest.mark.parametrize("content", DOCUMENTS, ids=_ids)
def test_a_draft_imported_into_a_new_folder_builds_the_same_pdf(content, tmp_path):
    _round_trip(content, tmp_path, "pdf,docx")


def test_every_kind_of_block_comes_back(tmp_path):
    """Lists nested in lists, a quotation, code, links (one in a note), all four emphases and a
    note referred to twice (Word's NOTEREF field to a bookmark), which no test document has."""
    content = every_block_content(tmp_path / "content")
    for draft in build(content, tmp_path / "dist").values():
        assert plan_import(draft, content).changed() == {}
    _round_trip(content, tmp_path / "again", "html,docx")
