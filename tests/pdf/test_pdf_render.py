"""What the PDF renderer reports and refuses: WeasyPrint's warnings, long notes, fonts, outside files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.pdf.conftest import FIXTURE, build_pdf, letter_whose_note_weasyprint_moves
from unpress.problems import ContentError
from unpress.read.content import load_document
from unpress.render import RenderContext
from unpress.render.pdf import LocalFetcher, font_problems, weasyprint_html
from unpress.render.pdf_notes import lay_out, note_places, note_problems
from unpress.settings import Settings
from unpress.theme import BUILTIN_STYLES, BUILTIN_TEMPLATES, Theme


def copy_of_fixture(tmp_path: Path) -> Path:
    folder = tmp_path / "A_61_100"
    shutil.copytree(FIXTURE, folder)
    return folder


def test_a_css_problem_in_a_user_stylesheet_is_a_warning_of_the_build(tmp_path, capsys):
    styles = tmp_path / "styles"
    styles.mkdir()
    (styles / "paged.css").write_text((BUILTIN_STYLES / "paged.css").read_text() + "\np { colour: red; }\n")
    build_pdf(FIXTURE, tmp_path / "out", "--styles", str(styles))
    err = capsys.readouterr().err
    assert "pdf: warning: WeasyPrint: Ignored `colour: red`" in err and "[weasyprint]" in err


def test_the_default_styles_give_weasyprint_nothing_to_warn_of(tmp_path, capsys):
    build_pdf(FIXTURE, tmp_path)
    assert "warning" not in capsys.readouterr().err


def test_a_note_longer_than_a_page_is_a_warning_naming_it(tmp_path, capsys):
    folder = copy_of_fixture(tmp_path)
    letter = folder / "en" / "letter.md"
    long_note = " ".join(["Including ministers and senior officials from many countries."] * 450)
    letter.write_text(letter.read_text().replace("Including ministers and senior officials.", long_note))
    build_pdf(folder, tmp_path / "out")
    err = capsys.readouterr().err
    assert "note 2: warning: the note is longer than a page" in err and "[note-too-long]" in err


def test_characters_that_no_font_has_are_one_warning_naming_them(tmp_path, capsys):
    folder = copy_of_fixture(tmp_path)
    letter = folder / "en" / "letter.md"
    # Private use characters: no font has them, whatever fonts the machine has.
    letter.write_text(letter.read_text().replace("(see annex)", "(see annex \U000F0000\U000F0001 \U000F0000)"))
    build_pdf(folder, tmp_path / "out")
    err = capsys.readouterr().err
    assert err.count("[font-missing]") == 1
    assert 'no installed font has the characters "\U000F0000\U000F0001"' in err
    assert "install a font that has them" in err


def page(number_of_anchor: dict, top: float = 96.0):
    """A stand-in for a laid-out WeasyPrint page: its anchors' boxes and its text area's top."""
    return SimpleNamespace(anchors=number_of_anchor,
                           _page_box=SimpleNamespace(content_box_y=lambda: top))


def test_a_note_moved_away_from_its_reference_is_a_warning():
    version = load_document(FIXTURE)[0].versions[0]
    box = (0, 500, 100, 520)
    anchors = {name: box for note in version.notes for name in (note.note_id, note.ref_id)}
    together = page(anchors)
    assert note_problems(note_places(version, [together]), "doc") == []
    first = page({k: v for k, v in anchors.items() if k != "note-2"})
    second = page({"note-2": box})
    (problem,) = note_problems(note_places(version, [first, second]), "doc")
    assert problem.field == "note 2" and problem.code == "note-too-long"
    assert "did not fit on page 1 with the text around its reference, and was moved to page 2" in problem.message


def test_a_missing_font_is_a_warning_naming_the_package_to_install():
    tokens = {"font_body": '"Times New Roman", "Liberation Serif", Tinos, serif',
              "font_masthead": 'Arial, "Liberation Sans", Arimo, sans-serif'}
    assert font_problems(tokens, frozenset({"Tinos", "Arimo"}), "tokens.yaml") == []
    (problem,) = font_problems(tokens, frozenset({"Arimo", "DejaVu Serif"}), "tokens.yaml")
    assert problem.field == "font_body" and problem.code == "font-missing"
    assert "Times New Roman, Liberation Serif, Tinos" in problem.message
    assert "fonts-croscore or fonts-liberation2" in problem.message


def test_weasyprint_reads_only_the_document_theme_and_emblem(tmp_path):
    document, emblem, outside = tmp_path / "doc", tmp_path / "emblem.png", tmp_path / "secret.txt"
    document.mkdir()
    (document / "image.svg").write_text("<svg/>")
    (document / "link.txt").symlink_to(outside)
    for file in (emblem, outside):
        file.write_text("x")
    fetcher = LocalFetcher((document, BUILTIN_TEMPLATES, BUILTIN_STYLES), (emblem,))
    for allowed in (document / "image.svg", BUILTIN_STYLES / "paged.css", emblem):
        fetcher.fetch(allowed.as_uri()).close()
    fetcher.fetch("data:text/plain,x").close()
    for refused in (outside.as_uri(), (document / "link.txt").as_uri(), (document / ".." / "secret.txt").as_uri(),
                    "http://example.org/image.png", "https://example.org/x.css", "ftp://example.org/x"):
        with pytest.raises(ValueError):
            fetcher.fetch(refused)
    os.mkfifo(document / "pipe.png")  # read as every file is read: a pipe is refused, never waited on
    with pytest.raises(ContentError):
        fetcher.fetch((document / "pipe.png").as_uri())


def test_a_template_that_points_outside_gets_nothing_and_a_warning(tmp_path, capsys):
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    templates = tmp_path / "templates" / "html"
    templates.mkdir(parents=True)
    text = (BUILTIN_TEMPLATES / "html" / "pdf.html.j2").read_text()
    (templates / "pdf.html.j2").write_text(text.replace(
        "{%- block running %}", f'{{%- block running %}}<img src="{secret.as_uri()}" alt="x">', 1))
    build_pdf(FIXTURE, tmp_path / "out", "--templates", str(templates.parent))
    err = capsys.readouterr().err
    assert "outside the document and theme folders" in err


def test_a_note_weasyprint_would_move_to_keep_lines_together_stays_with_its_reference(tmp_path):
    folder = letter_whose_note_weasyprint_moves(tmp_path)
    document = load_document(folder)[0]
    version, context = document.versions[0], RenderContext(document, Theme(), Settings())
    plain = weasyprint_html(version, context).render()
    (problem,) = note_problems(note_places(version, plain.pages), "doc")
    assert problem.field == "note 2" and "did not fit on page 1" in problem.message
    kept = lay_out(weasyprint_html(version, context))
    assert note_problems(note_places(version, kept.pages), "doc") == []
    assert all(referred == placed for _, referred, placed, _ in note_places(version, kept.pages))
