"""Drafts from other programs: LibreOffice's re-save of unpress's DOCX imports back to the same
content; a pandoc DOCX and a letter typed in a word processor with typed labels import into a
new folder that builds, with the facts they do not show named."""

from __future__ import annotations

import docx
import pytest

from tests.clients.programs import require, run_program, soffice_to_pdf
from tests.docx.conftest import every_block_content
from tests.importing.drafts import DOCUMENTS, EPOCH, FIXTURE, LANGUAGES, build
from tests.seed import SEED_CONTENT
from unpress.cli import main
from unpress.importer import plan_import
from unpress.read.content import load_document

pytestmark = pytest.mark.client


def soffice_convert(path, out, to: str):
    """LibreOffice's save of a document in its format `to` (docx, odt)."""
    return soffice_to_pdf(path, out, to, f".{to}")


@pytest.fixture(autouse=True)
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.mark.parametrize("content", [SEED_CONTENT, FIXTURE, LANGUAGES, *DOCUMENTS[2:6], "every block"],
                         ids=lambda p: getattr(p, "name", p))
def test_libreoffice_resaved_drafts_import_back_to_the_same_content(content, tmp_path):
    require("soffice")
    if content == "every block":  # nested lists, a list item's later paragraph, quotes, code
        content = every_block_content(tmp_path / "content")
    for name, draft in build(content, tmp_path / "dist").items():
        resaved = soffice_convert(draft, tmp_path / "resaved", "docx")
        plan = plan_import(resaved, content)
        assert plan.changed() == {}, (name, plan.diff())
        assert plan.lines == [], name


def _names(lines: list[str]) -> list[str]:
    return [line.split(": ")[1] for line in lines]


def test_a_pandoc_docx_imports_into_a_new_folder_that_builds(tmp_path):
    require("pandoc")
    source = tmp_path / "note.md"
    source.write_text(
        "---\ntitle: Globalization and interdependence\nlang: en-GB\n---\n\n"
        "I have the honour to transmit *herewith* the **conclusions** of the "
        "[Conference](https://example.org/c).[^1]\n\n"
        "1. First numbered paragraph.\n2. Second numbered paragraph.\n\n"
        "(a) A typed lettered paragraph.\n\n(b) Another one.\n\n- a bullet\n- another\n\n> A quote.\n\n"
        "| Region | Count |\n|--------|------:|\n| Europe | 210 |\n\n[^1]: A note with *emphasis*.\n",
        encoding="utf-8")
    draft = tmp_path / "note.docx"
    run_program(["pandoc", source, "-o", draft])
    folder = tmp_path / "content" / "NOTE"
    plan = plan_import(draft, folder)
    assert _names(plan.lines) == ["symbol", "distribution", "date", "original", "session"]
    assert main(["import", str(draft), "--into", str(folder)]) == 0
    assert (folder / "en" / "body.md").read_text(encoding="utf-8") == (
        "I have the honour to transmit *herewith* the **conclusions** of the "
        "[Conference](https://example.org/c).[^1]\n\n"
        "1. First numbered paragraph.\n\n2. Second numbered paragraph.\n\n"
        "(a) A typed lettered paragraph.\n\n(b) Another one.\n\n- a bullet\n- another\n\n> A quote.\n\n"
        "| Region | Count |\n|--------|------:|\n| Europe | 210 |\n\n[^1]: A note with *emphasis*.\n")
    version = load_document(folder)[0].versions[0]
    assert version.title == "Globalization and interdependence"
    assert main(["build", str(folder), "--format", "html,docx", "--out", str(tmp_path / "dist")]) == 0


def test_a_letter_typed_with_typed_labels_imports_as_a_letter(tmp_path):
    require("soffice")
    typed = docx.Document()  # Word's own styles: Normal paragraphs, labels typed by hand
    typed.add_paragraph().add_run("Lettre datée du 13 avril 2006 adressée au Secrétaire général").bold = True
    typed.add_paragraph("J'ai l'honneur de vous transmettre les conclusions suivantes :")
    typed.add_paragraph("a)\tLes participants ont reconnu un changement majeur.")
    typed.add_paragraph("b) Les inégalités continueront.")
    paragraph = typed.add_paragraph("Elles seront ")
    paragraph.add_run("utiles").italic = True
    paragraph.add_run(".")
    typed.add_paragraph("(Signé) Alain Cools")
    typed.core_properties.language = "fr-FR"
    typed.save(tmp_path / "typed.docx")
    # Saved by LibreOffice as a document it made: its own styles and settings.
    odt = soffice_convert(tmp_path / "typed.docx", tmp_path / "odt", "odt")
    draft = soffice_convert(odt, tmp_path / "lo", "docx")
    folder = tmp_path / "content" / "LETTER"
    assert main(["import", str(draft), "--into", str(folder)]) == 0
    assert (folder / "fr" / "letter.md").read_text(encoding="utf-8") == (
        "---\nheading: Lettre datée du 13 avril 2006 adressée au Secrétaire général\n"
        "signature:\n  name: Alain Cools\n---\n\n"
        "J'ai l'honneur de vous transmettre les conclusions suivantes :\n\n"
        "a) Les participants ont reconnu un changement majeur.\n\n"
        "b) Les inégalités continueront.\n\nElles seront *utiles*.\n")
    letter = load_document(folder)[0].versions[0].parts[0]
    assert [block.label for block in letter.blocks if block.kind == "labelled"] == ["a)", "b)"]
    assert letter.signatures[0].signed == "(Signé) Alain Cools"
