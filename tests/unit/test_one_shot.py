"""A build run as the process's command line freezes what it holds before rendering (gc.freeze:
the collector's passes no longer go over the modules and the documents); a build called from
Python, which may build again, leaves the collector as it was."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from unpress.cli import main

ROOT = Path(__file__).parents[2]
FIXTURE = Path(__file__).parents[1] / "fixtures" / "A_61_100"

COMMAND_LINE = """
import gc, sys
from unpress.cli import main
sys.argv = ["unpress", *sys.argv[1:]]
status = main()  # as the console script and python -m unpress call it
print(status, gc.get_freeze_count())
"""


def frozen_after(*args: str) -> tuple[int, int]:
    result = subprocess.run([sys.executable, "-c", COMMAND_LINE, *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    status, frozen = result.stdout.splitlines()[-1].split()  # after the "wrote ..." lines
    return int(status), int(frozen)


def test_a_command_line_build_freezes_what_it_holds_before_rendering(tmp_path):
    status, frozen = frozen_after("build", str(FIXTURE), "--format", "html", "--out", str(tmp_path), "--jobs", "1")
    assert status == 0 and frozen > 10_000  # the modules and the document, at least
    assert (tmp_path / "A_61_100").is_dir()
    # Nothing to render (the outputs are current): nothing is frozen.
    assert frozen_after("build", str(FIXTURE), "--format", "html", "--out", str(tmp_path), "--jobs", "1") == (0, 0)


def test_a_build_called_from_python_does_not_freeze(tmp_path, capsys):
    before = gc.get_freeze_count()
    assert main(["build", str(FIXTURE), "--format", "html", "--out", str(tmp_path), "--jobs", "1"]) == 0
    assert gc.get_freeze_count() == before
