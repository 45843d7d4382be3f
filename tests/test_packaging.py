"""An installed unpress carries its templates, styles and locales and works outside the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.client  # builds a wheel with pip: slow

ROOT = Path(__file__).parents[1]


def test_the_wheel_installs_a_working_unpress(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "wheel"),
                    str(ROOT)], check=True, timeout=300)
    (wheel,) = (tmp_path / "wheel").glob("unpress-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("unpress/templates/html/document.html.j2", "unpress/styles/document.css",
                 "unpress/styles/tokens.yaml", "unpress/locales/fr.yaml"):
        assert name in names

    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, timeout=300)
    work = tmp_path / "work"
    shutil.copytree(ROOT / "content", work / "content")
    result = subprocess.run([sys.executable, "-m", "unpress", "build", "--format", "html"], cwd=work,
                            env={**os.environ, "PYTHONPATH": str(site)}, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert (work / "dist" / "A_61_XXX" / "A_61_XXX-FR.html").is_file()
    assert str(site) in subprocess.run(
        [sys.executable, "-c", "import unpress.theme as t; print(t.BUILTIN_TEMPLATES)"], cwd=work,
        env={**os.environ, "PYTHONPATH": str(site)}, capture_output=True, text=True).stdout
