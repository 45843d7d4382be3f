"""`unpress check` compares the language versions of a document with each other."""

from __future__ import annotations

import shutil
from pathlib import Path

from unpress.cli import main

SHAPES = Path(__file__).parents[1] / "shapes"


def test_versions_that_differ_in_shape_are_reported(tmp_path, capsys):
    content = tmp_path / "content" / "A_61_100_Corr.1"
    shutil.copytree(SHAPES / "A_61_100_Corr.1", content)
    out = tmp_path / "dist"
    assert main(["build", str(content), "--format", "html", "--out", str(out)]) == 0
    assert main(["check", str(out)]) == 0

    # The French version loses its lettered paragraph (of two labelled ones): each artifact still matches its own content.
    body = content / "fr" / "body.md"
    body.write_text(body.read_text(encoding="utf-8").split("\n(a)")[0] + "\n", encoding="utf-8")
    assert main(["build", str(content), "--format", "html", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["check", str(out)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "A_61_100_Corr.1-FR against A_61_100_Corr.1-EN: paragraphs in body: expected 3 found 2",
        "A_61_100_Corr.1-FR against A_61_100_Corr.1-EN: labels in body: expected 2 found 1",
    ]
