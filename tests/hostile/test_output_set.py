"""The output folder under attack and bad luck: documents that would write the same files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from unpress.cli import main

TESTS = Path(__file__).parents[1]
FIXTURE = TESTS / "fixtures" / "A_61_100"
JOINT = TESTS / "shapes" / "A_61_872"  # symbol: [A/61/872, S/2006/300]


def copy(source: Path, folder: Path, symbol: str | None = None) -> Path:
    shutil.copytree(source, folder)
    if symbol:
        facts = folder / "document.yaml"
        text = facts.read_text(encoding="utf-8")
        old = next(line for line in text.splitlines() if line.startswith("symbol:"))
        text = text.replace(old, f"symbol: {symbol}")
        if symbol.startswith("S/"):  # a Security Council document has no session
            text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("session:"))
        facts.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("first, second, symbol", [
    ((FIXTURE, None), (FIXTURE, None), "A/61/100"),  # two folders, one symbol: the same files
    ((JOINT, None), (FIXTURE, "A/61/872"), "A/61/872"),  # a joint document beside its first symbol
    ((JOINT, None), (FIXTURE, "S/2006/300"), "S/2006/300"),  # beside its other symbol
])
def test_two_documents_with_one_symbol_are_an_error_naming_both_folders(tmp_path, capsys, first, second, symbol):
    content = tmp_path / "content"
    copy(first[0], content / "a", first[1])
    copy(second[0], content / "b", second[1])
    out = tmp_path / "dist"
    assert main(["build", str(content), "--format", "html", "--out", str(out)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{content / 'b' / 'document.yaml'}: symbol: {symbol} is also a symbol of {content / 'a'};")
    assert line.endswith("[same-symbol]")
    assert not out.exists()


def test_a_folder_named_twice_is_built_once(tmp_path, capsys):
    content = tmp_path / "content"
    copy(FIXTURE, content / "A_61_100")
    out = tmp_path / "dist"
    assert main(["build", str(content), str(content / "A_61_100"), "--format", "html", "--out", str(out)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"wrote {out / 'A_61_100' / 'A_61_100-EN.html'}"]
