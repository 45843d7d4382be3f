"""What a draft holds that the content cannot (a comment, a tracked change, a text box, formatting
of its own) is one line `DRAFT.docx:PARAGRAPH N: what and why`, and the import still completes;
facts that differ from document.yaml are reported and document.yaml is kept; the command line."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml import etree

from tests.importing.drafts import EPOCH, FIXTURE, W, Editor, build, copy_content, diff_of
from unpress.cli import main
from unpress.importer import plan_import


@pytest.fixture(autouse=True)
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture()
def fixture(tmp_path):
    content = copy_content(FIXTURE, tmp_path)
    return content, build(content, tmp_path / "dist")["A_61_100-EN.docx"]


def _run_with(paragraph, text: str):
    return next(run for run in paragraph.runs if text in run.text)


def _number(editor: Editor, paragraph) -> int:
    return list(editor.body.iter(qn("w:p"))).index(paragraph._p) + 1


def _edited(fixture, edit):
    """The import plan of the fixture's draft after `edit(editor, paragraph)` on paragraph (b),
    and that paragraph's number."""
    content, draft = fixture
    editor = Editor(draft)
    paragraph = editor.paragraph_with("Demographic and economic")
    edit(editor, paragraph)
    editor.save()
    return plan_import(draft, content), f"{draft}:PARAGRAPH {_number(editor, paragraph)}"


def test_a_comment_is_one_line_and_left_out(fixture):
    plan, where = _edited(fixture, lambda editor, paragraph: editor.document.add_comment(
        _run_with(paragraph, "Demographic"), text="Check the figures", author="Editor"))
    assert plan.lines == [f"{where}: a comment by Editor (\"Check the figures\") is not content; left out"]
    assert plan.changed() == {}


def _track_changes(editor, paragraph) -> None:
    run = _run_with(paragraph, "Demographic")._r
    inserted = etree.fromstring(f'<w:ins xmlns:w="{W[1:-1]}" w:id="90" w:author="Editor" w:date="2006-06-01T00:00:00Z">'
                                f'<w:r><w:t xml:space="preserve"> and lasting</w:t></w:r></w:ins>')
    deleted = etree.fromstring(f'<w:del xmlns:w="{W[1:-1]}" w:id="91" w:author="Editor" w:date="2006-06-01T00:00:00Z">'
                               f'<w:r><w:delText>Once more. </w:delText></w:r></w:del>')
    run.text = "Demographic and economic inequalities will continue to drive migration flows"
    run.addnext(inserted)
    inserted.addnext(etree.fromstring(f'<w:r xmlns:w="{W[1:-1]}"><w:t>.</w:t></w:r>'))
    run.addprevious(deleted)


def test_tracked_changes_are_accepted_and_each_is_reported(fixture):
    plan, where = _edited(fixture, _track_changes)
    assert plan.lines == [
        f"{where}: a tracked deletion \"Once more. \" is accepted: its text is left out",
        f"{where}: a tracked insertion \" and lasting\" is accepted: its text is kept",
    ]
    assert "+(b) Demographic and economic inequalities will continue to drive migration flows and\n+lasting.\n" \
        in plan.diff()


def test_a_text_box_is_one_line_and_its_text_is_not_read(fixture):
    plan, where = _edited(fixture, lambda editor, paragraph: paragraph._p.append(etree.fromstring(
        f'<w:r xmlns:w="{W[1:-1]}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
        f'<w:txbxContent><w:p><w:r><w:t>A boxed remark</w:t></w:r></w:p></w:txbxContent>'
        f'</v:textbox></v:shape></w:pict></w:r>')))
    assert plan.lines == [f"{where}: a text box (\"A boxed remark\") is not read: move its text into the body"]
    assert plan.changed() == {}


def _format(editor, paragraph) -> None:
    run = _run_with(paragraph, "Demographic")
    run.font.color.rgb = RGBColor(0xFF, 0, 0)
    run.font.underline = True
    editor.paragraph_with("I have the honour").runs[0].italic = True


def test_formatting_of_its_own_is_one_line_bold_and_italic_are_read(fixture):
    plan, where = _edited(fixture, _format)
    assert plan.lines == [f"{where}: formatting of its own (color, u) has no meaning in the content; left out"]
    assert "+*I have the honour to transmit herewith the conclusions of the International Conference on*\n" \
        not in plan.diff()  # re-wrapped, but emphasized:
    assert "+*I have the honour" in plan.diff()


def test_facts_that_differ_are_reported_and_document_yaml_is_kept(fixture):
    content, draft = fixture
    editor = Editor(draft)
    editor.replace("Globalization and interdependence", "Globalization")
    editor.save()
    plan = plan_import(draft, content)
    assert plan.lines == [
        f"{draft}: versions.en.title: the draft shows \"Globalization: international migration and development\" "
        "where document.yaml has \"Globalization and interdependence: international migration and development\"; "
        "document.yaml is kept as it is (edit it if the draft is right)"]
    assert plan.changed() == {}


def test_diff_writes_nothing_and_import_writes_the_files(fixture, capsys):
    content, draft = fixture
    editor = Editor(draft)
    editor.replace("some 400 participants", "some 450 participants")
    editor.save()
    before = (content / "en" / "letter.md").read_text(encoding="utf-8")
    assert main(["import", str(draft), "--into", str(content), "--diff"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"--- {content}/en/letter.md\n+++ {content}/en/letter.md\n")
    assert (content / "en" / "letter.md").read_text(encoding="utf-8") == before
    assert main(["import", str(draft), "--into", str(content)]) == 0
    assert capsys.readouterr().out == f"wrote {content}/en/letter.md\n"
    assert "some 450 participants" in (content / "en" / "letter.md").read_text(encoding="utf-8")
    assert main(["import", str(draft), "--into", str(content)]) == 0
    assert "unchanged" in capsys.readouterr().out
    assert diff_of(draft, content) == ""


def test_a_file_that_is_not_a_docx_is_one_line_and_exit_1(tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    assert main(["import", str(bad), "--into", str(tmp_path / "new")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be read as DOCX: not a DOCX (a zip package)" in err
    assert not (tmp_path / "new").exists()
    assert main(["import", str(tmp_path / "missing.docx"), "--into", str(tmp_path / "new")]) == 1


def test_a_docx_declaring_entities_is_refused(tmp_path, fixture, capsys):
    import zipfile

    _, draft = fixture
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:document", b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document', 1)
            target.writestr(item, data)
    assert main(["import", str(hostile), "--into", str(tmp_path / "new")]) == 1
    assert "declares a DTD" in capsys.readouterr().err
