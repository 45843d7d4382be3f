"""A source changed while a build reads it is never recorded as built: the next build makes it again."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from tests.unit.test_watch import wait_for, watching
from unpress import pipeline
from unpress.cli import main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "A_61_100"


def test_a_part_edited_while_the_build_reads_the_folder_is_built_again_next_time(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "A_61_100"
    shutil.copytree(FIXTURE, folder)
    letter = folder / "en" / "letter.md"
    out = tmp_path / "dist"
    page = out / "A_61_100" / "A_61_100-EN.html"
    real_load = pipeline.load_document

    def load_then_edit(*args, **kwargs):  # the writer saves just after the build has read the letter
        loaded = real_load(*args, **kwargs)
        letter.write_text(letter.read_text(encoding="utf-8").replace("honour", "great honour"), encoding="utf-8")
        return loaded

    monkeypatch.setattr(pipeline, "load_document", load_then_edit)
    assert main(["build", str(folder), "--format", "html", "--out", str(out)]) == 0
    assert "great honour" not in page.read_text(encoding="utf-8")  # built from what was read
    monkeypatch.undo()
    capsys.readouterr()
    assert main(["build", str(folder), "--format", "html", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {page}\n"  # not "unchanged"
    assert "great honour" in page.read_text(encoding="utf-8")


def test_watch_after_rapid_saves_shows_the_last_one(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content / "A_61_100")
    letter = content / "A_61_100" / "en" / "letter.md"
    original = letter.read_text(encoding="utf-8")
    page = tmp_path / "dist" / "A_61_100" / "A_61_100-EN.html"
    said: list[str] = []
    with watching(content, tmp_path / "dist", said):
        wait_for(lambda: any("serving" in line for line in said))
        time.sleep(0.5)  # let the watcher settle before the changes
        for save in range(12):  # saves closer together than a build takes, and some within its debounce
            letter.write_text(original.replace("honour", f"honour (save {save})"), encoding="utf-8")
            time.sleep(0.03 * (save % 4))
        wait_for(lambda: "honour (save 11)" in page.read_text(encoding="utf-8"), seconds=30)
    assert not any(re.search(r"error|Traceback", line) for line in said), said
