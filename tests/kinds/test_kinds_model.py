"""Kinds of document in the model: `kind` (letter, note, report, draft-resolution, draft-decision),
the part each is written in, `issued_by` and `contents`, and the one-line errors of each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from unpress.cli import main
from unpress.read.content import ISSUED_KINDS, KIND_PARTS, KINDS, load_document
from unpress.render.akn import DOCUMENT_CLASSES, identity

LINE = re.compile(r"^(?P<file>[^:]+):(?:(?P<line>\d+):)? (?P<field>[^:]+): (?P<message>.+) \[(?P<code>[a-z-]+)\]$")


def write(folder: Path, yaml_extra: str = "", part: str = "body.md", langs=("en",)) -> Path:
    folder.mkdir(exist_ok=True)
    titles = "".join(f"  {lang}:\n    title: \"Item title\"\n" for lang in langs)
    (folder / "document.yaml").write_text(
        "symbol: A/61/150\ndistribution: general\ndate: 2006-07-20\noriginal: en\nsession: 61\n"
        f"{yaml_extra}versions:\n{titles}", encoding="utf-8")
    for lang in langs:
        (folder / lang).mkdir(exist_ok=True)
        (folder / lang / part).write_text("---\nheading: Its heading\n---\n\nThe text.\n", encoding="utf-8")
    return folder


def errors_of(folder: Path, capsys) -> list[re.Match]:
    assert main(["build", str(folder), "--out", str(folder.parent / "dist"), "--format", "html"]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    matches = [LINE.match(line) for line in lines]
    assert all(matches), lines  # one line each, no traceback
    return matches


def test_the_akn_document_classes_are_the_kinds():
    assert tuple(DOCUMENT_CLASSES) == KINDS
    assert set(KIND_PARTS) == set(KINDS)


@pytest.mark.parametrize("kind", ISSUED_KINDS)
def test_a_report_or_note_carries_its_kind_and_issuer_in_every_version(tmp_path, kind):
    document, problems = load_document(write(tmp_path, f"kind: {kind}\nissued_by: secretary-general\n",
                                             langs=("en", "fr")))
    assert not problems
    assert document.kind == kind
    lines = {v.lang: v.issued_by for v in document.versions}
    assert {v.kind for v in document.versions} == {kind}
    assert lines == {"report": {"en": "Report of the Secretary-General", "fr": "Rapport du Secrétaire général"},
                     "note": {"en": "Note by the Secretary-General", "fr": "Note du Secrétaire général"}}[kind]
    assert identity(document.versions[0], document).name == kind


def test_the_secretariat_issues_notes_too(tmp_path):
    document, _ = load_document(write(tmp_path, "kind: note\nissued_by: secretariat\n"))
    assert document.versions[0].issued_by == "Note by the Secretariat"


@pytest.mark.parametrize("part, kind", [("letter.md", "letter"), ("body.md", "note")])
def test_without_kind_a_letter_is_a_letter_and_a_body_a_note(tmp_path, part, kind):
    document, _ = load_document(write(tmp_path, part=part))
    assert document.kind == kind and document.versions[0].kind == kind
    assert document.versions[0].issued_by is None


@pytest.mark.parametrize("kind", ["draft-resolution", "draft-decision"])
def test_drafts_are_written_in_body_md(tmp_path, kind):
    document, _ = load_document(write(tmp_path, f"kind: {kind}\n"))
    assert document.versions[0].kind == kind
    assert identity(document.versions[0], document).doc_type == "statement"


@pytest.mark.parametrize("extra, part, line, field, words, code", [
    ("kind: reprot\n", "body.md", 6, "kind", "\"reprot\" is not one of: letter, note, report", "bad-value"),
    ("kind: report\n", "letter.md", 6, "kind", "a report is written in body.md, and en/ has letter.md; "
     "rename en/letter.md to body.md", "bad-kind"),
    ("kind: letter\n", "body.md", 6, "kind", "a letter is written in letter.md", "bad-kind"),
    ("issued_by: secretary-general\n", "letter.md", 6, "issued_by", "only a report or a note is issued",
     "bad-kind"),
    ("kind: draft-resolution\nissued_by: secretary-general\n", "body.md", 7, "issued_by",
     "this document is a draft resolution", "bad-kind"),
    ("kind: report\nissued_by: president\n", "body.md", 7, "issued_by",
     "\"president\" is not one of: secretary-general, secretariat", "bad-value"),
    ("kind: letter\ncontents: true\n", "letter.md", 7, "contents", "a Contents table belongs to a report",
     "bad-kind"),
    ("kind: report\ncontents: maybe\n", "body.md", 7, "contents", "\"maybe\" is not true or false", "bad-value"),
])
def test_a_kind_that_cannot_apply_is_one_line(tmp_path, capsys, extra, part, line, field, words, code):
    (error,) = errors_of(write(tmp_path / "doc", extra, part),
                         capsys)
    assert error["file"].endswith("document.yaml")
    assert (int(error["line"]), error["field"], error["code"]) == (line, field, code)
    assert words in error["message"]


def test_versions_written_in_different_parts_are_an_error(tmp_path, capsys):
    folder = write(tmp_path / "doc", langs=("en",))
    (folder / "document.yaml").write_text((folder / "document.yaml").read_text() + "  fr:\n    title: \"T\"\n")
    (folder / "fr").mkdir()
    (folder / "fr" / "letter.md").write_text("The text.\n")
    (error,) = errors_of(folder, capsys)
    assert error["line"] is None and error["code"] == "bad-kind" and "the fr version is a letter (letter.md) and the en version a note" \
        in error["message"]
