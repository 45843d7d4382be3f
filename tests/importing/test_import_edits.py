"""An editor's changes, made with python-docx as Word makes them: `unpress import --diff` shows
those changes and nothing else, except the labels Word re-letters after an insertion or deletion."""

from __future__ import annotations

import re

import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from tests.importing.drafts import EPOCH, FIXTURE, W, Editor, build, changed_lines, copy_content, diff_of
from tests.seed import SEED_CONTENT
from unpress.cli import main
from unpress.read.content import load_document

_LABEL = re.compile(r"^(?:\(?[a-z]\)|\d{1,3}\.) ")


@pytest.fixture(autouse=True)
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _without_labels(lines: list[str]) -> list[str]:
    """The lines without their labels, and without blank lines (which a diff pairs as it likes)."""
    return [_LABEL.sub("", line) for line in lines if line.strip()]


def _relabelled_only(removed: list[str], added: list[str]) -> tuple[list[str], list[str]]:
    """The removed and added lines left once lines that changed only their label are paired off."""
    removed, added = _without_labels(removed), _without_labels(added)
    for line in list(removed):
        if line in added:
            removed.remove(line)
            added.remove(line)
    return removed, added


def test_a_word_a_note_edited_a_note_added_and_a_table_cell_show_in_the_diff_and_nothing_else(tmp_path):
    content = copy_content(FIXTURE, tmp_path)
    draft = build(content, tmp_path / "dist")["A_61_100-EN.docx"]
    editor = Editor(draft)
    editor.replace("some 400 participants", "some 450 participants")
    editor.edit_note("Including ministers", "Including several ministers")
    editor.add_note(editor.paragraph_with("Demographic and economic"), "Figures of the World Bank.")
    editor.cell(0, 2, 1, "125")
    editor.save()

    diff = diff_of(draft, content)
    removed, added = changed_lines(diff)
    assert removed == [
        "1. The Conference brought together some 400 participants from countries of destination and",
        "[^participants]: Including ministers and senior officials.",
        "(b) Demographic and economic inequalities will continue to drive migration flows.",
        "| Africa | 120 |",
    ]
    assert added == [
        "1. The Conference brought together some 450 participants from countries of destination and",
        "[^participants]: Including several ministers and senior officials.",
        "(b) Demographic and economic inequalities will continue to drive migration flows.[^1]",
        "| Africa | 125 |",
        "",
        "[^1]: Figures of the World Bank.",
    ]
    # The edited file keeps the writer's style: wrapped lines, note labels, notes at the end.
    assert main(["import", str(draft), "--into", str(content)]) == 0
    annex = (content / "en" / "annex.md").read_text(encoding="utf-8")
    assert annex.endswith("[^egmont]: The Egmont Palace hosted the Conference.\n\n[^1]: Figures of the World Bank.\n")
    assert diff_of(draft, content) == ""  # imported once, the draft and the content agree
    version = load_document(content)[0].versions[0]
    assert [note.mark for note in version.notes] == ["*", "1", "2", "3", "4"]


def test_a_lettered_paragraph_inserted_and_one_deleted_change_those_and_the_labels_only(tmp_path):
    content = copy_content(SEED_CONTENT, tmp_path)
    draft = build(content, tmp_path / "dist", "docx")["A_61_XXX-FR.docx"]
    editor = Editor(draft)
    lettered = editor.paragraphs("UN Lettered Paragraph")
    editor.insert_after(lettered[3], "Les participants ont ajouté un paragraphe.")
    deleted = lettered[7].text.split("\t", 1)[-1]
    editor.delete(lettered[7])
    editor.save()

    removed, added = changed_lines(diff_of(draft, content))
    removed, added = _relabelled_only(removed, added)
    assert added == ["Les participants ont ajouté un paragraphe."]
    assert removed == [deleted.replace("\u00a0", " ")]
    assert main(["import", str(draft), "--into", str(content)]) == 0
    annex = load_document(content)[0].versions[3].parts[1]
    labels = [block.label for block in annex.blocks if block.kind == "labelled"]
    assert len(labels) == 20 and labels[4] == "e)"


@pytest.mark.parametrize("style", ["Footnote Characters", None])
def test_the_arabic_note_marks_parentheses_belong_to_the_mark_in_any_note_mark_style(tmp_path, style):
    """LibreOffice's re-save gives the "(" and ")" typed around an Arabic note number its "Footnote
    Characters" style and the reference its "Footnote Anchor": they are still the mark. Typed in
    the text's own style, they are text around the note."""
    from tests.importing.drafts import LANGUAGES
    draft = build(LANGUAGES, tmp_path / "dist")["A_61_100-AR.docx"]
    editor = Editor(draft)
    styles = editor.document.styles
    reference = next(ref.getparent() for ref in editor.body.iter(qn("w:footnoteReference"))
                     if ref.get(qn("w:customMarkFollows")) is None)
    assert [run.find(f"{W}t").text for run in (reference.getprevious(), reference.getnext())] == ["(", ")"]
    for run in (reference.getprevious(), reference.getnext()):
        rstyle = run.find(f"{W}rPr/{W}rStyle")
        if style:
            rstyle.set(qn("w:val"), styles.add_style(style, WD_STYLE_TYPE.CHARACTER).style_id
                       if style not in styles else styles[style].style_id)
        else:
            rstyle.getparent().remove(rstyle)
    editor.save()
    removed, added = changed_lines(diff_of(draft, LANGUAGES))
    if style:
        assert (removed, added) == ([], [])
    else:
        assert [line for line in removed if "[^1]" in line] == [
            line.replace("([^1])", "[^1]") for line in added if "[^1]" in line]
        assert any("([^1])" in line for line in added)
