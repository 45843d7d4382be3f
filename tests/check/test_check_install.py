"""`unpress check` runs on a plain install: a virtual environment with `pip install .` alone (no
test extras, no packages of the machine's Python), a fresh build, and check passes on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.client  # installs unpress and its dependencies with pip: slow

ROOT = Path(__file__).parents[2]


def test_check_passes_on_a_fresh_build_from_a_plain_install(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    # The dependencies resolve from the package index pip is set up with, as for a user.
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT)], check=True, timeout=1200)
    work = tmp_path / "work"
    shutil.copytree(ROOT / "tests" / "fixtures", work / "content")
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    for command in (["unpress", "build", "content", "--out", "dist"], ["unpress", "check", "dist"]):
        result = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
    assert result.stdout == "checked dist: the artifacts agree with their content and each other\n"
    assert {"A_61_100-EN.docx", "A_61_100-EN.html", "A_61_100-EN.pdf"} <= {
        path.name for path in (work / "dist" / "A_61_100").iterdir()}
    # The check ran the unpress of the venv, not the one of this checkout.
    where = subprocess.run([str(python), "-c", "import unpress; print(unpress.__file__)"], cwd=work, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(venv))
