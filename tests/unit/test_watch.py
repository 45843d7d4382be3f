"""`unpress watch` rebuilds on a change and the preview page reloads itself."""

from __future__ import annotations

import contextlib
import re
import shutil
import threading
import time
import urllib.request
from pathlib import Path

from unpress.settings import Settings
from unpress.watch import BUILD_PATH, watch

FIXTURES = Path(__file__).parents[1] / "fixtures"


def wait_for(condition, seconds: float = 20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


@contextlib.contextmanager
def watching(content: Path, out: Path, said: list[str], formats: tuple[str, ...] = ("html",)):
    """`unpress watch` of `content` into `out` on any free port, in a thread, for the with block."""
    stop = threading.Event()
    thread = threading.Thread(target=watch, daemon=True, kwargs=dict(
        paths=[content], formats=list(formats), settings=Settings(output=out), port=0, say=said.append, stop=stop))
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=30)


def test_watch_rebuilds_on_change_and_serves_the_preview(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "A_61_100", content / "A_61_100")
    said: list[str] = []
    with watching(content, tmp_path / "dist", said):
        address = wait_for(lambda: next((m.group(1) for line in said
                                         if (m := re.search(r"at (http://127\.0\.0\.1:\d+/)", line))), None))

        def get(path: str) -> str:
            with urllib.request.urlopen(address + path.lstrip("/"), timeout=10) as response:
                return response.read().decode("utf-8")

        page = get("A_61_100/A_61_100-EN.html")
        assert "I have the honour" in page and "location.reload()" in page
        assert get(BUILD_PATH) == "1"
        letter = content / "A_61_100" / "en" / "letter.md"
        time.sleep(0.5)  # let the watcher settle before the change
        letter.write_text(letter.read_text(encoding="utf-8").replace("honour", "great honour"), encoding="utf-8")
        wait_for(lambda: get(BUILD_PATH) == "2")
        assert "I have the great honour" in get("A_61_100/A_61_100-EN.html")
        built = (tmp_path / "dist" / "A_61_100" / "A_61_100-EN.html").read_text(encoding="utf-8")
        assert "location.reload" not in built  # the reload script is added when served, never built


def test_watch_lays_out_again_only_the_pdf_part_that_changed(tmp_path, monkeypatch):
    """Issue #19: the PDF's parts kept in the output folder are the watch's too: after a change in
    the annex, the annex alone is laid out again, the letter's layout is taken as kept."""
    from unpress.render import pdf

    laid_out: list[str] = []  # the print HTML of each layout, in order
    write = pdf._Writer.write
    monkeypatch.setattr(pdf._Writer, "write", lambda self, page, *args: laid_out.append(page) or write(self, page, *args))
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "A_61_100", content / "A_61_100")
    said: list[str] = []
    with watching(content, tmp_path / "dist", said, formats=("pdf",)):
        wait_for(lambda: any(line.startswith("build 1:") for line in said), 60)
        assert len(laid_out) == 2  # the letter and the annex, each alone
        annex = content / "A_61_100" / "en" / "annex.md"
        time.sleep(0.5)  # let the watcher settle before the change
        annex.write_text(annex.read_text(encoding="utf-8").replace("Egmont Palace", "Palais d'Egmont"), encoding="utf-8")
        wait_for(lambda: any(line.startswith("build 2:") for line in said), 60)
    (again,) = laid_out[2:]
    assert "Palais d&#39;Egmont" in again or "Palais d'Egmont" in again
    assert "I have the honour" not in again
