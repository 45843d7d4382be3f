"""`unpress check` passes on every language version, in the three formats, as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("content", ["content", "tests/languages/A_61_100"])
def test_build_then_check_passes(content, tmp_path):
    out = tmp_path / "dist"
    for command in (["build", content, "--out", str(out)], ["check", str(out)]):
        done = subprocess.run([sys.executable, "-m", "unpress", *command], cwd=REPO, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, f"unpress {' '.join(command)}:\n{done.stderr}"
    assert {path.suffix for path in out.glob("[!.]*/*")} == {".html", ".pdf", ".docx", ".xml"}
