"""`unpress check` passes on a fresh build and catches each kind of damage to an HTML page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.check.damage import check
from unpress.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def built(tmp_path) -> Path:
    shutil.copytree(FIXTURES / "A_61_100", tmp_path / "content" / "A_61_100")
    out = tmp_path / "dist"
    assert main(["build", str(tmp_path / "content"), "--format", "html", "--out", str(out)]) == 0
    return out


def damage(page: Path, old: str, new: str) -> None:
    """Replace the first match of the pattern `old`."""
    text = page.read_text(encoding="utf-8")
    damaged = re.sub(old, new, text, count=1, flags=re.DOTALL)
    assert damaged != text
    page.write_text(damaged, encoding="utf-8")


def test_a_fresh_build_passes(built, capsys):
    assert check(built, capsys) == (0, [])


DAMAGE = {
    "symbol": ('>A/61/100</span>', '>A/61/101</span>',
               'symbol(s) in the masthead: expected ["A/61/100"] found ["A/61/101"]'),
    "date": (">15 June 2006<", ">16 June 2006<", "distribution block: expected"),
    "dropped footnote": ('<div class="note" id="note-3".*?</div>', "",
                         "number of footnotes: expected 4 found 3"),
    "footnote text": ("hosted the Conference.", "hosted a conference.",
                      'footnote 3: expected "3 The Egmont Palace hosted the Conference." found'),
    "label": (r'<span class="label">\(b\) </span>', '<span class="label">(c) </span>', "paragraph labels: expected"),
    "agenda": ("of the preliminary list", "of the provisional agenda", 'front, block 2 (agenda line): expected "Item 54 (b) of the preliminary list*" '
               'found "Item 54 (b) of the provisional agenda*"'),
    "job number": (r"06-39949 \(E\) 280806", "06-39948 (E) 280806", 'job number line: expected "06-39949 (E) 280806"'),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_each_kind_of_damage_is_caught(built, capsys, kind):
    old, new, message = DAMAGE[kind]
    page = built / "A_61_100" / "A_61_100-EN.html"
    damage(page, old, new)
    status, lines = check(built, capsys)
    assert status == 1
    assert any(line.startswith(f"{page}: sha256: expected") for line in lines)  # the manifest saw it too
    assert any(message in line for line in lines), lines
    assert all(line.startswith(str(page)) for line in lines)


def test_a_missing_artifact_and_a_missing_manifest(built, capsys, tmp_path):
    (built / "A_61_100" / "A_61_100-EN.html").unlink()
    status, lines = check(built, capsys)
    assert status == 1 and "missing: listed in the manifest" in lines[0]
    status, lines = check(tmp_path, capsys)
    assert status == 1 and "no manifest with artifacts" in lines[0]
