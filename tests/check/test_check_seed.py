"""`python build.py --check` passes on a fresh build of the seed in its six languages and three
formats, and `unpress check` fails on a damaged copy of each format."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from tests.check.damage import rerender, rewrite_part, with_note
from tests.seed import SEED_CONTENT
from unpress.cli import main


@pytest.fixture(scope="module")
def seed_dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "dist"
    assert main(["build", str(SEED_CONTENT), "--out", str(out), "--check"]) == 0
    return out


def test_a_fresh_build_of_the_seed_passes(seed_dist, capsys):
    capsys.readouterr()
    assert main(["check", str(seed_dist)]) == 0
    assert capsys.readouterr().out == f"checked {seed_dist}: the artifacts agree with their content and each other\n"
    assert len(list(seed_dist.glob("A_61_XXX/*.*"))) == 24  # six languages, four formats


def damage_html(folder: Path) -> str:
    page = folder / "A_61_XXX-ES.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace(">25 de abril de 2006<", ">26 de abril de 2006<", 1), encoding="utf-8")
    return (f'{page}: distribution block: expected ["Distr. general", "25 de abril de 2006", "Español", '
            '"Original: inglés"] found ["Distr. general", "26 de abril de 2006", "Español", "Original: inglés"]')


def damage_docx(folder: Path) -> str:
    docx = folder / "A_61_XXX-ZH.docx"
    rewrite_part(docx, "word/footnotes.xml", "A/61/50", "A/61/51")
    return f'{docx}: footnote *: expected "* A/61/50和Corr.1。" found "* A/61/51和Corr.1。"'


def damage_pdf(folder: Path) -> str:
    pdf = folder / "A_61_XXX-FR.pdf"
    rerender(pdf, SEED_CONTENT, lambda version: dataclasses.replace(version, symbol_line="A/61/YYY"), "fr")
    return f'{pdf}: running header of page 2: expected "A/61/XXX" found "A/61/YYY"'


def damage_arabic_pdf(folder: Path) -> str:
    pdf = folder / "A_61_XXX-AR.pdf"
    rerender(pdf, SEED_CONTENT, lambda version: with_note(version, "*", None), "ar")
    return f"{pdf}: number of footnotes: expected 1 found 0"


@pytest.mark.parametrize("damage", [damage_html, damage_docx, damage_pdf, damage_arabic_pdf])
def test_a_damaged_copy_fails(seed_dist, tmp_path, capsys, damage):
    copy = tmp_path / "copy"
    shutil.copytree(seed_dist, copy)
    message = damage(copy / "A_61_XXX")
    capsys.readouterr()
    assert main(["check", str(copy), "--content", str(SEED_CONTENT.parent)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert message in lines, lines
