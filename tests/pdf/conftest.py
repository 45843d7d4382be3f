"""Builds shared by the PDF tests: the seed (French) and the fixture A/61/100 (job number, QR code)."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from tests.seed import SEED_CONTENT
from unpress.cli import main

FIXTURE = SEED_CONTENT.parents[1] / "tests" / "fixtures" / "A_61_100"


def build_pdf(content: Path, out: Path, *options: str) -> Path:
    assert main(["build", str(content), "--format", "pdf", "--out", str(out), *options]) == 0
    (pdf,) = out.glob("*/*.pdf")
    return pdf


@pytest.fixture(scope="session")
def seed_pdf(tmp_path_factory) -> Path:
    return build_pdf(SEED_CONTENT, tmp_path_factory.mktemp("seed"), "--lang", "fr")


@pytest.fixture(scope="session")
def fixture_pdf(tmp_path_factory) -> Path:
    return build_pdf(FIXTURE, tmp_path_factory.mktemp("fixture"))


def letter_whose_note_weasyprint_moves(tmp_path: Path) -> Path:
    """A copy of the fixture whose letter has short and long paragraphs in varying numbers, until
    the foot of page 1 falls where WeasyPrint moves note 2 to page 2 rather than leave one line of
    a paragraph alone there; its folder."""
    from unpress.read.content import load_document
    from unpress.render import RenderContext
    from unpress.render.pdf import weasyprint_html
    from unpress.render.pdf_notes import note_places, note_problems
    from unpress.settings import Settings
    from unpress.theme import Theme

    words = ("The Conference brought together ministers and senior officials from countries of "
             "origin and of destination")
    for longs, shorts in itertools.product((3, 4), range(16)):
        folder = tmp_path / f"{longs}-{shorts}" / "A_61_100"
        shutil.copytree(FIXTURE, folder)
        letter = folder / "en" / "letter.md"
        extra = "\n\n".join(["Short paragraph."] * shorts + [" ".join([words] * 6)] * longs)
        letter.write_text(letter.read_text().replace("2. I should", extra + "\n\n2. I should"))
        document = load_document(folder)[0]
        version, context = document.versions[0], RenderContext(document, Theme(), Settings())
        if note_problems(note_places(version, weasyprint_html(version, context).render().pages), "doc"):
            return folder
    pytest.fail("no layout found in which WeasyPrint moves a note away from its reference")
