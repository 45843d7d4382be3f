"""Numbers that every language must print in words: beyond what the locales can write is one line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.hostile.test_corpus import LINE
from unpress.cli import main

SEED = Path(__file__).parents[2] / "content" / "A_61_XXX"


@pytest.mark.parametrize("old, new, code", [
    ("session: 61", "session: 100", "bad-session"),  # Arabic and Chinese write 1 to 99 in words
    ("session: 61", "session: 0", "bad-session"),
    ("symbol: A/61/XXX", "symbol: [A/61/XXX, S/1945/300]", "bad-symbol"),  # the Council's year 0
    ("symbol: A/61/XXX", "symbol: [A/61/XXX, S/2999/300]", "bad-symbol"),
])
def test_a_number_no_language_can_print_in_words_is_one_line(tmp_path, capsys, old, new, code):
    folder = tmp_path / "A_61_XXX"
    shutil.copytree(SEED, folder)
    text = (folder / "document.yaml").read_text(encoding="utf-8")
    assert re.search(f"^{re.escape(old)}$", text, re.MULTILINE)
    (folder / "document.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    status = main(["build", str(folder), "--format", "html", "--out", str(tmp_path / "dist")])
    err = [line for line in capsys.readouterr().err.splitlines() if "warning:" not in line]
    assert status == 1, err
    assert [LINE.match(line)["code"] for line in err] == [code], err
